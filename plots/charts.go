package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/placesim/placesim/model"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Source says where a chart's figures come from, for its source line.
type Source struct {
	// Version is placesim's version.
	Version string
	// Scenario is the scenario's name, or the region's.
	Scenario string
	// Region says that Scenario names a region: the source line says so.
	Region bool
	// Reps is the number of replications.
	Reps int
	// Seed is the master seed.
	Seed uint64
	// Prices, when set, says which year's prices the scenario's amounts are written in
	// (PricesNote).
	Prices string
	// Sets are the changes --set made to the scenario for this run ("path=value", as the
	// command applied them and manifest.json records them, the years left out; see
	// SetsAndYears), or none: the source line, the report and the workbook then say the
	// scenario was changed and how.
	Sets []string
	// CouncilSets, for a council of a region, are the changes its set: in the region file
	// made to its scenario (model.Council.Sets), and for a region (Region), every council's:
	// the notes then say that what they change is not the scenario file's own.
	CouncilSets []string
	// Shared, for a council of a region, is the region's shared markets (SharedMarketsOf):
	// its report says that their kinds' places come from them.
	Shared []SharedMarket
	// NoKPIs says that the run's folder holds no kpis.csv (a region's council without
	// --all-kpis): its report names only the files it holds.
	NoKPIs bool
}

// SetsAndYears splits the --set values of a command ("path=value", as it applied them and its
// manifest.json records them) into those that change the scenario's assumptions, trimmed, in
// their order, and whether one sets the years simulated (years=N, as --years N gives it,
// written "years=3" or "years = 3" alike). The years simulated are not a change: a shorter or
// longer run of a scenario is still that scenario, the same assumptions over another horizon,
// and its report gives the years it covers.
func SetsAndYears(all []string) (sets []string, years bool) {
	for _, set := range all {
		set = strings.TrimSpace(set)
		if path, _, _ := strings.Cut(set, "="); strings.TrimSpace(path) == "years" {
			years = true
			continue
		}
		sets = append(sets, set)
	}
	return sets, years
}

// ChangedBy names the changes --set made to the scenarios of a run, as every printed line,
// report and chart source of every command names them: " changed by --set a=1, --set b=2"
// after the scenario's name, or "" when --set changed none of its assumptions (SetsAndYears).
func ChangedBy(sets []string) string {
	if len(sets) == 0 {
		return ""
	}
	return " changed by --set " + strings.Join(sets, ", --set ")
}

// String returns the source line: "Source: placesim v1.2.0 simulation of scenario "default",
// 1,000 runs (seed 1)."
func (s Source) String() string {
	what := "scenario"
	if s.Region {
		what = "region"
	}
	line := fmt.Sprintf("Source: placesim %s simulation, %s %q%s, %s, seed %d. "+CashTerms,
		s.Version, what, s.Scenario, ChangedBy(s.Sets), runsOf(s.Reps, "run"), s.Seed)
	if s.Prices != "" {
		line += " " + s.Prices
	}
	return line
}

// Legend entries shared by the fan charts.
var (
	medianStyle = lineStyle(blue, 1.6, nil)
	band50      = tint(blue, 0.55)
	band90      = tint(blue, 0.82)
	fanLegend   = []LegendItem{
		{Label: "Median", Line: medianStyle},
		{Label: "Half of runs", Fill: band50, Range: true},
		{Label: "9 in 10 runs", Fill: band90, Range: true},
	}
)

// Charts draws every chart the data holds, in the order a report shows them: children by kind,
// the sufficiency gap, the sufficiency gap by age band, the placement mix, cost by year, carer households, and residential care
// with emergency placements. src fills each chart's source line.
func Charts(d *Data, src Source) ([]*Chart, error) {
	var out []*Chart
	for _, m := range chartMakers {
		if !d.Has(m.name) {
			continue
		}
		c, err := m.make(d, src)
		if err != nil {
			return nil, err
		}
		cautionFewRuns(c, src)
		out = append(out, c)
	}
	return out, nil
}

// cautionFewRuns adds to the note of chart c, drawn from src.Reps runs, the caution that they
// are too few for the bands of 9 runs in 10 it draws (FewRunsNote), when they are.
// One run draws no band: the legend leaves out the keys of the bands and ranges not drawn.
func cautionFewRuns(c *Chart, src Source) {
	if src.Reps == 1 {
		c.Legend = slices.DeleteFunc(slices.Clone(c.Legend), isRangeKey)
		oneRunWords(c)
	}
	// The caution is a sentence of the note's own, begun with a capital: "One run gives no
	// range …", after "Averages over 2035/36." as alone.
	note := strings.TrimPrefix(FewRunsNote(src.Reps, 0.9, ""), "Caution: ")
	if r, size := utf8.DecodeRuneInString(note); size > 0 {
		note = string(unicode.ToUpper(r)) + note[size:]
	}
	switch {
	case note == "":
	case c.Note == "":
		c.Note = note
	default:
		c.Note += " " + note
	}
}

// oneRunWords words chart c, drawn from one run, as that run's figures: its subtitle, legend
// and axes speak of no mean, median or spread of runs, which one run does not have.
func oneRunWords(c *Chart) {
	c.Subtitle = oneRunText.Replace(c.Subtitle)
	c.Note = oneRunText.Replace(c.Note)
	for i := range c.Legend {
		switch c.Legend[i].Label {
		case "Median", "Median of runs":
			c.Legend[i].Label = "The run"
		default:
			c.Legend[i].Label = oneRunText.Replace(c.Legend[i].Label)
		}
	}
	for _, pn := range c.panels {
		pn.p.Y.Label.Text = oneRunText.Replace(pn.p.Y.Label.Text)
		pn.p.X.Label.Text = oneRunText.Replace(pn.p.X.Label.Text)
	}
}

