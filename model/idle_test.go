package model

import (
	"reflect"
	"testing"
	"time"
)

func TestIdle(t *testing.T) {
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		set  func(s *Scenario)
		want []string
	}{
		{"a surge where no UASC arrive", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a surge where UASC arrive", func(s *Scenario) {
			s.UASC.PerYear = 10
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 2, From: from}}
		}, nil},
		{"a surge that adds arrivals of its own", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 1, PerYear: 20, From: from}}
		}, nil},
		{"early help where no child enters", func(s *Scenario) {
			s.Entries.PerYear = 0
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a faster step-down where none steps down", func(s *Scenario) {
			s.StepDown.ReadyShare = [NumNeeds]float64{}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"fewer escalations where none escalate", func(s *Scenario) {
			s.EscalationShare = 0
			s.Interventions = []Intervention{{Action: EscalationRate, Factor: 0.5, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a price on block beds none are contracted", func(s *Scenario) {
			addBlock(s)
			s.Interventions = []Intervention{{Action: Price, Kind: 1, Factor: 1.2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a price on block beds an intervention contracts", func(s *Scenario) {
			addBlock(s)
			s.Interventions = []Intervention{{Action: BlockBeds, Kind: 1, Count: 3, From: from}, {Action: Price, Kind: 1, Factor: 1.2, From: from}}
		}, nil},
		{"a price on block beds the stock is placed in", func(s *Scenario) {
			addBlock(s)
			s.Stock = []StockGroup{{Kind: 1, Ages: AgeRange{12, 12}, Count: 1, NeedShares: [NumNeeds]float64{1}}}
			s.Interventions = []Intervention{{Action: Price, Kind: 1, Factor: 1.2, From: from}}
		}, nil},
		{"a price on a market kind", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: Price, Kind: 0, Factor: 1.2, From: from}}
		}, nil},
		{"a price on a home kind with no homes", func(s *Scenario) {
			s.Kinds = append(s.Kinds, Kind{Name: "home", Supply: Homes, Category: Residential, Accepts: Everyone})
			s.Ladders[0].Try = append(s.Ladders[0].Try, 1)
			s.Interventions = []Intervention{{Action: Price, Kind: 1, Factor: 1.2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a price on carers with none and none approved", func(s *Scenario) {
			s.Kinds = append(s.Kinds, Kind{Name: "foster", Supply: Carers, Accepts: Everyone, Carers: &CarerPool{}})
			s.Ladders[0].Try = append(s.Ladders[0].Try, 1)
			s.Interventions = []Intervention{{Action: Price, Kind: 1, Factor: 1.2, From: from}, {Action: AllowanceUplift, Kind: 1, WeeklyGBP: 50, Factor: 0.9, From: from}}
		}, []string{"interventions[0].factor", "interventions[1].weekly_gbp"}},
		{"a price on carers approved a year", func(s *Scenario) {
			s.Kinds = append(s.Kinds, Kind{Name: "foster", Supply: Carers, Accepts: Everyone, Carers: &CarerPool{ApprovalsPerYear: 3}})
			s.Ladders[0].Try = append(s.Ladders[0].Try, 1)
			s.Interventions = []Intervention{{Action: Price, Kind: 1, Factor: 1.2, From: from}, {Action: AllowanceUplift, Kind: 1, WeeklyGBP: 50, From: from}}
		}, nil},
		{"a faster step-down where no child is in residential care", func(s *Scenario) {
			addBlock(s)
			s.StepDown.ReadyShare = [NumNeeds]float64{0.1, 0.1, 0.1}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a faster step-down where block beds are contracted", func(s *Scenario) {
			addBlock(s)
			s.StepDown.ReadyShare = [NumNeeds]float64{0.1, 0.1, 0.1}
			s.Interventions = []Intervention{{Action: BlockBeds, Kind: 1, Count: 2, From: from}, {Action: StepDownRate, Factor: 2, From: from}}
		}, nil},
		{"a faster step-down to carers none are approved", func(s *Scenario) {
			addBlock(s)
			s.Stock = []StockGroup{{Kind: 1, Ages: AgeRange{12, 12}, Count: 1, NeedShares: [NumNeeds]float64{1}}}
			s.Kinds = append(s.Kinds, Kind{Name: "foster", Supply: Carers, Accepts: Everyone, Carers: &CarerPool{}})
			s.StepDown.ReadyShare = [NumNeeds]float64{0.1, 0.1, 0.1}
			s.StepDown.Try = []KindID{2}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a faster step-down to carers approved a year", func(s *Scenario) {
			addBlock(s)
			s.Stock = []StockGroup{{Kind: 1, Ages: AgeRange{12, 12}, Count: 1, NeedShares: [NumNeeds]float64{1}}}
			s.Kinds = append(s.Kinds, Kind{Name: "foster", Supply: Carers, Accepts: Everyone, Carers: &CarerPool{ApprovalsPerYear: 2}})
			s.StepDown.ReadyShare = [NumNeeds]float64{0.1, 0.1, 0.1}
			s.StepDown.Try = []KindID{2}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 2, From: from}}
		}, nil},
		{"a faster step-down to carers an intervention approves", func(s *Scenario) {
			addBlock(s)
			s.Stock = []StockGroup{{Kind: 1, Ages: AgeRange{12, 12}, Count: 1, NeedShares: [NumNeeds]float64{1}}}
			s.Kinds = append(s.Kinds, Kind{Name: "foster", Supply: Carers, Accepts: Everyone, Carers: &CarerPool{}})
			s.StepDown.ReadyShare = [NumNeeds]float64{0.1, 0.1, 0.1}
			s.StepDown.Try = []KindID{2}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 2, From: from}, {Action: ExtraApprovals, Kind: 2, PerYear: 3, From: from}}
		}, nil},
		{"care leavers' places where none go", func(s *Scenario) {
			s.CareLeavers.Share = 0
			s.Interventions = []Intervention{{Action: LeaverPlaces, Count: 5, From: from}}
		}, []string{"interventions[0].count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			tt.set(s)
			var got []string
			for _, p := range s.Idle() {
				got = append(got, p.Field)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v (%v)", got, tt.want, s.Idle())
			}
		})
	}
}

// addBlock adds to minimal's scenario a block kind of residential care with no beds, which its
// ladder names after ifa.
func addBlock(s *Scenario) {
	s.Kinds = append(s.Kinds, Kind{Name: "block", Supply: Block, Category: Residential, Accepts: Everyone})
	s.Ladders[0].Try = append(s.Ladders[0].Try, 1)
}
