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
//     0.5 holds 425 children), each group's count within one of its own count times factor;
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
//     below 1 place (0 means no cap, which a small council does not gain by being small).
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
	counts := make([]int, len(s.Stock))
	for i, g := range s.Stock {
		counts[i] = g.Count
	}
	for i, n := range Apportion(counts, factor) {
		s.Stock[i].Count = n
	}
	s.CareLeavers.Places = capped(s.CareLeavers.Places)
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
}

// Apportion returns counts each times factor, in whole numbers that add up to their total
// times factor rounded to the nearest whole number (halves away from zero): each is the
// whole part of its scaled count, and the units left over go to the largest fractional
// parts, ties to the earlier count (the largest remainder method). Each result is within one
// of its scaled count.
func Apportion(counts []int, factor float64) []int {
	out := make([]int, len(counts))
	total := 0
	for _, n := range counts {
		total += n
	}
	want := int(math.Round(float64(total) * factor))
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

// StockCount returns the children in care at the start: the sum of the stock's counts.
func (s *Scenario) StockCount() int {
	n := 0
	for _, g := range s.Stock {
		n += g.Count
	}
	return n
}
