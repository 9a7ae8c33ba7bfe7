package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
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
	if want := "; wrote " + out + "/{comparison,business_case}.csv, report.html, results.xlsx and charts/\n"; !strings.HasSuffix(o.stderr, want) {
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
		"Total cost", "Foster carer households at the year's end", "2026/27", "2029/30", "4 years",
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
	heading := regexp.MustCompile(`(?m)^(\S+) against default: `)
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

// TestComparePartYears compares runs from 1 October: the printed table names the first and
// last financial years as part years, as placesim run's report does.
func TestComparePartYears(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"more-carers.yaml": "name: more-carers\nextends: default\ninterventions:\n" +
		"  - {action: extra_approvals, from: 2026-10-01, kind: inhouse_foster, per_year: 12}\n"})
	o := mustRun(t, "compare", "default", filepath.Join(dir, "more-carers.yaml"), "--reps", "4", "--years", "2", "--set", "start=2026-10-01",
		"--charts=false", "--out", filepath.Join(dir, "cmp"))
	for _, want := range []string{
		"   2026/27 (from 1 October)   ",
		"   2028/29 (to 30 September)   ",
		"   2028/29 (to 30 September), means: default → more-carers\n",
		"\n2026/27 (from 1 October)   ",
		"by the end of 2028/29 (to 30 September)",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, o.stdout)
		}
	}
}

// TestCompareOneYear compares scenarios of one year: the table's whole-run column and the
// net present value speak of one year, not of "1 years".
func TestCompareOneYear(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "compare", "default", "allowance-uplift", "--years", "1", "--reps", "2", "--charts=false", "-q", "--out", filepath.Join(dir, "c"))
	for _, want := range []string{"2026/27   1 year   2026/27, means:", "   1 year   chance better", "Net present value over the year, in 2026/27 prices"} {
		if !regexp.MustCompile(`(?m)` + strings.ReplaceAll(regexp.QuoteMeta(want), "   ", `\s+`)).MatchString(o.stdout) {
			t.Errorf("the comparison does not say %q:\n%s", want, o.stdout)
		}
	}
	if strings.Contains(o.stdout, "1 years") {
		t.Errorf("the comparison says 1 years:\n%s", o.stdout)
	}
}
