package plots

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
)

// renderWithin renders c in format, failing the test if it takes longer than a few seconds: a
// path through NaN once never finished as a PNG.
func renderWithin(t *testing.T, c *Chart, format string) []byte {
	t.Helper()
	done := make(chan []byte, 1)
	go func() {
		wt, err := c.WriterTo(format)
		if err != nil {
			t.Error(err)
			done <- nil
			return
		}
		var buf bytes.Buffer
		if _, err := wt.WriteTo(&buf); err != nil {
			t.Error(err)
		}
		done <- buf.Bytes()
	}()
	select {
	case b := <-done:
		return b
	case <-time.After(20 * time.Second):
		t.Fatalf("%s of %s did not finish in 20s", format, c.Name)
		return nil
	}
}

// A KPI with no value at some of a sweep's values (a share of no children) is left out of the
// band and the line, which break there, and the chart says so.
func TestSweepChartNA(t *testing.T) {
	nan := math.NaN()
	row := func(v, mean, lo, hi float64) SweepRow {
		return SweepRow{Scenario: "erlang", Lever: "entries.per_year", Value: v, Period: "all", KPI: "first_choice_share", Mean: mean, Lo: lo, Hi: hi, N: 2}
	}
	for _, tt := range []struct {
		rows []SweepRow
		note string
	}{
		{[]SweepRow{row(0, nan, nan, nan), row(20, 1, 1, 1)}, " No value at 0."},
		{[]SweepRow{row(0, 0.5, 0.4, 0.6), row(10, nan, nan, nan), row(20, 0.7, 0.6, 0.8), row(30, 0.8, 0.7, 0.9)}, " No value at 10."},
		{[]SweepRow{row(0, nan, nan, nan), row(10, nan, nan, nan), row(20, 0.7, 0.6, 0.8)}, " No value at 0 and 10."},
	} {
		c, err := SweepChart(tt.rows, "first_choice_share", "all", 0.9, "Source: test.")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(c.Subtitle, tt.note) {
			t.Errorf("subtitle %q does not end %q", c.Subtitle, tt.note)
		}
		if svg := renderWithin(t, c, "svg"); bytes.Contains(svg, []byte("NaN")) {
			t.Errorf("the SVG of %v has NaN in it", tt.rows)
		}
		renderWithin(t, c, "png")
	}
	if _, err := SweepChart([]SweepRow{row(0, nan, nan, nan)}, "first_choice_share", "all", 0.9, "Source: test."); err == nil {
		t.Error("a sweep with no value at all drew a chart")
	}
}

// Every mark that draws a path through a series leaves out its values of NaN: none reaches the
// SVG, and the PNG finishes.
func TestMarksNA(t *testing.T) {
	nan := math.NaN()
	xs := []float64{0, 1, 2, 3, 4, 5}
	ys := []float64{nan, 1, 2, nan, 4, nan}
	c := &Chart{Name: "marks-na", Title: "Marks with gaps", Subtitle: "Test.", Source: "Source: test.", Width: Width, Height: 8 * vg.Centimeter, Cols: 1}
	p := newPlot("", "count", countTicks{})
	p.Add(&band{xs: xs, lo: ys, hi: []float64{nan, 2, 3, 4, 5, nan}, color: band50})
	p.Add(&line{xs: xs, ys: ys, style: lineStyle(blue, 1.6, nil)})
	p.Add(&points{xs: xs, ys: ys, color: blue})
	p.Add(&whiskers{lo: ys, hi: ys, mid: ys, style: lineStyle(blue, 1, nil), point: blue})
	p.Add(&bars{segs: [][]float64{ys}, colors: []color.Color{blue}, width: 0.5})
	c.addPanel(p)
	if svg := renderWithin(t, c, "svg"); bytes.Contains(svg, []byte("NaN")) {
		i := bytes.Index(svg, []byte("NaN"))
		t.Errorf("the SVG has NaN in it: %s", svg[max(0, i-300):i+20])
	}
	renderWithin(t, c, "png")
}

// The sweep's band is the spread of the runs, named as the fan charts name theirs, not a
// confidence interval.
func TestSweepChartBandLabel(t *testing.T) {
	rows := []SweepRow{{Lever: "a", Value: 0, Period: "all", KPI: "cost_total", Mean: 2, Lo: 1, Hi: 3}, {Lever: "a", Value: 1, Period: "all", KPI: "cost_total", Mean: 3, Lo: 2, Hi: 4}}
	for level, want := range map[float64]string{0.9: "9 in 10 runs", 0.8: "8 in 10 runs", 0.95: "95% of runs"} {
		c, err := SweepChart(rows, "cost_total", "all", level, "Source: test.")
		if err != nil {
			t.Fatal(err)
		}
		if c.Legend[1].Label != want || !strings.Contains(c.Subtitle, "("+want+" at 1: ") {
			t.Errorf("level %v: legend %q, subtitle %q; want %q in both", level, c.Legend[1].Label, c.Subtitle, want)
		}
	}
}

// An input with no value at one of its values has no bar: the tornado leaves it out and says
// so, and draws the others.
func TestTornadoChartNA(t *testing.T) {
	nan := math.NaN()
	rows := []TornadoRow{
		{Input: "Children entering care a year", Range: "0 to 20 a year", BaseMean: 0.96, LowMean: nan, HighMean: 1, LowDiffLo: nan, LowDiffHi: nan, HighDiffLo: -0.1, HighDiffHi: 0.2},
		{Input: "Time in care: every stay longer or shorter", Range: "80% to 120%", BaseMean: 0.96, LowMean: 0.99, HighMean: 0.82, LowDiffLo: -0.1, LowDiffHi: 0.2, HighDiffLo: -0.3, HighDiffHi: 0.03},
	}
	c, err := TornadoChart(rows, "first_choice_share", "all", 0.9, Source{Version: "test", Scenario: "erlang", Reps: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := " Left out, with no value at one of their values: children entering care a year."; !strings.HasSuffix(c.Note, want) {
		t.Errorf("note %q does not end %q", c.Note, want)
	}
	if svg := renderWithin(t, c, "svg"); bytes.Contains(svg, []byte("NaN")) {
		t.Error("the tornado's SVG has NaN in it")
	}
	if _, err := TornadoChart(rows[:1], "first_choice_share", "all", 0.9, Source{}); err == nil {
		t.Error("a tornado of no input with both values drew a chart")
	}
}
