package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim/shard"
)

// loadManifest reads and checks dir/manifest.json, failing the test when it cannot.
func loadManifest(t *testing.T, dir string) *manifest {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// manifestPaths returns the paths m lists.
func manifestPaths(m *manifest) []string {
	var out []string
	for _, f := range m.Files {
		out = append(out, f.Path)
	}
	return out
}

// treePaths returns the slash-separated paths of every file under dir but manifest.json,
// sorted.
func treePaths(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for p := range readTree(t, dir) {
		if p != manifestName {
			out = append(out, filepath.ToSlash(p))
		}
	}
	slices.Sort(out)
	return out
}

// TestRunManifest runs with charts and requires a manifest that lists every file of the
// folder, with sizes and checksums that match, and says what was run.
func TestRunManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	mustRun(t, "run", "--reps", "4", "--years", "2", "--set", "warmup_years=1", "--seed", "7", "--percentiles", "10,50,90", "--formats", "svg", "--out", out, "-q")
	m := loadManifest(t, out)
	if got, want := manifestPaths(m), treePaths(t, out); !slices.Equal(got, want) {
		t.Errorf("the manifest lists %v, the folder holds %v", got, want)
	}
	if err := m.checkFiles(out); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"summary.csv", "kpis.csv", "timeseries.csv", "scenario.yaml", "charts/chart-data.csv", "report.html", "results.xlsx"} {
		if _, ok := m.file(name); !ok {
			t.Errorf("the manifest does not list %s", name)
		}
	}
	want := manifest{Format: manifestFormat, Command: "run", Placesim: placesimVersion(), Seed: 7, Reps: 4, Years: 2, Percentiles: []float64{10, 50, 90}}
	if m.Format != want.Format || m.Command != want.Command || m.Placesim != want.Placesim || m.Seed != want.Seed || m.Reps != want.Reps ||
		m.Years != want.Years || !slices.Equal(m.Percentiles, want.Percentiles) || m.Shard != nil || m.Interval != 0 {
		t.Errorf("the manifest says %+v, want %+v", *m, want)
	}
	if len(m.Scenarios) != 1 || m.Scenarios[0].Name != "default" || m.Scenarios[0].SHA256 != sha([]byte(readFile(t, out, "scenario.yaml"))) {
		t.Errorf("scenarios %+v: want default with the checksum of scenario.yaml", m.Scenarios)
	}
	// Nothing of the clock: the manifest holds no field but those above.
	var raw map[string]any
	if err := json.Unmarshal([]byte(readFile(t, out, manifestName)), &raw); err != nil {
		t.Fatal(err)
	}
	for k := range raw {
		if !slices.Contains([]string{"format", "command", "placesim", "scenarios", "seed", "seed_text", "replications", "years", "sets", "percentiles", "files"}, k) {
			t.Errorf("the manifest of a run holds %q", k)
		}
	}
}

// TestManifestSameBytesWhateverWorkers requires the same manifest, byte for byte, from the
// same seed run with one worker and with three, and from a shard.
func TestManifestSameBytesWhateverWorkers(t *testing.T) {
	dir := t.TempDir()
	var texts []string
	for _, w := range []string{"1", "3"} {
		out := filepath.Join(dir, "w"+w)
		mustRun(t, runArgs(out, "--workers", w, "-q")...)
		texts = append(texts, readFile(t, out, manifestName))
	}
	if texts[0] != texts[1] {
		t.Errorf("the manifests of 1 and 3 workers differ:\n%s\n%s", texts[0], texts[1])
	}
	var shards []string
	for _, w := range []string{"1", "2"} {
		out := filepath.Join(dir, "s"+w)
		mustRun(t, noCharts(runArgs(out, "--workers", w, "--shard", "1/2", "-q"))...)
		shards = append(shards, readFile(t, out, manifestName))
	}
	if shards[0] != shards[1] {
		t.Errorf("the manifests of a shard run with 1 and 2 workers differ")
	}
	m := loadManifest(t, filepath.Join(dir, "s1"))
	if m.Shard == nil || *m.Shard != (manifestShard{Shard: 1, Shards: 2, First: 2, Count: 2}) || m.Reps != 4 {
		t.Errorf("a shard's manifest says shard %+v of %d replications, want shard 1/2, replications 2-3 of 4", m.Shard, m.Reps)
	}
	if got := manifestPaths(m); !slices.Equal(got, []string{"replications.bin", "scenario.yaml", "shard.json"}) {
		t.Errorf("a shard's manifest lists %v", got)
	}
}

