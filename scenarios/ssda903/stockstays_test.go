package ssda903

import (
	"math"
	"testing"
)

// TestStockStaysFirstMonths checks that the children in care at a calibrated scenario's start
// leave as the return's own Kaplan-Meier curve of remaining time says they do, in the first
// month and up to a year: the table of whole stays is drawn from as the simulator draws a
// starting stock's remaining times (residualSurvival), and compared with the curve at 30 days
// and at its last point up to a year, by stock group and over all groups weighted by their
// children, on returns of a small council and of one with long stays (calibrated on five
// years, as a backtest does). The first months' rate of leaving of children taken on a day
// is often below the later months' (babies placed for adoption), which no remaining time the
// simulator draws can show: the table's fit once traded those months away, and its stock left
// two to five times as fast in its first month as the curve says for children under one and
// aged 10-15.
func TestStockStaysFirstMonths(t *testing.T) {
	t.Parallel() // one core: its returns are calibrated one at a time
	base := baseScenario(t)
	for _, st := range studyTruths(true) {
		if st.name != "60 a year" && st.name != "120 a year, long stays" {
			continue
		}
		t.Run(st.name, func(t *testing.T) {
			gs := groups()
			type sums struct{ n, km30, tab30, kmYear, tabYear float64 }
			by := make([]sums, len(gs)+1)
			for i := range 8 {
				tr := st.truth
				_, cal := calibrated(t, base, tr, uint64(101+i), backtestStart(tr))
				for gi, est := range cal.Estimates.StockStays {
					if est.Fallback || len(est.Survival) == 0 || est.Survival[0].Days != 30 {
						continue
					}
					year := est.Survival[0]
					for _, sp := range est.Survival {
						if sp.Days <= 365 {
							year = sp
						}
					}
					n := float64(est.Children)
					for _, s := range []*sums{&by[gi], &by[len(gs)]} {
						s.n += n
						s.km30 += n * (1 - est.Survival[0].Share)
						s.tab30 += n * (1 - residualSurvival(est.Table, 30))
						s.kmYear += n * (1 - year.Share)
						s.tabYear += n * (1 - residualSurvival(est.Table, year.Days))
					}
				}
			}
			for gi, s := range by {
				if s.n == 0 {
					continue
				}
				name := "all children"
				if gi < len(gs) {
					name = gs[gi].String()
				}
				km30, tab30, kmYear, tabYear := s.km30/s.n, s.tab30/s.n, s.kmYear/s.n, s.tabYear/s.n
				t.Logf("%-22s leaving in the first month: table %4.1f%%, Kaplan-Meier %4.1f%%; up to a year: %4.1f%%, %4.1f%%", name, 100*tab30, 100*km30, 100*tabYear, 100*kmYear)
				// Within 2.5 points in the first month for every group, and 20% of the curve's
				// share over all of them; within 2.5 points up to a year, and a point over all.
				// What is left is the simulator's: a remaining time whose rate of leaving rises
				// in its first months is drawn at the months' average rate.
				if math.Abs(tab30-km30) > 0.025 || gi == len(gs) && math.Abs(tab30/km30-1) > 0.2 {
					t.Errorf("%s: %.1f%% leave in the first month, the return's curve says %.1f%%", name, 100*tab30, 100*km30)
				}
				if d := math.Abs(tabYear - kmYear); d > 0.025 || gi == len(gs) && d > 0.01 {
					t.Errorf("%s: %.1f%% leave up to a year, the return's curve says %.1f%%", name, 100*tabYear, 100*kmYear)
				}
			}
		})
	}
}
