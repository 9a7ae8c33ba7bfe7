package main

import (
	"testing"

	"github.com/placesim/placesim/model"
)

// The run's printed line names the years set by --set years=N however the value was spaced,
// as the report's list of changes leaves it out however it was spaced.
func TestRunNameYearsSpaced(t *testing.T) {
	s := &model.Scenario{Name: "default", Years: 1}
	for _, yaml := range []string{
		"years: 1 # --set years=1\n",
		"years: 1 # --set years = 1\n",
		"years: 1 # --set years =1\n",
	} {
		if got, want := runName(s, []byte(yaml)), "default, 1 year"; got != want {
			t.Errorf("runName(%q) = %q, want %q", yaml, got, want)
		}
	}
}