// oneRunText rewrites the words of a chart of many runs for a chart of one: the figures a
// subtitle quotes are the run's own, and a line or an area is the run's, not a median.
var oneRunText = strings.NewReplacer(
	" (mean of runs; the lines are medians)", "",
	"(mean of runs: each moves by less than", "(each moves by less than",
	", or within the middle half of runs", "",
	"; the bands show the spread of outcomes.", ".",
	" Areas show the median of runs, stacked.", " Areas are stacked.",
	" (means of runs)", "",
	" (mean of runs)", "",
	"(mean of runs, ", "(",
	"(mean of runs; ", "(",
	", a change within the spread of runs", "",
	" (median of runs)", "",
	" (average of runs)", "",
	" and over runs.", ".",
	" (median of runs over the run)", " (over the run)",
	": median of runs", ": the run",
	" (mean of runs; the bars are medians)", "",
)

// isRangeKey reports whether legend entry it is the key of a range of runs alone (see
// LegendItem.Range): a fan's band, or a whisker of a range.
func isRangeKey(it LegendItem) bool { return it.Range }

// runsRange writes "; 9 in 10 runs: lo to hi" for a chart's subtitle, or "" for one run,
// which gives no range.
func runsRange(src Source, in, lo, hi string) string {
	if src.Reps == 1 {
		return ""
	}
	return fmt.Sprintf("; 9 in 10 runs%s: %s to %s", in, lo, hi)
}

// ChartNamed draws the chart of Charts called name alone: a file that holds one chart need not
// build the others. It fails when Charts would not draw it.
func ChartNamed(d *Data, src Source, name string) (*Chart, error) {
	for _, m := range chartMakers {
		if m.name == name && d.Has(name) {
			c, err := m.make(d, src)
			if err == nil {
				cautionFewRuns(c, src)
			}
			return c, err
		}
	}
	return nil, fmt.Errorf("plots: the chart data has no chart %s", name)
}

// chartMakers make the charts of Charts, in its order.
var chartMakers = []struct {
	name string
	make func(*Data, Source) (*Chart, error)
}{
	{ChildrenByKind, ChildrenByKindChart},
	{SufficiencyGap, SufficiencyGapChart},
	{SufficiencyGapByAge, SufficiencyGapByAgeChart},
	{PlacementMix, PlacementMixChart},
	{CostByYear, CostByYearChart},
	{CarerHouseholds, CarerHouseholdsChart},
	{EmergencyResidential, EmergencyResidentialChart},
}

// monthlySeries returns the rows of a monthly series with the position of each on a time axis
// (the end of its month, when stocks are counted).
func monthlySeries(d *Data, chart, series string) ([]float64, []Row, error) {
	rows := d.Series(chart, series)
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("plots: chart data has no series %s of %s", series, chart)
	}
	xs := make([]float64, len(rows))
	for i, r := range rows {
		t, err := monthOf(r.X)
		if err != nil {
			return nil, nil, fmt.Errorf("plots: %s %s: month %q: %w", chart, series, r.X, err)
		}
		xs[i] = monthEnd(t)
	}
	return xs, rows, nil
}

// yearlySeries returns the rows of a series by financial year (not "all"), and their labels.
func yearlySeries(d *Data, chart, series string) ([]string, []Row, error) {
	var names []string
	var out []Row
	for _, r := range d.Series(chart, series) {
		if r.X == "all" {
			continue
		}
		names = append(names, r.X)
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("plots: chart data has no series %s of %s", series, chart)
	}
	return names, out, nil
}

// pick returns percentile i (0-4 for 5, 25, 50, 75, 95) of each row, or the mean when i is -1.
func pick(rows []Row, i int) []float64 {
	out := make([]float64, len(rows))
	for j, r := range rows {
		if i < 0 {
			out[j] = r.Mean
		} else {
			out[j] = r.P[i]
		}
	}
	return out
}

// monthName writes the end of the month of a monthly row: "March 2036".
func monthName(r Row) string {
	t, err := monthOf(r.X)
	if err != nil {
		return r.X
	}
	return t.Format("January 2006")
}

// shortLabel drops a bracketed aside from a kind's label: "Kinship (family and friends) foster
// care" becomes "Kinship foster care".
func shortLabel(s string) string {
	for {
		i := strings.Index(s, " (")
		j := strings.Index(s, ")")
		if i < 0 || j < i {
			return s
		}
		s = s[:i] + s[j+1:]
	}
}

// wrapTitle breaks a panel title into lines that fit width.
func wrapTitle(s string, width vg.Length) string {
	return strings.Join(wrap(s, textStyle(sansBold, labelSize, black), width), "\n")
}

// fan adds to p the 90% and 50% bands and the median of rows at xs.
func fan(p *plot.Plot, xs []float64, rows []Row) {
	p.Add(&band{xs: xs, lo: pick(rows, 0), hi: pick(rows, 4), color: band90})
	p.Add(&band{xs: xs, lo: pick(rows, 1), hi: pick(rows, 3), color: band50})
	p.Add(&line{xs: xs, ys: pick(rows, 2), style: medianStyle})
}

