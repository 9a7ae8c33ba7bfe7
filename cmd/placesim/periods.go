package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// periodsName is the file beside summary.csv and kpis.csv that says which days each of their
// periods holds.
const periodsName = "periods.csv"

// periodDays returns the first and last day of period (a financial year such as 2026/27, or
// sim.WholeRun) of a run of years from start, and its days: a run that does not start on 1
// April has a part year at each end.
func periodDays(start time.Time, years int, period string) (first, last time.Time, days int) {
	end := start.AddDate(years, 0, -1)
	first, last = start, end
	if period != sim.WholeRun {
		for y := start.Year() - 1; y <= end.Year(); y++ {
			from := time.Date(y, time.April, 1, 0, 0, 0, 0, start.Location())
			if model.FinancialYear(from) == period {
				first, last = from, from.AddDate(1, 0, -1)
				break
			}
		}
		if first.Before(start) {
			first = start
		}
		if last.After(end) {
			last = end
		}
	}
	return first, last, int(last.Sub(first).Hours()/24+0.5) + 1
}

// writePeriods writes periods.csv of a run of years from start: each of periods (the
// financial years, then sim.WholeRun) with its first and last day and its days, so that a
// script reading summary.csv or kpis.csv can tell a part year from a whole one.
func writePeriods(w io.Writer, start time.Time, years int, periods []string) error {
	var b strings.Builder
	b.WriteString("period,first_day,last_day,days\n")
	for _, p := range periods {
		first, last, days := periodDays(start, years, p)
		fmt.Fprintf(&b, "%s,%s,%s,%d\n", p, first.Format(time.DateOnly), last.Format(time.DateOnly), days)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printPartYearNote prints on w, on a line of its own, the note of the part years of s's run
// among its periods (as summary.csv names them), if any: as run, merge and their regions do.
func printPartYearNote(w io.Writer, s *model.Scenario, periods []string) {
	if note := partYearNote(s.Start, s.Years, periods); note != "" {
		fmt.Fprintln(w, note)
	}
}

// partYearNote returns the note a run of years from start prints when its periods (as
// summary.csv names them) hold a part year, naming each with its days, or "".
func partYearNote(start time.Time, years int, periods []string) string {
	var parts []string
	for _, p := range periods {
		if p == sim.WholeRun {
			continue
		}
		if label := plots.YearLabel(start, years, p); label != p {
			_, _, days := periodDays(start, years, p)
			parts = append(parts, fmt.Sprintf("%s is %s, %s", p, strings.TrimSuffix(strings.TrimPrefix(label, p+" ("), ")"), plural(days, "day")))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "placesim: note: the run does not start on 1 April, so summary.csv and kpis.csv hold part years: " +
		strings.Join(parts, "; ") + " (" + periodsName + " gives each period's days)"
}
