package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// A field path leads from the top of a scenario file to one of its fields: keys of mappings,
// [N] for the Nth item of a list, and a name for the item of a list of named mappings
// (kinds.ifa.weekly_gbp.standard). --set overrides and the Document the workspace edits walk
// their paths with walk, so both read a path the same way.

// walkMode says what walk may change on its way.
type walkMode int

const (
	// walkRead changes nothing: the walk ends, with no place and no error, where the file
	// has no such field.
	walkRead walkMode = iota
	// walkSet adds missing keys with the mappings and lists they lead to, and makes a single
	// value where a value by need is wanted a mapping with that value for every need, as
	// --set does. A list without the item named, or a single value where a mapping is
	// wanted, is an error.
	walkSet
	// walkEdit does what walkSet does, and also adds the item {name: NAME} a list lacks and
	// makes a single value where a mapping is wanted an empty mapping (keeping its comment),
	// as Document does.
	walkEdit
)

// place is a step of a walk: the value at Content[i] of parent (a mapping's value, or a
// list's item).
type place struct {
	parent *yaml.Node
	i      int
}

// slot returns where the value of the place is held.
func (p place) slot() **yaml.Node { return &p.parent.Content[p.i] }

// walk follows path from root, a mapping, and returns the places it went through, the last
// holding the field (nil in its slot when walk added its key). Each node walk adds is given
// to made, if it is not nil, with the node it copies (nil for a new one). In walkRead a missing field gives no places; otherwise an error
// says which step could not be taken ("ladders has 7 items, so it has no [99]").
func walk(root *yaml.Node, path []segment, mode walkMode, made func(n, from *yaml.Node)) ([]place, error) {
	return walkFrom(root, reflect.TypeFor[fileScenario](), path, mode, made)
}

// walkFrom is walk in a file whose top is the file struct typ (fileScenario, fileRegion). An
// item of a region file's markets or own_placements is named by its kind.
func walkFrom(root *yaml.Node, typ reflect.Type, path []segment, mode walkMode, made func(n, from *yaml.Node)) ([]place, error) {
	if made == nil {
		made = func(_, _ *yaml.Node) {}
	}
	if mode == walkSet {
		if err := knownKeys(typ, path); err != nil {
			return nil, err
		}
	}
	var trail []place
	cur := root
	done := ""
	for i, s := range path {
		typ = fieldType(typ, s)
		name := itemName
		if typ == reflect.TypeFor[fileMarket]() || typ == reflect.TypeFor[fileOwnPlacement]() {
			name = func(n *yaml.Node) string { return itemKey(n, "kind") }
		}
		var p place
		switch {
		case s.index >= 0 || cur.Kind == yaml.SequenceNode:
			if cur.Kind != yaml.SequenceNode {
				if mode == walkRead {
					return nil, nil
				}
				return nil, fmt.Errorf("%s is not a list", done)
			}
			j := s.index
			if j < 0 {
				j = slices.IndexFunc(cur.Content, func(it *yaml.Node) bool { return name(it) == s.key })
				// In a --set, a step of digits that names no item is its index:
				// interventions.0 is interventions[0].
				if n, err := strconv.Atoi(s.key); mode == walkSet && j < 0 && err == nil && n >= 0 && strings.Trim(s.key, "0123456789") == "" {
					j, s = n, segment{index: n}
				}
			}
			if j >= len(cur.Content) {
				if mode == walkRead {
					return nil, nil
				}
				return nil, fmt.Errorf("%s has %d items, so it has no [%d]", done, len(cur.Content), j)
			}
			if j < 0 {
				switch mode {
				case walkRead:
					return nil, nil
				case walkSet:
					var have []string
					for _, it := range cur.Content {
						if n := name(it); n != "" {
							have = append(have, n)
						}
					}
					return nil, fmt.Errorf("%s has no item named %q%s", done, s.key, suggest(s.key, have))
				}
				it := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: "name"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: s.key},
				}}
				made(it, nil)
				for _, c := range it.Content {
					made(c, nil)
				}
				cur.Content = append(cur.Content, it)
				j = len(cur.Content) - 1
			}
			p = place{cur, j}
		default:
			if cur.Kind != yaml.MappingNode {
				if mode == walkRead {
					return nil, nil
				}
				return nil, fmt.Errorf("%s is a single value, not a mapping", done)
			}
			j := -1
			for m := 0; m+1 < len(cur.Content); m += 2 {
				// As the merge of files does: places_mix.01 is the key 1 (see canonicalKey).
				if k := cur.Content[m]; k.Kind == yaml.ScalarNode && sameKey(k.Value, s.key) {
					j = m + 1
					break
				}
			}
			if j < 0 {
				if mode == walkRead {
					return nil, nil
				}
				k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s.key}
				made(k, nil)
				cur.Content = append(cur.Content, k, nil)
				j = len(cur.Content) - 1
			}
			p = place{cur, j}
		}
		trail = append(trail, p)
		if i == len(path)-1 {
			break
		}
		if mode == walkRead {
			cur = *p.slot()
		} else {
			cur = descend(p.slot(), typ, mode, made)
		}
		done = s.String(done)
	}
	return trail, nil
}

