package ssda903

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBacktestCSV writes both backtest files for a group whose name holds a comma and a quote
// and reads them back with encoding/csv: every row has the header's columns, the name is
// whole, and the numbers read back exactly (backtest.csv's p25 and p95 the bounds taken
// outwards to whole children that in_50 and in_90 are counted on).
func TestBacktestCSV(t *testing.T) {
	const group = `kinship, "family"`
	c := &Comparison{
		Rows: []ComparisonRow{{Group: group, Month: time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC), Horizon: 1, Actual: 30,
			Band: Band{Mean: 1.0 / 3, P05: 0.1, P25: 0.2 + 0.1, P50: 31, P75: 40, P95: 62505601.09312345}}},
		Summary: []SummaryRow{{Group: group, Horizon: "all", Months: 1, MAPEMonths: 1, MAPE: 100.0 / 30, Coverage50: 1, Coverage90: math.NaN()}},
	}
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
		nums  map[int]float64 // column: value that must read back exactly
	}{
		{"backtest.csv", func(b *bytes.Buffer) error { return c.WriteCSV(b) },
			map[int]float64{4: 1.0 / 3, 6: 0, 7: 31, 9: 62505602, 10: 100.0 / 30}},
		{"backtest_summary.csv", func(b *bytes.Buffer) error { return c.WriteSummaryCSV(b) },
			map[int]float64{4: 100.0 / 30, 5: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[1][0] != group {
				t.Fatalf("rows %q, want a header and one row for %q", rows, group)
			}
			for col, want := range tt.nums {
				if got, err := strconv.ParseFloat(rows[1][col], 64); err != nil || got != want {
					t.Errorf("%s: %q, want %v exactly", rows[0][col], rows[1][col], want)
				}
			}
		})
	}
}

// TestBacktestHidesSmallCounts checks that no file of a backtest lets a hidden count (1 to 4
// children) be worked out: in backtest.csv a row whose actual is NA has its ape, in_50 and
// in_90 NA too (with the bands beside them, in_50 false and in_90 true with p25 0, p75 1 and
// p95 2 would say 2), and backtest_summary.csv's figures are those of the rows shown alone
// (with a hidden month in them, the MAPE and the shares less those of the rows shown would
// give its error and whether it was inside).
func TestBacktestHidesSmallCounts(t *testing.T) {
	months := []time.Time{time.Date(2020, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 10, 1, 0, 0, 0, 0, time.UTC)}
	actual := &Actual{Months: months, Counts: make([][]int, len(ComparedKinds))}
	bands := make([][]Band, len(ComparedKinds))
	for g := range ComparedKinds {
		actual.Counts[g] = []int{2, 6, 0}
		bands[g] = []Band{{Mean: 1, P05: 0, P25: 0, P50: 1, P75: 1, P95: 2}, {Mean: 5, P05: 2, P25: 4, P50: 5, P75: 6, P95: 8}, {P95: 1}}
	}
	c := Compare(actual, bands)
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	hidden := 0
	for _, r := range rows[1:] {
		if r[col["actual"]] != "NA" {
			continue
		}
		hidden++
		for _, name := range []string{"ape", "in_50", "in_90"} {
			if v := r[col[name]]; v != "NA" {
				t.Errorf("backtest.csv: %s %s: actual NA but %s %s", r[0], r[1], name, v)
			}
		}
	}
	if hidden != len(ComparedKinds) {
		t.Errorf("backtest.csv hides %d counts, want %d (one a group)", hidden, len(ComparedKinds))
	}
	// The summary is that of the months shown: 6 against a median of 5 (17% off, inside both
	// bands) and 0 (no percentage error, inside both).
	b.Reset()
	if err := c.WriteSummaryCSV(&b); err != nil {
		t.Fatal(err)
	}
	if want := "kinship,all,2,1,16.666666666666668,1,1,NA,NA,NA,NA\n"; !strings.Contains(b.String(), want) {
		t.Errorf("backtest_summary.csv:\n%s\nwant the row %q, of the months shown alone", b.String(), want)
	}
	// A span whose months are all hidden has no figures.
	for g := range ComparedKinds {
		actual.Counts[g] = []int{2, 3, 4}
	}
	b.Reset()
	if err := Compare(actual, bands).WriteSummaryCSV(&b); err != nil {
		t.Fatal(err)
	}
	if want := "kinship,all,0,0,NA,NA,NA,NA,NA,NA,NA\n"; !strings.Contains(b.String(), want) {
		t.Errorf("backtest_summary.csv:\n%s\nwant the row %q", b.String(), want)
	}
}

