package sim

import (
	"math"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// sharesScenario is a council of market kinds only: a, b and c, which a ladder with shares
// picks, and r, residential care for children with complex needs. Children stay a year on
// average (exponential); placements in a break down at breakdownA a year.
func sharesScenario(breakdownA float64) *model.Scenario {
	kind := func(name string, cat model.Category, accepts model.Selector, breakdown float64) model.Kind {
		return model.Kind{Name: name, Category: cat, Supply: model.Market, Accepts: accepts, LocalShare: 1,
			WeeklyCostGBP: [model.NumNeeds]float64{500, 500, 500}, BreakdownPerYear: [model.NumNeeds]float64{breakdown, breakdown, breakdown}}
	}
	standard := model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(model.NeedStandard)}
	return &model.Scenario{
		Name: "shares", Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Years: 2, WarmupYears: 5,
		Entries: model.Entries{PerYear: 1000, Ages: []model.AgeShare{
			{Ages: model.AgeRange{FromYears: 0, ToYears: 9}, Share: 1, NeedShares: [model.NumNeeds]float64{1, 0, 0}, MaleShare: 0.5},
		}},
		Stays: []model.StayRule{{Who: model.Everyone, Stay: model.Distribution{Kind: model.Exponential, MeanDays: model.DaysPerYear},
			ExitShares: [model.NumEarlyExitRoutes]float64{1, 0, 0, 0, 0}}},
		Kinds: []model.Kind{
			kind("a", model.Foster, standard, breakdownA),
			kind("b", model.Foster, standard, 0),
			kind("c", model.Foster, standard, 0),
			kind("r", model.Residential, model.Everyone, 0),
		},
		Ladders: []model.Ladder{
			{Who: standard, Try: []model.KindID{0, 1, 2}, Shares: []float64{0.2, 0.3, 0.5}},
			{Who: model.Everyone, Try: []model.KindID{3}},
		},
		Emergency: model.Emergency{WeeklyCostGBP: 10000, RetryDays: 14},
	}
}

// meanShare returns the mean over months and replications of the metric's share of the
// children in care.
func meanShare(t *testing.T, res *Results, metric string) float64 {
	t.Helper()
	idx := map[string]int{}
	for i, m := range res.Metrics {
		idx[m] = i
	}
	i, ok := idx[metric]
	if !ok {
		t.Fatalf("no metric %s", metric)
	}
	nm := len(res.Metrics)
	var v, all float64
	for pos := range res.Reps {
		rec := record(t, res, pos)
		for m := range len(rec) / nm {
			v += rec[m*nm+i]
			all += rec[m*nm+idx["children_in_care"]]
		}
	}
	return v / all
}

// TestLadderShares checks that a ladder's shares are the first choices of the children it
// selects, and that the choice is drawn afresh at every match: with placements in a breaking
// down four times a year, the children leave a for b and c, and a holds 0.2λ/(μ+0.8·4) of the
// λ/μ children in care (entries λ, exits μ = 1 a year), 4.8%, not its 20% of first choices.
func TestLadderShares(t *testing.T) {
	for _, tc := range []struct {
		breakdown float64
		want      [3]float64
	}{
		{0, [3]float64{0.2, 0.3, 0.5}},
		{4, [3]float64{0.2 / 4.2, 0.3 * (1 - 0.2/4.2) / 0.8, 0.5 * (1 - 0.2/4.2) / 0.8}},
	} {
		res, err := Run(sharesScenario(tc.breakdown), Options{Reps: 4, Seed: 7, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		for k, name := range []string{"a", "b", "c"} {
			// About 1,000 children in care, 48 to 500 in a kind: a month's share has a
			// relative standard error of 3-14%, and 96 months (correlated over a year's
			// stay, so about eight independent looks) bring it under 5%; 15% is three of them.
			if got := meanShare(t, res, "children_"+name); math.Abs(got/tc.want[k]-1) > 0.15 {
				t.Errorf("breakdowns %v a year: %s holds %.3f of the children in care, want %.3f", tc.breakdown, name, got, tc.want[k])
			}
		}
	}
}

// TestStepDownEase checks that children whose needs ease as they step down reach a kind
// that takes only standard needs, placed by their ladder's shares, and that without it they
// stay in residential care.
func TestStepDownEase(t *testing.T) {
	run := func(ease float64) *Results {
		s := sharesScenario(0)
		s.Entries.Ages[0].NeedShares = [model.NumNeeds]float64{0.5, 0.5, 0}
		s.StepDown = model.StepDown{ReviewDays: 30, ReadyShare: [model.NumNeeds]float64{0, 0.5, 0}, Try: []model.KindID{0, 1, 2}, EaseShare: ease}
		res, err := Run(s, Options{Reps: 2, Seed: 3, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	kept, eased := run(0), run(1)
	if got := meanShare(t, kept, "children_r"); math.Abs(got-0.5) > 0.05 {
		t.Errorf("without easing, residential care holds %.3f of the children, want the 0.5 who enter with complex needs", got)
	}
	// Ready in a month or two, they leave residential care within about 2 of their 12
	// months in care: residential care holds about a sixth of its share without easing.
	if got := meanShare(t, eased, "children_r"); got > 0.15 {
		t.Errorf("with easing, residential care holds %.3f of the children, want under 0.15", got)
	}
	if a, c := meanShare(t, eased, "children_a"), meanShare(t, eased, "children_c"); c < 2*a {
		t.Errorf("children who stepped down hold %.3f of the children in a and %.3f in c, want them placed by the ladder's shares (0.2 and 0.5)", a, c)
	}
}
