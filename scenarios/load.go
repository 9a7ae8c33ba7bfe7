package scenarios

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// library holds the built-in scenarios: every scenario file at the top of this folder (the
// default county and the what-if library) and the validation checks; and the built-in
// regions, in regions/.
//
//go:embed *.yaml validation/*.yaml regions/*.yaml regions/stock/*.yaml
var library embed.FS

// builtins names the built-in scenarios and their files in library, sorted by name: each
// file is named by its base name without ".yaml".
var builtins = func() []struct{ name, file string } {
	var out []struct{ name, file string }
	for _, pattern := range []string{"*.yaml", "validation/*.yaml"} {
		files, _ := fs.Glob(library, pattern) // the patterns are well formed
		for _, f := range files {
			out = append(out, struct{ name, file string }{strings.TrimSuffix(path.Base(f), ".yaml"), f})
		}
	}
	slices.SortFunc(out, func(a, b struct{ name, file string }) int { return strings.Compare(a.name, b.name) })
	return out
}()

func builtinFile(name string) (string, bool) {
	for _, b := range builtins {
		if b.name == name {
			return b.file, true
		}
	}
	return "", false
}

func builtinNames() []string {
	names := make([]string, len(builtins))
	for i, b := range builtins {
		names[i] = b.name
	}
	return names
}

// maxNodes bounds the YAML nodes one file may expand to once its aliases are resolved, so that
// a file of nested aliases (a "billion laughs") is an error and not an exhausted memory. The
// default scenario has about 3,000.
const maxNodes = 100_000

// maxExtends bounds the length of a chain of extends.
const maxExtends = 32

// tree is a scenario's YAML after extends and --set: its nodes, the file each node came from,
// and, once checked, the node of every field path.
type tree struct {
	// root is the top mapping; nil when the top file could not be read.
	root *yaml.Node
	// top labels the file being parsed.
	top string
	// origin is the label of the file (or "--set PATH=VALUE") each node came from.
	origin map[*yaml.Node]string
	// paths maps each field path present in the tree to its value node, and keys to its key
	// node; both are filled by check.
	paths, keys map[string]*yaml.Node
	// pathOf is the reverse of paths.
	pathOf map[*yaml.Node]string
	// errs collects every problem found.
	errs []*Error
	// bad lists the field paths that have a reported problem.
	bad []string
	// plus holds, by field, the message of a value refused for its + sign that offers it
	// without the sign, and the one to say instead (plain) when validation refuses the value
	// without the sign too: the value is offered only when the field would take it.
	plus map[string]plusPending
	// rootType is the file struct the tree holds: fileScenario, or fileRegion.
	rootType reflect.Type
	// sets are the --set overrides applied so far, by the field each sets.
	sets []setAt
	// setBroke says a --set gave a value of the wrong shape (a single value for a mapping or
	// a list), or a file gave a list field something other than a list: what the rest of the
	// files say of what it replaced is not checked further, so that the shape is the problem
	// reported, not its follow-ons.
	setBroke bool
	// sources holds each file loaded into the tree by its label, so that a name a region
	// file gives (a council's scenario) is resolved against the file it came from.
	sources map[string]source
	// depth is, by label, how far down the chain of extends each file is: 1 for the top file,
	// 2 for the file it extends, and so on. A --set has none: it comes after every file.
	depth map[string]int
	// parentData and parentSrc are the file the top file extends, when it extends one: the
	// base its values are changes from (changed).
	parentData []byte
	parentSrc  source
	// topData and topSrc are the top file, whose values, without the --set overrides, are
	// the base a --set changes when the top file extends nothing.
	topData []byte
	topSrc  source
	// base is the scenario changes are from, worked out when first asked for (changedFrom);
	// baseDone says it was.
	base     *model.Scenario
	baseDone bool
	// files holds each file's top mapping by label, as the file wrote it (before merging),
	// and own the path of each of its nodes in it, worked out for a file when one of its
	// problems needs it (see ownField).
	files map[string]*yaml.Node
	own   map[string]map[*yaml.Node]string
	// merged holds, for each item of a list merged by name that both a file and the file it
	// extends give, the two items it was merged from: the base's and the extending file's.
	merged map[*yaml.Node][2]*yaml.Node
	// warns collects what is allowed but most likely not meant: a list that replaces one its
	// parent wrote, a change that acts on nothing.
	warns []*Error
	// replacements holds each list of a file that replaced one of the file it extends,
	// dropping some of its items.
	replacements []replacement
}

// warnAt records a warning about field at node n, named as errAt names a problem.
func (t *tree) warnAt(n *yaml.Node, field, format string, args ...any) {
	nerr, nbad := len(t.errs), len(t.bad)
	t.errAt(n, field, format, args...)
	t.warns = append(t.warns, t.errs[nerr:]...)
	t.errs, t.bad = t.errs[:nerr], t.bad[:nbad]
}

func newTree(top string) *tree {
	return &tree{
		top:      top,
		origin:   map[*yaml.Node]string{},
		paths:    map[string]*yaml.Node{},
		keys:     map[string]*yaml.Node{},
		pathOf:   map[*yaml.Node]string{},
		rootType: reflect.TypeFor[fileScenario](),
		sources:  map[string]source{},
		depth:    map[string]int{},
		files:    map[string]*yaml.Node{},
	}
}

// errAt records a problem with field at node n (at the top file's start when n is nil).
func (t *tree) errAt(n *yaml.Node, field, format string, args ...any) {
	e := &Error{File: t.top, Field: field, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		if o := t.origin[n]; o != "" {
			e.File = o
		}
		if raw, ok := strings.CutPrefix(e.File, setPrefix); ok {
			if typed := t.typedField(raw, field); typed != field {
				e.scenarioField, e.Field = field, typed // as the --set names it
			}
		} else {
			e.Line, e.Column = n.Line, n.Column
		}
		// The field as the file at fault wrote it, where the chain of extends merged its lists.
		if own := t.ownField(field, e.File); own != field {
			e.scenarioField, e.Field = field, own
		}
	} else if t.root != nil {
		e.Line, e.Column = t.root.Line, t.root.Column
	}
	t.errs = append(t.errs, e)
	if field != "" {
		t.bad = append(t.bad, field)
	}
}

