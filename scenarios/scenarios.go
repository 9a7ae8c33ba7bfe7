package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// Info describes a built-in scenario.
type Info struct {
	// Name is what Load and extends call it ("default").
	Name string
	// Description is the scenario's own description.
	Description string
	// File is its file inside the library ("validation/erlang.yaml").
	File string
}

// Builtins returns the built-in scenarios, sorted by name.
func Builtins() []Info { return slices.Clone(builtinInfos()) }

// builtinInfos reads the built-ins' descriptions once: the library is built into the program,
// and the workspace asks for them on every page.
var builtinInfos = sync.OnceValue(func() []Info {
	out := make([]Info, 0, len(builtins))
	for _, b := range builtins {
		info := Info{Name: b.name, File: b.file}
		if r, err := Resolve(b.name, nil); err == nil {
			info.Description = r.Scenario.Description
		}
		out = append(out, info)
	}
	return out
})

// Source returns the text of the built-in scenario called name, as shipped.
func Source(name string) ([]byte, error) {
	file, ok := builtinFile(name)
	if !ok {
		return nil, fmt.Errorf("no built-in scenario %q (built-ins: %s)", name, strings.Join(builtinNames(), ", "))
	}
	return fs.ReadFile(library, file)
}

// Resolved is a scenario as read: the validated scenario and the comments of the files it
// came from.
type Resolved struct {
	// Scenario is the validated scenario.
	Scenario *model.Scenario
	// Comments holds the line comment of each field that had one in the files (and "--set
	// PATH=VALUE" for overridden fields), by field path such as "entries.per_year"; pass it to
	// Encode to keep the sources of the numbers in a resolved file.
	Comments map[string]string
	// Warnings holds what the files allow but most likely do not mean, each an *Error naming
	// the file, line and field: a list that replaces one the file it extends wrote itself, a
	// change that acts on nothing in the scenario, a value it allows but most likely does not
	// mean (model.Scenario.Warnings).
	Warnings []error
	// Idle is what in the scenario acts on nothing it has (model.Scenario.ActsOnNothing): its
	// interventions, and the fields the top file, when it extends another, or a --set
	// changed. Warnings says each of them too, at its place in the files; a board pack says
	// them (plots.IdleNotes).
	Idle model.Problems
	// TryFirst is what the scenario's try_first does, nil when it has none: a file that
	// extends this one inherits its items (see EncodeOptions.BaseTryFirst).
	TryFirst *TryFirst
}

// TryFirst is what a scenario's try_first does: its items, in order, applied to the ladders
// the scenario has before them (model.TryFirst).
type TryFirst struct {
	// Ladders are the scenario's ladders before try_first: its file's own, or those it inherits.
	Ladders []model.Ladder
	// Items are the items of try_first in the order they apply, those of the files it extends
	// first.
	Items []TryFirstItem
}

// TryFirstItem is one item of try_first: the children Who selects try the kinds Try first.
type TryFirstItem struct {
	Who model.Selector
	Try []model.KindID
}

// Apply returns ladders with the items of t applied to them in order, as loading a file that
// gives ladders and inherits t's items makes them.
func (t *TryFirst) Apply(ladders []model.Ladder) []model.Ladder {
	for _, it := range t.Items {
		ladders, _, _ = model.TryFirst(ladders, it.Who, it.Try)
	}
	return ladders
}

// Load reads a scenario: ref is a path to a file, or the name of a built-in scenario when no
// such file exists ("" means "default"). sets are --set overrides, "PATH=VALUE", applied in
// order after extends. The scenario is fully validated; the error joins every problem found,
// each an *Error.
func Load(ref string, sets []string) (*model.Scenario, error) {
	r, err := Resolve(ref, sets)
	if err != nil {
		return nil, err
	}
	return r.Scenario, nil
}

