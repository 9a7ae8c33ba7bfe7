package plots

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// Percentiles are the percentiles every series of the chart data holds: the median, the 50%
// band (25-75) and the 90% band (5-95).
var Percentiles = []float64{5, 25, 50, 75, 95}

// The charts drawn from one run's results, by name: the name is the chart column of the chart
// data and the base of the charts' file names.
const (
	// ChildrenByKind is the children in each provision kind over time, one panel per kind.
	ChildrenByKind = "children-by-kind"
	// SufficiencyGap is the children whose first choice is the council's own foster care,
	// against the places it has and how many of them stand empty.
	SufficiencyGap = "sufficiency-gap"
	// PlacementMix is where children in care live: the median number in each provision kind,
	// as stacked areas.
	PlacementMix = "placement-mix"
	// CostByYear is spending by financial year, in pounds, stacked by provision kind.
	CostByYear = "cost-by-year"
	// CarerHouseholds is the council's own carer households over time, and those approved
	// and deregistered each financial year.
	CarerHouseholds = "carer-households"
	// EmergencyResidential is the children in residential care over time, and the emergency
	// placements made each financial year.
	EmergencyResidential = "emergency-residential"
	// KeyFigures is not drawn: it holds the yearly figures of the report's table.
	KeyFigures = "key-figures"
	// PlacesFilled is not drawn: for each kind of carers whose households keep places for
	// brothers and sisters (carers.sibling_only_share), the share of its places filled on an
	// average day (PlacesFilledSeries), by financial year and over the whole run, which the
	// report's Assumptions and the sufficiency gap chart's note set beside Ofsted's.
	PlacesFilled = "places-filled"
)

// PlacesFilledSeries names the series of chart PlacesFilled of kind: "places_filled_inhouse_foster".
func PlacesFilledSeries(kind string) string { return "places_filled_" + kind }

// Row is one point of one series of the chart data: the summary over replications of a
// monthly figure (X is the month's first day, "2026-04-01"; stocks are counted at the month's
// end) or of a financial year's figure (X is "2026/27", or "all" for the whole run).
type Row struct {
	// Chart is the chart that draws the row.
	Chart string
	// Series names the series: a metric or KPI name, or a sum of them ("children_residential").
	Series string
	// Label is the series' name in plain English.
	Label string
	// X is the month or financial year.
	X string
	// Mean is the mean over replications.
	Mean float64
	// P holds the 5th, 25th, 50th, 75th and 95th percentiles over replications.
	P [5]float64
}

// Median returns the row's 50th percentile.
func (r Row) Median() float64 { return r.P[2] }

// Data is the chart data of one run: every series each chart draws, in drawing order. It is
// written to and read from chart-data.csv, so that charts can be drawn again without
// simulating.
type Data struct {
	// Scenario is the scenario's name.
	Scenario string
	// Rows holds the rows, chart by chart and series by series.
	Rows []Row
}

// Series returns the rows of one series of one chart, in order of X.
func (d *Data) Series(chart, series string) []Row {
	var out []Row
	for _, r := range d.Rows {
		if r.Chart == chart && r.Series == series {
			out = append(out, r)
		}
	}
	return out
}

// SeriesNames returns the names of the series of chart, in order of first appearance.
func (d *Data) SeriesNames(chart string) []string {
	var out []string
	for _, r := range d.Rows {
		if r.Chart == chart && (len(out) == 0 || out[len(out)-1] != r.Series) && !slices.Contains(out, r.Series) {
			out = append(out, r.Series)
		}
	}
	return out
}

// Has reports whether the data holds rows of chart.
func (d *Data) Has(chart string) bool {
	for _, r := range d.Rows {
		if r.Chart == chart {
			return true
		}
	}
	return false
}

// csvHeader is the first line of chart-data.csv.
var csvHeader = []string{"scenario", "chart", "series", "label", "x", "mean", "p05", "p25", "p50", "p75", "p95"}

