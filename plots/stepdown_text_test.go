package plots

import (
	"testing"

	"github.com/placesim/placesim/model"
)

// TestStepDownText checks the report's step-down sentence: the scenario-wide shares alone as
// they have always read, and a residential kind's own shares beside them where it sets some.
func TestStepDownText(t *testing.T) {
	s := &model.Scenario{
		Kinds: []model.Kind{
			{Name: "ifa", Label: "Agency foster care", Category: model.Foster},
			{Name: "external", Label: "Agencies' homes", Category: model.Residential},
		},
		StepDown: model.StepDown{ReviewDays: 91, ReadyShare: [model.NumNeeds]float64{0.08, 0.15, 0}, Try: []model.KindID{0}},
	}
	want := "reviewed every 91 days; 8% of reviews find a child with standard needs ready; " +
		"15% of reviews find a child with complex needs ready; children with solo needs do not step down; " +
		"a child keeps their needs in the family placement"
	if got := stepDownText(s); got != want {
		t.Errorf("scenario-wide shares:\n got %q\nwant %q", got, want)
	}
	s.Kinds[1].StepDownReadyShare = &[model.NumNeeds]float64{0.16, 0.3, 0}
	want = "reviewed every 91 days; in other residential care, 8% of reviews find a child with standard needs ready; " +
		"15% of reviews find a child with complex needs ready; children with solo needs do not step down; " +
		"in Agencies' homes, at its own rate, 16% of reviews find a child with standard needs ready; " +
		"30% of reviews find a child with complex needs ready; children with solo needs do not step down; " +
		"a child keeps their needs in the family placement"
	if got := stepDownText(s); got != want {
		t.Errorf("a kind's own shares:\n got %q\nwant %q", got, want)
	}
	s.StepDown.ReadyShare = [model.NumNeeds]float64{}
	if got := stepDownText(s); got == "none: children stay in residential care until their plan ends" {
		t.Errorf("only a kind's own shares: %q", got)
	}
}
