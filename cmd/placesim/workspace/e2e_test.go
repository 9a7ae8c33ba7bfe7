package workspace

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The end-to-end tests drive the workspace in headless Chromium (Debian's chromium package):
// they run wherever it is installed, and must run in CI (CI=true), which installs it.

// findChromium returns the path of a headless-capable Chromium, or skips the test when there is
// none and CI is not set.
func findChromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser tests are not short")
	}
	for _, name := range []string{"chromium", "chromium-headless-shell", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but no chromium on PATH: .ci/run installs Debian's chromium")
	}
	t.Skip("no chromium on PATH (apt-get install chromium); CI runs these tests")
	return ""
}

// artifactDir is where the browser tests keep their screenshots and downloads:
// $PLACESIM_ARTIFACTS, or a folder in the system's temporary folder.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PLACESIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "placesim-serve-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pageLog is what a page did besides drawing itself: every network request and every console
// error or exception.
type pageLog struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

// outside returns the problems of the log: requests to anywhere but origin, and console errors.
func (l *pageLog) problems(origin string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, u := range l.requests {
		// A data: URL carries its bytes (Chromium draws the date box's calendar icon with one)
		// and makes no request.
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") {
			out = append(out, "request outside the workspace: "+u)
		}
	}
	for _, e := range l.errors {
		out = append(out, "console: "+e)
	}
	return out
}

// newBrowser starts headless Chromium with a fresh profile and returns a context for one tab
// whose requests and console errors are recorded in the log.
func newBrowser(t *testing.T, exe, downloads string) (context.Context, *pageLog) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.NoDefaultBrowserCheck,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 6*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	l := &pageLog{}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == "error" || m.Type == "assert" || m.IsException() {
				l.mu.Lock()
				l.errors = append(l.errors, m.String()+" "+m.URL)
				l.mu.Unlock()
			}
		}
	}()
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			l.mu.Lock()
			l.requests = append(l.requests, e.Request.URL)
			l.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	return ctx, l
}

// screenshot keeps a full-page screenshot as an artefact.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(artifactDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// waitFresh waits until the results match the inputs: the status says so.
func waitFresh() chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(`#status.fresh`))
}

// clearInput empties a box, as selecting its text and deleting it would.
func clearInput(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = ""; return true; })()`, sel))(ctx, t)
		return err
	})
}

// within returns ctx with a deadline d from now, so that a step that cannot happen fails soon.
func within(ctx context.Context, d time.Duration) context.Context {
	c, cancel := context.WithTimeout(ctx, d)
	go func() { <-c.Done(); cancel() }()
	return c
}

// waitText waits until the element's text contains text.
func waitText(sel, text string) chromedp.Action[chromedp.Void] {
	return waitJS(fmt.Sprintf(`(document.querySelector(%q)?.textContent || "").includes(%q)`, sel, text))
}

// waitJS waits until a JavaScript expression is true, across the page's navigations.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, t)
			if err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w (last: %v)", expr, ctx.Err(), err)
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// horizonDiff reads the change from the baseline of a headline figure at the horizon.
func horizonDiff(ctx context.Context, key string) (float64, error) {
	js := fmt.Sprintf(`(() => { const c = document.querySelectorAll('tr[data-figure=%q] td.change'); return c.length ? c[c.length-1].dataset.diff : ""; })()`, key)
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		return 0, err
	}
	return strconv.ParseFloat(s, 64)
}

// screenshots, when set, writes the README's screenshots of the workspace into docs/.
var screenshots = flag.Bool("screenshots", false, "write the README's screenshots of the workspace (docs/workspace-*.png) from the browser test")

// everyState, when set, runs the workspace's browser tests in full (.ci/run): the live
// comparison at DefaultQuickReps replications, as users get it, and axe-core at every page
// state the tests visit, a scenario's and a region's.
var everyState = flag.Bool("every-state", false, "run the workspace's browser tests in full: DefaultQuickReps replications and axe-core at every state they visit (.ci/run)")

// journeys, when set, runs the workspace's two browser journeys (a scenario's and a region's),
// which make test leaves to make test-browser: they take half a minute of the suite's time,
// and .ci/run runs them in full. -every-state and -screenshots imply it.
var journeys = flag.Bool("journeys", false, "run the workspace's browser journeys, a scenario's and a region's (make test-browser)")

// journeyBrowser is findChromium for the two journeys: they skip unless -journeys,
// -every-state or -screenshots asks for them.
func journeyBrowser(t *testing.T) string {
	t.Helper()
	if !*journeys && !*everyState && !*screenshots {
		t.Skip("the browser journeys run with -journeys: make test-browser, which .ci/run runs")
	}
	return findChromium(t)
}

// axeSource is the vendored axe-core, read once.
var axeSource = sync.OnceValues(func() ([]byte, error) { return os.ReadFile(filepath.Join("testdata", "axe-core", "axe.min.js")) })

// axeViolation is one rule axe-core finds broken, with the elements that break it.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axeViolations runs axe-core on the page as it is, for WCAG 2.2 A and AA and axe's best
// practices (landmarks among them), and returns what it finds.
func axeViolations(t *testing.T, ctx context.Context, state string) []axeViolation {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		t.Fatal(err)
	}
	loaded, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === "object"`))
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+";\ntrue")); err != nil {
			t.Fatalf("%s: loading axe-core: %v", state, err)
		}
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, resultTypes: ["violations"]})
		.then(r => JSON.stringify(r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help,
			Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe-core: %v", state, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("%s: axe-core's answer: %v", state, err)
	}
	return vs
}

