package plots

import (
	"regexp"
	"strings"
	"testing"
)

// printRules returns the rules of page's style sheet that apply in print only.
func printRules(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)@media print \{(.*?)\n\}`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no @media print rules")
	}
	return m[1]
}

// TestChartFiguresPrint checks that a run's report, printed, gives each chart's figures in
// full rather than the one line of their folded summary: a print-only copy of each folded
// table, shown in print while the folded one is hidden; and that in print a heading stays with
// what follows it and no table row is split between pages.
func TestChartFiguresPrint(t *testing.T) {
	_, b := writeTestReport(t, t.TempDir())
	page := string(b)
	print := printRules(t, page)
	for _, want := range []string{
		`.print-only { display: block; }`,
		`details.figs { display: none; }`,
		`h2, h3, h4 { break-after: avoid;`,
		`tr, table.figs { break-inside: avoid;`,
	} {
		if !strings.Contains(print, want) {
			t.Errorf("the print rules have no %q:\n%s", want, print)
		}
	}
	if !strings.Contains(page, ".print-only { display: none; }") {
		t.Error("the print-only copies show on the screen too")
	}
	for _, name := range []string{PlacementMix, CostByYear, ChildrenByKind} {
		fig := regexp.MustCompile(`(?s)<figure id="` + name + `">.*?</figure>`).FindString(page)
		folded := regexp.MustCompile(`(?s)<details class="figs">.*?(<table.*?</table>)`).FindStringSubmatch(fig)
		printed := regexp.MustCompile(`(?s)<div class="print-only" aria-hidden="true">.*?(<table.*?</table>)`).FindStringSubmatch(fig)
		if folded == nil || printed == nil {
			t.Errorf("%s: folded table %v, print-only copy %v: want both", name, folded != nil, printed != nil)
			continue
		}
		if folded[1] != printed[1] {
			t.Errorf("%s: the print-only copy differs from the folded table", name)
		}
	}
}