// ownField returns field, a path in the merged tree, as file wrote it: a list that extends
// merges by name (kinds, homes, a region's councils) or appends to (interventions) numbers the
// items of an extending file after its parent's, where the file numbers its own from 0
// ("kinds[9].supply" of the first kind a file that extends default adds is its "kinds[0].supply").
// The longest leading part of field that names an item given by file is written as file's own
// path to it; field is returned as it is when no part does, or when file extends nothing.
func (t *tree) ownField(field, file string) string {
	if len(t.files) < 2 || !strings.Contains(field, "[") {
		return field
	}
	own := t.ownPaths(file)
	if own == nil {
		return field
	}
	// ownOf is the path in file of merged item n: its own, or that of an item it was merged
	// from.
	var ownOf func(n *yaml.Node) (string, bool)
	ownOf = func(n *yaml.Node) (string, bool) {
		if q, ok := own[n]; ok {
			return q, true
		}
		if from, ok := t.merged[n]; ok {
			if q, ok := ownOf(from[1]); ok {
				return q, true
			}
			return ownOf(from[0])
		}
		return "", false
	}
	for i := len(field) - 1; i >= 0; i-- {
		if field[i] != ']' {
			continue
		}
		if n := t.paths[field[:i+1]]; n != nil {
			if q, ok := ownOf(n); ok {
				return q + field[i+1:]
			}
		}
	}
	return field
}

// ownPaths returns the path of each node of file in it, as file wrote it, or nil for a file
// not read into the tree.
func (t *tree) ownPaths(file string) map[*yaml.Node]string {
	if paths, ok := t.own[file]; ok {
		return paths
	}
	root := t.files[file]
	if root == nil {
		return nil
	}
	paths := map[*yaml.Node]string{}
	var walk func(n *yaml.Node, p string)
	walk = func(n *yaml.Node, p string) {
		paths[n] = p
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Kind == yaml.ScalarNode {
					walk(n.Content[i+1], join(p, k.Value))
				}
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				walk(item, fmt.Sprintf("%s[%d]", p, i))
			}
		}
	}
	walk(root, "")
	if t.own == nil {
		t.own = map[string]map[*yaml.Node]string{}
	}
	t.own[file] = paths
	return paths
}

// fileErr records a problem with a whole file, such as a YAML syntax error.
func (t *tree) fileErr(label string, line, col int, format string, args ...any) {
	t.errs = append(t.errs, &Error{File: label, Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// fileKind names the kind of file the tree reads, for its problems with the whole file ("a
// scenario file", "a region file" or "a stock file"), and what its top level holds.
func (t *tree) fileKind() (kind, fields string) {
	switch t.rootType {
	case reflect.TypeFor[fileRegion]():
		return "a region file", "fields such as name, zones and councils"
	case reflect.TypeFor[fileRegionStock]():
		return "a stock file", "councils (each council's children in care at the start)"
	}
	return "a scenario file", "fields such as name, start and entries"
}

// nearest returns the node of field, or of its nearest ancestor present in the tree, or the
// root.
func (t *tree) nearest(field string) *yaml.Node {
	for p := field; p != ""; {
		if n := t.paths[p]; n != nil {
			return n
		}
		if k := t.keys[p]; k != nil {
			return k
		}
		if strings.HasSuffix(p, "]") {
			p = p[:strings.LastIndexByte(p, '[')]
		} else if i := strings.LastIndexByte(p, '.'); i >= 0 {
			p = p[:i]
		} else {
			p = ""
		}
	}
	return t.root
}

// isBad reports whether a problem was already reported within, or around, field.
func (t *tree) isBad(field string) bool {
	for _, b := range t.bad {
		if related(field, b) {
			return true
		}
	}
	return false
}

// source is where a scenario file's bytes came from.
type source struct {
	label   string // the file's name in errors
	id      string // identity, for finding cycles of extends
	builtin bool   // read from the embedded library
	dir     string // the directory extends are resolved against
	// fsys, when not nil, is the folder the file lives in: its extends are read from fsys
	// only (dir is then a path inside it), never from the rest of the file system.
	fsys fs.FS
	// quiet marks a file read only to tell what it is (a region's or a scenario's): an
	// extends of it that is not there makes no suggestion, for a suggestion reads the files
	// beside it and asks the same of them, which through a misspelt extends that leads back
	// would never end.
	quiet bool
	// memo, shared by the sources of one reading of a file and the files it extends, holds
	// what each file of the chain leads to, so that the chain is walked once (see chainMemo).
	memo *chainMemo
}

func builtinSource(file string) source {
	return source{label: file, id: "builtin:" + file, builtin: true, dir: path.Dir(file)}
}

// unnamed labels a scenario parsed with no file name.
const unnamed = "<input>"

func fileSource(name string) source {
	id := name
	if abs, err := filepath.Abs(name); err == nil {
		id = abs
	}
	label, dir := name, filepath.Dir(name)
	if name == "" {
		label, dir = unnamed, "."
	}
	return source{label: label, id: id, dir: dir}
}

// fsSource is the file at name (a path as fs.ValidPath wants it) inside folder fsys.
func fsSource(fsys fs.FS, name string) source {
	name = path.Clean(name)
	return source{label: name, id: "fs:" + name, dir: path.Dir(name), fsys: fsys}
}

// maxFileBytes bounds the size of a file that a scenario read through a folder (ParseFS)
// extends: a scenario file is a few tens of kilobytes (the default county's is 24 KB).
const maxFileBytes = 4 << 20

// loader reads a scenario file and the files it extends into one tree.
type loader struct {
	t     *tree
	stack []source // files being loaded, outermost first
	nodes int      // nodes expanded from the current file
	// region says the files are region files: their extends name built-in regions, and
	// their lists of zones, councils, markets and providers merge item by item.
	region bool
	// parent says a merge lays a file over the whole of its parent, as extends does, so that
	// a new name close to one of the parent's is a misspelling of it.
	parent bool
}

// load reads one file and the chain it extends, and returns its mapping merged over its
// parents', or nil after recording why it could not.
func (l *loader) load(data []byte, src source) *yaml.Node {
	for _, s := range l.stack {
		if s.id == src.id {
			return nil // reported by the caller, which knows the extends node
		}
	}
	l.stack = append(l.stack, src)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	l.t.sources[src.label] = src
	if len(l.stack) == 1 && !l.region {
		l.t.topData, l.t.topSrc = data, src
	}
	if _, ok := l.t.depth[src.label]; !ok {
		l.t.depth[src.label] = len(l.stack)
	}

	if src.builtin {
		if doc, ok := builtinDocs.Load(src.id); ok {
			return l.loadDoc(doc.(*yaml.Node), src)
		}
	}
	data = trimBOMs(data)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.t.fileErr(src.label, 0, 0, "file is empty")
			return nil
		}
		l.syntaxErr(src.label, data, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			l.syntaxErr(src.label, data, err)
		} else {
			kind, _ := l.t.fileKind()
			l.t.fileErr(src.label, extra.Line, extra.Column, "%s holds one YAML document, and this is a second", kind)
		}
		return nil
	}
	if src.builtin {
		// A built-in file is parsed once: loading copies the document before using it.
		builtinDocs.Store(src.id, &doc)
	}
	return l.loadDoc(&doc, src)
}

// builtinDocs holds the parsed document of each built-in file read, by source id: a region of
// 150 councils reads the default county's 150 times.
var builtinDocs sync.Map // string → *yaml.Node

// loadDoc is load of a parsed file.
func (l *loader) loadDoc(doc *yaml.Node, src source) *yaml.Node {
	if len(doc.Content) == 0 {
		l.t.fileErr(src.label, 0, 0, "file is empty")
		return nil
	}
	l.nodes = 0
	root, err := l.copyNode(doc.Content[0], src.label, map[*yaml.Node]bool{})
	if err != nil {
		l.t.fileErr(src.label, 0, 0, "%s", err)
		return nil
	}
	l.t.files[src.label] = root
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
			l.t.fileErr(src.label, 0, 0, "file is empty")
			return nil
		}
		kind, fields := l.t.fileKind()
		l.t.errAt(root, "", "%s must be a mapping of %s, not %s", kind, fields, describe(root))
		return nil
	}
	ext := lookup(root, "extends")
	sz := lookup(root, "size")
	if sz != nil && isNull(sz) || l.region {
		sz = nil
	}
	if ext == nil || isNull(ext) {
		if sz != nil {
			l.t.errAt(sz, "size", "%s", sizeNoExtends)
		}
		return root
	}
	if ext.Kind != yaml.ScalarNode || strings.TrimSpace(ext.Value) == "" {
		l.t.errAt(ext, "extends", "must name a built-in scenario or a file")
		return nil
	}
	if len(l.stack) > maxExtends {
		l.t.errAt(ext, "extends", "chain of extends is longer than %d files", maxExtends)
		return nil
	}
	resolveExt := resolveExtends
	if l.region {
		resolveExt = resolveRegionExtends
	}
	pdata, psrc, err := resolveExt(strings.TrimSpace(ext.Value), src)
	if err != nil {
		l.t.errAt(ext, "extends", "%s", err)
		return nil
	}
	psrc.memo = src.memo
	if len(l.stack) == 1 && !l.region {
		l.t.parentData, l.t.parentSrc = pdata, psrc
	}
	for i, s := range l.stack {
		if s.id == psrc.id {
			var chain []string
			for _, c := range l.stack[i:] {
				chain = append(chain, c.label)
			}
			chain = append(chain, psrc.label)
			l.t.errAt(ext, "extends", "cycle of extends: %s", strings.Join(chain, " extends "))
			return nil
		}
	}
	base := l.load(pdata, psrc)
	if base == nil {
		return nil
	}
	// The name and description of a scenario are its own: they are not inherited.
	base = l.without(base, "name", "description", "extends")
	if sz != nil {
		// Size first, then the file's own fields over the scaled scenario.
		base = l.sized(base, sz)
	}
	l.parent = true
	defer func() { l.parent = false }()
	return l.merge(base, l.without(root, "extends"), "")
}

