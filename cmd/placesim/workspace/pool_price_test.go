package workspace

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestPoolPriceUprating checks the National Audit Office's price a place that the pooled
// block's help and the regional-care-cooperative file quote in 2026/27's prices:
// £318,400 × 1.03³.
func TestPoolPriceUprating(t *testing.T) {
	want := math.Round(318400 * 1.03 * 1.03 * 1.03)
	re := regexp.MustCompile(`£318,400[^£]*×1\.03³[^£]*£([0-9,]+)`)
	var help string
	for _, l := range poolLevers("1", []string{"residential"}, []string{"north"}, nil, "2027-04-01") {
		if strings.HasSuffix(l.ID, ".price") {
			help = l.Help
		}
	}
	file, err := scenarios.RegionSource("regional-care-cooperative")
	if err != nil {
		t.Fatal(err)
	}
	for what, text := range map[string]string{"the block's price help": help, "regional-care-cooperative.yaml": string(file)} {
		m := re.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("%s quotes no £318,400 ×1.03³", what)
			continue
		}
		if got, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64); got != want {
			t.Errorf("%s: £318,400 ×1.03³ is £%s, want £%.0f", what, m[1], want)
		}
	}
}
