package workspace

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// stubRegionFiles stands in for placesim run's writer of a region's report and workbook (in
// package main, where TestWorkspaceRegionFiles checks the bytes): it says what it was asked.
func stubRegionFiles(w io.Writer, file string, reg *model.Region, rr *sim.RegionResults, seed uint64, reps int) error {
	// A council's timeseries reads its monthly record, which the workspace's own runs drop.
	if err := rr.Councils[0].WriteTimeseries(io.Discard, []float64{50}); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "<!doctype html><html lang=\"en\"><title>%s</title><main><h1>%s of %s: %d replications, seed %d</h1></main></html>", file, file, reg.Name, reps, seed)
	return err
}

// A region's run, compared or not, offers its report and workbook; each is the run made again
// with every council's monthly record, for the region, seed and replications shown.
func TestRegionRunFiles(t *testing.T) {
	base, srv, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml"})
	mustNotContain(t, "a run with no writer of its files", a.Results, "run-report", "run-workbook")

	srv.cfg.RegionFiles = stubRegionFiles
	link := regexp.MustCompile(`id="run-report" href="/region-export/([^/"]+)/report.html"`)
	for _, st := range []regionState{
		{Tab: "t", Ref: "two-counties.yaml", Full: true},
		{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{"exit1.provider": "homes-north (external_residential)"}},
	} {
		a := runRegionState(t, base, st)
		m := link.FindStringSubmatch(a.Results)
		if m == nil {
			t.Fatalf("%v: no report of the run: %v", st.Values, a.Problems)
		}
		name, reps := "two-counties", 6
		if st.Values != nil {
			name, reps = "untitled-region", 3
		}
		// The link names the file the download gives.
		mustContain(t, "results", a.Results, `id="run-workbook" href="/region-export/`+m[1]+`/results.xlsx" download>Workbook of the run<span class="vh"> of `+name+`</span> (`+name+`-results.xlsx)</a>`)
		for _, file := range []string{"report.html", "results.xlsx"} {
			resp, body := get(t, base+"/region-export/"+m[1]+"/"+file+"?download=1")
			want := fmt.Sprintf("%s of %s: %d replications, seed 1", file, name, reps)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
				t.Errorf("%s: status %d, %q, want %q", file, resp.StatusCode, body, want)
			}
			if cd, want := resp.Header.Get("Content-Disposition"), fmt.Sprintf("%q", name+"-"+file); !strings.HasSuffix(cd, want) {
				t.Errorf("%s: Content-Disposition %q, want the file named %s", file, cd, want)
			}
		}
		// A strategy's comparison has a workbook of its own, named apart from the run's.
		if st.Values != nil {
			w := regexp.MustCompile(`id="workbook" href="(/region-export/[^"]+/results.xlsx)"`).FindStringSubmatch(a.Results)
			if w == nil {
				t.Fatalf("no workbook of the comparison")
			}
			resp, _ := get(t, base+w[1])
			mustContain(t, "results", a.Results, `download>Workbook (untitled-region-comparison-results.xlsx)</a>`)
			if cd, want := resp.Header.Get("Content-Disposition"), `"untitled-region-comparison-results.xlsx"`; resp.StatusCode != http.StatusOK || !strings.HasSuffix(cd, want) {
				t.Errorf("the comparison's workbook: status %d, Content-Disposition %q, want the file named %s", resp.StatusCode, cd, want)
			}
		}
		if resp, _ := get(t, base+"/region-export/"+m[1]+"/board-pack.html"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a run's board pack: status %d, want 404", resp.StatusCode)
		}
	}
	if resp, body := get(t, base+"/region-export/r999/report.html"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "no longer kept") {
		t.Errorf("a run no longer kept: status %d, %q", resp.StatusCode, body)
	}
}
