package workspace

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// testServer starts the workspace on a loopback port with a few replications a run, and
// returns its base URL ("http://127.0.0.1:PORT") and folder.
func testServer(t *testing.T) (string, *Server, string) {
	t.Helper()
	dir := t.TempDir()
	ts := httptest.NewUnstartedServer(nil)
	quick, full := 16, 24
	if testing.Short() {
		quick, full = 4, 6 // the race detector makes each replication ten times slower
	}
	srv, err := New(Config{Dir: dir, QuickReps: quick, FullReps: full, Seed: 1, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return ts.URL, srv, dir
}

// post sends a JSON POST from the workspace's own origin and decodes the answer into out.
func post(t *testing.T, base, path string, body, out any) *http.Response {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("POST %s: %v", path, err)
		}
	}
	return resp
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestHostCheck(t *testing.T) {
	base, _, _ := testServer(t)
	port := base[strings.LastIndex(base, ":")+1:]
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"evil.example:" + port, http.StatusMisdirectedRequest},
		{"127.0.0.1:1", http.StatusMisdirectedRequest},
		{"evil.example", http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, base+"/static/style.css", nil)
			req.Host = tt.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("Host %s: status %d, want %d", tt.host, resp.StatusCode, tt.want)
			}
		})
	}
}

func TestHostCheckerWildcard(t *testing.T) {
	ok := hostChecker("0.0.0.0:8080")
	for h, want := range map[string]bool{"192.0.2.7:8080": true, "localhost:8080": true, "evil.example:8080": false, "192.0.2.7:9": false} {
		if got := ok(h); got != want {
			t.Errorf("Host %s on 0.0.0.0: %v, want %v", h, got, want)
		}
	}
}

func TestCrossOriginPostsRefused(t *testing.T) {
	base, _, _ := testServer(t)
	body := `{"tab":"x","check":true,"values":{}}`
	tests := []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"same origin", map[string]string{"Origin": base, "Sec-Fetch-Site": "same-origin"}, http.StatusOK},
		{"other origin", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"other site, fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"null origin", map[string]string{"Origin": "null"}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, base+"/api/run", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

// TestPublicURL serves the workspace as a council's server does: listening on every
// interface or on loopback, reached by other names through a reverse proxy, TLS in front of it
// or a remapped port. The addresses given as public are answered and their pages may change
// things; any other name or origin is refused, saying what is accepted and which flag to give.
func TestPublicURL(t *testing.T) {
	public := []string{"https://placesim.council.example", "http://localhost:9000", "http://vm.council.local:18438/"}
	tests := []struct {
		name, addr, method, host, origin string
		public                           []string
		want                             int
		body                             string
	}{
		{"a name of the machine", "0.0.0.0:18438", "GET", "vm.council.local:18438", "", public, 200, ""},
		{"a remapped port", "0.0.0.0:8080", "GET", "localhost:9000", "", public, 200, ""},
		{"a proxy keeping the public host", "127.0.0.1:8080", "GET", "placesim.council.example", "", public, 200, ""},
		{"a proxy keeping the public host, with its port", "127.0.0.1:8080", "GET", "placesim.council.example:443", "", public, 200, ""},
		{"the public host on another port", "127.0.0.1:8080", "GET", "placesim.council.example:8443", "", public, 421, ""},
		{"another port of localhost", "0.0.0.0:8080", "GET", "localhost:9001", "", public, 421, ""},
		{"a remapped port not given", "0.0.0.0:8080", "GET", "localhost:9000", "", nil, 421,
			"refused: this workspace answers only to this machine's IP addresses, localhost and its name, with port 8080, not to localhost:9000: " +
				"if that is the address users reach it by (through a reverse proxy, TLS in front of it or a remapped port), " +
				"start placesim serve with --public-url http://localhost:9000 (https://localhost:9000 with TLS in front)\n"},
		{"another site's name", "127.0.0.1:8080", "GET", "evil.example:8080", "", public, 421,
			"refused: this workspace answers only to 127.0.0.1:8080, localhost:8080 or another loopback address with port 8080, " +
				"and https://placesim.council.example, http://localhost:9000, http://vm.council.local:18438 (--public-url), not to evil.example:8080: " +
				"if that is the address users reach it by (through a reverse proxy, TLS in front of it or a remapped port), " +
				"start placesim serve with --public-url http://evil.example:8080 (https://evil.example:8080 with TLS in front)\n"},
		{"TLS in front, the same host", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "https://127.0.0.1:8080", nil, 200, ""},
		{"TLS in front, a public name", "0.0.0.0:18438", "POST", "vm.council.local:18438", "https://vm.council.local:18438", public, 200, ""},
		{"a proxy passing its own Host", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "https://placesim.council.example", public, 200, ""},
		{"the public host without TLS", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "http://placesim.council.example", public, 403, ""},
		{"another site's page", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "https://evil.example", nil, 403,
			"refused: a request that changes something must come from the workspace's own pages, at http://127.0.0.1:8080 or https://127.0.0.1:8080; " +
				"this one came from https://evil.example: if users reach the workspace at https://evil.example (through a reverse proxy), " +
				"start placesim serve with --public-url https://evil.example\n"},
		// A public address given in capitals or with its scheme's port is the one a browser
		// names in lower case and without the port.
		{"a public address with its default port", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "https://x.example", []string{"https://X.EXAMPLE:443"}, 200, ""},
		{"a public address in capitals", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "https://placesim.example", []string{"https://Placesim.Example"}, 200, ""},
		{"a proxy keeping the public host with its port", "127.0.0.1:8080", "POST", "x.example:443", "https://x.example", []string{"https://X.EXAMPLE:443"}, 200, ""},
		{"a page of another site, said by fetch metadata", "127.0.0.1:8080", "POST", "127.0.0.1:8080", "", []string{"https://X.EXAMPLE:443"}, 403,
			"refused: a request that changes something must come from the workspace's own pages, at http://127.0.0.1:8080, https://127.0.0.1:8080 or https://x.example; " +
				"this one came from a page of another site (Sec-Fetch-Site: cross-site)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := New(Config{Dir: t.TempDir(), QuickReps: 2, FullReps: 2, Seed: 1, Addr: tt.addr, PublicURLs: tt.public})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			var req *http.Request
			if tt.method == "GET" {
				req = httptest.NewRequest(http.MethodGet, "/static/style.css", nil)
			} else {
				req = httptest.NewRequest(http.MethodPost, "/api/run", strings.NewReader(`{"tab":"x","check":true,"values":{}}`))
				req.Header.Set("Content-Type", "application/json")
				if tt.origin != "" {
					req.Header.Set("Origin", tt.origin)
				} else {
					req.Header.Set("Sec-Fetch-Site", "cross-site")
				}
			}
			req.Host = tt.host
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("%s Host %s, Origin %q: status %d, want %d (%s)", tt.method, tt.host, tt.origin, rec.Code, tt.want, rec.Body.String())
			}
			if tt.body != "" && rec.Body.String() != tt.body {
				t.Errorf("answer\n%s\nwant\n%s", rec.Body.String(), tt.body)
			}
		})
	}
}