// TestBacktestHiddenCannotBeWorkedOut checks, over every month of both sample returns, that
// no hidden count can be worked out from the counts shown: the kinds add up to all children in
// care, so the hidden kinds' sum is the total less the kinds shown. In each month either no
// kind is hidden, or all children in care are hidden too, or at least two kinds are hidden and
// they add up to MinChildren or more (each then lies in a range of two values or more); and
// every count of 1 to 4 is hidden.
func TestBacktestHiddenCannotBeWorkedOut(t *testing.T) {
	covered := 0
	for _, s := range samples {
		ret := readSample(t, s)
		actual, err := ret.Actual(ret.DataStart().AddDate(0, 1, 0))
		if err != nil {
			t.Fatal(err)
		}
		bands := make([][]Band, len(ComparedKinds))
		for g := range bands {
			bands[g] = make([]Band, len(actual.Months))
		}
		c := Compare(actual, bands)
		total := len(ComparedKinds) - 1
		for m, month := range actual.Months {
			var hidden, sum int
			totalHidden := false
			for g := range ComparedKinds {
				r := c.Rows[g*len(actual.Months)+m]
				if r.Group != ComparedKinds[g].Name || !r.Month.Equal(month) {
					t.Fatalf("row %+v out of order", r)
				}
				if r.Actual > 0 && r.Actual < MinChildren && !r.Hidden() {
					t.Errorf("%s %s %v: %d children shown", s.name, r.Group, month, r.Actual)
				}
				if r.Covers {
					covered++
				}
				switch {
				case !r.Hidden():
				case g == total:
					totalHidden = true
				default:
					hidden++
					sum += r.Actual
				}
			}
			if hidden > 0 && !totalHidden && (hidden < 2 || sum < MinChildren) {
				t.Errorf("%s %v: %d kinds hidden adding up to %d, which the total less the kinds shown gives away", s.name, month, hidden, sum)
			}
		}
	}
	if covered == 0 {
		t.Error("no count hidden beside a small one in the samples: the test tests nothing")
	}
}

