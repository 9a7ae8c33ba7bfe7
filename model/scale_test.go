package model

import (
	"math"
	"reflect"
	"testing"
)

// scaleScenario is a council with something of everything Scale scales: a capped and an
// unlimited market, a carer pool, two homes, two block contracts, care leavers' places.
func scaleScenario() *Scenario {
	return &Scenario{
		Name:            "county",
		ChildPopulation: 150_000,
		Entries:         Entries{PerYear: 260, TrendPerYear: 0.01},
		UASC:            UASCStream{PerYear: 55, TransferThresholdShare: 0.001},
		Stock: []StockGroup{
			{Kind: 0, Count: 6}, {Kind: 0, Count: 25}, {Kind: 1, Count: 36},
			{Kind: 1, Count: 52}, {Kind: 2, Count: 19}, {Kind: 3, Count: 3},
		},
		CareLeavers: CareLeavers{Share: 0.3, Places: 10, Stock: 9},
		StayingPut:  StayingPutScheme{Share: 0.6, Stock: 25},
		Kinds: []Kind{
			{Name: "ifa", Supply: Market, CapacityPlaces: 85, LocalShare: 0.6},
			{Name: "inhouse_foster", Supply: Carers, Carers: &CarerPool{Households: 160, ApprovalsPerYear: 19, DeregistrationPerYear: 0.1}},
			{Name: "inhouse_home", Supply: Homes, Homes: []Home{{Name: "Oak House", Beds: 4, Local: true, FixedCostPerYearGBP: 1.1e6}, {Name: "Ash House", Beds: 3}}},
			{Name: "block_residential", Supply: Block, BlockBeds: []BlockContract{{Beds: 3, CostPerBedPerYearGBP: 3e5}, {Beds: 1}}},
			{Name: "kinship", Supply: Market},
		},
		Interventions: []Intervention{{Action: ExtraApprovals, Kind: 1, PerYear: 12}},
	}
}

func stockCounts(s *Scenario) []int {
	var out []int
	for _, g := range s.Stock {
		out = append(out, g.Count)
	}
	return out
}

func homeNames(s *Scenario) []string {
	var out []string
	for _, h := range s.Kinds[2].Homes {
		out = append(out, h.Name)
	}
	return out
}

func blockBeds(s *Scenario) []int {
	var out []int
	for _, b := range s.Kinds[3].BlockBeds {
		out = append(out, b.Beds)
	}
	return out
}

// TestScaleByOne checks that a factor of 1 changes nothing.
func TestScaleByOne(t *testing.T) {
	s := scaleScenario()
	Scale(s, 1)
	if !reflect.DeepEqual(s, scaleScenario()) {
		t.Errorf("Scale by 1 changed the scenario:\n%+v", s)
	}
}