// TestRunWithoutChartsAfterCharts runs with charts, then again with --charts=false into the same
// folder, and requires the charts, report and workbook of the first run gone, and a user's
// notes and a chart the user changed kept.
func TestRunWithoutChartsAfterCharts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	mustRun(t, runArgs(out, "--charts=true", "--formats", "svg", "-q")...)
	writeFiles(t, out, map[string]string{"notes.txt": "for the board", "charts/mine.png": "a chart of mine"})
	// A chart the user edited is the user's now.
	if err := os.WriteFile(filepath.Join(out, "charts", "cost-by-year.svg"), []byte("<svg>edited</svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, runArgs(out, "-q")...)
	for _, gone := range []string{"report.html", "results.xlsx", "charts/chart-data.csv", "charts/placements.svg"} {
		if _, err := os.Stat(filepath.Join(out, gone)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s of the run with charts is still there (%v)", gone, err)
		}
	}
	for name, want := range map[string]string{"notes.txt": "for the board", "charts/mine.png": "a chart of mine", "charts/cost-by-year.svg": "<svg>edited</svg>"} {
		if got := readFile(t, out, name); got != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	m := loadManifest(t, out)
	if got := manifestPaths(m); !slices.Equal(got, []string{"kpis.csv", "periods.csv", "scenario.yaml", "summary.csv", "timeseries.csv"}) {
		t.Errorf("the manifest lists %v", got)
	}
	// Without a file of the user's, the charts folder goes too.
	os.Remove(filepath.Join(out, "charts", "mine.png"))
	os.Remove(filepath.Join(out, "charts", "cost-by-year.svg"))
	mustRun(t, runArgs(out, "--charts=true", "--formats", "svg", "-q")...)
	mustRun(t, runArgs(out, "-q")...)
	if _, err := os.Stat(filepath.Join(out, "charts")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the charts folder of the first run is still there (%v)", err)
	}
	if got := treePaths(t, out); !slices.Equal(got, []string{"kpis.csv", "notes.txt", "periods.csv", "scenario.yaml", "summary.csv", "timeseries.csv"}) {
		t.Errorf("the folder holds %v", got)
	}
}

// TestWriteResultsRemovesWhatItNoLongerWrites writes a folder twice, the second time fewer
// files, by each way writeResults writes (swapping the folder, and in place when it is the
// working folder), and requires the files only the first wrote removed, and every other file
// kept: a user's, one the user changed, one listed by no manifest.
func TestWriteResultsRemovesWhatItNoLongerWrites(t *testing.T) {
	for _, inPlace := range []bool{false, true} {
		t.Run("in place "+strconv.FormatBool(inPlace), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			target := dir
			if inPlace {
				os.Mkdir(dir, 0o755)
				t.Chdir(dir)
				target = "."
			}
			first := []outputFile{{"a.csv", writes("1")}, {"report.html", writes("r")}, {"charts/x.svg", writes("x")}, {"charts/y.svg", writes("y")}, {"old/deep/z.csv", writes("z")}}
			if err := writeResults(target, first, &manifest{Command: "run", Placesim: "dev", Scenarios: []manifestScenario{{"s", sha(nil)}}, Reps: 1, Years: 1}, io.Discard); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{"notes.txt": "mine", "charts/y.svg": "changed"})
			var stderr strings.Builder
			if err := writeResults(target, []outputFile{{"a.csv", writes("2")}}, &manifest{Command: "run", Placesim: "dev", Scenarios: []manifestScenario{{"s", sha(nil)}}, Reps: 1, Years: 1}, &stderr); err != nil {
				t.Fatal(err)
			}
			if got, want := treePaths(t, dir), []string{"a.csv", "charts/y.svg", "notes.txt"}; !slices.Equal(got, want) {
				t.Errorf("the folder holds %v, want %v", got, want)
			}
			if _, err := os.Stat(filepath.Join(dir, "old")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the folder old/, which held only a file of the first run, is still there (%v)", err)
			}
			if got := readFile(t, dir, "a.csv") + readFile(t, dir, "charts/y.svg"); got != "2changed" {
				t.Errorf("a.csv and charts/y.svg hold %q", got)
			}
			if got := manifestPaths(loadManifest(t, dir)); !slices.Equal(got, []string{"a.csv"}) {
				t.Errorf("the manifest lists %v", got)
			}
			if inPlace != strings.Contains(stderr.String(), "not replaced all at once") {
				t.Errorf("stderr %q", stderr.String())
			}
		})
	}
}

// TestWriteResultsWithADamagedManifest requires a folder whose manifest cannot be read to be
// written all the same, keeping every file of the last run, with a note saying why.
func TestWriteResultsWithADamagedManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	m := func() *manifest {
		return &manifest{Command: "run", Placesim: "dev", Scenarios: []manifestScenario{{"s", sha(nil)}}, Reps: 1, Years: 1}
	}
	if err := writeResults(dir, []outputFile{{"a.csv", writes("1")}, {"b.csv", writes("1")}}, m(), io.Discard); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{manifestName: "{oops"})
	var stderr strings.Builder
	if err := writeResults(dir, []outputFile{{"a.csv", writes("2")}}, m(), &stderr); err != nil {
		t.Fatal(err)
	}
	if got := treePaths(t, dir); !slices.Equal(got, []string{"a.csv", "b.csv"}) {
		t.Errorf("the folder holds %v", got)
	}
	if !strings.Contains(stderr.String(), "the files of the last run in "+dir+" are kept, as its manifest.json cannot be read") {
		t.Errorf("stderr %q", stderr.String())
	}
	// The note says where the manifest went wrong, in plain words.
	writeFiles(t, dir, map[string]string{manifestName: ""})
	stderr.Reset()
	if err := writeResults(dir, []outputFile{{"a.csv", writes("3")}}, m(), &stderr); err != nil {
		t.Fatal(err)
	}
	if want := "cannot be read: " + filepath.Join(dir, manifestName) + ":1:1: the file is empty"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q, want it to say %q", stderr.String(), want)
	}
	if err := writeResults(dir, []outputFile{{manifestName, writes("x")}}, m(), &stderr); err == nil {
		t.Error("a file named manifest.json was written in place of the manifest")
	}
}

