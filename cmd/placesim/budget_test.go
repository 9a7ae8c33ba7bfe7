package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readCSV reads dir/name as a table: its header and its rows as maps from column to cell.
func readCSV(t *testing.T, dir, name string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(readFile(t, dir, name))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// TestRunBudget checks the chance of passing a budget against a count of the replications'
// spending in kpis.csv.
func TestRunBudget(t *testing.T) {
	dir := t.TempDir()
	// First find the median spending of 2027/28, so that the budget splits the replications.
	first := filepath.Join(dir, "first")
	mustRun(t, runArgs(first, "--reps", "20")...)
	var spend []float64
	for _, r := range readCSV(t, first, "kpis.csv") {
		if r["period"] == "2027/28" && r["kpi"] == "cost_total" {
			spend = append(spend, num(t, r["value"]))
		}
	}
	if len(spend) != 20 {
		t.Fatalf("%d replications' spending", len(spend))
	}
	sorted := slices.Sorted(slices.Values(spend))
	budget := math.Round((sorted[12] + sorted[13]) / 2) // 7 of 20 above
	over := 0
	for _, x := range spend {
		if x > budget {
			over++
		}
	}
	out := filepath.Join(dir, "budget")
	o := mustRun(t, runArgs(out, "--reps", "20", "--budget", fmt.Sprintf("2027/28=%.0f", budget), "--budget", "2026/27=£1m")...)
	rows := readCSV(t, out, "budget.csv")
	if len(rows) != 2 || rows[0]["period"] != "2027/28" || rows[1]["period"] != "2026/27" {
		t.Fatalf("budget.csv rows %v", rows)
	}
	if got, want := num(t, rows[0]["p_exceed"]), float64(over)/20; got != want {
		t.Errorf("p_exceed %v, want %d of 20", got, over)
	}
	if lo, hi := num(t, rows[0]["p_exceed_lo"]), num(t, rows[0]["p_exceed_hi"]); !(lo < float64(over)/20 && hi > float64(over)/20) {
		t.Errorf("interval [%v, %v] does not hold %v", lo, hi, float64(over)/20)
	}
	if num(t, rows[1]["budget"]) != 1e6 || num(t, rows[1]["p_exceed"]) != 1 {
		t.Errorf("a budget of £1m: %v", rows[1])
	}
	if !strings.Contains(o.stderr, "2026/27: spending passes the budget of £1.0m in 100% of replications") {
		t.Errorf("stderr does not report the budget:\n%s", o.stderr)
	}
	if readFile(t, out, "kpis.csv") != readFile(t, first, "kpis.csv") {
		t.Error("a budget changed the results")
	}

	// -q prints nothing on success, as its help says: the budget's figures are in budget.csv.
	quiet := filepath.Join(dir, "quiet")
	if o := mustRun(t, runArgs(quiet, "--reps", "20", "-q", "--budget", "2026/27=£1m")...); o.stderr != "" {
		t.Errorf("-q printed:\n%s", o.stderr)
	}
	if rows := readCSV(t, quiet, "budget.csv"); len(rows) != 1 || num(t, rows[0]["p_exceed"]) != 1 {
		t.Errorf("budget.csv with -q: %v", rows)
	}
}

// TestRunBudgetPartYear checks that a budget for a part year of a run from 15 April says it is
// one, with its days, printed and in budget.csv, so that its spending of 14 days is not read as
// a year's; a whole year's budget stays as it is.
func TestRunBudgetPartYear(t *testing.T) {
	out := filepath.Join(t.TempDir(), "part")
	o := mustRun(t, runArgs(out, "--set", "start=2026-04-15", "--budget", "2028/29=64m,2027/28=64m")...)
	if want := "placesim: 2028/29 (to 14 April), a part year of 14 days: spending passes the budget of £64.0m in 0% of replications"; !strings.Contains(o.stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, o.stderr)
	}
	if !strings.Contains(o.stderr, "; mean spending over those 14 days £") {
		t.Errorf("stderr does not say the mean spending is of 14 days:\n%s", o.stderr)
	}
	if !strings.Contains(o.stderr, "placesim: 2027/28: spending passes") {
		t.Errorf("stderr does not report the whole year's budget as before:\n%s", o.stderr)
	}
	rows := readCSV(t, out, "budget.csv")
	if len(rows) != 2 || rows[0]["period"] != "2028/29 (to 14 April)" || rows[1]["period"] != "2027/28" {
		t.Errorf("budget.csv rows %v", rows)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		start  string
		years  int
		period string
		want   int
	}{
		{"2026-04-15", 2, "2026/27", 351}, {"2026-04-15", 2, "2027/28", 0}, {"2026-04-15", 2, "2028/29", 14},
		{"2026-10-01", 1, "2026/27", 182}, {"2026-10-01", 1, "2027/28", 183}, {"2026-04-01", 2, "2026/27", 0},
	} {
		if got := partYearDays(day(tc.start), tc.years, tc.period); got != tc.want {
			t.Errorf("%s of %d years from %s: %d days, want %d", tc.period, tc.years, tc.start, got, tc.want)
		}
	}
}

