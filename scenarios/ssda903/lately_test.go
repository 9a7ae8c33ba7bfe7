package ssda903

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestNoEntriesLately checks that a window whose last 12 months hold no entry (Hillingdon's
// 2018/19 in the regional sample: its return holds no period of care beginning then) is not
// written as a council no child enters for ever: the rule that takes the last 12 months' rate
// (a trend not carried, or --no-trend) takes the window's average instead, its resamples too,
// and the scenario's note and the data-quality report warn that the return may not be
// complete.
func TestNoEntriesLately(t *testing.T) {
	base := baseScenario(t)
	ret := readSample(t, samples[3])
	const warn = "no child entered care in the 12 months to 31 March 2019 — is the return complete?"
	for _, noTrend := range []bool{false, true} {
		cal, err := Calibrate(ret, Options{Base: base, To: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC), NoTrend: noTrend})
		if err != nil {
			t.Fatal(err)
		}
		e := cal.Estimates.Entries
		if !e.NoneLately || !e.Averaged {
			t.Fatalf("no-trend %v: none lately %v, averaged %v, want both", noTrend, e.NoneLately, e.Averaged)
		}
		if want := poissonRate(e.Count, e.Years); e.PerYear != want || e.Count < MinChildren {
			t.Errorf("no-trend %v: rate %+v, want the window's average of %d entries %+v", noTrend, e.PerYear, e.Count, want)
		}
		w := e.Warning()
		if !strings.Contains(w, warn) || !strings.Contains(w, "set entries.per_year by hand") {
			t.Errorf("no-trend %v: warning %q", noTrend, w)
		}
		var y bytes.Buffer
		if err := writeScenario(&y, cal, ScenarioOptions{Name: "h19", Extends: "default", Sources: "test"}); err != nil {
			t.Fatal(err)
		}
		l := lineWith(y.String(), "  per_year:")
		if !strings.HasPrefix(strings.TrimSpace(l), "per_year: 14.5 #") || !strings.Contains(l, "the window's average") || !strings.Contains(l, "warning: "+warn) {
			t.Errorf("no-trend %v: written %q", noTrend, l)
		}
		if l := lineWith(y.String(), "trend_per_year:"); !noTrend && !strings.Contains(l, "it assumes the window's average instead") {
			t.Errorf("trend written %q", l)
		}
		var rep bytes.Buffer
		if err := ret.Quality.WriteReport(&rep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rep.String(), "**Warning:** "+warn) || !strings.Contains(rep.String(), "the window's average instead") {
			t.Errorf("no-trend %v: the report's trend of entries:\n%s", noTrend, ret.Quality.Trend)
		}
		opt := cal.resampleOptions()
		if !opt.resample || !opt.averageNone {
			t.Errorf("no-trend %v: the resamples' options %+v: want the window's average where the last 12 months hold none", noTrend, opt)
		}
		scs, err := cal.Resamples(4, 1, 1, ScenarioOptions{Name: "r"})
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range scs {
			if s.Entries.PerYear <= 0 {
				t.Errorf("no-trend %v: resample %d: %v entries a year", noTrend, i, s.Entries.PerYear)
			}
		}
	}

	// A window of that year alone holds too few entries for a rate: none is written, with the
	// warning.
	cal, err := Calibrate(ret, Options{Base: base, From: time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if e := cal.Estimates.Entries; !e.NoneLately || e.Averaged || !strings.Contains(e.Warning(), warn) || !strings.Contains(e.Warning(), "the scenario has none enter") {
		t.Errorf("a window of 2018/19: none lately %v, averaged %v, warning %q", e.NoneLately, e.Averaged, e.Warning())
	}

	// A window whose last 12 months hold entries keeps their rate, and its resamples their own.
	cal, err = Calibrate(readSample(t, samples[0]), Options{Base: base, To: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if e := cal.Estimates.Entries; e.NoneLately || e.Averaged || e.Warning() != "" || cal.resampleOptions().averageNone {
		t.Errorf("the la-sample to March 2019: none lately %v, averaged %v, warning %q", e.NoneLately, e.Averaged, e.Warning())
	}
}
