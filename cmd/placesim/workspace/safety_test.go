package workspace

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// The tests of this file are the regression tests of the workspace on a shared server: it
// reads no file outside its folder, shows no file's content in an error, bounds the levers
// and the work of each run, stops a run whose request went away, simulates only for its own
// pages, and survives a panic in a run.

// safetyServer starts the workspace with the given run limits (zero: the defaults) and HTTP
// limits, in a folder inside a temporary directory that also holds outside.yaml, a scenario
// with a secret key, beside the folder. It returns the base URL, the server, the folder and
// the outside file.
func safetyServer(t testing.TB, lim Limits, hl httpLimits) (string, *Server, string, string) {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "folder")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(top, "outside.yaml")
	if err := os.WriteFile(outside, []byte("extends: default\n"+secretKey+": 1\nanother_secret_line: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	quick, full := 16, 24
	if testing.Short() {
		quick, full = 4, 6
	}
	var log bytes.Buffer
	srv, err := New(Config{Dir: dir, QuickReps: quick, FullReps: full, Seed: 1, Limits: lim, Log: &lockedWriter{w: &log}, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config = newHTTPServer(srv, hl, srv.ctx)
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return ts.URL, srv, dir, outside
}

// serverLog returns what the workspace of safetyServer wrote to its log.
func serverLog(srv *Server) string {
	l := srv.cfg.Log.(*lockedWriter)
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.(*bytes.Buffer).String()
}

// secretKey is in the file outside the folder: no answer may ever show it.
const secretKey = "secret_key_of_another_service"

// lockedWriter lets the server's log be written from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// postStatus sends a JSON POST from the workspace's own origin and returns the status and
// the body.
func postStatus(t *testing.T, base, path string, body any) (int, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// noSecret fails if an answer shows the content of the file outside the folder.
func noSecret(t *testing.T, what, body string) {
	t.Helper()
	if strings.Contains(body, secretKey) || strings.Contains(body, "another_secret_line") {
		t.Errorf("%s shows the content of a file outside the folder:\n%s", what, body)
	}
}

// TestWorkspaceReadsOnlyItsFolder tries every way a request can name a scenario file: none
// reads a file outside the folder, and no answer shows its content.
func TestWorkspaceReadsOnlyItsFolder(t *testing.T) {
	base, _, dir, outside := safetyServer(t, Limits{}, defaultHTTPLimits)
	// A file in the folder that extends the outside one, and a link out of the folder, as
	// another user of the machine might leave them.
	if err := os.WriteFile(filepath.Join(dir, "sneaky.yaml"), []byte("extends: ../outside.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := os.Symlink(outside, filepath.Join(dir, "link.yaml")) == nil
	// A valid scenario outside, whose figure would show in the pages were it read.
	const figure = "98765"
	if err := os.WriteFile(filepath.Join(filepath.Dir(outside), "valid.yaml"), []byte("extends: default\nemergency:\n  weekly_gbp: "+figure+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sneaky-valid.yaml"), []byte("extends: ../valid.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("fields of a valid file outside", func(t *testing.T) {
		pages := map[string]string{}
		for _, u := range []string{"/?file=sneaky-valid", "/compare?s=sneaky-valid"} {
			_, pages[u] = get(t, base+u)
		}
		_, pages["run on it"] = postStatus(t, base, "/api/run", wsState{Tab: "v", Base: "sneaky-valid.yaml"})
		_, pages["upload"] = postStatus(t, base, "/api/upload", uploadRequest{Name: "v2", Text: "extends: ../valid.yaml\n"})
		for what, body := range pages {
			if strings.Contains(body, figure) {
				t.Errorf("%s shows a field of a file outside the folder", what)
			}
			if !strings.Contains(body, "outside the scenario") {
				t.Errorf("%s does not say the file is outside the folder: %.300s", what, body)
			}
		}
	})
	t.Run("upload extending outside", func(t *testing.T) {
		for _, ext := range []string{outside, "../outside.yaml", "sneaky.yaml", "./../outside.yaml"} {
			var sv saveResponse
			post(t, base, "/api/upload", uploadRequest{Name: "up", Text: "name: up\nextends: " + ext + "\n"}, &sv)
			raw, _ := json.Marshal(sv)
			noSecret(t, "upload of extends: "+ext, string(raw))
			if sv.Saved != "" || sv.Error == "" || !strings.Contains(sv.Error, "outside the scenario's folder") {
				t.Errorf("upload of extends: %s: %+v, want it refused as outside the folder", ext, sv)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "up.yaml")); err == nil {
			t.Error("an upload that extends a file outside the folder was saved")
		}
	})
	t.Run("baseline outside", func(t *testing.T) {
		for _, b := range []string{"../outside.yaml", outside, "sneaky.yaml", "link.yaml"} {
			status, body := postStatus(t, base, "/api/run", wsState{Tab: "b", Base: b})
			noSecret(t, "a run on the baseline "+b, body)
			var a runResponse
			json.Unmarshal([]byte(body), &a)
			if status != http.StatusOK || len(a.Problems) == 0 || a.Results != "" {
				t.Errorf("a run on the baseline %s: status %d, problems %v, want it refused", b, status, a.Problems)
			}
		}
	})
	t.Run("pages", func(t *testing.T) {
		for _, u := range []string{"/?file=sneaky", "/?file=link", "/?file=../outside", "/?base=../outside.yaml", "/compare?s=sneaky", "/compare?s=link", "/files/link", "/files/..%2Foutside"} {
			resp, body := get(t, base+u)
			noSecret(t, u, body)
			if resp.StatusCode == http.StatusOK && strings.Contains(u, "compare") {
				t.Errorf("%s: status 200, want the scenario refused", u)
			}
		}
	})
	if !links {
		t.Log("no symbolic links here: the link cases read a missing file")
	}
}

// TestLinkOutsideTheFolder opens a link in the folder that leads outside it, in every way a
// page can name a file: each says, in words, that it leads outside the workspace's folder.
func TestLinkOutsideTheFolder(t *testing.T) {
	base, _, dir, outside := safetyServer(t, Limits{}, defaultHTTPLimits)
	if err := os.Symlink(outside, filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "ok1", State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
	if sv.Error != "" {
		t.Fatal(sv.Error)
	}
	want := "link.yaml is a link to a file outside the workspace's folder " + dir +
		": the workspace reads only files inside it; put a copy of the file in the folder instead"
	for _, u := range []string{"/files/link.yaml", "/?file=link", "/?base=link.yaml", "/compare?s=link&s=ok1", "/region?r=link.yaml"} {
		_, body := get(t, base+u)
		noSecret(t, u, body)
		if !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("%s says\n%.600s\nwant %q", u, body, want)
		}
	}
}

// TestInfiniteStayDoesNotStopTheServer sends the scenario of issue 10, a stay distribution
// with an infinite mean: it is refused by validation or fails as a run with a clear message,
// and the server goes on answering.
func TestInfiniteStayDoesNotStopTheServer(t *testing.T) {
	base, _, _, _ := safetyServer(t, Limits{}, defaultHTTPLimits)
	text := "name: inf\nextends: default\nstays:\n  - who: {ages: 0-17}\n    stay: {distribution: lognormal, mean_days: 400, sigma: .inf}\n    exits: {return_home: 1}\n"
	status, body := postStatus(t, base, "/api/run", wsState{Tab: "inf", Name: "inf", UseText: true, Text: text})
	var a runResponse
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("status %d, answer %q: want the workspace's JSON", status, body)
	}
	t.Logf("status %d, problems %q, error %q", status, a.Problems, a.Error)
	switch status {
	case http.StatusOK:
		if len(a.Problems) == 0 || a.Results != "" {
			t.Errorf("an infinite stay ran: problems %v", a.Problems)
		}
	case http.StatusInternalServerError:
		if !strings.Contains(a.Error, "inside placesim") {
			t.Errorf("error %q: want a clear message", a.Error)
		}
	default:
		t.Errorf("status %d: %s", status, body)
	}
	assertServes(t, base)
}

// assertServes checks that the workspace still answers a run with results.
func assertServes(t *testing.T, base string) {
	t.Helper()
	status, body := postStatus(t, base, "/api/run", wsState{Tab: "after", Seed: 9, Values: map[string]string{"approvals": "25"}})
	var a runResponse
	json.Unmarshal([]byte(body), &a)
	if status != http.StatusOK || a.Results == "" {
		t.Fatalf("after that, a plain run: status %d, problems %v, error %q: want results", status, a.Problems, a.Error)
	}
}

// TestPanicInARunFailsOnlyItsRequest makes every replication panic, as a broken engine
// invariant would: the request gets 500 with a clear message, the panic goes to the log
// with its stack, and the server goes on.
func TestPanicInARunFailsOnlyItsRequest(t *testing.T) {
	base, srv, _, _ := safetyServer(t, Limits{}, defaultHTTPLimits)
	boom := func(int) { panic("sim: clock went back") }
	srv.gate.onRep.Store(&boom)
	status, body := postStatus(t, base, "/api/run", wsState{Tab: "p", Values: map[string]string{"approvals": "25"}})
	var a runResponse
	json.Unmarshal([]byte(body), &a)
	if status != http.StatusInternalServerError || !strings.Contains(a.Error, "sim: clock went back") || !strings.Contains(a.Error, "the workspace is still running") {
		t.Errorf("status %d, error %q: want 500 saying the run stopped on a bug", status, a.Error)
	}
	resp, page := get(t, base+"/compare?s=none-saved")
	_ = resp
	noSecret(t, "compare", page)
	srv.gate.onRep.Store(nil)
	assertServes(t, base)
	if running, waiting, mem := srv.gate.stats(); running != 0 || waiting != 0 || mem != 0 {
		t.Errorf("after the panic: %d running, %d waiting, %d bytes held: want the turn given back", running, waiting, mem)
	}
}

// TestPanicInAHandler answers 500 with a message rather than dropping the connection.
func TestPanicInAHandler(t *testing.T) {
	var logged bytes.Buffer
	h := recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") }),
		func(format string, args ...any) { fmt.Fprintf(&logged, format, args...) })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "a bug") || !strings.Contains(rec.Body.String(), "still running") {
		t.Errorf("status %d, body %q: want 500 with a clear message", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logged.String(), "panic: a bug") || !strings.Contains(logged.String(), "goroutine") {
		t.Errorf("log %q: want the panic and its stack", logged.String())
	}
}

// TestLeversBoundedBeforeRunning types values far beyond any council, into a box and into
// the file: each is refused beside its lever, before anything runs (a value in the file beyond
// the scenario's own ranges, with the range of the field).
func TestLeversBoundedBeforeRunning(t *testing.T) {
	base, srv, _, _ := safetyServer(t, Limits{}, defaultHTTPLimits)
	var reps atomic.Int64
	count := func(int) { reps.Add(1) }
	srv.gate.onRep.Store(&count)
	tests := []struct {
		name  string
		st    wsState
		input string // the box that shows the problem ("" for the list of problems)
		want  string
	}{
		{"carers a year typed", wsState{Values: map[string]string{"approvals": "1000000000"}}, "approvals", "must be between 0 and 10,000"},
		{"entries typed", wsState{Values: map[string]string{"entries": "1000000000000"}}, "entries", "must be between 0 and 100,000"},
		{"beds typed", wsState{Values: map[string]string{"home_beds": "100000"}}, "home_beds", "must be between 0 and 100"},
		{"carers a year in the file", wsState{UseText: true, Text: "kinds:\n  - name: inhouse_foster\n    carers: {approvals_per_year: 1e9}\n"}, "approvals", "must be between 0 and 10,000 households a year"},
		{"beds in the file", wsState{UseText: true, Text: "interventions:\n  - {action: open_home, kind: inhouse_home, from: 2027-04-01, count: 100000, fixed_cost_per_year_gbp: 1}\n"}, "home_beds", "must be between 1 and 100 beds"},
		{"households in the file, no lever", wsState{UseText: true, Text: "kinds:\n  - name: inhouse_foster\n    carers: {households: 100000000}\n"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.st.Tab = "bounds"
			status, body := postStatus(t, base, "/api/run", tt.st)
			var a runResponse
			json.Unmarshal([]byte(body), &a)
			if status != http.StatusOK || a.Results != "" {
				t.Fatalf("status %d, results %d bytes: want the scenario refused before running", status, len(a.Results))
			}
			if tt.input != "" {
				if got := a.Inputs[tt.input].Error; !strings.Contains(got, tt.want) {
					t.Errorf("beside %s: %q (problems %v), want %q", tt.input, got, a.Problems, tt.want)
				}
			} else if len(a.Problems) == 0 {
				t.Errorf("no problem reported")
			}
		})
	}
	if n := reps.Load(); n != 0 {
		t.Errorf("%d replications ran for scenarios beyond the limits", n)
	}
	// The page says what each box accepts.
	_, page := get(t, base+"/")
	for _, want := range []string{"Accepts 0 to 10,000.", "Accepts beds 0 to 100; running cost £0 to £100,000,000; one-off cost £0 to £1,000,000,000.", "Accepts 0% to 100%."} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
}

// TestWorkEstimate checks the estimate of a replication's size against the default county
// and the limit.
func TestWorkEstimate(t *testing.T) {
	_, srv, _, _ := safetyServer(t, Limits{}, defaultHTTPLimits)
	s, err := srv.loadBase("default")
	if err != nil {
		t.Fatal(err)
	}
	w := workEstimate(s)
	// Entries and UASC over the warm-up and reported years, the stock, carer households and
	// beds: 4,374 children and places when this was written; a few thousand, far below the
	// limit.
	t.Logf("the default county: %.0f children and places a replication", w)
	if w < 3000 || w > 10000 {
		t.Errorf("the default county: %.0f children and places, want a few thousand", w)
	}
	if err := srv.gate.checkWork(s); err != nil {
		t.Errorf("the default county is refused: %v", err)
	}
	big := *s
	big.Entries.PerYear = 1e9
	if err := srv.gate.checkWork(&big); err == nil || !strings.Contains(err.Error(), "children and places in each replication") {
		t.Errorf("a billion entries a year: %v, want refused", err)
	}
}

// TestRunStopsWhenItsRequestGoesAway starts a long run, hangs up, and checks that the run
// (and the baseline no one else waits for) stops within a few replications.
func TestRunStopsWhenItsRequestGoesAway(t *testing.T) {
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40 // the records of 100,000 replications are not kept: the run stops
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	srv.cfg.QuickReps = 100_000 // hours of work, were it not stopped
	var reps atomic.Int64
	started := make(chan struct{}, 1)
	hook := func(int) {
		reps.Add(1)
		select {
		case started <- struct{}{}:
		default:
		}
	}
	srv.gate.onRep.Store(&hook)
	ctx, cancel := context.WithCancel(context.Background())
	b, _ := json.Marshal(wsState{Tab: "long", Values: map[string]string{"approvals": "25"}})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/run", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the run did not start")
	}
	cancel()
	<-errc
	deadline := time.Now().Add(10 * time.Second)
	for {
		running, waiting, _ := srv.gate.stats()
		if running == 0 && waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("10 s after the request went away: %d runs, %d waiting", running, waiting)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Each worker finishes the replication it is on and no more start, once the server sees
	// the connection close; 1,000 replications are seconds of a loaded machine, against the
	// 100,000 of a run that went on.
	t.Logf("%d replications ran in all", reps.Load())
	if n := reps.Load(); n > 1000 {
		t.Errorf("%d replications ran after the request went away", n)
	}
	srv.base.mu.Lock()
	kept := srv.base.entries.len()
	srv.base.mu.Unlock()
	if kept != 0 {
		t.Errorf("%d baseline runs kept after their only request went away", kept)
	}
}

// TestStoppingTheServerStopsRuns stops the server (Ctrl-C) during a long run: the run stops
// and its request is answered, so that shutting down does not wait for it.
func TestStoppingTheServerStopsRuns(t *testing.T) {
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40 // the records of 100,000 replications are not kept: the run stops
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	srv.cfg.QuickReps = 100_000
	started := make(chan struct{}, 1)
	hook := func(int) {
		select {
		case started <- struct{}{}:
		default:
		}
	}
	srv.gate.onRep.Store(&hook)
	type answer struct {
		status int
		runResponse
	}
	answered := make(chan answer, 1)
	go func() {
		status, body := postStatus(t, base, "/api/run", wsState{Tab: "long", Values: map[string]string{"approvals": "25"}})
		var a runResponse
		json.Unmarshal([]byte(body), &a)
		answered <- answer{status, a}
	}()
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the run did not start")
	}
	srv.Close()
	select {
	case a := <-answered:
		// The page says why the run ended: not a cancelled run, which it would leave as it is.
		const want = "the workspace has stopped before this run finished: it was shut down on its server; run it again once the workspace is back"
		if a.status != http.StatusServiceUnavailable || a.Error != want || a.Cancelled || a.Results != "" {
			t.Errorf("status %d, answer %+v: want 503 saying %q", a.status, a.runResponse, want)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("20 s after the server stopped, the run's request is still waiting")
	}
}

// TestRunTimeLimit stops a run that goes on longer than the workspace allows, even while its
// request waits, and says why.
func TestRunTimeLimit(t *testing.T) {
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40 // the records of 100,000 replications are not kept: the run stops
	lim.MaxRunTime = 300 * time.Millisecond
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	// Few enough replications for the estimate of their time to let the run start, each
	// slowed to a tenth of a second.
	srv.cfg.QuickReps = 20
	slow := func(int) { time.Sleep(100 * time.Millisecond) }
	srv.gate.onRep.Store(&slow)
	began := time.Now()
	status, body := postStatus(t, base, "/api/run", wsState{Tab: "t", Values: map[string]string{"approvals": "25"}})
	var a runResponse
	json.Unmarshal([]byte(body), &a)
	if status != http.StatusOK || a.Results != "" || !strings.Contains(strings.Join(a.Problems, "\n"), "took longer than 300ms, the workspace's limit for one run") {
		t.Errorf("status %d, problems %v: want the run stopped at its time limit", status, a.Problems)
	}
	// 0.3 s, and a replication or two under way; the rest is room for a loaded machine.
	if took := time.Since(began); took > 20*time.Second {
		t.Errorf("the answer took %v", took)
	}
	if r, _, _ := srv.gate.stats(); r != 0 {
		t.Errorf("%d runs still going", r)
	}
	// The server's log says so, in a line that names neither the scenario nor who asked.
	if got, want := serverLog(srv), "placesim: serve: stopped a run after 300ms, the longest one run may take (--max-run-time)\n"; got != want {
		t.Errorf("the log says\n%s\nwant\n%s", got, want)
	}
}

// TestRunTimeRefusedUpFront refuses before it starts a run whose estimated time is far beyond
// the workspace's limit for one run, naming --max-run-time and the replications that fit.
func TestRunTimeRefusedUpFront(t *testing.T) {
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 40
	lim.MaxRunTime = time.Second
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	srv.cfg.QuickReps, srv.cfg.FullReps = 2000, 2000
	srv.gate.quickReps, srv.gate.fullReps = 2000, 2000
	began := time.Now()
	status, body := postStatus(t, base, "/api/run", wsState{Tab: "t", Values: map[string]string{"approvals": "25"}})
	var a runResponse
	json.Unmarshal([]byte(body), &a)
	problems := strings.Join(a.Problems, "\n")
	if status != http.StatusOK || a.Results != "" || !regexp.MustCompile(`this run of 2000 replications of \S+ would take about \d+ seconds, far beyond the 1s the workspace allows one run \(--max-run-time\): about \d+ replications of it fit in that time; start placesim serve with --quick-reps and --reps \d+ or fewer, or raise --max-run-time`).MatchString(problems) {
		t.Errorf("status %d, problems %v: want the run refused for its time before it starts", status, a.Problems)
	}
	if took := time.Since(began); took > 10*time.Second {
		t.Errorf("the answer took %v: the run was not refused before it started", took)
	}
	if got := serverLog(srv); !strings.HasPrefix(got, "placesim: serve: refused a run that would take about ") || !strings.HasSuffix(got, ", far beyond the 1s one run may take (--max-run-time)\n") {
		t.Errorf("the log says\n%s", got)
	}
}

// TestBusyServerAnswers503 fills the one turn there is: a run that cannot wait is refused at
// once, and one that can wait is refused when its wait is over, with 503 and a clear message.
func TestBusyServerAnswers503(t *testing.T) {
	tests := []struct {
		name       string
		maxWaiting int
		want       string
	}{
		{"no room to wait", 0, "the workspace is busy: 1 run in progress and 0 waiting, its most"},
		{"waited too long", 1, "no run finished within 200ms"},
	}
	logs := map[string]string{
		"no room to wait": "placesim: serve: refused a run as busy: 1 run in progress and 0 waiting, the most allowed (--max-runs)\n",
		"waited too long": "placesim: serve: refused a run as busy: no run finished within 200ms to make room for it\n",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := Limits{MaxRuns: 1, MaxWaiting: tt.maxWaiting, Wait: 200 * time.Millisecond, MemoryBytes: 1 << 30, MaxEntities: 250_000}
			base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
			hold := make(chan struct{})
			started := make(chan struct{}, 1)
			block := func(int) {
				select {
				case started <- struct{}{}:
				default:
				}
				<-hold
			}
			srv.gate.onRep.Store(&block)
			first := make(chan int, 1)
			go func() {
				status, _ := postStatus(t, base, "/api/run", wsState{Tab: "one", Values: map[string]string{"approvals": "25"}})
				first <- status
			}()
			<-started
			// Another seed: another baseline, which needs a turn of its own.
			var a runResponse
			resp := post(t, base, "/api/run", wsState{Tab: "two", Seed: 7, Values: map[string]string{"approvals": "25"}}, &a)
			if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(a.Error, "the workspace is busy") || !strings.Contains(a.Error, tt.want) {
				t.Errorf("status %d, error %q: want 503 with %q", resp.StatusCode, a.Error, tt.want)
			}
			if ra := resp.Header.Get("Retry-After"); ra == "" || !strings.HasSuffix(a.Error, "; try again in "+ra+" seconds") {
				t.Errorf("503 with Retry-After %q and error %q: want the error to say to try again in as many seconds", ra, a.Error)
			}
			if got := serverLog(srv); got != logs[tt.name] {
				t.Errorf("the log says\n%s\nwant\n%s", got, logs[tt.name])
			}
			srv.gate.onRep.Store(nil)
			close(hold)
			if st := <-first; st != http.StatusOK {
				t.Errorf("the run that had the turn: status %d", st)
			}
		})
	}
}

// TestMemoryBudget refuses a run whose records alone would exceed the memory allowed.
func TestMemoryBudget(t *testing.T) {
	lim := DefaultLimits()
	lim.MemoryBytes = 1 << 20
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	status, body := postStatus(t, base, "/api/run", wsState{Tab: "m", Values: map[string]string{"approvals": "25"}})
	var a runResponse
	json.Unmarshal([]byte(body), &a)
	if status != http.StatusOK || a.Results != "" || !strings.Contains(strings.Join(a.Problems, "\n"), "more than the 1 MiB the workspace allows") {
		t.Errorf("status %d, problems %v: want the run refused for its memory", status, a.Problems)
	}
	if got := serverLog(srv); !strings.HasPrefix(got, "placesim: serve: refused a run that would hold about ") || !strings.HasSuffix(got, " of memory, more than the 1 MiB allowed (--max-memory)\n") || strings.Count(got, "\n") != 1 {
		t.Errorf("the log says\n%s\nwant a line saying a run was refused for its memory", got)
	}
	if got := runMemory(200, 2, 120, 100, 5000); got != 200*120*100*8+2*5000*bytesPerEntity {
		t.Errorf("runMemory = %d", got)
	}
}

// TestSimulationsOnlyForOwnPages follows links from another site: the compare page does not
// run, and the workspace page starts no baseline; the same links from the workspace do.
func TestSimulationsOnlyForOwnPages(t *testing.T) {
	base, srv, _, _ := safetyServer(t, Limits{}, defaultHTTPLimits)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "plan", State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
	if sv.Error != "" {
		t.Fatal(sv.Error)
	}
	var reps atomic.Int64
	count := func(int) { reps.Add(1) }
	srv.gate.onRep.Store(&count)
	fetch := func(path string, headers map[string]string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	refused := []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "same-site"},
		{"Origin": "http://evil.example"},
		{"Referer": "http://evil.example/page"},
	}
	for _, h := range refused {
		status, body := fetch("/compare?s=plan&full=1", h)
		if status != http.StatusForbidden || !strings.Contains(body, "press Compare to run it") {
			t.Errorf("compare from %v: status %d, want 403 and a way to run it", h, status)
		}
		fetch("/?approvals=30&seed=77", h)
	}
	time.Sleep(200 * time.Millisecond) // time for a baseline started by the page to begin
	if n := reps.Load(); n != 0 {
		t.Errorf("links from another site ran %d replications", n)
	}
	for _, h := range []map[string]string{{"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}, {}} {
		if status, body := fetch("/compare?s=plan", h); status != http.StatusOK {
			t.Errorf("compare from %v: status %d: %.300s", h, status, body)
		}
	}
	if reps.Load() == 0 {
		t.Error("the workspace's own compare link ran nothing")
	}
	// Exports draw charts: only for the workspace's own pages too.
	srv.mu.Lock()
	last, _ := srv.comps.newest()
	id := last.ID
	srv.mu.Unlock()
	for _, tt := range []struct {
		headers map[string]string
		want    int
	}{
		{map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image"}, http.StatusForbidden},
		{map[string]string{"Referer": "http://evil.example/"}, http.StatusForbidden},
		{map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusOK},
	} {
		if status, _ := fetch("/export/"+id+"/board-pack.html", tt.headers); status != tt.want {
			t.Errorf("board pack from %v: status %d, want %d", tt.headers, status, tt.want)
		}
	}
}

// TestRequestLimits sends a body too slowly, a body too large and headers too large: each is
// cut off, and the server goes on.
func TestRequestLimits(t *testing.T) {
	t.Parallel() // mostly waiting for the server's timeouts
	hl := httpLimits{ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: 500 * time.Millisecond, IdleTimeout: time.Second, MaxHeaderBytes: 8 << 10}
	base, _, _, _ := safetyServer(t, Limits{}, hl)
	u, _ := url.Parse(base)
	t.Run("slow body", func(t *testing.T) {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/run HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"tab\":", u.Host)
		began := time.Now()
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		took := time.Since(began)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("the server waited for the body for 10 s")
		}
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
		}
		// The read timeout is 0.5 s; the rest is room for a loaded machine.
		if took > 5*time.Second {
			t.Errorf("the slow body was cut off after %v, want about 0.5 s", took)
		}
	})
	t.Run("large body", func(t *testing.T) {
		filler := strings.Repeat("a", 2<<20)
		answered := 0
		for _, tc := range []struct {
			path, typ, body, want string
		}{
			{"/api/run", "application/json", `{"tab":"x","text":"` + filler + `"}`, `{"error":"` + bodyTooLarge + `"}` + "\n"},
			{"/api/save", "application/json", `{"name":"big","state":{"description":"` + filler + `"}}`, `{"error":"` + bodyTooLarge + `"}` + "\n"},
			{"/api/upload", "application/json", `{"name":"big","text":"` + filler + `"}`, `{"error":"` + bodyTooLarge + `"}` + "\n"},
			{"/api/region/run", "application/json", `{"tab":"x","name":"` + filler + `"}`, `{"error":"` + bodyTooLarge + `"}` + "\n"},
			{"/api/region/save", "application/json", `{"name":"` + filler + `"}`, `{"error":"` + bodyTooLarge + `"}` + "\n"},
			{"/api/save", "application/json", filler, `{"error":"` + bodyTooLarge + `"}` + "\n"}, // not JSON, but too large first
			{"/download", "application/x-www-form-urlencoded", "state=" + filler, bodyTooLarge + "\n"},
		} {
			req, _ := http.NewRequest(http.MethodPost, base+tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.typ)
			req.Header.Set("Origin", base)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				continue // the server may close the connection while the client still sends
			}
			answered++
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge || string(b) != tc.want {
				t.Errorf("%s: status %d, body %.200q: want 413, %q", tc.path, resp.StatusCode, b, tc.want)
			}
		}
		if answered == 0 {
			t.Error("the server answered none of the large bodies")
		}
	})
	t.Run("large headers", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, base+"/static/style.css", nil)
		req.Header.Set("X-Filler", strings.Repeat("a", 64<<10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("status %d, want 431", resp.StatusCode)
		}
	})
	if resp, _ := get(t, base+"/static/style.css"); resp.StatusCode != http.StatusOK {
		t.Errorf("after that, the server answers %d", resp.StatusCode)
	}
}

