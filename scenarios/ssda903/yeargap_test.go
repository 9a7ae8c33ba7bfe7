package ssda903

import (
	"fmt"
	"strings"
	"testing"
)

// TestReadYearGap gives the return with a year left out of the middle, as one file a year
// (placed by their dates) and as one file with a YEAR column: both are refused, naming the
// missing year and the files; the years on one side of the gap are read.
func TestReadYearGap(t *testing.T) {
	const head = "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC"
	header := "CHILD,SEX,DOB\nA,1,2010-01-01\nB,2,2009-01-01\nC,1,2011-01-01\nD,1,2011-01-01\n"
	// yearFile is the return of the year starting in April of y: a child entering then.
	yearFile := func(y int, child string) string {
		return fmt.Sprintf("%s\n%s,%d-05-01,S,C2,U4,PR1,%d-06-01,E11\n", head, child, y, y)
	}
	for _, tt := range []struct {
		name  string
		files map[string]string // name: text, given in order of name
		names []string
		want  string
	}{
		{"one file a year", map[string]string{"2017.csv": yearFile(2017, "A"), "2018.csv": yearFile(2018, "B"), "2020.csv": yearFile(2020, "C"), "2021.csv": yearFile(2021, "D")},
			[]string{"2017.csv", "2018.csv", "2020.csv", "2021.csv"},
			"the episodes files' dates reach the years to March 2018 (2017.csv), 2019 (2018.csv), 2021 (2020.csv) and 2022 (2021.csv), and none the year to March 2020 (April 2019 to March 2020): a year of the return left out would be read as a year in which no child entered, moved or left care, and every estimate would be wrong; give that year's episodes file, or only the years on one side of it"},
		{"two years missing", map[string]string{"2017.csv": yearFile(2017, "A"), "2020.csv": yearFile(2020, "C")},
			[]string{"2017.csv", "2020.csv"},
			"the episodes files' dates reach the years to March 2018 (2017.csv) and 2021 (2020.csv), and none the year to March 2019 (April 2018 to March 2019) or 2020 (April 2019 to March 2020): a year of the return left out would be read as a year in which no child entered, moved or left care, and every estimate would be wrong; give that year's episodes file, or only the years on one side of them"},
		{"a YEAR column", map[string]string{"episodes.csv": head + ",YEAR\n" +
			"A,2017-05-01,S,C2,U4,PR1,2017-06-01,E11,2017\nB,2018-05-01,S,C2,U4,PR1,2018-06-01,E11,2018\n" +
			"C,2020-05-01,S,C2,U4,PR1,2020-06-01,E11,2020\nD,2021-05-01,S,C2,U4,PR1,2021-06-01,E11,2021\n"},
			[]string{"episodes.csv"},
			"the episodes files (episodes.csv) hold rows of YEAR 2017, 2018, 2020 and 2021 and none of YEAR 2019: a year of the return left out would be read as a year in which no child entered, moved or left care, and every estimate would be wrong; give the episodes of 2019, or only the years on one side of it"},
		{"the years after the gap", map[string]string{"2020.csv": yearFile(2020, "C"), "2021.csv": yearFile(2021, "D")},
			[]string{"2020.csv", "2021.csv"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var files Files
			for _, n := range tt.names {
				files.Episodes = append(files.Episodes, Input{Name: n, R: strings.NewReader(tt.files[n])})
			}
			files.Header = []Input{{Name: "header.csv", R: strings.NewReader(header)}}
			checkReadError(t, "", files, tt.want)
		})
	}
}

// TestReadYearGapSeveralYears gives an export of several years without a YEAR column beside
// one year's file that repeats part of it: the export's end dates show the years between, and
// nothing is missing.
func TestReadYearGapSeveralYears(t *testing.T) {
	const head = "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\n"
	var all strings.Builder
	all.WriteString(head)
	for y := 2017; y <= 2021; y++ {
		fmt.Fprintf(&all, "%c,%d-05-01,S,C2,U4,PR1,%d-06-01,E11\n", 'A'+y-2017, y, y)
	}
	files := Files{
		Episodes: []Input{
			{Name: "2018.csv", R: strings.NewReader(head + "B,2018-05-01,S,C2,U4,PR1,2018-06-01,E11\n")},
			{Name: "all.csv", R: strings.NewReader(all.String())},
		},
		Header: []Input{{Name: "header.csv", R: strings.NewReader("CHILD,SEX,DOB\nA,1,2010-01-01\nB,2,2009-01-01\nC,1,2011-01-01\nD,1,2011-01-01\nE,2,2012-01-01\n")}},
	}
	if _, err := Read(files, ReadOptions{}); err != nil {
		t.Errorf("an export of five years beside one of them: %v", err)
	}
}

