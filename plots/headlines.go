package plots

import (
	"math"
	"strings"

	"github.com/placesim/placesim/model"
)

// Headline is a KPI that a comparison's table and board pack show, with how to say it.
type Headline struct {
	// Label names the KPI in plain English, with how it is counted: "Residential care
	// (children, average)".
	Label string
	// KPI is the KPI's name in the results.
	KPI string
	// Unit is how its figures are written.
	Unit Unit
	// Better is -1 when less is better for children or money, +1 when more is, and 0 when
	// neither (how many children are in care is not a placement strategy's aim).
	Better int
}

// Headlines returns the KPIs a comparison shows for scenario s: money, children in the settings
// councils watch, carers and first choices.
func Headlines(s *model.Scenario) []Headline {
	hs := []Headline{
		{"Total cost", "cost_total", Money, -1},
		{"Children in care (average)", "children_in_care", Count, 0},
	}
	for _, k := range s.Kinds {
		if k.Name == "ifa" || k.Name == "inhouse_foster" {
			better := -1 // agency places cost more and are further away
			if k.Name == "inhouse_foster" {
				better = 1
			}
			hs = append(hs, Headline{k.Label + " (children, average)", "occupied_" + k.Name, Count, better})
		}
		if k.Name == "inhouse_foster" && k.Supply == model.Carers {
			// The sufficiency gap: children whose first choice it is, placed elsewhere.
			hs = append(hs, Headline{"Waiting for " + strings.ToLower(k.Label) + " (children, average)", "gap_waiting_" + k.Name, Count, -1})
		}
	}
	return append(hs,
		Headline{"Residential care (children, average)", "occupied_category_residential", Count, -1},
		Headline{"Emergency placements", "emergency_placements", Count, -1},
		Headline{"Carer households at the year's end", "carer_households_end", Count, 1},
		Headline{"Children placed in their first choice", "first_choice_share", Share, 1},
	)
}

// ChanceBetter returns the chance that a scenario does better than its baseline on h, from the
// shares of pairs in which it is lower and higher; NaN when neither direction is better.
func (h Headline) ChanceBetter(pLower, pHigher float64) float64 {
	switch h.Better {
	case -1:
		return pLower
	case 1:
		return pHigher
	}
	return math.NaN()
}
