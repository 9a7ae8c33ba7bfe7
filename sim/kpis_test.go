package sim_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestCatalogueCoversLayout checks that every KPI and monthly metric of the default scenario,
// and of every other built-in scenario, has a catalogue entry with a label, that no two KPIs
// share a label, and that the shares Results.Ratios lists are ratios of totals.
func TestCatalogueCoversLayout(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			s, err := scenarios.Load(b.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Prepare(s, 1)
			if err != nil {
				t.Fatal(err)
			}
			checkCatalogue(t, res, sim.Catalogue{})
			checkCatalogue(t, res, sim.CatalogueOf(s))
		})
	}
}

func checkCatalogue(t *testing.T, res *sim.Results, c sim.Catalogue) {
	t.Helper()
	labels := map[string]string{}
	for _, k := range res.KPIs {
		info, ok := c.KPIInfo(k)
		if !ok || info.Label == "" {
			t.Errorf("KPI %s: no catalogue entry", k)
			continue
		}
		if other, dup := labels[info.Label]; dup {
			t.Errorf("KPIs %s and %s have the same label %q", other, k, info.Label)
		}
		labels[info.Label] = k
	}
	for _, m := range res.Metrics {
		if info, ok := c.MetricInfo(m); !ok || info.Label == "" {
			t.Errorf("metric %s: no catalogue entry", m)
		} else if info.Aggregate != sim.AtEnd && info.Aggregate != sim.Total {
			t.Errorf("metric %s: %s over a month, want at end or total", m, info.Aggregate)
		}
	}
	for k, r := range res.Ratios {
		if info, _ := sim.KPIInfo(res.KPIs[r.KPI]); info.Aggregate != sim.RatioOfTotals || info.Unit != sim.Share {
			t.Errorf("ratio %d, %s: catalogue says %s of %s, want a ratio of totals of a share", k, res.KPIs[r.KPI], info.Aggregate, info.Unit)
		}
	}
}

// TestCarerHouseholdsLabel checks that carer_households_end's label names the kinds of the
// scenario it counts, by their labels, whatever they are: the built-in county's two, one kind
// alone, a kinship kind supplied by carers, none; and that hosts of another category and
// foster care bought from the market are not named.
func TestCarerHouseholdsLabel(t *testing.T) {
	def, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	carers := func(name, label string, cat model.Category) model.Kind {
		return model.Kind{Name: name, Label: label, Category: cat, Supply: model.Carers}
	}
	one := &model.Scenario{Kinds: []model.Kind{carers("inhouse_foster", "In-house foster care", model.Foster),
		{Name: "ifa", Label: "Independent fostering agency", Category: model.Foster, Supply: model.Market},
		carers("supported_lodgings", "Supported lodgings", model.Supported)}}
	kinship := &model.Scenario{Kinds: []model.Kind{carers("kinship", "Kinship carers", model.Foster), carers("our_carers", "Our foster carers", model.Foster)}}
	none := &model.Scenario{Kinds: []model.Kind{{Name: "ifa", Label: "Independent fostering agency", Category: model.Foster, Supply: model.Market}}}
	for _, tc := range []struct {
		name string
		s    *model.Scenario
		want string
	}{
		{"default", def, "The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end"},
		{"one kind", one, "The council's own foster carer households (in-house foster care) at the year's end"},
		{"kinship", kinship, "The council's own foster carer households (kinship carers and our foster carers) at the year's end"},
		{"none", none, "The council's own foster carer households at the year's end"},
		{"no scenario", nil, "The council's own foster carer households at the year's end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, ok := sim.CatalogueOf(tc.s).KPIInfo(sim.CarerHouseholdsEnd)
			if !ok || info.Label != tc.want {
				t.Errorf("got %q, %v; want %q", info.Label, ok, tc.want)
			}
		})
	}
}

