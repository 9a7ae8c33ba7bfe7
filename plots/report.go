package plots

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// Report is the HTML report of a run: what was simulated, the key figures
// with their intervals, the charts, and the assumptions.
type Report struct {
	// Data is the run's chart data; its key figures fill the table.
	Data *Data
	// Scenario is the scenario as run.
	Scenario *model.Scenario
	// Source names the run.
	Source Source
	// Charts are drawn into the report as SVG, in order.
	Charts []*Chart
	// SVG, when set, gives the SVG document of a chart of Charts, the bytes its
	// WriterTo("svg") writes: a report written beside the charts' own SVG files then takes
	// each chart as drawn for its file rather than drawing it again.
	SVG func(c *Chart) ([]byte, error)
}

// WriteHTML writes the report as one self-contained HTML file: the charts are inline SVG, the
// style sheet is inline, and the page makes no request of any kind, so it can be mailed, kept
// with the board papers and opened offline. It prints on A4.
func (r *Report) WriteHTML(w io.Writer) error {
	page := reportPage{
		CSS:    reportCSS,
		Title:  "Placement sufficiency: " + r.Scenario.Name,
		Source: r.Source.String(),
		Sets:   r.Source.Sets,
		Files:  "summary.csv, kpis.csv and timeseries.csv",
	}
	if len(page.Sets) > 0 {
		page.Title += ", changed by --set"
	}
	if r.Source.NoKPIs {
		page.Files = "summary.csv and timeseries.csv"
	}
	s := r.Scenario
	page.Description = s.Description
	end := s.Start.AddDate(s.Years, 0, -1)
	figures := "The key figures below are the means of those runs, and the range within which 9 runs in 10 fall: the uncertainty " +
		"that comes from chance alone, with the scenario's assumptions held fixed."
	if r.Source.Reps == 1 {
		figures = "The key figures below are that run's."
	}
	page.Simulated = fmt.Sprintf("placesim followed every child in care, every foster carer household and every bed of the scenario %q "+
		"day by day from %s to %s (%s), %s. %s",
		s.Name, s.Start.Format("2 January 2006"), end.Format("2 January 2006"), plural(s.Years, "year"), runTimes(r.Source.Reps), figures)
	if note := FewRunsNote(r.Source.Reps, 0.9, ""); note != "" {
		page.Simulated += " " + note
	}
	if note := PricesNote(s); note != "" {
		page.Simulated += " Money in cash terms. " + note
	}

	if r.Data != nil {
		page.Figures = keyFigureTable(r.Data, s, r.Source.Reps)
	}
	for _, c := range r.Charts {
		rc, err := reportChartOf(c, r.SVG)
		if err != nil {
			return err
		}
		rc.Figures = reportFigures(r.Data, c.Name, r.Source.Reps == 1)
		page.Charts = append(page.Charts, rc)
	}
	page.HowToRead = HowToRead(s)
	page.Assumptions = assumptions(s, filledFromData(r.Data, s), r.Source.Sets, r.Source.CouncilSets)
	page.Kinds = kindRows(s, r.Source.Shared)
	// Each dated change with its terms and costs, in the words of a comparison's board pack.
	for _, iv := range s.Interventions {
		if iv.Baseline {
			page.Planned = append(page.Planned, InterventionChanges(s, []model.Intervention{iv})...)
		} else {
			page.Interventions = append(page.Interventions, InterventionChanges(s, []model.Intervention{iv})...)
		}
	}
	page.ChangesPrices = TermsPricesNote(s, append(slices.Clone(page.Interventions), page.Planned...))
	return reportTemplate.Execute(w, page)
}

// reportChartOf draws chart c in SVG, or takes it from svg when not nil, to stand inside a
// report's page.
func reportChartOf(c *Chart, svg func(*Chart) ([]byte, error)) (reportChart, error) {
	var doc []byte
	if svg != nil {
		b, err := svg(c)
		if err != nil {
			return reportChart{}, err
		}
		doc = b
	} else {
		wt, err := c.WriterTo("svg")
		if err != nil {
			return reportChart{}, err
		}
		var buf bytes.Buffer
		if _, err := wt.WriteTo(&buf); err != nil {
			return reportChart{}, err
		}
		doc = buf.Bytes()
	}
	return reportChart{Name: c.Name, SVG: template.HTML(inlineSVG(string(doc), c.AccessibleName())), Figures: c.figures}, nil
}

// inlineSVG makes an SVG document fit to go inside HTML: without its XML declaration and
// comment, scaling to the width of the page, and named name for screen readers (the chart's
// title and the subtitle that states its finding). The document's <desc> is dropped, as the
// name says it already: a screen reader would otherwise read the subtitle twice.
func inlineSVG(svg, name string) string {
	if i := strings.Index(svg, "<svg"); i >= 0 {
		svg = svg[i:]
	}
	svg = dropDesc(svg)
	return LabelSVG(strings.Replace(svg, "<svg ", `<svg role="img" class="chart" `, 1), name)
}

// svgDesc matches the <desc> element a Chart's SVG document has, with the line before it.
var svgDesc = regexp.MustCompile(`\n<desc>[^<]*</desc>`)

// dropDesc returns svg without its first <desc> element.
func dropDesc(svg string) string {
	if loc := svgDesc.FindStringIndex(svg); loc != nil {
		return svg[:loc[0]] + svg[loc[1]:]
	}
	return svg
}

