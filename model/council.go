package model

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// CouncilDifferences says how alt is a different council from base rather than a strategy
// for it: each of the fields that make the council, as against what a strategy changes,
// that alt gives otherwise than base: the children in care at the start (Stock), the
// children entering a year (Entries.PerYear), the UASC arriving a year (UASC.PerYear) and the
// children living in the area (ChildPopulation). A strategy changes these through dated
// interventions (entry_rate, uasc_surge), which leave them as they are; a scenario that extends
// another council's file, or a calibrated council compared with a what-if on the default
// county, gives them otherwise. It returns nil when alt is base's council.
func CouncilDifferences(base, alt *Scenario) []string {
	var out []string
	if b, a := base.StockCount(), alt.StockCount(); b != a {
		out = append(out, fmt.Sprintf("%s starts with %s children in care where %s starts with %s", alt.Name, FormatNumber(float64(a)), base.Name, FormatNumber(float64(b))))
	} else if !reflect.DeepEqual(base.Stock, alt.Stock) {
		out = append(out, fmt.Sprintf("%s's %s children in care at the start are not %s's (their kinds, ages or needs differ)", alt.Name, FormatNumber(float64(a)), base.Name))
	}
	if b, a := base.Entries.PerYear, alt.Entries.PerYear; b != a {
		out = append(out, fmt.Sprintf("%s has %s entries a year where %s has %s", alt.Name, FormatNumber(roundTenth(a)), base.Name, FormatNumber(roundTenth(b))))
	}
	if b, a := base.UASC.PerYear, alt.UASC.PerYear; b != a {
		out = append(out, fmt.Sprintf("%s has %s UASC arriving a year where %s has %s", alt.Name, FormatNumber(roundTenth(a)), base.Name, FormatNumber(roundTenth(b))))
	}
	if b, a := base.ChildPopulation, alt.ChildPopulation; b != a {
		out = append(out, fmt.Sprintf("%s has a child population of %s where %s has %s", alt.Name, FormatNumber(float64(a)), base.Name, FormatNumber(float64(b))))
	}
	return out
}

// DifferentCouncilWarning warns, or returns "", when alt is a different council from base
// (CouncilDifferences) rather than a strategy for it, as a what-if on the default county
// compared with a council's own file is: the comparison then measures the councils'
// difference, not the strategy's. baseRef is how the baseline is named to extend it (a file
// name, or a built-in's). The command line's compare and the workspace's Compare page give it
// in these words.
func DifferentCouncilWarning(base, alt *Scenario, baseRef string) string {
	diffs := CouncilDifferences(base, alt)
	if len(diffs) == 0 {
		return ""
	}
	return fmt.Sprintf("the alternative %s is a different council from the baseline %s, not a strategy for it: %s; "+
		"so the comparison measures the difference between two councils, not what the strategy does; "+
		"to compare a strategy for %s, write a file that extends it (extends: %s) and gives the strategy's interventions, and compare that with %s",
		alt.Name, base.Name, strings.Join(diffs, "; "), base.Name, baseRef, baseRef)
}

// roundTenth rounds v to one decimal place, as a rate a year is said.
func roundTenth(v float64) float64 { return math.Round(v*10) / 10 }