func TestParseBudgets(t *testing.T) {
	got, err := parseBudgets([]string{"2027/28=64m, 2028/29=£64.5m", "2029/30=900k", "2030/31=64000000", "2031/32=64M", "2032/33=£900K"})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{64e6, 64.5e6, 900e3, 64e6, 64e6, 900e3}
	for i, b := range got {
		if b.amount != want[i] {
			t.Errorf("%s: %v, want %v", b.text, b.amount, want[i])
		}
	}
	for _, bad := range []string{"64m", "2027/28=", "2027/28=lots", "2027/28=-5m", "2027/28=1m,2027/28=2m", "2027/28=NaN",
		"2027/28=1e305m", "all=64m", "2027-28=1m", "2027/29=1m", "-5/-4=1m"} {
		if _, err := parseBudgets([]string{bad}); err == nil {
			t.Errorf("%q was taken", bad)
		}
	}
	if _, err := parseBudgets([]string{"2027/28=64,0000"}); err == nil || !strings.Contains(err.Error(), "commas separate budgets") {
		t.Errorf("2027/28=64,0000: %v, want a word on commas", err)
	}
	for _, args := range [][]string{
		{"--budget", "2040/41=1m"},
		{"--budget", "2027/28=lots"},
		{"--budget", "2027/28=1m", "--shard", "0/2"},
	} {
		o := placesim(t, noCharts(runArgs(t.TempDir(), args...))...)
		if o.code != exitUsage || !strings.Contains(o.stderr, "--budget") {
			t.Errorf("%v: exit %d\n%s", args, o.code, o.stderr)
		}
	}
}