// reportCSS is the style sheet of every report: A4 print, tables of figures with their
// ranges, charts the width of the page. On paper a chart's figures, folded under it on the
// screen, print unfolded (their print-only copy), headings stay with what follows them and no
// table row is split between pages. A table with a column for each measure has headers
// that wrap (th.wrap), and a table with a row for each council, or with a column for each part
// of a business case, is set a little smaller (table.councils, table.case), so that all fit the
// 178 mm between the page's margins.
const reportCSS = `@page { size: A4; margin: 16mm 16mm 18mm; }
html { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 11pt; color: #1a1a1a; }
body { max-width: 178mm; margin: 0 auto; padding: 12px; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; padding-bottom: 2pt; }
p.lede { font-size: 12pt; color: #404040; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 10pt; }
th, td { text-align: left; padding: 3pt 6pt; border-bottom: 1px solid #ddd; vertical-align: top; }
th { border-bottom: 1.5px solid #666; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.num span { display: block; color: #555; font-size: 8.5pt; }
th.wrap, td.wrap { white-space: normal; }
table.figs { font-size: 8.5pt; }
table.figs th, table.figs td { padding: 2pt 3pt; }
summary { color: #404040; font-size: 9pt; cursor: pointer; }
details { overflow-x: auto; }
th.row { font-weight: normal; border-bottom: 1px solid #ddd; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.councils { font-size: 9.5pt; }
table.councils th, table.councils td { padding: 3pt 3pt; }
table.councils td.num span { font-size: 8pt; }
table.case { font-size: 9pt; }
table.case th, table.case td { padding: 3pt 3pt; }
table.case td.num span { font-size: 7.5pt; }
figure { margin: 12pt 0; break-inside: avoid; page-break-inside: avoid; }
svg.chart { width: 100%; height: auto; display: block; }
.source { color: #555; font-size: 9pt; }
section { break-inside: auto; }
.print-only { display: none; }
p.figs-what { color: #404040; font-size: 9pt; margin: 0; }
@media print {
  body { max-width: none; padding: 0; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; color: #555; word-break: break-all; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  h2 + p, h3 + p, h4 + p { break-before: avoid; page-break-before: avoid; }
  figure { break-inside: avoid; }
  tr, table.figs { break-inside: avoid; page-break-inside: avoid; }
  details.figs { display: none; }
  .print-only { display: block; }
}
`

type reportPage struct {
	CSS                                   template.CSS
	Title, Description, Simulated, Source string
	// Files names the files beside the report that hold every figure.
	Files       string
	Figures     figureTable
	Charts      []reportChart
	Assumptions [][2]string
	Kinds       []kindRow
	// Interventions are the strategy tested; Planned the changes marked as part of the
	// baseline (a calibration's trend, or what the council has decided already): each with
	// its terms and costs (InterventionChanges).
	Interventions, Planned []string
	// ChangesPrices says at which year's prices the money of the two lists is
	// (TermsPricesNote); "" when they name none.
	ChangesPrices string
	// Sets are the changes --set made to the scenario for this run (Source.Sets).
	Sets []string
	// HowToRead defines the figures whose words could be read more ways than one.
	HowToRead [][2]string
}

type reportChart struct {
	Name string
	SVG  template.HTML
	// Figures are the chart's figures, in a table folded under it; nil when the report has no
	// data of the chart.
	Figures *chartFigures
}

type figureTable struct {
	Columns []string
	Rows    []figureRow
	Note    string // which part years the table leaves out, or that it has no whole year
	OneRun  bool   // the figures are one run's, with no range
	// AtEndNote is set when a row counts on the year's last day (a stock such as the carer
	// households at the year's end), whose whole-run cell is left blank.
	AtEndNote bool
	// AtEndPart, when set, says that such a row's whole-run cell gives the count at the run's
	// end instead: the run ends in a part year the yearly columns leave out, so no column
	// shown gives it. It is the run's last day, "30 June 2036".
	AtEndPart string
}

type figureRow struct {
	Label string
	Cells []figureCell
}

// figureCell is a key figure and the range of 9 runs in 10. In a run's report the figure is
// the mean over the runs, as the charts' subtitles, a comparison's board pack and a region's
// pack give it, so that a paper quotes one baseline.
type figureCell struct{ Value, Range string }

// Words are what a screen reader reads between a cell's figure and its range, which the
// page sets below the figure and the table's note explains: ", 90% of runs " before a range,
// "no range" before the dash of one run, a comma before words such as "see the last year".
func (c figureCell) Words() string {
	switch {
	case strings.Contains(c.Range, " to "):
		return ", 90% of runs "
	case c.Range == "–":
		return ", no range "
	}
	return ", "
}

