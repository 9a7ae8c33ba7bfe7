package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/placesim/placesim/scenarios"
)

// outputFile is one file of a run's output: its name and what writes its contents.
type outputFile struct {
	name  string
	write func(io.Writer) error
}

// aheadFile waits for a file written ahead of the others into a folderWrite's temporary folder
// to be whole, and returns where it is and its manifest entry (its Path left for the caller).
type aheadFile func() (path string, entry manifestFile, err error)

// writeDir writes files into the folder dir so that the folder is replaced all at once, or
// not at all. Every file is first written into a new temporary folder beside dir (in the same
// parent, so on the same file system), side by side. When dir exists, any file or folder in it
// that the new files do not replace (a user's notes, charts in other formats) is linked into
// the temporary folder too: it is kept, and the old folder itself is not touched. Only when
// everything is there does the temporary folder take dir's place, in one step where the system
// can swap two folders (Linux's renameat2 with RENAME_EXCHANGE), otherwise by renaming the old
// folder aside, the new one in and removing the old; a reader of dir sees the old files or the
// new ones, never a mixture. When a file cannot be written, the temporary folder is removed and
// dir is left as it was (or not created).
//
// A folder that cannot be swapped, because it is a mount point (a container's volume), its
// parent is not writable, or it is (or holds) the working folder, is written in place: the
// files go to a temporary folder inside dir and are renamed into it one at a time, so each file
// is whole but the set changes file by file. writeDir then prints a one-line note on stderr
// saying so. When dir is a symbolic link, the folder it points at is replaced and the link
// stays.
func writeDir(dir string, files []outputFile, stderr io.Writer) error {
	return writeFolder(dir, files, nil, stderr)
}

// writeResults writes files into the folder dir as writeDir does, with the manifest m beside
// them as manifest.json: m's Files become the files written, with their sizes and checksums,
// together with any entries m already lists for files the command keeps rather than writes
// (plot keeps a run's CSVs). The files the folder's previous manifest lists, still as they were
// written, that the new manifest does not list are removed: a report never sits beside results
// it did not come from. Every other file of the folder (a user's notes, a file a user changed)
// is kept.
func writeResults(dir string, files []outputFile, m *manifest, stderr io.Writer) error {
	return writeFolder(dir, files, m, stderr)
}

// writeFolder is writeDir, and writeResults when m is not nil.
func writeFolder(dir string, files []outputFile, m *manifest, stderr io.Writer) error {
	fw, err := beginFolder(dir, stderr)
	if err != nil {
		return err
	}
	return fw.finish(files, m, stderr)
}

// folderWrite is an output folder being written: beginFolder makes its temporary folder before
// the files' contents are all known, so that a file can be written into it ahead of the others
// (a run's kpis.csv as its replications finish; see writeAhead), and finish writes the
// rest and puts the folder in place, as writeFolder says.
type folderWrite struct {
	dir    string      // the folder written, a link to it followed
	st     fs.FileInfo // dir's, when it exists
	exists bool
	why    string // why dir is written in place rather than replaced at once, or ""
	// tmp is the temporary folder: beside dir, or inside it when written in place.
	tmp string
	// mu is held while the folders are swapped, so that a signal waits for the swap to
	// finish: then tmp is the new folder not yet in place, or the old one taken out, and goes.
	mu   sync.Mutex
	stop func() // stops watching for signals
	done bool
	// ahead is the files written ahead into tmp, by name: finish takes them as they are
	// rather than writing them.
	ahead map[string]aheadFile
}

// beginFolder checks the output folder dir, warns on stderr (when not nil) of the temporary
// folders earlier writes into it left behind (warnUnfinished), makes its temporary folder and,
// until finish or abort, removes it on an interrupt.
func beginFolder(dir string, stderr io.Writer) (*folderWrite, error) {
	fw := &folderWrite{dir: filepath.Clean(dir)}
	if fi, err := os.Lstat(fw.dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A link to a folder stays a link: the folder it points at is replaced.
		if fw.dir, err = filepath.EvalSymlinks(fw.dir); err != nil {
			return nil, err
		}
	}
	st, statErr := os.Stat(fw.dir)
	fw.st, fw.exists = st, statErr == nil
	switch {
	case fw.exists && !st.IsDir():
		return nil, fmt.Errorf("%s exists and is not a directory", fw.dir)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return nil, statErr
	}
	parent := filepath.Dir(fw.dir)
	if !fw.exists {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, plainWriteError(err)
		}
	}
	if fw.exists {
		fw.why = cannotSwap(fw.dir)
	}
	var err error
	if fw.why == "" {
		fw.tmp, err = os.MkdirTemp(parent, "."+filepath.Base(fw.dir)+besideTmpInfix)
		if err != nil && fw.exists && (errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)) {
			fw.why = fmt.Sprintf("its parent %s is not writable", parent)
		} else if err != nil {
			return nil, plainWriteError(err)
		}
	}
	if fw.why != "" {
		if fw.tmp, err = os.MkdirTemp(fw.dir, insideTmpPrefix); err != nil {
			return nil, plainWriteError(err)
		}
	}
	fw.stop = removeOnSignal(&fw.mu, func() { removeTemporary(fw.tmp) })
	warnUnfinished(stderr, fw.dir, fw.tmp, fw.why != "")
	return fw, nil
}

// writeAhead says that the file name (one of the files finish will be given) is written into
// the temporary folder, at filepath.Join(fw.tmp, name), by another goroutine, and wait waits
// for it to be whole: finish takes it as it is.
func (fw *folderWrite) writeAhead(name string, wait aheadFile) {
	if fw.ahead == nil {
		fw.ahead = map[string]aheadFile{}
	}
	fw.ahead[name] = wait
}

