package scenarios

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestBrokenRegions loads every region in testdata/broken-regions and compares the combined
// errors with testdata/broken-regions.golden byte for byte (go test ./scenarios -update
// rewrites it, as TestBroken does broken.golden).
func TestBrokenRegions(t *testing.T) {
	files, err := filepath.Glob("testdata/broken-regions/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no broken regions: %v", err)
	}
	var b strings.Builder
	for _, f := range files {
		b.WriteString("== " + f + "\n")
		if !IsRegion(f) {
			t.Errorf("%s: IsRegion is false", f)
		}
		_, err := LoadRegion(f, nil)
		if err == nil {
			t.Errorf("%s loaded without error", f)
			continue
		}
		b.WriteString(err.Error() + "\n\n")
	}
	got := b.String()
	const golden = "testdata/broken-regions.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./scenarios -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("errors differ from %s (go test ./scenarios -update rewrites it); got:\n%s", golden, got)
	}
}

// builtinRegion loads the built-in region name once for all the tests that read it (England
// takes a third of a second).
func builtinRegion(t *testing.T, name string) *model.Region {
	t.Helper()
	builtinRegionsMu.Lock()
	defer builtinRegionsMu.Unlock()
	if reg, ok := builtinRegionsLoaded[name]; ok {
		return reg
	}
	reg, err := LoadRegion(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	builtinRegionsLoaded[name] = reg
	return reg
}

var (
	builtinRegionsMu     sync.Mutex
	builtinRegionsLoaded = map[string]*model.Region{}
)

// TestBuiltinRegions loads every built-in region: each validates (its councils' scenarios
// with it), has a description, and is a region by IsRegion; the built-in scenarios are not.
func TestBuiltinRegions(t *testing.T) {
	infos := BuiltinRegions()
	var names []string
	for _, b := range infos {
		names = append(names, b.Name)
	}
	want := []string{"england", "new-provider-cheap-property", "one-council-recruits", "provider-exit", "regional-care-cooperative", "south-east"}
	if !slices.Equal(names, want) {
		t.Fatalf("built-in regions %v, want %v", names, want)
	}
	shipped := map[string]string{} // the built-in scenarios' descriptions
	for _, b := range Builtins() {
		shipped[b.Name] = b.Description
	}
	for _, b := range infos {
		t.Run(b.Name, func(t *testing.T) {
			if b.Description == "" {
				t.Error("no description")
			}
			if !IsRegion(b.Name) {
				t.Error("IsRegion is false")
			}
			reg := builtinRegion(t, b.Name)
			if reg.Name != b.Name {
				t.Errorf("named %q", reg.Name)
			}
			for _, c := range reg.Councils {
				s := c.Scenario
				// What the council is in the region, and not what its built-in scenario is as
				// shipped (its size, that strategies extend it).
				if want := "Council " + c.Name + " of region " + reg.Name + ": the built-in scenario " + c.ScenarioName + ", scaled to "; !strings.HasPrefix(s.Description, want) ||
					strings.Contains(s.Description, shipped[c.ScenarioName]) {
					t.Errorf("council %s is described %q, want it to begin %q and not to hold the built-in's description", c.Name, s.Description, want)
				}
				if s.Name != c.Name || !s.Start.Equal(reg.Start) || s.Years != reg.Years || s.WarmupYears != reg.WarmupYears {
					t.Errorf("council %s: scenario %q on %v for %d+%d years, want the council's name on the region's clock", c.Name, s.Name, s.Start, s.WarmupYears, s.Years)
				}
			}
		})
	}
	for _, b := range Builtins() {
		if IsRegion(b.Name) {
			t.Errorf("built-in scenario %s: IsRegion is true", b.Name)
		}
	}
}

// TestRegionSizes checks that the built-in regions' councils add up to the regional totals
// their files state: each council's stock is apportioned to exactly its size
// (model.ApportionStock), so the sums are exact.
func TestRegionSizes(t *testing.T) {
	for _, tt := range []struct {
		region   string
		councils int
		total    int // the total the file's header states
	}{
		{"south-east", 14, 11_176},
		{"england", 153, 83_633},
	} {
		reg := builtinRegion(t, tt.region)
		sum := 0
		for _, c := range reg.Councils {
			sum += c.Scenario.StockCount()
		}
		if len(reg.Councils) != tt.councils || sum != tt.total {
			t.Errorf("%s: %d councils with %d children in care, want %d with %d", tt.region, len(reg.Councils), sum, tt.councils, tt.total)
		}
	}
}

// TestRegionStockMix checks that each council of the built-in regions starts with the mix of
// children its stock gives: its children of each need (with UASC status), and of each need in
// each kind, are within one of its stock's times the council's factor, as model.ApportionStock
// promises. England's councils and a region with no stock file take the county's stock, the
// South East's councils their own in its stock file (regions/stock/south-east.yaml), read here
// with no sizes to apportion it to. It also checks the figures model.ApportionStock and
// scenarios/README.md quote: apportioned over the stock's groups alone, Portsmouth (402 children
// in care) starts with 51 children of complex need where 44.1 are its share; and the
// children of complex need the READMEs quote in the stock file and in the county's stock
// scaled: Kent's 214 and 215, Portsmouth's 44 and 44.
func TestRegionStockMix(t *testing.T) {
	type key struct {
		need  [model.NumNeeds]float64
		uasc  bool
		kind  model.KindID
		whole bool // the need's children in all kinds
	}
	count := func(s *model.Scenario) map[key]int {
		m := map[key]int{}
		for _, g := range s.Stock {
			m[key{g.NeedShares, g.UASC, g.Kind, false}] += g.Count
			m[key{g.NeedShares, g.UASC, 0, true}] += g.Count
		}
		return m
	}
	base, err := Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, len(base.Stock))
	complexShare := 0.0
	for i, g := range base.Stock {
		counts[i] = g.Count
		complexShare += float64(g.Count) * g.NeedShares[model.NeedComplex]
	}
	portsmouth := 402 / float64(base.StockCount())
	complexShare *= portsmouth
	complex := 0.0
	for i, n := range model.Apportion(counts, portsmouth) {
		complex += float64(n) * base.Stock[i].NeedShares[model.NeedComplex]
	}
	if complex != 51 || math.Round(complexShare*10) != 441 {
		t.Errorf("the county's stock apportioned over its groups alone to 402 children holds %.1f of complex need where %.1f are its share; the comments quote 51 and 44.1", complex, complexShare)
	}
	load := func(name string, sets ...string) *model.Region {
		reg, err := LoadRegion(name, sets)
		if err != nil {
			t.Fatal(err)
		}
		return reg
	}
	se := builtinRegion(t, "south-east")
	var unsized []string
	for i := range se.Councils {
		unsized = append(unsized, fmt.Sprintf("councils[%d].size=null", i))
	}
	seFile := load("south-east", unsized...)
	seCounty := load("south-east", "stock=null")
	// The README and south-east.yaml quote Kent's children of complex need in the stock file
	// and in the county's stock scaled.
	complexOf := func(s *model.Scenario) (n float64) {
		for _, g := range s.Stock {
			n += float64(g.Count) * g.NeedShares[model.NeedComplex]
		}
		return n
	}
	for _, q := range []struct {
		council          int
		inFile, inCounty float64
	}{{0, 214, 215}, {7, 44, 44}} {
		name := se.Councils[q.council].Name
		if a, b := complexOf(seFile.Councils[q.council].Scenario), complexOf(seCounty.Councils[q.council].Scenario); a != q.inFile || b != q.inCounty {
			t.Errorf("%s: %.0f children of complex need in the stock file, %.0f in the county's stock scaled; the README and south-east.yaml quote %.0f and %.0f", name, a, b, q.inFile, q.inCounty)
		}
	}
	for _, tt := range []struct {
		what string
		reg  *model.Region
		// stock returns the stock council i's was apportioned from.
		stock func(i int) *model.Scenario
	}{
		{"south-east", se, func(i int) *model.Scenario { return seFile.Councils[i].Scenario }},
		{"south-east with no stock file", seCounty, func(int) *model.Scenario { return base }},
		{"england", builtinRegion(t, "england"), func(int) *model.Scenario { return base }},
	} {
		for i, c := range tt.reg.Councils {
			from := tt.stock(i)
			f := float64(c.Scenario.StockCount()) / float64(from.StockCount())
			want := count(from)
			got := count(c.Scenario)
			for k := range want {
				if _, ok := got[k]; !ok {
					got[k] = 0
				}
			}
			for k, n := range got {
				if d := math.Abs(float64(n) - float64(want[k])*f); d >= 1 {
					what := fmt.Sprintf("of needs %v (UASC %v) in kind %s", k.need, k.uasc, base.Kinds[k.kind].Name)
					if k.whole {
						what = fmt.Sprintf("of needs %v (UASC %v) in all kinds", k.need, k.uasc)
					}
					t.Errorf("%s %s: %d children %s, %.2f from its stock's %d × %.3f", tt.what, c.Name, n, what, d, want[k], f)
				}
			}
		}
	}
	// The stock file is the councils' own: Kent's is not the county's scaled.
	if a, b := se.Councils[0].Scenario.StockCount(), seFile.Councils[0].Scenario.StockCount(); a == b || math.Abs(float64(a-b)) > 0.01*float64(a) {
		t.Errorf("kent: %d children in care sized, %d in the stock file: want them within 1%% but not the same (the file is the region's steady state)", a, b)
	}
}

