package scenarios

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// FuzzParse checks that no input makes Parse panic, that what Parse accepts validates, and that
// Encode of it parses back deep-equal. The seed corpus is the built-in and test scenarios; run
// it longer with go test ./scenarios -fuzz FuzzParse -fuzztime 30s.
func FuzzParse(f *testing.F) {
	for _, b := range Builtins() {
		src, err := Source(b.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	files = append(files, "testdata/every_action.yaml")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("a: &x [*x, *x]\n"))
	f.Add([]byte("extends: erlang\nkinds: [{name: ifa, weekly_gbp: {standard: 1e400}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(bytes.NewReader(data), "fuzz.yaml", nil)
		if err != nil {
			return
		}
		if ps := s.Validate(); ps != nil {
			t.Fatalf("Parse accepted a scenario that does not validate: %v", ps.Err())
		}
		var buf bytes.Buffer
		if err := Encode(&buf, s, EncodeOptions{}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		back, err := Parse(&buf, "fuzz.yaml", nil)
		if err != nil {
			t.Fatalf("Parse(Encode(s)): %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(back, s) {
			t.Fatalf("Parse(Encode(s)) differs from s\n%s", buf.String())
		}
	})
}

// FuzzSet checks that no --set override makes loading panic.
func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"entries.per_year=360", "kinds.ifa.weekly_gbp.standard=950", "ladders[0].try=[inhouse_foster,ifa]",
		"a..b=1", "kinds[9].x=1", "years=[", "entries.ages[0]={ages: 0, share: 1}", "=", "x[0][1]=2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, set string) {
		_, _ = Load("erlang", []string{set})
	})
}

// fuzzBudget is the work budget of FuzzRun's replications: small enough that an input runs in
// well under a second, large enough that the built-in scenarios' first years fit in it.
var fuzzBudget = sim.Budget{Children: 20_000, Households: 5_000, Steps: 2_000_000}

// FuzzRun checks that whatever Parse accepts runs: one replication, with the engine's
// invariants checked at every month's end, ends in results or in a *sim.BudgetError, never a
// panic, a hang or another error. The seed corpus is the built-in scenarios and, in
// testdata/fuzz/FuzzRun, scenarios that validation once accepted and the simulator then
// crashed on, hung on or grew without bound (huge rates, tiny intervals, huge assessment times,
// long horizons with steep trends, huge inflation, far-future dates, infinite stay
// parameters). make fuzz runs it for a bounded time.
func FuzzRun(f *testing.F) {
	for _, b := range Builtins() {
		src, err := Source(b.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(bytes.NewReader(data), "fuzz.yaml", nil)
		if err != nil {
			return
		}
		res, err := sim.Run(s, sim.Options{Reps: 1, Seed: 1, Workers: 1, Check: true, Budget: fuzzBudget})
		var be *sim.BudgetError
		switch {
		case errors.As(err, &be):
			return
		case err != nil:
			t.Fatalf("a scenario that validates does not run: %v", err)
		}
		var buf bytes.Buffer
		if err := res.WriteSummary(&buf, []float64{5, 50, 95}); err != nil {
			t.Fatalf("WriteSummary: %v", err)
		}
		if err := res.WriteTimeseries(&buf, []float64{50}); err != nil {
			t.Fatalf("WriteTimeseries: %v", err)
		}
	})
}

// rangeEnds, when set, runs the corpus's scenarios of England's size for their whole three
// years in TestFuzzRunCorpus (.ci/run).
var rangeEnds = flag.Bool("range-ends", false, "run TestFuzzRunCorpus's scenarios of England's size (100,000 entries a year, 100,000 children at the start) for all their years, not their first (.ci/run)")

// englandSized are the files of the corpus at the ends of the ranges of entries and stock: a
// run of England's children, seconds of CPU a simulated year.
var englandSized = map[string]bool{"entries-england": true, "stock-at-range-end": true}

