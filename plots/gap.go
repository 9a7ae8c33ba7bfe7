package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/placesim/placesim/sim"
)

// SufficiencyGapByAge is the chart of the sufficiency gap by age band: for each band, the
// children whose first choice is the council's own foster care (placed there or elsewhere)
// beside the empty places, split into those that could take them and those that could not,
// by reason.
const SufficiencyGapByAge = "sufficiency-gap-by-age"

// gapByAge adds, for the gap kind and each financial year, by age band: the children whose
// first choice it is, those of them placed elsewhere, the empty places that could take them
// and the empty places approved for other ages; and for the kind: the empty places kept for
// brothers and sisters, those held by a child who must live alone, and all its empty places.
// Each is an average of month-end counts over the year (sim's gap_* KPIs).
func (b *builder) gapByAge() {
	k, ok := b.gapKind()
	if !ok {
		return
	}
	what := lowerFirst(k.label)
	add := func(series, label string) {
		if ts := terms(b.kpi, 1, series); len(ts) > 0 {
			b.add(b.yearly(SufficiencyGapByAge, series, label, ts, false))
		}
	}
	for _, band := range sim.AgeBands() {
		if _, ok := b.kpi[sim.GapNeedAged(k.name, band.Name)]; !ok {
			continue
		}
		add(sim.GapNeedAged(k.name, band.Name), "Children aged "+band.Label+" whose first choice is "+what)
		add(sim.GapWaitingAged(k.name, band.Name), "Children aged "+band.Label+" placed elsewhere whose first choice is "+what)
		add(sim.GapUsableAged(k.name, band.Name), "Empty places in "+what+" that could take a child aged "+band.Label)
		add(sim.GapOtherAges(k.name, band.Name), "Empty places in "+what+" approved for ages other than "+band.Label)
	}
	add(sim.EmptyForSiblings(k.name), "Empty places in "+what+" kept for brothers and sisters")
	add(sim.EmptyForSolo(k.name), "Empty places in "+what+" held by a child who must live alone")
	add(sim.GapEmpty(k.name), "Empty places in "+what)
}

// gapYear is one age band's figures in one financial year: means over runs, which add up.
type gapYear struct {
	label                          string
	need, waiting, usable, elseAge float64
}

