package workspace

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRegionFileSignedValue checks that a region file's value written with a sign opens in its
// box as the file's value, so that the page's first run, which sends every box as it shows
// it, does not read it as a change from the region opened; and that a region file with a
// count below 0 does not open at all, but says where the file is wrong.
func TestRegionFileSignedValue(t *testing.T) {
	base, _, dir := regionServer(t)
	block := "interventions:\n  - {action: pooled_block, name: pb, market: external_residential, zone: north, places: %s, cost_per_place_per_year_gbp: 290000, on: 2027-04-01}\n"
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("neg.yaml", "name: neg\nextends: default\nkinds: [{name: inhouse_foster, carers: {approvals_per_year: -5}}]\n")
	for _, tc := range []struct {
		name, text string
		want       string // the message of a file that does not open
	}{
		{"negprovider.yaml", strings.Replace(twoCounties, "homes-north, zone: north, places: 8", "homes-north, zone: north, places: -3", 1),
			"negprovider.yaml:21:50: markets[1].providers[0].places: must be between 0 and 100,000 places"},
		{"negblock.yaml", twoCounties + strings.Replace(block, "%s", "-3", 1),
			"negblock.yaml:24:89: interventions[0].places: must be between 1 and 100,000 places"},
		{"negset.yaml", strings.Replace(twoCounties, "size: {children_in_care: 120}}", "size: {children_in_care: 120}, set: [kinds.inhouse_foster.carers.approvals_per_year=-5]}", 1),
			"negset.yaml:10:93: councils.northshire.set[0]: kinds.inhouse_foster.carers.approvals_per_year: must be between 0 and 10,000 households a year"},
		{"negscenario.yaml", strings.Replace(twoCounties, "scenario: default, size: {children_in_care: 120}", "scenario: neg.yaml, size: {children_in_care: 120}", 1),
			"neg.yaml:3:61: councils.northshire.scenario.kinds[0].carers.approvals_per_year: must be between 0 and 10,000 households a year"},
	} {
		write(tc.name, tc.text)
		resp, page := get(t, base+"/region?r="+tc.name)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(html.UnescapeString(page), tc.want) {
			t.Errorf("%s: status %d, want 404 saying %q", tc.name, resp.StatusCode, tc.want)
		}
	}

	// places: +5 is 5 places: the box shows 5, and sent back as shown it changes nothing.
	write("plus.yaml", twoCounties+strings.Replace(block, "%s", "+5", 1))
	_, page := get(t, base+"/region?r=plus.yaml")
	m := regexp.MustCompile(`id="in-b0\.places"[^>]*? value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil || html.UnescapeString(m[1]) != "5" {
		t.Fatalf("places: +5: the box shows %q, want \"5\"", m)
	}
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "plus.yaml", Values: map[string]string{"b0.places": html.UnescapeString(m[1])}})
	if a.Changed["b0.places"] || a.Errors["b0.places"] != "" || strings.Contains(a.Text, "places: 10") {
		t.Errorf("places: +5 sent back as %q: changed %v, error %q, text:\n%s", m[1], a.Changed["b0.places"], a.Errors["b0.places"], a.Text)
	}
}
