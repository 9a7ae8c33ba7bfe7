package workspace

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"hash/crc32"
	"image/color"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The workspace's charts come from this file alone: workspaceCharts turns a comparison into
// charts, each drawn in PNG (300 dpi), SVG or CSV and shown in the page as inline SVG with a
// table of its figures.

// chartDPI is the resolution of a chart's PNG: print quality for a board paper.
const chartDPI = 300

// Chart sizes: the width of a column of A4 text.
const (
	chartWidth  = 16 * vg.Centimeter
	chartHeight = 9 * vg.Centimeter
)

// Okabe-Ito colours, which colour-blind readers tell apart: the scenario in blue, the
// baseline in grey, differences in vermillion.
var (
	colScenario = color.RGBA{0, 114, 178, 255}
	colBaseline = color.RGBA{110, 110, 110, 255}
	colDiff     = color.RGBA{213, 94, 0, 255}
	colMarker   = color.RGBA{0, 158, 115, 255}
	colWaiting  = color.RGBA{204, 121, 167, 255}
	colEmpty    = color.RGBA{230, 159, 0, 255}
)

// wsSeries is one line of a chart, with an optional band: a median and the interval of 9 in 10
// runs, or a paired mean difference and its confidence interval.
type wsSeries struct {
	Label        string
	Mid, Lo, Hi  []float64
	Colour       color.Color
	Dashed, Band bool
}

// wsMarker is a dated intervention drawn as a vertical line.
type wsMarker struct {
	X     float64
	Label string
}

// wsChart is one chart of the workspace.
type wsChart struct {
	Name, Title, Subtitle string
	// XLabels name each point: financial years ("2026/27") or months ("2026-04").
	XLabels []string
	// X places each point: fractional years for months, the year's index for financial years.
	X       []float64
	Yearly  bool
	Money   bool
	Zero    bool
	Series  []wsSeries
	Markers []wsMarker
	Source  string
	// What names the figures in the table: "median and 90% of runs" or "mean difference and
	// 90% interval".
	What string
}

