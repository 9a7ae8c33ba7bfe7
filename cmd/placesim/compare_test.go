package main

import (
	"encoding/json"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"more-carers.yaml": "name: more-carers\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, from: 2026-04-01, kind: inhouse_foster, per_year: 12}\n",
		"short.yaml": "name: short\nextends: default\nyears: 3\n",
	})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", "default", filepath.Join(dir, "more-carers.yaml"), "--reps", "60", "--years", "4", "--formats", "svg", "--out", out)
	// The last line names the folder and its main files, as run's does.
	if want := "; wrote " + out + "/{comparison,business_case}.csv, report.html, results.xlsx, charts/ and manifest.json\n"; !strings.HasSuffix(o.stderr, want) {
		t.Errorf("stderr ends %q, want %q", o.stderr[max(len(o.stderr)-200, 0):], want)
	}
	if svg := readFile(t, filepath.Join(out, "charts"), "difference-more-carers.svg"); !strings.Contains(svg, "<svg") {
		t.Error("compare drew no chart of the difference from the baseline")
	}
	if svg := readFile(t, filepath.Join(out, "charts"), "business-case-more-carers.svg"); !strings.Contains(svg, "Cumulative net saving") {
		t.Error("compare drew no chart of the business case")
	}
	if html := readFile(t, out, "report.html"); !strings.Contains(html, "Business case: more-carers against default") || !strings.Contains(html, "Futures paid back") {
		t.Error("compare wrote no board pack")
	}
	// Money is in cash terms, as the run's report and the workbook say: in the pack, the
	// charts' source lines and the printed table.
	if html := readFile(t, out, "report.html"); strings.Count(html, plots.CashTerms) < 2 {
		t.Errorf("the board pack says %q %d times, want in its text and its source line", plots.CashTerms, strings.Count(html, plots.CashTerms))
	}
	if svg := readFile(t, filepath.Join(out, "charts"), "difference-more-carers.svg"); !strings.Contains(svg, "Money in cash terms") {
		t.Error("the difference chart's source line does not say money is in cash terms")
	}
	if xlsx := readFile(t, out, "results.xlsx"); !strings.HasPrefix(xlsx, "PK") {
		t.Error("compare wrote no workbook")
	}
	for _, want := range []string{
		"more-carers against default: 60 paired replications each on seed 1",
		"more-carers against default: 60 paired replications each on seed 1\n" + plots.CashTerms + "\n",
		"Average effect (more-carers minus default): the mean of the paired differences, with the 90% confidence interval of the mean difference; the last column gives each scenario's mean:\n",
		"2029/30, means: default → more-carers\n",
		"In one future (the middle 90% of paired runs' differences)",
		"Total cost", "The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end", "2026/27", "2029/30", "4 years",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, o.stdout)
		}
	}
	csv := readFile(t, out, "comparison.csv")
	if !strings.HasPrefix(csv, "scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_mean_lo,diff_mean_hi,diff_run_lo,diff_run_hi,p_lower,p_higher,n\n") {
		t.Errorf("comparison.csv starts %q", csv[:80])
	}
	// Paired replications see the same children: the interval of the cost difference must be
	// several times narrower than independent runs would give.
	m := regexp.MustCompile(`([0-9.]+) times narrower`).FindStringSubmatch(o.stdout)
	if m == nil {
		t.Fatalf("no pairing factor in:\n%s", o.stdout)
	}
	if f, _ := strconv.ParseFloat(m[1], 64); f < 3 {
		t.Errorf("pairing narrows the interval only %.1f times", f)
	}
	// Carers approved a year: the scenario must end with more households than the baseline.
	line := regexp.MustCompile(`more-carers,default,all,carer_households_end,([0-9.]+),([0-9.]+),`).FindStringSubmatch(csv)
	if line == nil {
		t.Fatal("no carer_households_end row for the whole run")
	}
	if b, a := parseF(t, line[1]), parseF(t, line[2]); a-b < 20 {
		t.Errorf("12 more approvals a year for 4 years ended with %v households against %v", a, b)
	}

	t.Run("different horizons", func(t *testing.T) {
		o := placesim(t, "compare", "default", filepath.Join(dir, "short.yaml"), "--reps", "4", "--out", filepath.Join(dir, "no"))
		if o.code != exitUsage || !strings.Contains(o.stderr, "same start and years") {
			t.Errorf("exit %d, stderr %q", o.code, o.stderr)
		}
	})
	t.Run("one scenario", func(t *testing.T) {
		if o := placesim(t, "compare", "default"); o.code != exitUsage {
			t.Errorf("exit %d", o.code)
		}
	})
}

