package scenarios

import (
	"fmt"
	"reflect"
	"slices"
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
	// Nothing after the = is YAML's null, which would leave the field at its default (0 for
	// most) without a word.
	if strings.TrimSpace(val) == "" {
		fail("%s: no value after the =: write the value it is to take, %s=VALUE", p, p)
		return
	}
	if segs[0].key == "extends" {
		fail("extends cannot be set: it is resolved before overrides apply")
		return
	}
	if segs[0].key == "size" {
		fail("size cannot be set: it scales the scenario the file extends, which is resolved before overrides apply: give it in the file, beside extends")
		return
	}
	if slices.ContainsFunc(segs, func(s segment) bool { return s.key == "replace_homes" }) || hasKey(val, "replace_homes") {
		fail("replace_homes cannot be set: it says how a file's homes meet those of the scenario it extends, which is resolved before overrides apply: give it in the file, beside the kind's homes")
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(val), &doc); err != nil {
		if _, col, b, bad := firstNotUTF8([]byte(val)); bad {
			fail("value is not in UTF-8: %s, character %d of the value, is not UTF-8 text; type it in a terminal set to UTF-8, or save the script that gives it as UTF-8", byteWords(b), col)
			return
		}
		fail("value is not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	if len(doc.Content) > 0 {
		v = doc.Content[0]
	}
	t.label(v, label)
	v.LineComment = "# " + label

	trail, err := walkFrom(t.root, t.rootType, segs, walkSet, func(n, from *yaml.Node) {
		if from != nil {
			t.origin[n] = t.origin[from]
		} else {
			t.origin[n] = label
		}
	})
	if err != nil {
		fail("%s", err)
		return
	}
	// Two overrides of one field would keep the last without a word, however each names it
	// (kinds[3].weekly_gbp, kinds.ifa.weekly_gbp): the places walked to say which field it
	// is. So would an override of a field that holds one given before it, which it replaces
	// whole. One of a part of a field given before it changes that part of its value
	// (kinds.ifa.weekly_gbp=900, then kinds.ifa.weekly_gbp.standard=800).
	at := trailPath(trail)
	for _, o := range t.sets {
		switch {
		case o.path == at:
			fail("sets %s, which --set %s sets too: give it once", at, o.raw)
			return
		case within(o.path, at):
			fail("sets %s, which holds %s, which --set %s sets before it: this value would replace that one whole; give this --set first, so that the other changes its part, or both in one value", at, o.path, o.raw)
			return
		}
	}
	t.sets = append(t.sets, setAt{path: at, raw: raw, index: trailIndex(trail), typed: p})
	*trail[len(trail)-1].slot() = v
}

// setAt is a --set override applied to a tree: the field it sets, by the places walked to it
// (kinds.ifa.weekly_gbp however the --set names the kind), and the override as given; the field
// by the positions of its list items (kinds[3].weekly_gbp), as problems name it, and as typed.
type setAt struct{ path, raw, index, typed string }

// trailIndex writes the field a walk reached as keys and the indices of list items, as the
// problems of the scenario name it (kinds[3].weekly_gbp).
func trailIndex(trail []place) string {
	var b strings.Builder
	for _, p := range trail {
		switch {
		case p.parent.Kind == yaml.SequenceNode:
			fmt.Fprintf(&b, "[%d]", p.i)
		case p.i > 0:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p.parent.Content[p.i-1].Value)
		}
	}
	return b.String()
}

// typedField returns field, a problem's path in the tree, as --set raw typed it when it lies
// at or within the field raw sets (kinds.ifa.weekly_gbp, not kinds[3].weekly_gbp, the path the
// user did not type); field as it is otherwise.
func (t *tree) typedField(raw, field string) string {
	for _, o := range t.sets {
		if o.raw == raw && within(field, o.index) {
			return o.typed + field[len(o.index):]
		}
	}
	return field
}

// trailPath writes the field a walk reached as keys, names of named list items and indices of
// others, the same however the path walked named the items (kinds[3] or kinds.ifa).
func trailPath(trail []place) string {
	var b strings.Builder
	for _, p := range trail {
		name := ""
		if n := p.parent.Content[p.i]; n != nil {
			name = itemName(n)
		}
		switch {
		case p.parent.Kind == yaml.SequenceNode && name != "" && !strings.ContainsAny(name, ".[]= "):
			b.WriteString("." + name)
		case p.parent.Kind == yaml.SequenceNode:
			fmt.Fprintf(&b, "[%d]", p.i)
		case p.i > 0:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p.parent.Content[p.i-1].Value)
		}
	}
	return b.String()
}

// hasKey reports whether val, a --set value, is YAML with a mapping that has key, at any depth.
func hasKey(val, key string) bool {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(val), &doc) != nil {
		return false // the value's own problem is reported
	}
	var has func(n *yaml.Node) bool
	has = func(n *yaml.Node) bool {
		return n.Kind == yaml.MappingNode && lookupKey(n, key) != nil || slices.ContainsFunc(n.Content, has)
	}
	return has(&doc)
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

// IsMoneyPath reports whether the scenario field at path, as --set names it
// (emergency.weekly_gbp, kinds.ifa.weekly_gbp.standard), is a sum of pounds, which a value
// given for it may write as money (£12,000, 1.1m; see ParseGBP).
func IsMoneyPath(path string) bool {
	segs, err := splitPath(strings.TrimSpace(path))
	if err != nil {
		return false
	}
	typ := reflect.TypeFor[fileScenario]()
	for i, s := range segs {
		next := fieldType(typ, s)
		if derefType(next) == reflect.TypeFor[gbp]() && i == len(segs)-1 {
			return true
		}
		// A price by need, one sum for all needs or one need's.
		if derefType(next) == reflect.TypeFor[perNeed]() && strings.HasSuffix(s.key, "_gbp") {
			return i == len(segs)-1 || i == len(segs)-2 && segs[i+1].index < 0
		}
		typ = next
	}
	return false
}

// IsCountPath reports whether the scenario field path (as --set and --vary name it) takes a
// whole number: a count of households, places or years.
func IsCountPath(path string) bool {
	segs, err := splitPath(strings.TrimSpace(path))
	if err != nil || len(segs) == 0 {
		return false
	}
	typ := reflect.TypeFor[fileScenario]()
	for _, s := range segs {
		typ = fieldType(typ, s)
	}
	return typ != nil && derefType(typ) == reflect.TypeFor[count]()
}
