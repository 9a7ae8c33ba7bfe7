package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim/shard"
)

// TestShardsMergeToTheSameBytes runs a run in three uneven shards, merges them given in any
// order, and requires every file byte for byte the same as one process running it all.
func TestShardsMergeToTheSameBytes(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one")
	mustRun(t, "run", "--reps", "10", "--years", "2", "--seed", "3", "--formats", "svg", "--out", one, "-q")
	var shards []string
	for i := range 3 {
		sd := filepath.Join(dir, "shard"+strconv.Itoa(i))
		mustRun(t, "run", "--reps", "10", "--years", "2", "--seed", "3", "--shard", strconv.Itoa(i)+"/3", "--out", sd, "--workers", strconv.Itoa(i+1), "-q")
		shards = append(shards, sd)
	}
	merged := filepath.Join(dir, "merged")
	o := mustRun(t, "merge", shards[2], shards[0], shards[1], "--formats", "svg", "--out", merged)
	if !strings.Contains(o.stderr, "merged 3 shards of default, 2 years, 10 replications (seed 3)") {
		t.Errorf("merge said %q", o.stderr)
	}
	// The caution the unsharded run prints, for its 10 runs.
	if !strings.Contains(o.stderr, "placesim: caution: 10 runs are too few for the range of 9 in 10 runs") {
		t.Errorf("merge of 10 runs gave no caution: %q", o.stderr)
	}
	// Every file: the CSVs, scenario.yaml, the chart data, the charts, the report and the
	// workbook.
	want, got := readTree(t, one), readTree(t, merged)
	if len(want) < 8 || len(got) != len(want) {
		t.Errorf("one process wrote %d files and the merge %d", len(want), len(got))
	}
	for name, content := range want {
		if got[name] != content {
			t.Errorf("%s differs between one process and the merged shards", name)
		}
	}
}

func TestMergeRefuses(t *testing.T) {
	dir := t.TempDir()
	shard := func(name string, extra ...string) string {
		sd := filepath.Join(dir, name)
		mustRun(t, withFlags(append([]string{"run", "--reps", "8", "--years", "1", "--out", sd, "-q"}, extra...)...)...)
		return sd
	}
	s0, s1, s2, s3 := shard("s0", "--shard", "0/4"), shard("s1", "--shard", "1/4"), shard("s2", "--shard", "2/4"), shard("s3", "--shard", "3/4")
	seed := shard("seed", "--shard", "1/4", "--seed", "9")
	other := shard("other", "--shard", "1/4", "--set", "entries.per_year=300")
	reps := shard("reps", "--shard", "1/4", "--reps", "12")
	for _, tt := range []struct {
		name string
		dirs []string
		want string
	}{
		{"missing", []string{s0, s1, s3}, "placesim merge: missing replications 5-6 of 8: merge every shard of the run (3 shards were given, of 4)\n"},
		{"missing several", []string{s1}, "placesim merge: missing replications 1-2, 5-8 of 8: merge every shard of the run (1 shard was given, of 4)\n"},
		{"twice", []string{s0, s1, s1, s2, s3}, "placesim merge: " + s1 + " and " + s1 + " are both shard 1/4: give each shard once\n"},
		{"seed", []string{s0, seed, s2, s3}, "placesim merge: " + seed + " was run with seed 9 and " + s0 + " with seed 1: merge shards of one seed\n"},
		{"scenario", []string{s0, other, s2, s3}, "placesim merge: " + other + " and " + s0 + " are of scenario \"default\" run otherwise: entries.per_year is 300 in " + other + " and 260 in " + s0 + ": merge shards of one scenario, run with the same --years and --set\n"},
		{"replications", []string{s0, reps, s2, s3}, "placesim merge: " + reps + " is shard 1/4 of 12 replications and " + s0 + " shard 0/4 of 8"},
		{"not a shard", []string{s0, dir}, "not a shard directory"},
		{"no such folder", []string{filepath.Join(dir, "nosuch")}, filepath.Join(dir, "nosuch") + ": no such folder: name the shard folders of a run (placesim run --shard I/N --out DIR writes one), or the folder that holds them\n"},
		{"no such folder among shards", []string{s0, filepath.Join(dir, "nosuch")}, filepath.Join(dir, "nosuch") + ": no such folder:"},
		{"a file", []string{filepath.Join(s0, "shard.json")}, filepath.Join(s0, "shard.json") + " is a file, not a shard folder: name the shard folders of a run"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+tt.name)
			o := placesim(t, append([]string{"merge", "--out", out}, tt.dirs...)...)
			if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", o.code, o.stderr, exitUsage, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused merge wrote %s", out)
			}
		})
	}
	// An output folder that is a shard folder being merged, is inside one or holds one is
	// refused before anything is written, however its path is written: the merged folder
	// would take the shard's place.
	link := filepath.Join(t.TempDir(), "link-to-s1")
	if err := os.Symlink(s1, link); err != nil {
		t.Fatal(err)
	}
	all := []string{s0, s1, s2, s3}
	for _, tt := range []struct {
		name, out string
		dirs      []string
		want      string
	}{
		{"out is a shard", s0, all, "placesim merge: --out " + s0 + " is the shard folder " + s0 + ", which this merge reads: the merged files would take the place of the shard's; write them elsewhere, such as --out " + filepath.Join(dir, "merged") + "\n"},
		{"out is a shard of the parent given", s2, []string{dir}, "--out " + s2 + " is the shard folder " + s2 + ", which this merge reads"},
		{"out is a shard, written otherwise", s3 + "/../s3/", all, "--out " + s3 + "/../s3/ is the shard folder " + s3 + ","},
		{"out is a link to a shard", link, all, "--out " + link + " is the shard folder " + s1 + ","},
		{"out is inside a shard", filepath.Join(s1, "merged"), all, "--out " + filepath.Join(s1, "merged") + " is inside the shard folder " + s1 + ", which this merge reads: write the merged files outside every shard folder"},
		{"out is inside a shard, through a link", filepath.Join(link, "m", "n"), all, "is inside the shard folder " + s1 + ","},
		{"out holds the shards", dir, []string{dir}, "--out " + dir + " holds the shard folder " + filepath.Join(dir, "other") + ", which this merge reads, and the merged folder would take its place: write the merged files into a folder of their own, such as --out " + filepath.Join(dir, "merged")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := readTree(t, dir)
			o := placesim(t, append([]string{"merge", "--out", tt.out, "--charts=false"}, tt.dirs...)...)
			if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", o.code, o.stderr, exitUsage, tt.want)
			}
			if after := readTree(t, dir); !maps.Equal(after, before) {
				t.Errorf("a refused merge changed the shards' folder")
			}
		})
	}
	// The README's examples of merge's refusals print what it says, word for word: each
	// damaged shard given is named before the shards not given (out/ is dir here, and the
	// README's run of 1000 replications one of 8 here).
	readmeMergeExamples(t, dir, s1)
	// A shard whose replications were cut short is refused too.
	b, err := os.ReadFile(filepath.Join(s2, "replications.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s2, "replications.bin"), b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if o := placesim(t, "merge", "--out", filepath.Join(dir, "cut"), s0, s1, s2, s3); o.code != exitUsage || !strings.Contains(o.stderr, "the shard is incomplete") {
		t.Errorf("a cut shard: exit %d, stderr %q", o.code, o.stderr)
	}
}

