package plots

import (
	"cmp"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/plot/vg/draw"
)

// RegionCouncils is the name of the chart of a region's councils side by side.
const RegionCouncils = "councils"

// regionMeasure is one headline figure of a region's councils: a KPI over the whole run, a
// year's worth when it is a total.
type regionMeasure struct {
	kpi, label string
	// short names it in a table of text.
	short string
}

// regionMeasures are the headline figures of a region's table of councils, in order; those
// the results lack are left out.
var regionMeasures = []regionMeasure{
	{sim.ChildrenInCare, "Children in care", "children"},
	{sim.OccupiedCategoryKPI(model.Residential), "In residential care", "residential"},
	{sim.EmergencyPlacements, "Emergency placements a year", "emergencies"},
	// Beside the emergency placements begun, the children in one on an average day, as a
	// comparison's headlines show them (EmergencyDayLabel): with a shared market short of
	// places, fewer placements can begin while the children waiting in one multiply.
	{sim.OccupiedKPI(sim.EmergencyKind), EmergencyDayLabel, "in emergency"},
	{sim.OutOfAreaShare, "Placed out of their own area", "out of area"},
	{sim.PlacedDistantShare, "Placed over 20 miles away", "over 20 miles"},
	{sim.CostTotal, "Spending a year", "spending"},
}

// RegionFigures is the table of a region's headline figures: a row for each council and one
// for the region as a whole, a column for each measure, each cell the mean of the runs (a
// share's the ratio of totals, as summary.csv gives it), the median and the range of 9 runs in
// 10 over the whole run (a year's worth for totals such as spending).
type RegionFigures struct {
	// KPIs and Labels name the measures, in column order.
	KPIs, Labels []string
	// Councils names the rows: each council, then sim.RegionTotal.
	Councils []string
	// Stats holds each row's figures, a Stat for each measure (its Mean as summary.csv gives it,
	// its Percentiles the 5th, 50th and 95th) in the units of the KPI (pounds, a share, a count); NaN where the council does
	// not record the measure.
	Stats [][]sim.Stat
}

// NewRegionFigures works out the headline figures of rr over the whole run; a year's worth is
// the whole run's divided by the years it runs (a run from 1 July touches a financial year
// more than it runs).
func NewRegionFigures(rr *sim.RegionResults) *RegionFigures {
	f := &RegionFigures{Councils: rr.CouncilNames()}
	for _, m := range regionMeasures {
		if slices.Contains(rr.Total.KPIs, m.kpi) {
			f.KPIs, f.Labels = append(f.KPIs, m.kpi), append(f.Labels, m.label)
		}
	}
	for _, res := range rr.Each() {
		row := make([]sim.Stat, len(f.KPIs))
		all := len(res.Periods) - 1
		years := float64(max(all, 1))
		if rr.Region != nil && rr.Region.Years > 0 {
			years = float64(rr.Region.Years)
		}
		for j, kpi := range f.KPIs {
			k := slices.Index(res.KPIs, kpi)
			if k < 0 {
				row[j] = sim.Stat{Mean: math.NaN(), SD: math.NaN(), Percentiles: []float64{math.NaN(), math.NaN(), math.NaN()}}
				continue
			}
			xs := res.KPI(all, k)
			if isTotal(kpi) {
				for i := range xs {
					xs[i] /= years
				}
			}
			row[j] = sim.Summarise(xs, []float64{5, 50, 95})
			// A share's mean is the ratio of totals over the runs, as summary.csv gives it.
			if _, ok := res.RatioOf(k); ok {
				row[j].Mean = res.Summary(all, k, nil).Mean
			}
		}
		f.Stats = append(f.Stats, row)
	}
	return f
}

// RegionReport is the HTML report of a region's run: the councils' headline figures side by
// side with the region's, the shared markets, the charts of the region as a whole, and a
// section for each council linking to its own report.
type RegionReport struct {
	// Results is the region's run.
	Results *sim.RegionResults
	// Source names the run; its Scenario is the region's name.
	Source Source
	// Market holds the shared markets' figures, as RegionMarket gives them; nil for none.
	Market *MarketFigures
	// Charts are drawn into the report as SVG, in order.
	Charts []*Chart
	// Links are the paths of the councils' own reports, relative to the report, in the order
	// of the councils; "" (or a short list) for none.
	Links []string
}

type regionPage struct {
	CSS                                   template.CSS
	Title, Description, Simulated, Source string
	Columns                               []string
	Rows                                  []regionRow
	Market                                *marketTable
	Charts                                []reportChart
	Councils                              []councilSection
	OneRun                                bool // the figures are one run's, with no range
}

