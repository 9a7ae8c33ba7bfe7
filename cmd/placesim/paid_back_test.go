package main

import (
	"encoding/csv"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// TestPaidBackIsChanceAboveZero checks what business_case.csv and the workbook say of the
// chance of having paid back: p_paid_back is written on the cumulative rows alone, and there
// it is the row's p_positive, by definition (a future has paid back by a year's end when its
// cumulative net saving is above zero then); the workbook's How to read says the two columns
// are the same there.
func TestPaidBackIsChanceAboveZero(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	mustRun(t, "compare", "default", "early-help", "--reps", "3", "--years", "2", "--set", "warmup_years=1", "--formats", "svg", "--out", out)
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out, "business_case.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	fig, pos, paid := slices.Index(head, "figure"), slices.Index(head, "p_positive"), slices.Index(head, "p_paid_back")
	var cumulative int
	for _, r := range recs[1:] {
		if strings.HasPrefix(r[fig], "cumulative_net_saving") {
			cumulative++
			if r[paid] != r[pos] {
				t.Errorf("%v: p_paid_back %s, want the row's p_positive %s", r, r[paid], r[pos])
			}
		} else if r[paid] != "NA" {
			t.Errorf("%v: p_paid_back %s on a row that is not cumulative, want NA", r, r[paid])
		}
	}
	if cumulative == 0 {
		t.Fatal("business_case.csv has no cumulative_net_saving rows")
	}
	var says string
	for _, r := range sheetRows(t, filepath.Join(out, "results.xlsx"), "How to read") {
		if len(r) > 1 && r[0] == "Chance paid back" {
			says = r[1]
		}
	}
	if says != plots.ChancePaidBackKey {
		t.Errorf("the workbook's How to read says of Chance paid back %q, want %q", says, plots.ChancePaidBackKey)
	}
}
