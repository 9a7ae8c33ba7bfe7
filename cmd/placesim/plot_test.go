package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// chartNames are the charts a run of the default scenario draws.
var chartNames = []string{"children-by-kind", "sufficiency-gap", "sufficiency-gap-by-age", "placement-mix", "cost-by-year", "carer-households", "emergency-residential"}

func TestRunDrawsChartsAndReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	formats := []string{"svg", "png"}
	if testing.Short() {
		// A 300 dpi PNG takes seconds under the race detector, which runs the short tests.
		formats = []string{"svg"}
	}
	mustRun(t, runArgs(out, "-q", "--charts", "--formats", strings.Join(formats, ","))...)
	for _, name := range chartNames {
		for _, ext := range formats {
			if _, err := os.Stat(filepath.Join(out, "charts", name+"."+ext)); err != nil {
				t.Error(err)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "charts", name+".pdf")); err == nil {
			t.Errorf("%s.pdf drawn, though --formats leaves pdf out", name)
		}
	}
	if first, _, _ := strings.Cut(readFile(t, filepath.Join(out, "charts"), "chart-data.csv"), "\n"); first != "scenario,chart,series,label,x,mean,p05,p25,p50,p75,p95" {
		t.Errorf("chart-data.csv starts %q", first)
	}
	if html := readFile(t, out, "report.html"); strings.Count(html, "<svg ") != len(chartNames) {
		t.Errorf("report.html has %d charts, want %d", strings.Count(html, "<svg "), len(chartNames))
	}

	f, err := excelize.OpenFile(filepath.Join(out, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,KPIs by year,Replications,Time series,Scenario,How to read" {
		t.Errorf("sheets %s", got)
	}
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	// The cost_total row shows pounds: the cell's number format gives "£62,694,840".
	for i, r := range rows {
		if len(r) > 3 && r[2] == "cost_total" {
			cell := "F" + strconv.Itoa(i+1) // after the code, its label and unit
			v, err := f.GetCellValue("Summary", cell)
			if err != nil || !strings.HasPrefix(v, "£") {
				t.Errorf("Summary %s (mean of cost_total) shows %q, want pounds", cell, v)
			}
			break
		}
	}
	if a1, _ := f.GetCellValue("Scenario", "A1"); !strings.HasPrefix(a1, "# Scenario \"default\" as run by placesim") {
		t.Errorf("Scenario!A1 is %q", a1)
	}
}

func TestRunWithoutCharts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	mustRun(t, runArgs(out, "-q", "--charts=false")...)
	for _, name := range []string{"charts", "report.html", "results.xlsx"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s written with --charts=false", name)
		}
	}
}

// TestPlotRedraws checks that plot draws the same charts again from the files of a run, in
// other formats, without simulating.
func TestPlotRedraws(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	mustRun(t, runArgs(out, "-q", "--charts", "--formats", "svg")...)
	before := readFile(t, filepath.Join(out, "charts"), "cost-by-year.svg")
	report := readFile(t, out, "report.html")
	for _, name := range chartNames {
		os.Remove(filepath.Join(out, "charts", name+".svg"))
	}
	o := mustRun(t, "plot", out, "--formats", "svg,pdf")
	if !strings.Contains(o.stderr, fmt.Sprintf("drew %d chart files", 2*len(chartNames))) {
		t.Errorf("stderr %q", o.stderr)
	}
	if got := readFile(t, filepath.Join(out, "charts"), "cost-by-year.svg"); got != before {
		t.Error("cost-by-year.svg drawn again differs from the run's")
	}
	if got := readFile(t, out, "report.html"); got != report {
		t.Error("report.html written again differs from the run's")
	}
	if pdf := readFile(t, filepath.Join(out, "charts"), "cost-by-year.pdf"); !strings.HasPrefix(pdf, "%PDF-") {
		t.Error("cost-by-year.pdf is not a PDF")
	}
}