// unreadable is the problem with file name, which exists but could not be read (err): "cannot
// be read: permission denied".
func unreadable(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s cannot be read: %w", name, err)
}

// asFileError turns the problem unreadable returns, or another about the file named ref, into
// an *Error of that file: "adir: is a folder, not a scenario file".
func asFileError(ref string, err error) *Error {
	return &Error{File: ref, Message: strings.TrimPrefix(err.Error(), ref+" ")}
}

// trimBOMs returns data without the UTF-8 byte-order marks it begins with: an editor that saves
// a file with a mark, copied into one that adds another, leaves two, and yaml.v3 drops only the
// first (the second would become part of the first key).
func trimBOMs(data []byte) []byte {
	for bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = data[3:]
	}
	return data
}

// syntaxErr records a YAML syntax error in file label, whose text is data, in plain words
// at the place it is (see syntaxProblem).
func (l *loader) syntaxErr(label string, data []byte, err error) {
	if strings.Contains(err.Error(), "UTF-8") {
		if line, col, b, bad := firstNotUTF8(data); bad {
			l.t.fileErr(label, line, col, "the file is not in UTF-8: %s here is not UTF-8 text; save the file as UTF-8 (in most editors, Save as… and choose the encoding UTF-8)", byteWords(b))
			return
		}
	}
	line, col, words := syntaxProblem(data, err.Error())
	l.t.fileErr(label, line, col, "%s", words)
}

// firstNotUTF8 returns where the first byte b of data that is not UTF-8 text is: its line
// and column (both from 1, the column in characters, as yaml.v3 counts them), or bad false when
// data is all UTF-8.
func firstNotUTF8(data []byte) (line, col int, b byte, bad bool) {
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return line, col, data[0], true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return 0, 0, 0, false
}

// byteWords names a byte that is not UTF-8 text, with the character it is in Windows-1252 (an
// editor's usual other encoding, the same as Latin-1 from 0xA0) where that is a letter or sign:
// `byte 0xE9 ("é" in Windows-1252)`.
func byteWords(b byte) string {
	if b > 0xA0 && b != 0xAD {
		return fmt.Sprintf("byte 0x%02X (\"%c\" in Windows-1252)", b, rune(b))
	}
	return fmt.Sprintf("byte 0x%02X", b)
}

// resolveExtends finds the file an extends names: a file relative to the extending file's
// directory if there is one, and otherwise a built-in scenario. A file read through a folder
// (from.fsys) extends only files in that folder: a name that reaches outside it is refused
// before anything is read, so that no error can show another file's content.
func resolveExtends(ref string, from source) ([]byte, source, error) {
	data, src, err := resolveScenarioFile(ref, from)
	src.memo = from.memo
	if err == nil && !src.builtin {
		if name, ok := RegionRecordName(data); ok {
			return nil, source{}, errors.New(regionRecordGiven(ref, name, false))
		}
	}
	if err == nil && !src.builtin && isRegionData(data, src, 0) {
		return nil, source{}, errors.New(regionGiven(ref, true, ""))
	}
	return data, src, err
}

