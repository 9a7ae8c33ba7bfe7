package plots

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestTargetGaps checks that a comparison shows, for a strategy that changes a kind taking
// more than one need (level-6-specialist-carers: specialist carers who take standard and
// complex needs), the children of each need placed elsewhere whose first choice it is, after
// the mainstream gap's row; and no such row for a strategy that leaves those kinds alone.
func TestTargetGaps(t *testing.T) {
	base, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	kpis := func(hs []Headline) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.KPI)
		}
		return out
	}
	for _, tt := range []struct {
		alt  string
		want []string
	}{
		{"level-6-specialist-carers", []string{"gap_waiting_specialist_foster_standard", "gap_waiting_specialist_foster_complex"}},
		{"early-help", nil},
		{"recruit-12-net-carers", nil},
	} {
		t.Run(tt.alt, func(t *testing.T) {
			alt, err := scenarios.Load(tt.alt, nil)
			if err != nil {
				t.Fatal(err)
			}
			hs := HeadlinesOf(base, false)
			got := kpis(TargetGaps(hs, base, alt, nil))
			want := kpis(hs)
			at := slices.Index(want, sim.GapWaiting("inhouse_foster")) + 1
			want = slices.Insert(want, at, tt.want...)
			if !slices.Equal(got, want) {
				t.Errorf("got %v\nwant %v", got, want)
			}
		})
	}
}
