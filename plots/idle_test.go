package plots

import (
	"bytes"
	"fmt"
	"slices"
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

// TestIdleNotesKindByName: a kind's field that acts on nothing is named by the kind's name,
// as the list of changes and --set name it (kinds.block_residential.weekly_gbp), not by its
// place among the kinds (kinds[5].weekly_gbp), which the user never wrote.
func TestIdleNotesKindByName(t *testing.T) {
	s := testScenario()
	last := len(s.Kinds) - 1
	idle := model.Problems{
		{Field: fmt.Sprintf("kinds[%d].weekly_gbp", last), Message: "is the price"},
		{Field: "uasc.transfer_threshold_share", Message: "is the threshold"},
		{Field: fmt.Sprintf("kinds[%d].weekly_gbp", last+1), Message: "is out of range"},
	}
	got := IdleNotes(s, idle)
	want := []string{
		"Acts on nothing: kinds." + s.Kinds[last].Name + ".weekly_gbp is the price.",
		"Acts on nothing: uasc.transfer_threshold_share is the threshold.",
		fmt.Sprintf("Acts on nothing: kinds[%d].weekly_gbp is out of range.", last+1),
	}
	if !slices.Equal(got, want) {
		t.Errorf("IdleNotes = %q\nwant %q", got, want)
	}
}