// TestPublicURLChecked refuses a public address that is not one a browser could show.
func TestPublicURLChecked(t *testing.T) {
	const want = "give http:// or https:// and the host users reach the workspace by, with its port if it has one, such as https://placesim.council.example or http://localhost:9000"
	for _, tt := range []struct{ url, want string }{
		{"https://placesim.council.example", ""},
		{"HTTP://LOCALHOST:9000/", ""},
		{"http://[::1]:9000", ""},
		{"placesim.council.example", want},
		{"localhost:9000", want},
		{"ftp://placesim.council.example", want},
		{"https://", want},
		{"https://user:pw@placesim.council.example", "a user name or password has no place in it: " + want},
		{"https://council.example/placesim", "the workspace is served at the root of its address, not under a path: give the address without one (a proxy passes every path on as it is)"},
		{"https://council.example/?a=b", "the workspace is served at the root of its address, not under a path: give the address without one (a proxy passes every path on as it is)"},
		{"http://localhost:99999", "the port 99999 is out of range: give a number from 1 to 65535"},
		{"http://localhost:0", "the port 0 is out of range: give a number from 1 to 65535"},
	} {
		err := CheckPublicURL(tt.url)
		if got := fmt.Sprint(err); (tt.want == "" && err != nil) || (tt.want != "" && got != tt.want) {
			t.Errorf("CheckPublicURL(%q) = %v, want %q", tt.url, err, tt.want)
		}
	}
	if _, err := New(Config{Dir: t.TempDir(), QuickReps: 2, FullReps: 2, PublicURLs: []string{"ok.example"}}); err == nil ||
		!strings.Contains(err.Error(), `--public-url ok.example (PublicURLs[0]): give http://`) {
		t.Errorf("New with a bad public address: %v", err)
	}
}

