package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestDefaultOut(t *testing.T) {
	for _, tt := range []struct {
		prefix, name string
		want         string // "" for an error
	}{
		{"", "default", "out/default"},
		{"", "Recruit 12 net carers", "out/Recruit-12-net-carers"},
		{"compare-", "step-down_v2.1", "out/compare-step-down_v2.1"},
		{"", "../../etc/passwd", "out/etc-passwd"},
		{"", "..", ""},
		{"", ".", ""},
		{"", "", ""},
		{"", "£££", ""},
		{"sweep-", "..", ""},
		{"", "/abs/path", "out/abs-path"},
		{"", `C:\Windows\x`, "out/C-Windows-x"},
		{"", ".hidden", "out/hidden"},
		{"", "--flag", "out/flag"},
		{"", "a/../b", "out/a-..-b"},
		{"", "café £5 plan", "out/caf-5-plan"},
		{"", "nul\x00byte", "out/nul-byte"},
		{"", strings.Repeat("x", 300), "out/" + strings.Repeat("x", maxOutName)},
		{"", strings.Repeat("x", maxOutName-1) + " y", "out/" + strings.Repeat("x", maxOutName-1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := defaultOut("run", tt.prefix, tt.name)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "give --out") {
					t.Errorf("defaultOut(%q) = %q, %v; want an error asking for --out", tt.name, got, err)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("defaultOut(%q, %q) = %q, %v; want %q", tt.prefix, tt.name, got, err, tt.want)
			}
		})
	}
}

// TestDefaultOutStaysUnderOut runs run, compare, sweep and merge without --out on a scenario
// whose name climbs out of out/, and requires every file they write to be under out/.
func TestDefaultOutStaysUnderOut(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	scenario := filepath.Join(dir, "climb.yaml")
	writeFiles(t, dir, map[string]string{"climb.yaml": "extends: default\nname: ../../../escaped\n"})
	t.Chdir(work)
	few := []string{"--reps", "2", "--years", "1", "-q"}
	for _, tt := range []struct {
		name string
		args []string
		want string // a folder or file written, under work
	}{
		{"run", []string{"run", scenario, "--charts=false"}, "out/escaped"},
		{"shard", []string{"run", scenario, "--shard", "0/1"}, "out/escaped-shard-0-of-1"},
		// The chart of each scenario's difference from the baseline is named after it.
		{"compare", []string{"compare", scenario, scenario, "--formats", "svg"}, "out/compare-escaped/charts/difference-..-..-..-escaped.svg"},
		{"sweep", []string{"sweep", scenario, "--vary", "entries.per_year=300:300:1", "--charts=false"}, "out/sweep-escaped"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mustRun(t, slices.Concat(tt.args, few)...)
			if _, err := os.Stat(filepath.Join(work, tt.want)); err != nil {
				t.Errorf("%s wrote no %s: %v", tt.name, tt.want, err)
			}
		})
	}
	t.Run("merge", func(t *testing.T) {
		// A shard's scenario.yaml names the scenario the merge's default folder is named after.
		mustRun(t, "merge", filepath.Join(work, "out/escaped-shard-0-of-1"), "--charts=false", "-q")
		if _, err := os.Stat(filepath.Join(work, "out/escaped/kpis.csv")); err != nil {
			t.Errorf("merge wrote no out/escaped: %v", err)
		}
	})
	// Nothing but work/ and the scenario beside it, and nothing in work but out/.
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("beside the working folder: %v", entries)
	}
	if entries, _ := os.ReadDir(work); len(entries) != 1 || entries[0].Name() != "out" {
		t.Errorf("in the working folder: %v", entries)
	}
}

