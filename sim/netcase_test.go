package sim

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// builtResults returns results with KPIs cost_total and cost_programme over the financial years
// periods, from total[rep][year] and prog[rep][year].
func builtResults(name string, inflation float64, periods []string, total, prog [][]float64) *Results {
	res := &Results{
		Scenario: &model.Scenario{Name: name, InflationPerYear: inflation},
		Seed:     1,
		KPIs:     []string{"cost_total", "cost_programme"},
		Periods:  append(slices.Clone(periods), "all"),
	}
	for i := range total {
		rep := Replication{Index: i, KPIs: make([]float64, 2*len(res.Periods))}
		for p := range periods {
			rep.KPIs[2*p], rep.KPIs[2*p+1] = total[i][p], prog[i][p]
			rep.KPIs[2*len(periods)] += total[i][p]
			rep.KPIs[2*len(periods)+1] += prog[i][p]
		}
		res.Reps = append(res.Reps, rep)
	}
	return res
}

// TestNetPositionArithmetic checks a business case built by hand: a programme that costs a
// known amount shows exactly that cost as its running cost, the net saving is the rest of the
// saving less it, the payback year is the first from which the cumulative saving stays
// positive, and the net present value brings each year back to the first year's prices and
// discounts it.
func TestNetPositionArithmetic(t *testing.T) {
	periods := []string{"2026/27", "2027/28", "2028/29", "2029/30"}
	// The baseline spends 100 a year in every replication.
	base := builtResults("base", 0.1, periods,
		[][]float64{{100, 100, 100, 100}, {100, 100, 100, 100}, {100, 100, 100, 100}, {100, 100, 100, 100}},
		[][]float64{{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}})
	// The alternative pays a programme of 30, 10, 10, 10 and saves a gross 5, 15, 25, 35 in
	// replication 0; the others save 10 more or less a year, and replication 3 never pays back.
	prog := []float64{30, 10, 10, 10}
	gross := [][]float64{{5, 15, 25, 35}, {15, 25, 35, 45}, {-5, 5, 15, 25}, {0, 0, 0, 0}}
	var total, progs [][]float64
	for i := range gross {
		var tt []float64
		for p := range periods {
			tt = append(tt, 100-gross[i][p]+prog[p])
		}
		total, progs = append(total, tt), append(progs, prog)
	}
	alt := builtResults("alt", 0.1, periods, total, progs)
	nc, err := NetPosition(base, alt, 0.9, FlatDiscount(0.05))
	if err != nil {
		t.Fatal(err)
	}
	// Net savings a year: rep 0: -25, 5, 15, 25 (cumulative -25, -20, -5, 20);
	// rep 1: -15, 15, 25, 35 (-15, 0, 25, 60); rep 2: -35, -5, 5, 15 (-35, -40, -35, -20);
	// rep 3: -30, -10, -10, -10 (-30, -40, -50, -60).
	wantNet := []float64{(-25 - 15 - 35 - 30) / 4.0, (5 + 15 - 5 - 10) / 4.0, (15 + 25 + 5 - 10) / 4.0, (25 + 35 + 15 - 10) / 4.0}
	wantGross := []float64{15 / 4.0, 45 / 4.0, 75 / 4.0, 105 / 4.0}
	wantCum := []float64{-105 / 4.0, -105/4.0 + 5/4.0, -105/4.0 + 5/4.0 + 35/4.0, -105/4.0 + 5/4.0 + 35/4.0 + 65/4.0}
	wantPaid := []float64{0, 0, 0.25, 0.5} // rep 1 from 2028/29 (0 in 2027/28 is not above 0), rep 0 from 2029/30
	for p, y := range nc.Years {
		if y.Period != periods[p] {
			t.Fatalf("year %d is %s, want %s", p, y.Period, periods[p])
		}
		if y.Running.Mean != prog[p] || y.Running.Lo != prog[p] || y.Running.Hi != prog[p] {
			t.Errorf("%s: programme running cost %v [%v, %v], want exactly %v", y.Period, y.Running.Mean, y.Running.Lo, y.Running.Hi, prog[p])
		}
		if y.OneOff.Mean != 0 || y.Placements.Mean != 0 {
			t.Errorf("%s: one-off cost %v and saving on places bought %v of runs that have neither, want 0", y.Period, y.OneOff.Mean, y.Placements.Mean)
		}
		close := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("%s: %s %v, want %v", y.Period, what, got, want)
			}
		}
		// With no cost_placements, everything but the programmes is the council's own.
		close("own provision", y.OwnProvision.Mean, -wantGross[p])
		close("net", y.Net.Mean, wantNet[p])
		close("net = placements - own provision - programmes", y.Net.Mean, y.Placements.Mean-y.OwnProvision.Mean-y.Running.Mean-y.OneOff.Mean)
		close("cumulative", y.Cumulative.Mean, wantCum[p])
		close("paid back", y.PPaidBack, wantPaid[p])
	}
	// The mean cumulative saving is -26.25, -25, -16.25, 0: never above 0, so no payback year.
	if nc.Payback != "" || !math.IsNaN(nc.PPayback) {
		t.Errorf("payback %q (%v), want none", nc.Payback, nc.PPayback)
	}
	if nc.PPaysBack != 0.5 {
		t.Errorf("pays back within the run in %v of futures, want 0.5", nc.PPaysBack)
	}
	// NPV of rep 0: -25 + 5/(1.1×1.05) + 15/(1.1×1.05)² + 25/(1.1×1.05)³.
	f := 1.1 * 1.05
	npv0 := -25 + 5/f + 15/(f*f) + 25/(f*f*f)
	npv := []float64{npv0, -15 + 15/f + 25/(f*f) + 35/(f*f*f), -35 - 5/f + 5/(f*f) + 15/(f*f*f), -30 - 10/f - 10/(f*f) - 10/(f*f*f)}
	if want := (npv[0] + npv[1] + npv[2] + npv[3]) / 4; math.Abs(nc.NPV.Mean-want) > 1e-9 {
		t.Errorf("NPV %v, want %v", nc.NPV.Mean, want)
	}
	// Replication 0's NPV is -25 + 4.33 + 11.24 + 16.23 = 6.80; replication 1's is larger.
	if nc.NPV.PPositive != 0.5 || npv[0] < 6.79 || npv[0] > 6.81 {
		t.Errorf("NPV positive in %v of futures, want 0.5 (replications 0 and 1)", nc.NPV.PPositive)
	}

	// Three times the saving before the programme, and 20 more, in every replication pays back
	// in 2026/27 on average.
	for i := range total {
		for p := range periods {
			alt.Reps[i].KPIs[2*p] = 100 - 3*gross[i][p] + prog[p] - 20
		}
	}
	nc, err = NetPosition(base, alt, 0.9, GreenBookDiscount)
	if err != nil {
		t.Fatal(err)
	}
	// Mean net a year: 3×(15, 45, 75, 105)/4 + 20 - (30, 10, 10, 10) = 1.25, 43.75, 66.25, 88.75.
	if nc.Payback != "2026/27" || nc.PPayback != nc.Years[0].PPaidBack {
		t.Errorf("payback %q with chance %v, want 2026/27 with the chance of its year (%v)", nc.Payback, nc.PPayback, nc.Years[0].PPaidBack)
	}
}