// TestEnglandTable checks that england.yaml's councils are the rows of england-councils.csv,
// in order, with their regions, zones (each zone naming its region) and sizes, and that every
// region's councils add up to the same total in both.
func TestEnglandTable(t *testing.T) {
	rows := readTable(t, "regions/england-councils.csv")
	reg := builtinRegion(t, "england")
	if want := []string{"region", "zone", "council", "name", "under_18_thousands", "children_in_care", "source"}; !slices.Equal(rows[0], want) {
		t.Fatalf("columns %v, want %v", rows[0], want)
	}
	rows = rows[1:]
	if len(rows) != len(reg.Councils) {
		t.Fatalf("%d rows, %d councils", len(rows), len(reg.Councils))
	}
	for i, r := range rows {
		c := reg.Councils[i]
		n, err := strconv.Atoi(r[5])
		z := reg.Zones[c.Zone]
		if err != nil || c.Name != r[3] || z.Region != r[0] || z.Name != r[1] || c.Scenario.StockCount() != n {
			t.Errorf("row %d %v: council %s in %s, zone %s, with %d children in care", i+2, r, c.Name, z.Region, z.Name, c.Scenario.StockCount())
		}
		if !strings.HasPrefix(r[6], "V: ") && !strings.HasPrefix(r[6], "D: ") {
			t.Errorf("row %d: source %q says neither V nor D", i+2, r[6])
		}
	}
}