func parseF(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFormats(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		u    plots.Unit
		want string
	}{
		{1234567, plots.Money, "+£1.2m"}, {-950000, plots.Money, "-£950k"}, {640, plots.Money, "+£640"},
		{-3.25, plots.Count, "-3.2"}, {112.4, plots.Count, "+112"}, {0.0123, plots.Share, "+1.2 pts"},
	} {
		if got := signed(tt.v, tt.u); got != tt.want {
			t.Errorf("signed(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestCompareEveryWhatIf runs placesim compare default with every built-in scenario that
// covers the default's years, one command for all of them (the default's replications run
// once; each scenario's comparison is the one compare default <each> prints, as the README
// shows users doing), and checks for each that pairing narrows the interval of the total cost
// difference: at 200 replications the factor runs from 2.2 (step-down-programme) to 54
// (block-contract-3-beds); at the 30 used here each half-width is known to about 13%, so a
// factor under 1.5 would mean pairing is broken.
func TestCompareEveryWhatIf(t *testing.T) {
	factor := regexp.MustCompile(`([0-9.]+) times narrower`)
	var names []string
	for i, info := range scenarios.Builtins() {
		if info.Name == "default" || strings.HasPrefix(info.File, "validation/") {
			continue
		}
		if testing.Short() && i%4 != 0 {
			continue // a quarter of them under -short (the race detector's run)
		}
		names = append(names, info.Name)
	}
	// A short warm-up: the test is of the comparison, not of the default's steady start.
	args := slices.Concat([]string{"compare", "default"}, names,
		[]string{"--reps", "30", "--set", "warmup_years=2", "--charts=false", "--out", filepath.Join(t.TempDir(), "cmp"), "-q"})
	o := mustRun(t, args...)
	// Each scenario's part of the output runs from its heading to the next scenario's.
	heading := regexp.MustCompile(`(?m)^(\S+) against default, each changed by --set warmup_years=2: `)
	at := heading.FindAllStringSubmatchIndex(o.stdout, -1)
	parts := map[string]string{}
	for i, m := range at {
		end := len(o.stdout)
		if i+1 < len(at) {
			end = at[i+1][0]
		}
		parts[o.stdout[m[2]:m[3]]] = o.stdout[m[0]:end]
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			part, ok := parts[name]
			if !ok || !strings.Contains(part, "Total cost") {
				t.Fatalf("compare default %s printed no comparison of it with its total cost:\n%s", name, o.stdout)
			}
			m := factor.FindStringSubmatch(part)
			if m == nil {
				t.Fatalf("no pairing factor in:\n%s", part)
			}
			if f := parseF(t, m[1]); f < 1.5 {
				t.Errorf("pairing narrows the total cost interval only %.1f times", f)
			}
		})
	}
	if len(parts) != len(names) {
		t.Errorf("compare printed %d comparisons of %d scenarios", len(parts), len(names))
	}
}

// TestCompareCareLeaversUnpriced checks that a strategy whose saving comes from fewer care
// leavers' places says so: placesim prices no accommodation for a young person who finds
// none, so the table and the pack show how many more leave care with no accommodation, and
// the business case warns that the saving is not a saving of the duty. A strategy that does
// not change them shows no such row.
func TestCompareCareLeaversUnpriced(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"cap.yaml": "name: cl-cap-60\nextends: default\ncare_leavers:\n  places: 60\n  stock: 60\n",
	})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", "default", filepath.Join(dir, "cap.yaml"), "--reps", "4", "--years", "2", "--charts=false", "--out", out)
	row := regexp.MustCompile(`(?m)^Young people leaving care with no accommodation +\+[0-9]`).FindString(o.stdout)
	if row == "" {
		t.Errorf("the table has no row of the young people leaving care with no accommodation:\n%s", o.stdout)
	}
	for _, want := range []string{
		"Young people leaving care with no accommodation over the 2 years: +",
		"Warning: this saving comes with more young people leaving care with no accommodation; placesim prices no accommodation for them: the saving is not a saving of the duty.",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the business case lacks %q:\n%s", want, o.stdout)
		}
	}
	o = mustRun(t, "compare", "default", "default", "--reps", "4", "--years", "2", "--charts=false", "--out", filepath.Join(dir, "same"))
	if strings.Contains(o.stdout, "no accommodation") {
		t.Errorf("a comparison that changes no care leaver's accommodation speaks of it:\n%s", o.stdout)
	}
}

