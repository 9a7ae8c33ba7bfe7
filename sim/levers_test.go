package sim_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// monthlySums returns, for each reported month, the sum over the replications of metric.
func monthlySums(t *testing.T, res *sim.Results, metric string) []float64 {
	t.Helper()
	col := slices.Index(res.Metrics, metric)
	if col < 0 {
		t.Fatalf("no metric %s", metric)
	}
	row := make([]float64, len(res.Metrics))
	out := make([]float64, len(res.Months))
	for m := range res.Months {
		for i := range res.Reps {
			if err := res.MonthlyRows(i, m, m+1, row); err != nil {
				t.Fatal(err)
			}
			out[m] += row[col]
		}
	}
	return out
}

func loadRun(t *testing.T, name string, reps int, sets ...string) (*model.Scenario, *sim.Results) {
	t.Helper()
	s, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: reps, Seed: 9, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

// TestCareLeaverPlacesFromADate caps care leavers' accommodation at 20 places for a year from
// April 2027, with about 96 young people there at the start and 18-year-olds coming each
// month. The cap is exact, so so is the test: before the cap and after it no one is turned
// away (the scenario's places are uncapped); while it holds, more than 20 are still there from
// before it, so every 18-year-old wanting a place is turned away and the number there never
// rises from one month to the next. Written as capacity of care_leavers, it is the same
// intervention.
func TestCareLeaverPlacesFromADate(t *testing.T) {
	const iv = "interventions=[{action: care_leaver_places, from: 2027-04-01, to: 2028-04-01, count: 20}]"
	s, res := loadRun(t, "default", 20, "warmup_years=0", "years=3", iv)
	unmet := monthlySums(t, res, sim.CareLeaversUnmet)
	there := monthlySums(t, res, sim.CareLeavers)
	from, to := time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC)
	var turnedAway float64
	for m, start := range res.Months {
		capped := !start.Before(from) && start.Before(to)
		switch {
		case !capped && unmet[m] != 0:
			t.Errorf("%s: %v young people turned away without the cap", start.Format("2006-01"), unmet[m])
		case capped && m > 0 && there[m] > there[m-1]:
			t.Errorf("%s: %v young people there, more than the month before's %v, under a cap of 20 already exceeded", start.Format("2006-01"), there[m], there[m-1])
		}
		if capped {
			turnedAway += unmet[m]
		}
	}
	if turnedAway == 0 {
		t.Error("no young person was turned away under the cap")
	}

	asCapacity, err := scenarios.Load("default", []string{"warmup_years=0", "years=3",
		"interventions=[{action: capacity, kind: care_leavers, from: 2027-04-01, count: 20}]"})
	if err != nil {
		t.Fatal(err)
	}
	want := s.Interventions[0]
	want.To = time.Time{}
	if got := asCapacity.Interventions[0]; got != want {
		t.Errorf("capacity of care_leavers reads as %+v, want %+v", got, want)
	}
}

// TestOverlappingPlacesHoldTheLatest sets the same places twice over, the first with an end
// and the second without, the second starting while the first is in force: when the first
// ends the second still holds, so the run is the one with a single open-ended intervention
// from the first's start, month by month and exactly (the runs share their random numbers).
// Before the first's end, the second's count holds even where it is the larger.
func TestOverlappingPlacesHoldTheLatest(t *testing.T) {
	cases := []struct {
		name, one, two string
		metrics        []string
	}{
		{"care_leaver_places",
			"[{action: care_leaver_places, from: 2026-04-01, count: 70}]",
			"[{action: care_leaver_places, from: 2026-04-01, to: 2028-04-01, count: 70}, {action: care_leaver_places, from: 2027-04-01, count: 70}]",
			[]string{sim.CareLeaversUnmet, sim.CareLeavers}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := []string{"warmup_years=0", "years=4", "care_leavers.places=60", "care_leavers.stock=60"}
			_, one := loadRun(t, "default", 4, append(base, "interventions="+c.one)...)
			_, two := loadRun(t, "default", 4, append(base, "interventions="+c.two)...)
			for _, metric := range c.metrics {
				a, b := monthlySums(t, one, metric), monthlySums(t, two, metric)
				for m, start := range one.Months {
					if a[m] != b[m] {
						t.Errorf("%s %s: %v with the overlap, want %v as with one intervention", start.Format("2006-01"), metric, b[m], a[m])
					}
				}
			}
		})
	}
}

