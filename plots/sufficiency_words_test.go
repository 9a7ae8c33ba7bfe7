package plots_test

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// sufficiencyRun runs the default county for two years with sets, and returns its results, its
// scenario and its report's page as text.
func sufficiencyRun(t *testing.T, src plots.Source, sets ...string) (*sim.Results, string) {
	t.Helper()
	s, err := scenarios.Load("default", append([]string{"years=2"}, sets...))
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := plots.FromResults(res)
	if err != nil {
		t.Fatal(err)
	}
	charts, err := plots.Charts(d, src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := (&plots.Report{Data: d, Scenario: s, Source: src, Charts: charts}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	return res, html.UnescapeString(b.String())
}

// TestReportSufficiencyWords checks the words a sufficiency paper quotes from a run's report:
// the children whose first choice is in-house foster care and who are placed elsewhere are
// called so, not "waiting", and the report says why they do not move (no planned moves) and
// what the places short of first choices are; the council's own foster carer households say
// they are in-house and specialist together, with no whole-run figure a year for a count on a
// day; the Assumptions list the households that keep places for brothers and sisters, with
// the published vacancy figure, count the children entering care other than unaccompanied
// children, and say that the starting stock and carers are the warm-up's; and the key figures
// count the children placed far away, in an emergency placement on an average day, and the
// unaccompanied children.
func TestReportSufficiencyWords(t *testing.T) {
	_, page := sufficiencyRun(t, plots.Source{Version: "test", Scenario: "default", Reps: 4, Seed: 1})
	for _, want := range []string{
		`<th scope="row" class="row">` + "Children placed elsewhere whose first choice is in-house foster care (average)</th>",
		"<h2>How to read</h2>",
		"They are not waiting for a place: placesim makes no planned moves",
		"Places short of first choices (in-house foster care)",
		`<th scope="row" class="row">` + "The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end</th>",
		`<td class="num">–<span><span class="vh">, </span>see the last year</span></td>`,
		"A count at the year's end is a count on one day, not a flow",
		"In-house foster care: places kept for brothers and sisters",
		"70% of households keep their places beyond the first for brothers and sisters (kinds.inhouse_foster.carers.sibling_only_share): an assumption",
		"an assumption, not a published figure, set so that about 60% of foster places are filled, as Ofsted counted in England in 2025 (42,015 of 69,825 mainstream places)",
		"Ofsted's 17.6% of places vacant in 2022 (13,170 of 74,660) counts only places available for a child",
		"260 other than unaccompanied asylum-seeking children at the start, changing by 0% a year, and 55 unaccompanied children arriving a year on top",
		"Children in care at the start of the warm-up (1 April 2024)",
		"160 carer households at the start of the warm-up (1 April 2024)",
		`<th scope="row" class="row">` + "Children placed more than 20 miles away</th>",
		`<th scope="row" class="row">` + "Children placed more than 20 miles away (number, average)</th>",
		`<th scope="row" class="row">` + plots.EmergencyDayLabel + "</th>",
		`<th scope="row" class="row">` + "Unaccompanied asylum-seeking children in care (average)</th>",
		`<th scope="row" class="row">` + "Unaccompanied children transferred to another council</th>",
		"The scenario tests no change of strategy: it is a baseline.",
		"are kept for brothers and sisters (an assumption's outcome: see the note)",
		"in-house foster care is ",
		" places short of first choices",
		// The children whose first choice is a specialist carer, by need.
		`<th scope="row" class="row">` + "Children with complex needs placed elsewhere whose first choice is specialist foster care for complex teenagers (average)</th>",
		"Children of each need placed elsewhere whose first choice is a kind that takes more than one need",
		"Specialist foster care for complex teenagers, in-house children's homes and block-contracted residential beds take children of more than one need",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for _, not := range []string{"waiting for in-house", "Children waiting", "In-house foster carer households", "outside their council's area", "changed by --set",
		// A fixed figure of the built-in county, whatever ran.
		"the default scenario has about 63%",
		// No child with standard needs has specialist carers as their first choice.
		"Children with standard needs placed elsewhere whose first choice is specialist"} {
		if strings.Contains(page, not) {
			t.Errorf("the report says %q", not)
		}
	}
}

// TestReportPlacesFilled checks that the report's Assumptions give the share of in-house
// foster places filled on an average day of the run, occupied_inhouse_foster over
// places_inhouse_foster, the ratio of their totals over the runs, beside Ofsted's: the default's,
// and another when fewer households keep their places for brothers and sisters.
func TestReportPlacesFilled(t *testing.T) {
	src := plots.Source{Version: "test", Scenario: "default", Reps: 4, Seed: 1}
	var said []string
	for _, sets := range [][]string{nil, {"kinds.inhouse_foster.carers.sibling_only_share=0.3"}} {
		res, page := sufficiencyRun(t, src, sets...)
		all := len(res.Periods) - 1
		sum := func(kpi string) float64 {
			var v float64
			for _, x := range res.KPI(all, slices.Index(res.KPIs, kpi)) {
				v += x
			}
			return v
		}
		share := sum(sim.OccupiedKPI("inhouse_foster")) / sum(sim.PlacesOf("inhouse_foster"))
		want := fmt.Sprintf(`mainstream places); in this run, "default" has %.0f%% of its places in in-house foster care filled on an average day (the children placed there over its places, over the whole run). Ofsted's 17.6%%`, 100*share)
		if !strings.Contains(page, want) {
			t.Errorf("--set %v: the report does not say %q", sets, want)
		}
		said = append(said, want)
	}
	if said[0] == said[1] {
		t.Errorf("the share filled is the same with fewer households keeping places for brothers and sisters: %q", said[0])
	}
}

// TestSiblingOnlyShareSet checks that when --set changes the share of households that keep
// their places for brothers and sisters, the report, its gap chart's note and the workbook no
// longer say it was set so that about 60% of places are filled, as Ofsted counted, but that it
// was changed from the scenario file's own, with the run's own share filled beside Ofsted's.
func TestSiblingOnlyShareSet(t *testing.T) {
	set := "kinds.inhouse_foster.carers.sibling_only_share=0.3"
	res, page := sufficiencyRun(t, plots.Source{Version: "test", Scenario: "default", Reps: 4, Seed: 1, Sets: []string{set}}, set)
	d, err := plots.FromResults(res)
	if err != nil {
		t.Fatal(err)
	}
	gap, err := plots.SufficiencyGapByAgeChart(d, plots.Source{Sets: []string{set}})
	if err != nil {
		t.Fatal(err)
	}
	var s, ts, book bytes.Buffer
	if err := res.WriteSummary(&s, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteTimeseries(&ts, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	yaml := "name: default\nkinds:\n  - name: inhouse_foster\n    carers:\n      sibling_only_share: 0.3 # --set " + set + "\n"
	if err := plots.WriteWorkbook(&book, res, s.Bytes(), ts.Bytes(), []byte(yaml), []string{set}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("How to read")
	if err != nil {
		t.Fatal(err)
	}
	var about strings.Builder
	for _, r := range rows {
		about.WriteString(strings.Join(r, "\t") + "\n")
	}
	for what, text := range map[string]string{"report": page, "gap chart note": gap.Note, "workbook": about.String()} {
		if strings.Contains(text, "set so that about 60%") {
			t.Errorf("the %s says the changed share was set so that about 60%% of places are filled", what)
		}
		for _, want := range []string{
			"changed for this run by --set from the scenario file's own value, so not set to match Ofsted, who counted about 60% of foster places filled in England in 2025 (42,015 of 69,825 mainstream places); " +
				`in this run, "default" has `,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the %s does not say %q", what, want)
			}
		}
	}
	if !strings.Contains(page, "30% of households keep their places beyond the first") {
		t.Error("the report does not give the changed share, 30%")
	}
}

// TestReportSets checks that a run changed by --set is not reported as the unchanged
// baseline: its title, the Assumptions and the source line say it was changed, and how.
func TestReportSets(t *testing.T) {
	set := "kinds.inhouse_foster.carers.households=180"
	// The years simulated, by --years or --set years=N, are the horizon, not a change of
	// the scenario's assumptions: a shorter run of the baseline is the baseline.
	sets, years := plots.SetsAndYears([]string{"years = 3", " " + set})
	if !slices.Equal(sets, []string{set}) || !years {
		t.Fatalf("SetsAndYears: %q, %v, want [%q], true", sets, years, set)
	}
	_, page := sufficiencyRun(t, plots.Source{Version: "test", Scenario: "default", Reps: 4, Seed: 1, Sets: sets}, set)
	for _, want := range []string{
		"<h1>Placement sufficiency: default, changed by --set</h1>",
		"The scenario file tests no change of strategy, but this run changed it with --set, so it is not the file's baseline:",
		"<li>" + set + "</li>",
		`scenario "default" changed by --set ` + set + ", 4 runs",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	if strings.Contains(page, "it is a baseline") {
		t.Error("the report calls a run changed by --set a baseline")
	}
}

// TestWorkbookSufficiencyWords checks that a run's workbook says, in its How to read, what the
// children placed elsewhere and the places short of first choices are, which assumption the
// places kept for brothers and sisters follow from, that the 3-or-more placements share is not
// calibrated to England's figure, that a count at the year's end is not a figure a year, and
// which changes --set made; and that its Summary labels the KPIs in the same words.
func TestWorkbookSufficiencyWords(t *testing.T) {
	res, _ := sufficiencyRun(t, plots.Source{})
	var s, ts, book bytes.Buffer
	if err := res.WriteSummary(&s, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteTimeseries(&ts, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	yaml := "name: default\nyears: 2 # --set years=2\nentries:\n  per_year: 300 # --set entries.per_year=300\n"
	if err := plots.WriteWorkbook(&book, res, s.Bytes(), ts.Bytes(), []byte(yaml), []string{"entries.per_year=300"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text := func(sheet string) string {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		return b.String()
	}
	about := text("How to read")
	for _, want := range []string{
		"Children placed elsewhere whose first choice is in-house foster care\tChildren in care whose first choice",
		"They are not waiting for a place: placesim makes no planned moves",
		"Places short of first choices (in-house foster care)",
		"kinds.inhouse_foster.carers.sibling_only_share",
		"set so that about 60% of foster places are filled",
		`; in this run, "default" has `,
		"of its places in in-house foster care filled on an average day",
		"counts only places available for a child",
		"Children of each need placed elsewhere whose first choice is a kind that takes more than one need",
		"(three_plus_moves_share)\tThe Department for Education's measure",
		"about 10% in recent years) and is not calibrated to it",
		"Counts at the year's end (carer_households_end)",
		"Changed by --set\tThis run changed the scenario with --set entries.per_year=300:",
	} {
		if !strings.Contains(about, want) {
			t.Errorf("How to read does not say %q", want)
		}
	}
	// The years simulated are not a change of assumptions.
	if strings.Contains(about, "years=2") {
		t.Error("How to read lists years=2 as a change made by --set")
	}
	summary := text("Summary")
	for _, want := range []string{
		"Children placed elsewhere whose first choice is in-house foster care",
		"The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end",
		"not calibrated to England's figure of about 10%",
		"gap_waiting_specialist_foster_complex\tChildren with complex needs placed elsewhere whose first choice is specialist foster care for complex teenagers",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("Summary does not say %q", want)
		}
	}
}

// TestHeadlinesPlacedElsewhere checks that a comparison's headlines, which its printed lines,
// board pack and workbook show, name the children placed elsewhere and the council's own
// foster carer households as the run's report does.
func TestHeadlinesPlacedElsewhere(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, h := range plots.Headlines(s) {
		labels = append(labels, h.Label)
	}
	for _, want := range []string{
		"Children placed elsewhere whose first choice is in-house foster care (average)",
		"The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end",
	} {
		if !slices.Contains(labels, want) {
			t.Errorf("headlines %q: no %q", labels, want)
		}
	}
}
