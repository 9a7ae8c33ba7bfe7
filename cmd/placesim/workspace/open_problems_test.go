package workspace

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOpenFileWithProblem checks that opening a saved file edited by hand that cannot be
// opened (not YAML, what it extends missing, misspelt, outside the folder or a cycle, an
// empty file) shows the workspace page, a new scenario on the baseline that works, with the
// file's problem in its file panel as placesim validate says it, not a bare error page: the
// problems a list, each an item a screen reader can move by, not lines of one paragraph.
func TestOpenFileWithProblem(t *testing.T) {
	base, _, dir := testServer(t)
	msg := regexp.MustCompile(`<div id="file-msg" class="msg error" role="status" aria-live="polite"><p>([^<]*)</p><ul>((?:<li>[^<]*</li>)+)</ul><p>Put it right in the file \(or Upload a corrected one\), then open it again\. Meanwhile this is a new scenario on the baseline\.</p></div>`)
	for _, tc := range []struct {
		file, text, want string
	}{
		{"misspelt.yaml", "name: misspelt\nextends: defualt\n",
			`misspelt.yaml:2:10: extends: "defualt" is neither a scenario file (NAME.yaml) in the scenario's folder nor a built-in scenario (did you mean default?) (built-ins: `},
		{"tabs.yaml", "name: tabs\nextends: default\nkinds:\n\t- name: inhouse_foster\n",
			"tabs.yaml:4:1: tabs cannot indent YAML: use spaces"},
		{"cycle.yaml", "name: cycle\nextends: cycle.yaml\n",
			"cycle.yaml:2:10: extends: cycle of extends: cycle.yaml extends cycle.yaml"},
		{"outside.yaml", "name: outside\nextends: ../../etc/passwd\n", "outside.yaml:2:10: extends: "},
		{"empty.yaml", "", "empty.yaml: file is empty"},
		// No suggestion of the very file it extends.
		{"a.yaml", "extends: b.yaml\n", "b.yaml:1:10: extends: cycle of extends: a.yaml extends b.yaml extends a.yaml\n"},
		{"b.yaml", "extends: a.yaml\n", "a.yaml:1:10: extends: cycle of extends: b.yaml extends a.yaml extends b.yaml\n"},
		{"over.yaml", "extends: outside.yaml\n", `outside.yaml:1:10: extends: "../x.yaml" is outside the scenario's folder: extend a file in the folder or a built-in scenario (built-ins: `},
		// A misspelt file saved in the folder, suggested as a built-in's name is.
		{"typo.yaml", "name: typo\nextends: cycel.yaml\n",
			`typo.yaml:2:10: extends: no file "cycel.yaml" in the scenario's folder and no built-in scenario of that name (did you mean cycle.yaml?) (built-ins: `},
	} {
		if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if tc.file == "a.yaml" {
			for name, text := range map[string]string{"b.yaml": "extends: a.yaml\n", "outside.yaml": "extends: ../x.yaml\n"} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		resp, page := get(t, base+"/?file="+strings.TrimSuffix(tc.file, ".yaml"))
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %s %s, want the workspace page: %.300s", tc.file, resp.Status, resp.Header.Get("Content-Type"), page)
			continue
		}
		m := msg.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: the file panel says nothing of the file", tc.file)
			continue
		}
		items := strings.Split(strings.TrimSuffix(strings.TrimPrefix(m[2], "<li>"), "</li>"), "</li><li>")
		got := html.UnescapeString(m[1] + "\n" + strings.Join(items, "\n") + "\n")
		if strings.Contains(got, "did you mean") != (tc.file == "misspelt.yaml" || tc.file == "typo.yaml") {
			t.Errorf("%s: the suggestion is wrong: %s", tc.file, got)
		}
		if lead := tc.file + " is not opened:\n" + tc.want; !strings.HasPrefix(got, lead) {
			t.Errorf("%s: the file panel says\n%s\nwant it to begin\n%s", tc.file, got, lead)
		}
		if tc.file == "misspelt.yaml" && !strings.Contains(got, `built-in scenario (did you mean default?) (built-ins: `) {
			t.Errorf("%s: no suggestion: %s", tc.file, got)
		}
		if strings.Contains(got, "no built-in scenario \""+tc.file) {
			t.Errorf("%s: taken for a built-in's name: %s", tc.file, got)
		}
		// The rest of the page works: a new scenario on the baseline, that runs.
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "o", Check: true, Values: map[string]string{"approvals": "30"}}, &a)
		if len(a.Problems) > 0 || a.Inputs["approvals"].Error != "" {
			t.Errorf("%s: then the levers say %v %+v", tc.file, a.Problems, a.Inputs["approvals"])
		}
		if !strings.Contains(page, `<option value="default" selected>`) {
			t.Errorf("%s: the page is not on the default baseline", tc.file)
		}
	}
}

// TestProblemsListNamed checks that the list of problems above the levers has an accessible
// name: a screen reader that reaches it, by the link the status line gives, says what it is.
func TestProblemsListNamed(t *testing.T) {
	base, _, _ := testServer(t)
	_, page := get(t, base+"/?approvals=abc")
	if !strings.Contains(page, `<ul id="problems" class="problems" tabindex="-1" aria-label="Problems to put right before the scenario runs">`) {
		t.Errorf("the list of problems above the levers has no name:\n%s", page)
	}
}