// abort removes the temporary folder of a write that is not to be finished, and stops
// watching for signals. After finish, it does nothing.
func (fw *folderWrite) abort() {
	if fw.done {
		return
	}
	fw.done = true
	fw.stop()
	fw.mu.Lock()
	defer fw.mu.Unlock()
	os.RemoveAll(fw.tmp)
}

// finish writes files into the temporary folder, with the manifest m when it is not nil, and
// puts the folder in dir's place (see writeFolder).
func (fw *folderWrite) finish(files []outputFile, m *manifest, stderr io.Writer) (err error) {
	fw.done = true
	defer fw.stop()
	dir, tmp := fw.dir, fw.tmp
	defer func() {
		fw.mu.Lock()
		defer fw.mu.Unlock()
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()
	if err := checkPDFTemp(files); err != nil {
		return err
	}
	var drop map[string]bool
	if m != nil {
		for _, f := range files {
			if f.name == manifestName {
				return fmt.Errorf("%s is the manifest's name: no other file may take it", manifestName)
			}
		}
		if fw.exists {
			keep := map[string]bool{}
			for _, f := range files {
				keep[filepath.ToSlash(filepath.Clean(f.name))] = true
			}
			for _, f := range m.Files {
				keep[f.Path] = true
			}
			drop = oldFiles(dir, keep, stderr)
		}
	}
	if fw.why != "" {
		return fillInside(dir, tmp, files, fw.ahead, m, drop, fw.why, stderr)
	}
	written, err := writeSideBySide(tmp, files, fw.ahead)
	if err != nil {
		return plainWriteErrorIn(tmp, err)
	}
	if m != nil {
		if err := writeManifest(tmp, m, written, drop); err != nil {
			return plainWriteErrorIn(tmp, err)
		}
	}
	mode := fs.FileMode(0o755) // MkdirTemp makes a private folder; the output is as readable as any other
	var was fs.FileInfo        // the folder this write replaces, or nil
	var left []leftTemp        // what killed writes in place left inside it, which the new folder leaves out
	if fw.exists {
		mode, was = fw.st.Mode().Perm(), fw.st
		left = leftInside(dir)
		if _, err := carryOver(dir, tmp, "", drop); err != nil {
			if !removedMeanwhile(dir, err) {
				return plainWriteError(fmt.Errorf("keeping the files of %s the run does not write: %w", dir, err))
			}
			was = nil
		}
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return plainWriteError(err)
	}
	if was != nil {
		beforeSwap()
		err = swap(tmp, dir, was, &fw.mu)
	}
	if was == nil && fw.exists || errors.Is(err, errRemovedMeanwhile) {
		// The folder was removed while the run was writing it: it is made again, with the
		// run's files and nothing else.
		if err := keepOnly(tmp, written, m != nil); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "placesim: note: %s was removed while this run was writing it: it is made again, with this run's files only\n", dir)
		was = nil
	}
	if was == nil {
		err = swap(tmp, dir, nil, &fw.mu)
	}
	if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
		// A mount point that shares its device with its parent (a bind mount).
		return writeInside(dir, files, fw.ahead, m, drop, "it is a mount point", stderr)
	}
	if err == nil && was != nil {
		for _, l := range left {
			fmt.Fprintf(stderr, "placesim: note: removed %s (%s), placesim's temporary folder of an earlier write into %s that did not finish (its run was killed): the folder this run wrote leaves it out\n", l.path, sizeText(l.bytes), dir)
		}
	}
	return err
}

// leftTemp is a temporary folder a write in place left inside an output folder, and its size.
type leftTemp struct {
	path  string
	bytes int64
}

// leftInside returns the temporary folders that writes in place left inside the output folder
// dir (unfinishedWrite), which a write that replaces dir leaves out of the new folder
// (carryOver), each with its size.
func leftInside(dir string) []leftTemp {
	var left []leftTemp
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if m := unfinishedWrite.FindStringSubmatch(e.Name()); m != nil && e.IsDir() && m[1] == "" {
			p := filepath.Join(dir, e.Name())
			left = append(left, leftTemp{p, folderSize(p)})
		}
	}
	return left
}

// beforeSwap is called by finish just before it swaps an existing folder for the new one; tests
// set it to change the folder at that moment.
var beforeSwap = func() {}

// errRemovedMeanwhile is swap's error when the folder it was to replace is no longer there: it
// was removed while this write was writing it.
var errRemovedMeanwhile = errors.New("the output folder was removed while this run was writing it")

// removedMeanwhile reports whether err, met while reading the existing folder dir, is because
// dir is no longer there.
func removedMeanwhile(dir string, err error) bool {
	if !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	_, statErr := os.Lstat(dir)
	return errors.Is(statErr, fs.ErrNotExist)
}