// keyFigureTable lays the key figures out by measure and period: the first and last financial
// years and the whole run of scenario s, whose totals are shown a year: divided by the years
// simulated, not by the financial years reported (one more when the run does not start on 1
// April). Such a run's first and last years are part years (14 days of one from 15 April), so
// the table shows its first and last whole years instead, and its note says which part years
// it leaves out; a run with one whole year shows that year, and one with none shows its part
// years, which the columns and the note say are part years.
func keyFigureTable(d *Data, s *model.Scenario, reps int) figureTable {
	t := figureTable{OneRun: reps == 1}
	names := d.SeriesNames(KeyFigures)
	if len(names) == 0 {
		return t
	}
	periods := []string{}
	for _, r := range d.Series(KeyFigures, names[0]) {
		periods = append(periods, r.X)
	}
	var pick []string
	switch {
	case len(periods) >= 3:
		pick = []string{periods[0], periods[len(periods)-2], sim.WholeRun}
	default:
		pick = periods
	}
	years := float64(len(periods) - 1)
	var first, last string // the part years, if any
	if s != nil && s.Years > 0 {
		years = float64(s.Years)
		if partYears(s.Start, s.Years) != "" {
			first, last = model.FinancialYear(s.Start), model.FinancialYear(s.Start.AddDate(s.Years, 0, -1))
			var whole, parts []string
			for _, p := range periods {
				switch p {
				case sim.WholeRun:
				case first, last:
					parts = append(parts, YearLabel(s.Start, s.Years, p))
				default:
					whole = append(whole, p)
				}
			}
			switch {
			case len(whole) == 0:
				t.Note = fmt.Sprintf("No financial year of this run is whole: it starts on %s and ends on %s, so its years are part years, shown as such.",
					s.Start.Format("2 January 2006"), s.Start.AddDate(s.Years, 0, -1).Format("2 January 2006"))
			case len(whole) == 1:
				pick = []string{whole[0], sim.WholeRun}
			default:
				pick = []string{whole[0], whole[len(whole)-1], sim.WholeRun}
			}
			if len(whole) > 0 && len(parts) > 0 {
				are := " are part years"
				if len(parts) == 1 {
					are = " is a part year"
				}
				t.Note = joinAnd(parts) + are + ", left out of the yearly columns, which show whole financial years; the whole run's column counts them."
			}
		}
	}
	for _, p := range pick {
		switch p {
		case sim.WholeRun:
			t.Columns = append(t.Columns, "Whole run (a year)")
		case first:
			t.Columns = append(t.Columns, p+" (from "+s.Start.Format("2 January")+")")
		case last:
			t.Columns = append(t.Columns, p+" (to "+s.Start.AddDate(s.Years, 0, -1).Format("2 January")+")")
		default:
			t.Columns = append(t.Columns, p)
		}
	}
	// The run's end is in a yearly column shown unless its last year is a part year left out.
	endShown := true
	if n := len(pick); last != "" && n >= 2 && pick[n-1] == sim.WholeRun && pick[n-2] != last {
		endShown = false
	}
	for _, name := range names {
		rows := d.Series(KeyFigures, name)
		fr := figureRow{Label: rows[0].Label}
		for _, p := range pick {
			var cell figureCell
			for _, r := range rows {
				if r.X != p {
					continue
				}
				if p == sim.WholeRun && atEnd(name) && !endShown {
					// The count on the run's last day, in the part year left out.
					cell.Value = formatKPI(name, r.Mean)
					cell.Range = formatKPI(name, r.P[0]) + " to " + formatKPI(name, r.P[4])
					if reps == 1 {
						cell.Range = "–"
					}
					t.AtEndPart = s.Start.AddDate(s.Years, 0, -1).Format("2 January 2006")
					continue
				}
				if p == sim.WholeRun && atEnd(name) {
					// A count on the year's last day has no whole-run figure beside the
					// yearly ones: the run's end is the last year's column.
					cell = figureCell{Value: "–", Range: "see the last year"}
					t.AtEndNote = true
					continue
				}
				scale := 1.0
				// Totals over the whole run are shown a year, to sit beside the yearly columns.
				if p == sim.WholeRun && isTotal(name) && years > 0 {
					scale = 1 / years
				}
				cell.Value = formatKPI(name, scale*r.Mean)
				cell.Range = formatKPI(name, scale*r.P[0]) + " to " + formatKPI(name, scale*r.P[4])
				if reps == 1 { // one run gives no range
					cell.Range = "–"
				}
			}
			fr.Cells = append(fr.Cells, cell)
		}
		t.Rows = append(t.Rows, fr)
	}
	return t
}

// HowToRead defines, for scenario s, the figures of a run's report and workbook whose words
// could be read more ways than one: the children placed elsewhere whose first choice is the
// council's mainstream foster care and the places it is short of first choices (the same words
// in every output), and the council's own foster carer households.
func HowToRead(s *model.Scenario) [][2]string {
	var out [][2]string
	if s == nil {
		return out
	}
	if i, ok := sim.HeadlineGapKind(s); ok {
		label := s.Kinds[i].Label
		out = append(out,
			[2]string{PlacedElsewhereLabel(label), PlacedElsewhereMeaning},
			[2]string{"Places short of first choices (" + lowerFirst(label) + ")", ShortfallMeaning})
	}
	if kinds := byNeedKinds(s); len(kinds) > 0 {
		take := " takes"
		if len(kinds) > 1 {
			take = " take"
		}
		out = append(out, [2]string{"Children of each need placed elsewhere whose first choice is a kind that takes more than one need",
			upperFirst(joinAnd(kinds)) + take + " children of more than one need (standard, complex, solo): for each, the children placed elsewhere whose first choice it is, by their need " +
				"(\"Children with complex needs placed elsewhere whose first choice is ...\"), placed in another kind or in an emergency placement. The key figures give each need of which some run places a child elsewhere; " +
				"the workbook gives every one (gap_waiting_<kind>_<need>). Children outside the kind's age bands are counted in no need. " +
				"A place takes any need its kind takes, so the places short of first choices are not split by need."})
	}
	kinds := sim.CatalogueOf(s).CarerKinds()
	every := "None: the scenario has no kind of foster care supplied by the council's own carers."
	if len(kinds) > 0 {
		together := ""
		if len(kinds) > 1 {
			together = " together"
		}
		every = "Every household of the council's own foster carers (" + joinAnd(kinds) + together + ") on the year's last day; " +
			"each kind's at the start is in the report's Assumptions, and its carers.households in scenario.yaml (the workbook's Scenario sheet)."
	}
	return append(out, [2]string{"The council's own foster carer households", every})
}

// byNeedKinds names, inside a sentence, the kinds of s whose sufficiency gap is recorded by need
// (sim.GapWaitingNeed): its own households, homes or block beds that take children of more than
// one need.
func byNeedKinds(s *model.Scenario) []string {
	var out []string
	for _, k := range s.Kinds {
		if (k.Supply == model.Carers || k.Supply == model.Homes || k.Supply == model.Block) && len(k.Accepts.Needs.Needs()) > 1 {
			out = append(out, lowerFirst(labelOf(k)))
		}
	}
	return out
}

