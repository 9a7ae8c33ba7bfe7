package plots

import (
	"math"
	"os"
	"strings"
	"testing"
)

// tornadoRows are a sensitivity analysis of spending over ten years, fixed so that the golden
// chart does not move with the simulator; the order is not the swing's.
func tornadoRows() []TornadoRow {
	const base = 715.8e6
	row := func(input, rng string, low, high, half float64) TornadoRow {
		return TornadoRow{Input: input, Range: rng, BaseMean: base, LowMean: base + low, HighMean: base + high,
			LowDiffLo: low - half, LowDiffHi: low + half, HighDiffLo: high - half, HighDiffHi: high + half}
	}
	return []TornadoRow{
		row("Independent fostering agency: weekly price, standard needs", "£760 to £1,140 a week", -31e6, 31e6, 0.1e6),
		row("Children entering care a year", "208 to 312 a year", -98e6, 104e6, 2.5e6),
		row("Time in care: every stay longer or shorter", "80% to 120% of the scenario's", -120e6, 112e6, 3e6),
		row("External children's homes: weekly price, complex needs", "£5,600 to £8,400 a week", -24e6, 24e6, 0.2e6),
		row("Price inflation each April", "2% to 6% a year", -33e6, 108e6, 0.05e6),
		row("Emergency placements: weekly price", "£8,400 to £12,600 a week", -9e6, 9e6, 0.3e6),
		row("External children's homes: places the market offers", "68 to 102 places", 14e6, -6e6, 1.8e6),
		row("Kinds of care with no children: weekly price", "£0 to £5,000 a week", 0, 0, 0),
	}
}

// TestTornadoGolden draws the tornado chart of the fixed rows and compares the SVG byte for
// byte.
func TestTornadoGolden(t *testing.T) {
	c, err := TornadoChart(tornadoRows(), "cost_total", "all", 0.9, testSource)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "tornado-cost-total" {
		t.Errorf("name %q, want tornado-cost-total", c.Name)
	}
	for _, want := range []string{"Spending over the whole run", "time in care: every stay longer or shorter", "moves most with time in care: every stay longer or shorter, from £596m to £828m over 80% to 120% of the scenario's (£716m as it is).", "Next: children entering care a year (a swing of £202m) and price inflation each April (£141m)"} {
		if !strings.Contains(c.Title+" "+c.Subtitle, want) {
			t.Errorf("title %q and subtitle %q lack %q", c.Title, c.Subtitle, want)
		}
	}
	for _, want := range []string{`scenario "default"`, "40 paired runs", "seed 1"} {
		if !strings.Contains(c.Source, want) {
			t.Errorf("source %q lacks %q", c.Source, want)
		}
	}
	golden(t, "tornado-cost-total_golden.svg", svgOf(t, c))
	if os.Getenv("TORNADO_PNG") != "" {
		wt, err := c.WriterTo("png")
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(os.Getenv("TORNADO_PNG"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := wt.WriteTo(f); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTornadoOrderAndLimit checks that the bars are the inputs by swing, largest at the top,
// and that a chart of more than TornadoBars inputs draws those of largest swing and says so.
func TestTornadoOrderAndLimit(t *testing.T) {
	rows := tornadoRows()
	labels := tornadoLabels(rows[:3])
	// The bottom label is the last row's.
	if !strings.HasPrefix(labels[0], "Time in care") || !strings.HasPrefix(labels[2], "Independent fostering agency") {
		t.Errorf("labels bottom first %q", labels)
	}
	var many []TornadoRow
	for i := range TornadoBars + 3 {
		r := rows[0]
		r.Input = "input " + string(rune('A'+i))
		r.HighMean = r.BaseMean + float64(i)*1e6
		many = append(many, r)
	}
	c, err := TornadoChart(many, "cost_total", "2030/31", 0.9, testSource)
	if err != nil {
		t.Fatal(err)
	}
	bars := c.panels[0].p.Y.Tick.Marker.(categoryTicks).names
	if len(bars) != TornadoBars || !strings.HasPrefix(bars[TornadoBars-1], "input O") || !strings.HasPrefix(bars[0], "input D") {
		t.Errorf("bars bottom first %q, want input D up to input O", bars)
	}
	if !strings.Contains(c.Note, "The 12 inputs of largest swing of 15") {
		t.Errorf("note %q does not say that 3 inputs are left out", c.Note)
	}
	if !strings.Contains(c.Title, "in 2030/31") {
		t.Errorf("title %q does not name the year", c.Title)
	}
}

// TestTornadoErrors checks that rows the chart cannot draw give an error, not a panic.
func TestTornadoErrors(t *testing.T) {
	if _, err := TornadoChart(nil, "cost_total", "all", 0.9, testSource); err == nil {
		t.Error("no rows: no error")
	}
	// A missing mean leaves its input out, named in the note (TestTornadoChartNA); with no
	// input left there is no chart.
	rows := tornadoRows()
	for i := range rows {
		rows[i].HighMean = math.NaN()
	}
	if _, err := TornadoChart(rows, "cost_total", "all", 0.9, testSource); err == nil {
		t.Error("no input with both means: no error")
	}
}

// TestTornadoShareSwing checks that the subtitle gives a share's swings in percentage points,
// as the table does, not in per cent.
func TestTornadoShareSwing(t *testing.T) {
	row := func(input string, low, high float64) TornadoRow {
		return TornadoRow{Input: input, Range: "a to b", BaseMean: 0.3, LowMean: low, HighMean: high}
	}
	rows := []TornadoRow{row("Children entering care a year", 0.25, 0.35), row("In-house foster care: carer households approved a year", 0.36, 0.256), row("Price inflation each April", 0.29, 0.31)}
	c, err := TornadoChart(rows, "ifa_share", "2030/31", 0.9, testSource)
	if err != nil {
		t.Fatal(err)
	}
	if want := "(a swing of 10.0 pts) and price inflation each April (2.0 pts)."; !strings.Contains(c.Subtitle, want) {
		t.Errorf("subtitle %q\nwants %q", c.Subtitle, want)
	}
}
