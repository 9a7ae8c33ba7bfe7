package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios/ssda903"
)

// TestBacktestSamples backtests both sample returns and checks the files, and that the same
// seed gives the same bytes. With -short (as under the race detector) it backtests one sample
// once.
func TestBacktestSamples(t *testing.T) {
	cases := []struct {
		name, dir, prefix string
		extra             []string
	}{
		{"la-sample", "la-sample", "*-", nil},
		{"regional-sample", "regional-sample", "", []string{"--la", "Hillingdon"}},
	}
	if testing.Short() {
		cases = cases[:1]
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "bt")
			args := slices.Concat([]string{"backtest"}, sampleArgs(t, c.dir, c.prefix), c.extra,
				[]string{"--at", "2020-04-01", "--reps", "20", "--out", out, "--formats", "svg,png"})
			o := mustRun(t, args...)
			if !strings.Contains(o.stdout, "children_in_care") || !strings.Contains(o.stdout, "MAPE") {
				t.Errorf("stdout:\n%s", o.stdout)
			}
			// Twenty replications: one for each of as many resamples.
			if !strings.Contains(o.stderr, "20 replications over 20 resamples of the return") {
				t.Errorf("stderr:\n%s", o.stderr)
			}
			// The closing line lists the files written, as run's does.
			if want := "; wrote " + out + "/{backtest,backtest_summary}.csv, scenario.yaml, quality.md, backtest.svg, backtest.png and manifest.json\n"; !strings.HasSuffix(o.stderr, want) {
				t.Errorf("stderr does not end %q:\n%s", want, o.stderr)
			}
			// The default 100 resamples, lowered to the replications, is said.
			if want := resamplesNote(100, 20, false); !strings.Contains(o.stderr, want+"\n") {
				t.Errorf("stderr does not say %q:\n%s", want, o.stderr)
			}
			files := readDir(t, out)
			for _, name := range []string{"backtest.csv", "backtest_summary.csv", "backtest.svg", "backtest.png", "scenario.yaml", "quality.md"} {
				if _, ok := files[name]; !ok {
					t.Errorf("no %s in %v", name, keys(files))
				}
			}
			rows := strings.Split(strings.TrimSpace(files["backtest.csv"]), "\n")
			if rows[0] != "group,date,horizon_months,actual,mean,p05,p25,p50,p75,p95,ape,in_50,in_90" {
				t.Errorf("backtest.csv header %q", rows[0])
			}
			// Eight groups, 24 months from April 2020 to the end of the data in March 2022.
			if len(rows) != 1+len(ssda903.ComparedKinds)*24 {
				t.Errorf("backtest.csv has %d rows, want %d", len(rows), 1+len(ssda903.ComparedKinds)*24)
			}
			// A count of 1 to 4 is hidden, and so is all that would give it away.
			for _, r := range rows[1:] {
				if f := strings.Split(r, ","); f[3] == "NA" && (f[10] != "NA" || f[11] != "NA" || f[12] != "NA") {
					t.Errorf("backtest.csv: a hidden count's ape, in_50 or in_90 is written: %s", r)
				}
			}
			summary := files["backtest_summary.csv"]
			if c.name == "la-sample" {
				checkFlows(t, o.stdout, summary)
			}
			for _, want := range []string{"group,horizon_months,months,mape_months,mape,coverage_50,coverage_90,actual,mean,p05,p95\n", "\nchildren_in_care,1-12,12,12,", "\nchildren_in_care,13-24,12,12,", "\nchildren_in_care,all,24,24,"} {
				if !strings.Contains(summary, want) {
					t.Errorf("backtest_summary.csv does not hold %q:\n%s", want, summary)
				}
			}
			// Calibrated on the data up to 31 March, the last day before --at.
			if !strings.Contains(files["backtest.svg"], "SSDA903 return up to 31 March 2020 and simulated on") {
				t.Error("the chart's source line does not say the calibration ends on 31 March 2020")
			}
			if !strings.Contains(files["scenario.yaml"], "start: 2020-04-01") {
				t.Error("the scenario is not calibrated up to --at")
			}
			m := loadManifest(t, out)
			if m.Command != "backtest" || m.Reps != 20 || m.Backtest == nil || m.Backtest.At != "2020-04-01" || m.Backtest.Months != 24 || m.Backtest.Resamples != 20 ||
				len(m.Scenarios) != 1 || m.Scenarios[0].SHA256 != sha([]byte(files["scenario.yaml"])) {
				t.Fatalf("the manifest says %+v", *m)
			}
			// What the calibration was given: its window, base, council and the return's
			// files, each by its base name and checksum, as quality.md names them.
			bt := m.Backtest
			if bt.From != "2017-04-01" || bt.Base != "default" || bt.NoTrend || bt.HomesFilledFirst || (bt.LA != "") != (c.extra != nil) {
				t.Errorf("the manifest's backtest says %+v", *bt)
			}
			if len(bt.Inputs) == 0 {
				t.Error("the manifest names none of the return's files")
			}
			for _, in := range bt.Inputs {
				b, err := os.ReadFile(filepath.Join(samples, c.dir, in.Name))
				if err != nil || sha(b) != in.SHA256 || !strings.Contains(files["quality.md"], "| "+in.Name+" |") {
					t.Errorf("the manifest's input %+v is not the file read (%v), nor quality.md's", in, err)
				}
			}
			if err := m.checkFiles(out); err != nil {
				t.Error(err)
			}
			if got, want := manifestPaths(m), treePaths(t, out); !slices.Equal(got, want) {
				t.Errorf("the manifest lists %v, the folder holds %v", got, want)
			}
			if testing.Short() {
				return
			}
			// The same seed gives the same files.
			again := filepath.Join(t.TempDir(), "again")
			mustRun(t, append(slices.Clone(args[:len(args)-4]), "--out", again, "--formats", "svg,png", "-q")...)
			second := readDir(t, again)
			for name, text := range files {
				if second[name] != text {
					t.Errorf("%s differs between two backtests with the same seed", name)
				}
			}
		})
	}
}

