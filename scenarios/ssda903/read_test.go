package ssda903

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" for an error
	}{
		{"09/04/2017", "2017-04-09"},
		{"9/4/2017", "2017-04-09"},
		{"2017-04-09", "2017-04-09"},
		{"2017-04-09 00:00:00", "2017-04-09"},
		{"2017-04-09T00:00:00", "2017-04-09"},
		{"29/02/2020", "2020-02-29"},
		{"29/02/2021", ""},
		{"31/04/2017", ""},
		{"2017-04-09 12:30:00", ""},
		{"04/09/17", ""},
		{"2017/04/09", ""},
		{"13/13/2017", ""},
		{"abc", ""},
		{"", ""},
		{"1/1/1850", ""},
	} {
		d, err := parseDay(c.in)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("parseDay(%q) = %v, want an error", c.in, d)
		case c.want != "" && err != nil:
			t.Errorf("parseDay(%q): %v", c.in, err)
		case c.want != "" && d.String() != c.want:
			t.Errorf("parseDay(%q) = %v, want %s", c.in, d, c.want)
		}
	}
}

func TestAgeYears(t *testing.T) {
	d := func(s string) day { v, _ := parseDay(s); return v }
	for _, c := range []struct {
		dob, on string
		want    int
	}{
		{"2000-03-01", "2018-02-28", 17},
		{"2000-03-01", "2018-03-01", 18},
		{"2000-02-29", "2018-02-28", 17},
		{"2000-02-29", "2018-03-01", 18},
		{"2010-06-15", "2010-06-15", 0},
	} {
		if got := ageYears(d(c.dob), d(c.on)); got != c.want {
			t.Errorf("age on %s of a child born %s: %d, want %d", c.on, c.dob, got, c.want)
		}
	}
}

const episodesHead = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

// readCSV reads episodes and a header given as text, one return each.
func readCSV(t *testing.T, episodes, header string) *Return {
	t.Helper()
	ret, err := Read(Files{
		Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(episodes)}},
		Header:   []Input{{Name: "header.csv", R: strings.NewReader(header)}},
	}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ret
}

// TestClean checks the cleaning on a few children whose returns hold what real ones do.
func TestClean(t *testing.T) {
	episodes := episodesHead +
		// Child A: an episode sent open in one year and closed in the next (the later row
		// wins), a change of legal status in the same placement (not a move), a move to an
		// agency, a temporary placement and back (no move), and a return home.
		"A,01/05/2017,S,C2,N1,U4,PR1,,,,,,\n" +
		"A,01/05/2017,S,C2,N1,U4,PR1,01/08/2017,X1,,,,\n" +
		"A,01/08/2017,L,C1,N1,U4,PR1,01/10/2017,X1,,,,\n" +
		"A,01/10/2017,P,C1,N1,U5,PR4,01/11/2017,X1,,,,\n" +
		"A,01/11/2017,T,C1,N1,T1,PR0,08/11/2017,X1,,,,\n" +
		"A,08/11/2017,P,C1,N1,U5,PR4,01/03/2018,E4A,,,,\n" +
		// Child A again: a second period, still open, starting in a children's home of the
		// council's own.
		"A,01/06/2018,S,C2,N1,K2,PR1,,,,,,\n" +
		// Child B: overlapping episodes (the first cut short), then an open episode followed
		// by another (closed when it starts); a short break is left out.
		"B,01/01/2018,S,V2,N1,U1,PR1,01/04/2018,X1,,,,\n" +
		"B,15/03/2018,P,V2,N1,H5,PR4,,,,,,\n" +
		"B,01/05/2018,P,V2,N1,K3,PR4,,,,,,\n" +
		"B,01/01/2017,S,V3,N1,U4,PR1,03/01/2017,E8,,,,\n" +
		// Child C: under way when the data begin (first episode not a start), and lost from
		// view (X1 with nothing after it).
		"C,01/02/2017,P,C2,N1,P1,PR0,01/07/2017,X1,,,,\n"
	header := "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,2001-06-01\nC,1,01/01/2005\n"
	ret := readCSV(t, episodes, header)
	if len(ret.periods) != 4 {
		t.Fatalf("%d periods, want 4: %+v", len(ret.periods), ret.periods)
	}
	a1, a2, b, c := &ret.periods[0], &ret.periods[1], &ret.periods[2], &ret.periods[3]
	if rt, ok := a1.route(); !ok || rt != returnHome || a1.end.String() != "2018-03-01" {
		t.Errorf("child A's first period ends %v by %v (%v), want 2018-03-01, returned home", a1.end, rt, ok)
	}
	var kinds []string
	var moves int
	for _, pl := range ret.placements(a1) {
		kinds = append(kinds, pl.kind.String())
		if pl.move {
			moves++
		}
	}
	if got := strings.Join(kinds, " "); got != "inhouse_foster inhouse_foster ifa ifa ifa" {
		t.Errorf("child A's placements: %s", got)
	}
	if moves != 1 {
		t.Errorf("child A moved %d times, want once (a change of legal status and a temporary placement are no moves)", moves)
	}
	if a2.end != noDay || !a2.knownStart || ret.placements(a2)[0].kind != inhouseHome {
		t.Errorf("child A's second period: %+v", a2)
	}
	bp := ret.placements(b)
	if len(bp) != 3 || bp[0].end.String() != "2018-03-15" || bp[1].end.String() != "2018-05-01" || bp[2].kind != supportedAccommodation {
		t.Errorf("child B's placements: %+v", bp)
	}
	if c.knownStart || !c.lost {
		t.Errorf("child C's period: %+v, want under way when the data begin and lost from view", c)
	}
	var steps []string
	for _, s := range ret.Quality.Steps {
		steps = append(steps, s.What)
	}
	for _, want := range []string{"short breaks", "repeated", "overlapping", "open episodes followed"} {
		if !strings.Contains(strings.Join(steps, "; "), want) {
			t.Errorf("the quality report does not say %q: %v", want, steps)
		}
	}
	if got := ret.DataEnd().Format(time.DateOnly); got != "2018-07-01" {
		t.Errorf("data end %s, want 2018-07-01 (the month after the latest date)", got)
	}
}

