package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/scenarios/readme"
)

// TestReadmeScenariosList checks that README.md's listing of placesim scenarios is what the
// command prints; -update rewrites it.
func TestReadmeScenariosList(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o := mustRun(t, "scenarios")
	got, err := readme.Named("output:scenarios").Replace(string(text), "```\n"+o.stdout+"```")
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	if got == string(text) {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's listing of placesim scenarios is not what it prints:\n%s\n(go test ./cmd/placesim -run TestReadmeScenariosList -update rewrites it)", o.stdout)
}

// TestReadmeSavedFile checks that README.md's example of a file the workspace saves reads as
// it says: twelve more carers a year than the default's, and that the page's address it gives
// holds the same figure.
func TestReadmeSavedFile(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```yaml\n(\\s*name: more-carers\n.*?)```").FindStringSubmatch(string(text))
	if block == nil {
		t.Fatal("README.md has no saved file named more-carers")
	}
	s, err := scenarios.Parse(strings.NewReader(block[1]), "more-carers.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	// The workspace writes carers recruited a year as a programme on top of the pool's own.
	want := base.Kinds[1].Carers.ApprovalsPerYear + 12
	got := s.Kinds[1].Carers.ApprovalsPerYear
	for _, iv := range s.Interventions[len(base.Interventions):] {
		if iv.Action == model.ExtraApprovals && int(iv.Kind) == 1 && iv.From.Equal(base.Start) {
			got += iv.PerYear
		}
	}
	if !strings.Contains(block[1], "twelve more than now") || got != want {
		t.Errorf("the saved file approves %v households a year from the start and says \"twelve more than now\"; the default approves %v", got, base.Kinds[1].Carers.ApprovalsPerYear)
	}
	addr := regexp.MustCompile(`/\?approvals=([0-9]+)`).FindStringSubmatch(string(text))
	if addr == nil || parseF(t, addr[1]) != want {
		t.Errorf("the page's address in README.md %v, want approvals=%v as the saved file", addr, want)
	}
}

// TestReadmePairShares checks that README.md says what p_lower and p_higher are as
// comparison.csv holds them: shares of the paired runs (0.75 for 15 pairs in 20), wherever it
// says what they are, never counts of pairs.
func TestReadmePairShares(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	said := regexp.MustCompile("`p_lower` and `p_higher` are ([a-z ]+)").FindAllStringSubmatch(flat, -1)
	if len(said) == 0 {
		t.Fatal("README.md never says what p_lower and p_higher are")
	}
	shares := false
	for _, m := range said {
		what := strings.TrimPrefix(m[1], "the ")
		shares = shares || strings.HasPrefix(what, "shares ")
		if strings.HasPrefix(what, "counts ") || strings.HasPrefix(what, "numbers ") {
			t.Errorf("README.md says p_lower and p_higher are %q; comparison.csv holds shares of the pairs", m[1])
		}
	}
	if !shares {
		t.Error("README.md never says p_lower and p_higher are shares of the pairs")
	}
}

// TestReadmeRunFlags checks that README.md's table of run's flags (the first table after
// "`placesim run [SCENARIO]` simulates") has a row for every flag `placesim run --help` lists,
// under each of its names, and no row for a flag run does not have.
func TestReadmeRunFlags(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := readmeFlagTable(t, string(text), "`placesim run [SCENARIO]` simulates")
	help := mustRun(t, "run", "--help").stdout
	_, opts, ok := strings.Cut(help, "\nOPTIONS:\n")
	if !ok {
		t.Fatalf("placesim run --help has no OPTIONS:\n%s", help)
	}
	listed := map[string]bool{}
	name := regexp.MustCompile(`^-{1,2}[a-z][a-z-]*`)
	for _, line := range strings.Split(opts, "\n") {
		names, _, _ := strings.Cut(strings.TrimSpace(line), "  ")
		for _, n := range strings.Split(names, ", ") {
			n = name.FindString(n)
			if n == "" || n == "--help" || n == "-h" {
				continue
			}
			listed[n] = true
			if !documented[n] {
				t.Errorf("README.md's table of run's flags has no row for %s, which placesim run --help lists", n)
			}
		}
	}
	if len(listed) < 20 {
		t.Fatalf("read only %d flags from placesim run --help:\n%s", len(listed), help)
	}
	for n := range documented {
		if !listed[n] {
			t.Errorf("README.md's table of run's flags has a row for %s, which placesim run --help does not list", n)
		}
	}
}

// readmeFlagTable returns the flags named in the first column of the first table of flags
// (| flag | default | meaning |) after the text after in README.md's text.
func readmeFlagTable(t *testing.T, text, after string) map[string]bool {
	t.Helper()
	at := strings.Index(text, after)
	if at < 0 {
		t.Fatalf("README.md does not say %q", after)
	}
	start := strings.Index(text[at:], "\n| flag | default | meaning |\n")
	if start < 0 {
		t.Fatalf("README.md has no table of flags after %q", after)
	}
	flags := map[string]bool{}
	name := regexp.MustCompile("`(-{1,2}[a-z][a-z-]*)")
	for _, line := range strings.Split(text[at+start+1:], "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(line, "|"), "|")
		for _, m := range name.FindAllStringSubmatch(first, -1) {
			flags[m[1]] = true
		}
	}
	return flags
}

// TestReadmeRegionReportMeans checks that the README says of the region report's table of
// councils what the report says of it: each cell the mean of the runs, and of its markets' table
// the median.
func TestReadmeRegionReportMeans(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(text)), " ")
	out := filepath.Join(t.TempDir(), "region")
	mustRun(t, "run", testRegionFile(t), "--reps", "2", "--formats", "svg", "--council-charts=false", "-q", "--out", out)
	report := readFile(t, out, "report.html")
	for _, tc := range []struct{ readme, report string }{
		{"and spending a year, each the mean of the runs, as the council's own report and `summary.csv` give it, with the range of 9 runs in 10",
			"Each cell: the mean of the runs over the whole run, as a council's own report and summary.csv give it"},
		{"places in use and occupancy by zone, each the median of the runs as the market's charts draw it",
			"Each cell: the median of the runs, as the market's charts draw it"},
	} {
		if !strings.Contains(report, tc.report) {
			t.Errorf("the region's report does not say %q", tc.report)
		}
		if !strings.Contains(readme, tc.readme) {
			t.Errorf("README.md does not say %q, as the report does", tc.readme)
		}
	}
}