// TestNameEndingInADot saves a scenario named "plan.", which is saved as plan..yaml: it is a
// baseline as any saved scenario is, and a scenario saved on it opens and runs.
func TestNameEndingInADot(t *testing.T) {
	base, _, dir := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "plan.", State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
	if sv.Error != "" || sv.Saved != "plan..yaml" {
		t.Fatalf("save as plan.: %+v", sv)
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Base: "plan..yaml", Check: true, Values: map[string]string{"leaving": "9"}}, &a)
	if len(a.Problems) != 0 || !strings.Contains(a.Text, "extends: plan..yaml") {
		t.Errorf("the baseline plan..yaml: problems %q, file\n%s", a.Problems, a.Text)
	}
	post(t, base, "/api/save", saveRequest{Name: "child", State: wsState{Tab: "s", Base: "plan..yaml", Values: map[string]string{"leaving": "9"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save on the baseline plan..yaml: %+v", sv)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "child.yaml")); !strings.Contains(string(b), "extends: plan..yaml") {
		t.Errorf("child.yaml:\n%s\nwant it to extend plan..yaml", b)
	}
	for _, u := range []string{"/?file=child", "/?base=plan..yaml"} {
		if resp, body := get(t, base+u); resp.StatusCode != http.StatusOK || strings.Contains(body, "outside the scenario") {
			t.Errorf("%s: status %d, %.300s", u, resp.StatusCode, body)
		}
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	base, _, _ := testServer(t)
	for _, path := range []string{"/", "/compare", "/static/workspace.js", "/static/style.css", "/favicon.ico", "/no-such-page"} {
		resp, _ := get(t, base+path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
			t.Errorf("%s: Content-Security-Policy %q: want its own origin only", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
}

// TestPagesMakeNoOutsideRequest reads every page and asset for a URL that points anywhere
// but the workspace itself.
func TestPagesMakeNoOutsideRequest(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "t", Values: map[string]string{"approvals": "30"}}, &a)
	pages := map[string]string{"results": a.Results}
	for _, p := range []string{"/", "/compare", "/static/workspace.js", "/static/style.css", "/static/favicon.svg"} {
		_, body := get(t, base+p)
		pages[p] = body
	}
	for name, body := range pages {
		for _, bad := range []string{"http://", "https://", "//cdn", "@import", "url("} {
			rest := strings.ReplaceAll(body, "http://www.w3.org/", "")
			if strings.Contains(rest, bad) {
				i := strings.Index(rest, bad)
				t.Errorf("%s refers outside the workspace: %q", name, rest[max(0, i-40):min(len(rest), i+60)])
			}
		}
	}
}

func TestWorkspacePage(t *testing.T) {
	base, _, _ := testServer(t)
	resp, body := get(t, base+"/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	for _, want := range []string{
		"Demand and UASC", "Fostering", "Residential care", "Costs",
		"Carers recruited a year", "Carers leaving a year", "Specialist carers now", "Open a children&#39;s home",
		"Block-book residential beds", "Step-down to a family", "Agency foster care (IFA) price", "Inflation",
		"UASC arriving a year", "baseline: 21 a year", "Advanced", "extends: default", "Full run",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the workspace lacks %q", want)
		}
	}
	// The URL carries the levers.
	_, body = get(t, base+"/?approvals=40&note.approvals=twice+as+many")
	if !strings.Contains(body, `data-input="approvals" value="40"`) || !strings.Contains(body, "twice as many") {
		t.Errorf("the workspace does not take the levers from its URL")
	}
	if resp, _ := get(t, base+"/?file=../etc/passwd"); resp.StatusCode == http.StatusOK {
		t.Errorf("a file name outside the folder was opened")
	}
}

// TestEveryLever changes each lever and checks that the file says it, the scenario runs, and
// the lever is marked as changed.
func TestEveryLever(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, _ := testServer(t)
	// What it checks is the file and that the scenario runs: two replications, the fewest the
	// live comparison takes, run it as surely as the test server's 16.
	srv.cfg.QuickReps = 2
	changes := map[string]map[string]string{
		"entries":              {"entries": "280"},
		"entries_trend":        {"entries_trend": "2"},
		"uasc":                 {"uasc": "80"},
		"nts":                  {"nts": "0.07"},
		"approvals":            {"approvals": "35"},
		"leaving":              {"leaving": "8"},
		"specialist":           {"specialist": "10"},
		"specialist_approvals": {"specialist_approvals": "3"},
		"home":                 {"home_beds": "3", "home_opens": "2028-04-01", "home_cost": "£825,000"},
		"block":                {"block_beds": "2", "block_from": "2026-04-01", "block_price": "£260k"},
		"stepdown":             {"stepdown": "16"},
		"ifa_price":            {"ifa_price": "£1,000"},
		"home_price":           {"home_price": "6500"},
		"inflation":            {"inflation": "4"},
	}
	want := map[string]string{
		"entries": "per_year: 280", "entries_trend": "trend_per_year: 0.02", "uasc": "per_year: 80",
		"nts": "transfer_threshold_share: 0.0007", "approvals": "per_year: 14", // a programme on top of the 21 a year
		"leaving": "action: retention", "specialist": "households: 10", // a retention programme below the 11% a year
		"specialist_approvals": "per_year: 2.212", "home": "action: open_home", // a programme on top of the 0.788 a year
		"block": "action: block_beds", "ifa_price": "standard: 1000",
		"home_price": "standard: 6500", "inflation": "inflation_per_year: 0.04",
		"stepdown": "factor: 2", // a programme doubling the baseline's 8%
	}
	for id, values := range changes {
		if testing.Short() && id != "approvals" && id != "home" && id != "ifa_price" {
			continue // one lever of each kind: a field, an intervention, a price by need
		}
		t.Run(id, func(t *testing.T) {
			var a runResponse
			post(t, base, "/api/run", wsState{Tab: id, Name: "lever-" + id, Values: values, Notes: map[string]string{id: "because"}}, &a)
			if len(a.Problems) > 0 {
				t.Fatalf("problems: %v\n%s", a.Problems, a.Text)
			}
			for in, st := range a.Inputs {
				if st.Error != "" {
					t.Errorf("%s: %s", in, st.Error)
				}
			}
			if !strings.Contains(a.Text, want[id]) || !strings.Contains(a.Text, "# because") {
				t.Errorf("the file lacks %q and its note:\n%s", want[id], a.Text)
			}
			if !a.Changed[id] {
				t.Errorf("lever not marked as changed")
			}
			if a.Results == "" || a.Stamp == "" {
				t.Errorf("no results")
			}
			// Setting the lever back to its baseline (0 beds for an intervention) takes it out
			// of the file.
			back := map[string]string{}
			for k := range values {
				back[k] = a.Inputs[k].Value
			}
			var b runResponse
			post(t, base, "/api/run", wsState{Tab: id, Name: "lever-" + id, Text: a.Text, Values: baselineValues(t, base, values), Check: true}, &b)
			if strings.Contains(b.Text, want[id]) || b.Changed[id] {
				t.Errorf("back at the baseline, the file still has %q:\n%s", want[id], b.Text)
			}
		})
	}
}

// baselineValues returns the baseline's value of each input of values, as a fresh page shows
// it (0 for the first box of an intervention).
func baselineValues(t *testing.T, base string, values map[string]string) map[string]string {
	t.Helper()
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "baseline", Check: true}, &a)
	out := map[string]string{}
	for k := range values {
		out[k] = a.Inputs[k].Value
	}
	return out
}

func TestLeverProblemsShownBesideTheField(t *testing.T) {
	base, _, _ := testServer(t)
	tests := []struct {
		input, value, want string
	}{
		{"approvals", "lots", "want a number"},
		// Each box's own range, as its help line says.
		{"entries", "100001", "must be between 0 and 100,000"},
		// A change from the baseline's 260 that takes it below 0.
		{"entries", "-300", "must be between 0 and 100,000"},
		{"leaving", "=-5", "must be between 0% and 1000%"},
		{"leaving", "-50", "must be between 0% and 1000%"}, // 50 points below the baseline's
		{"approvals", "1000000000", "must be between 0 and 10,000"},
		// Only plain decimal numbers, with one sign: Go's own number syntax is not the box's.
		{"approvals", "1e9", "want a number such as 24"},
		{"approvals", "1_00", "want a number such as 24"},
		{"approvals", "0x1p4", "want a number such as 24"},
		{"approvals", "Inf", "want a number such as 24"},
		{"leaving", "1_0", "want a percentage such as 11"},
		{"leaving", "1e1%", "want a percentage such as 11"},
		{"approvals", "--5", "--5 has two signs: a change has one, such as +12, -5 or +10%"},
		{"approvals", "+-5", "+-5 has two signs: a change has one, such as +12, -5 or +10%"},
		{"approvals", "-+5", "-+5 has two signs: a change has one, such as +12, -5 or +10%"},
		{"approvals", "+1_0%", "want a change such as +12, -5 or +10%"},
		{"ifa_price", "--£50", "--£50 has two signs"},
		{"ifa_price", "+-£50", "+-£50 has two signs"},
		{"ifa_price", "+£+0", "+£+0 has two signs"},
		// A sign after the £ is not a value: "£+5" was taken as £5 with no error.
		{"ifa_price", "£+5", "a sign goes before the £: type +£5 for a change of £5, or £5 for the value"},
		{"ifa_price", "£-5", "a sign goes before the £: type -£5 for a change of £5, or £5 for the value"},
		{"home_beds", "1000", "must be between 0 and 100"},
		{"ifa_price", "£1m", "must be between £0 and £100,000"},
		// Then model validation, as for any scenario file.
		{"home_opens", "2050-01-01", "01/01/2050 is after the run's last day, 31/03/2036"},
		{"home_opens", "next year", "want a date"},
		{"home_opens", "2028-13-01", "want a date such as 1/4/2028"},
		{"approvals", "+lots", "want a change such as +12"},
		{"nts", "150", "must be between 0% and 100%"},
		{"home_beds", "2.5", "whole number"},
		{"ifa_price", "cheap", "sum of money"},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			var a runResponse
			values := map[string]string{tt.input: tt.value}
			if strings.HasPrefix(tt.input, "home_") && tt.input != "home_beds" {
				values["home_beds"] = "3"
			}
			post(t, base, "/api/run", wsState{Tab: "p", Values: values}, &a)
			if got := a.Inputs[tt.input].Error; !strings.Contains(got, tt.want) {
				t.Errorf("error beside %s = %q (problems %v), want %q", tt.input, got, a.Problems, tt.want)
			}
			if a.Results != "" {
				t.Errorf("results shown for a scenario with a problem")
			}
		})
	}
	// A mistake in the hand-edited file is reported with its line and column.
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "p", UseText: true, Text: "name: x\nextends: default\nentries:\n  per_yer: 3\n"}, &a)
	if len(a.Problems) == 0 || !strings.Contains(strings.Join(a.Problems, "\n"), `untitled.yaml:`) && !strings.Contains(strings.Join(a.Problems, "\n"), `.yaml:6:`) {
		t.Errorf("problems %v: want the file, line and column of per_yer", a.Problems)
	}
}

