package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Backtest names the backtest chart and its files.
const Backtest = "backtest"

// BacktestSeries is one group of children in a backtest: what the return shows month by
// month and what the simulation, calibrated on the months before, made of it.
type BacktestSeries struct {
	// Label names the group ("In-house foster care", "All children in care").
	Label string
	// Months is the first day of each month; counts are at the month's end.
	Months []time.Time
	// Actual is the count in the return at the end of each month; NaN where it is not shown
	// (fewer than 5 children).
	Actual []float64
	// P05, P25, P50, P75 and P95 are the simulated percentiles over replications.
	P05, P25, P50, P75, P95 []float64
}

// BacktestInfo says what a backtest chart is of, for its subtitle and source line.
type BacktestInfo struct {
	// Council names the council ("Southwark"), or is empty.
	Council string
	// At is the day the simulation starts; the calibration ends on the day before.
	At time.Time
	// Covered90 and Months say in how many of how many months all children in care were
	// within the 90% band.
	Covered90, Months int
	// MAPE is the mean absolute percentage error of the median for all children, in percent
	// (12.5 is 12.5%).
	MAPE float64
	// Version is placesim's version.
	Version string
	// Reps is the number of replications simulated.
	Reps int
	// Seed is the master seed.
	Seed uint64
	// Entries and Exits are the children entering and leaving care in each year of the
	// horizon, the return's against the simulated, for the subtitle; none when empty.
	Entries, Exits []BacktestFlow
}

// BacktestFlow is the children entering or leaving care over a year of a backtest's horizon.
type BacktestFlow struct {
	// Actual is the return's count; NaN where it is not shown (fewer than 5, or hidden beside
	// such a count).
	Actual float64
	// Mean, P05 and P95 are the simulated total's mean and 5th and 95th percentiles.
	Mean, P05, P95 float64
	// Months is the months of the year the horizon covers, 1 to 12 (its last may be a part
	// year, which the subtitle names); 0 is read as 12.
	Months int
}

// flowWords writes the flows of each year: "20 in the return against 17 simulated (9-28), 9
// against 17 (9-26)", a hidden count "not shown", a part year with the months it covers ("4
// against 5 (1-9) in months 13-18").
func flowWords(fs []BacktestFlow, reps int) string {
	var parts []string
	for i, f := range fs {
		a := "not shown"
		if !math.IsNaN(f.Actual) {
			a = strconv.FormatFloat(f.Actual, 'f', 0, 64)
		}
		band := fmt.Sprintf(" (%.0f-%.0f)", math.Floor(f.P05), math.Ceil(f.P95))
		if reps == 1 {
			band = ""
		}
		part := ""
		if f.Months > 0 && f.Months < 12 {
			part = fmt.Sprintf(" in months %d-%d", 12*i+1, 12*i+f.Months)
		}
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%s in the return against %.0f simulated%s%s", a, f.Mean, band, part))
		} else {
			parts = append(parts, fmt.Sprintf("%s against %.0f%s%s", a, f.Mean, band, part))
		}
	}
	return strings.Join(parts, ", ")
}

// actualStyle draws the return's counts: a dark line with a dot each month.
var actualStyle = lineStyle(black, 1.1, nil)

