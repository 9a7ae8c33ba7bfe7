package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// myRegionYAML is a region as a user writes one: two councils, one of them a scenario file
// of its own beside the region file.
const myRegionYAML = `name: my-region
start: 2026-04-01
years: 2
zones:
  - {name: west, miles: {west: 10, east: 35}}
  - {name: east, miles: {east: 12}}
councils:
  - {name: westshire, zone: west, scenario: erlang, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6]}
  - {name: eastshire, zone: east, scenario: sub/eastshire.yaml, set: [kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6]}
markets:
  - kind: ifa
    pricing: {threshold: 0.85, premium_at_full: 0.15}
    providers:
      - {name: agencies-west, zone: west, places: 15}
      - {name: agencies-east, zone: east, places: 20}
`

// inMyRegion writes my-region.yaml, its council's sub/eastshire.yaml and files into a new
// folder, and makes it the working folder, so that messages name the files as a user does.
func inMyRegion(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	all := map[string]string{
		"my-region.yaml":     myRegionYAML,
		"sub/eastshire.yaml": "name: eastshire\nextends: erlang\nentries:\n  per_year: 30\n",
	}
	for name, text := range files {
		all[name] = text
	}
	writeFiles(t, dir, all)
	t.Chdir(dir)
}

// TestCompareRegionWithBrokenFile compares a region with a file that cannot be read as one:
// the user is told what is wrong with the file, not that it is a scenario; a scenario is
// still refused as one.
func TestCompareRegionWithBrokenFile(t *testing.T) {
	inMyRegion(t, map[string]string{
		"broken.yaml":   "name: broken\nextends: my-region.yaml\ncouncils:\n  - {name: westshire, size: {children_in_care: 60}\n",
		"orphan.yaml":   "name: orphan\nextends: south-eastt\ninterventions: []\n",
		"scenario.yaml": "name: mine\nextends: erlang\nentries:\n  per_year: -3\n",
	})
	for _, tc := range []struct {
		ref, want string
	}{
		{"regional-care-coop", "regional-care-coop: no such file and no built-in region of that name (did you mean regional-care-cooperative?) (built-in regions: england, new-provider-cheap-property, one-council-recruits, provider-exit, regional-care-cooperative, south-east)"},
		{"nothere.yaml", "nothere.yaml: no such file and no built-in region of that name (built-in regions: england, new-provider-cheap-property, one-council-recruits, provider-exit, regional-care-cooperative, south-east)"},
		{"broken.yaml", "broken.yaml:4:5: a { is never closed"},
		{"orphan.yaml", `orphan.yaml:2:10: extends: no file "south-eastt" and no built-in region of that name (did you mean south-east?) (built-in regions: england, new-provider-cheap-property, one-council-recruits, provider-exit, regional-care-cooperative, south-east)`},
		{"erlang", "placesim compare: erlang is a scenario and my-region.yaml a region: compare regions with regions, scenarios with scenarios\nRun 'placesim compare --help' for usage."},
		{"scenario.yaml", "placesim compare: scenario.yaml is a scenario and my-region.yaml a region: compare regions with regions, scenarios with scenarios\nRun 'placesim compare --help' for usage."},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			o := placesim(t, "compare", "my-region.yaml", tc.ref, "--reps", "1", "--quiet")
			if got := strings.TrimSpace(o.stderr); o.code != exitUsage || got != tc.want {
				t.Errorf("exit %d, said\n%s\nwant exit %d and\n%s", o.code, got, exitUsage, tc.want)
			}
		})
	}
}

// TestValidateCouncilFolders requires validate to refuse, with its place in the file, a
// council name that run would refuse for its folder.
func TestValidateCouncilFolders(t *testing.T) {
	inMyRegion(t, map[string]string{
		"charts.yaml": strings.Replace(myRegionYAML, "{name: westshire,", `{name: "charts",`, 1),
		"case.yaml":   strings.Replace(strings.Replace(myRegionYAML, "{name: westshire,", `{name: "West Shire",`, 1), "{name: eastshire,", "{name: west-shire,", 1),
	})
	for _, tc := range []struct{ ref, want string }{
		{"charts.yaml", `charts.yaml:8:12: councils[0].name: "charts" would write into the region's charts folder in a run: call the council something else`},
		{"case.yaml", `case.yaml:9:12: councils[1].name: "west-shire" would write into council "West Shire"'s folder in a run where letter case does not tell folders apart (Windows, macOS), West-Shire and west-shire: give them names apart`},
	} {
		for _, cmd := range []string{"validate", "run"} {
			o := placesim(t, cmd, tc.ref, "--quiet", "--reps", "1", "--out", "out")
			if cmd == "validate" {
				o = placesim(t, cmd, tc.ref)
			}
			if got, _, _ := strings.Cut(o.stderr, "\n"); o.code == exitOK || got != tc.want {
				t.Errorf("%s %s: exit %d, said\n%s\nwant\n%s", cmd, tc.ref, o.code, o.stderr, tc.want)
			}
		}
	}
}

