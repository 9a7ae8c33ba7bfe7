package ssda903

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// messyRow is an episodes row of child id starting on decom and ending on dec ("" while
// open) with reason rec.
func messyRow(id, decom, dec, rec string) string {
	return fmt.Sprintf("%s,%s,S,C2,N1,U1,PR1,%s,%s,,,,\n", id, decom, dec, rec)
}

// messyYears is a return of two years, 2019-20 and 2020-21, of n children each in care from
// May 2019 to the end, moving in June 2020: the 2020 episodes file holds the first placement
// open, the 2021 file it closed and the next one open. edit changes a file's text (named
// 2020-episodes.csv, 2021-header.csv and so on) before it is read; uasc, when given, are the
// two years' UASC files.
func messyYears(t *testing.T, n int, edit func(name, text string) string, uasc ...string) (*Return, error) {
	t.Helper()
	return Read(messyFiles(t, n, edit, uasc...), ReadOptions{})
}

// messyFiles is the files messyYears reads, each year's in its turn.
func messyFiles(t *testing.T, n int, edit func(name, text string) string, uasc ...string) Files {
	t.Helper()
	files := Files{}
	for _, y := range []string{"2020", "2021"} {
		eps, head := episodesHead, "CHILD,SEX,DOB,UPN\n"
		for i := range n {
			id := fmt.Sprint(1001 + i)
			if y == "2020" {
				eps += messyRow(id, "01/05/2019", "", "")
			} else {
				eps += messyRow(id, "01/05/2019", "01/06/2020", "X1")
				eps += strings.Replace(messyRow(id, "01/06/2020", "", ""), ",S,", ",P,", 1)
			}
			head += id + ",1,01/01/2010,U" + y + id + "\n"
		}
		kinds := []struct {
			name, text string
			to         *[]Input
		}{{y + "-episodes.csv", eps, &files.Episodes}, {y + "-header.csv", head, &files.Header}}
		if len(uasc) == 2 {
			kinds = append(kinds, struct {
				name, text string
				to         *[]Input
			}{y + "-uasc.csv", uasc[len(files.UASC)], &files.UASC})
		}
		for _, f := range kinds {
			text := f.text
			if edit != nil {
				text = edit(f.name, text)
			}
			*f.to = append(*f.to, Input{Name: f.name, R: strings.NewReader(text)})
		}
	}
	return files
}

// zeroPad writes the CHILD of every row of text below its header row with leading zeros to 7
// digits, as a spreadsheet column formatted so writes them.
func zeroPad(text string) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		if id, rest, ok := strings.Cut(lines[i], ","); ok {
			lines[i] = strings.Repeat("0", max(0, 7-len(id))) + id + "," + rest
		}
	}
	return strings.Join(lines, "\n")
}

// TestHeaderMismatchOneFile checks that one episodes file whose children have no header row
// (their identifiers written with leading zeros) is refused, though most children of all the
// files have one, and that the message says the zeros, never the identifiers.
func TestHeaderMismatchOneFile(t *testing.T) {
	_, err := messyYears(t, 6, func(name, text string) string {
		if name == "2021-episodes.csv" {
			return zeroPad(text)
		}
		return text
	})
	if err == nil {
		t.Fatal("a year's episodes whose identifiers the header files lack were read")
	}
	msg := err.Error()
	for _, want := range []string{"2021-episodes.csv:2: CHILD:", "6 of the 6 children of 2021-episodes.csv",
		"the child identifiers of 2021-episodes.csv have leading zeros the header files lack", "matches 2020-header.csv:2"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "0001001") || strings.Contains(msg, "1001") {
		t.Errorf("the error quotes a child's identifier:\n%s", msg)
	}
}

// TestHeaderMismatchFewZeros checks that a child without a header row whose identifier
// matches one but for leading zeros is said in a warning.
func TestHeaderMismatchFewZeros(t *testing.T) {
	ret, err := messyYears(t, 10, func(name, text string) string {
		if name == "2021-episodes.csv" {
			return strings.Replace(text, "\n1002,", "\n001002,", 1)
		}
		return text
	})
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(ret.Warnings(), "\n")
	if !strings.Contains(w, "2021-episodes.csv:4: CHILD:") || !strings.Contains(w, "have leading zeros the header files lack: 1 of its children") {
		t.Errorf("no warning of the leading zeros: %q", w)
	}
}