// knownKeys returns the error of the first key of path that its mapping, of the file struct
// typ or a struct under it, has no field of, as the check of the file words it, and nil if
// there is none. --set refuses it before it tries a step the key makes impossible or adds the
// keys that lead to it: --set interventionz[0].action=x says that interventionz is an unknown
// key, not that it is not a list.
func knownKeys(typ reflect.Type, path []segment) error {
	root, done := typ, ""
	for _, s := range path {
		parent := derefType(typ)
		if parent != nil && parent.Kind() == reflect.Slice && s.index < 0 && s.key != "" && strings.Trim(s.key, "0123456789") == "" {
			if n, err := strconv.Atoi(s.key); err == nil {
				s = segment{index: n} // interventions.0 is interventions[0], as walkFrom reads it
			}
		}
		if s.index < 0 && parent != nil && parent.Kind() == reflect.Struct && !parent.Implements(shaperType) {
			if fi := fieldsOf(parent); fi.types[s.key] == nil {
				return fmt.Errorf("%s: %s", s.String(done), unknownKey(s.key, fi, root))
			}
		}
		typ = fieldType(typ, s)
		done = s.String(done)
	}
	return nil
}

// derefType returns typ less its pointers, or nil.
func derefType(typ reflect.Type) reflect.Type {
	for typ != nil && typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	return typ
}

// descend returns the node at *slot ready to hold a field of type typ: an empty or null slot
// becomes a new mapping (a list, where typ is one), and a single number where a mapping by
// need is wanted becomes that mapping with the number for every need. In walkEdit any other
// single value becomes an empty mapping too.
func descend(slot **yaml.Node, typ reflect.Type, mode walkMode, made func(n, from *yaml.Node)) *yaml.Node {
	n := *slot
	if n == nil || isNull(n) || mode == walkEdit && n.Kind == yaml.ScalarNode && typ != reflect.TypeFor[perNeed]() {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if typ != nil && typ.Kind() == reflect.Slice {
			m.Kind, m.Tag = yaml.SequenceNode, "!!seq"
		}
		if n != nil && mode == walkEdit {
			m.LineComment = n.LineComment
		}
		made(m, nil)
		*slot = m
		return m
	}
	if typ == reflect.TypeFor[perNeed]() && n.Kind == yaml.ScalarNode {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column}
		if mode == walkEdit {
			m.LineComment = n.LineComment
		}
		made(m, n)
		for _, need := range needNames {
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: need, Line: n.Line, Column: n.Column}
			v := *n
			if mode == walkEdit {
				v.LineComment = ""
			}
			made(k, n)
			made(&v, n)
			m.Content = append(m.Content, k, &v)
		}
		*slot = m
		return m
	}
	return n
}

// keyPath returns the path of keys, as Document names fields, as a walk's path.
func keyPath(keys []string) []segment {
	segs := make([]segment, len(keys))
	for i, k := range keys {
		segs[i] = segment{key: k, index: -1}
	}
	return segs
}
