package sim_test

import (
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/gonum/stat"
)

var (
	warmupStudy   = flag.Bool("warmup-study", false, "run the study of the default county's warm-up: the first reported month after its warm-up, half of it and a year less against a 30-year one (under a minute)")
	warmupLengths = flag.String("warmup-lengths", "", "with -warmup-study, also log these warm-ups, in years (comma-separated)")
	warmupWrite   = flag.Bool("warmup-write", false, "with -warmup-study or -region-warmup-study, write the study's figures into testdata/warmup-NAME.txt, which TestWarmupFigures checks the scenario files and README against")
)

// TestWarmupLength is the study of how long the default county's warm-up must be for its
// first reported month to be the steady state of its rules. Its stock is that steady state by
// kind, age, need and UASC status (TestDefaultStock), each child's stay, first choice and
// placement drawn from it too (placeStock: the placement's history, the household, a local or
// distant place, an emergency placement), so what the warm-up has left to settle is what those
// draws leave out: the carers' ages, the households' mix of children, brothers and sisters.
// The steady state is taken as the first month after a 30-year warm-up; each shorter warm-up
// runs the same number of replications from another seed, and every count of 20 or more at
// the end of the first month (children by kind, age, need and first choice, young people
// staying put and in care leavers' accommodation, carer households and their places) is set
// against it.
//
// It checks that with the scenario's own warm-up no such count's mean is further than 3% from
// the steady state's beyond the 99% confidence interval of their difference (the Monte Carlo
// error of each mean over 400 replications is 0.2-0.9%; 3% is a bias a user would see in a
// first year's figures), and that half of it does not: the warm-up cannot be halved to save
// time. It logs, for each length (a year less than the scenario's too, and those of
// -warmup-lengths), each count that differs from the steady state by more than 3% and the
// largest difference. Run it with go test ./sim -run TestWarmupLength -warmup-study -v
// (under a minute on 2 cores); with -warmup-write it writes what it found into
// testdata/warmup-county.txt, the figures default.yaml's warmup_years comment and the README
// quote (TestWarmupFigures checks they agree). The figures there are from
// -warmup-lengths 0,3.
func TestWarmupLength(t *testing.T) {
	if !*warmupStudy {
		t.Skip("the warm-up study runs with -warmup-study")
	}
	const reps, tolerance = 400, 0.03
	base, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	// firstMonth returns the means of the first month's counts after w years of warm-up,
	// and their standard errors.
	firstMonth := func(w int, seed uint64) (names []string, mean, se []float64) {
		s, err := scenarios.Load("default", []string{"years=1", fmt.Sprintf("warmup_years=%d", w)})
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(s, sim.Options{Reps: reps, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		// rows[i] is replication i's first reported month.
		rows := make([][]float64, len(res.Reps))
		for i := range res.Reps {
			rows[i] = make([]float64, len(res.Metrics))
			if err := res.MonthlyRows(i, 0, 1, rows[i]); err != nil {
				t.Fatal(err)
			}
		}
		for m, n := range res.Metrics {
			if !strings.HasPrefix(n, "children_") && !strings.HasPrefix(n, "first_choice_") &&
				!strings.HasPrefix(n, "carer_households_") && !strings.HasPrefix(n, "places_") &&
				n != sim.StayingPut && n != sim.CareLeavers {
				continue
			}
			col := make([]float64, len(res.Reps))
			for i, row := range rows {
				col[i] = row[m]
			}
			mu, v := stat.MeanVariance(col, nil)
			names, mean, se = append(names, n), append(mean, mu), append(se, math.Sqrt(v/reps))
		}
		return names, mean, se
	}
	compareWarmups(t, "scenario", "default", reps, base.WarmupYears, *warmupLengths, "-warmup-lengths", tolerance, firstMonth)
}

// compareWarmups is the verdict of a warm-up study of whose ("scenario" or "region") warm-up
// of warmup years, of the scenario or region name, over reps replications: firstMonth(w, seed)
// gives the names, means and standard errors of the first reported month's counts after a
// warm-up of w years. Each count of 20 or more after half the warm-up, a year less and the
// whole of it (and the extra lengths, comma-separated, named by the flag lengthsFlag) is set
// against a 30-year warm-up's; it fails when the whole warm-up leaves a count further than
// tolerance from the steady state beyond the 99% confidence interval of their difference, or
// when half of it leaves none. With -warmup-write it writes what it found into
// testdata/warmup-NAME.txt (warmupFigures).
func compareWarmups(t *testing.T, whose, name string, reps, warmup int, extra, lengthsFlag string, tolerance float64,
	firstMonth func(w int, seed uint64) (names []string, mean, se []float64)) {
	t.Helper()
	names, steady, steadySE := firstMonth(30, 99)
	st := &warmupFigures{Name: name, Warmup: warmup, Replications: reps, Tolerance: tolerance}
	for _, x := range steady {
		if x >= 20 {
			st.Counts++
		}
	}
	// off returns what a warm-up of w years leaves: the counts of 20 or more that differ from
	// the steady state by more than the tolerance, beyond the 99% confidence interval of the
	// difference, and the largest difference with its count's name.
	off := func(w int) warmupLength {
		got, mean, se := firstMonth(w, 7)
		if len(got) != len(names) {
			t.Fatalf("warm-up of %d years: %d counts, the steady state's %d", w, len(got), len(names))
		}
		l := warmupLength{Years: w}
		for i, name := range got {
			if name != names[i] {
				t.Fatalf("warm-up of %d years: count %d is %s, not %s", w, i, name, names[i])
			}
			if steady[i] < 20 {
				continue
			}
			d := (mean[i] - steady[i]) / steady[i]
			detail := fmt.Sprintf("%.1f (±%.1f), steady state %.1f", mean[i], se[i], steady[i])
			if math.Abs(mean[i]-steady[i])-tolerance*steady[i] > 2.576*math.Hypot(se[i], steadySE[i]) {
				l.Off = append(l.Off, name+"\t"+pct(d)+"\t"+detail)
				t.Logf("warm-up of %2d years: %s %s (%s)", w, name, detail, pct(d))
			}
			if math.Abs(d) > math.Abs(l.Largest) {
				l.Largest, l.Worst, l.WorstDetail = d, name, detail
			}
		}
		return l
	}
	lengths := []int{warmup / 2, warmup - 1, warmup}
	if extra != "" {
		for f := range strings.SplitSeq(extra, ",") {
			w, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				t.Fatalf("%s: %v", lengthsFlag, err)
			}
			lengths = append(lengths, w)
		}
	}
	for i, w := range lengths {
		if slices.Contains(lengths[:i], w) {
			continue // a length already run (half of 2 is 1 less), the same replications again
		}
		l := off(w)
		n := len(l.Off)
		st.Lengths = append(st.Lengths, l)
		t.Logf("warm-up of %2d years: %d counts more than %.0f%% from the steady state (beyond the 99%% interval); the largest difference %s: %s %s", w, n, 100*tolerance, pct(l.Largest), l.Worst, l.WorstDetail)
		switch {
		case w == warmup && n > 0:
			t.Errorf("the %s's warm-up of %d years: %d counts more than %.0f%% from the steady state (the largest %s: %s)", whose, w, n, 100*tolerance, pct(l.Largest), l.Worst)
		case w == warmup/2 && n == 0:
			t.Errorf("a warm-up of %d years, half the %s's, is within %.0f%% of the steady state: the %s's could be shorter", w, whose, 100*tolerance, whose)
		}
	}
	st.sortLengths()
	t.Log(st.sentence(warmup))
	if !*warmupWrite {
		return
	}
	path := warmupFile(name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	how := "go test ./sim -run TestWarmupLength -warmup-study -warmup-write"
	if whose == "region" {
		how = "go test ./sim -run TestRegionWarmupLength -region-warmup-study -region-warmup-region " + name + " -warmup-write"
	}
	if extra != "" {
		how += " " + lengthsFlag + " " + extra
	}
	if err := st.write(f, how); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
