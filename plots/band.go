package plots

import (
	"encoding/csv"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bands is what a BandChart draws: a scenario's figures by month or by financial year, each
// as its median over runs with, where asked, the band of 9 in 10 runs, over the baseline's
// median drawn dashed; and the dates the scenario's interventions take effect.
type Bands struct {
	// Name is the base of the chart's file names ("sufficiency-gap").
	Name string
	// Title says in plain English what the chart shows.
	Title string
	// Subtitle states what the reader should take from it.
	Subtitle string
	// Source names where the figures come from.
	Source string
	// Scenario and Baseline name the two runs in the legend, the table and the CSV.
	Scenario, Baseline string
	// YLabel names the y-axis ("Children or places").
	YLabel string
	// Unit is the unit of every measure: Count, Money or Share. The y-axis starts at zero.
	Unit Unit
	// Measures are the figures drawn, in legend order; each has a colour of its own, so there
	// are at most five.
	Measures []Measure
	// Markers are the scenario's interventions, drawn as dotted vertical lines labelled with
	// what they do and when. A marker outside the chart's months or years is not drawn.
	Markers []Marker
}

// Measure is one figure of a band chart, in the scenario and in the baseline.
type Measure struct {
	// Series names the figure in the CSV: a metric, or a sum of them ("children_residential").
	Series string
	// Label names it in the legend and the table ("Places").
	Label string
	// Scenario holds the scenario's summary over runs at each point: X is the month's first day
	// ("2026-04-01"; figures are counted at the month's end) or the financial year ("2026/27"),
	// and every measure has the same points. Only X, Mean and P are read.
	Scenario []Row
	// Baseline holds the baseline's summary at the same points, drawn as its median (dashed);
	// nil draws none.
	Baseline []Row
	// Band draws the scenario's band of 9 in 10 runs (P[0] to P[4]) around its median.
	Band bool
}

// Marker is a dated event on a band chart: an intervention taking effect.
type Marker struct {
	// At is the day it takes effect.
	At time.Time
	// Label says what it is ("Open a children's home").
	Label string
}

// measureColours are the colours of a band chart's measures, in order: no two measures share
// one, and none is the grey of the markers or the black of the legend's line styles.
var measureColours = []color.NRGBA{vermilion, blue, purple, orange, skyBlue}

// measureDashes are the dashes of a band chart's median lines, in order, where the chart draws
// no baseline (whose median is dashed): the first solid, then long dashes, dashes and dots,
// short dashes and very long dashes, none the markers' dots.
var measureDashes = [][]vg.Length{nil,
	{vg.Points(6), vg.Points(2.5)},
	{vg.Points(5), vg.Points(2), vg.Points(1.2), vg.Points(2)},
	{vg.Points(2.5), vg.Points(2)},
	{vg.Points(10), vg.Points(3)},
}

// markerStyle draws the markers of a band chart: dotted and grey, as no measure is.
var markerStyle = lineStyle(darkGrey, 1, dotted)

// bandAlpha is the opacity of a band chart's bands, which overlap.
const bandAlpha = 0.2

// scenarioStyle and baselineStyle draw a measure's medians in colour c: the scenario's solid,
// the baseline's dashed.

func scenarioStyle(c color.Color) draw.LineStyle { return lineStyle(c, 1.8, nil) }
func baselineStyle(c color.Color) draw.LineStyle { return lineStyle(c, 1.4, dashed) }

// names returns the scenario's and the baseline's names, or "scenario" and "baseline" when
// they are not set.
func (b *Bands) names() (scenario, baseline string) {
	scenario, baseline = b.Scenario, b.Baseline
	if scenario == "" {
		scenario = "scenario"
	}
	if baseline == "" {
		baseline = "baseline"
	}
	return scenario, baseline
}

// monthly reports whether the points are months (rather than financial years).
func (b *Bands) monthly() bool {
	_, err := monthOf(b.Measures[0].Scenario[0].X)
	return err == nil
}

// Validate reports every problem of b at once: a missing name or title, no measure, too many
// measures, a measure without a label or series name, or whose points differ from the first
// measure's, and a month that does not read as one.
func (b *Bands) Validate() error {
	var errs []error
	if b.Name == "" || b.Title == "" {
		errs = append(errs, fmt.Errorf("plots: band chart %q: a name and a title are needed", b.Name))
	}
	if b.Unit != Count && b.Unit != Money && b.Unit != Share {
		errs = append(errs, fmt.Errorf("plots: band chart %q: unknown unit %d", b.Name, b.Unit))
	}
	if len(b.Measures) == 0 {
		return errors.Join(append(errs, fmt.Errorf("plots: band chart %q: no measure to draw", b.Name))...)
	}
	if len(b.Measures) > len(measureColours) {
		errs = append(errs, fmt.Errorf("plots: band chart %q: %d measures, at most %d (one colour each)", b.Name, len(b.Measures), len(measureColours)))
	}
	if len(b.Measures[0].Scenario) == 0 {
		return errors.Join(append(errs, fmt.Errorf("plots: band chart %q: measure %q: no points", b.Name, b.Measures[0].Label))...)
	}
	first := b.Measures[0].Scenario
	monthly := b.monthly()
	for i, m := range b.Measures {
		if m.Label == "" || m.Series == "" {
			errs = append(errs, fmt.Errorf("plots: band chart %q: measure %d: a label and a series name are needed", b.Name, i+1))
		}
		for _, side := range []struct {
			what string
			rows []Row
		}{{"scenario", m.Scenario}, {"baseline", m.Baseline}} {
			if side.rows == nil && side.what == "baseline" {
				continue
			}
			if len(side.rows) != len(first) {
				errs = append(errs, fmt.Errorf("plots: band chart %q: measure %q: %s has %d points, not %d", b.Name, m.Label, side.what, len(side.rows), len(first)))
				continue
			}
			for j, r := range side.rows {
				if r.X != first[j].X {
					errs = append(errs, fmt.Errorf("plots: band chart %q: measure %q: %s point %d is %q, not %q", b.Name, m.Label, side.what, j+1, r.X, first[j].X))
					break
				}
				if monthly {
					if _, err := monthOf(r.X); err != nil {
						errs = append(errs, fmt.Errorf("plots: band chart %q: measure %q: %s point %d: month %q: %w", b.Name, m.Label, side.what, j+1, r.X, err))
						break
					}
				}
			}
		}
	}
	return errors.Join(errs...)
}

// unitTicks returns the tick rule of an axis in unit u.
func unitTicks(u Unit) plot.Ticker {
	switch u {
	case Money:
		return moneyTicks{}
	case Share:
		return shareTicks{}
	}
	return countTicks{}
}

// BandChart draws b as a Chart, after Validate: one panel with the y-axis from zero, months or
// financial years along the x-axis, each measure in a colour of its own (the scenario's median
// solid over its band, the baseline's median dashed), and the interventions as labelled
// dotted lines. The legend says what each colour, line and band means.
func BandChart(b *Bands) (*Chart, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	scenario, baseline := b.names()
	c := &Chart{
		Name: b.Name, Title: b.Title, Subtitle: b.Subtitle, Source: b.Source,
		Width: Width, Height: Height, Cols: 1,
	}
	p := newPlot("", b.YLabel, unitTicks(b.Unit))
	first := b.Measures[0].Scenario
	xs := make([]float64, len(first))
	var at func(time.Time) (float64, bool)
	if b.monthly() {
		for i, r := range first {
			t, _ := monthOf(r.X) // Validate read every month
			xs[i] = monthEnd(t)
		}
		lo, hi := xs[0]-1.0/12, xs[len(xs)-1]
		setTimeAxis(p, lo, hi, 12)
		at = func(t time.Time) (float64, bool) { x := yearOf(t); return x, x >= lo && x <= hi }
	} else {
		years := make([]string, len(first))
		for i, r := range first {
			xs[i], years[i] = float64(i), r.X
		}
		setCategoryAxis(p, years, 10)
		// A date sits within its financial year's category, which spans i-0.5 to i+0.5.
		at = func(t time.Time) (float64, bool) {
			y := yearOf(t)
			fy := fyStart(y)
			i := slices.Index(years, model.FinancialYearFrom(fy))
			return float64(i) - 0.5 + (y - float64(fy) - 0.25), i >= 0
		}
	}

	anyBand, anyBase := false, false
	for i, m := range b.Measures {
		if m.Band {
			anyBand = true
			p.Add(&band{xs: xs, lo: pick(m.Scenario, 0), hi: pick(m.Scenario, 4), color: translucent(measureColours[i], bandAlpha)})
		}
	}
	for i, m := range b.Measures {
		if m.Baseline != nil {
			anyBase = true
			p.Add(&line{xs: xs, ys: pick(m.Baseline, 2), style: baselineStyle(measureColours[i])})
		}
	}
	for i, m := range b.Measures {
		// Each median line has 3:1 against white, and where no baseline is drawn dashed, a
		// dash of its own, so that lines of like grey stay apart on paper.
		style := scenarioStyle(edgeOf(measureColours[i]))
		if !anyBase {
			style.Dashes = measureDashes[i]
		}
		p.Add(&line{xs: xs, ys: pick(m.Scenario, 2), style: style})
		it := LegendItem{Label: m.Label, Line: style}
		if m.Band {
			it.Fill = translucent(measureColours[i], bandAlpha)
		}
		c.Legend = append(c.Legend, it)
	}
	what := fmt.Sprintf("%q: median of runs", scenario)
	if anyBand {
		what += "; bands hold 9 in 10 runs"
	}
	if anyBase {
		// Solid and dashed, in black, key which line is the scenario's and which the
		// baseline's, whatever the colour.
		c.Legend = append(c.Legend,
			LegendItem{Label: what, Line: scenarioStyle(black)},
			LegendItem{Label: fmt.Sprintf("%q (baseline): median", baseline), Line: baselineStyle(black)})
	} else {
		// Every line drawn is a measure's, in its colour, keyed above: a black line here
		// would key a line the chart does not draw. The words alone say what they are.
		c.Legend = append(c.Legend, LegendItem{Label: what})
	}

	mk := &markers{}
	for _, m := range b.Markers {
		if x, ok := at(m.At); ok {
			mk.xs = append(mk.xs, x)
			mk.labels = append(mk.labels, m.Label+", "+m.At.Format("Jan 2006"))
		}
	}
	if len(mk.xs) > 0 {
		p.Add(mk)
		// Room above the data for the markers' labels, so that they hide no line: the rows
		// they take in a data area about as wide as the chart, and panelHeight high.
		const panelHeight = 150
		sty := textStyle(sans, markerSize, textGrey)
		fracs := make([]float64, len(mk.xs))
		for i, x := range mk.xs {
			fracs[i] = (x - p.X.Min) / (p.X.Max - p.X.Min)
		}
		_, rows := mk.layout(sty, fracs, 0, Width-2*margin-50)
		share := math.Min(0.5, (float64(rows)*float64(sty.FontExtents().Height)+2)/panelHeight)
		lo := math.Min(0, p.Y.Min)
		p.Y.Max = lo + (p.Y.Max-lo)/(1-share)
		c.Legend = append(c.Legend, LegendItem{Label: "Intervention takes effect", Line: markerStyle})
	}
	c.addPanel(p)
	return c, nil
}

// markers draws a dotted vertical line at each of xs, and its label at the top of the data
// area beside it, in rows so that no two labels overlap.
type markers struct {
	xs     []float64
	labels []string
}

func (m *markers) Plot(c draw.Canvas, p *plot.Plot) {
	x, _ := p.Transforms(&c)
	fracs := make([]float64, len(m.xs))
	for i, v := range m.xs {
		c.StrokeLine2(markerStyle, x(v), c.Min.Y, x(v), c.Max.Y)
		fracs[i] = float64((x(v) - c.Min.X) / (c.Max.X - c.Min.X))
	}
	sty := textStyle(sans, markerSize, textGrey)
	ext := sty.FontExtents()
	at, _ := m.layout(sty, fracs, c.Min.X, c.Max.X-c.Min.X)
	for i, pt := range at {
		w := sty.Width(m.labels[i])
		top := c.Max.Y - pt.Y*ext.Height
		// White behind the text, in case a line of another marker crosses it.
		box := vg.Rectangle{Min: vg.Point{X: pt.X - 1, Y: top - ext.Height}, Max: vg.Point{X: pt.X + w + 1, Y: top}}
		c.SetColor(color.White)
		c.Fill(box.Path())
		c.FillText(sty, vg.Point{X: pt.X, Y: top - ext.Ascent}, m.labels[i])
	}
}

// layout places the markers' labels, whose lines are at fracs of a data area width wide from
// left: each beside its line (left of it at the right edge), in the first row from the top
// where it overlaps no label, taking the markers from left to right. It returns, for each
// label, its left edge and its row (0 at the top) as Y, and the number of rows.
func (m *markers) layout(sty text.Style, fracs []float64, left, width vg.Length) ([]vg.Point, int) {
	order := make([]int, len(fracs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case fracs[a] < fracs[b]:
			return -1
		case fracs[a] > fracs[b]:
			return 1
		}
		return 0
	})
	const pad, gap = vg.Length(2), vg.Length(4)
	at := make([]vg.Point, len(fracs))
	var ends []vg.Length // the right end of the last label of each row
	for _, i := range order {
		cx := left + vg.Length(fracs[i])*width
		w := sty.Width(m.labels[i])
		lx := cx + pad
		if lx+w > left+width {
			lx = cx - pad - w
		}
		row := 0
		for row < len(ends) && lx < ends[row]+gap {
			row++
		}
		if row == len(ends) {
			ends = append(ends, 0)
		}
		ends[row] = lx + w
		at[i] = vg.Point{X: lx, Y: vg.Length(row)}
	}
	return at, len(ends)
}

