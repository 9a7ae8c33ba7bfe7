package plots

import (
	"fmt"

	"github.com/placesim/placesim/sim"
)

// NPVBasis says on what terms business case nc's net present value is worked out, in the
// words of a single council's pack: "Net present value over 10 years, in 2026/27 prices,
// discounted at 3.5% a year (HM Treasury's Green Book rate is 3.5%)" (discountTerms). It returns "" for a
// business case with no years.
func NPVBasis(nc *sim.NetCase) string {
	if nc == nil || len(nc.Years) == 0 {
		return ""
	}
	return fmt.Sprintf("Net present value over %s, in %s prices, discounted at %s",
		runYearsText(nc), nc.Years[0].Period, discountTerms(nc, "HM Treasury's Green Book rate is ", "HM Treasury's Green Book rate is "))
}

// NPVLabel is the name of business case nc's net present value's row in a workbook, as a
// single council's workbook names it: "Net present value at 3.5% a year", or, where the case
// has a year 31 and discounts it at another rate (the Green Book's schedule), "Net present
// value at 3.5% a year to year 30, 3% from year 31". nil names it at the Green Book's rate.
func NPVLabel(nc *sim.NetCase) string {
	if nc == nil {
		return fmt.Sprintf("Net present value at %s a year", rate(sim.GreenBookDiscountRate))
	}
	if d := nc.Discount; hasYear31(nc) && !d.Flat() {
		return fmt.Sprintf("Net present value at %s a year to year 30, %s from year 31", rate(d.Rate), rate(d.From31))
	}
	return fmt.Sprintf("Net present value at %s a year", rate(nc.Discount.Rate))
}
