package ssda903

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLittleMean checks littleMean's choice: a steady band's days over its entrants, a band
// whose stock changed beyond chance over its leavers, and none from too few children.
func TestLittleMean(t *testing.T) {
	const days = 1826.0
	// 300 entrants and 290 leavers around a stock of 100: steady.
	if m, ok := littleMean(100*days, 290, 300, days); !ok || m != 100*days/300 {
		t.Errorf("steady band: mean %.1f, %v; want the days over the entrants, %.1f", m, ok, 100*days/300)
	}
	// 300 entrants and 200 leavers around a stock of 100: it grew by 100, ten times the
	// standard deviation of a steady stock's change.
	if m, ok := littleMean(100*days, 200, 300, days); !ok || m != 100*days/200 {
		t.Errorf("changing band: mean %.1f, %v; want the days over the leavers, %.1f", m, ok, 100*days/200)
	}
	if _, ok := littleMean(10*days, MinChildren-1, 30, days); ok {
		t.Errorf("a band of %d leavers took a mean stay", MinChildren-1)
	}
}

// TestLittleMeanForecast checks that the children in care a steady band's rate of entries
// and littleMean's mean stay give (entrants over the window times the mean stay) are nearer
// the truth's than with the days over the leavers: 1,000 five-year windows of a band of 60
// entries a year, Poisson, stays Weibull of shape 0.6 and mean 600 days, the window opening
// 30 years after the first entry. Over the leavers, the chance of the entrants' count and the
// leavers' add; over the entrants, the count's cancels: the root mean squared error must be
// lower by 5% (it is lower by about a tenth), and by three standard errors of the windows'
// differences of squared errors. The test also holds the bias within 2%
// (its standard error about 0.25%).
func TestLittleMeanForecast(t *testing.T) {
	const (
		perYear, meanStay, shape = 60.0, 600.0, 0.6
		windows                  = 1000
		from, to                 = 30 * 365.25, 35 * 365.25
	)
	scale := meanStay / math.Gamma(1+1/shape)
	truth := perYear / 365.25 * meanStay
	rng := rand.New(rand.NewPCG(13, 21))
	var sqNew, sqOld, sumNew, sqDiff float64
	for range windows {
		var occ, left, entered float64
		for at := rng.ExpFloat64() * 365.25 / perYear; at < to; at += rng.ExpFloat64() * 365.25 / perYear {
			end := at + scale*math.Pow(rng.ExpFloat64(), 1/shape)
			if end <= from {
				continue
			}
			occ += min(end, to) - max(at, from)
			if at >= from {
				entered++
			}
			if end <= to {
				left++
			}
		}
		rate := entered / (to - from)
		m, ok := littleMean(occ, left, entered, to-from)
		if !ok {
			t.Fatal("no mean stay from a band of 60 entries a year")
		}
		n, o := math.Pow(rate*m/truth-1, 2), math.Pow(rate*occ/left/truth-1, 2)
		sqNew += n
		sqOld += o
		sqDiff += (o - n) * (o - n)
		sumNew += rate*m/truth - 1
	}
	rmsNew, rmsOld := math.Sqrt(sqNew/windows), math.Sqrt(sqOld/windows)
	bias := sumNew / windows
	t.Logf("children in care: root mean squared error %.1f%% (over the leavers %.1f%%), mean error %+.2f%%", 100*rmsNew, 100*rmsOld, 100*bias)
	// The squared errors' difference, window by window, with its standard error.
	diff := (sqOld - sqNew) / windows
	se := math.Sqrt((sqDiff/windows - diff*diff) / (windows - 1))
	t.Logf("squared error over the leavers less over the entrants: %.2f%%² (standard error %.2f)", 1e4*diff, 1e4*se)
	if !(diff > 3*se) || rmsNew > 0.95*rmsOld {
		t.Errorf("root mean squared error %.1f%%, over the leavers %.1f%%: want it lower by 5%% and by three standard errors of the difference at least", 100*rmsNew, 100*rmsOld)
	}
	if math.Abs(bias) > 0.02 {
		t.Errorf("mean error %+.2f%%: beyond 2%%", 100*bias)
	}
}