// TestParseManifest feeds parseManifest damaged manifests and requires each problem named
// with the file, the line and column of its field, and the field.
func TestParseManifest(t *testing.T) {
	good := `{
  "format": 1,
  "command": "run",
  "placesim": "dev",
  "scenarios": [
    {
      "name": "default",
      "sha256": "` + sha(nil) + `"
    }
  ],
  "seed": 1,
  "replications": 4,
  "years": 2,
  "percentiles": [5, 50, 95],
  "files": [
    {
      "path": "kpis.csv",
      "bytes": 10,
      "sha256": "` + sha(nil) + `"
    },
    {
      "path": "summary.csv",
      "bytes": 10,
      "sha256": "` + sha(nil) + `"
    }
  ]
}
`
	if _, err := parseManifest("m.json", []byte(good)); err != nil {
		t.Fatalf("a good manifest: %v", err)
	}
	precise := strings.Replace(good, `"years": 2,`, `"years": 2, "precision": {"kpi": "first_choice_share", "period": "all", "interval": 0.9,
  "share": 0.01, "first_replications": 4, "max_replications": 100, "reached": null, "met": false},`, 1)
	if _, err := parseManifest("m.json", []byte(precise)); err != nil {
		t.Fatalf("a good manifest of a run to a precision: %v", err)
	}
	for _, tt := range []struct {
		name, old, new string
		want           []string
	}{
		{"seed_text not the digits", `"seed": 1,`, `"seed": 1, "seed_text": "01",`, []string{`m.json:11:14: seed_text: must be the seed in decimal digits (at most 18446744073709551615), not "01"`}},
		{"seed_text past uint64", `"seed": 1,`, `"seed_text": "18446744073709551616",`, []string{`m.json:11:3: seed_text: must be the seed in decimal digits`}},
		{"seed against seed_text", `"seed": 1,`, `"seed": 2, "seed_text": "1",`, []string{"m.json:11:3: seed: must be the seed seed_text gives (1), not 2"}},
		{"no seed", `"seed": 1,`, ``, []string{"m.json:1:1: seed: must give the seed (seed_text, or seed)"}},
		{"unknown field", `"seed": 1,`, `"seed": 1, "written_at": "2026-12-02",`, []string{`m.json:11:14: written_at: unknown field "written_at": placesim writes no such field`}},
		{"unknown field in a file's entry", `"bytes": 10,`, `"bytes": 10, "mode": 420,`, []string{`m.json:18:20: files[0].mode: unknown field "mode"`}},
		{"wrong type in a file's entry", `"bytes": 10,`, `"bytes": "ten",`, []string{`m.json:18:7: files[0].bytes: want a whole number, not a string`}},
		{"wrong type", `"replications": 4`, `"replications": "four"`, []string{"m.json:12:3: replications: want a whole number, not a string"}},
		{"not JSON", `"seed": 1,`, `"seed": 1,,`, []string{"m.json:11:13: a comma with no field after it"}},
		{"other format", `"format": 1`, `"format": 2`, []string{"m.json:2:3: format: manifest format 2, this placesim reads format 1"}},
		{"every problem at once", `"command": "run"`, `"command": "plot"`, []string{"m.json:3:3: command: must be one of run, compare, sweep, backtest, sensitivity, not \"plot\""}},
		{"no replications", `"replications": 4`, `"replications": 0`, []string{"m.json:12:3: replications: must be at least 1, not 0"}},
		{"bad percentile", `[5, 50, 95]`, `[5, 500, 5]`, []string{"percentiles: must be between 0 and 100, not 500", "percentiles: 5 is given twice"}},
		{"path outside", `"path": "summary.csv"`, `"path": "../summary.csv"`, []string{"m.json:22:7: files[1].path: \"../summary.csv\" is not a file inside the folder"}},
		{"absolute path", `"path": "kpis.csv"`, `"path": "/etc/kpis.csv"`, []string{"m.json:17:7: files[0].path:"}},
		{"out of order", `"path": "summary.csv"`, `"path": "a.csv"`, []string{"files[1].path: \"a.csv\" must come after \"kpis.csv\""}},
		{"listed twice", `"path": "summary.csv"`, `"path": "kpis.csv"`, []string{"files[1].path: \"kpis.csv\" must come after \"kpis.csv\""}},
		{"itself", `"path": "summary.csv"`, `"path": "manifest.json"`, []string{"files[1].path: the manifest does not list itself"}},
		{"negative size", `"bytes": 10,
      "sha256": "` + sha(nil) + `"
    }
  ]`, `"bytes": -1,
      "sha256": "` + sha(nil) + `"
    }
  ]`, []string{"m.json:23:7: files[1].bytes: must be at least 0, not -1"}},
		{"bad checksum", `"name": "default",
      "sha256": "` + sha(nil) + `"`, `"name": "",
      "sha256": "ABC"`, []string{"m.json:7:7: scenarios[0].name: must name the scenario", "m.json:8:7: scenarios[0].sha256: must be a SHA-256 checksum"}},
		{"bad shard", `"years": 2,`, `"years": 2, "shard": {"shard": 1, "shards": 4, "first_replication": 0, "replications": 1},`,
			[]string{"shard.first_replication: shard 1/4 of 4 replications runs 2 (first_replication 1, replications 1), not 1 (0, 1)"}},
		{"no files", `"files": [`, `"filez": [`, []string{`unknown field "filez"`}},
		{"precision said met when short", `"years": 2,`, `"years": 2, "precision": {"kpi": "cost_total", "period": "all", "interval": 0.9, "share": 0.01,
  "first_replications": 2, "max_replications": 10, "reached": 0.02, "met": true},`, []string{"m.json:13:15: precision.met: must say whether reached is within share: false, not true"}},
		{"precision with no value said met", `"years": 2,`, `"years": 2, "precision": {"kpi": "cost_total", "period": "all", "interval": 0.9, "share": 0.01,
  "first_replications": 2, "max_replications": 10, "reached": null, "met": true},`, []string{"precision.met: must say whether reached is within share: false, not true"}},
		{"precision's replications", `"years": 2,`, `"years": 2, "precision": {"kpi": "", "period": "all", "interval": 90, "share": 0,
  "first_replications": 5, "max_replications": 10, "reached": -1, "met": false},`, []string{"precision: must name the kpi and the period",
			"precision.interval: must be between 0 and 1, not 90", "precision.share: must be greater than 0, not 0",
			"precision.first_replications: the run's 4 replications must be from first_replications (5, at least 2) to max_replications (10)",
			"precision.reached: must be at least 0, not -1"}},
		{"precision's one replication", `"replications": 4`, `"replications": 1, "precision": {"kpi": "cost_total", "period": "all", "interval": 0.9, "share": 0.01,
  "first_replications": 2, "max_replications": 10, "reached": 0.02, "met": false}`,
			[]string{"precision.first_replications: the run's 1 replication must be from first_replications (2, at least 2) to max_replications (10)"}},
		{"precision of a shard", `"years": 2,`, `"years": 2, "shard": {"shard": 0, "shards": 1, "first_replication": 0, "replications": 4}, "precision": {"kpi": "cost_total", "period": "all", "interval": 0.9, "share": 0.01,
  "first_replications": 2, "max_replications": 10, "reached": 0.005, "met": true},`, []string{"precision: only a run of one scenario, not a shard, runs to a precision"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(good, tt.old, tt.new, 1)
			if text == good {
				t.Fatalf("%q is not in the good manifest", tt.old)
			}
			_, err := parseManifest("m.json", []byte(text))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
		})
	}
	// Cut short, the error points at the end of what is there.
	cut := good[:len(good)/2]
	if _, err := parseManifest("m.json", []byte(cut)); err == nil || !strings.Contains(err.Error(), "m.json:"+strconv.Itoa(1+strings.Count(cut, "\n"))+":") ||
		!strings.Contains(err.Error(), ": the file ends before its JSON does: it was cut short") {
		t.Errorf("a manifest cut short: %v", err)
	}
	// A file that holds no object says so in plain words, with where.
	for text, want := range map[string]string{
		"":        "m.json:1:1: the file is empty, where a JSON object belongs",
		"[]\n":    "m.json:1:1: want an object, not a list",
		"\"run\"": "m.json:1:5: want an object, not a string",
	} {
		if _, err := parseManifest("m.json", []byte(text)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("a manifest of %q: %v, want %q", text, err, want)
		}
	}
	if _, err := parseManifest("m.json", []byte(strings.Replace(good, `"files": [`, `"files": null, "x": [`, 1))); err == nil {
		t.Error("accepted a manifest without files")
	}
	// Text after the manifest's closing brace was once read past.
	for _, after := range []string{"}", "]", "{}", "x"} {
		if _, err := parseManifest("m.json", []byte(good+after)); err == nil || !regexp.MustCompile(`^m\.json:\d+:\d+: (more than one JSON object|text after the JSON object)`).MatchString(err.Error()) {
			t.Errorf("a manifest followed by %q: %v", after, err)
		}
	}
}

