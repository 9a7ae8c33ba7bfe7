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
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/placesim/placesim/cmd/placesim/workspace"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
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

	url, export := runWorkspaceRegion(t, dir, 3, 4, workspace.DefaultLimits())
	for _, file := range []string{"report.html", "results.xlsx"} {
		want, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(url + "/region-export/" + export + "/" + file + "?download=1")
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
	resp, err := http.Get(url + "/region-export/" + export + "/summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("summary.csv: status %d, want 404", resp.StatusCode)
	}
}

// A region run's workbook is written from monthly records kept on disk, within the run's turn
// of the workspace's memory limit: with --max-memory at 128 MiB, the export of 400
// replications of three councils over ten years, whose councils' monthly records alone are more
// than the limit, is served, and the memory it holds stays within the limit.
func TestWorkspaceRegionExportMemory(t *testing.T) {
	dir := t.TempDir()
	text := strings.Replace(testRegionYAML, "years: 2\n", "years: 10\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "test-region.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	const reps, limit = 400, 128 << 20
	lim := workspace.DefaultLimits()
	lim.MemoryBytes = limit
	url, export := runWorkspaceRegion(t, dir, reps, reps, lim)
	reg, err := scenarios.ParseRegionFS(strings.NewReader(text), os.DirFS(dir), "test-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.PrepareRegion(reg, 7)
	if err != nil {
		t.Fatal(err)
	}
	var records, values int64
	for i, res := range rr.Each() {
		if i < len(rr.Councils) {
			records += int64(reps * len(res.Months) * len(res.Metrics) * 8)
		}
		values += int64(len(res.Months)*len(res.Metrics) + len(res.Periods)*len(res.KPIs))
	}
	if records <= limit {
		t.Fatalf("the councils' monthly records are %d bytes, within the limit: the test shows nothing", records)
	}

	// The heap is sampled every 2 ms while the export runs, with the collector's target a tenth
	// above the live heap, so that what is sampled is mostly what the export holds, not its
	// garbage (the garbage sampled with it errs on the side of failing).
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var peak atomic.Uint64
	done, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&ms)
			peak.Store(max(peak.Load(), ms.HeapAlloc))
		}
	}()
	resp, err := http.Get(url + "/region-export/" + export + "/results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	close(done)
	<-sampled
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("results.xlsx: status %d: %s", resp.StatusCode, got)
	}
	if resp.ContentLength != int64(len(got)) || !bytes.HasPrefix(got, []byte("PK")) {
		t.Errorf("results.xlsx: %d bytes sent, Content-Length %d, beginning %q", len(got), resp.ContentLength, got[:min(len(got), 4)])
	}
	held := int64(peak.Load()) - int64(before)
	t.Logf("the export of %d replications held at most %.1f MiB (the councils' monthly records: %.1f MiB; the limit: %d MiB), %.0f bytes for each of the run's %d summarised values",
		reps, float64(held)/(1<<20), float64(records)/(1<<20), limit>>20, float64(held)/float64(values), values)
	if held > limit {
		t.Errorf("the export held %.1f MiB, more than the workspace's limit of %d MiB", float64(held)/(1<<20), limit>>20)
	}
}

// runWorkspaceRegion starts a workspace on dir, whose test-region.yaml it runs from the region
// page with the quick and full replications and limits given, and returns the workspace's
// address and the run's export, which the results offer as a workbook. The workspace closes
// when the test ends.
func runWorkspaceRegion(t *testing.T, dir string, quick, full int, lim workspace.Limits) (url, export string) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	srv, err := workspace.New(workspace.Config{Dir: dir, QuickReps: 2, FullReps: 2, RegionQuickReps: quick, RegionFullReps: full, Seed: 7,
		Addr: ts.Listener.Addr().String(), Limits: lim, Version: placesimVersion(), Log: io.Discard, RegionFiles: workspaceRegionFile})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })

	return ts.URL, regionRunExport(t, ts.URL)
}

// regionRunExport runs test-region.yaml on the workspace at url and returns the name of its
// run's folder of downloads (/region-export/NAME/), from the results' link to the workbook.
func regionRunExport(t *testing.T, url string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"tab": "t", "ref": "test-region.yaml"})
	resp, err := http.Post(url+"/api/region/run", "application/json", bytes.NewReader(body))
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
	return m[1]
}
