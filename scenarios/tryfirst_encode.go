package scenarios

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/placesim/placesim/model"
)

// tryFirstRule is one item of try_first: the children who selects try the kinds first first.
type tryFirstRule struct {
	who   model.Selector
	first []model.KindID
}

// maxTryFirstTries bounds the model.TryFirst calls tryFirstOf makes looking for rules, so that
// a scenario with many ladders is written at once, its ladders in full when no rules are found
// within it. No direct construction replaces the search: an item's made ladders go before those
// of the items before it, and one made for the children of a later ladder meets those of an
// earlier one first, so the items cannot be read off the ladders one by one. The bound changes
// only how a file is written, never what it loads to: ladders written in full load to the same
// ladders, as calibrate writes a council's own.
const maxTryFirstTries = 20_000

// tryFirstOf returns the rules of try_first, in the order a file gives them, that make ladders
// from a base's ladders base as model.TryFirst makes them, one rule after another, and reports
// whether there are some. Each rule puts the ladders it makes before the rest, so the ladders
// of a later rule come first: the rules are looked for from the first, each making one of
// ladders nearer the front than the rule before it, the last making ladders.
// A rule's kinds are a start of the try of the ladder it makes, the shortest that works, and
// its who the who of that ladder joined with those of the ladders after it whose try starts
// the same (a rule that meets several of the base's ladders makes a ladder for each), or such
// a who with its ages, needs or UASC widened to every child's. The
// fewest rules are preferred; none are returned when no rules make ladders within
// maxTryFirstTries.
func tryFirstOf(base, ladders []model.Ladder) ([]tryFirstRule, bool) {
	rules, ok, _ := tryFirstSearch(base, ladders)
	return rules, ok
}

// tryFirstSearch is tryFirstOf, also returning how many model.TryFirst calls it made. A
// ladder with shares that is not one of base's is none that rules make (model.TryFirst makes
// ladders without shares, and keeps base's as they are): it looks no further, as for
// calibrated ladders over their base's.
func tryFirstSearch(base, ladders []model.Ladder) ([]tryFirstRule, bool, int) {
	if len(ladders) == 0 || reflect.DeepEqual(base, ladders) {
		return nil, false, 0
	}
	for _, l := range ladders {
		if len(l.Shares) > 0 && !slices.ContainsFunc(base, func(b model.Ladder) bool { return reflect.DeepEqual(b, l) }) {
			return nil, false, 0
		}
	}
	// cands[i] are the rules whose first ladder made could be ladders[i].
	cands := make([][]tryFirstRule, len(ladders))
	for i, l := range ladders {
		for k := 1; k <= len(l.Try); k++ {
			first := l.Try[:k]
			var whos []model.Selector
			who := l.Who
			for _, m := range ladders[i:] {
				if !slices.Equal(m.Try[:min(k, len(m.Try))], first) {
					continue
				}
				who = widest(who, m.Who)
				for _, w := range widened(who) {
					if !slices.Contains(whos, w) {
						whos = append(whos, w)
					}
				}
			}
			for _, w := range whos {
				cands[i] = append(cands[i], tryFirstRule{w, first})
			}
		}
	}
	tries := 0
	// search looks for rules that, applied after those that made cur, make ladders, the first
	// of them making one of the ladders before ladders[before]; depth bounds how many.
	var search func(cur []model.Ladder, before, depth int) ([]tryFirstRule, bool)
	search = func(cur []model.Ladder, before, depth int) ([]tryFirstRule, bool) {
		if depth == 0 {
			return nil, false
		}
		seen := map[string]bool{}
		// The rules after this one need depth-1 ladders before the one this one makes.
		for i := depth - 1; i < before; i++ {
			for _, r := range cands[i] {
				if tries++; tries > maxTryFirstTries {
					return nil, false
				}
				out, kept, _ := model.TryFirst(cur, r.who, r.first)
				if !slices.ContainsFunc(out[:len(out)-len(kept)], func(l model.Ladder) bool { return reflect.DeepEqual(l, ladders[i]) }) {
					continue
				}
				if depth == 1 {
					if reflect.DeepEqual(out, ladders) {
						return []tryFirstRule{r}, true
					}
					continue
				}
				// The later rules' ladders go before ladders[i], and they only drop the
				// ladders after it: those must be left in out, in order.
				key := fmt.Sprint(out)
				if seen[key] || !subsequence(ladders[i:], out) {
					continue
				}
				seen[key] = true
				if rest, ok := search(out, i, depth-1); ok {
					return append([]tryFirstRule{r}, rest...), true
				}
			}
		}
		return nil, false
	}
	for depth := 1; depth <= len(ladders) && tries <= maxTryFirstTries; depth++ {
		if rules, ok := search(base, len(ladders), depth); ok {
			for j := range rules {
				rules[j].first = slices.Clone(rules[j].first)
			}
			return rules, true, tries
		}
	}
	return nil, false, tries
}

