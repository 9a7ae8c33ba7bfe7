package scenarios

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// setPrefix starts the file label of nodes given by a --set override.
const setPrefix = "--set "

// applySet applies one --set override, "PATH=VALUE", to the tree. PATH is a dotted field path:
// keys, [N] for the Nth item of a list, and a name for the item of a list of named mappings
// (kinds.ifa.weekly_gbp.standard). VALUE is read as YAML flow: 360, 2027-04-01, "8 months",
// [kinship, ifa], {standard: 950}. The value replaces whatever was at PATH; missing mappings on
// the way are created. The value's nodes are labelled "--set PATH=VALUE", so later problems
// with them name the override.
func (t *tree) applySet(raw string) {
	label := setPrefix + raw
	fail := func(format string, args ...any) {
		t.errs = append(t.errs, &Error{File: label, Message: fmt.Sprintf(format, args...)})
	}
	p, val, ok := strings.Cut(raw, "=")
	p = strings.TrimSpace(p)
	if !ok || p == "" {
		fail("want PATH=VALUE, such as entries.per_year=360")
		return
	}
	segs, err := splitPath(p)
	if err != nil {
		fail("%s", err)
		return
	}
	if segs[0].key == "extends" {
		fail("extends cannot be set: it is resolved before overrides apply")
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(val), &doc); err != nil {
		fail("value is not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	if len(doc.Content) > 0 {
		v = doc.Content[0]
	}
	t.label(v, label)
	v.LineComment = "# " + label

	cur := t.root
	typ := reflect.TypeFor[fileScenario]()
	done := ""
	for i, s := range segs {
		last := i == len(segs)-1
		typ = fieldType(typ, s)
		switch {
		case s.index >= 0 || cur.Kind == yaml.SequenceNode:
			if cur.Kind != yaml.SequenceNode {
				fail("%s is not a list", done)
				return
			}
			j := s.index
			if j < 0 {
				j = -1
				for k, item := range cur.Content {
					if itemName(item) == s.key {
						j = k
						break
					}
				}
				if j < 0 {
					var have []string
					for _, item := range cur.Content {
						if n := itemName(item); n != "" {
							have = append(have, n)
						}
					}
					fail("%s has no item named %q%s", done, s.key, suggest(s.key, have))
					return
				}
			} else if j >= len(cur.Content) {
				fail("%s has %d items, so it has no [%d]", done, len(cur.Content), j)
				return
			}
			if last {
				cur.Content[j] = v
				return
			}
			cur = t.descend(&cur.Content[j], typ, label)
		default:
			if cur.Kind != yaml.MappingNode {
				fail("%s is a single value, not a mapping", done)
				return
			}
			k := lookupKey(cur, s.key)
			if k == nil {
				k = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s.key}
				t.origin[k] = label
				cur.Content = append(cur.Content, k, nil)
			}
			idx := 0
			for m := 0; m < len(cur.Content); m += 2 {
				if cur.Content[m] == k {
					idx = m + 1
				}
			}
			if last {
				cur.Content[idx] = v
				return
			}
			if cur.Content[idx] == nil {
				cur.Content[idx] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
			}
			cur = t.descend(&cur.Content[idx], typ, label)
		}
		done = segs[i].String(done)
	}
}

// descend returns the node at *slot ready to hold a field of type typ: an empty or null slot
// becomes a new mapping, and a single number where a mapping by need is wanted becomes that
// mapping with the number for every need.
func (t *tree) descend(slot **yaml.Node, typ reflect.Type, label string) *yaml.Node {
	n := *slot
	if n == nil || isNull(n) {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		t.origin[m] = label
		if typ != nil && typ.Kind() == reflect.Slice {
			m.Kind, m.Tag = yaml.SequenceNode, "!!seq"
		}
		*slot = m
		return m
	}
	if typ == reflect.TypeFor[perNeed]() && n.Kind == yaml.ScalarNode {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column}
		t.origin[m] = t.origin[n]
		for _, need := range needNames {
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: need, Line: n.Line, Column: n.Column}
			v := *n
			t.origin[k], t.origin[&v] = t.origin[n], t.origin[n]
			m.Content = append(m.Content, k, &v)
		}
		*slot = m
		return m
	}
	return n
}

// label marks n and everything under it as given by an override.
func (t *tree) label(n *yaml.Node, label string) {
	t.origin[n] = label
	for _, c := range n.Content {
		t.label(c, label)
	}
}

// segment is one step of a --set path: a key, or an index when index >= 0.
type segment struct {
	key   string
	index int
}

func (s segment) String(before string) string {
	if s.index >= 0 {
		return fmt.Sprintf("%s[%d]", before, s.index)
	}
	return join(before, s.key)
}

// splitPath splits "ladders[0].try" into ladders, [0], try.
func splitPath(p string) ([]segment, error) {
	var segs []segment
	for _, part := range strings.Split(p, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" && (len(segs) == 0 || rest == "") {
			return nil, fmt.Errorf("path %q has an empty step", p)
		}
		if key != "" {
			segs = append(segs, segment{key: key, index: -1})
		}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || i < 0 {
				return nil, fmt.Errorf("path %q: want [N] with N a whole number >= 0", p)
			}
			segs = append(segs, segment{index: i})
			if after == "" {
				break
			}
			if after[0] != '[' {
				return nil, fmt.Errorf("path %q: want . or [ after ]", p)
			}
			rest = after[1:]
		}
	}
	return segs, nil
}

// fieldType returns the type of the value a path step leads to from typ, or nil when the
// step names no field (the schema walk reports it).
func fieldType(typ reflect.Type, s segment) reflect.Type {
	for typ != nil && typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch {
	case typ == nil:
		return nil
	case typ.Kind() == reflect.Slice:
		return typ.Elem()
	case typ.Kind() == reflect.Struct && s.index < 0:
		return fieldsOf(typ).types[s.key]
	}
	return nil
}
