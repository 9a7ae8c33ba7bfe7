package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// secret is a key in a file outside the folder: no error may ever show it.
const secret = "secret_token_7f3a"

// folderFixture writes a folder of scenario files with a file beside it, outside, and
// returns the folder opened as an os.Root and the path of the outside file.
func folderFixture(t *testing.T) (*os.Root, string) {
	t.Helper()
	top := writeFiles(t, map[string]string{
		"outside.yaml":           base + secret + ": 1\n",
		"folder/base.yaml":       base,
		"folder/sub/child.yaml":  "extends: ../base.yaml\nyears: 4\n",
		"folder/typo.yaml":       "extends: base.yaml\ncolour: red\n",
		"folder/huge.yaml":       "# " + strings.Repeat("x", maxFileBytes) + "\n" + base,
		"folder/sub/escape.yaml": "extends: ../../outside.yaml\n",
		"folder/notes.txt":       secret + ": 1\n",
		"folder/.env":            secret + "=1\n",
	})
	outside := filepath.Join(top, "outside.yaml")
	if err := os.Symlink(outside, filepath.Join(top, "folder", "link.yaml")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	root, err := os.OpenRoot(filepath.Join(top, "folder"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root, outside
}

// TestParseFSConfinesExtends reads scenarios through a folder: an extends that reaches
// outside it is refused with the extending file's name, line and field, and never shows the
// outside file's content; one inside it, or a built-in name, is followed.
func TestParseFSConfinesExtends(t *testing.T) {
	root, outside := folderFixture(t)
	refused := []struct {
		name, text string
	}{
		{"parent directory", "extends: ../outside.yaml\n"},
		{"absolute path", "extends: " + outside + "\n"},
		{"absolute system file", "extends: /etc/passwd\n"},
		{"down and back up", "extends: sub/../../outside.yaml\n"},
		{"symbolic link out", "extends: link.yaml\n"},
		{"through a file in the folder", "extends: sub/escape.yaml\n"},
		{"backslash", "extends: ..\\outside.yaml\n"},
		{"a file in the folder that is not a scenario", "extends: notes.txt\n"},
		{"a hidden file in the folder", "extends: .env\n"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFS(strings.NewReader("name: plan\n"+tt.text), root.FS(), "plan.yaml", nil)
			if err == nil {
				t.Fatal("an extends outside the folder was followed")
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "root:") {
				t.Fatalf("the error shows the content of a file outside the folder:\n%v", err)
			}
			var se *Error
			if !errors.As(err, &se) || se.Field != "extends" || se.Line == 0 {
				t.Errorf("error %v: want one at a line of a file in the folder, on extends", err)
			}
			if se != nil && se.File != "plan.yaml" && se.File != "sub/escape.yaml" {
				t.Errorf("error names %q: want the file in the folder that extends", se.File)
			}
		})
	}
	followed := []struct {
		name, text string
		years      int
	}{
		{"file in the folder", "extends: base.yaml\n", 5},
		{"file in a subfolder, which extends its parent", "extends: sub/child.yaml\n", 4},
		{"built-in scenario", "extends: default\n", 10},
	}
	for _, tt := range followed {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseFS(strings.NewReader("name: plan\n"+tt.text), root.FS(), "plan.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Years != tt.years {
				t.Errorf("years %d, want %d from the file extended", s.Years, tt.years)
			}
		})
	}
	t.Run("problems inside the folder keep their place", func(t *testing.T) {
		_, err := ParseFS(strings.NewReader("extends: typo.yaml\n"), root.FS(), "plan.yaml", nil)
		wantErr(t, err, "typo.yaml:2:1: colour:")
	})
	t.Run("a huge file", func(t *testing.T) {
		_, err := ParseFS(strings.NewReader("extends: huge.yaml\n"), root.FS(), "plan.yaml", nil)
		wantErr(t, err, "plan.yaml:1:10: extends: huge.yaml is", "at most 4194304")
	})
	t.Run("no such file", func(t *testing.T) {
		_, err := ParseFS(strings.NewReader("extends: nosuch.yaml\n"), root.FS(), "plan.yaml", nil)
		wantErr(t, err, `no file "nosuch.yaml" in the scenario's folder`)
	})
	t.Run("a name outside the folder", func(t *testing.T) {
		if _, err := ParseFS(strings.NewReader(base), root.FS(), "../plan.yaml", nil); err == nil {
			t.Error("a scenario named outside its folder was read")
		}
	})
}

