package workspace

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestUnusualValueSaidEverywhere checks that a value beyond what a council usually pays
// (block-booked beds at £5,000 a bed a year, a weekly price typed into the yearly box) is said
// where a screen reader hears it, and wherever the scenario is read: the line under the lever
// is part of each box's description; the Compare page's lever row and the board pack's list of
// changes carry the same "beyond the usual ... check it is meant" as the line does.
func TestUnusualValueSaidEverywhere(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	_, page := get(t, base+"/")
	mustContain(t, "workspace page", page, `<p class="effect" id="effect-block" data-effect="block">`,
		`id="in-block_price" data-input="block_price" value="£260,000" aria-labelledby="lbl-block sub-block_price unit-block_price" aria-describedby="base-block effect-block help-block err-block_price"`)

	values := map[string]string{"block_beds": "2", "block_price": "5000"}
	warning := "price beyond the usual £100,000 to £600,000 a bed a year (the NAO's £318,400 a place a year, 2023-24; external homes in 2026/27's prices £6,673 to £10,815 a week, £348,000 to £564,000 a year) for a council: check it is meant"
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "u", Name: "cheap-beds", Values: values}, &a)
	if !strings.Contains(a.Effects["block"], warning) {
		t.Fatalf("the block lever's line says %q, want %q in it", a.Effects["block"], warning)
	}
	pack := packOf(t, base, a.Results)
	if !strings.Contains(pack, warning) {
		t.Errorf("the board pack's list of changes does not carry the warning %q", warning)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "cheap-beds", State: wsState{Tab: "u", Values: values}}, &sv)
	if sv.Error != "" {
		t.Fatal(sv.Error)
	}
	_, cmp := get(t, base+"/compare?s=cheap-beds")
	cmp = html.UnescapeString(cmp)
	row := regexp.MustCompile(`<th scope="row">Block-book residential beds</th>.*?</tr>`).FindString(cmp)
	if !strings.Contains(row, "price £5,000 a bed a year; "+warning) {
		t.Errorf("the Compare page's block row does not carry the warning:\n%s", row)
	}
	if !strings.Contains(cmp, `download>Board pack for cheap-beds (HTML)</a>`) {
		t.Errorf("the Compare page's board pack link does not say what it is")
	}
	var ok runResponse
	post(t, base, "/api/run", wsState{Tab: "u", Name: "fair", Values: map[string]string{"block_beds": "2", "block_price": "260000"}}, &ok)
	if p := packOf(t, base, ok.Results); strings.Contains(p, "beyond the usual") {
		t.Errorf("a usual price is warned of in the board pack")
	}
}

// packOf returns the board pack of the results pane results.
func packOf(t *testing.T, base, results string) string {
	t.Helper()
	m := regexp.MustCompile(`href="(/export/[^"]+/board-pack\.html)"`).FindStringSubmatch(results)
	if m == nil {
		t.Fatalf("no board pack in the results")
	}
	resp, pack := get(t, base+m[1])
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("board pack: status %d", resp.StatusCode)
	}
	return html.UnescapeString(pack)
}

// TestDatedLeverCostSaid checks that the cost typed for a step-down programme is in its line,
// with a warning beyond the usual cost of a step-down and where that range comes from.
func TestDatedLeverCostSaid(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tt := range []struct {
		cost, want string
		unusual    bool
	}{
		{"39000", "from 01/04/2026, at £39,000 a step-down", false},
		{"5000000", "from 01/04/2026, at £5,000,000 a step-down; cost beyond the usual £0 to £100,000 a step-down (Birmingham's Step Down programme", true},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "d", Name: "sd", Check: true, Values: map[string]string{"stepdown": "12", "stepdown_cost": tt.cost}}, &a)
		got := a.Effects["stepdown"]
		if !strings.Contains(got, tt.want) || strings.Contains(got, "beyond the usual") != tt.unusual {
			t.Errorf("stepdown_cost %s: the line says %q, want %q", tt.cost, got, tt.want)
		}
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "d", Name: "ap", Check: true, Values: map[string]string{"approvals": "30", "approvals_cost": "£900,000"}}, &a)
	if got := a.Effects["approvals"]; !strings.Contains(got, "at £900,000 a household") {
		t.Errorf("approvals_cost £900,000: the line says %q, want the cost in it", got)
	}
}

