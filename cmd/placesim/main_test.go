package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// outcome is what one invocation of placesim did.
type outcome struct {
	stdout, stderr string
	code           int
}

// placesim runs the command line with args (without the program name) as main would, and
// returns its output and exit status.
func placesim(t *testing.T, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := newApp(&stdout, &stderr).Run(append([]string{"placesim"}, args...))
	code := report(&stderr, err)
	return outcome{stdout.String(), stderr.String(), code}
}

// mustRun runs placesim with args and fails the test unless it succeeds.
func mustRun(t *testing.T, args ...string) outcome {
	t.Helper()
	o := placesim(t, args...)
	if o.code != exitOK {
		t.Fatalf("placesim %s: exit %d\nstderr:\n%s", strings.Join(args, " "), o.code, o.stderr)
	}
	return o
}

// quick are the flags that keep a test run of the default scenario short. They leave the charts,
// report and workbook out (drawing them takes seconds under the race detector); the tests of
// plot_test.go turn them on.
var quick = []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1", "--charts=false"}

// runArgs returns the arguments of a quick run into out, with extra flags.
func runArgs(out string, extra ...string) []string {
	return withFlags(slices.Concat([]string{"run"}, quick, []string{"--out", out}, extra)...)
}

// readFile returns the contents of dir/name.
func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// outputFiles are the files a run writes.
var outputFiles = []string{"summary.csv", "kpis.csv", "timeseries.csv", "periods.csv", "scenario.yaml"}

func TestRunWritesEveryFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	o := mustRun(t, runArgs(out)...)

	headers := map[string]string{
		"summary.csv":    "scenario,period,kpi,mean,sd,p05,p50,p95,n",
		"kpis.csv":       "scenario,replication,period,kpi,value",
		"timeseries.csv": "scenario,date,metric,mean,p05,p50,p95",
		"periods.csv":    "period,first_day,last_day,days",
		"scenario.yaml":  scenarios.SchemaComment,
	}
	for _, name := range outputFiles {
		t.Run(name, func(t *testing.T) {
			text := readFile(t, out, name)
			first, rest, _ := strings.Cut(text, "\n")
			if first != headers[name] {
				t.Errorf("first line %q, want %q", first, headers[name])
			}
			if second, _, _ := strings.Cut(rest, "\n"); name == "scenario.yaml" {
				if want := `# Scenario "default" as run by placesim ` + placesimVersion() + " with seed 1 and 4 replications."; second != want {
					t.Errorf("second line %q, want %q", second, want)
				}
			}
			if strings.Count(rest, "\n") < 2 {
				t.Errorf("only %d lines after the first", strings.Count(rest, "\n"))
			}
			if strings.HasSuffix(name, ".csv") && name != periodsName && !strings.HasPrefix(rest, "default,") {
				t.Errorf("rows do not start with the scenario's name: %.40q", rest)
			}
		})
	}
	t.Run("kpis has every replication", func(t *testing.T) {
		for rep := range 4 {
			if !strings.Contains(readFile(t, out, "kpis.csv"), fmt.Sprintf("\ndefault,%d,", rep)) {
				t.Errorf("no row of replication %d", rep)
			}
		}
	})
	t.Run("stderr says what ran and where", func(t *testing.T) {
		// Four runs are too few for the range of 9 runs in 10: a line says so first.
		want := regexp.MustCompile(`^placesim: caution: 4 runs are too few for the range of 9 in 10 runs \(p05 to p95 in summary\.csv and timeseries\.csv\), .*\n` +
			`placesim: default changed by --set warmup_years=1, 2 years, 4 replications \(seed 1\) in [0-9.]+s; wrote ` +
			regexp.QuoteMeta(out+string(filepath.Separator)) + `\{summary,kpis,timeseries,periods\}\.csv, scenario\.yaml and manifest\.json\n$`)
		if !want.MatchString(o.stderr) {
			t.Errorf("stderr %q does not match %s", o.stderr, want)
		}
		if o.stdout != "" {
			t.Errorf("stdout %q, want nothing", o.stdout)
		}
	})
	t.Run("no temporary files left", func(t *testing.T) {
		entries, err := os.ReadDir(filepath.Dir(out))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Errorf("beside the output: %v, want only %s", entries, filepath.Base(out))
		}
	})
}

