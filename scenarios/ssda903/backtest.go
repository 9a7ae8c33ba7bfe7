package ssda903

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Compared is a group of children compared in a backtest: the kind as the return shows it,
// and the simulator's monthly metrics that add up to it. The return cannot tell specialist
// in-house carers from the others, nor block-booked beds or emergency placements (mostly
// unregistered homes) from other residential care, so those are added to the kind the
// return records them as.
type Compared struct {
	// Name is the kind's name, or "children_in_care" for all children.
	Name string
	// Metrics are the simulator's monthly metrics that add up to it.
	Metrics []string
}

// ComparedKinds are the groups a backtest compares, the kinds in the order of KindNames and
// all children in care last.
var ComparedKinds = []Compared{
	{"kinship", []string{"children_kinship"}},
	{"inhouse_foster", []string{"children_inhouse_foster", "children_specialist_foster"}},
	{"ifa", []string{"children_ifa"}},
	{"inhouse_home", []string{"children_inhouse_home"}},
	{"external_residential", []string{"children_external_residential", "children_block_residential", "children_emergency"}},
	{"supported_accommodation", []string{"children_supported_accommodation"}},
	{"other_settings", []string{"children_other_settings"}},
	{"children_in_care", []string{"children_in_care"}},
}

// Actual is the children in care at the end of each month, as the return shows them.
type Actual struct {
	// Months is the first day of each month.
	Months []time.Time
	// Counts holds, for each of ComparedKinds, the children at the end of each month.
	Counts [][]int
	// Entries and Exits hold the children who entered care in each month (periods of care
	// that began in it, UASC included, as the simulation's entries metric counts them, and
	// counted as a calibration counts entries: periods whose first episode opens one, or
	// that follow an earlier period, not a child first seen in the return part way through a
	// period of care, whose start it does not show) and
	// those who left it (periods that ended in it, those lost from view included, as the
	// monthly counts take them out).
	Entries, Exits []int
	// merged holds, for each month, the kinds (indexes in ComparedKinds) that a scenario
	// calibrated to the month's end writes merged in its stock, a group of 1 to 4 children of
	// one counted with another's: beside the stock's merged count, the other's count would
	// give them away, so both are hidden (see covering).
	merged [][]int
}

// Flows are the flows a backtest compares by year of horizon, in the order of Actual's
// Entries and Exits, named as the simulation's metrics.
var Flows = []string{"entries", "exits"}

// Actual counts the children in care at the end of each month (on its last day) from the
// month of from to the last month the data cover, by the kinds of ComparedKinds.
func (r *Return) Actual(from time.Time) (*Actual, error) {
	start := dayOf(from).monthStart()
	var months []day
	for m := start; m.addMonths(1) <= r.end; m = m.addMonths(1) {
		months = append(months, m)
	}
	if len(months) == 0 {
		return nil, fmt.Errorf("the data end on %s: no whole month from %s to compare", r.end, start)
	}
	index := comparedIndex()
	a := &Actual{Counts: make([][]int, len(ComparedKinds)), Entries: make([]int, len(months)), Exits: make([]int, len(months))}
	for i := range a.Counts {
		a.Counts[i] = make([]int, len(months))
	}
	y0, m0, _ := start.civil()
	month := func(d day) int {
		y, m, _ := d.civil()
		return (y-y0)*12 + m - m0
	}
	for i := range r.periods {
		p := &r.periods[i]
		if mi := month(p.start); p.knownStart && p.start >= start && mi < len(months) {
			a.Entries[mi]++
		}
		if mi := month(p.end); p.end != noDay && p.end >= start && mi < len(months) {
			a.Exits[mi]++
		}
	}
	all := len(ComparedKinds) - 1
	for mi, m := range months {
		a.Months = append(a.Months, m.time())
		last := m.addMonths(1) - 1
		for i := range r.periods {
			p := &r.periods[i]
			if !p.inCareOn(last) {
				continue
			}
			k := r.kindOn(p, last)
			a.Counts[index[k]][mi]++
			a.Counts[all][mi]++
		}
		a.merged = append(a.merged, r.stockMerged(last+1, index))
	}
	return a, nil
}

