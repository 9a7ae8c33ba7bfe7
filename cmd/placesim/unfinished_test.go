package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunWarnsOfUnfinishedWrites: a run into a folder beside which an earlier run killed
// outright left its temporary folder names it, with its size, and leaves it; other folders'
// temporary folders are not its business; and one a killed write in place left inside the
// folder, which the new folder leaves out, is named, with its size, as removed.
func TestRunWarnsOfUnfinishedWrites(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "o")
	mustRun(t, runArgs(out)...)
	beside := filepath.Join(dir, ".o.tmp-659571833")
	inside := filepath.Join(out, ".placesim-tmp-12345")
	other := filepath.Join(dir, ".p.tmp-1")
	old := filepath.Join(dir, ".o.old-4242")
	for _, d := range []string{beside, inside, other, old} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(beside, "kpis.csv"), make([]byte, 2500), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inside, "summary.csv"), make([]byte, 1200), 0o644); err != nil {
		t.Fatal(err)
	}
	o := mustRun(t, runArgs(out, "-q")...)
	for _, want := range []string{
		"placesim: warning: " + beside + " (2.5 kB) is placesim's temporary folder of a write into " + out + " that did not finish (its run was killed, or is still writing): safe to delete once no run is writing it; this run leaves it as it is\n",
		"placesim: warning: " + old + " (0 bytes) holds the earlier contents of " + out + ", set aside by a write into it that did not finish (its run was killed, or is still writing): move back what you need from it before deleting it; this run leaves it as it is\n",
		"placesim: note: removed " + inside + " (1.2 kB), placesim's temporary folder of an earlier write into " + out + " that did not finish (its run was killed): the folder this run wrote leaves it out\n",
	} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("stderr %q\nwants %q", o.stderr, want)
		}
	}
	for _, d := range []string{other} {
		if strings.Contains(o.stderr, d) {
			t.Errorf("the run into %s warned of %s: %q", out, d, o.stderr)
		}
	}
	if strings.Contains(o.stderr, old+" (0 bytes) is placesim's temporary folder") {
		t.Errorf("the run called %s, which may hold the only copy of the earlier %s, safe to delete", old, out)
	}
	for _, d := range []string{beside, other, old} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("the run removed %s: %v", d, err)
		}
	}
	if _, err := os.Stat(inside); err == nil {
		t.Errorf("the run kept %s", inside)
	}
}

// TestRunWarnsOfUnfinishedWriteInPlace: a run written in place, into the working folder,
// warns of a temporary folder an earlier in-place write left inside it.
func TestRunWarnsOfUnfinishedWriteInPlace(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, runArgs(dir)...)
	if err := os.MkdirAll(filepath.Join(dir, ".placesim-tmp-12345"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	o := mustRun(t, runArgs(".", "-q")...)
	want := "placesim: warning: .placesim-tmp-12345 (0 bytes) is placesim's temporary folder of a write into . that did not finish (its run was killed, or is still writing): safe to delete once no run is writing it; this run leaves it as it is\n"
	if !strings.Contains(o.stderr, want) {
		t.Errorf("stderr %q\nwants %q", o.stderr, want)
	}
}

// TestRunDoesNotWarnOfItsOwnWrite: a run into a folder named relative to the working folder
// does not take its own temporary folder for one a killed run left.
func TestRunDoesNotWarnOfItsOwnWrite(t *testing.T) {
	t.Chdir(t.TempDir())
	if o := mustRun(t, runArgs("o")...); strings.Contains(o.stderr, "warning") {
		t.Errorf("stderr %q", o.stderr)
	}
}
