package scenarios

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestKindNameClashesWithNeed checks that a kind named as another kind's name and one of the
// needs it takes is refused, naming both kinds, the file, the line and the field: the two would
// give one KPI name, gap_waiting_specialist_foster_complex.
func TestKindNameClashesWithNeed(t *testing.T) {
	b, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	y := regexp.MustCompile(`\bkinship\b`).ReplaceAll(b, []byte("specialist_foster_complex"))
	_, err = ParseResolved(bytes.NewReader(y), "clash.yaml", nil)
	if err == nil {
		t.Fatal("a kind named specialist_foster_complex beside specialist_foster is accepted")
	}
	if !regexp.MustCompile(`clash\.yaml:[0-9]+:[0-9]+: kinds\[0\]\.name: `).MatchString(err.Error()) {
		t.Errorf("error\n%v\ndoes not name the file, line and field", err)
	}
	for _, want := range []string{`"specialist_foster_complex" is kinds[2]'s name ("specialist_foster")`, "gap_waiting_specialist_foster_complex"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\ndoes not say %q", err, want)
		}
	}
}
