package plots

import (
	"image/color"
	"math"
	"strconv"

	"github.com/placesim/placesim/sim"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The Okabe-Ito palette, safe for the common kinds of colour blindness. The comment after each
// colour gives its lightness in grey (0 black, 1 white): series that sit side by side alternate
// dark and light so that they stay apart when a paper is printed in grey.
var (
	black     = color.NRGBA{0x00, 0x00, 0x00, 0xff} // 0
	orange    = color.NRGBA{0xe6, 0x9f, 0x00, 0xff} // 0.64
	skyBlue   = color.NRGBA{0x56, 0xb4, 0xe9, 0xff} // 0.63
	green     = color.NRGBA{0x00, 0x9e, 0x73, 0xff} // 0.45
	yellow    = color.NRGBA{0xf0, 0xe4, 0x42, 0xff} // 0.86
	blue      = color.NRGBA{0x00, 0x72, 0xb2, 0xff} // 0.35
	vermilion = color.NRGBA{0xd5, 0x5e, 0x00, 0xff} // 0.42
	purple    = color.NRGBA{0xcc, 0x79, 0xa7, 0xff} // 0.55
	grey      = color.NRGBA{0x99, 0x99, 0x99, 0xff} // 0.60
	darkGrey  = color.NRGBA{0x4d, 0x4d, 0x4d, 0xff} // 0.30
	slateGrey = color.NRGBA{0x5e, 0x5e, 0x5e, 0xff} // 0.37
	lightGrey = color.NRGBA{0xd9, 0xd9, 0xd9, 0xff} // 0.85
	gridGrey  = color.NRGBA{0xe6, 0xe6, 0xe6, 0xff}
	textGrey  = color.NRGBA{0x40, 0x40, 0x40, 0xff}
)

// areaColours fill stacked areas and bars, in stacking order: neighbours differ in hue and in
// lightness. Of every order of these ten colours, this one keeps the smallest contrast between
// neighbours highest, so that a chart printed in grey still tells each area from the next as
// far as lightness can. No ten colours keep every pair of neighbours 3:1 apart, which WCAG 2.2
// (1.4.11) asks of parts a reader must tell apart, so stacked areas and bars are outlined in
// stackEdge, which has 3:1 against every one of them: a line that contrasts with both parts
// separates each from the next, in colour and in grey.
var areaColours = []color.NRGBA{skyBlue, slateGrey, green, yellow, vermilion, orange, blue, grey, lightGrey, purple}

// stackEdge outlines each area and bar of a stack (areaColours), at stackEdgeWidth points.
var stackEdge = black

// stackEdgeWidth is the width of the line between stacked areas and bars, in points: 0.75 pt,
// 0.83 pt as reports print a chart.
const stackEdgeWidth = 0.75

// edgeOf returns the colour of the line that outlines an area filled with c on white: c as it
// shows on white, darkened (mixed with black) just enough to have a contrast of 3:1 against
// white, which WCAG 2.2 (1.4.11) asks of the marks a reader needs to tell a chart's parts apart.
// A colour that has 3:1 already is its own edge.
func edgeOf(c color.Color) color.NRGBA {
	r, g, b, a := c.RGBA() // premultiplied by alpha, 0-0xffff
	over := func(v uint32) float64 { return (float64(v) + float64(0xffff-a)) / 0xffff * 255 }
	rf, gf, bf := over(r), over(g), over(b)
	for k := 0; k <= 20; k++ {
		keep := 1 - float64(k)/20
		e := color.NRGBA{uint8(math.Round(rf * keep)), uint8(math.Round(gf * keep)), uint8(math.Round(bf * keep)), 0xff}
		if contrast(e, color.White) >= 3 {
			return e
		}
	}
	return black
}

// contrast returns the WCAG 2 contrast ratio of two opaque colours, from 1 (the same) to 21
// (black on white).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance returns the WCAG 2 relative luminance of an opaque colour: 0 black, 1 white.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// edgeWidth is the width of the line that outlines a filled area or bar, in points.
const edgeWidth = 0.6

// tint mixes c with white: share 0 is c, 1 is white. Bands are tints rather than transparent
// colours, so they look the same in every format and every viewer.
func tint(c color.NRGBA, share float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (255-float64(v))*share)) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// shade mixes c with black: share 0 is c, 1 is black.
func shade(c color.NRGBA, share float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) * (1 - share))) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// caseFills fill a business case's bars of a year, side by side: what it spends less on places
// bought (green, lightness 0.26), more on its own carers and homes (light orange, 0.71) and
// on programmes (dark vermilion, 0.05). Each pair is at least 2.4:1 apart in WCAG contrast, so
// the three stay apart printed in grey (they were 0.39 to 0.57, as little as 1.08:1 apart).
var caseFills = []color.NRGBA{green, tint(orange, 0.6), shade(vermilion, 0.5)}

