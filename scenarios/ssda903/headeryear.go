package ssda903

import (
	"fmt"
	"slices"
	"strings"
)

// headerYears gives the rows of each header and UASC file without a YEAR column the year of
// the return they are part of, as the episodes files' rows have theirs: the year of the
// episodes whose children the file holds most fully (all of them, for a year's own file), the
// closest match of the two sets breaking a tie. A child's date of birth, sex and UASC status
// are then the latest return's whatever the order the files are given in. Where a file's year
// cannot be told (two years' episodes hold its children alike) or two files of a kind would
// be the same year's, the files of that kind keep the order given, the last given counting as
// the latest, and a warning says so.
func (r *reader) headerYears(files Files) {
	children := map[int32]map[int32]bool{}
	add := func(year, child int32) {
		s := children[year]
		if s == nil {
			s = map[int32]bool{}
			children[year] = s
		}
		s[child] = true
	}
	// One episodes file of several years' returns without a YEAR column (the returns joined
	// into one export): its rows are all of the year its dates reach, and each file of
	// header or UASC rows would match that year alone. A row is then of every year's return
	// its episode is open in, from the first year an episode of the file closes in.
	first := r.joinedFirst(files)
	joined := first != 0
	closed := map[episodeStart]day{} // an episode's end, by any of its rows: an earlier return's row of it is open
	if joined {
		for i := range r.episodes {
			if e := &r.episodes[i]; e.dec != noDay {
				closed[episodeStart{e.child, e.decom}] = e.dec
			}
		}
	}
	for i := range r.episodes {
		e := &r.episodes[i]
		if e.order.year == 0 {
			return // episodes of no known year: the order given is all there is
		}
		if !joined || first == 0 || first >= e.order.year {
			add(e.order.year, e.child)
			continue
		}
		from, to := max(returnYear(e.decom), first), e.order.year
		if dec, ok := closed[episodeStart{e.child, e.decom}]; ok {
			to = min(returnYear(dec), to)
		}
		for y := from; y <= to; y++ {
			add(y, e.child)
		}
	}
	for _, set := range []struct {
		what string
		in   []Input
		rows []rawHeader
	}{{"header", files.Header, r.headers}, {"UASC", files.UASC, r.uascs}} {
		if len(set.in) < 2 {
			if set.what == "UASC" && len(set.in) == 1 {
				r.uascMissing(set.in, []int32{r.onlyYear(set.rows, children)}, children)
			}
			continue
		}
		held := make([]map[int32]bool, len(set.in))
		given := make([]bool, len(set.in)) // a row carries its YEAR
		for _, h := range set.rows {
			if h.order.year != 0 {
				given[h.order.file] = true
				continue
			}
			if held[h.order.file] == nil {
				held[h.order.file] = map[int32]bool{}
			}
			held[h.order.file][h.child] = true
		}
		year := make([]int32, len(set.in))
		var unknown []string // what is not told of a file, or of two files, as a clause
		taken := map[int32]string{}
		for f, hs := range held {
			if given[f] || len(hs) == 0 {
				continue
			}
			best, tied := bestYear(hs, children)
			name := set.in[f].Name
			if tied {
				unknown = append(unknown, name+" matches two years' episodes equally")
				continue
			}
			if best == 0 {
				unknown = append(unknown, name+" matches no one year's episodes")
				continue
			}
			if other, ok := taken[best]; ok {
				unknown = append(unknown, fmt.Sprintf("%s and %s both match the year to March %d's", other, name, best))
				continue
			}
			taken[best] = name
			year[f] = best
		}
		if set.what == "UASC" {
			r.uascMissing(set.in, year, children)
		}
		if len(unknown) > 0 {
			r.warnings = append(r.warnings, fmt.Sprintf("%s files: cannot tell, by the children each holds, which year's return each is (%s), so where a child's details differ between the %s files, the file given last is used: give them oldest first, or with a YEAR column", set.what, strings.Join(unknown, "; "), set.what))
			continue
		}
		for i := range set.rows {
			if h := &set.rows[i]; h.order.year == 0 {
				h.order.year = year[h.order.file]
			}
		}
	}
}