// assumptions lists the scenario's main inputs in plain English; with the run f (nil for
// none), the share of places filled that it gives beside Ofsted's; sets are the changes --set
// made to s for the run (Source.Sets), or none, and own, for a region's council, the changes
// of its set: in the region file (model.Council.Sets, Source.CouncilSets).
func assumptions(s *model.Scenario, f *runFilled, sets, own []string) [][2]string {
	stock := 0
	for _, g := range s.Stock {
		stock += g.Count
	}
	out := [][2]string{
		{"Start and length", fmt.Sprintf("%s, %s reported", s.Start.Format("2 January 2006"), plural(s.Years, "year"))},
		{"Children living in the area", formatCount(float64(s.ChildPopulation))},
		{"Children in care at the start" + warmupStart(s), formatCount(float64(stock))},
		{"Children entering care a year", entriesText(s)},
		{"Unaccompanied asylum-seeking children arriving a year", formatCount(s.UASC.PerYear)},
	}
	out = append(out, uascAssumptions(s, stock)...)
	out = append(out, [][2]string{
		{"Sibling groups", fmt.Sprintf("%s of children arrive with brothers or sisters", formatShare(s.Entries.SiblingShare))},
	}...)
	out = append(out, siblingOnlyRows(s, f, sets, own)...)
	out = append(out, [][2]string{
		{"Step-down from residential care", stepDownText(s)},
	}...)
	if s.AnyStepDown() {
		out = append(out, [2]string{"Step-down to", stepDownTo(s)})
	}
	out = append(out, [][2]string{
		{"Emergency placement", fmt.Sprintf("%s a week, until a place on the child's ladder is free (searched every %s days)", formatPounds(startPrice(s, s.Emergency.WeeklyCostGBP)), formatCount(s.Emergency.RetryDays))},
		{"Inflation", signedPercent(s.InflationPerYear) + " a year, each April"},
	}...)
	if year, toStart := s.PricesIn(); year != "" {
		out = append(out, [2]string{"Prices", fmt.Sprintf("the money in these tables is at the start's prices, %s's: %s of the file's amounts, which are %s prices (prices_at)",
			model.FinancialYear(s.Start), strconv.FormatFloat(toStart, 'f', 2, 64), year)})
	}
	if s.WarmupYears > 0 {
		out = append(out, [2]string{"Warm-up", plural(s.WarmupYears, "year") + " simulated before the start and left out: the children in care and the carer households " +
			"given at the start are those of the warm-up's first day, " + s.Start.AddDate(-s.WarmupYears, 0, 0).Format("2 January 2006") +
			"; on " + s.Start.Format("2 January 2006") + " they are what the warm-up has made of them (timeseries.csv)"})
	}
	return out
}

// warmupStart says which start the scenario's starting figures are of: " of the warm-up (1
// April 2024)" when a warm-up runs before the reported start, which they are at; "" otherwise.
func warmupStart(s *model.Scenario) string {
	if s.WarmupYears <= 0 {
		return ""
	}
	return " of the warm-up (" + s.Start.AddDate(-s.WarmupYears, 0, 0).Format("2 January 2006") + ")"
}

// entriesText says how many children enter care a year at the start and how that changes,
// and that the count leaves out the unaccompanied asylum-seeking children, who arrive on top
// of it (the key figures' children entering care count both).
func entriesText(s *model.Scenario) string {
	text := fmt.Sprintf("%s at the start, changing by %s a year", formatCount(s.Entries.PerYear), signedPercent(s.Entries.TrendPerYear))
	if s.UASC.PerYear > 0 {
		text = fmt.Sprintf("%s other than unaccompanied asylum-seeking children at the start, changing by %s a year, and %s unaccompanied children arriving a year on top (the key figures' children entering care count both)",
			formatCount(s.Entries.PerYear), signedPercent(s.Entries.TrendPerYear), formatCount(s.UASC.PerYear))
	}
	return text
}

// siblingOnlyVacancyNote says what the share of households that keep their places for
// brothers and sisters was set to (about 60% of places filled, Ofsted 2025, docs/sources.md),
// or, when changedBy is not "", that what it names (siblingOnlyChangedBy: "for this run by
// --set") changed it from the scenario file's own value, so that it was not set to give
// Ofsted's figure; what this run gives (filled, a clause from filledClause; "" when the run's
// figure is not to hand); and why Ofsted's share of places vacant is not that figure turned
// round: Ofsted counts apart the places neither filled nor vacant, as not available.
func siblingOnlyVacancyNote(filled string, changedBy string) string {
	note := "set so that about 60% of foster places are filled, as Ofsted counted in England in 2025 (42,015 of 69,825 mainstream places)"
	if changedBy != "" {
		note = "changed " + changedBy + " from the scenario file's own value, so not set to match Ofsted, who counted about 60% of foster places " +
			"filled in England in 2025 (42,015 of 69,825 mainstream places)"
	}
	if filled != "" {
		note += "; " + filled
	}
	return note + ". Ofsted's 17.6% of places vacant in 2022 (13,170 of 74,660) counts only places " +
		"available for a child: the others not filled were not available (in 2017: 62% filled, 20% vacant, 18% not available)"
}

// siblingOnlyChangedBy says what changed the share of households of the kind named kind
// (index in the scenario's list of kinds, as siblingOnlySet takes it) that keep their places
// for brothers and sisters from the scenario file's own value, in words that follow "changed":
// "for this run by --set" when sets, the changes --set made for the run, did; "by the
// council's set: in the region file" when own, a region's council's set: items
// (model.Council.Sets), did, or, of the region as a whole (region), own holding every
// council's, "for one or more councils by their set: in the region file"; "" when neither did.
func siblingOnlyChangedBy(sets, own []string, kind string, index int, region bool) string {
	switch {
	case siblingOnlySet(sets, kind, index):
		return "for this run by --set"
	case siblingOnlySet(own, kind, index) && region:
		return "for one or more councils by their set: in the region file"
	case siblingOnlySet(own, kind, index):
		return "by the council's set: in the region file"
	}
	return ""
}

