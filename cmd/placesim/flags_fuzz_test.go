package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// FuzzFlags gives any text to each parser of a value a user types into a flag (--percentiles,
// --budget, sensitivity's and sweep's --vary, --target, --find, --formats, --from, --to and --at) and
// to the reader of a region run's region.json, which merge reads back from each shard and a user
// may have edited or cut short. None may panic; a refused value's error must name the flag or
// the value; an accepted one must be what the help text and the README promise.
func FuzzFlags(f *testing.F) {
	// The region record of the tests' region. The fuzzer decodes a record as readRegionRecord
	// does before it reads the councils' scenario files, and gives each council one of these
	// scenarios, read once, in place of its file.
	reg, err := scenarios.ParseRegion(strings.NewReader(testRegionYAML), "test-region.yaml", nil)
	if err != nil {
		f.Fatal(err)
	}
	dirs, err := councilDirs(reg)
	if err != nil {
		f.Fatal(err)
	}
	record, err := regionRecordOf(reg, dirs)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(record))
	f.Add(string(record[:len(record)/2]))
	f.Add(strings.Replace(string(record), `"format": 2`, `"format": 3`, 1))
	f.Add(strings.Replace(string(record), `"zone": "south"`, `"zone": "west"`, 1))
	f.Add(strings.Replace(string(record), `"start": "2026-04-01"`, `"start": "2026-04-31"`, 1))
	f.Add(strings.Replace(string(record), "north-shire/scenario.yaml", "../north-shire/scenario.yaml", 1))
	f.Add(`{"format": 1, "region": null, "council_scenarios": []}`)

	// The examples of the help texts and the README, and edge cases. The inputs that once got
	// through are in testdata/fuzz/FuzzFlags.
	for _, s := range []string{
		"5,50,95", "5,25,50,75,95", "10,50,90", "97.5", "0,100", "5,5", "-0,0", "NaN", "1e400", "Inf", "-Inf",
		"2027/28=64m", "2027/28=64m, 2028/29=£64.5m", "2029/30=900k", "2030/31=64000000", "2027/28=1m,2027/28=2m",
		"2027/28=64mm", "2027/28=64km", "2027/28=£", "2027/28=-0", "2027/28=64,000,000", "2099/00=1m", "64m",
		"2027/28=NaN", "2027/28=0x1p10",
		"kinds.ifa.weekly_gbp.standard=800:1100", "a=1:1", "a=-0:0", "a=-1e308:1e308", "a=1:2:3",
		"kinds.inhouse_foster.carers.approvals_per_year=19:43:4", "a.b=0.9:1.1:0.1", "a=0:0.3:0.1", "a=5:5:1",
		"a=0:1,5:0.5", "a=١:٢:١",
		"ifa_share<=0.35 in 2030/31", "emergency_placements < 2", "carer_households_end>=170 in all", "a<5>=3",
		"png,svg,pdf", "svg", "SVG, svg", ",", "png,,svg", "gif",
		"2024-04-01", "2024-02-30", " 2024-04-01 ", "2024-04-01x", "٢٠٢٤-٠٤-٠١",
		"", " ", ",,", "1,000", "1e", "+", "−5",
		"2027/28=£1,200,2028/29=2m", "2027/28=£1,200k,2028/29=.5m", "2027/28=0.07bn", "2027/28=0.001", "2027/28=1,2000",
		"emergency.weekly_gbp=9k:12k:1k", "emergency.weekly_gbp=£9,000:£12,000:£1,000", "emergency.weekly_gbp=£9,000:£12,000",
		"kinds.ifa.weekly_gbp.standard=.5k:1.2K", "cost_total<=£1,200", "cost_total<=1e6", "entries.per_year=9k:12k",
		"smallest", "largest", " Largest ", "LARGEST", "biggest", "larg",
	} {
		f.Add(s)
	}

	f.Fuzz(func(t *testing.T, s string) {
		if ps, err := parsePercentiles(s); err != nil {
			refused(t, "--percentiles", s, err, strconv.Quote(s))
		} else {
			cols := map[string]bool{}
			for _, p := range ps {
				if !(p >= 0 && p <= 100) || cols[sim.PercentileColumn(p)] {
					t.Fatalf("--percentiles %q gave %v: want percentiles from 0 to 100, none twice", s, ps)
				}
				cols[sim.PercentileColumn(p)] = true
			}
			if len(ps) == 0 {
				t.Fatalf("--percentiles %q gave none", s)
			}
		}

		if bs, err := parseBudgets([]string{s}); err != nil {
			items := splitBudgets(s)
			quoted := make([]string, len(items))
			for i, it := range items {
				quoted[i] = strconv.Quote(it)
			}
			refused(t, "--budget", s, err, quoted...)
		} else {
			seen := map[string]bool{}
			for _, b := range bs {
				if !wantFinancialYear(b.period) || seen[b.period] {
					t.Fatalf("--budget %q gave the period %q: want a financial year such as 2027/28, once", s, b.period)
				}
				seen[b.period] = true
				if !(b.amount > 0) || math.IsInf(b.amount, 0) {
					t.Fatalf("--budget %q gave the amount %v: want more than nothing", s, b.amount)
				}
			}
		}

		if path, low, high, err := parseRange(s); err != nil {
			refused(t, "sensitivity --vary", s, err, strconv.Quote(s))
		} else {
			lo, hi := scenarios.FormatValue(low), scenarios.FormatValue(high)
			l, errL := strconv.ParseFloat(lo, 64)
			h, errH := strconv.ParseFloat(hi, 64)
			if path == "" || path != strings.TrimSpace(path) || errL != nil || errH != nil || !(l < h) || math.IsInf(l, 0) || math.IsInf(h, 0) {
				t.Fatalf("sensitivity --vary %q gave %q from %v to %v, written %s and %s", s, path, low, high, lo, hi)
			}
		}

		if l, err := parseVary(s); err != nil {
			refused(t, "sweep --vary", s, err, strconv.Quote(s))
		} else {
			checkSweepLever(t, s, l)
		}

		if f, err := parseFind(s); err != nil {
			refused(t, "sweep --find", s, err, strconv.Quote(s))
		} else if f != "smallest" && f != "largest" {
			t.Fatalf("sweep --find %q gave %q: want smallest or largest", s, f)
		}

		if tg, err := parseTarget(s); err != nil {
			refused(t, "--target", s, err, strconv.Quote(s))
		} else {
			switch {
			case tg.kpi == "":
				t.Fatalf("--target %q gave the KPI %q", s, tg.kpi)
			case !slices.Contains([]string{"<", "<=", ">", ">="}, tg.op):
				t.Fatalf("--target %q gave the operator %q", s, tg.op)
			case math.IsNaN(tg.value) || math.IsInf(tg.value, 0):
				t.Fatalf("--target %q gave the value %v: want a number", s, tg.value)
			case tg.period != sim.WholeRun && !wantFinancialYear(tg.period):
				t.Fatalf("--target %q gave the period %q: want all or a financial year such as 2030/31", s, tg.period)
			}
		}

		if fs, err := parseFormats("run", s); err != nil {
			refused(t, "--formats", s, err, "--formats")
		} else {
			if len(fs) == 0 {
				t.Fatalf("--formats %q gave none", s)
			}
			for i, x := range fs {
				if !slices.Contains(plots.Formats, x) || slices.Contains(fs[:i], x) {
					t.Fatalf("--formats %q gave %q", s, fs)
				}
			}
		}

		if d, err := parseDateFlag("calibrate", "from", s); err != nil {
			refused(t, "--from", s, err, "--from")
		} else if strings.TrimSpace(s) != "" {
			if d.IsZero() || d.Format(time.DateOnly) != strings.TrimSpace(s) || d.Year() < 1900 || d.Year() > 2200 {
				t.Fatalf("--from %q gave %v: want that date, in 1900 to 2200", s, d)
			}
		} else if !d.IsZero() {
			t.Fatalf("--from %q gave %v: want no date", s, d)
		}

		if rec, err := decodeRegionRecord("region.json", []byte(s)); err != nil {
			refused(t, "region.json", s, err, "region.json")
		} else {
			if !json.Valid([]byte(s)) {
				t.Fatalf("region.json %q is not one JSON value, and was read", s)
			}
			if rec.Region == nil || len(rec.Scenarios) != len(rec.Region.Councils) {
				t.Fatalf("region.json %q read without a scenario for each council", s)
			}
			for i, p := range rec.Scenarios {
				if !filepath.IsLocal(filepath.FromSlash(p)) {
					t.Fatalf("region.json %q read with the scenario %q, outside the folder", s, p)
				}
				rec.reg.Councils[i].Scenario = reg.Councils[i%len(reg.Councils)].Scenario
			}
			rec.reg.Validate()
		}
	})
}

