package ssda903

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestResamples checks the scenarios calibrated on bootstrap resamples: each starts from the
// return's own children in care (none merged) and commissioned places, sizes the council's own
// carers from its own counts, draws an entry rate of its own, the same seed gives the same
// scenarios and another seed others. Ten resamples show each of these (scenario i depends only
// on the seed and i); how their entry rates spread, which takes a hundred, is
// TestResampledEntryRates's (make test-long).
func TestResamples(t *testing.T) {
	ret, cal := calibratedTypical(t)
	at := time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)
	report := *ret.Quality
	opt := ScenarioOptions{Name: "resampled"}
	orig, _ := cal.Scenario(opt)
	// The resamples start from the children in care as the return holds them, none merged:
	// they are simulated, never written.
	exact, _ := cal.Scenario(ScenarioOptions{Name: opt.Name, exactStock: true})
	total := func(s *model.Scenario) (n int) {
		for _, g := range s.Stock {
			n += g.Count
		}
		return n
	}
	if total(exact) != total(orig) {
		t.Errorf("the return's stock holds %d children unmerged, %d merged", total(exact), total(orig))
	}
	const n = 10
	scs, err := cal.Resamples(n, 7, 2, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != n {
		t.Fatalf("%d scenarios, want %d", len(scs), n)
	}
	if !reflect.DeepEqual(*ret.Quality, report) {
		t.Error("calibrating the resamples changed the return's data-quality report")
	}
	differ := 0
	households := map[string][]float64{}
	for i, s := range scs {
		if p := s.Validate(); len(p) > 0 {
			t.Fatalf("resample %d: the scenario does not validate: %v", i, p)
		}
		if !reflect.DeepEqual(s.Stock, exact.Stock) {
			t.Errorf("resample %d starts from other children than the return's on %s", i, at.Format(time.DateOnly))
		}
		for k := range s.Kinds {
			a, b := s.Kinds[k], orig.Kinds[k]
			if a.CapacityPlaces != b.CapacityPlaces {
				t.Errorf("resample %d: kind %s commissions %d places, the calibrated scenario %d", i, a.Name, a.CapacityPlaces, b.CapacityPlaces)
			}
			if a.Carers != nil && b.Carers != nil {
				households[a.Name] = append(households[a.Name], float64(a.Carers.Households))
			}
		}
		if !s.Start.Equal(orig.Start) {
			t.Errorf("resample %d starts on %v, not %v", i, s.Start, orig.Start)
		}
		if s.Entries.PerYear != orig.Entries.PerYear {
			differ++
		}
	}
	if differ < n/2 {
		t.Errorf("only %d of %d resamples have an entry rate of their own", differ, n)
	}
	// The council's own carers, a pool filled first, are the return's usual month in every
	// resample, as the calibrated scenario sizes them from the stock the resamples start from
	// (unmerged: the room for the young people staying put with them follows its 17-year-olds):
	// the return holds the pool's size, not an estimate of it.
	for k, kd := range exact.Kinds {
		if kd.Carers == nil || kd.Name != "inhouse_foster" {
			continue
		}
		for i, h := range households[kd.Name] {
			if h != float64(kd.Carers.Households) {
				t.Errorf("resample %d: kinds[%d] %s has %.0f households, the calibrated scenario of the unmerged stock %d", i, k, kd.Name, h, kd.Carers.Households)
				break
			}
		}
		if len(households[kd.Name]) != n {
			t.Errorf("kinds[%d] %s: %d resamples with carers, want %d", k, kd.Name, len(households[kd.Name]), n)
		}
	}
	again, err := cal.Resamples(3, 7, 1, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if !reflect.DeepEqual(again[i], scs[i]) {
			t.Errorf("resample %d differs between two calls with the same seed, calibrated one at a time and two side by side", i)
		}
	}
	other, err := cal.Resamples(3, 8, 2, opt)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(other[0].Entries, scs[0].Entries) && reflect.DeepEqual(other[0].Stays, scs[0].Stays) {
		t.Error("another seed gives the same first resample")
	}
	if _, err := cal.Resamples(-1, 7, 1, opt); err == nil {
		t.Error("-1 resamples did not fail")
	}
}

