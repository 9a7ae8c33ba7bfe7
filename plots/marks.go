package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/placesim/placesim/model"
)

// newPlot returns an empty panel in the house style: a light horizontal grid, no frame, the
// y-axis labelled yLabel with ticks from yTicks.
func newPlot(title, yLabel string, yTicks plot.Ticker) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	p.Title.Text = title
	setFont(&p.Title.TextStyle, sansBold, labelSize, black)
	p.Title.Padding = 3
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		setFont(&ax.Label.TextStyle, sans, labelSize, textGrey)
		setFont(&ax.Tick.Label, sans, tickSize, textGrey)
		ax.LineStyle = lineStyle(grey, 0.6, nil)
		ax.Tick.LineStyle = lineStyle(grey, 0.6, nil)
		ax.Tick.Length = 3
		ax.Padding = 2
	}
	p.Y.Label.Text = yLabel
	p.Y.Tick.Marker = yTicks
	p.Y.LineStyle.Width = 0
	p.Y.Tick.Length = 0
	p.Y.Min = 0
	p.Add(&hGrid{})
	return p
}

// setFont sets the font, size in points and colour of sty, keeping its alignment and rotation.
func setFont(sty *text.Style, f font.Font, size float64, c color.Color) {
	sty.Font = font.From(f, font.Length(size))
	sty.Color = c
	sty.Handler = measured
}

// yearOf returns t as a number of years: 2026.25 is 1 April 2026.
func yearOf(t time.Time) float64 {
	return float64(t.Year()) + float64(t.Month()-1)/12 + float64(t.Day()-1)/365.25
}

// monthEnd returns the position of the end of the month that starts on t: stocks are counted
// then.
func monthEnd(t time.Time) float64 { return yearOf(t.AddDate(0, 1, 0)) }

// fyStart returns the financial year that contains year y (as yearOf gives it), by the year it
// starts in.
func fyStart(y float64) int {
	yr := int(math.Floor(y))
	if y-float64(yr) < 0.25-1e-9 {
		yr--
	}
	return yr
}

// fyTicks labels a time axis by financial year: each label sits under the middle of its year,
// and every year is shown, or every other one when short is set and there are many.
type fyTicks struct{ every int }

func (t fyTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	every := max1(t.every)
	for y := fyStart(min); float64(y)+0.25 < max; y++ {
		mid := float64(y) + 0.75
		if mid < min || mid > max || (y-fyStart(min))%every != 0 {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: mid, Label: model.FinancialYearFrom(y)})
	}
	return ticks
}

func max1(n int) int { return max(n, 1) }

// setTimeAxis sets p's x-axis to run from min to max years, labelled by financial year, with
// a light line at each April. Labels are skipped so that at most fit of them show.
func setTimeAxis(p *plot.Plot, min, max float64, fit int) {
	p.X.Min, p.X.Max = min, max
	years := int(math.Ceil(max - min))
	p.X.Tick.Marker = fyTicks{every: (years + fit - 1) / max1(fit)}
	p.X.Tick.Length = 0
	p.Add(&vLines{step: 1, offset: 0.25})
}

// niceTicks returns five or so labelled values at round steps (1, 2 or 5 times a power of ten,
// and at least minStep) between min and max, always on multiples of the step, so that zero is
// labelled whenever it is in range.
func niceTicks(min, max, minStep float64, label func(v, step float64) string) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: label(min, 1)}}
	}
	step := niceStep(min, max, minStep)
	var ticks []plot.Tick
	for k := math.Ceil(min/step - 1e-9); k*step <= max+1e-9*step; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no negative zero
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label(v, step)})
	}
	return ticks
}

// niceStep returns the step of niceTicks between min and max (max > min): the round step
// that gives five or so ticks, and at least minStep.
func niceStep(min, max, minStep float64) float64 {
	raw := (max - min) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	return math.Max(step, minStep)
}

// stepper is a tick rule whose labelled ticks fall on multiples of a step: fitYAxis widens an
// axis to the next multiples when fewer than two ticks fall in its range.
type stepper interface {
	step(min, max float64) float64
}

// countTicks label an axis of children, places or households with whole numbers.
type countTicks struct{}

func (countTicks) Ticks(min, max float64) []plot.Tick {
	// Children and carers come whole: no tick at half a child.
	return niceTicks(min, max, 1, func(v, _ float64) string { return formatCount(v) })
}

func (countTicks) step(min, max float64) float64 { return niceStep(min, max, 1) }

// moneyTicks label an axis of pounds: £20m, £2.5m, £500k. The step is at least £1, and when
// two labels would read the same (£1.0m and £1.0m a step of £50k apart) every label gets the
// decimals the step needs (£1.00m, £1.05m).
type moneyTicks struct{}

