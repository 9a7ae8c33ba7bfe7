package plots

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestCompareReportIdle: the pack says of a strategy's change that acts on nothing the
// scenario has (a UASC surge where none arrive) that it changes nothing, and what to set.
func TestCompareReportIdle(t *testing.T) {
	base := testScenario()
	base.Name, base.UASC.PerYear = "base", 0
	alt := testScenario()
	alt.Name, alt.UASC.PerYear = "surge", 0
	alt.Interventions = []model.Intervention{{Action: model.UASCSurge, Label: "UASC arrivals double", Factor: 2, From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}}
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Level: 0.9, Reps: 20, Seed: 1}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	want := "Acts on nothing: UASC arrivals double (interventions[0].factor) multiplies the UASC arriving, and none arrive (uasc.per_year is 0), so it changes nothing: set uasc.per_year"
	if !strings.Contains(b.String(), want) {
		t.Errorf("the pack does not say %q", want)
	}
	alt.UASC.PerYear = 30
	b.Reset()
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Acts on nothing") {
		t.Error("the pack says a surge where UASC arrive acts on nothing")
	}
}
