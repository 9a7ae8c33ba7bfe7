package model

import (
	"math"
	"strings"
	"testing"
	"time"
)

func minimal() *Scenario {
	return &Scenario{
		Name: "t", Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Years: 2,
		Entries:   Entries{PerYear: 10, Ages: []AgeShare{{Ages: AgeRange{0, 17}, Share: 1, NeedShares: [NumNeeds]float64{1, 0, 0}}}},
		Stays:     []StayRule{{Who: Everyone, Stay: Distribution{Kind: Exponential, MeanDays: 100}, ExitShares: [NumEarlyExitRoutes]float64{1}}},
		Kinds:     []Kind{{Name: "ifa", Supply: Market, Accepts: Everyone}},
		Ladders:   []Ladder{{Who: Everyone, Try: []KindID{0}}},
		Emergency: Emergency{RetryDays: 14},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(s *Scenario)
		want   []string // substrings of the problems, in order
	}{
		{"minimal is valid", func(*Scenario) {}, nil},
		{"negative entries", func(s *Scenario) { s.Entries.PerYear = -1 }, []string{"entries.per_year: must be between 0 and 100,000 children a year"}},
		{"ages not summing to 1", func(s *Scenario) { s.Entries.Ages[0].Share = 0.5 }, []string{"entries.ages: shares sum to 0.5, not 1"}},
		{"ladder to nowhere", func(s *Scenario) { s.Ladders[0].Try = []KindID{3} }, []string{"ladders[0].try[0]: names no provision kind"}},
		{"ladder shares not one a rung", func(s *Scenario) { s.Ladders[0].Shares = []float64{0.5, 0.5} }, []string{"ladders[0].shares: has 2 shares for 1 rungs of try"}},
		{"ladder shares not summing to 1", func(s *Scenario) { s.Ladders[0].Shares = []float64{0.9} }, []string{"ladders[0].shares: shares sum to 0.9, not 1"}},
		{"ladder gap", func(s *Scenario) { s.Ladders[0].Who.Ages = AgeRange{0, 11} }, []string{"ladders: no ladder selects a standard-need child aged 12"}},
		{"stay gap", func(s *Scenario) { s.Stays[0].Who.Needs = NeedsOf(NeedStandard) }, []string{"stays: children aged 0-17 of complex or solo need have no stay rule"}},
		{"stay gap only UASC fill", func(s *Scenario) {
			// The rules of default.yaml without its 5-9 rule: a child of 5-9 who is not UASC
			// used to be given the UASC rule.
			r := s.Stays[0]
			s.UASC = UASCStream{PerYear: 5, Ages: s.Entries.Ages}
			s.Stays = nil
			for _, w := range []Selector{{Ages: AgeRange{16, 17}, UASC: UASCOnly}, {Ages: AgeRange{0, 15}, UASC: UASCOnly}, {Ages: AgeRange{0, 4}}, {Ages: AgeRange{10, 17}}} {
				r.Who = w
				s.Stays = append(s.Stays, r)
			}
		}, []string{"stays: children aged 5-9 who are not UASC have no stay rule"}},
		{"stay gap for UASC only", func(s *Scenario) {
			s.UASC = UASCStream{PerYear: 5, Ages: s.Entries.Ages}
			s.Stays[0].Who.UASC = UASCNot
			s.Stays = append(s.Stays, s.Stays[0])
			s.Stays[1].Who = Selector{Ages: AgeRange{0, 15}, Needs: NeedsOf(NeedStandard), UASC: UASCOnly}
		}, []string{"stays: children aged 0-15 of complex or solo need who are UASC have no stay rule",
			"stays: children aged 16-17 who are UASC have no stay rule"}},
		{"stay rule only for non-UASC with no UASC in care", func(s *Scenario) { s.Stays[0].Who.UASC = UASCNot }, nil},
		{"stay gap for UASC in the stock", func(s *Scenario) {
			s.Stays[0].Who.UASC = UASCNot
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{16, 17}, Count: 1, NeedShares: [NumNeeds]float64{1}, UASC: true}}
		}, []string{"stays: children aged 0-17 who are UASC have no stay rule"}},
		{"stay gap for UASC of a surge", func(s *Scenario) {
			s.Stays[0].Who.UASC = UASCNot
			s.UASC.Ages = s.Entries.Ages
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 1, PerYear: 3, From: s.Start}}
		}, []string{"stays: children aged 0-17 who are UASC have no stay rule"}},
		{"stay who repeated", func(s *Scenario) {
			s.Stays[0].Who = Selector{Ages: AgeRange{0, 9}}
			s.Stays = append(s.Stays, s.Stays[0], s.Stays[0])
			s.Stays[1].Who = Selector{Ages: AgeRange{0, 9}, Needs: NeedsOf(NeedStandard, NeedComplex, NeedSolo)}
			s.Stays[2].Who = Selector{Ages: AgeRange{10, 17}}
		}, []string{"stays[1].who: repeats the who of stays[0], which is matched first"}},
		{"stay whos that overlap", func(s *Scenario) {
			s.Stays = append(s.Stays, s.Stays[0])
			s.Stays[0].Who = Selector{Ages: AgeRange{5, 12}}
			s.Stays[1].Who = Selector{Ages: AgeRange{0, 17}, UASC: UASCNot}
		}, nil},
		{"stock_stays gap for a kind", func(s *Scenario) {
			s.Kinds = append(s.Kinds, Kind{Name: "home", Supply: Market, Accepts: Everyone})
			s.Stock = []StockGroup{
				{Kind: 0, Ages: AgeRange{5, 9}, Count: 2, NeedShares: [NumNeeds]float64{1}},
				{Kind: 1, Ages: AgeRange{12, 17}, Count: 2, NeedShares: [NumNeeds]float64{0.5, 0.5}},
			}
			s.StockStays = []StayRule{s.Stays[0], s.Stays[0]}
			s.StockStays[0].Kinds = []KindID{0}
			s.StockStays[1].Kinds = []KindID{1}
			s.StockStays[1].Who = Selector{Ages: AgeRange{0, 15}}
		}, []string{"stock_stays: children aged 16-17 who are not UASC, placed in home (stock[1]), have no stock_stays rule"}},
		{"stock_stays gap for UASC of the stock", func(s *Scenario) {
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{16, 17}, Count: 2, NeedShares: [NumNeeds]float64{1}, UASC: true}}
			s.StockStays = []StayRule{s.Stays[0]}
			s.StockStays[0].Who.UASC = UASCNot
		}, []string{"stock_stays: children aged 16-17 who are UASC, placed in ifa (stock[0]), have no stock_stays rule"}},
		{"stock_stays repeated with its kinds in another order", func(s *Scenario) {
			s.Kinds = append(s.Kinds, Kind{Name: "home", Supply: Market, Accepts: Everyone})
			s.Ladders[0].Try = []KindID{0, 1}
			s.StockStays = []StayRule{s.Stays[0], s.Stays[0], s.Stays[0]}
			s.StockStays[0].Kinds = []KindID{0, 1}
			s.StockStays[1].Kinds = []KindID{0}
			s.StockStays[2].Kinds = []KindID{1, 0}
		}, []string{"stock_stays[2].who: repeats the who of stock_stays[0]"}},
		{"ladder gap for UASC of a surge", func(s *Scenario) {
			s.Ladders[0].Who.UASC = UASCNot
			s.UASC.Ages = s.Entries.Ages
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 1, PerYear: 3, From: s.Start}}
		}, []string{"ladders: no ladder selects a standard-need UASC aged 0"}},
		{"ladder who repeated", func(s *Scenario) {
			s.Ladders = append(s.Ladders, s.Ladders[0])
			s.Ladders[1].Who.Needs = NeedsOf(NeedStandard, NeedComplex, NeedSolo)
		}, []string{"ladders[1].who: repeats the who of ladders[0], which is matched first"}},
		{"care leavers at the start with the accommodation off", func(s *Scenario) { s.CareLeavers.Stock = 12 },
			[]string{"care_leavers.stock: 12 young people at the start, but the accommodation is off (care_leavers.share is 0): set care_leavers.stock to 0 too"}},
		{"care leavers at the start beyond the places", func(s *Scenario) {
			s.CareLeavers = CareLeavers{Share: 0.5, Places: 10, Stock: 11, Stay: Distribution{Kind: Exponential, MeanDays: 300}}
		}, []string{"care_leavers.stock: 11 young people at the start, more than the 10 care_leavers.places"}},
		{"care leavers at the start within the places", func(s *Scenario) {
			s.CareLeavers = CareLeavers{Share: 0.5, Places: 10, Stock: 10, Stay: Distribution{Kind: Exponential, MeanDays: 300}}
		}, nil},
		{"staying put at the start with nobody staying put", func(s *Scenario) { s.StayingPut.Stock = 5 },
			[]string{"staying_put.stock: 5 young people at the start, but nobody stays put (staying_put.share is 0): set staying_put.stock to 0 too"}},
		{"staying put at the start negative", func(s *Scenario) {
			s.StayingPut = StayingPutScheme{Share: 0.5, Stock: -1, Stay: Distribution{Kind: Exponential, MeanDays: 300}}
		}, []string{"staying_put.stock: must be between 0 and 1,000,000 young people"}},
		{"staying put at the start beyond the foster places", func(s *Scenario) {
			s.Kinds[0].CapacityPlaces = 40
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{0, 17}, Count: 10, NeedShares: [NumNeeds]float64{1, 0, 0}}}
			s.StayingPut = StayingPutScheme{Share: 0.5, Stock: 31, Stay: Distribution{Kind: Exponential, MeanDays: 300}}
		}, []string{"staying_put.stock: 31 young people at the start, but the foster kinds' 40 places (a carers' kind's households times the mean places of its places_mix) leave room for 30 after the stock's 10 children placed there"}},
		{"staying put at the start within the foster places", func(s *Scenario) {
			s.Kinds[0].CapacityPlaces = 40
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{0, 17}, Count: 10, NeedShares: [NumNeeds]float64{1, 0, 0}}}
			s.StayingPut = StayingPutScheme{Share: 0.5, Stock: 30, Stay: Distribution{Kind: Exponential, MeanDays: 300}}
		}, nil},
		{"staying put at the start with an uncapped foster market", func(s *Scenario) {
			s.StayingPut = StayingPutScheme{Share: 0.5, Stock: 5000, Stay: Distribution{Kind: Exponential, MeanDays: 300}}
		}, nil},
		{"intervention outside the run", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, []string{"interventions[0].from: 2030-01-01 is outside the run (2026-04-01 to 2028-03-31): give years: 4 (--years 4 on the command line) to run to it, or move the date into the run"}},
		{"intervention after a run with a warm-up", func(s *Scenario) {
			s.WarmupYears = 2
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, []string{"interventions[0].from: 2030-01-01 is outside the run (2026-04-01 to 2028-03-31, after a 2-year warm-up from 2024-04-01): give years: 4 (--years 4 on the command line) to run to it, or move the date into the run"}},
		{"intervention before the warm-up", func(s *Scenario) {
			s.WarmupYears = 1
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)}}
		}, []string{"interventions[0].from: 2025-03-31 is outside the run (2026-04-01 to 2028-03-31, after a 1-year warm-up from 2025-04-01): move the date on or after 2025-04-01"}},
		{"intervention long after the run", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, []string{"interventions[0].from: 2099-01-01 is outside the run (2026-04-01 to 2028-03-31): move the date into the run"}},
		{"an intervention in the warm-up is in the run", func(s *Scenario) {
			s.WarmupYears = 1
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}}
		}, nil},
		{"wrong supply for action", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: OpenHome, Count: 3, From: s.Start, Kind: 0}}
		}, []string{"interventions[0].kind: open_home acts on a kind supplied by homes, and ifa is supplied by market"}},
		{"every problem at once", func(s *Scenario) { s.Years = 0; s.Name = "" }, []string{"name: must not be empty", "years: must be between 1 and 50 years"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			tt.break_(s)
			ps := s.Validate()
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %d", len(ps), ps, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].Error(), w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, ps[i].Error(), w)
				}
			}
		})
	}
}

