package sim

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"

	"github.com/placesim/placesim/model"
)

// The starting stock's state. A scenario with stock_stays (model.Scenario.StockStays) gives the
// position on its start date: each child's remaining stay is the residual of the stock rule for
// their current age and the kind their group is placed in, their first choice is their ladder's
// today, and any carer household with room takes them (one whom none has room for goes on to the
// rungs after the carers on their ladder: stockOverflow). Without stock_stays the stock is taken to
// be the steady state of the scenario's own rules (as SteadyStock writes it), and each child is
// given the rest of that state as a steady state would have it: the time in care so far, the stay
// and its route of a child who entered at a steady rate (steadyStay), the first choice of the
// ladder at the age they entered, and a carer household that would take them as a new child (its
// approval range, its places kept for brothers and sisters) when one has room. The warm-up then has
// only the placements' and carers' histories to settle, not the stock's ages, stays and mix
// (TestWarmupLength).

// stockStay returns the stay rule of a child of the stock placed in kind k aged ageYears with
// need and uasc, their remaining stay in days and the age they entered care at.
func (r *run) stockStay(s *stream, k model.KindID, ageYears float64, need model.Need, uasc bool) (rule *stayRule, stay, entryYears float64) {
	if len(r.c.stockStays) > 0 {
		rule = r.c.stockStayFor(k, ageYears, need, uasc)
		return rule, rule.stay.residual(s), ageYears
	}
	return r.steadyStay(s, ageYears, need, uasc)
}

// stockStayFor returns the stock_stays rule of a child of the stock placed in kind k, aged
// ageYears, with need and uasc, as stayFor does but passing over the rules whose kinds leave
// out k. Validation makes sure each child of the stock has one (model.Scenario.Validate).
func (c *compiled) stockStayFor(k model.KindID, ageYears float64, need model.Need, uasc bool) *stayRule {
	rules := c.stockStays
	for i := range rules {
		if ks := c.stockKinds[i]; (len(ks) == 0 || slices.Contains(ks, k)) && rules[i].who.Matches(ageYears, need, uasc) {
			return &rules[i]
		}
	}
	panic(fmt.Sprintf("sim: no stock_stays rule selects a child of the stock aged %v of %s need (UASC %v) placed in kind %d, which validation should have refused", ageYears, need, uasc, k))
}

// placeStock plans the stay of child id of the starting stock, of kind k, and places them
// where the scenario says they are. With stock_stays, their stay is that of a child of their
// group, placed in kind group (k, or the group's where its homes_share started them in the
// council's homes); without, the steady state's path is drawn for a child of kind k, the homes
// for those. A child who does not fit there (carers or homes full) is matched on their ladder
// instead, or, in a council's own position, placed as a child whose ladder drew the carers
// there (stockOverflow). A stock that is the steady state of the scenario's rules (no
// stock_stays) is placed as that state has it (settleStock, settleLocal): a child for whom no
// rung of their ladder is an option waits in an emergency placement, and a child in carers'
// care lives with any household approved for them that has room, not the first local one.
func (r *run) placeStock(id int32, k int, group model.KindID) {
	ch := &r.children[id]
	age := ch.ageAt(r.now)
	settled := len(r.c.stockStays) == 0 && k < r.c.nKinds
	var want int16
	entryYears := age
	began := math.NaN()
	var ready bool
	if settled {
		var waits bool
		want, began, ready, waits = r.settleStock(id, k)
		if waits {
			r.settingUp = false // searched for as matchOne does, and so waiting
			r.matchOne(id, -1, -1)
			r.settingUp = true
			return
		}
	} else {
		var rule *stayRule
		var stay float64
		rule, stay, entryYears = r.stockStay(&ch.rng, group, age, ch.need, ch.uasc)
		r.planExit(id, rule, stay)
		want = r.stockWant(id, entryYears)
	}
	if unit, local, ok := r.findStockPlace(k, id); ok {
		r.assign(id, k, unit, local, want)
		if settled {
			r.settleLocal(id, k)
			r.cold[id].placedAt = float32(ch.birth + began*model.DaysPerYear)
			r.settleReview(id, k, ch.birth+began*model.DaysPerYear, ready)
		}
	} else if !r.stockOverflow(id, k, entryYears) {
		r.settingUp = false // matched like any other child
		r.matchOne(id, -1, -1)
		r.settingUp = true
	}
}

// settleTries is how many histories settleStock draws for a child of a steady stock before
// it keeps the last: enough for any placement the steady state holds more than rarely.
const settleTries = 64

// keyTries is how many keys settleStock draws for a child of a steady stock before it keeps the
// last: enough for a kind that is an option for one child in a hundred.
const keyTries = 512