// TestAdvancedFileEdit edits the scenario file by hand: the levers read their values from it,
// and a later lever change keeps the rest of the file.
func TestAdvancedFileEdit(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	text := "name: x\nextends: default\nemergency:\n  weekly_gbp: 12000 # LGA figure\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 33\n"
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "adv", Name: "x", UseText: true, Text: text}, &a)
	if len(a.Problems) > 0 || a.Results == "" {
		t.Fatalf("problems %v", a.Problems)
	}
	if a.Inputs["approvals"].Value != "33" || !a.Changed["approvals"] {
		t.Errorf("carers recruited a year reads %+v after the file set 33", a.Inputs["approvals"])
	}
	values := map[string]string{}
	for id, in := range a.Inputs {
		values[id] = in.Value
	}
	values["approvals"] = "35"
	var b runResponse
	post(t, base, "/api/run", wsState{Tab: "adv", Name: "x", Text: a.Text, Values: values}, &b)
	// The lever adds a programme of 2 a year to the file's own 33.
	for _, want := range []string{"weekly_gbp: 12000 # LGA figure", "approvals_per_year: 33", "action: extra_approvals", "per_year: 2\n"} {
		if !strings.Contains(b.Text, want) {
			t.Errorf("after a lever change the file lacks %q:\n%s", want, b.Text)
		}
	}
	if strings.Contains(b.Text, "per_year: 260") || strings.Contains(b.Text, "inflation") {
		t.Errorf("levers left at their baseline were written into the file:\n%s", b.Text)
	}
}

func TestLeverEffectOnHeadlines(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, _ := testServer(t)
	if !testing.Short() {
		srv.cfg.QuickReps = 40
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "e", Values: map[string]string{"approvals": "60"}}, &a)
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	// More carers: fewer children with agencies by the horizon, so a negative change.
	i := strings.Index(a.Results, `data-figure="occupied_ifa"`)
	if i < 0 {
		t.Fatal("no IFA figure")
	}
	row := a.Results[i:]
	row = row[:strings.Index(row, "</tr>")]
	diffs := strings.Split(row, `data-diff="`)
	last := diffs[len(diffs)-1]
	v, err := strconv.ParseFloat(last[:strings.Index(last, `"`)], 64)
	if err != nil || v >= 0 {
		t.Errorf("change in children in IFA at the horizon = %v (%v), want below 0", v, err)
	}
}

func TestFullRun(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "f", Values: map[string]string{"approvals": "30"}, Full: true}, &a)
	if !strings.Contains(a.Stamp, "full run of 24 replications") && !strings.Contains(a.Stamp, "full run of 6 replications") {
		t.Errorf("stamp %q: want a full run of the server's --reps", a.Stamp)
	}
	if strings.Contains(a.Results, "press Full run first") {
		t.Errorf("a full run still asks for a full run before the board pack")
	}
}