// resolveScenarioFile is resolveExtends but for its check that the file is not a region's.
func resolveScenarioFile(ref string, from source) ([]byte, source, error) {
	// A file that names itself means the built-in of that name if there is one (a file
	// called "default" extending "default"), and is otherwise a cycle.
	_, isBuiltin := builtinFile(ref)
	looked := "" // where a relative path led, when it is not ref itself
	switch {
	case from.builtin:
		p := path.Clean(path.Join(from.dir, ref))
		if data, err := fs.ReadFile(library, p); err == nil && builtinSource(p).id != from.id {
			return data, builtinSource(p), nil
		}
	case from.fsys != nil:
		p, ok := insideFolder(from.dir, ref)
		if !ok {
			return nil, source{}, fmt.Errorf("%q is outside the scenario's folder: extend a file in the folder or a built-in scenario (built-ins: %s)", ref, strings.Join(builtinNames(), ", "))
		}
		if ext := path.Ext(p); ext != ".yaml" && ext != ".yml" {
			// Only scenario files: no other file of the folder is read, so no error can show
			// its lines.
			if file, ok := builtinFile(ref); ok {
				data, err := fs.ReadFile(library, file)
				return data, builtinSource(file), err
			}
			if _, ok := regionFile(ref); ok {
				return nil, source{}, errors.New(regionGiven(ref, false, ""))
			}
			return nil, source{}, fmt.Errorf("%q is neither a scenario file (NAME.yaml) in the scenario's folder nor a built-in scenario%s (built-ins: %s)", ref, nearBaseline(ref, from), strings.Join(builtinNames(), ", "))
		}
		st, err := fs.Stat(from.fsys, p)
		switch {
		case err == nil && st.Mode().IsRegular() && (fsSource(from.fsys, p).id != from.id || !isBuiltin):
			if st.Size() > maxFileBytes {
				return nil, source{}, fmt.Errorf("%s is %d bytes: a scenario file it extends may hold at most %d", p, st.Size(), maxFileBytes)
			}
			data, err := from.memo.read(fsSource(from.fsys, p).id, func() ([]byte, error) { return readLimited(from.fsys, p) })
			if err != nil {
				return nil, source{}, fmt.Errorf("%s cannot be read: %w", p, err)
			}
			return data, fsSource(from.fsys, p), nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			// Among others, a symbolic link that leads out of the folder.
			return nil, source{}, fmt.Errorf("%q cannot be read from the scenario's folder: %w", ref, err)
		case err == nil && st.IsDir() && !isBuiltin:
			return nil, source{}, fmt.Errorf("%s is a folder, not a scenario file", ref)
		}
	default:
		p := ref
		if !filepath.IsAbs(p) {
			p = filepath.Join(from.dir, ref)
		}
		looked = lookedFor(ref, p)
		st, err := os.Stat(p)
		switch {
		case err == nil && st.Mode().IsRegular() && (fileSource(p).id != from.id || !isBuiltin):
			data, err := from.memo.read(fileSource(p).id, func() ([]byte, error) { return os.ReadFile(p) })
			if err != nil {
				return nil, source{}, unreadable(ref, err)
			}
			return data, fileSource(p), nil
		case isBuiltin:
		case err == nil && st.IsDir():
			return nil, source{}, fmt.Errorf("%s is a folder, not a scenario file", ref)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, source{}, unreadable(ref, err)
		}
	}
	if file, ok := builtinFile(ref); ok {
		data, err := fs.ReadFile(library, file)
		return data, builtinSource(file), err
	}
	if _, ok := regionFile(ref); ok {
		return nil, source{}, errors.New(regionGiven(ref, false, ""))
	}
	near := nearBaseline(ref, from)
	builtins := strings.Join(builtinNames(), ", ")
	if strings.HasSuffix(near, " region?)") || strings.HasSuffix(near, " region file?)") {
		// Meant, most likely, as a region's extends: the regions it could name too.
		builtins += "; built-in regions: " + strings.Join(regionNames(), ", ")
	}
	if from.fsys != nil {
		return nil, source{}, fmt.Errorf("no file %q in the scenario's folder and no built-in scenario of that name%s (built-ins: %s)", ref, near, builtins)
	}
	return nil, source{}, fmt.Errorf("no file %q and no built-in scenario of that name%s (built-ins: %s)%s", ref, near, builtins, looked)
}

// maxSiblings bounds the files beside a scenario that nearBaseline weighs.
const maxSiblings = 1000

// nearBaseline returns " (did you mean NAME?)" for ref, what the extends of scenario file from
// names and is not there: NAME is the built-in scenario or region, or the file beside from,
// whose name is close to ref (see nearRef); a region, built in or a file, is said to be one
// (", a built-in region", ", a region file"): a file that gives only a name and an extends may
// be meant as a region's (extends: south-eats).
func nearBaseline(ref string, from source) string {
	return nearRef(ref, from, refScenario|refRegion)
}

// What nearRef suggests: scenarios (built in or files), regions (built in or files), or both.
const (
	refScenario = 1 << iota
	refRegion
)