// settleStock plans the stay of child id of a steady stock, placed in kind k, with the history
// behind that placement that the steady state of the rules gives such a child, and returns
// their first choice; waits reports that they wait in an emergency placement instead, where
// the steady state, counting them under their ladder's first kind, has them: when no rung of
// the ladder of their age that has places at the start is an option for them
// (model.Kind.UnavailableShare).
//
// A history is the age they entered care at and their stay (steadyStay), and when their
// placement began: when they last moved, an exponential time ago at kind k's breakdown rate
// for their need, or when they entered care if that is sooner (step-downs and moves from an
// emergency placement left out). Their ladder is that of their age then, or of their age now
// when that has no rung k. In the steady state k is an option for them and, for a child who
// came alone (the entries' sibling share decides, in a market kind: a group that finds no
// room together with carers finds it there), no kind before k on that ladder that is an
// option had room when the placement began, or they would be there: a market kind without a
// capacity always has room, one with a capacity is full with the chance of Erlang's loss
// formula (stockShares), the council's carers are taken to have been full. So it draws the
// history and the child's key, which decides their options, again from the child's stream
// until they agree with k (at most settleTries times). Their first choice is that of the
// ladder. A child placed in a region's shared market keeps the age their placement began
// (stockBegan), by which the market's providers take them (stockAge). It returns that age,
// began, and notes the day they entered care (childCold.entered).
//
// A child in residential care whose kind has a ready share for their need has had a step-down
// review every review_days since their placement began, and ready reports that one of them
// found them ready (stockReady): the history agrees with k only if no review since found room on
// the step-down list, or they would have stepped down.
func (r *run) settleStock(id int32, k int) (want int16, began float64, ready, waits bool) {
	ch, cd := &r.children[id], &r.cold[id]
	age := ch.ageAt(r.now)
	if l := r.c.ladderFor(age, ch.need, ch.uasc); l != nil && slices.Contains(l.Try, model.KindID(k)) &&
		!r.anyOption(l, firstRung(l, cd), id) {
		rule, stay, entryYears := r.stockStay(&ch.rng, model.KindID(k), age, ch.need, ch.uasc)
		r.planExit(id, rule, stay)
		cd.entered = float32(ch.birth + entryYears*model.DaysPerYear)
		return -1, math.NaN(), false, true
	}
	var (
		rule        *stayRule
		stay        float64
		entryYears  float64
		l           *model.Ladder
		at          int
		sibShare    = r.c.s.Entries.SiblingShare
		market      = r.kinds[k].supply == model.Market
		rate        = r.c.s.Kinds[k].BreakdownPerYear[ch.need]
		ladderAtKey = func(ageYears float64) (*model.Ladder, int) {
			if l := r.c.ladderFor(ageYears, ch.need, ch.uasc); l != nil {
				return l, slices.Index(l.Try, model.KindID(k))
			}
			return nil, -1
		}
	)
	for try := range settleTries {
		// Whether k is an option depends on the key alone: it is drawn until it is first, so
		// that the stay is drawn again only when the kinds above disagree.
		for i := 0; i < keyTries && (try > 0 || !r.option(k, id)); i++ {
			cd.key = ch.rng.pcg.Uint64()
			if r.option(k, id) {
				break
			}
		}
		rule, stay, entryYears = r.stockStay(&ch.rng, model.KindID(k), age, ch.need, ch.uasc)
		began = entryYears
		if rate > 0 {
			began = max(entryYears, age-ch.rng.exp()/rate)
		}
		if l, at = ladderAtKey(began); at < 0 {
			if l, at = ladderAtKey(age); at < 0 {
				l = nil
			}
		}
		alone := ch.uasc || !market || ch.rng.float64() >= sibShare
		var steppedDown bool
		ready, steppedDown = r.stockReady(id, k, ch.birth+began*model.DaysPerYear, ch.birth+entryYears*model.DaysPerYear)
		if r.option(k, id) && (l == nil || !alone || !r.roomAbove(l, at, id)) && !steppedDown {
			break
		}
	}
	r.planExit(id, rule, stay)
	cd.entered = float32(ch.birth + entryYears*model.DaysPerYear)
	if market && r.market != nil && r.market.shares(k) {
		for len(r.stockBegan) <= int(id) {
			r.stockBegan = append(r.stockBegan, math.NaN())
		}
		r.stockBegan[id] = began
	}
	if l == nil {
		return int16(k), began, ready, false
	}
	return r.firstChoice(l, id), began, ready, false
}

