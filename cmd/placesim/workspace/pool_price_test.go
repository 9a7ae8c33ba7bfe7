package workspace

import (
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestPoolOpeningPriceIsLibrarys checks that a new pooled block on the region page proposes
// the price a place a year the library's regional-care-cooperative pays for its blocks of
// children's-home places, in the default's 2026/27 prices.
func TestPoolOpeningPriceIsLibrarys(t *testing.T) {
	reg, err := scenarios.LoadRegion("regional-care-cooperative", nil)
	if err != nil {
		t.Fatal(err)
	}
	var price float64
	for _, iv := range reg.Interventions {
		if iv.Action == model.PooledBlock {
			price = iv.CostPerPlaceYearGBP
			break
		}
	}
	if got := poolOpening[".price"]; got != price || got != 317000 {
		t.Errorf("a new pooled block's price opens at %v, want the library's regional-care-cooperative's %v (317000)", got, price)
	}
}
