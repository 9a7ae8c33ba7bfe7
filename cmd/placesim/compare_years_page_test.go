package main

import (
	"encoding/csv"
	"html"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/cmd/placesim/workspace"
)

// TestComparePageCostByYearAgreesWithCompare checks that the workspace's Compare page gives the
// total cost by financial year, each year's change from the baseline with its interval, and
// that every figure is the one placesim compare writes at the same seed: comparison.csv's
// cost_total difference and its interval, and business_case.csv's net saving, its negative.
// The run starts on 15 April, so its first and last years are part years, which the table
// says.
func TestComparePageCostByYearAgreesWithCompare(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"mid.yaml":      "name: mid\nextends: default\nstart: 2026-04-15\nyears: 3\nwarmup_years: 1\n",
		"mid-more.yaml": "name: mid-more\nextends: mid.yaml\ninterventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: 2026-06-01, per_year: 20}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	mustRun(t, "compare", filepath.Join(dir, "mid.yaml"), filepath.Join(dir, "mid-more.yaml"), "--reps", "4", "--seed", "3", "--charts=false", "--out", out)

	srv, err := workspace.New(workspace.Config{Dir: dir, QuickReps: 4, FullReps: 4, Seed: 3, Addr: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1/compare?s=mid-more&job=y", nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("the Compare page: status %d\n%s", rec.Code, rec.Body)
	}
	page := rec.Body.String()
	_, table, ok := strings.Cut(page, `<table class="figures side" id="cost-years">`)
	if !ok {
		t.Fatalf("the Compare page has no table of cost by year:\n%s", page)
	}
	table, _, _ = strings.Cut(table, "</table>")

	type fig struct{ mean, diff, lo, hi float64 }
	rowRE := regexp.MustCompile(`(?s)<th scope="row" class="year">(.*?)</th>.*?data-mean="([^"]+)" data-diff="([^"]+)" data-lo="([^"]+)" data-hi="([^"]+)"`)
	got := map[string]fig{}
	var labels []string
	for _, m := range rowRE.FindAllStringSubmatch(table, -1) {
		label := html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
		var f [4]float64
		for i := range f {
			if f[i], err = strconv.ParseFloat(html.UnescapeString(m[2+i]), 64); err != nil {
				t.Fatalf("%s: %v", label, err)
			}
		}
		period, _, _ := strings.Cut(label, " ")
		if strings.HasPrefix(label, "Total, ") {
			period = "all"
		}
		got[period] = fig{f[0], f[1], f[2], f[3]}
		labels = append(labels, label)
	}
	wantLabels := []string{"2026/27 (from 15 April) part year", "2027/28", "2028/29", "2029/30 (to 14 April) part year", "Total, over the 3 years"}
	if strings.Join(labels, "|") != strings.Join(wantLabels, "|") {
		t.Errorf("the table's years are %q, want %q", labels, wantLabels)
	}
	if !strings.Contains(page, "2026/27 (from 15 April) and 2029/30 (to 14 April) are part years, not whole financial years") {
		t.Errorf("the page does not say which years are part years")
	}

	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[1:]
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	seen := 0
	for _, r := range read("comparison.csv") {
		if r[3] != "cost_total" {
			continue
		}
		seen++
		g, ok := got[r[2]]
		if !ok {
			t.Errorf("comparison.csv has %s, the page's table not", r[2])
			continue
		}
		if !near(g.mean, num(r[5])) || !near(g.diff, num(r[6])) || !near(g.lo, num(r[7])) || !near(g.hi, num(r[8])) {
			t.Errorf("%s: the page gives %+v, comparison.csv %s, %s (%s to %s)", r[2], g, r[5], r[6], r[7], r[8])
		}
	}
	if seen != len(got) {
		t.Errorf("comparison.csv has %d periods of cost_total, the page %d", seen, len(got))
	}
	for _, r := range read("business_case.csv") {
		if r[3] != "net_saving" {
			continue
		}
		if g := got[r[2]]; !near(-g.diff, num(r[4])) || !near(-g.hi, num(r[5])) || !near(-g.lo, num(r[6])) {
			t.Errorf("%s: the page's change %+v is not business_case.csv's net saving %s (%s to %s) less 0", r[2], g, r[4], r[5], r[6])
		}
	}
}
