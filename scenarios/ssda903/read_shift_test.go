package ssda903

import (
	"fmt"
	"strings"
	"testing"
)

// TestReadShiftedSaidFirst checks that an episodes file whose rows have an empty cell after
// CHILD (a shifted export) is said to be shifted, first and within the problems shown, and
// that the problems of its cells are summed up in a line after it: the rows' date errors had
// filled the 20 problems shown and stopped reading before the file's codes were counted.
func TestReadShiftedSaidFirst(t *testing.T) {
	var good, shifted strings.Builder
	good.WriteString(episodesHead)
	shifted.WriteString(episodesHead)
	head := "CHILD,SEX,DOB\n"
	for i := range 40 {
		row := fmt.Sprintf("%02d/05/2018,S,C2,N1,U4,PR1,%02d/06/2018,E11,,,,", i%28+1, i%28+1)
		fmt.Fprintf(&good, "A%d,%s\n", i, strings.Replace(row, "2018", "2017", 2))
		fmt.Fprintf(&shifted, "B%d,,%s\n", i, row)
		head += fmt.Sprintf("A%d,1,01/01/2010\nB%d,1,01/01/2010\n", i, i)
	}
	_, err := Read(Files{
		Episodes: []Input{{Name: "2017.csv", R: strings.NewReader(good.String())}, {Name: "x.csv", R: strings.NewReader(shifted.String())}},
		Header:   []Input{{Name: "header.csv", R: strings.NewReader(head)}},
	}, ReadOptions{})
	if err == nil {
		t.Fatal("a shifted file read without a problem")
	}
	lines := strings.Split(err.Error(), "\n")
	if !strings.HasPrefix(lines[0], "x.csv:1: RNE: 40 of the 40 rows with a value hold no reason for new episode code: are the columns shifted") {
		t.Errorf("the first problem is not the shift:\n%v", err)
	}
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "x.csv: and 80 problems in its rows that shifted columns would make, such as \"x.csv:2: DECOM: empty: the date is required\"") {
		t.Errorf("the cells' problems are not summed up after the shift:\n%v", err)
	}
	if len(lines) > maxErrors {
		t.Errorf("%d lines, more than the %d problems shown", len(lines), maxErrors)
	}
}