// TestBreakdownRateFromADate halves the breakdown rate of every placement from April 2029 in
// the Erlang check's pool (every placement breaking down at 2 a year). Breakdowns change no
// child's time in care, and the runs share their random numbers, so the two runs have the
// same children in care month by month: until April 2029 they break down alike, month by
// month (exactly), and after it the halved run has half the baseline's breakdowns. With
// about 12,000 breakdowns after it in the baseline and 6,000 in the halved run, the ratio's
// standard error is at most 0.5 × √(1/6,000 + 1/12,000) = 0.008 (counted as independent,
// which the shared numbers only make smaller): the test allows 4 of them. Naming a kind the
// children are not in changes nothing.
func TestBreakdownRateFromADate(t *testing.T) {
	const reps = 100
	base := []string{"kinds.inhouse_foster.breakdown_per_year=2", "kinds.ifa.breakdown_per_year=2"}
	_, b := loadRun(t, "erlang", reps, base...)
	_, h := loadRun(t, "erlang", reps, append(base, "interventions=[{action: breakdown_rate, from: 2029-04-01, factor: 0.5}]")...)
	bb, hb := monthlySums(t, b, sim.Breakdowns), monthlySums(t, h, sim.Breakdowns)
	if !slices.Equal(monthlySums(t, b, sim.ChildrenInCare), monthlySums(t, h, sim.ChildrenInCare)) {
		t.Fatal("the children in care differ between the runs")
	}
	from := time.Date(2029, 4, 1, 0, 0, 0, 0, time.UTC)
	var before, after, halved float64
	for m, start := range b.Months {
		if start.Before(from) {
			if bb[m] != hb[m] {
				t.Errorf("%s: %v breakdowns, want the baseline's %v before the intervention", start.Format("2006-01"), hb[m], bb[m])
			}
			before += bb[m]
			continue
		}
		after += bb[m]
		halved += hb[m]
	}
	if before == 0 || after == 0 {
		t.Fatalf("breakdowns %v before and %v after: the test sees nothing", before, after)
	}
	if r, se := halved/after, 0.5*math.Sqrt(1/halved+1/after); math.Abs(r-0.5) > 4*se {
		t.Errorf("breakdowns after the intervention are %.4f of the baseline's, want 0.5 ± %.4f", r, 4*se)
	}

	// base less its ifa rate, which these give once.
	_, o := loadRun(t, "erlang", reps, append(slices.Clone(base[:1]), "kinds.ifa.breakdown_per_year=0",
		"interventions=[{action: breakdown_rate, from: 2029-04-01, factor: 0.5, kind: ifa}]")...)
	_, n := loadRun(t, "erlang", reps, append(slices.Clone(base[:1]), "kinds.ifa.breakdown_per_year=0")...)
	if !slices.Equal(monthlySums(t, o, sim.Breakdowns), monthlySums(t, n, sim.Breakdowns)) {
		t.Error("halving the breakdowns of a kind no placement breaks down in changed the breakdowns")
	}
}

