package main

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// TestCompareEmergencyDay checks that a comparison shows, right after the emergency placements
// begun, the children in an emergency placement on an average day (occupied_emergency), in
// every place its headlines appear: both tables on stdout, --json, the board pack and the
// workbook's Headlines; and that its figures are that KPI's, as comparison.csv holds them.
func TestCompareEmergencyDay(t *testing.T) {
	dir := t.TempDir()
	flags := []string{"--reps", "4", "--years", "3", "--set", "warmup_years=1"}
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, slices.Concat([]string{"compare", "default", "solo-placement-home"}, flags, []string{"--formats", "svg", "-q", "--out", out})...)
	label := plots.EmergencyDayLabel
	pair := regexp.MustCompile(`(?m)^Emergency placements made {2,}.*\n` + regexp.QuoteMeta(label) + ` {2,}\S`)
	if n := len(pair.FindAllString(o.stdout, -1)); n != 2 {
		t.Errorf("stdout has %d rows of %q right after the emergency placements, want 2 (the average effect and one future):\n%s", n, label, o.stdout)
	}

	// comparison.csv's occupied_emergency over the whole run, which --json's row must give.
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out, "comparison.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	kpi := sim.OccupiedKPI(sim.EmergencyKind)
	var wantDiff float64
	for _, r := range recs {
		if r[2] == sim.WholeRun && r[3] == kpi {
			wantDiff = parseF(t, r[6])
		}
	}
	o = mustRun(t, slices.Concat([]string{"compare", "default", "solo-placement-home"}, flags, []string{"--json", "--charts=false", "-q", "--out", filepath.Join(dir, "json")})...)
	var cj compareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	var order []string
	found := false
	for _, r := range cj.Comparisons[0].Rows {
		if len(order) == 0 || order[len(order)-1] != r.KPI {
			order = append(order, r.KPI)
		}
		if r.KPI == kpi && r.Period == sim.WholeRun {
			found = true
			if r.Label != label || r.Unit != "children" || r.All != "average" || r.DiffMean != wantDiff || r.ChanceBetter == nil {
				t.Errorf("--json's row of %s over the whole run %+v, want %q in children, the average, diff_mean %v as comparison.csv gives it, and a chance better", kpi, r, label, wantDiff)
			}
		}
	}
	if i := slices.Index(order, sim.EmergencyPlacements); !found || i < 0 || i+1 >= len(order) || order[i+1] != kpi {
		t.Errorf("--json's rows go %v, want %s right after %s", order, kpi, sim.EmergencyPlacements)
	}

	// The board pack's tables of the last year and the whole run.
	pack := html.UnescapeString(readFile(t, out, "report.html"))
	if n := strings.Count(pack, `<th scope="row" class="row label">`+label+`</th>`); n != 2 {
		t.Errorf("the board pack has %d rows of %q, want 2 (the last year and the whole run)", n, label)
	}
	rows := sheetRows(t, filepath.Join(out, "results.xlsx"), "Headlines")
	var labels []string
	for _, r := range rows {
		if len(r) > 1 && (labels == nil || labels[len(labels)-1] != r[1]) {
			labels = append(labels, r[1])
		}
	}
	if i := slices.Index(labels, plots.EmergencyMadeLabel); i < 0 || i+1 >= len(labels) || labels[i+1] != label {
		t.Errorf("the workbook's Headlines rows go %q, want %q right after the emergency placements", labels, label)
	}
}