func TestRunQuietPrintsNothing(t *testing.T) {
	for _, q := range []string{"--quiet", "-q"} {
		t.Run(q, func(t *testing.T) {
			o := mustRun(t, runArgs(filepath.Join(t.TempDir(), "out"), q)...)
			if o.stdout != "" || o.stderr != "" {
				t.Errorf("stdout %q, stderr %q; want nothing", o.stdout, o.stderr)
			}
		})
	}
}

// TestSameSeedSameBytes checks DESIGN.md's promise: the same seed gives byte-identical outputs
// whatever the number of workers, and another seed gives other results.
func TestSameSeedSameBytes(t *testing.T) {
	dir := t.TempDir()
	runs := []struct {
		name  string
		flags []string
	}{
		{"one-worker", []string{"--workers", "1"}},
		{"two-workers", []string{"--workers", "2"}},
		{"all-cpus", nil},
		{"seed-2", []string{"--workers", "2", "--seed", "2"}},
	}
	for _, r := range runs {
		mustRun(t, runArgs(filepath.Join(dir, r.name), append([]string{"--seed", "1", "-q"}, r.flags...)...)...)
	}
	for _, name := range outputFiles {
		t.Run(name, func(t *testing.T) {
			want := readFile(t, filepath.Join(dir, "one-worker"), name)
			for _, other := range []string{"two-workers", "all-cpus"} {
				if got := readFile(t, filepath.Join(dir, other), name); got != want {
					t.Errorf("%s differs between one worker and %s", name, other)
				}
			}
			if name == "scenario.yaml" || name == periodsName { // the same whatever the seed
				return
			}
			if readFile(t, filepath.Join(dir, "seed-2"), name) == want {
				t.Errorf("%s is the same with seed 1 and seed 2", name)
			}
		})
	}
}

// TestScenarioYAMLRunsAgain checks that the scenario.yaml a run writes is the scenario it ran:
// running it again with the seed it names gives the same results.
func TestScenarioYAMLRunsAgain(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	mustRun(t, runArgs(first, "-q", "--seed", "7", "--set", "entries.per_year=55")...)
	mustRun(t, "run", filepath.Join(first, "scenario.yaml"), "--reps", "4", "--seed", "7", "--charts=false", "--out", second, "-q")
	for _, name := range []string{"summary.csv", "kpis.csv", "timeseries.csv"} {
		if readFile(t, first, name) != readFile(t, second, name) {
			t.Errorf("%s differs when the written scenario.yaml is run again", name)
		}
	}
}

// periods returns the financial years in summary.csv, without "all".
func periods(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for line := range strings.Lines(readFile(t, dir, "summary.csv")) {
		f := strings.Split(line, ",")
		if len(f) > 1 && f[1] != "period" && f[1] != "all" && !slices.Contains(out, f[1]) {
			out = append(out, f[1])
		}
	}
	return out
}

// kpiMean returns the mean of kpi over the whole run in summary.csv.
func kpiMean(t *testing.T, dir, kpi string) string {
	t.Helper()
	for line := range strings.Lines(readFile(t, dir, "summary.csv")) {
		f := strings.Split(line, ",")
		if len(f) > 3 && f[1] == "all" && f[2] == kpi {
			return f[3]
		}
	}
	t.Fatalf("no %s for all in summary.csv", kpi)
	return ""
}

func TestOverridesTakeEffect(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		periods int
	}{
		{"years flag", []string{"--years", "2"}, 2},
		{"years set", []string{"--set", "years=3"}, 3},
		// --years with a --set of years is refused (TestFlagsShadowingFields).
		{"flags after the scenario", []string{"default", "--years", "2", "--set", "entries.per_year=400"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			mustRun(t, slices.Concat([]string{"run", "--reps", "2", "--charts=false", "-q", "--out", out}, tt.args)...)
			if got := periods(t, out); len(got) != tt.periods {
				t.Errorf("financial years %v, want %d of them", got, tt.periods)
			}
		})
	}
	t.Run("commas stay in a value", func(t *testing.T) {
		for _, args := range [][]string{
			{"--set", "kinds.ifa.weekly_gbp=£1,234", "default"},
			{"default", "--set", "kinds.ifa.weekly_gbp=£1,234"},
		} {
			out := filepath.Join(t.TempDir(), "out")
			mustRun(t, slices.Concat([]string{"run", "--reps", "1", "--years", "1", "--charts=false", "-q", "--out", out}, args)...)
			if !strings.Contains(readFile(t, out, "scenario.yaml"), "weekly_gbp: 1234") {
				t.Errorf("%v: scenario.yaml does not hold weekly_gbp: 1234", args)
			}
		}
	})
	t.Run("entries", func(t *testing.T) {
		low, high := filepath.Join(dir, "low"), filepath.Join(dir, "high")
		mustRun(t, runArgs(low, "-q", "--set", "entries.per_year=10")...)
		mustRun(t, runArgs(high, "-q", "--set", "entries.per_year=400")...)
		if !strings.Contains(readFile(t, high, "scenario.yaml"), "per_year: 400") {
			t.Errorf("scenario.yaml does not hold the override entries.per_year: 400")
		}
		l, h := kpiMean(t, low, "entries"), kpiMean(t, high, "entries")
		var lv, hv float64
		fmt.Sscan(l, &lv)
		fmt.Sscan(h, &hv)
		// Two years at 10 and at 400 entries a year (besides UASC, the same in both) differ by
		// 780 on average; over 4 replications the standard error of the difference is about
		// 25 (Poisson, inflated for sibling groups), so 500 is far inside.
		if hv-lv < 500 {
			t.Errorf("mean entries %s at 10 a year and %s at 400 a year", l, h)
		}
	})
}