// TestBreakdownRateChangesNothingBefore runs the default scenario with and without a
// breakdown_rate from April 2028 (with a yearly cost from then): the runs share their
// random numbers, so every figure of every month before April 2028 is the baseline's, bit
// for bit, costs included.
func TestBreakdownRateChangesNothingBefore(t *testing.T) {
	_, b := loadRun(t, "default", 4, "years=4")
	_, h := loadRun(t, "default", 4, "years=4",
		"interventions=[{action: breakdown_rate, from: 2028-04-01, factor: 0.5, cost: {per_year_gbp: 250k}}]")
	from := time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, metric := range b.Metrics {
		bb, hb := monthlySums(t, b, metric), monthlySums(t, h, metric)
		for m, start := range b.Months {
			if start.Before(from) && math.Float64bits(bb[m]) != math.Float64bits(hb[m]) {
				t.Errorf("%s %s: %v with the breakdown_rate, want the baseline's %v before its from", start.Format("2006-01"), metric, hb[m], bb[m])
			}
		}
	}
}

// TestEscalationRateFromADate gives the Erlang check's children, all of standard need and
// aged 12 on entry, breakdowns at 2 a year of which half raise their needs to complex, and
// from April 2029 an escalation_rate of 0: the months before it are the baseline's exactly,
// and from it no child's needs rise, so the children of complex need never grow in number
// from one month to the next (they only leave), while in the baseline they do.
func TestEscalationRateFromADate(t *testing.T) {
	const reps = 20
	base := []string{"kinds.inhouse_foster.breakdown_per_year=2", "kinds.ifa.breakdown_per_year=2",
		"entries.ages=[{ages: 12, share: 1, needs: {standard: 1}}]", "escalation_share=0.5"}
	_, b := loadRun(t, "erlang", reps, base...)
	_, z := loadRun(t, "erlang", reps, append(base, "interventions=[{action: escalation_rate, from: 2029-04-01, factor: 0}]")...)
	complex := model.NeedComplex
	bc, zc := monthlySums(t, b, sim.ChildrenWithNeed(complex)), monthlySums(t, z, sim.ChildrenWithNeed(complex))
	from := time.Date(2029, 4, 1, 0, 0, 0, 0, time.UTC)
	var rises int
	for m, start := range b.Months {
		switch {
		case start.Before(from):
			if bc[m] != zc[m] {
				t.Errorf("%s: %v children of complex need, want the baseline's %v before the intervention", start.Format("2006-01"), zc[m], bc[m])
			}
		case m > 0:
			if !b.Months[m-1].Before(from) && zc[m] > zc[m-1] {
				t.Errorf("%s: %v children of complex need, more than the month before's %v, with no escalation", start.Format("2006-01"), zc[m], zc[m-1])
			}
			if bc[m] > bc[m-1] {
				rises++
			}
		}
	}
	if rises == 0 {
		t.Error("the baseline's children of complex need never grow in number: the test sees nothing")
	}
}

