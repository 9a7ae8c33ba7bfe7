package workspace

import (
	"html"
	"strings"
	"testing"
)

// TestCompareLeverColumnsSayWhatScenarioHas: on the compare page, a scenario's column of the
// lever table says what the scenario has, as the baseline's column does: "as the baseline"
// for a scenario that keeps the baseline's homes and beds, and the baseline's with the new
// home or beds on top for one that adds them, not "none" or the new ones alone. A field
// lever's row says it the same way (it had repeated the baseline's value, "21 a year"), a
// recruitment programme says the approvals a year with it and its cost, and
// a new home's running cost is a yearly one, as its box says, followed by its one-off cost.
func TestCompareLeverColumnsSayWhatScenarioHas(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "h1", State: wsState{Tab: "h", Values: map[string]string{"home_beds": "3", "block_beds": "2"}}}, &sv)
	post(t, base, "/api/save", saveRequest{Name: "r2", State: wsState{Tab: "h", Values: map[string]string{"approvals": "30"}}}, &sv)
	_, body := get(t, base+"/compare?s=h1&s=r2&base=default")
	body = html.UnescapeString(body)
	for _, want := range []string{
		`<th scope="row">Open a children's home</th><td>2 homes, 8 beds</td><td class="changed">2 homes, 8 beds, and on top: Beds 3, opens on 1 April 2028`,
		`</td><td>as the baseline</td></tr>`,
		`<th scope="row">Block-book residential beds</th><td>0 beds booked</td><td class="changed">0 beds booked, and on top: Beds 2, from 1 April 2026`,
		`<th scope="row">Carers recruited a year</th><td>21 a year</td><td>as the baseline</td><td class="changed">30 a year, 9 of them recruited by a programme from 1 April 2026; costs: £`,
		`, running cost £901,500 a year; costs: a one-off cost of £1,213,000 in April 2027 (capital and set-up: buying or building the home and fitting it out, counted as cash when paid)</td>`,
		`, price £260,000 a bed a year</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	if strings.Contains(body, "<td>none</td></tr>") {
		t.Errorf("a lever's row says none for a scenario that has the baseline's provision")
	}
}