// brokenFile is a scenario file with problems on known lines.
const brokenFile = `extends: default
years: -1
entries:
  per_year: lots
  bogus_key: 3
`

// writeFiles writes each file of files (name to contents) into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBadInputLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"broken.yaml": brokenFile})
	broken := filepath.Join(dir, "broken.yaml")
	tests := []struct {
		name string
		args []string
		want []string // in stderr
	}{
		{"unknown field in set", []string{"--set", "entries.per_yeer=300"}, []string{"entries.per_yeer", "per_year"}},
		{"bad value in set", []string{"--set", "entries.per_year=-5"}, []string{"--set entries.per_year=-5", "entries.per_year"}},
		{"set without value", []string{"--set", "entries.per_year"}, []string{"entries.per_year"}},
		{"years zero", []string{"--years", "0"}, []string{"years"}},
		{"broken file", []string{broken}, []string{broken + ":2:", "years", broken + ":4:", "entries.per_year", "bogus_key"}},
		{"missing file", []string{filepath.Join(dir, "nosuch.yaml")}, []string{"nosuch.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out", strings.ReplaceAll(tt.name, " ", "-"))
			o := placesim(t, slices.Concat([]string{"run", "--reps", "2", "--out", out}, tt.args)...)
			if o.code != exitUsage {
				t.Errorf("exit %d, want %d", o.code, exitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, o.stderr)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output directory exists after a failed run (stat: %v)", err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("failed runs created the parent of their output directory")
	}
}

func TestBadUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"rnu"}, "unknown command"},
		{"near command", []string{"scenario"}, "did you mean scenarios?"},
		{"unknown flag", []string{"run", "--bogus"}, "bogus"},
		{"unknown flag after scenario", []string{"run", "default", "--bogus"}, "--bogus"},
		{"flag without value", []string{"run", "default", "--reps"}, "--reps"},
		{"not a number", []string{"run", "--reps", "many"}, "reps"},
		{"no replications", []string{"run", "--reps", "0"}, "--reps"},
		{"negative workers", []string{"run", "--workers", "-1"}, "--workers"},
		{"two scenarios", []string{"run", "default", "erlang"}, "one scenario"},
		{"output is a file", []string{"run", "--out", "main.go"}, "not a directory"},
		{"validate nothing", []string{"validate"}, "scenario files"},
		{"scenarios with argument", []string{"scenarios", "default"}, "no arguments"},
		{"help on unknown command", []string{"help", "nosuch"}, "nosuch"},
		// Alone, --interval would do nothing: the report, charts and workbook keep 90%.
		{"interval alone", []string{"run", "--interval", "0.8", "--out", "/nonexistent/x"}, "--interval is the level of --budget's and --precision's intervals"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := placesim(t, tt.args...)
			if o.code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", o.code, exitUsage, o.stderr)
			}
			if !strings.Contains(o.stderr, tt.want) {
				t.Errorf("stderr does not mention %q:\n%s", tt.want, o.stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"run", "default", "--help"}, {"help", "run"}, {}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			o := placesim(t, args...)
			if o.code != exitOK || !strings.Contains(o.stdout, "USAGE:") {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", o.code, o.stdout, o.stderr)
			}
		})
	}
}

