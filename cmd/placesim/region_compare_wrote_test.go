package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCompareRegionsSaysWhatItWrote requires a comparison of regions to end by naming the
// files it wrote, as a comparison of scenarios does, with its charts and without.
func TestCompareRegionsSaysWhatItWrote(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": "name: test-dearer\nextends: test-region.yaml\ncouncils:\n  - {name: north-shire, set: [kinds.ifa.weekly_gbp=900]}\n"})
	base, alt := filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml")
	for _, tc := range []struct {
		charts string
		wrote  string
		top    []string
	}{
		{"false", "{comparison,business_case,spending_parts}.csv and manifest.json", []string{"business_case.csv", "comparison.csv", "manifest.json", "spending_parts.csv"}},
		{"true", "{comparison,business_case,spending_parts}.csv, report.html, results.xlsx, charts" + string(filepath.Separator) + " and manifest.json", []string{"business_case.csv", "charts", "comparison.csv", "manifest.json", "report.html", "results.xlsx", "spending_parts.csv"}},
	} {
		out := filepath.Join(dir, "cmp-"+tc.charts)
		args := []string{"compare", base, alt, "--reps", "1", "--charts=" + tc.charts, "--out", out}
		if tc.charts == "true" {
			args = append(args, "--formats", "svg") // refused with --charts=false
		}
		o := mustRun(t, args...)
		lines := strings.Split(strings.TrimSpace(o.stderr), "\n")
		got := regexp.MustCompile(`in [0-9.]+s;`).ReplaceAllString(lines[len(lines)-1], "in Xs;")
		want := "placesim: compared test-dearer with test-region (3 councils, each paired), 1 replication each (seed 1) in Xs; wrote " + out + string(filepath.Separator) + tc.wrote
		if got != want {
			t.Errorf("--charts=%s: the last line is\n%s\nwant\n%s", tc.charts, got, want)
		}
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		var top []string
		for _, e := range entries {
			top = append(top, e.Name())
		}
		if !slices.Equal(top, tc.top) {
			t.Errorf("--charts=%s wrote %v, want %v", tc.charts, top, tc.top)
		}
	}
}

// TestCompareRegionsOnePair compares regions with one paired run: one pair gives no interval,
// so the printed table, the net saving and the pack show the pair's differences alone and say
// why, rather than "(– to –)" in every cell.
func TestCompareRegionsOnePair(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": "name: test-dearer\nextends: test-region.yaml\ncouncils:\n  - {name: north-shire, set: [kinds.ifa.weekly_gbp=900]}\n"})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "1", "--formats", "svg", "--out", out)
	report, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"the printed comparison": o.stdout, "report.html": string(report)} {
		if strings.Contains(s, "– to –") {
			t.Errorf("%s gives one pair the interval \"– to –\"", name)
		}
		if !regexp.MustCompile(`One paired run gives no interval: each figure is that run(&#39;|')s\.`).MatchString(s) {
			t.Errorf("%s does not say that one paired run gives no interval", name)
		}
	}
	if !regexp.MustCompile(`The region's net saving over the run: [-+]£[0-9.]+[km]?\.\n`).MatchString(o.stdout) {
		t.Errorf("the printed net saving is not the pair's alone:\n%s", o.stdout)
	}
	// Nor does the pack give the one pair a chance of paying back ("0%"): its last cell in each
	// row of the business case is "–", as the chance better is.
	table, _, _ := strings.Cut(string(report)[strings.Index(string(report), "Chance it pays back"):], "</tbody>")
	caseRows := 0
	for _, m := range regexp.MustCompile(`<td class="num">([^<]*)</td></tr>`).FindAllStringSubmatch(table, -1) {
		caseRows++
		if m[1] != "–" {
			t.Errorf("the pack gives one pair the chance of paying back %q", m[1])
		}
	}
	if strings.Contains(string(report), "Below each, its 90% confidence interval") {
		t.Errorf("the pack's business case speaks of intervals one pair does not give")
	}
	if caseRows == 0 {
		t.Errorf("no row of the business case found in report.html")
	}
}