// SufficiencyGapByAgeChart draws, for the last financial year, by age band: the children whose
// first choice is the council's own foster care (placed there, and placed elsewhere) beside
// its empty places (those that could take a child of that age, those approved for other ages,
// those kept for brothers and sisters, those held by a child who must live alone). Every bar
// of empty places has the same height, the kind's empty places: for each band they either
// could take a child of that age or could not, for one reason.
func SufficiencyGapByAgeChart(d *Data, src Source) (*Chart, error) {
	names := d.SeriesNames(SufficiencyGapByAge)
	var bands []gapYear
	var kind, year, what string
	// The chart shows the last whole year: a run that does not start on 1 April ends in a
	// part year (14 days of one from 15 April), which it shows, as such, only when no year is
	// whole, as the emergency chart does.
	at, end := -1, ""
	last := func(series string) (float64, error) {
		years, rows, err := yearlySeries(d, SufficiencyGapByAge, series)
		if err != nil {
			return 0, err
		}
		if at < 0 {
			var first int
			first, at, _ = wholeYears(d, years)
			if first > at || at < 0 {
				at = len(years) - 1
			}
			year, end = years[at], years[len(years)-1]
		} else if years[len(years)-1] != end || len(years) <= at || years[at] != year {
			return 0, fmt.Errorf("plots: %s series %s ends in %s, not %s", SufficiencyGapByAge, series, years[len(years)-1], end)
		}
		return rows[at].Mean, nil
	}
	for _, s := range names {
		if name, ok := strings.CutPrefix(s, sim.GapEmpty("")); ok && !strings.HasPrefix(name, "other_ages_") {
			kind = name
		}
	}
	if kind == "" {
		return nil, fmt.Errorf("plots: %s has no series gap_empty_<kind>", SufficiencyGapByAge)
	}
	for _, band := range sim.AgeBands() {
		if d.Series(SufficiencyGapByAge, sim.GapNeedAged(kind, band.Name)) == nil {
			continue
		}
		g := gapYear{label: band.Label}
		for _, f := range []struct {
			series func(kind, band string) string
			v      *float64
		}{{sim.GapNeedAged, &g.need}, {sim.GapWaitingAged, &g.waiting}, {sim.GapUsableAged, &g.usable}, {sim.GapOtherAges, &g.elseAge}} {
			v, err := last(f.series(kind, band.Name))
			if err != nil {
				return nil, err
			}
			*f.v = v
		}
		bands = append(bands, g)
	}
	if len(bands) == 0 {
		return nil, fmt.Errorf("plots: %s has no age bands", SufficiencyGapByAge)
	}
	empty, err := last(sim.GapEmpty(kind))
	if err != nil {
		return nil, err
	}
	// Without a whole year, the text names the part year as such ("2027/28 (to 14 April)"), as
	// the report's tables do.
	start, runYears := dataRun(d)
	yearText := YearLabel(start, runYears, year)
	what = strings.TrimPrefix(d.Series(SufficiencyGapByAge, sim.GapEmpty(kind))[0].Label, "Empty places in ")
	var siblings, solo float64
	if d.Series(SufficiencyGapByAge, sim.EmptyForSiblings(kind)) != nil {
		if siblings, err = last(sim.EmptyForSiblings(kind)); err != nil {
			return nil, err
		}
	}
	if d.Series(SufficiencyGapByAge, sim.EmptyForSolo(kind)) != nil {
		if solo, err = last(sim.EmptyForSolo(kind)); err != nil {
			return nil, err
		}
	}

	placedCol, waitingCol := blue, vermilion
	usableCol, agesCol, sibCol, soloCol := green, skyBlue, lightGrey, darkGrey
	c := &Chart{
		Name:   SufficiencyGapByAge,
		Title:  fmt.Sprintf("Children whose first choice is %s, by age, and its empty places", what),
		Source: src.String(),
		Width:  Width, Height: TallHeight,
		Legend: []LegendItem{
			{Label: "Placed there", Fill: placedCol},
			{Label: "Placed elsewhere", Fill: waitingCol},
			{Label: "Empty: could take them", Fill: usableCol},
			{Label: "Empty: approved for other ages", Fill: agesCol},
			{Label: "Empty: kept for brothers and sisters", Fill: sibCol},
		},
		Note: fmt.Sprintf("Left bars: children whose first choice it is. Right bars: its %s empty places, split for each age "+
			"by whether they could take a child of that age (a place approved for part of an age group counts in part). "+
			"Averages over %s and over runs. Children placed elsewhere stay where they are although empty places could take them: "+
			"placesim makes no planned moves, so an empty place goes to the next child who needs a placement.", formatCount(empty), yearText),
		Cols: 1,
	}
	if solo > 0 {
		c.Legend = append(c.Legend, LegendItem{Label: "Empty: a child who must live alone is there", Fill: soloCol})
	}
	// The band with the most children waiting, of which the subtitle speaks, and its empty
	// places' parts rounded together, so that they add up to the total the sentence gives (125
	// empty places of 1.42, 114.28 and 9.19 are 2, 114 and 9, not 1, 114 and 9). The note on
	// the places kept for brothers and sisters is given where the subtitle says some are.
	top := bands[0]
	for _, g := range bands[1:] {
		if g.waiting > top.waiting {
			top = g
		}
	}
	shown := roundParts(empty, []float64{top.usable, siblings, top.elseAge, solo})
	filled := ""
	if v, ok := placesFilledShare(d, kind); ok {
		filled = filledClause(strconv.Quote(d.Scenario), what, v)
	}
	if shown[1] > 0 {
		c.Note += " The places kept for brothers and sisters follow from an assumption, the share of households that keep their places " +
			"beyond the first for them (carers.sibling_only_share, in the Assumptions), " + siblingOnlyVacancyNote(filled, siblingOnlyChangedBy(src.Sets, src.CouncilSets, kind, -1, src.Region)) + "."
	}
	labels := make([]string, len(bands))
	seg := func(f func(g gapYear) float64) []float64 {
		out := make([]float64, len(bands))
		for i, g := range bands {
			out[i] = math.Max(f(g), 0)
		}
		return out
	}
	for i, g := range bands {
		labels[i] = "Aged " + g.label
	}
	p := newPlot("", "Children or places", countTicks{})
	setCategoryAxis(p, labels, len(labels))
	p.Add(&bars{
		segs:   [][]float64{seg(func(g gapYear) float64 { return g.need - g.waiting }), seg(func(g gapYear) float64 { return g.waiting })},
		colors: []color.Color{placedCol, waitingCol},
		width:  0.36, offset: -0.2,
	})
	p.Add(&bars{
		segs: [][]float64{
			seg(func(g gapYear) float64 { return g.usable }), seg(func(g gapYear) float64 { return g.elseAge }),
			seg(func(gapYear) float64 { return siblings }), seg(func(gapYear) float64 { return solo }),
		},
		colors: []color.Color{usableCol, agesCol, sibCol, soloCol},
		width:  0.36, offset: 0.2,
	})
	c.addPanel(p)

	// The finding: the band with the most children waiting, and why the empty places cannot
	// take them.
	if math.Round(top.waiting) <= 0 {
		c.Subtitle = fmt.Sprintf("In %s no child whose first choice is %s is placed elsewhere in most runs; %s of its places stand empty.",
			yearText, what, formatCount(empty))
		return c, nil
	}
	parts := []string{formatCount(shown[0]) + " could take them"}
	for i, text := range []string{"kept for brothers and sisters (an assumption's outcome: see the note)", "approved for other ages", "held by a child who must live alone"} {
		if v := shown[i+1]; v > 0 {
			parts = append(parts, formatCount(v)+" are "+text)
		}
	}
	list := parts[0]
	if n := len(parts); n > 1 {
		list = strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
	}
	c.Subtitle = fmt.Sprintf("In %s, %s children aged %s whose first choice is %s are placed elsewhere; of its %s empty places, %s.",
		yearText, formatCount(top.waiting), top.label, what, formatCount(empty), list)
	return c, nil
}

// roundParts rounds parts, which add up to total, to whole numbers that add up to total
// rounded, as a sentence that lists them beside it gives them: each part is rounded down, and
// the units still owed go one each to the parts that lost the most (largest remainders; the
// first part wins a tie). Parts that do not add up to total (by half a unit or more), or that
// are negative or not finite, are each rounded alone.
func roundParts(total float64, parts []float64) []float64 {
	out := make([]float64, len(parts))
	sum := 0.0
	for _, v := range parts {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			for i, v := range parts {
				out[i] = math.Round(v)
			}
			return out
		}
		sum += v
	}
	if math.IsNaN(total) || math.Abs(sum-total) >= 0.5 {
		for i, v := range parts {
			out[i] = math.Round(v)
		}
		return out
	}
	owed := math.Round(total)
	for i, v := range parts {
		out[i] = math.Floor(v)
		owed -= out[i]
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return parts[order[a]]-out[order[a]] > parts[order[b]]-out[order[b]]
	})
	for _, i := range order {
		if owed < 1 {
			break
		}
		out[i]++
		owed--
	}
	return out
}
