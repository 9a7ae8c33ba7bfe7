package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// problemsOf returns the problems of err a line each, or "ok".
func problemsOf(err error) string {
	if err == nil {
		return "ok"
	}
	var lines []string
	for _, p := range Problems(err) {
		lines = append(lines, p.Error())
	}
	return strings.Join(lines, "\n")
}

// TestMergeByNameMisspelt checks that an item of a list merged by name whose name is a
// misspelling of one the base has is refused, not added as an item of its own, and that a
// name of its own (or a number in a series) is added.
func TestMergeByNameMisspelt(t *testing.T) {
	small := "name: small\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: north, miles: {north: 10}}\n" +
		"councils:\n  - {name: kent, zone: north, scenario: default, size: {children_in_care: 100}}\n"
	dir := writeFiles(t, map[string]string{"small.yaml": small,
		"h1.yaml": "extends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Home 1, beds: 3, fixed_cost_per_year_gbp: 900000}\n      - {name: Home A, beds: 3, fixed_cost_per_year_gbp: 900000}\n"})
	for _, tc := range []struct{ name, file, text, want string }{
		{"a home one letter short", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - name: Oak Hous\n        beds: 3\n",
			`h.yaml:6:15: kinds[0].homes[0].name: no home "Oak Hous" in the scenario this file extends: did you mean Oak House? (to add a home, give it a name of its own)`},
		{"a home in another case", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: ash house, beds: 3}\n",
			`h.yaml:6:16: kinds[0].homes[0].name: no home "ash house" in the scenario this file extends: did you mean Ash House? (to add a home, give it a name of its own)`},
		{"a kind misspelt", "k.yaml",
			"name: t\nextends: default\nkinds:\n  - {name: ifaa, weekly_gbp: 900}\n",
			`k.yaml:4:12: kinds[0].name: no kind "ifaa" in the scenario this file extends: did you mean ifa? (to add a kind, give it a name of its own)`},
		{"a home of its own", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Elm House, beds: 3, fixed_cost_per_year_gbp: 900000}\n",
			"ok"},
		{"a numbered home", "h.yaml",
			"name: t\nextends: h1.yaml\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Home 2, beds: 3, fixed_cost_per_year_gbp: 900000}\n",
			"ok"},
		{"a lettered home", "h.yaml",
			"name: t\nextends: h1.yaml\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Home B, beds: 3, fixed_cost_per_year_gbp: 900000}\n",
			"ok"},
		{"a kind of its own, named after another", "k.yaml",
			"name: t\nextends: default\nkinds:\n  - {name: ifa_2, label: A second agency, category: foster, supply: market, weekly_gbp: 900}\n",
			"k.yaml:4:12: kinds[0]: ifa_2: no ladder or step_down.try names it, so no child is placed there: add it to a ladder's try (or step_down.try), or leave the kind out"},
		{"a kind of its own, numbered after another", "k.yaml",
			"name: t\nextends: default\nkinds:\n  - {name: specialist_foster_2, label: More specialist carers, category: foster, supply: market, weekly_gbp: 900}\n",
			"k.yaml:4:12: kinds[0]: specialist_foster_2: no ladder or step_down.try names it, so no child is placed there: add it to a ladder's try (or step_down.try), or leave the kind out"},
		{"a home without its space", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: OakHouse, beds: 3}\n",
			`h.yaml:6:16: kinds[0].homes[0].name: no home "OakHouse" in the scenario this file extends: did you mean Oak House? (to add a home, give it a name of its own)`},
		{"a home two letters short", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Oak Hou, beds: 3}\n",
			`h.yaml:6:16: kinds[0].homes[0].name: no home "Oak Hou" in the scenario this file extends: did you mean Oak House? (to add a home, give it a name of its own)`},
		{"a council misspelt", "r.yaml",
			"extends: small.yaml\ncouncils:\n  - {name: kentt, size: {children_in_care: 120}}\n",
			`r.yaml:3:12: councils[0].name: no council "kentt" in the region this file extends: did you mean kent? (to add a council, give it a name of its own)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			p := filepath.Join(dir, tc.file)
			if tc.file == "r.yaml" {
				_, err = ParseRegion(strings.NewReader(tc.text), p, nil)
			} else {
				_, err = Parse(strings.NewReader(tc.text), p, nil)
			}
			got := strings.ReplaceAll(problemsOf(err), dir+string(filepath.Separator), "")
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestSyntaxErrors checks that a YAML syntax error is said in plain words at its line, and
// its column where a scan of the text finds it.
func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"a { never closed", "name: t\nextends: default\nyears: 5\nentries: {per_year: 5\n",
			"f.yaml:4:10: a { is never closed"},
		{"a { never closed, more after", "name: t\nextends: default\nentries: {per_year: 5\nyears: 5\n",
			"f.yaml:3:10: a { is never closed"},
		{"a [ closed by a }", "name: t\nkinds: [{name: a, accepts: {needs: [standard}}]\n",
			"f.yaml:2:36: a [ is never closed"},
		{"a ] too many", "name: t\nyears: 5\nladders: []]\n",
			"f.yaml:3:12: a ] closes nothing"},
		{"a \" never closed", "name: t\ndescription: \"what if\nyears: 5\n",
			"f.yaml:2:14: a \" is never closed"},
		{"a second colon on line 1", "name: t: x\n",
			`f.yaml:1:8: a second ': ' on one line: quote the value (name: "t: x")`},
		{"a second colon further down", "name: t\nyears: 5\ndescription: what if: more carers # a question\n",
			`f.yaml:3:21: a second ': ' on one line: quote the value (description: "what if: more carers")`},
		{"a key under a value", "name: t\nentries:\n  per_year: 270\n   trend_per_year: 0.01\n",
			"f.yaml:4:4: a key where none can be: is it indented under a value, or further than the keys beside it?"},
		{"a tab indents", "name: t\nextends: default\nentries:\n\tper_year: 5\n",
			"f.yaml:4:1: tabs cannot indent YAML: use spaces"},
		{"a tab after spaces", "name: t\nentries:\n  per_year: 5\n  \ttrend_per_year: 0.01\n",
			"f.yaml:4:3: tabs cannot indent YAML: use spaces"},
		{"a list item out of line", "name: t\nladders:\n  - who: {ages: 0-17}\n - try: [ifa]\n",
			"f.yaml:4:2: this line does not fit the mapping around it: check its indentation, and for a ] or } too many"},
		{"a list item's key out of line", "name: t\nextends: default\nladders:\n  - who: {ages: 0-17}\n    try: [ifa]\n" +
			"  - who: {ages: 0-17}\n    try: [ifa]\n  - who: {ages: 0-17}\n   try: [ifa]\n",
			"f.yaml:9:4: this line does not fit the list around it: check its indentation (each item begins with '- ')"},
		{"a list item's key out of line, after nested lines", "name: t\nextends: default\nladders:\n  -\n    who:\n      ages: 0-17\n" +
			"    try: [ifa]\n  - who: {ages: 0-17}\n    try: [ifa]\n\n    # a comment\n  - who: {ages: 0-17,\n      needs: [standard]}\n   try: [ifa]\n",
			"f.yaml:14:4: this line does not fit the list around it: check its indentation (each item begins with '- ')"},
		{"a { } list item indented too deep", "name: t\nextends: default\nladders:\n  - {who: {ages: 0-17}, try: [ifa]}\n" +
			"  - {who: {ages: 0-17}, try: [ifa]}\n    - {who: {ages: 0-17}, try: [ifa]}\n",
			"f.yaml:6:5: this line does not fit the list around it: check its indentation (each item begins with '- ')"},
		{"a list item indented too deep under a key", "name: t\nextends: default\nentries:\n  per_year: 260\n  ages:\n" +
			"    - {ages: 0, share: 0.5}\n\n    # older\n      - {ages: 1-17, share: 0.5}\n",
			"f.yaml:9:7: this line does not fit the list around it: check its indentation (each item begins with '- ')"},
		{"a list item indented one space too far", "name: t\nextends: default\nentries:\n  ages:\n" +
			"    - {ages: 0, share: 0.5}\n     - {ages: 1-17, share: 0.5}\n",
			"f.yaml:6:6: this line does not fit the list around it: check its indentation (each item begins with '- ')"},
		{"a list item indented one space short, under a key", "name: t\nextends: default\nentries:\n  per_year: 260\n  ages:\n" +
			"    - {ages: 0, share: 0.5}\n   - {ages: 1-17, share: 0.5}\n",
			"f.yaml:7:4: this line does not fit the mapping around it: check its indentation, and for a ] or } too many"},
		{"a block list item indented too deep", "name: t\nextends: default\nladders:\n  - who: {ages: 0-17}\n    try: [ifa]\n" +
			"  - who: {ages: 0-17}\n    try: [ifa]\n    - who: {ages: 0-17}\n      try: [ifa]\n",
			"f.yaml:8:5: this line does not fit the mapping around it: check its indentation, and for a ] or } too many"},
		{"an @", "name: @home\n",
			"f.yaml:1: a value cannot begin with @ or `: quote it"},
		{"an alias of nothing", "name: t\nyears: *y\n",
			"f.yaml:2:8: *y names no &y anchor before it"},
		// Saved as Windows-1252 or Latin-1: yaml.v3 says "invalid trailing UTF-8 octet" at line 1.
		{"not UTF-8", "extends: default\nyears: 10\n\n\ndescription: \"Caf\xe9\"\n",
			"f.yaml:5:18: the file is not in UTF-8: byte 0xE9 (\"é\" in Windows-1252) here is not UTF-8 text; save the file as UTF-8 (in most editors, Save as… and choose the encoding UTF-8)"},
		{"not UTF-8 after UTF-8", "name: t\ndescription: \"Caf\u00e9 \x80\"\n",
			"f.yaml:2:20: the file is not in UTF-8: byte 0x80 here is not UTF-8 text; save the file as UTF-8 (in most editors, Save as… and choose the encoding UTF-8)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), "f.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestByteOrderMarks checks that a file that begins with two UTF-8 byte-order marks, as one
// saved by two editors in turn, reads as the file without them: scenario and region alike.
func TestByteOrderMarks(t *testing.T) {
	bom := "\xef\xbb\xbf"
	dir := writeFiles(t, map[string]string{
		"s.yaml": bom + bom + "name: t\nextends: default\nyears: 5\n",
		"r.yaml": bom + bom + "councils:\n  - {name: a, zone: z, scenario: s.yaml, size: {children_in_care: 100}}\n" +
			"name: small\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: z, miles: {z: 10}}\n",
	})
	s, err := Load(filepath.Join(dir, "s.yaml"), nil)
	if err != nil || s.Years != 5 || s.Name != "t" {
		t.Errorf("scenario: %v", problemsOf(err))
	}
	if !IsRegion(filepath.Join(dir, "r.yaml")) {
		t.Errorf("r.yaml is not read as a region")
	}
	if r, err := LoadRegion(filepath.Join(dir, "r.yaml"), nil); err != nil || len(r.Councils) != 1 {
		t.Errorf("region: %v", problemsOf(err))
	}
	if _, err := ParseDocument(bom + bom + "name: t\n"); err != nil {
		t.Errorf("document: %v", err)
	}
}

// TestNotAFile checks that a folder given where a scenario or region file is wanted, or a file
// that cannot be read, is said to be so, not to be missing.
func TestNotAFile(t *testing.T) {
	region := func(scenario string) string {
		return "name: r\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: z, miles: {z: 10}}\n" +
			"councils:\n  - {name: a, zone: z, scenario: " + scenario + ", size: {children_in_care: 100}}\n"
	}
	dir := writeFiles(t, map[string]string{
		"adir/keep":  "",
		"ext.yaml":   "name: t\nextends: adir\n",
		"reg.yaml":   region("adir"),
		"regx.yaml":  "extends: adir\ncouncils:\n  - {name: b, zone: z, scenario: default, size: {children_in_care: 100}}\n",
		"plain.yaml": "name: t\nextends: default\n",
	})
	t.Chdir(dir)
	for _, tc := range []struct {
		name string
		load func() error
		want string
	}{
		{"a folder", func() error { _, err := Load("adir", nil); return err }, "adir: is a folder, not a scenario file"},
		{"extends a folder", func() error { _, err := Load("ext.yaml", nil); return err }, "ext.yaml:2:10: extends: adir is a folder, not a scenario file"},
		{"a region's folder", func() error { _, err := LoadRegion("adir", nil); return err }, "adir: is a folder, not a region file"},
		{"a council's scenario a folder", func() error { _, err := LoadRegion("reg.yaml", nil); return err },
			"reg.yaml:7:34: councils.a.scenario: adir is a folder, not a scenario file"},
		{"a region extends a folder", func() error { _, err := LoadRegion("regx.yaml", nil); return err },
			"regx.yaml:1:10: extends: adir is a folder, not a region file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := problemsOf(tc.load()); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}

	// A file the user may not read: root reads every file, so only another user sees this.
	if err := os.Chmod("plain.yaml", 0); err != nil {
		t.Fatal(err)
	}
	if f, err := os.Open("plain.yaml"); err == nil {
		f.Close()
		t.Skip("the file can be read whatever its mode (the tests run as root)")
	}
	if _, err := Load("plain.yaml", nil); problemsOf(err) != "plain.yaml: cannot be read: permission denied" {
		t.Errorf("got %v", problemsOf(err))
	}
	if err := os.WriteFile("ext2.yaml", []byte("name: t\nextends: plain.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load("ext2.yaml", nil); problemsOf(err) != "ext2.yaml:2:10: extends: plain.yaml cannot be read: permission denied" {
		t.Errorf("got %v", problemsOf(err))
	}
}

// TestRegionBlame checks that a region's problems are reported at what gave the value: a
// distance set by --set once, as the override, and not again at the zone whose way back it
// becomes; and that a council's set is said to take PATH=VALUE overrides.
func TestRegionBlame(t *testing.T) {
	reg := "name: reg\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: north, miles: {north: 10, south: 40}}\n" +
		"  - name: south\n    miles: {south: 10}\ncouncils:\n" +
		"  - {name: a, zone: north, scenario: default, size: {children_in_care: 100}}\n"
	for _, tc := range []struct{ name, text, set, want string }{
		{"a distance by --set", reg, "zones.north.miles.south=2000",
			"--set zones.north.miles.south=2000: zones.north.miles.south: must be between 0 and 1,000 miles"},
		{"a distance in the file", strings.Replace(reg, "south: 40", "south: 4000", 1), "",
			"reg.yaml:5:45: zones[0].miles.south: must be between 0 and 1,000 miles"},
		{"a council's set a mapping", strings.Replace(reg, "size: {children_in_care: 100}}", "size: {children_in_care: 100}, set: {a: b}}", 1), "",
			"reg.yaml:9:83: councils.a.set: must be a PATH=VALUE override or a list of them, such as [entries.per_year=360], not a mapping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sets []string
			if tc.set != "" {
				sets = []string{tc.set}
			}
			_, err := ParseRegion(strings.NewReader(tc.text), "reg.yaml", sets)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestNumberHints checks that a number written as a person writes it on paper is refused with
// what to write instead.
func TestNumberHints(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"thousands", "child_population: 1,200\n", "f.yaml:4:19: child_population: must be a whole number: write 1200"},
		{"thousands of a number", "entries:\n  per_year: 1,200.5\n", "f.yaml:5:13: entries.per_year: must be a number: write 1200.5"},
		// 1200.5 is no share: not offered.
		{"thousands of a share", "escalation_share: 1,200.5\n", "f.yaml:4:19: escalation_share: must be a number (1,200.5 is 1200.5, which this field does not take)"},
		{"decimal comma", "escalation_share: 0,006\n", "f.yaml:4:19: escalation_share: must be a number: a comma is not a decimal point here: for 0.006 write 0.006"},
		{"quoted", "entries:\n  per_year: \"360\"\n", "f.yaml:5:13: entries.per_year: must be a number: write 360, without quotes"},
		{"quoted count", "warmup_years: '1'\n", "f.yaml:4:15: warmup_years: must be a whole number: write 1, without quotes"},
		{"per cent", "entries:\n  siblings: {share: 12.5%}\n", "f.yaml:5:21: entries.siblings.share: must be a number: write 0.125 for 12.5%"},
		{"per cent for a count", "warmup_years: 10%\n", "f.yaml:4:15: warmup_years: must be a whole number"},
		{"not a number", "inflation_per_year: abc\n", "f.yaml:4:21: inflation_per_year: must be a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader("name: t\nextends: default\nyears: 5\n"+tc.text), "f.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestSetShapeFollowOns checks that a --set that replaces a whole mapping or list with a single
// value is the one problem reported, not the files' every mention of what it replaced.
func TestSetShapeFollowOns(t *testing.T) {
	for _, tc := range []struct{ set, want string }{
		{"kinds.ifa=5", "--set kinds.ifa=5: kinds.ifa: must be a mapping of name, label, category, supply, ..., not a single value"},
		{"kinds=5", "--set kinds=5: kinds: must be a list, not a single value"},
		{"ladders[0].try={a: 1}", "--set ladders[0].try={a: 1}: ladders[0].try: must be a name or a list of names, not a mapping"},
	} {
		t.Run(tc.set, func(t *testing.T) {
			_, err := Load("default", []string{tc.set})
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestBadClockAlone checks that a start or years that fail their checks are the only problem
// said of the dates that depend on them: an intervention's date is not checked against a run
// the file does not mean.
func TestBadClockAlone(t *testing.T) {
	const iv = "interventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: 2027-04-01, per_year: 5,\n" +
		"     cost: {one_off_gbp: 1000, one_off_on: 2027-05-01, per_year_gbp: 100, per_year_from: 2027-04-01}}\n"
	for _, tc := range []struct{ name, text, want string }{
		{"a start not read", "name: t\nextends: default\nstart: 2026-4-1\n" + iv,
			`f.yaml:3:8: start: must be a date such as 2027-04-01, not "2026-4-1"`},
		{"a start out of range", "name: t\nextends: default\nstart: 1990-04-01\n" + iv,
			"f.yaml:3:8: start: must be between 2000-01-01 and 2100-12-31"},
		{"years out of range", "name: t\nextends: default\nyears: 0\n" + iv,
			"f.yaml:3:8: years: must be between 1 and 50 years"},
		{"a good start, a date outside", "name: t\nextends: default\nstart: 2030-04-01\nwarmup_years: 0\n" + iv,
			"f.yaml:6:59: interventions[0].from: 2027-04-01 is outside the run (2030-04-01 to 2040-03-31): move the date on or after 2030-04-01\n" +
				"f.yaml:7:44: interventions[0].cost.one_off_on: 2027-05-01 is outside the run (2030-04-01 to 2040-03-31): move the date on or after 2030-04-01\n" +
				"f.yaml:7:90: interventions[0].cost.per_year_from: 2027-04-01 is outside the run (2030-04-01 to 2040-03-31): move the date on or after 2030-04-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), "f.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestCommaSplitsMapping checks that a number written with a comma inside { }, which YAML
// reads as the end of the value and a key of the digits after it, is said to be so at the
// value, with what to write, not as an unknown key or need.
func TestCommaSplitsMapping(t *testing.T) {
	const base = "name: t\nextends: default\n"
	for _, tc := range []struct{ name, text, want string }{
		{"a count", base + "stock: [{kind: ifa, ages: 0-17, count: 1,198}]\n",
			"f.yaml:3:40: stock[0].count: a comma splits a { } mapping: write 1198"},
		{"a price by need", base + "kinds: [{name: ifa, weekly_gbp: {standard: £1,250}}]\n",
			`f.yaml:3:44: kinds[0].weekly_gbp.standard: a comma splits a { } mapping: quote "£1,250", or write £1250`},
		{"a price in a merged mapping", base + "entries: {per_year: 1,200}\n",
			"f.yaml:3:21: entries.per_year: a comma splits a { } mapping: write 1200"},
		{"a cost of a block of beds", base + "kinds:\n  - name: block_residential\n    block_beds:\n" +
			"      - {beds: 2, cost_per_bed_per_year_gbp: £260,000}\n",
			`f.yaml:6:46: kinds[0].block_beds[0].cost_per_bed_per_year_gbp: a comma splits a { } mapping: quote "£260,000", or write £260000`},
		{"a key of digits with a space before it", base + "stock: [{kind: ifa, ages: 0-17, count: 1, 198}]\n",
			`f.yaml:3:43: stock[0].198: unknown key "198" (allowed: kind, ages, count, needs, male_share, uasc, homes_share)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), "f.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestCarerAgesOnce checks that a mistake in a carers' kind's ages is said once, at ages, not
// again at new_carer_ages, which the file leaves to default to a copy of ages; a mistake in a
// new_carer_ages the file gives is said at it.
func TestCarerAgesOnce(t *testing.T) {
	const kind = "name: t\nextends: default\nkinds:\n  - name: local_carers\n    category: foster\n    supply: carers\n" +
		"    weekly_gbp: 400\n    carers:\n      households: 10\n"
	for _, tc := range []struct{ name, text, want string }{
		{"ages alone", kind + "      ages: [{ages: 16-60, share: 1}]\n",
			"f.yaml:10:21: kinds[0].carers.ages[0].ages: must lie within 18-100 with FROM <= TO"},
		{"new carers' ages given", kind + "      ages: [{ages: 25-60, share: 1}]\n      new_carer_ages: [{ages: 16-60, share: 1}]\n",
			"f.yaml:11:31: kinds[0].carers.new_carer_ages[0].ages: must lie within 18-100 with FROM <= TO"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), "f.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestDecimalNumbers checks that a number in a file or a --set is read in decimal, as a person
// means it (010 is ten, where YAML 1.1 reads octal eight), and that a number YAML reads in
// another base, or with _ between its digits, is refused with what to write.
func TestDecimalNumbers(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		sets       []string
		want       string // the problems, or the values read as child_population, entries.per_year, approvals
	}{
		{"leading zeros", "child_population: 0260000\nentries:\n  per_year: 0360\n", nil, "260000 360 21"},
		{"leading zeros in --set", "", []string{"kinds.inhouse_foster.carers.approvals_per_year=033"}, "150000 260 33"},
		{"exponents", "child_population: 1.2e5\nentries:\n  per_year: 036e1\n", nil, "120000 360 21"},
		// A + sign makes a value a change in the workspace: here, where it would quietly be
		// the value itself, it is refused.
		{"a + sign", "child_population: +1.2e5\n", nil, `f.yaml:4:19: child_population: "+1.2e5": a + sign reads as a change in the workspace (1.2e5 more than the baseline's value); here give the value itself, such as 1.2e5`},
		{"a + sign in --set", "", []string{"entries.per_year=+10"}, `--set entries.per_year=+10: entries.per_year: "+10": a + sign reads as a change in the workspace (10 more than the baseline's value); here give the value itself, such as 10`},
		// "+-5" is no change of -5: it has two signs.
		{"a + and a - sign in --set", "", []string{"entries.per_year=+-5"}, `--set entries.per_year=+-5: entries.per_year: "+-5" has both a + and a - sign: it is neither a value nor a change of one; give the value itself`},
		{"a + sign on a share", "", []string{"entries.siblings.share=+0.5"}, `--set entries.siblings.share=+0.5: entries.siblings.share: "+0.5": a + sign reads as a change in the workspace (0.5 more than the baseline's value); here give the value itself, such as 0.5`},
		// The value without its + sign is offered only when it would be taken: 0x10 and .inf
		// were offered, then refused.
		{"a + sign before hexadecimal", "entries:\n  per_year: +0x10\n", nil, `f.yaml:5:13: entries.per_year: "+0x10": a + sign reads as a change in the workspace (0x10 more than the baseline's value); here give the value itself`},
		{"a + sign before .inf", "entries:\n  per_year: +.inf\n", nil, `f.yaml:5:13: entries.per_year: "+.inf": a + sign reads as a change in the workspace (.inf more than the baseline's value); here give the value itself`},
		{"a + sign before a duration", "", []string{`step_down.review_days="+8 months"`}, `--set step_down.review_days="+8 months": step_down.review_days: "+8 months": a + sign reads as a change in the workspace (8 months more than the baseline's value); here give the value itself, such as 8 months`},
		{"a + sign before a bad duration", "", []string{`step_down.review_days="+0x1p4"`}, `--set step_down.review_days="+0x1p4": step_down.review_days: "+0x1p4": a + sign reads as a change in the workspace (0x1p4 more than the baseline's value); here give the value itself`},
		{"a - sign where a value may be negative", "", []string{"entries.trend_per_year=-0.02"}, "150000 260 21"},
		{"hexadecimal", "child_population: 0x10\n", nil, "f.yaml:4:19: child_population: must be a whole number written in decimal digits, not 0x10"},
		{"octal", "entries:\n  per_year: 0o10\n", nil, "f.yaml:5:13: entries.per_year: must be a number written in decimal digits, not 0o10"},
		{"binary in --set", "", []string{"entries.per_year=-0b11"}, "--set entries.per_year=-0b11: entries.per_year: must be a number written in decimal digits, not -0b11"},
		{"underscores", "child_population: 115_000\n", nil, "f.yaml:4:19: child_population: must be a whole number: write 115000, without _"},
		{"underscores in days", "emergency:\n  retry_days: \"1_0\"\n", nil, `f.yaml:5:15: emergency.retry_days: must be a number of days or a duration such as "8 months", "1_0" is neither`},
		{"hexadecimal days", "step_down:\n  review_days: 0x1p6\n", nil, `f.yaml:5:16: step_down.review_days: must be a number of days or a duration such as "8 months", "0x1p6" is neither`},
		{"hexadecimal days in --set", "", []string{`step_down.review_days="0x1p4"`}, `--set step_down.review_days="0x1p4": step_down.review_days: must be a number of days or a duration such as "8 months", "0x1p4" is neither`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(strings.NewReader("name: t\nextends: default\nyears: 5\n"+tc.text), "f.yaml", tc.sets)
			got := problemsOf(err)
			if err == nil {
				got = fmt.Sprint(s.ChildPopulation, s.Entries.PerYear, s.Kinds[1].Carers.ApprovalsPerYear)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestDecimalNumbersOfRegions checks that a region file and its --set read numbers in decimal
// as a scenario file does.
func TestDecimalNumbersOfRegions(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		sets       []string
		want       string // the problems, or the years and warm-up read
	}{
		{"leading zeros", "years: 010\n", []string{"warmup_years=02"}, "10 2"},
		{"hexadecimal", "years: 0x3\n", nil, "r.yaml:3:8: years: must be a whole number written in decimal digits, not 0x3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg, err := ParseRegion(strings.NewReader("name: r\nextends: south-east\n"+tc.text), "r.yaml", tc.sets)
			got := problemsOf(err)
			if err == nil {
				got = fmt.Sprint(reg.Years, reg.WarmupYears)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestNumberKeys checks that a key written as a whole number is the number, leading zeros and
// all: places_mix's 01 is its 1, given twice beside a 1 and merged with the 1 of the scenario
// it extends, and the scenario written back reloads.
func TestNumberKeys(t *testing.T) {
	const head = "name: t\nextends: default\nkinds: [{name: inhouse_foster, carers: {places_mix: "
	for _, tc := range []struct{ name, mix, want string }{
		{"given twice", "{1: 0.3, 2: 0.33, 3: 0.35, 4: 0.02, 01: 0}", "f.yaml:3:89: kinds[0].carers.places_mix.01: given twice (first on line 3)"},
		{"merged with the parent's", "{01: 0.3, 02: 0.33, 03: 0.35, 004: 0.02}", "[{1 0.3} {2 0.33} {3 0.35} {4 0.02}]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(strings.NewReader(head+tc.mix+"}}]\n"), "f.yaml", nil)
			got := problemsOf(err)
			if err == nil {
				got = fmt.Sprint(s.Kinds[1].Carers.PlacesMix)
				var b strings.Builder
				if err := Encode(&b, s, EncodeOptions{}); err != nil {
					t.Fatal(err)
				}
				if _, err := Parse(strings.NewReader(b.String()), "scenario.yaml", nil); err != nil {
					t.Errorf("the scenario written does not reload: %v", err)
				}
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
