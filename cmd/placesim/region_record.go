package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// regionDoc is the region of region.json, in the vocabulary of region files: snake_case keys,
// zones named, each council with the scenario it runs, dates as 2026-04-01. regionDocOf and
// region convert it from and to a model.Region exactly, so that a merge of a region's shards
// runs the region the run did.
type regionDoc struct {
	Name          string            `json:"name"`
	Description   string            `json:"description"`
	Start         string            `json:"start"`
	Years         int               `json:"years"`
	WarmupYears   int               `json:"warmup_years"`
	Zones         []zoneDoc         `json:"zones"`
	Councils      []councilDoc      `json:"councils"`
	Markets       []marketDoc       `json:"markets"`
	Interventions []interventionDoc `json:"interventions"`
	OwnPlacements []ownDoc          `json:"own_placements"`
}

// zoneDoc is a zone: its region ("" for none) and the miles to each zone, by name.
type zoneDoc struct {
	Name   string             `json:"name"`
	Region string             `json:"region,omitempty"`
	Miles  map[string]float64 `json:"miles"`
}

// councilDoc is a council: its zone's name and the scenario it runs (a built-in's name or a
// file's scenario name, before the scenario took the council's name).
type councilDoc struct {
	Name     string `json:"name"`
	Zone     string `json:"zone"`
	Scenario string `json:"scenario"`
	// Set is the council's set: in the region file, its scenario's changes (already in the
	// council's scenario.yaml): left out when it has none. Its report says what they changed.
	Set []string `json:"set,omitempty"`
}

type marketDoc struct {
	Kind      string        `json:"kind"`
	Pricing   pricingDoc    `json:"pricing"`
	Providers []providerDoc `json:"providers"`
}

type pricingDoc struct {
	Threshold         float64 `json:"threshold"`
	PremiumAtFull     float64 `json:"premium_at_full"`
	UrgentPremium     float64 `json:"urgent_premium"`
	RealGrowthPerYear float64 `json:"real_growth_per_year"`
}

// providerDoc is a provider; accepts is null for a provider that takes every child the
// councils' kind takes.
type providerDoc struct {
	Name          string       `json:"name"`
	Zone          string       `json:"zone"`
	Places        int          `json:"places"`
	GrowthPerYear float64      `json:"growth_per_year"`
	Accepts       *selectorDoc `json:"accepts"`
	MaxMiles      float64      `json:"max_miles"`
	PriceFactor   float64      `json:"price_factor,omitzero"`
	FarShare      float64      `json:"over_20_miles_share,omitzero"`
}

// selectorDoc is which children a provider takes: ages from and to (in completed years), the
// needs (every need when left out) and uasc ("only", "not"; either when left out).
type selectorDoc struct {
	Ages  agesDoc  `json:"ages"`
	Needs []string `json:"needs,omitempty"`
	UASC  string   `json:"uasc,omitempty"`
}

type agesDoc struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// interventionDoc is a region intervention, with the fields its action reads, as a region file
// gives them.
type interventionDoc struct {
	Name                string       `json:"name"`
	Action              string       `json:"action"`
	On                  string       `json:"on"`
	Market              string       `json:"market"`
	Provider            string       `json:"provider,omitempty"`
	Zone                string       `json:"zone,omitempty"`
	Places              *int         `json:"places,omitempty"`
	GrowthPerYear       *float64     `json:"growth_per_year,omitempty"`
	Accepts             *selectorDoc `json:"accepts,omitempty"`
	MaxMiles            *float64     `json:"max_miles,omitempty"`
	PriceFactor         float64      `json:"price_factor,omitzero"`
	FarShare            float64      `json:"over_20_miles_share,omitzero"`
	CostPerPlaceYearGBP *float64     `json:"cost_per_place_per_year_gbp,omitempty"`
	Cost                *costDoc     `json:"cost,omitempty"`
}

