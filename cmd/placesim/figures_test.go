package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/scenarios/readme"
	"github.com/placesim/placesim/scenarios/ssda903"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
	"gonum.org/v1/gonum/stat"
)

var figures = flag.Bool("figures", false, "check the model's figures quoted in README.md and the library's scenario files (with -update, rewrite them)")

// figureReps and figureSeed are the replications and seed of the what-if library's measured
// effects.
const (
	figureReps = 200
	figureSeed = 1
)

// TestFigures regenerates every figure the model produces that README.md or a library
// scenario file quotes, and fails when a quoted figure is stale: `make figures-check` runs it,
// `make figures` rewrites the files. A figure sits between markers: in README.md
// `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`; in a scenario file the comment lines
// after `# Measured against default` up to the next line that is not a comment.
func TestFigures(t *testing.T) {
	if !*figures {
		t.Skip("run by make figures-check; make figures rewrites the figures")
	}
	readme := filepath.Join("..", "..", "README.md")
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	regions := map[string]string{}

	// The default county as `make run` runs it.
	dir := t.TempDir()
	out := filepath.Join(dir, "default")
	mustRun(t, "run", "default", "--out", out, "--formats", "svg")
	cost := summaryRow(t, out, "2026/27", "cost_total")
	regions["default-spend"] = fmt.Sprintf("%q", fmt.Sprintf("%s, with 90%% of runs between %s and %s", gbpFigure(cost["mean"]), gbpFigure(cost["p05"]), gbpFigure(cost["p95"])))
	report := readFile(t, out, "report.html")
	sub := regexp.MustCompile(`Spending (rises|falls) from [^<]*?\)\.`).FindString(report)
	if sub == "" {
		t.Fatal("report.html has no subtitle of the spending chart")
	}
	regions["cost-subtitle"] = fmt.Sprintf("%q", sub)
	stable := summaryRow(t, out, "2026/27", "three_plus_moves_share")
	regions["default-stability"] = fmt.Sprintf("%.1f%% in 2026/27 (%.0f of the %.0f children in care at 31 March 2027, mean of %.0f runs)",
		100*stable["mean"], summaryRow(t, out, "2026/27", "children_three_plus_placements")["mean"],
		summaryRow(t, out, "2026/27", "children_in_care_year_end")["mean"], stable["n"])
	longTerm := summaryRow(t, out, "2026/27", "long_term_stable_share")
	regions["default-long-term-stability"] = fmt.Sprintf("%.1f%% in 2026/27 (%.0f of the %.0f children under 16 in care 2.5 years or more at 31 March 2027, mean of %.0f runs)",
		100*longTerm["mean"], summaryRow(t, out, "2026/27", "children_long_term_stable")["mean"],
		summaryRow(t, out, "2026/27", "children_long_term_eligible")["mean"], longTerm["n"])

	// What a shard of the default county takes on disk a replication: shard 0/8 of 1,000.
	regions["shard-bytes"] = shardBytesFigure(t, dir)

	// Samples of the files `make run` writes, and the sufficiency gap read from them.
	regions["summary-sample"] = csvSample(t, filepath.Join(out, "summary.csv"),
		"default,2026/27,children_in_care,", "default,2026/27,entries,", "default,2026/27,cost_total,", "default,2026/27,first_choice_share,")
	regions["chart-data-sample"] = csvSample(t, filepath.Join(out, "charts", "chart-data.csv"),
		"default,children-by-kind,children_kinship,", "default,cost-by-year,cost_total,", "default,key-figures,first_choice_share,")
	maps.Copy(regions, sufficiencyGapFigures(t, out))

	// The worked example of --precision; the time it took is the machine's, not the model's.
	// Its charts in one format, as cheap as any: the line names what the command as shown
	// writes, charts among them.
	o := mustRun(t, "run", "--precision", "0.005", "--kpi", "cost_total", "--formats", "svg", "--out", filepath.Join(dir, "precision"))
	line := strings.ReplaceAll(strings.TrimSpace(o.stderr), filepath.Join(dir, "precision")+string(filepath.Separator), "out/default/")
	line = regexp.MustCompile(`\) in [0-9.]+s `).ReplaceAllString(line, ") in …s ")
	regions["precision-example"] = "```\n$ placesim run --precision 0.005 --kpi cost_total\n" + line + "\n```"

	// The worked example of a sweep, with the conclusion it prints.
	o = mustRun(t, "sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:43:6", "--target", "ifa_share<=0.30 in 2030/31",
		"--reps", "100", "--charts=false", "--out", filepath.Join(dir, "sweep"))
	regions["sweep-example"] = "```\n$ placesim sweep default --vary kinds.inhouse_foster.carers.approvals_per_year=19:43:6 --target \"ifa_share<=0.30 in 2030/31\" --reps 100\n" + o.stdout + "```"

	// The worked example of --find largest.
	maps.Copy(regions, sweepFindLargest(t, dir))

	// The worked example of a comparison.
	o = mustRun(t, "compare", "default", "recruit-12-net-carers", "--charts=false", "--out", filepath.Join(dir, "compare"))
	regions["compare-recruit"] = "```\n$ placesim compare default recruit-12-net-carers\n" + o.stdout + "```"
	regions["recruit-long-term-stability"] = longTermDifference(t, filepath.Join(dir, "compare"))

	// The example of a UASC grant at two rates, split into its parts.
	maps.Copy(regions, uascGrantSplit(t, dir))

	// The worked example of a sensitivity analysis.
	o = mustRun(t, "sensitivity", "default", "--reps", "50", "--charts=false", "-q", "--out", filepath.Join(dir, "sensitivity"))
	regions["sensitivity-default"] = "```\n$ placesim sensitivity default --reps 50\n" + o.stdout + "```"

	// The backtests of the sample returns.
	maps.Copy(regions, backtestSamples(t, dir))

	// A calibrated council's carers holding its starting stock.
	maps.Copy(regions, stockHeldFigures(t, dir))
	// The entrants an age band's count over its share gives away, in the calibration's README.
	checkAgeBandEntrants(t, dir)

	// The built-in region and a regional strategy.
	maps.Copy(regions, regionFigures(t, dir))

	// How far the mean of each replication's own share understates the share turned away.
	regions["erlang-naive-bias"] = erlangNaiveBias(t)

	// The memory a run holds: the most replications that fit, in run's refusal and serve's.
	maps.Copy(regions, memoryFigures(t))

	// The what-if library's measured effects, and the figures its files' words quote.
	rows, perFile, runs := libraryEffects(t)
	regions["library-effects"] = rows

	got := string(text)
	for name, body := range regions {
		got = replaceRegion(t, got, name, body)
	}
	check(t, readme, string(text), got)
	checkLibraryFiles(t, perFile, runs)
	checkLibraryProse(t, runs)
}