// TestScale checks what a council made twice, half and a hundredth as large has: every count
// times the factor, rounded as Scale's comment says, and what is not a count left alone.
func TestScale(t *testing.T) {
	tests := []struct {
		factor         float64
		population     int
		stock          []int
		stockTotal     int
		households     int
		capacity       int
		leaverPlaces   int
		leaverStock    int
		homes          []string
		blocks         []int
		entries, uasc  float64
		approvalsPerYr float64
	}{
		{2, 300_000, []int{12, 50, 72, 104, 38, 6}, 282, 320, 170, 20, 18,
			[]string{"Oak House", "Ash House", "Oak House 2", "Ash House 2"}, []int{3, 1, 3, 1}, 520, 110, 38},
		// Halves round away from zero: 42.5 places → 43, one home of two, one contract of two
		// (the first); the stock's 141
		// children become 71 (70.5 rounded), the extra child to the earliest of the groups
		// with the largest remainder (25 → 12.5 → 13, 19 → 9.5, 3 → 1.5); 9 care leavers at
		// the start 5 (4.5), within the 5 places.
		{0.5, 75_000, []int{3, 13, 18, 26, 10, 1}, 71, 80, 43, 5, 5,
			[]string{"Oak House"}, []int{3}, 130, 27.5, 9.5},
		// A capped market or care leavers' cap never rounds to 0, which would lift the cap;
		// homes and contracts that round to none are gone. 160 households become 2 (1.6
		// rounded), and their approvals 19 × 2/160, the rounded households' factor.
		{0.01, 1_500, []int{0, 0, 0, 1, 0, 0}, 1, 2, 1, 1, 0, nil, nil, 2.6, 0.55, 0.2375},
		// A pool that rounds to no households keeps approvals scaled by the factor.
		{0.003, 450, []int{0, 0, 0, 0, 0, 0}, 0, 0, 1, 1, 0, nil, nil, 0.78, 0.165, 0.057},
	}
	for _, tt := range tests {
		s := scaleScenario()
		Scale(s, tt.factor)
		if s.ChildPopulation != tt.population {
			t.Errorf("by %v: child population %d, want %d", tt.factor, s.ChildPopulation, tt.population)
		}
		if got := stockCounts(s); !reflect.DeepEqual(got, tt.stock) {
			t.Errorf("by %v: stock %v, want %v", tt.factor, got, tt.stock)
		}
		if got := s.StockCount(); got != tt.stockTotal {
			t.Errorf("by %v: %d children in care, want %d", tt.factor, got, tt.stockTotal)
		}
		for i, g := range scaleScenario().Stock {
			if d := math.Abs(float64(s.Stock[i].Count) - float64(g.Count)*tt.factor); d >= 1 {
				t.Errorf("by %v: stock[%d] is %d, %.2f from %d × factor", tt.factor, i, s.Stock[i].Count, d, g.Count)
			}
		}
		if got := s.Kinds[1].Carers.Households; got != tt.households {
			t.Errorf("by %v: households %d, want %d", tt.factor, got, tt.households)
		}
		if got := s.Kinds[0].CapacityPlaces; got != tt.capacity {
			t.Errorf("by %v: capped market %d places, want %d", tt.factor, got, tt.capacity)
		}
		if got := s.Kinds[4].CapacityPlaces; got != 0 {
			t.Errorf("by %v: the unlimited market has a cap of %d", tt.factor, got)
		}
		if s.CareLeavers.Places != tt.leaverPlaces {
			t.Errorf("by %v: care leavers' places %d, want %d", tt.factor, s.CareLeavers.Places, tt.leaverPlaces)
		}
		if s.CareLeavers.Stock != tt.leaverStock {
			t.Errorf("by %v: care leavers at the start %d, want %d", tt.factor, s.CareLeavers.Stock, tt.leaverStock)
		}
		// 25 young people staying put at the start: 50, 12.5 → 13, 0.25 → 0, 0.075 → 0.
		if want := int(math.Round(25 * tt.factor)); s.StayingPut.Stock != want {
			t.Errorf("by %v: young people staying put at the start %d, want %d", tt.factor, s.StayingPut.Stock, want)
		}
		if s.CareLeavers.Stock > s.CareLeavers.Places {
			t.Errorf("by %v: %d care leavers at the start, more than the %d places", tt.factor, s.CareLeavers.Stock, s.CareLeavers.Places)
		}
		if got := homeNames(s); !reflect.DeepEqual(got, tt.homes) {
			t.Errorf("by %v: homes %q, want %q", tt.factor, got, tt.homes)
		}
		if got := blockBeds(s); !reflect.DeepEqual(got, tt.blocks) {
			t.Errorf("by %v: block beds %v, want %v", tt.factor, got, tt.blocks)
		}
		const eps = 1e-9 // rates are multiplied, not rounded
		if math.Abs(s.Entries.PerYear-tt.entries) > eps || math.Abs(s.UASC.PerYear-tt.uasc) > eps ||
			math.Abs(s.Kinds[1].Carers.ApprovalsPerYear-tt.approvalsPerYr) > eps {
			t.Errorf("by %v: entries %v, UASC %v, approvals %v a year; want %v, %v, %v", tt.factor,
				s.Entries.PerYear, s.UASC.PerYear, s.Kinds[1].Carers.ApprovalsPerYear, tt.entries, tt.uasc, tt.approvalsPerYr)
		}
		// Rates, shares and the strategy's own numbers stay as they were.
		base := scaleScenario()
		if s.Entries.TrendPerYear != base.Entries.TrendPerYear || s.UASC.TransferThresholdShare != base.UASC.TransferThresholdShare ||
			s.Kinds[0].LocalShare != base.Kinds[0].LocalShare || s.Kinds[1].Carers.DeregistrationPerYear != 0.1 ||
			s.Interventions[0].PerYear != 12 || len(s.Kinds[2].Homes) > 0 && s.Kinds[2].Homes[0].FixedCostPerYearGBP != 1.1e6 {
			t.Errorf("by %v: a rate, share, price or intervention changed", tt.factor)
		}
	}
}

// TestScaleLeavesTheOriginalPool checks that the scaled scenario's carer pool is its own: a
// scenario that shared its pool with another does not scale the other's.
func TestScaleLeavesTheOriginalPool(t *testing.T) {
	s := scaleScenario()
	pool := s.Kinds[1].Carers
	Scale(s, 3)
	if pool.Households != 160 {
		t.Errorf("the original pool was changed: %d households", pool.Households)
	}
}

func TestApportion(t *testing.T) {
	tests := []struct {
		counts []int
		factor float64
		want   []int
	}{
		{[]int{1, 1, 1}, 0.5, []int{1, 1, 0}},                         // 1.5 → 2, ties to the earlier counts
		{[]int{10, 20, 30}, 1.5, []int{15, 30, 45}},                   // exact
		{[]int{850}, 1885.0 / 850, []int{1885}},                       // a council sized to its children in care
		{[]int{3, 3, 3}, 1.0 / 3, []int{1, 1, 1}},                     // floating remainders near 1
		{[]int{0, 5, 0}, 7, []int{0, 35, 0}},                          // zeros stay zero
		{nil, 2, []int{}},                                             // nothing to apportion
		{[]int{2, 2, 2, 2}, 0.4, []int{1, 1, 1, 0}},                   // 3.2 → 3
		{[]int{1, 100}, 0.504, []int{1, 50}},                          // 50.904 → 51: the 0.504 remainder beats 0.4
		{[]int{5, 15, 25, 55}, 0.1, []int{1, 2, 2, 5}},                // 10: remainders .5 (1.5000000000000002 too), ties to the earlier counts
		{[]int{0, 0}, 0.5, []int{0, 0}},                               // no children
		{[]int{7}, 1, []int{7}},                                       // factor 1
		{[]int{1, 1, 1, 1, 1, 1, 1}, 0.1, []int{1, 0, 0, 0, 0, 0, 0}}, // 0.7 → 1
	}
	for _, tt := range tests {
		got := Apportion(tt.counts, tt.factor)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Apportion(%v, %v) = %v, want %v", tt.counts, tt.factor, got, tt.want)
		}
	}
}

