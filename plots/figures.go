package plots

import (
	"fmt"
	"math"
	"strings"
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

// Level formats a figure for a reader: money as £62.7m, counts rounded with their thousands
// separated by commas (11,132), shares as percentages; NaN, or an infinity (a range one run
// cannot give), as a dash. A figure that rounds to zero reads 0 (or 0%), never -0.
func Level(v float64, u Unit) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	switch u {
	case Money:
		return GBP(v)
	case Share:
		return unsignedZero(fmt.Sprintf("%.0f", 100*v)) + "%"
	}
	return grouped(unsignedZero(fmt.Sprintf("%.0f", v)))
}

// grouped is Thousands for a figure that may begin with a minus sign: "-7650" is "-7,650".
func grouped(s string) string {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "-" + Thousands(rest)
	}
	return Thousands(s)
}

// unsignedZero returns a formatted figure without its minus sign when its digits are all
// zeros ("-0.0" is "0.0"): a tiny negative that rounds to zero is zero to the reader.
func unsignedZero(s string) string {
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// Signed formats a difference with its sign: +£1.2m, -3, +1,250, +1.5 pts (a difference of
// shares in percentage points); NaN or an infinity as a dash. A difference that rounds to zero has no
// sign: £0, 0.0, 0.0 pts, not "-0.0" for a residue of rounding.
func Signed(v float64, u Unit) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	sign := "+"
	if v < 0 || (v == 0 && math.Signbit(v)) {
		sign = "-"
	}
	a := math.Abs(v)
	var digits, unit string
	switch {
	case u == Money:
		if a < 0.5 {
			return GBP(0)
		}
		return sign + GBP(a)
	case u == Share:
		digits, unit = fmt.Sprintf("%.1f", 100*a), " pts"
	case a < 10:
		digits = fmt.Sprintf("%.1f", a)
	default:
		digits = fmt.Sprintf("%.0f", a)
	}
	if digits == "0.0" {
		sign = ""
	}
	return sign + Thousands(digits) + unit
}

// GBP formats a non-negative amount of pounds as £62.7m, £950k or £640; NaN or an infinity
// as a dash. An amount that rounds up to the next unit is written in it, as the charts'
// formatMoney writes it: £999,600 is £1.0m, not £1000k, and £999.60 is £1k. A billion or more
// keeps its millions with a thousands comma, £1,122.1m, so that a region's total reads at a glance
// and a small difference in it still shows.
func GBP(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "–"
	case v >= 999_500:
		return "£" + Thousands(fmt.Sprintf("%.1f", v/1e6)) + "m"
	case v >= 999.5:
		return fmt.Sprintf("£%.0fk", v/1e3)
	}
	return fmt.Sprintf("£%.0f", v)
}

// Thousands puts a comma between each three digits of the whole part of number s, a
// non-negative decimal such as 1122.1: 1,122.1.
func Thousands(s string) string {
	whole, frac, dot := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if dot {
		return whole + "." + frac
	}
	return whole
}

// Levels formats two figures read side by side with their difference, as "base → alt": counts
// whose difference Signed writes with a decimal (under 10) keep one decimal each, so that
// 7.4 → 6.0 reads beside -1.4 where 7 → 6 would not add up; otherwise as Level.
func Levels(base, alt float64, u Unit) (string, string) {
	if u == Count && math.Abs(alt-base) < 9.95 && !math.IsNaN(base) && !math.IsNaN(alt) && !math.IsInf(base, 0) && !math.IsInf(alt, 0) {
		one := func(v float64) string { return grouped(unsignedZero(fmt.Sprintf("%.1f", v))) }
		return one(base), one(alt)
	}
	return Level(base, u), Level(alt, u)
}
