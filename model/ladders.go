package model

import "slices"

// Intersect returns the children both s and o select, and false when there are none.
func (s Selector) Intersect(o Selector) (Selector, bool) {
	out := Selector{Ages: AgeRange{max(s.Ages.FromYears, o.Ages.FromYears), min(s.Ages.ToYears, o.Ages.ToYears)}}
	if out.Ages.FromYears > out.Ages.ToYears {
		return Selector{}, false
	}
	switch {
	case s.Needs == 0:
		out.Needs = o.Needs
	case o.Needs == 0:
		out.Needs = s.Needs
	default:
		if out.Needs = s.Needs & o.Needs; out.Needs == 0 {
			return Selector{}, false
		}
	}
	switch {
	case s.UASC == UASCAny:
		out.UASC = o.UASC
	case o.UASC == UASCAny || o.UASC == s.UASC:
		out.UASC = s.UASC
	default:
		return Selector{}, false
	}
	return out, true
}

// Covers reports whether s selects every child o selects.
func (s Selector) Covers(o Selector) bool {
	if s.Ages.FromYears > o.Ages.FromYears || o.Ages.ToYears > s.Ages.ToYears {
		return false
	}
	if s.Needs != 0 && (o.Needs == 0 || o.Needs&^s.Needs != 0) {
		return false
	}
	return s.UASC == UASCAny || s.UASC == o.UASC
}

// TryFirst returns ladders with the kinds first tried first by the children who selects,
// before the rungs their own ladder gives them, and keeps every other child's ladder as it
// is. For each ladder that selects some of those children, in order, it makes a ladder for
// them alone whose try is first then the ladder's own rungs (less any kind of first), without
// the ladder's shares: those children start at first, then try its rungs in order. The new
// ladders go before all of ladders, in the same order, so that a child finds the one made from
// the ladder they would have found; a new ladder that an earlier one covers, and a ladder of
// ladders that the new ones cover, would never be reached and are left out. kept holds, for
// each of ladders that is kept, its index in ladders: they are the last len(kept) of out; from
// holds, for each new ladder, the index in ladders of the ladder it was made from: they are the
// first len(from) of out.
func TryFirst(ladders []Ladder, who Selector, first []KindID) (out []Ladder, kept, from []int) {
	var added []Ladder
	for i, l := range ladders {
		w, ok := l.Who.Intersect(who)
		if !ok || slices.ContainsFunc(added, func(a Ladder) bool { return a.Who.Covers(w) }) {
			continue
		}
		try := slices.Clone(first)
		for _, k := range l.Try {
			if !slices.Contains(try, k) {
				try = append(try, k)
			}
		}
		added = append(added, Ladder{Who: w, Try: try})
		from = append(from, i)
	}
	out = added
	for i, l := range ladders {
		if slices.ContainsFunc(added, func(a Ladder) bool { return a.Who.Covers(l.Who) }) {
			continue
		}
		out = append(out, l)
		kept = append(kept, i)
	}
	return out, kept, from
}
