package scenarios

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
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
// and so is an exponent ("1e3", which the JSON Schema refuses too: unquoted, 1e3 is a number),
// and a + sign (see PlusSign).
func ParseDays(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if err := plusSign(s, func(v string) bool { _, err := ParseDays(v); return err == nil }); err != nil {
		return 0, err
	}
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

// moneyRE is a sum of money as ParseGBP reads it: a sign before or after the £, digits with
// commas between groups of three or without commas, a decimal point, and a scale. moneyPattern,
// the JSON Schema's, is the same rule.
var moneyRE = regexp.MustCompile(`^([+-]?)\s*(£?)\s*([+-]?)\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(\.[0-9]*)?\s*([A-Za-z]*)$`)

// moneyExpRE is a number with an exponent, 1e6, which a sum of money may not be written as.
var moneyExpRE = regexp.MustCompile(`^[+-]?£?[+-]?[0-9.,]*[0-9.][eE][+-]?[0-9]+\s*[A-Za-z]*$`)

// exponentError is ParseGBP's error for an amount written with an exponent ("1e6").
type exponentError string

func (e exponentError) Error() string {
	return fmt.Sprintf("%q has an exponent, which an amount in pounds may not: write it in digits, with k, m or bn (1m, not 1e6)", string(e))
}

// plusError is the error for a value written with a + sign ("+£50", "£+50", "+10"): the
// workspace reads a value typed with a leading sign as a change from the baseline's value, so
// that a file, --set or the command line reading it as the value itself would quietly set £50
// where the same text in the workspace means £50 more. A - sign is a negative value, where the
// field takes one. typed is the value as typed; suggest says whether the value without its +
// sign would be taken, so that the error offers it ("such as 10"): it offers neither 0x10 of
// "+0x10" nor .inf of "+.inf", which are refused for themselves.
// whole says that the field takes whole numbers and the value without its sign is not one:
// the message asks for a whole number.
type plusError struct {
	typed   string
	suggest bool
	whole   bool
}

func (e plusError) Error() string {
	v := withoutPlus(e.typed)
	if strings.Trim(v, "£- ") == "" {
		return fmt.Sprintf("%q: a + sign alone is no value; give the value itself", e.typed)
	}
	msg := fmt.Sprintf("%q: a + sign reads as a change in the workspace (%s more than the baseline's value); here give the value itself", e.typed, v)
	if strings.Contains(v, "-") {
		// "+-5" is neither a value nor a change of one: it has two signs.
		msg = fmt.Sprintf("%q has both a + and a - sign: it is neither a value nor a change of one; give the value itself", e.typed)
	}
	switch {
	case e.suggest:
		msg += ", such as " + v
	case e.whole:
		msg += ", a whole number"
	}
	return msg
}

// hint is what MoneyHintFor adds for e.
func (e plusError) hint() string {
	if !e.suggest {
		return " (a + sign reads as a change in the workspace; give the value itself, without the + sign)"
	}
	return " (a + sign reads as a change in the workspace; give the value itself, such as " + withoutPlus(e.typed) + ")"
}

// plainNumberRE matches a number as every field that takes one reads it: decimal digits,
// a fraction or not, an exponent or not, no sign (10, 0.5, .5, 1.2e5).
var plainNumberRE = regexp.MustCompile(`^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)

// withoutPlus is s without its + signs and the spaces after them: £50 of "+£50" and "£+50".
func withoutPlus(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '+' {
			for i+1 < len(s) && s[i+1] == ' ' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return strings.TrimSpace(b.String())
}

// PlusSign returns an error when s, a value typed as a number, an amount of pounds or a
// duration, begins with a + sign or has one after its £ ("+50", "+£50", "£+50"), saying that
// the workspace would read it as a change and to give the value itself; otherwise nil. Scenario
// files, --set, --vary, --budget and --target refuse such a value: they take values alone.
func PlusSign(s string) error {
	return plusSign(s, plainNumberRE.MatchString)
}

// plusSign is PlusSign for a value that takes what accepts does: the error offers the value
// without its + sign only when accepts takes it.
func plusSign(s string, accepts func(string) bool) error {
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		t = strings.TrimSpace(rest)
	}
	if rest, ok := strings.CutPrefix(t, "£"); ok {
		t = strings.TrimSpace(rest)
	}
	if strings.HasPrefix(strings.TrimSpace(s), "+") || strings.HasPrefix(t, "+") {
		typed := strings.TrimSpace(s)
		return plusError{typed: typed, suggest: accepts(withoutPlus(typed))}
	}
	return nil
}

// underscoreError is ParseGBP's error for an amount written with _ between its digits
// ("64_000_000"), which it offers without.
type underscoreError struct{ typed, offer string }

func (e underscoreError) Error() string {
	return fmt.Sprintf("%q: write %s, without _", e.typed, e.offer)
}

// outOfRange says that the amount, without its _, is still refused by a field whose range
// problem (validation's, "must be between £0 and £100,000 a week") says why.
func (e underscoreError) outOfRange(problem string) string {
	return fmt.Sprintf("%q is %s written with _ between its digits, which this field does not take: it %s", e.typed, e.offer, problem)
}

// MoneyHintNamed is MoneyHintFor for a field, box or flag the message names as name ("a
// budget" for --budget, "cost_total in 2027/28" for a sweep's target, a box's label in quotes
// in the workspace): an amount with another period is told that name is £ a year, not that
// "this field" is. An empty name is "this field".
func MoneyHintNamed(err error, period, name string, accept func(float64) bool) string {
	return moneyHint(err, period, name, accept)
}

// MoneyHintFor returns what a message that refuses an amount, saying what an amount looks
// like rather than ParseGBP's error, adds for err, ParseGBP's: " (in digits: 1m, not 1e6)"
// where the amount has an exponent, what to give for one with a + sign (see PlusSign) or with
// words after it (" (write £64m)" for "£64 million"), and "" otherwise. Every place that reads
// money from the command line or the workspace gives it (or MoneyHintNamed, or
// MoneyHintForPath), so that 1e6 is refused with the same hint everywhere. The field or box
// it is for has amounts for period ("week", "year", "night"; see PeriodOf; "" for none known)
// and takes only the amounts accept takes (--budget: above nothing; nil takes every amount):
// an amount it would offer that accept refuses is not offered; "£900 a week" in a weekly field
// is offered as £900, the amount alone; "£50,000 a year" in a weekly field is not offered as
// £50,000 but told to give the weekly amount.
func MoneyHintFor(err error, period string, accept func(float64) bool) string {
	return moneyHint(err, period, "", accept)
}

// MoneyHintForPath is MoneyHintFor for the scenario field path (as --set and --vary name it):
// its period from PeriodOf, and an amount offered only where the field, in the default
// scenario, takes it. An amount written with _ that the field refuses without it is told both:
// ` ("£1_000_000" is £1000000 written with _ between its digits, which this field does not
// take: it must be between £0 and £100,000 a week)`.
func MoneyHintForPath(err error, path string) string {
	path = strings.TrimSpace(path)
	var under underscoreError
	if errors.As(err, &under) {
		if problem := fieldProblem(path, under.offer); problem != "" {
			return " (" + under.outOfRange(problem) + ")"
		}
	}
	return MoneyHintFor(err, PeriodOf(path), func(v float64) bool {
		return fieldProblem(path, strconv.FormatFloat(v, 'f', -1, 64)) == ""
	})
}

// fieldProblem returns what validation says of value at the scenario field path in the
// default scenario ("must be between £0 and £100,000 a week"), or "" where it takes the value
// or the path names no field of the default scenario's.
func fieldProblem(path, value string) string {
	_, err := Load("default", []string{path + "=" + value})
	if err == nil {
		return ""
	}
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if _, problem, ok := strings.Cut(line, " "+path+": "); ok {
			return problem
		}
	}
	return ""
}

func moneyHint(err error, period, name string, accept func(float64) bool) string {
	takes := func(offer string) bool {
		v, err := ParseGBP(offer)
		return err == nil && (accept == nil || accept(v))
	}
	if errors.As(err, new(exponentError)) {
		return " (in digits: 1m, not 1e6)"
	}
	var words wordsError
	if errors.As(err, &words) {
		words.field, words.name = period, name
		switch {
		case !words.offers():
			return " (" + words.refusal() + ")"
		case !takes(words.offer):
			return ""
		case words.period == "":
			return " (write " + words.offer + ")"
		}
		return " (write " + words.offer + ", the amount alone)"
	}
	var under underscoreError
	if errors.As(err, &under) {
		if !takes(under.offer) {
			return " (without _)"
		}
		return " (write " + under.offer + ", without _)"
	}
	var plus plusError
	if errors.As(err, &plus) {
		plus.suggest = plus.suggest && takes(withoutPlus(plus.typed))
		return plus.hint()
	}
	return ""
}

// ParseGBP reads a sum of pounds written as a number ("650", "12000.50", ".5") or with a
// pound sign, thousands separators and a scale: "£650", "£12,000", "£1.1m", "1.1m", ".5m",
// "£40k", "£2bn"; the scale is k, m or bn in either case, and a minus sign may stand before or
// after the £ ("-£5", "£-5"). A + sign is refused (see PlusSign). Commas separate groups of exactly three digits. An exponent ("1e6") is
// refused. Any amount is taken, a fraction of a penny too (£0.001). The result is exact to the
// decimal written: £1.1m is 1100000 and 64.6k is 64600, the digits scaled, not a float
// multiplied. This is the one reading of money: scenario files, --set, the workspace and the
// command line's --budget, --target and --vary all use it.
func ParseGBP(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if err := plusSign(s, func(v string) bool { _, err := ParseGBP(v); return err == nil }); err != nil {
		return 0, err
	}
	want := fmt.Errorf("must be an amount in pounds such as 650, \"£12,000\" or \"£1.1m\", not %q", s)
	m := moneyRE.FindStringSubmatch(s)
	if m == nil || moneyScale[strings.ToLower(m[6])] == "" && m[6] != "" {
		if err := inWords(s); err != nil {
			return 0, err
		}
	}
	if strings.Contains(s, "_") {
		// 64_000_000: as a number is told, write it without _.
		if bare := strings.ReplaceAll(s, "_", ""); moneyRE.MatchString(bare) {
			if _, err := ParseGBP(bare); err == nil {
				return 0, underscoreError{typed: s, offer: bare}
			}
		}
	}
	if m == nil {
		if moneyExpRE.MatchString(s) {
			return 0, exponentError(s)
		}
		return 0, want
	}
	if (m[1] != "" && m[3] != "") || !strings.ContainsAny(m[4]+m[5], "0123456789") {
		return 0, want
	}
	exp, ok := moneyScale[strings.ToLower(m[6])]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q in %q (want k, m or bn after the number)", m[6], s)
	}
	// Build a decimal literal so that "1.1m" parses as 1.1e6, correctly rounded.
	v, err := strconv.ParseFloat(m[1]+m[3]+strings.ReplaceAll(m[4], ",", "")+m[5]+exp, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, want
	}
	return v, nil
}

// wordsRE is an amount of pounds followed by words: "£64 million", "64mn", "£900 a week".
var wordsRE = regexp.MustCompile(`^(-?\s*£?\s*-?\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]*)?)\s*([A-Za-z][A-Za-z. ]*)$`)

// periodWordsRE is what an amount is for, written after it: "a week", "per year", "pw", "pa".
var periodWordsRE = regexp.MustCompile(`^((a|an|per|each|every) .+|pw|pa|p\.a\.|p\.w\.|weekly|yearly|annually|monthly|nightly|once|one-off)$`)

// scaleWords are the scales of money written in words, as ParseGBP's k, m and bn.
var scaleWords = map[string]string{"thousand": "k", "million": "m", "millions": "m", "mn": "m", "mil": "m", "billion": "bn", "billions": "bn"}

// wordsError is ParseGBP's error for an amount written with words after it: a scale in words
// ("£64 million", "64mn"), which it offers with k, m or bn ("£64m"), or what the amount is
// for ("£900 a week", "£64m a year"). An amount with a period is offered alone only where the
// field's own period (field, see PeriodOf) is the one typed: £900 a week in a weekly field is
// £900, but £50,000 a year in a weekly field is not £50,000, and is refused, saying what the
// field takes.
type wordsError struct {
	typed, offer string
	scale        bool
	// period is the period typed, normalized ("week", "year", "night", "month", "day"), or
	// "other" for words saying what the amount is for that name none ("per child"); "" when
	// only a scale was typed.
	period string
	// field is the field's own period, "" when not known: "week", "year", "night", "month" or
	// "day"; "once", "approval" or "unit" for an amount paid once, for each approval or each
	// unit; "run" for the total over a whole run (--target's money over all).
	field string
	// name is how the message names the field ("the box Running cost", "--budget"); "" is
	// "this field".
	name string
}

// offers says whether e offers an amount to write instead.
func (e wordsError) offers() bool { return e.period == "" || e.period == e.field }

// adjective is the word for an amount of period p: weekly, yearly, nightly.
func adjective(p string) string {
	switch p {
	case "day":
		return "daily"
	case "once":
		return "one-off"
	case "approval", "unit":
		return "per-" + p
	case "run":
		return "whole-run"
	case "":
		return ""
	}
	return p + "ly"
}

func (e wordsError) Error() string {
	switch {
	case e.period == "":
		return fmt.Sprintf("%q: write %s, with k, m or bn after the number", e.typed, e.offer)
	case e.offers():
		return fmt.Sprintf("%q: write %s, the amount alone: %s is %s", e.typed, e.offer, e.fieldName(), fieldIs(e.field))
	}
	return fmt.Sprintf("%q: %s", e.typed, e.refusal())
}

// fieldName is how e's message names the field: its name, or "this field".
func (e wordsError) fieldName() string {
	if e.name != "" {
		return e.name
	}
	return "this field"
}

// fieldIs says what an amount of a field of period p is: "£ a week", "£ paid once", "the
// total over the whole run".
func fieldIs(p string) string {
	switch p {
	case "once":
		return "£ paid once"
	case "approval":
		return "£ an approval"
	case "unit":
		return "£ a unit"
	case "run":
		return "the total over the whole run"
	}
	return "£ a " + p
}

// amountOf names the amount a field of period p takes: "the weekly amount", "the amount paid
// once", "the total over the run".
func amountOf(p string) string {
	switch p {
	case "once":
		return "the amount paid once"
	case "approval":
		return "the amount for one approval"
	case "unit":
		return "the amount for one unit"
	case "run":
		return "the total over the run"
	}
	return "the " + adjective(p) + " amount"
}

// refusal says why e, an amount with a period that is not the field's, is not offered alone,
// and what to give instead.
func (e wordsError) refusal() string {
	switch {
	case e.field != "" && e.period != "other":
		return fmt.Sprintf("that is a %s amount and %s is %s: give %s", adjective(e.period), e.fieldName(), fieldIs(e.field), amountOf(e.field))
	case e.field != "":
		return fmt.Sprintf("%s is %s: give %s alone", e.fieldName(), fieldIs(e.field), amountOf(e.field))
	}
	return "give the amount alone, for what the field's name says (weekly_gbp a week, per_year_gbp a year, one_off_gbp once)"
}

// plain is e's message without the amount it offers.
func (e wordsError) plain() string {
	if e.period == "" {
		return fmt.Sprintf("%q: write the amount with k, m or bn after the number", e.typed)
	}
	if e.offers() {
		return fmt.Sprintf("%q: write the amount alone: %s is %s", e.typed, e.fieldName(), fieldIs(e.field))
	}
	return e.Error()
}

// periodWords are the periods an amount may be said to be for, by the word after a, per,
// each or every, or alone.
var periodWords = map[string]string{
	"week": "week", "weeks": "week", "wk": "week", "pw": "week", "p.w.": "week", "weekly": "week",
	"year": "year", "years": "year", "yr": "year", "annum": "year", "pa": "year", "p.a.": "year", "yearly": "year", "annually": "year",
	"night": "night", "nights": "night", "nightly": "night",
	"month": "month", "months": "month", "monthly": "month",
	"day": "day", "days": "day", "daily": "day",
	"once": "once", "one-off": "once", "approval": "approval", "unit": "unit",
}

// periodOfWords returns the period words such as "a week", "per year" or "pw" name: "week",
// "year", "night", "month", "day", "once" ("one-off"), "approval" or "unit" (periodWords);
// "other" for words saying what an amount is for that name no period ("per child").
func periodOfWords(words string) string {
	f := strings.Fields(words)
	if len(f) == 2 {
		switch f[0] {
		case "a", "an", "per", "each", "every":
			f = f[1:]
		}
	}
	if len(f) == 1 {
		if p, ok := periodWords[f[0]]; ok {
			return p
		}
	}
	return "other"
}

// PeriodOf returns the period an amount of money in a field or box is for, from its name or
// unit: "week" for weekly_gbp, leaving_care_grant_per_week_gbp and "a week"; "year" for
// per_year_gbp, fixed_cost_per_year_gbp and "a year"; "night" for grant_per_night_gbp; for any
// other field, the period of the unit its range documents (documentedPeriod): "once" for
// one_off_gbp, "approval" for recruitment_cost_gbp; "" for a name none of these tells.
func PeriodOf(name string) string {
	n := strings.ToLower(name)
	for _, seg := range strings.Split(n, ".") {
		if strings.HasSuffix(seg, "_gbp") {
			n = seg // the field, not a kind's name before it
		}
	}
	switch {
	case strings.Contains(n, "weekly") || strings.Contains(n, "per_week") || strings.HasSuffix(n, "a week"):
		return "week"
	case strings.Contains(n, "per_year") || strings.Contains(n, "place_year") || strings.Contains(n, "yearly") || strings.HasSuffix(n, "a year"):
		return "year"
	case strings.Contains(n, "per_night") || strings.Contains(n, "nightly") || strings.HasSuffix(n, "a night"):
		return "night"
	}
	return documentedPeriod(n)
}

// documentedPeriod returns the period of the amounts of money in the field whose last key is
// key (one_off_gbp), from the unit its range documents (model.Limits, model.RegionLimits:
// "£ a week", "£ a year", "£ paid once", "£ an approval", "£ a unit"): "week", "year",
// "night", "once", "approval" or "unit"; "" for a key no range of money documents, or whose
// ranges give it different units.
func documentedPeriod(key string) string {
	if i := strings.LastIndex(key, "."); i >= 0 {
		key = key[i+1:]
	}
	if key == "" {
		return ""
	}
	found := ""
	for _, l := range slices.Concat(model.Limits(), model.RegionLimits()) {
		field, _, _ := strings.Cut(l.Field, " (")
		if field[strings.LastIndex(field, ".")+1:] != key || !strings.HasPrefix(l.Unit, "£") {
			continue
		}
		var p string
		switch u := strings.TrimSpace(strings.TrimPrefix(l.Unit, "£")); {
		case strings.HasSuffix(u, "a week"):
			p = "week"
		case strings.HasSuffix(u, "a year"):
			p = "year"
		case strings.HasSuffix(u, "a night"):
			p = "night"
		case u == "paid once":
			p = "once"
		case u == "an approval":
			p = "approval"
		case u == "a unit":
			p = "unit"
		default:
			return ""
		}
		if found != "" && found != p {
			return ""
		}
		found = p
	}
	return found
}

// inWords returns a wordsError for s, an amount followed by words ParseGBP does not read, when
// the amount with k, m or bn for a scale in words, or the amount alone, reads; otherwise nil.
// A scale and a period may both be written: "£64m a year", "£1 million a year".
func inWords(s string) error {
	m := wordsRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || !strings.ContainsAny(m[1], "0123456789") {
		return nil
	}
	amount, words := strings.TrimSpace(m[1]), strings.ToLower(strings.TrimSpace(m[2]))
	if _, ok := moneyScale[words]; ok {
		return nil // k, m or bn: ParseGBP's own
	}
	e := wordsError{typed: strings.TrimSpace(s), offer: amount}
	// A scale first, in words or as k, m or bn: "million a year", "m a year", "k pw".
	scale, rest := "", words
	if first, after, _ := strings.Cut(words, " "); first != "" {
		if sc, ok := scaleWords[first]; ok {
			scale, rest = sc, strings.TrimSpace(after)
		} else if _, ok := moneyScale[first]; ok && first != "" && after != "" {
			scale, rest = first, strings.TrimSpace(after)
		}
	}
	if scale != "" {
		e.offer = strings.ReplaceAll(amount, " ", "") + scale
	}
	switch {
	case rest == "" && scale != "":
		e.scale = true
	case periodWordsRE.MatchString(rest):
		e.period = periodOfWords(rest)
	default:
		return nil
	}
	if _, err := ParseGBP(e.offer); err != nil {
		return nil
	}
	return e
}
