//go:build unix

package main

import (
	"os"
	"path/filepath"
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