// TestResampledEntryRates checks that the entry rates of 100 resamples spread as the
// calibrated rate's interval says, and centre on it. Without a trend the rate is the last 12
// months' count, whose resampled count is Poisson around it, as the interval assumes: the
// spread of the resampled rates is the interval's standard error. Over 100 resamples a
// standard deviation has a relative standard error of 1/sqrt(2*99), about 7%: 25% is three and
// a half of them. The hundred resamples take seconds of CPU: make test leaves it to make
// test-long.
func TestResampledEntryRates(t *testing.T) {
	_, cal := calibratedTypical(t)
	const n = 100
	scs, err := cal.Resamples(n, 7, 2, ScenarioOptions{Name: "resampled"})
	if err != nil {
		t.Fatal(err)
	}
	var sum, sum2 float64
	for _, s := range scs {
		v := s.Entries.PerYear
		sum += v
		sum2 += v * v
	}
	mean := sum / n
	sd := math.Sqrt((sum2 - n*mean*mean) / (n - 1))
	e := cal.Estimates.Entries.PerYear
	se := (e.High - e.Low) / (2 * z90)
	t.Logf("the resampled entry rates average %.1f a year and spread by %.1f; the calibrated rate %.1f has a standard error of %.1f", mean, sd, e.Value, se)
	if math.Abs(sd/se-1) > 0.25 {
		t.Errorf("the resampled entry rates spread by %.1f a year; the calibrated rate %.1f (90%%: %.1f-%.1f) has a standard error of %.1f", sd, e.Value, e.Low, e.High, se)
	}
	if math.Abs(mean-e.Value) > 3.29*se/math.Sqrt(n)+0.1 {
		t.Errorf("the resampled entry rates average %.1f a year, the calibrated rate is %.1f", mean, e.Value)
	}
}

// calibratedTypical reads the typical council's return of seed 3 and calibrates it without a
// trend up to April 2023, the calibration TestResamples and TestResampledEntryRates resample.
func calibratedTypical(t *testing.T) (*Return, *Calibration) {
	t.Helper()
	ret, err := Read(generate(typical(), 3).files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Calibrate(ret, Options{To: time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), Base: baseScenario(t), NoTrend: true})
	if err != nil {
		t.Fatal(err)
	}
	return ret, cal
}

// TestPoisson1 checks the draws of a Poisson distribution of mean 1: their mean and variance
// are 1, each within four standard errors over 100,000 draws (the fourth central moment of a
// Poisson of mean 1 is 4, so the variance's standard error is sqrt(3/n)).
func TestPoisson1(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 100_000
	var sum, sum2 float64
	for range n {
		k := float64(poisson1(rng))
		sum += k
		sum2 += k * k
	}
	mean := sum / n
	v := sum2/n - mean*mean
	if math.Abs(mean-1) > 4/math.Sqrt(n) {
		t.Errorf("mean %.4f, want 1", mean)
	}
	if math.Abs(v-1) > 4*math.Sqrt(3.0/n) {
		t.Errorf("variance %.4f, want 1", v)
	}
}