func TestScalePanicsOnABadFactor(t *testing.T) {
	for _, f := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Scale by %v did not panic", f)
				}
			}()
			Scale(scaleScenario(), f)
		}()
	}
}

// TestApportionStock checks that the stock's needs, and each need's kinds, keep their share of
// the children as each group does, where apportioning over the groups alone gives the
// remainders' lottery: ten groups of 3 children of standard need (1.8 each when scaled by 0.6,
// remainder 0.8) take every unit left over before ten groups of 1 of complex need (0.6 each),
// 20 standard and 4 complex where 18 and 6 are their shares.
func TestApportionStock(t *testing.T) {
	standard := [NumNeeds]float64{NeedStandard: 1}
	complex := [NumNeeds]float64{NeedComplex: 1}
	var stock []StockGroup
	for i := range 10 {
		stock = append(stock, StockGroup{Kind: KindID(i % 2), Ages: AgeRange{FromYears: i, ToYears: i}, Count: 3, NeedShares: standard})
	}
	for i := range 10 {
		stock = append(stock, StockGroup{Kind: KindID(i % 3), Ages: AgeRange{FromYears: i, ToYears: i}, Count: 1, NeedShares: complex})
	}
	// needs adds up got's children of each need, and of each need in each kind.
	needs := func(got []int) map[[2]int]int {
		m := map[[2]int]int{}
		for i, n := range got {
			need := 0
			if stock[i].NeedShares == complex {
				need = 1
			}
			m[[2]int{need, -1}] += n
			m[[2]int{need, int(stock[i].Kind)}] += n
		}
		return m
	}
	counts := stockCounts(&Scenario{Stock: stock})
	if flat := needs(Apportion(counts, 0.6)); flat[[2]int{0, -1}] != 20 || flat[[2]int{1, -1}] != 4 {
		t.Fatalf("over the groups alone: %d standard and %d complex, want the lottery's 20 and 4", flat[[2]int{0, -1}], flat[[2]int{1, -1}])
	}
	got := ApportionStock(stock, 0.6)
	want := map[[2]int]int{}
	for i, n := range counts {
		if d := math.Abs(float64(got[i]) - float64(n)*0.6); d >= 1 {
			t.Errorf("group %d: %d children, %.2f from %d × 0.6", i, got[i], d, n)
		}
		need := 0
		if stock[i].NeedShares == complex {
			need = 1
		}
		want[[2]int{need, -1}] += n
		want[[2]int{need, int(stock[i].Kind)}] += n
	}
	total := 0
	for _, n := range got {
		total += n
	}
	if total != 24 {
		t.Errorf("%d children in all, want 24", total)
	}
	for k, n := range needs(got) {
		if d := math.Abs(float64(n) - float64(want[k])*0.6); d >= 1 {
			t.Errorf("need %d, kind %d (-1: all): %d children, %.2f from %d × 0.6", k[0], k[1], n, d, want[k])
		}
	}
}

// TestScaleHomesShare checks that scaling keeps a stock group's homes_share while the scaled
// homes' beds hold its children, lowers it to fill them where they do not, and drops it where
// no homes are left.
func TestScaleHomesShare(t *testing.T) {
	for _, tc := range []struct {
		factor float64
		want   float64
	}{
		{3, 0.2},        // 30 children, 6 in 3 homes of 12 beds
		{1.4, 4.0 / 14}, // 14 children, a share of 0.5 is 7: lowered to fill the 4 beds
		{0.4, 0},        // no home left
	} {
		s := minimal()
		s.Kinds = append(s.Kinds, Kind{Name: "inhouse_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "Oak House", Beds: 4}}})
		s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{FromYears: 10, ToYears: 17}, Count: 10, NeedShares: [NumNeeds]float64{1}, MaleShare: 0.5, HomesShare: 0.2}}
		if tc.factor == 1.4 {
			s.Stock[0].HomesShare = 0.5 // 7 of 14 children, more than the 4 beds: lowered to 4/14
		}
		Scale(s, tc.factor)
		if got := s.Stock[0].HomesShare; math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("scaled by %v: homes_share %v, want %v", tc.factor, got, tc.want)
		}
		if ps := s.Validate(); len(ps) > 0 {
			t.Errorf("scaled by %v: %v", tc.factor, ps)
		}
	}
}