// costDoc is what an intervention costs the region beyond its places; a field left out is 0
// (a date: none).
type costDoc struct {
	OneOffGBP        float64 `json:"one_off_gbp,omitzero"`
	OneOffOn         string  `json:"one_off_on,omitempty"`
	PerYearGBP       float64 `json:"per_year_gbp,omitzero"`
	PerYearFrom      string  `json:"per_year_from,omitempty"`
	PerYearTo        string  `json:"per_year_to,omitempty"`
	PerUnitGBP       float64 `json:"per_unit_gbp,omitzero"`
	UnitsPerYear     float64 `json:"units_per_year,omitzero"`
	OwnInflation     bool    `json:"own_inflation,omitzero"`
	InflationPerYear float64 `json:"inflation_per_year,omitzero"`
}

type ownDoc struct {
	Kind          string  `json:"kind"`
	OutsideNear20 float64 `json:"outside_within_20_miles"`
	OutsideOver20 float64 `json:"outside_over_20_miles"`
}

// docDate writes t as region files give dates (2026-04-01), or in full for a time that is not
// a day's start in UTC; "" for the zero time.
func docDate(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour)):
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339Nano)
}

// readDocDate reads what docDate wrote.
func readDocDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not a date (such as 2026-04-01)", field, s)
	}
	return t, nil
}

// regionDocOf returns reg as region.json records it.
func regionDocOf(reg *model.Region) (*regionDoc, error) {
	zone := func(i int) (string, error) {
		if i < 0 || i >= len(reg.Zones) {
			return "", fmt.Errorf("zone %d of %d", i, len(reg.Zones))
		}
		return reg.Zones[i].Name, nil
	}
	d := &regionDoc{Name: reg.Name, Description: reg.Description, Start: docDate(reg.Start), Years: reg.Years, WarmupYears: reg.WarmupYears,
		Zones: []zoneDoc{}, Councils: []councilDoc{}, Markets: []marketDoc{}, Interventions: []interventionDoc{}, OwnPlacements: []ownDoc{}}
	for _, z := range reg.Zones {
		zd := zoneDoc{Name: z.Name, Region: z.Region, Miles: map[string]float64{}}
		for j, m := range z.Miles {
			name, err := zone(j)
			if err != nil {
				return nil, err
			}
			zd.Miles[name] = m
		}
		d.Zones = append(d.Zones, zd)
	}
	for _, c := range reg.Councils {
		z, err := zone(c.Zone)
		if err != nil {
			return nil, fmt.Errorf("council %q: %w", c.Name, err)
		}
		d.Councils = append(d.Councils, councilDoc{Name: c.Name, Zone: z, Scenario: c.ScenarioName, Set: c.Sets})
	}
	for _, m := range reg.Markets {
		md := marketDoc{Kind: m.Kind, Pricing: pricingDoc(m.Pricing), Providers: []providerDoc{}}
		for _, p := range m.Providers {
			z, err := zone(p.Zone)
			if err != nil {
				return nil, fmt.Errorf("provider %q: %w", p.Name, err)
			}
			md.Providers = append(md.Providers, providerDoc{Name: p.Name, Zone: z, Places: p.Places, GrowthPerYear: p.GrowthPerYear,
				Accepts: selectorDocOf(p.Accepts), MaxMiles: p.MaxMiles, PriceFactor: p.PriceFactor, FarShare: p.FarShare})
		}
		d.Markets = append(d.Markets, md)
	}
	for _, iv := range reg.Interventions {
		id := interventionDoc{Name: iv.Name, Action: iv.Action.String(), On: docDate(iv.On), Market: iv.Market}
		switch iv.Action {
		case model.ProviderExit:
			id.Provider = iv.Provider.Name
		case model.ProviderOpen:
			p := iv.Provider
			z, err := zone(p.Zone)
			if err != nil {
				return nil, fmt.Errorf("intervention %q: %w", iv.Name, err)
			}
			id.Provider, id.Zone, id.Places, id.GrowthPerYear = p.Name, z, &p.Places, &p.GrowthPerYear
			id.Accepts, id.MaxMiles, id.PriceFactor, id.FarShare = selectorDocOf(p.Accepts), &p.MaxMiles, p.PriceFactor, p.FarShare
		case model.ProviderResize:
			id.Provider, id.Places = iv.Provider.Name, &iv.Places
		case model.PooledBlock:
			z, err := zone(iv.Zone)
			if err != nil {
				return nil, fmt.Errorf("intervention %q: %w", iv.Name, err)
			}
			id.Zone, id.Places, id.CostPerPlaceYearGBP = z, &iv.Places, &iv.CostPerPlaceYearGBP
		}
		if c := iv.Cost; c != (model.ProgrammeCost{}) {
			id.Cost = &costDoc{OneOffGBP: c.OneOffGBP, OneOffOn: docDate(c.OneOffOn), PerYearGBP: c.PerYearGBP, PerYearFrom: docDate(c.PerYearFrom),
				PerYearTo: docDate(c.PerYearTo), PerUnitGBP: c.PerUnitGBP, UnitsPerYear: c.UnitsPerYear, OwnInflation: c.OwnInflation, InflationPerYear: c.InflationPerYear}
		}
		d.Interventions = append(d.Interventions, id)
	}
	for _, o := range reg.OwnPlacements {
		d.OwnPlacements = append(d.OwnPlacements, ownDoc{Kind: o.Kind, OutsideNear20: o.OutsideNearShare, OutsideOver20: o.OutsideFarShare})
	}
	return d, nil
}

