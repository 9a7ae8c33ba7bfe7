package plots

import (
	"strings"
	"testing"
)

// TestChildrenByKindPanelsSayTheirUnit checks that each small panel of the chart of children by
// kind of placement, each on its own scale, names its unit on its axis.
func TestChildrenByKindPanelsSayTheirUnit(t *testing.T) {
	c, err := ChildrenByKindChart(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.panels) < 2 {
		t.Fatalf("%d panels", len(c.panels))
	}
	for i, pn := range c.panels {
		p := pn.p
		if got := p.Y.Label.Text; got != "Children" {
			t.Errorf("panel %d (%s): axis label %q, want %q", i, strings.ReplaceAll(p.Title.Text, "\n", " "), got, "Children")
		}
	}
}
