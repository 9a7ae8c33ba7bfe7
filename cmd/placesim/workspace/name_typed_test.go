package workspace

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDoubledFileNotListed checks that a file of the folder whose name ends in .yaml twice is
// not listed under another's name, and that the pages say why it is not listed: x.yaml.yaml
// was listed as x.yaml, which opens x.yaml.
func TestDoubledFileNotListed(t *testing.T) {
	base, _, dir := testServer(t)
	for _, f := range []string{"x.yaml.yaml", "y.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("name: x\nextends: default\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, base+"/")
	if strings.Contains(page, `<option value="x.yaml"`) {
		t.Error("x.yaml.yaml is listed as x.yaml")
	}
	want := "x.yaml.yaml is in the folder but not listed: its name ends in .yaml twice, so it would be taken for x.yaml; rename it x.yaml to open it here."
	mustContain(t, "scenario page", page, `<option value="y"`, want)
	_, page = get(t, base+"/compare")
	mustContain(t, "compare page", page, want)
	_, page = get(t, base+"/regions")
	mustContain(t, "regions page", page, want)
}

// TestDeviceNameAsTyped checks that a Windows device's name is said beside the name box as it
// is typed, as the other name rules are, in the words Save refuses it in: it was said only at
// Save.
func TestDeviceNameAsTyped(t *testing.T) {
	base, _, _ := regionServer(t)
	_, page := get(t, base+"/?name=con")
	mustContain(t, "scenario page named con", page, `aria-invalid="true"></label>`,
		`<p id="name-error" class="msg error" aria-live="polite">&#34;con&#34;: con is the name of a device on Windows`)
	_, page = get(t, base+"/region?r=two-counties.yaml&name=lpt1")
	mustContain(t, "region page named lpt1", page,
		`<p id="saveas-error" class="msg error" aria-live="polite">&#34;lpt1&#34;: lpt1 is the name of a device on Windows`)

	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("no node on PATH: names.js not run")
		return
	}
	src, err := fs.ReadFile(webFS, "web/static/names.js")
	if err != nil {
		t.Fatal(err)
	}
	typed := []string{"con", "nul.yaml", "COM1", "lpt1.YAML", " aux.plan.yml ", "Prn.plan", "console", "com10", "lpt", "nul-plan", "com0", "plan", "", "nul .yaml", "con .plan.yml", "Con.plan"}
	got := namesJS(t, node, string(src), "", "window.placesimReservedName(n)", typed)
	for i, n := range typed {
		want := ""
		if file, err := checkName(n); err == nil {
			if err := reservedName(n); err != nil && file != "" {
				want = err.Error()
			}
		}
		if got[i] != want {
			t.Errorf("%q typed: the page says\n%q\nthe server\n%q", n, got[i], want)
		}
	}
}

// namesJS runs the page's script src under node, with the declarations decl, and returns what
// call (a JavaScript expression of the name n) gives for each of the names typed.
func namesJS(t *testing.T, node, src, decl, call string, typed []string) []string {
	t.Helper()
	in, _ := json.Marshal(typed)
	js := "const window = {};\n" + src + "\n" + decl + "console.log(JSON.stringify(" + string(in) + ".map((n) => " + call + ")));"
	out, err := exec.Command(node, "-e", js).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(typed) {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return got
}
