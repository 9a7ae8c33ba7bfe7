package workspace

import (
	"encoding/json"
	"os"
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
			`"UASC-surge" is the name of placesim's built-in scenario uasc-surge: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as UASC-surge-plan`},
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
