package scenarios

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// Defaults of optional fields that are not zero. scenarios/README.md lists every default.
const (
	defaultYears             = 10
	defaultMaleShare         = 0.5
	defaultMeanGroupSize     = 2
	defaultLocalShare        = 1
	defaultAssessmentDays    = 273 // enquiry to approval, older LA benchmarks (Ofsted)
	defaultRetirementFromAge = 60
	defaultWindDownDays      = 28 // a foster carer's notice of resignation (Fostering Services Regulations 2011, reg 28)
	defaultEmergencyGBP      = 10000
	defaultRetryDays         = 14
	defaultReviewDays        = 91 // a quarter, the statutory review cycle for children in care
)

// defaultCarerAges is the age profile of foster carers when a pool gives none: Ofsted's 2020
// profile, 65% over 50 and 25% over 60.
var defaultCarerAges = []model.CarerAgeShare{
	{FromYears: 25, ToYears: 39, Share: 0.12},
	{FromYears: 40, ToYears: 49, Share: 0.23},
	{FromYears: 50, ToYears: 59, Share: 0.40},
	{FromYears: 60, ToYears: 69, Share: 0.20},
	{FromYears: 70, ToYears: 79, Share: 0.05},
}

// conv converts the decoded file structs into a model.Scenario, reporting into its tree.
type conv struct {
	t         *tree
	kinds     map[string]model.KindID
	kindNames []string
	// ladderFields holds, for each of the scenario's ladders, the field of the file that gave
	// it: "ladders[2]", or "try_first[0]" for a ladder try_first made.
	ladderFields []string
	// ladderFrom holds, for each of the scenario's ladders, the index of the item of the file's
	// ladders it is made from: itself, or the ladder try_first made it over.
	ladderFrom []int
	// tryFirst is what the file's try_first does, nil when it has no items.
	tryFirst *TryFirst
}

// remap returns the problems ps of the scenario convert made with each field of its ladders
// named as the file gives it (ladderFields): try_first puts ladders before the file's.
func (c *conv) remap(ps model.Problems) model.Problems {
	re := func(field string) string {
		rest, ok := strings.CutPrefix(field, "ladders[")
		if !ok {
			return field
		}
		num, after, ok := strings.Cut(rest, "]")
		i, err := strconv.Atoi(num)
		if !ok || err != nil || i < 0 || i >= len(c.ladderFields) {
			return field
		}
		if f := c.ladderFields[i]; strings.HasPrefix(f, "try_first[") {
			return f // a made ladder's parts are not the item's
		} else {
			return f + after
		}
	}
	for i := range ps {
		ps[i].Field, ps[i].Cause = re(ps[i].Field), re(ps[i].Cause)
	}
	return ps
}

// ladderComments returns the comments of the files, by field path (tree.comments), with those
// of the ladders moved to where the scenario has them: try_first puts ladders before the
// file's and leaves some out, and a comment describes its ladder, not a place in the list. A
// ladder try_first made gets one saying so, with the comment of the item of try_first that
// made it, if it has one, and, when the file's ladder it was made over is left out (try_first
// covers it), that ladder's comment: the source of the rungs it keeps.
func (c *conv) ladderComments(comments map[string]string) map[string]string {
	out := make(map[string]string, len(comments))
	for p, text := range comments {
		if !strings.HasPrefix(p, "ladders[") {
			out[p] = text
		}
	}
	for i, f := range c.ladderFields {
		to := fmt.Sprintf("ladders[%d]", i)
		if strings.HasPrefix(f, "try_first[") {
			text := "made by try_first"
			if note := itemComment(comments, f); note != "" {
				text += ": " + note
			}
			if over := fmt.Sprintf("ladders[%d]", c.ladderFrom[i]); !slices.Contains(c.ladderFields, over) {
				if note := itemComment(comments, over); note != "" {
					text += "; over the ladder it replaces: " + note
				}
			}
			out[to+".who"] = text
			continue
		}
		for p, text := range comments {
			if rest, ok := strings.CutPrefix(p, f); ok && (rest == "" || rest[0] == '.') {
				out[to+rest] = text
			}
		}
	}
	return out
}

// itemComment returns the comment of the item of a list at field f, beside its who, itself or
// its try, or "" when it has none.
func itemComment(comments map[string]string, f string) string {
	for _, p := range []string{f + ".who", f, f + ".try"} {
		if comments[p] != "" {
			return comments[p]
		}
	}
	return ""
}

// fail reports a problem with field, at node n or, when n is nil, at the field's nearest
// node in the tree.
func (c *conv) fail(field string, n *yaml.Node, format string, args ...any) {
	if n == nil {
		n = c.t.nearest(field)
	}
	c.t.errAt(n, field, format, args...)
}

// plusRefused reports err, PlusSign's, at field: the value at n less its + sign is offered
// when it reads as the field's number (whole, when whole) and validation takes it (tree.report
// takes the offer back where it does not), and returned with ok for validation to check;
// otherwise the value is not offered.
func (c *conv) plusRefused(field string, n *yaml.Node, err error, whole bool) (float64, bool) {
	return c.plusOffer(field, n, err, whole, func(bare *yaml.Node) (float64, bool) { return decimal(bare) })
}

// plusOffer is plusRefused for a field whose value read reads, without its + sign: a number,
// an amount of pounds ("+£1.5m") or a duration ("+90 days"), so that the value is offered
// only where the field's range takes it, as a number's is. A value that is not a whole number
// where the field takes whole numbers is not offered, and the message says to give a whole
// number.
func (c *conv) plusOffer(field string, n *yaml.Node, err error, whole bool, read func(*yaml.Node) (float64, bool)) (float64, bool) {
	var pe plusError
	if !errors.As(err, &pe) {
		c.fail(field, n, "%s", err)
		return 0, false
	}
	bare := *n
	bare.Value = withoutPlus(strings.TrimSpace(n.Value))
	f, ok := read(&bare)
	if whole && ok && !(f == math.Trunc(f) && math.Abs(f) <= 1e15) {
		ok, pe.whole = false, true
	}
	pe.suggest = pe.suggest && ok
	c.fail(field, n, "%s", pe)
	if !pe.suggest {
		return 0, false
	}
	c.pending(field, pe.Error(), plusError{typed: pe.typed, whole: pe.whole}.Error())
	return f, true
}

// pending marks the problem just reported at field, whose message ends in said and offers a
// value, as one whose offer validation takes back (tree.report), saying plain instead, where
// the value offered is refused too.
func (c *conv) pending(field, said, plain string) {
	if len(c.t.errs) == 0 {
		return
	}
	if e := c.t.errs[len(c.t.errs)-1]; e != nil && strings.HasSuffix(e.Message, said) {
		if c.t.plus == nil {
			c.t.plus = map[string]plusPending{}
		}
		c.t.plus[field] = plusPending{err: e, plain: e.Message[:len(e.Message)-len(said)] + plain}
	}
}

// pendingProblem is pending for a value whose message, where the field refuses the value
// offered, says why: plain is given the problem validation found with it ("must be between £0
// and £100,000 a week").
func (c *conv) pendingProblem(field, said string, plain func(problem string) string) {
	c.pending(field, said, "")
	if pp, ok := c.t.plus[field]; ok && strings.HasSuffix(pp.err.Message, said) {
		before := pp.plain // the message up to what it offers
		pp.withProblem = func(problem string) string { return before + plain(problem) }
		c.t.plus[field] = pp
	}
}

// plusPending is a value refused for its + sign whose message offers it without the sign
// (tree.plus).
type plusPending struct {
	err   *Error
	plain string
	// withProblem, when set, writes the message instead of plain, from the problem
	// validation found with the value offered.
	withProblem func(problem string) string
}

// usable returns the node of a single value, or nil when the field was not given or is not a
// single value (a shape the schema walk has reported).
func usable(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.ScalarNode || isNull(n) {
		return nil
	}
	return n
}