func TestOneRunPerTab(t *testing.T) {
	_, srv, _ := testServer(t)
	ctx1, release1 := srv.startTab(context.Background(), "tab")
	started := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		close(started)
		ctx2, release2 := srv.startTab(context.Background(), "tab")
		if ctx2.Err() != nil {
			t.Errorf("the newer run was cancelled")
		}
		release2()
		close(finished)
	}()
	<-started
	select {
	case <-ctx1.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the older run of the tab was not cancelled")
	}
	select {
	case <-finished:
		t.Fatal("the newer run started before the older one ended")
	case <-time.After(50 * time.Millisecond):
	}
	release1()
	<-finished
	// Another tab is not affected.
	ctx3, release3 := srv.startTab(context.Background(), "other")
	defer release3()
	if ctx3.Err() != nil {
		t.Error("a run of another tab was cancelled")
	}
	// A cancelled context stops a run between batches.
	s, err := srv.loadBase("default")
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := srv.gate.run(cctx, s, 1, 1000, 0); err == nil {
		t.Error("a cancelled run went on")
	}
}

func TestSaveLoadDownloadUpload(t *testing.T) {
	base, _, dir := testServer(t)
	st := wsState{Tab: "s", Values: map[string]string{"approvals": "30"}, Notes: map[string]string{"approvals": "our target"}}
	var sv saveResponse
	save := func(path string, req any) {
		t.Helper()
		sv = saveResponse{}
		post(t, base, path, req, &sv)
	}
	save("/api/save", saveRequest{Name: "more-carers", State: st})
	if sv.Error != "" || sv.Saved != "more-carers.yaml" {
		t.Fatalf("save: %+v", sv)
	}
	text, err := os.ReadFile(filepath.Join(dir, "more-carers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// 30 a year: a programme of 9 on the baseline's 21.
	if !strings.Contains(string(text), "per_year: 9 # our target") || strings.Contains(string(text), "seed") {
		t.Errorf("saved file (its seed is kept in %s, not in a comment):\n%s", metaFile, text)
	}
	if run := savedRunOf(t, dir, "more-carers.yaml"); run.Seed != 1 || run.SHA256 != fileSHA256(string(text)) {
		t.Errorf("%s records %+v for more-carers.yaml, want seed 1 and the file's SHA-256", metaFile, run)
	}
	// The command line reads the saved file as it is: placesim validate and run load it so.
	if _, err := scenarios.Load(filepath.Join(dir, "more-carers.yaml"), nil); err != nil {
		t.Errorf("loading the saved file as placesim validate does: %v", err)
	}
	// No temporary file is left behind: the folder holds the scenario and the record of its run.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want 2", len(entries))
	}
	// Saving over another file asks first; the file opened may be saved over.
	save("/api/save", saveRequest{Name: "more-carers", State: st})
	if !sv.Exists {
		t.Errorf("saved over an existing file without asking: %+v", sv)
	}
	save("/api/save", saveRequest{Name: "more-carers", State: st, Open: "more-carers", Opened: openedHash(t, base, "more-carers")})
	if sv.Error != "" {
		t.Errorf("save of the open file: %+v", sv)
	}
	for _, name := range []string{"../escape", "/etc/passwd", "a/b", "..", ".hidden", "", "con\x00"} {
		save("/api/save", saveRequest{Name: name, State: st})
		if sv.Error == "" {
			t.Errorf("saved under %q", name)
		}
	}
	// Loading shows the saved levers.
	_, body := get(t, base+"/?file=more-carers")
	if !strings.Contains(body, `data-input="approvals" value="30"`) || !strings.Contains(body, "our target") {
		t.Errorf("the saved scenario did not load its levers")
	}
	// Download of a saved file and of the page's state.
	resp, got := get(t, base+"/files/more-carers")
	if resp.Header.Get("Content-Disposition") == "" || got != string(text) && !strings.Contains(got, "per_year: 9 # our target") {
		t.Errorf("download of the saved file: %s %q", resp.Header.Get("Content-Disposition"), got)
	}
	b, _ := json.Marshal(st)
	req, _ := http.NewRequest(http.MethodPost, base+"/download", strings.NewReader(url.Values{"state": {string(b)}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	dresp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	dl, _ := io.ReadAll(dresp.Body)
	dresp.Body.Close()
	if !strings.Contains(string(dl), "per_year: 9 # our target") || !strings.Contains(dresp.Header.Get("Content-Disposition"), "untitled.yaml") {
		t.Errorf("download: %s\n%s", dresp.Header.Get("Content-Disposition"), dl)
	}
	// Upload: a broken file is refused with its problems; a good one is saved.
	save("/api/upload", uploadRequest{Name: "broken.yaml", Text: "extends: default\nentries:\n  per_year: -3\n"})
	if !strings.Contains(sv.Error, "broken.yaml:3:13: entries.per_year: must be between 0 and 100,000 children a year") {
		t.Errorf("upload of a broken file: %q", sv.Error)
	}
	save("/api/upload", uploadRequest{Name: "fewer.yaml", Text: "extends: default\nentries:\n  per_year: 200\n"})
	if sv.Error != "" || sv.URL != "/?file=fewer" {
		t.Errorf("upload: %+v", sv)
	}
	_, body = get(t, base+sv.URL)
	if !strings.Contains(body, `data-input="entries" value="200"`) {
		t.Errorf("the uploaded scenario did not open")
	}
}

func TestCompareSideBySide(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := testServer(t)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a", "name: a\nextends: default\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 40\n")
	// b's own dated change is set by no lever: the page lists it, as b's board pack does.
	write("b", "name: b\nextends: default\nentries:\n  per_year: 240\ninterventions:\n"+
		"  - {action: uasc_surge, label: More arrivals, from: 2026-04-01, to: 2027-04-01, factor: 1.5}\n")
	write("c", "name: c\nextends: default\ninflation_per_year: 0.05\n")
	write("short", "name: short\nextends: default\nyears: 5\n")
	write("surge", "name: surge\nextends: uasc-surge\n")
	// The seeds come from the folder's record; a comment that says otherwise is not read.
	write("seven", "# saved with seed 1\nname: seven\nextends: default\n")
	writeRuns(t, dir, `{"version": 1, "files": {"a.yaml": {"seed": 1}, "seven.yaml": {"seed": 7}}}`)
	resp, body := get(t, base+"/compare?s=a&s=b&s=c")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	for _, want := range []string{"a, b, c against default", "Carers recruited a year", "Total cost", `class="changed"`,
		`data-chart="difference-a"`, `data-chart="difference-c"`, "<svg",
		`<th scope="row">Dated changes no lever sets</th><td>none</td><td>none</td><td class="changed"><ul><li>More arrivals (UASC arriving at 1.5 times the rate), from April 2026 to April 2027</li></ul></td><td>none</td>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	// A file named with its .yaml and without is one file: one column, and its board pack names
	// the file as the folder holds it.
	resp, body = get(t, base+"/compare?s=a.yaml&s=a")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<h2 id="compare-h">a against default</h2>`) {
		t.Errorf("compare?s=a.yaml&s=a: status %d, want one column of a", resp.StatusCode)
	}
	if i := strings.Index(body, `<a href="/export/`); i < 0 {
		t.Errorf("compare?s=a.yaml&s=a: no board pack")
	} else {
		link := body[i+len(`<a href="`):]
		link = link[:strings.Index(link, `"`)]
		if _, pack := get(t, base+link); !strings.Contains(pack, "in the scenario file a.yaml of the workspace") {
			t.Errorf("the board pack of compare?s=a.yaml does not name a.yaml as its file")
		}
	}
	tests := []struct{ query, want string }{
		{"s=a&s=short", "short covers 2026/27 to 2030/31 but the baseline default covers 2026/27 to 2035/36"},
		{"s=a&s=seven", "a was saved with seed 1 but seven with seed 7"},
		// Each is compared with the baseline it extends, whichever is chosen first.
		{"s=a&s=surge", "a extends default but surge extends uasc-surge: scenarios set side by side must extend the same baseline, so compare them on separate pages"},
		{"s=surge&s=a", "surge extends uasc-surge but a extends default: scenarios set side by side"},
		{"s=a&s=b&s=c&s=seven", "at most 3"},
		{"s=nothere", "there is no scenario"},
	}
	for _, tt := range tests {
		resp, body := get(t, base+"/compare?"+tt.query)
		if resp.StatusCode == http.StatusOK || !strings.Contains(body, tt.want) {
			t.Errorf("compare?%s: status %d, want a refusal saying %q", tt.query, resp.StatusCode, tt.want)
		}
	}
}

func TestExports(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "x", Name: "plan", Values: map[string]string{"approvals": "30", "home_beds": "3"}}, &a)
	i := strings.Index(a.Results, `data-run="`)
	if i < 0 {
		t.Fatalf("no results: %v", a.Problems)
	}
	id := a.Results[i+len(`data-run="`):]
	id = id[:strings.Index(id, `"`)]
	for _, f := range []string{"difference-plan.png", "difference-plan.svg", "difference-plan.pdf", "difference-plan.csv",
		"sufficiency-gap.png", "sufficiency-gap.svg", "sufficiency-gap.csv", "ifa-residential.png",
		"cost-by-year.png", "cost-by-year.csv", "board-pack.html"} {
		if testing.Short() && !strings.HasPrefix(f, "difference") {
			continue // every kind of file once is enough under the race detector
		}
		resp, body := get(t, base+"/export/"+id+"/"+f)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d: %s", f, resp.StatusCode, body)
			continue
		}
		switch filepath.Ext(f) {
		case ".png":
			if !strings.HasPrefix(body, "\x89PNG") || !strings.Contains(body, "pHYs") {
				t.Errorf("%s: not a PNG with its resolution", f)
			}
		case ".svg":
			if !strings.Contains(body, "<svg") {
				t.Errorf("%s: not SVG", f)
			}
		case ".csv":
			if !strings.Contains(body, ",") || strings.Count(body, "\n") < 5 {
				t.Errorf("%s: not a table", f)
			}
		case ".html":
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'none'") || strings.Contains(body, "http://") && !strings.Contains(body, "www.w3.org") {
				t.Errorf("board pack: CSP %q", csp)
			}
		}
	}
	if resp, _ := get(t, base+"/export/999/cost-by-year.png"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("export of forgotten results: %d", resp.StatusCode)
	}
}

