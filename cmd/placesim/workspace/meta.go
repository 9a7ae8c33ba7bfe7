package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"syscall"
	"time"
)

// The workspace records how each saved scenario was run (its seed, replications and
// placesim's version) in one small JSON file in its folder, beside the scenario files, not in
// the files' comments: a comment can be edited away or copied into another file by hand.

// metaFile is the name of the workspace's record of its saved scenarios. It starts with a dot
// and does not end in .yaml, so the folder's listing of scenario files never shows it.
const metaFile = ".placesim-workspace.json"

// metaVersion is the version of metaFile's layout this placesim writes and reads.
const metaVersion = 1

// savedRuns is the content of metaFile.
type savedRuns struct {
	// Version is metaVersion when written.
	Version int `json:"version"`
	// Files holds an entry by scenario file name ("plan.yaml").
	Files map[string]savedRun `json:"files"`
}

// savedRun says how a saved scenario file was run when it was saved. metaFile holds it as
// savedRunJSON.
type savedRun struct {
	// Seed is the master seed its comparisons with the baseline use.
	Seed uint64
	// Replications is the number of replications of the run it was saved from.
	Replications int
	// Placesim is the version of placesim that saved it.
	Placesim string
	// SHA256 is the hex SHA-256 of the file as saved: a file whose text no longer has it was
	// edited by hand since (it keeps its seed).
	SHA256 string
}

// maxExactSeed is the largest seed that every JSON reader reads back exactly from a JSON
// number: jq and JavaScript hold one as a double, whose 53-bit significand rounds some whole
// numbers above 2^53 (9007199254740993 reads back as 9007199254740992).
const maxExactSeed = 1 << 53

// savedRunJSON is a savedRun as metaFile holds it, the seed as manifest.json holds it:
// seed_text always, its decimal digits, and seed, a number, only up to maxExactSeed, so that
// no reader is given a wrong seed. A record written before seed_text has seed alone.
type savedRunJSON struct {
	Seed         *uint64 `json:"seed,omitempty"`
	SeedText     string  `json:"seed_text,omitempty"`
	Replications int     `json:"replications"`
	Placesim     string  `json:"placesim"`
	SHA256       string  `json:"sha256"`
}

// MarshalJSON writes r as savedRunJSON.
func (r savedRun) MarshalJSON() ([]byte, error) {
	j := savedRunJSON{SeedText: strconv.FormatUint(r.Seed, 10), Replications: r.Replications, Placesim: r.Placesim, SHA256: r.SHA256}
	if seed := r.Seed; seed <= maxExactSeed {
		j.Seed = &seed
	}
	return json.Marshal(j)
}

// seedError is a seed of a record that no placesim writes.
type seedError string

func (e seedError) Error() string { return string(e) }

// UnmarshalJSON reads r from savedRunJSON: the seed from seed_text, which seed, where given too,
// must agree with, or from seed alone.
func (r *savedRun) UnmarshalJSON(b []byte) error {
	var j savedRunJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = savedRun{Replications: j.Replications, Placesim: j.Placesim, SHA256: j.SHA256}
	switch {
	case j.SeedText != "":
		v, err := strconv.ParseUint(j.SeedText, 10, 64)
		if err != nil || strconv.FormatUint(v, 10) != j.SeedText {
			return seedError(fmt.Sprintf("seed_text: must be a seed in decimal digits (at most 18446744073709551615), not %q", j.SeedText))
		}
		if j.Seed != nil && *j.Seed != v {
			return seedError(fmt.Sprintf("seed: must be the seed seed_text gives (%s), not %d", j.SeedText, *j.Seed))
		}
		r.Seed = v
	case j.Seed != nil:
		r.Seed = *j.Seed
	}
	return nil
}

