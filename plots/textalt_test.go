package plots

import (
	"bytes"
	"encoding/xml"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSVGTitleAndDesc reads every chart's SVG file as a viewer does: its <svg> element's first
// children are a <title> with the chart's title and a <desc> with the subtitle that states the
// finding, the text alternative of the chart put in a page or a document as an image.
func TestSVGTitleAndDesc(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		wt, err := c.WriterTo("svg")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := wt.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			XMLName  xml.Name
			Children []struct {
				XMLName xml.Name
				Text    string `xml:",chardata"`
			} `xml:",any"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var got [][2]string
		for _, ch := range doc.Children[:min(2, len(doc.Children))] {
			got = append(got, [2]string{ch.XMLName.Local, ch.Text})
		}
		want := [][2]string{{"title", c.Title}, {"desc", c.Subtitle}}
		if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: the SVG's first elements are %q, want %q", c.Name, got, want)
		}
	}
}

// TestReportChartNames requires every chart in a run's report and in a comparison's board
// pack to be named, for a screen reader, by its title and the subtitle that states its
// finding, as the workspace names its charts; the subtitle is not said twice.
func TestReportChartNames(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	_, report := writeTestReport(t, t.TempDir())
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	cmp, err := ComparisonCharts(rows, 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	bc, err := CumulativeNetChart(testCase(), testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	_, pack := writeTestCompareReport(t, t.TempDir())
	for _, tt := range []struct {
		page   string
		html   []byte
		charts []*Chart
	}{{"report", report, charts}, {"board pack", pack, append(cmp, bc)}} {
		names := svgNames(tt.html)
		if len(names) != len(tt.charts) {
			t.Fatalf("%s: %d named charts, want %d", tt.page, len(names), len(tt.charts))
		}
		for i, c := range tt.charts {
			if want := c.Title + ": " + c.Subtitle; names[i] != want {
				t.Errorf("%s: chart %s is named %q, want %q", tt.page, c.Name, names[i], want)
			}
		}
		if bytes.Contains(tt.html, []byte("<desc>")) {
			t.Errorf("%s: an inline chart keeps its <desc>, which repeats its name", tt.page)
		}
	}
}

// svgNames returns the accessible names (aria-label) of the <svg role="img"> elements of page.
func svgNames(page []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<svg [^>]*>`).FindAll(page, -1) {
		if !bytes.Contains(m, []byte(`role="img"`)) {
			continue
		}
		name := ""
		if l := regexp.MustCompile(`aria-label="([^"]*)"`).FindSubmatch(m); l != nil {
			name = html.UnescapeString(string(l[1]))
		}
		out = append(out, strings.TrimSpace(name))
	}
	return out
}

// TestReportLandmarks requires a run's report, like a comparison's board pack, to have a
// <main> landmark holding every section, between its header and its footer, so that a screen
// reader's user can go straight to the content.
func TestReportLandmarks(t *testing.T) {
	_, report := writeTestReport(t, t.TempDir())
	_, pack := writeTestCompareReport(t, t.TempDir())
	for _, p := range []struct {
		name string
		html []byte
	}{{"report", report}, {"board pack", pack}} {
		if msg := landmarkProblem(string(p.html)); msg != "" {
			t.Errorf("%s: %s", p.name, msg)
		}
	}
}

// landmarkProblem says what is wrong with page's landmarks, or returns "": one <main>, after
// the </header> and before the <footer>, holding every <section>.
func landmarkProblem(page string) string {
	if strings.Count(page, "<main>") != 1 || strings.Count(page, "</main>") != 1 {
		return "no single <main> landmark"
	}
	open, end := strings.Index(page, "<main>"), strings.Index(page, "</main>")
	if strings.Index(page, "</header>") > open || strings.Index(page, "<footer") < end {
		return "<main> is not between the header and the footer"
	}
	first, last := strings.Index(page, "<section"), strings.LastIndex(page, "</section>")
	if first >= 0 && (first < open || last > end) {
		return "a section lies outside <main>"
	}
	return ""
}

// LandmarkProblem lends landmarkProblem to the package's external tests.
func LandmarkProblem(page string) string { return landmarkProblem(page) }
