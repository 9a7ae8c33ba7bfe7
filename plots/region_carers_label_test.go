package plots_test

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// TestRegionCarerHouseholdsLabel checks that the region's rows of carer_households_end, which
// add up every council's own carer households, are labelled as all councils' together, in
// the workbook's Summary, the chart data and the carer households chart, while each council's
// rows keep the council's own label.
func TestRegionCarerHouseholdsLabel(t *testing.T) {
	rr := testRegion(t)
	rows, err := openRegionWorkbook(t, rr).GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	const own, all = "The council's own foster carer households", "The councils' own foster carer households"
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if r[3] != sim.CarerHouseholdsEnd {
			continue
		}
		seen[r[0]] = true
		if r[0] == sim.RegionTotal {
			if !strings.HasPrefix(r[4], all) || !strings.HasSuffix(r[4], ", all councils together, at the year's end") {
				t.Errorf("Summary: the region's row of %s reads %q", r[3], r[4])
			}
		} else if !strings.HasPrefix(r[4], own) {
			t.Errorf("Summary: %s's row of %s reads %q", r[0], r[3], r[4])
		}
	}
	if !seen[sim.RegionTotal] || len(seen) != 3 {
		t.Fatalf("Summary: rows of %s for %v", sim.CarerHouseholdsEnd, seen)
	}
	d, err := plots.FromRegionResults(rr)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range d.Rows {
		if r.Series == sim.CarerHouseholdsEnd {
			n++
			if !strings.HasPrefix(r.Label, all) || !strings.Contains(r.Label, "all councils together") {
				t.Errorf("chart data: %s %s reads %q", r.Chart, r.X, r.Label)
			}
		}
	}
	if n == 0 {
		t.Errorf("chart data: no rows of %s", sim.CarerHouseholdsEnd)
	}
	c, err := plots.CarerHouseholdsChart(d, plots.Source{Scenario: rr.Region.Name, Region: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "The councils' own foster carers, all councils together" {
		t.Errorf("the region's carer households chart is titled %q", c.Title)
	}
	if c, err := plots.CarerHouseholdsChart(d, plots.Source{}); err != nil || c.Title != "The council's own foster carers" {
		t.Errorf("a scenario's carer households chart is titled %q (%v)", c.Title, err)
	}
}
