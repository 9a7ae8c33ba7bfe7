package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/placesim/placesim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TornadoRow is one input of a sensitivity analysis: a KPI's mean over paired runs of the
// scenario as it is and with the input at its low and at its high value, with the confidence
// interval of each paired difference from the scenario's own mean. Values are in the KPI's
// unit.
type TornadoRow struct {
	// Input says in plain English what was varied ("External children's homes: weekly
	// price, complex needs").
	Input string
	// Range is its low and high values as a reader would write them ("£5,600 to £8,400 a
	// week").
	Range string
	// BaseMean is the KPI's mean with every input at the scenario's own value.
	BaseMean float64
	// LowMean and HighMean are its means with the input at its low and at its high value.
	LowMean, HighMean float64
	// LowDiffLo and LowDiffHi bound the interval of LowMean - BaseMean; HighDiffLo and
	// HighDiffHi that of HighMean - BaseMean. NaN where there is none.
	LowDiffLo, LowDiffHi, HighDiffLo, HighDiffHi float64
}

// Swing returns how far apart the KPI's means at the input's low and high values are:
// |HighMean - LowMean|, in the KPI's unit.
func (r TornadoRow) Swing() float64 { return math.Abs(r.HighMean - r.LowMean) }

// TornadoBars is the most inputs a tornado chart draws: the ones of largest swing.
const TornadoBars = 12

// Colours of a tornado's bars: the input at its low value, at its high value.
var (
	tornadoLow  = blue
	tornadoHigh = orange
)

// TornadoChart draws a tornado chart of a sensitivity analysis of kpi in period ("2030/31" or
// "all"; a part year named as YearLabel names it, "2026/27 (from 1 October)"): for each input, a bar from the scenario's own value to the KPI's mean with the input
// at its low value and one to its mean at its high value, each with the interval of the paired
// difference at its end; inputs sorted by swing, the largest at the top, at most TornadoBars of
// them. level is the intervals' level (0.9), for the legend; src names the scenario, the
// replications of each value and the seed, all values sharing it. The chart is named
// "tornado-<kpi>".
func TornadoChart(rows []TornadoRow, kpi, period string, level float64, src Source) (*Chart, error) {
	return TornadoChartLabelled(rows, kpi, KPILabel(kpi), period, level, src)
}

