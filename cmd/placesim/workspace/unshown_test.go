package workspace

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFileProblemNoLeverShows checks that a saved file whose problem no lever shows (an
// intervention of a kind the baseline has not, a value no box holds) opens with the problem
// listed above the levers, as placesim validate says it, and that the page's run and Save
// name it, rather than wait for results that never come.
func TestFileProblemNoLeverShows(t *testing.T) {
	base, _, dir := testServer(t)
	for _, tc := range []struct {
		name, base, text string
		want             string // the problem listed, as validate says it
	}{
		{"plan-d", "default", "name: plan-d\nextends: default\ninterventions: [{action: extra_approvals, label: x, from: 2026-04-01, kind: inhouse_fostr, per_year: 5}]\n",
			`plan-d.yaml:3:77: interventions[0].kind: unknown provision kind "inhouse_fostr" (did you mean inhouse_foster?)`},
		{"plan-e", "default", "name: plan-e\nextends: default\ninterventions: [{action: add_households, label: x, from: 2026-04-01, kind: specialist_foster, count: -3}]\n",
			`plan-e.yaml:3:102: interventions[0].count: must be between 1 and 100,000 households`},
		{"plan-f", "open-childrens-home", "name: plan-f\nextends: open-childrens-home\ninterventions: [{action: extra_approvals, label: x, from: 2026-04-01, kind: inhouse_fostr, per_year: 5}]\n",
			`plan-f.yaml:3:77: interventions[0].kind: unknown provision kind "inhouse_fostr" (did you mean inhouse_foster?)`},
	} {
		if err := os.WriteFile(filepath.Join(dir, tc.name+".yaml"), []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, page := get(t, base+"/?file="+tc.name+".yaml")
		m := regexp.MustCompile(`<ul id="problems"[^>]*>([\s\S]*?)</ul>`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(html.UnescapeString(m[1]), tc.want) {
			t.Errorf("%s: the page lists above the levers %q, want %q", tc.name, m, tc.want)
		}
		var a runResponse
		post(t, base, "/api/run", json.RawMessage(`{"tab":"t","check":true,"base":"`+tc.base+`","file":"`+tc.name+`","name":"`+tc.name+`","text":`+quote(tc.text)+`}`), &a)
		if !slices.ContainsFunc(a.Problems, func(p string) bool { return strings.HasPrefix(p, tc.want) }) {
			t.Errorf("%s: the run answers problems %q, want %q", tc.name, a.Problems, tc.want)
		}
		var sv saveResponse
		post(t, base, "/api/save", json.RawMessage(`{"name":"`+tc.name+`","overwrite":true,"state":{"tab":"t","base":"`+tc.base+`","file":"`+tc.name+`","name":"`+tc.name+`","text":`+quote(tc.text)+`}}`), &sv)
		if !strings.Contains(sv.Error, tc.want) {
			t.Errorf("%s: Save answers %q, want it to name %q", tc.name, sv.Error, tc.want)
		}
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestFileNegativeValue checks that a saved file's value below 0 in a box that also takes a
// change from the baseline ("-5") opens shown as the file's value, refused, and stays refused
// when the page sends the box back, rather than being read as a change and run.
func TestFileNegativeValue(t *testing.T) {
	base, _, dir := testServer(t)
	for _, tc := range []struct {
		name, id, text string
		box            string // what the box shows
	}{
		{"neg", "approvals", "name: neg\nextends: default\nkinds: [{name: inhouse_foster, carers: {approvals_per_year: -5}}]\n", "=-5"},
		{"negprice", "ifa_price", "name: negprice\nextends: default\nkinds: [{name: ifa, weekly_gbp: {standard: -50}}]\n", "£-50"},
	} {
		if err := os.WriteFile(filepath.Join(dir, tc.name+".yaml"), []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, page := get(t, base+"/?file="+tc.name+".yaml")
		m := regexp.MustCompile(`id="in-` + tc.id + `"[^>]*? value="([^"]*)"`).FindStringSubmatch(page)
		if m == nil || html.UnescapeString(m[1]) != tc.box {
			t.Errorf("%s: the box shows %q, want %q", tc.name, m, tc.box)
		}
		if m != nil {
			tc.box = html.UnescapeString(m[1])
		}
		// The page's first run sends every box as it shows it.
		state := `{"tab":"t","base":"default","file":"` + tc.name + `","name":"` + tc.name + `","text":` + quote(tc.text) + `,"values":{"` + tc.id + `":` + quote(tc.box) + `}}`
		var a runResponse
		post(t, base, "/api/run", json.RawMessage(state[:len(state)-1]+`,"check":true}`), &a)
		if got := a.Inputs[tc.id]; got.Value != tc.box || got.Error == "" {
			t.Errorf("%s: the run answers the box %+v, want %q refused", tc.name, got, tc.box)
		}
		var sv saveResponse
		post(t, base, "/api/save", json.RawMessage(`{"name":"`+tc.name+`","overwrite":true,"state":`+state+`}`), &sv)
		if sv.Saved != "" || sv.Error == "" {
			t.Errorf("%s: Save answers %+v, want it refused", tc.name, sv)
		}
	}
}