// TestHTTPLimitsSet checks that the HTTP server HTTPServer returns bounds every request.
func TestHTTPLimitsSet(t *testing.T) {
	if defaultHTTPLimits.ReadTimeout <= 0 || defaultHTTPLimits.ReadHeaderTimeout <= 0 || defaultHTTPLimits.MaxHeaderBytes <= 0 {
		t.Errorf("the server's limits %+v: want every one set", defaultHTTPLimits)
	}
	_, srv, _, _ := safetyServer(t, Limits{}, defaultHTTPLimits)
	hs := srv.HTTPServer()
	if hs.ReadTimeout != defaultHTTPLimits.ReadTimeout || hs.ReadHeaderTimeout != defaultHTTPLimits.ReadHeaderTimeout ||
		hs.IdleTimeout != defaultHTTPLimits.IdleTimeout || hs.MaxHeaderBytes != defaultHTTPLimits.MaxHeaderBytes {
		t.Errorf("HTTPServer's limits %v %v %v %d: want %+v", hs.ReadTimeout, hs.ReadHeaderTimeout, hs.IdleTimeout, hs.MaxHeaderBytes, defaultHTTPLimits)
	}
	if hs.Handler != srv {
		t.Errorf("HTTPServer's handler is %T, want the workspace", hs.Handler)
	}
	ctx := hs.BaseContext(nil)
	if ctx.Err() != nil {
		t.Fatalf("a request's context has ended before Close: %v", ctx.Err())
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if ctx.Err() == nil {
		t.Errorf("a request's context goes on after Close: want it ended, so that its run stops")
	}
	if err := srv.Close(); err != nil {
		t.Errorf("a second Close: %v, want nil", err)
	}
}

// BenchmarkRunGate times what the gate adds to a run: the work estimate of the default
// county, and taking and giving back a turn.
func BenchmarkRunGate(b *testing.B) {
	_, srv, _, _ := safetyServer(b, Limits{}, defaultHTTPLimits)
	s, err := srv.loadBase("default")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := srv.gate.checkWork(s); err != nil {
			b.Fatal(err)
		}
		release, err := srv.gate.acquire(context.Background(), runMemory(200, 0, 120, 100, workEstimate(s)))
		if err != nil {
			b.Fatal(err)
		}
		release()
	}
}

