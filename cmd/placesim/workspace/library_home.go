package workspace

import (
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// libraryHomeFile is the library scenario whose new home the "Open a children's home" lever
// proposes: the workspace takes its running cost from the file, so that the two never quote
// different prices.
const libraryHomeFile = "open-childrens-home"

// libraryHome is the new home the library's open-childrens-home opens: its beds, its running
// cost a year and its one-off cost (capital and set-up), in the default's 2026/27 prices, and
// how many months before the home opens the one-off cost falls.
type libraryHome struct {
	Beds                int
	FixedCostPerYearGBP float64
	OneOffGBP           float64
	OneOffMonthsBefore  int
}

// loadLibraryHome reads the library's open-childrens-home once: its first open_home.
var loadLibraryHome = sync.OnceValues(func() (libraryHome, error) {
	s, err := scenarios.LoadBuiltin(libraryHomeFile)
	if err != nil {
		return libraryHome{}, fmt.Errorf("%s: %w", libraryHomeFile, err)
	}
	for _, iv := range s.Interventions {
		if iv.Action == model.OpenHome && iv.Count > 0 && iv.FixedCostPerYearGBP > 0 {
			h := libraryHome{Beds: iv.Count, FixedCostPerYearGBP: iv.FixedCostPerYearGBP, OneOffGBP: iv.Cost.OneOffGBP}
			if on := iv.Cost.OneOffOn; h.OneOffGBP > 0 && !on.IsZero() {
				opens := opensOn(iv.From, iv.LeadTimeDays)
				h.OneOffMonthsBefore = (opens.Year()-on.Year())*12 + int(opens.Month()-on.Month())
				if h.OneOffMonthsBefore < 0 || !opens.AddDate(0, -h.OneOffMonthsBefore, 0).Equal(on) {
					return libraryHome{}, fmt.Errorf("%s: the one-off cost is on %s, not a whole number of months before the home opens on %s",
						libraryHomeFile, on.Format(time.DateOnly), opens.Format(time.DateOnly))
				}
			}
			return h, nil
		}
	}
	return libraryHome{}, fmt.Errorf("%s: no open_home with beds and a running cost", libraryHomeFile)
})

// homeCostDefault is the running cost a new home's box proposes at the library home's beds, as
// a file writes it ("901500"), its cost a bed, and the words that say where it and the home's
// one-off cost come from, for the lever's help. The library file is built into the program and
// a test loads it, so the error is a bug's.
func homeCostDefault() (string, float64, string) {
	h := mustLibraryHome()
	perBed := h.FixedCostPerYearGBP / float64(h.Beds)
	source := fmt.Sprintf(" A new home's running cost starts at %s a bed a year, the library's %s (%d beds, %s a year), the default's own homes' cost a bed in 2026/27's prices (published figures of earlier years uplifted 3%% a year): the cost proposed follows the beds until a cost of your own is typed.",
		pounds(perBed), libraryHomeFile, h.Beds, pounds(h.FixedCostPerYearGBP))
	if h.OneOffGBP > 0 {
		source += fmt.Sprintf(" The home pays once, too, to buy and set it up (capital and set-up, counted as cash when paid), as that file's does: the One-off cost box starts at %s a bed, the library's %s for its %d beds (Sheffield's 2-bed home, about £0.74m in all, about 2023, scaled to 3 beds and 2026/27's prices; docs/sources.md §10), and follows the beds until a cost of your own is typed (0: none); it is paid %s before the home opens, or on the run's first day if that is later, until the file's cost.one_off_on, under Advanced, is changed.",
			pounds(h.OneOffGBP/float64(h.Beds)), pounds(h.OneOffGBP), h.Beds, monthsText(h.OneOffMonthsBefore))
	}
	return formatNumber(h.FixedCostPerYearGBP), perBed, source
}

// homeOneOffInput returns the box of a new home's one-off cost (capital and set-up), which
// starts at the library home's and follows the beds at its cost a bed until a cost is typed,
// and whether the library's home pays one: without one, the lever has no such box.
func homeOneOffInput() (leverInput, bool) {
	h := mustLibraryHome()
	if h.OneOffGBP <= 0 {
		return leverInput{}, false
	}
	return leverInput{ID: "home_one_off", Label: "One-off cost", Unit: "paid once", Key: oneOffGBPKey, Format: fmtGBP,
		Default: formatNumber(h.OneOffGBP), PerCount: h.OneOffGBP / float64(h.Beds)}, true
}

// mustLibraryHome returns the library's new home; the file is built into the program and a
// test loads it, so the error is a bug's.
func mustLibraryHome() libraryHome {
	h, err := loadLibraryHome()
	if err != nil {
		panic("workspace: the library's new home: " + err.Error())
	}
	return h
}

// monthsText says a number of months as a person would: "a year", "2 years", "6 months".
func monthsText(n int) string {
	switch {
	case n == 12:
		return "a year"
	case n > 0 && n%12 == 0:
		return fmt.Sprintf("%d years", n/12)
	}
	return plural(n, "month")
}

// homeOneOff returns what a new home of beds beds that opens on opens pays once, as the
// library's home does: the library's one-off cost a bed times beds, to the pound, on the day
// OneOffMonthsBefore months before it opens, or on the run's first day start if that is
// later (a one-off cost before the start would go uncounted). The amount is 0 when the
// library's home pays nothing once.
func homeOneOff(beds int, opens, start time.Time) (float64, time.Time) {
	h := mustLibraryHome()
	on := opens.AddDate(0, -h.OneOffMonthsBefore, 0)
	if on.Before(start) {
		on = start
	}
	return math.Round(h.OneOffGBP / float64(h.Beds) * float64(beds)), on
}

// homeOneOffFields are the fields of a home's one-off cost, as a file writes them.
const (
	oneOffGBPKey = "cost.one_off_gbp"
	oneOffOnKey  = "cost.one_off_on"
)

// fileHomeOneOff returns the one-off cost that the file's home idx would pay as the library's
// home does, from its beds and the day it opens, as the file writes them ("1213000",
// "2027-04-01"), and whether its beds and dates read.
func fileHomeOneOff(f *scenarios.Document, idx int, start time.Time) (gbp, on string, ok bool) {
	count, _, okC := f.InterventionField(idx, "count")
	from, _, okF := f.InterventionField(idx, "from")
	beds, errC := strconv.Atoi(count)
	d, errF := time.Parse(time.DateOnly, from)
	if !okC || !okF || errC != nil || errF != nil || beds <= 0 {
		return "", "", false
	}
	v, when := homeOneOff(beds, opensOn(d, leadDays(f, idx)), start)
	return formatNumber(v), when.Format(time.DateOnly), true
}

// homeOneOffFollows reports whether the file's home idx pays the one-off cost the lever gives
// it, from its beds and the day it opens as the file has them: then the lever moves it with
// the boxes; a cost changed in the file, or left out, is the file's to keep.
func homeOneOffFollows(f *scenarios.Document, idx int, start time.Time) bool {
	gbp, on, ok := fileHomeOneOff(f, idx, start)
	if !ok {
		return false
	}
	fg, _, okG := f.InterventionField(idx, oneOffGBPKey)
	fo, _, okO := f.InterventionField(idx, oneOffOnKey)
	v, err := scenarios.ParseGBP(fg)
	return okG && okO && err == nil && formatNumber(v) == gbp && fo == on
}

// homeOneOffDateFollows reports whether the day the file's home idx pays its one-off cost is
// the lever's to move with the day the home opens: the file pays nothing once yet (a cost
// typed then falls on the lever's day), or pays on the day the lever gives, from the day the
// home opens as the file has it. A day changed in the file is the file's to keep.
func homeOneOffDateFollows(f *scenarios.Document, idx int, start time.Time) bool {
	fg, _, okG := f.InterventionField(idx, oneOffGBPKey)
	if v, err := scenarios.ParseGBP(fg); !okG || (err == nil && v == 0) {
		return true
	}
	_, on, ok := fileHomeOneOff(f, idx, start)
	fo, _, okO := f.InterventionField(idx, oneOffOnKey)
	return ok && okO && fo == on
}

// setHomeOneOff writes into the file's home idx the one-off cost the lever gives it (see
// homeOneOff), or nothing when its beds or dates do not read (the boxes say why).
func setHomeOneOff(f *scenarios.Document, idx int, start time.Time) {
	gbp, on, ok := fileHomeOneOff(f, idx, start)
	if !ok || gbp == "0" {
		return
	}
	f.SetInterventionField(idx, oneOffGBPKey, gbp)
	f.SetInterventionField(idx, oneOffOnKey, on)
}

// setHomeOneOffDate writes into the file's home idx the day the lever gives its one-off cost
// (see homeOneOff), from the day it opens, or nothing when its beds or dates do not read.
func setHomeOneOffDate(f *scenarios.Document, idx int, start time.Time) {
	if _, on, ok := fileHomeOneOff(f, idx, start); ok {
		f.SetInterventionField(idx, oneOffOnKey, on)
	}
}