func (moneyTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := niceTicks(lo, hi, 1, func(v, step float64) string {
		switch {
		case v == 0:
			return "£0"
		case step >= 1e5:
			return trimMoney(v)
		}
		return formatMoney(v)
	})
	if len(ticks) < 2 || distinctLabels(ticks) {
		return ticks
	}
	step := ticks[1].Value - ticks[0].Value
	top := math.Max(math.Abs(ticks[0].Value), math.Abs(ticks[len(ticks)-1].Value))
	unit, suffix := 1.0, ""
	switch {
	case top >= 1e6:
		unit, suffix = 1e6, "m"
	case top >= 1e3:
		unit, suffix = 1e3, "k"
	}
	decimals := max(0, int(math.Ceil(-math.Log10(step/unit)-1e-9)))
	for i, t := range ticks {
		sign := ""
		if t.Value < 0 {
			sign = "-"
		}
		ticks[i].Label = sign + "£" + strconv.FormatFloat(math.Abs(t.Value)/unit, 'f', decimals, 64) + suffix
		if t.Value == 0 {
			ticks[i].Label = "£0"
		}
	}
	return ticks
}

func (moneyTicks) step(min, max float64) float64 { return niceStep(min, max, 1) }

// distinctLabels reports whether no two ticks have the same label.
func distinctLabels(ticks []plot.Tick) bool {
	seen := make(map[string]bool, len(ticks))
	for _, t := range ticks {
		if seen[t.Label] {
			return false
		}
		seen[t.Label] = true
	}
	return true
}

// fitYAxis gives p's y-axis a range its tick rule labels at least twice. A series flat at
// zero gets an axis from zero to one; one flat elsewhere, an axis a tenth of its order of
// magnitude either side (£0.9m to £1.1m about £1m). An axis so short that its step (at least
// one child, or £1) falls in it at most once is widened to the multiples of the step around
// it: 0 to 0.3 children becomes 0 to 1.
func fitYAxis(p *plot.Plot) {
	ax := &p.Y
	if ax.Max <= ax.Min {
		if ax.Min == 0 {
			ax.Max = ax.Min + 1
		} else {
			pad := math.Pow(10, math.Floor(math.Log10(math.Abs(ax.Min)))) / 10
			ax.Min, ax.Max = ax.Min-pad, ax.Max+pad
		}
	}
	st, ok := ax.Tick.Marker.(stepper)
	if !ok {
		return
	}
	n := 0
	for _, t := range ax.Tick.Marker.Ticks(ax.Min, ax.Max) {
		if t.Label != "" && t.Value >= ax.Min && t.Value <= ax.Max {
			n++
		}
	}
	if n >= 2 {
		return
	}
	s := st.step(ax.Min, ax.Max)
	lo, hi := math.Floor(ax.Min/s)*s, math.Ceil(ax.Max/s)*s
	if hi <= lo {
		hi = lo + s
	}
	ax.Min, ax.Max = lo, hi
}

// hGrid draws light horizontal lines at the y-axis' labelled ticks.
type hGrid struct{}

func (g *hGrid) Plot(c draw.Canvas, p *plot.Plot) {
	_, y := p.Transforms(&c)
	sty := lineStyle(gridGrey, 0.5, nil)
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if t.Label == "" || t.Value < p.Y.Min || t.Value > p.Y.Max {
			continue
		}
		c.StrokeLine2(sty, c.Min.X, y(t.Value), c.Max.X, y(t.Value))
	}
}

// vLines draws light vertical lines at offset + k*step: the start of each financial year.
type vLines struct{ step, offset float64 }

func (g *vLines) Plot(c draw.Canvas, p *plot.Plot) {
	x, _ := p.Transforms(&c)
	sty := lineStyle(gridGrey, 0.5, nil)
	for v := math.Floor(p.X.Min) + g.offset; v <= p.X.Max; v += g.step {
		if v > p.X.Min {
			c.StrokeLine2(sty, x(v), c.Min.Y, x(v), c.Max.Y)
		}
	}
}

// zeroLine draws the line y = 0, darker than the grid, for differences.
type zeroLine struct{}

func (zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	_, y := p.Transforms(&c)
	if p.Y.Min <= 0 && p.Y.Max >= 0 {
		c.StrokeLine2(lineStyle(darkGrey, 0.8, nil), c.Min.X, y(0), c.Max.X, y(0))
	}
}