// stockReady draws the step-down reviews of child id of a steady stock placed in residential
// kind k, in a placement that began on day placed, in care since day entered: ready reports that
// one of them found the child ready, and steppedDown that a kind on the step-down list had room
// for them at a review since, so that the steady state would have them stepped down, not in k. A
// placement in residential care (of a kind with a ready share s for the child's need) has a
// review every review_days from the day it began (for a child of the stock, settleReview books
// the first after the start), and a child found ready stays ready through a breakdown and a move
// to another residential placement (review), so the reviews that count are those of their time
// in residential care (residentialReviews): n of them. One draw u from the child's stream gives
// the review at which the child was first found ready, the first i with u < 1 - (1 - s)^i, a
// geometric number of reviews: they are ready when i <= n, with chance 1 - (1 - s)^n, and i is
// then the truncated geometric that readiness by review n gives. Each of the n - i + 1 reviews
// from the i-th on tried to move them (review), to the first kind on the step-down list that
// takes them, is an option for them and has room. Of those, a market kind without a capacity
// always has room, the council's carers (and homes and block beds) are taken to have been full,
// as settleStock takes them, and a market kind with a capacity was full, at every one of those
// reviews, when a draw at the chance it is full (stockShares) says so: one draw for all of them,
// since a kind's places are full or free for months at a time, not by review (with a draw at
// each review the default county's stock, with 200 agency foster places, started with 34.7
// children ready, not 35.1, against 37.7 after a 30-year warm-up). So a child found ready stays
// ready in residential care when each kind that would take them was full.
//
// With step_down.ease_share e above 0 (model.StepDown.EaseShare) each review draws whether the
// child is matched with needs one level lower, with chance e, and then takes them from the
// ladder of those needs (review), so a kind that takes only the eased needs counts as room at
// the reviews that ease them: q, the chance a review finds no room (stepDownFull), is then
// between 0 and 1, and a child stays ready only when a second draw falls below q^(n - i + 1), a
// long-ready child the less likely to be still in residential care. A child in another kind
// draws nothing.
func (r *run) stockReady(id int32, k int, placed, entered float64) (ready, steppedDown bool) {
	ch := &r.children[id]
	share := min(r.c.readyShare[k*int(model.NumNeeds)+int(ch.need)]*r.stepdownMul, 1)
	if r.kinds[k].category != model.Residential || share <= 0 {
		return false, false
	}
	n := r.residentialReviews(id, placed, entered)
	if n < 1 {
		return false, false
	}
	u := ch.rng.float64()
	if u >= 1-math.Pow(1-share, n) {
		return false, false
	}
	if r.c.s.StepDown.EaseShare <= 0 {
		return true, !r.listFull(id, r.c.s.StepDown.Try, false, nil)
	}
	i := 1.0
	if share < 1 {
		i = min(n, math.Floor(math.Log1p(-u)/math.Log1p(-share))+1)
	}
	switch q := r.stepDownFull(id); {
	case q <= 0:
		return true, true
	case q >= 1:
		return true, false
	default:
		return true, ch.rng.float64() >= math.Pow(q, n-i+1)
	}
}

// stepDownFull returns q, the chance that a step-down review of child id of a steady stock,
// found ready, of a scenario with step_down.ease_share e above 0, finds no room (review): with
// chance e (none below standard need) the review matches them with needs one level lower, and
// with each needs it tries the kinds of the step-down list on the ladder of those needs at
// their age now, from a rung drawn at its shares (the list itself where no ladder is theirs).
// Whether each market kind with a capacity is full is drawn once for all the reviews
// (stockReady, listFull), so q is the share of the reviews' needs and rungs that find every kind
// they try full. Erlang's formula has no child waiting for a place: where children queue for a
// capped kind's places, it takes the kind to be full less often than the steady state finds it,
// and the stock starts with fewer children ready than that state holds (the default county with
// 200 agency foster places and half the needs eased: 6.1 against 18.7 after a 30-year warm-up,
// each from its own steady stock; 3.8 against 4.8 with its own places).
func (r *run) stepDownFull(id int32) float64 {
	ch, sd := &r.children[id], &r.c.s.StepDown
	own := ch.need
	state := make([]int8, r.c.nKinds)
	full := func(need model.Need) float64 {
		ch.need = need
		defer func() { ch.need = own }()
		l := r.c.ladderFor(ch.ageAt(r.now), need, ch.uasc)
		if l == nil {
			return b2f(r.listFull(id, sd.Try, false, state))
		}
		if len(l.Shares) == 0 {
			return b2f(r.listFull(id, l.Try, true, state))
		}
		var p, left float64 = 0, 1
		for j, w := range l.Shares {
			if j == len(l.Shares)-1 {
				w = left // firstRung's last rung takes what the shares leave
			}
			if w > 0 && r.listFull(id, l.Try[j:], true, state) {
				p += w
			}
			left -= w
		}
		return p
	}
	if own <= model.NeedStandard {
		return full(own)
	}
	if e := min(sd.EaseShare, 1); e < 1 {
		return (1-e)*full(own) + e*full(own-1)
	}
	return full(own - 1)
}

// listFull reports whether none of the kinds try has room for child id, with the needs they
// have now, as stockReady takes them; onList keeps to the kinds of the step-down list. Whether
// a market kind with a capacity is full is a draw from the child's stream, kept in state (0 not
// drawn, 1 full, 2 room) when state is not nil.
func (r *run) listFull(id int32, try []model.KindID, onList bool, state []int8) bool {
	ch := &r.children[id]
	for _, j := range try {
		to := int(j)
		if r.kinds[to].supply != model.Market || !r.accepts(to, ch) || !r.option(to, id) ||
			(onList && !slices.Contains(r.c.s.StepDown.Try, j)) {
			continue
		}
		if r.kinds[to].capacity == 0 {
			return false
		}
		if state == nil || state[to] == 0 {
			f := int8(2)
			if ch.rng.float64() < r.stockShares()[r.c.nKinds+to] {
				f = 1
			}
			if state == nil {
				if f == 2 {
					return false
				}
				continue
			}
			state[to] = f
		}
		if state[to] == 2 {
			return false
		}
	}
	return true
}

// spellTries is how many placements residentialReviews goes back over at most.
const spellTries = 64

