package plots

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestRegionUASCGrantRates checks what a region comparison says of the UASC grant when its
// councils' rates differ: each council's line at its own rate, and the region's the sum of
// theirs; with no UASC moving it says nothing.
func TestRegionUASCGrantRates(t *testing.T) {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	region := func(name string, rates ...float64) *model.Region {
		reg := &model.Region{Name: name, Start: start, Years: 1}
		for i, r := range rates {
			s := &model.Scenario{Name: "council"}
			s.UASC.GrantPerNightGBP = r
			reg.Councils = append(reg.Councils, model.Council{Name: []string{"a-shire", "b-shire"}[i], Scenario: s})
		}
		return reg
	}
	uasc := func(diff float64) []sim.Difference {
		return []sim.Difference{{Period: sim.WholeRun, KPI: sim.UASCInCare, DiffMean: diff, DiffLo: diff - 1, DiffHi: diff + 1, RunLo: diff, RunHi: diff, N: 10}}
	}
	rc := &RegionComparison{Scenario: "alt", Baseline: "base", Councils: []string{"a-shire", "b-shire", sim.RegionTotal},
		Diffs: [][]sim.Difference{uasc(2), uasc(3), uasc(5)}, Years: 1}
	lines := rc.UASCGrantLines(region("base", 0, 0), region("alt", 100, 200), 0.9)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want the region's and two councils': %q", len(lines), lines)
	}
	// 2 child-years at £100 a night and 3 at £200 a night over 365 days: £73,000 + £219,000.
	for i, want := range []string{
		"alt has 5.0 more UASC child-years in care than base over the year (the 90% confidence interval of the mean: +4.0 to +6.0); at each council's own rate (its uasc.grant_per_night_gbp, not uprated for inflation) that would bring about £292k of grant, the sum of the councils' lines below, which the spending figures leave out.",
		"a-shire: Not counted: ", "that would bring about £73k of grant",
		"b-shire: Not counted: ", "that would bring about £219k of grant",
	} {
		line := lines[(i+1)/2]
		if !strings.Contains(line, want) {
			t.Errorf("line %d %q lacks %q", (i+1)/2, line, want)
		}
	}
	// The same as figures (compare --json's uasc_grant): each council's at its own rate, and
	// the region's their sum, at no one rate and with no interval.
	gs := rc.UASCGrants(region("base", 0, 0), region("alt", 100, 200))
	if len(gs) != 3 || gs[0] == nil || gs[1] == nil || gs[2] == nil {
		t.Fatalf("grants %v, want one for each council and the region", gs)
	}
	if g := gs[0]; g.PerNightGBP != 100 || g.RateOf != "a-shire" || g.GBP != 73_000 || g.Summed {
		t.Errorf("a-shire's grant %+v, want £73,000 at its £100 a night", *g)
	}
	if g := gs[1]; g.PerNightGBP != 200 || g.GBP != 219_000 || g.Summed {
		t.Errorf("b-shire's grant %+v, want £219,000 at its £200 a night", *g)
	}
	if g := gs[2]; !g.Summed || g.PerNightGBP != 0 || g.GBP != 292_000 || !math.IsNaN(g.GBPLo) || !math.IsNaN(g.GBPHi) || g.ChildYears != 5 {
		t.Errorf("the region's grant %+v, want the sum £292,000 of 5 child-years, at no one rate and with no interval", *g)
	}
	rc.Diffs = [][]sim.Difference{uasc(0), uasc(0), uasc(0)}
	if gs := rc.UASCGrants(region("base", 0, 0), region("alt", 100, 200)); len(gs) != 3 || gs[0] != nil || gs[1] != nil || gs[2] != nil {
		t.Errorf("no UASC move, yet grants %v", gs)
	}
	if lines := rc.UASCGrantLines(region("base", 0, 0), region("alt", 100, 200), 0.9); lines != nil {
		t.Errorf("no UASC move, yet %q", lines)
	}
}

// TestRegionUASCGrantNamesTheCouncil checks that a council's line of a region comparison's UASC
// grant speaks of the council, not of the region: of its two scenarios when the strategy
// changes the one it starts from, of the council in each region when it does not, and of the
// council's own rate, which the strategy region's file need not give.
func TestRegionUASCGrantNamesTheCouncil(t *testing.T) {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	region := func(name string, scenarios ...string) *model.Region {
		reg := &model.Region{Name: name, Start: start, Years: 1}
		for i, sc := range scenarios {
			s := &model.Scenario{Name: []string{"west-sussex", "kent"}[i]}
			if sc == "nts-threshold-0.07" {
				s.UASC.GrantPerNightGBP = 143
			}
			reg.Councils = append(reg.Councils, model.Council{Name: s.Name, Scenario: s, ScenarioName: sc})
		}
		return reg
	}
	uasc := func(diff float64) []sim.Difference {
		return []sim.Difference{{Period: sim.WholeRun, KPI: sim.UASCInCare, DiffMean: diff, DiffLo: diff - 1, DiffHi: diff + 1, RunLo: diff, RunHi: diff, N: 10}}
	}
	rc := &RegionComparison{Scenario: "ws-nts", Baseline: "south-east", Councils: []string{"west-sussex", "kent", sim.RegionTotal},
		Diffs: [][]sim.Difference{uasc(26), uasc(2), uasc(28)}, Years: 1}
	lines := rc.UASCGrantLines(region("south-east", "default", "default"), region("ws-nts", "nts-threshold-0.07", "default"), 0.9)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want the region's and two councils': %q", len(lines), lines)
	}
	// Only west-sussex's UASC move: the region's line is at its rate, which ws-nts does not give.
	rc.Diffs = [][]sim.Difference{uasc(26), uasc(0), uasc(26)}
	one := rc.UASCGrantLines(region("south-east", "default", "default"), region("ws-nts", "nts-threshold-0.07", "default"), 0.9)
	if want := "; at west-sussex's £143 a night (its uasc.grant_per_night_gbp,"; len(one) != 2 || !strings.Contains(one[0], want) {
		t.Errorf("one council's UASC move: %q, want the region's line %q", one, want)
	}
	for i, want := range []string{
		"west-sussex: Not counted: the Home Office's grant for unaccompanied asylum-seeking children (UASC), income for each one the council looks after. " +
			"west-sussex on nts-threshold-0.07 has 26 more UASC child-years in care than on default over the year (the 90% confidence interval of the mean: +25 to +27); " +
			"at west-sussex's £143 a night (its uasc.grant_per_night_gbp, not uprated for inflation) that would bring about £1.4m of grant (+£1.3m to +£1.4m), which the spending figures leave out.",
		"kent: Not counted: the Home Office's grant for unaccompanied asylum-seeking children (UASC), income for each one the council looks after. " +
			"kent in ws-nts has 2.0 more UASC child-years in care than in south-east over the year (the 90% confidence interval of the mean: +1.0 to +3.0); " +
			"neither scenario gives a grant rate (uasc.grant_per_night_gbp), so what it would come to is not worked out, and the spending figures leave it out.",
	} {
		if lines[i+1] != want {
			t.Errorf("council line %d:\n%s\nwant\n%s", i+1, lines[i+1], want)
		}
	}
}