// siblingOnlySet says whether one of sets, the changes --set made to a scenario for a run
// (Source.Sets, "path=value"), changed the share of households of its kind named kind that
// keep their places for brothers and sisters: whether it set
// kinds.<kind>.carers.sibling_only_share, or a field that holds it (kinds.<kind>.carers,
// kinds[index], kinds), naming the kind or its place in the scenario's list of kinds, index, as
// --set may. With index < 0, its place unknown, a change to any kinds[N] counts: the note then
// says no more than that the share may not be the file's own.
func siblingOnlySet(sets []string, kind string, index int) bool {
	want := []string{"kinds", kind, "carers", "sibling_only_share"}
	for _, set := range sets {
		path, _, _ := strings.Cut(set, "=")
		segs := setPathSegments(strings.TrimSpace(path))
		if len(segs) == 0 || len(segs) > len(want) {
			continue
		}
		match := true
		for i, g := range segs {
			if g == want[i] {
				continue
			}
			if n, ok := strings.CutPrefix(g, "["); i == 1 && ok && (index < 0 || n == strconv.Itoa(index)+"]") {
				continue
			}
			match = false
			break
		}
		if match {
			return true
		}
	}
	return false
}

// setPathSegments splits a --set path into its keys and list positions:
// kinds[2].carers is "kinds", "[2]", "carers".
func setPathSegments(path string) []string {
	var out []string
	for _, part := range strings.Split(path, ".") {
		for part != "" {
			i := strings.IndexByte(part[1:], '[')
			if i < 0 {
				out = append(out, part)
				break
			}
			out = append(out, part[:i+1])
			part = part[i+1:]
		}
	}
	return out
}

// filledClause says that in this run who (a scenario's name in quotes, or a region's council)
// has share of its places in the kind labelled label filled on an average day.
func filledClause(who, label string, share float64) string {
	return fmt.Sprintf("in this run, %s has %s of its places in %s filled on an average day (the children placed there over its places, over the whole run)",
		who, formatShare(share), lowerFirst(label))
}

// runFilled is the share of places filled on an average day in a run, for each kind of carers
// whose households keep places for brothers and sisters, and whose they are: a scenario's
// name in quotes, or a region's council. A nil *runFilled knows no run.
type runFilled struct {
	who   string
	share func(kind string) (float64, bool)
	// text, when set, says it instead, for runs side by side (filledFromRows).
	text func(k model.Kind) string
}

// clause returns filledClause for kind k, or "" when f knows no figure of it.
func (f *runFilled) clause(k model.Kind) string {
	if f != nil && f.text != nil {
		return f.text(k)
	}
	if f == nil || f.share == nil {
		return ""
	}
	v, ok := f.share(k.Name)
	if !ok {
		return ""
	}
	return filledClause(f.who, labelOf(k), v)
}

// filledFromData returns the runFilled of the scenario s whose chart data is d.
func filledFromData(d *Data, s *model.Scenario) *runFilled {
	return &runFilled{who: strconv.Quote(s.Name), share: func(kind string) (float64, bool) { return placesFilledShare(d, kind) }}
}

// filledFromResults returns the runFilled of res, whose places are who's.
func filledFromResults(res *sim.Results, who string) *runFilled {
	return &runFilled{who: who, share: func(kind string) (float64, bool) { return placesFilledOf(res, kind) }}
}

// filledFromRows returns the runFilled of a comparison of the baseline b with the strategies
// alts, from its rows (comparison.csv's): each run's share of its places filled on an average
// day over the whole run, the mean of the children placed there over the mean of its places,
// which is the ratio of their totals over the runs that a run's report gives. It says the
// baseline's and each strategy's side by side; nothing when the rows do not give the
// baseline's.
func filledFromRows(rows []CompareRow, b *model.Scenario, alts []*model.Scenario) *runFilled {
	share := func(alt, kind string, base bool) (float64, bool) {
		var occ, places float64
		found := 0
		for _, r := range rows {
			if r.Scenario != alt || r.Baseline != b.Name || r.Period != sim.WholeRun {
				continue
			}
			v := r.AltMean
			if base {
				v = r.BaseMean
			}
			switch r.KPI {
			case sim.OccupiedKPI(kind):
				occ, found = v, found+1
			case sim.PlacesOf(kind):
				places, found = v, found+1
			}
		}
		if found != 2 || !(places > 0) || math.IsNaN(occ) {
			return 0, false
		}
		return occ / places, true
	}
	return &runFilled{text: func(k model.Kind) string {
		var base float64
		ok := false
		var them []string
		for _, a := range alts {
			if !ok {
				base, ok = share(a.Name, k.Name, true)
			}
			if v, has := share(a.Name, k.Name, false); has {
				them = append(them, fmt.Sprintf("%q %s", a.Name, formatShare(v)))
			}
		}
		if !ok {
			return ""
		}
		text := fmt.Sprintf("in these runs, the baseline %q has %s of its places in %s filled on an average day", b.Name, formatShare(base), lowerFirst(labelOf(k)))
		switch len(them) {
		case 0:
		case 1:
			text += " and the strategy " + them[0]
		default:
			text += " and the strategies " + joinAnd(them)
		}
		return text + " (the children placed there over its places, over the whole run)"
	}}
}

// siblingOnlyRows gives a row for each kind of carers of s with households that keep their
// places beyond the first for brothers and sisters (carers.sibling_only_share): an
// assumption, from which follows how many of its empty places only a sibling group can use,
// with the share of its places filled in the run f (nil for none) beside Ofsted's; sets are
// the changes --set made to s for the run, and own a region's council's set: items, which
// say whether the share is the file's own.
func siblingOnlyRows(s *model.Scenario, f *runFilled, sets, own []string) [][2]string {
	var out [][2]string
	for i, k := range s.Kinds {
		if k.Carers == nil || k.Carers.SiblingOnlyShare <= 0 {
			continue
		}
		out = append(out, [2]string{labelOf(k) + ": places kept for brothers and sisters",
			fmt.Sprintf("%s of households keep their places beyond the first for brothers and sisters (kinds.%s.carers.sibling_only_share): an assumption, not a published figure, "+
				"%s. The empty places the sufficiency gap by age finds kept for brothers and sisters follow from it",
				formatShare(k.Carers.SiblingOnlyShare), k.Name, siblingOnlyVacancyNote(f.clause(k), siblingOnlyChangedBy(sets, own, k.Name, i, false)))})
	}
	return out
}

