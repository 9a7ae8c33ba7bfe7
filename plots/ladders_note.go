package plots

import (
	"fmt"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// firstChoiceOwnLadders is what the first-choice row of a comparison adds to its label when
// the two scenarios' ladders differ (see LaddersNote).
const firstChoiceOwnLadders = " (ladders differ: see the note)"

// LaddersNote returns, when alt's matching ladders differ from base's, the headlines hs with
// the first-choice row's label saying so, and a note in plain words: first choice is counted
// against each scenario's own ladders, so its change is partly one of ladders, not only of
// where children are placed. With the same ladders it returns hs unchanged and "".
func LaddersNote(hs []Headline, base, alt *model.Scenario) ([]Headline, string) {
	how := laddersDiffer(base, alt)
	if how == "" {
		return hs, ""
	}
	out := slices.Clone(hs)
	for i := range out {
		if out[i].KPI == sim.FirstChoiceShare {
			out[i].Label += firstChoiceOwnLadders
		}
	}
	return out, fmt.Sprintf("Note: placements made in the child's first choice are counted against each scenario's own ladders "+
		"(the kinds of placement each kind of child tries, in order), and %s's ladders are not %s's: %s. "+
		"So that row's change compares placements against two different first choices, not only where children were placed; "+
		"a child whose first choice has no place yet (a home not yet open) counts as not placed in it.",
		alt.Name, base.Name, how)
}

// ladderRung is a ladder by kind names, so that ladders of scenarios whose kinds differ compare.
type ladderRung struct {
	who    model.Selector
	try    []string
	shares []float64
}

// laddersDiffer says how alt's ladders differ from base's ("for children with solo needs,
// solo-placement-home's first choice is the in-house solo placement home,
// default's external children's homes"), or "" when they are the same.
func laddersDiffer(base, alt *model.Scenario) string {
	b, a := laddersByName(base), laddersByName(alt)
	same := func(x, y ladderRung) bool {
		return x.who == y.who && slices.Equal(x.try, y.try) && slices.Equal(x.shares, y.shares)
	}
	if slices.EqualFunc(b, a, same) {
		return ""
	}
	var firsts []string
	for _, x := range a {
		i := slices.IndexFunc(b, func(y ladderRung) bool { return y.who == x.who })
		if i < 0 || len(x.try) == 0 || len(b[i].try) == 0 || x.try[0] == b[i].try[0] {
			continue
		}
		who := whoText(x.who)
		if who == "" {
			who = "of every age and need"
		}
		firsts = append(firsts, fmt.Sprintf("for children %s, %s's first choice is %s, %s's %s", who, alt.Name,
			kindWords(alt, x.try[0]), base.Name, kindWords(base, b[i].try[0])))
	}
	if len(firsts) > 0 {
		return strings.Join(firsts, "; ")
	}
	return "the children they select, the kinds they try after the first or the shares of first choices differ"
}

// laddersByName returns s's ladders with their rungs by kind name.
func laddersByName(s *model.Scenario) []ladderRung {
	var out []ladderRung
	for _, l := range s.Ladders {
		r := ladderRung{who: l.Who, shares: l.Shares}
		for _, k := range l.Try {
			name := "?"
			if int(k) >= 0 && int(k) < len(s.Kinds) {
				name = s.Kinds[k].Name
			}
			r.try = append(r.try, name)
		}
		out = append(out, r)
	}
	return out
}

// kindWords is the kind named name of s in words, as the labels of its results say it inside
// a sentence ("the in-house solo placement home").
func kindWords(s *model.Scenario, name string) string {
	for _, k := range s.Kinds {
		if k.Name == name && k.Label != "" {
			return sim.CatalogueOf(s).KindWords(name)
		}
	}
	return name
}
