package workspace

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// savedRunOf returns what the folder's record of saved runs says of file.
func savedRunOf(t *testing.T, dir, file string) savedRun {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		t.Fatal(err)
	}
	var m savedRuns
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v\n%s", metaFile, err, b)
	}
	if m.Version != metaVersion {
		t.Errorf("%s has version %d, want %d", metaFile, m.Version, metaVersion)
	}
	return m.Files[file]
}

// writeRuns writes the folder's record of saved runs as text.
func writeRuns(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, metaFile), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// seedShown returns the seed the workspace page opened on file shows.
func seedShown(t *testing.T, base, file string) string {
	t.Helper()
	resp, body := get(t, base+"/?file="+file)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("opening %s: status %d: %s", file, resp.StatusCode, body)
	}
	const at = `<input id="seed" value="`
	i := strings.Index(body, at)
	if i < 0 {
		t.Fatalf("opening %s: the page shows no seed", file)
	}
	v := body[i+len(at):]
	return v[:strings.Index(v, `"`)]
}

func TestSavedSeed(t *testing.T) {
	base, srv, dir := testServer(t)
	var sv saveResponse
	st := wsState{Tab: "s", Seed: 77, Values: map[string]string{"approvals": "30"}}
	post(t, base, "/api/save", saveRequest{Name: "plan", State: st}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %+v", sv)
	}
	text, err := os.ReadFile(filepath.Join(dir, "plan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	run := savedRunOf(t, dir, "plan.yaml")
	if run.Seed != 77 || run.Replications != srv.cfg.QuickReps || run.Placesim != "dev" || run.SHA256 != fileSHA256(string(text)) {
		t.Errorf("%s records %+v, want seed 77, %d replications, placesim dev and the file's SHA-256", metaFile, run, srv.cfg.QuickReps)
	}
	if got := seedShown(t, base, "plan"); got != "77" {
		t.Errorf("reopened plan shows seed %s, want the saved 77", got)
	}

	// A file edited by hand keeps its seed, even with a comment that names another.
	edited := "# saved with seed 5\n" + string(text) + "inflation_per_year: 0.03\n"
	if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := seedShown(t, base, "plan"); got != "77" {
		t.Errorf("plan edited by hand shows seed %s, want its recorded 77", got)
	}

	// Saved under another name, from the page opened on plan, the copy keeps the seed.
	post(t, base, "/api/save", saveRequest{Name: "plan-copy", Open: "plan", State: wsState{Tab: "s", File: "plan", Seed: 77, Text: edited, UseText: true}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save as: %+v", sv)
	}
	if got := seedShown(t, base, "plan-copy"); got != "77" {
		t.Errorf("the copy of plan shows seed %s, want 77", got)
	}
	if run := savedRunOf(t, dir, "plan.yaml"); run.Seed != 77 {
		t.Errorf("saving the copy changed plan's record to %+v", run)
	}

	// A file the workspace did not save takes the workspace's seed.
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("# saved with seed 9\nname: mine\nextends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := seedShown(t, base, "mine"); got != "1" {
		t.Errorf("a file without a record shows seed %s, want the workspace's 1", got)
	}

	// The record is not a scenario.
	names, err := srv.folder.list()
	if err != nil || strings.Join(names, " ") != "mine plan plan-copy" {
		t.Errorf("the folder lists %q (%v), want mine plan plan-copy", names, err)
	}
}

func TestSavedSeedBadRecord(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"corrupt", `{"version": 1, "files": {`, metaFile + " in DIR, the seeds of the saved scenarios, is not valid JSON (unexpected end of JSON input): remove it"},
		{"not an object", `[1, 2]`, "is not valid JSON (json: cannot unmarshal array"},
		{"newer", `{"version": 2, "files": {}}`, "has version 2 and this placesim reads version 1: remove it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _, dir := testServer(t)
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte("name: plan\nextends: default\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			writeRuns(t, dir, tt.text)
			resp, body := get(t, base+"/?file=plan")
			if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, want) {
				t.Errorf("opening a file: status %d, %q; want 500 saying %q", resp.StatusCode, body, want)
			}
			resp, body = get(t, base+"/compare?s=plan")
			if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, want) {
				t.Errorf("comparing: status %d, want 500 saying %q in\n%s", resp.StatusCode, want, body)
			}
			var sv saveResponse
			post(t, base, "/api/save", saveRequest{Name: "other", State: wsState{Tab: "s"}}, &sv)
			if !strings.Contains(sv.Error, want) {
				t.Errorf("save: %q, want %q", sv.Error, want)
			}
			if _, err := os.Stat(filepath.Join(dir, "other.yaml")); err == nil {
				t.Errorf("saved other.yaml without recording its seed")
			}
		})
	}
}

