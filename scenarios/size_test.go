package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// A scenario file's size scales the scenario it extends as a region council's size does
// (model.Scale): the default county sized to 300 children in care is the default scaled by
// 300/821, field for field.
func TestSizeScalesExtended(t *testing.T) {
	s, err := Parse(strings.NewReader("name: small\nextends: default\nsize: {children_in_care: 300}\n"), "small.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	model.Scale(want, 300/float64(want.StockCount()))
	want.Name, want.Description = s.Name, s.Description
	if got := s.StockCount(); got != 300 {
		t.Errorf("children in care at the start: %d, want 300", got)
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("sized file differs from the default scaled by model.Scale:\nentries %v want %v\nchild population %d want %d\nkinds %+v\nwant %+v",
			s.Entries.PerYear, want.Entries.PerYear, s.ChildPopulation, want.ChildPopulation, s.Kinds, want.Kinds)
	}
}

// Size applies first; the file's own fields then override the scaled values.
func TestSizeThenOwnFields(t *testing.T) {
	const file = `name: smallshire
extends: default
size: {children_in_care: 300}
entries: {per_year: 95}
kinds:
  - name: inhouse_foster
    carers: {households: 60}
`
	s, err := Parse(strings.NewReader(file), "smallshire.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := LoadBuiltin("default")
	factor := 300 / float64(def.StockCount())
	if s.Entries.PerYear != 95 {
		t.Errorf("entries.per_year %v, want the file's own 95", s.Entries.PerYear)
	}
	if want := def.UASC.PerYear * factor; s.UASC.PerYear != want {
		t.Errorf("uasc.per_year %v, want the default's scaled, %v", s.UASC.PerYear, want)
	}
	for _, k := range s.Kinds {
		if k.Name == "inhouse_foster" && k.Carers.Households != 60 {
			t.Errorf("inhouse_foster households %d, want the file's own 60", k.Carers.Households)
		}
	}
	if s.StockCount() != 300 {
		t.Errorf("stock %d, want 300", s.StockCount())
	}
}

func TestSizeProblems(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"no extends", "name: a\nstart: 2026-04-01\nsize: {children_in_care: 300}\nkinds: [{name: ifa, category: foster, supply: market, weekly_gbp: 950}]\nladders: [{try: [ifa]}]\n",
			"a.yaml:3:7: size: scales the scenario the file extends, and this file extends none"},
		{"too big", "extends: default\nsize: {children_in_care: 200000}\n", "a.yaml:2:26: size.children_in_care: must be between 1 and 100,000 children"},
		{"not whole", "extends: default\nsize: {children_in_care: 30.5}\n", "a.yaml:2:26: size.children_in_care: must be a whole number"},
		{"missing", "extends: default\nsize: {}\n", "a.yaml:2:7: size.children_in_care: must be given"},
		{"unknown key", "extends: default\nsize: {children: 300}\n", "size.children: unknown"},
		{"no stock", "extends: erlang\nsize: {children_in_care: 300}\n", "a.yaml:2:26: size.children_in_care: cannot scale a scenario with no children in care at the start"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.file), "a.yaml", nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
			var e *Error
			if err != nil && !errors.As(err, &e) {
				t.Errorf("not an *Error: %v", err)
			}
		})
	}
}

func TestSizeCannotBeSet(t *testing.T) {
	_, err := Parse(strings.NewReader("extends: default\nsize: {children_in_care: 300}\n"), "a.yaml", []string{"size.children_in_care=400"})
	if err == nil || !strings.Contains(err.Error(), "size cannot be set") {
		t.Errorf("got %v, want size cannot be set", err)
	}
}

// stockWarnings returns the warnings of the stock among ws.
func stockWarnings(ws []error) []string {
	var out []string
	for _, w := range ws {
		if strings.Contains(w.Error(), ": stock: ") || strings.Contains(w.Error(), "nobody in care at the start") {
			out = append(out, w.Error())
		}
	}
	return out
}

// A council that extends the default and gives its own, smaller entries without a size keeps
// the default's 821 children at the start, and is told so at its extends, with both figures
// and the fix; with size it is not.
func TestStockFarFromFlowsWarned(t *testing.T) {
	const small = "name: smallshire\nextends: default\nentries: {per_year: 95}\nuasc: {per_year: 20}\n"
	r, err := ParseResolved(strings.NewReader(small), "smallshire.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := stockWarnings(r.Warnings)
	want := "smallshire.yaml:2:10: stock: the scenario starts with 821 children in care, 2.7 times the 299 its entries (95 a year, UASC 20) and stays keep in care: the forecast will show children in care falling towards 299"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], "size: {children_in_care: N}") {
		t.Errorf("got %q, want one warning beginning %q and naming size", got, want)
	}
	r, err = ParseResolved(strings.NewReader(small+"size: {children_in_care: 300}\n"), "smallshire.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := stockWarnings(r.Warnings); len(got) != 0 {
		t.Errorf("sized: got %q, want no warning of the stock", got)
	}
	// Twice the entries: the stock is too small, and care rises.
	r, err = ParseResolved(strings.NewReader("extends: default\nentries: {per_year: 600}\nuasc: {per_year: 110}\n"), "big.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := stockWarnings(r.Warnings); len(got) != 1 || !strings.Contains(got[0], "rising towards") {
		t.Errorf("larger entries: got %q, want a warning of care rising", got)
	}
}

// A scenario with no stock is warned of unless its warm-up fills care before the start.
func TestNoStockWarned(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"no warm-up", "extends: erlang\nwarmup_years: 0\n", "stock: the scenario's stock is empty, nobody in care at the start, where its entries and stays keep about 16 in care: the first years show care filling up from nobody"},
		{"short warm-up", "extends: erlang\nwarmup_years: 1\nstays: [{who: {ages: 0-17}, stay: {mean_days: 400}, exits: {return_home: 1}}]\n",
			"its warm-up of 1 year fills care to about 59% of that by the start, so the first years show care still filling up"},
		{"warm-up fills", "extends: erlang\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseResolved(strings.NewReader(tc.file), "e.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			got := stockWarnings(r.Warnings)
			if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// No built-in scenario, and no council of a built-in region, is warned of its stock.
func TestStockWarningNotForBuiltins(t *testing.T) {
	for _, name := range builtinNames() {
		r, err := Resolve(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := stockWarnings(r.Warnings); len(got) != 0 {
			t.Errorf("%s: %q", name, got)
		}
	}
	if testing.Short() {
		return
	}
	for _, name := range regionNames() {
		_, ws, err := LoadRegionWarnings(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := stockWarnings(ws); len(got) != 0 {
			t.Errorf("region %s: %q", name, got)
		}
	}
}

// A calibrated council's stock (with stock_stays) is its position on the start day: not warned
// of, however far from what its entries keep in care.
func TestStockWarningNotForStockStays(t *testing.T) {
	file := "extends: default\nentries: {per_year: 95}\nuasc: {per_year: 20}\n" +
		"stock_stays: [{who: {ages: 0-17}, stay: {mean_days: 700}, exits: {return_home: 1}}]\n"
	r, err := ParseResolved(strings.NewReader(file), "cal.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := stockWarnings(r.Warnings); len(got) != 0 {
		t.Errorf("got %q, want none", got)
	}
}
