package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/placesim/placesim/sim"
)

// SweepChart draws a KPI in one period against the lever of a sweep: the mean at each value
// of the lever with the central level of its runs as a band ("9 in 10 runs" for 0.9). period
// is the rows' period ("2030/31" or "all"), or a part year as YearLabel names it ("2026/27 (from
// 1 October)"), which the title then gives.
func SweepChart(rows []SweepRow, kpi, period string, level float64, src string) (*Chart, error) {
	return SweepChartLabelled(rows, kpi, KPILabel(kpi), "", period, level, src)
}

// SweepChartLabelled is SweepChart with kpi named label, as the scenario's catalogue names it
// (sim.Catalogue: a kind by its label), and the lever named in words by leverLabel ("In-house
// foster care: carer households approved a year"), or by its path where leverLabel is "".
func SweepChartLabelled(rows []SweepRow, kpi, label, leverLabel, period string, level float64, src string) (*Chart, error) {
	bare, _, _ := strings.Cut(period, " (")
	var sel []SweepRow
	for _, r := range rows {
		if r.KPI == kpi && r.Period == bare {
			sel = append(sel, r)
		}
	}
	if len(sel) == 0 {
		return nil, fmt.Errorf("plots: the sweep has no rows of %s in %s", kpi, period)
	}
	lever := sel[0].Lever
	leverWords := lever
	if leverLabel != "" {
		leverWords = leverLabel
	}
	slices.SortStableFunc(sel, func(a, b SweepRow) int {
		switch {
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	})
	xs := make([]float64, len(sel))
	lo, hi, mean := make([]float64, len(sel)), make([]float64, len(sel)), make([]float64, len(sel))
	for i, r := range sel {
		if r.Lever != lever {
			return nil, fmt.Errorf("plots: the sweep's rows of %s in %s vary %s and %s: draw one lever at a time", kpi, period, lever, r.Lever)
		}
		xs[i], lo[i], hi[i], mean[i] = r.Value, r.Lo, r.Hi, r.Mean
		if r.N == 1 { // one run gives no range: no band
			lo[i], hi[i] = math.NaN(), math.NaN()
		}
	}
	what := label
	periodText := "over the whole run"
	if period != sim.WholeRun {
		periodText = "in " + period
	}
	// The band is the spread of the runs (one future's range), not a confidence interval of the
	// mean: it is named as the fan charts name theirs.
	interval := runsText(level)
	c := &Chart{
		Name:   "sweep-" + strings.NewReplacer(".", "-", "_", "-").Replace(lever) + "-" + strings.ReplaceAll(kpi, "_", "-"),
		Title:  fmt.Sprintf("%s %s as %s changes", what, periodText, lowerFirst(leverWords)),
		Source: src,
		Width:  Width, Height: Height,
		Legend: []LegendItem{
			{Label: "Mean of runs", Line: lineStyle(blue, 1.6, nil)},
			{Label: interval, Fill: band50},
		},
		Cols: 1,
	}
	if !slices.ContainsFunc(sel, func(r SweepRow) bool { return r.N != 1 }) { // one run everywhere: no band to key
		// and no mean of runs: the line joins the one run's figure at each value.
		c.Legend = []LegendItem{{Label: "The run at each value", Line: lineStyle(blue, 1.6, nil)}}
	}
	var ticks plot.Ticker = countTicks{}
	switch UnitOf(kpi) {
	case Money:
		ticks = moneyTicks{}
	case Share:
		ticks = shareTicks{}
	}
	p := newPlot("", axisLabel(what, UnitOf(kpi)), ticks)
	p.X.Label.Text = leverWords
	p.X.Min, p.X.Max = xs[0], xs[len(xs)-1]
	p.X.Tick.Marker = countTicks{}
	// The effect of the lever is the point: the axis spans the figures rather than starting at
	// zero, and the subtitle gives the values.
	p.Y.Min = math.Inf(1)
	p.Add(&band{xs: xs, lo: lo, hi: hi, color: band50})
	p.Add(&line{xs: xs, ys: mean, style: lineStyle(blue, 1.6, nil)})
	p.Add(&points{xs: xs, ys: mean, color: blue})
	c.addPanel(p)

	// Values at which the KPI has no figure (a share of no children) are left out of the band
	// and the line, which break there, and named in the subtitle.
	var shown, missing []SweepRow
	for _, r := range sel {
		if math.IsNaN(r.Mean) || math.IsInf(r.Mean, 0) {
			missing = append(missing, r)
		} else {
			shown = append(shown, r)
		}
	}
	if len(shown) == 0 {
		return nil, fmt.Errorf("plots: the sweep has no value of %s in %s at any value of %s", kpi, period, lever)
	}
	first, last := shown[0], shown[len(shown)-1]
	c.Subtitle = fmt.Sprintf("From %s when %s is %s to %s when it is %s (%s at %s: %s to %s).",
		formatKPI(kpi, first.Mean), lever, strconv.FormatFloat(first.Value, 'f', -1, 64),
		formatKPI(kpi, last.Mean), strconv.FormatFloat(last.Value, 'f', -1, 64),
		interval, strconv.FormatFloat(last.Value, 'f', -1, 64), formatKPI(kpi, last.Lo), formatKPI(kpi, last.Hi))
	if leverLabel != "" {
		// The title names the lever in words, which are too long to say twice: the subtitle
		// gives its values.
		c.Subtitle = fmt.Sprintf("From %s at %s to %s at %s (%s at %s: %s to %s).",
			formatKPI(kpi, first.Mean), strconv.FormatFloat(first.Value, 'f', -1, 64),
			formatKPI(kpi, last.Mean), strconv.FormatFloat(last.Value, 'f', -1, 64),
			interval, strconv.FormatFloat(last.Value, 'f', -1, 64), formatKPI(kpi, last.Lo), formatKPI(kpi, last.Hi))
	}
	if last.N == 1 {
		c.Subtitle = strings.Replace(c.Subtitle, fmt.Sprintf(" (%s at %s: %s to %s).", interval, strconv.FormatFloat(last.Value, 'f', -1, 64), formatKPI(kpi, last.Lo), formatKPI(kpi, last.Hi)),
			" (one run at each value, which gives no range).", 1)
	}
	if len(missing) > 0 {
		vs := make([]string, len(missing))
		for i, r := range missing {
			vs[i] = strconv.FormatFloat(r.Value, 'f', -1, 64)
		}
		c.Subtitle += fmt.Sprintf(" No value at %s.", joinAnd(vs))
	}
	return c, nil
}

// shortAxis is the widest, in points, that a KPI's label stands as a y-axis title; a longer
// one (a share of a kind's category, "Share of children in foster care placed in independent
// fostering agency foster care") is named in the title, and the axis gives its unit.
const shortAxis = 140

// axisLabel returns label as a y-axis title where it is short, and otherwise the unit.
func axisLabel(label string, u Unit) string {
	if textStyle(sans, labelSize, textGrey).Width(label) <= shortAxis {
		return label
	}
	switch u {
	case Money:
		return "Pounds"
	case Share:
		return "Per cent"
	}
	return "Number"
}

// shareTicks label a share axis in per cent.
type shareTicks struct{}

func (shareTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(math.Round(1000*ticks[i].Value)/10, 'f', -1, 64) + "%"
		}
	}
	return ticks
}

// points draws a dot at each (x, y).
type points struct {
	xs, ys []float64
	color  color.Color
}

func (pt *points) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	for i := range pt.xs {
		if math.IsNaN(pt.ys[i]) || math.IsInf(pt.ys[i], 0) {
			continue
		}
		c.DrawGlyph(draw.GlyphStyle{Color: pt.color, Radius: 2.6, Shape: draw.CircleGlyph{}}, vg.Point{X: x(pt.xs[i]), Y: y(pt.ys[i])})
	}
}

// joinAnd writes "a", "a and b" or "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// runsText names the central share level of the runs as the fan charts do: 0.9 is "9 in 10
// runs", 0.8 "8 in 10 runs", 0.95 "95% of runs".
func runsText(level float64) string {
	if level <= 0 || level >= 1 {
		return "Range of runs"
	}
	if n := 10 * level; math.Abs(n-math.Round(n)) < 1e-9 {
		return fmt.Sprintf("%d in 10 runs", int(math.Round(n)))
	}
	// Rounded to 9 decimals: 100 × 0.8392 is 83.91999999999999 in floating point.
	return strconv.FormatFloat(math.Round(100*level*1e9)/1e9, 'f', -1, 64) + "% of runs"
}
