package plots

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// TestPriceNotes checks that the business case says when a strategy's prices rise otherwise
// than its baseline's (its own inflation, or its own price interventions), and says nothing
// when they rise alike.
func TestPriceNotes(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	inflation := func(from time.Time, r float64) model.Intervention {
		return model.Intervention{Action: model.Inflation, Label: "Price shock", From: from, Rate: r}
	}
	ifa := model.KindID(slices.IndexFunc(testScenario().Kinds, func(k model.Kind) bool { return k.Name == "ifa" }))
	price := func(from time.Time, f float64) model.Intervention {
		return model.Intervention{Action: model.Price, Label: "Agency prices", From: from, Kind: ifa, Factor: f}
	}
	tests := []struct {
		name      string
		base, alt []model.Intervention
		altRate   float64 // 0: the baseline's
		want      string
	}{
		{"the same prices", nil, nil, 0, ""},
		{"the same inflation change in both", []model.Intervention{inflation(april(2028), 0.08)}, []model.Intervention{inflation(april(2028), 0.08)}, 0, ""},
		{"a change of rate to the same rate", nil, []model.Intervention{inflation(april(2028), 0.03)}, 0, ""},
		{"a change after the run", nil, []model.Intervention{inflation(april(2040), 0.08)}, 0, ""},
		{"the strategy's own inflation", nil, []model.Intervention{inflation(april(2028), 0.08)}, 0,
			"Prices differ from the baseline's: the strategy's inflation is 3% a year, then 8% a year from April 2028; the baseline's is 3% a year. So part of each difference in spending"},
		{"an inflation change the strategy leaves out", []model.Intervention{inflation(april(2027), 0.05)}, nil, 0,
			"the strategy's inflation is 3% a year; the baseline's is 5% a year."},
		{"another inflation_per_year", nil, nil, 0.04, "the strategy's inflation is 4% a year; the baseline's is 3% a year."},
		{"the same price change in both", []model.Intervention{price(april(2027), 1.2)}, []model.Intervention{price(april(2027), 1.2)}, 0, ""},
		{"a price change after the run", nil, []model.Intervention{price(april(2040), 1.2)}, 0, ""},
		{"the strategy's own price", nil, []model.Intervention{price(april(2027), 1.2)}, 0,
			"Prices differ from the baseline's: the strategy pays 1.2 times the weekly price of independent fostering agency from April 2027; the baseline changes no price. " +
				"A price the council pays is an assumption about the market, not what the strategy does with children and places"},
		{"a lower price the strategy assumes", nil, []model.Intervention{price(april(2027), 0.9)}, 0, "the strategy pays 0.9 times the weekly price"},
		{"a price change later than the baseline's", []model.Intervention{price(april(2027), 1.2)}, []model.Intervention{price(april(2028), 1.2)}, 0,
			"the strategy pays 1.2 times the weekly price of independent fostering agency from April 2028; the baseline pays 1.2 times the weekly price of independent fostering agency from April 2027."},
		{"two changes that come to the baseline's one", []model.Intervention{price(april(2027), 1.2)}, []model.Intervention{price(april(2027), 1.5), price(april(2027), 0.8)}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base, alt := testScenario(), testScenario()
			base.Interventions, alt.Interventions = tc.base, tc.alt
			if tc.altRate != 0 {
				alt.InflationPerYear = tc.altRate
			}
			got := strings.Join(PriceNotes(base, alt), "\n")
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("PriceNotes = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPriceNoteInPackAndWorkbook checks that the board pack and the workbook say, under the
// business case, that a strategy's prices differ from its baseline's.
func TestPriceNoteInPackAndWorkbook(t *testing.T) {
	base, alt := testScenario(), testScenario()
	base.Interventions = nil
	alt.Name = "strat-infl"
	alt.Interventions = []model.Intervention{{Action: model.Inflation, Label: "Price shock", From: time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC), Rate: 0.08}}
	nc := testCase()
	nc.Scenario = alt.Name
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Cases: []*sim.NetCase{nc}, Level: 0.9, Reps: 200, Seed: 1, Source: "test"}
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	want := "Prices differ from the baseline&#39;s: the strategy&#39;s inflation is 3% a year, then 8% a year from April 2028"
	if !strings.Contains(page.String(), want) {
		t.Errorf("the board pack does not say the strategy's prices differ (%q)", want)
	}
	var book bytes.Buffer
	if err := r.WriteCompareWorkbook(&book); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Business case")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		found = found || (len(row) > 0 && strings.HasPrefix(row[0], "strat-infl: Prices differ from the baseline's: the strategy's inflation is 3% a year, then 8% a year from April 2028"))
	}
	if !found {
		t.Error("the workbook's business case does not say the strategy's prices differ")
	}
}

// TestRegionPriceNotes checks that a region comparison says, for each council whose own
// prices differ between the baseline and the strategy (its inflation or a price
// intervention), that part of the difference is a price assumption: as RegionPriceNotes, in
// the board pack under the business case, and in the workbook's How to read.
func TestRegionPriceNotes(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	council := func(name string, ivs ...model.Intervention) model.Council {
		s := testScenario()
		s.Name, s.Interventions = name, ivs
		return model.Council{Name: name, Scenario: s}
	}
	ifa := model.KindID(slices.IndexFunc(testScenario().Kinds, func(k model.Kind) bool { return k.Name == "ifa" }))
	start := testScenario().Start
	base := &model.Region{Name: "south", Start: start, Years: 4, Councils: []model.Council{council("kent"), council("medway")}}
	alt := &model.Region{Name: "south-dearer", Start: start, Years: 4, Councils: []model.Council{
		council("kent", model.Intervention{Action: model.Inflation, From: april(2028), Rate: 0.06}),
		council("medway", model.Intervention{Action: model.Price, From: april(2027), Kind: ifa, Factor: 1.1}),
	}}
	got := RegionPriceNotes(base, alt)
	want := []string{
		"kent: Prices differ from the baseline's: the strategy's inflation is 3% a year, then 6% a year from April 2028; the baseline's is 3% a year.",
		"medway: Prices differ from the baseline's: the strategy pays 1.1 times the weekly price of independent fostering agency from April 2027; the baseline changes no price.",
	}
	if len(got) != len(want) {
		t.Fatalf("RegionPriceNotes = %q, want a line for kent and one for medway", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("RegionPriceNotes[%d] = %q, want it to begin %q", i, got[i], want[i])
		}
	}
	if same := RegionPriceNotes(base, base); len(same) != 0 {
		t.Errorf("RegionPriceNotes of a region against itself = %q, want nothing", same)
	}
	nc := testCase()
	r := RegionCompareReport{Baseline: base, Scenarios: []*model.Region{alt}, Level: 0.9, Reps: 20, Seed: 1, Source: "test",
		Comparisons: []*RegionComparison{{Scenario: alt.Name, Baseline: base.Name, Councils: []string{"kent", "medway", sim.RegionTotal}, Cases: []*sim.NetCase{nc, nc, nc}, Diffs: make([][]sim.Difference, 3), Years: 4}}}
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "medway: Prices differ from the baseline&#39;s: the strategy pays 1.1 times") {
		t.Errorf("the region's board pack does not say medway's prices differ")
	}
	var book bytes.Buffer
	if err := r.WriteWorkbook(&book, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("How to read")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		found = found || (len(row) > 1 && row[0] == "Prices, south-dearer" && strings.HasPrefix(row[1], "kent: Prices differ from the baseline's"))
	}
	if !found {
		t.Errorf("the region's workbook does not say kent's prices differ: %q", rows)
	}
}