// Table returns the figures of b for a table under the chart: a heading row, then one row a
// year (every twelfth month from the first, or every financial year), with the scenario's
// median of each measure (and its band of 9 in 10 runs where it draws one) and the baseline's
// median, formatted by Level. It returns Validate's error for bands it cannot draw.
func (b *Bands) Table() (head []string, rows [][]string, err error) {
	if err := b.Validate(); err != nil {
		return nil, nil, err
	}
	scenario, baseline := b.names()
	step, first := 1, "financial year"
	if b.monthly() {
		step, first = 12, "month"
	}
	head = []string{first}
	for _, m := range b.Measures {
		head = append(head, fmt.Sprintf("%s (%s)", m.Label, scenario))
		if m.Baseline != nil {
			head = append(head, fmt.Sprintf("%s (%s)", m.Label, baseline))
		}
	}
	for i := 0; i < len(b.Measures[0].Scenario); i += step {
		x := b.Measures[0].Scenario[i].X
		if t, err := monthOf(x); err == nil {
			x = t.Format("January 2006")
		}
		row := []string{x}
		for _, m := range b.Measures {
			r := m.Scenario[i]
			cell := Level(r.Median(), b.Unit)
			if m.Band {
				cell += fmt.Sprintf(" (%s to %s)", Level(r.P[0], b.Unit), Level(r.P[4], b.Unit))
			}
			row = append(row, cell)
			if m.Baseline != nil {
				row = append(row, Level(m.Baseline[i].Median(), b.Unit))
			}
		}
		rows = append(rows, row)
	}
	return head, rows, nil
}