// Resolve is Load, also returning the comments of the scenario's files.
func Resolve(ref string, sets []string) (*Resolved, error) {
	if ref == "" {
		ref = "default"
	}
	st, statErr := os.Stat(ref)
	if statErr == nil && st.Mode().IsRegular() {
		data, err := os.ReadFile(ref)
		if err != nil {
			return nil, asFileError(ref, unreadable(ref, err))
		}
		return resolve(data, fileSource(ref), sets)
	}
	if statErr == nil && !st.IsDir() {
		// A pipe, a FIFO or /dev/stdin (placesim validate <(...)): read as it comes, once.
		data, err := readStream(ref)
		if err != nil {
			return nil, asFileError(ref, unreadable(ref, err))
		}
		return resolve(data, fileSource(ref), sets)
	}
	if file, ok := builtinFile(ref); ok {
		data, err := fs.ReadFile(library, file)
		if err != nil {
			return nil, err
		}
		return resolve(data, builtinSource(file), sets)
	}
	if statErr == nil && st.IsDir() {
		return nil, &Error{File: ref, Message: "is a folder, not a scenario file"}
	}
	if statErr != nil && !errors.Is(statErr, fs.ErrNotExist) {
		return nil, asFileError(ref, unreadable(ref, statErr))
	}
	if _, ok := regionFile(ref); ok {
		return nil, &RegionError{Ref: ref}
	}
	return nil, fmt.Errorf("%s: no such file and no built-in scenario of that name%s (built-ins: %s; built-in regions: %s)", ref, nearRef(ref, source{dir: "."}, refScenario|refRegion), strings.Join(builtinNames(), ", "), strings.Join(regionNames(), ", "))
}

// streams holds what readStream got from each pipe, FIFO or device, by its path: its text, or
// why it could not be read. Such a file gives its text once, and a command may read it more than
// once (IsRegion, then Load or LoadRegion; sweep and sensitivity load their scenario for each
// value), so later reads in the same process take it from here, the refusal of a file too large
// included (opening the pipe again would read only what the first read left).
var streams = struct {
	sync.Mutex
	read map[string]streamRead
}{read: map[string]streamRead{}}

// streamRead is what one readStream call got: the text, or the error.
type streamRead struct {
	data []byte
	err  error
}

// readStream reads file name, which is not a regular file (a pipe, a FIFO, a device), to its
// end, or returns what an earlier call got from it; it refuses one of more than maxFileBytes
// (a device such as /dev/zero never ends).
func readStream(name string) ([]byte, error) {
	streams.Lock()
	defer streams.Unlock()
	if r, ok := streams.read[name]; ok {
		return r.data, r.err
	}
	data, err := readStreamOnce(name)
	streams.read[name] = streamRead{data, err}
	return data, err
}

// readStreamOnce reads file name to its end, refusing more than maxFileBytes.
func readStreamOnce(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("more than %d MB, the most a file read from a pipe or a device may hold", maxFileBytes>>20)
	}
	return data, nil
}

// LoadBuiltin reads the built-in scenario called name, and never a file: Load reads a file of
// that name first when there is one.
func LoadBuiltin(name string) (*model.Scenario, error) {
	file, ok := builtinFile(name)
	if _, region := regionFile(name); !ok && region {
		return nil, &RegionError{Ref: name}
	}
	if !ok {
		return nil, fmt.Errorf("no built-in scenario %q (built-ins: %s)", name, strings.Join(builtinNames(), ", "))
	}
	data, err := fs.ReadFile(library, file)
	if err != nil {
		return nil, err
	}
	r, err := resolve(data, builtinSource(file), nil)
	if err != nil {
		return nil, err
	}
	return r.Scenario, nil
}

// Parse reads a scenario from r. filename names it in errors ("<input>" when empty), gives the
// scenario its name when the file has none, and is the base for a relative extends (which
// otherwise names a built-in scenario). sets are --set overrides as for Load. The scenario is fully validated.
func Parse(r io.Reader, filename string, sets []string) (*model.Scenario, error) {
	res, err := ParseResolved(r, filename, sets)
	if err != nil {
		return nil, err
	}
	return res.Scenario, nil
}

// ParseResolved is Parse, also returning the comments of the scenario's files.
func ParseResolved(r io.Reader, filename string, sets []string) (*Resolved, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return resolve(data, fileSource(filename), sets)
}

