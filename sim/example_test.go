package sim_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// tinyYAML is a small county of its own: 40 children a year entering care for a year on
// average, 20 in-house foster households of one place each, and an agency for the rest. Two
// years of warm-up, left out of the results, fill its places before the two years reported.
const tinyYAML = `
name: tiny
start: 2026-04-01
years: 2
warmup_years: 2
entries:
  per_year: 40
  ages: [{ages: 0-17, share: 1}]
stays:
  - stay: {distribution: exponential, mean_days: 1 year}
    exits: {return_home: 1}
kinds:
  - name: inhouse_foster
    category: foster
    supply: carers
    weekly_gbp: 450
    carers: {households: 20, places_mix: {1: 1}}
  - {name: ifa, category: foster, supply: market, weekly_gbp: 950}
ladders:
  - try: [inhouse_foster, ifa]
`

// mustRun reads tinyYAML with the --set overrides sets and runs it for reps replications
// with seed 1.
func mustRun(reps int, sets ...string) *sim.Results {
	s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", sets)
	if err != nil {
		panic(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: reps, Seed: 1})
	if err != nil {
		panic(err)
	}
	return res
}

// Run simulates replications of a scenario, each with its own random streams derived from
// the seed, so the figures are the same whatever the number of workers. Results.Summary
// gives a KPI's mean and percentiles over the replications, period by period.
func ExampleRun() {
	s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(s, sim.Options{Reps: 20, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("periods:", res.Periods)
	all := len(res.Periods) - 1 // the whole run
	for _, kpi := range []string{"children_in_care", "occupied_ifa"} {
		st := res.Summary(all, slices.Index(res.KPIs, kpi), sim.DefaultPercentiles)
		fmt.Printf("%s: median %.0f, 90%% of runs %.0f to %.0f\n", kpi, st.Percentiles[1], st.Percentiles[0], st.Percentiles[2])
	}
	cost := res.Summary(all, slices.Index(res.KPIs, "cost_total"), nil)
	fmt.Printf("cost_total: £%.1fm on average over %d runs\n", cost.Mean/1e6, cost.N)
	// Output:
	// periods: [2026/27 2027/28 all]
	// children_in_care: median 35, 90% of runs 28 to 43
	// occupied_ifa: median 16, 90% of runs 10 to 24
	// cost_total: £2.6m on average over 20 runs
}

// Compare pairs the replications of two runs on the same seed: replication i of each saw the
// same children arrive, so each pair's difference measures the policy and not the noise, and
// the paired interval is much narrower than that of two independent runs.
func ExampleCompare() {
	base := mustRun(20)
	alt := mustRun(20, "kinds.inhouse_foster.carers.households=30")
	diffs, err := sim.Compare(base, alt, 0.9)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range diffs {
		if d.Period != "all" {
			continue
		}
		switch d.KPI {
		case "cost_total": // pounds over the two years
			fmt.Printf("spending: %+.2f £m (90%% interval %+.2f to %+.2f; unpaired, ±%.2f)\n",
				d.DiffMean/1e6, d.DiffLo/1e6, d.DiffHi/1e6, d.UnpairedHalf/1e6)
		case "occupied_ifa": // children, time-average
			fmt.Printf("children with an agency: %+.1f (90%% interval %+.1f to %+.1f; unpaired, ±%.1f)\n",
				d.DiffMean, d.DiffLo, d.DiffHi, d.UnpairedHalf)
		}
	}
	// Output:
	// spending: -0.45 £m (90% interval -0.47 to -0.43; unpaired, ±0.23)
	// children with an agency: -8.6 (90% interval -8.9 to -8.3; unpaired, ±2.2)
}

// A share's summary takes the ratio of totals: the share of all the matches of every
// replication that got the child's first choice, sum(first_choice_matches) / sum(matches),
// rather than the mean of each replication's own share.
func ExampleResults_Summary() {
	res := mustRun(20)
	all := len(res.Periods) - 1
	k := slices.Index(res.KPIs, "first_choice_share")
	r, ok := res.RatioOf(k)
	fmt.Println("a share:", ok, res.KPIs[r.Num], "/", res.KPIs[r.Den])

	var num, den, own float64
	for i := range res.Reps {
		n, d := res.KPI(all, r.Num)[i], res.KPI(all, r.Den)[i]
		num, den, own = num+n, den+d, own+n/d
	}
	st := res.Summary(all, k, sim.DefaultPercentiles)
	fmt.Printf("summary mean %.4f, ratio of totals %.4f, mean of own shares %.4f\n", st.Mean, num/den, own/float64(len(res.Reps)))
	// Output:
	// a share: true first_choice_matches / matches
	// summary mean 0.5029, ratio of totals 0.5029, mean of own shares 0.5101
}

// Each replication has a work budget derived from the scenario (BudgetFor: twice its upper
// estimate of the work, plus a floor); a replication that goes over it stops the run with a
// *BudgetError rather than growing without bound. Here the budget of children is set far
// below what the scenario needs.
func ExampleBudgetError() {
	s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := sim.BudgetFor(s)
	fmt.Printf("derived budget: %d children, %d households\n", b.Children, b.Households)

	_, err = sim.Run(s, sim.Options{Reps: 4, Seed: 1, Workers: 1, Budget: sim.Budget{Children: 50}})
	var be *sim.BudgetError
	if errors.As(err, &be) {
		fmt.Println(be.What, be.Limit)
	}
	fmt.Println(err)
	// Output:
	// derived budget: 10320 children, 10040 households
	// children 50
	// scenario tiny: replication 1 stopped: it went over its work budget of 50 children (twice what the scenario's rates lead one to expect, plus a margin); check the scenario's rates and intervals
}

// A Runner adds replications in batches, as a run that stops once an estimate is precise
// enough does. Replication i depends only on the scenario, the seed and i, so two batches of
// 10 give the same results as one run of 20.
func ExampleRunner() {
	s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	rn, err := sim.NewRunner(s, sim.Options{Seed: 1, KPIsOnly: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	all := len(rn.Results().Periods) - 1
	k := slices.Index(rn.Results().KPIs, "cost_total")
	for range 2 {
		if err := rn.Add(10); err != nil {
			fmt.Println(err)
			return
		}
		mean, half, n := rn.Results().MeanInterval(all, k, 0.9)
		fmt.Printf("%d runs: £%.2fm ± £%.2fm\n", n, mean/1e6, half/1e6)
	}
	one := mustRun(20)
	fmt.Println("same as one run of 20:", slices.Equal(rn.Results().KPI(all, k), one.KPI(all, k)))
	// Output:
	// 10 runs: £2.64m ± £0.25m
	// 20 runs: £2.57m ± £0.17m
	// same as one run of 20: true
}

// Summarise gives the mean, standard deviation and percentiles of any values, leaving out
// NaNs (a share with no denominator); percentiles interpolate between order statistics.
func ExampleSummarise() {
	st := sim.Summarise([]float64{3, 1, 4, 1, 5, 9, 2, 6, math.NaN()}, []float64{5, 50, 95})
	fmt.Printf("n %d, mean %.3f, sd %.3f, percentiles %.2f\n", st.N, st.Mean, st.SD, st.Percentiles)
	for _, p := range []float64{5, 50, 97.5} {
		fmt.Print(sim.PercentileColumn(p), " ")
	}
	fmt.Println()
	// Output:
	// n 8, mean 3.875, sd 2.748, percentiles [1.00 3.00 7.80]
	// p05 p50 p97.5
}

// FormatNum writes a number as every CSV file of placesim does: in full, never with an
// exponent, -0 as 0, and NA where there is no value.
func ExampleFormatNum() {
	tenth, fifth := 0.1, 0.2
	for _, v := range []float64{1234567.5, tenth + fifth, 1e-7, math.Copysign(0, -1), math.NaN()} {
		fmt.Println(sim.FormatNum(v))
	}
	// Output:
	// 1234567.5
	// 0.30000000000000004
	// 0.0000001
	// 0
	// NA
}

// WriteSummary writes summary.csv: one row for each period and KPI, with the mean, standard
// deviation, percentiles and the number of replications with a value.
func ExampleResults_WriteSummary() {
	res := mustRun(5)
	var b strings.Builder
	if err := res.WriteSummary(&b, sim.DefaultPercentiles); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	fmt.Println(lines[0])
	fmt.Println("a row for each period and KPI:", len(lines)-1 == len(res.Periods)*len(res.KPIs))
	// Output:
	// scenario,period,kpi,mean,sd,p05,p50,p95,n
	// a row for each period and KPI: true
}