// TestShardFromTheScheduler checks that a Slurm array task and a Kubernetes Indexed Job pod run
// the shard their scheduler gave them only when asked to (--shard-from-env or
// PLACESIM_SHARD_FROM_ENV=1), and otherwise run every replication with a note saying so: one
// scenario per array task is a common pattern.
func TestShardFromTheScheduler(t *testing.T) {
	dir := t.TempDir()
	base := []string{"run", "--reps", "8", "--years", "1"}
	want := filepath.Join(dir, "want")
	mustRun(t, append(base, "--shard", "2/4", "--out", want, "-q")...)
	bin := readFile(t, want, "replications.bin")
	whole := filepath.Join(dir, "whole")
	mustRun(t, append(base, "--charts=false", "--out", whole, "-q")...)
	kpis := readFile(t, whole, "kpis.csv")

	slurm := map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}
	k8s := map[string]string{"JOB_COMPLETION_INDEX": "2"}
	for _, tt := range []struct {
		name  string
		env   map[string]string
		args  []string
		shard bool   // a shard directory of shard 2/4, rather than the whole run
		code  int    // exit status
		want  string // in stderr
	}{
		{"slurm, not asked", slurm, nil, false, exitOK, "note: SLURM_ARRAY_TASK_ID=2 is set, but this run is not a shard: it runs all 8 replications"},
		{"slurm, flag", slurm, []string{"--shard-from-env"}, true, exitOK, "shard 2/4 (from SLURM_ARRAY_TASK_ID)"},
		{"slurm, variable", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", shardEnvVar: "1"}, nil, true, exitOK, "shard 2/4 (from SLURM_ARRAY_TASK_ID)"},
		{"slurm, variable off", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", shardEnvVar: "0"}, nil, false, exitOK, "note: SLURM_ARRAY_TASK_ID=2"},
		{"slurm, explicit shard wins quietly", slurm, []string{"--shard", "2/4"}, true, exitOK, "shard 2/4 (from --shard)"},
		{"kubernetes, not asked", k8s, nil, false, exitOK, "note: JOB_COMPLETION_INDEX=2 is set"},
		{"kubernetes, flag", k8s, []string{"--shard-from-env", "--shards", "4"}, true, exitOK, "shard 2/4 (from JOB_COMPLETION_INDEX)"},
		{"kubernetes, no count", k8s, []string{"--shard-from-env"}, false, exitUsage, "give the number of shards with --shards"},
		{"kubernetes, shards without asking", k8s, []string{"--shards", "4"}, false, exitUsage, "--shards goes with --shard-from-env"},
		{"asked, no scheduler", nil, []string{"--shard-from-env"}, false, exitUsage, "neither SLURM_ARRAY_TASK_ID"},
		{"variable neither on nor off", map[string]string{shardEnvVar: "maybe"}, nil, false, exitUsage,
			shardEnvVar + `="maybe": want 1, true or yes to take the shard from the scheduler, or 0, false, no or nothing not to (in any case)`},
		{"variable in capitals", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", shardEnvVar: "TRUE"}, nil, true, exitOK, "shard 2/4 (from SLURM_ARRAY_TASK_ID)"},
		{"slurm and kubernetes", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "JOB_COMPLETION_INDEX": "1"}, []string{"--shard-from-env"}, false, exitUsage,
			"both SLURM_ARRAY_TASK_ID=2 (a Slurm job array) and JOB_COMPLETION_INDEX=1 (a Kubernetes Indexed Job) are set, and placesim cannot tell which gives this task's shard: unset the one that does not, or give the shard with --shard I/N"},
		{"shard with a space", nil, []string{"--shard", " 2/4"}, false, exitUsage, `--shard " 2/4": want I/N with 0 <= I < N, such as 0/4, without spaces`},
		{"shard and from env", slurm, []string{"--shard", "1/4", "--shard-from-env"}, false, exitUsage, "do not go together"},
		{"no scheduler, no note", nil, nil, false, exitOK, ""},
		{"slurm, to a precision", slurm, []string{"--precision", "0.5", "--max-reps", "8"}, false, exitOK, "is not a shard: it runs every replication (add --shard-from-env"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", shardEnvVar} {
				t.Setenv(v, tt.env[v])
			}
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			args := slices.Concat(base, []string{"--out", out}, tt.args)
			if !tt.shard {
				args = append(args, "--charts=false") // a shard refuses it
			}
			o := placesim(t, args...)
			if o.code != tt.code || !strings.Contains(o.stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d mentioning %q", o.code, o.stderr, tt.code, tt.want)
			}
			if tt.want == "" && strings.Contains(o.stderr, "note:") {
				t.Errorf("a note without a scheduler: %q", o.stderr)
			}
			switch {
			case tt.code != exitOK:
				if _, err := os.Stat(out); err == nil {
					t.Errorf("a refused run wrote %s", out)
				}
			case tt.shard:
				if readFile(t, out, "replications.bin") != bin {
					t.Error("ran a different shard")
				}
			default:
				if _, err := os.Stat(filepath.Join(out, "shard.json")); err == nil {
					t.Error("wrote a shard directory without being asked")
				}
				if readFile(t, out, "kpis.csv") != kpis {
					t.Error("kpis.csv differs from the whole run's")
				}
			}
		})
	}
}

