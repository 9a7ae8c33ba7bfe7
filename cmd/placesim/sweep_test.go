package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseVary(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []float64
		ok   bool
	}{
		{"a.b=0:24:4", []float64{0, 4, 8, 12, 16, 20, 24}, true},
		{"a.b=0.9:1.1:0.1", []float64{0.9, 1, 1.1}, true},
		{"a=5:5:1", []float64{5}, true},
		{"a=5:1:1", nil, false}, {"a=1:5:0", nil, false}, {"a=1:5", nil, false}, {"=1:5:1", nil, false}, {"a=x:5:1", nil, false},
		// Too many values to count in an int, values written the same, a value too large to round.
		{"a=0:1:1e-300", nil, false}, {"a=-1e308:1e308:1e300", nil, false}, {"a=0:1e-10:1e-12", nil, false},
		{"a=1e17:1.0000000000000003e17:1", nil, false}, {"a=1e300:1e300:1", nil, false}, {"a=1e299:1e299:1", []float64{1e299}, true},
	} {
		l, err := parseVary(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("parseVary(%q): %v", tt.in, err)
			continue
		}
		for i := range tt.want {
			if formatValue(l.values[i]) != formatValue(tt.want[i]) {
				t.Errorf("parseVary(%q) = %v, want %v", tt.in, l.values, tt.want)
				break
			}
		}
	}
}

func TestParseTarget(t *testing.T) {
	tg, err := parseTarget("ifa_share<=0.35 in 2030/31")
	if err != nil || tg != (target{kpi: "ifa_share", op: "<=", value: 0.35, period: "2030/31"}) {
		t.Errorf("parseTarget = %+v, %v", tg, err)
	}
	tg, err = parseTarget("emergency_placements < 2")
	if err != nil || tg != (target{kpi: "emergency_placements", op: "<", value: 2, period: "all"}) {
		t.Errorf("parseTarget = %+v, %v", tg, err)
	}
	// A money KPI's value takes the forms --budget takes: £, k and m.
	for in, want := range map[string]float64{
		"cost_total<=63m in 2026/27": 63e6, "cost_total <= £63.5m in 2026/27": 63.5e6, "cost_ifa>900k in 2026/27": 900e3,
		"cost_total<=£64000000 in 2026/27": 64e6, "cost_total<=63000000 in 2026/27": 63e6,
	} {
		if tg, err := parseTarget(in); err != nil || tg.value != want {
			t.Errorf("parseTarget(%q) = %+v, %v; want the value %v", in, tg, err, want)
		}
	}
	for _, bad := range []string{"ifa_share", "ifa_share<=x in all", "= 3", "ifa_share<=NaN", "ifa_share<=Inf in all", "<=5",
		"ifa_share<=0.35 in ", "ifa_share<=0.35 in 2030/31 in all", "ifa_share<=0.35 in 2030",
		"ifa_share<=£0.35", "emergency_placements<2k", "cost_total<=6_3m", "cost_total<=£", "cost_total<=m", "cost_total<=1e305m"} {
		if _, err := parseTarget(bad); err == nil {
			t.Errorf("parseTarget(%q) gave no error", bad)
		}
	}
}

