package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// sensitivityQuick are the flags that keep a sensitivity analysis of the default short: few
// replications, two years after a one-year warm-up.
var sensitivityQuick = []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1", "-q"}

// TestSensitivity runs the default's usual inputs and one that cannot matter, and checks what a
// reader of sensitivity.csv, the table and the chart sees: the columns, the ranking by swing,
// no swing where the input cannot act, and a dearer residential place costing more.
func TestSensitivity(t *testing.T) {
	dir := t.TempDir()
	// The default contracts no block beds, so no child is ever placed in one: their weekly price
	// cannot change anything.
	const idle = "kinds.block_residential.weekly_gbp"
	args := slices.Concat([]string{"sensitivity", "default", "--vary", idle + "=0:5000", "--formats", "svg", "--out", dir}, sensitivityQuick)
	o := mustRun(t, args...)

	f, err := csv.NewReader(strings.NewReader(readFile(t, dir, "sensitivity.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f[0], sensitivityColumns) {
		t.Fatalf("sensitivity.csv columns %q, want %q", f[0], sensitivityColumns)
	}
	col := func(name string) int { return slices.Index(f[0], name) }
	num := func(rec []string, name string) float64 {
		t.Helper()
		v, err := strconv.ParseFloat(rec[col(name)], 64)
		if err != nil {
			t.Fatalf("%s %q: %v", name, rec[col(name)], err)
		}
		return v
	}
	byPeriod := map[string][][]string{}
	var periods []string
	for _, rec := range f[1:] {
		p := rec[col("period")]
		if !slices.Contains(periods, p) {
			periods = append(periods, p)
		}
		byPeriod[p] = append(byPeriod[p], rec)
		if rec[col("kpi")] != "cost_total" || rec[col("scenario")] != "default" {
			t.Errorf("row %q: want the default's cost_total", rec)
		}
	}
	if !slices.Equal(periods, []string{"2026/27", "2027/28", "all"}) {
		t.Errorf("periods %q, want the two years and all", periods)
	}
	// 24 usual inputs of the default and the one added.
	const inputs = 25
	for _, p := range periods {
		rows := byPeriod[p]
		if len(rows) != inputs {
			t.Errorf("%s: %d rows, want %d", p, len(rows), inputs)
		}
		for i, rec := range rows {
			if rec[col("rank")] != strconv.Itoa(i+1) {
				t.Errorf("%s: row %d has rank %s", p, i+1, rec[col("rank")])
			}
			if i > 0 && num(rec, "swing") > num(rows[i-1], "swing") {
				t.Errorf("%s: %s (swing %s) ranked below %s (swing %s)", p, rec[col("input")], rec[col("swing")], rows[i-1][col("input")], rows[i-1][col("swing")])
			}
			if sw := num(rec, "high_mean") - num(rec, "low_mean"); sw*sw-num(rec, "swing")*num(rec, "swing") > 1e-6*sw*sw+1e-9 {
				t.Errorf("%s: %s swing %s, but high - low is %v", p, rec[col("input")], rec[col("swing")], sw)
			}
		}
		for _, rec := range rows {
			switch rec[col("path")] {
			case idle:
				if rec[col("swing")] != "0" || rec[col("low_diff")] != "0" || rec[col("high_diff")] != "0" || rec[col("range_source")] != "given with --vary" {
					t.Errorf("%s: the price of a kind never used moves spending: %q", p, rec)
				}
			case "kinds.external_residential.weekly_gbp.complex":
				// Only the price changes, so each pair differs by the price of the same weeks:
				// dearer always costs more, and the interval is clear of zero.
				if !(num(rec, "low_diff_hi") < 0 && num(rec, "high_diff_lo") > 0) || rec[col("value_low")] != "6119.2" || rec[col("value_high")] != "9178.8" || rec[col("value")] != "7649" {
					t.Errorf("%s: residential price £6,119.20 to £9,178.80 (20%% either side of £7,649) for complex needs: %q, want spending down at the low price and up at the high", p, rec)
				}
			}
		}
	}
	// The table ranks the inputs as the file's rows of the period asked (all) do.
	var printed []string
	for _, line := range strings.Split(o.stdout, "\n") {
		if fs := strings.Fields(line); len(fs) > 1 && fs[0] == strconv.Itoa(len(printed)+1) {
			printed = append(printed, line)
		}
	}
	if len(printed) != inputs {
		t.Fatalf("the table has %d ranked inputs, want %d:\n%s", len(printed), inputs, o.stdout)
	}
	for i, rec := range byPeriod["all"] {
		if !strings.Contains(printed[i], rec[col("input")]) {
			t.Errorf("table line %d %q, want input %q", i+1, printed[i], rec[col("input")])
		}
	}
	if !strings.Contains(o.stdout, "default changed by --set warmup_years=1: what spending (cost_total) over the whole run rests on: each input at its low and its high value, 4 paired replications on seed 1, 90% intervals") {
		t.Errorf("the table's heading is wrong:\n%s", o.stdout)
	}
	svg := readFile(t, filepath.Join(dir, "charts"), "tornado-cost-total.svg")
	if !strings.Contains(svg, "<svg") {
		t.Error("no tornado chart")
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Command != "sensitivity" || len(m.Scenarios) != 1+2*inputs || m.Reps != 4 || m.Interval != 0.9 ||
		!slices.Equal(manifestPaths(m), []string{"charts/tornado-cost-total.svg", "sensitivity.csv"}) {
		t.Errorf("manifest %+v", *m)
	}
}

// TestSensitivityKPIAndVary checks another KPI and year, a --vary that replaces a usual
// input's range, and --defaults=false.
func TestSensitivityKPIAndVary(t *testing.T) {
	dir := t.TempDir()
	args := slices.Concat([]string{"sensitivity", "default", "--defaults=false", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=0:60",
		"--vary", "entries.per_year=250:270", "--kpi", "carer_households_end", "--period", "2027/28", "--charts=false", "--out", dir}, sensitivityQuick)
	o := mustRun(t, args...)
	f, err := csv.NewReader(strings.NewReader(readFile(t, dir, "sensitivity.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rec := range f[1:] {
		if rec[6] == "2027/28" {
			got = append(got, rec[2]+" "+rec[3]+":"+rec[4])
			// More approvals, more households; fewer, fewer.
			if rec[2] == "kinds.inhouse_foster.carers.approvals_per_year" && !(parseF(t, rec[10]) < 0 && parseF(t, rec[13]) > 0) {
				t.Errorf("carer households at 0 and 60 approvals a year: differences %s and %s", rec[10], rec[13])
			}
		}
	}
	// Entries do not change who is approved as a carer: no swing, so ranked second.
	if want := []string{"kinds.inhouse_foster.carers.approvals_per_year 0:60", "entries.per_year 250:270"}; !slices.Equal(got, want) {
		t.Errorf("inputs in 2027/28 %q, want %q", got, want)
	}
	if !strings.Contains(o.stdout, "In-house foster care: carer households approved a year   0 to 60 a year") {
		t.Errorf("a --vary of a usual input keeps its label and unit:\n%s", o.stdout)
	}
}

// TestSensitivityUsage checks that bad flags are refused with a message naming them and exit
// status 2, before anything runs.
func TestSensitivityUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no scenario", nil, "give one scenario"},
		{"vary without a range", []string{"--vary", "entries.per_year"}, "want PATH=LOW:HIGH"},
		{"vary with one value", []string{"--vary", "entries.per_year=200"}, "want PATH=LOW:HIGH"},
		{"vary with a step", []string{"--vary", "entries.per_year=200:300:50"}, "want PATH=LOW:HIGH"},
		{"vary not a number", []string{"--vary", "entries.per_year=x:300"}, `"x" is not a number`},
		{"vary low above high", []string{"--vary", "entries.per_year=300:200"}, "want LOW < HIGH"},
		// Once run as 0 and 0, and as 1e303 and +Inf.
		{"vary within a millionth", []string{"--vary", "entries.per_year=0:1e-7"}, "LOW and HIGH are both written 0"},
		{"vary past 1e302", []string{"--vary", "entries.per_year=1e303:1.1e303"}, `"1e303" is too large a value to write`},
		{"vary twice", []string{"--vary", "entries.per_year=200:300", "--vary", "entries.per_year=250:260"}, "given twice"},
		// A kind named by its place, as messages name it, is the kind of that name.
		{"vary a kind twice by place and name", []string{"--vary", "kinds[3].weekly_gbp.standard=800:1000", "--vary", "kinds.ifa.weekly_gbp.standard=700:900"},
			"placesim sensitivity: --vary kinds.ifa.weekly_gbp.standard is given twice\n"},
		{"vary an unknown field", []string{"--vary", "entries.per_yaer=200:300"}, "entries.per_yaer"},
		// A value the field cannot take is named by the input and value, not by a --set the
		// user never typed.
		{"vary beyond the field's range", []string{"--vary", "escalation_share=0.5:1.5"},
			"escalation_share at 1.5: escalation_share: must be a share between 0 and 1\n"},
		{"unknown KPI", []string{"--kpi", "cost_totl"}, `--kpi "cost_totl": no such KPI (did you mean cost_total?)`},
		{"unknown period", []string{"--period", "2040/41"}, `--period "2040/41": want one of 2026/27, 2027/28, all`},
		{"range too wide", []string{"--range", "1.5"}, "--range must be a share between 0 and 1"},
		{"nothing to vary", []string{"--defaults=false"}, "nothing to vary"},
		// A --set of a path --vary gives would be replaced at the low and the high value, as
		// sweep refuses a --set of the path it varies; by place or by name alike.
		{"set and vary one path", []string{"--set", "entries.per_year=300", "--vary", "entries.per_year=200:400"},
			`placesim sensitivity: --set "entries.per_year=300" and --vary "entries.per_year=200:400" both give entries.per_year: sensitivity runs it at 200 and at 400 in turn; leave out the --set, or leave out the --vary to vary it around the --set value` + "\n"},
		{"set by place and vary by name", []string{"--set", "kinds[3].weekly_gbp.standard=900", "--vary", "kinds.ifa.weekly_gbp.standard=700:1100"},
			`--set "kinds[3].weekly_gbp.standard=900" and --vary "kinds.ifa.weekly_gbp.standard=700:1100" both give kinds.ifa.weekly_gbp.standard`},
		// A --set of a field within the one varied is replaced at each value, never used.
		{"set within a path varied", []string{"--defaults=false", "--vary", "kinds.ifa.weekly_gbp=800:1000", "--set", "kinds.ifa.weekly_gbp.standard=900"},
			`placesim sensitivity: --set "kinds.ifa.weekly_gbp.standard=900" is a part of kinds.ifa.weekly_gbp, which --vary "kinds.ifa.weekly_gbp=800:1000" replaces at 800 and at 1000 in turn: the --set would not be used; leave out the --set, or vary kinds.ifa.weekly_gbp.standard` + "\n"},
		{"set by place within a path varied", []string{"--vary", "kinds.ifa.weekly_gbp=800:1000", "--set", "kinds[3].weekly_gbp.complex=900"},
			`--set "kinds[3].weekly_gbp.complex=900" is a part of kinds.ifa.weekly_gbp`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"sensitivity"}
			if tt.name != "no scenario" {
				args = append(args, "default")
			}
			args = slices.Concat(args, tt.args, sensitivityQuick, []string{"--out", filepath.Join(dir, "x")})
			o := placesim(t, args...)
			if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", o.code, o.stderr, exitUsage, tt.want)
			}
		})
	}
}