func (c *conv) numberAt(field string, n *yaml.Node, def float64) float64 {
	if n = usable(n); n == nil {
		return def
	}
	if err := PlusSign(n.Value); err != nil {
		if bare := withoutPlus(n.Value); strings.Contains(bare, ",") && !strings.Contains(bare, "-") {
			// "+1,5": 1,5 is no number, so the + sign is not all that is wrong: say what is.
			b := *n
			b.Value = bare
			if o := numberOffer(&b, false, IsFractionPath(field)); o.hint != "" {
				return c.offered(field, n, "must be a number", o, def)
			}
		}
		if f, ok := c.plusRefused(field, n, err, false); ok {
			return f
		}
		return def
	}
	if f, ok := decimal(n); ok {
		return f
	}
	return c.offered(field, n, "must be a number", numberOffer(n, false, IsFractionPath(field)), def)
}

// offered reports n, refused at field with msg, with what o offers, and returns the value it
// offers for validation to check: where the field refuses it, the message says o.plain
// instead, so that no value the field refuses is offered (1,000 for a share).
func (c *conv) offered(field string, n *yaml.Node, msg string, o offer, def float64) float64 {
	c.fail(field, n, "%s%s", msg, o.hint)
	if !o.offers {
		return def
	}
	if o.withProblem != nil {
		c.pendingProblem(field, msg+o.hint, o.withProblem)
		return o.value
	}
	c.pending(field, o.hint, o.plain)
	return o.value
}

// decimalRE matches a number written in decimal digits: a sign at most, digits with a fraction
// or not, and an exponent or not (2, +2, 010, 0.5, .5, 1e3).
var decimalRE = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)

// decimal returns the number a scalar that YAML reads as a number (!!int or !!float) means,
// read in decimal as a user means it: 010 is ten, where YAML 1.1 reads octal eight. Numbers
// written otherwise than in decimal digits (0x10, 0o10, 0b10, 1_000) are not numbers here;
// .inf and .nan are, for the limits to refuse beside their fields.
func decimal(n *yaml.Node) (float64, bool) {
	switch n.ShortTag() {
	case "!!int", "!!float":
	default:
		return 0, false
	}
	if v := strings.TrimSpace(n.Value); decimalRE.MatchString(v) {
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	var f float64
	if n.ShortTag() == "!!float" && n.Decode(&f) == nil && (math.IsInf(f, 0) || math.IsNaN(f)) {
		return f, true
	}
	return 0, false
}

// basedRE matches a whole number YAML reads in another base: 0x10, 0o10, 0b10, with a sign or not.
var basedRE = regexp.MustCompile(`^[-+]?0[xXoObB]`)

// numberWordsRE is a number followed by words: "300 a year", "20 households".
var numberWordsRE = regexp.MustCompile(`^(-?(?:\d+(?:\.\d*)?|\.\d+))\s+[A-Za-z][A-Za-z ]*$`)

// thousandsRE matches a number written with commas between its thousands: 1,200 or 12,500.5.
var thousandsRE = regexp.MustCompile(`^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$`)

// NumberHintFor is NumberHint for the scenario field path (as --set and --vary name it): a
// number is offered only where the field, in the default scenario, takes it (not 1000 of
// 1,000 for a share), a percentage only for a field that is a fraction, and a number with a
// decimal comma (0,006) is told that a comma is not a decimal point.
func NumberHintFor(path, text string) string {
	path = strings.TrimSpace(path)
	v := strings.TrimSpace(text)
	o := numberOffer(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}, IsCountPath(path), IsFractionPath(path))
	if !o.offers {
		return o.hint
	}
	value := strconv.FormatFloat(o.value, 'f', -1, 64)
	_, err := Load("default", []string{path + "=" + value})
	if err != nil && (strings.Contains(err.Error(), path+":") || strings.Contains(err.Error(), path+".")) {
		if problem := fieldProblem(path, value); problem != "" && o.withProblem != nil {
			return " (" + o.withProblem(problem) + ")"
		}
		return o.plain
	}
	return o.hint
}

// NumberHint returns what to write for a number (a whole number when whole) typed on the
// command line as text that shows what was meant, as a scenario file's is told: ": write 1200"
// for 1,200, ": write 0.05 for 5%" for 5% (not for a whole number), ": write 1000, without _"
// for 1_000, ": write 300, the number alone" for "300 a year"; otherwise "".
func NumberHint(text string, whole bool) string {
	return numberHint(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.TrimSpace(text)}, whole)
}

// numberHint returns what to write for a number (a whole number when whole) that node n gives
// as text showing what was meant: ": write 1200" for 1,200, ": write 360, without quotes" for
// "360", " written in decimal digits, not 0x10" for 0x10, ": write 1000, without _" for 1_000,
// ": write 0.12 for 12%" for 12%; otherwise "".
func numberHint(n *yaml.Node, whole bool) string {
	o := numberOffer(n, whole, true)
	return o.hint
}

// offer is what numberOffer makes of a number typed as text: hint, what a message adds;
// when it offers a value, value and plain, the message's end without it, for a field that
// would refuse the value offered.
type offer struct {
	hint, plain string
	value       float64
	offers      bool
	// withProblem, when set, is the message instead of the whole one, where the field
	// refuses the value offered, from the problem validation found with it ("must be
	// between 0 and 100,000 households"), as for a number written with _.
	withProblem func(problem string) string
}

// numberOffer is numberHint for a field that is a fraction (a share, a rate of inflation) or
// not: a percentage is offered as a fraction only in a field that is one, and a number with a
// comma that is a decimal point in much of Europe (0,006) is told so, not offered as 0006.
func numberOffer(n *yaml.Node, whole, fraction bool) offer {
	if n.Kind != yaml.ScalarNode {
		return offer{}
	}
	v := strings.TrimSpace(n.Value)
	isNum := func(s string) bool {
		f, err := strconv.ParseFloat(s, 64)
		return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && (!whole || f == math.Trunc(f))
	}
	offered := func(text, hint string) offer {
		f, _ := strconv.ParseFloat(text, 64)
		return offer{hint: hint, plain: " (" + v + " is " + text + ", which this field does not take)", value: f, offers: true}
	}
	switch {
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && isNum(v):
		return offered(v, ": write "+v+", without quotes")
	case europeanRE.MatchString(v):
		// 0,006 and 0,500: a decimal comma, not thousands.
		dot := strings.Replace(strings.TrimLeft(v, "+"), ",", ".", 1)
		if isNum(dot) {
			o := offered(dot, ": a comma is not a decimal point here: for "+dot+" write "+dot)
			o.plain = ": a comma is not a decimal point here"
			return o
		}
		return offer{hint: ": a comma is not a decimal point here"}
	case thousandsRE.MatchString(v) && isNum(strings.ReplaceAll(v, ",", "")):
		w := strings.ReplaceAll(v, ",", "")
		return offered(w, ": write "+w)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && basedRE.MatchString(v):
		return offer{hint: " written in decimal digits, not " + v}
	case strings.Contains(v, "_") && isNum(strings.ReplaceAll(v, "_", "")):
		w := strings.ReplaceAll(v, "_", "")
		o := offered(w, ": write "+w+", without _")
		// Past the field's range without its _, it is told both what the _ is and the
		// range, as an amount of money is (underscoreError.outOfRange).
		o.withProblem = func(problem string) string {
			return strconv.Quote(v) + " is " + w + " written with _ between its digits, which this field does not take: it " + problem
		}
		return o
	case !whole && strings.HasSuffix(v, "%"):
		pc := strings.TrimSpace(strings.TrimSuffix(v, "%"))
		f, err := strconv.ParseFloat(pc, 64)
		if err != nil || !isNum(pc) {
			break
		}
		if !fraction {
			return offer{hint: ": this field is not a share, so takes no %: give the number itself"}
		}
		w := strconv.FormatFloat(f/100, 'f', -1, 64)
		return offered(w, ": write "+w+" for "+v)
	case whole && strings.HasSuffix(v, "%"):
		return offer{}
	case numberWordsRE.MatchString(v):
		// "300 a year", "20 households": the field's name says what it counts.
		if num := numberWordsRE.FindStringSubmatch(v)[1]; isNum(num) {
			return offered(num, ": write "+num+", the number alone")
		}
	}
	return offer{}
}

