package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
)

// regionStock is a region's stock file as read: each council's children in care at the start,
// replacing those of its scenario (scaled).
type regionStock struct {
	t    *tree // the stock file's own tree, whose problems name the stock file
	f    fileRegionStock
	at   map[string]int // a council's position in f.Councils, by name
	used []bool
	dup  []int // the positions in f.Councils of councils listed again
}

// stockFile reads the stock file that the region's stock names, resolved as a council's
// scenario is against the file that names it, or returns nil when there is none or it cannot
// be read (the problem reported).
func (rc *regionConv) stockFile(v text) *regionStock {
	t := rc.t
	n := usable(v.node)
	if n == nil {
		if v.node != nil && !isNull(v.node) {
			rc.fail("stock", v.node, "must name a stock file (NAME.yaml)")
		}
		return nil
	}
	ref := strings.TrimSpace(n.Value)
	if ext := path.Ext(ref); ext != ".yaml" && ext != ".yml" {
		rc.fail("stock", n, "must name a stock file (NAME.yaml), not %q", ref)
		return nil
	}
	from, ok := t.sources[t.origin[n]]
	if !ok { // given by a --set override: resolve it as the top file would
		from = t.sources[t.top]
	}
	data, src, err := readStockFile(ref, from)
	if err != nil && !ok && from.builtin {
		// A built-in region has no folder: a stock file a --set gives it is the user's.
		data, src, err = readStockFile(ref, workingFolder)
		err = fromWorkingFolder(ref, err)
	}
	if err != nil {
		rc.fail("stock", n, "%s", err)
		return nil
	}
	st := newTree(src.label)
	st.rootType = reflect.TypeFor[fileRegionStock]()
	if m := stockExtends.FindIndex(data); m != nil {
		line := 1 + bytes.Count(data[:m[0]], []byte("\n"))
		st.fileErr(src.label, line, 1, "extends: a stock file extends nothing: it lists the councils' children in care under councils")
		t.errs = append(t.errs, st.errs...)
		return nil
	}
	// Read as a file of the user's would be, so that the built-in one's parsed document is
	// not kept for the next reading as a built-in scenario's is: it is read once a region.
	nocache := src
	nocache.builtin = false
	st.root = (&loader{t: st}).load(data, nocache)
	// A problem with the whole stock file (it is empty, say) has no line of its own: it is
	// reported at the region's stock, which names the file.
	kept := st.errs[:0]
	for _, e := range st.errs {
		if e.Line == 0 {
			rc.fail("stock", n, "%s: %s", e.File, e.Message)
			continue
		}
		kept = append(kept, e)
	}
	st.errs = kept
	rs := &regionStock{t: st, at: map[string]int{}}
	c := &conv{t: st}
	if st.root != nil {
		st.check(st.root, st.rootType, "")
		if err := st.root.Decode(&rs.f); err != nil && len(st.errs) == 0 {
			st.errAt(st.root, "", "%s", err)
		}
		if len(st.errs) == 0 && len(rs.f.Councils) == 0 {
			c.fail("councils", nil, "must list councils and their children in care (it lists none; leave the region's stock out for the councils' scenarios' own)")
		}
	}
	for i, fc := range rs.f.Councils {
		fld := fmt.Sprintf("councils[%d].name", i)
		name := c.text(fld, fc.Name, "")
		if _, dup := rs.at[name]; dup {
			c.fail(fld, fc.Name.node, "council %s is listed twice", name)
			rs.dup = append(rs.dup, i)
			continue
		}
		if name == "" {
			c.fail(fld, fc.Name.node, "must be given")
			continue
		}
		rs.at[name] = i
	}
	rs.used = make([]bool, len(rs.f.Councils))
	return rs
}

// stockExtends finds an extends key at the top of a stock file, which the loader would follow.
var stockExtends = regexp.MustCompile(`(?m)^extends\s*:`)

