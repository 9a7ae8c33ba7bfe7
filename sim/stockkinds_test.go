package sim_test

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestStockStaysByKind checks that a stock_stays rule with kinds draws the remaining time of
// the stock groups placed in those kinds, and only theirs: a stock of 100 young people aged
// 16-17 in supported accommodation and 100 in agencies' foster care, no entries, the rule for
// every kind keeping them in care until 18 (an age uniform over 16-17 leaves 0 to 2 years to
// the birthday: 1-m/24 of them are in care at the end of month m, 72.9% over the first year's
// month ends) and a rule of 30 days for one kind (all gone by the first month's end). The
// first year's mean of children in care is then about 146 without the short rule or with it
// for a kind no one is in, and about 73 with it for supported accommodation; the bounds are 10
// children either side, some 5 times the standard error of a mean of 20 replications.
func TestStockStaysByKind(t *testing.T) {
	base, id := defaultKinds(t)
	sa, ifa, home := id("supported_accommodation"), id("ifa"), id("inhouse_home")
	long := model.StayRule{Who: model.Everyone, Stay: model.Distribution{Kind: model.Fixed, MeanDays: 10_000}}
	long.ExitShares[model.OtherExit] = 1
	short := long
	short.Stay = model.Distribution{Kind: model.Fixed, MeanDays: 30}
	for _, tc := range []struct {
		name  string
		kinds []model.KindID
		want  float64
	}{
		{"no rule by kind", nil, 146},
		{"a short rule for supported accommodation", []model.KindID{sa}, 73},
		{"a short rule for a kind no one is in", []model.KindID{home}, 146},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := *base
			s.WarmupYears, s.Years, s.Interventions = 0, 1, nil
			s.Entries.PerYear, s.UASC.PerYear = 0, 0
			s.Stock = []model.StockGroup{
				{Kind: sa, Ages: model.AgeRange{FromYears: 16, ToYears: 17}, Count: 100, NeedShares: [model.NumNeeds]float64{1}},
				{Kind: ifa, Ages: model.AgeRange{FromYears: 16, ToYears: 17}, Count: 100, NeedShares: [model.NumNeeds]float64{1}},
			}
			s.StockStays = []model.StayRule{long}
			if tc.kinds != nil {
				r := short
				r.Kinds = tc.kinds
				s.StockStays = []model.StayRule{r, long}
			}
			res, err := sim.Run(&s, sim.Options{Reps: 20, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			means, err := res.YearMean(res.Years()[0], "children_in_care")
			if err != nil || len(means) == 0 {
				t.Fatalf("no children_in_care in the first year: %v", err)
			}
			var sum float64
			for _, m := range means {
				sum += m
			}
			got := sum / float64(len(means))
			if math.Abs(got-tc.want) > 10 {
				t.Errorf("%.1f children in care in the first year, want %.0f ± 10", got, tc.want)
			}
		})
	}
}

// TestStockStaysKindsOnlyInStock checks that a rule of stays may not name kinds: a stay is
// drawn when a child enters, before they are placed.
func TestStockStaysKindsOnlyInStock(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	cp := *s
	cp.Stays = append([]model.StayRule(nil), s.Stays...)
	cp.Stays[0].Kinds = []model.KindID{0}
	cp.StockStays = []model.StayRule{{Who: model.Everyone, Stay: model.Distribution{Kind: model.Fixed, MeanDays: 30}, Kinds: []model.KindID{99}}}
	cp.StockStays[0].ExitShares[model.OtherExit] = 1
	ps := cp.Validate()
	if ps == nil {
		t.Fatal("a rule of stays with kinds and a stock_stays rule naming kind 99 validate")
	}
	got := ps.Err().Error()
	for _, want := range []string{"stays[0].kinds: only stock_stays select by kind", "stock_stays[0].kinds[0]: names no provision kind"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors %q do not say %q", got, want)
		}
	}
}

// TestStockOverflow checks where the children of a starting stock go whom their carers have
// no room for: a stock of 100 young people aged 16-17 with the council's own carers, whose 10
// households have about 21 places, no entries and no moves. In a council's own position (with
// stock_stays) those beyond the places are placed as children whose ladder drew the council's
// carers and found them full, on the rungs after them (agencies'): at the first month's end none
// is in supported accommodation and all are in foster care but those who turned 18 (4 expected;
// at least 90 allows 10, three standard deviations above). In a steady stock (no stock_stays)
// they are matched afresh on the default's ladder for their age, which offers supported
// accommodation before the council's carers, and most go there.
func TestStockOverflow(t *testing.T) {
	base, id := defaultKinds(t)
	inhouse := id("inhouse_foster")
	long := model.StayRule{Who: model.Everyone, Stay: model.Distribution{Kind: model.Fixed, MeanDays: 10_000}}
	long.ExitShares[model.OtherExit] = 1
	for _, tc := range []struct {
		name       string
		stockStays []model.StayRule
		// fostered and sa bound the children in foster care and in supported accommodation at
		// the first month's end, in every replication.
		fosteredMin, saMax, saMin float64
	}{
		{"a council's own position", []model.StayRule{long}, 90, 0, 0},
		{"a steady stock", nil, 0, 100, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := *base
			s.WarmupYears, s.Years, s.Interventions = 0, 1, nil
			s.Entries.PerYear, s.UASC.PerYear = 0, 0
			s.Kinds = append([]model.Kind(nil), base.Kinds...)
			for i := range s.Kinds {
				s.Kinds[i].BreakdownPerYear = [model.NumNeeds]float64{}
			}
			carers := *s.Kinds[inhouse].Carers
			carers.Households = 10
			s.Kinds[inhouse].Carers = &carers
			s.Stock = []model.StockGroup{{Kind: inhouse, Ages: model.AgeRange{FromYears: 16, ToYears: 17}, Count: 100, NeedShares: [model.NumNeeds]float64{1}}}
			s.StockStays = tc.stockStays
			res, err := sim.Run(&s, sim.Options{Reps: 5, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			col := func(name string) int {
				for i, m := range res.Metrics {
					if m == name {
						return i
					}
				}
				t.Fatalf("the simulation records no %s", name)
				return -1
			}
			inh, ifa, sa := col("children_inhouse_foster"), col("children_ifa"), col("children_supported_accommodation")
			for pos := range res.Reps {
				rec, err := res.MonthlyRecord(pos)
				if err != nil {
					t.Fatal(err)
				}
				fostered, placedSA := rec[inh]+rec[ifa], rec[sa]
				if rec[inh] > 30 || fostered < tc.fosteredMin || placedSA > tc.saMax || placedSA < tc.saMin {
					t.Errorf("replication %d: %.0f with the council's carers, %.0f with agencies, %.0f in supported accommodation at the first month's end; want at most 30 with the council's carers, at least %.0f in foster care and %.0f-%.0f in supported accommodation",
						pos, rec[inh], rec[ifa], placedSA, tc.fosteredMin, tc.saMin, tc.saMax)
				}
			}
		})
	}
}

// defaultKinds loads the default scenario and returns it with a function giving the index of
// its kind of a name, failing the test for a name it does not have.
func defaultKinds(t *testing.T) (*model.Scenario, func(string) model.KindID) {
	t.Helper()
	base, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	return base, func(name string) model.KindID {
		for i, k := range base.Kinds {
			if k.Name == name {
				return model.KindID(i)
			}
		}
		t.Fatalf("the default scenario has no kind %s", name)
		return -1
	}
}
