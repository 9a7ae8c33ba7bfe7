package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
	"github.com/urfave/cli/v2"
)

// chartFlags are the flags of run and plot that say which charts to draw; withSwitch adds
// --charts, for the commands that draw the charts, report.html and results.xlsx as they run
// (run, merge and compare).
func chartFlags(withSwitch bool) []cli.Flag {
	flags := []cli.Flag{formatsFlag("the charts")}
	if withSwitch {
		flags = append([]cli.Flag{&cli.BoolFlag{Name: "charts", Value: true, Usage: "draw charts into DIR/charts/ and write report.html and results.xlsx (--charts=false to skip)"}}, flags...)
	}
	return flags
}

// oneChartFlags are the flags of sweep and sensitivity, which draw one chart, named by chart,
// and neither a report nor a workbook.
func oneChartFlags(chart string) []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "charts", Value: true, Usage: "draw " + chart + " into DIR/charts/ (--charts=false to skip)"},
		formatsFlag("the chart"),
	}
}

// formatsFlag is --formats, which draws what (the charts, or the chart) in the formats listed.
func formatsFlag(what string) cli.Flag {
	return &cli.StringFlag{Name: "formats", Value: strings.Join(plots.Formats, ","), Usage: "draw " + what + " in `LIST`, any of png (300 dpi), svg and pdf, comma-separated"}
}

// chartFormats returns the formats of c's --formats, refusing a --formats given with
// --charts=false, which draws no chart in any format: one of the two is not what was meant.
func chartFormats(c *cli.Context, cmd string) ([]string, error) {
	if c.IsSet("formats") && c.IsSet("charts") && !c.Bool("charts") {
		return nil, usagef(cmd, "--formats %s and --charts=false: --charts=false draws no chart, in any format; give one of them", c.String("formats"))
	}
	return parseFormats(cmd, c.String("formats"))
}

// parseFormats reads --formats.
func parseFormats(cmd, s string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(plots.Formats, f) {
			return nil, usagef(cmd, "--formats: unknown format %q (want any of %s)", f, strings.Join(plots.Formats, ", "))
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, usagef(cmd, "--formats: name at least one of %s", strings.Join(plots.Formats, ", "))
	}
	return out, nil
}

// plotCommand returns the plot command, which draws the charts and the report of a run again
// from the files it wrote, without simulating.
func plotCommand(stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "plot",
		Usage:     "draw the charts and the report of a run again, without simulating",
		ArgsUsage: "OUT_DIR",
		Description: "plot reads OUT_DIR/charts/chart-data.csv, OUT_DIR/scenario.yaml and OUT_DIR/manifest.json,\n" +
			"which 'placesim run' (or merge) wrote, and draws the charts into OUT_DIR/charts/ and the\n" +
			"report into OUT_DIR/report.html again: after an upgrade of placesim, or in other formats.\n" +
			"It refuses a folder whose chart data or scenario.yaml differ from what manifest.json\n" +
			"records, a manifest.json that says of the run (scenario, placesim, seed, replications,\n" +
			"years) other than scenario.yaml does, and a folder without manifest.json (written by an\n" +
			"older placesim): run again;\n" +
			"of any other folder it refuses it says what wrote it.",
		OnUsageError: onUsage,
		Flags:        append(chartFlags(false), &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing on success, but for a note that needs reading (a file of the run left out of the manifest, as it has changed)"}),
		Action:       func(c *cli.Context) error { return plotAction(c, stderr) },
	}
}