// A --vary naming a kind by its place in the list (kinds[3], as placesim's messages name it)
// replaces the range of the usual input of that kind, as one naming it by name does, rather
// than adding a second row of the same field.
func TestSensitivityVaryByPlace(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, slices.Concat([]string{"sensitivity", "default", "--vary", "kinds[3].weekly_gbp.standard=800:1000", "--charts=false", "--out", dir}, sensitivityQuick)...)
	var got []string
	for _, line := range strings.Split(readFile(t, dir, "sensitivity.csv"), "\n") {
		if f := strings.Split(line, ","); len(f) > 7 && f[7] == "all" && strings.Contains(line, "weekly_gbp.standard") && strings.Contains(line, "fostering agency") {
			got = append(got, strings.Join(f[3:6], ","))
		}
	}
	if want := []string{"kinds.ifa.weekly_gbp.standard,800,1000"}; !slices.Equal(got, want) {
		t.Errorf("rows of the agency's standard price in all: %q, want %q", got, want)
	}
}

// A usual input that holds a --vary path (a flat price set, one need's varied) or lies within
// one (a price by need, the whole price varied) gives way to it: the tornado shows the price
// once, and the --set of the whole price is used for the needs not varied.
func TestSensitivityVaryCoversUsual(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want []string // the rows of the agency's prices in all: path,low,high
	}{
		{"flat price set, one need varied", []string{"--set", "kinds.ifa.weekly_gbp=900", "--vary", "kinds.ifa.weekly_gbp.standard=800:1000"},
			[]string{"kinds.ifa.weekly_gbp.standard,800,1000"}},
		{"price by need, whole price varied", []string{"--vary", "kinds.ifa.weekly_gbp=800:1000"},
			[]string{"kinds.ifa.weekly_gbp,800,1000"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mustRun(t, slices.Concat([]string{"sensitivity", "default", "--charts=false", "--out", dir}, tt.args, sensitivityQuick)...)
			recs, err := csv.NewReader(strings.NewReader(readFile(t, dir, "sensitivity.csv"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range recs {
				if f[6] == "all" && strings.HasPrefix(f[2], "kinds.ifa.weekly_gbp") {
					got = append(got, strings.Join(f[2:5], ","))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rows of the agency's price in all: %q, want %q", got, tt.want)
			}
		})
	}
}

// A KPI with no value at an input's value (a share of no children) is NA: the table says –,
// not "NaN pts", and sensitivity.csv is written with NA, as sweep does.
func TestSensitivityNA(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "sensitivity", "erlang", "--defaults=false", "--vary", "entries.per_year=0:20", "--reps", "2", "--years", "1",
		"--kpi", "first_choice_share", "--formats", "svg", "--out", dir, "-q")
	if strings.Contains(o.stdout, "NaN") || !strings.Contains(o.stdout, "0 to 20 a year   – (– to –)") {
		t.Errorf("the table of an input with no value at its low value:\n%s", o.stdout)
	}
	if want := "placesim: no chart: first_choice_share in all has no value with any input at both its values\n"; o.stderr != want {
		t.Errorf("stderr %q, want %q", o.stderr, want)
	}
	if csv := readFile(t, dir, "sensitivity.csv"); !strings.Contains(csv, ",first_choice_share,all,0.9642857142857143,NA,1,NA,NA,NA,") {
		t.Errorf("sensitivity.csv:\n%s", csv)
	}
}

// The README's table of inputs says how to re-run the time-in-care row, which no --set can
// name (stays[*].stay is a factor over every stay rule): the command it gives runs that row.
func TestSensitivityReadmeStaysRow(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`placesim (sensitivity default --defaults=false --vary 'stays\\[\\*\\]\\.stay=[0-9.:]+')`").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README gives no command that re-runs the time-in-care row")
	}
	args := strings.Fields(strings.ReplaceAll(string(m[1]), "'", ""))
	o := mustRun(t, slices.Concat(args, sensitivityQuick, []string{"--charts=false", "--out", t.TempDir()})...)
	if want := "Time in care: every stay longer or shorter   80% to 120% of the scenario's"; !strings.Contains(o.stdout, want) {
		t.Errorf("%v does not vary time in care:\n%s", args, o.stdout)
	}
}

