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
	return plots.UASCGrantOfDiffs(base, alt, diffs)
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
// alternative's UASC child-years over the baseline's, and its grant less the baseline's, each
// scenario's child-nights at its own rate: per_night_gbp, and baseline_per_night_gbp where the
// baseline's differs (null with no rate; intervals null with fewer than two pairs). A
// region's, when its councils' rates differ, is the sum of theirs: gbp with no per_night_gbp,
// its interval that of the region's paired grant rows.
type uascGrantJSON struct {
	Counted             bool     `json:"counted"`
	ChildYears          float64  `json:"child_years"`
	ChildYearsLo        *float64 `json:"child_years_lo"`
	ChildYearsHi        *float64 `json:"child_years_hi"`
	PerNightGBP         *float64 `json:"per_night_gbp"`
	BaselinePerNightGBP *float64 `json:"baseline_per_night_gbp,omitempty"`
	GBP                 *float64 `json:"gbp"`
	GBPLo               *float64 `json:"gbp_lo"`
	GBPHi               *float64 `json:"gbp_hi"`
	// The leaving-care grant for former UASC supported after care, when the comparison has
	// them: their young-person-years more (or fewer, below 0) with its interval, and the
	// alternative's grant less the baseline's, each at its own rate (per_week_gbp, and
	// baseline_per_week_gbp where the baseline's differs), with its interval; total_gbp is gbp
	// and leaving_care_gbp together. A region's, when its councils' leaving-care rates differ,
	// is the sum of theirs, with no per_week_gbp; the intervals absent with fewer than two
	// pairs.
	LeaverYears        *float64 `json:"leaver_years,omitempty"`
	LeaverYearsLo      *float64 `json:"leaver_years_lo,omitempty"`
	LeaverYearsHi      *float64 `json:"leaver_years_hi,omitempty"`
	PerWeekGBP         *float64 `json:"per_week_gbp,omitempty"`
	BaselinePerWeekGBP *float64 `json:"baseline_per_week_gbp,omitempty"`
	LeavingCareGBP     *float64 `json:"leaving_care_gbp,omitempty"`
	LeavingCareGBPLo   *float64 `json:"leaving_care_gbp_lo,omitempty"`
	LeavingCareGBPHi   *float64 `json:"leaving_care_gbp_hi,omitempty"`
	TotalGBP           *float64 `json:"total_gbp,omitempty"`
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
		if g.BasePerNightGBP != g.PerNightGBP && g.BasePerNightGBP > 0 {
			out.BaselinePerNightGBP = finite(g.BasePerNightGBP)
		}
		if out.ChildYearsLo != nil {
			out.GBPLo, out.GBPHi = finite(g.GBPLo), finite(g.GBPHi)
		}
	case g.Summed:
		// A region whose councils' rates differ: the sum of their grants, at no one rate.
		out.GBP = finite(g.GBP)
		out.GBPLo, out.GBPHi = finite(g.GBPLo), finite(g.GBPHi)
	}
	if !math.IsNaN(g.LeaverYears) {
		out.LeaverYears = finite(g.LeaverYears)
		out.LeaverYearsLo, out.LeaverYearsHi = finite(g.LeaverYearsLo), finite(g.LeaverYearsHi)
		if g.PerWeekGBP > 0 || g.LeavingSummed {
			out.LeavingCareGBP = finite(g.LeavingGBP)
			if g.PerWeekGBP > 0 {
				out.PerWeekGBP = finite(g.PerWeekGBP)
			}
			if g.BasePerWeekGBP != g.PerWeekGBP && g.BasePerWeekGBP > 0 {
				out.BaselinePerWeekGBP = finite(g.BasePerWeekGBP)
			}
			if out.LeaverYearsLo != nil || g.LeavingSummed {
				out.LeavingCareGBPLo, out.LeavingCareGBPHi = finite(g.LeavingGBPLo), finite(g.LeavingGBPHi)
			}
			if g.PerNightGBP > 0 || g.Summed {
				out.TotalGBP = finite(g.GBP + g.LeavingGBP)
			}
		}
	}
	return out
}
