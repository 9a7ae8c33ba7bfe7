package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// runAgainLine reads the command the "Run it again with:" line of a folder's scenario.yaml (or
// region.yaml) gives, as arguments after "placesim", the file named with its path in dir.
func runAgainLine(t *testing.T, dir, name string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^# Run it again with: placesim (.*)$`).FindStringSubmatch(readFile(t, dir, name))
	if m == nil {
		t.Fatalf("%s holds no \"Run it again with:\" line", name)
	}
	args := strings.Fields(m[1])
	for i, a := range args {
		if a == name {
			args[i] = filepath.Join(dir, name)
		}
	}
	return args
}

// sameFiles fails the test unless folders a and b hold the same files with the same bytes.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	names := func(dir string) []string {
		var ns []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				ns = append(ns, rel)
			}
			return err
		})
		return ns
	}
	na, nb := names(a), names(b)
	if strings.Join(na, " ") != strings.Join(nb, " ") {
		t.Fatalf("the run wrote %v, running it again %v", na, nb)
	}
	for _, n := range na {
		if readFile(t, a, n) != readFile(t, b, n) {
			t.Errorf("%s differs when the run is run again", n)
		}
	}
}

// TestRunAgainPercentiles follows scenario.yaml's "Run it again with:" line of a run with
// --percentiles of its own: it gives the same files, the summaries' percentiles among them.
func TestRunAgainPercentiles(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	mustRun(t, "run", "default", "--reps", "3", "--seed", "7", "--set", "entries.per_year=360", "--years", "1",
		"--percentiles", "10,50,90", "--charts=false", "--out", first)
	args := runAgainLine(t, first, "scenario.yaml")
	if !strings.Contains(strings.Join(args, " "), "--percentiles 10,50,90") {
		t.Errorf("the line leaves out --percentiles: placesim %s", strings.Join(args, " "))
	}
	again := filepath.Join(dir, "again")
	mustRun(t, append(args, "--out", again)...)
	sameFiles(t, first, again)
}

// TestRunAgainCharts follows scenario.yaml's "Run it again with:" line of runs that drew their
// charts in some formats only, or none: it carries --formats or --charts=false, so that the
// run again writes the same files, charts and manifest.json among them; and so does the line
// of a merge given them, which its shards refuse.
func TestRunAgainCharts(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--formats", "svg"}, " --formats svg"},
		{[]string{"--charts=false"}, " --charts=false"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			dir := t.TempDir()
			first := filepath.Join(dir, "first")
			mustRun(t, append([]string{"run", "default", "--reps", "2", "--seed", "7", "--set", "warmup_years=1", "--years", "1", "-q", "--out", first}, tc.flags...)...)
			args := runAgainLine(t, first, "scenario.yaml")
			if line := strings.Join(args, " "); !strings.HasSuffix(line, tc.want) {
				t.Errorf("the line: placesim %s\nwant it to end %s", line, tc.want)
			}
			again := filepath.Join(dir, "again")
			mustRun(t, append(args, "-q", "--out", again)...)
			sameFiles(t, first, again)

			for _, i := range []string{"0", "1"} {
				mustRun(t, "run", "default", "--reps", "2", "--seed", "7", "--set", "warmup_years=1", "--years", "1", "-q", "--shard", i+"/2", "--out", filepath.Join(dir, "shards", i))
			}
			merged := filepath.Join(dir, "merged")
			mustRun(t, append([]string{"merge", filepath.Join(dir, "shards"), "-q", "--out", merged}, tc.flags...)...)
			sameFiles(t, first, merged)
		})
	}
}