// TestCompareBusinessCase checks business_case.csv against comparison.csv: each year's net
// saving is the baseline's spending less the alternative's, the cumulative saving adds them
// up, and a scenario compared with itself saves nothing and never pays back.
func TestCompareBusinessCase(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"more-carers.yaml": "name: more-carers\nextends: default\ninterventions:\n" +
		"  - {action: extra_approvals, from: 2026-04-01, kind: inhouse_foster, per_year: 12}\n"})
	out := filepath.Join(dir, "cmp")
	args := slices.Concat([]string{"compare", "default", filepath.Join(dir, "more-carers.yaml")}, quick, []string{"--out", out, "--discount-rate", "0"})
	o := mustRun(t, args...)
	diffs := map[string]float64{}
	for _, r := range readCSV(t, out, "comparison.csv") {
		if r["kpi"] == "cost_total" {
			diffs[r["period"]] = num(t, r["diff_mean"])
		}
	}
	var cum, wantNPV float64
	npv, year := math.NaN(), 0
	// The whole run's totals, period "all", and the sums of each year's means: the mean of
	// each replication's sum of its years is the sum of the years' means.
	alls, sums := map[string]float64{}, map[string]float64{}
	for _, r := range readCSV(t, out, "business_case.csv") {
		mean := num(t, r["mean"])
		near := func(what string, want float64) {
			if math.Abs(mean-want) > 1e-6*(1+math.Abs(want)) {
				t.Errorf("%s %s: %v, want %s %v", r["period"], r["figure"], mean, what, want)
			}
		}
		switch {
		case r["period"] == "all" && r["figure"] != "npv":
			alls[r["figure"]] = mean
			continue
		}
		sums[r["figure"]] += mean
		switch r["figure"] {
		case "net_saving":
			near("minus the cost difference", -diffs[r["period"]])
			cum += mean
			// The default's prices rise 3% each April: at a discount rate of 0, the NPV
			// brings each year back to the first year's prices.
			wantNPV += mean / math.Pow(1.03, float64(year))
			year++
		case "cumulative_net_saving":
			near("the sum of net savings", cum)
		case "npv":
			npv = mean
		}
	}
	for _, f := range []string{"net_saving", "placements_saving", "own_provision_cost", "programme_running_cost", "programme_one_off_cost"} {
		all, ok := alls[f]
		if !ok {
			t.Errorf("business_case.csv has no %s for the whole run (period all)", f)
			continue
		}
		// Each figure is written to 1e-6 of itself or better; the sum of two years keeps that.
		if math.Abs(all-sums[f]) > 1e-6*(1+math.Abs(sums[f])) {
			t.Errorf("all %s: %v, want the sum of the years' %v", f, all, sums[f])
		}
	}
	if year != 2 || math.Abs(npv-wantNPV) > 1e-6*(1+math.Abs(wantNPV)) {
		t.Errorf("npv %v over %d years, want %v", npv, year, wantNPV)
	}
	for _, want := range []string{"Average effect", "confidence interval of the mean difference", "In one future", "in how many futures", "Business case of more-carers against default", "Net present value"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the printed comparison does not say %q:\n%s", want, o.stdout)
		}
	}

	self := filepath.Join(dir, "self")
	mustRun(t, slices.Concat([]string{"compare", "default", "default"}, quick, []string{"--out", self})...)
	for _, r := range readCSV(t, self, "business_case.csv") {
		if num(t, r["mean"]) != 0 || (r["p_paid_back"] != "NA" && num(t, r["p_paid_back"]) != 0) {
			t.Errorf("a scenario against itself: %v", r)
		}
	}
	bad := placesim(t, slices.Concat([]string{"compare", "default", "default"}, quick, []string{"--out", self, "--discount-rate", "2"})...)
	if bad.code != exitUsage || !strings.Contains(bad.stderr, "--discount-rate") {
		t.Errorf("--discount-rate 2: exit %d\n%s", bad.code, bad.stderr)
	}
}

// TestBudgetMeanIsSummaryMean checks that budget.csv's mean_spend is summary.csv's cost_total
// mean for the same year to the last digit: they had been added up in different orders
// (70766051.92848745 against 70766051.92848742 here).
func TestBudgetMeanIsSummaryMean(t *testing.T) {
	out := filepath.Join(t.TempDir(), "b")
	mustRun(t, "run", "--reps", "200", "--seed", "7", "--budget", "2027/28=66m,2030/31=£70.5m", "--charts=false", "-q", "--out", out)
	means := map[string]string{}
	for _, line := range strings.Split(readFile(t, out, "summary.csv"), "\n") {
		if f := strings.Split(line, ","); len(f) > 3 && f[2] == "cost_total" {
			means[f[1]] = f[3]
		}
	}
	lines := strings.Split(strings.TrimSpace(readFile(t, out, "budget.csv")), "\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		if f[2] != means[f[0]] {
			t.Errorf("%s: mean_spend %s, summary.csv's cost_total mean %s", f[0], f[2], means[f[0]])
		}
	}
}

