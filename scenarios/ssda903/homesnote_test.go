package ssda903

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestHomesNoteCountsTheGroup checks that the note of the homes' children merged into other
// groups says how many of them the group given homes_share holds where it holds fewer than
// all, and counts them as 2.5 by that group's count, as the share is worked out.
func TestHomesNoteCountsTheGroup(t *testing.T) {
	cl := &StockCell{Kind: "external_residential", Ages: model.AgeRange{FromYears: 10, ToYears: 17}, Count: 11, homes: 3}
	got := homesNote(7, cl)
	for _, want := range []string{
		"the 7 children the homes held at the end of the window are counted in the stock's merged groups of other kinds, so that no count is below 5, fewer than 5 of them in the group of external_residential aged 10-17 (11 children)",
		"counted as though 2.5 were",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("note\n%s\ndoes not say\n%s", got, want)
		}
	}
	cl.homes = 7
	if got := homesNote(7, cl); !strings.Contains(got, "the 7 children the homes held at the end of the window are counted in the stock's group of external_residential aged 10-17 (11 children)") || strings.Contains(got, "2.5") {
		t.Errorf("a group holding all the homes' 7 children: note\n%s", got)
	}
}
