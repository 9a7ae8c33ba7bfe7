package scenarios

import (
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

func TestParseDocument(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string // "" for none
		wantText   string
	}{
		{"empty", "", "", "{}\n"},
		// yaml.v3 reads a text of comments only as no document: its comments are not kept.
		{"comment only", "# nothing yet\n", "", "{}\n"},
		{"fields", "name: plan\nextends: default\n", "", "name: plan\nextends: default\n"},
		{"not YAML", "name: [plan\n", "the scenario file is not valid YAML: line 1, column 7: a [ is never closed", ""},
		{"a list", "- name\n- extends\n", "the scenario file must be a mapping of fields", ""},
		{"a single value", "plan\n", "the scenario file must be a mapping of fields", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDocument(tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDocument(%q) error %v, want one with %q", tt.text, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Text(); got != tt.wantText {
				t.Errorf("Text() =\n%s\nwant\n%s", got, tt.wantText)
			}
		})
	}
}

// TestDocumentSetField sets one field of a file and compares the whole text: the rest of the
// file, its order and its comments stay as they were.
func TestDocumentSetField(t *testing.T) {
	tests := []struct {
		name, text  string
		path        []string
		value, note string
		want        string
	}{
		{"top-level field, new", "name: plan\n", []string{"years"}, "15", "",
			"name: plan\nyears: 15\n"},
		{"nested, mappings added", "name: plan\n", []string{"entries", "per_year"}, "360", "",
			"name: plan\nentries:\n  per_year: 360\n"},
		{"existing field keeps its place and others' comments", "entries:\n  per_year: 300 # council's 2025 figure\n  trend_per_year: 0.02\nyears: 10\n",
			[]string{"entries", "trend_per_year"}, "0.05", "",
			"entries:\n  per_year: 300 # council's 2025 figure\n  trend_per_year: 0.05\nyears: 10\n"},
		{"note as a comment", "name: plan\n", []string{"entries", "per_year"}, "360", "  our\n target  ",
			"name: plan\nentries:\n  per_year: 360 # our target\n"},
		{"note replaced", "entries:\n  per_year: 300 # old note\n", []string{"entries", "per_year"}, "310", "new note",
			"entries:\n  per_year: 310 # new note\n"},
		{"note removed", "entries:\n  per_year: 300 # old note\n", []string{"entries", "per_year"}, "310", "",
			"entries:\n  per_year: 310\n"},
		{"kind added by name", "name: plan\n", []string{"kinds", "ifa", "weekly_gbp", "standard"}, "950", "",
			"name: plan\nkinds:\n  - name: ifa\n    weekly_gbp:\n      standard: 950\n"},
		{"kind found by name", "kinds:\n  - name: kinship\n    weekly_gbp: 300\n  - name: ifa\n    places: 40\n",
			[]string{"kinds", "ifa", "weekly_gbp", "standard"}, "950", "",
			"kinds:\n  - name: kinship\n    weekly_gbp: 300\n  - name: ifa\n    places: 40\n    weekly_gbp:\n      standard: 950\n"},
		{"one price for every need becomes a price by need", "kinds:\n  - name: ifa\n    weekly_gbp: 900\n",
			[]string{"kinds", "ifa", "weekly_gbp", "standard"}, "950", "",
			"kinds:\n  - name: ifa\n    weekly_gbp:\n      standard: 950\n      complex: 900\n      solo: 900\n"},
		{"one price for every need becomes a price by need, whichever need is set", "kinds:\n  - name: ifa\n    weekly_gbp: 900\n",
			[]string{"kinds", "ifa", "weekly_gbp", "complex"}, "1200", "",
			"kinds:\n  - name: ifa\n    weekly_gbp:\n      standard: 900\n      complex: 1200\n      solo: 900\n"},
		// The same walk as --set: any list of named items is reached by name.
		{"a home found by name", "kinds:\n  - name: inhouse_home\n    homes:\n      - {name: Oak House, beds: 4}\n",
			[]string{"kinds", "inhouse_home", "homes", "Oak House", "beds"}, "5", "",
			"kinds:\n  - name: inhouse_home\n    homes:\n      - {name: Oak House, beds: 5}\n"},
		{"a mapping where a value goes is replaced", "entries:\n  per_year:\n    a: 1\n", []string{"entries", "per_year"}, "360", "",
			"entries:\n  per_year: 360\n"},
		{"a date stays plain", "name: plan\n", []string{"start"}, "2027-04-01", "",
			"name: plan\nstart: 2027-04-01\n"},
		{"a value that needs quoting is quoted", "name: plan\n", []string{"description"}, "a: b", "",
			"name: plan\ndescription: 'a: b'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDocument(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			d.SetField(tt.path, tt.value, tt.note)
			if got := d.Text(); got != tt.want {
				t.Errorf("SetField(%v, %q, %q) gives\n%s\nwant\n%s", tt.path, tt.value, tt.note, got, tt.want)
			}
			v, note, ok := d.Field(tt.path)
			if !ok || v != tt.value || note != strings.Join(strings.Fields(tt.note), " ") {
				t.Errorf("Field(%v) = %q, %q, %v: want what was set, %q and %q", tt.path, v, note, ok, tt.value, tt.note)
			}
		})
	}
}

