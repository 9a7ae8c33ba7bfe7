package workspace

import (
	"fmt"
	"math"
)

// unit says how a figure reads.
type unit int

const (
	count unit = iota
	money
	share
)

// level formats a figure for a reader: money as £62.7m, counts rounded, shares as percentages.
func level(v float64, u unit) string {
	if math.IsNaN(v) {
		return "–"
	}
	switch u {
	case money:
		return gbp(v)
	case share:
		return fmt.Sprintf("%.0f%%", 100*v)
	}
	return fmt.Sprintf("%.0f", v)
}

// signed formats a difference with its sign: +£1.2m, -3, +1.5 pts.
func signed(v float64, u unit) string {
	if math.IsNaN(v) {
		return "–"
	}
	sign := "+"
	if v < 0 || (v == 0 && math.Signbit(v)) {
		sign = "-"
	}
	a := math.Abs(v)
	switch u {
	case money:
		return sign + gbp(a)
	case share:
		return fmt.Sprintf("%s%.1f pts", sign, 100*a)
	}
	if a < 10 {
		return fmt.Sprintf("%s%.1f", sign, a)
	}
	return fmt.Sprintf("%s%.0f", sign, a)
}

// gbp formats a non-negative amount as £62.7m, £950k or £640.
func gbp(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("£%.1fm", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("£%.0fk", v/1e3)
	}
	return fmt.Sprintf("£%.0f", v)
}

// plural returns "1 paired run" or "3 paired runs".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// flatten returns the errors joined in err (by errors.Join, at any depth), or err alone.
func flatten(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, flatten(e)...)
	}
	return out
}
