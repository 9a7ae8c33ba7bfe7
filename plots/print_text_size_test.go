package plots

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// minPrintedTextPt is the smallest text a chart may print at, in points: board papers are read
// on paper, and text under 9 pt is hard to read there.
const minPrintedTextPt = 9

// TestChartTextPrintsAtLeast9pt checks every size of text in every chart, scaled from the
// width the chart is drawn at to the width a report and board pack print it at (the width
// between the A4 page's margins, which svg.chart fills), is at least minPrintedTextPt.
func TestChartTextPrintsAtLeast9pt(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := ComparisonCharts(readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) }), 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	printedPt := printableWidthPx(t) / 96 * 72
	width := regexp.MustCompile(`<svg width="([0-9.]+)pt"`)
	size := regexp.MustCompile(`font-size:([0-9.]+)px`)
	for _, c := range append(charts, cmp...) {
		svg := string(svgOf(t, c))
		m := width.FindStringSubmatch(svg)
		if m == nil {
			t.Fatalf("%s: no width in pt", c.Name)
		}
		drawn, _ := strconv.ParseFloat(m[1], 64)
		scale := printedPt / drawn
		for _, s := range size.FindAllStringSubmatch(svg, -1) {
			pt, _ := strconv.ParseFloat(s[1], 64)
			if pt*scale < minPrintedTextPt-1e-9 {
				t.Errorf("%s: text of %s pt drawn %.0f pt wide prints at %.2f pt on A4, want at least %d pt", c.Name, s[1], drawn, pt*scale, minPrintedTextPt)
				break
			}
		}
	}
}