// europeanRE is a number written with a decimal comma: 0,006 or 0,5, a zero before the comma,
// which no number with commas between its thousands begins with, or 1,5 and 2,25, a comma not
// followed by three digits.
var europeanRE = regexp.MustCompile(`^[-+]?(0,\d+|\d+,(\d{1,2}|\d{4,}))$`)

// IsFractionPath reports whether the scenario or region field path (as --set and --vary name
// it, or a file's problem names it) takes a fraction that may be typed as a percentage: a
// field whose range is documented as a share (model.Limits, model.RegionLimits: a region's
// markets[].pricing.threshold, own_placements[].outside_within_20_miles, whose names do not
// say so), or one whose name says it is a share, a rate of inflation, a trend or a rate.
func IsFractionPath(path string) bool {
	if documentedShare(path) {
		return true
	}
	for _, seg := range strings.Split(strings.ToLower(path), ".") {
		for _, w := range []string{"share", "inflation", "trend", "rate", "premium", "rise", "growth", "exits", "needs", "mix", "shares"} {
			if strings.Contains(seg, w) {
				return true
			}
		}
	}
	return false
}

// documentedShare reports whether a field of path's last key (its last but for a need or a
// number of places: kinds.x.unavailable_share.complex) has a range documented as a share, in
// model.Limits or model.RegionLimits.
func documentedShare(path string) bool {
	segs := strings.Split(strings.ToLower(strings.TrimSpace(path)), ".")
	for len(segs) > 1 && (slices.Contains([]string{"standard", "complex", "solo"}, segs[len(segs)-1]) || decimalRE.MatchString(segs[len(segs)-1])) {
		segs = segs[:len(segs)-1]
	}
	key := segs[len(segs)-1]
	if i := strings.Index(key, "["); i >= 0 {
		key = key[:i]
	}
	if key == "" {
		return false
	}
	for _, l := range slices.Concat(model.Limits(), model.RegionLimits()) {
		field, _, _ := strings.Cut(l.Field, " (")
		for strings.HasSuffix(field, ">") { // kinds[].unavailable_share.<need>
			field = field[:strings.LastIndex(field, ".")]
		}
		if field[strings.LastIndex(field, ".")+1:] == key && strings.Contains(l.Unit, "share") {
			return true
		}
	}
	return false
}

func (c *conv) number(field string, v number, def float64) float64 {
	return c.numberAt(field, v.node, def)
}

func (c *conv) count(field string, v count, def int) int {
	n := usable(v.node)
	if n == nil {
		return def
	}
	if err := PlusSign(n.Value); err != nil {
		if f, ok := c.plusRefused(field, n, err, true); ok {
			return int(f)
		}
		return def
	}
	if f, ok := decimal(n); ok && f == math.Trunc(f) && math.Abs(f) <= 1e15 {
		return int(f)
	}
	return int(c.offered(field, n, "must be a whole number", numberOffer(n, true, false), float64(def)))
}

// capacity reads a market's capacity: a whole number of places, or "unlimited" (also what an
// omitted capacity means), which the model spells 0.
func (c *conv) capacity(field string, v count) int {
	if n := usable(v.node); n != nil && n.ShortTag() == "!!str" {
		if strings.TrimSpace(n.Value) == "unlimited" {
			return 0
		}
		c.fail(field, n, "must be a whole number of places or unlimited%s", numberHint(n, true))
		return 0
	}
	before := len(c.t.errs)
	n := c.count(field, v, 0)
	if n == 0 && usable(v.node) != nil && len(c.t.errs) == before { // not after "must be a whole number"
		c.fail(field, v.node, "must be at least 1 place (write unlimited for a market with no cap)")
	}
	return n
}

func (c *conv) text(_ string, v text, def string) string {
	if n := usable(v.node); n != nil {
		return strings.TrimSpace(n.Value)
	}
	return def
}

func (c *conv) date(field string, v date) time.Time {
	n := usable(v.node)
	if n == nil {
		return time.Time{}
	}
	if d, err := time.Parse(time.DateOnly, strings.TrimSpace(n.Value)); err == nil {
		return d
	}
	c.fail(field, n, "must be a date such as 2027-04-01, not %q", n.Value)
	return time.Time{}
}

func (c *conv) daysAt(field string, n *yaml.Node, def float64) float64 {
	return c.unitAt(field, n, def, ParseDays, "must be a number of days or a duration such as \"8 months\"")
}

func (c *conv) days(field string, v days, def float64) float64 { return c.daysAt(field, v.node, def) }

func (c *conv) gbpAt(field string, n *yaml.Node, def float64) float64 {
	// A number YAML reads with an exponent (weekly_gbp: 1e2) is refused as the same text in
	// quotes is, and --set's: an amount in pounds is written in digits, with k, m or bn.
	if u := usable(n); u != nil && (u.ShortTag() == "!!int" || u.ShortTag() == "!!float") && moneyExpRE.MatchString(strings.TrimSpace(u.Value)) {
		_, err := ParseGBP(u.Value)
		c.fail(field, u, "%s", err)
		return def
	}
	return c.unitAt(field, n, def, ParseGBP, "must be an amount in pounds such as 650, \"£12,000\" or \"£1.1m\"")
}

// unitAt reads a quantity that is a plain number in the field's unit or a string with its unit,
// which parse reads; want says what the field takes when it is neither.
func (c *conv) unitAt(field string, n *yaml.Node, def float64, parse func(string) (float64, error), want string) float64 {
	if n = usable(n); n == nil {
		return def
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return c.numberAt(field, n, def)
	case "!!str":
		v, err := parse(n.Value)
		if err == nil {
			return v
		}
		// "£64 million", "£900 a week": offered as £64m or £900 only where the field's
		// range takes it, as a value with a + sign is.
		var we wordsError
		if errors.As(err, &we) {
			we.field = PeriodOf(field)
			c.fail(field, n, "%s", we)
			if !we.offers() {
				return def
			}
			v, perr := parse(we.offer)
			if perr != nil {
				return def
			}
			c.pending(field, we.Error(), we.plain())
			return v
		}
		var ue underscoreError
		if errors.As(err, &ue) {
			c.fail(field, n, "%s", ue)
			v, perr := parse(ue.offer)
			if perr != nil {
				return def
			}
			// Out of the field's range without its _, it is told both what _ is and the range.
			c.pendingProblem(field, ue.Error(), ue.outOfRange)
			return v
		}
		// "+£1.5m", "+90 days": the value without its + sign is offered only where the
		// field's range takes it, as a number's is.
		if f, ok := c.plusOffer(field, n, err, false, func(bare *yaml.Node) (float64, bool) {
			v, err := parse(bare.Value)
			return v, err == nil
		}); ok {
			return f
		}
		return def
	}
	c.fail(field, n, "%s", want)
	return def
}

func (c *conv) gbp(field string, v gbp, def float64) float64 { return c.gbpAt(field, v.node, def) }

func (c *conv) flag(field string, v boolean, def bool) bool {
	n := usable(v.node)
	if n == nil {
		return def
	}
	var b bool
	if n.ShortTag() == "!!bool" && n.Decode(&b) == nil {
		return b
	}
	c.fail(field, n, "must be true or false")
	return def
}

// band reads an age band "FROM-TO" or "AGE" in whole years; it reports a band it cannot read
// and leaves the range checks to model.Validate.
func (c *conv) band(field string, v band) (from, to int, given bool) {
	n := usable(v.node)
	if n == nil {
		return 0, 0, false
	}
	from, to, ok := readBand(n)
	if !ok {
		sign := ""
		if strings.Contains(n.Value, "+") {
			sign = " without a sign"
		}
		c.fail(field, n, "must be an age band in whole years such as 12-17 or 16%s, not %q", sign, n.Value)
		return 0, 0, false
	}
	return from, to, true
}