type regionRow struct {
	Name  string
	Total bool
	Cells []figureCell
}

type councilSection struct {
	Name, Scenario, Description, Link string
	Assumptions                       [][2]string
}

// WriteHTML writes the report as one self-contained HTML file, as Report.WriteHTML does.
func (r *RegionReport) WriteHTML(w io.Writer) error {
	rr := r.Results
	reg := rr.Region
	page := regionPage{
		CSS:         reportCSS,
		Title:       "Placement sufficiency: " + reg.Name,
		Description: reg.Description,
		Source:      r.Source.String(),
		OneRun:      r.Source.Reps == 1,
	}
	if len(r.Source.Sets) > 0 { // as a scenario's report says it
		page.Title += ", changed by --set"
	}
	if note := RegionPricesNote(reg); note != "" && r.Source.Prices == "" {
		page.Source += " " + note // each council's prices, as the region's money reads (RegionMoneyTerms)
	}
	end := reg.Start.AddDate(reg.Years, 0, -1)
	figures := "The figures below are the means of those runs, as a council's own report and summary.csv give them, and the range within which 9 runs in 10 fall."
	if r.Source.Reps == 1 {
		figures = "The figures below are that run's, as a council's own report and summary.csv give them."
	}
	page.Simulated = fmt.Sprintf("placesim followed every child in care of %s, every foster carer household, every bed of "+
		"the councils' own and every place of the providers they share, day by day from %s to %s (%s), %s. "+
		"A place one council takes is not there for the next. %s",
		plural(len(reg.Councils), "council"), reg.Start.Format("2 January 2006"), end.Format("2 January 2006"), plural(reg.Years, "year"),
		runTimes(r.Source.Reps), figures)
	if note := FewRunsNote(r.Source.Reps, 0.9, ""); note != "" {
		page.Simulated += " " + note
	}
	f := NewRegionFigures(rr)
	page.Columns = f.Labels
	for i, name := range f.Councils {
		row := regionRow{Name: name, Total: i == len(f.Councils)-1}
		if row.Total {
			row.Name = "Region: " + reg.Name
		}
		for j, kpi := range f.KPIs {
			st := f.Stats[i][j]
			if math.IsNaN(st.Percentiles[1]) {
				row.Cells = append(row.Cells, figureCell{Value: "–"})
				continue
			}
			cell := figureCell{Value: formatKPI(kpi, st.Mean),
				Range: formatKPI(kpi, st.Percentiles[0]) + " to " + formatKPI(kpi, st.Percentiles[2])}
			if st.N == 1 { // one run gives no range, as a council's own report says
				cell.Range = "–"
			}
			row.Cells = append(row.Cells, cell)
		}
		page.Rows = append(page.Rows, row)
	}
	if r.Market != nil {
		if page.Market = r.Market.table(); page.Market != nil {
			page.Market.Closes = closesPlaces(reg)
		}
	}
	for _, c := range r.Charts {
		rc, err := reportChartOf(c, nil)
		if err != nil {
			return err
		}
		page.Charts = append(page.Charts, rc)
	}
	for i, c := range reg.Councils {
		cs := councilSection{Name: c.Name}
		if c.Scenario != nil {
			cs.Scenario, cs.Description = c.Scenario.Name, c.Scenario.Description
			var res *sim.Results
			if i < len(rr.Councils) {
				res = rr.Councils[i]
			}
			cs.Assumptions = assumptions(c.Scenario, filledFromResults(res, strconv.Quote(c.Name)), nil, c.Sets)
		}
		if i < len(r.Links) {
			cs.Link = r.Links[i]
		}
		page.Councils = append(page.Councils, cs)
	}
	return regionTemplate.Execute(w, page)
}

// YearLabel names financial year period ("2026/27") of a run of years from start as a
// scenario's report heads its columns: a part year says where it begins or ends ("2026/27
// (from 1 July)", "2029/30 (to 30 June)"), a whole year, or any period of a run that starts on
// 1 April, is period itself.
func YearLabel(start time.Time, years int, period string) string {
	if partYears(start, years) == "" {
		return period
	}
	end := start.AddDate(years, 0, -1)
	switch period {
	case model.FinancialYear(start):
		return period + " (from " + start.Format("2 January") + ")"
	case model.FinancialYear(end):
		return period + " (to " + end.Format("2 January") + ")"
	}
	return period
}

// FirstWholeYear returns the first of periods (as LastWholeYear reads them) that is a whole
// financial year of a run of years from start, as the first column of a run report's key
// figures is: 2027/28 of a run from 15 April 2026, not 2026/27's 351 days. When none is whole,
// it is the first year, which YearLabel says is a part year. It is "" when periods holds no
// year.
func FirstWholeYear(start time.Time, years int, periods []string) string {
	first := ""
	for _, p := range periods {
		if p == sim.WholeRun {
			continue
		}
		if first == "" {
			first = p
		}
		if YearLabel(start, years, p) == p {
			return p
		}
	}
	return first
}