// TestSweepFindLargest checks that --find largest reports the largest lever value meeting the
// target (the most that can be spent and stay within a limit), not the smallest, that the
// smallest is still the default, and that a --find of another word, or without a --target, is
// refused.
func TestSweepFindLargest(t *testing.T) {
	dir := t.TempDir()
	args := []string{"sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=10:40:15",
		"--target", "carer_households_end<=200 in all", "--probability", "0.8", "--reps", "20", "--years", "3", "--formats", "svg", "-q"}
	for find, want := range map[string]string{
		"largest":  "The largest kinds.inhouse_foster.carers.approvals_per_year that meets carer_households_end<=200 in all in at least 80% of runs is 25.",
		"":         "The smallest kinds.inhouse_foster.carers.approvals_per_year that meets carer_households_end<=200 in all in at least 80% of runs is 10.",
		" Largest": "The largest kinds.inhouse_foster.carers.approvals_per_year that meets",
	} {
		a := slices.Concat(args, []string{"--out", filepath.Join(dir, "f"+strings.TrimSpace(find))})
		if find != "" {
			a = append(a, "--find", find)
		}
		if o := mustRun(t, a...); !strings.Contains(o.stdout, want) {
			t.Errorf("--find %q: output lacks %q:\n%s", find, want, o.stdout)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--find", "biggest", "--target", "ifa_share<=0.3"}, `--find "biggest": want smallest or largest`},
		{[]string{"--find", "largest"}, "--find largest needs a --target"},
	} {
		o := placesim(t, slices.Concat([]string{"sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=10:40:15", "--reps", "2", "--out", filepath.Join(dir, "bad")}, tt.args)...)
		if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %q", tt.args, o.code, o.stderr, tt.want)
		}
	}
}

func TestSweep(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=10:40:15",
		"--target", "carer_households_end>=170 in all", "--probability", "0.8", "--reps", "20", "--years", "3", "--formats", "svg", "--out", dir)
	if svg := readFile(t, filepath.Join(dir, "charts"), "sweep-kinds-inhouse-foster-carers-approvals-per-year-carer-households-end.svg"); !strings.Contains(svg, "<svg") {
		t.Error("sweep drew no chart of the KPI against the lever")
	}
	for _, want := range []string{
		"default: kinds.inhouse_foster.carers.approvals_per_year over 10 to 40 in steps of 15, 20 replications each on seed 1",
		"The smallest kinds.inhouse_foster.carers.approvals_per_year that meets carer_households_end>=170 in all in at least 80% of runs is",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, o.stdout)
		}
	}
	csv := readFile(t, dir, "sweep.csv")
	if !strings.HasPrefix(csv, "scenario,lever,value,period,kpi,mean,lo,hi,n\n") {
		t.Errorf("sweep.csv starts %q", csv[:60])
	}
	// More approvals, more households: the mean must rise with the lever.
	var means []float64
	for _, line := range strings.Split(csv, "\n") {
		if f := strings.Split(line, ","); len(f) == 9 && f[3] == "all" && f[4] == "carer_households_end" {
			means = append(means, parseF(t, f[5]))
		}
	}
	if len(means) != 3 || !(means[0] < means[1] && means[1] < means[2]) {
		t.Errorf("carer households by approvals 10, 25, 40: %v, want rising", means)
	}
	if o := placesim(t, "sweep", "default", "--vary", "no.such.field=1:2:1", "--reps", "2", "--out", filepath.Join(dir, "bad")); o.code != exitUsage || !strings.Contains(o.stderr, "no.such.field") {
		t.Errorf("unknown lever: exit %d, %q", o.code, o.stderr)
	}
	// A range of more steps than an int counts once swept no value and then failed on an index
	// out of range; a target of NaN was never met.
	for _, args := range [][]string{
		{"--vary", "kinds.inhouse_foster.carers.approvals_per_year=0:1:1e-300"},
		{"--vary", "kinds.inhouse_foster.carers.approvals_per_year=10:40:15", "--target", "ifa_share<=NaN"},
	} {
		o := placesim(t, slices.Concat([]string{"sweep", "default", "--reps", "2", "--out", filepath.Join(dir, "bad")}, args)...)
		if o.code != exitUsage || !strings.Contains(o.stderr, args[len(args)-2]) {
			t.Errorf("%v: exit %d, %q", args, o.code, o.stderr)
		}
	}
	// A value beyond the field's range is refused before any value runs: the two below it, at
	// 400 replications of 10 years, once ran first, for over a minute here.
	began := time.Now()
	o = placesim(t, "sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=0:20000:10000",
		"--reps", "400", "--years", "10", "--out", filepath.Join(dir, "bad"))
	if o.code != exitUsage || !strings.Contains(o.stderr, "approvals_per_year at 20000") {
		t.Errorf("a value beyond the range: exit %d, %q", o.code, o.stderr)
	}
	if d := time.Since(began); d > 10*time.Second {
		t.Errorf("a value beyond the range refused after %v: the values below it ran first", d)
	}
}