// band fills the area between lo and hi over xs, and outlines both edges in the fill's edge
// colour (edgeOf).
type band struct {
	xs, lo, hi []float64
	color      color.Color
	// stacked outlines the band in stackEdge, as an area of a stack.
	stacked bool
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	// A value with no figure (NaN) breaks the band: each run of figures is a band of its own,
	// and a lone figure between gaps draws none (a path through NaN never ends in a PNG).
	for _, r := range finiteRuns(len(b.xs), b.lo, b.hi) {
		xs, lo, hi := b.xs[r[0]:r[1]], b.lo[r[0]:r[1]], b.hi[r[0]:r[1]]
		if len(xs) < 2 && len(b.xs) > 1 {
			continue
		}
		var path vg.Path
		path.Move(vg.Point{X: x(xs[0]), Y: y(lo[0])})
		for i := 1; i < len(xs); i++ {
			path.Line(vg.Point{X: x(xs[i]), Y: y(lo[i])})
		}
		for i := len(xs) - 1; i >= 0; i-- {
			path.Line(vg.Point{X: x(xs[i]), Y: y(hi[i])})
		}
		path.Close()
		c.SetColor(b.color)
		c.Fill(path)
		// Both edges are outlined, so that a light band or area is delimited at 3:1 against white.
		edge := lineStyle(edgeOf(b.color), edgeWidth, nil)
		if b.stacked {
			edge = lineStyle(stackEdge, stackEdgeWidth, nil)
		}
		for _, ys := range [][]float64{lo, hi} {
			pts := make([]vg.Point, len(xs))
			for i := range xs {
				pts[i] = vg.Point{X: x(xs[i]), Y: y(ys[i])}
			}
			c.StrokeLines(edge, pts)
		}
	}
}

// finiteRuns returns the runs [from, to) of indexes below n at which every one of series is a
// number (not NaN or infinite), in order.
func finiteRuns(n int, series ...[]float64) [][2]int {
	var runs [][2]int
	from := -1
	for i := 0; i <= n; i++ {
		ok := i < n
		for _, s := range series {
			if ok && (math.IsNaN(s[i]) || math.IsInf(s[i], 0)) {
				ok = false
			}
		}
		switch {
		case ok && from < 0:
			from = i
		case !ok && from >= 0:
			runs = append(runs, [2]int{from, i})
			from = -1
		}
	}
	return runs
}

func (b *band) DataRange() (xmin, xmax, ymin, ymax float64) {
	return rangeOf(b.xs), rangeMax(b.xs), rangeOf(b.lo), rangeMax(b.hi)
}

// line draws ys over xs.
type line struct {
	xs, ys []float64
	style  draw.LineStyle
}

func (l *line) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	// A value with no figure (NaN) breaks the line.
	var lines [][]vg.Point
	for _, r := range finiteRuns(len(l.xs), l.xs, l.ys) {
		if r[1]-r[0] < 2 && len(l.xs) > 1 {
			continue
		}
		pts := make([]vg.Point, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			pts = append(pts, vg.Point{X: x(l.xs[i]), Y: y(l.ys[i])})
		}
		lines = append(lines, pts)
	}
	if len(lines) == 0 {
		lines = [][]vg.Point{nil}
	}
	c.StrokeLines(l.style, lines...)
}

func (l *line) DataRange() (xmin, xmax, ymin, ymax float64) {
	return rangeOf(l.xs), rangeMax(l.xs), rangeOf(l.ys), rangeMax(l.ys)
}

func rangeOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			m = math.Min(m, x)
		}
	}
	return m
}

func rangeMax(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			m = math.Max(m, x)
		}
	}
	return m
}

// bars draws stacked bars at x = 0, 1, 2...: segs[s][i] is segment s of bar i, stacked in
// order from zero, each filled with colors[s] and outlined in its edge colour (edgeOf), so that
// each segment is delimited at 3:1 against white, or, stacked, in stackEdge, which has 3:1
// against each fill of areaColours, so that neighbours stay apart in grey.
type bars struct {
	segs   [][]float64
	colors []color.Color
	width  float64 // in x units
	offset float64 // in x units, from each category's centre: bars side by side
	// stacked outlines every segment in stackEdge rather than its edge colour.
	stacked bool
}

func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	n := 0
	if len(b.segs) > 0 {
		n = len(b.segs[0])
	}
	for i := range n {
		base := 0.0
		for s, seg := range b.segs {
			v := seg[i]
			if math.IsNaN(v) || v == 0 {
				continue
			}
			r := vg.Rectangle{
				Min: vg.Point{X: x(float64(i) + b.offset - b.width/2), Y: y(base)},
				Max: vg.Point{X: x(float64(i) + b.offset + b.width/2), Y: y(base + v)},
			}
			c.SetColor(b.colors[s])
			c.Fill(r.Path())
			if b.stacked {
				c.SetLineStyle(lineStyle(stackEdge, stackEdgeWidth, nil))
				c.Stroke(r.Path())
			} else {
				strokeEdge(c, b.colors[s], r)
			}
			base += v
		}
	}
}

