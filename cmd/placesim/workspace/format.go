package workspace

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// unit, count, money and share, level and signed are plots' units and formats of a figure,
// so that the workspace reads as the charts and the command line do.
type unit = plots.Unit

const (
	count = plots.Count
	money = plots.Money
	share = plots.Share
)

// level is plots.Level with a count's thousands separated by commas (1,234 children), as
// placesim's reports write counts.
func level(v float64, u unit) string {
	if u == count {
		return grouped(plots.Level(v, u))
	}
	return plots.Level(v, u)
}

// signed is plots.Signed with a count's thousands separated by commas (+1,234).
func signed(v float64, u unit) string {
	if u == count {
		return grouped(plots.Signed(v, u))
	}
	return plots.Signed(v, u)
}

// grouped separates by commas the thousands of the whole number that a figure s begins with,
// after its sign: "1234" is "1,234", "+12345.5" is "+12,345.5"; a dash stays a dash.
func grouped(s string) string {
	i := 0
	for i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	digits := s[i:j]
	var b strings.Builder
	b.WriteString(s[:i])
	for k := range len(digits) {
		if k > 0 && (len(digits)-k)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[k])
	}
	b.WriteString(s[j:])
	return b.String()
}

// withCommas writes n with its thousands separated by commas: 20,000.
func withCommas(n int) string {
	return grouped(strconv.Itoa(n))
}

// plural returns "1 paired run" or "20,000 paired runs".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%s %s", withCommas(n), word)
	}
	return fmt.Sprintf("%s %ss", withCommas(n), word)
}

// flatten returns each problem of a scenario that does not read, as scenarios.Problems does.
var flatten = scenarios.Problems
