package ssda903

import (
	"fmt"
	"slices"
)

// joinedForm says what a joined export of several years' returns (one episodes file without a
// YEAR column, joinedFirst) holds of an episode open over several returns.
type joinedForm uint8

const (
	// notJoined: the episodes are per-year files, or carry their YEAR.
	notJoined joinedForm = iota
	// joinedReturns: the export holds each return's row of an episode, as the returns
	// joined one after another do; each row is given the return it is a record of.
	joinedReturns
	// joinedOnce: the export holds each episode once, so which return last held an open
	// episode cannot be told.
	joinedOnce
)

// joinedReturns gives each row of a joined export (first is joinedFirst's, not 0) the return it
// is a record of, as a year's own file gives its rows theirs, where the export holds each
// return's row of an episode: an episode open on some 31 March of the file's years is then in
// two returns or more, and has as many rows. An episode's rows with its end (DEC) are of the
// return of the year it ended in; its open rows, in the file's order, of the returns from the
// year it began (or the first return) on, one each: open at the end of each. The latest
// return's row of an episode is then kept whatever the order of the rows (clean), its repeats
// are counted as repeats in a later return, and a child whose last open episode an earlier
// return holds and the latest does not is told (staleStock), as with one file a year. Where
// half or more of the episodes open over a 31 March have one row, the export holds each
// episode once (joinedOnce): the rows keep the file's year, and which return last held an
// episode cannot be told.
func (r *reader) joinedReturns(first int32) joinedForm {
	latest := int32(r.fileYears[0].year)
	rows := map[episodeStart][]int{}
	for i := range r.episodes {
		e := &r.episodes[i]
		k := episodeStart{e.child, e.decom}
		rows[k] = append(rows[k], i)
	}
	// from and to are the first and last returns that held the episode of rows is, by
	// its dates.
	span := func(is []int) (from, to int32) {
		from, to = max(returnYear(r.episodes[is[0]].decom), first), latest
		for _, i := range is {
			if e := &r.episodes[i]; e.dec != noDay && !e.backwards() {
				to = min(to, returnYear(e.dec))
			}
		}
		return from, max(from, to)
	}
	var over, repeated int
	for _, is := range rows {
		if from, to := span(is); to > from {
			over++
			if len(is) > 1 {
				repeated++
			}
		}
	}
	if 2*repeated < over {
		return joinedOnce
	}
	clamp := func(y int32) int32 { return min(max(y, first), latest) }
	for _, is := range rows {
		slices.SortFunc(is, func(a, b int) int {
			return int(r.episodes[a].order.line - r.episodes[b].order.line)
		})
		from, _ := span(is)
		open := int32(0)
		for _, i := range is {
			e := &r.episodes[i]
			switch {
			case e.backwards():
				e.order.year = clamp(returnYear(e.decom)) // its later date, as its DECOM here
			case e.dec != noDay:
				e.order.year = clamp(returnYear(e.dec))
			default:
				e.order.year = clamp(from + open)
				open++
			}
		}
	}
	return joinedReturns
}

// joinedNote returns, for the data-quality report, what a joined export's form (joinedReturns)
// means for the rows kept and the stock, or "".
func joinedNote(form joinedForm, name string) string {
	switch form {
	case joinedReturns:
		return fmt.Sprintf("%s holds several years' returns joined, without a YEAR column, each return's row of an episode kept: each row is read as the record of the return that held it, a row with the episode's end (DEC) of the return of the year it ended, its open rows in the file's order of the returns from the year it began (or the first return) on, one each, so that the latest return's row is kept whatever the order of the rows, and a child whose last open episode the latest return does not hold is told, as with one file a year.", name)
	case joinedOnce:
		return fmt.Sprintf("%s holds several years' returns joined, without a YEAR column, and each episode once (most episodes open over a 31 March have a single row): which return last held a child's open episode cannot be told, so a child in care by an episode that the latest return does not hold (who left care, and the latest return does not say so) cannot be told from one still in care, and the starting stock counts them all; where the export can give each return's rows, or a YEAR column, the stock is checked against the latest return.", name)
	}
	return ""
}