// BacktestChart draws a backtest: for each group, a small panel with the simulated median
// and its 50% and 90% bands, and the return's actual count over them.
func BacktestChart(series []BacktestSeries, info BacktestInfo) (*Chart, error) {
	if len(series) == 0 {
		return nil, errors.New("plots: a backtest chart needs at least one series")
	}
	for _, s := range series {
		n := len(s.Months)
		if n == 0 || len(s.Actual) != n || len(s.P05) != n || len(s.P25) != n || len(s.P50) != n || len(s.P75) != n || len(s.P95) != n {
			return nil, fmt.Errorf("plots: backtest series %q: every column needs one value a month", s.Label)
		}
	}
	who := "the council"
	if info.Council != "" {
		who = info.Council
	}
	c := &Chart{
		Name:   Backtest,
		Title:  fmt.Sprintf("Backtest: children in care by placement, simulated from %s and as %s's return shows them", info.At.Format("January 2006"), who),
		Width:  Width,
		Height: TallHeight,
		Legend: append(append([]LegendItem{}, fanLegend...), LegendItem{Label: "Actual (SSDA903)", Line: actualStyle}),
		Cols:   3,
		Source: fmt.Sprintf("Source: placesim %s, calibrated on %s's SSDA903 return up to %s and simulated on, %s, seed %d. Counts below 5, and others that would give them away, are not shown.",
			info.Version, who, info.At.AddDate(0, 0, -1).Format("2 January 2006"), runsOf(info.Reps, "run"), info.Seed),
	}
	if len(series) <= 4 {
		c.Cols = 2
	}
	if info.Reps == 1 { // one run draws no band: the legend keys none, and its line is the run's, not a median
		c.Legend = slices.DeleteFunc(c.Legend, isRangeKey)
		for i := range c.Legend {
			if c.Legend[i].Label == "Median" {
				c.Legend[i].Label = "The run (simulated)"
			}
		}
	}
	if info.Months > 0 {
		c.Subtitle = fmt.Sprintf("All children in care were within the 9-in-10 band in %d of %d months; the median was %s off the actual count on average.",
			info.Covered90, info.Months, formatPercent(info.MAPE))
		if info.Reps == 1 {
			c.Subtitle = fmt.Sprintf("One run gives no band: the line is that run, %s off the actual count of all children in care on average.", formatPercent(info.MAPE))
		}
	}
	if len(info.Entries) > 0 && len(info.Exits) > 0 {
		range90 := ", 9-in-10 range"
		if info.Reps == 1 {
			range90 = ""
		}
		c.Subtitle += fmt.Sprintf(" Children entering care by year of the horizon: %s; leaving: %s (all children%s).",
			flowWords(info.Entries, info.Reps), flowWords(info.Exits, info.Reps), range90)
		c.Subtitle = strings.TrimSpace(c.Subtitle)
	}
	c.Note = strings.TrimPrefix(FewRunsNote(info.Reps, 0.9, ""), "Caution: ")
	panelW := (Width-2*margin)/vg.Length(c.Cols) - 40
	for _, s := range series {
		xs := make([]float64, len(s.Months))
		for i, m := range s.Months {
			xs[i] = monthEnd(m)
		}
		p := newPlot(wrapTitle(shortLabel(s.Label), panelW), "", countTicks{})
		setTimeAxis(p, yearOf(s.Months[0]), xs[len(xs)-1], 3)
		if info.Reps != 1 { // one run gives no band
			p.Add(&band{xs: xs, lo: s.P05, hi: s.P95, color: band90})
			p.Add(&band{xs: xs, lo: s.P25, hi: s.P75, color: band50})
		}
		p.Add(&line{xs: xs, ys: s.P50, style: medianStyle})
		p.Add(&actualMarks{xs: xs, ys: s.Actual})
		c.addPanel(p)
	}
	return c, nil
}

// formatPercent writes a percentage with no decimals, or one below 10: 23%, 4.5%; NaN or an
// infinity is "n/a".
func formatPercent(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "n/a"
	case v < 10:
		return fmt.Sprintf("%.1f%%", v)
	}
	return fmt.Sprintf("%.0f%%", v)
}

// actualMarks draws the actual counts as a line with a dot each month, broken where a count
// is not shown.
type actualMarks struct {
	xs, ys []float64
}

func (a *actualMarks) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	var run []vg.Point
	flush := func() {
		if len(run) > 1 {
			c.StrokeLines(actualStyle, run)
		}
		run = run[:0]
	}
	r := vg.Points(1.3)
	for i := range a.xs {
		if math.IsNaN(a.ys[i]) {
			flush()
			continue
		}
		pt := vg.Point{X: x(a.xs[i]), Y: y(a.ys[i])}
		run = append(run, pt)
		var dot vg.Path
		dot.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		dot.Arc(pt, r, 0, 2*math.Pi)
		dot.Close()
		c.SetColor(black)
		c.Fill(dot)
	}
	flush()
}

func (a *actualMarks) DataRange() (xmin, xmax, ymin, ymax float64) {
	return rangeOf(a.xs), rangeMax(a.xs), rangeOf(a.ys), rangeMax(a.ys)
}
