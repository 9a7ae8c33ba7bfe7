package sim

import (
	"bufio"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SpendingPart is one part of a council's change in spending between a baseline and a
// strategy over one period, made only of the means a comparison gives (Difference), so that
// it can be worked out again from comparison.csv.
//
// A part is a kind of placement (its cost_KIND and occupied_KIND), a cost tied to no kind
// (cost_staying_put, cost_care_leavers, cost_carer_support, cost_recruitment,
// cost_programme), or the total (cost_total). A kind's weekly price is its spending over the
// period divided by its children on an average day and the period's weeks: the average
// weekly cost of a child placed there, which moves with the market's premiums and with the
// mix of needs and ages placed there. Its change in spending then splits exactly as
//
//	ΔCost = (AltWeekly - BaseWeekly) × BaseChildren × Weeks   (PriceEffect)
//	      + AltWeekly × (AltChildren - BaseChildren) × Weeks  (VolumeEffect)
//
// where both runs place children there. Where one run places none, the weekly price of that
// run is not known: the children's change is all volume at the other run's price, and what is
// left (a cost paid with no child placed, such as an in-house home's running cost) is Other.
// A cost tied to no kind is all Other. The total's PriceEffect, VolumeEffect and Other are
// the sums of the parts', and its Residual is its change less those three: what the parts
// leave out of cost_total, 0 but for rounding.
//
// The whole run is split year by year: its price, volume and other effects are the sums of
// those of its financial years, so that the split adds up over the years and a price that is
// the same in both runs every year has no price effect. Pooling the run into one average
// weekly price would count when children are placed (more of them in later, dearer years) as
// a change in price. The whole run's weekly prices are that average, for reading only.
type SpendingPart struct {
	// Period is the financial year ("2027/28") or "all".
	Period string
	// Part is the kind ("ifa"), the cost KPI of a cost tied to no kind ("cost_care_leavers"),
	// or "total".
	Part string
	// CostKPI and ChildrenKPI are the KPIs of comparison.csv the part is made of;
	// ChildrenKPI is "" for a part with no children.
	CostKPI, ChildrenKPI string
	// Weeks is the period's length in weeks: its days in the run over 7.
	Weeks float64
	// BaseChildren and AltChildren are the children placed in the kind on an average day,
	// ChildrenChange the mean paired change and ChildrenLo, ChildrenHi its confidence
	// interval; NaN for a part with no children.
	BaseChildren, AltChildren, ChildrenChange, ChildrenLo, ChildrenHi float64
	// BaseWeekly and AltWeekly are the weekly price of a child placed in the kind, in pounds;
	// NaN where the run places no child there, or for a part with no children.
	BaseWeekly, AltWeekly float64
	// BaseCost and AltCost are the spending over the period, in pounds, CostChange the mean
	// paired change and CostLo, CostHi its confidence interval.
	BaseCost, AltCost, CostChange, CostLo, CostHi float64
	// PriceEffect, VolumeEffect and Other split CostChange as the type's comment says, in
	// pounds; Residual is what they leave of it.
	PriceEffect, VolumeEffect, Other, Residual float64
}

// SpendingPartsHeader is the header of the rows WriteSpendingParts writes.
const SpendingPartsHeader = "council,scenario,baseline,own_changes,period,part,cost_kpi,children_kpi,weeks," +
	"base_children,alt_children,children_change,children_change_lo,children_change_hi," +
	"base_weekly_gbp,alt_weekly_gbp,base_cost,alt_cost,cost_change,cost_change_lo,cost_change_hi," +
	"price_effect,volume_effect,other,residual"

// costAggregates are the cost KPIs that add up others, left out of the parts.
var costAggregates = map[string]bool{CostTotal: true, CostPlacements: true, CostCarers: true, CostOwnProvision: true}

// PeriodWeeks returns the weeks of period ("all" or a financial year such as "2027/28") that
// lie in a run of years from start: its days in the run over 7, 0 for a period it does not
// know.
func PeriodWeeks(start time.Time, years int, period string) float64 {
	from := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	end := from.AddDate(years, 0, 0)
	if period != "all" {
		y, err := strconv.Atoi(strings.SplitN(period, "/", 2)[0])
		if err != nil {
			return 0
		}
		fyStart, fyEnd := time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, time.April, 1, 0, 0, 0, 0, time.UTC)
		if fyStart.After(from) {
			from = fyStart
		}
		if fyEnd.Before(end) {
			end = fyEnd
		}
	}
	if !end.After(from) {
		return 0
	}
	return end.Sub(from).Hours() / 24 / 7
}

