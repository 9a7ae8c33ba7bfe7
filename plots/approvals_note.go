package plots

import (
	"fmt"
	"math"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// ApprovalsNote says, under the list of what strategy s changes, when the first households of
// its extra approvals arrive (the earliest extra_approvals' from plus its pool's assessment
// days: approvals follow the assessment) and how many more of the council's own foster carer
// households than baseline s has on the run's last day, from rows (the comparison's rows,
// carer_households_end over the whole run): "Approvals follow the 273-day assessment: the
// first extra households of in-house foster care arrive from 30 December 2026, and on the run's
// last day the strategy has 111.8 more of the council's own foster carer households than
// default (the mean of the paired runs)." It returns "" for a strategy that approves no extra
// carers, or whose rows do not give the households.
func ApprovalsNote(s *model.Scenario, baseline string, rows []CompareRow) string {
	var first time.Time
	var days float64
	var label string
	for _, iv := range s.Interventions {
		if iv.Baseline || iv.Action != model.ExtraApprovals || iv.Kind < 0 || int(iv.Kind) >= len(s.Kinds) {
			continue
		}
		k := s.Kinds[iv.Kind]
		if k.Carers == nil {
			continue
		}
		if arrives := iv.From.Add(time.Duration(k.Carers.AssessmentDays * 24 * float64(time.Hour))); first.IsZero() || arrives.Before(first) {
			first, days, label = arrives, k.Carers.AssessmentDays, labelOf(k)
		}
	}
	if first.IsZero() {
		return ""
	}
	for _, row := range rows {
		if row.Scenario != s.Name || row.KPI != sim.CarerHouseholdsEnd || row.Period != sim.WholeRun || math.IsNaN(row.DiffMean) {
			continue
		}
		more := "more"
		if row.DiffMean < 0 {
			more = "fewer"
		}
		return fmt.Sprintf("Approvals follow the %s-day assessment: the first extra households of %s arrive from %s, and on the run's last day "+
			"the strategy has %.1f %s of the council's own foster carer households than %s (the mean of the paired runs).",
			model.FormatNumber(days), lowerFirst(label), first.Format("2 January 2006"), math.Abs(row.DiffMean), more, baseline)
	}
	return ""
}
