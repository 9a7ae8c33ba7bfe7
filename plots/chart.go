package plots

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"codeberg.org/go-pdf/fpdf"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Sizes of a chart. Width is the width of a column of A4 text with 2.5 cm margins: a chart
// inserted into a Word document or a slide at that width shows its text at the sizes it was
// designed for (7.5 to 12 points).
const (
	// Width is the width of every chart: 16 cm.
	Width = 16 * vg.Centimeter
	// Height is the height of a chart of one row of panels: 10 cm.
	Height = 10 * vg.Centimeter
	// TallHeight is the height of a chart whose panels need more room: 15 cm.
	TallHeight = 15 * vg.Centimeter
	margin     = 6 * vg.Millimeter / 2
	// DPI is the resolution of PNG charts, in dots per inch: a 16 cm chart is 1890 pixels
	// wide.
	DPI         = 300
	labelColumn = 3.4 * vg.Centimeter
)

// Formats are the file formats a chart can be written in, by file extension.
var Formats = []string{"png", "svg", "pdf"}

// Chart is one chart for a board paper: a title and a subtitle that states the finding, a
// legend, one or more panels side by side or one above the other, and a source line. Build one
// with the functions of this package and write it with WriterTo.
type Chart struct {
	// Name is the base of the chart's file names ("cost-by-year").
	Name string
	// Title says in plain English what the chart shows.
	Title string
	// Subtitle states what the reader should take from it.
	Subtitle string
	// Source names where the figures come from: placesim's version, the scenario, the
	// replications and the seed.
	Source string
	// Width and Height are the chart's size.
	Width, Height vg.Length
	// Legend lists what the marks mean, under the subtitle.
	Legend []LegendItem
	// Note, if set, is a caveat printed above the source line.
	Note string
	// Cols is the number of panels side by side; panels fill rows left to right.
	Cols int

	panels []*panel
	fitted sync.Once
	// figures are the figures the chart draws, for the table a report or board pack folds
	// under it (chartFigures); nil where the page works them out from its chart data.
	figures *chartFigures
}

// LegendItem is one entry of a chart's legend: a mark and what it means.
type LegendItem struct {
	// Label says what the mark means. An entry with neither Line nor Fill is words alone,
	// drawn with no mark.
	Label string
	// Line, if its colour is set, is drawn as a short line.
	Line draw.LineStyle
	// Fill, if set, is drawn as a box behind the line.
	Fill color.Color
	// Whisker draws an interval: a vertical line with caps.
	Whisker bool
	// Range marks the key of a range of runs alone (a band, a whisker of a range), which a
	// chart of one run, drawing no range, leaves out. It is set where the key is made, not
	// read from its words.
	Range bool
	// Glyph, if set, is drawn in the line's colour at the middle of the mark: the shape of the
	// series' points, so that series stay apart without their colour.
	Glyph draw.GlyphDrawer
}

// panel is one plot of a chart, with labels written to the right of its data area at the
// height of the data they name.
type panel struct {
	p      *plot.Plot
	labels []directLabel
}

// directLabel names a series at the right-hand end of its line or area.
type directLabel struct {
	y     float64
	text  string
	color color.Color
}

func (c *Chart) addPanel(p *plot.Plot, labels ...directLabel) *panel {
	pn := &panel{p: p, labels: labels}
	c.panels = append(c.panels, pn)
	return pn
}

