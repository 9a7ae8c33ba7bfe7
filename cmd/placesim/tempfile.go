package main

import (
	"errors"
	"os"
	"strings"
	"syscall"
)

// tempFile creates a temporary file for records or texts kept on disk while a run's outputs
// are made (pattern as os.CreateTemp takes it) and removes its name at once where the system
// allows it: the file lives while it is open, and nothing is left in the temporary folder
// however the process ends (interrupted, terminated or killed while it simulates). release
// closes the file, and removes its name where that could not be done at once. An error says
// what is wrong with the temporary folder, and how to give placesim another (see
// tempFolderError).
func tempFile(pattern string) (f *os.File, release func(), err error) {
	f, err = os.CreateTemp("", pattern)
	if err != nil {
		return nil, nil, inTempFolder(err)
	}
	gone := os.Remove(f.Name()) == nil
	return f, func() {
		f.Close()
		if !gone {
			os.Remove(f.Name())
		}
	}, nil
}

// tempRecordFile is a temporary file from tempFile whose failed writes say what is wrong with
// the temporary folder (a full disk above all).
type tempRecordFile struct{ *os.File }

func (f tempRecordFile) WriteAt(b []byte, off int64) (int, error) {
	n, err := f.File.WriteAt(b, off)
	return n, inTempFolder(err)
}

// tempFolderError is a temporary file of placesim's that could not be made or written because
// of the system's temporary folder ($TMPDIR, or /tmp): its message names the folder, says
// what is wrong with it and how to give placesim another.
type tempFolderError struct {
	dir   string // the temporary folder
	named bool   // dir is $TMPDIR's
	errno syscall.Errno
	serve bool // met by placesim serve, whose message says what the workspace keeps there
	pdf   bool // met before drawing PDF charts, whose message says what they make there
}

// inTempFolder returns err, met making or writing a temporary file, as a tempFolderError when
// the system gave a cause for it, and as it is otherwise (nil too).
func inTempFolder(err error) error {
	var errno syscall.Errno
	if err == nil || !errors.As(err, &errno) {
		return err
	}
	return &tempFolderError{dir: os.TempDir(), named: os.Getenv("TMPDIR") != "", errno: errno}
}

func (e *tempFolderError) Error() string {
	where := "the temporary folder " + e.dir
	if e.named {
		where += " ($TMPDIR)"
	}
	var what string
	switch e.errno {
	case syscall.ENOENT:
		what = where + " does not exist"
	case syscall.ENOTDIR:
		what = where + " is not a folder"
	case syscall.ENOSPC:
		what = where + " is full"
	case syscall.EDQUOT:
		what = "the disk quota of " + where + " is used up"
	case syscall.EACCES, syscall.EPERM:
		what = "placesim may not write in " + where + " (" + e.errno.Error() + ")"
	case syscall.EROFS:
		what = where + " is on a read-only file system"
	default:
		what = where + ": " + e.errno.Error()
	}
	use, cmd := "placesim keeps a large run's monthly records there until its files are written", "placesim …"
	if e.pdf {
		use = "placesim makes the PDF charts' font files there as it draws them"
	}
	if e.serve {
		use, cmd = "placesim serve keeps a region run's monthly records and the report or workbook it sends there while it writes them", "placesim serve …"
	}
	fix := "give placesim another with TMPDIR=DIR " + cmd
	if e.errno == syscall.ENOSPC || e.errno == syscall.EDQUOT {
		fix = "free some space there, or give placesim a folder with room with TMPDIR=DIR " + cmd
	}
	return what + ": " + use + "; " + fix
}

// serveTempFile creates a temporary file for the workspace of placesim serve (its
// workspace.Config.TempFile): a region run's monthly records, or a report or workbook written
// before it is sent. An error says what is wrong with the temporary folder, in words of the
// workspace (see tempFolderError).
func serveTempFile(pattern string) (*os.File, error) {
	f, err := os.CreateTemp("", pattern)
	return f, forServe(inTempFolder(err))
}

// forServe returns err with a tempFolderError within it worded for placesim serve.
func forServe(err error) error {
	var tf *tempFolderError
	if errors.As(err, &tf) {
		tf.serve = true
	}
	return err
}

// checkServeTemp tells at placesim serve's start whether the temporary folder takes its
// files: a temporary file is made there and removed.
func checkServeTemp() error {
	f, err := serveTempFile("placesim-serve-check-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

func (e *tempFolderError) Unwrap() error { return e.errno }

// checkPDFTemp tells, before files are written, whether the temporary folder takes the font
// files that drawing a PDF chart makes there (the PDF library cannot say so: it stops the
// process): when one of files is a PDF, a folder is made there and removed.
func checkPDFTemp(files []outputFile) error {
	for _, f := range files {
		if strings.HasSuffix(f.name, ".pdf") {
			dir, err := os.MkdirTemp("", "placesim-pdf-check-*")
			if err != nil {
				if err := inTempFolder(err); err != nil {
					if tf, ok := err.(*tempFolderError); ok {
						tf.pdf = true
					}
					return err
				}
			}
			return os.Remove(dir)
		}
	}
	return nil
}
