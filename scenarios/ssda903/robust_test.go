package ssda903

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"
)

// editCSV returns the CSV text b with f applied to each data row (the header row apart), by
// its index from 0.
func editCSV(t *testing.T, b []byte, f func(i int, row []string) []string) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Write(rows[0])
	for i, row := range rows[1:] {
		if row = f(i, row); row != nil {
			w.Write(row)
		}
	}
	w.Flush()
	return out.Bytes()
}

// youngChild returns the index of a data row of an episodes file whose child was born after
// bornAfter in the header file of the same year, with an end (DEC) when closed says so.
func youngChild(t *testing.T, episodes, header []byte, bornAfter time.Time, closed bool) int {
	t.Helper()
	hs, err := csv.NewReader(bytes.NewReader(header)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	young := map[string]bool{}
	for _, h := range hs[1:] {
		if d, err := parseDay(h[2]); err == nil && d.time().After(bornAfter) {
			young[h[0]] = true
		}
	}
	es, err := csv.NewReader(bytes.NewReader(episodes)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range es[1:] {
		if young[e[0]] && (e[7] != "") == closed {
			return i
		}
	}
	t.Fatal("no such episode")
	return -1
}

// TestMistypedDate checks that one mistyped date on one episode does not move the data's
// bounds, and so the calibration window: the episode is dropped, or its date changed, and
// the data-quality report counts it under its reason.
func TestMistypedDate(t *testing.T) {
	g := generate(typical(), 5)
	clean, err := Read(g.files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantStart, wantEnd := clean.DataStart(), clean.DataEnd()
	if wantStart.Format(time.DateOnly) != "2019-04-01" || wantEnd.Format(time.DateOnly) != "2024-04-01" {
		t.Fatalf("the generated return spans %v to %v, want 2019-04-01 to 2024-04-01", wantStart, wantEnd)
	}
	last := len(g.episodes) - 1
	born2012 := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		file int
		// closed picks an episode with an end.
		closed bool
		col    int // 1 DECOM, 7 DEC
		value  string
		want   string // the report's reason
		// start, when set, is written in DECOM too.
		start string
	}{
		{"end in 2091", last, true, 7, "01/06/2091", "episodes ending after the 18th birthday: ended on it", ""},
		{"start in 2091", last, false, 1, "01/06/2091", "dropped: starting on or after the child's 18th birthday", ""},
		{"end in 1919", 0, true, 7, "01/06/1919", "dropped: ending before they start", ""},
		{"end a year after the data", last, true, 7, "15/06/2025", "changed: episodes ending on or after the end of the data (2024-04-01): read as still open", ""},
		{"open episode started a year after the data", last, false, 1, "15/06/2025", "dropped: starting on or after the end of the data (2024-04-01)", ""},
		{"end years before the data", 0, true, 7, "15/06/2014", "dropped: ending before the first collection year the returns cover (2019-04-01)", ""},
		{"end the year before the data", 0, true, 7, "15/06/2018", "dropped: ending before the first collection year the returns cover (2019-04-01)", "01/02/2018"},
	} {
		t.Run(c.name, func(t *testing.T) {
			row := youngChild(t, g.episodes[c.file], g.header[c.file], born2012, c.closed)
			f := g.files()
			f.Episodes[c.file].R = bytes.NewReader(editCSV(t, g.episodes[c.file], func(i int, r []string) []string {
				if i == row {
					r[c.col] = c.value
					if c.start != "" {
						r[1] = c.start
					}
				}
				return r
			}))
			ret, err := Read(f, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !ret.DataStart().Equal(wantStart) || !ret.DataEnd().Equal(wantEnd) {
				t.Errorf("one mistyped date moved the data to %v - %v, want %v - %v",
					ret.DataStart().Format(time.DateOnly), ret.DataEnd().Format(time.DateOnly),
					wantStart.Format(time.DateOnly), wantEnd.Format(time.DateOnly))
			}
			var rep bytes.Buffer
			if err := ret.Quality.WriteReport(&rep); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rep.String(), c.want) {
				t.Errorf("the report does not say %q:\n%s", c.want, rep.String())
			}
			if strings.Contains(rep.String(), c.value) {
				t.Errorf("the report echoes the mistyped date %s", c.value)
			}
		})
	}
}

// TestNothingUsable checks that a return none of whose episodes survives the cleaning is
// refused, saying how many rows were dropped and why, and not read as an empty council.
func TestNothingUsable(t *testing.T) {
	header := "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/1990\n"
	for _, c := range []struct {
		name, episodes string
		want           []string
	}{
		{"short breaks only", episodesHead + "A,01/05/2017,S,V3,N1,U4,PR1,03/05/2017,E8,,,,\nA,01/06/2017,S,V4,N1,U4,PR1,,,,,,\n",
			[]string{"episodes.csv: no episode is left to calibrate from: of 2 episode rows read, dropped as short breaks (legal status V3 or V4), not counted as looked after (2 episode rows)"}},
		{"adults only", episodesHead + "B,01/05/2017,S,C2,N1,U4,PR1,,,,,,\nB,01/06/2018,S,C2,N1,U4,PR1,,,,,,\n",
			[]string{"of 2 episode rows read", "starting on or after the child's 18th birthday (2 episode rows, the first at episodes.csv:2)"}},
		{"before birth and backwards", episodesHead + "A,01/05/2009,S,C2,N1,U4,PR1,,,,,,\nA,01/05/2017,S,C2,N1,U4,PR1,01/04/2017,E8,,,,\n",
			[]string{"ending before they start (1 episode row, the first at episodes.csv:3)", "starting before the child's date of birth (1 episode row, the first at episodes.csv:2)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ret, err := Read(Files{
				Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(c.episodes)}},
				Header:   []Input{{Name: "header.csv", R: strings.NewReader(header)}},
			}, ReadOptions{})
			if err == nil {
				t.Fatalf("read a return with nothing usable: data from %v to %v", ret.DataStart(), ret.DataEnd())
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say %q", err, w)
				}
			}
			for _, v := range []string{"01/01/2010", "01/01/1990", "2009", "2017"} {
				if strings.Contains(err.Error(), v) {
					t.Errorf("the error echoes a value of the files, %s: %v", v, err)
				}
			}
		})
	}
}

