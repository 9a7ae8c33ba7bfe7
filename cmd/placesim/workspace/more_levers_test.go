package workspace

import (
	"bytes"
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// readmeLevers is the example of the scenario-file reference (scenarios/README.md) of the
// four interventions under More levers, as a person writes them.
const readmeLevers = `name: stability
extends: default
interventions:
  - action: capacity # the same as action: care_leaver_places
    label: 15 supported accommodation beds for care leavers
    kind: care_leavers
    from: 2027-04-01
    count: 15
    cost: {per_year_gbp: 300k}
  - action: breakdown_rate
    label: Wrap-around support for in-house carers
    kind: inhouse_foster
    from: 2027-04-01
    factor: 0.67
    cost: {per_year_gbp: 250k}
  - action: escalation_rate
    from: 2027-04-01
    to: 2030-04-01
    factor: 0.5
  - action: entry_rate
    label: More 12-15 year olds with complex needs
    from: 2027-04-01
    factor: 1.2
    who: {ages: 12-15, needs: [complex]}
`

// readmeBoxes are the boxes of More levers as readmeLevers fills them.
var readmeBoxes = map[string]string{
	"entry_who_factor": "120", "entry_who_ages": "12-15", "entry_who_needs": "complex", "entry_who_from": "01/04/2027",
	"breakdown_factor": "67", "breakdown_kind": "inhouse_foster", "breakdown_from": "01/04/2027",
	"escalation_factor": "50", "escalation_from": "01/04/2027",
	"leaver_places": "15", "leaver_places_from": "01/04/2027",
}

// boxValue reads what box id holds on a page: an input's value, or a list's selected option.
func boxValue(page, id string) (string, bool) {
	if m := regexp.MustCompile(`<input [^>]*id="in-` + id + `"[^>]*value="([^"]*)"`).FindStringSubmatch(page); m != nil {
		return html.UnescapeString(m[1]), true
	}
	sel := regexp.MustCompile(`(?s)<select id="in-` + id + `".*?</select>`).FindString(page)
	if sel == "" {
		return "", false
	}
	if m := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(sel); m != nil {
		return m[1], true
	}
	return "", true // the first option, every kind
}

// TestMoreLeversOpenAndSave checks the levers of the interventions that set a rate or a
// number from a date (entry_rate with who, breakdown_rate, escalation_rate,
// care_leaver_places): folded away on a new scenario; a file holding them opens with its
// values in their boxes and the levers unfolded; the boxes as shown give the file back as it
// was, comments and costs kept; and boxes typed on a new scenario save the form the
// scenario-file reference writes.
func TestMoreLeversOpenAndSave(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := testServer(t)
	_, page := get(t, base+"/")
	if !strings.Contains(page, `<details class="more-levers" id="more-levers">`) {
		t.Errorf("a new scenario's page does not fold More levers away")
	}
	for id, want := range map[string]string{"entry_who_factor": "100", "entry_who_ages": "", "breakdown_factor": "100", "breakdown_kind": "", "escalation_factor": "100", "leaver_places": "0"} {
		if got, ok := boxValue(page, id); !ok || got != want {
			t.Errorf("a new scenario: box %s holds %q (found: %v), want %q", id, got, ok, want)
		}
	}

	if err := os.WriteFile(filepath.Join(dir, "stability.yaml"), []byte(readmeLevers), 0o644); err != nil {
		t.Fatal(err)
	}
	_, page = get(t, base+"/?file=stability")
	if !strings.Contains(page, `<details class="more-levers" id="more-levers" open>`) {
		t.Errorf("a file holding the levers opens with More levers folded away")
	}
	for id, want := range readmeBoxes {
		if got, _ := boxValue(page, id); got != want {
			t.Errorf("stability.yaml: box %s holds %q, want %q", id, got, want)
		}
	}
	for _, want := range []string{
		"scenario: entries of children aged 12-15 with complex needs at 120% of the baseline&#39;s from 01/04/2027",
		"scenario: placements in In-house foster care break down at 67% of the baseline&#39;s rate from 01/04/2027",
		"scenario: breakdowns raise a child&#39;s needs at 50% of the baseline&#39;s share from 01/04/2027 to 01/04/2030",
		"scenario: at most 15 places for care leavers from 01/04/2027",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("stability.yaml: no effect line %q", want)
		}
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "m", File: "stability", Name: "stability", Text: readmeLevers, Check: true, Values: readmeBoxes}, &a)
	if a.Text != readmeLevers {
		t.Errorf("the boxes as shown change the file:\n%s\nwant\n%s", a.Text, readmeLevers)
	}

	typed := map[string]string{
		"entry_who_factor": "80", "entry_who_ages": "12-15", "entry_who_needs": "complex, solo", "entry_who_from": "1/4/2027",
		"breakdown_factor": "67", "breakdown_kind": "inhouse_foster", "breakdown_from": "1/4/2027",
		"escalation_factor": "50", "escalation_from": "1/4/2027",
		"leaver_places": "15", "leaver_places_from": "1/4/2027",
	}
	want := `name: typed
extends: default
interventions:
  - action: entry_rate
    from: 2027-04-01
    factor: 0.8 # early help for teenagers
    who: {ages: 12-15, needs: [complex, solo]}
  - action: breakdown_rate
    kind: inhouse_foster
    from: 2027-04-01
    factor: 0.67
  - action: escalation_rate
    from: 2027-04-01
    factor: 0.5
  - action: care_leaver_places
    from: 2027-04-01
    count: 15
`
	st := wsState{Tab: "m", Name: "typed", Values: typed, Notes: map[string]string{"entry_who": "early help for teenagers"}}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "typed", State: st}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "typed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimPrefix(string(saved), scenarios.SchemaComment+"\n"); got != want {
		t.Errorf("the saved file:\n%s\nwant\n%s", saved, want)
	}

	// Every box back at its baseline value: no intervention is left.
	off := map[string]string{"entry_who_factor": "100", "breakdown_factor": "100", "escalation_factor": "100", "leaver_places": "0"}
	post(t, base, "/api/run", wsState{Tab: "m", File: "typed", Name: "typed", Text: string(saved), Check: true, Values: off}, &a)
	if strings.Contains(a.Text, "interventions") {
		t.Errorf("the boxes at their baseline values leave interventions:\n%s", a.Text)
	}
}

