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

// TestNearBaselineNoCycle checks that the suggestion for an extends that names no file never
// names a file that would make a cycle: one that extends the file back, itself (f.yaml, which
// extends g.yaml, for g.yaml's f.yml) or through others; and that an extends written without
// .yaml, as a built-in's name is, is suggested the file of that name with .yaml (b for
// b.yaml). Each is checked as validate reads a file and as the workspace reads its folder.
func TestNearBaselineNoCycle(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		file  string
		want  string // the suggestion, or "" for none
	}{
		{"back through itself", map[string]string{"f.yaml": "name: f\nextends: g.yaml\n", "g.yaml": "name: g\nextends: f.yml\n"}, "g.yaml", ""},
		{"back through another", map[string]string{"a.yaml": "name: a\nextends: a.yml\n", "b.yaml": "name: b\nextends: a.yaml\n"}, "a.yaml", ""},
		{"back through two others", map[string]string{"f.yaml": "extends: g.yaml\n", "g.yaml": "extends: h.yaml\n", "h.yaml": "extends: f.yml\n"}, "h.yaml", ""},
		{"without .yaml, back", map[string]string{"a.yaml": "name: a\nextends: b\n", "b.yaml": "name: b\nextends: a.yaml\n"}, "a.yaml", ""},
		{"without .yaml", map[string]string{"a.yaml": "name: a\nextends: b\n", "b.yaml": "name: b\nextends: default\n"}, "a.yaml", "b.yaml"},
		{"without .yaml, misspelt", map[string]string{"a.yaml": "name: a\nextends: my-bsae\n", "my-base.yaml": "name: b\nextends: default\n"}, "a.yaml", "my-base.yaml"},
		{"with .yml", map[string]string{"a.yaml": "name: a\nextends: b.yml\n", "b.yaml": "name: b\nextends: default\n"}, "a.yaml", "b.yaml"},
		{"a chain that does not lead back", map[string]string{"a.yaml": "name: a\nextends: b.yml\n", "b.yaml": "name: b\nextends: c.yaml\n", "c.yaml": "extends: default\n"}, "a.yaml", "b.yaml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			_, err = Load(filepath.Join(dir, tt.file), nil)
			r, ferr := root.Open(tt.file)
			if ferr != nil {
				t.Fatal(ferr)
			}
			defer r.Close()
			_, ferr = ParseFS(r, root.FS(), tt.file, nil)
			for _, err := range []error{err, ferr} {
				if err == nil {
					t.Fatal("no error")
				}
				if got, want := err.Error(), "did you mean "+tt.want+"?"; tt.want != "" && !strings.Contains(got, want) {
					t.Errorf("error does not suggest %s:\n%v", tt.want, got)
				} else if tt.want == "" && strings.Contains(got, "did you mean") {
					t.Errorf("error suggests a file that would make a cycle:\n%v", got)
				}
			}
		})
	}
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

// TestNearBaselineRegionLists checks that an extends whose suggestion is a built-in region
// lists the built-in regions beside the scenarios (it listed only the scenarios), and one whose
// suggestion is a scenario does not; and that a built-in region's long name shortened word by
// word ("regional-coop") is suggested, as a name one edit out is.
func TestNearBaselineRegionLists(t *testing.T) {
	dir := writeFiles(t, map[string]string{"b.yaml": "name: b\nextends: south-eastt\n", "d.yaml": "name: d\nextends: defualt\n"})
	_, err := Load(filepath.Join(dir, "b.yaml"), nil)
	wantErr(t, err, "did you mean south-east, a built-in region?", "; built-in regions: england, ")
	_, err = Load(filepath.Join(dir, "d.yaml"), nil)
	if err == nil || strings.Contains(err.Error(), "built-in regions") {
		t.Errorf("defualt: %v, want the built-in scenarios only", err)
	}
	for _, ref := range []string{"regional-care-coop", "regional-coop", "Regional-Coop"} {
		_, err := Load(ref, nil)
		wantErr(t, err, ref+": no such file", "(did you mean regional-care-cooperative, a built-in region?)")
	}
	for _, ref := range []string{"re", "regional-x", "care-coop"} {
		if got := abbreviatedRegion(ref); got != "" {
			t.Errorf("abbreviatedRegion(%q) = %q, want none", ref, got)
		}
	}
}