// TestPlotReadsTheManifest requires plot to draw from the manifest's record of the run, to
// refuse a folder without one, with a damaged one or with files changed since, and to write a
// manifest that lists what it drew beside what it kept.
func TestPlotReadsTheManifest(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "results")
	mustRun(t, "run", "--reps", "3", "--years", "2", "--set", "warmup_years=1", "--seed", "5", "--formats", "svg", "--out", out, "-q")
	mustRun(t, "plot", out, "--formats", "pdf", "-q")
	m := loadManifest(t, out)
	if err := m.checkFiles(out); err != nil {
		t.Error(err)
	}
	if got, want := manifestPaths(m), treePaths(t, out); !slices.Equal(got, want) {
		t.Errorf("after plot, the manifest lists %v, the folder holds %v", got, want)
	}
	for _, name := range []string{"charts/cost-by-year.svg", "charts/cost-by-year.pdf", "results.xlsx"} {
		if _, ok := m.file(name); !ok {
			t.Errorf("after plot, the manifest does not list %s", name)
		}
	}
	if !strings.Contains(readFile(t, out, "report.html"), "seed 5") {
		t.Error("the report redrawn does not give the seed of the manifest")
	}

	copyRun := func(t *testing.T) string {
		t.Helper()
		d := filepath.Join(t.TempDir(), "results")
		for name, text := range readTree(t, out) {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(d, name)), 0o755); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, d, map[string]string{name: text})
		}
		return d
	}
	for _, tt := range []struct {
		name   string
		damage func(d string)
		want   string
	}{
		{"no manifest", func(d string) { os.Remove(filepath.Join(d, manifestName)) },
			"no manifest.json: it was written by a placesim older than manifests, or the manifest was removed; run the command again"},
		{"damaged manifest", func(d string) {
			b := strings.Replace(readFile(t, d, manifestName), `"seed": 5`, `"seed": -5`, 1)
			writeFiles(t, d, map[string]string{manifestName: b})
		}, "manifest.json:11:3: seed: want a whole number, 0 or more, not -5"},
		{"edited chart data", func(d string) {
			writeFiles(t, d, map[string]string{"charts/chart-data.csv": readFile(t, d, "charts/chart-data.csv") + "\n"})
		}, "chart-data.csv: holds"},
		{"edited scenario", func(d string) {
			b := readFile(t, d, "scenario.yaml")
			writeFiles(t, d, map[string]string{"scenario.yaml": strings.Replace(b, "name: default", "name: defaulx", 1)})
		}, "scenario.yaml: its checksum does not match manifest.json"},
		{"replications edited", editRunManifest(t, `"replications": 3`, `"replications": 5000`),
			"manifest.json:13:3: replications: 5000, where scenario.yaml's header says 3: manifest.json has been changed since the run wrote it; run it again"},
		{"placesim edited", editRunManifest(t, `"placesim": "dev"`, `"placesim": "v1.0.0"`),
			`manifest.json:4:3: placesim: "v1.0.0", where scenario.yaml's header says "dev"`},
		{"scenario's name edited", editRunManifest(t, `"name": "default"`, `"name": "Kent"`),
			`manifest.json:7:7: scenarios[0].name: "Kent", where scenario.yaml's header says "default"`},
		{"seed edited", editRunManifest(t, `"seed": 5,
  "seed_text": "5"`, `"seed": 6,
  "seed_text": "6"`), "manifest.json:12:3: seed: 6, where scenario.yaml's header says 5"},
		{"seed edited, as written before seed_text", editRunManifest(t, `"seed": 5,
  "seed_text": "5"`, `"seed": 6`), "manifest.json:11:3: seed: 6, where scenario.yaml's header says 5"},
		{"years edited", editRunManifest(t, `"years": 2`, `"years": 3`), "manifest.json:14:3: years: 3, where scenario.yaml says 2"},
		{"scenario's checksum edited", func(d string) {
			first := regexp.MustCompile(`"sha256": "[0-9a-f]{64}"`).FindString(readFile(t, d, manifestName))
			editRunManifest(t, first, `"sha256": "`+strings.Repeat("0", 64)+`"`)(d)
		}, "manifest.json:8:7: scenarios[0].sha256: " + strings.Repeat("0", 64) + ", where the entry of scenario.yaml in files says "},
		{"a comparison", func(d string) {
			b := strings.Replace(readFile(t, d, manifestName), `"command": "run"`, `"command": "compare"`, 1)
			writeFiles(t, d, map[string]string{manifestName: b})
		}, "command: plot draws the results of run or merge, not of compare"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := copyRun(t)
			tt.damage(d)
			before := readTree(t, d)
			o := placesim(t, "plot", d, "--formats", "svg")
			if o.code != exitUsage || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", o.code, o.stderr, exitUsage, tt.want)
			}
			if after := readTree(t, d); len(after) != len(before) {
				t.Errorf("a refused plot changed the folder: %d files, then %d", len(before), len(after))
			}
		})
	}
	// A file of the run that is no longer as it wrote it is left out of the new manifest,
	// and kept as it is, with a note saying so, even with -q.
	t.Run("files changed since the run", func(t *testing.T) {
		d := copyRun(t)
		if err := os.Truncate(filepath.Join(d, "kpis.csv"), 100); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(d, "summary.csv")); err != nil {
			t.Fatal(err)
		}
		was, _ := loadManifest(t, d).file("kpis.csv")
		o := mustRun(t, "plot", d, "--formats", "svg", "-q")
		want := "placesim: note: " + filepath.Join(d, manifestName) + " no longer lists kpis.csv, as it is not the file the run wrote: it holds 100 bytes, manifest.json says " + strconv.FormatInt(was.Bytes, 10) + ": it has changed since it was written (run again to write it)\n" +
			"placesim: note: " + filepath.Join(d, manifestName) + " no longer lists summary.csv, as it is not the file the run wrote: it was removed (run again to write it)\n"
		if o.stderr != want {
			t.Errorf("stderr\n%s\nwant\n%s", o.stderr, want)
		}
		m := loadManifest(t, d)
		for _, name := range []string{"kpis.csv", "summary.csv"} {
			if _, ok := m.file(name); ok {
				t.Errorf("the manifest still lists %s", name)
			}
		}
		if err := m.checkFiles(d); err != nil {
			t.Error(err)
		}
		if b := readFile(t, d, "kpis.csv"); len(b) != 100 {
			t.Errorf("kpis.csv holds %d bytes, not the 100 left in it", len(b))
		}
	})
}

