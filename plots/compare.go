package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/placesim/placesim/sim"
)

// residentialKPIs are the residential kinds a comparison chart shows, in order.
var residentialKPIs = []string{sim.OccupiedKPI("inhouse_home"), sim.OccupiedKPI("block_residential"), sim.OccupiedKPI("external_residential")}

// ComparisonCharts draws, for each alternative scenario in rows, the difference from the
// baseline by financial year, with its interval: in spending, in children with agency foster
// carers (occupied_ifa) and in children in each kind of residential care. level is the
// intervals' level (0.9 for 90%), for the legend and subtitle, which name them the confidence
// interval of the mean; 0 gives no level. Charts are named
// "difference-<scenario>".
func ComparisonCharts(rows []CompareRow, level float64, src string) ([]*Chart, error) {
	return ComparisonChartsFrom(rows, time.Time{}, 0, level, src)
}

// ComparisonChartsFrom draws ComparisonCharts of runs of years from start: a subtitle that
// names a part year says where it begins or ends, as YearLabel does ("2036/37 (to 30
// September)"). A zero start names every year as rows do.
func ComparisonChartsFrom(rows []CompareRow, start time.Time, years int, level float64, src string) ([]*Chart, error) {
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
		c, err := comparisonChart(rows, alt, start, years, level, src)
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
		if r.Scenario == alt && r.KPI == kpi && r.Period != sim.WholeRun {
			out = append(out, r)
		}
	}
	return out
}

