package workspace

import (
	"strings"
	"testing"
)

// TestRelativeChangeAsTyped checks that a change typed into a box ("+2.5", "+1%") gives the
// value typing its result gives, in the box, its effect and the file, never rounded in
// silence; and that a box of whole numbers refuses a change that does not give one, saying
// what it gives.
func TestRelativeChangeAsTyped(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		id, change, value string
	}{
		{"approvals", "+2.5", "23.5"},   // the baseline's 21
		{"approvals", "+1%", "21.21"},   // was dropped: rounded back to 21
		{"approvals", "+10%", "23.1"},   // a programme of 2.1 a year
		{"approvals", "+0.25", "21.25"}, // was 21
		{"specialist_approvals", "+10%", "0.8668"},
		{"specialist", "+50%", "9"},
		{"entries", "+0.5%", "261.3"}, // the baseline's 260
	} {
		var rel, abs runResponse
		post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{tc.id: tc.change}}, &rel)
		post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{tc.id: tc.value}}, &abs)
		if got := rel.Inputs[tc.id]; got.Value != tc.value || got.Error != "" {
			t.Errorf("%s %s: box %+v, want %s", tc.id, tc.change, got, tc.value)
		}
		if rel.Effects[tc.id] != abs.Effects[tc.id] || !rel.Changed[tc.id] {
			t.Errorf("%s %s: effect %q (changed %v), typing %s says %q", tc.id, tc.change, rel.Effects[tc.id], rel.Changed[tc.id], tc.value, abs.Effects[tc.id])
		}
		if rel.Text != abs.Text {
			t.Errorf("%s %s: the file\n%s\ntyping %s gives\n%s", tc.id, tc.change, rel.Text, tc.value, abs.Text)
		}
	}
	var a runResponse
	// Carers recruited a year adds a programme to the pool's own 21 a year: -10% would lower
	// them, which it cannot, and says where to.
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{"approvals": "-10%"}}, &a)
	if got, want := a.Inputs["approvals"].Error, "18.9 is below the pool's own 21 a year"; !strings.HasPrefix(got, want) || !strings.Contains(got, "Advanced") {
		t.Errorf("approvals -10%%: error %q, want %q and where to lower the rate", got, want)
	}
	// Specialist carers now is a count of households: 6 and +10% is not one.
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{"specialist": "+10%"}}, &a)
	if got, want := a.Inputs["specialist"].Error, "want a whole number: +10% from 6 gives 6.6; type 6 or 7"; got != want {
		t.Errorf("specialist +10%%: error %q, want %q", got, want)
	}
}