// selectorDocOf returns s as region.json records it: nil for the zero Selector, every child
// the councils' kind takes.
func selectorDocOf(s model.Selector) *selectorDoc {
	if s == (model.Selector{}) {
		return nil
	}
	d := &selectorDoc{Ages: agesDoc{s.Ages.FromYears, s.Ages.ToYears}}
	if s.Needs != 0 {
		for _, n := range s.Needs.Needs() {
			d.Needs = append(d.Needs, n.String())
		}
	}
	switch s.UASC {
	case model.UASCOnly:
		d.UASC = "only"
	case model.UASCNot:
		d.UASC = "not"
	}
	return d
}

// selector reads what selectorDocOf wrote, at field.
func (d *selectorDoc) selector(field string) (model.Selector, error) {
	if d == nil {
		return model.Selector{}, nil
	}
	s := model.Selector{Ages: model.AgeRange{FromYears: d.Ages.From, ToYears: d.Ages.To}}
	for _, name := range d.Needs {
		n, err := model.ParseNeed(name)
		if err != nil {
			return s, fmt.Errorf("%s.needs: %w", field, err)
		}
		s.Needs |= model.NeedsOf(n)
	}
	switch d.UASC {
	case "":
	case "only":
		s.UASC = model.UASCOnly
	case "not":
		s.UASC = model.UASCNot
	default:
		return s, fmt.Errorf("%s.uasc: %q is not only or not", field, d.UASC)
	}
	return s, nil
}

