package workspace

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDownloadRefusesWhatSaveRefuses checks that Download, as Save, refuses a state with a
// box the page refuses, naming each problem by its lever, rather than sending a file that
// leaves the box out.
func TestDownloadRefusesWhatSaveRefuses(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		values map[string]string
		want   []string
	}{
		{map[string]string{"approvals": "abc", "uasc": "70"}, []string{"Carers recruited a year: want a number such as 24"}},
		{map[string]string{"approvals": "9999", "uasc": "70"}, []string{"Carers recruited a year: want 0 to 500 here"}},
		{map[string]string{"home_beds": "2", "home_cost": "cheap", "approvals": "--5"},
			[]string{"Open a children's home, running cost: want a sum of money such as £950 or £1.1m", "Carers recruited a year: want a change such as +12, -5 or +10%"}},
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
