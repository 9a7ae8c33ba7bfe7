package sim

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestBudgetStopsARun checks that a replication going over each part of its budget stops the
// run with a *BudgetError naming that part, not a panic, a hang or partial results.
func TestBudgetStopsARun(t *testing.T) {
	tests := []struct {
		name   string
		budget Budget
		what   string
	}{
		// The rich scenario brings in several hundred children and has dozens of households and
		// thousands of steps a replication.
		{"children", Budget{Children: 50}, "children"},
		{"households", Budget{Households: 20}, "carer households"},
		{"steps", Budget{Steps: 500}, "steps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(richScenario(), Options{Reps: 4, Seed: 1, Workers: 2, Budget: tt.budget})
			var be *BudgetError
			if !errors.As(err, &be) {
				t.Fatalf("Run returned %v, %v; want a *BudgetError", res, err)
			}
			if res != nil {
				t.Errorf("Run returned results with its error")
			}
			if be.What != tt.what {
				t.Errorf("went over %q, want %q", be.What, tt.what)
			}
			if msg := err.Error(); !strings.Contains(msg, "work budget of") || !strings.Contains(msg, tt.what) {
				t.Errorf("message %q does not say which budget", msg)
			}
		})
	}
}

// TestBudgetLeavesValidScenariosAlone checks that the derived budget is far above what
// replications of the rich scenario and of a scenario at the top of several ranges use, and
// that it lies within the caps.
func TestBudgetLeavesValidScenariosAlone(t *testing.T) {
	big := erlangScenario(20, 100_000, model.Distribution{Kind: model.Exponential, MeanDays: 30}, 1, 0)
	for _, s := range []*model.Scenario{richScenario(), big} {
		t.Run(s.Name, func(t *testing.T) {
			c, err := compile(s)
			if err != nil {
				t.Fatal(err)
			}
			b := c.budget
			if b.Children > MaxBudgetChildren || b.Households > MaxBudgetHouseholds || b.Steps > MaxBudgetSteps {
				t.Errorf("budget %+v above the caps", b)
			}
			r := newRun(c)
			for rep := range 3 {
				if _, err := r.replicate(1, rep); err != nil {
					t.Fatal(err)
				}
				// The budget is twice an upper estimate plus a floor: a replication using more
				// than half of it would mean the estimate is wrong, not unlucky.
				if 2*len(r.children) > b.Children || 2*len(r.households) > b.Households || 2*r.steps > b.Steps {
					t.Errorf("replication %d used %d children, %d households, %d steps of %+v",
						rep, len(r.children), len(r.households), r.steps, b)
				}
			}
		})
	}
}

// TestBudgetFor checks the derived budget against a figure worked out by hand, and its caps.
func TestBudgetFor(t *testing.T) {
	s := erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 10, 2)
	// 40 children a year for 12 years, twice over, plus the floor.
	if got, want := BudgetFor(s).Children, 2*480+budgetChildrenFloor; got != want {
		t.Errorf("children budget %d, want %d", got, want)
	}
	// A scenario beyond every range (not one Validate accepts) still gets a finite budget.
	s.Entries.PerYear = math.Inf(1)
	s.Emergency.RetryDays = 1e-300
	if b := BudgetFor(s); b.Children != MaxBudgetChildren || b.Steps != MaxBudgetSteps {
		t.Errorf("budget %+v, want the caps", b)
	}
}

// TestFindingsRunOrAreRefused replays scenarios that once crashed or hung the simulator: each
// is now refused by validation, and at its range's end it runs.
func TestFindingsRunOrAreRefused(t *testing.T) {
	exp := func(mean float64) model.Distribution {
		return model.Distribution{Kind: model.Exponential, MeanDays: mean}
	}
	tests := []struct {
		name   string
		change func(s *model.Scenario) // within the ranges
		beyond func(s *model.Scenario) // beyond them
	}{
		{"huge assessment time (stack overflow in the Poisson draw)",
			func(s *model.Scenario) {
				s.Kinds[0].Carers.ApprovalsPerYear, s.Kinds[0].Carers.AssessmentDays = 10_000, 1_100
			},
			func(s *model.Scenario) {
				s.Kinds[0].Carers.ApprovalsPerYear, s.Kinds[0].Carers.AssessmentDays = 10_000, 1e308
			}},
		{"tiny retry interval",
			func(s *model.Scenario) { s.Emergency.RetryDays = 1; s.Kinds[1].CapacityPlaces = 1 },
			func(s *model.Scenario) { s.Emergency.RetryDays = 1e-300; s.Kinds[1].CapacityPlaces = 1 }},
		{"lognormal stay with a huge sigma (clock went back)",
			func(s *model.Scenario) {
				s.Stays[0].Stay = model.Distribution{Kind: model.Lognormal, MeanDays: 146, Sigma: 3}
			},
			func(s *model.Scenario) {
				s.Stays[0].Stay = model.Distribution{Kind: model.Lognormal, MeanDays: 146, Sigma: 1e308}
			}},
		{"infinite stay",
			func(s *model.Scenario) { s.Stays[0].Stay = exp(10_000) },
			func(s *model.Scenario) { s.Stays[0].Stay = exp(math.Inf(1)) }},
		{"far-future start",
			func(s *model.Scenario) { s.Start = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC) },
			func(s *model.Scenario) { s.Start = time.Date(9999, 4, 1, 0, 0, 0, 0, time.UTC) }},
		{"steep inflation",
			func(s *model.Scenario) { s.InflationPerYear = 1 },
			func(s *model.Scenario) { s.InflationPerYear = 1e308 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := erlangScenario(20, 40, exp(146), 3, 0)
			s.Kinds[0].Carers.ApprovalsPerYear = 2
			tt.beyond(s)
			if _, err := Run(s, Options{Reps: 1, Seed: 1}); err == nil {
				t.Errorf("a scenario beyond the ranges ran")
			}
			s = erlangScenario(20, 40, exp(146), 3, 0)
			s.Kinds[0].Carers.ApprovalsPerYear = 2
			tt.change(s)
			if _, err := Run(s, Options{Reps: 2, Seed: 1, Check: true}); err != nil {
				t.Errorf("a scenario at the ends of the ranges: %v", err)
			}
		})
	}
}

