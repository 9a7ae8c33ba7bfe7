package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// Change is a field of a scenario whose value differs from another's: its path as --set names
// it, with provision kinds and homes by name (kinds.ifa.weekly_gbp.standard), and the two
// values as a scenario file writes them ("none" where a scenario leaves the field out).
type Change struct {
	Path, Base, Alt string
	// Says, where it is not empty, says what changed in a list too long to spell out, in
	// place of the two values: "adds solo_home first", "leaves out {ages: 0-4, share: 0.3}".
	Says string
}

// Changes returns every field of alt whose value differs from base's, in the order a scenario
// file writes them: what a comparison's board pack must say a strategy changes besides its
// dated changes (interventions), which it says apart. The name and description are not
// changes. A provision kind or home alt adds is one change, at its path, and so is a list
// whose items are not named (an age mix, the ladders) and that differs in length, or whose
// items are single values (a ladder's rungs); a list of the same length differs item by item
// (ladders[0].try), but for the ladders and stays, whose rules are matched by their who (a
// ladder moved to the head and changed is one change, at its new index) and whose order is a
// change only where some child finds another rule first. A field by need that one scenario gives one value for every need and the
// other a value for each (weekly_gbp: 1500 against {standard: 950, complex: 1250}) differs
// need by need (kinds.ifa.weekly_gbp.standard: 1500, baseline 950).
func Changes(base, alt *model.Scenario) ([]Change, error) {
	eb, ea := &encoder{s: base}, &encoder{s: alt}
	b, a := eb.scenario(), ea.scenario()
	if eb.err != nil {
		return nil, eb.err
	}
	if ea.err != nil {
		return nil, ea.err
	}
	var out []Change
	for i := 0; i+1 < len(a.Content); i += 2 {
		switch k := a.Content[i].Value; k {
		case "name", "description", "interventions":
		case "step_down":
			// The step-down shares by need of the needs a child can step down with alone.
			out = changesOf(out, k, lookup(b, k), a.Content[i+1], stepDownNeeds(base, alt))
		default:
			out = changesOf(out, k, lookup(b, k), a.Content[i+1], nil)
		}
	}
	for i := 0; i+1 < len(b.Content); i += 2 {
		if k := b.Content[i].Value; k != "description" && k != "interventions" && lookup(a, k) == nil {
			out = append(out, Change{Path: k, Base: valueText(b.Content[i+1]), Alt: "none"})
		}
	}
	return out, nil
}

// changesOf appends the changes from b to a at path. needs, when not nil, are the needs the
// provision kind that holds the field accepts: a field by need of it differs only in those
// (an IFA's one weekly_gbp against its baseline's for standard and complex needs says nothing
// of solo, which it takes no child of).
func changesOf(out []Change, path string, b, a *yaml.Node, needs []string) []Change {
	switch {
	case b == nil:
		return append(out, Change{Path: path, Base: "none", Alt: valueText(a)})
	case sameNode(a, b):
		return out
	case byNeed(b) && a.Kind == yaml.ScalarNode:
		return changesOf(out, path, b, everyNeed(a), needs)
	case byNeed(a) && b.Kind == yaml.ScalarNode:
		return changesOf(out, path, everyNeed(b), a, needs)
	case a.Kind == yaml.MappingNode && b.Kind == yaml.MappingNode:
		// Of a field by need, only the needs the kind accepts.
		skip := func(k string) bool { return needs != nil && byNeed(a) && byNeed(b) && !slices.Contains(needs, k) }
		// A share by need left out is 0 (the encoder writes the shares above 0).
		none := "none"
		if byNeed(a) && byNeed(b) && strings.HasSuffix(path, "ready_share") {
			none = "0"
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			if k := a.Content[i].Value; !skip(k) {
				if bv := lookup(b, k); bv != nil || none == "none" {
					out = changesOf(out, join(path, k), bv, a.Content[i+1], needs)
				} else if v := valueText(a.Content[i+1]); v != none {
					out = append(out, Change{Path: join(path, k), Base: none, Alt: v})
				}
			}
		}
		for i := 0; i+1 < len(b.Content); i += 2 {
			if k := b.Content[i].Value; lookup(a, k) == nil && !skip(k) {
				out = append(out, Change{Path: join(path, k), Base: valueText(b.Content[i+1]), Alt: none})
			}
		}
		return out
	case a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode && named(a) && named(b):
		for _, it := range a.Content {
			name := itemName(it)
			kindNeeds := needs
			if path == "kinds" {
				kindNeeds = acceptedNeeds(it)
			}
			out = changesOf(out, join(path, name), itemNamed(b, name), it, kindNeeds)
		}
		for _, it := range b.Content {
			if name := itemName(it); itemNamed(a, name) == nil {
				out = append(out, Change{Path: join(path, name), Base: valueText(it), Alt: "none"})
			}
		}
		return out
	case a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode && keyedBy(a, "who") && keyedBy(b, "who") && (path == "ladders" || path == "stays"):
		return whoChanges(out, path, b, a, needs)
	case a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode && len(a.Content) == len(b.Content) && !scalars(a):
		for i, it := range a.Content {
			out = changesOf(out, fmt.Sprintf("%s[%d]", path, i), b.Content[i], it, needs)
		}
		return out
	}
	c := Change{Path: path, Base: valueText(b), Alt: valueText(a)}
	if a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode && (c.Base != flowText(b) || c.Alt != flowText(a)) {
		c.Says = listChange(b, a)
	}
	return append(out, c)
}