// TestSensitivityPartYear checks that the table and the tornado of a run from 1 October say that
// its first financial year is a part year and where it begins.
func TestSensitivityPartYear(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "sensitivity", "default", "--set", "start=2026-10-01", "--years", "2", "--reps", "2", "--period", "2026/27",
		"--defaults=false", "--vary", "entries.per_year=200:300", "--formats", "svg", "--out", dir)
	if want := "default changed by --set start=2026-10-01: what spending (cost_total) in 2026/27 (from 1 October) rests on:"; !strings.HasPrefix(o.stdout, want) {
		t.Errorf("the table does not start %q:\n%s", want, o.stdout)
	}
	if svg := readFile(t, filepath.Join(dir, "charts"), "tornado-cost-total.svg"); !strings.Contains(svg, ">What spending in 2026/27 (from 1 October) rests on<") {
		t.Error("the tornado's title does not say 2026/27 is from 1 October")
	}
}

// TestSensitivityLeftOutText checks the lines under the table that name the fields a scenario
// sets and never uses, and so does not vary: one for escalation_share when escalation_by_age's
// bands cover 10 to 17, and none once --vary names it.
func TestSensitivityLeftOutText(t *testing.T) {
	s, err := scenarios.Load("default", []string{"escalation_by_age=[{ages: 10-17, share: 0.1}]"})
	if err != nil {
		t.Fatal(err)
	}
	got := leftOutText(s, scenarios.SensitivityInputs(s, 0.2))
	want := "\nNot varied, as the scenario sets them but never uses them:\n  escalation_share: escalation_by_age's bands cover every age from 10 to 17, and are varied in its place\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := leftOutText(s, []scenarios.Input{{Path: "escalation_share"}}); got != "" {
		t.Errorf("with --vary escalation_share: %q, want nothing", got)
	}
}