// LastWholeYear returns the last of periods (a run's financial years in order, as
// Results.Periods names them, with or without sim's whole run after them) that is a whole
// financial year of a run of years from start, as a board paper's "last year" is: 2027/28 of a
// run of 2 years from 15 April 2026, not 2028/29's 14 days. When none is whole, it is the last
// year, which YearLabel says is a part year. It is "" when periods holds no year.
func LastWholeYear(start time.Time, years int, periods []string) string {
	last := ""
	for i := len(periods) - 1; i >= 0; i-- {
		p := periods[i]
		if p == sim.WholeRun {
			continue
		}
		if last == "" {
			last = p
		}
		if YearLabel(start, years, p) == p {
			return p
		}
	}
	return last
}

// plural writes n and the noun, with an s when n is not 1: "3 councils", "1 year", "1,000
// runs"; a noun ending in a consonant and y ends in ies ("2 strategies"). Every count a page,
// chart or workbook of plots writes before a noun goes through it, so that none reads "1 years".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if len(noun) > 1 && noun[len(noun)-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])) {
		noun = noun[:len(noun)-1] + "ie"
	}
	return formatCount(float64(n)) + " " + noun + "s"
}

// runsOf writes n runs of what ("run", "paired run") with the replications they are in a
// source line: "1,000 runs (replications)", "1 paired run (replication)".
func runsOf(n int, what string) string {
	if n == 1 {
		return plural(n, what) + " (replication)"
	}
	return plural(n, what) + " (replications)"
}

// runTimes says how many times a page's runs were made, for "day by day from ... to ...,":
// "once", or "1,000 times with different random draws".
func runTimes(n int) string {
	if n == 1 {
		return "once"
	}
	return formatCount(float64(n)) + " times with different random draws"
}

// RegionCouncilsChart draws the councils side by side: children in care, emergency placements
// a year, the share placed over 20 miles away and spending a year, each council's median over
// the whole run with the range of 9 runs in 10.
func RegionCouncilsChart(rr *sim.RegionResults, src Source) (*Chart, error) {
	return regionCouncilsChart(NewRegionFigures(rr), rr.Region.Name, src)
}

// MaxChartCouncils is the most councils the chart of a region's councils draws: a larger
// region's chart draws those that spend the most (or, without spending, have the most
// children in care), most first, and says so; the report's table and summary.csv hold every
// council.
const MaxChartCouncils = 20

// chartNameRunes is the most characters of a council's name the chart writes under its bar; a
// longer name is cut, with an ellipsis.
const chartNameRunes = 24

