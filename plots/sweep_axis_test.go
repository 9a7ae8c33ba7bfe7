package plots

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// dotYs returns the SVG y of each dot a chart draws (a glyph of radius 2.6, the sweep's
// points), in the chart's own coordinates: up from the bottom, as gonum's SVG flips them.
func dotYs(t *testing.T, svg []byte) []float64 {
	t.Helper()
	var ys []float64
	for _, m := range regexp.MustCompile(`d="M[-0-9.]+,([-0-9.]+)A2\.6,2\.6 `).FindAllSubmatch(svg, -1) {
		y, err := strconv.ParseFloat(string(m[1]), 64)
		if err != nil {
			t.Fatal(err)
		}
		ys = append(ys, y)
	}
	return ys
}

// sweepShareRows are a sweep of the share of foster care with agencies falling from 41% to
// 23% as more in-house carers are approved: the README's example.
func sweepShareRows() []SweepRow {
	row := func(v, mean, lo, hi float64) SweepRow {
		return SweepRow{Scenario: "default", Lever: "kinds.inhouse_foster.carers.approvals_per_year", Value: v, Period: "2030/31", KPI: "ifa_share", Mean: mean, Lo: lo, Hi: hi, N: 50}
	}
	return []SweepRow{row(19, 0.411, 0.356, 0.455), row(25, 0.356, 0.28, 0.405), row(31, 0.305, 0.233, 0.358), row(37, 0.261, 0.2, 0.304), row(43, 0.228, 0.16, 0.284)}
}

// TestSweepShareSpansPlot draws the sweep of a share whose label is long and checks that the
// points span the plot as the data do: the mean falls by nearly half its range, so the first
// point sits well above the last. A y-axis title as long as the label once left the plot no
// height, and the points lay flat on the x axis.
func TestSweepShareSpansPlot(t *testing.T) {
	label := "Share of children in foster care placed in independent fostering agency foster care"
	for _, lever := range []string{"", "In-house foster care: carer households approved a year"} {
		c, err := SweepChartLabelled(sweepShareRows(), "ifa_share", label, lever, "2030/31", 0.9, "Source: test.")
		if err != nil {
			t.Fatal(err)
		}
		ys := dotYs(t, renderWithin(t, c, "svg"))
		if len(ys) != 5 {
			t.Fatalf("%d dots, want 5", len(ys))
		}
		// The plot is about 130 points high on a 10 cm chart (of 283): the fall of 18 points
		// of 30 on the axis is well over 40 of them.
		if fall := ys[0] - ys[4]; fall < 40 {
			t.Errorf("lever %q: the dots fall %.1f points down the chart from the first to the last (y %v), want over 40", lever, fall, ys)
		}
		for i := 1; i < len(ys); i++ {
			if ys[i] >= ys[i-1] {
				t.Errorf("lever %q: dot %d at y %.2f is not below dot %d at %.2f: the chart shows a rise where the data fall", lever, i, ys[i], i-1, ys[i-1])
			}
		}
		if lever != "" {
			if !strings.Contains(c.Title, "as in-house foster care: carer households approved a year changes") || strings.Contains(c.Title, "kinds.") {
				t.Errorf("title %q: want the lever in words", c.Title)
			}
		}
	}
}

// TestLongYLabelLeavesRoom draws a chart whose y-axis title is longer than the plot is high:
// the guard wraps it or leaves it off, and the data keep their height.
func TestLongYLabelLeavesRoom(t *testing.T) {
	c, err := SweepChart(sweepShareRows(), "ifa_share", "2030/31", 0.9, "Source: test.")
	if err != nil {
		t.Fatal(err)
	}
	c.panels[0].p.Y.Label.Text = strings.Repeat("A very long title of an axis ", 8)
	ys := dotYs(t, renderWithin(t, c, "svg"))
	if len(ys) != 5 || ys[0]-ys[4] < 40 {
		t.Errorf("dots at y %v: want 5, the last over 40 points below the first", ys)
	}
}
