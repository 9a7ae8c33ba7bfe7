package plots

import (
	"image/color"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestDifferenceLegendGlyphs checks that each entry of the difference chart's legend shows
// the shape of its series' points, in its colour, so that the three kinds of residential care
// stay apart for a reader who cannot tell vermilion from blue (1.34:1 in grey).
func TestDifferenceLegendGlyphs(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	charts, err := ComparisonCharts(rows, 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	c := charts[0]
	if len(c.Legend) < 4 {
		t.Fatalf("%d legend entries, want the difference and three kinds of residential care", len(c.Legend))
	}
	var rec recorder.Canvas
	w, h := c.size()
	c.Draw(draw.NewCanvas(&rec, w, h))

	// The marks of a legend entry are drawn between the text before it and its label.
	type fill struct {
		col  color.Color
		path vg.Path
	}
	fillsBefore := map[string][]fill{}
	var cur color.Color
	var fills []fill
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			cur = a.Color
		case *recorder.Fill:
			fills = append(fills, fill{cur, a.Path})
		case *recorder.FillString:
			if _, seen := fillsBefore[a.String]; !seen {
				fillsBefore[a.String] = fills
			}
			fills = nil
		}
	}
	shapes := map[string]string{}
	for _, it := range c.Legend {
		var glyph *fill
		for i, f := range fillsBefore[it.Label] {
			if sameColour(f.col, it.Line.Color) {
				glyph = &fillsBefore[it.Label][i]
			}
		}
		if glyph == nil {
			t.Errorf("legend entry %q: no point drawn in its colour beside it", it.Label)
			continue
		}
		shape := pathShape(glyph.path)
		if other, ok := shapes[shape]; ok && it.Line.Color != black {
			t.Errorf("legend entries %q and %q show the same shape of point", other, it.Label)
		}
		if it.Line.Color != black {
			shapes[shape] = it.Label
		}
	}
}

// sameColour reports whether a and b are the same colour.
func sameColour(a, b color.Color) bool {
	if a == nil || b == nil {
		return false
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// pathShape names the kinds of a path's components in order: a circle, a box and a triangle
// differ.
func pathShape(p vg.Path) string {
	s := ""
	for _, c := range p {
		s += string("MLACZ"[c.Type])
	}
	return s
}