// regionCouncilsChart is RegionCouncilsChart of the figures f of the region named region.
func regionCouncilsChart(f *RegionFigures, region string, src Source) (*Chart, error) {
	all := len(f.Councils) - 1
	if all <= 0 {
		return nil, fmt.Errorf("plots: region %q has no council to draw", region)
	}
	// Which councils, in the order drawn: every one in the region's order, or the
	// MaxChartCouncils biggest, biggest first.
	drawn := make([]int, all)
	for i := range drawn {
		drawn[i] = i
	}
	rank := slices.Index(f.KPIs, sim.CostTotal)
	if rank < 0 {
		rank = slices.Index(f.KPIs, sim.ChildrenInCare)
	}
	if all > MaxChartCouncils && rank >= 0 {
		size := func(i int) float64 {
			if v := f.Stats[i][rank].Percentiles[1]; !math.IsNaN(v) {
				return v
			}
			return math.Inf(-1)
		}
		slices.SortStableFunc(drawn, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
		drawn = drawn[:MaxChartCouncils]
	}
	names := make([]string, len(drawn))
	for i, j := range drawn {
		names[i] = f.Councils[j]
	}
	c := &Chart{
		Name:   RegionCouncils,
		Title:  "The councils side by side",
		Source: src.String(),
		Width:  Width, Height: TallHeight,
		Legend: []LegendItem{{Label: "Median of runs", Fill: tint(blue, 0.35)}, {Label: "9 in 10 runs", Line: lineStyle(black, 1, nil), Whisker: true, Range: true}},
		Cols:   2,
	}
	// Every council is named: many councils' names stand upright under their bars.
	upright := len(names) > 6
	short := make([]string, len(names))
	for i, n := range names {
		short[i] = shortName(n, chartNameRunes)
	}
	biggest, big := "", -1.0
	for _, kpi := range regionCouncilsKPIs {
		j := slices.Index(f.KPIs, kpi)
		if j < 0 {
			continue
		}
		ticks := unitTicks(UnitOf(kpi))
		p := newPlot(f.Labels[j], "", ticks)
		setCategoryAxis(p, short, len(short))
		if upright {
			p.X.Tick.Label.Rotation = math.Pi / 2
			p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
		}
		mid, lo, hi := make([]float64, len(names)), make([]float64, len(names)), make([]float64, len(names))
		for i, k := range drawn {
			st := f.Stats[k][j]
			lo[i], mid[i], hi[i] = st.Percentiles[0], st.Percentiles[1], st.Percentiles[2]
			// The subtitle quotes the mean, as the report's table gives it; the bars are medians.
			if kpi == sim.CostTotal && st.Mean > big {
				biggest, big = names[i], st.Mean
			}
		}
		p.Add(&bars{segs: [][]float64{mid}, colors: []color.Color{tint(blue, 0.35)}, width: 0.6})
		if src.Reps != 1 { // one run gives no range: no whisker of no height
			p.Add(&whiskers{lo: lo, hi: hi, style: lineStyle(black, 1, nil)})
		}
		c.addPanel(p)
	}
	if len(c.panels) == 0 {
		return nil, fmt.Errorf("plots: region %q: no figure of its councils to draw", region)
	}
	c.Subtitle = fmt.Sprintf("%s share one market of places.", plural(len(names), "council"))
	if biggest != "" && big > 0 {
		c.Subtitle = fmt.Sprintf("The council spending the most is %s: %s a year (mean of runs; the bars are medians).", biggest, formatMoney(big))
	}
	if len(drawn) < all {
		most := "spend the most"
		if f.KPIs[rank] == sim.ChildrenInCare {
			most = "have the most children in care"
		}
		c.Subtitle += fmt.Sprintf(" The %d of its %d councils that %s, most first; the report's table and summary.csv hold every council.", len(drawn), all, most)
	}
	return c, nil
}

// shortName cuts a name to n characters, with an ellipsis.
func shortName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// MarketFigures is the shared markets' figures over the whole run: for each market and zone,
// the places, the places in use and the occupancy, each the median of the runs (a time-average
// over the run).
type MarketFigures struct {
	// Rows are the market's zones, market by market.
	Rows []MarketRow
}

// MarketRow is one market's figures in one zone ("" for the market as a whole). Market is the
// market's label.
type MarketRow struct {
	Market, Zone                string
	Places, Occupied, Occupancy sim.Stat
}

type marketTable struct {
	Rows []marketTableRow
	// Closes says that a change closes places of a provider (a provider_exit, or a cut by
	// provider_resize).
	Closes bool
}

type marketTableRow struct {
	Market, Zone                string
	Places, Occupied, Occupancy figureCell
}

func (m *MarketFigures) table() *marketTable {
	if len(m.Rows) == 0 {
		return nil
	}
	t := &marketTable{}
	cell := func(st sim.Stat, share bool) figureCell {
		f := formatCount
		if share {
			f = formatShare
		}
		if math.IsNaN(st.Percentiles[1]) {
			return figureCell{Value: "—"}
		}
		if st.N == 1 { // one run gives no range
			return figureCell{Value: f(st.Percentiles[1]), Range: "–"}
		}
		return figureCell{Value: f(st.Percentiles[1]), Range: f(st.Percentiles[0]) + " to " + f(st.Percentiles[2])}
	}
	for _, r := range m.Rows {
		zone := r.Zone
		if zone == "" {
			zone = "all zones"
		}
		t.Rows = append(t.Rows, marketTableRow{Market: r.Market, Zone: zone, Places: cell(r.Places, false), Occupied: cell(r.Occupied, false), Occupancy: cell(r.Occupancy, true)})
	}
	return t
}

var regionTemplate = template.Must(template.Must(template.New("region").Parse(assumptionsTemplate)).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}tr.total td, tr.total th { font-weight: bold; border-top: 1.5px solid #666; }
</style>
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
<section id="councils">
<h2>The councils</h2>
<table class="councils">
<caption class="vh">The councils: {{if .OneRun}}each run's figure over the whole run{{else}}the mean of the runs over the whole run, then the range within which 9 runs in 10 fall{{end}}</caption>
<thead><tr><th>Council</th>{{range .Columns}}<th class="num wrap">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Total}} class="total"{{end}}><th scope="row" class="row">{{.Name}}</th>{{range .Cells}}{{template "cell" .}}{{end}}</tr>
{{end}}</tbody>
</table>
<p class="source">{{if .OneRun}}Each cell: the run's figure over the whole run, as a council's own report and summary.csv give it{{else}}Each cell: the mean of the runs over the whole run, as a council's own report and summary.csv give it, and below it the range within which 9 runs in 10 fall{{end}}; emergency placements and spending are a year's worth, the children in an emergency placement those on an average day. Money in cash terms.</p>
</section>
{{with .Market}}
<section id="market">
<h2>The shared market</h2>
<table>
<caption class="vh">The shared market: places, places in use and occupancy by market and zone</caption>
<thead><tr><th>Market</th><th>Zone</th><th class="num wrap">Places</th><th class="num wrap">In use</th><th class="num wrap">Occupancy</th></tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row" class="row">{{.Market}}</th><td>{{.Zone}}</td>{{template "cell" .Places}}{{template "cell" .Occupied}}{{template "cell" .Occupancy}}</tr>
{{end}}</tbody>
</table>
<p class="source">Places and places in use are averages over the run; occupancy is the share of the places in use.{{if .Closes}} A place a provider_exit or a cut closes stays open, and among the places, until the child in it leaves: a market closing places reads as full.{{end}} {{if $.OneRun}}Each cell: the run's figure, as the market's charts draw it.{{else}}Each cell: the median of the runs, as the market's charts draw it, and below it the range within which 9 runs in 10 fall.{{end}}</p>
</section>
{{end}}
<section>
<h2>Charts</h2>
{{range .Charts}}{{template "chart" .}}{{end}}</section>
{{range .Councils}}
<section class="council">
<h2>{{.Name}}</h2>
<p>Scenario {{printf "%q" .Scenario}}{{with .Description}}: {{.}}{{end}}</p>
{{if .Link}}<p><a href="{{.Link}}">{{.Name}}'s own report</a>, with its charts and its assumptions in full.</p>{{end}}
<table aria-label="Assumptions of {{.Name}}">
<tbody>
{{range .Assumptions}}<tr><th scope="row">{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}
</main>
<footer><p class="source">{{.Source}} Every figure is in summary.csv, kpis.csv and timeseries.csv (a council column: each council, then "region" for the whole), and in results.xlsx; each council's folder holds its own files.</p></footer>
</body>
</html>
`))

// RegionCharts draws the charts of a region's own: its councils side by side, each shared
// market's occupancy over time by zone, and the spot price premium by financial year.
func RegionCharts(rr *sim.RegionResults, src Source) ([]*Chart, error) {
	f, err := NewRegionChartFigures(rr, src)
	if err != nil {
		return nil, err
	}
	return f.Charts()
}

// RegionChartFigures are the figures of a region's charts (RegionCharts), worked out once from
// its replications, so that the charts can be drawn again from them, one copy for each file
// written side by side, without going over every replication again. It is not changed by
// drawing: Charts may be called from several goroutines at once.
type RegionChartFigures struct {
	region   string
	src      Source
	councils *RegionFigures
	// bands are the band charts' figures, in order: each market's occupancy, the spot premium.
	bands []*Bands
}

// NewRegionChartFigures works out the figures of rr's charts, with src as their source line.
func NewRegionChartFigures(rr *sim.RegionResults, src Source) (*RegionChartFigures, error) {
	f := &RegionChartFigures{region: rr.Region.Name, src: src, councils: NewRegionFigures(rr)}
	for _, m := range rr.Region.Markets {
		b, err := occupancyBands(rr, m.Kind, src)
		if err != nil {
			return nil, err
		}
		if b != nil {
			f.bands = append(f.bands, b)
		}
	}
	if b := spotPremiumBands(rr, src); b != nil {
		f.bands = append(f.bands, b)
	}
	return f, nil
}

// Charts draws the region's charts from f, as RegionCharts does. Each carries the caution of
// too few runs for its ranges, as a council's charts do (cautionFewRuns).
func (f *RegionChartFigures) Charts() ([]*Chart, error) {
	c, err := regionCouncilsChart(f.councils, f.region, f.src)
	if err != nil {
		return nil, err
	}
	out := []*Chart{c}
	for _, b := range f.bands {
		c, err := BandChart(b)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, c := range out {
		cautionFewRuns(c, f.src)
		// Its figures fold under it in the region's report; a chart drawn month by month
		// leaves its figures, too many for the page, to the files.
		if head, rows, err := f.Table(c.Name); err == nil && len(rows) > 0 && len(rows) <= maxFoldedRows {
			c.figures = &chartFigures{What: "median and 90% of runs", Head: head, Rows: rows}
			if f.src.Reps == 1 {
				c.figures.What = "the run's figures"
			}
		}
	}
	return out, nil
}

// maxFoldedRows is the most rows of figures a region's chart folds under it.
const maxFoldedRows = 20

// regionCouncilsKPIs are the figures the chart of the councils side by side draws, a panel each.
var regionCouncilsKPIs = []string{sim.ChildrenInCare, sim.EmergencyPlacements, sim.PlacedDistantShare, sim.CostTotal}

// Table returns the figures of f's chart named name, as Charts draws it, for a table under it:
// for the councils side by side (RegionCouncils), a heading row, then a row a council with the
// median of runs and the range of 9 runs in 10 of each figure it draws, formatted by Level; for
// a band chart, Bands.Table's. It returns an error for a name Charts draws no chart of.
func (f *RegionChartFigures) Table(name string) (head []string, rows [][]string, err error) {
	for _, b := range f.bands {
		if b.Name == name {
			return b.Table()
		}
	}
	if name != RegionCouncils {
		return nil, nil, fmt.Errorf("plots: region %q has no chart %q", f.region, name)
	}
	c := f.councils
	head = []string{"council"}
	var cols []int
	for _, kpi := range regionCouncilsKPIs {
		if j := slices.Index(c.KPIs, kpi); j >= 0 {
			head = append(head, c.Labels[j])
			cols = append(cols, j)
		}
	}
	for i, council := range c.Councils[:len(c.Councils)-1] {
		row := []string{council}
		for _, j := range cols {
			st, u := c.Stats[i][j], UnitOf(c.KPIs[j])
			if len(st.Percentiles) < 3 || math.IsNaN(st.Percentiles[1]) {
				row = append(row, "–")
				continue
			}
			row = append(row, fmt.Sprintf("%s (%s to %s)", Level(st.Percentiles[1], u), Level(st.Percentiles[0], u), Level(st.Percentiles[2], u)))
		}
		rows = append(rows, row)
	}
	return head, rows, nil
}

// RegionMarketChart names the chart of the occupancy of the shared market of kind.
func RegionMarketChart(kind string) string { return "market-occupancy-" + kind }

// RegionSpotPremium is the name of the chart of the spot price premium.
const RegionSpotPremium = "spot-price-premium"

// occupancyBands returns the monthly occupancy of the shared market of kind: of the market as a
// whole and, when there are few enough, of each zone with places; nil when the results do not
// record it.
func occupancyBands(rr *sim.RegionResults, kind string, src Source) (*Bands, error) {
	res := rr.Total
	all := slices.Index(res.Metrics, sim.MarketOccupancy(kind))
	if all < 0 || len(res.Reps) == 0 {
		return nil, nil
	}
	label := marketLabel(rr.Region, kind)
	b := &Bands{
		Name:     RegionMarketChart(kind),
		Title:    "How full the shared market is: " + lowerFirst(label),
		Source:   src.String(),
		Scenario: rr.Region.Name,
		YLabel:   "Share of places in use",
		Unit:     Share,
	}
	series := []struct{ metric, label string }{{sim.MarketOccupancy(kind), "All zones"}}
	var zones []struct{ metric, label string }
	for _, z := range rr.Region.Zones {
		if k := slices.Index(res.KPIs, sim.MarketPlacesIn(kind, z.Name)); k >= 0 && slices.Max(res.KPI(len(res.Periods)-1, k)) > 0 {
			zones = append(zones, struct{ metric, label string }{sim.MarketOccupancyIn(kind, z.Name), z.Name})
		}
	}
	// Each zone with places has a line of its own beside the market's, in the region's order;
	// more zones than the colours (a line each) draw the fullest over the run, fullest first.
	fullest := ""
	if room := len(measureColours) - 1; len(zones) > room {
		full := func(metric string) float64 {
			if k := slices.Index(res.KPIs, metric); k >= 0 {
				if xs := slices.DeleteFunc(res.KPI(len(res.Periods)-1, k), math.IsNaN); len(xs) > 0 {
					return sim.Summarise(xs, []float64{50}).Percentiles[0]
				}
			}
			return math.Inf(-1)
		}
		slices.SortStableFunc(zones, func(a, b struct{ metric, label string }) int { return cmp.Compare(full(b.metric), full(a.metric)) })
		fullest = fmt.Sprintf(" The zones drawn are the %d fullest of its %d with places (median of runs over the run); timeseries.csv holds every zone's.", room, len(zones))
		zones = zones[:room]
	}
	if len(zones) > 1 {
		series = append(series, zones...)
	}
	for i, sr := range series {
		m := slices.Index(res.Metrics, sr.metric)
		if m < 0 {
			continue
		}
		rows, err := metricRows(res, m)
		if err != nil {
			return nil, err
		}
		// One run draws no band, and its subtitle gives no range.
		b.Measures = append(b.Measures, Measure{Series: sr.metric, Label: sr.label, Scenario: rows, Band: i == 0 && len(res.Reps) > 1})
	}
	first, last := b.Measures[0].Scenario[0], b.Measures[0].Scenario[len(b.Measures[0].Scenario)-1]
	b.Subtitle = fmt.Sprintf("%s of the market's places are in use by %s (median of runs%s), from %s at the start.",
		formatShare(last.Median()), monthName(last), runsRange(Source{Reps: len(res.Reps)}, "", formatShare(last.P[0]), formatShare(last.P[4])), formatShare(first.Median())) + fullest
	return b, nil
}

// MarketLabel returns the plain-English label of region reg's shared market of kind, as its
// charts and tables name it: "External children's homes" for external_residential.
func MarketLabel(reg *model.Region, kind string) string { return marketLabel(reg, kind) }

// marketLabel returns the plain-English label of the shared market of kind: the label the
// first council that buys it gives the kind, or the kind's name.
func marketLabel(reg *model.Region, kind string) string {
	for _, c := range reg.Councils {
		if c.Scenario == nil {
			continue
		}
		if k := slices.IndexFunc(c.Scenario.Kinds, func(k model.Kind) bool { return k.Name == kind }); k >= 0 {
			return labelOf(c.Scenario.Kinds[k])
		}
	}
	return kind
}

// marketWords names the shared market of kind in a sentence, as the region's charts label it
// but not leading one: "external children's homes" for external_residential.
func marketWords(reg *model.Region, kind string) string {
	return sim.LowerFirst(marketLabel(reg, kind))
}

// metricRows summarises monthly metric m of res over the replications, month by month.
func metricRows(res *sim.Results, m int) ([]Row, error) {
	rows := make([]Row, len(res.Months))
	for i, month := range res.Months {
		xs, err := res.Metric(i, m)
		if err != nil {
			return nil, err
		}
		xs = slices.DeleteFunc(xs, math.IsNaN)
		rows[i] = summaryRow(month.Format("2006-01-02"), xs)
	}
	return rows, nil
}

// summaryRow returns the row at x of values xs: their mean and percentiles, NaN for none.
func summaryRow(x string, xs []float64) Row {
	r := Row{X: x, Mean: math.NaN(), P: [5]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}}
	if len(xs) == 0 {
		return r
	}
	st := sim.Summarise(xs, []float64{5, 25, 50, 75, 95})
	r.Mean = st.Mean
	copy(r.P[:], st.Percentiles)
	return r
}

// spotPremiumBands returns the premium over the councils' own prices that the region's spot
// placements paid, by financial year; nil when the results do not record it.
func spotPremiumBands(rr *sim.RegionResults, src Source) *Bands {
	res := rr.Total
	k := slices.Index(res.KPIs, sim.SpotPriceMultiplier)
	if k < 0 || len(res.Reps) == 0 || len(res.Periods) < 2 {
		return nil
	}
	var rows []Row
	var none []string // the years with no spot placement in any run, left out
	for p, period := range res.Periods[:len(res.Periods)-1] {
		xs := slices.DeleteFunc(res.KPI(p, k), math.IsNaN)
		if len(xs) == 0 {
			none = append(none, YearLabel(rr.Region.Start, rr.Region.Years, period))
			continue
		}
		for i := range xs {
			xs[i]--
		}
		rows = append(rows, summaryRow(period, xs))
	}
	if len(rows) == 0 {
		return nil // no spot placement in any year of any run
	}
	// The last whole year (a run that does not start on 1 April ends in a part year), or, when
	// it had no spot placement, the last year before it that had, or else the last that had.
	last := rows[len(rows)-1]
	if w := slices.Index(res.Periods, LastWholeYear(rr.Region.Start, rr.Region.Years, res.Periods)); w >= 0 {
		for i := len(rows) - 1; i >= 0; i-- {
			if slices.Index(res.Periods, rows[i].X) <= w {
				last = rows[i]
				break
			}
		}
	}
	left := ""
	switch len(none) {
	case 0:
	case 1:
		left = " " + none[0] + " had no spot placement in any run and is left out."
	default:
		left = " " + joinAnd(none) + " had no spot placement in any run and are left out."
	}
	return &Bands{
		Name:  RegionSpotPremium,
		Title: "What spot placements pay above the councils' own prices",
		Subtitle: fmt.Sprintf("In %s a spot placement costs %s more than the council's own price for it (median of runs%s): providers' prices rising and scarcity.",
			YearLabel(rr.Region.Start, rr.Region.Years, last.X), formatShare(last.Median()), runsRange(Source{Reps: len(res.Reps)}, "", formatShare(last.P[0]), formatShare(last.P[4]))) + left,
		Source:   src.String(),
		Scenario: rr.Region.Name,
		YLabel:   "Premium over the council's price",
		Unit:     Share,
		Measures: []Measure{{Series: sim.SpotPriceMultiplier, Label: "Spot price premium", Scenario: rows, Band: len(res.Reps) > 1}},
	}
}

// RegionMarket works out the shared markets' figures of rr over the whole run: for each market,
// its places, places in use and occupancy in all zones and in each zone with places; nil when
// the results record none.
func RegionMarket(rr *sim.RegionResults) *MarketFigures {
	res := rr.Total
	if len(res.Reps) == 0 {
		return nil
	}
	all := len(res.Periods) - 1
	stat := func(name string) (sim.Stat, bool) {
		k := slices.Index(res.KPIs, name)
		if k < 0 {
			return sim.Stat{}, false
		}
		return sim.Summarise(slices.DeleteFunc(res.KPI(all, k), math.IsNaN), []float64{5, 50, 95}), true
	}
	f := &MarketFigures{}
	for _, m := range rr.Region.Markets {
		add := func(zone, places, occupied, occupancy string) {
			p, ok1 := stat(places)
			o, ok2 := stat(occupied)
			s, ok3 := stat(occupancy)
			if ok1 && ok2 && ok3 && (zone == "" || p.Percentiles[2] > 0) {
				f.Rows = append(f.Rows, MarketRow{Market: marketLabel(rr.Region, m.Kind), Zone: zone, Places: p, Occupied: o, Occupancy: s})
			}
		}
		add("", sim.MarketPlaces(m.Kind), sim.MarketOccupied(m.Kind), sim.MarketOccupancy(m.Kind))
		for _, z := range rr.Region.Zones {
			add(z.Name, sim.MarketPlacesIn(m.Kind, z.Name), sim.MarketOccupiedIn(m.Kind, z.Name), sim.MarketOccupancyIn(m.Kind, z.Name))
		}
	}
	if len(f.Rows) == 0 {
		return nil
	}
	return f
}

// RegionHeadlineKPIs returns the KPIs a region's run writes to its kpis.csv by default, in
// order: each council's headline KPIs (Headlines), the region's table of councils, the KPIs of
// the councils' side of the shared markets (out of area, over 20 miles, spot prices, with
// spot_price_multiplier_sum, whose total over the replications over spot_placements' is
// summary.csv's mean spot_price_multiplier) and each market's places, occupied places and
// occupancy over all its zones; and, after each share among them, the KPIs of its numerator
// and denominator (first_choice_matches and matches for first_choice_share), so that
// summary.csv's mean of a share, the ratio of their totals over the replications, can be
// worked out from kpis.csv. The others (every KPI of
// every council, zone by zone) make a file that grows with the replications by hundreds of
// rows a council each, and stay in the councils' summary.csv.
func RegionHeadlineKPIs(rr *sim.RegionResults) []string {
	var kpis []string
	add := func(names ...string) {
		for _, k := range names {
			if !slices.Contains(kpis, k) {
				kpis = append(kpis, k)
			}
		}
	}
	for _, res := range rr.Councils {
		for _, h := range Headlines(res.Scenario) {
			add(h.KPI)
		}
	}
	for _, m := range regionMeasures {
		add(m.kpi)
	}
	add(sim.ChildrenOutOfArea, sim.OutOfAreaShare, sim.ChildrenOver20Miles, sim.Over20MilesShare, sim.ChildrenPlacedDistant,
		sim.MarketPlacements, sim.SpotPlacements, sim.SpotPriceMultiplierSum, sim.SpotPriceMultiplier, sim.PlacementsOver10k)
	for _, m := range rr.Region.Markets {
		add(sim.MarketPlaces(m.Kind), sim.MarketOccupied(m.Kind), sim.MarketOccupancy(m.Kind))
	}
	for _, res := range rr.Each() {
		for k, name := range res.KPIs {
			if r, ok := res.RatioOf(k); ok && slices.Contains(kpis, name) {
				add(res.KPIs[r.Num], res.KPIs[r.Den])
			}
		}
	}
	return kpis
}

// closesPlaces reports whether a change of reg closes places of a provider: a provider_exit,
// or a provider_resize of fewer places.
func closesPlaces(reg *model.Region) bool {
	for _, iv := range reg.Interventions {
		if iv.Action == model.ProviderExit || iv.Action == model.ProviderResize && iv.Places < 0 {
			return true
		}
	}
	return false
}
