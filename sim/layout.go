package sim

import "github.com/placesim/placesim/model"

// layout names every metric recorded for each reported month (Monthly) and every KPI
// reported for each financial year and the whole run (KPIs), and gives the index of each
// within a replication's arrays. Indices of per-kind metrics are the base index plus the kind;
// -1 marks a kind without that metric.
type layout struct {
	monthly []string
	kpis    []string

	// Monthly metrics. Stocks are counts at the end of the month; flows are totals over it.
	mCLA, mUASC, mStayingPut, mCareLeavers, mDistant           int
	mSex                                                       [2]int // girls, boys
	mKind, mAge, mNeed, mWanted, mPlaces, mVacant, mHouseholds []int
	mEntries, mExits, mMoves, mBreakdowns, mStepdowns          int
	mEmergency, mApprovals, mDeregs, mSplits, mTransferred     int
	mCLUnmet                                                   int
	mExitRoute                                                 []int
	mCostTotal, mCostSP, mCostCL, mCostSupport, mCostRecruit   int
	mCostKind                                                  []int
	// The spending split: placements, carers, the council's own provision and programmes.
	mCostPlacements, mCostCarers, mCostOwn, mCostProgramme int

	// KPIs.
	kCLA, kUASC, kStayingPut, kEntries, kExits, kMoves, kBreakdowns, kStepdowns int
	kEmergency, kFirstChoice, kApprovals, kDeregs, kHouseholdsEnd, kSplits      int
	kTransferred, kCLUnmet, kDistant, kThreePlus                                int
	kCostTotal, kCostSP, kCostCL, kCostSupport, kCostRecruit                    int
	kCostPlacements, kCostCarers, kCostOwn, kCostProgramme                      int
	kExitRoute, kOccupied, kPlaces, kCostKind, kShare                           []int
	kOccCategory                                                                [model.NumCategories]int
	kMatches, kFirstMatches, kDistantAvg, kKidsInYear, kThreeKids               int

	// ratios lists the share KPIs, each with the KPIs of its numerator and denominator.
	ratios []Ratio

	// The sufficiency gap of each kind of households, homes or block beds (see gap.go).
	gaps []gapLayout
}

func (l *layout) addM(name string) int {
	l.monthly = append(l.monthly, name)
	return len(l.monthly) - 1
}
func (l *layout) addK(name string) int { l.kpis = append(l.kpis, name); return len(l.kpis) - 1 }

// kindNames returns the kinds' names with "emergency" after them.
func kindNames(s *model.Scenario) []string {
	names := make([]string, 0, len(s.Kinds)+1)
	for _, k := range s.Kinds {
		names = append(names, k.Name)
	}
	return append(names, "emergency")
}