// checkAccessible runs axe-core on the page as it is, for WCAG 2.2 A and AA and axe's best
// practices (landmarks among them), and fails the test on any violation.
func checkAccessible(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	vs := axeViolations(t, ctx, state)
	for _, v := range vs {
		t.Errorf("%s: axe-core %s (%s): %s\n\t%s", state, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
	if len(vs) == 0 {
		t.Logf("%s: axe-core finds no violation", state)
	}
}

// checkAccessibleAgain is checkAccessible for a state of a page whose layout another state has
// already been checked in: it runs only under -every-state, which .ci/run sets.
func checkAccessibleAgain(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	if *everyState {
		checkAccessible(t, ctx, state)
	}
}

// noSidewaysScroll fails the test when the page is wider than the window (WCAG 1.4.10).
func noSidewaysScroll(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil {
		t.Fatal(err)
	}
	if w[0] > w[1]+1 {
		t.Errorf("%s: the page is %v px wide in a window of %v: it scrolls sideways", state, w[0], w[1])
	}
}

// summaryInView fails the test when the summary of status and headline figures is not in the
// window while sel has the focus.
func summaryInView(t *testing.T, ctx context.Context, sel, state string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.focus(); e.scrollIntoView({block: "center"});
		const r = document.querySelector("#summary").getBoundingClientRect();
		const f = e.getBoundingClientRect();
		return [r.top, r.bottom, f.top, f.bottom, window.innerHeight, window.scrollY]; })()`, sel)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil {
		t.Fatal(err)
	}
	if v[0] < 0 || v[1] > v[4] || v[2] < v[1] || v[3] > v[4] {
		t.Errorf("%s: with %s in focus (at %v to %v px, scrolled %v), the summary is at %v to %v px in a window %v px high", state, sel, v[2], v[3], v[5], v[0], v[1], v[4])
	}
}

// boxSays fails the test unless Chromium's accessible name of the box sel holds each of name
// and its description each of desc: what a screen reader says of the box is what stands
// beside it.
func boxSays(t *testing.T, ctx context.Context, sel string, name, desc []string) {
	t.Helper()
	r, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: fmt.Sprintf("document.querySelector(%q)", sel)})
	if err != nil || r.Result == nil || r.Result.ObjectID == "" {
		t.Fatalf("%s: no such box (%v)", sel, err)
	}
	alone := false
	ax, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: r.Result.ObjectID, FetchRelatives: &alone})
	if err != nil || len(ax.Nodes) == 0 {
		t.Fatalf("%s: the accessibility tree: %v", sel, err)
	}
	text := func(v *accessibility.Value) string {
		var s string
		if v != nil {
			json.Unmarshal(v.Value, &s)
		}
		return s
	}
	got := map[string]string{"name": text(ax.Nodes[0].Name), "description": text(ax.Nodes[0].Description)}
	for what, wants := range map[string][]string{"name": name, "description": desc} {
		for _, w := range wants {
			if !strings.Contains(got[what], w) {
				t.Errorf("%s: its %s %q lacks %q", sel, what, got[what], w)
			}
		}
	}
}

// liveRegionsPresent fails the test when a live region of the page (role status or alert, or
// aria-live) is not rendered, as display: none or hidden would make it: a screen reader then
// has no region to follow, and may not announce the words that appear in it.
func liveRegionsPresent(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	absent, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[aria-live], [role="status"], [role="alert"]'))
		.filter((e) => !e.checkVisibility()).map((e) => "#" + e.id + (e.textContent.trim() ? "" : " (empty)"))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(absent) > 0 {
		t.Errorf("%s: live regions not rendered, so out of the accessibility tree: %s", state, strings.Join(absent, ", "))
	}
}

// noFocusUnderBar presses Tab most times from the top of the page and fails the test when a
// control it reaches outside the status bar lies under the bar stuck at the top of the window
// (WCAG 2.4.11): its top edge behind the bar while the window has room for it below.
func noFocusUnderBar(t *testing.T, ctx context.Context, state string, most int) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true`)); err != nil {
		t.Fatal(err)
	}
	const under = `(() => { const e = document.activeElement, bar = document.querySelector("#summary");
		if (!e || e === document.body || bar.contains(e) || getComputedStyle(bar).position !== "sticky") return "";
		const r = e.getBoundingClientRect(), b = bar.getBoundingClientRect();
		if (r.top >= b.bottom - 1 || r.bottom <= b.top || r.height > innerHeight - b.bottom) return "";
		return (e.id ? "#" + e.id : e.tagName.toLowerCase()) + " at " + Math.round(r.top) + " to " + Math.round(r.bottom) + " px, the bar to " + Math.round(b.bottom); })()`
	var hidden []string
	for range most {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		h, err := chromedp.Run(ctx, chromedp.Evaluate[string](under))
		if err != nil {
			t.Fatal(err)
		}
		if h != "" {
			hidden = append(hidden, h)
		}
	}
	if len(hidden) > 0 {
		t.Errorf("%s: %d of %d Tab stops lie under the status bar, among them %s", state, len(hidden), most, strings.Join(hidden[:min(4, len(hidden))], "; "))
	}
}