// ChildrenByKindChart draws a fan chart of the children in each provision kind, one small
// panel per kind, each on its own scale.
func ChildrenByKindChart(d *Data, src Source) (*Chart, error) {
	names := d.SeriesNames(ChildrenByKind)
	if len(names) == 0 {
		return nil, fmt.Errorf("plots: chart data has no %s series", ChildrenByKind)
	}
	c := &Chart{
		Name:   ChildrenByKind,
		Title:  "Children in care by type of placement",
		Source: src.String(),
		Width:  Width, Height: TallHeight,
		Legend: fanLegend,
		Cols:   3,
	}
	if len(names) <= 4 {
		c.Cols = 2
	}
	panelW := (Width-2*margin)/vg.Length(c.Cols) - 40
	var best struct {
		label       string
		from, to    float64
		change      float64
		last        Row
		initialized bool
	}
	steadiest := best // the largest change of any kind, clear or not
	for _, s := range names {
		xs, rows, err := monthlySeries(d, ChildrenByKind, s)
		if err != nil {
			return nil, err
		}
		// Each panel is on its own scale, and says its unit: a panel lifted alone still reads.
		p := newPlot(wrapTitle(shortLabel(rows[0].Label), panelW), "Children", countTicks{})
		// A third of the page's width holds three labels of financial years apart, and the
		// axis' labels sit clear of the y axis' "0".
		setTimeAxis(p, xs[0]-1.0/12, xs[len(xs)-1], 3)
		p.X.Padding = 5
		fan(p, xs, rows)
		c.addPanel(p)
		// The largest clear change: a kind whose children change by fewer than clearChangeText
		// of where they start is not named.
		// The figures quoted are the means of the runs, as the run's report gives them; the
		// fan is the median and its bands.
		from, to := rows[0].Mean, rows[len(rows)-1].Mean
		if ch := math.Abs(to - from); !steadiest.initialized || ch > steadiest.change {
			steadiest.label, steadiest.from, steadiest.to, steadiest.change, steadiest.last, steadiest.initialized = shortLabel(rows[0].Label), from, to, ch, rows[len(rows)-1], true
		}
		if !clearCountChange(from, to, rows[len(rows)-1]) {
			continue
		}
		if ch := math.Abs(to - from); !best.initialized || ch > best.change {
			best.label, best.from, best.to, best.change, best.last, best.initialized = shortLabel(rows[0].Label), from, to, ch, rows[len(rows)-1], true
		}
	}
	if !best.initialized {
		c.Subtitle = "The number of children in each type of placement stays about the same (mean of runs: each moves by less than " + clearChangeText + ", or within the middle half of runs); the bands show the spread of outcomes."
		// The largest of the changes too small to call, with both its figures: the start alone
		// would read as where the count ends.
		if move, _ := unclearCount(steadiest.from, steadiest.to); steadiest.initialized && formatCount(steadiest.from) != formatCount(steadiest.to) {
			c.Subtitle = fmt.Sprintf("The number of children in each type of placement stays about the same (mean of runs: each moves by less than %s, or within the middle half of runs; the most, %s, %s by %s); the bands show the spread of outcomes.",
				clearChangeText, lowerFirst(steadiest.label), strings.TrimPrefix(move, "go "), monthName(steadiest.last))
		}
	} else {
		c.Subtitle = fmt.Sprintf("The largest change is in %s: %s from %s children to %s by %s (mean of runs; the lines are medians).",
			lowerFirst(best.label), riseOrFall(best.from, best.to), formatCount(best.from), formatCount(best.to), monthName(best.last))
	}
	return c, nil
}

// clearChangeShare is the least change, as a share of where a figure starts, that a chart's
// subtitle calls a rise or a fall, and clearChangeText says it; a smaller one "stays about the
// same". The same rule holds for the children in each kind of placement and the carer
// households (whose start must also lie outside the middle half of the runs at the end:
// clearCountChange) and the mix of placements (with a change of at least a percentage point
// too): a steady baseline's median moves by a child or a household or two from run to run,
// and a board paper would read that as a trend.
const (
	clearChangeShare = 0.05
	clearChangeText  = "5%"
)

// clearChange reports whether a figure that starts at from and ends at to changes clearly.
func clearChange(from, to float64) bool {
	return to != from && math.Abs(to-from) >= clearChangeShare*math.Abs(from)
}

// clearCountChange reports whether a count drawn with bands that starts at from and ends at to
// (the means of the runs, as a subtitle quotes them) changes clearly: by clearChange, a whole
// number, and to where the start lies outside the middle half of the runs at the end, end. A
// small count (8 children to 7) moves by more than clearChangeText from one run to the next.
func clearCountChange(from, to float64, end Row) bool {
	return math.Round(from) != math.Round(to) && clearChange(from, to) && (from < end.P[1] || from > end.P[3])
}

// unclearCount says how a count that does not change clearly (clearCountChange) moves: "stay at
// about 85" where its start and end round alike, else both figures, "go from about 85 to 80",
// with why the change is not called a rise or a fall (why, to follow "(mean of runs)"): the
// start alone would read as where the count ends.
func unclearCount(from, to float64) (move, why string) {
	if formatCount(from) == formatCount(to) {
		return "stay at about " + formatCount(from), ""
	}
	why = "a change within the spread of runs"
	if !clearChange(from, to) {
		why = "a change of less than " + clearChangeText
	}
	return "go from about " + formatCount(from) + " to " + formatCount(to), why
}

