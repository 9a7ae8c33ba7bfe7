package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"unicode"
)

// outputFile is one file of a run's output: its name and what writes its contents.
type outputFile struct {
	name  string
	write func(io.Writer) error
}

// writeDir writes files into the directory dir so that they appear together or not at all.
// Every file is first written into a new temporary directory beside dir (on the same file
// system), all of them side by side; only when all are written is the temporary directory
// renamed to dir or, when dir already exists, each file renamed into it, replacing any file of
// the same name and leaving other files alone. When a file cannot be written, the temporary
// directory is removed and dir is left as it was (or not created).
func writeDir(dir string, files []outputFile) (err error) {
	dir = filepath.Clean(dir)
	st, statErr := os.Stat(dir)
	exists := statErr == nil
	switch {
	case exists && !st.IsDir():
		return fmt.Errorf("%s exists and is not a directory", dir)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()
	defer removeOnSignal(tmp)()
	// The files are independent: writing them side by side takes as long as the largest.
	errs := make([]error, len(files))
	// As many at a time as there are CPUs: more would only hold more charts in memory at once.
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			errs[i] = writeFile(filepath.Join(tmp, f.name), f.write)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if !exists {
		// MkdirTemp makes a private directory; the output is as readable as any other.
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		return os.Rename(tmp, dir)
	}
	for _, f := range files {
		dst := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, f.name), dst); err != nil {
			return err
		}
	}
	return nil
}

// writeFile creates the file path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	// A name may lie in a subdirectory ("charts/cost-by-year.png").
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	return f.Close()
}

// removeOnSignal watches for an interrupt (Ctrl-C) or a request to terminate while the files
// are written into tmp: placesim then removes tmp and exits, leaving no temporary directory
// behind. The returned function stops watching.
func removeOnSignal(tmp string) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sig:
			os.RemoveAll(tmp)
			code := 130 // 128 + SIGINT, as shells report it
			if s == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

// outRoot is the folder under which commands write when --out is not given.
const outRoot = "out"

// maxOutName is the longest name, in bytes, of a default output folder: well within the 255
// bytes file systems allow, with room for the temporary folders' suffixes beside it.
const maxOutName = 100

// defaultOut returns the default output folder of a command, out/<prefix><name>, where name is
// a scenario's name made into a safe single path element: each run of characters other than
// ASCII letters, digits, '.', '_' and '-' becomes one '-', leading dots and dashes go (no
// hidden folder, nothing that reads as a flag or climbs with ".."), and the result is cut at
// maxOutName bytes. A scenario's name is free text and can come from a file someone else wrote;
// the folder is always directly under out/. It fails when nothing of the name is left, naming
// cmd, so that the user can give --out.
func defaultOut(cmd, prefix, name string) (string, error) {
	var b strings.Builder
	dash := false
	for _, r := range name {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-') {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	elem := strings.TrimLeft(b.String(), ".-")
	if len(elem) > maxOutName {
		elem = elem[:maxOutName]
	}
	elem = strings.TrimRight(elem, "-")
	if elem == "" {
		return "", usagef(cmd, "scenario name %q cannot name an output folder: give --out", name)
	}
	elem = prefix + elem
	out := filepath.Join(outRoot, elem)
	// Checked again, whatever the rules above: the folder is one element under out/.
	if !filepath.IsLocal(out) || filepath.Dir(out) != outRoot || filepath.Base(out) != elem {
		return "", usagef(cmd, "scenario name %q cannot name an output folder: give --out", name)
	}
	return out, nil
}
