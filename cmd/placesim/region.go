package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
)

// regionJSON is the name of the file that records a region as run: its clock, zones, markets
// and interventions, and where each council's scenario is.
const regionJSON = "region.json"

// regionRecordFormat is the version of region.json's layout: 2 since its region is in the
// vocabulary of region files (regionDoc).
const regionRecordFormat = 2

// regionRecord is region.json: the region as run, but for its councils' scenarios, each of which
// is its folder's scenario.yaml.
type regionRecord struct {
	// Format is regionRecordFormat.
	Format int `json:"format"`
	// Region is the region, each council's scenario named, not given.
	Region *regionDoc `json:"region"`
	// Scenarios are the paths, in the folder, of the councils' scenario.yaml, in order.
	Scenarios []string `json:"council_scenarios"`
	// reg is the region Region records, its councils without their scenarios.
	reg *model.Region
}

// regionRun is a region's run: the region, its text as run and its councils' folders.
type regionRun struct {
	reg *model.Region
	// record is region.json's text.
	record []byte
	// dirs are the councils' folders, in order.
	dirs []string
	// yamls are the councils' scenario.yaml as run, in order.
	yamls [][]byte
	// sets are the --set values of the run (with --years as years=N), as manifest.json
	// records them.
	sets []string
}

// councilDirs returns the folder of each of reg's councils: its name made a safe path element
// (scenarios.CouncilFolder). Two councils may not share one, nor take the name of a folder the
// region writes itself, letter case apart (as on Windows and macOS). Reading a region file
// reports such names at their place in the file; this is for a region made otherwise.
func councilDirs(reg *model.Region) ([]string, error) {
	var dirs []string
	for _, c := range reg.Councils {
		d := scenarios.CouncilFolder(c.Name)
		switch {
		case d == "":
			return nil, fmt.Errorf("region %q: council %q cannot name a folder: give it a name with letters or digits", reg.Name, c.Name)
		case strings.EqualFold(d, "charts"):
			return nil, fmt.Errorf("region %q: council %q would write into the region's charts folder: give it another name", reg.Name, c.Name)
		case scenarios.RegionRunEntry(d) != "":
			return nil, fmt.Errorf("region %q: council %q would write over the region's %s: give it another name", reg.Name, c.Name, scenarios.RegionRunEntry(d))
		}
		if i := slices.IndexFunc(dirs, func(o string) bool { return strings.EqualFold(o, d) }); i >= 0 {
			return nil, fmt.Errorf("region %q: councils %q and %q would write into one folder, %s: give them names apart", reg.Name, reg.Councils[i].Name, c.Name, d)
		}
		dirs = append(dirs, d)
	}
	return dirs, nil
}

// regionAgainPrefix starts the line of a council's scenario.yaml that gives the command that
// runs its region again (see newRegionRun).
const regionAgainPrefix = "\n# Run the region again with: "

// newRegionRun records reg as run with seed and reps replications by placesim version: its
// region.json and each council's scenario.yaml (the council's scenario as rr ran it), whose
// opening comment ends with a line giving again, the command that runs the region again
// (regionAgainCommand), when it is not "".
func newRegionRun(reg *model.Region, rr *sim.RegionResults, version string, seed uint64, reps int, again string) (*regionRun, error) {
	dirs, err := councilDirs(reg)
	if err != nil {
		return nil, err
	}
	run := &regionRun{reg: reg, dirs: dirs}
	if run.record, err = regionRecordOf(reg, dirs); err != nil {
		return nil, err
	}
	for i, c := range reg.Councils {
		s := rr.Councils[i].Scenario
		runs := c.ScenarioName // the scenario the council runs, which takes the council's name
		if runs == "" {
			runs = s.Name
		}
		header := wrapComment(fmt.Sprintf("Council %q of region %q, scenario %q as run by placesim %s with seed %d (the council's own "+
			"random streams take seed %d) and %s. Its results are in the region's run: it shares the "+
			"region's market of places with the other councils.",
			c.Name, reg.Name, runs, version, seed, sim.CouncilSeed(seed, c.Name), plural(reps, "replication")))
		// The kinds the region's shared markets supplied: the file's own cap of them is none,
		// and a run of the file alone would give them as many places as asked for.
		var sharedKinds []string
		comments := map[string]string{}
		for k, kd := range s.Kinds {
			if mi := reg.MarketOf(kd.Name); mi >= 0 && kd.Supply == model.Market {
				sharedKinds = append(sharedKinds, kd.Name)
				n := plots.MarketPlaces(reg.Markets[mi]) // as the region's report writes it: 3,989
				comments[fmt.Sprintf("kinds[%d].capacity_places", k)] = fmt.Sprintf("in the region, the shared market's %s %s at the start; run alone, unlimited",
					plots.Thousands(strconv.Itoa(n)), pluralWord(n, "place"))
			}
		}
		if len(sharedKinds) > 0 {
			kinds := strings.Join(sharedKinds, " and ")
			header += "\n\n" + wrapComment(fmt.Sprintf(scenarios.SharedKindsNote+": its "+
				"providers' places, at its prices and premiums. This file alone has no such market: a run of "+
				"this file treats %s as unlimited (capacity_places: unlimited) at list prices, and "+
				"gives other results: run the region to reproduce these.", kinds, kinds))
		}
		if again != "" {
			header += "\n" + strings.TrimPrefix(regionAgainPrefix, "\n# ") + again // one line, whatever its length
			if strings.HasPrefix(again, "placesim run REGION.yaml ") {
				header += fmt.Sprintf("\n(REGION.yaml being the region file of %q)", reg.Name)
			}
		}
		var buf bytes.Buffer
		if err := scenarios.Encode(&buf, s, scenarios.EncodeOptions{Header: header, Comments: comments}); err != nil {
			return nil, fmt.Errorf("council %q: %w", c.Name, err)
		}
		run.yamls = append(run.yamls, buf.Bytes())
	}
	return run, nil
}

