package workspace

import (
	"strings"
	"testing"
)

// TestBoxOfNoHomeSaysWhy checks that a running cost typed for a home of 0 beds, which is no
// home, is kept in its box with a word on why it does nothing yet, rather than the box going
// back to £901,500 in silence.
func TestBoxOfNoHomeSaysWhy(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "h", Check: true, Values: map[string]string{"home_beds": "0", "home_cost": "+10%"}}, &a)
	if got := a.Inputs["home_cost"].Value; got != "+10%" {
		t.Errorf("home_cost +10%% with 0 beds: box %q, want +10%% as typed", got)
	}
	if want := "Running cost +10% applies once there are beds (0 beds: no new home)"; !strings.Contains(a.Effects["home"], want) {
		t.Errorf("home_cost +10%% with 0 beds: effect %q, want it to say %q", a.Effects["home"], want)
	}
	post(t, base, "/api/run", wsState{Tab: "h", Check: true, Values: map[string]string{"home_beds": "0", "home_cost": "901500"}}, &a)
	if strings.Contains(a.Effects["home"], "applies once") {
		t.Errorf("home_cost 901500 with 0 beds: effect %q, want nothing said of the value a new home takes", a.Effects["home"])
	}
	// With beds, it applies, from the £1,202,000 the box shows for 4 beds.
	post(t, base, "/api/run", wsState{Tab: "h", Check: true, Values: map[string]string{"home_beds": "4", "home_cost": "+10%"}}, &a)
	if !strings.Contains(a.Text, "fixed_cost_per_year_gbp: 1322200") {
		t.Errorf("home_cost +10%% with 4 beds: the file is\n%s", a.Text)
	}
}
