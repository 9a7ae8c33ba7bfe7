package plots

import (
	"bytes"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// TestMeasuredTextAsPlain checks that the charts' text handler gives every string the width
// gonum/plot's plain text gives it, in each font and size, asked once and asked again, and
// draws text, on several lines, aligned and turned, to the same bytes.
func TestMeasuredTextAsPlain(t *testing.T) {
	strs := []string{"£1.2m", "Children in care", "2031", "", "Wa", "AV", "Residential (external)\nsecond line"}
	for _, f := range []font.Font{sans, sansBold} {
		for _, size := range []float64{tickSize, titleSize} {
			fnt := font.From(f, font.Length(size))
			for range 2 {
				for _, s := range strs {
					pw, ph, pd := plot.DefaultTextHandler.Box(s, fnt)
					mw, mh, md := measured.Box(s, fnt)
					if pw != mw || ph != mh || pd != md {
						t.Errorf("%v %q: box %v %v %v, plain text's %v %v %v", fnt, s, mw, mh, md, pw, ph, pd)
					}
				}
			}
		}
	}
	draw := func(h text.Handler) []byte {
		cv := vgsvg.New(vg.Points(300), vg.Points(200))
		for i, s := range strs {
			sty := textStyle(sans, tickSize+float64(i), textGrey)
			sty.Handler = h
			sty.XAlign, sty.YAlign = text.XAlignment(-float64((i+1)%3)/2), text.YAlignment(-float64(i%2)/2)
			sty.Rotation = float64(i) * 0.3
			h.Draw(cv, s, sty, vg.Point{X: vg.Points(50 + 20*float64(i)), Y: vg.Points(100)})
		}
		var buf bytes.Buffer
		if _, err := cv.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(draw(measured), draw(plot.DefaultTextHandler)) {
		t.Error("text drawn by the charts' handler differs from plain text's")
	}
}
