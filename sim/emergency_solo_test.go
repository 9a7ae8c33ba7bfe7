package sim_test

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestEmergencyOnlySoloWhenHomesHaveRoom checks what the README's Regions section says of
// England's long emergency placements: with external children's homes never full (as England's
// shared markets are not), the only children placed in an emergency are those who need to live
// alone and whom no registered home will take (external_residential's unavailable_share for
// solo), so with that share at 0 no child is.
func TestEmergencyOnlySoloWhenHomesHaveRoom(t *testing.T) {
	for _, share := range []float64{0.4, 0} {
		s := defaultScenario(t, 2)
		k := slices.IndexFunc(s.Kinds, func(k model.Kind) bool { return k.Name == "external_residential" })
		if k < 0 {
			t.Fatal("no kind external_residential")
		}
		s.Kinds[k].CapacityPlaces = 0 // no cap: a home always has room
		s.Kinds[k].UnavailableShare[model.NeedSolo] = share
		res, err := sim.Run(s, sim.Options{Reps: 2, Seed: 1, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.Index(res.KPIs, sim.EmergencyPlacements)
		if i < 0 {
			t.Fatalf("no KPI %s", sim.EmergencyPlacements)
		}
		p := len(res.Periods) - 1
		var n float64
		for _, rep := range res.Reps {
			n += rep.KPIs[p*len(res.KPIs)+i]
		}
		t.Logf("solo share %v: %v emergency placements in 2 runs", share, n)
		if share == 0 && n != 0 {
			t.Errorf("solo share 0: %v emergency placements in 2 runs, want none", n)
		}
		if share > 0 && n == 0 {
			t.Errorf("solo share %v: no emergency placement in 2 runs, want some", share)
		}
	}
}