// pluralWord returns one where n rounds to 1, and many otherwise.
func pluralWord(n float64, one, many string) string {
	if math.Round(n) == 1 {
		return one
	}
	return many
}

// riseOrFall says which way a number moves.
func riseOrFall(from, to float64) string {
	if to > from {
		return "up"
	}
	return "down"
}

// SufficiencyGapChart draws the children whose first choice is the council's own foster care
// against the places it has, and how many of those stand empty.
func SufficiencyGapChart(d *Data, src Source) (*Chart, error) {
	names := d.SeriesNames(SufficiencyGap)
	if len(names) != 4 {
		return nil, fmt.Errorf("plots: %s needs 4 series (first choice, places, vacancies, shortfall), got %d", SufficiencyGap, len(names))
	}
	xs, need, err := monthlySeries(d, SufficiencyGap, names[0])
	if err != nil {
		return nil, err
	}
	_, places, err := monthlySeries(d, SufficiencyGap, names[1])
	if err != nil {
		return nil, err
	}
	_, empty, err := monthlySeries(d, SufficiencyGap, names[2])
	if err != nil {
		return nil, err
	}
	_, short, err := monthlySeries(d, SufficiencyGap, names[3])
	if err != nil {
		return nil, err
	}
	needStyle := lineStyle(vermilion, 1.8, nil)
	placeStyle := lineStyle(blue, 1.8, dashed)
	emptyStyle := lineStyle(darkGrey, 1.2, dotted)
	what := strings.TrimPrefix(places[0].Label, "Places in ")
	c := &Chart{
		Name:   SufficiencyGap,
		Title:  SufficiencyGapTitle(what),
		Source: src.String(),
		Width:  Width, Height: Height,
		Legend: []LegendItem{
			{Label: "Children whose first choice it is", Line: needStyle, Fill: translucent(vermilion, 0.2)},
			{Label: "Approved places", Line: placeStyle, Fill: translucent(blue, 0.2)},
			{Label: "Empty places", Line: emptyStyle},
		},
		Note: "Empty places are not all free for the children who need them: the sufficiency gap by age shows which " +
			"could take the children placed elsewhere, and why the others cannot.",
		Cols: 1,
	}
	p := newPlot("", "Children or places", countTicks{})
	setTimeAxis(p, xs[0]-1.0/12, xs[len(xs)-1], 12)
	p.Add(&band{xs: xs, lo: pick(places, 0), hi: pick(places, 4), color: translucent(blue, 0.2)})
	p.Add(&band{xs: xs, lo: pick(need, 0), hi: pick(need, 4), color: translucent(vermilion, 0.2)})
	p.Add(&line{xs: xs, ys: pick(empty, 2), style: emptyStyle})
	p.Add(&line{xs: xs, ys: pick(places, 2), style: placeStyle})
	p.Add(&line{xs: xs, ys: pick(need, 2), style: needStyle})
	c.addPanel(p)

	last := short[len(short)-1]
	when := monthName(last)
	// The figures quoted are means of runs, as the other charts' subtitles and the report's key
	// figures give them; the lines are medians.
	gap := last.Mean
	// A range of the gap that runs from places spare to children short says both in words:
	// "-15 to 98 more children" would be a negative count of children.
	crosses := src.Reps != 1 && math.Round(last.P[0]) < 0 && math.Round(last.P[4]) > 0
	spread := fmt.Sprintf("; 9 in 10 runs: from %s %s spare to %s %s short", formatCount(-last.P[0]), pluralWord(-last.P[0], "place", "places"),
		formatCount(last.P[4]), pluralWord(last.P[4], "place", "places"))
	// meanOf brackets a figure's note: the mean of runs and range r; one run has neither.
	meanOf := func(r string) string {
		if src.Reps == 1 {
			return ""
		}
		return " (mean of runs" + r + ")"
	}
	emptyNow := formatCount(empty[len(empty)-1].Mean)
	switch {
	case crosses && math.Round(gap) > 0:
		c.Subtitle = fmt.Sprintf("By %s, %s is %s %s short of first choices: more children have it as their first choice than it has places%s. Lines are medians; bands hold 9 in 10 runs.",
			when, what, formatCount(gap), pluralWord(gap, "place", "places"), meanOf(spread))
	case crosses:
		c.Subtitle = fmt.Sprintf("By %s there are %s more places than children whose first choice is %s%s, and %s places stand empty%s. Lines are medians; bands hold 9 in 10 runs.",
			when, formatCount(-gap), what, meanOf(spread), emptyNow, meanOf(""))
	case math.Round(gap) > 0:
		c.Subtitle = fmt.Sprintf("By %s, %s is %s %s short of first choices: more children have it as their first choice than it has places%s. Lines are medians; bands hold 9 in 10 runs.",
			when, what, formatCount(gap), pluralWord(gap, "place", "places"), meanOf(runsRange(src, "", formatCount(last.P[0]), formatCount(last.P[4]))))
	default:
		c.Subtitle = fmt.Sprintf("By %s there are %s more places than children whose first choice is %s%s, and %s places stand empty%s. Lines are medians; bands hold 9 in 10 runs.",
			when, formatCount(-gap), what, meanOf(runsRange(src, "", formatCount(-last.P[4]), formatCount(-last.P[0]))), emptyNow, meanOf(""))
	}
	if src.Reps == 1 {
		c.Subtitle = strings.Replace(c.Subtitle, "Lines are medians; bands hold 9 in 10 runs.", "Lines are the one run's figures.", 1)
	}
	return c, nil
}

