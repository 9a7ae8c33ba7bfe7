package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// A region file is read through the same steps as a scenario file (see doc.go): load with
// extends (a built-in region or a file), --set overrides, the strict schema walk, decoding,
// conversion and model validation. Each council's scenario is then read as a scenario file
// of its own, with the council's interventions appended, its set overrides applied and the
// region's clock; problems in it are reported at their place in the scenario's file, or in the
// region file for what the region file gave, with field paths from the top of the region file
// ("councils.kent.scenario.entries.per_year", "councils.kent.set[0]": a council by its name, as
// --set names it; see nameCouncils).

// regionBuiltins names the built-in regions and their files in library, sorted by name.
var regionBuiltins = func() []struct{ name, file string } {
	var out []struct{ name, file string }
	files, _ := fs.Glob(library, "regions/*.yaml") // the pattern is well formed
	for _, f := range files {
		out = append(out, struct{ name, file string }{strings.TrimSuffix(path.Base(f), ".yaml"), f})
	}
	return out // fs.Glob sorts
}()

func regionFile(name string) (string, bool) {
	for _, b := range regionBuiltins {
		if b.name == name {
			return b.file, true
		}
	}
	return "", false
}

func regionNames() []string {
	names := make([]string, len(regionBuiltins))
	for i, b := range regionBuiltins {
		names[i] = b.name
	}
	return names
}

// BuiltinRegions returns the built-in regions, sorted by name: the region and the regional
// strategies that extend it, and the England preset. File is the file inside the library
// ("regions/south-east.yaml").
func BuiltinRegions() []Info {
	out := make([]Info, 0, len(regionBuiltins))
	for _, b := range regionBuiltins {
		info := Info{Name: b.name, File: b.file}
		if data, err := fs.ReadFile(library, b.file); err == nil {
			var doc yaml.Node
			if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 {
				if d := lookup(doc.Content[0], "description"); d != nil && d.Kind == yaml.ScalarNode {
					info.Description = strings.TrimSpace(d.Value)
				}
			}
		}
		out = append(out, info)
	}
	return out
}

// RegionSource returns the text of the built-in region called name, as shipped.
func RegionSource(name string) ([]byte, error) {
	file, ok := regionFile(name)
	if !ok {
		return nil, fmt.Errorf("no built-in region %q (built-in regions: %s)", name, strings.Join(regionNames(), ", "))
	}
	return fs.ReadFile(library, file)
}

// IsRegion reports whether ref names a region rather than a scenario: a file whose top level
// has a councils key, or that extends (directly or through other files) a built-in region or
// such a file; or, when no file of that name exists, the name of a built-in region. A file that
// cannot be read or parsed is not a region (Load reports why).
func IsRegion(ref string) bool {
	if st, err := os.Stat(ref); err == nil && st.Mode().IsRegular() {
		data, err := os.ReadFile(ref)
		return err == nil && isRegionData(data, fileSource(ref), 0)
	} else if err == nil && !st.IsDir() { // a pipe: read once, kept for LoadRegion or Load
		data, err := readStream(ref)
		return err == nil && isRegionData(data, fileSource(ref), 0)
	}
	_, ok := regionFile(ref)
	return ok
}

// isRegionData reports whether data, the text of file src, reads as a region (see IsRegion),
// following its extends at most maxExtends files from depth. It reads files only to tell what
// they are, and so suggests no name for an extends that is not there (see source.quiet).
func isRegionData(data []byte, src source, depth int) bool {
	if src.memo == nil {
		src.memo = newChainMemo()
	}
	v, _ := isRegionWalk(data, src, depth, map[string]bool{})
	return v
}

// chainMemo holds, for one reading of a file and the chain of files it extends, what each
// file of the chain leads to, by the file's source id: whether it reads as a region
// (isRegionWalk) and whether its extends leads to a scenario (extendsScenario). Each check
// of a file of the chain asks the same of the files after it; without the memo a chain of n
// files would be read some n³/6 times over.
//
// A verdict is kept with the number of extends followed to reach it, as the walk from that
// file meets it without the cap of maxExtends files: a walk that reaches the file having
// followed k extends already has the verdict true only when k plus that number is within the
// cap, as a walk without the memo would. A verdict false holds at any depth (the cap only
// makes a true false), and so does one reached through a cycle: any walk through the file
// goes round the same cycle. A walk cut short by the cap leaves no verdict. The text of each
// file is kept too, so that each file of the chain is read once.
type chainMemo struct {
	region, scenario map[string]chainVerdict
	files            map[string][]byte // the text of each file read, by source id
}

// read returns the text of the file of source id, reading it with readFile the first time;
// a nil memo reads it each time.
func (m *chainMemo) read(id string, readFile func() ([]byte, error)) ([]byte, error) {
	if m == nil {
		return readFile()
	}
	if data, ok := m.files[id]; ok {
		return data, nil
	}
	data, err := readFile()
	if err == nil {
		m.files[id] = data
	}
	return data, err
}

type chainVerdict struct {
	v bool
	n int // extends followed from the file to the verdict
}

func newChainMemo() *chainMemo {
	return &chainMemo{region: map[string]chainVerdict{}, scenario: map[string]chainVerdict{}, files: map[string][]byte{}}
}

// isRegionWalk is isRegionData for a walk that has been through the files seen: a file seen
// again closes a cycle, which leads to no region (Load reports the cycle). It returns whether
// the verdict holds of src at any depth (known: not cut short by the cap), and keeps it in
// src.memo when it does.
func isRegionWalk(data []byte, src source, depth int, seen map[string]bool) (v, known bool) {
	if seen[src.id] {
		return false, true
	}
	if r, ok := src.memo.region[src.id]; ok {
		if r.v && depth+r.n > maxExtends {
			return false, false
		}
		return r.v, true
	}
	seen[src.id] = true
	n := 0
	v, known, n = isRegionStep(data, src, depth, seen)
	if known {
		src.memo.region[src.id] = chainVerdict{v, n}
	}
	return v, known
}

// isRegionStep is isRegionWalk of a file not seen before and not in the memo; n is the
// number of extends followed to the verdict.
func isRegionStep(data []byte, src source, depth int, seen map[string]bool) (v, known bool, n int) {
	src.quiet = true
	var doc yaml.Node
	if yaml.Unmarshal(trimBOMs(data), &doc) != nil || len(doc.Content) == 0 {
		return false, true, 0
	}
	root := doc.Content[0]
	if lookupKey(root, "councils") != nil {
		return true, true, 0
	}
	if councilsMisspelt(root) != nil && !extendsScenario(root, src) {
		// A key near councils makes a region of a file that extends nothing or a region; in
		// a file that extends a scenario it is an unknown key of that scenario.
		return true, true, 0
	}
	ext := lookup(root, "extends")
	if ext == nil || ext.Kind != yaml.ScalarNode {
		return false, true, 0
	}
	if depth >= maxExtends {
		return false, false, 0
	}
	pdata, psrc, err := resolveRegionExtends(strings.TrimSpace(ext.Value), src)
	if err != nil {
		return false, true, 0
	}
	if psrc.builtin {
		return true, true, 1
	}
	psrc.memo = src.memo
	v, known = isRegionWalk(pdata, psrc, depth+1, seen)
	if !known {
		return false, false, 0
	}
	if v {
		n = src.memo.region[psrc.id].n + 1
	}
	return v, true, n
}

// IsScenario reports whether ref names a scenario rather than a region or nothing: a file that
// is not a region (see IsRegion) and whose top level holds a field only a scenario file has
// (entries, kinds and the like) or extends a built-in scenario or such a file; or, when no file
// of that name exists, the name of a built-in scenario. A file that cannot be read or parsed is
// neither.
func IsScenario(ref string) bool {
	if st, err := os.Stat(ref); err == nil && st.Mode().IsRegular() {
		data, err := os.ReadFile(ref)
		return err == nil && isScenarioData(data, fileSource(ref), 0)
	} else if err == nil && !st.IsDir() {
		data, err := readStream(ref)
		return err == nil && isScenarioData(data, fileSource(ref), 0)
	} else if err == nil {
		return false
	}
	_, ok := builtinFile(ref)
	return ok
}

func isScenarioData(data []byte, src source, depth int) bool {
	if src.memo == nil {
		src.memo = newChainMemo()
	}
	return isScenarioWalk(data, src, depth, map[string]bool{})
}

// isScenarioWalk is isScenarioData for a walk that has been through the files seen: a file
// seen again closes a cycle, which leads to no scenario (Load reports the cycle).
func isScenarioWalk(data []byte, src source, depth int, seen map[string]bool) bool {
	if seen[src.id] {
		return false
	}
	seen[src.id] = true
	src.quiet = true
	if isRegionData(data, src, 0) {
		return false
	}
	var doc yaml.Node
	if yaml.Unmarshal(trimBOMs(data), &doc) != nil || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	if readsAsScenario(root) {
		return true
	}
	ext := lookup(root, "extends")
	if ext == nil || ext.Kind != yaml.ScalarNode || depth >= maxExtends {
		return false
	}
	// resolveScenarioFile, not resolveExtends: whether the file it names is a region's is
	// the first thing isScenarioWalk asks of it.
	pdata, psrc, err := resolveScenarioFile(strings.TrimSpace(ext.Value), src)
	if err != nil {
		return false
	}
	psrc.memo = src.memo
	return psrc.builtin || isScenarioWalk(pdata, psrc, depth+1, seen)
}