// subsequence reports whether out holds every ladder of ls, in the same order.
func subsequence(ls, out []model.Ladder) bool {
	j := 0
	for _, l := range out {
		if j < len(ls) && reflect.DeepEqual(l, ls[j]) {
			j++
		}
	}
	return j == len(ls)
}

// widest returns the narrowest selector that selects every child a or b selects, as a rule of
// try_first that makes ladders for both would select them.
func widest(a, b model.Selector) model.Selector {
	out := model.Selector{Ages: model.AgeRange{FromYears: min(a.Ages.FromYears, b.Ages.FromYears), ToYears: max(a.Ages.ToYears, b.Ages.ToYears)}}
	if a.Needs != 0 && b.Needs != 0 {
		out.Needs = a.Needs | b.Needs
	}
	if a.UASC == b.UASC {
		out.UASC = a.UASC
	}
	return out
}

// widened returns who, then who with its ages, its needs, its UASC, or some of them widened to
// every child's, each once.
func widened(who model.Selector) []model.Selector {
	var out []model.Selector
	for m := range 8 {
		w := who
		if m&1 != 0 {
			w.Ages = model.Everyone.Ages
		}
		if m&2 != 0 {
			w.Needs = 0
		}
		if m&4 != 0 {
			w.UASC = model.UASCAny
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// keepTryFirst writes, in root (a file extending base, as overlay writes it), the ladders of
// the scenario e encodes as try_first over base's, where rules of try_first make them
// (tryFirstOf): a file that put kinds first for some children keeps doing so over whatever
// ladders its base gives, rather than replacing them.
func (e *encoder) keepTryFirst(root *yaml.Node, base *model.Scenario) {
	rules, ok := tryFirstOf(base.Ladders, e.s.Ladders)
	if !ok || root.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "ladders" {
			continue
		}
		items := seq(false)
		for j, r := range rules {
			p := fmt.Sprintf("try_first[%d]", j)
			it := e.obj(p, false).sub("who", e.selector(p+".who", r.who)).list("try", e.kindList(r.first))
			items.Content = append(items.Content, it.n)
		}
		root.Content[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "try_first", HeadComment: commentLines(e.sections["try_first"])}
		root.Content[i+1] = items
		return
	}
}

// inheritTryFirst makes e write, in a file extending base (named extends) whose try_first
// does tf, ladders of its scenario that are the file's own followed by base's as the file's
// own followed by tf.Ladders, the ladders base's file gives before its try_first, when tf's
// items, which the file inherits, make the same ladders of both; and says so above ladders,
// with the items, as base's file writes them.
func (e *encoder) inheritTryFirst(base *model.Scenario, tf *TryFirst, extends string) {
	ls, n := e.s.Ladders, len(base.Ladders)
	if len(tf.Items) == 0 || len(ls) < n || !reflect.DeepEqual(ls[len(ls)-n:], base.Ladders) {
		return
	}
	own := append(slices.Clone(ls[:len(ls)-n]), tf.Ladders...)
	if !reflect.DeepEqual(tf.Apply(own), tf.Apply(slices.Clone(ls))) {
		return
	}
	s := *e.s
	s.Ladders = own
	e.s = &s
	var b strings.Builder
	for _, line := range wrapWords(fmt.Sprintf("%s's try_first puts kinds first for some children, before the rungs of their ladder, and this file keeps it: the ladders after the file's own are %s's before its try_first, and these items of it apply over all of them, as they do over %s's:", extends, extends, extends), 93) {
		b.WriteString(line + "\n")
	}
	b.WriteString("  try_first:\n")
	for i, it := range tf.Items {
		p := fmt.Sprintf("try_first[%d]", i)
		fmt.Fprintf(&b, "    - who: %s\n      try: %s\n", flowText(e.selector(p+".who", it.Who).n), flowText(e.kindList(it.Try)))
	}
	sections := maps.Clone(e.sections)
	if sections == nil {
		sections = map[string]string{}
	}
	if text := sections["ladders"]; text != "" {
		sections["ladders"] = strings.TrimRight(text, "\n") + "\n" + b.String()
	} else {
		sections["ladders"] = b.String()
	}
	e.sections = sections
}

// wrapWords breaks text into lines of at most width characters, between words.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
