package workspace

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestRegionInBrowser drives a region's pages in headless Chromium, keyboard first, at
// 1366×768 and at 200% zoom: the list of regions, a region as it is, a provider's places
// changed by keyboard and a quick run, the comparison council by council, the council picker,
// a full run cancelled, save as, the board pack and a third provider leaving added by keyboard.
// In make test axe-core checks each page and layout once (the list, the region as it is, the
// comparison, the board pack, a third provider leaving, a strategy with its own pooled block,
// and the region and the list at 200% zoom); with -every-state (.ci/run)
// it checks the council picked and the full run cancelled besides. It runs alone, before the
// tests that run side by side: its steps wait for the page within time limits.
func TestRegionInBrowser(t *testing.T) {
	exe := journeyBrowser(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "two-counties.yaml"), []byte(twoCounties), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pooled.yaml"), []byte(pooledStrategy), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	// The full run is cancelled once its progress shows: it is long enough that it cannot end
	// before the page first asks for its progress (400 ms), on a quiet machine too.
	srv, err := New(Config{Dir: dir, QuickReps: 4, FullReps: 6, RegionQuickReps: 4, RegionFullReps: 20000, Seed: 1, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	srv.cfg.RegionFiles = stubRegionFiles // the run's report and workbook links, checked by axe-core with the results
	ts.Config.Handler = srv
	ts.Start()
	defer ts.Close()
	defer srv.Close()
	origin := ts.URL
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	step := func(name string) { t.Logf("%s: %.1fs", name, time.Since(began).Seconds()) }

	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/regions"), chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
		t.Fatal(err)
	}
	list, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{"south-east", "regional-care-cooperative", "two-counties.yaml"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list of regions lacks %q", want)
		}
	}
	checkAccessible(t, ctx, "regions")

	// The region as it is: its councils, its market, its charts.
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(origin+"/region?r=two-counties.yaml"), waitFresh()); err != nil {
		t.Fatalf("loading the region: %v (%v)", err, plog.problems(origin))
	}
	first, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{"Start here", "The councils", "northshire", "The shared market", "all zones"} {
		if !strings.Contains(first, want) {
			t.Errorf("the region's first screen lacks %q", want)
		}
	}
	checkAccessible(t, ctx, "region as it is")
	if got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#quickrun`))); got != "Quick run (4 runs)" {
		t.Errorf("the Quick run button of the region as it is says %q, want Quick run (4 runs)", got)
	}
	liveRegionsPresent(t, ctx, "region as it is")
	// Each chart has a table of its figures, as the scenario page's charts have.
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("figure.chart-box")).filter((f) => !f.querySelector("details.table tbody tr")).length`)); n > 0 {
		t.Errorf("%d of the region's charts have no table of their figures", n)
	}
	// A council's extra carers: named with its group, described by its baseline and the group's help.
	boxSays(t, ctx, `#in-r\.northshire`, []string{"Councils' recruitment of foster carers", "northshire"}, []string{"baseline: 0 extra a year", "Extra approvals of the council's own foster carers a year"})
	boxSays(t, ctx, `#in-exit1\.provider`, []string{"Providers leaving the market"}, nil)
	screenshot(t, ctx, "region-first-screen.png")
	step("region")

	// Keyboard only: the skip link, Tab to a provider's places, type a change, Tab on to
	// Quick run and press it.
	tabTo(t, ctx, "skip", 1)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	presses := tabTo(t, ctx, "in-p.external_residential.homes-north", 30)
	t.Logf("homes-north's places: %d presses of Tab after the skip link", presses)
	// The status line, a live region, says the levers changed once, not at every keystroke.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.statusWrites = 0; new MutationObserver((ms) => { window.statusWrites += ms.length; })
		.observe(document.querySelector("#status"), {childList: true, characterData: true, subtree: true}); true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\b+4")); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.statusWrites`)); n > 1 {
		t.Errorf("typing 3 keys in a lever rewrites the status line %d times: a screen reader says each", n)
	}
	presses = tabTo(t, ctx, "levers-run", 30)
	t.Logf("Quick run with these levers: %d more presses of Tab", presses)
	err = chromedp.Do(within(ctx, 60*time.Second), chromedp.KeyEvent("\r"), waitText("#status", "paired council by council"), waitFresh())
	if err != nil {
		t.Fatalf("a quick run by keyboard: %v", err)
	}
	res, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#results`)))
	for _, want := range []string{"What changes for each council and the region", "The business case", "Region"} {
		if !strings.Contains(res, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	if q, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); !strings.Contains(q, "p.external_residential.homes-north=%2B4") {
		t.Errorf("the link does not keep the lever: %s", q)
	}
	checkAccessible(t, ctx, "region strategy compared")
	// The region opened runs alone; with a lever changed, its runs are paired with the
	// region's, and the run buttons say so, as the progress does.
	if got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#quickrun`))); got != "Quick run (4 paired runs)" {
		t.Errorf("the Quick run button of a strategy says %q, want Quick run (4 paired runs)", got)
	}
	// A quick run refused: the status line names the box and what is wrong with it, and the
	// focus goes to the box.
	const places = `document.querySelector("#in-p\\.external_residential\\.homes-north")`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = `+places+`; e.value = "+4x"; e.dispatchEvent(new Event("input", {bubbles: true}));
		document.querySelector("#quickrun").focus(); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(within(ctx, 30*time.Second), chromedp.KeyEvent("\r"),
		waitText("#status", "Not run: 1 problem to put right. It is in Providers' places: external children's homes: homes-north (north): "),
		waitJS(`document.activeElement.id === "in-p.external_residential.homes-north"`))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		focus, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
		t.Errorf("a quick run refused: the status line says %q, the focus is on %s (%v)", status, focus, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = `+places+`; e.value = "+4"; e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#results").scrollIntoView(); window.scrollBy(0, -90); true`)); err == nil {
		keepScreenshot(t, ctx, "workspace-region.png")
	}
	step("lever and quick run by keyboard")

	// The council picker, by keyboard.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#council-pick").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(within(ctx, 10*time.Second), chromedp.KeyEvent(kb.ArrowDown), waitJS(`!document.querySelector("#council-1").hidden && document.querySelector("#council-0").hidden`)); err != nil {
		t.Errorf("the council picker: %v", err)
	}
	checkAccessibleAgain(t, ctx, "council picked")

	// A full run by keyboard, cancelled: the server's runs stop. Its progress counts paired
	// runs, as the scenario page's does. Full run, disabled while it runs, gives the focus to
	// Cancel, and Cancel gives it back.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#fullrun").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(within(ctx, 60*time.Second), chromedp.KeyEvent("\r"),
		waitJS(`document.querySelector("#progress-bar").value > 0`),
		waitText("#progress-text", fmt.Sprintf("(%s paired: the baseline's and the strategy's)", withCommas(srv.cfg.RegionFullReps))),
		waitJS(`document.activeElement.id === "cancel"`), chromedp.KeyEvent("\r"),
		waitText("#status", "Cancelled"), waitJS(`document.activeElement.id === "fullrun"`))
	if err != nil {
		focus, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
		t.Errorf("full run and cancel by keyboard: %v (the focus is on %s)", err, focus)
	}
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if running, _, _ := srv.gate.stats(); running == 0 {
			break
		}
		if time.Now().After(end) {
			t.Error("the server's runs go on after Cancel")
			break
		}
	}
	checkAccessibleAgain(t, ctx, "full run cancelled")
	step("full run cancelled")

	// Save as, by keyboard.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#saveas-name").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(within(ctx, 20*time.Second), chromedp.KeyEvent("e2e-region"), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r"),
		waitText("#file-msg", "Saved as e2e-region.yaml"))
	if err != nil {
		t.Errorf("save as: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "e2e-region.yaml")); err != nil || !strings.Contains(string(b), `{name: "homes-north", places: 12}`) {
		t.Errorf("the saved region file: %v\n%s", err, b)
	}

	// The board pack of the comparison, after a quick run by keyboard: the focus comes back to
	// Quick run.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#quickrun").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.KeyEvent("\r"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(within(ctx, 5*time.Second), waitJS(`document.activeElement.id === "quickrun"`)); err != nil {
		focus, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
		t.Errorf("after a quick run by keyboard the focus is on %s, not Quick run", focus)
	}
	href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#boardpack").href`))
	if err := chromedp.Do(ctx, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.CSS(`body`))); err != nil {
		t.Fatalf("board pack: %v", err)
	}
	pack, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`body`)))
	for _, want := range []string{"Regional strategies: two-counties", "What changes for each council and the region", "The business case"} {
		if !strings.Contains(pack, want) {
			t.Errorf("the board pack lacks %q", want)
		}
	}
	checkAccessible(t, ctx, "region board pack")
	step("save as and board pack")

	// Providers leaving, by keyboard: the button adds a third exit and gives its box the focus;
	// the provider chosen there leaves in the run, and the page's link keeps it.
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(origin+"/region?r=two-counties.yaml"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#exit-add").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(within(ctx, 10*time.Second), chromedp.KeyEvent("\r"), waitJS(`document.activeElement && document.activeElement.id === "in-exit3.provider"`)); err != nil {
		t.Fatalf("adding a provider that leaves: %v", err)
	}
	err = chromedp.Do(within(ctx, 60*time.Second), chromedp.KeyEvent(kb.ArrowDown), chromedp.Click(chromedp.CSS(`#quickrun`)),
		waitText("#status", "paired council by council"), waitFresh())
	if err != nil {
		t.Fatalf("a run with a third provider leaving: %v", err)
	}
	if q, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); !strings.Contains(q, "exit3.provider=agencies-north") {
		t.Errorf("the link does not keep the third exit: %s", q)
	}
	if txt, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#text").textContent`)); !strings.Contains(txt, "provider_exit") {
		t.Errorf("the region file the levers make has no exit:\n%s", txt)
	}
	checkAccessible(t, ctx, "a third provider leaving")
	step("providers leaving added by keyboard")

	// A strategy with a pooled block of its own, against the region it extends.
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(origin+"/region?r=pooled.yaml"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	if txt, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`))); !strings.Contains(txt, "Pooled block: Pooled homes") || !strings.Contains(txt, "pooled against two-counties") {
		t.Error("the strategy's page lacks its pooled block's levers or its comparison")
	}
	checkAccessible(t, ctx, "a strategy with its own pooled block")

	// At 200% zoom: no sideways scrolling and no violation.
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.EmulateViewport(683, 384, chromedp.EmulateScale(2)),
		chromedp.Navigate(origin+"/region?r=e2e-region.yaml"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "200% zoom: region")
	checkAccessible(t, ctx, "200% zoom: region")
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(filepath.Join(artifactDir(t), "region-zoom200.png"), shot, 0o644)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/regions"), chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "200% zoom: regions")
	checkAccessible(t, ctx, "200% zoom: regions")
	step("200% zoom")

	// At 320 by 256 CSS pixels (a 1280 by 1024 window at 400% zoom): no Tab stop under the
	// status bar, and no sideways scrolling, with a provider's long name chosen to leave and the
	// region file unfolded.
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.EmulateViewport(320, 256),
		chromedp.Navigate(origin+"/region?r=e2e-region.yaml"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "320 px: region")
	noFocusUnderBar(t, ctx, "320×256: region", 60)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.querySelector("#exit-add").click();
		const s = document.querySelector("#in-exit1\\.provider"); s.value = s.options[s.options.length - 1].value;
		return document.querySelector("#advanced").open = true; })()`)); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "320 px: region, a provider leaving and the region file unfolded")
	step("320 px")

	for _, p := range plog.problems(origin) {
		t.Error(p)
	}
}
