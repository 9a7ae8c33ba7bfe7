package plots

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// testScenario is a small scenario for the report's assumptions.
func testScenario() *model.Scenario {
	return &model.Scenario{
		Name:            "default",
		Description:     "A typical English county council with about 850 children in care.",
		Start:           time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Years:           5,
		ChildPopulation: 150000,
		Entries:         model.Entries{PerYear: 315, TrendPerYear: 0.02, SiblingShare: 0.3},
		Stock:           []model.StockGroup{{Count: 850}},
		Kinds: []model.Kind{
			{Name: "inhouse_foster", Label: "In-house foster care", Supply: model.Carers, Carers: &model.CarerPool{Households: 166}, WeeklyCostGBP: [model.NumNeeds]float64{450, 600, 800}},
			{Name: "ifa", Label: "Independent fostering agency", Supply: model.Market, WeeklyCostGBP: [model.NumNeeds]float64{950, 1200, 1500}},
			{Name: "inhouse_home", Label: "In-house children's homes", Supply: model.Homes, Category: model.Residential, Homes: []model.Home{{Name: "Oak House", Beds: 4}}},
		},
		StepDown:         model.StepDown{ReviewDays: 91, ReadyShare: [model.NumNeeds]float64{0.05, 0.05}},
		Emergency:        model.Emergency{WeeklyCostGBP: 8000},
		InflationPerYear: 0.03,
		Interventions: []model.Intervention{
			{Action: model.ExtraApprovals, Label: "Recruit 12 more in-house foster carers a year", From: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), PerYear: 12},
		},
	}
}

// writeTestReport writes the report of the fixed chart data into dir and returns its path.
func writeTestReport(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	r := Report{Data: d, Scenario: testScenario(), Source: testSource, Charts: charts}
	return writePage(t, dir, r.WriteHTML)
}

// writePage writes the page that write makes into dir/report.html and returns its path and
// bytes.
func writePage(t *testing.T, dir string, write func(io.Writer) error) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// TestReportTakesChartsAsDrawn requires a report given its charts' SVG documents to be the
// report that draws them itself, and to show what it is given: each chart is drawn once when
// its own SVG file is written beside the report.
func TestReportTakesChartsAsDrawn(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	drawn := map[string][]byte{}
	for _, c := range charts {
		wt, err := c.WriterTo("svg")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := wt.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		drawn[c.Name] = buf.Bytes()
	}
	_, want := writeTestReport(t, t.TempDir())
	fresh, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	r := Report{Data: d, Scenario: testScenario(), Source: testSource, Charts: fresh, SVG: func(c *Chart) ([]byte, error) { return drawn[c.Name], nil }}
	if _, got := writePage(t, t.TempDir(), r.WriteHTML); !bytes.Equal(got, want) {
		t.Error("the report given its charts' SVG differs from the one that draws them")
	}
	r.SVG = func(c *Chart) ([]byte, error) {
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>given ` + c.Name + `</text></svg>`), nil
	}
	if _, got := writePage(t, t.TempDir(), r.WriteHTML); !bytes.Contains(got, []byte("given "+charts[0].Name)) {
		t.Error("the report did not show the SVG it was given")
	}
}

// TestReportSelfContained checks that the report names no outside resource: every URL in it
// is an XML namespace, which a browser never fetches.
func TestReportSelfContained(t *testing.T) {
	_, html := writeTestReport(t, t.TempDir())
	s := string(html)
	for _, want := range []string{"<svg", "Key figures", "What was simulated", "Assumptions", "Recruit 12 more in-house foster carers a year", "@page { size: A4"} {
		if !strings.Contains(s, want) {
			t.Errorf("the report has no %q", want)
		}
	}
	if n := strings.Count(s, "<svg "); n != 7 {
		t.Errorf("%d inline charts, want 7", n)
	}
	url := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'\s)<]*`)
	for _, m := range url.FindAllString(s, -1) {
		if m != "http://www.w3.org/2000/svg" && m != "http://www.w3.org/1999/xlink" {
			t.Errorf("the report refers to %s", m)
		}
	}
	for _, tag := range []string{"<script", "<link", "<img", "<iframe", "@import", "url("} {
		if strings.Contains(s, tag) {
			t.Errorf("the report has %s", tag)
		}
	}
}