// TestSensitivityKindLabel checks that sensitivity names a kind's KPI by the kind's label, in
// its table and tornado chart, as the run's charts and workbook do: "spending on agency foster
// carers (North)", not "spending on ifa".
func TestSensitivityKindLabel(t *testing.T) {
	dir := t.TempDir()
	args := slices.Concat([]string{"sensitivity", "default", "--defaults=false", "--vary", "kinds.ifa.weekly_gbp.standard=800:1000",
		"--kpi", "cost_ifa", "--set", "kinds.ifa.label=Agency foster carers (North)", "--formats", "svg", "--out", dir},
		[]string{"--reps", "2", "--years", "1", "--set", "warmup_years=0"})
	o := mustRun(t, args...)
	if !strings.Contains(o.stdout, "default changed by --set kinds.ifa.label=Agency foster carers (North), --set warmup_years=0: what spending on agency foster carers (North) (cost_ifa) over the whole run rests on") {
		t.Errorf("the table's heading names cost_ifa otherwise:\n%s", o.stdout)
	}
	if svg := readFile(t, filepath.Join(dir, "charts"), "tornado-cost-ifa.svg"); !strings.Contains(svg, "spending on agency foster carers (North)") {
		t.Error("the tornado chart does not name cost_ifa by the kind's label")
	}
}

