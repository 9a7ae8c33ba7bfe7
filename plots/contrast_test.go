package plots

import (
	"fmt"
	"image/color"
	"os"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestAreaColoursApartInGrey checks that stacked areas and bars next to each other differ in
// lightness, so that a chart printed in grey still tells them apart: every neighbouring pair of
// areaColours has a WCAG contrast of at least 1.7:1, the most the palette allows (README,
// Charts and the report).
func TestAreaColoursApartInGrey(t *testing.T) {
	for i := 1; i < len(areaColours); i++ {
		if r := contrast(areaColours[i-1], areaColours[i]); r < 1.7 {
			t.Errorf("areaColours %d and %d (%v on %v): contrast %.2f:1, want at least 1.7:1", i-1, i, areaColours[i], areaColours[i-1], r)
		}
	}
}

// TestFilledAreasDelimited draws every chart and checks that each area, band, bar and legend
// box filled with a colour of less than 3:1 against white is outlined in a colour that has 3:1,
// as WCAG 2.2 (1.4.11, non-text contrast) asks of the parts of a chart a reader must tell apart.
func TestFilledAreasDelimited(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := ComparisonCharts(readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) }), 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(charts, cmp...) {
		t.Run(c.Name, func(t *testing.T) {
			var rec recorder.Canvas
			w, h := c.size()
			c.Draw(draw.NewCanvas(&rec, w, h))
			var cur color.Color
			pending := "" // a light fill not yet outlined
			for i, a := range rec.Actions {
				switch a := a.(type) {
				case *recorder.SetColor:
					cur = a.Color
				case *recorder.Stroke:
					if pending != "" && contrast(onWhite(cur), color.White) >= 3 {
						pending = ""
					}
				case *recorder.Fill, *recorder.FillString:
					if pending != "" {
						t.Errorf("%s is not outlined at 3:1 against white", pending)
						pending = ""
					}
					if f, ok := a.(*recorder.Fill); ok && len(f.Path) > 2 {
						if r := contrast(onWhite(cur), color.White); r < 3 && r > 1 {
							pending = fmt.Sprintf("fill %d (%v, %.2f:1 against white)", i, cur, r)
						}
					}
				}
			}
			if pending != "" {
				t.Errorf("%s is not outlined at 3:1 against white", pending)
			}
		})
	}
}

// onWhite returns c as it shows on white.
func onWhite(c color.Color) color.Color {
	r, g, b, a := c.RGBA()
	over := func(v uint32) uint8 { return uint8((v + 0xffff - a) >> 8) }
	return color.NRGBA{over(r), over(g), over(b), 0xff}
}
