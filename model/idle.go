package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

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
			switch {
			case iv.Factor == 1:
			case !s.AnyStepDown():
				add(i, "factor", "multiplies the chance that a child in residential care is ready to step down, and it is 0 for every need (step_down.ready_share), so it changes nothing: set step_down.ready_share")
			case !s.anyPlaceable(Residential):
				add(i, "factor", "multiplies the chance that a child in residential care is ready to step down, and no child can be in residential care (%s), so it changes nothing: name a residential kind with places in a ladder's try, or place some of the stock in one", s.noResidential())
			case len(s.StepDown.Try) > 0 && !slices.ContainsFunc(s.StepDown.Try, s.hasPlaces):
				k := s.StepDown.Try[0]
				add(i, "factor", "multiplies the chance that a child in residential care is ready to step down, and no kind step_down.try names can ever take a child who steps down (%s), so it changes nothing: %s", s.noStepDownPlaces(), s.toPlace(k))
			}
		case Price:
			if k := iv.Kind; k >= 0 && int(k) < len(s.Kinds) && iv.Factor != 1 && !s.Placeable(k) {
				add(i, "factor", "multiplies the price of %s, and no child can be placed there (%s), so it changes nothing: %s", kindName(k), s.unplaceable(k), s.toPlace(k))
			}
		case AllowanceUplift:
			if k := iv.Kind; k >= 0 && int(k) < len(s.Kinds) && iv.WeeklyGBP != 0 && !s.Placeable(k) && (iv.Factor == 1 || !s.hasCarers(k)) {
				add(i, "weekly_gbp", "adds to the price of %s, and no child can be placed there (%s), so it changes nothing: %s", kindName(k), s.unplaceable(k), s.toPlace(k))
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

// Placeable reports whether a child can ever be placed in kind k: some of the stock is there
// at the start, or a ladder's try names it, or step_down.try does and some child can step
// down, and it has places or can come to have some (a market; carers at the start, approved
// a year or by an intervention; homes or block beds at the start or from an intervention).
// A kind for which it is false holds no child in any run, so that its price changes nothing.
func (s *Scenario) Placeable(k KindID) bool {
	if k < 0 || int(k) >= len(s.Kinds) {
		return false
	}
	for _, g := range s.Stock {
		if g.Kind == k && g.Count > 0 {
			return true
		}
	}
	return s.named(k) && s.hasPlaces(k)
}

// named reports whether a ladder's try names kind k, or step_down.try does and some child can
// step down.
func (s *Scenario) named(k KindID) bool {
	for _, l := range s.Ladders {
		if slices.Contains(l.Try, k) {
			return true
		}
	}
	return s.AnyStepDown() && slices.Contains(s.StepDown.Try, k)
}

// hasPlaces reports whether kind k has places at the start or can come to have some.
func (s *Scenario) hasPlaces(k KindID) bool {
	kd := &s.Kinds[k]
	switch kd.Supply {
	case Carers:
		return s.hasCarers(k)
	case Homes:
		for _, h := range kd.Homes {
			if h.Beds > 0 {
				return true
			}
		}
		return s.adds(k, OpenHome)
	case Block:
		for _, b := range kd.BlockBeds {
			if b.Beds > 0 {
				return true
			}
		}
		return s.adds(k, BlockBeds)
	}
	return true
}

// hasCarers reports whether the carer pool of kind k has households at the start or can
// approve some.
func (s *Scenario) hasCarers(k KindID) bool {
	c := s.Kinds[k].Carers
	return c != nil && (c.Households > 0 || c.ApprovalsPerYear > 0) || s.approves(k)
}

// adds reports whether an intervention of action a adds places (Count beds) to kind k.
func (s *Scenario) adds(k KindID, a Action) bool {
	for _, iv := range s.Interventions {
		if iv.Action == a && iv.Kind == k && iv.Count > 0 {
			return true
		}
	}
	return false
}

// anyPlaceable reports whether a child can be placed in some kind of category c.
func (s *Scenario) anyPlaceable(c Category) bool {
	for i, kd := range s.Kinds {
		if kd.Category == c && s.Placeable(KindID(i)) {
			return true
		}
	}
	return false
}

// unplaceable says why no child can be placed in kind k, which Placeable says of it.
func (s *Scenario) unplaceable(k KindID) string {
	if !s.named(k) {
		return "no ladder's try names it and none of the stock is there"
	}
	return "none of the stock is there and it has no places: " + s.noPlaces(k)
}

// noPlaces says what kind k, which has no places, lacks.
func (s *Scenario) noPlaces(k KindID) string {
	switch s.Kinds[k].Supply {
	case Carers:
		return "carers.households and carers.approvals_per_year are 0 and no intervention approves any"
	case Homes:
		return "it has no homes and no open_home opens one"
	case Block:
		return "it has no block_beds and no block_beds intervention contracts any"
	}
	return ""
}

// toPlace says what to set so that a child can be placed in kind k.
func (s *Scenario) toPlace(k KindID) string {
	name := s.Kinds[k].Name
	if !s.named(k) {
		return "name " + name + " in a ladder's try, or place some of the stock there"
	}
	switch s.Kinds[k].Supply {
	case Carers:
		return "set carers.households of " + name + ", or add an extra_approvals or add_households intervention"
	case Homes:
		return "give " + name + " homes, or add an open_home intervention"
	case Block:
		return "give " + name + " block_beds, or add a block_beds intervention"
	}
	return ""
}

// noResidential says why no child can be in residential care: each residential kind's reason.
func (s *Scenario) noResidential() string {
	var why []string
	for i, kd := range s.Kinds {
		if kd.Category == Residential {
			why = append(why, kd.Name+": "+s.unplaceable(KindID(i)))
		}
	}
	if len(why) == 0 {
		return "the scenario has no residential kind"
	}
	return strings.Join(why, "; ")
}

// noStepDownPlaces says why no kind of step_down.try, none of which has places (hasPlaces),
// can take a child: each kind's reason.
func (s *Scenario) noStepDownPlaces() string {
	var why []string
	for _, k := range s.StepDown.Try {
		if k >= 0 && int(k) < len(s.Kinds) {
			why = append(why, s.Kinds[k].Name+": "+s.noPlaces(k))
		}
	}
	return strings.Join(why, "; ")
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

// ActsOnNothing returns what in a valid scenario acts on nothing it has, so that it changes
// nothing: its interventions (Idle), then the fields that changed (IdleChanges), changed
// reporting whether a field was changed (nil: none was). Every place that warns of what acts
// on nothing says these, the command line and the board packs alike.
func (s *Scenario) ActsOnNothing(changed func(field string) bool) Problems {
	ps := s.Idle()
	if changed != nil {
		ps = append(ps, s.IdleChanges(changed)...)
	}
	return ps
}

// SameAs reports whether field, one that IdleChanges or MarketIdle asks changed about, has the
// same value in s as in base, so that writing it changes nothing: uasc.transfer_threshold_share,
// and kinds[i].weekly_gbp, kinds[i].capacity_places and kinds[i].local_share against the kind
// of the same name in base (none there: not the same). Any other field is not the same.
func (s *Scenario) SameAs(base *Scenario, field string) bool {
	if field == "uasc.transfer_threshold_share" {
		return s.UASC.TransferThresholdShare == base.UASC.TransferThresholdShare
	}
	var i int
	if n, _ := fmt.Sscanf(field, "kinds[%d].", &i); n != 1 || i < 0 || i >= len(s.Kinds) {
		return false
	}
	k := &s.Kinds[i]
	j := slices.IndexFunc(base.Kinds, func(b Kind) bool { return b.Name == k.Name })
	if j < 0 {
		return false
	}
	b := &base.Kinds[j]
	switch strings.TrimPrefix(field, fmt.Sprintf("kinds[%d]", i)) {
	case ".weekly_gbp":
		return b.WeeklyCostGBP == k.WeeklyCostGBP
	case ".capacity_places":
		return b.CapacityPlaces == k.CapacityPlaces
	case ".local_share":
		return b.LocalShare == k.LocalShare
	}
	return false
}

// OwnIdle returns the problems of idle, what in s acts on nothing it has (ActsOnNothing,
// MarketIdle), that are not its baseline base's: a problem is base's when baseIdle, what in base
// acts on nothing, has one of the same field and s has there what base has: the same
// intervention at that index of Interventions, or a field SameAs base's. A strategy that
// changes an idle field to another idle value keeps the problem, as its own change. base nil
// keeps every problem.
func (s *Scenario) OwnIdle(idle Problems, base *Scenario, baseIdle Problems) Problems {
	if base == nil {
		return idle
	}
	var out Problems
	for _, p := range idle {
		if !slices.ContainsFunc(baseIdle, func(b Problem) bool { return b.Field == p.Field }) || !s.sameAt(base, p.Field) {
			out = append(out, p)
		}
	}
	return out
}

// sameAt reports whether s has at field, the field of a problem of ActsOnNothing or MarketIdle,
// what base has: the same intervention at the index interventions[i] names, or a field SameAs.
func (s *Scenario) sameAt(base *Scenario, field string) bool {
	var i int
	if n, _ := fmt.Sscanf(field, "interventions[%d]", &i); n == 1 {
		return i >= 0 && i < len(s.Interventions) && i < len(base.Interventions) &&
			reflect.DeepEqual(s.Interventions[i], base.Interventions[i])
	}
	return s.SameAs(base, field)
}

// MarketIdle returns the fields of a valid scenario, a council's of a region, that changed
// acts on nothing because the region's shared market supplies the kind they belong to
// (shared reports whether it does of a kind's name): kinds[i].capacity_places, where it caps
// the places (unlimited, which calibrate writes, caps nothing), and kinds[i].local_share of a
// Market kind, which the market's providers replace (see
// Region.CouncilScenario). changed is as for IdleChanges.
func (s *Scenario) MarketIdle(shared func(kind string) bool, changed func(field string) bool) Problems {
	var ps Problems
	for i, kd := range s.Kinds {
		if kd.Supply != Market || !shared(kd.Name) {
			continue
		}
		// No cap (0, which files write unlimited) caps nothing, and so is not said.
		if f := fmt.Sprintf("kinds[%d].capacity_places", i); kd.CapacityPlaces > 0 && changed(f) {
			ps = append(ps, Problem{Field: f, Message: fmt.Sprintf("caps the places of %s, and the region's shared market of %s gives the council its places in place of the cap, so it changes nothing: give the market's providers the places (markets[].providers[].places)", kd.Name, kd.Name)})
		}
		if f := fmt.Sprintf("kinds[%d].local_share", i); changed(f) {
			ps = append(ps, Problem{Field: f, Message: fmt.Sprintf("is the share of the places of %s that are local, and the region's shared market of %s gives the council its places in place of it (a place is local when its provider lies within 20 miles), so it changes nothing: give the market's providers zones (markets[].providers[].zone)", kd.Name, kd.Name)})
		}
	}
	return ps
}

// IdleChanges returns the fields of a valid scenario that changed acts on nothing it has, so
// that the change makes no difference: the National Transfer Scheme threshold
// (uasc.transfer_threshold_share) where no UASC arrive, and the price of a kind
// (kinds[i].weekly_gbp) no child can be placed in (Placeable). changed reports whether a field
// was changed: a file that extends another, or a --set, gave it. Each Problem names the field
// and, in its message, the field to set.
func (s *Scenario) IdleChanges(changed func(field string) bool) Problems {
	var ps Problems
	if s.UASC.TransferThresholdShare > 0 && s.UASC.PerYear == 0 && !s.addsUASC() && changed("uasc.transfer_threshold_share") {
		ps = append(ps, Problem{Field: "uasc.transfer_threshold_share", Message: "is the threshold beyond which arriving UASC are transferred, and none arrive (uasc.per_year is 0 and no uasc_surge adds any), so it changes nothing: set uasc.per_year to the UASC the council sees arrive a year"})
	}
	for i, kd := range s.Kinds {
		f := fmt.Sprintf("kinds[%d].weekly_gbp", i)
		if k := KindID(i); !s.Placeable(k) && changed(f) {
			ps = append(ps, Problem{Field: f, Message: fmt.Sprintf("is the price of %s, and no child can be placed there (%s), so it changes nothing: %s", kd.Name, s.unplaceable(k), s.toPlace(k))})
		}
	}
	return ps
}
