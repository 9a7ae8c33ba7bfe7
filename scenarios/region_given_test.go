package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoCouncils is a small region file of its own, and extendsRegion one that extends a built-in
// region and says nothing of councils.
const (
	twoCouncils = "name: two\nstart: 2026-04-01\nyears: 1\nzones: [{name: z, miles: {z: 10}}]\n" +
		"councils:\n  - {name: a, zone: z, size: {children_in_care: 100}}\n  - {name: b, zone: z, size: {children_in_care: 100}}\n"
	extendsRegion = "name: more\nextends: south-east\n"
)

// TestRegionGivenForScenario checks that every way of reading one scenario refuses a region,
// a built-in one or a file, in the same words (naming it, saying it is a region and that a
// scenario is wanted), as a *RegionError, rather than with the problems of reading a region as
// a scenario (councils and zones unknown keys); and that a scenario whose extends names a
// region says so in the same words at its extends.
func TestRegionGivenForScenario(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"two.yaml": twoCouncils, "more.yaml": extendsRegion,
		"on-file.yaml":            "name: on-file\nextends: two.yaml\n",
		"council-on-region.yaml":  strings.Replace(twoCouncils, "size: {children_in_care: 100}}\n", "scenario: two.yaml, size: {children_in_care: 100}}\n", 2),
		"council-on-builtin.yaml": strings.Replace(twoCouncils, "size: {children_in_care: 100}}\n", "scenario: south-east, size: {children_in_care: 100}}\n", 2),
	})
	t.Chdir(dir)
	fsys := os.DirFS(dir)
	read := func(name string) *strings.Reader {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.NewReader(string(b))
	}
	said := func(ref, what string) string {
		return ref + " is " + what + ", not a scenario: name a scenario file or a built-in scenario (built-ins: " + listedScenarios + ")"
	}
	for _, tc := range []struct {
		name string
		load func() error
		want string
		typ  *RegionError // nil: the problem is at a file's extends
	}{
		{"Load built-in", func() error { _, err := Load("south-east", nil); return err }, said("south-east", "a built-in region"), &RegionError{Ref: "south-east"}},
		{"Load file", func() error { _, err := Load("two.yaml", nil); return err }, said("two.yaml", "a region file"), &RegionError{Ref: "two.yaml", File: true}},
		{"Load path", func() error { _, err := Load(filepath.Join(dir, "two.yaml"), nil); return err },
			said(filepath.Join(dir, "two.yaml"), "a region file"), &RegionError{Ref: filepath.Join(dir, "two.yaml"), File: true}},
		{"Resolve built-in", func() error { _, err := Resolve("south-east", nil); return err }, said("south-east", "a built-in region"), &RegionError{Ref: "south-east"}},
		{"LoadBuiltin", func() error { _, err := LoadBuiltin("england"); return err }, said("england", "a built-in region"), &RegionError{Ref: "england"}},
		{"Parse", func() error { _, err := Parse(read("two.yaml"), "two.yaml", nil); return err }, said("two.yaml", "a region file"), &RegionError{Ref: "two.yaml", File: true}},
		{"ParseFS", func() error { _, err := ParseFS(read("two.yaml"), fsys, "two.yaml", nil); return err }, said("two.yaml", "a region file"), &RegionError{Ref: "two.yaml", File: true}},
		// A file whose extends names a region is a region file (placesim run runs it as one):
		// the words say which line makes it one.
		{"Load extends a built-in region", func() error { _, err := Load("more.yaml", nil); return err },
			said("more.yaml (line 2 extends south-east, a region)", "a region file"), &RegionError{"more.yaml", true, "south-east", 2}},
		{"Load extends a region file", func() error { _, err := Load("on-file.yaml", nil); return err },
			said("on-file.yaml (line 2 extends two.yaml, a region)", "a region file"), &RegionError{"on-file.yaml", true, "two.yaml", 2}},
		{"ParseFS extends a region file", func() error { _, err := ParseFS(read("on-file.yaml"), fsys, "on-file.yaml", nil); return err },
			said("on-file.yaml (line 2 extends two.yaml, a region)", "a region file"), &RegionError{"on-file.yaml", true, "two.yaml", 2}},
		{"ParseFS extends a built-in region", func() error { _, err := ParseFS(read("more.yaml"), fsys, "more.yaml", nil); return err },
			said("more.yaml (line 2 extends south-east, a region)", "a region file"), &RegionError{"more.yaml", true, "south-east", 2}},
		// A region's council named by a region: the same words, at the field.
		{"council's scenario a region", func() error { _, err := LoadRegion("council-on-region.yaml", nil); return err },
			"council-on-region.yaml:6:34: councils.a.scenario: " + said("two.yaml", "a region file") +
				"\ncouncil-on-region.yaml:7:34: councils.b.scenario: " + said("two.yaml", "a region file"), nil},
		{"council's scenario a built-in region", func() error { _, err := LoadRegion("council-on-builtin.yaml", nil); return err },
			"council-on-builtin.yaml:6:34: councils.a.scenario: " + said("south-east", "a built-in region") +
				"\ncouncil-on-builtin.yaml:7:34: councils.b.scenario: " + said("south-east", "a built-in region"), nil},
	} {
		err := tc.load()
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got\n%v\nwant\n%s", tc.name, err, tc.want)
			continue
		}
		var re *RegionError
		if got := errors.As(err, &re); got != (tc.typ != nil) || got && *re != *tc.typ {
			t.Errorf("%s: *RegionError %v %+v, want %+v", tc.name, got, re, tc.typ)
		}
	}
	if got := (&RegionError{Ref: "two.yaml", File: true}).Say(" for the council's scenario to extend"); got !=
		"two.yaml is a region file, not a scenario: name a scenario file or a built-in scenario for the council's scenario to extend (built-ins: "+listedScenarios+")" {
		t.Errorf("Say: %s", got)
	}
}