// TestUASCGivenAsHeader checks that a UASC file given as the header file is named as one
// when the header files do not match the episodes.
func TestUASCGivenAsHeader(t *testing.T) {
	_, err := Read(Files{
		Episodes: []Input{{Name: "e.csv", R: strings.NewReader(episodesHead + messyRow("1", "01/05/2019", "", "") + messyRow("2", "01/05/2019", "", ""))}},
		Header:   []Input{{Name: "u.csv", R: strings.NewReader("CHILD,SEX,DOB,DUC\n3,1,01/01/2005,01/01/2023\n")}},
	}, ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "u.csv has a DUC column: it looks like a UASC file, given as a header file (--header)") {
		t.Errorf("error %v, want it to say u.csv looks like a UASC file", err)
	}
}

// inCareAtEnd counts the children in care on the last day of ret's data.
func inCareAtEnd(ret *Return) int {
	n := 0
	for i := range ret.periods {
		if ret.periods[i].inCareOn(ret.end - 1) {
			n++
		}
	}
	return n
}

// noteOf returns the count of the report's note whose text holds what, 0 when there is none.
func noteOf(q *Quality, what string) int {
	for _, s := range q.Notes {
		if strings.Contains(s.What, what) {
			return s.Rows
		}
	}
	return 0
}