// WriteCSV writes the data as tidy CSV: one row per chart, series and month or year, with the
// columns scenario,chart,series,label,x,mean,p05,p25,p50,p75,p95, quoted as encoding/csv
// quotes. Numbers are written in full, as sim.FormatNum writes them (the shortest decimal that
// reads back exactly); NA marks a value that does not exist.
func (d *Data) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	if err := writeRows(cw, d.Scenario, d.Rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeRows writes rows of scenario in the columns of csvHeader.
func writeRows(cw *csv.Writer, scenario string, rows []Row) error {
	rec := make([]string, len(csvHeader))
	for _, r := range rows {
		rec[0], rec[1], rec[2], rec[3], rec[4] = scenario, r.Chart, r.Series, r.Label, r.X
		rec[5] = sim.FormatNum(r.Mean)
		for i, p := range r.P {
			rec[6+i] = sim.FormatNum(p)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// ReadData reads chart data written by WriteCSV. Errors name the line.
func ReadData(r io.Reader) (*Data, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("chart data: reading the header: %w", err)
	}
	if !slices.Equal(head, csvHeader) {
		return nil, fmt.Errorf("chart data: line 1: columns %s, want %s", strings.Join(head, ","), strings.Join(csvHeader, ","))
	}
	d := &Data{}
	var errs []error
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("chart data: %w", err)
		}
		if len(rec) != len(csvHeader) {
			return nil, fmt.Errorf("chart data: line %d: %s, want %d", line, plural(len(rec), "field"), len(csvHeader))
		}
		if d.Scenario == "" {
			d.Scenario = rec[0]
		}
		row := Row{Chart: rec[1], Series: rec[2], Label: rec[3], X: rec[4]}
		nums := append([]*float64{&row.Mean}, &row.P[0], &row.P[1], &row.P[2], &row.P[3], &row.P[4])
		for i, p := range nums {
			v, err := parseNum(rec[5+i])
			if err != nil {
				errs = append(errs, fmt.Errorf("chart data: line %d: %s: %w", line, csvHeader[5+i], err))
			}
			*p = v
		}
		d.Rows = append(d.Rows, row)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return d, nil
}

// parseNum reads a number written by sim.FormatNum, or NA.
func parseNum(s string) (float64, error) {
	if s == "NA" {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// FromResults works out the chart data of res: for each chart, the series it draws,
// summarised over the replications. Sums of several metrics (children in all residential
// kinds, a shortfall of places) are added up replication by replication before they are
// summarised, so their percentiles are those of the sum. The result depends only on res:
// results whose months and the sums MonthlySums names were counted (sim.Results.CountMonths)
// give the same data, with no pass over their records but for costs.
func FromResults(res *sim.Results) (*Data, error) {
	if len(res.Reps) == 0 {
		return nil, errors.New("plots: no replications to draw")
	}
	b := newBuilder(res)
	specs, nKinds, gapEnd, carerEnd := b.monthlySpecs()
	monthly, err := b.monthlyAll(specs)
	if err != nil {
		return nil, err
	}

	b.childrenByKind(monthly[:nKinds])
	for _, rows := range monthly[nKinds:gapEnd] {
		b.add(rows)
	}
	b.gapByAge()
	b.costByYear()
	b.carerHouseholds(monthly[gapEnd:carerEnd])
	b.emergencyResidential(monthly[carerEnd:])
	b.keyFigures()
	b.placesFilled()
	return b.d, nil
}

// FromRegionResults works out the chart data of a region as a whole, rr.Total, as
// FromResults does, each row labelled as the region's (sim.RegionTotalLabel): its carer
// households are every council's own, all councils together.
func FromRegionResults(rr *sim.RegionResults) (*Data, error) {
	d, err := FromResults(rr.Total)
	if err != nil {
		return nil, err
	}
	for i, r := range d.Rows {
		d.Rows[i].Label = sim.RegionTotalLabel(r.Series, r.Label)
	}
	return d, nil
}

// placesFilled adds, for each kind of carers whose households keep places for brothers and
// sisters, the share of its places filled on an average day: its children (occupied_<kind>, a
// time-average) over its places (places_<kind>, a time-average), by financial year and over the
// whole run. The mean is the ratio of the totals over the replications, as a share KPI's is;
// the percentiles are of the replications' own shares.
func (b *builder) placesFilled() {
	res := b.res
	for _, k := range res.Scenario.Kinds {
		if k.Supply != model.Carers || k.Carers == nil || k.Carers.SiblingOnlyShare <= 0 {
			continue
		}
		occ, okOcc := b.kpi[sim.OccupiedKPI(k.Name)]
		places, okPlaces := b.kpi[sim.PlacesOf(k.Name)]
		if !okOcc || !okPlaces {
			continue
		}
		label := "Share of the places in " + lowerFirst(labelOf(k)) + " filled (average day)"
		for p, period := range res.Periods {
			mean, shares := filledRatio(res, p, occ, places, b.xs[:0])
			st := sim.Summarise(shares, Percentiles)
			row := Row{Chart: PlacesFilled, Series: PlacesFilledSeries(k.Name), Label: label, X: period, Mean: mean}
			copy(row.P[:], st.Percentiles)
			b.d.Rows = append(b.d.Rows, row)
		}
	}
}

// filledRatio returns, for period p of res, the KPI at occ (children, a time-average) over the
// KPI at places (places, a time-average): the ratio of their totals over the replications (NaN
// when there are no places), and appended to shares, each replication's own ratio where it has
// places.
func filledRatio(res *sim.Results, p, occ, places int, shares []float64) (float64, []float64) {
	num, den := res.KPI(p, occ), res.KPI(p, places)
	var sumNum, sumDen float64
	for r := range num {
		sumNum += num[r]
		sumDen += den[r]
		if den[r] > 0 {
			shares = append(shares, num[r]/den[r])
		}
	}
	if sumDen <= 0 {
		return math.NaN(), shares
	}
	return sumNum / sumDen, shares
}

// placesFilledOf returns the share of the places of kind filled on an average day over the
// whole run of res, as chart PlacesFilled holds it; false when res records no places of kind,
// or none over the whole run.
func placesFilledOf(res *sim.Results, kind string) (float64, bool) {
	if res == nil || len(res.Reps) == 0 || len(res.Periods) == 0 {
		return 0, false
	}
	occ, places := slices.Index(res.KPIs, sim.OccupiedKPI(kind)), slices.Index(res.KPIs, sim.PlacesOf(kind))
	if occ < 0 || places < 0 {
		return 0, false
	}
	v, _ := filledRatio(res, len(res.Periods)-1, occ, places, nil)
	return v, !math.IsNaN(v)
}

// placesFilledShare returns the share of the places of kind filled on an average day over the
// whole run, as chart PlacesFilled holds it; false when d holds none (chart data written before
// it did, or a kind whose households keep no places for brothers and sisters).
func placesFilledShare(d *Data, kind string) (float64, bool) {
	if d == nil {
		return 0, false
	}
	for _, r := range d.Series(PlacesFilled, PlacesFilledSeries(kind)) {
		if r.X == sim.WholeRun && !math.IsNaN(r.Mean) {
			return r.Mean, true
		}
	}
	return 0, false
}

// MonthlySums returns the monthly sums of metrics whose summaries FromResults draws, for
// sim.Results.CountMonths to count with the months once the replications are done.
func MonthlySums(res *sim.Results) []sim.MonthlySum {
	specs, _, _, _ := newBuilder(res).monthlySpecs()
	sums := make([]sim.MonthlySum, len(specs))
	for j, sp := range specs {
		sums[j] = sp.sum()
	}
	return sums
}

// newBuilder returns a builder of res's chart data.
// EmergencyKindLabel names the children in an emergency placement on a given day, in the charts
// of children by kind and the placement mix: not the emergency placements made in a year (the
// run's key figures), a count several times as large.
const EmergencyKindLabel = "Children in an emergency placement (on the day)"

func newBuilder(res *sim.Results) *builder {
	b := &builder{res: res, d: &Data{Scenario: res.Scenario.Name}}
	b.metric = index(res.Metrics)
	b.kpi = index(res.KPIs)
	b.xs = make([]float64, len(res.Reps))
	for _, k := range res.Scenario.Kinds {
		b.kinds = append(b.kinds, kindInfo{name: k.Name, label: labelOf(k), category: k.Category, supply: k.Supply})
	}
	b.kinds = append(b.kinds, kindInfo{name: sim.EmergencyKind, label: EmergencyKindLabel, category: model.OtherCategory, supply: model.Market})
	return b
}

// monthlySpecs returns the monthly series of every chart, to be summarised in one pass over
// the months: the children in each kind (the first nKinds), the sufficiency gap's (to
// gapEnd), the carer households (to carerEnd) and the children in residential care.
func (b *builder) monthlySpecs() (specs []monthlySpec, nKinds, gapEnd, carerEnd int) {
	for _, k := range b.kinds {
		specs = append(specs, monthlySpec{ChildrenByKind, sim.ChildrenOf(k.name), k.label, terms(b.metric, 1, sim.ChildrenOf(k.name))})
	}
	nKinds = len(specs)
	specs = append(specs, b.gapSpecs()...)
	gapEnd = len(specs)
	specs = append(specs, b.carerSpecs()...)
	carerEnd = len(specs)
	specs = append(specs, b.residentialSpecs()...)
	return specs, nKinds, gapEnd, carerEnd
}

// monthlySpec is a monthly series to work out: the sum of metrics ts.
type monthlySpec struct {
	chart, series, label string
	ts                   []term
}

// sum returns the spec's series as sim sums it.
func (sp monthlySpec) sum() sim.MonthlySum {
	sum := make(sim.MonthlySum, len(sp.ts))
	for i, t := range sp.ts {
		sum[i] = sim.SumTerm{Metric: t.idx, Sign: t.sign}
	}
	return sum
}

// monthlyAll returns the rows of each spec, one per reported month, summarised by
// sim.Results.SummariseSums: from the run's counts where it counted them, otherwise read from
// the records a block of months at a time.
func (b *builder) monthlyAll(specs []monthlySpec) ([][]Row, error) {
	res := b.res
	out := make([][]Row, len(specs))
	for j := range out {
		out[j] = make([]Row, len(res.Months))
	}
	if len(res.Reps) == 0 || len(res.Metrics) == 0 {
		return out, nil
	}
	sums := make([]sim.MonthlySum, len(specs))
	for j, sp := range specs {
		sums[j] = sp.sum()
	}
	stats, err := res.SummariseSums(sums, Percentiles)
	if err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	}
	for i, month := range res.Months {
		x := month.Format("2006-01-02")
		for j, sp := range specs {
			st := stats[i*len(specs)+j]
			r := Row{Chart: sp.chart, Series: sp.series, Label: sp.label, X: x, Mean: st.Mean}
			copy(r.P[:], st.Percentiles)
			out[j][i] = r
		}
	}
	return out, nil
}

// labelOf returns the kind's plain-English label, or its name.
func labelOf(k model.Kind) string {
	if k.Label != "" {
		return k.Label
	}
	return k.Name
}

type kindInfo struct {
	name, label string
	category    model.Category
	supply      model.Supply
}

// builder adds the series of each chart to d.
type builder struct {
	res         *sim.Results
	d           *Data
	metric, kpi map[string]int
	kinds       []kindInfo
	xs          []float64 // scratch: one value a replication
}

func index(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}

// term is one metric or KPI in a sum, with its sign.
type term struct {
	idx  int
	sign float64
}

// terms returns the indices of the names that exist in idx, each with sign.
func terms(idx map[string]int, sign float64, names ...string) []term {
	var out []term
	for _, n := range names {
		if i, ok := idx[n]; ok {
			out = append(out, term{i, sign})
		}
	}
	return out
}

// yearly returns the rows of the sum of KPIs ts, one per financial year, and one for the whole
// run when all is set.
func (b *builder) yearly(chart, series, label string, ts []term, all bool) []Row {
	res := b.res
	var rows []Row
	for p, period := range res.Periods {
		if period == sim.WholeRun && !all {
			continue
		}
		clear(b.xs)
		for _, t := range ts {
			for r, x := range res.KPI(p, t.idx) {
				b.xs[r] += t.sign * x
			}
		}
		rows = append(rows, b.row(chart, series, label, period))
	}
	return rows
}

// yearlyShare returns the rows of share KPI k, one per financial year and one for the whole
// run: the mean is the ratio of totals over the replications, the percentiles are the
// replications' own shares (sim.Results.Summary).
func (b *builder) yearlyShare(chart, series, label string, k int) []Row {
	var rows []Row
	for p, period := range b.res.Periods {
		st := b.res.Summary(p, k, Percentiles)
		r := Row{Chart: chart, Series: series, Label: label, X: period, Mean: st.Mean}
		copy(r.P[:], st.Percentiles)
		rows = append(rows, r)
	}
	return rows
}

// row summarises the scratch values.
func (b *builder) row(chart, series, label, x string) Row {
	st := sim.Summarise(b.xs, Percentiles)
	r := Row{Chart: chart, Series: series, Label: label, X: x, Mean: st.Mean}
	copy(r.P[:], st.Percentiles)
	return r
}

func (b *builder) add(rows []Row) { b.d.Rows = append(b.d.Rows, rows...) }

// maxP95 returns the largest 95th percentile of rows.
func maxP95(rows []Row) float64 {
	m := 0.0
	for _, r := range rows {
		if r.P[4] > m {
			m = r.P[4]
		}
	}
	return m
}

// childrenByKind adds the children placed in each kind (kinds that never hold a child in 95%
// of runs are left out), for the fan charts and the placement mix.
func (b *builder) childrenByKind(all [][]Row) {
	var kept [][]Row
	for _, rows := range all {
		if len(rows) > 0 && maxP95(rows) > 0 {
			kept = append(kept, rows)
		}
	}
	for _, rows := range kept {
		b.add(rows)
	}
	for _, rows := range kept {
		mix := slices.Clone(rows)
		for i := range mix {
			mix[i].Chart = PlacementMix
		}
		b.add(mix)
	}
}

// gapKind returns the kind whose sufficiency the gap chart shows: the one comparisons
// headline (sim.HeadlineGapKind), or else the scenario's first carers kind; ok is false when
// there is none.
func (b *builder) gapKind() (kindInfo, bool) {
	if i, ok := sim.HeadlineGapKind(b.res.Scenario); ok {
		return b.kinds[i], true
	}
	for _, k := range b.kinds {
		if k.supply == model.Carers {
			return k, true
		}
	}
	return kindInfo{}, false
}

// gapSpecs are, for the gap kind, the children whose first choice it is, its places, its
// empty places, and the shortfall (first choices less places).
func (b *builder) gapSpecs() []monthlySpec {
	k, ok := b.gapKind()
	if !ok {
		return nil
	}
	first, places, vacant := sim.FirstChoiceOf(k.name), sim.PlacesOf(k.name), sim.VacanciesOf(k.name)
	for _, m := range []string{first, places, vacant} {
		if _, ok := b.metric[m]; !ok {
			return nil
		}
	}
	what := lowerFirst(k.label)
	return []monthlySpec{
		{SufficiencyGap, first, "Children whose first choice is " + what, terms(b.metric, 1, first)},
		{SufficiencyGap, places, "Places in " + what, terms(b.metric, 1, places)},
		{SufficiencyGap, vacant, "Empty places in " + what, terms(b.metric, 1, vacant)},
		{SufficiencyGap, "shortfall_" + k.name, "Shortfall of places in " + what,
			append(terms(b.metric, 1, first), terms(b.metric, -1, places)...)},
	}
}

// minCostShare is the share of the whole run's spending below which a kind's cost is added to
// "Other placements" in the cost chart, so that the chart has no slivers too thin to read: not
// a kind the council provides or contracts itself (its own homes, block-booked beds), nor one
// the scenario's interventions change, whose cost is what a strategy is weighed on.
const minCostShare = 0.02

// OtherPlacementsLabel begins the label of the cost chart's series of the kinds folded
// together, "Other placements: specialist foster care and emergency placements": the rest
// names them.
const OtherPlacementsLabel = "Other placements"

// ownCost reports whether kind k's spending keeps a series of its own in the cost chart of s,
// however small: a kind of the council's own provision or of beds it contracts, or one that an
// intervention of s changes.
func ownCost(s *model.Scenario, k kindInfo) bool {
	if k.supply == model.Homes || k.supply == model.Block {
		return true
	}
	if s == nil {
		return false
	}
	for _, iv := range s.Interventions {
		if iv.Kind != model.AnyKind && int(iv.Kind) >= 0 && int(iv.Kind) < len(s.Kinds) && s.Kinds[iv.Kind].Name == k.name {
			return true
		}
	}
	return false
}

// costByYear adds spending by financial year on each kind, on carers, on young people leaving
// care, and in total.
func (b *builder) costByYear() {
	all := len(b.res.Periods) - 1
	total, ok := b.kpi[sim.CostTotal]
	if !ok {
		return
	}
	totalAll := sim.Summarise(b.res.KPI(all, total), nil).Mean
	type part struct {
		series, label string
		names         []string
	}
	var parts []part
	var other, otherLabels []string
	for _, k := range b.kinds {
		name := sim.CostOf(k.name)
		i, ok := b.kpi[name]
		if !ok {
			continue
		}
		mean := sim.Summarise(b.res.KPI(all, i), nil).Mean
		if mean < minCostShare*totalAll && !(mean != 0 && ownCost(b.res.Scenario, k)) {
			other = append(other, name)
			if mean != 0 {
				otherLabels = append(otherLabels, lowerFirst(k.label))
			}
			continue
		}
		parts = append(parts, part{name, k.label, []string{name}})
	}
	// The series of carers' support and recruitment is not the KPI cost_carers, which also
	// holds what children placed with the council's carers cost.
	parts = append(parts,
		part{"cost_carer_support_recruitment", "Carer support and recruitment", []string{sim.CostCarerSupport, sim.CostRecruitment}},
		part{"cost_leaving_care", "Staying put and care leavers", []string{sim.CostStayingPut, sim.CostCareLeavers}})
	if i, ok := b.kpi[sim.CostProgramme]; ok && sim.Summarise(b.res.KPI(all, i), nil).Mean > 0 {
		parts = append(parts, part{sim.CostProgramme, "Programme costs", []string{sim.CostProgramme}})
	}
	if len(other) > 0 {
		label := OtherPlacementsLabel
		if len(otherLabels) > 0 {
			label += ": " + strings.Join(otherLabels, "; ")
		}
		parts = append(parts, part{"cost_other", label, other})
	}
	for _, p := range parts {
		ts := terms(b.kpi, 1, p.names...)
		if len(ts) == 0 {
			continue
		}
		b.add(b.yearly(CostByYear, p.series, p.label, ts, false))
	}
	b.add(b.yearly(CostByYear, sim.CostTotal, "Total spending", []term{{total, 1}}, false))
}

// fosterCarers reports whether kind k is the council's own foster carers: of category foster
// and supplied by carers, as the KPI carer_households_end counts them (not, say, the hosts
// of supported lodgings).
func fosterCarers(k kindInfo) bool {
	return k.category == model.Foster && k.supply == model.Carers
}

// carerSpecs is the council's foster carer households, every kind of foster carers
// together, by month.
func (b *builder) carerSpecs() []monthlySpec {
	var households []string
	for _, k := range b.kinds {
		if fosterCarers(k) {
			households = append(households, sim.CarerHouseholdsOf(k.name))
		}
	}
	ts := terms(b.metric, 1, households...)
	if len(ts) == 0 {
		return nil
	}
	return []monthlySpec{{CarerHouseholds, "carer_households", "In-house foster carer households", ts}}
}

// carerHouseholds adds the carer households by month, and approvals, deregistrations and their
// difference by financial year.
func (b *builder) carerHouseholds(monthly [][]Row) {
	if len(monthly) == 0 {
		return
	}
	b.add(monthly[0])
	// The simulation counts approvals and deregistrations over every kind supplied by
	// carers, foster or not: when the scenario has carers of another category (the hosts of
	// supported lodgings, say), the labels say so.
	every := ""
	for _, k := range b.kinds {
		if k.supply == model.Carers && !fosterCarers(k) {
			every = " (every kind of carers, not foster carers only)"
		}
	}
	b.add(b.yearly(CarerHouseholds, sim.Approvals, "Approved"+every, terms(b.kpi, 1, sim.Approvals), false))
	b.add(b.yearly(CarerHouseholds, sim.Deregistrations, "Deregistered"+every, terms(b.kpi, 1, sim.Deregistrations), false))
	b.add(b.yearly(CarerHouseholds, "net_change", "Net change"+every,
		append(terms(b.kpi, 1, sim.Approvals), terms(b.kpi, -1, sim.Deregistrations)...), false))
}

// residentialNames returns the metric or KPI name makes of each residential kind.
func (b *builder) residentialNames(name func(kind string) string) []string {
	var out []string
	for _, k := range b.kinds {
		if k.category == model.Residential {
			out = append(out, name(k.name))
		}
	}
	return out
}

// residentialSpecs is the children in residential care (every residential kind) by month.
func (b *builder) residentialSpecs() []monthlySpec {
	ts := terms(b.metric, 1, b.residentialNames(sim.ChildrenOf)...)
	if len(ts) == 0 {
		return nil
	}
	return []monthlySpec{{EmergencyResidential, "children_residential", "Children in residential care", ts}}
}

// emergencyResidential adds the children in residential care by month and the emergency
// placements made in each financial year.
func (b *builder) emergencyResidential(monthly [][]Row) {
	for _, rows := range monthly {
		b.add(rows)
	}
	b.add(b.yearly(EmergencyResidential, sim.EmergencyPlacements, "Emergency placements",
		terms(b.kpi, 1, sim.EmergencyPlacements), false))
}

// keyFigures adds the figures of the report's table by financial year and for the whole run,
// each labelled as sim's catalogue of the scenario labels its KPI (keyFigureLabel).
func (b *builder) keyFigures() {
	cat := sim.CatalogueOf(b.res.Scenario)
	add := func(series, kpi string, ts []term) {
		if len(ts) > 0 {
			b.add(b.yearly(KeyFigures, series, keyFigureLabel(cat, kpi), ts, true))
		}
	}
	one := func(kpi string) { add(kpi, kpi, terms(b.kpi, 1, kpi)) }
	one(sim.ChildrenInCare)
	one(sim.Entries)
	for _, k := range b.kinds {
		if k.name == "ifa" {
			one(sim.OccupiedKPI(k.name))
		}
	}
	// Every residential kind's children, as the KPI of the category counts them.
	add("occupied_residential", sim.OccupiedCategoryKPI(model.Residential), terms(b.kpi, 1, b.residentialNames(sim.OccupiedKPI)...))
	if k, ok := b.gapKind(); ok {
		one(sim.GapWaiting(k.name))
	}
	// By need, for each kind that takes more than one (specialist carers for complex needs who
	// take standard needs too): the children of each need placed elsewhere whose first choice
	// it is, where some run places any (a need whose children have another first choice has
	// none).
	for _, k := range b.kinds {
		for n := range model.NumNeeds {
			kpi := sim.GapWaitingNeed(k.name, n)
			if i, ok := b.kpi[kpi]; ok && slices.ContainsFunc(b.res.KPI(len(b.res.Periods)-1, i), func(v float64) bool { return v > 0 }) {
				one(kpi)
			}
		}
	}
	one(sim.EmergencyPlacements)
	// Beside the emergency placements begun, the children in one on an average day, as a
	// comparison's headlines give them (EmergencyDayLabel).
	day := sim.OccupiedKPI(sim.EmergencyKind)
	if ts := terms(b.kpi, 1, day); len(ts) > 0 {
		b.add(b.yearly(KeyFigures, day, EmergencyDayLabel, ts, true))
	}
	share := func(kpi string) {
		if k, ok := b.kpi[kpi]; ok {
			b.add(b.yearlyShare(KeyFigures, kpi, keyFigureLabel(cat, kpi), k))
		}
	}
	share(sim.FirstChoiceShare)
	// Distance from home, as sufficiency statements report it: placed more than 20 miles away,
	// and (a region's councils only) outside the council's area, each as a share and a count.
	share(sim.PlacedDistantShare)
	one(sim.ChildrenPlacedDistant)
	share(sim.OutOfAreaShare)
	one(sim.ChildrenOutOfArea)
	one(sim.CarerHouseholdsEnd)
	one(sim.CostTotal)
	// A step-down programme's figures: the step-downs, the reviews that found a child ready
	// with no place to step down to, and the step-down placements that broke down within a
	// year.
	if stepDownProgramme(b.res.Scenario) {
		one(sim.Stepdowns)
		one(sim.StepdownsNoPlace)
		one(sim.StepdownBreakdowns12m)
	}
	// Unaccompanied children, where any arrive or are in care at the start (hasUASC), the
	// scenario acts on them (a surge, or a grant rate to reckon with) or the National Transfer
	// Scheme transfers any.
	transfers := false
	if i, ok := b.kpi[sim.UASCTransferred]; ok {
		transfers = slices.ContainsFunc(b.res.KPI(len(b.res.Periods)-1, i), func(v float64) bool { return v > 0 })
	}
	if transfers || uascInPlay(b.res.Scenario) || hasUASC(b.res.Scenario) {
		one(sim.UASCInCare)
		one(sim.UASCTransferred)
		one(sim.UASCCareLeavers)
	}
}

// hasUASC reports whether unaccompanied asylum-seeking children arrive in s or are in care at
// its start: its report's key figures then count those in care, transferred and supported
// after care.
func hasUASC(s *model.Scenario) bool {
	if s == nil {
		return false
	}
	return s.UASC.PerYear > 0 || slices.ContainsFunc(s.Stock, func(g model.StockGroup) bool { return g.UASC && g.Count > 0 })
}

// stepDownProgramme reports whether s changes the step-down rate (a stepdown_rate
// intervention): its report's key figures then count the step-downs.
func stepDownProgramme(s *model.Scenario) bool {
	return s != nil && slices.ContainsFunc(s.Interventions, func(iv model.Intervention) bool { return iv.Action == model.StepDownRate })
}

// uascInPlay reports whether s acts on unaccompanied asylum-seeking children: a UASC surge,
// or a grant rate for them.
func uascInPlay(s *model.Scenario) bool {
	return s != nil && (s.UASC.GrantPerNightGBP > 0 ||
		slices.ContainsFunc(s.Interventions, func(iv model.Intervention) bool { return iv.Action == model.UASCSurge }))
}

// keyFigureLabel labels kpi in the report's table of key figures: its label in catalogue c,
// with "(average)" after a time-average.
func keyFigureLabel(c sim.Catalogue, kpi string) string {
	info, ok := c.KPIInfo(kpi)
	if !ok {
		return strings.ReplaceAll(kpi, "_", " ")
	}
	if info.Aggregate == sim.Average {
		// "Children placed more than 20 miles away (number)" is "(number, average)".
		if l, ok := strings.CutSuffix(info.Label, " (number)"); ok {
			return l + " (number, average)"
		}
		return info.Label + " (average)"
	}
	return info.Label
}

// monthOf parses a monthly row's X.
func monthOf(x string) (time.Time, error) { return time.Parse("2006-01-02", x) }