// TestCompareNothingTicked checks that Compare pressed with no scenario ticked says so, as an
// alert the page's script takes the focus to, while the page opened afresh says nothing.
func TestCompareNothingTicked(t *testing.T) {
	base, _, _ := testServer(t)
	resp, page := get(t, base+"/compare?job=&base=")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("Compare with nothing ticked: status %d, want 400", resp.StatusCode)
	}
	mustContain(t, "Compare with nothing ticked", page, `<p class="refused" role="alert" id="compare-error">no scenario was chosen, and none is saved yet`)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "one", State: wsState{Tab: "c"}}, &sv)
	_, page = get(t, base+"/compare?job=x&base=default")
	mustContain(t, "Compare with nothing ticked", page, `role="alert" id="compare-error">no scenario was chosen: tick at least one saved scenario (at most 3) to set beside the baseline, then press Compare`)
	resp, page = get(t, base+"/compare")
	if resp.StatusCode != http.StatusOK || strings.Contains(page, "compare-error") {
		t.Errorf("the Compare page opened afresh: status %d, with an error", resp.StatusCode)
	}
}

// TestSaveNameRefusalSaysWhichBox checks that Save's refusal of the name typed says that it is
// the name's, so that the page says it beside the box the name was typed into.
func TestSaveNameRefusalSaysWhichBox(t *testing.T) {
	base, _, _ := testServer(t)
	for _, name := range []string{"a/b", "default", ""} {
		var sv saveResponse
		post(t, base, "/api/save", saveRequest{Name: name, State: wsState{Tab: "s"}}, &sv)
		if sv.Error == "" || !sv.NameError {
			t.Errorf("save as %q: %+v, want a refusal of the name", name, sv)
		}
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "fine", State: wsState{Tab: "s", Values: map[string]string{"entries": "many"}}}, &sv)
	if sv.Error == "" || sv.NameError {
		t.Errorf("save of a scenario refused for its levers: %+v, want a refusal not of the name", sv)
	}
}

// TestWordsForScreenReaders checks the words a screen reader hears in place of what the page
// shows by position or colour: the tables of places say which figure is which ("mean 368,
// change 0.0, 90% of runs 346 to 400"); a box whose lever's label ends in its unit is not named
// "a year a year"; the Download button says the file it sends; a chart's dated lines are
// named in the lever's words, with their dates, in its text alternative; help says a field of
// the file in words.
func TestWordsForScreenReaders(t *testing.T) {
	base, _, _ := testServer(t)
	_, page := get(t, base+"/")
	mustContain(t, "workspace page", page,
		`aria-labelledby="lbl-entries" aria-describedby="base-entries effect-entries help-entries err-entries"`,
		`<button type="button" id="download">Download <span id="download-name">untitled.yaml</span></button>`,
		`id="stale-note"`,
		// A field of the file is said in words, its name in brackets for those who edit it.
		`each kind&#39;s own share of children ready to step down (step_down_ready_share in the scenario file)`)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "w", Name: "plan", Values: map[string]string{"approvals": "30", "approvals_from": "01/10/2027"}}, &a)
	mustContain(t, "results", a.Results,
		`<td><span class="vh">mean </span>`, `<span class="range"><span class="vh">change </span>`,
		`<span class="band"><span class="vh"> 90% of runs </span>`,
		`A dotted line marks when a change takes effect: Carers recruited a year, October 2027.`)
	if regexp.MustCompile(`<span class="band">[^<]*<span class="vh"> 90% of runs </span>[0-9.,]+–`).MatchString(a.Results) {
		t.Errorf("a band says its range with a dash, not \"to\"")
	}
	if strings.Contains(a.Results, `<span class="vh">median </span>`) {
		t.Errorf("a table of places says its figure is a median: the run's report gives means")
	}
	if strings.Contains(a.Results, "extra_approvals") {
		t.Errorf("the results name a change by its name in the file, extra_approvals")
	}
}
