package workspace

import (
	"fmt"

	"github.com/placesim/placesim/plots"
)

// unit, count, money and share, level and signed are plots' units and formats of a figure,
// so that the workspace reads as the charts and the command line do.
type unit = plots.Unit

const (
	count = plots.Count
	money = plots.Money
	share = plots.Share
)

var (
	level  = plots.Level
	signed = plots.Signed
)

// plural returns "1 paired run" or "3 paired runs".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// flatten returns the errors joined in err (by errors.Join, at any depth), or err alone.
func flatten(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, flatten(e)...)
	}
	return out
}