// bandCharts draws the charts that set the scenario's bands over the baseline's medians by
// month, with a marker at each of the scenario's own interventions: the need for the council's
// own foster care against its places, and children in agency foster care and residential
// care. (plots draws one run, or the differences of a comparison; these draw both runs.)
func bandCharts(c *comparison) []*wsChart {
	src := comparisonSource(c)
	var out []*wsChart
	months := c.Alt.res.Months
	mx := make([]float64, len(months))
	ml := make([]string, len(months))
	for i, m := range months {
		mx[i] = float64(m.Year()) + float64(m.Month()-1)/12
		ml[i] = m.Format("2006-01")
	}
	markers := interventionMarkers(c.Alt.s, len(c.Base.s.Interventions))
	monthly := func(r *runOut, metrics ...string) (mid, lo, hi []float64) {
		n := len(r.res.Reps)
		var cols [][]float64 // by replication, then metric
		for pos := range n {
			for _, m := range metrics {
				if j := r.metricIndex(m); j >= 0 {
					cols = append(cols, r.series(pos, j))
				} else {
					cols = append(cols, make([]float64, len(months)))
				}
			}
		}
		for i := range months {
			vals := make([]float64, n)
			for pos := range n {
				for j := range metrics {
					vals[pos] += cols[pos*len(metrics)+j][i]
				}
			}
			st := sim.Summarise(vals, []float64{5, 50, 95})
			lo, mid, hi = append(lo, st.Percentiles[0]), append(mid, st.Percentiles[1]), append(hi, st.Percentiles[2])
		}
		return
	}
	for _, k := range c.Alt.s.Kinds {
		if k.Supply != model.Carers || k.Category != model.Foster || k.Accepts.Ages.FromYears != 0 {
			continue
		}
		need, have, empty := "first_choice_"+k.Name, "places_"+k.Name, "gap_empty_"+k.Name
		waiting := []string{"gap_waiting_" + k.Name + "_other"}
		for _, b := range gapBands {
			for n := range model.NumNeeds {
				waiting = append(waiting, "gap_waiting_"+k.Name+"_"+b.name+"_"+n.String())
			}
		}
		nm, nl, nh := monthly(c.Alt, need)
		bnm, _, _ := monthly(c.Base, need)
		pm, pl, ph := monthly(c.Alt, have)
		bpm, _, _ := monthly(c.Base, have)
		series := []wsSeries{
			{Label: "Need (scenario)", Mid: nm, Lo: nl, Hi: nh, Colour: colDiff, Band: true},
			{Label: "Places (scenario)", Mid: pm, Lo: pl, Hi: ph, Colour: colScenario, Band: true},
			{Label: "Need (baseline)", Mid: bnm, Colour: colDiff, Dashed: true},
			{Label: "Places (baseline)", Mid: bpm, Colour: colBaseline, Dashed: true},
		}
		end := len(months) - 1
		sub := fmt.Sprintf("By %s: %.0f children need it and there are %.0f places (baseline: %.0f and %.0f)", months[end].Format("January 2006"), nm[end], pm[end], bnm[end], bpm[end])
		if c.Alt.metricIndex(empty) >= 0 {
			// The same definitions as the sufficiency by age: children who need it but are
			// placed elsewhere, and places with no child in them.
			wm, _, _ := monthly(c.Alt, waiting...)
			em, _, _ := monthly(c.Alt, empty)
			series = append(series,
				wsSeries{Label: "Waiting: need it, placed elsewhere (scenario)", Mid: wm, Colour: colWaiting},
				wsSeries{Label: "Empty places (scenario)", Mid: em, Colour: colEmpty})
			sub = fmt.Sprintf("%s: %.0f need it, %.0f places (baseline %.0f, %.0f); %.0f wait elsewhere, %.0f places empty",
				months[end].Format("January 2006"), nm[end], pm[end], bnm[end], bpm[end], wm[end], em[end])
		}
		out = append(out, &wsChart{
			Name: "sufficiency-gap", Title: "Children who need our own foster care, and the places we have",
			Subtitle: sub, XLabels: ml, X: mx, Source: src, Markers: markers, What: "median and 90% of runs",
			Series: series,
		})
		break
	}
	var resi []string
	for _, k := range c.Alt.s.Kinds {
		if k.Category == model.Residential {
			resi = append(resi, "children_"+k.Name)
		}
	}
	var series []wsSeries
	if c.Alt.metricIndex("children_ifa") >= 0 {
		am, al, ah := monthly(c.Alt, "children_ifa")
		bm, _, _ := monthly(c.Base, "children_ifa")
		series = append(series,
			wsSeries{Label: "Agency foster care (scenario)", Mid: am, Lo: al, Hi: ah, Colour: colScenario, Band: true},
			wsSeries{Label: "Agency foster care (baseline)", Mid: bm, Colour: colScenario, Dashed: true})
	}
	if len(resi) > 0 {
		am, al, ah := monthly(c.Alt, resi...)
		bm, _, _ := monthly(c.Base, resi...)
		series = append(series,
			wsSeries{Label: "Residential care (scenario)", Mid: am, Lo: al, Hi: ah, Colour: colDiff, Band: true},
			wsSeries{Label: "Residential care (baseline)", Mid: bm, Colour: colDiff, Dashed: true})
	}
	if len(series) > 0 {
		end := len(months) - 1
		sub := make([]string, 0, 2)
		for i := 0; i+1 < len(series); i += 2 {
			sub = append(sub, fmt.Sprintf("%s %.0f (baseline %.0f)", strings.ToLower(strings.TrimSuffix(series[i].Label, " (scenario)")), series[i].Mid[end], series[i+1].Mid[end]))
		}
		out = append(out, &wsChart{
			Name: "ifa-residential", Title: "Children in agency foster care and residential care",
			Subtitle: fmt.Sprintf("By %s: %s", months[end].Format("January 2006"), strings.Join(sub, ", ")),
			XLabels:  ml, X: mx, Source: src, Markers: markers, Series: series, What: "median and 90% of runs",
		})
	}
	return out
}

