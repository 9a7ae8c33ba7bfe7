package plots

import (
	"fmt"

	"github.com/placesim/placesim/sim"
)

// FewRunsNote returns the caution owed to a reader of ranges of the middle level of n runs
// (0.9: the range within which 9 runs in 10 fall), or "" when the runs are enough for it
// (sim.RangeRuns: 20 at 0.9). One run gives no range at all; from 2 to RangeRuns - 1 runs the
// range is found as from more, but it is little more than the least and the greatest of them.
// reps names the flag that asks for more runs, such as "--reps", or "" for none.
func FewRunsNote(n int, level float64, reps string) string {
	need := sim.RangeRuns(level)
	if n >= need || n < 1 {
		return ""
	}
	more := moreRuns(need, reps)
	if n == 1 {
		return fmt.Sprintf("Caution: one run gives no range of what could happen (%s): each figure is that run's%s for the range.", runsTextLower(level), more)
	}
	return fmt.Sprintf("Caution: %d runs are too few for the range of %s, which takes at least %d: the range shown is little more than the least and the greatest of the %d%s.",
		n, runsTextLower(level), need, n, more)
}

// moreRuns says how many runs to make, need, through the flag reps ("--reps") when there is
// one: "; run at least 20 (--reps 20)", or "; make at least 20 runs".
func moreRuns(need int, reps string) string {
	if reps != "" {
		return fmt.Sprintf("; run at least %d (%s %d)", need, reps, need)
	}
	return fmt.Sprintf("; make at least %d runs", need)
}

// runsTextLower is runsText within a sentence: "9 in 10 runs", "95% of runs", "the runs".
func runsTextLower(level float64) string {
	if level <= 0 || level >= 1 {
		return "the runs"
	}
	return runsText(level)
}

// RangeText names the range of the middle level of runs as FewRunsNote does: 0.9 is "9 in 10
// runs", 0.95 "95% of runs".
func RangeText(level float64) string { return runsTextLower(level) }

// FewRunsPercentileNote returns the caution owed to a reader of percentile p (0 to 100) of n
// runs written with no percentile across the median from it (p10 alone, with no p90), or ""
// when the runs are enough for it (sim.PercentileRuns: 10 for p10) or p needs no more than one
// run (the median). One run gives no percentile at all; from 2 to PercentileRuns - 1 runs it is
// found as from more, but it is little more than the least of them (p below 50) or the greatest
// (p above 50). reps names the flag that asks for more runs, such as "--reps", or "" for none.
func FewRunsPercentileNote(n int, p float64, reps string) string {
	need := sim.PercentileRuns(p)
	if n >= need || n < 1 {
		return ""
	}
	more := moreRuns(need, reps)
	col, what, end := PercentileText(p), "below", "least"
	if p > 50 {
		what, end = "above", "greatest"
	}
	what = fmt.Sprintf("(the value %s which %s fall)", what, runsTextLower(min(p, 100-p)/100))
	if n == 1 {
		return fmt.Sprintf("Caution: one run gives no %s %s: each figure is that run's%s for it.", col, what, more)
	}
	return fmt.Sprintf("Caution: %d runs are too few for %s %s, which takes at least %d: the %s shown is little more than the %s of the %d%s.",
		n, col, what, need, col, end, n, more)
}

// PercentileText names percentile p (0 to 100) as FewRunsPercentileNote does: its column in
// the summaries, p05 for 5 and p2.5 for 2.5.
func PercentileText(p float64) string { return sim.PercentileColumn(p) }
