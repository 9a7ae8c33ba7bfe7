package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/placesim/placesim/sim"
	"gonum.org/v1/plot/vg/draw"
)

// CumulativeNetChart draws a business case's cumulative net saving by financial year: the middle
// share of single futures as a band, the mean with the confidence interval of the mean as whiskers,
// and each year's mean figures as bars side by side (CaseFigures): what the strategy spends less
// on, places bought, above the line of zero, and what it spends more on, its own carers and homes
// and its programmes (running and one-off), below it; so that a reader sees where the money moves,
// when the strategy pays back and how sure that is. The chart is named "business-case-<scenario>".
func CumulativeNetChart(nc *sim.NetCase, src string) (*Chart, error) {
	if len(nc.Years) == 0 {
		return nil, errors.New("plots: a business case with no financial years to draw")
	}
	pct := Percent(nc.Level)
	years := make([]string, len(nc.Years))
	xs := make([]float64, len(nc.Years))
	var lo, hi, mid, cilo, cihi, less, own, prog, net []float64
	for i, y := range nc.Years {
		years[i], xs[i] = y.Period, float64(i)
		c := y.Cumulative
		rlo, rhi := c.RunLo, c.RunHi
		if c.N < 2 { // one pair gives no range of futures: its point is drawn alone
			rlo, rhi = math.NaN(), math.NaN()
		}
		lo, hi, mid = append(lo, rlo), append(hi, rhi), append(mid, c.Mean)
		cilo, cihi = append(cilo, c.Lo), append(cihi, c.Hi)
		less, own = append(less, y.Placements.Mean), append(own, -y.OwnProvision.Mean)
		prog = append(prog, -(y.Running.Mean + y.OneOff.Mean))
		net = append(net, y.Net.Mean)
	}
	c := &Chart{
		Name:   "business-case-" + nc.Scenario,
		Title:  fmt.Sprintf("Cumulative net saving of %q against %q", nc.Scenario, nc.Baseline),
		Source: src,
		Width:  Width, Height: Height,
		Cols: 1,
		Legend: []LegendItem{
			{Label: "Mean, with the " + pct + " confidence interval of the mean", Line: lineStyle(black, 1, nil), Whisker: true},
			{Label: "One future: the middle " + pct + " of paired runs", Fill: band90, Range: true},
			{Label: "That year: spends less on places bought (above zero)", Fill: caseFills[0]},
			{Label: "spends more on own carers and homes (below zero)", Fill: caseFills[1]},
			{Label: "programmes, running and one-off (below zero)", Fill: caseFills[2]},
			{Label: "that year's net saving, the first less the other two (outlined in black)", Fill: hollowFill},
		},
	}
	if onePair(nc) { // one pair gives no interval and no range: the key names its points
		c.Legend = append([]LegendItem{
			{Label: "The paired run's saving to date", Line: lineStyle(black, 1, nil), Glyph: draw.CircleGlyph{}},
		}, c.Legend[2:]...)
	}
	// The year's bars and the saving to date share the axis: its label says which is which,
	// and the year's net saving is drawn, so that a year's saving on places bought is not
	// read as what the strategy saves that year.
	p := newPlot("", "Saving to date (line); each year's figures (bars)", moneyTicks{})
	// A part year is marked on the axis, as the difference chart marks it.
	setYearAxis(p, nc.Start, nc.RunYears, years, 10)
	p.Add(&band{xs: xs, lo: lo, hi: hi, color: band90})
	p.Add(&bars{segs: [][]float64{less}, colors: []color.Color{caseFills[0]}, width: 0.19, offset: -0.3})
	p.Add(&bars{segs: [][]float64{own}, colors: []color.Color{caseFills[1]}, width: 0.19, offset: -0.1})
	p.Add(&bars{segs: [][]float64{prog}, colors: []color.Color{caseFills[2]}, width: 0.19, offset: 0.1})
	// The year's net saving is hollow, outlined in black: no fill can stand 2.4:1 apart in
	// grey from all three of its neighbours, so its outline tells it apart.
	p.Add(&bars{segs: [][]float64{net}, colors: []color.Color{hollowFill}, width: 0.19, offset: 0.3, stacked: true})
	p.Add(zeroLine{})
	p.Add(&line{xs: xs, ys: mid, style: lineStyle(black, 1, nil)})
	p.Add(&whiskers{lo: cilo, hi: cihi, mid: mid, style: lineStyle(black, 1, nil), point: black, shape: draw.CircleGlyph{}})
	if p.Y.Min < 0 { // a labelled tick below zero, so that the bars below it read as amounts
		step := moneyTicks{}.step(p.Y.Min, p.Y.Max)
		p.Y.Min = math.Floor(p.Y.Min/step) * step
	}
	c.addPanel(p)
	c.figures = caseFigures(years, mid, cilo, cihi, less, own, prog, net, pct, onePair(nc))

	last := nc.Years[len(nc.Years)-1]
	c.Subtitle = fmt.Sprintf("%s The saving to date by the end of %s is %s.", upperFirst(PaybackText(nc)), caseYear(nc, last.Period), Signed(last.Cumulative.Mean, Money))
	if m := last.Cumulative.Mean; m <= -0.5 { // a loss is a net cost, not a saving with a minus sign
		c.Subtitle = fmt.Sprintf("%s By the end of %s the strategy has a net cost to date of %s.", upperFirst(PaybackText(nc)), caseYear(nc, last.Period), GBP(-m))
	}
	if y := caseYear(nc, last.Period); len(nc.Years) > 1 {
		c.Subtitle += fmt.Sprintf(" In %s alone the net saving is %s (the white bar outlined in black): the saving to date is the years' added up.", y, Signed(last.Net.Mean, Money))
	}
	// A run that does not start on 1 April has a part year at each end, whose programme cost
	// and saving are not a year's: the subtitle says which, as the run's spending chart does.
	c.Subtitle += partYearsNote(nc.Start, nc.RunYears)
	if last.Cumulative.N >= 2 {
		c.Subtitle += " A future has paid back by a year's end when its saving to date is above zero then."
	}
	if last.Cumulative.N < 2 {
		c.Subtitle += " One paired run gives no interval and no range of futures: the points are that run's."
	} else if note := FewRunsNote(last.Cumulative.N, nc.Level, ""); note != "" { // the band is the pairs' range
		c.Note = strings.TrimPrefix(note, "Caution: ")
	}
	return c, nil
}