// TestEntryRateOfSomeChildren gives the Erlang check's children two kinds of entrant, half
// aged 5 of standard need and half aged 13 of standard or complex need half and half, so that
// an entry_rate of 12-15 year olds of complex need acts on a quarter of the entrants. Its
// draws are the baseline's but for the children it adds or keeps out, and a child's stay is
// drawn as they enter, so the children of standard need are the baseline's month by month,
// exactly. Tripling the rate of the selected quarter from April 2029 adds twice as many of
// them: entries after it are 1 + 0.25 × 2 = 1.5 times the baseline's. Given the N baseline
// entries, the extra children arrive on their own as a Poisson process of twice the rate of
// the selected quarter, a count of mean and variance N / 2; the ratio's standard error is
// √(0.5 / N), and the test allows 4 of them. A factor of 0 keeps every selected
// child out: from April 2029 the children of complex need only fall in number.
func TestEntryRateOfSomeChildren(t *testing.T) {
	const reps = 100
	mix := "entries.ages=[{ages: 5, share: 0.5, needs: {standard: 1}}, {ages: 13, share: 0.5, needs: {standard: 0.5, complex: 0.5}}]"
	_, b := loadRun(t, "erlang", reps, mix)
	from := time.Date(2029, 4, 1, 0, 0, 0, 0, time.UTC)
	standard, complex := sim.ChildrenWithNeed(model.NeedStandard), sim.ChildrenWithNeed(model.NeedComplex)
	for _, tc := range []struct {
		factor string
		check  func(t *testing.T, a *sim.Results)
	}{
		{"3", func(t *testing.T, a *sim.Results) {
			be, ae := monthlySums(t, b, sim.Entries), monthlySums(t, a, sim.Entries)
			var base, alt float64
			for m, start := range b.Months {
				if start.Before(from) {
					if be[m] != ae[m] {
						t.Errorf("%s: %v entries, want the baseline's %v before the intervention", start.Format("2006-01"), ae[m], be[m])
					}
					continue
				}
				base += be[m]
				alt += ae[m]
			}
			if r, se := alt/base, math.Sqrt(0.5/base); math.Abs(r-1.5) > 4*se {
				t.Errorf("entries after the intervention are %.4f times the baseline's, want 1.5 ± %.4f", r, 4*se)
			}
		}},
		{"0", func(t *testing.T, a *sim.Results) {
			ac := monthlySums(t, a, complex)
			for m, start := range a.Months {
				if m > 0 && !a.Months[m-1].Before(from) && ac[m] > ac[m-1] {
					t.Errorf("%s: %v children of complex need, more than the month before's %v, with none entering", start.Format("2006-01"), ac[m], ac[m-1])
				}
			}
		}},
	} {
		t.Run("factor "+tc.factor, func(t *testing.T) {
			_, a := loadRun(t, "erlang", reps, mix,
				"interventions=[{action: entry_rate, from: 2029-04-01, factor: "+tc.factor+", who: {ages: 12-15, needs: [complex]}}]")
			if !slices.Equal(monthlySums(t, b, standard), monthlySums(t, a, standard)) {
				t.Error("the children of standard need differ from the baseline's")
			}
			tc.check(t, a)
		})
	}
}

// TestEntryRateOfSomeChildrenInGroups has every entrant arrive in a sibling group of two, each
// child of the group drawn from the mix on its own: half aged 5 of standard need, half aged 13
// of complex need. One entry_rate multiplies the children of standard need by 1.5 and another
// those of complex need by 3, so a group often holds one child of each. Each kind's extra
// children enter at its own factor, whatever the groups hold, so children of complex need
// enter at 3 × 0.5 and those of standard need at 1.5 × 0.5 of the baseline's rate (the extra
// children arrive on their own, at their own times); every child stays as long
// (one exponential rule), so the children of complex need in care are twice those of standard
// need on average. Drawing every extra child of a group at its last child's factor gives 1.4
// instead: a group of one of each brings 2.5 extras on average, all of the last child's kind,
// so a group brings 1.875 children of standard need and 2.625 of complex need. The ratio
// of the totals over the months after the warm-up is estimated with its standard error across
// replications (the delta method on each replication's totals), and the test allows 4 of
// them: the interval is about 2 ± 0.06 (2 ± 4 × 0.016 with these draws).
func TestEntryRateOfSomeChildrenInGroups(t *testing.T) {
	const reps = 20
	_, res := loadRun(t, "erlang", reps,
		"entries.per_year=400",
		"entries.siblings={share: 1, mean_group_size: 2}",
		"entries.ages=[{ages: 5, share: 0.5, needs: {standard: 1}}, {ages: 13, share: 0.5, needs: {complex: 1}}]",
		"interventions=[{action: entry_rate, from: 2026-04-01, factor: 1.5, who: {needs: [standard]}}, {action: entry_rate, from: 2026-04-01, factor: 3, who: {needs: [complex]}}]")
	standard, complex := slices.Index(res.Metrics, sim.ChildrenWithNeed(model.NeedStandard)), slices.Index(res.Metrics, sim.ChildrenWithNeed(model.NeedComplex))
	if standard < 0 || complex < 0 {
		t.Fatal("no metric of the children by need")
	}
	a, b := make([]float64, reps), make([]float64, reps) // each replication's totals of standard and complex need
	row := make([]float64, len(res.Metrics))
	for i := range reps {
		for m := range res.Months {
			if err := res.MonthlyRows(i, m, m+1, row); err != nil {
				t.Fatal(err)
			}
			a[i] += row[standard]
			b[i] += row[complex]
		}
	}
	var sa, sb float64
	for i := range reps {
		sa += a[i]
		sb += b[i]
	}
	r := sb / sa
	var ss float64 // the residuals b - r a, whose spread gives the ratio's (delta method)
	for i := range reps {
		d := b[i] - r*a[i]
		ss += d * d
	}
	meanA := sa / reps
	se := math.Sqrt(ss/(reps-1)/reps) / meanA
	if lo, hi := 2-4*se, 2+4*se; r < lo || r > hi {
		t.Errorf("children of complex need in care are %.4f times those of standard need, want 2 within [%.4f, %.4f]", r, lo, hi)
	}
}

