package sim

import (
	"errors"
	"fmt"
	"math"
)

// Precision is the rule by which a run adds replications until an estimate is precise
// enough, rather than running a number fixed in advance.
//
// The estimate is the mean of one KPI in one period, with its confidence interval at Level
// (MeanInterval: for a share, the ratio of totals). Its precision is the interval's
// half-width as a share of the mean, half-width / |mean|; it is 0 when the half-width is 0
// (every replication gave the same value: the mean is exact). The run stops as soon as the
// precision is within Share, or once it has MaxReps replications, whichever comes first.
//
// It runs FirstReps replications first. After n replications whose precision rel is short of
// Share, it aims at the count the spread so far says is needed, as the half-width shrinks as
// 1/sqrt(n): n·(rel/Share)², but at least n + n/10 + 1 (a tenth more) and at most 4n, and
// never more than MaxReps. The decision depends only on the results, which do not depend on
// the number of workers, so the same seed stops at the same count.
//
// Two estimates have no precision as a share of their mean:
//   - one with no value (NaN): a share whose denominator is 0 in every replication, such as
//     first_choice_share when no child was matched. The run stops there, short of Share: a
//     value that no replication of the first batch had will not come with more of the same
//     (and only the first batch can lack one, as the totals only grow);
//   - one whose mean is 0 while its interval is not (+Inf), which only a KPI that can be
//     below 0 has. More replications move the mean off 0, so the run goes on, a tenth more at
//     a time, as the spread says nothing yet of the count needed.
//
// A mean of 0 whose interval is 0 wide too (every replication gave 0) is exact, as any
// other mean with no spread: its precision is 0 and the first batch is enough.
type Precision struct {
	// KPI and Period are the positions of the estimate's KPI and period in Results.KPIs and
	// Results.Periods.
	KPI, Period int
	// Level is the confidence level of the interval, between 0 and 1: 0.9 for 90%.
	Level float64
	// Share is the precision wanted, the half-width as a share of the mean: 0.05 for within
	// 5% of the mean. It must be finite and greater than 0.
	Share float64
	// FirstReps is the number of replications of the first batch, from 2 to MaxReps.
	FirstReps int
	// MaxReps is the most replications the run may have, at least 2.
	MaxReps int
	// Fits, when not nil, says whether the run may grow to reps replications (whether they
	// fit in the machine's memory, say). Before each batch after the first it is asked of the
	// count the batch aims at: if not, the run stops there, short of Share (Precise.NoRoom).
	Fits func(reps int) bool
}

// Validate reports every field of p that does not fit the results res (the KPIs and periods
// they record), or the rule.
func (p Precision) Validate(res *Results) error {
	var errs []error
	if p.KPI < 0 || p.KPI >= len(res.KPIs) {
		errs = append(errs, fmt.Errorf("precision: KPI %d: no such KPI (the results record %d)", p.KPI, len(res.KPIs)))
	}
	if p.Period < 0 || p.Period >= len(res.Periods) {
		errs = append(errs, fmt.Errorf("precision: period %d: no such period (the results record %d)", p.Period, len(res.Periods)))
	}
	if !(p.Level > 0 && p.Level < 1) {
		errs = append(errs, fmt.Errorf("precision: level must be between 0 and 1 (0.9 for 90%%), not %v", p.Level))
	}
	if !(p.Share > 0) || math.IsInf(p.Share, 1) {
		errs = append(errs, fmt.Errorf("precision: share must be finite and greater than 0 (0.05 for 5%%), not %v", p.Share))
	}
	if p.MaxReps < 2 {
		errs = append(errs, fmt.Errorf("precision: the most replications must be at least 2, not %d", p.MaxReps))
	}
	if p.FirstReps < 2 || p.FirstReps > max(p.MaxReps, 2) {
		errs = append(errs, fmt.Errorf("precision: the first batch must be from 2 to %d replications, not %d", max(p.MaxReps, 2), p.FirstReps))
	}
	return errors.Join(errs...)
}

// Of returns the precision of the estimate in res: the half-width of the confidence interval
// of its mean as a share of the mean, 0 when the half-width is 0, +Inf when the mean is 0 and
// the half-width is not, and NaN when there is no mean (no replication, or a share of
// nothing in every one).
func (p Precision) Of(res *Results) float64 {
	mean, half, _ := res.MeanInterval(p.Period, p.KPI, p.Level)
	if half == 0 {
		return 0
	}
	return half / math.Abs(mean)
}

// Next returns what the rule does after n replications whose precision is rel: stop, or run
// replications until there are next.
func (p Precision) Next(n int, rel float64) (next int, stop bool) {
	if rel <= p.Share || n >= p.MaxReps || math.IsNaN(rel) {
		return n, true
	}
	next = n + n/10 + 1
	ratio := rel / p.Share
	if need := float64(n) * ratio * ratio; !math.IsInf(need, 0) && !math.IsNaN(need) {
		next = max(next, int(math.Ceil(min(need, float64(4*n)))))
	}
	return min(next, p.MaxReps), false
}

// Precise is how a run to a precision ended.
type Precise struct {
	// Reps is the number of replications run.
	Reps int
	// Rel is the precision after the last batch: the half-width of the interval as a share
	// of the mean (see Precision.Of): NaN when the estimate has no value, +Inf when its mean is
	// 0 and its interval is not.
	Rel float64
	// Met says whether Rel is within Precision.Share; it is false when the run stopped at
	// MaxReps short of it, or after its first batch as the estimate had no value (Rel NaN), or
	// before a batch that Precision.Fits refused (NoRoom).
	Met bool
	// NoRoom, when not 0, is the count of replications the next batch aimed at, which
	// Precision.Fits refused: the run stopped before it, short of Share.
	NoRoom int
}

// AddToPrecision adds replications in batches until p says stop (see Precision), and returns
// how it ended. Replications the runner already has count towards the first batch. progress,
// when not nil, is told after each replication how many the runner has in all; the runner's
// own progress function is set aside meanwhile. It returns an error if p does not validate,
// and Add's error if a batch fails, after which the runner should not be used again.
func (rn *Runner) AddToPrecision(p Precision, progress func(done int)) (Precise, error) {
	if err := p.Validate(rn.res); err != nil {
		return Precise{}, err
	}
	defer rn.SetProgress(rn.opt.Progress)
	n := max(p.FirstReps, len(rn.res.Reps))
	for {
		if have := len(rn.res.Reps); n > have {
			rn.SetProgress(nil)
			if progress != nil {
				rn.SetProgress(func(done int) { progress(have + done) })
			}
			if err := rn.Add(n - have); err != nil {
				return Precise{}, err
			}
		}
		rel := p.Of(rn.res)
		next, stop := p.Next(n, rel)
		if stop {
			return Precise{Reps: len(rn.res.Reps), Rel: rel, Met: rel <= p.Share}, nil
		}
		if p.Fits != nil && !p.Fits(next) {
			return Precise{Reps: len(rn.res.Reps), Rel: rel, NoRoom: next}, nil
		}
		n = next
	}
}