// TestUnopenedPeriods checks the periods that begin after a gap in a child's episodes with
// an episode that does not open a period (RNE not S): they count as entries, and the report
// says how many, how many of them are the window's entries, and how many are at a gap a
// dropped episode (ending before it starts) left.
func TestUnopenedPeriods(t *testing.T) {
	var b strings.Builder
	b.WriteString(episodesHead)
	var header strings.Builder
	header.WriteString("CHILD,SEX,DOB\n")
	for i := range 21 {
		id := fmt.Sprintf("C%d", i)
		fmt.Fprintf(&header, "%s,1,01/01/2008\n", id)
		switch {
		case i < 6: // a gap, then a move
			fmt.Fprintf(&b, "%s,01/05/2017,S,C2,N1,U4,PR1,01/08/2017,X1,,,,\n%s,01/10/2017,P,C2,N1,U4,PR1,,,,,,\n", id, id)
		case i < 11: // a move ending before it starts, dropped, leaves the gap
			fmt.Fprintf(&b, "%s,01/05/2017,S,C2,N1,U4,PR1,01/08/2017,X1,,,,\n%s,01/08/2017,P,C2,N1,U5,PR1,15/07/2017,X1,,,,\n%s,01/09/2017,P,C2,N1,U4,PR1,,,,,,\n", id, id, id)
		case i < 16: // a return home, then a move: not a gap
			fmt.Fprintf(&b, "%s,01/05/2017,S,C2,N1,U4,PR1,01/08/2017,E11,,,,\n%s,01/10/2017,P,C2,N1,U4,PR1,,,,,,\n", id, id)
		default: // a gap, then a new period
			fmt.Fprintf(&b, "%s,01/05/2017,S,C2,N1,U4,PR1,01/08/2017,X1,,,,\n%s,01/10/2017,S,C2,N1,U4,PR1,,,,,,\n", id, id)
		}
	}
	ret := readCSV(t, b.String(), header.String())
	const line = "- 11 began after a gap in a child's episodes (not after a reason for leaving care) with an episode that does not open a period (its RNE not S, as though the period went on: an episode missing from the return, or a date mistyped): counted as entries into care on the day they begin ("
	report := func() string {
		var rep bytes.Buffer
		if err := ret.Quality.WriteReport(&rep); err != nil {
			t.Fatal(err)
		}
		return rep.String()
	}
	if want := line + "5 of them at a gap left by an episode dropped for ending before it starts);\n"; !strings.Contains(report(), want) {
		t.Errorf("the report does not say\n%s\n%s", want, report())
	}
	cal, err := Calibrate(ret, Options{Base: baseScenario(t)})
	if err != nil {
		t.Fatal(err)
	}
	if want := line + "11 of them entries of the calibration window; 5 of them at a gap left by an episode dropped for ending before it starts);\n"; !strings.Contains(report(), want) {
		t.Errorf("the report does not say\n%s\n%s", want, report())
	}
	// Each child's two periods are entries, the 11 that begin with a move among them.
	if n := cal.Estimates.Entries.Count; n != 2*21 {
		t.Errorf("%d entries, want %d", n, 2*21)
	}
}

