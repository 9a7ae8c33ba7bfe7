package ssda903

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestScenarioFileReadsBack checks that the calibrated scenario, written as a file extending
// its base, reads back as the scenario itself, with every note beside its number, and that
// the base is left as it was.
func TestScenarioFileReadsBack(t *testing.T) {
	g := generate(typical(), 11)
	ret, err := Read(g.files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	base := baseScenario(t)
	before := baseScenario(t)
	cal, err := Calibrate(ret, Options{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	opt := ScenarioOptions{Name: "generated", Extends: "default", Sources: "5 files"}
	s, notes := cal.Scenario(opt)
	if !reflect.DeepEqual(base, before) {
		t.Error("making the calibrated scenario changed its base")
	}
	var buf bytes.Buffer
	if err := writeScenario(&buf, cal, opt); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	got, err := scenarios.Parse(strings.NewReader(text), "generated.yaml", nil)
	if err != nil {
		t.Fatalf("the calibrated scenario does not load: %v\n%s", err, text)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("the file reads back as another scenario than the calibrated one:\n%s", text)
	}
	if !strings.Contains(text, "\nextends: default\n") {
		t.Errorf("the file does not extend its base:\n%s", text)
	}
	if len(notes.Comments) < 10 {
		t.Errorf("%d notes, want one beside each estimate", len(notes.Comments))
	}
	for path, note := range notes.Comments {
		if !strings.Contains(text, "# "+note+"\n") {
			t.Errorf("the note on %s is not beside a number: %q", path, note)
		}
	}
	for path, sec := range notes.Sections {
		first, _, _ := strings.Cut(sec, "\n")
		if !strings.Contains(text, "# "+first+"\n") {
			t.Errorf("the paragraph above %s is not in the file: %q", path, first)
		}
	}
}
