package scenarios

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is a scenario file being edited as text, as the browser workspace edits it: a
// change to one field leaves the rest of the file (its other fields, their order and their
// comments) as it was. A Document is not checked against the scenario format: Parse or Load
// its Text for that.
//
// A field is named by a path of keys from the top of the file. The step after "kinds" is the
// name of a kind, the item of the kinds list with that name: ["kinds", "ifa", "weekly_gbp",
// "standard"] is the standard-need weekly price of the kind named ifa. A note is kept as the
// line comment of a field's value ("approvals_per_year: 30 # our target").
//
// The file's own interventions are numbered from 0 in the order the file lists them; the
// interventions of the files it extends are not in the Document.
type Document struct {
	doc  *yaml.Node // the document node, which holds the file's heading comment
	root *yaml.Node // the mapping at the top of the document
}

// ParseDocument reads a scenario file's text for editing. An empty text, or one of comments
// only (which are not kept), is a file with no fields. Text that is not YAML, or whose top is not a mapping of
// fields, is an error.
func ParseDocument(text string) (*Document, error) {
	text = string(trimBOMs([]byte(text)))
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		line, col, words := syntaxProblem([]byte(text), err.Error())
		at := fmt.Sprintf("line %d", line)
		if col > 0 {
			at += fmt.Sprintf(", column %d", col)
		}
		return nil, fmt.Errorf("the scenario file is not valid YAML: %s: %s", at, words)
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the scenario file must be a mapping of fields (name: ..., extends: ...)")
	}
	return &Document{doc: &doc, root: doc.Content[0]}, nil
}

// Text returns the file's text: YAML with two spaces an indent, comments kept where they
// were read or set.
func (d *Document) Text() string {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(d.doc); err != nil {
		// The tree was read from YAML and only given scalars, mappings and lists.
		panic("scenarios: encoding an edited document: " + err.Error())
	}
	enc.Close()
	return strings.TrimLeft(b.String(), "\n")
}

