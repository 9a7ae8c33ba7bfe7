package ssda903

import (
	"fmt"
	"strings"
	"time"
)

// day is a calendar date as a number of days since 1 January 1970. Dates in the return have no
// time of day; whole days keep the arithmetic exact and the cleaning fast.
type day int32

// noDay marks a missing date: an open episode's end.
const noDay day = -1 << 31

// dayOf returns the day of t's calendar date.
func dayOf(t time.Time) day {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return day(t.Unix() / 86400)
}

// time returns the date at midnight UTC.
func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String writes the date as 2006-01-02.
func (d day) String() string {
	if d == noDay {
		return "open"
	}
	return d.time().Format(time.DateOnly)
}

// addYears returns the same date n years later (29 February becomes 1 March in other years),
// as birthdays are counted.
func (d day) addYears(n int) day { return dayOf(d.time().AddDate(n, 0, 0)) }

// monthStart returns the first day of d's month.
func (d day) monthStart() day {
	t := d.time()
	return dayOf(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC))
}

// addMonths returns the first day of the month n months after d's.
func (d day) addMonths(n int) day {
	t := d.time()
	return dayOf(time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
}

// yearStart returns 1 April on or before d: the start of its financial year.
func (d day) yearStart() day {
	t := d.time()
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	return dayOf(time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC))
}

// ageYears returns the age in completed years on day d of someone born on birth.
func ageYears(birth, d day) int {
	b, t := birth.time(), d.time()
	age := t.Year() - b.Year()
	if t.Month() < b.Month() || (t.Month() == b.Month() && t.Day() < b.Day()) {
		age--
	}
	return age
}

// parseDay reads a date as councils' files hold it: DD/MM/YYYY (D/M/YYYY too), or YYYY-MM-DD,
// optionally followed by a midnight time as spreadsheets export it ("2017-04-09 00:00:00").
func parseDay(s string) (day, error) {
	bad := func() (day, error) {
		return noDay, fmt.Errorf("cannot read date %q (want DD/MM/YYYY or YYYY-MM-DD)", s)
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		switch s[11:] {
		case "00:00", "00:00:00", "00:00:00.000", "00:00:00Z":
			s = s[:10]
		default:
			return bad()
		}
	}
	var y, m, dd int
	var ok bool
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, ok = digits(s[0:4])
		if ok {
			m, ok = digits(s[5:7])
		}
		if ok {
			dd, ok = digits(s[8:10])
		}
	default:
		i := strings.IndexByte(s, '/')
		j := -1
		if i >= 0 {
			if k := strings.IndexByte(s[i+1:], '/'); k >= 0 {
				j = i + 1 + k
			}
		}
		if i < 1 || i > 2 || j < 0 || j-i-1 < 1 || j-i-1 > 2 || len(s)-j-1 != 4 {
			return bad()
		}
		dd, ok = digits(s[:i])
		if ok {
			m, ok = digits(s[i+1 : j])
		}
		if ok {
			y, ok = digits(s[j+1:])
		}
	}
	if !ok || m < 1 || m > 12 || dd < 1 || y < 1900 || y > 2200 {
		return bad()
	}
	t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd { // 31/02 rolls over into March
		return bad()
	}
	return dayOf(t), nil
}

// digits reads a run of decimal digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