// extendsScenario reports whether the extends of mapping root, in the file src, leads to a
// scenario: a built-in scenario, or a file with a field only a scenario file has, through
// files that give neither councils nor such a field. It follows the chain file by file, and
// so never asks whether a file is a region; nor does it suggest a name for an extends that is
// not there (see source.quiet).
func extendsScenario(root *yaml.Node, src source) bool {
	memo := src.memo
	if memo == nil {
		memo = newChainMemo()
	}
	if r, ok := memo.scenario[src.id]; ok {
		return r.v && r.n <= maxExtends
	}
	v, steps, known := false, 0, false
	path := []string{src.id} // the files whose extends the walk followed, in order
	src.quiet = true
	seen := map[string]bool{src.id: true} // a file seen again closes a cycle: no scenario
walk:
	for i := range maxExtends {
		// i extends followed so far.
		ext := lookup(root, "extends")
		if ext == nil || ext.Kind != yaml.ScalarNode {
			known = true
			break
		}
		data, psrc, err := resolveScenarioFile(strings.TrimSpace(ext.Value), src)
		if err != nil {
			known = true
			break
		}
		if psrc.builtin {
			v, steps, known = true, i+1, true
			break
		}
		var doc yaml.Node
		if yaml.Unmarshal(trimBOMs(data), &doc) != nil || len(doc.Content) == 0 || seen[psrc.id] {
			known = true
			break
		}
		seen[psrc.id] = true
		root, src = doc.Content[0], psrc
		src.quiet, src.memo = true, memo
		switch {
		case lookupKey(root, "councils") != nil:
			known = true
			break walk
		case readsAsScenario(root):
			v, steps, known = true, i+1, true
			break walk
		}
		if r, ok := memo.scenario[src.id]; ok {
			if r.v && i+1+r.n > maxExtends {
				break // cut short by the cap: no verdict for the files before
			}
			v, steps, known = r.v, i+1+r.n, true
			break
		}
		path = append(path, src.id)
	}
	if known {
		for j, id := range path {
			memo.scenario[id] = chainVerdict{v, steps - j}
		}
	}
	return v
}

// scenarioOnlyKeys are the top-level fields of a scenario file that a region file has not.
var scenarioOnlyKeys = func() []string {
	var out []string
	region := map[string]bool{}
	for f := range reflect.TypeFor[fileRegion]().Fields() {
		region[yamlName(f)] = true
	}
	for f := range reflect.TypeFor[fileScenario]().Fields() {
		if name := yamlName(f); !region[name] {
			out = append(out, name)
		}
	}
	return out
}()

// yamlName returns the key of struct field f in a file.
func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

// readsAsScenario reports whether the mapping root holds a field only a scenario file has.
func readsAsScenario(root *yaml.Node) bool {
	return slices.ContainsFunc(scenarioOnlyKeys, func(k string) bool { return lookupKey(root, k) != nil })
}

// councilsMisspelt returns the key of mapping root that is a misspelling of councils, in a
// file that gives no councils and holds no field only a scenario file has; or nil.
func councilsMisspelt(root *yaml.Node) *yaml.Node {
	if root == nil || root.Kind != yaml.MappingNode || readsAsScenario(root) {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value != "councils" && Nearest(k.Value, []string{"councils"}) != "" {
			return k
		}
	}
	return nil
}

// LoadRegion reads a region: ref is a path to a region file, or the name of a built-in region
// when no such file exists. sets are --set overrides, "PATH=VALUE", applied in order after
// extends (councils.kent.size.children_in_care=900, markets.ifa.pricing.threshold=0.9). The
// region, each council's scenario with it, is fully validated; the error joins every problem
// found, each an *Error.
func LoadRegion(ref string, sets []string) (*model.Region, error) {
	reg, _, err := LoadRegionWarnings(ref, sets)
	return reg, err
}

// LoadRegionWarnings is LoadRegion that also returns the region's warnings: what is allowed
// but most likely a mistake (model.Region.Warnings), each an *Error at the place in the file
// it comes from. A region with warnings loads; one with problems has no warnings.
func LoadRegionWarnings(ref string, sets []string) (*model.Region, []error, error) {
	st, statErr := os.Stat(ref)
	if statErr == nil && st.Mode().IsRegular() {
		data, err := os.ReadFile(ref)
		if err != nil {
			return nil, nil, asFileError(ref, unreadable(ref, err))
		}
		return parseRegionWarn(data, fileSource(ref), sets)
	}
	if statErr == nil && !st.IsDir() { // a pipe, a FIFO or /dev/stdin, as Resolve reads one
		data, err := readStream(ref)
		if err != nil {
			return nil, nil, asFileError(ref, unreadable(ref, err))
		}
		return parseRegionWarn(data, fileSource(ref), sets)
	}
	if file, ok := regionFile(ref); ok {
		data, err := fs.ReadFile(library, file)
		if err != nil {
			return nil, nil, err
		}
		return parseRegionWarn(data, builtinSource(file), sets)
	}
	if statErr == nil && st.IsDir() {
		return nil, nil, &Error{File: ref, Message: "is a folder, not a region file"}
	}
	if statErr != nil && !errors.Is(statErr, fs.ErrNotExist) {
		return nil, nil, asFileError(ref, unreadable(ref, statErr))
	}
	near := nearRef(ref, source{dir: "."}, refRegion)
	if near == "" {
		near = nearRegion(ref)
	}
	return nil, nil, fmt.Errorf("%s: no such file and no built-in region of that name%s (built-in regions: %s)", ref, near, strings.Join(regionNames(), ", "))
}

// ParseRegion reads a region file from r. filename names it in errors ("<input>" when empty),
// gives the region its name when the file has none, and is the base for a relative extends
// and for councils' scenarios given as relative paths. sets are --set overrides as for
// LoadRegion.
func ParseRegion(r io.Reader, filename string, sets []string) (*model.Region, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return parseRegion(data, fileSource(filename), sets)
}

// ParseRegionFS is ParseRegion for a region file that lives in a folder, fsys (an os.Root's
// FS, for one), as ParseFS is for a scenario: name is its path inside the folder
// ("my-region.yaml"). Its extends and its councils' scenarios are read from the folder only,
// or name built-in regions and scenarios; a name that reaches outside the folder is an error.
func ParseRegionFS(r io.Reader, fsys fs.FS, name string, sets []string) (*model.Region, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%s: not a path inside the region's folder", name)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return parseRegion(data, fsSource(fsys, name), sets)
}

// ParseRegionFSWarnings is ParseRegionFS that also returns the region's warnings, as
// LoadRegionWarnings does: those of the region, and those of its councils' scenarios, which
// it returns also when the region does not read.
func ParseRegionFSWarnings(r io.Reader, fsys fs.FS, name string, sets []string) (*model.Region, []error, error) {
	if !fs.ValidPath(name) {
		return nil, nil, fmt.Errorf("%s: not a path inside the region's folder", name)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	return parseRegionWarn(data, fsSource(fsys, name), sets)
}

// IsRegionFS is IsRegion for the file name of folder fsys: whether the file reads as a region
// (a top-level councils key, or an extends that leads to a region in the folder or built in).
func IsRegionFS(fsys fs.FS, name string) bool {
	data, err := readLimited(fsys, name)
	return err == nil && isRegionData(data, fsSource(fsys, name), 0)
}

// MergeRegionText returns region file text base with overlay, a region file's text, applied
// as a file that extended base would apply it (see README.md, "Region extends"): mappings
// merge key by key, zones, councils and providers by name and markets by kind, interventions
// are added after base's, anything else overlay gives replaces base's. base keeps its
// extends, and its comments. An editor that changes a region file's own fields (its pooled
// blocks, say) and adds to it writes one file so.
func MergeRegionText(base, overlay string) (string, error) {
	var b, o yaml.Node
	if err := yaml.Unmarshal(trimBOMs([]byte(base)), &b); err != nil {
		return "", err
	}
	if err := yaml.Unmarshal(trimBOMs([]byte(overlay)), &o); err != nil {
		return "", err
	}
	if len(b.Content) == 0 || b.Content[0].Kind != yaml.MappingNode || len(o.Content) == 0 || o.Content[0].Kind != yaml.MappingNode {
		return "", errors.New("a region file is a mapping of fields such as name, zones and councils")
	}
	// The file's heading (its sources, say) stays at its head, whichever of its keys the
	// overlay replaces.
	root := b.Content[0]
	var head []string
	for _, c := range []string{b.HeadComment, root.HeadComment} {
		if c != "" {
			head = append(head, c)
		}
	}
	if len(root.Content) > 0 && root.Content[0].HeadComment != "" {
		head = append(head, root.Content[0].HeadComment)
		root.Content[0].HeadComment = ""
	}
	b.HeadComment, root.HeadComment = strings.Join(head, "\n"), ""
	l := &loader{t: newTree(""), region: true}
	b.Content[0] = l.merge(root, o.Content[0], "")
	var out strings.Builder
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&b); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return out.String(), nil
}

// resolveRegionExtends finds the file a region file's extends names: a file relative to the
// extending file's directory if there is one, and otherwise a built-in region. A scenario's
// file or name is refused as such: its fields are not a region's.
func resolveRegionExtends(ref string, from source) ([]byte, source, error) {
	data, src, err := resolveRegionFile(ref, from)
	if err != nil {
		return nil, source{}, err
	}
	src.memo = from.memo
	if !src.builtin {
		if name, ok := RegionRecordName(data); ok {
			return nil, source{}, errors.New(regionRecordGiven(ref, name, true))
		}
		var doc yaml.Node
		if yaml.Unmarshal(trimBOMs(data), &doc) == nil && len(doc.Content) > 0 && lookupKey(doc.Content[0], "councils") == nil && (readsAsScenario(doc.Content[0]) || extendsScenario(doc.Content[0], src)) {
			return nil, source{}, fmt.Errorf("%s is a scenario file, not a region file: a region file extends a region file or a built-in region (built-in regions: %s); a council's scenario names a scenario", ref, strings.Join(regionNames(), ", "))
		}
	}
	return data, src, nil
}