// whoChanges appends the changes from list b to list a at path, lists of rules a child finds
// the first of that selects them (ladders, stays), matched by their selector rather than by
// their place: a rule of a is compared with b's of the same who, at a's index (the one --set
// names), so that a rule moved to the head and changed is one change, not one for every
// rule it moved. A rule only one of them has is added or left out, said only where some
// child who finds it first finds another rule first in the other list; the rules both have in
// another order are one change of the list, said only where the order makes some child find
// another rule than before (a rule for children who must live alone moved first is not).
func whoChanges(out []Change, path string, b, a *yaml.Node, needs []string) []Change {
	bk, ak := itemKeys(b, "who"), itemKeys(a, "who")
	for i, it := range a.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		if j := slices.Index(bk, ak[i]); j >= 0 {
			out = changesOf(out, p, b.Content[j], it, needs)
		} else if foundOtherwise(a, b, i) {
			out = append(out, Change{Path: p, Base: "none", Alt: valueText(it)})
		}
	}
	for j, it := range b.Content {
		if !slices.Contains(ak, bk[j]) && foundOtherwise(b, a, j) {
			out = append(out, Change{Path: fmt.Sprintf("%s[%d]", path, j), Base: valueText(it), Alt: "none"})
		}
	}
	// The selectors both lists have, each in its list's order.
	var bc, ac []string
	var bs, as []model.Selector
	for j, k := range bk {
		if i := slices.Index(ak, k); i >= 0 {
			bc, bs = append(bc, k), append(bs, whoSelector(b.Content[j]))
		}
	}
	for i, k := range ak {
		if j := slices.Index(bk, k); j >= 0 {
			ac, as = append(ac, k), append(as, whoSelector(a.Content[i]))
		}
	}
	if !slices.Equal(bc, ac) && findsOther(bs, as) {
		out = append(out, Change{Path: path, Base: valueText(b), Alt: valueText(a), Says: namesChange(bc, ac)})
	}
	return out
}

