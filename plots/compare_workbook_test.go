package plots

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestCompareWorkbookPartYears opens the workbook of a comparison whose run starts on 1 July:
// its All KPIs sheet names the first and the last, part, years where they begin and end, as
// its Headlines sheet does, and leaves the whole years and the whole run as they are.
func TestCompareWorkbookPartYears(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	base := testScenario()
	base.Start, base.Years = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), 4
	alt := testScenario()
	alt.Name, alt.Start, alt.Years = "recruit-12", base.Start, base.Years
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String()}
	f := openCompareWorkbook(t, &r)
	years := []string{"2026/27 (from 1 July)", "2027/28", "2028/29", "2029/30", "2030/31 (to 30 June)"}
	for _, tc := range []struct{ sheet, whole string }{{"Headlines", "4 years"}, {"All KPIs", "all"}} {
		sheet, want := tc.sheet, append(slices.Clone(years), tc.whole)
		sheetRows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(sheetRows[0], "Period")
		if j < 0 {
			t.Fatalf("%s: no Period column in %q", sheet, sheetRows[0])
		}
		var got []string
		for _, row := range sheetRows[1:] {
			if p := row[j]; !slices.Contains(got, p) {
				got = append(got, p)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: periods %q, want %q", sheet, got, want)
		}
	}
}