// PlacementMixChart draws the median number of children in each kind as stacked areas.
func PlacementMixChart(d *Data, src Source) (*Chart, error) {
	names := d.SeriesNames(PlacementMix)
	if len(names) == 0 {
		return nil, fmt.Errorf("plots: chart data has no %s series", PlacementMix)
	}
	c := &Chart{
		Name:   PlacementMix,
		Title:  "Where children in care live",
		Source: src.String(),
		Width:  Width, Height: Height,
		Cols: 1,
	}
	p := newPlot("", "Children (median of runs)", countTicks{})
	var xs, base []float64
	var labels []directLabel
	type share struct {
		label    string
		from, to float64
	}
	var shares []share
	var last Row
	for i, s := range names {
		x, rows, err := monthlySeries(d, PlacementMix, s)
		if err != nil {
			return nil, err
		}
		if xs == nil {
			xs, base = x, make([]float64, len(x))
			setTimeAxis(p, xs[0]-1.0/12, xs[len(xs)-1], 7)
		}
		if len(x) != len(xs) {
			return nil, fmt.Errorf("plots: %s series %s has %d months, not %d", PlacementMix, s, len(x), len(xs))
		}
		top := make([]float64, len(xs))
		for j, r := range rows {
			top[j] = base[j] + r.Median()
		}
		col := areaColours[i%len(areaColours)]
		p.Add(&band{xs: xs, lo: base, hi: top, color: col, stacked: true})
		n := len(xs) - 1
		labels = append(labels, directLabel{y: (base[n] + top[n]) / 2, text: shortLabel(rows[0].Label), color: col})
		shares = append(shares, share{shortLabel(rows[0].Label), rows[0].Median(), rows[n].Median()})
		base = top
		last = rows[n]
	}
	c.addPanel(p, labels...)

	n := len(xs) - 1
	total0, total1 := 0.0, base[n]
	for _, s := range shares {
		total0 += s.from
	}
	bi, bc := -1, 0.0
	for i, s := range shares {
		if total0 <= 0 || total1 <= 0 {
			break
		}
		if ch := math.Abs(s.to/total1 - s.from/total0); ch > bc {
			bi, bc = i, ch
		}
	}
	if bi < 0 || math.Round(100*bc) < 1 || !clearChange(shares[bi].from/total0, shares[bi].to/total1) {
		c.Subtitle = "The mix of placements stays about the same."
	} else {
		s := shares[bi]
		c.Subtitle = fmt.Sprintf("The largest shift is in %s: from %s of children in care to %s by %s. Areas show the median of runs, stacked.",
			lowerFirst(s.label), formatShare(s.from/total0), formatShare(s.to/total1), monthName(last))
	}
	return c, nil
}

// costHeight is the height of the chart of spending by year: 12 cm.
const costHeight = 12 * vg.Centimeter

// CostByYearChart draws spending by financial year as bars stacked by kind (means over runs,
// which add up to the mean total) with the interval of 9 in 10 runs of the total.
func CostByYearChart(d *Data, src Source) (*Chart, error) {
	names := d.SeriesNames(CostByYear)
	if len(names) < 2 || names[len(names)-1] != "cost_total" {
		return nil, fmt.Errorf("plots: %s needs its parts then cost_total", CostByYear)
	}
	years, total, err := yearlySeries(d, CostByYear, "cost_total")
	if err != nil {
		return nil, err
	}
	c := &Chart{
		Name:   CostByYear,
		Title:  "Spending on children in care by financial year",
		Source: src.String(),
		// A little taller than a chart of one row: its column of ten kinds' names, most on two
		// lines, needs the height, with its note at the size it prints legibly.
		Width: Width, Height: costHeight,
		Legend: []LegendItem{{Label: "Total: range of 9 in 10 runs", Line: lineStyle(black, 1, nil), Whisker: true, Range: true}},
		Cols:   1,
	}
	// A run that does not start on 1 April has a part year at each end, whose bar is not a
	// year's spending: the axis does not say "a year", and the subtitle says where each part
	// year begins or ends ("2026/27 (from 1 October)"), as the report's tables do.
	start, runYears := dataRun(d)
	axis := "Spending a year (average of runs)"
	if partYears(start, runYears) != "" {
		axis = "Spending (average of runs)"
	}
	p := newPlot("", axis, moneyTicks{})
	setYearAxis(p, start, runYears, years, 7)
	b := &bars{width: 0.7, stacked: true}
	var labels []directLabel
	base := 0.0
	for i, s := range names[:len(names)-1] {
		_, rows, err := yearlySeries(d, CostByYear, s)
		if err != nil {
			return nil, err
		}
		if len(rows) != len(years) {
			return nil, fmt.Errorf("plots: %s series %s has %d years, not %d", CostByYear, s, len(rows), len(years))
		}
		col := areaColours[i%len(areaColours)]
		b.segs = append(b.segs, pick(rows, -1))
		b.colors = append(b.colors, col)
		v := rows[len(rows)-1].Mean
		label, folded, _ := strings.Cut(rows[0].Label, ": ")
		labels = append(labels, directLabel{y: base + v/2, text: shortLabel(label), color: col})
		base += v
		if folded != "" {
			// The kinds folded together are named under the chart, as the bar has no room.
			c.Note = strings.TrimPrefix(c.Note+" "+label+": "+folded+", each under 2% of the run's spending.", " ")
		}
	}
	p.Add(b)
	if src.Reps != 1 { // one run gives no range: no whisker of no height
		p.Add(&whiskers{lo: pick(total, 0), hi: pick(total, 4), style: lineStyle(black, 1, nil)})
	}
	c.addPanel(p, labels...)

	// A run that does not start on 1 April has a part year at each end: the subtitle compares
	// whole years, and says which are part years.
	from, to, part := wholeYears(d, years)
	defer func() { c.Subtitle += part }()
	if from > to {
		// No year is whole: the run's spending is the sum of its part years' means (the
		// mean of the runs' sums), which has no range of runs here.
		sum := 0.0
		for _, t := range total {
			sum += t.Mean
		}
		c.Subtitle = fmt.Sprintf("Spending over the run, %s: %s (mean of runs).", runSpan(d), formatMoney(sum))
		return c, nil
	}
	years, total = years[from:to+1], total[from:to+1]
	first, last := total[0], total[len(total)-1]
	if len(total) == 1 {
		c.Subtitle = fmt.Sprintf("Spending in %s: %s (mean of runs%s).", years[0], formatMoney(first.Mean), runsRange(src, "", formatMoney(first.P[0]), formatMoney(first.P[4])))
	} else if formatMoney(first.Mean) == formatMoney(last.Mean) {
		c.Subtitle = fmt.Sprintf("Spending stays at about %s from %s to %s (mean of runs%s).",
			formatMoney(first.Mean), years[0], years[len(years)-1], runsRange(src, " in "+years[len(years)-1], formatMoney(last.P[0]), formatMoney(last.P[4])))
	} else {
		c.Subtitle = fmt.Sprintf("Spending %s from %s in %s to %s in %s (means of runs%s).",
			map[bool]string{true: "rises", false: "falls"}[last.Mean >= first.Mean],
			formatMoney(first.Mean), years[0], formatMoney(last.Mean), years[len(years)-1], runsRange(src, "", formatMoney(last.P[0]), formatMoney(last.P[4])))
	}
	return c, nil
}

