package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// messageCase is a command line that placesim refuses, and the exact message a user sees.
type messageCase struct {
	name   string
	args   []string
	stderr string
	code   int
}

// checkMessages runs each case and compares its exit status and stderr with the case's.
func checkMessages(t *testing.T, tests []messageCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := placesim(t, tt.args...)
			if o.code != tt.code {
				t.Errorf("exit %d, want %d", o.code, tt.code)
			}
			if o.stderr != tt.stderr {
				t.Errorf("placesim %s said\n%s\nwant\n%s", strings.Join(tt.args, " "), o.stderr, tt.stderr)
			}
		})
	}
}

// TestCompareScenarioWithRegion checks that compare names the region when a scenario and a
// region are given together, whichever comes first.
func TestCompareScenarioWithRegion(t *testing.T) {
	region := testRegionFile(t)
	help := "Run 'placesim compare --help' for usage.\n"
	checkMessages(t, []messageCase{
		{"built-in region second", []string{"compare", "default", "south-east"},
			"placesim compare: default is a scenario and south-east a region: compare regions with regions, scenarios with scenarios\n" + help, exitUsage},
		{"region file second", []string{"compare", "default", region},
			"placesim compare: default is a scenario and " + region + " a region: compare regions with regions, scenarios with scenarios\n" + help, exitUsage},
		{"region first", []string{"compare", "south-east", "erlang"},
			"placesim compare: erlang is a scenario and south-east a region: compare regions with regions, scenarios with scenarios\n" + help, exitUsage},
	})
}

// TestEmptyShardSaysSo checks what a shard of a run with fewer replications than shards says it
// ran: the shards with none say "no replications", the others which ones, numbered from 1 (shard
// 6/10 runs the fifth, which it had called "replication 4 of 8").
func TestEmptyShardSaysSo(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ shard, want string }{
		{"0/10", "no replications of 8"},
		{"5/10", "no replications of 8"},
		{"6/10", "replication 5 of 8"},
	} {
		t.Run(tt.shard, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.shard, "/", "-"))
			o := mustRun(t, "run", "--reps", "8", "--years", "2", "--set", "warmup_years=1", "--shard", tt.shard, "--out", out)
			want := regexp.MustCompile(`^placesim: default changed by --set warmup_years=1, 2 years, shard ` + tt.shard + ` \(from --shard\): ` + tt.want + ` \(seed 1\) in [0-9.]+s; wrote ` +
				regexp.QuoteMeta(out+string(filepath.Separator)+"shard.json, scenario.yaml, replications.bin and manifest.json") + "\n$")
			if !want.MatchString(o.stderr) {
				t.Errorf("stderr %q does not match %s", o.stderr, want)
			}
		})
	}
}

