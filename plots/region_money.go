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

// RegionChangesTotalKey says, under a region's table of changes (printed, in the pack and in
// the workbook's How to read), that its region row is the total of its councils' rows: every
// figure but the shares is each paired run's councils' figures added up, so that its mean is
// the sum of theirs. onePair leaves out the interval, which one paired run does not give.
func RegionChangesTotalKey(onePair bool) string {
	if onePair {
		return "The region's row is the total of the councils' rows above, every figure but the shares added up (the sum of theirs, up to rounding here); its shares are of all the region's children, not a sum."
	}
	return "The region's row is the total of the councils' rows above, every figure but the shares added up in each paired run: its mean is the sum of theirs (up to rounding here), " +
		"and its interval is worked out from the totals, not added up from theirs; its shares are of all the region's children, not a sum."
}

// RegionCaseTotalKey says, under a region's table of business cases (in the pack, and after
// the region's net saving where it is printed), that the region's row is the total of its
// councils': in each paired run their net savings and net present values added up. onePair
// leaves out the interval, which one paired run does not give.
func RegionCaseTotalKey(onePair bool) string {
	if onePair {
		return "The region's row is the total of the councils' rows above: their net savings and net present values added up " +
			"(the sum of theirs, up to rounding here; business_case.csv and the workbook give each in full); its payback year is the total's own."
	}
	return "The region's row is the total of the councils' rows above: in each paired run their net savings and net present values are added up, " +
		"so its mean is the sum of theirs (up to rounding here; business_case.csv and the workbook give each in full) and its interval is worked out from the totals, not added up from theirs; " +
		"its payback year and chance are the total's own."
}
