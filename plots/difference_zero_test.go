package plots

import (
	"os"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestDifferenceDropsEmptyKinds checks that the difference chart of a county with no
// block-contracted beds (no child in them in either scenario, any year) neither draws nor
// keys them, and that the kinds it keeps keep their marks.
func TestDifferenceDropsEmptyKinds(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	block := sim.OccupiedKPI("block_residential")
	for i := range rows {
		if rows[i].KPI == block {
			rows[i].BaseMean, rows[i].AltMean, rows[i].DiffMean, rows[i].DiffLo, rows[i].DiffHi = 0, 0, 0, 0, 0
		}
	}
	charts, err := ComparisonCharts(rows, 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, it := range charts[0].Legend {
		keys = append(keys, it.Label)
		if it.Label == KPILabel(sim.OccupiedKPI("external_residential")) && it.Line.Color != darkGrey {
			t.Errorf("external children's homes are keyed in %v, want dark grey as when block beds show", it.Line.Color)
		}
	}
	if k := strings.Join(keys, "; "); strings.Contains(k, KPILabel(block)) {
		t.Errorf("the key %q keeps %q, which no child is in", k, KPILabel(block))
	}
	if svg := string(svgOf(t, charts[0])); strings.Contains(svg, KPILabel(block)) {
		t.Errorf("the chart still names %q", KPILabel(block))
	}
}