// readStockFile reads the stock file ref names, relative to the directory of the file from
// that names it: in the library for a built-in region, in the folder for a region read
// through one (and not outside it), and on disk otherwise.
func readStockFile(ref string, from source) ([]byte, source, error) {
	switch {
	case from.builtin:
		p := path.Clean(path.Join(from.dir, ref))
		data, err := fs.ReadFile(library, p)
		if err != nil {
			return nil, source{}, fmt.Errorf("no stock file %q beside the built-in region", ref)
		}
		return data, builtinSource(p), nil
	case from.fsys != nil:
		p, ok := insideFolder(from.dir, ref)
		if !ok {
			return nil, source{}, fmt.Errorf("%q is outside the region's folder: name a stock file in the folder", ref)
		}
		data, err := readLimited(from.fsys, p)
		if err != nil {
			return nil, source{}, fmt.Errorf("the stock file %q cannot be read: %v", ref, err)
		}
		return data, fsSource(from.fsys, p), nil
	}
	p := ref
	if !filepath.IsAbs(p) {
		p = filepath.Join(from.dir, ref)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, source{}, fmt.Errorf("no stock file %s", p)
		}
		return nil, source{}, fmt.Errorf("the stock file %s cannot be read: %v", p, err)
	}
	return data, fileSource(p), nil
}

// apply gives council name's scenario s the stock the file lists for it, if any: apportioned
// (model.ApportionStock) to the children in care s was scaled to when sized, so that the
// file's mix of kinds, ages and needs keeps the council's size, and its groups' homes_share
// then lowered to what the council's own homes hold (model.FitHomesShares). A council whose scenario could
// not be read (s nil) is only noted as the region's.
func (rs *regionStock) apply(name string, s *model.Scenario, sized bool) {
	i, ok := rs.at[name]
	if !ok {
		return
	}
	rs.used[i] = true
	if s == nil {
		return
	}
	fc := rs.f.Councils[i]
	fld := fmt.Sprintf("councils[%d].stock", i)
	c := &conv{t: rs.t, kinds: map[string]model.KindID{}}
	for k, kd := range s.Kinds {
		c.kinds[kd.Name] = model.KindID(k)
		c.kindNames = append(c.kindNames, kd.Name)
	}
	before := len(rs.t.errs)
	groups := c.stock(fld, fc.Stock)
	var total int
	for _, g := range groups {
		total += g.Count
	}
	if len(rs.t.errs) == before && total == 0 {
		c.fail(fld, nil, "must list the council's children in care (it lists none)")
	}
	// The scenario's own checks of a stock, at the stock file's lines (but for the fields
	// reported already).
	cp := *s
	cp.Stock = groups
	var ps model.Problems
	for _, p := range cp.Validate() {
		if rest, ok := strings.CutPrefix(p.Field, "stock"); ok {
			p.Field = fld + rest
			ps = append(ps, p)
		}
	}
	rs.t.report(ps)
	if len(rs.t.errs) > before {
		return
	}
	n := s.StockCount()
	s.Stock = groups
	if sized && n != total {
		for j, m := range model.ApportionStock(groups, float64(n)/float64(total)) {
			groups[j].Count = m
		}
		// The groups' homes_share, checked at the file's counts, lowered to what the
		// council's own homes hold at its size, as a scaled scenario's are.
		model.FitHomesShares(s)
	}
	s.Description = strings.Replace(s.Description, stockPhrase, fmt.Sprintf("%s, its mix as %s lists it", stockPhrase, rs.t.top), 1)
}

// finish reports, in the region's tree t, the problems found in the stock file as the
// councils took their stock, and each council it lists that the region, whose councils are
// named names, does not have.
func (rs *regionStock) finish(t *tree, names []string) {
	c := &conv{t: rs.t}
	for i, fc := range rs.f.Councils {
		if !rs.used[i] && !slices.Contains(rs.dup, i) && usable(fc.Name.node) != nil {
			name := strings.TrimSpace(fc.Name.node.Value)
			c.fail(fmt.Sprintf("councils[%d].name", i), fc.Name.node, "the region has no council %s%s", name, suggest(name, names))
		}
	}
	t.errs = append(t.errs, rs.t.errs...)
	if len(rs.t.errs) > 0 {
		t.bad = append(t.bad, "stock")
	}
}