// WriteCSV writes the figures of b in the layout of chart-data.csv (see Data.WriteCSV), so
// that ReadData reads them: the chart column is b's name, and each measure's rows come for
// the scenario, then for the baseline, with the run's name in the scenario column. It returns
// Validate's error for bands it cannot draw, and writes nothing.
func (b *Bands) WriteCSV(w io.Writer) error {
	if err := b.Validate(); err != nil {
		return err
	}
	scenario, baseline := b.names()
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, m := range b.Measures {
		for _, side := range []struct {
			name string
			rows []Row
		}{{scenario, m.Scenario}, {baseline, m.Baseline}} {
			rows := make([]Row, len(side.rows))
			for i, r := range side.rows {
				rows[i] = Row{Chart: b.Name, Series: m.Series, Label: m.Label, X: r.X, Mean: r.Mean, P: r.P}
			}
			if err := writeRows(cw, side.name, rows); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// InlineSVG returns an SVG drawing written by a Chart as an <svg> element to put inside an
// HTML page whose Content-Security-Policy forbids inline styles: the XML header is dropped,
// each style attribute becomes the presentation attributes it sets (fill, stroke,
// font-size...), the <desc> is dropped (LabelSVG names the chart by its title and subtitle),
// and the element has the class "chart", the role "img" and keeps its aspect ratio, so that the
// page sizes it to its column.
func InlineSVG(svg string) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		svg = svg[i:]
	}
	svg = dropDesc(svg)
	svg = styleAttr.ReplaceAllStringFunc(svg, func(m string) string {
		decls := styleAttr.FindStringSubmatch(m)[1]
		var attrs []string
		for d := range strings.SplitSeq(decls, ";") {
			k, v, ok := strings.Cut(d, ":")
			if !ok {
				continue
			}
			attrs = append(attrs, fmt.Sprintf(`%s="%s"`, strings.TrimSpace(k), strings.TrimSpace(v)))
		}
		return strings.Join(attrs, " ")
	})
	return strings.Replace(svg, "<svg ", `<svg class="chart" role="img" preserveAspectRatio="xMidYMid meet" `, 1)
}

// styleAttr matches an SVG style attribute.
var styleAttr = regexp.MustCompile(`style="([^"]*)"`)