// TestCompressed checks that the results travel gzipped, and measures them.
func TestCompressed(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	b, _ := json.Marshal(wsState{Tab: "z", Values: map[string]string{"approvals": "30"}})
	for _, enc := range []string{"", "gzip"} {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/run", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", base)
		req.Header.Set("Accept-Encoding", enc)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := resp.Header.Get("Content-Encoding")
		if got != enc {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q", enc, got)
		}
		t.Logf("a results answer, Accept-Encoding %q: %d bytes", enc, len(body))
	}
}

// TestAssetSize keeps the page and its own assets under 200 KB.
func TestAssetSize(t *testing.T) {
	base, _, _ := testServer(t)
	_, page := get(t, base+"/")
	total := len(page)
	err := fs.WalkDir(webFS, "web/static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(webFS, p)
		total += len(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the workspace page and its assets: %d bytes", total)
	if total > 200_000 {
		t.Errorf("the workspace's page and assets are %d bytes, over 200 KB", total)
	}
}

// BenchmarkServeLeverChange times the answer to a change of a lever of the default scenario,
// as the workspace gives it: the quick paired comparison (200 replications, the baseline's run
// kept), its headline figures and its charts.
func BenchmarkServeLeverChange(b *testing.B) {
	dir := b.TempDir()
	ts := httptest.NewUnstartedServer(nil)
	srv, err := New(Config{Dir: dir, QuickReps: DefaultQuickReps, FullReps: 1000, Seed: 1, Addr: ts.Listener.Addr().String()})
	if err != nil {
		b.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	defer ts.Close()
	defer srv.Close()
	run := func(v int) {
		body, _ := json.Marshal(wsState{Tab: "bench", Values: map[string]string{"approvals": strconv.Itoa(v)}})
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/run", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", ts.URL)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var a runResponse
		json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		if a.Results == "" {
			b.Fatalf("no results: %v", a.Problems)
		}
	}
	run(19) // the baseline's run, kept for every change after it
	b.ReportAllocs()
	v := 20
	for b.Loop() {
		run(v)
		v++
	}
}

func TestSameScenario(t *testing.T) {
	_, srv, _ := testServer(t)
	rv, err := srv.resolve(wsState{Name: "renamed", Description: "a question"})
	if err != nil || rv.s == nil {
		t.Fatalf("resolve: %v %v", err, rv.problems)
	}
	if !sameScenario(rv.s, rv.baseS) {
		t.Error("a renamed baseline is taken for another scenario")
	}
	rv, _ = srv.resolve(wsState{Values: map[string]string{"approvals": "22"}})
	if sameScenario(rv.s, rv.baseS) {
		t.Error("a scenario with a lever changed is taken for its baseline")
	}
}

// TestBoardPack checks the board pack of a scenario that moves a field lever and an
// intervention lever: it names each with the baseline's value and the change, carries the
// business case and the sufficiency gap, and points to no file a download lacks.
func TestBoardPack(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "bp", Name: "plan", Values: map[string]string{"approvals": "+12", "home_beds": "3"}}, &a)
	i := strings.Index(a.Results, `data-run="`)
	if i < 0 {
		t.Fatalf("no results: %v %v", a.Problems, a.Inputs)
	}
	id := a.Results[i+len(`data-run="`):]
	id = id[:strings.Index(id, `"`)]
	resp, body := get(t, base+"/export/"+id+"/board-pack.html?download=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("board pack: status %d: %s", resp.StatusCode, body)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "plan-board-pack.html") {
		t.Errorf("board pack download: Content-Disposition %q", cd)
	}
	body = html.UnescapeString(body)
	for _, want := range []string{"Carers recruited a year: 33 a year, 12 of them recruited by a programme from 1 April 2026 (baseline 21 a year); costs: £",
		"Open a children's home: 3 beds from 1 April 2028", "Net present value", "Children placed elsewhere whose first choice is", "Business case", "<main>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the board pack lacks %q", want)
		}
	}
	for _, bad := range []string{"comparison.csv", "no change of strategy", "it is a baseline"} {
		if strings.Contains(body, bad) {
			t.Errorf("the board pack says %q", bad)
		}
	}
}

