package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// sizeNoExtends is the problem with a size in a scenario file that extends nothing.
const sizeNoExtends = "scales the scenario the file extends, and this file extends none: give extends (extends: default), or leave size out and give the council's own figures"

// sized returns base, the merged scenario a file extends, scaled to the children in care at
// the start that the file's size (node sz) gives, as a region council's size scales its
// scenario (model.Scale): the stock, the entries and UASC a year, the child population, the
// carer pools, the homes and block contracts, the capped markets, care leavers and staying
// put. The file is then laid over what it returns, so that its own fields override the
// scaled ones (households: 60 is 60, not 60 scaled).
//
// Problems with the size are reported at it, and base is returned as it is. A base with
// problems of its own is returned as it is too: they are reported on the merged file.
func (l *loader) sized(base, sz *yaml.Node) *yaml.Node {
	if sz.Kind != yaml.MappingNode {
		return base // the schema check reports the shape
	}
	node := usable(lookup(sz, "children_in_care"))
	if node == nil {
		l.t.errAt(sz, "size.children_in_care", "must be given: the council's children in care at the start, to which the scenario the file extends is scaled")
		return base
	}
	errs := len(l.t.errs)
	want := (&conv{t: l.t}).count("size.children_in_care", count{value{node: node}}, -1)
	if len(l.t.errs) > errs {
		return base // not a whole number, reported as such
	}
	lim := model.RegionSizeLimit()
	if !lim.Contains(float64(want)) {
		l.t.errAt(node, "size.children_in_care", "must be %s", lim.Range())
		return base
	}
	bt := newTree(l.t.top)
	bt.check(base, reflect.TypeFor[fileScenario](), "")
	var f fileScenario
	if err := base.Decode(&f); err != nil || len(bt.errs) > 0 {
		return base
	}
	c := &conv{t: bt}
	s := c.convert(&f, "base")
	if len(bt.errs) > 0 {
		return base
	}
	have := s.StockCount()
	if have == 0 {
		l.t.errAt(node, "size.children_in_care", "cannot scale a scenario with no children in care at the start (the stock of the scenario the file extends is empty): nothing says what size its entries and carers are for; give the stock, or leave size out")
		return base
	}
	before := *s
	before.Stock = slices.Clone(s.Stock)
	before.Kinds = slices.Clone(s.Kinds)
	model.Scale(s, float64(want)/float64(have))

	out := l.deepCopy(base)
	l.put(out, "child_population", strconv.Itoa(s.ChildPopulation), s.ChildPopulation != before.ChildPopulation)
	l.put(lookup(out, "entries"), "per_year", formatRate(s.Entries.PerYear), s.Entries.PerYear != before.Entries.PerYear)
	l.put(lookup(out, "uasc"), "per_year", formatRate(s.UASC.PerYear), s.UASC.PerYear != before.UASC.PerYear)
	l.put(lookup(out, "care_leavers"), "places", strconv.Itoa(s.CareLeavers.Places), s.CareLeavers.Places != before.CareLeavers.Places)
	l.put(lookup(out, "care_leavers"), "stock", strconv.Itoa(s.CareLeavers.Stock), s.CareLeavers.Stock != before.CareLeavers.Stock)
	l.put(lookup(out, "staying_put"), "stock", strconv.Itoa(s.StayingPut.Stock), s.StayingPut.Stock != before.StayingPut.Stock)
	if st := lookup(out, "stock"); st != nil && st.Kind == yaml.SequenceNode && len(st.Content) == len(s.Stock) {
		for i, item := range st.Content {
			g, g0 := s.Stock[i], before.Stock[i]
			l.put(item, "count", strconv.Itoa(g.Count), g.Count != g0.Count)
			l.put(item, "homes_share", formatRate(g.HomesShare), g.HomesShare != g0.HomesShare)
		}
	}
	if ks := lookup(out, "kinds"); ks != nil && ks.Kind == yaml.SequenceNode && len(ks.Content) == len(s.Kinds) {
		for i, item := range ks.Content {
			k, k0 := s.Kinds[i], before.Kinds[i]
			l.put(item, "capacity_places", strconv.Itoa(k.CapacityPlaces), k.CapacityPlaces != k0.CapacityPlaces)
			if k.Carers != nil && k0.Carers != nil {
				cn := lookup(item, "carers")
				l.put(cn, "households", strconv.Itoa(k.Carers.Households), k.Carers.Households != k0.Carers.Households)
				l.put(cn, "approvals_per_year", formatRate(k.Carers.ApprovalsPerYear), k.Carers.ApprovalsPerYear != k0.Carers.ApprovalsPerYear)
			}
			l.copies(item, "homes", len(k.Homes), true)
			l.copies(item, "block_beds", len(k.BlockBeds), false)
		}
	}
	return out
}

// formatRate writes a number scaling gave, in full.
func formatRate(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// deepCopy copies n and everything under it, each copy from the file its original came from.
func (l *loader) deepCopy(n *yaml.Node) *yaml.Node {
	c := *n
	l.t.origin[&c] = l.t.origin[n]
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = l.deepCopy(k)
		}
	}
	return &c
}

// put sets key of mapping m to the plain value v when changed says scaling changed it: the
// key's value in place, at its line, or a new key at the end of m when m does not give it.
func (l *loader) put(m *yaml.Node, key, v string, changed bool) {
	if !changed || m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			old := m.Content[i+1]
			n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: v, Line: old.Line, Column: old.Column}
			if _, err := strconv.Atoi(v); err == nil {
				n.Tag = "!!int"
			}
			l.t.origin[n] = l.t.origin[old]
			m.Content[i+1] = n
			return
		}
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: m.Line, Column: m.Column}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: v, Line: m.Line, Column: m.Column}
	if _, err := strconv.Atoi(v); err == nil {
		n.Tag = "!!int"
	}
	l.t.origin[k], l.t.origin[n] = l.t.origin[m], l.t.origin[m]
	m.Content = append(m.Content, k, n)
}

// copies makes the list under key of mapping m want items long, as model.Scale makes a kind's
// homes or block contracts: the originals first, then copies in the same order, a copied home
// (named) named "NAME 2", "NAME 3"...
func (l *loader) copies(m *yaml.Node, key string, want int, named bool) {
	list := lookup(m, key)
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 || len(list.Content) == want {
		return
	}
	n := len(list.Content)
	var items []*yaml.Node
	for j := range want {
		item := list.Content[j%n]
		if c := j / n; c > 0 {
			item = l.deepCopy(item)
			if name := lookup(item, "name"); named && name != nil && name.Kind == yaml.ScalarNode {
				name.Value = fmt.Sprintf("%s %d", name.Value, c+1)
			}
		}
		items = append(items, item)
	}
	list.Content = items
}