// interventionMarkers returns the dates of the scenario's own interventions (those after the
// baseline's first n) as fractional years.
func interventionMarkers(s *model.Scenario, n int) []wsMarker {
	var out []wsMarker
	for _, iv := range s.Interventions[min(n, len(s.Interventions)):] {
		at := iv.From
		if iv.Action == model.OpenHome {
			at = at.Add(time.Duration(iv.LeadTimeDays * 24 * float64(time.Hour)))
		}
		label := iv.Label
		if label == "" {
			label = iv.Action.String()
		}
		out = append(out, wsMarker{X: float64(at.Year()) + float64(at.Month()-1)/12 + float64(at.Day()-1)/365.25, Label: label})
	}
	return out
}

// legendEntry is one entry of a chart's legend.
type legendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// plot draws the chart's panel with gonum/plot, and returns it with its legend's entries;
// writeChart lays out the title, subtitle, legend and source line around it.
func (ch *wsChart) plot() (*plot.Plot, []legendEntry, error) {
	var legend []legendEntry
	p := plot.New()
	// The sans-serif face of the Liberation fonts, as plots draws its charts.
	for _, st := range []*plottext.Style{&p.Title.TextStyle, &p.Legend.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.X.Label.TextStyle, &p.Y.Label.TextStyle} {
		st.Font.Variant = "Sans"
	}
	p.X.Label.Text = ""
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.X.Tick.Label.Font.Size = vg.Points(8)
	p.Y.Tick.Label.Font.Size = vg.Points(8)
	p.Add(plotter.NewGrid())
	p.Y.Tick.Marker = countTicks{}
	if ch.Money {
		p.Y.Tick.Marker = moneyTicks{}
	}
	if !ch.Zero {
		p.Y.Min = 0 // counts and money start at zero, so that a change reads at its true size
	}
	if ch.Yearly {
		p.X.Tick.Marker = labelTicks(ch.XLabels)
		p.X.Min, p.X.Max = -0.5, float64(len(ch.XLabels))-0.5
	} else {
		p.X.Tick.Marker = yearTicks{}
	}
	if ch.Zero {
		z, err := plotter.NewLine(plotter.XYs{{X: ch.X[0] - 0.5, Y: 0}, {X: ch.X[len(ch.X)-1] + 0.5, Y: 0}})
		if err != nil {
			return nil, nil, err
		}
		z.Color = color.Black
		p.Add(z)
	}
	for _, s := range ch.Series {
		if s.Band && s.Lo != nil {
			poly := make(plotter.XYs, 0, 2*len(ch.X))
			for i, x := range ch.X {
				poly = append(poly, plotter.XY{X: x, Y: s.Lo[i]})
			}
			for i := len(ch.X) - 1; i >= 0; i-- {
				poly = append(poly, plotter.XY{X: ch.X[i], Y: s.Hi[i]})
			}
			band, err := plotter.NewPolygon(poly)
			if err != nil {
				return nil, nil, err
			}
			r, g, b, _ := s.Colour.RGBA()
			band.Color = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 60}
			band.LineStyle.Width = 0
			p.Add(band)
		}
	}
	for _, s := range ch.Series {
		xy := make(plotter.XYs, len(ch.X))
		for i, x := range ch.X {
			xy[i] = plotter.XY{X: x, Y: s.Mid[i]}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, nil, err
		}
		l.Color = s.Colour
		l.Width = vg.Points(1.5)
		if s.Dashed {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		p.Add(l)
		legend = append(legend, legendEntry{s.Label, l})
	}
	for _, m := range ch.Markers {
		lo, hi := p.Y.Min, p.Y.Max
		l, err := plotter.NewLine(plotter.XYs{{X: m.X, Y: lo}, {X: m.X, Y: hi}})
		if err != nil {
			return nil, nil, err
		}
		l.Color = colMarker
		l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(l)
	}
	if len(ch.Markers) > 0 {
		l, err := plotter.NewLine(plotter.XYs{{X: ch.X[0], Y: 0}})
		if err == nil {
			l.Color = colMarker
			l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
			legend = append(legend, legendEntry{"Interventions take effect", l})
		}
	}
	return p, legend, nil
}

