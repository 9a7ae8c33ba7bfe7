package scenarios

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// rangeForms are the ways the reference's tables state a field's range in its meaning, each
// with what its two numbers are: "(1-50)", "(£0-£2,000,000, at the start's prices)", "(-0.5
// to 1)", "(above -1, up to 1)", "(0 up to, not including, 1)", and a lower end alone,
// "(...; > -1)".
var rangeForms = []struct {
	re                       *regexp.Regexp
	minExcluded, maxExcluded bool
}{
	{regexp.MustCompile(`[(;]\s*(` + refNum + `)(?:-| to )(` + refNum + `)(?:[),:;]| \w)`), false, false},
	{regexp.MustCompile(`\(above (` + refNum + `), up to (` + refNum + `)\)`), true, false},
	{regexp.MustCompile(`\((` + refNum + `) up to, not including, (` + refNum + `)\)`), false, true},
	{regexp.MustCompile(`[(;]\s*>\s*(` + refNum + `)()\)`), true, false},
}

// refNum is a number as the reference writes one: -0.5, 1,000, £2,000,000.
const refNum = `-?£?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?`

// TestReferenceRangesAgree checks every range the reference's field tables (README.md) state in
// a field's meaning against the range validation checks (model.Limits, model.RegionLimits),
// which the schema and the README's table of ranges give.
func TestReferenceRangesAgree(t *testing.T) {
	num := func(s string) float64 {
		if s == "" {
			return math.Inf(1) // a lower end alone
		}
		v, err := strconv.ParseFloat(strings.NewReplacer("£", "", ",", "").Replace(s), 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return v
	}
	var checked int
	for _, g := range []*schemaGen{newSchemaGen(referenceParts, model.Limits()), newSchemaGen(regionParts, model.RegionLimits())} {
		paths := make([]string, 0, len(g.docs))
		for p := range g.docs {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			l, ok := g.limit(p)
			// A row that gives the range of what it holds: a zone's miles to each zone, a
			// council's size, a new provider's fields as an existing provider's.
			for _, q := range []string{p + ".<zone>", p + ".children_in_care", strings.Replace(p, "interventions[].", "markets[].providers[].", 1)} {
				if !ok {
					l, ok = g.limit(q)
				}
			}
			if !ok {
				continue
			}
			meaning := g.docs[p].meaning
			for _, f := range rangeForms {
				for _, m := range f.re.FindAllStringSubmatch(meaning, -1) {
					checked++
					lo, hi := num(m[1]), num(m[2])
					if lo != l.Min || hi != l.Max || f.minExcluded != l.MinExcluded || f.maxExcluded != l.MaxExcluded {
						t.Errorf("%s: the reference says %q, validation %s", p, m[0], l.Range())
					}
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d ranges found in the reference's tables: is the reader of their forms out of date?", checked)
	}
}
