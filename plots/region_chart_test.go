package plots

import (
	"fmt"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestRegionCouncilsChartLegible draws the councils' chart of regions of 3 and of 25 councils:
// the small one names every council in full (up to chartNameRunes characters, such as
// "brighton-and-hove"); the large one draws the MaxChartCouncils that spend the most, most
// first, and says that the report's table and summary.csv hold every council.
func TestRegionCouncilsChartLegible(t *testing.T) {
	figures := func(names ...string) *RegionFigures {
		f := &RegionFigures{KPIs: []string{sim.ChildrenInCare, sim.CostTotal}, Labels: []string{"Children in care", "Spending a year"},
			Councils: append(names, sim.RegionTotal)}
		for i := range f.Councils {
			v := float64(i + 1)
			f.Stats = append(f.Stats, []sim.Stat{{Mean: v * 10, Percentiles: []float64{v * 9, v * 10, v * 11}}, {Mean: v * 1.01e7, Percentiles: []float64{v * 9e6, v * 1e7, v * 11e6}}})
		}
		return f
	}
	svg := func(t *testing.T, c *Chart) string {
		t.Helper()
		return string(svgOf(t, c))
	}
	t.Run("small", func(t *testing.T) {
		c, err := regionCouncilsChart(figures("kent", "brighton-and-hove", "isle-of-wight"), "south", Source{})
		if err != nil {
			t.Fatal(err)
		}
		out := svg(t, c)
		for _, name := range []string{">kent<", ">brighton-and-hove<", ">isle-of-wight<"} {
			if strings.Count(out, name) != 2 {
				t.Errorf("the chart names %s %d times, want 2 (a panel each)", name, strings.Count(out, name))
			}
		}
		if strings.Contains(c.Subtitle, "hold every council") {
			t.Errorf("a small region's chart says it leaves councils out: %s", c.Subtitle)
		}
	})
	t.Run("large", func(t *testing.T) {
		var names []string
		for i := range 25 {
			names = append(names, fmt.Sprintf("council-%02d", i))
		}
		c, err := regionCouncilsChart(figures(names...), "large", Source{})
		if err != nil {
			t.Fatal(err)
		}
		out := svg(t, c)
		// Council i spends i+1 times as much as council 0: the last 20 are drawn, the
		// biggest first.
		last := -1
		for i, name := range names {
			at := strings.Index(out, ">"+name+"<")
			if drawn := i >= 25-MaxChartCouncils; drawn != (at >= 0) {
				t.Errorf("%s drawn %v, want %v", name, at >= 0, drawn)
			}
			if at >= 0 && last >= 0 && at > last {
				t.Errorf("%s is drawn after a council that spends less", name)
			}
			if at >= 0 {
				last = at
			}
		}
		// The sentence does not begin with a council's name, which may be a lower-case slug.
		want := "The council spending the most is council-24: £253m a year (mean of runs; the bars are medians). The 20 of its 25 councils that spend the most, most first; the report's table and summary.csv hold every council."
		if c.Subtitle != want {
			t.Errorf("subtitle %q\nwant %q", c.Subtitle, want)
		}
	})
}
