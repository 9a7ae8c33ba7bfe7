package plots_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// TestRegionChartsHaveFigures checks that the chart of a region's councils side by side, in
// the region's report, has its figures in a table folded under it, a row for each council.
func TestRegionChartsHaveFigures(t *testing.T) {
	rr := testRegion(t)
	src := plots.Source{Version: "test", Scenario: rr.Region.Name, Reps: 6, Seed: 1}
	charts, err := plots.RegionCharts(rr, src)
	if err != nil {
		t.Fatal(err)
	}
	r := &plots.RegionReport{Results: rr, Source: src, Charts: charts}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	fig := regexp.MustCompile(`(?s)<figure id="councils">.*?</figure>`).FindString(page)
	if !strings.Contains(fig, `<details class="figs"><summary>Figures in this chart`) {
		t.Fatal("the chart of the councils has no table of its figures")
	}
	for _, c := range []string{"north-shire", "south, shire"} {
		if !strings.Contains(fig, `<th scope="row" class="row">`+c+`</th>`) {
			t.Errorf("the councils' chart's table has no row of %s", c)
		}
	}
	plots.CheckTablesRead(t, "region report", page)
}
