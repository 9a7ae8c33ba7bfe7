package model

import (
	"testing"
	"time"
)

func TestCalendar(t *testing.T) {
	tests := []struct {
		name          string
		start         time.Time
		years, warmup int
		months, first int
		periods       []string
	}{
		{"april start", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), 2, 0, 24, 0, []string{"2026/27", "2027/28"}},
		{"with warm-up", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), 1, 2, 36, 24, []string{"2026/27"}},
		{"mid-month start", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), 1, 1, 26, 13, []string{"2025/26", "2026/27"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCalendar(&Scenario{Start: tt.start, Years: tt.years, WarmupYears: tt.warmup})
			if len(c.MonthStarts) != tt.months || c.FirstReported != tt.first {
				t.Fatalf("months %d first %d, want %d %d", len(c.MonthStarts), c.FirstReported, tt.months, tt.first)
			}
			if got := c.MonthStarts[c.FirstReported]; got != c.StartDay {
				t.Errorf("first reported month starts on day %v, want %v", got, c.StartDay)
			}
			for i := 1; i < len(c.MonthStarts); i++ {
				if c.MonthStarts[i] <= c.MonthStarts[i-1] {
					t.Fatalf("month %d starts on day %v, not after %v", i, c.MonthStarts[i], c.MonthStarts[i-1])
				}
			}
			if len(c.Periods) != len(tt.periods) {
				t.Fatalf("periods %v, want %v", c.Periods, tt.periods)
			}
			for i := range tt.periods {
				if c.Periods[i] != tt.periods[i] {
					t.Errorf("periods %v, want %v", c.Periods, tt.periods)
				}
			}
			if want := c.DayOf(tt.start.AddDate(tt.years, 0, 0)); c.EndDay != want {
				t.Errorf("end day %v, want %v", c.EndDay, want)
			}
		})
	}
}

func TestFinancialYear(t *testing.T) {
	for _, tt := range []struct {
		date time.Time
		want string
	}{
		{time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), "2026/27"},
		{time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), "2026/27"},
		{time.Date(2099, 12, 1, 0, 0, 0, 0, time.UTC), "2099/00"},
	} {
		if got := FinancialYear(tt.date); got != tt.want {
			t.Errorf("FinancialYear(%v) = %s, want %s", tt.date, got, tt.want)
		}
	}
}

func TestFinancialYearFrom(t *testing.T) {
	for _, tt := range []struct {
		year int
		want string
	}{
		{2026, "2026/27"},
		{2009, "2009/10"},
		{1999, "1999/00"},
		{2099, "2099/00"},
	} {
		if got := FinancialYearFrom(tt.year); got != tt.want {
			t.Errorf("FinancialYearFrom(%d) = %s, want %s", tt.year, got, tt.want)
		}
	}
}

func TestDaysInFinancialYear(t *testing.T) {
	for _, c := range []struct {
		on   time.Time
		want float64
	}{
		{time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC), 365},
		{time.Date(2027, time.March, 31, 0, 0, 0, 0, time.UTC), 365},
		{time.Date(2027, time.April, 1, 0, 0, 0, 0, time.UTC), 366}, // holds 29 February 2028
		{time.Date(2028, time.February, 29, 0, 0, 0, 0, time.UTC), 366},
		{time.Date(2028, time.April, 1, 0, 0, 0, 0, time.UTC), 365},
		{time.Date(2099, time.June, 1, 0, 0, 0, 0, time.UTC), 365}, // 2100 is not a leap year
	} {
		if got := DaysInFinancialYear(c.on); got != c.want {
			t.Errorf("DaysInFinancialYear(%s) = %v, want %v", c.on.Format(time.DateOnly), got, c.want)
		}
	}
}