// foundOtherwise reports whether some child finds the rule i of list l first and, in the
// other list o, finds no rule first or one written otherwise (its fields but who): a rule only
// l has changes nothing where every child who finds it first found the same rule in o (a
// try_first item over a ladder whose rungs those children already had first), or where no
// child finds it first (a ladder behind others that select all its children).
func foundOtherwise(l, o *yaml.Node, i int) bool {
	sel := func(n *yaml.Node) []model.Selector {
		var out []model.Selector
		for _, it := range n.Content {
			out = append(out, whoSelector(it))
		}
		return out
	}
	ls, os := sel(l), sel(o)
	first := func(l []model.Selector, age int, n model.Need, uasc bool) int {
		return slices.IndexFunc(l, func(s model.Selector) bool { return s.Matches(float64(age)+0.5, n, uasc) })
	}
	for age := 0; age <= 17; age++ {
		for n := model.Need(0); n < model.NumNeeds; n++ {
			for _, uasc := range []bool{false, true} {
				if first(ls, age, n, uasc) != i {
					continue
				}
				j := first(os, age, n, uasc)
				if j < 0 || !sameNode(ruleBody(l.Content[i]), ruleBody(o.Content[j])) {
					return true
				}
			}
		}
	}
	return false
}

// ruleBody returns the fields of the rule item (a mapping) but its who.
func ruleBody(item *yaml.Node) *yaml.Node {
	body := &yaml.Node{Kind: yaml.MappingNode}
	for k := 0; k+1 < len(item.Content); k += 2 {
		if item.Content[k].Value != "who" {
			body.Content = append(body.Content, item.Content[k], item.Content[k+1])
		}
	}
	return body
}

// findsOther reports whether some child finds another selector first in a than in b, two
// orders of the same selectors.
func findsOther(b, a []model.Selector) bool {
	first := func(l []model.Selector, age int, n model.Need, uasc bool) int {
		return slices.IndexFunc(l, func(s model.Selector) bool { return s.Matches(float64(age)+0.5, n, uasc) })
	}
	for age := 0; age <= 17; age++ {
		for n := model.Need(0); n < model.NumNeeds; n++ {
			for _, uasc := range []bool{false, true} {
				i, j := first(b, age, n, uasc), first(a, age, n, uasc)
				if (i < 0) != (j < 0) || (i >= 0 && b[i] != a[j]) {
					return true
				}
			}
		}
	}
	return false
}

// whoSelector reads the selector of a list item's who as the encoder writes it ({ages: 11-17,
// needs: [complex], uasc: not}); a field it cannot read leaves that part selecting everyone.
func whoSelector(item *yaml.Node) model.Selector {
	s := model.Everyone
	w := lookup(item, "who")
	if v := lookup(w, "ages"); v != nil {
		if r, err := model.ParseAgeRange(v.Value); err == nil {
			s.Ages = r
		}
	}
	if v := lookup(w, "needs"); v != nil {
		for _, it := range v.Content {
			if n, err := model.ParseNeed(it.Value); err == nil {
				s.Needs |= model.NeedsOf(n)
			}
		}
	}
	if v := lookup(w, "uasc"); v != nil {
		switch v.Value {
		case "only":
			s.UASC = model.UASCOnly
		case "not":
			s.UASC = model.UASCNot
		}
	}
	return s
}

// keyedBy reports whether every item of the list n is a mapping whose key field, written on
// one line, is its own.
func keyedBy(n *yaml.Node, key string) bool {
	seen := map[string]bool{}
	for _, it := range n.Content {
		v := lookup(it, key)
		if v == nil {
			return false
		}
		t := flowText(v)
		if seen[t] {
			return false
		}
		seen[t] = true
	}
	return len(n.Content) > 0
}

// itemKeys returns the key field of each item of the list n, written on one line.
func itemKeys(n *yaml.Node, key string) []string {
	var out []string
	for _, it := range n.Content {
		out = append(out, flowText(lookup(it, key)))
	}
	return out
}

// listChange says what list a changes from list b, one of them too long to spell out: for a
// list of single values, which it adds (and where), leaves out and moves ("adds solo_home
// first; leaves out ifa"); for other lists, the items it adds and leaves out, or how many
// where they are many or long.
func listChange(b, a *yaml.Node) string {
	at, bt := itemTexts(a), itemTexts(b)
	if scalars(a) && scalars(b) && distinct(at) && distinct(bt) {
		return namesChange(bt, at)
	}
	var added, left []string
	for _, t := range at {
		if !slices.Contains(bt, t) {
			added = append(added, t)
		}
	}
	for _, t := range bt {
		if !slices.Contains(at, t) {
			left = append(left, t)
		}
	}
	var says []string
	if len(added) > 0 {
		says = append(says, "adds "+itemsText(added, len(at)))
	}
	if len(left) > 0 {
		says = append(says, "leaves out "+itemsText(left, len(bt)))
	}
	if len(says) == 0 {
		return "the same items in another order"
	}
	return strings.Join(says, "; ")
}

