package scenarios

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"gopkg.in/yaml.v3"
)

// The region fuzzers read region files through a folder (ParseRegionFS over fuzzFolder), so
// that what they mutate reaches the stock reader and the councils' scenario files as well as
// the region's own fields.

// fuzzCouncil is a council's scenario file in fuzzFolder: the queueing check's one pool with a
// small stock, a run of a few milliseconds a year.
const fuzzCouncil = `extends: erlang
entries: {per_year: 30}
stock:
  - {kind: inhouse_foster, ages: 5, count: 6, needs: {standard: 1}}
  - {kind: ifa, ages: 10-12, count: 4, needs: {standard: 1}, male_share: 0.5}
`

// fuzzStock is a stock file in fuzzFolder for fuzzRegion's councils.
const fuzzStock = `councils:
  - name: north-shire
    stock:
      - {kind: inhouse_foster, ages: 3, count: 5, needs: {standard: 1}}
      - {kind: ifa, ages: 8-9, count: 3, needs: {standard: 1}, male_share: 0.4}
  - name: south-shire
    stock:
      - {kind: ifa, ages: 14, count: 2, needs: {standard: 1}, uasc: true}
`

// fuzzRegion is a small region of two councils, each a tiny scenario (fuzzCouncil, and the
// built-in erlang changed by set), sharing one agency market, with a stock file.
const fuzzRegion = `name: two-shires
start: 2026-04-01
years: 2
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: council.yaml, size: {children_in_care: 12}}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=20, kinds.inhouse_foster.carers.households=4]}
markets:
  - kind: ifa
    pricing: {threshold: 0.8, premium_at_full: 0.3, urgent_premium: 0.1}
    providers:
      - {name: north-agencies, zone: north, places: 6, max_miles: 40}
      - {name: south-agencies, zone: south, places: 3, growth_per_year: 0.05, price_factor: 1.1}
interventions:
  - {action: provider_exit, on: 2027-01-01, market: ifa, provider: south-agencies}
  - {action: pooled_block, on: 2026-10-01, market: ifa, zone: north, places: 2, cost_per_place_per_year_gbp: 50000}
stock: stock.yaml
`

