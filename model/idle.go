package model

import "fmt"

// Idle returns the interventions of a valid scenario that act on nothing it has, so that they
// change nothing: a factor on a rate that is zero (a UASC surge where no UASC arrive, early help
// where no child enters, a faster step-down where no child can step down), a change to carers
// the scenario has none of. A what-if written for the default county and laid over a council's
// own scenario that lacks what it acts on runs, and shows £0 everywhere: each Problem names the
// intervention's field and, in its message, the field to set. Such a scenario is valid; the
// problems are warnings.
func (s *Scenario) Idle() Problems {
	var ps Problems
	add := func(i int, field, format string, args ...any) {
		ps = append(ps, Problem{Field: fmt.Sprintf("interventions[%d].%s", i, field), Message: fmt.Sprintf(format, args...)})
	}
	kindName := func(k KindID) string {
		if k >= 0 && int(k) < len(s.Kinds) {
			return s.Kinds[k].Name
		}
		return ""
	}
	for i, iv := range s.Interventions {
		switch iv.Action {
		case UASCSurge:
			if s.UASC.PerYear == 0 && !s.addsUASC() && iv.Factor != 1 {
				add(i, "factor", "multiplies the UASC arriving, and none arrive (uasc.per_year is 0), so it changes nothing: set uasc.per_year to the UASC the council sees arrive a year, or give the surge per_year, the arrivals it adds")
			}
		case EntryRate:
			if s.Entries.PerYear == 0 && iv.Factor != 1 {
				add(i, "factor", "multiplies the entry rate, and no child enters (entries.per_year is 0), so it changes nothing: set entries.per_year")
			}
		case StepDownRate:
			if !s.AnyStepDown() && iv.Factor != 1 {
				add(i, "factor", "multiplies the chance that a child in residential care is ready to step down, and it is 0 for every need (step_down.ready_share), so it changes nothing: set step_down.ready_share")
			}
		case EscalationRate:
			if !s.anyEscalation() && iv.Factor != 1 {
				add(i, "factor", "multiplies the share of breakdowns that raise a child's needs, and it is 0 (escalation_share, escalation_by_age), so it changes nothing: set escalation_share")
			}
		case BreakdownRate:
			if !s.anyBreakdown(iv.Kind) && iv.Factor != 1 {
				where := "every kind"
				if iv.Kind != AnyKind {
					where = kindName(iv.Kind)
				}
				add(i, "factor", "multiplies the breakdown rates of %s, and they are 0, so it changes nothing: set breakdown_per_year", where)
			}
		case Retention:
			if k := iv.Kind; k >= 0 && int(k) < len(s.Kinds) && s.Kinds[k].Carers != nil && s.Kinds[k].Carers.Households == 0 && !s.approves(k) && iv.Factor != 1 {
				add(i, "factor", "changes how many carers of %s leave, and it has none (carers.households is 0) and no intervention approves any, so it changes nothing: set carers.households of %s", kindName(k), kindName(k))
			}
		case LeaverPlaces:
			if s.CareLeavers.Share == 0 {
				add(i, "count", "sets the places of the care leavers' accommodation, and no young person goes there (care_leavers.share is 0), so it changes nothing: set care_leavers.share")
			}
		}
	}
	return ps
}

// addsUASC reports whether a uasc_surge adds arrivals of its own (per_year).
func (s *Scenario) addsUASC() bool {
	for _, iv := range s.Interventions {
		if iv.Action == UASCSurge && iv.PerYear > 0 {
			return true
		}
	}
	return false
}

// anyEscalation reports whether some breakdown can raise a child's needs.
func (s *Scenario) anyEscalation() bool {
	if s.EscalationShare > 0 {
		return true
	}
	for _, b := range s.EscalationByAge {
		if b.Share > 0 {
			return true
		}
	}
	return false
}

// anyBreakdown reports whether placements in kind k (every kind for AnyKind) break down.
func (s *Scenario) anyBreakdown(k KindID) bool {
	for i, kd := range s.Kinds {
		if k != AnyKind && KindID(i) != k {
			continue
		}
		for _, r := range kd.BreakdownPerYear {
			if r > 0 {
				return true
			}
		}
	}
	return false
}

// approves reports whether an intervention adds carer households to kind k.
func (s *Scenario) approves(k KindID) bool {
	for _, iv := range s.Interventions {
		if (iv.Action == ExtraApprovals || iv.Action == AddHouseholds) && iv.Kind == k {
			return true
		}
	}
	return false
}
