package scenarios_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/placesim/placesim/scenarios"
)

// TestPricesAt checks that the default county's prices are 2026/27's, that a file extending it
// which moves the start keeps them, and that prices_at which is not a 1 April, or lies far
// from the start, is refused at its line with what to write.
func TestPricesAt(t *testing.T) {
	tests := []struct {
		name, file string
		want       time.Time
		err        string
	}{
		{"the default's", "extends: default\n", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), ""},
		{"the default's, from an earlier start", "extends: default\nstart: 2018-04-01\n", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), ""},
		{"its own", "extends: default\nstart: 2018-04-01\nprices_at: 2018-04-01\n", time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC), ""},
		{"not 1 April", "extends: default\nprices_at: 2026-03-31\n", time.Time{},
			"p.yaml:2:12: prices_at: must be 1 April of the financial year whose prices the amounts are in (2025-04-01 for 2025/26's), not 2026-03-31"},
		{"far off", "extends: default\nprices_at: 1900-04-01\n", time.Time{},
			"p.yaml:2:12: prices_at: must be within 100 years of the start (2026-04-01): between 1926-04-01 and 2126-04-01"},
		{"not a date", "extends: default\nprices_at: April 2026\n", time.Time{},
			`p.yaml:2:12: prices_at: must be a date such as 2027-04-01, not "April 2026"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scenarios.Parse(strings.NewReader(tt.file), "p.yaml", nil)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !s.PricesAt.Equal(tt.want) {
				t.Errorf("prices_at %s, want %s", s.PricesAt.Format(time.DateOnly), tt.want.Format(time.DateOnly))
			}
		})
	}
}

// TestRegionCouncilPricesAt checks that each council of a region keeps its own scenario's
// prices_at, the default's 2026/27 for a council of the default in a region starting in
// 2018, and that a council's file whose prices_at is not a 1 April is refused at its line.
func TestRegionCouncilPricesAt(t *testing.T) {
	const region = `name: two
start: 2018-04-01
years: 3
zones:
  - {name: north, miles: {north: 12, south: 40}}
  - {name: south, miles: {south: 15}}
councils:
  - {name: northshire, zone: north, scenario: default, size: {children_in_care: 600}}
  - {name: southshire, zone: south, scenario: south.yaml}
`
	for _, tt := range []struct {
		name, south string
		want        []time.Time
		err         string
	}{
		{"own prices", "extends: default\nprices_at: 2018-04-01\n",
			[]time.Time{time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)}, ""},
		{"not 1 April", "extends: default\nprices_at: 2018-05-01\n", nil,
			"south.yaml:2:12: councils.southshire.scenario.prices_at: must be 1 April of the financial year whose prices the amounts are in (2018-04-01 for 2018/19's), not 2018-05-01"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"south.yaml": {Data: []byte(tt.south)}}
			reg, err := scenarios.ParseRegionFS(strings.NewReader(region), fsys, "two.yaml", nil)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range reg.Councils {
				if !c.Scenario.PricesAt.Equal(tt.want[i]) {
					t.Errorf("%s: prices_at %s, want %s", c.Name, c.Scenario.PricesAt.Format(time.DateOnly), tt.want[i].Format(time.DateOnly))
				}
			}
		})
	}
}