// editRunManifest returns a damage that replaces old with new in a run folder's manifest.json.
func editRunManifest(t *testing.T, old, new string) func(d string) {
	return func(d string) {
		t.Helper()
		b := readFile(t, d, manifestName)
		if !strings.Contains(b, old) {
			t.Fatalf("%q is not in the manifest", old)
		}
		writeFiles(t, d, map[string]string{manifestName: strings.Replace(b, old, new, 1)})
	}
}

// TestCompareAndSweepManifests requires compare and sweep to write manifests that say what they
// ran and list their files.
func TestCompareAndSweepManifests(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"more.yaml": "name: more\nextends: default\nentries:\n  per_year: 300\n"})
	cmp := filepath.Join(dir, "cmp")
	mustRun(t, "compare", "default", filepath.Join(dir, "more.yaml"), "--reps", "3", "--years", "2", "--seed", "4", "--interval", "0.8", "--charts=false", "--out", cmp, "-q")
	m := loadManifest(t, cmp)
	if m.Command != "compare" || m.Seed != 4 || m.Reps != 3 || m.Years != 2 || m.Interval != 0.8 || len(m.Scenarios) != 2 ||
		m.Scenarios[0].Name != "default" || m.Scenarios[1].Name != "more" || m.Scenarios[0].SHA256 == m.Scenarios[1].SHA256 {
		t.Errorf("compare's manifest says %+v", *m)
	}
	if got := manifestPaths(m); !slices.Equal(got, []string{"business_case.csv", "comparison.csv"}) {
		t.Errorf("compare's manifest lists %v", got)
	}
	if err := m.checkFiles(cmp); err != nil {
		t.Error(err)
	}

	sw := filepath.Join(dir, "sweep")
	mustRun(t, "sweep", "default", "--vary", "entries.per_year=200:300:100", "--reps", "2", "--years", "1", "--charts=false", "--out", sw, "-q")
	m = loadManifest(t, sw)
	if m.Command != "sweep" || m.Sweep == nil || m.Sweep.Lever != "entries.per_year" || !slices.Equal(m.Sweep.Values, []float64{200, 300}) ||
		len(m.Scenarios) != 2 || m.Scenarios[0].SHA256 == m.Scenarios[1].SHA256 || m.Interval != 0.9 {
		t.Errorf("sweep's manifest says %+v", *m)
	}
	if err := m.checkFiles(sw); err != nil {
		t.Error(err)
	}
	if got := manifestPaths(m); !slices.Equal(got, []string{"sweep.csv"}) {
		t.Errorf("sweep's manifest lists %v", got)
	}
}

