package workspace

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stoppingServer starts safetyServer with two-counties.yaml and plan.yaml (the default
// council with one more approval a year) in its folder, and runs long enough that they are
// still going when the test stops the workspace: its first replication stops it, as Ctrl-C or
// SIGTERM would.
func stoppingServer(t *testing.T) (string, *Server) {
	t.Helper()
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40 // the records of 100,000 replications are not kept: the run stops
	base, srv, dir, _ := safetyServer(t, lim, defaultHTTPLimits)
	for name, text := range map[string]string{"two-counties.yaml": twoCounties, "plan.yaml": "name: plan\nextends: default\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv.cfg.QuickReps, srv.cfg.RegionQuickReps = 100_000, 100_000
	hook := func(int) { go srv.Close() }
	srv.gate.onRep.Store(&hook)
	return base, srv
}

// sameOriginGet sends a GET from the workspace's own page and returns the status, the
// Content-Type and the body.
func sameOriginGet(t *testing.T, u string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.WriteString(string(buf[:n]))
		if err != nil {
			break
		}
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b.String()
}

// TestStoppedServerSaysWhy stops the workspace during a region's run and during a
// comparison on the Compare page: each is answered 503 with the reason the scenario page's
// run gets ("the workspace has stopped before this run finished"), not as a run cancelled
// by its page. Every later request is answered 503 with the reason too: the API's in JSON, as
// a run's error, which the pages show, and a page's in plain text.
func TestStoppedServerSaysWhy(t *testing.T) {
	t.Run("region run", func(t *testing.T) {
		base, _ := stoppingServer(t)
		done := make(chan struct{})
		var status int
		var a regionRunResponse
		go func() {
			defer close(done)
			var body string
			status, body = postStatus(t, base, "/api/region/run", regionState{Tab: "r", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "2"}})
			json.Unmarshal([]byte(body), &a)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("30 s after the server stopped, the region's run is still waiting")
		}
		if status != http.StatusServiceUnavailable || a.Error != stoppedMessage || a.Cancelled || a.Results != "" {
			t.Errorf("status %d, answer %+v: want 503 saying %q", status, a, stoppedMessage)
		}
		// Later: the API answers in JSON, which the pages show as the run's error.
		status, body := postStatus(t, base, "/api/region/run", regionState{Tab: "r", Ref: "two-counties.yaml"})
		var later struct{ Error string }
		if err := json.Unmarshal([]byte(body), &later); err != nil || status != http.StatusServiceUnavailable || later.Error != closedMessage {
			t.Errorf("a run after the server stopped: %d %q, want 503 and JSON saying %q", status, body, closedMessage)
		}
		status, body = postStatus(t, base, "/api/run", wsState{Tab: "t", Values: map[string]string{"approvals": "25"}})
		if err := json.Unmarshal([]byte(body), &later); err != nil || status != http.StatusServiceUnavailable || later.Error != closedMessage {
			t.Errorf("a scenario's run after the server stopped: %d %q, want 503 and JSON saying %q", status, body, closedMessage)
		}
		if status, kind, body := sameOriginGet(t, base+"/region?ref=two-counties.yaml"); status != http.StatusServiceUnavailable ||
			!strings.HasPrefix(kind, "text/plain") || strings.TrimSpace(body) != closedMessage {
			t.Errorf("the region page after the server stopped: %d %s %q, want 503 saying %q", status, kind, body, closedMessage)
		}
	})
	t.Run("compare page", func(t *testing.T) {
		base, _ := stoppingServer(t)
		status, _, body := sameOriginGet(t, base+"/compare?s=plan")
		if status != http.StatusServiceUnavailable || !strings.Contains(body, stoppedMessage) || !strings.Contains(body, "<main") {
			t.Errorf("the Compare page stopped while it ran: %d, want 503 and the page saying %q:\n%s", status, stoppedMessage, body)
		}
		if status, _, body := sameOriginGet(t, base+"/compare?s=plan"); status != http.StatusServiceUnavailable || strings.TrimSpace(body) != closedMessage {
			t.Errorf("the Compare page after the server stopped: %d %q, want 503 saying %q", status, body, closedMessage)
		}
	})
}