// TestBacktestResamples checks that the bands of a backtest hold the uncertainty of the
// calibrated rates: shared among scenarios calibrated on resamples of the return, the
// replications spread wider in the second year than those of the calibrated scenario alone,
// and the manifest says how many resamples ran. Its two backtests of 500 replications take
// seconds of CPU: make test leaves it to make test-long.
func TestBacktestResamples(t *testing.T) {
	if testing.Short() {
		t.Skip("two backtests of 500 replications")
	}
	files := sampleArgs(t, "la-sample", "*-")
	// width returns the mean width of the 90% band of all children in care over the second
	// year of the backtest.
	width := func(resamples string) float64 {
		out := filepath.Join(t.TempDir(), "bt")
		mustRun(t, slices.Concat([]string{"backtest"}, files, []string{"--at", "2020-04-01", "--resamples", resamples, "--out", out, "--formats", "svg", "-q"})...)
		if got := strconv.Itoa(loadManifest(t, out).Backtest.Resamples); got != resamples {
			t.Errorf("the manifest says %s resamples, want %s", got, resamples)
		}
		var sum float64
		var n int
		for _, r := range readCSV(t, out, "backtest.csv") {
			if r["group"] == "children_in_care" && num(t, r["horizon_months"]) > 12 {
				sum += num(t, r["p95"]) - num(t, r["p05"])
				n++
			}
		}
		if n != 12 {
			t.Fatalf("backtest.csv has %d months of all children in care in the second year, want 12", n)
		}
		return sum / float64(n)
	}
	alone, pooled := width("0"), width("100")
	t.Logf("the 90%% band of all children in care is %.1f children wide in the second year, %.1f with resamples", alone, pooled)
	// The la-sample's council is small, so the simulation's own chance is most of the spread;
	// the rates' uncertainty adds about a fifth. Over 500 replications a band's width is good
	// to about 5% (the 5th and 95th percentiles each rest on some 25 replications beyond
	// them), so 8% wider is a difference beyond chance.
	if pooled < 1.08*alone {
		t.Errorf("with resamples the band is %.1f children wide in the second year, without %.1f: want it at least 8%% wider", pooled, alone)
	}
}