// caseFigures are the figures of a business case's chart (CumulativeNetChart), for the table
// under it: a row for the saving to date, with its confidence interval of the mean (pct), and
// a row for each of the year's bars, the net saving last, a column for each financial year.
func caseFigures(years []string, mid, cilo, cihi, less, own, prog, net []float64, pct string, one bool) *chartFigures {
	t := &chartFigures{What: "means of paired runs; the saving to date with its " + pct + " confidence interval of the mean", Head: append([]string{"Series"}, years...)}
	if one {
		t.What = "the paired run's"
	}
	saving := []string{"Saving to date"}
	for i := range years {
		cell := Signed(mid[i], Money)
		if !one && !math.IsNaN(cilo[i]) && !math.IsNaN(cihi[i]) {
			cell += fmt.Sprintf(" (%s to %s)", Signed(cilo[i], Money), Signed(cihi[i], Money))
		}
		saving = append(saving, cell)
	}
	t.Rows = append(t.Rows, saving)
	// The bars of own provision and programmes stand below zero: the table gives what is
	// spent more on them, as the key says.
	for _, s := range []struct {
		label string
		vs    []float64
		sign  float64
	}{
		{"That year: spent less on places bought", less, 1},
		{"That year: spent more on own carers and homes", own, -1},
		{"That year: spent on programmes, running and one-off", prog, -1},
	} {
		row := []string{s.label}
		for _, v := range s.vs {
			row = append(row, Level(s.sign*v, Money))
		}
		t.Rows = append(t.Rows, row)
	}
	// The hollow bar, a year's net saving, goes either side of zero: it keeps its sign.
	row := []string{"That year: net saving"}
	for _, v := range net {
		row = append(row, Signed(v, Money))
	}
	t.Rows = append(t.Rows, row)
	return t
}

// hollowFill fills the business case's bar of a year's net saving: white, outlined in black.
var hollowFill = color.NRGBA{0xff, 0xff, 0xff, 0xff}