// writeChart writes the chart in format: "png" (300 dpi), "svg" or "csv" (its figures).
func (ch *wsChart) writeChart(w io.Writer, format string) error {
	if format == "csv" {
		return ch.writeCSV(w)
	}
	p, legend, err := ch.plot()
	if err != nil {
		return err
	}
	var canvas vg.CanvasWriterTo
	switch format {
	case "png":
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		canvas = vgsvg.NewWith(vgsvg.UseWH(chartWidth, chartHeight))
	default:
		return fmt.Errorf("unknown chart format %q (want png, svg or csv)", format)
	}
	dc := draw.New(canvas)
	style := func(size float64, bold bool, c color.Color) draw.TextStyle {
		st := p.Legend.TextStyle
		st.Font.Size = vg.Points(size)
		st.Color = c
		st.XAlign, st.YAlign = draw.XLeft, draw.YBottom
		if bold {
			st.Font.Weight = xfont.WeightBold
		}
		return st
	}
	margin := vg.Points(6)
	top := dc.Max.Y
	// The title, and under it the subtitle that states the finding.
	dc.FillText(style(12, true, color.Black), vg.Point{X: margin, Y: top - vg.Points(15)}, ch.Title)
	dc.FillText(style(9, false, color.Gray{Y: 64}), vg.Point{X: margin, Y: top - vg.Points(28)}, ch.Subtitle)
	// The legend in two columns under the subtitle.
	rows := (len(legend) + 1) / 2
	rowH := vg.Points(10)
	legTop := top - vg.Points(33)
	half := (dc.Max.X - dc.Min.X) / 2
	for col := range 2 {
		l := plot.NewLegend()
		l.TextStyle = p.Legend.TextStyle
		l.TextStyle.Font.Size = vg.Points(8)
		l.Top, l.Left = true, true
		l.Padding = vg.Points(1.5)
		for i := col * rows; i < min(len(legend), (col+1)*rows); i++ {
			l.Add(legend[i].label, legend[i].thumb)
		}
		area := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: dc.Min.X + margin + vg.Length(col)*half, Y: legTop - vg.Length(rows)*rowH},
			Max: vg.Point{X: dc.Min.X + vg.Length(col+1)*half, Y: legTop},
		}}
		l.Draw(area)
	}
	// The panel, with room for the source line under it.
	foot := vg.Points(12)
	panelTop := legTop - vg.Length(rows)*rowH - vg.Points(4)
	p.Draw(draw.Crop(dc, vg.Points(4), -vg.Points(8), foot, panelTop-top))
	dc.FillText(style(6.5, false, color.Gray{Y: 80}), vg.Point{X: margin, Y: vg.Points(3)}, ch.Source)
	if format == "png" {
		var b bytes.Buffer
		if _, err := canvas.WriteTo(&b); err != nil {
			return err
		}
		_, err = w.Write(withPHYs(b.Bytes(), chartDPI))
		return err
	}
	_, err = canvas.WriteTo(w)
	return err
}

// withPHYs returns a PNG with a pHYs chunk saying it has dpi dots an inch, after its header
// chunk: without it a word processor takes the image for 72 or 96 dpi and inserts it several
// times too big.
func withPHYs(png []byte, dpi int) []byte {
	const sigLen, ihdrLen = 8, 8 + 13 + 4
	if len(png) < sigLen+ihdrLen {
		return png
	}
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // the unit is the metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := make([]byte, 0, len(png)+len(chunk))
	out = append(out, png[:sigLen+ihdrLen]...)
	out = append(out, chunk...)
	return append(out, png[sigLen+ihdrLen:]...)
}