// noCellValues fails the test if text holds a value of one of the CSV files (a cell of 3
// characters or more, apart from column names, SSDA903 codes and the values in allowed):
// a message or report may name columns, rows, reasons and counts, never what a cell holds.
func noCellValues(t *testing.T, what, text string, allowed []string, files ...string) {
	t.Helper()
	for _, f := range files {
		for _, line := range strings.Split(f, "\n") {
			for _, cell := range strings.Split(line, ",") {
				cell = strings.Trim(strings.TrimSpace(cell), `"`)
				if len(cell) < 3 || slices.Contains(columnNames, strings.ToUpper(cell)) || isCode(cell) || slices.Contains(allowed, cell) {
					continue
				}
				if strings.Contains(text, cell) {
					t.Errorf("the %s holds the value %q of a file:\n%s", what, cell, text)
				}
			}
		}
	}
}

// TestShiftedColumns reads exports whose header row does not match their rows, as when a
// column is added or left out by hand: whatever is read or refused, neither the error nor
// the data-quality report holds a postcode, a child's identifier, a date of birth or any
// other value of the files.
func TestShiftedColumns(t *testing.T) {
	g := generate(typical(), 7)
	// The generated rows: CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,
	// REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN.
	for _, c := range []struct {
		name, head string
		want       string // what the error says; "" when the files are read
	}{
		{"CIN left out of the header", "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
			"2019-episodes.csv:2: DEC: cannot read the date"},
		{"postcodes under LS and REC", "CHILD,DECOM,REC,PLACE_PROVIDER,CIN,URN,PLACE,DEC,RNE,REASON_PLACE_CHANGE,LS,REC2,URN2",
			"2019-episodes.csv:1: LS: 837 of the 837 rows with a value hold no legal status code: are the columns shifted"},
		{"postcodes and identifiers under the codes", "PLACE,DECOM,X,Y,CIN,Z,W,DEC,CHILD,REASON_PLACE_CHANGE,RNE,LS,REC,PLACE_PROVIDER",
			"2019-episodes.csv:2: the row has 13 of the header row's 14 columns: no cell for PLACE_PROVIDER; a row cut short, or with a cell left out, cannot be read"},
		{"postcodes under LA", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,LA,URN", ""},
		{"no header row", "", "2019-episodes.csv:1: missing columns CHILD, DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC: an episodes file needs CHILD, DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC; found none of the SSDA903 columns among its 13 (is the header row missing?)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := g.files()
			var episodes []string
			for i, b := range g.episodes {
				text := string(b)
				_, rows, _ := strings.Cut(text, "\n")
				if c.head != "" {
					text = c.head + "\n" + rows
				} else {
					text = rows
				}
				f.Episodes[i].R = strings.NewReader(text)
				episodes = append(episodes, text)
			}
			var names []string
			for _, in := range slices.Concat(f.Episodes, f.Header, f.UASC) {
				names = append(names, in.Name)
			}
			var text string
			ret, err := Read(f, ReadOptions{})
			switch {
			case err == nil && c.want != "":
				t.Errorf("read without error, want %q", c.want)
			case err != nil && !strings.Contains(err.Error(), c.want):
				t.Errorf("error\n%v\ndoes not say %q", err, c.want)
			}
			if err != nil {
				text = err.Error()
			} else {
				var rep bytes.Buffer
				if err := ret.Quality.WriteReport(&rep); err != nil {
					t.Fatal(err)
				}
				text = rep.String()
			}
			headers := make([]string, len(g.header))
			for i, h := range g.header {
				headers[i] = string(h)
			}
			noCellValues(t, "error or report", text, names, slices.Concat(episodes, headers)...)
			for _, v := range []string{"AB1 2CD", "EF3 4GH", "SC000001", "C000"} {
				if strings.Contains(text, v) {
					t.Errorf("the error or report holds %q:\n%s", v, text)
				}
			}
		})
	}
}