// region returns the region d records, its councils without their scenarios.
func (d *regionDoc) region() (*model.Region, error) {
	zones := map[string]int{}
	for i, z := range d.Zones {
		if _, twice := zones[z.Name]; twice {
			return nil, fmt.Errorf("zones[%d].name: %q is given twice", i, z.Name)
		}
		zones[z.Name] = i
	}
	zone := func(field, name string) (int, error) {
		if i, ok := zones[name]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("%s: %q names no zone", field, name)
	}
	start, err := readDocDate("start", d.Start)
	if err != nil {
		return nil, err
	}
	reg := &model.Region{Name: d.Name, Description: d.Description, Start: start, Years: d.Years, WarmupYears: d.WarmupYears}
	for i, zd := range d.Zones {
		z := model.Zone{Name: zd.Name, Region: zd.Region, Miles: make([]float64, len(d.Zones))}
		if len(zd.Miles) != len(d.Zones) {
			return nil, fmt.Errorf("zones[%d].miles: want a distance to each of the %d zones", i, len(d.Zones))
		}
		for name, m := range zd.Miles {
			j, err := zone(fmt.Sprintf("zones[%d].miles", i), name)
			if err != nil {
				return nil, err
			}
			z.Miles[j] = m
		}
		reg.Zones = append(reg.Zones, z)
	}
	for i, cd := range d.Councils {
		z, err := zone(fmt.Sprintf("councils[%d].zone", i), cd.Zone)
		if err != nil {
			return nil, err
		}
		reg.Councils = append(reg.Councils, model.Council{Name: cd.Name, Zone: z, ScenarioName: cd.Scenario, Sets: cd.Set})
	}
	for i, md := range d.Markets {
		m := model.SharedMarket{Kind: md.Kind, Pricing: model.Pricing(md.Pricing)}
		for j, pd := range md.Providers {
			f := fmt.Sprintf("markets[%d].providers[%d]", i, j)
			z, err := zone(f+".zone", pd.Zone)
			if err != nil {
				return nil, err
			}
			acc, err := pd.Accepts.selector(f + ".accepts")
			if err != nil {
				return nil, err
			}
			m.Providers = append(m.Providers, model.Provider{Name: pd.Name, Zone: z, Places: pd.Places, GrowthPerYear: pd.GrowthPerYear,
				Accepts: acc, MaxMiles: pd.MaxMiles, PriceFactor: pd.PriceFactor, FarShare: pd.FarShare})
		}
		reg.Markets = append(reg.Markets, m)
	}
	for i, id := range d.Interventions {
		f := fmt.Sprintf("interventions[%d]", i)
		a, err := model.ParseRegionAction(id.Action)
		if err != nil {
			return nil, fmt.Errorf("%s.action: %w", f, err)
		}
		on, err := readDocDate(f+".on", id.On)
		if err != nil {
			return nil, err
		}
		iv := model.RegionIntervention{Name: id.Name, Action: a, On: on, Market: id.Market}
		iv.Provider.Name = id.Provider
		num := func(p *float64) float64 {
			if p == nil {
				return 0
			}
			return *p
		}
		count := 0
		if id.Places != nil {
			count = *id.Places
		}
		switch a {
		case model.ProviderOpen:
			if iv.Provider.Zone, err = zone(f+".zone", id.Zone); err != nil {
				return nil, err
			}
			if iv.Provider.Accepts, err = id.Accepts.selector(f + ".accepts"); err != nil {
				return nil, err
			}
			iv.Provider.Places, iv.Provider.GrowthPerYear, iv.Provider.MaxMiles = count, num(id.GrowthPerYear), num(id.MaxMiles)
			iv.Provider.PriceFactor, iv.Provider.FarShare = id.PriceFactor, id.FarShare
		case model.ProviderResize:
			iv.Places = count
		case model.PooledBlock:
			if iv.Zone, err = zone(f+".zone", id.Zone); err != nil {
				return nil, err
			}
			iv.Places, iv.CostPerPlaceYearGBP = count, num(id.CostPerPlaceYearGBP)
		}
		if c := id.Cost; c != nil {
			iv.Cost = model.ProgrammeCost{OneOffGBP: c.OneOffGBP, PerYearGBP: c.PerYearGBP, PerUnitGBP: c.PerUnitGBP, UnitsPerYear: c.UnitsPerYear,
				OwnInflation: c.OwnInflation, InflationPerYear: c.InflationPerYear}
			for _, dt := range []struct {
				field, s string
				t        *time.Time
			}{{"one_off_on", c.OneOffOn, &iv.Cost.OneOffOn}, {"per_year_from", c.PerYearFrom, &iv.Cost.PerYearFrom}, {"per_year_to", c.PerYearTo, &iv.Cost.PerYearTo}} {
				if *dt.t, err = readDocDate(f+".cost."+dt.field, dt.s); err != nil {
					return nil, err
				}
			}
		}
		reg.Interventions = append(reg.Interventions, iv)
	}
	for _, od := range d.OwnPlacements {
		reg.OwnPlacements = append(reg.OwnPlacements, model.OwnPlacement{Kind: od.Kind, OutsideNearShare: od.OutsideNear20, OutsideFarShare: od.OutsideOver20})
	}
	return reg, nil
}

