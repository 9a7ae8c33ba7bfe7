package sim

import (
	"math"

	"github.com/placesim/placesim/model"
)

// The Poisson processes of a replication (entries, UASC arrivals, carer applications) have
// rates that are constant between change points (month boundaries, intervention dates). Each
// next event time is found by inversion: one unit-exponential draw is spent against the
// integrated rate, so the n-th child of a scenario arrives on the n-th draw whatever the rates
// are, and two scenarios with different entry rates still see the same children (arriving
// earlier or later).

const (
	procEntries = iota
	procUASC
	procApplications
	procExtras
	procUASCExtras
)

// rateAt returns the event rate per day of process proc (for applications, of carer kind k)
// at day t, and the day it next changes.
func (r *run) rateAt(proc, k int, t float64) (perDay, until float64) {
	c, s := r.c, r.c.s
	switch proc {
	case procEntries:
		// The rate holds from the day it was last worked out until it next changes: most
		// children arrive in a month whose rate is known already.
		if ec := &r.entryRate; ec.from <= t && t < ec.until {
			return ec.perDay, ec.until
		}
		perDay, until = r.entryRateAt(t)
		r.entryRate = rateSpan{from: t, until: until, perDay: perDay}
		return perDay, until
	case procExtras:
		if ec := &r.extraRate; ec.from <= t && t < ec.until {
			return ec.perDay, ec.until
		}
		perDay, until = r.extraRateAt(t)
		r.extraRate = rateSpan{from: t, until: until, perDay: perDay}
		return perDay, until
	case procUASC:
		// The scenario's UASC arrive at its rate whatever the surges: see streamUASCExtra.
		return s.UASC.PerYear / model.DaysPerYear, math.Inf(1)
	case procUASCExtras:
		rate, until := c.uascRateAt(t)
		return max(rate-s.UASC.PerYear, 0) / model.DaysPerYear, until
	default:
		rate := s.Kinds[k].Carers.ApprovalsPerYear
		for _, iv := range c.ivs {
			if iv.Action == model.ExtraApprovals && int(iv.Kind) == k && iv.from <= t && t < iv.to {
				rate += iv.PerYear
			}
		}
		return rate / model.DaysPerYear, c.nextChange(t, model.ExtraApprovals)
	}
}

// uascRateAt returns the UASC arrival rate a year at day t, the scenario's with the
// uasc_surge interventions in force (each multiplies it by its factor and adds its per_year,
// in order), and the day it next changes.
func (c *compiled) uascRateAt(t float64) (perYear, until float64) {
	rate := c.s.UASC.PerYear
	for _, iv := range c.ivs {
		if iv.Action == model.UASCSurge && iv.from <= t && t < iv.to {
			rate = rate*iv.Factor + iv.PerYear
		}
	}
	return rate, c.nextChange(t, model.UASCSurge)
}

// entryRateAt returns the entry rate per day at day t, and the day it next changes.
func (r *run) entryRateAt(t float64) (perDay, until float64) {
	c := r.c
	m := c.monthOf(t, r.month)
	rate := c.entryRate[m]
	until = c.cal.MonthEnd(m)
	if c.entryIvs {
		until = math.Min(until, c.nextChange(t, model.EntryRate))
		for _, iv := range c.ivs {
			if iv.Action == model.EntryRate && iv.Who == nil && iv.from <= t && t < iv.to {
				rate *= iv.Factor
			}
		}
	}
	return rate, until
}

// extraRateAt returns the rate per day at day t of the extra children the entry_rate
// interventions with a Who add (see streamEntryExtra), and the day it next changes: the rate
// at which children enter times the mean extra children a child of the mix brings (whoExtra).
// It keeps the largest factor of a child of the mix in r.extraMax.
func (r *run) extraRateAt(t float64) (perDay, until float64) {
	events, until := r.entryRateAt(t)
	until = math.Min(until, r.c.nextChange(t, model.EntryRate))
	mean, mmax := r.c.whoExtra(t)
	r.extraMax = mmax
	return events * r.c.entryEventFactor * mean, until
}

// rateSpan is a rate worked out at day from, which holds until day until.
type rateSpan struct{ from, until, perDay float64 }

// nextTime returns the day of the next event of process proc after day t, spending a
// unit-exponential draw mass against the integrated rate; +Inf if it falls beyond the run.
func (r *run) nextTime(proc, k int, t, mass float64) float64 {
	end := r.c.cal.EndDay
	for t < end {
		lam, until := r.rateAt(proc, k, t)
		if until > end {
			until = end
		}
		if lam > 0 {
			if span := lam * (until - t); mass <= span {
				return t + mass/lam
			} else {
				mass -= span
			}
		}
		t = until
	}
	return math.Inf(1)
}

func (r *run) scheduleArrival(t float64, uasc bool) {
	if uasc {
		if next := r.nextTime(procUASC, 0, t, r.uascArr.exp()); !math.IsInf(next, 1) {
			r.schedule(next, evUASCArrival, 0, 0)
		}
		return
	}
	if next := r.nextTime(procEntries, 0, t, r.arrivals.exp()); !math.IsInf(next, 1) {
		r.schedule(next, evArrival, 0, 0)
	}
}

