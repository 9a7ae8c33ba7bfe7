package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOneRunChartsKeyNoBands runs one replication: its charts draw no band, so their legends
// keep no key of one ("Half of runs", "9 in 10 runs", "Total: range of 9 in 10 runs").
func TestOneRunChartsKeyNoBands(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r1")
	mustRun(t, "run", "--reps", "1", "--years", "2", "--formats", "svg", "--out", out, "-q")
	for _, name := range []string{"children-by-kind.svg", "cost-by-year.svg"} {
		b, err := os.ReadFile(filepath.Join(out, "charts", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{">Half of runs<", ">9 in 10 runs<", ">Total: range of 9 in 10 runs<"} {
			if strings.Contains(string(b), key) {
				t.Errorf("%s keeps the legend key %s of a band it does not draw", name, key)
			}
		}
	}
}

// svgWords returns the words of the text of an SVG chart, its lines joined by spaces, then
// again in the reverse order (a note is drawn from its last line up), so that a sentence the
// chart wraps reads whole in one or the other.
func svgWords(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, m := range regexp.MustCompile(`>([^<>]+)<`).FindAllStringSubmatch(string(b), -1) {
		words = append(words, html.UnescapeString(strings.TrimSpace(m[1])))
	}
	fwd := strings.Join(strings.Fields(strings.Join(words, " ")), " ")
	slices.Reverse(words)
	return fwd + " | " + strings.Join(strings.Fields(strings.Join(words, " ")), " ")
}

// TestOneRunChartsClaimNoRange checks every chart of a scenario's run and of a region's at one
// run: each carries the caution that one run gives no range, and none keys or states a range
// it does not have, nor a mean or a median of runs (nor does the report's text) ("9 in 10 runs" in a key, "bands hold 9 in 10 runs", "9 in 10 runs: 87% to
// 87%"); at 3 runs every chart of a region carries the caution of too few runs, as a council's
// do. The region's own charts (councils, market occupancy, spot price premium) had none.
func TestOneRunChartsClaimNoRange(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args    []string
		caution string
	}{
		{[]string{"--reps", "1", "--years", "2", "default"}, "one run gives no range of what could happen (9 in 10 runs)"},
		{[]string{"--reps", "1", "--years", "1", "--council-charts=false", "south-east"}, "one run gives no range of what could happen (9 in 10 runs)"},
		{[]string{"--reps", "3", "--years", "1", "--council-charts=false", "south-east"}, "3 runs are too few for the range of 9 in 10 runs"},
	} {
		out := filepath.Join(dir, strings.Join(tt.args[:2], ""), tt.args[len(tt.args)-1])
		mustRun(t, slices.Concat([]string{"run", "--formats", "svg", "--out", out, "-q"}, tt.args)...)
		files, err := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
		if err != nil || len(files) < 7 {
			t.Fatalf("%v: charts %v, %v", tt.args, files, err)
		}
		// A chart's note begins the caution as a sentence, with a capital.
		caution := strings.ToUpper(tt.caution[:1]) + tt.caution[1:]
		for _, f := range files {
			words := svgWords(t, f)
			if caution != tt.caution && strings.Contains(words, ". "+tt.caution) {
				t.Errorf("%v: %s begins the caution's sentence in lower case:\n%s", tt.args, filepath.Base(f), words)
			}
			if !strings.Contains(words, caution) {
				t.Errorf("%v: %s lacks the caution %q:\n%s", tt.args, filepath.Base(f), caution, words)
			}
			if tt.args[1] != "1" {
				continue
			}
			// The caution, and its wrapped part in the lines' order.
			rest := strings.NewReplacer(caution, "", "range of what could happen (9 in 10 runs)", "",
				"One run gives no range of what could", "", "happen (9 in 10 runs)", "",
				"One run gives no range of what", "", "could happen (9 in 10 runs)", "").Replace(words)
			for _, claim := range []string{"9 in 10", "Half of runs", "range of", "bands hold"} {
				if strings.Contains(rest, claim) {
					t.Errorf("%v: %s claims a range of one run (%q):\n%s", tt.args, filepath.Base(f), claim, words)
				}
			}
			if w := manyRunsWord(rest); w != "" {
				t.Errorf("%v: %s speaks of many runs (%q) at one run:\n%s", tt.args, filepath.Base(f), w, words)
			}
		}
		if tt.args[1] != "1" {
			continue
		}
		// The report's own text: its introduction and the key figures' note.
		b, err := os.ReadFile(filepath.Join(out, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		text := regexp.MustCompile(`(?s)<svg.*?</svg>`).ReplaceAllString(string(b), "")
		text = html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(text, " "))
		text = strings.ReplaceAll(text, tt.caution, "")
		if w := manyRunsWord(text); w != "" {
			t.Errorf("%v: report.html speaks of many runs (%q) at one run:\n%s", tt.args, w, text)
		}
		for _, claim := range []string{"9 in 10", "9 runs in 10"} {
			if strings.Contains(text, claim) {
				t.Errorf("%v: report.html claims a range of one run (%q)", tt.args, claim)
			}
		}
		// A region's workbook heads its councils' figures as the run's, with no range.
		if tt.args[len(tt.args)-1] == "south-east" {
			book := bookStrings(t, filepath.Join(out, "results.xlsx"))
			for _, claim := range []string{"mean, p05, p95", "council\tkpi\tlabel\tunit\tmean", "9 runs in 10"} {
				if strings.Contains(book, claim) {
					t.Errorf("%v: results.xlsx speaks of many runs (%q) at one run", tt.args, claim)
				}
			}
		}
	}
}

// manyRunsWord returns the first words in text of a figure of many runs (a mean or a median of
// them, their middle half), which a report or a chart of one run has not, or "".
func manyRunsWord(text string) string {
	lower := strings.ToLower(text)
	for _, w := range []string{"mean of runs", "means of runs", "mean of the runs", "median", "9 runs in 10", "middle half", "over runs", "average of runs"} {
		if strings.Contains(lower, w) {
			return w
		}
	}
	return ""
}