// keepOnly removes from the folder tmp everything but the files written (and manifest.json
// when withManifest): the files and folders carryOver linked in from a folder that is gone.
func keepOnly(tmp string, written []manifestFile, withManifest bool) error {
	keep := map[string]bool{}
	for _, f := range written {
		keep[f.Path] = true
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			keep[d] = true
		}
	}
	if withManifest {
		keep[manifestName] = true
	}
	var remove []string
	err := filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == tmp {
			return err
		}
		rel, err := filepath.Rel(tmp, p)
		if err != nil {
			return err
		}
		if !keep[filepath.ToSlash(rel)] {
			remove = append(remove, p)
			if d.IsDir() {
				return fs.SkipDir
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range remove {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// fileSystemCauses are the causes of a failed write that come from the output folder's file
// system rather than from one file, each with what placesim says of it: every file written
// then fails the same way, and one line says so.
var fileSystemCauses = []struct {
	errno syscall.Errno
	what  string
}{
	{syscall.ENOSPC, "its file system is full"},
	{syscall.EDQUOT, "the disk quota on its file system is used up"},
	{syscall.EROFS, "its file system is read-only"},
	{syscall.EACCES, "placesim may not write there (permission denied)"},
	{syscall.EPERM, "placesim may not write there (operation not permitted)"},
	{syscall.ENOTDIR, "a folder on its path is a file, not a folder"},
	{syscall.ENOENT, "placesim cannot make a folder or file there (no such file or directory)"},
}

// fileSystemCause returns what placesim says of errno when it is one of fileSystemCauses.
func fileSystemCause(errno syscall.Errno) string {
	for _, c := range fileSystemCauses {
		if c.errno == errno {
			return c.what
		}
	}
	return ""
}

// plainWriteError returns err, the error of writing an output folder's files before anything
// of the folder was changed, with the errors of each of fileSystemCauses made one line that
// says so: a full disk fails every file at once, and the temporary folder's paths mean
// nothing to the user. Any other errors follow as they are. The callers name the folder.
func plainWriteError(err error) error {
	if err == nil {
		return nil
	}
	var causes []syscall.Errno
	var others []error
	for _, leaf := range leafErrors(err) {
		var errno syscall.Errno
		if errors.As(leaf, &errno) && fileSystemCause(errno) != "" {
			if !slices.Contains(causes, errno) {
				causes = append(causes, errno)
			}
			continue
		}
		others = append(others, leaf)
	}
	if len(causes) == 0 {
		return err
	}
	var errs []error
	for _, c := range fileSystemCauses {
		if slices.Contains(causes, c.errno) {
			errs = append(errs, &fileSystemError{what: c.what, errno: c.errno})
		}
	}
	return errors.Join(append(errs, others...)...)
}

// plainWriteErrorIn is plainWriteError for files written into the temporary folder tmp: a
// full file system's line says how much of it the files had taken when it filled, which the
// run needs at least.
func plainWriteErrorIn(tmp string, err error) error {
	err = plainWriteError(err)
	var fse *fileSystemError
	if errors.As(err, &fse) && (fse.errno == syscall.ENOSPC || fse.errno == syscall.EDQUOT) {
		fse.written = bytesWritten(tmp)
	}
	return err
}

// bytesWritten returns the bytes of the files in the folder tmp that were written there, not
// linked in from elsewhere.
func bytesWritten(tmp string) int64 {
	var n int64
	filepath.WalkDir(tmp, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if fi, err := d.Info(); err == nil && !linkedIn(fi) {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// leafErrors returns the errors errors.Join joined into err, however deep, or err itself.
func leafErrors(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, leafErrors(e)...)
	}
	return out
}

// fileSystemError is a write of an output folder that failed for a cause of its file system
// (one of fileSystemCauses), before anything of the folder was changed.
type fileSystemError struct {
	what    string
	errno   syscall.Errno
	written int64 // for a full file system, the bytes the files had taken when it filled, if known (shown from 1 kB)
	// plot is set for placesim plot, which writes into the run's folder and has no --out: what
	// to do is said without it.
	plot bool
}

func (e *fileSystemError) Error() string {
	if e.plot {
		return e.plotError()
	}
	switch e.errno {
	case syscall.ENOSPC, syscall.EDQUOT:
		what := e.what
		if e.written >= 1e3 {
			what += " (the files had taken " + sizeText(e.written) + " when it filled, and need more)"
		}
		return what + ": nothing was changed; free some space, or give --out a folder on another file system"
	case syscall.EROFS:
		return e.what + ": nothing was changed; give --out a folder on another file system"
	case syscall.ENOTDIR, syscall.ENOENT:
		return e.what + ": nothing was changed; give another --out"
	}
	return e.what + ": nothing was changed; check the folder's permissions, or give another --out"
}

func (e *fileSystemError) Unwrap() error { return e.errno }

// plotError is Error for placesim plot.
func (e *fileSystemError) plotError() string {
	const elsewhere = "copy the run's folder to another file system and plot the copy"
	switch e.errno {
	case syscall.ENOSPC, syscall.EDQUOT:
		return e.what + ": nothing was changed; free some space, or " + elsewhere
	case syscall.EROFS:
		return e.what + ": nothing was changed; " + elsewhere
	}
	return e.what + ": nothing was changed; check the folder's permissions, or copy the run's folder elsewhere and plot the copy"
}

// forPlot returns err with the fileSystemErrors within it worded for placesim plot.
func forPlot(err error) error {
	for _, leaf := range leafErrors(err) {
		var fse *fileSystemError
		if errors.As(leaf, &fse) {
			fse.plot = true
		}
	}
	return err
}

// errWrittenMeanwhile is the error of a write whose output folder another process wrote while
// this one was writing it (two runs given the same --out): the other's folder is left as it
// is, and nothing of this write is kept. The callers name the folder.
var errWrittenMeanwhile = errors.New("another process wrote this folder while this one was writing it (two runs given the same --out?): that process's files are there, and nothing of this run was kept")

// swap puts the folder tmp in dir's place, holding mu: by a rename when dir did not exist when
// the write began (was is nil), otherwise by exchanging the two (after which tmp holds the old
// folder) or, where that is not offered, by two renames. When another process has put a folder
// at dir since the write began, swap leaves that folder where it is (taking tmp out again if it
// was swapped in) and returns errWrittenMeanwhile: tmp is then still this write's folder.
func swap(tmp, dir string, was fs.FileInfo, mu *sync.Mutex) error {
	mu.Lock()
	defer mu.Unlock()
	if was == nil {
		err := os.Rename(tmp, dir)
		if errors.Is(err, syscall.EEXIST) || errors.Is(err, syscall.ENOTEMPTY) {
			return errWrittenMeanwhile
		}
		return err
	}
	now, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return errRemovedMeanwhile
	}
	if err == nil && !os.SameFile(now, was) {
		return errWrittenMeanwhile
	}
	err = exchange(tmp, dir)
	if errors.Is(err, errNoExchange) {
		return swapByRenames(tmp, dir, was)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if _, statErr := os.Lstat(dir); errors.Is(statErr, fs.ErrNotExist) {
			return errRemovedMeanwhile
		}
	}
	if err != nil {
		return err
	}
	// Another process may have swapped its folder in between the look above and the exchange.
	if old, err := os.Stat(tmp); err == nil && !os.SameFile(old, was) {
		if err := exchange(tmp, dir); err != nil {
			return fmt.Errorf("%w; and its folder could not be put back from %s: %v", errWrittenMeanwhile, tmp, err)
		}
		return errWrittenMeanwhile
	}
	return nil
}

// swapByRenames puts the folder tmp in dir's place with two renames: dir to a new name beside
// it, then tmp to dir. If the second fails, or the folder renamed aside is not was (another
// process put its own at dir meanwhile), dir is renamed back. The old folder is removed last;
// tmp no longer exists after a success.
func swapByRenames(tmp, dir string, was fs.FileInfo) error {
	old, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+besideOldInfix)
	if err != nil {
		return err
	}
	// An empty folder reserved the name; the old folder takes it.
	if err := os.Remove(old); err != nil {
		return err
	}
	if err := os.Rename(dir, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errRemovedMeanwhile
		}
		return err
	}
	if st, err := os.Stat(old); err == nil && !os.SameFile(st, was) {
		if backErr := os.Rename(old, dir); backErr != nil {
			return fmt.Errorf("%w; and its folder could not be put back from %s: %v", errWrittenMeanwhile, old, backErr)
		}
		return errWrittenMeanwhile
	}
	if err := os.Rename(tmp, dir); err != nil {
		if backErr := os.Rename(old, dir); backErr != nil {
			return fmt.Errorf("%w; and the old folder could not be put back from %s: %v", err, old, backErr)
		}
		return err
	}
	return os.RemoveAll(old)
}

// cannotSwap returns why the existing folder dir cannot be replaced by another folder, or ""
// when it can: it is a mount point (on a different device from its parent, or the root), or it
// is or holds the working folder, which a swap would leave in the removed old folder.
func cannotSwap(dir string) string {
	abs, err := filepath.Abs(dir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return ""
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		return "it is the root of the file system"
	}
	if st, err := os.Stat(abs); err == nil {
		if pst, err := os.Stat(parent); err == nil && deviceOf(st) != deviceOf(pst) {
			return "it is a mount point"
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil && (wd == abs || strings.HasPrefix(wd, abs+string(filepath.Separator))) {
			return "it is or holds the working folder"
		}
	}
	return ""
}

// insideTmpPrefix starts the name of the temporary folder a write in place makes inside the
// output folder.
const insideTmpPrefix = ".placesim-tmp-"

// The folders a write makes beside the output folder DIR are named "." + DIR + an infix + a
// number: the new folder being filled (besideTmpInfix) and, where two folders cannot be swapped
// in one step, the old one set aside while the new takes its place (besideOldInfix).
const (
	besideTmpInfix = ".tmp-"
	besideOldInfix = ".old-"
)

// unfinishedWrite matches the names of the folders a write makes, beside the output folder or
// inside it, and removes once it is done: one left behind is a write that did not finish (its
// process was killed, or is still writing). For a folder beside the output folder, its first
// group is the output folder's name.
var unfinishedWrite = regexp.MustCompile(`^(?:\.(.+)(?:` + regexp.QuoteMeta(besideTmpInfix) + `|` + regexp.QuoteMeta(besideOldInfix) + `)|` +
	regexp.QuoteMeta(insideTmpPrefix) + `)[0-9]+$`)

// warnUnfinished warns on stderr (nothing when nil) of each temporary folder an earlier write
// into the output folder dir left behind, with its size: a run killed outright (kill -9, out
// of memory) cannot remove its own, and the next run into dir would otherwise succeed beside
// it without a word. Those beside dir are named, and those inside it when this write is in
// place (inPlace): a write that replaces dir leaves those out of the new folder. None is
// removed: a run may still be writing it. own is this write's temporary folder.
func warnUnfinished(stderr io.Writer, dir, own string, inPlace bool) {
	if stderr == nil {
		return
	}
	var left []string
	if entries, err := os.ReadDir(filepath.Dir(dir)); err == nil {
		for _, e := range entries {
			if m := unfinishedWrite.FindStringSubmatch(e.Name()); m != nil && e.IsDir() && m[1] == filepath.Base(dir) {
				left = append(left, filepath.Join(filepath.Dir(dir), e.Name()))
			}
		}
	}
	if entries, err := os.ReadDir(dir); err == nil && inPlace {
		for _, e := range entries {
			if m := unfinishedWrite.FindStringSubmatch(e.Name()); m != nil && e.IsDir() && m[1] == "" {
				left = append(left, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, p := range left {
		if p == filepath.Clean(own) { // MkdirTemp does not clean its path: ./.o.tmp-1
			continue
		}
		// The old folder set aside is "." + DIR + besideOldInfix + a number; DIR may itself
		// hold the infix (--out results.old-2), so its new folder's name does too.
		if filepath.Dir(p) == filepath.Dir(dir) && strings.HasPrefix(filepath.Base(p), "."+filepath.Base(dir)+besideOldInfix) {
			// Where the two folders cannot be swapped in one step, the old one is set aside
			// first: a write that stopped there may leave the only copy of the earlier folder.
			fmt.Fprintf(stderr, "placesim: warning: %s (%s) holds the earlier contents of %s, set aside by a write into it that did not finish (its run was killed, or is still writing): move back what you need from it before deleting it; this run leaves it as it is\n", p, sizeText(folderSize(p)), dir)
			continue
		}
		fmt.Fprintf(stderr, "placesim: warning: %s (%s) is placesim's temporary folder of a write into %s that did not finish (its run was killed, or is still writing): safe to delete once no run is writing it; this run leaves it as it is\n", p, sizeText(folderSize(p)), dir)
	}
}

// folderSize is the bytes of the files in the folder dir and its folders, as far as they can
// be read.
func folderSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// sizeText writes a number of bytes for a person to read: 512 bytes, 4.1 kB, 33.0 MB, 1.2 GB.
func sizeText(n int64) string {
	switch {
	case n < 1000:
		return plural(int(n), "byte")
	case n < 1e6:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1e9:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// writeFilesInto writes files into the folder dir, which it makes if need be, each file whole:
// through a temporary folder inside dir, then renamed into place one at a time. It is for
// files that join a folder of the user's (calibrate's scenario beside their other files)
// rather than make up a command's own output folder, which writeDir replaces all at once.
func writeFilesInto(dir string, files []outputFile) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return plainWriteError(err)
	}
	return writeInside(dir, files, nil, nil, nil, "", nil)
}

// writeInside writes files into the existing folder dir through a temporary folder inside it,
// then renames each into place, and notes on stderr why dir was not replaced all at once (no
// note when why is ""). With a manifest m, it writes manifest.json too, last, and removes the
// files of drop (those the folder's previous manifest listed) that m does not list.
func writeInside(dir string, files []outputFile, ahead map[string]aheadFile, m *manifest, drop map[string]bool, why string, stderr io.Writer) (err error) {
	tmp, err := os.MkdirTemp(dir, insideTmpPrefix)
	if err != nil {
		return plainWriteError(err)
	}
	var mu sync.Mutex
	defer removeOnSignal(&mu, func() { removeTemporary(tmp) })()
	defer func() {
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()
	return fillInside(dir, tmp, files, ahead, m, drop, why, stderr)
}

// fillInside is writeInside with its temporary folder tmp, inside dir, made (and removed
// afterwards) by the caller.
func fillInside(dir, tmp string, files []outputFile, ahead map[string]aheadFile, m *manifest, drop map[string]bool, why string, stderr io.Writer) error {
	names := make([]string, 0, len(files)+1)
	for _, f := range files {
		names = append(names, f.name)
	}
	if m != nil {
		names = append(names, manifestName) // last: it names the files once they are there
	}
	// A folder where a file goes would stop the renaming half way: none is renamed then.
	for _, name := range names {
		dst := filepath.Join(dir, name)
		if fi, err := os.Lstat(dst); err == nil && fi.IsDir() {
			return fmt.Errorf("%s is a folder, where placesim writes a file: move it, or write elsewhere", dst)
		}
	}
	written, err := writeSideBySide(tmp, files, ahead)
	if err != nil {
		return plainWriteErrorIn(tmp, err)
	}
	if m != nil {
		if err := writeManifest(tmp, m, written, drop); err != nil {
			return plainWriteErrorIn(tmp, err)
		}
	}
	if why != "" {
		fmt.Fprintf(stderr, "placesim: note: %s is not replaced all at once, as %s: its files were written beside each other inside it and renamed into place one at a time\n", dir, why)
	}
	for i, name := range names {
		if i == len(names)-1 && m != nil {
			if err := removeDropped(dir, drop); err != nil {
				return err
			}
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, name), dst); err != nil {
			// The temporary folder's path means nothing to the user.
			if le, ok := err.(*os.LinkError); ok {
				err = le.Err
			}
			return fmt.Errorf("%s: %w", dst, err)
		}
	}
	return nil
}

// writeManifest completes the manifest m with the entries of the files written (replacing any
// entry m had for the same path), sorts its entries, writes it into dir as manifest.json, and
// takes the paths m lists out of drop: those are not to be removed.
func writeManifest(dir string, m *manifest, written []manifestFile, drop map[string]bool) error {
	if m.settle != nil {
		m.settle()
		m.settle = nil
	}
	files := slices.DeleteFunc(slices.Clone(m.Files), func(f manifestFile) bool {
		return slices.ContainsFunc(written, func(w manifestFile) bool { return w.Path == f.Path })
	})
	files = append(files, written...)
	slices.SortFunc(files, func(a, b manifestFile) int { return strings.Compare(a.Path, b.Path) })
	m.Format, m.Files = manifestFormat, files
	for _, f := range files {
		delete(drop, f.Path)
	}
	var buf bytes.Buffer
	if err := m.encode(&buf); err != nil {
		return err
	}
	// What is written must read back: a bug that writes a manifest placesim refuses fails here.
	if _, err := parseManifest(manifestName, buf.Bytes()); err != nil {
		return fmt.Errorf("the manifest of the results is not valid: %w", err)
	}
	_, err := writeFile(filepath.Join(dir, manifestName), func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	return err
}

// removeDropped removes from dir the files of drop (slash-separated paths inside it), and then
// each folder that held one and is left empty. A path that runs through a symbolic link is
// left alone: it may lead out of dir.
func removeDropped(dir string, drop map[string]bool) error {
	paths := slices.Sorted(maps.Keys(drop))
	for _, p := range paths {
		parts := strings.Split(p, "/")
		safe := true
		for i := range parts {
			fi, err := os.Lstat(filepath.Join(dir, filepath.Join(parts[:i+1]...)))
			if err != nil || (i < len(parts)-1 && !fi.IsDir()) || (i == len(parts)-1 && !fi.Mode().IsRegular()) {
				safe = false
				break
			}
		}
		if !safe {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(dir, filepath.FromSlash(d))) != nil {
				break // not empty: it holds other files
			}
		}
	}
	return nil
}

// writeSideBySide writes files into the folder dir, side by side: writing them takes as long as the
// largest. As many at a time as there are CPUs: more would only hold more charts in memory at
// once. The files are begun in their order, each by the first CPU free, so a caller that puts
// the longest to write first has them all done soonest; but at most pngSlots write a PNG at
// once, the others taking the next files that are not PNGs meanwhile: a PNG chart's pixels are
// drawn whole in memory (9 to 13 MB at 300 dpi) before they are written, and the rest is
// smaller. It returns each file's manifest entry (its size and checksum), in the order of files.
func writeSideBySide(dir string, files []outputFile, ahead map[string]aheadFile) ([]manifestFile, error) {
	for _, f := range files {
		// A name can come from a scenario's name; whatever it is, the file stays in dir.
		if !filepath.IsLocal(f.name) {
			return nil, fmt.Errorf("%q cannot name a file in the output folder", f.name)
		}
	}
	errs := make([]error, len(files))
	entries := make([]manifestFile, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	q := newFileQueue(files, pngSlots(workers))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i, ok := q.take()
				if !ok {
					return
				}
				f := files[i]
				if wait := ahead[f.name]; wait != nil {
					entries[i], errs[i] = placeAhead(filepath.Join(dir, f.name), wait)
				} else {
					entries[i], errs[i] = writeFile(filepath.Join(dir, f.name), f.write)
				}
				entries[i].Path = filepath.ToSlash(filepath.Clean(f.name))
				q.done(i)
			}
		})
	}
	wg.Wait()
	return entries, errors.Join(errs...)
}

// pngSlots returns how many of writeSideBySide's workers may draw a PNG at once: half of them,
// but two where there are two (or one where there is one). On two CPUs, one PNG at a time left
// the PNGs of a run's charts, a quarter of the CPU its files take, to be drawn one after
// another: while the other CPU wrote the workbook they waited behind the chart's SVG and PDF,
// and once every other file was written the last PNGs were drawn on one CPU, the other idle.
func pngSlots(workers int) int { return min(workers, max(workers/2, 2)) }

// fileQueue hands out the files of writeSideBySide in their order, with at most big PNGs
// being written at once.
type fileQueue struct {
	mu      sync.Mutex
	free    *sync.Cond // signalled when a PNG is done
	files   []outputFile
	pending []int // the files not yet taken, in order
	big     int   // PNGs that may still be begun
}

func newFileQueue(files []outputFile, big int) *fileQueue {
	q := &fileQueue{files: files, pending: make([]int, len(files)), big: big}
	q.free = sync.NewCond(&q.mu)
	for i := range q.pending {
		q.pending[i] = i
	}
	return q
}

// isPNG reports whether a file is a PNG chart, whose pixels are held whole while it is written.
func isPNG(f outputFile) bool { return strings.HasSuffix(f.name, ".png") }

// take returns the first file not yet taken that may be begun now, waiting while only PNGs are
// left and as many are being written as may be; false when every file is taken.
func (q *fileQueue) take() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.pending) > 0 {
		for k, i := range q.pending {
			png := isPNG(q.files[i])
			if png && q.big == 0 {
				continue
			}
			if png {
				q.big--
			}
			q.pending = slices.Delete(q.pending, k, k+1)
			return i, true
		}
		q.free.Wait()
	}
	return 0, false
}

// done says that file i is written.
func (q *fileQueue) done(i int) {
	if !isPNG(q.files[i]) {
		return
	}
	q.mu.Lock()
	q.big++
	q.mu.Unlock()
	q.free.Broadcast()
}

// carryOver links every file and folder of old that new does not have into new, at the same
// relative path: hard links where the file system allows them (the same file, no copy),
// otherwise copies; symbolic links are made again. A file new has replaces the old one, and a
// folder of old is merged into the same folder of new. The files of drop (slash-separated paths
// from old's top, rel being old's own path there, "" at the top) are not carried over, and a
// folder left empty by that is not made. It returns how many entries it carried over or found
// in new.
func carryOver(old, new, rel string, drop map[string]bool) (int, error) {
	entries, err := os.ReadDir(old)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), insideTmpPrefix) {
			continue // left by a write in place that was killed: not the user's
		}
		src, dst := filepath.Join(old, e.Name()), filepath.Join(new, e.Name())
		relName := path.Join(rel, e.Name())
		dstInfo, err := os.Lstat(dst)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		have := err == nil
		info, err := e.Info()
		if err != nil {
			return n, err
		}
		switch {
		case info.IsDir():
			if have && !dstInfo.IsDir() {
				continue // the run writes a file where there was a folder
			}
			if !have {
				if err := creating(func() error { return os.Mkdir(dst, info.Mode().Perm()) }); err != nil {
					return n, err
				}
			}
			kept, err := carryOver(src, dst, relName, drop)
			if err != nil {
				return n, err
			}
			if !have && kept == 0 && dirHeldOnly(src, relName, drop) {
				// Every file the folder held is dropped: the folder goes too.
				if err := os.Remove(dst); err != nil {
					return n, err
				}
				continue
			}
		case have:
			// the run writes this file
		case drop[relName] && info.Mode().IsRegular():
			continue // written by the last run, not by this one
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(src)
			if err != nil {
				return n, err
			}
			if err := creating(func() error { return os.Symlink(target, dst) }); err != nil {
				return n, err
			}
		case info.Mode().IsRegular():
			if err := creating(func() error { return linkOrCopy(src, dst, info.Mode().Perm()) }); err != nil {
				return n, err
			}
		default:
			return n, fmt.Errorf("%s is not a file, folder or link: move it out of the output folder", src)
		}
		n++
	}
	return n, nil
}

