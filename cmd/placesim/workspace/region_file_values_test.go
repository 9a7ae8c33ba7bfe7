package workspace

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionFileSignedValue checks that a region file with a count below 0, or with a + sign
// (places: +5, which the page's boxes would read as a change), does not open at all, but says
// where the file is wrong.
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
		// places: +5 would be 5 places where the page reads +5 as 5 more than the region's:
		// refused, as --set refuses it.
		{"plus.yaml", twoCounties + strings.Replace(block, "%s", "+5", 1),
			`plus.yaml:24:89: interventions[0].places: "+5": a + sign reads as a change in the workspace (5 more than the baseline's value); here give the value itself, such as 5`},
		{"negscenario.yaml", strings.Replace(twoCounties, "scenario: default, size: {children_in_care: 120}", "scenario: neg.yaml, size: {children_in_care: 120}", 1),
			"neg.yaml:3:61: councils.northshire.scenario.kinds[0].carers.approvals_per_year: must be between 0 and 10,000 households a year"},
	} {
		write(tc.name, tc.text)
		resp, page := get(t, base+"/region?r="+tc.name)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(html.UnescapeString(page), tc.want) {
			t.Errorf("%s: status %d, want 404 saying %q", tc.name, resp.StatusCode, tc.want)
		}
	}

}