// TornadoChartLabelled is TornadoChart with kpi named label, as the scenario's catalogue names
// it (sim.Catalogue: a kind by its label).
func TornadoChartLabelled(rows []TornadoRow, kpi, label, period string, level float64, src Source) (*Chart, error) {
	if len(rows) == 0 {
		return nil, errors.New("plots: a tornado chart needs at least one input")
	}
	// An input with no figure at one of its values (a share of no children) has no bar: it is
	// left out and named in the note.
	var sorted []TornadoRow
	var missing []string
	for _, r := range rows {
		if math.IsNaN(r.BaseMean) || math.IsNaN(r.LowMean) || math.IsNaN(r.HighMean) {
			missing = append(missing, lowerFirst(r.Input))
			continue
		}
		sorted = append(sorted, r)
	}
	if len(sorted) == 0 {
		return nil, fmt.Errorf("plots: no input has a value of %s in %s at both its values", kpi, period)
	}
	drawn := len(sorted)
	slices.SortStableFunc(sorted, func(a, b TornadoRow) int {
		switch {
		case a.Swing() > b.Swing():
			return -1
		case a.Swing() < b.Swing():
			return 1
		}
		return 0
	})
	shown := sorted[:min(len(sorted), TornadoBars)]
	n := len(shown)
	base := shown[0].BaseMean
	what := label
	periodText := "over the whole run"
	if period != sim.WholeRun {
		periodText = "in " + period
	}
	c := &Chart{
		Name:   "tornado-" + strings.ReplaceAll(kpi, "_", "-"),
		Title:  fmt.Sprintf("What %s %s rests on", lowerFirst(what), periodText),
		Width:  Width,
		Height: 6*vg.Centimeter + vg.Length(n)*vg.Centimeter,
		Legend: []LegendItem{
			{Label: "Input at its low value", Fill: tornadoLow},
			{Label: "Input at its high value", Fill: tornadoHigh},
			{Label: "The scenario as it is: " + formatKPI(kpi, base), Line: lineStyle(black, 1, nil)},
			{Label: "Paired difference's " + intervalText(level), Line: lineStyle(black, 0.8, nil), Whisker: true},
		},
		Cols: 1,
	}
	if !slices.ContainsFunc(shown, hasInterval) { // one run gives no interval: the legend keys none
		c.Legend = c.Legend[:3]
	}
	c.Source = fmt.Sprintf("Source: placesim %s simulation, scenario %q%s as it is and with each input at its low and its high value, %s of each, seed %d. "+CashTerms,
		src.Version, src.Scenario, ChangedComma(src.Sets), runsOf(src.Reps, "paired run"), src.Seed)
	if src.Prices != "" {
		c.Source += " " + src.Prices
	}
	c.Note = fmt.Sprintf("each bar runs from the scenario's own %s %s to its mean with one input changed, all else as it is; every run shares the seed, so a difference is the input's, not chance's.",
		lowerFirst(what), periodText)
	if drawn > n {
		c.Note += fmt.Sprintf(" The %d inputs of largest swing of %d; sensitivity.csv has them all.", n, drawn)
	}
	if len(missing) > 0 {
		c.Note += fmt.Sprintf(" Left out, with no value at one of their values: %s.", joinAnd(missing))
	}

	var ticks plot.Ticker = countTicks{}
	switch UnitOf(kpi) {
	case Money:
		ticks = moneyTicks{}
	case Share:
		ticks = shareTicks{}
	}
	p := newPlot("", "", categoryTicks{names: tornadoLabels(shown)})
	p.X.Label.Text = what + " " + periodText
	p.X.Tick.Marker = ticks
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Add(&vGrid{})
	p.Add(&tornadoBars{rows: shown, base: base})
	c.addPanel(p)

	top := shown[0]
	c.Subtitle = fmt.Sprintf("%s %s moves most with %s, from %s to %s over %s (%s as it is).",
		what, periodText, lowerFirst(top.Input), formatKPI(kpi, top.LowMean), formatKPI(kpi, top.HighMean), top.Range, formatKPI(kpi, base))
	if n > 1 {
		c.Subtitle += fmt.Sprintf(" Next: %s (a swing of %s)", lowerFirst(shown[1].Input), swingText(kpi, shown[1].Swing()))
		if n > 2 {
			c.Subtitle += fmt.Sprintf(" and %s (%s)", lowerFirst(shown[2].Input), swingText(kpi, shown[2].Swing()))
		}
		c.Subtitle += "."
	}
	return c, nil
}

// swingText writes a swing of kpi as the table gives it: a share's in percentage points
// ("10.4 pts"), as a share's change is everywhere, others as the KPI's own figures.
func swingText(kpi string, swing float64) string {
	if UnitOf(kpi) == Share {
		return strings.TrimPrefix(Signed(swing, Share), "+")
	}
	return formatKPI(kpi, swing)
}

// hasInterval reports whether row r has the interval of a paired difference to draw: one run
// gives none.
func hasInterval(r TornadoRow) bool {
	has := func(lo, hi float64) bool { return !math.IsNaN(lo) && !math.IsNaN(hi) }
	return has(r.LowDiffLo, r.LowDiffHi) || has(r.HighDiffLo, r.HighDiffHi)
}

