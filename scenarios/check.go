package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// The schema walk is the strict half of decoding. It compares the merged tree with the file
// structs, by their yaml tags, before yaml.v3 fills them in: every key must name a field
// (yaml.v3's KnownFields(true), but reported with a did-you-mean and the position in the file
// the key came from, which a single decoder cannot know once extends has merged files), no key
// may be given twice, and every value must have the shape its field expects. On the way it
// indexes the node of every field path, so that problems found later, by conversion or by
// model.Validate, can be placed in the file.

type shaper interface{ shape() shape }

var shaperType = reflect.TypeFor[shaper]()

// fieldInfo is a struct's fields by yaml key, and the keys in order.
type fieldInfo struct {
	types map[string]reflect.Type
	keys  []string
}

var fieldCache sync.Map // reflect.Type → *fieldInfo

func fieldsOf(t reflect.Type) *fieldInfo {
	if fi, ok := fieldCache.Load(t); ok {
		return fi.(*fieldInfo)
	}
	fi := &fieldInfo{types: map[string]reflect.Type{}}
	for f := range t.Fields() {
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		fi.types[key] = f.Type
		fi.keys = append(fi.keys, key)
	}
	fieldCache.Store(t, fi)
	return fi
}

// check walks node n, which should hold a value of type typ, at field path p.
func (t *tree) check(n *yaml.Node, typ reflect.Type, p string) {
	if p != "" {
		t.index(p, n)
	}
	if isNull(n) {
		return
	}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ.Implements(shaperType) {
		t.checkValue(n, reflect.Zero(typ).Interface().(shaper).shape(), p)
		return
	}
	switch typ.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			t.shapeErr(n, p, "must be a mapping of %s, not %s", listKeys(fieldsOf(typ).keys), describe(n))
			return
		}
		fi := fieldsOf(typ)
		t.mapping(n, p, func(k, v *yaml.Node, kp string) {
			ft, ok := fi.types[k.Value]
			if !ok {
				t.errAt(k, kp, "%s", t.unknownKeyIn(n, typ, k.Value, fi))
				return
			}
			t.check(v, ft, kp)
		})
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			t.shapeErr(n, p, "must be a list, not %s", describe(n))
			// A file that writes a list as a mapping or a single value, as a --set of that
			// shape does, leaves the rest of the scenario naming what the list held (a kind,
			// a zone): only this is reported, not its follow-ons.
			t.setBroke = true
			return
		}
		for i, item := range n.Content {
			ip := fmt.Sprintf("%s[%d]", p, i)
			if isNull(item) {
				t.index(ip, item)
				t.errAt(item, ip, "list item is empty")
				continue
			}
			t.check(item, typ.Elem(), ip)
		}
	default:
		panic("scenarios: file struct field of unexpected type " + typ.String())
	}
}

// firstAt says where first, a key that dup gives again, is: "on line 12" of dup's own file,
// "on line 312 of default.yaml" of another, or "in --set PATH=VALUE".
func (t *tree) firstAt(first, dup *yaml.Node) string {
	file := func(n *yaml.Node) string {
		if o := t.origin[n]; o != "" {
			return o
		}
		return t.top
	}
	switch f := file(first); {
	case strings.HasPrefix(f, setPrefix):
		if f == file(dup) {
			return "in the same --set"
		}
		return "in " + f
	case f != file(dup):
		return fmt.Sprintf("on line %d of %s", first.Line, f)
	}
	return fmt.Sprintf("on line %d", first.Line)
}

// mapping calls f on each key and value of mapping n after checking that the keys are plain
// names given once, and indexes the keys. It drops the pairs it reports, so that decoding
// (which gives up on a mapping with a key given twice) sees the rest.
func (t *tree) mapping(n *yaml.Node, p string, f func(k, v *yaml.Node, kp string)) {
	seen := map[string]*yaml.Node{}
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			t.errAt(k, p, "keys must be plain names, not %s", describe(k))
			continue
		}
		if j := commaSplit(n, k, v); j >= 0 {
			// {count: 1,198}: the comma of a number ends the value and begins a key.
			pk, pv := n.Content[j], n.Content[j+1]
			whole := pv.Value + "," + k.Value
			if strings.Contains(pv.Value, "£") || strings.Contains(join(p, pk.Value), "_gbp") {
				t.errAt(pv, join(p, pk.Value), "a comma splits a { } mapping: quote %q, or write %s", whole, pv.Value+k.Value)
			} else {
				t.errAt(pv, join(p, pk.Value), "a comma splits a { } mapping: write %s", pv.Value+k.Value)
			}
			continue
		}
		kp := join(p, k.Value)
		if first, dup := seen[canonicalKey(k.Value)]; dup {
			t.errAt(k, kp, "given twice (first %s)", t.firstAt(first, k))
			continue
		}
		seen[canonicalKey(k.Value)] = k
		t.keys[kp] = k
		kept = append(kept, k, v)
		f(k, v, kp)
	}
	n.Content = kept
}

