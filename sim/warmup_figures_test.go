package sim_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// warmupFigures is what a warm-up study (TestWarmupLength, TestRegionWarmupLength) found, as it
// writes it into sim/testdata/warmup-NAME.txt with -warmup-write: the scenario or region
// studied, its warm-up in years, the replications of each length, the tolerance, how many
// counts of 20 or more were compared, and for each length tried (longest first) the counts
// further than the tolerance from a 30-year warm-up's beyond the 99% interval of their
// difference and the largest difference.
type warmupFigures struct {
	Name         string
	Warmup       int
	Replications int
	Tolerance    float64 // a fraction: 0.03 is 3%
	Counts       int
	Lengths      []warmupLength
}

// warmupLength is one warm-up length of a study.
type warmupLength struct {
	Years int
	// Off lists the counts off, each "name\tdifference\tdetail" (the difference as +6.9%).
	Off []string
	// Largest is the largest difference, a fraction, of the count Worst; WorstDetail gives
	// its mean and the steady state's.
	Largest            float64
	Worst, WorstDetail string
}

// warmupFile returns the path of the study file of the scenario or region name.
func warmupFile(name string) string {
	if name == "default" {
		name = "county"
	}
	return filepath.Join("testdata", "warmup-"+name+".txt")
}

// pct formats a fraction as a signed percentage to one decimal, as the comments quote it.
func pct(x float64) string { return fmt.Sprintf("%+.1f%%", 100*x) }

// write writes the study in the form readWarmupStudy reads, headed by how it was made.
func (st *warmupFigures) write(w io.Writer, how string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# %s\n# Written by %s; TestWarmupFigures checks the figures quoted from it.\n", st.Name, how)
	fmt.Fprintf(b, "name\t%s\nwarmup\t%d\nreplications\t%d\ntolerance\t%s\ncounts\t%d\n",
		st.Name, st.Warmup, st.Replications, strconv.FormatFloat(100*st.Tolerance, 'f', -1, 64)+"%", st.Counts)
	for _, l := range st.Lengths {
		fmt.Fprintf(b, "length\t%d\toff\t%d\tlargest\t%s\t%s\t%s\n", l.Years, len(l.Off), pct(l.Largest), l.Worst, l.WorstDetail)
		for _, o := range l.Off {
			fmt.Fprintf(b, "off\t%s\n", o)
		}
	}
	b.WriteString("# " + st.sentence(st.Warmup) + "\n")
	return b.Flush()
}