// TestMergeBudget checks that merge takes --budget, which a shard refuses, and writes the
// budget.csv of the whole run, as one run with --budget writes it; and that the shard's refusal
// says so.
func TestMergeBudget(t *testing.T) {
	dir := t.TempDir()
	base := []string{"--reps", "6", "--years", "2", "--set", "warmup_years=1", "--seed", "3", "-q"}
	for i := range 2 {
		mustRun(t, slices.Concat([]string{"run", "--shard", fmt.Sprintf("%d/2", i), "--out", filepath.Join(dir, "shards", fmt.Sprint(i))}, base)...)
	}
	budget := []string{"--budget", "2026/27=60M", "--interval", "0.8", "--charts=false"}
	mustRun(t, slices.Concat([]string{"merge", filepath.Join(dir, "shards"), "--out", filepath.Join(dir, "merged")}, budget[:4], []string{"--charts=false", "-q"})...)
	mustRun(t, slices.Concat([]string{"run", "--out", filepath.Join(dir, "one")}, base, budget)...)
	if got, want := readFile(t, filepath.Join(dir, "merged"), "budget.csv"), readFile(t, filepath.Join(dir, "one"), "budget.csv"); got != want {
		t.Errorf("merged budget.csv:\n%s\nwant the single run's:\n%s", got, want)
	}
	o := placesim(t, slices.Concat([]string{"run", "--shard", "0/2", "--out", filepath.Join(dir, "x")}, base, budget[:2])...)
	if !strings.Contains(o.stderr, "give --budget (and --interval) to placesim merge") {
		t.Errorf("a shard's refusal of --budget: %s", o.stderr)
	}
	if o := placesim(t, "merge", filepath.Join(dir, "shards"), "--interval", "0.8", "--out", filepath.Join(dir, "y")); o.code != exitUsage {
		t.Errorf("merge --interval without --budget: exit %d, %s", o.code, o.stderr)
	}
}

// TestMoneyExact checks that an amount typed with k or m is the amount typed, its digits
// scaled, not a float multiplied (64.6k was 64599.99999999999), and that it is written back
// as money to as many digits as it was typed, where plots.GBP rounded 64.5k to £64k and
// 4.35m to £4.3m, in full where the short form would be long (£5,000.50, not £5.0005k); that money is read as scenario files read it, a fraction of a penny
// too; and that a budget of nothing or less is refused.
func TestMoneyExact(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		text string
	}{
		{"64.6k", 64600, "£64.6k"}, {"64.5k", 64500, "£64.5k"}, {"63.5K", 63500, "£63.5k"}, {"£4.35m", 4350000, "£4.35m"},
		{"63m", 63e6, "£63.0m"}, {"0.1k", 100, "£100"}, {".5k", 500, "£500"}, {"5.k", 5000, "£5k"},
		{"64000000", 64e6, "£64.0m"}, {"0.01", 0.01, "£0.01"}, {"1234.5", 1234.5, "£1,234.50"}, {"12345678.91", 12345678.91, "£12,345,678.91"},
		// In full where the short form would take more places than it saves: £5.0005k was
		// printed for £5,000.50.
		{"£5,000.50", 5000.5, "£5,000.50"}, {"1234567", 1234567, "£1,234,567"}, {"£1.234m", 1234000, "£1.234m"},
		{"64.65k", 64650, "£64,650"}, {"1,234,500", 1234500, "£1,234,500"}, {"2.5", 2.5, "£2.50"}, {"0.125", 0.125, "£0.125"},
		// As scenario files and --set read money (scenarios.ParseGBP).
		{"£1,200", 1200, "£1.2k"}, {"0.07bn", 7e7, "£70.0m"}, {"1.20M", 1.2e6, "£1.2m"}, {"£64.60k", 64600, "£64.6k"},
		{".5m", 5e5, "£500k"}, {"0.001", 0.001, "£0.001"},
		// A negative amount has its sign before the £, however short: -5m was written £-5.0m
		// where -5 was -£5.
		{"-5m", -5e6, "-£5.0m"}, {"-£64.5k", -64500, "-£64.5k"}, {"£-5", -5, "-£5"}, {"-1234.5", -1234.5, "-£1,234.50"},
	} {
		got, err := parseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseMoney(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if text := moneyText(got); text != tt.text {
			t.Errorf("moneyText(%v) = %q, want %q", got, text, tt.text)
		}
	}
	for _, in := range []string{"1e305m", "1e99999999999k", "k", "£", "6_4m", "0x10k", "1.5e3k", "1e6", "£12,00"} {
		if got, err := parseMoney(in); err == nil {
			t.Errorf("parseMoney(%q) = %v, want an error", in, got)
		}
	}
	for _, in := range []string{"2027/28=0", "2027/28=-0.001", "2027/28=£0k"} {
		if _, err := parseBudgets([]string{in}); err == nil || !strings.Contains(err.Error(), "is not an amount of pounds above nothing") {
			t.Errorf("--budget %s: %v", in, err)
		}
	}
}