// String returns the value of top-level field key when it is a single value ("name",
// "extends", "description"), or "".
func (d *Document) String(key string) string {
	if n := lookup(d.root, key); n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

// SetString sets top-level field key to the text v, written as a string whatever it holds (a
// name "2027" stays the text 2027), or removes the field when v is "".
func (d *Document) SetString(key, v string) {
	if v == "" {
		deleteKey(d.root, key)
		return
	}
	n := ensureKey(d.root, key, yaml.ScalarNode)
	n.Kind, n.Tag, n.Value, n.Style = yaml.ScalarNode, "!!str", v, 0
	n.Content = nil
}

// Field returns the value and note of the field at path, and whether the file has it. A
// field that is not a single value (a mapping, a list) reads as "".
func (d *Document) Field(path []string) (value, note string, ok bool) {
	n := d.field(path)
	if n == nil {
		return "", "", false
	}
	return n.Value, noteOf(n), true
}

// SetField sets the field at path to value, written as YAML reads it (30, 0.11, 2027-04-01),
// with note as its comment ("" for none). The mappings and kinds on the way are added where
// the file has none; a single price for every need, on the way to a price by need, becomes a
// price by need with the same value for the other needs.
func (d *Document) SetField(path []string, value, note string) {
	if len(path) == 0 {
		return
	}
	// walkEdit makes its way through whatever the file holds, so it returns no error.
	trail, _ := walk(d.root, keyPath(path), walkEdit, nil)
	slot := trail[len(trail)-1].slot()
	if *slot == nil {
		*slot = &yaml.Node{Kind: yaml.ScalarNode}
	}
	setScalar(*slot, value)
	setNote(*slot, note)
}

// DeleteField removes the field at path, and any mapping or kind left empty by it (a kind
// left with only its name is empty), so that the files the document extends decide it.
func (d *Document) DeleteField(path []string) {
	trail, _ := walk(d.root, keyPath(path), walkRead, nil)
	for i := len(trail) - 1; i >= 0; i-- {
		p := trail[i]
		if i < len(trail)-1 && !empty(*p.slot(), p.parent.Kind == yaml.SequenceNode) {
			return
		}
		if p.parent.Kind == yaml.SequenceNode {
			p.parent.Content = slices.Delete(p.parent.Content, p.i, p.i+1)
		} else {
			p.parent.Content = slices.Delete(p.parent.Content, p.i-1, p.i+1)
		}
	}
}

// empty reports whether a mapping or list left by DeleteField holds nothing: an item of a
// list holding only its name holds nothing either.
func empty(n *yaml.Node, item bool) bool {
	return len(n.Content) == 0 || item && len(n.Content) == 2 && n.Content[0].Value == "name"
}

// field returns the node at path, or nil when the file has no such field.
func (d *Document) field(path []string) *yaml.Node {
	trail, _ := walk(d.root, keyPath(path), walkRead, nil)
	if len(trail) == 0 {
		return nil
	}
	return *trail[len(trail)-1].slot()
}

// Interventions returns the number of the file's own interventions.
func (d *Document) Interventions() int {
	if seq := d.interventions(); seq != nil {
		return len(seq.Content)
	}
	return 0
}

// Intervention returns the number of the first of the file's own interventions with action
// and kind ("open", "inhouse_home"), or -1 when it has none.
func (d *Document) Intervention(action, kind string) int {
	seq := d.interventions()
	if seq == nil {
		return -1
	}
	for i, it := range seq.Content {
		a, k := lookup(it, "action"), lookup(it, "kind")
		if a != nil && k != nil && a.Value == action && k.Value == kind {
			return i
		}
	}
	return -1
}

// AddIntervention appends an intervention with fields, key and value pairs written in order
// ({"action", "recruit"}, {"kind", "inhouse_foster"}, {"extra_approvals_per_year", "12"}),
// and returns its number.
func (d *Document) AddIntervention(fields [][2]string) int {
	seq := ensureKey(d.root, "interventions", yaml.SequenceNode)
	it := &yaml.Node{Kind: yaml.MappingNode}
	seq.Content = append(seq.Content, it)
	for _, kv := range fields {
		setScalar(ensureKey(it, kv[0], yaml.ScalarNode), kv[1])
	}
	return len(seq.Content) - 1
}

// RemoveIntervention removes intervention i; the interventions after it move up one. The
// interventions list goes when it is left empty. An i out of range changes nothing.
func (d *Document) RemoveIntervention(i int) {
	seq := d.interventions()
	if seq == nil || i < 0 || i >= len(seq.Content) {
		return
	}
	seq.Content = append(seq.Content[:i], seq.Content[i+1:]...)
	if len(seq.Content) == 0 {
		deleteKey(d.root, "interventions")
	}
}

// InterventionField returns the value and note of field key of intervention i, and whether
// it has key. A field that is not a single value reads as "". A key with dots
// ("cost.per_unit_gbp") names a field of a mapping of the intervention.
func (d *Document) InterventionField(i int, key string) (value, note string, ok bool) {
	n := lookupDotted(d.interventionNode(i), key)
	if n == nil {
		return "", "", false
	}
	return n.Value, noteOf(n), true
}

// SetInterventionField sets field key of intervention i to value, written as YAML reads it,
// keeping its note. A key with dots ("cost.per_unit_gbp") names a field of a mapping of the
// intervention, which is added where it has none. An i out of range changes nothing.
func (d *Document) SetInterventionField(i int, key, value string) {
	it := d.interventionNode(i)
	if it == nil {
		return
	}
	keys := strings.Split(key, ".")
	for _, k := range keys[:len(keys)-1] {
		it = ensureKey(it, k, yaml.MappingNode)
	}
	setScalar(ensureKey(it, keys[len(keys)-1], yaml.ScalarNode), value)
}

// lookupDotted returns the value of key in mapping n, where a key with dots
// ("cost.per_unit_gbp") names a field of a mapping within n, or nil.
func lookupDotted(n *yaml.Node, key string) *yaml.Node {
	for _, k := range strings.Split(key, ".") {
		n = lookup(n, k)
	}
	return n
}

// SetInterventionNote sets the note of field key of intervention i ("" removes it). A field
// the intervention does not have, or an i out of range, changes nothing.
func (d *Document) SetInterventionNote(i int, key, note string) {
	if n := lookupDotted(d.interventionNode(i), key); n != nil {
		setNote(n, note)
	}
}

// interventions returns the file's own interventions list, or nil.
func (d *Document) interventions() *yaml.Node {
	if n := lookup(d.root, "interventions"); n != nil && n.Kind == yaml.SequenceNode {
		return n
	}
	return nil
}

// interventionNode returns intervention i, or nil.
func (d *Document) interventionNode(i int) *yaml.Node {
	seq := d.interventions()
	if seq == nil || i < 0 || i >= len(seq.Content) {
		return nil
	}
	return seq.Content[i]
}

// Comment returns the lines of the file's heading comment, each with its "#".
func (d *Document) Comment() []string {
	var out []string
	for _, c := range d.headComments() {
		for l := range strings.SplitSeq(*c, "\n") {
			if l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// SetComment makes the file's heading comment first, then the lines of the old one that
// keep does not drop (nil keeps them all). first is written as given, each line starting
// with "#" ("" adds no line).
func (d *Document) SetComment(first string, keep func(line string) bool) {
	cs := d.headComments()
	for _, c := range cs {
		var rest []string
		for l := range strings.SplitSeq(*c, "\n") {
			if l != "" && (keep == nil || keep(l)) {
				rest = append(rest, l)
			}
		}
		*c = strings.Join(rest, "\n")
	}
	if first != "" {
		if d.doc.HeadComment == "" {
			d.doc.HeadComment = first
		} else {
			d.doc.HeadComment = first + "\n" + d.doc.HeadComment
		}
	}
}

// headComments returns where the heading comment is kept: on the document and, as yaml.v3
// reads a file's first comment, on the first key.
func (d *Document) headComments() []*string {
	cs := []*string{&d.doc.HeadComment}
	if len(d.root.Content) > 0 {
		cs = append(cs, &d.root.Content[0].HeadComment)
	}
	return cs
}

// deleteKey removes key from mapping m.
func deleteKey(m *yaml.Node, key string) {
	if k := lookupKey(m, key); k != nil {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i] == k {
				m.Content = append(m.Content[:i], m.Content[i+2:]...)
				return
			}
		}
	}
}

// ensureKey returns the value of key in mapping m, adding it (as an empty node of kind) if
// missing, or making it an empty node of kind, with its comment kept, if of another kind.
func ensureKey(m *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
	if n := lookup(m, key); n != nil {
		if n.Kind != kind {
			*n = yaml.Node{Kind: kind, LineComment: n.LineComment}
		}
		return n
	}
	n := &yaml.Node{Kind: kind}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, n)
	return n
}

// setScalar makes n a plain scalar with value v, keeping its comment.
func setScalar(n *yaml.Node, v string) {
	n.Kind, n.Tag, n.Style, n.Value, n.Content = yaml.ScalarNode, "", 0, v, nil
}

// setNote writes note, its spaces and line breaks made single spaces, as the line comment of
// n ("" removes it).
func setNote(n *yaml.Node, note string) {
	note = strings.Join(strings.Fields(note), " ")
	if note == "" {
		n.LineComment = ""
		return
	}
	n.LineComment = "# " + note
}

// noteOf reads a note back from the line comment of n.
func noteOf(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(n.LineComment, "#"))
}
