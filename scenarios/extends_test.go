package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// base is a small complete scenario that the extends tests build on.
const base = `name: base
description: The base.
start: 2026-04-01
years: 5
entries:
  per_year: 100
  ages: [{ages: 0-17, share: 1}]
stays:
  - who: {ages: 0-17}
    stay: {distribution: exponential, mean_days: 365}
    exits: {return_home: 1}
kinds:
  - name: inhouse_foster
    category: foster
    supply: carers
    weekly_gbp: 600
    carers: {households: 10, places_mix: {1: 0.5, 2: 0.5}}
  - name: ifa
    category: foster
    supply: market
    weekly_gbp: {standard: 900, complex: 1200}
  - name: homes
    category: residential
    supply: homes
    homes:
      - {name: Oak, beds: 4, fixed_cost_per_year_gbp: 1000000}
      - {name: Ash, beds: 3}
ladders:
  - who: {ages: 0-17}
    try: [inhouse_foster, ifa, homes]
interventions:
  - {action: entry_rate, from: 2027-04-01, factor: 0.9}
`

func kindNames(s *model.Scenario) []string {
	var out []string
	for _, k := range s.Kinds {
		out = append(out, k.Name)
	}
	return out
}

func TestExtends(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.yaml": base,
		"child.yaml": `extends: base.yaml
years: 8
entries:
  per_year: 120              # merged key by key: ages come from base
kinds:
  - name: ifa                # merged by name
    weekly_gbp: {complex: 1300}
  - name: homes
    homes:
      - {name: Ash, beds: 4} # merged by name inside the kind
      - {name: Elm, beds: 2} # appended
  - name: kinship            # appended
    category: foster
    supply: market
ladders:                     # replaced whole
  - who: {ages: 0-17}
    try: [kinship, ifa, inhouse_foster, homes]
interventions:               # appended to base's
  - {action: stepdown_rate, from: 2028-04-01, factor: 2}
`,
		"sub/grandchild.yaml": `extends: ../child.yaml
name: grandchild
entries: {trend_per_year: 0.02}
`,
	})
	s := load(t, filepath.Join(dir, "child.yaml"))
	t.Run("scalars and mappings", func(t *testing.T) {
		if s.Name != "child" || s.Description != "" {
			t.Errorf("name %q description %q: want the file's own (child, empty), not inherited", s.Name, s.Description)
		}
		if s.Years != 8 || s.Entries.PerYear != 120 || len(s.Entries.Ages) != 1 {
			t.Errorf("years %d per_year %v ages %v", s.Years, s.Entries.PerYear, s.Entries.Ages)
		}
	})
	t.Run("kinds by name", func(t *testing.T) {
		if got, want := kindNames(s), []string{"inhouse_foster", "ifa", "homes", "kinship"}; !slices.Equal(got, want) {
			t.Fatalf("kinds %v, want %v", got, want)
		}
		if got := s.Kinds[1].WeeklyCostGBP; got != [3]float64{900, 1300, 0} {
			t.Errorf("ifa weekly_gbp %v, want [900 1300 0]", got)
		}
		if s.Kinds[1].Supply != model.Market || s.Kinds[0].Carers.Households != 10 {
			t.Errorf("fields not given in the child were lost: %+v", s.Kinds[1])
		}
		want := []model.Home{
			{Name: "Oak", Beds: 4, Local: true, FixedCostPerYearGBP: 1000000},
			{Name: "Ash", Beds: 4, Local: true},
			{Name: "Elm", Beds: 2, Local: true},
		}
		if !slices.Equal(s.Kinds[2].Homes, want) {
			t.Errorf("homes %v, want %v", s.Kinds[2].Homes, want)
		}
	})
	t.Run("lists", func(t *testing.T) {
		if len(s.Ladders) != 1 || !slices.Equal(s.Ladders[0].Try, []model.KindID{3, 1, 0, 2}) {
			t.Errorf("ladders %v, want one ladder [kinship ifa inhouse_foster homes]", s.Ladders)
		}
		if len(s.Interventions) != 2 || s.Interventions[0].Action != model.EntryRate || s.Interventions[1].Action != model.StepDownRate {
			t.Errorf("interventions %v, want base's then child's", s.Interventions)
		}
	})
	t.Run("chain", func(t *testing.T) {
		g := load(t, filepath.Join(dir, "sub", "grandchild.yaml"))
		if g.Name != "grandchild" || g.Years != 8 || g.Entries.PerYear != 120 || g.Entries.TrendPerYear != 0.02 || len(g.Kinds) != 4 {
			t.Errorf("grandchild: name %q years %d entries %+v kinds %v", g.Name, g.Years, g.Entries, kindNames(g))
		}
	})
	t.Run("built-in", func(t *testing.T) {
		d := load(t, filepath.Join(writeFiles(t, map[string]string{"x.yaml": "extends: default\nyears: 3\n"}), "x.yaml"))
		def := load(t, "default")
		if d.Years != 3 || d.Name != "x" || len(d.Kinds) != len(def.Kinds) || len(d.Stock) != len(def.Stock) {
			t.Errorf("extends default: years %d name %q kinds %d", d.Years, d.Name, len(d.Kinds))
		}
	})
}

