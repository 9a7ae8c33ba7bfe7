package workspace

import (
	"html"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestEntriesLeverIsTheCouncilAsItIs checks that "Children entering care a year", which
// changes the county's own rate of entries and so acts from before the run, through the
// warm-up years, says so beside the lever and above the results, rather than offer itself as
// early help: its first year is not that of the dated entry_rate of the same size (some 30
// fewer children in care at once against about 8), so its difference from the baseline is
// another council's, not a strategy's saving. Early help from a date is the entry_rate lever,
// whose help the entries lever names.
func TestEntriesLeverIsTheCouncilAsItIs(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	var entries *lever
	for _, l := range leversFor(base) {
		if l.ID == "entries" {
			entries = l
		}
	}
	if entries == nil || !strings.Contains(entries.Help, asItIsWords) || strings.Contains(entries.Help, "early help lowers it") {
		t.Errorf("the entries lever's help does not say it is the council as it is: %+v", entries)
	}
	f, err := scenarios.ParseDocument("name: lever\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	if bad := applyLevers(f, leversFor(base), base, leverState{Values: map[string]string{"entries": "-20"}}); len(bad) > 0 {
		t.Fatalf("-20 refused: %v", bad)
	}
	dated := "name: dated\nextends: default\ninterventions:\n  - action: entry_rate\n    from: " + base.Start.Format("2006-01-02") + "\n    factor: 0.9230769231\n"
	// With the same seed the two differ by the lever alone: in care from before the run, the
	// field's change is some 20 children more than the dated one's at once, far beyond
	// rounding.
	lever, programme := firstYearMean(t, f.Text(), sim.ChildrenInCare), firstYearMean(t, dated, sim.ChildrenInCare)
	if programme-lever < 10 {
		t.Errorf("first-year children in care: the lever's %.1f, the dated file's %.1f: want the lever's well below, as from before the run", lever, programme)
	}

	url, srv, _ := testServer(t)
	srv.cfg.QuickReps = 2
	var a runResponse
	post(t, url, "/api/run", wsState{Tab: "e", Base: "default", Name: "plan", Values: map[string]string{"entries": "-20"}}, &a)
	if !strings.Contains(a.Effects["entries"], asItIsWords) {
		t.Errorf("the entries lever's effect %q does not say %q", a.Effects["entries"], asItIsWords)
	}
	res := html.UnescapeString(a.Results)
	if !strings.Contains(res, `id="as-it-is"`) || !strings.Contains(res, "Children entering care a year: "+asItIsWords) || !strings.Contains(res, "not what a strategy saves or costs") {
		t.Errorf("the results do not say the entries lever is the council as it is:\n%.1500s", res)
	}
	// The board pack's list of changes says it too.
	s, err := scenarios.Parse(strings.NewReader(f.Text()), "lever.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if changes := strings.Join(leverChanges(leversFor(base), base, s, 0), "\n"); !strings.Contains(changes, "Children entering care a year: 240 a year") || !strings.Contains(changes, asItIsWords) {
		t.Errorf("the board pack's changes do not say the entries lever is the council as it is:\n%s", changes)
	}
	// A dated lever is a strategy: the results say nothing of the council as it is.
	post(t, url, "/api/run", wsState{Tab: "e", Base: "default", Name: "plan", Values: map[string]string{"approvals": "+10"}}, &a)
	if strings.Contains(a.Results, `id="as-it-is"`) {
		t.Errorf("a recruitment programme's results say it is the council as it is")
	}
}

// TestLeavingLeverCost checks that the help of "Carers leaving a year" gives the yearly cost
// its Cost box starts at, whatever retentionCost is.
func TestLeavingLeverCost(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leversFor(base) {
		if l.ID != "leaving" {
			continue
		}
		if want := "(£170,000 unless changed: "; !strings.Contains(l.Help, want) {
			t.Errorf("the help says %q, want it to contain %q", l.Help, want)
		}
		if got := l.Inputs[2].Default; got != retentionCost {
			t.Errorf("the Cost box starts at %q, want %q", got, retentionCost)
		}
		return
	}
	t.Fatal("no Carers leaving a year lever")
}
