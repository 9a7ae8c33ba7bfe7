package ssda903

import (
	"bytes"
	"encoding/csv"
	"math"
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
