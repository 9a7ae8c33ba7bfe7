package sim_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// The default county's stock is the steady state of its own rules (sim.SteadyStock) after
// steadyYears, by single years of age: with -update, TestDefaultStock writes it into
// scenarios/default.yaml from steadyReps replications.
const steadyYears, steadyReps, steadySeed = 30, 400, 1

// yearBands are the ages 0 to 17 one year each: within a wider band the steady state's ages
// are not uniform (more 15-year-olds in care than 10-year-olds), and a stock spread evenly over
// the band would take years to age into the steady state's.
var yearBands = func() []model.AgeRange {
	b := make([]model.AgeRange, 18)
	for a := range b {
		b[a] = model.AgeRange{FromYears: a, ToYears: a}
	}
	return b
}()

// TestDefaultStock checks that the default county's stock (scenarios/default.yaml) is the
// steady state of its rules, so that its short warm-up is enough (TestWarmupLength): it runs
// the rules for steadyYears from that stock again, over 100 replications from another seed,
// and fails when a cell of the file (children of one kind, age band, need and UASC status) is
// further from the fresh mean than the rounding to whole children (0.5), 3% of the mean (what
// TestWarmupLength tolerates in the first month) and the 99% confidence interval of the
// difference between the two means (their Monte Carlo error over 100 and 400 replications). A
// change to the rules that moves their steady state fails here until the stock is written
// again with go test ./sim -run TestDefaultStock -update.
func TestDefaultStock(t *testing.T) {
	path := filepath.Join("..", "scenarios", "default.yaml")
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		st, err := sim.SteadyStock(s, steadyYears, steadyReps, steadySeed, yearBands)
		if err != nil {
			t.Fatal(err)
		}
		old, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text, err := replaceStock(old, stockRows(s, st.Cells))
		if err == nil {
			text, err = replaceLeaverStock(text, int(math.Round(st.CareLeavers)))
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
		// The built-in scenarios are compiled in: the check runs on the next build.
		t.Skip("wrote the stock of scenarios/default.yaml: run the test again to check it")
	}
	if testing.Short() {
		t.Skip("runs the default county for 30 years; runs without -short")
	}
	const reps = 100
	st, err := sim.SteadyStock(s, steadyYears, reps, 2, yearBands)
	if err != nil {
		t.Fatal(err)
	}
	cells := st.Cells
	// The written mean's standard error is about half the fresh one's (400 replications
	// against 100).
	widen := math.Sqrt(1 + float64(reps)/steadyReps)
	if got, m := float64(s.CareLeavers.Stock), st.CareLeavers; math.Abs(got-m) > 0.5+0.03*m+2.576*st.CareLeaversSE*widen {
		t.Errorf("care_leavers.stock: %v in default.yaml, the rules' steady state %.1f (±%.1f): run go test ./sim -run TestDefaultStock -update",
			got, m, st.CareLeaversSE)
	}
	type key struct {
		kind model.KindID
		ages model.AgeRange
		need model.Need
		uasc bool
	}
	file := map[key]int{}
	for i, g := range s.Stock {
		need := -1
		for n, v := range g.NeedShares {
			if v == 1 {
				need = n
			}
		}
		if need < 0 {
			t.Fatalf("default.yaml: stock[%d] has a mix of needs: the stock is not the one -update writes", i)
		}
		file[key{g.Kind, g.Ages, model.Need(need), g.UASC}] += g.Count
	}
	var total, fileTotal float64
	for _, c := range cells {
		k := key{c.Kind, c.Ages, c.Need, c.UASC}
		got := float64(file[k])
		delete(file, k)
		total, fileTotal = total+c.Mean, fileTotal+got
		ci := 2.576 * c.SE * widen
		if math.Abs(got-c.Mean) > 0.5+0.03*c.Mean+ci {
			t.Errorf("stock of %s aged %s, %s needs (UASC %v): %v in default.yaml, the rules' steady state %.1f (±%.1f): run go test ./sim -run TestDefaultStock -update",
				s.Kinds[c.Kind].Name, c.Ages, c.Need, c.UASC, got, c.Mean, c.SE)
		}
	}
	for k, n := range file {
		t.Errorf("stock of %s aged %s, %s needs (UASC %v): %d in default.yaml, none in the rules' steady state", s.Kinds[k.kind].Name, k.ages, k.need, k.uasc, n)
	}
	t.Logf("children in care: %.0f in default.yaml, %.1f in the rules' steady state", fileTotal, total)
}

