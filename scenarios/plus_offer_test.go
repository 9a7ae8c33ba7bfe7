package scenarios

import (
	"strings"
	"testing"
)

// TestPlusSignOffersOnlyWhatTheFieldTakes checks that a value refused for its + sign is offered
// back without the sign only when the field would take it: years=+2.5 is not a whole number
// and years=+100 is past the 50 years a run may have, so neither is offered; a count not whole
// asks for a whole number; an amount of pounds or a duration beyond its field's range is not
// offered either (+1.5m for a week's price).
func TestPlusSignOffersOnlyWhatTheFieldTakes(t *testing.T) {
	for _, tt := range []struct {
		set, offer string
	}{
		{"years=+2", ", such as 2"},
		{"years=+2.5", ", a whole number"},
		{"years=+100", ""},
		{"years=+0", ""},
		{"warmup_years=+1", ", such as 1"},
		// A count is offered only as a whole number, and asks for one.
		{"kinds.inhouse_foster.carers.households=+20", ", such as 20"},
		{"kinds.inhouse_foster.carers.households=+1.5", ", a whole number"},
		{"kinds.inhouse_foster.carers.approvals_per_year=+1.5", ", such as 1.5"},
		// Money and durations with a + sign are offered only within the field's range: a
		// week's price is at most £100,000, a lead time at most 3,660 days.
		{"kinds.ifa.weekly_gbp=+£1,500", ", such as £1,500"},
		{"kinds.ifa.weekly_gbp=+1.5m", ""},
		{"kinds.ifa.weekly_gbp.standard=+£200k", ""},
		{"uasc.grant_per_night_gbp=+£1m", ""},
		{"interventions[0].lead_time_days=+90 days", ", such as 90 days"},
		{"interventions[0].lead_time_days=+20 years", ""},
	} {
		ref := "default"
		if strings.HasPrefix(tt.set, "interventions") {
			ref = "open-childrens-home"
		}
		_, err := Load(ref, []string{tt.set})
		if err == nil {
			t.Errorf("--set %s: taken", tt.set)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "a + sign reads as a change in the workspace") {
			t.Errorf("--set %s: %q, want the + sign refused", tt.set, msg)
			continue
		}
		if got := strings.Contains(msg, ", such as") || strings.Contains(msg, ", a whole number"); got != (tt.offer != "") || tt.offer != "" && !strings.Contains(msg, "here give the value itself"+tt.offer) {
			t.Errorf("--set %s: %q, want it to offer %q", tt.set, msg, tt.offer)
		}
		if strings.Count(msg, "\n") > 0 {
			t.Errorf("--set %s: more than one problem: %q", tt.set, msg)
		}
	}
}
