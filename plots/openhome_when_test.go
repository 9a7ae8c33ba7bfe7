package plots

import (
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestOpenHomeSaysWhenItOpens checks that the changes list of a report, a board pack and a
// region's pack names both the decision and the opening of a home with a lead time, as the
// simulation opens it, and that every other change reads as before.
func TestOpenHomeSaysWhenItOpens(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		iv   model.Intervention
		want string
	}{
		{"open-childrens-home: two years' lead time",
			model.Intervention{Action: model.OpenHome, Label: "Open Birch House (3 beds)", From: day("2026-04-01"), LeadTimeDays: 731},
			"Open Birch House (3 beds), decided April 2026, opens April 2028"},
		{"a lead time ending on the last day of a month",
			model.Intervention{Action: model.OpenHome, Label: "Open a home", From: day("2026-04-01"), LeadTimeDays: 29},
			"Open a home, from April 2026"},
		{"a lead time into the next month",
			model.Intervention{Action: model.OpenHome, Label: "Open a home", From: day("2026-04-01"), LeadTimeDays: 30},
			"Open a home, decided April 2026, opens May 2026"},
		{"no lead time",
			model.Intervention{Action: model.OpenHome, Label: "Open a home", From: day("2026-04-01")},
			"Open a home, from April 2026"},
		{"a block of beds",
			model.Intervention{Action: model.BlockBeds, Label: "Block 3 beds", From: day("2026-04-01"), To: day("2029-03-31"), LeadTimeDays: 90},
			"Block 3 beds, from April 2026 to March 2029"},
	}
	s := &model.Scenario{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			when := strings.TrimPrefix(tt.want, tt.iv.Label)
			if got := InterventionChanges(s, []model.Intervention{tt.iv})[0]; !strings.HasPrefix(got, tt.iv.Label) || !strings.HasSuffix(got, when) {
				t.Errorf("report: %q, want %q with its terms", got, tt.want)
			}
			if got := interventionFigures(s, tt.iv); !strings.HasSuffix(got, ")"+when) {
				t.Errorf("region pack: %q, want it to end %q", got, when)
			}
		})
	}
}