// TestMoreLeversRunAsCommandLine checks that a run from the boxes gives the results placesim
// run gives of the file the workspace saves: the same scenario, so the same KPIs on the same
// seed, replication by replication.
func TestMoreLeversRunAsCommandLine(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, dir := testServer(t)
	st := wsState{Tab: "r", Name: "as-run", Seed: 7, Values: map[string]string{
		"entry_who_factor": "150", "entry_who_ages": "12-15", "entry_who_needs": "complex", "entry_who_from": "1/4/2027",
		"breakdown_factor": "50", "breakdown_from": "1/4/2026", "escalation_factor": "200", "escalation_from": "1/10/2026",
		"leaver_places": "20", "leaver_places_from": "1/4/2027",
	}}
	var a runResponse
	post(t, base, "/api/run", st, &a)
	if a.Results == "" {
		t.Fatalf("no results: %v %v", a.Problems, a.Error)
	}
	srv.mu.Lock()
	c, _ := srv.comps.newest()
	srv.mu.Unlock()
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "as-run", State: st}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	// placesim run as-run.yaml --seed 7 --reps N reads the file as this does.
	s, err := scenarios.Load(filepath.Join(dir, "as-run.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: c.Reps, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var got, want bytes.Buffer
	if err := c.Alt.res.WriteKPIs(&got); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteKPIs(&want); err != nil {
		t.Fatal(err)
	}
	if got.Len() == 0 || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("the workspace's KPIs of %d replications differ from placesim run's of the saved file", c.Reps)
	}
	// And the levers did change the scenario: its KPIs are not the baseline's.
	var b bytes.Buffer
	if err := c.Base.res.WriteKPIs(&b); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(b.Bytes(), got.Bytes()) {
		t.Errorf("the levers changed nothing")
	}
}

