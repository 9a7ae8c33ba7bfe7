package workspace

import (
	"fmt"

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

// flatten returns each problem of a scenario that does not read, as scenarios.Problems does.
var flatten = scenarios.Problems
