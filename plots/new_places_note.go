package plots

import (
	"slices"

	"github.com/placesim/placesim/model"
)

// NewPlacesNote is the sentence a board pack puts under the list of what a strategy changes
// when it opens a home or contracts block beds: placesim fills the new places as soon as they
// open, with no ramp-up or registration inspection after the lead time.
const NewPlacesNote = "A new home or block contract takes children from the day it opens, at the end of its lead time, " +
	"and children whose first choice it is fill it within weeks: placesim models no ramp-up, registration inspection " +
	"or matching after the lead time, so its first months are fuller, and save more, than a real opening's may."

// NewPlacesNoteOf returns NewPlacesNote when s, apart from its baseline: true changes, opens a
// home or contracts block beds, and "" otherwise.
func NewPlacesNoteOf(s *model.Scenario) string {
	if slices.ContainsFunc(s.Interventions, func(iv model.Intervention) bool {
		return !iv.Baseline && (iv.Action == model.OpenHome || iv.Action == model.BlockBeds)
	}) {
		return NewPlacesNote
	}
	return ""
}
