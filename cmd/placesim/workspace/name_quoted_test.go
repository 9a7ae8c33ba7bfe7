package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNameQuotedAsTyped checks that a refused name is quoted as it was typed, extension and
// all, and that a space before the extension is refused as a space elsewhere is: con.yaml was
// quoted as "con", nul .yaml as "nul", and plan .yaml was saved as plan.yaml.
func TestNameQuotedAsTyped(t *testing.T) {
	base, _, dir := testServer(t)
	for _, c := range []struct{ name, want string }{
		{"con.yaml", `"con.yaml": con is the name of a device on Windows, which cannot hold a file of that name (with any extension); save under another name, such as con-plan`},
		{"Con.plan", `"Con.plan": Con is the name of a device on Windows, which cannot hold a file of that name (with any extension); save under another name, such as Con-plan`},
		{" lpt1.YML ", `"lpt1.YML": lpt1 is the name of a device on Windows, which cannot hold a file of that name (with any extension); save under another name, such as lpt1-plan`},
		{"nul .yaml", `"nul .yaml": ` + nameRule},
		{"plan .yaml", `"plan .yaml": ` + nameRule},
		{"a b", `"a b": ` + nameRule},
	} {
		t.Run(c.name, func(t *testing.T) {
			var sv saveResponse
			post(t, base, "/api/save", saveRequest{Name: c.name, State: wsState{Tab: "w", Values: map[string]string{"approvals": "+12"}}}, &sv)
			if sv.Error != c.want || !sv.NameError {
				t.Errorf("save as %q: %+v\nwant error %q", c.name, sv, c.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "plan.yaml")); err == nil {
		t.Error(`"plan .yaml" was saved as plan.yaml`)
	}
}