// uascAssumptions says what the scenario assumes of unaccompanied asylum-seeking children
// beyond their arrivals: how many are in care at the start (of stock children in care), the
// National Transfer Scheme threshold as a share of the children living in the area and in
// children, and the Home Office's grant rate, which spending never counts.
func uascAssumptions(s *model.Scenario, stock int) [][2]string {
	uasc := 0
	for _, g := range s.Stock {
		if g.UASC {
			uasc += g.Count
		}
	}
	out := [][2]string{{"Unaccompanied asylum-seeking children in care at the start" + warmupStart(s), fmt.Sprintf("%s of the %s", formatCount(float64(uasc)), formatCount(float64(stock)))}}
	threshold := "none: every unaccompanied child who arrives is looked after here"
	if sh := s.UASC.TransferThresholdShare; sh > 0 {
		threshold = fmt.Sprintf("%s of the %s children living in the area: %s unaccompanied children; a child who arrives while the council looks after that many is transferred to another council",
			strconv.FormatFloat(math.Round(1e6*100*sh)/1e6, 'f', -1, 64)+"%", formatCount(float64(s.ChildPopulation)), formatCount(sh*float64(s.ChildPopulation)))
	}
	out = append(out, [2]string{"National Transfer Scheme threshold", threshold})
	grant := "no rate given (uasc.grant_per_night_gbp): the grant is income, which the spending figures never count"
	if g := s.UASC.GrantPerNightGBP; g > 0 {
		grant = formatPounds(g) + " a child a night (uasc.grant_per_night_gbp): income, which the spending figures never count"
	}
	if w := s.UASC.LeavingCareGrantPerWeekGBP; w > 0 {
		grant += "; for former unaccompanied children it supports after care, " + formatPounds(w) + " a young person a week (uasc.leaving_care_grant_per_week_gbp), income too"
	}
	return append(out, [2]string{"Home Office grant for unaccompanied children", grant})
}

// stepDownTo names the kinds of placement children step down to (step_down.try), in the
// order they are tried.
func stepDownTo(s *model.Scenario) string {
	var names []string
	for _, k := range s.StepDown.Try {
		if int(k) < len(s.Kinds) {
			kd := s.Kinds[k]
			label := kd.Label
			if label == "" {
				label = kd.Name
			}
			names = append(names, label)
		}
	}
	if len(names) == 0 {
		return "no family kind (step_down.try is empty): no child steps down"
	}
	return "the first of " + strings.Join(names, ", then ") + " with a place for the child (step_down.try)"
}

// stepDownText says how children in residential care step down to a family, by need: at the
// scenario-wide shares, and in each residential kind with shares of its own, at those.
func stepDownText(s *model.Scenario) string {
	sd := s.StepDown
	if !s.AnyStepDown() {
		return "none: children stay in residential care until their plan ends"
	}
	byNeed := func(share *[model.NumNeeds]float64) string {
		var parts []string
		for n := model.Need(0); n < model.NumNeeds; n++ {
			if p := share[n]; p > 0 {
				parts = append(parts, fmt.Sprintf("%s of reviews find a child with %s needs ready", formatShare(p), n))
			} else {
				parts = append(parts, fmt.Sprintf("children with %s needs do not step down", n))
			}
		}
		return strings.Join(parts, "; ")
	}
	var own []string
	for _, k := range s.Kinds {
		if k.Category == model.Residential && k.StepDownReadyShare != nil {
			own = append(own, fmt.Sprintf("in %s, at its own rate, %s", k.Label, byNeed(k.StepDownReadyShare)))
		}
	}
	wide := byNeed(&sd.ReadyShare)
	if len(own) > 0 {
		wide = "in other residential care, " + wide
	}
	parts := append([]string{"reviewed every " + formatCount(sd.ReviewDays) + " days", wide}, own...)
	return strings.Join(parts, "; ") + "; a child keeps their needs in the family placement"
}

// signedPercent writes a yearly rate: 0.02 is "2%", -0.01 is "-1%".
func signedPercent(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", 100*v), "0"), ".") + "%"
}

// kindRow is one kind of placement in the Assumptions: Fixed, under the weekly price, is what
// the kind costs whether its places are full or not ("" when nothing).
type kindRow struct{ Label, Price, Fixed, Places string }

// startPrice returns amount, written in s's prices (prices_at), at the start's prices: the
// amount itself when they are the start's year, and otherwise the amount times the factor
// that carries prices_at's to the start (model.Scenario.PricesIn), 0.79 of it eight Aprils of
// 3% earlier, to the pound. The report's, pack's and workspace's tables of what a run starts with show
// these, as the run pays them in its first year.
func startPrice(s *model.Scenario, amount float64) float64 {
	if _, toStart := s.PricesIn(); toStart != 1 {
		return math.Round(amount * toStart) // to the pound: pence would claim a precision the deflating has not
	}
	return amount
}

// SharedMarket is a region's shared market as a council's report describes it.
type SharedMarket struct {
	// Kind is the provision kind it supplies.
	Kind string
	// Places is its providers' places at the start.
	Places int
	// Providers is how many providers it has at the start.
	Providers int
	// Prices is how its prices differ from the councils' own (MarketPricesNote), or "".
	Prices string
}

// SharedMarketsOf returns reg's shared markets, for its councils' reports (Source.Shared).
func SharedMarketsOf(reg *model.Region) []SharedMarket {
	var out []SharedMarket
	for i, m := range reg.Markets {
		out = append(out, SharedMarket{Kind: m.Kind, Places: MarketPlaces(m), Providers: len(m.Providers), Prices: MarketPricesNote(reg, i)})
	}
	return out
}

// MarketPlaces returns the places of shared market m at the start: its providers' places.
func MarketPlaces(m model.SharedMarket) int {
	n := 0
	for _, p := range m.Providers {
		n += max(p.Places, 0)
	}
	return n
}

