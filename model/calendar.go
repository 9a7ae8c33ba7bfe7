package model

import (
	"fmt"
	"math"
	"time"
)

// Calendar maps a scenario's dates to simulation days and groups days into calendar months
// and UK financial years (April to March). Simulation day 0 is the Origin: the start of the
// warm-up, or Start when there is none.
type Calendar struct {
	// Origin is the date of simulation day 0.
	Origin time.Time
	// StartDay is the simulation day of the scenario's Start.
	StartDay float64
	// EndDay is the simulation day the run ends (Start plus Years).
	EndDay float64
	// MonthStarts holds the first day of every month from Origin to EndDay: the origin itself,
	// then each 1st of the month; the last month ends at EndDay.
	MonthStarts []float64
	// MonthDates is the calendar date of each of MonthStarts.
	MonthDates []time.Time
	// FirstReported is the index in MonthStarts of the first reported month (the one holding
	// Start).
	FirstReported int
	// Period is, for each reported month (index i - FirstReported), the index of its financial
	// year in Periods.
	Period []int
	// Periods labels the reported financial years, such as "2026/27".
	Periods []string
}

// NewCalendar returns the calendar of a run of s.
func NewCalendar(s *Scenario) Calendar {
	start := dateOnly(s.Start)
	origin := start.AddDate(-s.WarmupYears, 0, 0)
	end := start.AddDate(s.Years, 0, 0)
	c := Calendar{Origin: origin}
	c.StartDay = c.DayOf(start)
	c.EndDay = c.DayOf(end)
	// Month boundaries: the origin, every 1st of the month after it, and Start itself (which
	// begins a new reported month even when it falls mid-month).
	for m := origin; m.Before(end); {
		if m.After(start) && c.MonthDates[len(c.MonthDates)-1].Before(start) {
			m = start
		}
		if m.Equal(start) {
			c.FirstReported = len(c.MonthStarts)
		}
		c.MonthStarts = append(c.MonthStarts, c.DayOf(m))
		c.MonthDates = append(c.MonthDates, m)
		m = time.Date(m.Year(), m.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	}
	for i := c.FirstReported; i < len(c.MonthDates); i++ {
		label := FinancialYear(c.MonthDates[i])
		if len(c.Periods) == 0 || c.Periods[len(c.Periods)-1] != label {
			c.Periods = append(c.Periods, label)
		}
		c.Period = append(c.Period, len(c.Periods)-1)
	}
	return c
}

// DayOf returns the simulation day of a date.
func (c Calendar) DayOf(t time.Time) float64 {
	return math.Round(dateOnly(t).Sub(c.Origin).Hours()) / 24
}

// Date returns the calendar date of simulation day d (rounded down to the day).
func (c Calendar) Date(d float64) time.Time {
	return c.Origin.AddDate(0, 0, int(math.Floor(d)))
}

// MonthEnd returns the day month i of MonthStarts ends.
func (c Calendar) MonthEnd(i int) float64 {
	if i+1 < len(c.MonthStarts) {
		return c.MonthStarts[i+1]
	}
	return c.EndDay
}

// ReportedMonths returns the number of reported months.
func (c Calendar) ReportedMonths() int { return len(c.MonthStarts) - c.FirstReported }

// FinancialYear labels the UK financial year holding t: "2026/27" runs from 1 April 2026 to
// 31 March 2027.
func FinancialYear(t time.Time) string {
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	return FinancialYearFrom(y)
}

// DaysInFinancialYear returns the number of days in the UK financial year holding t: 366 when
// it holds a 29 February, 365 otherwise. A yearly amount accrues at that amount divided by this
// a day, so that a whole financial year costs exactly the amount.
func DaysInFinancialYear(t time.Time) float64 {
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	from := time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
	return math.Round(from.AddDate(1, 0, 0).Sub(from).Hours() / 24)
}

// YearDays returns the number of days in the financial year holding month i of MonthStarts
// (DaysInFinancialYear): what a yearly amount is divided by to give a day's share in that month.
func (c Calendar) YearDays(i int) float64 { return DaysInFinancialYear(c.MonthDates[i]) }

// FinancialYearFrom labels the UK financial year that starts on 1 April of year as a council
// writes it: 2026 is "2026/27", 2099 is "2099/00".
func FinancialYearFrom(year int) string {
	return fmt.Sprintf("%d/%02d", year, (year+1)%100)
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