// nearRef returns " (did you mean NAME?)" for ref, a name of a scenario or region (as want
// says) that is not there, named by file from (its extends) or on the command line (from is
// then the working folder, its id ""): NAME is the built-in scenario or region, or the file in
// the folder ref leads to from from's (in its fs.FS for a file read through one) whose name is
// close to ref's last element (b.yaml for b, as a built-in's name is written without .yaml),
// named as ref would name it; never from itself, nor ref as written (with or without ".yaml"),
// nor a file of a kind want leaves out, nor a file that extends from, itself or through others
// (leadsBack), which would make a cycle. When want takes both
// kinds, a region is said to be one (", a built-in region", ", a region file"). It is "" when
// none is close, and for a file read only to tell what it is (from.quiet).
func nearRef(ref string, from source, want int) string {
	if from.quiet {
		return ""
	}
	regions := regionNames()
	var choices []string
	if want&refScenario != 0 {
		choices = append(choices, builtinNames()...)
	}
	if want&refRegion != 0 {
		choices = append(choices, regions...)
	}
	// The files in the folder ref leads to, named as ref would name them.
	sub, base := path.Split(filepath.ToSlash(ref))
	dir := path.Join(from.dir, sub)
	if from.fsys == nil {
		dir = filepath.Join(from.dir, filepath.FromSlash(sub))
	}
	files := map[string]source{} // the files beside from, by the name extends would give
	named := map[string]string{} // a file's name, by its choice when that is its name without .yaml
	// A built-in is written without .yaml, and a file beside may be too (extends: b for b.yaml):
	// such a ref is weighed against the files' names without theirs.
	bare := path.Ext(ref) != ".yaml" && path.Ext(ref) != ".yml"
	if !from.builtin {
		var entries []fs.DirEntry
		if from.fsys != nil {
			entries, _ = fs.ReadDir(from.fsys, dir)
		} else {
			entries, _ = os.ReadDir(dir)
		}
		for _, e := range entries {
			if len(files) == maxSiblings {
				break
			}
			if ext := path.Ext(e.Name()); !e.Type().IsRegular() || ext != ".yaml" && ext != ".yml" {
				continue
			}
			src := fileSource(filepath.Join(dir, e.Name()))
			if from.fsys != nil {
				src = fsSource(from.fsys, path.Join(dir, e.Name()))
			}
			if src.id == from.id {
				continue
			}
			choice := e.Name()
			if stem := strings.TrimSuffix(choice, path.Ext(choice)); bare && !slices.Contains(choices, stem) {
				choice = stem
				named[choice] = e.Name()
			}
			files[choice] = src
			choices = append(choices, choice)
		}
	}
	// A built-in typed as a file ("uasc-surge.yaml", "./uasc-surge.yaml"), which is no file
	// there: the name without its folder and .yaml is the built-in's, too far from it in edits
	// for Nearest.
	if stem := strings.TrimSuffix(base, path.Ext(base)); !bare && stem != base {
		if _, isFile := files[stem]; !isFile && (want&refScenario != 0 && slices.Contains(builtinNames(), stem) || want&refRegion != 0 && slices.Contains(regions, stem)) {
			what := ""
			if slices.Contains(regions, stem) && want == refScenario|refRegion {
				what = ", a built-in region"
			}
			return " (did you mean " + stem + what + "?)"
		}
	}
	for {
		near := Nearest(base, choices)
		if near == "" {
			if want&refRegion == 0 || sub != "" {
				return ""
			}
			// A built-in region's long name shortened ("regional-coop"), too far in edits.
			if near = abbreviatedRegion(base); near == "" {
				return ""
			}
			if want == refScenario|refRegion {
				return " (did you mean " + near + ", a built-in region?)"
			}
			return " (did you mean " + near + "?)"
		}
		choices = slices.DeleteFunc(choices, func(c string) bool { return c == near })
		src, isFile := files[near]
		if !isFile && (near == base || near == base+".yaml" || near == base+".yml") {
			continue
		}
		what := ""
		if slices.Contains(regions, near) {
			what = ", a built-in region"
		}
		if isFile {
			var data []byte
			var err error
			if src.fsys != nil {
				data, err = readLimited(src.fsys, src.label)
			} else {
				data, err = os.ReadFile(src.label)
			}
			if err != nil || leadsBack(data, src, from.id) { // quiet: it suggests nothing
				continue
			}
			what = ""
			if isRegionData(data, src, 0) { // quiet: it suggests nothing
				if want&refRegion == 0 {
					continue
				}
				what = ", a region file"
			} else if want&refScenario == 0 {
				continue
			}
			if n, ok := named[near]; ok {
				near = n
			}
			near = sub + near
		}
		if want != refScenario|refRegion {
			what = ""
		}
		return " (did you mean " + near + what + "?)"
	}
}

// abbreviatedRegion returns the one built-in region whose name ref shortens, word by word:
// each of ref's words (split at hyphens) begins a word of the name, in order, the first its
// first, some words perhaps left out ("regional-coop" and "regional-care-coop" for
// regional-care-cooperative); "" when none does, or more than one, or ref is under 3 letters.
func abbreviatedRegion(ref string) string {
	if len(ref) < 3 {
		return ""
	}
	shortens := func(name string) bool {
		got, words := strings.Split(strings.ToLower(ref), "-"), strings.Split(name, "-")
		if got[0] == "" || !strings.HasPrefix(words[0], got[0]) {
			return false
		}
		j := 1
		for _, g := range got[1:] {
			for j < len(words) && (g == "" || !strings.HasPrefix(words[j], g)) {
				j++
			}
			if j == len(words) {
				return false
			}
			j++
		}
		return true
	}
	found := ""
	for _, name := range regionNames() {
		if shortens(name) {
			if found != "" {
				return ""
			}
			found = name
		}
	}
	return found
}

// leadsBack reports whether the file src, of text data, extends the file of source id back,
// itself or through the files it extends: a suggestion of it would make a cycle. The walk
// reads quietly, and stops at a built-in, at a file it cannot find or read, at a file it has
// been through, and after maxExtends files.
func leadsBack(data []byte, src source, back string) bool {
	seen := map[string]bool{}
	for depth := 0; depth <= maxExtends && !src.builtin && !seen[src.id]; depth++ {
		if src.id == back {
			return true
		}
		seen[src.id] = true
		src.quiet = true
		var doc yaml.Node
		if yaml.Unmarshal(trimBOMs(data), &doc) != nil || len(doc.Content) == 0 {
			return false
		}
		ext := lookup(doc.Content[0], "extends")
		if ext == nil || ext.Kind != yaml.ScalarNode || strings.TrimSpace(ext.Value) == "" {
			return false
		}
		memo := src.memo
		var err error
		if data, src, err = resolveScenarioFile(strings.TrimSpace(ext.Value), src); err != nil {
			return false
		}
		src.memo = memo
	}
	return false
}

// insideFolder returns the path in a folder of ref, named by a file in directory dir of the
// folder, and whether it lies inside the folder: not absolute, no volume name, no backslash,
// and no ".." that climbs above the folder's top.
func insideFolder(dir, ref string) (string, bool) {
	if path.IsAbs(ref) || filepath.IsAbs(ref) || filepath.VolumeName(ref) != "" || strings.ContainsAny(ref, "\\\x00") {
		return "", false
	}
	p := path.Join(dir, ref)
	return p, fs.ValidPath(p)
}

// readLimited reads file name of fsys, refusing one that has grown beyond maxFileBytes since
// it was looked at.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("more than %d bytes", maxFileBytes)
	}
	return data, nil
}

// copyNode returns a deep copy of n with its aliases expanded, recording label as the origin
// of every new node. It fails on an alias inside the node it refers to, and when the copy
// would exceed maxNodes. inside holds the alias targets being expanded.
func (l *loader) copyNode(n *yaml.Node, label string, inside map[*yaml.Node]bool) (*yaml.Node, error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		if inside[n.Alias] {
			return nil, fmt.Errorf("line %d: alias *%s refers to a node that holds it", n.Line, n.Value)
		}
		inside[n.Alias] = true
		defer delete(inside, n.Alias)
		return l.copyNode(n.Alias, label, inside)
	}
	if l.nodes++; l.nodes > maxNodes {
		return nil, fmt.Errorf("expands to more than %d YAML nodes through its aliases", maxNodes)
	}
	c := *n
	c.Content = nil
	c.Anchor = ""
	if n.Kind == yaml.AliasNode { // an alias with no target: keep it as null
		c = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
	}
	if n.Anchor != "" {
		inside[n] = true
		defer delete(inside, n)
	}
	for _, child := range n.Content {
		cc, err := l.copyNode(child, label, inside)
		if err != nil {
			return nil, err
		}
		c.Content = append(c.Content, cc)
	}
	l.t.origin[&c] = label
	return &c, nil
}

