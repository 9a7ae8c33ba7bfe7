package plots

import (
	"encoding/csv"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// CompareRow is one row of comparison.csv: a KPI of an alternative scenario set against the
// baseline in one period (a financial year, or "all"), paired by replication.
type CompareRow struct {
	Scenario, Baseline, Period, KPI string
	// BaseMean and AltMean are the KPI's means in the baseline and the alternative (for a
	// share, ratios of totals over the replications).
	BaseMean, AltMean float64
	// DiffMean is the mean of the paired differences (alternative less baseline; for a share,
	// the difference of the ratios of totals); DiffLo and DiffHi bound its interval.
	DiffMean, DiffLo, DiffHi float64
	// N is the number of pairs.
	N int
}

// SweepRow is one row of a sweep's table: a KPI in one period when the lever takes Value.
type SweepRow struct {
	Scenario, Lever string
	// Value is the lever's value.
	Value       float64
	Period, KPI string
	// Mean is the KPI's mean over replications (for a share, the ratio of totals); Lo and Hi
	// bound its interval.
	Mean, Lo, Hi float64
	// N is the number of replications.
	N int
}

// csvTable reads a CSV file with a header, and gives each row's fields by column name.
type csvTable struct {
	name string
	cols map[string]int
	errs []error
	line int
	rec  []string
}

func readTable(r io.Reader, name string, want []string) ([][]string, *csvTable, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("%s: empty, want the columns %s", name, strings.Join(want, ","))
	}
	t := &csvTable{name: name, cols: map[string]int{}}
	for i, c := range recs[0] {
		t.cols[strings.TrimSpace(c)] = i
	}
	var missing []string
	for _, c := range want {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("%s: line 1: no column %s", name, strings.Join(missing, ", "))
	}
	return recs[1:], t, nil
}

func (t *csvTable) str(col string) string { return t.rec[t.cols[col]] }

func (t *csvTable) num(col string) float64 {
	v, err := parseNum(t.str(col))
	if err != nil {
		t.errs = append(t.errs, fmt.Errorf("%s: line %d: %s: %w", t.name, t.line, col, err))
	}
	return v
}

func (t *csvTable) int(col string) int {
	v, err := strconv.Atoi(t.str(col))
	if err != nil {
		t.errs = append(t.errs, fmt.Errorf("%s: line %d: %s: %q is not a whole number", t.name, t.line, col, t.str(col)))
	}
	return v
}

// ReadCompareRows reads comparison.csv: the columns
// scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_lo,diff_hi,n in any order (other
// columns are ignored). Errors name the line and column.
func ReadCompareRows(r io.Reader) ([]CompareRow, error) {
	recs, t, err := readTable(r, "comparison", []string{"scenario", "baseline", "period", "kpi", "base_mean", "alt_mean", "diff_mean", "diff_lo", "diff_hi", "n"})
	if err != nil {
		return nil, err
	}
	out := make([]CompareRow, len(recs))
	for i, rec := range recs {
		t.rec, t.line = rec, i+2
		out[i] = CompareRow{
			Scenario: t.str("scenario"), Baseline: t.str("baseline"), Period: t.str("period"), KPI: t.str("kpi"),
			BaseMean: t.num("base_mean"), AltMean: t.num("alt_mean"),
			DiffMean: t.num("diff_mean"), DiffLo: t.num("diff_lo"), DiffHi: t.num("diff_hi"), N: t.int("n"),
		}
	}
	return out, errors.Join(t.errs...)
}

// ReadSweepRows reads a sweep's table: the columns scenario,lever,value,period,kpi,mean,lo,hi,n
// in any order (other columns are ignored). Errors name the line and column.
func ReadSweepRows(r io.Reader) ([]SweepRow, error) {
	recs, t, err := readTable(r, "sweep", []string{"scenario", "lever", "value", "period", "kpi", "mean", "lo", "hi", "n"})
	if err != nil {
		return nil, err
	}
	out := make([]SweepRow, len(recs))
	for i, rec := range recs {
		t.rec, t.line = rec, i+2
		out[i] = SweepRow{
			Scenario: t.str("scenario"), Lever: t.str("lever"), Value: t.num("value"), Period: t.str("period"), KPI: t.str("kpi"),
			Mean: t.num("mean"), Lo: t.num("lo"), Hi: t.num("hi"), N: t.int("n"),
		}
	}
	return out, errors.Join(t.errs...)
}

