package ssda903

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// joinedExport returns the la-sample's episodes files of the years given, in that order, as one
// export without a YEAR column, each row with its child's SEX and DOB. With once, each episode
// (child and DECOM) keeps only its last row, as an export of a council's system holding each
// episode once gives it.
func joinedExport(t *testing.T, years []int, once bool) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(joinedSample(t))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// joinedSample writes the years oldest first; a row's year is the file it came from.
	byYear := map[int][][]string{}
	dir := filepath.Join(samplesDir, "la-sample")
	next := 1
	for y := 2017; y <= 2021; y++ {
		b, err := os.ReadFile(filepath.Join(dir, strconv.Itoa(y)+"-episodes.csv"))
		if err != nil {
			t.Fatal(err)
		}
		n := bytes.Count(bytes.TrimRight(b, "\n"), []byte("\n"))
		byYear[y] = rows[next : next+n]
		next += n
	}
	out := [][]string{rows[0]}
	for _, y := range years {
		out = append(out, byYear[y]...)
	}
	if once {
		last := map[[2]string]int{}
		for i, r := range out[1:] {
			last[[2]string{r[0], r[1]}] = i + 1
		}
		kept := out[:1]
		for i, r := range out[1:] {
			if last[[2]string{r[0], r[1]}] == i+1 {
				kept = append(kept, r)
			}
		}
		out = kept
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(out)
	return buf.Bytes()
}

// TestJoinedExportAsPerYear checks that a joined export of every year's returns (one episodes
// file, no YEAR column) is read as the per-year files of the same rows are, whatever the order
// of its rows: its repeats of an episode are counted as repeats in a later return, the latest
// return's row is kept (the export's newest rows first left the earlier returns' open rows in
// place of the ends, and 205 children in care where there are 75), and the 20 children of the
// stock whose last open episode the latest return does not hold are warned of. An export
// holding each episode once cannot tell them: its report and scenario say so.
func TestJoinedExportAsPerYear(t *testing.T) {
	dir := filepath.Join(samplesDir, "la-sample")
	// perYear returns the la-sample's files, one of each kind a year, each read afresh.
	perYear := func() Files {
		var f Files
		for y := 2017; y <= 2021; y++ {
			for _, k := range []string{"episodes", "header", "uasc"} {
				name := filepath.Join(dir, strconv.Itoa(y)+"-"+k+".csv")
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				in := Input{name, bytes.NewReader(b)}
				switch k {
				case "episodes":
					f.Episodes = append(f.Episodes, in)
				case "header":
					f.Header = append(f.Header, in)
				default:
					f.UASC = append(f.UASC, in)
				}
			}
		}
		return f
	}
	base := baseScenario(t)
	calibrate := func(files Files) (*Calibration, string, string) {
		t.Helper()
		ret, err := Read(files, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := Calibrate(ret, Options{Base: base})
		if err != nil {
			t.Fatal(err)
		}
		var rep, y bytes.Buffer
		if err := ret.Quality.WriteReport(&rep); err != nil {
			t.Fatal(err)
		}
		if err := writeScenario(&y, cal, ScenarioOptions{Name: "joined", Extends: "default", Sources: "the sample files"}); err != nil {
			t.Fatal(err)
		}
		return cal, rep.String(), strings.Join(strings.Fields(strings.ReplaceAll(y.String(), "\n#", "")), " ")
	}
	// repeats returns the report's lines of rows dropped as repeats.
	repeats := func(rep string) []string {
		var out []string
		for _, l := range strings.Split(rep, "\n") {
			if strings.Contains(l, "dropped: repeated") {
				out = append(out, l)
			}
		}
		return out
	}
	stock := func(cal *Calibration) int {
		n := 0
		for _, cl := range cal.Estimates.Stock {
			n += cl.Count
		}
		return n
	}
	_, wantRep, _ := calibrate(perYear())
	const warn = "20 of the 75 children in care at the end of the data have no episode in the latest return (2021-22)"
	for _, tc := range []struct {
		name  string
		years []int
	}{
		{"oldest first", []int{2017, 2018, 2019, 2020, 2021}},
		{"newest first", []int{2021, 2020, 2019, 2018, 2017}},
		{"mixed", []int{2019, 2021, 2017, 2020, 2018}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := joinedExport(t, tc.years, false)
			in := func() Input { return Input{"joined.csv", bytes.NewReader(b)} }
			files := Files{Episodes: []Input{in()}, Header: []Input{in()}, UASC: perYear().UASC}
			cal, rep, y := calibrate(files)
			if got, want := repeats(rep), repeats(wantRep); !slices.Equal(got, want) {
				t.Errorf("the report says of repeats\n%s\nthe per-year files'\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if n := stock(cal); n != 75 {
				t.Errorf("%d children in care at the start, want the per-year files' 75", n)
			}
			if w := strings.Join(cal.Warnings(), "\n"); !strings.Contains(w, warn) {
				t.Errorf("warned %q, not of the 20 children the latest return does not hold", w)
			}
			if !strings.Contains(y, "20 of these children have no episode in the latest return (2021-22)") {
				t.Errorf("the scenario says nothing beside its stock of the 20 children the latest return does not hold")
			}
		})
	}
	t.Run("each episode once", func(t *testing.T) {
		b := joinedExport(t, []int{2017, 2018, 2019, 2020, 2021}, true)
		in := func() Input { return Input{"joined.csv", bytes.NewReader(b)} }
		cal, rep, y := calibrate(Files{Episodes: []Input{in()}, Header: []Input{in()}, UASC: perYear().UASC})
		if w := strings.Join(cal.Warnings(), "\n"); strings.Contains(w, "latest return") {
			t.Errorf("warned %q of children the latest return does not hold, which an export holding each episode once cannot tell", w)
		}
		for what, text := range map[string]string{"report": rep, "scenario": y} {
			if !strings.Contains(text, "the latest return holds cannot be told: the episodes file is several years' returns joined, without a YEAR column, holding each episode once") {
				t.Errorf("the %s does not say that the children the latest return holds cannot be told", what)
			}
		}
	})
}
