package workspace

import (
	"io/fs"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCountsHaveCommas checks that the pages write a count of runs, children or places with
// its thousands separated by commas, as placesim's reports do: "Full run (20,000 paired
// runs)", not 20000.
func TestCountsHaveCommas(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{level(12345, count), "12,345"},
		{level(-1234.4, count), "-1,234"},
		{level(999, count), "999"},
		{level(1234, share), "123400%"},
		{level(1_234_567, money), "£1.2m"},
		{signed(12345, count), "+12,345"},
		{signed(-1234, count), "-1,234"},
		{signed(1.25, count), "+1.2"},
		{signed(-0.01, count), "0.0"},
		{level(math.NaN(), count), "–"},
		{plural(20000, "paired run"), "20,000 paired runs"},
		{plural(1, "run"), "1 run"},
		{withCommas(-1_000_000), "-1,000,000"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "two-counties.yaml"), []byte(twoCounties), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	srv, err := New(Config{Dir: dir, QuickReps: 1200, FullReps: 20000, RegionQuickReps: 1500, RegionFullReps: 20000, Seed: 1, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	_, body := get(t, ts.URL+"/")
	mustContain(t, "scenario page", body, "Full run (20,000 paired runs)", "The live figures use 1,200 runs", "Full run uses 20,000.")
	_, body = get(t, ts.URL+"/region?r=two-counties.yaml")
	mustContain(t, "region page", body, "Quick run (1,500 runs)", "Full run (20,000 runs)", "A quick run is 1,500 replications", `data-reps="20000"`)
	_, body = get(t, ts.URL+"/compare?full=1")
	mustContain(t, "compare page", body, `src="/static/count.js"`)
	rec := httptest.NewRecorder()
	srv.render(rec, "compare.html", comparePage{Names: []string{"plan"}, Base: "default", Reps: 20000, Unchanged: 1234, Seed: 1})
	mustContain(t, "compare page", rec.Body.String(), "20,000 paired replications each", "the other 1,234 are as the baseline has them")

	// The scripts write the counts they show through placesimCount, never as bare numbers.
	bare := regexp.MustCompile(`\+ *(p\.done|p\.total|\$\(id\)\.dataset\.reps)\b|(p\.done|p\.total) *\+`)
	err = fs.WalkDir(webFS, "web/static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".js") {
			return err
		}
		b, err := fs.ReadFile(webFS, p)
		for _, m := range bare.FindAllString(string(b), -1) {
			t.Errorf("%s writes a count without its commas: %q", p, m)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("no node on PATH: placesimCount not run")
		return
	}
	src, _ := fs.ReadFile(webFS, "web/static/count.js")
	js := "const window = {};\n" + string(src) + "\nconsole.log([20000, 999, 1000, 1234567, 0, -4321, \"20000\", 7.5].map(window.placesimCount).join(\" \"));"
	out, err := exec.Command(node, "-e", js).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "20,000 999 1,000 1,234,567 0 -4,321 20,000 8"; got != want {
		t.Errorf("placesimCount: got %s, want %s", got, want)
	}
}