// TestBacktestEntriesAsScenario checks that a backtest's resamples simulate the entries its
// scenario.yaml writes: Hillingdon from April 2019 (many entries in 2017/18, none in 2018/19)
// wrote the two years' average, 12.1 a year, while every resample drew a trend from a fit that
// ran to -100% a year and simulated none. The first year's simulated entries must lie within
// chance of the scenario's rate. The window's last 12 months hold no entry: the backtest
// warns, as calibrate does, that the return may not be complete.
func TestBacktestEntriesAsScenario(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bt")
	o := mustRun(t, slices.Concat([]string{"backtest"}, sampleArgs(t, "regional-sample", ""),
		[]string{"--la", "Hillingdon", "--at", "2019-04-01", "--reps", "20", "--resamples", "10", "--out", out, "--formats", "svg"})...)
	if warn := "placesim: warning: no child entered care in the 12 months to 31 March 2019 — is the return complete?"; !strings.Contains(o.stderr, warn) {
		t.Errorf("stderr does not warn %q:\n%s", warn, o.stderr)
	}
	var mean float64 = -1
	for _, l := range strings.Split(o.stdout, "\n") {
		if f := strings.Fields(l); len(f) >= 4 && f[0] == "entries" && f[1] == "1-12" {
			mean = num(t, f[len(f)-3])
		}
	}
	if mean < 0 {
		t.Fatalf("no first year's entries in stdout:\n%s", o.stdout)
	}
	y := readDir(t, out)["scenario.yaml"]
	_, rest, _ := strings.Cut(y, "\nentries:\n  per_year: ")
	perYear := num(t, strings.Fields(rest)[0])
	if math.Abs(mean-perYear) > 3*math.Sqrt(perYear/10)+0.5 {
		t.Errorf("the resamples simulate %.1f entries in the first year, the scenario writes %.1f a year", mean, perYear)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestBacktestBadUsage(t *testing.T) {
	files := sampleArgs(t, "la-sample", "*-")
	out := filepath.Join(t.TempDir(), "bt")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no at", nil, "say where the calibration ends and the simulation starts with --at"},
		{"at before the data", []string{"--at", "2010-04-01"}, "--at 2010-04-01: must fall within the data, after 2017-04-01 and before 2022-04-01"},
		{"at after the data", []string{"--at", "2023-04-01"}, "must fall within the data"},
		{"bad reps", []string{"--at", "2020-04-01", "--reps", "0"}, "--reps must be at least 1"},
		{"bad resamples", []string{"--at", "2020-04-01", "--resamples", "-1"}, "--resamples must be 0 (the calibrated scenario alone) or more, not \"-1\""},
		{"bad formats", []string{"--at", "2020-04-01", "--formats", "gif"}, `unknown format "gif"`},
		// A --from before the data is refused as calibrate refuses it: the command and the flag
		// named.
		{"from before the data", []string{"--at", "2020-04-01", "--from", "2010-01-01"},
			"placesim backtest: --from 2010-01-01: the data begin on 2017-04-01, after it (a return holds only the periods of care still open"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := placesim(t, slices.Concat([]string{"backtest"}, files, c.args, []string{"--out", out})...)
			if o.code != exitUsage || !strings.Contains(o.stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", o.code, o.stderr, exitUsage, c.want)
			}
		})
	}
}

// TestBacktestChartRefusesBadSeries checks that the chart wants one value of each column a
// month.
func TestBacktestChartRefusesBadSeries(t *testing.T) {
	m := []time.Time{time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)}
	one := []float64{1}
	good := plots.BacktestSeries{Label: "All", Months: m, Actual: one, P05: one, P25: one, P50: one, P75: one, P95: one}
	if _, err := plots.BacktestChart([]plots.BacktestSeries{good}, plots.BacktestInfo{At: m[0]}); err != nil {
		t.Errorf("a good series: %v", err)
	}
	bad := good
	bad.P95 = nil
	if _, err := plots.BacktestChart([]plots.BacktestSeries{bad}, plots.BacktestInfo{At: m[0]}); err == nil {
		t.Error("a series without its 95th percentile drew")
	}
	if _, err := plots.BacktestChart(nil, plots.BacktestInfo{}); err == nil {
		t.Error("no series drew")
	}
}

