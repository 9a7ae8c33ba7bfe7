package sim_test

import (
	"bytes"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// defaultScenario loads the default scenario, shortened to years years.
func defaultScenario(t testing.TB, years int) *model.Scenario {
	t.Helper()
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Years = years
	return s
}

// scaled returns a copy of s for a council f times its size: its arrivals, starting stock,
// carers, homes, block beds and market caps scaled.
func scaled(s *model.Scenario, name string, f float64) *model.Scenario {
	out := *s
	out.Name = name
	round := func(n int) int { return max(int(float64(n)*f+0.5), 0) }
	out.Entries.PerYear *= f
	out.UASC.PerYear *= f
	out.Stock = append([]model.StockGroup(nil), s.Stock...)
	for i := range out.Stock {
		out.Stock[i].Count = round(out.Stock[i].Count)
	}
	out.Kinds = append([]model.Kind(nil), s.Kinds...)
	for k := range out.Kinds {
		kd := &out.Kinds[k]
		kd.CapacityPlaces = round(kd.CapacityPlaces)
		if kd.Carers != nil {
			p := *kd.Carers
			p.Households = round(p.Households)
			p.ApprovalsPerYear *= f
			kd.Carers = &p
		}
	}
	if out.CareLeavers.Places > 0 {
		out.CareLeavers.Places = max(round(out.CareLeavers.Places), 1)
	}
	return &out
}

// oneCouncil is a region of the scenario s alone, as council name, with no shared market.
func oneCouncil(s *model.Scenario, name string) *model.Region {
	return &model.Region{
		Name: "one", Start: s.Start, Years: s.Years, WarmupYears: s.WarmupYears,
		Zones:    []model.Zone{{Name: "here", Miles: []float64{5}}},
		Councils: []model.Council{{Name: name, Zone: 0, Scenario: s}},
	}
}

// TestRegionOfOneCouncil checks that a region of one council with no shared market gives, byte
// for byte, the results of the council's scenario run alone with the council's seed.
func TestRegionOfOneCouncil(t *testing.T) {
	s := defaultScenario(t, 3)
	s.Name = "one" // the region's name, which the total carries
	const seed = 11
	reg := oneCouncil(s, "solo")
	got, err := sim.RunRegion(reg, sim.Options{Reps: 4, Seed: seed, Workers: 2, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := sim.Run(s, sim.Options{Reps: 4, Seed: sim.CouncilSeed(seed, "solo"), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []*sim.Results{got.Councils[0], got.Total} {
		for _, w := range []struct {
			name  string
			write func(*sim.Results, *bytes.Buffer) error
		}{
			{"kpis", func(r *sim.Results, b *bytes.Buffer) error { return r.WriteKPIs(b) }},
			{"timeseries", func(r *sim.Results, b *bytes.Buffer) error { return r.WriteTimeseries(b, sim.DefaultPercentiles) }},
		} {
			var a, b bytes.Buffer
			if err := w.write(res, &a); err != nil {
				t.Fatal(err)
			}
			if err := w.write(want, &b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s differ: region %d bytes, scenario alone %d bytes", w.name, a.Len(), b.Len())
			}
		}
	}
	if got.Total.Scenario.Name != "one" {
		t.Errorf("total named %q, want the region's name", got.Total.Scenario.Name)
	}
}
