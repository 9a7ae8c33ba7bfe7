package workspace

import (
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"strconv"
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
		{open("open.places", "-3"), "open.places", "must be between 0 and 100,000"},
		{open("open.places", "some"), "open.places", "want a number"},
		{open("open.zone", "east"), "open.zone", "choose one of the list"},
		{open("open.market", "kinship"), "open.market", "choose one of the list"},
		{open("open.growth", "-100"), "open.growth", "must be more than -100% and at most 100%"},
		{open("open.growth", "101"), "open.growth", "must be more than -100% and at most 100%"},
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

// The page offers two exits when it opens and a button that adds more; a page whose state
// names more exits shows them, up to one for each provider, and each makes its provider_exit.
func TestRegionManyExits(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, _ := regionServer(t)
	_, body := get(t, base+"/region?r=south-east")
	mustContain(t, "the page opened", body, `id="in-exit2.provider"`, `<template id="exit-more">`, `id="in-exit__N__.provider"`,
		`id="exit-add" data-group="exit"`, "Add another provider that leaves",
		`<template id="pool-more">`, `id="in-pool__N__.places"`, `id="pool-add" data-group="pool"`)
	mustNotContain(t, "the page opened", body, `id="in-exit3.provider"`)

	leaving := []string{"large-group-kent", "homes-kent", "homes-medway", "large-group-east-sussex"}
	values := map[string]string{}
	for i, p := range leaving {
		values[fmt.Sprintf("exit%d.provider", i+1)] = p + " (external_residential)"
		values[fmt.Sprintf("exit%d.on", i+1)] = "1/4/2027"
	}
	rv, err := srv.resolveRegion(regionState{Ref: "south-east", Name: "kent-and-sussex-exit", Values: values})
	if err != nil {
		t.Fatal(err)
	}
	if !rv.ok() {
		t.Fatalf("four exits make no region: %v", rv.problems)
	}
	var got []string
	for _, iv := range rv.reg.Interventions {
		if iv.Action == model.ProviderExit && iv.Market == "external_residential" && iv.On.Format("2006-01-02") == "2027-04-01" {
			got = append(got, iv.Provider.Name)
		}
	}
	if !reflect.DeepEqual(got, leaving) {
		t.Errorf("the exits made: %v, want %v\n%s", got, leaving, rv.text)
	}
	q, err := url.ParseQuery(rv.query())
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("exit4.provider") == "" {
		t.Errorf("the page's URL %q keeps no fourth exit", rv.query())
	}
	_, body = get(t, base+"/region?"+rv.query())
	mustContain(t, "the page of four exits", body, `id="in-exit4.provider"`, `<option value="large-group-east-sussex (external_residential)" selected>`)
	mustNotContain(t, "the page of four exits", body, `id="in-exit5.provider"`)

	// As many exits as providers, and no more: the button is then hidden.
	_, body = get(t, base+"/region?r=two-counties.yaml&exit9.provider=none")
	mustContain(t, "two counties' page", body, `id="in-exit4.provider"`, `data-max="4" hidden>`)
	mustNotContain(t, "two counties' page", body, `id="in-exit5.provider"`)
}

// The new provider's price box writes price_factor: at 100 none; at 85 0.85, saved and read back;
// out of its range an error beside it.
func TestRegionNewProviderPrice(t *testing.T) {
	base, srv, dir := regionServer(t)
	open := map[string]string{"open.places": "6", "open.market": "external_residential", "open.zone": "north", "open.on": "1/10/2027"}
	with := func(kv ...string) map[string]string {
		m := maps.Clone(open)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	rv, err := srv.resolveRegion(regionState{Ref: "two-counties.yaml", Name: "at-cost", Values: with("open.price", "100")})
	if err != nil {
		t.Fatal(err)
	}
	if !rv.ok() || strings.Contains(rv.text, "price_factor") {
		t.Errorf("a new provider at the councils' own price: %v\n%s", rv.problems, rv.text)
	}
	reg, text := saveRegion(t, base, dir, "cheaper", regionState{Ref: "two-counties.yaml", Values: with("open.price", "85")})
	if n := len(reg.Interventions); n != 1 || reg.Interventions[0].Provider.PriceFactor != 0.85 || !strings.Contains(string(text), "price_factor: 0.85") {
		t.Errorf("the new provider saved at 85%%: %+v\n%s", reg.Interventions, text)
	}
	for _, tc := range []struct{ price, want string }{{"5", "must be between 10% and 1,000%"}, {"cheap", "want a percentage"}, {"", "want its price"}} {
		a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: with("open.price", tc.price)})
		if a.Results != "" || !strings.Contains(a.Errors["open.price"], tc.want) {
			t.Errorf("price %q: error %q, want %q", tc.price, a.Errors["open.price"], tc.want)
		}
	}
}