// TestReplaceHomes checks replace_homes: a kind that says it takes its file's homes alone, in
// place of its parent's, and a scenario whose homes are not its base's with others after them
// is written so, and reads back as it was.
func TestReplaceHomes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.yaml": base,
		"child.yaml": `extends: base.yaml
kinds:
  - name: homes
    replace_homes: true
    homes:
      - {name: Home 1, beds: 3}
`,
	})
	s := load(t, filepath.Join(dir, "child.yaml"))
	if want := []model.Home{{Name: "Home 1", Beds: 3, Local: true}}; !slices.Equal(s.Kinds[2].Homes, want) {
		t.Errorf("homes %v, want %v alone", s.Kinds[2].Homes, want)
	}
	parent := load(t, filepath.Join(dir, "base.yaml"))
	for _, homes := range [][]model.Home{
		{{Name: "Elm", Beds: 2, Local: true}},
		{{Name: "Oak", Beds: 4, Local: true, FixedCostPerYearGBP: 1000000}},
		{{Name: "Ash", Beds: 1, Local: true}, {Name: "Oak", Beds: 4, Local: true, FixedCostPerYearGBP: 1000000}},
	} {
		c := *parent
		c.Kinds = slices.Clone(parent.Kinds)
		c.Kinds[2].Homes = homes
		var b bytes.Buffer
		if err := Encode(&b, &c, EncodeOptions{Base: parent, Extends: "base.yaml"}); err != nil {
			t.Fatalf("%v: %v", homes, err)
		}
		if !strings.Contains(b.String(), "replace_homes: true") {
			t.Errorf("%v: the file does not say replace_homes:\n%s", homes, b.String())
		}
		out := filepath.Join(dir, "out.yaml")
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := load(t, out).Kinds[2].Homes; !slices.Equal(got, homes) {
			t.Errorf("read back, homes %v, want %v", got, homes)
		}
	}
}

// TestReplaceHomesChecked checks that replace_homes is a boolean as the others are (True
// replaces the parent's homes; yes, 1 or "true" are refused, not read as false), and that it is
// refused where it could do nothing: without homes, on a kind not supplied by homes, in a file
// that extends nothing, and in a --set, which applies after extends.
func TestReplaceHomesChecked(t *testing.T) {
	kind := func(name, rest string) string {
		return "extends: base.yaml\nkinds:\n  - name: " + name + "\n" + rest
	}
	dir := writeFiles(t, map[string]string{
		"base.yaml":    base,
		"True.yaml":    kind("homes", "    replace_homes: True\n    homes:\n      - {name: Home 1, beds: 3}\n"),
		"yes.yaml":     kind("homes", "    replace_homes: yes\n    homes:\n      - {name: Home 1, beds: 3}\n"),
		"one.yaml":     kind("homes", "    replace_homes: 1\n    homes:\n      - {name: Home 1, beds: 3}\n"),
		"quoted.yaml":  kind("homes", "    replace_homes: \"true\"\n    homes:\n      - {name: Home 1, beds: 3}\n"),
		"maybe.yaml":   kind("homes", "    replace_homes: maybe\n    homes:\n      - {name: Home 1, beds: 3}\n"),
		"nohomes.yaml": kind("homes", "    replace_homes: true\n"),
		"ifa.yaml":     kind("ifa", "    replace_homes: true\n"),
		"alone.yaml":   strings.Replace(base, "name: homes\n", "name: homes\n    replace_homes: true\n", 1),
		// A file that extends one saying replace_homes with its homes may add homes of its own.
		"on.yaml": "extends: True.yaml\nkinds:\n  - name: homes\n    homes:\n      - {name: Home 2, beds: 2}\n",
	})
	if got := load(t, filepath.Join(dir, "on.yaml")).Kinds[2].Homes; len(got) != 2 {
		t.Errorf("extending a file that replaces its homes, homes %v, want Home 1 and Home 2", got)
	}
	s := load(t, filepath.Join(dir, "True.yaml"))
	if want := []model.Home{{Name: "Home 1", Beds: 3, Local: true}}; !slices.Equal(s.Kinds[2].Homes, want) {
		t.Errorf("replace_homes: True: homes %v, want %v alone", s.Kinds[2].Homes, want)
	}
	for _, tt := range []struct {
		file string
		set  []string
		want string
	}{
		{"yes.yaml", nil, "yes.yaml:4:20: kinds[0].replace_homes: must be true or false"},
		{"one.yaml", nil, "one.yaml:4:20: kinds[0].replace_homes: must be true or false"},
		{"quoted.yaml", nil, "quoted.yaml:4:20: kinds[0].replace_homes: must be true or false"},
		{"maybe.yaml", nil, "maybe.yaml:4:20: kinds[0].replace_homes: must be true or false"},
		{"nohomes.yaml", nil, "nohomes.yaml:4:20: kinds[0].replace_homes: must come with the kind's homes, which replace those of the scenario extended (give homes, or leave replace_homes out to keep them)"},
		{"ifa.yaml", nil, "ifa.yaml:4:20: kinds[0].replace_homes: is only for a kind supplied by homes"},
		{"alone.yaml", nil, "kinds[2].replace_homes: is only for a file that extends another: it replaces the homes of the scenario extended (leave it out here)"},
		{"base.yaml", []string{"kinds.homes={replace_homes: true, homes: []}"}, "--set kinds.homes={replace_homes: true, homes: []}: replace_homes cannot be set: it says how a file's homes meet those of the scenario it extends, which is resolved before overrides apply: give it in the file, beside the kind's homes"},
		{"base.yaml", []string{"kinds.homes.replace_homes=true"}, "--set kinds.homes.replace_homes=true: replace_homes cannot be set: it says how a file's homes meet those of the scenario it extends, which is resolved before overrides apply: give it in the file, beside the kind's homes"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Load(filepath.Join(dir, tt.file), tt.set)
			wantErr(t, err, tt.want)
		})
	}
}

func TestExtendsErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.yaml": base,
		"a.yaml":    "extends: b.yaml\n",
		"b.yaml":    "extends: c.yaml\n",
		"c.yaml":    "extends: a.yaml\n",
		"self.yaml": "extends: self.yaml\n",
		"bad.yaml": `extends: base.yaml
kinds:
  - name: ifa
    weekly_gbp: -5
`,
		"missing.yaml": "extends: nowhere.yaml\n",
	})
	tests := []struct {
		file string
		want []string
	}{
		{"a.yaml", []string{"c.yaml:1:10: extends: cycle of extends: ", "a.yaml extends ", "b.yaml extends ", "c.yaml extends "}},
		{"self.yaml", []string{"self.yaml:1:10: extends: cycle of extends"}},
		// The bad value is reported where it was written, in the extending file, and a problem
		// in an inherited node is reported in the parent.
		{"bad.yaml", []string{"bad.yaml:4:17: kinds[0].weekly_gbp: must be between £0 and £100,000 a week"}},
		{"missing.yaml", []string{`missing.yaml:1:10: extends: no file "nowhere.yaml" and no built-in scenario`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Load(filepath.Join(dir, tt.file), nil)
			wantErr(t, err, tt.want...)
		})
	}
	t.Run("inherited node", func(t *testing.T) {
		_, err := Load(filepath.Join(dir, "base.yaml"), []string{"kinds.homes.homes.Ash.beds=0"})
		wantErr(t, err, "--set kinds.homes.homes.Ash.beds=0: kinds.homes.homes.Ash.beds: must be between 1 and 100 beds")
		child := writeFiles(t, map[string]string{"base.yaml": base, "c.yaml": "extends: base.yaml\nyears: 0\n"})
		_, err = Load(filepath.Join(child, "c.yaml"), []string{"entries.ages[0].share=2"})
		wantErr(t, err, "c.yaml:2:8: years: must be between 1 and 50 years", "--set entries.ages[0].share=2: entries.ages[0].share: must be a share")
	})
}

