package sim

import "github.com/placesim/placesim/model"

// intervene starts (or, at its end date, stops) intervention i.
func (r *run) intervene(i int, start bool) {
	iv := &r.c.ivs[i]
	k := int(iv.Kind)
	switch iv.Action {
	case model.AddHouseholds:
		if start {
			for range iv.Count {
				r.addHousehold(k, r.c.s.Kinds[k].Carers.NewCarerAgeMix)
				r.bumpMonth(r.c.lay.mApprovals, 1)
				if iv.Cost.PerUnitGBP > 0 {
					// The programme pays for recruiting its households, in place of the pool.
					r.payProgramme(i, iv.Cost.PerUnitGBP)
				} else {
					r.bumpMonth(r.c.lay.mCostRecruit, r.c.s.Kinds[k].Carers.RecruitmentCostPerApprovalGBP*r.c.monthFactor[r.month])
				}
			}
		}
	case model.OpenHome:
		if start {
			r.schedule(iv.from+iv.LeadTimeDays, evHomeOpen, int32(i), 0)
		}
	case model.CloseHome:
		if start {
			beds := r.closeHome(k, iv.Name)
			r.payProgramme(i, float64(beds)*iv.Cost.PerUnitGBP)
		}
	case model.BlockBeds:
		if start {
			r.ivUnit[i] = r.addBlock(k, iv.Count, iv.Local, iv.FixedCostPerYearGBP)
			r.payProgramme(i, float64(iv.Count)*iv.Cost.PerUnitGBP)
		} else {
			r.endBlock(r.ivUnit[i])
		}
	case model.Capacity:
		r.kinds[k].capacity = int32(r.c.s.Kinds[k].CapacityPlaces)
		if start {
			r.kinds[k].capacity = int32(iv.Count)
		}
		r.places[k].set(r.now, float64(r.kinds[k].capacity))
		r.placesFreed(k)
	case model.LeaverPlaces:
		r.ivActive[i] = start
		r.clPlaces = r.c.s.CareLeavers.Places
		if j := r.latestLeaverPlaces(); j >= 0 {
			r.clPlaces = r.c.ivs[j].Count
		}
	case model.Retention, model.AllowanceUplift, model.StepDownRate, model.Price:
		// Prices change: cost what has accrued so far at the old prices.
		r.flushCosts()
		r.ivActive[i] = start
		r.setFactors()
	}
}

// latestLeaverPlaces returns the care_leaver_places in force now that started last (the
// later listed of two that start on the same day), or -1 when none is, as capacity's
// later intervention replaces an earlier one: when two overlap, the later one's count
// holds until it ends, and the earlier one's, if still in force, returns after. It reads
// every intervention, and runs only as a care_leaver_places starts or ends.
func (r *run) latestLeaverPlaces() int {
	best := -1
	for j := range r.c.ivs {
		if r.c.ivs[j].Action != model.LeaverPlaces || !r.ivActive[j] {
			continue
		}
		if best < 0 || r.c.ivs[j].from >= r.c.ivs[best].from {
			best = j
		}
	}
	return best
}

// setFactors works out the retention, price and step-down multipliers and the allowance
// uplifts from the interventions in force.
func (r *run) setFactors() {
	for k := range r.c.nKinds + 1 {
		r.priceMult[k], r.allowance[k] = 1, 0
		if k < r.c.nKinds {
			r.retention[k] = 1
		}
	}
	r.stepdownMul = 1
	for i, iv := range r.c.ivs {
		if !r.ivActive[i] {
			continue
		}
		k := int(iv.Kind)
		switch iv.Action {
		case model.Retention:
			r.retention[k] *= iv.Factor
		case model.AllowanceUplift:
			r.allowance[k] += iv.WeeklyGBP
			if r.c.carerKind[k] {
				r.retention[k] *= iv.Factor
			}
		case model.StepDownRate:
			r.stepdownMul *= iv.Factor
		case model.Price:
			r.priceMult[k] *= iv.Factor
		}
	}
}
