package plots

import (
	"fmt"
	"math"
	"strings"

	"github.com/placesim/placesim/model"
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
	return fmt.Sprintf("Net present value over %s, in %s prices, discounted at %s a year (HM Treasury's Green Book rate is %s)",
		runYearsText(nc), nc.Years[0].Period, rate(nc.DiscountRate), rate(sim.GreenBookDiscountRate))
}

// NPVLabel is the name of a net present value's row in a workbook, as a single council's
// workbook names it: "Net present value at 3.5% a year".
func NPVLabel(discountRate float64) string {
	return fmt.Sprintf("Net present value at %s a year", rate(discountRate))
}

// RegionMarketPricesNote says how region reg's shared markets price a place beyond the
// councils' own weekly prices and their inflation, for each market whose pricing does
// anything: its providers' real growth a year above inflation (compounding), its scarcity
// premium and its premium for a placement made from an emergency: "In the shared markets a
// council pays its own scenario's weekly price, with its own inflation, changed by the market's pricing. Independent
// fostering agency: its providers' prices rise 1% a year above inflation, compounding from the
// start (real_growth_per_year); plus up to 15% more when over 85% of its places are in use (a
// scarcity premium); plus 5% more for a placement made from an emergency." It returns "" when
// no market's pricing adds anything.
func RegionMarketPricesNote(reg *model.Region) string {
	var parts []string
	for _, m := range reg.Markets {
		pr := m.Pricing
		var adds []string
		if pr.RealGrowthPerYear != 0 {
			dir := "rise %s a year above inflation"
			if pr.RealGrowthPerYear < 0 {
				dir = "fall %s a year below inflation"
			}
			adds = append(adds, "its providers' prices "+fmt.Sprintf(dir, rate(math.Abs(pr.RealGrowthPerYear)))+", compounding from the start (real_growth_per_year)")
		}
		if pr.PremiumAtFull > 0 {
			adds = append(adds, fmt.Sprintf("up to %s more when over %s of its places are in use (a scarcity premium)", rate(pr.PremiumAtFull), formatShare(pr.Threshold)))
		}
		if pr.UrgentPremium > 0 {
			adds = append(adds, fmt.Sprintf("%s more for a placement made from an emergency", rate(pr.UrgentPremium)))
		}
		if len(adds) > 0 {
			parts = append(parts, marketLabel(reg, m.Kind)+": "+strings.Join(adds, "; plus "))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "In the shared markets a council pays its own scenario's weekly price, with its own inflation, changed by the market's pricing. " + strings.Join(parts, ". ") + "."
}