func TestPlotBadInput(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no directory", []string{"plot"}, exitUsage, "name one output directory"},
		{"no chart data", []string{"plot", empty}, exitUsage, "no charts/chart-data.csv"},
		{"unknown format", []string{"plot", empty, "--formats", "gif"}, exitUsage, `unknown format "gif"`},
		{"run with an unknown format", runArgs(filepath.Join(empty, "out"), "--charts", "--formats", "png,jpeg"), exitUsage, `unknown format "jpeg"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := placesim(t, tt.args...)
			if o.code != tt.code || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", o.code, o.stderr, tt.code, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(empty, "out")); err == nil {
		t.Error("a run with a bad --formats wrote its output")
	}
}

// results1000 returns the results of a 1,000-replication run of the default scenario and its
// scenario.yaml.
func results1000(b *testing.B) (*sim.Results, []byte) {
	b.Helper()
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var yaml bytes.Buffer
	if err := scenarios.Encode(&yaml, s, scenarios.EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	return res, yaml.Bytes()
}

// writeAll writes files side by side into io.Discard, as writeDir does into a directory.
func writeAll(b *testing.B, files []outputFile) {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { errs[i] = f.write(io.Discard) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChartsAndReport1000 is the yardstick for drawing: from the results of a
// 1,000-replication run of the default scenario, work out the chart data and write it, every
// chart in every format and report.html, side by side as run does (into io.Discard).
func BenchmarkChartsAndReport1000(b *testing.B) {
	res, _ := results1000(b)
	src := plots.Source{Version: "bench", Scenario: res.Scenario.Name, Reps: 1000, Seed: 1}
	b.ReportAllocs()
	for b.Loop() {
		d, err := plots.FromResults(res)
		if err != nil {
			b.Fatal(err)
		}
		files, err := chartOutputs(d, src, res.Scenario, plots.Formats, true)
		if err != nil {
			b.Fatal(err)
		}
		writeAll(b, files)
	}
}

// BenchmarkWorkbook1000 times results.xlsx of a 1,000-replication run of the default scenario,
// from the text of its summary.csv and timeseries.csv.
func BenchmarkWorkbook1000(b *testing.B) {
	res, yaml := results1000(b)
	var summary, series bytes.Buffer
	if err := res.WriteSummary(&summary, sim.DefaultPercentiles); err != nil {
		b.Fatal(err)
	}
	if err := res.WriteTimeseries(&series, sim.DefaultPercentiles); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := plots.WriteWorkbook(io.Discard, res, summary.Bytes(), series.Bytes(), yaml, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestChartsSameBytes extends DESIGN.md's promise to the charts, the report and the workbook:
// the same seed gives the same bytes in every file, whatever the number of workers.
func TestChartsSameBytes(t *testing.T) {
	dir := t.TempDir()
	formats := plots.Formats
	if testing.Short() {
		formats = []string{"svg", "pdf"} // PNGs are slow under the race detector
	}
	for _, w := range []string{"1", "2"} {
		mustRun(t, runArgs(filepath.Join(dir, w), "-q", "--charts", "--workers", w, "--formats", strings.Join(formats, ","))...)
	}
	names := []string{"report.html", "results.xlsx", "charts/chart-data.csv"}
	for _, c := range chartNames {
		for _, f := range formats {
			names = append(names, "charts/"+c+"."+f)
		}
	}
	for _, name := range names {
		if readFile(t, filepath.Join(dir, "1"), name) != readFile(t, filepath.Join(dir, "2"), name) {
			t.Errorf("%s differs between one worker and two", name)
		}
	}
}

// TestChartsHelpSaysWhatIsWritten checks that each command's --help says of --charts what the
// command writes with it: run and compare draw charts and write report.html and results.xlsx,
// sweep and sensitivity draw one chart and neither of the others.
func TestChartsHelpSaysWhatIsWritten(t *testing.T) {
	quickYears := []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1", "--formats", "svg", "-q"}
	for _, tt := range []struct {
		cmd  string
		args []string
	}{
		{"run", nil},
		{"compare", []string{"uasc-surge"}},
		{"sweep", []string{"--vary", "entries.per_year=250:260:10"}},
		{"sensitivity", []string{"--defaults=false", "--vary", "entries.per_year=250:260"}},
	} {
		t.Run(tt.cmd, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			mustRun(t, slices.Concat([]string{tt.cmd, "default"}, tt.args, quickYears, []string{"--out", out})...)
			var charts string
			for line := range strings.Lines(mustRun(t, tt.cmd, "--help").stdout) {
				if f := strings.Fields(line); len(f) > 0 && f[0] == "--charts" {
					charts = line
				}
			}
			if charts == "" {
				t.Fatal("--help has no --charts")
			}
			if entries, err := os.ReadDir(filepath.Join(out, "charts")); err != nil || len(entries) == 0 || !strings.Contains(charts, "DIR/charts/") {
				t.Errorf("--help says %q; charts/ holds %d files (%v)", strings.TrimSpace(charts), len(entries), err)
			}
			for _, name := range []string{"report.html", "results.xlsx"} {
				_, err := os.Stat(filepath.Join(out, name))
				if written, said := err == nil, strings.Contains(charts, name); written != said {
					t.Errorf("--help says %q, but %s written: %t", strings.TrimSpace(charts), name, written)
				}
			}
		})
	}
}

// TestBacktestFormatsHelp checks that backtest's --formats speaks of the one chart it draws.
func TestBacktestFormatsHelp(t *testing.T) {
	help := mustRun(t, "backtest", "--help").stdout
	if !strings.Contains(help, "draw the chart in LIST") || strings.Contains(help, "the charts") {
		t.Errorf("backtest --help does not speak of its one chart:\n%s", help)
	}
}

// TestPlotReadOnly draws a run's charts again where its folder is on a read-only file system:
// plot, which has no --out, says what to do without one.
func TestPlotReadOnly(t *testing.T) {
	mnt := t.TempDir()
	if err := mountTmpfs(mnt); err != nil {
		t.Skipf("cannot mount a file system here to test with: %v", err)
	}
	t.Cleanup(func() { unmount(mnt) })
	run := filepath.Join(mnt, "r")
	mustRun(t, runArgs(run, "-q", "--charts", "--formats", "svg")...)
	if err := remountReadOnly(mnt); err != nil {
		t.Skipf("cannot make the file system read-only: %v", err)
	}
	o := placesim(t, "plot", "--formats", "svg", run)
	want := "placesim: writing the charts into " + run + ": its file system is read-only: nothing was changed; copy the run's folder to another file system and plot the copy\n"
	if o.code != exitFailure || o.stderr != want {
		t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", o.code, o.stderr, exitFailure, want)
	}
}
