package plots

import (
	"slices"
	"strings"
	"testing"
)

// endFigures sets the last row of each series of chart in d, its mean and its median, to
// end(first mean, series).
func endFigures(d *Data, chart string, end func(from float64, series string) float64) {
	first, last := map[string]int{}, map[string]int{}
	for i, r := range d.Rows {
		if r.Chart != chart {
			continue
		}
		if _, ok := first[r.Series]; !ok {
			first[r.Series] = i
		}
		last[r.Series] = i
	}
	for s, i := range last {
		d.Rows[i].Mean = end(d.Rows[first[s]].Mean, s)
		d.Rows[i].P[2] = d.Rows[i].Mean
	}
}

// TestSubtitlesCallNoiseSteady checks that the children-by-kind and carer-households
// subtitles call a change of under 5% of where a figure starts "about the same", as the
// placement mix does a small shift, and still name a clear one.
func TestSubtitlesCallNoiseSteady(t *testing.T) {
	t.Run("children by kind", func(t *testing.T) {
		d := readTestData(t)
		endFigures(d, ChildrenByKind, func(from float64, _ string) float64 { return from * 0.955 }) // 218 to 208
		c, err := ChildrenByKindChart(d, testSource)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(c.Subtitle, "The number of children in each type of placement stays about the same (mean of runs: each moves by less than 5%, or within the middle half of runs; the most, independent fostering agency, from about 232 to 221 by March 2031)") {
			t.Errorf("a fall of 4.5%% everywhere: subtitle %q", c.Subtitle)
		}
		d = readTestData(t)
		endFigures(d, ChildrenByKind, func(from float64, s string) float64 {
			if s == "children_kinship" {
				return from * 0.8
			}
			return from * 1.04
		})
		if c, err = ChildrenByKindChart(d, testSource); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(c.Subtitle, "The largest change is in kinship") || !strings.Contains(c.Subtitle, ": down from") {
			t.Errorf("a fall of a fifth in kinship care: subtitle %q", c.Subtitle)
		}
	})
	t.Run("children in residential care", func(t *testing.T) {
		d := readTestData(t)
		endFigures(d, EmergencyResidential, func(from float64, s string) float64 {
			if s == "children_residential" {
				return from - 2 // 89 to 87: under 5%
			}
			return from
		})
		c, err := EmergencyResidentialChart(d, testSource)
		if err != nil {
			t.Fatal(err)
		}
		if want := "Children in residential care go from about 89 to 87 by March 2031 (mean of runs), a change of less than 5%;"; !strings.HasPrefix(c.Subtitle, want) {
			t.Errorf("a fall of 2 children: subtitle %q, want it to begin %q", c.Subtitle, want)
		}
		// A fall of over 5% whose start lies inside the middle half of the runs at the end
		// quotes both figures, not the start as where it ends.
		d = readTestData(t)
		for i, r := range d.Rows {
			if r.Chart == EmergencyResidential && r.Series == "children_residential" {
				d.Rows[i].P[1], d.Rows[i].P[3] = 70, 100
			}
		}
		endFigures(d, EmergencyResidential, func(from float64, s string) float64 {
			if s == "children_residential" {
				return from - 6 // 89 to 83: over 5%, inside the middle half of runs
			}
			return from
		})
		if c, err = EmergencyResidentialChart(d, testSource); err != nil {
			t.Fatal(err)
		}
		if want := "Children in residential care go from about 89 to 83 by March 2031 (mean of runs), a change within the spread of runs;"; !strings.HasPrefix(c.Subtitle, want) {
			t.Errorf("a fall of 6 children inside the middle half of runs: subtitle %q, want it to begin %q", c.Subtitle, want)
		}
		d = readTestData(t)
		endFigures(d, EmergencyResidential, func(from float64, s string) float64 {
			if s == "children_residential" {
				return from - 0.2
			}
			return from
		})
		if c, err = EmergencyResidentialChart(d, testSource); err != nil {
			t.Fatal(err)
		}
		if want := "Children in residential care stay at about 89 by March 2031 (mean of runs);"; !strings.HasPrefix(c.Subtitle, want) {
			t.Errorf("a fall of a fifth of a child: subtitle %q, want it to begin %q", c.Subtitle, want)
		}
	})
	t.Run("carer households", func(t *testing.T) {
		for _, tt := range []struct {
			by   float64
			want string
		}{
			{-2, "Carer households go from about 166 to 164 by March 2031 (mean of runs, a change of less than 5%): "},
			{+2, "Carer households go from about 166 to 168 by March 2031 (mean of runs, a change of less than 5%): "},
			{+0.2, "Carer households stay at about 166 (mean of runs): "},
			{-20, "Carer households fall from "},
		} {
			d := readTestData(t)
			endFigures(d, CarerHouseholds, func(from float64, s string) float64 {
				if s == "carer_households" {
					return from + tt.by
				}
				return from
			})
			c, err := CarerHouseholdsChart(d, testSource)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(c.Subtitle, tt.want) {
				t.Errorf("a change of %+g households: subtitle %q, want it to begin %q", tt.by, c.Subtitle, tt.want)
			}
		}
	})
}

