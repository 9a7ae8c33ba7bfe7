package plots

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestCompareReportChangesAgainstBaseline reads the board pack's "What it changes" list of a
// strategy whose baseline has dated changes of its own: a strategy that extends the baseline
// lists only what it adds, and one that alters or leaves out one of the baseline's says so.
func TestCompareReportChangesAgainstBaseline(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	home := model.Intervention{Action: model.OpenHome, Label: "Oak Lodge, a new in-house home", From: april(2026), Kind: 2,
		Count: 3, LeadTimeDays: 731, FixedCostPerYearGBP: 825000, Local: true}
	planned := home
	planned.Baseline = true
	bigger := home
	bigger.Count, bigger.FixedCostPerYearGBP = 4, 900000
	later := home
	later.Cost = model.ProgrammeCost{OwnInflation: true, InflationPerYear: 0.05} // a programme of no cost
	away := home
	away.Local = false
	drive := model.Intervention{Action: model.ExtraApprovals, Label: "Fostering recruitment drive", From: april(2026), PerYear: 12}
	base := testScenario()
	base.Name, base.Interventions = "base", []model.Intervention{home}
	for _, tc := range []struct {
		name string
		ivs  []model.Intervention
		want []string
	}{
		{"extends the baseline", []model.Intervention{home, drive},
			[]string{"Fostering recruitment drive (12 more approvals a year for in-house foster care), from April 2026"}},
		{"the baseline as it is", []model.Intervention{home}, nil},
		{"the baseline's, marked as planned in it", []model.Intervention{planned, drive},
			[]string{"Fostering recruitment drive (12 more approvals a year for in-house foster care), from April 2026"}},
		{"alters the baseline's", []model.Intervention{bigger, drive}, []string{
			"Changed: Oak Lodge, a new in-house home (a home of 4 beds for in-house children's homes, £900,000 a year), decided April 2026, opens April 2028 " +
				"(baseline: Oak Lodge, a new in-house home (a home of 3 beds for in-house children's homes, £825,000 a year), decided April 2026, opens April 2028)",
			"Fostering recruitment drive (12 more approvals a year for in-house foster care), from April 2026"}},
		{"alters it where the list shows no figure", []model.Intervention{later}, []string{
			"Changed: Oak Lodge, a new in-house home (a home of 3 beds for in-house children's homes, £825,000 a year), decided April 2026, opens April 2028 " +
				"(in a figure this list does not show: see the two scenario files)"}},
		{"moves the baseline's beds out of the area", []model.Intervention{away}, []string{
			"Changed: Oak Lodge, a new in-house home (a home of 3 beds for in-house children's homes, over 20 miles away, £825,000 a year), decided April 2026, opens April 2028 " +
				"(baseline: Oak Lodge, a new in-house home (a home of 3 beds for in-house children's homes, £825,000 a year), decided April 2026, opens April 2028)"}},
		{"leaves out the baseline's", []model.Intervention{drive}, []string{
			"Fostering recruitment drive (12 more approvals a year for in-house foster care), from April 2026",
			"Not in the strategy: Oak Lodge, a new in-house home (a home of 3 beds for in-house children's homes, £825,000 a year), decided April 2026, opens April 2028"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alt := testScenario()
			alt.Name, alt.Interventions = "plan", tc.ivs
			r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Level: 0.9, Reps: 20, Seed: 1}
			var b bytes.Buffer
			if err := r.WriteHTML(&b); err != nil {
				t.Fatal(err)
			}
			if got := changesListed(b.String(), "base"); !slices.Equal(got, tc.want) {
				t.Errorf("What it changes against base:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// changesListed reads the items of a board pack's "What it changes against BASE" list.
func changesListed(page, base string) []string {
	_, list, ok := strings.Cut(page, "<p>What it changes against "+html.EscapeString(base)+":</p>\n<ul>\n")
	if !ok {
		return nil
	}
	list, _, _ = strings.Cut(list, "</ul>")
	var out []string
	for _, m := range regexp.MustCompile(`<li>(.*)</li>`).FindAllStringSubmatch(list, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}
