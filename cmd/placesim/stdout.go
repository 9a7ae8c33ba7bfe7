package main

import (
	"errors"
	"io"
	"sync"
	"syscall"
)

// stdoutWriter is placesim's standard output as main gives it to the commands: a write that
// fails returns a stdoutError, and the first one is kept, so that output lost is a failure
// even where a command does not look at what its writes return.
type stdoutWriter struct {
	w   io.Writer
	mu  sync.Mutex
	err error // the first write that failed, as a stdoutError
}

func (s *stdoutWriter) Write(b []byte) (int, error) {
	n, err := s.w.Write(b)
	if err != nil {
		err = &stdoutError{err}
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
	}
	return n, err
}

// failed returns the first write that failed, or nil.
func (s *stdoutWriter) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// stdoutError is a write to standard output that failed: the output of the command is lost
// (a closed or full standard output), or its reader went away (a broken pipe, as with
// `| head -1`, which is no failure: report exits quietly with success).
type stdoutError struct{ err error }

func (e *stdoutError) Error() string {
	var errno syscall.Errno
	if !errors.As(e.err, &errno) {
		return "standard output could not be written: " + e.err.Error()
	}
	why := errno.Error()
	switch errno {
	case syscall.EBADF:
		why = "it is closed (" + why + ")"
	case syscall.ENOSPC:
		why = "its file system is full (" + why + ")"
	case syscall.EDQUOT:
		why = "the disk quota of its file system is used up (" + why + ")"
	}
	return "standard output could not be written: " + why + "; the command's output is lost"
}

func (e *stdoutError) Unwrap() error { return e.err }

// brokenPipe reports whether e is a write whose reader went away.
func (e *stdoutError) brokenPipe() bool { return errors.Is(e.err, syscall.EPIPE) }