// writeCSV writes the chart's figures as tidy CSV: chart,series,x,mid,lo,hi.
func (ch *wsChart) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"chart", "series", "x", "value", "lo", "hi"})
	num := sim.FormatNum
	for _, s := range ch.Series {
		for i, x := range ch.XLabels {
			lo, hi := "NA", "NA"
			if s.Lo != nil {
				lo, hi = num(s.Lo[i]), num(s.Hi[i])
			}
			cw.Write([]string{ch.Name, s.Label, x, num(s.Mid[i]), lo, hi})
		}
	}
	cw.Flush()
	return cw.Error()
}

// styleAttr matches an SVG style attribute.
var styleAttr = regexp.MustCompile(`style="([^"]*)"`)

// inlineSVG returns an SVG drawing as an <svg> element to put inside a page whose
// Content-Security-Policy forbids inline styles: the XML header is dropped and each style
// attribute becomes the presentation attributes it sets (fill, stroke, font-size...).
func inlineSVG(s string) string {
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	s = styleAttr.ReplaceAllStringFunc(s, func(m string) string {
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
	// Let the page size the chart to its column.
	return strings.Replace(s, "<svg ", `<svg class="chart" role="img" preserveAspectRatio="xMidYMid meet" `, 1)
}

// tableRows returns the chart's figures for the table under it: one row per point, one
// column per series.
func (ch *wsChart) tableRows() [][]string {
	var rows [][]string
	step := 1
	if !ch.Yearly {
		step = 12 // one month a year: the table stays short
	}
	for i := 0; i < len(ch.XLabels); i += step {
		row := []string{ch.XLabels[i]}
		for _, s := range ch.Series {
			u := count
			if ch.Money {
				u = money
			}
			cell := level(s.Mid[i], u)
			if ch.Zero {
				cell = signed(s.Mid[i], u)
			}
			if s.Lo != nil {
				if ch.Zero {
					cell += fmt.Sprintf(" (%s to %s)", signed(s.Lo[i], u), signed(s.Hi[i], u))
				} else {
					cell += fmt.Sprintf(" (%s–%s)", level(s.Lo[i], u), level(s.Hi[i], u))
				}
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// roundTicks returns ticks at a round step (1, 2 or 5 times a power of ten) that gives about
// five of them between min and max, each labelled by label.
func roundTicks(min, max float64, label func(float64) string) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: label(min)}}
	}
	raw := (max - min) / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := pow
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			step = m * pow
			break
		}
	}
	var ts []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: label(v)})
	}
	return ts
}

// countTicks labels a count axis with whole numbers.
type countTicks struct{}

func (countTicks) Ticks(min, max float64) []plot.Tick {
	return roundTicks(min, max, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) })
}

// moneyTicks labels a money axis as £1.2m or £450k.
type moneyTicks struct{}

func (moneyTicks) Ticks(min, max float64) []plot.Tick {
	return roundTicks(min, max, func(v float64) string {
		a, sign := math.Abs(v), ""
		if v < 0 {
			sign = "-"
		}
		switch {
		case a >= 1e6:
			return fmt.Sprintf("%s£%gm", sign, roundTo(a/1e6, 2))
		case a >= 1e3:
			return fmt.Sprintf("%s£%gk", sign, roundTo(a/1e3, 1))
		}
		return fmt.Sprintf("%s£%g", sign, a)
	})
}

// labelTicks labels integer positions with the given labels.
type labelTicks []string

func (l labelTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	every := 1
	if len(l) > 8 {
		every = 2
	}
	for i, s := range l {
		if i%every != 0 {
			s = ""
		}
		ts = append(ts, plot.Tick{Value: float64(i), Label: s})
	}
	return ts
}

// yearTicks marks each April of a time axis in fractional years with its financial year.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	n := int(max - min)
	every := 1
	if n > 8 {
		every = 2
	}
	for y := int(math.Ceil(min - 0.25)); float64(y)+0.25 <= max; y++ {
		label := ""
		if (y-int(math.Ceil(min-0.25)))%every == 0 {
			label = fmt.Sprintf("%d/%02d", y, (y+1)%100)
		}
		ts = append(ts, plot.Tick{Value: float64(y) + 0.25, Label: label})
	}
	return ts
}
