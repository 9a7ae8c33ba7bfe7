package workspace

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// paneChart is one chart of the results pane: drawn inline as SVG, with a table of its
// figures under it, and exported in each of its formats.
type paneChart struct {
	Name, Title, Subtitle string
	// Marks says in words the dated changes the chart marks with dotted lines, and when.
	Marks string
	// What says what the table's figures are.
	What string
	Head []string
	Rows [][]string
	// Formats are the formats it exports in ("png", "svg", "pdf", "csv").
	Formats []string
	write   func(w io.Writer, format string) error
}

// comparisonSource is the source line of a comparison's charts.
func comparisonSource(c *comparison) string {
	return fmt.Sprintf("Source: placesim %s simulation of %q against %q, %s each (seed %d). %s",
		c.Version, c.Alt.s.Name, c.Base.s.Name, plural(c.Reps, "paired run"), c.Seed, plots.MoneyTerms(c.Base.s))
}

// runSource names the scenario's run for the charts plots draws of it.
func runSource(c *comparison) plots.Source {
	return plots.Source{Version: c.Version, Scenario: c.Alt.s.Name, Reps: c.Reps, Seed: c.Seed, Prices: plots.PricesNote(c.Alt.s)}
}

// compareRows turns a comparison's differences into the rows plots draws.
func compareRows(c *comparison) []plots.CompareRow {
	var rows []plots.CompareRow
	for _, d := range c.Diffs {
		rows = append(rows, plots.CompareRow{Scenario: cmp.Or(c.AltName, c.Alt.s.Name), Baseline: cmp.Or(c.BaseName, c.Base.s.Name), Period: d.Period, KPI: d.KPI,
			BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: d.N,
			RunLo: d.RunLo, RunHi: d.RunHi, PLower: d.PLower, PHigher: d.PHigher})
	}
	return rows
}

// paneCharts draws the charts of a comparison: the difference from the baseline by financial
// year (plots), the scenario's bands over the baseline by month with its interventions marked,
// and the scenario's cost by financial year (plots).
func paneCharts(c *comparison) ([]*paneChart, error) {
	var out []*paneChart
	diff, err := plots.ComparisonChartsFrom(compareRows(c), c.Base.s.Start, c.Base.s.Years, interval, comparisonSource(c))
	if err != nil {
		return nil, err
	}
	plots.MarkAsItIs(diff, asItIsLabels(c.Base.s, c.Alt.s))
	for _, ch := range diff {
		out = append(out, diffPane(c, ch))
	}
	bands, err := bandPanes(c)
	if err != nil {
		return nil, err
	}
	out = append(out, bands...)
	d, err := c.Alt.chartData()
	if err != nil {
		return nil, err
	}
	cost, err := plots.CostByYearChart(d, runSource(c))
	if err != nil {
		return nil, err
	}
	out = append(out, dataPane(d, cost, plots.CostByYear, money))
	return out, nil
}

// plotsWriter writes a chart plots drew, in png, svg or pdf.
func plotsWriter(ch *plots.Chart) func(io.Writer, string) error {
	return func(w io.Writer, format string) error {
		wt, err := ch.WriterTo(format)
		if err != nil {
			return err
		}
		_, err = wt.WriteTo(w)
		return err
	}
}

// diffPane is the chart of the differences from the baseline, with a table of them by year
// and comparison.csv as its data.
func diffPane(c *comparison, ch *plots.Chart) *paneChart {
	kpis := []string{sim.CostTotal, sim.OccupiedKPI("ifa"), sim.OccupiedCategoryKPI(model.Residential)}
	pc := &paneChart{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, What: "paired mean difference and its 90% confidence interval of the mean",
		Formats: []string{"png", "svg", "pdf", "csv"}}
	pc.Head = []string{"financial year"}
	for _, k := range kpis {
		pc.Head = append(pc.Head, plots.KPILabel(k))
	}
	byKey := map[[2]string]sim.Difference{}
	var periods []string
	for _, d := range c.Diffs {
		byKey[[2]string{d.Period, d.KPI}] = d
		if !slices.Contains(periods, d.Period) {
			periods = append(periods, d.Period)
		}
	}
	for _, p := range periods {
		row := []string{p}
		if p == sim.WholeRun {
			row[0] = "all years"
		}
		for _, k := range kpis {
			d, ok := byKey[[2]string{p, k}]
			if !ok {
				row = append(row, "–")
				continue
			}
			u := plots.UnitOf(k)
			row = append(row, fmt.Sprintf("%s (%s to %s)", signed(d.DiffMean, u), signed(d.DiffLo, u), signed(d.DiffHi, u)))
		}
		pc.Rows = append(pc.Rows, row)
	}
	draw := plotsWriter(ch)
	pc.write = func(w io.Writer, format string) error {
		if format == "csv" {
			return sim.WriteComparison(w, c.Alt.s.Name, c.Base.s.Name, c.Diffs, true)
		}
		return draw(w, format)
	}
	return pc
}