// TestCatalogueKindLabels checks that a scenario's catalogue names each kind by its label, as
// its charts and report do: the built-in county's kinds by theirs (and the occupied KPIs of
// those with a phrase of their own by it), a kind of the user's by its own, an exit route in
// words; and that a built-in kind's name relabelled loses the built-in phrase.
func TestCatalogueKindLabels(t *testing.T) {
	def, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	north, err := scenarios.Load("default", []string{"kinds.ifa.label=Agency foster carers (North)"})
	if err != nil {
		t.Fatal(err)
	}
	solo := model.Selector{Ages: model.AllAges, Needs: model.NeedSet(1) << model.NeedSolo}
	mine := &model.Scenario{Kinds: []model.Kind{{Name: "ifa_north", Label: "Agency foster carers (North)"}, {Name: "oak", Label: "Oak House"},
		{Name: "solo_home", Label: "In-house solo placement home", Accepts: solo},
		{Name: "unit", Label: "Therapeutic unit for complex teenagers (North)", Accepts: model.Everyone},
		{Name: "sa", Label: "Supported accommodation (16-17)", Accepts: solo}}}
	for _, tc := range []struct {
		s          *model.Scenario
		name, want string
	}{
		{def, sim.CostOf("ifa"), "Spending on independent fostering agency foster care"},
		{def, sim.PlacesOf("inhouse_foster"), "Places in in-house foster care"},
		{def, sim.CostOf("inhouse_home"), "Spending on in-house children's homes"},
		{def, sim.OccupiedKPI("ifa"), "Children with agency foster carers"},
		{def, sim.OccupiedKPI("inhouse_home"), "Children in in-house children's homes"},
		{def, sim.OccupiedKPI("block_residential"), "Children in block-contracted beds"},
		{def, sim.OccupiedKPI("external_residential"), "Children in external children's homes"},
		{def, sim.OccupiedKPI("kinship"), "Children placed in kinship (family and friends) foster care"},
		{def, sim.GapWaiting("inhouse_foster"), "Children placed elsewhere whose first choice is in-house foster care"},
		{def, sim.ExitsBy(model.SpecialGuardianship), "Children leaving care by special guardianship order"},
		{def, sim.ExitsBy(model.ChildArrangement), "Children leaving care by child arrangements order"},
		{north, sim.OccupiedKPI("ifa"), "Children placed in agency foster carers (North)"},
		{mine, sim.CostOf("ifa_north"), "Spending on agency foster carers (North)"},
		{mine, sim.OccupiedKPI("ifa_north"), "Children placed in agency foster carers (North)"},
		{mine, sim.ShareKPI("ifa_north"), "Share of children in foster care placed in agency foster carers (North)"},
		{mine, sim.GapWaitingAged("oak", "10_15"), "Children aged 10 to 15 placed elsewhere whose first choice is Oak House"},
		{def, sim.GapWaitingNeed("specialist_foster", model.NeedComplex), "Children with complex needs placed elsewhere whose first choice is specialist foster care for complex teenagers"},
		{mine, sim.MarketPlacesIn("ifa_north", "kent"), "Shared market places: agency foster carers (North) in zone kent"},
		{mine, sim.CostOf("emergency"), "Spending on emergency placements"},
		{def, sim.OccupiedKPI("other_settings"), "Children in other settings (placed with parents, for adoption and others)"},
		{def, sim.ShareKPI("other_settings"), "Share of children in the other category placed in other settings (placed with parents, for adoption and others)"},
		{def, sim.PlacesOf("ifa"), "Places in independent fostering agency foster care"},
		// One home or unit takes "the"; a kind that takes only children who must live alone
		// does not say so twice.
		{mine, sim.CostOf("solo_home"), "Spending on the in-house solo placement home"},
		{mine, sim.OccupiedKPI("solo_home"), "Children placed in the in-house solo placement home"},
		{mine, sim.EmptyForSolo("solo_home"), "Empty places in the in-house solo placement home held by the child living there"},
		{mine, sim.EmptyForSolo("unit"), "Empty places in the therapeutic unit for complex teenagers (North) held by a child who must live alone"},
		{mine, sim.EmptyForSolo("sa"), "Empty places in supported accommodation (16-17) held by the child living there"},
		{mine, sim.PlacesOf("oak"), "Places in Oak House"},
		{def, sim.EmptyForSolo("inhouse_home"), "Empty places in in-house children's homes held by a child who must live alone"},
	} {
		info, ok := sim.CatalogueOf(tc.s).KPIInfo(tc.name)
		if !ok || info.Label != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, info.Label, ok, tc.want)
		}
	}
	if info, _ := sim.CatalogueOf(mine).MetricInfo(sim.ChildrenOf("ifa_north")); info.Label != "Children placed in agency foster carers (North)" {
		t.Errorf("metric %s: %q", sim.ChildrenOf("ifa_north"), info.Label)
	}
}