// commentWidth is the most characters of a line of a council's scenario.yaml's opening
// comment, after its "# ".
const commentWidth = 88

// wrapComment breaks text into lines of at most commentWidth characters, between words (a
// word longer than that, such as a path, keeps a line of its own).
func wrapComment(text string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > commentWidth {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// regionRecordOf returns the text of region.json for reg, whose councils' folders are dirs.
func regionRecordOf(reg *model.Region, dirs []string) ([]byte, error) {
	doc, err := regionDocOf(reg)
	if err != nil {
		return nil, fmt.Errorf("region %q: %w", reg.Name, err)
	}
	rec := regionRecord{Format: regionRecordFormat, Region: doc}
	for i := range reg.Councils {
		rec.Scenarios = append(rec.Scenarios, dirs[i]+"/scenario.yaml")
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("region %q: %w", reg.Name, err)
	}
	return append(b, '\n'), nil
}

// decodeRegionRecord decodes region.json from b (read from path) strictly, and checks that it
// names one scenario file inside the folder for each council.
func decodeRegionRecord(path string, b []byte) (*regionRecord, error) {
	var rec regionRecord
	if err := shard.DecodeJSON(path, b, &rec); err != nil {
		return nil, err
	}
	switch {
	case rec.Format != regionRecordFormat:
		return nil, fmt.Errorf("%s: format: %d, this placesim reads %d", path, rec.Format, regionRecordFormat)
	case rec.Region == nil || len(rec.Scenarios) != len(rec.Region.Councils):
		return nil, fmt.Errorf("%s: council_scenarios: want one scenario for each council", path)
	}
	for _, p := range rec.Scenarios {
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return nil, fmt.Errorf("%s: council_scenarios: %q is not a file of the folder", path, p)
		}
	}
	var err error
	if rec.reg, err = rec.Region.region(); err != nil {
		return nil, fmt.Errorf("%s: region.%w", path, err)
	}
	return &rec, nil
}

// readRegionRecord reads region.json from b (read from path) and each council's scenario from
// the scenario.yaml it names in dir.
func readRegionRecord(dir, path string, b []byte) (*model.Region, error) {
	rec, err := decodeRegionRecord(path, b)
	if err != nil {
		return nil, err
	}
	reg := rec.reg
	for i, p := range rec.Scenarios {
		s, err := scenarios.Load(filepath.Join(dir, filepath.FromSlash(p)), nil)
		if err != nil {
			return nil, err
		}
		reg.Councils[i].Scenario = s
	}
	return reg, nil
}

// manifest returns the manifest of a run of a region: the region's region.json first and
// each council's scenario.yaml after it.
func (run *regionRun) manifest(version string, seed uint64, reps int, percentiles []float64) *manifest {
	m := &manifest{
		Command: "run", Placesim: version, Region: run.reg.Name, Sets: run.sets,
		Scenarios: []manifestScenario{{Name: run.reg.Name, SHA256: sha(run.record)}},
		Seed:      seed, Reps: reps, Years: run.reg.Years, Percentiles: percentiles,
	}
	for i, c := range run.reg.Councils {
		m.Scenarios = append(m.Scenarios, manifestScenario{Name: c.Name, SHA256: sha(run.yamls[i])})
	}
	return m
}

// councilChartsUpTo is the most councils a region may have for its run to draw each council's
// charts, report.html and results.xlsx unless asked (--council-charts): about 1.5 seconds of
// CPU a council, which for England's councils is more than the simulation's.
const councilChartsUpTo = 20

// regionOutputs is what a region's run writes besides its CSV files.
type regionOutputs struct {
	// charts asks for the region's charts, report.html and results.xlsx; councilCharts for
	// each council's too.
	charts, councilCharts bool
	// allKPIs asks for every KPI in the region's kpis.csv, and each council's kpis.csv; without
	// it the region's kpis.csv holds the headline KPIs (plots.RegionHeadlineKPIs) and the
	// councils' folders no kpis.csv.
	allKPIs bool
	formats []string
}

// readRegionOutputs reads the flags of what a region's run or merge of reg writes.
func readRegionOutputs(c *cli.Context, cmd string, reg *model.Region) (regionOutputs, error) {
	formats, err := chartFormats(c, cmd)
	if err != nil {
		return regionOutputs{}, err
	}
	o := regionOutputs{charts: c.Bool("charts"), allKPIs: c.Bool("all-kpis"), formats: formats}
	o.councilCharts = o.charts && len(reg.Councils) <= councilChartsUpTo
	if c.IsSet("council-charts") {
		o.councilCharts = o.charts && c.Bool("council-charts")
	}
	return o, nil
}

// againFlags returns the flags, each with a space before it, that make a run of a region of
// councils councils write what o asks for: --all-kpis, then --charts=false, or --formats when
// not every format is drawn and --council-charts when the councils' own charts are drawn or
// left out against what the number of councils gives unasked.
func (o regionOutputs) againFlags(councils int) string {
	var b strings.Builder
	if o.allKPIs {
		b.WriteString(" --all-kpis")
	}
	if !o.charts {
		return b.String() + " --charts=false"
	}
	b.WriteString(chartsAgainFlags(true, o.formats))
	switch {
	case o.councilCharts && councils > councilChartsUpTo:
		b.WriteString(" --council-charts")
	case !o.councilCharts && councils <= councilChartsUpTo:
		b.WriteString(" --council-charts=false")
	}
	return b.String()
}

// regionAgainCommand returns the command that runs a region again, named by arg (a built-in
// region's name, or REGION.yaml for its file: regionArg), as a run of it with seed, reps,
// percentiles and sets did, the flags of what the run wrote (regionOutputs.againFlags)
// aside: a shard's council files give it as the whole run's do, and a merge or the whole run
// adds them.
func regionAgainCommand(arg string, seed uint64, reps int, percentiles []float64, sets []string) string {
	return fmt.Sprintf("placesim run %s --seed %d --reps %d%s%s", arg, seed, reps, percentilesFlag(percentiles), setFlags(sets))
}

// regionArg returns how a command that runs the region ref names again names it: ref, when
// it is a built-in region's name (and no file's), and otherwise REGION.yaml, for the region
// file, which may not be where it was when the command is given.
func regionArg(ref string) string {
	if _, err := os.Stat(ref); err != nil && scenarios.IsRegion(ref) {
		return ref
	}
	return "REGION.yaml"
}

// withRegionAgainFlags returns a council's scenario.yaml's bytes with flags added to the end of
// its "Run the region again with:" line (the same bytes when flags is "" or there is no such
// line).
func withRegionAgainFlags(yaml []byte, flags string) []byte {
	if flags == "" {
		return yaml
	}
	i := bytes.Index(yaml, []byte(regionAgainPrefix))
	if i < 0 {
		return yaml
	}
	end := i + len(regionAgainPrefix) + bytes.IndexByte(yaml[i+len(regionAgainPrefix):], '\n')
	if end < i+len(regionAgainPrefix) {
		end = len(yaml)
	}
	out := append([]byte{}, yaml[:end]...)
	out = append(out, flags...)
	return append(out, yaml[end:]...)
}

// regionOutputFlags are the flags of what a region's run or merge writes.
func regionOutputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "all-kpis", Usage: "a region's kpis.csv holds every KPI of every council, and each council's folder its own kpis.csv (by default the region's holds the headline KPIs, and the councils' folders none)"},
		&cli.BoolFlag{Name: "council-charts", Usage: "draw each council's charts, report.html and results.xlsx into its folder (--council-charts=false to skip)", DefaultText: fmt.Sprintf("true up to %d councils", councilChartsUpTo)},
	}
}