// dataPane is a chart plots drew from the scenario's chart data, with a table of its series
// and the chart's rows of chart-data.csv as its data. The table gives what the chart plots:
// money as the mean of runs (the bars of spending a year, whose parts add up to the total, as
// the workspace's headline gives money), anything else as the median; with 90% of runs.
func dataPane(d *plots.Data, ch *plots.Chart, name string, u unit) *paneChart {
	what, head, rows := plots.ChartFigures(d, name, u, level, false)
	pc := &paneChart{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, What: what, Head: head, Rows: rows,
		Formats: []string{"png", "svg", "pdf", "csv"}}
	draw := plotsWriter(ch)
	pc.write = func(w io.Writer, format string) error {
		if format == "csv" {
			sub := &plots.Data{Scenario: d.Scenario}
			for _, r := range d.Rows {
				if r.Chart == name {
					sub.Rows = append(sub.Rows, r)
				}
			}
			return sub.WriteCSV(w)
		}
		return draw(w, format)
	}
	return pc
}

// svg returns the chart as inline SVG for the page.
func (pc *paneChart) svg() (string, error) {
	var b bytes.Buffer
	if err := pc.write(&b, "svg"); err != nil {
		return "", err
	}
	label := pc.Title + ": " + pc.Subtitle
	if pc.Marks != "" {
		label += ". " + pc.Marks
	}
	return plots.LabelSVG(plots.InlineSVG(b.String()), label), nil
}

// boardPack writes the board pack of a comparison: plots' pack of a comparison, the same as
// placesim compare writes, with what the scenario changes said lever by lever, the business
// case at HM Treasury's Green Book discount rates, and the charts of the difference; one file
// that stands alone.
func boardPack(w io.Writer, c *comparison) error {
	nc, err := sim.NetPosition(c.Base.res, c.Alt.res, interval, sim.GreenBookDiscount)
	if err != nil {
		return err
	}
	rows := compareRows(c)
	src := comparisonSource(c)
	charts, err := plots.ComparisonChartsFrom(rows, c.Base.s.Start, c.Base.s.Years, interval, src)
	if err != nil {
		return err
	}
	cum, err := plots.CumulativeNetChart(nc, src)
	if err != nil {
		return err
	}
	asItIs := asItIsLabels(c.Base.s, c.Alt.s)
	plots.MarkAsItIs(append(charts, cum), asItIs)
	r := &plots.CompareReport{Baseline: c.Base.s, Scenarios: []*model.Scenario{c.Alt.s}, Rows: rows, Cases: []*sim.NetCase{nc},
		AsItIs: [][]string{asItIs},
		Level:  interval, Reps: c.Reps, Seed: c.Seed, Source: src, Charts: append(charts, cum),
		Changes: [][]string{leverChanges(leversFor(c.Base.s), c.Base.s, c.Alt.s, c.Own)},
		Idle:    []model.Problems{c.idle()},
		Files:   c.filesText()}
	return r.WriteHTML(w)
}

