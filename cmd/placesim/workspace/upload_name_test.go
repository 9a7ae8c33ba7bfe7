package workspace

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestUploadTakesItsName checks that a file uploaded under a name is saved with its scenario
// named so: a built-in's file uploaded as myblock kept name: block-contract-3-beds, so that
// placesim run wrote the built-in's out folder and placesim compare named the built-in.
func TestUploadTakesItsName(t *testing.T) {
	base, _, dir := testServer(t)
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "scenarios", "block-contract-3-beds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(uploadRequest{Name: "myblock", Text: string(text)})
	var sv saveResponse
	post(t, base, "/api/upload", json.RawMessage(body), &sv)
	if sv.Saved != "myblock.yaml" || sv.Error != "" {
		t.Fatalf("upload: %+v", sv)
	}
	if want := "Uploaded as myblock.yaml, its name: changed from block-contract-3-beds to myblock, the name it is saved under"; sv.Message != want {
		t.Errorf("message %q\nwant %q", sv.Message, want)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "myblock.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load(filepath.Join(dir, "myblock.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "myblock" {
		t.Errorf("saved scenario named %q, want myblock:\n%s", sc.Name, saved)
	}
	// The rest of the file, its comments too, is as uploaded.
	if !strings.Contains(string(saved), "# Dorset's 2019 strategy") || !strings.Contains(string(saved), "block_beds") {
		t.Errorf("saved file lost its text:\n%s", saved)
	}
	// A file already named as it is uploaded is saved as it came.
	body, _ = json.Marshal(uploadRequest{Name: "mine", Text: "name: mine\nextends: default\n"})
	post(t, base, "/api/upload", json.RawMessage(body), &sv)
	if got, _ := os.ReadFile(filepath.Join(dir, "mine.yaml")); string(got) != "name: mine\nextends: default\n" || sv.Message != "Uploaded as mine.yaml" {
		t.Errorf("mine: %+v %q", sv, got)
	}
}