// TestMoreLeversRefusals checks that each bad value in a box of More levers is refused
// beside that box, and that a value the scenario file's parser judges (the kind, the ages,
// the needs) is refused in the words placesim validate uses for the same value in the file.
func TestMoreLeversRefusals(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		lever, box, value, want string
		// file is the intervention a person would write with the value, when the file's
		// parser judges it: the box then says what placesim validate says of the file.
		file string
	}{
		{"entry_who", "entry_who_factor", "", "give a value", ""},
		{"entry_who", "entry_who_factor", "lots", "want a percentage such as 11", ""},
		{"entry_who", "entry_who_factor", "10001", "must be between 0% and 10000%", ""},
		{"entry_who", "entry_who_factor", "=-10", "must be between 0% and 10000%", ""},
		{"entry_who", "entry_who_ages", "15-12", "", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: 15-12}}"},
		{"entry_who", "entry_who_ages", "12-40", "", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: 12-40}}"},
		{"entry_who", "entry_who_ages", "teens", "", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: teens}}"},
		{"entry_who", "entry_who_needs", "complx", "", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {needs: [complx]}}"},
		{"entry_who", "entry_who_needs", "complex, high", "", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {needs: [complex, high]}}"},
		{"entry_who", "entry_who_from", "31/02/2027", "want a date such as 1/4/2028 (day, month, year)", ""},
		{"breakdown", "breakdown_factor", "", "give a value", ""},
		{"breakdown", "breakdown_factor", "10001", "must be between 0% and 10000%", ""},
		{"breakdown", "breakdown_kind", "nowhere", "want one of the choices offered", ""},
		{"breakdown", "breakdown_from", "1/4/1999", "01/04/1999 is before the run's first day, 01/04/2026: what it changed before then, and what it cost, would not be counted; choose a date from 01/04/2026", ""},
		{"escalation", "escalation_factor", "", "give a value", ""},
		{"escalation", "escalation_factor", "1,000", "want a percentage such as 11", ""},
		{"escalation", "escalation_from", "soon", "want a date such as 1/4/2028 (day, month, year)", ""},
		{"leavers", "leaver_places", "", "give a value", ""},
		{"leavers", "leaver_places", "2.5", "want a whole number, 0 or more", ""},
		{"leavers", "leaver_places", "=-3", "want a whole number, 0 or more", ""},
		{"leavers", "leaver_places", "1000001", "must be between 0 and 1,000,000", ""},
	} {
		t.Run(tc.box+"="+tc.value, func(t *testing.T) {
			values := map[string]string{
				"entry_who_factor": "120", "entry_who_from": "1/4/2027", "breakdown_factor": "50", "breakdown_from": "1/4/2027",
				"escalation_factor": "50", "escalation_from": "1/4/2027", "leaver_places": "15", "leaver_places_from": "1/4/2027",
			}
			values[tc.box] = tc.value
			want := tc.want
			if tc.file != "" {
				want = validateSays(t, tc.file)
			}
			var a runResponse
			post(t, base, "/api/run", wsState{Tab: "bad", Check: true, Values: values}, &a)
			shown := tc.value
			if d, ok := parseDate(tc.value); ok && tc.file != "" {
				shown = d.Format("02/01/2006") // as the file holds it, day first
			}
			if got := a.Inputs[tc.box]; got.Error != want || got.Value != shown {
				t.Errorf("box %+v, want %q with %q beside it", got, shown, want)
			}
			for id, in := range a.Inputs {
				if id != tc.box && in.Error != "" {
					t.Errorf("box %s is refused too: %s", id, in.Error)
				}
			}
			if len(a.Problems) > 0 {
				t.Errorf("problems besides the box's: %q", a.Problems)
			}
			_, page := get(t, base+"/?"+a.Query)
			if a.Query != "" && !strings.Contains(page, `<details class="more-levers" id="more-levers" open>`) {
				t.Errorf("the page of %s does not unfold More levers", a.Query)
			}
			var sv saveResponse
			post(t, base, "/api/save", saveRequest{Name: "refused", State: wsState{Tab: "bad", Values: values}}, &sv)
			if sv.Saved != "" || !strings.Contains(sv.Error, ": "+want) {
				t.Errorf("save: %+v, want it refused with %q", sv, want)
			}
		})
	}
}

// validateSays returns what placesim validate says of the one intervention iv of a file that
// extends the default: the words of its one problem, without the file, line and field.
func validateSays(t *testing.T, iv string) string {
	t.Helper()
	_, err := scenarios.Parse(strings.NewReader("extends: default\ninterventions:\n  - "+iv+"\n"), "plan.yaml", nil)
	var se *scenarios.Error
	if err == nil || !errors.As(err, &se) {
		t.Fatalf("placesim validate takes %s (%v)", iv, err)
	}
	return se.Message
}