// TestFigureLibrary regenerates only the what-if library's figures: README.md's table of
// their measured effects (figures:library-effects), each file's "Measured against default"
// lines and the figures its description and header comments quote (libraryWords), which
// TestFigures regenerates with the others: with -figures it fails when one is stale, and with
// -update as well it rewrites them. The descriptions are compiled into the command, so after
// a rewrite its listing (TestReadmeScenariosList, TestScenariosList) is regenerated by a
// second go test -update, as make figures does.
func TestFigureLibrary(t *testing.T) {
	if !*figures {
		t.Skip("run with -figures (and -update to rewrite the figures)")
	}
	rows, perFile, runs := libraryEffects(t)
	checkReadmeFigures(t, func(*testing.T, string) map[string]string { return map[string]string{"library-effects": rows} })
	checkLibraryFiles(t, perFile, runs)
	checkLibraryProse(t, runs)
}

// checkLibraryFiles regenerates, in each of the library's files, the lines of its "Measured
// against default" block and the figures its words quote (libraryWords), from the runs of
// libraryEffects: stale, it fails, naming the file, the line and the figure it has and the
// one the runs give; under -update it rewrites the file.
func checkLibraryFiles(t *testing.T, perFile map[string][]string, runs libraryRuns) {
	t.Helper()
	for _, file := range slices.Sorted(maps.Keys(perFile)) {
		path := filepath.Join("..", "..", "scenarios", file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		old := string(data)
		measured := replaceMeasured(t, path, old, perFile[file])
		words := wordsOf(file)
		figs, froms := make([][]string, len(words)), make([]string, len(words))
		for i, w := range words {
			figs[i], froms[i] = w.figures(t, runs)
		}
		// The words' figures as the file has them, each at its line, against the runs'.
		_, changes, err := rewriteWords(old, words, figs, froms)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		regenerated, _, err := rewriteWords(measured, words, figs, froms)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if *update {
			check(t, path, old, regenerated)
			continue
		}
		for _, c := range changes {
			t.Errorf("%s:%d: %s: the words say %s, the runs give %s (%s; from runs of %d replications, seed %d; make figures rewrites it)",
				path, c.line, c.what, c.old, c.new, c.via, figureReps, figureSeed)
		}
		check(t, path, old, measured)
	}
}

// TestFigureBacktestSamples regenerates only the README's table of the sample returns'
// backtests (figures:backtest-samples), which TestFigures regenerates with the others: with
// -figures it fails when the table is stale, and with -update as well it rewrites it, so that
// a change to the calibration or the backtest refreshes its own table without the rest.
func TestFigureBacktestSamples(t *testing.T) {
	if !*figures {
		t.Skip("run with -figures (and -update to rewrite the table)")
	}
	checkReadmeFigures(t, backtestSamples)
}

// TestFigureSweepFindLargest regenerates only the README's example of sweep --find largest
// (figures:sweep-find-largest), which TestFigures regenerates with the others: with -figures
// it fails when the example is stale, and with -update as well it rewrites it.
func TestFigureSweepFindLargest(t *testing.T) {
	if !*figures {
		t.Skip("run with -figures (and -update to rewrite the example)")
	}
	checkReadmeFigures(t, sweepFindLargest)
}

// TestFigureUASCGrantSplit regenerates only the README's example of a UASC grant at two rates
// split into what comes of the extra child-years and what of the higher rate
// (figures:uasc-grant-split), which TestFigures regenerates with the others: with -figures it
// fails when the example is stale, and with -update as well it rewrites it.
func TestFigureUASCGrantSplit(t *testing.T) {
	if !*figures {
		t.Skip("run with -figures (and -update to rewrite the example)")
	}
	checkReadmeFigures(t, uascGrantSplit)
}

// uascGrantSplitRE reads, from what compare prints of nts-threshold-0.07 against surge200
// (uasc-surge at £200 a night), the grants at the two rates and the split of their difference.
var uascGrantSplitRE = regexp.MustCompile(`at nts-threshold-0\.07's £143 a night and surge200's £200 \([^)]*\) (surge200's grant would be about [^;]*); the spending figures leave it out`)

// uascGrantSplit runs README.md's example of a UASC grant at two rates, placesim compare
// nts-threshold-0.07 surge200.yaml --reps 200 (surge200 being uasc-surge at £200 a night), and
// returns what it says of the grants as figures:uasc-grant-split.
func uascGrantSplit(t *testing.T, dir string) map[string]string {
	t.Helper()
	surge200 := filepath.Join(dir, "surge200.yaml")
	if err := os.WriteFile(surge200, []byte("name: surge200\nextends: uasc-surge\nuasc:\n  grant_per_night_gbp: 200\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := mustRun(t, "compare", "nts-threshold-0.07", surge200, "--reps", strconv.Itoa(figureReps), "--seed", strconv.Itoa(figureSeed),
		"--charts=false", "-q", "--out", filepath.Join(dir, "grant-split"))
	m := uascGrantSplitRE.FindStringSubmatch(o.stdout)
	if m == nil {
		t.Fatalf("compare nts-threshold-0.07 surge200 does not split the grant at the two rates:\n%s", o.stdout)
	}
	return map[string]string{"uasc-grant-split": "*" + m[1] + "*"}
}

// TestReadmeUASCGrantSplitAddsUp checks that README.md's example of a UASC grant at two rates,
// which make figures writes, is of the comparison the figures run, and that its two parts add
// up to the difference it splits, to the £0.1m the line rounds each to.
func TestReadmeUASCGrantSplitAddsUp(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	if !strings.Contains(flat, "`placesim compare nts-threshold-0.07 surge200.yaml --reps 200`, surge200 being uasc-surge at £200 a night, `uasc.grant_per_night_gbp: 200`") {
		t.Errorf("README.md does not say which comparison its example of a UASC grant at two rates is")
	}
	_, body, ok := strings.Cut(flat, "<!-- figures:uasc-grant-split -->")
	body, _, _ = strings.Cut(body, "<!-- /figures:uasc-grant-split -->")
	m := regexp.MustCompile(`: £([0-9.]+)m more \([^)]*\): \+£([0-9.]+)m from its extra child-years at £200, \+£([0-9.]+)m from the higher rate on the child-years both have\*$`).FindStringSubmatch(body)
	if !ok || m == nil {
		t.Fatalf("README.md's example of a UASC grant at two rates does not split the difference in two:\n%s", body)
	}
	var v [3]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	// Each figure is rounded to £0.1m: the parts' sum is within two half-steps of the whole's.
	if math.Abs(v[1]+v[2]-v[0]) > 0.1+1e-9 {
		t.Errorf("README.md's UASC grant split: +£%.1fm and +£%.1fm do not add up to £%.1fm", v[1], v[2], v[0])
	}
}

// TestReadmeFindLargestFinds checks that README.md's example of sweep --find largest, which
// make figures writes, finds a largest value, as it is there to show, and is the sweep the
// figures run.
func TestReadmeFindLargestFinds(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(text), "<!-- figures:sweep-find-largest -->\n")
	body, _, _ = strings.Cut(body, "<!-- /figures:sweep-find-largest -->")
	if !ok || !strings.HasPrefix(body, "```\n"+findLargestCommand+"\n") {
		t.Fatalf("README.md's example of --find largest is not of %q:\n%s", findLargestCommand, body)
	}
	if !regexp.MustCompile(`\nThe largest [^ ]+ that meets .* is [0-9]+\.\n`).MatchString(body) {
		t.Errorf("README.md's example of --find largest finds no largest value:\n%s", body)
	}
}

// findLargestCommand is README.md's example of sweep --find largest.
const findLargestCommand = `$ placesim sweep default --vary "kinds.ifa.weekly_gbp=£800:£1,400:100" --target "cost_total<=£74m in 2027/28" --find largest`

// sweepFindLargest runs README.md's example of sweep --find largest and returns it, the
// command and what it prints, as figures:sweep-find-largest.
func sweepFindLargest(t *testing.T, dir string) map[string]string {
	t.Helper()
	o := mustRun(t, "sweep", "default", "--vary", "kinds.ifa.weekly_gbp=£800:£1,400:100", "--target", "cost_total<=£74m in 2027/28",
		"--find", "largest", "--charts=false", "--out", filepath.Join(dir, "sweep-largest"))
	return map[string]string{"sweep-find-largest": "```\n" + findLargestCommand + "\n" + o.stdout + "```"}
}

// TestFigureRegions regenerates only the README's figures of the built-in region and its
// Regional Care Cooperative (figures:region-reps, region-south-east, region-rcc, and
// region-who-gains and region-split, one council's recruiting against it), which
// TestFigures regenerates with the others: with -figures it fails when they are stale, and
// with -update as well it rewrites them, so that a change to the region's files refreshes its
// own figures without the rest.
func TestFigureRegions(t *testing.T) {
	if !*figures {
		t.Skip("run with -figures (and -update to rewrite the figures)")
	}
	checkReadmeFigures(t, regionFigures)
}

// checkReadmeFigures regenerates the README's figures blocks that regenerate writes (their names
// and bodies, from a run in a temporary folder) and checks them as check does: stale, it fails;
// under -update, it rewrites them.
func checkReadmeFigures(t *testing.T, regenerate func(t *testing.T, dir string) map[string]string) {
	t.Helper()
	readme := filepath.Join("..", "..", "README.md")
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	got := string(text)
	for name, body := range regenerate(t, t.TempDir()) {
		got = replaceRegion(t, got, name, body)
	}
	check(t, readme, string(text), got)
}

// check compares a file's text with its regenerated text, and rewrites it under -update.
func check(t *testing.T, path, old, regenerated string) {
	t.Helper()
	if old == regenerated {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(regenerated), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s", path)
		return
	}
	ol, nl := strings.Split(old, "\n"), strings.Split(regenerated, "\n")
	for i := range min(len(ol), len(nl)) {
		if ol[i] != nl[i] {
			t.Errorf("%s is stale from line %d:\n have %s\n want %s\n(make figures rewrites it)", path, i+1, ol[i], nl[i])
			return
		}
	}
	t.Errorf("%s is stale (make figures rewrites it)", path)
}

// replaceRegion replaces the text between the README's markers for name.
func replaceRegion(t *testing.T, text, name, body string) string {
	t.Helper()
	got, err := readme.Figures(name).Replace(text, body)
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	return got
}

// replaceMeasured replaces the comment lines after "# Measured against default" in a scenario
// file.
func replaceMeasured(t *testing.T, path, text string, lines []string) string {
	t.Helper()
	all := strings.Split(text, "\n")
	start := slices.IndexFunc(all, func(l string) bool { return strings.HasPrefix(l, "# Measured against default") })
	if start < 0 {
		t.Fatalf("%s has no line starting \"# Measured against default\"", path)
	}
	end := start + 1
	for end < len(all) && strings.HasPrefix(all[end], "#") && strings.TrimSpace(all[end]) != "#" {
		end++
	}
	head := fmt.Sprintf("# Measured against default (seed %d, %d replications, paired means; make figures", figureSeed, figureReps)
	block := []string{head, "# regenerates these lines):"}
	for _, l := range lines {
		block = append(block, "#   - "+l)
	}
	return strings.Join(slices.Concat(all[:start], block, all[end:]), "\n")
}

// summaryRow returns the statistics of one KPI in one period of OUT/summary.csv.
func summaryRow(t *testing.T, out, period, kpi string) map[string]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	for _, r := range recs[1:] {
		if r[slices.Index(head, "period")] == period && r[slices.Index(head, "kpi")] == kpi {
			row := map[string]float64{}
			for i, h := range head {
				if v, err := strconv.ParseFloat(r[i], 64); err == nil {
					row[h] = v
				}
			}
			return row
		}
	}
	t.Fatalf("summary.csv has no %s in %s", kpi, period)
	return nil
}