// TestNetPositionRefuses checks that a business case needs paired runs and sensible rates.
func TestNetPositionRefuses(t *testing.T) {
	periods := []string{"2026/27"}
	one := [][]float64{{1}}
	base := builtResults("base", 0, periods, one, one)
	other := builtResults("alt", 0, periods, one, one)
	other.Seed = 2
	for _, tc := range []struct {
		alt         *Results
		level, rate float64
		want        string
	}{
		{other, 0.9, 0.035, "same seed"},
		{base, 1, 0.035, "confidence level"},
		{base, 0.9, -1, "discount rate"},
		{base, 0.9, math.NaN(), "discount rate"},
	} {
		if _, err := NetPosition(base, tc.alt, tc.level, FlatDiscount(tc.rate)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("level %v, rate %v: %v, want an error about %s", tc.level, tc.rate, err, tc.want)
		}
	}
}

// TestCheckPairedMessages checks what a comparison of unpaired runs says: two scenarios are
// named each once, and a council of the same name in two regions is named once, then as the
// baseline and the alternative.
func TestCheckPairedMessages(t *testing.T) {
	run := func(name string, periods []string, seed uint64, reps int) *Results {
		rows := slices.Repeat([][]float64{slices.Repeat([]float64{1}, len(periods))}, reps)
		res := builtResults(name, 0, periods, rows, rows)
		res.Seed = seed
		return res
	}
	ten, five := []string{"2026/27", "2027/28"}, []string{"2026/27"}
	for _, tc := range []struct {
		base, alt *Results
		want      string
	}{
		{run("default", ten, 1, 1), run("short", five, 1, 1), "default reports 2026/27 to 2027/28 and short reports 2026/27 to 2026/27: a comparison needs the same start and years"},
		{run("kent", ten, 1, 1), run("kent", five, 1, 1), "kent: the baseline reports 2026/27 to 2027/28 and the alternative reports 2026/27 to 2026/27: a comparison needs the same start and years"},
		{run("kent", ten, 1, 1), run("kent", ten, 2, 1), "kent: the baseline was run with seed 1 and the alternative with seed 2: a comparison needs the same seed"},
		{run("kent", ten, 1, 2), run("kent", ten, 1, 1), "kent: the baseline has 2 replications and the alternative 1: a comparison needs the same number"},
	} {
		_, err := NetPosition(tc.base, tc.alt, 0.9, GreenBookDiscount)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got %v\nwant %s", err, tc.want)
		}
	}
}

