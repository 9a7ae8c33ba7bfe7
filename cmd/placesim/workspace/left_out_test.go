package workspace

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// TestCompareListsLeftOut checks that the Compare page, and the board pack it offers, list a
// baseline's own dated change that a compared file leaves out as placesim compare's pack
// lists it: "Not in the strategy: ...".
func TestCompareListsLeftOut(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := testServer(t)
	files := map[string]string{
		"surge.yaml": "name: surge\nextends: default\ninterventions:\n" +
			"  - {action: uasc_surge, label: More arrivals, from: 2026-04-01, to: 2027-04-01, factor: 1.5}\n",
		"carers.yaml": "name: carers\nextends: default\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: 40\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	baseS, err := scenarios.Load(filepath.Join(dir, "surge.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	altS, err := scenarios.Load(filepath.Join(dir, "carers.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	left := plots.LeftOutChanges(baseS, altS)
	if len(left) != 1 || !strings.HasPrefix(left[0], "Not in the strategy: More arrivals") {
		t.Fatalf("placesim compare's pack says %q", left)
	}

	resp, page := get(t, base+"/compare?s=carers&base=surge.yaml")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, page)
	}
	// The baseline's cell lists its own dated changes; the scenario's, the one it leaves out.
	want := regexp.MustCompile(`<th scope="row">Dated changes no lever sets</th><td><ul><li>More arrivals[^<]*</li></ul></td><td class="changed"><ul><li>` + regexp.QuoteMeta(html.EscapeString(left[0])) + `</li></ul></td>`)
	if !want.MatchString(page) {
		t.Errorf("the Compare page does not list the baseline's change that carers leaves out: no\n%s", want)
	}
	m := regexp.MustCompile(`/export/[^/"]+/board-pack\.html`).FindString(page)
	if m == "" {
		t.Fatalf("no board pack on the page")
	}
	_, pack := get(t, base+m)
	if !strings.Contains(pack, html.EscapeString(left[0])) {
		t.Errorf("the board pack does not list %q", left[0])
	}

	// A file that extends its baseline leaves nothing of it out.
	_, page = get(t, base+"/compare?s=surge")
	if strings.Contains(page, "Not in the strategy") {
		t.Errorf("the Compare page lists a change of its own baseline as left out")
	}
}
