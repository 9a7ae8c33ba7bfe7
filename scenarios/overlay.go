package scenarios

import (
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"
)

// A file that extends a base holds what differs from it, merged as the loader merges a file
// over the one it extends: mappings key by key, kinds and homes item by item by name (new
// ones appended, or a kind's homes replaced with replace_homes), interventions appended to
// the base's, anything else replaced whole.

// overlay returns the tree of the scenario file s written as one that extends base, named by
// extends: s's tree less what base's tree has the same, with every field that has a comment.
func (e *encoder) overlay(s, base *yaml.Node, extends string) (*yaml.Node, error) {
	// A file takes neither the name nor the description of the one it extends.
	base = &yaml.Node{Kind: base.Kind, Content: slices.Clone(base.Content)}
	for _, k := range []string{"name", "description"} {
		deleteKey(base, k)
	}
	out, _, err := e.diff(s, base, "", "")
	if err != nil {
		return nil, err
	}
	if out.Kind != yaml.MappingNode {
		out = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	// extends goes after the name and description, where a person writes it.
	at := 0
	for i := 0; i+1 < len(out.Content); i += 2 {
		if k := out.Content[i].Value; k == "name" || k == "description" {
			at = i + 2
		}
	}
	kv := []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: "extends"}, str(extends)}
	out.Content = append(out.Content[:at], append(kv, out.Content[at:]...)...)
	return out, nil
}

// diff returns what of s a file extending a file with b must write at path (key is the
// mapping key that holds them), and whether it must write anything.
func (e *encoder) diff(s, b *yaml.Node, path, key string) (*yaml.Node, bool, error) {
	switch {
	case b == nil || s.Kind != b.Kind:
		return s, true, nil
	case s.Kind == yaml.MappingNode:
		out := *s
		out.Content = nil
		for i := 0; i+1 < len(s.Content); i += 2 {
			k, v := s.Content[i], s.Content[i+1]
			p := join(path, k.Value)
			if bh := lookup(b, k.Value); k.Value == "homes" && bh != nil && !extendsHomes(v, bh) {
				// Homes that are not the base's with others after them replace the base's.
				out.Content = append(out.Content, k, v, str("replace_homes"), plain("true"))
				continue
			}
			d, keep, err := e.diff(v, lookup(b, k.Value), p, k.Value)
			if err != nil {
				return nil, false, err
			}
			if !keep && (k.HeadComment != "" || k.LineComment != "") && k.Value != "interventions" {
				d, keep = v, true
			}
			if keep {
				out.Content = append(out.Content, k, d)
			}
		}
		// What the base has and s does not is unset.
		for i := 0; i+1 < len(b.Content); i += 2 {
			if k := b.Content[i]; lookupKey(s, k.Value) == nil {
				nk := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.Value, HeadComment: commentLines(e.sections[join(path, k.Value)])}
				out.Content = append(out.Content, nk, plain("~"))
			}
		}
		return &out, len(out.Content) > 0 || s.LineComment != "", nil
	case s.Kind == yaml.SequenceNode && key == "interventions":
		if len(s.Content) < len(b.Content) || !sameNodes(s.Content[:len(b.Content)], b.Content) {
			return nil, false, fmt.Errorf("scenarios: encode: %s: the interventions do not begin with the base's, so a file extending it cannot hold them", path)
		}
		out := *s
		out.Content = s.Content[len(b.Content):]
		return &out, len(out.Content) > 0, nil
	case s.Kind == yaml.SequenceNode && (key == "kinds" || key == "homes"):
		out := *s
		out.Content = nil
		for i, it := range s.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if i >= len(b.Content) {
				out.Content = append(out.Content, it)
				continue
			}
			name := itemName(it)
			if name != itemName(b.Content[i]) {
				return nil, false, fmt.Errorf("scenarios: encode: %s: %q where the base has %q: a file extending it adds items after the base's only", p, name, itemName(b.Content[i]))
			}
			if name == "" {
				if !sameNode(it, b.Content[i]) || hasComment(it) {
					return nil, false, fmt.Errorf("scenarios: encode: %s: an item with no name differs from the base's, so a file extending it cannot change it", p)
				}
				continue
			}
			d, keep, err := e.diff(it, b.Content[i], p, "")
			if err != nil {
				return nil, false, err
			}
			if !keep {
				continue
			}
			if lookupKey(d, "name") == nil {
				d.Content = append([]*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: "name"}, str(name)}, d.Content...)
			}
			out.Content = append(out.Content, d)
		}
		if len(s.Content) < len(b.Content) {
			return nil, false, fmt.Errorf("scenarios: encode: %s: %d items where the base has %d: a file extending it cannot remove one", path, len(s.Content), len(b.Content))
		}
		return &out, len(out.Content) > 0, nil
	}
	return s, !sameNode(s, b) || hasComment(s), nil
}

// extendsHomes reports whether the homes s begin with the homes b by name, as a file
// extending b can write them by merging; otherwise it writes replace_homes.
func extendsHomes(s, b *yaml.Node) bool {
	if s.Kind != yaml.SequenceNode || b.Kind != yaml.SequenceNode || len(s.Content) < len(b.Content) {
		return false
	}
	for i, it := range b.Content {
		if itemName(it) != itemName(s.Content[i]) {
			return false
		}
	}
	return true
}

// sameNode reports whether two trees hold the same values, whatever their comments and style.
func sameNode(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	return sameNodes(a.Content, b.Content)
}

func sameNodes(a, b []*yaml.Node) bool {
	for i := range a {
		if !sameNode(a[i], b[i]) {
			return false
		}
	}
	return true
}

// hasComment reports whether n or a node under it has a comment.
func hasComment(n *yaml.Node) bool {
	if n.LineComment != "" || n.HeadComment != "" {
		return true
	}
	for _, c := range n.Content {
		if hasComment(c) {
			return true
		}
	}
	return false
}