// readBand reads an age band "FROM-TO" or "AGE" of whole years written in digits (leading
// zeros and spaces around the numbers and the dash allowed). An age is never signed, but an
// AGE that YAML reads as a number is that number, as in any field of numbers (ages: +5 is 5,
// the JSON Schema sees 5); text with a sign ("+5", 5-+10) is not a band.
func readBand(n *yaml.Node) (from, to int, ok bool) {
	v := strings.TrimSpace(n.Value)
	if n.ShortTag() == "!!int" {
		v = strings.TrimPrefix(v, "+")
	}
	a, b, found := strings.Cut(v, "-")
	from, ok = wholeYears(a)
	to = from
	if ok && found {
		to, ok = wholeYears(b)
	}
	return from, to, ok
}

// wholeYears reads a number of years written in decimal digits alone, spaces around it.
func wholeYears(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}

func (c *conv) ages(field string, v band, def model.AgeRange) model.AgeRange {
	from, to, ok := c.band(field, v)
	if !ok {
		return def
	}
	return model.AgeRange{FromYears: from, ToYears: to}
}

// item is one name of a names field, with its node and path.
type item struct {
	name  string
	node  *yaml.Node
	field string
}

// items returns the names of a names field: one for a single value, each item for a list.
func (c *conv) items(field string, v names) (out []item, given bool) {
	n := v.node
	if n == nil || isNull(n) {
		return nil, false
	}
	if n.Kind == yaml.ScalarNode {
		return []item{{strings.TrimSpace(n.Value), n, field}}, true
	}
	if n.Kind != yaml.SequenceNode {
		return nil, true // reported by the schema walk
	}
	for i, e := range n.Content {
		if e.Kind == yaml.ScalarNode {
			out = append(out, item{strings.TrimSpace(e.Value), e, fmt.Sprintf("%s[%d]", field, i)})
		}
	}
	return out, true
}

// pairs returns the keys and value nodes of a mapping wrapper, with their paths.
func pairs(field string, n *yaml.Node) (keys []item, vals []*yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		keys = append(keys, item{k.Value, k, join(field, k.Value)})
		vals = append(vals, n.Content[i+1])
	}
	return keys, vals
}

var needNames = func() []string {
	var out []string
	for n := model.Need(0); n < model.NumNeeds; n++ {
		out = append(out, n.String())
	}
	return out
}()

func (c *conv) need(it item) (model.Need, bool) {
	n, err := model.ParseNeed(it.name)
	if err != nil {
		c.fail(it.field, it.node, "unknown need %q%s", it.name, suggest(it.name, needNames))
		return 0, false
	}
	return n, true
}

// needSet reads a list of needs; the zero set (every need) when none is given.
func (c *conv) needSet(field string, v names) model.NeedSet {
	its, given := c.items(field, v)
	if given && len(its) == 0 {
		c.fail(field, v.node, "must name at least one need (or be left out for every need)")
	}
	var set model.NeedSet
	for _, it := range its {
		if n, ok := c.need(it); ok {
			set |= model.NeedsOf(n)
		}
	}
	return set
}

// needShares reads a mapping of shares by need; omitted needs are 0, and a missing mapping
// means every child has standard needs.
func (c *conv) needShares(field string, v shares) [model.NumNeeds]float64 {
	var out [model.NumNeeds]float64
	if v.node == nil || isNull(v.node) {
		out[model.NeedStandard] = 1
		return out
	}
	keys, vals := pairs(field, v.node)
	for i, k := range keys {
		if n, ok := c.need(k); ok {
			out[n] = c.numberAt(k.field, vals[i], 0)
		}
	}
	return out
}

// perNeed reads one value for every need, or a mapping by need with omitted needs 0; read
// parses each value.
func (c *conv) perNeed(field string, v perNeed, read func(string, *yaml.Node, float64) float64) [model.NumNeeds]float64 {
	var out [model.NumNeeds]float64
	n := v.node
	switch {
	case n == nil || isNull(n):
	case n.Kind == yaml.ScalarNode:
		x := read(field, n, 0)
		for i := range out {
			out[i] = x
		}
	default:
		keys, vals := pairs(field, n)
		for i, k := range keys {
			if nd, ok := c.need(k); ok {
				out[nd] = read(k.field, vals[i], 0)
			}
		}
	}
	return out
}

func (c *conv) selector(field string, f fileSelector) model.Selector {
	s := model.Selector{
		Ages:  c.ages(field+".ages", f.Ages, model.AllAges),
		Needs: c.needSet(field+".needs", f.Needs),
	}
	if n := usable(f.UASC.node); n != nil {
		switch strings.TrimSpace(n.Value) {
		case "any":
			s.UASC = model.UASCAny
		case "only":
			s.UASC = model.UASCOnly
		case "not":
			s.UASC = model.UASCNot
		default:
			c.fail(field+".uasc", n, "must be any, only or not, not %q", n.Value)
		}
	}
	return s
}

// bandsOnce refuses a band a list of bands gives again, as written or in other digits (10-15
// and 10-015), at its second item, naming the first by its line and column; remedy says how
// to give the band once; field is the list's path. With disjoint, it refuses as well a band
// that overlaps an earlier one, as a profile of ages counts each age in one band.
type bandsOnce struct {
	c        *conv
	field    string
	remedy   string
	disjoint bool
	seen     map[[2]int]int     // a band: the first item of the list with it
	nodes    map[int]*yaml.Node // an item: its band's node
	order    [][3]int           // each band read, in the list's order: from, to, item
}

func (c *conv) bandsOnce(field, remedy string) *bandsOnce {
	return &bandsOnce{c: c, field: field, remedy: remedy, seen: map[[2]int]int{}, nodes: map[int]*yaml.Node{}}
}

// add records item i's band, read from v, and refuses it when an earlier item gave it.
func (b *bandsOnce) add(i int, v band) {
	n := usable(v.node)
	if n == nil {
		return
	}
	from, to, ok := readBand(n)
	if !ok {
		return
	}
	b.nodes[i] = n
	if j, dup := b.seen[[2]int{from, to}]; dup {
		// The first is named within its list, which the problem's field names: a file that
		// extends another numbers its kinds its own way (see tree.report).
		first, list := b.nodes[j], b.field[strings.LastIndex(b.field, ".")+1:]
		b.c.fail(fmt.Sprintf("%s[%d].ages", b.field, i), n, "%s is the band of %s[%d] (line %d, column %d) again: %s",
			strings.TrimSpace(n.Value), list, j, first.Line, first.Column, b.remedy)
		return
	}
	b.seen[[2]int{from, to}] = i
	if b.disjoint {
		for _, o := range b.order {
			if from <= o[1] && o[0] <= to {
				first, list := b.nodes[o[2]], b.field[strings.LastIndex(b.field, ".")+1:]
				say := ""
				switch {
				case from > o[0] && to > o[1]:
					say = fmt.Sprintf(" (%d-%d and %d-%d, say)", o[0], o[1], o[1]+1, to)
				case from < o[0] && to < o[1]:
					say = fmt.Sprintf(" (%d-%d and %d-%d, say)", from, o[0]-1, o[0], o[1])
				}
				b.c.fail(fmt.Sprintf("%s[%d].ages", b.field, i), n, "%s overlaps %s, the band of %s[%d] (line %d, column %d): "+
					"give bands that do not overlap, as each carer's age lies in one band%s",
					strings.TrimSpace(n.Value), strings.TrimSpace(first.Value), list, o[2], first.Line, first.Column, say)
				return
			}
		}
	}
	b.order = append(b.order, [3]int{from, to, i})
}

