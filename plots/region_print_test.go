package plots_test

import (
	"bytes"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// TestRegionPagesInChromium prints a region's report and the board pack of a regional strategy
// on A4 in Chromium: every table, the councils' with a column for each measure among them, fits
// between the page's margins (178 mm), with no column cut off at the edge.
func TestRegionPagesInChromium(t *testing.T) {
	exe := plots.ChromiumPath(t)
	base := testRegion(t)
	src := plots.Source{Version: "test", Scenario: base.Region.Name, Reps: 6, Seed: 1}
	report := &plots.RegionReport{Results: base, Source: src, Links: []string{"north-shire/report.html", "south, shire/report.html"}}
	alt := testRegionSet(t, "entries.per_year=36")
	alt.Region.Name = "two-counties-strategy"
	rc := &plots.RegionComparison{Scenario: alt.Region.Name, Baseline: base.Region.Name, Years: base.Region.Years}
	for i := range base.Councils {
		rc.Councils = append(rc.Councils, base.Region.Councils[i].Name)
	}
	rc.Councils = append(rc.Councils, sim.RegionTotal)
	pairs := append(append([]*sim.Results(nil), base.Councils...), base.Total)
	alts := append(append([]*sim.Results(nil), alt.Councils...), alt.Total)
	for i := range pairs {
		d, err := sim.Compare(pairs[i], alts[i], 0.9)
		if err != nil {
			t.Fatal(err)
		}
		nc, err := sim.NetPosition(pairs[i], alts[i], 0.9, sim.GreenBookDiscountRate)
		if err != nil {
			t.Fatal(err)
		}
		rc.Diffs, rc.Cases = append(rc.Diffs, d), append(rc.Cases, nc)
	}
	pack := &plots.RegionCompareReport{Baseline: base.Region, Scenarios: []*model.Region{alt.Region}, Comparisons: []*plots.RegionComparison{rc},
		Level: 0.9, Reps: 6, Seed: 1, Source: src.String()}
	for _, p := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"region report", func(b *bytes.Buffer) error { return report.WriteHTML(b) }},
		{"region board pack", func(b *bytes.Buffer) error { return pack.WriteHTML(b) }},
	} {
		var buf bytes.Buffer
		if err := p.write(&buf); err != nil {
			t.Fatal(err)
		}
		for _, w := range plots.PrintedTablesTooWide(t, exe, buf.Bytes()) {
			t.Errorf("%s on A4: %s", p.name, w)
		}
	}
}