// notes returns what a region's run of n councils with o leaves out, to say on stderr, or "".
func (o regionOutputs) notes(n int) string {
	if o.charts && !o.councilCharts && n > councilChartsUpTo {
		return fmt.Sprintf("placesim: the councils' own charts, report.html and results.xlsx are left out for a region of more than %d councils: --council-charts draws them\n", councilChartsUpTo)
	}
	return ""
}

// regionFiles returns the files of a region's run: the region's summary.csv, kpis.csv and
// timeseries.csv with a council column, region.json, and each council's own files in its
// folder (its kpis.csv with o.allKPIs); with o.charts, the region's charts, report.html and
// results.xlsx, and each council's with o.councilCharts.
func regionFiles(run *regionRun, rr *sim.RegionResults, percentiles []float64, o regionOutputs, src plots.Source, texts *diskTexts) ([]outputFile, error) {
	// The region's charts of its councils together say what the councils' set: changed, as
	// each council's own say what its own changed.
	for _, c := range run.reg.Councils {
		src.CouncilSets = append(src.CouncilSets, c.Sets...)
	}
	// Each council's summary.csv and timeseries.csv, and the region's as a whole, are worked
	// out once: the council's folder holds them, and the region's files are made of them. When
	// they would pass memoryBudget, as England's do, they wait in temporary files.
	each := rr.Each()
	var size int64
	for _, res := range each {
		size += textBytesPerValue * int64(len(res.Months)*len(res.Metrics)+len(res.Periods)*len(res.KPIs))
	}
	sums, series := make([]textSource, len(each)), make([]textSource, len(each))
	for i, res := range each {
		sum := func(w io.Writer) error { return res.WriteSummary(w, percentiles) }
		ts := func(w io.Writer) error { return res.WriteTimeseries(w, percentiles) }
		if size > memoryBudget {
			sums[i], series[i] = texts.add(sum), texts.add(ts)
		} else {
			sums[i], series[i] = onceText(sum), onceText(ts)
		}
	}
	joined := func(texts []textSource) func(io.Writer) error {
		return func(w io.Writer) error {
			return rr.WriteJoined(w, func(i int, w io.Writer) error { return texts[i].writeTo(w) })
		}
	}
	kpis := rr.WriteKPIs
	if !o.allKPIs {
		headline := plots.RegionHeadlineKPIs(rr)
		kpis = func(w io.Writer) error { return rr.WriteKPIsOf(w, headline) }
	}
	files := []outputFile{
		{"summary.csv", joined(sums)},
		{"kpis.csv", kpis},
		{"timeseries.csv", joined(series)},
		{periodsName, func(w io.Writer) error {
			// The councils run the region's years from its start: their periods are the region's.
			c := rr.Councils[0].Scenario
			return writePeriods(w, c.Start, c.Years, rr.Total.Periods)
		}},
		{regionJSON, func(w io.Writer) error { _, err := w.Write(run.record); return err }},
	}
	var links []string
	owns := make([][]outputFile, len(rr.Councils))
	errs := make([]error, len(rr.Councils))
	// The councils' chart data is worked out side by side, a council a CPU at a time.
	var wg sync.WaitGroup
	cpus := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, res := range rr.Councils {
		own := runFiles(res, run.yamls[i], percentiles, sums[i])
		if !o.allKPIs {
			own = slices.DeleteFunc(own, func(f outputFile) bool { return f.name == "kpis.csv" })
		}
		for j, f := range own {
			if f.name == "timeseries.csv" {
				own[j].write = series[i].writeTo
			}
		}
		owns[i] = own
		if o.councilCharts {
			links = append(links, run.dirs[i]+"/report.html")
			wg.Go(func() {
				cpus <- struct{}{}
				defer func() { <-cpus }()
				csrc := src
				csrc.Scenario, csrc.Region, csrc.Shared, csrc.NoKPIs = res.Scenario.Name, false, plots.SharedMarketsOf(run.reg), !o.allKPIs
				csrc.CouncilSets = run.reg.Councils[i].Sets
				var err error
				if owns[i], err = withReportsOf(own, res, run.yamls[i], csrc, o.formats, sums[i], series[i]); err != nil {
					errs[i] = fmt.Errorf("council %q: %w", run.reg.Councils[i].Name, err)
				}
			})
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, own := range owns {
		for _, f := range own {
			files = append(files, outputFile{run.dirs[i] + "/" + f.name, f.write})
		}
	}
	formats, charts := o.formats, o.charts
	if !charts {
		return files, nil
	}
	d, err := plots.FromRegionResults(rr)
	if err != nil {
		return nil, err
	}
	// Each file draws its own copy of its charts, so that the files can be written side by
	// side, one chart per CPU at a time (see chartOutputs), from figures worked out once.
	figs, err := plots.NewRegionChartFigures(rr, src)
	if err != nil {
		return nil, err
	}
	draw := func() ([]*plots.Chart, error) {
		cs, err := figs.Charts()
		if err != nil {
			return nil, err
		}
		total, err := plots.Charts(d, src)
		return append(cs, total...), err
	}
	first, err := draw()
	if err != nil {
		return nil, err
	}
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	limit := func(write func(io.Writer) error) func(io.Writer) error {
		return func(w io.Writer) error {
			slots <- struct{}{}
			defer func() { <-slots }()
			bw := bufio.NewWriterSize(w, 1<<16)
			if err := write(bw); err != nil {
				return err
			}
			return bw.Flush()
		}
	}
	files = append(files, outputFile{"charts/chart-data.csv", d.WriteCSV})
	for i, c := range first {
		for _, format := range formats {
			files = append(files, outputFile{"charts/" + c.Name + "." + format, limit(func(w io.Writer) error {
				fresh, err := draw()
				if err != nil {
					return err
				}
				wt, err := fresh[i].WriterTo(format)
				if err != nil {
					return err
				}
				_, err = wt.WriteTo(w)
				return err
			})})
		}
	}
	files = append(files, outputFile{"report.html", limit(func(w io.Writer) error {
		fresh, err := draw()
		if err != nil {
			return err
		}
		r := plots.RegionReport{Results: rr, Source: src, Market: plots.RegionMarket(rr), Charts: fresh, Links: links}
		return r.WriteHTML(w)
	})})
	files = append(files, outputFile{"results.xlsx", func(w io.Writer) error {
		sum, ts := pipeText(joined(sums)), pipeText(joined(series))
		defer sum.Close()
		defer ts.Close()
		return plots.WriteRegionWorkbookFrom(w, rr, sum, ts)
	}})
	return files, nil
}

// textBytesPerValue is about how many bytes a value of summary.csv or timeseries.csv takes,
// its row's names, mean, standard deviation and percentiles: 100 or so with the default
// percentiles.
const textBytesPerValue = 100

// diskTexts are texts kept in temporary files until the files made of them are written;
// close removes the files.
type diskTexts struct {
	mu       sync.Mutex
	releases []func()
}

func (d *diskTexts) add(make func(io.Writer) error) *diskText { return &diskText{d: d, make: make} }

func (d *diskTexts) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, release := range d.releases {
		release()
	}
	d.releases = nil
}

// diskText is a file's text worked out once, by whichever writer asks first, into a temporary
// file, and read from there by each.
type diskText struct {
	d    *diskTexts
	once sync.Once
	make func(io.Writer) error
	f    *os.File
	n    int64
	err  error
}

func (t *diskText) fill() error {
	t.once.Do(func() {
		f, release, err := tempFile("placesim-text-*.csv")
		if err != nil {
			t.err = err
			return
		}
		t.d.mu.Lock()
		t.d.releases = append(t.d.releases, release)
		t.d.mu.Unlock()
		bw := bufio.NewWriterSize(f, 1<<16)
		if t.err = t.make(bw); t.err == nil {
			t.err = inTempFolder(bw.Flush())
		}
		t.f = f
		if t.err == nil {
			t.n, t.err = f.Seek(0, io.SeekCurrent)
		}
	})
	return t.err
}

func (t *diskText) writeTo(w io.Writer) error {
	if err := t.fill(); err != nil {
		return err
	}
	_, err := io.Copy(w, io.NewSectionReader(t.f, 0, t.n))
	return err
}

func (t *diskText) get() ([]byte, error) {
	if err := t.fill(); err != nil {
		return nil, err
	}
	b := make([]byte, t.n)
	_, err := t.f.ReadAt(b, 0)
	return b, err
}

// pipeText returns a reader of the text write writes, written as it is read; closing the
// reader before the end stops the writing.
func pipeText(write func(io.Writer) error) io.ReadCloser {
	r, w := io.Pipe()
	go func() { w.CloseWithError(write(w)) }()
	return r
}

// regionShardFiles returns the files of a shard of a region's run: shard.json (info, for the
// region as a whole), region.json, the region's replications.bin, and in each council's folder
// the council's own shard files.
func regionShardFiles(run *regionRun, info shard.Info, rr *sim.RegionResults) ([]outputFile, error) {
	info.Scenario, info.ScenarioSHA = run.reg.Name, sha(run.record)
	setLayout(&info, rr.Total)
	top, err := shardFiles(info, run.record, rr.Total)
	if err != nil {
		return nil, err
	}
	files := []outputFile{top[0], {regionJSON, top[1].write}, top[2]}
	for i, res := range rr.Councils {
		ci := info
		ci.Scenario, ci.ScenarioSHA = res.Scenario.Name, sha(run.yamls[i])
		setLayout(&ci, res)
		own, err := shardFiles(ci, run.yamls[i], res)
		if err != nil {
			return nil, err
		}
		for _, f := range own {
			files = append(files, outputFile{run.dirs[i] + "/" + f.name, f.write})
		}
	}
	return files, nil
}

// setLayout records in info what a replication of res records.
func setLayout(info *shard.Info, res *sim.Results) {
	info.Months, info.Metrics, info.Periods, info.KPIs = len(res.Months), len(res.Metrics), len(res.Periods), len(res.KPIs)
}

// runRegion is the run command's action for a region: ref names a region file or a built-in
// region, and the flags have been read (rs), the shard too when sharded.
func runRegion(c *cli.Context, ref string, rs runSetup, sp shard.Spec, sharded bool, source string, stderr io.Writer) error {
	switch {
	case c.IsSet("precision"):
		return usagef("run", "--precision is for a scenario: a region runs --reps replications")
	case len(c.StringSlice("budget")) > 0:
		return usagef("run", "--budget is for a scenario: a region's councils have budgets of their own")
	}
	for _, f := range []string{"kpi", "period", "max-reps"} {
		if c.IsSet(f) {
			// They would do nothing, and the user would not know.
			return usagef("run", "--%s goes with --precision, which is for a scenario: a region runs --reps replications; leave --%s out", f, f)
		}
	}
	began := time.Now()
	reg, warnings, err := scenarios.LoadRegionWarnings(ref, rs.sets)
	printWarnings(stderr, warnings) // even with -q, and when it fails: the region most likely says what it did not mean
	if err != nil {
		return &inputError{yearsFlagHint(err, rs)}
	}
	outs, err := readRegionOutputs(c, "run", reg)
	if err != nil {
		return err
	}
	if _, err := councilDirs(reg); err != nil {
		return &inputError{err}
	}
	out := c.String("out")
	if out == "" {
		name := reg.Name
		if sharded {
			name = fmt.Sprintf("%s-shard-%d-of-%d", reg.Name, sp.I, sp.N)
		}
		if out, err = defaultOut("run", "", name); err != nil {
			return err
		}
	}
	if err := checkOut("run", out); err != nil {
		return err
	}
	reps, first := rs.reps, 0
	if sharded {
		first, reps = sp.Span(rs.reps)
	}
	rn, err := sim.NewRegionRunner(reg, sim.Options{Seed: rs.seed, Workers: rs.workers, FirstRep: first})
	if err != nil {
		return &inputError{err}
	}
	asked := fmt.Sprintf("--reps %d", rs.reps)
	shards := 0
	if sharded {
		shards = sp.N
		asked = fmt.Sprintf("--reps %d (%s in shard %d of %d)", rs.reps, thousands(reps), sp.I, sp.N)
	}
	// Refused before anything runs: a run that cannot hold its replications would otherwise
	// end, out of memory, part way.
	if err := checkRegionRunMemory(asked, reg, rn.Results(), reps, rs.workers, shards); err != nil {
		return err
	}
	if note := regionOutputNote(len(reg.Councils), reg.Years); note != "" && !rs.quiet {
		fmt.Fprintln(stderr, note)
	}
	bar := progress(stderr, rs.quiet, reg.Name, reps)
	cleanup, err := addRegionReps(rn, reps, bar)
	defer cleanup()
	finishBar(bar, stderr, err == nil)
	if err != nil {
		return err
	}
	rr := rn.Results()
	again := regionAgainCommand(regionArg(ref), rs.seed, rs.reps, rs.percentiles, rs.sets)
	if !sharded {
		again += outs.againFlags(len(reg.Councils)) // which a shard refuses, and merge adds
	}
	run, err := newRegionRun(reg, rr, placesimVersion(), rs.seed, rs.reps, again)
	if err != nil {
		return &inputError{err}
	}
	run.sets = rs.sets
	m := run.manifest(placesimVersion(), rs.seed, rs.reps, rs.percentiles)
	if sharded {
		info := shard.Info{
			Format: shard.Format, Placesim: placesimVersion(), Seed: rs.seed, Reps: rs.reps, Shard: sp.I, Shards: sp.N,
			First: first, Count: reps, Percentiles: rs.percentiles,
		}
		files, err := regionShardFiles(run, info, rr)
		if err != nil {
			return err
		}
		m.Shard = &manifestShard{Shard: sp.I, Shards: sp.N, First: first, Count: reps}
		if err := writeResults(out, files, m, stderr); err != nil {
			return fmt.Errorf("writing the shard into %s: %w", out, err)
		}
		if !rs.quiet {
			fmt.Fprintf(stderr, "placesim: region %s (%s), shard %s (from %s): %s (seed %d) in %.1fs; wrote %s\n",
				setsName(reg.Name, run.sets, reg.Years), plural(len(reg.Councils), "council"), sp, source, shard.Replications(first, reps, rs.reps), rs.seed, time.Since(began).Seconds(), regionWroteList(out, files))
		}
		return nil
	}
	m.AllKPIs = outs.allKPIs
	src := plots.Source{Version: placesimVersion(), Scenario: reg.Name, Region: true, Reps: reps, Seed: rs.seed, Sets: setsOnly(run.sets)}
	var texts diskTexts
	defer texts.close()
	files, err := regionFiles(run, rr, rs.percentiles, outs, src, &texts)
	if err != nil {
		return err
	}
	if err := writeResults(out, readChecked(files, rr.ReadErr), m, stderr); err != nil {
		return fmt.Errorf("writing the results into %s: %w", out, err)
	}
	if !rs.quiet {
		fmt.Fprint(stderr, outs.notes(len(reg.Councils)))
		printPartYearNote(stderr, rr.Councils[0].Scenario, rr.Total.Periods)
		if caution := rangesCaution(reps, rs.percentiles, outs.charts); caution != "" {
			fmt.Fprintln(stderr, caution)
		}
		fmt.Fprintf(stderr, "placesim: region %s (%s), %s (seed %d) in %.1fs; wrote %s\n",
			setsName(reg.Name, run.sets, reg.Years), plural(len(reg.Councils), "council"), plural(reps, "replication"), rs.seed, time.Since(began).Seconds(), regionWroteList(out, files))
	}
	return nil
}

// setsOnly returns the changes the --set values all made to the assumptions, the years
// simulated left out (plots.SetsAndYears).
func setsOnly(all []string) []string {
	sets, _ := plots.SetsAndYears(all)
	return sets
}

// addRegionReps adds reps replications to rn. When their monthly records would pass
// memoryBudget, they are kept in a temporary file for each council and the region, packed
// (sim.PackedStore), and so are their KPIs, as they are, read back through a cache of
// memoryBudget, so that memory stays bounded however many replications are asked for; cleanup
// removes the files once the results are written.
func addRegionReps(rn *sim.RegionRunner, reps int, bar *progressbar.ProgressBar) (cleanup func(), err error) {
	var perRep, kpisPerRep int64
	for _, res := range rn.Results().Each() {
		perRep += int64(8 * len(res.Months) * len(res.Metrics))
		kpisPerRep += int64(8 * len(res.Periods) * len(res.KPIs))
	}
	var cleanups []func()
	cleanup = func() {
		for _, c := range cleanups {
			c()
		}
	}
	// storesOf makes a file store for each council's results and the region's, of rows and
	// columns each: packed (sim.PackedStore) with packed, as they are otherwise.
	storesOf := func(size func(res *sim.Results) (rows, cols int), packed bool) ([]sim.MonthlyStore, error) {
		var stores []sim.MonthlyStore
		for _, res := range rn.Results().Each() {
			rows, cols := size(res)
			var st sim.MonthlyStore
			var done func()
			var err error
			if packed {
				st, done, err = packedStoreFor(rows, cols)
			} else {
				st, done, err = fileStoreFor(reps, rows, cols)
			}
			if err != nil {
				return nil, err
			}
			cleanups = append(cleanups, done)
			stores = append(stores, st)
		}
		return stores, nil
	}
	if int64(reps)*perRep > memoryBudget {
		// The monthly records go packed, as a scenario's do: a quarter of the bytes or less to
		// write and read back.
		stores, err := storesOf(func(res *sim.Results) (int, int) { return len(res.Months), len(res.Metrics) }, true)
		if err != nil {
			return cleanup, err
		}
		if err := rn.SetStores(stores); err != nil {
			return cleanup, err
		}
	}
	if int64(reps)*kpisPerRep > memoryBudget {
		stores, err := storesOf(func(res *sim.Results) (int, int) { return len(res.Periods), len(res.KPIs) }, false)
		if err != nil {
			return cleanup, err
		}
		if err := rn.SetKPIStores(stores, memoryBudget); err != nil {
			return cleanup, err
		}
	}
	rn.SetProgress(track(bar, 0))
	return cleanup, rn.Add(reps)
}

// readRegionShard reads the shard of a region's run in dir: its shard.json and region.json,
// checked against each other and against its manifest.json, and each council's shard files. It
// returns the region's part and each council's.
func readRegionShard(dir string) (shard.Part, []shard.Part, error) {
	part := shard.Part{Dir: dir, Region: true}
	jpath := filepath.Join(dir, "shard.json")
	b, err := os.ReadFile(jpath)
	if errors.Is(err, fs.ErrNotExist) {
		return part, nil, fmt.Errorf("%s: not a shard directory (no shard.json; make one with placesim run --shard I/N)", dir)
	} else if err != nil {
		return part, nil, err
	}
	if part.Info, err = shard.Parse(jpath, b); err != nil {
		return part, nil, err
	}
	if part.Scenario, err = os.ReadFile(filepath.Join(dir, regionJSON)); errors.Is(err, fs.ErrNotExist) && isRegionShard(dir) {
		return part, nil, missingShardFile(dir, regionJSON, part.Info)
	} else if errors.Is(err, fs.ErrNotExist) {
		return part, nil, fmt.Errorf("%s: a scenario's shard, not a region's (no %s): merge the shards of one run", dir, regionJSON)
	} else if err != nil {
		return part, nil, err
	}
	if sha(part.Scenario) != part.Info.ScenarioSHA {
		return part, nil, fmt.Errorf("%s: %s has changed since the shard was run (its checksum no longer matches shard.json)", dir, regionJSON)
	}
	m, err := readManifest(dir)
	if err != nil {
		return part, nil, err
	}
	mpath := filepath.Join(dir, manifestName)
	info := part.Info
	switch {
	case m.Command != "run" || m.Shard == nil || m.Region == "":
		return part, nil, fmt.Errorf("%s: shard: the manifest is not a region's shard's", mpath)
	case m.Placesim != info.Placesim || m.Region != info.Scenario || len(m.Scenarios) == 0 || m.Scenarios[0].SHA256 != info.ScenarioSHA ||
		m.Seed != info.Seed || m.Reps != info.Reps || m.Shard.Shard != info.Shard || m.Shard.Shards != info.Shards ||
		m.Shard.First != info.First || m.Shard.Count != info.Count || !slices.Equal(m.Percentiles, info.Percentiles):
		return part, nil, fmt.Errorf("%s: does not describe the run shard.json describes: the shard was changed since it was run; run it again", mpath)
	}
	if f, ok := m.file("shard.json"); !ok || f.SHA256 != sha(b) || f.Bytes != int64(len(b)) {
		return part, nil, fmt.Errorf("%s: shard.json has changed since the shard was run (it no longer matches %s); run the shard again", dir, manifestName)
	}
	// Every file but the replications, which are checked against their shard.json as they
	// are read.
	var names []string
	for _, f := range m.Files {
		if path.Base(f.Path) != "replications.bin" {
			names = append(names, f.Path)
		}
	}
	if err := m.checkFiles(dir, names...); err != nil {
		return part, nil, err
	}
	rec, err := decodeRegionRecord(filepath.Join(dir, regionJSON), part.Scenario)
	if err != nil {
		return part, nil, err
	}
	var councils []shard.Part
	for _, p := range rec.Scenarios {
		cdir := filepath.Join(dir, filepath.FromSlash(path.Dir(p)))
		cp, _, err := readShardInfo(cdir)
		if err != nil {
			return part, nil, err
		}
		if cp.Info.Seed != info.Seed || cp.Info.Reps != info.Reps || cp.Info.First != info.First || cp.Info.Count != info.Count || cp.Info.Shard != info.Shard {
			return part, nil, fmt.Errorf("%s: its shard.json is not of the region's shard: the shard was changed since it was run; run it again", cdir)
		}
		councils = append(councils, cp)
	}
	return part, councils, nil
}

// kpiStoreOf returns a store of the KPIs of the replications whose shards' replications.bin
// st holds (loadShards): rows of nK values (a period's KPIs), from shard.KPIsOffset in each
// record. It shares st's files, which st closes.
func kpiStoreOf(st *fileStore, nK int) *fileStore {
	ks := &fileStore{rows: nK, parts: slices.Clone(st.parts)}
	for i := range ks.parts {
		ks.parts[i].base = shard.KPIsOffset
	}
	return ks
}

// mergeRegion merges the shards of a region's run in dirs into --out: the files one process
// running every replication writes, byte for byte.
func mergeRegion(c *cli.Context, dirs []string, stderr io.Writer) error {
	began := time.Now()
	var parts []shard.Part
	var councils [][]shard.Part
	for _, d := range dirs {
		part, cps, err := readRegionShard(d)
		if err != nil {
			return &inputError{err}
		}
		parts = append(parts, part)
		councils = append(councils, cps)
	}
	sorted, missing, err := checkShards(parts)
	if err != nil {
		return err
	}
	if err := checkBuild(sorted[0]); err != nil {
		return &inputError{err}
	}
	info, first := sorted[0].Info, sorted[0]
	reg, err := readRegionRecord(first.Dir, filepath.Join(first.Dir, regionJSON), first.Scenario)
	if err != nil {
		return &inputError{err}
	}
	rr, err := sim.PrepareRegion(reg, info.Seed)
	if err != nil {
		return &inputError{err}
	}
	// Refused before any replication is read, as a scenario's merge is: each shard was
	// checked only for its own.
	if err := checkRegionMergeMemory(rr, sorted); err != nil {
		return err
	}
	// The KPIs stay in the shards' files when they would pass memoryBudget, as a run's go to
	// temporary files (addRegionReps).
	var kpisPerRep int64
	for _, res := range rr.Each() {
		kpisPerRep += int64(8 * len(res.Periods) * len(res.KPIs))
	}
	kpisOnDisk := int64(info.Reps)*kpisPerRep > memoryBudget
	store, err := loadShards(rr.Total, sorted, kpisOnDisk)
	if err != nil {
		return &inputError{err}
	}
	defer store.close()
	kpiStores := []sim.MonthlyStore{kpiStoreOf(store, len(rr.Total.KPIs))}
	for i, res := range rr.Councils {
		var cps []shard.Part
		for _, p := range sorted {
			cps = append(cps, councils[slices.IndexFunc(parts, func(q shard.Part) bool { return q.Dir == p.Dir })][i])
		}
		if cps, err = shard.Check(cps); err != nil && (missing == nil || !errors.As(err, new(*shard.MissingError))) {
			return mergeProblem(err)
		}
		cstore, err := loadShards(res, cps, kpisOnDisk)
		if err != nil {
			return &inputError{err}
		}
		defer cstore.close()
		kpiStores = slices.Insert(kpiStores, i, sim.MonthlyStore(kpiStoreOf(cstore, len(res.KPIs))))
	}
	if missing != nil {
		return missing // once each shard given is checked
	}
	if kpisOnDisk {
		if err := rr.SetKPIStores(kpiStores, memoryBudget); err != nil {
			return err
		}
	}
	outs, err := readRegionOutputs(c, "merge", reg)
	if err != nil {
		return err
	}
	run, err := newRegionRun(reg, rr, info.Placesim, info.Seed, info.Reps, "")
	if err != nil {
		return &inputError{err}
	}
	// The --set values the shards were run with, which their manifest.json records.
	run.sets = shardSets(first.Dir)
	// The shards' own texts, which the run wrote: the same bytes as the whole run's, once the
	// councils' "Run the region again with:" line has the flags of what the merge writes,
	// which the shards refused.
	run.record = first.Scenario
	for i, p := range councils[slices.IndexFunc(parts, func(q shard.Part) bool { return q.Dir == first.Dir })] {
		run.yamls[i] = withRegionAgainFlags(p.Scenario, outs.againFlags(len(reg.Councils)))
	}
	out := c.String("out")
	if out == "" {
		if out, err = defaultOut("merge", "", reg.Name); err != nil {
			return err
		}
	}
	if err := checkOut("merge", out); err != nil {
		return err
	}
	if err := checkOutOfShards(out, dirs); err != nil {
		return err
	}
	src := plots.Source{Version: info.Placesim, Scenario: reg.Name, Region: true, Reps: info.Reps, Seed: info.Seed, Sets: setsOnly(run.sets)}
	var texts diskTexts
	defer texts.close()
	files, err := regionFiles(run, rr, info.Percentiles, outs, src, &texts)
	if err != nil {
		return err
	}
	m := run.manifest(info.Placesim, info.Seed, info.Reps, info.Percentiles)
	m.AllKPIs = outs.allKPIs
	if err := writeResults(out, readChecked(files, rr.ReadErr), m, stderr); err != nil {
		return fmt.Errorf("writing the merged results into %s: %w", out, err)
	}
	if !c.Bool("quiet") {
		fmt.Fprint(stderr, outs.notes(len(reg.Councils)))
		// The part-year note and the caution, as the unsharded run prints them.
		printPartYearNote(stderr, rr.Councils[0].Scenario, rr.Total.Periods)
		if caution := rangesCaution(info.Reps, info.Percentiles, outs.charts); caution != "" {
			fmt.Fprintln(stderr, caution)
		}
		fmt.Fprintf(stderr, "placesim: merged %s of region %s (%s), %s (seed %d) in %.1fs; wrote %s\n",
			plural(len(parts), "shard"), setsName(reg.Name, run.sets, reg.Years), plural(len(reg.Councils), "council"), plural(info.Reps, "replication"), info.Seed,
			time.Since(began).Seconds(), regionWroteList(out, files))
	}
	return nil
}

// readChecked returns files, each of whose writes fails with readErr's error once it has
// written: a KPI the results could not read back from their store reads NaN, and a file
// written with one must not take the folder's place.
func readChecked(files []outputFile, readErr func() error) []outputFile {
	out := make([]outputFile, len(files))
	for i, f := range files {
		out[i] = outputFile{name: f.name, write: func(w io.Writer) error {
			if err := f.write(w); err != nil {
				return err
			}
			return readErr()
		}}
	}
	return out
}

// regionYearsHint is the end of a problem with a built-in scenario's date that a region's run
// does not reach, saying what years the region needs (scenarios.builtinYears).
var regionYearsHint = regexp.MustCompile(`: give the region years: ([0-9]+)$`)

// yearsFlagHint rewords, when --years gave the region its years, the years a problem says the
// region needs as the flag to give: "give --years 10", not "give the region years: 10".
func yearsFlagHint(err error, rs runSetup) error {
	if !rs.years {
		return err
	}
	var out []error
	changed := false
	for _, p := range scenarios.Problems(err) {
		if e, ok := p.(*scenarios.Error); ok && regionYearsHint.MatchString(e.Message) {
			ne := *e
			ne.Message = regionYearsHint.ReplaceAllString(e.Message, ": give --years $1")
			p, changed = &ne, true
		}
		out = append(out, p)
	}
	if !changed {
		return err
	}
	return errors.Join(out...)
}

// Bytes a region run writes, measured on england (153 councils) with the default flags, 2 or
// 4 replications (which change little: the files hold summaries, not replications): 222 MB
// over 3 years and 674 MB over 10. Most is timeseries.csv, the region's and each council's,
// a row for each month and metric.
const (
	regionBytesPerCouncil      = 184e3 // the files of each council that do not grow with the run
	regionBytesPerCouncilMonth = 35e3  // the rows of each month of each council
	regionBytesToNote          = 200e6 // a run writing more is told so before it starts
)

// regionOutputNote returns, for a run of councils over years whose files would take more than
// regionBytesToNote, a note of about how much it writes and how to write less; "" otherwise.
func regionOutputNote(councils, years int) string {
	est := float64(councils) * (regionBytesPerCouncil + regionBytesPerCouncilMonth*12*float64(years))
	if est <= regionBytesToNote {
		return ""
	}
	size := fmt.Sprintf("%.0f MB", est/1e6)
	if est >= 1e9 {
		size = fmt.Sprintf("%.1f GB", est/1e9)
	}
	return fmt.Sprintf("placesim: note: this run writes about %s (%s of %s: timeseries.csv, the region's and each council's, holds a row for each month and metric); to write less, run fewer --years, give fewer --percentiles, or --charts=false (no results.xlsx, report.html or charts)",
		size, plural(years, "year"), plural(councils, "council"))
}
