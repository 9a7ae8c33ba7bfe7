package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareSaysIdle: a what-if whose surge acts on nothing its base has (no UASC arriving,
// as calibrate writes for a council that saw fewer than 5) is run on the Compare page with a
// note that it changes nothing and what to set, as the board pack says.
func TestCompareSaysIdle(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"none.yaml":  "name: none\nextends: default\nyears: 2\nuasc:\n  per_year: 0\n",
		"surge.yaml": "name: surge\nextends: none.yaml\ninterventions:\n  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, body := get(t, base+"/compare?s=surge")
	want := "surge: Acts on nothing: UASC arrivals double (interventions[0].factor) multiplies the UASC arriving, and none arrive (uasc.per_year is 0)"
	if !strings.Contains(body, want) {
		t.Errorf("the Compare page does not say %q:\n%s", want, body)
	}
}