func plotAction(c *cli.Context, stderr io.Writer) error {
	args, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(args) != 1 {
		return usagef("plot", "name one output directory of 'placesim run', got %d arguments", len(args))
	}
	formats, err := parseFormats("plot", c.String("formats"))
	if err != nil {
		return err
	}
	dir := args[0]
	began := time.Now()
	// The manifest says what wrote the folder, and so why plot may refuse it; it is read
	// before the chart data.
	m, err := plotManifest(dir)
	if err != nil {
		return err
	}
	src, err := manifestSource(dir, m)
	if errors.Is(err, errNoChartData) {
		return plotRefusal(fmt.Errorf("%s: no charts/chart-data.csv: run 'placesim run' with --charts (the default) to write it", dir))
	}
	if err != nil {
		return plotRefusal(err)
	}
	f, err := os.Open(filepath.Join(dir, "charts", "chart-data.csv"))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return plotRefusal(fmt.Errorf("%s: no charts/chart-data.csv: run 'placesim run' with --charts (the default) to write it", dir))
		}
		return err
	}
	d, err := plots.ReadData(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, "charts", "chart-data.csv"), err)
	}
	yamlPath := filepath.Join(dir, "scenario.yaml")
	s, err := scenarios.Load(yamlPath, nil)
	if err != nil {
		return &inputError{err}
	}
	if err := checkRunLabels(dir, m, d, s); err != nil {
		return &inputError{err}
	}
	src.Prices = plots.PricesNote(s)
	files, err := chartOutputs(d, src, s, formats, false)
	if err != nil {
		return err
	}
	// The new manifest lists the files plot draws and those of the run it keeps, as they are.
	// The files it keeps are checked (kpis.csv's 90 MB read and hashed) while it draws the
	// others, before the manifest is written and before anything in dir changes; the files it
	// draws again are not checked, as their entries are replaced. Until then the manifest's
	// files are the run's, which keep finish from removing any of them: a file that has
	// changed is not removed either way.
	drawn := map[string]bool{}
	for _, f := range files {
		drawn[filepath.ToSlash(filepath.Clean(f.name))] = true
	}
	// A file of the run that is no longer as it wrote it (removed, cut short, edited) is left
	// out of the new manifest, as it is not the run's any more, and a note says so.
	listed := m.Files
	type settled struct {
		kept    []manifestFile
		dropped []string // the notes of the files left out
	}
	checked := make(chan settled, 1)
	go func() {
		st := settled{kept: listed[:0:0]} // never nil: a manifest lists its files, if none
		for _, f := range listed {
			if !drawn[f.Path] {
				if err := f.matches(dir); err != nil {
					st.dropped = append(st.dropped, droppedNote(dir, f.Path, err))
					continue
				}
			}
			st.kept = append(st.kept, f)
		}
		checked <- st
	}()
	var dropped []string
	m.settle = func() {
		st := <-checked
		m.Files, dropped = st.kept, st.dropped
	}
	if err := writeResults(dir, files, m, stderr); err != nil {
		return fmt.Errorf("writing the charts into %s: %w", dir, forPlot(err))
	}
	for _, note := range dropped {
		fmt.Fprintln(stderr, note)
	}
	if !c.Bool("quiet") {
		fmt.Fprintf(stderr, "placesim: drew %s in %.1fs into %s and report.html\n",
			plural(len(files)-1, "chart file"), time.Since(began).Seconds(), filepath.Join(filepath.Clean(dir), "charts")+string(filepath.Separator))
	}
	return nil
}

// droppedNote is the note plot prints of the file p (slash-separated) of the run folder dir
// that it leaves out of the manifest it writes, as it is no longer as the run wrote it: err,
// from manifestFile.matches, says how.
func droppedNote(dir, p string, err error) string {
	path := filepath.Join(dir, filepath.FromSlash(p))
	why := strings.TrimPrefix(err.Error(), path+": ")
	if strings.HasPrefix(why, "holds ") {
		why = "it " + why
	}
	if _, serr := os.Lstat(path); errors.Is(serr, fs.ErrNotExist) {
		why = "it was removed"
	}
	return fmt.Sprintf("placesim: note: %s no longer lists %s, as it is not the file the run wrote: %s (run again to write it)", filepath.Join(dir, manifestName), p, why)
}

