package workspace

import (
	"strings"
	"testing"
)

// TestAdvancedDatesSaidAsTheBoxesSayThem checks that a date typed into the scenario file in
// Advanced, out of the run or one the file cannot read, is refused beside the lever's box in
// the box's day-first dates and words, the same words as the box gives the same date typed
// into it, naming the field where the file is at fault: they once read "2040-04-01 is outside
// the run (2026-04-01 to 2036-03-31, after a 2-year warm-up from 2024-04-01): give years: 15
// (--years 15 on the command line) ...", and the workspace runs the baseline's years.
func TestAdvancedDatesSaidAsTheBoxesSayThem(t *testing.T) {
	base, _, _ := testServer(t)
	file := func(from string) string {
		return "name: adv\nextends: default\ninterventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: " + from + ", per_year: 10}\n"
	}
	for _, tt := range []struct{ file, typed, want string }{
		{"2040-04-01", "1/4/2040", "01/04/2040 is after the run's last day, 31/03/2036: it would change nothing in the run; choose a date up to 31/03/2036"},
		{"2020-04-01", "1/4/2020", "01/04/2020 is before the run's first day, 01/04/2026: what it changed before then, and what it cost, would not be counted; choose a date from 01/04/2026"},
	} {
		var adv, box runResponse
		post(t, base, "/api/run", wsState{Tab: "adv", Base: "default", Name: "adv", Check: true, UseText: true, Text: file(tt.file)}, &adv)
		post(t, base, "/api/run", wsState{Tab: "adv", Base: "default", Name: "adv", Check: true,
			Values: map[string]string{"approvals": "31", "approvals_from": tt.typed}}, &box)
		if got := adv.Inputs["approvals_from"].Error; got != tt.want {
			t.Errorf("from: %s in the file: the From box says %q, want %q", tt.file, got, tt.want)
		}
		if got, typed := adv.Inputs["approvals_from"].Error, box.Inputs["approvals_from"].Error; got != typed {
			t.Errorf("from: %s in the file is said %q, but typed into the box %q", tt.file, got, typed)
		}
		if len(adv.Problems) > 0 {
			t.Errorf("from: %s in the file: problems besides the box's: %q", tt.file, adv.Problems)
		}
	}
	for _, tt := range []struct{ file, want string }{
		{"01/04/2027", "the file's from: 01/04/2027 is not a date as the file writes one: write 2027-04-01 (year, month, day) for 01/04/2027, or type the date into this box"},
		{"soon", `the file's from: "soon" is not a date: write one year first, such as 2027-04-01, or type one into this box day first, such as 01/04/2027`},
	} {
		var adv runResponse
		post(t, base, "/api/run", wsState{Tab: "adv", Base: "default", Name: "adv", Check: true, UseText: true, Text: file(tt.file)}, &adv)
		if got := adv.Inputs["approvals_from"].Error; got != tt.want {
			t.Errorf("from: %s in the file: the From box says %q, want %q", tt.file, got, tt.want)
		}
	}

	// A home opening after the run, as its Opens on box says a date typed into it.
	var home, typed runResponse
	post(t, base, "/api/run", wsState{Tab: "adv", Base: "default", Name: "adv", Check: true, UseText: true,
		Text: "name: adv\nextends: default\ninterventions:\n  - {action: open_home, kind: inhouse_home, name: New home, count: 2, from: 2040-04-01, lead_time_days: 0, local: true, fixed_cost_per_year_gbp: 825000}\n"}, &home)
	post(t, base, "/api/run", wsState{Tab: "adv", Base: "default", Name: "adv", Check: true,
		Values: map[string]string{"home_beds": "2", "home_opens": "1/4/2040"}}, &typed)
	want := "01/04/2040 is after the run's last day, 31/03/2036: the home would hold no child and cost nothing in the run; choose a date up to 31/03/2036"
	if got := home.Inputs["home_opens"].Error; got != want || typed.Inputs["home_opens"].Error != want {
		t.Errorf("a home opening on 2040-04-01 in the file: the Opens on box says %q, and of the date typed %q; want %q", got, typed.Inputs["home_opens"].Error, want)
	}

	// A date no box shows is listed with its field, in the workspace's dates and as the file
	// has it.
	var adv runResponse
	post(t, base, "/api/run", wsState{Tab: "adv", Base: "default", Name: "adv", Check: true, UseText: true,
		Text: "name: adv\nextends: default\ninterventions:\n  - {action: retention, kind: specialist_foster, from: 2040-04-01, factor: 0.9}\n"}, &adv)
	want = "interventions[0].from: 01/04/2040 (2040-04-01 in the file) is after the run's last day, 31/03/2036: it would change nothing in the run; choose a date up to 31/03/2036"
	if got := strings.Join(adv.Problems, "\n"); !strings.Contains(got, want) || strings.Contains(got, "give years") {
		t.Errorf("the page lists %q, want %q", got, want)
	}
}