// refused fails t unless err, the error of a value s given to what, is a message that names
// one of names.
func refused(t *testing.T, what, s string, err error, names ...string) {
	t.Helper()
	msg := err.Error()
	for _, n := range names {
		if strings.Contains(msg, n) {
			return
		}
	}
	t.Fatalf("%s %q: the error %q names none of %q", what, s, msg, names)
}

// wantFinancialYear reports whether s labels a financial year from 1900/01 to 2200/01, as
// 2030/31.
func wantFinancialYear(s string) bool {
	y, err := strconv.Atoi(s[:max(0, strings.IndexByte(s, '/'))])
	return err == nil && y >= 1900 && y <= 2200 && model.FinancialYearFrom(y) == s
}

// checkSweepLever fails t unless l, read from s, is what sweep promises: between 1 and 200
// values from FROM up to TO in steps of STEP, each finite and written for --set as a number
// of its own.
func checkSweepLever(t *testing.T, s string, l sweepLever) {
	t.Helper()
	if l.path == "" || l.path != strings.TrimSpace(l.path) || len(l.values) < 1 || len(l.values) > 200 {
		t.Fatalf("sweep --vary %q gave %q with %d values", s, l.path, len(l.values))
	}
	path, rng, _ := strings.Cut(s, "=")
	parts := strings.Split(rng, ":")
	var nums [3]float64
	for i, p := range parts {
		nums[i], _ = readLeverValue(path, p) // as parseVary read it: money on a field in pounds
	}
	from, to, step := nums[0], nums[1], nums[2]
	prev := ""
	for i, v := range l.values {
		text := formatValue(v)
		back, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(back, 0) || math.IsNaN(back) {
			t.Fatalf("sweep --vary %q: value %d, %v, is written %q", s, i, v, text)
		}
		// The values may pass TO by rounding, by less than a billionth of a step.
		if v < from || v > to+1e-9*step+math.Abs(to)*1e-15 {
			t.Fatalf("sweep --vary %q: value %d, %v, is outside %v to %v", s, i, v, from, to)
		}
		if text == prev {
			t.Fatalf("sweep --vary %q: values %d and %d are both written %q", s, i-1, i, text)
		}
		prev = text
	}
}
