//go:build unix

package scenarios

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fifo makes a named pipe in a new folder and writes text into it, once, as a shell's <(...)
// does.
func fifo(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "piped")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.WriteString(text)
	}()
	return p
}

// TestResolvePipe checks that a scenario given as a named pipe is read, with the file's
// messages for its problems, and that a command loading it again (as sweep does for each
// value) reads the same text.
func TestResolvePipe(t *testing.T) {
	p := fifo(t, "extends: default\nentries: {per_year: 300}\n")
	for range 2 {
		s, err := Load(p, nil)
		if err != nil {
			t.Fatalf("a scenario from a pipe: %v", err)
		}
		if s.Entries.PerYear != 300 || s.Name != "piped" {
			t.Errorf("read %s with %v entries a year, want piped with 300", s.Name, s.Entries.PerYear)
		}
	}
	bad := fifo(t, "extends: default\nentries: {per_year: -1}\n")
	if _, err := Load(bad, nil); err == nil || err.Error() != bad+":2:21: entries.per_year: must be between 0 and 100,000 children a year" {
		t.Errorf("a bad scenario from a pipe: %v", err)
	}
	if _, err := Load(filepath.Dir(p), nil); err == nil || err.Error() != filepath.Dir(p)+": is a folder, not a scenario file" {
		t.Errorf("a folder: %v", err)
	}
}

// TestRegionPipe checks that a region given as a named pipe is known for one, and then read.
func TestRegionPipe(t *testing.T) {
	p := fifo(t, "extends: south-east\nyears: 3\n")
	if !IsRegion(p) {
		t.Fatal("a region from a pipe is not taken for one")
	}
	if reg, err := LoadRegion(p, nil); err != nil || reg.Years != 3 {
		t.Errorf("a region from a pipe: %v", err)
	}
}

// TestResolveStdin checks that /dev/stdin names a scenario piped into placesim, in a process
// of its own whose standard input is a pipe.
func TestResolveStdin(t *testing.T) {
	if os.Getenv("PLACESIM_TEST_STDIN") == "1" {
		s, err := Load("/dev/stdin", nil)
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error())
			os.Exit(1)
		}
		os.Stdout.WriteString("read " + s.Name)
		os.Exit(0)
	}
	if _, err := os.Stat("/dev/stdin"); err != nil {
		t.Skipf("no /dev/stdin here: %v", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestResolveStdin$")
	cmd.Env = append(os.Environ(), "PLACESIM_TEST_STDIN=1")
	cmd.Stdin = strings.NewReader("extends: default\nname: from-stdin\n")
	out, err := cmd.Output()
	if err != nil || string(out) != "read from-stdin" {
		t.Errorf("a scenario on standard input: %v: %s", err, out)
	}
}

// TestResolveStdinTooLarge checks that a scenario of more than 4 MB piped into placesim is
// refused for its size by every read of it (IsRegion first, then Load, as the commands do),
// not read again from where the first read stopped.
func TestResolveStdinTooLarge(t *testing.T) {
	if os.Getenv("PLACESIM_TEST_STDIN") == "large" {
		if IsRegion("/dev/stdin") {
			os.Stdout.WriteString("taken for a region\n")
		}
		for range 2 {
			if _, err := Load("/dev/stdin", nil); err != nil {
				os.Stdout.WriteString(err.Error() + "\n")
			}
		}
		os.Exit(0)
	}
	if _, err := os.Stat("/dev/stdin"); err != nil {
		t.Skipf("no /dev/stdin here: %v", err)
	}
	for _, fill := range []string{"#", "x"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestResolveStdinTooLarge$")
		cmd.Env = append(os.Environ(), "PLACESIM_TEST_STDIN=large")
		cmd.Stdin = strings.NewReader("name: big\nextends: default\n" + strings.Repeat(fill, 5_000_000))
		out, err := cmd.Output()
		const refusal = "/dev/stdin: cannot be read: more than 4 MB, the most a file read from a pipe or a device may hold\n"
		if err != nil || string(out) != refusal+refusal {
			t.Errorf("a scenario of 5 MB of %q on standard input: %v:\n%s", fill, err, out)
		}
	}
}