func TestDocumentField(t *testing.T) {
	const text = "entries:\n  per_year: 300 # council's figure\nkinds:\n  - name: ifa\n    weekly_gbp:\n      standard: 900\nyears: 10\n"
	d, err := ParseDocument(text)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path        []string
		value, note string
		ok          bool
	}{
		{[]string{"entries", "per_year"}, "300", "council's figure", true},
		{[]string{"years"}, "10", "", true},
		{[]string{"kinds", "ifa", "weekly_gbp", "standard"}, "900", "", true},
		{[]string{"kinds", "ifa", "weekly_gbp", "complex"}, "", "", false},
		{[]string{"kinds", "kinship", "weekly_gbp", "standard"}, "", "", false},
		{[]string{"entries", "trend_per_year"}, "", "", false},
		{[]string{"carers", "approvals_per_year"}, "", "", false},
		{[]string{"years", "more"}, "", "", false},
		// A mapping is there, with no single value.
		{[]string{"entries"}, "", "", true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.path, "."), func(t *testing.T) {
			v, note, ok := d.Field(tt.path)
			if v != tt.value || note != tt.note || ok != tt.ok {
				t.Errorf("Field = %q, %q, %v; want %q, %q, %v", v, note, ok, tt.value, tt.note, tt.ok)
			}
		})
	}
	if got := d.Text(); got != text {
		t.Errorf("reading changed the file:\n%s", got)
	}
}

func TestDocumentDeleteField(t *testing.T) {
	tests := []struct {
		name, text string
		path       []string
		want       string
	}{
		{"a sibling stays", "entries:\n  per_year: 300\n  trend_per_year: 0.02\n", []string{"entries", "per_year"},
			"entries:\n  trend_per_year: 0.02\n"},
		{"an empty mapping goes", "name: plan\nentries:\n  per_year: 300\n", []string{"entries", "per_year"},
			"name: plan\n"},
		{"a kind left with only its name goes, and the empty list", "name: plan\nkinds:\n  - name: ifa\n    weekly_gbp:\n      standard: 950\n",
			[]string{"kinds", "ifa", "weekly_gbp", "standard"}, "name: plan\n"},
		{"other kinds stay", "kinds:\n  - name: kinship\n    places: 5\n  - name: ifa\n    weekly_gbp:\n      standard: 950\n",
			[]string{"kinds", "ifa", "weekly_gbp", "standard"}, "kinds:\n  - name: kinship\n    places: 5\n"},
		{"a kind with other fields stays", "kinds:\n  - name: ifa\n    places: 40\n    weekly_gbp:\n      standard: 950\n",
			[]string{"kinds", "ifa", "weekly_gbp", "standard"}, "kinds:\n  - name: ifa\n    places: 40\n"},
		{"a missing field changes nothing", "name: plan\n", []string{"kinds", "ifa", "places"}, "name: plan\n"},
		{"a path through a single value changes nothing", "years: 10\n", []string{"years", "more"}, "years: 10\n"},
		{"an empty path changes nothing", "years: 10\n", nil, "years: 10\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDocument(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			d.DeleteField(tt.path)
			if got := d.Text(); got != tt.want {
				t.Errorf("DeleteField(%v) gives\n%s\nwant\n%s", tt.path, got, tt.want)
			}
		})
	}
}

