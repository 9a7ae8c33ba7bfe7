package workspace

import (
	"reflect"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// unnamed returns a region's interventions without their names, and a provider opened
// without its own, for comparing what they do.
func unnamed(ivs []model.RegionIntervention) []model.RegionIntervention {
	out := make([]model.RegionIntervention, len(ivs))
	for i, iv := range ivs {
		iv.Name = ""
		if iv.Action == model.ProviderOpen {
			iv.Provider.Name = ""
		}
		out[i] = iv
	}
	return out
}

// The levers of providers' changes make the region the built-in strategies' files make for
// the same choices: the South East's large group leaving Kent and Sussex, and a new provider
// opening 40 homes' places on the Kent coast growing 5% a year.
func TestRegionProviderChangeLevers(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	_, srv, _ := regionServer(t)
	for _, tc := range []struct {
		strategy string
		values   map[string]string
	}{
		{"provider-exit", map[string]string{
			"exit1.provider": "large-group-kent (external_residential)", "exit1.on": "1/4/2027",
			"exit2.provider": "large-group-east-sussex (external_residential)", "exit2.on": "1 April 2027"}},
		{"new-provider-cheap-property", map[string]string{
			"open.places": "40", "open.market": "external_residential", "open.zone": "kent", "open.on": "1/4/2027", "open.growth": "5"}},
	} {
		rv, err := srv.resolveRegion(regionState{Ref: "south-east", Name: tc.strategy, Values: tc.values})
		if err != nil {
			t.Fatal(err)
		}
		if !rv.ok() {
			t.Fatalf("%s: the levers make no region: %v", tc.strategy, rv.problems)
		}
		want, err := scenarios.LoadRegion(tc.strategy, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, w := unnamed(rv.reg.Interventions), unnamed(want.Interventions); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: the levers' interventions\n%+v\nwant the built-in file's\n%+v\nfile:\n%s", tc.strategy, got, w, rv.text)
		}
		// Everything else is the region the built-in file makes: its markets, and each council
		// (whose description names the region) as its scenario resolves.
		if !reflect.DeepEqual(rv.reg.Markets, want.Markets) || len(rv.reg.Councils) != len(want.Councils) {
			t.Fatalf("%s: the levers change the markets or councils:\n%s", tc.strategy, rv.text)
		}
		for i := range want.Councils {
			g, w := rv.reg.Councils[i], want.Councils[i]
			hg, _ := scenarioHash(g.Scenario)
			hw, _ := scenarioHash(w.Scenario)
			g.Scenario, w.Scenario = nil, nil
			if hg != hw || !reflect.DeepEqual(g, w) {
				t.Errorf("%s: the levers change council %s", tc.strategy, w.Name)
			}
		}
		if h, _ := regionHash(rv.base); rv.baseRef != "south-east" || h == "" {
			t.Errorf("%s: compared with %s, want south-east", tc.strategy, rv.baseRef)
		}
		for id := range tc.values {
			if strings.HasSuffix(id, ".provider") || id == "open.places" {
				if l := leverOf(rv, id); l == nil || !l.Changed {
					t.Errorf("%s: %s is not marked changed", tc.strategy, id)
				}
			}
		}
	}
}

// leverOf returns the lever id of a resolved region page, or nil.
func leverOf(rv *regionResolved, id string) *regionLever {
	for _, g := range rv.groups {
		for _, l := range g.Levers {
			if l.ID == id {
				return l
			}
		}
	}
	return nil
}

// Bad values of providers' changes are said beside their box, and nothing runs.
func TestRegionProviderChangeProblems(t *testing.T) {
	base, _, _ := regionServer(t)
	exit := func(kv ...string) map[string]string {
		m := map[string]string{"exit1.provider": "homes-north (external_residential)"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	open := func(kv ...string) map[string]string {
		m := map[string]string{"open.places": "5"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		values   map[string]string
		id, want string
	}{
		{exit("exit2.provider", "homes-north (external_residential)"), "exit2.provider", "already leaves above"},
		{exit("exit1.provider", "homes-east (external_residential)"), "exit1.provider", "choose one of the list"},
		{exit("exit1.on", "31/02/2027"), "exit1.on", "want a date"},
		{open("open.places", "2.5"), "open.places", "whole number"},
		{open("open.places", "-3"), "open.places", "must be between 0 and 100000"},
		{open("open.places", "some"), "open.places", "want a number"},
		{open("open.zone", "east"), "open.zone", "choose one of the list"},
		{open("open.market", "kinship"), "open.market", "choose one of the list"},
		{open("open.growth", "80"), "open.growth", "must be between -50 and 50"},
		{open("open.on", "someday"), "open.on", "want a date"},
	} {
		a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: tc.values})
		if a.Results != "" || !strings.Contains(a.Errors[tc.id], tc.want) {
			t.Errorf("%v: %s's error %q, want %q (results: %v)", tc.values, tc.id, a.Errors[tc.id], tc.want, a.Results != "")
		}
	}
	// A provider leaving after the run ends is the region file's problem, said as validation says it.
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: exit("exit1.on", "1/1/2040")})
	if a.Results != "" || !strings.Contains(strings.Join(a.Problems, "\n"), "interventions[0].on") {
		t.Errorf("a provider leaving after the run: %v", a.Problems)
	}
}

// A provider's exit and a new provider, saved as a region file, read back strictly, and run
// against the region they extend.
func TestRegionProviderChangeSave(t *testing.T) {
	base, _, dir := regionServer(t)
	st := regionState{Ref: "two-counties.yaml", Values: map[string]string{
		"exit1.provider": "homes-south (external_residential)", "exit1.on": "1/10/2027",
		"open.places": "6", "open.market": "external_residential", "open.zone": "north", "open.on": "1/10/2027", "open.growth": "-5"}}
	reg, text := saveRegion(t, base, dir, "churn", st)
	if len(reg.Interventions) != 2 {
		t.Fatalf("saved %d interventions, want 2:\n%s", len(reg.Interventions), text)
	}
	ex, op := reg.Interventions[0], reg.Interventions[1]
	if ex.Action != model.ProviderExit || ex.Provider.Name != "homes-south" || ex.Market != "external_residential" || ex.On.Format("2006-01-02") != "2027-10-01" {
		t.Errorf("the exit saved: %+v", ex)
	}
	if op.Action != model.ProviderOpen || op.Provider.Places != 6 || op.Provider.GrowthPerYear != -0.05 || reg.Zones[op.Provider.Zone].Name != "north" {
		t.Errorf("the new provider saved: %+v", op)
	}
	r := runRegionState(t, base, regionState{Tab: "t", Ref: "churn.yaml"})
	mustContain(t, "saved strategy's run", r.Results, "What changes for each council and the region: churn against two-counties")
}
