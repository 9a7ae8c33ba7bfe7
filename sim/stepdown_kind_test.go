package sim

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// stepDownKindScenario is a council whose children all enter aged under 1 and stay past their
// 18th birthday, so no child leaves care within its 5 years: children with standard needs go to
// the residential kind a, with complex needs to b, both unlimited markets that never break
// down; reviewed every 10 days, they step down to the family kinds fa (standard needs only)
// and fb (complex needs only), unlimited too, which no ladder tries. So the children in fa at
// a month's end are the step-downs from a so far, and those in fb the step-downs from b.
// Every price is £7 a week: a kind's monthly cost is its child-days. a and b step down at
// their own shares, pa and pb; the scenario-wide share (0.3) applies to neither.
func stepDownKindScenario(pa, pb float64) *model.Scenario {
	kind := func(name string, cat model.Category, n model.Need) model.Kind {
		return model.Kind{Name: name, Category: cat, Supply: model.Market, LocalShare: 1,
			Accepts:       model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(n)},
			WeeklyCostGBP: [model.NumNeeds]float64{7, 7, 7}}
	}
	a, b := kind("a", model.Residential, model.NeedStandard), kind("b", model.Residential, model.NeedComplex)
	a.StepDownReadyShare = &[model.NumNeeds]float64{pa, 0, 0}
	b.StepDownReadyShare = &[model.NumNeeds]float64{0, pb, 0}
	return &model.Scenario{
		Name: "stepdown-kinds", Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Years: 5,
		Entries: model.Entries{PerYear: 200, Ages: []model.AgeShare{
			{Ages: model.AgeRange{FromYears: 0, ToYears: 0}, Share: 1, NeedShares: [model.NumNeeds]float64{0.5, 0.5, 0}, MaleShare: 0.5},
		}},
		Stays: []model.StayRule{{Who: model.Everyone, Stay: model.Distribution{Kind: model.Empirical,
			Table: []model.Bin{{UpToDays: 8000, Share: 0}, {UpToDays: 9000, Share: 1}}},
			ExitShares: [model.NumEarlyExitRoutes]float64{1, 0, 0, 0, 0}}},
		Kinds: []model.Kind{a, b, kind("fa", model.Foster, model.NeedStandard), kind("fb", model.Foster, model.NeedComplex)},
		Ladders: []model.Ladder{
			{Who: model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(model.NeedStandard)}, Try: []model.KindID{0}},
			{Who: model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(model.NeedComplex, model.NeedSolo)}, Try: []model.KindID{1}},
		},
		Emergency: model.Emergency{WeeklyCostGBP: 10000, RetryDays: 14},
		StepDown:  model.StepDown{ReviewDays: 10, ReadyShare: [model.NumNeeds]float64{0.3, 0.3, 0.3}, Try: []model.KindID{2, 3}},
	}
}

// TestStepDownByKind checks that each residential kind's children step down at the kind's own
// ready share. A review every R days finds a child ready with probability p, so the time to
// step-down is geometric in reviews, with mean R/p days: step-downs come at p/R a child-day in
// the kind, 365.25·p/R a child-year. In each replication the step-downs from a kind (the
// children in its family kind at the end) over its child-days (its costs at £1 a day) estimate
// that rate; a child still in the kind at the end has had, since their last review, on average
// half an interval of days with no review in it, which is taken off the child-days. The mean
// over 30 replications must lie within 3.3 standard errors (a 99.9% interval; about 2.5% of the
// rate here) of 365.25·p/R for a (p = 0.05: 1.83 a year) and b (p = 0.15: 5.48 a year), and the
// two rates must differ. With the scenario-wide share applied to both, as before kinds had
// shares of their own, both rates would be 10.96 a year.
func TestStepDownByKind(t *testing.T) {
	const reps = 30
	pa, pb := 0.05, 0.15
	s := stepDownKindScenario(pa, pb)
	res, err := Run(s, Options{Reps: reps, Seed: 11, Workers: 2, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	idx := func(name string) int {
		i := slices.Index(res.Metrics, name)
		if i < 0 {
			t.Fatalf("no metric %s", name)
		}
		return i
	}
	nm := len(res.Metrics)
	var rates [2][]float64
	for pos := range res.Reps {
		rec := record(t, res, pos)
		months := len(rec) / nm
		last := rec[(months-1)*nm:]
		for j, k := range []struct{ kind, family string }{{"a", "fa"}, {"b", "fb"}} {
			days := 0.0
			for m := range months {
				days += rec[m*nm+idx(CostOf(k.kind))]
			}
			days -= last[idx(ChildrenOf(k.kind))] * s.StepDown.ReviewDays / 2
			rates[j] = append(rates[j], last[idx(ChildrenOf(k.family))]/days*model.DaysPerYear)
		}
	}
	var means [2]float64
	for j, p := range []float64{pa, pb} {
		mean, se := meanSE(rates[j])
		want := model.DaysPerYear * p / s.StepDown.ReviewDays
		t.Logf("%s: %.3f step-downs a child-year (standard error %.3f), want %.3f", s.Kinds[j].Name, mean, se, want)
		if math.Abs(mean-want) > 3.3*se {
			t.Errorf("%s: %.3f step-downs a child-year, want %.3f ± %.3f (3.3 standard errors)", s.Kinds[j].Name, mean, want, 3.3*se)
		}
		means[j] = mean
	}
	if means[1] < 2*means[0] {
		t.Errorf("step-downs a child-year from a (share %v) %.3f and from b (share %v) %.3f: want b's about 3 times a's", pa, means[0], pb, means[1])
	}
}

// meanSE returns the mean of xs and its standard error.
func meanSE(xs []float64) (mean, se float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
}

// TestStepDownRateScalesKindShare checks that a stepdown_rate intervention multiplies a kind's
// own ready share as it does the scenario-wide one: kinds' own shares of 0.05 and 0.15 with a
// factor of 2 from the start give, draw for draw, the runs of shares of 0.1 and 0.3 with no
// intervention; without the factor the runs differ.
func TestStepDownRateScalesKindShare(t *testing.T) {
	run := func(s *model.Scenario) [][]float64 {
		t.Helper()
		res, err := Run(s, Options{Reps: 3, Seed: 5, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		var recs [][]float64
		for pos := range res.Reps {
			recs = append(recs, record(t, res, pos))
		}
		return recs
	}
	scaled := stepDownKindScenario(0.05, 0.15)
	scaled.StepDown.ReadyShare = [model.NumNeeds]float64{}
	scaled.Interventions = []model.Intervention{{Action: model.StepDownRate, From: scaled.Start, Factor: 2}}
	doubled := stepDownKindScenario(0.1, 0.3)
	doubled.StepDown.ReadyShare = [model.NumNeeds]float64{}
	plain := stepDownKindScenario(0.05, 0.15)
	plain.StepDown.ReadyShare = [model.NumNeeds]float64{}
	got, want, unscaled := run(scaled), run(doubled), run(plain)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Error("own shares of 0.05 and 0.15 doubled by stepdown_rate: the runs differ from those of own shares of 0.1 and 0.3")
	}
	if slices.EqualFunc(got, unscaled, slices.Equal) {
		t.Error("stepdown_rate of 2: the runs are those of no intervention")
	}
}
