//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestValidatePipe checks what a user sees of placesim validate <(printf 'extends: default\n'):
// the scenario, given as a named pipe, is read and found valid.
func TestValidatePipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "piped")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.WriteString("extends: default\n")
			f.Close()
		}
	}()
	if o := placesim(t, "validate", p); o.code != exitOK || o.stdout != "ok "+p+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
}

// TestReaderStopsEarly checks what a script sees of placesim schema | head -c 1 under
// pipefail: the reader closes the pipe after the first byte, and placesim exits with status 0
// and says nothing, rather than being killed by SIGPIPE (exit status 141).
func TestReaderStopsEarly(t *testing.T) {
	if os.Getenv("PLACESIM_TEST_EARLY_READER") != "" {
		// The writer: placesim itself, its output larger than a pipe holds.
		os.Args = []string{"placesim", "schema"}
		main()
		t.Fatal("main returned")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestReaderStopsEarly$")
	cmd.Env = append(os.Environ(), "PLACESIM_TEST_EARLY_READER=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := out.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	out.Close()
	err = cmd.Wait()
	if err != nil || stderr.Len() > 0 {
		t.Errorf("placesim schema with a reader that stops early ended with %v, stderr %q; want exit status 0 and nothing said", err, stderr.String())
	}
}
