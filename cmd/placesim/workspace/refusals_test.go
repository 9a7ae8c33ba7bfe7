package workspace

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSeedBox checks that the Seed box takes every seed the workspace can run exactly, sent as
// the page sends it (a string) or as a number, and refuses beside the box what it cannot
// take, rather than running another seed.
func TestSeedBox(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		seed      string // the JSON value sent
		value     string // what the box then holds
		wantError string
	}{
		{`"18446744073709551615"`, "18446744073709551615", ""},
		{`"9007199254740993"`, "9007199254740993", ""},
		{`9007199254740993`, "9007199254740993", ""},
		{`" 42 "`, "42", ""},
		{`18446744073709552000`, "18446744073709552000", seedRange},
		{`"18446744073709551616"`, "18446744073709551616", seedRange},
		{`"abc"`, "abc", seedRange},
		{`"-5"`, "-5", seedRange},
		{`"0"`, "0", seedRange},
		{`""`, "", seedRange},
		{`"1e3"`, "1e3", seedRange},
		{`"+5"`, "+5", seedRange},
		{`2.5`, "2.5", seedRange},
	} {
		var a runResponse
		post(t, base, "/api/run", json.RawMessage(`{"tab":"seed","check":true,"values":{"approvals":"30"},"seed":`+tc.seed+`}`), &a)
		got := a.Inputs["seed"]
		if got.Value != tc.value || got.Error != tc.wantError {
			t.Errorf("seed %s: box %+v, want %q with error %q", tc.seed, got, tc.value, tc.wantError)
		}
		if tc.wantError == "" {
			if want := "seed=" + tc.value; tc.value != "42" && !slices.Contains(strings.Split(a.Query, "&"), want) {
				t.Errorf("seed %s: the page's URL %q does not hold %s", tc.seed, a.Query, want)
			}
			continue
		}
		// The page's URL keeps the seed as typed, so that a reload or a shared link refuses
		// it again rather than running another seed.
		seeds := slices.DeleteFunc(strings.Split(a.Query, "&"), func(p string) bool { return !strings.HasPrefix(p, "seed=") })
		if want := []string{"seed=" + url.QueryEscape(tc.value)}; tc.value != "" && !slices.Equal(seeds, want) {
			t.Errorf("seed %s: the page's URL %q holds %v, want %v", tc.seed, a.Query, seeds, want)
		}
		var sv saveResponse
		post(t, base, "/api/save", json.RawMessage(`{"name":"seeded","state":{"tab":"seed","values":{"approvals":"30"},"seed":`+tc.seed+`}}`), &sv)
		if sv.Saved != "" || sv.Error != "Seed: "+seedRange {
			t.Errorf("seed %s: save %+v, want it refused naming the seed", tc.seed, sv)
		}
	}
}

// TestSeedInURL checks that a seed in the page's URL the Seed box cannot take opens the page
// with the box holding it, refused beside it and the Advanced section that holds the box
// open, as typing it would, rather than a bare error; and that a seed it takes is in the box
// with nothing beside it.
func TestSeedInURL(t *testing.T) {
	base, _, _ := testServer(t)
	box := regexp.MustCompile(`<details class="advanced" id="advanced"( open)?>[\s\S]*?<input id="seed" value="([^"]*)"[^>]*?( aria-invalid="true")?>[\s\S]*?<span class="err" id="err-seed" data-error="seed">([^<]*)</span>`)
	for _, tc := range []struct {
		seed      string // as the URL holds it
		value     string // what the box then holds
		wantError string
	}{
		{"77", "77", ""},
		{"18446744073709551615", "18446744073709551615", ""},
		{"abc", "abc", seedRange},
		{"0", "0", seedRange},
		{"-5", "-5", seedRange},
		{"1e3", "1e3", seedRange},
		{"18446744073709551616", "18446744073709551616", seedRange},
		{`"><b>`, `"><b>`, seedRange},
	} {
		resp, page := get(t, base+"/?approvals=30&seed="+url.QueryEscape(tc.seed))
		if resp.StatusCode != http.StatusOK {
			t.Errorf("?seed=%s: status %d: %s", tc.seed, resp.StatusCode, page)
			continue
		}
		m := box.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("?seed=%s: the page has no Seed box", tc.seed)
			continue
		}
		open, value, invalid, msg := m[1] != "", html.UnescapeString(m[2]), m[3] != "", html.UnescapeString(m[4])
		refused := tc.wantError != ""
		if value != tc.value || msg != tc.wantError || open != refused || invalid != refused {
			t.Errorf("?seed=%s: the box holds %q, beside it %q (Advanced open %v, marked invalid %v); want %q, %q and both %v",
				tc.seed, value, msg, open, invalid, tc.value, tc.wantError, refused)
		}
	}
}