// refuseRegionRecord refuses, with one message saying what to run instead, the region.json of
// a region's run (ref, under any name, told by what it holds: scenarios.RegionRecordName): it
// is the record of what the run resolved, not a region file, and read as a scenario it would
// be refused field by field for what it is not. In the folder of its run, whose manifest.json
// records a region's run, the command it gives runs the region again as the manifest records
// the run (regionAgainOf), and writes the same files.
func refuseRegionRecord(ref string) error {
	if msg, ok := regionRecordRefusal(ref); ok {
		return usagef("run", "%s: %s", ref, msg)
	}
	return nil
}

// regionRecordRefusal returns what run and validate say of ref, after "ref: ", when it is the
// region.json of a region's run, and whether it is one: in the folder of its run, the command
// that runs the region again; away from it, what it is and what to run instead.
func regionRecordRefusal(ref string) (string, bool) {
	st, err := os.Stat(ref)
	if err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	b, err := os.ReadFile(ref)
	if err != nil {
		return "", false
	}
	name, ok := scenarios.RegionRecordName(b)
	if !ok {
		return "", false
	}
	m, err := readManifest(filepath.Dir(ref))
	if err != nil || m.Region == "" {
		// Without its folder's manifest (copied elsewhere), the record still says what it is.
		return scenarios.RegionRecordMessage(name), true
	}
	region, from := m.Region, ""
	if !scenarios.IsRegion(region) || scenarios.IsRegion(ref) {
		region, from = "REGION.yaml", fmt.Sprintf(" (REGION.yaml being the region file of %q)", m.Region)
	}
	return fmt.Sprintf("the record of region %q's run, not a scenario or region file: run the region again with %s%s", m.Region, regionAgainOf(m, region), from), true
}

// regionAgainOf returns the command that runs a region again, named by arg, as m records its
// run, so that the run again writes every file the run did, byte for byte, as a council's
// scenario.yaml gives it: the seed, the replications, the percentiles, the --set changes
// (--years among them, as years=N), and the flags of the files written
// (regionOutputs.againFlags), which manifest.json tells by the files it lists: --all-kpis,
// --charts=false (no report.html), --formats (the charts' kinds of file) and
// --council-charts (a council's own report.html). A shard's manifest gives none of the
// latter: its folder holds none of the whole run's files, whose flags merge takes.
func regionAgainOf(m *manifest, arg string) string {
	again := regionAgainCommand(arg, m.Seed, m.Reps, m.Percentiles, m.Sets)
	if m.Shard != nil {
		return again
	}
	_, charts := m.file("report.html")
	o := regionOutputs{allKPIs: m.AllKPIs, charts: charts}
	for _, f := range plots.Formats {
		if slices.ContainsFunc(m.Files, func(mf manifestFile) bool {
			return strings.HasPrefix(mf.Path, "charts/") && path.Ext(mf.Path) == "."+f
		}) {
			o.formats = append(o.formats, f)
		}
	}
	// A council's own report.html is in its folder, COUNCIL/report.html.
	o.councilCharts = slices.ContainsFunc(m.Files, func(mf manifestFile) bool {
		return strings.Count(mf.Path, "/") == 1 && path.Base(mf.Path) == "report.html"
	})
	// The region's scenarios are the region's and then each council's.
	return again + o.againFlags(max(len(m.Scenarios)-1, 0))
}

// shellWord quotes s for a POSIX shell when it holds anything but letters, digits and
// -_.,/=:+@%.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/=:+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