// writes returns an outputFile.write that writes s.
func writes(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestWriteDirKeepsWhatItDoesNotWrite replaces a folder holding files, folders and a link the
// run does not write, and requires them kept as they were (but for what a killed write in
// place left), the run's own files replaced, and
// nothing left beside the folder.
func TestWriteDirKeepsWhatItDoesNotWrite(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	for _, d := range []string{"charts", "notes/2026", insideTmpPrefix + "123"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFiles(t, dir, map[string]string{"summary.csv": "old", "charts/cost.png": "old png", "charts/cost.svg": "old svg", "notes/2026/board.txt": "mine",
		insideTmpPrefix + "123/kpis.csv": "half"})
	if err := os.Symlink("notes/2026/board.txt", filepath.Join(dir, "latest")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(dir, "notes/2026/board.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	if err := writeDir(dir, []outputFile{{"summary.csv", writes("new")}, {"charts/cost.svg", writes("new svg")}}, &stderr); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"summary.csv": "new", "charts/cost.png": "old png", "charts/cost.svg": "new svg", "notes/2026/board.txt": "mine", "latest": "mine"}
	for name, content := range want {
		if got := readFile(t, dir, name); got != content {
			t.Errorf("%s holds %q, want %q", name, got, content)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, insideTmpPrefix+"123")); err == nil {
		t.Error("the temporary folder of a killed write in place was kept")
	}
	if target, err := os.Readlink(filepath.Join(dir, "latest")); err != nil || target != "notes/2026/board.txt" {
		t.Errorf("the link now points at %q (%v)", target, err)
	}
	after, err := os.Stat(filepath.Join(dir, "notes/2026/board.txt"))
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("a file the run does not write was copied, not kept (%v)", err)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o750 {
		t.Errorf("the folder's mode is %v (%v), want 0750 as it was", st.Mode().Perm(), err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output: %v", entries)
	}
	// The one note: what the killed write in place left, which the new folder leaves out.
	if want := "placesim: note: removed " + filepath.Join(dir, insideTmpPrefix+"123") + " (4 bytes), placesim's temporary folder of an earlier write into " + dir +
		" that did not finish (its run was killed): the folder this run wrote leaves it out\n"; stderr.String() != want {
		t.Errorf("said %q where the folder could be swapped\nwant %q", stderr.String(), want)
	}
}

// TestWriteDirAllAtOnce replaces a folder of two files many times while another goroutine
// reads both through one handle on whatever folder is there, and requires the reader never to
// see one run's file beside another's (a folder it has open may lose its files once it is the
// old one, which is removed), nor, where the folders are exchanged in one step, no
// folder at all.
func TestWriteDirAllAtOnce(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := writeDir(dir, []outputFile{{"a", writes("0")}, {"b", writes("0")}}, io.Discard); err != nil {
		t.Fatal(err)
	}
	atomic := exchangeWorks(t, parent)
	stop := make(chan struct{})
	problems := make(chan string, 1)
	reads := 0
	go func() {
		defer close(problems)
		for {
			select {
			case <-stop:
				return
			default:
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				if atomic {
					problems <- "no folder during a swap: " + err.Error()
					return
				}
				continue
			}
			a, errA := root.ReadFile("a")
			b, errB := root.ReadFile("b")
			root.Close()
			if errors.Is(errA, fs.ErrNotExist) || errors.Is(errB, fs.ErrNotExist) {
				continue // the old folder, removed while it was read
			}
			if errA != nil || errB != nil || string(a) != string(b) {
				problems <- fmt.Sprintf("read a=%q (%v), b=%q (%v)", a, errA, b, errB)
				return
			}
			reads++
		}
	}()
	for i := range 200 {
		v := strconv.Itoa(i + 1)
		if err := writeDir(dir, []outputFile{{"a", writes(v)}, {"b", writes(v)}}, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if p, ok := <-problems; ok {
		t.Fatal(p)
	}
	if got := readFile(t, dir, "a"); got != "200" {
		t.Errorf("a holds %q after the last run, want 200", got)
	}
	t.Logf("%d consistent reads during 200 swaps (exchanged in one step: %v)", reads, atomic)
}

// exchangeWorks reports whether two folders under parent can be exchanged in one step.
func exchangeWorks(t *testing.T, parent string) bool {
	t.Helper()
	a, b := filepath.Join(parent, "probe-a"), filepath.Join(parent, "probe-b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(d)
	}
	return exchange(a, b) == nil
}

// TestSwapByRenames checks the swap used where folders cannot be exchanged in one step.
func TestSwapByRenames(t *testing.T) {
	parent := t.TempDir()
	dir, tmp := filepath.Join(parent, "out"), filepath.Join(parent, "new")
	for d, v := range map[string]string{dir: "old", tmp: "new"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		writeFiles(t, d, map[string]string{"a": v})
	}
	if err := swapByRenames(tmp, dir, statOf(t, dir)); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dir, "a"); got != "new" {
		t.Errorf("a holds %q", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output: %v", entries)
	}
	// When the new folder cannot be renamed in, the old one is put back.
	if err := swapByRenames(filepath.Join(parent, "nosuch"), dir, statOf(t, dir)); err == nil {
		t.Error("no error swapping in a folder that does not exist")
	}
	if got := readFile(t, dir, "a"); got != "new" {
		t.Errorf("after a failed swap a holds %q", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output after a failed swap: %v", entries)
	}
	// When the folder at dir is not the one the write began with, it is put back, and the new
	// folder stays where it was.
	before := statOf(t, dir)
	if err := os.Rename(dir, filepath.Join(parent, "aside")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, tmp} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFiles(t, dir, map[string]string{"a": "another's"})
	if err := swapByRenames(tmp, dir, before); !errors.Is(err, errWrittenMeanwhile) {
		t.Errorf("swapping over another's folder: %v", err)
	}
	if got := readFile(t, dir, "a"); got != "another's" {
		t.Errorf("after swapping over another's folder a holds %q", got)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("the new folder is gone: %v", err)
	}
}

// statOf returns the file information of path.
func statOf(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestTwoWritersOneFolder writes a folder while another write puts its own in place, as two
// runs given the same --out do: whether the folder existed when they began or not, the one
// that finishes second fails, saying so in plain words, and leaves the other's folder as it
// is and nothing of its own.
func TestTwoWritersOneFolder(t *testing.T) {
	for _, existed := range []bool{false, true} {
		t.Run(fmt.Sprintf("existed %v", existed), func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "shard-0")
			if existed {
				if err := writeDir(dir, []outputFile{{"a", writes("before")}}, io.Discard); err != nil {
					t.Fatal(err)
				}
			}
			fw, err := beginFolder(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := writeDir(dir, []outputFile{{"a", writes("the other's")}, {"b", writes("the other's")}}, io.Discard); err != nil {
				t.Fatal(err)
			}
			err = fw.finish([]outputFile{{"a", writes("mine")}, {"c", writes("mine")}}, nil, io.Discard)
			if err == nil || err.Error() != "another process wrote this folder while this one was writing it (two runs given the same --out?): that process's files are there, and nothing of this run was kept" {
				t.Errorf("finishing second: %v", err)
			}
			if got := readTree(t, parent); !maps.Equal(got, map[string]string{"shard-0/a": "the other's", "shard-0/b": "the other's"}) {
				t.Errorf("after two writes the folder holds %v", got)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("beside the output: %v", entries)
			}
		})
	}
}

// TestWriteDirInPlace checks the folders that cannot be swapped: the working folder, a mount
// point (where this test may mount one) and a folder whose parent is not writable. Each is
// written in place, with a note, and nothing temporary is left inside or beside it.
func TestWriteDirInPlace(t *testing.T) {
	files := []outputFile{{"summary.csv", writes("new")}, {"charts/cost.svg", writes("svg")}}
	check := func(t *testing.T, dir, stderr, why string) {
		t.Helper()
		if !strings.Contains(stderr, "is not replaced all at once, as "+why) {
			t.Errorf("stderr %q does not say %q", stderr, why)
		}
		if got := readFile(t, dir, "summary.csv") + "," + readFile(t, dir, "notes.txt"); got != "new,mine" {
			t.Errorf("summary.csv and notes.txt hold %q", got)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 3 {
			t.Errorf("the folder holds %v, want summary.csv, notes.txt and charts", entries)
		}
		if got := readFile(t, dir, "charts/cost.svg"); got != "svg" {
			t.Errorf("charts/cost.svg holds %q", got)
		}
		if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
			t.Errorf("beside the output: %v", entries)
		}
	}
	setup := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "out")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, map[string]string{"summary.csv": "old", "notes.txt": "mine"})
		return dir
	}
	t.Run("working folder", func(t *testing.T) {
		dir := setup(t)
		t.Chdir(dir)
		var stderr strings.Builder
		if err := writeDir(".", files, &stderr); err != nil {
			t.Fatal(err)
		}
		check(t, dir, stderr.String(), "it is or holds the working folder")
	})
	t.Run("mount point", func(t *testing.T) {
		dir := setup(t)
		os.RemoveAll(dir)
		os.Mkdir(dir, 0o755)
		if err := mountTmpfs(dir); err != nil {
			t.Skipf("cannot mount a file system here to test with: %v", err)
		}
		t.Cleanup(func() { unmount(dir) })
		writeFiles(t, dir, map[string]string{"summary.csv": "old", "notes.txt": "mine"})
		var stderr strings.Builder
		if err := writeDir(dir, files, &stderr); err != nil {
			t.Fatal(err)
		}
		check(t, dir, stderr.String(), "it is a mount point")
	})
	t.Run("run into a mount point", func(t *testing.T) {
		// As in a container whose --out is a volume: the run succeeds and says how it wrote.
		dir := filepath.Join(t.TempDir(), "results")
		os.Mkdir(dir, 0o755)
		if err := mountTmpfs(dir); err != nil {
			t.Skipf("cannot mount a file system here to test with: %v", err)
		}
		t.Cleanup(func() { unmount(dir) })
		o := mustRun(t, runArgs(dir)...)
		if !strings.Contains(o.stderr, "placesim: note: "+dir+" is not replaced all at once, as it is a mount point") {
			t.Errorf("stderr %q", o.stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != len(outputFiles)+1 {
			t.Errorf("the mount point holds %v, want the run's %d files and its manifest", entries, len(outputFiles))
		}
	})
	t.Run("parent not writable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes to any folder")
		}
		dir := setup(t)
		if err := os.Chmod(filepath.Dir(dir), 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Dir(dir), 0o755) })
		var stderr strings.Builder
		if err := writeDir(dir, files, &stderr); err != nil {
			t.Fatal(err)
		}
		check(t, dir, stderr.String(), "its parent "+filepath.Dir(dir)+" is not writable")
	})
	t.Run("a write fails", func(t *testing.T) {
		dir := setup(t)
		t.Chdir(dir)
		failing := []outputFile{{"summary.csv", writes("new")}, {"kpis.csv", func(io.Writer) error { return errors.New("disk full") }}}
		if err := writeDir(".", failing, io.Discard); err == nil {
			t.Fatal("no error")
		}
		if got := readDir(t, dir); got["summary.csv"] != "old" || len(got) != 2 {
			t.Errorf("a failed write in place left %v", got)
		}
	})
}

// TestWriteFilesInto checks the writer of files that join a user's folder: the folder is made
// if need be, other files stay, nothing temporary is left, and nothing is noted.
func TestWriteFilesInto(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := writeFilesInto(dir, []outputFile{{"x.yaml", writes("1")}}); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"other": "mine"})
	if err := writeFilesInto(dir, []outputFile{{"x.yaml", writes("2")}}); err != nil {
		t.Fatal(err)
	}
	if got := readDir(t, dir); len(got) != 2 || got["x.yaml"] != "2" || got["other"] != "mine" {
		t.Errorf("the folder holds %v", got)
	}
}