// A sweep of years looks the period up at each value: the whole run grows with the years, a
// year not simulated at a value has no figure there, and the manifest gives the longest run.
func TestSweepYears(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "sweep", "default", "--vary", "years=1:3:1", "--reps", "2", "--charts=false", "--out", filepath.Join(dir, "all"))
	var means []float64
	for _, line := range strings.Split(o.stdout, "\n") {
		if f := strings.Fields(line); len(f) == 5 && strings.HasPrefix(f[1], "£") {
			means = append(means, parseF(t, strings.TrimSuffix(strings.TrimPrefix(f[1], "£"), "m")))
		}
	}
	if len(means) != 3 || !(means[0] < means[1] && means[1] < means[2]) {
		t.Errorf("cost_total in all over 1, 2, 3 years: %v, want rising:\n%s", means, o.stdout)
	}
	if m := readFile(t, filepath.Join(dir, "all"), "manifest.json"); !strings.Contains(m, `"years": 3,`) {
		t.Errorf("the manifest of a sweep of 1 to 3 years does not say 3 years:\n%s", m)
	}
	o = mustRun(t, "sweep", "default", "--vary", "years=1:3:1", "--reps", "2", "--target", "cost_total<=30000000 in 2027/28",
		"--formats", "svg", "--out", filepath.Join(dir, "y2"))
	if want := "none: 2027/28 is not simulated"; !strings.Contains(o.stdout, want) {
		t.Errorf("a sweep of years from 1 with a target in the second year does not say %q:\n%s", want, o.stdout)
	}
	if svg := readFile(t, filepath.Join(dir, "y2", "charts"), "sweep-years-cost-total.svg"); !strings.Contains(svg, "No value at 1.") {
		t.Error("the chart of a sweep of years does not say there is no value at 1 year")
	}
	o = placesim(t, "sweep", "default", "--vary", "years=1:2:1", "--reps", "2", "--target", "cost_total<=1 in 2037/38", "--out", filepath.Join(dir, "bad"))
	if want := `period "2037/38": want one of 2026/27, 2027/28, all`; o.code != exitUsage || !strings.Contains(o.stderr, want) {
		t.Errorf("a target year no value simulates: exit %d, %q, want %q", o.code, o.stderr, want)
	}
}

// A sweep varies one lever: a second --vary is refused before anything runs, not dropped.
func TestSweepVaryTwice(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--vary", "years=1:3:1", "--vary", "entries.per_year=1:2:1"},
			"placesim sweep: --vary is given twice (years and entries.per_year): a sweep varies one lever; see several inputs' effects with placesim sensitivity\n"},
		{[]string{"--vary", "years=1:3:1", "--vary", "years=1:2:1"}, "placesim sweep: --vary years is given twice\n"},
	} {
		o := placesim(t, slices.Concat([]string{"sweep", "default", "--reps", "2", "--out", filepath.Join(t.TempDir(), "x")}, tt.args)...)
		if o.code != exitUsage || !strings.HasPrefix(o.stderr, tt.want) {
			t.Errorf("%v: exit %d, %q, want %q", tt.args, o.code, o.stderr, tt.want)
		}
	}
}

// A KPI or a target year that the results will not have is refused before any value runs: at
// 400 replications of 10 years, every value once ran first, for many minutes.
func TestSweepKPIBeforeRuns(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--kpi", "cost_totl"}, `placesim sweep: KPI "cost_totl": no such KPI (did you mean cost_total?)`},
		{[]string{"--target", "ifa_shar<=0.3"}, `placesim sweep: KPI "ifa_shar": no such KPI (did you mean ifa_share?)`},
		{[]string{"--target", "ifa_share<=0.3 in 2050/51"}, `placesim sweep: period "2050/51": want one of 2026/27, 2027/28, 2028/29, 2029/30, 2030/31, 2031/32, 2032/33, 2033/34, 2034/35, 2035/36, all`},
	} {
		began := time.Now()
		o := placesim(t, slices.Concat([]string{"sweep", "default", "--vary", "entries.per_year=100:296:4", "--reps", "400", "--years", "10",
			"--out", filepath.Join(t.TempDir(), "x")}, tt.args)...)
		if o.code != exitUsage || !strings.HasPrefix(o.stderr, tt.want+"\n") {
			t.Errorf("%v: exit %d, %q, want %q", tt.args, o.code, o.stderr, tt.want)
		}
		if d := time.Since(began); d > 20*time.Second {
			t.Errorf("%v refused after %v: the values ran first", tt.args, d)
		}
	}
}

