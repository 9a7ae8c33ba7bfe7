package workspace

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSaveUnderBuiltinName checks that a scenario or region is not saved, nor a file uploaded,
// under the name of a built-in scenario or region: placesim run would write the file's results
// over the built-in's out folder, and placesim compare would set the built-in against itself.
func TestSaveUnderBuiltinName(t *testing.T) {
	base, _, dir := testServer(t)
	for _, tc := range []struct {
		path, body, want string
	}{
		{"/api/save", `{"name":"default","state":{"tab":"b","values":{"approvals":"30"}}}`,
			`"default" is the name of placesim's built-in scenario default: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as default-plan`},
		{"/api/save", `{"name":"UASC-surge.yaml","state":{"tab":"b","values":{"approvals":"30"}}}`,
			`"UASC-surge.yaml" is the name of placesim's built-in scenario uasc-surge: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as UASC-surge-plan`},
		{"/api/save", `{"name":"default.yaml","state":{"tab":"b","values":{"approvals":"30"}}}`,
			`"default.yaml" is the name of placesim's built-in scenario default: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as default-plan`},
		{"/api/save", `{"name":"south-east","state":{"tab":"b","values":{"approvals":"30"}}}`,
			`"south-east" is the name of placesim's built-in region south-east: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as south-east-plan`},
		{"/api/upload", `{"name":"default","text":"name: default\nextends: default\n"}`,
			`"default" is the name of placesim's built-in scenario default: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as default-plan`},
		{"/api/region/save", `{"name":"england","state":{"tab":"r","ref":"south-east"}}`,
			`"england" is the name of placesim's built-in region england: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as england-plan`},
	} {
		var sv saveResponse
		post(t, base, tc.path, json.RawMessage(tc.body), &sv)
		if sv.Saved != "" || sv.Error != tc.want {
			t.Errorf("%s %s:\n got %+v\nwant error %s", tc.path, tc.body, sv, tc.want)
		}
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*.yaml")); len(names) > 0 {
		t.Errorf("saved %v", names)
	}
	// Another name is saved.
	var sv saveResponse
	post(t, base, "/api/save", json.RawMessage(`{"name":"default-plan","state":{"tab":"b","values":{"approvals":"30"}}}`), &sv)
	if _, err := os.Stat(filepath.Join(dir, "default-plan.yaml")); sv.Saved != "default-plan.yaml" || err != nil {
		t.Errorf("default-plan: %+v (%v)", sv, err)
	}
}

// TestBuiltinNameSaidAsTyped checks that the pages say beside the box, as a name is typed,
// that a built-in scenario or region has it, in the words the server refuses the save in:
// the pages list the built-ins' names for names.js, which writes builtinName's words, and a
// page opened with such a name (?name=default) says so at once.
func TestBuiltinNameSaidAsTyped(t *testing.T) {
	base, _, _ := regionServer(t)
	_, page := get(t, base+"/")
	mustContain(t, "scenario page", page, `<script src="/static/names.js" defer></script>`,
		`<p id="name-error" class="msg error" aria-live="polite"></p>`, `aria-describedby="name-error name-help"`,
		`<p id="saveas-error" class="msg error" aria-live="polite"></p>`, `"default":"scenario default"`, `"south-east":"region south-east"`)
	_, page = get(t, base+"/?name=default")
	mustContain(t, "scenario page named default", page, `aria-invalid="true"></label>`,
		`<p id="name-error" class="msg error" aria-live="polite">&#34;default&#34; is the name of placesim&#39;s built-in scenario default: a file of that name would be taken for it`)
	_, page = get(t, base+"/region?r=two-counties.yaml&name=England")
	mustContain(t, "region page named England", page, `<script src="/static/names.js" defer></script>`, `"england":"region england"`,
		`<p id="saveas-error" class="msg error" aria-live="polite">&#34;England&#34; is the name of placesim&#39;s built-in region england: a file of that name would be taken for it`)

	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("no node on PATH: names.js not run")
		return
	}
	src, err := fs.ReadFile(webFS, "web/static/names.js")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := json.Marshal(builtinNames())
	typed := []string{"default", "UASC-surge.yaml", "south-east", "England", "default.yml", " default ", "plan", "default-plan", "", "constructor", "toString"}
	got := namesJS(t, node, string(src), "const b = "+string(names)+";\n", "window.placesimBuiltinName(n, b)", typed)
	for i, n := range typed {
		want := ""
		if _, err := checkName(n); err == nil {
			if err := builtinName(n); err != nil {
				want = err.Error()
			}
		}
		if got[i] != want {
			t.Errorf("%q typed: the page says\n%q\nthe server\n%q", n, got[i], want)
		}
	}
}