// TestBudgetPrintedAsTyped checks that run writes a budget typed with k exactly in
// budget.csv and prints it to the digits typed.
func TestBudgetPrintedAsTyped(t *testing.T) {
	out := filepath.Join(t.TempDir(), "b")
	o := mustRun(t, "run", "--reps", "2", "--years", "2", "--charts=false", "--budget", "2026/27=646.5k,2027/28=4.35m", "--out", out)
	rows := readCSV(t, out, "budget.csv")
	if len(rows) != 2 || rows[0]["budget"] != "646500" || rows[1]["budget"] != "4350000" {
		t.Errorf("budget.csv rows %v", rows)
	}
	for _, want := range []string{"2026/27: spending passes the budget of £646.5k in ", "2027/28: spending passes the budget of £4.35m in "} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, o.stderr)
		}
	}
}

// TestMoneyEveryFlag checks that --budget, sweep's --target and --vary and sensitivity's
// --vary read money as scenario files and --set do: with £, thousands commas, k, m or bn in
// either case and a leading point; that a --vary of a field not in pounds says it takes no
// money; and that a thousands comma within a --budget entry is not a comma between entries.
func TestMoneyEveryFlag(t *testing.T) {
	for _, in := range []string{"emergency.weekly_gbp=9k:12k:1k", "emergency.weekly_gbp=£9,000:£12,000:£1,000", "emergency.weekly_gbp=.009m:.012M:1K"} {
		l, err := parseVary(in)
		if err != nil || !slices.Equal(l.values, []float64{9000, 10000, 11000, 12000}) {
			t.Errorf("sweep --vary %s: %v, %v; want 9000 to 12000", in, l.values, err)
		}
	}
	if _, low, high, err := parseRange("emergency.weekly_gbp=£9,000:£12,000"); err != nil || low != 9000 || high != 12000 {
		t.Errorf("sensitivity --vary emergency.weekly_gbp=£9,000:£12,000: %v to %v, %v", low, high, err)
	}
	if _, low, high, err := parseRange("kinds.ifa.weekly_gbp.standard=.8k:1.1K"); err != nil || low != 800 || high != 1100 {
		t.Errorf("sensitivity --vary kinds.ifa.weekly_gbp.standard=.8k:1.1K: %v to %v, %v", low, high, err)
	}
	for _, in := range []string{"entries.per_year=9k:12k:1k", "entries.per_year=£9:£12:£1"} {
		if _, err := parseVary(in); err == nil || !strings.Contains(err.Error(), "entries.per_year is not in pounds") {
			t.Errorf("sweep --vary %s: %v, want a word that the field is not in pounds", in, err)
		}
	}
	if tg, err := parseTarget("cost_total<=£1,200"); err != nil || tg.value != 1200 || tg.valueText() != "£1.2k" {
		t.Errorf("--target cost_total<=£1,200: %v, %v", tg, err)
	}
	for in, want := range map[string][]float64{
		"2027/28=0.07bn":                         {7e7},
		"2027/28=0.001":                          {0.001},
		"2027/28=£1,200":                         {1200},
		"2027/28=£1,200,2028/29=2m":              {1200, 2e6},
		"2027/28=£64,000,000,2028/29=£1,200.50k": {64e6, 1200500},
		"2027/28=1m, 2028/29=£1,000":             {1e6, 1000},
		"2027/28=1,000,000 ,2028/29=1,000":       {1e6, 1000},
	} {
		bs, err := parseBudgets([]string{in})
		var got []float64
		for _, b := range bs {
			got = append(got, b.amount)
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("--budget %s: %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseBudgets([]string{"2027/28=1e6"}); err == nil || !strings.Contains(err.Error(), "1m, not 1e6") {
		t.Errorf("--budget 2027/28=1e6: %v, want a word on exponents", err)
	}
}

// TestVaryMoneySameSweep checks that a sweep over a field in pounds written as money runs
// the same values, and writes the same sweep.csv, as the same sweep written in digits.
func TestVaryMoneySameSweep(t *testing.T) {
	dir := t.TempDir()
	csv := map[string]string{}
	for name, vary := range map[string]string{"digits": "emergency.weekly_gbp=9000:12000:3000", "money": "emergency.weekly_gbp=£9,000:12k:£3K"} {
		mustRun(t, "sweep", "default", "--years", "1", "--reps", "2", "--vary", vary, "--charts=false", "--out", filepath.Join(dir, name), "-q")
		csv[name] = readFile(t, filepath.Join(dir, name), "sweep.csv")
	}
	if csv["digits"] != csv["money"] {
		t.Errorf("sweep.csv differs:\n%s\nand\n%s", csv["digits"], csv["money"])
	}
}

// TestMoneyExponentHintEverywhere checks that every flag that reads money refuses an amount
// written with an exponent with the hint --budget gives: sweep's and sensitivity's --vary of a
// field in pounds, sweep's --target of a KPI in pounds and --budget itself.
func TestMoneyExponentHintEverywhere(t *testing.T) {
	for _, args := range [][]string{
		{"sweep", "default", "--vary", "emergency.weekly_gbp=1e5:2e5:5e4", "--reps", "2"},
		{"sweep", "default", "--vary", "kinds.ifa.weekly_gbp.standard=900:2e3:100", "--reps", "2"},
		{"sensitivity", "default", "--vary", "emergency.weekly_gbp=1e5:2e5", "--reps", "2"},
		{"sweep", "default", "--vary", "emergency.weekly_gbp=1000:2000:500", "--target", "cost_total<1e6", "--reps", "2"},
		{"run", "default", "--budget", "2027/28=1e6", "--reps", "2"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			o := placesim(t, append(args, "-q", "--out", filepath.Join(t.TempDir(), "out"))...)
			if o.code != exitUsage || !strings.Contains(o.stderr, " (in digits: 1m, not 1e6)") {
				t.Errorf("exit %d, stderr:\n%s\nwant 2 and the hint (in digits: 1m, not 1e6)", o.code, o.stderr)
			}
		})
	}
}

// TestTinyAmountRefused checks that a budget, or a sweep's target in pounds, under a
// thousandth of the mean spending it is compared with (66 for £66m) is refused with what was
// most likely meant, before any file is written, where it was taken as £66 and passed in every
// replication.
func TestTinyAmountRefused(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		args  []string
		want  string
		meant string
	}{
		{"run's budget", runArgs(filepath.Join(dir, "run"), "--budget", "2026/27=66"),
			"placesim run: --budget 2026/27=66: £66 is under a thousandth of the mean spending it is compared with, £",
			"did you mean £66m? write 66m or £66,000,000"},
		// £60,000 against spending of about £65m: under a thousandth of it.
		{"run's budget in thousands", runArgs(filepath.Join(dir, "run"), "--budget", "2026/27=60000"),
			"placesim run: --budget 2026/27=60000: £60,000 is under a thousandth",
			"did you mean £60m? write 60m or £60,000,000"},
		{"sweep's target", []string{"sweep", "default", "--vary", "years=1:1:1", "--reps", "2", "--target", "cost_total<=66 in 2026/27", "--charts=false", "--out", filepath.Join(dir, "run"), "-q"},
			"placesim sweep: --target \"cost_total<=66 in 2026/27\": £66 is under a thousandth of the mean cost_total in 2026/27 it is compared with, £",
			"did you mean £66m? write 66m or £66,000,000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := placesim(t, tt.args...)
			if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) || !strings.Contains(o.stderr, tt.meant) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", o.code, o.stderr, exitUsage, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "run")); err == nil {
				t.Errorf("%s written", filepath.Join(dir, "run"))
			}
		})
	}
	// A budget of a thousandth of the spending or more is taken as written.
	mustRun(t, runArgs(filepath.Join(dir, "taken"), "--budget", "2026/27=100k")...)
}
