package model

import (
	"strings"
	"testing"
)

// fullScenario is a small valid scenario with one kind of every supply, a stock, step-down,
// staying put and care leavers, so that every field with a range is in use.
func fullScenario() *Scenario {
	s := minimal()
	s.ChildPopulation = 100_000
	s.Entries.SiblingShare, s.Entries.MeanGroupSize = 0.2, 2.5
	s.UASC = UASCStream{PerYear: 5, Ages: s.Entries.Ages}
	s.Stock = []StockGroup{{Kind: 0, Ages: AllAges, Count: 10, NeedShares: [NumNeeds]float64{1}, MaleShare: 0.5}}
	s.StayingPut = StayingPutScheme{Share: 0.5, Stay: Distribution{Kind: Exponential, MeanDays: 300}, WeeklyCostGBP: 300}
	s.CareLeavers = CareLeavers{Share: 0.5, Places: 10, Stay: Distribution{Kind: Exponential, MeanDays: 300}, WeeklyCostGBP: 500}
	s.Kinds = append(s.Kinds, carerKind(200),
		Kind{Name: "home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "Ash", Beds: 3, FixedCostPerYearGBP: 1e6}}},
		Kind{Name: "block", Category: Residential, Supply: Block, Accepts: Everyone, BlockBeds: []BlockContract{{Beds: 2, CostPerBedPerYearGBP: 2e5}}})
	s.Kinds[1].Carers.DeregistrationPerYear = 0.1
	s.StepDown = StepDown{ReviewDays: 91, ReadyShare: [NumNeeds]float64{0.1, 0.1}, Try: []KindID{1}}
	return s
}

// TestEveryLimitEnforced checks, for every range in Limits, that Validate accepts the ends of
// the range and refuses a value beyond each end with a message that names the field and says
// the range. A range added to Limits must be added here too.
func TestEveryLimitEnforced(t *testing.T) {
	iv := func(a Action, kind KindID, set func(*Intervention, float64)) func(*Scenario, float64) {
		return func(s *Scenario, v float64) {
			x := Intervention{Action: a, From: s.Start, Kind: kind, Factor: 1, Count: 1, Name: "new"}
			set(&x, v)
			s.Interventions = []Intervention{x}
		}
	}
	carers := func(s *Scenario) *CarerPool { return s.Kinds[1].Carers }
	type setter struct {
		path string
		set  func(s *Scenario, v float64)
	}
	setters := map[string]setter{
		"years":             {"years", func(s *Scenario, v float64) { s.Years = int(v) }},
		"warmup_years":      {"warmup_years", func(s *Scenario, v float64) { s.WarmupYears = int(v) }},
		"child_population":  {"child_population", func(s *Scenario, v float64) { s.ChildPopulation = int(v) }},
		"escalation_share":  {"escalation_share", func(s *Scenario, v float64) { s.EscalationShare = v }},
		"escalation_by_age": {"", nil}, // the counts of lists: tested below
		"escalation_by_age[].share": {"escalation_by_age[0].share", func(s *Scenario, v float64) {
			s.EscalationByAge = []EscalationBand{{Ages: AgeRange{10, 15}, Share: v}}
		}},
		"inflation_per_year":     {"inflation_per_year", func(s *Scenario, v float64) { s.InflationPerYear = v }},
		"entries.per_year":       {"entries.per_year", func(s *Scenario, v float64) { s.Entries.PerYear = v }},
		"entries.trend_per_year": {"entries.trend_per_year", func(s *Scenario, v float64) { s.Entries.TrendPerYear = v }},
		"entries.seasonality[]": {"entries.seasonality[3]", func(s *Scenario, v float64) {
			s.Entries.Seasonality = [12]float64{3: v}
			s.Entries.Seasonality[4] = 12 - v
		}},
		"entries.siblings.share":           {"entries.siblings.share", func(s *Scenario, v float64) { s.Entries.SiblingShare = v }},
		"entries.siblings.mean_group_size": {"entries.siblings.mean_group_size", func(s *Scenario, v float64) { s.Entries.MeanGroupSize = v }},
		"entries.ages[].share": {"entries.ages[1].share", func(s *Scenario, v float64) {
			s.Entries.Ages = []AgeShare{{Ages: AgeRange{0, 9}, Share: 1 - v, NeedShares: [NumNeeds]float64{1}}, {Ages: AgeRange{10, 17}, Share: v, NeedShares: [NumNeeds]float64{1}}}
		}},
		"entries.ages[].male_share":            {"entries.ages[0].male_share", func(s *Scenario, v float64) { s.Entries.Ages[0].MaleShare = v }},
		"entries.ages[].needs.<need>":          {"entries.ages[0].needs.complex", func(s *Scenario, v float64) { s.Entries.Ages[0].NeedShares = [NumNeeds]float64{1 - v, v, 0} }},
		"uasc.per_year":                        {"uasc.per_year", func(s *Scenario, v float64) { s.UASC.PerYear = v }},
		"uasc.transfer_threshold_share":        {"uasc.transfer_threshold_share", func(s *Scenario, v float64) { s.UASC.TransferThresholdShare = v }},
		"uasc.grant_per_night_gbp":             {"uasc.grant_per_night_gbp", func(s *Scenario, v float64) { s.UASC.GrantPerNightGBP = v }},
		"uasc.leaving_care_grant_per_week_gbp": {"uasc.leaving_care_grant_per_week_gbp", func(s *Scenario, v float64) { s.UASC.LeavingCareGrantPerWeekGBP = v }},
		"stock[].count":                        {"stock[0].count", func(s *Scenario, v float64) { s.Stock[0].Count = int(v) }},
		"stock[].needs.<need>":                 {"stock[0].needs.solo", func(s *Scenario, v float64) { s.Stock[0].NeedShares = [NumNeeds]float64{1 - v, 0, v} }},
		"stock[].male_share":                   {"stock[0].male_share", func(s *Scenario, v float64) { s.Stock[0].MaleShare = v }},
		"stock[].homes_share":                  {"stock[0].homes_share", func(s *Scenario, v float64) { s.Stock[0].HomesShare, s.Stock[0].Count = v, 2 }},
		"stays[].exits.<route>":                {"stays[0].exits.adoption", func(s *Scenario, v float64) { s.Stays[0].ExitShares = [NumEarlyExitRoutes]float64{1 - v, v} }},
		"stays[].stay.mean_days":               {"stays[0].stay.mean_days", func(s *Scenario, v float64) { s.Stays[0].Stay.MeanDays = v }},
		"stays[].stay.shape": {"stays[0].stay.shape", func(s *Scenario, v float64) {
			s.Stays[0].Stay = Distribution{Kind: Gamma, MeanDays: 300, Shape: v}
		}},
		"stays[].stay.sigma": {"stock_stays[0].stay.sigma", func(s *Scenario, v float64) {
			s.StockStays = []StayRule{{Who: Everyone, Stay: Distribution{Kind: Lognormal, MeanDays: 300, Sigma: v}, ExitShares: [NumEarlyExitRoutes]float64{1}}}
		}},
		"stays[].stay.table": {"stays[0].stay.table", nil}, // the count of bins: tested below
		"stays[].stay.table[].up_to_days": {"staying_put.stay.table[0].up_to_days", func(s *Scenario, v float64) {
			s.StayingPut.Stay = Distribution{Kind: Empirical, Table: []Bin{{UpToDays: v, Share: 1}}}
		}},
		"stays[].stay.table[].share": {"care_leavers.stay.table[0].share", func(s *Scenario, v float64) {
			s.CareLeavers.Stay = Distribution{Kind: Empirical, Table: []Bin{{UpToDays: 10, Share: v}, {UpToDays: 20, Share: 1 - v}}}
		}},
		"staying_put.share":                 {"staying_put.share", func(s *Scenario, v float64) { s.StayingPut.Share = v }},
		"staying_put.stock":                 {"staying_put.stock", func(s *Scenario, v float64) { s.StayingPut.Stock = int(v) }},
		"staying_put.weekly_gbp":            {"staying_put.weekly_gbp", func(s *Scenario, v float64) { s.StayingPut.WeeklyCostGBP = v }},
		"care_leavers.share":                {"care_leavers.share", func(s *Scenario, v float64) { s.CareLeavers.Share = v }},
		"care_leavers.places":               {"care_leavers.places", func(s *Scenario, v float64) { s.CareLeavers.Places = int(v) }},
		"care_leavers.stock":                {"care_leavers.stock", func(s *Scenario, v float64) { s.CareLeavers.Stock, s.CareLeavers.Places = int(v), 0 }},
		"care_leavers.weekly_gbp":           {"care_leavers.weekly_gbp", func(s *Scenario, v float64) { s.CareLeavers.WeeklyCostGBP = v }},
		"kinds":                             {"kinds", nil}, // the count of kinds: tested below
		"entries.ages":                      {"", nil},      // the counts of lists: tested below
		"stock":                             {"", nil},
		"stays":                             {"", nil},
		"kinds[].homes":                     {"", nil},
		"kinds[].block_beds":                {"", nil},
		"kinds[].weekly_gbp.<need>":         {"kinds[2].weekly_gbp.complex", func(s *Scenario, v float64) { s.Kinds[2].WeeklyCostGBP[NeedComplex] = v }},
		"kinds[].breakdown_per_year.<need>": {"kinds[1].breakdown_per_year.solo", func(s *Scenario, v float64) { s.Kinds[1].BreakdownPerYear[NeedSolo] = v }},
		"kinds[].unavailable_share.<need>":  {"kinds[0].unavailable_share.standard", func(s *Scenario, v float64) { s.Kinds[0].UnavailableShare[NeedStandard] = v }},
		"kinds[].capacity_places":           {"kinds[0].capacity_places", func(s *Scenario, v float64) { s.Kinds[0].CapacityPlaces = int(v) }},
		"kinds[].local_share":               {"kinds[0].local_share", func(s *Scenario, v float64) { s.Kinds[0].LocalShare = v }},
		"kinds[].step_down_ready_share.<need>": {"kinds[2].step_down_ready_share.solo", func(s *Scenario, v float64) {
			s.Kinds[2].StepDownReadyShare = &[NumNeeds]float64{0.1, 0.1, v}
		}},
		"kinds[].carers.households":              {"kinds[1].carers.households", func(s *Scenario, v float64) { carers(s).Households = int(v) }},
		"kinds[].carers.places_mix (its keys)":   {"kinds[1].carers.places_mix.%d", func(s *Scenario, v float64) { carers(s).PlacesMix = []PlacesShare{{Places: int(v), Share: 1}} }},
		"kinds[].carers.places_mix.<n>":          {"kinds[1].carers.places_mix.2", func(s *Scenario, v float64) { carers(s).PlacesMix = []PlacesShare{{1, 1 - v}, {2, v}} }},
		"kinds[].carers.approvals[].share":       {"kinds[1].carers.approvals[0].share", func(s *Scenario, v float64) { carers(s).ApprovalMix = []ApprovalShare{{AllAges, v}, {AllAges, 1 - v}} }},
		"kinds[].carers.sibling_only_share":      {"kinds[1].carers.sibling_only_share", func(s *Scenario, v float64) { carers(s).SiblingOnlyShare = v }},
		"kinds[].carers.ages[].share":            {"kinds[1].carers.ages[0].share", func(s *Scenario, v float64) { carers(s).AgeMix = []CarerAgeShare{{30, 40, v}, {41, 60, 1 - v}} }},
		"kinds[].carers.approvals_per_year":      {"kinds[1].carers.approvals_per_year", func(s *Scenario, v float64) { carers(s).ApprovalsPerYear = v }},
		"kinds[].carers.assessment_days":         {"kinds[1].carers.assessment_days", func(s *Scenario, v float64) { carers(s).AssessmentDays = v }},
		"kinds[].carers.deregistration_per_year": {"kinds[1].carers.deregistration_per_year", func(s *Scenario, v float64) { carers(s).DeregistrationPerYear = v }},
		"kinds[].carers.retirement.from_age":     {"kinds[1].carers.retirement.from_age", func(s *Scenario, v float64) { carers(s).RetirementFromAge = v }},
		"kinds[].carers.retirement.per_year":     {"kinds[1].carers.retirement.per_year", func(s *Scenario, v float64) { carers(s).RetirementPerYear = v }},
		"kinds[].carers.retirement.increase_per_year_of_age": {"kinds[1].carers.retirement.increase_per_year_of_age", func(s *Scenario, v float64) {
			carers(s).RetirementIncreasePerYearOfAge = v
		}},
		"kinds[].carers.wind_down_days": {"kinds[1].carers.wind_down_days", func(s *Scenario, v float64) { carers(s).WindDownDays = v }},
		"kinds[].carers.support_cost_per_household_per_year_gbp": {"kinds[1].carers.support_cost_per_household_per_year_gbp", func(s *Scenario, v float64) {
			carers(s).SupportCostPerHouseholdPerYearGBP = v
		}},
		"kinds[].carers.recruitment_cost_per_approval_gbp": {"kinds[1].carers.recruitment_cost_per_approval_gbp", func(s *Scenario, v float64) {
			carers(s).RecruitmentCostPerApprovalGBP = v
		}},
		"kinds[].homes[].beds":                           {"kinds[2].homes[0].beds", func(s *Scenario, v float64) { s.Kinds[2].Homes[0].Beds = int(v) }},
		"kinds[].homes[].fixed_cost_per_year_gbp":        {"kinds[2].homes[0].fixed_cost_per_year_gbp", func(s *Scenario, v float64) { s.Kinds[2].Homes[0].FixedCostPerYearGBP = v }},
		"kinds[].block_beds[].beds":                      {"kinds[3].block_beds[0].beds", func(s *Scenario, v float64) { s.Kinds[3].BlockBeds[0].Beds = int(v) }},
		"kinds[].block_beds[].cost_per_bed_per_year_gbp": {"kinds[3].block_beds[0].cost_per_bed_per_year_gbp", func(s *Scenario, v float64) { s.Kinds[3].BlockBeds[0].CostPerBedPerYearGBP = v }},
		"ladders":                                 {"ladders", nil}, // the count of ladders: tested below
		"emergency.weekly_gbp":                    {"emergency.weekly_gbp", func(s *Scenario, v float64) { s.Emergency.WeeklyCostGBP = v }},
		"emergency.retry_days":                    {"emergency.retry_days", func(s *Scenario, v float64) { s.Emergency.RetryDays = v }},
		"step_down.ready_share":                   {"step_down.ready_share.complex", func(s *Scenario, v float64) { s.StepDown.ReadyShare[NeedComplex] = v }},
		"step_down.review_days":                   {"step_down.review_days", func(s *Scenario, v float64) { s.StepDown.ReviewDays = v }},
		"step_down.first_year_breakdown_per_year": {"step_down.first_year_breakdown_per_year", func(s *Scenario, v float64) { s.StepDown.FirstYearBreakdownPerYear = v }},
		"interventions[].first_year_breakdown_per_year (stepdown_rate)": {"interventions[0].first_year_breakdown_per_year",
			iv(StepDownRate, 0, func(x *Intervention, v float64) { x.StepDownBreakdownPerYear = v })},
		"interventions": {"interventions", nil}, // the count of interventions: tested below
		"interventions[].per_year (extra_approvals)": {"interventions[0].per_year", iv(ExtraApprovals, 1, func(x *Intervention, v float64) { x.PerYear = v })},
		"interventions[].per_year (uasc_surge)":      {"interventions[0].per_year", iv(UASCSurge, 0, func(x *Intervention, v float64) { x.PerYear = v })},
		"interventions[].count (add_households)":     {"interventions[0].count", iv(AddHouseholds, 1, func(x *Intervention, v float64) { x.Count = int(v) })},
		"interventions[].count (open_home)":          {"interventions[0].count", iv(OpenHome, 2, func(x *Intervention, v float64) { x.Count = int(v) })},
		"interventions[].count (block_beds)":         {"interventions[0].count", iv(BlockBeds, 3, func(x *Intervention, v float64) { x.Count = int(v) })},
		"interventions[].count (capacity)":           {"interventions[0].count", iv(Capacity, 0, func(x *Intervention, v float64) { x.Count = int(v) })},
		"interventions[].factor":                     {"interventions[0].factor", iv(Price, 0, func(x *Intervention, v float64) { x.Factor = v })},
		"interventions[].retention_factor":           {"interventions[0].retention_factor", iv(AllowanceUplift, 1, func(x *Intervention, v float64) { x.Factor = v })},
		"interventions[].weekly_gbp":                 {"interventions[0].weekly_gbp", iv(AllowanceUplift, 1, func(x *Intervention, v float64) { x.WeeklyGBP = v })},
		"interventions[].fixed_cost_per_year_gbp":    {"interventions[0].fixed_cost_per_year_gbp", iv(OpenHome, 2, func(x *Intervention, v float64) { x.FixedCostPerYearGBP = v })},
		"interventions[].recruitment_cost_gbp":       {"interventions[0].recruitment_cost_gbp", iv(ExtraApprovals, 1, func(x *Intervention, v float64) { x.RecruitmentCostGBP = v })},
		"interventions[].lead_time_days": {"interventions[0].lead_time_days", func(s *Scenario, v float64) {
			s.Years = 11 // long enough for the longest lead time to open the home within the run
			iv(OpenHome, 2, func(x *Intervention, v float64) { x.LeadTimeDays = v })(s, v)
		}},
		"interventions[].rate":              {"interventions[0].rate", iv(Inflation, 0, func(x *Intervention, v float64) { x.Rate = v })},
		"interventions[].cost.one_off_gbp":  {"interventions[0].cost.one_off_gbp", iv(EntryRate, 0, func(x *Intervention, v float64) { x.Cost.OneOffGBP = v })},
		"interventions[].cost.per_year_gbp": {"interventions[0].cost.per_year_gbp", iv(EntryRate, 0, func(x *Intervention, v float64) { x.Cost.PerYearGBP = v })},
		"interventions[].cost.per_unit_gbp": {"interventions[0].cost.per_unit_gbp", iv(StepDownRate, 0, func(x *Intervention, v float64) { x.Cost.PerUnitGBP = v })},
		"interventions[].cost.units_per_year": {"interventions[0].cost.units_per_year", iv(EntryRate, 0, func(x *Intervention, v float64) {
			x.Cost.UnitsPerYear = v
			if v != 0 {
				x.Cost.PerUnitGBP = 1
			}
		})},
		"interventions[].cost.inflation_per_year": {"interventions[0].cost.inflation_per_year", iv(EntryRate, 0, func(x *Intervention, v float64) {
			x.Cost.OwnInflation, x.Cost.InflationPerYear = true, v
		})},
		"(children entering over the run)": {"", nil}, // tested in TestValidateRanges
		"(carer households over the run)":  {"", nil}, // tested in TestValidateRanges
	}
	if ps := fullScenario().Validate(); ps != nil {
		t.Fatalf("the full scenario does not validate: %v", ps)
	}
	for _, l := range Limits() {
		st, ok := setters[l.Field]
		if !ok {
			t.Errorf("%s: no setter in this test: add one", l.Field)
			continue
		}
		if st.set == nil {
			continue
		}
		t.Run(l.Field, func(t *testing.T) {
			for _, v := range []float64{l.Min, l.Max} {
				s := fullScenario()
				st.set(s, v)
				if ps := s.Validate(); ps != nil {
					t.Errorf("%v (an end of the range) refused: %v", v, ps)
				}
			}
			step := max(1, l.Max-l.Min)
			for _, v := range []float64{l.Min - step, l.Max + step} {
				if l.Unit == "share" && v < 0 && l.Field != "interventions[].rate" {
					v = -0.5
				}
				s := fullScenario()
				st.set(s, v)
				path := strings.Replace(st.path, "%d", FormatNumber(v), 1)
				var found bool
				for _, p := range s.Validate() {
					if p.Field == path && strings.Contains(p.Message, l.Range()) {
						found = true
					}
				}
				if !found {
					t.Errorf("%v (beyond the range) not refused at %s with %q: %v", v, path, l.Range(), s.Validate())
				}
			}
		})
	}
	for _, tt := range []struct {
		field string
		set   func(s *Scenario, n int)
		l     Limit
	}{
		{"kinds", func(s *Scenario, n int) {
			for i := len(s.Kinds); i < n; i++ {
				s.Kinds = append(s.Kinds, Kind{Name: "k" + FormatNumber(float64(i)), Supply: Market, Accepts: Everyone})
			}
		}, limKinds},
		{"stays[0].stay.table", func(s *Scenario, n int) {
			bins := make([]Bin, n)
			for i := range bins {
				bins[i] = Bin{UpToDays: float64(i + 1), Share: 1 / float64(n)}
			}
			s.Stays[0].Stay = Distribution{Kind: Empirical, Table: bins}
		}, limBins},
		{"entries.ages", func(s *Scenario, n int) {
			s.Entries.Ages = nil
			for range n {
				s.Entries.Ages = append(s.Entries.Ages, AgeShare{Ages: AllAges, Share: 1 / float64(n), NeedShares: [NumNeeds]float64{1}})
			}
		}, limAgeBands},
		{"escalation_by_age", func(s *Scenario, n int) {
			s.EscalationByAge = nil
			for i := range n {
				s.EscalationByAge = append(s.EscalationByAge, EscalationBand{Ages: AgeRange{i % 18, i % 18}, Share: 0.1})
			}
		}, limEscalationBands},
		{"stock", func(s *Scenario, n int) {
			for len(s.Stock) < n {
				s.Stock = append(s.Stock, s.Stock[0])
			}
		}, limStockGroups},
		{"stays", func(s *Scenario, n int) {
			// Each rule after the first selects children of its own: a repeated who is refused.
			for _, who := range distinctWhos(n - len(s.Stays)) {
				r := s.Stays[0]
				r.Who = who
				s.Stays = append(s.Stays, r)
			}
		}, limStayRules},
		{"kinds[2].homes", func(s *Scenario, n int) {
			for len(s.Kinds[2].Homes) < n {
				s.Kinds[2].Homes = append(s.Kinds[2].Homes, Home{Name: "h" + FormatNumber(float64(len(s.Kinds[2].Homes))), Beds: 1})
			}
		}, limHomes},
		{"kinds[3].block_beds", func(s *Scenario, n int) {
			for len(s.Kinds[3].BlockBeds) < n {
				s.Kinds[3].BlockBeds = append(s.Kinds[3].BlockBeds, BlockContract{Beds: 1})
			}
		}, limBlocks},
		{"ladders", func(s *Scenario, n int) {
			// Each ladder after the first selects children of its own: a repeated who is refused.
			for _, who := range distinctWhos(n - len(s.Ladders)) {
				l := s.Ladders[0]
				l.Who = who
				s.Ladders = append(s.Ladders, l)
			}
		}, limLadders},
		{"interventions", func(s *Scenario, n int) {
			for len(s.Interventions) < n {
				s.Interventions = append(s.Interventions, Intervention{Action: Price, From: s.Start, Factor: 1})
			}
		}, limInterventions},
	} {
		t.Run(tt.field, func(t *testing.T) {
			s := fullScenario()
			tt.set(s, int(tt.l.Max))
			if ps := s.Validate(); ps != nil {
				t.Errorf("%v (the most) refused: %v", tt.l.Max, ps)
			}
			tt.set(s, int(tt.l.Max)+1)
			if ps := s.Validate(); len(ps) != 1 || ps[0].Field != tt.field || !strings.Contains(ps[0].Message, "must list at most") {
				t.Errorf("%v refused with %v, want one problem saying at most %v", tt.l.Max+1, ps, tt.l.Max)
			}
		})
	}
}

// distinctWhos returns n selectors of children, no two alike (by UASC status, needs and ages),
// for lists whose rules may not repeat an earlier one's who.
func distinctWhos(n int) []Selector {
	var out []Selector
	for u := UASCNot; u >= UASCAny && len(out) < n; u-- {
		for needs := NeedSet(1); needs < 1<<NumNeeds && len(out) < n; needs++ {
			for from := 0; from <= 17 && len(out) < n; from++ {
				for to := from; to <= 17 && len(out) < n; to++ {
					out = append(out, Selector{Ages: AgeRange{FromYears: from, ToYears: to}, Needs: needs, UASC: u})
				}
			}
		}
	}
	return out
}