// TestValidateRanges checks that each value that once passed validation and then crashed the
// simulator, hung it or grew it without bound is refused now, with a message that says the
// field's range; and that values at the ends of each range are accepted.
func TestValidateRanges(t *testing.T) {
	date := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		change func(s *Scenario)
		want   string // a substring of the only problem; "" for none
	}{
		{"entries 1e308 a year", func(s *Scenario) { s.Entries.PerYear = 1e308 }, "entries.per_year: must be between 0 and 100,000 children a year"},
		{"entries 1e7 a year", func(s *Scenario) { s.Entries.PerYear = 1e7 }, "entries.per_year: must be between 0 and 100,000 children a year"},
		{"entries infinite", func(s *Scenario) { s.Entries.PerYear = math.Inf(1) }, "entries.per_year: must be between"},
		{"entries NaN", func(s *Scenario) { s.Entries.PerYear = math.NaN() }, "entries.per_year: must be between"},
		{"entries as many as England's", func(s *Scenario) { s.Entries.PerYear = 100_000 }, ""},
		{"UASC 1e308 a year", func(s *Scenario) { s.UASC.PerYear = 1e308; s.UASC.Ages = s.Entries.Ages }, "uasc.per_year: must be between 0 and 10,000"},
		{"retry every 1e-300 days", func(s *Scenario) { s.Emergency.RetryDays = 1e-300 }, "emergency.retry_days: must be between 1 and 365 days"},
		{"retry every day", func(s *Scenario) { s.Emergency.RetryDays = 1 }, ""},
		{"review every 1e-300 days", func(s *Scenario) {
			s.StepDown = StepDown{ReviewDays: 1e-300, ReadyShare: [NumNeeds]float64{0.1, 0.1}, Try: []KindID{0}}
		}, "step_down.review_days: must be between 1 and 365 days"},
		{"assessment of 1e308 days", func(s *Scenario) { s.Kinds = append(s.Kinds, carerKind(1e308)) }, "kinds[1].carers.assessment_days: must be between 0 and 1,100 days"},
		{"assessment of 3 years", func(s *Scenario) { s.Kinds = append(s.Kinds, carerKind(1095)) }, ""},
		{"100 years", func(s *Scenario) { s.Years = 100 }, "years: must be between 1 and 50 years"},
		{"50 years", func(s *Scenario) { s.Years = 50 }, ""},
		{"50 years of a steep trend", func(s *Scenario) {
			s.Years, s.WarmupYears, s.Entries.PerYear, s.Entries.TrendPerYear = 50, 50, 1000, 1
		}, "entries.per_year: the run would bring over a trillion children into care"},
		{"trend of 1e308", func(s *Scenario) { s.Entries.TrendPerYear = 1e308 }, "entries.trend_per_year: must be between -0.9 and 1 a year"},
		{"warm-up with a steep fall", func(s *Scenario) {
			s.WarmupYears, s.Entries.PerYear, s.Entries.TrendPerYear = 50, 30_000, -0.5
		}, "at most 2,000,000"},
		{"inflation of 1e308", func(s *Scenario) { s.InflationPerYear = 1e308 }, "inflation_per_year: must be between -0.5 and 1 a year"},
		{"inflation intervention of 1e308", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: Inflation, From: s.Start, Rate: 1e308}}
		}, "interventions[0].rate: must be between -0.5 and 1 a year"},
		{"start in 2999", func(s *Scenario) { s.Start = date(2999) }, "start: must be between 2000-01-01 and 2100-12-31"},
		{"start in year 1", func(s *Scenario) { s.Start = date(1) }, "start: must be between 2000-01-01 and 2100-12-31"},
		{"start in 2100", func(s *Scenario) { s.Start = date(2100) }, ""},
		{"stay of infinite mean", func(s *Scenario) { s.Stays[0].Stay.MeanDays = math.Inf(1) }, "stays[0].stay.mean_days: must be between 1 and 10,000 days"},
		{"lognormal sigma 1e308", func(s *Scenario) {
			s.Stays[0].Stay = Distribution{Kind: Lognormal, MeanDays: 100, Sigma: 1e308}
		}, "stays[0].stay.sigma: must be between 0.01 and 3"},
		{"gamma shape infinite", func(s *Scenario) {
			s.Stays[0].Stay = Distribution{Kind: Gamma, MeanDays: 100, Shape: math.Inf(1)}
		}, "stays[0].stay.shape: must be between 0.05 and 100"},
		{"empirical bin infinite", func(s *Scenario) {
			s.Stays[0].Stay = Distribution{Kind: Empirical, Table: []Bin{{UpToDays: 10, Share: 0.5}, {UpToDays: math.Inf(1), Share: 0.5}}}
		}, "stays[0].stay.table[1].up_to_days: must be between 1 and 10,000 days"},
		{"empirical bin NaN", func(s *Scenario) {
			s.Stays[0].Stay = Distribution{Kind: Empirical, Table: []Bin{{UpToDays: math.NaN(), Share: 0.5}, {UpToDays: 5, Share: 0.5}}}
		}, "stays[0].stay.table[0].up_to_days: must be between 1 and 10,000 days"},
		{"empirical bins out of order", func(s *Scenario) {
			s.Stays[0].Stay = Distribution{Kind: Empirical, Table: []Bin{{UpToDays: 10, Share: 0.5}, {UpToDays: 5, Share: 0.5}}}
		}, "stays[0].stay.table[1].up_to_days: must be more than the bin before's (10)"},
		{"1e9 carers recruited a year", func(s *Scenario) {
			s.Kinds = append(s.Kinds, carerKind(100))
			s.Interventions = []Intervention{{Action: ExtraApprovals, From: s.Start, Kind: 1, PerYear: 1e9}}
		}, "interventions[0].per_year: must be between 0 and 10,000 households a year"},
		{"a billion carers at the start", func(s *Scenario) {
			s.Kinds = append(s.Kinds, carerKind(100))
			s.Kinds[1].Carers.Households = 1e9
		}, "kinds[1].carers.households: must be between 0 and 100,000 households"},
		{"a home of 200 beds", func(s *Scenario) {
			s.Kinds = append(s.Kinds, Kind{Name: "home", Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "a", Beds: 200}}})
		}, "kinds[1].homes[0].beds: must be between 1 and 100 beds"},
		{"a price of £1e308 a week", func(s *Scenario) { s.Kinds[0].WeeklyCostGBP[NeedSolo] = 1e308 }, "kinds[0].weekly_gbp.solo: must be between £0 and £100,000 a week"},
		{"a factor of 1e308", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: EntryRate, From: s.Start, Factor: 1e308}}
		}, "interventions[0].factor: must be between 0 and 100 times"},
		{"too many interventions", func(s *Scenario) {
			s.Interventions = make([]Intervention, 1001)
		}, "interventions: must list at most 1,000 interventions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			tt.change(s)
			ps := s.Validate()
			if tt.want == "" {
				if ps != nil {
					t.Fatalf("got problems %v, want none", ps)
				}
				return
			}
			if len(ps) != 1 || !strings.Contains(ps[0].Error(), tt.want) {
				t.Fatalf("got problems %v, want one containing %q", ps, tt.want)
			}
		})
	}
}