// TestCarerNetMarkerIsMean checks that the carer-households chart marks each year's net
// change at its mean, as its bars of approvals and deregistrations are means: a median net
// change of -1 beside bars whose means net to +0.28 read as a contradiction. Two charts whose
// net changes differ only in their medians are drawn the same.
func TestCarerNetMarkerIsMean(t *testing.T) {
	draw := func(median float64) (*Chart, []byte) {
		d := readTestData(t)
		for i, r := range d.Rows {
			if r.Chart == CarerHouseholds && r.Series == "net_change" {
				d.Rows[i].Mean, d.Rows[i].P[2] = 0.28, median
			}
		}
		c, err := CarerHouseholdsChart(d, testSource)
		if err != nil {
			t.Fatal(err)
		}
		return c, renderWithin(t, c, "svg")
	}
	c, a := draw(-1)
	_, b := draw(3)
	if got := c.Legend[len(c.Legend)-1].Label; got != "Net change (mean, 9 in 10 runs)" {
		t.Errorf("key %q", got)
	}
	if string(a) != string(b) {
		t.Error("the chart moves with the net change's median: its marker is not the mean")
	}
}

// TestReportSpendingIsTheChartsMean checks that the run report's key figure of spending in
// the first year is the figure the cost-by-year chart on the same page gives: both means.
func TestReportSpendingIsTheChartsMean(t *testing.T) {
	d := readTestData(t)
	tb := keyFigureTable(d, nil, 40)
	i := slices.Index(d.SeriesNames(KeyFigures), "cost_total")
	if i < 0 {
		t.Fatal("no cost_total among the key figures")
	}
	c, err := CostByYearChart(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	first := tb.Rows[i].Cells[0].Value
	if !strings.Contains(c.Subtitle, "from "+first+" in "+tb.Columns[0]) {
		t.Errorf("the report gives %s for %s; the chart says %q", first, tb.Columns[0], c.Subtitle)
	}
}

// TestSufficiencyGapRangeInWords checks that a range of the gap that runs from places spare to
// children short says so, not as a negative count of children.
func TestSufficiencyGapRangeInWords(t *testing.T) {
	d := readTestData(t)
	c, err := SufficiencyGapChart(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	if want := "(mean of runs; 9 in 10 runs: from 2 places spare to 78 places short)"; !strings.Contains(c.Subtitle, want) || strings.Contains(c.Subtitle, "-2 to") {
		t.Errorf("subtitle %q\nwants %q", c.Subtitle, want)
	}
}

// TestCountSubtitlesQuoteMeans checks that the children-by-kind, carer-households and
// emergency-residential subtitles quote the means of the runs, as the run's report gives its key
// figures, and say so: a mean of 200 households beside a median of 180 reads 200.
func TestCountSubtitlesQuoteMeans(t *testing.T) {
	for _, tt := range []struct {
		chart, series string
		draw          func(*Data, Source) (*Chart, error)
		want          string
	}{
		{CarerHouseholds, "carer_households", CarerHouseholdsChart, "Carer households grow from 166 to 200 by March 2031 (mean of runs)"},
		{ChildrenByKind, "children_inhouse_foster", ChildrenByKindChart, "up from 168 children to 300 by March 2031 (mean of runs; the lines are medians)"},
		{EmergencyResidential, "children_residential", EmergencyResidentialChart, "rise from 89 to 300 by March 2031 (mean of runs)"},
	} {
		t.Run(tt.chart, func(t *testing.T) {
			d := readTestData(t)
			last := -1
			for i, r := range d.Rows {
				if r.Chart == tt.chart && r.Series == tt.series {
					last = i
				}
			}
			if last < 0 {
				t.Fatalf("no %s series in the test data", tt.series)
			}
			end := map[bool]float64{true: 200, false: 300}[tt.chart == CarerHouseholds]
			d.Rows[last].Mean, d.Rows[last].P = end, [5]float64{end - 40, end - 30, end - 20, end, end + 10}
			c, err := tt.draw(d, testSource)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Subtitle, tt.want) {
				t.Errorf("subtitle %q, want it to say %q", c.Subtitle, tt.want)
			}
		})
	}
}

// TestSufficiencyGapQuotesMeans checks that the sufficiency-gap subtitle quotes the means of
// the runs, as the other charts' subtitles and the run's report do, and says so: a shortfall
// whose mean is 40 and median 20 reads 40, and so do its empty places.
func TestSufficiencyGapQuotesMeans(t *testing.T) {
	for _, tt := range []struct {
		name         string
		short, empty float64
		shortP       [5]float64
		want         string
	}{
		{"short", 40, 12, [5]float64{5, 10, 20, 30, 60}, "By March 2031, in-house foster care is 40 places short of first choices: more children have it as their first choice than it has places (mean of runs; 9 in 10 runs: 5 to 60)"},
		{"spare", -40, 12, [5]float64{-60, -30, -20, -10, -5}, "there are 40 more places than children whose first choice is in-house foster care (mean of runs; 9 in 10 runs: 5 to 60), and 12 places stand empty (mean of runs)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := readTestData(t)
			names := d.SeriesNames(SufficiencyGap)
			lastOf := func(series string) int {
				last := -1
				for i, r := range d.Rows {
					if r.Chart == SufficiencyGap && r.Series == series {
						last = i
					}
				}
				if last < 0 {
					t.Fatalf("no %s series in the test data", series)
				}
				return last
			}
			s, e := lastOf(names[3]), lastOf(names[2])
			d.Rows[s].Mean, d.Rows[s].P = tt.short, tt.shortP
			d.Rows[e].Mean, d.Rows[e].P = tt.empty, [5]float64{1, 2, 3, 20, 30}
			c, err := SufficiencyGapChart(d, testSource)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Subtitle, tt.want) {
				t.Errorf("subtitle %q\nwant it to say %q", c.Subtitle, tt.want)
			}
		})
	}
}