// fuzzFolder returns the folder the region fuzzers read through: the small council scenario,
// stock file and region above, a region that extends it, the South East's stock file (for the
// built-in regions' sources read from the folder) and the stock files of
// testdata/broken-regions.
func fuzzFolder(f testing.TB) fstest.MapFS {
	f.Helper()
	fsys := fstest.MapFS{
		"council.yaml": {Data: []byte(fuzzCouncil)},
		"stock.yaml":   {Data: []byte(fuzzStock)},
		"base.yaml":    {Data: []byte(fuzzRegion)},
		"plan.yaml":    {Data: []byte("extends: base.yaml\ncouncils:\n  - {name: north-shire, size: {children_in_care: 9}}\n")},
	}
	se, err := fs.ReadFile(library, "regions/stock/south-east.yaml")
	if err != nil {
		f.Fatal(err)
	}
	fsys["stock/south-east.yaml"] = &fstest.MapFile{Data: se}
	files, _ := filepath.Glob("testdata/broken-regions/stock/*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		fsys["stock/"+filepath.Base(name)] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// fuzzRegionSeeds are seeds of FuzzParseRegion and FuzzRunRegion: the small region, and
// hand-made regions that use a stock file, scenario files, extends, anchors and aliases; each
// reads from fuzzFolder and runs (TestFuzzRegionSeeds).
var fuzzRegionSeeds = []string{
	fuzzRegion,
	"extends: base.yaml\nyears: 1\nwarmup_years: 1\nstock: null\n",
	"extends: plan.yaml\nname: plan-b\nmarkets:\n  - kind: ifa\n    providers:\n      - {name: north-agencies, places: 20}\n",
	`name: anchors
start: 2026-04-01
years: 1
zones:
  - {name: &z z, miles: {z: 10}}
councils:
  - {name: north-shire, zone: *z, scenario: &c council.yaml, set: &s [entries.per_year=10]}
  - {name: south-shire, zone: *z, scenario: *c, set: *s}
markets:
  - kind: ifa
    providers: [{name: p, zone: *z, places: 4}]
stock: stock.yaml
`,
	`name: regions
start: 2026-04-01
years: 2
warmup_years: 1
zones:
  - {name: north, region: upland, miles: {north: 5, south: 30, east: 60}}
  - {name: south, region: upland, miles: {south: 5, east: 25}}
  - {name: east, region: lowland, miles: {east: 8}}
councils:
  - {name: north-shire, zone: north, scenario: council.yaml, size: {children_in_care: 5}}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=25, kinds.inhouse_foster.carers.households=3]}
  - {name: east-shire, zone: east, scenario: council.yaml, interventions: [{action: extra_approvals, from: 2026-10-01, kind: inhouse_foster, per_year: 2}]}
markets:
  - kind: ifa
    pricing: {threshold: 0.5, premium_at_full: 1, real_growth_per_year: 0.02}
    providers:
      - {name: p1, zone: north, places: 4, accepts: {ages: 0-12}, over_20_miles_share: 0.5}
      - {name: p2, zone: east, places: 2, growth_per_year: -0.5, max_miles: 30}
interventions:
  - {action: provider_open, on: 2026-06-01, market: ifa, provider: p3, zone: south, places: 3, accepts: {ages: 10-17}, over_20_miles_share: 1}
  - {action: provider_resize, on: 2027-02-01, market: ifa, provider: p1, places: -3, cost: {one_off_gbp: 1000}}
own_placements: [{kind: inhouse_foster, outside_within_20_miles: 0.2, outside_over_20_miles: 0.9}]
`,
	`name: one
start: 2026-04-01
years: 1
zones: [{name: z, miles: {z: 10}}]
councils: [{name: north-shire, zone: z, scenario: council.yaml}]
own_placements: [{kind: inhouse_foster, outside_within_20_miles: 0.1, outside_over_20_miles: 0.5}]
`,
}

// FuzzParseRegion checks that no region file makes ParseRegionFS panic, and that what it
// accepts validates, the region and each council's scenario. The files are read through a
// folder (fuzzFolder) holding a stock file and a council's scenario file that the seeds name.
// There is no encoder of regions, so no round trip. The seed corpus is the built-in regions,
// testdata/broken-regions and fuzzRegionSeeds.
func FuzzParseRegion(f *testing.F) {
	fsys := fuzzFolder(f)
	for _, b := range BuiltinRegions() {
		src, err := RegionSource(b.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	files, _ := filepath.Glob("testdata/broken-regions/*.yaml")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range fuzzRegionSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := ParseRegionFS(bytes.NewReader(data), fsys, "region.yaml", nil)
		if err != nil {
			return
		}
		if ps := reg.Validate(); ps != nil {
			t.Fatalf("ParseRegionFS accepted a region that does not validate: %v", ps.Err())
		}
		for _, c := range reg.Councils {
			if c.Scenario == nil {
				t.Fatalf("ParseRegionFS accepted a region whose council %s has no scenario", c.Name)
			}
			if ps := c.Scenario.Validate(); ps != nil {
				t.Fatalf("ParseRegionFS accepted a region whose council %s's scenario does not validate: %v", c.Name, ps.Err())
			}
		}
	})
}

// fuzzStockSeeds are seeds of FuzzRegionStock; the first two are read (TestFuzzRegionSeeds).
var fuzzStockSeeds = []string{
	fuzzStock,
	"councils:\n  - name: south-shire\n    stock: &s [{kind: ifa, ages: 3, count: 1}]\n  - {name: north-shire, stock: *s}\n",
	"councils: []\n",
	"councils:\n  - {name: north-shire, stock: [{kind: inhouse_foster, ages: 0-17, count: 100000, needs: {standard: 0.5, complex: 0.5}}]}\n",
}

// FuzzRegionStock checks that no stock file makes reading a region panic, and that a stock
// file refused is refused with errors that each name a line in it, or, for a problem with the
// whole file (it is empty, say), the region's stock field at its line and the stock file. The
// region is fuzzRegion, valid with the stock file it names; the fuzzed bytes are that file.
func FuzzRegionStock(f *testing.F) {
	fsys := fuzzFolder(f)
	for _, s := range fuzzStockSeeds {
		f.Add([]byte(s))
	}
	for _, name := range []string{"stock/broken.yaml", "stock/extends.yaml"} {
		f.Add(fsys[name].Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		folder := fstest.MapFS{}
		for k, v := range fsys {
			folder[k] = v
		}
		folder["stock.yaml"] = &fstest.MapFile{Data: data}
		_, err := ParseRegionFS(strings.NewReader(fuzzRegion), folder, "region.yaml", nil)
		if err == nil {
			return
		}
		for _, e := range Problems(err) {
			var pe *Error
			if !errors.As(e, &pe) || pe.Line < 1 {
				t.Fatalf("a problem with the stock file has no line: %v\n(all: %v)", e, err)
			}
			inStock := pe.File == "stock.yaml"
			atStock := pe.File == "region.yaml" && pe.Field == "stock" && strings.HasPrefix(pe.Message, "stock.yaml: ")
			if !inStock && !atStock {
				t.Fatalf("a problem with the stock file names neither a line of it nor the region's stock: %v\n(all: %v)", e, err)
			}
		}
	})
}

// FuzzRegionSet checks that no --set override makes reading a region panic. It reads
// fuzzRegion (two councils, a shared market, interventions and a stock file) with the
// override, not a built-in region: the smallest, the South East, takes a tenth of a second to
// read, which left the fuzzer under a hundred inputs in four minutes, where fuzzRegion leaves
// it over a hundred thousand. Overrides of the South East's paths are seeds too.
func FuzzRegionSet(f *testing.F) {
	fsys := fuzzFolder(f)
	for _, s := range []string{
		"councils[0].set[0]=entries.per_year=300", "councils.north-shire.size.children_in_care=30",
		"councils.south-shire.scenario=council.yaml", "councils[1].interventions=[]", "councils[1].set=[years=3]",
		"stock=null", "stock=stock/none.yaml", "stock=../default.yaml", "stock=stock/south-east.yaml",
		"warmup_years=3", "years=5", "start=2030-01-01", "extends=base.yaml",
		"markets.ifa.pricing.threshold=0.9", "markets.ifa.pricing.premium_at_full=11",
		"markets.ifa.providers.north-agencies.places=450", "markets[0].providers[0].zone=nowhere",
		"zones[0].miles.south=-1", "interventions=[{action: provider_exit}]", "interventions[1].places=-3",
		"councils=[]", "own_placements=[{kind: inhouse_foster}]", "a..b=1", "=",
		"councils.kent.size.children_in_care=1900", "markets.external_residential.pricing.premium_at_full=2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, set string) {
		_, _ = ParseRegionFS(strings.NewReader(fuzzRegion), fsys, "region.yaml", []string{set})
	})
}

// FuzzMergeRegionText checks that no base and overlay make MergeRegionText panic, and that
// what it returns reads as YAML. The seeds' base is a built-in region's text (the workspace's
// region editor merges its edits into a region's file) or fuzzRegion.
func FuzzMergeRegionText(f *testing.F) {
	base, err := RegionSource("regional-care-cooperative")
	if err != nil {
		f.Fatal(err)
	}
	for _, o := range []string{
		"name: more-hub\ncouncils:\n  - name: kent\n    interventions:\n      - {action: extra_approvals, from: 2028-04-01, kind: inhouse_foster, per_year: 5}\n",
		"markets:\n  - kind: ifa\n    providers:\n      - {name: agencies-kent, places: 900}\n",
		"interventions:\n  - {action: provider_exit, on: 2028-04-01, market: ifa, provider: agencies-medway}\n",
		"stock: null\nextends: one-council-recruits\n",
		"councils: &c [{name: a}, *c]\n",
		"# a comment\nzones: {}\n",
	} {
		f.Add(string(base), o)
	}
	f.Add(fuzzRegion, "councils:\n  - {name: north-shire, set: [years=3]}\n")
	f.Fuzz(func(t *testing.T, base, overlay string) {
		out, err := MergeRegionText(base, overlay)
		if err != nil {
			return
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("the merged text does not read as YAML: %v\n%s", err, out)
		}
	})
}

// fuzzRegionSteps is the work budget of FuzzRunRegion's replication in steps, shared among
// the region's councils: a council's is this over the number of councils, so that a region of
// many councils (the South East's 14, England's 153) runs no longer than a region of one.
const fuzzRegionSteps = 2_000_000

// FuzzRunRegion checks that whatever ParseRegionFS accepts runs: one replication, with the
// engine's and the shared markets' invariants checked at every month's end, ends in results or
// in a *sim.BudgetError, never a panic, a hang or another error. Each council's work budget is
// fuzzBudget's with its steps fuzzRegionSteps shared among the councils. The seeds are
// fuzzRegionSeeds: small regions of tiny scenarios.
func FuzzRunRegion(f *testing.F) {
	fsys := fuzzFolder(f)
	for _, s := range fuzzRegionSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := ParseRegionFS(bytes.NewReader(data), fsys, "region.yaml", nil)
		if err != nil {
			return
		}
		runFuzzRegion(t, reg)
	})
}

