package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestTempFileLeavesNoName requires a record file to keep what is written to it while it is
// open and, on a system that removes an open file's name, to leave nothing in the temporary
// folder from the moment it is made, so that a run killed while it simulates leaves no file
// behind; release closes it.
func TestTempFileLeavesNoName(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	f, release, err := tempFile("placesim-monthly-*.bin")
	if err != nil {
		t.Fatal(err)
	}
	want := []byte("twelve bytes")
	if _, err := f.WriteAt(want, 100); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, len(want))
	if _, err := f.ReadAt(got, 100); err != nil || string(got) != string(want) {
		t.Fatalf("read back %q (%v), want %q", got, err, want)
	}
	left, err := os.ReadDir(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && len(left) != 0 {
		t.Errorf("the temporary folder holds %d files while the record file is open, want none", len(left))
	}
	release()
	if _, err := f.Write(want); err == nil {
		t.Error("the record file is still open after release")
	}
	if left, _ := os.ReadDir(os.TempDir()); len(left) != 0 {
		t.Errorf("the temporary folder holds %d files after release, want none", len(left))
	}
}

// TestTempFolderMissing runs a scenario whose monthly records go to a temporary file with
// $TMPDIR naming a folder that does not exist: placesim says it is the temporary folder, what
// is wrong with it and how to give another.
func TestTempFolderMissing(t *testing.T) {
	defer func(b int64) { memoryBudget = b }(memoryBudget)
	memoryBudget = 0 // every run's records go to the file
	missing := filepath.Join(t.TempDir(), "nonexistent")
	t.Setenv("TMPDIR", missing)
	o := placesim(t, "run", "--reps", "2", "--years", "1", "--out", filepath.Join(t.TempDir(), "o"))
	want := "placesim: the temporary folder " + missing + " ($TMPDIR) does not exist: placesim keeps a large run's monthly records there until its files are written; give placesim another with TMPDIR=DIR placesim …\n"
	if o.code != exitFailure || o.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", o.code, o.stderr, exitFailure, want)
	}
}

// TestTempFolderErrors checks what placesim says of each cause of a temporary file that cannot
// be made or written, the full disk written through /dev/full where the system has it.
func TestTempFolderErrors(t *testing.T) {
	tail := ": placesim keeps a large run's monthly records there until its files are written; "
	other := "give placesim another with TMPDIR=DIR placesim …"
	room := "free some space there, or give placesim a folder with room with TMPDIR=DIR placesim …"
	for _, tt := range []struct {
		errno syscall.Errno
		named bool
		want  string
	}{
		{syscall.ENOENT, true, "the temporary folder /scratch/me ($TMPDIR) does not exist" + tail + other},
		{syscall.ENOSPC, false, "the temporary folder /scratch/me is full" + tail + room},
		{syscall.EDQUOT, true, "the disk quota of the temporary folder /scratch/me ($TMPDIR) is used up" + tail + room},
		{syscall.EACCES, true, "placesim may not write in the temporary folder /scratch/me ($TMPDIR) (permission denied)" + tail + other},
		{syscall.EROFS, true, "the temporary folder /scratch/me ($TMPDIR) is on a read-only file system" + tail + other},
		{syscall.ENOTDIR, true, "the temporary folder /scratch/me ($TMPDIR) is not a folder" + tail + other},
		{syscall.EIO, true, "the temporary folder /scratch/me ($TMPDIR): input/output error" + tail + other},
	} {
		e := &tempFolderError{dir: "/scratch/me", named: tt.named, errno: tt.errno}
		if got := e.Error(); got != tt.want {
			t.Errorf("%v:\n got %s\nwant %s", tt.errno, got, tt.want)
		}
	}

	full, err := os.OpenFile("/dev/full", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	t.Setenv("TMPDIR", "/scratch/me")
	_, err = tempRecordFile{full}.WriteAt([]byte("a record"), 0)
	if err == nil || !strings.HasPrefix(err.Error(), "the temporary folder /scratch/me ($TMPDIR) is full: ") {
		t.Errorf("writing a record to a full disk: %v", err)
	}
}

// TestTempFolderMissingForPDF runs the commands that draw PDF charts with $TMPDIR a folder
// that does not exist, where the PDF library makes its font files: each must say so and how
// to give placesim another, exit with status 1 and leave nothing beside its output.
func TestTempFolderMissingForPDF(t *testing.T) {
	parent := t.TempDir()
	run := filepath.Join(parent, "r")
	mustRun(t, runArgs(run, "-q", "--charts", "--formats", "svg")...)
	missing := filepath.Join(parent, "missing")
	t.Setenv("TMPDIR", missing)
	want := "placesim: the temporary folder " + missing + " ($TMPDIR) does not exist: placesim makes the PDF charts' font files there as it draws them; give placesim another with TMPDIR=DIR placesim …\n"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"run", runArgs(filepath.Join(parent, "a5"), "-q", "--charts", "--formats", "pdf")},
		{"plot", []string{"plot", "--formats", "pdf", run}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if o := placesim(t, tc.args...); o.code != exitFailure || o.stderr != want {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", o.code, o.stderr, exitFailure, want)
			}
			entries, _ := os.ReadDir(parent)
			if len(entries) != 1 {
				t.Errorf("beside the output: %v, want only r", entries)
			}
		})
	}
}