// merge returns over laid on base. Mappings merge key by key; lists of mappings keyed by name
// (kinds, homes) merge item by item by name, new names appended, unless a kind says
// replace_homes: true, whose homes replace its parent's; interventions and try_first are
// appended to the parent's; anything else in over replaces what base had. key is the mapping
// key that holds the two nodes.
func (l *loader) merge(base, over *yaml.Node, key string) *yaml.Node {
	return l.mergeAt(base, over, key, "")
}

// mergeAt is merge at field path p, which names the fields of its problems: when over is laid
// on its whole parent (l.parent), an item of a list merged by name whose name is not in base
// but one letter or two from a name that is, which is refused as the misspelling it most
// likely is rather than added as an item of its own.
func (l *loader) mergeAt(base, over *yaml.Node, key, p string) *yaml.Node {
	switch {
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode:
		out := l.shell(over)
		used := map[*yaml.Node]bool{}
		for i := 0; i+1 < len(base.Content); i += 2 {
			k, v := base.Content[i], base.Content[i+1]
			if ok := lookupKey(over, k.Value); ok != nil && !used[ok] {
				used[ok] = true
				if k.Value == "homes" && replacesHomes(over) {
					// The kind's homes are over's alone.
					out.Content = append(out.Content, ok, lookup(over, ok.Value))
					l.replacedHomes(v, lookup(over, ok.Value), join(p, k.Value))
					continue
				}
				out.Content = append(out.Content, ok, l.mergeAt(v, lookup(over, ok.Value), k.Value, join(p, k.Value)))
			} else if ok == nil {
				out.Content = append(out.Content, k, v)
			}
		}
		// New keys, and any key given twice, which the schema walk reports.
		for i := 0; i+1 < len(over.Content); i += 2 {
			if !used[over.Content[i]] {
				out.Content = append(out.Content, over.Content[i], over.Content[i+1])
			}
		}
		return out
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode && (key == "interventions" || key == "try_first" && !l.region):
		out := l.shell(over)
		out.Content = append(append(out.Content, base.Content...), over.Content...)
		if key == "interventions" && l.parent && !l.region {
			l.stacked(base, over, p)
		}
		return out
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode && (key == "kinds" || key == "homes" ||
		l.region && (key == "zones" || key == "councils" || key == "markets" || key == "providers" || key == "own_placements")):
		nameKey := "name"
		if l.region && (key == "markets" || key == "own_placements") {
			nameKey = "kind"
		}
		out := l.shell(over)
		used := make([]bool, len(over.Content))
		for _, b := range base.Content {
			merged := b
			if name := itemKey(b, nameKey); name != "" {
				for j, o := range over.Content {
					if !used[j] && itemKey(o, nameKey) == name {
						merged, used[j] = l.mergeAt(b, o, "", fmt.Sprintf("%s[%d]", p, len(out.Content))), true
						if l.t.merged == nil {
							l.t.merged = map[*yaml.Node][2]*yaml.Node{}
						}
						l.t.merged[merged] = [2]*yaml.Node{b, o}
						break
					}
				}
			}
			out.Content = append(out.Content, merged)
		}
		var unmatched []string // the base's names no item of over merges with
		for _, b := range base.Content {
			if name := itemKey(b, nameKey); name != "" && !slices.ContainsFunc(over.Content, func(o *yaml.Node) bool { return itemKey(o, nameKey) == name }) {
				unmatched = append(unmatched, name)
			}
		}
		for j, o := range over.Content {
			if used[j] {
				continue
			}
			// Items keyed by a kind (markets, own placements) name a kind the scenario has,
			// which their own check holds to its list.
			if name := itemKey(o, nameKey); name != "" && nameKey == "name" && l.parent {
				if near := nearName(name, unmatched); near != "" {
					what, in := strings.TrimSuffix(key, "s"), "scenario"
					if l.region {
						in = "region"
					}
					n := lookup(o, nameKey)
					l.t.errAt(n, fmt.Sprintf("%s[%d].name", p, len(out.Content)),
						"no %s %q in the %s this file extends: did you mean %s? (to add a %s, give it a name of its own)", what, name, in, near, what)
					// Named as the file wrote it: the merged tree has no paths yet.
					if e := l.t.errs[len(l.t.errs)-1]; l.t.ownPaths(e.File)[n] != "" {
						e.scenarioField, e.Field = e.Field, l.t.ownPaths(e.File)[n]
					}
					continue // kept, it would draw a problem for each field a new item must give
				}
			}
			out.Content = append(out.Content, o)
		}
		return out
	}
	if l.parent && !l.region && base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode {
		l.replaced(base, over, key, p)
	}
	return over
}

// replaced warns of over, a list of a file that replaces list base of the file it extends
// (at field path p, held by key), when a file that is not built in wrote base and over leaves
// out some of its items: a what-if written for the default county and laid over a council's
// own file drops what the council wrote (its calibrated ladders) without a word otherwise.
//
// Every such replacement, of a built-in's list too, is kept (tree.replacements), so that a
// problem that follows from it is said at the extending file's list (followsReplacement).
func (l *loader) replaced(base, over *yaml.Node, key, p string) {
	from := l.t.origin[base]
	src, ok := l.t.sources[from]
	if !ok || from == l.t.origin[over] {
		return
	}
	var dropped []string
	for i, b := range base.Content {
		if !slices.ContainsFunc(over.Content, func(o *yaml.Node) bool { return sameNode(o, b) }) {
			dropped = append(dropped, itemLabel(b, i))
		}
	}
	if len(dropped) == 0 {
		return
	}
	l.t.replacements = append(l.t.replacements, replacement{over: over, field: p, key: key, from: from, line: base.Line, items: len(base.Content), dropped: dropped})
	if src.builtin {
		return
	}
	hint := ""
	if key == "ladders" {
		hint = "; to add kinds to the ladders rather than replace them, give try_first"
	}
	l.t.warnAt(over, p, "replaces the %s %s gives (line %d) with this file's %d, and %d of %s's are not among them (%s): a list in a file that extends another replaces the other's whole, so they are dropped%s",
		itemsWord(len(base.Content)), from, base.Line, len(over.Content), len(dropped), from, strings.Join(dropped, "; "), hint)
}

