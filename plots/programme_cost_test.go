package plots

import (
	"bytes"
	"html"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestStrategyChangesCostTerms checks that what a strategy changes states each programme's cost
// terms (the home's running cost, its capital, a cost a household or a step-down), and that a
// cost paid for every step-down, those the baseline would make anyway included, says so where
// the business case is shown.
func TestStrategyChangesCostTerms(t *testing.T) {
	base := testScenario()
	base.Interventions = nil
	const home = 2 // inhouse_home
	alt := testScenario()
	alt.Interventions = []model.Intervention{
		{Action: model.OpenHome, Label: "Open a 4-bed home", Kind: home, Count: 4, From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			FixedCostPerYearGBP: 1_100_000, Cost: model.ProgrammeCost{OneOffGBP: 1_480_000, OneOffOn: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)}},
		{Action: model.StepDownRate, Label: "Intensive support", Factor: 2, From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			Cost: model.ProgrammeCost{PerUnitGBP: 39_000, PerYearGBP: 120_000}},
	}
	got := strings.Join(StrategyChanges(base, alt), "\n")
	for _, want := range []string{
		"costs: the home costs £1,100,000 a year to run, whether its beds are full or empty (with the council's own carers and homes); a one-off cost of £1,480,000 in April 2027 (capital and set-up: buying or building the home and fitting it out, counted as cash when paid)",
		"costs: £120,000 a year to run; £39,000 for every child stepped down while it is in force, those the baseline would step down anyway included",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("what the strategy changes does not say %q:\n%s", want, got)
		}
	}
	notes := UnitCostNotes(base, alt)
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "Intensive support: its running cost pays £39,000 for every child stepped down") {
		t.Errorf("notes under the business case %q, want one of the step-downs' cost", notes)
	}
	if notes := UnitCostNotes(alt, alt); len(notes) != 0 {
		t.Errorf("a programme the baseline holds too is noted: %q", notes)
	}
}

// TestExtraApprovalsCostTerms checks that the pack states what a recruitment programme pays to
// recruit each household it approves: its own price (recruitment_cost_gbp), or the pool's when
// it gives none; once it said nothing of either.
func TestExtraApprovalsCostTerms(t *testing.T) {
	s := testScenario()
	s.Kinds[0].Carers.RecruitmentCostPerApprovalGBP = 12_000
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	own := model.Intervention{Action: model.ExtraApprovals, Kind: 0, PerYear: 10, From: from, RecruitmentCostGBP: 15_000}
	if got, want := CostTerms(s, own), "costs: £15,000 to recruit and assess each household it approves, in place of the pool's £12,000"; !strings.HasPrefix(got, want) {
		t.Errorf("own price: %q, want %q...", got, want)
	}
	pool := model.Intervention{Action: model.ExtraApprovals, Kind: 0, PerYear: 10, From: from}
	if got, want := CostTerms(s, pool), "costs: £12,000 to recruit and assess each household it approves, the pool's cost"; !strings.HasPrefix(got, want) {
		t.Errorf("the pool's price: %q, want %q...", got, want)
	}
	unit := model.Intervention{Action: model.ExtraApprovals, Kind: 0, PerYear: 10, From: from, Cost: model.ProgrammeCost{PerUnitGBP: 9_000}}
	if got := CostTerms(s, unit); strings.Contains(got, "recruit and assess") {
		t.Errorf("a cost a household in place of both: %q", got)
	}
}