// scheduleUASCExtra schedules the next UASC a surge adds after day t (see streamUASCExtra).
func (r *run) scheduleUASCExtra(t float64) {
	if next := r.nextTime(procUASCExtras, 0, t, r.uascExtraArr.exp()); !math.IsInf(next, 1) {
		r.schedule(next, evUASCExtraArrival, 0, 0)
	}
}

// scheduleExtra schedules the next candidate for an extra child after day t (see
// streamEntryExtra).
func (r *run) scheduleExtra(t float64) {
	if next := r.nextTime(procExtras, 0, t, r.extraArr.exp()); !math.IsInf(next, 1) {
		r.schedule(next, evExtraArrival, 0, 0)
	}
}

func (r *run) scheduleApplication(k int, t float64) {
	if next := r.nextTime(procApplications, k, t, r.appStream(k).exp()); !math.IsInf(next, 1) {
		r.schedule(next, evApplication, int32(k), 0)
	}
}

// arrive brings one arrival event's children into care: a single child or a sibling group, or
// a UASC (who may be transferred under the National Transfer Scheme).
func (r *run) arrive(uasc bool) {
	s := r.c.s
	if uasc {
		serial := r.nextUASCSerial
		r.nextUASCSerial++
		if !r.c.uascIvs || r.keepUASC(serial) {
			r.arriveUASC(streamAt(r.uascPrefix, serial))
		}
		r.scheduleArrival(r.now, true)
		return
	}
	n := 1
	if r.c.groupShare > 0 && r.arrivals.float64() < r.c.groupShare {
		n = min(2+r.arrivals.poisson(s.Entries.MeanGroupSize-2), 8)
	}
	r.group = r.group[:0]
	for range n {
		rng := streamAt(r.childPrefix, r.nextEntrySerial)
		serial := r.nextEntrySerial
		r.nextEntrySerial++
		if r.c.whoIvs && !r.keepEntry(rng, serial) {
			continue // an entry_rate of some children only kept them out: see keepEntry
		}
		r.group = append(r.group, r.enter(rng, s.Entries.Ages, r.c.entrySum, r.c.entryNeed, false))
	}
	if len(r.group) > 0 {
		r.matchGroup(r.group)
	}
	r.scheduleArrival(r.now, false)
}

// arriveUASC brings a UASC drawing from rng into care, or transfers them under the National
// Transfer Scheme when the council already looks after more UASC than the threshold's share
// of its child population: the scheme lets a council above the threshold refer new arrivals,
// so one at it still takes them. The threshold's children are rounded to 1e-9, so that a
// share written in decimal (0.0007 of 150,000) gives the whole number it means.
func (r *run) arriveUASC(rng stream) {
	s := r.c.s
	if th := s.UASC.TransferThresholdShare; th > 0 && r.uascLvl.v > math.Round(th*float64(s.ChildPopulation)*1e9)/1e9 {
		r.bumpMonth(r.c.lay.mTransferred, 1)
		return
	}
	r.matchOne(r.enter(rng, s.UASC.Ages, r.c.uascSum, r.c.uascNeed, true), -1, -1)
}

// A uasc_surge acts as the entry_rate interventions that select some children do (see
// streamEntryWho): the UASC who would arrive without it arrive on the same days and are the
// same children (the scenario's rate, drawn from streamUASCArrivals, each child from
// streamUASCChild of their serial), so that once a surge ends a scenario sees its baseline's
// UASC again. Where the surges in force raise the rate from the scenario's B to R, the
// children they add arrive on their own: a Poisson process at R - B (its times from the
// stream streamUASCExtraTimes), each child drawn from the stream streamUASCExtra of their own
// serial. Where they lower it, each UASC who would arrive is kept with probability R / B (the
// draw from the stream streamUASCKeep of their serial).
const (
	streamUASCKeep       uint64 = 35
	streamUASCExtra      uint64 = 36
	streamUASCExtraTimes uint64 = 37
)

// keepUASC decides whether the scenario's UASC of serial serial, about to arrive now,
// arrives under the surges in force: kept with probability R / B where they lower the rate.
func (r *run) keepUASC(serial uint64) bool {
	base := r.c.s.UASC.PerYear
	rate, _ := r.c.uascRateAt(r.now)
	if rate >= base {
		return true
	}
	sel := streamAt(r.uascKeepPrefix, serial)
	return sel.float64()*base < rate
}

// arriveUASCExtra brings in a UASC a surge adds (see streamUASCExtra).
func (r *run) arriveUASCExtra() {
	rng := streamAt(r.uascExtraPrefix, r.nextUASCExtraSerial)
	r.nextUASCExtraSerial++
	r.arriveUASC(rng)
	r.scheduleUASCExtra(r.now)
}