// TestReadMixedYearColumn gives episodes files with a YEAR column beside files without one:
// no one rule orders their rows (a row's YEAR outranked a later file without one, leaving open
// the episodes it closed), so the mix is refused, naming both sets of files.
func TestReadMixedYearColumn(t *testing.T) {
	const head = "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC"
	header := "CHILD,SEX,DOB\nA,1,2010-01-01\nB,2,2009-01-01\n"
	withYear := func(y int) string {
		return fmt.Sprintf("%s,YEAR\nA,%d-05-01,S,C2,U4,PR1,,,%d\n", head, y-1, y)
	}
	plain := func(y int) string {
		return fmt.Sprintf("%s\nA,%d-05-01,S,C2,U4,PR1,%d-06-01,E11\nB,%d-05-01,S,C2,U4,PR1,,\n", head, y-2, y-1, y-1)
	}
	for _, tt := range []struct {
		names []string
		texts []string
		want  string
	}{
		{[]string{"2018.csv", "2019.csv", "2020.csv"}, []string{withYear(2018), withYear(2019), plain(2020)},
			"the episodes files 2018.csv, 2019.csv have a YEAR column and 2020.csv does not: a return's years cannot be put in order when some are placed by YEAR and some by their dates, and an episode would be left open or closed wrongly; add the YEAR column to it, or take it out of each of them"},
		{[]string{"2018.csv", "2019.csv", "2020.csv"}, []string{plain(2018), withYear(2019), plain(2020)},
			"the episodes file 2019.csv has a YEAR column and 2018.csv, 2020.csv do not: a return's years cannot be put in order when some are placed by YEAR and some by their dates, and an episode would be left open or closed wrongly; add the YEAR column to each of them, or take it out of it"},
		{[]string{"2019.csv", "2020.csv"}, []string{plain(2019), plain(2020)}, ""},
		{[]string{"2018.csv", "2019.csv"}, []string{withYear(2018), withYear(2019)}, ""},
	} {
		var files Files
		for i, n := range tt.names {
			files.Episodes = append(files.Episodes, Input{Name: n, R: strings.NewReader(tt.texts[i])})
		}
		files.Header = []Input{{Name: "header.csv", R: strings.NewReader(header)}}
		checkReadError(t, fmt.Sprintf("%v: ", tt.names), files, tt.want)
	}
}

// TestReadMixedYearColumnHeaderUASC gives header and UASC files with a YEAR column beside
// files of the same kind without one: a child's row with a YEAR outranks every row of a file
// without one, even a later return's, so the mix is refused as it is of episodes files, naming
// both sets of files; each kind is judged on its own.
func TestReadMixedYearColumnHeaderUASC(t *testing.T) {
	episodes := "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\nA,2018-05-01,S,C2,U4,PR1,,\nB,2018-06-01,S,C2,U4,PR1,,\n"
	header := func(year string) string {
		if year == "" {
			return "CHILD,SEX,DOB\nA,1,2010-01-01\nB,2,2001-01-01\n"
		}
		return "CHILD,SEX,DOB,YEAR\nA,1,2010-01-01," + year + "\nB,2,2001-01-01," + year + "\n"
	}
	uasc := func(year string) string {
		if year == "" {
			return "CHILD,DUC\nB,2019-01-01\n"
		}
		return "CHILD,DUC,YEAR\nB,2019-01-01," + year + "\n"
	}
	const (
		headerWhy = "a child's rows in several of them cannot be put in order when some are placed by YEAR and some by the order of the files, and a child's date of birth or sex would be read from an older return"
		uascWhy   = "a child's rows in several of them cannot be put in order when some are placed by YEAR and some by the order of the files, and a child's date UASC status ceased (DUC) would be read from an older return"
	)
	for _, tt := range []struct {
		name          string
		headers, uasc []string // each file's YEAR ("" for none)
		want          string
	}{
		{"headers mixed", []string{"2018", ""}, nil,
			"the header file h0.csv has a YEAR column and h1.csv does not: " + headerWhy + "; add the YEAR column to it, or take it out of it"},
		{"headers mixed, two without", []string{"", "2019", ""}, nil,
			"the header file h1.csv has a YEAR column and h0.csv, h2.csv do not: " + headerWhy + "; add the YEAR column to each of them, or take it out of it"},
		{"UASC mixed", []string{""}, []string{"", "2019"},
			"the UASC file u1.csv has a YEAR column and u0.csv does not: " + uascWhy + "; add the YEAR column to it, or take it out of it"},
		{"both mixed", []string{"2018", "2019", ""}, []string{"2019", ""},
			"the header files h0.csv, h1.csv have a YEAR column and h2.csv does not: " + headerWhy + "; add the YEAR column to it, or take it out of each of them\n" +
				"the UASC file u0.csv has a YEAR column and u1.csv does not: " + uascWhy + "; add the YEAR column to it, or take it out of it"},
		{"each kind alike, kinds apart", []string{"2018", "2019"}, []string{"", ""}, ""},
		{"none with YEAR", []string{"", ""}, []string{""}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := Files{Episodes: []Input{{Name: "e.csv", R: strings.NewReader(episodes)}}}
			for i, y := range tt.headers {
				files.Header = append(files.Header, Input{Name: fmt.Sprintf("h%d.csv", i), R: strings.NewReader(header(y))})
			}
			for i, y := range tt.uasc {
				files.UASC = append(files.UASC, Input{Name: fmt.Sprintf("u%d.csv", i), R: strings.NewReader(uasc(y))})
			}
			checkReadError(t, "", files, tt.want)
		})
	}
}

// checkReadError reads files and checks the error is want, or that there is none when want is
// empty; label leads each complaint.
func checkReadError(t *testing.T, label string, files Files, want string) {
	t.Helper()
	_, err := Read(files, ReadOptions{})
	switch {
	case want == "" && err != nil:
		t.Errorf("%serror %v, want none", label, err)
	case want != "" && (err == nil || err.Error() != want):
		t.Errorf("%serror\n%v\nwant\n%s", label, err, want)
	}
}
