package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// myRegion is a region as a user writes one, with a council of its own scenario file.
const myRegion = `name: my-region
start: 2026-04-01
years: 2
zones:
  - {name: west, miles: {west: 10, east: 35}}
  - {name: east, miles: {east: 12}}
councils:
  - {name: westshire, zone: west, scenario: erlang}
  - {name: eastshire, zone: east, scenario: sub/eastshire.yaml}
markets:
  - kind: ifa
    pricing: {threshold: 0.85, premium_at_full: 0.15}
    providers:
      - {name: agencies-west, zone: west, places: 15}
      - {name: agencies-east, zone: east, places: 20}
`

// inMyRegion writes my-region.yaml, sub/eastshire.yaml and files (which may change them)
// into a new folder and makes it the working folder, so that problems name the files as a
// user gives them.
func inMyRegion(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"my-region.yaml":     myRegion,
		"sub/eastshire.yaml": "name: eastshire\nextends: erlang\nentries:\n  per_year: 30\n",
	}
	for name, text := range files {
		all[name] = text
	}
	for name, text := range all {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

// withCouncil returns myRegion with the line of council name replaced by line.
func withCouncil(t *testing.T, name, line string) string {
	t.Helper()
	i := strings.Index(myRegion, "  - {name: "+name+",")
	if i < 0 {
		t.Fatalf("no council %s", name)
	}
	j := i + strings.Index(myRegion[i:], "\n")
	return myRegion[:i] + line + myRegion[j:]
}

// checkProblems loads ref as IsRegion says it is, as run does, and requires exactly the
// problems want, one a line.
func checkProblems(t *testing.T, ref string, sets []string, want string) {
	t.Helper()
	var err error
	if IsRegion(ref) {
		_, err = LoadRegion(ref, sets)
	} else {
		_, err = Load(ref, sets)
	}
	if err == nil {
		t.Fatalf("%s loaded, want\n%s", ref, want)
	}
	if got := err.Error(); got != want {
		t.Errorf("%s: got\n%s\nwant\n%s", ref, got, want)
	}
}

const (
	listedScenarios = "allowance-uplift, block-contract-3-beds, carer-retirement-wave, default, early-help, erlang, level-6-specialist-carers, nts-threshold-0.07, open-childrens-home, recruit-12-net-carers, recruit-and-retain-12-net-carers, retain-12-net-carers, solo-placement-home, step-down-programme, uasc-surge"
	listedRegions   = "england, new-provider-cheap-property, one-council-recruits, provider-exit, regional-care-cooperative, south-east"
)

// TestScenarioAndRegionMixedUp gives a scenario where a region goes and a region where a
// scenario goes, and names misspelt: each is told as such, once, at its place.
func TestScenarioAndRegionMixedUp(t *testing.T) {
	defaultYAML, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	inMyRegion(t, map[string]string{
		"scenarios/default.yaml": string(defaultYAML),
		"ext-default.yaml":       "name: ext6\nextends: default\ncouncils:\n  - {name: westshire}\n",
		"ext-file.yaml":          "name: ext7\nextends: scenarios/default.yaml\ncouncils:\n  - {name: westshire, zone: west}\n",
		"ext2.yaml":              "name: ext2\nextends: my-region.yaml\ncouncils:\n  - {name: westshire, set: [entries.per_year=20]}\n",
		"council-region.yaml":    withCouncil(t, "eastshire", "  - {name: eastshire, zone: east, scenario: south-east}"),
		"council-file.yaml":      withCouncil(t, "eastshire", "  - {name: eastshire, zone: east, scenario: ext2.yaml}"),
		"councls.yaml":           strings.Replace(myRegion, "councils:", "councls:", 1),
	})
	for _, tc := range []struct{ ref, want string }{
		{"ext-default.yaml", `ext-default.yaml:2:10: extends: "default" is a built-in scenario, not a region: a region file extends a region file or a built-in region (built-in regions: ` + listedRegions + `); a council's scenario names a scenario`},
		{"ext-file.yaml", `ext-file.yaml:2:10: extends: scenarios/default.yaml is a scenario file, not a region file: a region file extends a region file or a built-in region (built-in regions: ` + listedRegions + `); a council's scenario names a scenario`},
		{"council-region.yaml", `council-region.yaml:9:45: councils.eastshire.scenario: south-east is a built-in region, not a scenario: name a scenario file or a built-in scenario (built-ins: ` + listedScenarios + `)`},
		{"council-file.yaml", `council-file.yaml:9:45: councils.eastshire.scenario: ext2.yaml is a region file, not a scenario: name a scenario file or a built-in scenario (built-ins: ` + listedScenarios + `)`},
		{"councls.yaml", `councls.yaml:7:1: councls: unknown key "councls" (did you mean councils?): a region file lists its councils under councils`},
		{"south-eats", `south-eats: no such file and no built-in scenario of that name (did you mean south-east, a built-in region?) (built-ins: ` + listedScenarios + `; built-in regions: ` + listedRegions + `)`},
		{"defualt", `defualt: no such file and no built-in scenario of that name (did you mean default?) (built-ins: ` + listedScenarios + `; built-in regions: ` + listedRegions + `)`},
		// A built-in typed as a file that is not here: the name without .yaml is offered.
		{"uasc-surge.yaml", `uasc-surge.yaml: no such file and no built-in scenario of that name (did you mean uasc-surge?) (built-ins: ` + listedScenarios + `; built-in regions: ` + listedRegions + `)`},
		// So it is in a path to a folder, the file not there either.
		{"./uasc-surge.yaml", `./uasc-surge.yaml: no such file and no built-in scenario of that name (did you mean uasc-surge?) (built-ins: ` + listedScenarios + `; built-in regions: ` + listedRegions + `)`},
		{"south-east.yml", `south-east.yml: no such file and no built-in scenario of that name (did you mean south-east, a built-in region?) (built-ins: ` + listedScenarios + `; built-in regions: ` + listedRegions + `)`},
	} {
		t.Run(tc.ref, func(t *testing.T) { checkProblems(t, tc.ref, nil, tc.want) })
	}
}

// TestCouncilFolderNames gives councils names whose folders in a run would be none, the
// region's charts folder or one folder for two councils (letter case apart, as on Windows and
// macOS): each is refused at its place in the file, as run would refuse it.
func TestCouncilFolderNames(t *testing.T) {
	named := func(first, second string) string {
		t.Helper()
		r := withCouncil(t, "westshire", "  - {name: "+first+", zone: west, scenario: erlang}")
		return strings.Replace(r, "{name: eastshire,", "{name: "+second+",", 1)
	}
	inMyRegion(t, map[string]string{
		"charts.yaml": named(`"charts"`, "eastshire"),
		"Charts.yaml": named("westshire", "Charts"),
		"dots.yaml":   named(`".."`, "eastshire"),
		"coll.yaml":   named(`"West Shire"`, "West-Shire"),
		"case.yaml":   named(`"West Shire"`, "west-shire"),
		"shard.yaml":  named("westshire", "Shard.JSON"),
		"bin.yaml":    named(`"replications.bin"`, "eastshire"),
	})
	for _, tc := range []struct{ ref, want string }{
		{"charts.yaml", `charts.yaml:8:12: councils[0].name: "charts" would write into the region's charts folder in a run: call the council something else`},
		{"Charts.yaml", `Charts.yaml:9:12: councils[1].name: "Charts" would write into the region's charts folder in a run: call the council something else`},
		{"dots.yaml", `dots.yaml:8:12: councils[0].name: ".." cannot name the council's folder in a run: give it a name with letters or digits`},
		{"coll.yaml", `coll.yaml:9:12: councils[1].name: "West-Shire" would write into council "West Shire"'s folder in a run, West-Shire: give them names apart`},
		{"case.yaml", `case.yaml:9:12: councils[1].name: "west-shire" would write into council "West Shire"'s folder in a run where letter case does not tell folders apart (Windows, macOS), West-Shire and west-shire: give them names apart`},
		{"shard.yaml", `shard.yaml:9:12: councils[1].name: "Shard.JSON" would write over the region's shard.json in a run: call the council something else`},
		{"bin.yaml", `bin.yaml:8:12: councils[0].name: "replications.bin" would write over the region's replications.bin in a run: call the council something else`},
	} {
		t.Run(tc.ref, func(t *testing.T) { checkProblems(t, tc.ref, nil, tc.want) })
	}
}

// TestReadmeListsRegionRunEntries requires the README's row of a council's name to list the
// files a region's run, shard and merge write beside the councils' folders, the names
// RegionRunEntry refuses.
func TestReadmeListsRegionRunEntries(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	const lead = "beside the councils' folders ("
	_, row, ok := strings.Cut(string(b), "\n| `name` | | required | identifies the council in outputs")
	row, _, _ = strings.Cut(row, "\n")
	_, list, ok2 := strings.Cut(row, lead)
	list, _, ok3 := strings.Cut(list, ")")
	if !ok || !ok2 || !ok3 {
		t.Fatalf("README.md: no row of a council's name listing the files %q", lead)
	}
	var want []string
	for _, e := range regionRunEntries {
		if e != "charts" { // the row names the charts folder on its own
			want = append(want, "`"+e+"`")
		}
	}
	if got := strings.Split(list, ", "); !slices.Equal(got, want) {
		t.Errorf("README.md lists the region's files\n%s\nwant\n%s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
}

// TestCouncilInterventionProblemOnce gives a council's intervention a key that is no
// intervention's: it is reported once, at its path in the region file, not again as part of
// the council's scenario.
func TestCouncilInterventionProblemOnce(t *testing.T) {
	inMyRegion(t, map[string]string{
		"colour.yaml": "name: colour\nextends: my-region.yaml\ncouncils:\n  - name: westshire\n    interventions:\n      - {action: extra_approvals, from: 2027-04-01, kind: inhouse_foster, per_year: 5, colour: red}\n",
	})
	checkProblems(t, "colour.yaml", nil, `colour.yaml:6:88: councils.westshire.interventions[0].colour: unknown key "colour" (allowed: action, label, baseline, from, to, kind, per_year, count, factor, retention_factor, weekly_gbp, fixed_cost_per_year_gbp, recruitment_cost_gbp, lead_time_days, local, name, rate, first_year_breakdown_per_year, who, cost)`)
}

// TestZoneNamedTwice gives a zone an earlier zone's name: that is the one problem reported,
// not distances that no file could give to or within the second zone of the name.
func TestZoneNamedTwice(t *testing.T) {
	inMyRegion(t, map[string]string{
		"twice.yaml": strings.Replace(myRegion, "  - {name: east, miles: {east: 12}}\n", "  - {name: east, miles: {east: 12}}\n  - {name: west, miles: {west: 3}}\n", 1),
	})
	checkProblems(t, "twice.yaml", nil, `twice.yaml:7:12: zones[2].name: "west" is given twice`)
}

// TestSetOwnPlacementByKind reaches an item of own_placements by its kind, as extends merges
// them, and lists the kinds when the one given is none of them.
func TestSetOwnPlacementByKind(t *testing.T) {
	inMyRegion(t, map[string]string{
		"own.yaml": myRegion + "own_placements:\n  - {kind: inhouse_foster, outside_within_20_miles: 0.1, outside_over_20_miles: 0.8}\n",
	})
	reg, err := LoadRegion("own.yaml", []string{"own_placements.inhouse_foster.outside_within_20_miles=0.15"})
	if err != nil {
		t.Fatal(err)
	}
	if got := reg.OwnPlacements[0].OutsideNearShare; got != 0.15 {
		t.Errorf("outside_within_20_miles = %v, want 0.15", got)
	}
	checkProblems(t, "own.yaml", []string{"own_placements.inhouse_fostr.outside_within_20_miles=0.15"},
		`--set own_placements.inhouse_fostr.outside_within_20_miles=0.15: own_placements has no item named "inhouse_fostr" (did you mean inhouse_foster?)`)
	checkProblems(t, "own.yaml", []string{"own_placements.fostering.outside_within_20_miles=0.15"},
		`--set own_placements.fostering.outside_within_20_miles=0.15: own_placements has no item named "fostering" (want one of inhouse_foster)`)
}

// TestRegionFromPipeSaysWhereItLooked reads a region from a pipe, /dev/fd/63 as the shell
// names it: a council's scenario by a relative path is looked for in the pipe's folder, and
// the problem says so.
func TestRegionFromPipeSaysWhereItLooked(t *testing.T) {
	_, err := ParseRegion(strings.NewReader(myRegion), "/dev/fd/63", nil)
	want := `/dev/fd/63:9:45: councils.eastshire.scenario: no file "sub/eastshire.yaml" and no built-in scenario of that name (built-ins: ` + listedScenarios + `); looked for /dev/fd/sub/eastshire.yaml, as a relative path is from the folder of the file that names it`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestStrayKeyNearCouncilsInScenario gives a scenario file, one that extends a scenario, a
// key near councils: it stays a scenario, and the key is its unknown key, whether the file is
// checked on its own or is a council's scenario; in a file that extends a region the key is
// still taken for a misspelt councils.
func TestStrayKeyNearCouncilsInScenario(t *testing.T) {
	inMyRegion(t, map[string]string{
		"council.yaml":    "extends: erlang\ncouncil: West Sussex\nyears: 1\n",
		"counties.yaml":   "extends: erlang\ncounties: [a]\n",
		"x-councils.yaml": "extends: erlang\nx-councils: [a]\n",
		"Councils.yaml":   "extends: erlang\nCouncils: [a]\n",
		"s1.yaml":         "extends: default\nyears: 5\n",
		"via-file.yaml":   "extends: s1.yaml\ncouncil: West Sussex\n",
		"as-council.yaml": withCouncil(t, "eastshire", "  - {name: eastshire, zone: east, scenario: council.yaml}"),
		"region-ext.yaml": "extends: my-region.yaml\ncouncil: [a]\n",
	})
	const allowed = "(allowed: name, description, extends, size, start, years, warmup_years, child_population, entries, uasc, stock, stays, stock_stays, staying_put, care_leavers, kinds, ladders, try_first, emergency, step_down, escalation_share, escalation_by_age, prices_at, inflation_per_year, interventions)"
	for _, tc := range []struct{ ref, want string }{
		{"council.yaml", `council.yaml:2:1: council: unknown key "council" ` + allowed},
		{"counties.yaml", `counties.yaml:2:1: counties: unknown key "counties" ` + allowed},
		{"x-councils.yaml", `x-councils.yaml:2:1: x-councils: unknown key "x-councils" ` + allowed},
		{"Councils.yaml", `Councils.yaml:2:1: Councils: unknown key "Councils" ` + allowed},
		{"via-file.yaml", `via-file.yaml:2:1: council: unknown key "council" ` + allowed},
		{"as-council.yaml", `council.yaml:2:1: councils.eastshire.scenario.council: unknown key "council" ` + allowed},
		{"region-ext.yaml", `region-ext.yaml:2:1: council: unknown key "council" (did you mean councils?)`},
	} {
		t.Run(tc.ref, func(t *testing.T) { checkProblems(t, tc.ref, nil, tc.want) })
	}
}

// TestRegionExtendsMixedUp gives a file that extends a region the fields of a scenario, and
// a region that extends a scenario file with no field only a scenario has: each is told at
// the file's own line what it reads as and why.
func TestRegionExtendsMixedUp(t *testing.T) {
	inMyRegion(t, map[string]string{
		"sx.yaml":   "extends: south-east\nentries:\n  per_year: 3\n",
		"sx2.yaml":  "extends: my-region.yaml\nyears: 1\nkinds: {}\n",
		"s1.yaml":   "extends: default\nyears: 5\n",
		"rx.yaml":   "extends: s1.yaml\ncouncils:\n  - {name: a, zone: w, scenario: erlang}\n",
		"rx2.yaml":  "extends: rx-p.yaml\ncouncils:\n  - {name: a, zone: w, scenario: erlang}\n",
		"rx-p.yaml": "extends: s1.yaml\n",
	})
	for _, tc := range []struct{ ref, want string }{
		{"sx.yaml", `sx.yaml:2:1: entries: unknown key "entries": extends names a region, south-east, so the file is read as a region, and entries belongs in a council's scenario (a scenario file extends a scenario)`},
		{"sx2.yaml", `sx2.yaml:3:1: kinds: unknown key "kinds": extends names a region, my-region.yaml, so the file is read as a region, and kinds belongs in a council's scenario (a scenario file extends a scenario)`},
		{"rx.yaml", `rx.yaml:1:10: extends: s1.yaml is a scenario file, not a region file: a region file extends a region file or a built-in region (built-in regions: ` + listedRegions + `); a council's scenario names a scenario`},
		{"rx2.yaml", `rx2.yaml:1:10: extends: rx-p.yaml is a scenario file, not a region file: a region file extends a region file or a built-in region (built-in regions: ` + listedRegions + `); a council's scenario names a scenario`},
	} {
		t.Run(tc.ref, func(t *testing.T) { checkProblems(t, tc.ref, nil, tc.want) })
	}
}

// TestSetFileOfBuiltinRegion gives a built-in region, by --set, a council's scenario file and
// a stock file: a path is read from the working folder, as a path typed on the command line
// is (a built-in region has no folder of its own), absolute or relative; a file that is not
// there is refused, saying where a relative path was looked for. A built-in scenario's name
// is still the built-in.
func TestSetFileOfBuiltinRegion(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("plans", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"plans/kent.yaml": "name: kent-plan\nextends: default\nentries:\n  per_year: 600\n",
		"stock.yaml":      "councils:\n  - name: kent\n    stock:\n      - {kind: kinship, ages: 5, count: 40, needs: {standard: 1}}\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		set, want string
		oneGroup  bool // kent's stock is the stock file's one group (scaled to its size)
	}{
		{"councils.kent.scenario=plans/kent.yaml", "kent-plan", false},
		{"councils.kent.scenario=" + filepath.Join(wd, "plans", "kent.yaml"), "kent-plan", false},
		{"councils.kent.scenario=recruit-12-net-carers", "recruit-12-net-carers", false},
		{"stock=stock.yaml", "default", true},
	} {
		t.Run(tc.set, func(t *testing.T) {
			reg, err := LoadRegion("south-east", []string{tc.set})
			if err != nil {
				t.Fatal(err)
			}
			kent := reg.Councils[slices.IndexFunc(reg.Councils, func(c model.Council) bool { return c.Name == "kent" })]
			if kent.ScenarioName != tc.want {
				t.Errorf("kent's scenario is %q, want %q", kent.ScenarioName, tc.want)
			}
			switch got := len(kent.Scenario.Stock); {
			case tc.oneGroup && got != 1:
				t.Errorf("kent starts with %d groups of children in care, want the stock file's one", got)
			case !tc.oneGroup && got == 1:
				t.Errorf("kent starts with one group of children in care, want the built-in stock's")
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		checkProblems(t, "south-east", []string{"councils.kent.scenario=plans/kant.yaml"},
			`--set councils.kent.scenario=plans/kant.yaml: councils.kent.scenario: no file "plans/kant.yaml" and no built-in scenario of that name (did you mean plans/kent.yaml?) (built-ins: `+listedScenarios+`); a path --set gives a built-in region is from the working folder, `+wd)
		checkProblems(t, "south-east", []string{"stock=stock/none.yaml"},
			`--set stock=stock/none.yaml: stock: no stock file stock/none.yaml; a path --set gives a built-in region is from the working folder, `+wd)
	})
}

// TestRefusedMarketNotSuggested gives a market of a kind no council has and a change naming a
// market that is not there: the markets suggested are the region's others, not the one refused.
func TestRefusedMarketNotSuggested(t *testing.T) {
	inMyRegion(t, map[string]string{
		"boats.yaml": myRegion + "  - kind: boats\n    providers:\n      - {name: b1, zone: east, places: 5}\n" +
			"interventions:\n  - {name: b, action: provider_exit, on: 2027-04-01, market: ship, provider: b1}\n",
	})
	checkProblems(t, "boats.yaml", nil, "boats.yaml:16:11: markets[1].kind: no council has a provision kind boats\n"+
		"boats.yaml:20:62: interventions[0].market: names no shared market (want one of ifa)")
}

// TestCouncilSetFieldAsTyped gives a council's set a value that is no amount: the problem names
// the field as the set typed it (kinds.ifa.weekly_gbp), not by the kind's place in the list.
func TestCouncilSetFieldAsTyped(t *testing.T) {
	inMyRegion(t, map[string]string{
		"abc.yaml": strings.Replace(myRegion, "scenario: sub/eastshire.yaml}", "scenario: sub/eastshire.yaml, set: [kinds.ifa.weekly_gbp=abc]}", 1),
	})
	checkProblems(t, "abc.yaml", nil, `abc.yaml:9:71: councils.eastshire.set[0]: kinds.ifa.weekly_gbp: must be an amount in pounds such as 650, "£12,000" or "£1.1m", not "abc"`)
	checkProblems(t, "sub/eastshire.yaml", []string{"kinds.ifa.weekly_gbp={standard: abc}"},
		`--set kinds.ifa.weekly_gbp={standard: abc}: kinds.ifa.weekly_gbp.standard: must be an amount in pounds such as 650, "£12,000" or "£1.1m", not "abc"`)
}
