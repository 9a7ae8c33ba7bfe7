package workspace

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScreenReaderInBrowser follows a keyboard and screen-reader user in the browser: a value
// beyond the usual is said in the status line when the run ends and in the box's description;
// the key figures say which statistic each is and that the bracket is the change; results
// from before the last change say so in words and hold back their board pack; a name Save or
// Save as refuses is said beside its box, which takes the focus, and the status line links to
// it; Compare pressed with nothing ticked says so where the focus goes. It runs with the
// journeys (make test-browser); the server's side is TestUnusualValueSaidEverywhere,
// TestSaveNameRefusalSaysWhichBox, TestCompareNothingTicked and TestWordsForScreenReaders.
func TestScreenReaderInBrowser(t *testing.T) {
	exe := journeyBrowser(t)
	base, _, _ := testServer(t)
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/?block_beds=2&block_price=5000"), waitFresh()); err != nil {
		t.Fatalf("loading the workspace: %v (%v)", err, plog.problems(base))
	}
	status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
	if !strings.Contains(status, "Check a value beyond the usual for a council, said under Block-book residential beds: is it meant?") {
		t.Errorf("the status line says %q: want it to say the value beyond the usual", status)
	}
	boxSays(t, ctx, "#in-block_price", []string{"Block-book residential beds", "Price", "a bed a year"}, []string{"price beyond the usual £100,000 to £600,000 a bed a year"})
	boxSays(t, ctx, "#in-entries", []string{"Children entering care a year"}, nil)
	name, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#in-entries").getAttribute("aria-labelledby")`))
	if name != "lbl-entries" {
		t.Errorf("the entries box is named by %q: its unit, a year, is in its lever's label already", name)
	}
	keys, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#keyfigs`)))
	if !strings.Contains(keys, " mean (change ") || strings.Contains(keys, "median") {
		t.Errorf("the key figures say %q: want each said as a mean, as the table's heading says, and the bracket as the change", keys)
	}
	checkAccessible(t, ctx, "a value beyond the usual")

	// A change: the results say they are from before it, and their board pack waits.
	stale, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const e = document.querySelector("#in-entries"); e.value = "450";
		e.dispatchEvent(new Event("input", { bubbles: true }));
		const note = document.querySelector("#stale-note"), pack = document.querySelector("#board-pack");
		return (note.hidden ? "hidden" : note.textContent) + "|" + pack.getAttribute("aria-disabled") + "|" + pack.hasAttribute("href");
	})()`))
	if err != nil || !strings.HasPrefix(stale, "These results are from before your last change") || !strings.HasSuffix(stale, "|true|false") {
		t.Errorf("just after a change: note, board pack disabled, link: %q (%v)", stale, err)
	}
	if err := chromedp.Do(within(ctx, 60*time.Second), waitFresh()); err != nil {
		t.Fatalf("the run after the change: %v", err)
	}
	fresh, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const note = document.querySelector("#stale-note"), pack = document.querySelector("#board-pack");
		return note.hidden + "|" + pack.getAttribute("aria-disabled") + "|" + pack.hasAttribute("href");
	})()`))
	if fresh != "true|null|true" {
		t.Errorf("after the run: note hidden, board pack disabled, link: %q, want true|null|true", fresh)
	}

	// Names Save and Save as refuse.
	for _, tc := range []struct{ box, out, button, name, says string }{
		{"name", "name-error", "save", "a/b", "a name is letters a to z without accents, digits"},
		{"saveas-name", "saveas-error", "saveas", "default", "is the name of placesim's built-in scenario default"},
		{"saveas-name", "saveas-error", "saveas", "", "type the new name beside Save as"},
	} {
		err := chromedp.Do(within(ctx, 20*time.Second),
			waitJS(`(() => { document.querySelector("#`+tc.box+`").value = `+jsString(tc.name)+`; document.querySelector("#`+tc.out+`").textContent = ""; document.querySelector("#`+tc.button+`").click(); return true; })()`),
			waitText("#"+tc.out, tc.says))
		if err != nil {
			said, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#"+tc.out)))
			t.Errorf("%s %q: #%s says %q (%v)", tc.button, tc.name, tc.out, said, err)
			continue
		}
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id + "|" + document.querySelector("#`+tc.box+`").getAttribute("aria-invalid") + "|" + (document.querySelector('#status a') || {}).hash`))
		if got != tc.box+"|true|#"+tc.box {
			t.Errorf("%s %q: focus, aria-invalid, status link: %q, want %s|true|#%s", tc.button, tc.name, got, tc.box, tc.box)
		}
	}
	checkAccessibleAgain(t, ctx, "a name refused")
	download, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#download`)))
	if download != "Download untitled.yaml" {
		t.Errorf("the Download button says %q", download)
	}

	// Compare with nothing ticked.
	err = chromedp.Do(within(ctx, 30*time.Second), chromedp.Navigate(base+"/compare"), chromedp.WaitVisible(chromedp.CSS(`#compare-go`)),
		chromedp.Click(chromedp.CSS(`#compare-go`)), waitText("#compare-error", "no scenario was chosen"),
		waitJS(`document.activeElement && document.activeElement.id === "compare-error"`))
	if err != nil {
		t.Errorf("Compare with nothing ticked: %v (%v)", err, plog.problems(base))
	}
	checkAccessibleAgain(t, ctx, "Compare with nothing ticked")
}