// residentialReviews returns how many step-down reviews child id of a steady stock, in a
// residential placement that began on day placed and in care since day entered, has had in
// their time in residential care: floor((start - placed) / review_days) in this placement, and
// as many in each residential placement before it. A placement that began after the child
// entered care followed a move; the one before it is the kind their ladder at their age then
// gives them (the first rung, from their first choice, that takes them, is an option for them
// and had room: a market kind without a capacity always, one with a capacity unless a draw at
// the chance it is full says it was, the council's carers taken to have been full, homes and
// block beds to have had room). When that kind is residential with a ready share for their
// need, that placement counts too: it began an exponential time before at its breakdown rate
// for their need, or when they entered care if that is sooner, and so on back. Draws from the
// child's stream.
func (r *run) residentialReviews(id int32, placed, entered float64) float64 {
	ch, cd := &r.children[id], &r.cold[id]
	every := r.c.s.StepDown.ReviewDays
	n := math.Floor((r.now - placed) / every)
	for t, i := placed, 0; t > entered && i < spellTries; i++ {
		age := ch.ageAt(t)
		l := r.c.ladderFor(age, ch.need, ch.uasc)
		if l == nil {
			break
		}
		prev := -1
		for _, j := range l.Try[firstRung(l, cd):] {
			k := int(j)
			if !r.kinds[k].accepts.Matches(age, ch.need, ch.uasc) || !r.option(k, id) {
				continue
			}
			if r.kinds[k].supply == model.Carers ||
				(r.kinds[k].supply == model.Market && r.kinds[k].capacity > 0 && ch.rng.float64() < r.stockShares()[r.c.nKinds+k]) {
				continue
			}
			prev = k
			break
		}
		if prev < 0 || r.kinds[prev].category != model.Residential || r.c.readyShare[prev*int(model.NumNeeds)+int(ch.need)] <= 0 {
			break
		}
		start := entered
		if rate := r.c.s.Kinds[prev].BreakdownPerYear[ch.need]; rate > 0 {
			start = max(entered, t-ch.rng.exp()/rate*model.DaysPerYear)
		}
		n += math.Floor((t - start) / every)
		t = start
	}
	return n
}

// settleReview gives child id of a steady stock, just placed in kind k in a placement that
// began on day placed, the readiness to step down that settleStock drew (stockReady), and books
// their next step-down review for the day the placement's next one falls due, every
// review_days from the day it began, not review_days from the start: the stock's reviews come
// spread over the first review_days, as the steady state's do. A child in a kind with no
// reviews for their need draws nothing.
func (r *run) settleReview(id int32, k int, placed float64, ready bool) {
	ch := &r.children[id]
	if r.kinds[k].category != model.Residential || r.c.readyShare[k*int(model.NumNeeds)+int(ch.need)] <= 0 {
		return
	}
	if ready {
		ch.ready = true
		r.readyN++
	}
	every := r.c.s.StepDown.ReviewDays
	if t := placed + (math.Floor((r.now-placed)/every)+1)*every; t < ch.exitAt {
		r.schedule(t, evReview, id, ch.ver)
	}
}

// stockAge returns the age at which child id of the starting stock was taken by the
// provider of a shared market they are placed with: the age their placement began
// (settleStock), not their age now, since a provider that takes children up to 15 keeps a
// child it took at 14 after their 16th birthday. It is their age now for a child given none.
func (r *run) stockAge(id int32) float64 {
	if int(id) < len(r.stockBegan) && !math.IsNaN(r.stockBegan[id]) {
		return r.stockBegan[id]
	}
	return r.children[id].ageAt(r.now)
}

// anyOption reports whether a kind on ladder l from position from on that has places now (a
// market, carer households, open homes or block beds) takes child id and is an option for
// them.
func (r *run) anyOption(l *model.Ladder, from int, id int32) bool {
	ch := &r.children[id]
	for _, j := range l.Try[from:] {
		k := int(j)
		if !r.accepts(k, ch) || !r.option(k, id) {
			continue
		}
		switch r.kinds[k].supply {
		case model.Carers:
			if len(r.pools[k]) > 0 {
				return true
			}
		case model.Homes:
			for _, i := range r.homesOf[k] {
				if r.homes[i].open {
					return true
				}
			}
		case model.Block:
			for i := range r.blocks {
				if int(r.blocks[i].kind) == k && r.blocks[i].active {
					return true
				}
			}
		default:
			return true
		}
	}
	return false
}

// roomAbove reports whether a kind before position at on ladder l that takes child id and is an
// option for them had room when their placement began: a market kind (a region's shared ones as the
// council's own) without a capacity always, one with a capacity unless a draw from the child's
// stream at the chance it is full (stockShares) says it was.
func (r *run) roomAbove(l *model.Ladder, at int, id int32) bool {
	ch := &r.children[id]
	for _, j := range l.Try[:at] {
		k := int(j)
		if r.kinds[k].supply != model.Market || !r.accepts(k, ch) || !r.option(k, id) {
			continue
		}
		if r.kinds[k].capacity == 0 || ch.rng.float64() >= r.stockShares()[r.c.nKinds+k] {
			return true
		}
	}
	return false
}