// readWarmupStudy reads a study file (write).
func readWarmupStudy(r io.Reader) (*warmupFigures, error) {
	st := &warmupFigures{}
	var offs []int // the counts off each length line gives
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(err error) error { return fmt.Errorf("line %d: %q: %w", n, line, err) }
		var err error
		switch {
		case f[0] == "name" && len(f) == 2:
			st.Name = f[1]
		case f[0] == "warmup" && len(f) == 2:
			st.Warmup, err = strconv.Atoi(f[1])
		case f[0] == "replications" && len(f) == 2:
			st.Replications, err = strconv.Atoi(f[1])
		case f[0] == "counts" && len(f) == 2:
			st.Counts, err = strconv.Atoi(f[1])
		case f[0] == "tolerance" && len(f) == 2:
			st.Tolerance, err = strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
			st.Tolerance /= 100
		case f[0] == "length" && len(f) == 8 && f[2] == "off" && f[4] == "largest":
			var l warmupLength
			var off int
			if l.Years, err = strconv.Atoi(f[1]); err == nil {
				if off, err = strconv.Atoi(f[3]); err == nil {
					l.Largest, err = strconv.ParseFloat(strings.TrimSuffix(f[5], "%"), 64)
				}
			}
			l.Largest /= 100
			l.Worst, l.WorstDetail = f[6], f[7]
			st.Lengths, offs = append(st.Lengths, l), append(offs, off)
		case f[0] == "off" && len(f) == 4 && len(st.Lengths) > 0:
			l := &st.Lengths[len(st.Lengths)-1]
			l.Off = append(l.Off, strings.Join(f[1:], "\t"))
		default:
			err = errors.New("not a line of a warm-up study")
		}
		if err != nil {
			return nil, bad(err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if st.Name == "" || st.Replications == 0 || len(st.Lengths) == 0 {
		return nil, errors.New("no name, replications or lengths")
	}
	for i, l := range st.Lengths {
		if len(l.Off) != offs[i] {
			return nil, fmt.Errorf("warm-up of %d years: %d counts off, %d listed", l.Years, offs[i], len(l.Off))
		}
	}
	return st, nil
}

// length returns the study's figures for a warm-up of years, or nil if it did not try it.
func (st *warmupFigures) length(years int) *warmupLength {
	for i := range st.Lengths {
		if st.Lengths[i].Years == years {
			return &st.Lengths[i]
		}
	}
	return nil
}

// sentence returns the study's verdict on a warm-up of w years, as the warmup_years comment of
// a scenario or region warming up for w years and the README quote it, word for word: the
// counts off after w years, then after each other length tried, longest first, each with the
// largest difference.
func (st *warmupFigures) sentence(w int) string {
	years := func(n int) string {
		if n == 1 {
			return "1 year"
		}
		return fmt.Sprintf("%d years", n)
	}
	var b strings.Builder
	if l := st.length(w); l != nil {
		fmt.Fprintf(&b, "after %s, %d of %d counts of 20 or more are further than %s%% from a 30-year warm-up's beyond the 99%% interval of the difference (%d replications; the largest difference %s, %s)",
			years(l.Years), len(l.Off), st.Counts, strconv.FormatFloat(100*st.Tolerance, 'f', -1, 64), st.Replications, l.Worst, pct(l.Largest))
	}
	for _, l := range st.Lengths {
		if l.Years != w {
			fmt.Fprintf(&b, "; after %s, %d (%s, %s)", years(l.Years), len(l.Off), l.Worst, pct(l.Largest))
		}
	}
	return b.String()
}

// sortLengths puts a study's lengths longest first.
func (st *warmupFigures) sortLengths() {
	slices.SortFunc(st.Lengths, func(a, b warmupLength) int { return b.Years - a.Years })
}

// normalize joins lines and runs of spaces and drops Markdown's backticks, so that a sentence
// quoted in a comment or a wrapped README paragraph reads as one line.
func normalize(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "`", "")), " ")
}

// warmupComment returns the value of the warmup_years line of a scenario or region file and
// the comment after it.
var warmupLine = regexp.MustCompile(`(?m)^warmup_years:\s*(\d+)\s*#(.*)$`)