// tornadoLabels returns the inputs' labels for the y-axis, bottom first (the chart's top is the
// first row): the label and, on a line of its own, the range, each wrapped to the label column.
func tornadoLabels(rows []TornadoRow) []string {
	sty := textStyle(sans, tickSize, textGrey)
	const width = 5.6 * vg.Centimeter
	names := make([]string, len(rows))
	for i, r := range rows {
		lines := wrap(r.Input, sty, width)
		if r.Range != "" {
			lines = append(lines, wrap(r.Range, sty, width)...)
		}
		names[len(rows)-1-i] = strings.Join(lines, "\n")
	}
	return names
}

// tornadoBars draws, at y = n-1 for the first row down to 0 for the last, a bar from base to
// each row's low mean and one to its high mean, the longer under the shorter, with the interval
// of each paired difference at its end, and a line at base.
type tornadoBars struct {
	rows []TornadoRow
	base float64
}

func (t *tornadoBars) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	const half = 0.32 // in rows
	n := len(t.rows)
	for i, r := range t.rows {
		yc := float64(n - 1 - i)
		type bar struct {
			to, lo, hi float64
			color      color.Color
		}
		bs := []bar{{r.LowMean, r.LowDiffLo, r.LowDiffHi, tornadoLow}, {r.HighMean, r.HighDiffLo, r.HighDiffHi, tornadoHigh}}
		if math.Abs(bs[0].to-t.base) < math.Abs(bs[1].to-t.base) {
			bs[0], bs[1] = bs[1], bs[0]
		}
		for _, b := range bs {
			rect := vg.Rectangle{
				Min: vg.Point{X: x(math.Min(t.base, b.to)), Y: y(yc - half)},
				Max: vg.Point{X: x(math.Max(t.base, b.to)), Y: y(yc + half)},
			}
			c.SetColor(b.color)
			c.Fill(rect.Path())
			strokeEdge(c, b.color, rect)
		}
		for _, b := range bs {
			if math.IsNaN(b.lo) || math.IsNaN(b.hi) {
				continue
			}
			sty := lineStyle(black, 0.8, nil)
			x0, x1, ym := x(t.base+b.lo), x(t.base+b.hi), y(yc)
			const capH = 2.5
			c.StrokeLine2(sty, x0, ym, x1, ym)
			c.StrokeLine2(sty, x0, ym-capH, x0, ym+capH)
			c.StrokeLine2(sty, x1, ym-capH, x1, ym+capH)
		}
	}
	c.StrokeLine2(lineStyle(black, 1, nil), x(t.base), c.Min.Y, x(t.base), c.Max.Y)
}

// DataRange spans the bars and their intervals, with a margin on each side; the y range is set
// by the chart.
func (t *tornadoBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = t.base, t.base
	for _, r := range t.rows {
		for _, v := range []float64{r.LowMean, r.HighMean, t.base + r.LowDiffLo, t.base + r.LowDiffHi, t.base + r.HighDiffLo, t.base + r.HighDiffHi} {
			if !math.IsNaN(v) {
				xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
			}
		}
	}
	pad := 0.05 * (xmax - xmin)
	if pad == 0 {
		pad = math.Max(1, 0.05*math.Abs(t.base))
	}
	return xmin - pad, xmax + pad, -0.5, float64(len(t.rows)) - 0.5
}

// vGrid draws light vertical lines at the x-axis' labelled ticks.
type vGrid struct{}

func (g *vGrid) Plot(c draw.Canvas, p *plot.Plot) {
	x, _ := p.Transforms(&c)
	sty := lineStyle(gridGrey, 0.5, nil)
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.Label == "" || t.Value < p.X.Min || t.Value > p.X.Max {
			continue
		}
		c.StrokeLine2(sty, x(t.Value), c.Min.Y, x(t.Value), c.Max.Y)
	}
}

// ChangedComma is ChangedBy's words ended with a comma, so that those after them read as the
// run's, not the change's: " changed by --set a=1," (none for none).
func ChangedComma(sets []string) string {
	if len(sets) == 0 {
		return ""
	}
	return ChangedBy(sets) + ","
}
