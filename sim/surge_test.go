package sim_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/sim"
)

// repMonths returns each replication's value of metric in each reported month.
func repMonths(t *testing.T, res *sim.Results, metric string) [][]float64 {
	t.Helper()
	col := slices.Index(res.Metrics, metric)
	if col < 0 {
		t.Fatalf("no metric %s", metric)
	}
	row := make([]float64, len(res.Metrics))
	out := make([][]float64, len(res.Reps))
	for i := range out {
		out[i] = make([]float64, len(res.Months))
		for m := range res.Months {
			if err := res.MonthlyRows(i, m, m+1, row); err != nil {
				t.Fatal(err)
			}
			out[i][m] = row[col]
		}
	}
	return out
}

// TestUASCSurgePairs runs default and uasc-surge (UASC arrivals doubled from April 2026 to
// April 2028) with the same seed. Once the surge ends the baseline's UASC arrive on the same
// days and are the same children, so the comparison of the later years is the surge's doing,
// not noise. Checked exactly, pair by pair and month by month after the surge: every UASC who
// arrives is taken into care or transferred under the National Transfer Scheme, so entries
// plus transfers are the baseline's (the UASC the surge brought still being in care can make
// one transferred who was not in the baseline). With no threshold (transfer_threshold_share 0)
// every UASC is taken into care, and then the UASC in care differ from the baseline's only by
// the surge's children still there: never fewer, never more than the month before (none
// arrive after the surge, and the baseline's stay as long in both), and none once every one
// of them has turned 18 (the surge's youngest arrive at 10, by April 2028, so by April 2036:
// the test runs a year beyond the library's 10).
func TestUASCSurgePairs(t *testing.T) {
	const reps = 8
	end := time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC)
	gone := time.Date(2036, 4, 1, 0, 0, 0, 0, time.UTC)
	t.Run("entries", func(t *testing.T) {
		_, b := loadRun(t, "default", reps)
		_, a := loadRun(t, "uasc-surge", reps)
		be, ae := repMonths(t, b, sim.Entries), repMonths(t, a, sim.Entries)
		bt, at := repMonths(t, b, sim.UASCTransferred), repMonths(t, a, sim.UASCTransferred)
		for i := range reps {
			for m, start := range b.Months {
				if !start.Before(end) && be[i][m]+bt[i][m] != ae[i][m]+at[i][m] {
					t.Errorf("replication %d, %s: %v entries and %v transferred, want the baseline's %v and %v between them", i, start.Format("2006-01"), ae[i][m], at[i][m], be[i][m], bt[i][m])
				}
			}
		}
	})
	t.Run("uasc in care", func(t *testing.T) {
		sets := []string{"uasc.transfer_threshold_share=0", "years=11"}
		_, b := loadRun(t, "default", reps, sets...)
		_, a := loadRun(t, "uasc-surge", reps, sets...)
		bu, au := repMonths(t, b, sim.UASCInCare), repMonths(t, a, sim.UASCInCare)
		for i := range reps {
			last := math.Inf(1)
			for m, start := range b.Months {
				if start.Before(end) {
					continue
				}
				d := au[i][m] - bu[i][m]
				switch {
				case d < 0 || d > last:
					t.Errorf("replication %d, %s: %v UASC in care, the baseline's %v: %v of the surge's still there, want between 0 and the month before's %v", i, start.Format("2006-01"), au[i][m], bu[i][m], d, last)
				case !start.Before(gone) && d != 0:
					t.Errorf("replication %d, %s: %v UASC in care, want the baseline's %v once the surge's children are all 18", i, start.Format("2006-01"), au[i][m], bu[i][m])
				}
				last = d
			}
		}
	})
}

// TestUASCSurgeBelowOne halves UASC arrivals for a year: each UASC who would arrive is kept
// with probability 0.5, so with no transfer threshold the UASC in care are some of the
// baseline's, never more in any pair and month, and half the UASC arrive over the year; after
// it entries are the baseline's again, pair by pair.
func TestUASCSurgeBelowOne(t *testing.T) {
	const reps = 20
	from, to := time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC)
	sets := []string{"uasc.transfer_threshold_share=0", "years=4", "warmup_years=0"}
	_, b := loadRun(t, "default", reps, sets...)
	_, a := loadRun(t, "default", reps, append(sets, "interventions=[{action: uasc_surge, from: 2027-04-01, to: 2028-04-01, factor: 0.5}]")...)
	bu, au := repMonths(t, b, sim.UASCInCare), repMonths(t, a, sim.UASCInCare)
	be, ae := repMonths(t, b, sim.Entries), repMonths(t, a, sim.Entries)
	var base, alt float64
	for i := range reps {
		for m, start := range b.Months {
			if au[i][m] > bu[i][m] {
				t.Errorf("replication %d, %s: %v UASC in care, more than the baseline's %v", i, start.Format("2006-01"), au[i][m], bu[i][m])
			}
			switch {
			case start.Before(from):
			case start.Before(to):
				base += be[i][m]
				alt += ae[i][m]
			case be[i][m] != ae[i][m]:
				t.Errorf("replication %d, %s: %v entries, want the baseline's %v after the surge", i, start.Format("2006-01"), ae[i][m], be[i][m])
			}
		}
	}
	// Entries over the year are the baseline's children who are not UASC (the same in both)
	// and the UASC kept: the UASC left out are a Poisson process at half default's 55 a year,
	// so their count over the replications is Poisson of mean 55 × reps / 2, and the test
	// allows 4 standard deviations.
	want := 55.0 * reps / 2
	if got, sd := base-alt, math.Sqrt(want); math.Abs(got-want) > 4*sd {
		t.Errorf("%v fewer entries over the year, want %v ± %.0f", got, want, 4*sd)
	}
}

// TestTransferAboveThreshold checks that UASC are transferred under the National Transfer
// Scheme only once the council looks after more than the threshold, as the scheme lets a
// council above it refer: with a threshold of 0.1% of 5,000 children, 5 UASC, no other
// children and 200 UASC arriving a year, each staying about a year, the UASC in care climb to
// 6 (the 6th arriving while the council looks after 5, at the threshold, not above it) and
// never beyond (the 7th arrives above it and is transferred). Counted at each month's end, with
// about 17 arrivals a month and stays of a year, nearly every month ends at 6: the test asks
// for the largest count over the replications to be exactly 6.
func TestTransferAboveThreshold(t *testing.T) {
	_, res := loadRun(t, "default", 4, "warmup_years=0", "years=2", "stock=[]", "entries.per_year=0",
		"uasc.per_year=200", "child_population=5000", "uasc.transfer_threshold_share=0.001")
	most := 0.0
	for _, rep := range repMonths(t, res, sim.UASCInCare) {
		most = max(most, slices.Max(rep))
	}
	if most != 6 {
		t.Errorf("at most %v UASC in care at a month's end, want 6: one above the threshold of 5", most)
	}
	var transferred float64
	for _, v := range monthlySums(t, res, sim.UASCTransferred) {
		transferred += v
	}
	if transferred == 0 {
		t.Error("no UASC transferred")
	}
}