// TestFindingsCounted checks that values read as something else are counted in the report,
// by reason, and not passed over: a SEX that is neither 1 nor 2, a YEAR that is not a year,
// an LA value that is not a council's name (not shown), a code in no list (not shown).
func TestFindingsCounted(t *testing.T) {
	episodes := "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA,YEAR\n" +
		"A,01/05/2017,S,C2,U4,PR1,,,Bromley,2018\n" +
		"B,01/05/2017,S,C2,U4,PR1,01/06/2017,QQ7,Bromley,20l8\n" +
		"C,01/05/2017,S,C2,U4,PR1,,,SW1A 1AA,2018\n"
	header := "CHILD,SEX,DOB\nA,1,01/01/2010\nB,9,01/01/2009\nC,,01/01/2008\n"
	ret, err := Read(Files{
		Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(episodes)}},
		Header:   []Input{{Name: "header.csv", R: strings.NewReader(header)}},
	}, ReadOptions{LA: "Bromley"})
	if err != nil {
		t.Fatal(err)
	}
	var rep bytes.Buffer
	if err := ret.Quality.WriteReport(&rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Rows whose YEAR is not a year (ordered by file and row instead): fewer than 5",
		"Children whose SEX is neither 1 (male) nor 2 (female)",
		"The files hold 2 councils (Bromley, and 1 value that does not look like a council's name or code, not shown: are the columns shifted?)",
		"| REC | (values in no code list, not shown) | fewer than 5 | unknown reason episode ceased",
	} {
		if !strings.Contains(rep.String(), want) {
			t.Errorf("the report does not say %q:\n%s", want, rep.String())
		}
	}
	noCellValues(t, "report", rep.String(), []string{"Bromley"}, episodes, header)
}