// readTable reads the CSV table at path, its header first.
func readTable(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestEnglandZones checks that england.yaml's zones are the rows of england-zones.csv, in
// order, with their regions, that the miles between two zones are the straight-line distance
// between the centres the table gives (haversine on a sphere of 3,958.8 miles, England's
// latitudes) × 1.3 for the road, rounded to the mile, and the miles within a zone the table's.
func TestEnglandZones(t *testing.T) {
	rows := readTable(t, "regions/england-zones.csv")
	if want := []string{"zone", "region", "centre", "latitude", "longitude", "within_miles", "source"}; !slices.Equal(rows[0], want) {
		t.Fatalf("columns %v, want %v", rows[0], want)
	}
	rows = rows[1:]
	reg := builtinRegion(t, "england")
	if len(rows) != len(reg.Zones) {
		t.Fatalf("%d rows, %d zones", len(rows), len(reg.Zones))
	}
	type centre struct{ lat, lon, within float64 }
	at := make([]centre, len(rows))
	for i, r := range rows {
		var err error
		c := &at[i]
		for j, v := range []*float64{&c.lat, &c.lon, &c.within} {
			if *v, err = strconv.ParseFloat(r[3+j], 64); err != nil {
				t.Fatalf("row %d: %v", i+2, err)
			}
		}
		if z := reg.Zones[i]; z.Name != r[0] || z.Region != r[1] {
			t.Errorf("row %d %v: zone %s of region %s", i+2, r[:2], z.Name, z.Region)
		}
		if !strings.HasPrefix(r[6], "A: ") && !strings.HasPrefix(r[6], "D: ") && !strings.HasPrefix(r[6], "V: ") {
			t.Errorf("row %d: source %q says neither V, D nor A", i+2, r[6])
		}
	}
	const earthMiles, road = 3958.8, 1.3
	rad := func(deg float64) float64 { return deg * math.Pi / 180 }
	for i, a := range at {
		for j, b := range at {
			want := a.within
			if i != j {
				h := math.Pow(math.Sin(rad(b.lat-a.lat)/2), 2) + math.Cos(rad(a.lat))*math.Cos(rad(b.lat))*math.Pow(math.Sin(rad(b.lon-a.lon)/2), 2)
				want = math.Round(2 * earthMiles * math.Asin(math.Sqrt(h)) * road)
			}
			if got := reg.Zones[i].Miles[j]; got != want {
				t.Errorf("miles from %s to %s: %v, want %v from the table's centres", reg.Zones[i].Name, reg.Zones[j].Name, got, want)
			}
		}
	}
}

// TestRegionCouncilsRunAlone runs each council of the built-in region alone, as its scenario,
// for a year after a year's warm-up and a few replications, with the seed the region gives it:
// every council's scenario, scaled to its size, is one the simulator runs.
func TestRegionCouncilsRunAlone(t *testing.T) {
	reg, err := LoadRegion("south-east", []string{"years=1", "warmup_years=1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range reg.Councils {
		res, err := sim.Run(c.Scenario, sim.Options{Reps: 2, Seed: sim.CouncilSeed(1, c.Name), Workers: 1, KPIsOnly: true})
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if len(res.Reps) != 2 {
			t.Errorf("%s: %d replications", c.Name, len(res.Reps))
		}
	}
}

// TestRegionExtendsAndSet checks a region file that extends the built-in region: councils,
// zones, markets (by kind) and providers merge by name, interventions are appended, a
// council's scenario may be a file beside the region file, its set overrides apply before its
// size, and --set overrides reach councils and markets by name.
func TestRegionExtendsAndSet(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	write("busy-county.yaml", "extends: default\nentries: {per_year: 400}\n")
	strategy := write("strategy.yaml", `description: Kent grows, Surrey's agencies grow, a new council
extends: south-east
councils:
  - {name: kent, size: {children_in_care: 2000}}
  - {name: medway, scenario: busy-county.yaml, set: [entries.trend_per_year=0.02]}
  - {name: new-town, zone: surrey, scenario: busy-county.yaml}
markets:
  - kind: ifa
    providers:
      - {name: agencies-surrey, places: 450}
      - {name: agencies-new, zone: surrey, places: 20}
interventions:
  - {action: provider_resize, on: 2028-04-01, market: ifa, provider: agencies-new, places: 10}
`)
	if !IsRegion(strategy) {
		t.Error("a file extending a built-in region is not a region by IsRegion")
	}
	if IsRegion(filepath.Join(dir, "busy-county.yaml")) {
		t.Error("a scenario file is a region by IsRegion")
	}
	reg, err := LoadRegion(strategy, []string{"councils.kent.size.children_in_care=1900", "markets.external_residential.pricing.threshold=0.9", "years=3"})
	if err != nil {
		t.Fatal(err)
	}
	council := func(name string) model.Council {
		t.Helper()
		i := slices.IndexFunc(reg.Councils, func(c model.Council) bool { return c.Name == name })
		if i < 0 {
			t.Fatalf("no council %s", name)
		}
		return reg.Councils[i]
	}
	if reg.Name != "strategy" || reg.Description != "Kent grows, Surrey's agencies grow, a new council" {
		t.Errorf("name %q, description %q: want the file's own", reg.Name, reg.Description)
	}
	if len(reg.Councils) != 15 || reg.Councils[14].Name != "new-town" {
		t.Errorf("%d councils, the last %s: want the 14 of south-east and new-town", len(reg.Councils), reg.Councils[len(reg.Councils)-1].Name)
	}
	if n := council("kent").Scenario.StockCount(); n != 1900 {
		t.Errorf("kent has %d children in care, want 1900 (--set over the file's 2000)", n)
	}
	if z := council("kent").Zone; reg.Zones[z].Name != "kent" {
		t.Errorf("kent lies in %s, want its zone from south-east", reg.Zones[z].Name)
	}
	// busy-county.yaml has the default county's stock.
	def, err := LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	n := def.StockCount()
	medway := council("medway").Scenario
	if medway.StockCount() != 476 || medway.Entries.TrendPerYear != 0.02 || math.Abs(medway.Entries.PerYear-400*476.0/float64(n)) > 1e-9 {
		t.Errorf("medway: %d in care, entries %v a year with trend %v: want busy-county.yaml's 400 scaled to 476 of %d, trend 0.02",
			medway.StockCount(), medway.Entries.PerYear, medway.Entries.TrendPerYear, n)
	}
	if s := council("new-town").Scenario; s.StockCount() != n || s.Entries.PerYear != 400 || s.Years != 3 {
		t.Errorf("new-town: %d in care, %v entries a year, %d years: want busy-county.yaml unscaled (%d in care) on the region's 3 years", s.StockCount(), s.Entries.PerYear, s.Years, n)
	}
	ifa := reg.Markets[0]
	if ifa.Kind != "ifa" || len(ifa.Providers) != 15 || ifa.Providers[5].Places != 450 || ifa.Providers[5].Zone != 5 || ifa.Providers[14].Name != "agencies-new" {
		t.Errorf("ifa market: %+v", ifa)
	}
	if reg.Markets[1].Pricing.Threshold != 0.9 || reg.Markets[1].Pricing.PremiumAtFull != 0.5 {
		t.Errorf("homes' pricing %+v: want the threshold set, the rest from south-east", reg.Markets[1].Pricing)
	}
	if len(reg.Interventions) != 1 || reg.Interventions[0].Places != 10 || reg.Years != 3 {
		t.Errorf("interventions %+v over %d years", reg.Interventions, reg.Years)
	}

	// Overrides that name nothing say what there is.
	_, err = LoadRegion(strategy, []string{"councils.kentt.size.children_in_care=3", "markets.ifx.pricing.threshold=0.5", "councils.kent.size.children_in_care=0"})
	want := []string{
		`--set councils.kentt.size.children_in_care=3: councils has no item named "kentt" (did you mean kent?)`,
		`--set markets.ifx.pricing.threshold=0.5: markets has no item named "ifx" (did you mean ifa?)`,
		`--set councils.kent.size.children_in_care=0: councils.kent.size.children_in_care: must be between 1 and 100,000 children`,
	}
	if err == nil {
		t.Fatal("bad overrides loaded")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack %q:\n%v", w, err)
		}
	}

	// A size that is not a number is said to be so, once: not also out of its range.
	_, err = LoadRegion(strategy, []string{"councils.kent.size.children_in_care=abc"})
	if w := "--set councils.kent.size.children_in_care=abc: councils.kent.size.children_in_care: must be a whole number"; err == nil || err.Error() != w {
		t.Errorf("error\n%v\nwant\n%s", err, w)
	}
}

// TestParseRegion reads a region from a reader: its name is the file name's, its extends and
// councils' scenarios are resolved beside it, and an unnamed region can still extend a
// built-in one.
func TestParseRegion(t *testing.T) {
	text := "extends: south-east\ncouncils: [{name: kent, set: [entries.per_year=300]}]\n"
	reg, err := ParseRegion(strings.NewReader(text), "plans/my-region.yaml", []string{"warmup_years=0"})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Name != "my-region" || reg.WarmupYears != 0 || reg.Councils[0].Scenario.WarmupYears != 0 {
		t.Errorf("name %q, warm-up %d", reg.Name, reg.WarmupYears)
	}
	_, err = ParseRegion(strings.NewReader("extends: north-pole\n"), "", nil)
	if err == nil || !strings.Contains(err.Error(), `<input>:1:10: extends: no file "north-pole" and no built-in region of that name (built-in regions: england,`) {
		t.Errorf("an unknown extends: %v", err)
	}
}

// TestRegionListLimits checks that the reader bounds the lists of a region file, as
// model.RegionLimits states.
func TestRegionListLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("start: 2026-04-01\ncouncils: []\nzones:\n")
	for i := range 201 {
		fmt.Fprintf(&b, "  - {name: z%d, miles: {z%d: 1}}\n", i, i)
	}
	_, err := ParseRegion(strings.NewReader(b.String()), "many.yaml", nil)
	if err == nil || !strings.Contains(err.Error(), "many.yaml:4:3: zones: must list at most 200 zones") {
		t.Errorf("201 zones: %v", err)
	}
}

