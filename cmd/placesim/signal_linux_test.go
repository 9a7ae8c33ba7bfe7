package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalWhileSimulating stops placesim with SIGTERM (docker stop, Kubernetes, Slurm) or
// SIGINT (Ctrl-C) while it simulates, before any file is written, and requires it to exit
// with 143 or 130, as the README's exit statuses say, and to leave nothing behind: neither
// beside --out nor in its temporary folder. Where unshare can make a PID namespace, placesim
// runs as its first process, as it does in a container: there a signal it does not handle
// itself is not delivered, and Go's runtime exits with status 2.
func TestSignalWhileSimulating(t *testing.T) {
	if args := os.Getenv("PLACESIM_TEST_SIGNAL_ARGS"); args != "" {
		err := newApp(io.Discard, io.Discard).Run(append([]string{"placesim"}, strings.Split(args, "\n")...))
		t.Fatalf("placesim returned %v before it was stopped", err)
	}
	// As PID 1 where unshare can make a PID namespace (as root, or where users may make user
	// namespaces), as a process of its own otherwise.
	asPID1 := exec.Command("unshare", "--pid", "--fork", "--map-root-user", "true").Run() == nil
	for _, c := range []struct {
		name string
		args []string
		sig  syscall.Signal
		want int
	}{
		// A shard writes nothing until its replications are done.
		{"shard terminated", []string{"run", "default", "--reps", "100000", "--shard", "1/4", "--workers", "1", "-q"}, syscall.SIGTERM, 143},
		{"comparison interrupted", []string{"compare", "default", "default", "--reps", "100000", "--workers", "1", "--charts=false", "-q"}, syscall.SIGINT, 130},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent, tmp := t.TempDir(), t.TempDir()
			args := slices.Concat(c.args, []string{"--out", filepath.Join(parent, "o")})
			cmd := exec.Command(os.Args[0], "-test.run=^TestSignalWhileSimulating$")
			if asPID1 {
				cmd = exec.Command("unshare", append([]string{"--pid", "--fork", "--map-root-user"}, cmd.Args...)...)
			}
			cmd.Env = append(os.Environ(), "PLACESIM_TEST_SIGNAL_ARGS="+strings.Join(args, "\n"), "TMPDIR="+tmp)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			p := cmd.Process.Pid
			if asPID1 {
				p = childOf(t, cmd)
			}
			// Simulating once it has spent a tenth of a second of CPU: reading the
			// built-in scenario takes a few milliseconds.
			deadline := time.Now().Add(60 * time.Second)
			for cpuTicks(p) < 10 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatal("placesim had not simulated for a tenth of a second after 60 s")
				}
				time.Sleep(10 * time.Millisecond)
			}
			syscall.Kill(p, c.sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				syscall.Kill(p, syscall.SIGKILL)
				t.Fatalf("placesim still runs 60 s after %v", c.sig)
			}
			if asPID1 {
				t.Logf("placesim ran as PID 1 of its own PID namespace")
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != c.want {
				t.Errorf("placesim %s, sent %v, ended with %v, want exit status %d", strings.Join(c.args, " "), c.sig, err, c.want)
			}
			for _, dir := range []string{parent, tmp} {
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("left in %s: %v", dir, entries)
				}
			}
		})
	}
}

// childOf returns the process id of the child of cmd's process (unshare's, whose child is the
// PID namespace's first process), waiting for it to start.
func childOf(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		stats, _ := filepath.Glob("/proc/[0-9]*/stat")
		for _, path := range stats {
			if f := statFields(path); len(f) > 1 && f[1] == strconv.Itoa(cmd.Process.Pid) {
				pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	t.Fatal("unshare started no process in 30 s")
	return 0
}

// cpuTicks returns the CPU time process pid has spent, in clock ticks (a hundredth of a
// second on Linux), or 0 if it cannot be read.
func cpuTicks(pid int) int {
	f := statFields("/proc/" + strconv.Itoa(pid) + "/stat")
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.Atoi(f[11])
	system, _ := strconv.Atoi(f[12])
	return user + system
}

// statFields returns the fields of a /proc/PID/stat file after the process's name: its state,
// parent, ..., user and system CPU time at 11 and 12.
func statFields(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}
