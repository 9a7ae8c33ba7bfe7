package plots

import (
	"fmt"
	"math"
)

// Unit says how a figure reads to a board: a count of children or places, money, or a share.
type Unit int

// The units of a figure.
const (
	// Count is a number of children, places, placements or households.
	Count Unit = iota
	// Money is pounds.
	Money
	// Share is a share between 0 and 1, read as a percentage.
	Share
)

// Level formats a figure for a reader: money as £62.7m, counts rounded, shares as
// percentages; NaN as a dash.
func Level(v float64, u Unit) string {
	if math.IsNaN(v) {
		return "–"
	}
	switch u {
	case Money:
		return GBP(v)
	case Share:
		return fmt.Sprintf("%.0f%%", 100*v)
	}
	return fmt.Sprintf("%.0f", v)
}

// Signed formats a difference with its sign: +£1.2m, -3, +1.5 pts (a difference of shares in
// percentage points); NaN as a dash.
func Signed(v float64, u Unit) string {
	if math.IsNaN(v) {
		return "–"
	}
	sign := "+"
	if v < 0 || (v == 0 && math.Signbit(v)) {
		sign = "-"
	}
	a := math.Abs(v)
	switch u {
	case Money:
		if a < 0.5 { // £0 has no sign: not "-£0" for a residue of rounding
			return GBP(0)
		}
		return sign + GBP(a)
	case Share:
		return fmt.Sprintf("%s%.1f pts", sign, 100*a)
	}
	if a < 10 {
		return fmt.Sprintf("%s%.1f", sign, a)
	}
	return fmt.Sprintf("%s%.0f", sign, a)
}

// GBP formats a non-negative amount of pounds as £62.7m, £950k or £640.
func GBP(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("£%.1fm", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("£%.0fk", v/1e3)
	}
	return fmt.Sprintf("£%.0f", v)
}
