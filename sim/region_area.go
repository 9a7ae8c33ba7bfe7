package sim

// Where a council's own placements lie (model.Region.OwnPlacements). A shared market's place
// is outside the council's area when its provider's zone is not the council's; a placement of
// a kind no shared market supplies (the council's in-house and kinship carers, its own homes,
// supported accommodation) is outside the council's boundary with the kind's OutsideNearShare
// when it is within 20 miles of home and its OutsideFarShare when it is further, drawn as the
// placement starts. The draws come from a stream of the council's own, streamRegionArea, that
// nothing else draws from: the council's children are placed as they would be without it.
// Such a placement counts in the council's ChildrenOutOfArea while it lasts, and in no shared
// market's.

// streamRegionArea is the stream of a council's draws of whether its own placements lie
// outside its boundary (beside the stream identifiers of rand.go).
const streamRegionArea uint64 = 64

// ownShares sets, for each kind of council r, its shares outside the boundary near and far
// ({-1, -1} for a kind the region does not list, or a shared market supplies), and the stream
// the council draws them from, at the start of a replication.
func (cm *councilMarket) ownShares(r *run) {
	cm.area = newStream(r.seed, r.rep, streamRegionArea, 0)
	cm.own = cm.own[:0]
	reg := cm.rr.p.reg
	for k := range r.c.nKinds {
		sh := [2]float64{-1, -1}
		if !cm.shares(k) {
			for _, o := range reg.OwnPlacements {
				if o.Kind == r.c.s.Kinds[k].Name {
					sh = [2]float64{o.OutsideNearShare, o.OutsideFarShare}
				}
			}
		}
		cm.own = append(cm.own, sh)
	}
}

// placeOwn is called as child id is placed in council r's kind k, which no shared market
// supplies (or an emergency placement), local when within 20 miles of home: it draws whether
// the place lies outside the council's boundary, for a kind the region lists, and counts the
// child out of area if so.
func (cm *councilMarket) placeOwn(r *run, id int32, k int, local bool) {
	if k >= len(cm.own) || cm.own[k][0] < 0 {
		return
	}
	p := cm.own[k][0]
	if !local {
		p = cm.own[k][1]
	}
	if cm.area.float64() >= p {
		return
	}
	for int(id) >= len(cm.at) {
		cm.at = append(cm.at, placed{market: -1})
	}
	cm.at[id] = placed{market: -1, own: true, out: true, inCare: true}
	cm.out.add(r.now, 1)
}

// leaveOwn is called as child id leaves their own placement outside the boundary, or leaves
// care while staying in it (staying put, release false): they no longer count as placed out
// of area.
func (cm *councilMarket) leaveOwn(r *run, id int32, release bool) {
	if int(id) >= len(cm.at) {
		return
	}
	pl := &cm.at[id]
	if !pl.own {
		return
	}
	if pl.inCare {
		pl.inCare = false
		cm.out.add(r.now, -1)
	}
	if release {
		pl.own = false
	}
}