// stockRows returns the YAML list of a stock made of cells, under a comment with each kind's
// count. Each kind's cells are rounded to whole children by the largest remainder method, so
// that the kind's count is its mean rounded (rounding each cell alone would leave out the many
// cells of under half a child); a cell that rounds to none is left out.
func stockRows(s *model.Scenario, cells []sim.StockCell) []byte {
	var b bytes.Buffer
	for k := range s.Kinds {
		var of []sim.StockCell
		var sum float64
		for _, c := range cells {
			if int(c.Kind) == k {
				of = append(of, c)
				sum += c.Mean
			}
		}
		counts := make([]int, len(of))
		left := int(math.Round(sum))
		for i, c := range of {
			counts[i] = int(c.Mean)
			left -= counts[i]
		}
		order := make([]int, len(of))
		for i := range order {
			order[i] = i
		}
		frac := func(i int) float64 { return of[i].Mean - math.Floor(of[i].Mean) }
		sort.SliceStable(order, func(i, j int) bool { return frac(order[i]) > frac(order[j]) })
		for _, i := range order[:max(left, 0)] {
			counts[i]++
		}
		if left <= 0 && sum < 0.5 {
			continue
		}
		fmt.Fprintf(&b, "  # %s: %.0f\n", s.Kinds[k].Name, math.Round(sum))
		for i, c := range of {
			if counts[i] > 0 {
				writeStockRow(&b, "  ", s.Kinds[k].Name, c, counts[i])
			}
		}
	}
	return b.Bytes()
}

// writeStockRow writes on b, after indent, the stock group of count children of cell c placed
// in kind, as a line of a stock list.
func writeStockRow(b *bytes.Buffer, indent, kind string, c sim.StockCell, count int) {
	fmt.Fprintf(b, "%s- {kind: %s, ages: %s, count: %d, needs: {%s: 1}, male_share: %s",
		indent, kind, c.Ages, count, c.Need, strconv.FormatFloat(math.Round(100*c.MaleShare)/100, 'f', -1, 64))
	if c.UASC {
		b.WriteString(", uasc: true")
	}
	b.WriteString("}\n")
}

// replaceLeaverStock returns text with the count of its care_leavers block's "stock:" line
// replaced by n, the rest of the line kept.
func replaceLeaverStock(text []byte, n int) ([]byte, error) {
	block := bytes.Index(text, []byte("\ncare_leavers:\n"))
	if block < 0 {
		return nil, fmt.Errorf("default.yaml: no care_leavers: line")
	}
	end := bytes.Index(text[block+1:], []byte("\n\n"))
	if end < 0 {
		return nil, fmt.Errorf("default.yaml: no blank line after care_leavers")
	}
	end += block + 1
	at := bytes.Index(text[block:end], []byte("\n  stock: "))
	if at < 0 {
		return nil, fmt.Errorf("default.yaml: no stock: line in care_leavers")
	}
	at += block + len("\n  stock: ")
	digits := at
	for digits < end && text[digits] >= '0' && text[digits] <= '9' {
		digits++
	}
	return append(append(append([]byte{}, text[:at]...), strconv.Itoa(n)...), text[digits:]...), nil
}

// replaceStock returns text with the lines after its "stock:" line, up to the first blank
// line, replaced by rows.
func replaceStock(text, rows []byte) ([]byte, error) {
	start := bytes.Index(text, []byte("\nstock:\n"))
	if start < 0 {
		return nil, fmt.Errorf("default.yaml: no stock: line")
	}
	start += len("\nstock:\n")
	end := bytes.Index(text[start:], []byte("\n\n"))
	if end < 0 {
		return nil, fmt.Errorf("default.yaml: no blank line after the stock")
	}
	end += start + 1
	return append(append(append([]byte{}, text[:start]...), rows...), text[end:]...), nil
}