func (c *conv) ageMix(field string, list []fileAgeShare) []model.AgeShare {
	var out []model.AgeShare
	once := c.bandsOnce(field, "give each band once: its share the two added, its needs and male_share the mix of the two")
	for i, a := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		if a.Ages.node == nil {
			c.fail(f+".ages", nil, "must be given")
		}
		once.add(i, a.Ages)
		out = append(out, model.AgeShare{
			Ages:       c.ages(f+".ages", a.Ages, model.AgeRange{}),
			Share:      c.number(f+".share", a.Share, 0),
			NeedShares: c.needShares(f+".needs", a.Needs),
			MaleShare:  c.number(f+".male_share", a.MaleShare, defaultMaleShare),
		})
	}
	return out
}

// kindRef returns the provision kind a name refers to, or -1 after reporting it.
func (c *conv) kindRef(it item) model.KindID {
	if id, ok := c.kinds[it.name]; ok {
		return id
	}
	c.fail(it.field, it.node, "unknown provision kind %q%s", it.name, suggest(it.name, c.kindNames))
	return -1
}

func (c *conv) kindList(field string, v names) []model.KindID {
	its, _ := c.items(field, v)
	var out []model.KindID
	for _, it := range its {
		out = append(out, c.kindRef(it))
	}
	return out
}

var distNames = []string{"exponential", "gamma", "lognormal", "empirical", "fixed"}

// dist reads a distribution; a distribution with no field given is the zero Distribution.
func (c *conv) dist(field string, f fileDist) model.Distribution {
	var d model.Distribution
	if name := usable(f.Distribution.node); name != nil {
		k, err := model.ParseDistKind(strings.TrimSpace(name.Value))
		if err != nil {
			c.fail(field+".distribution", name, "unknown distribution %q%s", name.Value, suggest(name.Value, distNames))
			return d
		}
		d.Kind = k
	}
	uses := map[model.DistKind][]string{
		model.Exponential: {"mean_days"},
		model.Fixed:       {"mean_days"},
		model.Gamma:       {"mean_days", "shape"},
		model.Lognormal:   {"mean_days", "sigma"},
		model.Empirical:   {"table"},
	}[d.Kind]
	given := map[string]*yaml.Node{
		"mean_days": f.MeanDays.node, "shape": f.Shape.node, "sigma": f.Sigma.node,
		"table": c.t.paths[field+".table"],
	}
	for _, key := range sortedKeys(given) {
		if n := given[key]; n != nil && !isNull(n) && !contains(uses, key) {
			c.fail(field+"."+key, n, "is not used by a %s distribution (it reads %s)", d.Kind, strings.Join(uses, " and "))
		}
	}
	d.MeanDays = c.days(field+".mean_days", f.MeanDays, 0)
	d.Shape = c.number(field+".shape", f.Shape, 0)
	d.Sigma = c.number(field+".sigma", f.Sigma, 0)
	for i, b := range f.Table {
		bf := fmt.Sprintf("%s.table[%d]", field, i)
		d.Table = append(d.Table, model.Bin{
			UpToDays: c.days(bf+".up_to_days", b.UpToDays, 0),
			Share:    c.number(bf+".share", b.Share, 0),
		})
	}
	if d.Kind == model.Empirical {
		d.MeanDays = 0
	}
	return d
}

// distGiven reports whether any field of a distribution is given.
func distGiven(f fileDist) bool {
	return f.Distribution.node != nil || f.MeanDays.node != nil || f.Shape.node != nil ||
		f.Sigma.node != nil || f.Table != nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var exitNames = func() []string {
	var out []string
	for r := 0; r < model.NumEarlyExitRoutes; r++ {
		out = append(out, model.ExitRoute(r).String())
	}
	return out
}()

func (c *conv) stays(field string, list []fileStay) []model.StayRule {
	var out []model.StayRule
	for i, r := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		rule := model.StayRule{Who: c.selector(f+".who", r.Who)}
		if !distGiven(r.Stay) {
			c.fail(f+".stay", nil, "must be given")
		} else {
			rule.Stay = c.dist(f+".stay", r.Stay)
		}
		if r.Exits.node == nil || isNull(r.Exits.node) {
			c.fail(f+".exits", nil, "must be given (shares of %s)", strings.Join(exitNames, ", "))
		}
		keys, vals := pairs(f+".exits", r.Exits.node)
		for j, k := range keys {
			route, err := model.ParseExitRoute(k.name)
			if err != nil {
				c.fail(k.field, k.node, "unknown exit route %q%s", k.name, suggest(k.name, exitNames))
				continue
			}
			rule.ExitShares[route] = c.numberAt(k.field, vals[j], 0)
		}
		out = append(out, rule)
	}
	return out
}

// stockStays reads stock_stays: the rules of stays, each with the kinds it selects.
func (c *conv) stockStays(list []fileStockStay) []model.StayRule {
	plain := make([]fileStay, len(list))
	for i, r := range list {
		plain[i] = fileStay{Who: r.Who, Stay: r.Stay, Exits: r.Exits}
	}
	out := c.stays("stock_stays", plain)
	for i, r := range list {
		out[i].Kinds = c.kindList(fmt.Sprintf("stock_stays[%d].kinds", i), r.Kinds)
	}
	return out
}

