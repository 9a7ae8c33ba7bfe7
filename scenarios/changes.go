package scenarios

import (
	"fmt"
	"strings"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// Change is a field of a scenario whose value differs from another's: its path as --set names
// it, with provision kinds and homes by name (kinds.ifa.weekly_gbp.standard), and the two
// values as a scenario file writes them ("none" where a scenario leaves the field out).
type Change struct {
	Path, Base, Alt string
}

// Changes returns every field of alt whose value differs from base's, in the order a scenario
// file writes them: what a comparison's board pack must say a strategy changes besides its
// dated changes (interventions), which it says apart. The name and description are not
// changes. A provision kind or home alt adds is one change, at its path, and so is a list
// whose items are not named (an age mix, the ladders) and that differs in length, or whose
// items are single values (a ladder's rungs); a list of the same length differs item by item
// (ladders[0].try).
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
		default:
			out = changesOf(out, k, lookup(b, k), a.Content[i+1])
		}
	}
	for i := 0; i+1 < len(b.Content); i += 2 {
		if k := b.Content[i].Value; k != "description" && k != "interventions" && lookup(a, k) == nil {
			out = append(out, Change{Path: k, Base: valueText(b.Content[i+1]), Alt: "none"})
		}
	}
	return out, nil
}

// changesOf appends the changes from b to a at path.
func changesOf(out []Change, path string, b, a *yaml.Node) []Change {
	switch {
	case b == nil:
		return append(out, Change{Path: path, Base: "none", Alt: valueText(a)})
	case sameNode(a, b):
		return out
	case a.Kind == yaml.MappingNode && b.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(a.Content); i += 2 {
			k := a.Content[i].Value
			out = changesOf(out, join(path, k), lookup(b, k), a.Content[i+1])
		}
		for i := 0; i+1 < len(b.Content); i += 2 {
			if k := b.Content[i].Value; lookup(a, k) == nil {
				out = append(out, Change{Path: join(path, k), Base: valueText(b.Content[i+1]), Alt: "none"})
			}
		}
		return out
	case a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode && named(a) && named(b):
		for _, it := range a.Content {
			name := itemName(it)
			out = changesOf(out, join(path, name), itemNamed(b, name), it)
		}
		for _, it := range b.Content {
			if name := itemName(it); itemNamed(a, name) == nil {
				out = append(out, Change{Path: join(path, name), Base: valueText(it), Alt: "none"})
			}
		}
		return out
	case a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode && len(a.Content) == len(b.Content) && !scalars(a):
		for i, it := range a.Content {
			out = changesOf(out, fmt.Sprintf("%s[%d]", path, i), b.Content[i], it)
		}
		return out
	}
	return append(out, Change{Path: path, Base: valueText(b), Alt: valueText(a)})
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
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	flow := *n
	flow.Style = yaml.FlowStyle
	b, err := yaml.Marshal(&flow)
	if t := strings.TrimSpace(string(b)); err == nil && len(t) <= maxValueText && !strings.Contains(t, "\n") {
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

// String says the change as a board pack lists it: "uasc.transfer_threshold_share: 0.0007
// (baseline 0.001)"; "kinds.solo_home: added (not in the baseline)" for a field, kind or
// home the baseline does not have; "kinds.kinship: left out (baseline ...)" for one it has
// and alt does not.
func (c Change) String() string {
	switch {
	case c.Base == "none" && (strings.HasSuffix(c.Alt, " fields") || strings.HasPrefix(c.Alt, "a list of ")):
		return c.Path + ": added (not in the baseline)"
	case c.Base == "none":
		return c.Path + ": " + c.Alt + " (not in the baseline)"
	case c.Alt == "none":
		return c.Path + ": left out (baseline " + c.Base + ")"
	}
	return c.Path + ": " + c.Alt + " (baseline " + c.Base + ")"
}