// resolveRegionFile is resolveRegionExtends but for its check that the file is not a
// scenario's.
func resolveRegionFile(ref string, from source) ([]byte, source, error) {
	looked := "" // where a relative path led, when it is not ref itself
	switch {
	case from.builtin:
		p := path.Clean(path.Join(from.dir, ref))
		if data, err := fs.ReadFile(library, p); err == nil && builtinSource(p).id != from.id {
			return data, builtinSource(p), nil
		}
	case from.fsys != nil:
		// A region read through a folder (ParseRegionFS) extends only region files in it, as
		// a scenario read through a folder does.
		p, ok := insideFolder(from.dir, ref)
		if !ok {
			return nil, source{}, fmt.Errorf("%q is outside the region's folder: extend a region file in the folder or a built-in region (built-in regions: %s)", ref, strings.Join(regionNames(), ", "))
		}
		if path.Ext(p) == ".yaml" || path.Ext(p) == ".yml" {
			st, err := fs.Stat(from.fsys, p)
			switch {
			case err == nil && st.Mode().IsRegular() && st.Size() <= maxFileBytes && fsSource(from.fsys, p).id != from.id:
				data, err := from.memo.read(fsSource(from.fsys, p).id, func() ([]byte, error) { return readLimited(from.fsys, p) })
				if err != nil {
					return nil, source{}, fmt.Errorf("%s cannot be read: %w", p, err)
				}
				return data, fsSource(from.fsys, p), nil
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return nil, source{}, fmt.Errorf("%q cannot be read from the region's folder: %w", ref, err)
			case err == nil && st.IsDir():
				return nil, source{}, fmt.Errorf("%s is a folder, not a region file", ref)
			}
		} else if _, isBuiltin := regionFile(ref); !isBuiltin {
			if _, ok := builtinFile(ref); ok {
				return nil, source{}, notARegion(ref)
			}
			return nil, source{}, fmt.Errorf("%q is neither a region file (NAME.yaml) in the region's folder nor a built-in region (built-in regions: %s)", ref, strings.Join(regionNames(), ", "))
		}
	case from.fsys == nil:
		p := ref
		if !filepath.IsAbs(p) {
			p = filepath.Join(from.dir, ref)
		}
		looked = lookedFor(ref, p)
		_, isBuiltin := regionFile(ref)
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
			return nil, source{}, fmt.Errorf("%s is a folder, not a region file", ref)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, source{}, unreadable(ref, err)
		}
	}
	if file, ok := regionFile(ref); ok {
		data, err := fs.ReadFile(library, file)
		return data, builtinSource(file), err
	}
	if _, ok := builtinFile(ref); ok {
		return nil, source{}, notARegion(ref)
	}
	near := nearRef(ref, from, refRegion)
	if near == "" {
		near = nearRegion(ref)
	}
	return nil, source{}, fmt.Errorf("no file %q and no built-in region of that name%s (built-in regions: %s)%s", ref, near, strings.Join(regionNames(), ", "), looked)
}

// workingFolder is where a file named by a --set override of a built-in region is read from,
// when the library has none of that name: the working folder, as a path typed on the command
// line is. A region read from a file resolves such a path against the file's folder, as its
// own fields are.
var workingFolder = source{label: "the working folder", dir: "."}

