package ssda903

import (
	"bytes"
	"encoding/csv"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCompareFlowsHidden checks that a year's entries or exits of 1 to 4 are written NA, and so
// is the other flow of that year, which the children in care at the year's two ends would give
// away beside it; a year whose flows are both 5 or more is written in full.
func TestCompareFlowsHidden(t *testing.T) {
	months := make([]time.Time, 24)
	for i := range months {
		months[i] = time.Date(2020, time.Month(4+i), 1, 0, 0, 0, 0, time.UTC)
	}
	a := &Actual{Months: months, Entries: make([]int, 24), Exits: make([]int, 24)}
	a.Entries[0], a.Exits[3] = 3, 40 // the first year: 3 entries, 40 exits
	a.Entries[12], a.Exits[13] = 6, 7
	c := &Comparison{}
	band := Band{Mean: 5, P05: 2, P25: 4, P50: 5, P75: 6, P95: 9}
	c.CompareFlows(a, [][]Band{{band, band}, {band, band}})
	if len(c.Flows) != 4 {
		t.Fatalf("%d flow rows, want entries and exits of two years: %+v", len(c.Flows), c.Flows)
	}
	for _, f := range c.Flows {
		if want := f.Horizon == "1-12"; f.Hidden != want {
			t.Errorf("%s %s: hidden %v, want %v", f.Flow, f.Horizon, f.Hidden, want)
		}
	}
	var b bytes.Buffer
	if err := c.WriteSummaryCSV(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nentries,1-12,12,NA,NA,NA,NA,NA,5,2,9\n", "\nexits,1-12,12,NA,NA,NA,NA,NA,5,2,9\n", "\nentries,13-24,12,NA,NA,NA,1,6,5,2,9\n", "\nexits,13-24,12,NA,NA,NA,1,7,5,2,9\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("backtest_summary.csv does not hold %q:\n%s", strings.TrimSpace(want), b.String())
		}
	}
	if strings.Contains(b.String(), ",3,") || strings.Contains(b.String(), ",40,") {
		t.Errorf("backtest_summary.csv writes a hidden year's count:\n%s", b.String())
	}
}