// The entry_rate interventions that select some children (Who) act child by child, on draws
// of streams of their own, so that a scenario without one draws exactly as before and one
// with one sees the same children as its baseline but for those it adds or keeps out. A child
// about to enter whose age and need the interventions in force multiply by m (the product of
// their factors) is kept out with probability 1 - m when m < 1 (the draw from the stream
// streamEntryWho of the child's serial). The children they add (m > 1) arrive on their own,
// at times of their own, as the children of a higher entry rate do: a Poisson process at the
// rate at which children enter times the mean of max(m - 1, 0) over the mix (see
// extraRateAt; its times and choices from the stream streamEntryExtraTimes), each drawn from
// the entries' mix as the other children are (from the stream streamEntryExtra, one serial a
// draw) until one whom the interventions multiply by m > 1 is kept, with probability
// (m - 1) / (mmax - 1), mmax the largest factor of a child of the mix. Children whom the
// interventions multiply by m so enter at m times their rate, with the mix's ages and needs
// among them, as a Poisson process: one at a time, not bunched with the children of the
// baseline.
const (
	streamEntryWho        uint64 = 32
	streamEntryExtra      uint64 = 33
	streamEntryExtraTimes uint64 = 34
)

// peekEntry returns the age and need a child entering from rng would have, drawn as enter
// draws them, without moving rng.
func (r *run) peekEntry(rng stream) (age float64, need model.Need) {
	mix := r.c.s.Entries.Ages
	i := pickShare(&rng, mix, r.c.entrySum)
	b := &mix[i]
	age = float64(b.Ages.FromYears) + rng.float64()*float64(b.Ages.ToYears+1-b.Ages.FromYears)
	return age, model.Need(rng.pickOnly(b.NeedShares[:], r.c.entryNeed[i]))
}

// keepEntry decides, for the child of entry serial serial about to enter from rng, whether
// they enter: one whom the interventions multiply by m < 1 is kept out with probability 1 - m.
func (r *run) keepEntry(rng stream, serial uint64) bool {
	age, need := r.peekEntry(rng)
	m := r.c.whoMul(r.now, age, need)
	if m >= 1 {
		return true
	}
	sel := streamAt(r.whoPrefix, serial)
	return sel.float64() < m
}

// arriveExtra brings in an extra child (see streamEntryExtra): children are drawn from the
// entries' mix until one whom the interventions multiply by m > 1 is kept, with probability
// (m - 1) / (mmax - 1), and matched on their own; none enters when none is kept within
// maxExtraTries draws.
func (r *run) arriveExtra() {
	r.rateAt(procExtras, 0, r.now) // r.extraMax of the rate now
	mmax := r.extraMax
	for range maxExtraTries {
		rng := streamAt(r.extraPrefix, r.nextExtraSerial)
		r.nextExtraSerial++
		age, need := r.peekEntry(rng)
		if m := r.c.whoMul(r.now, age, need); m > 1 && (m >= mmax || r.extraArr.float64()*(mmax-1) < m-1) {
			r.matchOne(r.enter(rng, r.c.s.Entries.Ages, r.c.entrySum, r.c.entryNeed, false), -1, -1)
			break
		}
	}
	r.scheduleExtra(r.now)
}

// maxExtraTries bounds the draws spent finding one extra child.
const maxExtraTries = 10_000

// enter creates a child entering care now, drawing their age, need, sex and stay from their
// own stream, and returns their id. sum is the sum of mix's shares (shareSum), and needs holds the
// only need of each of them (see only).
func (r *run) enter(rng stream, mix []model.AgeShare, sum float64, needs []int, uasc bool) int32 {
	i := pickShare(&rng, mix, sum)
	b := &mix[i]
	age := float64(b.Ages.FromYears) + rng.float64()*float64(b.Ages.ToYears+1-b.Ages.FromYears)
	need := model.Need(rng.pickOnly(b.NeedShares[:], needs[i]))
	male := rng.float64() < b.MaleShare
	id := r.newChild(rng, age, need, uasc)
	ch := &r.children[id]
	ch.male = male
	rule := r.c.stayRule(age, need, uasc)
	r.planExit(id, rule, rule.stay.draw(&ch.rng))
	r.entered++
	r.cla.add(r.now, 1)
	if uasc {
		r.uascLvl.add(r.now, 1)
	}
	r.bumpMonth(r.c.lay.mEntries, 1)
	return id
}

// pickShare returns the index of a share of mix drawn in proportion to the shares, whose sum
// is sum (shareSum): with one share, it draws all the same.
func pickShare(s *stream, mix []model.AgeShare, sum float64) int {
	if len(mix) == 1 {
		s.pcg.Uint64()
		return 0
	}
	// As pickSum, it passes over every share rather than stopping at the one drawn.
	u := s.float64() * sum
	at, miss := 0, 1
	for i := range mix {
		w := mix[i].Share
		hit := miss & b2i(u < w)
		at += hit * i
		miss &^= hit
		u -= w
	}
	if miss != 0 {
		return len(mix) - 1
	}
	return at
}

// shareSum returns the sum of mix's shares, added in order.
func shareSum(mix []model.AgeShare) float64 {
	var sum float64
	for _, b := range mix {
		sum += b.Share
	}
	return sum
}

func (r *run) appStream(k int) *stream { return &r.apps[k] }
