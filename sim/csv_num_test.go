package sim

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestAppendNumWhole checks that AppendNum writes whole numbers exactly as strconv's shortest
// decimal does, near the bound of its shortcut and at random, and fractions as before.
func TestAppendNumWhole(t *testing.T) {
	vs := []float64{1, -1, 7, 10, 1200, -45000, 1e14, 1e15 - 1, -(1e15 - 1), 1e15, 1e15 + 2, 1e16, 1 << 53, 0.5, -2.5, 16.730435819274405}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		vs = append(vs, math.Trunc(rng.Float64()*math.Pow(10, float64(rng.IntN(17)))), rng.NormFloat64()*1e6)
	}
	for _, v := range vs {
		for _, w := range []float64{v, -v} {
			if got, want := string(AppendNum(nil, w)), strconv.FormatFloat(w, 'f', -1, 64); got != want && w != 0 {
				t.Fatalf("AppendNum(%v) = %s, want %s", w, got, want)
			}
		}
	}
}

// TestWriteKPIsRows checks that kpis.csv holds, row by row, what encoding/csv writes of each
// replication's number, period, KPI and value (as AppendNum writes it), whatever the lengths of
// the scenario's name, the periods and the KPIs, which WriteKPIs puts together in two ways:
// short texts as arrays of a fixed size, longer ones as they are.
func TestWriteKPIsRows(t *testing.T) {
	long := strings.Repeat("long", 20)
	for _, tc := range []struct{ name, kpi string }{
		{"erlang", "children_in_care"},
		{"a, \"quoted\" name", "cost_total"},
		{long, "children_in_care"},                         // the head is longer than its array
		{"default", long},                                  // so is the rest of the row's text
		{strings.Repeat("n", 26), strings.Repeat("k", 52)}, // both just fit
	} {
		res := &Results{
			Scenario: &model.Scenario{Name: tc.name},
			KPIs:     []string{tc.kpi, "entries", "x,y"},
			Periods:  []string{"2026/27", WholeRun},
		}
		rng := rand.New(rand.NewPCG(3, 4))
		for rep := range 12 {
			kpis := make([]float64, len(res.KPIs)*len(res.Periods))
			for i := range kpis {
				switch i % 4 {
				case 0:
					kpis[i] = float64(rng.IntN(200))
				case 1:
					kpis[i] = rng.NormFloat64() * 1e5
				case 2:
					kpis[i] = math.NaN()
				default:
					kpis[i] = -float64(rng.IntN(5))
				}
			}
			res.Reps = append(res.Reps, Replication{Index: rep*97 + 5, KPIs: kpis})
		}
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		cw.Write([]string{"scenario", "replication", "period", "kpi", "value"})
		for _, rep := range res.Reps {
			for p, period := range res.Periods {
				for k, kpi := range res.KPIs {
					cw.Write([]string{tc.name, strconv.Itoa(rep.Index), period, kpi, FormatNum(rep.KPIs[p*len(res.KPIs)+k])})
				}
			}
		}
		cw.Flush()
		var got bytes.Buffer
		if err := res.WriteKPIs(&got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("scenario %.20q, KPI %.20q: kpis.csv differs from encoding/csv's rows:\n%s\nwant\n%s", tc.name, tc.kpi, got.String(), want.String())
		}
	}
}

// TestKPIWriterInPieces checks that kpis.csv written a few replications at a time, as a run
// writes it while its replications finish, is the same bytes as WriteKPIs writes at once, and
// that rows pass through the writer in pieces no larger than its buffer and a row: a run
// keeps little of the file in memory.
func TestKPIWriterInPieces(t *testing.T) {
	s := erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 10, 2)
	res, err := Run(s, Options{Reps: 150, Seed: 5, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	if err := res.WriteKPIs(&whole); err != nil {
		t.Fatal(err)
	}
	for i, steps := range [][]int{{150}, {1, 2, 3, 150}, {0, 40, 40, 149, 150}, {7, 150}, {150}} {
		var got bytes.Buffer
		w := &largestWrite{w: &got}
		// The last two write 4 KB and 4 MB at a time (the file is about 6 MB).
		flushAt := [...]int{kpiFlushAt, kpiFlushAt, kpiFlushAt, 4 << 10, 4 << 20}[i]
		kw := res.NewKPIWriterSize(w, flushAt)
		for _, to := range steps {
			if err := kw.WriteReps(to); err != nil {
				t.Fatal(err)
			}
		}
		if err := kw.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), whole.Bytes()) {
			t.Errorf("written up to %v: %d bytes, not the %d bytes of WriteKPIs", steps, got.Len(), whole.Len())
		}
		if w.most > flushAt+512 {
			t.Errorf("written up to %v: a write of %d bytes, want at most %d and a row", steps, w.most, flushAt)
		}
		if w.most < flushAt && got.Len() > flushAt {
			t.Errorf("written up to %v: at most %d bytes at once, want %d", steps, w.most, flushAt)
		}
	}
}

// largestWrite passes writes on to w, noting the largest.
type largestWrite struct {
	w    *bytes.Buffer
	most int
}

func (l *largestWrite) Write(b []byte) (int, error) {
	l.most = max(l.most, len(b))
	return l.w.Write(b)
}

// TestKPIWriterRecurringValues checks the values kpis.csv writes from its writer's memory of
// recent ones: values that recur (twelfths, a KPI holding another's), far more distinct values
// than it keeps (so that many share a place in it), values whose text is too long to keep,
// infinities and NaN, each written as AppendNum writes it, row by row.
func TestKPIWriterRecurringValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	res := &Results{Scenario: &model.Scenario{Name: "recur"}, KPIs: []string{"a", "b", "c", "d"}, Periods: []string{"2026/27"}}
	var vals []float64
	for rep := range 3000 {
		twelfths := float64(rng.IntN(400)) / 12
		kpis := []float64{twelfths, twelfths, rng.Float64() * 50, 0}
		switch rep % 5 {
		case 0:
			kpis[3] = math.Inf(1 - 2*(rep%2))
		case 1:
			kpis[3] = 1.2345678901234567e-12 * float64(rep) // texts of 25 bytes and more
		case 2:
			kpis[3] = math.NaN()
		case 3:
			kpis[3] = -twelfths
		default:
			kpis[3] = kpis[2]
		}
		vals = append(vals, kpis...)
		res.Reps = append(res.Reps, Replication{Index: rep, KPIs: kpis})
	}
	var got bytes.Buffer
	if err := res.WriteKPIs(&got); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSuffix(got.String(), "\n"), "\n")[1:]
	if len(rows) != len(vals) {
		t.Fatalf("%d rows, want %d", len(rows), len(vals))
	}
	for i, row := range rows {
		_, text, _ := strings.Cut(row[strings.LastIndexByte(row, ',')-1:], ",")
		if want := FormatNum(vals[i]); text != want {
			t.Fatalf("row %d (%s): value %q, want %q", i+2, row, text, want)
		}
	}
}
