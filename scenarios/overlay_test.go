package scenarios

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestEncodeExtending writes a scenario as a file extending its base and reads it back: it
// holds only what differs and what has a comment, and gives the scenario again.
func TestEncodeExtending(t *testing.T) {
	base := load(t, "open-childrens-home")
	s := load(t, "open-childrens-home")
	kind := func(name string) *model.Kind {
		for i := range s.Kinds {
			if s.Kinds[i].Name == name {
				return &s.Kinds[i]
			}
		}
		t.Fatalf("no kind %s", name)
		return nil
	}
	s.Name = "plan"
	s.Entries.PerYear = 412
	kind("ifa").WeeklyCostGBP[model.NeedStandard] = 1234
	// A share by need set to 0 must not keep the base's value.
	kind("external_residential").BreakdownPerYear[model.NeedSolo] = 0
	home := kind("inhouse_home")
	home.Homes = append(slices.Clone(home.Homes), model.Home{Name: "Elm House", Beds: 2, Local: true, FixedCostPerYearGBP: 500000})
	s.Interventions = append(slices.Clone(base.Interventions), model.Intervention{Action: model.EntryRate, From: time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC), Factor: 0.9})

	var b bytes.Buffer
	opt := EncodeOptions{Header: "A plan.", Base: base, Extends: "open-childrens-home",
		Comments: map[string]string{"entries.per_year": "our forecast", "staying_put.share": "as now"},
		Sections: map[string]string{"entries": "Children coming into care."}}
	if err := Encode(&b, s, opt); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	got, err := Parse(strings.NewReader(text), "plan.yaml", nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("the file reads back as another scenario:\n%s", text)
	}
	for _, want := range []string{"# A plan.\nname: plan\n", "\nextends: open-childrens-home\n", "# Children coming into care.\nentries:\n",
		"per_year: 412 # our forecast", "share: ", "# as now", "name: Elm House", "action: entry_rate", "standard: 1234"} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q:\n%s", want, text)
		}
	}
	// What is the base's, with no comment, is left to the base.
	for _, absent := range []string{"ladders:", "Oak House", "open_home", "years:", "trend_per_year:"} {
		if strings.Contains(text, absent) {
			t.Errorf("the file holds %q, which is the base's:\n%s", absent, text)
		}
	}

	s.Interventions = s.Interventions[1:]
	if err := Encode(&b, s, opt); err == nil || !strings.Contains(err.Error(), "interventions do not begin with the base's") {
		t.Errorf("interventions that drop the base's: %v, want an error", err)
	}
}
