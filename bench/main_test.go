package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

func TestWriteRegion(t *testing.T) {
	file := filepath.Join(t.TempDir(), "README.md")
	before := "# Title\n\n<!-- bench:speed -->\nold table\n<!-- /bench:speed -->\n\nafter\n"
	if err := os.WriteFile(file, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeRegion(file, "bench:speed", "| new | table |\n"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := "# Title\n\n<!-- bench:speed -->\n| new | table |\n<!-- /bench:speed -->\n\nafter\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteRegionMissing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(file, []byte("no markers here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeRegion(file, "bench:speed", "x\n")
	if err == nil || !strings.Contains(err.Error(), "no <!-- bench:speed -->") {
		t.Errorf("error %v, want one naming the missing region", err)
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestScale(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	big, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	model.Scale(big, 3)
	if len(big.Validate()) > 0 {
		t.Fatalf("the scaled county does not validate: %v", big.Validate())
	}
	if big.Entries.PerYear != 3*s.Entries.PerYear || big.ChildPopulation != 3*s.ChildPopulation {
		t.Errorf("entries %v, population %d: want three times %v and %d", big.Entries.PerYear, big.ChildPopulation, s.Entries.PerYear, s.ChildPopulation)
	}
	for k, kd := range s.Kinds {
		bk := big.Kinds[k]
		if kd.Carers != nil && bk.Carers.Households != 3*kd.Carers.Households {
			t.Errorf("%s: %d households, want %d", kd.Name, bk.Carers.Households, 3*kd.Carers.Households)
		}
		if len(bk.Homes) != 3*len(kd.Homes) || len(bk.BlockBeds) != 3*len(kd.BlockBeds) {
			t.Errorf("%s: %d homes and %d block contracts, want %d and %d", kd.Name, len(bk.Homes), len(bk.BlockBeds), 3*len(kd.Homes), 3*len(kd.BlockBeds))
		}
		names := map[string]bool{}
		for _, h := range bk.Homes {
			if names[h.Name] {
				t.Errorf("%s: home %q twice", kd.Name, h.Name)
			}
			names[h.Name] = true
		}
	}
	var stock, bigStock int
	for i := range s.Stock {
		stock += s.Stock[i].Count
		bigStock += big.Stock[i].Count
	}
	if bigStock != 3*stock {
		t.Errorf("stock %d, want %d", bigStock, 3*stock)
	}
}

// BenchmarkScaledCounty measures one replication of the default county (10 warm-up and 10
// reported years) made 1, 10 and 100 times as large, and reports the time a county's worth
// of it: flat from one size to the next when the cost a child does not grow with scale.
func BenchmarkScaledCounty(b *testing.B) {
	for _, factor := range []int{1, 10, 100} {
		b.Run("x"+strconv.Itoa(factor), func(b *testing.B) {
			s, err := scenarios.Load("default", nil)
			if err != nil {
				b.Fatal(err)
			}
			model.Scale(s, float64(factor))
			b.ReportAllocs()
			rep := 0
			for b.Loop() {
				if _, err := sim.Run(s, sim.Options{Reps: 1, FirstRep: rep, Seed: 1, Workers: 1, KPIsOnly: true}); err != nil {
					b.Fatal(err)
				}
				rep++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rep)/float64(factor)/1e6, "ms/county")
		})
	}
}

func TestScaleText(t *testing.T) {
	u := func(cpu float64, mb float64) usage {
		return usage{cpu: time.Duration(cpu * float64(time.Second)), wall: time.Second, peakMB: mb}
	}
	// The county's 100 replications in 0.5 s, 0.4 s and 0.6 s: 5, 4 and 6 ms each; the scaled
	// county's one in 0.65 s, 0.6 s and 0.66 s: 6.5, 6 and 6.6 ms a county's worth, so the
	// ratios 1.3, 1.5 and 1.1 pair by pair (not 6.5 over 5 from the medians alone).
	county := []usage{u(0.5, 10), u(0.4, 10), u(0.6, 10)}
	big := []usage{u(0.65, 36), u(0.6, 35), u(0.66, 37)}
	got := scaleRatios(100, county, big)
	want := []float64{1.3, 1.5, 1.1}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Fatalf("ratios %v, want %v", got, want)
		}
	}
	text := scaleText(100, county, big, u(3, 38), u(7, 100), 10, 2)
	for _, s := range []string{"0.7 s of CPU", "1.30 times the county's CPU a child, the median of 3 pairs run in turn, 1.10-1.50",
		"the county: 5.0 ms a replication", "36 MB peak", "1.06 times the memory of 10, aim at most 1.2: met",
		"aim at most 1.3: met", "1.0 s wall (aim at most 10 s: met)"} {
		if !strings.Contains(text, s) {
			t.Errorf("%q lacks %q", text, s)
		}
	}
	// A slower scaled county, a 50-year run that holds more, and ten replications that take
	// longer: each aim not met.
	slow := []usage{u(0.7, 36), u(0.65, 35), u(0.72, 37)}
	long := usage{cpu: 3 * time.Second, wall: 11 * time.Second, peakMB: 45}
	text = scaleText(100, county, slow, long, long, 10, 2)
	for _, s := range []string{"1.40 times the county's CPU a child", "1.20-1.62, aim at most 1.3: not met",
		"1.25 times the memory of 10, aim at most 1.2: not met", "11.0 s wall (aim at most 10 s: not met)"} {
		if !strings.Contains(text, s) {
			t.Errorf("%q lacks %q", text, s)
		}
	}
}

// TestSpeedText checks the bench:speed region's row of a workload and its line of the county:
// the medians of the pairs, each beside its aim.
func TestSpeedText(t *testing.T) {
	row := speedRow("queueing check", []float64{8e6, 7e6, 9e6}, []float64{4.1e6, 3.9e6, 4e6}, []float64{2e6, 2.1e6, 1.9e6},
		[]float64{0.51, 0.55, 0.5}, []float64{0.3, 0.2, 0.25})
	want := "| queueing check | 4.00 M arrivals a CPU-second (51% of the bare loop; aim 50%: met) | 2.00 M (25%; aim 35%: not met) | 8.00 M |\n"
	if row != want {
		t.Errorf("row\n%q, want\n%q", row, want)
	}
	line := countyText(1000, []float64{1.4, 1.6, 1.5}, []float64{3, 2.8, 2.9}, []float64{210, 190, 230})
	want = "\nThe default county, `placesim run --reps 1000` with its charts, report and workbook: 1.5 s wall (aim at most 1.5 s: met), 2.9 s CPU, 210 MB peak (aim at most 200 MB: not met; medians of 3 runs).\n"
	if line != want {
		t.Errorf("line\n%q, want\n%q", line, want)
	}
}
