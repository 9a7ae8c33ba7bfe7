package plots

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestWhoGainsWording pins the words the board pack, the workbook and the table on stdout use
// to say where the saving of a council that made no change of its own comes from, on
// figures chosen to be worked out by hand: over 100 weeks, 2 fewer of its children (of 10) in
// external children's homes, whose weekly price falls from £5,000 to £4,900, and 2 more (of
// 20) with agency foster carers at £1,000 a week. The volume is 4,900 × -2 × 100 + 1,000 × 2
// × 100 = -£780k, the price (4,900 - 5,000) × 10 × 100 = -£100k, and care leavers' -£10k is
// the rest of the -£890k. The council that acts comes after, for comparison; a council whose
// saving is not clear of 0 has no sentence.
func TestWhoGainsWording(t *testing.T) {
	all := func(kpi string, base, alt, lo, hi float64) sim.Difference {
		return sim.Difference{Period: sim.WholeRun, KPI: kpi, BaseMean: base, AltMean: alt, DiffMean: alt - base, DiffLo: lo, DiffHi: hi, N: 10}
	}
	bystander := []sim.Difference{
		all(sim.CostTotal, 7_100_000, 6_210_000, -1_100_000, -680_000),
		all(sim.CostOf("ifa"), 2_000_000, 2_200_000, 150_000, 250_000),
		all(sim.CostOf("external_residential"), 5_000_000, 3_920_000, -1_300_000, -860_000),
		all(sim.CostCareLeavers, 100_000, 90_000, -15_000, -5_000),
		all(sim.OccupiedKPI("ifa"), 20, 22, 1.6, 2.4),
		all(sim.OccupiedKPI("external_residential"), 10, 8, -2.5, -1.5),
		all(sim.EmergencyPlacements, 3, 2.5, -1.2, 0.2), // not clear of 0: not said
		all(sim.PlacementsOver10k, 40, 27.5, -15, -10),
	}
	doer := []sim.Difference{
		all(sim.CostTotal, 7_000_000, 6_500_000, -700_000, -300_000),
		all(sim.CostOf("inhouse_foster"), 1_000_000, 1_500_000, 400_000, 600_000),
		all(sim.CostOf("ifa"), 2_000_000, 1_000_000, -1_100_000, -900_000),
		all(sim.OccupiedKPI("inhouse_foster"), 20, 30, 9, 11),
		all(sim.OccupiedKPI("ifa"), 20, 10, -11, -9),
	}
	quiet := []sim.Difference{all(sim.CostTotal, 1_000_000, 990_000, -30_000, 10_000)}
	saving := func(mean, lo, hi float64) *sim.NetCase {
		return &sim.NetCase{Years: []sim.NetYear{{Cumulative: sim.CaseFigure{Mean: mean, Lo: lo, Hi: hi, N: 10}}}}
	}
	rc := &RegionComparison{Scenario: "doer-acts", Baseline: "region",
		Councils:   []string{"doer", "bystander", "quiet", sim.RegionTotal},
		Diffs:      [][]sim.Difference{doer, bystander, quiet, nil},
		Cases:      []*sim.NetCase{saving(500_000, 300_000, 700_000), saving(890_000, 680_000, 1_100_000), saving(10_000, -10_000, 30_000), saving(1.4e6, 1e6, 1.8e6)},
		OwnChanges: map[string]bool{"doer": true},
	}
	for _, d := range rc.Diffs {
		rc.Parts = append(rc.Parts, sim.SpendingParts(d, sim.WholeRun, func(string) float64 { return 100 }))
	}
	got := rc.WhoGainsLines(0.9)
	want := []string{
		"bystander made no change of its own (the strategy changes doer); it saves £890k over the run (net saving, 90% interval +£680k to +£1.1m). " +
			"Its spending changes by -£890k (-£1.1m to -£680k), through the shared market: -£780k as its children were placed otherwise " +
			"(on an average day 2.0 fewer (-2.5 to -1.5) in external children's homes, at £4,900 a week and 2.0 more (+1.6 to +2.4) with agency foster carers, at £1,000 a week), " +
			"-£100k as each place cost otherwise (-£100k in external children's homes) and -£10k in costs not tied to a child placed. " +
			"Over the run it made 12.5 fewer placements costing over £10,000 a week (-15.0 to -10.0).",
		"doer made changes of its own; it saves £500k over the run (net saving, 90% interval +£300k to +£700k). " +
			"Its spending changes by -£500k (-£700k to -£300k), through its own changes and the shared market together: -£500k as its children were placed otherwise " +
			"(on an average day 10.0 fewer (-11.0 to -9.0) with agency foster carers, at £1,000 a week and 10.0 more (+9.0 to +11.0) with in-house foster carers, at £500 a week), " +
			"£0 as each place cost otherwise and £0 in costs not tied to a child placed.",
	}
	if len(got) != len(want) {
		t.Fatalf("WhoGainsLines gave %d lines, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\ngot  %s\nwant %s", i, got[i], want[i])
		}
	}
	// The parts add up to the change, as the sentence's figures do.
	p := rc.Parts[1][len(rc.Parts[1])-1]
	if math.Abs(p.PriceEffect - -100_000) > 1e-6 || math.Abs(p.VolumeEffect - -780_000) > 1e-6 || math.Abs(p.Other - -10_000) > 1e-6 || math.Abs(p.Residual) > 1e-6 {
		t.Errorf("bystander's total part %+v, want price -100,000, volume -780,000, other -10,000 and no residual", p)
	}
	// Where the strategy also changes one of the region's own that costs money (a pooled
	// block, a region intervention's costs), every council carries its share of it: the
	// bystander's change does not come through the shared market alone.
	rc.RegionCosts = true
	got = rc.WhoGainsLines(0.9)
	for i, how := range []string{
		"), through the shared market and its share of the region's own changes: -£780k as",
		"), through its own changes, its share of the region's own changes and the shared market together: -£500k as",
	} {
		if i >= len(got) || !strings.Contains(got[i], how) {
			t.Errorf("with the region's own changes costing money, line %d does not say %q:\n%s", i, how, strings.Join(got, "\n"))
		}
	}
	// The business cases' table says a council that made no change made none, not a payback
	// year: "2026/27 on average, but no clear saving yet" reads as a return on a change.
	if got := rc.PaybackCellOf(2); got == NoChangePayback {
		t.Errorf("with the region's own changes costing money, quiet's payback reads %q, want its own business case's", got)
	}
	rc.RegionCosts = false
	if got := rc.PaybackCellOf(2); got != "made no change of its own: nothing to pay back (its figures move with the shared market)" {
		t.Errorf("quiet made no change, yet its payback reads %q", got)
	}
	if got := rc.PaybackCellOf(0); got == NoChangePayback {
		t.Errorf("doer made changes, yet its payback reads %q", got)
	}
	// Where every council acts, or none that does not gains clearly, there is no sentence.
	rc.OwnChanges["bystander"] = true
	rc.OwnChanges["quiet"] = true
	if got := rc.WhoGainsLines(0.9); got != nil {
		t.Errorf("every council acts, yet WhoGainsLines says:\n%s", strings.Join(got, "\n"))
	}
}
