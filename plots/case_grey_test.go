package plots

import (
	"image/color"
	"testing"
)

// TestBusinessCaseBarsApartInGrey checks that the three bars of a year of the business case's
// chart, as its key fills them, are each at least 2.4:1 apart in WCAG contrast, so that a
// chart printed in grey tells places bought from programmes (once 1.08:1 apart); the year's
// net saving beside them is hollow, told apart by its black outline.
func TestBusinessCaseBarsApartInGrey(t *testing.T) {
	c, err := CumulativeNetChart(testCase(), testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	var fills []LegendItem
	for _, it := range c.Legend {
		if it.Fill != nil && !it.Range && it.Fill != color.Color(hollowFill) {
			fills = append(fills, it)
		}
	}
	if len(fills) != 3 {
		t.Fatalf("%d keys of bars, want 3", len(fills))
	}
	for i := range fills {
		for j := i + 1; j < len(fills); j++ {
			if r := contrast(fills[i].Fill, fills[j].Fill); r < 2.4 {
				t.Errorf("%q and %q: %.2f:1 apart, want at least 2.4:1", fills[i].Label, fills[j].Label, r)
			}
		}
	}
}