// A value the lever's field cannot take is named by the --vary the user gave and the value,
// not by a --set they never typed.
func TestSweepLeverErrors(t *testing.T) {
	for _, tt := range []struct {
		vary, want string
	}{
		{"escalation_share=0.5:1.5:0.5", "--vary escalation_share at 1.5: escalation_share: must be a share between 0 and 1\n"},
		{"kinds.inhouse_foster.carers.approvals_per_year=0:20000:10000",
			"--vary kinds.inhouse_foster.carers.approvals_per_year at 20000: kinds.inhouse_foster.carers.approvals_per_year: must be between 0 and 10,000 households a year\n"},
	} {
		o := placesim(t, "sweep", "default", "--vary", tt.vary, "--reps", "2", "--years", "1", "--out", filepath.Join(t.TempDir(), "x"))
		if o.code != exitUsage || o.stderr != tt.want {
			t.Errorf("--vary %s: exit %d, %q, want %q", tt.vary, o.code, o.stderr, tt.want)
		}
	}
}

// A --set that the scenario cannot take at any value of the lever is named alone, as run and
// sensitivity name it, not blamed on the lever's first value.
func TestSweepSetErrorNamedAlone(t *testing.T) {
	o := placesim(t, "sweep", "default", "--vary", "entries.per_year=0:20:20", "--set", "uasc.nope=0", "--reps", "2", "--years", "1", "--out", filepath.Join(t.TempDir(), "x"))
	if o.code != exitUsage || !strings.HasPrefix(o.stderr, "--set uasc.nope=0: uasc.nope: unknown key") {
		t.Errorf("exit %d, %q; want exit %d and the --set named alone", o.code, o.stderr, exitUsage)
	}
}

// An input error wrapped in what says which scenario has it keeps that context on each line.
func TestReportWrappedInputError(t *testing.T) {
	var b strings.Builder
	err := fmt.Errorf("--vary entries.per_year at 2: %w", &inputError{errors.New("a.yaml:3:5: stays: one\na.yaml:9:1: kinds: two")})
	if code := report(&b, err); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if want := "--vary entries.per_year at 2: a.yaml:3:5: stays: one\n--vary entries.per_year at 2: a.yaml:9:1: kinds: two\n"; b.String() != want {
		t.Errorf("report printed %q, want %q", b.String(), want)
	}
}

