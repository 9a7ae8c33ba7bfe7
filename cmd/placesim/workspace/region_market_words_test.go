package workspace

import (
	"html"
	"strings"
	"testing"
)

// TestRegionMarketPlainWords checks that the region page's choices of a market, and of a
// provider that leaves, say the market in the words its charts use ("External children's
// homes", "Independent fostering agency") while the value the file takes stays the kind's name:
// the Market box offered "external_residential" and "ifa".
func TestRegionMarketPlainWords(t *testing.T) {
	base, _, _ := regionServer(t)
	_, page := get(t, base+"/region?r=two-counties.yaml")
	page = html.UnescapeString(page)
	mustContain(t, "the region page", page,
		`<option value="external_residential" selected>External children's homes</option><option value="ifa">Independent fostering agency</option>`,
		`<option value="homes-north (external_residential)">homes-north (external children's homes)</option>`,
		`<option value="agencies-south (ifa)">agencies-south (independent fostering agency)</option>`)
	if strings.Contains(page, ">external_residential<") || strings.Contains(page, ">ifa<") {
		t.Error("the region page offers a market by its kind's name")
	}
	// The choice in plain words still writes the kind's name into the file.
	a := runRegionState(t, base, regionState{Tab: "m", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "2", "pool.market": "ifa"}})
	if !strings.Contains(a.Text, `market: "ifa"`) {
		t.Errorf("a pooled block of the Independent fostering agency market writes\n%s\nproblems %q", a.Text, a.Problems)
	}
}
