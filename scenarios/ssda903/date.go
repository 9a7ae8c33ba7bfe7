package ssda903

import (
	"errors"
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

// civil returns the calendar date of d (Howard Hinnant's days-to-civil algorithm: exact for
// every date of the proleptic Gregorian calendar, and much faster than going through time).
func (d day) civil() (y, m, dd int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, dd
}

// fromCivil returns the day of a calendar date; a day past the end of its month rolls over
// into the next (31 April is 1 May), as time.Date does.
func fromCivil(y, m, dd int) day {
	for m > 12 {
		m -= 12
		y++
	}
	for m < 1 {
		m += 12
		y--
	}
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + dd - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// addYears returns the same date n years later (29 February becomes 1 March in other years),
// as birthdays are counted.
func (d day) addYears(n int) day {
	y, m, dd := d.civil()
	return fromCivil(y+n, m, dd)
}

// monthStart returns the first day of d's month.
func (d day) monthStart() day {
	y, m, _ := d.civil()
	return fromCivil(y, m, 1)
}

// addMonths returns the first day of the month n months after d's.
func (d day) addMonths(n int) day {
	y, m, _ := d.civil()
	return fromCivil(y, m+n, 1)
}

// yearStart returns 1 April on or before d: the start of its financial year.
func (d day) yearStart() day {
	y, m, _ := d.civil()
	if m < 4 {
		y--
	}
	return fromCivil(y, 4, 1)
}

// ageYears returns the age in completed years on day d of someone born on birth.
func ageYears(birth, d day) int {
	by, bm, bd := birth.civil()
	y, m, dd := d.civil()
	age := y - by
	if m < bm || (m == bm && dd < bd) {
		age--
	}
	return age
}

// parseDay reads a date as councils' files hold it: DD/MM/YYYY (D/M/YYYY too), or YYYY-MM-DD,
// optionally followed by a midnight time as spreadsheets export it ("2017-04-09 00:00:00").
// Its errors say what is wrong without the value, which may be a child's date of birth or,
// in a file whose columns have shifted, anything else of the child's.
func parseDay(s string) (day, error) {
	badForm := func() (day, error) {
		return noDay, errors.New("cannot read the date: want DD/MM/YYYY or YYYY-MM-DD" + formHint(s))
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		switch s[11:] {
		case "00:00", "00:00:00", "00:00:00.000", "00:00:00Z":
			s = s[:10]
		default:
			return noDay, errors.New("cannot read the date: a time of day other than midnight follows it")
		}
	}
	var y, m, dd int
	var ok, slashes bool
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
			return badForm()
		}
		slashes = true
		dd, ok = digits(s[:i])
		if ok {
			m, ok = digits(s[i+1 : j])
		}
		if ok {
			y, ok = digits(s[j+1:])
		}
	}
	switch {
	case !ok:
		return badForm()
	case slashes && m > 12 && dd >= 1 && dd <= 12:
		return noDay, errors.New("cannot read the date: the month is not 1 to 12: the file may be month-first (US dates, MM/DD/YYYY); write the dates DD/MM/YYYY")
	case m < 1 || m > 12:
		return noDay, errors.New("cannot read the date: the month is not 1 to 12")
	case y < 1900 || y > 2200:
		return noDay, errors.New("cannot read the date: the year is not 1900 to 2200")
	}
	t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
	if dd < 1 || t.Day() != dd { // 31/02 rolls over into March
		return noDay, errors.New("cannot read the date: no such day in the month")
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

// formHint says, after a colon, how a date in a form parseDay does not read may be written
// so that it does, without quoting it: an Excel date serial number (a whole number from 20000
// to 80000: 1954 to 2119), a day-first date with dashes or dots (25-03-2018), or one with the
// month's name (25-Mar-2018, 25 March 2018); "" for any other.
func formHint(s string) string {
	if n, ok := digits(strings.TrimSuffix(s, ".0")); ok && n >= 20000 && n <= 80000 {
		return ": a whole number such as this looks like an Excel date serial number: format the column as a date (DD/MM/YYYY) before saving as CSV"
	}
	// The date's parts, split at dashes, dots, spaces or slashes.
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '.' || r == ' ' || r == '/' })
	if len(parts) != 3 {
		return ""
	}
	d, okD := digits(parts[0])
	_, okY := digits(parts[2])
	_, okM := digits(parts[1])
	if okD && okM && okY && strings.Contains(s, "/") {
		switch {
		case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
			return ": the year comes first, with slashes: write the date DD/MM/YYYY or YYYY-MM-DD"
		case len(parts[0]) <= 2 && len(parts[1]) <= 2 && len(parts[2]) == 2:
			return ": the year has two digits: write it in full, DD/MM/YYYY (in Excel, format the column as a date, DD/MM/YYYY, before saving as CSV)"
		}
	}
	if !okD || d < 1 || d > 31 || !okY || len(parts[2]) != 4 && len(parts[2]) != 2 {
		return ""
	}
	if m, ok := digits(parts[1]); ok && m >= 1 && m <= 12 && !strings.Contains(s, "/") {
		return ": day, month and year are separated by dashes, dots or spaces: write the date DD/MM/YYYY"
	}
	if monthName(parts[1]) {
		return ": the month is written as a name: write the date DD/MM/YYYY (in Excel, format the column as a date, DD/MM/YYYY, before saving as CSV)"
	}
	return ""
}

// monthName reports whether s is an English month's name or its first three letters, in
// any case.
func monthName(s string) bool {
	s = strings.ToLower(s)
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if s == m || s == m[:3] || s == "sept" && m == "september" {
			return true
		}
	}
	return false
}
