package model

import (
	"math"
	"time"
)

// Work is an upper estimate of what one replication of a scenario does, worked out from its
// rates before anything is simulated. Validate refuses a scenario whose Children or Households
// exceed MaxChildrenPerRun or MaxHouseholdsPerRun; the simulator derives its work budget from
// it.
type Work struct {
	// Children is the expected number of children in care over the run: the starting stock,
	// and the entries and UASC arrivals expected over the warm-up and reported years at the
	// scenario's rates, trend and seasonality, with every intervention that raises them at its
	// largest, as if in force throughout.
	Children float64
	// Households is the expected number of carer households over the run: those at the start
	// and those approved or added by interventions.
	Households float64
	// ChildYears bounds the years children spend in care over the run: each child stays at
	// most 18 years and at most the length of the run.
	ChildYears float64
	// Events bounds the number of events one replication fires: month ends, a handful per
	// child and household, and per child-year in care the most breakdowns, emergency retries
	// and step-down reviews the scenario's rates allow.
	Events float64
}

// EstimateWork returns the upper estimate of the work of one replication of s. It assumes s
// validates apart from the work itself; for a scenario with a field outside its range the
// figures may be infinite (they are when its years or warm-up years are out of range).
func (s *Scenario) EstimateWork() Work {
	if !limYears.Contains(float64(s.Years)) || !limWarmupYears.Contains(float64(s.WarmupYears)) {
		inf := math.Inf(1)
		return Work{Children: inf, Households: inf, ChildYears: inf, Events: inf}
	}
	years := float64(s.Years + s.WarmupYears)
	var w Work

	// Entries, month by month from the start of the warm-up, at the higher end of each
	// month's trend.
	entryMul, uascMul, uascExtra, approvalsExtra, added := 1.0, 1.0, 0.0, 0.0, 0.0
	for _, iv := range s.Interventions {
		switch iv.Action {
		case EntryRate:
			entryMul *= max(1, iv.Factor)
		case UASCSurge:
			uascMul *= max(1, iv.Factor)
			uascExtra += iv.PerYear
		case ExtraApprovals:
			approvalsExtra += iv.PerYear
		case AddHouseholds:
			added += float64(iv.Count)
		}
	}
	seasonal := s.Entries.Seasonality != [12]float64{}
	month := s.Start.Month()
	for m := -12 * s.WarmupYears; m < 12*s.Years; m++ {
		y := float64(m) / 12
		f := max(math.Pow(1+s.Entries.TrendPerYear, y), math.Pow(1+s.Entries.TrendPerYear, y+1.0/12))
		if seasonal {
			i := (int(month) - 1 + m) % 12
			if i < 0 {
				i += 12
			}
			f *= s.Entries.Seasonality[time.Month(i+1)-1]
		}
		w.Children += s.Entries.PerYear / 12 * f
	}
	w.Children *= entryMul
	w.Children += (s.UASC.PerYear*uascMul + uascExtra) * years
	for _, g := range s.Stock {
		w.Children += float64(g.Count)
	}
	// The young people after care at the start hold a child's slot each.
	w.Children += float64(s.StayingPut.Stock + s.CareLeavers.Stock)

	var approvals, maxBreakdown float64
	for _, k := range s.Kinds {
		for _, b := range k.BreakdownPerYear {
			maxBreakdown = max(maxBreakdown, b)
		}
		if p := k.Carers; k.Supply == Carers && p != nil {
			w.Households += float64(p.Households)
			approvals += p.ApprovalsPerYear * (years + p.AssessmentDays/DaysPerYear)
		}
	}
	w.Households += approvals + approvalsExtra*years + added

	w.ChildYears = w.Children * min(18, years)
	perChildYear := maxBreakdown
	if s.Emergency.RetryDays > 0 {
		perChildYear += DaysPerYear / s.Emergency.RetryDays
	}
	if s.AnyStepDown() && s.StepDown.ReviewDays > 0 {
		perChildYear += DaysPerYear / s.StepDown.ReviewDays
	}
	w.Events = 12*years + 2 + 8*w.Children + w.ChildYears*perChildYear + 6*w.Households +
		2*float64(len(s.Interventions))
	return w
}

// work reports a scenario whose fields each lie in their range but which together would bring
// more children or carer households into the run than the simulator takes.
func (c *checker) work(s *Scenario) {
	w := s.EstimateWork()
	if !limRunChildren.Contains(w.Children) {
		field := "entries.per_year"
		if s.Entries.PerYear == 0 {
			field = "uasc.per_year"
		}
		c.add(field, "the run would bring %s children into care (stock, entries and UASC over %d years, with trend and interventions); at most %s: lower the rates, the trend or the years",
			about(w.Children), s.Years+s.WarmupYears, FormatNumber(limRunChildren.Max))
	}
	if !limRunHouseholds.Contains(w.Households) {
		c.add("kinds", "the run would have %s carer households (at the start, approved and added over %d years); at most %s: lower households or approvals",
			about(w.Households), s.Years+s.WarmupYears, FormatNumber(limRunHouseholds.Max))
	}
}

// about writes a large estimate for a message: "about 2,400,000", or "over a trillion".
func about(v float64) string {
	if !(v < 1e12) {
		return "over a trillion"
	}
	return "about " + FormatNumber(math.Round(v))
}
