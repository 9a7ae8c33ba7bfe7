package main

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCompareRegionsSplitsActing compares the test region with a strategy that changes one
// council, north-shire, alone: the region's business case is split between it, what it saves
// of its own, and the two others, which move only through the shared market. business_case.csv
// has the region's rows of the two groups by financial year and for the run, the acting
// group's the same as north-shire's own, and the two adding up to the region's; the printed
// table says the split with its intervals and the board pack's business case has a row of
// each group under the region's; --json gives it under the region's business case; and a
// strategy that changes every council has no split.
func TestCompareRegionsSplitsActing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML,
		"one.yaml": `name: one-acts
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=14]}
`,
		"all.yaml": `name: all-act
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=14]}
  - {name: south-shire, set: [entries.per_year=45, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=14]}
  - {name: east-shire, set: [entries.per_year=20, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=14]}
`})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "one.yaml"), "--reps", "4", "--formats", "svg", "-q", "--out", out)
	pack := readFile(t, out, "report.html")
	for _, want := range []string{"<td>of which: Changed by the strategy: north-shire</td>", "<td>of which: The 2 other councils, through the shared market</td>",
		"The two rows under the region's split it between the councils the strategy changes",
		// The acting council's saving includes what the shared market's prices did to it.
		"(their whole net saving: what the strategy saves them, and what the shared market's prices and places did to them, as to any council)"} {
		if !strings.Contains(pack, want) {
			t.Errorf("the board pack's business case lacks %q", want)
		}
	}
	if strings.Contains(pack, "what they save of their own") {
		t.Error("the board pack says the acting councils' row is what they save of their own, though it includes the shared market's prices")
	}
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out, "business_case.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	mean := map[string]float64{} // council, period, figure
	for _, r := range recs[1:] {
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		mean[r[0]+" "+r[3]+" "+r[4]] = v
	}
	// Sums of pounds of three councils over a few years: a penny a figure at most.
	const pennies = 0.05
	for _, period := range []string{"2026/27", "2027/28"} {
		for _, fig := range []string{"net_saving", "cumulative_net_saving"} {
			act, okA := mean["region "+period+" "+fig+"_acting_councils"]
			rest, okR := mean["region "+period+" "+fig+"_other_councils"]
			if !okA || !okR {
				t.Errorf("%s: business_case.csv has no region rows %s_acting_councils and %s_other_councils", period, fig, fig)
				continue
			}
			if own := mean["north-shire "+period+" "+fig]; act != own {
				t.Errorf("%s %s: the acting councils' %.2f, north-shire's own %.2f", period, fig, act, own)
			}
			if others := mean["south-shire "+period+" "+fig] + mean["east-shire "+period+" "+fig]; math.Abs(rest-others) > pennies {
				t.Errorf("%s %s: the other councils' %.2f, south-shire's and east-shire's %.2f", period, fig, rest, others)
			}
			if region := mean["region "+period+" "+fig]; math.Abs(act+rest-region) > pennies {
				t.Errorf("%s %s: the two groups' %.2f and %.2f add up to %.2f, not the region's %.2f", period, fig, act, rest, act+rest, region)
			}
		}
	}
	act, rest := mean["region all npv_acting_councils"], mean["region all npv_other_councils"]
	if math.Abs(act+rest-mean["region all npv"]) > pennies || act != mean["north-shire all npv"] {
		t.Errorf("net present value: the acting councils' %.2f (north-shire's %.2f), the others' %.2f, the region's %.2f", act, mean["north-shire all npv"], rest, mean["region all npv"])
	}
	flat := strings.Join(strings.Fields(o.stdout), " ")
	if !strings.Contains(flat, "Of the region's net saving over the run, north-shire, which the strategy changes, saves ") ||
		!strings.Contains(flat, ", and the 2 other councils, through the shared market, ") {
		t.Errorf("the table does not split the region's net saving:\n%s", o.stdout)
	}

	j := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "one.yaml"), "--reps", "4", "--charts=false", "-q", "--json", "--out", filepath.Join(dir, "json"))
	var cj struct {
		Comparisons []struct {
			Councils []struct {
				Council      string `json:"council"`
				BusinessCase struct {
					Split *struct {
						ActingCouncils []string `json:"acting_councils"`
						Acting, Others struct {
							NetSaving struct{ Mean, Lo *float64 } `json:"net_saving"`
						}
					} `json:"split"`
				} `json:"business_case"`
			} `json:"councils"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &cj); err != nil {
		t.Fatal(err)
	}
	for _, c := range cj.Comparisons[0].Councils {
		sp := c.BusinessCase.Split
		switch {
		case c.Council != "region" && sp != nil:
			t.Errorf("%s's business case has a split", c.Council)
		case c.Council == "region" && (sp == nil || len(sp.ActingCouncils) != 1 || sp.ActingCouncils[0] != "north-shire" ||
			sp.Acting.NetSaving.Mean == nil || sp.Others.NetSaving.Lo == nil || math.Abs(*sp.Acting.NetSaving.Mean-mean["region 2027/28 cumulative_net_saving_acting_councils"]) > pennies):
			t.Errorf("--json's region business case does not split it: %+v", sp)
		}
	}

	help := strings.Join(strings.Fields(mustRun(t, "compare", "--help").stdout), " ")
	for _, want := range []string{"net_saving_acting_councils, net_saving_other_councils", "npv_acting_councils, npv_other_councils"} {
		if !strings.Contains(help, want) {
			t.Errorf("compare --help does not name the rows %q", want)
		}
	}

	all := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "all.yaml"), "--reps", "4", "--charts=false", "-q", "--out", filepath.Join(dir, "all"))
	if strings.Contains(all.stdout, "which the strategy changes") || strings.Contains(readFile(t, filepath.Join(dir, "all"), "business_case.csv"), "_acting_councils") {
		t.Errorf("a strategy that changes every council splits the region's business case:\n%s", all.stdout)
	}
}

// TestCompareRegionsSplitWithRegionCosts compares the test region with a strategy that changes
// north-shire and block-contracts places for the whole region: the other councils carry their
// share of the block's cost, so the printed line and the pack's row say they move through the
// shared market and their share of the region's own changes, not the market alone; and the
// workbook's business case names the split rows in words, as it names the others, never by
// their codes.
func TestCompareRegionsSplitWithRegionCosts(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML,
		"pool.yaml": `name: one-acts-pooled
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=14]}
interventions:
  - action: pooled_block
    on: 2026-10-01
    market: ifa
    zone: north
    places: 2
    cost_per_place_per_year_gbp: 60000