// The manifest's values are those run, as sweep.csv has them: 0.08, not 0.08000000000000002.
func TestSweepManifestValues(t *testing.T) {
	l, err := parseVary("a=0.7:1.3:0.1")
	if want := []float64{0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3}; err != nil || !slices.Equal(l.values, want) {
		t.Errorf("parseVary(a=0.7:1.3:0.1) = %v, %v; want %v", l.values, err, want)
	}
	dir := t.TempDir()
	mustRun(t, "sweep", "default", "--vary", "escalation_share=0.07:0.13:0.01", "--reps", "2", "--years", "1", "--charts=false", "--out", dir)
	var m struct {
		Sweep struct{ Values []json.RawMessage }
	}
	if err := json.Unmarshal([]byte(readFile(t, dir, "manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range m.Sweep.Values {
		got = append(got, string(v))
	}
	if want := []string{"0.07", "0.08", "0.09", "0.1", "0.11", "0.12", "0.13"}; !slices.Equal(got, want) {
		t.Errorf("the manifest's sweep values are %v, want %v", got, want)
	}
}

// The README's command for the checksum a sweep's manifest gives each value's scenario
// reproduces it from the scenario.yaml of a run of that value.
func TestSweepScenarioSHACommand(t *testing.T) {
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("no sha256sum")
	}
	dir := t.TempDir()
	mustRun(t, "sweep", "default", "--vary", "escalation_share=0.1:0.1:1", "--years", "1", "--reps", "1", "--charts=false", "--out", filepath.Join(dir, "sweep"))
	mustRun(t, "run", "default", "--set", "escalation_share=0.1", "--years", "1", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "run"))
	var m struct{ Scenarios []struct{ SHA256 string } }
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "sweep"), "manifest.json")), &m); err != nil || len(m.Scenarios) != 1 {
		t.Fatalf("manifest: %v, %d scenarios", err, len(m.Scenarios))
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmd := regexp.MustCompile("`(awk 'NR==1 [^`]*sha256sum)`").FindSubmatch(readme)
	if cmd == nil {
		t.Fatal("the README gives no awk ... sha256sum command for the manifest's scenario checksum")
	}
	sh := strings.ReplaceAll(strings.ReplaceAll(string(cmd[1]), `\|`, "|"), "DIR", filepath.Join(dir, "run"))
	out, err := exec.Command("sh", "-c", sh).Output()
	if err != nil {
		t.Fatalf("%s: %v", sh, err)
	}
	if got := strings.Fields(string(out)); len(got) == 0 || got[0] != m.Scenarios[0].SHA256 {
		t.Errorf("%s gives %q, the manifest %s", sh, out, m.Scenarios[0].SHA256)
	}
}

// A target's value is printed as money, in pounds, not as the long run of digits typed.
func TestSweepTargetDigits(t *testing.T) {
	o := mustRun(t, "sweep", "default", "--vary", "years=1:1:1", "--reps", "2", "--target", "cost_total<=100000000", "--charts=false", "--out", t.TempDir(), "-q")
	for _, want := range []string{"runs meeting cost_total <= £100.0m", "meets cost_total<=£100.0m in all"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, o.stdout)
		}
	}
}

// TestSweepPartYear checks that a sweep of a run from 1 October says, in its table, its
// concluding sentence and its chart, that its first financial year is a part year and where it begins, which dates its runs
// cover and in what prices its money is: six months are not a year's spending.
func TestSweepPartYear(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "sweep", "default", "--set", "start=2026-10-01", "--years", "2", "--vary", "entries.per_year=200:300:100", "--reps", "2",
		"--target", "cost_total<=40000000 in 2026/27", "--formats", "svg", "--out", dir)
	for _, want := range []string{
		"\nEach run covers 1 October 2026 to 30 September 2028 (2 years). Money in cash terms: prices rise with inflation each April.\n",
		"cost_total in 2026/27 (from 1 October): mean",
		// The concluding sentence names the part year as the table does.
		"meets cost_total<=£40.0m in 2026/27 (from 1 October) in ",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, o.stdout)
		}
	}
	svg := readFile(t, filepath.Join(dir, "charts"), "sweep-entries-per-year-cost-total.svg")
	for _, want := range []string{">Spending in 2026/27 (from 1 October) as children entering care a year changes<", "Money in cash"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	// A sweep of years from 1 October makes 2027/28 a part year at 1 year and a whole one at 2.
	o = mustRun(t, "sweep", "default", "--set", "start=2026-10-01", "--vary", "years=1:2:1", "--reps", "2", "--kpi", "children_in_care",
		"--target", "children_in_care<=2000 in 2027/28", "--charts=false", "--out", filepath.Join(dir, "years"))
	for _, want := range []string{
		"\nEach value's run covers its own span, from 1 October 2026 at the earliest to 30 September 2028 at the latest.\n",
		"children_in_care in 2027/28 (a part year at some values): mean",
		"meets children_in_care<=2000 in 2027/28 (a part year at some values) in ",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the table of a sweep of years lacks %q:\n%s", want, o.stdout)
		}
	}
}