// TestOutputReplacedOnlyOnSuccess checks that a failed run leaves an existing output directory
// as it was, and a successful one replaces the files it writes and keeps any others.
func TestOutputReplacedOnlyOnSuccess(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, out, map[string]string{"summary.csv": "old\n", "notes.txt": "mine\n"})

	if o := placesim(t, runArgs(out, "--set", "entries.per_year=-1")...); o.code != exitUsage {
		t.Fatalf("a bad --set exits %d, want %d", o.code, exitUsage)
	}
	if got := readFile(t, out, "summary.csv"); got != "old\n" {
		t.Errorf("a failed run changed summary.csv to %.40q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "kpis.csv")); err == nil {
		t.Errorf("a failed run wrote kpis.csv")
	}

	mustRun(t, runArgs(out, "-q")...)
	if got := readFile(t, out, "summary.csv"); !strings.HasPrefix(got, "scenario,period,kpi,") {
		t.Errorf("a successful run left summary.csv as %.40q", got)
	}
	if got := readFile(t, out, "notes.txt"); got != "mine\n" {
		t.Errorf("a successful run changed a file it does not write: %q", got)
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("beside the output: %v, want only out", entries)
	}
}

func TestWriteDirAllOrNothing(t *testing.T) {
	ok := func(text string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, text); return err }
	}
	failing := func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return errors.New("disk full")
	}
	tests := []struct {
		name     string
		existing map[string]string // nil: no directory before
		files    []outputFile
		wantErr  bool
		want     map[string]string // nil: no directory after
	}{
		{"new directory", nil, []outputFile{{"a", ok("1")}, {"b", ok("2")}}, false, map[string]string{"a": "1", "b": "2"}},
		{"new directory, a write fails", nil, []outputFile{{"a", ok("1")}, {"b", failing}}, true, nil},
		{"existing directory", map[string]string{"a": "old", "c": "other"}, []outputFile{{"a", ok("1")}, {"b", ok("2")}}, false,
			map[string]string{"a": "1", "b": "2", "c": "other"}},
		{"existing directory, a write fails", map[string]string{"a": "old"}, []outputFile{{"a", ok("1")}, {"b", failing}}, true,
			map[string]string{"a": "old"}},
		{"existing empty directory", map[string]string{}, []outputFile{{"a", ok("1")}}, false, map[string]string{"a": "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			if tt.existing != nil {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				writeFiles(t, dir, tt.existing)
			}
			err := writeDir(dir, tt.files, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("writeDir: %v, want an error: %v", err, tt.wantErr)
			}
			got := readDir(t, dir)
			if tt.want == nil {
				if got != nil {
					t.Errorf("directory exists with %v, want none", got)
				}
			} else if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("directory holds %v, want %v", got, tt.want)
			}
			if entries, _ := os.ReadDir(parent); len(entries) > 1 {
				t.Errorf("beside the output: %v", entries)
			}
			if st, err := os.Stat(dir); err == nil && st.Mode().Perm()&0o055 != 0o055 {
				t.Errorf("directory mode %v, want readable by all", st.Mode())
			}
		})
	}
	t.Run("a file in the way", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		writeFiles(t, filepath.Dir(dir), map[string]string{"out": "a file"})
		if err := writeDir(dir, []outputFile{{"a", ok("1")}}, io.Discard); err == nil {
			t.Errorf("writeDir over a file: no error")
		}
	})
}

// readDir returns the files of dir and their contents, or nil when dir does not exist.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		out[e.Name()] = readFile(t, dir, e.Name())
	}
	return out
}

// problemLine is one problem as validate prints it.
var problemLine = regexp.MustCompile(`^(.+):(\d+):(\d+): ([a-z_0-9.\[\]]+): (.+)$`)

func TestValidateReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.yaml":   "extends: default\nname: good\nyears: 3\n",
		"broken.yaml": brokenFile,
		"shares.yaml": "extends: default\nname: shares\nstart: 2026-04-01\nwarmup_years: -2\nentries:\n  trend_per_year: 1\n  siblings: {share: 2}\n",
		"typo.yaml":   "extends: default\nname: typo\nyers: 3\ninflation_per_yer: 0.02\n",
	}
	writeFiles(t, dir, files)
	path := func(name string) string { return filepath.Join(dir, name) }
	o := placesim(t, "validate", path("good.yaml"), path("broken.yaml"), path("shares.yaml"), path("typo.yaml"))
	if o.code != exitFailure {
		t.Errorf("exit %d, want %d", o.code, exitFailure)
	}
	if want := "ok " + path("good.yaml") + "\n"; o.stdout != want {
		t.Errorf("stdout %q, want %q", o.stdout, want)
	}
	lines := strings.Split(strings.TrimSuffix(o.stderr, "\n"), "\n")
	summary := lines[len(lines)-1]
	byFile := map[string][]string{}
	for _, l := range lines[:len(lines)-1] {
		m := problemLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("problem line %q is not file:line:col: field: message", l)
			continue
		}
		byFile[filepath.Base(m[1])] = append(byFile[filepath.Base(m[1])], m[2]+":"+m[4])
	}
	want := map[string][]string{
		"broken.yaml": {"2:years", "4:entries.per_year", "5:entries.bogus_key"},
		"shares.yaml": {"4:warmup_years", "7:entries.siblings.share"},
		"typo.yaml":   {"3:yers", "4:inflation_per_yer"},
	}
	for file, problems := range want {
		for _, p := range problems {
			if !slices.Contains(byFile[file], p) {
				t.Errorf("%s: no problem on line %s; got %v", file, p, byFile[file])
			}
		}
	}
	if _, ok := byFile["good.yaml"]; ok {
		t.Errorf("problems reported in good.yaml: %v", byFile["good.yaml"])
	}
	n := len(lines) - 1
	if wantSummary := fmt.Sprintf("placesim: %d problems in 3 of 4 files", n); summary != wantSummary {
		t.Errorf("last line %q, want %q", summary, wantSummary)
	}
}

func TestValidateShippedScenarios(t *testing.T) {
	var names []string
	for _, b := range scenarios.Builtins() {
		names = append(names, b.Name)
	}
	o := placesim(t, append([]string{"validate"}, names...)...)
	if o.code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", o.code, o.stderr)
	}
	for _, name := range names {
		if !strings.Contains(o.stdout, "ok "+name+"\n") {
			t.Errorf("no ok for %s in\n%s", name, o.stdout)
		}
	}
}

func TestScenariosList(t *testing.T) {
	o := mustRun(t, "scenarios")
	if !regexp.MustCompile(`(?m)^default +\S`).MatchString(o.stdout) {
		t.Errorf("the list does not show default with a description:\n%s", o.stdout)
	}
	golden(t, "scenarios.golden", o.stdout)
}

func TestVersion(t *testing.T) {
	o := mustRun(t, "version")
	if want := "placesim " + placesimVersion() + "\n"; o.stdout != want {
		t.Errorf("stdout %q, want %q", o.stdout, want)
	}
}

func TestReportExitStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code int
		want string
	}{
		{"success", nil, exitOK, ""},
		{"usage", usagef("run", "--reps must be at least 1, not \"0\""), exitUsage,
			"placesim run: --reps must be at least 1, not \"0\"\nRun 'placesim run --help' for usage.\n"},
		{"input", &inputError{errors.Join(errors.New("a.yaml:1:1: years: must be > 0"), errors.New("a.yaml:2:3: name: must not be empty"))},
			exitUsage, "a.yaml:1:1: years: must be > 0\na.yaml:2:3: name: must not be empty\n"},
		{"problems", &problemsError{problems: 1, files: 1, checked: 1}, exitFailure, "placesim: 1 problem in 1 of 1 file\n"},
		{"failure", errors.New("writing the results into out: disk full"), exitFailure,
			"placesim: writing the results into out: disk full\n"},
		{"work budget", &sim.BudgetError{Scenario: "big", Rep: 3, What: "events", Limit: 2_000_000}, exitFailure,
			"placesim: scenario big: replication 4 stopped: it went over its work budget of 2,000,000 events " +
				"(twice what the scenario's rates lead one to expect, plus a margin); check the scenario's rates and intervals\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w bytes.Buffer
			if code := report(&w, tt.err); code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if w.String() != tt.want {
				t.Errorf("printed %q, want %q", w.String(), tt.want)
			}
		})
	}
}

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"One line.", "One line."},
		{"A county of 150,000\n  children. The baseline.", "A county of 150,000 children."},
		{"Must match B(20, 15.99) = 0.0642. Then more.", "Must match B(20, 15.99) = 0.0642."},
		{"No full stop at all", "No full stop at all"},
		{"Ends with e.g. lowercase next.", "Ends with e.g. lowercase next."},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.in); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