// TestComparePartYears compares runs of 3 years from 1 October: the printed table's yearly
// columns are the first and the last whole years, 2027/28 and 2028/29, as placesim run's
// report's key figures and the board pack show, not the 6 months of 2026/27 or of 2029/30; a
// note under the table names the part years it leaves out, and the business case still lists
// them, as part years.
func TestComparePartYears(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"more-carers.yaml": "name: more-carers\nextends: default\ninterventions:\n" +
		"  - {action: extra_approvals, from: 2026-10-01, kind: inhouse_foster, per_year: 12}\n"})
	o := mustRun(t, "compare", "default", filepath.Join(dir, "more-carers.yaml"), "--reps", "4", "--years", "3", "--set", "start=2026-10-01",
		"--charts=false", "--out", filepath.Join(dir, "cmp"))
	table, _, _ := strings.Cut(o.stdout, "In one future")
	if !regexp.MustCompile(`(?m)^\s+2027/28\s+2028/29\s+3 years\s+2028/29, means: default → more-carers$`).MatchString(table) {
		t.Errorf("the table's columns are not 2027/28, 2028/29, 3 years:\n%s", table)
	}
	for _, want := range []string{
		"\n2026/27 (from 1 October) and 2029/30 (to 30 September) are part years, left out of the yearly columns, which show whole financial years; the \"3 years\" column counts them.\n",
		"\n2026/27 (from 1 October)   ",
		"\n2029/30 (to 30 September)   ",
		"by the end of 2029/30 (to 30 September)",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the comparison lacks %q:\n%s", want, o.stdout)
		}
	}
	if strings.Contains(o.stdout, "(to 30 September), means") || strings.Contains(o.stdout, "(from 1 October)   2027/28") ||
		strings.Contains(o.stdout, "   2029/30 (to 30 September)   in how many futures") {
		t.Errorf("the table shows a part year among its yearly columns:\n%s", o.stdout)
	}
	// A run with no whole year shows its part years, and says so.
	o = mustRun(t, "compare", "default", filepath.Join(dir, "more-carers.yaml"), "--reps", "2", "--years", "1", "--set", "start=2026-10-01",
		"--charts=false", "-q", "--out", filepath.Join(dir, "one"))
	for _, want := range []string{"   2026/27 (from 1 October)   2027/28 (to 30 September)   1 year   ",
		"No financial year of this run is whole: it starts on 1 October 2026 and ends on 30 September 2027, so its years are part years, shown as such."} {
		if !regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(want), "   ", `\s+`)).MatchString(o.stdout) {
			t.Errorf("a run with no whole year does not say %q:\n%s", want, o.stdout)
		}
	}
}

// TestCompareOneYear compares scenarios of one year: the table's whole-run column and the
// net present value speak of one year, not of "1 years".
func TestCompareOneYear(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "compare", "default", "allowance-uplift", "--years", "1", "--reps", "2", "--charts=false", "-q", "--out", filepath.Join(dir, "c"))
	for _, want := range []string{"2026/27   1 year   2026/27, means:", "   1 year   in how many futures", "Net present value over the year, in 2026/27 prices"} {
		if !regexp.MustCompile(`(?m)` + strings.ReplaceAll(regexp.QuoteMeta(want), "   ", `\s+`)).MatchString(o.stdout) {
			t.Errorf("the comparison does not say %q:\n%s", want, o.stdout)
		}
	}
	if strings.Contains(o.stdout, "1 years") {
		t.Errorf("the comparison says 1 years:\n%s", o.stdout)
	}
}