// TestFlowRowsAgreeWithThemselves checks that a flow row of backtest_summary.csv says an
// actual count is inside its 90% range only when it lies within the row's own p05 and p95:
// percentiles between two whole counts are written taken outwards to whole children, the
// bounds coverage_90 is worked out on (a return's 20 entries against a 95th percentile of
// 19.5 are inside the range 8-20, which the row says).
func TestFlowRowsAgreeWithThemselves(t *testing.T) {
	months := make([]time.Time, 24)
	for i := range months {
		months[i] = time.Date(2020, time.Month(4+i), 1, 0, 0, 0, 0, time.UTC)
	}
	a := &Actual{Months: months, Entries: make([]int, 24), Exits: make([]int, 24)}
	a.Entries[0], a.Exits[0] = 20, 7 // the first year: 20 entries, 7 exits
	a.Entries[12], a.Exits[12] = 8, 21
	c := &Comparison{}
	c.CompareFlows(a, [][]Band{
		{{Mean: 13.4, P05: 8.2, P95: 19.5}, {Mean: 13.4, P05: 7.6, P95: 12}},
		{{Mean: 13.4, P05: 8.2, P95: 19.5}, {Mean: 13.4, P05: 7.6, P95: 20.9}},
	})
	var b bytes.Buffer
	if err := c.WriteSummaryCSV(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	flows := 0
	for _, r := range rows[1:] {
		if r[col("group")] != "entries" && r[col("group")] != "exits" {
			continue
		}
		flows++
		actual, _ := strconv.ParseFloat(r[col("actual")], 64)
		lo, _ := strconv.ParseFloat(r[col("p05")], 64)
		hi, _ := strconv.ParseFloat(r[col("p95")], 64)
		if lo != math.Trunc(lo) || hi != math.Trunc(hi) {
			t.Errorf("%v: p05 %v and p95 %v are not whole children", r, lo, hi)
		}
		in := "0"
		if actual >= lo && actual <= hi {
			in = "1"
		}
		if r[col("coverage_90")] != in {
			t.Errorf("%v: coverage_90 %s, while %v lies %s p05-p95 (%v-%v)", r, r[col("coverage_90")], actual, map[string]string{"0": "outside", "1": "within"}[in], lo, hi)
		}
	}
	if flows != 4 {
		t.Fatalf("%d flow rows, want 4:\n%v", flows, rows)
	}
	if want := "entries,1-12,12,NA,NA,NA,1,20,13.4,8,20"; !strings.Contains(text, want) {
		t.Errorf("backtest_summary.csv does not hold %q", want)
	}
}

// TestActualFlows checks that the return's entries and exits are counted by the month they
// fall in, from --at's month: a period beginning on 10 May 2019 and ending on 3 June 2019, and
// one beginning before --at and still open.
func TestActualFlows(t *testing.T) {
	ret := readCSV(t, episodesHead+
		"A,10/05/2019,S,C2,N1,U1,PR1,03/06/2019,E11,,,,\n"+
		"B,01/01/2018,S,C2,N1,U1,PR1,,,,,,\n",
		"CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2011\n")
	a, err := ret.Actual(time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entries) != len(a.Months) || len(a.Exits) != len(a.Months) || len(a.Months) < 3 {
		t.Fatalf("%d months, %d and %d flows", len(a.Months), len(a.Entries), len(a.Exits))
	}
	if a.Entries[1] != 1 || a.Exits[2] != 1 || sum(a.Entries) != 1 || sum(a.Exits) != 1 {
		t.Errorf("entries %v, exits %v: want one entry in May and one exit in June", a.Entries, a.Exits)
	}
}

func sum(v []int) int {
	n := 0
	for _, x := range v {
		n += x
	}
	return n
}

// TestBacktestEntriesAsCalibrated checks, over several windows of the la-sample and of
// Hillingdon, that a backtest counts a year's entries as a calibration to that year's end counts
// them (its entrants and UASC arrivals of its last 12 months): Hillingdon's backtest from April
// 2019 showed 5 entries in 2019/20, where the calibration to March 2020 counted fewer than 5, two
// children first seen in the return part way through a period of care, whose start it does not
// show, counted by the backtest alone.
func TestBacktestEntriesAsCalibrated(t *testing.T) {
	base := baseScenario(t)
	for _, s := range []sample{samples[0], samples[3]} {
		ret := readSample(t, s)
		for _, year := range []int{2019, 2020, 2021} {
			at := time.Date(year, 4, 1, 0, 0, 0, 0, time.UTC)
			act, err := ret.Actual(at)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := Calibrate(ret, Options{Base: base, To: time.Date(year+1, 3, 31, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			w := window{from: dayOf(cal.Estimates.From), to: dayOf(cal.Estimates.Start)}
			others, _ := lastYear(cal.entrants(w, false), w)
			uasc, _ := lastYear(cal.entrants(w, true), w)
			if got := sum(act.Entries[:12]); got != others+uasc {
				t.Errorf("%s, %d/%d: the backtest counts %d entries, the calibration to its end %d and %d UASC", s.name, year, year-1999, got, others, uasc)
			}
		}
	}
}

// TestAcrossWindowsSaid checks what the Privacy section says of runs over different windows of
// a return: an entry band's count over its share gives back the window's entrants, to the
// child, in each window of Hillingdon (24, 27, 30 and 34 to March 2019-2022), so that rounding
// the comments alone would hide nothing; and each scenario's first comment says its protection
// holds for its own window's files only.
func TestAcrossWindowsSaid(t *testing.T) {
	base := baseScenario(t)
	ret := readSample(t, samples[3])
	band := regexp.MustCompile(`- \{ages: 5-9, share: ([0-9.]+),.*# ([0-9]+) children`)
	for year := 2019; year <= 2022; year++ {
		cal, err := Calibrate(ret, Options{Base: base, To: time.Date(year, 3, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		var y bytes.Buffer
		if err := writeScenario(&y, cal, ScenarioOptions{Name: "w", Extends: "default", Sources: "test"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ReplaceAll(y.String(), "\n# ", " "), "That holds for this file and the report alone: beside a calibration of the same return over another window (a backtest's), the counts and rates of the two differ by the children of the months between them, which can be 1 to 4. Share one window's files.") {
			t.Errorf("to March %d: the scenario's first comment does not say what it protects:\n%s", year, y.String()[:1200])
		}
		m := band.FindStringSubmatch(y.String())
		if m == nil {
			t.Fatalf("to March %d: no entry band of 5-9", year)
		}
		share, _ := strconv.ParseFloat(m[1], 64)
		n, _ := strconv.Atoi(m[2])
		if got := int(math.Round(float64(n) / share)); got != cal.Estimates.Entries.Count {
			t.Errorf("to March %d: %d children at %v give %d entrants, the window has %d", year, n, share, got, cal.Estimates.Entries.Count)
		}
	}
}