// tabTo presses Tab until the element with the ID has the focus, and returns how many presses
// it took, or fails after most presses.
func tabTo(t *testing.T, ctx context.Context, id string, most int) int {
	t.Helper()
	for n := 1; n <= most; n++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
		if got == id {
			return n
		}
	}
	t.Fatalf("#%s not reached in %d presses of Tab", id, most)
	return 0
}

// keepScreenshot writes the window as it is into docs/NAME for the README, under -screenshots.
func keepScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "..", "docs", name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("README screenshot: %s (%d KB)", path, len(png)>>10)
}

// TestWorkspaceInBrowser drives the workspace in headless Chromium as a user would, keyboard
// first, with axe-core on its page states. In make test the live comparison runs 50
// replications, one at a time (the changes the test makes move the figures it checks the same
// way as at 200), and axe-core checks each page and layout once: the first screen, a full run
// in progress, the comparison choosing, in progress and done, the board pack, and the workspace
// and comparison at 200% zoom. With -every-state (.ci/run) the live comparison runs
// DefaultQuickReps on every core, as users get it, so the time to update is measured at the
// size users wait for, and axe-core checks every state besides: a lever changed by keyboard,
// saved, reopened and duplicated. It runs alone, before the tests that run side by side: its
// steps wait for the page within time limits.
func TestWorkspaceInBrowser(t *testing.T) {
	exe := journeyBrowser(t)
	dir := t.TempDir()
	downloads := t.TempDir()
	ts := httptest.NewUnstartedServer(nil)
	addr := ts.Listener.Addr().String()
	// One replication at a time: the full runs the test cancels spend a core until then, not
	// every core (the same seed gives the same results whatever the workers).
	quick, workers := 50, 1
	if *everyState {
		quick, workers = DefaultQuickReps, 0
	}
	srv, err := New(Config{Dir: dir, QuickReps: quick, FullReps: 300, Workers: workers, Seed: 1, Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	defer ts.Close()
	defer srv.Close()
	origin := ts.URL
	ctx, plog := newBrowser(t, exe, downloads)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatal(err)
	}

	// The first screen: where to start, a guide, a way back to a new scenario, and the
	// baseline's own picture.
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/"), waitFresh()); err != nil {
		t.Fatalf("loading the workspace: %v (%v)", err, plog.problems(origin))
	}
	before, err := horizonDiff(ctx, "occupied_ifa")
	if err != nil {
		t.Fatal(err)
	}
	if before != 0 {
		t.Errorf("the baseline against itself changes children in IFA by %v", before)
	}
	first, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{"Start here", "What this tool is, and what it is not", "The baseline, default, as it is", "Places needed and places available"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first screen lacks %q", want)
		}
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('a[href="/?new=1"]').length`)); n == 0 {
		t.Error("the first screen has no link to a new scenario")
	}
	checkAccessible(t, ctx, "first screen")
	liveRegionsPresent(t, ctx, "first screen")
	// What a screen reader says of a box is what stands beside it: the lever, the box's label
	// and unit; the baseline's value and the help.
	boxSays(t, ctx, "#in-approvals", []string{"Carers recruited a year", "a year"}, []string{"baseline: 21 a year", "Accepts"})
	boxSays(t, ctx, "#in-home_beds", []string{"Open a children's home", "Beds", "(0: no new home)"}, []string{"baseline: ", "A home of our own"})
	boxSays(t, ctx, "#in-home_opens", []string{"Open a children's home", "Opens on", "dd/mm/yyyy"}, []string{"baseline: "})
	keepScreenshot(t, ctx, "workspace-first-screen.png")

	// Keyboard only: the skip link comes first and leads to the levers; Full run is a few
	// presses of Tab from the top.
	tabTo(t, ctx, "skip", 1)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); id != "levers-h" {
		t.Errorf("the skip link leads to %q, want the levers", id)
	}
	presses := tabTo(t, ctx, "in-approvals", 20)
	t.Logf("carers recruited a year: %d presses of Tab after the skip link", presses)
	// A change from the baseline, typed: +12 on the baseline's 21.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\b\b+12"), chromedp.WaitVisible(chromedp.CSS(`#status.updating`)), waitFresh()); err != nil {
		t.Fatal(err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-effect="approvals"]`))); !strings.Contains(v, "scenario: 33 a year, 12 of them recruited by a programme") {
		t.Errorf("after typing +12, carers recruited a year says %q", v)
	}
	if carers, err := horizonDiff(ctx, "carer_households_end"); err != nil || carers <= 0 {
		t.Errorf("with +12 carers recruited a year, carer households change by %v (%v)", carers, err)
	}
	// Save as, by keyboard: from the skip link to the name box, type, Tab to Save as, Enter.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#skip").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	tabTo(t, ctx, "saveas-name", 15)
	err = chromedp.Do(within(ctx, 20*time.Second), chromedp.KeyEvent("e2e-keys"), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r"),
		waitText("#file-msg", "Saved as e2e-keys.yaml"), waitText("#file-name", "e2e-keys.yaml"))
	if err != nil {
		t.Errorf("save as by keyboard: %v", err)
	}
	summaryInView(t, ctx, "#in-home_cost", "1366×768, editing a residential lever")
	checkAccessibleAgain(t, ctx, "a lever changed by keyboard")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#skip").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	toFull := 1 + tabTo(t, ctx, "fullrun", 19)
	t.Logf("Full run: %d presses of Tab from the top", toFull)

	// Change "carers recruited a year" and wait for the results to update.
	began := time.Now()
	err = chromedp.Do(ctx,
		clearInput("#in-approvals"),
		chromedp.SendKeys(chromedp.CSS(`#in-approvals`), "40"),
		chromedp.WaitVisible(chromedp.CSS(`#status.updating`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	typed := time.Now()
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#in-approvals`))); v != "40" {
		t.Fatalf("carers recruited a year reads %q after typing 40", v)
	}
	if err := chromedp.Do(ctx, waitFresh()); err != nil {
		t.Fatal(err)
	}
	latency := time.Since(typed)
	t.Logf("results of %d replications updated %.2f s after the last keystroke (%.2f s after the first)", quick, latency.Seconds(), time.Since(began).Seconds())
	if latency > 10*time.Second {
		t.Errorf("results took %v to update", latency)
	}
	ifa, err := horizonDiff(ctx, "occupied_ifa")
	if err != nil {
		t.Fatal(err)
	}
	carers, err := horizonDiff(ctx, "carer_households_end")
	if err != nil {
		t.Fatal(err)
	}
	if ifa >= 0 || carers <= 0 {
		t.Errorf("with 40 carers recruited a year: children in IFA change by %v, carer households by %v; want fewer and more", ifa, carers)
	}
	// The question the scenario asks is kept in the link.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#description`), "What if we recruit 40 carers a year?"),
		waitJS(`location.search.includes("about=What")`)); err != nil {
		t.Errorf("the question is not kept in the link: %v", err)
	}
	location, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(location, "approvals=40") {
		t.Errorf("the URL %s does not hold the lever", location)
	}
	screenshot(t, ctx, "workspace.png")
	if top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(filepath.Join(artifactDir(t), "workspace-top.png"), top, 0o644)
	}

	phase := time.Now()
	step := func(name string) {
		t.Logf("%s: %.1f s", name, time.Since(phase).Seconds())
		phase = time.Now()
	}
	// Save, then save a second scenario as another name: every label follows the name.
	err = chromedp.Do(ctx,
		clearInput("#name"),
		chromedp.SendKeys(chromedp.CSS(`#name`), "e2e-forty"),
		chromedp.Click(chromedp.CSS(`#save`)),
		waitText("#file-msg", "Saved as e2e-forty.yaml"),
	)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "e2e-forty.yaml")); err != nil {
		t.Errorf("save wrote no file: %v", err)
	}
	err = chromedp.Do(ctx,
		clearInput("#in-approvals"),
		chromedp.SendKeys(chromedp.CSS(`#in-approvals`), "30"),
		chromedp.WaitVisible(chromedp.CSS(`#status.updating`)),
		waitFresh(),
		chromedp.SendKeys(chromedp.CSS(`#saveas-name`), "e2e-thirty"),
		chromedp.Click(chromedp.CSS(`#saveas`)),
		waitText("#file-msg", "Saved as e2e-thirty.yaml"),
	)
	if err != nil {
		t.Fatalf("save as: %v", err)
	}
	for sel, want := range map[string]string{"#file-name": "e2e-thirty.yaml", "#title": "e2e-thirty", "#results-title": "e2e-thirty against default"} {
		if got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel))); !strings.Contains(got, want) {
			t.Errorf("after Save as, %s reads %q, want %q", sel, got, want)
		}
	}
	checkAccessibleAgain(t, ctx, "saved")

	step("save and save as")
	// Export a chart as PNG.
	err = chromedp.Do(ctx, waitFresh(), chromedp.Click(chromedp.CSS(`a[data-format="png"]`)))
	if err != nil {
		t.Fatal(err)
	}
	var png []byte
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end) && png == nil; time.Sleep(100 * time.Millisecond) {
		entries, _ := os.ReadDir(downloads)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(downloads, e.Name()))
			if err == nil && len(b) > 8 && string(b[:4]) == "\x89PNG" && !strings.HasSuffix(e.Name(), ".crdownload") {
				png = b
			}
		}
	}
	if png == nil {
		t.Error("no PNG was downloaded")
	} else {
		os.WriteFile(filepath.Join(artifactDir(t), "exported-chart.png"), png, 0o644)
	}

	step("export")
	// A full run shows its progress and time left, and Cancel (by keyboard: it has the
	// focus) stops it and its runs on the server.
	err = chromedp.Do(within(ctx, 60*time.Second), chromedp.Click(chromedp.CSS(`#fullrun`)),
		waitText("#progress-text", " runs"), waitJS(`document.activeElement.id === "cancel" && document.querySelector("#fullrun").disabled`))
	if err != nil {
		t.Errorf("full run: no progress shown, or Cancel does not have the focus: %v", err)
	}
	progress, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#progress`)))
	t.Logf("full run in progress: %q", progress)
	checkAccessible(t, ctx, "full run in progress")
	err = chromedp.Do(within(ctx, 20*time.Second), chromedp.KeyEvent("\r"), waitText("#status", "Full run cancelled"),
		waitJS(`!document.querySelector("#fullrun").disabled && document.querySelector("#progress").hidden`))
	if err != nil {
		t.Errorf("cancel: %v", err)
	}
	stopped := false
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end) && !stopped; time.Sleep(100 * time.Millisecond) {
		running, _, _ := srv.gate.stats()
		stopped = running == 0
	}
	if !stopped {
		t.Error("the full run's simulations go on after Cancel")
	}
	step("full run and cancel")

	// Compare the two saved scenarios with the baseline.
	err = chromedp.Do(ctx,
		chromedp.Navigate(origin+"/compare"),
		chromedp.Click(chromedp.CSS(`input[value="e2e-forty"]`)),
		chromedp.Click(chromedp.CSS(`input[value="e2e-thirty"]`)),
	)
	if err != nil {
		t.Fatalf("compare: %v", err)
	}
	checkAccessible(t, ctx, "compare: choosing")
	liveRegionsPresent(t, ctx, "compare: choosing")
	// A full comparison shows its progress, and Cancel stops it.
	err = chromedp.Do(within(ctx, 60*time.Second), chromedp.Click(chromedp.CSS(`input[name="full"]`)),
		chromedp.Click(chromedp.CSS(`#compare-go`)),
		waitText("#compare-progress-text", "runs done"))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#compare-progress-text`)))
		t.Errorf("compare: no progress shown: %v (the progress text says %q)", err, status)
	}
	checkAccessible(t, ctx, "compare: in progress")
	err = chromedp.Do(within(ctx, 20*time.Second), chromedp.Click(chromedp.CSS(`#compare-cancel`)), waitText("#compare-status", "Comparison cancelled"))
	if err != nil {
		t.Errorf("compare: cancel: %v", err)
	}
	stopped = false
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end) && !stopped; time.Sleep(100 * time.Millisecond) {
		running, _, _ := srv.gate.stats()
		stopped = running == 0
	}
	if !stopped {
		t.Error("the comparison's simulations go on after Cancel")
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="full"]`)),
		chromedp.Click(chromedp.CSS(`#compare-go`)),
		chromedp.WaitVisible(chromedp.CSS(`#compare-table`)),
	)
	if err != nil {
		t.Fatalf("compare: %v", err)
	}
	table, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#compare-table`)))
	for _, want := range []string{"e2e-forty", "e2e-thirty", "40 a year", "30 a year", "Total cost"} {
		if !strings.Contains(table, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "s=e2e-forty") || strings.Contains(loc, "job=") {
		t.Errorf("after Compare the address is %s, want the scenarios compared", loc)
	}
	screenshot(t, ctx, "compare.png")
	checkAccessible(t, ctx, "compare: results")
	liveRegionsPresent(t, ctx, "compare: results")
	keepScreenshot(t, ctx, "workspace-compare.png")

	step("compare")
	// Open the saved scenario again: its levers come back.
	err = chromedp.Do(ctx, chromedp.Navigate(origin+"/?file=e2e-forty"), waitFresh())
	value, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#in-approvals`)))
	if err != nil || value != "40" {
		t.Errorf("reopened e2e-forty: carers recruited %q (%v), want 40", value, err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#description`))); v != "What if we recruit 40 carers a year?" {
		t.Errorf("reopened e2e-forty: its question reads %q", v)
	}
	checkAccessibleAgain(t, ctx, "reopened")

	step("reopen")

	// Download the scenario file, duplicate it, and upload a file of one's own.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#download`))); err != nil {
		t.Fatal(err)
	}
	var yamlFile string
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end) && yamlFile == ""; time.Sleep(100 * time.Millisecond) {
		entries, _ := os.ReadDir(downloads)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(downloads, e.Name()))
			if err == nil && strings.Contains(string(b), "per_year: 19") && strings.Contains(string(b), "extends: default") {
				yamlFile = string(b)
			}
		}
	}
	if yamlFile == "" {
		t.Error("Download gave no scenario file")
	}
	err = chromedp.Do(within(ctx, 30*time.Second), chromedp.Click(chromedp.CSS(`#duplicate`)),
		waitJS(`location.search.includes("file=e2e-forty-copy")`), waitFresh(),
		waitText("#file-msg", "Duplicated as e2e-forty-copy.yaml"))
	if err != nil {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "e2e-forty-copy.yaml")); err != nil {
		t.Errorf("duplicate wrote no file: %v", err)
	}
	checkAccessibleAgain(t, ctx, "duplicated")
	own := filepath.Join(t.TempDir(), "fewer-entries.yaml")
	os.WriteFile(own, []byte("name: fewer-entries\nextends: default\nentries:\n  per_year: 230\n"), 0o644)
	err = chromedp.Do(within(ctx, 30*time.Second), chromedp.SetUploadFiles(chromedp.CSS(`#upload`), []string{own}),
		waitJS(`location.search.includes("file=fewer-entries")`), waitFresh())
	if err != nil {
		t.Errorf("upload: %v", err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#in-entries`))); v != "230" {
		t.Errorf("the uploaded scenario shows %q children entering a year, want 230", v)
	}
	step("download, duplicate, upload")

	// The board pack of the saved scenario: the lever it changes, with the baseline's value.
	err = chromedp.Do(ctx, chromedp.Navigate(origin+"/?file=e2e-forty"), waitFresh())
	if err != nil {
		t.Fatal(err)
	}
	href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#board-pack").href`))
	if err := chromedp.Do(ctx, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
		t.Fatalf("board pack: %v", err)
	}
	pack, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`body`)))
	for _, want := range []string{"Carers recruited a year: 40 a year, 19 of them recruited by a programme from 1 April 2026 (baseline 21 a year)", "Net present value", "Business case"} {
		if !strings.Contains(pack, want) {
			t.Errorf("the board pack lacks %q", want)
		}
	}
	checkAccessible(t, ctx, "board pack")
	step("board pack")

	// More levers: folded away on a new scenario and unfolded by keyboard; a rate typed and a
	// kind chosen say what they do, and a need the file's parser refuses is refused beside
	// its box in placesim validate's words.
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/?new=1"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	if open, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#more-levers").open`)); open {
		t.Error("a new scenario shows More levers unfolded")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#more-levers summary").focus(); true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(within(ctx, 10*time.Second), chromedp.KeyEvent("\r"), waitJS(`document.querySelector("#more-levers").open`)); err != nil {
		t.Errorf("More levers does not unfold by keyboard: %v", err)
	}
	// A kind chosen from the list, as a choice by mouse or keyboard tells the page.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = document.querySelector("#in-breakdown_kind");
		e.value = "inhouse_foster"; e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(within(ctx, 30*time.Second),
		clearInput("#in-breakdown_factor"), chromedp.SendKeys(chromedp.CSS(`#in-breakdown_factor`), "67"),
		waitText(`[data-effect="breakdown"]`, "scenario: placements in In-house foster care break down at 67% of the baseline's rate from 01/04/2026"),
		waitFresh())
	if err != nil {
		t.Errorf("More levers: %v", err)
	}
	// A date typed: the status line, a live region, says it is updating once, not at every
	// keystroke.
	err = chromedp.Do(within(ctx, 30*time.Second), clearInput("#in-home_opens"), waitJS(`(() => { const st = document.querySelector("#status");
		window.statusWrites = 0; new MutationObserver((ms) => { window.statusWrites += ms.length; }).observe(st, {childList: true, characterData: true, subtree: true});
		document.querySelector("#in-home_opens").focus(); return true; })()`),
		chromedp.KeyEvent("01/04/2029"), waitFresh())
	if err != nil {
		t.Errorf("a date typed: %v", err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.statusWrites`)); n > 4 {
		t.Errorf("typing a date of 10 characters rewrites the status line %d times: a screen reader says each", n)
	}
	err = chromedp.Do(within(ctx, 30*time.Second),
		clearInput("#in-entry_who_factor"), chromedp.SendKeys(chromedp.CSS(`#in-entry_who_factor`), "120"),
		chromedp.SendKeys(chromedp.CSS(`#in-entry_who_needs`), "complx"),
		waitText("#err-entry_who_needs", `unknown need "complx" (did you mean complex?)`),
		waitJS(`document.querySelector("#in-entry_who_needs").getAttribute("aria-invalid") === "true"`))
	if err != nil {
		t.Errorf("More levers: a need the file refuses: %v", err)
	}
	boxSays(t, ctx, "#in-entry_who_ages", []string{"such as 12-15"}, []string{"baseline: "})
	checkAccessible(t, ctx, "More levers: a need refused")
	// The status line says how many problems there are and the first, its box and what is
	// wrong, with a link that takes the focus to the box.
	err = chromedp.Do(within(ctx, 10*time.Second),
		waitText("#status", `Not updated: 1 problem to put right. It is in Children of some ages and needs entering care: Needs: unknown need "complx"`),
		waitJS(`(document.querySelector("#skip").focus(), document.activeElement.id === "skip")`),
		chromedp.Click(chromedp.CSS(`#status a`)), waitJS(`document.activeElement.id === "in-entry_who_needs"`))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		t.Errorf("a need refused: the status line says %q (%v)", status, err)
	}
	// A file applied with a value refused: the focus goes to its box.
	err = chromedp.Do(within(ctx, 30*time.Second), waitJS(`(() => { document.querySelector("#advanced").open = true;
		const f = document.querySelector("#text"); f.value += "\nentries:\n  per_year: -5\n"; document.querySelector("#apply").focus(); return true; })()`),
		chromedp.KeyEvent("\r"), waitText("#status", "problems to put right. The first is in Children entering care a year: must be between"),
		waitJS(`document.activeElement.id === "in-entries"`))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		focus, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
		t.Errorf("a file applied with children entering care refused: the status line says %q, the focus is on %s (%v)", status, focus, err)
	}
	step("more levers")

	// At 200% zoom (half the window's width and height in CSS pixels): no sideways scrolling,
	// the summary in view while editing, and no violation.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(683, 384, chromedp.EmulateScale(2)),
		chromedp.Navigate(origin+"/?file=e2e-forty"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "200% zoom: workspace")
	summaryInView(t, ctx, "#in-home_cost", "200% zoom, editing a residential lever")
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(filepath.Join(artifactDir(t), "workspace-zoom200.png"), shot, 0o644)
	}
	checkAccessible(t, ctx, "200% zoom: workspace")
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/compare?s=e2e-forty"), chromedp.WaitVisible(chromedp.CSS(`#compare-table`))); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "200% zoom: compare")
	checkAccessible(t, ctx, "200% zoom: compare")
	step("200% zoom")

	// At 320 by 256 CSS pixels (a 1280 by 1024 window at 400% zoom): no sideways scrolling, with
	// More levers and Advanced folded and unfolded, nor on the comparison; no Tab stop under
	// the status bar.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 256), chromedp.Navigate(origin+"/?file=e2e-forty"), waitFresh()); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "320 px: workspace")
	noFocusUnderBar(t, ctx, "320×256: workspace", 80)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#more-levers").open = document.querySelector("#advanced").open = true`)); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "320 px: workspace, More levers and Advanced unfolded")
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/compare?s=e2e-forty"), chromedp.WaitVisible(chromedp.CSS(`#compare-table`))); err != nil {
		t.Fatal(err)
	}
	noSidewaysScroll(t, ctx, "320 px: compare")
	step("320 px")

	for _, p := range plog.problems(origin) {
		t.Error(p)
	}
	plog.mu.Lock()
	t.Logf("%d requests, all to %s", len(plog.requests), origin)
	plog.mu.Unlock()
}

