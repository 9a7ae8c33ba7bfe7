package sim

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// programmeScenario is a small council for checking programme costs: two in-house carer
// households that never leave (so household-days are known), an agency, a home kind with no
// homes and a block kind with no beds, three years from April 2026 with prices rising 25% each
// April (a factor of 1.25, then 1.5625: both exact in binary, so the costs below are exact).
func programmeScenario(ivs ...model.Intervention) *model.Scenario {
	s := erlangScenario(2, 5, model.Distribution{Kind: model.Exponential, MeanDays: 200}, 3, 0)
	s.InflationPerYear = 0.25
	s.Kinds[0].Carers.RecruitmentCostPerApprovalGBP = 5000
	s.Kinds = append(s.Kinds,
		model.Kind{Name: "home", Category: model.Residential, Supply: model.Homes, Accepts: model.Everyone},
		model.Kind{Name: "block", Category: model.Residential, Supply: model.Block, Accepts: model.Everyone})
	s.Interventions = ivs
	return s
}

// monthly returns the value of metric name in reported month i of replication rep.
func monthly(t *testing.T, res *Results, rep Replication, i int, name string) float64 {
	t.Helper()
	m := slices.Index(res.Metrics, name)
	if m < 0 {
		t.Fatalf("no metric %s", name)
	}
	row := make([]float64, len(res.Metrics))
	pos := slices.IndexFunc(res.Reps, func(r Replication) bool { return r.Index == rep.Index })
	if err := res.MonthlyRows(pos, i, i+1, row); err != nil {
		t.Fatal(err)
	}
	return row[m]
}

