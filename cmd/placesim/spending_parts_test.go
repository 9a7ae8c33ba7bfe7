package main

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// TestSpendingPartsRecompute runs a comparison of a small region in which one council recruits
// carers and the others change nothing, and works every row of spending_parts.csv out again
// from comparison.csv alone, as a finance director would: each kind's weekly price is its
// spending over its children on an average day and the period's weeks (the days between the
// period's dates over 7), its price effect the change in that price times the baseline's
// children and the weeks, its volume effect the strategy's price times the change in children
// and the weeks; each cost tied to no kind is Other; the total row's change is cost_total's,
// and the parts add up to it. It checks too that own_changes names the council that acts, and
// that --json and the workbook carry the same parts.
func TestSpendingPartsRecompute(t *testing.T) {
	dir := t.TempDir()
	// Prices rise a tenth each April, so that a kind whose price is the same in both runs
	// each year is dearer in the second, where the strategy places more children.
	region := strings.ReplaceAll(testRegionYAML, "households=6]", "households=6, inflation_per_year=0.1]")
	// South-shire pays twice the others' price for agency foster care, so that a child the
	// recruiting council no longer places there, and another council places in its stead,
	// changes the region's average price with no council's price changed: the region's split is
	// its councils' added up, not its own means' (a mix shift read as price).
	region = strings.Replace(region, "{name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=45, kinds.ifa.weekly_gbp=900", "{name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=45, kinds.ifa.weekly_gbp=1800", 1)
	writeFiles(t, dir, map[string]string{"test-region.yaml": region, "strategy.yaml": `name: north-recruits
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=12]}
`})
	base, alt := filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml")
	out := filepath.Join(dir, "cmp")
	mustRun(t, "compare", base, alt, "--reps", "4", "--formats", "svg", "-q", "--out", out)

	// comparison.csv's means, by council, period and KPI.
	type key struct{ council, period, kpi string }
	type means struct{ base, alt, diff, lo, hi float64 }
	cmp := map[key]means{}
	rows := readRows(t, out, "comparison.csv")
	col := func(header []string, name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, header)
		}
		return i
	}
	h := rows[0]
	for _, r := range rows[1:] {
		if r[col(h, "base_mean")] == "NA" {
			continue // a share with no children to count (long_term_stable_share in a short run)
		}
		cmp[key{r[0], r[col(h, "period")], r[col(h, "kpi")]}] = means{parseF(t, r[col(h, "base_mean")]), parseF(t, r[col(h, "alt_mean")]),
			parseF(t, r[col(h, "diff_mean")]), parseF(t, r[col(h, "diff_mean_lo")]), parseF(t, r[col(h, "diff_mean_hi")])}
	}
	// The test region runs two years from 1 April 2026: 365 days, then 366 (29 February 2028).
	weeks := map[string]float64{"2026/27": 365.0 / 7, "2027/28": 366.0 / 7, sim.WholeRun: 731.0 / 7}

	parts := readRows(t, out, "spending_parts.csv")
	ph := parts[0]
	if got := strings.Join(ph, ","); got != sim.SpendingPartsHeader {
		t.Fatalf("spending_parts.csv's header %s, want %s", got, sim.SpendingPartsHeader)
	}
	num := func(r []string, name string) float64 {
		s := r[col(ph, name)]
		if s == "" {
			return math.NaN()
		}
		return parseF(t, s)
	}
	// close says whether got is want to within rounding: a millionth of a penny a pound.
	close := func(got, want float64) bool {
		if math.IsNaN(want) {
			return math.IsNaN(got)
		}
		return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))+1e-6
	}
	years := []string{"2026/27", "2027/28"}
	// split works a kind's weekly prices and price and volume effects in one period out of
	// comparison.csv.
	split := func(council, period, costKPI, childrenKPI string) (bw, aw, price, volume float64) {
		c, ch, w := cmp[key{council, period, costKPI}], cmp[key{council, period, childrenKPI}], weeks[period]
		bw, aw = math.NaN(), math.NaN()
		if ch.base > 0 {
			bw = c.base / (ch.base * w)
		}
		if ch.alt > 0 {
			aw = c.alt / (ch.alt * w)
		}
		switch {
		case ch.base > 0 && ch.alt > 0:
			price, volume = (aw-bw)*ch.base*w, aw*(ch.alt-ch.base)*w
		case ch.alt > 0:
			volume = aw * (ch.alt - ch.base) * w
		case ch.base > 0:
			volume = bw * (ch.alt - ch.base) * w
		}
		return bw, aw, price, volume
	}
	totals, samePriced, mixed := 0, 0, 0
	councilSums := map[key][3]float64{} // price, volume and other of each period's part, added up over the councils
	sums := map[key][3]float64{}        // price, volume and other of each council's period, added up
	for _, r := range parts[1:] {
		council, period, part := r[0], r[col(ph, "period")], r[col(ph, "part")]
		where := council + " " + period + " " + part
		wantOwn := map[bool]string{true: "yes", false: "no"}[council == "north-shire" || council == sim.RegionTotal]
		if got := r[col(ph, "own_changes")]; got != wantOwn {
			t.Errorf("%s: own_changes %s, want %s", where, got, wantOwn)
		}
		w := weeks[period]
		if got := num(r, "weeks"); !close(got, w) {
			t.Errorf("%s: weeks %v, want %v", where, got, w)
		}
		c, ok := cmp[key{council, period, r[col(ph, "cost_kpi")]}]
		if !ok {
			t.Fatalf("%s: comparison.csv has no %s", where, r[col(ph, "cost_kpi")])
		}
		for name, want := range map[string]float64{"base_cost": c.base, "alt_cost": c.alt, "cost_change": c.diff, "cost_change_lo": c.lo, "cost_change_hi": c.hi} {
			if got := num(r, name); !close(got, want) {
				t.Errorf("%s: %s %v, comparison.csv's %v", where, name, got, want)
			}
		}
		price, volume, other := num(r, "price_effect"), num(r, "volume_effect"), num(r, "other")
		switch {
		case part == "total":
			totals++
			s := sums[key{council, period, ""}]
			for i, name := range []string{"price_effect", "volume_effect", "other"} {
				if got := num(r, name); !close(got, s[i]) {
					t.Errorf("%s: %s %v, the parts' sum %v", where, name, got, s[i])
				}
			}
			if res := num(r, "residual"); !close(price+volume+other+res, c.diff) || math.Abs(res) > 1e-3 {
				t.Errorf("%s: price %v + volume %v + other %v + residual %v is not the change %v, or the residual is more than rounding", where, price, volume, other, res, c.diff)
			}
		case r[col(ph, "children_kpi")] == "":
			if !close(other, c.diff) || price != 0 || volume != 0 {
				t.Errorf("%s: a cost tied to no kind is all other: price %v, volume %v, other %v, change %v", where, price, volume, other, c.diff)
			}
		default:
			ch, ok := cmp[key{council, period, r[col(ph, "children_kpi")]}]
			if !ok || r[col(ph, "children_kpi")] != "occupied_"+part {
				t.Fatalf("%s: children KPI %s not in comparison.csv", where, r[col(ph, "children_kpi")])
			}
			bw, aw, _, _ := split(council, period, r[col(ph, "cost_kpi")], r[col(ph, "children_kpi")])
			if got := num(r, "base_weekly_gbp"); !close(got, bw) {
				t.Errorf("%s: base_weekly_gbp %v, want %v", where, got, bw)
			}
			if got := num(r, "alt_weekly_gbp"); !close(got, aw) {
				t.Errorf("%s: alt_weekly_gbp %v, want %v", where, got, aw)
			}
			if council == sim.RegionTotal {
				// The region's split is the sum of its councils'.
				s := councilSums[key{period, part, ""}]
				if !close(price, s[0]) || !close(volume, s[1]) || !close(other, s[2]) {
					t.Errorf("%s: price %v volume %v other %v, want the councils' sums %v, %v and %v", where, price, volume, other, s[0], s[1], s[2])
				}
				if res := num(r, "residual"); !close(price+volume+other+res, c.diff) || math.Abs(res) > 1e-3 {
					t.Errorf("%s: price %v + volume %v + other %v + residual %v is not the change %v, or the residual is more than rounding", where, price, volume, other, res, c.diff)
				}
				if _, _, ownPrice, _ := split(council, period, r[col(ph, "cost_kpi")], r[col(ph, "children_kpi")]); part == "ifa" && period != sim.WholeRun && math.Abs(ownPrice-price) > 1 {
					mixed++
				}
				break
			}
			if period != sim.WholeRun {
				_, _, wantPrice, wantVolume := split(council, period, r[col(ph, "cost_kpi")], r[col(ph, "children_kpi")])
				if !close(price, wantPrice) || !close(volume, wantVolume) || !close(price+volume+other, c.diff) {
					t.Errorf("%s: price %v volume %v other %v, want %v, %v and the change %v in all", where, price, volume, other, wantPrice, wantVolume, c.diff)
				}
				if ch.base > 0 && ch.alt > 0 && !close(other, 0) {
					t.Errorf("%s: other %v where both runs place children: the split is exact", where, other)
				}
				break
			}
			// Over the whole run, the years' effects added up; a price that is the same in
			// both runs every year has no price effect, whatever the run's average says.
			var wantPrice, wantVolume, wantOther float64
			samePrice := true
			for _, y := range years {
				ybw, yaw, yp, yv := split(council, y, r[col(ph, "cost_kpi")], r[col(ph, "children_kpi")])
				wantPrice, wantVolume = wantPrice+yp, wantVolume+yv
				wantOther += cmp[key{council, y, r[col(ph, "cost_kpi")]}].diff - yp - yv
				samePrice = samePrice && !math.IsNaN(ybw) && !math.IsNaN(yaw) && close(yaw, ybw)
			}
			if !close(price, wantPrice) || !close(volume, wantVolume) || !close(other, wantOther) {
				t.Errorf("%s: price %v volume %v other %v, want the years' sums %v, %v and %v", where, price, volume, other, wantPrice, wantVolume, wantOther)
			}
			if res := num(r, "residual"); !close(price+volume+other+res, c.diff) || math.Abs(res) > 1e-3 {
				t.Errorf("%s: price %v + volume %v + other %v + residual %v is not the change %v, or the residual is more than rounding", where, price, volume, other, res, c.diff)
			}
			if samePrice {
				samePriced++
				if math.Abs(price) > 1e-3 {
					t.Errorf("%s: the weekly price is the same in both runs every year, yet the whole run's price effect is %v (average prices %v and %v)", where, price, bw, aw)
				}
			}
			if got := num(r, "children_change"); !close(got, ch.diff) {
				t.Errorf("%s: children_change %v, comparison.csv's %v", where, got, ch.diff)
			}
		}
		if council != sim.RegionTotal {
			cs := councilSums[key{period, part, ""}]
			councilSums[key{period, part, ""}] = [3]float64{cs[0] + price, cs[1] + volume, cs[2] + other}
		}
		if part != "total" {
			s := sums[key{council, period, ""}]
			sums[key{council, period, ""}] = [3]float64{s[0] + price, s[1] + volume, s[2] + other}
		}
	}
	if mixed == 0 {
		t.Errorf("the region's ifa split from its own means is its councils' in every year: the test shows no shift of children between councils' prices")
	}
	if samePriced == 0 {
		t.Errorf("no kind has the same weekly price in both runs every year, which the whole run's split must leave with no price effect")
	}
	if want := (len(testCouncils) + 1) * len(weeks); totals != want {
		t.Errorf("spending_parts.csv has %d total rows, want %d: each council and the region, in each year and the whole run", totals, want)
	}

	// --json gives each council's parts over the whole run, as the file does.
	o := mustRun(t, "compare", base, alt, "--reps", "4", "--json", "--charts=false", "-q", "--out", filepath.Join(dir, "json"))
	var cj regionCompareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	for _, c := range cj.Comparisons[0].Councils {
		if c.OwnChanges != (c.Council == "north-shire" || c.Council == sim.RegionTotal) {
			t.Errorf("--json: %s's own_changes %v", c.Council, c.OwnChanges)
		}
		n := len(c.SpendingParts)
		if n == 0 || c.SpendingParts[n-1].Part != "total" || c.SpendingParts[n-1].CostDiff == nil {
			t.Fatalf("--json: %s's spending_parts end with no total: %+v", c.Council, c.SpendingParts)
		}
		if got, want := *c.SpendingParts[n-1].CostDiff, cmp[key{c.Council, sim.WholeRun, sim.CostTotal}].diff; !close(got, want) {
			t.Errorf("--json: %s's change in spending %v, comparison.csv's %v", c.Council, got, want)
		}
	}
	// The sentence of the council that changed nothing and gains, south-shire (fewer of its
	// children wait in emergency placements once north-shire takes fewer agency places), gives
	// figures that are in the files, each with its interval: the net saving of
	// business_case.csv, the change in spending, in children and the weekly prices of
	// spending_parts.csv and the emergency placements of comparison.csv.
	gains := cj.Comparisons[0].WhoGains
	if len(gains) == 0 || !strings.HasPrefix(gains[0], "south-shire made no change of its own (the strategy changes north-shire); it saves ") {
		t.Fatalf("--json's who_gains does not begin with south-shire, which changed nothing: %q", gains)
	}
	var wantIn []string
	for _, r := range readRows(t, out, "business_case.csv")[1:] {
		if r[0] == "south-shire" && r[3] == "2027/28" && r[4] == "cumulative_net_saving" {
			wantIn = append(wantIn, "saves "+plots.GBP(parseF(t, r[5]))+" over the run (net saving, 90% interval "+
				plots.Signed(parseF(t, r[6]), plots.Money)+" to "+plots.Signed(parseF(t, r[7]), plots.Money)+")")
		}
	}
	for _, r := range parts[1:] {
		if r[0] != "south-shire" || r[col(ph, "period")] != sim.WholeRun {
			continue
		}
		switch r[col(ph, "part")] {
		case "total":
			wantIn = append(wantIn, "Its spending changes by "+plots.Signed(num(r, "cost_change"), plots.Money)+" ("+
				plots.Signed(num(r, "cost_change_lo"), plots.Money)+" to "+plots.Signed(num(r, "cost_change_hi"), plots.Money)+")",
				plots.Signed(num(r, "volume_effect"), plots.Money)+" as its children were placed otherwise",
				plots.Signed(num(r, "price_effect"), plots.Money)+" as each place cost otherwise")
		case sim.EmergencyKind:
			// Children to two decimals below 1, to one below 100, as the sentences write them.
			kids := func(v float64) string {
				if math.Abs(v) < 0.995 {
					return fmt.Sprintf("%+.2f", v)
				}
				return fmt.Sprintf("%+.1f", v)
			}
			wantIn = append(wantIn, fmt.Sprintf("%s fewer (%s to %s) in emergency placements, at £%s a week", strings.TrimPrefix(kids(num(r, "children_change")), "-"),
				kids(num(r, "children_change_lo")), kids(num(r, "children_change_hi")), plots.Thousands(fmt.Sprintf("%.0f", num(r, "alt_weekly_gbp")))))
		}
	}
	e := cmp[key{"south-shire", sim.WholeRun, sim.EmergencyPlacements}]
	wantIn = append(wantIn, fmt.Sprintf("%.1f fewer emergency placements (%.1f to %.1f)", -e.diff, e.lo, e.hi))
	for _, w := range wantIn {
		if !strings.Contains(gains[0], w) {
			t.Errorf("south-shire's sentence does not say %q, as the files give it:\n%s", w, gains[0])
		}
	}
	if pack := html.UnescapeString(readFile(t, out, "report.html")); !strings.Contains(pack, "<h3>Who gains, and why</h3>\n<p>"+gains[0]+"</p>") {
		t.Errorf("the board pack does not say, under Who gains, and why:\n%s", gains[0])
	}

	// The workbook's Spending parts sheet holds the file's rows.
	if sheet := sheetRows(t, filepath.Join(out, "results.xlsx"), "Spending parts"); len(sheet) != len(parts) {
		t.Errorf("the workbook's Spending parts has %d rows, spending_parts.csv %d", len(sheet), len(parts))
	}
}