// kpiLabels names the KPIs a comparison or a sweep is usually about.
var kpiLabels = map[string]string{
	"cost_total":                    "Spending",
	"children_in_care":              "Children in care",
	"occupied_ifa":                  "Children with agency foster carers",
	"occupied_inhouse_foster":       "Children with in-house foster carers",
	"occupied_inhouse_home":         "In-house children's homes",
	"occupied_block_residential":    "Block-contracted beds",
	"occupied_external_residential": "External children's homes",
	"emergency_placements":          "Emergency placements",
	"first_choice_share":            "Children placed in their first choice",
	"carer_households_end":          "In-house carer households",
	"placed_distant_share":          "Children placed more than 20 miles away",
	"approvals":                     "Carer households approved",
	"deregistrations":               "Carer households deregistered",
	"gap_need_inhouse_foster":       "Children who need in-house foster care",
	"gap_waiting_inhouse_foster":    "Children waiting for in-house foster care",
	"gap_empty_inhouse_foster":      "Empty in-house foster places",
}

// KPILabel returns a KPI's name in plain English: "cost_total" is "Spending".
func KPILabel(kpi string) string {
	if l, ok := kpiLabels[kpi]; ok {
		return l
	}
	return strings.ReplaceAll(kpi, "_", " ")
}

// isMoney reports whether a KPI is in pounds.
func isMoney(kpi string) bool { return strings.HasPrefix(kpi, "cost_") }

// isShare reports whether a KPI is a share (0-1).
func isShare(kpi string) bool { return strings.HasSuffix(kpi, "_share") }

// formatKPI writes a value of kpi as a board paper would.
func formatKPI(kpi string, v float64) string {
	switch {
	case isMoney(kpi):
		return formatMoney(v)
	case isShare(kpi):
		return formatShare(v)
	}
	return formatCount(v)
}

// residentialKPIs are the residential kinds a comparison chart shows, in order.
var residentialKPIs = []string{"occupied_inhouse_home", "occupied_block_residential", "occupied_external_residential"}

// intervalText writes an interval level for a legend: 0.9 is "90% interval".
func intervalText(level float64) string {
	if level <= 0 || level >= 1 {
		return "interval"
	}
	return strconv.FormatFloat(100*level, 'f', -1, 64) + "% interval"
}