// TestBadFlagValues checks that a flag given a value it cannot hold, or an --out that cannot be
// a folder, is refused in placesim's words before anything runs, never in Go's.
func TestBadFlagValues(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"afile": "notes\n"})
	afile := filepath.Join(dir, "afile")
	usage := func(cmd, msg string) string {
		return "placesim " + cmd + ": " + msg + "\nRun 'placesim " + cmd + " --help' for usage.\n"
	}
	checkMessages(t, []messageCase{
		{"reps not whole", []string{"run", "--reps", "1.5"}, usage("run", "--reps must be a whole number of at least 1, not \"1.5\""), exitUsage},
		{"reps not whole after the scenario", []string{"run", "default", "--reps=1.5"}, usage("run", "--reps must be a whole number of at least 1, not \"1.5\""), exitUsage},
		{"reps a word", []string{"run", "--reps", "many"}, usage("run", "--reps must be a whole number of at least 1, not \"many\""), exitUsage},
		{"reps too large", []string{"run", "--reps", "99999999999999999999"}, usage("run", "--reps must be a whole number of at least 1, not \"99999999999999999999\", which is out of range"), exitUsage},
		{"reps empty", []string{"run", "--reps="}, usage("run", `--reps must be a whole number of at least 1, not ""`), exitUsage},
		{"serve reps not whole", []string{"serve", "--reps", "2.5"}, usage("serve", "--reps must be a whole number of at least 2, not \"2.5\""), exitUsage},
		{"seed negative", []string{"run", "--seed", "-1"}, usage("run", "--seed must be a whole number from 1 to 18446744073709551615, not \"-1\""), exitUsage},
		{"interval a word", []string{"run", "--interval", "x"}, usage("run", "--interval must be a number between 0 and 1 (0.9 for 90%), not \"x\""), exitUsage},
		{"charts not a boolean", []string{"run", "--charts=maybe"}, usage("run", "--charts must be true or false, not \"maybe\""), exitUsage},
		{"quiet not a boolean", []string{"run", "default", "-q=maybe"}, usage("run", "-q must be true or false, not \"maybe\""), exitUsage},
		{"discount rate a word", []string{"compare", "default", "erlang", "--discount-rate", "x"}, usage("compare", "--discount-rate must be a rate a year between -1 and 1 (0.035 for 3.5%), not \"x\""), exitUsage},
		{"run time without unit", []string{"serve", "--max-run-time", "5"}, usage("serve", "--max-run-time must be a length of time of at least 1s, such as 90s or 10m, not \"5\""), exitUsage},
		{"out inside a file", []string{"run", "--reps", "2", "--out", filepath.Join(afile, "sub")},
			usage("run", "--out "+filepath.Join(afile, "sub")+": "+afile+" is a file, not a folder: give --out a path inside a folder"), exitUsage},
		{"out deep inside a file", []string{"compare", "default", "erlang", "--out", filepath.Join(afile, "a", "b")},
			usage("compare", "--out "+filepath.Join(afile, "a", "b")+": "+afile+" is a file, not a folder: give --out a path inside a folder"), exitUsage},
		{"out a file", []string{"run", "--reps", "2", "--out", afile}, usage("run", "--out "+afile+": exists and is not a directory"), exitUsage},
		{"sweep out inside a file", []string{"sweep", "erlang", "--vary", "years=2:3:1", "--out", filepath.Join(afile, "sub")},
			usage("sweep", "--out "+filepath.Join(afile, "sub")+": "+afile+" is a file, not a folder: give --out a path inside a folder"), exitUsage},
		{"sensitivity out a file", []string{"sensitivity", "erlang", "--out", afile}, usage("sensitivity", "--out "+afile+": exists and is not a directory"), exitUsage},
		{"kpi without precision", []string{"run", "--reps", "2", "--kpi", "nosuch"},
			usage("run", "--kpi goes with --precision, which it is about: give --precision SHARE too, or leave --kpi out"), exitUsage},
		{"period without precision", []string{"run", "--reps", "2", "--period", "1999/00"},
			usage("run", "--period goes with --precision, which it is about: give --precision SHARE too, or leave --period out"), exitUsage},
		{"max-reps without precision", []string{"run", "--reps", "2", "--max-reps", "1"},
			usage("run", "--max-reps goes with --precision, which it is about: give --precision SHARE too, or leave --max-reps out"), exitUsage},
	})
}

// TestPlotSaysWhyItRefuses checks that plot, refusing a folder, gives the true reason: what the
// folder's manifest (or its region's) says wrote it, or that there is no such folder.
func TestPlotSaysWhyItRefuses(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"afile": "notes\n"})
	at := func(name string) string { return filepath.Join(dir, name) }
	mustRun(t, "compare", "erlang", "default", "--reps", "2", "--years", "2", "--charts=false", "-q", "--out", at("cmp"))
	mustRun(t, "sweep", "erlang", "--vary", "years=2:3:1", "--reps", "2", "--charts=false", "-q", "--out", at("sweep"))
	mustRun(t, "run", testRegionFile(t), "--reps", "2", "--charts=false", "-q", "--out", at("region"))
	mustRun(t, runArgs(at("nocharts"), "-q")...)
	mustRun(t, noCharts(runArgs(at("shard"), "-q", "--shard", "0/2"))...)
	usage := func(msg string) string { return "placesim plot: " + msg + "\nRun 'placesim plot --help' for usage.\n" }
	checkMessages(t, []messageCase{
		{"no such folder", []string{"plot", at("nonexist")}, usage(at("nonexist") + ": no such folder: name the output folder of a 'placesim run'"), exitUsage},
		{"a file", []string{"plot", at("afile")}, usage(at("afile") + " is a file, not a folder: name the output folder of a 'placesim run'"), exitUsage},
		{"a comparison", []string{"plot", at("cmp")},
			"placesim: " + filepath.Join(at("cmp"), "manifest.json") + ": command: plot draws the results of run or merge, not of compare: run compare again to draw its charts\n", exitUsage},
		{"a sweep", []string{"plot", at("sweep")},
			"placesim: " + filepath.Join(at("sweep"), "manifest.json") + ": command: plot draws the results of run or merge, not of sweep: run sweep again to draw its charts\n", exitUsage},
		{"a shard", []string{"plot", at("shard")},
			"placesim: " + filepath.Join(at("shard"), "manifest.json") + ": shard: " + at("shard") + " is a shard of a run: merge the shards with 'placesim merge', then plot the merged folder\n", exitUsage},
		{"a region's council", []string{"plot", filepath.Join(at("region"), "north-shire")},
			"placesim: " + filepath.Join(at("region"), "north-shire") + ` is council north-shire's folder in the run of region "test-region" (` + at("region") +
				"): plot draws a scenario's run; run the region again to draw its charts (with --council-charts, each council's too)\n", exitUsage},
		{"a run without charts", []string{"plot", at("nocharts")},
			"placesim: " + at("nocharts") + ": no charts/chart-data.csv: run 'placesim run' with --charts (the default) to write it\n", exitUsage},
		{"a folder placesim did not write", []string{"plot", dir},
			"placesim: " + dir + ": no manifest.json and no charts/chart-data.csv: not a folder 'placesim run' wrote; name one it wrote, or run it with --charts (the default) to write one\n", exitUsage},
	})
}