// TestBrokenFiles checks that files that cannot be read give an error naming the file, the
// row and the column.
func TestBrokenFiles(t *testing.T) {
	header := "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2009\n"
	good := episodesHead + "A,01/05/2017,S,C2,N1,U4,PR1,,,,,,\nB,01/05/2017,S,C2,N1,U4,PR1,,,,,,\n"
	for _, c := range []struct {
		name             string
		episodes, header string
		la               string
		want             []string
	}{
		{"missing column", "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,REC\nA,01/05/2017,S,C2,U4,PR1,\n", header, "",
			[]string{"episodes.csv:1: missing column DEC: an episodes file needs CHILD, DECOM"}},
		{"header given as episodes", header, header, "",
			[]string{"episodes.csv:1: missing columns DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC", "it looks like a header file"}},
		{"missing table given as episodes", "CHILD,SEX,DOB,MISSING,MIS_START,MIS_END\nA,1,01/01/2010,M,01/03/2019,02/03/2019\n", header, "",
			[]string{"episodes.csv:1: missing columns DECOM", "(it looks like the SSDA903 missing table (MISSING, MIS_START, MIS_END: the times a child went missing), not an episodes file)"}},
		{"episodes with a joined missing column", "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,MISSING\nA,01/05/2017,S,C2,U4,PR1,,\n", header, "",
			[]string{"episodes.csv:1: missing column REC: an episodes file needs CHILD, DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC; found CHILD, DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, MISSING"}},
		{"header with a joined review column", good, "CHILD,SEX,REVIEW\nA,1,01/01/2019\n", "",
			[]string{"header.csv:1: missing column DOB: a header file needs CHILD, SEX, DOB; found CHILD, SEX, REVIEW"}},
		{"CIN census given as episodes", "LAchildID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,DateOfInitialCPC,PersonBirthDate,GenderCurrent\nC1,2019-01-10,1A,N1,,RC1,,2010-01-01,1\n", header, "",
			[]string{"found none of the SSDA903 columns among its 9 (it looks like a Children in Need census file, another return than the SSDA903, not an episodes file)"}},
		{"unreadable start", episodesHead + "A,01/05/2017,S,C2,N1,U4,PR1,,,,,,\nB,31/02/2017,S,C2,N1,U4,PR1,,,,,,\n", header, "",
			[]string{"episodes.csv:3: DECOM: cannot read the date: no such day in the month"}},
		{"unreadable end", episodesHead + "A,01/05/2017,S,C2,N1,U4,PR1,May 2018,E8,,,,\n", header, "",
			[]string{"episodes.csv:2: DEC: cannot read the date: want DD/MM/YYYY or YYYY-MM-DD"}},
		{"empty start", episodesHead + "A,,S,C2,N1,U4,PR1,,,,,,\n", header, "",
			[]string{"episodes.csv:2: DECOM: empty"}},
		{"unreadable birth", good, "CHILD,SEX,DOB\nA,1,2010-13-01\n", "",
			[]string{"header.csv:2: DOB: cannot read the date: the month is not 1 to 12"}},
		{"every problem", episodesHead + "A,1/5/17,S,C2,N1,U4,PR1,,,,,,\n,01/05/2017,S,C2,N1,U4,PR1,,,,,,\n", header, "",
			[]string{"episodes.csv:2: DECOM", "episodes.csv:3: CHILD: empty"}},
		{"header of another council", good, "CHILD,SEX,DOB\nX,1,01/01/2010\nY,2,01/01/2009\n", "",
			[]string{"episodes.csv:2: CHILD: no date of birth for this child in the header files (header.csv), nor for 2 of the 2 children", "do not match the episodes"}},
		{"bad quoting", episodesHead + "A,\"01/05/2017,S\n", header, "",
			[]string{"episodes.csv:2: DECOM: a quote opens the value and is never closed"}},
		{"empty file", "", header, "", []string{"episodes.csv: the file is empty"}},
		{"several councils", "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA\nA,01/05/2017,S,C2,U4,PR1,,,Bromley\nB,01/05/2017,S,C2,U4,PR1,,,Hillingdon\n", header, "",
			[]string{"the files hold 2 councils (Bromley, Hillingdon): choose one with --la"}},
		{"no such council", "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA\nA,01/05/2017,S,C2,U4,PR1,,,Bromley\n", header, "Barnet",
			[]string{`no episode rows for council "Barnet" in episodes.csv (the files hold Bromley)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(Files{
				Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(c.episodes)}},
				Header:   []Input{{Name: "header.csv", R: strings.NewReader(c.header)}},
			}, ReadOptions{LA: c.la})
			if err == nil {
				t.Fatalf("read without error")
			}
			// A file missing one of its own columns is not called another table for a
			// column joined to it.
			if strings.Contains(c.name, "joined") && strings.Contains(err.Error(), "it looks like") {
				t.Errorf("error\n%v\ncalls the file another table", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say %q", err, w)
				}
			}
			noCellValues(t, "error", err.Error(), []string{"Bromley", "Hillingdon", "Barnet"}, c.episodes, c.header)
		})
	}
}

// TestReadCouncil checks that --la reads one council's rows of files that hold several, and
// that the YEAR column decides which of two copies of an episode is kept.
func TestReadCouncil(t *testing.T) {
	episodes := "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA,YEAR\n" +
		"A,2017-05-01,S,C2,U4,PR1,2018-05-01,E4A,Bromley,2018\n" +
		"A,2017-05-01,S,C2,U4,PR1,,,Bromley,2017\n" +
		"B,2017-05-01,S,C2,U4,PR1,,,Hillingdon,2017\n"
	header := "CHILD,SEX,DOB,LA,YEAR\nA,1,2010-01-01,Bromley,2017\nB,2,2009-01-01,Hillingdon,2017\n"
	ret, err := Read(Files{
		Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(episodes)}},
		Header:   []Input{{Name: "header.csv", R: strings.NewReader(header)}},
	}, ReadOptions{LA: " bromley "})
	if err != nil {
		t.Fatal(err)
	}
	if len(ret.periods) != 1 || ret.periods[0].end.String() != "2018-05-01" {
		t.Fatalf("periods: %+v, want child A's, ended by the 2018 return's row", ret.periods)
	}
	if ret.Quality.Files[0].OtherCouncils != 1 {
		t.Errorf("rows of other councils: %d, want 1", ret.Quality.Files[0].OtherCouncils)
	}
}

// TestReadCouncilMissing checks what --la gives when a file holds none of the council's rows:
// a year of its return missing, refused as a file with no rows is, unless no file holds the
// council at all, said once with the councils the files hold; and files without an LA column,
// read whole, with a warning that --la only names the council.
func TestReadCouncilMissing(t *testing.T) {
	const (
		head   = "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA\n"
		both   = head + "A,2017-05-01,S,C2,U4,PR1,,,Bromley\nB,2017-05-01,S,C2,U4,PR1,,,Hillingdon\n"
		others = head + "B,2018-05-01,S,C2,U4,PR1,,,Hillingdon\nC,2018-05-01,S,C2,U4,PR1,,,Barnet\n"
		header = "CHILD,SEX,DOB,LA\nA,1,2010-01-01,Bromley\nB,2,2009-01-01,Hillingdon\nC,1,2011-01-01,Barnet\n"
	)
	read := func(la string, episodes ...string) (*Return, error) {
		var files Files
		for i, e := range episodes {
			files.Episodes = append(files.Episodes, Input{Name: fmt.Sprintf("%d.csv", 2017+i), R: strings.NewReader(e)})
		}
		files.Header = []Input{{Name: "header.csv", R: strings.NewReader(header)}}
		return Read(files, ReadOptions{LA: la})
	}
	_, err := read("Bromley", both, others)
	want := `2018.csv: holds no rows of council "Bromley": its rows are of other councils (Barnet, Hillingdon), and a year of the return without the council's episodes would be read wrongly; give that council's file for the year, or check --la`
	if err == nil || err.Error() != want {
		t.Errorf("a year without the council: error\n%v\nwant\n%s", err, want)
	}
	_, err = read("Bromly", both, others)
	want = `no episode rows for council "Bromly" in 2017.csv, 2018.csv (the files hold Barnet, Bromley, Hillingdon)`
	if err == nil || err.Error() != want {
		t.Errorf("a council the files do not hold: error\n%v\nwant\n%s", err, want)
	}
	var ce *CouncilError
	if !errors.As(err, &ce) || ce.LA != "Bromly" || !slices.Equal(ce.Councils, []string{"Barnet", "Bromley", "Hillingdon"}) {
		t.Errorf("a council the files do not hold: %#v, want a CouncilError naming the council asked for and those held", err)
	}
	if _, err := read("Hillingdon", both, others); err != nil {
		t.Errorf("a council in every file: %v", err)
	}
	noLA := "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\nA,2017-05-01,S,C2,U4,PR1,,\n"
	var files Files
	files.Episodes = []Input{{Name: "2017.csv", R: strings.NewReader(noLA)}}
	files.Header = []Input{{Name: "header.csv", R: strings.NewReader("CHILD,SEX,DOB\nA,1,2010-01-01\n")}}
	ret, err := Read(files, ReadOptions{LA: "Nowhere"})
	if err != nil {
		t.Fatal(err)
	}
	want = "--la Nowhere: no file has an LA column, so every row is read as that council's and --la only names it"
	if w := ret.Warnings(); len(w) != 1 || w[0] != want {
		t.Errorf("warnings %q, want %q", w, want)
	}
	if ret.Quality.LA != "Nowhere" {
		t.Errorf("council %q, want the name --la gives", ret.Quality.LA)
	}
}

// TestCivil checks the calendar arithmetic against the time package over two centuries.
func TestCivil(t *testing.T) {
	for t0 := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); t0.Year() < 2100; t0 = t0.AddDate(0, 0, 1) {
		d := dayOf(t0)
		y, m, dd := d.civil()
		if y != t0.Year() || m != int(t0.Month()) || dd != t0.Day() {
			t.Fatalf("civil(%v) = %d-%d-%d", t0, y, m, dd)
		}
		if got, want := d.addYears(18), dayOf(t0.AddDate(18, 0, 0)); got != want {
			t.Fatalf("%v plus 18 years: %v, want %v", t0, got, want)
		}
		if got, want := d.addMonths(-13), dayOf(time.Date(t0.Year(), t0.Month()-13, 1, 0, 0, 0, 0, time.UTC)); got != want {
			t.Fatalf("%v less 13 months: %v, want %v", t0, got, want)
		}
	}
}

// Two years' episodes and header files of a small return, for the tests of files read
// together.
const (
	episodes2017 = episodesHead +
		"A,01/05/2017,S,C2,N1,U4,PR1,,,,,,\n" +
		"B,01/06/2017,S,C2,N1,U4,PR1,01/02/2018,E4A,,,,\n"
	episodes2018 = episodesHead +
		"A,01/05/2017,S,C2,N1,U4,PR1,01/07/2018,E4A,,,,\n" +
		"C,01/09/2018,S,C2,N1,U4,PR1,,,,,,\n"
	headers = "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2009\nC,1,01/01/2011\n"
)

// TestReadFiles checks the messages of files that cannot be read as they are: each names the
// file, the line and the column, says what is wrong in plain words and what to do.
func TestReadFiles(t *testing.T) {
	utf16 := func(s string, bom []byte, big bool) string {
		b := append([]byte{}, bom...)
		for _, c := range []byte(s) {
			if big {
				b = append(b, 0, c)
			} else {
				b = append(b, c, 0)
			}
		}
		return string(b)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := io.WriteString(zw, episodes2017); err != nil || zw.Close() != nil {
		t.Fatal(err)
	}
	const asCSV = `save it as CSV with commas (in Excel, "CSV UTF-8 (Comma delimited)")`
	for _, c := range []struct {
		name     string
		episodes []string // the files 2017.csv, 2018.csv ...
		header   string
		want     string
	}{
		{"a year with no rows", []string{episodes2017, episodesHead}, headers,
			"2018.csv: the file holds its header row and no rows below it: a year of the return without its episodes would be read as a year in which no child was in care, and every estimate would be wrong; export the file again, or leave it out of the episodes files"},
		{"the only year with no rows", []string{episodesHead}, headers,
			"2017.csv: the file holds its header row and no rows below it: a year of the return without its episodes would be read as a year in which no child was in care, and every estimate would be wrong; export the file again, or leave it out of the episodes files"},
		{"a header file with no rows", []string{episodes2017}, "CHILD,SEX,DOB\r\n",
			"header.csv: the file holds its header row and no rows below it: the children's dates of birth are in it; export the file again, or leave it out of the header files"},
		{"a quote never closed", []string{episodes2017, episodesHead + "A,\"01/05/2017,S,C2,N1,U4,PR1,,,,,,\nB,01/06/2017,S,C2,N1,U4,PR1,,,,,,\nC,01/06/2017,S,C2,N1,U4,PR1,,,,,,\n"}, headers,
			"2018.csv:2: DECOM: a quote opens the value and is never closed, so the rest of the file would be read into it: remove the quote, or close it"},
		{"a quote never closed, over lines", []string{episodesHead + "A,01/05/2017,S,C2,N1,U4,PR1,,,,\"12 The Oaks\nLondon\",,\nB,01/06/2017,S,C2,N1,U4,PR1,,,,\"12 The Oaks,,\nC,01/06/2017,S,C2,N1,U4,PR1,,,,,,\n"}, headers,
			"2017.csv:4: HOME_POST: a quote opens the value and is never closed, so the rest of the file would be read into it: remove the quote, or close it"},
		{"text after a closing quote", []string{episodesHead + "A,01/05/2017,S,C2,N1,U4,PR1,,,,\"12 \"The Oaks\"\",,\n"}, headers,
			`2017.csv:2: HOME_POST: the value goes on after its closing quote: a quote inside a quoted value is written twice ("")`},
		{"text after a closing quote, in a column of another name", []string{"CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,ADDRESS\r\nA,01/05/2017,S,C2,U4,PR1,,,\"12 \"The Oaks\"\"\r\n"}, headers,
			`2017.csv:2: column 9: the value goes on after its closing quote: a quote inside a quoted value is written twice ("")`},
		{"a column read twice", []string{"CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,place\nA,01/05/2017,S,C2,U4,PR1,,,U4\n"}, headers,
			"2017.csv:1: PLACE: the header row names this column twice, as its columns 5 and 9: remove or rename one of them"},
		{"a row cut short", []string{episodes2017 + "C,01/10/2018,P,C2,N1,U4,PR1\n"}, headers,
			"2017.csv:4: the row has 7 of the header row's 13 columns: no cell for DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST and URN; a row cut short, or with a cell left out, cannot be read: export the file again"},
		{"a row one cell short", []string{episodes2017}, "CHILD,SEX,DOB\nA,1,01/01/2010\nB,01/01/2009\nC,1,01/01/2011\n",
			"header.csv:3: the row has 2 of the header row's 3 columns: no cell for DOB; a row cut short, or with a cell left out, cannot be read: export the file again"},
		{"a row short of a column of another name", []string{episodes2017}, "CHILD,SEX,DOB,NOTES\nA,1,01/01/2010,\nB,2,01/01/2009\nC,1,01/01/2011,\n",
			"header.csv:3: the row has 3 of the header row's 4 columns: no cell for 1 other column; a row cut short, or with a cell left out, cannot be read: export the file again"},
		{"UTF-16", []string{utf16(episodes2017, []byte{0xFF, 0xFE}, false)}, headers,
			`2017.csv: the file is UTF-16 text (as Excel saves "Unicode Text"), which placesim does not read: open it in Excel and save it as "CSV UTF-8 (Comma delimited)"`},
		{"UTF-16, big-endian", []string{utf16(episodes2017, []byte{0xFE, 0xFF}, true)}, headers,
			`2017.csv: the file is UTF-16 text (as Excel saves "Unicode Text"), which placesim does not read: open it in Excel and save it as "CSV UTF-8 (Comma delimited)"`},
		{"UTF-16 without its mark", []string{episodes2017}, utf16(headers, nil, false),
			`header.csv: the file is UTF-16 text (as Excel saves "Unicode Text"), which placesim does not read: open it in Excel and save it as "CSV UTF-8 (Comma delimited)"`},
		{"UTF-16 without its mark, big-endian", []string{utf16(episodes2017, nil, true)}, headers,
			`2017.csv: the file is UTF-16 text (as Excel saves "Unicode Text"), which placesim does not read: open it in Excel and save it as "CSV UTF-8 (Comma delimited)"`},
		{"gzip", []string{gz.String()}, headers,
			"2017.csv: the file is compressed (gzip, a .gz file), which placesim does not read: gunzip it first, and give the CSV file it holds"},
		{"binary", []string{episodes2017}, "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
			`header.csv: the file is not text (its first line holds bytes no CSV file holds), which placesim does not read: give the return's CSV file, as Excel saves "CSV UTF-8 (Comma delimited)"`},
		{"semicolons", []string{strings.ReplaceAll(episodes2017, ",", ";")}, headers,
			"2017.csv:1: the columns are separated by semicolons, not commas: " + asCSV},
		{"tabs", []string{episodes2017}, strings.ReplaceAll(headers, ",", "\t"),
			"header.csv:1: the columns are separated by tabs, not commas: " + asCSV},
		// R's write.csv2 quotes each column's name.
		{"semicolons, names quoted", []string{"\"CHILD\";\"DECOM\";\"RNE\";\"LS\";\"PLACE\";\"PLACE_PROVIDER\";\"DEC\";\"REC\"\n"}, headers,
			"2017.csv:1: the columns are separated by semicolons, not commas: " + asCSV},
		{"tabs, names quoted", []string{episodes2017}, "\ufeff\"CHILD\"\t\"SEX\"\t\"DOB\"\r\n\"A\"\t1\t01/01/2010\r\n",
			"header.csv:1: the columns are separated by tabs, not commas: " + asCSV},
	} {
		t.Run(c.name, func(t *testing.T) {
			var files Files
			for i, e := range c.episodes {
				files.Episodes = append(files.Episodes, Input{Name: fmt.Sprintf("%d.csv", 2017+i), R: strings.NewReader(e)})
			}
			files.Header = []Input{{Name: "header.csv", R: strings.NewReader(c.header)}}
			_, err := Read(files, ReadOptions{})
			if err == nil {
				t.Fatalf("read without error, want\n%s", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("error\n%v\nwant\n%s", err, c.want)
			}
		})
	}
}

// TestReadRowWidths checks the rows whose width differs from the header row's that are read
// as they are: cells after the header row's columns, and no cells for the empty columns a
// spreadsheet saves after them.
func TestReadRowWidths(t *testing.T) {
	want := readCSV(t, episodes2017, headers)
	for _, c := range []struct{ name, episodes, header string }{
		{"cells after the columns", strings.ReplaceAll(episodes2017, ",,,,\n", ",,,,,extra,\n"), strings.ReplaceAll(headers, "\n", ",,\n")},
		{"empty columns after the named ones", strings.Replace(episodes2017, "URN\n", "URN,,,\n", 1), strings.Replace(headers, "DOB\n", "DOB,,\n", 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := readCSV(t, c.episodes, c.header)
			if !reflect.DeepEqual(got.periods, want.periods) || !reflect.DeepEqual(got.places, want.places) {
				t.Errorf("periods %+v, want %+v as the file without them", got.periods, want.periods)
			}
		})
	}
}

// TestReadFilesAsWritten checks that files written in ways other programs write CSV read as
// the same file written plainly does: lines ending in a lone \r (classic Mac), a byte-order
// mark before a quoted header, a quote inside a value not quoted (12 "The Oaks", as some
// exports write), a repeated column placesim does not read.
func TestReadFilesAsWritten(t *testing.T) {
	plain := readCSV(t, episodes2018, headers)
	for _, c := range []struct {
		name     string
		episodes string
	}{
		{"lone CR", strings.ReplaceAll(episodes2018, "\n", "\r")},
		{"CRLF", strings.ReplaceAll(episodes2018, "\n", "\r\n")},
		{"marked and quoted header", "\ufeff\"CHILD\",DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" +
			strings.TrimPrefix(episodes2018, episodesHead)},
		{"quote in an unquoted value", strings.Replace(episodes2018, "E4A,,,,", `E4A,,12 "The Oaks",,`, 1)},
		{"quoted value over two lines", strings.Replace(episodes2018, "E4A,,,,", "E4A,,\"12 The Oaks\r\nLondon\",,", 1)},
		{"a column not read, twice", strings.Replace(episodes2018, "URN\n", "CIN\n", 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ret := readCSV(t, c.episodes, headers)
			if !reflect.DeepEqual(ret.periods, plain.periods) || !reflect.DeepEqual(ret.places, plain.places) {
				t.Errorf("periods %+v\nplacements %+v\nwant %+v\n%+v", ret.periods, ret.places, plain.periods, plain.places)
			}
		})
	}
}

// TestReadOrder checks that the latest return's row of an episode in two returns is kept
// whatever the order the episodes files are given in (A's episode is open in 2017's file and
// ends in 2018's), and that the report says when they were not given oldest first.
func TestReadOrder(t *testing.T) {
	const newestFirst = "The episodes files were not given oldest first: 2017.csv (its dates reach the year to March 2018) is given after 2018.csv (to March 2019). Each is read as the return of the last year its dates reach, whatever the order given: where an episode is in two returns, the latest return's row is kept."
	withYear := func(s, year string) string {
		s = strings.Replace(s, "URN\n", "URN,YEAR\n", 1)
		return strings.ReplaceAll(strings.ReplaceAll(s, ",,,\n", ",,,,"+year+"\n"), "E4A,,,,\n", "E4A,,,,,"+year+"\n")
	}
	for _, c := range []struct {
		name     string
		episodes []string
		names    []string
		order    string
	}{
		{"oldest first", []string{episodes2017, episodes2018}, []string{"2017.csv", "2018.csv"}, ""},
		{"newest first", []string{episodes2018, episodes2017}, []string{"2018.csv", "2017.csv"}, newestFirst},
		{"newest first, with YEAR", []string{withYear(episodes2018, "2019"), withYear(episodes2017, "2018")}, []string{"2018.csv", "2017.csv"}, ""},
		// The third file is the first's rows again, with a blank line after them: a copy byte
		// for byte is refused.
		{"newest in the middle", []string{episodes2017, episodes2018, episodes2017 + "\n"}, []string{"2017.csv", "2018.csv", "2019.csv"},
			"The episodes files were not given oldest first: 2019.csv (its dates reach the year to March 2018) is given after 2018.csv (to March 2019). Each is read as the return of the last year its dates reach, whatever the order given: where an episode is in two returns, the latest return's row is kept."},
	} {
		t.Run(c.name, func(t *testing.T) {
			var files Files
			for i, e := range c.episodes {
				files.Episodes = append(files.Episodes, Input{Name: c.names[i], R: strings.NewReader(e)})
			}
			files.Header = []Input{{Name: "header.csv", R: strings.NewReader(headers)}}
			ret, err := Read(files, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := ret.Warnings(); len(got) > 0 {
				t.Errorf("warnings %q, want none: the order given does not matter", got)
			}
			if ret.Quality.Order != c.order {
				t.Errorf("the report says\n%q\nwant\n%q", ret.Quality.Order, c.order)
			}
			// A's period ends on 1 July 2018, as the later return says.
			ended := false
			for _, p := range ret.periods {
				if p.end == dayOf(time.Date(2018, 7, 1, 0, 0, 0, 0, time.UTC)) {
					ended = true
				}
			}
			if !ended {
				t.Errorf("A's period does not end on 2018-07-01, as the 2018 return says: %+v", ret.periods)
			}
			var rep strings.Builder
			if err := ret.Quality.WriteReport(&rep); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rep.String(), "| fewer than 5 |  | dropped: repeated in a later return (the latest return's row kept") {
				t.Errorf("the report does not count A's row repeated in a later return:\n%s", rep.String())
			}
		})
	}
}

// TestSourceAsCSV checks the reading of a file's bytes against encoding/csv on many small
// files of commas, quotes and line ends, seeded: a file the CSV reader reads without an error
// reads the same, and one it refuses for a quoted field is refused with the field noted.
func TestSourceAsCSV(t *testing.T) {
	t.Parallel() // one core, beside the other tests that take one
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab,,\"\"\n\r"
	readAll := func(r io.Reader) ([][]string, error) {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		return cr.ReadAll()
	}
	for range 20000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		// encoding/csv reads \r\n as \n, and a lone \r as part of a value: the file it is
		// compared with has each line end written as \n.
		lf := bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		want, wantErr := readAll(bytes.NewReader(lf))
		for _, oneByte := range []bool{false, true} {
			src, err := newSource(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%q: %v", b, err)
			}
			var r io.Reader = src
			if oneByte {
				r = iotest.OneByteReader(src) // a \r\n split between two reads
			}
			got, gotErr := readAll(r)
			var pe *csv.ParseError
			switch {
			case wantErr == nil && (gotErr != nil || !reflect.DeepEqual(got, want)):
				t.Fatalf("%q: read %q, %v; encoding/csv reads %q", b, got, gotErr, want)
			case gotErr != nil && (!errors.As(gotErr, &pe) || pe.Err != csv.ErrQuote || src.bad == nil || src.bad.line < pe.StartLine || src.bad.line > pe.Line):
				t.Fatalf("%q: %v, with the field noted %+v", b, gotErr, src.bad)
			case errors.As(wantErr, &pe) && pe.Err == csv.ErrQuote && gotErr == nil:
				t.Fatalf("%q: read %q where encoding/csv refuses it: %v", b, got, wantErr)
			}
		}
	}
}

// TestReadLineEnds checks that a problem is reported at the line an editor shows it on
// whatever line ends a file has, \n, \r\n, a lone \r or a mix of them (a spreadsheet that
// saved part of a file again, or a hand edit): each line end is one line.
func TestReadLineEnds(t *testing.T) {
	rows := []string{
		"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
		"A,01/05/2017,S,C2,N1,U4,PR1,,,,,,",
		"B,01/06/2017,S,C2,N1,U4,PR1,01/02/2018,E4A,,\"12 The Oaks", // a quoted value over two lines
		"London\",,",
		"C,01/07/2017,S,C2,N1,U4,PR1,,,,,,",
		"D,01/08/2017,S,C2,N1,U4,PR1,,,,,,",
		"", // line 7: the problem
		"E,01/09/2017,S,C2,N1,U4,PR1,,,,,,",
	}
	// ends writes the rows with the first line end given and the others after it.
	ends := func(first, rest, bad string) string {
		var b strings.Builder
		for i, r := range rows {
			if i == 6 {
				r = bad
			}
			b.WriteString(r)
			if i == 0 {
				b.WriteString(first)
			} else {
				b.WriteString(rest)
			}
		}
		return b.String()
	}
	for _, p := range []struct {
		what, row, want string
	}{
		{"a date", "F,31/02/2017,S,C2,N1,U4,PR1,,,,,,",
			"2017.csv:7: DECOM: cannot read the date: no such day in the month"},
		{"a quote", "F,01/10/2017,S,C2,N1,U4,PR1,,,,\"12 The Oaks,,",
			"2017.csv:7: HOME_POST: a quote opens the value and is never closed, so the rest of the file would be read into it: remove the quote, or close it"},
	} {
		for _, e := range []struct {
			name        string
			first, rest string
		}{
			{"LF", "\n", "\n"},
			{"CRLF", "\r\n", "\r\n"},
			{"CR", "\r", "\r"},
			{"CR then CRLF", "\r", "\r\n"},
			{"CRLF then CR", "\r\n", "\r"},
			{"LF then CR", "\n", "\r"},
		} {
			t.Run(p.what+", "+e.name, func(t *testing.T) {
				_, err := Read(Files{
					Episodes: []Input{{Name: "2017.csv", R: strings.NewReader(ends(e.first, e.rest, p.row))}},
					Header:   []Input{{Name: "header.csv", R: strings.NewReader(headers)}},
				}, ReadOptions{})
				if err == nil || err.Error() != p.want {
					t.Errorf("error\n%v\nwant\n%s", err, p.want)
				}
			})
		}
	}
}

// zipOf returns a zip archive of the files given as name and contents in turn, the first
// stored as it is (as an OpenDocument file's mimetype is) and the others compressed.
func zipOf(t *testing.T, files ...string) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < len(files); i += 2 {
		h := &zip.FileHeader{Name: files[i], Method: zip.Deflate}
		if i == 0 {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, files[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// randomSheet returns a sheet of n seeded random letters, which compress little.
func randomSheet(n int) string {
	rng := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + rng.IntN(26))
	}
	return "<worksheet><sheetData><row><c><v>" + string(b) + "</v></c></row></sheetData></worksheet>"
}

// TestReadWorkbooks checks that a spreadsheet's own file given for a CSV file, whatever it is
// named, is refused with what it is and how to save it as CSV, not read as text.
func TestReadWorkbooks(t *testing.T) {
	const save = `open it in Excel and save each sheet as "CSV UTF-8 (Comma delimited)"`
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>CHILD</t></is></c></row></sheetData></worksheet>`
	xlsx := zipOf(t,
		"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels", `<Relationships/>`,
		"xl/workbook.xml", `<workbook><sheets><sheet name="episodes" sheetId="1"/></sheets></workbook>`,
		"xl/worksheets/sheet1.xml", sheet)
	// A large first sheet: the archive's directory is past the start of the file that is
	// looked at, and the names are read from the files' own headers.
	bigXLSX := zipOf(t,
		"[Content_Types].xml", `<Types/>`,
		"xl/worksheets/sheet1.xml", randomSheet(1<<18),
		"xl/workbook.xml", `<workbook/>`)
	ods := zipOf(t,
		"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml", `<office:document-content><office:body><office:spreadsheet/></office:body></office:document-content>`,
		"META-INF/manifest.xml", `<manifest:manifest/>`)
	xls := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 504)
	csvs := zipOf(t, "2017-episodes.csv", episodes2017, "2017-header.csv", headers)
	for _, c := range []struct {
		name             string
		episodes, header string
		want             string
	}{
		{"an Excel workbook", xlsx, headers,
			"2017.csv: the file is an Excel workbook (.xlsx), which placesim does not read: " + save},
		{"an Excel workbook with a large sheet", episodes2017, bigXLSX,
			"header.csv: the file is an Excel workbook (.xlsx), which placesim does not read: " + save},
		{"an old Excel file", xls, headers,
			"2017.csv: the file is an old Excel file (.xls), which placesim does not read: " + save},
		{"an OpenDocument spreadsheet", ods, headers,
			"2017.csv: the file is an OpenDocument spreadsheet (.ods), which placesim does not read: " + save + ` (in LibreOffice Calc, "Text CSV" with the character set "Unicode (UTF-8)")`},
		{"a zip archive of CSV files", csvs, headers,
			"2017.csv: the file is a zip archive, which placesim does not read: if it holds the CSV files, unzip it and give those; if it is a spreadsheet, " + save},
		{"every file a workbook", xlsx, ods,
			"2017.csv: the file is an Excel workbook (.xlsx), which placesim does not read: " + save + "\n" +
				"header.csv: the file is an OpenDocument spreadsheet (.ods), which placesim does not read: " + save + ` (in LibreOffice Calc, "Text CSV" with the character set "Unicode (UTF-8)")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "an Excel workbook with a large sheet" && len(c.header) <= sniffBytes {
				t.Fatalf("the workbook is %d bytes: want more than the %d looked at", len(c.header), sniffBytes)
			}
			_, err := Read(Files{
				Episodes: []Input{{Name: "2017.csv", R: strings.NewReader(c.episodes)}},
				Header:   []Input{{Name: "header.csv", R: strings.NewReader(c.header)}},
			}, ReadOptions{})
			if err == nil || err.Error() != c.want {
				t.Errorf("error\n%v\nwant\n%s", err, c.want)
			}
		})
	}
}