// SpendingParts returns the parts of the change in spending that diffs (sim.Compare's rows
// of one council or region) give for period, the kinds in the order diffs hold their costs,
// then the costs tied to no kind, then the total; weeks gives a period's length
// (PeriodWeeks). It returns nil when diffs hold no cost_total for period.
//
// The whole run's (WholeRun) price, volume and other effects are the sums of its financial
// years' (every other period of diffs with a cost_total), and each part's Residual is its
// change less those sums (0 but for rounding); only where diffs hold no year is the whole run
// split as one period.
func SpendingParts(diffs []Difference, period string, weeks func(period string) float64) []SpendingPart {
	parts := splitPeriod(diffs, period, weeks(period))
	if period != WholeRun || parts == nil {
		return parts
	}
	var years []string
	for _, d := range diffs {
		if d.Period != WholeRun && d.KPI == CostTotal && !slices.Contains(years, d.Period) {
			years = append(years, d.Period)
		}
	}
	if len(years) == 0 {
		return parts
	}
	for i := range parts {
		p := &parts[i]
		p.PriceEffect, p.VolumeEffect, p.Other = 0, 0, 0
	}
	for _, y := range years {
		for _, yp := range splitPeriod(diffs, y, weeks(y)) {
			if i := slices.IndexFunc(parts, func(p SpendingPart) bool { return p.Part == yp.Part }); i >= 0 {
				parts[i].PriceEffect += yp.PriceEffect
				parts[i].VolumeEffect += yp.VolumeEffect
				parts[i].Other += yp.Other
			}
		}
	}
	for i := range parts {
		p := &parts[i]
		p.Residual = p.CostChange - p.PriceEffect - p.VolumeEffect - p.Other
	}
	return parts
}

// RegionSpendingParts returns region's parts (SpendingParts of the region's rows, RegionTotal)
// with each part's price, volume and other effects the sums of the councils' parts of the
// same part (each of councils is one council's SpendingParts of the same period), and its
// Residual its change less those sums: the region's split of its change in spending is the
// sum of its councils' splits. Split from the region's own means, a child moved from a
// council that pays less for a kind to one that pays more would raise the region's weekly
// price of the kind, and be read as a change in price that no council's price made. The
// region's weekly prices and children are its own, for reading. region is changed in place
// and returned.
func RegionSpendingParts(region []SpendingPart, councils [][]SpendingPart) []SpendingPart {
	for i := range region {
		p := &region[i]
		p.PriceEffect, p.VolumeEffect, p.Other = 0, 0, 0
		for _, parts := range councils {
			for _, c := range parts {
				if c.Part == p.Part {
					p.PriceEffect += c.PriceEffect
					p.VolumeEffect += c.VolumeEffect
					p.Other += c.Other
				}
			}
		}
		p.Residual = p.CostChange - p.PriceEffect - p.VolumeEffect - p.Other
	}
	return region
}

