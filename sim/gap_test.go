package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

func TestOverlap(t *testing.T) {
	band := func(name string) int {
		for b, n := range bandNames {
			if n == name {
				return b
			}
		}
		t.Fatalf("no band %s", name)
		return -1
	}
	for _, tc := range []struct {
		from, to int
		band     string
		want     float64
	}{
		{0, 17, "under_1", 1},
		{0, 17, "10_15", 1},
		{0, 4, "1_4", 1},
		{0, 4, "5_9", 0},
		{0, 10, "10_15", 1.0 / 6},  // approved up to 10: one year of the six
		{11, 17, "10_15", 5.0 / 6}, // approved from 11: five years of the six
		{5, 17, "1_4", 0},          // approved from 5: none of 1-4
		{2, 3, "1_4", 0.5},         // two years of the four
		{16, 17, "16_17", 1},       //
		{10, 15, "16_17", 0},       //
		{0, 0, "under_1", 1},       // babies only
		{17, 17, "16_17", 0.5},     // one year of two
		{12, 12, "10_15", 1.0 / 6}, // a single year
	} {
		if got := overlap(tc.from, tc.to, band(tc.band)); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("overlap(%d-%d, %s) = %v, want %v", tc.from, tc.to, tc.band, got, tc.want)
		}
	}
	for b, n := range bandNames {
		if ageBands[b].name != n {
			t.Errorf("bandNames[%d] = %s, ageBands says %s", b, n, ageBands[b].name)
		}
	}
}