// commaSplit returns the index in mapping n of the key whose value a comma split, when key k,
// with value v, is the digits after the comma of a number written with one, such as the 198
// of {count: 1,198}: a key of digits alone, without a value, right after the comma that ends
// a number. It returns -1 otherwise. (A file that extends another is merged before this
// walk, so the split value need not come just before k.)
func commaSplit(n, k, v *yaml.Node) int {
	if k.Style != 0 || !isNull(v) || v.Value != "" || k.Value == "" || strings.Trim(k.Value, "0123456789") != "" {
		return -1
	}
	for j := 0; j+1 < len(n.Content); j += 2 {
		prev := n.Content[j+1]
		if prev.Kind != yaml.ScalarNode || prev.Style != 0 || prev.Value == "" || prev.Line != k.Line ||
			k.Column != prev.Column+utf8.RuneCountInString(prev.Value)+1 {
			continue
		}
		if last := prev.Value[len(prev.Value)-1]; last >= '0' && last <= '9' {
			return j
		}
	}
	return -1
}

// checkValue checks the shape of the value of a wrapper field.
func (t *tree) checkValue(n *yaml.Node, sh shape, p string) {
	scalars := func(n *yaml.Node, p string) {
		if n.Kind != yaml.ScalarNode {
			t.shapeErr(n, p, "must be a single value, not %s", describe(n))
		}
	}
	switch {
	case n.Kind == yaml.ScalarNode && sh != mappingShape:
		return
	case n.Kind == yaml.SequenceNode && sh == listShape:
		for i, item := range n.Content {
			ip := fmt.Sprintf("%s[%d]", p, i)
			t.index(ip, item)
			scalars(item, ip)
		}
	case n.Kind == yaml.MappingNode && (sh == mappingShape || sh == numberOrMapShape):
		t.mapping(n, p, func(_, v *yaml.Node, kp string) {
			t.index(kp, v)
			scalars(v, kp)
		})
	default:
		want := map[shape]string{
			scalarShape:      "a single value",
			listShape:        "a name or a list of names",
			mappingShape:     "a mapping",
			numberOrMapShape: "a number or a mapping by need",
		}[sh]
		if sh == listShape && t.rootType == reflect.TypeFor[fileRegion]() && strings.HasSuffix(p, ".set") {
			// A council's set holds overrides of its scenario, as --set gives them.
			want = "a PATH=VALUE override or a list of them, such as [entries.per_year=360]"
		}
		t.shapeErr(n, p, "must be %s, not %s", want, describe(n))
	}
}

// shapeErr records that node n, at field path p, is not of the shape its field wants, and
// whether a --set gave it: a --set that replaces a whole mapping or list with a single value
// leaves the rest of the scenario naming what it removed, and those problems are not reported
// (see setBroke).
func (t *tree) shapeErr(n *yaml.Node, p, format string, args ...any) {
	t.errAt(n, p, format, args...)
	if strings.HasPrefix(t.origin[n], setPrefix) {
		t.setBroke = true
	}
}

// index records that field path p has node n.
func (t *tree) index(p string, n *yaml.Node) {
	t.paths[p] = n
	if _, ok := t.pathOf[n]; !ok {
		t.pathOf[n] = p
	}
}

func join(p, key string) string {
	if p == "" {
		return key
	}
	return p + "." + key
}

// unknownKeyIn is the message of key, which mapping n, of the file struct typ with fields
// fi, has no field of (unknownKey). In an intervention, a key named after an action is that
// action written as a key, and beds, in an action whose count is of beds, that count: each is
// said once, here, and the intervention's conversion does not add that its action or count is
// missing (see conv.intervention).
func (t *tree) unknownKeyIn(n *yaml.Node, typ reflect.Type, key string, fi *fieldInfo) string {
	if typ == reflect.TypeFor[fileIntervention]() {
		if contains(actionNames, key) {
			a, _ := model.ParseAction(key)
			return fmt.Sprintf("unknown key %q: %s is an action, not a key: write action: %s, with the fields it reads (%s) beside it in the intervention, not under %s",
				key, key, key, strings.Join(ivReads(a), ", "), key)
		}
		if a := lookup(n, "action"); a != nil && a.Kind == yaml.ScalarNode && key == "beds" {
			if act, err := model.ParseAction(strings.TrimSpace(a.Value)); err == nil && countIsBeds(act) {
				count := "N"
				if v := lookup(n, "beds"); v != nil && v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" {
					count = strings.TrimSpace(v.Value)
				}
				return fmt.Sprintf("%s takes count (beds), not beds: write count: %s", act, count)
			}
		}
	}
	return unknownKey(key, fi, t.rootType)
}

