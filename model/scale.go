package model

import (
	"fmt"
	"math"
	"slices"
)

// Scale makes s a council factor times as large, in place: a council of the same shape with
// factor times the children, carers and places. It scales
//
//   - ChildPopulation, rounded to the nearest whole child;
//   - Entries.PerYear and UASC.PerYear (rates, not rounded);
//   - the starting Stock, its counts apportioned by largest remainder so that they add up to
//     the stock's total times factor rounded to the nearest child (a stock of 850 scaled by
//     0.5 holds 425 children), each group's count within one of its own count times factor,
//     and so too the children of each need (with UASC status) and, within a need, of each
//     kind (ApportionStock);
//   - each carer pool's Households (rounded) and ApprovalsPerYear (not rounded) by the same
//     factor as its households after rounding, so that a pool that holds steady holds steady
//     at the scaled size (6 households approving 0.788 a year, scaled by 0.58, are 3 approving
//     0.394, not 0.457, which would grow them to 3.5); by factor itself when the pool starts
//     with no households or rounds to none;
//   - each Homes kind's homes: round(factor × number of homes) homes of the same beds and
//     costs, the originals first, then copies in the same order named "NAME 2", "NAME 3"...;
//   - each Block kind's contracts likewise: round(factor × number of contracts) contracts,
//     the originals first, then copies;
//   - each capped Market kind's CapacityPlaces and CareLeavers.Places, rounded but never
//     below 1 place (0 means no cap, which a small council does not gain by being small);
//   - CareLeavers.Stock, rounded (never above the places, rounded from a stock within them);
//   - StayingPut.Stock, rounded.
//
// A stock group's HomesShare is kept, but lowered to what the scaled homes' beds hold, or to 0
// where no homes are left (FitHomesShares).
//
// Rounding is to the nearest whole number, halves away from zero (math.Round). Rates, shares,
// prices and interventions are left as they are: an intervention's numbers are the strategy's
// own (12 more approvals a year stays 12). A factor of 1 leaves s unchanged. Scale panics on a
// factor that is not a positive finite number: the caller checks it.
func Scale(s *Scenario, factor float64) {
	if !(factor > 0) || math.IsInf(factor, 0) {
		panic(fmt.Sprintf("model: Scale by %v", factor))
	}
	if factor == 1 {
		return
	}
	round := func(n int) int { return int(math.Round(float64(n) * factor)) }
	capped := func(n int) int {
		if n == 0 {
			return 0
		}
		return max(1, round(n))
	}
	s.ChildPopulation = round(s.ChildPopulation)
	s.Entries.PerYear *= factor
	s.UASC.PerYear *= factor
	for i, n := range ApportionStock(s.Stock, factor) {
		s.Stock[i].Count = n
	}
	s.CareLeavers.Places = capped(s.CareLeavers.Places)
	s.CareLeavers.Stock = round(s.CareLeavers.Stock)
	s.StayingPut.Stock = round(s.StayingPut.Stock)
	for i := range s.Kinds {
		kd := &s.Kinds[i]
		kd.CapacityPlaces = capped(kd.CapacityPlaces)
		if p := kd.Carers; p != nil {
			cp := *p
			cp.Households = round(p.Households)
			if cp.Households > 0 && p.Households > 0 {
				cp.ApprovalsPerYear *= float64(cp.Households) / float64(p.Households)
			} else {
				cp.ApprovalsPerYear *= factor
			}
			kd.Carers = &cp
		}
		if n := len(kd.Homes); n > 0 {
			var homes []Home
			for j := range round(n) {
				h := kd.Homes[j%n]
				if c := j / n; c > 0 {
					h.Name = fmt.Sprintf("%s %d", h.Name, c+1)
				}
				homes = append(homes, h)
			}
			kd.Homes = homes
		}
		if n := len(kd.BlockBeds); n > 0 {
			var blocks []BlockContract
			for j := range round(n) {
				blocks = append(blocks, kd.BlockBeds[j%n])
			}
			kd.BlockBeds = blocks
		}
	}
	FitHomesShares(s)
}