// ParseFS is Parse for a scenario that lives in a folder, fsys (an os.Root's FS, for one):
// name is its path inside the folder ("plan.yaml"), which names it in errors and is the base
// for a relative extends. Its extends are read from the folder only, or name a built-in
// scenario: an extends that reaches outside the folder (an absolute path, ".." above its top,
// a symbolic link out of an os.Root) is an error, refused before anything is read, so that
// no message can show another file's content; so is one that names a file other than a
// scenario file (NAME.yaml or NAME.yml). A file extended is at most 4 MiB.
func ParseFS(r io.Reader, fsys fs.FS, name string, sets []string) (*model.Scenario, error) {
	res, err := ParseResolvedFS(r, fsys, name, sets)
	if err != nil {
		return nil, err
	}
	return res.Scenario, nil
}

// ParseResolvedFS is ParseFS, also returning the comments of the scenario's files.
func ParseResolvedFS(r io.Reader, fsys fs.FS, name string, sets []string) (*Resolved, error) {
	src := source{label: unnamed, id: "fs:" + unnamed, dir: ".", fsys: fsys}
	if name != "" {
		if !fs.ValidPath(name) {
			return nil, fmt.Errorf("%s: not a path inside the scenario's folder", name)
		}
		src = fsSource(fsys, name)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return resolve(data, src, sets)
}

// Validate checks each scenario file (or built-in name) and returns every problem in all of
// them, or nil.
func Validate(paths ...string) error {
	var errs []error
	for _, p := range paths {
		if _, err := Load(p, nil); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// resolve runs the whole pipeline: load and merge the extends chain, apply the overrides,
// check the tree against the file structs, decode, convert and validate.
//
// A region file is refused as one (a *RegionError), rather than with the problems of reading it
// as a scenario: it always has some (its councils an unknown key, or its extends a region), so
// a file is looked at as a region only when it has problems, and a scenario pays nothing.
func resolve(data []byte, src source, sets []string) (*Resolved, error) {
	src.memo = newChainMemo()
	r, err := resolveScenario(data, src, sets)
	if err != nil && !src.builtin {
		if rerr := regionRecordError(data, src); rerr != nil {
			return nil, rerr
		}
	}
	if err != nil && !src.builtin && isRegionData(data, src, 0) {
		return nil, regionFileError(data, src)
	}
	return r, err
}

// resolveScenario is resolve but for its refusal of a region file.
func resolveScenario(data []byte, src source, sets []string) (*Resolved, error) {
	t := newTree(src.label)
	l := &loader{t: t}
	t.root = l.load(data, src)
	if t.root == nil {
		if len(t.errs) == 0 { // only a cycle back to the top file can leave no trace
			t.fileErr(src.label, 0, 0, "cannot be read")
		}
		return nil, joinErrors(t.errs)
	}
	for _, s := range sets {
		t.applySet(s)
	}
	t.check(t.root, reflect.TypeFor[fileScenario](), "")
	if t.setBroke {
		return nil, withWarnings(joinErrors(t.errs), t.warns)
	}
	var f fileScenario
	if err := t.root.Decode(&f); err != nil && len(t.errs) == 0 {
		t.errAt(t.root, "", "%s", err)
	}
	emptied := t.emptied("kinds")
	c := &conv{t: t}
	s := c.convert(&f, defaultName(src.label))
	s.BaselineAtStart()
	if emptied {
		t.report(c.remap(s.Validate()))
		t.keepOwn()
		return nil, withWarnings(joinErrors(t.errs), t.warns)
	}
	t.report(c.remap(s.Validate()))
	t.followsHomes(s)
	if len(t.errs) == 0 {
		t.unusedKinds(s, usedKinds(s), "")
		t.followsUnused(s)
	}
	if len(t.errs) > 0 {
		return nil, withWarnings(joinErrors(t.errs), t.warns)
	}
	idle := s.ActsOnNothing(t.changedIn(s))
	startAt := t.givenAt("start")
	warns := s.Warnings()
	if p, ok := s.StockWarning(); ok {
		warns = append(warns, p)
	}
	for _, p := range append(slices.Clip(idle), warns...) {
		if startAt != "" {
			// A change before the start says where the start was given.
			on := "(start, " + s.Start.Format(time.DateOnly) + ")"
			p.Message = strings.Replace(p.Message, on, on[:len(on)-1]+", given by "+startAt+")", 1)
		}
		at := t.nearest(p.Field)
		if p.Field == "stock" && t.origin[at] != t.top {
			// A stock the file inherits: said at the file's extends, which brought it in.
			if ext := lookup(t.files[t.top], "extends"); ext != nil {
				at = ext
			}
		}
		t.warnAt(at, p.Field, "%s", p.Message)
	}
	if noWarmupSteady(s) && t.onDefault() {
		t.warnAt(t.nearest("warmup_years"), "warmup_years", "%s", noWarmupWarning)
	}
	t.regionCouncilKinds(data, s)
	return &Resolved{Scenario: s, Comments: c.ladderComments(t.comments()), Warnings: warnings(t.warns), Idle: idle, TryFirst: c.tryFirst}, nil
}

// IsStockWarning reports whether warning w is the one of a stock far from what the scenario's
// flows keep in care, or of an empty one (model.Scenario.StockWarning): sweep leaves it out of
// the warnings of the values it varies, whose entries it moves on purpose.
func IsStockWarning(w error) bool {
	var e *Error
	return errors.As(w, &e) && e.Field == "stock" && (strings.HasPrefix(e.Message, model.StockFarPrefix) || strings.HasPrefix(e.Message, model.StockEmptyPrefix))
}

// SharedKindsNote begins the paragraph a region's run writes at the top of a council's
// scenario.yaml to name the kinds the region's shared markets supplied (%s: "ifa and
// external_residential"), which the file alone gives no cap; a run of the file alone warns of
// each of them that keeps no cap.
const SharedKindsNote = "In the region, the places of %s came from the region's shared market of each"

// sharedKindsNote finds SharedKindsNote in the words of a file's opening comment lines.
var sharedKindsNote = regexp.MustCompile(`In the region, the places of (.+?) came from the region's shared market of each`)

// regionCouncilKinds warns, for a council's scenario.yaml a region's run wrote (data, whose
// opening comment holds SharedKindsNote), of each kind of s the region's shared market
// supplied that the file still leaves without a cap: run alone, it has as many places as
// asked for, at list prices, so the file's results are not the region's.
func (t *tree) regionCouncilKinds(data []byte, s *model.Scenario) {
	var head strings.Builder
	for line := range strings.Lines(string(trimBOMs(data))) {
		if !strings.HasPrefix(line, "#") {
			break
		}
		// The comment's words, whichever lines they were wrapped on.
		head.WriteString(strings.TrimSpace(strings.TrimPrefix(line, "#")) + " ")
	}
	m := sharedKindsNote.FindStringSubmatch(head.String())
	if m == nil {
		return
	}
	for _, name := range strings.Split(m[1], " and ") {
		i := slices.IndexFunc(s.Kinds, func(k model.Kind) bool { return k.Name == name })
		if i < 0 || s.Kinds[i].Supply != model.Market || s.Kinds[i].CapacityPlaces != 0 {
			continue
		}
		f := fmt.Sprintf("kinds[%d].capacity_places", i)
		t.warnAt(t.nearest(f), f, "this council scenario was written by a region's run, where %s came from the region's shared market; run alone it is unlimited, at list prices, so its results differ from the region's: run the region to reproduce them, or give %s a cap", name, name)
	}
}

// givenAt says where the top-level field was given: "--set start=2027-04-01", or the file,
// line and column of its value, "eh27.yaml:3:8"; "" when no file or --set gives it.
func (t *tree) givenAt(field string) string {
	n := t.paths[field]
	if n == nil {
		return ""
	}
	o := t.origin[n]
	if o == "" || strings.HasPrefix(o, setPrefix) {
		return o
	}
	return fmt.Sprintf("%s:%d:%d", o, n.Line, n.Column)
}

// noWarmupWarning says what a run with no warm-up from a stock that is the steady state of the
// scenario's rules shows in its first months.
const noWarmupWarning = "no warm-up, so the first months show the starting children, a usual county's mix rather than a real day's, settling into places sized for a usual month: some wait in emergency placements or move before the figures steady, and the first year is not a usual one; give a warm-up (the default county's is 2 years) to report from a settled start, or calibrate the council's own return (placesim calibrate), which starts from its real children in care and needs none"

// onDefault reports whether the scenario t reads is the built-in default county or is built on
// it (its chain of extends reaches it).
func (t *tree) onDefault() bool {
	for _, src := range t.sources {
		if src.builtin && src.id == builtinSource("default.yaml").id {
			return true
		}
	}
	return false
}

// noWarmupSteady reports whether scenario s runs with no warm-up from a starting stock that is
// the steady state of its rules, as the default county's is (a stock with no stock_stays): its
// children are placed as that state has them, in places sized for a usual month, and settle in
// the first months. A calibrated council's stock (with stock_stays) is its real position on the
// start day, which needs no warm-up.
func noWarmupSteady(s *model.Scenario) bool {
	return s.WarmupYears == 0 && len(s.StockStays) == 0 && s.StockCount() > 0
}

// changedIn returns whether a field of scenario s, the one t makes, was changed from what the
// files the top file extends give: the top file, when it extends one, or a --set gave some of
// its value, and the value differs from its base's (changedFrom). A calibrated file that
// writes the default's own threshold, or a --set to the value the files give, changes nothing.
func (t *tree) changedIn(s *model.Scenario) func(field string) bool {
	return func(field string) bool {
		n := t.paths[field]
		if n == nil || !t.written(n) {
			return false
		}
		b := t.changedFrom()
		return b == nil || !s.SameAs(b, field)
	}
}

// changedFrom returns the scenario the top file's values and the --set overrides are changes
// from: the file the top file extends, read alone; or, when it extends none, the top file
// without the overrides. It is nil when there is none or it cannot be read alone (then every
// value written counts as a change).
func (t *tree) changedFrom() *model.Scenario {
	if t.baseDone {
		return t.base
	}
	t.baseDone = true
	data, src, sets := t.parentData, t.parentSrc, false
	if src.label == "" {
		data, src, sets = t.topData, t.topSrc, true
	}
	if src.label == "" || sets && len(t.sets) == 0 {
		return nil
	}
	src.memo = newChainMemo()
	if r, err := resolveScenario(data, src, nil); err == nil {
		t.base = r.Scenario
	}
	return t.base
}

// written reports whether the top file, when it extends one, or a --set gave some of node n.
func (t *tree) written(n *yaml.Node) bool {
	extends := len(t.files) > 1
	var by func(n *yaml.Node) bool
	by = func(n *yaml.Node) bool {
		if o := t.origin[n]; strings.HasPrefix(o, setPrefix) || extends && o == t.top {
			return true
		}
		return slices.ContainsFunc(n.Content, by)
	}
	return by(n)
}

// followsUnused says each problem of t, those unusedKinds found in scenario s, at the list
// that replaced its parent's and so left the kind unused: ladders or step_down.try, or the
// stock when it left out the children in the kind (followsReplacement).
func (t *tree) followsUnused(s *model.Scenario) {
	for _, e := range t.errs {
		var k int
		if n, _ := fmt.Sscanf(e.ScenarioField(), "kinds[%d]", &k); n == 1 && k >= 0 && k < len(s.Kinds) {
			t.followsFromStock(e, s.Kinds[k].Name)
		} else {
			t.followsReplacement(e)
		}
	}
}

// followsHomes says each problem of a close_home of scenario s that names a home no longer
// there, because a kind that says replace_homes: true left it out of the homes it gives, at
// those homes (followsReplacement): "whatif.yaml:6:5: kinds[0].homes: replaces the 2 items
// default gives (line 402), dropping name: Oak House; name: Ash House; with them gone,
// interventions[0].name: names no home ...".
func (t *tree) followsHomes(s *model.Scenario) {
	for _, e := range t.errs {
		var i int
		if n, _ := fmt.Sscanf(e.ScenarioField(), "interventions[%d].name", &i); n != 1 || e.ScenarioField() != fmt.Sprintf("interventions[%d].name", i) ||
			i < 0 || i >= len(s.Interventions) || s.Interventions[i].Action != model.CloseHome {
			continue
		}
		iv := s.Interventions[i]
		t.followsFrom(e, func(r replacement) bool {
			var k int
			return r.key == "homes" && slices.Contains(r.dropped, "name: "+iv.Name) &&
				func() bool { n, _ := fmt.Sscanf(r.field, "kinds[%d].homes", &k); return n == 1 }() && model.KindID(k) == iv.Kind
		})
	}
}

// warnings returns ws sorted and without duplicates, as joinErrors has problems, each an
// *Error.
func warnings(ws []*Error) []error {
	joined, ok := joinErrors(ws).(interface{ Unwrap() []error })
	if !ok {
		return nil
	}
	return joined.Unwrap()
}

// usedKinds returns, for each kind of scenario s, whether a ladder's try or step_down.try
// names it or some of the stock is placed there.
func usedKinds(s *model.Scenario) []bool {
	used := make([]bool, len(s.Kinds))
	mark := func(k model.KindID) {
		if k >= 0 && int(k) < len(used) {
			used[k] = true
		}
	}
	for _, l := range s.Ladders {
		for _, k := range l.Try {
			mark(k)
		}
	}
	for _, k := range s.StepDown.Try {
		mark(k)
	}
	for _, g := range s.Stock {
		if g.Count > 0 {
			mark(g.Kind)
		}
	}
	return used
}

// unusedKinds reports each kind of a scenario file that used (see usedKinds) says no ladder's
// try and no step_down.try names and that holds none of the stock: matching never places a
// child there, so its places stand empty all run while its fixed costs (carers' support,
// homes, block contracts) are paid. No built-in scenario has such a kind, so it is taken for a
// mistake (a kind added and left off the ladders, or a ladder naming another kind) and
// refused. It is judged once the rest of the scenario is sound, at the kind's name. A region's
// council is judged as a scenario file is; of names the council and its region file ("council
// kent (region file se.yaml)"), and is empty for a scenario file.
func (t *tree) unusedKinds(s *model.Scenario, used []bool, of string) {
	for i, k := range s.Kinds {
		if i < len(used) && used[i] {
			continue
		}
		cost := ""
		if k.Supply != model.Market {
			cost = "; its cost is paid all the same"
		}
		whose := ""
		if of != "" {
			whose = " of " + of
		}
		f := fmt.Sprintf("kinds[%d]", i)
		t.errAt(t.nearest(f+".name"), f, "%s: no ladder or step_down.try%s names it, so no child is placed there%s: add it to a ladder's try (or step_down.try), or leave the kind out",
			k.Name, whose, cost)
	}
}

// report records each problem model's validation found at the node of its field, or of its
// nearest ancestor present in the tree, unless a problem within or around the field was
// reported already.
func (t *tree) report(ps model.Problems) {
	// Problems of fields the file already has one at (its reading failed there) are left
	// out, but not for the problems reported here: a rule that repeats another's who does not
	// hide the children no rule of the same list selects, nor does one group left out hide
	// the next.
	bad := t.bad
	for _, p := range ps {
		if slices.ContainsFunc(bad, func(b string) bool { return related(p.Field, b) }) {
			// Refused without its + sign too: not offered. A value for a whole group of
			// fields (weekly_gbp: "+£1.5m", for every need) is refused at one of them.
			for f, pp := range t.plus {
				if within(p.Field, f) {
					pp.err.Message = pp.plain
					if pp.withProblem != nil {
						pp.err.Message = pp.withProblem(p.Message)
					}
				}
			}
			continue
		}
		n, field := t.nearest(p.Field), p.Field
		if c := t.paths[p.Cause]; p.Cause != "" && c != nil && n != nil && t.later(c, n) {
			// The file that set the cause over a parent's field is told at the cause.
			at := t.origin[n]
			if !strings.HasPrefix(at, setPrefix) {
				at = fmt.Sprintf("%s:%d:%d", at, n.Line, n.Column)
			}
			t.errAt(c, p.Cause, p.CauseMessage, " (from "+at+")")
			continue
		}
		if s := t.setWithin(n, n != t.root); s != nil {
			// A problem of a whole (shares that no longer sum to 1) that a --set made by
			// changing a part of it is the --set's, not the file's that gave the rest.
			n = s
		}
		if q, ok := t.pathOf[n]; ok && n.Kind == yaml.ScalarNode && q != field && within(field, q) {
			// One value stands for several fields (weekly_gbp: 600 for every need): report it
			// once, as itself.
			field = q
		}
		t.errAt(n, field, "%s", t.sayWhere(p.Message, n))
	}
}

// interventionRef is a region's intervention named in brackets in a problem's message.
var interventionRef = regexp.MustCompile(`\(interventions\[[0-9]+\]\)`)

// sayWhere returns msg, a problem of node n, with the line of the earlier rule or ladder it
// names where it repeats one's who ("repeats the who of stays[4] (on line 250), which is
// matched first"): the index alone leaves the reader counting the file's rules.
func (t *tree) sayWhere(msg string, n *yaml.Node) string {
	// A region's intervention named in brackets ("left the ifa market on 2027-04-01
	// (interventions[0])") gets its line.
	msg = interventionRef.ReplaceAllStringFunc(msg, func(m string) string {
		ref := m[1 : len(m)-1]
		if at := t.nearest(ref); at != nil && at != t.root && t.pathOf[at] == ref {
			return "(" + ref + ", " + t.firstAt(at, n) + ")"
		}
		return m
	})
	const repeats = "repeats the who of "
	rest, ok := strings.CutPrefix(msg, repeats)
	if !ok {
		return msg
	}
	ref, after, ok := strings.Cut(rest, ",")
	if !ok {
		return msg
	}
	first := t.nearest(ref + ".who")
	if first == nil || first == t.root {
		return msg
	}
	return repeats + ref + " (" + t.firstAt(first, n) + ")," + after
}

// setWithin returns the value a --set gave inside mapping or list n, directly or, when deep, at
// any depth (the share of entries.ages[0] within entries.ages), a node no --set gave itself, or
// nil: the first, when several did. A problem of the whole file is not searched deep: a --set
// anywhere in it need not have made it.
func (t *tree) setWithin(n *yaml.Node, deep bool) *yaml.Node {
	if n == nil || strings.HasPrefix(t.origin[n], setPrefix) || n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return nil
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue
		}
		if strings.HasPrefix(t.origin[c], setPrefix) {
			return c
		}
	}
	for i, c := range n.Content {
		if !deep || n.Kind == yaml.MappingNode && i%2 == 0 {
			continue
		}
		if s := t.setWithin(c, true); s != nil {
			return s
		}
	}
	return nil
}

// later reports whether node a was given later than node b: by a --set, or by a file nearer
// the top of the chain of extends.
func (t *tree) later(a, b *yaml.Node) bool {
	rank := func(n *yaml.Node) int {
		o := t.origin[n]
		if strings.HasPrefix(o, setPrefix) {
			return 0
		}
		if d, ok := t.depth[o]; ok {
			return d
		}
		return 1 << 30
	}
	return rank(a) < rank(b)
}

// defaultName is the name of a scenario whose file gives none: the file's base name without
// its extension.
func defaultName(label string) string {
	base := filepath.Base(label)
	if label == "" || label == unnamed || base == "." {
		return ""
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// comments returns the line comment of every field that has one.
func (t *tree) comments() map[string]string {
	out := map[string]string{}
	for p, n := range t.paths {
		if n == nil {
			continue
		}
		c := n.LineComment
		if c == "" {
			if k := t.keys[p]; k != nil {
				c = k.LineComment
			}
		}
		if c = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "#")); c != "" {
			out[p] = c
		}
	}
	return out
}

// regionFileError is the *RegionError of file src, with text data, a region.
func regionFileError(data []byte, src source) *RegionError {
	e := &RegionError{Ref: src.label, File: true}
	var doc yaml.Node
	if yaml.Unmarshal(trimBOMs(data), &doc) != nil || len(doc.Content) == 0 {
		return e
	}
	root := doc.Content[0]
	if lookupKey(root, "councils") != nil || councilsMisspelt(root) != nil {
		return e
	}
	if ext := lookup(root, "extends"); ext != nil && ext.Kind == yaml.ScalarNode {
		e.Extends, e.Line = strings.TrimSpace(ext.Value), ext.Line
	}
	return e
}