// csvSample returns a code block of the header of a CSV file and, for each prefix, the first row
// that starts with it, in the order given.
func csvSample(t *testing.T, path string, prefixes ...string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(string(data), "\n")
	sample := []string{rows[0]}
	for _, p := range prefixes {
		i := slices.IndexFunc(rows, func(r string) bool { return strings.HasPrefix(r, p) })
		if i < 0 {
			t.Fatalf("%s has no row starting %s", path, p)
		}
		sample = append(sample, rows[i])
	}
	return "```\n" + strings.Join(sample, "\n") + "\n```"
}

// sufficiencyGapFigures returns the figures of the README's reading of the sufficiency gap: the
// default county's in-house foster care in its last year, from the means of OUT/summary.csv.
// The prose around them draws a conclusion (the need passes the places, yet places stand empty,
// most of them kept for brothers and sisters, few of them open to the children aged 10 to 15
// who wait): the test fails, rather than rewrite the figures under it, when they no longer
// bear it out.
func sufficiencyGapFigures(t *testing.T, out string) map[string]string {
	t.Helper()
	const year = "2035/36"
	mean := func(kpi string) float64 { return summaryRow(t, out, year, kpi)["mean"] }
	need, places, empty := mean("gap_need_inhouse_foster"), mean("places_inhouse_foster"), mean("gap_empty_inhouse_foster")
	siblings := mean("empty_unusable_inhouse_foster_siblings")
	waiting, usable, otherAges := mean("gap_waiting_inhouse_foster_10_15"), mean("gap_usable_empty_inhouse_foster_10_15"), mean("gap_empty_other_ages_inhouse_foster_10_15")
	if need <= places || empty < 1 || siblings <= empty/2 || usable >= waiting/10 {
		t.Errorf("README.md's reading of the sufficiency gap no longer holds in %s: %.1f children need in-house foster care against %.1f places, %.1f empty, %.1f of them kept for brothers and sisters, %.1f open to the %.1f children aged 10 to 15 waiting: rewrite its prose",
			year, need, places, empty, siblings, usable, waiting)
	}
	count := func(v float64) string {
		if v < 0.5 {
			return "fewer than 1"
		}
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return map[string]string{
		"gap-need": fmt.Sprintf("by %s, %s children have in-house foster care as their first choice against %s places, yet %s of those places stand empty",
			year, count(need), count(places), count(empty)),
		"gap-empty": fmt.Sprintf("in %s, of the %s empty in-house places, %s are kept for brothers and sisters; for the %s children aged 10 to 15 placed elsewhere, %s could take them and %s are approved for other ages",
			year, count(empty), count(siblings), count(waiting), count(usable), count(otherAges)),
	}
}

// erlangNaiveBias returns how far, in each year of the queueing check, the mean of the
// replications' own shares of children turned away from its pool falls short of the share of
// all the runs' matches (the ratio of totals summary.csv gives), as the lowest and highest
// shortfall in per cent: the run of TestErlangByYear in sim (2,000 replications, seed 2027).
func erlangNaiveBias(t *testing.T) string {
	t.Helper()
	s, err := scenarios.Load("erlang", []string{"years=3"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 2000, Seed: 2027, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	share := slices.Index(res.KPIs, "first_choice_share")
	var shortfalls []float64
	for p, period := range res.Periods {
		if period == sim.WholeRun {
			continue
		}
		totals := 1 - res.Summary(p, share, nil).Mean
		naive := 1 - stat.Mean(res.KPI(p, share), nil)
		shortfalls = append(shortfalls, 100*(1-naive/totals))
	}
	lo, hi := fmt.Sprintf("%.0f", slices.Min(shortfalls)), fmt.Sprintf("%.0f", slices.Max(shortfalls))
	if lo == hi {
		return lo + "%"
	}
	return lo + "-" + hi + "%"
}

// effect is one measured figure of the library table: the paired mean difference of the sum of
// some KPIs in a period.
type effect struct {
	head   string
	period string
	kpis   []string
	money  bool
	// residential sums, in place of kpis, the children in every kind of each scenario's own
	// residential category (see residentialKPIs).
	residential bool
}

// residentialKPIs names the occupancy KPIs of every kind of the residential category in s, so
// that a kind a scenario adds (solo-placement-home's solo_home) counts among its children in
// homes.
func residentialKPIs(s *model.Scenario) []string {
	var out []string
	for _, k := range s.Kinds {
		if k.Category == model.Residential {
			out = append(out, "occupied_"+k.Name)
		}
	}
	return out
}

// TestResidentialKPIsOfEachScenario checks that the library table's "children in homes" counts
// every residential kind a scenario has, its own added kinds among them, and only those.
func TestResidentialKPIsOfEachScenario(t *testing.T) {
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"default", []string{"occupied_inhouse_home", "occupied_block_residential", "occupied_external_residential"}},
		{"solo-placement-home", []string{"occupied_inhouse_home", "occupied_block_residential", "occupied_external_residential", "occupied_solo_home"}},
	} {
		s, err := scenarios.Load(tt.name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := residentialKPIs(s); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(tt.want))) {
			t.Errorf("%s: children in homes counts %v, want %v", tt.name, got, tt.want)
		}
	}
}