// TestBlankDOBKeepsKnown checks that an empty DOB or SEX in the latest header leaves the
// one an earlier return gives, and is not counted as a disagreement.
func TestBlankDOBKeepsKnown(t *testing.T) {
	ret, err := messyYears(t, 10, func(name, text string) string {
		if name == "2021-header.csv" {
			text = strings.Replace(text, "1001,1,01/01/2010", "1001,1,", 1)
			text = strings.Replace(text, "1002,1,01/01/2010", "1002,,", 1)
		}
		return text
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := inCareAtEnd(ret); got != 10 {
		t.Errorf("%d children in care at the end, want 10", got)
	}
	for _, p := range ret.periods {
		if p.sex != sexMale {
			t.Errorf("a child's sex is %d, want male (1) from the earlier return", p.sex)
		}
	}
	if n := noteOf(ret.Quality, "disagree"); n != 0 {
		t.Errorf("%d header rows said to disagree on the date of birth, want 0", n)
	}
	if n := noteOf(ret.Quality, "empty DOB"); n != 2 {
		t.Errorf("%d header rows counted with an empty DOB, want 2", n)
	}
}

// TestDropWarning checks that children left out of the return, one of them in care at the
// end, are said in a warning pointing to the report, with counts from 1 to 4 written "fewer
// than 5" as the report writes them but the children in the episodes written as they are, and
// that none left out says nothing.
func TestDropWarning(t *testing.T) {
	ret, err := messyYears(t, 10, func(name, text string) string {
		if strings.HasSuffix(name, "-header.csv") {
			text = strings.Replace(text, "1003,1,01/01/2010", "1003,1,", 1)
		}
		return text
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `fewer than 5 children (fewer than 5 episode rows) of the 10 in the episodes were dropped, fewer than 5 of them in care on 30 June 2020, the data's last day: see c.quality.md, "Episodes read, dropped and changed"`
	if got := ret.DropWarning("c.quality.md", time.Time{}); got != want {
		t.Errorf("DropWarning:\n got %s\nwant %s", got, want)
	}
	// A return of 4 children says how many it holds: "of the fewer than 5" would not.
	ret, err = messyYears(t, 4, func(name, text string) string {
		if strings.HasSuffix(name, "-header.csv") {
			text = strings.Replace(text, "1003,1,01/01/2010", "1003,1,", 1)
		}
		return text
	})
	if err != nil {
		t.Fatal(err)
	}
	want = `fewer than 5 children (fewer than 5 episode rows) of the 4 in the episodes were dropped, fewer than 5 of them in care on 30 June 2020, the data's last day: see c.quality.md, "Episodes read, dropped and changed"`
	if got := ret.DropWarning("c.quality.md", time.Time{}); got != want {
		t.Errorf("DropWarning of a return of 4 children:\n got %s\nwant %s", got, want)
	}
	ret, err = messyYears(t, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ret.DropWarning("c.quality.md", time.Time{}); got != "" {
		t.Errorf("DropWarning with no child left out: %s", got)
	}
}

// TestDropWarningRepeatedRow checks that a child left out whose open row in one return is
// the same episode, ended, in the next is not said to be in care at the end of the data, and
// that the warning checks and names the window's last day when one is given.
func TestDropWarningRepeatedRow(t *testing.T) {
	ret, err := messyYears(t, 30, func(name, text string) string {
		switch name {
		case "2020-episodes.csv":
			text += messyRow("2001", "01/06/2019", "", "")
		case "2021-episodes.csv":
			text += messyRow("2001", "01/06/2019", "15/06/2020", "E12")
		}
		return text
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		to   time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2020, 6, 20, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC), `fewer than 5 children (fewer than 5 episode rows) of the 31 in the episodes were dropped, fewer than 5 of them in care on 31 December 2019, the window's last day: see c.quality.md, "Episodes read, dropped and changed"`},
	} {
		if got := ret.DropWarning("c.quality.md", c.to); got != c.want {
			t.Errorf("DropWarning to %v:\n got %s\nwant %s", c.to, got, c.want)
		}
	}
}

// TestSameFiles checks that an episodes file that is another's copy is refused,
// naming both, and that a header or UASC file alike another is said in a warning.
func TestSameFiles(t *testing.T) {
	uasc := "CHILD,SEX,DOB,DUC\n1001,1,01/01/2010,01/01/2028\n"
	for _, kind := range []string{"episodes", "header", "uasc"} {
		t.Run(kind, func(t *testing.T) {
			var texts = map[string]string{}
			ret, err := messyYears(t, 6, func(name, text string) string {
				texts[name] = text
				if name == "2021-"+kind+".csv" {
					return texts["2020-"+kind+".csv"]
				}
				return text
			}, uasc, uasc)
			want := "2021-" + kind + ".csv: is byte for byte the same file as 2020-" + kind + ".csv"
			if kind != "episodes" {
				if err != nil {
					t.Fatal(err)
				}
				if w := strings.Join(ret.Warnings(), "\n"); !strings.Contains(w, want) {
					t.Errorf("warnings %q, want one saying %q", w, want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want one saying %q", err, want)
			}
		})
	}
}

// TestBlankRowsSkipped checks that rows whose every cell is empty, as a spreadsheet saves
// rows formatted and left empty, are skipped as blank lines are, in every kind of file.
func TestBlankRowsSkipped(t *testing.T) {
	ret, err := messyYears(t, 6, func(name, text string) string {
		return text + ",,,,,,,,,,,,\n , ,\n"
	}, "CHILD,SEX,DOB,DUC\n1001,1,01/01/2010,01/01/2028\n", "CHILD,SEX,DOB,DUC\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := inCareAtEnd(ret); got != 6 {
		t.Errorf("%d children in care at the end, want 6", got)
	}
	for _, f := range ret.Quality.Files {
		if f.Kind == "episodes" && f.Rows != 6 && f.Rows != 12 {
			t.Errorf("%s: %d rows counted, want its rows without the empty ones", f.Name, f.Rows)
		}
	}
}

// stepOf returns the report's step whose text begins with what, and whether there is one.
func stepOf(q *Quality, what string) (Step, bool) {
	for _, s := range q.Steps {
		if strings.HasPrefix(s.What, what) {
			return s, true
		}
	}
	return Step{}, false
}

// TestDroppedRowSupersedes checks that a later return's row dropped for ending before it
// starts (its dates swapped) does not bring back the earlier return's open row of the same
// episode, leaving the child in care at the end, and that the report names the rows.
func TestDroppedRowSupersedes(t *testing.T) {
	ret, err := messyYears(t, 6, func(name, text string) string {
		switch name {
		case "2020-episodes.csv":
			text += messyRow("2001", "01/05/2019", "", "")
		case "2021-episodes.csv":
			text += messyRow("2001", "01/06/2020", "01/05/2019", "E11") // swapped: it left in June 2020
		case "2020-header.csv", "2021-header.csv":
			text += "2001,2,01/01/2010,U" + name[:4] + "\n"
		}
		return text
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := inCareAtEnd(ret); got != 6 {
		t.Errorf("%d children in care at the end, want 6: the swapped row's child left", got)
	}
	// The child, whose rows are all dropped, left care: not said to be in care at the end.
	if w := ret.DropWarning("c.quality.md", time.Time{}); strings.Contains(w, "in care on") {
		t.Errorf("DropWarning: %s", w)
	}
	for what, want := range map[string]string{
		"ending before they start":                  "2021-episodes.csv:14",
		"of an episode whose row in a later return": "2020-episodes.csv:8",
	} {
		s, ok := stepOf(ret.Quality, what)
		if !ok || s.Rows != 1 || s.First != want {
			t.Errorf("step %q: %+v, want 1 row, the first at %s", what, s, want)
		}
	}
}

// TestDateHints checks that a date in a form placesim does not read says how to write it.
func TestDateHints(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"43185", "looks like an Excel date serial number: format the column as a date (DD/MM/YYYY) before saving as CSV"},
		{"25-03-2018", "separated by dashes, dots or spaces: write the date DD/MM/YYYY"},
		{"25.03.2018", "separated by dashes, dots or spaces: write the date DD/MM/YYYY"},
		{"25-Mar-2018", "the month is written as a name: write the date DD/MM/YYYY"},
		{"25 March 2018", "the month is written as a name: write the date DD/MM/YYYY"},
		{"03/25/2018", "the file may be month-first (US dates, MM/DD/YYYY)"},
		{"abc", "want DD/MM/YYYY or YYYY-MM-DD"},
		{"25/13/2018", "the month is not 1 to 12"},
		{"13/04/17", "the year has two digits: write it in full, DD/MM/YYYY"},
		{"2017/04/13", "the year comes first, with slashes: write the date DD/MM/YYYY or YYYY-MM-DD"},
	} {
		_, err := parseDay(c.in)
		if err == nil || !strings.HasSuffix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseDay(%q): %v, want it to say %q", c.in, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), c.in) {
			t.Errorf("parseDay(%q): %v quotes the value", c.in, err)
		}
	}
	if _, err := parseDay("25/13/2018"); err != nil && strings.Contains(err.Error(), "month-first") {
		t.Errorf("parseDay(25/13/2018): %v: a day above 12 cannot be a month", err)
	}
}

// TestSameProblemCounted checks that a problem of more rows than are listed says how many
// rows of the file have it.
func TestSameProblemCounted(t *testing.T) {
	eps := episodesHead
	for i := range 30 {
		eps += messyRow(fmt.Sprint(1001+i), "43585", "", "")
	}
	_, err := Read(Files{
		Episodes: []Input{{Name: "e.csv", R: strings.NewReader(eps)}},
		Header:   []Input{{Name: "h.csv", R: strings.NewReader("CHILD,SEX,DOB\n1001,1,01/01/2010\n")}},
	}, ReadOptions{})
	if err == nil {
		t.Fatal("dates that are serial numbers were read")
	}
	msg := err.Error()
	want := "e.csv: DECOM: cannot read the date: want DD/MM/YYYY or YYYY-MM-DD: a whole number such as this looks like an Excel date serial number: format the column as a date (DD/MM/YYYY) before saving as CSV: 30 rows of the file have this problem, 20 of them listed above"
	if !strings.Contains(msg, want) {
		t.Errorf("the error does not say\n%s\n:\n%s", want, msg)
	}
	if n := strings.Count(msg, "e.csv:2") + strings.Count(msg, "e.csv:3"); n == 0 {
		t.Errorf("the first rows are not listed:\n%s", msg)
	}
}

// TestHeaderMismatchOneYear checks that one YEAR of a file with that column, most of whose
// children have no header row, is refused though most children of the file have one.
func TestHeaderMismatchOneYear(t *testing.T) {
	eps := strings.TrimSuffix(episodesHead, "\n") + ",YEAR\n"
	head := "CHILD,SEX,DOB\n"
	for i := range 6 {
		id := fmt.Sprint(1001 + i)
		eps += strings.TrimSuffix(messyRow(id, "01/05/2019", "", ""), "\n") + ",2020\n"
		eps += strings.TrimSuffix(messyRow("000"+id, "01/05/2019", "", ""), "\n") + ",2021\n"
		head += id + ",1,01/01/2010\n"
	}
	_, err := Read(Files{
		Episodes: []Input{{Name: "e.csv", R: strings.NewReader(eps)}},
		Header:   []Input{{Name: "h.csv", R: strings.NewReader(head)}},
	}, ReadOptions{})
	want := "e.csv:3: CHILD: no date of birth for this child in the header files (h.csv), nor for 6 of the 6 children of YEAR 2021 of e.csv: the child identifiers of YEAR 2021 of e.csv have leading zeros the header files lack"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want it to say %q", err, want)
	}
}

// TestSwappedRowSameEpisode checks which earlier row a later return's row with its DECOM and
// DEC swapped is the record of: the earlier return's row starting on its DEC (its start, the
// dates un-swapped) is the same episode and is dropped with it, whichever order the rows
// and the files come in, while a row starting on its DECOM (its end: the next episode) is a
// distinct episode and is kept, in the same return or an earlier one.
func TestSwappedRowSameEpisode(t *testing.T) {
	const (
		open    = "2001,01/05/2019,S,C2,N1,U1,PR1,,,,,,\n"
		swapped = "2001,01/06/2020,S,C2,N1,U1,PR1,01/05/2019,P1,,,,\n" // it moved in June 2020
		next    = "2001,01/06/2020,P,C2,N1,U1,PR1,,,,,,\n"
		// A move in February 2020: the 2020 return holds the next episode open, and the
		// 2021 return the first, its dates swapped.
		swappedFeb = "2001,01/02/2020,S,C2,N1,U1,PR1,01/05/2019,P1,,,,\n"
		nextFeb    = "2001,01/02/2020,P,C2,N1,U1,PR1,,,,,,\n"
	)
	for _, c := range []struct {
		name         string
		y2020, y2021 string
		reversed     bool // the 2021 files given before the 2020 ones
		inCare       int  // of the 6 children of messyYears and child 2001
		superseded   int
	}{
		{"the next episode after the swapped row", open, swapped + next, false, 7, 1},
		{"the next episode before the swapped row", open, next + swapped, false, 7, 1},
		{"the later files given first", open, next + swapped, true, 7, 1},
		{"the child left: no next episode", open, strings.Replace(swapped, ",P1,", ",E11,", 1), true, 6, 1},
		{"the next episode in the earlier return", nextFeb, swappedFeb, false, 7, 0},
		{"the next episode in the earlier return, no start", nextFeb, swappedFeb + nextFeb, false, 7, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := messyFiles(t, 6, func(name, text string) string {
				switch name {
				case "2020-episodes.csv":
					text += c.y2020
				case "2021-episodes.csv":
					text += c.y2021
				case "2020-header.csv", "2021-header.csv":
					text += "2001,2,01/01/2010,U" + name[:4] + "\n"
				}
				return text
			})
			if c.reversed {
				slices.Reverse(files.Episodes)
				slices.Reverse(files.Header)
			}
			ret, err := Read(files, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := inCareAtEnd(ret); got != c.inCare {
				t.Errorf("%d children in care at the end, want %d", got, c.inCare)
			}
			s, _ := stepOf(ret.Quality, "of an episode whose row in a later return")
			if s.Rows != c.superseded {
				t.Errorf("%d earlier rows dropped with the swapped row, want %d", s.Rows, c.superseded)
			}
			if s, ok := stepOf(ret.Quality, "ending before they start"); !ok || s.Rows != 1 {
				t.Errorf("step ending before they start: %+v, want the swapped row", s)
			}
		})
	}
}