// dataRun returns the start of the run d holds, the date of its first month, and the years it
// runs, counted from its first month to its last (a run of 2 years from 15 October has months
// from 15 October to 1 October two years on); the zero time and 0 when d holds no months.
func dataRun(d *Data) (time.Time, int) {
	lo, hi := dataMonths(d)
	first, err1 := monthOf(lo)
	last, err2 := monthOf(hi)
	if err1 != nil || err2 != nil {
		return time.Time{}, 0
	}
	months := 12*(last.Year()-first.Year()) + int(last.Month()) - int(first.Month())
	return first, max(1, int(math.Round(float64(months)/12)))
}

// dataMonths returns the first and the last month of the rows of d, as they are written
// ("2026-04-01"); "" and "" when d holds no months.
func dataMonths(d *Data) (lo, hi string) {
	for _, r := range d.Rows {
		if len(r.X) != len("2006-01-02") || r.X[4] != '-' || r.X[7] != '-' {
			continue // not a month
		}
		if lo == "" || r.X < lo {
			lo = r.X
		}
		if r.X > hi {
			hi = r.X
		}
	}
	return lo, hi
}

// wholeYears returns the first and the last index of years, the financial years of the run d
// holds, that are whole years, and a sentence, after a space, saying which are part years
// ("2026/27 (from 1 October) and 2028/29 (to 30 September) are part years."), or "" when none
// is. When no year is whole (a run of one year from 15 April has a part year at each end and
// none between), from is greater than to.
func wholeYears(d *Data, years []string) (from, to int, part string) {
	start, runYears := dataRun(d)
	from, to = 0, len(years)-1
	firstPart, lastPart := dataPartYears(d)
	var parts []string
	if firstPart && len(years) > 0 {
		parts, from = append(parts, YearLabel(start, runYears, years[0])), 1
	}
	if lastPart && to >= from {
		parts, to = append(parts, YearLabel(start, runYears, years[to])), to-1
	}
	switch len(parts) {
	case 1:
		part = fmt.Sprintf(" %s is a part year.", parts[0])
	case 2:
		part = fmt.Sprintf(" %s and %s are part years.", parts[0], parts[1])
	}
	return from, to, part
}

// partYearsNote says, after a space, which financial years of a run of years from start are
// part years, as wholeYears says of a run's chart data ("2026/27 (from 15 April) and 2028/29
// (to 14 April) are part years."), or "" when the run starts on 1 April or start is zero.
func partYearsNote(start time.Time, years int) string {
	if partYears(start, years) == "" {
		return ""
	}
	first, last := model.FinancialYear(start), model.FinancialYear(start.AddDate(years, 0, -1))
	if first == last {
		return fmt.Sprintf(" %s is a part year.", YearLabel(start, years, first))
	}
	return fmt.Sprintf(" %s and %s are part years.", YearLabel(start, years, first), YearLabel(start, years, last))
}

// runSpan names the days of the run d holds, for a figure over the whole run: "from 15 April
// 2026 to 14 April 2027".
func runSpan(d *Data) string {
	start, runYears := dataRun(d)
	return "from " + start.Format("2 January 2006") + " to " + start.AddDate(runYears, 0, -1).Format("2 January 2006")
}