// fileSHA256 returns the hex SHA-256 of a file's text.
func fileSHA256(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// readRuns reads the folder's record of saved runs. A folder without one has an empty
// record; a record that cannot be read is an error that names the file and says what to do.
// The caller holds f.metaMu.
func (f *folder) readRuns() (savedRuns, error) {
	empty := savedRuns{Version: metaVersion, Files: map[string]savedRun{}}
	b, err := f.root.ReadFile(metaFile)
	if errors.Is(err, fs.ErrNotExist) {
		return empty, nil
	}
	fix := "remove it, and the saved scenarios take the workspace's seed"
	if err != nil {
		return empty, fmt.Errorf("%s in %s, the seeds of the saved scenarios, cannot be read: %v", metaFile, f.path, err)
	}
	var m savedRuns
	var bad seedError
	if err := json.Unmarshal(b, &m); errors.As(err, &bad) {
		return empty, fmt.Errorf("%s in %s, the seeds of the saved scenarios, holds a seed that cannot be read (%v): %s", metaFile, f.path, err, fix)
	} else if err != nil {
		return empty, fmt.Errorf("%s in %s, the seeds of the saved scenarios, is not valid JSON (%v): %s", metaFile, f.path, err, fix)
	}
	if m.Version != metaVersion {
		return empty, fmt.Errorf("%s in %s, the seeds of the saved scenarios, has version %d and this placesim reads version %d: %s",
			metaFile, f.path, m.Version, metaVersion, fix)
	}
	if m.Files == nil {
		m.Files = map[string]savedRun{}
	}
	return m, nil
}

// writeRuns writes the folder's record of saved runs atomically, as write saves a scenario.
// The caller holds f.metaMu.
func (f *folder) writeRuns(m savedRuns) error {
	m.Version = metaVersion
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return f.writeAtomic(metaFile, append(b, '\n'), true)
}

// savedSeed returns the seed recorded for scenario name, and whether one is; a scenario
// without an entry has none, whatever its comments say.
func (f *folder) savedSeed(name string) (uint64, bool, error) {
	file, err := checkName(name)
	if err != nil {
		return 0, false, err
	}
	f.metaMu.Lock()
	defer f.metaMu.Unlock()
	m, err := f.readRuns()
	if err != nil {
		return 0, false, err
	}
	r, ok := m.Files[file]
	return r.Seed, ok && r.Seed != 0, nil
}

// save writes text as scenario name and records how it was run. The record is checked
// first: a record that cannot be read leaves the scenario unsaved. Unless replace is true, a
// file of that name already in the folder (saved meanwhile by another tab, or another
// workspace on the same folder) is left as it is and save returns errExists; but when opened
// is the SHA-256 of the file's text as the page opened it, the file is replaced if its text
// is still that, and left as it is otherwise, with errChanged.
func (f *folder) save(name, text string, run savedRun, replace bool, opened string) error {
	file, err := checkName(name)
	if err != nil {
		return err
	}
	f.metaMu.Lock()
	defer f.metaMu.Unlock()
	m, err := f.readRuns()
	if err != nil {
		return err
	}
	if !replace && opened != "" {
		b, err := f.root.ReadFile(file)
		switch {
		case err == nil && fileSHA256(string(b)) != opened:
			return errChanged
		case err == nil:
			replace = true
		case !errors.Is(err, fs.ErrNotExist):
			return f.saveError(file, err)
		}
	}
	if err := f.writeAtomic(file, []byte(text), replace); err != nil {
		return err
	}
	run.SHA256 = fileSHA256(text)
	m.Files[file] = run
	if err := f.writeRuns(m); err != nil {
		return fmt.Errorf("saved %s but could not record its seed in %s: %w", file, metaFile, err)
	}
	return nil
}

// errExists is the error of a save that would replace a file it was not asked to replace:
// the file is left as it is. The callers name the file and the folder.
var errExists = errors.New("the file already exists")

// errChanged is the error of a save over the file the page opened when the file has changed
// since: another tab or workspace saved it, or it was edited outside. The file is left as it
// is. The callers name the file.
var errChanged = errors.New("the file has changed since it was opened")

// writeAtomic writes b as file in the folder: into a temporary file, synced, then put in
// place in one step, so that a reader sees the old file or the new one and never half of one.
// With replace, the temporary file is renamed over any old one; without, it is linked to the
// name, which fails when the name is taken (then writeAtomic returns errExists), so that of
// two saves of one new name at once only one succeeds. On a file system without hard links
// the name is looked up and renamed to under the folder's lock.
func (f *folder) writeAtomic(file string, b []byte, replace bool) error {
	tmp := fmt.Sprintf(".%s.%d.tmp", file, time.Now().UnixNano())
	w, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return f.saveError(file, err)
	}
	_, err = w.Write(b)
	if err == nil {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil && replace {
		err = f.root.Rename(tmp, file)
	} else if err == nil {
		err = f.placeNew(tmp, file)
	}
	if err != nil {
		f.root.Remove(tmp)
		if errors.Is(err, errExists) {
			return err
		}
		return f.saveError(file, err)
	}
	return nil
}

// placeNew gives the temporary file tmp the name file, which must not be taken, and returns
// errExists when it is.
func (f *folder) placeNew(tmp, file string) error {
	err := f.root.Link(tmp, file)
	switch {
	case err == nil:
		f.root.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return errExists
	}
	// No hard links here: the name is checked and taken under the lock, which keeps this
	// workspace's own saves apart.
	f.nameMu.Lock()
	defer f.nameMu.Unlock()
	if _, err := f.root.Lstat(file); err == nil {
		return errExists
	}
	return f.root.Rename(tmp, file)
}

// saveError says, in plain words, why file could not be saved in the folder: the system's
// error names the temporary file, which means nothing to the user.
func (f *folder) saveError(file string, err error) error {
	return fmt.Errorf("%s could not be saved in %s: %s", file, f.path, whyNotWritten(err))
}

// WhyNotWritten says in plain words why a file could not be written in the workspace's folder,
// from the system's error, without the paths it names: "the folder is on a read-only file
// system".
func WhyNotWritten(err error) string { return whyNotWritten(err) }

// whyNotWritten says in plain words why a file could not be written, from the system's error,
// without the paths it names.
func whyNotWritten(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	switch errno {
	case syscall.EROFS:
		return "the folder is on a read-only file system"
	case syscall.ENOSPC:
		return "its file system is full: free some space"
	case syscall.EDQUOT:
		return "the disk quota is used up: free some space"
	case syscall.EACCES, syscall.EPERM:
		return "the folder does not let the workspace write in it (" + errno.Error() + "): check its permissions, or give serve another --dir"
	}
	return errno.Error()
}
