package main

import (
	"testing"
)

// The run's printed line names the years set by --set years=N however the value was spaced,
// as the report's list of changes leaves it out however it was spaced.
func TestRunNameYearsSpaced(t *testing.T) {
	for _, set := range []string{"years=1", "years = 1", "years =1"} {
		if got, want := setsName("default", []string{set}, 1), "default, 1 year"; got != want {
			t.Errorf("setsName(%q) = %q, want %q", set, got, want)
		}
	}
}