// TestRegionRunAgainFromFolder: a region's run records its --set changes in manifest.json, and
// its region.json, given to run, is refused with the command that runs the region again,
// which writes the same files, byte for byte.
func TestRegionRunAgainFromFolder(t *testing.T) {
	dir := t.TempDir()
	first, file := filepath.Join(dir, "r1"), testRegionFile(t)
	mustRun(t, "run", file, "--reps", "2", "--years", "1", "--seed", "4", "--set", "markets[0].pricing.threshold=0.8", "--percentiles", "10,90", "--charts=false", "--out", first, "-q")
	if got := loadManifest(t, first).Sets; strings.Join(got, " ") != "markets[0].pricing.threshold=0.8 years=1" {
		t.Errorf("manifest.json's sets: %q", got)
	}
	o := placesim(t, "run", filepath.Join(first, "region.json"))
	m := regexp.MustCompile(`^placesim run: (.*): the record of region "test-region"'s run, not a scenario or region file: run the region again with placesim (.*) \(REGION.yaml being the region file of "test-region"\)\n`).FindStringSubmatch(o.stderr)
	if o.code != exitUsage || m == nil {
		t.Fatalf("exit %d, stderr %q", o.code, o.stderr)
	}
	if want := "run REGION.yaml --seed 4 --reps 2 --percentiles 10,90 --set 'markets[0].pricing.threshold=0.8' --set years=1 --charts=false"; m[2] != want {
		t.Errorf("the command given: %s\nwant %s", m[2], want)
	}
	// validate names the same command, on the line run gives after its usage prefix.
	v := placesim(t, "validate", filepath.Join(first, "region.json"))
	if line := strings.TrimPrefix(strings.SplitN(o.stderr, "\n", 2)[0], "placesim run: "); v.code == 0 || !strings.HasPrefix(v.stderr, line+"\n") {
		t.Errorf("validate: exit %d, stderr %q\nwant the line %q", v.code, v.stderr, line)
	}
	args := strings.Fields(strings.ReplaceAll(m[2], "'", "")) // no value here holds a space
	args[1] = file
	again := filepath.Join(dir, "se2")
	mustRun(t, append(args, "--out", again, "-q")...)
	sameFiles(t, first, again)
}

// regionRecordCommand reads the command the refusal of region.json in folder dir gives, as
// arguments after "placesim", the region file named REGION.yaml in it given as file.
func regionRecordCommand(t *testing.T, dir, file string) []string {
	t.Helper()
	o := placesim(t, "run", filepath.Join(dir, "region.json"))
	m := regexp.MustCompile(`: run the region again with placesim (.*) \(REGION.yaml being`).FindStringSubmatch(o.stderr)
	if o.code != exitUsage || m == nil {
		t.Fatalf("exit %d, stderr %q", o.code, o.stderr)
	}
	args := strings.Fields(strings.ReplaceAll(m[1], "'", "")) // no value here holds a space
	if args[1] != "REGION.yaml" {
		t.Fatalf("the command runs %s, not the region file", args[1])
	}
	args[1] = file
	return args
}

// TestRegionRunAgainOutputFlags follows the command a region's region.json gives for runs
// with the flags that shape what a region's run writes (--all-kpis, --formats,
// --council-charts, --charts=false, besides --percentiles, --set and --years), which each
// council's scenario.yaml gives too: the run again writes every file the run did, byte for
// byte, kpis.csv with every KPI and the councils' own among them, and manifest.json too; and
// so does a merge of the run's shards given the flags.
func TestRegionRunAgainOutputFlags(t *testing.T) {
	file := testRegionFile(t)
	for _, tc := range []struct {
		name  string
		flags []string
		want  string // in the command given
	}{
		{"all-kpis, svg, no council charts", []string{"--all-kpis", "--formats", "svg", "--council-charts=false"}, "--all-kpis --formats svg --council-charts=false"},
		{"all-kpis without charts", []string{"--all-kpis", "--charts=false"}, "--all-kpis --charts=false"},
		{"headline KPIs, pdf and png", []string{"--formats", "pdf,png"}, "--formats png,pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && strings.Contains(tc.name, "pdf") {
				t.Skip("draws every chart in two formats: left out with -short")
			}
			dir := t.TempDir()
			first := filepath.Join(dir, "first")
			mustRun(t, append([]string{"run", file, "--reps", "2", "--years", "1", "--seed", "5", "--percentiles", "10,90",
				"--set", "markets[0].pricing.threshold=0.8", "--out", first, "-q"}, tc.flags...)...)
			args := regionRecordCommand(t, first, file)
			if line := strings.Join(args, " "); !strings.HasSuffix(line, " "+tc.want) {
				t.Errorf("the command given: placesim %s\nwant it to end %s", line, tc.want)
			}
			// Each council's scenario.yaml gives the same command.
			for _, c := range testCouncils {
				yml := readFile(t, filepath.Join(first, c), "scenario.yaml")
				want := "\n# Run the region again with: placesim run REGION.yaml " + strings.Join(args[2:], " ") + "\n# (REGION.yaml being the region file of \"test-region\")\n"
				if !strings.Contains(strings.ReplaceAll(yml, "'", ""), want) {
					t.Errorf("%s/scenario.yaml does not say%s", c, want)
				}
			}
			again := filepath.Join(dir, "again")
			mustRun(t, append(args, "--out", again, "-q")...)
			sameFiles(t, first, again)
			if testing.Short() {
				return
			}
			// The shards of the run, merged with the flags, write the same files too.
			for _, i := range []string{"0", "1"} {
				mustRun(t, "run", file, "--reps", "2", "--years", "1", "--seed", "5", "--percentiles", "10,90",
					"--set", "markets[0].pricing.threshold=0.8", "--shard", i+"/2", "--out", filepath.Join(dir, "shards", i), "-q")
			}
			merged := filepath.Join(dir, "merged")
			mustRun(t, append([]string{"merge", filepath.Join(dir, "shards"), "--out", merged, "-q"}, tc.flags...)...)
			sameFiles(t, first, merged)
		})
	}
}

