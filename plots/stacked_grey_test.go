package plots

import (
	"regexp"
	"testing"
)

// TestStackedNeighboursApartInGrey checks that each pair of neighbouring areas or bars of a
// stacked chart (the placement mix and spending by year, filled with areaColours in stacking
// order, wrapping round past the tenth) can be told apart printed in grey, as WCAG 2.2 (1.4.11)
// asks: their fills have a contrast of 3:1, or the line that separates them (stackEdge) has
// 3:1 against both. It also checks the charts draw that line.
func TestStackedNeighboursApartInGrey(t *testing.T) {
	n := len(areaColours)
	for i := range n {
		a, b := areaColours[i], areaColours[(i+1)%n]
		if r := contrast(a, b); r >= 3 {
			continue
		}
		if ra, rb := contrast(stackEdge, a), contrast(stackEdge, b); ra < 3 || rb < 3 {
			t.Errorf("areas %d and %d (%v, %v): fills %.2f:1 apart, separated by a line of %.2f:1 and %.2f:1 against them, want 3:1", i, (i+1)%n, a, b, contrast(a, b), ra, rb)
		}
	}
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	edge := regexp.MustCompile(`stroke:#000000;stroke-width:0\.75"`)
	for _, c := range charts {
		if c.Name != PlacementMix && c.Name != CostByYear {
			continue
		}
		if got := len(edge.FindAllString(string(svgOf(t, c)), -1)); got < 2 {
			t.Errorf("%s: %d black lines of 0.75 pt between its stacked parts", c.Name, got)
		}
	}
}