// fromWorkingFolder adds to err, the problem with a file a --set gave a built-in region as
// relative path ref, that such a path is read from the working folder; it returns err as it
// is for no problem, an absolute path or a name that is no path (a built-in's, misspelt).
func fromWorkingFolder(ref string, err error) error {
	if err == nil || filepath.IsAbs(ref) || !strings.ContainsAny(ref, `/\`) && path.Ext(ref) != ".yaml" && path.Ext(ref) != ".yml" {
		return err
	}
	if wd, werr := os.Getwd(); werr == nil {
		return fmt.Errorf("%w; a path --set gives a built-in region is from the working folder, %s", err, wd)
	}
	return err
}

// lookedFor says where relative path ref led, p, when that is not ref itself: "; looked for
// /dev/fd/sub/eastshire.yaml, as a relative path is from the folder of the file that names it".
func lookedFor(ref, p string) string {
	if p == ref || filepath.IsAbs(ref) {
		return ""
	}
	return fmt.Sprintf("; looked for %s, as a relative path is from the folder of the file that names it", p)
}

// notARegion is the problem with a region file's extends that names built-in scenario ref.
func notARegion(ref string) error {
	return fmt.Errorf("%q is a built-in scenario, not a region: a region file extends a region file or a built-in region (built-in regions: %s); a council's scenario names a scenario", ref, strings.Join(regionNames(), ", "))
}

// nearRegion returns " (did you mean NAME?)" when a built-in region's name is close to ref,
// and otherwise "".
func nearRegion(ref string) string {
	near := Nearest(ref, regionNames())
	if near == "" && len(ref) >= 3 {
		// A name cut short ("regional-care-coop"), when it begins only one region's.
		for _, name := range regionNames() {
			if strings.HasPrefix(name, ref) {
				if near != "" {
					return ""
				}
				near = name
			}
		}
	}
	if near != "" {
		return " (did you mean " + near + "?)"
	}
	return ""
}

// scenarioKeysInRegion reports each field only a scenario file has (entries, kinds) in region
// file data that gives no councils of its own and is a region because its extends names one,
// saying so, and returns t.root without them: such a file was most likely meant as a
// council's scenario.
func scenarioKeysInRegion(l *loader, data []byte) *yaml.Node {
	t := l.t
	var doc yaml.Node
	if yaml.Unmarshal(trimBOMs(data), &doc) != nil || len(doc.Content) == 0 {
		return t.root
	}
	own := doc.Content[0]
	ext := lookup(own, "extends")
	if ext == nil || ext.Kind != yaml.ScalarNode || lookupKey(own, "councils") != nil {
		return t.root
	}
	var drop []string
	for _, k := range scenarioOnlyKeys {
		if n := lookupKey(t.root, k); n != nil && lookupKey(own, k) != nil {
			t.errAt(n, k, "unknown key %q: extends names a region, %s, so the file is read as a region, and %s belongs in a council's scenario (a scenario file extends a scenario)", k, strings.TrimSpace(ext.Value), k)
			drop = append(drop, k)
		}
	}
	return l.without(t.root, drop...)
}

// parseRegion runs the whole pipeline on a region file. Its problems name each council by its
// name, as --set does (see nameCouncils).
func parseRegion(data []byte, src source, sets []string) (*model.Region, error) {
	reg, _, err := parseRegionWarn(data, src, sets)
	return reg, err
}

// parseRegionWarn is parseRegion that also returns the region's warnings
// (LoadRegionWarnings).
func parseRegionWarn(data []byte, src source, sets []string) (*model.Region, []error, error) {
	src.memo = newChainMemo()
	t := newTree(src.label)
	reg, err := parseRegionInto(t, data, src, sets)
	if err != nil && !src.builtin {
		if rerr := regionRecordError(data, src); rerr != nil {
			return nil, nil, rerr
		}
	}
	if err != nil {
		// The councils' scenarios' warnings too: what a list dropped is often why it fails.
		t.nameCouncils()
		return nil, warnings(t.warns), joinErrors(t.errs)
	}
	t.report(reg.Warnings())
	t.nameCouncils()
	var ws []error
	if err := joinErrors(t.errs); err != nil {
		ws = Problems(err)
	}
	ws = append(ws, warnings(t.warns)...)
	t.errs = nil
	return reg, ws, nil
}

// nameCouncils names the council of each problem and warning of a region file's tree t by its name, as --set
// paths do ("councils.dudley.zone" for "councils[1].zone"), whichever file's numbering of the
// councils the problem's path used (an extending file numbers its own from 0): one council,
// one path. A council whose name is missing, given twice or no plain path element ("a.b") keeps
// its position, and so does a problem with the name itself ("councils[2].name: "b" is given
// twice").
func (t *tree) nameCouncils() {
	n := 0
	if cs := t.paths["councils"]; cs != nil && cs.Kind == yaml.SequenceNode {
		n = len(cs.Content)
	}
	names := map[int]string{}
	count := map[string]int{}
	for i := range n {
		if v := t.paths[fmt.Sprintf("councils[%d].name", i)]; v != nil && v.Kind == yaml.ScalarNode {
			name := strings.TrimSpace(v.Value)
			names[i] = name
			count[name]++
		}
	}
	// under returns the rest of field after its council, "councils[i]", and whether it has one.
	under := func(field string) (int, string, bool) {
		i, ok := councilIndex(field)
		if !ok {
			return 0, "", false
		}
		return i, strings.TrimPrefix(field, fmt.Sprintf("councils[%d]", i)), true
	}
	for _, e := range slices.Concat(t.errs, t.warns) { // a warning names its council as an error does
		i, merged, ok := under(e.ScenarioField()) // the council, by its place in the region
		_, own, ownOK := under(e.Field)           // the rest, as the file at fault wrote it
		name := names[i]
		if !ok || !ownOK || own == ".name" || name == "" || count[name] > 1 || strings.ContainsAny(name, ".[]=\\ \t\n\r") {
			continue
		}
		e.Field = "councils." + name + own
		// A path of the same council in the words ("which councils[0].set[1] sets too")
		// names it so too.
		e.Message = strings.ReplaceAll(e.Message, fmt.Sprintf("councils[%d].", i), "councils."+name+".")
		e.scenarioField = ""
		if merged != own {
			e.scenarioField = "councils." + name + merged
		}
	}
}

// parseRegionInto is parseRegion in tree t.
func parseRegionInto(t *tree, data []byte, src source, sets []string) (*model.Region, error) {
	t.rootType = reflect.TypeFor[fileRegion]()
	l := &loader{t: t, region: true}
	t.root = l.load(data, src)
	if t.root == nil {
		if len(t.errs) == 0 {
			t.fileErr(src.label, 0, 0, "cannot be read")
		}
		return nil, joinErrors(t.errs)
	}
	if lookupKey(t.root, "councils") == nil {
		if k := councilsMisspelt(t.root); k != nil {
			t.errAt(k, k.Value, "unknown key %q (did you mean councils?): a region file lists its councils under councils", k.Value)
			return nil, joinErrors(t.errs)
		}
		what := "a region file lists its councils under councils"
		if lookupKey(t.root, "kinds") != nil || lookupKey(t.root, "entries") != nil || lookupKey(t.root, "ladders") != nil {
			what = "it reads as a scenario file (one council): a region file lists its councils under councils"
		}
		t.errAt(t.root, "councils", "not a region: %s (see Regions in scenarios/README.md)", what)
		return nil, joinErrors(t.errs)
	}
	t.root = scenarioKeysInRegion(l, data)
	ownWarmup, warmupStudy := "", ""
	if n := lookup(t.root, "warmup_years"); n != nil && n.Kind == yaml.ScalarNode {
		ownWarmup = n.Value // the file's own warm-up, before --set
		warmupStudy = n.LineComment + "\n" + n.HeadComment
	}
	for _, s := range sets {
		t.applySet(s)
	}
	t.check(t.root, t.rootType, "")
	if t.setBroke {
		return nil, joinErrors(t.errs)
	}
	var f fileRegion
	if err := t.root.Decode(&f); err != nil && len(t.errs) == 0 {
		t.errAt(t.root, "", "%s", err)
	}
	emptied := t.emptied("zones", "councils")
	rc := &regionConv{conv: conv{t: t}, ownWarmup: ownWarmup, warmupStudy: warmupStudy}
	reg := rc.convert(&f, defaultName(src.label))
	if emptied {
		t.keepOwn()
	}
	if rc.clockBad || emptied {
		// Every council runs on the region's clock, and every dated change is checked against
		// it: read on a clock that is wrong, they would give problems that are not theirs.
		return nil, joinErrors(t.errs)
	}
	var ps model.Problems
	probs := reg.Validate()
	for _, p := range probs {
		// A council whose scenario could not be read has had its problems reported.
		if i, ok := councilIndex(p.Field); ok && p.Field == fmt.Sprintf("councils[%d].scenario", i) && reg.Councils[i].Scenario == nil {
			continue
		}
		p.Field = regionField(reg, p.Field)
		var iv int
		if n, _ := fmt.Sscanf(p.Field, "interventions[%d].market", &iv); n == 1 && p.Field == fmt.Sprintf("interventions[%d].market", iv) && p.Message == "names no shared market" {
			// As --set says it of a market it names: the kinds the region's markets are, but
			// not one whose kind is refused (a kind no council has, or not a market kind).
			var kinds []string
			for mi, m := range reg.Markets {
				if !slices.ContainsFunc(probs, func(q model.Problem) bool {
					return q.Field == fmt.Sprintf("markets[%d].kind", mi)
				}) {
					kinds = append(kinds, m.Kind)
				}
			}
			p.Message += suggest(reg.Interventions[iv].Market, kinds)
		}
		if n, _ := fmt.Sscanf(p.Field, "interventions[%d].provider", &iv); n == 1 && p.Field == fmt.Sprintf("interventions[%d].provider", iv) && strings.HasPrefix(p.Message, "no provider of ") {
			// A provider misspelt: the one meant, of the market's (a region may have hundreds).
			if near := Nearest(reg.Interventions[iv].Provider.Name, reg.ProviderNames(reg.MarketOf(reg.Interventions[iv].Market))); near != "" {
				p.Message += " (did you mean " + near + "?)"
			}
		}
		if rc.wayBack[p.Field] {
			continue // the distance the file gives the other way has the same problem
		}
		if i, ok := councilIndex(p.Field); ok && p.Field == fmt.Sprintf("councils[%d].name", i) && strings.HasSuffix(p.Message, " is given twice") {
			// A council's name given twice: where it was first given too.
			dup := t.paths[p.Field]
			for j := range i {
				if first := t.paths[fmt.Sprintf("councils[%d].name", j)]; first != nil && dup != nil && first.Kind == yaml.ScalarNode && strings.TrimSpace(first.Value) == strings.TrimSpace(dup.Value) {
					p.Message += fmt.Sprintf(" (first %s): give each council once", t.firstAt(first, dup))
					break
				}
			}
		}
		if slices.Contains(rc.unnamed, p.Field) && strings.HasSuffix(p.Message, " is given twice") {
			// A name the file does not give.
			p.Message = "is not given, and the name the change takes (its action and what it acts on), " + strings.TrimSuffix(p.Message, " is given twice") +
				", is an earlier change's: give it a name of its own"
		}
		ps = append(ps, p)
	}
	t.report(ps)
	if len(t.errs) > 0 {
		return nil, joinErrors(t.errs)
	}
	return reg, nil
}

// councilIndex returns i of a field path "councils[i]...".
func councilIndex(field string) (int, bool) {
	var i int
	if _, err := fmt.Sscanf(field, "councils[%d]", &i); err != nil {
		return 0, false
	}
	return i, true
}

// regionField returns the path of a field of model.Region's Validate in the vocabulary of
// region files: a zone's distances by the name of the zone they lead to
// ("zones[0].miles[2]" is "zones[0].miles.surrey"), an intervention's provider by its name and
// a new provider's fields beside the action ("interventions[1].provider.name" is
// "interventions[1].provider", ".provider.places" is ".places"), a pooled block's price as files
// spell it.
func regionField(reg *model.Region, field string) string {
	var i, j int
	var rest string
	if n, _ := fmt.Sscanf(field, "zones[%d].miles[%d]", &i, &j); n == 2 && j >= 0 && j < len(reg.Zones) {
		return fmt.Sprintf("zones[%d].miles.%s", i, reg.Zones[j].Name)
	}
	if n, _ := fmt.Sscanf(field, "interventions[%d].%s", &i, &rest); n == 2 {
		head := fmt.Sprintf("interventions[%d]", i)
		switch {
		case rest == "provider.name":
			return head + ".provider"
		case strings.HasPrefix(rest, "provider."):
			return head + "." + strings.TrimPrefix(rest, "provider.")
		case rest == "cost_per_place_year_gbp":
			return head + ".cost_per_place_per_year_gbp"
		}
	}
	return field
}

// regionConv converts a decoded region file into a model.Region.
type regionConv struct {
	conv
	zones     map[string]int
	zoneNames []string
	// wayBack holds the distances ("zones[1].miles.north") no file gives, taken from the
	// way back: a problem with one is the way back's, reported there.
	wayBack map[string]bool
	// unnamed holds the name fields of the interventions that give no name and take one made
	// of their action and what they act on ("interventions[1].name").
	unnamed []string
	// clockBad says the region's start, years or warm-up is missing or wrong: nothing after
	// them is read.
	clockBad bool
	// marketKinds holds the provision kinds the region's shared markets supply.
	marketKinds map[string]bool
	// onDefault holds the councils' scenarios that are the default county or built on it.
	onDefault map[*model.Scenario]bool
	// ownWarmup is the file's own warmup_years as written, before --set ("" where it gives
	// none).
	ownWarmup string
	// warmupStudy is the comment at the file's own warmup_years, which may give the study that
	// chose it (see shortWarmup).
	warmupStudy string
}

func (rc *regionConv) convert(f *fileRegion, name string) *model.Region {
	c := &rc.conv
	reg := &model.Region{
		Name:        c.text("name", f.Name, name),
		Description: c.text("description", f.Description, ""),
		Start:       c.date("start", f.Start),
		Years:       c.count("years", f.Years, defaultYears),
		WarmupYears: c.count("warmup_years", f.WarmupYears, 0),
	}
	if f.Start.node == nil {
		c.fail("start", nil, "must be given (the first day reported, such as 2026-04-01)")
	}
	clock := reg.ValidateClock()
	if len(clock) > 0 || c.t.isBad("start") || c.t.isBad("years") || c.t.isBad("warmup_years") {
		c.t.report(clock)
		rc.clockBad = true
		return reg
	}

	// The lengths of the lists, which bound the work of reading and running the region.
	for _, l := range []struct {
		field string
		n     int
	}{{"zones", len(f.Zones)}, {"councils", len(f.Councils)}, {"markets", len(f.Markets)}, {"interventions", len(f.Interventions)}, {"own_placements", len(f.OwnPlacements)}} {
		rc.length(l.field, l.field, l.n)
	}
	for i, m := range f.Markets {
		rc.length(fmt.Sprintf("markets[%d].providers", i), "markets[].providers", len(m.Providers))
	}

	// Zones, and the miles between them.
	rc.zones = map[string]int{}
	again := map[int]bool{} // the zones that take an earlier zone's name, reported as such
	for i, z := range f.Zones {
		name := c.text("", z.Name, "")
		if name == "" {
			c.fail(fmt.Sprintf("zones[%d].name", i), nil, "must be given")
		} else if _, dup := rc.zones[name]; !dup {
			rc.zones[name] = i
			rc.zoneNames = append(rc.zoneNames, name)
		} else {
			again[i] = true
		}
		reg.Zones = append(reg.Zones, model.Zone{Name: name, Region: c.text("", z.Region, "")})
	}
	n := len(f.Zones)
	if rc.t.isBad("zones") { // too many: their n² distances are not read
		n = 0
	}
	miles := make([][]float64, n)
	for i, z := range f.Zones[:n] {
		miles[i] = make([]float64, n)
		for j := range miles[i] {
			miles[i][j] = math.NaN()
		}
		keys, vals := pairs(fmt.Sprintf("zones[%d].miles", i), z.Miles.node)
		for k, key := range keys {
			j, ok := rc.zones[key.name]
			if !ok {
				c.fail(key.field, key.node, "names no zone of the region%s", suggest(key.name, rc.zoneNames))
				continue
			}
			miles[i][j] = c.numberAt(key.field, vals[k], math.NaN())
		}
	}
	for i := range miles {
		for j := range miles[i] {
			if math.IsNaN(miles[i][j]) && !math.IsNaN(miles[j][i]) {
				miles[i][j] = miles[j][i] // the way back, when only it is given
				if rc.wayBack == nil {
					rc.wayBack = map[string]bool{}
				}
				rc.wayBack[fmt.Sprintf("zones[%d].miles.%s", i, reg.Zones[j].Name)] = true
			}
			if math.IsNaN(miles[i][j]) && (again[i] || again[j]) {
				// The miles name zones, and a name given twice leads to the first: no file
				// can give a distance to or within the second.
				miles[i][j] = 0
			}
			if math.IsNaN(miles[i][j]) {
				// Reported without marking the zone's miles bad, so that a distance out of
				// range is reported beside it.
				field := fmt.Sprintf("zones[%d].miles", i)
				msg := fmt.Sprintf("gives no distance to zone %s, and %s's miles give none to %s", reg.Zones[j].Name, reg.Zones[j].Name, reg.Zones[i].Name)
				if i == j {
					msg = fmt.Sprintf("gives no distance within the zone (miles.%s: the typical distance from a child's home to a place in their own zone)", reg.Zones[i].Name)
				}
				bad := len(rc.t.bad)
				c.fail(field, nil, "%s", msg)
				rc.t.bad = rc.t.bad[:bad]
				miles[i][j] = 0
			}
		}
		reg.Zones[i].Miles = miles[i]
	}

	// Councils. The kinds the shared markets supply are known first: a council's own cap on
	// one acts on nothing.
	rc.marketKinds = map[string]bool{}
	for _, fm := range f.Markets {
		if k := c.text("", fm.Kind, ""); k != "" {
			rc.marketKinds[k] = true
		}
	}
	stock := rc.stockFile(f.Stock)
	zoneOf := map[string]int{} // each council's zone, by name
	for i, fc := range f.Councils {
		fld := fmt.Sprintf("councils[%d]", i)
		co := model.Council{Name: c.text(fld+".name", fc.Name, "")}
		if z, twice := zoneOf[co.Name]; twice && usable(fc.Zone.node) == nil {
			// A council listed twice (in a file that extends a region, a council it does not
			// merge with the one it names): its name is its problem, not the zone the second
			// leaves out.
			co.Zone = z
		} else {
			co.Zone = rc.zoneRef(fld+".zone", fc.Zone)
		}
		if _, twice := zoneOf[co.Name]; !twice {
			zoneOf[co.Name] = co.Zone
		}
		switch {
		case co.Name == "":
			c.fail(fld+".name", nil, "must be given")
		case strings.EqualFold(co.Name, "region"):
			c.fail(fld+".name", fc.Name.node, "region names the region as a whole in outputs: call the council something else")
		default:
			rc.folder(fld+".name", fc.Name.node, co.Name, reg.Councils)
		}
		var idle func(name string) model.Problems
		co.Scenario, co.ScenarioName, idle = rc.council(fld, fc, reg)
		sets, _ := rc.items(fld+".set", fc.Set)
		for _, it := range sets {
			co.Sets = append(co.Sets, it.name)
		}
		if stock != nil {
			stock.apply(co.Name, co.Scenario, usable(fc.Size.ChildrenInCare.node) != nil)
		}
		if co.Scenario != nil {
			co.Idle = idle(co.Name) // judged on the stock the stock file gives it
		}
		reg.Councils = append(reg.Councils, co)
	}
	if stock != nil {
		var names []string
		for _, co := range reg.Councils {
			names = append(names, co.Name)
		}
		stock.finish(rc.t, names)
	}
	rc.noWarmup(reg)
	rc.shortWarmup(reg)

	// Shared markets.
	for i, fm := range f.Markets {
		fld := fmt.Sprintf("markets[%d]", i)
		m := model.SharedMarket{Kind: c.text(fld+".kind", fm.Kind, "")}
		if m.Kind == "" {
			c.fail(fld+".kind", nil, "must be given (the provision kind of the councils' scenarios these providers supply, such as ifa)")
		}
		p := fm.Pricing
		m.Pricing = model.Pricing{
			Threshold:         c.number(fld+".pricing.threshold", p.Threshold, 0),
			PremiumAtFull:     c.number(fld+".pricing.premium_at_full", p.PremiumAtFull, 0),
			UrgentPremium:     c.number(fld+".pricing.urgent_premium", p.UrgentPremium, 0),
			RealGrowthPerYear: c.number(fld+".pricing.real_growth_per_year", p.RealGrowthPerYear, 0),
		}
		for j, fp := range fm.Providers {
			pf := fmt.Sprintf("%s.providers[%d]", fld, j)
			pr := model.Provider{
				Name:          c.text(pf+".name", fp.Name, ""),
				Zone:          rc.zoneRef(pf+".zone", fp.Zone),
				Places:        c.count(pf+".places", fp.Places, 0),
				GrowthPerYear: c.number(pf+".growth_per_year", fp.GrowthPerYear, 0),
				Accepts:       rc.accepts(pf+".accepts", fp.Accepts),
				MaxMiles:      c.number(pf+".max_miles", fp.MaxMiles, 0),
				PriceFactor:   rc.priceFactor(pf+".price_factor", fp.PriceFactor),
				FarShare:      c.number(pf+".over_20_miles_share", fp.FarShare, 0),
			}
			if pr.Name == "" {
				c.fail(pf+".name", nil, "must be given")
			}
			if fp.Places.node == nil {
				c.fail(pf+".places", nil, "must be given (the places it offers on the start date)")
			}
			m.Providers = append(m.Providers, pr)
		}
		reg.Markets = append(reg.Markets, m)
	}

	var markets []string
	for _, m := range reg.Markets {
		if m.Kind != "" {
			markets = append(markets, m.Kind)
		}
	}
	for i, fi := range f.Interventions {
		reg.Interventions = append(reg.Interventions, rc.intervention(fmt.Sprintf("interventions[%d]", i), fi, markets))
	}

	// Where the councils' own placements lie.
	for i, fo := range f.OwnPlacements {
		fld := fmt.Sprintf("own_placements[%d]", i)
		o := model.OwnPlacement{
			Kind:             c.text(fld+".kind", fo.Kind, ""),
			OutsideNearShare: c.number(fld+".outside_within_20_miles", fo.OutsideNear20, 0),
			OutsideFarShare:  c.number(fld+".outside_over_20_miles", fo.OutsideOver20, 0),
		}
		if o.Kind == "" {
			c.fail(fld+".kind", nil, "must be given (a provision kind of the councils' scenarios that no shared market supplies, such as inhouse_foster)")
		}
		reg.OwnPlacements = append(reg.OwnPlacements, o)
	}
	return reg
}

// folder reports the name of a council (field, at node n) whose folder in a region's run is
// no folder, the region's charts folder or another of its files (RegionRunEntry) or an
// earlier council's, before: letter case apart, as on Windows and macOS. Two councils of one name are reported as such by model validation.
func (rc *regionConv) folder(field string, n *yaml.Node, name string, before []model.Council) {
	d := CouncilFolder(name)
	switch {
	case d == "":
		rc.fail(field, n, "%q cannot name the council's folder in a run: give it a name with letters or digits", name)
		return
	case strings.EqualFold(d, "charts"):
		rc.fail(field, n, "%q would write into the region's charts folder in a run: call the council something else", name)
		return
	case RegionRunEntry(d) != "":
		rc.fail(field, n, "%q would write over the region's %s in a run: call the council something else", name, RegionRunEntry(d))
		return
	}
	for _, b := range before {
		other := CouncilFolder(b.Name)
		switch {
		case b.Name == name || !strings.EqualFold(other, d):
			continue
		case other == d:
			rc.fail(field, n, "%q would write into council %q's folder in a run, %s: give them names apart", name, b.Name, d)
		default:
			rc.fail(field, n, "%q would write into council %q's folder in a run where letter case does not tell folders apart (Windows, macOS), %s and %s: give them names apart", name, b.Name, other, d)
		}
		return
	}
}

// regionRunEntries are the files and folders a region's run, a shard of it (run --shard) and
// the merge of its shards write at the top of its folder, beside its councils' folders. The
// README's list of council names lists them too, and cmd/placesim's tests require each entry
// those commands write to be here.
var regionRunEntries = []string{"summary.csv", "kpis.csv", "timeseries.csv", "periods.csv", "region.json", "manifest.json", "charts", "report.html", "results.xlsx", "shard.json", "replications.bin"}

// RegionRunEntry returns the file or folder a region's run, a shard of it or the merge of its
// shards writes at the top of its folder, beside its councils' folders, that a council's
// folder called d would be, letter case apart (as on Windows and macOS): "summary.csv" for
// "Summary.CSV"; or "" for none.
func RegionRunEntry(d string) string {
	if i := slices.IndexFunc(regionRunEntries, func(e string) bool { return strings.EqualFold(e, d) }); i >= 0 {
		return regionRunEntries[i]
	}
	return ""
}

// MaxFolderName is the longest name, in bytes, of a council's folder in a region's run.
const MaxFolderName = 100

// CouncilFolder returns the name of the folder of a region's council called name in the
// region's run: each run of characters other than ASCII letters, digits, '.', '_' and '-'
// becomes one '-', leading dots and dashes go, and the result is cut at 100 bytes and loses
// its trailing dashes. It is "" for a name with nothing left.
func CouncilFolder(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	elem := strings.TrimLeft(b.String(), ".-")
	if len(elem) > MaxFolderName {
		elem = elem[:MaxFolderName]
	}
	return strings.TrimRight(elem, "-")
}

// length reports list field when it has more items than the limit of region-file field
// limit (model.RegionLimits) allows.
func (rc *regionConv) length(field, limit string, n int) {
	for _, l := range model.RegionLimits() {
		if l.Field == limit && float64(n) > l.Max {
			rc.fail(field, nil, "must list at most %s %s", model.FormatNumber(l.Max), l.Unit)
		}
	}
}

// accepts reads a provider's rules for the children it takes; left out, it takes every child
// the councils' kind accepts (the zero Selector).
func (rc *regionConv) accepts(field string, f fileSelector) model.Selector {
	if rc.t.paths[field] == nil || isNull(rc.t.paths[field]) {
		return model.Selector{}
	}
	return rc.selector(field, f)
}

// priceFactor reads a provider's price relative to the councils' own; left out, it is their
// own price (model.Provider's PriceFactor 0). Given, it must be within its range: 0 is not the
// councils' own price but a mistake.
func (rc *regionConv) priceFactor(field string, v number) float64 {
	x := rc.number(field, v, 0)
	if n := usable(v.node); n != nil && x == 0 && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		for _, l := range model.RegionLimits() {
			if strings.HasSuffix(l.Field, ".price_factor") {
				rc.fail(field, n, "must be %s (leave it out for the councils' own price)", l.Range())
			}
		}
	}
	return x
}

// zoneRef returns the position of the zone a field names, or -1 after reporting a name that
// is missing or names no zone.
func (rc *regionConv) zoneRef(field string, v text) int {
	n := usable(v.node)
	if n == nil {
		rc.fail(field, nil, "must be given (one of the zones: %s)", strings.Join(rc.zoneNames, ", "))
		return -1
	}
	name := strings.TrimSpace(n.Value)
	if i, ok := rc.zones[name]; ok {
		return i
	}
	rc.fail(field, n, "names no zone of the region%s", suggest(name, rc.zoneNames))
	return -1
}

// regionActionNames are the region actions as files spell them.
var regionActionNames = func() []string {
	var out []string
	for a := model.ProviderExit; a <= model.PooledBlock; a++ {
		out = append(out, a.String())
	}
	return out
}()

// regionIvFields lists, for each region action, the fields it reads beside action, name, on
// and cost; a * marks those it requires.
var regionIvFields = map[model.RegionAction][]string{
	model.ProviderExit:   {"market*", "provider*"},
	model.ProviderOpen:   {"market*", "provider*", "zone*", "places*", "growth_per_year", "accepts", "max_miles", "price_factor", "over_20_miles_share"},
	model.ProviderResize: {"market*", "provider*", "places*"},
	model.PooledBlock:    {"market*", "zone*", "places*", "cost_per_place_per_year_gbp*"},
}

// intervention reads the region intervention fi at field path f; markets are the kinds of the
// region's shared markets.
func (rc *regionConv) intervention(f string, fi fileRegionIntervention, markets []string) model.RegionIntervention {
	c := &rc.conv
	iv := model.RegionIntervention{
		Name:   c.text(f+".name", fi.Name, ""),
		On:     c.date(f+".on", fi.On),
		Market: c.text(f+".market", fi.Market, ""),
	}
	if fi.On.node == nil {
		c.fail(f+".on", nil, "must be given (the date it takes effect)")
	}
	iv.Provider.Name = c.text(f+".provider", fi.Provider, "")
	if iv.Name == "" { // the action and what it acts on: a pooled block its zone
		what := []string{c.text("", fi.Action, ""), iv.Market, iv.Provider.Name}
		if strings.TrimSpace(what[0]) == model.PooledBlock.String() {
			what[2] = c.text("", fi.Zone, "")
		}
		iv.Name = strings.TrimSpace(strings.Join(what, " "))
		rc.unnamed = append(rc.unnamed, f+".name")
	}
	n := usable(fi.Action.node)
	if n == nil {
		c.fail(f+".action", nil, "must be given (one of %s)", strings.Join(regionActionNames, ", "))
		iv.Action = model.RegionAction(len(regionActionNames))
		return iv
	}
	a, err := model.ParseRegionAction(strings.TrimSpace(n.Value))
	if err != nil {
		c.fail(f+".action", n, "unknown region action %q%s", n.Value, suggest(n.Value, regionActionNames))
		iv.Action = model.RegionAction(len(regionActionNames)) // names no action: Validate skips its fields
		return iv
	}
	iv.Action = a
	given := map[string]*yaml.Node{
		"market": fi.Market.node, "provider": fi.Provider.node, "zone": fi.Zone.node,
		"places": fi.Places.node, "growth_per_year": fi.GrowthPerYear.node,
		"accepts": rc.t.paths[f+".accepts"], "max_miles": fi.MaxMiles.node, "price_factor": fi.PriceFactor.node,
		"over_20_miles_share":         fi.FarShare.node,
		"cost_per_place_per_year_gbp": fi.CostPerPlacePerYearGBP.node,
	}
	var reads []string
	for _, r := range regionIvFields[a] {
		key, required := strings.CutSuffix(r, "*")
		reads = append(reads, key)
		if g := given[key]; required && (g == nil || isNull(g)) {
			if key == "market" && len(markets) > 0 {
				// The shared markets it may act on, by their kinds.
				c.fail(f+"."+key, nil, "must be given for %s (one of the region's markets: %s)", a, strings.Join(markets, ", "))
				continue
			}
			c.fail(f+"."+key, nil, "must be given for %s", a)
		}
	}
	for _, key := range sortedKeys(given) {
		if n := given[key]; n != nil && !isNull(n) && !slices.Contains(reads, key) {
			c.fail(f+"."+key, n, "is not used by %s (it reads %s)", a, strings.Join(reads, ", "))
		}
	}
	switch a {
	case model.ProviderOpen:
		iv.Provider.Zone = rc.zoneRef(f+".zone", fi.Zone)
		iv.Provider.Places = c.count(f+".places", fi.Places, 0)
		iv.Provider.GrowthPerYear = c.number(f+".growth_per_year", fi.GrowthPerYear, 0)
		iv.Provider.Accepts = rc.accepts(f+".accepts", fi.Accepts)
		iv.Provider.MaxMiles = c.number(f+".max_miles", fi.MaxMiles, 0)
		iv.Provider.PriceFactor = rc.priceFactor(f+".price_factor", fi.PriceFactor)
		iv.Provider.FarShare = c.number(f+".over_20_miles_share", fi.FarShare, 0)
	case model.ProviderResize:
		iv.Places = c.count(f+".places", fi.Places, 0)
	case model.PooledBlock:
		iv.Zone = rc.zoneRef(f+".zone", fi.Zone)
		iv.Places = c.count(f+".places", fi.Places, 0)
		iv.CostPerPlaceYearGBP = c.gbp(f+".cost_per_place_per_year_gbp", fi.CostPerPlacePerYearGBP, 0)
	}
	iv.Cost = c.programmeCost(f+".cost", fi.Cost)
	return iv
}

// council reads the scenario of the council at field path f: the built-in scenario or file
// its scenario names (resolved against the file that names it; "default" when it names none),
// with the council's interventions appended and its set overrides applied, on the region's
// clock, scaled to its size, named after the council (its description begins "Council kent
// of region south-east: the scenario default, scaled to 1,885 children in care at the start.")
// and validated, with the name of the scenario it starts from. Its problems are reported
// in the region's tree; it returns nil when there are any. Once the scenario is final, idle
// warns, as the region's warnings, of what in it acts on nothing it has
// (model.Scenario.ActsOnNothing), naming the council, and returns it.
func (rc *regionConv) council(f string, fc fileCouncil, reg *model.Region) (*model.Scenario, string, func(name string) model.Problems) {
	t := rc.t
	ref, refNode := "default", usable(fc.Scenario.node)
	if refNode != nil {
		ref = strings.TrimSpace(refNode.Value)
	}
	at := refNode
	if at == nil {
		at = t.paths[f]
	}
	from, ok := t.sources[t.origin[at]]
	if !ok { // given by a --set override: resolve it as the top file would
		from = t.sources[t.top]
	}
	data, src, err := resolveExtends(ref, from)
	if err != nil && !ok && from.builtin {
		// A built-in region has no folder: a file a --set gives it is the user's, its path
		// relative to the working folder, as on the command line.
		data, src, err = resolveExtends(ref, workingFolder)
		err = fromWorkingFolder(ref, err)
	}
	if err != nil {
		rc.fail(f+".scenario", refNode, "%s", err)
		if usable(fc.Size.ChildrenInCare.node) != nil {
			// The council's size is still checked against its range, so that one run of
			// validate gives both problems.
			rc.sizeInRange(f+".size.children_in_care", fc.Size.ChildrenInCare)
		}
		return nil, "", nil
	}

	ct := newTree(src.label)
	cl := &loader{t: ct}
	var ownStart time.Time // the scenario's own clock, which the region's replaces
	var ownYears int
	ct.root = cl.load(data, src)
	var s *model.Scenario
	scenarioName := "" // the name of the scenario the council starts from
	scaledOut := false // the council's size took a field of its scenario out of its range
	if ct.root != nil {
		if ivs := t.paths[f+".interventions"]; ivs != nil && ivs.Kind == yaml.SequenceNode && len(ivs.Content) > 0 {
			rc.adopt(ct, ivs)
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "interventions"}
			over := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{key, ivs}}
			ct.origin[key], ct.origin[over] = t.origin[ivs], t.origin[ivs]
			ct.root = cl.merge(ct.root, over, "")
		}
		sets, _ := rc.items(f+".set", fc.Set)
		for _, it := range sets {
			if p, _, _ := strings.Cut(it.name, "="); slices.Contains([]string{"start", "years", "warmup_years"}, strings.TrimSpace(p)) {
				rc.fail(it.field, it.node, "%s is the region's, the same for every council: set it at the top of the region file", strings.TrimSpace(p))
				continue
			}
			ct.applySet(it.name)
		}
		ct.check(ct.root, ct.rootType, "")
		var fs fileScenario
		if err := ct.root.Decode(&fs); err != nil && len(ct.errs) == 0 {
			ct.errAt(ct.root, "", "%s", err)
		}
		cc := &conv{t: ct}
		s = cc.convert(&fs, defaultName(src.label))
		if ct.onDefault() {
			if rc.onDefault == nil {
				rc.onDefault = map[*model.Scenario]bool{}
			}
			rc.onDefault[s] = true
		}
		ownStart, ownYears = s.Start, s.Years
		if !reg.Start.IsZero() {
			s.Start, s.Years, s.WarmupYears = reg.Start, reg.Years, reg.WarmupYears
		}
		s.BaselineAtStart()          // on the region's clock
		used := usedKinds(s)         // judged on the stock as the scenario gives it, before any scaling
		var unscaled map[string]bool // the fields of the scenario's problems before it was scaled
		if usable(fc.Size.ChildrenInCare.node) != nil {
			unscaled = map[string]bool{}
			for _, p := range cc.remap(s.Validate()) {
				unscaled[p.Field] = true
			}
			before, name := s.StockCount(), s.Name
			rc.size(f+".size.children_in_care", fc.Size.ChildrenInCare, s)
			if after := s.StockCount(); before > 0 && after != before {
				// A set whose value is itself refused gets no advice on the value to give.
				refused := func(field string) bool {
					// The problems name a kind by its place in the list, the set by its name.
					if rest, ok := strings.CutPrefix(field, "kinds."); ok {
						kind, sub, _ := strings.Cut(rest, ".")
						if k := slices.IndexFunc(s.Kinds, func(k model.Kind) bool { return k.Name == kind }); k >= 0 {
							field = fmt.Sprintf("kinds[%d].%s", k, sub)
						}
					}
					return unscaled[field] || ct.isBad(field)
				}
				rc.scaledSets(sets, name, before, after, refused)
			}
		} else if fc.Size.ChildrenInCare.node == nil && t.paths[f+".size"] != nil && !isNull(t.paths[f+".size"]) {
			rc.fail(f+".size.children_in_care", nil, "must be given: the council's children in care at the start, to which its scenario is scaled")
		}
		if name := rc.text("", fc.Name, ""); name != "" {
			// Named after the council, and described as what it is in the region: a built-in's
			// own description says what it is as shipped (its size, that strategies extend it),
			// which a council is not; a scenario file's, the user's, follows.
			scenarioName = s.Name
			what := fmt.Sprintf("Council %s of region %s: the scenario %s", name, reg.Name, s.Name)
			if src.builtin {
				what = fmt.Sprintf("Council %s of region %s: the built-in scenario %s", name, reg.Name, s.Name)
			}
			if usable(fc.Size.ChildrenInCare.node) != nil && !ct.isBad("") {
				what += fmt.Sprintf(", scaled to %s %s", model.FormatNumber(float64(s.StockCount())), stockPhrase)
			}
			own := s.Description
			if src.builtin {
				own = ""
			}
			s.Name, s.Description = name, strings.TrimSpace(what+". "+own)
		}
		ps := cc.remap(s.Validate())
		if unscaled != nil && !ct.isBad("") {
			// A field that the size took out of its range (a council's entries a year, scaled
			// with its children in care) is the size's problem, not the scenario file's.
			kept := ps[:0]
			for _, p := range ps {
				if unscaled[p.Field] || ct.isBad(p.Field) {
					kept = append(kept, p)
					continue
				}
				rc.fail(f+".size.children_in_care", fc.Size.ChildrenInCare.node, "scales the scenario's %s out of its range: %s", p.Field, p.Message)
				scaledOut = true
			}
			ps = kept
		}
		ct.report(ps)
		ct.followsHomes(s)
		if len(ct.errs) == 0 && !scaledOut {
			ct.unusedKinds(s, used, fmt.Sprintf("council %s (region file %s)", rc.text("", fc.Name, f), t.top))
			ct.followsUnused(s)
		}
	} else if usable(fc.Size.ChildrenInCare.node) != nil {
		// The council's scenario could not be read: its size is still checked against its
		// range, so that one run of validate gives both problems.
		rc.sizeInRange(f+".size.children_in_care", fc.Size.ChildrenInCare)
	}
	// The warnings of the council's scenario (a list that replaced its base's), as its file
	// gives them: a scenario that several councils start from is warned of once.
	t.warns = append(t.warns, ct.warns...)

	// The council's problems, placed in the region's tree.
	var sets []item
	if len(ct.errs) > 0 {
		sets, _ = rc.items(f+".set", fc.Set)
	}
	for _, e := range ct.errs {
		field := f + ".scenario"
		if e.Field != "" {
			field += "." + e.Field
		}
		if raw, ok := strings.CutPrefix(e.File, setPrefix); ok {
			j := slices.IndexFunc(sets, func(it item) bool { return it.name == raw })
			if j >= 0 && strings.Contains(e.Message, setPrefix+raw+" ") {
				// The same item given twice: the second is the one at fault.
				if k := slices.IndexFunc(sets[j+1:], func(it item) bool { return it.name == raw }); k >= 0 {
					j += 1 + k
				}
			}
			if j >= 0 {
				msg := setsNamed(e.Message, sets)
				if e.Field != "" {
					msg = e.Field + ": " + msg
				}
				t.errAt(sets[j].node, sets[j].field, "%s", msg)
				continue
			}
		}
		if slices.ContainsFunc(t.errs, func(r *Error) bool {
			return r.File == e.File && r.Line == e.Line && r.Column == e.Column && r.Message == e.Message
		}) {
			// The region file's own check has reported it, at its path in the region file: a
			// council's intervention, read again as part of its scenario.
			continue
		}
		if rf, ok := rc.regionGiven(ct, f, e.ScenarioField()); ok {
			// An intervention the region file gave the council: its path there, as the
			// region's own check of it names it.
			ne := &Error{File: e.File, Line: e.Line, Column: e.Column, Field: t.ownField(rf, e.File), Message: regionMessage(e.Message)}
			if ne.Field != rf {
				ne.scenarioField = rf
			}
			t.errs = append(t.errs, ne)
			t.bad = append(t.bad, rf)
			continue
		}
		msg := regionMessage(e.Message)
		if by := builtinYears(src, e, ownStart, ownYears, reg); by != "" {
			msg = model.WithoutOutsideRunHint(e.Message) + by // the built-in's years say it
		}
		ne := &Error{File: e.File, Line: e.Line, Column: e.Column, Field: field, Message: msg}
		if e.scenarioField != "" {
			// The field as the council's scenario file wrote it; its path in the scenario
			// the files make marks it bad.
			ne.scenarioField = f + ".scenario." + e.scenarioField
		}
		t.errs = append(t.errs, ne)
		t.bad = append(t.bad, ne.ScenarioField())
	}
	if len(ct.errs) > 0 || scaledOut {
		return nil, "", nil
	}
	idle := func(name string) model.Problems {
		changed := ct.changedIn(s)
		ps := append(s.ActsOnNothing(changed), s.MarketIdle(func(kind string) bool { return rc.marketKinds[kind] }, changed)...)
		// The values the council's scenario most likely does not mean are said as these are,
		// but are no change that acts on nothing.
		for _, p := range append(slices.Clip(ps), s.Warnings()...) {
			msg := fmt.Sprintf("in council %s, %s", name, p.Message)
			if rf, ok := rc.regionGiven(ct, f, p.Field); ok {
				// An intervention the region file gave the council: said at its place there.
				t.warnAt(t.nearest(rf), rf, "%s", msg)
				continue
			}
			n := len(ct.warns)
			ct.warnAt(ct.nearest(p.Field), p.Field, "%s", msg)
			for _, w := range ct.warns[n:] {
				if raw, ok := strings.CutPrefix(w.File, setPrefix); ok {
					// Given by the council's set: said at its item in the region file.
					sets, _ := rc.items(f+".set", fc.Set)
					if j := slices.IndexFunc(sets, func(it item) bool { return it.name == raw }); j >= 0 {
						t.warnAt(sets[j].node, sets[j].field, "%s: %s", w.Field, w.Message)
						continue
					}
				}
				t.warns = append(t.warns, w)
			}
		}
		return ps
	}
	return s, scenarioName, idle
}

// setsNamed rewords a problem of a council's set, which names another override of it as
// --set gives it ("which --set stock[0].count=0 sets too"), to name that override as the
// region file's item of the set (councils[0].set[1], which nameCouncils names councils.a.set[1]).
func setsNamed(msg string, sets []item) string {
	for _, it := range sets {
		msg = strings.ReplaceAll(msg, setPrefix+it.name+" ", it.field+" ")
	}
	return strings.ReplaceAll(msg, "give this --set first", "give this one first")
}

// noWarmup warns, once and at the region's warmup_years, of a region run with no warm-up whose
// councils include one on the default county with a stock that is the steady state of its
// rules (no stock_stays), as a scenario on the default county is warned (noWarmupWarning).
func (rc *regionConv) noWarmup(reg *model.Region) {
	if rc.clockBad || reg.WarmupYears != 0 {
		return
	}
	var names []string
	for _, co := range reg.Councils {
		// A council given twice is an error of its own: named once here.
		if co.Scenario != nil && rc.onDefault[co.Scenario] && noWarmupSteady(co.Scenario) && !slices.Contains(names, co.Name) {
			names = append(names, co.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	which := "council " + names[0] + " is"
	switch {
	case len(names) == len(reg.Councils) && len(names) > 1:
		which = "every council is"
	case len(names) > 3:
		which = fmt.Sprintf("councils %s and %d others are", strings.Join(names[:3], ", "), len(names)-3)
	case len(names) > 1:
		which = "councils " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " are"
	}
	rc.t.warnAt(rc.t.nearest("warmup_years"), "warmup_years", noRegionWarmupWarning, which, rc.warmupExample())
}

// shortWarmup warns, at the region's warmup_years, of a warm-up that --set makes shorter than
// the one the region's file gives where the file's comment at warmup_years holds the study
// that chose it ("after 3 years, 0 of 468 counts ... further than 3% ...; after 1 year, 43"):
// the warning gives the study's figure for the shorter warm-up, so that a user who shortens it
// to save time knows how far from settled its first years are. No warm-up at all is noWarmup's.
func (rc *regionConv) shortWarmup(reg *model.Region) {
	own, err := strconv.Atoi(rc.ownWarmup)
	if rc.clockBad || err != nil || reg.WarmupYears <= 0 || reg.WarmupYears >= own {
		return
	}
	study := strings.Join(strings.Fields(strings.TrimLeft(rc.warmupStudy, "# \n")), " ")
	after := map[int]string{}
	for _, m := range studyAfterRE.FindAllStringSubmatch(study, -1) {
		y, _ := strconv.Atoi(m[1])
		if _, ok := after[y]; !ok {
			after[y] = m[2]
		}
	}
	got, ok := after[reg.WarmupYears]
	if !ok {
		return // the study says nothing of this warm-up
	}
	counts, off := "counts", "off"
	if m := studyCountsRE.FindStringSubmatch(study); m != nil {
		counts = "of " + m[1] + " counts"
	}
	if m := studyOffRE.FindStringSubmatch(study); m != nil {
		off = "more than " + m[1] + " off"
		if m[2] != "" {
			off = "more than " + m[1] + " from a " + m[2] + "-year warm-up's"
		}
	}
	at := ""
	if n, ok := after[own]; ok {
		at = fmt.Sprintf(" (%s after %s)", n, yearsText(own))
	}
	rc.t.warnAt(rc.t.nearest("warmup_years"), "warmup_years",
		"a warm-up of %s is shorter than the %s the region's file gives: its warm-up study finds %s %s %s after %s%s, so the first years reported are not yet settled ones; give %s to report from a settled start",
		yearsText(reg.WarmupYears), yearsText(own), got, counts, off, yearsText(reg.WarmupYears), at, yearsText(own))
}

// The parts of a region file's warm-up study that shortWarmup reads: each warm-up's counts
// off ("after 1 year, 43"), how many counts there are ("0 of 468 counts") and how far off a
// count is off ("further than 3% from a 30-year warm-up's").
var (
	studyAfterRE  = regexp.MustCompile(`after (\d+) years?, (\d+)`)
	studyCountsRE = regexp.MustCompile(`\d+ of (\d+) counts`)
	studyOffRE    = regexp.MustCompile(`further than (\d+(?:\.\d+)?%)(?: from an? (\d+)-year warm-up's)?`)
)

// warmupExample names a warm-up to give the region: the file's own where --set takes it away,
// else the built-in regions' ("south-east's is 3 years, england's 9 years").
func (rc *regionConv) warmupExample() string {
	if y, err := strconv.Atoi(rc.ownWarmup); err == nil && y > 0 {
		return "its file's is " + yearsText(y)
	}
	var ex []string
	for _, b := range regionBuiltins {
		data, err := fs.ReadFile(library, b.file)
		var doc yaml.Node
		if err != nil || yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
			continue
		}
		if n := lookup(doc.Content[0], "warmup_years"); n != nil && n.Kind == yaml.ScalarNode {
			if y, err := strconv.Atoi(n.Value); err == nil && y > 0 {
				ex = append(ex, b.name+"'s is "+yearsText(y))
			}
		}
	}
	if len(ex) == 0 {
		return "of a few years"
	}
	return strings.Join(ex, ", ")
}

// yearsText writes y years: "1 year", "3 years".
func yearsText(y int) string {
	if y == 1 {
		return "1 year"
	}
	return strconv.Itoa(y) + " years"
}

// noRegionWarmupWarning is noWarmupWarning for a region's lead: the first %s names the
// councils that are on the default county with no stock_stays, the second a warm-up to give
// (warmupExample).
const noRegionWarmupWarning = "no warm-up, and %s on the default county with no stock_stays, so the region's first months show the starting children, a usual county's mix rather than a real day's, settling into places sized for a usual month: some wait in emergency placements or move before the figures steady, and the first year is not a usual one for the region or its councils; give the region a warm-up (%s) to report from a settled start, or calibrate each council's own return (placesim calibrate), which starts from its real children in care and needs none"

// regionGiven returns the path in the region file's tree of field, a path in the tree ct of the
// scenario of the council at path f, when it lies in an intervention the region file gave the
// council ("councils[1].interventions[0].kind" for "interventions[5].kind" of a scenario with
// five of its own); and false for any other field.
func (rc *regionConv) regionGiven(ct *tree, f, field string) (string, bool) {
	var k int
	if n, _ := fmt.Sscanf(field, "interventions[%d]", &k); n != 1 {
		return "", false
	}
	head := fmt.Sprintf("interventions[%d]", k)
	if !strings.HasPrefix(field, head) {
		return "", false
	}
	item := ct.paths[head]
	ivs := rc.t.paths[f+".interventions"]
	if item == nil || ivs == nil || ivs.Kind != yaml.SequenceNode {
		return "", false
	}
	for j, n := range ivs.Content {
		if n == item {
			return fmt.Sprintf("%s.interventions[%d]%s", f, j, strings.TrimPrefix(field, head)), true
		}
	}
	return "", false
}

// regionMessage is the message of a problem of a council's scenario as a region says it: a
// date outside the run says to give the region more years, whose years the council runs,
// rather than the scenario ("give the region years: 6 (--years 6 on the command line) to run
// to it, or move the date into the run").
func regionMessage(msg string) string {
	h := model.OutsideRunHint(msg)
	if rest, ok := strings.CutPrefix(h, ": give years: "); ok {
		return strings.Replace(msg, h, ": give the region years: "+rest, 1)
	}
	return msg
}

// builtinYears returns, for problem e of a council's scenario, a date of built-in scenario src
// outside a region's run that ends before the built-in's own (ownStart, ownYears), what years
// the region needs to reach the built-in's end ("; the built-in recruit-12-net-carers runs to
// 2036: give the region years: 10"); and "" for any other problem.
func builtinYears(src source, e *Error, ownStart time.Time, ownYears int, reg *model.Region) string {
	if !src.builtin || e.File != src.label || !strings.Contains(e.Message, " is outside the run (") || ownStart.IsZero() || reg.Start.IsZero() {
		return ""
	}
	end := ownStart.AddDate(ownYears, 0, 0)
	if !reg.Start.AddDate(reg.Years, 0, 0).Before(end) {
		return ""
	}
	n := reg.Years
	for reg.Start.AddDate(n, 0, 0).Before(end) {
		n++
	}
	return fmt.Sprintf("; the built-in %s runs to %d: give the region years: %d", defaultName(src.label), end.AddDate(0, 0, -1).Year(), n)
}

// stockPhrase ends the part of a sized council's description that says what it was scaled to.
const stockPhrase = "children in care at the start"

// size scales council scenario s to the children in care its size gives.
func (rc *regionConv) size(field string, v count, s *model.Scenario) {
	n, ok := rc.sizeInRange(field, v)
	if !ok {
		return
	}
	base := s.StockCount()
	if base == 0 {
		rc.fail(field, v.node, "cannot scale a scenario with no children in care at the start (its stock is empty): nothing says what size its entries and carers are for; give the scenario a stock, or leave size out")
		return
	}
	model.Scale(s, float64(n)/float64(base))
}

// sizeInRange returns a council's size v, of field, when it is a whole number in
// model.RegionSizeLimit, and reports it otherwise.
func (rc *regionConv) sizeInRange(field string, v count) (int, bool) {
	n := rc.count(field, v, -1)
	if n == -1 && rc.t.isBad(field) {
		return 0, false // not a whole number, reported as such
	}
	lim := model.RegionSizeLimit()
	if !lim.Contains(float64(n)) {
		rc.fail(field, v.node, "must be %s", lim.Range())
		return 0, false
	}
	return n, true
}

// sharedKind reports whether the region file gives a shared market of kind, which supplies
// every council's places of it.
func (rc *regionConv) sharedKind(kind string) bool {
	for i := 0; ; i++ {
		n := rc.t.paths[fmt.Sprintf("markets[%d]", i)]
		if n == nil {
			return false
		}
		if k := rc.t.paths[fmt.Sprintf("markets[%d].kind", i)]; k != nil && k.Kind == yaml.ScalarNode && strings.TrimSpace(k.Value) == kind {
			return true
		}
	}
}

// scaledField matches a --set path of a council's scenario that size scales (model.Scale): a
// count of children, carers or places, rounded; a yearly number of arrivals (its second
// group), not rounded; or a pool's approvals a year (its third), scaled as its households are.
var scaledField = regexp.MustCompile(`^(child_population|care_leavers\.(?:places|stock)|staying_put\.stock|stock(?:\[[0-9]+\]\.count)?|kinds\.[^.]+\.(?:capacity_places|carers\.households))$|^(entries\.per_year|uasc\.per_year)$|^(kinds\.[^.]+\.carers\.approvals_per_year)$`)

// scaledSets warns of each item of a sized council's set that gives a value size then scales,
// scenario name's at its size of before children in care scaled to after: the set is read at
// the scenario's size, so that uasc.per_year=40 in a council a third its size has 13.3
// arrivals a year. It says what the value becomes and what to give for the value meant. A set
// of a field refused (its value out of the field's range as given) is left to its error.
func (rc *regionConv) scaledSets(sets []item, name string, before, after int, refused func(field string) bool) {
	factor := float64(after) / float64(before)
	for _, it := range sets {
		p, v, ok := strings.Cut(it.name, "=")
		p, v = strings.TrimSpace(p), strings.TrimSpace(v)
		m := scaledField.FindStringSubmatch(p)
		if !ok || m == nil || refused(p) {
			continue // not a field size scales, or a value refused for what it is
		}
		if kind, ok := strings.CutSuffix(strings.TrimPrefix(p, "kinds."), ".capacity_places"); ok && strings.HasPrefix(p, "kinds.") && rc.sharedKind(kind) {
			// The region's shared market gives the council its places of the kind in place of
			// the cap, which changes nothing, as its own warning says: no size to give it at.
			continue
		}
		rate := m[2] != ""
		how := fmt.Sprintf("by %s (×%s)", sizePhrase(after), model.FormatNumber(math.Round(factor*1000)/1000))
		x, err := strconv.ParseFloat(v, 64)
		number := err == nil && !math.IsInf(x, 0) && !math.IsNaN(x)
		if m[3] != "" {
			how = fmt.Sprintf("by %s with its pool's households (about ×%s)", sizePhrase(after), model.FormatNumber(math.Round(factor*1000)/1000))
		} else if number && x == 0 || !number && !strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "[") && !strings.HasPrefix(v, "{") {
			continue // nothing to scale (0, or a word such as unlimited, which stays as it is)
		} else if number && !strings.HasPrefix(v, "+") {
			becomes, meant := x*factor, x/factor
			about := ""
			capped := strings.HasSuffix(p, "capacity_places") || p == "care_leavers.places"
			switch {
			case rate:
				becomes, meant = math.Round(becomes*10)/10, math.Round(meant*10)/10
			case capped:
				becomes, meant = max(1, math.Round(becomes)), math.Round(meant) // model.Scale keeps a cap at least 1 place
			case strings.HasPrefix(p, "stock["):
				// The stock's counts are apportioned so that they add up to the scaled total:
				// each is within one of its own count scaled.
				becomes, meant, about = math.Round(becomes), math.Round(meant), "about "
			default:
				becomes, meant = math.Round(becomes), math.Round(meant)
			}
			if becomes == x {
				continue // scaling leaves it as given
			}
			if capped && meant < 1 {
				// The value meant would be under the least place a cap takes, which would be
				// refused: no value of the field gives it in a council this much larger.
				how = fmt.Sprintf("by %s to %s; no value gives %s in the council, as the least it takes, 1, becomes %s: give it in a scenario file of the council's own size",
					sizePhrase(after), model.FormatNumber(becomes), v, model.FormatNumber(max(1, math.Round(factor))))
				rc.t.warnAt(it.node, it.field, "%s is read at %s's size (%s %s), as set applies before size, and scaled %s",
					it.name, name, model.FormatNumber(float64(before)), stockPhrase, how)
				continue
			}
			how = fmt.Sprintf("by %s to %s%s; for %s in the council, set %s=%s, or give it in a scenario file of the council's own size",
				sizePhrase(after), about, model.FormatNumber(becomes), v, p, strconv.FormatFloat(meant, 'f', -1, 64))
		}
		rc.t.warnAt(it.node, it.field, "%s is read at %s's size (%s %s), as set applies before size, and scaled %s",
			it.name, name, model.FormatNumber(float64(before)), stockPhrase, how)
	}
}

// sizePhrase names a council's size as its region file gives it.
func sizePhrase(n int) string {
	return "size: {children_in_care: " + strconv.Itoa(n) + "}"
}

// adopt gives the council's tree ct the origins of the region-file nodes under n, so that its
// problems with them name the region file.
func (rc *regionConv) adopt(ct *tree, n *yaml.Node) {
	ct.origin[n] = rc.t.origin[n]
	for _, k := range n.Content {
		rc.adopt(ct, k)
	}
}