// convert turns a decoded file into a scenario; name is the default name.
func (c *conv) convert(f *fileScenario, name string) *model.Scenario {
	s := &model.Scenario{
		Name:            c.text("name", f.Name, name),
		Description:     c.text("description", f.Description, ""),
		Start:           c.date("start", f.Start),
		Years:           c.count("years", f.Years, defaultYears),
		WarmupYears:     c.count("warmup_years", f.WarmupYears, 0),
		ChildPopulation: c.count("child_population", f.ChildPopulation, 0),
	}
	if f.Start.node == nil {
		c.fail("start", nil, "must be given (the first day reported, such as 2026-04-01)")
	}

	// Kinds first, so that names can be resolved everywhere else.
	c.kinds = map[string]model.KindID{}
	for i, k := range f.Kinds {
		name := c.text("", k.Name, "")
		if _, dup := c.kinds[name]; !dup && name != "" {
			c.kinds[name] = model.KindID(i)
			c.kindNames = append(c.kindNames, name)
		}
	}

	e := f.Entries
	s.Entries = model.Entries{
		PerYear:       c.number("entries.per_year", e.PerYear, 0),
		TrendPerYear:  c.number("entries.trend_per_year", e.TrendPerYear, 0),
		SiblingShare:  c.number("entries.siblings.share", e.Siblings.Share, 0),
		MeanGroupSize: c.number("entries.siblings.mean_group_size", e.Siblings.MeanGroupSize, defaultMeanGroupSize),
		Ages:          c.ageMix("entries.ages", e.Ages),
	}
	if e.Seasonality != nil {
		if len(e.Seasonality) != 12 {
			c.fail("entries.seasonality", nil, "must list 12 monthly multipliers, January first (it lists %d)", len(e.Seasonality))
		} else {
			for m, v := range e.Seasonality {
				s.Entries.Seasonality[m] = c.number(fmt.Sprintf("entries.seasonality[%d]", m), v, 1)
			}
		}
	}
	u := f.UASC
	s.UASC = model.UASCStream{
		PerYear:                    c.number("uasc.per_year", u.PerYear, 0),
		TransferThresholdShare:     c.number("uasc.transfer_threshold_share", u.TransferThresholdShare, 0),
		GrantPerNightGBP:           c.gbp("uasc.grant_per_night_gbp", u.GrantPerNightGBP, 0),
		LeavingCareGrantPerWeekGBP: c.gbp("uasc.leaving_care_grant_per_week_gbp", u.LeavingCareGrantGBP, 0),
		Ages:                       c.ageMix("uasc.ages", u.Ages),
	}

	s.Stock = c.stock("stock", f.Stock)

	s.Stays = c.stays("stays", f.Stays)
	s.StockStays = c.stockStays(f.StockStays)

	sp := f.StayingPut
	s.StayingPut = model.StayingPutScheme{
		Share:         c.number("staying_put.share", sp.Share, 0),
		Stock:         c.count("staying_put.stock", sp.Stock, 0),
		Stay:          c.dist("staying_put.stay", sp.Stay),
		WeeklyCostGBP: c.gbp("staying_put.weekly_gbp", sp.WeeklyGBP, 0),
	}
	if s.StayingPut.Share > 0 && !distGiven(sp.Stay) {
		c.fail("staying_put.stay", nil, "must be given when share > 0")
	}
	cl := f.CareLeavers
	s.CareLeavers = model.CareLeavers{
		Share:         c.number("care_leavers.share", cl.Share, 0),
		Places:        c.count("care_leavers.places", cl.Places, 0),
		Stock:         c.count("care_leavers.stock", cl.Stock, 0),
		Stay:          c.dist("care_leavers.stay", cl.Stay),
		WeeklyCostGBP: c.gbp("care_leavers.weekly_gbp", cl.WeeklyGBP, 0),
	}
	if s.CareLeavers.Share > 0 && !distGiven(cl.Stay) {
		c.fail("care_leavers.stay", nil, "must be given when share > 0")
	}

	for i, k := range f.Kinds {
		s.Kinds = append(s.Kinds, c.kind(fmt.Sprintf("kinds[%d]", i), k))
	}
	for i, l := range f.Ladders {
		fp := fmt.Sprintf("ladders[%d]", i)
		lad := model.Ladder{
			Who: c.selector(fp+".who", l.Who),
			Try: c.kindList(fp+".try", l.Try),
		}
		for j, v := range l.Shares {
			lad.Shares = append(lad.Shares, c.number(fmt.Sprintf("%s.shares[%d]", fp, j), v, 0))
		}
		s.Ladders = append(s.Ladders, lad)
		c.ladderFields = append(c.ladderFields, fp)
		c.ladderFrom = append(c.ladderFrom, i)
	}
	before := slices.Clone(s.Ladders)
	for i, tf := range f.TryFirst {
		fp := fmt.Sprintf("try_first[%d]", i)
		who := c.selector(fp+".who", tf.Who)
		try := c.kindList(fp+".try", tf.Try)
		if tf.Try.node == nil || len(try) == 0 {
			c.fail(fp+".try", nil, "must name at least one provision kind")
			continue
		}
		if slices.ContainsFunc(try, func(k model.KindID) bool { return k < 0 }) {
			continue // reported by kindList
		}
		var kept, from []int
		s.Ladders, kept, from = model.TryFirst(s.Ladders, who, try)
		fields := make([]string, len(from), len(s.Ladders))
		origins := make([]int, len(from), len(s.Ladders))
		for j, k := range from {
			fields[j], origins[j] = fp, c.ladderFrom[k]
		}
		for _, k := range kept {
			fields = append(fields, c.ladderFields[k])
			origins = append(origins, c.ladderFrom[k])
		}
		c.ladderFields, c.ladderFrom = fields, origins
		if c.tryFirst == nil {
			c.tryFirst = &TryFirst{Ladders: before}
		}
		c.tryFirst.Items = append(c.tryFirst.Items, TryFirstItem{Who: who, Try: try})
	}
	s.Emergency = model.Emergency{
		WeeklyCostGBP: c.gbp("emergency.weekly_gbp", f.Emergency.WeeklyGBP, defaultEmergencyGBP),
		RetryDays:     c.days("emergency.retry_days", f.Emergency.RetryDays, defaultRetryDays),
	}
	s.StepDown = model.StepDown{
		ReviewDays: c.days("step_down.review_days", f.StepDown.ReviewDays, defaultReviewDays),
		ReadyShare: c.perNeed("step_down.ready_share", f.StepDown.ReadyShare, c.numberAt),
		Try:        c.kindList("step_down.try", f.StepDown.Try),
		EaseShare:  c.number("step_down.ease_share", f.StepDown.EaseShare, 0),
		FirstYearBreakdownPerYear: c.number("step_down.first_year_breakdown_per_year",
			f.StepDown.FirstYearBreakdownPerYear, 0),
	}
	s.EscalationShare = c.number("escalation_share", f.EscalationShare, 0)
	for i, b := range f.EscalationByAge {
		fb := fmt.Sprintf("escalation_by_age[%d]", i)
		if b.Ages.node == nil {
			c.fail(fb+".ages", nil, "must be given")
		}
		if b.Share.node == nil {
			c.fail(fb+".share", nil, "must be given")
		}
		s.EscalationByAge = append(s.EscalationByAge, model.EscalationBand{
			Ages:  c.ages(fb+".ages", b.Ages, model.AgeRange{}),
			Share: c.number(fb+".share", b.Share, 0),
		})
	}
	s.PricesAt = c.date("prices_at", f.PricesAt)
	s.InflationPerYear = c.number("inflation_per_year", f.InflationPerYear, 0)
	for i, iv := range f.Interventions {
		s.Interventions = append(s.Interventions, c.intervention(fmt.Sprintf("interventions[%d]", i), iv))
	}
	return s
}

// stock converts the stock groups of list at field path f.
func (c *conv) stock(f string, list []fileStock) []model.StockGroup {
	var out []model.StockGroup
	for i, g := range list {
		fp := fmt.Sprintf("%s[%d]", f, i)
		grp := model.StockGroup{
			Kind:       c.requiredKind(fp+".kind", g.Kind),
			Ages:       c.ages(fp+".ages", g.Ages, model.AllAges),
			Count:      c.count(fp+".count", g.Count, 0),
			NeedShares: c.needShares(fp+".needs", g.Needs),
			MaleShare:  c.number(fp+".male_share", g.MaleShare, defaultMaleShare),
			UASC:       c.flag(fp+".uasc", g.UASC, false),
			HomesShare: c.number(fp+".homes_share", g.HomesShare, 0),
		}
		if g.Ages.node == nil {
			c.fail(fp+".ages", nil, "must be given")
		}
		out = append(out, grp)
	}
	return out
}

func (c *conv) requiredKind(field string, v text) model.KindID {
	n := usable(v.node)
	if n == nil {
		c.fail(field, nil, "must name a provision kind")
		return -1
	}
	return c.kindRef(item{strings.TrimSpace(n.Value), n, field})
}

var categoryNames, supplyNames []string

func init() {
	for k := model.Category(0); k < model.NumCategories; k++ {
		categoryNames = append(categoryNames, k.String())
	}
	for _, s := range []model.Supply{model.Market, model.Carers, model.Homes, model.Block} {
		supplyNames = append(supplyNames, s.String())
	}
}