// BenchmarkResamples100County350 calibrates the 100 resamples of a backtest's default, one
// at a time, on a return of eight years of a council with 350 entries a year, calibrated on
// its first five.
func BenchmarkResamples100County350(b *testing.B) {
	tr := typical()
	tr.fromYear, tr.perYear = 2016, 350
	ret, err := Read(generate(tr, 5).files(), ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	cal, err := Calibrate(ret, Options{To: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC), Base: baseScenario(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cal.Resamples(100, 1, 1, ScenarioOptions{Name: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResampledTrends checks the trends of entries the resamples carry: draws of the trend's
// posterior, a prior of no change trendPriorSD wide and the return's fit. For a small council,
// whose fit is wider than the prior, they centre between none and the fitted trend, at the
// posterior's mean, and spread as its standard deviation does, narrower than the fit's
// standard error; for a council whose trend is clear they centre on the trend the calibrated
// scenario carries. Its 120 resamples take seconds of CPU: make test leaves it to make
// test-long.
func TestResampledTrends(t *testing.T) {
	base := baseScenario(t)
	for _, c := range []struct {
		name    string
		perYear float64
		trend   float64
	}{{"a small council", 60, 0.05}, {"a large council with a clear trend", 350, 0.10}} {
		t.Run(c.name, func(t *testing.T) {
			tr := typical()
			tr.perYear, tr.uascPerYear, tr.trend = c.perYear, c.perYear/15, c.trend
			ret, err := Read(generate(tr, 11).files(), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			cal, err := Calibrate(ret, Options{To: time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), Base: base})
			if err != nil {
				t.Fatal(err)
			}
			e := cal.Estimates.Entries
			b := math.Log1p(e.Trend.Value)
			se := (math.Log1p(e.Trend.High) - math.Log1p(e.Trend.Low)) / (2 * z90)
			const n = 60
			scs, err := cal.Resamples(n, 5, 2, ScenarioOptions{Name: "trend"})
			if err != nil {
				t.Fatal(err)
			}
			var sum, sum2 float64
			for _, s := range scs {
				v := math.Log1p(s.Entries.TrendPerYear)
				sum += v
				sum2 += v * v
			}
			mean := sum / n
			sd := math.Sqrt((sum2 - n*mean*mean) / (n - 1))
			tau2 := max(trendPriorSD*trendPriorSD, b*b-se*se)
			k := tau2 / (tau2 + se*se)
			if want := k * b; math.Abs(mean-want) > 3.29*math.Sqrt(k)*se/math.Sqrt(n)+0.005 {
				t.Errorf("the resamples' log-trends average %.4f a year; the posterior's mean is %.4f (the return's fit %.4f, standard error %.4f)", mean, want, b, se)
			}
			if want := math.Sqrt(k) * se; math.Abs(sd/want-1) > 0.35 {
				t.Errorf("the resamples' log-trends spread by %.4f a year; the posterior's standard deviation is %.4f", sd, want)
			}
			t.Logf("fitted %.4f (standard error %.4f), posterior %.4f (%.4f), resamples %.4f (%.4f)", b, se, k*b, math.Sqrt(k)*se, mean, sd)
			switch {
			case c.perYear > 100 && !e.TrendUsed:
				t.Fatalf("the return's trend of %.4f (standard error %.4f) is not carried: not the case this checks", b, se)
			case e.TrendUsed:
				if carried := math.Log1p(e.TrendCarried); math.Abs(k*b-carried) > 0.2*se {
					t.Errorf("the resamples centre on %.4f a year, the calibrated scenario carries %.4f", k*b, carried)
				}
			case k > 0.7:
				t.Fatalf("the fit's standard error %.4f is narrow beside the prior's: not the small council this checks", se)
			}
		})
	}
}

// TestResampleStockAges checks that the resamples start from the children in care with their
// ages as the return holds them, to the year: the simulation draws a child's age evenly within
// their stock cell, and an 18th birthday ends their care. Drawn evenly over 16-17, half the
// young people in supported accommodation reached 18 in the backtest's first year, where the
// return's, most of whom came into care at 16-17 and stay a few months, are mostly 17: on 40
// returns of the coverage study's council of 350 entries a year, those in supported
// accommodation at the start were 12.1% ± 3.7 too many in care through the first year, and 18.7%
// ± 3.7 in its council of 120 a year with long stays (-0.4% ± 2.9 and 4.3% ± 2.7 by single year
// of age). Here, for each kind, the 18th birthdays the scenario's stock cells give in the first
// year (every child of a cell of one year of age, its share of a wider cell) are the return's
// own children in that kind whose 18th birthday falls in the year: exactly, up to the
// floating-point sum (tolerance 1e-9 of a child). The written scenario's stock, whose cells
// merge small groups (TestStockEighteenths), gives the count logged beside it.
func TestResampleStockAges(t *testing.T) {
	ret, err := Read(generate(typical(), 3).files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)
	cal, err := Calibrate(ret, Options{To: at, Base: baseScenario(t)})
	if err != nil {
		t.Fatal(err)
	}
	exact, _ := cal.Scenario(ScenarioOptions{Name: "exact", exactStock: true})
	written, _ := cal.Scenario(ScenarioOptions{Name: "written"})
	// eighteen returns each kind's children of s's stock expected to reach 18 in the first
	// year, their ages drawn evenly within their cells (not UASC: their stock cells merge
	// kinds).
	eighteen := func(s *model.Scenario) map[string]float64 {
		out := map[string]float64{}
		for _, g := range s.Stock {
			if g.UASC {
				continue
			}
			lo, hi := float64(g.Ages.FromYears), float64(g.Ages.ToYears+1)
			out[s.Kinds[g.Kind].Name] += float64(g.Count) * max(0, min(1, (hi-17)/(hi-lo)))
		}
		return out
	}
	got, wide := eighteen(exact), eighteen(written)
	to := dayOf(at)
	want := map[string]float64{}
	for i := range ret.periods {
		p := &ret.periods[i]
		if p.uasc || p.start >= to || !p.inCareOn(to) || ageYears(p.dob, to) > 17 {
			continue
		}
		if p.dob.addYears(18) < to.addYears(1) {
			want[cal.placementOn(p, to-1).String()]++
		}
	}
	for k, w := range want {
		t.Logf("%s: %.0f of the return's children in care reach 18 in the first year; the resamples' stock %.1f, the written scenario's %.1f", k, w, got[k], wide[k])
		if math.Abs(got[k]-w) > 1e-9 {
			t.Errorf("%s: the resamples' stock reaches 18 %.2f times in the first year, the return's children %.0f", k, got[k], w)
		}
	}
}

// TestResampleEntryLevel checks a resample's entry rate on the start date when its trend is
// drawn from a posterior that the prior of no change takes towards none: the level is where
// the window's own fit puts its end, not where the window's middle and the shrunk trend do.
// Monthly counts that follow a rise of 5% a year exactly, 60 a year at the window's end, with
// half the trend drawn: the rate on the start date is 60 a year to within 0.1% (the fit of
// counts without noise recovers it to the iteration's tolerance). Refitted with the drawn
// trend, it came out 5.7% short (56.6 a year: the window's middle 2.5 years back, half of 5% a year lost
// over them); in the coverage study, from the prior's shrinkage in councils of 60 and 120
// entries a year, 2-4% too few entries in the first year.
func TestResampleEntryLevel(t *testing.T) {
	const perYear, rise, years = 60.0, 0.05, 5
	b := math.Log1p(rise)
	var y, expo, tYears []float64
	var month []int
	for m := range 12 * years {
		days := model.DaysPerYear / 12
		mid := (float64(m) + 0.5 - 12*years) / 12
		y = append(y, perYear/model.DaysPerYear*days*math.Exp(b*mid))
		expo = append(expo, days)
		tYears = append(tYears, mid)
		month = append(month, m%12)
	}
	const k = 0.5
	c := &Calibration{trendDraw: &trendDraw{Fitted: b, Center: k * b, Scale: math.Sqrt(k)}}
	e := &EntryEstimate{Count: int(perYear * years)}
	c.fitEntryRate(e, y, expo, tYears, month, true, nil)
	if e.SeasonalityUsed {
		t.Fatal("counts without seasonality fitted as seasonal")
	}
	if math.Abs(e.TrendCarried-(math.Exp(k*b)-1)) > 1e-3 {
		t.Errorf("trend carried %.4f, want the draw's %.4f", e.TrendCarried, math.Exp(k*b)-1)
	}
	if got := e.PerYear.Value; math.Abs(got/perYear-1) > 0.001 {
		t.Errorf("rate on the start date %.2f a year, want %.0f within 0.1%%", got, perYear)
	}
}
