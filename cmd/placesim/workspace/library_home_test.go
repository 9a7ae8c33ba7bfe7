package workspace

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestHomeLeverProposesLibraryHome checks that the "Open a children's home" lever proposes the
// running cost of the library's open-childrens-home, in the default's 2026/27 prices, and says
// on the page where it comes from and the one-off cost the home pays, as that file's does.
func TestHomeLeverProposesLibraryHome(t *testing.T) {
	lib, err := scenarios.LoadBuiltin("open-childrens-home")
	if err != nil {
		t.Fatal(err)
	}
	var want model.Intervention
	for _, iv := range lib.Interventions {
		if iv.Action == model.OpenHome {
			want = iv
		}
	}
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, l := range leversFor(base) {
		for _, in := range l.Inputs {
			if in.ID == "home_cost" {
				got = in.Default
			}
		}
	}
	if got != formatNumber(want.FixedCostPerYearGBP) || got != "901500" {
		t.Errorf("a new home's running cost starts at %q, want the library file's %v (901500)", got, want.FixedCostPerYearGBP)
	}
	srv, _, _ := testServer(t)
	_, page := get(t, srv+"/")
	if strings.Contains(page, "which this lever leaves out") {
		t.Errorf("the page says the lever leaves out the home's one-off cost")
	}
	for _, say := range []string{"A new home&#39;s running cost starts at £300,500 a bed a year, the library&#39;s open-childrens-home (3 beds, £901,500 a year)",
		"The home pays once, too, to buy and set it up (capital and set-up, counted as cash when paid), as that file&#39;s does: the One-off cost box starts at £404,333.33 a bed, the library&#39;s £1,213,000 for its 3 beds",
		"it is paid a year before the home opens, or on the run&#39;s first day if that is later"} {
		if !strings.Contains(page, say) {
			t.Errorf("the page does not say %q", say)
		}
	}
}