// carerKind returns a kind of in-house carers with the given assessment time.
func carerKind(assessmentDays float64) Kind {
	return Kind{Name: "inhouse", Supply: Carers, Accepts: Everyone, Carers: &CarerPool{
		Households: 10, PlacesMix: []PlacesShare{{Places: 1, Share: 1}},
		AgeMix:           []CarerAgeShare{{FromYears: 30, ToYears: 60, Share: 1}},
		NewCarerAgeMix:   []CarerAgeShare{{FromYears: 30, ToYears: 60, Share: 1}},
		ApprovalsPerYear: 10, AssessmentDays: assessmentDays, RetirementFromAge: 60,
	}}
}

// TestEstimateWork checks the work estimate against figures worked out by hand.
func TestEstimateWork(t *testing.T) {
	s := minimal() // 10 entries a year for 2 years, no stock, no carers
	s.Stock = []StockGroup{{Kind: 0, Ages: AllAges, Count: 5, NeedShares: [NumNeeds]float64{1}}}
	w := s.EstimateWork()
	// 10 a year for 2 years, with no trend, and the stock of 5: 25 children. Exact but for
	// float rounding over 24 monthly sums.
	if math.Abs(w.Children-25) > 1e-9 {
		t.Errorf("Children = %v, want 25", w.Children)
	}
	// An entry-rate intervention doubling entries counts as if in force throughout.
	s.Interventions = []Intervention{{Action: EntryRate, Factor: 2, From: s.Start}}
	if w := s.EstimateWork(); math.Abs(w.Children-45) > 1e-9 {
		t.Errorf("Children with entries doubled = %v, want 45", w.Children)
	}
	// Years out of range give an infinite estimate at once, not a loop over their months.
	big := minimal()
	big.Years = 1e15
	if w := big.EstimateWork(); !math.IsInf(w.Children, 1) || !math.IsInf(w.Events, 1) {
		t.Errorf("1e15 years: work %+v, want infinite", w)
	}
	// Each child at most 2 years in care: the length of the run.
	if want := 45 * 2.0; math.Abs(s.EstimateWork().ChildYears-want) > 1e-9 {
		t.Errorf("ChildYears = %v, want %v", s.EstimateWork().ChildYears, want)
	}
}

// TestLimits checks the table of ranges: every field is named once, its range is not empty,
// and it says its unit.
func TestLimits(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range Limits() {
		if seen[l.Field] {
			t.Errorf("%s: listed twice", l.Field)
		}
		seen[l.Field] = true
		if !(l.Min <= l.Max) || math.IsInf(l.Min, 0) || math.IsInf(l.Max, 0) {
			t.Errorf("%s: range %v to %v is not a finite range", l.Field, l.Min, l.Max)
		}
		if l.Unit == "" {
			t.Errorf("%s: no unit", l.Field)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {1, "1"}, {999, "999"}, {1000, "1,000"}, {100000, "100,000"}, {2e7, "20,000,000"}, {0.05, "0.05"}, {-0.5, "-0.5"}, {-1234.5, "-1,234.5"}} {
		if got := FormatNumber(tt.v); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
