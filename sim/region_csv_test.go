package sim

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// testRegion returns the results of a region of two small councils by hand: each council's
// scenario run alone with its own seed, and a total that is the first council's results renamed
// (the writers take the total as it comes).
func testRegion(t *testing.T) *RegionResults {
	t.Helper()
	names := []string{"north", `south, "east"`}
	reg := &model.Region{Name: "test-region"}
	rr := &RegionResults{Region: reg, Seed: 5}
	for i, name := range names {
		s := erlangScenario(3+i, 6, model.Distribution{Kind: model.Exponential, MeanDays: 200}, 2, 0)
		reg.Councils = append(reg.Councils, model.Council{Name: name, Scenario: s})
		res, err := Run(s, Options{Reps: 3, Seed: CouncilSeed(5, name)})
		if err != nil {
			t.Fatal(err)
		}
		rr.Councils = append(rr.Councils, res)
	}
	total := *rr.Councils[0]
	ts := *total.Scenario
	ts.Name = reg.Name
	total.Scenario = &ts
	rr.Total = &total
	return rr
}

// TestRegionCSV checks each region file against the councils' own files: one header, led by
// council; then each council's rows as its own file has them, led by its name, and the
// total's led by "region"; encoding/csv reads the council's name back as it is.
func TestRegionCSV(t *testing.T) {
	rr := testRegion(t)
	pcts := []float64{5, 50, 95}
	for _, tt := range []struct {
		file   string
		region func(io.Writer) error
		own    func(*Results, io.Writer) error
	}{
		{"summary.csv", func(w io.Writer) error { return rr.WriteSummary(w, pcts) }, func(r *Results, w io.Writer) error { return r.WriteSummary(w, pcts) }},
		{"kpis.csv", rr.WriteKPIs, func(r *Results, w io.Writer) error { return r.WriteKPIs(w) }},
		{"timeseries.csv", func(w io.Writer) error { return rr.WriteTimeseries(w, pcts) }, func(r *Results, w io.Writer) error { return r.WriteTimeseries(w, pcts) }},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var got bytes.Buffer
			if err := tt.region(&got); err != nil {
				t.Fatal(err)
			}
			var want strings.Builder
			for i, res := range rr.Each() {
				var own bytes.Buffer
				if err := tt.own(res, &own); err != nil {
					t.Fatal(err)
				}
				lines := strings.SplitAfter(own.String(), "\n")
				if i == 0 {
					want.WriteString("council," + lines[0])
				}
				for _, l := range lines[1:] {
					if l != "" {
						want.WriteString(csvField(rr.CouncilNames()[i]) + "," + l)
					}
				}
			}
			if got.String() != want.String() {
				t.Fatalf("%s is not the councils' files led by a council column:\n%.600s", tt.file, got.String())
			}
			rows, err := csv.NewReader(&got).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for _, row := range rows[1:] {
				seen[row[0]]++
			}
			if len(seen) != 3 || seen["north"] == 0 || seen[`south, "east"`] != seen["north"] || seen[RegionTotal] != seen["north"] {
				t.Errorf("rows by council: %v", seen)
			}
		})
	}
}

// TestPrefixWriterQuotedLineBreak writes a record whose quoted field holds a line break, a
// byte at a time: the break inside the quotes does not start a record.
func TestPrefixWriterQuotedLineBreak(t *testing.T) {
	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	pw := &prefixWriter{w: bw, prefix: []byte("c,"), header: headerDrop}
	for _, b := range []byte("h1,h2\n\"a\nb\",1\nx,2\n") {
		pw.Write([]byte{b})
	}
	bw.Flush()
	if want := "c,\"a\nb\",1\nc,x,2\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestPrefixWriterSkip writes records whose first field, quoted with a comma and a line break
// in it, the prefix replaces, a byte at a time and all at once.
func TestPrefixWriterSkip(t *testing.T) {
	text := "h1,h2\n\"a,\nb\",1\nx,2\n"
	for _, bytewise := range []bool{true, false} {
		var out bytes.Buffer
		bw := bufio.NewWriter(&out)
		pw := &prefixWriter{w: bw, prefix: []byte("c,s,"), skip: true, header: headerDrop}
		if bytewise {
			for _, b := range []byte(text) {
				pw.Write([]byte{b})
			}
		} else {
			pw.Write([]byte(text))
		}
		bw.Flush()
		if want := "c,s,1\nc,s,2\n"; out.String() != want {
			t.Errorf("a byte at a time %v: got %q, want %q", bytewise, out.String(), want)
		}
	}
}

// TestRegionKPIsOf checks that WriteKPIsOf writes the rows of kpis.csv of the KPIs asked for,
// and no others: all of them, as WriteKPIs, when every KPI is asked for.
func TestRegionKPIsOf(t *testing.T) {
	rr := testRegion(t)
	var all bytes.Buffer
	if err := rr.WriteKPIs(&all); err != nil {
		t.Fatal(err)
	}
	var every bytes.Buffer
	if err := rr.WriteKPIsOf(&every, rr.Total.KPIs); err != nil {
		t.Fatal(err)
	}
	if every.String() != all.String() {
		t.Errorf("every KPI asked for: kpis.csv differs from WriteKPIs's")
	}
	keep := []string{CostTotal, ChildrenInCare, "no_such_kpi"}
	var some bytes.Buffer
	if err := rr.WriteKPIsOf(&some, keep); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	rows, err := csv.NewReader(strings.NewReader(all.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(all.String(), "\n")
	// The council names hold no line breaks: a row is a line.
	for i, row := range rows {
		if i == 0 || row[4] == CostTotal || row[4] == ChildrenInCare {
			want.WriteString(lines[i])
		}
	}
	if some.String() != want.String() {
		t.Errorf("kpis.csv of %v:\n%s\nwant the rows of WriteKPIs's of those KPIs:\n%s", keep, head(some.String()), head(want.String()))
	}
	if n := strings.Count(some.String(), "\n"); n <= 1 {
		t.Errorf("kpis.csv of %v has %d lines, want rows of both KPIs", keep, n)
	}
}

// head returns the first lines of s.
func head(s string) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(len(lines), 8)], "")
}