// TestCompareNamesApart checks that a comparison of scenarios or regions that share a name, or
// whose names make the same file names, is refused before anything runs, naming the files and
// what to write, rather than failing after the simulation as it writes its charts.
func TestCompareNamesApart(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"my-early-help.yaml": "name: early-help\nextends: early-help\n",
		"a.yaml":             "name: Plan A\nextends: early-help\n",
		"b.yaml":             "name: plan-a\nextends: early-help\n",
		"my-region.yaml":     "name: one-council-recruits\nextends: one-council-recruits\n",
		"my-default.yaml":    "name: default\nextends: default\nescalation_share: 0.2\n",
		"my-south-east.yaml": "name: south-east\nextends: south-east\n",
	})
	f := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a copy not yet renamed", []string{"default", "early-help", f("my-early-help.yaml")},
			"early-help and " + f("my-early-help.yaml") + ` are both named "early-help": a comparison tells its scenarios apart by name; give ` + f("my-early-help.yaml") + " a name of its own (name: my-early-help)"},
		{"the copy first", []string{"default", f("my-early-help.yaml"), "early-help"},
			f("my-early-help.yaml") + " and early-help are both named \"early-help\": a comparison tells its scenarios apart by name; give " + f("my-early-help.yaml") + " a name of its own (name: my-early-help)"},
		{"given twice", []string{"default", "early-help", "early-help"}, "early-help is given twice: give each scenario once"},
		{"names alike", []string{"default", f("a.yaml"), f("b.yaml")},
			f("a.yaml") + " and " + f("b.yaml") + ` are named "Plan A" and "plan-a", which make the same file names (charts/difference-plan-a): a comparison tells its scenarios apart by name; give ` + f("b.yaml") + " a name of its own (name: b)"},
		{"a region's copy", []string{"south-east", "one-council-recruits", f("my-region.yaml")},
			"one-council-recruits and " + f("my-region.yaml") + ` are both named "one-council-recruits": a comparison tells its scenarios apart by name; give ` + f("my-region.yaml") + " a name of its own (name: my-region)"},
		{"a copy named like the baseline", []string{"default", f("my-default.yaml")},
			"default and " + f("my-default.yaml") + ` are both named "default": a comparison tells its scenarios apart by name; give ` + f("my-default.yaml") + " a name of its own (name: my-default)"},
		{"the baseline's copy first", []string{f("my-default.yaml"), "early-help", "default"},
			f("my-default.yaml") + ` and default are both named "default": a comparison tells its scenarios apart by name; give ` + f("my-default.yaml") + " a name of its own (name: my-default)"},
		{"a region's copy named like the baseline", []string{"south-east", f("my-south-east.yaml")},
			"south-east and " + f("my-south-east.yaml") + ` are both named "south-east": a comparison tells its scenarios apart by name; give ` + f("my-south-east.yaml") + " a name of its own (name: my-south-east)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out")
			o := placesim(t, slices.Concat([]string{"compare", "--reps", "2", "--out", out}, tc.args)...)
			want := "placesim compare: " + tc.want + "\nRun 'placesim compare --help' for usage.\n"
			if o.code != exitUsage || o.stderr != want {
				t.Errorf("exit %d, stderr\n%s\nwant exit %d, stderr\n%s", o.code, o.stderr, exitUsage, want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

// TestComparePackSaysFieldChanges checks that the board pack and --json say every field a
// scenario changes from its baseline, not only its dated changes: in the workspace's words
// where a lever is the field, by the field's path otherwise, and then its dated changes.
func TestComparePackSaysFieldChanges(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"more-carers.yaml": "name: more-carers\nextends: default\nescalation_share: 0.2\n" +
		"kinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 33\n" +
		"interventions:\n  - {action: extra_approvals, from: 2026-04-01, kind: inhouse_foster, per_year: 2}\n"})
	want := []string{
		"Carers recruited a year: 33 a year (baseline 21 a year; +12 (+57%))",
		"escalation_share: 0.2 (baseline 0.1)",
		"Extra approvals (2 more approvals a year for in-house foster care), from April 2026; costs: £12,000 to recruit and assess each household it approves, the pool's cost (with the council's own carers and homes)",
	}
	o := mustRun(t, "compare", "default", filepath.Join(dir, "more-carers.yaml"), "--reps", "2", "--years", "2", "--set", "warmup_years=1",
		"--formats", "svg", "--json", "-q", "--out", filepath.Join(dir, "out"))
	var cj compareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	if got := cj.Comparisons[0].WhatItChanges; !slices.Equal(got, want) {
		t.Errorf("--json what_it_changes\n%q\nwant\n%q", got, want)
	}
	list := "<p>What it changes against default:</p>\n<ul>\n"
	for _, w := range want {
		list += "<li>" + strings.ReplaceAll(html.EscapeString(w), "+", "&#43;") + "</li>\n"
	}
	if pack := readFile(t, filepath.Join(dir, "out"), "report.html"); !strings.Contains(pack, list+"</ul>") {
		t.Errorf("report.html does not list\n%s", list)
	}
}

