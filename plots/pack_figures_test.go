package plots

import (
	"regexp"
	"strings"
	"testing"
)

// TestPackChartsHaveFigures checks that each chart of a comparison's board pack, the
// difference chart and the business case, has its figures in a table folded under it, a row
// for each series it draws and a column for each financial year, as the run report's charts do.
func TestPackChartsHaveFigures(t *testing.T) {
	_, b := writeTestCompareReport(t, t.TempDir())
	page := string(b)
	figs := regexp.MustCompile(`(?s)<figure id="([^"]+)">(.*?)</figure>`).FindAllStringSubmatch(page, -1)
	if len(figs) == 0 {
		t.Fatal("the board pack has no charts")
	}
	for _, f := range figs {
		name, body := f[1], f[2]
		if !strings.Contains(body, `<details class="figs"><summary>Figures in this chart`) {
			t.Errorf("%s has no table of its figures", name)
			continue
		}
		var want []string
		switch {
		case strings.HasPrefix(name, "difference-"):
			want = []string{"Spending", "Children with agency foster carers"}
		case strings.HasPrefix(name, "business-case-"):
			want = []string{"Saving to date", "That year: spent less on places bought", "That year: spent on programmes, running and one-off", "That year: net saving"}
		}
		for _, w := range want {
			if !strings.Contains(body, `<th scope="row" class="row">`+w) {
				t.Errorf("%s's table has no row %q", name, w)
			}
		}
	}
	CheckTablesRead(t, "board pack", page)
}