// TestManifestRecordsWhatChangesTheFiles runs each command with the flags that change its
// files but not the scenarios run, and requires the manifest to record each: compare's
// --discount-rate (business_case.csv's npv), run's --interval with --budget (budget.csv's
// p_exceed_lo and p_exceed_hi), sweep's --kpi (its chart), sensitivity's --kpi, --period,
// --range, --defaults and --vary (sensitivity.csv and its chart), a region's --all-kpis (its
// kpis.csv).
func TestManifestRecordsWhatChangesTheFiles(t *testing.T) {
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	mustRun(t, "compare", "default", "early-help", "--reps", "2", "--years", "1", "--discount-rate", "0.05", "--charts=false", "-q", "--out", out("cmp"))
	if m := loadManifest(t, out("cmp")); m.DiscountRate == nil || *m.DiscountRate != 0.05 {
		t.Errorf("compare --discount-rate 0.05: the manifest's discount_rate is %v", m.DiscountRate)
	}
	mustRun(t, "compare", "default", "early-help", "--reps", "2", "--years", "1", "--charts=false", "-q", "--out", out("cmp-default"))
	if m := loadManifest(t, out("cmp-default")); m.DiscountRate == nil || *m.DiscountRate != 0.035 {
		t.Errorf("compare: the manifest's discount_rate is %v, want the Green Book's 0.035", m.DiscountRate)
	}
	mustRun(t, "run", "--reps", "2", "--years", "2", "--set", "warmup_years=0", "--budget", "2027/28=60m", "--interval", "0.8", "--charts=false", "-q", "--out", out("run"))
	if m := loadManifest(t, out("run")); m.Interval != 0.8 {
		t.Errorf("run --budget --interval 0.8: the manifest's interval is %v", m.Interval)
	}
	mustRun(t, "run", "--reps", "2", "--years", "1", "--charts=false", "-q", "--out", out("plain"))
	if m := loadManifest(t, out("plain")); m.Interval != 0 {
		t.Errorf("run without --budget: the manifest's interval is %v, want none", m.Interval)
	}
	mustRun(t, "sweep", "default", "--vary", "entries.per_year=200:300:100", "--kpi", "ifa_share", "--reps", "2", "--years", "1", "--charts=false", "-q", "--out", out("sweep"))
	if m := loadManifest(t, out("sweep")); m.Sweep == nil || m.Sweep.KPI != "ifa_share" || m.Sweep.Period != "all" {
		t.Errorf("sweep --kpi ifa_share: the manifest's sweep is %+v", m.Sweep)
	}
	mustRun(t, "sensitivity", "default", "--defaults=false", "--vary", "entries.per_year=200:300", "--kpi", "ifa_share", "--period", "all", "--range", "0.1",
		"--reps", "2", "--years", "1", "--charts=false", "-q", "--out", out("sens"))
	want := manifestSensitivity{KPI: "ifa_share", Period: "all", Defaults: false, Range: 0.1, Vary: []string{"entries.per_year=200:300"}}
	if m := loadManifest(t, out("sens")); m.Sensitivity == nil || m.Sensitivity.KPI != want.KPI || m.Sensitivity.Period != want.Period ||
		m.Sensitivity.Defaults != want.Defaults || m.Sensitivity.Range != want.Range || !slices.Equal(m.Sensitivity.Vary, want.Vary) {
		t.Errorf("sensitivity: the manifest's sensitivity is %+v, want %+v", m.Sensitivity, want)
	}
}

