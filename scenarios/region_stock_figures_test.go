package scenarios_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestRegionStockFigures checks README.md's figures of the South East's stock
// (figures:region-stock-complex): the children of complex need its largest and smallest
// councils start with, from the region's stock file, against the county's stock scaled to
// them. The prose says the councils hold about as many in the region's own steady state: the
// test fails if any council's differ by more than 2 children and 5%.
func TestRegionStockFigures(t *testing.T) {
	complexByCouncil := func(sets ...string) (names []string, complex map[string]float64) {
		reg, err := scenarios.LoadRegion("south-east", sets)
		if err != nil {
			t.Fatal(err)
		}
		complex = map[string]float64{}
		for _, c := range reg.Councils {
			n := 0.0
			for _, g := range c.Scenario.Stock {
				n += float64(g.Count) * g.NeedShares[model.NeedComplex]
			}
			names = append(names, c.Name)
			complex[c.Name] = n
		}
		return names, complex
	}
	names, own := complexByCouncil()
	_, scaled := complexByCouncil("stock=null")
	largest, smallest := names[0], names[0]
	for _, n := range names {
		if d := math.Abs(own[n] - scaled[n]); d > 2 && d > 0.05*scaled[n] {
			t.Errorf("%s starts with %.0f children of complex need from the region's stock, the county's stock scaled %.0f: scenarios/README.md says the councils hold about as many", n, own[n], scaled[n])
		}
		if scaled[n] > scaled[largest] {
			largest = n
		}
		if scaled[n] < scaled[smallest] {
			smallest = n
		}
	}
	var parts []string
	for _, n := range []string{largest, smallest} {
		parts = append(parts, fmt.Sprintf("`%s` %.0f where it gives %.0f", n, own[n], scaled[n]))
	}
	readmeFigure(t, "region-stock-complex", strings.Join(parts, ", ")+".")
}