// libraryEffects measures every what-if scenario of the library against the default, paired
// replication by replication, and returns the README table, for each scenario file the lines
// of its "Measured against default" block, and the runs, from which libraryWords reads the
// figures the files' words quote. Each scenario runs figureReps replications with figureSeed,
// its monthly records kept where a word reads a monthly metric (monthlyWords).
func libraryEffects(t *testing.T) (string, map[string][]string, libraryRuns) {
	t.Helper()
	effects := []effect{
		{head: "carer households, March 2031", period: "2030/31", kpis: []string{"carer_households_end"}},
		{head: "carer households, March 2036", period: "2035/36", kpis: []string{"carer_households_end"}},
		{head: "children with agencies 2030/31", period: "2030/31", kpis: []string{"occupied_ifa"}},
		{head: "children in homes 2030/31", period: "2030/31", residential: true},
		{head: "emergency placements 2030/31", period: "2030/31", kpis: []string{"emergency_placements"}},
		{head: "step-downs 2030/31", period: "2030/31", kpis: []string{"stepdowns"}},
		{head: "spending 2026/27", period: "2026/27", kpis: []string{"cost_total"}, money: true},
		{head: "spending 2030/31", period: "2030/31", kpis: []string{"cost_total"}, money: true},
		{head: "spending 2035/36", period: "2035/36", kpis: []string{"cost_total"}, money: true},
		{head: "spending over 10 years", period: "all", kpis: []string{"cost_total"}, money: true},
	}
	run := func(name string) (*model.Scenario, *sim.Results) {
		s, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(s, sim.Options{Reps: figureReps, Seed: figureSeed, KPIsOnly: !monthlyWords[name]})
		if err != nil {
			t.Fatal(err)
		}
		return s, res
	}
	kpis := func(e effect, s *model.Scenario) []string {
		if e.residential {
			return residentialKPIs(s)
		}
		return e.kpis
	}
	baseS, base := run("default")
	runs := libraryRuns{"default": base}
	var b strings.Builder
	b.WriteString("| scenario |")
	for _, e := range effects {
		b.WriteString(" " + e.head + " |")
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---:|", len(effects)))
	b.WriteString("\n")
	// The default's own figures first, so that the differences read against them.
	b.WriteString("| `default` (its own figures) |")
	for _, e := range effects {
		m := stat.Mean(sumKPIs(t, base, e.period, kpis(e, baseS)), nil)
		b.WriteString(" " + plainFigure(m, e.money) + " |")
	}
	b.WriteString("\n")
	perFile := map[string][]string{}
	for _, info := range scenarios.Builtins() {
		if info.Name == "default" || strings.Contains(info.File, "/") {
			continue
		}
		altS, alt := run(info.Name)
		runs[info.Name] = alt
		b.WriteString("| `" + info.Name + "` |")
		var lines []string
		for _, e := range effects {
			d := make([]float64, len(alt.Reps))
			x, y := sumKPIs(t, alt, e.period, kpis(e, altS)), sumKPIs(t, base, e.period, kpis(e, baseS))
			for i := range d {
				d[i] = x[i] - y[i]
			}
			mean := stat.Mean(d, nil)
			cell := signedFigure(mean, e.money)
			b.WriteString(" " + cell + " |")
			if math.Abs(mean) >= 0.05 || e.money {
				lines = append(lines, e.head+": "+cell)
			}
		}
		b.WriteString("\n")
		perFile[info.File] = lines
	}
	return strings.TrimSuffix(b.String(), "\n"), perFile, runs
}

// backtestSamples backtests the sample returns as the README says, and returns its table:
// for all children in care, the MAPE and the months inside the 50% and 90% bands by year of
// horizon and over all, and the lowest and highest share of months inside the 90% band among
// the kinds.
func backtestSamples(t *testing.T, dir string) map[string]string {
	t.Helper()
	var b strings.Builder
	// The prose below the tables: the regional samples' children in care at the start and at
	// the end, and the months with and without children of the kinds it names.
	var starts, ends []string
	spans := map[string]string{}
	named := map[[2]string]string{
		{"Bromley", "kinship"}: "Bromley's kinship care",
	}
	// byKind[group][sample] is the share of months inside the 90% band in each year of horizon.
	byKind := map[string][]string{}
	var kinds, labels []string
	b.WriteString("| sample | MAPE | 50% band, months 1-12 | 50%, 13-24 | 50%, all | 90% band, months 1-12 | 90%, 13-24 | 90%, all | 90%, each kind over its months shown |\n" +
		"|---|---|---|---|---|---|---|---|---|")
	for _, c := range []struct{ label, dir, prefix, la string }{
		{"la-sample (one council, 2017-2022)", "la-sample", "*-", ""},
		{"regional-sample, Southwark", "regional-sample", "", "Southwark"},
		{"regional-sample, Bromley", "regional-sample", "", "Bromley"},
		{"regional-sample, Hillingdon", "regional-sample", "", "Hillingdon"},
	} {
		out := filepath.Join(dir, "backtest-"+strings.ReplaceAll(c.label, " ", "-"))
		args := slices.Concat([]string{"backtest"}, sampleArgs(t, c.dir, c.prefix),
			[]string{"--at", "2020-04-01", "--reps", "500", "--seed", "1", "--formats", "svg", "--out", out})
		if c.la != "" {
			args = append(args, "--la", c.la)
		}
		mustRun(t, args...)
		if c.la != "" {
			starts = append(starts, strconv.Itoa(stockCount(t, filepath.Join(out, "scenario.yaml"))))
			byGroup := map[string][]map[string]string{}
			for _, r := range readCSV(t, out, "backtest.csv") {
				byGroup[r["group"]] = append(byGroup[r["group"]], r)
			}
			all := byGroup["children_in_care"]
			ends = append(ends, all[len(all)-1]["actual"])
			for g, label := range named {
				if g[0] == c.la {
					spans[g[0]+" "+g[1]] = label + " " + monthSpans(t, byGroup[g[1]])
				}
			}
		}
		f, err := os.Open(filepath.Join(out, "backtest_summary.csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		head := recs[0]
		col := func(r []string, name string) float64 {
			s := r[slices.Index(head, name)]
			if s == "NA" {
				return math.NaN() // a span whose counts are all hidden
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("backtest_summary.csv: %s: %v", name, err)
			}
			return v
		}
		all := map[string][]string{}
		kinds90 := []float64{}
		for _, r := range recs[1:] {
			group, horizon := r[slices.Index(head, "group")], r[slices.Index(head, "horizon_months")]
			if slices.Contains(ssda903.Flows, group) {
				continue // the entries and exits by year, not months of a kind
			}
			if horizon == "1-12" {
				if !slices.Contains(kinds, group) {
					kinds = append(kinds, group)
				}
				byKind[group] = append(byKind[group], share(col(r, "coverage_90")))
			} else if horizon == "13-24" {
				byKind[group][len(byKind[group])-1] += ", " + share(col(r, "coverage_90"))
			}
			if group == "children_in_care" {
				all[horizon] = r
			} else if v := col(r, "coverage_90"); horizon == "all" && !math.IsNaN(v) {
				kinds90 = append(kinds90, v)
			}
		}
		if all["1-12"] == nil || all["13-24"] == nil || all["all"] == nil || len(kinds90) == 0 {
			t.Fatalf("%s: backtest_summary.csv lacks children_in_care by year of horizon or the kinds", c.label)
		}
		spread := share(slices.Min(kinds90))
		if hi := share(slices.Max(kinds90)); hi != spread {
			spread = strings.TrimSuffix(spread, "%") + "-" + hi
		}
		fmt.Fprintf(&b, "\n| %s | %.1f%% | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %s |", c.label, col(all["all"], "mape"),
			100*col(all["1-12"], "coverage_50"), 100*col(all["13-24"], "coverage_50"), 100*col(all["all"], "coverage_50"),
			100*col(all["1-12"], "coverage_90"), 100*col(all["13-24"], "coverage_90"), 100*col(all["all"], "coverage_90"),
			spread)
		labels = append(labels, c.label)
	}
	// The months inside the 90% band of each kind and of all children, by year of horizon.
	b.WriteString("\n\n| 90% band, months 1-12, 13-24 |")
	for _, l := range labels {
		b.WriteString(" " + strings.SplitN(l, " (", 2)[0] + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(labels)))
	for _, g := range kinds {
		if len(byKind[g]) != len(labels) {
			t.Fatalf("%s: backtest_summary.csv has %d samples' years of horizon, want %d", g, len(byKind[g]), len(labels))
		}
		fmt.Fprintf(&b, "\n| %s | %s |", g, strings.Join(byKind[g], " | "))
	}
	if len(spans) != len(named) {
		t.Fatalf("the backtests hold %d of the %d kinds the README names", len(spans), len(named))
	}
	return map[string]string{
		"backtest-samples": b.String(),
		"backtest-samples-stock": fmt.Sprintf("%s children in care at the start, %s two years on",
			joinAnd(starts), joinAnd(ends)),
		"backtest-samples-spans": spans["Bromley kinship"],
	}
}

// stockCount returns the children of a calibrated scenario's starting stock.
func stockCount(t *testing.T, path string) int {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, stock, ok := strings.Cut(string(text), "\nstock:\n")
	if !ok {
		t.Fatalf("%s has no stock", path)
	}
	n := 0
	for line := range strings.SplitSeq(stock, "\n") {
		if !strings.HasPrefix(line, "  - {kind:") {
			break
		}
		_, after, _ := strings.Cut(line, " count: ")
		v, err := strconv.Atoi(strings.SplitN(after, ",", 2)[0])
		if err != nil {
			t.Fatalf("%s: stock line %q: %v", path, line, err)
		}
		n += v
	}
	return n
}

// monthSpans says over which months a group of backtest.csv held children (a count above 0,
// or NA: 1 to 4) and over which none: "held a few from April to October 2020 and none from
// November 2020 to March 2022".
func monthSpans(t *testing.T, rows []map[string]string) string {
	t.Helper()
	type span struct {
		some       bool
		first, end time.Time
	}
	var spans []span
	for _, r := range rows {
		m, err := time.Parse(time.DateOnly, r["date"])
		if err != nil {
			t.Fatal(err)
		}
		some := r["actual"] != "0"
		if len(spans) == 0 || spans[len(spans)-1].some != some {
			spans = append(spans, span{some: some, first: m})
		}
		spans[len(spans)-1].end = m
	}
	var parts []string
	for i, s := range spans {
		from, to := s.first.Format("January 2006"), s.end.Format("January 2006")
		if s.first.Year() == s.end.Year() {
			from = s.first.Format("January")
		}
		what := "none"
		if s.some {
			what = "children"
			if i > 0 {
				what = "children again"
			}
		}
		if s.first.Equal(s.end) {
			parts = append(parts, fmt.Sprintf("%s in %s", what, to))
		} else {
			parts = append(parts, fmt.Sprintf("%s from %s to %s", what, from, to))
		}
	}
	return "held " + joinAnd(parts)
}

// share writes a share as a whole percentage, or "n/a" for NaN (no month shown).
func share(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}

// sumKPIs returns, one value a replication, the sum of the named KPIs in period.
func sumKPIs(t *testing.T, res *sim.Results, period string, names []string) []float64 {
	t.Helper()
	p := slices.Index(res.Periods, period)
	if p < 0 {
		t.Fatalf("no period %s", period)
	}
	out := make([]float64, len(res.Reps))
	for _, n := range names {
		k := slices.Index(res.KPIs, n)
		if k < 0 {
			t.Fatalf("no KPI %s", n)
		}
		for i, rep := range res.Reps {
			out[i] += rep.KPIs[p*len(res.KPIs)+k]
		}
	}
	return out
}

// gbpFigure writes pounds as a board paper does: £62.8m, £780k, £500.
func gbpFigure(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e6:
		return sign + "£" + plots.Thousands(fmt.Sprintf("%.1f", v/1e6)) + "m"
	case v >= 1e3:
		return fmt.Sprintf("%s£%.0fk", sign, v/1e3)
	}
	return fmt.Sprintf("%s£%.0f", sign, v)
}

// plainFigure writes a count to one decimal, or money.
func plainFigure(v float64, isMoney bool) string {
	if isMoney {
		return gbpFigure(v)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// signedFigure writes a difference with its sign.
func signedFigure(v float64, isMoney bool) string {
	s := plainFigure(v, isMoney)
	if s == "-0.0" || s == "-£0" {
		s = strings.TrimPrefix(s, "-")
	}
	if !strings.HasPrefix(s, "-") && s != "0.0" && s != "£0" {
		s = "+" + s
	}
	return s
}

// regionFigureReps are the replications of the README's figures of the built-in region: a few,
// as the README says.
const regionFigureReps = 20

// regionFigures runs the built-in region and compares it with its Regional Care Cooperative,
// for the README's section on regions: the table of councils and the comparison's table.
func regionFigures(t *testing.T, dir string) map[string]string {
	t.Helper()
	reps := strconv.Itoa(regionFigureReps)
	out := filepath.Join(dir, "south-east")
	mustRun(t, "run", "south-east", "--reps", reps, "--charts=false", "-q", "--out", out)
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out, "summary.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type cols struct{ children, residential, emergencies, outside, far, spend float64 }
	byCouncil := map[string]*cols{}
	var order []string
	years := 0.0
	for _, r := range recs[1:] {
		council, period, kpi := r[0], r[2], r[3]
		if period != sim.WholeRun {
			if council == sim.RegionTotal && kpi == sim.CostTotal {
				years++
			}
			continue
		}
		c := byCouncil[council]
		if c == nil {
			c = &cols{}
			byCouncil[council] = c
			order = append(order, council)
		}
		v, _ := strconv.ParseFloat(r[4], 64)
		switch kpi {
		case sim.ChildrenInCare:
			c.children = v
		case sim.OccupiedCategoryKPI(model.Residential):
			c.residential = v
		case sim.EmergencyPlacements:
			c.emergencies = v
		case sim.OutOfAreaShare:
			c.outside = v
		case sim.PlacedDistantShare:
			c.far = v
		case sim.CostTotal:
			c.spend = v
		}
	}
	var b strings.Builder
	b.WriteString("| council | children in care | in residential care | emergency placements a year | placed out of their own area | placed over 20 miles away | spending a year |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|\n")
	for _, name := range order {
		c := byCouncil[name]
		if name == sim.RegionTotal {
			name = "**region**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.1f | %.1f%% | %.1f%% | %s |\n", name, plots.Level(c.children, plots.Count), plots.Level(c.residential, plots.Count),
			c.emergencies/years, 100*c.outside, 100*c.far, gbpFigure(c.spend/years))
	}
	o := mustRun(t, "compare", "south-east", "regional-care-cooperative", "--reps", reps, "--charts=false", "-q", "--out", filepath.Join(dir, "compare-region"))
	// Who gains when one council recruits and its neighbours do not: the lines under the
	// table that say it.
	g := mustRun(t, "compare", "south-east", "one-council-recruits", "--reps", reps, "--charts=false", "-q", "--out", filepath.Join(dir, "compare-one"))
	at := strings.Index(g.stdout, "Who gains, and why")
	if at < 0 {
		t.Fatalf("compare south-east one-council-recruits says nothing of who gains:\n%s", g.stdout)
	}
	// The region's net saving split between west-sussex, which recruits, and the others.
	split := regexp.MustCompile(`(?m)^Of the region's net saving over the run, .*$`).FindString(g.stdout)
	if split == "" {
		t.Fatalf("compare south-east one-council-recruits does not split the region's net saving:\n%s", g.stdout)
	}
	return map[string]string{
		"region-split":      "*" + strings.TrimSuffix(split, ".") + "*",
		"region-south-east": strings.TrimSuffix(b.String(), "\n"),
		"region-reps":       reps,
		"region-rcc":        "```\n$ placesim compare south-east regional-care-cooperative --reps " + reps + "\n" + o.stdout + "```",
		"region-who-gains":  "```\n$ placesim compare south-east one-council-recruits --reps " + reps + "\n…\n" + g.stdout[at:] + "```",
	}
}

// longTermDifference describes, from the comparison.csv in dir of one alternative against its
// baseline, the difference the alternative makes to long_term_stable_share over the whole run.
func longTermDifference(t *testing.T, dir string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(readFile(t, dir, "comparison.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	h := rows[0]
	for _, r := range rows[1:] {
		if r[slices.Index(h, "period")] != sim.WholeRun || r[slices.Index(h, "kpi")] != sim.LongTermStableShare {
			continue
		}
		f := func(col string) float64 {
			v, err := strconv.ParseFloat(r[slices.Index(h, col)], 64)
			if err != nil {
				t.Fatalf("comparison.csv %s: %v", col, err)
			}
			return v
		}
		pts := func(v float64) string { return strings.Replace(fmt.Sprintf("%+.2f", 100*v), "-", "−", 1) }
		return fmt.Sprintf("%s points over the ten years (%.1f%% to %.1f%%; 90%% confidence interval of the mean difference %s to %s points, %s paired runs)",
			pts(f("diff_mean")), 100*f("base_mean"), 100*f("alt_mean"), pts(f("diff_mean_lo")), pts(f("diff_mean_hi")), r[slices.Index(h, "n")])
	}
	t.Fatalf("comparison.csv in %s has no row of %s over the whole run", dir, sim.LongTermStableShare)
	return ""
}

// shardBytesFigure runs shard 0/8 of the default county's 1,000 replications (seed 1) and
// returns what its replications.bin takes a replication, in KB (1,000 bytes), against what the
// same records take unpacked (8 bytes a value: the number, each KPI of each period and each
// metric of each month).
func shardBytesFigure(t *testing.T, dir string) string {
	t.Helper()
	sd := filepath.Join(dir, "shard0of8")
	mustRun(t, "run", "default", "--reps", "1000", "--shard", "0/8", "--out", sd, "-q")
	info, err := shard.Parse("shard.json", []byte(readFile(t, sd, "shard.json")))
	if err != nil {
		t.Fatal(err)
	}
	unpacked := 8 * (1 + info.Periods*info.KPIs + info.Months*info.Metrics)
	packed := float64(len(readFile(t, sd, "replications.bin"))) / float64(info.Count)
	return fmt.Sprintf("%.0f KB a replication (%.0f KB unpacked)", packed/1000, float64(unpacked)/1000)
}

// TestFigureStockHeld checks the README's figures of Hillingdon's carers holding the starting
// stock (figures:stock-held, figures:stock-held-yaml and figures:stock-held-run), which
// TestFigures regenerates with the others: they come from calibrating the regional sample and
// two runs of 200 replications, a second or so, so that the test runs with the short tests and
// fails when a change to the samples or the calibration moves them; with -update it rewrites
// them.
func TestFigureStockHeld(t *testing.T) {
	checkReadmeFigures(t, stockHeldFigures)
}

// stockHeldFigures calibrates Hillingdon from the regional sample as the README does
// (h.yaml) and runs it as calibrated and with its carers sized for a usual month alone,
// `placesim run h.yaml --reps 200` with and without
// `--set kinds.inhouse_foster.carers.households=N`, and returns the README's figures of them:
// the children with the carers on the start day and in a usual month and the places a usual
// month's pool holds (stock-held), the file's lines that say so (stock-held-yaml), and what
// April and the first year come to in the two runs (stock-held-run).
func stockHeldFigures(t *testing.T, dir string) map[string]string {
	t.Helper()
	h := filepath.Join(dir, "h.yaml")
	mustRun(t, slices.Concat([]string{"calibrate"}, sampleArgs(t, "regional-sample", ""), []string{"--la", "Hillingdon", "-q", "--out", h})...)
	text, err := os.ReadFile(h)
	if err != nil {
		t.Fatal(err)
	}
	hh := regexp.MustCompile(`(?m)^ +households: (\d+) # holds the (\d+) children with them on ([^,]+), the window's last day.*?a usual month needs (\d+): for \d+ children in a usual month`).FindStringSubmatch(string(text))
	ap := regexp.MustCompile(`(?m)^ +approvals_per_year: [0-9.]+ # for the \d+ households a usual month needs, not the \d+ more? that hold the stock, who leave as carers do and are not replaced`).FindString(string(text))
	if hh == nil || ap == "" {
		t.Fatalf("h.yaml does not size its own foster carers for the stock:\n%s", text)
	}
	usual := hh[4]
	cal, small := filepath.Join(dir, "h"), filepath.Join(dir, "h-usual")
	mustRun(t, "run", h, "--reps", "200", "--charts=false", "-q", "--out", cal)
	mustRun(t, "run", h, "--reps", "200", "--charts=false", "-q", "--set", "kinds.inhouse_foster.carers.households="+usual, "--out", small)
	april := func(out, metric string) map[string]string {
		for _, r := range readCSV(t, out, "timeseries.csv") {
			if r["date"] == "2022-04-01" && r["metric"] == metric {
				return r
			}
		}
		t.Fatalf("%s: timeseries.csv has no %s for April 2022", out, metric)
		return nil
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	thousands := func(v float64) string { return "£" + plots.Thousands(fmt.Sprintf("%.0f", math.Round(v/1e3)*1e3)) }
	millions := func(v float64) string { return fmt.Sprintf("£%.2fm", v/1e6) }
	places := april(small, "places_inhouse_foster")
	stockIFA := 0
	for _, m := range regexp.MustCompile(`(?m)^  - \{kind: ifa, .*?count: (\d+)`).FindAllStringSubmatch(string(text), -1) {
		n, _ := strconv.Atoi(m[1])
		stockIFA += n
	}
	year := func(out, kpi string) float64 { return summaryRow(t, out, "2022/23", kpi)["mean"] }
	return map[string]string{
		"stock-held": fmt.Sprintf("%s children with its carers on %s, where a usual month held %s, and a pool of a usual month's %s households had %.1f places at the end of April (%s to %s in 9 runs of 10)",
			hh[2], hh[3], usual, usual, num(places["mean"]), places["p05"], places["p95"]),
		"stock-held-yaml": "```yaml\n" + hh[0] + " ...\n" + ap + ": ...\n```",
		"stock-held-run": fmt.Sprintf("ends April with %.1f children with its own carers and %.1f with agencies (%d in the stock) where, its carers sized for a usual month, it had %.1f and %.1f, and its first year spends %s on its own carers and %s on agencies' where it spent %s and %s: %s in all where it spent %s",
			num(april(cal, "children_inhouse_foster")["mean"]), num(april(cal, "children_ifa")["mean"]), stockIFA,
			num(april(small, "children_inhouse_foster")["mean"]), num(april(small, "children_ifa")["mean"]),
			thousands(year(cal, "cost_inhouse_foster")), thousands(year(cal, "cost_ifa")), thousands(year(small, "cost_inhouse_foster")), thousands(year(small, "cost_ifa")),
			millions(year(cal, "cost_total")), millions(year(small, "cost_total"))),
	}
}

// TestFigureAgeBandEntrants checks scenarios/ssda903/README.md's example of an age band's
// count over its share giving away a window's entrants (figures:age-band-entrants): Hillingdon
// calibrated from the regional sample to the end of March 2019, 2020, 2021 and 2022, its
// children aged 5-9 at entry and their share of the entrants in each. Four calibrations take a
// fraction of a second, so that the test runs with the short tests and fails when a change to
// the sample or the calibration moves them; with -update it rewrites them, and make figures
// with the README's.
func TestFigureAgeBandEntrants(t *testing.T) {
	checkAgeBandEntrants(t, t.TempDir())
}

// checkAgeBandEntrants regenerates the figures of TestFigureAgeBandEntrants.
func checkAgeBandEntrants(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join("..", "..", "scenarios", "ssda903", "README.md")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	band := regexp.MustCompile(`(?m)^ +- \{ages: 5-9, share: ([0-9.]+),.*?# (\d+) children \(90%`)
	var children string
	var shares, entrants []string
	for _, year := range []string{"2019", "2020", "2021", "2022"} {
		out := filepath.Join(dir, "h"+year+".yaml")
		mustRun(t, slices.Concat([]string{"calibrate"}, sampleArgs(t, "regional-sample", ""), []string{"--la", "Hillingdon", "--to", year + "-03-31", "-q", "--out", out})...)
		y, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		m := band.FindStringSubmatch(string(y))
		if m == nil {
			t.Fatalf("calibrated to March %s, Hillingdon has no entry band of ages 5-9", year)
		}
		if children != "" && m[2] != children {
			t.Fatalf("Hillingdon's children aged 5-9 at entry: %s to March %s, %s before", m[2], year, children)
		}
		children = m[2]
		share, _ := strconv.ParseFloat(m[1], 64)
		n, _ := strconv.Atoi(m[2])
		shares = append(shares, m[1])
		entrants = append(entrants, strconv.Itoa(int(math.Round(float64(n)/share))))
	}
	var gaps []string
	for i := 1; i < len(entrants); i++ {
		a, _ := strconv.Atoi(entrants[i-1])
		b, _ := strconv.Atoi(entrants[i])
		if g := strconv.Itoa(b - a); !slices.Contains(gaps, g) {
			gaps = append(gaps, g)
		}
	}
	slices.Sort(gaps)
	body := fmt.Sprintf("Hillingdon's %s children aged 5-9 at entry, written %s of the entrants to March 2019, 2020, 2021 and 2022: %s, %s apart",
		children, joinAnd(shares), joinAnd(entrants), joinAnd(gaps))
	check(t, path, string(text), replaceRegion(t, string(text), "age-band-entrants", body))
}