// TestRelativeLevers checks that a box of a count or a price takes a change from the baseline,
// in its units or as a percentage, that a percentage box takes a signed value as a change too
// and "=-2" as the value itself, that dates
// are read and shown day first, and that the lever says what the scenario's value is.
func TestRelativeLevers(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{
		"approvals": "+12", "entries": "-10%", "ifa_price": "+£50", "home_price": "-5%", "leaving": "-2",
		"home_beds": "2", "home_opens": "1/10/2027"}}, &a)
	want := map[string]string{"approvals": "33", "entries": "234", "ifa_price": "£1,029", "home_price": "£6,339.35", "home_opens": "01/10/2027"}
	for id, v := range want {
		if got := a.Inputs[id]; got.Value != v || got.Error != "" {
			t.Errorf("%s: %+v, want %s", id, got, v)
		}
	}
	if got := a.Inputs["leaving"]; got.Value != "9" || got.Error != "" {
		t.Errorf("leaving -2: box %+v, want 9 (2 points below the baseline's 11%%)", got)
	}
	var eq runResponse
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{"leaving": "=-2"}}, &eq)
	if got := eq.Inputs["leaving"].Error; !strings.Contains(got, "must be between 0% and 1000%") {
		t.Errorf("leaving =-2: error %q; after = a percentage box takes the value itself", got)
	}
	if got := a.Effects["approvals"]; got != "scenario: 33 a year, 12 of them recruited by a programme from 01/04/2026, at £12,000 a household" {
		t.Errorf("approvals: effect %q", got)
	}
	if !strings.Contains(a.Text, "per_year: 12\n") || !strings.Contains(a.Text, "from: 2027-10-01") {
		t.Errorf("the file does not hold the values:\n%s", a.Text)
	}
	// The other boxes of an intervention are read even when it adds nothing.
	post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: map[string]string{"home_beds": "0", "home_cost": "lots"}}, &a)
	if got := a.Inputs["home_cost"].Error; !strings.Contains(got, "sum of money") {
		t.Errorf("running cost lots with no beds: error %q", got)
	}
}