// plotManifest reads the manifest of dir, the folder plot was given, and says why plot cannot
// draw from dir when it has none: there is no such folder, it is a file, it is a council's
// folder in the run of a region (whose manifest is the region's), or placesim did not write it.
func plotManifest(dir string) (*manifest, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usagef("plot", "%s: no such folder: name the output folder of a 'placesim run'", dir)
	case err != nil:
		return nil, err
	case !st.IsDir():
		return nil, usagef("plot", "%s is a file, not a folder: name the output folder of a 'placesim run'", dir)
	}
	m, err := readManifest(dir)
	if err == nil || !errors.Is(err, errNoManifest) {
		if err != nil {
			return nil, plotRefusal(err)
		}
		return m, nil
	}
	parent := filepath.Dir(filepath.Clean(dir))
	council := filepath.Base(filepath.Clean(dir))
	if pm, perr := readManifest(parent); perr == nil && pm.Region != "" {
		if _, ok := pm.file(council + "/scenario.yaml"); ok {
			return nil, plotRefusal(fmt.Errorf("%s is council %s's folder in the run of region %q (%s): plot draws a scenario's run; run the region again to draw its charts (with --council-charts, each council's too)", dir, council, pm.Region, parent))
		}
	}
	if _, cerr := os.Stat(filepath.Join(dir, "charts", "chart-data.csv")); errors.Is(cerr, fs.ErrNotExist) {
		return nil, plotRefusal(fmt.Errorf("%s: no manifest.json and no charts/chart-data.csv: not a folder 'placesim run' wrote; name one it wrote, or run it with --charts (the default) to write one", dir))
	}
	return nil, plotRefusal(err)
}

// plotRefusal is plot's refusal of a folder it cannot draw, which is bad input (exit status
// 2), said as placesim's other messages are: "placesim: DIR/manifest.json: ...".
func plotRefusal(err error) error {
	return &inputError{fmt.Errorf("placesim: %w", err)}
}

// errNoChartData says that a run's manifest lists no chart data: the run drew no charts.
var errNoChartData = errors.New("no charts/chart-data.csv")

// manifestSource checks that the manifest m of the run folder dir is a whole run's, and that
// the chart data and scenario.yaml plot draws from are as the run wrote them, and returns
// what the charts say of their source; errNoChartData when the run drew no charts.
func manifestSource(dir string, m *manifest) (plots.Source, error) {
	mpath := filepath.Join(dir, manifestName)
	switch {
	case m.Command != "run":
		return plots.Source{}, fmt.Errorf("%s: command: plot draws the results of run or merge, not of %s: run %s again to draw its charts", mpath, m.Command, m.Command)
	case m.Shard != nil:
		return plots.Source{}, fmt.Errorf("%s: shard: %s is a shard of a run: merge the shards with 'placesim merge', then plot the merged folder", mpath, dir)
	case m.Region != "":
		return plots.Source{}, fmt.Errorf("%s: region: %s is the run of region %q: plot draws a scenario's run; run the region again to draw its charts", mpath, dir, m.Region)
	case len(m.Scenarios) != 1:
		return plots.Source{}, fmt.Errorf("%s: scenarios: a run has one scenario, not %d", mpath, len(m.Scenarios))
	}
	if _, ok := m.file("charts/chart-data.csv"); !ok {
		return plots.Source{}, errNoChartData
	}
	if err := m.checkFiles(dir, "charts/chart-data.csv", "scenario.yaml"); err != nil {
		return plots.Source{}, fmt.Errorf("%w\nplot draws only from the files the run wrote: run it again", err)
	}
	return plots.Source{Version: m.Placesim, Scenario: m.Scenarios[0].Name, Reps: m.Reps, Seed: m.Seed, Sets: setsOnly(m.Sets)}, nil
}

