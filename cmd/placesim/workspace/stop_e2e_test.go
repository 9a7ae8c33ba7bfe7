package workspace

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestStoppedServerInBrowser stops the workspace during a full run, as placesim serve does on
// SIGTERM or Ctrl-C: the page says that the workspace has stopped, and Full run is offered
// again, rather than "Full run: simulating…" for ever. The region page and the Compare page
// say so too (stoppedOnOtherPages), rather than that their run was cancelled.
func TestStoppedServerInBrowser(t *testing.T) {
	t.Run("region page", func(t *testing.T) { stoppedOnRegionPage(t) })
	t.Run("compare page", func(t *testing.T) { stoppedOnComparePage(t) })
	exe := journeyBrowser(t)
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40 // the records of 100,000 replications are not kept: the run stops
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	srv.cfg.FullReps = 100_000
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/"), waitFresh()); err != nil {
		t.Fatalf("loading the workspace: %v (%v)", err, plog.problems(base))
	}
	if err := chromedp.Do(within(ctx, 30*time.Second), chromedp.Click(chromedp.CSS(`#fullrun`)), waitText("#status", "Full run: simulating")); err != nil {
		t.Fatalf("full run: %v", err)
	}
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if running, _, _ := srv.gate.stats(); running > 0 {
			break
		}
	}
	srv.Close()
	err := chromedp.Do(within(ctx, 30*time.Second), waitText("#status", "the workspace has stopped"),
		waitJS(`!document.querySelector("#fullrun").disabled && document.querySelector("#progress").hidden`))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		t.Errorf("after the server stopped, the status says %q (%v)", status, err)
	}
}

// stopWhenRunning stops srv once a run of it is going.
func stopWhenRunning(srv *Server) {
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if running, _, _ := srv.gate.stats(); running > 0 {
			break
		}
	}
	srv.Close()
}

// stoppedOnRegionPage stops the workspace during a region's full run: the region page says the
// workspace has stopped, and a run asked for after that says the server's reason, not "503
// Service Unavailable".
func stoppedOnRegionPage(t *testing.T) {
	exe := journeyBrowser(t)
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40
	base, srv, dir, _ := safetyServer(t, lim, defaultHTTPLimits)
	if err := os.WriteFile(filepath.Join(dir, "two-counties.yaml"), []byte(twoCounties), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.cfg.RegionQuickReps, srv.cfg.RegionFullReps = 3, 100_000
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/region?ref=two-counties.yaml"), waitText("#status", "Up to date")); err != nil {
		t.Fatalf("loading the region page: %v (%v)", err, plog.problems(base))
	}
	if err := chromedp.Do(within(ctx, 30*time.Second), chromedp.Click(chromedp.CSS(`#fullrun`))); err != nil {
		t.Fatalf("full run: %v", err)
	}
	stopWhenRunning(srv)
	const stopped = "The run failed: the workspace has stopped before this run finished"
	if err := chromedp.Do(within(ctx, 30*time.Second), waitText("#status", stopped), waitJS(`!document.querySelector("#fullrun").disabled`)); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		t.Errorf("after the server stopped, the region page's status says %q, want %q (%v)", status, stopped, err)
	}
	const later = "The run failed: the workspace has stopped: it was shut down on its server"
	if err := chromedp.Do(within(ctx, 30*time.Second), chromedp.Click(chromedp.CSS(`#quickrun`)), waitText("#status", later)); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#status`)))
		t.Errorf("a quick run after the server stopped: the region page's status says %q, want %q (%v)", status, later, err)
	}
}

// stoppedOnComparePage stops the workspace while the Compare page compares: the page says the
// workspace has stopped, and a comparison asked for after that says the server's reason.
func stoppedOnComparePage(t *testing.T) {
	exe := journeyBrowser(t)
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40
	base, srv, dir, _ := safetyServer(t, lim, defaultHTTPLimits)
	if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte("name: plan\nextends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.cfg.QuickReps = 100_000
	ctx, plog := newBrowser(t, exe, t.TempDir())
	if err := chromedp.Do(within(ctx, 60*time.Second), chromedp.Navigate(base+"/compare"), chromedp.Click(chromedp.CSS(`input[name="s"][value="plan"]`)),
		chromedp.Click(chromedp.CSS(`#compare-go`))); err != nil {
		t.Fatalf("comparing: %v (%v)", err, plog.problems(base))
	}
	stopWhenRunning(srv)
	const stopped = "the workspace has stopped before this run finished"
	if err := chromedp.Do(within(ctx, 30*time.Second), waitText("#compare-error", stopped)); err != nil {
		t.Errorf("after the server stopped, the Compare page does not say %q (%v)", stopped, err)
	}
	const later = "The comparison failed: the workspace has stopped: it was shut down on its server"
	if err := chromedp.Do(within(ctx, 30*time.Second), chromedp.Click(chromedp.CSS(`#compare-go`)), waitText("#compare-status", later)); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#compare-status`)))
		t.Errorf("a comparison after the server stopped says %q, want %q (%v)", status, later, err)
	}
}