// dirHeldOnly reports whether the folder dir (at rel, slash-separated) holds at least one
// file of drop and nothing but files of drop and folders that hold only such files: a folder
// the last run made, not an empty folder of the user's.
func dirHeldOnly(dir, rel string, drop map[string]bool) bool {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		r := path.Join(rel, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), insideTmpPrefix):
		case e.Type().IsRegular() && drop[r]:
		case e.IsDir() && dirHeldOnly(filepath.Join(dir, e.Name()), r, drop):
		default:
			return false
		}
	}
	return true
}

// copyFile copies the file src to the new file dst with permissions perm.
func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// placeAhead waits for a file written ahead, with wait, and puts it at path: it is there
// already when it was written into the same folder, and is otherwise linked there (or copied,
// where the file system does not link). It returns the file's manifest entry.
func placeAhead(path string, wait aheadFile) (manifestFile, error) {
	src, entry, err := wait()
	if err != nil {
		return manifestFile{}, fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	if src == path {
		return entry, nil
	}
	err = creating(func() error {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return linkOrCopy(src, path, 0o644)
	})
	if err != nil {
		return manifestFile{}, err
	}
	return entry, nil
}

// linkOrCopy makes dst the same file as src (a hard link), or a copy with permissions perm
// where the file system does not link.
func linkOrCopy(src, dst string, perm fs.FileMode) error {
	if err := os.Link(src, dst); err != nil {
		return copyFile(src, dst, perm)
	}
	return nil
}

// writeFile creates the file path and fills it with write. It returns the file's size and
// checksum (its Path left for the caller).
func writeFile(path string, write func(io.Writer) error) (manifestFile, error) {
	var f *os.File
	err := creating(func() error {
		// A name may lie in a subdirectory ("charts/cost-by-year.png").
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		var err error
		f, err = os.Create(path)
		return err
	})
	if err != nil {
		return manifestFile{}, err
	}
	sw := newSummingWriter(f)
	if err := write(sw); err != nil {
		f.Close()
		return manifestFile{}, fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	return sw.entry(""), f.Close()
}

// signals is placesim's own answer to an interrupt (Ctrl-C, SIGINT) and to a request to
// terminate (SIGTERM, as docker stop, Kubernetes and Slurm send), while anyone watches for
// them (watchSignals): placesim stops making files and folders (see creating), calls each
// cleanup registered (removeOnSignal), and exits with 130 or 143, 128 and the signal's number,
// as shells report a process the signal ended. Unwatched, Go's runtime ends the process by the
// signal itself; but as the first process of a container (PID 1 of its PID namespace) a signal
// whose action is the default one is not delivered, and Go's runtime then exits with status 2,
// the status of bad usage.
var signals struct {
	sync.Mutex
	watchers int               // the watchSignals not yet stopped
	stop     func()            // stops the watching goroutine, once watchers is 0
	cleanups map[*cleanup]bool // the cleanups of removeOnSignal not yet stopped
}

// cleanup is what removeOnSignal registers: clean, called with mu held.
type cleanup struct {
	mu    *sync.Mutex
	clean func()
}

// watchSignals makes placesim answer an interrupt or a request to terminate itself (see
// signals) until the returned function is called. Calls may nest: the watching ends with the
// last stop.
func watchSignals() (stop func()) {
	signals.Lock()
	defer signals.Unlock()
	if signals.watchers == 0 {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		done := make(chan struct{})
		go func() {
			select {
			case s := <-sig:
				exitOnSignal(s)
			case <-done:
			}
		}()
		signals.stop = func() {
			signal.Stop(sig)
			close(done)
		}
	}
	signals.watchers++
	var once sync.Once
	return func() {
		once.Do(func() {
			signals.Lock()
			defer signals.Unlock()
			if signals.watchers--; signals.watchers == 0 {
				signals.stop()
			}
		})
	}
}

// exitOnSignal stops making files and folders, calls every cleanup registered, each with its
// mutex held (so that a swap of folders under way finishes first), and exits with the status
// of signal s.
func exitOnSignal(s os.Signal) {
	stopCreating()
	signals.Lock() // held: no cleanup is added or removed any more
	for c := range signals.cleanups {
		c.mu.Lock()
		c.clean()
	}
	code := 130 // 128 + SIGINT, as shells report it
	if s == syscall.SIGTERM {
		code = 143
	}
	os.Exit(code)
}

// removeOnSignal makes an interrupt or a request to terminate, while files are written,
// remove what they made: placesim then stops making files and folders, takes mu (so that a swap
// of folders under way finishes first), calls clean and exits, leaving no temporary folder
// behind. The returned function stops watching.
func removeOnSignal(mu *sync.Mutex, clean func()) (stop func()) {
	stopWatching := watchSignals()
	c := &cleanup{mu, clean}
	signals.Lock()
	if signals.cleanups == nil {
		signals.cleanups = map[*cleanup]bool{}
	}
	signals.cleanups[c] = true
	signals.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			signals.Lock()
			delete(signals.cleanups, c)
			signals.Unlock()
			stopWatching()
		})
	}
}

