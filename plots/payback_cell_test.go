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
// saving yet" and "only 47% of futures". Nor does it state a flat year where some futures
// do not pay back within the run, or where the net saving over the run is no clear saving.
func TestPaybackCell(t *testing.T) {
	clear := testCase()
	clear.PPaysBack, clear.Years[4].PPaidBack = 1, 1
	if got := PaybackCell(clear); got != "2029/30" {
		t.Errorf("a clear payback every future shares by the end reads %q, want the year alone", got)
	}
	unclear := testCase()
	unclear.Years[3].Cumulative.Lo = -16e3
	unclear.PPayback = 0.3
	want := "2029/30 on average, but no clear saving yet: its 90% confidence interval that year includes zero; only 30% of futures have paid back by then; " +
		"19% of futures have not paid back by the end of 2030/31"
	if got := PaybackCell(unclear); got != want {
		t.Errorf("an unclear payback reads\n%q, want\n%q", got, want)
	}
	// A year the runs do not support beyond the payback year: some futures never pay back
	// within the run, or the net saving over the run is no clear saving. Each is said, in the
	// cell and in PaybackText alike, for a council and a region.
	for _, tt := range []struct {
		name       string
		edit       func(nc *sim.NetCase)
		cell, text string
	}{
		{"some futures never pay back", func(nc *sim.NetCase) {},
			"2029/30 on average, but 19% of futures have not paid back by the end of 2030/31",
			"; in 62% of futures it has paid back by the end of that year, and in 81% by the end of 2030/31."},
		{"no clear saving by the end", func(nc *sim.NetCase) { nc.PPaysBack, nc.Years[4].Cumulative.Lo = 1, -20e3 },
			"2029/30 on average, but no clear saving by the end of 2030/31: the 90% confidence interval of the net saving over the run includes zero",
			" The net saving over the run, +£1.0m, has a 90% confidence interval of -£20k to +£1.0m, which includes zero: the strategy may not pay back at all."},
	} {
		nc := testCase()
		tt.edit(nc)
		if got := PaybackCell(nc); got != tt.cell {
			t.Errorf("%s: the cell reads\n%q, want\n%q", tt.name, got, tt.cell)
		}
		if got := PaybackText(nc); !strings.HasSuffix(got, tt.text) {
			t.Errorf("%s: the text reads\n%q, want it to end\n%q", tt.name, got, tt.text)
		}
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
