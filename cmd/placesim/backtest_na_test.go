package main

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios/ssda903"
)

// TestBacktestMAPENA checks that the printed table says why a group's MAPE is n/a: the
// return's count was 0 in every month shown, or no month's count is shown.
func TestBacktestMAPENA(t *testing.T) {
	cmp := &ssda903.Comparison{Summary: []ssda903.SummaryRow{
		{Group: "children_in_care", Horizon: "all", Months: 24, MAPEMonths: 24, MAPE: 4.9, Coverage50: 0.5, Coverage90: 0.9},
		{Group: "inhouse_home", Horizon: "all", Months: 24, MAPE: math.NaN(), Coverage50: 1, Coverage90: 1},
	}}
	var b strings.Builder
	if err := printBacktest(&b, cmp, 20); err != nil {
		t.Fatal(err)
	}
	want := "MAPE n/a: the return's count of the group was 0 in every month shown, and a percentage error of 0 is undefined."
	if !strings.Contains(b.String(), want) {
		t.Errorf("the table says no reason for its n/a:\n%s", b.String())
	}
	if strings.Contains(b.String(), "0 months, n/a") {
		t.Errorf("the table explains a 0 months it does not show:\n%s", b.String())
	}
	cmp.Summary[1].Months = 0
	b.Reset()
	if err := printBacktest(&b, cmp, 20); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0 months, n/a: no month's count of the group is shown") {
		t.Errorf("the table says no reason for a group with no month shown:\n%s", b.String())
	}
	// A table with every MAPE shown has no footnote.
	cmp.Summary = cmp.Summary[:1]
	b.Reset()
	if err := printBacktest(&b, cmp, 20); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "n/a") {
		t.Errorf("a footnote under a table with no n/a:\n%s", b.String())
	}
}
