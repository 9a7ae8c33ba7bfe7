package plots

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestPaybackCell checks that a table of business cases side by side, as a region's board pack
// and the workspace's region page give them, qualifies its payback year as the single
// council's text does: "Pays back 2027/28" stood flat beside a net saving whose interval
// includes zero and a 30% chance it pays back, while the council's own pack said "no clear
// saving yet" and "only 47% of futures".
func TestPaybackCell(t *testing.T) {
	clear := testCase()
	if got := PaybackCell(clear); got != "2029/30" {
		t.Errorf("a clear payback most futures share reads %q, want the year alone", got)
	}
	unclear := testCase()
	unclear.Years[3].Cumulative.Lo = -16e3
	unclear.PPayback = 0.3
	want := "2029/30 on average, but no clear saving yet: its 90% confidence interval that year includes zero; only 30% of futures have paid back by then"
	if got := PaybackCell(unclear); got != want {
		t.Errorf("an unclear payback reads\n%q, want\n%q", got, want)
	}
	never := testCase()
	never.Payback = ""
	if got := PaybackCell(never); got != "not within the run" {
		t.Errorf("no payback reads %q", got)
	}
	r := &RegionCompareReport{Baseline: &model.Region{Name: "south-east"}, Scenarios: []*model.Region{{Name: "kent-pool"}}, Level: 0.9, Reps: 10, Seed: 7,
		Comparisons: []*RegionComparison{{Scenario: "kent-pool", Baseline: "south-east", Councils: []string{"oxfordshire", "region"}, Cases: []*sim.NetCase{unclear, clear}, Diffs: make([][]sim.Difference, 2)}}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	if page := html.UnescapeString(buf.String()); !strings.Contains(page, "<td>"+want+"</td>") {
		t.Errorf("the region's board pack does not say %q in its business case", want)
	}
}
