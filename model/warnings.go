package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// schemeThresholdShare is the National Transfer Scheme's threshold since August 2022, the
// highest it has had: a share at or below it is never warned of. maxThresholdShare is the
// largest share taken as meant without a warning: 1% of the child population, ten times the
// scheme's.
const (
	schemeThresholdShare = 0.001
	maxThresholdShare    = 0.01
)

// Warnings returns what a valid scenario allows but most likely does not mean, as problems by
// field: a National Transfer Scheme threshold written as a percentage (0.07 for 0.07%), which
// no council's UASC reach; and a stepdown_rate whose factor lifts a chance of being ready to
// step down above 1, where it stops, every review finding every such child ready. A scenario
// with warnings still runs.
func (s *Scenario) Warnings() Problems {
	var ps Problems
	if p, ok := s.thresholdWarning(); ok {
		ps = append(ps, p)
	}
	ps = append(ps, s.warmupChanges()...)
	for i, iv := range s.Interventions {
		c, ok := s.StepDownCeiling(i)
		if !ok {
			continue
		}
		most, lifted, where := c.MostFactor, c.Lifted, c.Where
		mul := s.stepDownPeak(i)
		by := "by " + fmtFloat(iv.Factor)
		if mul != iv.Factor {
			by += fmt.Sprintf(" (by %s with the stepdown_rate in force beside it)", fmtFloat(mul))
		}
		most = math.Floor(most*100) / 100
		ps = append(ps, Problem{Field: fmt.Sprintf("interventions[%d].factor", i), Message: fmt.Sprintf(
			"multiplies %s %s to %s, more than 1: a chance stops at 1, so every review then finds every such child ready to step down, whatever the factor above %s: give a factor of at most %s to keep it a chance",
			where, by, fmtFloat(lifted), fmtFloat(most), fmtFloat(most))})
	}
	return ps
}

// ReadyCeiling is how far a stepdown_rate intervention lifts the largest chance of being
// ready to step down above 1 (Scenario.StepDownCeiling).
type ReadyCeiling struct {
	// MostFactor is the largest factor that would keep every chance at most 1, with the
	// stepdown_rate interventions in force beside it.
	MostFactor float64
	// Lifted is the largest chance the intervention's factor lifts one to, above 1.
	Lifted float64
	// Where names the chance lifted, its field and need and value before the factor:
	// "step_down.ready_share.complex 0.15".
	Where string
}

// StepDownCeiling returns how far the stepdown_rate intervention i lifts a chance of being
// ready to step down above 1 (with the stepdown_rate interventions in force beside it); ok is
// false for any other intervention, or one that lifts none above 1.
func (s *Scenario) StepDownCeiling(i int) (c ReadyCeiling, ok bool) {
	top, where := s.topReadyShare()
	if i < 0 || i >= len(s.Interventions) || s.Interventions[i].Action != StepDownRate || top == 0 {
		return ReadyCeiling{}, false
	}
	mul := s.stepDownPeak(i)
	if top*mul <= 1 {
		return ReadyCeiling{}, false
	}
	return ReadyCeiling{MostFactor: s.Interventions[i].Factor / (top * mul), Lifted: top * mul, Where: where}, true
}

// UASCEverInCare returns the UASC the run could ever have in care were none to leave, whom
// the National Transfer Scheme's threshold counts: stock, those in care at its start (the
// stock groups marked UASC), and arrive, those expected to arrive over the run, warm-up
// included (uasc.per_year with the uasc_surge interventions in force).
func (s *Scenario) UASCEverInCare() (stock, arrive float64) {
	for _, g := range s.Stock {
		if g.UASC {
			stock += float64(g.Count)
		}
	}
	_, arrive = s.expectedEntries()
	return stock, arrive
}