// TestWriteFilesIntoFolderInTheWay writes two files where the second's name is a folder: the
// error names the folder, and neither file is written (none is renamed into place before
// every name is known to be free).
func TestWriteFilesIntoFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "x.quality.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := writeFilesInto(dir, []outputFile{{"x.yaml", writes("1")}, {"x.quality.md", writes("2")}})
	want := filepath.Join(dir, "x.quality.md") + " is a folder, where placesim writes a file: move it, or write elsewhere"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if got, err := os.ReadDir(dir); err != nil || len(got) != 1 {
		t.Errorf("the folder holds %v (%v), want only the folder in the way", got, err)
	}
}

// TestWriteDirThroughLink replaces a folder named through a symbolic link: the link stays and
// the folder it points at holds the new files.
func TestWriteDirThroughLink(t *testing.T) {
	parent := t.TempDir()
	real, link := filepath.Join(parent, "real"), filepath.Join(parent, "link")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, real, map[string]string{"a": "old", "b": "mine"})
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	if err := writeDir(link, []outputFile{{"a", writes("new")}}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link (%v)", err)
	}
	if got := readDir(t, real); len(got) != 2 || got["a"] != "new" || got["b"] != "mine" {
		t.Errorf("the folder the link points at holds %v", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("beside the output: %v", entries)
	}
}

