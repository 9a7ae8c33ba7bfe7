package workspace

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestStoppedServerInBrowser stops the workspace during a full run, as placesim serve does on
// SIGTERM or Ctrl-C: the page says that the workspace has stopped, and Full run is offered
// again, rather than "Full run: simulating…" for ever.
func TestStoppedServerInBrowser(t *testing.T) {
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
