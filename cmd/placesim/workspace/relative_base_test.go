package workspace

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes each file of files (name: text) into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRelativeBaseline opens scenarios whose extends names a file of the folder by a relative
// path, as placesim validate, run and compare read them: ./cal.yaml, sub/../cal.yaml and
// sub/cal.yaml are files inside the folder. Those that reach outside it stay refused.
func TestRelativeBaseline(t *testing.T) {
	base, _, dir := testServer(t)
	writeFiles(t, dir, map[string]string{
		"cal.yaml":      "name: cal\nextends: default\nyears: 1\nwarmup_years: 0\nentries:\n  per_year: 240\n",
		"sub/cal2.yaml": "name: cal2\nextends: default\nentries:\n  per_year: 230\n",
		"dot.yaml":      "name: dot\nextends: ./cal.yaml\nuasc:\n  per_year: 60\n",
		"up.yaml":       "name: up\nextends: sub/../cal.yaml\n",
		"deep.yaml":     "name: deep\nextends: sub/cal2.yaml\n",
		"plain.yaml":    "name: plain\nextends: cal.yaml\nuasc:\n  per_year: 70\n",
		"outside.yaml":  "name: outside\nextends: sub/../../cal.yaml\n",
	})
	for file, want := range map[string]string{"dot": "cal.yaml", "up": "cal.yaml", "deep": "sub/cal2.yaml"} {
		resp, page := get(t, base+"/?file="+file)
		if resp.StatusCode != http.StatusOK || strings.Contains(page, "is not opened") {
			t.Errorf("?file=%s: status %d, %q", file, resp.StatusCode, between(page, "is not opened", "<"))
		}
		if !strings.Contains(page, `<option value="`+want+`" selected>`) {
			t.Errorf("?file=%s: %s is not the chosen baseline", file, want)
		}
	}
	for _, b := range []string{"./cal.yaml", "sub/../cal.yaml", "sub/cal2.yaml"} {
		resp, page := get(t, base+"/?base="+b)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("?base=%s: status %d: %.200s", b, resp.StatusCode, page)
		}
	}
	resp, page := get(t, base+"/?file=outside")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "is outside the scenario") {
		t.Errorf("?file=outside: status %d, does not say its baseline is outside the folder", resp.StatusCode)
	}
	for _, b := range []string{"../cal.yaml", "sub/../../cal.yaml", "/etc/cal.yaml", `sub\cal2.yaml`, ".hidden.yaml", "sub/.hidden.yaml"} {
		if resp, _ := get(t, base+"/?base="+b); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("?base=%s: status %d, want it refused (422)", b, resp.StatusCode)
		}
	}

	// Compare sets side by side the scenarios that extend the same file, however they name it
	// (a run of one year, so that it is short).
	for _, q := range []string{"s=dot&s=plain", "s=plain&s=up&base=cal"} {
		_, page := get(t, base+"/compare?"+q)
		if strings.Contains(page, "must extend the same baseline") {
			t.Errorf("/compare?%s: %q", q, between(page, " extends ", "<"))
		}
	}
}

// between returns the text of page from the first from up to the next to after it.
func between(page, from, to string) string {
	i := strings.Index(page, from)
	if i < 0 {
		return ""
	}
	rest := page[i:]
	if j := strings.Index(rest[1:], to); j >= 0 {
		return rest[:j+1]
	}
	return rest
}
