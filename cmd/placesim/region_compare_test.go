package main

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestCompareRegionsEmergencyDay checks that a comparison of regions shows, for each council
// and the region, right after the emergency placements begun a year, the children in an
// emergency placement on an average day: in the table on stdout, --json, the board pack and
// the workbook's Changes; with the figures comparison.csv gives that KPI over the whole run.
func TestCompareRegionsEmergencyDay(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": `name: test-dearer
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=2]}
`})
	base, alt := filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml")
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", base, alt, "--reps", "3", "--formats", "svg", "-q", "--out", out)
	if !regexp.MustCompile(`(?m)^\s+foster\s+residential\s+out of area\s+over 20 miles\s+emergencies\s+in emergency\s+spending$`).MatchString(o.stdout) {
		t.Errorf("the table's columns are not foster ... emergencies, in emergency, spending:\n%s", o.stdout)
	}
	if !strings.Contains(o.stdout, "children in foster, in residential\ncare and in an emergency placement (on an average day), the shares") {
		t.Errorf("the table's heading does not say what its in emergency column is:\n%s", o.stdout)
	}

	kpi := sim.OccupiedKPI(sim.EmergencyKind)
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out, "comparison.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	diff := map[string]float64{} // by council, the whole run's mean difference
	for _, r := range recs[1:] {
		if r[3] == sim.WholeRun && r[4] == kpi {
			diff[r[0]] = parseF(t, r[7])
		}
	}
	if len(diff) != 4 {
		t.Fatalf("comparison.csv has %s for %v, want three councils and the region", kpi, diff)
	}
	o = mustRun(t, "compare", base, alt, "--reps", "3", "--json", "--charts=false", "-q", "--out", filepath.Join(dir, "json"))
	var cj regionCompareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	label := "In an emergency placement (average day)"
	for _, c := range cj.Comparisons[0].Councils {
		i := slices.IndexFunc(c.Changes, func(ch regionChangeJSON) bool { return ch.KPI == kpi })
		if i < 1 || c.Changes[i-1].KPI != sim.EmergencyPlacements {
			t.Errorf("--json: %s's changes have no %s right after %s", c.Council, kpi, sim.EmergencyPlacements)
			continue
		}
		if ch := c.Changes[i]; ch.Label != label || ch.Diff == nil || *ch.Diff != diff[c.Council] {
			t.Errorf("--json: %s's %s %+v, want %q with the change %v comparison.csv gives", c.Council, kpi, ch, label, diff[c.Council])
		}
	}

	pack := html.UnescapeString(readFile(t, out, "report.html"))
	if !strings.Contains(pack, `<th class="num wrap">Emergency placements a year</th><th class="num wrap">`+label+`</th>`) {
		t.Errorf("the board pack's table has no column %q after the emergency placements", label)
	}
	rows := sheetRows(t, filepath.Join(out, "results.xlsx"), "Changes")
	councils := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) > 4 && r[3] == kpi && r[4] == label {
			councils[r[0]] = true
		}
	}
	if len(councils) != 4 {
		t.Errorf("the workbook's Changes have %q for %v, want three councils and the region", label, councils)
	}
}

// TestReadmeRegionCompareJSONShape checks that README.md's shape of compare --json for regions
// names every field the command prints, down to the rows (the shape of a scenario's
// comparison, given above it) and the UASC grant (whose fields the business case's section
// gives).
func TestReadmeRegionCompareJSONShape(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var shape string
	for line := range strings.Lines(string(text)) {
		if strings.HasPrefix(line, "| `compare --json REGION ALT...` |") {
			shape = line
		}
	}
	if shape == "" {
		t.Fatal("README.md has no row for compare --json REGION ALT...")
	}
	described := map[reflect.Type]bool{reflect.TypeFor[compareRowJSON](): true, reflect.TypeFor[uascGrantJSON](): true}
	var walk func(reflect.Type)
	walk = func(t2 reflect.Type) {
		for t2.Kind() == reflect.Pointer || t2.Kind() == reflect.Slice {
			t2 = t2.Elem()
		}
		if t2.Kind() != reflect.Struct || described[t2] {
			return
		}
		described[t2] = true // once: the region's business case holds its split's in its own shape
		for f := range t2.Fields() {
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && !strings.Contains(shape, `"`+name+`"`) {
				t.Errorf("README.md's shape of compare --json for regions leaves out %q (%s.%s)", name, t2.Name(), f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[regionCompareJSON]())
}

// TestRegionCompareOneRunJSON checks the business case that region compare --json gives from
// one paired run: no range of single runs and no chance (null), as the scenario --json and
// the printed table give none, where it had given run_lo = run_hi = the value and a chance of 0.
func TestRegionCompareOneRunJSON(t *testing.T) {
	o := mustRun(t, "compare", "south-east", "provider-exit", "--reps", "1", "--years", "2", "--json", "--charts=false", "--out", filepath.Join(t.TempDir(), "c"))
	var got struct {
		Comparisons []struct {
			Councils []struct {
				Council string                     `json:"council"`
				Case    map[string]json.RawMessage `json:"business_case"`
			} `json:"councils"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &got); err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, c := range got.Comparisons {
		for _, council := range c.Councils {
			if council.Case == nil {
				continue
			}
			cases++
			if s := string(council.Case["chance_pays_back"]); s != "null" {
				t.Errorf("%s: chance_pays_back %s from one pair, want null", council.Council, s)
			}
			for _, fig := range []string{"npv", "net_saving"} {
				var f map[string]json.RawMessage
				if err := json.Unmarshal(council.Case[fig], &f); err != nil {
					t.Fatalf("%s: %s: %v", council.Council, fig, err)
				}
				for _, k := range []string{"run_lo", "run_hi", "chance_above_0"} {
					if s := string(f[k]); s != "null" {
						t.Errorf("%s: %s.%s is %s from one pair, want null", council.Council, fig, k, s)
					}
				}
			}
		}
	}
	if cases == 0 {
		t.Fatalf("no business case in:\n%.2000s", o.stdout)
	}
}

