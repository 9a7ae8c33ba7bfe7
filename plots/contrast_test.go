package plots

import (
	"fmt"
	"image/color"
	"math"
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

// TestAreaColoursBestOrder checks the README's claim that no order of areaColours keeps its
// closest neighbours further apart: it searches every order (branch and bound) for the highest
// smallest contrast between neighbours and requires areaColours' own to be it.
func TestAreaColoursBestOrder(t *testing.T) {
	n := len(areaColours)
	c := make([][]float64, n)
	for i := range c {
		c[i] = make([]float64, n)
		for j := range c[i] {
			c[i][j] = contrast(areaColours[i], areaColours[j])
		}
	}
	own := math.Inf(1)
	for i := 1; i < n; i++ {
		own = math.Min(own, c[i-1][i])
	}
	best := 0.0
	used := make([]bool, n)
	var search func(last, placed int, low float64)
	search = func(last, placed int, low float64) {
		if low <= best {
			return
		}
		if placed == n {
			best = low
			return
		}
		for k := range n {
			if !used[k] {
				used[k] = true
				search(k, placed+1, math.Min(low, c[last][k]))
				used[k] = false
			}
		}
	}
	for first := range n {
		used[first] = true
		search(first, 1, math.Inf(1))
		used[first] = false
	}
	if own < best-1e-9 {
		t.Errorf("areaColours' closest neighbours have %.3f:1; an order with %.3f:1 exists", own, best)
	}
	t.Logf("closest neighbours %.3f:1, the best of any order %.3f:1", own, best)
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
