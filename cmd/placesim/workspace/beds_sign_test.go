package workspace

import (
	"strings"
	"testing"
)

// TestBedsBoxSignIsAChange checks that the beds box of a new home or block booking reads a
// leading sign as every other box does: a change from the value a new one takes, none (0 beds),
// said beside the lever, and refused in words where it gives no whole number or fewer than
// none (it had been read as a value, so "-2" said only "want a whole number, 0 or more"); and
// that a change below the care leavers' places of 0, which means no limit, says so.
func TestBedsBoxSignIsAChange(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		id, typed string
		err       string // beside the box, or "" for none
		want      string // in the file, when taken
	}{
		{"home_beds", "+2", "", "count: 2"},
		{"block_beds", "+3", "", "count: 3"},
		{"home_beds", "-2", "-2 is a change from 0, and 0 means no new home; type the number of beds", ""},
		{"block_beds", "-1", "-1 is a change from 0, and 0 means none booked; type the number of beds", ""},
		{"block_beds", "+2.5", "want a whole number: +2.5 from 0 gives 2.5; type 2 or 3", ""},
		{"leaver_places", "-5", "-5 is a change from 0, and 0 means no limit; type the number of places", ""},
		{"home_beds", "=3", "", "count: 3"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{tc.id: tc.typed}}, &a)
		if got := a.Inputs[tc.id].Error; got != tc.err {
			t.Errorf("%s %q: beside the box %q, want %q", tc.id, tc.typed, got, tc.err)
		}
		if tc.want != "" && !strings.Contains(a.Text, tc.want) {
			t.Errorf("%s %q: the file is\n%s\nwant it to hold %s", tc.id, tc.typed, a.Text, tc.want)
		}
	}
	// The lever says what the change gave, as a field lever's does.
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{"block_beds": "+3"}}, &a)
	if got, want := a.Effects["block"], "+3 on 0 gives 3"; got != want {
		t.Errorf("block_beds +3: effect %q, want %q", got, want)
	}
	// Sent again with the file it made (a run after another box changed, Save), the change
	// is applied once: from none, not from the file's 3 beds.
	var b runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Text: a.Text, Values: map[string]string{"block_beds": "+3"}}, &b)
	if !strings.Contains(b.Text, "count: 3") {
		t.Errorf("block_beds +3 sent again with its file: the file is\n%s\nwant it to hold count: 3", b.Text)
	}
}
