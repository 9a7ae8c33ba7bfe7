package scenarios

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestRegionStockHomesShareFitted checks that a stock file's group with a homes_share, once
// apportioned to the council's size, places no more children in the council's own homes than
// their beds left by the groups placed there hold, as a scaled scenario's stock does
// (model.FitHomesShares).
func TestRegionStockHomesShareFitted(t *testing.T) {
	fsys := fstest.MapFS{
		"stock.yaml": {Data: []byte("councils:\n  - name: shire\n    stock:\n" +
			"      - {kind: external_residential, ages: 10-17, count: 10, needs: {complex: 1}, homes_share: 0.5}\n")},
	}
	const region = "name: r\nstart: 2026-04-01\nyears: 1\nzones:\n  - {name: z, miles: {z: 5}}\n" +
		"councils:\n  - {name: shire, zone: z, scenario: default, size: {children_in_care: 1000}}\nstock: stock.yaml\n"
	reg, err := ParseRegionFS(strings.NewReader(region), fsys, "region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := reg.Councils[0].Scenario
	hk := s.HomesKind()
	if hk < 0 {
		t.Fatal("the council has no homes of its own")
	}
	beds := 0
	for _, h := range s.Kinds[hk].Homes {
		beds += h.Beds
	}
	placed := 0.0
	for _, g := range s.Stock {
		placed += g.HomesShare * float64(g.Count)
	}
	if s.StockCount() != 1000 || placed > float64(beds)+1e-9 || placed == 0 {
		t.Errorf("%d children in care, %.1f of them placed in the council's own homes by homes_share: want 1000, and at most the homes' %d beds but some", s.StockCount(), placed, beds)
	}
}