// TestSavedSeedNoRecord checks that a folder without the record opens its files on the
// workspace's seed, and that the first save starts the record.
func TestSavedSeedNoRecord(t *testing.T) {
	base, _, dir := testServer(t)
	if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte("name: plan\nextends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := seedShown(t, base, "plan"); got != "1" {
		t.Errorf("a folder without %s shows seed %s, want the workspace's 1", metaFile, got)
	}
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		t.Errorf("opening a file wrote %s", metaFile)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "plan", Open: "plan", Opened: openedHash(t, base, "plan"), State: wsState{Tab: "s", File: "plan", Seed: 5}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %+v", sv)
	}
	if run := savedRunOf(t, dir, "plan.yaml"); run.Seed != 5 {
		t.Errorf("%s records %+v after the first save, want seed 5", metaFile, run)
	}
}

// TestSaveNewNameOnce checks that of two saves of one new name, only the first is kept: the
// second finds the name taken, however close together they come, and the file holds the
// first's text.
func TestSaveNewNameOnce(t *testing.T) {
	dir := t.TempDir()
	f, err := openFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.save("plan", "description: first\n", savedRun{Seed: 1}, false, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.save("plan", "description: second\n", savedRun{Seed: 2}, false, ""); !errors.Is(err, errExists) {
		t.Errorf("second save of a new name: %v, want errExists", err)
	}
	if err := f.write("plan", "description: upload\n", false); !errors.Is(err, errExists) {
		t.Errorf("upload over a saved name: %v, want errExists", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "plan.yaml")); string(b) != "description: first\n" {
		t.Errorf("plan.yaml holds %q, want the first save's", b)
	}
	if run := savedRunOf(t, dir, "plan.yaml"); run.Seed != 1 {
		t.Errorf("the record has seed %d, want the first save's 1", run.Seed)
	}
	// Overwriting on purpose still replaces it.
	if err := f.save("plan", "description: third\n", savedRun{Seed: 3}, true, ""); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "plan.yaml")); string(b) != "description: third\n" {
		t.Errorf("plan.yaml holds %q after an overwrite, want the third save's", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

// TestSaveRace sends pairs of saves of one new name at once, as two tabs do: one of each pair
// is saved and the other is told the file exists.
func TestSaveRace(t *testing.T) {
	base, _, dir := testServer(t)
	for i := range 10 {
		name := fmt.Sprintf("race%d", i)
		var answers [2]saveResponse
		var wg sync.WaitGroup
		for k := range answers {
			wg.Go(func() {
				st := wsState{Tab: fmt.Sprintf("t%d", k), Seed: 1, Description: fmt.Sprintf("tab %d", k)}
				post(t, base, "/api/save", saveRequest{Name: name, State: st}, &answers[k])
			})
		}
		wg.Wait()
		saved, exists := 0, 0
		for _, a := range answers {
			switch {
			case a.Saved != "":
				saved++
			case a.Exists && a.Error == fmt.Sprintf("%s.yaml already exists in %s", name, dir):
				exists++
			default:
				t.Errorf("%s: answer %+v", name, a)
			}
		}
		if saved != 1 || exists != 1 {
			t.Errorf("%s: %d saved and %d told it exists, want 1 and 1: %+v", name, saved, exists, answers)
		}
	}
}

// TestSaveErrorsInPlainWords checks that a file that cannot be saved is named with its folder,
// with why in plain words, and not by the temporary file the system's error names.
func TestSaveErrorsInPlainWords(t *testing.T) {
	f := &folder{path: "sv"}
	tmpErr := func(errno syscall.Errno) error {
		return &fs.PathError{Op: "openat", Path: ".plan2.yaml.1796.tmp", Err: errno}
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{tmpErr(syscall.EPERM), "plan2.yaml could not be saved in sv: the folder does not let the workspace write in it (operation not permitted): check its permissions, or give serve another --dir"},
		{tmpErr(syscall.EACCES), "plan2.yaml could not be saved in sv: the folder does not let the workspace write in it (permission denied): check its permissions, or give serve another --dir"},
		{tmpErr(syscall.EROFS), "plan2.yaml could not be saved in sv: the folder is on a read-only file system"},
		{tmpErr(syscall.ENOSPC), "plan2.yaml could not be saved in sv: its file system is full: free some space"},
		{tmpErr(syscall.EDQUOT), "plan2.yaml could not be saved in sv: the disk quota is used up: free some space"},
		{tmpErr(syscall.EIO), "plan2.yaml could not be saved in sv: input/output error"},
	} {
		if got := f.saveError("plan2.yaml", tc.err).Error(); got != tc.want {
			t.Errorf("%v:\n got %s\nwant %s", tc.err, got, tc.want)
		}
	}
}

// TestSavedSeedAbove2To53 checks that the record of saved runs holds a seed as manifest.json
// does: seed_text always and the number seed only up to 2^53, which jq and JavaScript read back
// exactly (9007199254740993 read as 9007199254740992), that the page opened on the file shows
// the seed saved, that a record written before seed_text is read from seed alone, and that a
// record whose seed_text is no seed, or whose seed contradicts it, is refused as a record that
// cannot be read.
func TestSavedSeedAbove2To53(t *testing.T) {
	const big = "9007199254740993"
	base, _, dir := testServer(t)
	for _, seed := range []uint64{77, 9007199254740993} {
		var sv saveResponse
		name := "plan" + strconv.FormatUint(seed, 10)
		post(t, base, "/api/save", saveRequest{Name: name, State: wsState{Tab: "s", Seed: seed, Values: map[string]string{"approvals": "30"}}}, &sv)
		if sv.Error != "" {
			t.Fatalf("save: %+v", sv)
		}
		b, err := os.ReadFile(filepath.Join(dir, metaFile))
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Files map[string]map[string]any `json:"files"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		rec := raw.Files[name+".yaml"]
		if rec["seed_text"] != strconv.FormatUint(seed, 10) {
			t.Errorf("seed %d: seed_text %v in\n%s", seed, rec["seed_text"], b)
		}
		if n, ok := rec["seed"]; ok != (seed <= maxExactSeed) || ok && n != float64(seed) {
			t.Errorf("seed %d: seed written %v (%v), want it up to 2^53 only:\n%s", seed, n, ok, b)
		}
		if got := seedShown(t, base, name); got != strconv.FormatUint(seed, 10) {
			t.Errorf("reopened %s shows seed %s, want %d", name, got, seed)
		}
	}

	// A record written before seed_text: the seed as a number alone, exact to Go's reader.
	writeRuns(t, dir, `{"version": 1, "files": {"plan77.yaml": {"seed": `+big+`, "replications": 20, "placesim": "dev", "sha256": ""}}}`)
	if got := seedShown(t, base, "plan77"); got != big {
		t.Errorf("a record of seed alone shows seed %s, want %s", got, big)
	}
	for _, tt := range []struct{ name, rec, want string }{
		{"not a seed", `"seed_text": "9e15"`, `seed_text: must be a seed in decimal digits (at most 18446744073709551615), not "9e15"`},
		{"contradicted", `"seed": 5, "seed_text": "6"`, "seed: must be the seed seed_text gives (6), not 5"},
	} {
		writeRuns(t, dir, `{"version": 1, "files": {"plan77.yaml": {`+tt.rec+`, "replications": 20, "placesim": "dev", "sha256": ""}}}`)
		resp, body := get(t, base+"/?file=plan77")
		if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, %q; want 500 saying %q", tt.name, resp.StatusCode, body, tt.want)
		}
	}
}
