package workspace

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestCompareButtonFocusAndStatus runs the Compare page's script in Node, on a stand-in for
// the browser (testdata/compare_js_harness.js): pressing Compare, which disables it, hands
// the focus to Cancel, and Cancel gives it back; while the runs go on, their counts go to the
// progress text beside the bar, and the status line, a live region, is not rewritten at each
// poll. It is skipped where Node is not installed; the browser journeys check the page too.
func TestCompareButtonFocusAndStatus(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH")
	}
	out, err := exec.Command(node, "testdata/compare_js_harness.js", "web/static/compare.js").CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		FocusWhileRunning, Status, ProgressText, FocusAfterCancel string
		GoDisabled, GoDisabledAfterCancel                         bool
		StatusWritesWhilePolling                                  int
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !got.GoDisabled || got.FocusWhileRunning != "compare-cancel" {
		t.Errorf("while comparing, Compare is disabled %v and the focus is on %s: want it disabled and the focus on Cancel", got.GoDisabled, got.FocusWhileRunning)
	}
	if got.StatusWritesWhilePolling != 0 || got.Status != "Comparing…" {
		t.Errorf("the status line was rewritten %d times in 4 polls and says %q: want it left saying Comparing…", got.StatusWritesWhilePolling, got.Status)
	}
	if got.ProgressText != "8 of 8 runs done, about 4 s left." {
		t.Errorf("the progress text says %q, want the counts", got.ProgressText)
	}
	if got.GoDisabledAfterCancel || got.FocusAfterCancel != "compare-go" {
		t.Errorf("after Cancel, Compare is disabled %v and the focus is on %s: want Compare enabled and focused", got.GoDisabledAfterCancel, got.FocusAfterCancel)
	}
}

// TestCompareProgressTextNotLive checks that the Compare page's progress text, which the
// script rewrites at every poll, is outside the live status line.
func TestCompareProgressTextNotLive(t *testing.T) {
	base, _, _ := testServer(t)
	_, page := get(t, base+"/compare")
	want := `<p id="compare-status" class="status" role="status" aria-live="polite"></p>
    <progress id="compare-bar" max="1" value="0" aria-label="Comparison progress"></progress> <span id="compare-progress-text"></span>`
	if !strings.Contains(page, want) {
		t.Errorf("the Compare page has no progress text beside its bar, outside the status line:\n%s", page)
	}
}