// leverChanges says in words what alt changes against base, lever by lever, with the
// baseline's value and the change: "Carers recruited a year: 31 a year (baseline 19 a year;
// +12)". A field no lever is follows by its path as --set names it, as FieldChanges says it
// for placesim compare's pack ("uasc.grant_per_night_gbp: 143 (not in the baseline)"), then the
// dated changes no lever sets, then the baseline's that alt leaves out ("Not in the strategy:
// ...", as placesim compare's pack says them). A scenario that changes nothing says so.
// A lever says the file's own dated change where alt is a file read with what it extends,
// its own from the own-th of alt's (see managed); with own 0, the first of alt's own changes.
func leverChanges(ls []*lever, base, alt *model.Scenario, own int) []string {
	var out []string
	added, at := ownChangesAt(base, alt)
	var said []string // the paths of the levers said changed
	for _, l := range ls {
		if !l.isIntervention() {
			if line, changed := l.fieldChange(base, alt); changed {
				if l.AsItIs {
					line += "; " + asItIsWords
				}
				out = append(out, withUnusual(line, l.unusualIn(alt, nil)))
				said = append(said, l.saidPaths(base, alt)...)
			}
			continue
		}
		if l.OnTop {
			// A file's own rate, which the lever's programme adds to.
			if line, changed := l.fieldChange(base, alt); changed {
				if l.managed(added, at, own, alt) < 0 {
					line = withUnusual(line, l.unusualIn(alt, nil))
				}
				out = append(out, line)
				said = append(said, strings.Join(l.Path, "."))
			}
		}
		if l.Sets {
			// The lever manages the first of the file's interventions with its action.
			if i := l.managed(added, at, own, alt); i >= 0 {
				out = append(out, withUnusual(withCosts(fmt.Sprintf("%s: %s (baseline %s)", l.Label, l.said(added[i], alt), l.Baseline), alt, added[i]), l.unusualIn(alt, &added[i])))
			}
			continue
		}
		// The lever manages the first of the file's interventions with its action and kind,
		// whatever its label; a home opens its lead time after its from. Its running cost,
		// and any one-off or programme cost of its file, are said as placesim compare's pack
		// says them (plots.CostTerms).
		if i := l.managed(added, at, own, alt); i >= 0 {
			iv := added[i]
			out = append(out, withUnusual(withCosts(fmt.Sprintf("%s: %s from %s%s (baseline %s)", l.Label, plural(iv.Count, "bed"), ukDate(opensOn(iv.From, iv.LeadTimeDays)),
				bedTerms(iv, "2 January 2006"), l.Baseline), alt, iv), l.unusualIn(alt, &iv)))
		}
	}
	if changes, err := scenarios.Changes(base, alt); err == nil {
		for _, c := range changes {
			// A change at a lever's path, within it or holding it (a price band's
			// kind) is the lever's, already said.
			if !slices.ContainsFunc(said, func(p string) bool {
				return p == c.Path || strings.HasPrefix(p, c.Path+".") || strings.HasPrefix(c.Path, p+".")
			}) {
				out = append(out, c.String())
			}
		}
	}
	out = append(out, plots.InterventionChanges(alt, unlevered(ls, base, alt, own))...)
	out = append(out, plots.LeftOutChanges(base, alt)...)
	if len(out) == 0 {
		if sameScenario(base, alt) {
			return []string{"Nothing: the scenario is the baseline as it is."}
		}
		return []string{"No lever of the workspace: the changes are in the scenario file itself (its Advanced section)."}
	}
	return out
}

// withCosts is line, a lever's change iv of scenario alt, with what iv costs after it in the
// words of every board pack (plots.CostTerms), when it costs anything.
func withCosts(line string, alt *model.Scenario, iv model.Intervention) string {
	if c := plots.CostTerms(alt, iv); c != "" {
		return line + "; " + c
	}
	return line
}

// unlevered returns the dated changes alt adds to base's that no lever of ls sets (a saved
// file's own programmes): each intervention lever manages the first of them it reads, by the
// rule its boxes read the file with (managed), whatever its label. own is as managed takes it.
func unlevered(ls []*lever, base, alt *model.Scenario, own int) []model.Intervention {
	added, at := ownChangesAt(base, alt)
	byLever := make([]bool, len(added))
	for _, l := range ls {
		if !l.isIntervention() {
			continue
		}
		if i := l.managed(added, at, own, alt); i >= 0 {
			byLever[i] = true
		}
	}
	var rest []model.Intervention
	for i, iv := range added {
		if !byLever[i] {
			rest = append(rest, iv)
		}
	}
	return rest
}

