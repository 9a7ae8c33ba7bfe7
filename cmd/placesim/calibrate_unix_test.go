//go:build unix

package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestCalibrateOutNotAFile calibrates with --out, or the data-quality report beside it, naming
// something that is not a regular file: placesim must refuse it (exit status 2) and leave it as
// it was, rather than put a file in its place (as root, a device such as /dev/full).
func TestCalibrateOutNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "r.quality.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.yaml")
	writeFiles(t, dir, map[string]string{"target.yaml": "mine\n"})
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.md")
	writeFiles(t, dir, map[string]string{"notes.md": "mine\n"})
	if err := os.Symlink(notes, filepath.Join(dir, "l.quality.md")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, out, want string
	}{
		{"named pipe", fifo, "placesim calibrate: --out " + fifo + " is a named pipe, where placesim would write a file of its own in its place: name another --out\n"},
		{"report a named pipe", filepath.Join(dir, "r.yaml"), "placesim calibrate: the data-quality report " + filepath.Join(dir, "r.quality.md") + " is a named pipe, where placesim would write a file of its own in its place: name another --out\n"},
		{"symbolic link", link, "placesim calibrate: --out " + link + " is a symbolic link to " + target + ": placesim would replace the link with a file; name " + target + " itself, or another --out\n"},
		// Naming the report's target would write the scenario into it: only another --out helps.
		{"report a symbolic link", filepath.Join(dir, "l.yaml"), "placesim calibrate: the data-quality report " + filepath.Join(dir, "l.quality.md") + " is a symbolic link to " + notes + ": placesim would replace the link with a file; name another --out\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := placesim(t, slices.Concat([]string{"calibrate"}, sampleArgs(t, "la-sample", "*-"), []string{"--out", tc.out, "-q"})...)
			want := tc.want + "Run 'placesim calibrate --help' for usage.\n"
			if o.code != exitUsage || o.stderr != want {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", o.code, o.stderr, exitUsage, want)
			}
			for _, p := range []string{fifo, filepath.Join(dir, "r.quality.md"), link, filepath.Join(dir, "l.quality.md")} {
				if st, err := os.Lstat(p); err != nil || st.Mode().IsRegular() {
					t.Errorf("%s was replaced with a file", p)
				}
			}
		})
	}
}

// TestCalibrateReadOnlyFolder calibrates into a folder on a read-only file system: placesim
// says so in the words run uses, without the path of a temporary folder or the system's words.
func TestCalibrateReadOnlyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mountReadOnly(dir); err != nil {
		t.Skipf("cannot mount a read-only file system here to test with: %v", err)
	}
	t.Cleanup(func() { unmount(dir) })
	out := filepath.Join(dir, "c.yaml")
	o := placesim(t, slices.Concat([]string{"calibrate"}, sampleArgs(t, "la-sample", "*-"), []string{"--out", out, "--population", "60000", "-q"})...)
	want := "placesim: writing " + out + " and " + filepath.Join(dir, "c.quality.md") + ": its file system is read-only: nothing was changed; give --out a folder on another file system\n"
	if o.code != exitFailure || withoutStale(o.stderr) != want {
		t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", o.code, o.stderr, exitFailure, want)
	}
}

// TestCalibrateOutNoFolder calibrates with an --out whose folder is a file, or one where no
// file can be made (/proc): placesim says so in plain words, as run does, without the
// system's words or the name of a temporary folder.
func TestCalibrateOutNoFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.yaml": "mine\n"})
	afile := filepath.Join(dir, "ok.yaml")
	tests := []struct {
		name, out, want string
		code            int
	}{
		{"in a file", filepath.Join(afile, "x.yaml"),
			"placesim calibrate: --out " + filepath.Join(afile, "x.yaml") + ": " + afile + " is a file, not a folder: give --out a path inside a folder\nRun 'placesim calibrate --help' for usage.\n", exitUsage},
		{"deeper in a file", filepath.Join(afile, "a", "x.yaml"),
			"placesim calibrate: --out " + filepath.Join(afile, "a", "x.yaml") + ": " + afile + " is a file, not a folder: give --out a path inside a folder\nRun 'placesim calibrate --help' for usage.\n", exitUsage},
	}
	if err := os.Mkdir("/proc/.placesim-probe", 0o755); errors.Is(err, syscall.ENOENT) {
		tests = append(tests, struct {
			name, out, want string
			code            int
		}{"where nothing can be made", "/proc/x.yaml",
			"placesim: writing /proc/x.yaml and /proc/x.quality.md: placesim cannot make a folder or file there (no such file or directory): nothing was changed; give another --out\n", exitFailure})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := placesim(t, slices.Concat([]string{"calibrate"}, sampleArgs(t, "la-sample", "*-"), []string{"--out", tc.out, "--population", "60000", "-q"})...)
			if o.code != tc.code || withoutStale(o.stderr) != tc.want {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", o.code, o.stderr, tc.code, tc.want)
			}
		})
	}
}
