package plots

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestInterventionTermsEveryAction checks that what a strategy changes says the terms of
// every action scenarios/README.md lists, beside its label and date: the figures that drive
// its cost and effect ("Carer allowance uplift (£50 more a week a child ..., carers leaving at
// 0.85 times the rate), from April 2026"), not the label and date alone, in the board pack of
// a scenario (withCostTerms) and of a region (interventionFigures) alike.
func TestInterventionTermsEveryAction(t *testing.T) {
	s := testScenario() // kinds: inhouse_foster (0), ifa (1), inhouse_home (2)
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		iv   model.Intervention
		want string
	}{
		"extra_approvals":    {model.Intervention{PerYear: 12}, "12 more approvals a year for in-house foster care"},
		"add_households":     {model.Intervention{Count: 5}, "5 more households for in-house foster care"},
		"retention":          {model.Intervention{Factor: 0.8}, "carers leaving at 0.8 times the rate for in-house foster care"},
		"allowance_uplift":   {model.Intervention{WeeklyGBP: 50, Factor: 0.85}, "£50 more a week a child for in-house foster care, carers leaving at 0.85 times the rate"},
		"open_home":          {model.Intervention{Kind: 2, Count: 3}, "a home of 3 beds for in-house children's homes"},
		"close_home":         {model.Intervention{Kind: 2, Name: "Oak House"}, "closes Oak House"},
		"block_beds":         {model.Intervention{Kind: 2, Count: 4}, "4 beds for in-house children's homes"},
		"capacity":           {model.Intervention{Kind: 1, Count: 200}, "a cap of 200 places for independent fostering agency"},
		"stepdown_rate":      {model.Intervention{Factor: 2}, "step-down at 2 times the rate"},
		"entry_rate":         {model.Intervention{Factor: 0.9}, "children entering care at 0.9 times the rate"},
		"uasc_surge":         {model.Intervention{Factor: 1.5, PerYear: 10}, "UASC arriving at 1.5 times the rate and 10 more UASC a year"},
		"price":              {model.Intervention{Kind: 1, Factor: 1.1}, "prices at 1.1 times for independent fostering agency"},
		"inflation":          {model.Intervention{Rate: 0.08}, "inflation 8% a year"},
		"care_leaver_places": {model.Intervention{Count: 15}, "care leavers' accommodation capped at 15 places"},
		"breakdown_rate":     {model.Intervention{Kind: model.AnyKind, Factor: 0.8}, "placements breaking down at 0.8 times the rate"},
		"escalation_rate":    {model.Intervention{Factor: 0.5}, "breakdowns raising a child's needs at 0.5 times the share"},
	}
	readme, err := os.ReadFile("../scenarios/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, _ := strings.Cut(string(readme), "### interventions")
	list, _, _ = strings.Cut(list, "#### cost")
	listed := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| `").FindAllStringSubmatch(list, -1)
	if len(listed) != int(model.NumActions) {
		t.Errorf("scenarios/README.md lists %d actions, the model has %d", len(listed), model.NumActions)
	}
	for _, m := range listed {
		name := m[1]
		t.Run(name, func(t *testing.T) {
			tc, ok := tests[name]
			if !ok {
				t.Fatalf("no terms to check for %s", name)
			}
			a, err := model.ParseAction(name)
			if err != nil {
				t.Fatal(err)
			}
			iv := tc.iv
			iv.Action, iv.Label, iv.From = a, "The programme", from
			for _, got := range []string{withCostTerms(s, iv), interventionFigures(s, iv)} {
				if !strings.HasPrefix(got, "The programme ("+tc.want) || !strings.Contains(got, "), from April 2026") {
					t.Errorf("%s says %q, want its terms %q in brackets after its label", name, got, tc.want)
				}
			}
		})
	}
}