// warmupChanges returns a warning for each change of the strategy dated before the run's first
// reported day (Start), in the warm-up: it acts there, where nothing is counted, so the run
// starts with what it changed already in place and what it cost before the start is left out
// of every figure and of the business case. An open_home decided before the start warns only
// when its home opens before it, or its yearly running cost starts before it; a change the
// baseline expects anyway (Baseline), which changes nothing, and an inflation rate, which is
// not the strategy's, never warn. A one-off cost in the warm-up is refused (Validate).
func (s *Scenario) warmupChanges() Problems {
	start := dateOnly(s.Start)
	on := start.Format(time.DateOnly)
	var ps Problems
	for i, iv := range s.Interventions {
		if iv.Baseline || iv.Action == Inflation || !dateOnly(iv.From).Before(start) {
			continue
		}
		name := iv.Action.String()
		if iv.Label != "" {
			name = fmt.Sprintf("%s (%s)", iv.Label, iv.Action)
		}
		from := dateOnly(iv.From).Format(time.DateOnly)
		field := fmt.Sprintf("interventions[%d].from", i)
		cost := "what it cost before then"
		if !iv.Cost.Any() {
			cost = "what it would have cost before then"
		}
		if iv.Action == OpenHome {
			opens := dateOnly(iv.From).AddDate(0, 0, int(math.Round(iv.LeadTimeDays)))
			// The yearly cost starts at its own date, or at the decision (before the start).
			yearly := iv.Cost.PerYearGBP != 0 && (iv.Cost.PerYearFrom.IsZero() || dateOnly(iv.Cost.PerYearFrom).Before(start))
			switch {
			case opens.Before(start):
				ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(
					"%s, decided on %s, opens its home on %s, before the run's first day (start, %s): it holds children in the warm-up, where nothing is counted, so the run starts with the home open and full, and what it cost to run before then would not be counted; decide it on or after %s, or move the start back",
					name, from, opens.Format(time.DateOnly), on, on)})
			case yearly:
				ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(
					"%s, decided on %s, before the run's first day (start, %s), pays its running cost (cost.per_year_gbp) from then: what it cost before %s would not be counted; date the yearly cost from %s (cost.per_year_from), or move the start back",
					name, from, on, on, on)})
			}
			continue
		}
		if !iv.To.IsZero() && !dateOnly(iv.To).After(start) {
			ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(
				"%s runs from %s to %s, wholly before the run's first day (start, %s): it acts only in the warm-up, so the run starts with what it changed already in place, and neither that change nor %s would be counted; date it within the run, or move the start back",
				name, from, dateOnly(iv.To).Format(time.DateOnly), on, cost)})
			continue
		}
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(
			"%s takes effect on %s, before the run's first day (start, %s): it acts in the warm-up from then, so the run starts with what it changed before %s already in place, and neither that change nor %s would be counted (the business case would flatter it); date it from %s, or move the start back",
			name, from, on, on, cost, on)})
	}
	return ps
}

// thresholdWarning returns the warning for a National Transfer Scheme threshold above the
// scheme's 0.1% and either above 1% of the child population or above the UASC the run could
// ever have in care (UASCEverInCare: the scheme counts UASC only), so that it is never
// reached; false for none.
func (s *Scenario) thresholdWarning() (Problem, bool) {
	th := s.UASC.TransferThresholdShare
	if th <= schemeThresholdShare || s.ChildPopulation <= 0 {
		return Problem{}, false
	}
	children := th * float64(s.ChildPopulation)
	stock, arrive := s.UASCEverInCare()
	var more string
	switch {
	case children > stock+arrive:
		more = fmt.Sprintf("more than the %s UASC the run could ever have in care, whom alone the threshold counts (the %s UASC in care at its start and the %s expected to arrive over its %s, were none to leave), so it is never reached",
			fmtCount(stock+arrive), fmtCount(stock), fmtCount(arrive), s.runLength())
	case th > maxThresholdShare:
		more = fmt.Sprintf("more than the %s%% (%s children) beyond which no council's UASC go", fmtFloat(maxThresholdShare*100), fmtCount(maxThresholdShare*float64(s.ChildPopulation)))
	default:
		return Problem{}, false
	}
	return Problem{Field: "uasc.transfer_threshold_share", Message: fmt.Sprintf(
		"%s is %s%% of the child population (%s children), %s: the National Transfer Scheme's threshold is 0.1%% (0.001), or 0.07%% (0.0007) before August 2022; write the share, not the percentage",
		fmtFloat(th), fmtFloat(th*100), fmtCount(children), more)}, true
}