// TestBacktestNothingUsable checks that a return with no episode left after the cleaning is
// refused with exit 2 before --at is checked against the data's bounds.
func TestBacktestNothingUsable(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"episodes.csv": "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\nA,01/05/2017,S,V3,U4,PR1,03/05/2017,E8\n",
		"header.csv":   "CHILD,SEX,DOB\nA,1,01/01/2010\n",
	})
	out := filepath.Join(dir, "bt")
	o := placesim(t, "backtest", "--episodes", filepath.Join(dir, "episodes.csv"), "--header", filepath.Join(dir, "header.csv"),
		"--at", "2018-04-01", "--out", out, "--reps", "2")
	if want := "no episode is left to calibrate from"; o.code != exitUsage || !strings.Contains(o.stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", o.code, o.stderr, exitUsage, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a refused backtest wrote %s", out)
	}
}

// TestBacktestFilesDocumented checks that the README's Output files section names the columns
// of backtest.csv and backtest_summary.csv as they are written.
func TestBacktestFilesDocumented(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(text)
	if i := strings.Index(section, "\n## Output files\n"); i >= 0 {
		section = section[i:]
	}
	if i := strings.Index(section[1:], "\n## "); i >= 0 {
		section = section[:i+1]
	}
	c := &ssda903.Comparison{}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{{"backtest.csv", c.WriteCSV}, {"backtest_summary.csv", c.WriteSummaryCSV}} {
		var b strings.Builder
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("- **`%s`** (from `backtest`): `%s`", f.name, strings.TrimSpace(b.String()))
		if !strings.Contains(section, want) {
			t.Errorf("README.md's Output files section does not hold %q", want)
		}
	}
}

// TestResamplesNote checks the note that --resamples was lowered to --reps: it names what was
// asked and how to have it.
func TestResamplesNote(t *testing.T) {
	for _, tt := range []struct {
		resamples, reps int
		set             bool
		want            string
	}{
		{10, 5, true, "placesim: note: the return is resampled 5 times, not the 10 of --resamples: each resample runs at least one replication, and --reps is 5 (--reps 10 or more gives 10 resamples)"},
		{100, 20, false, "placesim: note: the return is resampled 20 times, not --resamples's default 100: each resample runs at least one replication, and --reps is 20 (--reps 100 or more gives 100 resamples)"},
		{3, 1, true, "placesim: note: the return is resampled 1 time, not the 3 of --resamples: each resample runs at least one replication, and --reps is 1 (--reps 3 or more gives 3 resamples)"},
	} {
		if got := resamplesNote(tt.resamples, tt.reps, tt.set); got != tt.want {
			t.Errorf("--resamples %d --reps %d:\n got %q\nwant %q", tt.resamples, tt.reps, got, tt.want)
		}
	}
}

// TestBacktestDropWarningAt backtests a return whose children without a header row were in
// care before --at and had left by the end of the data: the warning counts those in care on
// the calibration window's last day, the day before --at, as calibrate counts them on --to,
// not on the data's last day, when none of them was.
func TestBacktestDropWarningAt(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bt")
	o := mustRun(t, slices.Concat([]string{"backtest"}, missingHeaderArgs(), []string{"--la", "Bromley",
		"--at", "2018-01-01", "--reps", "2", "--resamples", "0", "--out", out, "--formats", "svg", "-q"})...)
	want := "placesim: warning: 86 children (134 episode rows) of the 250 in the episodes were dropped, 19 of them in care on 31 December 2017, the window's last day: see " +
		filepath.Join(out, "quality.md") + ", \"Episodes read, dropped and changed\"\n"
	if !strings.Contains(o.stderr, want) {
		t.Errorf("stderr does not say\n%s:\n%s", want, o.stderr)
	}
}
