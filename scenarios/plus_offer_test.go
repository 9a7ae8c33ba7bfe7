package scenarios

import (
	"strings"
	"testing"
)

// TestPlusSignOffersOnlyWhatTheFieldTakes checks that a value refused for its + sign is offered
// back without the sign only when the field would take it: years=+2.5 is not a whole number
// and years=+100 is past the 50 years a run may have, so neither is offered.
func TestPlusSignOffersOnlyWhatTheFieldTakes(t *testing.T) {
	for _, tt := range []struct {
		set, offer string
	}{
		{"years=+2", ", such as 2"},
		{"years=+2.5", ""},
		{"years=+100", ""},
		{"years=+0", ""},
		{"warmup_years=+1", ", such as 1"},
	} {
		_, err := Load("default", []string{tt.set})
		if err == nil {
			t.Errorf("--set %s: taken", tt.set)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "a + sign reads as a change in the workspace") {
			t.Errorf("--set %s: %q, want the + sign refused", tt.set, msg)
			continue
		}
		if got := strings.Contains(msg, "such as"); got != (tt.offer != "") || tt.offer != "" && !strings.Contains(msg, "here give the value itself"+tt.offer) {
			t.Errorf("--set %s: %q, want it to offer %q", tt.set, msg, tt.offer)
		}
		if strings.Count(msg, "\n") > 0 {
			t.Errorf("--set %s: more than one problem: %q", tt.set, msg)
		}
	}
}