// countIsBeds reports whether action a's count is a number of beds (open_home, block_beds):
// a count written beds is said once, as such, not as both an unknown key and a missing count.
func countIsBeds(a model.Action) bool {
	return a == model.OpenHome || a == model.BlockBeds
}

// ivReads returns the fields action a reads besides action, label and from (ivFields, without
// the marks of those that must be given).
func ivReads(a model.Action) []string {
	var out []string
	for _, r := range ivFields[a] {
		out = append(out, strings.TrimSuffix(r, "*"))
	}
	return out
}

// unknownKey is the message of key, which the mapping of fields fi has no field of, with the
// key meant where one is near, and, when key is a field elsewhere in the schema of root (the
// file struct of the file, nil for none), where it belongs: "carers" at the top level of a
// scenario is kinds[].carers.
func unknownKey(key string, fi *fieldInfo, root reflect.Type) string {
	if _, who := fi.types["who"]; who && (key == "ages" || key == "needs") {
		// An intervention selects children as a ladder does, under who.
		return fmt.Sprintf("unknown key %q (children are selected under who: who: {%s: ...})", key, key)
	}
	if places := placesOf(root, key, fi.keys); len(places) > 0 {
		const named = 4
		list := strings.Join(places[:min(named, len(places))], " or ")
		if len(places) > named {
			list = strings.Join(places[:named], ", ") + fmt.Sprintf(" or %d more", len(places)-named)
		}
		hint := ""
		if near := suggest(key, fi.keys); strings.HasPrefix(near, " (did you mean ") {
			hint = "; or did you mean " + strings.TrimPrefix(strings.TrimSuffix(near, ")"), " (did you mean ")
		}
		return fmt.Sprintf("unknown key %q here: it belongs at %s%s", key, list, hint)
	}
	return fmt.Sprintf("unknown key %q%s", key, suggestKey(key, fi.keys))
}

// placesOf returns the field paths of the schema of the file struct root where key is a field,
// each list's items written [] ("kinds[].carers"), shallowest first; none for a nil root. Of
// several, it keeps those in the mappings most like the one key was found in, which has the
// fields here: those sharing the most fields with it (a stay rule's kinds is stock_stays[].kinds,
// a rule of the same shape, not the scenario's list of kinds), or all when none shares any.
func placesOf(root reflect.Type, key string, here []string) []string {
	type place struct {
		path         string
		depth, alike int
	}
	var out []place
	var visit func(typ reflect.Type, p string, depth int, stack []reflect.Type)
	visit = func(typ reflect.Type, p string, depth int, stack []reflect.Type) {
		typ = derefType(typ)
		if typ == nil || typ.Implements(shaperType) || slices.Contains(stack, typ) {
			return
		}
		switch typ.Kind() {
		case reflect.Slice:
			visit(typ.Elem(), p+"[]", depth, stack)
		case reflect.Struct:
			stack = append(stack, typ)
			fi := fieldsOf(typ)
			if slices.Contains(fi.keys, key) {
				alike := 0
				for _, k := range fi.keys {
					if slices.Contains(here, k) {
						alike++
					}
				}
				out = append(out, place{join(p, key), depth, alike})
			}
			for _, k := range fi.keys {
				visit(fi.types[k], join(p, k), depth+1, stack)
			}
		}
	}
	if root != nil {
		visit(root, "", 0, nil)
	}
	most := 0
	for _, o := range out {
		most = max(most, o.alike)
	}
	out = slices.DeleteFunc(out, func(o place) bool { return o.alike < most })
	slices.SortStableFunc(out, func(a, b place) int { return a.depth - b.depth })
	var paths []string
	for _, o := range out {
		paths = append(paths, o.path)
	}
	return paths
}

// suggestKey returns a did-you-mean for a mistyped key, or the list of allowed keys.
func suggestKey(got string, keys []string) string {
	s := suggest(got, keys)
	if strings.HasPrefix(s, " (want one of ") {
		return " (allowed: " + strings.TrimPrefix(s, " (want one of ")
	}
	return s
}

// listKeys returns "a, b and c" for up to six keys, and "a, b, c, ..." for more.
func listKeys(keys []string) string {
	if len(keys) > 6 {
		return strings.Join(keys[:4], ", ") + ", ..."
	}
	if len(keys) < 2 {
		return strings.Join(keys, "")
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
}
