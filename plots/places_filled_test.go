package plots

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestGapChartPlacesFilled checks that the sufficiency gap chart's note on the places kept for
// brothers and sisters gives the share of places filled of the run its data holds (chart
// PlacesFilled), and no figure when the data, written before it held one, has none: never a
// fixed figure of the built-in county.
func TestGapChartPlacesFilled(t *testing.T) {
	for _, tc := range []struct {
		name   string
		filled []Row
		want   string
	}{
		{"none held", nil, "(42,015 of 69,825 mainstream places). Ofsted's 17.6%"},
		{"the run's", []Row{
			{Chart: PlacesFilled, Series: PlacesFilledSeries("inhouse_foster"), X: "2030/31", Mean: 0.9},
			{Chart: PlacesFilled, Series: PlacesFilledSeries("inhouse_foster"), X: sim.WholeRun, Mean: 0.712},
		}, `mainstream places); in this run, "default" has 71% of its places in in-house foster care filled on an average day (the children placed there over its places, over the whole run). Ofsted's 17.6%`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readTestData(t)
			d.Rows = append(d.Rows, tc.filled...)
			c, err := SufficiencyGapByAgeChart(d, testSource)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Note, tc.want) {
				t.Errorf("the note does not say %q:\n%s", tc.want, c.Note)
			}
			if strings.Contains(c.Note, "about 63%") {
				t.Errorf("the note gives a fixed figure: %s", c.Note)
			}
		})
	}
}
