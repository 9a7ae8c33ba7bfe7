package main

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// testRegionRef is the region the tests run: three small councils.
const testRegionRef = "test-region"

// testCouncils are its councils, in order.
var testCouncils = []string{"north-shire", "south-shire", "east-shire"}

// readRows reads the CSV file name of dir.
func readRows(t *testing.T, dir, name string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(readFile(t, dir, name))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// TestRunRegion runs a region and reads what a user gets: the region's CSV files, whose
// council column holds each council and then "region"; a folder for each council with the
// files of a council's own run; the region's report, workbook, charts and manifest.
func TestRunRegion(t *testing.T) {
	out := filepath.Join(t.TempDir(), "region")
	o := mustRun(t, "run", testRegionRef, "--reps", "3", "--seed", "4", "--formats", "svg", "--out", out)
	if !strings.Contains(o.stderr, "region test-region (3 councils), 3 replications (seed 4)") {
		t.Errorf("run said %q", o.stderr)
	}
	for _, f := range []string{"summary.csv", "kpis.csv", "timeseries.csv"} {
		rows := readRows(t, out, f)
		if rows[0][0] != "council" || rows[0][1] != "scenario" {
			t.Errorf("%s: header %v, want council, scenario first", f, rows[0])
		}
		var order []string
		for _, r := range rows[1:] {
			if len(order) == 0 || order[len(order)-1] != r[0] {
				order = append(order, r[0])
			}
		}
		if want := append(slices.Clone(testCouncils), sim.RegionTotal); !slices.Equal(order, want) {
			t.Errorf("%s: council column runs %v, want %v", f, order, want)
		}
	}
	for _, f := range []string{"region.json", "report.html", "results.xlsx", "manifest.json", "charts/councils.svg", "charts/cost-by-year.svg", "charts/chart-data.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	for _, c := range testCouncils {
		for _, f := range []string{"summary.csv", "kpis.csv", "timeseries.csv", "scenario.yaml", "report.html", "results.xlsx", "charts/cost-by-year.svg"} {
			if _, err := os.Stat(filepath.Join(out, c, f)); err != nil {
				t.Error(err)
			}
		}
	}
	report := readFile(t, out, "report.html")
	for _, c := range testCouncils {
		if !strings.Contains(report, "<td>"+c+"</td>") || !strings.Contains(report, `href="`+c+`/report.html"`) {
			t.Errorf("the report lacks %s's row or its link", c)
		}
	}
	// A council's summary.csv is the region's rows of that council, without the column.
	region := readFile(t, out, "summary.csv")
	own := strings.SplitAfter(readFile(t, filepath.Join(out, "south-shire"), "summary.csv"), "\n")
	for _, l := range own[1:] {
		if l != "" && !strings.Contains(region, "\nsouth-shire,"+l) {
			t.Fatalf("the region's summary.csv lacks south-shire's row %q", l)
		}
	}
}

// TestRegionTotalIsTheSum checks kpis.csv: for every replication, period and count, the region's
// value is the sum of the councils'.
func TestRegionTotalIsTheSum(t *testing.T) {
	out := filepath.Join(t.TempDir(), "region")
	mustRun(t, "run", testRegionRef, "--reps", "3", "--charts=false", "--out", out, "-q")
	rows := readRows(t, out, "kpis.csv")
	sums, totals := map[string]float64{}, map[string]float64{}
	for _, r := range rows[1:] {
		kpi := r[4]
		if strings.HasSuffix(kpi, "_share") || !isCount(kpi) {
			continue
		}
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			continue // NA
		}
		key := r[2] + "," + r[3] + "," + kpi
		if r[0] == sim.RegionTotal {
			totals[key] = v
		} else {
			sums[key] += v
		}
	}
	if len(totals) == 0 {
		t.Fatal("no region rows")
	}
	for key, total := range totals {
		if s := sums[key]; math.Abs(s-total) > 1e-9*math.Max(1, math.Abs(total)) {
			t.Errorf("%s: region %v, councils' sum %v", key, total, s)
		}
	}
}

// isCount reports whether kpi is a count or money that adds up over councils.
func isCount(kpi string) bool {
	info, ok := sim.KPIInfo(kpi)
	return ok && info.Aggregate != sim.RatioOfTotals
}
