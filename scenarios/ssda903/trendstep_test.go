package ssda903

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestEntriesStepNotTrend checks that a one-off drop in entries early in the window is not
// carried forward as a steady fall: the la-sample's 155 entries of 2017/18 and about 15 a year
// after it fit a trend of -59% a year, 8.4 standard errors from none, which carried forward
// took its children in care from 58 to 3 in ten years. A step in April 2018 fits the months
// far better, so the scenario starts from the last 12 months' rate with no trend, and its note
// and the quality report say why. A generated council whose entries were four times as many in
// its first year shows the same; one with a steady trend keeps it (TestRoundTrip).
func TestEntriesStepNotTrend(t *testing.T) {
	base := baseScenario(t)
	check := func(t *testing.T, ret *Return, cal *Calibration, lastYear float64) {
		t.Helper()
		e := cal.Estimates.Entries
		if e.TrendUsed || e.TrendCarried != 0 || !e.TrendOffStep {
			t.Fatalf("the trend is carried (used %v, %.3f a year, step %v, gain %.1f): %+v", e.TrendUsed, e.TrendCarried, e.TrendOffStep, e.StepGain, e)
		}
		// The rate written is the last 12 months' (exactly: the window ends on 31 March).
		if want := poissonRate(e.RecentCount, e.RecentYears); e.PerYear != want {
			t.Errorf("rate %+v, want the last 12 months' %+v", e.PerYear, want)
		}
		if lastYear > 0 && math.Abs(e.PerYear.Value-lastYear) > 0.01 {
			t.Errorf("rate %.2f a year, want the last year's %v", e.PerYear.Value, lastYear)
		}
		var y bytes.Buffer
		if err := writeScenario(&y, cal, ScenarioOptions{Name: "step", Extends: "default", Sources: "test"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(y.String(), "trend_per_year: 0 # fitted") || !strings.Contains(y.String(), "but not carried: a step in the rate from") {
			t.Errorf("the scenario's note does not say why the trend is not carried:\n%s", lineWith(y.String(), "trend_per_year"))
		}
		var rep bytes.Buffer
		if err := ret.Quality.WriteReport(&rep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rep.String(), "This one passes that test but is not carried, because the months do not follow it: a step in the rate from") {
			t.Errorf("the quality report does not say why the trend is not carried:\n%s", lineWith(rep.String(), "log-linear Poisson fit"))
		}
	}
	t.Run("la-sample", func(t *testing.T) {
		ret := readSample(t, samples[0])
		cal, err := Calibrate(ret, Options{Base: base})
		if err != nil {
			t.Fatal(err)
		}
		check(t, ret, cal, 9.0/(365.0/365.25))
		if e := cal.Estimates.Entries; !e.StepFrom.Equal(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("the step is found from %v, want April 2018", e.StepFrom)
		}
	})
	t.Run("generated", func(t *testing.T) {
		tr := steadyTruth(40, 1, 4)
		tr.stepAt, tr.stepBefore = dayOf(time.Date(tr.fromYear+1, 4, 1, 0, 0, 0, 0, time.UTC)), 4
		ret, err := Read(generate(tr, 3).files(), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := Calibrate(ret, Options{Base: base})
		if err != nil {
			t.Fatal(err)
		}
		check(t, ret, cal, 0)
		within(t, "rate after the step", cal.Estimates.Entries.PerYear, tr.perYear)
	})
}

// lineWith returns the first line of text holding s, or all of text when none does.
func lineWith(text, s string) string {
	for l := range strings.Lines(text) {
		if strings.Contains(l, s) {
			return l
		}
	}
	return text
}

// TestOneYearTrendNote checks that every one-year window's note on the entries' trend follows
// one rule, whether or not the year holds a 29 February: a year of 365 days was "too short to see
// a trend" where one of 366 gave the fit of its 12 months.
func TestOneYearTrendNote(t *testing.T) {
	base := baseScenario(t)
	ret := readSample(t, samples[0])
	for _, year := range []int{2018, 2019} {
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			cal, err := Calibrate(ret, Options{Base: base, From: time.Date(year, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(year+1, 3, 31, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var y bytes.Buffer
			if err := writeScenario(&y, cal, ScenarioOptions{Name: "year", Extends: "default", Sources: "test"}); err != nil {
				t.Fatal(err)
			}
			if l := lineWith(y.String(), "trend_per_year"); !strings.Contains(l, "standard errors from none") {
				t.Errorf("a one-year window's trend note does not give the fit of its 12 months:\n%s", l)
			}
		})
	}
}

// TestGrowthHeldSaysSo checks that a yearly change of the council's carers or homes held to
// ±10% is written as held, with the fit's own figure, in the scenario and the quality report:
// the la-sample's carers' children fell by a fitted 33% a year, and were written as changing by
// -10% "(a log-linear fit)".
func TestGrowthHeldSaysSo(t *testing.T) {
	ret := readSample(t, samples[0])
	cal, err := Calibrate(ret, Options{Base: baseScenario(t)})
	if err != nil {
		t.Fatal(err)
	}
	var y, rep bytes.Buffer
	if err := writeScenario(&y, cal, ScenarioOptions{Name: "held", Extends: "default", Sources: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := ret.Quality.WriteReport(&rep); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ where, text, want string }{
		{"the carers' approvals note", lineWith(y.String(), "approvals_per_year: 0.8"), "held to the limit of -10% a year (the fit gave -33%)"},
		{"the homes' note", lineWith(y.String(), "homes:"), "held to the limit of -10% a year (the fit gave -34%)"},
		{"the quality report", rep.String(), "- the children the council's own foster carers held (the carers' approvals follow them): held to the limit of -10% a year (the fit gave -33%)"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s does not say %q:\n%s", c.where, c.want, c.text)
		}
	}
	if strings.Contains(y.String(), "changed by -10% a year") {
		t.Error("the scenario writes a change held to the limit as measured")
	}
}

// TestStockMergeIntoLarger checks that a kind's UASC and other children in the starting stock,
// one group below 5, are written as the larger group: the la-sample up to 28 February 2022
// holds 4 young people aged 17 in supported accommodation who are not UASC and 2 who are, which
// were written as 6 UASC.
func TestStockMergeIntoLarger(t *testing.T) {
	ret := readSample(t, samples[0])
	cal, err := Calibrate(ret, Options{Base: baseScenario(t), To: time.Date(2022, 2, 28, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cl := range cal.Estimates.Stock {
		if cl.Kind == supportedAccommodation.String() && cl.Ages.FromYears == 17 {
			found = true
			if cl.UASC || cl.Count != 6 {
				t.Errorf("the 17-year-olds in supported accommodation: %d, UASC %v; want the 4 who are not UASC and the 2 who are as 6 who are not", cl.Count, cl.UASC)
			}
		}
	}
	if !found {
		t.Fatalf("no group of 17-year-olds in supported accommodation: %+v", cal.Estimates.Stock)
	}
	// Ties go to the children who are not UASC, and the larger group takes the smaller
	// whichever of them is below 5.
	for _, c := range []struct{ other, uasc int }{{4, 2}, {2, 4}, {3, 3}, {7, 2}, {2, 7}} {
		want := c.other >= c.uasc
		if got := mergedUASC(t, c.other, c.uasc); got == want {
			t.Errorf("%d not UASC and %d UASC in one kind: written as UASC %v, want %v", c.other, c.uasc, got, !want)
		}
	}
}

// mergedUASC calibrates a return of other young people aged 17 who are not UASC and uasc who
// are, all in supported accommodation at its end, and returns whether their group is written
// as UASC.
func mergedUASC(t *testing.T, other, uasc int) bool {
	t.Helper()
	var eps, head, uascs strings.Builder
	eps.WriteString(episodesHead)
	head.WriteString("CHILD,SEX,DOB\n")
	uascs.WriteString("CHILD,SEX,DOB,DUC\n")
	for i := range other + uasc {
		id := fmt.Sprintf("C%d", i)
		fmt.Fprintf(&eps, "%s,%02d/05/2019,S,C2,N1,H5,PR1,,,,,,\n", id, i+1)
		fmt.Fprintf(&head, "%s,1,01/01/2002\n", id)
		if i >= other {
			fmt.Fprintf(&uascs, "%s,1,01/01/2002,01/01/2020\n", id)
		}
	}
	ret, err := Read(Files{
		Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(eps.String())}},
		Header:   []Input{{Name: "header.csv", R: strings.NewReader(head.String())}},
		UASC:     []Input{{Name: "uasc.csv", R: strings.NewReader(uascs.String())}},
	}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Calibrate(ret, Options{Base: baseScenario(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Estimates.Stock) != 1 || cal.Estimates.Stock[0].Count != other+uasc {
		t.Fatalf("%d not UASC and %d UASC: stock %+v, want one group of them all", other, uasc, cal.Estimates.Stock)
	}
	return cal.Estimates.Stock[0].UASC
}

// TestReadmeFilesOrder checks that the README's account of the files says what reading does
// (TestReadOrder's cases: the latest return's row of an episode is kept whatever the
// order the files are given in), where it said the later-given file's row was kept and that
// files given newest first would keep the older row.
func TestReadmeFilesOrder(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, files, _ := strings.Cut(string(b), "## The files\n")
	files, _, _ = strings.Cut(files, "\n## ")
	files = strings.Join(strings.Fields(files), " ")
	for _, wrong := range []string{"the later file's row is kept", "Files are read in the order given", "of an episode in both would be kept"} {
		if strings.Contains(files, wrong) {
			t.Errorf("README.md's The files says %q, which reading does not do", wrong)
		}
	}
	if want := "the latest return's row is kept, whatever the order the files are given in"; !strings.Contains(files, want) {
		t.Errorf("README.md's The files does not say %q", want)
	}
}

// TestResamplesFollowStep checks that where the return's trend is not carried, the backtest's
// resamples are calibrated as the scenario is: from their last 12 months' rate, with no trend,
// and without the stays' Little's-law target of a steady council, which the return's own
// calibration leaves out there (the la-sample's bands were otherwise drawn around other stays
// than its scenario's).
func TestResamplesFollowStep(t *testing.T) {
	ret := readSample(t, samples[0])
	cal, err := Calibrate(ret, Options{Base: baseScenario(t), To: time.Date(2020, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if e := cal.Estimates.Entries; !e.TrendOffStep {
		t.Fatalf("the la-sample up to March 2020: the trend is carried (%+v)", e)
	}
	opt := cal.resampleOptions()
	if !opt.NoTrend || opt.trendDraw != nil {
		t.Errorf("the resamples' options %+v: want the last 12 months' rate and no trend drawn", opt)
	}
	// The return itself, calibrated as a resample is: its stays as the scenario's, none set by
	// Little's law.
	again, err := Calibrate(ret, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range again.Estimates.Stays {
		if want := cal.Estimates.Stays[i]; !reflect.DeepEqual(st.Table, want.Table) || st.Tail != want.Tail {
			t.Errorf("stays of %s: tail %+v as a resample is calibrated, %+v in the scenario", st.group, st.Tail, want.Tail)
		}
	}
}

// TestTwoYearStep checks that over a window of two years, where a trend beside twelve
// monthly rates is the ratio of the second year's months to the first's (the same as a step
// at the twelfth month), seasonality is not looked for, so that the step is found: the
// la-sample to March 2019 (22 entries a month in 2017/18, about 2 in 2018/19) fitted -90% a
// year carried with a month's factor of 2.4 beside another's 0.31, and Hillingdon's empty
// 2018/19 a trend of -100% a year, not carried, the two years' average written with June's and
// July's factors 0. Both now start from the last 12 months' rate, no month's factor 0, or,
// where those months hold no entry (Hillingdon's), from the window's average
// (TestNoEntriesLately).
func TestTwoYearStep(t *testing.T) {
	base := baseScenario(t)
	for _, s := range []sample{samples[0], samples[3]} {
		t.Run(s.name, func(t *testing.T) {
			ret := readSample(t, s)
			cal, err := Calibrate(ret, Options{Base: base, To: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			e := cal.Estimates.Entries
			if e.SeasonalityUsed {
				t.Errorf("seasonality %v fitted over %d months", e.Seasonality, e.Months)
			}
			if e.TrendUsed || !e.TrendOffStep {
				t.Fatalf("the step is not found (trend used %v, %.3f a year, step gain %.1f)", e.TrendUsed, e.TrendCarried, e.StepGain)
			}
			if !e.StepFrom.Equal(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("the step is found from %v, want April 2018", e.StepFrom)
			}
			if e.RecentCount == 0 {
				if want := poissonRate(e.Count, e.Years); !e.Averaged || e.PerYear != want {
					t.Errorf("no entry in the last 12 months: rate %+v (averaged %v), want the window's average %+v", e.PerYear, e.Averaged, want)
				}
			} else if want := poissonRate(e.RecentCount, e.RecentYears); e.PerYear != want || e.Averaged {
				t.Errorf("rate %+v (averaged %v), want the last 12 months' %+v", e.PerYear, e.Averaged, want)
			}
			var y bytes.Buffer
			if err := writeScenario(&y, cal, ScenarioOptions{Name: "step", Extends: "default", Sources: "test"}); err != nil {
				t.Fatal(err)
			}
			if l := lineWith(y.String(), "  seasonality:"); !strings.Contains(l, "seasonality: ~ # none assumed: over fewer than 36 months") {
				t.Errorf("seasonality written %q", l)
			}
			opt := cal.resampleOptions()
			if !opt.NoTrend || opt.trendDraw != nil {
				t.Errorf("the resamples' options %+v: want the last 12 months' rate and no trend drawn", opt)
			}
		})
	}
}

// TestTrendRunsOff checks that a fit whose trend runs off without bound (three years of
// seasonal months, entries in every month of the first year and none after: twelve monthly
// rates and a trend fit them exactly with a trend of -100% a year) is neither tested nor carried
// nor drawn from: the months are a step at the month that fits best, in a resample (whose drawn
// trend from such a fit took the rate on the start date to 0) as in the return.
func TestTrendRunsOff(t *testing.T) {
	var y, expo, tYears []float64
	var month []int
	for m := range 36 {
		n := 0.0
		if m < 12 {
			n = float64(5 + m%4)
		}
		y = append(y, n)
		expo = append(expo, model.DaysPerYear/12)
		tYears = append(tYears, (float64(m)+0.5-36)/12)
		month = append(month, (m+3)%12)
	}
	for _, draw := range []*trendDraw{nil, {Fitted: -30, Center: -15, Scale: 0.7}} {
		c := &Calibration{trendDraw: draw}
		e := &EntryEstimate{Count: 78}
		c.fitEntryRate(e, y, expo, tYears, month, true, nil)
		if !e.TrendRunsOff || e.TrendUsed || e.TrendCarried != 0 {
			t.Errorf("draw %v: the trend %.3f (interval %+v) is taken as one: runs off %v, used %v, carried %v", draw, e.Trend.Value, e.Trend, e.TrendRunsOff, e.TrendUsed, e.TrendCarried)
		}
		if e.stepMonth != 12 {
			t.Errorf("draw %v: the step is at month %d, want 12", draw, e.stepMonth)
		}
	}
}