// TestCompareOneReplication compares with one replication each: one pair gives no interval
// and no range, so the printed business case and the board pack say so rather than printing
// an infinite interval ("-£+Infm to +£+Infm") or a range from one run.
func TestCompareOneReplication(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "c")
	o := mustRun(t, "compare", "default", "allowance-uplift", "--years", "2", "--reps", "1", "--formats", "svg", "-q", "--out", out)
	report, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"the printed comparison": o.stdout, "report.html": string(report)} {
		for _, bad := range []string{"+Inf", "-Inf", "NaN"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s says %q:\n%s", name, bad, s)
			}
		}
		if !strings.Contains(s, "one paired run gives no interval") {
			t.Errorf("%s does not say that one paired run gives no interval:\n%s", name, s)
		}
	}
	// The average effect shows the pair's difference itself, as the pack and JSON do, not "–".
	if !regexp.MustCompile(`(?m)^Total cost +[-+]£[0-9.]+[km] +[-+]£`).MatchString(o.stdout) {
		t.Errorf("the printed average effect hides the one pair's total cost difference:\n%s", o.stdout)
	}
	for _, want := range []string{"One paired run gives no interval: each figure is that run's.",
		"One paired run gives no range of what the net present value could be in one future.",
		"Effect (allowance-uplift minus default): the difference in the one paired run; the last column gives each scenario's figure in it:"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the printed comparison does not say %q:\n%s", want, o.stdout)
		}
	}
	// Nor does the table's heading claim an interval the table does not give.
	if strings.Contains(o.stdout, "confidence interval of the mean") {
		t.Errorf("the printed comparison speaks of a confidence interval of the mean from one pair:\n%s", o.stdout)
	}
	// Nor does the pack give a range of one future, "+£591k to +£591k", from the one pair.
	if m := regexp.MustCompile(`<td class="num">([^<]+) to ([^<]+)</td>`).FindAllStringSubmatch(string(report), -1); len(m) > 0 {
		for _, r := range m {
			if r[1] == r[2] {
				t.Errorf("the pack gives one pair the range %s to %s", r[1], r[2])
			}
		}
	}
	svg, err := os.ReadFile(filepath.Join(out, "charts", "difference-allowance-uplift.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(svg), "n/a") || !strings.Contains(string(svg), "which gives no interval") {
		t.Errorf("the difference chart does not say that one paired run gives no interval")
	}
	// Nor does anything speak of futures from the one pair: "100% of futures have paid back",
	// a column of futures paid back, keys of an interval or a range the charts do not draw.
	if !strings.Contains(string(report), "One paired run gives no interval: each figure is that run&#39;s.") {
		t.Errorf("the pack's headline does not say that one paired run gives no interval")
	}
	for name, s := range map[string]string{"the printed comparison": o.stdout, "report.html": string(report)} {
		for _, bad := range []string{"of futures have", "% of futures", "futures do", "means with the 90% confidence interval", "each cell is the mean of the paired runs"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s speaks of what one pair cannot say (%q)", name, bad)
			}
		}
	}
	if !regexp.MustCompile(`(?m)^2026/27 .* –$`).MatchString(o.stdout) {
		t.Errorf("the printed business case gives a share of futures paid back from one pair:\n%s", o.stdout)
	}
	for name, bads := range map[string][]string{
		"business-case-allowance-uplift.svg": {"confidence interval of the mean", "One future", "futures have", "On average"},
		"difference-allowance-uplift.svg":    {"and its 90%"},
	} {
		b, err := os.ReadFile(filepath.Join(out, "charts", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range bads {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s keeps %q from one pair", name, bad)
			}
		}
	}
}

