package plots

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestDistanceMeasuresToldApart ties README.md's account of a region's two measures of distance
// to what placesim shows: "placed over 20 miles away" in a region's report and table is
// placed_distant_share, every child placed that far; over_20_miles_share counts only the children
// in the shared markets' places, and its label says so, so that no one quotes it for the first.
func TestDistanceMeasuresToldApart(t *testing.T) {
	for _, measures := range [][]regionMeasure{regionMeasures} {
		for _, m := range measures {
			if strings.Contains(m.label, "20 miles") && m.kpi != sim.PlacedDistantShare {
				t.Errorf("%q is %s, where README.md says placed_distant_share", m.label, m.kpi)
			}
		}
	}
	for _, kpi := range []string{sim.Over20MilesShare, sim.ChildrenOver20Miles} {
		info, _ := sim.KPIInfo(kpi)
		if !strings.Contains(info.Label, "in the shared market's places") || !strings.Contains(info.Label, "not all placed that far") {
			t.Errorf("%s's label %q does not say it counts only the shared market's places", kpi, info.Label)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	for _, want := range []string{
		"`placed_distant_share` (and `children_placed_distant`) counts every child placed more than 20 miles from home, whatever the placement, and is the \"placed over 20 miles away\" of the region's report",
		"`over_20_miles_share` (and `children_over_20_miles`) counts only the children in the shared markets' places more than 20 miles from home",
		"is not the share placed over 20 miles away",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}