// TestSweepChanceRoundsHalfUp checks that the table's share of runs meeting a target rounds a
// half up, as compare's chances do: 5 runs in 8 (62.5%) are 63%, not 62%.
func TestSweepChanceRoundsHalfUp(t *testing.T) {
	o := mustRun(t, "sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=25:25:1",
		"--target", "carer_households_end>=170 in all", "--reps", "8", "--years", "2", "--set", "warmup_years=1", "--charts=false", "--out", t.TempDir(), "-q")
	if !strings.Contains(o.stdout, " 63%\n") {
		t.Errorf("5 runs in 8 meeting the target are not 63%%:\n%s", o.stdout)
	}
}

// TestSweepFindAtRangeEdge checks that a sweep whose every value meets the target says so, and
// that the largest (or smallest) meeting it may lie beyond the range, rather than calling the
// range's top (or bottom) the largest (or smallest); and that a value found at the range's
// edge, when others do not meet the target, says a value beyond it may meet it too.
func TestSweepFindAtRangeEdge(t *testing.T) {
	dir := t.TempDir()
	all := []string{"sweep", "default", "--vary", "kinds.ifa.weekly_gbp=800:1400:300", "--target", "cost_total<=130m in 2027/28",
		"--reps", "5", "--years", "2", "--charts=false", "-q"}
	for find, want := range map[string]string{
		"largest":  "Every value of kinds.ifa.weekly_gbp tried (800 to 1400 in steps of 300) meets cost_total<=£130.0m in 2027/28 in at least 90% of runs, so the largest that meets it may lie above 1400: extend --vary to find it.",
		"smallest": "Every value of kinds.ifa.weekly_gbp tried (800 to 1400 in steps of 300) meets cost_total<=£130.0m in 2027/28 in at least 90% of runs, so the smallest that meets it may lie below 800: extend --vary to find it.",
	} {
		o := mustRun(t, slices.Concat(all, []string{"--find", find, "--out", filepath.Join(dir, find)})...)
		if !strings.Contains(o.stdout, want) || strings.Contains(o.stdout, "The "+find) {
			t.Errorf("--find %s with every value meeting the target: output lacks %q, or names a %s:\n%s", find, want, find, o.stdout)
		}
	}
	o := mustRun(t, "sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=10:40:15",
		"--target", "carer_households_end<=200 in all", "--probability", "0.8", "--reps", "20", "--years", "3", "--charts=false", "-q", "--out", filepath.Join(dir, "edge"))
	for _, want := range []string{
		"The smallest kinds.inhouse_foster.carers.approvals_per_year that meets carer_households_end<=200 in all in at least 80% of runs is 10.\n",
		"It is the smallest value tried: a value below 10 may meet it too; extend --vary to find out.\n",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the smallest found at the bottom of the range: output lacks %q:\n%s", want, o.stdout)
		}
	}
}

// TestPlusSignRefused checks that a value typed with a + sign in --vary, --target and --budget
// is refused, saying to give the value itself, as scenario files and --set refuse it: in the
// workspace a leading + makes a value a change from the baseline's, so "+800" taken as 800
// here would mean one thing there and another here. A - sign is still a negative value.
func TestPlusSignRefused(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"--vary money", second(parseVary("kinds.ifa.weekly_gbp.standard=+£800:900:100")), `"+£800" is not an amount of pounds, such as 9000, £9,000 or 9k (a + sign reads as a change in the workspace; give the value itself, such as £800)`},
		{"--vary a number", second(parseVary("entries.per_year=+10:20:10")), `"+10": a + sign reads as a change in the workspace (10 more than the baseline's value); here give the value itself, such as 10`},
		{"--target money", second(parseTarget("cost_total<=£+5m")), `"cost_total<=£+5m": "£+5m": a target is a value, not a change: write £5m`},
		// A target has no baseline: "0.35 more than the baseline's value" was said.
		{"--target a number", second(parseTarget("ifa_share<=+0.35 in 2030/31")), `"ifa_share<=+0.35 in 2030/31": "+0.35": a target is a value, not a change: write 0.35`},
		{"--target not a number", second(parseTarget("emergency_placements<=+0x10")), `"emergency_placements<=+0x10": "+0x10": a target is a value, not a change: write it without the + sign`},
		{"--budget", second(parseBudgets([]string{"2027/28=+64m"})), `"2027/28=+64m": "+64m" is not an amount of pounds above nothing, such as 64m, £900k or £1,200 (a + sign reads as a change in the workspace; give the value itself, such as 64m)`},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant it to hold %s", tt.name, tt.err, tt.want)
		}
	}
	if l, err := parseVary("entries.trend_per_year=-0.02:0:0.01"); err != nil || len(l.values) != 3 {
		t.Errorf("a negative --vary: %v, %v", l.values, err)
	}
	if tg, err := parseTarget("cost_total<=-5m"); err != nil || tg.value != -5e6 {
		t.Errorf("a negative --target: %+v, %v", tg, err)
	}
}

