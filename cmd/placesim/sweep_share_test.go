package main

import "testing"

// TestMeetingShareBelowProbability checks that a share of runs meeting a sweep's target just
// below the probability asked is not printed as reaching it: 179 of 200 runs, against 0.9.
func TestMeetingShareBelowProbability(t *testing.T) {
	for _, tt := range []struct {
		share, prob float64
		want        string
	}{
		{179.0 / 200, 0.9, "89.5%"},
		{180.0 / 200, 0.9, "90%"},
		{178.0 / 200, 0.9, "89%"},
		{0.8999, 0.9, "89.9%"},
		{191.0 / 200, 0.9, "96%"},
	} {
		if got := meetingShare(tt.share, tt.prob); got != tt.want {
			t.Errorf("meetingShare(%v, %v) = %q, want %q", tt.share, tt.prob, got, tt.want)
		}
	}
}