func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	n := 0
	if len(b.segs) > 0 {
		n = len(b.segs[0])
	}
	for i := range n {
		sum := 0.0
		for _, seg := range b.segs {
			if !math.IsNaN(seg[i]) {
				sum += seg[i]
			}
			ymin, ymax = math.Min(ymin, sum), math.Max(ymax, sum)
		}
	}
	return -0.5, float64(n) - 0.5, ymin, ymax
}

// strokeEdge outlines r, filled with fill, in the fill's edge colour (edgeOf).
func strokeEdge(c draw.Canvas, fill color.Color, r vg.Rectangle) {
	c.SetLineStyle(lineStyle(edgeOf(fill), edgeWidth, nil))
	c.Stroke(r.Path())
}

// glyphRadius is the radius of a point's glyph, in points, on a chart and in its legend.
const glyphRadius = 2.6

// whiskers draws, at x = offset + 0, 1, 2..., a vertical line from lo to hi with caps and,
// when mid is set, a point at mid.
type whiskers struct {
	lo, hi, mid []float64
	offset      float64
	style       draw.LineStyle
	point       color.Color
	shape       draw.GlyphDrawer
}

func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	const cap = 3
	for i := range w.lo {
		cx := x(float64(i) + w.offset)
		// A figure with no interval (one run gives none) is drawn as its point alone.
		if finite(w.lo[i]) && finite(w.hi[i]) {
			c.StrokeLine2(w.style, cx, y(w.lo[i]), cx, y(w.hi[i]))
			c.StrokeLine2(w.style, cx-cap, y(w.lo[i]), cx+cap, y(w.lo[i]))
			c.StrokeLine2(w.style, cx-cap, y(w.hi[i]), cx+cap, y(w.hi[i]))
		}
		if w.mid != nil && finite(w.mid[i]) {
			shape := w.shape
			if shape == nil {
				shape = draw.CircleGlyph{}
			}
			c.DrawGlyph(draw.GlyphStyle{Color: w.point, Radius: glyphRadius, Shape: shape}, vg.Point{X: cx, Y: y(w.mid[i])})
		}
	}
}

func (w *whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	lo, hi := rangeOf(w.lo), rangeMax(w.hi)
	// The points with no interval are drawn too.
	for i, m := range w.mid {
		if finite(m) && !(finite(w.lo[i]) && finite(w.hi[i])) {
			lo, hi = math.Min(lo, m), math.Max(hi, m)
		}
	}
	return -0.5, float64(len(w.lo)) - 0.5, math.Min(0, lo), math.Max(0, hi)
}

// finite reports whether v is a figure to draw: neither NaN nor an infinity.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// categoryTicks label x = 0, 1, 2... with names, every few when there are many; a name
// marked always is labelled whatever its place (a part year at the end of a long run).
type categoryTicks struct {
	names  []string
	every  int
	always []bool
}

func (t categoryTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for i, n := range t.names {
		if i%max1(t.every) == 0 || (i < len(t.always) && t.always[i]) {
			ticks = append(ticks, plot.Tick{Value: float64(i), Label: n})
		}
	}
	return ticks
}

// setCategoryAxis labels p's x-axis with names at 0, 1, 2..., showing at most fit of them.
func setCategoryAxis(p *plot.Plot, names []string, fit int) {
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	p.X.Tick.Marker = categoryTicks{names: names, every: (len(names) + fit - 1) / max1(fit)}
	p.X.Tick.Length = 0
}

// setYearAxis labels p's x-axis with years, the financial years of a run of runYears from
// start, at 0, 1, 2..., as setCategoryAxis does, each part year marked under its year where it
// begins or ends ("2028/29" over "(to 14 April)"; see partYearTicks) and labelled however
// many years there are.
func setYearAxis(p *plot.Plot, start time.Time, runYears int, years []string, fit int) {
	names, part := partYearTicks(start, runYears, years)
	setCategoryAxis(p, names, fit)
	p.X.Tick.Marker = categoryTicks{names: names, every: (len(names) + fit - 1) / max1(fit), always: part}
}

// trimMoney writes v in £m with as few decimals as the tick needs: £20m, £2.5m.
func trimMoney(v float64) string {
	s := fmt.Sprintf("£%gm", math.Abs(math.Round(v/1e5)/10))
	if v < 0 {
		s = "-" + s
	}
	return s
}