// TestRegionRunRefusesPrecisionFlags runs a region with the flags that go with --precision,
// which a region does not take: each is refused, as a scenario's run refuses them without it.
func TestRegionRunRefusesPrecisionFlags(t *testing.T) {
	inMyRegion(t, nil)
	for _, tc := range []struct{ flag, value string }{{"kpi", "cost_total"}, {"period", "all"}, {"max-reps", "50"}} {
		o := placesim(t, "run", "my-region.yaml", "--reps", "1", "--quiet", "--out", "out", "--"+tc.flag, tc.value)
		want := "placesim run: --" + tc.flag + " goes with --precision, which is for a scenario: a region runs --reps replications; leave --" + tc.flag + " out\nRun 'placesim run --help' for usage."
		if got := strings.TrimSpace(o.stderr); o.code != exitUsage || got != want {
			t.Errorf("--%s: exit %d, said\n%s\nwant exit %d and\n%s", tc.flag, o.code, got, exitUsage, want)
		}
		if _, err := os.Stat("out"); err == nil {
			t.Fatalf("--%s: run wrote its folder", tc.flag)
		}
	}
}

// TestCouncilNamedLikeRegionFile runs a region, a shard of it and the merge of the shard, and
// gives a council, in turn, the name of each entry any of them wrote at the top of its
// folder, beside the councils' folders, in another letter case: validate refuses each at the
// council's name, and the run writes nothing. The merge draws no charts: it writes them as the
// run does (regionFiles), and drawing them again would only slow the test.
func TestCouncilNamedLikeRegionFile(t *testing.T) {
	inMyRegion(t, nil)
	for _, args := range [][]string{
		{"run", "my-region.yaml", "--reps", "1", "--quiet", "--formats", "svg", "--out", "out"},
		{"run", "my-region.yaml", "--reps", "1", "--quiet", "--shard", "0/1", "--out", "shard"},
		{"merge", "shard", "--quiet", "--charts=false", "--out", "merged"},
	} {
		if o := placesim(t, args...); o.code != exitOK {
			t.Fatalf("%s: exit %d, said\n%s", strings.Join(args, " "), o.code, o.stderr)
		}
	}
	var names []string
	for _, dir := range []string{"out", "shard", "merged"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "westshire" && e.Name() != "eastshire" && !slices.Contains(names, e.Name()) {
				names = append(names, e.Name())
			}
		}
	}
	if len(names) < 10 {
		t.Fatalf("the run, shard and merge wrote %v beside the councils' folders, want their files and charts", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			given := strings.ToUpper(name[:1]) + name[1:]
			writeFiles(t, ".", map[string]string{"named.yaml": strings.Replace(myRegionYAML, "{name: westshire,", `{name: "`+given+`",`, 1)})
			what := "write over the region's " + name
			if name == "charts" {
				what = "write into the region's charts folder"
			}
			want := `named.yaml:8:12: councils[0].name: "` + given + `" would ` + what + ` in a run: call the council something else`
			for _, cmd := range []string{"validate", "run"} {
				o := placesim(t, cmd, "named.yaml", "--quiet", "--reps", "1", "--out", "out2")
				if cmd == "validate" {
					o = placesim(t, cmd, "named.yaml")
				}
				if got, _, _ := strings.Cut(o.stderr, "\n"); o.code == exitOK || got != want {
					t.Errorf("%s: exit %d, said\n%s\nwant\n%s", cmd, o.code, o.stderr, want)
				}
			}
			if _, err := os.Stat("out2"); err == nil {
				t.Errorf("run wrote its folder")
			}
		})
	}
}

// TestSharedMarketOfNoPlaces checks that validate, run and compare warn, at its place in the
// file, of a shared market whose providers hold no places (none given, or all of 0 places),
// and still accept the region; --json gives the warning beside the file's (empty) problems.
func TestSharedMarketOfNoPlaces(t *testing.T) {
	inMyRegion(t, map[string]string{
		"zero.yaml": strings.NewReplacer("name: my-region", "name: zero", "places: 15", "places: 0", "places: 20", "places: 0").Replace(myRegionYAML),
		"none.yaml": strings.Replace(myRegionYAML[:strings.Index(myRegionYAML, "    providers:")], "name: my-region", "name: none", 1),
	})
	for _, tc := range []struct{ ref, want string }{
		{"zero.yaml", "placesim: warning: zero.yaml:14:7: markets[0].providers: the shared market of ifa has 2 providers of 0 places: it holds no places, so a child the councils would place in ifa takes another rung of their ladder or waits in an emergency placement"},
		{"none.yaml", "placesim: warning: none.yaml:11:5: markets[0].providers: the shared market of ifa has no provider: it holds no places, so a child the councils would place in ifa takes another rung of their ladder or waits in an emergency placement"},
	} {
		for _, args := range [][]string{
			{"validate", tc.ref},
			{"run", tc.ref, "--quiet", "--reps", "1", "--charts=false", "--out", "out-" + tc.ref},
			{"compare", "my-region.yaml", tc.ref, "--quiet", "--reps", "1", "--charts=false", "--out", "cmp-" + tc.ref},
		} {
			o := placesim(t, args...)
			if got, _, _ := strings.Cut(o.stderr, "\n"); o.code != exitOK || got != tc.want {
				t.Errorf("%s: exit %d, said\n%s\nwant exit 0 and\n%s", strings.Join(args, " "), o.code, o.stderr, tc.want)
			}
		}
		o := placesim(t, "validate", "--json", tc.ref)
		if o.code != exitOK || !strings.Contains(o.stdout, `"warnings": [`) || !strings.Contains(o.stdout, `"field": "markets[0].providers"`) || o.stderr != "" {
			t.Errorf("validate --json %s: exit %d, printed\n%s%s", tc.ref, o.code, o.stdout, o.stderr)
		}
	}
	if o := placesim(t, "validate", "my-region.yaml"); o.code != exitOK || o.stderr != "" {
		t.Errorf("validate my-region.yaml: exit %d, said %s", o.code, o.stderr)
	}
}