// TestCostTermsEveryTerm checks that what a strategy changes states every term of a change that
// bears on its cost or its places: a yearly cost's own dates where they are not the change's, a
// recruitment cost per approval that replaces the pool's, beds over 20 miles away (local:
// false), one approval in the singular, and, once under the list, at which year's prices its
// money is and that it rises each April.
func TestCostTermsEveryTerm(t *testing.T) {
	date := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	s := testScenario() // kinds: inhouse_foster (0), ifa (1), inhouse_home (2); starts April 2026
	s.Kinds[0].Carers.RecruitmentCostPerApprovalGBP = 5000
	lastDay := date(2030, time.April).AddDate(0, 0, -1)
	for _, tc := range []struct {
		name string
		iv   model.Intervention
		want string
	}{
		{"a yearly cost that stops before the change ends", model.Intervention{Action: model.ExtraApprovals, Label: "Drive", PerYear: 12, From: date(2027, time.April), To: date(2031, time.March),
			Cost: model.ProgrammeCost{PerYearGBP: 80_000, PerYearTo: lastDay}},
			"Drive (12 more approvals a year for in-house foster care), from April 2027 to March 2031; costs: £5,000 to recruit and assess each household it approves, the pool's cost (with the council's own carers and homes); £80,000 a year to run, from April 2027 to March 2030"},
		{"a yearly cost that starts before the change", model.Intervention{Action: model.StepDownRate, Label: "Step-down", Factor: 1.5, From: date(2027, time.April),
			Cost: model.ProgrammeCost{PerYearGBP: 100_000, PerYearFrom: date(2027, time.January)}},
			"Step-down (step-down at 1.5 times the rate), from April 2027; costs: £100,000 a year to run, from January 2027"},
		{"a yearly cost with the change's own dates", model.Intervention{Action: model.StepDownRate, Label: "Step-down", Factor: 1.5, From: date(2027, time.April),
			Cost: model.ProgrammeCost{PerYearGBP: 100_000, PerYearFrom: date(2027, time.April)}},
			"Step-down (step-down at 1.5 times the rate), from April 2027; costs: £100,000 a year to run"},
		{"a recruitment cost per approval", model.Intervention{Action: model.ExtraApprovals, Label: "Drive", PerYear: 1.5, From: date(2027, time.April), RecruitmentCostGBP: 9000},
			"Drive (1.5 more approvals a year for in-house foster care), from April 2027; costs: £9,000 to recruit and assess each household it approves, in place of the pool's £5,000 (with the council's own carers and homes)"},
		{"a recruitment cost per approval that is the pool's", model.Intervention{Action: model.ExtraApprovals, Label: "Drive", PerYear: 2, From: date(2027, time.April), RecruitmentCostGBP: 5000},
			"Drive (2 more approvals a year for in-house foster care), from April 2027; costs: £5,000 to recruit and assess each household it approves (with the council's own carers and homes)"},
		{"one approval a year", model.Intervention{Action: model.ExtraApprovals, Label: "One carer", PerYear: 1, From: date(2027, time.April)},
			"One carer (1 more approval a year for in-house foster care), from April 2027; costs: £5,000 to recruit and assess each household it approves, the pool's cost (with the council's own carers and homes)"},
		{"beds out of the area", model.Intervention{Action: model.BlockBeds, Label: "Block", Kind: 2, Count: 2, From: date(2027, time.April), To: lastDay.AddDate(-1, 0, 0), FixedCostPerYearGBP: 300_000},
			"Block (2 beds for in-house children's homes, over 20 miles away), from April 2027 to March 2029; costs: each bed costs £300,000 a year, used or not (with the council's own carers and homes)"},
		{"local beds", model.Intervention{Action: model.BlockBeds, Label: "Block", Kind: 2, Count: 2, From: date(2027, time.April), FixedCostPerYearGBP: 300_000, Local: true},
			"Block (2 beds for in-house children's homes), from April 2027; costs: each bed costs £300,000 a year, used or not (with the council's own carers and homes)"},
		{"a home out of the area", model.Intervention{Action: model.OpenHome, Label: "Home", Kind: 2, Count: 3, From: date(2027, time.April)},
			"Home (a home of 3 beds for in-house children's homes, over 20 miles away), from April 2027"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := withCostTerms(s, tc.iv); got != tc.want {
				t.Errorf("the change says\n%s\nwant\n%s", got, tc.want)
			}
		})
	}

	// A change whose yearly cost stops earlier than its baseline's says so, where the list
	// shows a change against the baseline's.
	running := model.Intervention{Action: model.StepDownRate, Label: "Step-down", Factor: 1.5, From: date(2027, time.April), Cost: model.ProgrammeCost{PerYearGBP: 100_000}}
	shorter := running
	shorter.Cost.PerYearTo = lastDay
	b, a := testScenario(), testScenario()
	b.Interventions, a.Interventions = []model.Intervention{running}, []model.Intervention{shorter}
	if got, want := StrategyChanges(b, a), "Changed: Step-down (step-down at 1.5 times the rate, £100k a year to run from April 2027 to March 2030), from April 2027 "+
		"(baseline: Step-down (step-down at 1.5 times the rate, £100k a year to run), from April 2027)"; len(got) != 1 || got[0] != want {
		t.Errorf("a yearly cost stopped earlier than the baseline's: %q, want %q", got, want)
	}

	base := testScenario()
	base.Interventions = nil
	for _, tc := range []struct {
		name string
		ivs  []model.Intervention
		want string
	}{
		{"money", []model.Intervention{{Action: model.StepDownRate, Label: "Step-down", Factor: 1.5, From: date(2027, time.April), Cost: model.ProgrammeCost{PerYearGBP: 100_000}}},
			"Money in this list is at 2026/27 prices, those of the year the run starts, and rises each April with the scenario's inflation, or a programme's own rate where its line gives one."},
		{"no money", []model.Intervention{{Action: model.StepDownRate, Label: "Step-down", Factor: 1.5, From: date(2027, time.April)}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alt := testScenario()
			alt.Name, alt.Interventions = "plan", tc.ivs
			r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Level: 0.9, Reps: 20, Seed: 1}
			var b bytes.Buffer
			if err := r.WriteHTML(&b); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			if n := strings.Count(page, "Money in this list"); tc.want == "" && n != 0 || tc.want != "" && (n != 1 || !strings.Contains(page, "</ul>\n<p>"+html.EscapeString(tc.want)+"</p>")) {
				t.Errorf("the pack says the prices of its list's money %d times, want %q once under the list", n, tc.want)
			}
		})
	}
}

