package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunRefusesValuesOutOfRange replays, on the command line, the values that validation once
// let through and the simulation then crashed on, hung on or grew without bound: each is
// refused with exit status 2, a message that says the field's range, and no output directory.
func TestRunRefusesValuesOutOfRange(t *testing.T) {
	tests := []struct {
		set, want string
	}{
		{"entries.per_year=1e308", "--set entries.per_year=1e308: entries.per_year: must be between 0 and 100,000 children a year"},
		{"entries.per_year=1e7", "--set entries.per_year=1e7: entries.per_year: must be between 0 and 100,000 children a year"},
		{"emergency.retry_days=1e-300", "--set emergency.retry_days=1e-300: emergency.retry_days: must be between 1 and 365 days"},
		{"kinds.inhouse_foster.carers.assessment_days=1e300", "kinds.inhouse_foster.carers.assessment_days: must be between 0 and 1,100 days"},
		{"years=100", "--set years=100: years: must be between 1 and 50 years"},
		{"inflation_per_year=1e308", "--set inflation_per_year=1e308: inflation_per_year: must be between -0.5 and 1 a year"},
		{"start=2999-04-01", "--set start=2999-04-01: start: must be between 2000-01-01 and 2100-12-31"},
		{"kinds.inhouse_foster.carers.approvals_per_year=1e9", "kinds.inhouse_foster.carers.approvals_per_year: must be between 0 and 10,000 households a year"},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			o := placesim(t, "run", "erlang", "--reps", "2", "--quiet", "--out", out, "--set", tt.set)
			if o.code != exitUsage {
				t.Errorf("exit %d, want %d", o.code, exitUsage)
			}
			if !strings.Contains(o.stderr, tt.want) {
				t.Errorf("stderr %q does not say %q", o.stderr, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s exists after a refused run", out)
			}
		})
	}
}