// TestCatalogueEntries checks entries a reader sees, as the charts and tables show them.
func TestCatalogueEntries(t *testing.T) {
	for _, tc := range []struct {
		name string
		kpi  bool
		want sim.Info
	}{
		{sim.CostTotal, true, sim.Info{Label: "Spending", Unit: sim.Pounds, Aggregate: sim.Total}},
		{sim.ChildrenInCare, true, sim.Info{Label: "Children in care", Unit: sim.Children, Aggregate: sim.Average}},
		{sim.ChildrenInCare, false, sim.Info{Label: "Children in care", Unit: sim.Children, Aggregate: sim.AtEnd}},
		{sim.CarerHouseholdsEnd, true, sim.Info{Label: "The council's own foster carer households at the year's end", Unit: sim.Households, Aggregate: sim.AtEnd}},
		{sim.FirstChoiceShare, true, sim.Info{Label: "Share of placements made in the child's first choice", Unit: sim.Share, Aggregate: sim.RatioOfTotals}},
		{sim.OccupiedKPI("ifa"), true, sim.Info{Label: "Children with agency foster carers", Unit: sim.Children, Aggregate: sim.Average}},
		{sim.OccupiedKPI("specialist"), true, sim.Info{Label: "Children placed in specialist", Unit: sim.Children, Aggregate: sim.Average}},
		{sim.ShareKPI("ifa"), true, sim.Info{Label: "Share of children in foster care placed in ifa", Unit: sim.Share, Aggregate: sim.RatioOfTotals}},
		{sim.CostOf("ifa"), false, sim.Info{Label: "Spending on ifa", Unit: sim.Pounds, Aggregate: sim.Total}},
		{sim.GapWaiting("inhouse_foster"), true, sim.Info{Label: "Children placed elsewhere whose first choice is in-house foster care", Unit: sim.Children, Aggregate: sim.Average}},
		{sim.GapWaitingAged("x", "5_9"), true, sim.Info{Label: "Children aged 5 to 9 placed elsewhere whose first choice is x", Unit: sim.Children, Aggregate: sim.Average}},
		{sim.GapWaitingNeed("x", model.NeedComplex), true, sim.Info{Label: "Children with complex needs placed elsewhere whose first choice is x", Unit: sim.Children, Aggregate: sim.Average}},
		{sim.GapNeedCell("x", "16_17", model.NeedSolo), false, sim.Info{Label: "Children aged 16 and 17 with solo needs whose first choice is x", Unit: sim.Children, Aggregate: sim.AtEnd}},
		{sim.GapUsableAgedSolo("x", "under_1"), false, sim.Info{Label: "Empty places in x that could take a child aged under 1 who must live alone", Unit: sim.Places, Aggregate: sim.AtEnd}},
		{sim.EmptyForSiblings("x"), true, sim.Info{Label: "Empty places in x kept for brothers and sisters", Unit: sim.Places, Aggregate: sim.Average}},
		{sim.ExitsBy(model.Adoption), true, sim.Info{Label: "Children leaving care by adoption", Unit: sim.Children, Aggregate: sim.Total}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := sim.MetricInfo(tc.name)
			if tc.kpi {
				got, ok = sim.KPIInfo(tc.name)
			}
			if !ok || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, ok, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		kpi  bool
	}{
		{"nonsense", true}, {"gap_filled_x", true}, {sim.Matches, false}, {sim.ChildrenFemale, true}, {"children_age_6_8", false}, {"cost_", true},
	} {
		info, ok := sim.MetricInfo(tc.name)
		if tc.kpi {
			info, ok = sim.KPIInfo(tc.name)
		}
		if ok {
			t.Errorf("%s (KPI %v): got %+v, want no entry", tc.name, tc.kpi, info)
		}
	}
}

// TestCatalogueAggregates checks that the whole run's value of every KPI of a short run of the
// default scenario is formed as the catalogue says: a total is the sum of the years', a value
// at the end the last year's, an average lies between the years' (a time-average over years
// of nearly equal length), and a ratio of totals is its numerator's over its denominator's.
func TestCatalogueAggregates(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Years, s.WarmupYears = 3, 1
	res, err := sim.Run(s, sim.Options{Reps: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	all := len(res.Periods) - 1
	// Relative tolerance of sums of a few thousand float64 additions done in another order.
	const tol = 1e-9
	near := func(a, b float64) bool {
		return a == b || (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
	}
	for k, name := range res.KPIs {
		info, _ := sim.KPIInfo(name)
		for pos, rep := range res.Reps {
			at := func(p, k int) float64 { return rep.KPIs[p*len(res.KPIs)+k] }
			whole := at(all, k)
			switch info.Aggregate {
			case sim.Total:
				sum := 0.0
				for p := range all {
					sum += at(p, k)
				}
				if !near(whole, sum) {
					t.Errorf("%s, replication %d: whole run %v, sum of years %v", name, pos, whole, sum)
				}
			case sim.AtEnd:
				if last := at(all-1, k); whole != last {
					t.Errorf("%s, replication %d: whole run %v, last year %v", name, pos, whole, last)
				}
			case sim.Average:
				lo, hi := math.Inf(1), math.Inf(-1)
				for p := range all {
					lo, hi = min(lo, at(p, k)), max(hi, at(p, k))
				}
				if whole < lo*(1-tol) || whole > hi*(1+tol) {
					t.Errorf("%s, replication %d: whole run %v outside the years' %v to %v", name, pos, whole, lo, hi)
				}
			case sim.RatioOfTotals:
				r, ok := res.RatioOf(k)
				if !ok {
					t.Errorf("%s: a ratio of totals Results.Ratios does not list", name)
					continue
				}
				num, den := at(all, r.Num), at(all, r.Den)
				if want := num / den; den != 0 && !near(whole, want) {
					t.Errorf("%s, replication %d: whole run %v, %s / %s %v", name, pos, whole, res.KPIs[r.Num], res.KPIs[r.Den], want)
				}
			}
		}
	}
}

// KPIInfo says what a KPI of kpis.csv is: its label, its unit and how its value over a year
// and the whole run (period "all") is formed.
func ExampleKPIInfo() {
	for _, name := range []string{sim.CostTotal, sim.OccupiedKPI("ifa"), sim.CarerHouseholdsEnd, sim.FirstChoiceShare} {
		info, _ := sim.KPIInfo(name)
		fmt.Printf("%s: %s, %s, %s\n", name, info.Label, info.Unit, info.Aggregate)
	}
	// Output:
	// cost_total: Spending, £, total
	// occupied_ifa: Children with agency foster carers, children, average
	// carer_households_end: The council's own foster carer households at the year's end, households, at end
	// first_choice_share: Share of placements made in the child's first choice, share, ratio of totals
}

// TestCarerHouseholdsEndFosterOnly checks that carer_households_end counts the council's foster
// carers only: a kind of category supported supplied by carers (hosts of supported lodgings)
// keeps its own carer_households_<kind> but adds nothing to the foster carers at the year's
// end.
func TestCarerHouseholdsEndFosterOnly(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	var foster []string
	for _, k := range s.Kinds {
		if k.Supply == model.Carers && k.Category == model.Foster {
			foster = append(foster, k.Name)
		}
	}
	var lodgings model.Kind
	for _, k := range s.Kinds {
		if k.Name == "inhouse_foster" {
			lodgings = k
		}
	}
	lodgings.Name, lodgings.Label, lodgings.Category = "supported_lodgings", "Supported lodgings", model.Supported
	s.Kinds = append(s.Kinds, lodgings)
	s.Years = 1
	res, err := sim.Run(s, sim.Options{Reps: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	metric := map[string]int{}
	for i, m := range res.Metrics {
		metric[m] = i
	}
	kpi := map[string]int{}
	for i, k := range res.KPIs {
		kpi[k] = i
	}
	last := len(res.Months) - 1
	for pos := range res.Reps {
		rec, err := res.MonthlyRecord(pos)
		if err != nil {
			t.Fatal(err)
		}
		end := rec[last*len(res.Metrics):]
		var want float64
		for _, k := range foster {
			want += end[metric["carer_households_"+k]]
		}
		if hosts := end[metric["carer_households_supported_lodgings"]]; hosts == 0 {
			t.Fatalf("replication %d: no supported lodgings hosts to leave out", pos)
		}
		if got := res.KPI(0, kpi[sim.CarerHouseholdsEnd])[pos]; got != want {
			t.Errorf("replication %d: %v carer households at the year's end, want %v, the foster carers of %v", pos, got, want, foster)
		}
	}
}
