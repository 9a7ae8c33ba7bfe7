package scenarios

import (
	"reflect"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// schemaHas reports whether a field path names a field of the scenario file format.
func schemaHas(field string) bool {
	segs, err := splitPath(field)
	if err != nil {
		return false
	}
	typ := reflect.TypeFor[fileScenario]()
	for i, s := range segs {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch {
		case typ.Implements(shaperType):
			// A list or mapping of single values holds one more step, which ends the path.
			sh := reflect.Zero(typ).Interface().(shaper).shape()
			return i == len(segs)-1 && (sh == listShape && s.index >= 0 || sh != listShape && sh != scalarShape && s.index < 0)
		case typ.Kind() == reflect.Slice && s.index >= 0:
			typ = typ.Elem()
		case typ.Kind() == reflect.Struct && s.index < 0:
			ft, ok := fieldsOf(typ).types[s.key]
			if !ok {
				return false
			}
			typ = ft
		default:
			return false
		}
	}
	return true
}

// TestVocabulary checks that every field path model.Validate reports is a field of the file
// format, so that problems can be placed in files: it validates a scenario with something
// wrong everywhere.
func TestVocabulary(t *testing.T) {
	bad := model.AgeRange{FromYears: 5, ToYears: 1}
	mix := []model.AgeShare{{Ages: bad, Share: -1, NeedShares: [3]float64{-1, 0, 0}, MaleShare: 2}}
	stays := []model.StayRule{{Who: model.Selector{Ages: bad}, Stay: model.Distribution{Kind: model.Gamma}, ExitShares: [5]float64{-1}}}
	pool := &model.CarerPool{
		Households: -1, PlacesMix: []model.PlacesShare{{Places: 0, Share: 2}},
		ApprovalMix: []model.ApprovalShare{{Ages: bad, Share: 2}}, SiblingOnlyShare: 2,
		AgeMix:           []model.CarerAgeShare{{FromYears: 5, ToYears: 1, Share: 2}},
		ApprovalsPerYear: -1, AssessmentDays: -1, DeregistrationPerYear: -1, RetirementFromAge: -1,
		RetirementPerYear: -1, RetirementIncreasePerYearOfAge: -1, WindDownDays: -1,
		SupportCostPerHouseholdPerYearGBP: -1, RecruitmentCostPerApprovalGBP: -1,
	}
	s := &model.Scenario{
		Years: 0, WarmupYears: -1, ChildPopulation: -1,
		Entries: model.Entries{PerYear: -1, TrendPerYear: -2, Seasonality: [12]float64{-1}, SiblingShare: 2, MeanGroupSize: 1, Ages: mix},
		UASC:    model.UASCStream{PerYear: -1, TransferThresholdShare: 2, Ages: mix},
		Stock:   []model.StockGroup{{Kind: 99, Ages: bad, Count: -1, NeedShares: [3]float64{2}, MaleShare: -1}},
		Stays:   stays, StockStays: stays,
		StayingPut:  model.StayingPutScheme{Share: 2, WeeklyCostGBP: -1},
		CareLeavers: model.CareLeavers{Share: 1, Places: -1, WeeklyCostGBP: -1},
		Kinds: []model.Kind{
			{Accepts: model.Selector{Ages: bad}, WeeklyCostGBP: [3]float64{-1, -1, -1}, BreakdownPerYear: [3]float64{-1, -1, -1},
				UnavailableShare: [3]float64{2, -1, 2},
				CapacityPlaces:   -1, LocalShare: 2, Supply: model.Carers, Carers: pool,
				Homes: []model.Home{{FixedCostPerYearGBP: -1}}, BlockBeds: []model.BlockContract{{CostPerBedPerYearGBP: -1}}},
			{Name: "emergency", Supply: model.Market, Carers: pool},
			{Name: "carers", Supply: model.Carers},
			{Name: "homes", Supply: model.Homes},
		},
		Ladders:          []model.Ladder{{Who: model.Selector{Ages: bad}, Try: []model.KindID{99}}, {}},
		Emergency:        model.Emergency{WeeklyCostGBP: -1},
		StepDown:         model.StepDown{ReadyShare: [model.NumNeeds]float64{2, 2, 2}, Try: []model.KindID{99}},
		EscalationShare:  2,
		InflationPerYear: -2,
	}
	for a := model.Action(0); a <= model.NumActions; a++ {
		s.Interventions = append(s.Interventions, model.Intervention{
			Action: a, From: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC),
			Kind: 0, PerYear: -1, Count: -1, Factor: -1, WeeklyGBP: -1, FixedCostPerYearGBP: -1,
			RecruitmentCostGBP: -1, LeadTimeDays: -1, Rate: -2,
		}, model.Intervention{Action: a, Kind: 3, Name: "nowhere"})
	}
	s.StepDown.ReadyShare = [model.NumNeeds]float64{0.5, 0.5, 0.5}
	ps := s.Validate()
	if len(ps) < 80 {
		t.Fatalf("only %d problems: the scenario is not broken enough to cover model.Validate", len(ps))
	}
	for _, p := range ps {
		if !schemaHas(p.Field) {
			t.Errorf("model.Validate reports %q, which is not a field of the file format", p.Field)
		}
	}
}

func TestSchemaHas(t *testing.T) {
	for f, want := range map[string]bool{
		"kinds[2].carers.households":        true,
		"entries.ages[0].share":             true,
		"kinds[0].weekly_gbp.standard":      true,
		"kinds[0].carers.places_mix.2":      true,
		"ladders[0].try[1]":                 true,
		"entries.seasonality[3]":            true,
		"stays[0].exits.return_home":        true,
		"kinds[0].wekly_gbp":                false,
		"entries.per_year.x":                false,
		"ladders[0].try.x":                  false,
		"interventions[0].retention_factor": true,
	} {
		if got := schemaHas(f); got != want {
			t.Errorf("schemaHas(%q) = %v, want %v", f, got, want)
		}
	}
}