// settleLocal makes the market place of child id of a steady stock, just placed in kind k,
// local or not as the steady state has it. A capped market kind's places are local first: a
// child takes a local one while any is free (marketLocal), and so would the stock, filling
// them all. In the steady state the local places are a loss system that children who find
// them all taken overflow, to the distant ones: with a as many children placed in the kind
// as the stock holds and L local places, each child is in a local one with chance 1 - B(L, a),
// B being Erlang's loss formula (insensitive to the stays' distribution). A child placed
// local is moved to a distant place with chance B, drawn from their own stream. Other kinds,
// and the shared markets of a region, are left as placed.
func (r *run) settleLocal(id int32, k int) {
	ch := &r.children[id]
	if !ch.local || r.kinds[k].supply != model.Market || r.kinds[k].capacity == 0 ||
		(r.market != nil && r.market.shares(k)) {
		return
	}
	if ch.rng.float64() < r.stockShares()[k] {
		return
	}
	ch.local = false
	r.kinds[k].localUsed--
	r.distant.add(r.now, 1)
}

// stockShares returns, for each kind k of a steady stock, at k the chance 1 - B(L, a) that
// settleLocal leaves a child placed in it local, and at nKinds+k the chance B(C, a) that it is
// full (0 and 1 for a kind with no capacity), where a is the children the stock places in it,
// L its local places and C its places, B Erlang's loss formula. It works them out once for the
// run's scenario.
func (r *run) stockShares() []float64 {
	if r.stockLocalOf == r.c {
		return r.stockLocal
	}
	s, nk := r.c.s, r.c.nKinds
	sh := slices.Grow(r.stockLocal[:0], 2*nk)[:2*nk]
	erlangB := func(places int, a float64) float64 {
		b := 1.0 // by its recurrence over the places
		for n := 1; n <= places; n++ {
			b = a * b / (float64(n) + a*b)
		}
		return b
	}
	for k := range nk {
		sh[k], sh[nk+k] = 1, 0
		if s.Kinds[k].Supply != model.Market || r.kinds[k].capacity == 0 {
			continue
		}
		var a float64
		for _, g := range s.Stock {
			if int(g.Kind) == k {
				a += float64(g.Count)
			}
		}
		sh[k] = 1 - erlangB(r.marketLocalCap(k), a)
		sh[nk+k] = erlangB(int(r.kinds[k].capacity), a)
	}
	r.stockLocal, r.stockLocalOf = sh, r.c
	return sh
}

// findStockPlace finds a place in kind k for child id of the starting stock (see find). A
// child of a steady stock in carers' care lives with a household of the kind that could take
// them as a new child (on its open list, approved for their age, with room; empty, for a child
// who must live alone), drawn with chance in proportion to its free places (settledHousehold);
// when none could, or the kind is not an option for them, they live where any stock child would
// (findStock: the first local household with room in the kind's pool, whatever its approval,
// else the first distant one), as does every other stock child in carers' care.
func (r *run) findStockPlace(k int, id int32) (unit int32, local, ok bool) {
	if len(r.c.stockStays) == 0 && r.c.s.Kinds[k].Supply == model.Carers {
		if unit := r.settledHousehold(k, id); unit >= 0 {
			return unit, r.households[unit].local, true
		}
		// No household could take them as a new child: find, searching as matchOne does,
		// would look over the same open list and find none, so it is not asked.
	}
	ids := [1]int32{id}
	return r.find(k, ids[:], -1)
}

// stockOverflow places child id of the starting stock, who entered care aged entryYears, whose
// group is placed with carers of kind k that have no room for them, as a child whose ladder drew
// k and found it full: on the first rung after k with room (the council's own carers full,
// agencies'). It does so only for a stock that is a council's own position on the start date
// (stock_stays): there the carers may have fewer places than the stock placed with them
// (placesim calibrate sizes them to hold it in half the pools their places are drawn for; a
// file written by hand may give fewer), and the children beyond them, matched afresh on their
// ladders, went where children of their age are first placed (young people to supported
// accommodation, a calibrated council's first year 10-20% too many there), not to the foster
// care the return shows them in. It reports false, leaving the child unplaced, for any other
// stock or kind, when the child's ladder has no rung k, or when no rung after it has room.
func (r *run) stockOverflow(id int32, k int, entryYears float64) bool {
	if len(r.c.stockStays) == 0 || r.c.s.Kinds[k].Supply != model.Carers {
		return false
	}
	ch := &r.children[id]
	li := r.c.ladderIndex(ch.ageAt(r.now), ch.need, ch.uasc)
	if li < 0 {
		return false
	}
	l := &r.c.s.Ladders[li]
	i := slices.Index(l.Try, model.KindID(k))
	if i < 0 {
		return false
	}
	ids := [1]int32{id}
	r.settingUp = false // placed as a new child is
	defer func() { r.settingUp = true }()
	for _, next := range l.Try[i+1:] {
		if unit, local, ok := r.find(int(next), ids[:], -1); ok {
			r.assign(id, int(next), unit, local, r.stockWant(id, entryYears))
			return true
		}
	}
	return false
}

// settleDrawTries is how many households settledHousehold draws at random before it walks the
// list: a kind's open households mostly have room for some age, so a draw rarely needs more
// than a few.
const settleDrawTries = 64