// TestExtendingFileFieldNames checks that a problem in a file that extends another names its
// field as that file wrote it, where its line and column point: the items of its own lists
// numbered from 0, though extends merges them after its parent's (ScenarioField keeps the
// merged tree's path, for a program that matches it against the scenario's fields).
func TestExtendingFileFieldNames(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"mid.yaml": "extends: default\nkinds:\n  - {name: extra_home, label: Extra home, category: residential, supply: market, weekly_gbp: -5}\n",
	})
	for _, tc := range []struct {
		name, text string
		want       []string // each problem's text, then its ScenarioField
	}{
		{"a kind added with a bad value", "extends: default\nkinds:\n  - name: extra_home\n    label: Extra home\n    category: residential\n    weekly_cost_gbp: -5\n",
			[]string{
				"f.yaml:3:5: kinds[0].supply: must be given (one of market, carers, homes, block)", "kinds[9].supply",
				`f.yaml:6:5: kinds[0].weekly_cost_gbp: unknown key "weekly_cost_gbp" (allowed: name, label, category, supply, accepts, weekly_gbp, breakdown_per_year, unavailable_share, step_down_ready_share, capacity_places, local_share, carers, homes, replace_homes, block_beds)`, "kinds[9].weekly_cost_gbp",
			}},
		{"a kind changed, then one added", "extends: default\nkinds:\n  - {name: ifa, weekly_gbp: 900}\n  - {name: extra, label: Extra, category: foster, supply: market, weekly_gbp: -1}\n",
			[]string{"f.yaml:4:79: kinds[1].weekly_gbp: must be between £0 and £100,000 a week", "kinds[9].weekly_gbp"}},
		{"a home added to a kind changed", "extends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Elm House, beds: 0, fixed_cost_per_year_gbp: 900000}\n",
			[]string{"f.yaml:5:33: kinds[0].homes[0].beds: must be between 1 and 100 beds", "kinds[4].homes[2].beds"}},
		{"an intervention after the parent's", "extends: recruit-12-net-carers\ninterventions:\n  - {from: 2027-04-01, action: retention, kind: nosuch, factor: 0.9}\n",
			[]string{`f.yaml:3:49: interventions[0].kind: unknown provision kind "nosuch"`, "interventions[5].kind"}},
		{"a problem of the file extended is named as that file wrote it", "extends: mid.yaml\nyears: 3\n",
			[]string{"mid.yaml:3:94: kinds[0].weekly_gbp: must be between £0 and £100,000 a week", "kinds[9].weekly_gbp"}},
		{"a kind of the file extended, changed", "extends: mid.yaml\nkinds:\n  - {name: extra_home, weekly_gbp: 900}\n  - {name: ifa, weekly_gbp: -2}\n",
			[]string{"f.yaml:4:29: kinds[1].weekly_gbp: must be between £0 and £100,000 a week", "kinds[3].weekly_gbp"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), filepath.Join(dir, "f.yaml"), nil)
			var got []string
			for _, p := range Problems(err) {
				var se *Error
				if !errors.As(p, &se) {
					t.Fatalf("problem %v is not an *Error", p)
				}
				got = append(got, strings.ReplaceAll(se.Error(), dir+string(filepath.Separator), ""), se.ScenarioField())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if i%2 == 0 && !strings.HasPrefix(got[i], tc.want[i]) || i%2 == 1 && got[i] != tc.want[i] {
					t.Errorf("got\n%s\nwant\n%s", got[i], tc.want[i])
				}
			}
		})
	}
	// A --set, which has no file of its own, names its field as the --set typed it, and its
	// path in the scenario is the scenario's own.
	_, err := Parse(strings.NewReader("extends: default\n"), "f.yaml", []string{"kinds.ifa.weekly_gbp=-1"})
	var se *Error
	if !errors.As(Problems(err)[0], &se) || se.Field != "kinds.ifa.weekly_gbp" || se.ScenarioField() != "kinds[3].weekly_gbp" {
		t.Errorf("--set: %v, want kinds.ifa.weekly_gbp, as typed, and kinds[3].weekly_gbp, the scenario's own path", err)
	}
}

// TestBaselineIntervention checks an intervention's baseline key: true marks it as part of the
// baseline, a value that is not true or false is refused, and a scenario written back says it.
func TestBaselineIntervention(t *testing.T) {
	iv := "  - {action: open_home, label: Open a bed, from: 2027-01-01, kind: inhouse_home, count: 1, baseline: %s}\n"
	dir := writeFiles(t, map[string]string{
		"yes.yaml":   "extends: default\ninterventions:\n" + fmt.Sprintf(iv, "true"),
		"no.yaml":    "extends: default\ninterventions:\n" + fmt.Sprintf(iv, "false"),
		"maybe.yaml": "extends: default\ninterventions:\n" + fmt.Sprintf(iv, "maybe"),
	})
	s := load(t, filepath.Join(dir, "yes.yaml"))
	if got := s.Interventions[len(s.Interventions)-1]; !got.Baseline {
		t.Errorf("baseline: true read as %+v", got)
	}
	if got := load(t, filepath.Join(dir, "no.yaml")).Interventions; got[len(got)-1].Baseline {
		t.Errorf("baseline: false read as baseline")
	}
	_, err := Load(filepath.Join(dir, "maybe.yaml"), nil)
	wantErr(t, err, "maybe.yaml:3:102: interventions[0].baseline: must be true or false")
	var b bytes.Buffer
	if err := Encode(&b, s, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "    label: Open a bed\n    baseline: true\n") {
		t.Errorf("written back, the scenario does not say baseline: true:\n%s", b.String())
	}
	back, err := Parse(bytes.NewReader(b.Bytes()), "back.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Interventions[len(back.Interventions)-1].Baseline {
		t.Errorf("read back, the intervention is not part of the baseline")
	}
}
