package plots

import (
	"fmt"
	"slices"
	"time"
)

// ChartFigures lays out the figures a chart of the chart data d draws (chart name) as a table,
// as chart-data.csv holds them: a row for each month or financial year, a column for each
// series. Money is the mean of runs (the bars of spending a year, whose parts add up to the
// total), anything else the median; each with the range within which 9 runs in 10 fall,
// written by level in unit u; the figure of one run (oneRun) has no range. what says which
// figures the cells are.
func ChartFigures(d *Data, name string, u Unit, level func(float64, Unit) string, oneRun bool) (what string, head []string, rows [][]string) {
	centre, what := Row.Median, "median and 90% of runs"
	if u == Money {
		centre, what = func(r Row) float64 { return r.Mean }, "mean and 90% of runs"
	}
	if oneRun {
		what = "the run's figures"
	}
	head = []string{"financial year"}
	var xs []string
	cells := map[[2]string]string{}
	for _, series := range d.SeriesNames(name) {
		rs := d.Series(name, series)
		if len(rs) == 0 {
			continue
		}
		head = append(head, rs[0].Label)
		for _, r := range rs {
			if !slices.Contains(xs, r.X) {
				xs = append(xs, r.X)
			}
			cells[[2]string{r.X, series}] = fmt.Sprintf("%s (%s to %s)", level(centre(r), u), level(r.P[0], u), level(r.P[4], u))
			if oneRun {
				cells[[2]string{r.X, series}] = level(centre(r), u)
			}
		}
	}
	for _, x := range xs {
		row := []string{x}
		for _, series := range d.SeriesNames(name) {
			if v, ok := cells[[2]string{x, series}]; ok {
				row = append(row, v)
			} else if len(d.Series(name, series)) > 0 {
				row = append(row, "–")
			}
		}
		rows = append(rows, row)
	}
	return what, head, rows
}

// chartFigures is a chart's figures (ChartFigures) as a report gives them under the chart,
// compact enough for the page: a row for each series and a column for each financial year,
// or, for a chart drawn month by month, for the first month of the run and of each year of it
// after, and the last month.
type chartFigures struct {
	What string
	Head []string
	Rows [][]string
}

// reportFigures returns the table under chart name of the report of d, or nil when d holds
// no figures of it; the figures of one run (oneRun) have no range. The carer households'
// chart, which draws months and financial years together, has none yet: its figures are in
// chart-data.csv.
func reportFigures(d *Data, name string, oneRun bool) *chartFigures {
	if d == nil || !d.Has(name) || name == CarerHouseholds {
		return nil
	}
	u := Count
	if name == CostByYear {
		u = Money
	}
	what, head, rows := ChartFigures(d, name, u, func(v float64, u Unit) string {
		if u == Count {
			return formatCount(v)
		}
		return Level(v, u)
	}, oneRun)
	if len(rows) == 0 {
		return nil
	}
	// Months: keep the run's first month, each twelfth after it, and the last; a chart that
	// draws financial years beside its months keeps every year.
	var kept [][]string
	month, months := 0, 0
	for _, r := range rows {
		if _, err := time.Parse(time.DateOnly, r[0]); err == nil {
			months++
		}
	}
	for _, r := range rows {
		t, err := time.Parse(time.DateOnly, r[0])
		if err != nil {
			kept = append(kept, r)
			continue
		}
		if month%12 == 0 || month == months-1 {
			kept = append(kept, append([]string{t.Format("Jan 2006")}, r[1:]...))
		}
		month++
	}
	rows = kept
	// Turn it: a row for each series, a column for each year.
	t := &chartFigures{What: what, Head: []string{"Series"}}
	for _, r := range rows {
		t.Head = append(t.Head, r[0])
	}
	for j := 1; j < len(head); j++ {
		row := []string{head[j]}
		for _, r := range rows {
			row = append(row, r[j])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