// dataPartYears reports whether the first and the last financial year of the run d holds are part
// years: its months begin on another day than 1 April (15 April too), or end before March,
// or the run ends on another day than 31 March (a run of whole years from 15 March ends on
// 14 March), as partYears says of a scenario's start and years.
func dataPartYears(d *Data) (first, last bool) {
	lo, hi := dataMonths(d)
	start, years := dataRun(d)
	if lo == "" || start.IsZero() {
		return false, false
	}
	end := start.AddDate(years, 0, -1)
	return lo[5:] != "04-01", hi[5:7] != "03" || end.Month() != time.March || end.Day() != 31
}

// carersTitle titles the carer households chart: a region's counts every council's own
// carers together.
func carersTitle(src Source) string {
	if src.Region {
		return "The councils' own foster carers, all councils together"
	}
	return "The council's own foster carers"
}

// CarerHouseholdsChart draws the council's carer households over time, and the households
// approved and deregistered each financial year with the net change.
func CarerHouseholdsChart(d *Data, src Source) (*Chart, error) {
	xs, hh, err := monthlySeries(d, CarerHouseholds, "carer_households")
	if err != nil {
		return nil, err
	}
	years, appr, err := yearlySeries(d, CarerHouseholds, "approvals")
	if err != nil {
		return nil, err
	}
	_, dereg, err := yearlySeries(d, CarerHouseholds, "deregistrations")
	if err != nil {
		return nil, err
	}
	_, net, err := yearlySeries(d, CarerHouseholds, "net_change")
	if err != nil {
		return nil, err
	}
	if len(appr) != len(years) || len(dereg) != len(years) || len(net) != len(years) {
		return nil, fmt.Errorf("plots: %s: approvals, deregistrations and net change cover different years", CarerHouseholds)
	}
	c := &Chart{
		Name:   CarerHouseholds,
		Title:  carersTitle(src),
		Source: src.String(),
		Width:  Width, Height: TallHeight,
		// The approvals' and deregistrations' labels say when they count carers of another
		// kind than foster carers (the hosts of supported lodgings, say), as the chart data do.
		Legend: append(fanLegend[:3:3],
			// Approved and deregistered print as like greys: the key says which is which by
			// where its bars stand.
			LegendItem{Label: "Above zero: " + lowerInitial(appr[0].Label), Fill: green},
			LegendItem{Label: "Below zero: " + lowerInitial(dereg[0].Label), Fill: vermilion},
			LegendItem{Label: "Net change (mean, 9 in 10 runs)", Line: lineStyle(black, 1, nil), Whisker: true}),
		Cols: 1,
	}
	if src.Reps == 1 { // one run gives no range: the key names the run's figure
		c.Legend[len(c.Legend)-1].Label = "Net change (the run's)"
	}
	top := newPlot("Carer households", "Households", countTicks{})
	setTimeAxis(top, xs[0]-1.0/12, xs[len(xs)-1], 12)
	fan(top, xs, hh)
	c.addPanel(top)

	// A run that does not start on 1 April has a part year at each end, whose bars are not a
	// year's: the axis does not say "a year", the averages a year are of whole years, and the
	// subtitle says which are part years, as the spending chart's does.
	whole, last, part := wholeYears(d, years)
	axis := "Households a year (average)"
	if part != "" {
		axis = "Households (average)"
	}
	bottom := newPlot("Households approved and deregistered each year", axis, countTicks{})
	bottom.Y.Min = math.Inf(1)
	start, runYears := dataRun(d)
	setYearAxis(bottom, start, runYears, years, 10)
	neg := pick(dereg, -1)
	for i := range neg {
		neg[i] = -neg[i]
	}
	bottom.Add(zeroLine{})
	bottom.Add(&bars{segs: [][]float64{pick(appr, -1)}, colors: []color.Color{green}, width: 0.6})
	bottom.Add(&bars{segs: [][]float64{neg}, colors: []color.Color{vermilion}, width: 0.6})
	// The net change's point is its mean, as the bars are: the mean approved less the mean
	// deregistered. A median of the net change can differ from that in sign.
	bottom.Add(&whiskers{lo: pick(net, 0), hi: pick(net, 4), mid: pick(net, -1), style: lineStyle(black, 1, nil), point: black})
	c.addPanel(bottom)

	// Without a whole year, the averages are over the run's part years together, which make
	// up its years (one part year at each end of a run of one year).
	yearly := " a year"
	if whole > last {
		whole, last = 0, len(years)-1
		_, runYears := dataRun(d)
		yearly = " a year over the run, " + runSpan(d)
		if runYears == 1 {
			yearly = " in the run's year, " + runSpan(d)
		}
	}
	var a, r float64
	for i := whole; i <= last; i++ {
		a += appr[i].Mean
		r += dereg[i].Mean
	}
	n := float64(last - whole + 1)
	if yearly != " a year" {
		_, runYears := dataRun(d)
		n = float64(runYears)
	}
	every := ""
	if appr[0].Label != "Approved" {
		every = " (approvals and deregistrations of every kind of carers)"
	}
	// The households quoted are the means of the runs, as the run's report gives them.
	from, to := hh[0].Mean, hh[len(hh)-1].Mean
	if clearCountChange(from, to, hh[len(hh)-1]) {
		verb := map[bool]string{true: "grow from", false: "fall from"}[to > from]
		c.Subtitle = fmt.Sprintf("Carer households %s %s to %s by %s (mean of runs): on average %s approved and %s deregistered%s%s.",
			verb, formatCount(from), formatCount(to), monthName(hh[len(hh)-1]), formatCount(a/n), formatCount(r/n), yearly, every)
	} else if move, why := unclearCount(from, to); why == "" {
		c.Subtitle = fmt.Sprintf("Carer households %s (mean of runs): on average %s approved and %s deregistered%s%s.",
			move, formatCount(a/n), formatCount(r/n), yearly, every)
	} else {
		c.Subtitle = fmt.Sprintf("Carer households %s by %s (mean of runs, %s): on average %s approved and %s deregistered%s%s.",
			move, monthName(hh[len(hh)-1]), why, formatCount(a/n), formatCount(r/n), yearly, every)
	}
	c.Subtitle += part
	return c, nil
}