func TestWriteDirRefusesNamesOutsideIt(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	for _, name := range []string{"../escaped", "/abs", "charts/../../escaped", ""} {
		t.Run(name, func(t *testing.T) {
			err := writeDir(dir, []outputFile{{"a", writes("1")}, {name, writes("2")}}, io.Discard)
			if err == nil || !strings.Contains(err.Error(), "cannot name a file in the output folder") {
				t.Errorf("writeDir with a file %q: %v", name, err)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 0 {
				t.Errorf("wrote %v", entries)
			}
		})
	}
}

// TestReadCheckedKeepsTheOldFolder writes a folder whose results fail to read their KPIs back
// once the files are written (a KPI then reads NaN), and requires the error and the folder as
// it was.
func TestReadCheckedKeepsTheOldFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := writeDir(dir, []outputFile{{"summary.csv", writes("old")}}, io.Discard); err != nil {
		t.Fatal(err)
	}
	var readErr error
	files := readChecked([]outputFile{{"summary.csv", writes("NaN")}, {"kpis.csv", writes("NaN")}}, func() error { return readErr })
	readErr = errors.New("reading the KPIs of kent, replication 3: unexpected EOF")
	err := writeDir(dir, files, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "replication 3") {
		t.Fatalf("writing with a failed read: %v, want the read's error", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "summary.csv")); err != nil || string(b) != "old" {
		t.Errorf("summary.csv after the failed write: %q (%v), want the old file", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "kpis.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("kpis.csv after the failed write: %v, want none", err)
	}
	readErr = nil
	if err := writeDir(dir, files, io.Discard); err != nil {
		t.Fatalf("writing once the reads succeed: %v", err)
	}
}

// TestWriteSideBySidePNGs checks that writeSideBySide writes every file, and at most half the
// CPUs' worth of PNGs at once (at least one), while the other files go on beside them.
func TestWriteSideBySidePNGs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var now, most, others atomic.Int64
	var files []outputFile
	for i := range 12 {
		name := fmt.Sprintf("charts/c%d.png", i)
		write := func(w io.Writer) error {
			n := now.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(2 * time.Millisecond)
			now.Add(-1)
			_, err := io.WriteString(w, name)
			return err
		}
		if i%3 == 2 {
			name = fmt.Sprintf("charts/c%d.svg", i)
			write = func(w io.Writer) error {
				others.Add(1)
				_, err := io.WriteString(w, name)
				return err
			}
		}
		files = append(files, outputFile{name, write})
	}
	dir := t.TempDir()
	entries, err := writeSideBySide(dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if got := readFile(t, dir, f.name); got != f.name || entries[i].Path != f.name {
			t.Errorf("%s: holds %q, entry %q", f.name, got, entries[i].Path)
		}
	}
	if m := most.Load(); m < 1 || m > 2 {
		t.Errorf("%d PNGs written at once on 4 CPUs, want at most 2", m)
	}
	if others.Load() != 4 {
		t.Errorf("%d other files written, want 4", others.Load())
	}
}