// places says where a council of the region gets the market's places and what its prices
// carry: "the region's shared market: 110 places at the start, from 2 providers, shared with
// the other councils. The independent fostering agency market: each council pays its own
// weekly price for the kind, up to 15% more as the market fills …".
func (m SharedMarket) places() string {
	out := fmt.Sprintf("the region's shared market: %s at the start, from %s, shared with the other councils",
		plural(m.Places, "place"), plural(m.Providers, "provider"))
	if m.Prices != "" {
		return out + ". " + m.Prices
	}
	return out
}

// kindRows describes each provision kind: its weekly price for a child of standard need, what
// its homes cost to run whether full or not (see homesFixed), and the places it has at the
// start (for homes, those open on the first day: see homesAtStart); its money at the start's
// prices (startPrice), as the run pays it in its first year. A kind one of shared supplies
// (a council of a region) takes its places from that market, and its price is the list price
// the market's premiums are added to.
func kindRows(s *model.Scenario, shared []SharedMarket) []kindRow {
	var out []kindRow
	for i, k := range s.Kinds {
		places, fixed := "as needed", ""
		j := slices.IndexFunc(shared, func(m SharedMarket) bool { return m.Kind == k.Name })
		switch {
		case j >= 0 && k.Supply == model.Market:
			places = shared[j].places()
			if shared[j].Prices != "" {
				fixed = "the list price, before the market's premiums"
			}
		case k.Supply == model.Market:
			if k.CapacityPlaces > 0 {
				places = fmt.Sprintf("up to %s at once, %s of them local", formatCount(float64(k.CapacityPlaces)), formatCount(math.Round(float64(k.CapacityPlaces)*k.LocalShare)))
			} else {
				places = "unlimited: as many as needed"
			}
		case k.Supply == model.Carers:
			if k.Carers != nil {
				places = fmt.Sprintf("%s carer households", formatCount(float64(k.Carers.Households)))
				if s.WarmupYears > 0 {
					places += " at the start of the warm-up (" + s.Start.AddDate(-s.WarmupYears, 0, 0).Format("2 January 2006") + ")"
				}
			}
		case k.Supply == model.Homes:
			places = homesAtStart(s, i)
			fixed = homesFixed(s, i)
		case k.Supply == model.Block:
			beds := 0
			for _, b := range k.BlockBeds {
				beds += b.Beds
			}
			places = plural(beds, "bed") + " contracted"
		}
		price := formatPounds(startPrice(s, k.WeeklyCostGBP[model.NeedStandard]))
		if k.WeeklyCostGBP[model.NeedStandard] == 0 {
			price = "none"
		}
		out = append(out, kindRow{Label: labelOf(k), Price: price, Fixed: fixed, Places: places})
	}
	return out
}

// homesAtStart says the homes of kind k of scenario s open on the run's first day and their
// beds: "2 homes, 8 beds", or "1 home, 4 beds". A home that a close_home closes on that day, or before it in the
// warm-up, is not among them, and is named with the day it closes: "1 home, 4 beds, after Oak
// House (4 beds) closes on the first day (1 April 2026)".
func homesAtStart(s *model.Scenario, k int) string {
	closes := closedAtStart(s, k)
	homes, beds := 0, 0
	var closed []string
	for _, h := range s.Kinds[k].Homes {
		on, ok := closes[h.Name]
		if !ok {
			homes++
			beds += h.Beds
			continue
		}
		when := "closes on the first day (" + on.Format("2 January 2006") + ")"
		if on.Before(s.Start) {
			when = "closed on " + on.Format("2 January 2006") + ", in the warm-up"
		}
		closed = append(closed, fmt.Sprintf("%s (%s) %s", h.Name, plural(h.Beds, "bed"), when))
	}
	places := plural(homes, "home") + ", " + plural(beds, "bed")
	if len(closed) == 0 {
		return places
	}
	return places + ", after " + strings.Join(closed, " and ")
}

// closedAtStart returns the homes of kind k of scenario s that a close_home closes on the run's
// first day or before it, by name, with the day each closes.
func closedAtStart(s *model.Scenario, k int) map[string]time.Time {
	closes := map[string]time.Time{}
	for _, iv := range s.Interventions {
		if iv.Action == model.CloseHome && int(iv.Kind) == k && !iv.From.After(s.Start) {
			closes[iv.Name] = iv.From
		}
	}
	return closes
}

// homesFixed says what the homes of kind k of scenario s open on the run's first day cost to
// run whether full or not, beside a child's weekly price, which comes on top, in words rather
// than by its field: "plus £1.1m a home a year to run, whether its beds are full or empty, about
// £5,270 a bed a week" ("£2.3m a year for the 2
// homes" when their costs differ); "" when they have none.
func homesFixed(s *model.Scenario, k int) string {
	closes := closedAtStart(s, k)
	var homes, beds int
	var total float64
	same := true
	var first float64
	for _, h := range s.Kinds[k].Homes {
		if _, ok := closes[h.Name]; ok {
			continue
		}
		if homes == 0 {
			first = h.FixedCostPerYearGBP
		}
		same = same && h.FixedCostPerYearGBP == first
		homes++
		beds += h.Beds
		total += h.FixedCostPerYearGBP
	}
	first, total = startPrice(s, first), startPrice(s, total)
	if total <= 0 || beds == 0 {
		return ""
	}
	cost := formatMoney(first) + " a home a year"
	if !same {
		cost = formatMoney(total) + " a year for the " + plural(homes, "home")
	}
	perBedWeek := total / float64(beds) / (model.DaysPerYear / 7)
	return "plus " + cost + " to run, whether its beds are full or empty, about " + formatPounds(math.Round(perBedWeek/10)*10) + " a bed a week"
}

// interventionName is a dated change's label, or its action in words.
func interventionName(iv model.Intervention) string {
	switch {
	case iv.Label != "":
		return iv.Label
	case iv.Action == model.OpenHome && iv.Name != "":
		// The home's name is how the file and a close_home know it: "open Home B".
		return "open " + iv.Name
	}
	return strings.ReplaceAll(iv.Action.String(), "_", " ")
}

