package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExtendsCyclesEnd checks that every reading of a folder whose extends go round, through a
// misspelt name whose nearest match leads back or not, and a chain longer than maxExtends,
// ends, and soon: loading, validating, telling region from scenario (IsRegion, IsScenario,
// IsRegionFS, as the workspace lists a folder) and the suggestion for the name not there.
func TestExtendsCyclesEnd(t *testing.T) {
	long := map[string]string{}
	for i := range maxExtends + 8 {
		long[fmt.Sprintf("c%02d.yaml", i)] = fmt.Sprintf("name: c%02d\nextends: c%02d.yaml\n", i, i+1)
	}
	long[fmt.Sprintf("c%02d.yaml", maxExtends+8)] = "name: last\nextends: c00.yml\n"
	cases := map[string]map[string]string{
		"self":                 {"f.yaml": "name: f\nextends: f.yaml\n"},
		"self misspelt":        {"f.yaml": "name: f\nextends: f.yml\n"},
		"two":                  {"f.yaml": "name: f\nextends: g.yaml\n", "g.yaml": "name: g\nextends: f.yaml\n"},
		"two misspelt":         {"f.yaml": "name: f\nextends: g.yaml\n", "g.yaml": "name: g\nextends: f.yml\n"},
		"two misspelt region":  {"f.yaml": "name: f\nextends: g.yaml\ncouncils: {}\n", "g.yaml": "name: g\nextends: f.yml\n"},
		"two misspelt councls": {"f.yaml": "name: f\nextends: g.yaml\ncouncls: {}\n", "g.yaml": "name: g\nextends: f.yml\ncouncls: {}\n"},
		"three":                {"f.yaml": "extends: g.yaml\n", "g.yaml": "extends: h.yaml\n", "h.yaml": "extends: f.yaml\n"},
		"three misspelt":       {"f.yaml": "extends: g.yaml\n", "g.yaml": "extends: h.yaml\n", "h.yaml": "extends: f.yml\n"},
		"three misspelt years": {"f.yaml": "extends: g.yaml\nyears: 2\n", "g.yaml": "extends: h.yaml\n", "h.yaml": "extends: f.yml\n"},
		"long":                 long,
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, files)
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			done := make(chan string, 1)
			go func() {
				var msgs []string
				for f := range files {
					if name == "long" && f != "c00.yaml" {
						continue // the others are the same chain, shorter
					}
					p := filepath.Join(dir, f)
					IsRegion(p)
					IsScenario(p)
					IsRegionFS(root.FS(), f)
					if err := Validate(p); err != nil {
						msgs = append(msgs, err.Error())
					}
					if _, err := LoadRegion(p, nil); err != nil {
						msgs = append(msgs, err.Error())
					}
					if r, err := root.Open(f); err == nil && name != "long" { // long: as Validate
						if _, err := ParseFS(r, root.FS(), f, nil); err != nil {
							msgs = append(msgs, err.Error())
						}
						r.Close()
					}
				}
				done <- strings.Join(msgs, "\n")
			}()
			select {
			case msgs := <-done:
				if !strings.Contains(msgs, "extends") {
					t.Errorf("no error names the extends:\n%s", msgs)
				}
			case <-time.After(3 * time.Second):
				t.Fatal("reading the files has not ended after 3 s")
			}
		})
	}
}

// TestNearBaselineAcrossCycle checks that the suggestion for a misspelt extends still names
// the file beside it that its nearest match is, when that file's extends leads back.
func TestNearBaselineAcrossCycle(t *testing.T) {
	dir := writeFiles(t, map[string]string{"f.yaml": "name: f\nextends: g.yaml\n", "g.yaml": "name: g\nextends: f.yml\n"})
	_, err := Load(filepath.Join(dir, "g.yaml"), nil)
	wantErr(t, err, `no file "f.yml"`, "did you mean f.yaml?")
}

// TestNearBaselineRegion checks that a misspelt built-in region in the extends of a file that
// gives only a name, which may be a region's, is suggested as a built-in scenario is.
func TestNearBaselineRegion(t *testing.T) {
	dir := writeFiles(t, map[string]string{"b.yaml": "name: b\nextends: south-eats\n", "d.yaml": "name: d\nextends: defualt\n"})
	_, err := Load(filepath.Join(dir, "b.yaml"), nil)
	wantErr(t, err, `no file "south-eats"`, "did you mean south-east, a built-in region?")
	_, err = Load(filepath.Join(dir, "d.yaml"), nil)
	wantErr(t, err, `no file "defualt"`, "did you mean default?)")
}