// settledHousehold returns a household of carers' kind k that could take child id of a steady
// stock as a new child (on the kind's open list, approved for their age, and for a child who
// must live alone empty), drawn from the child's stream with chance in proportion to its free
// places, or -1 if none could or k is not an option for the child. The steady state fills a
// household wherever one has room when a child comes, not the local ones first.
//
// It draws by rejection: a household picked evenly from the kind's open list is kept with
// chance its free places (none if it could not take the child) over the most any household of
// the kind has, so each is kept in proportion to its free places, without a walk over the list
// for each child of the stock (at 100 times the county's size, the walks took two thirds of a
// replication's CPU). After settleDrawTries refusals it draws from the households approved for
// the child's age, walked by the open list's bits by range, with the same chances, so the draw's
// law is the same either way. When no open household is approved for the child's age (the
// open list's counts by range), it draws nothing.
func (r *run) settledHousehold(k int, id int32) int32 {
	ch := &r.children[id]
	list := r.opens[k].list
	if len(list) == 0 || !r.option(k, id) {
		return -1
	}
	// A household on the open list is active, not leaving, has no child who must live alone
	// and has a free place (refreshOpen): it could take the child when its range of ages
	// (household.rng) holds theirs and, for a child who must live alone, it is empty.
	age := min(int(ch.ageAt(r.now)), ageSlots-1)
	solo := ch.need == model.NeedSolo
	ranges := r.ranges[k]
	var take [8]int32
	fit := take[:0]
	cover := r.opens[k].cover
	for j, g := range ranges {
		if cover[j]+cover[len(ranges)+j] > 0 && g.has(age) {
			fit = append(fit, int32(j))
		}
	}
	if len(fit) == 0 {
		return -1
	}
	free := func(h *household) int {
		if solo && h.used > 0 {
			return 0
		}
		return int(h.places) - int(h.used)
	}
	// The most places any household of the kind has (addHousehold draws them all from its
	// mix).
	most := 0
	for _, ps := range r.c.s.Kinds[k].Carers.PlacesMix {
		most = max(most, min(ps.Places, maxPlaces))
	}
	for range settleDrawTries {
		r.steps++
		i := list[int(ch.rng.float64()*float64(len(list)))]
		if h := &r.households[i]; ranges[h.rng].has(age) {
			if f := free(h); f > 0 && ch.rng.float64()*float64(most) < float64(f) {
				return i
			}
		}
	}
	// The open households approved for the child's age, in the order of the open list: their
	// bits in those ranges' sets (as room walks them).
	o := &r.opens[k]
	each := func(yield func(i int32, f int) bool) {
		for w := 0; w*2*o.stride < len(o.bits); w++ {
			row := o.bits[w*2*o.stride : (w+1)*2*o.stride]
			var m uint64
			for _, j := range fit {
				m |= row[j] | row[o.stride+int(j)]
			}
			for ; m != 0; m &= m - 1 {
				r.steps++
				i := list[w*64+bits.TrailingZeros64(m)]
				if f := free(&r.households[i]); f > 0 && !yield(i, f) {
					return
				}
			}
		}
	}
	total := 0
	for _, f := range each {
		total += f
	}
	if total == 0 {
		return -1
	}
	x, unit := int(ch.rng.float64()*float64(total)), int32(-1)
	for i, f := range each {
		if x -= f; x < 0 {
			unit = i
			break
		}
	}
	return unit
}

// stockWant returns the first choice of child id of the starting stock, who entered care
// aged entryYears: the first rung of the ladder for that age that takes them, as if they had
// not moved since they entered.
func (r *run) stockWant(id int32, entryYears float64) int16 {
	ch := &r.children[id]
	if l := r.c.ladderFor(entryYears, ch.need, ch.uasc); l != nil {
		return r.firstChoice(l, id)
	}
	return -1
}

// stockTries is how many entries steadyStay draws for a stock child before it takes the
// residual stay of their current age instead: enough for any stay a child's age allows (a
// draw is kept with the chance that a stay begun at a random age of entry is still under
// way), few enough that a stay far shorter than the ages it could have begun at costs little.
const stockTries = 256

// steadyStay draws the rule and remaining stay, in days, of a child of the starting stock aged
// ageYears with need and uasc, and the age they entered care at, from the steady state of the
// scenario's entries and Stays: the state that a constant stream of entries reaches. In that
// state a child of this age in care entered at an age e no older than they are now with
// density proportional to the entries' rate at e times the chance that a stay begun at e lasts
// past the time since then; and their stay is one of the rule for e that lasts that long, of
// which the rest remains. So it draws an age of entry from the entries' age bands (uniform
// within a band, weighted by the band's share of the need, up to ageYears) and a whole stay
// from the rule for that age, and keeps the first pair whose stay is still under way now: the
// time in care so far and the rest of the stay, and with them the route out, are those of the
// rule the child entered on, not of their current age. The 18th birthday still ends the stay
// (planExit). When no band of entry fits the child (a need no entry band brings at these
// ages), or no draw is kept within stockTries, the stay is the residual of the rule for the
// current age, entered at that age.
func (r *run) steadyStay(s *stream, ageYears float64, need model.Need, uasc bool) (rule *stayRule, stay, entryYears float64) {
	mix := r.c.s.Entries.Ages
	if uasc {
		mix = r.c.s.UASC.Ages
	}
	var w [16]float64
	weights := w[:0]
	var total float64
	for _, b := range mix {
		from, to := float64(b.Ages.FromYears), float64(b.Ages.ToYears+1)
		x := 0.0
		if ageYears > from {
			x = b.Share * b.NeedShares[need] * (min(to, ageYears) - from) / (to - from)
		}
		weights = append(weights, x)
		total += x
	}
	if total > 0 {
		for range stockTries {
			b := &mix[s.pickSum(weights, total)]
			from := float64(b.Ages.FromYears)
			e := from + s.float64()*(min(float64(b.Ages.ToYears+1), ageYears)-from)
			rule := r.c.stayRule(e, need, uasc)
			if stay, since := rule.stay.draw(s), (ageYears-e)*model.DaysPerYear; stay > since {
				return rule, stay - since, e
			}
		}
	}
	rule = r.c.stayRule(ageYears, need, uasc)
	return rule, rule.stay.residual(s), ageYears
}