// TestRunSpread checks a comparison's spread of single runs and its probabilities against the
// paired differences of the KPIs themselves, and that the spread of spending is wider than
// the interval of its mean (with 40 pairs, about sqrt(40)/1.7 ≈ 3.7 times as wide for a normal
// difference).
func TestRunSpread(t *testing.T) {
	s := richScenario()
	base, err := Run(s, Options{Reps: 40, Seed: 8, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	alt := richScenario()
	alt.Interventions = append(alt.Interventions, model.Intervention{Action: model.EntryRate, From: alt.Start, Factor: 0.9})
	res, err := Run(alt, Options{Reps: 40, Seed: 8, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := Compare(base, res, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range diffs {
		k := slices.Index(base.KPIs, d.KPI)
		p := slices.Index(base.Periods, d.Period)
		if _, ratio := base.RatioOf(k); ratio || d.N < 2 {
			continue
		}
		b, a := base.KPI(p, k), res.KPI(p, slices.Index(res.KPIs, d.KPI))
		var ds []float64
		lower := 0
		for i := range b {
			ds = append(ds, a[i]-b[i])
			if a[i] < b[i] {
				lower++
			}
		}
		st := Stat{Percentiles: []float64{type7(ds, 0.05), type7(ds, 0.95)}}
		near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*(1+math.Abs(b)) }
		if !near(d.RunLo, st.Percentiles[0]) || !near(d.RunHi, st.Percentiles[1]) {
			t.Errorf("%s %s: spread [%v, %v], want the 5th and 95th percentiles of the differences [%v, %v]", d.Period, d.KPI, d.RunLo, d.RunHi, st.Percentiles[0], st.Percentiles[1])
		}
		if want := float64(lower) / float64(len(b)); d.PLower != want {
			t.Errorf("%s %s: lower in %v of pairs, want %v", d.Period, d.KPI, d.PLower, want)
		}
		if d.KPI == "cost_total" && d.RunHi-d.RunLo < 2*(d.DiffHi-d.DiffLo) {
			t.Errorf("%s %s: one run's spread [%v, %v] is narrower than the interval of the mean [%v, %v]", d.Period, d.KPI, d.RunLo, d.RunHi, d.DiffLo, d.DiffHi)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("checked %d differences", checked)
	}
}

// TestExceedsBudget checks the chance of passing a budget against a count, and Wilson's
// interval against a value worked out by hand.
func TestExceedsBudget(t *testing.T) {
	periods := []string{"2026/27", "2027/28"}
	var total, prog [][]float64
	for i := range 20 {
		total = append(total, []float64{float64(i), 100})
		prog = append(prog, []float64{0, 0})
	}
	res := builtResults("base", 0, periods, total, prog)
	b, err := res.ExceedsBudget("2026/27", 14.5, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	// 15 to 19 pass 14.5: 5 of 20. Wilson at 95% (z = 1.959964): centre
	// (0.25 + z²/40) / (1 + z²/20) = 0.2903, half-width z sqrt(0.25×0.75/20 + z²/1600) / (1 + z²/20) = 0.1784.
	if b.PExceed != 0.25 || b.N != 20 || b.Mean != 9.5 {
		t.Errorf("%+v, want 5 of 20 over budget and a mean of 9.5", b)
	}
	if math.Abs(b.Lo-0.1119) > 1e-4 || math.Abs(b.Hi-0.4687) > 1e-4 {
		t.Errorf("interval [%.4f, %.4f], want [0.1119, 0.4687]", b.Lo, b.Hi)
	}
	if _, err := res.ExceedsBudget("2030/31", 1, 0.9); err == nil || !strings.Contains(err.Error(), "2026/27 to 2027/28") {
		t.Errorf("a year outside the run: %v", err)
	}
	if _, err := res.ExceedsBudget("all", 1, 0.9); err == nil {
		t.Error("a budget for the whole run was taken")
	}
}

// TestWriteNetCase checks business_case.csv: six rows a year and the NPV, tidy for encoding/csv,
// with the chance of having paid back only on cumulative rows and NA (as the README says, not
// an empty cell) on the others.
func TestWriteNetCase(t *testing.T) {
	periods := []string{"2026/27", "2027/28"}
	base := builtResults("base, with a comma", 0, periods, [][]float64{{100, 100}, {100, 100}}, [][]float64{{0, 0}, {0, 0}})
	alt := builtResults("alt", 0, periods, [][]float64{{110, 80}, {100, 90}}, [][]float64{{20, 5}, {20, 5}})
	nc, err := NetPosition(base, alt, 0.9, FlatDiscount(0))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteNetCase(&b, nc, true); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != NetCaseHeader {
		t.Fatalf("header %s", got)
	}
	// Six rows a year, the whole run's total of five of them, and the NPV.
	if len(recs) != 1+6*len(periods)+5+1 {
		t.Fatalf("%d rows, want %d", len(recs), 1+6*len(periods)+5+1)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	for _, r := range recs[1:] {
		if r[col("baseline")] != "base, with a comma" {
			t.Errorf("baseline %q", r[col("baseline")])
		}
		paid := r[col("p_paid_back")]
		if (r[col("figure")] == "cumulative_net_saving") == (paid == "NA") || paid == "" {
			t.Errorf("%s %s: p_paid_back %q", r[col("period")], r[col("figure")], paid)
		}
	}
	// 2027/28: net savings 20 and 10, so cumulative 10 and 10; both have paid back, having
	// been -10 and 0 the year before.
	last := recs[6*len(periods)]
	if last[col("figure")] != "cumulative_net_saving" || last[col("mean")] != "10" || last[col("p_paid_back")] != "1" {
		t.Errorf("last cumulative row %v", last)
	}
	if npv := recs[len(recs)-1]; npv[col("period")] != "all" || npv[col("figure")] != "npv" || npv[col("mean")] != "10" {
		t.Errorf("npv row %v", npv)
	}
}

// type7 returns the quantile p of xs interpolated at (n-1)p between order statistics (R's
// default quantile rule), written out plainly.
func type7(xs []float64, p float64) float64 {
	v := slices.Clone(xs)
	slices.Sort(v)
	h := float64(len(v)-1) * p
	k := int(math.Floor(h))
	if k+1 >= len(v) {
		return v[len(v)-1]
	}
	return v[k] + (h-float64(k))*(v[k+1]-v[k])
}

// TestNetPositionZeroOwnProvision checks that a year in which the alternative spends exactly
// what the baseline spends, but for its programme, shows extra spending on its own provision of
// exactly 0 in every pair: not a rounding residue that would read as "-£0" and as positive in
// some futures.
func TestNetPositionZeroOwnProvision(t *testing.T) {
	periods := []string{"2026/27", "2027/28"}
	var bt, bp, at, ap [][]float64
	for i := range 20 {
		x := 31_234_567.891 + 104_729.37*float64(i)
		prog := 1_100_000.0 / 3 * float64(i%4)
		bt, bp = append(bt, []float64{x, x}), append(bp, []float64{0, 0})
		at, ap = append(at, []float64{x + prog, x + prog + 0.1}), append(ap, []float64{prog, prog})
	}
	nc, err := NetPosition(builtResults("base", 0, periods, bt, bp), builtResults("alt", 0, periods, at, ap), 0.9, FlatDiscount(0.035))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []CaseFigure{nc.Years[0].OwnProvision, nc.Years[0].Placements} {
		if g.Mean != 0 || g.Lo != 0 || g.Hi != 0 || g.RunLo != 0 || g.RunHi != 0 || g.PPositive != 0 {
			t.Errorf("a figure of a year with none: mean %v (%v to %v), one future %v to %v, positive in %v, want all 0",
				g.Mean, g.Lo, g.Hi, g.RunLo, g.RunHi, g.PPositive)
		}
	}
	// 10p more on the council's own provision is kept to the penny.
	if g := nc.Years[1].OwnProvision; math.Abs(g.Mean-0.1) > 1e-9 || g.PPositive != 1 {
		t.Errorf("10p more on own provision: mean %v, positive in %v", g.Mean, g.PPositive)
	}
}

// TestCaseFigureOnePair checks that one pair gives a mean and no interval, no range of
// futures and no share of them (NaN, which the CSV writes NA and the text a dash), not an
// infinite interval or the one value as its own range, and that two pairs give them.
func TestCaseFigureOnePair(t *testing.T) {
	p := caseFigure([]float64{-522e3}, 0.9)
	if p.Mean != -522e3 || !math.IsNaN(p.Lo) || !math.IsNaN(p.Hi) || p.N != 1 {
		t.Errorf("one pair: mean %v, interval %v to %v, n %d; want -522000, NaN to NaN, 1", p.Mean, p.Lo, p.Hi, p.N)
	}
	if !math.IsNaN(p.RunLo) || !math.IsNaN(p.RunHi) || !math.IsNaN(p.PPositive) {
		t.Errorf("one pair: one future %v to %v, positive in %v; want NaN", p.RunLo, p.RunHi, p.PPositive)
	}
	p = caseFigure([]float64{-522e3, -478e3}, 0.9)
	if p.Mean != -500e3 || !(p.Lo < p.Mean && p.Hi > p.Mean) || math.IsInf(p.Lo, 0) || math.IsInf(p.Hi, 0) {
		t.Errorf("two pairs: mean %v, interval %v to %v", p.Mean, p.Lo, p.Hi)
	}
}

// TestNetPositionSplitsSpending checks a business case of two simulated runs: the saving on
// places bought and the extra spent on the council's own provision are the cost KPIs'
// differences, the programme's one-off cost stands apart from its running cost, the four add
// up to the net saving, and the net present value deflates by the price path the run paid,
// an inflation intervention included, not by inflation_per_year alone.
func TestNetPositionSplitsSpending(t *testing.T) {
	// Prices rise 25% in April 2027 and 60% in April 2028 (the intervention's rate): factors
	// 1, 1.25 and 2, exact in binary.
	infl := model.Intervention{Action: model.Inflation, From: day(2028, 4, 1), Rate: 0.6}
	base := programmeScenario(infl)
	alt := programmeScenario(infl, model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), Factor: 0.8,
		Cost: model.ProgrammeCost{OneOffGBP: 200_000, OneOffOn: day(2027, 6, 1), PerYearGBP: 365_000}})
	alt.Name = "alt"
	const reps = 8
	br, err := Run(base, Options{Reps: reps, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ar, err := Run(alt, Options{Reps: reps, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	nc, err := NetPosition(br, ar, 0.9, FlatDiscount(0.05))
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{1, 1.25, 2}; !slices.Equal(nc.Prices, want) {
		t.Errorf("price index %v, want %v", nc.Prices, want)
	}
	// A whole financial year costs exactly its £365,000 a year (£1,000 a day of 365, a little
	// less a day of 366), at each year's prices.
	running := []float64{365_000, 365_000 * 1.25, 365_000 * 2}
	oneOff := []float64{0, 250_000, 0}
	kpi := func(res *Results, rep, p int, name string) float64 {
		return res.Reps[rep].KPIs[p*len(res.KPIs)+slices.Index(res.KPIs, name)]
	}
	npv := make([]float64, reps)
	for p, y := range nc.Years {
		if y.OneOff.Mean != oneOff[p] || !(y.OneOff.Lo == oneOff[p] || math.IsNaN(y.OneOff.Lo)) {
			t.Errorf("%s: one-off cost %v (%v to %v), want exactly %v", y.Period, y.OneOff.Mean, y.OneOff.Lo, y.OneOff.Hi, oneOff[p])
		}
		if math.Abs(y.Running.Mean-running[p]) > 0.005 {
			t.Errorf("%s: running cost %v, want %v", y.Period, y.Running.Mean, running[p])
		}
		var place, own float64
		for i := range reps {
			place += (kpi(br, i, p, CostPlacements) - kpi(ar, i, p, CostPlacements)) / reps
			own += (kpi(ar, i, p, CostCarers) + kpi(ar, i, p, CostOwnProvision) - kpi(br, i, p, CostCarers) - kpi(br, i, p, CostOwnProvision)) / reps
			npv[i] += (kpi(br, i, p, CostTotal) - kpi(ar, i, p, CostTotal)) / (nc.Prices[p] * math.Pow(1.05, float64(p)))
		}
		// Each pair's figure is rounded to whole pence: the means agree to half a penny.
		if math.Abs(y.Placements.Mean-place) > 0.005 || math.Abs(y.OwnProvision.Mean-own) > 0.005 {
			t.Errorf("%s: saving on places bought %v, extra on own provision %v; the KPIs give %v and %v", y.Period, y.Placements.Mean, y.OwnProvision.Mean, place, own)
		}
		if sum := y.Placements.Mean - y.OwnProvision.Mean - y.Running.Mean - y.OneOff.Mean; math.Abs(sum-y.Net.Mean) > 0.02 {
			t.Errorf("%s: the figures add up to %v, net saving %v", y.Period, sum, y.Net.Mean)
		}
	}
	var want float64
	for _, v := range npv {
		want += v / reps
	}
	if math.Abs(nc.NPV.Mean-want) > 1e-6 {
		t.Errorf("NPV %v, want %v (deflated by 1, 1.25 and 2)", nc.NPV.Mean, want)
	}
}

// TestNetPositionOnePair checks that one pair of runs gives no share of futures that have paid
// back (NaN: NA in business_case.csv, a blank cell in the workbook), as it gives no interval.
func TestNetPositionOnePair(t *testing.T) {
	periods := []string{"2026/27", "2027/28"}
	nc, err := NetPosition(builtResults("base", 0, periods, [][]float64{{100, 100}}, [][]float64{{0, 0}}),
		builtResults("alt", 0, periods, [][]float64{{90, 90}}, [][]float64{{0, 0}}), 0.9, FlatDiscount(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range nc.Years {
		if !math.IsNaN(y.PPaidBack) || !math.IsNaN(y.Cumulative.RunLo) || !math.IsNaN(y.Net.PPositive) {
			t.Errorf("%s: paid back in %v of futures, one future from %v, positive in %v; want NaN from one pair", y.Period, y.PPaidBack, y.Cumulative.RunLo, y.Net.PPositive)
		}
	}
	if !math.IsNaN(nc.PPaysBack) || nc.Payback != "2026/27" {
		t.Errorf("pays back in %q, in %v of futures; want 2026/27 and NaN", nc.Payback, nc.PPaysBack)
	}
	var b strings.Builder
	if err := WriteNetCase(&b, nc, true); err != nil {
		t.Fatal(err)
	}
	if want := "alt,base,2027/28,cumulative_net_saving,20,NA,NA,NA,NA,NA,NA,1\n"; !strings.Contains(b.String(), want) {
		t.Errorf("business_case.csv of one pair lacks %q:\n%s", want, b.String())
	}
}

// TestPaidBackNotLength checks that the share of futures paid back by a year's end is the
// share whose cumulative net saving is above 0 then, a pair that falls back and rises again
// counted once it is above 0 again (the cumulative figure's PPositive): the same in a run of
// two years as in a run of four, whatever the later years bring.
func TestPaidBackNotLength(t *testing.T) {
	periods := []string{"2026/27", "2027/28", "2028/29", "2029/30"}
	// Net savings a year of each pair: cumulative 10, 5, -5, 0 (paid back, then falls back
	// after two years); 10, 20, 30, 40; -5, 5, 15, 25 (pays back in the second year); 5,
	// -5, 5, 5 (falls back in the second year and rises again).
	net := [][]float64{{10, -5, -10, 5}, {10, 10, 10, 10}, {-5, 10, 10, 10}, {5, -10, 10, 0}}
	want := []float64{0.75, 0.75, 0.75, 0.75}
	for _, years := range []int{2, 4} {
		var bt, at, prog [][]float64
		for _, pair := range net {
			var b, a []float64
			for p := range years {
				b, a = append(b, 100), append(a, 100-pair[p])
			}
			bt, at, prog = append(bt, b), append(at, a), append(prog, make([]float64, years))
		}
		base := builtResults("base", 0, periods[:years], bt, prog)
		alt := builtResults("alt", 0, periods[:years], at, prog)
		nc, err := NetPosition(base, alt, 0.9, FlatDiscount(0))
		if err != nil {
			t.Fatal(err)
		}
		for p, y := range nc.Years {
			if y.PPaidBack != want[p] || y.PPaidBack != y.Cumulative.PPositive {
				t.Errorf("%d years: %s: paid back in %v of futures, want %v, the cumulative figure's p_positive (%v)", years, y.Period, y.PPaidBack, want[p], y.Cumulative.PPositive)
			}
		}
		if nc.PPaysBack != want[years-1] {
			t.Errorf("%d years: paid back by the run's end in %v of futures, want %v", years, nc.PPaysBack, want[years-1])
		}
	}
}

// TestNetCaseTotal checks the whole run's total of a business case: each figure added up
// over the years pair by pair, its interval the paired one of the totals (narrower here than
// the sum of the years' intervals, as the years' savings move against each other), and the
// rows business_case.csv gives it.
func TestNetCaseTotal(t *testing.T) {
	periods := []string{"2026/27", "2027/28"}
	// Net savings of each pair: 10 then -8, 20 then -18, 30 then -28: a total of 2 in each.
	net := [][]float64{{10, -8}, {20, -18}, {30, -28}}
	var bt, at, prog [][]float64
	for _, pair := range net {
		bt, at, prog = append(bt, []float64{100, 100}), append(at, []float64{100 - pair[0], 100 - pair[1]}), append(prog, []float64{0, 0})
	}
	nc, err := NetPosition(builtResults("base", 0, periods, bt, prog), builtResults("alt", 0, periods, at, prog), 0.9, FlatDiscount(0))
	if err != nil {
		t.Fatal(err)
	}
	tot := nc.Total
	if tot.Period != WholeRun || tot.Net.Mean != 2 || tot.Net.Lo != 2 || tot.Net.Hi != 2 || tot.Net.N != 3 {
		t.Errorf("total %s: net %v (%v to %v) of %d pairs, want all: 2 (2 to 2) of 3", tot.Period, tot.Net.Mean, tot.Net.Lo, tot.Net.Hi, tot.Net.N)
	}
	if tot.OwnProvision.Mean != -2 || tot.Cumulative != tot.Net {
		t.Errorf("total own provision %v, cumulative %+v; want -2 and the net saving", tot.OwnProvision.Mean, tot.Cumulative)
	}
	var b bytes.Buffer
	if err := WriteNetCase(&b, nc, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"alt,base,all,placements_saving,0,", "alt,base,all,own_provision_cost,-2,", "alt,base,all,net_saving,2,2,2,2,2,1,NA,3\n", "alt,base,all,npv,"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("business_case.csv has no row %q:\n%s", want, b.String())
		}
	}
}
