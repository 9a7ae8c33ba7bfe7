package workspace

import (
	"strings"
	"testing"
)

// TestPoolPriceEcho checks that a new pooled block's price typed as a change says what it
// gives and is marked changed, as a provider's box is (it wrote the file and said nothing), and
// that with no places the change says it waits for them, as a scenario's box does (it was silent).
func TestPoolPriceEcho(t *testing.T) {
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "e", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "1", "pool.price": "+£0.5"}})
	if got, want := a.Echoes["pool.price"], "+£0.5 on £317,000 gives £317,000.50"; got != want || !a.Changed["pool.price"] {
		t.Errorf("pool.price +£0.5: echo %q (changed %v), want %q and changed", got, a.Changed["pool.price"], want)
	}
	if !strings.Contains(a.Text, "cost_per_place_per_year_gbp: 317000.5") {
		t.Errorf("the file:\n%s", a.Text)
	}
	a = runRegionState(t, base, regionState{Tab: "e", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "0", "pool.price": "+10%"}})
	if got := a.Echoes["pool.price"]; got != "Price +10% applies once there are places" {
		t.Errorf("pool.places 0, pool.price +10%%: echo %q, want it to say the price waits for places", got)
	}
}