// TestManifestGolden keeps the layout of a run's manifest in testdata/manifest-run.golden,
// with the checksums, sizes and version masked: a change of the format shows there.
func TestManifestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	mustRun(t, runArgs(out, "-q")...)
	text := readFile(t, out, manifestName)
	text = regexp.MustCompile(`"sha256": "[0-9a-f]{64}"`).ReplaceAllString(text, `"sha256": "SHA256"`)
	text = regexp.MustCompile(`"bytes": [0-9]+`).ReplaceAllString(text, `"bytes": BYTES`)
	text = strings.Replace(text, `"placesim": `+strconv.Quote(placesimVersion()), `"placesim": "VERSION"`, 1)
	golden(t, "manifest-run.golden", text)
}

// FuzzParseManifest feeds parseManifest any text: it must never panic, and a manifest it
// accepts must list each file once, in order, inside the folder, and write back to text it
// accepts again.
func FuzzParseManifest(f *testing.F) {
	sum := sha(nil)
	f.Add(`{"format": 1, "command": "run", "placesim": "dev", "scenarios": [{"name": "default", "sha256": "` + sum + `"}],
"seed": 1, "replications": 4, "years": 2, "percentiles": [5, 50, 95],
"files": [{"path": "charts/a.svg", "bytes": 3, "sha256": "` + sum + `"}, {"path": "kpis.csv", "bytes": 0, "sha256": "` + sum + `"}]}`)
	f.Add(`{"format": 1, "command": "run", "placesim": "dev", "scenarios": [{"name": "d", "sha256": "` + sum + `"}], "seed": 1,
"replications": 4, "shard": {"shard": 1, "shards": 2, "first_replication": 2, "replications": 2}, "years": 1, "files": []}`)
	f.Add(`{"format": 1, "files": [{"path": "../x"}, {"path": "a//b"}, {"path": "/c"}]}`)
	f.Add(`{"format": 1`)
	f.Add(`{"format": 1, "command": "run", "placesim": "dev", "scenarios": [{"name": "d", "sha256": "` + sum + `"}], "seed": 1,
"replications": 4, "years": 1, "files": []}]`) // once read past its last brace
	f.Fuzz(func(t *testing.T, text string) {
		m, err := parseManifest("m.json", []byte(text))
		if err != nil {
			return
		}
		if !json.Valid([]byte(text)) {
			t.Fatalf("accepted text that is not one JSON value: %q", text)
		}
		for i, file := range m.Files {
			if !filepath.IsLocal(filepath.FromSlash(file.Path)) || file.Path == manifestName || (i > 0 && file.Path <= m.Files[i-1].Path) {
				t.Fatalf("accepted file %d, %q", i, file.Path)
			}
		}
		if sh := m.Shard; sh != nil {
			if first, count := (shard.Spec{I: sh.Shard, N: sh.Shards}).Span(m.Reps); first != sh.First || count != sh.Count {
				t.Fatalf("accepted shard %+v of %d replications", *sh, m.Reps)
			}
		}
		var buf strings.Builder
		if err := m.encode(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := parseManifest("m.json", []byte(buf.String())); err != nil {
			t.Fatalf("a manifest accepted, written again, is refused: %v", err)
		}
	})
}

// TestWriteResultsRemovesNothingThroughALink replaces a folder of the last run with a link to a
// folder outside the output that holds a file of the same name and contents, and requires that
// file kept: a file the old manifest lists is removed only where it lies inside the folder.
func TestWriteResultsRemovesNothingThroughALink(t *testing.T) {
	for _, inPlace := range []bool{false, true} {
		t.Run("in place "+strconv.FormatBool(inPlace), func(t *testing.T) {
			parent := t.TempDir()
			dir, outside := filepath.Join(parent, "out"), filepath.Join(parent, "elsewhere")
			target := dir
			if inPlace {
				os.Mkdir(dir, 0o755)
				t.Chdir(dir)
				target = "."
			}
			m := func() *manifest {
				return &manifest{Command: "run", Placesim: "dev", Scenarios: []manifestScenario{{"s", sha(nil)}}, Reps: 1, Years: 1}
			}
			if err := writeResults(target, []outputFile{{"a.csv", writes("1")}, {"charts/x.svg", writes("x")}}, m(), io.Discard); err != nil {
				t.Fatal(err)
			}
			os.Mkdir(outside, 0o755)
			writeFiles(t, outside, map[string]string{"x.svg": "x"})
			if err := os.RemoveAll(filepath.Join(dir, "charts")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(dir, "charts")); err != nil {
				t.Fatal(err)
			}
			if err := writeResults(target, []outputFile{{"a.csv", writes("2")}}, m(), io.Discard); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, outside, "x.svg"); got != "x" {
				t.Errorf("the file outside the output holds %q", got)
			}
			if fi, err := os.Lstat(filepath.Join(dir, "charts")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the link is gone (%v)", err)
			}
		})
	}
}