// TestRegionRefMisspelt checks the suggestion for a region's extends that names nothing, and
// for a name on the command line that names nothing: the region file beside it or the built-in
// region that is close (a region's extends suggests no scenario file).
func TestRegionRefMisspelt(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"west-midlands.yaml": strings.Replace(twoCouncils, "name: two", "name: west-midlands", 1),
		"dudley.yaml":        "name: dudley\nextends: default\n",
		"e26.yaml":           "name: e26\nextends: west-midlands.yml\ncouncils: [{name: a, size: {children_in_care: 10}}]\n",
		"se.yaml":            "name: se\nextends: south-eats\ncouncils: [{name: a, size: {children_in_care: 10}}]\n",
	})
	for _, tc := range []struct{ file, want string }{
		{"e26.yaml", `extends: no file "west-midlands.yml" and no built-in region of that name (did you mean west-midlands.yaml?) (built-in regions: `},
		{"se.yaml", `extends: no file "south-eats" and no built-in region of that name (did you mean south-east?) (built-in regions: `},
	} {
		_, err := LoadRegion(filepath.Join(dir, tc.file), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got\n%v\nwant it to hold %q", tc.file, err, tc.want)
		}
	}
	t.Chdir(dir)
	for _, tc := range []struct{ ref, want string }{
		{"west-midland.yaml", `west-midland.yaml: no such file and no built-in scenario of that name (did you mean west-midlands.yaml, a region file?) (built-ins: `},
		{"dudly.yaml", `dudly.yaml: no such file and no built-in scenario of that name (did you mean dudley.yaml?) (built-ins: `},
	} {
		_, err := Load(tc.ref, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got\n%v\nwant it to hold %q", tc.ref, err, tc.want)
		}
	}
	want := `west-midland.yaml: no such file and no built-in region of that name (did you mean west-midlands.yaml?) (built-in regions: `
	if _, err := LoadRegion("west-midland.yaml", nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("LoadRegion: got\n%v\nwant it to hold %q", err, want)
	}
}

// TestExtendsMisspelt checks the suggestion for an extends that names nothing: the built-in
// scenario or the scenario file beside the extending one (in its folder, or its fs.FS) that is
// close, with or without its .yaml, or a region file said to be one, and never the extending
// file itself nor anything for a cycle.
func TestExtendsMisspelt(t *testing.T) {
	files := map[string]string{
		"base.yaml":      "name: base\nextends: default\n",
		"builtin.yaml":   "name: builtin\nextends: defualt\n",
		"sibling.yaml":   "name: sibling\nextends: bsae.yaml\n",
		"sibling-2.yaml": "name: sibling-2\nextends: bsae\n",
		"plan.yaml":      "name: plan\nextends: plam.yaml\n",
		"regions.yaml":   twoCouncils,
		"on-region.yaml": "name: on-region\nextends: regoins.yaml\n",
		"a.yaml":         "extends: b.yaml\n",
		"b.yaml":         "extends: a.yaml\n",
	}
	dir := writeFiles(t, files)
	fsys := os.DirFS(dir)
	for _, tc := range []struct {
		file string
		want string // "" for no suggestion
	}{
		{"builtin.yaml", " (did you mean default?) (built-ins: "},
		{"sibling.yaml", " (did you mean base.yaml?) (built-ins: "},
		{"sibling-2.yaml", " (did you mean base.yaml?) (built-ins: "}, // written without .yaml, as a built-in's name is
		{"plan.yaml", ""}, // itself
		// A file of a name and an extends may be meant as a region's: a region file is
		// suggested, said to be one.
		{"on-region.yaml", " (did you mean regions.yaml, a region file?) (built-ins: "},
		{"a.yaml", ""}, // a cycle
	} {
		text := files[tc.file]
		ways := map[string]func() error{
			"Load": func() error { _, err := Load(filepath.Join(dir, tc.file), nil); return err },
			"ParseFS": func() error {
				_, err := ParseFS(strings.NewReader(text), fsys, tc.file, nil)
				return err
			},
		}
		for way, load := range ways {
			err := load()
			if err == nil {
				t.Fatalf("%s %s: no error", way, tc.file)
			}
			if tc.want == "" && strings.Contains(err.Error(), "did you mean") || tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s %s: got\n%v\nwant it to hold %q", way, tc.file, err, tc.want)
			}
		}
	}
	// The misspelt built-in's name has no .yaml: read through a folder, it is said to be
	// neither a file of the folder nor a built-in, with the suggestion.
	_, err := ParseFS(strings.NewReader(files["builtin.yaml"]), fsys, "builtin.yaml", nil)
	wantErr(t, err, `builtin.yaml:2:10: extends: "defualt" is neither a scenario file (NAME.yaml) in the scenario's folder nor a built-in scenario (did you mean default?) (built-ins: `)
}

