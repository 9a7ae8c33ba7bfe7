package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestProgressClock checks that a run's progress line starts its clock and shows 0% when it
// is made, not at the first replication to finish (whose elapsed time and rate then read
// "[0s:0s]" and "84189 replications/s"), and that finishing it says the files are being
// written when files follow, and nothing when none do.
func TestProgressClock(t *testing.T) {
	var w bytes.Buffer
	bar := newBar(&w, "four", 4)
	if !bar.IsStarted() {
		t.Error("the bar's clock has not started when it is made")
	}
	if !strings.Contains(w.String(), "placesim: four   0% ") {
		t.Errorf("the bar shows %q when it is made, want it at 0%%", w.String())
	}
	bar.Set(4)
	finishBar(bar, &w, true)
	if !strings.HasSuffix(w.String(), "placesim: writing files…\n") {
		t.Errorf("finishing the bar with files to write shows %q, want it to end with placesim: writing files…", w.String())
	}

	w.Reset()
	bar = newBar(&w, "four", 4)
	finishBar(bar, &w, false)
	if strings.Contains(w.String(), "writing files") {
		t.Errorf("finishing the bar with no files to write shows %q", w.String())
	}
	finishBar(nil, &w, true) // no bar (not a terminal, or --quiet): nothing
}

// TestRegionOutputNote checks the note an England-scale run gives before it starts of what it
// writes, against what england wrote with the default flags (222 MB over 3 years, 674 MB over
// 10: within 2%), and that a small region gets none.
func TestRegionOutputNote(t *testing.T) {
	for _, tt := range []struct {
		councils, years int
		want            string
	}{
		{153, 10, "placesim: note: this run writes about 671 MB (10 years of 153 councils: "},
		{153, 3, "placesim: note: this run writes about 221 MB (3 years of 153 councils: "},
		{4, 10, ""},
		{153, 1, ""},
	} {
		got := regionOutputNote(tt.councils, tt.years)
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%d councils, %d years: %q, want it to begin %q", tt.councils, tt.years, got, tt.want)
		}
		if tt.want != "" && !strings.Contains(got, "--charts=false") {
			t.Errorf("%d councils, %d years: %q says not how to write less", tt.councils, tt.years, got)
		}
	}
}