// runFuzzRegion runs reg as FuzzRunRegion does, failing t unless it ends in results or a
// *sim.BudgetError; it returns whether it ran to the end.
func runFuzzRegion(t *testing.T, reg *model.Region) bool {
	t.Helper()
	{
		budget := fuzzBudget
		budget.Steps = max(fuzzRegionSteps/int64(len(reg.Councils)), 1)
		rr, err := sim.RunRegion(reg, sim.Options{Reps: 1, Seed: 1, Workers: 1, Check: true, Budget: budget})
		var be *sim.BudgetError
		switch {
		case errors.As(err, &be):
			return false
		case err != nil:
			t.Fatalf("a region that validates does not run: %v", err)
		}
		var buf bytes.Buffer
		if err := rr.WriteSummary(&buf, []float64{5, 50, 95}); err != nil {
			t.Fatalf("WriteSummary: %v", err)
		}
		if err := rr.WriteTimeseries(&buf, []float64{50}); err != nil {
			t.Fatalf("WriteTimeseries: %v", err)
		}
		if err := rr.WriteKPIs(&buf); err != nil {
			t.Fatalf("WriteKPIs: %v", err)
		}
	}
	return true
}

// TestFuzzRegionSeeds checks that the region fuzzers' hand-made seeds are what they are meant
// to be: the small regions read and run to the end within FuzzRunRegion's budget, and the
// stock files FuzzRegionStock starts from are read.
func TestFuzzRegionSeeds(t *testing.T) {
	fsys := fuzzFolder(t)
	for i, s := range fuzzRegionSeeds {
		reg, err := ParseRegionFS(strings.NewReader(s), fsys, "region.yaml", nil)
		if err != nil {
			t.Errorf("seed %d: %v", i, err)
			continue
		}
		if !runFuzzRegion(t, reg) {
			t.Errorf("seed %d: over FuzzRunRegion's budget", i)
		}
	}
	se, err := RegionSource("south-east")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseRegionFS(bytes.NewReader(se), fsys, "region.yaml", nil); err != nil {
		t.Errorf("the South East's source, from the folder: %v", err)
	}
	for _, s := range fuzzStockSeeds[:2] {
		fsys["stock.yaml"] = &fstest.MapFile{Data: []byte(s)}
		if _, err := ParseRegionFS(strings.NewReader(fuzzRegion), fsys, "region.yaml", nil); err != nil {
			t.Error(err)
		}
	}
}

// TestRegionWholeFile checks that a problem with a whole region or stock file says what kind
// of file it is, and that one with a whole stock file (which has no line of its own) is
// reported at the region's stock.
func TestRegionWholeFile(t *testing.T) {
	fsys := fuzzFolder(t)
	for _, tc := range []struct{ region, stock, want string }{
		{"- name: x\n", fuzzStock, "region.yaml:1:1: a region file must be a mapping of fields such as name, zones and councils, not a list"},
		{fuzzRegion + "---\n", fuzzStock, "region.yaml:20:1: a region file holds one YAML document, and this is a second"},
		{fuzzRegion, "- north-shire\n", "stock.yaml:1:1: a stock file must be a mapping of councils (each council's children in care at the start), not a list"},
		{fuzzRegion, "# to come\n", "region.yaml:19:8: stock: stock.yaml: file is empty"},
		{fuzzRegion, "councils:\n", "stock.yaml:1:10: councils: must list councils and their children in care"},
	} {
		fsys["stock.yaml"] = &fstest.MapFile{Data: []byte(tc.stock)}
		_, err := ParseRegionFS(strings.NewReader(tc.region), fsys, "region.yaml", nil)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
}
