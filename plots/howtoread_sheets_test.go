package plots

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestHowToReadNamesWhatExists checks that How to read, which the workbook holds as well as
// the report, points at what each holds: the workbook has no Assumptions sheet, so the
// households at the start are found in the report's Assumptions or the Scenario sheet.
func TestHowToReadNamesWhatExists(t *testing.T) {
	s, err := scenarios.Load("default", []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range HowToRead(s) {
		all = append(all, r[1])
	}
	text := strings.Join(all, "\n")
	if strings.Contains(text, "the Assumptions give") || !strings.Contains(text, "the report's Assumptions") || !strings.Contains(text, "Scenario sheet") {
		t.Errorf("How to read does not point at what the report and the workbook hold:\n%s", text)
	}
}