// TestRunRecordsSets: a scenario's run records its --set changes, --years among them, in
// manifest.json; one without any records none.
func TestRunRecordsSets(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, runArgs(filepath.Join(dir, "a"))...)
	if got := loadManifest(t, filepath.Join(dir, "a")).Sets; strings.Join(got, " ") != "warmup_years=1 years=2" {
		t.Errorf("manifest.json's sets: %q", got)
	}
	mustRun(t, "run", "default", "--reps", "1", "--charts=false", "--out", filepath.Join(dir, "b"), "-q")
	if strings.Contains(readFile(t, filepath.Join(dir, "b"), "manifest.json"), `"sets"`) {
		t.Error("a run without --set records sets")
	}
}

// TestRegionRecordAloneRefused: a region.json copied away from its folder's manifest.json is
// still refused as the record it is, not read as a scenario field by field.
func TestRegionRecordAloneRefused(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "r")
	mustRun(t, "run", testRegionFile(t), "--reps", "1", "--years", "1", "--charts=false", "--out", run, "-q")
	alone := filepath.Join(dir, "region.json")
	writeFiles(t, filepath.Dir(alone), map[string]string{"region.json": readFile(t, run, "region.json")})
	o := placesim(t, "run", alone)
	want := "placesim run: " + alone + ": " + scenarios.RegionRecordMessage("test-region") + "\n"
	if o.code != exitUsage || !strings.HasPrefix(o.stderr, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", o.code, o.stderr, want)
	}
}

// TestRunAgainBudget follows scenario.yaml's "Run it again with:" line of a run with --budget
// and --interval: it checks the same budgets at the same level, so that budget.csv and
// manifest.json come out the same too.
func TestRunAgainBudget(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	mustRun(t, "run", "default", "--reps", "2", "--seed", "7", "--set", "warmup_years=1", "--years", "2",
		"--budget", "2027/28=64m,2026/27=60m", "--interval", "0.8", "--charts=false", "-q", "--out", first)
	args := runAgainLine(t, first, "scenario.yaml")
	if want := "--budget 2027/28=64m --budget 2026/27=60m --interval 0.8"; !strings.Contains(strings.Join(args, " "), want) {
		t.Errorf("the line leaves out %s: placesim %s", want, strings.Join(args, " "))
	}
	again := filepath.Join(dir, "again")
	mustRun(t, append(args, "--charts=false", "-q", "--out", again)...)
	sameFiles(t, first, again)
}

// TestMergeBudgetRunAgain follows the "Run it again with:" line of a merge given --budget and
// --interval, which its shards did not take: it carries them, as a whole run's line does, so
// that running it again writes the merged folder's files, budget.csv and manifest.json among
// them, byte for byte, and so does the whole run.
func TestMergeBudgetRunAgain(t *testing.T) {
	dir := t.TempDir()
	base := []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1", "--seed", "3", "-q"}
	for _, i := range []string{"0", "1"} {
		mustRun(t, append([]string{"run", "--shard", i + "/2", "--out", filepath.Join(dir, "shards", i)}, base...)...)
	}
	merged := filepath.Join(dir, "merged")
	mustRun(t, "merge", filepath.Join(dir, "shards"), "--budget", "2026/27=60M", "--interval", "0.8", "--charts=false", "-q", "--out", merged)
	args := runAgainLine(t, merged, "scenario.yaml")
	if line := strings.Join(args, " "); !strings.Contains(line, "--budget 2026/27=60M --interval 0.8") {
		t.Errorf("the line leaves out --budget or --interval: placesim %s", line)
	}
	again := filepath.Join(dir, "again")
	mustRun(t, append(args, "--charts=false", "-q", "--out", again)...)
	sameFiles(t, merged, again)
	whole := filepath.Join(dir, "whole")
	mustRun(t, append([]string{"run", "--budget", "2026/27=60M", "--interval", "0.8", "--charts=false", "--out", whole}, base...)...)
	sameFiles(t, merged, whole)
}
