package model

import (
	"fmt"
	"strings"
)

// DistKind names a family of stay distributions.
type DistKind uint8

// The stay distributions a scenario can choose.
const (
	// Exponential stays have mean MeanDays.
	Exponential DistKind = iota
	// Gamma stays have mean MeanDays and shape Shape (Shape 1 is exponential).
	Gamma
	// Lognormal stays have mean MeanDays and log-scale standard deviation Sigma.
	Lognormal
	// Empirical stays follow Table: a share of stays in each band, uniform within the band.
	Empirical
	// Fixed stays last exactly MeanDays.
	Fixed
)

var distNames = []string{"exponential", "gamma", "lognormal", "empirical", "fixed"}

// String returns the distribution's name as scenario files spell it.
func (k DistKind) String() string {
	if int(k) < len(distNames) {
		return distNames[k]
	}
	return fmt.Sprintf("dist(%d)", int(k))
}

// ParseDistKind returns the distribution named s.
func ParseDistKind(s string) (DistKind, error) {
	for i, n := range distNames {
		if n == s {
			return DistKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown distribution %q (want one of %s)", s, strings.Join(distNames, ", "))
}

// Bin is one band of an empirical distribution: Share of the values lie between the previous
// bin's UpToDays (0 for the first) and UpToDays, spread uniformly.
type Bin struct {
	// UpToDays is the band's upper end, in days.
	UpToDays float64
	// Share is the share of values in the band; a table's shares sum to 1.
	Share float64
}

// Distribution is a distribution of durations in days.
type Distribution struct {
	// Kind is the family.
	Kind DistKind
	// MeanDays is the mean for every family but Empirical, whose mean follows from Table.
	MeanDays float64
	// Shape is the gamma shape parameter (dimensionless).
	Shape float64
	// Sigma is the lognormal's standard deviation on the log scale.
	Sigma float64
	// Table holds an empirical distribution's bins in increasing order.
	Table []Bin
}

// Mean returns the distribution's mean in days.
func (d Distribution) Mean() float64 {
	if d.Kind != Empirical {
		return d.MeanDays
	}
	var m, lo float64
	for _, b := range d.Table {
		m += b.Share * (lo + b.UpToDays) / 2
		lo = b.UpToDays
	}
	return m
}

// Validate reports parameters that do not make a distribution or lie outside their ranges
// (Limits): every problem, each naming its parameter ("mean_days: must be between 1 and
// 10,000 days").
func (d Distribution) Validate() error {
	c := &checker{}
	c.dist("", d)
	return c.ps.Err()
}

// ShareTolerance is how far a set of shares may sum from 1 and still be accepted: shares
// written to three decimals, as published tables give them, sum to 1 within this.
const ShareTolerance = 0.005
