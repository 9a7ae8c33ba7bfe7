package ssda903

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// yearGap returns an error when the episodes files leave out a collection year between the
// first and the last they hold: a year left out would be read as a year in which no child
// entered, moved or left care, and every rate would be wrong. Rows with a YEAR column are
// placed by it; files without one by the last collection year their dates reach (as the
// order of files is checked), a year being held too by a file with end dates in it (an
// export of several years). episodes are the files given, in order.
//
// Episodes files with a YEAR column and files without one are refused together: no one rule
// orders them. A row's YEAR outranks the order of files, so a file without one, given
// later, would lose to it and leave open the episodes it closes; placed by its dates, an
// export of several years would have its older rows outrank the YEAR files of those years.
func (r *reader) yearGap(episodes []Input) error {
	if err := r.mixedYear(); err != nil {
		return err
	}
	// The council's YEAR values, and the files that hold each.
	byYear := map[int][]int{}
	for _, e := range r.episodes {
		if y := int(e.order.year); y != 0 && !slices.Contains(byYear[y], int(e.order.file)) {
			byYear[y] = append(byYear[y], int(e.order.file))
		}
	}
	if missing := gaps(byYear); len(missing) > 0 {
		var files []string
		for _, f := range byYear {
			for _, i := range f {
				if i < len(episodes) && !slices.Contains(files, episodes[i].Name) {
					files = append(files, episodes[i].Name)
				}
			}
		}
		slices.Sort(files)
		return fmt.Errorf("the episodes files (%s) hold rows of YEAR %s and none of YEAR %s: a year of the return left out would be read as a year in which no child entered, moved or left care, and every estimate would be wrong; give the episodes of %s, or only the years on one side of %s",
			fileList(files), yearList(keys(byYear), ""), yearList(missing, "or"), yearList(missing, "and"), them(missing))
	}
	byFile := map[int][]int{}
	for i, f := range r.fileYears {
		byFile[f.year] = append(byFile[f.year], i)
	}
	// A file that holds several years (an export of them all) shows its years by the end
	// dates in each: a year's return holds no end after the year's. A year in which such a
	// file has 1 in 20 of its busiest year's ends is not missing.
	ends := map[int]yearCounts{}
	for _, e := range r.episodes {
		if e.order.year == 0 && e.dec != noDay {
			if ends[int(e.order.file)] == nil {
				ends[int(e.order.file)] = yearCounts{}
			}
			ends[int(e.order.file)].count(e.dec)
		}
	}
	missing := gaps(byFile)
	missing = slices.DeleteFunc(missing, func(y int) bool {
		for _, yc := range ends {
			busiest := 0
			for _, n := range yc {
				busiest = max(busiest, n)
			}
			if 20*yc[y] >= busiest && yc[y] > 0 {
				return true
			}
		}
		return false
	})
	if len(missing) > 0 {
		var reach []string
		for _, y := range keys(byFile) {
			var names []string
			for _, i := range byFile[y] {
				names = append(names, r.fileYears[i].name)
			}
			reach = append(reach, fmt.Sprintf("%d (%s)", y, strings.Join(names, ", ")))
		}
		var spans []string
		for _, y := range missing {
			spans = append(spans, fmt.Sprintf("%d (April %d to March %d)", y, y-1, y))
		}
		return fmt.Errorf("the episodes files' dates reach the years to March %s, and none the year to March %s: a year of the return left out would be read as a year in which no child entered, moved or left care, and every estimate would be wrong; give that year's episodes file, or only the years on one side of %s",
			joinList(reach, "and"), joinList(spans, "or"), them(missing))
	}
	return nil
}

// gaps returns the years between the first and last of held that held lacks, in order.
func gaps(held map[int][]int) []int {
	ys := keys(held)
	if len(ys) < 2 {
		return nil
	}
	var missing []int
	for y := ys[0] + 1; y < ys[len(ys)-1]; y++ {
		if _, ok := held[y]; !ok {
			missing = append(missing, y)
		}
	}
	return missing
}

// keys returns the years of m in order.
func keys(m map[int][]int) []int {
	var ys []int
	for y := range m {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// yearList writes years as "2017, 2018 and 2020", or joined with word; "" joins them with and.
func yearList(ys []int, word string) string {
	if word == "" {
		word = "and"
	}
	var s []string
	for _, y := range ys {
		s = append(s, strconv.Itoa(y))
	}
	return joinList(s, word)
}

// joinList writes "a, b and c", or with word in place of and.
func joinList(s []string, word string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + word + " " + s[len(s)-1]
}

// fileList names up to four files, and how many more.
func fileList(names []string) string {
	if len(names) <= 4 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:4], ", ") + fmt.Sprintf(" and %d more", len(names)-4)
}

// them says "it" of one year and "them" of several.
func them(ys []int) string {
	if len(ys) == 1 {
		return "it"
	}
	return "them"
}

// doOrDoes says "does" of one file and "do" of several.
func doOrDoes(n int) string {
	if n == 1 {
		return "does"
	}
	return "do"
}

// itOrEach says "it" of one file and "each of them" of several.
func itOrEach(n int) string {
	if n == 1 {
		return "it"
	}
	return "each of them"
}

// mixedYear refuses, for each kind of file, files with a YEAR column given with files without
// one, naming both. Of episodes files, see yearGap. Of header and UASC files, a child's row
// given in several files is taken from the latest by YEAR, then by the order of files: a row
// with a YEAR outranks every row of a file without one, given later or not, so the mix would
// read a child's details from whichever file has the column rather than the latest return.
func (r *reader) mixedYear() error {
	var errs []error
	for k := range fileKind(len(r.withYear)) {
		with, without := r.withYear[k], r.withoutYear[k]
		if len(with) == 0 || len(without) == 0 {
			continue
		}
		have := fmt.Sprintf("the %s files %s have", k, fileList(with))
		if len(with) == 1 {
			have = fmt.Sprintf("the %s file %s has", k, with[0])
		}
		why := "a return's years cannot be put in order when some are placed by YEAR and some by their dates, and an episode would be left open or closed wrongly"
		switch k {
		case headerFile:
			why = "a child's rows in several of them cannot be put in order when some are placed by YEAR and some by the order of the files, and a child's date of birth or sex would be read from an older return"
		case uascFile:
			why = "a child's rows in several of them cannot be put in order when some are placed by YEAR and some by the order of the files, and a child's date UASC status ceased (DUC) would be read from an older return"
		}
		errs = append(errs, fmt.Errorf("%s a YEAR column and %s %s not: %s; add the YEAR column to %s, or take it out of %s",
			have, fileList(without), doOrDoes(len(without)), why, itOrEach(len(without)), itOrEach(len(with))))
	}
	return errors.Join(errs...)
}