// TestWriteSideBySideTwoPNGsOnTwoCPUs checks that on two CPUs both may draw a PNG at once: with
// one at a time, a run's last PNGs were drawn on one CPU while the other stood idle.
func TestWriteSideBySideTwoPNGsOnTwoCPUs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var now, most atomic.Int64
	start := time.Now()
	var files []outputFile
	for i := range 4 {
		name := fmt.Sprintf("charts/c%d.png", i)
		files = append(files, outputFile{name, func(w io.Writer) error {
			n := now.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			// Wait a while for the other CPU to begin a PNG too.
			for most.Load() < 2 && time.Since(start) < time.Second {
				time.Sleep(time.Millisecond)
			}
			now.Add(-1)
			_, err := io.WriteString(w, name)
			return err
		}})
	}
	dir := t.TempDir()
	if _, err := writeSideBySide(dir, files, nil); err != nil {
		t.Fatal(err)
	}
	if m := most.Load(); m != 2 {
		t.Errorf("%d PNGs written at once on 2 CPUs, want 2", m)
	}
	for _, tt := range []struct{ workers, want int }{{1, 1}, {2, 2}, {3, 2}, {4, 2}, {8, 4}} {
		if got := pngSlots(tt.workers); got != tt.want {
			t.Errorf("pngSlots(%d) = %d, want %d", tt.workers, got, tt.want)
		}
	}
}