func TestDocumentString(t *testing.T) {
	tests := []struct {
		name, text, key, value, want string
	}{
		{"added", "", "name", "plan", "name: plan\n"},
		{"replaced in place", "name: old\nextends: default\n", "name", "new", "name: new\nextends: default\n"},
		{"a number stays text", "", "name", "2027", "name: \"2027\"\n"},
		{"empty removes", "name: plan\nextends: default\n", "extends", "", "name: plan\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDocument(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			d.SetString(tt.key, tt.value)
			if got := d.Text(); got != tt.want {
				t.Errorf("SetString(%q, %q) gives\n%s\nwant\n%s", tt.key, tt.value, got, tt.want)
			}
			if got := d.String(tt.key); got != tt.value {
				t.Errorf("String(%q) = %q, want %q", tt.key, got, tt.value)
			}
		})
	}
	d, _ := ParseDocument("entries:\n  per_year: 300\n")
	if got := d.String("entries"); got != "" {
		t.Errorf("String of a mapping = %q, want \"\"", got)
	}
}

func TestDocumentInterventions(t *testing.T) {
	const text = "name: plan\ninterventions:\n  - action: recruit # the 2027 campaign\n    kind: inhouse_foster\n    from: 2027-04-01\n    extra_approvals_per_year: 12\n"
	d, err := ParseDocument(text)
	if err != nil {
		t.Fatal(err)
	}
	if n, i := d.Interventions(), d.Intervention("recruit", "inhouse_foster"); n != 1 || i != 0 {
		t.Fatalf("Interventions() = %d, Intervention(recruit) = %d; want 1 and 0", n, i)
	}
	if i := d.Intervention("open", "inhouse_home"); i != -1 {
		t.Errorf("Intervention(open) = %d, want -1", i)
	}
	if v, note, ok := d.InterventionField(0, "action"); v != "recruit" || note != "the 2027 campaign" || !ok {
		t.Errorf("InterventionField(0, action) = %q, %q, %v", v, note, ok)
	}
	for _, i := range []int{-1, 1} {
		if _, _, ok := d.InterventionField(i, "action"); ok {
			t.Errorf("InterventionField(%d) found a field", i)
		}
		d.SetInterventionField(i, "action", "close")
		d.SetInterventionNote(i, "action", "no")
		d.RemoveIntervention(i)
	}
	if got := d.Text(); got != text {
		t.Errorf("edits of interventions out of range changed the file:\n%s", got)
	}

	i := d.AddIntervention([][2]string{{"action", "open"}, {"kind", "inhouse_home"}, {"beds", "4"}})
	if i != 1 || d.Intervention("open", "inhouse_home") != 1 {
		t.Fatalf("AddIntervention = %d, want 1, found again", i)
	}
	d.SetInterventionField(i, "from", "2028-01-01")
	d.SetInterventionField(i, "beds", "6")
	d.SetInterventionNote(i, "beds", "  the  new home ")
	d.SetInterventionNote(i, "missing", "not written")
	d.SetInterventionField(0, "extra_approvals_per_year", "20")
	want := text[:strings.LastIndex(text, "12\n")] + "20\n" +
		"  - action: open\n    kind: inhouse_home\n    beds: 6 # the new home\n    from: 2028-01-01\n"
	if got := d.Text(); got != want {
		t.Errorf("after adding and setting:\n%s\nwant\n%s", got, want)
	}
	if v, note, ok := d.InterventionField(1, "beds"); v != "6" || note != "the new home" || !ok {
		t.Errorf("InterventionField(1, beds) = %q, %q, %v", v, note, ok)
	}

	d.RemoveIntervention(0)
	if d.Interventions() != 1 || d.Intervention("open", "inhouse_home") != 0 || d.Intervention("recruit", "inhouse_foster") != -1 {
		t.Errorf("after removing the first, the second is not first: %d", d.Intervention("open", "inhouse_home"))
	}
	d.RemoveIntervention(0)
	if got := d.Text(); got != "name: plan\n" {
		t.Errorf("removing every intervention leaves\n%s\nwant the list gone", got)
	}
}

