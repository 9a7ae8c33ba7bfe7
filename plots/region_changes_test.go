package plots_test

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// packRegionYAML is the baseline of TestRegionPackSaysEveryChange: two councils of the
// erlang scenario sharing a market of agency foster places.
const packRegionYAML = `name: pack-region
start: 2026-04-01
years: 2
warmup_years: 0
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: erlang, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900]}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=45, kinds.ifa.weekly_gbp=900]}
markets:
  - kind: ifa
    pricing: {threshold: 0.8, premium_at_full: 0.3}
    providers:
      - {name: north-agencies, zone: north, places: 10}
      - {name: south-agencies, zone: south, places: 10}
`

// TestRegionPackSaysEveryChange writes the board pack of region strategies that extend a
// baseline and reads its list of what each changes: every change of the region file that
// moves the result, providers' places and prices, the markets' pricing, a council's own
// inputs and interventions, with the strategy's figure, the baseline's and the change, and
// not only the region's interventions.
func TestRegionPackSaysEveryChange(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"a provider's places and a pooled block", `
markets:
  - kind: ifa
    providers:
      - {name: south-agencies, places: 16}
interventions:
  - {action: pooled_block, name: "Pooled block, south", on: 2026-10-01, market: ifa, zone: south, places: 4, cost_per_place_per_year_gbp: 50000}
`, []string{
			"Provider south-agencies (independent fostering agency (the overflow) market, in south), places: 16 (baseline 10; +6)",
			// The market in the words of its kind's label, as the charts name it, not "4 ifa places".
			"Pooled block, south: 4 places in the independent fostering agency (the overflow) market contracted for every council together in south at £50k a place a year, from October 2026",
		}},
		// A provider's dated changes name the market as the pooled block does: by its kind's
		// label, not "the ifa market".
		{"a provider's dated changes", `
interventions:
  - {action: provider_exit, name: North agencies leave, on: 2026-10-01, market: ifa, provider: north-agencies}
  - {action: provider_open, name: New agency, on: 2026-10-01, market: ifa, provider: new-agency, zone: south, places: 3}
  - {action: provider_resize, name: South agencies grow, on: 2027-01-01, market: ifa, provider: south-agencies, places: 2}
`, []string{
			"North agencies leave: north-agencies leaves the independent fostering agency (the overflow) market, from October 2026",
			"New agency: new-agency opens 3 places in the independent fostering agency (the overflow) market, from October 2026",
			"South agencies grow: south-agencies changes its places in the independent fostering agency (the overflow) market by +2, from January 2027",
		}},
		{"a pooled block of one place", `
interventions:
  - {action: pooled_block, name: "One shared bed", on: 2026-10-01, market: ifa, zone: south, places: 1, cost_per_place_per_year_gbp: 50000}
`, []string{
			"One shared bed: 1 place in the independent fostering agency (the overflow) market contracted for every council together in south at £50k a place a year, from October 2026",
		}},
		{"pricing, a provider's terms and a new provider", `
markets:
  - kind: ifa
    pricing: {threshold: 0.9, real_growth_per_year: 0.02}
    providers:
      - {name: north-agencies, price_factor: 1.2, max_miles: 25, growth_per_year: -0.05}
      - {name: east-agencies, zone: north, places: 7}
`, []string{
			"The independent fostering agency (the overflow) market, occupancy with no scarcity premium: 90% (baseline 80%; +10 percentage points)",
			"The independent fostering agency (the overflow) market, providers' prices above inflation: 2% a year (baseline 0% a year; +2 percentage points)",
			"Provider north-agencies (independent fostering agency (the overflow) market, in north), yearly change in places: -5% a year (baseline 0% a year; -5 percentage points)",
			"Provider north-agencies (independent fostering agency (the overflow) market, in north), price: 1.2 times the councils' (baseline the councils' own; +0.2)",
			"Provider north-agencies (independent fostering agency (the overflow) market, in north), furthest it places a child: 25 miles (baseline any distance)",
			"New provider east-agencies (independent fostering agency (the overflow) market): 7 places in north",
		}},
		{"a council's own inputs and interventions", `
councils:
  - name: south-shire
    set: [entries.per_year=60, kinds.ifa.weekly_gbp=950]
    interventions:
      - {action: extra_approvals, label: Recruitment drive, from: 2026-10-01, kind: inhouse_foster, per_year: 2.5, cost: {per_unit_gbp: 12000}}
`, []string{
			"south-shire: Children entering care a year: 60 at the start, changing by 0% a year (baseline 45 at the start, changing by 0% a year)",
			"south-shire: weekly price of independent fostering agency (the overflow) (standard need): £950 (baseline £900)",
			"south-shire: Recruitment drive (2.5 more approvals a year for in-house foster care (the pool)), from October 2026; costs: £12,000 for each household it approves, in place of the usual recruitment cost",
		}},
		{"the levers on breakdowns, escalation, who enters care and care leavers' places", `
councils:
  - name: north-shire
    set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, escalation_share=0.2, "care_leavers.share=0.5", "care_leavers.stay={distribution: exponential, mean_days: 730}"]
    interventions:
      - {action: breakdown_rate, from: 2026-10-01, to: 2027-10-01, factor: 0.5, kind: inhouse_foster, cost: {per_year_gbp: 250000}}
      - {action: breakdown_rate, from: 2026-10-01, factor: 0.8}
      - {action: entry_rate, from: 2026-10-01, factor: 1.2, who: {ages: 0, needs: [standard]}}
      - {action: escalation_rate, from: 2026-10-01, factor: 0.5}
      - {action: care_leaver_places, from: 2027-04-01, count: 100}
`, []string{
			"north-shire: breakdown rate (placements breaking down at 0.5 times the rate for in-house foster care (the pool)), from October 2026 to October 2027; costs: £250,000 a year to run",
			"north-shire: breakdown rate (placements breaking down at 0.8 times the rate), from October 2026",
			"north-shire: entry rate (children aged 0 with standard needs entering care at 1.2 times the rate), from October 2026",
			"north-shire: escalation rate (breakdowns raising a child's needs at 0.5 times the share), from October 2026",
			"north-shire: care leaver places (care leavers' accommodation capped at 100 places), from April 2027",
			"north-shire: other inputs of its scenario, not listed here (its scenario or set in the region file)",
		}},
		{"a council input no line shows", `
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, escalation_share=0.2]}
`, []string{
			"north-shire: other inputs of its scenario, not listed here (its scenario or set in the region file)",
		}},
		{"a council's scenario with a dot and a comma in its name", `
councils:
  - {name: south-shire, scenario: "erlang-0.5,b.yaml", set: [entries.per_year=45, kinds.ifa.weekly_gbp=900]}
`, []string{
			"south-shire: its scenario: erlang-0.5,b (baseline erlang)",
		}},
		{"nothing", "\n", []string{"Nothing: the strategy is the baseline as it is."}},
	}
	fsys := fstest.MapFS{"pack-region.yaml": {Data: []byte(packRegionYAML)},
		"erlang-0.5,b.yaml": {Data: []byte("name: erlang-0.5,b\nextends: erlang\n")}}
	base, err := scenarios.ParseRegionFS(strings.NewReader(packRegionYAML), fsys, "pack-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "name: strategy\nextends: pack-region.yaml\n" + tt.yaml
			alt, err := scenarios.ParseRegionFS(strings.NewReader(text), fsys, "strategy.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := packChanges(t, base, alt); !slices.Equal(got, tt.want) {
				t.Errorf("the pack says the strategy changes\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// packChanges writes the board pack of strategy alt against base and returns its list of
// what alt changes, one item a line as a reader sees it.
func packChanges(t *testing.T, base, alt *model.Region) []string {
	t.Helper()
	r := &plots.RegionCompareReport{Baseline: base, Scenarios: []*model.Region{alt}, Level: 0.9, Reps: 2, Seed: 1,
		Comparisons: []*plots.RegionComparison{{Scenario: alt.Name, Baseline: base.Name}}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	_, list, ok := strings.Cut(page, "<p>What it changes against "+html.EscapeString(base.Name)+":</p>\n<ul>\n")
	if !ok {
		t.Fatalf("the pack has no list of what the strategy changes:\n%s", page)
	}
	list, _, _ = strings.Cut(list, "</ul>")
	var got []string
	for _, m := range regexp.MustCompile(`<li>(.*)</li>`).FindAllStringSubmatch(list, -1) {
		got = append(got, html.UnescapeString(m[1]))
	}
	return got
}

// TestRegionPackMatchesCouncilInterventions compares region files whose councils have dated
// changes: a change marked as the baseline's (baseline: true) in one file and not in the
// other is the same change, as in a scenario's comparison, and is not listed as both added
// and left out; a change of figure still is.
func TestRegionPackMatchesCouncilInterventions(t *testing.T) {
	const drive = "{action: extra_approvals, label: Drive, from: 2026-10-01, kind: inhouse_foster, per_year: 20"
	council := func(iv string) string {
		return "councils:\n  - {name: south-shire, interventions: [" + iv + "]}\n"
	}
	tests := []struct {
		name, base, alt string
		want            []string
	}{
		{"marked as the baseline's in the strategy", council(drive + "}"), council(drive + ", baseline: true}"),
			[]string{"Nothing: the strategy is the baseline as it is."}},
		{"marked as the baseline's in the baseline", council(drive + ", baseline: true}"), council(drive + "}"),
			[]string{"Nothing: the strategy is the baseline as it is."}},
		{"another figure", council(drive + "}"), council(strings.Replace(drive, "per_year: 20", "per_year: 25", 1) + ", baseline: true}"), []string{
			"south-shire: Drive (25 more approvals a year for in-house foster care (the pool)), from October 2026",
			"south-shire: not in the strategy: Drive (20 more approvals a year for in-house foster care (the pool)), from October 2026",
		}},
	}
	fsys := fstest.MapFS{"pack-region.yaml": {Data: []byte(packRegionYAML)}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var regs [2]*model.Region
			for i, text := range []string{"name: baseline\nextends: pack-region.yaml\n" + tt.base, "name: strategy\nextends: pack-region.yaml\n" + tt.alt} {
				var err error
				if regs[i], err = scenarios.ParseRegionFS(strings.NewReader(text), fsys, "r.yaml", nil); err != nil {
					t.Fatal(err)
				}
			}
			if got := packChanges(t, regs[0], regs[1]); !slices.Equal(got, tt.want) {
				t.Errorf("the pack says the strategy changes\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// TestRegionPackSaysPricesOfChanges checks that a region's pack says once, under its list of
// what a strategy changes, at which year's prices the money in it is and that it rises each
// April with each council's inflation, and that a council's programme states its cost terms
// as a scenario's pack does (CostTerms): a yearly cost that stops before the change ends.
func TestRegionPackSaysPricesOfChanges(t *testing.T) {
	fsys := fstest.MapFS{"pack-region.yaml": {Data: []byte(packRegionYAML)}}
	base, err := scenarios.ParseRegionFS(strings.NewReader(packRegionYAML), fsys, "pack-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.ParseRegionFS(strings.NewReader(`name: strategy
extends: pack-region.yaml
councils:
  - name: south-shire
    interventions:
      - {action: extra_approvals, label: Drive, from: 2026-10-01, to: 2029-09-30, kind: inhouse_foster, per_year: 2, cost: {per_year_gbp: 50000, per_year_to: 2028-09-30}}
`), fsys, "strategy.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &plots.RegionCompareReport{Baseline: base, Scenarios: []*model.Region{alt}, Level: 0.9, Reps: 2, Seed: 1,
		Comparisons: []*plots.RegionComparison{{Scenario: alt.Name, Baseline: base.Name}}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(buf.String())
	for _, want := range []string{
		"south-shire: Drive (2 more approvals a year for in-house foster care (the pool)), from October 2026 to September 2029; costs: £50,000 a year to run, from October 2026 to September 2028</li>\n</ul>\n" +
			"<p>Money in this list is at " + model.FinancialYear(base.Start) + " prices, those of the year the run starts, and rises each April with each council's inflation, or a programme's own rate where its line gives one.</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the pack does not say\n%s", want)
		}
	}
}

// TestRegionPackSaysEachCouncilsPrices checks that the note under a region strategy's list of
// changes names the year of each council whose amounts are written at another year's prices
// (its prices_at) than the run's start's, rather than saying all its money is the start's.
func TestRegionPackSaysEachCouncilsPrices(t *testing.T) {
	fsys := fstest.MapFS{"pack-region.yaml": {Data: []byte(packRegionYAML)}}
	base, err := scenarios.ParseRegionFS(strings.NewReader(packRegionYAML), fsys, "pack-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.ParseRegionFS(strings.NewReader(`name: strategy
extends: pack-region.yaml
councils:
  - name: south-shire
    set: [entries.per_year=45, kinds.ifa.weekly_gbp=900, prices_at=2024-04-01]
    interventions:
      - {action: extra_approvals, label: Drive, from: 2026-10-01, to: 2028-09-30, kind: inhouse_foster, per_year: 2, cost: {per_year_gbp: 50000}}
`), fsys, "strategy.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &plots.RegionCompareReport{Baseline: base, Scenarios: []*model.Region{alt}, Level: 0.9, Reps: 2, Seed: 1,
		Comparisons: []*plots.RegionComparison{{Scenario: alt.Name, Baseline: base.Name}}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(buf.String())
	want := "<p>Money in this list is at 2026/27 prices, those of the year the run starts, but south-shire's at 2024/25 prices (its prices_at), " +
		"a pooled block's or the region's own costs at each council's as it pays its share; it rises each April with each council's inflation, " +
		"or a programme's own rate where its line gives one.</p>"
	if !strings.Contains(page, want) {
		i := strings.Index(page, "Money in this list")
		t.Errorf("the pack does not say\n%s\nit says\n%s", want, page[max(i, 0):min(max(i, 0)+400, len(page))])
	}
}

// TestRegionReportSaysMarketIsMedians checks that a region's report, whose councils' table
// gives means, says that its shared market's table gives medians, as the market's charts draw
// them: no figure of the page is a median unsaid.
func TestRegionReportSaysMarketIsMedians(t *testing.T) {
	fsys := fstest.MapFS{}
	reg, err := scenarios.ParseRegionFS(strings.NewReader(packRegionYAML), fsys, "pack-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.RunRegion(reg, sim.Options{Reps: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (&plots.RegionReport{Results: rr, Market: plots.RegionMarket(rr), Source: plots.Source{Version: "test", Scenario: reg.Name, Reps: 3, Seed: 1}}).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`<section id="market">`, "Each cell: the median of the runs, as the market's charts draw it"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
}