// WriterTo returns the chart drawn in format ("png", "svg" or "pdf"), ready to be written. A
// PNG has 300 dots per inch, recorded in its pHYs chunk; SVG and PDF are vector drawings, and
// all three are the same bytes for the same chart. A PNG's writer writes once (its pixels then
// serve the next chart drawn); call WriterTo again for another copy.
func (c *Chart) WriterTo(format string) (io.WriterTo, error) {
	w, h := c.size()
	switch format {
	case "svg":
		cv := vgsvg.New(w, h)
		c.Draw(draw.New(cv))
		return &svgWriter{cv: cv, title: c.Title, desc: c.Subtitle}, nil
	case "pdf":
		sortPDFCatalog.Do(func() { fpdf.SetDefaultCatalogSort(true) })
		cv := vgpdf.New(w, h)
		cv.EmbedFonts(true)
		pc := pdfCanvas{Canvas: cv, fonts: map[string][]byte{}, seen: map[any]bool{}}
		c.Draw(draw.New(pc))
		return &pdfWriter{cv, pc.fonts}, nil
	case "png":
		cv := newPNGCanvas(w, h)
		// The canvas is white already: the chart's white background would be drawn over
		// every pixel for nothing.
		c.draw(draw.New(cv), false)
		return &pngWriter{img: cv.release()}, nil
	}
	return nil, fmt.Errorf("plots: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// AccessibleName returns what a screen reader says of the chart: its title and the subtitle
// that states the finding ("Spending on children in care by financial year: Spending rises
// from £63.2m in 2026/27 to £81.9m in 2035/36 ...").
func (c *Chart) AccessibleName() string {
	if c.Subtitle == "" {
		return c.Title
	}
	return c.Title + ": " + c.Subtitle
}

// LabelSVG gives an inline chart, an <svg role="img"> element, its accessible name: name,
// which is usually its AccessibleName.
func LabelSVG(svg, name string) string {
	return strings.Replace(svg, `role="img"`, `role="img" aria-label="`+html.EscapeString(name)+`"`, 1)
}

// svgWriter writes a chart's SVG document with a <title> (the chart's title) and a <desc>
// (its subtitle) as the first children of its <svg> element: the text alternative a reader
// that does not see the drawing is given, as an image in a web page or a document.
type svgWriter struct {
	cv          *vgsvg.Canvas
	title, desc string
}

func (s *svgWriter) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := s.cv.WriteTo(&buf); err != nil {
		return 0, err
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte("<svg"))
	j := -1
	if i >= 0 {
		j = bytes.IndexByte(b[i:], '>')
	}
	if j < 0 {
		return 0, fmt.Errorf("plots: unexpected SVG layout")
	}
	at := i + j + 1
	alt := "\n<title>" + html.EscapeString(s.title) + "</title>"
	if s.desc != "" {
		alt += "\n<desc>" + html.EscapeString(s.desc) + "</desc>"
	}
	var n int64
	for _, part := range [][]byte{b[:at], []byte(alt), b[at:]} {
		m, err := w.Write(part)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// size returns the chart's width and height, Width and Height where they are not set.
func (c *Chart) size() (w, h vg.Length) {
	w, h = c.Width, c.Height
	if w == 0 {
		w = Width
	}
	if h == 0 {
		h = Height
	}
	return w, h
}

// pngWriter writes a PNG with its resolution: image/png leaves out the pHYs chunk, without
// which a word processor takes the image for 96 or 72 dpi and inserts it three times too big.
// It writes once: its image then goes back to the pool for the next chart.
type pngWriter struct{ img *image.RGBA }

func (p *pngWriter) WriteTo(w io.Writer) (int64, error) {
	if p.img == nil {
		return 0, fmt.Errorf("plots: a PNG chart is written once")
	}
	img := p.img
	p.img = nil
	defer releasePNGImage(img)
	if n, err, done := encodeOpaquePNG(w, img); done {
		return n, err
	}
	return writePNGWithDPI(w, img)
}

// writePNGWithDPI writes img as image/png does, with a pHYs chunk saying DPI.
func writePNGWithDPI(w io.Writer, img image.Image) (int64, error) {
	// Compressed for speed: a chart's flat colours and lines lose little to the fastest level,
	// the file is 4% larger and takes 30% less time to compress (25 ms of 85 for a chart).
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return 0, err
	}
	b := buf.Bytes()
	// The signature (8 bytes) and the IHDR chunk (4 length, 4 type, 13 data, 4 CRC) come first;
	// pHYs must come before the image data.
	const afterIHDR = 8 + 4 + 4 + 13 + 4
	if len(b) < afterIHDR || string(b[12:16]) != "IHDR" {
		return 0, fmt.Errorf("plots: unexpected PNG layout")
	}
	ppm := uint32(math.Round(DPI / 0.0254)) // pixels per metre
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // unit: metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	var n int64
	for _, part := range [][]byte{b[:afterIHDR], chunk, b[afterIHDR:]} {
		m, err := w.Write(part)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// sortPDFCatalog makes the PDF library write fonts and other resources in sorted order rather
// than in the order of a map, so that a PDF is the same bytes every time. The library keeps the
// setting for every document it makes from then on; sorting changes nothing else.
var sortPDFCatalog sync.Once

// pdfCanvas works around two things vgpdf gets wrong. It registers a bold font under the
// regular style and then asks for it as bold: pdfCanvas gives bold text a font of its own name.
// And it embeds each font with the Windows-1252 (cp1252) encoding but writes text as Go's
// UTF-8 bytes, so that every character beyond ASCII comes out as two or three others ("£" as
// "Â£"): pdfCanvas writes text in cp1252. It also keeps each font it draws with, by
// PostScript name, for embedFontFiles.
type pdfCanvas struct {
	*vgpdf.Canvas
	fonts map[string][]byte // TrueType files by PostScript name
	seen  map[any]bool      // the font faces already in fonts
}

func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight != xfont.WeightNormal {
		f.Font.Variant += font.Variant(fmt.Sprintf("W%d", int(f.Font.Weight)))
		f.Font.Weight = xfont.WeightNormal
	}
	if f.Face != nil && !c.seen[f.Face] {
		c.seen[f.Face] = true
		// A font whose file cannot be read is left as vgpdf embeds it; embedFontFiles then
		// fails, naming it, if it needs the file.
		if ff, err := fileOf(f.Face); err == nil {
			c.fonts[ff.name] = ff.ttf
		}
	}
	if made, _ := pdfFontsMade.LoadOrStore(f, new(pdfFontMade)); !made.(*pdfFontMade).done.Load() {
		// The first text in a face at a size makes the PDF library's font data for it (tens of
		// milliseconds), which the library then keeps for the process: charts drawn side by side
		// wait for the one making it rather than each making it too.
		m := made.(*pdfFontMade)
		m.mu.Lock()
		c.Canvas.FillString(f, pt, toCP1252(s))
		m.done.Store(true)
		m.mu.Unlock()
		return
	}
	c.Canvas.FillString(f, pt, toCP1252(s))
}

// pdfFontMade says whether the PDF library has made its data for a font face at a size, and is
// held while it makes it.
type pdfFontMade struct {
	mu   sync.Mutex
	done atomic.Bool
}

// pdfFontsMade holds a pdfFontMade for each font face, at its size, drawn in a PDF: the PDF
// library keeps the data it makes of a font for the life of the process, keyed the same way. It
// is a record of that cache, not a setting.
var pdfFontsMade sync.Map

// cp1252 maps the characters of Windows-1252 at 0x80 to 0x9F, where it differs from Latin-1,
// to their bytes. The rest of its upper half, 0xA0 to 0xFF, is Latin-1: the byte is the code
// point ("£", U+00A3, is 0xA3).
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Near spells characters Windows-1252 lacks with ones it has.
var cp1252Near = map[rune]string{
	'−': "-", '‐': "-", '‑': "-", '→': "->", '←': "<-", '≤': "<=", '≥': ">=", '≠': "!=",
	'\u2009': " ", '\u202f': " ", '\u2007': " ", '\u200b': "",
}

// toCP1252 returns s in Windows-1252, the encoding of the fonts vgpdf embeds: ASCII as it is,
// the characters cp1252 has as their byte, a few others as their nearest ("−" as "-", "≥" as
// ">="), and anything else as "?".
func toCP1252(s string) string {
	ascii := true
	for i := range len(s) {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			b = append(b, byte(r))
		case r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		case cp1252[r] != 0:
			b = append(b, cp1252[r])
		default:
			near, ok := cp1252Near[r]
			if !ok {
				near = "?"
			}
			b = append(b, near...)
		}
	}
	return string(b)
}

// pdfWriter writes a PDF whose dates are fixed, so that the same chart gives the same bytes
// (the PDF library stamps the time of writing, which only says when placesim ran), and whose
// every font is embedded (see embedFontFiles).
type pdfWriter struct {
	c     *vgpdf.Canvas
	fonts map[string][]byte
}

// pdfDate matches the creation and modification dates the PDF library writes.
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}\)`)

func (p *pdfWriter) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := p.c.WriteTo(&buf); err != nil {
		return 0, err
	}
	// The replacement has the same length, so the cross-reference offsets stay right.
	b := pdfDate.ReplaceAllFunc(buf.Bytes(), func(m []byte) []byte {
		i := bytes.Index(m, []byte("(D:"))
		return append(m[:i:i], "(D:20000101000000)"...)
	})
	b, err := embedFontFiles(b, p.fonts)
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

// Draw draws the chart on dc.
func (c *Chart) Draw(dc draw.Canvas) { c.draw(dc, true) }

// draw draws the chart on dc, on a white background when background is set, and otherwise
// on what dc holds (a canvas that is white already).
func (c *Chart) draw(dc draw.Canvas, background bool) {
	if background {
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	in := draw.Crop(dc, margin, -margin, margin, -margin)
	width := in.Max.X - in.Min.X
	top := in.Max.Y

	title := textStyle(sansBold, titleSize, black)
	for _, line := range wrap(c.Title, title, width) {
		top = drawLine(in, title, line, in.Min.X, top)
	}
	top -= 2
	sub := textStyle(sans, subtitleSize, textGrey)
	for _, line := range wrap(c.Subtitle, sub, width) {
		top = drawLine(in, sub, line, in.Min.X, top)
	}
	if len(c.Legend) > 0 {
		top -= 5
		top = c.drawLegend(in, top)
	}
	top -= 4

	src := textStyle(sans, sourceSize, textGrey)
	bottom := in.Min.Y
	lines := wrap(c.Source, src, width)
	if c.Note != "" {
		lines = append(wrap("Note: "+c.Note, src, width), lines...)
	}
	for i := len(lines) - 1; i >= 0; i-- {
		ext := src.FontExtents()
		in.FillText(src, vg.Point{X: in.Min.X, Y: bottom + ext.Descent}, lines[i])
		bottom += ext.Height
	}
	bottom += 4

	area := in
	area.Min.Y, area.Max.Y = bottom, top
	c.drawPanels(area)
}

// drawLine writes one line of text with its top at top, and returns the top of the next.
func drawLine(c draw.Canvas, sty text.Style, line string, x, top vg.Length) vg.Length {
	ext := sty.FontExtents()
	c.FillText(sty, vg.Point{X: x, Y: top - ext.Ascent}, line)
	return top - ext.Height
}

// wrap breaks s into lines no wider than width.
func wrap(s string, sty text.Style, width vg.Length) []string {
	if s == "" {
		return nil
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && sty.Width(try) > width {
			lines = append(lines, line)
			try = word
		}
		line = try
	}
	return append(lines, line)
}

// drawLegend draws the legend entries left to right, wrapping, from top; it returns the
// bottom.
func (c *Chart) drawLegend(dc draw.Canvas, top vg.Length) vg.Length {
	sty := textStyle(sans, legendSize, black)
	ext := sty.FontExtents()
	const swatchW, swatchH, gap = vg.Length(16), vg.Length(8), vg.Length(12)
	x := dc.Min.X
	rowH := ext.Height + 2
	for _, it := range c.Legend {
		// An entry of words alone (no line, no area) takes no room for a mark.
		words := it.Line.Color == nil && it.Fill == nil
		w := swatchW + 4 + sty.Width(it.Label)
		if words {
			w = sty.Width(it.Label)
		}
		if x > dc.Min.X && x+w > dc.Max.X {
			x = dc.Min.X
			top -= rowH
		}
		mid := top - rowH/2
		box := vg.Rectangle{Min: vg.Point{X: x, Y: mid - swatchH/2}, Max: vg.Point{X: x + swatchW, Y: mid + swatchH/2}}
		if it.Fill != nil {
			dc.SetColor(it.Fill)
			dc.Fill(box.Path())
			strokeEdge(dc, it.Fill, box)
		}
		if it.Line.Color != nil {
			if it.Whisker {
				cx := x + swatchW/2
				dc.StrokeLine2(it.Line, cx, box.Min.Y-1, cx, box.Max.Y+1)
				dc.StrokeLine2(it.Line, cx-3, box.Min.Y-1, cx+3, box.Min.Y-1)
				dc.StrokeLine2(it.Line, cx-3, box.Max.Y+1, cx+3, box.Max.Y+1)
			} else {
				dc.StrokeLine2(it.Line, x, mid, x+swatchW, mid)
			}
			if it.Glyph != nil {
				dc.DrawGlyph(draw.GlyphStyle{Color: it.Line.Color, Radius: glyphRadius, Shape: it.Glyph}, vg.Point{X: x + swatchW/2, Y: mid})
			}
		}
		at := x + swatchW + 4
		if words {
			at = x
		}
		dc.FillText(sty, vg.Point{X: at, Y: mid - (ext.Ascent-ext.Descent)/2}, it.Label)
		x += w + gap
	}
	return top - rowH
}

// drawPanels lays the panels out in c.Cols columns in area, with their data areas aligned, and
// writes each panel's direct labels to its right.
func (c *Chart) drawPanels(area draw.Canvas) {
	if len(c.panels) == 0 {
		return
	}
	cols := max(c.Cols, 1)
	rows := (len(c.panels) + cols - 1) / cols
	labelled := false
	for _, pn := range c.panels {
		labelled = labelled || len(pn.labels) > 0
	}
	labelW := vg.Length(0)
	if labelled {
		labelW = labelColumn
	}
	grid := make([][]*plot.Plot, rows)
	for j := range grid {
		grid[j] = make([]*plot.Plot, cols)
		for i := range grid[j] {
			if k := j*cols + i; k < len(c.panels) {
				grid[j][i] = c.panels[k].p
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: 10 + labelW, PadY: 8, PadRight: labelW}
	// A flat series or a tiny range still gets an axis with two labelled ticks. The axes are
	// fitted once, on the first drawing: a chart may be drawn in several formats at once.
	// A y-axis title too long for the panel's height is wrapped, and left off where even
	// wrapped it would leave the data no room: the chart's title names what is drawn.
	c.fitted.Do(func() {
		rowH := (area.Max.Y - area.Min.Y - tiles.PadY*vg.Length(rows-1)) / vg.Length(rows)
		for _, pn := range c.panels {
			fitYAxis(pn.p)
			fitYLabel(pn.p, rowH)
		}
	})
	canvases := plot.Align(grid, tiles, area)
	for j := range grid {
		for i, p := range grid[j] {
			if p == nil {
				continue
			}
			p.Draw(canvases[j][i])
			c.panels[j*cols+i].drawLabels(canvases[j][i], labelW)
		}
	}
}

// fitYLabel wraps p's y-axis title where it is longer than the panel's height h into lines no
// longer than the panel's data area, and leaves it off where that takes more than two lines.
// Rotated, the title runs up the panel's side: one longer than the panel pushes the data area
// to nothing and runs into the lines below it. (A title a little longer than the data area
// alone, as the short panels of a difference chart have, overhangs it and is kept as it is.)
func fitYLabel(p *plot.Plot, h vg.Length) {
	l := &p.Y.Label
	if l.Text == "" || strings.Contains(l.Text, "\n") {
		return
	}
	if l.TextStyle.Width(l.Text) <= h {
		return
	}
	room := h - p.X.Tick.Label.Height("0") - p.X.Label.TextStyle.Height(p.X.Label.Text) - p.X.Tick.Length - 4*p.X.Padding - 8
	lines := wrap(l.Text, l.TextStyle, room)
	if len(lines) > 2 || room <= 0 {
		l.Text = ""
		return
	}
	l.Text = strings.Join(lines, "\n")
}

// drawLabels writes the panel's labels in a column of width w right of its data area, each at
// the height of its value, moved apart where they would overlap.
func (pn *panel) drawLabels(c draw.Canvas, w vg.Length) {
	if len(pn.labels) == 0 {
		return
	}
	dataC := pn.p.DataCanvas(c)
	_, yOf := pn.p.Transforms(&dataC)
	sty := textStyle(sans, legendSize, black)
	ext := sty.FontExtents()
	type placed struct {
		lines []string
		y     vg.Length // centre
		h     vg.Length
		color color.Color
	}
	ps := make([]placed, len(pn.labels))
	for i, l := range pn.labels {
		lines := wrap(l.text, sty, w-8)
		ps[i] = placed{lines: lines, y: yOf(l.y), h: vg.Length(len(lines)) * ext.Height, color: l.color}
	}
	slices.SortStableFunc(ps, func(a, b placed) int {
		switch {
		case a.y < b.y:
			return -1
		case a.y > b.y:
			return 1
		}
		return 0
	})
	// Push labels up until none overlaps the one below, then down from the top edge, so that
	// they stay within the data area's height where they can.
	const gap = 1
	for i := 1; i < len(ps); i++ {
		if low := ps[i-1].y + ps[i-1].h/2 + gap + ps[i].h/2; ps[i].y < low {
			ps[i].y = low
		}
	}
	if n := len(ps); n > 0 {
		if hi := dataC.Max.Y - ps[n-1].h/2; ps[n-1].y > hi {
			ps[n-1].y = hi
		}
		for i := n - 2; i >= 0; i-- {
			if high := ps[i+1].y - ps[i+1].h/2 - gap - ps[i].h/2; ps[i].y > high {
				ps[i].y = high
			}
		}
	}
	x := dataC.Max.X + 6
	for _, p := range ps {
		top := p.y + p.h/2
		c.SetColor(p.color)
		box := vg.Rectangle{Min: vg.Point{X: x, Y: top - ext.Height + ext.Descent}, Max: vg.Point{X: x + 3, Y: top - ext.Descent/2}}
		c.Fill(box.Path())
		strokeEdge(c, p.color, box)
		for _, line := range p.lines {
			top = drawLine(c, sty, line, x+6, top)
		}
	}
}