// TestFuzzRunCorpus replays FuzzRun's corpus of past findings and checks what becomes of each:
// refused with a message that names the file, line and field and says the range, or run to
// the end within the default work budget. The two scenarios of England's size run their first
// year in make test and all three with -range-ends (.ci/run); -short skips them.
func TestFuzzRunCorpus(t *testing.T) {
	tests := []struct {
		file string
		want string // a line of the error; "" when the scenario must run
	}{
		{"entries-1e308", "fuzz.yaml:5:13: entries.per_year: must be between 0 and 100,000 children a year"},
		{"entries-1e7", "fuzz.yaml:5:13: entries.per_year: must be between 0 and 100,000 children a year"},
		{"entries-england", ""},
		{"retry-1e-300-days", "fuzz.yaml:24:25: emergency.retry_days: must be between 1 and 365 days"},
		{"retry-1-day", ""},
		{"review-1e-300-days", "fuzz.yaml:24:44: step_down.review_days: must be between 1 and 365 days"},
		{"assessment-1e308-days", "fuzz.yaml:16:90: kinds[1].carers.assessment_days: must be between 0 and 1,100 days"},
		{"assessment-3-years", ""},
		{"100-years-steep-trend", "fuzz.yaml:3:8: years: must be between 1 and 50 years"},
		{"50-years-steep-trend", ""},
		{"warmup-steep-fall", "fuzz.yaml:5:13: entries.per_year: the run would bring over a trillion children into care"},
		{"inflation-1e308", "fuzz.yaml:24:21: inflation_per_year: must be between -0.5 and 1 a year"},
		{"inflation-lever-1e308", "fuzz.yaml:24:61: interventions[0].rate: must be between -0.5 and 1 a year"},
		{"start-9999", "fuzz.yaml:2:8: start: must be between 2000-01-01 and 2100-12-31"},
		{"start-2100", ""},
		{"stay-mean-infinite", "fuzz.yaml:8:50: stays[0].stay.mean_days: must be a number of days"},
		{"stay-sigma-1e308", "fuzz.yaml:8:60: stays[0].stay.sigma: must be between 0.01 and 3"},
		{"stay-shape-tiny", "fuzz.yaml:8:56: stays[0].stay.shape: must be between 0.05 and 100"},
		{"stay-table-infinite", "fuzz.yaml:8:88: stays[0].stay.table[1].up_to_days: must be between 1 and 10,000 days"},
		{"lever-1e9-carers", "fuzz.yaml:24:86: interventions[0].per_year: must be between 0 and 10,000 households a year"},
		{"households-1e9", "fuzz.yaml:16:26: kinds[1].carers.households: must be between 0 and 100,000 households"},
		{"home-200-beds", "fuzz.yaml:21:31: kinds[2].homes[0].beds: must be between 1 and 100 beds"},
		{"stock-1e6", "fuzz.yaml:24:40: stock[0].count: must be between 0 and 100,000 children"},
		{"stock-at-range-end", ""},
		{"entry-factor-1e308", "fuzz.yaml:24:64: interventions[0].factor: must be between 0 and 100 times"},
	}
	files, err := filepath.Glob("testdata/fuzz/FuzzRun/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(tests) {
		t.Errorf("%d files in testdata/fuzz/FuzzRun, %d in this test: say what becomes of each", len(files), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readFuzzBytes(t, filepath.Join("testdata/fuzz/FuzzRun", tt.file))
			s, err := Parse(bytes.NewReader(data), "fuzz.yaml", nil)
			if tt.want != "" {
				if err == nil {
					t.Fatalf("accepted; want %q", tt.want)
				}
				if msg := err.Error(); msg != tt.want && !strings.HasPrefix(msg, tt.want) {
					t.Fatalf("error %q; want it to begin %q", msg, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if englandSized[tt.file] {
				if testing.Short() {
					t.Skip("a run of England's entries or stock takes seconds: not under -short")
				}
				if !*rangeEnds {
					s.Years = 1 // its first year: all three with -range-ends
				}
			}
			if _, err := sim.Run(s, sim.Options{Reps: 1, Seed: 1, Workers: 1}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// readFuzzBytes reads the one []byte value of a file in the corpus format of go test's fuzzing
// ("go test fuzz v1" then []byte("...")).
func readFuzzBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	header, value, ok := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if !ok || header != "go test fuzz v1" || !strings.HasPrefix(value, "[]byte(") || !strings.HasSuffix(value, ")") {
		t.Fatalf("%s: not a corpus file of one []byte", name)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(value, "[]byte("), ")"))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return []byte(s)
}
