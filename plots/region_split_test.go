package plots

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// netCaseOf is a business case whose run adds up to a net saving of mean pounds, with an
// interval of a million either side from three pairs.
func netCaseOf(mean float64) *sim.NetCase {
	cum := sim.CaseFigure{Mean: mean, Lo: mean - 1e6, Hi: mean + 1e6, N: 3}
	return &sim.NetCase{Years: []sim.NetYear{{Period: "2026/27", Cumulative: cum}}, NPV: sim.CaseFigure{Mean: mean, Lo: math.NaN(), Hi: math.NaN(), N: 3}}
}

// TestSplitLineWords checks that the split line words a loss as one ("loses £38.9m", as Who
// gains does), never as a negative saving, and gives the other councils their own verb when
// their figure goes the other way.
func TestSplitLineWords(t *testing.T) {
	for _, tc := range []struct {
		name      string
		act, rest float64
		want, not []string
	}{
		{"both save", 6.8e6, 34.3e6,
			[]string{"west-sussex, which the strategy changes, saves +£6.8m (+£5.8m to +£7.8m; net present value +£6.8m), and the 13 other councils, through the shared market, +£34.3m ("},
			[]string{"loses", " save "}},
		{"acting loses", -38.9e6, 39.0e6,
			[]string{"west-sussex, which the strategy changes, loses £38.9m (net saving -£39.9m to -£37.9m; net present value -£38.9m)", "and the 13 other councils, through the shared market, save +£39.0m ("},
			[]string{"saves -£", "saves", "-£38.9m ("}},
		{"both lose", -2e6, -1e6,
			[]string{"loses £2.0m (net saving", "through the shared market, £1.0m (net saving -£2.0m to £0; net present value -£1.0m)"},
			[]string{"saves", " lose "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := &RegionComparison{Split: &RegionSplit{Acting: []string{"west-sussex"}, Others: 13, Act: netCaseOf(tc.act), Rest: netCaseOf(tc.rest)}}
			line := rc.SplitLine()
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("the split line has no %q:\n%s", w, line)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(line, n) {
					t.Errorf("the split line has %q:\n%s", n, line)
				}
			}
		})
	}
}
