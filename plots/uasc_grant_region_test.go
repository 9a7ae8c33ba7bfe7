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

// TestUASCGrantSaysBothGrantsAndSplitsTheChange checks that when the two scenarios' rates
// differ the grant's sentence gives each scenario's grant and their difference, split into
// what comes of the extra child-years and what of the rate on the child-years both have, the
// two adding up to the difference.
func TestUASCGrantSaysBothGrantsAndSplitsTheChange(t *testing.T) {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	sc := func(name string, rate float64) *model.Scenario {
		s := &model.Scenario{Name: name, Start: start, Years: 1}
		s.UASC.GrantPerNightGBP = rate
		return s
	}
	// 10 UASC at £100 a night against 12 at £200 over 365 days: £365,000 and £876,000, £511,000
	// more: 2 × 365 × £200 = £146,000 from the extra child-years, 10 × 365 × £100 = £365,000
	// from the higher rate.
	d := sim.Difference{Period: sim.WholeRun, KPI: sim.UASCInCare, BaseMean: 10, AltMean: 12, DiffMean: 2, DiffLo: 1.5, DiffHi: 2.5, RunLo: 2, RunHi: 2, N: 10}
	g := UASCGrantOf(sc("b100", 100), sc("a200", 200), d)
	if g == nil || g.BaseGBP != 365_000 || g.AltGBP != 876_000 || g.GBP != 511_000 || g.FromYears != 146_000 {
		t.Fatalf("grant %+v, want £365,000 against £876,000, £146,000 of the £511,000 from the extra child-years", g)
	}
	text := g.Text("b100", "a200", 0.9)
	for _, want := range []string{"a200's grant would be about £876k and b100's £365k: £511k more", "+£146k from its extra child-years at £200, +£365k from the higher rate on the child-years both have"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lacks %q", text, want)
		}
	}
	if strings.Contains(text, "that would bring about £511k") {
		t.Errorf("the difference is said as if it were the grant: %q", text)
	}
	// The other way round: the child-years b100 lacks are lost at a200's rate.
	d = sim.Difference{Period: sim.WholeRun, KPI: sim.UASCInCare, BaseMean: 12, AltMean: 10, DiffMean: -2, DiffLo: -2.5, DiffHi: -1.5, RunLo: -2, RunHi: -2, N: 10}
	text = UASCGrantOf(sc("a200", 200), sc("b100", 100), d).Text("a200", "b100", 0.9)
	if want := "£511k less: -£146k from the child-years a200 has and b100 has not, at £200, -£365k from the lower rate on the child-years both have"; !strings.Contains(text, want) {
		t.Errorf("%q lacks %q", text, want)
	}
	// The same child-years: all of it from the rate.
	d = sim.Difference{Period: sim.WholeRun, KPI: sim.UASCInCare, BaseMean: 10, AltMean: 10, N: 10}
	text = UASCGrantOf(sc("b100", 100), sc("a200", 200), d).Text("b100", "a200", 0.9)
	if want := "a200's grant would be about £730k and b100's £365k: £365k more, all from the higher rate"; !strings.Contains(text, want) {
		t.Errorf("%q lacks %q", text, want)
	}
}

// TestRegionUASCGrantAtDifferentRates checks a region comparison whose council's rate differs
// between the two regions though its UASC do not: the council's line names each scenario's
// rate once, the region has its line and its grant, and both take their ranges from the paired
// grant rows, with the leaving-care grant beside them.
func TestRegionUASCGrantAtDifferentRates(t *testing.T) {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	region := func(name, scenario string, rate float64) *model.Region {
		s := &model.Scenario{Name: scenario}
		s.UASC.GrantPerNightGBP, s.UASC.LeavingCareGrantPerWeekGBP = rate, 270
		return &model.Region{Name: name, Start: start, Years: 1, Councils: []model.Council{{Name: "kent", Scenario: s, ScenarioName: scenario}}}
	}
	rows := func() []sim.Difference {
		return []sim.Difference{
			{Period: sim.WholeRun, KPI: sim.UASCInCare, BaseMean: 10, AltMean: 10, N: 10},
			{Period: sim.WholeRun, KPI: sim.UASCCareLeavers, BaseMean: 5, AltMean: 6, DiffMean: 1, DiffLo: 0.5, DiffHi: 1.5, RunLo: 1, RunHi: 1, N: 10},
		}
	}
	paired := []sim.Difference{
		{Period: sim.WholeRun, KPI: sim.UASCGrantNotCounted, DiffMean: -200_000, DiffLo: -210_000, DiffHi: -190_000, N: 10},
		// One young-person-year more at £270 a week: 365 × 270 / 7.
		{Period: sim.WholeRun, KPI: sim.UASCLeavingCareGrantNotCounted, DiffMean: 365 * 270.0 / 7, DiffLo: 365 * 135.0 / 7, DiffHi: 365 * 405.0 / 7, N: 10},
	}
	rc := &RegionComparison{Scenario: "alt", Baseline: "base", Councils: []string{"kent", sim.RegionTotal},
		Diffs: [][]sim.Difference{rows(), rows()}, Grants: [][]sim.Difference{paired, paired}, Years: 1}
	base, alt := region("base", "uasc-200", 200), region("alt", "uasc-surge", 143)
	gs := rc.UASCGrants(base, alt)
	if len(gs) != 2 || gs[0] == nil || gs[1] == nil {
		t.Fatalf("grants %v, want kent's and the region's", gs)
	}
	for i, g := range gs {
		if g.GBP != -200_000 || g.GBPLo != -210_000 || g.GBPHi != -190_000 || math.Abs(g.LeavingGBP-365*270.0/7) > 0.01 || math.Abs(g.LeavingGBPLo-365*135.0/7) > 0.01 {
			t.Errorf("grant %d %+v, want the paired rows' -£200,000 (-£210,000 to -£190,000) and £14,079 of leaving-care grant", i, *g)
		}
	}
	lines := rc.UASCGrantLines(base, alt, 0.9)
	if len(lines) != 2 {
		t.Fatalf("%d lines, want the region's and kent's: %q", len(lines), lines)
	}
	for _, line := range lines {
		if strings.Contains(line, "at on ") {
			t.Errorf("garbled: %q", line)
		}
		if !strings.Contains(line, "-£210k to -£190k") || !strings.Contains(line, "of leaving-care grant") {
			t.Errorf("%q lacks the grant's range or the leaving-care grant", line)
		}
	}
	if want := "at uasc-200's £200 a night and uasc-surge's £143"; !strings.Contains(lines[1], want) {
		t.Errorf("kent's line %q lacks %q", lines[1], want)
	}
}