// TestLeverRangesWithinValidation checks that each box accepts what placesim validate accepts
// for the field it writes (model.Limits), no less and no more: a value the page takes is never
// refused by the command line, and a file the command line takes is never refused by the page.
func TestLeverRangesWithinValidation(t *testing.T) {
	limits := map[string]model.Limit{}
	for _, l := range model.Limits() {
		limits[l.Field] = l
	}
	s, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	index := regexp.MustCompile(`\[[0-9]+\]`)
	for _, l := range leversFor(s) {
		for _, in := range l.Inputs {
			if !in.Bounded {
				continue
			}
			field := index.ReplaceAllString(l.Field, "[]")
			if l.isIntervention() && !(l.OnTop && in.ID == l.Inputs[0].ID) {
				// The first box of a lever that adds to a rate shows the rate, a field.
				field = "interventions[]." + in.Key
				if in.Key == "count" || in.Key == "first_year_breakdown_per_year" {
					// care_leaver_places is the capacity of care_leavers.
					field += " (" + cmp.Or(l.Alias, l.Action) + ")"
				}
			}
			lim, ok := limits[field]
			if need, cut := strings.CutSuffix(field, ".standard"); cut && !ok {
				// A need's field: "kinds[].weekly_gbp.<need>", or one range for every need.
				if lim, ok = limits[need+".<need>"]; !ok {
					lim, ok = limits[need]
				}
			}
			if !ok {
				t.Errorf("%s: no model.Limit for %s", in.ID, field)
				continue
			}
			lo := max(in.Min, 1) // a count of 0 removes the intervention
			if !l.isIntervention() || in.Key != "count" || l.Sets {
				lo = in.Min
			}
			if !lim.Contains(lo) || !lim.Contains(in.Max) {
				t.Errorf("%s: the box accepts %v to %v, validation %s", in.ID, in.Min, in.Max, lim.Range())
			}
			// And every value validation accepts: a file placesim validate passes (a
			// calibrated council's) opens, saves and runs.
			if lo > lim.Min || in.Max < lim.Max {
				t.Errorf("%s: the box accepts %v to %v, less than validation's %s", in.ID, lo, in.Max, lim.Range())
			}
		}
	}
	if got := percentMessage("must be a share between 0 and 1; must be between -0.9 and 1 a year"); got != "must be between 0% and 100%; must be between -90% and 100% a year" {
		t.Errorf("percentMessage: %q", got)
	}
}

// TestProgress checks that a full run's progress can be read while it runs, under the tab's
// key, with the replications of both the baseline and the scenario in its total, and that the
// key is forgotten when the run ends.
func TestProgress(t *testing.T) {
	base, srv, _ := testServer(t)
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hook := func(done int) {
		if done >= 2 {
			once.Do(func() { close(reached); <-release })
		}
	}
	srv.gate.onRep.Store(&hook)
	answered := make(chan runResponse)
	go func() {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "pg", Values: map[string]string{"approvals": "30"}, Full: true}, &a)
		answered <- a
	}()
	<-reached
	var p progressReport
	_, body := get(t, base+"/api/progress?job=pg")
	close(release)
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("progress: %v: %s", err, body)
	}
	full := srv.cfg.FullReps
	// Two runs, the baseline's and the scenario's: the page then says the total is of
	// paired runs, as its Full run button counts them.
	if !p.Running || p.Total != int64(2*full) || p.Runs != 2 || p.Done < 2 || p.Done > p.Total || p.Seconds <= 0 {
		t.Errorf("progress during a full run of %d replications: %+v", full, p)
	}
	if a := <-answered; a.Results == "" {
		t.Fatalf("the full run gave no results: %v", a.Problems)
	}
	if _, page := get(t, base+"/"); !strings.Contains(page, fmt.Sprintf(`id="fullrun">Full run (%d paired runs)<`, full)) {
		t.Errorf("the Full run button does not say it counts paired runs")
	}
	_, body = get(t, base+"/api/progress?job=pg")
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Running {
		t.Errorf("progress after the run: %s (%v)", body, err)
	}
}

// TestHeadlinePartYears checks that the results' headline figures name a run's first part
// year as its report and board pack do ("2026/27 (from 1 October)"), that their horizon is the
// last whole year, not the part year at the run's end (14 days of a run from 15 April), and
// that a run from 1 April keeps "(year 1)" and "(horizon)".
func TestHeadlinePartYears(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := testServer(t)
	for _, tc := range []struct {
		start      string
		want, lack []string
	}{
		{"2026-10-01", []string{"2026/27 (from 1 October)</th>", "2028/29</th>", "Sufficiency by age: In-house foster care, 2028/29<"}, []string{"(year 1)", "(horizon)", "(to 30 September)</th>", "In 2029/30 (to 30 September)"}},
		{"2026-04-15", []string{"2026/27 (from 15 April)</th>", "2028/29</th>", "Sufficiency by age: In-house foster care, 2028/29<"}, []string{"(year 1)", "(horizon)", "(to 14 April)</th>", "In 2029/30 (to 14 April)"}},
		{"2026-04-01", []string{"2026/27 (year 1)</th>", "2028/29 (horizon)</th>", "Sufficiency by age: In-house foster care, 2028/29<"}, []string{"(from ", "(to "}},
	} {
		t.Run(tc.start, func(t *testing.T) {
			name := "from-" + tc.start
			text := "name: " + name + "\nextends: default\nstart: " + tc.start + "\nyears: 3\n"
			if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			var a runResponse
			post(t, base, "/api/run", wsState{Tab: name, Base: name + ".yaml", Values: map[string]string{"approvals": "25"}}, &a)
			if a.Results == "" {
				t.Fatalf("no results: %q %s", a.Problems, a.Error)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Results, w) {
					t.Errorf("the results lack %q", w)
				}
			}
			for _, l := range tc.lack {
				if strings.Contains(a.Results, l) {
					t.Errorf("the results say %q", l)
				}
			}
		})
	}
}