// TestRunGate checks the gate's rules without running anything: turns, memory shared
// between runs, waiting, and a request that goes away while it waits.
func TestRunGate(t *testing.T) {
	lim := Limits{MaxRuns: 2, MaxWaiting: 1, Wait: time.Minute, MemoryBytes: 100, MaxEntities: 10}
	t.Run("memory shared between runs", func(t *testing.T) {
		g := newRunGate(lim, t.Logf)
		first, err := g.acquire(context.Background(), 60)
		if err != nil {
			t.Fatal(err)
		}
		got := make(chan error, 1)
		go func() {
			release, err := g.acquire(context.Background(), 60) // a turn is free, the memory is not
			if err == nil {
				release()
			}
			got <- err
		}()
		waitFor(t, func() bool { _, w, _ := g.stats(); return w == 1 })
		select {
		case err := <-got:
			t.Fatalf("the second run went ahead (%v) while the first held the memory", err)
		default:
		}
		first()
		if err := <-got; err != nil {
			t.Errorf("once the memory was free: %v", err)
		}
		if r, w, m := g.stats(); r != 0 || w != 0 || m != 0 {
			t.Errorf("%d running, %d waiting, %d bytes held: want nothing", r, w, m)
		}
	})
	t.Run("more than the budget", func(t *testing.T) {
		g := newRunGate(lim, t.Logf)
		if _, err := g.acquire(context.Background(), 101); err == nil || !strings.Contains(err.Error(), "more than the 1 MiB") {
			t.Errorf("a run larger than the budget: %v", err)
		}
	})
	t.Run("turns and the queue", func(t *testing.T) {
		g := newRunGate(lim, t.Logf)
		r1, _ := g.acquire(context.Background(), 1)
		r2, _ := g.acquire(context.Background(), 1)
		ctx, cancel := context.WithCancel(context.Background())
		got := make(chan error, 1)
		go func() {
			_, err := g.acquire(ctx, 1)
			got <- err
		}()
		waitFor(t, func() bool { _, w, _ := g.stats(); return w == 1 })
		var busy *busyError
		if _, err := g.acquire(context.Background(), 1); !errors.As(err, &busy) {
			t.Errorf("with both turns taken and the queue full: %v, want busy", err)
		}
		cancel()
		if err := <-got; !errors.Is(err, context.Canceled) {
			t.Errorf("a waiting run whose request went away: %v", err)
		}
		r1()
		r1() // giving a turn back twice gives it back once
		if r, _, _ := g.stats(); r != 1 {
			t.Errorf("%d running after one of two ended, want 1", r)
		}
		r2()
	})
}

