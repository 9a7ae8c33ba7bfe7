package workspace

import (
	"html"
	"strings"
	"testing"
)

// TestRegionBoxesAcceptWhatValidateDoes types into a region's boxes values placesim validate
// accepts for the fields they write, beyond the narrower ranges the boxes once had: a new
// provider's places shrinking by 80% a year (growth_per_year above -1), 600 extra approvals
// a year (an extra_approvals' per_year, up to 10,000) at £1m each (the most the scenario
// page's Recruitment cost box takes for the same quantity). Each is taken; a bad date beside
// them keeps the region from running.
func TestRegionBoxesAcceptWhatValidateDoes(t *testing.T) {
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{
		"open.places": "5", "open.growth": "-80", "open.on": "someday",
		"r.southshire": "600", "r.cost": "£1m", "r.on": "31/02/2027"}})
	for _, id := range []string{"open.growth", "r.southshire", "r.cost"} {
		if got := a.Errors[id]; got != "" {
			t.Errorf("%s: %q, want the value taken", id, got)
		}
	}
	if a.Errors["open.on"] == "" || a.Results != "" {
		t.Errorf("the bad date was not refused: %v", a.Errors)
	}
}

// TestApprovalCostOneRange checks that the region page's Cost of an extra approval accepts
// what the scenario page's Recruitment cost box accepts for the same quantity, £0 to
// £1,000,000 (it took up to £10m), refusing a cost beyond it in the same words (the scenario
// page said "want £0 to £1,000,000 here", the region page "must be between £0 and
// £1,000,000"), and that both pages say the usual range before anything is typed (the
// scenario page said it only of a cost beyond it).
func TestApprovalCostOneRange(t *testing.T) {
	const want = "must be between £0 and £1,000,000"
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{"r.southshire": "5", "r.cost": "£1,000,001"}})
	if got := a.Errors["r.cost"]; got != want {
		t.Errorf("the region page's r.cost £1,000,001: %q, want %q", got, want)
	}
	sbase, _, _ := testServer(t)
	var r runResponse
	post(t, sbase, "/api/run", wsState{Tab: "u", Base: "default", Check: true, Values: map[string]string{"approvals": "30", "approvals_cost": "£1,000,001"}}, &r)
	if got := r.Inputs["approvals_cost"].Error; got != want {
		t.Errorf("the scenario page's approvals_cost £1,000,001: %q, want %q", got, want)
	}
	usual := "usually £1,000 to £62,500 a household (no cost per approved household is published"
	_, page := get(t, sbase+"/")
	if !strings.Contains(html.UnescapeString(page), usual) {
		t.Errorf("the scenario page does not say the recruitment cost is %s", usual)
	}
	_, rpage := get(t, base+"/region?r=two-counties.yaml")
	if !strings.Contains(strings.ToLower(html.UnescapeString(rpage)), usual) {
		t.Errorf("the region page does not say the cost of an extra approval is %s", usual)
	}
}
