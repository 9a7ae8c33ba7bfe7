package workspace

import (
	"strings"
	"testing"
)

// TestSteepTrendAccepted opens a scenario whose entries fall by 58.48% a year, as placesim
// calibrate writes for a council whose entries fell that fast over its return's window:
// validate accepts it (the model takes -90% to +100%), and so does the lever, which says in
// words that the value is beyond the usual rather than refuse it.
func TestSteepTrendAccepted(t *testing.T) {
	base, _, dir := testServer(t)
	writeFiles(t, dir, map[string]string{"steep.yaml": "name: steep\nextends: default\nentries:\n  trend_per_year: -0.5848\n"})
	_, page := get(t, base+"/?file=steep")
	if strings.Contains(page, "must be between -50% and 50%") || strings.Contains(page, "is not opened") {
		t.Errorf("?file=steep refuses the trend: %q", between(page, "want", "<"))
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "t", Check: true, Values: map[string]string{"entries_trend": "-58.48"}}, &a)
	if got := a.Inputs["entries_trend"]; got.Error != "" || len(a.Problems) > 0 {
		t.Errorf("entries_trend -58.48: %+v, problems %v; want it accepted", got, a.Problems)
	}
	if got, want := a.Effects["entries_trend"], "beyond the usual -50% to 50% a year for a council: check it is meant"; !strings.Contains(got, want) {
		t.Errorf("entries_trend -58.48: effect %q, want it to say %q", got, want)
	}
	post(t, base, "/api/run", wsState{Tab: "t", Check: true, Values: map[string]string{"entries_trend": "-91"}}, &a)
	if got := a.Inputs["entries_trend"].Error; !strings.Contains(got, "must be between -90% and 100%") {
		t.Errorf("entries_trend -91: error %q, want it refused as validate refuses it", got)
	}
}