// EmergencyResidentialChart draws the children in residential care over time and the
// emergency placements made each financial year.
func EmergencyResidentialChart(d *Data, src Source) (*Chart, error) {
	years, em, err := yearlySeries(d, EmergencyResidential, "emergency_placements")
	if err != nil {
		return nil, err
	}
	c := &Chart{
		Name:   EmergencyResidential,
		Title:  "Residential care and emergency placements",
		Source: src.String(),
		Width:  Width, Height: TallHeight,
		Legend: append(fanLegend[:3:3],
			LegendItem{Label: "Emergency placements: median and 9 in 10 runs", Line: lineStyle(black, 1, nil), Fill: tint(vermilion, 0.35), Whisker: true}),
		Cols: 1,
	}
	if src.Reps == 1 { // one run gives no range: the key names the run's figure
		c.Legend[len(c.Legend)-1] = LegendItem{Label: "Emergency placements (the run's)", Fill: tint(vermilion, 0.35)}
	}
	var res []Row
	if d.Series(EmergencyResidential, "children_residential") != nil {
		xs, rows, err := monthlySeries(d, EmergencyResidential, "children_residential")
		if err != nil {
			return nil, err
		}
		res = rows
		top := newPlot("Children in residential care", "Children", countTicks{})
		setTimeAxis(top, xs[0]-1.0/12, xs[len(xs)-1], 12)
		fan(top, xs, rows)
		c.addPanel(top)
	} else {
		c.Title = "Emergency placements"
		c.Height = Height
	}
	bottom := newPlot("Emergency placements made each year", "Placements a year", countTicks{})
	start, runYears := dataRun(d)
	setYearAxis(bottom, start, runYears, years, 10)
	bottom.Add(&bars{segs: [][]float64{pick(em, 2)}, colors: []color.Color{tint(vermilion, 0.35)}, width: 0.6})
	if src.Reps != 1 {
		bottom.Add(&whiskers{lo: pick(em, 0), hi: pick(em, 4), style: lineStyle(black, 1, nil)})
	}
	c.addPanel(bottom)

	// The subtitle names the last whole year, as the spending chart's does; a run with none
	// names its last part year as such ("2027/28 (to 14 April)").
	fi, li, _ := wholeYears(d, years)
	if fi > li {
		li = len(years) - 1
	}
	last := em[li]
	// The placements quoted are the median of the runs, the figure the bar draws, so that the
	// words and the bar agree (the run's report gives the mean, and says so); "1 emergency
	// placement" where it rounds to 1, as plural writes a count.
	n, noun := formatCount(last.P[2]), "emergency placements made"
	if n == "1" {
		noun = "emergency placement made"
	}
	emText := fmt.Sprintf("%s %s in %s (median of runs%s)", n, noun, years[li], runsRange(src, "", formatCount(last.P[0]), formatCount(last.P[4])))
	if label := YearLabel(start, runYears, years[li]); label != years[li] {
		emText = fmt.Sprintf("%s %s (median of runs%s) in %s", n, noun, runsRange(src, "", formatCount(last.P[0]), formatCount(last.P[4])), label)
	}
	switch {
	case maxP95(em) == 0 && src.Reps == 1:
		emText = "no emergency placements in any year"
	case maxP95(em) == 0:
		emText = "no emergency placements in any year in 9 runs out of 10"
	}
	if res != nil {
		from, to := res[0].Mean, res[len(res)-1].Mean
		move := fmt.Sprintf("%s from %s to %s", map[bool]string{true: "rise", false: "fall"}[to > from], formatCount(from), formatCount(to))
		// Steady unless the change is clear (clearCountChange), as the other counts' subtitles
		// say: a mean moves by a child or two from run to run.
		why := ""
		if !clearCountChange(from, to, res[len(res)-1]) {
			move, why = unclearCount(from, to)
		}
		if why != "" {
			why = ", " + why
		}
		c.Subtitle = fmt.Sprintf("Children in residential care %s by %s (mean of runs)%s; %s.", move, monthName(res[len(res)-1]), why, emText)
	} else {
		c.Subtitle = strings.ToUpper(emText[:1]) + emText[1:] + "."
	}
	c.Subtitle += " An emergency placement is where a child goes when no place on their ladder is free (often unregistered, far from home); they move on when one frees."
	return c, nil
}

// SufficiencyGapTitle is the title of the chart of the children whose first choice is the
// kind labelled label and its places: "Children whose first choice is in-house foster care,
// and its places", as the run's report and the workspace's Compare page give it.
func SufficiencyGapTitle(label string) string {
	return fmt.Sprintf("Children whose first choice is %s, and its places", lowerFirst(label))
}

// lowerInitial returns s with its first letter in lower case, whatever follows it:
// "Deregistered" is "deregistered".
func lowerInitial(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
