package sim

import (
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestCloseHomeClosesWhatItNames checks that validation and the engine agree on when a home
// opened by an intervention can close: a close_home dated on or before the day the home opens
// is refused, and one the run accepts closes the home, so that its beds are gone at the end.
// The home is decided on 1 April 2026 and opens 400 days later, on 6 May 2027.
func TestCloseHomeClosesWhatItNames(t *testing.T) {
	const home = 2
	opens := model.Intervention{Action: model.OpenHome, From: day(2026, 4, 1), Kind: home, Count: 2, LeadTimeDays: 400, Local: true, Name: "Ash"}
	placesAtEnd := func(t *testing.T, s *model.Scenario) float64 {
		t.Helper()
		res, err := Run(s, Options{Reps: 1, Seed: 3, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		return monthly(t, res, res.Reps[0], len(res.Months)-1, PlacesOf("home"))
	}
	if got := placesAtEnd(t, programmeScenario(opens)); got != 2 {
		t.Fatalf("the home opened and never closed has %v places at the end, want 2", got)
	}
	for _, tt := range []struct {
		close   time.Time
		refused string // the problem, or empty when the close_home is accepted
	}{
		{day(2027, 5, 5), "interventions[1].from: 2027-05-05 is not after 2027-05-06, the day interventions[0] opens Ash"},
		{day(2027, 5, 6), "interventions[1].from: 2027-05-06 is not after 2027-05-06, the day interventions[0] opens Ash"},
		{day(2027, 5, 7), ""},
	} {
		t.Run(tt.close.Format(time.DateOnly), func(t *testing.T) {
			s := programmeScenario(opens, model.Intervention{Action: model.CloseHome, From: tt.close, Kind: home, Name: "Ash"})
			if tt.refused != "" {
				_, err := Run(s, Options{Reps: 1, Seed: 3})
				if err == nil || !strings.Contains(err.Error(), tt.refused) {
					t.Fatalf("Run gave error %v, want one saying %q", err, tt.refused)
				}
				return
			}
			if got := placesAtEnd(t, s); got != 0 {
				t.Errorf("the home closed on %s has %v places at the end, want 0", tt.close.Format(time.DateOnly), got)
			}
		})
	}
}
