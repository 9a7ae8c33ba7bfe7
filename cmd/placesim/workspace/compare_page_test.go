package workspace

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// wavePage is the Compare page of two scenarios that extend a copy of the built-in carer
// retirement wave, saved as wave.yaml (name: carer-retirement-wave), whose own dated changes
// no lever sets: one adds a dated change of its own, the other a lever's value. It is fetched
// once for the tests that read it.
var wavePage = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "placesim-wave-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	wave, err := os.ReadFile(filepath.Join("..", "..", "..", "scenarios", "carer-retirement-wave.yaml"))
	if err != nil {
		return "", err
	}
	files := map[string]string{
		"wave.yaml":      string(wave),
		"wave-plus.yaml": "name: wave-plus\nextends: wave.yaml\ninterventions:\n  - {action: retention, label: Extra retention push, from: 2027-04-01, to: 2028-04-01, kind: specialist_foster, factor: 0.9}\n",
		"wave-b.yaml":    "name: wave-b\nextends: wave.yaml\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 30\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	srv, err := New(Config{Dir: dir, QuickReps: 4, FullReps: 6, Seed: 1, Addr: "127.0.0.1:1"})
	if err != nil {
		return "", err
	}
	defer srv.Close()
	return serveGet(srv, "/compare?s=wave-plus&s=wave-b&job=j")
})

// serveGet answers a GET of path from the workspace's own pages without a listening server.
func serveGet(srv *Server, path string) (string, error) {
	req := httptest.NewRequest(http.MethodGet, "http://"+srv.cfg.Addr+path, nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return "", fmt.Errorf("GET %s: status %d:\n%s", path, rec.Code, rec.Body)
	}
	return rec.Body.String(), nil
}

// waveCompare returns wavePage, or stops the test.
func waveCompare(t *testing.T) string {
	t.Helper()
	page, err := wavePage()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, `<h2 id="compare-h">wave-plus, wave-b against wave.yaml</h2>`) {
		t.Fatalf("the Compare page compares nothing:\n%s", page)
	}
	return page
}

// TestCompareBaselineDatedChanges checks that the Compare page's row of dated changes no
// lever sets lists the baseline's own (it had said none of a baseline with four), and that its
// charts name the baseline as the table does, by its file, not by its name field.
func TestCompareBaselineDatedChanges(t *testing.T) {
	page := waveCompare(t)
	row := regexp.MustCompile(`Dated changes no lever sets</th><td>(.*?)</td>`).FindStringSubmatch(page)
	if row == nil {
		t.Fatalf("no row of dated changes no lever sets")
	}
	for _, want := range []string{"<ul><li>Retirement wave (2026/27)", "<li>Retirement wave (2029/30)"} {
		if !strings.Contains(row[1], want) {
			t.Errorf("the baseline's dated changes are %q, want %q among them", row[1], want)
		}
	}
	if strings.Contains(row[1], "Extra retention push") {
		t.Errorf("the baseline's dated changes list wave-plus's: %q", row[1])
	}
	labels := regexp.MustCompile(`<svg[^>]* aria-label="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(labels) != 2 {
		t.Fatalf("%d charts with aria-labels, want 2", len(labels))
	}
	for _, l := range labels {
		if strings.Contains(l[1], "carer-retirement-wave") || !strings.Contains(l[1], "differs from &#34;wave.yaml&#34;") {
			t.Errorf("a chart's aria-label names the baseline otherwise than the table (wave.yaml): %s", l[1])
		}
	}
}

// TestCompareTableOneHead checks that the Compare table is valid HTML, with one thead (it had
// two, the levers' and the outcomes'): the outcomes' headers are a row of column headers in
// their tbody, and every column header says so.
func TestCompareTableOneHead(t *testing.T) {
	page := waveCompare(t)
	start := strings.Index(page, `<table class="figures side" id="compare-table">`)
	end := strings.Index(page[start:], "</table>")
	if start < 0 || end < 0 {
		t.Fatal("no Compare table")
	}
	table := page[start : start+end]
	if n := strings.Count(table, "<thead>"); n != 1 {
		t.Errorf("the Compare table has %d thead elements, want 1", n)
	}
	if !strings.Contains(table, `<tbody>
  <tr class="head"><th scope="col">Outcome</th><th scope="col">Baseline</th><th scope="col">wave-plus</th><th scope="col">wave-b</th></tr>`) {
		t.Errorf("the outcomes' headers are not a row of column headers in their tbody:\n%s", table)
	}
	if n := strings.Count(table, "<th>"); n != 0 {
		t.Errorf("%d header cells without a scope", n)
	}
}

// TestCompareWholeRunFirst checks that the Compare page's outcomes lead with the total cost
// over the whole run, as each board pack does ("Over the 10 years"), before the horizon's
// and the first year's rows, each scenario's with its change from the baseline.
func TestCompareWholeRunFirst(t *testing.T) {
	page := waveCompare(t)
	rows := regexp.MustCompile(`<tr><th scope="row">(Total cost, [^<]*)</th>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[1])
	}
	if want := []string{"Total cost, over the 10 years", "Total cost, 2035/36", "Total cost, 2026/27"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the Compare page's total cost rows are %q, want %q", got, want)
	}
	row := regexp.MustCompile(`(?s)Total cost, over the 10 years</th>(.*?)</tr>`).FindStringSubmatch(page)
	if row == nil || strings.Count(row[1], "<strong>£") != 2 || strings.Count(row[1], "<td") != 3 {
		t.Errorf("the whole run's row has not the baseline's and two scenarios' figures: %q", row)
	}
}

