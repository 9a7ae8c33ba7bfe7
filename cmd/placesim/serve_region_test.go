package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/placesim/placesim/cmd/placesim/workspace"
)

// The workspace's region page offers a region run's report.html and results.xlsx with the very
// bytes placesim run writes for the region with the same seed and replications.
func TestWorkspaceRegionFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "test-region.yaml"), []byte(testRegionYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "run", filepath.Join(dir, "test-region.yaml"), "--reps", "3", "--seed", "7", "--council-charts=false", "-q", "--out", out)

	ts := httptest.NewUnstartedServer(nil)
	srv, err := workspace.New(workspace.Config{Dir: dir, QuickReps: 2, FullReps: 2, RegionQuickReps: 3, RegionFullReps: 4, Seed: 7,
		Addr: ts.Listener.Addr().String(), Limits: workspace.DefaultLimits(), Version: placesimVersion(), Log: io.Discard, RegionFiles: workspaceRegionFile})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	defer func() { ts.Close(); srv.Close() }()

	body, _ := json.Marshal(map[string]any{"tab": "t", "ref": "test-region.yaml"})
	resp, err := http.Post(ts.URL+"/api/region/run", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var run struct {
		Results  string   `json:"results"`
		Problems []string `json:"problems"`
	}
	err = json.NewDecoder(resp.Body).Decode(&run)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`id="run-workbook" href="/region-export/([^/"]+)/results.xlsx"`).FindStringSubmatch(run.Results)
	if m == nil {
		t.Fatalf("the region's results offer no workbook of the run (problems: %v)", run.Problems)
	}
	for _, file := range []string{"report.html", "results.xlsx"} {
		want, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(ts.URL + "/region-export/" + m[1] + "/" + file + "?download=1")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", file, resp.StatusCode, got)
		}
		if cd := resp.Header.Get("Content-Disposition"); !bytes.Contains([]byte(cd), []byte("test-region-")) {
			t.Errorf("%s: Content-Disposition %q names no region", file, cd)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the workspace's %d bytes differ from placesim run's %d", file, len(got), len(want))
		}
	}
	resp, err = http.Get(ts.URL + "/region-export/" + m[1] + "/summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("summary.csv: status %d, want 404", resp.StatusCode)
	}
}