// TestProgrammeCostArithmetic checks that what a programme costs shows in cost_programme in
// the month it falls, to the penny and beyond: each case's costs are whole pounds a day (a
// yearly cost of £365,000 is £1,000 a day in a financial year of 365 days) or whole pounds,
// times an inflation factor exact in binary, so most expected figures are exact; a day of a
// year of 366 days is not, and is checked to a billionth.
func TestProgrammeCostArithmetic(t *testing.T) {
	const inhouse, home, block = 0, 2, 3
	// prices returns the scenario's price factor in the month starting on d.
	prices := func(d time.Time) float64 {
		switch {
		case d.Before(day(2027, 4, 1)):
			return 1
		case d.Before(day(2028, 4, 1)):
			return 1.25
		}
		return 1.5625
	}
	tests := []struct {
		name string
		iv   model.Intervention
		// want is the programme's cost in the month starting on d, given the month's
		// approvals and step-downs.
		want func(d time.Time, get func(string) float64) float64
		// recruitment is what cost_recruitment should be in the month.
		recruitment func(d time.Time, get func(string) float64) float64
	}{
		{"one-off on a date, at that year's prices",
			model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), Factor: 1,
				Cost: model.ProgrammeCost{OneOffGBP: 100_000, OneOffOn: day(2027, 5, 10)}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2027, 5, 1)) {
					return 125_000
				}
				return 0
			}, nil},
		{"one-off on from, when no date is given",
			model.Intervention{Action: model.StepDownRate, From: day(2026, 8, 20), Factor: 1,
				Cost: model.ProgrammeCost{OneOffGBP: 7_000}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2026, 8, 1)) {
					return 7_000
				}
				return 0
			}, nil},
		{"yearly from a stated date to a stated date, day by day",
			model.Intervention{Action: model.Retention, From: day(2026, 4, 1), Kind: inhouse, Factor: 1,
				Cost: model.ProgrammeCost{PerYearGBP: 365_000, PerYearFrom: day(2027, 2, 11), PerYearTo: day(2027, 4, 16)}},
			func(d time.Time, _ func(string) float64) float64 {
				switch {
				case d.Equal(day(2027, 2, 1)):
					return 18_000 // 11 to 28 February: 18 days at £1,000
				case d.Equal(day(2027, 3, 1)):
					return 31_000
				case d.Equal(day(2027, 4, 1)):
					return 15 * 365_000.0 / 366 * 1.25 // 2027/28 holds 29 February 2028
				}
				return 0
			}, nil},
		{"yearly to the intervention's end",
			model.Intervention{Action: model.EntryRate, From: day(2028, 3, 1), To: day(2028, 5, 11), Factor: 1,
				Cost: model.ProgrammeCost{PerYearGBP: 365_000}},
			func(d time.Time, _ func(string) float64) float64 {
				switch {
				case d.Equal(day(2028, 3, 1)):
					return 31 * 365_000.0 / 366 * 1.25
				case d.Equal(day(2028, 4, 1)):
					return 30_000 * 1.5625
				case d.Equal(day(2028, 5, 1)):
					return 10_000 * 1.5625
				}
				return 0
			}, nil},
		{"its own inflation in place of the scenario's",
			model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), Factor: 1,
				Cost: model.ProgrammeCost{OneOffGBP: 10_000, OneOffOn: day(2028, 5, 1), OwnInflation: true, InflationPerYear: 1}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2028, 5, 1)) {
					return 40_000 // two Aprils at 100%
				}
				return 0
			}, nil},
		{"early help's families a year",
			model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), To: day(2026, 6, 1), Factor: 0.9,
				Cost: model.ProgrammeCost{PerUnitGBP: 1_000, UnitsPerYear: 365}},
			func(d time.Time, _ func(string) float64) float64 {
				switch {
				case d.Equal(day(2026, 4, 1)):
					return 30_000
				case d.Equal(day(2026, 5, 1)):
					return 31_000
				}
				return 0
			}, nil},
		{"a household of the pool for a year, while in force",
			model.Intervention{Action: model.Retention, From: day(2026, 4, 1), To: day(2026, 6, 1), Kind: inhouse, Factor: 1,
				Cost: model.ProgrammeCost{PerUnitGBP: 365}},
			func(d time.Time, _ func(string) float64) float64 {
				switch {
				case d.Equal(day(2026, 4, 1)):
					return 60 // two households, 30 days, £1 a household-day
				case d.Equal(day(2026, 5, 1)):
					return 62
				}
				return 0
			}, nil},
		{"households added, in place of the pool's recruitment cost",
			model.Intervention{Action: model.AddHouseholds, From: day(2027, 10, 1), Kind: inhouse, Count: 3,
				Cost: model.ProgrammeCost{PerUnitGBP: 12_000}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2027, 10, 1)) {
					return 3 * 12_000 * 1.25
				}
				return 0
			},
			func(time.Time, func(string) float64) float64 { return 0 }},
		{"households approved through the programme, in place of the pool's recruitment cost",
			model.Intervention{Action: model.ExtraApprovals, From: day(2026, 4, 1), Kind: inhouse, PerYear: 8,
				Cost: model.ProgrammeCost{PerUnitGBP: 12_000}},
			func(d time.Time, get func(string) float64) float64 {
				return get("approvals") * 12_000 * prices(d)
			},
			func(time.Time, func(string) float64) float64 { return 0 }},
		{"the pool's recruitment cost when the programme pays nothing per approval",
			model.Intervention{Action: model.ExtraApprovals, From: day(2026, 4, 1), Kind: inhouse, PerYear: 8,
				Cost: model.ProgrammeCost{PerYearGBP: 365_000, PerYearTo: day(2026, 5, 1)}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2026, 4, 1)) {
					return 30_000
				}
				return 0
			},
			func(d time.Time, get func(string) float64) float64 { return get("approvals") * 5_000 * prices(d) }},
		{"beds of a home, when it opens",
			model.Intervention{Action: model.OpenHome, From: day(2026, 4, 1), Kind: home, Count: 2, LeadTimeDays: 400, Local: true, Name: "Ash",
				Cost: model.ProgrammeCost{PerUnitGBP: 50_000}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2027, 5, 1)) { // 400 days after 1 April 2026 is 6 May 2027
					return 2 * 50_000 * 1.25
				}
				return 0
			}, nil},
		{"beds contracted",
			model.Intervention{Action: model.BlockBeds, From: day(2028, 1, 1), Kind: block, Count: 2, FixedCostPerYearGBP: 100_000, Local: true,
				Cost: model.ProgrammeCost{PerUnitGBP: 1_000}},
			func(d time.Time, _ func(string) float64) float64 {
				if d.Equal(day(2028, 1, 1)) {
					return 2_500
				}
				return 0
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := programmeScenario(tt.iv)
			res, err := Run(s, Options{Reps: 3, Seed: 7, Check: true})
			if err != nil {
				t.Fatal(err)
			}
			var paid, approvals float64
			for _, rep := range res.Reps {
				for i, d := range res.Months {
					get := func(name string) float64 { return monthly(t, res, rep, i, name) }
					approvals += get("approvals")
					want := tt.want(d, get)
					paid += want
					if got := get("cost_programme"); math.Abs(got-want) > 1e-9*math.Abs(want) || (want == 0) != (got == 0) {
						t.Errorf("rep %d, %s: cost_programme %v, want %v", rep.Index, d.Format("Jan 2006"), got, want)
					}
					if tt.recruitment != nil {
						if got, want := get("cost_recruitment"), tt.recruitment(d, get); got != want {
							t.Errorf("rep %d, %s: cost_recruitment %v, want %v", rep.Index, d.Format("Jan 2006"), got, want)
						}
					}
				}
			}
			if paid == 0 {
				t.Errorf("the programme cost nothing over %d replications: the case checks nothing", len(res.Reps))
			}
			if tt.iv.Action == model.ExtraApprovals && approvals == 0 {
				t.Errorf("no approvals over %d replications: the case checks nothing", len(res.Reps))
			}
		})
	}
}

