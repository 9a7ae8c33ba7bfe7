package main

import (
	"html"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A change that acts on nothing, made by a file that extends another (the National Transfer
// Scheme threshold where no UASC arrive): compare's board pack says it, as stderr does, and
// so does results.xlsx's How to read sheet.
func TestComparePackSaysIdleChanges(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"nts0.yaml": "name: nts0\nextends: default\nyears: 1\nwarmup_years: 0\nuasc: {per_year: 0}\n",
		"nts.yaml":  "name: nts\nextends: nts0.yaml\nuasc:\n  transfer_threshold_share: 0.002\n",
	})
	o := mustRun(t, "compare", filepath.Join(dir, "nts0.yaml"), filepath.Join(dir, "nts.yaml"), "--reps", "1", "-q", "--formats", "svg", "--out", filepath.Join(dir, "o"))
	warned := "uasc.transfer_threshold_share: is the threshold beyond which arriving UASC are transferred, and none arrive"
	if !strings.Contains(o.stderr, warned) {
		t.Errorf("stderr does not warn %q:\n%s", warned, o.stderr)
	}
	want := "Acts on nothing: uasc.transfer_threshold_share is the threshold beyond which arriving UASC are transferred, and none arrive (uasc.per_year is 0 and no uasc_surge adds any), so it changes nothing: set uasc.per_year"
	if pack := html.UnescapeString(readFile(t, filepath.Join(dir, "o"), "report.html")); !strings.Contains(pack, want) {
		t.Errorf("the board pack does not say %q", want)
	}
	if !howToReadSays(t, filepath.Join(dir, "o", "results.xlsx"), "Acts on nothing, nts", want) {
		t.Errorf("results.xlsx's How to read does not say, for nts, %q", want)
	}
}

// howToReadSays reports whether the How to read sheet of the workbook at path has a row
// whose first cell is what and whose second holds want.
func howToReadSays(t *testing.T, path, what, want string) bool {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("How to read")
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 1 && r[0] == what && strings.Contains(r[1], want) })
}

// A region whose councils' scenarios hold what acts on nothing (an intervention of the
// council's scenario file, a field the region's set changes, an intervention the region file
// gives a council): validate, run and compare warn of each, naming the council, at its place in
// the files, and the region's board pack says it under the strategy, as its results.xlsx's
// How to read sheet does.
func TestRegionCouncilIdleWarns(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"idle.yaml": "name: idle\nextends: default\nuasc:\n  per_year: 0\ninterventions:\n" +
			"  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n",
		"reg.yaml": "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n" +
			"  - {name: a, zone: north, scenario: idle.yaml}\n" +
			"  - {name: b, zone: north, scenario: default, set: [uasc.per_year=0, uasc.transfer_threshold_share=0.002]}\n",
		"strat.yaml": "name: strat\nextends: reg.yaml\ncouncils:\n  - name: b\n    interventions:\n" +
			"      - {action: uasc_surge, factor: 2, label: Surge, from: 2026-04-01}\n",
	})
	idle, reg, strat := filepath.Join(dir, "idle.yaml"), filepath.Join(dir, "reg.yaml"), filepath.Join(dir, "strat.yaml")
	own := "placesim: warning: " + idle + ":6:81: interventions[0].factor: in council a, multiplies the UASC arriving, and none arrive (uasc.per_year is 0), so it changes nothing"
	set := "placesim: warning: " + reg + ":9:70: councils.b.set[1]: uasc.transfer_threshold_share: in council b, is the threshold beyond which arriving UASC are transferred, and none arrive"
	given := "placesim: warning: " + strat + ":6:38: councils.b.interventions[0].factor: in council b, multiplies the UASC arriving"
	for _, args := range [][]string{
		{"validate", reg},
		{"run", reg, "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "r")},
		{"validate", strat},
		{"compare", reg, strat, "--reps", "1", "-q", "--formats", "svg", "--out", filepath.Join(dir, "c")},
	} {
		o := mustRun(t, args...)
		wants := []string{own, set}
		if args[0] == "compare" || args[1] == strat {
			wants = append(wants, given)
		}
		for _, want := range wants {
			if strings.Count(o.stderr, want) != 1 {
				t.Errorf("placesim %s %s: stderr\n%s\nwant it to hold %q once", args[0], filepath.Base(args[1]), o.stderr, want)
			}
		}
	}
	// The pack says under the strategy only what the strategy brings that acts on nothing:
	// what the baseline's councils already have is the baseline's.
	pack := html.UnescapeString(readFile(t, filepath.Join(dir, "c"), "report.html"))
	for _, want := range []string{
		"Acts on nothing in council b: Surge (interventions[0].factor) multiplies the UASC arriving",
	} {
		if !strings.Contains(pack, want) {
			t.Errorf("the region's board pack does not say %q", want)
		}
		if !howToReadSays(t, filepath.Join(dir, "c", "results.xlsx"), "Acts on nothing, strat", want) {
			t.Errorf("the region's results.xlsx, How to read, does not say %q", want)
		}
	}
	for _, baseline := range []string{
		"Acts on nothing in council a: UASC arrivals double (interventions[0].factor) multiplies the UASC arriving",
		"Acts on nothing in council b: uasc.transfer_threshold_share is the threshold",
	} {
		if strings.Contains(pack, baseline) {
			t.Errorf("the region's board pack says the baseline's %q as the strategy's", baseline)
		}
		if howToReadSays(t, filepath.Join(dir, "c", "results.xlsx"), "Acts on nothing, strat", baseline) {
			t.Errorf("the region's results.xlsx, How to read, says the baseline's %q as the strategy's", baseline)
		}
	}
}