// TestStrategyMarketPricesInPack checks that a strategy whose shared markets price a place
// otherwise than the baseline's says so in the board pack, under its business case, and in
// the workbook's How to read ("Market prices, <strategy>"), not on the terminal alone; and
// that the sentence after its lead begins as a sentence of its own.
func TestStrategyMarketPricesInPack(t *testing.T) {
	s := testScenario()
	market := func(growth float64) []model.SharedMarket {
		return []model.SharedMarket{{Kind: "ifa", Providers: []model.Provider{{Name: "Own", Places: 20}}, Pricing: model.Pricing{RealGrowthPerYear: growth}}}
	}
	base := &model.Region{Name: "south", Start: s.Start, Years: 3, Councils: []model.Council{{Name: "kent", Scenario: s}}, Markets: market(0)}
	alt := &model.Region{Name: "south-dear", Start: s.Start, Years: 3, Councils: []model.Council{{Name: "kent", Scenario: s}}, Markets: market(0.03)}
	want := "The strategy's shared markets price a place otherwise than the baseline's. The independent fostering agency market: each council pays its own weekly price for the kind, " +
		"rising by 3% a year above the council's inflation, compounded, for placements begun later (1.09 times it for one begun 3 years on); a placement keeps the rise it began with."
	if got := StrategyMarketPricesNote(base, alt); got != want {
		t.Errorf("StrategyMarketPricesNote:\n got %q\nwant %q", got, want)
	}
	if got := StrategyMarketPricesNote(base, base); got != "" {
		t.Errorf("StrategyMarketPricesNote of a region against itself = %q, want nothing", got)
	}
	nc := testCase()
	r := RegionCompareReport{Baseline: base, Scenarios: []*model.Region{alt}, Level: 0.9, Reps: 20, Seed: 1, Source: "test",
		Comparisons: []*RegionComparison{{Scenario: alt.Name, Baseline: base.Name, Councils: []string{"kent", sim.RegionTotal}, Cases: []*sim.NetCase{nc, nc}, Diffs: make([][]sim.Difference, 2), Years: 3}}}
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "rising by 3% a year above the council&#39;s inflation") {
		t.Errorf("the board pack does not say the strategy's ifa market's prices rise 3%% a year")
	}
	var book bytes.Buffer
	if err := r.WriteWorkbook(&book, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("How to read")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		found = found || (len(row) > 1 && row[0] == "Market prices, south-dear" && row[1] == want)
	}
	if !found {
		t.Errorf("the workbook's How to read has no row \"Market prices, south-dear\" saying %q: %q", want, rows)
	}
}