// maxItems is the most items a list's change spells out; more are counted.
const maxItems = 3

// itemsText spells out items, of a list of n, or counts them where they are many or long.
func itemsText(items []string, n int) string {
	long := len(items) > maxItems
	for _, t := range items {
		long = long || len(t) > maxValueText
	}
	switch {
	case !long:
		return strings.Join(items, ", ")
	case len(items) == n:
		return fmt.Sprintf("all %d items", n)
	case len(items) == 1:
		return "1 item"
	}
	return fmt.Sprintf("%d items", len(items))
}

// namesChange says which names list a adds (and where), leaves out and moves from list b.
func namesChange(b, a []string) string {
	var says []string
	where := func(list []string, i int) string {
		switch {
		case i == 0:
			return " first"
		case i == len(list)-1:
			return " last"
		}
		return " after " + list[i-1]
	}
	for i, n := range a {
		if !slices.Contains(b, n) {
			says = append(says, "adds "+n+where(a, i))
		}
	}
	for _, n := range b {
		if !slices.Contains(a, n) {
			says = append(says, "leaves out "+n)
		}
	}
	// The names both lists hold keep their order but for those off their longest common
	// run in order, which moved.
	var ca, cb []string
	for _, n := range a {
		if slices.Contains(b, n) {
			ca = append(ca, n)
		}
	}
	for _, n := range b {
		if slices.Contains(a, n) {
			cb = append(cb, n)
		}
	}
	kept := inOrder(cb, ca)
	for i, n := range a {
		if slices.Contains(b, n) && !kept[n] {
			says = append(says, "moves "+n+where(a, i))
		}
	}
	return strings.Join(says, "; ")
}

// inOrder returns the names of a longest run of a that keeps b's order (a longest common
// subsequence of a and b, which hold the same names).
func inOrder(b, a []string) map[string]bool {
	n, m := len(a), len(b)
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	kept := map[string]bool{}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			kept[a[i]] = true
			i, j = i+1, j+1
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
	return kept
}

// itemTexts writes each item of list n as a scenario file writes it on one line.
func itemTexts(n *yaml.Node) []string {
	var out []string
	for _, it := range n.Content {
		out = append(out, flowText(it))
	}
	return out
}

// distinct reports whether no two of ts are the same.
func distinct(ts []string) bool {
	seen := map[string]bool{}
	for _, t := range ts {
		if seen[t] {
			return false
		}
		seen[t] = true
	}
	return true
}

// byNeed reports whether n is a mapping by need, such as a kind's weekly_gbp written as
// {standard: 950, complex: 1250}: one of the fields that take one value for every need or a
// value for each.
func byNeed(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		if !slices.Contains(needNames, n.Content[i].Value) {
			return false
		}
	}
	return true
}

// acceptedNeeds returns the needs a provision kind, mapping kind, accepts (its accepts.needs),
// or nil when it names none and so accepts every need.
func acceptedNeeds(kind *yaml.Node) []string {
	acc := lookup(kind, "accepts")
	if acc == nil || acc.Kind != yaml.MappingNode {
		return nil
	}
	l := lookup(acc, "needs")
	if l == nil || l.Kind != yaml.SequenceNode || len(l.Content) == 0 {
		return nil
	}
	var out []string
	for _, it := range l.Content {
		out = append(out, it.Value)
	}
	return out
}

