package workspace

import (
	"html"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// before reports whether body holds a, and b after it.
func before(body, a, b string) bool {
	i := strings.Index(body, a)
	return i >= 0 && strings.Contains(body[i+len(a):], b)
}

// TestEmergencyDayBesideEmergencies checks that the workspace shows, beside the emergency
// placements begun, the children in an emergency placement on an average day, as placesim
// compare does: in the results' headline figures, on the Compare page, and in a regional
// strategy's table and councils' headline figures; and that a region as it is, compared with
// nothing, shows it beside the emergency placements a year in its table of councils, as the
// region's run report does.
func TestEmergencyDayBesideEmergencies(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "ed", Values: map[string]string{"approvals": "33"}}, &a)
	results := html.UnescapeString(a.Results)
	if !before(results, ">"+plots.EmergencyMadeLabel+"<", ">Children in an emergency placement (average day)<") {
		t.Errorf("the results' headline figures have no children in an emergency placement after the emergency placements")
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "more-carers", State: wsState{Tab: "ed", Values: map[string]string{"approvals": "33"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	_, body := get(t, base+"/compare?s=more-carers")
	if body = html.UnescapeString(body); !before(body, "Emergency placements", "Children in an emergency placement") {
		t.Errorf("the Compare page has no children in an emergency placement after the emergency placements")
	}

	rbase, _, _ := regionServer(t)
	ra := runRegionState(t, rbase, regionState{Tab: "r", Ref: "two-counties.yaml", Values: map[string]string{"p.ifa.agencies-north": "+5"}})
	results = html.UnescapeString(ra.Results)
	if !before(results, "Emergency placements a year", "In an emergency placement (average day)") {
		t.Errorf("the strategy's table has no column of children in an emergency placement after the emergency placements")
	}
	if !before(results, ">"+plots.EmergencyMadeLabel+"<", ">"+plots.EmergencyDayLabel+"<") {
		t.Errorf("the councils' headline figures have no %q after the emergency placements", plots.EmergencyDayLabel)
	}
	ra = runRegionState(t, rbase, regionState{Tab: "r", Ref: "two-counties.yaml"})
	if !before(html.UnescapeString(ra.Results), "Emergency placements a year", plots.EmergencyDayLabel) {
		t.Errorf("the region as it is, compared with nothing, has no %q after the emergency placements a year", plots.EmergencyDayLabel)
	}
}
