package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/placesim/placesim/model"
)

// The rows a comparison adds for the Home Office's grants for unaccompanied asylum-seeking
// children (UASCGrants): income, which spending never counts.
const (
	// UASCGrantNotCounted is the grant for the UASC in care, in pounds: UASCInCare's child-days
	// over the period at model.UASCStream.GrantPerNightGBP.
	UASCGrantNotCounted = "uasc_grant_not_counted"
	// UASCLeavingCareGrantNotCounted is the leaving-care grant for former UASC supported after
	// care, in pounds: UASCCareLeavers' young-person-days over the period at
	// model.UASCStream.LeavingCareGrantPerWeekGBP / 7.
	UASCLeavingCareGrantNotCounted = "uasc_leaving_care_grant_not_counted"
)

// UASCGrantRatesEach returns the grant rates each scenario of a comparison of alt against base
// is priced at: its own, or the other's where it gives none; in pounds a child a night and a
// young person a week. The two differ only where both scenarios give a rate and the rates
// differ.
func UASCGrantRatesEach(base, alt *model.Scenario) (baseNight, altNight, baseWeek, altWeek float64) {
	own := func(mine, other float64) float64 {
		if mine == 0 {
			return other
		}
		return mine
	}
	b, a := base.UASC, alt.UASC
	return own(b.GrantPerNightGBP, a.GrantPerNightGBP), own(a.GrantPerNightGBP, b.GrantPerNightGBP),
		own(b.LeavingCareGrantPerWeekGBP, a.LeavingCareGrantPerWeekGBP), own(a.LeavingCareGrantPerWeekGBP, b.LeavingCareGrantPerWeekGBP)
}

// UASCGrants returns the Home Office's UASC grants each run would bring, paired as Compare
// pairs its KPIs, for every period of the runs (each financial year, then the whole run): the
// grant for the UASC in care (UASCGrantNotCounted) when a rate is given
// (UASCGrantRatesEach), then the leaving-care grant (UASCLeavingCareGrantNotCounted) when its
// rate is given. Each is the KPI's time-average times the days of the period the run
// covers, times the run's own rate (UASCGrantRatesEach), not uprated for inflation. It
// returns nil when neither rate is given, or the runs lack the KPIs.
func UASCGrants(base, alt *Results, level float64) ([]Difference, error) {
	gs, err := uascGrantRuns(base, alt)
	if err != nil {
		return nil, err
	}
	return pairGrants(gs, level), nil
}

// pairGrants pairs each row of gs as Compare pairs a KPI's runs, at confidence level.
func pairGrants(gs []grantRuns, level float64) []Difference {
	var out []Difference
	for _, g := range gs {
		out = append(out, difference(g.period, g.kpi, g.base, g.alt, level))
	}
	return out
}

// grantRuns is one row of UASCGrants before it is paired: the grant of each run of the
// baseline and of the alternative in a period.
type grantRuns struct {
	kpi, period string
	base, alt   []float64
}

// uascGrantRuns returns the rows of UASCGrants, each run's grant unpaired, in its order.
func uascGrantRuns(base, alt *Results) ([]grantRuns, error) {
	if err := checkPaired(base, alt); err != nil {
		return nil, err
	}
	baseNight, altNight, baseWeek, altWeek := UASCGrantRatesEach(base.Scenario, alt.Scenario)
	type grant struct {
		kpi, of               string
		basePerDay, altPerDay float64
	}
	var grants []grant
	if altNight > 0 {
		grants = append(grants, grant{UASCGrantNotCounted, UASCInCare, baseNight, altNight})
	}
	if altWeek > 0 {
		grants = append(grants, grant{UASCLeavingCareGrantNotCounted, UASCCareLeavers, baseWeek / 7, altWeek / 7})
	}
	var out []grantRuns
	for _, g := range grants {
		kb, ka := slices.Index(base.KPIs, g.of), slices.Index(alt.KPIs, g.of)
		if kb < 0 || ka < 0 {
			continue
		}
		for p, period := range base.Periods {
			days := periodDays(base.Scenario, period)
			b, a := slices.Clone(base.KPI(p, kb)), slices.Clone(alt.KPI(p, ka))
			for i := range b {
				b[i] *= days * g.basePerDay
				a[i] *= days * g.altPerDay
			}
			out = append(out, grantRuns{g.kpi, period, b, a})
		}
	}
	return out, nil
}

