package workspace

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
)

// outsideRunRE reads validation's problem of a date outside the run: "2040-04-01 is outside
// the run (2026-04-01 to 2036-03-31, after a 2-year warm-up from 2024-04-01)", then what to do.
var outsideRunRE = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2}) is outside the run \(`)

// unreadDateRE reads the file parser's problem of a date it cannot read: `must be a date such
// as 2027-04-01, not "01/04/2027"`.
var unreadDateRE = regexp.MustCompile(`^must be a date such as ([0-9]{4}-[0-9]{2}-[0-9]{2}), not (".*")$`)

// fileDateProblem restates msg, a problem validation finds with the date of the field key
// ("from") in the scenario file, in the words a lever's date box says its own, in the
// workspace's day-first dates: a date outside the run as runDateProblem says a date typed
// into a box ("01/04/2040 is after the run's last day, 31/03/2036: ..."), with no word of more
// years, as the workspace runs the baseline's; and a date the file cannot read, naming the
// field and what was typed, with how the file writes it. boxed says that a lever's box shows
// the date, in its own format; a date no box shows is said as the file has it too. Any other
// problem is returned as it is.
func fileDateProblem(msg, key string, base *model.Scenario, boxed bool) string {
	if m := outsideRunRE.FindStringSubmatch(msg); m != nil {
		d, err := time.Parse(time.DateOnly, m[1])
		if err != nil {
			return msg
		}
		// What follows the hint (a problem joined after it) is kept.
		rest := ""
		if h := model.OutsideRunHint(msg); h != "" {
			_, rest, _ = strings.Cut(msg, h)
		}
		said := runDateProblem(m[1], leverInput{}, base, nil)
		if said == "" {
			return msg
		}
		if !boxed {
			typed := d.Format("02/01/2006")
			said = strings.Replace(said, typed, fmt.Sprintf("%s (%s in the file)", typed, m[1]), 1)
		}
		return said + rest
	}
	if m := unreadDateRE.FindStringSubmatch(msg); m != nil {
		typed, err := strconv.Unquote(m[2])
		if err != nil {
			typed = m[2]
		}
		if d, ok := parseDate(typed); ok && strings.TrimSpace(typed) != d.Format(time.DateOnly) {
			text := fmt.Sprintf("the file's %s: %s is not a date as the file writes one: write %s (year, month, day) for %s",
				key, typed, d.Format(time.DateOnly), d.Format("02/01/2006"))
			if boxed {
				text += ", or type the date into this box"
			}
			return text
		}
		ex, _ := time.Parse(time.DateOnly, m[1])
		text := fmt.Sprintf("the file's %s: %q is not a date: write one year first, such as %s", key, typed, m[1])
		if boxed {
			text += fmt.Sprintf(", or type one into this box day first, such as %s", ex.Format("02/01/2006"))
		}
		return text
	}
	return msg
}

// fieldKey is the last name of a field's path: "from" of "interventions[3].from".
func fieldKey(field string) string {
	if i := strings.LastIndex(field, "."); i >= 0 {
		return field[i+1:]
	}
	return field
}

// boxDateRE reads a date problem as fileDateProblem says it, up to what to do.
var boxDateRE = regexp.MustCompile(`^([0-9]{2}/[0-9]{2}/[0-9]{4} is (?:before the run's first|after the run's last) day, [0-9]{2}/[0-9]{2}/[0-9]{4}): .*?choose a date (?:from|up to) [0-9]{2}/[0-9]{2}/[0-9]{4}`)

// withoutDateAdvice returns a date problem as fileDateProblem says it without what to do:
// "31/03/2024 is before the run's first day, 01/04/2026", for a box whose date is not the
// field's (a home's opening, its from plus the file's lead time).
func withoutDateAdvice(msg string) string {
	return boxDateRE.ReplaceAllString(msg, "$1")
}
