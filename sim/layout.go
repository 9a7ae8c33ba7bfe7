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
	mStepdownsNoPlace, mStepdownBreakdowns, mReadyToStepDown   int
	mUASCLeft                                                  int
	mExitRoute                                                 []int
	mCostTotal, mCostSP, mCostCL, mCostSupport, mCostRecruit   int
	mCostKind                                                  []int
	// The spending split: placements, carers, the council's own provision and programmes.
	mCostPlacements, mCostCarers, mCostOwn, mCostProgramme int

	// KPIs.
	kCLA, kUASC, kStayingPut, kEntries, kExits, kMoves, kBreakdowns, kStepdowns int
	kEmergency, kFirstChoice, kApprovals, kDeregs, kHouseholdsEnd, kSplits      int
	kTransferred, kCLUnmet, kDistant, kThreePlus                                int
	kStepdownsNoPlace, kStepdownBreakdowns, kUASCLeft                           int
	kCostTotal, kCostSP, kCostCL, kCostSupport, kCostRecruit                    int
	kCostPlacements, kCostCarers, kCostOwn, kCostProgramme                      int
	kExitRoute, kOccupied, kPlaces, kCostKind, kShare                           []int
	kOccCategory                                                                [model.NumCategories]int
	kMatches, kFirstMatches, kDistantAvg, kKidsInYear, kThreeKids               int
	kLTStable, kLTStableKids, kLTElig                                           int

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

// kindNames returns the kinds' names with EmergencyKind after them.
func kindNames(s *model.Scenario) []string {
	names := make([]string, 0, len(s.Kinds)+1)
	for _, k := range s.Kinds {
		names = append(names, k.Name)
	}
	return append(names, EmergencyKind)
}