// TestGapUnitReasons records hand-made households and homes and checks where each of their
// places lands.
func TestGapUnitReasons(t *testing.T) {
	s := richScenario()
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	idx := map[string]int{}
	for i, n := range c.lay.monthly {
		idx[n] = i
	}
	get := func(row []float64, name string) float64 {
		t.Helper()
		i, ok := idx[name]
		if !ok {
			t.Fatalf("no metric %s", name)
		}
		return row[i]
	}
	const inhouse, homeKind, blockKind = 1, 4, 5
	type hh struct {
		places, used     int8
		minAge, maxAge   int8
		solo, sib, leave bool
	}
	for _, tc := range []struct {
		name string
		hhs  []hh
		want map[string]float64
	}{
		{"empty household for all ages", []hh{{places: 2, minAge: 0, maxAge: 17}}, map[string]float64{
			"gap_empty_inhouse_foster": 2, "gap_filled_inhouse_foster": 0,
			"gap_usable_empty_inhouse_foster_10_15": 2, "gap_empty_other_ages_inhouse_foster_10_15": 0,
			"gap_places_inhouse_foster_under_1": 2, "gap_places_inhouse_foster_16_17": 2,
		}},
		{"approved for 0-4: wrong ages for teenagers", []hh{{places: 3, used: 1, minAge: 0, maxAge: 4}}, map[string]float64{
			"gap_empty_inhouse_foster": 2, "gap_filled_inhouse_foster": 1,
			"gap_usable_empty_inhouse_foster_1_4": 2, "gap_empty_other_ages_inhouse_foster_1_4": 0,
			"gap_usable_empty_inhouse_foster_10_15": 0, "gap_empty_other_ages_inhouse_foster_10_15": 2,
			"gap_places_inhouse_foster_1_4": 3, "gap_places_inhouse_foster_10_15": 0,
		}},
		{"approved for 11-17: five sixths of a 10-15 place", []hh{{places: 1, minAge: 11, maxAge: 17}}, map[string]float64{
			"gap_usable_empty_inhouse_foster_10_15": 5.0 / 6, "gap_empty_other_ages_inhouse_foster_10_15": 1.0 / 6,
			"gap_places_inhouse_foster_10_15": 5.0 / 6,
		}},
		{"kept for siblings", []hh{{places: 3, used: 1, minAge: 0, maxAge: 17, sib: true}}, map[string]float64{
			"gap_empty_inhouse_foster": 2, "empty_unusable_inhouse_foster_siblings": 2,
			"gap_usable_empty_inhouse_foster_5_9": 0, "gap_empty_other_ages_inhouse_foster_5_9": 0,
			"gap_places_inhouse_foster_5_9": 3,
		}},
		{"sibling-only household with no one yet takes anyone", []hh{{places: 2, minAge: 0, maxAge: 17, sib: true}}, map[string]float64{
			"empty_unusable_inhouse_foster_siblings": 0, "gap_usable_empty_inhouse_foster_5_9": 2,
		}},
		{"held by a solo child", []hh{{places: 2, used: 1, minAge: 0, maxAge: 17, solo: true}}, map[string]float64{
			"gap_empty_inhouse_foster": 1, "empty_unusable_inhouse_foster_solo": 1, "gap_usable_empty_inhouse_foster_5_9": 0,
		}},
		{"winding down: outside the places", []hh{{places: 2, used: 1, minAge: 0, maxAge: 17, leave: true}}, map[string]float64{
			"gap_empty_inhouse_foster": 0, "gap_filled_inhouse_foster": 0, "gap_winding_down_inhouse_foster": 2,
			"gap_places_inhouse_foster_5_9": 0,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r.households = r.households[:0]
			r.pools[inhouse] = r.pools[inhouse][:0]
			r.hhGaps[inhouse].reset()
			for i, h := range tc.hhs {
				r.households = append(r.households, household{kind: inhouse, places: h.places, used: h.used,
					minAge: h.minAge, maxAge: h.maxAge, solo: h.solo, sibOnly: h.sib, leaving: h.leave, active: true})
				r.pools[inhouse] = append(r.pools[inhouse], int32(i))
				r.regap(int32(i)) // as refreshOpen does after every change
			}
			row := make([]float64, len(c.lay.monthly))
			r.recordGaps(row)
			for name, want := range tc.want {
				if got := get(row, name); math.Abs(got-want) > 1e-12 {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
		})
	}

	// A children's home takes a solo child only when no one lives there.
	r.households, r.pools[inhouse] = r.households[:0], r.pools[inhouse][:0]
	r.homes = []home{{kind: homeKind, beds: 3, used: 0, open: true}, {kind: homeKind, beds: 2, used: 1, open: true}, {kind: homeKind, beds: 2, used: 1, solo: true, open: true}}
	row := make([]float64, len(c.lay.monthly))
	r.recordGaps(row)
	for name, want := range map[string]float64{
		"gap_empty_inhouse_home":                   5,
		"gap_usable_empty_inhouse_home_10_15":      4,
		"gap_usable_empty_inhouse_home_10_15_solo": 3,
		"empty_unusable_inhouse_home_solo":         1,
		"gap_places_inhouse_home_10_15":            7,
		"gap_places_inhouse_home_5_9":              7.0 / 5 * 2, // the homes take 8-17: two years of 5-9
	} {
		if got := get(row, name); math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}

	// So does a block contract, and a solo child there holds all its beds.
	r.homes = r.homes[:0]
	r.blocks = []block{{kind: blockKind, beds: 3, active: true}, {kind: blockKind, beds: 2, used: 1, active: true}, {kind: blockKind, beds: 2, used: 1, solo: true, active: true}}
	row = make([]float64, len(c.lay.monthly))
	r.recordGaps(row)
	for name, want := range map[string]float64{
		"gap_empty_block_residential":                   5,
		"vacancies_block_residential":                   4,
		"gap_usable_empty_block_residential_10_15":      4,
		"gap_usable_empty_block_residential_10_15_solo": 3,
		"empty_unusable_block_residential_solo":         1,
		"gap_places_block_residential_10_15":            7,
	} {
		if got := get(row, name); math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
}

// gapScenario is richScenario with households approved for part of the age range and places
// kept for siblings, so that every reason an empty place cannot take a child occurs.
func gapScenario() *model.Scenario {
	s := richScenario()
	p := *s.Kinds[1].Carers
	p.ApprovalMix = []model.ApprovalShare{
		{Ages: model.AgeRange{FromYears: 0, ToYears: 4}, Share: 0.3},
		{Ages: model.AgeRange{FromYears: 0, ToYears: 10}, Share: 0.3},
		{Ages: model.AgeRange{FromYears: 0, ToYears: 17}, Share: 0.2},
		{Ages: model.AgeRange{FromYears: 11, ToYears: 17}, Share: 0.2},
	}
	p.SiblingOnlyShare = 0.5
	s.Kinds[1].Carers = &p
	return s
}

// blockSoloScenario is richScenario with more block-contracted beds, tried first by children who
// must live alone, so that a solo child holds a block contract's beds.
func blockSoloScenario() *model.Scenario {
	s := richScenario()
	for k := range s.Kinds {
		if kd := &s.Kinds[k]; kd.Supply == model.Block {
			kd.BlockBeds = []model.BlockContract{{Beds: 3, CostPerBedPerYearGBP: 280000}, {Beds: 2, CostPerBedPerYearGBP: 280000}}
			for l := range s.Ladders {
				if ld := &s.Ladders[l]; ld.Who.Needs == model.NeedsOf(model.NeedSolo) {
					ld.Try = append([]model.KindID{model.KindID(k)}, ld.Try...)
				}
			}
		}
	}
	return s
}

// gapbYAML is a block contract of 3 beds, one child who must live alone in it at the start, and
// teenagers entering who would take its other beds; stockNeed is the child's need.
const gapbYAML = `name: gapb
start: 2026-04-01
years: 1
stock:
  - {kind: blk, ages: 12, count: 1, needs: {%s: 1}}
entries:
  per_year: 20
  ages: [{ages: 12, share: 1, needs: {standard: 1}}]
stays:
  - stay: {distribution: fixed, mean_days: 2000}
    exits: {return_home: 1}
kinds:
  - name: blk
    category: residential
    supply: block
    block_beds: [{beds: 3}]
  - {name: ext, category: residential, supply: market, weekly_gbp: 5000}
ladders:
  - try: [blk, ext]
`

// TestBlockSoloGap checks the first months of a block contract of 3 beds: held by a child who
// must live alone, its 2 empty beds can take no one, so they are neither vacancies nor usable
// for the teenagers waiting in the market, and they are counted as held by a solo child; held
// by a child of standard need, the entrants fill it.
func TestBlockSoloGap(t *testing.T) {
	for _, tc := range []struct {
		need string
		want map[string]float64
	}{
		{"solo", map[string]float64{
			"children_blk": 1, "places_blk": 3, "vacancies_blk": 0,
			"gap_empty_blk": 2, "empty_unusable_blk_solo": 2,
			"gap_usable_empty_blk_10_15": 0, "gap_usable_empty_blk_10_15_solo": 0, "gap_empty_other_ages_blk_10_15": 0,
			"children_ext": 2, "gap_waiting_blk_10_15_standard": 2,
		}},
		{"standard", map[string]float64{
			"children_blk": 3, "places_blk": 3, "vacancies_blk": 0,
			"gap_empty_blk": 0, "empty_unusable_blk_solo": 0,
			"gap_usable_empty_blk_10_15": 0, "gap_waiting_blk_10_15_standard": 0,
		}},
	} {
		t.Run(tc.need, func(t *testing.T) {
			s, err := scenarios.Parse(strings.NewReader(fmt.Sprintf(gapbYAML, tc.need)), "gapb.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(s, Options{Reps: 1, Seed: 1, Check: true})
			if err != nil {
				t.Fatal(err)
			}
			rec, nM := record(t, res, 0), len(res.Metrics)
			for i := range 3 { // April to June 2026, before anyone leaves
				for name, want := range tc.want {
					j := slices.Index(res.Metrics, name)
					if j < 0 {
						t.Fatalf("no metric %s", name)
					}
					if got := rec[i*nM+j]; got != want {
						t.Errorf("%s: %s = %v, want %v", res.Months[i].Format("2006-01"), name, got, want)
					}
				}
			}
		})
	}
}

// TestGapAddsUp runs many replications, of a scenario where every reason an empty place cannot
// take a child occurs and of the default county, with the engine's checks on, and requires at
// every reported month of every replication the sufficiency gap's identities: children by band
// and need add up to those whose first choice each kind is, and children by band to those
// placed in it; a kind's places are filled or empty; and for every band its empty places either
// could take a child of the band or could not for one reason. Each identity is exact
// arithmetic on counts (or on shares of a band's years, exact to rounding), so the tolerance
// is 1e-9.
func TestGapAddsUp(t *testing.T) {
	long := func(n int) int {
		if testing.Short() {
			return n / 5
		}
		return n
	}
	def, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	def.Years = 4
	for _, tc := range []struct {
		name string
		s    *model.Scenario
		reps int
		seed uint64
		seen []string // what must occur somewhere in the batch
	}{
		{"every reason", gapScenario(), long(200), 11, []string{"siblings", "solo", "other ages", "waiting", "winding down"}},
		{"default county", def, long(50), 5, []string{"siblings", "other ages", "waiting", "winding down"}},
		{"solo children in block beds", blockSoloScenario(), long(50), 3, []string{"solo in block beds", "other ages", "waiting"}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkGapAddsUp(t, tc.s, tc.reps, tc.seed, tc.seen) })
	}
}

// checkGapAddsUp runs reps replications of s from seed with the engine's checks on and checks
// the gap's identities in every month of every one, and that each of seen occurs somewhere.
func checkGapAddsUp(t *testing.T, s *model.Scenario, reps int, seed uint64, mustSee []string) {
	res, err := Run(s, Options{Reps: reps, Seed: seed, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, n := range res.Metrics {
		idx[n] = i
	}
	nM := len(res.Metrics)
	const tol = 1e-9
	seen := map[string]float64{}
	for pos, rep := range res.Reps {
		rec := record(t, res, pos)
		for i := range res.Months {
			row := rec[i*nM : (i+1)*nM]
			at := func(name string) float64 {
				t.Helper()
				j, ok := idx[name]
				if !ok {
					t.Fatalf("no metric %s", name)
				}
				return row[j]
			}
			for gi := range c.lay.gaps {
				g := &c.lay.gaps[gi]
				name := s.Kinds[g.kind].Name
				where := func() string { return name + " rep " + strconv.Itoa(rep.Index) + " " + res.Months[i].Format("2006-01") }
				need, waiting, placed := row[g.needOther], row[g.waitingOther], row[g.placedOther]
				for b := range bandNames {
					if g.placed[b] >= 0 {
						placed += row[g.placed[b]]
					}
					for n := range model.NumNeeds {
						if g.need[b][n] < 0 {
							continue
						}
						if row[g.waiting[b][n]] > row[g.need[b][n]] {
							t.Fatalf("%s: %s %s: %v waiting of %v who need it", where(), bandNames[b], n, row[g.waiting[b][n]], row[g.need[b][n]])
						}
						need += row[g.need[b][n]]
						waiting += row[g.waiting[b][n]]
					}
				}
				if want := at("first_choice_" + name); need != want {
					t.Fatalf("%s: need by band and need adds to %v, first_choice %v", where(), need, want)
				}
				if want := at("children_" + name); placed != want {
					t.Fatalf("%s: placed by band adds to %v, children %v", where(), placed, want)
				}
				places, empty := at("places_"+name), row[g.empty]
				if math.Abs(row[g.filled]+empty-places) > tol {
					t.Fatalf("%s: %v filled and %v empty, %v places", where(), row[g.filled], empty, places)
				}
				reasons := 0.0
				if g.siblings >= 0 {
					reasons += row[g.siblings]
					seen["siblings"] += row[g.siblings]
				}
				if g.solo >= 0 {
					reasons += row[g.solo]
					seen["solo"] += row[g.solo]
					if s.Kinds[g.kind].Supply == model.Block {
						seen["solo in block beds"] += row[g.solo]
					}
					if v := at("vacancies_" + name); math.Abs(v-(empty-row[g.solo])) > tol {
						t.Fatalf("%s: vacancies %v, empty %v less %v held by a solo child", where(), v, empty, row[g.solo])
					}
				}
				for b := range bandNames {
					if g.places[b] < 0 {
						continue
					}
					usable := row[g.usable[b]]
					if usable > row[g.places[b]]+tol || row[g.places[b]] > places+tol {
						t.Fatalf("%s: %s: %v usable empty places, %v places for the band, %v in all", where(), bandNames[b], usable, row[g.places[b]], places)
					}
					// A solo child needs a whole unit: no more places than the others can use.
					if m := g.usableSolo[b]; m >= 0 && row[m] > usable+tol {
						t.Fatalf("%s: %s: %v usable by a solo child, %v by others", where(), bandNames[b], row[m], usable)
					}
					if got := usable + row[g.otherAges[b]] + reasons; math.Abs(got-empty) > tol {
						t.Fatalf("%s: %s: usable %v + other ages %v + other reasons %v = %v, empty %v", where(), bandNames[b], usable, row[g.otherAges[b]], reasons, got, empty)
					}
					seen["other ages"] += row[g.otherAges[b]]
				}
				seen["waiting"] += waiting
				if g.windingDown >= 0 {
					seen["winding down"] += row[g.windingDown]
				}
			}
		}
	}
	// The KPIs of the whole run are the averages of the month-end counts.
	all := len(res.Periods) - 1
	kpi := map[string]int{}
	for i, n := range res.KPIs {
		kpi[n] = i
	}
	for pos, rep := range res.Reps {
		rec := record(t, res, pos)
		for _, pair := range []struct {
			kpi     string
			metrics []string
		}{
			{"gap_need_inhouse_foster", []string{"first_choice_inhouse_foster"}},
			{"gap_empty_inhouse_foster", []string{"gap_empty_inhouse_foster"}},
			{"gap_places_inhouse_foster_10_15", []string{"gap_places_inhouse_foster_10_15"}},
			{"gap_empty_other_ages_inhouse_foster_5_9", []string{"gap_empty_other_ages_inhouse_foster_5_9"}},
			{"gap_usable_empty_inhouse_home_16_17", []string{"gap_usable_empty_inhouse_home_16_17"}},
			{"gap_need_inhouse_home_10_15", []string{"gap_need_inhouse_home_10_15_standard", "gap_need_inhouse_home_10_15_complex", "gap_need_inhouse_home_10_15_solo"}},
			{"gap_waiting_specialist_foster_16_17", []string{"gap_waiting_specialist_foster_16_17_standard", "gap_waiting_specialist_foster_16_17_complex"}},
			// By need, over the kind's age bands, for a kind that takes more than one need.
			{"gap_waiting_specialist_foster_complex", []string{"gap_waiting_specialist_foster_10_15_complex", "gap_waiting_specialist_foster_16_17_complex"}},
			{"gap_waiting_specialist_foster_standard", []string{"gap_waiting_specialist_foster_10_15_standard", "gap_waiting_specialist_foster_16_17_standard"}},
			{"gap_waiting_inhouse_home_solo", []string{"gap_waiting_inhouse_home_10_15_solo", "gap_waiting_inhouse_home_16_17_solo"}},
		} {
			var sum float64
			for i := range res.Months {
				for _, m := range pair.metrics {
					j, ok := idx[m]
					if !ok {
						t.Fatalf("no metric %s", m)
					}
					sum += rec[i*nM+j]
				}
			}
			j, ok := kpi[pair.kpi]
			if !ok {
				t.Fatalf("no KPI %s", pair.kpi)
			}
			if got, want := rep.KPIs[all*len(res.KPIs)+j], sum/float64(len(res.Months)); math.Abs(got-want) > 1e-9*max(1, want) {
				t.Fatalf("rep %d: KPI %s = %v, average of %v %v", rep.Index, pair.kpi, got, pair.metrics, want)
			}
		}
	}

	// A kind that takes one need has no KPI by need: its children whose first choice it is do
	// not differ in need.
	for _, k := range s.Kinds {
		if len(k.Accepts.Needs.Needs()) != 1 {
			continue
		}
		for n := range model.NumNeeds {
			if _, ok := kpi[GapWaitingNeed(k.Name, n)]; ok {
				t.Errorf("%s takes only %s needs, but has the KPI %s", k.Name, k.Accepts.Needs.Needs()[0], GapWaitingNeed(k.Name, n))
			}
		}
	}

	// Every reason must have occurred somewhere in the batch, or the identities above were
	// never tested for it.
	for _, what := range mustSee {
		if seen[what] == 0 {
			t.Errorf("no %s over %d replications: the scenario does not exercise it", what, reps)
		}
	}
}

// BenchmarkRecordGaps measures recording the sufficiency gap at one month's end, against
// recording everything else, on the state the default scenario's first replication ends in
// (about 820 children and 160 carer households). A replication records 120 months.
func BenchmarkRecordGaps(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	c, err := compile(s)
	if err != nil {
		b.Fatal(err)
	}
	r := newRun(c)
	r.simulate(1, 0)
	row := make([]float64, len(c.lay.monthly))
	b.Run("gap", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			clear(row)
			r.recordGaps(row)
		}
	})
	b.Run("month", func(b *testing.B) {
		b.ReportAllocs()
		r.month = len(c.cal.MonthStarts) - 1
		for b.Loop() {
			clear(r.rec)
			r.recordMonth(r.reported())
		}
	})
}

// TestHouseholdGapOrder checks that the carer households' running sufficiency gap shares out
// the approval ranges in the order a pass over the pool meets them, as households join the
// pool and leave it, with the engine's pass over the pool (verifyHouseholdGap) as the
// reference: when the first household of a range leaves while another stays, the range is
// met later, after a range it came before.
func TestHouseholdGapOrder(t *testing.T) {
	c, err := compile(gapScenario())
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	r.check = true
	const k = 1 // the scenario's in-house carers: approved for 0-17
	var g *gapLayout
	for i := range c.lay.gaps {
		if c.lay.gaps[i].kind == k {
			g = &c.lay.gaps[i]
		}
	}
	key := func(lo, hi int8) int16 { return int16(r.hhGaps[k].key(lo, hi)) }
	a, b, d := key(0, 4), key(0, 10), key(11, 17)
	join := func(lo, hi int8) int32 {
		i := int32(len(r.households))
		r.households = append(r.households, household{kind: k, places: 2, used: 1, minAge: lo, maxAge: hi, active: true, openPos: -1, pooled: true})
		r.pools[k] = append(r.pools[k], i)
		r.regap(i)
		return i
	}
	leave := func(i int32) {
		r.households[i].leaving = true
		r.regap(i)
	}
	first := join(0, 4)
	join(0, 10)
	join(0, 4)
	last := join(11, 17)
	for _, step := range []struct {
		name string
		do   func()
		want []int16
	}{
		{"joined", func() {}, []int16{a, b, d}},
		{"the first of 0-4 leaves", func() { leave(first) }, []int16{b, a, d}},
		{"the only one of 11-17 leaves", func() { leave(last) }, []int16{b, a}},
		{"a household of a new range joins", func() { join(5, 17) }, []int16{b, a, key(5, 17)}},
	} {
		step.do()
		r.verifyHouseholdGap(g) // panics if the running sums or their order differ from a pass
		if got := r.orderOf(k); !slices.Equal(got, step.want) {
			t.Errorf("%s: ranges in order %v, want %v", step.name, got, step.want)
		}
	}
	if got, want := r.hhGaps[k].t, (unitTotals{filled: 3, empty: 3, windingDown: 4}); got != want {
		t.Errorf("totals %+v, want %+v", got, want)
	}
}

// TestLiveCellsMatchPass checks that counting the children in care by age band and gap cell as
// they change gives every month's record, bit for bit, that a pass over them at each month's
// end gives, for the scenario that uses every feature (sibling groups, moves, step-down,
// staying put: every way a child's cell changes) and for the queueing check with stays long
// enough for children to cross bands.
func TestLiveCellsMatchPass(t *testing.T) {
	long := erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 2000}, 10, 2)
	long.Entries.Ages[0].Ages = model.AgeRange{FromYears: 0, ToYears: 17}
	for _, tc := range []struct {
		name string
		s    *model.Scenario
	}{{"rich", richScenario()}, {"queueing, long stays", long}} {
		t.Run(tc.name, func(t *testing.T) {
			var recs [2][]float64
			for i, live := range []bool{false, true} {
				c, err := compile(tc.s)
				if err != nil {
					t.Fatal(err)
				}
				c.setLiveCells(live)
				r := newRun(c)
				r.check = true // verifyCells checks the live counts against a pass each month
				for rep := range 3 {
					rec, err := r.replicate(7, rep)
					if err != nil {
						t.Fatal(err)
					}
					recs[i] = append(recs[i], rec.Monthly...)
				}
			}
			if len(recs[0]) == 0 || len(recs[0]) != len(recs[1]) {
				t.Fatalf("records of %d and %d values", len(recs[0]), len(recs[1]))
			}
			for j := range recs[0] {
				if math.Float64bits(recs[0][j]) != math.Float64bits(recs[1][j]) {
					t.Fatalf("value %d: %v counted in a pass, %v counted as children change", j, recs[0][j], recs[1][j])
				}
			}
		})
	}
}
