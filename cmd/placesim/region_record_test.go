package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestRegionRecordReadsBack checks that region.json records every built-in region, and the
// tests' region, as merge reads it back: the region exactly, its councils without their
// scenarios but with the scenario each runs.
func TestRegionRecordReadsBack(t *testing.T) {
	regs := map[string]*model.Region{}
	reg, err := scenarios.ParseRegion(strings.NewReader(testRegionYAML), "test-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	regs["test-region"] = reg
	for _, b := range scenarios.BuiltinRegions() {
		if b.Name == "england" && testing.Short() {
			continue
		}
		if regs[b.Name], err = scenarios.LoadRegion(b.Name, nil); err != nil {
			t.Fatal(err)
		}
	}
	for name, reg := range regs {
		dirs, err := councilDirs(reg)
		if err != nil {
			t.Fatal(err)
		}
		b, err := regionRecordOf(reg, dirs)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := decodeRegionRecord("region.json", b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := *reg
		want.Councils = slices.Clone(reg.Councils)
		for i := range want.Councils {
			want.Councils[i].Scenario = nil
		}
		if !reflect.DeepEqual(rec.reg, &want) {
			t.Errorf("%s: region.json reads back as\n%+v\nwant\n%+v", name, rec.reg, &want)
		}
	}
}

// TestRegionRecordSays checks what region.json says, as a user reads it: snake_case keys, each
// council's zone by name and the scenario it runs, and a provider that takes anyone with null
// accepts.
func TestRegionRecordSays(t *testing.T) {
	reg, err := scenarios.ParseRegion(strings.NewReader(strings.Replace(testRegionYAML,
		"{name: south-agencies, zone: south, places: 10}", "{name: south-agencies, zone: south, places: 10, accepts: {ages: 12-17, needs: [complex]}}", 1)), "test-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := councilDirs(reg)
	b, err := regionRecordOf(reg, dirs)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Region struct {
			Start    string `json:"start"`
			Councils []struct {
				Name, Zone, Scenario string
			} `json:"councils"`
			Markets []struct {
				Providers []struct {
					Accepts json.RawMessage `json:"accepts"`
				} `json:"providers"`
			} `json:"markets"`
		} `json:"region"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"Name"`) || rec.Region.Start != "2026-04-01" {
		t.Errorf("region.json is not in region files' words:\n%s", b)
	}
	if c := rec.Region.Councils[1]; c.Name != "south-shire" || c.Zone != "south" || c.Scenario != "erlang" {
		t.Errorf("south-shire is recorded as %+v, want zone south and scenario erlang", c)
	}
	ps := rec.Region.Markets[0].Providers
	var second bytes.Buffer
	if err := json.Compact(&second, ps[1].Accepts); err != nil {
		t.Fatal(err)
	}
	if string(ps[0].Accepts) != "null" || second.String() != `{"ages":{"from":12,"to":17},"needs":["complex"]}` {
		t.Errorf("accepts recorded as %s and %s", ps[0].Accepts, second.String())
	}
}
