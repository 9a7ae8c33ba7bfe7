package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChangeInNewInterventionBox checks that a signed sum or percentage typed into the price
// box of a new home or block booking is a change from the value the box shows (its default, or
// for a home's running cost its amount a bed times the beds typed: £601,000 for 2 beds),
// as the README says a price box takes, not the value itself.
func TestChangeInNewInterventionBox(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		values map[string]string
		want   string // in the file
	}{
		{map[string]string{"home_beds": "2", "home_cost": "+£100,000"}, "fixed_cost_per_year_gbp: 701000"},
		{map[string]string{"home_beds": "2", "home_cost": "-10%"}, "fixed_cost_per_year_gbp: 540900"},
		{map[string]string{"block_beds": "3", "block_price": "+£10,000"}, "fixed_cost_per_year_gbp: 270000"},
		{map[string]string{"block_beds": "3", "block_price": "+1%"}, "fixed_cost_per_year_gbp: 262600"},
		{map[string]string{"block_beds": "3", "block_price": "250000"}, "fixed_cost_per_year_gbp: 250000"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: tc.values}, &a)
		for id, in := range a.Inputs {
			if in.Error != "" {
				t.Errorf("%v: %s says %s", tc.values, id, in.Error)
			}
		}
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%v: the file is\n%s\nwant it to hold %s", tc.values, a.Text, tc.want)
		}
	}
}

// TestChangeInInterventionBoxOnce checks that a change typed into a home's running cost is
// applied once: the page sends the box again with the file its last answer gave (a run after
// another box changes, Save), and "+£100,000" once made £925,000 in the file shown, £1,025,000
// on the next run and in the file saved.
func TestChangeInInterventionBoxOnce(t *testing.T) {
	base, _, dir := testServer(t)
	values := map[string]string{"home_beds": "2", "home_cost": "+£100,000"}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Name: "once", Check: true, Values: values}, &a)
	const want = "fixed_cost_per_year_gbp: 701000"
	if !strings.Contains(a.Text, want) {
		t.Fatalf("the file is\n%s\nwant it to hold %s", a.Text, want)
	}
	var b runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Name: "once", Check: true, Text: a.Text, Values: values}, &b)
	if b.Text != a.Text {
		t.Errorf("sent again with its file, the file is\n%s\nwas\n%s", b.Text, a.Text)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "once", State: wsState{Tab: "r", Name: "once", Text: a.Text, Values: values}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %+v", sv)
	}
	if saved, err := os.ReadFile(filepath.Join(dir, "once.yaml")); err != nil || !strings.Contains(string(saved), want) {
		t.Errorf("the saved file is\n%s\nwant it to hold %s (%v)", saved, want, err)
	}
}