// creation is held, for reading, while a file or folder of an output is made, and set exiting
// (holding it for writing) when a signal makes placesim remove its temporary folders and exit:
// no file or folder is made after that, so none can appear in a temporary folder being removed
// (a chart's charts/ folder made again behind the removal) or after it.
var creation struct {
	sync.RWMutex
	exiting bool
}

// errExiting is the error of making a file or folder once placesim is exiting on a signal.
var errExiting = errors.New("placesim is stopping on a signal: no more files are made")

// creating calls make, which makes files or folders of an output, unless placesim is exiting on
// a signal: then it returns errExiting.
func creating(make func() error) error {
	creation.RLock()
	defer creation.RUnlock()
	if creation.exiting {
		return errExiting
	}
	return make()
}

// stopCreating makes every later creating fail, once those under way are done.
func stopCreating() {
	creation.Lock()
	creation.exiting = true
	creation.Unlock()
}

// removeAll is os.RemoveAll; tests make it fail.
var removeAll = os.RemoveAll

// removeTemporary removes the temporary folder tmp as placesim exits on a signal, once files
// are no longer made (stopCreating), trying a second time when the first fails: a file closed
// or renamed meanwhile by a writer that was under way.
func removeTemporary(tmp string) {
	if removeAll(tmp) != nil {
		removeAll(tmp)
	}
}