// stacked warns of each intervention of over, the interventions of a file that extends
// another, that has the same action and label as one of base, the interventions it inherits,
// or, when both give a factor, the same action, target (kind) and children (who) with dates
// that overlap: extends adds a file's interventions to its parent's and has no way to replace
// one, so both apply (two factors multiply) and each that has a cost is costed, which a file
// that gives its parent's intervention again with another value most likely did not mean. An
// action that adds (a second home of another name, more approvals or households, beds blocked)
// or a factor for other children is meant to apply beside the parent's and is not warned of.
func (l *loader) stacked(base, over *yaml.Node, p string) {
	for j, o := range over.Content {
		action := itemKey(o, "action")
		if action == "" {
			continue
		}
		for i, b := range base.Content {
			if itemKey(b, "action") != action {
				continue
			}
			label := itemKey(o, "label")
			at, field, why := lookup(o, "label"), "label", ""
			switch {
			case label != "" && label == itemKey(b, "label"):
				why = fmt.Sprintf("%q (%s) is also the label of the %s that %s gives (line %d, interventions[%d])", label, action, action, l.t.origin[b], b.Line, i)
			case itemKey(o, "factor") != "" && itemKey(b, "factor") != "" && itemKey(o, "kind") == itemKey(b, "kind") &&
				sameWho(o, b) && overlaps(o, b):
				at, field = lookup(o, "action"), "action"
				why = fmt.Sprintf("this %s acts on the same %s, at the same time, as the %s that %s gives (line %d, interventions[%d])",
					action, cmp.Or(itemKey(o, "kind"), "children"), action, l.t.origin[b], b.Line, i)
			default:
				continue
			}
			how := ""
			if itemKey(o, "factor") != "" && itemKey(b, "factor") != "" {
				how = fmt.Sprintf(" (their factors multiply, %s × %s)", itemKey(b, "factor"), itemKey(o, "factor"))
			}
			costed := ""
			switch bc, oc := hasCost(b), hasCost(o); {
			case bc && oc:
				costed = " and both are costed"
			case bc:
				costed = fmt.Sprintf(" and the one %s gives is costed (this one has no cost)", l.t.origin[b])
			case oc:
				costed = fmt.Sprintf(" and this one is costed (the one %s gives has no cost)", l.t.origin[b])
			}
			l.t.warnAt(at, fmt.Sprintf("%s[%d].%s", p, j, field),
				"%s, which this file inherits through extends: both apply%s%s; extends adds a file's interventions to its parent's "+
					"and cannot replace one, so to run this one in place of the parent's, write a file without extends (copy %s and change its intervention), "+
					"or leave this one out and change the parent's with --set interventions[%d].FIELD=VALUE",
				why, how, costed, l.t.origin[b], i)
			break
		}
	}
}

// sameWho reports whether interventions a and b act on the same children: both without a
// who, or with whos that hold the same values.
func sameWho(a, b *yaml.Node) bool {
	wa, wb := lookup(a, "who"), lookup(b, "who")
	if wa == nil || wb == nil {
		return wa == wb
	}
	return sameNode(wa, wb)
}

// hasCost reports whether intervention n gives a cost.
func hasCost(n *yaml.Node) bool {
	c := lookup(n, "cost")
	return c != nil && c.Tag != "!!null"
}

// overlaps reports whether the dates of interventions a and b, from their from to their to
// (none: the end of the run), overlap; false when either's dates cannot be read.
func overlaps(a, b *yaml.Node) bool {
	span := func(n *yaml.Node) (time.Time, time.Time, bool) {
		from, err := time.Parse(time.DateOnly, itemKey(n, "from"))
		if err != nil {
			return time.Time{}, time.Time{}, false
		}
		to := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		if v := itemKey(n, "to"); v != "" {
			if to, err = time.Parse(time.DateOnly, v); err != nil {
				return time.Time{}, time.Time{}, false
			}
		}
		return from, to, true
	}
	af, at, ok1 := span(a)
	bf, bt, ok2 := span(b)
	return ok1 && ok2 && af.Before(bt) && bf.Before(at)
}

// replacedHomes keeps, as replaced keeps a list, the homes over of a kind that says
// replace_homes: true, which replace the homes base of the file it extends, when they leave out
// some of base's (by name): a close_home of the base that names one of those is then said at
// over (followsReplacement). It warns of nothing: replace_homes says the replacement is meant.
func (l *loader) replacedHomes(base, over *yaml.Node, p string) {
	from := l.t.origin[base]
	if _, ok := l.t.sources[from]; !ok || from == l.t.origin[over] || base.Kind != yaml.SequenceNode || over == nil || over.Kind != yaml.SequenceNode {
		return
	}
	var dropped []string
	for i, b := range base.Content {
		if name := itemKey(b, "name"); !slices.ContainsFunc(over.Content, func(o *yaml.Node) bool { return name != "" && itemKey(o, "name") == name }) {
			dropped = append(dropped, itemLabel(b, i))
		}
	}
	if len(dropped) > 0 {
		l.t.replacements = append(l.t.replacements, replacement{over: over, field: p, key: "homes", from: from, line: base.Line, items: len(base.Content), dropped: dropped})
	}
}

// replacement is a list of a file that replaced the whole of one of the file it extends,
// dropping some of its items: over is the replacing list, at field path field, held by key;
// from the file whose list of items items (at line) it replaced, and dropped names those it
// left out (itemLabel).
type replacement struct {
	over        *yaml.Node
	field, key  string
	from        string
	line, items int
	dropped     []string
}

// itemLabel names item i of a list as a message does: by its who ("who: {ages: 0-17, need:
// complex}"), else by its name or kind, else by its place in the list ("item 3").
func itemLabel(n *yaml.Node, i int) string {
	if w := lookup(n, "who"); w != nil {
		return "who: " + flowText(uncommented(w))
	}
	for _, k := range []string{"name", "kind"} {
		if v := lookup(n, k); v != nil && v.Kind == yaml.ScalarNode {
			return k + ": " + v.Value
		}
	}
	return fmt.Sprintf("item %d", i+1)
}

// uncommented returns a copy of n and the nodes under it without their comments.
func uncommented(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = uncommented(k)
	}
	return &c
}

// followsReplacement says problem e, found in a file extended (not the file whose list
// replaced its parent's) and following from what a list of ladders or try no longer names,
// at the replacing list: "rep.yaml:4:5: ladders: replaces the 11 items brom18.yaml gives
// (line 120); with them gone, kinds[4]: inhouse_home: no ladder ...", naming the items dropped
// where the file extended is built in, whose replacement has no warning to name them.
// It leaves e as it is when no such list replaced one.
func (t *tree) followsReplacement(e *Error) {
	t.followsFrom(e, func(r replacement) bool { return r.key == "ladders" || r.key == "try" })
}