// TestDownloadRefusesWhatSaveRefuses checks that Download, as Save, refuses a state with a
// box the page refuses, naming each problem by its lever, rather than sending a file that
// leaves the box out.
func TestDownloadRefusesWhatSaveRefuses(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		values map[string]string
		want   []string
	}{
		{map[string]string{"approvals": "abc", "uasc": "70"}, []string{"Carers recruited a year, approvals: want a number such as 24"}},
		{map[string]string{"approvals": "10001", "uasc": "70"}, []string{"Carers recruited a year, approvals: must be between 0 and 10,000"}},
		{map[string]string{"home_beds": "2", "home_cost": "cheap", "approvals": "--5"},
			[]string{"Open a children's home, running cost: want a sum of money such as £950 or £1.1m", "Carers recruited a year, approvals: --5 has two signs: a change has one, such as +12, -5 or +10%"}},
		// An amount with an exponent is refused with the hint the command line gives.
		{map[string]string{"home_beds": "2", "home_cost": "1e6"}, []string{"Open a children's home, running cost: want a sum of money such as £950 or £1.1m (in digits: 1m, not 1e6)"}},
	} {
		st := wsState{Tab: "dl", Values: tc.values}
		b, _ := json.Marshal(st)
		req, _ := http.NewRequest(http.MethodPost, base+"/download", strings.NewReader(url.Values{"state": {string(b)}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || resp.Header.Get("Content-Disposition") != "" {
			t.Errorf("%v: download %d %q:\n%s", tc.values, resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
		}
		var sv saveResponse
		post(t, base, "/api/save", saveRequest{Name: "plan", State: st}, &sv)
		for _, want := range tc.want {
			if !strings.Contains(string(body), want) {
				t.Errorf("%v: download says %q, want %q", tc.values, body, want)
			}
			if !strings.Contains(sv.Error, want) || sv.Saved != "" {
				t.Errorf("%v: save says %q, want %q", tc.values, sv.Error, want)
			}
		}
	}
}

// TestSpendingTableSaysWhatTheChartShows checks that the table under the chart of spending a
// year gives the mean the bars and the caption give (money is the mean throughout the
// workspace), and says so in its heading.
func TestSpendingTableSaysWhatTheChartShows(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "cost", Values: map[string]string{"approvals": "33", "home_beds": "4", "stepdown": "15", "uasc": "80"}}, &a)
	caption := regexp.MustCompile(`Spending rises from (£[0-9.]+[km]) in ([0-9/]+) to (£[0-9.]+[km]) in ([0-9/]+)`).FindStringSubmatch(a.Results)
	if caption == nil {
		t.Fatalf("no caption of spending a year in the results")
	}
	head := "Figures in this chart (mean and 90% of runs)"
	i := strings.Index(a.Results, head)
	if i < 0 {
		t.Fatalf("the spending table's heading is not %q", head)
	}
	table := a.Results[i:]
	table = table[:strings.Index(table, "</table>")]
	for _, year := range [][2]string{{caption[2], caption[1]}, {caption[4], caption[3]}} {
		row := regexp.MustCompile(`<tr><td>` + regexp.QuoteMeta(year[0]) + `</td>.*?</tr>`).FindString(table)
		cells := strings.Split(row, "<td>")
		if total := cells[len(cells)-1]; !strings.HasPrefix(total, year[1]+" (") {
			t.Errorf("%s: the table's total spending is %q, the caption's %s", year[0], total, year[1])
		}
	}
}

// TestComparePageSaysMoneyIsTheMean checks that the Compare page's heading of its figures is
// true of its rows, means as the command line and the run's report give them.
func TestComparePageSaysMoneyIsTheMean(t *testing.T) {
	base, _, _ := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "more-carers", State: wsState{Tab: "cmp", Values: map[string]string{"approvals": "33"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	_, body := get(t, base+"/compare?s=more-carers")
	if !strings.Contains(body, "Outcomes: the mean of runs, with 90% of runs") || strings.Contains(body, "median") {
		t.Errorf("the Compare page does not say its money is the mean:\n%s", body)
	}
}

// TestBoardPackSaysWhereTheScenarioIsKept checks that the board pack names the workspace's
// file as holding the scenario's levers only when it does: a scenario changed since it was
// saved, or never saved, is said to be so.
func TestBoardPackSaysWhereTheScenarioIsKept(t *testing.T) {
	base, srv, _ := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "more-carers", State: wsState{Tab: "bp", Values: map[string]string{"approvals": "33"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	_, saved := get(t, base+"/files/more-carers")
	for _, tc := range []struct {
		what     string
		st       wsState
		want     string
		wantNot  string
		wantPack string
	}{
		{"as saved", wsState{Name: "more-carers", File: "more-carers", Text: saved, Values: map[string]string{"approvals": "33"}},
			"Its levers are in the scenario file more-carers.yaml of the workspace (" + srv.cfg.Dir + ")", "", "Carers recruited a year: 33 a year"},
		{"changed since saved", wsState{Name: "more-carers", File: "more-carers", Text: saved, Values: map[string]string{"approvals": "40"}},
			"The scenario has changed since it was saved as more-carers.yaml in the workspace (" + srv.cfg.Dir + "): that file holds the levers as last saved, not those above",
			"Its levers are in the scenario file", "Carers recruited a year: 40 a year"},
		{"never saved", wsState{Values: map[string]string{"approvals": "40"}},
			"The scenario is not saved: no file holds the levers above", "untitled.yaml", "Carers recruited a year: 40 a year"},
	} {
		tc.st.Tab = "bp"
		var a runResponse
		post(t, base, "/api/run", tc.st, &a)
		i := strings.Index(a.Results, `data-run="`)
		if i < 0 {
			t.Fatalf("%s: no results: %v %v", tc.what, a.Problems, a.Inputs)
		}
		id := a.Results[i+len(`data-run="`):]
		id = id[:strings.Index(id, `"`)]
		_, body := get(t, base+"/export/"+id+"/board-pack.html")
		body = html.UnescapeString(body)
		if !strings.Contains(body, tc.want) || !strings.Contains(body, tc.wantPack) || (tc.wantNot != "" && strings.Contains(body, tc.wantNot)) {
			t.Errorf("%s: the board pack does not say %q (and %q), or says %q", tc.what, tc.want, tc.wantPack, tc.wantNot)
		}
	}
}

// TestApplySaysWhereNameAndBaselineComeFrom checks that Apply, given a file whose name: or
// extends: differs from the Name box and the Baseline, says that these two come from there,
// rather than replacing them in silence; a file that agrees with them gets no such word.
func TestApplySaysWhereNameAndBaselineComeFrom(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		text, want string
	}{
		{"name: board-plan\nextends: london\nuasc:\n  per_year: 70\n",
			"Applied, but name: board-plan is the Name box's plan and extends: london is the Baseline's default: these two come from the Name box and the Baseline choice above; change them there."},
		{"name: board-plan\nuasc:\n  per_year: 70\n",
			"Applied, but name: board-plan is the Name box's plan: these two come from the Name box and the Baseline choice above; change them there."},
		{"name: plan\nextends: default\nuasc:\n  per_year: 70\n", ""},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "apply", Name: "plan", Check: true, UseText: true, Text: tc.text}, &a)
		if a.Notice != tc.want || !strings.Contains(a.Text, "name: plan\n") || !strings.Contains(a.Text, "extends: default\n") {
			t.Errorf("apply %q: notice %q, want %q; file:\n%s", tc.text, a.Notice, tc.want, a.Text)
		}
	}
}