// TestCouncilDescribed checks what a council's scenario says it is: the council of the region,
// the scenario it runs and its size; a scenario file's own description follows, a built-in's
// (what it is as shipped) does not.
func TestCouncilDescribed(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"two.yaml": strings.Replace(twoCouncils, "{name: b, zone: z,", "{name: b, zone: z, scenario: d.yaml,", 1),
		"d.yaml":   "name: d\ndescription: Dudley, with a higher entry trend.\nextends: default\n",
	})
	reg, err := LoadRegion(filepath.Join(dir, "two.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{
		"Council a of region two: the built-in scenario default, scaled to 100 children in care at the start.",
		"Council b of region two: the scenario d, scaled to 100 children in care at the start. Dudley, with a higher entry trend.",
	} {
		if got := reg.Councils[i].Scenario.Description; got != want {
			t.Errorf("council %s is described\n%q\nwant\n%q", reg.Councils[i].Name, got, want)
		}
	}
}

// TestCouncilBuiltinOutOfRun checks that a date of a council's built-in scenario outside a
// region's shorter run says how many years the region needs for the built-in's dates.
func TestCouncilBuiltinOutOfRun(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"two.yaml": strings.Replace(twoCouncils, "{name: b, zone: z,", "{name: b, zone: z, scenario: recruit-12-net-carers,", 1),
	})
	_, err := LoadRegion(filepath.Join(dir, "two.yaml"), nil)
	want := "is outside the run (2026-04-01 to 2027-03-31); the built-in recruit-12-net-carers runs to 2036: give the region years: 10\n"
	if err == nil || !strings.Contains(err.Error()+"\n", want) {
		t.Errorf("got\n%v\nwant its lines to end %q", err, want)
	}
}

// TestSetBreaksShares checks that shares that a set makes sum to other than 1, by changing one
// of them, are reported at the set: a council's in the region file, a --set on the command line
// as itself, never in the built-in file that gave the rest.
func TestSetBreaksShares(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"two.yaml": strings.Replace(twoCouncils, "{name: b, zone: z,", `{name: b, zone: z, set: [entries.trend_per_year=0.01, "stays[2].exits.adoption=0.5"],`, 1),
	})
	file := filepath.Join(dir, "two.yaml")
	checkProblems(t, file, nil, file+`:7:59: councils.b.set[1]: stays[2].exits: shares sum to 1.17, not 1`)
	checkProblems(t, "default", []string{"stays[2].exits.adoption=0.5"}, `--set stays[2].exits.adoption=0.5: stays[2].exits: shares sum to 1.17, not 1`)
	// However deep the field the set changed: an age band's share within the list of bands
	// (was reported at default.yaml:33:5).
	dir = writeFiles(t, map[string]string{
		"ages.yaml": strings.Replace(twoCouncils, "{name: b, zone: z,", `{name: b, zone: z, set: ["entries.ages[0].share=0.3"],`, 1),
	})
	file = filepath.Join(dir, "ages.yaml")
	checkProblems(t, file, nil, file+`:7:30: councils.b.set[0]: entries.ages: shares sum to 1.097, not 1`)
	checkProblems(t, "default", []string{"entries.ages[0].share=0.3"}, `--set entries.ages[0].share=0.3: entries.ages: shares sum to 1.097, not 1`)
}