// FitHomesShares lowers the stock groups' HomesShare, after scaling (Scale, or a stock
// apportioned to a council's size), to what the council's own homes' beds hold: to 0 where the
// homes are gone, and where the children it places there on average, with those of the groups
// placed there and those the groups before it place there by their share, are more than the
// beds, to the share that fills them.
func FitHomesShares(s *Scenario) {
	hk, beds, held := s.homesRoom()
	placed := 0.0 // the children the homes_share of the groups so far places in the homes
	for i := range s.Stock {
		g := &s.Stock[i]
		room := float64(beds-held) - placed
		switch {
		case g.HomesShare <= 0:
		case hk < 0 || g.Kind == hk || g.Count == 0 || room <= 0:
			g.HomesShare = 0
		case g.HomesShare*float64(g.Count) > room:
			g.HomesShare = room / float64(g.Count)
		}
		placed += g.HomesShare * float64(g.Count)
	}
}

// Apportion returns counts each times factor, in whole numbers that add up to their total
// times factor rounded to the nearest whole number (halves away from zero): each is the
// whole part of its scaled count, and the units left over go to the largest fractional
// parts, ties to the earlier count (the largest remainder method). Each result is within one
// of its scaled count.
func Apportion(counts []int, factor float64) []int {
	total := 0
	for _, n := range counts {
		total += n
	}
	return apportionTo(counts, factor, int(math.Round(float64(total)*factor)))
}

// apportionTo is Apportion with the whole numbers adding up to want, which must lie between
// the sum of the scaled counts' whole parts and that sum plus the number of counts.
func apportionTo(counts []int, factor float64, want int) []int {
	out := make([]int, len(counts))
	type rem struct {
		i    int
		frac float64
	}
	rems := make([]rem, len(counts))
	got := 0
	for i, n := range counts {
		x := float64(n) * factor
		out[i] = int(math.Floor(x))
		got += out[i]
		// Remainders equal to 9 decimals are ties, whatever the floating-point noise of x.
		rems[i] = rem{i, math.Round((x-math.Floor(x))*1e9) / 1e9}
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.frac > b.frac:
			return -1
		case a.frac < b.frac:
			return 1
		}
		return 0
	})
	for k := 0; got < want && k < len(rems); k++ {
		out[rems[k].i]++
		got++
	}
	return out
}

// ApportionStock returns the counts of stock, each times factor, in whole numbers as Apportion
// gives them, apportioned in three steps: the stock's total among its needs (each need with
// UASC status apart), each need's share among its kinds, and each of those among its groups
// (ages and boys' shares), each step by largest remainder, ties to the groups met first. So
// the children of each need, and of each need in each kind, are within one of their own count
// times factor, as each group's are. Apportioned over the groups alone, the units left over
// go wherever the remainders are largest, and a factor gives every group of the same count
// the same remainder: the built-in county's stock scaled to Portsmouth's 402 children in care
// holds 51 children of complex need where 44.1 are its share, so that the warm-up would first
// have to undo a start of the wrong mix.
func ApportionStock(stock []StockGroup, factor float64) []int {
	type needKey struct {
		needs [NumNeeds]float64
		uasc  bool
	}
	// groups sorts the indices idx of stock into sets of one key each, the sets and the
	// indices in each in the order they are met.
	groups := func(idx []int, key func(g *StockGroup) any) [][]int {
		var out [][]int
		at := map[any]int{}
		for _, i := range idx {
			k := key(&stock[i])
			j, ok := at[k]
			if !ok {
				j = len(out)
				at[k] = j
				out = append(out, nil)
			}
			out[j] = append(out[j], i)
		}
		return out
	}
	sum := func(idx []int) int {
		n := 0
		for _, i := range idx {
			n += stock[i].Count
		}
		return n
	}
	// share apportions want among the sets of indices in sets, by their counts.
	share := func(sets [][]int, want int) []int {
		counts := make([]int, len(sets))
		for j, set := range sets {
			counts[j] = sum(set)
		}
		return apportionTo(counts, factor, want)
	}
	out := make([]int, len(stock))
	all := make([]int, len(stock))
	for i := range all {
		all[i] = i
	}
	needs := groups(all, func(g *StockGroup) any { return needKey{g.NeedShares, g.UASC} })
	for j, n := range share(needs, int(math.Round(float64(sum(all))*factor))) {
		kinds := groups(needs[j], func(g *StockGroup) any { return g.Kind })
		for k, m := range share(kinds, n) {
			counts := make([]int, len(kinds[k]))
			for x, i := range kinds[k] {
				counts[x] = stock[i].Count
			}
			for x, c := range apportionTo(counts, factor, m) {
				out[kinds[k][x]] = c
			}
		}
	}
	return out
}

// StockCount returns the children in care at the start: the sum of the stock's counts.
func (s *Scenario) StockCount() int {
	n := 0
	for _, g := range s.Stock {
		n += g.Count
	}
	return n
}