// StockCell is one cell of a steady-state stock (SteadyStock): the children in care of one
// kind, age band, need and UASC status.
type StockCell struct {
	// Kind is where they are placed; a child in an emergency placement is counted under the
	// first choice of their ladder, where the stock would place them.
	Kind model.KindID
	// Ages is their age band, in completed years.
	Ages model.AgeRange
	// Need is their need.
	Need model.Need
	// UASC marks unaccompanied asylum-seeking children.
	UASC bool
	// Mean is the mean number of such children over the replications, and SE its standard
	// error.
	Mean, SE float64
	// MaleShare is the share of boys among them, over all replications.
	MaleShare float64
}

// Steady is the steady state of a scenario's rules (SteadyStock).
type Steady struct {
	// Cells is the children in care, by kind, age band, need and UASC status.
	Cells []StockCell
	// CareLeavers is the mean of the young people in care leavers' accommodation, and
	// CareLeaversSE its standard error.
	CareLeavers, CareLeaversSE float64
}

// SteadyStock returns the children in care that the rules of s hold once they have run for
// years from no children in care (30 is ample for the built-in scenarios: a child entering at
// birth may stay 18 years, and few carers approved before then are left), with entries at
// their rate at the start and no interventions: the mean over reps replications (from seed)
// of the children in care at the end, by kind, age band (the first of bands holding the
// child's age; a child in none is left out), need and UASC status, in that order, leaving out
// cells no replication holds; and of the young people in care leavers' accommodation.
// Starting from no children, it does not depend on s's own stock. A scenario's stock made of
// these cells, with no stock_stays, and its care_leavers.stock, start near its steady state,
// so that a short warm-up brings it there. It returns an error if the scenario does not
// validate or a replication goes over its work budget.
func SteadyStock(s *model.Scenario, years, reps int, seed uint64, bands []model.AgeRange) (Steady, error) {
	c, err := compile(steadyScenario(s, years))
	if err != nil {
		return Steady{}, err
	}
	// The replications run through batch; each worker adds up its own counts, sums of whole
	// numbers, the same in any order.
	workers := max(min(runtime.GOMAXPROCS(0), reps), 1)
	runs := make([]*run, workers)
	tallies := make([]*stockTally, workers)
	for w := range runs {
		runs[w], tallies[w] = newRun(c), newStockTally(c.nKinds, bands)
	}
	err = batch(Options{}, reps, 0, workers, func(w, rep int) (bool, error) {
		r := runs[w]
		if err := r.simulate(seed, rep); err != nil {
			return false, err
		}
		tallies[w].add(r)
		return false, nil
	}, nil)
	if err != nil {
		return Steady{}, err
	}
	t := sumTallies(tallies)
	m, se := sumMeanSE(t.leavers, t.leaversSq, reps)
	return Steady{Cells: t.cells(reps), CareLeavers: m, CareLeaversSE: se}, nil
}

// sumMeanSE returns the mean of reps values from their sum and sum of squares, and its standard
// error.
func sumMeanSE(sum, sq float64, reps int) (mean, se float64) {
	m := sum / float64(reps)
	v := max(sq/float64(reps)-m*m, 0) * float64(reps) / float64(max(reps-1, 1))
	return m, math.Sqrt(v / float64(reps))
}

// steadyScenario returns a copy of s that runs for years (warm-up and one reported year) from
// no children in care, with entries at their rate at the start and no interventions.
func steadyScenario(s *model.Scenario, years int) *model.Scenario {
	cp := *s
	cp.WarmupYears, cp.Years = years-1, 1
	cp.Entries.TrendPerYear = 0
	cp.Interventions = nil
	cp.Stock = nil
	cp.CareLeavers.Stock = 0
	return &cp
}