// TestRegionSchemaFile checks that region.schema.json, the file RegionSchemaURL serves, is the
// schema WriteRegionSchema writes; go test -update rewrites it.
func TestRegionSchemaFile(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRegionSchema(&buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("region.schema.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("region.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("region.schema.json is not the schema WriteRegionSchema writes: go test ./scenarios -run TestRegionSchemaFile -update rewrites it")
	}
}

// TestRegionSchema checks the built-in regions against the region schema, and that files
// LoadRegion refuses for a key or a value out of its range fail it too.
func TestRegionSchema(t *testing.T) {
	s := compiledRegionSchema(t)
	for _, b := range BuiltinRegions() {
		text, err := RegionSource(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlToJSON(t, text)); err != nil {
			t.Errorf("%s does not follow the schema:\n%v", b.Name, err)
		}
	}
	const base = "extends: south-east\n"
	for _, tt := range []struct {
		name, text string
		ok         bool
	}{
		{"good", base + "years: 5\ncouncils: [{name: kent, size: {children_in_care: 900}, interventions: [{action: extra_approvals, from: 2027-04-01, kind: inhouse_foster, per_year: 4}]}]\n", true},
		{"unknown key", base + "counclis: []\n", false},
		{"unknown council key", base + "councils: [{name: kent, sise: {children_in_care: 900}}]\n", false},
		{"size out of range", base + "councils: [{name: kent, size: {children_in_care: 0}}]\n", false},
		{"miles out of range", base + "zones: [{name: surrey, miles: {surrey: -1}}]\n", false},
		{"threshold out of range", base + "markets: [{kind: ifa, pricing: {threshold: 1}}]\n", false},
		{"threshold just below 1", base + "markets: [{kind: ifa, pricing: {threshold: 0.995}}]\n", true},
		{"real growth at its lower end", base + "markets: [{kind: ifa, pricing: {real_growth_per_year: -0.5}}]\n", false},
		{"real growth just above its lower end", base + "markets: [{kind: ifa, pricing: {real_growth_per_year: -0.495}}]\n", true},
		{"a provider's growth just above -1", base + "markets: [{kind: ifa, providers: [{name: kent-ifa, zone: kent, places: 10, growth_per_year: -0.995}]}]\n", true},
		{"a provider's growth at -1", base + "markets: [{kind: ifa, providers: [{name: kent-ifa, zone: kent, places: 10, growth_per_year: -1}]}]\n", false},
		{"a new provider's growth at -1", base + "interventions: [{action: provider_open, on: 2027-04-01, market: ifa, provider: new, zone: kent, places: 10, growth_per_year: -1}]\n", false},
		{"a new provider's price factor out of range", base + "interventions: [{action: provider_open, on: 2027-04-01, market: ifa, provider: new, zone: kent, places: 10, price_factor: 20}]\n", false},
		{"unknown region action", base + "interventions: [{action: provider_leave, on: 2027-04-01, market: ifa}]\n", false},
		{"a council's unknown action", base + "councils: [{name: kent, interventions: [{action: recruit, from: 2027-04-01}]}]\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, perr := ParseRegion(strings.NewReader(tt.text), "t.yaml", nil)
			if (perr == nil) != tt.ok {
				t.Fatalf("ParseRegion gives %v, want ok=%v: the case does not test what it says", perr, tt.ok)
			}
			err := s.Validate(yamlToJSON(t, []byte(tt.text)))
			if tt.ok && err != nil {
				t.Errorf("the schema refuses a good file:\n%v", err)
			}
			if !tt.ok && err == nil {
				t.Errorf("the schema accepts:\n%s", tt.text)
			}
		})
	}
}

