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
	return fmt.Sprintf("%s: %s (baseline %s; %s)", l.Label, withUnit(showValue(v, in.Format), in.Unit),
		withUnit(showValue(bv, in.Format), in.Unit), changeText(bv, v, in.Format)), true
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
	var out []string
	for _, c := range changes {
		if l := byPath[c.Path]; l != nil && l.get(alt) != l.get(base) {
			line, _ := l.fieldChange(base, alt)
			out = append(out, line)
			continue
		}
		out = append(out, c.String())
	}
	return out, nil
}