// RegionUASCGrants returns UASCGrants of each council of the region base against the council
// of the same name in alt, in base's order (nil for a council whose comparison gives no grant
// rate), and then the region's (RegionTotal): for each grant a council's comparison counts,
// the councils' grants added up pair by pair, each at its council's own rates, in every
// period. Both must be runs of the same seed, replications and years.
func RegionUASCGrants(base, alt *RegionResults, level float64) ([][]Difference, error) {
	out := make([][]Difference, 0, len(base.Councils)+1)
	sums := map[[2]string]*grantRuns{}
	var order [][2]string
	for i, bc := range base.Region.Councils {
		j := slices.IndexFunc(alt.Region.Councils, func(c model.Council) bool { return c.Name == bc.Name })
		if j < 0 || i >= len(base.Councils) || j >= len(alt.Councils) {
			return nil, fmt.Errorf("%s: %s has no council of that name", bc.Name, alt.Region.Name)
		}
		gs, err := uascGrantRuns(base.Councils[i], alt.Councils[j])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", bc.Name, err)
		}
		for _, g := range gs {
			key := [2]string{g.kpi, g.period}
			sum := sums[key]
			if sum == nil {
				sum = &grantRuns{g.kpi, g.period, make([]float64, len(g.base)), make([]float64, len(g.alt))}
				sums[key] = sum
				order = append(order, key)
			}
			for r := range min(len(sum.base), len(g.base)) {
				sum.base[r] += g.base[r]
				sum.alt[r] += g.alt[r]
			}
		}
		out = append(out, pairGrants(gs, level))
	}
	// The region's rows in the order a council's comparison gives them: the grant for UASC in
	// care, then the leaving-care grant, each period by period.
	var region []Difference
	for _, kpi := range []string{UASCGrantNotCounted, UASCLeavingCareGrantNotCounted} {
		for _, key := range order {
			if key[0] == kpi {
				g := sums[key]
				region = append(region, difference(g.period, g.kpi, g.base, g.alt, level))
			}
		}
	}
	return append(out, region), nil
}

// periodDays is the number of days of period (a financial year, "2026/27", or WholeRun) in
// the run of s: from its start to the end of its Years.
func periodDays(s *model.Scenario, period string) float64 {
	from, to := s.Start, s.Start.AddDate(s.Years, 0, 0)
	if period != WholeRun {
		y, err := strconv.Atoi(period[:min(4, len(period))])
		if err != nil {
			return 0
		}
		from = later(from, time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC))
		if end := time.Date(y+1, time.April, 1, 0, 0, 0, 0, time.UTC); end.Before(to) {
			to = end
		}
	}
	if !to.After(from) {
		return 0
	}
	return to.Sub(from).Hours() / 24
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// WriteGrantMemo writes the UASC grants of a business case (UASCGrants' rows, each the
// alternative's grant less the baseline's) as rows of business_case.csv under NetCaseHeader,
// each figure named "memo_" and the grant's name: memo rows, which the net saving, the
// cumulative net saving and the net present value leave out. p_positive is the share of pairs
// in which the alternative brings more grant; p_paid_back is NA.
func WriteGrantMemo(w io.Writer, alt, base string, grants []Difference) error {
	bw := bufio.NewWriter(w)
	prefix := csvField(alt) + "," + csvField(base) + ","
	var b []byte
	for _, d := range grants {
		b = append(b[:0], prefix...)
		b = append(b, csvField(d.Period)...)
		b = append(append(b, ",memo_"...), d.KPI...)
		for _, v := range []float64{d.DiffMean, d.DiffLo, d.DiffHi, d.RunLo, d.RunHi, d.PHigher, math.NaN()} {
			b = AppendNum(append(b, ','), v)
		}
		b = strconv.AppendInt(append(b, ','), int64(d.N), 10)
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}