// TestCouncilNamedInErrors checks that every problem of a council names it as --set does, by
// its name, whichever file numbers the councils: an extending file's first council that is the
// region's second and its second that is the first, an intervention the region gives a council
// whose scenario has its own, its set.
func TestCouncilNamedInErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"two.yaml": strings.Replace(twoCouncils, "{name: b, zone: z,", "{name: b, zone: z, scenario: recruit-12-net-carers, set: [entries.per_year=x],", 1),
		"e26.yaml": "name: e26\nextends: two.yaml\ncouncils:\n  - name: b\n    interventions:\n" +
			"      - {kind: capacity, name: more ifa, provision: ifa, from: 2026-06-01, change: 10}\n" +
			"      - {action: approvals, name: x, kind: inhouse_foster, from: 2026-06-01}\n" +
			"  - {name: a, zone: y}\nyears: 10\n",
	})
	_, err := LoadRegion(filepath.Join(dir, "e26.yaml"), nil)
	if err == nil {
		t.Fatal("e26.yaml loaded")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{ // each line's start: file, line, column, field
		"e26.yaml:6:9: councils.b.interventions[0].action: must be given",
		"e26.yaml:6:42: councils.b.interventions[0].provision: unknown key",
		"e26.yaml:6:76: councils.b.interventions[0].change: unknown key",
		"e26.yaml:7:18: councils.b.interventions[1].action: unknown action",
		"e26.yaml:8:21: councils.a.zone: names no zone of the region",
		"two.yaml:7:63: councils.b.set[0]: entries.per_year: must be a number",
	}
	for i, w := range want {
		if i >= len(got) || !strings.HasPrefix(got[i], filepath.Join(dir, w)) {
			t.Errorf("got\n%v\nwant its lines to begin\n%s", err, strings.Join(want, "\n"))
			break
		}
	}
}

// TestNameOfFileWithoutYAML checks that a scenario named without its .yaml, on the command line
// (b, ./b) or by an extends (b, ./b), is suggested the file of that name beside it alike: the
// command line's and a ./ path's said nothing of b.yaml where an extends of b did.
func TestNameOfFileWithoutYAML(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.yaml": "name: b\nextends: default\n",
		"d.yaml": "name: d\nextends: b\n",
		"e.yaml": "name: e\nextends: ./b\n",
	})
	t.Chdir(dir)
	for _, tc := range []struct{ ref, want string }{
		{"b", "b: no such file and no built-in scenario of that name (did you mean b.yaml?)"},
		{"./b", "./b: no such file and no built-in scenario of that name (did you mean ./b.yaml?)"},
		{"d.yaml", `extends: no file "b" and no built-in scenario of that name (did you mean b.yaml?)`},
		{"e.yaml", `extends: no file "./b" and no built-in scenario of that name (did you mean ./b.yaml?)`},
	} {
		_, err := Load(tc.ref, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q): %v, want %q in it", tc.ref, err, tc.want)
		}
	}
}

// TestRegionDateOutOfRunSaysWhatToDo checks that a date outside a region's run says what to do,
// as a scenario's does, with the region's years: a region intervention's date and its cost's,
// an intervention the region file gives a council, and one of a council's scenario file.
func TestRegionDateOutOfRunSaysWhatToDo(t *testing.T) {
	hint := ": give the region years: 4 (--years 4 on the command line) to run to it, or move the date into the run"
	two := strings.Replace(twoCouncils, "{name: b, zone: z,", "{name: b, zone: z, scenario: late.yaml,", 1) +
		"  - {name: c, zone: z, size: {children_in_care: 100}, interventions: [{action: extra_approvals, from: 2029-06-01, kind: inhouse_foster, per_year: 2}]}\n" +
		"markets: [{kind: ifa, providers: [{name: p, zone: z, places: 10}]}]\n" +
		"interventions: [{name: shut, action: provider_exit, on: 2029-05-01, market: ifa, provider: p, cost: {one_off_gbp: 1000, one_off_on: 2029-07-01}}]\n"
	dir := writeFiles(t, map[string]string{
		"two.yaml":  two,
		"late.yaml": "name: late\nextends: default\ninterventions:\n  - {action: extra_approvals, from: 2029-04-01, kind: inhouse_foster, per_year: 2}\n",
	})
	_, err := LoadRegion(filepath.Join(dir, "two.yaml"), nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"councils.b.scenario.interventions[0].from: 2029-04-01 is outside the run (2026-04-01 to 2027-03-31)" + hint,
		"councils.c.interventions[0].from: 2029-06-01 is outside the run (2026-04-01 to 2027-03-31)" + hint,
		"interventions[0].on: 2029-05-01 is outside the run (2026-04-01 to 2027-03-31)" + hint,
		"interventions[0].cost.one_off_on: 2029-07-01 is outside the run (2026-04-01 to 2027-03-31)" + hint,
	} {
		if !strings.Contains(err.Error()+"\n", want+"\n") {
			t.Errorf("got\n%v\nwant a line ending %q", err, want)
		}
	}
}
