package main

import (
	"encoding/csv"
	"html"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// TestCompareRegionsTotalRow checks that a comparison of regions says, where a finance
// director reads its tables, that the region's row is the total of its councils' rows, and
// that it is: under the printed table and the pack's tables of changes and of business
// cases, and in the workbook's How to read; and in business_case.csv the region's net saving
// and net present value over the run are its councils' added up, to within floating-point
// rounding.
func TestCompareRegionsTotalRow(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML,
		"one.yaml": `name: one-acts
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=14]}
`})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "one.yaml"), "--reps", "3", "--formats", "svg", "--out", out)
	changes, cases := plots.RegionChangesTotalKey(false), plots.RegionCaseTotalKey(false)
	if !strings.Contains(o.stdout, "\n"+changes+"\n") {
		t.Errorf("the printed table does not say its region row is the councils' total (%q):\n%s", changes, o.stdout)
	}
	pack := html.UnescapeString(readFile(t, out, "report.html"))
	for _, want := range []string{"Shares change in percentage points. " + changes, "confidence interval of the mean. " + cases} {
		if !strings.Contains(pack, want) {
			t.Errorf("the board pack does not say %q", want)
		}
	}
	var council, paidBack string
	for _, r := range sheetRows(t, filepath.Join(out, "results.xlsx"), "How to read") {
		if len(r) > 1 && r[0] == "Council" {
			council = r[1]
		}
		if len(r) > 1 && r[0] == "Chance paid back" {
			paidBack = r[1]
		}
	}
	if paidBack != plots.ChancePaidBackKey {
		t.Errorf("the workbook's How to read says of Chance paid back %q, want %q", paidBack, plots.ChancePaidBackKey)
	}
	if want := "for the region as a whole: the total of its councils, each paired run's figures added up"; !strings.Contains(council, want) {
		t.Errorf("the workbook's How to read says of Council %q, want it to hold %q", council, want)
	}
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out, "business_case.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sum, region := map[string]float64{}, map[string]float64{}
	for _, r := range recs[1:] {
		if r[3] != "all" || (r[4] != "net_saving" && r[4] != "npv") {
			continue
		}
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		if r[0] == "region" {
			region[r[4]] = v
		} else {
			sum[r[4]] += v
		}
	}
	for _, fig := range []string{"net_saving", "npv"} {
		// 5p: the region's net saving is the difference of its councils' spending added up,
		// theirs the differences added up; the two differ by floating-point rounding alone,
		// far under a penny on sums of millions.
		if _, ok := region[fig]; !ok || math.Abs(region[fig]-sum[fig]) > 0.05 {
			t.Errorf("%s over the run: the region's is %v, its councils' added up %v", fig, region[fig], sum[fig])
		}
	}
}
