package main

import (
	"os"
	"runtime"
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
