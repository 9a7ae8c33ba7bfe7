package scenarios_test

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/placesim/placesim/model"
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

// TestDefaultPricesUplifted checks that the default county's amounts taken from published
// figures of earlier years are carried to its prices_at, 2026/27, by the rule the file states
// (inflation_per_year, 3% a year from the financial year the figure is for), and that the
// published range the sensitivity analysis tries for a children's home place holds the price.
func TestDefaultPricesUplifted(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.InflationPerYear != 0.03 || !s.PricesAt.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("the rule changed: inflation_per_year %v, prices_at %s", s.InflationPerYear, s.PricesAt.Format(time.DateOnly))
	}
	to2026 := func(v float64, from int) float64 { return math.Round(v * math.Pow(1.03, float64(2026-from))) }
	kind := func(name string) model.Kind {
		for _, k := range s.Kinds {
			if k.Name == name {
				return k
			}
		}
		t.Fatalf("no kind %s", name)
		return model.Kind{}
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"external homes, standard (NAO 2023-24 £318,400 a year)", kind("external_residential").WeeklyCostGBP[model.NeedStandard], to2026(318400*7.0/365, 2023)},
		{"external homes, complex (£7,000 in 2023/24)", kind("external_residential").WeeklyCostGBP[model.NeedComplex], to2026(7000, 2023)},
		{"external homes, solo (as emergency)", kind("external_residential").WeeklyCostGBP[model.NeedSolo], to2026(10500, 2025)},
		{"emergency (Children's Commissioner 2025 £10,500)", s.Emergency.WeeklyCostGBP, to2026(10500, 2025)},
		{"agency foster care, standard (CMA ~£820, 2020)", kind("ifa").WeeklyCostGBP[model.NeedStandard], to2026(820, 2020)},
		{"supported accommodation, standard (FOI 2023 £621)", kind("supported_accommodation").WeeklyCostGBP[model.NeedStandard], to2026(621, 2023)},
		{"supported accommodation, complex (£900 in 2023/24)", kind("supported_accommodation").WeeklyCostGBP[model.NeedComplex], to2026(900, 2023)},
		{"council home's running cost (£1.1m in 2023/24)", kind("inhouse_home").Homes[0].FixedCostPerYearGBP, math.Round(to2026(1100000, 2023)/1000) * 1000},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v in 2026/27's prices", c.what, c.got, c.want)
		}
	}
	for _, in := range scenarios.SensitivityInputs(s, 0.2) {
		if in.Path == "kinds.external_residential.weekly_gbp.standard" && (in.Low != to2026(5750, 2023) || in.High != to2026(6800, 2024)) {
			t.Errorf("%s: tried %s, want the published range in 2026/27's prices, £%v to £%v", in.Path, in.Range(), to2026(5750, 2023), to2026(6800, 2024))
		}
	}
}

// TestRegionPricesUplifted checks that the regional care cooperative's blocks are priced by the
// default's rule: the NAO's 2023-24 place a year carried to 2026/27 at 3% a year less ~9% for a
// block, and the shared council homes at the default's own homes' cost a bed.
func TestRegionPricesUplifted(t *testing.T) {
	reg, err := scenarios.LoadRegion("regional-care-cooperative", nil)
	if err != nil {
		t.Fatal(err)
	}
	def, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	var councilBed float64
	for _, k := range def.Kinds {
		if k.Name == "inhouse_home" {
			councilBed = k.Homes[0].FixedCostPerYearGBP / float64(k.Homes[0].Beds)
		}
	}
	block := math.Round(318400*math.Pow(1.03, 3)*0.91/1000) * 1000
	want := map[string]float64{"Pooled block, Surrey homes": block, "Pooled block, Thames Valley homes": block, "Shared council homes, Hampshire": councilBed}
	for _, iv := range reg.Interventions {
		if w, ok := want[iv.Name]; ok {
			if iv.CostPerPlaceYearGBP != w {
				t.Errorf("%s: £%v a place a year, want £%v in 2026/27's prices", iv.Name, iv.CostPerPlaceYearGBP, w)
			}
			delete(want, iv.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("blocks not found: %v", want)
	}
}