// stepDownNeeds returns the needs whose step-down share moves a child in base or in alt: those
// a kind of step_down.try accepts, and, where ease_share lowers a child's needs as they step
// down, the needs one level above those (solo, eased to complex). Another need's share finds a
// child ready whom no kind of try takes. Nil, every need, when try names no kind.
func stepDownNeeds(base, alt *model.Scenario) []string {
	var set model.NeedSet
	for _, s := range []*model.Scenario{base, alt} {
		for _, k := range s.StepDown.Try {
			if int(k) < 0 || int(k) >= len(s.Kinds) {
				continue
			}
			acc := s.Kinds[k].Accepts.Needs
			for n := model.Need(0); n < model.NumNeeds; n++ {
				takes := func(n model.Need) bool { return acc == 0 || acc&model.NeedsOf(n) != 0 }
				if takes(n) || (s.StepDown.EaseShare > 0 && n > model.NeedStandard && takes(n-1)) {
					set |= model.NeedsOf(n)
				}
			}
		}
	}
	if set == 0 {
		return nil
	}
	var out []string
	for n := model.Need(0); n < model.NumNeeds; n++ {
		if set&model.NeedsOf(n) != 0 {
			out = append(out, n.String())
		}
	}
	return out
}

// everyNeed returns the one value v of a field by need (weekly_gbp: 1500) as the mapping that
// gives it to every need ({standard: 1500, complex: 1500, solo: 1500}), so that a change
// between one value and a mapping is said need by need, as between two mappings.
func everyNeed(v *yaml.Node) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	for _, name := range needNames {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, v)
	}
	return m
}

// scalars reports whether every item of the list n is a single value ([inhouse_foster, ifa]).
func scalars(n *yaml.Node) bool {
	for _, it := range n.Content {
		if it.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// named reports whether every item of the list n is a mapping with a name of its own.
func named(n *yaml.Node) bool {
	seen := map[string]bool{}
	for _, it := range n.Content {
		name := itemName(it)
		if name == "" || seen[name] || strings.Contains(name, ".") {
			return false
		}
		seen[name] = true
	}
	return len(n.Content) > 0
}

// itemNamed returns the item of list n named name, or nil.
func itemNamed(n *yaml.Node, name string) *yaml.Node {
	for _, it := range n.Content {
		if itemName(it) == name {
			return it
		}
	}
	return nil
}

// maxValueText is the longest value a Change spells out; a longer one is summed up.
const maxValueText = 60

// valueText writes n as a scenario file writes it on one line, or, when that is long, says
// what it is: "a list of 12 items".
func valueText(n *yaml.Node) string {
	if t := flowText(n); len(t) <= maxValueText && !strings.Contains(t, "\n") {
		return t
	}
	if n.Kind == yaml.SequenceNode && len(n.Content) == 1 {
		return "a list of 1 item"
	}
	if n.Kind == yaml.SequenceNode {
		return fmt.Sprintf("a list of %d items", len(n.Content))
	}
	return fmt.Sprintf("%d fields", len(n.Content)/2)
}

// flowText writes n as a scenario file writes it on one line, however long.
func flowText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	flow := *n
	flow.Style = yaml.FlowStyle
	b, err := yaml.Marshal(&flow)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// String says the change as a board pack lists it: "uasc.transfer_threshold_share: 0.0007
// (baseline 0.001)"; "kinds.solo_home: added (not in the baseline)" for a field, kind or
// home the baseline does not have; "kinds.kinship: left out (baseline ...)" for one it has
// and alt does not.
func (c Change) String() string {
	summed := func(v string) bool { return strings.HasSuffix(v, " fields") || strings.HasPrefix(v, "a list of ") }
	switch {
	case c.Says != "":
		return c.Path + ": " + c.Says
	case c.Base == "none" && summed(c.Alt):
		return c.Path + ": added (not in the baseline)"
	case c.Base == "none":
		return c.Path + ": " + c.Alt + " (not in the baseline)"
	case c.Alt == "none" && summed(c.Base):
		return c.Path + ": left out"
	case c.Alt == "none":
		return c.Path + ": left out (baseline " + c.Base + ")"
	}
	return c.Path + ": " + c.Alt + " (baseline " + c.Base + ")"
}