// TestReportWeeklyPricesExact requires the report's assumptions to show each weekly price as
// the scenario gives it, to the pound (and penny), not rounded to thousands as large totals are.
func TestReportWeeklyPricesExact(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	s := testScenario()
	s.Kinds[0].WeeklyCostGBP[model.NeedStandard] = 1400
	s.Kinds[1].WeeklyCostGBP[model.NeedStandard] = 6100
	s.Kinds = append(s.Kinds, model.Kind{Name: "supported", Label: "Supported accommodation", Supply: model.Market, WeeklyCostGBP: [model.NumNeeds]float64{1234.5}})
	s.Emergency.WeeklyCostGBP = 10500
	r := Report{Data: d, Scenario: s, Source: testSource, Charts: charts}
	_, html := writePage(t, t.TempDir(), r.WriteHTML)
	for _, want := range []string{
		`<th scope="row" class="row">In-house foster care</th><td class="num">£1,400</td>`,
		`<th scope="row" class="row">Independent fostering agency</th><td class="num">£6,100</td>`,
		`<th scope="row" class="row">In-house children&#39;s homes</th><td class="num">none</td>`,
		`<th scope="row" class="row">Supported accommodation</th><td class="num">£1,234.50</td>`,
		`<th scope="row">Emergency placement</th><td>£10,500 a week,`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the report has no %s", want)
		}
	}
}

// chromiumPath returns Debian's chromium, or skips the test where there is none and CI is not
// set: under CI it must run, and .ci/run installs chromium (or, where it cannot, sets
// PLACESIM_NO_BROWSER).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("PLACESIM_NO_BROWSER") != "" {
		t.Skip("PLACESIM_NO_BROWSER is set: .ci/run could not install chromium here")
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); under CI=true this test runs")
	return ""
}

// artifactDir is where the browser test leaves its screenshot and A4 print for a person to
// look at: plots/testdata/artifacts/, which git ignores.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// chromiumFlags are the flags of a quiet, private, offline headless Chromium: no sandbox (tests
// may run as root), no GPU, no background requests of its own, and every host name resolving to
// nothing, so that a request the page made could not leave the machine and would fail loudly.
func chromiumFlags(profile string) []string {
	return []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND",
		"--enable-logging=stderr", "--v=0", "--hide-scrollbars",
	}
}

// runChromium runs Chromium on url with flags and returns its stdout and stderr.
func runChromium(t *testing.T, exe string, args ...string) (string, string) {
	t.Helper()
	out := runChromiums(t, exe, args)
	return out[0][0], out[0][1]
}

// runChromiums runs Chromium once for each list of arguments, all at the same time (each with
// a profile of its own), and returns each run's stdout and stderr. A run of headless Chromium
// spends most of its second or so waiting rather than computing, so runs side by side take
// little longer than one.
func runChromiums(t *testing.T, exe string, runs ...[]string) [][2]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmds := make([]*exec.Cmd, len(runs))
	bufs := make([][2]bytes.Buffer, len(runs))
	errs := make([]error, len(runs))
	for i, args := range runs {
		cmds[i] = exec.CommandContext(ctx, exe, args...)
		cmds[i].Stdout, cmds[i].Stderr = &bufs[i][0], &bufs[i][1]
		errs[i] = cmds[i].Start()
	}
	out := make([][2]string, len(runs))
	for i, cmd := range cmds {
		if errs[i] == nil {
			errs[i] = cmd.Wait()
		}
		out[i] = [2]string{bufs[i][0].String(), bufs[i][1].String()}
	}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, out[i][1])
		}
	}
	return out
}

// consoleLine matches what Chromium logs for a message on the page's console (an error, an
// uncaught exception, a failed load): the report has no script, so any is a problem.
var consoleLine = regexp.MustCompile(`:CONSOLE[:(]`)