// TestWarmupFigures checks that the warm-up figures quoted in the scenario files and the README
// are those the warm-up studies last wrote (sim/testdata/warmup-*.txt; refresh them with go test
// ./sim -run TestWarmupLength -warmup-study -warmup-write -v, and TestRegionWarmupLength with
// -region-warmup-study -region-warmup-region NAME -warmup-write): the scenario's or region's
// warmup_years is a warm-up the study tried and found no count off after, its comment holds the
// study's sentence on it (warmupFigures.sentence) word for word, and so does
// the README.
func TestWarmupFigures(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := normalize(string(readme))
	schema, err := os.ReadFile(filepath.Join("..", "scenarios", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc := normalize(string(schema))
	files, err := filepath.Glob(filepath.Join("testdata", "warmup-*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"county", "south-east"} {
		if !slices.Contains(files, filepath.Join("testdata", "warmup-"+name+".txt")) {
			t.Errorf("no study of %s's warm-up in testdata", name)
		}
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := readWarmupStudy(f)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if warmupFile(st.Name) != path {
				t.Errorf("%s holds the study of %s", path, st.Name)
			}
			scenario := filepath.Join("..", "scenarios", "regions", st.Name+".yaml")
			if st.Name == "default" {
				scenario = filepath.Join("..", "scenarios", "default.yaml")
			}
			src, err := os.ReadFile(scenario)
			if err != nil {
				t.Fatal(err)
			}
			m := warmupLine.FindSubmatch(src)
			if m == nil {
				t.Fatalf("%s: no warmup_years line with a comment", scenario)
			}
			w, _ := strconv.Atoi(string(m[1]))
			if l := st.length(w); l == nil {
				t.Errorf("%s: warmup_years %d, which the study (%s) did not try: run it again", scenario, w, path)
			} else if len(l.Off) > 0 {
				t.Errorf("%s: warmup_years %d, which the study (%s) finds leaves %d counts off", scenario, w, path, len(l.Off))
			}
			want := st.sentence(w)
			if !strings.Contains(normalize(string(m[2])), want) {
				t.Errorf("%s: the warmup_years comment does not quote the study (%s): want\n%s", scenario, path, want)
			}
			if !strings.Contains(doc, want) {
				t.Errorf("README.md does not quote the study of %s (%s): want\n%s", st.Name, path, want)
			}
			checkSchemaWarmupQuotes(t, schemaDoc, st, path)
		})
	}
}

// The figures of a region's warm-up study scenarios/README.md quotes at warmup_years: the
// comment's words ("after 1 year, 43") and what a shorter warm-up set on the region finds
// ("--set warmup_years=1 on south-east finds 43 of its 468 counts").
var (
	schemaAfterQuote = regexp.MustCompile(`"after (\d+) years?, (\d+)"`)
	schemaSetQuote   = regexp.MustCompile(`--set warmup_years=(\d+) on ([a-z-]+) finds (\d+) of its (\d+) counts`)
)

// checkSchemaWarmupQuotes checks that the figures scenarios/README.md quotes from the study of
// a region (st, read from path) are the study's.
func checkSchemaWarmupQuotes(t *testing.T, doc string, st *warmupFigures, path string) {
	t.Helper()
	if st.Name == "default" {
		return
	}
	for _, m := range schemaSetQuote.FindAllStringSubmatch(doc, -1) {
		if m[2] != st.Name {
			continue
		}
		years, _ := strconv.Atoi(m[1])
		l := st.length(years)
		if l == nil {
			t.Errorf("scenarios/README.md quotes a %d-year warm-up of %s, which the study (%s) did not try", years, st.Name, path)
			continue
		}
		if got := fmt.Sprintf("%s of its %s counts", m[3], m[4]); got != fmt.Sprintf("%d of its %d counts", len(l.Off), st.Counts) {
			t.Errorf("scenarios/README.md: %q; the study (%s) finds %d of its %d counts", m[0], path, len(l.Off), st.Counts)
		}
		for _, q := range schemaAfterQuote.FindAllStringSubmatch(doc, -1) {
			if q[1] == m[1] && q[2] != strconv.Itoa(len(l.Off)) {
				t.Errorf("scenarios/README.md: %s; the study of %s (%s) finds %d", q[0], st.Name, path, len(l.Off))
			}
		}
	}
}

// TestWarmupStudyFile checks that a study file reads back as it was written.
func TestWarmupStudyFile(t *testing.T) {
	st := &warmupFigures{Name: "default", Warmup: 2, Replications: 400, Tolerance: 0.03, Counts: 120,
		Lengths: []warmupLength{
			{Years: 2, Largest: 0.053, Worst: "first_choice_x", WorstDetail: "1.0 (±0.1), steady state 0.9"},
			{Years: 1, Largest: -0.069, Worst: "children_y", WorstDetail: "2.0 (±0.1), steady state 2.1",
				Off: []string{"children_y\t-6.9%\t2.0 (±0.1), steady state 2.1"}},
		}}
	var b strings.Builder
	if err := st.write(&b, "hand"); err != nil {
		t.Fatal(err)
	}
	got, err := readWarmupStudy(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got.sentence(2) != st.sentence(2) || len(got.Lengths[1].Off) != 1 || math.Abs(got.Tolerance-0.03) > 1e-12 {
		t.Errorf("read back %+v, wrote %+v", got, st)
	}
	const want = "after 2 years, 0 of 120 counts of 20 or more are further than 3% from a 30-year warm-up's beyond the 99% interval of the difference (400 replications; the largest difference first_choice_x, +5.3%); after 1 year, 1 (children_y, -6.9%)"
	const want1 = "after 1 year, 1 of 120 counts of 20 or more are further than 3% from a 30-year warm-up's beyond the 99% interval of the difference (400 replications; the largest difference children_y, -6.9%); after 2 years, 0 (first_choice_x, +5.3%)"
	if s := st.sentence(2); s != want {
		t.Errorf("sentence\n%s\nwant\n%s", s, want)
	}
	if s := st.sentence(1); s != want1 {
		t.Errorf("sentence of 1 year\n%s\nwant\n%s", s, want1)
	}
}