// RegionSteadyStock returns, for each council of reg in its order, the children in care that
// the region's rules hold once its councils have run together on their shared markets for
// years (as SteadyStock does for one scenario): the mean over reps replications (from seed) of
// each council's children in care at the end, by kind, age band, need and UASC status. It runs
// from no children in care, with entries at their rate at the start, no interventions (the
// councils' or the region's) and the providers' places held as they are at the start, so it
// does not depend on the councils' own stock. It returns an error if the region does not
// validate or a replication goes over its work budget.
func RegionSteadyStock(reg *model.Region, years, reps int, seed uint64, bands []model.AgeRange) ([][]StockCell, error) {
	cp := *reg
	cp.WarmupYears, cp.Years = years-1, 1
	cp.Interventions = nil
	cp.Councils = slices.Clone(reg.Councils)
	for i := range cp.Councils {
		cp.Councils[i].Scenario = steadyScenario(reg.Councils[i].Scenario, years)
	}
	cp.Markets = slices.Clone(reg.Markets)
	for i := range cp.Markets {
		m := &cp.Markets[i]
		m.Providers = slices.Clone(m.Providers)
		for j := range m.Providers {
			m.Providers[j].GrowthPerYear = 0
		}
	}
	p, err := planRegion(&cp, seed)
	if err != nil {
		return nil, err
	}
	workers := max(min(runtime.GOMAXPROCS(0), reps), 1)
	runs := make([]*regionRun, workers)
	tallies := make([][]*stockTally, len(p.cs))
	for ci, c := range p.cs {
		tallies[ci] = make([]*stockTally, workers)
		for w := range workers {
			tallies[ci][w] = newStockTally(c.nKinds, bands)
		}
	}
	for w := range runs {
		runs[w] = newRegionRun(p)
	}
	err = batch(Options{}, reps, 0, workers, func(w, rep int) (bool, error) {
		x := runs[w]
		if err := x.simulate(seed, rep); err != nil {
			return false, err
		}
		for ci, r := range x.runs {
			tallies[ci][w].add(r)
		}
		return false, nil
	}, nil)
	if err != nil {
		return nil, err
	}
	out := make([][]StockCell, len(p.cs))
	for ci := range p.cs {
		out[ci] = sumTallies(tallies[ci]).cells(reps)
	}
	return out, nil
}

// stockTally adds up the children in care at the end of replications, by kind, age band,
// need and UASC status, for SteadyStock: for each cell, the sum and sum of squares of its
// counts over the replications and the boys among them.
type stockTally struct {
	nk     int
	bands  []model.AgeRange
	counts []float64 // the replication's own
	sum    []float64
	sq     []float64
	males  []float64
	// leavers and leaversSq are the sum and sum of squares of the young people in care
	// leavers' accommodation.
	leavers, leaversSq float64
}

func newStockTally(nKinds int, bands []model.AgeRange) *stockTally {
	n := nKinds * len(bands) * int(model.NumNeeds) * 2
	return &stockTally{nk: nKinds, bands: bands, counts: make([]float64, n), sum: make([]float64, n), sq: make([]float64, n), males: make([]float64, n)}
}

// cell returns the index of a cell in the counts.
func (t *stockTally) cell(k, b int, need model.Need, uasc bool) int {
	return ((k*len(t.bands)+b)*int(model.NumNeeds)+int(need))*2 + b2i(uasc)
}

// add counts the children in care of run r as it ended: a child in an emergency placement
// under their first choice, a child in no band left out.
func (t *stockTally) add(r *run) {
	clear(t.counts)
	for _, id := range r.inCare {
		ch := &r.children[id]
		k := int(ch.kind)
		if k < 0 || k >= t.nk {
			k = int(ch.want)
		}
		age := ch.ageAt(r.now)
		b := slices.IndexFunc(t.bands, func(b model.AgeRange) bool { return b.Contains(age) })
		if k < 0 || b < 0 {
			continue
		}
		i := t.cell(k, b, ch.need, ch.uasc)
		t.counts[i]++
		if ch.male {
			t.males[i]++
		}
	}
	for i, x := range t.counts {
		t.sum[i] += x
		t.sq[i] += x * x
	}
	t.leavers += r.cl.v
	t.leaversSq += r.cl.v * r.cl.v
}

// sumTallies returns the first of ts with the others added to it: sums of whole numbers, the
// same in any order.
func sumTallies(ts []*stockTally) *stockTally {
	t := ts[0]
	for _, o := range ts[1:] {
		for i := range t.sum {
			t.sum[i] += o.sum[i]
			t.sq[i] += o.sq[i]
			t.males[i] += o.males[i]
		}
		t.leavers += o.leavers
		t.leaversSq += o.leaversSq
	}
	return t
}

// cells returns the tally of reps replications as cells, by kind, age band, need and UASC
// status in that order, leaving out cells no replication holds.
func (t *stockTally) cells(reps int) []StockCell {
	var cells []StockCell
	for k := range t.nk {
		for b := range t.bands {
			for need := range model.NumNeeds {
				for _, uasc := range []bool{false, true} {
					i := t.cell(k, b, need, uasc)
					if t.sum[i] == 0 {
						continue
					}
					m, se := sumMeanSE(t.sum[i], t.sq[i], reps)
					cells = append(cells, StockCell{
						Kind: model.KindID(k), Ages: t.bands[b], Need: need, UASC: uasc,
						Mean: m, SE: se, MaleShare: t.males[i] / t.sum[i],
					})
				}
			}
		}
	}
	return cells
}

// b2f returns 1 for true and 0 for false.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