// TestRunSaysBudgetFile checks that run's last line names budget.csv among the files it wrote
// when --budget asks for it.
func TestRunSaysBudgetFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "b")
	var stdout, stderr bytes.Buffer
	err := newApp(&stdout, &stderr).Run([]string{"placesim", "run", "default", "--reps", "2", "--years", "2", "--charts=false", "--budget", "2027/28=64m", "--out", out})
	if err != nil {
		t.Fatal(err)
	}
	if want := "; wrote " + out + string(filepath.Separator) + "{summary,kpis,timeseries,budget,periods}.csv, scenario.yaml and manifest.json\n"; !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("run said\n%s\nwant it to end %q", stderr.String(), want)
	}
	if _, err := os.Stat(filepath.Join(out, "budget.csv")); err != nil {
		t.Error(err)
	}
}

// TestFlagsShadowingFields checks that a flag that gives a field (--years, a sweep's --vary)
// given with a --set of that field is refused, naming both, rather than one of the two being
// dropped without a word: --years 1 --set years=0x2 had run 1 year, the bad value unread.
func TestFlagsShadowingFields(t *testing.T) {
	usage := func(cmd, msg string) string {
		return "placesim " + cmd + ": " + msg + "\nRun 'placesim " + cmd + " --help' for usage.\n"
	}
	sweep := []string{"sweep", "default", "--target", "ifa_share<=0.3", "--reps", "2"}
	checkMessages(t, []messageCase{
		{"years and a bad set", []string{"run", "--reps", "2", "--years", "1", "--set", "years=0x2"},
			usage("run", `--years "1" and --set "years=0x2" both give the years to simulate: give one of them`), exitUsage},
		{"years and a set", []string{"run", "--years", "1", "--set", "years=5"},
			usage("run", `--years "1" and --set "years=5" both give the years to simulate: give one of them`), exitUsage},
		{"years typed and a set before", []string{"compare", "default", "erlang", "--set", " years =5", "--years", "01"},
			usage("compare", `--years "01" and --set "years =5" both give the years to simulate: give one of them`), exitUsage},
		{"region", []string{"run", "south-east", "--years", "2", "--set", "years=2"},
			usage("run", `--years "2" and --set "years=2" both give the years to simulate: give one of them`), exitUsage},
		{"sweep of years", append(sweep, "--vary", "years=1:2:1", "--years", "3"),
			usage("sweep", `--years "3" and --vary "years=1:2:1" both give years: the sweep sets it to each value in turn; leave out --years`), exitUsage},
		{"sweep of a set lever", append(sweep, "--vary", "entries.per_year=100:200:100", "--set", "entries.per_year=5"),
			usage("sweep", `--set "entries.per_year=5" and --vary "entries.per_year=100:200:100" both give entries.per_year: the sweep sets it to each value in turn; leave out the --set`), exitUsage},
		{"sweep of a lever set by its place in the list", append(sweep, "--set", "kinds[3].weekly_gbp=900", "--vary", "kinds.ifa.weekly_gbp=800:1000:100"),
			usage("sweep", `--set "kinds[3].weekly_gbp=900" and --vary "kinds.ifa.weekly_gbp=800:1000:100" both give kinds.ifa.weekly_gbp: the sweep sets it to each value in turn; leave out the --set`), exitUsage},
		{"sweep by place of a lever set by name", append(sweep, "--set", "kinds.ifa.weekly_gbp=900", "--vary", "kinds[3].weekly_gbp=800:1000:100"),
			usage("sweep", `--set "kinds.ifa.weekly_gbp=900" and --vary "kinds[3].weekly_gbp=800:1000:100" both give kinds.ifa.weekly_gbp: the sweep sets it to each value in turn; leave out the --set`), exitUsage},
		{"sweep of a lever a set is part of", append(sweep, "--set", "kinds.ifa.weekly_gbp.standard=900", "--vary", "kinds.ifa.weekly_gbp=800:1000:100"),
			usage("sweep", `--set "kinds.ifa.weekly_gbp.standard=900" is a part of kinds.ifa.weekly_gbp, which --vary "kinds.ifa.weekly_gbp=800:1000:100" replaces with each value in turn: the --set would not be used; leave out the --set`), exitUsage},
	})
}