// TestLargeRunKeepsRecordsOnDisk lowers the memory budget so the monthly records go to a
// temporary file, and requires the same files as a run that kept them in memory.
func TestLargeRunKeepsRecordsOnDisk(t *testing.T) {
	dir := t.TempDir()
	mem := filepath.Join(dir, "mem")
	mustRun(t, "run", "--reps", "6", "--years", "2", "--formats", "svg", "--out", mem, "-q")
	defer func(b int64) { memoryBudget = b }(memoryBudget)
	memoryBudget = 1024
	disk := filepath.Join(dir, "disk")
	mustRun(t, "run", "--reps", "6", "--years", "2", "--formats", "svg", "--out", disk, "-q")
	for _, f := range []string{"summary.csv", "kpis.csv", "timeseries.csv", "charts/chart-data.csv", "report.html"} {
		if readFile(t, mem, f) != readFile(t, disk, f) {
			t.Errorf("%s differs when the records are kept on disk", f)
		}
	}
}

// TestTempStoreReadsAnyMonths requires a run's temporary store to give back any rows of a
// record, not only the first: the time series and charts read them a block of months at a time.
func TestTempStoreReadsAnyMonths(t *testing.T) {
	defer func(b int64) { memoryBudget = b }(memoryBudget)
	memoryBudget = 0
	const reps, months, metrics = 3, 4, 5
	store, cleanup, err := tempStore(reps, months, metrics)
	if err != nil || store == nil {
		t.Fatalf("tempStore: %v, %v", store, err)
	}
	defer cleanup()
	record := func(pos int) []float64 {
		r := make([]float64, months*metrics)
		for i := range r {
			r[i] = float64(100*pos + i)
		}
		return r
	}
	for pos := range reps {
		if err := store.Put(pos, record(pos)); err != nil {
			t.Fatal(err)
		}
	}
	for pos := range reps {
		for from := range months {
			for to := from + 1; to <= months; to++ {
				got := make([]float64, (to-from)*metrics)
				if err := store.Get(pos, from, to, got); err != nil {
					t.Fatal(err)
				}
				if want := record(pos)[from*metrics : to*metrics]; !slices.Equal(got, want) {
					t.Errorf("replication %d, months [%d, %d): %v, want %v", pos, from, to, got, want)
				}
			}
		}
	}
}

func TestPrecision(t *testing.T) {
	if testing.Short() {
		t.Skip("runs hundreds of replications; runs without -short")
	}
	dir := t.TempDir()
	took := regexp.MustCompile(`within ([0-9.]+)% of its mean after ([0-9]+) replications`)
	var counts []string
	for _, w := range []string{"1", "2"} {
		out := filepath.Join(dir, "p"+w)
		o := mustRun(t, "run", "--years", "2", "--precision", "0.01", "--kpi", "cost_total", "--workers", w, "--charts=false", "--out", out)
		m := took.FindStringSubmatch(o.stderr)
		if m == nil {
			t.Fatalf("run with --precision said %q", o.stderr)
		}
		if pct, _ := strconv.ParseFloat(m[1], 64); pct > 1 {
			t.Errorf("stopped at %v%%, above the 1%% asked", pct)
		}
		if n := len(strings.Split(strings.TrimSpace(readFile(t, out, "kpis.csv")), "\n")) - 1; n%len(periods(t, out)) != 0 {
			t.Errorf("kpis.csv has %d rows", n)
		}
		counts = append(counts, m[2])
	}
	if counts[0] != counts[1] {
		t.Errorf("the same seed stopped at %s replications with one worker and %s with two", counts[0], counts[1])
	}
	o := mustRun(t, "run", "--years", "1", "--precision", "0.0001", "--max-reps", "30", "--charts=false", "--out", filepath.Join(dir, "max"))
	if !strings.Contains(o.stderr, "30 replications") || !strings.Contains(o.stderr, "stopped at --max-reps") {
		t.Errorf("capped run said %q", o.stderr)
	}
	if o := placesim(t, "run", "--precision", "0.05", "--kpi", "cost_totl", "--out", filepath.Join(dir, "bad")); o.code != exitUsage || !strings.Contains(o.stderr, "did you mean cost_total") {
		t.Errorf("unknown KPI: exit %d, %q", o.code, o.stderr)
	}
	// +Inf once ran the first batch and stopped, as if it were --reps.
	for _, bad := range []string{"0", "-0.05", "NaN", "Inf"} {
		if o := placesim(t, "run", "--precision", bad, "--out", filepath.Join(dir, "bad")); o.code != exitUsage || !strings.Contains(o.stderr, "--precision must be a share greater than 0 (0.05 for 5%), not \""+bad+"\"\n") {
			t.Errorf("--precision %s: exit %d, %q", bad, o.code, o.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bad")); !os.IsNotExist(err) {
		t.Errorf("a refused --precision left %s behind (%v)", filepath.Join(dir, "bad"), err)
	}
}

func TestPercentilesFlag(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, runArgs(dir, "--percentiles", "10,25,50,75,90", "-q")...)
	for _, f := range []string{"summary.csv", "timeseries.csv"} {
		if head := strings.SplitN(readFile(t, dir, f), "\n", 2)[0]; !strings.Contains(head, ",p10,p25,p50,p75,p90") {
			t.Errorf("%s header %q", f, head)
		}
	}
	// NaN once ran, then failed writing the manifest: "json: unsupported value: NaN".
	for _, bad := range []string{"5,150", "5,NaN"} {
		if o := placesim(t, runArgs(filepath.Join(dir, "x"), "--percentiles", bad)...); o.code != exitUsage || !strings.Contains(o.stderr, "--percentiles") {
			t.Errorf("--percentiles %s: exit %d, %q", bad, o.code, o.stderr)
		}
	}
}

// noCharts returns args without --charts=false, for a shard's run: a shard draws no charts,
// and refuses the flag.
func noCharts(args []string) []string {
	return slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == "--charts=false" })
}