// TestReportSameFromAnyFolder reads the same return named by two paths, as two runs in
// different folders name it, and requires the same data-quality report: each file by its base
// name and the SHA-256 of its contents, not the path as typed.
func TestReportSameFromAnyFolder(t *testing.T) {
	episodes := episodesHead + "A,01/05/2017,S,C2,N1,U4,PR1,01/08/2017,E11,,,,\n"
	header := "CHILD,SEX,DOB\nA,1,01/01/2010\n"
	var reports []string
	for _, dir := range []string{"la-sample", `C:\Users\analyst\returns`} {
		ret, err := Read(Files{
			Episodes: []Input{{Name: dir + "/2017-episodes.csv", R: strings.NewReader(episodes)}},
			Header:   []Input{{Name: dir + "/2017-header.csv", R: strings.NewReader(header)}},
		}, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := ret.Quality.WriteReport(&b); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, b.String())
	}
	if reports[0] != reports[1] {
		t.Errorf("the reports of the same files in two folders differ:\n%s\n%s", reports[0], reports[1])
	}
	sum := sha256.Sum256([]byte(episodes))
	if want := "| 2017-episodes.csv | episodes | fewer than 5 | not shown | " + hex.EncodeToString(sum[:]) + " |"; !strings.Contains(reports[0], want) {
		t.Errorf("the report does not hold %q:\n%s", want, reports[0])
	}
	if strings.Contains(reports[0], "la-sample") {
		t.Errorf("the report names the folder the files were read from:\n%s", reports[0])
	}
}