// TestEntryRateOfSomeChildrenArriveApart checks that the children an entry_rate with who adds
// arrive at times of their own, as the children of a higher entry rate do, and not together
// with the children who would have entered without it. The Erlang check's entrants are half
// aged 5 of standard need and half aged 13 of complex need, one at a time (no sibling
// groups); tripling the rate of those of complex need from the start makes entries a Poisson
// process of twice the rate, whose count in a month has its variance equal to its mean.
// Extra children brought with the child who brought them (1 + Poisson(2) at once, of mean 3
// and mean square 11) would give a variance 3 times the mean (0.5 × 1 + 0.5 × 11 over 2).
// Each month's count over
// the replications gives a ratio of its sample variance to its sample mean; a Poisson count of
// mean μ over n replications gives one of variance about 1/(nμ) + 2/(n - 1), and the months'
// counts are independent, so their mean ratio's standard error is √((1/(nμ) + 2/(n - 1)) / M)
// over M months: about 0.015 here. The test allows 4 of them either side of 1.
func TestEntryRateOfSomeChildrenArriveApart(t *testing.T) {
	const reps = 100
	_, res := loadRun(t, "erlang", reps,
		"entries.ages=[{ages: 5, share: 0.5, needs: {standard: 1}}, {ages: 13, share: 0.5, needs: {complex: 1}}]",
		"interventions=[{action: entry_rate, from: 2026-04-01, factor: 3, who: {needs: [complex]}}]")
	col := slices.Index(res.Metrics, sim.Entries)
	row := make([]float64, len(res.Metrics))
	x := make([]float64, reps)
	var sumRatio, sumMean float64
	months := len(res.Months)
	for m := range months {
		var sum float64
		for i := range reps {
			if err := res.MonthlyRows(i, m, m+1, row); err != nil {
				t.Fatal(err)
			}
			x[i] = row[col]
			sum += x[i]
		}
		mean := sum / reps
		var ss float64
		for _, v := range x {
			ss += (v - mean) * (v - mean)
		}
		sumRatio += ss / (reps - 1) / mean
		sumMean += mean
	}
	ratio, mu := sumRatio/float64(months), sumMean/float64(months)
	se := math.Sqrt((1/(reps*mu) + 2.0/(reps-1)) / float64(months))
	if lo, hi := 1-4*se, 1+4*se; ratio < lo || ratio > hi {
		t.Errorf("entries in a month have a variance %.3f times their mean (%.2f a month), want a Poisson count's 1 within [%.3f, %.3f]", ratio, mu, lo, hi)
	}
	if want := 2 * 40 / 12.0; math.Abs(mu-want) > 0.1*want { // 0.1: 40 standard errors of the mean of 12,000 counts
		t.Errorf("%.2f entries a month, want about %.2f", mu, want)
	}
}
