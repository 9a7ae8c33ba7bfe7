package workspace

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// TestBoardPackHomeCosts checks that the workspace's board pack says what a home a lever
// opens costs in the words of placesim compare's pack: its running cost and the file's one-off
// cost (capital and set-up), not its running cost alone.
func TestBoardPackHomeCosts(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Parse(strings.NewReader("name: s2\nextends: default\ninterventions:\n"+
		"  - {action: open_home, label: Open Birch House (3 beds), from: 2026-04-01, kind: inhouse_home, count: 3, lead_time_days: 731 days,\n"+
		"     fixed_cost_per_year_gbp: 825000, local: true, name: Birch House, cost: {one_off_gbp: 1110000, one_off_on: 2027-04-01}}\n"), "s2.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(leverChanges(leversFor(base), base, alt, 0), "\n")
	want := "Open a children's home: 3 beds from 1 April 2028 (baseline 2 homes, 8 beds); " + plots.CostTerms(alt, alt.Interventions[len(alt.Interventions)-1])
	if got != want {
		t.Errorf("leverChanges:\n%s\nwant\n%s", got, want)
	}
	cli := strings.Join(plots.StrategyChanges(base, alt), "\n")
	for _, costs := range []string{"the home costs £825,000 a year to run", "a one-off cost of £1,110,000 in April 2027 (capital and set-up: buying or building the home and fitting it out, counted as cash when paid)"} {
		if !strings.Contains(cli, costs) || !strings.Contains(got, costs) {
			t.Errorf("%q: placesim compare's pack says it: %v; the workspace's: %v", costs, strings.Contains(cli, costs), strings.Contains(got, costs))
		}
	}
}

// TestCompareHomeOneOffCost checks that the Compare page's lever row says a home's one-off cost
// (capital and set-up) as the board pack says it (plots.CostTerms), after its boxes' running
// cost, and does not say the running cost twice.
func TestCompareHomeOneOffCost(t *testing.T) {
	base, _, dir := testServer(t)
	homeDecidedEarly(t, dir)
	_, page := get(t, base+"/compare?s=och&s=plain")
	want := "Beds 3, opens on 1 April 2028, running cost £901,500 a year; costs: a one-off cost of £1,213,000 in April 2027 (capital and set-up: buying or building the home and fitting it out, counted as cash when paid)"
	if !strings.Contains(page, want) {
		t.Errorf("the Compare page's lever row does not say the home's one-off cost (%q):\n%s", want, page)
	}
	if strings.Contains(page, "the home costs £901,500 a year to run") {
		t.Errorf("the Compare page's lever row says the home's running cost twice")
	}
}
