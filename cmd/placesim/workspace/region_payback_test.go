package workspace

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// TestRegionPaybackQualified checks that the region page's business case qualifies a payback
// year as the single council's text does, where the saving is not clear: it said "Pays back
// 2027/28" flat beside a net saving whose interval includes zero, while the council's own
// business case said "includes zero: no clear saving yet" and "only 47% of futures".
func TestRegionPaybackQualified(t *testing.T) {
	srv, c := southshireActs(t)
	// The first council's business case made one whose mean pays back in the first year but
	// whose futures mostly do not: the mean cumulative net saving positive from the first
	// year, its interval that year across zero, 3 futures in 10 paid back.
	j := slices.Index(c.RC.Councils, "southshire")
	if j < 0 {
		t.Fatalf("no southshire among %q", c.RC.Councils)
	}
	nc := c.RC.Cases[j]
	nc.Payback, nc.PPayback = nc.Years[0].Period, 0.3
	nc.Years[0].Cumulative.Mean, nc.Years[0].Cumulative.Lo, nc.Years[0].Cumulative.Hi, nc.Years[0].Cumulative.N = 344e3, -2.5e6, 3.2e6, 10
	page, err := srv.regionResultsHTML(c.Alt, c, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "2026/27 on average, but no clear saving yet: its 90% confidence interval that year includes zero; only 30% of futures have paid back by then"
	// The cell may go on to doubts of the run's end (futures that never pay back).
	if !strings.Contains(html.UnescapeString(page), "<td>"+want) {
		t.Errorf("the region page's business case does not say %q", want)
	}
	// A council the strategy changes nothing of is said to have made no change, not given a
	// payback year for a change it never made.
	if !strings.Contains(html.UnescapeString(page), "<td>"+plots.NoChangePayback) {
		t.Errorf("the region page's business case does not say of northshire %q", plots.NoChangePayback)
	}
}

// TestRegionSplitPaybackQualified checks that the rows splitting the region's business case
// between the councils that act and the others qualify their payback year as a council's row
// does, not give it flat.
func TestRegionSplitPaybackQualified(t *testing.T) {
	srv, c := southshireActs(t)
	if c.RC.Split == nil {
		t.Fatal("no split of the region's business case: one council acts")
	}
	// The acting councils' case made one whose mean pays back in the first year, its
	// interval that year across zero, 3 futures in 10 paid back.
	nc := c.RC.Split.Act
	nc.Payback, nc.PPayback = nc.Years[0].Period, 0.3
	nc.Years[0].Cumulative.Mean, nc.Years[0].Cumulative.Lo, nc.Years[0].Cumulative.Hi, nc.Years[0].Cumulative.N = 344e3, -2.5e6, 3.2e6, 10
	page, err := srv.regionResultsHTML(c.Alt, c, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "2026/27 on average, but no clear saving yet: its 90% confidence interval that year includes zero; only 30% of futures have paid back by then"
	// The cell may go on to doubts of the run's end (futures that never pay back).
	if !strings.Contains(html.UnescapeString(page), "<td>"+want) {
		t.Errorf("the region page's split of the business case does not say %q", want)
	}
}

// southshireActs runs the region page of two-counties.yaml with southshire's lever changed and
// returns the server and the comparison it keeps for the board pack.
func southshireActs(t *testing.T) (*Server, *regionComparison) {
	t.Helper()
	base, srv, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "p", Ref: "two-counties.yaml", Values: map[string]string{"r.southshire": "5"}})
	m := regexp.MustCompile(`id="boardpack" href="/region-export/([^/"]+)/board-pack.html"`).FindStringSubmatch(a.Results)
	if m == nil {
		t.Fatalf("no board pack: problems %q", a.Problems)
	}
	c, ok := srv.regionComps.get(m[1])
	if !ok {
		t.Fatal("the comparison is not kept")
	}
	return srv, c
}
