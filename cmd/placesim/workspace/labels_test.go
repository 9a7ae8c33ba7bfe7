package workspace

import (
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// TestCompareNamesItsInterval checks that the workspace names the range of a change from the
// baseline as the confidence interval of the mean, as the README and the command line do,
// apart from the middle 90% of runs: in the results' headline columns, the difference chart's
// table and the Compare page's hint.
func TestCompareNamesItsInterval(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "bp", Values: map[string]string{"approvals": "33"}}, &a)
	for _, want := range []string{
		`change from baseline <span class="why">(90% confidence interval of the mean)</span>`,
		"Figures in this chart (paired mean difference and its 90% confidence interval of the mean)",
	} {
		if !strings.Contains(a.Results, want) {
			t.Errorf("the results do not say %q", want)
		}
	}
	if strings.Contains(a.Results, "(90% interval)") {
		t.Error(`the results still say "(90% interval)"`)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "more-carers", State: wsState{Tab: "cmp", Values: map[string]string{"approvals": "33"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	_, body := get(t, base+"/compare?s=more-carers")
	if want := "changes from the baseline are paired means with their 90% confidence interval of the mean."; !strings.Contains(body, want) {
		t.Errorf("the Compare page does not say %q", want)
	}
}

// TestBoardPackListsAFilesOwnProgrammes checks that the board pack of a saved file whose
// interventions no lever sets (recruit-12-net-carers' programmes after its first, which is the
// lever "Carers recruited a year"'s) lists them as placesim
// compare's pack does, with their dates, rather than saying the changes are in the file; with
// a lever changed too, both are listed.
func TestBoardPackListsAFilesOwnProgrammes(t *testing.T) {
	base, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Load("recruit-12-net-carers", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := plots.InterventionChanges(alt, alt.Interventions)
	if len(want) != 5 || !strings.Contains(want[0], "from April 2026") {
		t.Fatalf("placesim compare's pack lists %q", want)
	}
	// The first programme of in-house carers is the lever "Carers recruited a year"'s, said
	// in its words; the others are the file's own.
	lever := "Carers recruited a year: 34.5 a year, 13.5 of them recruited by a programme from 1 April 2026 to 1 April 2028 (baseline 21 a year); costs: £12,000"
	if got := leverChanges(leversFor(base), base, alt, 0); len(got) != 5 || !strings.HasPrefix(got[0], lever) || !slices.Equal(got[1:], want[1:]) {
		t.Errorf("the workspace's pack lists %q, want %q and then %q", got, lever, want[1:])
	}
	// The standard price alone: one price for every need changes the complex and solo
	// prices too, which are said by their paths (TestOnePriceForTheBandsInLeverWords).
	more, err := scenarios.Load("recruit-12-net-carers", []string{"kinds.ifa.weekly_gbp.standard=1500"})
	if err != nil {
		t.Fatal(err)
	}
	got := leverChanges(leversFor(base), base, more, 0)
	if len(got) != 6 || !strings.HasPrefix(got[0], lever) || !slices.Equal(got[2:], want[1:]) || !strings.HasPrefix(got[1], "Agency foster care (IFA) price") {
		t.Errorf("with a lever changed, the workspace's pack lists %q, want the levers and then %q", got, want[1:])
	}
	if got := leverChanges(leversFor(base), base, base, 0); !slices.Equal(got, []string{"Nothing: the scenario is the baseline as it is."}) {
		t.Errorf("the baseline against itself: %q", got)
	}
}