// ComparisonCharts draws, for each alternative scenario in rows, the difference from the
// baseline by financial year, with its interval: in spending, in children with agency foster
// carers (occupied_ifa) and in children in each kind of residential care. level is the
// intervals' level (0.9 for 90%), for the legend; 0 says only "interval". Charts are named
// "difference-<scenario>".
func ComparisonCharts(rows []CompareRow, level float64, src string) ([]*Chart, error) {
	var alts []string
	for _, r := range rows {
		if !slices.Contains(alts, r.Scenario) {
			alts = append(alts, r.Scenario)
		}
	}
	if len(alts) == 0 {
		return nil, errors.New("plots: no comparison rows to draw")
	}
	var out []*Chart
	for _, alt := range alts {
		c, err := comparisonChart(rows, alt, level, src)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// yearRows returns the rows of alt and kpi by financial year, in file order.
func yearRows(rows []CompareRow, alt, kpi string) []CompareRow {
	var out []CompareRow
	for _, r := range rows {
		if r.Scenario == alt && r.KPI == kpi && r.Period != "all" {
			out = append(out, r)
		}
	}
	return out
}

func comparisonChart(rows []CompareRow, alt string, level float64, src string) (*Chart, error) {
	cost := yearRows(rows, alt, "cost_total")
	if len(cost) == 0 {
		return nil, fmt.Errorf("plots: comparison of %s has no cost_total by financial year", alt)
	}
	base := cost[0].Baseline
	years := make([]string, len(cost))
	for i, r := range cost {
		years[i] = r.Period
	}
	interval := intervalText(level)
	c := &Chart{
		Name:   "difference-" + alt,
		Title:  fmt.Sprintf("How %q differs from %q", alt, base),
		Source: src,
		Width:  Width, Height: TallHeight,
		Legend: []LegendItem{{Label: "Difference (mean of paired runs) and its " + interval, Line: lineStyle(black, 1, nil), Whisker: true}},
		Cols:   1,
	}
	whisk := func(rs []CompareRow, offset float64, m mark) *whiskers {
		w := &whiskers{offset: offset, style: lineStyle(m.color, 1, nil), point: m.color, shape: m.shape}
		for _, y := range years {
			i := slices.IndexFunc(rs, func(r CompareRow) bool { return r.Period == y })
			if i < 0 {
				w.lo, w.hi, w.mid = append(w.lo, math.NaN()), append(w.hi, math.NaN()), append(w.mid, math.NaN())
				continue
			}
			w.lo, w.hi, w.mid = append(w.lo, rs[i].DiffLo), append(w.hi, rs[i].DiffHi), append(w.mid, rs[i].DiffMean)
		}
		return w
	}
	newPanel := func(title, yLabel string, ticks plot.Ticker) *plot.Plot {
		p := newPlot(title, yLabel, ticks)
		p.Y.Min = math.Inf(1)
		setCategoryAxis(p, years, 10)
		p.Add(zeroLine{})
		return p
	}

	pc := newPanel("Spending", "Difference a year", moneyTicks{})
	pc.Add(whisk(cost, 0, mark{black, draw.CircleGlyph{}}))
	c.addPanel(pc)

	if ifa := yearRows(rows, alt, "occupied_ifa"); len(ifa) > 0 {
		pi := newPanel("Children with agency foster carers", "Difference in children", countTicks{})
		pi.Add(whisk(ifa, 0, mark{blue, draw.CircleGlyph{}}))
		c.addPanel(pi)
	}
	var resKPIs []string
	for _, k := range residentialKPIs {
		if len(yearRows(rows, alt, k)) > 0 {
			resKPIs = append(resKPIs, k)
		}
	}
	if len(resKPIs) > 0 {
		pr := newPanel("Children in residential care", "Difference in children", countTicks{})
		marks := []mark{{vermilion, draw.CircleGlyph{}}, {blue, draw.BoxGlyph{}}, {darkGrey, draw.PyramidGlyph{}}}
		for i, k := range resKPIs {
			off := (float64(i) - float64(len(resKPIs)-1)/2) * 0.22
			pr.Add(whisk(yearRows(rows, alt, k), off, marks[i]))
			c.Legend = append(c.Legend, LegendItem{Label: KPILabel(k), Line: lineStyle(marks[i].color, 1, nil), Whisker: true})
		}
		c.addPanel(pr)
	}
	if len(c.panels) == 1 {
		c.Height = Height
	}

	last := cost[len(cost)-1]
	switch {
	case last.DiffHi < 0:
		c.Subtitle = fmt.Sprintf("%q saves %s in %s (%s: %s to %s) against %q.", alt, formatMoney(-last.DiffMean), last.Period, interval, formatMoney(-last.DiffHi), formatMoney(-last.DiffLo), base)
	case last.DiffLo > 0:
		c.Subtitle = fmt.Sprintf("%q costs %s more in %s (%s: %s to %s) than %q.", alt, formatMoney(last.DiffMean), last.Period, interval, formatMoney(last.DiffLo), formatMoney(last.DiffHi), base)
	default:
		c.Subtitle = fmt.Sprintf("In %s, %q spends %s against %q, with an %s from %s to %s: no clear difference.", last.Period, alt, formatSigned(last.DiffMean, true), base, interval, formatSigned(last.DiffLo, true), formatSigned(last.DiffHi, true))
	}
	return c, nil
}

// mark is the colour and glyph of one series of points.
type mark struct {
	color color.Color
	shape draw.GlyphDrawer
}

// SweepChart draws a KPI in one period against the lever of a sweep: the mean at each value
// of the lever with its interval as a band. level is the intervals' level, for the legend.
func SweepChart(rows []SweepRow, kpi, period string, level float64, src string) (*Chart, error) {
	var sel []SweepRow
	for _, r := range rows {
		if r.KPI == kpi && r.Period == period {
			sel = append(sel, r)
		}
	}
	if len(sel) == 0 {
		return nil, fmt.Errorf("plots: the sweep has no rows of %s in %s", kpi, period)
	}
	lever := sel[0].Lever
	slices.SortStableFunc(sel, func(a, b SweepRow) int {
		switch {
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	})
	xs := make([]float64, len(sel))
	lo, hi, mean := make([]float64, len(sel)), make([]float64, len(sel)), make([]float64, len(sel))
	for i, r := range sel {
		if r.Lever != lever {
			return nil, fmt.Errorf("plots: the sweep's rows of %s in %s vary %s and %s: draw one lever at a time", kpi, period, lever, r.Lever)
		}
		xs[i], lo[i], hi[i], mean[i] = r.Value, r.Lo, r.Hi, r.Mean
	}
	what := KPILabel(kpi)
	periodText := "over the whole run"
	if period != "all" {
		periodText = "in " + period
	}
	interval := intervalText(level)
	c := &Chart{
		Name:   "sweep-" + strings.NewReplacer(".", "-", "_", "-").Replace(lever) + "-" + strings.ReplaceAll(kpi, "_", "-"),
		Title:  fmt.Sprintf("%s %s as %s changes", what, periodText, lever),
		Source: src,
		Width:  Width, Height: Height,
		Legend: []LegendItem{
			{Label: "Mean of runs", Line: lineStyle(blue, 1.6, nil)},
			{Label: strings.ToUpper(interval[:1]) + interval[1:], Fill: band50},
		},
		Cols: 1,
	}
	var ticks plot.Ticker = countTicks{}
	switch {
	case isMoney(kpi):
		ticks = moneyTicks{}
	case isShare(kpi):
		ticks = shareTicks{}
	}
	p := newPlot("", what, ticks)
	p.X.Label.Text = lever
	p.X.Min, p.X.Max = xs[0], xs[len(xs)-1]
	p.X.Tick.Marker = countTicks{}
	// The effect of the lever is the point: the axis spans the figures rather than starting at
	// zero, and the subtitle gives the values.
	p.Y.Min = math.Inf(1)
	p.Add(&band{xs: xs, lo: lo, hi: hi, color: band50})
	p.Add(&line{xs: xs, ys: mean, style: lineStyle(blue, 1.6, nil)})
	p.Add(&points{xs: xs, ys: mean, color: blue})
	c.addPanel(p)

	first, last := sel[0], sel[len(sel)-1]
	c.Subtitle = fmt.Sprintf("From %s when %s is %s to %s when it is %s (%s at %s: %s to %s).",
		formatKPI(kpi, first.Mean), lever, strconv.FormatFloat(first.Value, 'f', -1, 64),
		formatKPI(kpi, last.Mean), strconv.FormatFloat(last.Value, 'f', -1, 64),
		interval, strconv.FormatFloat(last.Value, 'f', -1, 64), formatKPI(kpi, last.Lo), formatKPI(kpi, last.Hi))
	return c, nil
}

// shareTicks label a share axis in per cent.
type shareTicks struct{}

func (shareTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(math.Round(1000*ticks[i].Value)/10, 'f', -1, 64) + "%"
		}
	}
	return ticks
}

// points draws a dot at each (x, y).
type points struct {
	xs, ys []float64
	color  color.Color
}

func (pt *points) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	for i := range pt.xs {
		c.DrawGlyph(draw.GlyphStyle{Color: pt.color, Radius: 2.6, Shape: draw.CircleGlyph{}}, vg.Point{X: x(pt.xs[i]), Y: y(pt.ys[i])})
	}
}