// outRoot is the folder under which commands write when --out is not given.
const outRoot = "out"

// maxOutName is the longest name, in bytes, of a default output folder: well within the 255
// bytes file systems allow, with room for the temporary folders' suffixes beside it.
const maxOutName = scenarios.MaxFolderName

// safeName returns s made into a safe single path element, as a region's councils' folders are
// named (scenarios.CouncilFolder): each run of characters other than ASCII letters, digits, '.',
// '_' and '-' becomes one '-', leading dots and dashes go (no hidden file, nothing that reads as
// a flag or climbs with ".."), and the result is cut at maxOutName bytes, without a trailing
// '-'. It may be "".
func safeName(s string) string { return scenarios.CouncilFolder(s) }

// defaultOut returns the default output folder of a command, out/<prefix><name>, where name is
// a scenario's name made into a safe single path element: each run of characters other than
// ASCII letters, digits, '.', '_' and '-' becomes one '-', leading dots and dashes go (no
// hidden folder, nothing that reads as a flag or climbs with ".."), and the result is cut at
// maxOutName bytes. A scenario's name is free text and can come from a file someone else wrote;
// the folder is always directly under out/. It fails when nothing of the name is left, naming
// cmd, so that the user can give --out.
func defaultOut(cmd, prefix, name string) (string, error) {
	elem := safeName(name)
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

// wroteList says what files wrote into the folder out, for the closing line of a command:
// "out/default/{summary,kpis,timeseries,periods}.csv, scenario.yaml, report.html, results.xlsx, charts/
// and manifest.json". The CSVs at the top of out come first, as one name or in braces, then the
// other files, then each folder once, then manifest.json (every command writes it last).
func wroteList(out string, files []outputFile) string {
	return joinWrote(out, wroteParts(files))
}

// regionWroteList is wroteList of a region's run: its CSVs have a council column, and each
// council's folder is said once for all, before manifest.json.
func regionWroteList(out string, files []outputFile) string {
	var top []outputFile
	councils, periods := false, false
	for _, f := range files {
		if first, _, inFolder := strings.Cut(filepath.ToSlash(f.name), "/"); inFolder && first != "charts" {
			councils = true
			continue
		}
		if f.name == periodsName { // the same for every council: no council column
			periods = true
			continue
		}
		top = append(top, f)
	}
	parts := wroteParts(top)
	if len(parts) > 0 && strings.HasSuffix(parts[0], ".csv") {
		parts[0] += " with a council column"
		if periods {
			parts = slices.Insert(parts, 1, periodsName)
		}
	}
	if councils {
		parts = slices.Insert(parts, len(parts)-1, "a folder for each council")
	}
	return joinWrote(out, parts)
}

// wroteParts returns the names wroteList joins: the CSVs as one part, then the other files,
// the folders and manifest.json.
func wroteParts(files []outputFile) []string {
	var csvs, others, folders []string
	for _, f := range files {
		name := filepath.ToSlash(f.name)
		if first, _, inFolder := strings.Cut(name, "/"); inFolder {
			if folder := first + string(filepath.Separator); !slices.Contains(folders, folder) {
				folders = append(folders, folder)
			}
			continue
		}
		if base, isCSV := strings.CutSuffix(name, ".csv"); isCSV {
			csvs = append(csvs, base)
		} else if !slices.Contains(others, name) {
			others = append(others, name)
		}
	}
	// In the order the help lists them, whatever order they were written in.
	byRank := func(order ...string) func(a, b string) int {
		rank := func(name string) int {
			if i := slices.Index(order, name); i >= 0 {
				return i
			}
			return len(order)
		}
		return func(a, b string) int { return rank(a) - rank(b) }
	}
	slices.SortStableFunc(csvs, byRank("summary", "kpis", "timeseries", "budget"))
	slices.SortStableFunc(others, byRank("shard.json", "scenario.yaml", "region.json", "report.html", "results.xlsx", "replications.bin"))
	var parts []string
	switch len(csvs) {
	case 0:
	case 1:
		parts = append(parts, csvs[0]+".csv")
	default:
		parts = append(parts, "{"+strings.Join(csvs, ",")+"}.csv")
	}
	return append(append(append(parts, others...), folders...), manifestName)
}

// joinWrote joins parts, the first in the folder out, as a list: "out/a, b and c".
func joinWrote(out string, parts []string) string {
	parts = slices.Clone(parts)
	parts[0] = filepath.Clean(out) + string(filepath.Separator) + parts[0]
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