func TestDocumentComment(t *testing.T) {
	seed := func(l string) bool { return !strings.Contains(l, "with seed") }
	tests := []struct {
		name, text, first string
		keep              func(string) bool
		want              string
		wantLines         []string
	}{
		{"added to a file with none", "name: plan\n", "# compared with seed 3", seed,
			"# compared with seed 3\n\nname: plan\n", []string{"# compared with seed 3"}},
		{"replaces its own line, keeps the others", "# compared with seed 1\n# our plan for 2027\nname: plan\n", "# compared with seed 3", seed,
			"# compared with seed 3\n\n# our plan for 2027\nname: plan\n", []string{"# compared with seed 3", "# our plan for 2027"}},
		{"nil keeps every line", "# our plan\nname: plan\n", "# first", nil,
			"# first\n\n# our plan\nname: plan\n", []string{"# first", "# our plan"}},
		{"no first line only drops", "# compared with seed 1\nname: plan\n", "", seed,
			"name: plan\n", nil},
		{"an empty file", "", "# compared with seed 3", seed,
			"# compared with seed 3\n\n{}\n", []string{"# compared with seed 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDocument(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			d.SetComment(tt.first, tt.keep)
			if got := d.Text(); got != tt.want {
				t.Errorf("SetComment gives\n%q\nwant\n%q", got, tt.want)
			}
			if got := d.Comment(); !slices.Equal(got, tt.wantLines) {
				t.Errorf("Comment() = %q, want %q", got, tt.wantLines)
			}
			// The text reads back the same.
			again, err := ParseDocument(d.Text())
			if err != nil {
				t.Fatal(err)
			}
			if got := again.Text(); got != tt.want {
				t.Errorf("read back, the text is\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestDocumentLoads edits a file that extends the default scenario and loads the result:
// each edit means to the scenario format what it says.
func TestDocumentLoads(t *testing.T) {
	def := load(t, "default")
	d, err := ParseDocument("# a plan\nname: plan\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	d.SetField([]string{"kinds", "ifa", "weekly_gbp", "standard"}, "1234", "the new framework price")
	d.SetField([]string{"entries", "per_year"}, "321", "")
	d.AddIntervention([][2]string{{"action", "open_home"}, {"kind", "inhouse_home"}, {"from", "2028-04-01"}, {"count", "4"}, {"fixed_cost_per_year_gbp", "£1.1m"}})
	s, err := Parse(strings.NewReader(d.Text()), "plan.yaml", nil)
	if err != nil {
		t.Fatalf("the edited file does not load: %v\n%s", err, d.Text())
	}
	var ifa, defIFA *model.Kind
	for i := range s.Kinds {
		if s.Kinds[i].Name == "ifa" {
			ifa, defIFA = &s.Kinds[i], &def.Kinds[i]
		}
	}
	if ifa == nil {
		t.Fatal("no ifa kind")
	}
	if ifa.WeeklyCostGBP[model.NeedStandard] != 1234 || ifa.WeeklyCostGBP[model.NeedComplex] != defIFA.WeeklyCostGBP[model.NeedComplex] {
		t.Errorf("ifa's prices %v: want 1234 for standard need and the default's %v for the others", ifa.WeeklyCostGBP, defIFA.WeeklyCostGBP)
	}
	if s.Entries.PerYear != 321 {
		t.Errorf("entries a year %v, want 321", s.Entries.PerYear)
	}
	if len(s.Interventions) != len(def.Interventions)+1 {
		t.Fatalf("%d interventions, want the default's %d and one more", len(s.Interventions), len(def.Interventions))
	}
	if iv := s.Interventions[len(s.Interventions)-1]; iv.Count != 4 || iv.FixedCostPerYearGBP != 1.1e6 {
		t.Errorf("the home opened: %+v, want 4 beds at £1.1m a year", iv)
	}
}