// chartOutputs returns the files that draw the charts of d in formats into charts/, the chart
// data itself when withData is set, and report.html. Each file draws its own copy of its chart,
// and builds no other, so that the files can be written side by side; a chart's SVG is drawn
// once, by whichever of its SVG file and report.html asks first, and serves both.
func chartOutputs(d *plots.Data, src plots.Source, s *model.Scenario, formats []string, withData bool) ([]outputFile, error) {
	charts, err := plots.Charts(d, src)
	if err != nil {
		return nil, err
	}
	// writeDir writes every file at once; drawing one chart per CPU at a time keeps the
	// memory of a run bounded (a 300 dpi PNG is drawn on a 13 MB canvas) and is as fast.
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	limit := func(write func(io.Writer) error) func(io.Writer) error {
		return func(w io.Writer) error {
			slots <- struct{}{}
			defer func() { <-slots }()
			return write(w)
		}
	}
	// svgs holds each chart's SVG document, drawn by whichever file asks first.
	svgs := make(map[string]*text, len(charts))
	for _, c := range charts {
		svgs[c.Name] = onceText(func(w io.Writer) error {
			fresh, err := plots.ChartNamed(d, src, c.Name)
			if err != nil {
				return err
			}
			wt, err := fresh.WriterTo("svg")
			if err != nil {
				return err
			}
			_, err = wt.WriteTo(w)
			return err
		})
	}
	var files []outputFile
	if withData {
		files = append(files, outputFile{"charts/chart-data.csv", d.WriteCSV})
	}
	for _, c := range charts {
		for _, format := range formats {
			if format == "svg" {
				files = append(files, outputFile{"charts/" + c.Name + ".svg", limit(svgs[c.Name].writeTo)})
				continue
			}
			files = append(files, outputFile{"charts/" + c.Name + "." + format, limit(func(w io.Writer) error {
				fresh, err := plots.ChartNamed(d, src, c.Name)
				if err != nil {
					return err
				}
				wt, err := fresh.WriterTo(format)
				if err != nil {
					return err
				}
				bw := bufio.NewWriterSize(w, 1<<16)
				if _, err := wt.WriteTo(bw); err != nil {
					return err
				}
				return bw.Flush()
			})})
		}
	}
	files = append(files, outputFile{"report.html", limit(func(w io.Writer) error {
		fresh, err := plots.Charts(d, src)
		if err != nil {
			return err
		}
		r := plots.Report{Data: d, Scenario: s, Source: src, Charts: fresh, SVG: func(c *plots.Chart) ([]byte, error) {
			t, ok := svgs[c.Name]
			if !ok {
				return nil, fmt.Errorf("report.html: no chart %q among the charts drawn", c.Name)
			}
			return t.get()
		}}
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := r.WriteHTML(bw); err != nil {
			return err
		}
		return bw.Flush()
	})})
	return files, nil
}

// withReports returns the files of a run with its chart data, charts, report.html and
// results.xlsx added. summary is the text of summary.csv (summaryText), and timeseries.csv's
// is worked out once here: the workbook shows both, and the CSV files and the workbook are
// written from the same text. It is for the only run whose files are written: the chart data is
// worked out on one CPU before any file is written, and the time series' text meanwhile on
// the others, ready for the files that ask for it.
func withReports(files []outputFile, res *sim.Results, scenarioYAML []byte, src plots.Source, formats []string, percentiles []float64, summary textSource) ([]outputFile, error) {
	series := onceText(func(w io.Writer) error { return res.WriteTimeseries(w, percentiles) })
	go series.get()
	return withReportsOf(files, res, scenarioYAML, src, formats, summary, series)
}

// summaryText returns the text of the summary.csv of res with percentiles, begun at once on
// another goroutine: it reads only the KPIs, so it can be worked out while the months are
// counted (sim.Results.CountMonths), which does not touch them.
func summaryText(res *sim.Results, percentiles []float64) *text {
	t := onceText(func(w io.Writer) error { return res.WriteSummary(w, percentiles) })
	go t.get()
	return t
}

// withReportsOf is withReports with the texts of summary.csv and timeseries.csv given, for a
// caller that writes them into other files too. Their text is worked out as the files ask for
// it: the files of many runs (a region's councils) can be gathered without holding the working
// memory of every run's summaries at once.
func withReportsOf(files []outputFile, res *sim.Results, scenarioYAML []byte, src plots.Source, formats []string, summary, series textSource) ([]outputFile, error) {
	d, err := plots.FromResults(res)
	if err != nil {
		return nil, err
	}
	more, err := chartOutputs(d, src, res.Scenario, formats, true)
	if err != nil {
		return nil, err
	}
	// The workbook first: it takes the longest to write, and the files are begun in order. It
	// waits for the time series' text, being worked out on another CPU as the files begin, and
	// timeseries.csv comes last, so that the next CPU free draws the charts meanwhile rather
	// than waiting for that text too.
	out := make([]outputFile, 0, len(files)+len(more)+1)
	out = append(out, outputFile{"results.xlsx", func(w io.Writer) error {
		sum, err := summary.get()
		if err != nil {
			return err
		}
		ts, err := series.get()
		if err != nil {
			return err
		}
		return plots.WriteCouncilWorkbook(w, res, sum, ts, scenarioYAML, src.Sets, src.CouncilSets)
	}})
	var last []outputFile
	for _, f := range files {
		switch f.name {
		case "summary.csv":
			f.write = summary.writeTo
		case "timeseries.csv":
			f.write = series.writeTo
			last = append(last, f)
			continue
		}
		out = append(out, f)
	}
	out = append(out, more...)
	return append(out, last...), nil
}