// TestProgrammeCostByYear checks that a programme's costs add up by financial year: the KPI
// cost_programme of each year is what the month-by-month figures give.
func TestProgrammeCostByYear(t *testing.T) {
	s := programmeScenario(model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), Factor: 0.95,
		Cost: model.ProgrammeCost{OneOffGBP: 200_000, PerYearGBP: 365_000, PerYearTo: day(2028, 4, 1)}})
	res, err := Run(s, Options{Reps: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	k := slices.Index(res.KPIs, "cost_programme")
	// 2026/27: £200,000 and the whole year's £365,000; 2027/28: the whole year's £365,000 at
	// 1.25, however many days it has (366: a leap February); 2028/29: nothing.
	want := []float64{565_000, 456_250, 0, 565_000 + 456_250}
	for p, w := range want {
		// To a billionth: a day of a year of 366 days is not exact in binary.
		if got := res.Reps[0].KPIs[p*len(res.KPIs)+k]; math.Abs(got-w) > 1e-9*w {
			t.Errorf("%s: cost_programme %v, want %v", res.Periods[p], got, w)
		}
	}
}

// TestStepDownProgrammeCost checks that a programme paid by the child stepped down pays for
// every step-down while it is in force, and for none before.
func TestStepDownProgrammeCost(t *testing.T) {
	s := richScenario()
	s.InflationPerYear = 0
	var ivs []model.Intervention
	for _, iv := range s.Interventions {
		if iv.Action != model.Inflation {
			ivs = append(ivs, iv)
		}
	}
	s.Interventions = ivs
	from := day(2027, 1, 1)
	for i := range s.Interventions {
		if s.Interventions[i].Action == model.StepDownRate {
			s.Interventions[i].From = from
			s.Interventions[i].Cost = model.ProgrammeCost{PerUnitGBP: 39_000}
		}
	}
	res, err := Run(s, Options{Reps: 10, Seed: 5, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	var before, after float64
	for _, rep := range res.Reps {
		for i, d := range res.Months {
			steps, paid := monthly(t, res, rep, i, "stepdowns"), monthly(t, res, rep, i, "cost_programme")
			want := 0.0
			if !d.Before(from) {
				want = steps * 39_000
				after += steps
			} else {
				before += steps
			}
			if paid != want {
				t.Errorf("rep %d, %s: %v step-downs, cost_programme %v, want %v", rep.Index, d.Format("Jan 2006"), steps, paid, want)
			}
		}
	}
	if before == 0 || after == 0 {
		t.Errorf("%v step-downs before the programme and %v in it: the test needs both", before, after)
	}
}

// TestSpendingSplit checks that spending splits into placements, carers, the council's own
// provision and programmes, whose sum is cost_total to the last bit, in every month and every
// financial year of many replications of a scenario with every kind of supply and programme;
// and that each part holds what it says.
func TestSpendingSplit(t *testing.T) {
	s := richScenario()
	for i := range s.Interventions {
		iv := &s.Interventions[i]
		switch iv.Action {
		case model.ExtraApprovals:
			iv.RecruitmentCostGBP = 0
			iv.Cost = model.ProgrammeCost{PerUnitGBP: 12_000, PerYearGBP: 50_000}
		case model.Retention, model.AllowanceUplift:
			iv.Cost = model.ProgrammeCost{PerUnitGBP: 500, OwnInflation: true, InflationPerYear: 0.02}
		case model.OpenHome:
			iv.Cost = model.ProgrammeCost{OneOffGBP: 740_000, PerUnitGBP: 10_000}
		case model.StepDownRate:
			iv.Cost = model.ProgrammeCost{PerUnitGBP: 39_000}
		case model.EntryRate:
			iv.Cost = model.ProgrammeCost{PerUnitGBP: 8_200, UnitsPerYear: 40}
		}
	}
	seeds, reps := 6, 12
	if testing.Short() {
		seeds, reps = 2, 8
	}
	for seed := range uint64(seeds) {
		checkSplit(t, s, seed+1, reps)
	}
}

// checkSplit runs reps replications of s with seed and checks the spending split of each
// month and financial year.
func checkSplit(t *testing.T, s *model.Scenario, seed uint64, reps int) {
	t.Helper()
	res, err := Run(s, Options{Reps: reps, Seed: seed, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	kinds := kindNames(s)
	supply := func(k string) model.Supply {
		for _, kd := range s.Kinds {
			if kd.Name == k {
				return kd.Supply
			}
		}
		return model.Market // the emergency placement
	}
	near := func(a, b float64) bool { return a-b <= 1e-6*max(1, b) && b-a <= 1e-6*max(1, b) }
	var programme float64
	check := func(what string, get func(string) float64) {
		t.Helper()
		parts := get("cost_placements") + get("cost_carers") + get("cost_own_provision") + get("cost_programme")
		if total := get("cost_total"); parts != total {
			t.Fatalf("%s: the split adds to %v, cost_total %v", what, parts, total)
		}
		// What each part holds, up to the rounding of adding in another order (a millionth).
		var placements, carers, own float64
		for _, k := range kinds {
			switch supply(k) {
			case model.Market:
				placements += get("cost_" + k)
			case model.Carers:
				carers += get("cost_" + k)
			default:
				own += get("cost_" + k)
			}
		}
		placements += get("cost_care_leavers")
		carers += get("cost_carer_support") + get("cost_recruitment")
		sp := get("cost_staying_put")
		if g := get("cost_placements") + get("cost_carers"); !near(g, placements+carers+sp) {
			t.Errorf("%s: placements and carers %v, want %v", what, g, placements+carers+sp)
		}
		if g := get("cost_placements"); g < placements*(1-1e-9) || g > (placements+sp)*(1+1e-9) {
			t.Errorf("%s: cost_placements %v, want between %v and %v (staying put with agency carers)", what, g, placements, placements+sp)
		}
		if g := get("cost_own_provision"); !near(g, own) {
			t.Errorf("%s: cost_own_provision %v, want %v", what, g, own)
		}
		programme += get("cost_programme")
	}
	for _, rep := range res.Reps {
		for i, d := range res.Months {
			check("seed "+itoa(int(seed))+" rep "+itoa(rep.Index)+" "+d.Format("Jan 2006"), func(name string) float64 { return monthly(t, res, rep, i, name) })
		}
		for p, period := range res.Periods {
			check("seed "+itoa(int(seed))+" rep "+itoa(rep.Index)+" "+period, func(name string) float64 {
				k := slices.Index(res.KPIs, name)
				if k < 0 {
					t.Fatalf("no KPI %s", name)
				}
				return rep.KPIs[p*len(res.KPIs)+k]
			})
		}
	}
	if programme == 0 {
		t.Errorf("seed %d: no programme cost anywhere: the test checks nothing of it", seed)
	}
}

func itoa(i int) string { return model.FormatNumber(float64(i)) }
