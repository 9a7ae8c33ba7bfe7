package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSaveRefusesANameDifferingInCapitals checks that Save and upload refuse a name that
// differs from a file in the folder in capitals alone (Commission beside commission.yaml), which
// Windows and macOS take for the same file; once it was saved beside it.
func TestSaveRefusesANameDifferingInCapitals(t *testing.T) {
	base, _, dir := testServer(t)
	if err := os.WriteFile(filepath.Join(dir, "commission.yaml"), []byte("name: commission\nextends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "Commission", State: wsState{Tab: "c", Base: "default", Values: map[string]string{}}}, &sv)
	if sv.Saved != "" || !strings.Contains(sv.Error, "commission.yaml is in the folder already, and Commission.yaml differs from it in capitals alone") {
		t.Errorf("save as Commission: %+v, want it refused", sv)
	}
	var up saveResponse
	post(t, base, "/api/upload", uploadRequest{Name: "COMMISSION", Text: "name: COMMISSION\nextends: default\n"}, &up)
	if up.Saved != "" || !strings.Contains(up.Error, "differs from it in capitals alone") {
		t.Errorf("upload as COMMISSION: %+v, want it refused", up)
	}
	if _, err := os.Stat(filepath.Join(dir, "Commission.yaml")); err == nil {
		t.Error("Commission.yaml was written")
	}
	var same saveResponse
	post(t, base, "/api/save", saveRequest{Name: "commission", Overwrite: true, State: wsState{Tab: "c", Base: "default", Values: map[string]string{}}}, &same)
	if same.Saved == "" {
		t.Errorf("save over commission.yaml by its own name: %+v", same)
	}
}

// TestUploadNameAsSave checks that an upload whose name: is longer than Save's Name box takes
// (80 characters) is refused, naming the file, line and field: it was taken at 300.
func TestUploadNameAsSave(t *testing.T) {
	base, _, _ := testServer(t)
	long := strings.Repeat("a", 300)
	var up saveResponse
	post(t, base, "/api/upload", uploadRequest{Name: "longname", Text: "extends: default\nname: " + long + "\n"}, &up)
	if up.Saved != "" || up.Error != "longname.yaml:2:7: name: 300 characters; a scenario's name is at most 80, as Save takes it: shorten it" {
		t.Errorf("upload of a 300-character name: %+v", up)
	}
	var ok saveResponse
	post(t, base, "/api/upload", uploadRequest{Name: "shortname", Text: "name: " + strings.Repeat("b", 80) + "\nextends: default\n"}, &ok)
	if ok.Saved == "" {
		t.Errorf("upload of an 80-character name: %+v", ok)
	}
}

// TestNameExtensionInCapitals checks that .yaml or .yml in any capitals is taken for the
// file's extension: saving as blk.YAML was saved as blk.YAML.yaml, and Brom18.YAML uploaded
// beside brom18.yaml slipped past the capitals check as Brom18.YAML.yaml.
func TestNameExtensionInCapitals(t *testing.T) {
	for name, want := range map[string]string{"blk.YAML": "blk.yaml", "blk.Yml": "blk.yaml", "blk.yaml ": "blk.yaml", "Plan.YAML": "Plan.yaml"} {
		if file, err := checkName(name); err != nil || file != want {
			t.Errorf("checkName(%q) = %q, %v, want %s", name, file, err, want)
		}
	}
	base, _, dir := testServer(t)
	if err := os.WriteFile(filepath.Join(dir, "brom18.yaml"), []byte("name: brom18\nextends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var up saveResponse
	post(t, base, "/api/upload", uploadRequest{Name: "Brom18.YAML", Text: "name: zz\nextends: default\n"}, &up)
	if up.Saved != "" || !strings.Contains(up.Error, "brom18.yaml is in the folder already, and Brom18.yaml differs from it in capitals alone") {
		t.Errorf("upload as Brom18.YAML: %+v, want it refused", up)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "blk.YAML", State: wsState{Tab: "c", Base: "default", Values: map[string]string{}}}, &sv)
	if sv.Saved != "blk.yaml" {
		t.Errorf("save as blk.YAML: %+v, want blk.yaml", sv)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".YAML") {
			t.Errorf("%s was written", e.Name())
		}
	}
}