// TestSetGivenTwice checks that a --set of a path given twice is refused, naming both, as a
// one-value flag given twice is, by every command that takes --set: the last was kept without
// a word.
func TestSetGivenTwice(t *testing.T) {
	usage := func(cmd, msg string) string {
		return "placesim " + cmd + ": " + msg + "\nRun 'placesim " + cmd + " --help' for usage.\n"
	}
	twice := []string{"--set", "entries.per_year=300", "--set", "entries.per_year =400"}
	msg := `--set of entries.per_year is given twice ("entries.per_year=300", then "entries.per_year =400"): give it once`
	checkMessages(t, []messageCase{
		{"run", append([]string{"run", "default", "--reps", "2", "--years", "1", "--charts=false"}, twice...), usage("run", msg), exitUsage},
		{"compare", append([]string{"compare", "default", "erlang", "--reps", "2"}, twice...), usage("compare", msg), exitUsage},
		{"sweep", append([]string{"sweep", "default", "--vary", "years=1:2:1", "--reps", "2"}, twice...), usage("sweep", msg), exitUsage},
		{"sensitivity", append([]string{"sensitivity", "default", "--reps", "2"}, twice...), usage("sensitivity", msg), exitUsage},
		{"region run", append([]string{"run", "south-east", "--reps", "2"}, twice...), usage("run", msg), exitUsage},
	})
}

// TestSetGivenTwiceTwoWays checks that a field given by two --set overrides that name it two
// ways, a kind by its place and by its name, is refused by every command that takes --set, as
// is a field that holds one given before it: the last had been kept without a word.
func TestSetGivenTwiceTwoWays(t *testing.T) {
	for _, tc := range []struct {
		name string
		sets []string
		msg  string
	}{
		{"by place and by name", []string{"--set", "kinds[3].weekly_gbp=900", "--set", "kinds.ifa.weekly_gbp=800"},
			"--set kinds.ifa.weekly_gbp=800: sets kinds.ifa.weekly_gbp, which --set kinds[3].weekly_gbp=900 sets too: give it once\n"},
		{"the whole after a part", []string{"--set", "kinds.ifa.weekly_gbp.standard=800", "--set", "kinds.ifa.weekly_gbp=900"},
			"--set kinds.ifa.weekly_gbp=900: sets kinds.ifa.weekly_gbp, which holds kinds.ifa.weekly_gbp.standard, which --set kinds.ifa.weekly_gbp.standard=800 sets before it: this value would replace that one whole; give this --set first, so that the other changes its part, or both in one value\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkMessages(t, []messageCase{
				{"run", append([]string{"run", "default", "--reps", "2", "--years", "1", "--charts=false"}, tc.sets...), tc.msg, exitUsage},
				{"compare", append([]string{"compare", "default", "erlang", "--reps", "2"}, tc.sets...), tc.msg, exitUsage},
				{"sweep", append([]string{"sweep", "default", "--vary", "years=1:2:1", "--reps", "2"}, tc.sets...), tc.msg, exitUsage},
				{"sensitivity", append([]string{"sensitivity", "default", "--reps", "2"}, tc.sets...), tc.msg, exitUsage},
			})
		})
	}
}
