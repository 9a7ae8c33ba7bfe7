package workspace

import (
	"fmt"
	"sync"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// libraryHomeFile is the library scenario whose new home the "Open a children's home" lever
// proposes: the workspace takes its running cost from the file, so that the two never quote
// different prices.
const libraryHomeFile = "open-childrens-home"

// libraryHome is the new home the library's open-childrens-home opens: its beds, its running
// cost a year and its one-off cost (capital and set-up), in the default's 2026/27 prices.
type libraryHome struct {
	Beds                int
	FixedCostPerYearGBP float64
	OneOffGBP           float64
}

// loadLibraryHome reads the library's open-childrens-home once: its first open_home.
var loadLibraryHome = sync.OnceValues(func() (libraryHome, error) {
	s, err := scenarios.LoadBuiltin(libraryHomeFile)
	if err != nil {
		return libraryHome{}, fmt.Errorf("%s: %w", libraryHomeFile, err)
	}
	for _, iv := range s.Interventions {
		if iv.Action == model.OpenHome && iv.Count > 0 && iv.FixedCostPerYearGBP > 0 {
			return libraryHome{Beds: iv.Count, FixedCostPerYearGBP: iv.FixedCostPerYearGBP, OneOffGBP: iv.Cost.OneOffGBP}, nil
		}
	}
	return libraryHome{}, fmt.Errorf("%s: no open_home with beds and a running cost", libraryHomeFile)
})

// homeCostDefault is the running cost a new home's box proposes at the library home's beds, as
// a file writes it ("901500"), its cost a bed, and the words that say where it comes from, for
// the lever's help. The library file is built into the program and a test loads it, so the
// error is a bug's.
func homeCostDefault() (string, float64, string) {
	h, err := loadLibraryHome()
	if err != nil {
		panic("workspace: the library's new home: " + err.Error())
	}
	perBed := h.FixedCostPerYearGBP / float64(h.Beds)
	source := fmt.Sprintf(" A new home's running cost starts at %s a bed a year, the library's %s (%d beds, %s a year), the default's own homes' cost a bed in 2026/27's prices (published figures of earlier years uplifted 3%% a year): the cost proposed follows the beds until a cost of your own is typed.",
		pounds(perBed), libraryHomeFile, h.Beds, pounds(h.FixedCostPerYearGBP))
	if h.OneOffGBP > 0 {
		source += fmt.Sprintf(" That file also pays %s once to buy and set up the home, which this lever leaves out: a one_off_gbp in the home's cost, in the file under Advanced, counts it.", pounds(h.OneOffGBP))
	}
	return formatNumber(h.FixedCostPerYearGBP), perBed, source
}