func (c *conv) kind(f string, fk fileKind) model.Kind {
	k := model.Kind{
		Name:             c.text(f+".name", fk.Name, ""),
		Accepts:          c.selector(f+".accepts", fk.Accepts),
		WeeklyCostGBP:    c.perNeed(f+".weekly_gbp", fk.WeeklyGBP, c.gbpAt),
		BreakdownPerYear: c.perNeed(f+".breakdown_per_year", fk.BreakdownPerYear, c.numberAt),
		UnavailableShare: c.perNeed(f+".unavailable_share", fk.UnavailableShare, c.numberAt),
		CapacityPlaces:   c.capacity(f+".capacity_places", fk.CapacityPlaces),
		LocalShare:       c.number(f+".local_share", fk.LocalShare, defaultLocalShare),
	}
	if n := fk.StepDownReadyShare.node; n != nil && !isNull(n) {
		own := c.perNeed(f+".step_down_ready_share", fk.StepDownReadyShare, c.numberAt)
		k.StepDownReadyShare = &own
	}
	k.Label = c.text(f+".label", fk.Label, k.Name)
	if n := usable(fk.Category.node); n == nil {
		c.fail(f+".category", nil, "must be given (one of %s)", strings.Join(categoryNames, ", "))
	} else if cat, err := model.ParseCategory(strings.TrimSpace(n.Value)); err != nil {
		c.fail(f+".category", n, "unknown category %q%s", n.Value, suggest(n.Value, categoryNames))
	} else {
		k.Category = cat
	}
	supplied := false
	if n := usable(fk.Supply.node); n == nil {
		c.fail(f+".supply", nil, "must be given (one of %s)", strings.Join(supplyNames, ", "))
	} else if sup, err := model.ParseSupply(strings.TrimSpace(n.Value)); err != nil {
		c.fail(f+".supply", n, "unknown supply %q%s", n.Value, suggest(n.Value, supplyNames))
	} else {
		k.Supply, supplied = sup, true
	}
	if supplied && fk.CapacityPlaces.node != nil && k.Supply != model.Market {
		c.fail(f+".capacity_places", fk.CapacityPlaces.node, "is only for a kind supplied by market (this one is supplied by %s)", k.Supply)
	}
	if supplied && fk.LocalShare.node != nil && k.Supply != model.Market && k.Supply != model.Carers {
		c.fail(f+".local_share", fk.LocalShare.node, "is only for a kind supplied by market or carers (give local for each of its %s)", map[model.Supply]string{model.Homes: "homes", model.Block: "block beds"}[k.Supply])
	}
	c.replaceHomes(f, fk, k.Supply, supplied)
	if fk.Carers != nil {
		k.Carers = c.carers(f+".carers", fk.Carers)
	}
	for j, h := range fk.Homes {
		hf := fmt.Sprintf("%s.homes[%d]", f, j)
		k.Homes = append(k.Homes, model.Home{
			Name:                c.text(hf+".name", h.Name, ""),
			Beds:                c.count(hf+".beds", h.Beds, 0),
			Local:               c.flag(hf+".local", h.Local, true),
			FixedCostPerYearGBP: c.gbp(hf+".fixed_cost_per_year_gbp", h.FixedCostPerYearGBP, 0),
		})
	}
	for j, b := range fk.BlockBeds {
		bf := fmt.Sprintf("%s.block_beds[%d]", f, j)
		k.BlockBeds = append(k.BlockBeds, model.BlockContract{
			Beds:                 c.count(bf+".beds", b.Beds, 0),
			Local:                c.flag(bf+".local", b.Local, true),
			CostPerBedPerYearGBP: c.gbp(bf+".cost_per_bed_per_year_gbp", b.CostPerBedPerYearGBP, 0),
		})
	}
	return k
}

// replaceHomes checks kind f's replace_homes, if given: true or false, in a file that extends
// another, on a kind supplied by homes, beside the homes that replace its parent's. The merge
// (loader.merge) read it already; a --set of it is refused by applySet.
func (c *conv) replaceHomes(f string, fk fileKind, sup model.Supply, supplied bool) {
	n := fk.ReplaceHomes.node
	if n == nil || isNull(n) {
		return
	}
	field := f + ".replace_homes"
	if usable(n) == nil {
		return // a list or a mapping, which the schema walk reports
	}
	c.flag(field, fk.ReplaceHomes, false)
	file := c.t.origin[n]
	// The kind as its own file wrote it gives homes: a file extending it may give more.
	own := c.t.ownPaths(file)
	withHomes := true
	if p, ok := own[n]; ok {
		homes := strings.TrimSuffix(p, "replace_homes") + "homes"
		withHomes = false
		for _, q := range own {
			withHomes = withHomes || q == homes
		}
	}
	switch {
	case supplied && sup != model.Homes:
		c.fail(field, n, "is only for a kind supplied by homes")
	case c.t.files[file] != nil && lookup(c.t.files[file], "extends") == nil:
		c.fail(field, n, "is only for a file that extends another: it replaces the homes of the scenario extended (leave it out here)")
	case !withHomes:
		c.fail(field, n, "must come with the kind's homes, which replace those of the scenario extended (give homes, or leave replace_homes out to keep them)")
	}
}

func (c *conv) carers(f string, fc *fileCarers) *model.CarerPool {
	p := &model.CarerPool{
		Households:                        c.count(f+".households", fc.Households, 0),
		SiblingOnlyShare:                  c.number(f+".sibling_only_share", fc.SiblingOnlyShare, 0),
		ApprovalsPerYear:                  c.number(f+".approvals_per_year", fc.ApprovalsPerYear, 0),
		AssessmentDays:                    c.days(f+".assessment_days", fc.AssessmentDays, defaultAssessmentDays),
		DeregistrationPerYear:             c.number(f+".deregistration_per_year", fc.DeregistrationPerYear, 0),
		RetirementFromAge:                 c.number(f+".retirement.from_age", fc.Retirement.FromAge, defaultRetirementFromAge),
		RetirementPerYear:                 c.number(f+".retirement.per_year", fc.Retirement.PerYear, 0),
		RetirementIncreasePerYearOfAge:    c.number(f+".retirement.increase_per_year_of_age", fc.Retirement.IncreasePerYearOfAge, 0),
		WindDownDays:                      c.days(f+".wind_down_days", fc.WindDownDays, defaultWindDownDays),
		SupportCostPerHouseholdPerYearGBP: c.gbp(f+".support_cost_per_household_per_year_gbp", fc.SupportCostPerHouseholdPerYearGBP, 0),
		RecruitmentCostPerApprovalGBP:     c.gbp(f+".recruitment_cost_per_approval_gbp", fc.RecruitmentCostPerApprovalGBP, 0),
	}
	if fc.PlacesMix.node == nil || isNull(fc.PlacesMix.node) {
		p.PlacesMix = []model.PlacesShare{{Places: 1, Share: 1}}
	}
	keys, vals := pairs(f+".places_mix", fc.PlacesMix.node)
	for i, k := range keys {
		places, err := strconv.Atoi(strings.TrimSpace(k.name))
		if err != nil {
			c.fail(k.field, k.node, "must be a whole number of places, not %q", k.name)
			continue
		}
		p.PlacesMix = append(p.PlacesMix, model.PlacesShare{Places: places, Share: c.numberAt(k.field, vals[i], 0)})
	}
	approvalsOnce := c.bandsOnce(f+".approvals", "give each band once, with the two shares added (bands that overlap, such as 0-4 and 0-10, may both be given)")
	for i, a := range fc.Approvals {
		af := fmt.Sprintf("%s.approvals[%d]", f, i)
		if a.Ages.node == nil {
			c.fail(af+".ages", nil, "must be given")
		}
		approvalsOnce.add(i, a.Ages)
		p.ApprovalMix = append(p.ApprovalMix, model.ApprovalShare{
			Ages:  c.ages(af+".ages", a.Ages, model.AllAges),
			Share: c.number(af+".share", a.Share, 0),
		})
	}
	p.AgeMix = c.carerAges(f+".ages", fc.Ages, defaultCarerAges)
	p.NewCarerAgeMix = c.carerAges(f+".new_carer_ages", fc.NewCarerAges, p.AgeMix)
	return p
}

func (c *conv) carerAges(field string, list []fileCarerAge, def []model.CarerAgeShare) []model.CarerAgeShare {
	if list == nil {
		return append([]model.CarerAgeShare(nil), def...)
	}
	var out []model.CarerAgeShare
	once := c.bandsOnce(field, "give each band once, with the two shares added")
	once.disjoint = true
	for i, a := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		from, to, ok := c.band(f+".ages", a.Ages)
		if !ok && a.Ages.node == nil {
			c.fail(f+".ages", nil, "must be given")
		}
		once.add(i, a.Ages)
		out = append(out, model.CarerAgeShare{FromYears: from, ToYears: to, Share: c.number(f+".share", a.Share, 0)})
	}
	return out
}