// TestLoadRegionOfAScenario checks that a scenario given where a region is wanted is one
// clear error, not a list of unknown keys.
func TestLoadRegionOfAScenario(t *testing.T) {
	_, err := LoadRegion("default.yaml", nil)
	want := "default.yaml:13:1: councils: not a region: it reads as a scenario file (one council): a region file lists its councils under councils (see Regions in scenarios/README.md)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestRegionOwnPlacements checks the region file's own_placements: an extending file changes
// one kind by its name, and a kind a shared market supplies, a kind no council has or a share
// out of range is refused with its place in the file.
func TestRegionOwnPlacements(t *testing.T) {
	reg, err := ParseRegion(strings.NewReader("extends: south-east\nown_placements: [{kind: kinship, outside_within_20_miles: 0.5}]\n"), "t.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(reg.OwnPlacements, func(o model.OwnPlacement) bool { return o.Kind == "kinship" })
	if n := len(builtinRegion(t, "south-east").OwnPlacements); len(reg.OwnPlacements) != n || i < 0 ||
		reg.OwnPlacements[i].OutsideNearShare != 0.5 || reg.OwnPlacements[i].OutsideFarShare != 0.76 {
		t.Errorf("own placements %+v: want south-east's %d with kinship's share within 20 miles 0.5", reg.OwnPlacements, n)
	}
	_, err = ParseRegion(strings.NewReader("extends: south-east\nown_placements: [{kind: ifa}, {kind: inhouse_fostr}, {kind: kinship, outside_over_20_miles: 1.5}]\n"), "t.yaml", nil)
	for _, want := range []string{
		"own_placements[0].kind: ifa is supplied by a shared market",
		"own_placements[1].kind: no council has a provision kind inhouse_fostr",
		"own_placements[2].outside_over_20_miles: must be a share between 0 and 1",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}

// A provider's price_factor prices its places against the councils' own: the same region with
// a provider at half the price places the same children in the same places (common random
// numbers) and costs less in every replication; at 1 it is the region without it, byte for
// byte. The same holds of a provider opened by an intervention.
func TestRegionProviderPrice(t *testing.T) {
	const region = `name: priced
start: 2026-04-01
years: 3
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: erlang, set: [entries.per_year=40, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=4]}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=50, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=4]}
markets:
  - kind: ifa
    pricing: {threshold: 0.8, premium_at_full: 0.3}
    providers:
      - {name: north-agencies, zone: north, places: 12%s}
      - {name: south-agencies, zone: south, places: 3}
interventions:
  - {action: provider_open, on: 2026-10-01, market: ifa, provider: new-agencies, zone: south, places: 10%s}
`
	run := func(north, opened string) (*sim.RegionResults, []byte) {
		t.Helper()
		return runRegionText(t, fmt.Sprintf(region, north, opened), "priced.yaml")
	}
	cost := lastKPI
	base, baseKPIs := run("", "")
	if _, kpis := run(", price_factor: 1", ", price_factor: 1"); !bytes.Equal(kpis, baseKPIs) {
		t.Error("price_factor 1 changes the region's KPIs: it should be the councils' own price")
	}
	for _, c := range []struct{ what, north, opened string }{
		{"a provider at half the price", ", price_factor: 0.5", ""},
		{"a provider opened at 80% of the price", "", ", price_factor: 0.8"},
	} {
		cheap, _ := run(c.north, c.opened)
		for _, kpi := range []string{sim.EmergencyPlacements, sim.MarketPlacements, sim.SpotPlacements} {
			if got, want := cost(cheap, kpi), cost(base, kpi); !slices.Equal(got, want) {
				t.Errorf("%s: %s %v, want the same as at the councils' price, %v", c.what, kpi, got, want)
			}
		}
		b, a := cost(base, sim.CostTotal), cost(cheap, sim.CostTotal)
		mb, ma := cost(base, sim.SpotPriceMultiplier), cost(cheap, sim.SpotPriceMultiplier)
		for i := range b {
			if !(a[i] < b[i]) || !(ma[i] < mb[i]) {
				t.Errorf("%s, replication %d: costs £%.0f (multiplier %.3f), want less than at the councils' price, £%.0f (%.3f)", c.what, i, a[i], ma[i], b[i], mb[i])
			}
		}
	}
}

// A provider's over_20_miles_share places that share of the children whom the zones' miles put
// within 20 miles of it over 20 miles from home: at 0 the region is the region without it, byte
// for byte; at any share the same children take the same places (common random numbers: the
// draws have a stream of their own), only further from home; at 1 every child with the
// providers is over 20 miles, at 0.5 about half of those the zones put near. The same holds of
// a provider opened by an intervention. A share out of range is refused with its place.
func TestRegionProviderSpread(t *testing.T) {
	const region = `name: spread
start: 2026-04-01
years: 3
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: erlang, set: [entries.per_year=40, kinds.inhouse_foster.carers.households=4]}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=50, kinds.inhouse_foster.carers.households=4]}
markets:
  - kind: ifa
    providers:
      - {name: north-agencies, zone: north, places: 12%[1]s}
      - {name: south-agencies, zone: south, places: 3%[1]s}
interventions:
  - {action: provider_open, on: 2026-10-01, market: ifa, provider: new-agencies, zone: south, places: 10%[1]s}
`
	run := func(share string) (*sim.RegionResults, []byte) {
		t.Helper()
		return runRegionText(t, fmt.Sprintf(region, share), "spread.yaml")
	}
	last := lastKPI
	base, baseKPIs := run("")
	if _, kpis := run(", over_20_miles_share: 0"); !bytes.Equal(kpis, baseKPIs) {
		t.Error("over_20_miles_share 0 changes the region's KPIs: every place should lie at the zones' distance")
	}
	far := sim.MarketOver20MilesShare("ifa")
	half, _ := run(", over_20_miles_share: 0.5")
	all, _ := run(", over_20_miles_share: 1")
	for _, rr := range []*sim.RegionResults{half, all} {
		for _, kpi := range []string{sim.EmergencyPlacements, sim.MarketPlacements, sim.SpotPlacements, sim.MarketOutOfAreaShare("ifa")} {
			if got, want := last(rr, kpi), last(base, kpi); !slices.Equal(got, want) {
				t.Errorf("%s %v, want the same as with every place at the zones' distance, %v", kpi, got, want)
			}
		}
	}
	b, h, a := last(base, far), last(half, far), last(all, far)
	bd, hd := last(base, sim.PlacedDistantShare), last(half, sim.PlacedDistantShare)
	for i := range b {
		// At 0.5, half the children the zones put near are drawn far: their expected share
		// is (1+b)/2; 40-odd market children give it a standard error of about 0.08.
		if want := (1 + b[i]) / 2; !(b[i] < h[i] && math.Abs(h[i]-want) < 0.25 && a[i] == 1) {
			t.Errorf("replication %d: %s %.3f, %.3f at shares 0, 0.5 and %.3f at 1; want %.3f, about %.3f and 1", i, far, b[i], h[i], a[i], b[i], want)
		}
		if !(hd[i] > bd[i]) {
			t.Errorf("replication %d: %s %.3f at share 0.5, want more than %.3f at 0", i, sim.PlacedDistantShare, hd[i], bd[i])
		}
	}

	_, err := ParseRegion(strings.NewReader(fmt.Sprintf(region, ", over_20_miles_share: 1.5")), "spread.yaml", nil)
	for _, want := range []string{
		"spread.yaml:13:78: markets[0].providers[0].over_20_miles_share: must be a share between 0 and 1",
		"spread.yaml:16:128: interventions[0].over_20_miles_share: must be a share between 0 and 1",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}

// runRegionText runs the region file text, named name, for 4 replications on seed 3 and
// returns its results and its kpis.csv.
func runRegionText(t *testing.T, text, name string) (*sim.RegionResults, []byte) {
	t.Helper()
	reg, err := ParseRegion(strings.NewReader(text), name, nil)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.RunRegion(reg, sim.Options{Seed: 3, Reps: 4})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rr.WriteKPIs(&b); err != nil {
		t.Fatal(err)
	}
	return rr, b.Bytes()
}

// lastKPI returns the region's KPI kpi over its whole run (the last period), one value a
// replication.
func lastKPI(rr *sim.RegionResults, kpi string) []float64 {
	res := rr.Total
	return res.KPI(len(res.Periods)-1, slices.Index(res.KPIs, kpi))
}

// TestRegionCostInWarmup checks that a region intervention's one-off cost dated in the warm-up
// (given, or on the intervention's date) is refused, as a council's is: the business case
// counts costs from the start only, so it would be left out of every figure.
func TestRegionCostInWarmup(t *testing.T) {
	head := "name: r\nstart: 2026-04-01\nyears: 2\nwarmup_years: 1\nzones: [{name: z, miles: {z: 10}}]\n" +
		"councils: [{name: north-shire, zone: z, scenario: erlang}]\nmarkets:\n  - kind: ifa\n    providers: [{name: p1, zone: z, places: 4}]\ninterventions:\n"
	for _, tc := range []struct{ name, iv, want string }{
		{"on the intervention's date", "  - {action: provider_resize, on: 2025-06-01, market: ifa, provider: p1, places: 2, cost: {one_off_gbp: 1000}}\n",
			"r.yaml:11:91: interventions[0].cost.one_off_on: 2025-06-01 (not given, so its on date) is in the warm-up, before the start (2026-04-01), and the business case counts costs from the start only: date the one-off cost on or after 2026-04-01, or leave out a cost already sunk"},
		{"dated", "  - {action: provider_resize, on: 2026-06-01, market: ifa, provider: p1, places: 2, cost: {one_off_gbp: 1000, one_off_on: 2025-09-01}}\n",
			"r.yaml:11:123: interventions[0].cost.one_off_on: 2025-09-01 is in the warm-up, before the start (2026-04-01), and the business case counts costs from the start only: date the one-off cost on or after 2026-04-01, or leave out a cost already sunk"},
		{"from the start", "  - {action: provider_resize, on: 2025-06-01, market: ifa, provider: p1, places: 2, cost: {one_off_gbp: 1000, one_off_on: 2026-04-01}}\n", "ok"},
		{"a yearly cost running on from the warm-up", "  - {action: provider_resize, on: 2025-06-01, market: ifa, provider: p1, places: 2, cost: {per_year_gbp: 1000}}\n", "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRegion(strings.NewReader(head+tc.iv), "r.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestRegionClockProblems checks that a region whose start, years or warm-up is wrong gets
// that one problem: not also its councils' scenarios' years, markets no council buys from, or
// dated changes outside a run that cannot be.
func TestRegionClockProblems(t *testing.T) {
	const text = `name: two-counties
start: 2026-04-01
years: 10
warmup_years: 10
zones:
  - {name: north, miles: {north: 12, south: 40}}
  - {name: south, miles: {south: 15}}
councils:
  - {name: northshire, zone: north, scenario: default, size: {children_in_care: 600}}
  - {name: southshire, zone: south, scenario: default}
markets:
  - kind: ifa
    providers:
      - {name: agencies-north, zone: north, places: 250}
interventions:
  - {action: provider_exit, on: 2028-04-01, market: ifa, provider: agencies-north}
`
	for _, tc := range []struct {
		name, from, to string
		sets           []string
		want           string
	}{
		{"no years", "years: 10", "years: 0", nil, "twoc.yaml:3:8: years: must be between 1 and 50 years"},
		{"a warm-up below 0", "warmup_years: 10", "warmup_years: -1", nil, "twoc.yaml:4:15: warmup_years: must be between 0 and 50 years"},
		{"years set to 0", "", "", []string{"years=0"}, "--set years=0: years: must be between 1 and 50 years"},
		{"a start that is no date", "start: 2026-04-01", "start: 2026-13-01", nil, `twoc.yaml:2:8: start: must be a date such as 2027-04-01, not "2026-13-01"`},
		{"a start out of range", "start: 2026-04-01", "start: 1990-04-01", nil, "twoc.yaml:2:8: start: must be between 2000-01-01 and 2100-12-31"},
		{"no start", "start: 2026-04-01\n", "", nil, "twoc.yaml:1:1: start: must be given (the first day reported, such as 2026-04-01)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRegion(strings.NewReader(strings.Replace(text, tc.from, tc.to, 1)), "twoc.yaml", tc.sets)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
	if _, err := ParseRegion(strings.NewReader(text), "twoc.yaml", nil); err != nil {
		t.Errorf("the region as it is: %v", err)
	}
}

// TestRegionNamesAndCuts checks the problems of a region's councils and dated changes that
// the file's own words give: two pooled blocks without names in different zones are two
// changes, and two in one zone are told to take names; a cut of more places than a provider
// holds is refused with both figures; a council listed twice is told so, once.
func TestRegionNamesAndCuts(t *testing.T) {
	const base = `name: base
start: 2026-04-01
years: 3
warmup_years: 1
zones:
  - {name: north, miles: {north: 10, south: 30}}
  - {name: south, miles: {south: 10}}
councils:
  - {name: a, zone: north, scenario: default}
  - {name: b, zone: south, scenario: default}
markets:
  - kind: ifa
    providers:
      - {name: p1, zone: north, places: 100}
      - {name: p2, zone: south, places: 80, growth_per_year: 0.05}
`
	const block = "  - {action: pooled_block, on: 2027-04-01, market: ifa, zone: %s, places: 5, cost_per_place_per_year_gbp: 290000}\n"
	const resize = "  - {action: provider_resize, on: %s, market: ifa, provider: %s, places: %d, cost: {per_unit_gbp: 1000}}\n"
	for _, tc := range []struct {
		name, text string
		want       string // "" for none
		names      []string
	}{
		{"two unnamed blocks in two zones", base + "interventions:\n" + fmt.Sprintf(block, "north") + fmt.Sprintf(block, "south"), "",
			[]string{"pooled_block ifa north", "pooled_block ifa south"}},
		{"two unnamed blocks in one zone", base + "interventions:\n" + fmt.Sprintf(block, "north") + fmt.Sprintf(block, "north"),
			`base.yaml:18:5: interventions[1].name: is not given, and the name the change takes (its action and what it acts on), "pooled_block ifa north", is an earlier change's: give it a name of its own`, nil},
		{"a cut of more than the places", base + "interventions:\n" + fmt.Sprintf(resize, "2027-04-01", "p1", -500),
			"base.yaml:17:82: interventions[0].places: cuts 500 places, more than the 100 p1 holds by 2027-04-01: cut at most 100, or close it with provider_exit", nil},
		{"a cut of all the places", base + "interventions:\n" + fmt.Sprintf(resize, "2027-04-01", "p1", -100), "", []string{"provider_resize ifa p1"}},
		{"a cut after an earlier cut", base + "interventions:\n" + fmt.Sprintf(resize, "2027-04-01", "p1", -60) + strings.Replace(fmt.Sprintf(resize, "2026-10-01", "p1", -50), "{", "{name: first cut, ", 1),
			"base.yaml:17:82: interventions[0].places: cuts 60 places, more than the 50 p1 holds by 2027-04-01: cut at most 50, or close it with provider_exit", nil},
		// 80 places growing 5% a year hold 84 a year on.
		{"a cut of a growing provider", base + "interventions:\n" + fmt.Sprintf(resize, "2027-04-01", "p2", -84), "", []string{"provider_resize ifa p2"}},
		{"a cut of more than a growing provider holds", base + "interventions:\n" + fmt.Sprintf(resize, "2027-04-01", "p2", -85),
			"base.yaml:17:82: interventions[0].places: cuts 85 places, more than the 84 p2 holds by 2027-04-01 with its growth: cut at most 84, or close it with provider_exit", nil},
		{"a cut of a provider opened", base + "interventions:\n  - {action: provider_open, on: 2026-10-01, market: ifa, provider: p3, zone: north, places: 10}\n" + fmt.Sprintf(resize, "2027-04-01", "p3", -11),
			"base.yaml:18:82: interventions[1].places: cuts 11 places, more than the 10 p3 holds by 2027-04-01: cut at most 10, or close it with provider_exit", nil},
		{"a resize after an exit", base + "interventions:\n  - {action: provider_exit, on: 2026-10-01, market: ifa, provider: p1}\n" + fmt.Sprintf(resize, "2027-04-01", "p1", 5),
			"base.yaml:18:70: interventions[1].provider: p1 left the ifa market on 2026-10-01 (interventions[0], on line 17): a resize after its exit changes nothing, as it holds no places then: date it before the exit, or remove it", nil},
		{"a cut after an exit", base + "interventions:\n" + fmt.Sprintf(resize, "2027-04-01", "p1", -5) + "  - {action: provider_exit, on: 2026-10-01, market: ifa, provider: p1}\n",
			"base.yaml:17:70: interventions[0].provider: p1 left the ifa market on 2026-10-01 (interventions[1], on line 18): a resize after its exit changes nothing, as it holds no places then: date it before the exit, or remove it", nil},
		{"an exit after an exit", base + "interventions:\n  - {action: provider_exit, on: 2026-10-01, market: ifa, provider: p1}\n  - {name: again, action: provider_exit, on: 2027-04-01, market: ifa, provider: p1}\n",
			"base.yaml:18:81: interventions[1].provider: p1 left the ifa market on 2026-10-01 (interventions[0], on line 17): a second exit changes nothing, as it holds no places then: remove it", nil},
		{"a resize before an exit", base + "interventions:\n  - {action: provider_exit, on: 2027-10-01, market: ifa, provider: p1}\n" + fmt.Sprintf(resize, "2027-04-01", "p1", -5), "", []string{"provider_exit ifa p1", "provider_resize ifa p1"}},
		{"a council listed twice", strings.Replace(base, "  - {name: b, zone: south, scenario: default}\n", "  - {name: b, zone: south, scenario: default}\n  - {name: b, scenario: default}\n", 1),
			`base.yaml:11:12: councils[2].name: "b" is given twice (first on line 10): give each council once`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg, err := ParseRegion(strings.NewReader(tc.text), "base.yaml", nil)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tc.want != "" && (err == nil || err.Error() != tc.want):
				t.Fatalf("error\n%v\nwant\n%s", err, tc.want)
			}
			for i, n := range tc.names {
				if reg.Interventions[i].Name != n {
					t.Errorf("interventions[%d] is named %q, want %q", i, reg.Interventions[i].Name, n)
				}
			}
		})
	}
	// A council listed twice in a file that extends a region (a second one the extends does not
	// merge) is told so, once: not also that its zone must be given.
	dir := t.TempDir()
	p := filepath.Join(dir, "twice.yaml")
	if err := os.WriteFile(p, []byte("extends: south-east\ncouncils:\n  - {name: kent, size: {children_in_care: 2000}}\n  - {name: kent, size: {children_in_care: 1900}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadRegion(p, nil)
	if want := p + `:4:12: councils[1].name: "kent" is given twice (first on line 3): give each council once`; err == nil || err.Error() != want {
		t.Errorf("a council listed twice: error\n%v\nwant\n%s", err, want)
	}
}

// TestRegionListLimitsEach checks that the reader refuses one item more than each list of a
// region file may hold (model.RegionLimits), at the list, and takes the most it may hold
// without saying so.
func TestRegionListLimitsEach(t *testing.T) {
	most := map[string]float64{}
	for _, l := range model.RegionLimits() {
		most[l.Field] = l.Max
	}
	for _, tt := range []struct {
		field, item string
		at          func(n int) string // the file with n items
	}{
		{"councils", "councils", func(n int) string {
			return "councils:\n" + strings.Repeat("  - {scenario: nosuch}\n", n) // not loaded: quick
		}},
		{"markets", "markets", func(n int) string { return "councils: []\n" + "markets:\n" + strings.Repeat("  - {}\n", n) }},
		{"markets[].providers", "markets[0].providers", func(n int) string {
			var b strings.Builder
			b.WriteString("councils: []\nmarkets:\n  - providers:\n")
			for i := range n {
				fmt.Fprintf(&b, "      - {name: p%d, zone: z, places: 1}\n", i)
			}
			return b.String()
		}},
		{"interventions", "interventions", func(n int) string { return "councils: []\n" + "interventions:\n" + strings.Repeat("  - {}\n", n) }},
		{"own_placements", "own_placements", func(n int) string { return "councils: []\n" + "own_placements:\n" + strings.Repeat("  - {}\n", n) }},
	} {
		t.Run(tt.field, func(t *testing.T) {
			n := int(most[tt.field])
			if n == 0 {
				t.Fatalf("no limit %s", tt.field)
			}
			msg := fmt.Sprintf(": %s: must list at most %s", tt.item, model.FormatNumber(float64(n)))
			for _, k := range []int{n, n + 1} {
				_, err := ParseRegion(strings.NewReader("start: 2026-04-01\nzones: [{name: z, miles: {z: 1}}]\n"+tt.at(k)), "many.yaml", nil)
				if said := err != nil && strings.Contains(err.Error(), msg); said != (k > n) {
					t.Errorf("%d items: said %q: %t", k, msg, said)
				}
			}
		})
	}
}

// TestRegionInterventionSuggestions checks that a region intervention that misnames its
// provider, or gives no market, says what it may name, at the file's line: a misspelt provider
// had been "no provider of external_residential open by then", as if it were there later.
func TestRegionInterventionSuggestions(t *testing.T) {
	const file = `name: pe
extends: south-east
interventions:
  - {action: provider_exit, name: Leaves, on: 2027-04-01, market: external_residential, provider: large-group-kentt}
  - action: pooled_block
    name: Pool
    on: 2027-04-01
    zone: kent
    places: 4
    cost_per_place_per_year_gbp: 200000
  - {action: provider_resize, name: Grows, on: 2027-04-01, market: ifa, provider: new-agency, places: 10}
  - {action: provider_open, name: Opens, on: 2028-04-01, market: ifa, provider: new-agency, zone: kent, places: 20}
`
	_, err := ParseRegion(strings.NewReader(file), "pe.yaml", nil)
	want := strings.Join([]string{
		`pe.yaml:4:99: interventions[0].provider: no provider of external_residential is named "large-group-kentt" (did you mean large-group-kent?)`,
		`pe.yaml:5:5: interventions[1].market: must be given for pooled_block (one of the region's markets: ifa, external_residential)`,
		`pe.yaml:11:83: interventions[2].provider: names no provider of ifa open by then`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}