// TestRegionCompareOneRunHeading checks that the printed table of a regional comparison of one
// paired run does not say, above its one-pair figures, that they come with the confidence
// interval of the mean, which one pair does not give (the line under the table says so).
func TestRegionCompareOneRunHeading(t *testing.T) {
	o := mustRun(t, "compare", "south-east", "provider-exit", "--reps", "1", "--years", "2", "--charts=false", "-q", "--out", filepath.Join(t.TempDir(), "c"))
	if strings.Contains(o.stdout, "confidence interval of the mean") {
		t.Errorf("the printed comparison speaks of a confidence interval of the mean from one pair:\n%s", o.stdout)
	}
	for _, want := range []string{"Change over the run in the one paired run, with no confidence interval: children in foster",
		"One paired run gives no interval: each figure is that run's."} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the printed comparison does not say %q:\n%s", want, o.stdout)
		}
	}
}

// TestCompareRegionsPriceNote checks that a comparison of regions says, under the table, for
// a council whose own inflation differs between the baseline and the strategy, that part of
// the difference in its spending is an assumption about prices.
func TestCompareRegionsPriceNote(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": `name: test-inflation
extends: test-region.yaml
councils:
  - {name: south-shire, set: [entries.per_year=45, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6, inflation_per_year=0.06]}
`})
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "2", "--charts=false", "-q", "--out", filepath.Join(dir, "cmp"))
	want := "south-shire: Prices differ from the baseline's: the strategy's inflation is 6% a year; the baseline's is 0% a year."
	if !strings.Contains(o.stdout, want) {
		t.Errorf("compare does not say south-shire's prices differ (%q):\n%s", want, o.stdout)
	}
	if strings.Contains(o.stdout, "north-shire: Prices differ") {
		t.Errorf("compare says north-shire's prices differ, which they do not:\n%s", o.stdout)
	}
}

// TestCompareRegionsNPVTerms checks that a region's comparison gives its net present value on
// a single council's terms: the printed comparison its payback and net present value with the
// discount rate and the prices' year, the pack the Green Book's wording and how the shared
// market prices a place, and the workbook's net present value rows named with their rate.
func TestCompareRegionsNPVTerms(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": `name: test-dearer
extends: test-region.yaml
councils:
  - {name: north-shire, set: [kinds.inhouse_foster.carers.households=2]}
`})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "3", "--formats", "svg", "-q", "--out", out)
	market := "up to 30% more as the market fills from 80% of its places to full"
	for _, want := range []string{"\nThe region's payback: ", "\nNet present value of the region over 2 years, in 2026/27 prices discounted at 3.5% a year (HM Treasury Green Book rate 3.5%): ",
		"\nIn one future the net present value of the region could be ", market} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the printed comparison does not say %q:\n%s", want, o.stdout)
		}
	}
	pack := html.UnescapeString(readFile(t, out, "report.html"))
	for _, want := range []string{"Net present value over 2 years, in 2026/27 prices, discounted at 3.5% a year (HM Treasury's Green Book rate is 3.5%).", market} {
		if !strings.Contains(pack, want) {
			t.Errorf("the pack does not say %q", want)
		}
	}
	rows := sheetRows(t, filepath.Join(out, "results.xlsx"), "Business case")
	npv := 0
	for _, r := range rows {
		if slices.Contains(r, "npv") {
			t.Errorf("a workbook row names the net present value by its code: %q", r)
		}
		if slices.Contains(r, "Net present value at 3.5% a year") {
			npv++
		}
	}
	if npv != 4 {
		t.Errorf("%d workbook rows named \"Net present value at 3.5%% a year\", want 4 (three councils and the region)", npv)
	}
}