// TestBacktestHidesBesideSmallCounts checks which counts a month hides beside a small one.
func TestBacktestHidesBesideSmallCounts(t *testing.T) {
	for _, tt := range []struct {
		counts []int // the kinds', then all children in care
		want   string
	}{
		{[]int{0, 50, 30, 4, 40, 20, 6, 150}, "kinship 0, inhouse_foster 50, ifa 30, inhouse_home NA, external_residential 40, supported_accommodation 20, other_settings NA, children_in_care 150"},
		{[]int{0, 50, 30, 2, 40, 20, 3, 145}, "kinship 0, inhouse_foster 50, ifa 30, inhouse_home NA, external_residential 40, supported_accommodation 20, other_settings NA, children_in_care 145"},
		{[]int{0, 50, 30, 1, 40, 7, 1, 129}, "kinship 0, inhouse_foster 50, ifa 30, inhouse_home NA, external_residential 40, supported_accommodation NA, other_settings NA, children_in_care 129"},
		{[]int{0, 50, 30, 3, 40, 20, 4, 147}, "kinship 0, inhouse_foster 50, ifa 30, inhouse_home NA, external_residential 40, supported_accommodation 20, other_settings NA, children_in_care 147"},
		{[]int{0, 0, 0, 0, 0, 2, 2, 4}, "kinship 0, inhouse_foster 0, ifa 0, inhouse_home 0, external_residential 0, supported_accommodation NA, other_settings NA, children_in_care NA"},
		{[]int{0, 0, 0, 0, 0, 0, 30, 30}, "kinship 0, inhouse_foster 0, ifa 0, inhouse_home 0, external_residential 0, supported_accommodation 0, other_settings 30, children_in_care 30"},
	} {
		actual := &Actual{Months: []time.Time{time.Date(2020, 8, 1, 0, 0, 0, 0, time.UTC)}}
		bands := make([][]Band, len(ComparedKinds))
		for g := range ComparedKinds {
			actual.Counts = append(actual.Counts, []int{tt.counts[g]})
			bands[g] = []Band{{}}
		}
		var got []string
		for _, r := range Compare(actual, bands).Rows {
			n := strconv.Itoa(r.Actual)
			if r.Hidden() {
				n = "NA"
			}
			got = append(got, r.Group+" "+n)
		}
		if g := strings.Join(got, ", "); g != tt.want {
			t.Errorf("%v:\n got %s\nwant %s", tt.counts, g, tt.want)
		}
	}
}

// TestBacktestCSVAgrees checks that each monthly row of backtest.csv agrees with itself: its
// in_50 and in_90 say whether actual lies within the p25-p75 and p05-p95 it writes, bounds
// included. The percentiles interpolate between replications, and the bands are counted on
// bounds taken outwards to whole children: a month of 11 children against a 95th percentile of
// 10.9 was written p95 10.9 and in_90 true.
func TestBacktestCSVAgrees(t *testing.T) {
	month := time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)
	var c Comparison
	for i, tc := range []struct {
		actual int
		band   Band
	}{
		{5, Band{Mean: 8, P05: 5.6, P25: 7.2, P50: 8, P75: 8.3, P95: 10.9}},
		{7, Band{Mean: 8, P05: 5.6, P25: 7.2, P50: 8, P75: 8.3, P95: 10.9}},
		{9, Band{Mean: 8, P05: 5.6, P25: 7.2, P50: 8, P75: 8.3, P95: 10.9}},
		{11, Band{Mean: 8, P05: 5.6, P25: 7.2, P50: 8, P75: 8.3, P95: 10.9}},
		{12, Band{Mean: 8, P05: 5.6, P25: 7.2, P50: 8, P75: 8.3, P95: 10.9}},
		{9, Band{Mean: 9, P05: 7, P25: 8, P50: 9, P75: 10, P95: 12}},
	} {
		c.Rows = append(c.Rows, ComparisonRow{Group: "g", Month: month, Horizon: i + 1, Actual: tc.actual, Band: tc.band, Covers: false})
	}
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	f := func(r []string, name string) float64 {
		v, err := strconv.ParseFloat(r[col[name]], 64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	for _, r := range rows[1:] {
		a := f(r, "actual")
		for _, band := range []struct{ lo, hi, in string }{{"p25", "p75", "in_50"}, {"p05", "p95", "in_90"}} {
			lo, hi := f(r, band.lo), f(r, band.hi)
			if lo != math.Trunc(lo) || hi != math.Trunc(hi) {
				t.Errorf("%s: %s %v and %s %v, want whole children", strings.Join(r, ","), band.lo, lo, band.hi, hi)
			}
			if want := strconv.FormatBool(a >= lo && a <= hi); r[col[band.in]] != want {
				t.Errorf("%s: %s %s, but actual %v against %s-%s %v-%v", strings.Join(r, ","), band.in, r[col[band.in]], a, band.lo, band.hi, lo, hi)
			}
		}
		if f(r, "p50") != 8 && f(r, "p50") != 9 {
			t.Errorf("%s: p50 written %v, want the simulated median", strings.Join(r, ","), f(r, "p50"))
		}
	}
}