// TestReadHeaderOrder checks that a child's date of birth is the latest return's whatever the
// order the header files are given in: each header file is the return of the year whose
// episodes hold its children, as an episodes file is of the year its dates reach.
func TestReadHeaderOrder(t *testing.T) {
	const (
		header2017 = "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2009\n"
		header2018 = "CHILD,SEX,DOB\nA,1,01/03/2010\nC,1,01/01/2011\n"
	)
	want := dayOf(time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		name    string
		headers []string
	}{
		{"oldest first", []string{header2017, header2018}},
		{"newest first", []string{header2018, header2017}},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := Files{Episodes: []Input{{Name: "2017.csv", R: strings.NewReader(episodes2017)}, {Name: "2018.csv", R: strings.NewReader(episodes2018)}}}
			for i, h := range c.headers {
				files.Header = append(files.Header, Input{Name: fmt.Sprintf("header%d.csv", i), R: strings.NewReader(h)})
			}
			ret, err := Read(files, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := ret.Warnings(); len(got) > 0 {
				t.Errorf("warnings %q, want none: each header file's year is told by its children", got)
			}
			found := false
			for _, p := range ret.periods {
				if p.start == dayOf(time.Date(2017, 5, 1, 0, 0, 0, 0, time.UTC)) {
					found = true
					if p.dob != want {
						t.Errorf("A's date of birth is %v, want the 2018 return's %v", p.dob.time(), want.time())
					}
				}
			}
			if !found {
				t.Errorf("no period of A: %+v", ret.periods)
			}
		})
	}
}