// TestSmallCouncilBounds checks that the rule that keeps stray dates from moving the data's
// bounds keeps every year of a small council's returns, and every episode: one with 6 entries
// a year and a UASC arrival every other year, about the size of the smallest English
// councils, whose quietest years hold the ends of one or two children.
func TestSmallCouncilBounds(t *testing.T) {
	tr := typical()
	tr.perYear, tr.uascPerYear, tr.shortBreaks = 6, 0.5, 1
	for seed := uint64(1); seed <= 20; seed++ {
		g := generate(tr, seed)
		ret, err := Read(g.files(), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// The data end on the first day of the month after the latest date of an episode
		// that is not a short break (a quiet March has none).
		latest := noDay
		for _, b := range g.episodes {
			editCSV(t, b, func(_ int, r []string) []string {
				for _, col := range []int{1, 7} {
					if d, err := parseDay(r[col]); err == nil && !isShortBreak(r[3]) {
						latest = max(latest, d)
					}
				}
				return r
			})
		}
		want := "2019-04-01 to " + latest.monthStart().addMonths(1).String()
		if got := ret.DataStart().Format(time.DateOnly) + " to " + ret.DataEnd().Format(time.DateOnly); got != want {
			t.Errorf("seed %d: the data run %s, want %s", seed, got, want)
		}
		for _, s := range ret.Quality.Steps {
			if strings.Contains(s.What, "collection year") || strings.Contains(s.What, "end of the data") {
				t.Errorf("seed %d: %d rows %s", seed, s.Rows, s.What)
			}
		}
	}
}

// TestPartialLastYear checks that a council's own extract whose last year holds one month
// (April) is read to the end of that month, not cut back to March as a stray year.
func TestPartialLastYear(t *testing.T) {
	tr := typical()
	tr.toYear = 2025
	g := generate(tr, 11)
	cut := dayOf(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))
	last := len(g.episodes) - 1
	g.episodes[last] = editCSV(t, g.episodes[last], func(_ int, r []string) []string {
		if d, err := parseDay(r[1]); err != nil || d >= cut {
			return nil
		}
		if d, err := parseDay(r[7]); err == nil && d >= cut {
			r[7], r[8] = "", ""
		}
		return r
	})
	ret, err := Read(g.files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ret.DataEnd().Format(time.DateOnly); got != "2024-05-01" {
		t.Errorf("the data end on %s, want 2024-05-01", got)
	}
	for _, s := range ret.Quality.Steps {
		if strings.Contains(s.What, "end of the data") {
			t.Errorf("%d rows %s", s.Rows, s.What)
		}
	}
}

// TestTooFewChildren checks that a window whose children are too few for any estimate
// (fewer than 5 in care at its end, entering care and arriving as UASC) is refused rather
// than written as an empty council.
func TestTooFewChildren(t *testing.T) {
	ret := readCSV(t, episodesHead+
		"A,01/05/2019,S,C2,N1,U4,PR1,01/08/2019,E4A,,,,\n"+
		"B,01/06/2019,S,C2,N1,U4,PR1,01/09/2019,E4A,,,,\n"+
		"C,01/07/2019,S,C2,N1,U4,PR1,01/03/2020,E8,,,,\n",
		"CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2009\nC,1,01/01/2008\n")
	_, err := Calibrate(ret, Options{Base: baseScenario(t)})
	want := "the window 2019-04-01 up to 2020-04-01 holds too few children to calibrate a council from: fewer than 5 in care at its end, fewer than 5 entering care and fewer than 5 UASC arriving in it"
	if err == nil || err.Error() != want {
		t.Errorf("calibrating three children: %v, want %q", err, want)
	}
}

// TestDataSpan checks the rule that decides the data's bounds on made-up episodes: one per
// child, each given as its start and end ("" while open).
func TestDataSpan(t *testing.T) {
	// many returns n children's episodes, one a month from April of year y.
	many := func(n, y int) [][2]string {
		var out [][2]string
		for i := range n {
			m := 4 + i%12
			yy := y + (m-1)/12
			m = (m-1)%12 + 1
			out = append(out, [2]string{
				fromCivil(yy, m, 1).String(), fromCivil(yy, m, 20).String(),
			})
		}
		return out
	}
	for _, c := range []struct {
		name     string
		episodes [][2]string
		want     string // "start to end", or "" when there are no bounds
	}{
		{"none", nil, ""},
		{"one year", many(30, 2019), "2019-04-01 to 2020-04-01"},
		{"open episodes only: the first start's year", [][2]string{{"2018-05-03", ""}, {"2019-01-10", ""}}, "2018-04-01 to 2019-02-01"},
		{"a stray end years later", append(many(30, 2019), [2]string{"2019-05-01", "2091-06-01"}), "2019-04-01 to 2020-04-01"},
		{"a stray end years earlier", append(many(30, 2019), [2]string{"2009-05-01", "2010-06-01"}), "2019-04-01 to 2020-04-01"},
		{"one child's end in the next year of a large council", append(many(60, 2019), [2]string{"2020-02-01", "2020-06-01"}), "2019-04-01 to 2020-04-01"},
		{"one child's end in the next year of a small council", append(many(10, 2019), [2]string{"2020-02-01", "2020-06-01"}), "2019-04-01 to 2020-07-01"},
		{"one child's end a year apart in a small council", append(many(10, 2019), [2]string{"2020-02-01", "2021-06-01"}), "2019-04-01 to 2020-03-01"},
		{"two children's ends in a quiet first year", append(many(30, 2020), [2]string{"2019-05-01", "2019-06-01"}, [2]string{"2019-07-01", "2019-08-01"}), "2019-04-01 to 2021-04-01"},
		{"every year stray: every date counts", [][2]string{{"2010-05-01", "2010-06-01"}, {"2019-05-01", "2019-06-01"}}, "2010-04-01 to 2019-07-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var eps []rawEpisode
			for i, e := range c.episodes {
				decom, err := parseDay(e[0])
				if err != nil {
					t.Fatal(err)
				}
				dec := noDay
				if e[1] != "" {
					if dec, err = parseDay(e[1]); err != nil {
						t.Fatal(err)
					}
				}
				eps = append(eps, rawEpisode{child: int32(i), decom: decom, dec: dec})
			}
			start, end, ok := dataSpan(eps)
			got := ""
			if ok {
				got = start.String() + " to " + end.String()
			}
			if got != c.want {
				t.Errorf("bounds %q, want %q", got, c.want)
			}
		})
	}
}

