package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSetsNamedWhateverThePath checks that a run changed by --set says so, in its printed line,
// its report's title and source lines, its workbook and its scenario.yaml, whatever form the
// --set's path takes: a key, a key inside a value written {…}, a list's index, a home named
// with a space; and that compare, sweep and sensitivity, its shards, their merge and a plot of
// the merged folder say it too.
func TestSetsNamedWhateverThePath(t *testing.T) {
	dir := t.TempDir()
	for _, set := range []string{
		"kinds.ifa.weekly_gbp=1100",
		"kinds.ifa.weekly_gbp.standard=1100",
		"stock[0].count=40",
		"kinds.inhouse_home.homes.Oak House.beds=3",
	} {
		t.Run(set, func(t *testing.T) {
			named := "default changed by --set " + set
			out := filepath.Join(dir, strings.NewReplacer(".", "-", "[", "", "]", "", " ", "-", "=", "-").Replace(set))
			o := mustRun(t, "run", "default", "--set", set, "--reps", "2", "--years", "1", "--formats", "svg", "--out", out)
			if want := "placesim: " + named + ", 1 year, 2 replications"; !strings.Contains(o.stderr, want) {
				t.Errorf("stderr %q does not say %q", o.stderr, want)
			}
			page := readFile(t, out, "report.html")
			for _, want := range []string{
				"<title>Placement sufficiency: default, changed by --set</title>",
				"<li>" + set + "</li>",
				`scenario &#34;default&#34; changed by --set ` + set + ", 2 runs",
			} {
				if !strings.Contains(page, want) {
					t.Errorf("report.html does not say %q", want)
				}
			}
			if strings.Contains(page, `scenario &#34;default&#34;, 2 runs`) {
				t.Error("a source line of report.html names the unchanged scenario")
			}
			marked := false
			for _, line := range strings.Split(readFile(t, out, "scenario.yaml"), "\n") {
				marked = marked || !strings.HasPrefix(line, "#") && strings.Contains(line, "# --set "+set)
			}
			if !marked {
				t.Errorf("scenario.yaml does not mark the value --set %s changed", set)
			}
		})
	}
	t.Run("compare, sweep and sensitivity", func(t *testing.T) {
		const set = "kinds.inhouse_home.homes.Oak House.beds=3"
		const named = "changed by --set " + set
		o := mustRun(t, "compare", "--reps", "2", "--years", "1", "--set", set, "--charts=false", "default", "early-help", "--out", filepath.Join(dir, "c"))
		if want := "early-help against default, each " + named + ": 2 paired"; !strings.Contains(o.stdout, want) {
			t.Errorf("compare said %q, not %q", o.stdout, want)
		}
		o = mustRun(t, "sweep", "default", "--reps", "2", "--years", "1", "--set", set, "--vary", "inflation_per_year=0.01:0.03:0.02", "--charts=false", "--out", filepath.Join(dir, "sw"))
		if want := "default " + named + ": inflation_per_year over"; !strings.Contains(o.stdout, want) {
			t.Errorf("sweep said %q, not %q", o.stdout, want)
		}
		o = mustRun(t, "sensitivity", "default", "--reps", "2", "--years", "1", "--defaults=false", "--set", set, "--vary", "inflation_per_year=0.01:0.03", "--charts=false", "--out", filepath.Join(dir, "se"))
		if want := "default " + named + ": what spending"; !strings.Contains(o.stdout, want) {
			t.Errorf("sensitivity said %q, not %q", o.stdout, want)
		}
	})
	t.Run("shards, merge and plot", func(t *testing.T) {
		const set = "kinds.inhouse_home.homes.Oak House.beds=3"
		const named = "default changed by --set " + set + ", 1 year"
		var shards []string
		for i, shard := range []string{"0/2", "1/2"} {
			sd := filepath.Join(dir, "shard"+string(rune('0'+i)))
			o := mustRun(t, "run", "default", "--set", set, "--reps", "2", "--years", "1", "--shard", shard, "--out", sd)
			if want := "placesim: " + named + ", shard " + shard; !strings.Contains(o.stderr, want) {
				t.Errorf("shard said %q, not %q", o.stderr, want)
			}
			shards = append(shards, sd)
		}
		merged := filepath.Join(dir, "merged")
		o := mustRun(t, "merge", shards[0], shards[1], "--formats", "svg", "--out", merged)
		if want := "placesim: merged 2 shards of " + named + ", 2 replications"; !strings.Contains(o.stderr, want) {
			t.Errorf("merge said %q, not %q", o.stderr, want)
		}
		if page := readFile(t, merged, "report.html"); !strings.Contains(page, "<title>Placement sufficiency: default, changed by --set</title>") {
			t.Error("the merged report.html is titled as the unchanged scenario")
		}
		mustRun(t, "plot", merged, "--formats", "svg", "-q")
		// The source line wraps at the space in the home's name.
		if svg := readFile(t, filepath.Join(merged, "charts"), "children-by-kind.svg"); !strings.Contains(svg, "changed by --set kinds.inhouse_home.homes.Oak<") || !strings.Contains(svg, ">House.beds=3, 2 runs") {
			t.Error("plot's chart does not name the --set in its source line")
		}
	})
}
