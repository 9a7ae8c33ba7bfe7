package sim_test

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// regionStockFile is the South East's stock file, which south-east.yaml's stock names.
var regionStockFile = filepath.Join("..", "scenarios", "regions", "stock", "south-east.yaml")

// TestRegionStock checks the South East's stock file (scenarios/regions/stock/south-east.yaml):
// each council's children in care at the start, the steady state of the region's rules with
// its councils running together on their shared markets (sim.RegionSteadyStock: the mean over
// steadyReps replications of steadyYears from no children in care). The county's stock scaled
// holds about as many children of complex need as the councils hold in that state
// (TestRegionStockFigures), but not in the same kinds (Kent's agency and in-house foster care
// differ by a few per cent). It runs
// the region again over 100 replications from another seed and checks every cell of the file
// (kind, single year of age, need and UASC status) and every council's children of each need
// against it, within Monte Carlo error. It runs with -figures (make figures-check, as .ci/run
// does), since it takes about 9 s of CPU; with -update it writes the file.
func TestRegionStock(t *testing.T) {
	load := func(sets ...string) *model.Region {
		reg, err := scenarios.LoadRegion("south-east", sets)
		if err != nil {
			t.Fatal(err)
		}
		return reg
	}
	if *update {
		// The file's own stock does not enter the steady state (it starts from none): the
		// region is read without it so that a file gone stale or missing can be written.
		reg := load("stock=null")
		cells, err := sim.RegionSteadyStock(reg, steadyYears, steadyReps, steadySeed, yearBands)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(regionStockFile, regionStockText(reg, cells), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("wrote " + regionStockFile + ": run the test again to check it")
	}
	if testing.Short() || !*figures {
		t.Skip("runs the South East for 30 years; runs with -figures (make figures-check)")
	}
	const reps = 100
	reg := load()
	cells, err := sim.RegionSteadyStock(reg, steadyYears, reps, 2, yearBands)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		kind model.KindID
		ages model.AgeRange
		need model.Need
		uasc bool
	}
	fix := "run go test ./sim -run TestRegionStock -update"
	for ci, co := range reg.Councils {
		file := map[key]int{}
		var fileNeed [model.NumNeeds]float64
		for _, g := range co.Scenario.Stock {
			need := slices.Index(g.NeedShares[:], 1)
			if need < 0 {
				t.Fatalf("%s: a stock group has a mix of needs: the stock is not the one -update writes", co.Name)
			}
			file[key{g.Kind, g.Ages, model.Need(need), g.UASC}] += g.Count
			fileNeed[need] += float64(g.Count)
		}
		var need, needVar [model.NumNeeds]float64
		for _, c := range cells[ci] {
			k := key{c.Kind, c.Ages, c.Need, c.UASC}
			got := float64(file[k])
			delete(file, k)
			need[c.Need] += c.Mean
			needVar[c.Need] += c.SE * c.SE
			// The written mean's standard error is about half the fresh one's (400
			// replications against 100); a cell's count is within one of its share of its
			// need's and kind's children, rounded by the largest remainder. Five standard
			// errors, for a test of about 1,800 cells: at 2.6, some cell would be off by
			// chance every time the draws change.
			bound := 1 + 0.03*c.Mean + 5*c.SE*math.Sqrt(1+float64(reps)/steadyReps)
			if math.Abs(got-c.Mean) > bound {
				t.Errorf("%s: stock of %s aged %s, %s needs (UASC %v): %v in the file, the region's steady state %.1f (±%.1f): %s",
					co.Name, co.Scenario.Kinds[c.Kind].Name, c.Ages, c.Need, c.UASC, got, c.Mean, c.SE, fix)
			}
		}
		for k, n := range file {
			t.Errorf("%s: stock of %s aged %s, %s needs (UASC %v): %d in the file, none in the region's steady state: %s",
				co.Name, co.Scenario.Kinds[k.kind].Name, k.ages, k.need, k.uasc, n, fix)
		}
		// Each need's children, which the warm-up is slowest to bring to the steady state.
		// The cells' errors are added as if independent, which understates the sum's a little
		// (its cells move together); 1% is the rounding and the apportioning to the council's
		// children in care.
		for n := range model.NumNeeds {
			bound := 1 + 0.01*need[n] + 3.5*math.Sqrt(needVar[n]*(1+float64(reps)/steadyReps))
			if math.Abs(fileNeed[n]-need[n]) > bound {
				t.Errorf("%s: %.0f children of %s needs in the file, the region's steady state %.1f: %s", co.Name, fileNeed[n], n, need[n], fix)
			}
		}
	}
}

