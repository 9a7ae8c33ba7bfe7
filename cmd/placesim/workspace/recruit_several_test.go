package workspace

import (
	"strings"
	"testing"
)

// severalProgrammes is a file with three recruitment programmes: one for specialist carers,
// then two for mainstream carers from different dates.
const severalProgrammes = "name: sev\nextends: default\ninterventions:\n" +
	"  - {action: extra_approvals, kind: specialist_foster, from: 2028-04-01, per_year: 3}\n" +
	"  - {action: extra_approvals, kind: inhouse_foster, from: 2027-04-01, per_year: 10, label: Campaign A}\n" +
	"  - {action: extra_approvals, kind: inhouse_foster, from: 2029-04-01, per_year: 5, label: Campaign B}\n"

// TestRecruitmentLeverSaysWhichProgramme checks that "Carers recruited a year", on a file with
// several recruitment programmes (of other kinds, or from other dates), says which one it
// sets and lists the others, which it leaves as they are when its box changes: it once showed
// the first alone, and said nothing of the others.
func TestRecruitmentLeverSaysWhichProgramme(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "sev", Base: "default", Name: "sev", Check: true, UseText: true, Text: severalProgrammes}, &a)
	// The specialist pool's programme is its own lever's, Specialist carers recruited a year.
	want := "this lever sets one of the file's 2 recruitment programmes, the one for in-house foster care from 01/04/2027; " +
		"the other stays as the file has it, to edit in the file (Advanced): " +
		"Campaign B (5 more approvals a year for in-house foster care) from 01/04/2029"
	if got := a.Effects["approvals"]; !strings.Contains(got, want) {
		t.Errorf("the lever says %q, want it to say %q", got, want)
	}

	post(t, base, "/api/run", wsState{Tab: "sev", Base: "default", Name: "sev", Check: true, Text: severalProgrammes,
		Values: map[string]string{"approvals": "40"}}, &a)
	for _, line := range []string{
		"{action: extra_approvals, kind: specialist_foster, from: 2028-04-01, per_year: 3}",
		"{action: extra_approvals, kind: inhouse_foster, from: 2027-04-01, per_year: 19, label: Campaign A}",
		"{action: extra_approvals, kind: inhouse_foster, from: 2029-04-01, per_year: 5, label: Campaign B}",
	} {
		if !strings.Contains(a.Text, line) {
			t.Errorf("after 40 a year, the file has not %s:\n%s", line, a.Text)
		}
	}
	if got := a.Effects["approvals"]; !strings.Contains(got, "the other stays as the file has it") {
		t.Errorf("after 40 a year, the lever says %q", got)
	}

	// A programme of the specialist pool only: the specialist lever's, of which the
	// mainstream lever says nothing.
	other := "name: sev\nextends: default\ninterventions:\n  - {action: extra_approvals, kind: specialist_foster, from: 2028-04-01, per_year: 3}\n"
	post(t, base, "/api/run", wsState{Tab: "sev", Base: "default", Name: "sev", Check: true, UseText: true, Text: other}, &a)
	if got := a.Effects["approvals"]; got != "" {
		t.Errorf("the lever says %q, want nothing", got)
	}
	if got, want := a.Effects["specialist_approvals"], "scenario: 3.788 a year, 3 of them recruited by a programme from 01/04/2028"; !strings.HasPrefix(got, want) {
		t.Errorf("the specialist lever says %q, want %q", got, want)
	}

	// One programme: nothing more to say.
	post(t, base, "/api/run", wsState{Tab: "sev", Base: "default", Name: "sev", Check: true, Values: map[string]string{"approvals": "33"}}, &a)
	if got := a.Effects["approvals"]; strings.Contains(got, "this lever") {
		t.Errorf("with one programme the lever says %q", got)
	}
}