// second returns the error of a call that returns a value and an error.
func second[T any](_ T, err error) error { return err }

// TestShareTarget checks that a share target is told to write a percentage as the share it
// means (35% is 0.35), with a + sign or without, and that a share outside 0 to 1, which no run
// can have, is refused, with a + sign too, saying once that a share is between 0 and 1.
func TestShareTarget(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ifa_share<=+35% in 2030/31", `"+35%": a target is a value, not a change: write 0.35`},
		{"ifa_share<=35%", `"35%" is not a number: ifa_share is a share, a fraction between 0 and 1: write 0.35`},
		{"ifa_share<=1.5", "ifa_share is a share, between 0 and 1 (0.35 is 35%), and 1.5 is not"},
		{"ifa_share<=-0.35", "ifa_share is a share, between 0 and 1 (0.35 is 35%), and -0.35 is not"},
		// Without its + sign, 1.5 is no share either: said once, not "write it without the +
		// sign" and then refused for 1.5.
		{"ifa_share<=+1.5", `"ifa_share<=+1.5": "+1.5": a target is a value, not a change, and ifa_share is a share, between 0 and 1 (0.35 is 35%): write one such as 0.35, without the + sign`},
		{"ifa_share<=+150% in 2030/31", `"+150%": a target is a value, not a change, and ifa_share is a share, between 0 and 1 (0.35 is 35%): write one such as 0.35, without the + sign`},
		{"ifa_share<=150%", `"150%" is not a number: ifa_share is a share, between 0 and 1 (0.35 is 35%)`},
	} {
		_, err := parseTarget(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseTarget(%q) = %v, want it to say %q", tt.in, err, tt.want)
		}
	}
	for _, ok := range []string{"ifa_share<=0.35 in 2030/31", "ifa_share>=0", "ifa_share<1"} {
		if _, err := parseTarget(ok); err != nil {
			t.Errorf("parseTarget(%q): %v", ok, err)
		}
	}
}