// splitPeriod splits the change in spending of one period of weeks weeks as SpendingPart's
// comment says, from its own means alone.
func splitPeriod(diffs []Difference, period string, weeks float64) []SpendingPart {
	byKPI := map[string]Difference{}
	var costs []string
	for _, d := range diffs {
		if d.Period != period {
			continue
		}
		byKPI[d.KPI] = d
		if strings.HasPrefix(d.KPI, "cost_") && !costAggregates[d.KPI] {
			costs = append(costs, d.KPI)
		}
	}
	total, ok := byKPI[CostTotal]
	if !ok {
		return nil
	}
	nan := math.NaN()
	var kinds, others []SpendingPart
	sum := SpendingPart{Period: period, Part: "total", CostKPI: CostTotal, Weeks: weeks,
		BaseChildren: nan, AltChildren: nan, ChildrenChange: nan, ChildrenLo: nan, ChildrenHi: nan, BaseWeekly: nan, AltWeekly: nan,
		BaseCost: total.BaseMean, AltCost: total.AltMean, CostChange: total.DiffMean, CostLo: total.DiffLo, CostHi: total.DiffHi}
	for _, kpi := range costs {
		c := byKPI[kpi]
		p := SpendingPart{Period: period, Part: kpi, CostKPI: kpi, Weeks: weeks,
			BaseChildren: nan, AltChildren: nan, ChildrenChange: nan, ChildrenLo: nan, ChildrenHi: nan, BaseWeekly: nan, AltWeekly: nan,
			BaseCost: c.BaseMean, AltCost: c.AltMean, CostChange: c.DiffMean, CostLo: c.DiffLo, CostHi: c.DiffHi}
		kind := strings.TrimPrefix(kpi, "cost_")
		occ, isKind := byKPI[OccupiedKPI(kind)]
		if !isKind {
			p.Other = p.CostChange
			others = append(others, p)
		} else {
			p.Part, p.ChildrenKPI = kind, occ.KPI
			p.BaseChildren, p.AltChildren, p.ChildrenChange, p.ChildrenLo, p.ChildrenHi = occ.BaseMean, occ.AltMean, occ.DiffMean, occ.DiffLo, occ.DiffHi
			if weeks > 0 && p.BaseChildren > 0 {
				p.BaseWeekly = p.BaseCost / (p.BaseChildren * weeks)
			}
			if weeks > 0 && p.AltChildren > 0 {
				p.AltWeekly = p.AltCost / (p.AltChildren * weeks)
			}
			dv := p.AltChildren - p.BaseChildren
			switch {
			case !math.IsNaN(p.BaseWeekly) && !math.IsNaN(p.AltWeekly):
				p.PriceEffect = (p.AltWeekly - p.BaseWeekly) * p.BaseChildren * weeks
				p.VolumeEffect = p.AltWeekly * dv * weeks
			case !math.IsNaN(p.AltWeekly): // none placed there in the baseline
				p.VolumeEffect = p.AltWeekly * dv * weeks
			case !math.IsNaN(p.BaseWeekly): // none placed there in the strategy
				p.VolumeEffect = p.BaseWeekly * dv * weeks
			}
			p.Other = p.AltCost - p.BaseCost - p.PriceEffect - p.VolumeEffect
			kinds = append(kinds, p)
		}
		sum.PriceEffect += p.PriceEffect
		sum.VolumeEffect += p.VolumeEffect
		sum.Other += p.Other
	}
	sum.Residual = sum.CostChange - sum.PriceEffect - sum.VolumeEffect - sum.Other
	out := append(kinds, others...)
	return append(out, sum)
}

// WriteSpendingParts writes parts as CSV rows of SpendingPartsHeader (after it, when header
// is set), of council (or RegionTotal) in the strategy alt against base; ownChanges says whether the strategy changes
// anything of the council itself ("yes") or not ("no"). A figure that is not known (NaN) is
// left empty.
func WriteSpendingParts(w io.Writer, council, alt, base string, ownChanges bool, parts []SpendingPart, header bool) error {
	bw := bufio.NewWriter(w)
	if header {
		bw.WriteString(SpendingPartsHeader + "\n")
	}
	own := "no"
	if ownChanges {
		own = "yes"
	}
	var b []byte
	for _, p := range parts {
		b = append(b[:0], csvField(council)...)
		for _, s := range []string{alt, base, own, p.Period, p.Part, p.CostKPI, p.ChildrenKPI} {
			b = append(append(b, ','), csvField(s)...)
		}
		for _, v := range []float64{p.Weeks, p.BaseChildren, p.AltChildren, p.ChildrenChange, p.ChildrenLo, p.ChildrenHi,
			p.BaseWeekly, p.AltWeekly, p.BaseCost, p.AltCost, p.CostChange, p.CostLo, p.CostHi,
			p.PriceEffect, p.VolumeEffect, p.Other, p.Residual} {
			b = append(b, ',')
			if !math.IsNaN(v) {
				b = AppendNum(b, v)
			}
		}
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}