// TestBrowserCheckCatchesOutsideRequests is the control: a page with an image from elsewhere
// must fail the check the workspace passes.
func TestBrowserCheckCatchesOutsideRequests(t *testing.T) {
	exe := findChromium(t)
	t.Parallel() // mostly waiting on Chromium
	planted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		// An image on another origin: a closed port on this machine, so that nothing leaves it.
		fmt.Fprint(w, `<!doctype html><title>planted</title><p>planted</p><img src="http://localhost:9/planted.png" alt="">`)
	}))
	defer planted.Close()
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(ctx, chromedp.Navigate(planted.URL+"/"), chromedp.WaitVisible(chromedp.CSS("p"))); err != nil {
		t.Fatal(err)
	}
	// The image's request is recorded as Chromium reports it: wait for it, for up to 10 s.
	var problems []string
	found := false
	for end := time.Now().Add(10 * time.Second); !found && time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		problems = plog.problems(planted.URL)
		for _, p := range problems {
			if strings.Contains(p, "localhost:9/planted.png") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the check missed the planted image: %v", problems)
	}
}

// TestAccessibilityCheckCatchesViolations is the control of checkAccessible: a page with an
// image without a text alternative, a box without a label, grey text on white, content
// outside landmarks and a chart without a name must fail it.
func TestAccessibilityCheckCatchesViolations(t *testing.T) {
	exe := findChromium(t)
	t.Parallel()
	planted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<!doctype html><html lang="en"><title>planted</title><p style="color:#aaa">faint</p>`+
			`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1"><input type="text">`+
			`<svg role="img" width="10" height="10"><rect width="10" height="10"/></svg>`)
	}))
	defer planted.Close()
	ctx, _ := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(ctx, chromedp.Navigate(planted.URL+"/"), chromedp.WaitVisible(chromedp.CSS("p"))); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range axeViolations(t, ctx, "planted page") {
		found[v.ID] = true
	}
	for _, id := range []string{"image-alt", "label", "color-contrast", "region", "svg-img-alt"} {
		if !found[id] {
			t.Errorf("the check missed %s: it found %v", id, found)
		}
	}
}