// TestReadFewUASCFiles checks that fewer UASC files than years of episodes is warned of,
// naming the years without one: a child who was UASC only in those years would be read as an
// ordinary entrant.
func TestReadFewUASCFiles(t *testing.T) {
	uasc2018 := "CHILD,SEX,DOB,DUC\nC,1,01/01/2011,\n"
	for _, c := range []struct {
		name string
		uasc []string
		want string
	}{
		{"one of two", []string{uasc2018}, "--uasc: 1 UASC file for 2 years of episodes, none for 2017-18: "},
		{"both", []string{"CHILD,SEX,DOB,DUC\n", uasc2018}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := Files{Episodes: []Input{{Name: "2017.csv", R: strings.NewReader(episodes2017)}, {Name: "2018.csv", R: strings.NewReader(episodes2018)}},
				Header: []Input{{Name: "header.csv", R: strings.NewReader(headers)}}}
			for i, u := range c.uasc {
				files.UASC = append(files.UASC, Input{Name: fmt.Sprintf("uasc%d.csv", i), R: strings.NewReader(u)})
			}
			ret, err := Read(files, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(ret.Warnings(), "\n")
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("warnings %q, want %q", got, c.want)
			}
		})
	}
}

// TestReadTitleCaseColumns checks that column names in title case with spaces, as a report
// tool exports them ("Place Provider", "Dob"), are read as the SSDA903 columns they name,
// as lower case and padded names are.
func TestReadTitleCaseColumns(t *testing.T) {
	eps := "Child,Decom,Rne,Ls,Cin,Place,Place Provider,Dec,Rec\n" +
		"A,01/05/2017,S,C2,N1,U4,PR1,,\nB,01/06/2017,S,C2,N1,U4, PR1,01/02/2018,E4A\n"
	hdr := "Child, Sex ,Dob,Mc  Dob\nA,1,01/01/2010,\nB,2,01/01/2009,\n"
	ret, err := Read(Files{Episodes: []Input{{Name: "e.csv", R: strings.NewReader(eps)}}, Header: []Input{{Name: "h.csv", R: strings.NewReader(hdr)}}}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ret.periods) != 2 {
		t.Errorf("%d periods, want 2: %+v", len(ret.periods), ret.periods)
	}
}
