package plots

import (
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestNewPlacesNote checks that a strategy that opens a home or contracts block beds says,
// under its changes, that the new places fill from the day they open, with no ramp-up or
// registration inspection modelled; one that opens nothing says nothing of it.
func TestNewPlacesNote(t *testing.T) {
	for name, want := range map[string]string{
		"open-childrens-home":   NewPlacesNote,
		"block-contract-3-beds": NewPlacesNote,
		"early-help":            "",
	} {
		s, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := NewPlacesNoteOf(s); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}
