package workspace

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openedHash opens scenario name in the workspace page and returns the SHA-256 of its text
// that the page keeps to send with a save over it.
func openedHash(t *testing.T, base, name string) string {
	t.Helper()
	_, page := get(t, base+"/?file="+name)
	_, after, ok := strings.Cut(page, `<script type="application/json" id="initial">`)
	js, _, ok2 := strings.Cut(after, "</script>")
	var initial struct {
		Opened string `json:"opened"`
	}
	if !ok || !ok2 || json.Unmarshal([]byte(js), &initial) != nil || initial.Opened == "" {
		t.Fatalf("the page of %s keeps no hash of the file opened: %.200q", name, js)
	}
	return initial.Opened
}

// TestSaveChangedSinceOpened checks that of two users who opened one file, the second to save
// is told the file has changed since they opened it rather than overwriting the first's
// change, and may still overwrite it when asked to.
func TestSaveChangedSinceOpened(t *testing.T) {
	base, _, dir := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "same", State: wsState{Tab: "x", Base: "default", Values: map[string]string{}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("first save: %+v", sv)
	}
	openA, openB := openedHash(t, base, "same"), openedHash(t, base, "same")
	a := wsState{Tab: "A", Base: "default", File: "same", Values: map[string]string{"approvals": "40"}}
	post(t, base, "/api/save", saveRequest{Name: "same", Open: "same", Opened: openA, State: a}, &sv)
	if sv.Error != "" || sv.Opened == "" {
		t.Fatalf("A's save: %+v", sv)
	}
	path := filepath.Join(dir, "same.yaml")
	afterA, _ := os.ReadFile(path)
	if sv.Opened != fileSHA256(string(afterA)) {
		t.Errorf("A's save answers hash %s, not the saved text's", sv.Opened)
	}
	b := wsState{Tab: "B", Base: "default", File: "same", Values: map[string]string{"ifa_price": "1200"}}
	for _, opened := range []string{openB, ""} {
		sv = saveResponse{}
		post(t, base, "/api/save", saveRequest{Name: "same", Open: "same", Opened: opened, State: b}, &sv)
		if !sv.Changed || sv.Saved != "" || !strings.HasPrefix(sv.Error, "same.yaml has changed since you opened it: ") ||
			!strings.Contains(sv.Error, "reload it") || !strings.Contains(sv.Error, "save under another name") {
			t.Errorf("B's save with opened %q over A's: %+v, want it refused as changed since opened", opened, sv)
		}
		if now, _ := os.ReadFile(path); string(now) != string(afterA) {
			t.Errorf("B's refused save changed the file:\n%s", now)
		}
	}
	// A saves again on the hash its save answered: its own change is no other's.
	a.Values["approvals"] = "41"
	sv = saveResponse{}
	post(t, base, "/api/save", saveRequest{Name: "same", Open: "same", Opened: fileSHA256(string(afterA)), State: a}, &sv)
	if sv.Error != "" {
		t.Errorf("A's second save: %+v", sv)
	}
	// B, asked, overwrites.
	sv = saveResponse{}
	post(t, base, "/api/save", saveRequest{Name: "same", Open: "same", Opened: openB, Overwrite: true, State: b}, &sv)
	if sv.Error != "" {
		t.Errorf("B's save when asked to overwrite: %+v", sv)
	}
	if now, _ := os.ReadFile(path); !strings.Contains(string(now), "1200") {
		t.Errorf("B's overwrite did not save B's price:\n%s", now)
	}
}