// textSource is a file's text, worked out once by whichever writer asks first: a text in
// memory, or a diskText.
type textSource interface {
	get() ([]byte, error)
	writeTo(w io.Writer) error
}

// text is a file's text, worked out once by whichever writer asks first.
type text struct {
	once sync.Once
	make func(io.Writer) error
	b    []byte
	err  error
}

func onceText(make func(io.Writer) error) *text { return &text{make: make} }

func (t *text) get() ([]byte, error) {
	t.once.Do(func() {
		var buf bytes.Buffer
		t.err = t.make(&buf)
		t.b = buf.Bytes()
	})
	return t.b, t.err
}

func (t *text) writeTo(w io.Writer) error {
	b, err := t.get()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// runHeader is the header 'placesim run' writes into scenario.yaml: the scenario's name, the
// placesim version, the seed and the replications of the run.
var runHeader = regexp.MustCompile(`(?m)^# Scenario ("(?:[^"\\]|\\.)*") as run by placesim (\S+) with seed (\d+) and (\d+) replications?\.$`)

// checkRunLabels checks that the manifest m of the run folder dir says of the run what its
// checksummed files say: the scenario's name, the placesim version, the seed and the
// replications of scenario.yaml's header (and the name of the scenario s it holds and of the
// chart data d), the years of s, and the checksum of scenario.yaml. The charts take their
// labels from m, so a manifest edited by hand would otherwise label them with what was not
// run. Each field that disagrees is named, with both values.
func checkRunLabels(dir string, m *manifest, d *plots.Data, s *model.Scenario) error {
	mpath := filepath.Join(dir, manifestName)
	b, err := os.ReadFile(mpath)
	if err != nil {
		return err
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "scenario.yaml"))
	if err != nil {
		return err
	}
	var errs []error
	bad := func(pos, field string, got, want any, where string) {
		errs = append(errs, fmt.Errorf("%s:%s: %s: %v, where %s says %v: %s has been changed since the run wrote it; run it again", mpath, pos, field, got, where, want, manifestName))
	}
	header := runHeader.FindSubmatch(yaml)
	if header == nil {
		return fmt.Errorf("%s: no header naming the run (# Scenario ... as run by placesim ... with seed ... and ... replications.): not a scenario.yaml 'placesim run' wrote; run it again", filepath.Join(dir, "scenario.yaml"))
	}
	name, _ := strconv.Unquote(string(header[1]))
	seed, _ := strconv.ParseUint(string(header[3]), 10, 64)
	reps, _ := strconv.Atoi(string(header[4]))
	if v := string(header[2]); m.Placesim != v {
		bad(shard.FieldPos(b, "placesim"), "placesim", strconv.Quote(m.Placesim), strconv.Quote(v), "scenario.yaml's header")
	}
	sc := m.Scenarios[0]
	namePos := nthPos(b, "scenarios", "name", 0)
	switch {
	case sc.Name != name:
		bad(namePos, "scenarios[0].name", strconv.Quote(sc.Name), strconv.Quote(name), "scenario.yaml's header")
	case sc.Name != s.Name:
		bad(namePos, "scenarios[0].name", strconv.Quote(sc.Name), strconv.Quote(s.Name), "scenario.yaml's name")
	case d.Scenario != "" && sc.Name != d.Scenario:
		bad(namePos, "scenarios[0].name", strconv.Quote(sc.Name), strconv.Quote(d.Scenario), "charts/chart-data.csv")
	}
	if f, ok := m.file("scenario.yaml"); ok && sc.SHA256 != f.SHA256 {
		bad(nthPos(b, "scenarios", "sha256", 0), "scenarios[0].sha256", sc.SHA256, f.SHA256, "the entry of scenario.yaml in files")
	}
	if m.Seed != seed {
		bad(seedPos(b), "seed", m.Seed, seed, "scenario.yaml's header")
	}
	if m.Reps != reps {
		bad(shard.FieldPos(b, "replications"), "replications", m.Reps, reps, "scenario.yaml's header")
	}
	if m.Years != s.Years {
		bad(shard.FieldPos(b, "years"), "years", m.Years, s.Years, "scenario.yaml")
	}
	return errors.Join(errs...)
}