// TestRecruitmentLeverUnusual checks that approvals a year beyond what a council usually
// recruits are taken, and said beside the lever with the published figures the range comes
// from, as the home and block booking's money boxes say theirs.
func TestRecruitmentLeverUnusual(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tt := range []struct {
		typed string
		warn  bool
	}{{"40", false}, {"100", false}, {"400", true}, {"+200", true}} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "u", Base: "default", Name: "u", Check: true, Values: map[string]string{"approvals": tt.typed}}, &a)
		if e := a.Inputs["approvals"].Error; e != "" {
			t.Fatalf("%s is refused: %s", tt.typed, e)
		}
		got := a.Effects["approvals"]
		want := "approvals beyond the usual 0 to 100 a year (England's 4,055 households approved in 2023-24, 45% by councils, about 12 a council, while 4,820 left: Ofsted, Fostering in England) for a council: check it is meant"
		if has := strings.Contains(got, want); has != tt.warn {
			t.Errorf("%s: the lever says %q; want the warning: %v", tt.typed, got, tt.warn)
		}
	}
}

// TestRecruitmentLeverUnusualWithOthers checks that the usual range of approvals a year is
// judged on the most the pool has in any year, its own and every programme of the kind running
// then: a second programme of 150 a year from 2028, beside the 6 a year the lever edits (21 +
// 6 + 150 = 177 a year), was said of nowhere, while the same 150 in the programme it edits was.
// Where the most ends within the run, when one of its programmes ends, the period is said:
// "111 a year from 01/04/2028" was said of two programmes of 45 the first of which ended on
// 01/07/2028, after which the pool had 66.
func TestRecruitmentLeverUnusualWithOthers(t *testing.T) {
	base, _, _ := testServer(t)
	const usual = "beyond the usual 0 to 100 a year"
	for _, tt := range []struct {
		name, text, want string
	}{
		{"another programme large", "name: two-rec\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, label: Campaign A, kind: inhouse_foster, from: 2026-04-01, per_year: 6}\n" +
			"  - {action: extra_approvals, label: Campaign B, kind: inhouse_foster, from: 2028-04-01, per_year: 150}\n",
			"approvals, 177 a year from 01/04/2028 with the other recruitment programmes, " + usual},
		{"the most ends within the run", "name: two-rec\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, label: Campaign A, kind: inhouse_foster, from: 2026-04-01, to: 2028-07-01, per_year: 45}\n" +
			"  - {action: extra_approvals, label: Campaign B, kind: inhouse_foster, from: 2028-04-01, per_year: 45}\n",
			"approvals, 111 a year from 01/04/2028 to 01/07/2028 with the other recruitment programmes, " + usual},
		{"the most ends after the run", "name: two-rec\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, label: Campaign A, kind: inhouse_foster, from: 2026-04-01, to: 2099-07-01, per_year: 45}\n" +
			"  - {action: extra_approvals, label: Campaign B, kind: inhouse_foster, from: 2028-04-01, per_year: 45}\n",
			"approvals, 111 a year from 01/04/2028 with the other recruitment programmes, " + usual},
		{"the lever's own large", "name: two-rec\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, label: Campaign A, kind: inhouse_foster, from: 2026-04-01, per_year: 150}\n",
			"approvals " + usual},
		{"two apart in time", "name: two-rec\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, label: Campaign A, kind: inhouse_foster, from: 2026-04-01, to: 2028-04-01, per_year: 60}\n" +
			"  - {action: extra_approvals, label: Campaign B, kind: inhouse_foster, from: 2028-04-01, per_year: 60}\n",
			""},
		{"another kind's", "name: two-rec\nextends: default\ninterventions:\n" +
			"  - {action: extra_approvals, label: Campaign A, kind: inhouse_foster, from: 2026-04-01, per_year: 6}\n" +
			"  - {action: extra_approvals, kind: specialist_foster, from: 2028-04-01, per_year: 150}\n",
			""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var a runResponse
			post(t, base, "/api/run", wsState{Tab: "two-rec", Base: "default", Name: "two-rec", Check: true, UseText: true, Text: tt.text}, &a)
			got := a.Effects["approvals"]
			if tt.want == "" {
				if strings.Contains(got, usual) {
					t.Errorf("the lever says %q", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("the lever says %q, want it to say %q", got, tt.want)
			}
		})
	}
}