// TestReadmeExitStatusOfWarnings checks what README.md's paragraph on exit statuses says of a
// warning against what placesim does: a --precision not reached warns, even with -q, exits
// with 0, and manifest.json's precision.met, which the paragraph points scripts at, is false.
func TestReadmeExitStatusOfWarnings(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, para, _ := strings.Cut(string(text), "\nThe exit status is 0 on success")
	para, _, _ = strings.Cut(para, "\n\n")
	for _, want := range []string{"A warning does not change it", "`-q`", "`precision.met` in `manifest.json`", "`--charts=false`"} {
		if !strings.Contains(para, want) {
			t.Errorf("README's paragraph on exit statuses does not say %s:\n%s", want, para)
		}
	}
	out := filepath.Join(t.TempDir(), "short")
	o := placesim(t, "run", "--precision", "0.0001", "--reps", "4", "--max-reps", "8", "--years", "1", "--charts=false", "-q", "--out", out)
	if o.code != exitOK || !strings.Contains(o.stderr, "placesim: warning: ") {
		t.Fatalf("a --precision not reached: exit %d, stderr %q; want 0 and a warning", o.code, o.stderr)
	}
	if m := readFile(t, out, "manifest.json"); !regexp.MustCompile(`"met": false`).MatchString(m) {
		t.Errorf("manifest.json does not record the target not met:\n%s", m)
	}
}