func newLayout(c *compiled) layout {
	var l layout
	names := kindNames(c.s)
	perKind := func(add func(string) int, prefix string, keep func(k int) bool, n int) []int {
		idx := make([]int, n)
		for k := range n {
			idx[k] = -1
			if keep(k) {
				idx[k] = add(prefix + names[k])
			}
		}
		return idx
	}
	all := func(int) bool { return true }
	finite := func(k int) bool { return k < c.nKinds && c.finite[k] }
	carers := func(k int) bool { return k < c.nKinds && c.carerKind[k] }

	l.mCLA = l.addM("children_in_care")
	l.mKind = perKind(l.addM, "children_", all, c.nKinds+1)
	l.mAge = make([]int, len(ageBands))
	for i, b := range ageBands {
		l.mAge[i] = l.addM("children_age_" + b.name)
	}
	l.mNeed = make([]int, model.NumNeeds)
	for n := range model.NumNeeds {
		l.mNeed[n] = l.addM("children_need_" + n.String())
	}
	l.mSex = [2]int{l.addM("children_female"), l.addM("children_male")}
	l.mUASC = l.addM("uasc_in_care")
	l.mDistant = l.addM("children_placed_distant")
	l.mWanted = perKind(l.addM, "first_choice_", func(k int) bool { return k < c.nKinds }, c.nKinds+1)
	l.mPlaces = perKind(l.addM, "places_", finite, c.nKinds)
	l.mVacant = perKind(l.addM, "vacancies_", finite, c.nKinds)
	l.mHouseholds = perKind(l.addM, "carer_households_", carers, c.nKinds)
	l.mStayingPut = l.addM("staying_put")
	l.mCareLeavers = l.addM("care_leavers")
	l.mEntries = l.addM("entries")
	l.mExits = l.addM("exits")
	l.mExitRoute = make([]int, model.NumExitRoutes)
	for r := range model.NumExitRoutes {
		l.mExitRoute[r] = l.addM("exits_" + r.String())
	}
	l.mMoves = l.addM("moves")
	l.mBreakdowns = l.addM("breakdowns")
	l.mStepdowns = l.addM("stepdowns")
	l.mEmergency = l.addM("emergency_placements")
	l.mApprovals = l.addM("approvals")
	l.mDeregs = l.addM("deregistrations")
	l.mSplits = l.addM("sibling_splits")
	l.mTransferred = l.addM("uasc_transferred")
	l.mCLUnmet = l.addM("care_leavers_unmet")
	l.mCostTotal = l.addM("cost_total")
	l.mCostKind = perKind(l.addM, "cost_", all, c.nKinds+1)
	l.mCostSP = l.addM("cost_staying_put")
	l.mCostCL = l.addM("cost_care_leavers")
	l.mCostSupport = l.addM("cost_carer_support")
	l.mCostRecruit = l.addM("cost_recruitment")
	l.mCostPlacements = l.addM("cost_placements")
	l.mCostCarers = l.addM("cost_carers")
	l.mCostOwn = l.addM("cost_own_provision")
	l.mCostProgramme = l.addM("cost_programme")

	l.kCLA = l.addK("children_in_care")
	l.kUASC = l.addK("uasc_in_care")
	l.kEntries = l.addK("entries")
	l.kExits = l.addK("exits")
	l.kExitRoute = make([]int, model.NumExitRoutes)
	for r := range model.NumExitRoutes {
		l.kExitRoute[r] = l.addK("exits_" + r.String())
	}
	l.kCostTotal = l.addK("cost_total")
	l.kCostKind = perKind(l.addK, "cost_", all, c.nKinds+1)
	l.kCostSP = l.addK("cost_staying_put")
	l.kCostCL = l.addK("cost_care_leavers")
	l.kCostSupport = l.addK("cost_carer_support")
	l.kCostRecruit = l.addK("cost_recruitment")
	l.kCostPlacements = l.addK("cost_placements")
	l.kCostCarers = l.addK("cost_carers")
	l.kCostOwn = l.addK("cost_own_provision")
	l.kCostProgramme = l.addK("cost_programme")
	l.kEmergency = l.addK("emergency_placements")
	l.kFirstChoice = l.addK("first_choice_share")
	l.kMatches = l.addK("matches")
	l.kFirstMatches = l.addK("first_choice_matches")
	l.ratios = append(l.ratios, Ratio{KPI: l.kFirstChoice, Num: l.kFirstMatches, Den: l.kMatches})
	l.kOccupied = perKind(l.addK, "occupied_", all, c.nKinds+1)
	l.kPlaces = perKind(l.addK, "places_", finite, c.nKinds)
	for cat := range model.NumCategories {
		l.kOccCategory[cat] = l.addK("occupied_category_" + cat.String())
	}
	l.kShare = make([]int, c.nKinds)
	for k := range c.nKinds {
		l.kShare[k] = l.addK(names[k] + "_share")
		l.ratios = append(l.ratios, Ratio{KPI: l.kShare[k], Num: l.kOccupied[k], Den: l.kOccCategory[c.s.Kinds[k].Category]})
	}
	l.kHouseholdsEnd = l.addK("carer_households_end")
	l.kApprovals = l.addK("approvals")
	l.kDeregs = l.addK("deregistrations")
	l.kMoves = l.addK("moves")
	l.kBreakdowns = l.addK("breakdowns")
	l.kStepdowns = l.addK("stepdowns")
	l.kSplits = l.addK("sibling_splits")
	l.kTransferred = l.addK("uasc_transferred")
	l.kDistant = l.addK("placed_distant_share")
	l.kDistantAvg = l.addK("children_placed_distant")
	l.ratios = append(l.ratios, Ratio{KPI: l.kDistant, Num: l.kDistantAvg, Den: l.kCLA})
	l.kThreePlus = l.addK("three_plus_moves_share")
	l.kThreeKids = l.addK("children_three_plus_placements")
	l.kKidsInYear = l.addK("children_in_care_during")
	l.ratios = append(l.ratios, Ratio{KPI: l.kThreePlus, Num: l.kThreeKids, Den: l.kKidsInYear})
	l.kStayingPut = l.addK("staying_put")
	l.kCLUnmet = l.addK("care_leavers_unmet")
	l.addGaps(c)
	return l
}