// TestNoValuesShown checks the two rules that decide whether a value of the files may be
// shown: a header row's names, and an LA value.
func TestNoValuesShown(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"CHILD", "SEX", "DOB"}, "found CHILD, SEX, DOB"},
		{[]string{"CHILD", "SW1A 1AA", "123456"}, "found CHILD and 2 other columns (not shown)"},
		{[]string{"398768", "17/12/1999"}, "found none of the SSDA903 columns among its 2 (is the header row missing?)"},
	} {
		if got := foundColumns(c.names); got != c.want {
			t.Errorf("foundColumns(%q) = %q, want %q", c.names, got, c.want)
		}
	}
	for _, c := range []struct {
		la   string
		want bool
	}{
		{"Southwark", true},
		{"Brighton and Hove", true},
		{"King's Lynn and West Norfolk", true},
		{"St. Helens", true},
		{"202", true},
		{"E09000028", true},
		{"SW1A 1AA", false},
		{"V28 5OY", false},
		{"398768", false},
		{"17/12/1999", false},
		{"A123456789012", false},
		{"", false},
		{"AB", false},
	} {
		if got := councilLike(c.la); got != c.want {
			t.Errorf("councilLike(%q) = %v, want %v", c.la, got, c.want)
		}
	}
}

// TestCouncilName checks that the council asked for names the report and the scenario only
// when it reads as a council's name, and that a name starting with a letter outside ASCII is
// written whole.
func TestCouncilName(t *testing.T) {
	episodes := "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA\n" +
		"A,01/05/2017,S,C2,U4,PR1,,,Ōxford\nB,01/05/2017,S,C2,U4,PR1,,,\xb8Zg\x04\n"
	header := "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2009\n"
	for _, c := range []struct{ la, want string }{
		{"Ōxford", "Ōxford"},
		{"\xb8Zg\x04", ""},
	} {
		ret, err := Read(Files{
			Episodes: []Input{{Name: "episodes.csv", R: strings.NewReader(episodes)}},
			Header:   []Input{{Name: "header.csv", R: strings.NewReader(header)}},
		}, ReadOptions{LA: c.la})
		if err != nil {
			t.Fatal(err)
		}
		if ret.Quality.LA != c.want {
			t.Errorf("--la %q: the council is named %q, want %q", c.la, ret.Quality.LA, c.want)
		}
	}
	for in, want := range map[string]string{"ōxford": "Ōxford", "ynys Môn": "Ynys Môn", "": "", "é": "É"} {
		if got := upperFirst(in); got != want {
			t.Errorf("upperFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCountTextHidesSmall checks that the data-quality report's counts with their nouns hide
// every count from 1 to 4, one included: "1 child" in care at the window's end gave a child away.
func TestCountTextHidesSmall(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0 children"}, {1, "fewer than 5 children"}, {4, "fewer than 5 children"}, {5, "5 children"}, {1234, "1,234 children"},
	} {
		if got := countText(c.n, "children"); got != c.want {
			t.Errorf("countText(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