func newLayout(c *compiled) layout {
	var l layout
	names := kindNames(c.s)
	perKind := func(add func(string) int, name func(kind string) string, keep func(k int) bool, n int) []int {
		idx := make([]int, n)
		for k := range n {
			idx[k] = -1
			if keep(k) {
				idx[k] = add(name(names[k]))
			}
		}
		return idx
	}
	all := func(int) bool { return true }
	finite := func(k int) bool { return k < c.nKinds && c.finite[k] }
	carers := func(k int) bool { return k < c.nKinds && c.carerKind[k] }

	l.mCLA = l.addM(ChildrenInCare)
	l.mKind = perKind(l.addM, ChildrenOf, all, c.nKinds+1)
	l.mAge = make([]int, len(ageBands))
	for i, b := range ageBands {
		l.mAge[i] = l.addM(ChildrenAged(b.name))
	}
	l.mNeed = make([]int, model.NumNeeds)
	for n := range model.NumNeeds {
		l.mNeed[n] = l.addM(ChildrenWithNeed(n))
	}
	l.mSex = [2]int{l.addM(ChildrenFemale), l.addM(ChildrenMale)}
	l.mUASC = l.addM(UASCInCare)
	l.mDistant = l.addM(ChildrenPlacedDistant)
	l.mWanted = perKind(l.addM, FirstChoiceOf, func(k int) bool { return k < c.nKinds }, c.nKinds+1)
	l.mPlaces = perKind(l.addM, PlacesOf, finite, c.nKinds)
	l.mVacant = perKind(l.addM, VacanciesOf, finite, c.nKinds)
	l.mHouseholds = perKind(l.addM, CarerHouseholdsOf, carers, c.nKinds)
	l.mStayingPut = l.addM(StayingPut)
	l.mCareLeavers = l.addM(CareLeavers)
	l.mEntries = l.addM(Entries)
	l.mExits = l.addM(Exits)
	l.mExitRoute = make([]int, model.NumExitRoutes)
	for r := range model.NumExitRoutes {
		l.mExitRoute[r] = l.addM(ExitsBy(r))
	}
	l.mMoves = l.addM(Moves)
	l.mBreakdowns = l.addM(Breakdowns)
	l.mStepdowns = l.addM(Stepdowns)
	l.mEmergency = l.addM(EmergencyPlacements)
	l.mApprovals = l.addM(Approvals)
	l.mDeregs = l.addM(Deregistrations)
	l.mSplits = l.addM(SiblingSplits)
	l.mTransferred = l.addM(UASCTransferred)
	l.mCLUnmet = l.addM(CareLeaversUnmet)
	l.mCostTotal = l.addM(CostTotal)
	l.mCostKind = perKind(l.addM, CostOf, all, c.nKinds+1)
	l.mCostSP = l.addM(CostStayingPut)
	l.mCostCL = l.addM(CostCareLeavers)
	l.mCostSupport = l.addM(CostCarerSupport)
	l.mCostRecruit = l.addM(CostRecruitment)
	l.mCostPlacements = l.addM(CostPlacements)
	l.mCostCarers = l.addM(CostCarers)
	l.mCostOwn = l.addM(CostOwnProvision)
	l.mCostProgramme = l.addM(CostProgramme)
	l.mStepdownsNoPlace = l.addM(StepdownsNoPlace)
	l.mStepdownBreakdowns = l.addM(StepdownBreakdowns12m)
	l.mReadyToStepDown = l.addM(ChildrenReadyToStepDown)
	l.mUASCLeft = l.addM(UASCCareLeavers)

	l.kCLA = l.addK(ChildrenInCare)
	l.kUASC = l.addK(UASCInCare)
	l.kEntries = l.addK(Entries)
	l.kExits = l.addK(Exits)
	l.kExitRoute = make([]int, model.NumExitRoutes)
	for r := range model.NumExitRoutes {
		l.kExitRoute[r] = l.addK(ExitsBy(r))
	}
	l.kCostTotal = l.addK(CostTotal)
	l.kCostKind = perKind(l.addK, CostOf, all, c.nKinds+1)
	l.kCostSP = l.addK(CostStayingPut)
	l.kCostCL = l.addK(CostCareLeavers)
	l.kCostSupport = l.addK(CostCarerSupport)
	l.kCostRecruit = l.addK(CostRecruitment)
	l.kCostPlacements = l.addK(CostPlacements)
	l.kCostCarers = l.addK(CostCarers)
	l.kCostOwn = l.addK(CostOwnProvision)
	l.kCostProgramme = l.addK(CostProgramme)
	l.kEmergency = l.addK(EmergencyPlacements)
	l.kFirstChoice = l.addK(FirstChoiceShare)
	l.kMatches = l.addK(Matches)
	l.kFirstMatches = l.addK(FirstChoiceMatches)
	l.ratios = append(l.ratios, Ratio{KPI: l.kFirstChoice, Num: l.kFirstMatches, Den: l.kMatches})
	l.kOccupied = perKind(l.addK, OccupiedKPI, all, c.nKinds+1)
	l.kPlaces = perKind(l.addK, PlacesOf, finite, c.nKinds)
	for cat := range model.NumCategories {
		l.kOccCategory[cat] = l.addK(OccupiedCategoryKPI(cat))
	}
	l.kShare = make([]int, c.nKinds)
	for k := range c.nKinds {
		l.kShare[k] = l.addK(ShareKPI(names[k]))
		l.ratios = append(l.ratios, Ratio{KPI: l.kShare[k], Num: l.kOccupied[k], Den: l.kOccCategory[c.s.Kinds[k].Category]})
	}
	l.kHouseholdsEnd = l.addK(CarerHouseholdsEnd)
	l.kApprovals = l.addK(Approvals)
	l.kDeregs = l.addK(Deregistrations)
	l.kMoves = l.addK(Moves)
	l.kBreakdowns = l.addK(Breakdowns)
	l.kStepdowns = l.addK(Stepdowns)
	l.kSplits = l.addK(SiblingSplits)
	l.kTransferred = l.addK(UASCTransferred)
	l.kDistant = l.addK(PlacedDistantShare)
	l.kDistantAvg = l.addK(ChildrenPlacedDistant)
	l.ratios = append(l.ratios, Ratio{KPI: l.kDistant, Num: l.kDistantAvg, Den: l.kCLA})
	l.kThreePlus = l.addK(ThreePlusMovesShare)
	l.kThreeKids = l.addK(ChildrenThreePlusPlacements)
	l.kKidsInYear = l.addK(ChildrenInCareYearEnd)
	l.ratios = append(l.ratios, Ratio{KPI: l.kThreePlus, Num: l.kThreeKids, Den: l.kKidsInYear})
	l.kLTStable = l.addK(LongTermStableShare)
	l.kLTStableKids = l.addK(ChildrenLongTermStable)
	l.kLTElig = l.addK(ChildrenLongTermEligible)
	l.ratios = append(l.ratios, Ratio{KPI: l.kLTStable, Num: l.kLTStableKids, Den: l.kLTElig})
	l.kStayingPut = l.addK(StayingPut)
	l.kCLUnmet = l.addK(CareLeaversUnmet)
	l.kStepdownsNoPlace = l.addK(StepdownsNoPlace)
	l.kStepdownBreakdowns = l.addK(StepdownBreakdowns12m)
	l.kUASCLeft = l.addK(UASCCareLeavers)
	l.addGaps(c)
	return l
}
