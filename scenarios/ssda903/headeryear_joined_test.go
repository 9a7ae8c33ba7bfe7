package ssda903

import (
	"bytes"
	"encoding/csv"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// joinedSample returns the la-sample's episodes files as one export of every year's returns
// without a YEAR column, each row with its child's SEX and DOB from the header files, as a
// council's system may give them.
func joinedSample(t *testing.T) []byte {
	t.Helper()
	dir := filepath.Join(samplesDir, "la-sample")
	read := func(name string) [][]string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	details := map[string][]string{}
	for y := 2017; y <= 2021; y++ {
		rows := read(strconv.Itoa(y) + "-header.csv")
		c, sex, dob := slices.Index(rows[0], "CHILD"), slices.Index(rows[0], "SEX"), slices.Index(rows[0], "DOB")
		for _, r := range rows[1:] {
			details[r[c]] = []string{r[sex], r[dob]}
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for y := 2017; y <= 2021; y++ {
		rows := read(strconv.Itoa(y) + "-episodes.csv")
		if y == 2017 {
			w.Write(append(slices.Clone(rows[0]), "SEX", "DOB"))
		}
		for _, r := range rows[1:] {
			w.Write(append(slices.Clone(r), details[r[0]]...))
		}
	}
	w.Flush()
	return buf.Bytes()
}

// TestReadJoinedEpisodesTellsUASCYears checks that with one episodes file of every year's
// returns, the per-year UASC files are each told the year whose children they hold, given in
// either order: no warning that their years cannot be told, and the periods of care of UASC
// that begin each year the same as the per-year files' (episodes, header and UASC) give. The
// 2016-17 UASC file here says child 87408 ceased to be UASC on 1 May 2016, the 2020-21 file
// (the latest return) on 5 January 2023: their period from 29 May 2016 counts as UASC only
// where the 2020-21 file is told the latest, whatever the order the files are given in.
func TestReadJoinedEpisodesTellsUASCYears(t *testing.T) {
	joined := joinedSample(t)
	dir := filepath.Join(samplesDir, "la-sample")
	var uasc []string
	data := func(name string) []byte {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(name) == "2017-uasc.csv" {
			const row = "87408,2,09/01/2005,05/01/2023"
			if !bytes.Contains(b, []byte(row)) {
				t.Fatalf("%s has no row %s", name, row)
			}
			b = bytes.Replace(b, []byte(row), []byte("87408,2,09/01/2005,01/05/2016"), 1)
		}
		return b
	}
	open := func(name string) Input { return Input{name, bytes.NewReader(data(name))} }
	var perYear Files
	for y := 2017; y <= 2021; y++ {
		uasc = append(uasc, filepath.Join(dir, strconv.Itoa(y)+"-uasc.csv"))
		perYear.Episodes = append(perYear.Episodes, open(filepath.Join(dir, strconv.Itoa(y)+"-episodes.csv")))
		perYear.Header = append(perYear.Header, open(filepath.Join(dir, strconv.Itoa(y)+"-header.csv")))
		perYear.UASC = append(perYear.UASC, open(uasc[len(uasc)-1]))
	}
	// arrivals counts the periods of care of UASC by the year to March they begin in.
	arrivals := func(ret *Return) map[int32]int {
		m := map[int32]int{}
		for _, p := range ret.periods {
			if p.uasc {
				m[returnYear(p.start)]++
			}
		}
		return m
	}
	want, err := Read(perYear, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantArrivals := arrivals(want)
	if len(wantArrivals) == 0 {
		t.Fatal("the la-sample's per-year files hold no UASC")
	}
	read := func(names []string) {
		files := Files{Episodes: []Input{{"joined.csv", bytes.NewReader(joined)}}, Header: []Input{{"joined.csv", bytes.NewReader(joined)}}}
		for _, n := range names {
			files.UASC = append(files.UASC, open(n))
		}
		ret, err := Read(files, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range ret.Warnings() {
			if strings.Contains(w, "UASC files") {
				t.Errorf("warned %q", w)
			}
		}
		if got := arrivals(ret); !maps.Equal(got, wantArrivals) {
			t.Errorf("UASC files %v: periods of care of UASC begun by year %v, the per-year files' %v", names, got, wantArrivals)
		}
	}
	read(uasc)
	read([]string{uasc[4], uasc[3], uasc[2], uasc[1], uasc[0]})
}

// TestReadUASCYearsUntoldSays checks the warning of UASC files whose years cannot be told by
// their children: one clause a file or pair, in a sentence that reads.
func TestReadUASCYearsUntoldSays(t *testing.T) {
	dir := filepath.Join(samplesDir, "la-sample")
	open := func(name string) Input {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return Input{name, bytes.NewReader(b)}
	}
	files := Files{Episodes: []Input{open("2021-episodes.csv")}, Header: []Input{open("2021-header.csv")}, UASC: []Input{open("2020-uasc.csv"), open("2021-uasc.csv")}}
	ret, err := Read(files, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, w := range ret.Warnings() {
		if strings.HasPrefix(w, "UASC files:") {
			got = w
		}
	}
	const want = "UASC files: cannot tell, by the children each holds, which year's return each is (2020-uasc.csv and 2021-uasc.csv both match the year to March 2022's), so where a child's details differ between the UASC files, the file given last is used: give them oldest first, or with a YEAR column"
	if got != want {
		t.Errorf("warned\n%s\nwant\n%s", got, want)
	}
}

// TestReadUASCYearTiedSays checks that a UASC file whose children two years' episodes hold
// alike is said to match them equally, not to match no year's.
func TestReadUASCYearTiedSays(t *testing.T) {
	const head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
	in := func(name, text string) Input { return Input{name, strings.NewReader(text)} }
	uasc := "CHILD,SEX,DOB,DUC\n7,1,01/02/2005,01/02/2023\n"
	files := Files{
		Episodes: []Input{
			in("2020-episodes.csv", head+"7,01/06/2019,S,C2,N1,U1,PR1,01/01/2020,E13,,,,\n"),
			in("2021-episodes.csv", head+"7,01/06/2020,S,C2,N1,U1,PR1,,,,,,\n"),
		},
		Header: []Input{in("2021-header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7,1,01/02/2005,WBRI,,,\n")},
		UASC:   []Input{in("a-uasc.csv", uasc), in("b-uasc.csv", uasc)},
	}
	ret, err := Read(files, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, w := range ret.Warnings() {
		if strings.HasPrefix(w, "UASC files:") {
			got = w
		}
	}
	if want := "(a-uasc.csv matches two years' episodes equally; b-uasc.csv matches two years' episodes equally)"; !strings.Contains(got, want) {
		t.Errorf("warned\n%s\nwant it to say %s", got, want)
	}
}