// episodeStart names an episode by its child and start, as the rows of it in several returns
// share them.
type episodeStart struct {
	child int32
	decom day
}

// joinedFirst returns, where the episodes are one file of several years' returns without a
// YEAR column (the returns joined into one export), the first year an episode of it closes in:
// the first return it holds. It returns 0 for any other episodes files, or for one whose rows
// carry their YEAR or whose episodes never close.
func (r *reader) joinedFirst(files Files) int32 {
	if len(files.Episodes) != 1 || len(r.fileYears) != 1 {
		return 0
	}
	first := int32(0)
	for i := range r.episodes {
		e := &r.episodes[i]
		if e.order.year == 0 || e.order.year != int32(r.fileYears[0].year) {
			return 0 // a row with its own YEAR
		}
		if e.dec != noDay && (first == 0 || returnYear(e.dec) < first) {
			first = returnYear(e.dec)
		}
	}
	return first
}

// onlyYear returns the year whose episodes hold the children of rows, all of one file, most
// fully (the closest match breaking a tie), or 0 where none holds any or two alike.
func (r *reader) onlyYear(rows []rawHeader, children map[int32]map[int32]bool) int32 {
	hs := map[int32]bool{}
	for _, h := range rows {
		if h.order.year != 0 {
			return 0
		}
		hs[h.child] = true
	}
	best, _ := bestYear(hs, children)
	return best
}

// bestYear returns the year whose episodes' children (children, by year) hold most of hs, the
// closest match (most of hs over the two together) breaking a tie, or 0 where none holds any
// of hs or two years are alike (tied then true).
func bestYear(hs map[int32]bool, children map[int32]map[int32]bool) (year int32, tied bool) {
	best, tied := int32(0), false
	var bestIn, bestUnion int
	for y, es := range children {
		in := 0
		for c := range hs {
			if es[c] {
				in++
			}
		}
		union := len(hs) + len(es) - in
		// in/len(hs) first, then in/union: compared as cross products.
		switch {
		case best == 0 || in > bestIn || in == bestIn && in*bestUnion > bestIn*union:
			best, bestIn, bestUnion, tied = y, in, union, false
		case in == bestIn && in*bestUnion == bestIn*union:
			tied = true
		}
	}
	if bestIn == 0 {
		return 0, false
	}
	if tied {
		return 0, true
	}
	return best, false
}

// uascMissing warns when fewer UASC files without a YEAR column are given than the episodes
// have years: a child who was UASC only in a year without its UASC file is read as an ordinary
// entrant. It names the years no UASC file was found to be of, where each file's year is told
// (year holds each file's, 0 where not: a file with no rows, a year without UASC, may be of any).
func (r *reader) uascMissing(in []Input, year []int32, children map[int32]map[int32]bool) {
	if len(in) == 0 || len(in) >= len(children) || len(r.withYear[uascFile]) > 0 {
		return // a file with a YEAR column holds the years it has rows of: a year with none had no UASC
	}
	covered := map[int32]bool{}
	for _, y := range year {
		covered[y] = true
	}
	which := ""
	if !covered[0] {
		var missing []int32
		for y := range children {
			if !covered[y] {
				missing = append(missing, y)
			}
		}
		slices.Sort(missing)
		names := make([]string, len(missing))
		for i, y := range missing {
			names[i] = fmt.Sprintf("%d-%02d", y-1, y%100)
		}
		which = fmt.Sprintf(", none for %s", strings.Join(names, ", "))
	}
	r.warnings = append(r.warnings, fmt.Sprintf("--uasc: %d %s for %d years of episodes%s: a child who was an unaccompanied asylum-seeking child only in a year without its UASC file is counted as another child entering care, and the scenario's UASC arrivals are too few; give every year's UASC file with --uasc (a year in which the council looked after none is a file with its header row alone)",
		len(in), plural(len(in), "UASC file"), len(children), which))
}

// returnYear is the year of the return d falls in: the year to 31 March.
func returnYear(d day) int32 {
	y, m, _ := d.civil()
	if m >= 4 {
		y++
	}
	return int32(y)
}