// A council's cap on a kind the region's shared market supplies, which the market replaces:
// validate, run and compare warn of it at the region's set, naming the council, and the
// region's board pack says it under the strategy that sets it, as results.xlsx does.
func TestRegionMarketCapIdle(t *testing.T) {
	dir := t.TempDir()
	reg := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n" +
		"  - {name: a, zone: north, scenario: default}\n" +
		"markets:\n  - kind: ifa\n    providers:\n      - {name: agencies, zone: north, places: 200}\n"
	writeFiles(t, dir, map[string]string{
		"reg.yaml": reg,
		"cap.yaml": strings.Replace(strings.Replace(reg, "name: reg", "name: cap", 1), "scenario: default}", "scenario: default, set: [kinds.ifa.capacity_places=10]}", 1),
	})
	base, cp := filepath.Join(dir, "reg.yaml"), filepath.Join(dir, "cap.yaml")
	warned := "placesim: warning: " + cp + ":8:53: councils.a.set[0]: kinds.ifa.capacity_places: in council a, caps the places of ifa, and the region's shared market of ifa gives the council its places in place of the cap, so it changes nothing"
	for _, args := range [][]string{
		{"validate", cp},
		{"run", cp, "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "r")},
		{"compare", base, cp, "--reps", "1", "-q", "--formats", "svg", "--out", filepath.Join(dir, "c")},
	} {
		if o := mustRun(t, args...); strings.Count(o.stderr, warned) != 1 {
			t.Errorf("placesim %s: stderr\n%s\nwant it to hold %q once", args[0], o.stderr, warned)
		}
	}
	// The kind by its name, as the change list says it, not by its place (kinds[3]).
	want := "Acts on nothing in council a: kinds.ifa.capacity_places caps the places of ifa"
	if pack := html.UnescapeString(readFile(t, filepath.Join(dir, "c"), "report.html")); !strings.Contains(pack, want) {
		t.Errorf("the region's board pack does not say %q", want)
	}
	if !howToReadSays(t, filepath.Join(dir, "c", "results.xlsx"), "Acts on nothing, cap", want) {
		t.Errorf("the region's results.xlsx, How to read, does not say %q", want)
	}
}

// A single council's compare: what acts on nothing in the baseline, and so in the strategy
// that extends it, is the baseline's, not said under the strategy in the board pack or
// results.xlsx; the strategy's own, a new intervention or an idle field set to another idle
// value, is said.
func TestComparePackLeavesOutBaselineIdle(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"base.yaml": "name: base\nextends: default\nyears: 1\nwarmup_years: 0\nuasc: {per_year: 0, transfer_threshold_share: 0.002}\ninterventions:\n" +
			"  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n",
		"strat.yaml": "name: strat\nextends: base.yaml\nuasc: {transfer_threshold_share: 0.003}\ninterventions:\n" +
			"  - {action: uasc_surge, label: Own surge, from: 2026-04-01, factor: 3}\n",
		"same.yaml": "name: same\nextends: base.yaml\nuasc: {transfer_threshold_share: 0.002}\ninterventions:\n" +
			"  - {action: allowance_uplift, label: Carer allowance uplift, from: 2026-04-01, kind: inhouse_foster, weekly_gbp: 50, retention_factor: 0.85}\n",
	})
	out := filepath.Join(dir, "o")
	mustRun(t, "compare", filepath.Join(dir, "base.yaml"), filepath.Join(dir, "strat.yaml"), filepath.Join(dir, "same.yaml"), "--reps", "1", "-q", "--formats", "svg", "--out", out)
	pack := html.UnescapeString(readFile(t, out, "report.html"))
	own := []string{
		"Acts on nothing: Own surge (interventions[1].factor) multiplies the UASC arriving",
		"Acts on nothing: uasc.transfer_threshold_share is the threshold",
	}
	for _, want := range own {
		if strings.Count(pack, want) != 1 {
			t.Errorf("the board pack says %q %d times, want once (strat's)", want, strings.Count(pack, want))
		}
		if !howToReadSays(t, filepath.Join(out, "results.xlsx"), "Acts on nothing, strat", want) {
			t.Errorf("results.xlsx's How to read does not say, for strat, %q", want)
		}
		if howToReadSays(t, filepath.Join(out, "results.xlsx"), "Acts on nothing, same", want) {
			t.Errorf("results.xlsx's How to read says, for same, %q: the baseline's", want)
		}
	}
	baseline := "UASC arrivals double (interventions[0].factor)"
	if strings.Contains(pack, baseline) {
		t.Errorf("the board pack says the baseline's %q as a strategy's", baseline)
	}
	for _, s := range []string{"strat", "same"} {
		if howToReadSays(t, filepath.Join(out, "results.xlsx"), "Acts on nothing, "+s, baseline) {
			t.Errorf("results.xlsx's How to read says the baseline's %q for %s", baseline, s)
		}
	}
}

