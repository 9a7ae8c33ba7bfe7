package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
)

// Days in the units a duration may be written in. A month is a twelfth of a year and a year
// is model.DaysPerYear (365.25) days.
var dayUnits = map[string]float64{
	"day": 1, "days": 1,
	"week": 7, "weeks": 7,
	"month": model.DaysPerYear / 12, "months": model.DaysPerYear / 12,
	"year": model.DaysPerYear, "years": model.DaysPerYear,
}

var durationRE = regexp.MustCompile(`^([+-]?[0-9]+(?:\.[0-9]*)?|[+-]?\.[0-9]+)\s*([A-Za-z]+)$`)

// ParseDays reads a duration written as a number of days ("273") or as a number with a unit:
// "273 days", "39 weeks", "8 months", "2 years", "1 day". A month is 365.25/12 days and a
// year 365.25 days. Numbers are read in decimal digits only: "1_0" and "0x1p4" are refused,
// and so is an exponent ("1e3", which the JSON Schema refuses too: unquoted, 1e3 is a number).
func ParseDays(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if decimalRE.MatchString(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err == nil && !math.IsInf(v, 0) {
			if strings.ContainsAny(s, "eE") {
				return 0, fmt.Errorf("%q has an exponent, which a duration written as text may not: write %s, or %s without the quotes",
					s, strconv.FormatFloat(v, 'f', -1, 64), s)
			}
			return v, nil
		}
	}
	m := durationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("must be a number of days or a duration such as \"8 months\", %q is neither", s)
	}
	per, ok := dayUnits[strings.ToLower(m[2])]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q in %q (want days, weeks, months or years)", m[2], s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("must be a number of days or a duration such as \"8 months\", %q is neither", s)
	}
	return v * per, nil
}

// Powers of ten of the suffixes a sum of money may carry.
var moneyScale = map[string]string{"": "", "k": "e3", "m": "e6", "bn": "e9"}

var moneyRE = regexp.MustCompile(`^([+-]?)\s*(£?)\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\s*([A-Za-z]*)$`)

// ParseGBP reads a sum of pounds written as a number ("650", "12000.50") or with a pound sign,
// thousands separators and a scale: "£650", "£12,000", "£1.1m", "1.1m", "£40k", "£2bn". The
// result is exact to the decimal written (£1.1m is 1100000).
func ParseGBP(s string) (float64, error) {
	s = strings.TrimSpace(s)
	m := moneyRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("must be an amount in pounds such as 650, \"£12,000\" or \"£1.1m\", not %q", s)
	}
	exp, ok := moneyScale[strings.ToLower(m[5])]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q in %q (want k, m or bn after the number)", m[5], s)
	}
	// Build a decimal literal so that "1.1m" parses as 1.1e6, correctly rounded.
	v, err := strconv.ParseFloat(m[1]+strings.ReplaceAll(m[3], ",", "")+m[4]+exp, 64)
	if err != nil {
		return 0, fmt.Errorf("must be an amount in pounds such as 650, \"£12,000\" or \"£1.1m\", not %q", s)
	}
	return v, nil
}
