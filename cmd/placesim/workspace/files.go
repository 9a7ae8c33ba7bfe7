package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/placesim/placesim/scenarios"
)

// The workspace's scenario files live in one folder, opened as an os.Root: a name can never
// reach outside it, through "..", an absolute path or a symbolic link.

// fileName matches a scenario's name as the workspace saves it: letters, digits, dots, dashes
// and underscores, starting with a letter or digit. Dots are allowed anywhere after the
// first character, two together ("r..", saved as r...yaml) as much as one at the end
// ("plan.", saved as plan..yaml): with no slash and a letter or digit first, a name is never a
// path out of the folder, which the folder's os.Root refuses besides.
var fileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$`)

// checkName returns the file name of a scenario called name ("my-plan" is my-plan.yaml), or
// an error saying why it cannot be used. A name that ends in .yaml or .yml, in any capitals
// ("Plan.YAML"), is the file's name with its extension, which is saved as .yaml.
//
// A name that still ends in .yaml or .yml once its extension is taken off
// ("default-2.yaml.yaml") is refused: its file's name would be read back as another
// scenario's (default-2.yaml is scenario default-2), so that it would be saved over that one.
//
// Spaces around the whole name are dropped; a space before the extension ("plan .yaml") is
// refused as a space anywhere else in the name is, and a refused name is quoted as typed.
func checkName(name string) (string, error) {
	typed := strings.TrimSpace(name)
	name = stemOf(typed)
	switch {
	case name == "":
		return "", errors.New("give the scenario a name")
	case !fileName.MatchString(name):
		return "", fmt.Errorf("%q: %s", typed, nameRule)
	case stemOf(name) != name:
		// The two extensions as typed (.yml.yaml, .YAML.yml), and the name with one of them.
		return "", fmt.Errorf("%q ends in %s: give the extension once, as %s.yaml", typed, typed[len(stemOf(name)):], stemOf(name))
	}
	return name + ".yaml", nil
}

// nameRule is the rule fileName applies, as a refused name is told it.
const nameRule = "a name is letters a to z without accents, digits, dots, dashes and underscores, starting with a letter or digit, at most 80 characters"

// reservedName says why name cannot be a file's name on Windows when it is one of the names
// Windows keeps for its devices (con, prn, aux, nul, com1 to com9, lpt1 to lpt9, in any
// capitals), before its first dot: Windows opens the device for con.yaml or con.plan.yaml, so
// that a folder holding one could not be copied there. name is quoted as typed, with its
// extension if it has one ("con.yaml").
func reservedName(name string) error {
	name = strings.TrimSpace(name)
	dev, _, _ := strings.Cut(stemOf(name), ".")
	d := strings.ToLower(dev)
	switch {
	case d == "con" || d == "prn" || d == "aux" || d == "nul",
		len(d) == 4 && (d[:3] == "com" || d[:3] == "lpt") && d[3] >= '1' && d[3] <= '9':
		return fmt.Errorf("%q: %s is the name of a device on Windows, which cannot hold a file of that name (with any extension); save under another name, such as %s-plan", name, dev, dev)
	}
	return nil
}

// stemOf returns file's name without its extension, .yaml or .yml in any capitals
// ("Plan.YAML" is Plan), or file as it is when it has neither.
func stemOf(file string) string {
	for _, ext := range []string{".yaml", ".yml"} {
		if n := len(file) - len(ext); n >= 0 && strings.EqualFold(file[n:], ext) {
			return file[:n]
		}
	}
	return file
}

// folder is the workspace's folder of scenario files.
type folder struct {
	root *os.Root
	path string
	// metaMu is held while the record of saved runs (metaFile) is read and written.
	metaMu sync.Mutex
	// nameMu is held while a new file's name is checked and taken where hard links are not
	// offered (see placeNew).
	nameMu sync.Mutex
}

// openFolder opens dir.
func openFolder(dir string) (*folder, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &folder{root: r, path: dir}, nil
}

// list returns the names of the scenario files in the folder, sorted: region files are
// listed by regions.
func (f *folder) list() ([]string, error) { return f.listOf(false) }

// regions returns the names of the region files in the folder, sorted.
func (f *folder) regions() ([]string, error) { return f.listOf(true) }

// listOf returns the names of the folder's region files, or of its other scenario files.
func (f *folder) listOf(regions bool) ([]string, error) {
	entries, err := fs.ReadDir(f.root.FS(), ".")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".yaml") && fileName.MatchString(e.Name()) &&
			!doubled(e.Name()) && scenarios.IsRegionFS(f.root.FS(), e.Name()) == regions {
			out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
		}
	}
	slices.Sort(out)
	return out, nil
}

// doubled reports whether file ends in .yaml or .yml twice (x.yaml.yaml): its name without
// the extension would be read as another file's (x.yaml is x), so the workspace neither lists
// nor opens it, and says so (unlisted).
func doubled(file string) bool { return stemOf(stemOf(file)) != stemOf(file) }

// unlisted says which files of the folder the workspace does not list because their names
// end in .yaml twice, and how to open them, or "" when there are none.
func (f *folder) unlisted() string {
	entries, err := fs.ReadDir(f.root.FS(), ".")
	if err != nil {
		return ""
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".yaml") && fileName.MatchString(e.Name()) && doubled(e.Name()) {
			files = append(files, e.Name())
		}
	}
	switch len(files) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%s is in the folder but not listed: its name ends in %s twice, so it would be taken for %s; rename it %s to open it here",
			files[0], files[0][len(stemOf(files[0])):], stemOf(files[0]), stemOf(files[0]))
	}
	return fmt.Sprintf("%s are in the folder but not listed: their names end in .yaml twice, so each would be taken for the file without its last .yaml; rename each with .yaml once to open it here",
		strings.Join(files, ", "))
}

// caseTwin returns the file of the folder whose name differs from name.yaml in capitals alone
// ("commission.yaml" for "Commission"), or "": Windows and macOS take the two for one file, so
// that a folder holding both would open as another on them.
func (f *folder) caseTwin(name string) string {
	entries, err := fs.ReadDir(f.root.FS(), ".")
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if file := name + ".yaml"; e.Name() != file && strings.EqualFold(e.Name(), file) {
			return e.Name()
		}
	}
	return ""
}

// read returns the text of scenario name.
func (f *folder) read(name string) (string, error) {
	file, err := checkName(name)
	if err != nil {
		return "", err
	}
	return f.readFile(file)
}

// readFile returns the text of the file at path file of the folder ("cal.yaml",
// "councils/cal.yaml"), which the folder's root never follows out of it.
func (f *folder) readFile(file string) (string, error) {
	b, err := f.root.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("there is no scenario %s in %s", file, f.path)
		}
		if fi, lerr := f.root.Lstat(file); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 && !errors.Is(err, syscall.ELOOP) {
			// The folder's root refuses to follow it out ("path escapes from parent").
			return "", fmt.Errorf("%s is a link to a file outside the workspace's folder %s: the workspace reads only files inside it; put a copy of the file in the folder instead", file, f.path)
		}
		return "", err
	}
	return string(b), nil
}

// exists reports whether scenario name is saved.
func (f *folder) exists(name string) bool {
	file, err := checkName(name)
	if err != nil {
		return false
	}
	_, err = f.root.Stat(file)
	return err == nil
}

// write saves text as scenario name atomically: into a temporary file in the folder, synced,
// then put in place, so that a reader sees the old file or the new one and never half of
// one. Unless replace is true, a file of that name is left as it is and write returns
// errExists.
func (f *folder) write(name, text string, replace bool) error {
	file, err := checkName(name)
	if err != nil {
		return err
	}
	return f.writeAtomic(file, []byte(text), replace)
}
