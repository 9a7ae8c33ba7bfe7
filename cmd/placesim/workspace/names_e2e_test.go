package workspace

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBuiltinNameInBrowser checks in the browser that a built-in's name typed into a name box
// is said to be refused beside the box at once, before Save is pressed, and the box marked
// invalid; that another name clears it; and that the pages write counts with their commas.
// It runs with the journeys (make test-browser): the words are TestBuiltinNameSaidAsTyped's,
// in make test.
func TestBuiltinNameInBrowser(t *testing.T) {
	exe := journeyBrowser(t)
	base, _, _ := regionServer(t)
	ctx, plog := newBrowser(t, exe, t.TempDir())
	said := "is the name of placesim's built-in"
	for _, tc := range []struct{ page, box, msg, typed, words string }{
		{"/", "#name", "#name-error", "Default", `"Default" ` + said + " scenario default"},
		{"/", "#saveas-name", "#saveas-error", "south-east.yaml", `"south-east" ` + said + " region south-east"},
		{"/region?r=two-counties.yaml", "#saveas-name", "#saveas-error", "england", `"england" ` + said + " region england"},
	} {
		err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+tc.page), chromedp.WaitVisible(chromedp.CSS(tc.box)),
			clearInput(tc.box), chromedp.SendKeys(chromedp.CSS(tc.box), tc.typed),
			waitText(tc.msg, tc.words), waitJS(`document.querySelector("`+tc.box+`").getAttribute("aria-invalid") === "true"`))
		if err != nil {
			msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(tc.msg)))
			t.Errorf("%s %s: typed %q, beside the box %q (%v; %v)", tc.page, tc.box, tc.typed, msg, err, plog.problems(base))
			continue
		}
		checkAccessibleAgain(t, ctx, tc.page+" with a built-in's name in "+tc.box)
		err = chromedp.Do(within(ctx, 30*time.Second), chromedp.SendKeys(chromedp.CSS(tc.box), "-plan"),
			waitJS(`document.querySelector("`+tc.msg+`").textContent === "" && document.querySelector("`+tc.box+`").getAttribute("aria-invalid") === "false"`))
		if err != nil {
			t.Errorf("%s %s: another name does not clear the message (%v)", tc.page, tc.box, err)
		}
		if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`window.placesimCount(20000)`)); got != "20,000" {
			t.Errorf("%s: placesimCount(20000) is %q", tc.page, got)
		}
	}
	if p := plog.problems(base); len(p) > 0 {
		t.Errorf("the pages' problems: %v", p)
	}
}
