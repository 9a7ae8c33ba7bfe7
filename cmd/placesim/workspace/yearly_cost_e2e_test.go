package workspace

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestYearlyCostAndProgrammesInBrowser follows a commissioner in the browser: a date typed into the scenario
// file under Advanced after the run's last day is refused beside the recruitment lever's From
// box in the box's dates; with two recruitment programmes in the file, the lever says which it
// sets; and the Compare page gives total cost by year, the part years marked. It runs with the
// journeys (make test-browser); the server's side is TestAdvancedDatesSaidAsTheBoxesSayThem,
// TestRecruitmentLeverSaysWhichProgramme and TestComparePageCostByYearAgreesWithCompare.
func TestYearlyCostAndProgrammesInBrowser(t *testing.T) {
	exe := journeyBrowser(t)
	base, _, dir := testServer(t)
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/"), waitFresh()); err != nil {
		t.Fatalf("loading the workspace: %v (%v)", err, plog.problems(base))
	}
	apply := func(text string) chromedp.Action[chromedp.Void] {
		return waitJS(`(() => { document.querySelector("#advanced").open = true;
			const f = document.querySelector("#text"); f.value = ` + jsString(text) + `; document.querySelector("#apply").click(); return true; })()`)
	}
	late := "name: untitled\nextends: default\ninterventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: 2040-04-01, per_year: 10}\n"
	err := chromedp.Do(within(ctx, 30*time.Second), apply(late),
		waitText("#err-approvals_from", "01/04/2040 is after the run's last day, 31/03/2036: it would change nothing in the run; choose a date up to 31/03/2036"))
	if err != nil {
		said, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#err-approvals_from`)))
		t.Errorf("a late date applied from Advanced: the From box says %q (%v)", said, err)
	}
	two := "name: untitled\nextends: default\ninterventions:\n" +
		"  - {action: extra_approvals, kind: inhouse_foster, from: 2027-04-01, per_year: 10, label: Campaign A}\n" +
		"  - {action: extra_approvals, kind: inhouse_foster, from: 2029-04-01, per_year: 5, label: Campaign B}\n"
	err = chromedp.Do(within(ctx, 60*time.Second), apply(two),
		waitText(`[data-effect="approvals"]`, "this lever sets one of the file's 2 recruitment programmes, the one for in-house foster care from 01/04/2027; the other stays as the file has it"))
	if err != nil {
		said, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-effect="approvals"]`)))
		t.Errorf("two programmes: the lever says %q (%v)", said, err)
	}

	files := map[string]string{
		"mid.yaml":      "name: mid\nextends: default\nstart: 2026-04-15\nyears: 3\n",
		"mid-more.yaml": "name: mid-more\nextends: mid.yaml\ninterventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: 2026-06-01, per_year: 20}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/compare?s=mid-more"), chromedp.WaitVisible(chromedp.CSS(`#cost-years`))); err != nil {
		t.Fatalf("the Compare page: %v (%v)", err, plog.problems(base))
	}
	table, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#cost-years`)))
	for _, want := range []string{"2026/27 (from 15 April) part year", "2027/28", "2028/29", "2029/30 (to 14 April) part year", "Total, over the 3 years"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table of cost by year lacks %q:\n%s", want, table)
		}
	}
	checkAccessible(t, ctx, "Compare page with cost by year")
}

// jsString writes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}
