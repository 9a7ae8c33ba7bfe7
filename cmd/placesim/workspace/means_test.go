package workspace

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestResultsGiveMeans checks that the results pane's headline table and table of places give
// each figure as the run's report and summary.csv do, the mean of the runs, and say so: a
// count whose mean reads differently from its median reads as the mean.
func TestResultsGiveMeans(t *testing.T) {
	_, srv, _ := testServer(t)
	run := func(set ...string) *runOut {
		t.Helper()
		s, err := scenarios.Load("default", set)
		if err != nil {
			t.Fatal(err)
		}
		s.Years = 3
		res, err := sim.Run(s, sim.Options{Reps: 6, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return &runOut{s: s, res: res, reps: 6}
	}
	base, alt := run(), run("kinds.inhouse_foster.carers.approvals_per_year=40")
	c, err := compareRuns(base, alt, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	page, err := srv.resultsHTML(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, `<th>scenario: mean <span class="why">(90% of runs)</span></th>`) || strings.Contains(page, "median, money the mean") {
		t.Error("the headline table's heading does not say its figures are means")
	}
	if !strings.Contains(page, "Averages over the year: means of runs") {
		t.Error("the table of places does not say its figures are means")
	}
	res := alt.res
	years := res.Years()
	hz := plots.LastWholeYear(alt.s.Start, alt.s.Years, years)
	p := slices.Index(res.Periods, hz)
	// summary.csv's mean and median of KPI kpi at the horizon, as the page writes them.
	summary := func(kpi string) (mean, median string) {
		k := slices.Index(res.KPIs, kpi)
		if k < 0 {
			t.Fatalf("no KPI %s", kpi)
		}
		st := res.Summary(p, k, []float64{50})
		u := plots.UnitOf(kpi)
		return level(st.Mean, u), level(st.Percentiles[0], u)
	}
	differ := 0
	for _, kpi := range []string{sim.CostTotal, sim.OccupiedKPI("ifa"), sim.OccupiedCategoryKPI(model.Residential), sim.GapWaiting("inhouse_foster"), sim.GapEmpty("inhouse_foster"), sim.EmergencyPlacements} {
		mean, median := summary(kpi)
		if mean != median {
			differ++
		}
		row := regexp.MustCompile(`(?s)<tr data-figure="` + regexp.QuoteMeta(kpi) + `".*?</tr>`).FindString(page)
		levels := regexp.MustCompile(`<td class="level"><strong>([^<]*)</strong>`).FindAllStringSubmatch(row, -1)
		if len(levels) != 2 {
			t.Errorf("%s: no row of two years in the headline table", kpi)
			continue
		}
		if got := levels[1][1]; got != mean {
			t.Errorf("%s in %s: the headline table gives %s, summary.csv's mean %s (median %s)", kpi, hz, got, mean, median)
		}
	}
	// The table of places: the horizon's waiting and empty of in-house foster care.
	row := regexp.MustCompile(`(?s)<tr data-kind="inhouse_foster">.*?</tr>`).FindString(page)
	cells := regexp.MustCompile(`<td><span class="vh">(\w+) </span>([^<]*)<`).FindAllStringSubmatch(row, -1)
	if len(cells) != 8 {
		t.Fatalf("in-house foster care's row of places has %d figures, want 8:\n%s", len(cells), row)
	}
	for i, kpi := range map[int]string{5: sim.GapWaiting("inhouse_foster"), 7: sim.GapEmpty("inhouse_foster")} {
		mean, median := summary(kpi)
		if got := fmt.Sprintf("%s %s", cells[i][1], cells[i][2]); got != "mean "+mean {
			t.Errorf("%s in %s: the table of places gives %q, summary.csv's mean %s (median %s)", kpi, hz, got, mean, median)
		}
	}
	if differ == 0 {
		t.Error("no figure's mean reads differently from its median: the test shows nothing")
	}
}
