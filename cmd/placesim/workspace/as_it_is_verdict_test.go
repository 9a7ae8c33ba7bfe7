package workspace

import (
	"html"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// TestAsItIsVerdict checks that where a plan changes the council as it is (its entries a
// year), the words that state its saving say the figures include that change and are not a
// strategy's: the chart subtitle, and the board pack's payback and net present value lines;
// and that a recruitment programme, a strategy, is stated as a saving as before.
func TestAsItIsVerdict(t *testing.T) {
	url, srv, _ := testServer(t)
	srv.cfg.QuickReps = 2
	verdict := plots.AsItIsVerdict([]string{"Children entering care a year"})
	for _, tc := range []struct {
		values map[string]string
		want   bool
	}{
		{map[string]string{"entries": "-20"}, true},
		{map[string]string{"approvals": "+10"}, false},
	} {
		var a runResponse
		post(t, url, "/api/run", wsState{Tab: "v", Base: "default", Name: "plan", Values: tc.values}, &a)
		res := html.UnescapeString(a.Results)
		// The subtitle states the saving: the verdict comes just before it.
		if got := strings.Contains(res, verdict+` "plan" saves`); got != tc.want {
			t.Errorf("%v: the chart subtitle says %q before the saving: %v, want %v", tc.values, verdict, got, tc.want)
		}
		i := strings.Index(a.Results, `data-run="`)
		if i < 0 {
			t.Fatalf("%v: no results: %v", tc.values, a.Problems)
		}
		id := a.Results[i+len(`data-run="`):]
		id = id[:strings.Index(id, `"`)]
		_, pack := get(t, url+"/export/"+id+"/board-pack.html")
		pack = html.UnescapeString(pack)
		for _, line := range []string{verdict + " On average the strategy", verdict + " Net present value"} {
			if got := strings.Contains(pack, line); got != tc.want {
				t.Errorf("%v: the board pack says %q: %v, want %v", tc.values, line, got, tc.want)
			}
		}
	}
}

// TestEveryLeverClassified checks that every lever of every library council is classed as
// changing the council as it is or as a strategy (leverClass), and that those that change
// the council as it is say so in their help, from the one source of the words.
func TestEveryLeverClassified(t *testing.T) {
	for _, info := range scenarios.Builtins() {
		name := info.Name
		base, err := scenarios.LoadBuiltin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leversFor(base) {
			switch leverClass[l.ID] {
			case unclassified:
				t.Errorf("%s: lever %q (%s) is not in leverClass: say whether it changes the council as it is or is a strategy", name, l.ID, l.Label)
			case asItIsClass:
				if !l.AsItIs || !strings.Contains(l.Help, asItIsWords) || l.isIntervention() {
					t.Errorf("%s: lever %q changes the council as it is but is not marked so: %+v", name, l.ID, l)
				}
			case strategyClass:
				if l.AsItIs || strings.Contains(l.Help, asItIsWords) {
					t.Errorf("%s: lever %q, a strategy, says it changes the council as it is", name, l.ID)
				}
			}
		}
	}
	// Prices and the baseline's own figures are the council as it is.
	for _, id := range []string{"entries", "entries_trend", "uasc", "nts", "specialist", "ifa_price", "home_price", "inflation"} {
		if leverClass[id] != asItIsClass {
			t.Errorf("lever %q is not classed as the council as it is", id)
		}
	}

}