// TestOutputFolderMadeMeanwhile makes the output folder, empty, while a write that found none
// is writing it: the write fails as it does when another run wrote the folder, and leaves it.
func TestOutputFolderMadeMeanwhile(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "o")
	fw, err := beginFolder(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	err = fw.finish([]outputFile{{"a", writes("mine")}}, nil, io.Discard)
	if !errors.Is(err, errWrittenMeanwhile) {
		t.Errorf("finishing into a folder made meanwhile: %v", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output: %v", entries)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder made meanwhile holds %v", entries)
	}
}

// TestOutputFolderRemovedMeanwhile removes the output folder while a run writes it, before it
// keeps the folder's other files and just before the folders are swapped: the run's folder is
// made again with the run's files only, with a note, rather than the run's results lost.
func TestOutputFolderRemovedMeanwhile(t *testing.T) {
	for _, when := range []string{"before keeping", "before swapping"} {
		t.Run(when, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "o")
			m := func() *manifest {
				return &manifest{Command: "run", Placesim: "dev", Scenarios: []manifestScenario{{"s", sha(nil)}}, Reps: 1, Years: 1}
			}
			if err := writeResults(dir, []outputFile{{"a.csv", writes("old")}, {"charts/old.svg", writes("old")}}, m(), io.Discard); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{"notes.txt": "the user's"})
			if err := os.Mkdir(filepath.Join(dir, "mine"), 0o755); err != nil {
				t.Fatal(err)
			}
			fw, err := beginFolder(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			remove := func() {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
			}
			if when == "before keeping" {
				remove()
			} else {
				beforeSwap = remove
				defer func() { beforeSwap = func() {} }()
			}
			var stderr strings.Builder
			if err := fw.finish([]outputFile{{"a.csv", writes("new")}, {"charts/new.svg", writes("new")}}, m(), &stderr); err != nil {
				t.Fatal(err)
			}
			if want := "placesim: note: " + dir + " was removed while this run was writing it: it is made again, with this run's files only\n"; stderr.String() != want {
				t.Errorf("stderr %q, want %q", stderr.String(), want)
			}
			got := readTree(t, parent)
			delete(got, "o/manifest.json")
			if !maps.Equal(got, map[string]string{"o/a.csv": "new", "o/charts/new.svg": "new"}) {
				t.Errorf("the folder holds %v", got)
			}
			if _, err := os.Stat(filepath.Join(dir, manifestName)); err != nil {
				t.Error(err)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("beside the output: %v", entries)
			}
		})
	}
}

