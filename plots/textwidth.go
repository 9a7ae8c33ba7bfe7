package plots

import (
	"math"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// measured is the text handler of every chart's text: gonum/plot's plain text, each string's
// width in each font worked out once. A chart's layout asks for the width of the same tick
// labels, titles and legend entries many times over, and of the same in every chart of a run
// (a region's councils draw each chart once for every file), and working a width out reads
// every glyph's advance and kerning from the font file. The widths are the same numbers, so
// the charts are the same, byte for byte.
var measured text.Handler = measuredText{plain: plot.DefaultTextHandler}

// measuredText is a text handler whose widths come from widths; the rest is plain's.
type measuredText struct {
	plain text.Handler
}

// widthKey is a string in a font of a size.
type widthKey struct {
	font font.Font
	txt  string
}

// widths holds each string's width in each font, up to widthsUpTo of them: a cache of a pure
// function's results, bounded for a long-running server, not a setting.
var widths struct {
	sync.RWMutex
	m map[widthKey]vg.Length
}

// widthsUpTo is the most widths kept: many times the distinct strings of a region's charts.
const widthsUpTo = 1 << 16

// width returns the width of txt, one line, in fnt.
func (h measuredText) width(txt string, fnt font.Font) vg.Length {
	k := widthKey{fnt, txt}
	widths.RLock()
	w, ok := widths.m[k]
	widths.RUnlock()
	if ok {
		return w
	}
	face := h.plain.Cache().Lookup(fnt, fnt.Size)
	w = face.Width(txt)
	widths.Lock()
	if widths.m == nil {
		widths.m = map[widthKey]vg.Length{}
	}
	if len(widths.m) < widthsUpTo {
		widths.m[k] = w
	}
	widths.Unlock()
	return w
}

func (h measuredText) Cache() *font.Cache                 { return h.plain.Cache() }
func (h measuredText) Extents(fnt font.Font) font.Extents { return h.plain.Extents(fnt) }
func (h measuredText) Lines(txt string) []string          { return h.plain.Lines(txt) }

// Box is text.Plain's, its width from width.
func (h measuredText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	ext := h.plain.Extents(fnt)
	return h.width(txt, fnt), ext.Ascent, ext.Descent
}

// Draw is text.Plain's, each line's width from width.
func (h measuredText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	fnt := h.Cache().Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos := vg.Length(cos64)
	sin := vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	lines := h.Lines(txt)
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - fnt.Extents().Ascent
	for i, line := range lines {
		xoffs := vg.Length(sty.XAlign) * h.width(line, sty.Font)
		n := vg.Length(len(lines) - i)
		c.FillString(fnt, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}