// A new pooled block's running and one-off costs, as a Regional Care Cooperative's team and
// capital for shared homes, are the block's cost in the region file; left at £0 it has none.
func TestRegionPooledBlockCosts(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	_, srv, _ := regionServer(t)
	for _, tc := range []struct {
		perYear, oneOff string
		want            model.ProgrammeCost
	}{
		{"£1m", "£5m", model.ProgrammeCost{PerYearGBP: 1e6, OneOffGBP: 5e6}},
		{"£0", "£250,000", model.ProgrammeCost{OneOffGBP: 250_000}},
		{"£0", "£0", model.ProgrammeCost{}},
	} {
		rv, err := srv.resolveRegion(regionState{Ref: "two-counties.yaml", Name: "cooperative", Values: map[string]string{
			"pool.places": "4", "pool.zone": "south", "pool.per_year": tc.perYear, "pool.one_off": tc.oneOff}})
		if err != nil {
			t.Fatal(err)
		}
		if !rv.ok() || len(rv.reg.Interventions) != 1 {
			t.Fatalf("%s a year, %s once: %v\n%s", tc.perYear, tc.oneOff, rv.problems, rv.text)
		}
		if got := rv.reg.Interventions[0].Cost; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s a year, %s once: the block's cost %+v, want %+v\n%s", tc.perYear, tc.oneOff, got, tc.want, rv.text)
		}
	}
}

// The South East's Regional Care Cooperative can be made on the page: three pooled blocks (the
// first with the cooperative's team and capital), added by the page's button, and each council's
// share of the recruitment hub make the pooled blocks and each council's extra approvals the
// built-in strategy's file makes.
func TestRegionCooperativeLevers(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	_, srv, _ := regionServer(t)
	want, err := scenarios.LoadRegion("regional-care-cooperative", nil)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{
		"pool.places": "25", "pool.zone": "surrey", "pool.price": "£317,000", "pool.on": "1/4/2027", "pool.per_year": "£1m", "pool.one_off": "£5m",
		"pool2.places": "35", "pool2.zone": "buckinghamshire", "pool2.price": "£317,000", "pool2.on": "1/4/2027",
		"pool3.places": "16", "pool3.zone": "hampshire", "pool3.price": "£300,500", "pool3.on": "1/4/2027",
		"r.on": "1/4/2027", "r.cost": "£12,000",
	}
	hub := map[string]model.Intervention{}
	for _, c := range want.Councils {
		for _, iv := range c.Scenario.Interventions {
			if iv.Label == "Regional recruitment hub" {
				values["r."+c.Name] = strconv.FormatFloat(iv.PerYear, 'f', -1, 64)
				hub[c.Name] = iv
			}
		}
	}
	if len(hub) != len(want.Councils) {
		t.Fatalf("the built-in cooperative's hub serves %d councils of %d", len(hub), len(want.Councils))
	}
	rv, err := srv.resolveRegion(regionState{Ref: "south-east", Name: "cooperative", Values: values})
	if err != nil {
		t.Fatal(err)
	}
	if !rv.ok() {
		t.Fatalf("the levers make no region: %v\n%s", rv.problems, rv.text)
	}
	if got, w := unnamed(rv.reg.Interventions), unnamed(want.Interventions); !reflect.DeepEqual(got, w) {
		t.Errorf("the levers' pooled blocks\n%+v\nwant the built-in file's\n%+v\nfile:\n%s", got, w, rv.text)
	}
	for _, c := range rv.reg.Councils {
		var got []model.Intervention
		for _, iv := range c.Scenario.Interventions {
			if iv.Action == model.ExtraApprovals {
				iv.Label = hub[c.Name].Label
				got = append(got, iv)
			}
		}
		if len(got) != 1 || !reflect.DeepEqual(got[0], hub[c.Name]) {
			t.Errorf("council %s: extra approvals %+v, want %+v", c.Name, got, hub[c.Name])
		}
	}
}