// ivFields names the fields each action reads besides action, label and from; a star marks
// a field that must be given.
var ivFields = [model.NumActions][]string{
	model.ExtraApprovals:  {"kind*", "per_year*", "recruitment_cost_gbp", "to"},
	model.AddHouseholds:   {"kind*", "count*"},
	model.Retention:       {"kind*", "factor*", "to"},
	model.AllowanceUplift: {"kind*", "weekly_gbp", "retention_factor"},
	model.OpenHome:        {"kind*", "count*", "lead_time_days", "fixed_cost_per_year_gbp", "local", "name"},
	model.CloseHome:       {"kind*", "name*"},
	model.BlockBeds:       {"kind*", "count*", "fixed_cost_per_year_gbp*", "local", "to"},
	model.Capacity:        {"kind*", "count*"},
	model.StepDownRate:    {"factor*", "to", "first_year_breakdown_per_year"},
	model.EntryRate:       {"factor*", "who", "to"},
	model.UASCSurge:       {"factor", "per_year", "to"},
	model.Price:           {"kind*", "factor*"},
	model.Inflation:       {"rate*"},
	model.LeaverPlaces:    {"count*", "to"},
	model.BreakdownRate:   {"factor*", "kind", "to"},
	model.EscalationRate:  {"factor*", "to"},
}

var actionNames = func() []string {
	var out []string
	for a := model.Action(0); a < model.NumActions; a++ {
		out = append(out, a.String())
	}
	return out
}()

func (c *conv) intervention(f string, fi fileIntervention) model.Intervention {
	iv := model.Intervention{
		Action:   model.NumActions,
		Label:    c.text(f+".label", fi.Label, ""),
		Baseline: c.flag(f+".baseline", fi.Baseline, false),
		From:     c.date(f+".from", fi.From),
		To:       c.date(f+".to", fi.To),
		Kind:     -1,
	}
	if fi.From.node == nil {
		c.fail(f+".from", nil, "must be given (the date it takes effect)")
	}
	n := usable(fi.Action.node)
	if n == nil {
		// An action written as a key (open_home: {...}) is told once, as such, by the check
		// of the file (tree.unknownKeyIn).
		if slices.ContainsFunc(actionNames, func(a string) bool { return slices.Contains(c.t.bad, f+"."+a) }) {
			c.t.bad = append(c.t.bad, f+".action") // so that validation adds nothing of it
		} else {
			c.fail(f+".action", nil, "must be given (one of %s)", strings.Join(actionNames, ", "))
		}
		return iv
	}
	a, err := model.ParseAction(strings.TrimSpace(n.Value))
	if err != nil {
		hint := suggest(n.Value, actionNames)
		if v := strings.TrimSpace(n.Value); contains(actionNames, v+"_rate") && !strings.Contains(hint, "did you mean") {
			hint = fmt.Sprintf(" (did you mean %s_rate?)", v) // escalation for escalation_rate
		}
		c.fail(f+".action", n, "unknown action %q%s", n.Value, hint)
		return iv
	}
	if k := usable(fi.Kind.node); a == model.Capacity && k != nil && strings.TrimSpace(k.Value) == "care_leavers" {
		if _, isKind := c.kinds["care_leavers"]; !isKind {
			// Care leavers' accommodation is not a provision kind, but its places are
			// capped as a market's are: capacity of care_leavers is care_leaver_places.
			a, fi.Kind = model.LeaverPlaces, text{}
		}
	}
	iv.Action = a
	given := map[string]*yaml.Node{
		"to": fi.To.node, "kind": fi.Kind.node, "per_year": fi.PerYear.node, "count": fi.Count.node,
		"factor": fi.Factor.node, "retention_factor": fi.RetentionFactor.node,
		"weekly_gbp": fi.WeeklyGBP.node, "fixed_cost_per_year_gbp": fi.FixedCostPerYearGBP.node,
		"recruitment_cost_gbp": fi.RecruitmentCostGBP.node, "lead_time_days": fi.LeadTimeDays.node,
		"local": fi.Local.node, "name": fi.Name.node, "rate": fi.Rate.node,
		"first_year_breakdown_per_year": fi.FirstYearBreakdownPerYear.node,
	}
	if fi.Who != nil {
		given["who"] = c.t.paths[f+".who"]
	}
	var reads []string
	for _, r := range ivFields[a] {
		key, required := strings.CutSuffix(r, "*")
		reads = append(reads, key)
		if required && usable(given[key]) == nil {
			if key == "count" && countIsBeds(a) && slices.Contains(c.t.bad, f+".beds") {
				// Told once, as beds for count (tree.unknownKeyIn); validation adds nothing
				// of the count.
				c.t.bad = append(c.t.bad, f+".count")
				continue
			}
			c.fail(f+"."+key, nil, "must be given for %s", a)
		}
	}
	for _, key := range sortedKeys(given) {
		if n := given[key]; n != nil && !isNull(n) && !contains(reads, key) {
			c.fail(f+"."+key, n, "is not used by %s (it reads %s)", a, strings.Join(reads, ", "))
		}
	}
	switch a {
	case model.AllowanceUplift:
		if fi.WeeklyGBP.node == nil && fi.RetentionFactor.node == nil {
			c.fail(f+".weekly_gbp", nil, "allowance_uplift needs weekly_gbp, retention_factor or both")
		}
	case model.UASCSurge:
		if fi.Factor.node == nil && fi.PerYear.node == nil {
			c.fail(f+".factor", nil, "uasc_surge needs factor, per_year or both")
		}
	}
	if a.NeedsKind() || a.KindOptional() {
		if k := usable(fi.Kind.node); k != nil {
			iv.Kind = c.kindRef(item{strings.TrimSpace(k.Value), k, f + ".kind"})
		} else if a.KindOptional() {
			iv.Kind = model.AnyKind
		}
	} else {
		iv.Kind = 0
	}
	iv.PerYear = c.number(f+".per_year", fi.PerYear, 0)
	iv.Count = c.count(f+".count", fi.Count, 0)
	switch a {
	case model.AllowanceUplift:
		iv.Factor = c.number(f+".retention_factor", fi.RetentionFactor, 1)
	case model.UASCSurge:
		iv.Factor = c.number(f+".factor", fi.Factor, 1)
	default:
		iv.Factor = c.number(f+".factor", fi.Factor, 0)
	}
	iv.WeeklyGBP = c.gbp(f+".weekly_gbp", fi.WeeklyGBP, 0)
	iv.FixedCostPerYearGBP = c.gbp(f+".fixed_cost_per_year_gbp", fi.FixedCostPerYearGBP, 0)
	iv.RecruitmentCostGBP = c.gbp(f+".recruitment_cost_gbp", fi.RecruitmentCostGBP, 0)
	iv.LeadTimeDays = c.days(f+".lead_time_days", fi.LeadTimeDays, 0)
	iv.Local = c.flag(f+".local", fi.Local, contains(ivFields[a], "local"))
	iv.Name = c.text(f+".name", fi.Name, "")
	iv.Rate = c.number(f+".rate", fi.Rate, 0)
	iv.StepDownBreakdownPerYear = c.number(f+".first_year_breakdown_per_year", fi.FirstYearBreakdownPerYear, 0)
	if fi.Who != nil && a == model.EntryRate {
		w := c.selector(f+".who", *fi.Who)
		iv.Who = &w
	}
	iv.Cost = c.programmeCost(f+".cost", fi.Cost)
	return iv
}

// programmeCost reads what an intervention costs to run; a cost left out costs nothing.
func (c *conv) programmeCost(f string, fc fileCost) model.ProgrammeCost {
	pc := model.ProgrammeCost{
		OneOffGBP:    c.gbp(f+".one_off_gbp", fc.OneOffGBP, 0),
		OneOffOn:     c.date(f+".one_off_on", fc.OneOffOn),
		PerYearGBP:   c.gbp(f+".per_year_gbp", fc.PerYearGBP, 0),
		PerYearFrom:  c.date(f+".per_year_from", fc.PerYearFrom),
		PerYearTo:    c.date(f+".per_year_to", fc.PerYearTo),
		PerUnitGBP:   c.gbp(f+".per_unit_gbp", fc.PerUnitGBP, 0),
		UnitsPerYear: c.number(f+".units_per_year", fc.UnitsPerYear, 0),
	}
	if usable(fc.InflationPerYear.node) != nil {
		pc.OwnInflation = true
		pc.InflationPerYear = c.number(f+".inflation_per_year", fc.InflationPerYear, 0)
	}
	return pc
}