// bigSeed is 2^53 + 1, the least seed that a reader holding JSON numbers as doubles (jq,
// JavaScript, R) reads back wrong: as 2^53.
const bigSeed = "9007199254740993"

// TestManifestSeedBeyondDoubles runs, compares and merges on a seed above 2^53: manifest.json
// and compare --json give it as seed_text, which a reader holding numbers as doubles keeps,
// and leave the number out rather than give one such a reader rounds; a seed a double holds
// is written both ways. Shards' manifests merge, and so do those written before seed_text,
// with the seed as a number alone.
func TestManifestSeedBeyondDoubles(t *testing.T) {
	dir := t.TempDir()
	// asDoubles reads JSON as jq does: every number a float64.
	asDoubles := func(text string) map[string]any {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	one := filepath.Join(dir, "one")
	mustRun(t, "run", "--reps", "2", "--years", "1", "--seed", bigSeed, "--charts=false", "-q", "--out", one)
	m := asDoubles(readFile(t, one, manifestName))
	if _, ok := m["seed"]; ok || m["seed_text"] != bigSeed {
		t.Errorf("manifest.json of seed %s: seed %v, seed_text %v; want no seed and seed_text %q", bigSeed, m["seed"], m["seed_text"], bigSeed)
	}
	if got := loadManifest(t, one).Seed; strconv.FormatUint(got, 10) != bigSeed {
		t.Errorf("manifest.json read back gives seed %d, want %s", got, bigSeed)
	}
	small := filepath.Join(dir, "small")
	mustRun(t, "run", "--reps", "2", "--years", "1", "--seed", "9007199254740992", "--charts=false", "-q", "--out", small)
	if m := asDoubles(readFile(t, small, manifestName)); m["seed"] != float64(1<<53) || m["seed_text"] != "9007199254740992" {
		t.Errorf("manifest.json of seed 2^53: seed %v, seed_text %v; want both", m["seed"], m["seed_text"])
	}

	o := mustRun(t, "compare", "default", "early-help", "--reps", "2", "--years", "1", "--seed", bigSeed, "--charts=false", "-q", "--json", "--out", filepath.Join(dir, "c"))
	if c := asDoubles(o.stdout); c["seed_text"] != bigSeed || c["seed"] != nil {
		t.Errorf("compare --json of seed %s: seed %v, seed_text %v", bigSeed, c["seed"], c["seed_text"])
	}

	// Shards merge; so do shards whose manifests say the seed as a number alone.
	for _, old := range []bool{false, true} {
		var shards []string
		for i := range 2 {
			sd := filepath.Join(dir, fmt.Sprintf("shard%d-%v", i, old))
			mustRun(t, "run", "--reps", "2", "--years", "1", "--seed", bigSeed, "--shard", fmt.Sprintf("%d/2", i), "-q", "--out", sd)
			if old {
				p := filepath.Join(sd, manifestName)
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				was := `"seed_text": "` + bigSeed + `"`
				if !strings.Contains(string(b), was) {
					t.Fatalf("%s does not hold %s", p, was)
				}
				if err := os.WriteFile(p, []byte(strings.Replace(string(b), was, `"seed": `+bigSeed, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			shards = append(shards, sd)
		}
		merged := filepath.Join(dir, fmt.Sprintf("merged-%v", old))
		o := mustRun(t, "merge", "--charts=false", "--out", merged, shards[0], shards[1])
		if !strings.Contains(o.stderr, "(seed "+bigSeed+")") {
			t.Errorf("merge said %q", o.stderr)
		}
		if got, want := readFile(t, merged, manifestName), readFile(t, one, manifestName); got != want {
			t.Errorf("the manifest of the merge differs from the run's:\n%s\n%s", got, want)
		}
	}
}