// TestPoissonLargeMeans checks the Poisson draw for means far above any a scenario asks for:
// it returns (it once recursed, and ran out of stack when the mean overflowed an int), and its
// draws lie within 6 standard deviations of the mean (a failure rate below 1e-8).
func TestPoissonLargeMeans(t *testing.T) {
	s := newStream(1, 0, streamCarers, 0)
	for _, mean := range []float64{31, 1e4, 1e7, 1e10, maxPoissonMean} {
		n := float64(s.poisson(mean))
		if math.Abs(n-mean) > 6*math.Sqrt(mean) {
			t.Errorf("poisson(%g) = %g, more than 6 sd from the mean", mean, n)
		}
	}
}

// TestReadmeBudget checks that the README states the budget's factor, margins and caps as the
// code has them.
func TestReadmeBudget(t *testing.T) {
	text, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	f := model.FormatNumber
	for _, want := range []string{
		"twice the children, carer households and steps",
		"plus a margin of " + f(budgetChildrenFloor) + " children,\n" + f(budgetHouseholdsFloor) + " households and " + f(budgetStepsFloor) + " steps",
		"never more than " + f(MaxBudgetChildren) + " children, " + f(MaxBudgetHouseholds) + "\nhouseholds or " + f(MaxBudgetSteps) + " steps",
		"at most " + f(model.MaxChildrenPerRun) + " children into care",
		"at most " + f(model.MaxHouseholdsPerRun) + " carer households",
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
	if budgetFactor != 2 {
		t.Errorf("budgetFactor is %d: the README says twice", budgetFactor)
	}
}

// TestBudgetCountsMatchingSteps checks that the steps of matching count against the budget:
// many homes none of them local, where every match looks through them all for a local one,
// go over a budget of steps that their few hundred events alone would stay far within.
func TestBudgetCountsMatchingSteps(t *testing.T) {
	s := erlangScenario(1, 200, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 1, 0)
	homes := make([]model.Home, 1_000)
	for i := range homes {
		homes[i] = model.Home{Name: fmt.Sprintf("home %d", i+1), Beds: 1}
	}
	s.Kinds[0] = model.Kind{Name: "homes", Category: model.Residential, Supply: model.Homes, Accepts: model.Everyone,
		WeeklyCostGBP: [model.NumNeeds]float64{4000, 4000, 4000}, Homes: homes}
	_, err := Run(s, Options{Reps: 1, Seed: 1, Workers: 1, Budget: Budget{Steps: 100_000}})
	var be *BudgetError
	if !errors.As(err, &be) || be.What != "steps" {
		t.Fatalf("Run returned %v; want a *BudgetError over steps", err)
	}
	// Unlimited matching steps, the same scenario fires few events: the budget was matching's.
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	if _, err := r.replicate(1, 0); err != nil {
		t.Fatal(err)
	}
	if r.events > 2_000 || r.steps < 100_000 {
		t.Errorf("%d events and %d steps; want few events and many steps", r.events, r.steps)
	}
}

// TestShippedScenariosWithinHalfBudget checks that every built-in scenario runs within half of
// its derived budget: the margin that keeps a valid scenario from meeting the budget by chance.
func TestShippedScenariosWithinHalfBudget(t *testing.T) {
	for _, info := range scenarios.Builtins() {
		t.Run(info.Name, func(t *testing.T) {
			s, err := scenarios.Load(info.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			b := BudgetFor(s)
			half := Budget{Children: b.Children / 2, Households: b.Households / 2, Steps: b.Steps / 2}
			if _, err := Run(s, Options{Reps: 2, Seed: 1, Budget: half}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