// stockMerged returns the kinds (indexes in ComparedKinds, by index) whose groups the stock of
// a scenario that starts on day to merges with another kind's, as Calibration.stock counts
// them: the groups of 1 to 4 children counted with a group of another kind, and that group.
func (r *Return) stockMerged(to day, index map[kind]int) []int {
	totals := map[stockKey]int{}
	for i := range r.periods {
		p := &r.periods[i]
		if p.start >= to || !p.inCareOn(to) || bandOf(ageYears(p.dob, to), stockBands) < 0 {
			continue
		}
		pls := r.placements(p)
		k := pls[0].kind
		for _, pl := range pls {
			if pl.start > to-1 {
				break
			}
			k = pl.kind
		}
		totals[stockKey{k, p.uasc}]++
	}
	keys := make([]stockKey, 0, len(totals))
	for k := range totals {
		keys = append(keys, k)
	}
	sortStockKeys(keys)
	var out []int
	for _, m := range stockMerges(keys, totals) {
		if a, b := index[m.small.k], index[m.best.k]; a != b {
			for _, g := range []int{a, b} {
				if !slices.Contains(out, g) {
					out = append(out, g)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// comparedIndex returns the index in ComparedKinds of each kind of placement the return
// records; kinds the return never records count with those it records them as.
func comparedIndex() map[kind]int {
	index := map[kind]int{}
	for i, ck := range ComparedKinds[:len(ComparedKinds)-1] {
		for k := range numKinds {
			if k.String() == ck.Name {
				index[k] = i
			}
		}
	}
	index[specialistFoster] = index[inhouseFoster]
	index[blockResidential] = index[externalResidential]
	return index
}

// kindOn returns the kind of the child's placement on day d of period p: its last placement
// begun by then, other settings where none has.
func (r *Return) kindOn(p *period, d day) kind {
	k := otherSettings
	for _, pl := range r.placements(p) {
		if pl.start > d {
			break
		}
		k = pl.kind
	}
	return k
}

// Band is the simulated distribution of one group in one month: the mean and percentiles
// over the replications.
type Band struct {
	Mean, P05, P25, P50, P75, P95 float64
}

// Comparison is a backtest: each group's actual counts month by month against the
// simulated bands, and the errors summarised by horizon.
type Comparison struct {
	// Rows holds a row for each group and month.
	Rows []ComparisonRow
	// Summary holds, for each group, the errors over each year of horizon and over all, over
	// the months whose count is shown: a month whose count is hidden (ComparisonRow.Hidden)
	// is left out of every figure, which would otherwise give it away beside the rows shown.
	Summary []SummaryRow
	// AllMonths is Summary over every month, hidden counts included: for studies that pool
	// many backtests and show no single one's rows, never to be written beside them.
	AllMonths []SummaryRow
	// Flows holds the children entering and leaving care by year of horizon (CompareFlows),
	// entries then exits in each year.
	Flows []FlowRow
}

// ComparisonRow is one group in one month.
type ComparisonRow struct {
	// Group is the name of one of ComparedKinds.
	Group string
	// Month is the month's first day; Horizon its number from the first (1).
	Month   time.Time
	Horizon int
	// Actual is the count in the return at the month's end.
	Actual int
	// Band is the simulated distribution.
	Band Band
	// Covers is set on a row whose count is hidden though it is 0 or MinChildren or more, so
	// that the month's hidden counts cannot be worked out from the children in care and the
	// kinds shown (see Compare).
	Covers bool
}

// Hidden reports whether the row's actual count is one the backtest's files do not show: 1
// to 4 children (below MinChildren), or a count hidden beside them (Covers). Nothing derived
// from it is shown either.
func (r ComparisonRow) Hidden() bool {
	return r.Covers || hiddenCount(r.Actual)
}

// hiddenCount reports whether a count is one shown as NA: 1 to 4 children.
func hiddenCount(n int) bool {
	return n > 0 && n < MinChildren
}

// covering returns, for month m of actual, the kinds (indexes in ComparedKinds, all children
// in care last) whose counts are hidden beside the small ones so that none can be worked out
// from the total and the kinds shown. The kinds add up to the total, so the hidden kinds' sum
// is the total less those shown: with one kind hidden, its count; with more whose sum is below
// MinChildren, a narrow range (two hidden adding to 2 are 1 each). As official statistics do,
// the next smallest kinds shown with children are hidden too until at least two kinds are
// hidden and they add to MinChildren or more. When even every kind with children cannot do
// that, the total is fewer than MinChildren and hidden already.
//
// A kind that a scenario calibrated to the month's end writes merged with another in its
// stock (Actual's merged: the la-sample's 4 in kinship counted with agencies' 23 on 31 March
// 2022, written 27) is hidden with it, as the stock's count less the other's would give it away.
func covering(actual *Actual, m int) []int {
	kinds := len(ComparedKinds) - 1
	var merged []int
	if m < len(actual.merged) {
		merged = actual.merged[m]
	}
	var hidden, shown, covers []int
	sum := 0
	for g := range kinds {
		switch n := actual.Counts[g][m]; {
		case hiddenCount(n):
			hidden = append(hidden, g)
			sum += n
		case slices.Contains(merged, g):
			covers = append(covers, g)
			sum += n
		case n > 0:
			shown = append(shown, g)
		}
	}
	if len(hidden) == 0 && len(covers) == 0 || hiddenCount(actual.Counts[kinds][m]) {
		return nil
	}
	// The smallest first, the kinds' order among equals.
	slices.SortStableFunc(shown, func(a, b int) int { return actual.Counts[a][m] - actual.Counts[b][m] })
	for _, g := range shown {
		if len(hidden)+len(covers) >= 2 && sum >= MinChildren {
			break
		}
		covers = append(covers, g)
		sum += actual.Counts[g][m]
	}
	if len(hidden)+len(covers) < 2 || sum < MinChildren {
		covers = append(covers, kinds)
	}
	return covers
}

// FlowRow is a flow (one of Flows) over a span of the horizon: the return's count against the
// simulated totals of the span over the replications.
type FlowRow struct {
	// Flow is one of Flows; Horizon the span of months ("1-12", "13-24", ...) and Months the
	// months of it the comparison holds.
	Flow, Horizon string
	Months        int
	// Actual is the return's count; Hidden says it is not shown: 1 to 4 children, or the
	// other flow of the span when that one is (the children in care at the span's two ends,
	// shown, give their difference).
	Actual int
	Hidden bool
	// Band is the simulated distribution of the span's total.
	Band Band
}

// Covered names the months of the horizon the span covers: its Horizon where it is a whole
// year ("13-24"), or the months it holds where it is shorter ("13-18", the data ending).
func (f FlowRow) Covered() string {
	first, _, ok := strings.Cut(f.Horizon, "-")
	n, err := strconv.Atoi(first)
	if !ok || err != nil || f.Months <= 0 || f.Months >= 12 {
		return f.Horizon
	}
	return fmt.Sprintf("%d-%d", n, n+f.Months-1)
}

// Range90 returns the 90% band of the span's total taken outwards to whole children, as
// ComparisonRow.In90 takes it: the 5th percentile rounded down and the 95th rounded up. It is
// the range backtest_summary.csv writes (its p05 and p95), the printed table shows and In90
// tests, so that the three agree.
func (f FlowRow) Range90() (lo, hi float64) {
	return math.Floor(f.Band.P05), math.Ceil(f.Band.P95)
}

// In90 reports whether the actual count lies within the 90% band, taken outwards to whole
// children (Range90).
func (f FlowRow) In90() bool {
	a := float64(f.Actual)
	lo, hi := f.Range90()
	return a >= lo && a <= hi
}

// CompareFlows sets the return's entries and exits (actual's) by year of horizon against the
// simulated totals, bands[f][y] being flow f of Flows over the y-th span of 12 months of
// actual.Months (the last may be shorter), and keeps them in c.Flows: a good score of the
// children in care can hide wrong flows, too few children entering and too few leaving.
func (c *Comparison) CompareFlows(actual *Actual, bands [][]Band) {
	c.Flows = nil
	counts := [][]int{actual.Entries, actual.Exits}
	n := len(actual.Months)
	for lo, y := 0, 0; lo < n; lo, y = lo+12, y+1 {
		hi := min(lo+12, n)
		var rows []FlowRow
		hidden := false
		for f, name := range Flows {
			if y >= len(bands[f]) {
				return
			}
			sum := 0
			for _, v := range counts[f][lo:hi] {
				sum += v
			}
			hidden = hidden || hiddenCount(sum)
			rows = append(rows, FlowRow{Flow: name, Horizon: fmt.Sprintf("%d-%d", lo+1, lo+12), Months: hi - lo, Actual: sum, Band: bands[f][y]})
		}
		for i := range rows {
			rows[i].Hidden = hidden
		}
		c.Flows = append(c.Flows, rows...)
	}
}

// APE returns the absolute percentage error of the simulated median, or NaN when the actual
// count is 0.
func (r ComparisonRow) APE() float64 {
	if r.Actual == 0 {
		return math.NaN()
	}
	return 100 * math.Abs(r.Band.P50-float64(r.Actual)) / float64(r.Actual)
}

// In50 reports whether the actual count lies within the 50% band (25th to 75th percentile),
// and In90 within the 90% band (5th to 95th), both bounds included. Counts of children are
// whole: a bound between two replications' counts (the percentiles interpolate) is taken
// outwards to the whole count, so that a small series (the four to eight children of a
// council's homes) is inside its band as often as a series of whole counts can be. With the
// replications a multiple of 20 the bounds are replications' counts already.
func (r ComparisonRow) In50() bool {
	a := float64(r.Actual)
	lo, hi := r.Range50()
	return a >= lo && a <= hi
}

// In90 reports whether the actual count lies within the 90% band.
func (r ComparisonRow) In90() bool {
	a := float64(r.Actual)
	lo, hi := r.Range90()
	return a >= lo && a <= hi
}

// Range50 returns the 50% band taken outwards to whole children, as In50 takes it: the 25th
// percentile rounded down and the 75th rounded up. It is what backtest.csv writes as p25 and
// p75, so that a row's in_50 agrees with its own bounds.
func (r ComparisonRow) Range50() (lo, hi float64) {
	return math.Floor(r.Band.P25), math.Ceil(r.Band.P75)
}

// Range90 returns the 90% band taken outwards to whole children, as In90 takes it: the 5th
// percentile rounded down and the 95th rounded up, what backtest.csv writes as p05 and p95.
func (r ComparisonRow) Range90() (lo, hi float64) {
	return math.Floor(r.Band.P05), math.Ceil(r.Band.P95)
}

// SummaryRow summarises one group over a span of horizons.
type SummaryRow struct {
	// Group is the name of one of ComparedKinds.
	Group string
	// Horizon is the span of months: "1-12", "13-24", ..., or "all".
	Horizon string
	// Months is the number of months in it that are counted (in Comparison.Summary, those
	// whose count is shown); MAPEMonths those with an actual count above 0, over which MAPE is
	// taken.
	Months, MAPEMonths int
	// MAPE is the mean absolute percentage error of the simulated median, in percent (NaN
	// when no month has children).
	MAPE float64
	// Coverage50 and Coverage90 are the shares (0 to 1) of months whose actual count lies
	// within the 50% and 90% bands (NaN when no month is counted).
	Coverage50, Coverage90 float64
}

// Compare sets the actual counts against the simulated bands, bands[g][m] being group g of
// ComparedKinds in month m of actual.Months (months the simulation does not reach are left
// out).
func Compare(actual *Actual, bands [][]Band) *Comparison {
	c := &Comparison{}
	covered := make([][]bool, len(ComparedKinds))
	for g := range covered {
		covered[g] = make([]bool, len(actual.Months))
	}
	for m := range actual.Months {
		for _, g := range covering(actual, m) {
			covered[g][m] = true
		}
	}
	for g, ck := range ComparedKinds {
		n := min(len(actual.Months), len(bands[g]))
		var rows []ComparisonRow
		for m := range n {
			rows = append(rows, ComparisonRow{Group: ck.Name, Month: actual.Months[m], Horizon: m + 1, Actual: actual.Counts[g][m], Band: bands[g][m],
				Covers: covered[g][m]})
		}
		c.Rows = append(c.Rows, rows...)
		for lo := 0; lo < n; lo += 12 {
			hi := min(lo+12, n)
			span := fmt.Sprintf("%d-%d", lo+1, lo+12)
			c.Summary = append(c.Summary, summarise(ck.Name, span, rows[lo:hi], true))
			c.AllMonths = append(c.AllMonths, summarise(ck.Name, span, rows[lo:hi], false))
		}
		c.Summary = append(c.Summary, summarise(ck.Name, "all", rows, true))
		c.AllMonths = append(c.AllMonths, summarise(ck.Name, "all", rows, false))
	}
	return c
}

// summarise summarises rows, leaving out those whose count is hidden when shown is set.
func summarise(group, horizon string, rows []ComparisonRow, shown bool) SummaryRow {
	s := SummaryRow{Group: group, Horizon: horizon}
	var sum float64
	var in50, in90 int
	for _, r := range rows {
		if shown && r.Hidden() {
			continue
		}
		s.Months++
		if ape := r.APE(); !math.IsNaN(ape) {
			sum += ape
			s.MAPEMonths++
		}
		if r.In50() {
			in50++
		}
		if r.In90() {
			in90++
		}
	}
	s.MAPE = math.NaN()
	if s.MAPEMonths > 0 {
		s.MAPE = sum / float64(s.MAPEMonths)
	}
	switch {
	case s.Months > 0:
		s.Coverage50 = float64(in50) / float64(s.Months)
		s.Coverage90 = float64(in90) / float64(s.Months)
	case shown:
		s.Coverage50, s.Coverage90 = math.NaN(), math.NaN()
	}
	return s
}

// WriteCSV writes the comparison month by month, one row per group and month:
// group,date,horizon_months,actual,mean,p05,p25,p50,p75,p95,ape,in_50,in_90, quoted as
// encoding/csv quotes, numbers in full (csvNum). p05, p25, p75 and p95 are the bounds in_50 and
// in_90 are taken on, outwards to whole children (ComparisonRow.Range50 and Range90: the 5th and
// 25th percentiles rounded down, the 75th and 95th up), so that a row agrees with itself; mean
// and p50, of which ape is the error, are as simulated. An actual count from 1 to 4 is written NA, and
// so is a count hidden beside it (ComparisonRow.Covers), and so are their ape, in_50 and in_90, which beside the bands would give it away; ape is NA too
// when the count is 0.
func (c *Comparison) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"group", "date", "horizon_months", "actual", "mean", "p05", "p25", "p50", "p75", "p95", "ape", "in_50", "in_90"})
	for _, r := range c.Rows {
		actual, ape := strconv.Itoa(r.Actual), csvNum(r.APE())
		in50, in90 := strconv.FormatBool(r.In50()), strconv.FormatBool(r.In90())
		if r.Hidden() {
			actual, ape, in50, in90 = "NA", "NA", "NA", "NA"
		}
		lo50, hi50 := r.Range50()
		lo90, hi90 := r.Range90()
		cw.Write([]string{r.Group, r.Month.Format(time.DateOnly), strconv.Itoa(r.Horizon), actual,
			csvNum(r.Band.Mean), csvNum(lo90), csvNum(lo50), csvNum(r.Band.P50), csvNum(hi50), csvNum(hi90),
			ape, in50, in90})
	}
	cw.Flush()
	return cw.Error()
}

// WriteSummaryCSV writes the summary: group,horizon_months,months,mape_months,mape,
// coverage_50,coverage_90,actual,mean,p05,p95, quoted as encoding/csv quotes, numbers in full
// (csvNum). Written from Comparison.Summary, it leaves out the months whose count is hidden;
// actual to p95 are NA on its rows. Then a row for each flow and year of horizon
// (Comparison.Flows, group entries or exits): its months, the return's count (NA when hidden,
// FlowRow.Hidden, and so is coverage_90), and the simulated total's mean, and its 5th and 95th
// percentiles taken outwards to whole children (FlowRow.Range90: the 5th rounded down, the 95th
// up); coverage_90 is 1 when the count lies within those two, bounds included, and 0 when not,
// and mape_months, mape and coverage_50 are NA.
func (c *Comparison) WriteSummaryCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"group", "horizon_months", "months", "mape_months", "mape", "coverage_50", "coverage_90", "actual", "mean", "p05", "p95"})
	for _, s := range c.Summary {
		cw.Write([]string{s.Group, s.Horizon, strconv.Itoa(s.Months), strconv.Itoa(s.MAPEMonths), csvNum(s.MAPE), csvNum(s.Coverage50), csvNum(s.Coverage90), "NA", "NA", "NA", "NA"})
	}
	for _, f := range c.Flows {
		actual, in90 := strconv.Itoa(f.Actual), "0"
		if f.In90() {
			in90 = "1"
		}
		if f.Hidden {
			actual, in90 = "NA", "NA"
		}
		lo, hi := f.Range90()
		cw.Write([]string{f.Flow, f.Horizon, strconv.Itoa(f.Months), "NA", "NA", "NA", in90, actual, csvNum(f.Band.Mean), csvNum(lo), csvNum(hi)})
	}
	cw.Flush()
	return cw.Error()
}

// csvNum writes a number in full, the shortest decimal that reads back exactly (as every CSV
// of placesim does), with -0 written 0, or NA for NaN or an infinity.
func csvNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "NA"
	}
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