// followsFromStock says problem e, that kind, which some of the stock was in, is used no
// more, at a list of the stock that replaced its parent's and left those children out, as
// followsReplacement says it at ladders.
func (t *tree) followsFromStock(e *Error, kind string) {
	t.followsFrom(e, func(r replacement) bool {
		return r.key == "stock" && slices.Contains(r.dropped, "kind: "+kind) || r.key == "ladders" || r.key == "try"
	})
}

// followsFrom says problem e at the replacing list of the replacement of some file other than
// e's that of says e follows from, as followsReplacement does.
func (t *tree) followsFrom(e *Error, of func(r replacement) bool) {
	// The replacement of the file nearest the top of the chain of extends is the one whose
	// list the scenario keeps.
	var best *replacement
	for i, r := range t.replacements {
		if of(r) && t.origin[r.over] != e.File &&
			(best == nil || t.depth[t.origin[r.over]] < t.depth[t.origin[best.over]]) {
			best = &t.replacements[i]
		}
	}
	if best != nil {
		r := *best
		file := t.origin[r.over]
		what := e.Message
		if e.Field != "" {
			what = e.Field + ": " + what
		}
		e.File, e.Line, e.Column, e.Field, e.scenarioField = file, r.over.Line, r.over.Column, r.field, ""
		if own := t.ownField(r.field, file); own != r.field {
			e.scenarioField, e.Field = r.field, own
		}
		dropping := "" // the warning of the replacement names them, but a built-in's has none
		if src, ok := t.sources[r.from]; ok && src.builtin {
			dropping = ", dropping " + strings.Join(r.dropped, "; ")
		}
		e.Message = fmt.Sprintf("replaces the %s %s gives (line %d)%s; with them gone, %s", itemsWord(r.items), r.from, r.line, dropping, what)
		return
	}
}

// itemsWord is "1 item" or "n items".
func itemsWord(n int) string {
	if n == 1 {
		return "1 item"
	}
	return fmt.Sprintf("%d items", n)
}

// replacesHomes reports whether the kind n, an item of an extending file's kinds, says
// replace_homes: true (any YAML spelling of true that conv.flag accepts): its homes replace its parent's, not merged with them by name.
func replacesHomes(n *yaml.Node) bool {
	v := lookup(n, "replace_homes")
	var b bool
	return v != nil && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" && v.Decode(&b) == nil && b
}

// nearName returns the one of names that name most likely misspells: one letter from it,
// ignoring case, or two where either has 8 letters or more, unless the two differ only in
// their numbers and the separators before them ("Home 3" beside "Home 2", "ifa_2" beside "ifa":
// an item of its own) or in a last word of one or two characters ("Unit B" beside "Unit A");
// otherwise "".
func nearName(name string, names []string) string {
	series := func(a, b string) bool { // "Unit A" and "Unit B"
		ia, ib := strings.LastIndexByte(a, ' '), strings.LastIndexByte(b, ' ')
		return ia > 0 && ib > 0 && strings.EqualFold(a[:ia], b[:ib]) && len(a)-ia <= 3 && len(b)-ib <= 3
	}
	digitless := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '_' || r == '-' || r == ' ' {
				return -1
			}
			return r
		}, strings.ToLower(s))
	}
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	best, bestD := "", 3
	for _, c := range names {
		numbered := digitless(c) == digitless(name) && digits(c) != digits(name)
		if !strings.EqualFold(c, name) && (numbered || series(c, name)) {
			continue
		}
		allowed := 1
		if max(len(name), len(c)) >= 8 {
			allowed = 2
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d < bestD && d <= allowed && d*2 < max(len(name), len(c)) {
			best, bestD = c, d
		}
	}
	return best
}

// shell returns a copy of n with no content, from the same file.
func (l *loader) shell(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = nil
	l.t.origin[&c] = l.t.origin[n]
	return &c
}

// itemName returns the name of a list item that is a mapping with a name, or "".
func itemName(n *yaml.Node) string { return itemKey(n, "name") }

// itemKey returns the value of key in a list item that is a mapping with that key, or "".
func itemKey(n *yaml.Node, key string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	if v := lookup(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// lookup returns the value of key in mapping n, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && sameKey(n.Content[i].Value, key) {
			return n.Content[i+1]
		}
	}
	return nil
}

// lookupKey returns the key node of key in mapping n, or nil.
func lookupKey(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && sameKey(n.Content[i].Value, key) {
			return n.Content[i]
		}
	}
	return nil
}

// without returns mapping n less the given keys (n itself when it has none of them).
func (l *loader) without(n *yaml.Node, keys ...string) *yaml.Node {
	has := false
	for _, k := range keys {
		has = has || lookupKey(n, k) != nil
	}
	if !has {
		return n
	}
	c := l.shell(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		drop := false
		for _, k := range keys {
			drop = drop || n.Content[i].Value == k
		}
		if !drop {
			c.Content = append(c.Content, n.Content[i], n.Content[i+1])
		}
	}
	return c
}

// emptied refuses each of keys (a list a file must have: a scenario's kinds, a region's
// zones and councils) that a file extending another left empty, which leaves none rather
// than the extended file's: "kinds: must be given (an empty value here leaves no kinds)", at
// that file's line rather than with the problems of everything that needed the list. It
// reports whether it refused any.
func (t *tree) emptied(keys ...string) bool {
	if len(t.files) < 2 {
		return false
	}
	refused := false
	for _, k := range keys {
		if n := lookup(t.root, k); n != nil && isNull(n) {
			t.errAt(n, k, "must be given (an empty value here leaves no %s)", k)
			refused = true
		}
	}
	return refused
}

// keepOwn keeps, once emptied has refused an empty list, only the problems of the top file
// and its --set values: those at lines of the files it extends are of what needed the list
// (default.yaml's stock of kinds there are none of).
func (t *tree) keepOwn() {
	t.errs = slices.DeleteFunc(t.errs, func(e *Error) bool {
		return e.File != t.top && !strings.HasPrefix(e.File, setPrefix)
	})
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names the kind of a node for messages: "a list", "a mapping", "a single value".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "a single value"
}

// canonicalKey returns the key a mapping's key names: a whole number written in decimal
// digits names the number, so that the 01 of places_mix is the key 1; any other key is itself.
func canonicalKey(key string) string {
	if key == "" || strings.Trim(key, "0123456789") != "" {
		return key
	}
	if t := strings.TrimLeft(key, "0"); t != "" {
		return t
	}
	return "0"
}

// sameKey reports whether mapping keys a and b name the same key (see canonicalKey).
func sameKey(a, b string) bool { return a == b || canonicalKey(a) == canonicalKey(b) }