// translucent returns c with opacity alpha (0-1), for bands that overlap.
func translucent(c color.NRGBA, alpha float64) color.NRGBA {
	c.A = uint8(math.Round(255 * alpha))
	return c
}

// Dash patterns, in points, for lines that must stay apart without colour.
var (
	dashed = []vg.Length{vg.Points(5), vg.Points(2.5)}
	dotted = []vg.Length{vg.Points(1.2), vg.Points(2)}
)

// Text sizes, in points, of a chart drawn 16 cm wide. Reports and board packs print it the
// width between the A4 page's margins, 17.8 cm, so the smallest text on a chart, 8.5 pt,
// prints at 9.5 pt: board papers are read on paper, where text under 9 pt is hard to read.
const (
	titleSize    = 12
	subtitleSize = 9.5
	labelSize    = 9
	tickSize     = 8.5
	legendSize   = 8.5
	sourceSize   = 8.5
	markerSize   = 8.5
)

// sans is the typeface of every chart: Liberation Sans, metrically the same as Arial, so that
// an SVG shown with the reader's own Arial or Helvetica keeps its layout.
var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// textStyle returns the style of text of the given font and size in points.
func textStyle(f font.Font, size float64, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, font.Length(size)),
		Handler: measured,
	}
}

// lineStyle returns a line of colour c, width in points and dash pattern.
func lineStyle(c color.Color, width float64, dashes []vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(width), Dashes: dashes}
}

// formatMoney writes an amount of pounds as a board paper would: £1.2m, £12.4m, £125m, £950k,
// £85; with a minus sign before the pound sign for a negative amount. NaN or an infinity (the
// bound of an interval one run cannot give) is "n/a".
func formatMoney(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	sign := ""
	if v <= -0.5 { // an amount that rounds to £0 has no sign
		sign = "-"
	}
	v = math.Abs(v)
	switch {
	case v >= 99.95e6:
		return sign + "£" + formatCount(v/1e6) + "m"
	case v >= 0.9995e6:
		return sign + "£" + strconv.FormatFloat(v/1e6, 'f', 1, 64) + "m"
	case v >= 999.5: // £999.60 is £1k, not £1000

		return sign + "£" + strconv.FormatFloat(v/1e3, 'f', 0, 64) + "k"
	default:
		return sign + "£" + strconv.FormatFloat(v, 'f', 0, 64)
	}
}

// formatPounds writes a price exactly, as a finance reader checks it against a rate card:
// £1,200, £10,500, or £1,234.50 when it has pence; NaN or an infinity is "n/a". formatMoney
// is for large totals.
func formatPounds(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	pence := math.Round(v * 100)
	pounds, rest := math.Floor(pence/100), math.Mod(pence, 100)
	s := sign + "£" + formatCount(pounds)
	if rest != 0 {
		s += "." + strconv.Itoa(100 + int(rest))[1:]
	}
	return s
}

// formatCount writes a number of children, carers or places rounded to a whole number, with
// thousands separated by commas: 1,234; NaN or an infinity is "n/a".
func formatCount(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	s := strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if math.Round(v) < 0 {
		s = "-" + s
	}
	return s
}

// formatShare writes a share (0-1) as a whole percentage: 0.634 is 63%; NaN or an infinity is
// "n/a".
func formatShare(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return strconv.FormatFloat(math.Round(100*v), 'f', 0, 64) + "%"
}

// formatSigned writes a difference with its sign: +12, -3, 0; +£1.2m, -£0.4m; NaN or an
// infinity is "n/a".
func formatSigned(v float64, money bool) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	if money {
		if v >= 0.5 { // an amount that rounds to £0 has no sign
			return "+" + formatMoney(v)
		}
		return formatMoney(v)
	}
	s := formatCount(v)
	if math.Round(v) > 0 {
		s = "+" + s
	}
	return s
}

// lowerFirst returns s with its first letter in lower case where its first word is a common
// one, as sim.LowerFirst does: "In-house foster care" becomes "in-house foster care".
func lowerFirst(s string) string { return sim.LowerFirst(s) }
