package workspace

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHomeLeverOwnHome checks, with a file that opens a home and extends a file that opens
// another of the same kind, that the lever "Open a children's home" is the file's own home
// everywhere: on the workspace page, and on the Compare page and in its board pack against a
// baseline the file does not extend (default), where the home of the file it extends is a
// dated change no lever sets.
func TestHomeLeverOwnHome(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := testServer(t)
	files := map[string]string{
		"parent.yaml": "name: parent\nextends: default\ninterventions:\n" +
			"  - {action: open_home, label: Open Alder House, from: 2026-04-01, kind: inhouse_home, count: 2, fixed_cost_per_year_gbp: 550000, local: true, name: Alder House}\n",
		"child.yaml": "name: child\nextends: parent.yaml\ninterventions:\n" +
			"  - {action: open_home, label: Open Birch House, from: 2026-10-01, kind: inhouse_home, count: 4, fixed_cost_per_year_gbp: 1100000, local: true, name: Birch House}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, base+"/?file=child")
	mustContain(t, "workspace page", page, "scenario: a home named Birch House, 4 beds from 01/10/2026", `value="01/10/2026"`)

	lever := "Beds 4, opens on 1 October 2026, running cost £1,100,000"
	for _, q := range []string{"s=child&base=default", "s=child"} {
		resp, page := get(t, base+"/compare?"+q)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", q, resp.StatusCode, page)
		}
		if !strings.Contains(page, lever) {
			t.Errorf("%s: the lever's row does not show the file's own home (%s)", q, lever)
		}
		dated := regexp.MustCompile(`<th scope="row">Dated changes no lever sets</th>.*`).FindString(page)
		if strings.Contains(dated, "Birch House") {
			t.Errorf("%s: the file's own home, the lever's, is listed among the dated changes no lever sets: %s", q, dated)
		}
		if want := q == "s=child&base=default"; strings.Contains(dated, "Open Alder House (a home of 2 beds for in-house children&#39;s homes), from April 2026") != want {
			t.Errorf("%s: the home of the file it extends listed among the dated changes no lever sets: %v, want %v (%q)", q, !want, want, dated)
		}
		m := regexp.MustCompile(`/export/[^/"]+/board-pack\.html`).FindString(page)
		if m == "" {
			t.Fatalf("%s: no board pack", q)
		}
		_, pack := get(t, base+m)
		if !strings.Contains(pack, "Open a children&#39;s home: 4 beds from 1 October 2026 (baseline 2 homes, 8 beds); costs: the home costs £1,100,000 a year to run") {
			t.Errorf("%s: the board pack does not say the file's own home under the lever", q)
		}
		if strings.Contains(pack, "2 beds from 1 April 2026") {
			t.Errorf("%s: the board pack says the home of the file it extends under the lever", q)
		}
	}
}
