package plots

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// rowsOf returns rows at xs with median mid(i) and the band of 9 in 10 runs mid(i) ± spread(i).
func rowsOf(xs []string, mid, spread func(i int) float64) []Row {
	rows := make([]Row, len(xs))
	for i, x := range xs {
		m, s := mid(i), spread(i)
		rows[i] = Row{X: x, Mean: m, P: [5]float64{m - s, m - s/2, m, m + s/2, m + s}}
	}
	return rows
}

// testMonths returns n months from April 2026, as chart data writes them.
func testMonths(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = time.Date(2026, time.April+time.Month(i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// monthlyBands is a sufficiency chart of five years by month: need and places with their
// bands and baselines, children waiting and empty places; two interventions close together
// (their labels stack), one near the end (its label goes left of its line) and one after the
// end (not drawn).
func monthlyBands() *Bands {
	xs := testMonths(60)
	f := func(a, b float64) func(int) float64 { return func(i int) float64 { return a + b*float64(i) } }
	return &Bands{
		Name: "band-monthly", Title: "Children who need in-house foster care, and the places there are",
		Subtitle: "By March 2031: 58 children need it and there are 51 places (baseline: 58 and 45)",
		Source:   testSource.String(), Scenario: "recruit-12", Baseline: "default", YLabel: "Children or places", Unit: Count,
		Measures: []Measure{
			{Series: "first_choice_inhouse_foster", Label: "Need", Scenario: rowsOf(xs, f(40, 0.3), f(3, 0.05)), Baseline: rowsOf(xs, f(40, 0.3), f(3, 0.05)), Band: true},
			{Series: "places_inhouse_foster", Label: "Places", Scenario: rowsOf(xs, f(45, 0.1), f(2, 0.05)), Baseline: rowsOf(xs, f(45, 0), f(2, 0)), Band: true},
			{Series: "gap_waiting_inhouse_foster", Label: "Waiting: need it, placed elsewhere", Scenario: rowsOf(xs, f(6, 0.15), f(1, 0))},
			{Series: "gap_empty_inhouse_foster", Label: "Empty places", Scenario: rowsOf(xs, f(9, 0), f(1, 0))},
		},
		Markers: []Marker{
			{At: day(2027, time.June, 15), Label: "Open a children's home"},
			{At: day(2027, time.July, 1), Label: "Recruitment campaign"},
			{At: day(2031, time.February, 1), Label: "Fees rise"},
			{At: day(2040, time.April, 1), Label: "Out of range"},
		},
	}
}

// yearlyBands is spending by financial year in pounds, with its band and baseline, and one
// intervention in October 2028.
func yearlyBands() *Bands {
	years := []string{"2026/27", "2027/28", "2028/29", "2029/30", "2030/31"}
	return &Bands{
		Name: "band-yearly-money", Title: "Spending on children in care by financial year",
		Subtitle: "Spending rises from £62.1m in 2026/27 to £71.5m in 2030/31 (baseline £77.0m)",
		Source:   testSource.String(), Scenario: "recruit-12", Baseline: "default", YLabel: "Spending a year", Unit: Money,
		Measures: []Measure{{
			Series: "cost_total", Label: "Spending",
			Scenario: rowsOf(years, func(i int) float64 { return 62.1e6 + 2.35e6*float64(i) }, func(i int) float64 { return 3e6 + 0.5e6*float64(i) }),
			Baseline: rowsOf(years, func(i int) float64 { return 62.1e6 + 3.725e6*float64(i) }, func(int) float64 { return 3e6 }),
			Band:     true,
		}},
		Markers: []Marker{{At: day(2028, time.October, 1), Label: "Open a children's home"}},
	}
}

// TestGoldenBandCharts draws band charts by month and by financial year and compares the SVG
// byte for byte with testdata/*_golden.svg (go test -update rewrites them).
func TestGoldenBandCharts(t *testing.T) {
	for _, b := range []*Bands{monthlyBands(), yearlyBands()} {
		t.Run(b.Name, func(t *testing.T) {
			c, err := BandChart(b)
			if err != nil {
				t.Fatal(err)
			}
			svg := svgOf(t, c)
			golden(t, b.Name+"_golden.svg", svg)
			for _, m := range b.Markers {
				var label bytes.Buffer
				xml.EscapeText(&label, []byte(m.Label))
				drawn := bytes.Contains(svg, label.Bytes())
				if want := m.Label != "Out of range"; drawn != want {
					t.Errorf("marker %q drawn %v, want %v", m.Label, drawn, want)
				}
			}
		})
	}
}

// TestBandLegendColours checks that no colour of a band chart's legend stands for two things:
// each measure has its own, which no other entry uses; the entries after the measures say
// what a solid line, a dashed line and a grey dotted line mean, in black and grey.
func TestBandLegendColours(t *testing.T) {
	for _, b := range []*Bands{monthlyBands(), yearlyBands()} {
		c, err := BandChart(b)
		if err != nil {
			t.Fatal(err)
		}
		for i, it := range c.Legend[:len(b.Measures)] {
			for j, other := range c.Legend {
				if j != i && other.Line.Color == it.Line.Color {
					t.Errorf("%s: legend entries %q and %q have the same colour %v", b.Name, it.Label, other.Label, it.Line.Color)
				}
			}
		}
		for _, it := range c.Legend[len(b.Measures):] {
			if it.Line.Color != color.Color(black) && it.Line.Color != color.Color(darkGrey) {
				t.Errorf("%s: legend entry %q is in colour %v, not black or grey", b.Name, it.Label, it.Line.Color)
			}
		}
		if want := len(b.Measures) + 3; len(c.Legend) != want {
			t.Errorf("%s: %d legend entries, want %d (measures, scenario, baseline, interventions)", b.Name, len(c.Legend), want)
		}
	}
}

// yLabels draws c and returns the labels of the y-axis ticks of its first panel that fall in
// the axis' range, as a reader sees them.
func yLabels(t *testing.T, c *Chart) []string {
	t.Helper()
	svgOf(t, c)
	p := c.panels[0].p
	var out []string
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if tk.Label != "" && tk.Value >= p.Y.Min && tk.Value <= p.Y.Max {
			out = append(out, tk.Label)
		}
	}
	return out
}

// TestTicksFlatAndTiny checks the y-axis of charts whose figures do not change, or change by
// less than one child or one pound: the axis has at least two labelled ticks, and no two read
// the same ("£0 £0 £0 £1 £1 £1" tells a reader nothing).
func TestTicksFlatAndTiny(t *testing.T) {
	xs := testMonths(24)
	flat := func(v float64) func(int) float64 { return func(int) float64 { return v } }
	bands := func(u Unit, mid, spread func(int) float64) *Chart {
		t.Helper()
		c, err := BandChart(&Bands{Name: "flat", Title: "Flat", Unit: u, Measures: []Measure{
			{Series: "s", Label: "S", Scenario: rowsOf(xs, mid, spread), Baseline: rowsOf(xs, mid, flat(0)), Band: true}}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// A difference flat at £1m, on an axis that spans the figures rather than starting at zero,
	// as the comparison and sweep charts draw them.
	free := newPlot("", "", moneyTicks{})
	free.Y.Min = math.Inf(1)
	free.Add(&line{xs: []float64{0, 1, 2}, ys: []float64{1e6, 1e6, 1e6}})
	freeChart := &Chart{Name: "free", Title: "Free"}
	freeChart.addPanel(free)
	tests := []struct {
		name string
		c    *Chart
		want []string // nil: any two or more distinct labels
	}{
		{"children flat at zero", bands(Count, flat(0), flat(0)), []string{"0", "1"}},
		{"children under a third", bands(Count, flat(0.1), flat(0.1)), []string{"0", "1"}},
		{"a difference of a third of a child", bands(Count, flat(0), flat(0.3)), []string{"-1", "0", "1"}},
		{"children flat at 12", bands(Count, flat(12), flat(0)), nil},
		{"pounds flat at zero", bands(Money, flat(0), flat(0)), []string{"£0", "£1"}},
		{"pounds under one", bands(Money, flat(0.3), flat(0.3)), []string{"£0", "£1"}},
		{"pounds flat at £1m", bands(Money, flat(1e6), flat(0)), nil},
		{"pounds flat at £1m, free axis", freeChart, nil},
		{"shares flat at zero", bands(Share, flat(0), flat(0)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := yLabels(t, tt.c)
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("y-axis %q, want %q", got, tt.want)
			}
			if len(got) < 2 {
				t.Errorf("y-axis %q: fewer than two labelled ticks", got)
			}
			for i := range got {
				if slices.Contains(got[:i], got[i]) {
					t.Errorf("y-axis %q: %q twice", got, got[i])
				}
			}
		})
	}
}

// TestMoneyTicksDistinct checks labels a step of £50k apart about £1m, which round alike to
// one decimal of a million, and the labels of a spending axis, which do not.
func TestMoneyTicksDistinct(t *testing.T) {
	label := func(lo, hi float64) string {
		var ls []string
		for _, tk := range (moneyTicks{}).Ticks(lo, hi) {
			ls = append(ls, tk.Label)
		}
		return strings.Join(ls, " ")
	}
	tests := []struct {
		lo, hi float64
		want   string
	}{
		{0.9e6, 1.1e6, "£0.90m £0.95m £1.00m £1.05m £1.10m"},
		{0, 1, "£0 £1"},
		{0, 80e6, "£0 £20m £40m £60m £80m"},
		{-2e6, 2e6, "-£2m -£1m £0 £1m £2m"},
		{0, 5000, "£0 £1k £2k £3k £4k £5k"},
	}
	for _, tt := range tests {
		if got := label(tt.lo, tt.hi); got != tt.want {
			t.Errorf("%v to %v: %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestBandsInvalid checks that bad bands give an error naming the chart, the measure and what
// is wrong, never a panic.
func TestBandsInvalid(t *testing.T) {
	good := func() *Bands { return monthlyBands() }
	tests := []struct {
		name string
		edit func(b *Bands)
		want []string
	}{
		{"no title", func(b *Bands) { b.Title = "" }, []string{`band chart "band-monthly": a name and a title are needed`}},
		{"no measure", func(b *Bands) { b.Measures = nil }, []string{"no measure to draw"}},
		{"no points", func(b *Bands) { b.Measures[0].Scenario = nil }, []string{`measure "Need": no points`}},
		{"too many measures", func(b *Bands) { b.Measures = append(b.Measures, b.Measures...) }, []string{"8 measures, at most 5"}},
		{"too many measures, no points", func(b *Bands) {
			b.Measures = append(b.Measures, b.Measures...)
			b.Measures[0].Scenario = nil
		}, []string{"8 measures, at most 5", `measure "Need": no points`}},
		{"short baseline", func(b *Bands) { b.Measures[1].Baseline = b.Measures[1].Baseline[:3] }, []string{`measure "Places": baseline has 3 points, not 60`}},
		{"other months", func(b *Bands) { b.Measures[2].Scenario[4].X = "2027-01-01" }, []string{`measure "Waiting: need it, placed elsewhere": scenario point 5 is "2027-01-01", not "2026-08-01"`}},
		{"bad month", func(b *Bands) {
			for i := range b.Measures {
				b.Measures[i].Scenario[7].X = "2026-13-01"
				if b.Measures[i].Baseline != nil {
					b.Measures[i].Baseline[7].X = "2026-13-01"
				}
			}
		}, []string{`measure "Need": scenario point 8: month "2026-13-01"`, `measure "Places": baseline point 8: month "2026-13-01"`}},
		{"no label, unknown unit", func(b *Bands) { b.Measures[3].Label = ""; b.Unit = 7 }, []string{"measure 4: a label and a series name are needed", "unknown unit 7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := good()
			tt.edit(b)
			_, chartErr := BandChart(b)
			_, _, tableErr := b.Table()
			var buf bytes.Buffer
			csvErr := b.WriteCSV(&buf)
			for _, err := range []error{chartErr, tableErr, csvErr} {
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q, want it to say %q", err, w)
					}
				}
			}
			if buf.Len() > 0 {
				t.Errorf("WriteCSV wrote %d bytes of bands it cannot draw", buf.Len())
			}
		})
	}
}

// TestBandsCSV checks that a band chart's figures read back as chart data, every number
// exactly, the scenario's and the baseline's rows under their names.
func TestBandsCSV(t *testing.T) {
	b := monthlyBands()
	var buf bytes.Buffer
	if err := b.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\nrecruit-12,band-monthly,places_inhouse_foster,Places,2026-04-01,45,43,44,45,46,47\n") ||
		!strings.Contains(buf.String(), "\ndefault,band-monthly,places_inhouse_foster,Places,2031-03-01,45,43,44,45,46,47\n") {
		t.Errorf("the CSV lacks the places of the scenario or of the baseline:\n%.600s", buf.String())
	}
	d, err := ReadData(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Two measures with a baseline, two without, 60 months each.
	if len(d.Rows) != 6*60 {
		t.Errorf("%d rows read back, want %d", len(d.Rows), 6*60)
	}
	got := d.Series("band-monthly", "first_choice_inhouse_foster")
	if want := b.Measures[0].Scenario[59]; got[59].P != want.P || got[59].Mean != want.Mean {
		t.Errorf("need in March 2031 read back as %+v, want %+v", got[59], want)
	}
}

// TestBandsTable checks the table under a monthly chart: one row a year, the band where the
// chart draws one, the baseline's median beside the scenario's.
func TestBandsTable(t *testing.T) {
	head, rows, err := monthlyBands().Table()
	if err != nil {
		t.Fatal(err)
	}
	wantHead := []string{"month", "Need (recruit-12)", "Need (default)", "Places (recruit-12)", "Places (default)",
		"Waiting: need it, placed elsewhere (recruit-12)", "Empty places (recruit-12)"}
	if !slices.Equal(head, wantHead) {
		t.Errorf("head %q, want %q", head, wantHead)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5 (one a year)", len(rows))
	}
	if want := []string{"April 2027", "44 (40 to 47)", "44", "46 (44 to 49)", "45", "8", "9"}; !slices.Equal(rows[1], want) {
		t.Errorf("second row %q, want %q", rows[1], want)
	}
}

// TestInlineSVG checks that a chart put inside a page keeps no style attribute (the page's
// Content-Security-Policy forbids them) and sizes itself to its column.
func TestInlineSVG(t *testing.T) {
	c, err := BandChart(yearlyBands())
	if err != nil {
		t.Fatal(err)
	}
	raw := string(svgOf(t, c))
	if !styleAttr.MatchString(raw) {
		t.Fatal("the SVG has no style attribute to turn into presentation attributes")
	}
	got := InlineSVG(raw)
	if !strings.HasPrefix(got, `<svg class="chart" role="img" preserveAspectRatio="xMidYMid meet" `) {
		t.Errorf("inline SVG starts %.80q", got)
	}
	if regexp.MustCompile(`\sstyle="`).MatchString(got) || strings.Contains(got, "<?xml") {
		t.Error("inline SVG keeps a style attribute or the XML header")
	}
	if !strings.Contains(got, `fill="`) {
		t.Error("inline SVG has no fill attribute")
	}
}

// TestBandLinesPrint checks that the median lines of a band chart with no baseline (a
// region's market occupancy by zone) have 3:1 against white (WCAG 2.2, 1.4.11), and each a
// dash of its own, so that two lines of like grey stay apart on paper.
func TestBandLinesPrint(t *testing.T) {
	xs := testMonths(24)
	f := func(a float64) func(int) float64 { return func(int) float64 { return a } }
	b := &Bands{Name: "occupancy", Title: "Occupancy", Subtitle: "Full", Source: testSource.String(), Scenario: "region", YLabel: "Occupancy", Unit: Share}
	for i := range measureColours {
		b.Measures = append(b.Measures, Measure{Series: fmt.Sprint("zone", i), Label: fmt.Sprint("Zone ", i), Scenario: rowsOf(xs, f(0.5+0.08*float64(i)), f(0.02)), Band: i == 0})
	}
	c, err := BandChart(b)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, it := range c.Legend[:len(b.Measures)] {
		if k := contrast(it.Line.Color, color.White); k < 3 {
			t.Errorf("%s's line has %.2f:1 against white, want 3:1", it.Label, k)
		}
		key := fmt.Sprint(it.Line.Dashes)
		if other, ok := seen[key]; ok {
			t.Errorf("%s and %s have the same dashes %s", it.Label, other, key)
		}
		seen[key] = it.Label
	}
}
