package workspace

import (
	"strings"
	"testing"
)

// TestSizedFileInTheWorkspace checks that a file that scales the default with size: works in
// the workspace as any other: it opens, a lever changes it, it runs, it saves keeping size:,
// and the Compare page sets it beside its baseline.
func TestSizedFileInTheWorkspace(t *testing.T) {
	url, srv, _ := testServer(t)
	srv.cfg.QuickReps = 2
	var sv saveResponse
	post(t, url, "/api/upload", uploadRequest{Name: "small", Text: "name: small\nextends: default\nsize: {children_in_care: 300}\n"}, &sv)
	if sv.Saved == "" {
		t.Fatalf("the file with size: was not uploaded: %+v", sv)
	}
	if code, page := get(t, url+"/?open=small"); code.StatusCode != 200 || strings.Contains(page, "cannot be") {
		t.Errorf("opening small: %v\n%.2000s", code, page)
	}
	_, text := get(t, url+"/files/small")
	state := wsState{Tab: "s", Name: "small-plan", File: "small", Base: "default", Text: text, UseText: true, Values: map[string]string{"approvals": "+10"}}
	var a runResponse
	post(t, url, "/api/run", state, &a)
	if len(a.Problems) > 0 || a.Error != "" || !strings.Contains(a.Results, `data-run="`) {
		t.Fatalf("running small with a lever: %v %s\n%.2000s", a.Problems, a.Error, a.Results)
	}
	if !strings.Contains(a.Text, "size:") || !strings.Contains(a.Text, "children_in_care: 300") {
		t.Errorf("the file's text lost size: after a lever:\n%s", a.Text)
	}
	post(t, url, "/api/save", saveRequest{Name: "small-plan", State: state}, &sv)
	if sv.Saved == "" {
		t.Fatalf("saving small-plan: %+v", sv)
	}
	_, saved := get(t, url+"/files/small-plan")
	if !strings.Contains(saved, "children_in_care: 300") {
		t.Errorf("the saved file lost size:\n%s", saved)
	}
	code, page := get(t, url+"/compare?s=small-plan&s=small&base=default")
	if code.StatusCode != 200 || !strings.Contains(page, "cost-years") {
		t.Errorf("comparing the sized files: %v\n%.3000s", code, page)
	}
}