// regionStockText returns the stock file of region reg made of each council's cells: a council's
// cells rounded to whole children in the steps model.ApportionStock takes (each need's children,
// UASC apart, then each need's children of each kind, then each of their cells, by the largest
// remainder: roundStock), so that each need's children are their mean rounded, each kind's
// within one of its mean, and no small cell is lost to rounding.
func regionStockText(reg *model.Region, cells [][]sim.StockCell) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# The %s's councils' children in care at the start of the warm-up, each council's the
# steady state of the region's rules with its councils running together on their shared markets
# (D: the mean over %d replications of the council's children in care after %d years of the
# region from none, with entries at their rate at the start and no interventions:
# sim.RegionSteadyStock), by kind, single year of age, need and UASC status, rounded to whole
# children by need, then kind, then age. A child in an emergency placement counts under their
# first choice. Written by go test ./sim -run TestRegionStock -update, which fails when a change
# to the rules leaves it stale. The region file's stock names it; each council's stock is
# apportioned to its children in care (size.children_in_care), from which these differ by under
# 1%%.
councils:
`, "South East", steadyReps, steadyYears)
	for ci, co := range reg.Councils {
		s := co.Scenario
		counts := roundStock(cells[ci])
		fmt.Fprintf(&b, "  - name: %s\n    stock:\n", co.Name)
		for k := range s.Kinds {
			n := 0
			for i, c := range cells[ci] {
				if int(c.Kind) == k {
					n += counts[i]
				}
			}
			if n == 0 {
				continue
			}
			fmt.Fprintf(&b, "      # %s: %d\n", s.Kinds[k].Name, n)
			for i, c := range cells[ci] {
				if int(c.Kind) == k && counts[i] > 0 {
					writeStockRow(&b, "      ", s.Kinds[k].Name, c, counts[i])
				}
			}
		}
	}
	return b.Bytes()
}

// roundStock rounds cells' means to whole children: their total to its nearest whole number,
// shared among the needs (UASC apart), each need's among its kinds and each of those among its
// cells, each step by the largest remainder of the means scaled to the count the step above
// gave. model.ApportionStock takes the same steps with its counts unscaled at each step, and
// rounds a few cells of the South East the other way: the file is this one's, which the
// warm-up study was run on.
func roundStock(cells []sim.StockCell) []int {
	type needKey struct {
		need model.Need
		uasc bool
	}
	out := make([]int, len(cells))
	// share apportions want among the sets of cells in sets by their means.
	share := func(sets [][]int, want int) []int {
		means := make([]float64, len(sets))
		var sum float64
		for j, set := range sets {
			for _, i := range set {
				means[j] += cells[i].Mean
			}
			sum += means[j]
		}
		got := make([]int, len(sets))
		left := want
		for j, m := range means {
			got[j] = int(math.Floor(m * float64(want) / sum))
			left -= got[j]
		}
		order := make([]int, len(sets))
		for j := range order {
			order[j] = j
		}
		frac := func(j int) float64 { q := means[j] * float64(want) / sum; return q - math.Floor(q) }
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(frac(b), frac(a)) })
		for _, j := range order[:max(left, 0)] {
			got[j]++
		}
		return got
	}
	// groups sorts the cells idx into sets of one key each, in the order first met.
	groups := func(idx []int, key func(c *sim.StockCell) any) [][]int {
		var sets [][]int
		at := map[any]int{}
		for _, i := range idx {
			k := key(&cells[i])
			j, ok := at[k]
			if !ok {
				j = len(sets)
				at[k] = j
				sets = append(sets, nil)
			}
			sets[j] = append(sets[j], i)
		}
		return sets
	}
	all := make([]int, len(cells))
	var total float64
	for i := range all {
		all[i] = i
		total += cells[i].Mean
	}
	needs := groups(all, func(c *sim.StockCell) any { return needKey{c.Need, c.UASC} })
	for j, n := range share(needs, int(math.Round(total))) {
		kinds := groups(needs[j], func(c *sim.StockCell) any { return c.Kind })
		for k, m := range share(kinds, n) {
			rows := make([][]int, len(kinds[k]))
			for x, i := range kinds[k] {
				rows[x] = []int{i}
			}
			for x, c := range share(rows, m) {
				out[kinds[k][x]] = c
			}
		}
	}
	return out
}

// TestRegionStartWaiting checks that a region's starting stock waits in emergency placements
// about as often as its steady state has children wait: in the South East with no warm-up, the
// region's children in emergency placements at the end of the first month are within 45% of
// their number after a 30-year warm-up, and after the South East's own warm-up of 3 years within
// 5% (20 replications each: about 130, 94.5 and 94). A shared market's provider takes a child of
// the stock by the age their placement began (the steady state's draw), not by their age now:
// asked by their age now, a 16-year-old placed at 14 in a home for children up to 15 found no
// place, and about 220 children waited at the end of the first month. With the shared markets
// first come first served, the first month's figure rose from about 120 to about 130, while a
// year's warm-up brings it to 96: the results a run reports, after the warm-up, are the steady
// state's.
func TestRegionStartWaiting(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the South East for 30 years; runs without -short")
	}
	const reps = 20
	waiting := func(warmup int) float64 {
		reg, err := scenarios.LoadRegion("south-east", []string{"years=1", fmt.Sprintf("warmup_years=%d", warmup)})
		if err != nil {
			t.Fatal(err)
		}
		rr, err := sim.RunRegion(reg, sim.Options{Reps: reps, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		res := rr.Total
		m := slices.Index(res.Metrics, "children_emergency")
		if m < 0 {
			t.Fatal("no children_emergency in the region's record")
		}
		row := make([]float64, len(res.Metrics))
		var sum float64
		for i := range res.Reps {
			if err := res.MonthlyRows(i, 0, 1, row); err != nil {
				t.Fatal(err)
			}
			sum += row[m]
		}
		return sum / reps
	}
	start, warmed, steady := waiting(0), waiting(3), waiting(30)
	t.Logf("children in emergency placements at the end of the first month: %.1f with no warm-up, %.1f after 3 years, %.1f after 30", start, warmed, steady)
	if start > 1.45*steady || start < 0.55*steady {
		t.Errorf("children in emergency placements at the end of the first month: %.1f with no warm-up, %.1f after 30 years: want within 45%%", start, steady)
	}
	if warmed > 1.05*steady || warmed < 0.95*steady {
		t.Errorf("children in emergency placements at the end of the first month: %.1f after the South East's warm-up of 3 years, %.1f after 30: want within 5%%", warmed, steady)
	}
}