// TestCompareWorkbookCostTerms checks that the workbook's business case gives what the pack
// gives beside its own: what the strategy changes with each change's costs, and the warning
// that a step-down programme paid by the child pays for those the baseline would step down
// anyway.
func TestCompareWorkbookCostTerms(t *testing.T) {
	base := testScenario()
	base.Interventions = nil
	alt := testScenario()
	alt.Name = "recruit-12"
	alt.Interventions = []model.Intervention{{Action: model.StepDownRate, Label: "Intensive support", Factor: 2, From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Cost: model.ProgrammeCost{PerUnitGBP: 39_000, PerYearGBP: 120_000}}}
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Cases: []*sim.NetCase{testCase()}, Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String()}
	f := openCompareWorkbook(t, &r)
	rows, err := f.GetRows("Business case")
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, row := range rows {
		all = append(all, strings.Join(row, " "))
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{
		"What recruit-12 changes: Intensive support",
		"£120,000 a year to run; £39,000 for every child stepped down while it is in force, those the baseline would step down anyway included",
		"recruit-12: Intensive support: its running cost pays £39,000 for every child stepped down while it is in force, those the baseline would step down anyway included",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the workbook's business case does not say %q:\n%s", want, got)
		}
	}
}

// TestRecruitmentNote checks that a strategy approving more carers at a recruitment cost is
// told, under its business case, that the cost is counted at approval, not while assessments
// are under way, once for several such programmes, of the first to start; and that a strategy
// with none, or whose baseline holds the same programme, is told nothing.
func TestRecruitmentNote(t *testing.T) {
	s := testScenario()
	s.Kinds[0].Carers.RecruitmentCostPerApprovalGBP = 12_000
	s.Kinds[0].Carers.AssessmentDays = 273
	base := testScenario()
	base.Interventions = nil
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	s.Interventions = []model.Intervention{
		{Action: model.ExtraApprovals, Label: "Recruit more, later", Kind: 0, PerYear: 10, From: from.AddDate(2, 0, 0)},
		{Action: model.ExtraApprovals, Label: "Recruit more", Kind: 0, PerYear: 10, From: from, Cost: model.ProgrammeCost{PerUnitGBP: 9_000}},
	}
	want := "Recruit more and the programme of extra approvals after it: the recruitment cost is counted when a household is approved (£9,000 each), not while assessments are under way; " +
		"a programme that starts assessing in April 2026 pays for assessments before its first approvals, about 273 days later, so its first year's cost is understated."
	if notes := UnitCostNotes(base, s); len(notes) != 1 || notes[0] != want {
		t.Errorf("notes under the business case %q, want %q", notes, want)
	}
	if notes := UnitCostNotes(s, s); len(notes) != 0 {
		t.Errorf("programmes the baseline holds too are noted: %q", notes)
	}
}

// TestCaseLeavesOut checks that the paragraph under every business case, printed and in the
// pack (the workbook's is CaseKey itself: TestCompareWorkbook), says what it does not count:
// staff time beyond the programmes' own costs, overheads, capital financing and grants that
// could offset costs.
func TestCaseLeavesOut(t *testing.T) {
	var b strings.Builder
	if err := WriteNetCaseText(&b, testCase()); err != nil {
		t.Fatal(err)
	}
	_, pack := writeTestCompareReport(t, t.TempDir())
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// The README's section wraps its lines: compare its words.
	inReadme := strings.Join(strings.Fields(string(readme)), " ")
	for _, want := range []string{
		"What these figures leave out: staff time beyond the programmes' own costs", "overheads",
		"capital financing (a capital one-off cost is counted as cash in the year it falls, with no borrowing costs or minimum revenue provision)",
		"grants that could offset costs (such as the DfE's capital match funding for children's homes",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the printed business case does not say %q", want)
		}
		if !strings.Contains(html.UnescapeString(string(pack)), want) {
			t.Errorf("the pack's business case does not say %q", want)
		}
		if !strings.Contains(inReadme, strings.TrimPrefix(want, "What these figures leave out: ")) {
			t.Errorf("README.md's business case does not say %q", want)
		}
	}
}
