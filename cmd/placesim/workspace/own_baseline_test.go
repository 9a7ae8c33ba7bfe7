package workspace

import (
	"strings"
	"testing"
)

// TestOwnBaselineOpensAsBaseline opens a file that covers other years than the built-in it
// extends, as a council's calibrated file does (it starts on the day after its return's
// window): it cannot be set against that built-in, so it opens as the baseline of a new
// scenario that changes nothing yet, and the page says so, rather than showing no results and
// a problem the user cannot put right from the page.
func TestOwnBaselineOpensAsBaseline(t *testing.T) {
	base, _, dir := testServer(t)
	writeFiles(t, dir, map[string]string{"cal.yaml": "name: cal\nextends: default\nstart: 2022-04-01\nchild_population: 60000\n"})
	_, page := get(t, base+"/?file=cal")
	if strings.Contains(page, "a comparison needs the same years") {
		t.Errorf("?file=cal: %q", between(page, "the scenario covers", "<"))
	}
	if !strings.Contains(page, `<option value="cal.yaml" selected>`) {
		t.Errorf("?file=cal: cal.yaml is not the chosen baseline")
	}
	if !strings.Contains(page, `value="cal-plan"`) {
		t.Errorf("?file=cal: the new scenario is not named cal-plan")
	}
	want := "cal.yaml covers 2022/23 to 2031/32 and the baseline it extends, default, covers 2026/27 to 2035/36: a scenario is set against its baseline over the same years, so cal.yaml is opened as the baseline"
	if !strings.Contains(page, want) {
		t.Errorf("?file=cal does not say %q: %q", want, between(page, `id="file-msg"`, "</p>"))
	}
	if !strings.Contains(page, "Start here") {
		t.Errorf("?file=cal: the page does not show a new scenario that changes nothing yet")
	}
}

// TestCompareOwnBaseline sets a file of other years than its baseline's against that baseline
// on the Compare page: refused, as before, and the refusal says what to do instead.
func TestCompareOwnBaseline(t *testing.T) {
	base, _, dir := testServer(t)
	writeFiles(t, dir, map[string]string{"cal.yaml": "name: cal\nextends: default\nstart: 2022-04-01\n"})
	_, page := get(t, base+"/compare?s=cal")
	if want := "cal is a baseline of its own: choose cal.yaml as the baseline to set the scenarios made on it beside it"; !strings.Contains(page, want) {
		t.Errorf("/compare?s=cal does not say %q: %q", want, between(page, "cal covers", "<"))
	}
}

// TestCompareMadeOnHint sets a file beside a scenario made on it on the Compare page: refused,
// as scenarios on different baselines are, and the refusal says to choose the file as the
// baseline, as the page says of the file set against its own baseline, with the scenario
// made on it ticked alone (which the page then compares).
func TestCompareMadeOnHint(t *testing.T) {
	base, _, dir := testServer(t)
	writeFiles(t, dir, map[string]string{
		"cal.yaml":      "name: cal\nextends: default\nstart: 2022-04-01\n",
		"calplan.yaml":  "name: calplan\nextends: cal.yaml\nentries: {per_year: 300}\n",
		"plan.yaml":     "name: plan\nextends: default\nentries: {per_year: 300}\n",
		"plan2.yaml":    "name: plan2\nextends: ./plan.yaml\nentries: {per_year: 310}\n",
		"another.yaml":  "name: another\nextends: early-help\n",
		"another2.yaml": "name: another2\nextends: default\n",
	})
	for _, tc := range []struct{ query, want string }{
		{"s=cal&s=calplan", "cal is a baseline of its own: choose cal.yaml as the baseline to set the scenarios made on it beside it, and tick calplan alone"},
		{"s=calplan&s=cal", "cal is a baseline of its own: choose cal.yaml as the baseline to set the scenarios made on it beside it, and tick calplan alone"},
		{"s=plan&s=plan2", "plan2 is made on plan: choose plan.yaml as the baseline to set plan2 beside it, and tick plan2 alone"},
	} {
		_, page := get(t, base+"/compare?"+tc.query)
		if !strings.Contains(page, "must extend the same baseline") || !strings.Contains(page, tc.want) {
			t.Errorf("/compare?%s does not say %q: %q", tc.query, tc.want, between(page, `id="compare-error">`, "</p>"))
		}
	}
	// Doing as it says compares them.
	if _, page := get(t, base+"/compare?s=plan2&base=plan.yaml"); strings.Contains(page, `id="compare-error"`) {
		t.Errorf("/compare?s=plan2&base=plan.yaml is refused: %q", between(page, `id="compare-error">`, "</p>"))
	}
	// Scenarios on unrelated baselines get no such hint.
	_, page := get(t, base+"/compare?s=another&s=another2")
	if msg := between(page, `id="compare-error">`, "</p>"); !strings.Contains(msg, "must extend the same baseline") || strings.Contains(msg, "choose") {
		t.Errorf("/compare?s=another&s=another2: %q", msg)
	}
}
