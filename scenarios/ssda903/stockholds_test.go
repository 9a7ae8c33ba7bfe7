package ssda903

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestStockHeldOnStartDay checks that the council's own carers and homes a calibration writes
// hold the children of the stock placed with them on the window's last day, where a usual month
// needs fewer: Hillingdon's carers held 15 children on 31 March 2022 where a usual month of the
// 12 before held 10, and the 10 households sized for it sent 3-4 of the 15 to agencies on the
// first day. The households' places, drawn from places_mix as placesim draws them, hold the
// children with them in half the pools or more (checked here by drawing 4,000 pools: the share's
// standard error is under 0.008, so 0.47 is about 4 of them below 0.5), where the 10 held them in
// about a quarter.
func TestStockHeldOnStartDay(t *testing.T) {
	base := baseScenario(t)
	cal, err := Calibrate(readSample(t, samples[3]), Options{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	var y bytes.Buffer
	if err := writeScenario(&y, cal, ScenarioOptions{Name: "h", Extends: "default", Sources: "test"}); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse(bytes.NewReader(y.Bytes()), "h.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	k := kindIndex(t, s, "inhouse_foster")
	with := stockOf(s, k)
	if with != 15 {
		t.Fatalf("the sample's stock has %d children with the council's carers, want the 15 this test is about", with)
	}
	c := s.Kinds[k].Carers
	rng := rand.New(rand.NewPCG(1, 2))
	held := 0
	const pools = 4000
	for range pools {
		places := 0
		for range c.Households {
			places += drawPlaces(rng, c.PlacesMix)
		}
		if places >= with+s.StayingPut.Stock {
			held++
		}
	}
	if share := float64(held) / pools; share < 0.47 {
		t.Errorf("%d households hold the %d children with them in %.3f of the pools, want 0.5", c.Households, with, share)
	}
	l := lineWith(y.String(), "      households:")
	if !strings.Contains(l, "holds the 15 children with them on 31 March 2022") || !strings.Contains(l, "a usual month needs 10") {
		t.Errorf("households written %q", l)
	}
	if l := lineWith(y.String(), "      approvals_per_year:"); !strings.Contains(l, "for the 10 households a usual month needs") {
		t.Errorf("approvals written %q", l)
	}
}

func kindIndex(t *testing.T, s *model.Scenario, name string) int {
	t.Helper()
	for i, k := range s.Kinds {
		if k.Name == name {
			return i
		}
	}
	t.Fatalf("no kind %s", name)
	return -1
}

func stockOf(s *model.Scenario, k int) int {
	n := 0
	for _, g := range s.Stock {
		if int(g.Kind) == k {
			n += g.Count
		}
	}
	return n
}

func drawPlaces(rng *rand.Rand, mix []model.PlacesShare) int {
	var total float64
	for _, ps := range mix {
		total += ps.Share
	}
	u := rng.Float64() * total
	for _, ps := range mix {
		if u -= ps.Share; u < 0 {
			return ps.Places
		}
	}
	return mix[len(mix)-1].Places
}