// TestCompareChartTables checks that each of the Compare page's charts has, as the scenario
// page's do, a caption, a table of its figures, and export links named by its title rather
// than its file's name.
func TestCompareChartTables(t *testing.T) {
	page := waveCompare(t)
	_, charts, _ := strings.Cut(page, `<div class="charts">`)
	boxes := strings.Split(charts, `<figure class="chart-box"`)[1:]
	if len(boxes) != 2 {
		t.Fatalf("%d charts, want 2", len(boxes))
	}
	for i, box := range boxes {
		box, _, _ = strings.Cut(box, "</figure>")
		name := []string{"wave-plus", "wave-b"}[i]
		title := regexp.MustCompile(`<figcaption class="vh">(How &#34;` + name + `&#34; differs from &#34;wave.yaml&#34;[^<:]*): [^<]+</figcaption>`).FindStringSubmatch(box)
		if title == nil {
			t.Errorf("chart %d has no caption of how %s differs from wave.yaml:\n%s", i, name, box)
			continue
		}
		if !strings.Contains(box, `<details class="table"><summary>Figures in this chart (paired mean difference and its 90% confidence interval of the mean)</summary>`) ||
			!strings.Contains(box, `aria-label="Figures in `+title[1]+`"`) || !strings.Contains(box, "<td>all years</td>") {
			t.Errorf("chart %d has no table of its figures:\n%s", i, box)
		}
		if n := strings.Count(box, `<span class="vh"> of `+title[1]+`</span></a>`); n != 4 {
			t.Errorf("chart %d: %d export links named by its title, want 4:\n%s", i, n, box)
		}
		if strings.Contains(box, `<span class="vh"> difference`) {
			t.Errorf("chart %d: an export link is named by the chart's file:\n%s", i, box)
		}
	}
}

// TestCompareFirstWholeYear checks that the Compare page of a run from 15 April gives, after
// the whole run, the last and the first whole years, as placesim compare's table and the run's
// report do, not the part year of 351 days the run begins with.
func TestCompareFirstWholeYear(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"mid.yaml":      "name: mid\nextends: default\nstart: 2026-04-15\nyears: 3\n",
		"mid-more.yaml": "name: mid-more\nextends: mid.yaml\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 30\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New(Config{Dir: dir, QuickReps: 2, FullReps: 2, Seed: 1, Addr: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	page, err := serveGet(srv, "/compare?s=mid-more&job=j")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`<tr><th scope="row">(Total cost, [^<]*)</th>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[1])
	}
	if want := []string{"Total cost, over the 3 years", "Total cost, 2028/29", "Total cost, 2027/28"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the Compare page's total cost rows are %q, want %q", got, want)
	}
	if part := regexp.MustCompile(`<th scope="row">[^<]*\(from 15 April\)`).FindString(page); part != "" {
		t.Errorf("the Compare page gives the part year the run begins with: %s", part)
	}
}