// TestCommandLineValuesToldWhatToWrite checks that --vary, --target and --budget tell a value
// typed with a comma, a percentage or words what to write, as --set and scenario files do,
// rather than that it is not a number: 1,000 is 1000, 5% of a fraction 0.05 (not of a
// count), "300 a year" 300, "£64 million" £64m, and a budget below nothing offers nothing.
func TestCommandLineValuesToldWhatToWrite(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"--vary a percentage", second(parseVary("uasc.transfer_threshold_share=5%:10%:1%")), `"5%" is not a number: write 0.05 for 5%`},
		{"--vary a comma", second(parseVary("entries.per_year=1,000:1,200:100")), `"1,000" is not a number: write 1000`},
		{"--vary words", second(parseVary("entries.per_year=300 a year:400:50")), `"300 a year" is not a number: write 300, the number alone`},
		{"--vary money in words", second(parseVary("kinds.ifa.weekly_gbp=£800 a week:900:100")), `"£800 a week" is not an amount of pounds, such as 9000, £9,000 or 9k (write £800, the amount alone)`},
		// _ in money, as in a number: write it without.
		{"--budget with _", second(parseBudgets([]string{"2027/28=64_000_000"})), `(write 64000000, without _)`},
		{"--target with _", second(parseTarget("cost_total<=64_000_000")), `(write 64000000, without _)`},
		// A number offered only where the field takes it; a decimal comma is no thousands.
		{"--vary a share's thousands", second(parseVary("step_down.ready_share=1,000:2:1")), `"1,000" is not a number (1,000 is 1000, which this field does not take)`},
		{"--vary a decimal comma", second(parseVary("uasc.transfer_threshold_share=0,006:0.01:0.001")), `"0,006" is not a number: a comma is not a decimal point here: for 0.006 write 0.006`},
		{"--vary a percentage of no share", second(parseVary("entries.per_year=5%:10:1")), `"5%" is not a number: this field is not a share, so takes no %: give the number itself`},
		{"--vary + before no number", second(parseVary("step_down.ready_share=+1,5:1:0.1")), `"+1,5" is not a number: a comma is not a decimal point here`},
		// A year's amount in a weekly field is not offered as a week's.
		{"--vary money a year in a weekly field", second(parseVary("kinds.ifa.weekly_gbp=£50,000 a year:900:100")), `"£50,000 a year" is not an amount of pounds, such as 9000, £9,000 or 9k (that is a yearly amount and this field is £ a week: give the weekly amount)`},
		{"--budget a week", second(parseBudgets([]string{"2027/28=£1m a week"})), `(that is a weekly amount and a budget is £ a year: give the yearly amount)`},
		// A target's money in a financial year is that year's; over all, the run's total.
		{"--target a week in a year", second(parseTarget("cost_total<=£50,000 a week in 2030/31")), `(that is a weekly amount and cost_total in 2030/31 is £ a year: give the yearly amount)`},
		{"--target a year in a year", second(parseTarget("cost_total<=£70m a year in 2030/31")), `(write £70m, the amount alone)`},
		{"--target a year over all", second(parseTarget("cost_total<=£700m a year")), `(that is a yearly amount and cost_total in all is the total over the whole run: give the total over the run)`},
		// _ in an amount past the field's range: told what _ is and the range, offered nothing.
		{"--vary _ past the range", second(parseVary("emergency.weekly_gbp=£1_000_000:£2m:£1m")), `("£1_000_000" is £1000000 written with _ between its digits, which this field does not take: it must be between £0 and £100,000 a week)`},
		// A field of money whose name says no period: its documented unit says what it takes.
		{"--vary a year's amount paid once", second(parseVary("interventions[0].cost.one_off_gbp=£1m a year:2m:1m")), `(that is a yearly amount and this field is £ paid once: give the amount paid once)`},
		{"--budget a year", second(parseBudgets([]string{"2027/28=£64m a year"})), `(write £64m, the amount alone)`},
		{"--target a comma", second(parseTarget("emergency_placements<=1,000")), `"1,000" is not a number: write 1000`},
		{"--target money in words", second(parseTarget("cost_total<=£64 million")), `(write £64m)`},
		{"--budget in words", second(parseBudgets([]string{"2027/28=£64 million"})), `"£64 million" is not an amount of pounds above nothing, such as 64m, £900k or £1,200 (write £64m)`},
	} {
		if tt.err == nil || !strings.HasSuffix(tt.err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant it to end %s", tt.name, tt.err, tt.want)
		}
	}
	for _, tt := range []struct {
		name string
		err  error
		not  string
	}{
		{"--vary a count's percentage", second(parseVary("kinds.inhouse_foster.carers.households=5%:10:1")), "write 0.05"},
		{"--budget below nothing", second(parseBudgets([]string{"2027/28=-£64 million"})), "write"},
	} {
		if tt.err == nil || strings.Contains(tt.err.Error(), tt.not) {
			t.Errorf("%s: %v, want it refused without %q", tt.name, tt.err, tt.not)
		}
	}
}