func comparisonChart(rows []CompareRow, alt string, start time.Time, runYears int, level float64, src string) (*Chart, error) {
	cost := yearRows(rows, alt, sim.CostTotal)
	if len(cost) == 0 {
		return nil, fmt.Errorf("plots: comparison of %s has no cost_total by financial year", alt)
	}
	base := cost[0].Baseline
	years := make([]string, len(cost))
	for i, r := range cost {
		years[i] = r.Period
	}
	interval := meanIntervalText(level)
	c := &Chart{
		Name:   "difference-" + alt,
		Title:  fmt.Sprintf("How %q differs from %q", alt, base),
		Source: src,
		Width:  Width, Height: TallHeight,
		Legend: []LegendItem{{Label: "Difference (mean of paired runs) and its " + interval, Line: lineStyle(black, 1, nil), Whisker: true, Glyph: draw.CircleGlyph{}}},
		Cols:   1,
	}
	// One pair gives no interval: the keys are of its points alone.
	onePair := slices.ContainsFunc(cost, func(r CompareRow) bool { return r.N < 2 })
	if onePair {
		c.Legend[0] = LegendItem{Label: "Difference (the paired run's)", Line: lineStyle(black, 1, nil), Glyph: draw.CircleGlyph{}}
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
	// A part year is marked on the axis, under its year, where it begins or ends ("2028/29",
	// "(to 14 April)"), as the subtitle names it: its difference is not a year's.
	newPanel := func(title, yLabel string, ticks plot.Ticker) *plot.Plot {
		p := newPlot(title, yLabel, ticks)
		p.Y.Min = math.Inf(1)
		setYearAxis(p, start, runYears, years, 10)
		p.Add(zeroLine{})
		return p
	}

	// A run that does not start on 1 April has a part year at each end, whose difference is
	// not a year's (14 days of one from 15 April): the axis does not say "a year", and the
	// subtitle says which are part years, as the run's spending chart does.
	costAxis := "Difference a year"
	if partYears(start, runYears) != "" {
		costAxis = "Difference"
	}
	// The business case's chart draws a saving above zero: this panel's difference in spending
	// is below zero when the strategy spends less, and its title says so.
	pc := newPanel(SpendingPanelTitle, costAxis, moneyTicks{})
	pc.Add(whisk(cost, 0, mark{black, draw.CircleGlyph{}}))
	c.addPanel(pc)

	if ifa := yearRows(rows, alt, sim.OccupiedKPI("ifa")); len(ifa) > 0 {
		pi := newPanel(KPILabel(sim.OccupiedKPI("ifa")), "Difference in children", countTicks{})
		// Black, as the legend's first entry: blue is a kind of residential care's.
		pi.Add(whisk(ifa, 0, mark{black, draw.CircleGlyph{}}))
		c.addPanel(pi)
	}
	// A kind of residential care with no child in it in either scenario, in any year (block
	// beds in a county that has none), is left out: its line of zeros says nothing.
	var resKPIs []string
	for _, k := range residentialKPIs {
		rs := yearRows(rows, alt, k)
		if len(rs) > 0 && slices.ContainsFunc(rs, func(r CompareRow) bool { return r.BaseMean != 0 || r.AltMean != 0 || r.DiffMean != 0 }) {
			resKPIs = append(resKPIs, k)
		}
	}
	if len(resKPIs) > 0 {
		pr := newPanel("Children in residential care", "Difference in children", countTicks{})
		// Each kind keeps its mark whichever kinds the chart shows.
		marks := []mark{{vermilion, draw.CircleGlyph{}}, {blue, draw.BoxGlyph{}}, {darkGrey, draw.PyramidGlyph{}}}
		for i, k := range resKPIs {
			off := (float64(i) - float64(len(resKPIs)-1)/2) * 0.22
			m := marks[slices.Index(residentialKPIs, k)]
			pr.Add(whisk(yearRows(rows, alt, k), off, m))
			c.Legend = append(c.Legend, LegendItem{Label: KPILabel(k), Line: lineStyle(m.color, 1, nil), Whisker: !onePair, Glyph: m.shape})
		}
		c.addPanel(pr)
	}
	if len(c.panels) == 1 {
		c.Height = Height
	}
	c.figures = differenceFigures(rows, alt, years, resKPIs, onePair, interval)

	// The subtitle speaks of the last whole year: a run from 15 April ends in 14 days.
	var periods []string
	for _, d := range cost {
		periods = append(periods, d.Period)
	}
	last := cost[slices.Index(periods, LastWholeYear(start, runYears, periods))]
	lastYear := YearLabel(start, runYears, last.Period)
	// The subtitle leads with the whole run's net position, then the last year's: a strategy
	// that saves in its last year may cost more over the run.
	c.Subtitle = upperFirst(spendClause(last, "in "+lastYear, alt, base, interval, level)) + "."
	if i := slices.IndexFunc(rows, func(r CompareRow) bool {
		return r.Scenario == alt && r.KPI == sim.CostTotal && r.Period == sim.WholeRun
	}); i >= 0 {
		over := "over the run"
		if runYears > 0 {
			over = "over " + overYears(runYears)
		}
		c.Subtitle = upperFirst(spendClause(rows[i], over, alt, base, interval, level)) + "; " + spendClause(last, "in "+lastYear, alt, base, interval, level) + "."
		// A saving that comes with young people leaving care with no accommodation says so.
		if j := slices.IndexFunc(rows, func(r CompareRow) bool {
			return r.Scenario == alt && r.KPI == sim.CareLeaversUnmet && r.Period == sim.WholeRun
		}); j >= 0 {
			if w := UnmetNeedCaveat(-rows[i].DiffMean, rows[j].DiffMean); w != "" {
				c.Subtitle = strings.TrimSuffix(c.Subtitle, ".") + w + "."
			}
		}
	}
	c.Subtitle += partYearsNote(start, runYears)
	return c, nil
}

// partYearTicks returns the labels of an axis of financial years of a run of years from
// start: a part year's says, on a second line, where it begins or ends ("2028/29\n(to 14
// April)", as YearLabel says it), and part marks it. A zero start marks none.
func partYearTicks(start time.Time, runYears int, years []string) (names []string, part []bool) {
	for _, y := range years {
		label := YearLabel(start, runYears, y)
		rest, isPart := strings.CutPrefix(label, y+" ")
		isPart = isPart && label != y
		if isPart {
			label = y + "\n" + rest
		}
		names, part = append(names, label), append(part, isPart)
	}
	return names, part
}

// spendClause says how alt's spending differs from base's in a comparison row of cost_total,
// when ("in 2035/36", "over 10 years"): it saves, costs more, or shows no clear difference,
// with the interval of the mean difference, or one paired run's difference. Where the row has
// the shares of pairs in which alt spends less or more, the clause gives the one that goes with
// it: a saving on average can still be a loss in many futures, and a chart lifted alone says so.
func spendClause(d CompareRow, when, alt, base, interval string, level float64) string {
	switch {
	case math.IsNaN(d.DiffLo) || math.IsNaN(d.DiffHi):
		return fmt.Sprintf("%s, %q spends %s in one paired run, which gives no interval", when, alt, spendsThan(d.DiffMean, base))
	case d.DiffHi < 0:
		return fmt.Sprintf("%q saves %s %s against %q on average%s (%s, the precision of that average: %s to %s)", alt, formatMoney(-d.DiffMean), when, base, futuresRange(d, level), interval, formatMoney(-d.DiffHi), formatMoney(-d.DiffLo)) + futuresText(d, true)
	case d.DiffLo > 0:
		return fmt.Sprintf("%q costs %s more %s than %q on average%s (%s, the precision of that average: %s to %s)", alt, formatMoney(d.DiffMean), when, base, futuresRange(d, level), interval, formatMoney(d.DiffLo), formatMoney(d.DiffHi)) + futuresText(d, false)
	}
	return fmt.Sprintf("%s, %q spends %s on average%s, with a %s (the precision of that average) from %s to %s: no clear difference", when, alt, spendsThan(d.DiffMean, base), futuresRange(d, level), interval, formatSigned(d.DiffLo, true), formatSigned(d.DiffHi, true)) + futuresText(d, d.DiffMean < 0)
}

// futuresRange gives the range of the saving in one future of a comparison row of cost_total
// (its paired runs' middle share, as FuturesWords says it), after a comma: ", in 90% of
// futures between a saving of £13.1m and a loss of £328k", or "" where the row has none. It is
// the range a reader quotes; the confidence interval of the mean is only the average's
// precision.
func futuresRange(d CompareRow, level float64) string {
	if d.N <= 1 || level <= 0 {
		return ""
	}
	if w := FuturesWords(-d.RunHi, -d.RunLo, level); w != "" {
		return ", " + w
	}
	return ""
}

// spendsThan says a difference in spending in words, without a minus sign: "£140k less than
// \"default\"", "£2.0m more than \"default\"", or "the same as \"default\"".
func spendsThan(diff float64, base string) string {
	switch m := formatMoney(math.Abs(diff)); {
	case math.IsNaN(diff):
		return fmt.Sprintf("n/a against %q", base)
	case m == "£0":
		return fmt.Sprintf("the same as %q", base)
	case diff < 0:
		return fmt.Sprintf("%s less than %q", m, base)
	default:
		return fmt.Sprintf("%s more than %q", m, base)
	}
}

// futuresText gives the share of paired runs in which the alternative spends less (less set)
// or more: ", spending less in 92% of futures", or "" where the row does not have it.
func futuresText(d CompareRow, less bool) string {
	p, word := d.PLower, "less"
	if !less {
		p, word = d.PHigher, "more"
	}
	if math.IsNaN(p) || d.N <= 1 {
		return ""
	}
	return fmt.Sprintf(", spending %s in %s of futures", word, Chance(p))
}

// mark is the colour and glyph of one series of points.
type mark struct {
	color color.Color
	shape draw.GlyphDrawer
}

// differenceFigures are the figures of alt's difference chart (comparisonChart), for the
// table under it: a row for each series it draws (spending, children with agency foster
// carers, each kind of residential care kept), a column for each financial year, each cell
// the mean difference with its interval, or one paired run's difference.
func differenceFigures(rows []CompareRow, alt string, years, resKPIs []string, onePair bool, interval string) *chartFigures {
	t := &chartFigures{What: "difference, mean of paired runs and its " + interval, Head: append([]string{"Series"}, years...)}
	if onePair {
		t.What = "difference, the paired run's"
	}
	for _, kpi := range append([]string{sim.CostTotal, sim.OccupiedKPI("ifa")}, resKPIs...) {
		rs := yearRows(rows, alt, kpi)
		if len(rs) == 0 {
			continue
		}
		row := []string{KPILabel(kpi)}
		for _, y := range years {
			i := slices.IndexFunc(rs, func(r CompareRow) bool { return r.Period == y })
			if i < 0 {
				row = append(row, "–")
				continue
			}
			r, money := rs[i], kpi == sim.CostTotal
			cell := formatSigned(r.DiffMean, money)
			if !onePair && !math.IsNaN(r.DiffLo) && !math.IsNaN(r.DiffHi) {
				cell += fmt.Sprintf(" (%s to %s)", formatSigned(r.DiffLo, money), formatSigned(r.DiffHi, money))
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
