package workspace

import (
	"fmt"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// fieldChange says the change of the field lever l from base to alt with the baseline's value
// and the change, "Carers recruited a year: 33 a year (baseline 21 a year; +12 (+57%))", and
// whether there is one.
func (l *lever) fieldChange(base, alt *model.Scenario) (string, bool) {
	in := l.Inputs[0]
	bv, v := l.get(base), l.get(alt)
	if v == bv {
		return "", false
	}
	label, after := l.Label, ""
	if l.priced != nil && l.otherNeeds(base) != nil {
		// A market's price: every need's moved by the same share, as the lever moves them,
		// or the standard need's alone, the others then said by their paths.
		if l.sameShare(base, alt) {
			after = ", every need's price by the same share (" + l.needsText(base, alt) + ")"
		} else {
			label += " for standard needs"
		}
	}
	return fmt.Sprintf("%s: %s (baseline %s; %s)%s", label, withUnit(showValue(v, in.Format), in.Unit),
		withUnit(showValue(bv, in.Format), in.Unit), changeText(bv, v, in.Format), after), true
}

// saidPaths returns the paths of the fields a field lever's change line says, as
// scenarios.Changes names them: its own, and a price lever's other needs' where they moved
// with the standard's.
func (l *lever) saidPaths(base, alt *model.Scenario) []string {
	out := []string{strings.Join(l.Path, ".")}
	if l.priced != nil && l.get(alt) != l.get(base) && l.sameShare(base, alt) {
		for _, n := range l.otherNeeds(base) {
			out = append(out, strings.Join(l.needPath(n), "."))
		}
	}
	return out
}

// FieldChanges says in words each field of alt whose value differs from base's, the dated
// changes aside (plots.CompareReport lists those): in the words of the workspace's lever where
// a lever is the field ("Carers recruited a year: 33 a year (baseline 21 a year; +12
// (+57%))"), otherwise by the field's path as --set names it
// ("uasc.grant_per_night_gbp: 143 (not in the baseline)"). placesim compare's board pack lists
// them, so that it says what a scenario changes in the workspace's words.
func FieldChanges(base, alt *model.Scenario) ([]string, error) {
	changes, err := scenarios.Changes(base, alt)
	if err != nil {
		return nil, err
	}
	byPath := map[string]*lever{}
	for _, l := range leversFor(base) {
		if !l.isIntervention() || l.OnTop {
			// A lever that adds a programme to a rate says a change of the rate itself
			// (a file's own approvals_per_year) in its words too.
			byPath[strings.Join(l.Path, ".")] = l
		}
	}
	said := map[string]bool{}
	for _, c := range changes {
		if l := byPath[c.Path]; l != nil && l.get(alt) != l.get(base) {
			for _, p := range l.saidPaths(base, alt)[1:] {
				said[p] = true
			}
		}
	}
	var out []string
	for _, c := range changes {
		if l := byPath[c.Path]; l != nil && l.get(alt) != l.get(base) {
			line, _ := l.fieldChange(base, alt)
			out = append(out, line)
			continue
		}
		if said[c.Path] {
			continue
		}
		out = append(out, c.String())
	}
	return out, nil
}
