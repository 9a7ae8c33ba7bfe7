package sim

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// TestPaidBackIsPositive checks that business_case.csv's p_paid_back of each year's
// cumulative_net_saving row is its p_positive: the share of runs whose cumulative net saving is
// above zero at the end of that year, whatever it did before, so a run whose saving dips to
// zero or below after an early rise is not paid back while it is there, and is again once it
// rises above zero.
func TestPaidBackIsPositive(t *testing.T) {
	periods := []string{"2026/27", "2027/28", "2028/29", "2029/30"}
	flat := []float64{100, 100, 100, 100}
	none := []float64{0, 0, 0, 0}
	base := builtResults("base", 0, periods, [][]float64{flat, flat, flat, flat}, [][]float64{none, none, none, none})
	// Net savings 100 - total: run 0 rises, dips below zero, rises again (cumulative 10, -10,
	// 0, 20); run 1 pays back from the start (5, 10, 15, 20); run 2 never (-5, -10, -15, -20);
	// run 3 late (-10, -10, 0, 10).
	alt := builtResults("alt", 0, periods, [][]float64{{90, 120, 90, 80}, {95, 95, 95, 95}, {105, 105, 105, 105}, {110, 100, 90, 90}},
		[][]float64{none, none, none, none})
	nc, err := NetPosition(base, alt, 0.9, FlatDiscount(0))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteNetCase(&b, nc, true); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	want := map[string]string{"2026/27": "0.5", "2027/28": "0.25", "2028/29": "0.25", "2029/30": "0.75"}
	seen := 0
	for _, r := range recs[1:] {
		if r[col("figure")] != "cumulative_net_saving" {
			continue
		}
		seen++
		period, paid, positive := r[col("period")], r[col("p_paid_back")], r[col("p_positive")]
		if paid != positive || paid != want[period] {
			t.Errorf("%s: p_paid_back %s, p_positive %s, want both %s", period, paid, positive, want[period])
		}
	}
	if seen != len(periods) {
		t.Errorf("%d cumulative_net_saving rows, want %d", seen, len(periods))
	}
}