// TestSensitivitySetCentre checks that a --set of a usual input is said to be the value the
// input is varied around, the scenario as it is, and that a --set of nothing varied is not.
func TestSensitivitySetCentre(t *testing.T) {
	o := mustRun(t, slices.Concat([]string{"sensitivity", "default", "--set", "entries.per_year=300", "--set", "kinds[3].weekly_gbp.standard=900",
		"--set", "uasc.grant_per_night_gbp=143", "--charts=false", "--out", t.TempDir()}, sensitivityQuick)...)
	want := "\nVaried around the --set values, which the scenario as it is has:\n" +
		"  --set entries.per_year=300: Children entering care a year, 240 to 360 a year\n" +
		"  --set kinds[3].weekly_gbp.standard=900: Independent fostering agency: weekly price, standard needs, £720 to £1,080 a week\n"
	if !strings.Contains(o.stdout, want) {
		t.Errorf("stdout does not say the --set values are the centre:\n%s\nwant it to hold\n%s", o.stdout, want)
	}
	if _, centre, _ := strings.Cut(o.stdout, "Varied around"); strings.Contains(centre, "grant_per_night") {
		t.Errorf("stdout names a --set of an input not varied:\n%s", o.stdout)
	}
}

// TestSensitivityMoneyTerms checks that the printed table of a KPI in pounds says how its money
// reads, as sweep's does: in cash, and which year's prices the file's amounts are in; and that
// a KPI not in pounds, with no price varied, says nothing of money.
func TestSensitivityMoneyTerms(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"early.yaml": "extends: default\nstart: 2024-04-01\nyears: 2\nwarmup_years: 1\n"})
	o := mustRun(t, "sensitivity", filepath.Join(dir, "early.yaml"), "--defaults=false", "--vary", "entries.per_year=250:270", "--reps", "2", "--charts=false", "--out", filepath.Join(dir, "a"), "--quiet")
	if want := "\n" + plots.CashTerms + " Prices are 2026/27's, rising 3% each April: 2024/25's are 0.94 of them.\n"; !strings.Contains(o.stdout, want) {
		t.Errorf("the table of cost_total does not say %q:\n%s", want, o.stdout)
	}
	o = mustRun(t, "sensitivity", filepath.Join(dir, "early.yaml"), "--defaults=false", "--vary", "entries.per_year=250:270", "--kpi", "carer_households_end", "--reps", "2", "--charts=false", "--out", filepath.Join(dir, "b"), "--quiet")
	if strings.Contains(o.stdout, plots.CashTerms) {
		t.Errorf("a table with no money says how money reads:\n%s", o.stdout)
	}
}
