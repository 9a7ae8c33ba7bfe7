//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestInterruptLeavesFolderAsItWas interrupts (SIGINT, as Ctrl-C sends) a placesim process
// half-way through writing an existing output folder, and requires it to exit with status 130,
// leave the folder as it was and leave nothing temporary beside it.
func TestInterruptLeavesFolderAsItWas(t *testing.T) {
	if dir := os.Getenv("PLACESIM_TEST_INTERRUPT_DIR"); dir != "" {
		// The interrupted process: its second file signals it and never finishes.
		writeDir(dir, []outputFile{
			{"summary.csv", writes("new")},
			{"kpis.csv", func(w io.Writer) error {
				io.WriteString(w, "half a fi")
				syscall.Kill(os.Getpid(), syscall.SIGINT)
				select {}
			}},
		}, io.Discard)
		t.Fatal("writeDir returned")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"summary.csv": "old", "kpis.csv": "old"})
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptLeavesFolderAsItWas$")
	cmd.Env = append(os.Environ(), "PLACESIM_TEST_INTERRUPT_DIR="+dir)
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("the interrupted process ended with %v, want exit status 130", err)
	}
	if got := readDir(t, dir); len(got) != 2 || got["summary.csv"] != "old" || got["kpis.csv"] != "old" {
		t.Errorf("the folder holds %v after the interrupt, want it as it was", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output after the interrupt: %v", entries)
	}
}

// TestInterruptRunLeavesFolderAsItWas interrupts a placesim run while it simulates and writes
// its kpis.csv as the replications finish, and requires it to exit with status 130, leave the
// existing output folder as it was and nothing temporary beside it.
func TestInterruptRunLeavesFolderAsItWas(t *testing.T) {
	if dir := os.Getenv("PLACESIM_TEST_INTERRUPT_RUN"); dir != "" {
		err := newApp(io.Discard, io.Discard).Run([]string{"placesim", "run", "default", "--reps", "100000", "--charts=false", "-q", "--out", dir})
		t.Fatalf("the run returned %v", err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"kpis.csv": "old", "notes.txt": "mine"})
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptRunLeavesFolderAsItWas$")
	cmd.Env = append(os.Environ(), "PLACESIM_TEST_INTERRUPT_RUN="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupted once kpis.csv is under way in the temporary folder beside the output.
	deadline := time.Now().Add(60 * time.Second)
	for {
		ahead, _ := filepath.Glob(filepath.Join(parent, ".out.tmp-*", "kpis.csv"))
		if len(ahead) == 1 {
			if st, err := os.Stat(ahead[0]); err == nil && st.Size() > 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("no kpis.csv written ahead beside the output after 60 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("the interrupted run ended with %v, want exit status 130", err)
	}
	if got := readDir(t, dir); len(got) != 2 || got["kpis.csv"] != "old" || got["notes.txt"] != "mine" {
		t.Errorf("the folder holds %v after the interrupt, want it as it was", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output after the interrupt: %v", entries)
	}
}
