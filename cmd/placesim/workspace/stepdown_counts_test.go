package workspace

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestStepDownLeverBreakdowns checks that the step-down lever writes the first-year breakdown
// rate of the placements its programme makes, the library's 0.57 unless changed, says it in
// its help and effect line, and that a file's step-down programme without one shows 0, the
// scenario's own, and is left so.
func TestStepDownLeverBreakdowns(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	var sd *lever
	for _, l := range leversFor(base) {
		if l.ID == "stepdown" {
			sd = l
		}
	}
	if !strings.Contains(sd.Help, "break down") {
		t.Errorf("the step-down lever's help says nothing of breakdowns: %q", sd.Help)
	}
	for _, tc := range []struct {
		name, file string
		values     map[string]string
		want, not  string
	}{
		{"new", "name: p\nextends: default\n", map[string]string{"stepdown": "16"}, "first_year_breakdown_per_year: 0.57", ""},
		{"typed", "name: p\nextends: default\n", map[string]string{"stepdown": "16", "stepdown_breakdown": "0.3"}, "first_year_breakdown_per_year: 0.3", ""},
		{"none", "name: p\nextends: default\n", map[string]string{"stepdown": "16", "stepdown_breakdown": "0"}, "factor: 2", "first_year_breakdown_per_year"},
		{"the file's without", "name: p\nextends: default\ninterventions:\n  - action: stepdown_rate\n    from: 2026-04-01\n    factor: 2\n",
			map[string]string{"stepdown": "16", "stepdown_breakdown": "0"}, "factor: 2", "first_year_breakdown_per_year"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := scenarios.ParseDocument(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if bad := applyLevers(f, leversFor(base), base, leverState{Values: tc.values}); len(bad) > 0 {
				t.Fatalf("%v refused: %v", tc.values, bad)
			}
			if !strings.Contains(f.Text(), tc.want) || (tc.not != "" && strings.Contains(f.Text(), tc.not)) {
				t.Errorf("the file, want %q and not %q:\n%s", tc.want, tc.not, f.Text())
			}
		})
	}
	if got, want := breakdownWords("0.57", 0), "its placements breaking down at 0.57 a year in their first year"; got != want {
		t.Errorf("the effect line says %q, want %q", got, want)
	}
}

// TestCompareStepDowns checks that the Compare page gives the children stepped down to a
// family, the baseline's and the scenario's, where a scenario changes step-down, as its board
// pack does: the count a step-down programme's cost is paid on; by year too
// where the first scenario set beside the baseline does not change step-down.
func TestCompareStepDowns(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"short.yaml": "name: short\nextends: default\nyears: 2\n",
		"more.yaml":  "name: more\nextends: short.yaml\ninflation_per_year: 0.04\n",
		"sd.yaml":    "name: sd\nextends: short.yaml\ninterventions:\n  - {action: stepdown_rate, from: 2026-04-01, factor: 2, first_year_breakdown_per_year: 0.57, cost: {per_unit_gbp: 56166}}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New(Config{Dir: dir, QuickReps: 2, FullReps: 2, Seed: 1, Addr: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// The first scenario leaves step-down as it is: the rows are the second's too.
	page, err := serveGet(srv, "/compare?s=more&s=sd&job=j")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`<tr><th scope="row">(Children stepped down to a family, [^<]*)</th>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[1])
	}
	if want := []string{"Children stepped down to a family, over the 2 years", "Children stepped down to a family, 2027/28", "Children stepped down to a family, 2026/27"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the Compare page's step-down rows are %q, want %q", got, want)
	}
}