// TestMoreLeversInBoardPack checks that the board pack's list of what the scenario changes
// says what each of the levers under More levers does, and that an intervention of the file
// that is no lever's (an unlabelled price change) is said once, as placesim compare's pack
// says it, and an intervention a lever manages is not said again as the file's own.
func TestMoreLeversInBoardPack(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Parse(strings.NewReader(readmeLevers), "stability.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := leverChanges(leversFor(base), base, alt, 0)
	want := []string{
		"Children of some ages and needs entering care: entries of children aged 12-15 with complex needs at 120% of the baseline's from 1 April 2027 (baseline 100% (the baseline's own entries))",
		"Placements breaking down: placements in In-house foster care break down at 67% of the baseline's rate from 1 April 2027 (baseline 100% (the baseline's own rates)); costs: £250,000 a year to run",
		"Breakdowns that raise a child's needs: breakdowns raise a child's needs at 50% of the baseline's share from 1 April 2027 to 1 April 2030 (baseline 100% (10% of breakdowns from age 10))",
		"Cap on accommodation places for care leavers: at most 15 places for care leavers from 1 April 2027 (baseline no limit); costs: £300,000 a year to run",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("leverChanges:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	other, err := scenarios.Parse(strings.NewReader("extends: default\ninterventions:\n  - {action: price, kind: ifa, from: 2027-04-01, factor: 1.1}\n"), "price.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := leverChanges(leversFor(base), base, other, 0); len(got) != 1 || got[0] != "Price (prices at 1.1 times for independent fostering agency), from April 2027" {
		t.Errorf("an unlabelled price change: %q", got)
	}
}

// TestMoreLeversCompared checks that Compare says what each lever under More levers does in
// a saved scenario, as the board pack does, and "as the baseline" for a scenario without it.
func TestMoreLeversCompared(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := testServer(t)
	for name, text := range map[string]string{"stability": readmeLevers, "carers": "name: carers\nextends: default\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 40\n"} {
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, body := get(t, base+"/compare?s=stability&s=carers")
	body = html.UnescapeString(body)
	for _, want := range []string{
		// Each with its cost terms, as the board pack says them (plots.CostTerms).
		"Placements breaking down", "placements in In-house foster care break down at 67% of the baseline's rate from 1 April 2027; costs: £250,000 a year to run",
		"breakdowns raise a child's needs at 50% of the baseline's share from 1 April 2027 to 1 April 2030",
		"entries of children aged 12-15 with complex needs at 120% of the baseline's from 1 April 2027",
		"at most 15 places for care leavers from 1 April 2027; costs: £300,000 a year to run", ">as the baseline<",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
}

// TestMoreLeversFromAfterFileTo checks that a From date typed at or after the to: date of the
// file's own intervention is refused beside the From box in words that name the file's to:
// date (the page has no To box), and that Save says the same.
func TestMoreLeversFromAfterFileTo(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	const file = `name: dated
extends: default
interventions:
  - {action: breakdown_rate, from: 2027-04-01, to: 2029-04-01, factor: 0.5}
  - {action: escalation_rate, from: 2027-04-01, to: 2030-04-01, factor: 0.5}
`
	for _, tc := range []struct{ box, value, want string }{
		{"breakdown_from", "01/04/2030", "01/04/2030 is not before the file's to: date (01/04/2029): choose an earlier From date, or change to: in the file"},
		{"escalation_from", "1/4/2030", "01/04/2030 is not before the file's to: date (01/04/2030): choose an earlier From date, or change to: in the file"},
	} {
		t.Run(tc.box, func(t *testing.T) {
			values := map[string]string{"breakdown_factor": "50", "breakdown_from": "01/04/2027", "escalation_factor": "50", "escalation_from": "01/04/2027"}
			values[tc.box] = tc.value
			st := wsState{Tab: "to", File: "dated", Name: "dated", Text: file, Check: true, Values: values}
			var a runResponse
			post(t, base, "/api/run", st, &a)
			for id, in := range a.Inputs {
				if want := map[bool]string{true: tc.want}[id == tc.box]; in.Error != want {
					t.Errorf("box %s says %q, want %q", id, in.Error, want)
				}
			}
			if len(a.Problems) > 0 {
				t.Errorf("problems besides the box's: %q", a.Problems)
			}
			var sv saveResponse
			st.Check = false
			post(t, base, "/api/save", saveRequest{Name: "dated-later", State: st}, &sv)
			if sv.Saved != "" || !strings.Contains(sv.Error, ", from: "+tc.want) {
				t.Errorf("save: %+v, want it refused with %q", sv, tc.want)
			}
		})
	}
}