// A region's strategy that sets a council's idle field to another idle value is said to act
// on nothing in its board pack and results.xlsx, as its own change; one that sets the value
// the baseline has is not: the baseline's notes are matched by field and value, not by their
// words, which are the same for both.
func TestRegionIdleFieldChanged(t *testing.T) {
	dir := t.TempDir()
	strat := "name: strat\nextends: reg.yaml\ncouncils:\n  - name: b\n    set: [uasc.transfer_threshold_share=0.003]\n"
	writeFiles(t, dir, map[string]string{
		"nouasc.yaml": "name: nouasc\nextends: default\nuasc: {per_year: 0, transfer_threshold_share: 0.002}\n",
		"reg.yaml": "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n" +
			"  - {name: b, zone: north, scenario: nouasc.yaml}\n",
		"strat.yaml": strat,
		"same.yaml":  strings.ReplaceAll(strings.Replace(strat, "0.003", "0.002", 1), "strat", "same"),
	})
	out := filepath.Join(dir, "c")
	mustRun(t, "compare", filepath.Join(dir, "reg.yaml"), filepath.Join(dir, "strat.yaml"), filepath.Join(dir, "same.yaml"), "--reps", "1", "-q", "--formats", "svg", "--out", out)
	want := "Acts on nothing in council b: uasc.transfer_threshold_share is the threshold"
	if pack := html.UnescapeString(readFile(t, out, "report.html")); strings.Count(pack, want) != 1 {
		t.Errorf("the region's board pack says %q %d times, want once (strat's)", want, strings.Count(pack, want))
	}
	if !howToReadSays(t, filepath.Join(out, "results.xlsx"), "Acts on nothing, strat", want) {
		t.Errorf("the region's results.xlsx, How to read, does not say for strat %q", want)
	}
	if howToReadSays(t, filepath.Join(out, "results.xlsx"), "Acts on nothing, same", want) {
		t.Errorf("the region's results.xlsx, How to read, says for same the baseline's %q", want)
	}
}
