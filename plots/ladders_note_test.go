package plots

import (
	"testing"

	"github.com/placesim/placesim/model"
)

// TestLaddersDiffer checks how a comparison says two scenarios' ladders differ: by kind name
// (so that a scenario that adds a kind compares), first choices in words, and nothing for the
// same ladders.
func TestLaddersDiffer(t *testing.T) {
	kinds := []model.Kind{{Name: "ifa", Label: "Agency foster care"}, {Name: "home", Label: "Children's homes"}}
	scen := func(name string, ks []model.Kind, ls ...model.Ladder) *model.Scenario {
		return &model.Scenario{Name: name, Kinds: ks, Ladders: ls}
	}
	teen := model.Selector{Ages: model.AgeRange{FromYears: 11, ToYears: 17}}
	base := scen("base", kinds, model.Ladder{Who: teen, Try: []model.KindID{0, 1}})
	for _, tt := range []struct {
		name string
		alt  *model.Scenario
		want string
	}{
		{"the same", scen("alt", kinds, model.Ladder{Who: teen, Try: []model.KindID{0, 1}}), ""},
		{"the same names, kinds in another order",
			scen("alt", []model.Kind{kinds[1], kinds[0]}, model.Ladder{Who: teen, Try: []model.KindID{1, 0}}), ""},
		{"another first choice", scen("alt", kinds, model.Ladder{Who: teen, Try: []model.KindID{1, 0}}),
			"for children aged 11-17, alt's first choice is children's homes, base's agency foster care"},
		{"shares of first choices", scen("alt", kinds, model.Ladder{Who: teen, Try: []model.KindID{0, 1}, Shares: []float64{0.5, 0.5}}),
			"the children they select, the kinds they try after the first or the shares of first choices differ"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := laddersDiffer(base, tt.alt); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			hs, note := LaddersNote([]Headline{{Label: "Share of placements made in the child's first choice", KPI: "first_choice_share"}}, base, tt.alt)
			if (note == "") != (tt.want == "") || (hs[0].Label != "Share of placements made in the child's first choice") != (tt.want != "") {
				t.Errorf("label %q, note %q", hs[0].Label, note)
			}
		})
	}
}