// interventionWhen is when a dated change runs: "from April 2027 to March 2030"; a home that
// opens after a lead time says both dates (see openHomeWhen).
func interventionWhen(iv model.Intervention) string {
	if w, ok := openHomeWhen(iv); ok {
		return w
	}
	when := "from " + iv.From.Format("January 2006")
	if !iv.To.IsZero() {
		when += " to " + iv.To.Format("January 2006")
	}
	return when
}

// openHomeWhen is when a home with a lead time is decided and when it opens, as the simulation
// opens it (From plus LeadTimeDays): "decided April 2026, opens April 2028" (an open_home has no
// To). A home that opens in the month it is decided reads as any other change (ok false).
func openHomeWhen(iv model.Intervention) (string, bool) {
	if iv.Action != model.OpenHome || iv.LeadTimeDays <= 0 {
		return "", false
	}
	opens := iv.From.Add(time.Duration(iv.LeadTimeDays * 24 * float64(time.Hour)))
	if opens.Year() == iv.From.Year() && opens.Month() == iv.From.Month() {
		return "", false
	}
	return "decided " + iv.From.Format("January 2006") + ", opens " + opens.Format("January 2006"), true
}

// assumptionsTemplate lays out a scenario's main inputs and its kinds of placement, in the
// report of a run and the board pack of a comparison alike (the page's Assumptions and Kinds).
const assumptionsTemplate = `{{define "chart"}}<figure id="{{.Name}}">
{{.SVG}}
{{with .Figures}}<details class="figs"><summary>Figures in this chart ({{.What}})</summary>
{{template "figs" .}}
</details>
<div class="print-only" aria-hidden="true"><p class="figs-what">Figures in this chart ({{.What}})</p>
{{template "figs" .}}
</div>
{{end}}</figure>
{{end}}{{define "figs"}}<table class="figs" aria-label="Figures in this chart">
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}{{if $i}}<td>{{$c}}</td>{{else}}<th scope="row" class="row">{{$c}}</th>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>{{end}}{{define "cell"}}<td class="num">{{.Value}}<span>{{if .Range}}<span class="vh">{{.Words}}</span>{{.Range}}{{end}}</span></td>{{end}}{{define "assumptions"}}<table aria-label="Assumptions">
<tbody>
{{range .Assumptions}}<tr><th scope="row">{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{end}}</tbody>
</table>
<table aria-label="Kinds of placement: weekly price and places at the start">
<thead><tr><th>Placement</th><th class="num">Weekly price (standard need, at the start)</th><th>Places at the start</th></tr></thead>
<tbody>
{{range .Kinds}}<tr><th scope="row" class="row">{{.Label}}</th><td class="num{{if .Fixed}} wrap{{end}}">{{.Price}}{{with .Fixed}}<br>{{.}}{{end}}</td><td>{{.Places}}</td></tr>
{{end}}</tbody>
</table>
{{end}}`

var reportTemplate = template.Must(template.Must(template.New("report").Parse(assumptionsTemplate)).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="lede">{{.Description}}</p>
</header>
<main>
<section>
<h2>What was simulated</h2>
<p>{{.Simulated}}</p>
</section>
{{with .Figures}}{{if .Rows}}
<section>
<h2>Key figures</h2>
<table>
<caption class="vh">Key figures: {{if .OneRun}}the run's figure{{else}}the mean of the runs, then the range within which 9 runs in 10 fall{{end}}</caption>
<thead><tr><th>Measure</th>{{range .Columns}}<th class="num">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row" class="row">{{.Label}}</th>{{range .Cells}}{{template "cell" .}}{{end}}</tr>
{{end}}</tbody>
</table>
<p class="source">{{if .OneRun}}Each cell: the run's figure, as the charts give it; one run gives no range{{else}}Each cell: the mean of the runs, as the charts and a comparison's board pack give it, and below it the range within which 9 runs in 10 fall{{end}}. Money in cash terms.</p>
{{with .Note}}<p class="source">{{.}}</p>
{{end}}{{if .AtEndNote}}<p class="source">A count at the year's end is a count on one day, not a flow: it has no figure a year over the whole run, and the last year's figure gives it at the run's end.</p>
{{end}}{{with .AtEndPart}}<p class="source">A count at the year's end is a count on one day, not a flow: its whole run's cell gives it on the run's last day, {{.}}, in the part year the yearly columns leave out.</p>
{{end}}</section>
{{end}}{{end}}
{{with .HowToRead}}<section>
<h2>How to read</h2>
<table aria-label="How to read">
<tbody>
{{range .}}<tr><th scope="row">{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}
<section>
<h2>Charts</h2>
{{range .Charts}}{{template "chart" .}}{{end}}<p class="source">Every chart's figures, month by month and year by year: <a href="charts/chart-data.csv">charts/chart-data.csv</a>.</p>
</section>
<section>
<h2>Assumptions</h2>
{{template "assumptions" .}}{{if .Interventions}}<p>The strategy tested:</p>
<ul>
{{range .Interventions}}<li>{{.}}</li>
{{end}}</ul>
{{else if .Sets}}<p>The scenario file tests no change of strategy, but this run changed it with --set, so it is not the file's baseline:</p>
{{else}}<p>The scenario tests no change of strategy: it is a baseline.</p>
{{end}}{{if .Sets}}{{if .Interventions}}<p>This run changed the scenario with --set:</p>
{{end}}<ul>
{{range .Sets}}<li>{{.}}</li>
{{end}}</ul>
<p>scenario.yaml beside this report marks each changed value with a comment "# --set".</p>
{{end}}{{if .Planned}}<p>Already planned in the baseline: changes the council expects anyway, already decided or the calibration's trend.</p>
<ul>
{{range .Planned}}<li>{{.}}</li>
{{end}}</ul>
{{end}}{{with .ChangesPrices}}<p>{{.}}</p>
{{end}}</section>
</main>
<footer><p class="source">{{.Source}} The full scenario is in scenario.yaml beside this report; every figure is in {{.Files}}, and in results.xlsx.</p></footer>
</body>
</html>
`))