`})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "pool.yaml"), "--reps", "3", "--formats", "svg", "-q", "--out", out)
	flat := strings.Join(strings.Fields(o.stdout), " ")
	if !strings.Contains(flat, ", and the 2 other councils, through the shared market and their share of the region's own changes, ") {
		t.Errorf("the split line does not say the others share the region's own changes:\n%s", o.stdout)
	}
	pack := html.UnescapeString(readFile(t, out, "report.html"))
	for _, want := range []string{"<td>of which: The 2 other councils, through the shared market and their share of the region's own changes</td>",
		"whose figures move through the shared market and their share of the costs of the region's own changes"} {
		if !strings.Contains(pack, want) {
			t.Errorf("the board pack's business case lacks %q", want)
		}
	}
	labels := map[string]bool{}
	for _, r := range sheetRows(t, filepath.Join(out, "results.xlsx"), "Business case")[1:] {
		if len(r) > 4 {
			labels[r[4]] = true
		}
	}
	for _, want := range []string{"Net saving", "Cumulative net saving", "Spends less on places bought", "Net present value at 3.5% a year",
		"Net saving: councils the strategy changes", "Net saving: the other councils", "Cumulative net saving: councils the strategy changes",
		"Cumulative net saving: the other councils", "Net present value at 3.5% a year: councils the strategy changes", "Net present value at 3.5% a year: the other councils"} {
		if !labels[want] {
			t.Errorf("the workbook's business case has no row %q", want)
		}
	}
	for l := range labels {
		if strings.Contains(l, "_") {
			t.Errorf("the workbook's business case names a row by its code: %q", l)
		}
	}
}