// TestCompareTiesHaveNoChance compares two scenarios that give the same figure in every pair
// for some KPIs (recruiting carers changes no emergency placement in its first months): such a
// tie is no difference, so the chance better is left out (null here; "–" in the table and the
// pack, a blank cell in the workbook: see TestChanceBetterTies) as it is where neither more nor
// less is better, never 0.
func TestCompareTiesHaveNoChance(t *testing.T) {
	o := mustRun(t, "compare", "default", "recruit-12-net-carers", "--years", "10", "--reps", "2", "--json", "--charts=false", "--out", filepath.Join(t.TempDir(), "c"))
	var got struct {
		Comparisons []struct {
			Rows []struct {
				KPI, Period  string
				DiffMean     float64  `json:"diff_mean"`
				RunLo        *float64 `json:"run_lo"`
				RunHi        *float64 `json:"run_hi"`
				ChanceBetter *float64 `json:"chance_better"`
			} `json:"rows"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &got); err != nil {
		t.Fatal(err)
	}
	tied := map[string]bool{}
	for _, r := range got.Comparisons[0].Rows {
		if r.DiffMean == 0 && r.RunLo != nil && *r.RunLo == 0 && *r.RunHi == 0 {
			tied[r.KPI] = true
			if r.ChanceBetter != nil {
				t.Errorf("%s %s ties in every pair, and its chance better is %v, not null", r.KPI, r.Period, *r.ChanceBetter)
			}
		}
	}
	if !tied[sim.EmergencyPlacements] {
		t.Fatalf("no emergency placements tie in every pair: the test no longer tests ties")
	}
}

// TestPairingSentence checks the line after a comparison's tables: a factor only for a gain
// that rounds above 1.0, and otherwise plainly that pairing did not narrow the interval, never
// "1.0 times narrower" nor "0.8 times narrower".
func TestPairingSentence(t *testing.T) {
	const none = "\nPairing the replications does not narrow the interval of the total cost difference here: it is no narrower than independent runs would give.\n"
	for _, tt := range []struct {
		gain float64
		want string
	}{
		{11.23, "\nPairing the replications makes the interval of the total cost difference 11.2 times narrower than independent runs would.\n"},
		{1.05, "\nPairing the replications makes the interval of the total cost difference 1.1 times narrower than independent runs would.\n"},
		{1.04, none},
		{1.0, none},
		{0.8, none},
		{math.NaN(), ""},
	} {
		if got := pairingSentence(tt.gain); got != tt.want {
			t.Errorf("gain %v: %q, want %q", tt.gain, got, tt.want)
		}
	}
	// As README.md's example of scenarios/README.md's tiny.yaml against the default: their
	// runs share nothing, and pairing them gains nothing.
	dir := t.TempDir()
	tiny := filepath.Join(dir, "tiny.yaml")
	if err := os.WriteFile(tiny, []byte("name: tiny\nstart: 2026-04-01\nentries:\n  per_year: 40\n  ages: [{ages: 0-17, share: 1}]\nstays:\n  - stay: {distribution: exponential, mean_days: 1 year}\n    exits: {return_home: 1}\nkinds:\n  - {name: ifa, category: foster, supply: market, weekly_gbp: 950}\nladders:\n  - try: [ifa]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := mustRun(t, "compare", "default", tiny, "--reps", "4", "--years", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "out"))
	if strings.Contains(o.stdout, "1.0 times narrower") || strings.Contains(o.stdout, " 0.") && strings.Contains(o.stdout, "times narrower") {
		t.Errorf("compare default tiny.yaml says pairing narrows the interval:\n%s", o.stdout)
	}
}

// TestPairingSentenceSameEveryPair checks that a strategy that changes nothing but adds a
// programme's yearly cost, which differs by the same amount in every pair, says so rather than
// printing the rounding of that amount as a gain ("202112685639097.7 times narrower").
func TestPairingSentenceSameEveryPair(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"cost.yaml": "name: cost\nextends: default\ninterventions:\n  - {action: inflation, from: 2026-04-01, rate: 0.03, cost: {per_year_gbp: 100000}}\n",
	})
	o := mustRun(t, "compare", "default", filepath.Join(dir, "cost.yaml"), "--reps", "4", "--years", "2", "--charts=false", "-q", "--out", filepath.Join(dir, "out"))
	if strings.Contains(o.stdout, "times narrower") {
		t.Errorf("a cost alone prints a pairing gain:\n%s", o.stdout)
	}
	if !strings.Contains(o.stdout, samePairSentence) {
		t.Errorf("a cost alone does not say %q:\n%s", samePairSentence, o.stdout)
	}
}

// bookStrings returns every cell of every sheet of the workbook at path, one a line.
func bookStrings(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// TestCompareOneRunSaysNoMeans checks that a comparison of one paired run speaks of the
// run's figures: its printed tables, board pack and workbook say no mean, confidence interval
// or range of runs, and the run's workbook gives each year the run's figure alone.
func TestCompareOneRunSaysNoMeans(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "c")
	o := mustRun(t, "compare", "default", "allowance-uplift", "--years", "2", "--reps", "1", "--formats", "svg", "-q", "--out", out)
	tags := regexp.MustCompile(`(?s)<svg.*?</svg>|<[^>]*>`)
	texts := map[string]string{
		"the printed comparison": o.stdout,
		"report.html":            tags.ReplaceAllString(readFile(t, out, "report.html"), " "),
		"results.xlsx":           bookStrings(t, filepath.Join(out, "results.xlsx")),
	}
	for name, s := range texts {
		for _, bad := range []string{"mean", "confidence interval", "90% of"} {
			if i := strings.Index(strings.ToLower(s), bad); i >= 0 {
				t.Errorf("%s speaks of %q from one run: …%s…", name, bad, s[max(i-80, 0):min(i+80, len(s))])
			}
		}
	}
	run := filepath.Join(dir, "r")
	mustRun(t, "run", "--years", "2", "--reps", "1", "--formats", "svg", "-q", "--out", run)
	if s := bookStrings(t, filepath.Join(run, "results.xlsx")); strings.Contains(s, "interval of the mean)") {
		t.Errorf("the run's workbook heads a column with an interval of the mean from one run")
	}
}

// TestCompareStepDowns checks that the printed comparison of a step-down programme shows the
// children stepped down in numbers, baseline and strategy, and under its business case how
// many of the step-downs the programme pays for the baseline makes anyway and what an extra one
// costs; a strategy that leaves step-down alone shows neither.
func TestCompareStepDowns(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "compare", "default", "step-down-programme", "--reps", "4", "--years", "2", "--charts=false", "--out", filepath.Join(dir, "sd"))
	if row := regexp.MustCompile(`(?m)^Children stepped down to a family +\+[0-9].* [0-9.]+ → [0-9.]+$`).FindString(o.stdout); row == "" {
		t.Errorf("the table has no row of the children stepped down:\n%s", o.stdout)
	}
	if !regexp.MustCompile(`(?m)^Step-downs paid for: the strategy steps down [0-9.]+ children over the run and the baseline [0-9.]+, so the baseline makes as many as [0-9]+% of the step-downs the programme pays for without it; each of the [0-9.]+ extra step-downs costs £[0-9,]+ \(the programme costs over the run, £[0-9.]+[mk], ÷ [0-9.]+\)\.$`).MatchString(o.stdout) {
		t.Errorf("the business case does not say how many step-downs paid for the baseline makes anyway:\n%s", o.stdout)
	}
	o = mustRun(t, "compare", "default", "default", "--reps", "4", "--years", "2", "--charts=false", "--out", filepath.Join(dir, "same"))
	if strings.Contains(o.stdout, "stepped down to a family") || strings.Contains(o.stdout, "Step-downs paid for") {
		t.Errorf("a comparison that changes no step-down speaks of step-downs:\n%s", o.stdout)
	}
}

// TestComparePackSaysSetSiblingShare compares with --set changing the share of foster
// households keeping places for brothers and sisters: the pack's assumptions say it was
// changed by --set, as the title does, not that it was set to match Ofsted.
func TestComparePackSaysSetSiblingShare(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "compare", "default", "early-help", "--reps", "2", "--years", "2", "--set", "warmup_years=1",
		"--set", "kinds.inhouse_foster.carers.sibling_only_share=0.3", "--formats", "svg", "-q", "--out", filepath.Join(dir, "out"))
	pack := readFile(t, filepath.Join(dir, "out"), "report.html")
	if !strings.Contains(pack, "each changed by --set") {
		t.Errorf("report.html's title does not say --set changed the scenarios")
	}
	if want := "changed for this run by --set from the scenario file&#39;s own value"; !strings.Contains(pack, want) {
		t.Errorf("report.html does not say %q", want)
	}
	if strings.Contains(pack, "set so that about 60% of foster places are filled") {
		t.Errorf("report.html says the share changed by --set was set to match Ofsted")
	}
}