// TestFileSystemErrorsInOneLine checks that files that fail to be written for one cause of the
// file system (full, over quota, read-only, not writable) give one line that says so, without
// the temporary folder's paths, and that the folder is left as it was.
func TestFileSystemErrorsInOneLine(t *testing.T) {
	fails := func(errno syscall.Errno) func(io.Writer) error {
		return func(io.Writer) error {
			return &fs.PathError{Op: "write", Path: "/x/.o.tmp-123/report.html", Err: errno}
		}
	}
	for _, tc := range []struct {
		name  string
		files []outputFile
		want  string
	}{
		{"full", []outputFile{{"a.csv", fails(syscall.ENOSPC)}, {"b.csv", fails(syscall.ENOSPC)}, {"c.csv", writes("c")}, {"charts/d.png", fails(syscall.ENOSPC)}},
			"its file system is full: nothing was changed; free some space, or give --out a folder on another file system"},
		{"quota", []outputFile{{"a.csv", fails(syscall.EDQUOT)}, {"b.csv", fails(syscall.EDQUOT)}},
			"the disk quota on its file system is used up: nothing was changed; free some space, or give --out a folder on another file system"},
		{"read-only", []outputFile{{"a.csv", fails(syscall.EROFS)}},
			"its file system is read-only: nothing was changed; give --out a folder on another file system"},
		{"not writable", []outputFile{{"a.csv", fails(syscall.EACCES)}, {"b.csv", fails(syscall.EACCES)}},
			"placesim may not write there (permission denied): nothing was changed; check the folder's permissions, or give another --out"},
		{"not permitted", []outputFile{{"a.csv", fails(syscall.EPERM)}},
			"placesim may not write there (operation not permitted): nothing was changed; check the folder's permissions, or give another --out"},
		{"full after some", []outputFile{{"a.csv", writes(strings.Repeat("a", 250_000))}, {"b.csv", fails(syscall.ENOSPC)}},
			"its file system is full (the files had taken 250.0 kB when it filled, and need more): nothing was changed; free some space, or give --out a folder on another file system"},
		{"full and another error", []outputFile{{"a.csv", fails(syscall.ENOSPC)}, {"b.csv", func(io.Writer) error { return errors.New("a bug") }}, {"c.csv", fails(syscall.ENOSPC)}},
			"its file system is full: nothing was changed; free some space, or give --out a folder on another file system\nwriting b.csv: a bug"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "o")
			for _, existed := range []bool{false, true} {
				if existed {
					writeFiles(t, parent, map[string]string{"o/a.csv": "old"})
				}
				err := writeDir(dir, tc.files, io.Discard)
				if err == nil || err.Error() != tc.want {
					t.Errorf("existed %v:\n got %v\nwant %s", existed, err, tc.want)
				}
				want := map[string]string{}
				if existed {
					want["o/a.csv"] = "old"
				}
				if got := readTree(t, parent); !maps.Equal(got, want) {
					t.Errorf("existed %v: after the failed write the folder holds %v", existed, got)
				}
				if existed {
					continue
				}
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestWriteToDevFull writes a file of an output folder through /dev/full, where the system
// offers it: the disk-full error is the one line a full file system gives.
func TestWriteToDevFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	write := func(w io.Writer) error {
		_, err := io.WriteString(full, "a")
		return err
	}
	err = writeDir(filepath.Join(t.TempDir(), "o"), []outputFile{{"a.csv", write}, {"b.csv", write}}, io.Discard)
	if err == nil || err.Error() != "its file system is full: nothing was changed; free some space, or give --out a folder on another file system" {
		t.Errorf("writing to /dev/full: %v", err)
	}
}

// TestSignalStopsMakingFiles takes the path of a signal while files are written side by side:
// once it has removed the temporary folder, a writer still under way that begins its next file
// (a chart in charts/) makes nothing, so the folder does not come back; and a removal that
// fails the first time is tried again.
func TestSignalStopsMakingFiles(t *testing.T) {
	defer func() {
		creation.Lock()
		creation.exiting = false
		creation.Unlock()
		removeAll = os.RemoveAll
	}()
	tmp := filepath.Join(t.TempDir(), ".o.tmp-1")
	if err := os.MkdirAll(filepath.Join(tmp, "charts"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, tmp, map[string]string{"summary.csv": "written", "charts/a.svg": "written"})
	tries := 0
	removeAll = func(p string) error {
		tries++
		if tries == 1 {
			return errors.New("a writer closed a file meanwhile")
		}
		return os.RemoveAll(p)
	}
	stopCreating()
	removeTemporary(tmp)
	if tries != 2 {
		t.Errorf("the removal was tried %d times, want 2 after a failure", tries)
	}
	_, err := writeFile(filepath.Join(tmp, "charts", "b.svg"), writes("late"))
	if !errors.Is(err, errExiting) {
		t.Errorf("a file begun after the signal: %v, want errExiting", err)
	}
	if _, err := placeAhead(filepath.Join(tmp, "kpis.csv"), func() (string, manifestFile, error) {
		return filepath.Join(t.TempDir(), "kpis.csv"), manifestFile{}, nil
	}); !errors.Is(err, errExiting) {
		t.Errorf("a file placed after the signal: %v, want errExiting", err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary folder is there after the signal's removal: %v", err)
	}
}
