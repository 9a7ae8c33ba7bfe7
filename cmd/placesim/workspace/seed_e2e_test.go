package workspace

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSeedInBrowser checks the Seed box in the browser: a seed above 2^53 runs as typed, not
// rounded, and one the run cannot take is refused beside the box, with the Advanced section
// opened to show it, not run on the server's seed in silence; so is one in the page's address.
// It runs with the journeys (make test-browser): the server's reading of the seed is
// TestSeedBox's and TestSeedInURL's, in make test.
func TestSeedInBrowser(t *testing.T) {
	exe := journeyBrowser(t)
	base, _, _ := testServer(t)
	ctx, plog := newBrowser(t, exe, t.TempDir())
	for _, seed := range []string{"18446744073709551615", "9007199254740993"} {
		err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/?approvals=30&seed="+seed), waitFresh(),
			waitText("#status", "(seed "+seed+")"))
		if err != nil {
			status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
			t.Errorf("seed %s: the status says %q (%v; %v)", seed, status, err, plog.problems(base))
		}
	}
	// The user opens Advanced, where the box is, and types a seed; then closes it again.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#advanced summary`))); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"abc", "-5", "0", "18446744073709551616"} {
		err := chromedp.Do(within(ctx, 30*time.Second), clearInput("#seed"), chromedp.SendKeys(chromedp.CSS(`#seed`), typed+"\t"),
			waitText("#err-seed", seedRange), waitText("#status", "Not updated: 1 problem to put right. It is in Seed (the random numbers shared with the baseline): "))
		if err != nil {
			status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
			t.Errorf("seed %q: the status says %q, and beside the box nothing (%v)", typed, status, err)
		}
		if open, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#advanced").open`)); !open {
			t.Errorf("seed %q: the Advanced section, which holds the box, stays closed", typed)
		}
	}
	// Closed, it opens again when its seed is refused.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.querySelector("#advanced").open = false;
		const e = document.querySelector("#seed"); e.value = "x"; e.dispatchEvent(new Event("change")); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(within(ctx, 30*time.Second), waitJS(`document.querySelector("#advanced").open`))
	if err != nil {
		t.Errorf("a refused seed with Advanced closed: %v", err)
	}
	// A seed in the page's address that the box cannot take opens the page with the box
	// holding it, refused beside it, as typing it would.
	err = chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/?approvals=30&seed=abc"),
		waitText("#err-seed", seedRange), waitText("#status", "Not updated: 1 problem to put right. It is in Seed (the random numbers shared with the baseline): "),
		waitJS(`document.querySelector("#advanced").open && document.querySelector("#seed").value === "abc"`))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		t.Errorf("?seed=abc: the status says %q (%v; %v)", status, err, plog.problems(base))
	}
}