// managed returns the number of the dated change among added (alt's own, at their places at
// in alt.Interventions) that the intervention lever l manages, or -1: as its boxes read the
// file (find), the first with its action, for a lever that sets a rate or a number, and else
// the first with its action on its kind. Only those from the own-th of alt's on are the file's
// own, which its boxes read: where alt is a file that extends another file, compared with a
// baseline it does not extend, a home of the file it extends is not the lever's, however
// early it comes, but a dated change no lever sets.
func (l *lever) managed(added []model.Intervention, at []int, own int, alt *model.Scenario) int {
	for i, iv := range added {
		if at[i] < own || iv.Action.String() != l.Action {
			continue
		}
		if (l.Sets && l.Kind == "") || kindName(alt, iv.Kind) == l.Kind {
			return i
		}
	}
	return -1
}

// ownChanges returns the dated changes of alt that base has not, in alt's order: each of
// base's matches one of alt's that does the same (the same action on the kind of the same
// name, with the same figures and dates), as placesim compare's board pack matches them. A
// scenario that extends base holds base's changes first, and its own are those after them;
// against a baseline it does not extend (the Compare page's choice), they are those it holds
// and that baseline has not, wherever they are.
func ownChanges(base, alt *model.Scenario) []model.Intervention {
	out, _ := ownChangesAt(base, alt)
	return out
}

// ownChangesAt returns ownChanges and where each is in alt.Interventions.
func ownChangesAt(base, alt *model.Scenario) (out []model.Intervention, at []int) {
	used := make([]bool, len(alt.Interventions))
	for _, b := range base.Interventions {
		for i, iv := range alt.Interventions {
			if !used[i] && sameChange(alt, iv, base, b) {
				used[i] = true
				break
			}
		}
	}
	for i, iv := range alt.Interventions {
		if !used[i] {
			out, at = append(out, iv), append(at, i)
		}
	}
	return out, at
}

// sameChange reports whether iv of scenario s and b of scenario base are the same dated
// change, reading the kind each acts on by its name, whichever file lists it.
func sameChange(s *model.Scenario, iv model.Intervention, base *model.Scenario, b model.Intervention) bool {
	if kindName(s, iv.Kind) != kindName(base, b.Kind) {
		return false
	}
	iv.Kind, b.Kind = 0, 0
	iv.Baseline, b.Baseline = false, false
	return reflect.DeepEqual(iv, b)
}

// kindName is the name of s's kind k, or its number when s has no such kind.
func kindName(s *model.Scenario, k model.KindID) string {
	if int(k) >= 0 && int(k) < len(s.Kinds) {
		return s.Kinds[k].Name
	}
	return strconv.Itoa(int(k))
}

// changeText is the change from the baseline's value bv to v: "+12", "-£50 (-5%)".
func changeText(bv, v float64, f valueFormat) string {
	d := v - bv
	sign := "+"
	if d < 0 {
		sign = "-"
	}
	var s string
	switch f {
	case fmtPercent:
		pp := roundTo(math.Abs(100*d), 8)
		s = sign + formatNumber(pp) + " percentage point"
		if pp != 1 {
			s += "s"
		}
	case fmtGBP:
		s = sign + pounds(math.Abs(d))
	default:
		s = sign + commas(roundTo(math.Abs(d), 8))
	}
	if f != fmtPercent && bv != 0 {
		s += " (" + percentChange(100*d/bv) + ")"
	}
	return s
}

// percentChange writes a change of p per cent with its sign, to a whole number where that is not
// 0 and otherwise to its first digit that is not: "+57%", "+0.2%" (+0.5 on 260, once "+0%").
func percentChange(p float64) string {
	digits := 0
	if a := math.Abs(p); a != 0 && a < 0.5 {
		digits = min(int(math.Ceil(-math.Log10(a))), 8)
		if roundTo(a, digits) == 0 {
			digits++
		}
	}
	return fmt.Sprintf("%+.*f%%", digits, p)
}

// ukDate writes a date as the UK does: "1 April 2028".
func ukDate(t time.Time) string { return t.Format("2 January 2006") }

// packPolicy is the Content-Security-Policy of the board pack: plots writes it as one
// self-contained page with its style sheet and charts inline, so it may use inline styles,
// and still makes no request of any kind.
const packPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// chartFormats names the export formats for a reader.
func chartFormats(formats []string) string {
	return strings.ToUpper(strings.Join(formats, ", "))
}