// TestParseReadsBesideTheFile keeps the command line's rule: a file extends files relative
// to itself, wherever they are.
func TestParseReadsBesideTheFile(t *testing.T) {
	_, outside := folderFixture(t)
	plan := filepath.Join(filepath.Dir(outside), "folder", "plan.yaml")
	_, err := Parse(strings.NewReader("extends: ../outside.yaml\n"), plan, nil)
	wantErr(t, err, "outside.yaml", secret)
}

// TestInsideFolder checks the rule that decides, before anything is read, whether an extends
// stays inside the folder.
func TestInsideFolder(t *testing.T) {
	tests := []struct {
		dir, ref, want string
		ok             bool
	}{
		{".", "base.yaml", "base.yaml", true},
		{".", "./base.yaml", "base.yaml", true},
		{".", "sub/base.yaml", "sub/base.yaml", true},
		{"sub", "../base.yaml", "base.yaml", true},
		{"sub", "deeper/../base.yaml", "sub/base.yaml", true},
		{".", "../base.yaml", "", false},
		{"sub", "../../base.yaml", "", false},
		{".", "sub/../../base.yaml", "", false},
		{".", "/etc/passwd", "", false},
		{"sub", "/base.yaml", "", false},
		{".", `..\base.yaml`, "", false},
		{".", `C:\base.yaml`, "", false},
		{".", "base.yaml\x00", "", false},
		{".", "..", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.dir+" "+tt.ref, func(t *testing.T) {
			got, ok := insideFolder(tt.dir, tt.ref)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("insideFolder(%q, %q) = %q, %v; want %q, %v", tt.dir, tt.ref, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestParseFSAnyFolder reads through an fs.FS that is not an os.Root, and finds a cycle of
// extends inside the folder as Parse does on disk.
func TestParseFSAnyFolder(t *testing.T) {
	folder := fstest.MapFS{
		"base.yaml":     {Data: []byte(base)},
		"plans/a.yaml":  {Data: []byte("extends: ../base.yaml\nyears: 3\n")},
		"loop/a.yaml":   {Data: []byte("extends: b.yaml\n")},
		"loop/b.yaml":   {Data: []byte("extends: a.yaml\n")},
		"plans/up.yaml": {Data: []byte("extends: ../../base.yaml\n")},
	}
	s, err := ParseFS(strings.NewReader("extends: plans/a.yaml\n"), folder, "plan.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Years != 3 || s.Entries.PerYear != 100 || s.Name != "plan" {
		t.Errorf("years %d, entries %v, name %q: want 3 from plans/a.yaml, 100 from base.yaml, plan", s.Years, s.Entries.PerYear, s.Name)
	}
	_, err = ParseFS(strings.NewReader("extends: loop/a.yaml\n"), folder, "plan.yaml", nil)
	wantErr(t, err, "cycle of extends: loop/a.yaml extends loop/b.yaml extends loop/a.yaml")
	_, err = ParseFS(strings.NewReader("extends: plans/up.yaml\n"), folder, "plan.yaml", nil)
	wantErr(t, err, `plans/up.yaml:1:10: extends: "../../base.yaml" is outside the scenario's folder`)
}

// FuzzInsideFolder checks that whatever an extends says, a path accepted as inside the folder
// is one fs.FS accepts and never climbs out of it.
func FuzzInsideFolder(f *testing.F) {
	for _, ref := range []string{"base.yaml", "../x.yaml", "/etc/passwd", "a/../../b", `..\x`, "./a/./b.yaml", "a//b"} {
		f.Add("sub", ref)
	}
	f.Fuzz(func(t *testing.T, dir, ref string) {
		if !fs.ValidPath(dir) || strings.ContainsAny(dir, "\\\x00") {
			return // the directory of a file read through the folder: valid, as its extends were
		}
		p, ok := insideFolder(dir, ref)
		if !ok {
			return
		}
		if !fs.ValidPath(p) || p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) || strings.ContainsAny(p, "\\\x00") {
			t.Errorf("insideFolder(%q, %q) = %q, accepted", dir, ref, p)
		}
	})
}
