package model

import (
	"fmt"
	"math"
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

// Validate reports parameters that do not make a distribution.
func (d Distribution) Validate() error {
	switch d.Kind {
	case Exponential, Fixed:
		if !(d.MeanDays > 0) {
			return fmt.Errorf("%s: mean_days must be > 0", d.Kind)
		}
	case Gamma:
		if !(d.MeanDays > 0) || !(d.Shape > 0) {
			return fmt.Errorf("gamma: mean_days and shape must be > 0")
		}
	case Lognormal:
		if !(d.MeanDays > 0) || !(d.Sigma > 0) {
			return fmt.Errorf("lognormal: mean_days and sigma must be > 0")
		}
	case Empirical:
		if len(d.Table) == 0 {
			return fmt.Errorf("empirical: table must have at least one bin")
		}
		var lo, sum float64
		for i, b := range d.Table {
			if !(b.UpToDays > lo) {
				return fmt.Errorf("empirical: bin %d: up_to_days must increase and be > 0", i+1)
			}
			if b.Share < 0 {
				return fmt.Errorf("empirical: bin %d: share must be >= 0", i+1)
			}
			lo = b.UpToDays
			sum += b.Share
		}
		if math.Abs(sum-1) > ShareTolerance {
			return fmt.Errorf("empirical: shares sum to %.4g, not 1", sum)
		}
	default:
		return fmt.Errorf("unknown distribution kind %d", d.Kind)
	}
	return nil
}

// ShareTolerance is how far a set of shares may sum from 1 and still be accepted: shares
// written to three decimals, as published tables give them, sum to 1 within this.
const ShareTolerance = 0.005
