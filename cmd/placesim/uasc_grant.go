package main

import (
	"math"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// uascGrantOf is what the comparison of alt against base leaves out of its spending (the
// Home Office's UASC grant), or nil when their UASC in care do not differ.
func uascGrantOf(base, alt *model.Scenario, diffs []sim.Difference) *plots.UASCGrant {
	var g *plots.UASCGrant
	for _, d := range diffs {
		if d.KPI == sim.UASCInCare && d.Period == sim.WholeRun {
			g = plots.UASCGrantOf(base, alt, d)
		}
	}
	for _, d := range diffs {
		if g != nil && d.KPI == sim.UASCCareLeavers && d.Period == sim.WholeRun {
			g.LeavingCare(base, alt, d)
		}
	}
	return g
}

// uascGrantText is the paragraph the comparison's table ends with when the two scenarios'
// UASC in care differ: the grant it leaves out, and what it would come to; "" otherwise.
func uascGrantText(base, alt *model.Scenario, diffs []sim.Difference, level float64) string {
	g := uascGrantOf(base, alt, diffs)
	if g == nil {
		return ""
	}
	return "\n" + g.Text(base.Name, alt.Name, level) + "\n"
}

// uascGrantJSON is the UASC grant a comparison leaves out (--json's uasc_grant): the
// alternative's UASC child-years over the baseline's, and the grant they would bring at
// per_night_gbp (null with no rate; intervals null with fewer than two pairs). A region's,
// when its councils' rates differ, is the sum of theirs: gbp with no per_night_gbp and no
// interval.
type uascGrantJSON struct {
	Counted      bool     `json:"counted"`
	ChildYears   float64  `json:"child_years"`
	ChildYearsLo *float64 `json:"child_years_lo"`
	ChildYearsHi *float64 `json:"child_years_hi"`
	PerNightGBP  *float64 `json:"per_night_gbp"`
	GBP          *float64 `json:"gbp"`
	GBPLo        *float64 `json:"gbp_lo"`
	GBPHi        *float64 `json:"gbp_hi"`
	// The leaving-care grant for former UASC supported after care, when the comparison has
	// them: their young-person-years more (or fewer, below 0) and what they would bring at
	// per_week_gbp; absent for a region's.
	LeaverYears    *float64 `json:"leaver_years,omitempty"`
	PerWeekGBP     *float64 `json:"per_week_gbp,omitempty"`
	LeavingCareGBP *float64 `json:"leaving_care_gbp,omitempty"`
}

// uascGrantJSONOf is g as --json writes it, or nil for no grant to speak of.
func uascGrantJSONOf(g *plots.UASCGrant) *uascGrantJSON {
	if g == nil {
		return nil
	}
	finite := func(v float64) *float64 {
		if v != v || v > 1e300 || v < -1e300 {
			return nil
		}
		return &v
	}
	out := &uascGrantJSON{ChildYears: g.ChildYears, ChildYearsLo: finite(g.ChildYearsLo), ChildYearsHi: finite(g.ChildYearsHi)}
	switch {
	case g.PerNightGBP > 0:
		out.PerNightGBP, out.GBP = finite(g.PerNightGBP), finite(g.GBP)
		if out.ChildYearsLo != nil {
			out.GBPLo, out.GBPHi = finite(g.GBPLo), finite(g.GBPHi)
		}
	case g.Summed:
		// A region whose councils' rates differ: the sum of their grants, at no one rate.
		out.GBP = finite(g.GBP)
	}
	if !math.IsNaN(g.LeaverYears) {
		out.LeaverYears = finite(g.LeaverYears)
		if g.PerWeekGBP > 0 {
			out.PerWeekGBP, out.LeavingCareGBP = finite(g.PerWeekGBP), finite(g.LeavingGBP)
		}
	}
	return out
}
