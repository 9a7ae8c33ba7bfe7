package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNameDoubleExtension checks that a name ending in .yaml twice (default-2.yaml.yaml) is
// refused beside the box: it was answered "Saved as default-2.yaml.yaml" while default-2.yaml
// was written, with name: default-2.yaml in it.
func TestNameDoubleExtension(t *testing.T) {
	for name, want := range map[string]string{
		"default-2.yaml.yaml": `"default-2.yaml.yaml" ends in .yaml.yaml: give the extension once, as default-2.yaml`,
		"x.yml.yaml":          `"x.yml.yaml" ends in .yml.yaml: give the extension once, as x.yaml`,
		"reg.yaml.yml":        `"reg.yaml.yml" ends in .yaml.yml: give the extension once, as reg.yaml`,
		"X.YAML.yml":          `"X.YAML.yml" ends in .YAML.yml: give the extension once, as X.yaml`,
		" p.yaml.YAML ":       `"p.yaml.YAML" ends in .yaml.YAML: give the extension once, as p.yaml`,
	} {
		// The name is quoted as typed and the two extensions as they are: "x.yml.yaml" was
		// said to end in .yml twice, "reg.yaml.yml" quoted as "reg.yaml.yaml".
		if file, err := checkName(name); err == nil || err.Error() != want {
			t.Errorf("checkName(%q) = %q, %v: want %s", name, file, err, want)
		}
	}
	base, _, dir := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "default-2.yaml.yaml", State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
	if sv.Saved != "" || !sv.NameError || sv.Error != `"default-2.yaml.yaml" ends in .yaml.yaml: give the extension once, as default-2.yaml` {
		t.Errorf("save as default-2.yaml.yaml: %+v, want it refused", sv)
	}
	for _, f := range []string{"default-2.yaml", "default-2.yaml.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was written", f)
		}
	}
}

// TestNameRuleWording checks that a name with a letter outside a to z is refused with the
// rule as it is: "letters" alone refused ÄÖ, a name of two letters.
func TestNameRuleWording(t *testing.T) {
	_, err := checkName("ÄÖ")
	if err == nil || err.Error() != `"ÄÖ": a name is letters a to z without accents, digits, dots, dashes and underscores, starting with a letter or digit, at most 80 characters` {
		t.Errorf("checkName(ÄÖ) = %v", err)
	}
}

// TestNameWindowsDevice checks that Save and upload refuse the names Windows keeps for its
// devices, in any capitals and with any extension, saying why: con.yaml was saved, and a folder
// holding it cannot be copied to Windows.
func TestNameWindowsDevice(t *testing.T) {
	base, _, dir := testServer(t)
	for _, name := range []string{"con", "NUL", "Aux", "prn.plan", "com1", "LPT9", "con.yaml"} {
		var sv saveResponse
		post(t, base, "/api/save", saveRequest{Name: name, State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
		if sv.Saved != "" || !sv.NameError || !strings.Contains(sv.Error, "is the name of a device on Windows") {
			t.Errorf("save as %s: %+v, want it refused", name, sv)
		}
	}
	var up saveResponse
	post(t, base, "/api/upload", uploadRequest{Name: "com3.yaml", Text: "name: x\nextends: default\n"}, &up)
	if up.Saved != "" || !strings.Contains(up.Error, `"com3.yaml": com3 is the name of a device on Windows`) {
		t.Errorf("upload as com3.yaml: %+v, want it refused", up)
	}
	for _, name := range []string{"console", "com10", "lpt", "nul-plan", "aux_2", "com0x"} {
		var sv saveResponse
		post(t, base, "/api/save", saveRequest{Name: name, State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
		if sv.Saved == "" {
			t.Errorf("save as %s: %+v, want it saved", name, sv)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := reservedName(strings.TrimSuffix(e.Name(), ".yaml")); err != nil {
			t.Errorf("%s was written", e.Name())
		}
	}
}