// pageRequests returns the URLs, other than file: ones, that the page itself asked for, from
// Chromium's network log: its requests are those whose network isolation key is the file's
// origin; the browser's own background requests have other keys.
func pageRequests(t *testing.T, netlog string) []string {
	t.Helper()
	raw, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Events []struct {
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatalf("network log: %v", err)
	}
	var out []string
	for _, e := range log.Events {
		url, _ := e.Params["url"].(string)
		key, _ := e.Params["network_isolation_key"].(string)
		if url != "" && strings.HasPrefix(key, "file://") && !strings.HasPrefix(url, "file:") && !slices.Contains(out, url) {
			out = append(out, url)
		}
	}
	return out
}

// TestReportInChromium opens the report in headless Chromium: the page must load with every
// chart, write nothing to the console and make no network request (Chromium's network log
// shows none; host names resolve to nothing, so none could leave the machine). A full-page
// screenshot and the page printed on A4 are left in plots/testdata/artifacts/. With
// -print-widths (make test-browser), every table of the report and of a comparison's board
// pack fits the width of the printed page (the region's pages: TestRegionPagesInChromium).
func TestReportInChromium(t *testing.T) {
	exe := chromiumPath(t)
	t.Parallel() // mostly waiting on Chromium: beside TestCompareReportInChromium
	dir := t.TempDir()
	path, page := writeTestReport(t, dir)
	if *printWidths {
		_, pack := writeTestCompareReport(t, t.TempDir())
		for _, p := range []struct {
			name string
			html []byte
		}{{"report", page}, {"board pack", pack}} {
			for _, w := range printedTablesTooWide(t, exe, p.html) {
				t.Errorf("%s on A4: %s", p.name, w)
			}
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(abs)

	art := artifactDir(t)
	shot, err := filepath.Abs(filepath.Join(art, "report.png"))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := filepath.Abs(filepath.Join(art, "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// The page loaded, its screenshot and its A4 print, three browsers side by side.
	netlog := filepath.Join(dir, "netlog.json")
	runs := runChromiums(t, exe,
		append(chromiumFlags(filepath.Join(dir, "profile-dom")), "--log-net-log="+netlog, "--dump-dom", url),
		append(chromiumFlags(filepath.Join(dir, "profile-shot")), "--window-size=900,4200", "--screenshot="+shot, url),
		append(chromiumFlags(filepath.Join(dir, "profile-pdf")), "--no-pdf-header-footer", "--print-to-pdf="+pdf, url))
	dom, logs := runs[0][0], runs[0][1]
	for _, u := range pageRequests(t, netlog) {
		t.Errorf("the page requested %s", u)
	}
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := strings.Count(dom, `class="chart"`), len(charts); n != want || want < 7 {
		t.Errorf("the loaded page shows %d charts, want %d", n, want)
	}
	if !strings.Contains(dom, "</footer>") {
		t.Error("the page did not load to its end")
	}
	for _, line := range strings.Split(logs, "\n") {
		if consoleLine.MatchString(line) {
			t.Errorf("chromium: %s", line)
		}
	}
	for _, f := range []string{shot, pdf} {
		if st, err := os.Stat(f); err != nil || st.Size() < 10000 {
			t.Errorf("%s: %v (size %v)", f, err, st)
		}
	}
}

// TestKeyFiguresPartYears requires the key figures of a run that does not start on 1 April to
// show its first and last whole years, not the part years at its ends, and to say which part
// years it leaves out; to show the one whole year of a run with one, and the part years, said
// as such, of a run with none; and to show the whole run's totals a year by dividing by the
// years simulated, not by the financial years reported (one more).
func TestKeyFiguresPartYears(t *testing.T) {
	d := readTestData(t)
	names := d.SeriesNames(KeyFigures)
	var periods []string
	for _, r := range d.Series(KeyFigures, names[0]) {
		periods = append(periods, r.X)
	}
	n := len(periods) - 1 // financial years reported
	first, _, _ := strings.Cut(periods[0], "/")
	year, err := strconv.Atoi(first)
	if err != nil || n < 4 {
		t.Fatalf("test data periods %v", periods)
	}
	s := testScenario()
	s.Start, s.Years = time.Date(year, 10, 1, 0, 0, 0, 0, time.UTC), n-1
	tb := keyFigureTable(d, s, 1000)
	want := []string{periods[1], periods[n-2], "Whole run (a year)"}
	if !slices.Equal(tb.Columns, want) {
		t.Errorf("columns %q, want %q", tb.Columns, want)
	}
	if want := periods[0] + " (from 1 October) and " + periods[n-1] + " (to 30 September) are part years, left out of the yearly columns"; !strings.HasPrefix(tb.Note, want) {
		t.Errorf("note %q, want it to start %q", tb.Note, want)
	}
	// The key figures of the first k financial years and the whole run.
	firstYears := func(k int) *Data {
		out := &Data{Scenario: d.Scenario}
		for _, r := range d.Rows {
			if r.Chart == KeyFigures && (r.X == "all" || slices.Index(periods, r.X) < k) {
				out.Rows = append(out.Rows, r)
			}
		}
		return out
	}
	// A run of 2 years from 15 April has one whole year between its part years.
	s.Start, s.Years = time.Date(year, 4, 15, 0, 0, 0, 0, time.UTC), 2
	if tb := keyFigureTable(firstYears(3), s, 1000); !slices.Equal(tb.Columns, []string{periods[1], "Whole run (a year)"}) {
		t.Errorf("2 years from 15 April: columns %q", tb.Columns)
	}
	// A run of 1 year from 15 April has none: its part years, said as such.
	s.Start, s.Years = time.Date(year, 4, 15, 0, 0, 0, 0, time.UTC), 1
	if tb := keyFigureTable(firstYears(2), s, 1000); !slices.Equal(tb.Columns, []string{periods[0] + " (from 15 April)", periods[1] + " (to 14 April)", "Whole run (a year)"}) ||
		!strings.HasPrefix(tb.Note, "No financial year of this run is whole") {
		t.Errorf("1 year from 15 April: columns %q, note %q", tb.Columns, tb.Note)
	}
	s.Start, s.Years = time.Date(year, 10, 1, 0, 0, 0, 0, time.UTC), n-1
	tb = keyFigureTable(d, s, 1000)
	i := slices.Index(names, "cost_total")
	if i < 0 {
		t.Fatalf("no cost_total among the key figures %v", names)
	}
	for _, name := range names[i : i+1] {
		var all float64
		for _, r := range d.Series(KeyFigures, name) {
			if r.X == periods[n] {
				all = r.Mean
			}
		}
		if got, want := tb.Rows[i].Cells[2].Value, formatKPI(name, all/float64(n-1)); got != want {
			t.Errorf("whole run a year %s, want %s (the run's %v over %d years simulated)", got, want, all, n-1)
		}
	}
	// A run from 1 April: plain financial years, divided by the years.
	s = testScenario()
	s.Start, s.Years = time.Date(year, 4, 1, 0, 0, 0, 0, time.UTC), n
	if tb := keyFigureTable(d, s, 1000); !slices.Equal(tb.Columns, []string{periods[0], periods[n-1], "Whole run (a year)"}) || tb.Note != "" {
		t.Errorf("columns from 1 April %q, note %q", tb.Columns, tb.Note)
	}
}

// TestReportBaselineInterventions checks that the changes a scenario marks as part of its
// baseline (a calibration's trend) are listed under their own heading, not as the strategy
// tested, and that a scenario of such changes alone says it tests no change of strategy.
func TestReportBaselineInterventions(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	planned := model.Intervention{Action: model.OpenHome, Label: "Open a bed: the council's own homes held more children", Baseline: true,
		From: time.Date(2026, 8, 14, 0, 0, 0, 0, time.UTC), Kind: 2, Count: 1, Name: "Usual bed 1"}
	for _, c := range []struct {
		name    string
		ivs     []model.Intervention
		want    []string
		notWant string
	}{
		{"baseline alone", []model.Intervention{planned}, []string{
			"<p>The scenario tests no change of strategy: it is a baseline.</p>\n<p>Already planned in the baseline: changes the council expects anyway, already decided or the calibration's trend.</p>\n<ul>\n<li>Open a bed: the council&#39;s own homes held more children",
		}, "The strategy tested"},
		{"a strategy on a baseline", append(slices.Clone(testScenario().Interventions), planned), []string{
			"<p>The strategy tested:</p>\n<ul>\n<li>Recruit 12 more in-house foster carers a year",
			"</ul>\n<p>Already planned in the baseline: changes the council expects anyway, already decided or the calibration's trend.</p>\n<ul>\n<li>Open a bed",
		}, "no change of strategy"},
	} {
		s := testScenario()
		s.Interventions = c.ivs
		r := Report{Data: d, Scenario: s, Source: testSource, Charts: charts}
		_, html := writePage(t, t.TempDir(), r.WriteHTML)
		for _, want := range c.want {
			if !strings.Contains(string(html), want) {
				t.Errorf("%s: the report has no %q", c.name, want)
			}
		}
		if strings.Contains(string(html), c.notWant) {
			t.Errorf("%s: the report says %q", c.name, c.notWant)
		}
	}
}

// TestReportHomesFixedCost checks that the Assumptions give, under the council's own homes'
// weekly price, what the homes cost to run whether full or not, named as the scenario names it:
// a reader would otherwise set £250 a week beside £6,100 for an agency's home.
func TestReportHomesFixedCost(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		homes []model.Home
		want  string
	}{
		{"the same cost", []model.Home{{Name: "Oak House", Beds: 4, FixedCostPerYearGBP: 1.1e6}, {Name: "Ash House", Beds: 4, FixedCostPerYearGBP: 1.1e6}},
			`<td class="num wrap">£250<br>plus £1.1m a home a year to run, whether its beds are full or empty, about £5,270 a bed a week</td><td>2 homes, 8 beds</td>`},
		{"costs that differ", []model.Home{{Name: "Oak House", Beds: 4, FixedCostPerYearGBP: 1e6}, {Name: "Ash House", Beds: 4, FixedCostPerYearGBP: 1.2e6}},
			`<td class="num wrap">£250<br>plus £2.2m a year for the 2 homes to run, whether its beds are full or empty, about £5,270 a bed a week</td>`},
		{"no fixed cost", []model.Home{{Name: "Oak House", Beds: 4}},
			`<td class="num">£250</td><td>1 home, 4 beds</td>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testScenario()
			s.Kinds[2].WeeklyCostGBP[model.NeedStandard] = 250
			s.Kinds[2].Homes = tc.homes
			r := Report{Data: d, Scenario: s, Source: testSource, Charts: charts}
			_, html := writePage(t, t.TempDir(), r.WriteHTML)
			if !strings.Contains(string(html), tc.want) {
				i := strings.Index(string(html), `<th scope="row" class="row">In-house children&#39;s homes</th>`)
				t.Errorf("the homes' row is\n%.300s\nwant it to hold\n%s", string(html)[max(i, 0):], tc.want)
			}
		})
	}
}

// TestReportChangesTerms checks that the run report lists each dated change with its terms
// and costs, in the words of a comparison's board pack (InterventionChanges), and under the
// list at which year's prices its money is, not by name and date alone.
func TestReportChangesTerms(t *testing.T) {
	s := testScenario()
	s.Interventions[0].Cost = model.ProgrammeCost{PerUnitGBP: 12000}
	r := Report{Data: readTestData(t), Scenario: s, Source: testSource}
	_, page := writePage(t, t.TempDir(), r.WriteHTML)
	text := html.UnescapeString(string(page))
	for _, want := range []string{
		"<li>" + InterventionChanges(s, s.Interventions)[0] + "</li>",
		"Recruit 12 more in-house foster carers a year (12 more approvals a year for in-house foster care), from April 2027; costs: £12,000",
		"<p>Money in this list is at 2026/27 prices",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report has no %q", want)
		}
	}
}