// runLength says how long the run is, warm-up and years apart, as a warning counting over the
// whole run says it: "10 years", "2-year warm-up and 10 years", "2-year warm-up and 1 year".
func (s *Scenario) runLength() string {
	years := fmt.Sprintf("%d years", s.Years)
	if s.Years == 1 {
		years = "1 year"
	}
	if s.WarmupYears <= 0 {
		return years
	}
	return fmt.Sprintf("%d-year warm-up and %s", s.WarmupYears, years)
}

// expectedEntries returns the children expected to come into care over the run, warm-up
// included, month by month: entries, those other than UASC (entries.per_year with its trend
// and the entry_rate interventions of every child in force at each month's start), and uasc,
// the UASC (uasc.per_year with the uasc_surge interventions in force). It leaves out
// seasonality (a year's shares average 1) and the entry_rate interventions of some children.
func (s *Scenario) expectedEntries() (entries, uasc float64) {
	start := dateOnly(s.Start)
	end := start.AddDate(s.Years, 0, 0)
	for d := start.AddDate(-s.WarmupYears, 0, 0); d.Before(end); d = d.AddDate(0, 1, 0) {
		in := s.Entries.PerYear * math.Pow(1+s.Entries.TrendPerYear, d.Sub(start).Hours()/24/DaysPerYear)
		arrive := s.UASC.PerYear
		for _, iv := range s.Interventions {
			if d.Before(iv.From) || !iv.To.IsZero() && !d.Before(iv.To) {
				continue
			}
			switch {
			case iv.Action == EntryRate && iv.Who == nil:
				in *= iv.Factor
			case iv.Action == UASCSurge:
				arrive = arrive*iv.Factor + iv.PerYear
			}
		}
		next := d.AddDate(0, 1, 0)
		if next.After(end) {
			next = end
		}
		years := next.Sub(d).Hours() / 24 / DaysPerYear
		entries += in * years
		uasc += arrive * years
	}
	return entries, uasc
}

// topReadyShare returns the largest chance of being ready to step down a review can find, the
// scenario-wide step_down.ready_share's or a residential kind's own, and the field and need
// it is of ("step_down.ready_share.complex 0.15"); 0 for none above 0.
func (s *Scenario) topReadyShare() (float64, string) {
	var top float64
	var where string
	for n, p := range s.StepDown.ReadyShare {
		if p > top {
			top, where = p, fmt.Sprintf("step_down.ready_share.%s %s", Need(n), fmtFloat(p))
		}
	}
	for _, kd := range s.Kinds {
		if own := kd.StepDownReadyShare; own != nil && kd.Category == Residential {
			for n, p := range own {
				if p > top {
					top, where = p, fmt.Sprintf("kinds.%s.step_down_ready_share.%s %s", kd.Name, Need(n), fmtFloat(p))
				}
			}
		}
	}
	return top, where
}

// stepDownPeak returns the largest product of the factors of the stepdown_rate interventions
// in force at once while intervention i is.
func (s *Scenario) stepDownPeak(i int) float64 {
	ivs := s.Interventions
	in := func(iv Intervention, d time.Time) bool {
		return !d.Before(iv.From) && (iv.To.IsZero() || d.Before(iv.To))
	}
	peak := 0.0
	for _, jv := range ivs {
		if jv.Action != StepDownRate {
			continue
		}
		d := jv.From
		if d.Before(ivs[i].From) {
			d = ivs[i].From
		}
		if !in(ivs[i], d) {
			continue
		}
		mul := 1.0
		for _, kv := range ivs {
			if kv.Action == StepDownRate && in(kv, d) {
				mul *= kv.Factor
			}
		}
		peak = max(peak, mul)
	}
	return peak
}

// fmtFloat writes v in its shortest form: 0.07, 3, 6.6667 (to 4 decimals at most).
func fmtFloat(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

// fmtCount writes v rounded to a whole number with commas: 10,500.
func fmtCount(v float64) string {
	d := strconv.FormatInt(int64(math.Round(v)), 10)
	neg := strings.HasPrefix(d, "-")
	d = strings.TrimPrefix(d, "-")
	var b strings.Builder
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
