package workspace

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNameDots checks that the rule the refusal of a name states is the one applied: dots are
// allowed after the first character, two together ("r..", refused before while "a." was
// saved as a..yaml) as much as one at the end; such a file is listed, opened and extended as
// any other, and a name that begins with a dot or holds a slash is refused.
func TestNameDots(t *testing.T) {
	for name, want := range map[string]string{"a.": "a..yaml", "r..": "r...yaml", "a..b": "a..b.yaml", "v1.2-plan": "v1.2-plan.yaml", "a.yaml": "a.yaml"} {
		if file, err := checkName(name); err != nil || file != want {
			t.Errorf("checkName(%q) = %q, %v, want %s", name, file, err, want)
		}
	}
	for _, name := range []string{"..", ".r", "../r", "r/..", "..yaml"} {
		if file, err := checkName(name); err == nil || !strings.Contains(err.Error(), "a name is letters a to z without accents, digits, dots, dashes and underscores, starting with a letter or digit") {
			t.Errorf("checkName(%q) = %q, %v: want it refused", name, file, err)
		}
	}
	base, _, dir := testServer(t)
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "r..", State: wsState{Tab: "s", Values: map[string]string{"approvals": "25"}}}, &sv)
	if sv.Error != "" || sv.Saved != "r...yaml" {
		t.Fatalf("save as r..: %+v", sv)
	}
	if _, err := os.Stat(filepath.Join(dir, "r...yaml")); err != nil {
		t.Fatal(err)
	}
	post(t, base, "/api/save", saveRequest{Name: "child", State: wsState{Tab: "s", Base: "r...yaml", Values: map[string]string{"leaving": "9"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save on the baseline r...yaml: %+v", sv)
	}
	for _, u := range []string{"/?file=r..", "/?file=child", "/?base=r...yaml"} {
		if resp, body := get(t, base+u); resp.StatusCode != http.StatusOK || strings.Contains(body, "outside the scenario") || !strings.Contains(body, `<option value="r..">r...yaml</option>`) && !strings.Contains(body, `<option value="r.." selected>r...yaml</option>`) {
			t.Errorf("%s: status %d, %.300s", u, resp.StatusCode, body)
		}
	}
}
