package plots

import (
	"fmt"

	"github.com/placesim/placesim/sim"
)

// NPVBasis says on what terms business case nc's net present value is worked out, in the
// words of a single council's pack: "Net present value over 10 years, in 2026/27 prices,
// discounted at 3.5% a year (HM Treasury's Green Book rate is 3.5%)". It returns "" for a
// business case with no years.
func NPVBasis(nc *sim.NetCase) string {
	if nc == nil || len(nc.Years) == 0 {
		return ""
	}
	return fmt.Sprintf("Net present value over %s, in %s prices, discounted at %s a year (%s)",
		runYearsText(nc), nc.Years[0].Period, rate(nc.DiscountRate), greenBook(nc, "HM Treasury's Green Book rate is ", "HM Treasury's Green Book rate is "))
}

// NPVLabel is the name of a net present value's row in a workbook, as a single council's
// workbook names it: "Net present value at 3.5% a year".
func NPVLabel(discountRate float64) string {
	return fmt.Sprintf("Net present value at %s a year", rate(discountRate))
}
