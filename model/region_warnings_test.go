package model

import (
	"testing"
	"time"
)

// TestRegionWarnings checks that a shared market holding no places at the start is warned of
// at its providers, saying when a change first opens some, and that one with places is not.
func TestRegionWarnings(t *testing.T) {
	reg := fullRegion()
	if ws := reg.Warnings(); ws != nil {
		t.Fatalf("a market with places warned of: %v", ws)
	}
	m := &reg.Markets[0]
	m.Providers[0].Places = 0
	want := "markets[0].providers: the shared market of " + m.Kind + " has one provider of 0 places: it holds no places, so a child the councils would place in " + m.Kind + " takes another rung of their ladder or waits in an emergency placement"
	if ws := reg.Warnings(); len(ws) != 1 || ws[0].Error() != want {
		t.Errorf("warnings %v, want %s", ws, want)
	}
	m.Providers = nil
	on := reg.Start.AddDate(1, 0, 0)
	reg.Interventions = append(reg.Interventions,
		RegionIntervention{Name: "later", Action: PooledBlock, On: on.AddDate(0, 6, 0), Market: m.Kind, Places: 4},
		RegionIntervention{Name: "opens", Action: ProviderOpen, On: on, Market: m.Kind, Provider: Provider{Name: "new", Places: 3}})
	want = "markets[0].providers: the shared market of " + m.Kind + " has no provider: it holds no places, so a child the councils would place in " + m.Kind + " takes another rung of their ladder or waits in an emergency placement until opens opens some on " + on.Format(time.DateOnly)
	if ws := reg.Warnings(); len(ws) != 1 || ws[0].Error() != want {
		t.Errorf("warnings %v, want %s", ws, want)
	}
}