// waitFor waits up to 10 s for cond.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}

// TestWorkEstimateParts checks each part of the estimate on a small scenario of 10 years.
func TestWorkEstimateParts(t *testing.T) {
	plain := func() *model.Scenario {
		return &model.Scenario{Years: 10, Entries: model.Entries{PerYear: 100}}
	}
	tests := []struct {
		name string
		edit func(s *model.Scenario)
		want float64
	}{
		{"entries", func(*model.Scenario) {}, 1000},
		{"a warm-up", func(s *model.Scenario) { s.WarmupYears = 2 }, 1200},
		// 100 a year growing 10% a year: 100 × (1.1^10 − 1) / 0.1.
		{"a trend", func(s *model.Scenario) { s.Entries.TrendPerYear = 0.1 }, 100 * (math.Pow(1.1, 10) - 1) / 0.1},
		{"a falling trend counts as none", func(s *model.Scenario) { s.Entries.TrendPerYear = -0.1 }, 1000},
		{"an entry rate doubled", func(s *model.Scenario) {
			s.Interventions = []model.Intervention{{Action: model.EntryRate, Factor: 2}}
		}, 2000},
		{"UASC and a surge", func(s *model.Scenario) {
			s.UASC.PerYear = 10
			s.Interventions = []model.Intervention{{Action: model.UASCSurge, Factor: 3, PerYear: 5}}
		}, 1000 + (10*3+5)*10},
		{"stock", func(s *model.Scenario) { s.Stock = []model.StockGroup{{Count: 70}, {Count: 30}} }, 1100},
		{"carers, approvals, homes and beds", func(s *model.Scenario) {
			s.Kinds = []model.Kind{
				{Carers: &model.CarerPool{Households: 50, ApprovalsPerYear: 5}},
				{Homes: []model.Home{{Beds: 4}}, BlockBeds: []model.BlockContract{{Beds: 2}}},
			}
			s.Interventions = []model.Intervention{{Action: model.ExtraApprovals, PerYear: 3}, {Action: model.OpenHome, Count: 6}}
		}, 1000 + 50 + 80 + 4 + 2 + 6},
		{"not finite", func(s *model.Scenario) { s.Entries.PerYear = math.Inf(1) }, math.Inf(1)},
		{"not a number", func(s *model.Scenario) { s.UASC.PerYear = math.NaN() }, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := plain()
			tt.edit(s)
			got := workEstimate(s)
			// Sums of a few dozen terms: exact to well within a millionth.
			if math.IsInf(tt.want, 1) && !math.IsInf(got, 1) || !math.IsInf(tt.want, 1) && !(math.Abs(got-tt.want) <= 1e-6*tt.want) {
				t.Errorf("workEstimate = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSameOrigin checks which requests may start a simulation.
func TestSameOrigin(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"the workspace's own page", map[string]string{"Sec-Fetch-Site": "same-origin"}, true},
		{"an address typed or a bookmark", map[string]string{"Sec-Fetch-Site": "none"}, true},
		{"another site", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"another port of this host", map[string]string{"Sec-Fetch-Site": "same-site"}, false},
		{"fetch metadata wins over a matching origin", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://ws.example:8080"}, false},
		{"an older browser, own origin", map[string]string{"Origin": "http://ws.example:8080"}, true},
		{"an older browser, other origin", map[string]string{"Origin": "http://evil.example"}, false},
		{"an older browser, own page", map[string]string{"Referer": "http://ws.example:8080/?approvals=30"}, true},
		{"an older browser, other page", map[string]string{"Referer": "http://evil.example/ws.example:8080"}, false},
		{"a program", nil, true},
		{"an older browser, TLS in front", map[string]string{"Origin": "https://ws.example:8080"}, true},
		{"an older browser, the public address", map[string]string{"Origin": "https://placesim.council.example"}, true},
		{"an older browser, the public host without TLS", map[string]string{"Origin": "http://placesim.council.example"}, false},
		{"an older browser, a page at the public address", map[string]string{"Referer": "https://placesim.council.example/?approvals=30"}, true},
	}
	st := newSites("ws.example:8080", []string{"https://placesim.council.example"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "http://ws.example:8080/compare?s=plan", nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			if got := st.sameOrigin(r); got != tt.want {
				t.Errorf("sameOrigin = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestBytesPerEntity measures the memory one replication holds for each child and place, on
// the default county scaled up 10 times, against the figure the memory estimate uses.
func TestBytesPerEntity(t *testing.T) {
	s, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	s.Entries.PerYear *= 10
	s.WarmupYears = 2 // the memory a child or place takes does not depend on the warm-up
	for i := range s.Stock {
		s.Stock[i].Count *= 10
	}
	for i := range s.Kinds {
		if c := s.Kinds[i].Carers; c != nil {
			c.Households *= 10
			c.ApprovalsPerYear *= 10
		}
	}
	rn, err := sim.NewRunner(s, sim.Options{Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := rn.Add(1); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	entities := workEstimate(s)
	held := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / entities
	allocated := float64(after.TotalAlloc-before.TotalAlloc) / entities
	t.Logf("%.0f children and places: %.0f bytes each held after the replication, %.0f allocated", entities, held, allocated)
	// Held memory is what the estimate bounds; other goroutines of the test binary allocate
	// little next to a replication of some 40,000 children and places.
	if held > bytesPerEntity {
		t.Errorf("a replication holds %.0f bytes for each child and place, more than the %d the memory estimate counts", held, bytesPerEntity)
	}
}
