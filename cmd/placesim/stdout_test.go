package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

// failingWriter fails every write with err.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// TestStdoutLost runs commands whose standard output fails as main runs them: output lost (a
// closed or full standard output) fails with a plain message, and a reader that went away
// (placesim scenarios | head -1) is a quiet success.
func TestStdoutLost(t *testing.T) {
	var devFull io.Writer // nil where the system has no /dev/full
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer f.Close()
		devFull = f
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	pr.Close() // the reader went away
	defer pw.Close()
	stdoutErr := func(errno syscall.Errno) error {
		return &fs.PathError{Op: "write", Path: "/dev/stdout", Err: errno}
	}
	for _, tt := range []struct {
		name string
		out  io.Writer
		code int
		want string
	}{
		{"closed", failingWriter{stdoutErr(syscall.EBADF)}, exitFailure,
			"placesim: standard output could not be written: it is closed (bad file descriptor); the command's output is lost\n"},
		{"full", failingWriter{stdoutErr(syscall.ENOSPC)}, exitFailure,
			"placesim: standard output could not be written: its file system is full (no space left on device); the command's output is lost\n"},
		{"dev full", devFull, exitFailure,
			"placesim: standard output could not be written: its file system is full (no space left on device); the command's output is lost\n"},
		{"broken pipe", pw, exitOK, ""},
	} {
		if tt.out == nil {
			continue // no /dev/full here
		}
		for _, args := range [][]string{{"scenarios"}, {"compare", "default", "default", "--reps", "2", "--years", "1", "--out", t.TempDir()}} {
			t.Run(tt.name+" "+args[0], func(t *testing.T) {
				stdout := &stdoutWriter{w: tt.out}
				var stderr bytes.Buffer
				err := newApp(stdout, &stderr).Run(append([]string{"placesim"}, append(args, quietFlag(args[0])...)...))
				if err == nil {
					err = stdout.failed()
				}
				if code := report(&stderr, err); code != tt.code || stderr.String() != tt.want {
					t.Errorf("exit %d, stderr %q; want exit %d, %q", code, stderr.String(), tt.code, tt.want)
				}
			})
		}
	}
}

// quietFlag returns the flag that keeps cmd's summary line off stderr, where it has one.
func quietFlag(cmd string) []string {
	if cmd == "compare" {
		return []string{"--quiet"}
	}
	return nil
}

// TestStdoutWriterKeepsTheFirstFailure checks that a failed write is kept, for a command that
// does not look at what its writes return.
func TestStdoutWriterKeepsTheFirstFailure(t *testing.T) {
	s := &stdoutWriter{w: failingWriter{syscall.EBADF}}
	if s.failed() != nil {
		t.Fatal("failed before any write")
	}
	s.Write([]byte("a"))
	s.w = failingWriter{syscall.ENOSPC}
	s.Write([]byte("b"))
	if err := s.failed(); err == nil || err.Error() != "standard output could not be written: it is closed (bad file descriptor); the command's output is lost" {
		t.Errorf("kept %v, want the first failure", err)
	}
}