// readTree returns every file under dir, by path relative to dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// copyShard copies the shard directory src to a new directory and returns it.
func copyShard(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.Mkdir(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"shard.json", "scenario.yaml", "replications.bin", manifestName} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// editShardJSON rewrites dir/shard.json after edit has changed its fields.
func editShardJSON(t *testing.T, dir string, edit func(map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, "shard.json")
	var m map[string]any
	if err := json.Unmarshal([]byte(readFile(t, dir, "shard.json")), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	resumManifest(t, dir, "shard.json", b)
}

// resumManifest records in dir/manifest.json the new contents b of the file name, as a shard
// written with them would have: so that a test reaches the checks of the file's contents.
func resumManifest(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(readFile(t, dir, manifestName)), &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range m["files"].([]any) {
		if f := f.(map[string]any); f["path"] == name {
			f["bytes"] = len(b)
			f["sha256"] = sha(b)
		}
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, manifestName), out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// editManifest returns a damage that rewrites dir/manifest.json after edit has changed its
// fields.
func editManifest(t *testing.T, edit func(map[string]any)) func(dir string) {
	return func(dir string) {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal([]byte(readFile(t, dir, manifestName)), &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, manifestName), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// editBin changes the bytes of dir/replications.bin with edit; with resum, it writes the new
// checksum into shard.json, as a shard written with that value would have.
func editBin(t *testing.T, dir string, resum bool, edit func([]byte)) {
	t.Helper()
	b := []byte(readFile(t, dir, "replications.bin"))
	edit(b)
	if err := os.WriteFile(filepath.Join(dir, "replications.bin"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if resum {
		resumManifest(t, dir, "replications.bin", b)
		h := sha256.Sum256(b)
		editShardJSON(t, dir, func(m map[string]any) { m["replications_sha256"] = hex.EncodeToString(h[:]) })
	}
}

// fieldAt finds the line, column and field of a problem reported in a shard.json.
var fieldAt = regexp.MustCompile(`(?m)shard\.json:(\d+):(\d+): ([a-z_0-9]+): `)

// binLayout returns where the second record of the shard dir's replications.bin starts, and
// where the first record's last month holds a value in full, walking the records as
// shard.WriteReplications lays them out.
func binLayout(t *testing.T, dir string) (second, lastFull int) {
	t.Helper()
	info, err := shard.Parse("shard.json", []byte(readFile(t, dir, "shard.json")))
	if err != nil {
		t.Fatal(err)
	}
	b := []byte(readFile(t, dir, "replications.bin"))
	at := 8 + 8*info.Periods*info.KPIs
	u32 := func(i int) int { return int(binary.LittleEndian.Uint32(b[at+4*i:])) }
	nC, nI, nF := u32(0), u32(1), u32(2)
	if nF == 0 {
		t.Fatal("the first replication holds no value in full")
	}
	rows := at + 12 + 4*(nC+nI+nF) + 8*nC
	rowBytes := 8*nF + 2*nI
	return rows + info.Months*rowBytes, rows + (info.Months-1)*rowBytes
}

// TestMergeRefusesDamagedShards damages one of two good shards in each way a file can be
// damaged or edited, and requires merge to refuse it, without a panic, with a message naming
// the file (and for shard.json the line, column and field), and to write nothing.
func TestMergeRefusesDamagedShards(t *testing.T) {
	dir := t.TempDir()
	base := []string{"run", "--reps", "6", "--years", "1", "-q"}
	s0, s1 := filepath.Join(dir, "s0"), filepath.Join(dir, "s1")
	mustRun(t, slices.Concat(base, []string{"--shard", "0/2", "--out", s0})...)
	mustRun(t, slices.Concat(base, []string{"--shard", "1/2", "--out", s1})...)
	p10 := filepath.Join(dir, "p10")
	mustRun(t, slices.Concat(base, []string{"--shard", "1/2", "--percentiles", "10,50,90", "--out", p10})...)
	mustRun(t, "merge", s0, s1, "--charts=false", "-q", "--out", filepath.Join(dir, "good"))

	nan := math.Float64bits(math.NaN())
	pointed := 0 // problems whose position was checked
	// Where the second record starts, and a value of the first's last month kept in full.
	stride, lastFull := binLayout(t, s1)
	setJSON := func(field string, v any) func(string) {
		return func(d string) { editShardJSON(t, d, func(m map[string]any) { m[field] = v }) }
	}
	for _, tt := range []struct {
		name   string
		damage func(dir string) // on a copy of s1
		want   []string         // in stderr
	}{
		{"flipped bit", func(d string) { editBin(t, d, false, func(b []byte) { b[len(b)-20] ^= 0x10 }) },
			[]string{"replications.bin: its checksum does not match replications_sha256"}},
		{"flipped bit in a replication number", func(d string) { editBin(t, d, false, func(b []byte) { b[stride] ^= 1 }) },
			[]string{"replications.bin: its checksum does not match replications_sha256"}},
		{"replication number edited", func(d string) { editBin(t, d, true, func(b []byte) { b[stride] ^= 1 }) },
			[]string{"replications.bin: byte " + strconv.Itoa(stride) + ": holds replication"}},
		{"NaN in a KPI", func(d string) {
			editBin(t, d, true, func(b []byte) { binary.LittleEndian.PutUint64(b[8:], nan) })
		}, []string{"replications.bin: byte 8: replication 4:", "is NaN, which placesim never writes there"}},
		{"infinity in a month", func(d string) {
			editBin(t, d, true, func(b []byte) { binary.LittleEndian.PutUint64(b[lastFull:], math.Float64bits(math.Inf(1))) })
		}, []string{"replications.bin: byte " + strconv.Itoa(lastFull) + ": replication 4:", "is +Inf"}},
		{"cut short", func(d string) {
			editBin(t, d, false, func(b []byte) {})
			os.Truncate(filepath.Join(d, "replications.bin"), int64(stride))
		},
			[]string{"replications.bin: holds " + strconv.Itoa(stride) + " bytes, want " + strconv.Itoa(len(readFile(t, s1, "replications.bin")))}},
		{"negative first replication", setJSON("first_replication", -3),
			[]string{"shard.json:", ": first_replication: must be at least 0, not -3"}},
		{"replications past the run", setJSON("replications", 30),
			[]string{"shard.json:", ": replications: replications 4-33 go past the run's 6"}},
		{"replications not the shard's", setJSON("first_replication", 2),
			[]string{"first_replication: shard 1/2 of 6 replications runs 4-6 (first_replication 3, replications 3), not 3-5 (2, 3)"}},
		{"shard out of range", setJSON("shard", 5), []string{"shard: must be from 0 to shards-1 (1), not 5"}},
		{"every problem at once", func(d string) {
			editShardJSON(t, d, func(m map[string]any) {
				m["reps"], m["percentiles"], m["months"], m["placesim"] = 0, []any{5, 150, 5}, 0, ""
			})
		}, []string{"reps: must be at least 1, not 0", "percentiles: must be between 0 and 100, not 150", "percentiles: 5 is given twice",
			"months: must be at least 1, not 0", "placesim: must name the placesim version"}},
		{"no percentiles", setJSON("percentiles", []any{}), []string{"percentiles: must list at least one percentile"}},
		{"not a checksum", setJSON("replications_sha256", "abc"), []string{"replications_sha256: must be a SHA-256 checksum"}},
		{"wrong type", setJSON("first_replication", "three"), []string{"shard.json:", ": first_replication: want a whole number, not a string"}},
		{"empty shard.json", func(d string) { os.WriteFile(filepath.Join(d, "shard.json"), nil, 0o644) },
			[]string{"shard.json:1:1: the file is empty, where a JSON object belongs"}},
		{"shard.json a list", func(d string) { os.WriteFile(filepath.Join(d, "shard.json"), []byte("[]\n"), 0o644) },
			[]string{"shard.json:1:1: want an object, not a list"}},
		{"not JSON", func(d string) {
			os.WriteFile(filepath.Join(d, "shard.json"), []byte("{\n  \"format\": 2,\n  oops\n}"), 0o644)
		},
			[]string{"shard.json:3:3: a field's name belongs here, in double quotes, not oops"}},
		{"older format", func(d string) {
			editShardJSON(t, d, func(m map[string]any) { m["format"] = 1; delete(m, "replications_sha256") })
		}, []string{"shard.json:", ": format: shard format 1, this placesim reads format 3"}},
		// A shard of the placesim before replications.bin was packed.
		{"unpacked format", func(d string) {
			editShardJSON(t, d, func(m map[string]any) { m["format"] = 2; delete(m, "replications_bytes") })
		}, []string{"shard.json:", ": format: shard format 2, this placesim reads format 3 (run the shards again with this placesim)"}},
		{"unknown field", setJSON("extra", 1), []string{"shard.json:", ": extra: unknown field \"extra\": placesim writes no such field"}},
		{"replications.bin removed", func(d string) { os.Remove(filepath.Join(d, "replications.bin")) },
			[]string{"replications.bin: missing, though manifest.json lists it: run shard 1/2 again\n"}},
		{"scenario.yaml removed", func(d string) { os.Remove(filepath.Join(d, "scenario.yaml")) },
			[]string{"scenario.yaml: missing, though manifest.json lists it: run shard 1/2 again\n"}},
		{"no manifest", func(d string) { os.Remove(filepath.Join(d, manifestName)) },
			[]string{"no manifest.json: it was removed, or the shard was written by an older placesim; run the shard again with this one"}},
		{"manifest not JSON", func(d string) {
			os.WriteFile(filepath.Join(d, manifestName), []byte("{\n  \"format\": 1,\n  oops"), 0o644)
		},
			[]string{"manifest.json:3:3: a field's name belongs here, in double quotes, not oops"}},
		{"manifest with an unknown field", editManifest(t, func(m map[string]any) { m["started"] = "2026-12-02T03:00:00Z" }),
			[]string{"manifest.json:", ": started: unknown field \"started\": placesim writes no such field"}},
		{"manifest of another seed", editManifest(t, func(m map[string]any) { m["seed"], m["seed_text"] = 9, "9" }),
			[]string{"manifest.json: does not describe the run shard.json describes"}},
		{"manifest of another seed, as written before seed_text", editManifest(t, func(m map[string]any) { m["seed"] = 9; delete(m, "seed_text") }),
			[]string{"manifest.json: does not describe the run shard.json describes"}},
		{"manifest whose seed and seed_text differ", editManifest(t, func(m map[string]any) { m["seed"] = 9 }),
			[]string{"manifest.json:", ": seed: must be the seed seed_text gives (1), not 9"}},
		{"manifest of another format", editManifest(t, func(m map[string]any) { m["format"] = 7 }),
			[]string{"manifest.json:", ": format: manifest format 7, this placesim reads format 1"}},
		{"manifest with a bad checksum", editManifest(t, func(m map[string]any) { m["files"].([]any)[0].(map[string]any)["sha256"] = "XYZ" }),
			[]string{"manifest.json:", ": files[0].sha256: must be a SHA-256 checksum"}},
		{"shard.json edited behind the manifest", func(d string) {
			b := strings.Replace(readFile(t, d, "shard.json"), `"percentiles": [`, `"percentiles": [1, `, 1)
			os.WriteFile(filepath.Join(d, "shard.json"), []byte(b), 0o644)
		}, []string{"does not describe the run shard.json describes"}},
		{"scenario.yaml edited with its checksum in shard.json", func(d string) {
			y := readFile(t, d, "scenario.yaml") + "# a note\n"
			os.WriteFile(filepath.Join(d, "scenario.yaml"), []byte(y), 0o644)
			editShardJSON(t, d, func(m map[string]any) { m["scenario_sha256"] = sha([]byte(y)) })
		}, []string{"manifest.json: does not describe the run shard.json describes"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := copyShard(t, s1)
			tt.damage(bad)
			out := filepath.Join(t.TempDir(), "merged")
			o := placesim(t, "merge", s0, bad, "--charts=false", "--out", out)
			if o.code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", o.code, exitUsage, o.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, o.stderr)
				}
			}
			// Each problem of shard.json points at its field's key.
			for _, m := range fieldAt.FindAllStringSubmatch(o.stderr, -1) {
				pointed++
				lines := strings.Split(readFile(t, bad, "shard.json"), "\n")
				l, _ := strconv.Atoi(m[1])
				c, _ := strconv.Atoi(m[2])
				if l < 1 || l > len(lines) || c < 1 || !strings.HasPrefix(lines[l-1][c-1:], `"`+m[3]+`"`) {
					t.Errorf("shard.json:%s:%s does not point at %q", m[1], m[2], m[3])
				}
			}
			if !strings.Contains(o.stderr, bad) {
				t.Errorf("stderr does not name the shard %s:\n%s", bad, o.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused merge wrote %s", out)
			}
		})
	}
	if pointed < 10 {
		t.Errorf("only %d problems named a line and column of shard.json", pointed)
	}
	t.Run("percentiles differ", func(t *testing.T) {
		o := placesim(t, "merge", s0, p10, "--charts=false", "--out", filepath.Join(t.TempDir(), "merged"))
		if o.code != exitUsage || !strings.Contains(o.stderr, "asks for percentiles [10 50 90]") {
			t.Errorf("exit %d, stderr %q", o.code, o.stderr)
		}
	})
}

// TestMain runs the tests without the variables a cluster scheduler sets, so that a test run
// inside a Slurm array task or an indexed pod behaves as anywhere else: run notes them. With
// PLACESIM_TEST_AS_PLACESIM=1 the test binary is placesim itself, for a shell that runs it
// (see TestBashCompletionScript).
func TestMain(m *testing.M) {
	if os.Getenv("PLACESIM_TEST_AS_PLACESIM") == "1" {
		os.Args[0] = "placesim"
		main()
	}
	for _, v := range append(schedulerVars, "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", shardEnvVar) {
		os.Unsetenv(v)
	}
	os.Exit(m.Run())
}

// TestShardRefusesWholeRunFlags checks that a shard, given by --shard or by the scheduler,
// refuses each flag that shapes only the files of the whole run, which it does not write,
// pointing at merge; and that merge refuses a region's flags for a scenario's shards, as run
// does.
func TestShardRefusesWholeRunFlags(t *testing.T) {
	dir := t.TempDir()
	region := testRegionFile(t)
	shard := filepath.Join(dir, "shard")
	mustRun(t, "run", "--reps", "4", "--years", "1", "--shard", "0/1", "--out", shard, "-q")
	run := func(msg string) string {
		return "placesim run: " + msg + "\nRun 'placesim run --help' for usage.\n"
	}
	toMerge := func(flag string) string {
		return run("--" + flag + " shapes the charts, report and files of the whole run, which a shard does not write: give it to placesim merge, which writes them")
	}
	args := func(extra ...string) []string {
		return slices.Concat([]string{"run", "--reps", "4", "--years", "1", "--out", filepath.Join(dir, "refused")}, extra)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "1") // for --shard-from-env
	checkMessages(t, []messageCase{
		{"formats", args("--shard", "0/2", "--formats", "svg"), toMerge("formats"), exitUsage},
		{"charts off", args("--shard", "0/2", "--charts=false"), toMerge("charts"), exitUsage},
		{"charts on", args("--shard", "0/2", "--charts"), toMerge("charts"), exitUsage},
		{"formats from the scheduler", args("--shard-from-env", "--shards", "2", "--formats", "png"), toMerge("formats"), exitUsage},
		{"interval", args("--shard", "0/2", "--interval", "0.8"),
			run("--interval is the level of --budget's and --precision's intervals, which shards do not take: leave it out"), exitUsage},
		{"a region's all-kpis", args(region, "--shard", "0/2", "--all-kpis"), toMerge("all-kpis"), exitUsage},
		{"a region's council-charts", args(region, "--shard", "0/2", "--council-charts=false"), toMerge("council-charts"), exitUsage},
		{"a scenario's all-kpis", args("--shard", "0/2", "--all-kpis"),
			run("--all-kpis is for a region: a scenario's run writes every KPI, and its own charts"), exitUsage},
		{"merge of a scenario's shards with all-kpis", []string{"merge", shard, "--all-kpis", "--out", filepath.Join(dir, "refused")},
			"placesim merge: --all-kpis is for a region's shards: a scenario's merge writes every KPI, and its own charts\nRun 'placesim merge --help' for usage.\n", exitUsage},
	})
	if _, err := os.Stat(filepath.Join(dir, "refused")); err == nil {
		t.Error("a refused run wrote its folder")
	}
}

// TestMergeRefusesAnotherBuild runs shards of a scenario and of a region with one version of
// placesim and merges them with another, which must refuse, naming both versions; the build
// that ran them merges them.
func TestMergeRefusesAnotherBuild(t *testing.T) {
	dir := t.TempDir()
	region := testRegionFile(t)
	setVersion := func(v string) {
		old := version
		version = v
		t.Cleanup(func() { version = old })
	}
	setVersion("v1.4.0")
	for _, tt := range []struct{ name, ref string }{{"scenario", "default"}, {"region", region}} {
		t.Run(tt.name, func(t *testing.T) {
			var shards []string
			for i := range 2 {
				sd := filepath.Join(dir, tt.name+strconv.Itoa(i))
				mustRun(t, "run", tt.ref, "--reps", "4", "--years", "1", "--shard", strconv.Itoa(i)+"/2", "--out", sd, "-q")
				shards = append(shards, sd)
			}
			version = "v1.5.0"
			out := filepath.Join(dir, tt.name+"-refused")
			o := placesim(t, slices.Concat([]string{"merge", "--charts=false", "--out", out}, shards)...)
			want := shards[0] + ": run by placesim v1.4.0, and this is placesim v1.5.0: merge the shards with the placesim that ran them, or run them again with this one\n"
			if o.code != exitUsage || o.stderr != want {
				t.Errorf("exit %d, stderr %q; want exit %d, %q", o.code, o.stderr, exitUsage, want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused merge wrote %s", out)
			}
			version = "v1.4.0"
			mustRun(t, slices.Concat([]string{"merge", "--charts=false", "-q", "--out", filepath.Join(dir, tt.name+"-merged")}, shards)...)
		})
	}
}

// TestShardFromSlurmSaysWhatToDo runs placesim run --shard-from-env in the environment of Slurm
// arrays it cannot take a shard from, and checks each message: what is wrong and what to submit
// instead, or, for one task of an array submitted again on its own, how to run that task again.
func TestShardFromSlurmSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	usage := func(msg string) string { return "placesim run: " + msg + "\nRun 'placesim run --help' for usage.\n" }
	for _, tt := range []struct {
		name string
		env  map[string]string // SLURM_ARRAY_TASK_*
		args []string
		want string // stderr, or "" for a run that succeeds
	}{
		{"one task submitted again", map[string]string{"ID": "2", "MIN": "2", "MAX": "2", "COUNT": "1"}, nil,
			usage("SLURM_ARRAY_TASK_ID=2 is the only task of its array (--array=2, as when a failed task is submitted again): its shard is task 2's of the run's array, but this array cannot say of how many shards. " +
				"Run that task again with scontrol requeue <array job id>_2, or run its shard with the array's arguments: placesim run ... --shard 2/N --out RUN_DIR/shard-2, N being the number of the run's tasks")},
		{"no count", map[string]string{"ID": "1"}, nil,
			usage("SLURM_ARRAY_TASK_ID=1 is set, but SLURM_ARRAY_TASK_COUNT is not: submit the job as an array of N tasks numbered from 0 (sbatch --array=0-<N-1>), or give the number of shards with --shards N")},
		{"no count, --shards", map[string]string{"ID": "1"}, []string{"--shards", "4"}, ""},
		{"from 1", map[string]string{"ID": "1", "MIN": "1", "MAX": "4", "COUNT": "4"}, nil,
			usage("the array is tasks 1 to 4, SLURM_ARRAY_TASK_COUNT=4 of them: shard I of N is task I of tasks 0 to N-1, so submit it as --array=0-3")},
		{"with a step", map[string]string{"ID": "2", "MIN": "0", "MAX": "6", "COUNT": "4"}, nil,
			usage("the array is tasks 0 to 6, SLURM_ARRAY_TASK_COUNT=4 of them: shard I of N is task I of tasks 0 to N-1, so submit it as --array=0-3")},
		{"--shards disagrees", map[string]string{"ID": "1", "MIN": "0", "MAX": "3", "COUNT": "4"}, []string{"--shards", "8"},
			usage("--shards 8, but the array has SLURM_ARRAY_TASK_COUNT=4 tasks: leave --shards out, as the array says how many shards there are")},
		{"not a number", map[string]string{"ID": "x", "MIN": "0", "MAX": "3", "COUNT": "4"}, nil,
			usage(`SLURM_ARRAY_TASK_ID=x, SLURM_ARRAY_TASK_COUNT=4: "x/4": want I/N with 0 <= I < N, such as 0/4 (submit the array as --array=0-3)`)},
		{"numbered from 0", map[string]string{"ID": "1", "MIN": "0", "MAX": "3", "COUNT": "4"}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []string{"ID", "MIN", "MAX", "COUNT"} {
				t.Setenv("SLURM_ARRAY_TASK_"+v, tt.env[v])
			}
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			o := placesim(t, slices.Concat([]string{"run", "--reps", "4", "--years", "1", "--shard-from-env", "-q", "--out", out}, tt.args)...)
			switch {
			case tt.want == "" && o.code != exitOK:
				t.Errorf("exit %d\n%s", o.code, o.stderr)
			case tt.want != "" && (o.code != exitUsage || o.stderr != tt.want):
				t.Errorf("exit %d, said\n%s\nwant exit %d,\n%s", o.code, o.stderr, exitUsage, tt.want)
			}
			if _, err := os.Stat(out); (err == nil) != (tt.want == "") {
				t.Errorf("wrote %s: %v", out, err == nil)
			}
		})
	}
}

// TestRegionMergeTakesWholeRunFlags merges a region's shards with --all-kpis and
// --council-charts=false, which the shards refuse, and requires the files one run with them
// writes: a shard holds every KPI, so the merge can write them all.
func TestRegionMergeTakesWholeRunFlags(t *testing.T) {
	dir := t.TempDir()
	region := testRegionFile(t)
	flags := []string{"--all-kpis", "--council-charts=false", "--formats", "svg"}
	one := filepath.Join(dir, "one")
	mustRun(t, slices.Concat([]string{"run", region, "--reps", "3", "--out", one, "-q"}, flags)...)
	var shards []string
	for i := range 2 {
		sd := filepath.Join(dir, "shard-"+strconv.Itoa(i))
		mustRun(t, "run", region, "--reps", "3", "--shard", strconv.Itoa(i)+"/2", "--out", sd, "-q")
		shards = append(shards, sd)
	}
	merged := filepath.Join(dir, "merged")
	mustRun(t, slices.Concat([]string{"merge", "--out", merged, "-q"}, flags, shards)...)
	want, got := readTree(t, one), readTree(t, merged)
	if len(got) != len(want) {
		t.Errorf("one run wrote %d files, the merge %d", len(want), len(got))
	}
	for name, content := range want {
		if got[name] != content {
			t.Errorf("%s differs between one run and the merge", name)
		}
	}
}

// TestMergeRefusesRegionMixUps gives merge a region's shards mixed with what does not belong:
// a scenario's shard before or after them, a council's folder inside one, a council's
// replications removed, and an --out that is or is inside one of them. Each is refused,
// saying what it is, before anything is written.
func TestMergeRefusesRegionMixUps(t *testing.T) {
	dir := t.TempDir()
	region := testRegionFile(t)
	r0, r1, sc := filepath.Join(dir, "r0"), filepath.Join(dir, "r1"), filepath.Join(dir, "sc")
	mustRun(t, "run", region, "--reps", "2", "--shard", "0/2", "--out", r0, "-q")
	mustRun(t, "run", region, "--reps", "2", "--shard", "1/2", "--out", r1, "-q")
	mustRun(t, "run", "erlang", "--reps", "2", "--years", "1", "--shard", "0/2", "--out", sc, "-q")
	council := filepath.Join(r1, testCouncils[1])
	// copyWithout copies the shard folder src into parent (a new folder when "") and removes
	// its file name (slash-separated) from the copy.
	copyWithout := func(src, parent, name string) string {
		if parent == "" {
			parent = t.TempDir()
		}
		d := filepath.Join(parent, filepath.Base(src))
		if err := os.CopyFS(d, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(d, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
		return d
	}
	without := func(name string) string { return copyWithout(r1, "", testCouncils[1]+"/"+name) }
	noBin, noYAML, noJSON := without("replications.bin"), without("scenario.yaml"), without("shard.json")
	// A run's folder whose shard 0 lost its region.json, and a copy of shard 1 without it.
	run := t.TempDir()
	noRegion0 := copyWithout(r0, run, regionJSON)
	copyWithout(r1, run, testCouncils[1]+"/replications.bin")
	noRegion1 := copyWithout(r1, "", regionJSON)
	for _, tt := range []struct {
		name, out string
		dirs      []string
		want      string
	}{
		{"a region's shard after a scenario's", "", []string{sc, r1},
			r1 + ": a region's shard, not a scenario's (it holds region.json, and " + sc + " does not): merge the shards of one run\n"},
		{"a scenario's shard after a region's", "", []string{r0, sc}, sc + ": a scenario's shard, not a region's (no region.json)"},
		{"a council's folder", "", []string{council},
			council + " is council south-shire's folder inside " + r1 + ", shard 1/2 of region \"test-region\": merge the region's shard folders (" + r1 + " and the others of its run), not a council's folder inside one\n"},
		{"a council's replications removed", "", []string{r0, noBin},
			filepath.Join(noBin, "south-shire", "replications.bin") + ": missing, though " + filepath.Join(noBin, manifestName) + " lists it: run shard 1/2 again\n"},
		{"a region's region.json removed", "", []string{noRegion0, r1},
			filepath.Join(noRegion0, regionJSON) + ": missing, though manifest.json lists it: run shard 0/2 again\n"},
		{"a region's region.json removed, in the run's folder", "", []string{run},
			filepath.Join(noRegion0, regionJSON) + ": missing, though manifest.json lists it: run shard 0/2 again\n"},
		{"a region's region.json removed, after a scenario's shard", "", []string{sc, noRegion1},
			noRegion1 + ": a region's shard, not a scenario's (its manifest.json lists region.json, and that of " + sc + " does not): merge the shards of one run\n"},
		{"a region's region.json removed, before a region's shard", "", []string{r0, noRegion1},
			filepath.Join(noRegion1, regionJSON) + ": missing, though manifest.json lists it: run shard 1/2 again\n"},
		{"a council's scenario.yaml removed", "", []string{r0, noYAML},
			filepath.Join(noYAML, "south-shire", "scenario.yaml") + ": missing, though " + filepath.Join(noYAML, manifestName) + " lists it: run shard 1/2 again\n"},
		{"a council's shard.json removed", "", []string{r0, noJSON},
			filepath.Join(noJSON, "south-shire", "shard.json") + ": missing, though " + filepath.Join(noJSON, manifestName) + " lists it: run shard 1/2 again\n"},
		{"out is a region's shard", r0, []string{r0, r1}, "--out " + r0 + " is the shard folder " + r0 + ", which this merge reads"},
		{"out is inside a council's folder", filepath.Join(council, "m"), []string{r0, r1}, "--out " + filepath.Join(council, "m") + " is inside the shard folder " + r1 + ","},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.out
			if out == "" {
				out = filepath.Join(t.TempDir(), "merged")
			}
			before := readTree(t, dir)
			o := placesim(t, append([]string{"merge", "--out", out, "--charts=false"}, tt.dirs...)...)
			if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", o.code, o.stderr, exitUsage, tt.want)
			}
			if after := readTree(t, dir); !maps.Equal(after, before) {
				t.Error("a refused merge changed the shards")
			}
		})
	}
}

// readmeMergeExamples runs each example of merge's refusals in the README's section on shards
// (the block that starts "$ placesim merge out/s0 out/s2 out/s3") on the shards in dir, run
// with 8 replications in 4 shards, and requires merge to print what the README shows. Each
// example's comment names the damage done to s1 (out/s1), which is undone after it.
func readmeMergeExamples(t *testing.T, dir, s1 string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "$ placesim merge out/s0 out/s2 out/s3")
	if start < 0 {
		t.Fatal("README.md holds no example of merge's refusals")
	}
	block := text[start : start+strings.Index(text[start:], "```")]
	damages := map[string]func(){
		"": func() {},
		"a bit of out/s1/replications.bin flipped": func() { editBin(t, s1, false, func(b []byte) { b[len(b)-20] ^= 0x10 }) },
		"first_replication edited to -50": func() {
			b := strings.Replace(readFile(t, s1, "shard.json"), `"first_replication": 2,`, `"first_replication": -50,`, 1)
			os.WriteFile(filepath.Join(s1, "shard.json"), []byte(b), 0o644)
		},
		"out/s1/replications.bin removed": func() { os.Remove(filepath.Join(s1, "replications.bin")) },
	}
	lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	if len(lines)%2 != 0 || len(lines) < 8 {
		t.Fatalf("README.md's examples of merge's refusals are not pairs of a command and its message:\n%s", block)
	}
	for i := 0; i < len(lines); i += 2 {
		cmd, comment, _ := strings.Cut(strings.TrimPrefix(lines[i], "$ placesim "), "#")
		damage, ok := damages[strings.TrimSpace(comment)]
		if !ok {
			t.Errorf("README.md: the test does not know the damage %q", comment)
			continue
		}
		keep := copyShard(t, s1)
		damage()
		args := strings.Fields(strings.ReplaceAll(cmd, "out/", dir+string(filepath.Separator)))
		want := strings.ReplaceAll(lines[i+1], "out/", dir+string(filepath.Separator))
		want = strings.Replace(want, "251-500 of 1000", "3-4 of 8", 1)
		o := placesim(t, append(args, "--charts=false")...)
		if o.code != exitUsage || o.stderr != want+"\n" {
			t.Errorf("README.md: %s: exit %d, stderr %q; want exit %d, %q", lines[i], o.code, o.stderr, exitUsage, want+"\n")
		}
		for _, name := range []string{"shard.json", "scenario.yaml", "replications.bin", manifestName} {
			if err := os.WriteFile(filepath.Join(s1, name), []byte(readFile(t, keep, name)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRegionMergeNamesDamageFirst checks that a merge of a region's shards that is given a
// damaged shard and not every shard names the damaged shard first, as a scenario's merge does:
// running the missing shards would not mend it.
func TestRegionMergeNamesDamageFirst(t *testing.T) {
	dir := t.TempDir()
	region := testRegionFile(t)
	var shards []string
	for i := range 4 {
		s := filepath.Join(dir, "s"+strconv.Itoa(i))
		mustRun(t, "run", region, "--reps", "4", "--years", "1", "--shard", strconv.Itoa(i)+"/4", "--out", s, "-q")
		shards = append(shards, s)
	}
	bin := filepath.Join(shards[1], testCouncils[1])
	editBin(t, bin, false, func(b []byte) { b[len(b)-20] ^= 0x10 })
	o := placesim(t, "merge", "--out", filepath.Join(dir, "merged"), "--charts=false", "--council-charts=false", shards[0], shards[1])
	if o.code != exitUsage || !strings.HasPrefix(o.stderr, filepath.Join(bin, "replications.bin")+": its checksum does not match") {
		t.Errorf("exit %d, stderr %q; want exit %d, naming %s's damage first", o.code, o.stderr, exitUsage, filepath.Join(bin, "replications.bin"))
	}
	if _, err := os.Stat(filepath.Join(dir, "merged")); !os.IsNotExist(err) {
		t.Errorf("a refused merge wrote %s (%v)", filepath.Join(dir, "merged"), err)
	}
}
