// Command bench measures placesim's speed against a bare Go event loop on the same workloads,
// and the default county's run as a user runs it. `make bench` runs it from the repository's
// root:
//
//	go run ./bench [-pairs 5] [-readme README.md]
//	go run ./bench -county-reps 0     # the queueing workloads only
//	go run ./bench -scale 100 [-scale-pairs 11] [-readme README.md]
//
// It builds the bare loop (bench/bareloop: a typed binary heap and PCG, the tightest Go loop
// for the Erlang workload) and placesim, then runs each workload's programs in turn, pair by
// pair, and takes the ratio of CPU time (user plus system, from the operating system's
// accounting of each finished process) within each pair, so that a machine whose speed
// drifts, or which others share, still gives a fair comparison. It prints the median of each
// figure and of each ratio. With -readme it also writes the table between the markers
// <!-- bench:speed --> and <!-- /bench:speed --> of that file.
//
// The workloads are the Erlang check (scenarios/validation/erlang.yaml: Poisson arrivals, one
// pool of c places of one child each, an unlimited overflow) at two sizes, each simulated for
// 12 years (10 reported after 2 of warm-up): the engine (sim.Run on one worker, every monthly
// record and KPI kept), the command (placesim run on one worker, its CSV files written, charts
// left out) and the bare loop are given the same replications. Arrivals a CPU-second are the
// expected arrivals (a year's arrivals × 12 × replications) over the CPU time.
//
// With -scale N it measures instead the default county made N times as large (scale: its
// entries, stock, carers, homes and markets) against the county itself, the two run in turn
// for -scale-pairs pairs and their CPU a child compared pair by pair, and writes the
// bench:scale region.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/scenarios/readme"
	"github.com/placesim/placesim/sim"
)

// workload is one row of the comparison: the Erlang check with c places, perYear arrivals a
// year and stays of stayDays on average, reps replications.
type workload struct {
	name     string
	c        int
	perYear  float64
	stayDays float64
	reps     int
}

var workloads = []workload{
	{"queueing check: c=20, 40 a year, 146-day stays", 20, 40, 146, 2000},
	{"county-sized pool: c=160, 300 a year, 400-day stays", 160, 300, 400, 300},
}

// erlangFile is the Erlang check's scenario, from the repository's root.
const erlangFile = "scenarios/validation/erlang.yaml"

// simulatedYears is what erlangFile simulates a replication: 10 reported and 2 warm-up years.
const simulatedYears = 12

func (w workload) sets() []string {
	return []string{
		"kinds.inhouse_foster.carers.households=" + strconv.Itoa(w.c),
		"entries.per_year=" + strconv.FormatFloat(w.perYear, 'g', -1, 64),
		"stays[0].stay.mean_days=" + strconv.FormatFloat(w.stayDays, 'g', -1, 64),
	}
}

func (w workload) arrivals() float64 { return w.perYear * simulatedYears * float64(w.reps) }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "engine" {
		if err := engine(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench engine:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "scaled" {
		if err := scaled(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench scaled:", err)
			os.Exit(1)
		}
		return
	}
	pairs := flag.Int("pairs", 5, "runs of each program, in turn with the bare loop's")
	readme := flag.String("readme", "", "write the table into the bench:speed region of this `FILE`")
	countyReps := flag.Int("county-reps", 1000, "replications of the default county's run (0: leave it out, and write no README)")
	scaleBy := flag.Int("scale", 0, "only measure the default county scaled by `N` (100: about England) against itself")
	scalePairs := flag.Int("scale-pairs", 11, "with -scale, runs of the county and of the scaled county, in turn")
	flag.Parse()
	var err error
	if *scaleBy > 0 {
		err = benchScale(os.Stdout, *scaleBy, *scalePairs, *readme)
	} else {
		err = bench(os.Stdout, *pairs, *countyReps, *readme)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// benchScale measures the default county scaled by factor against the county itself, one
// worker each: CPU time a child (a replication of 10 reported years, 10 warm-up years
// before them) and peak memory over 10 and 50 reported years; and the wall and CPU time of
// ten replications of 10 reported years on as many workers as the machine has CPUs. The
// county's replications and the scaled one run in turn, pairs times, and the ratio of their
// CPU a child is taken within each pair, so that a machine whose speed drifts between one run
// and the next still compares them fairly: it reports the median ratio and its range.
func benchScale(w io.Writer, factor, pairs int, readme string) error {
	if pairs < 1 {
		return errors.New("-scale-pairs must be at least 1")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var county, big []usage
	for range pairs {
		c, err := measure(self, "scaled", "1", "10", strconv.Itoa(scaleCountyReps), "1")
		if err != nil {
			return err
		}
		b, err := measure(self, "scaled", strconv.Itoa(factor), "10", "1", "1")
		if err != nil {
			return err
		}
		county, big = append(county, c), append(big, b)
		// Each pair as it comes, so that a noisy machine shows.
		fmt.Fprintf(os.Stderr, "pair %d: the county %.3f s of CPU, scaled %.3f s, ratio %.2f\n", len(big), c.cpu.Seconds(), b.cpu.Seconds(), scaleRatios(factor, county, big)[len(big)-1])
	}
	long, err := measure(self, "scaled", strconv.Itoa(factor), "50", "1", "1")
	if err != nil {
		return err
	}
	const tenReps = 10
	workers := runtime.NumCPU()
	ten, err := measure(self, "scaled", strconv.Itoa(factor), "10", strconv.Itoa(tenReps), strconv.Itoa(workers))
	if err != nil {
		return err
	}
	text := scaleText(factor, county, big, long, ten, tenReps, workers)
	fmt.Fprint(w, text)
	if readme != "" {
		return writeRegion(readme, "bench:scale", text)
	}
	return nil
}

// scaleCountyReps is the county's replications a process in benchScale: about as much CPU
// as one replication at 100 times its size.
const scaleCountyReps = 100

// scaleRatios returns, pair by pair, the CPU a child of one replication at factor times the
// county's size over the county's (scaleCountyReps replications a process).
func scaleRatios(factor int, county, big []usage) []float64 {
	r := make([]float64, len(county))
	for i := range county {
		r[i] = big[i].cpu.Seconds() / float64(factor) / (county[i].cpu.Seconds() / scaleCountyReps)
	}
	return r
}

// scaleText is the bench:scale region's text: the medians of the pairs, the ratio's range, and
// the 50-year and ten-replication runs.
func scaleText(factor int, county, big []usage, long, ten usage, tenReps, workers int) string {
	ratios := scaleRatios(factor, county, big)
	var cpu, perRep, peak []float64
	for i := range big {
		cpu = append(cpu, big[i].cpu.Seconds())
		perRep = append(perRep, county[i].cpu.Seconds()/scaleCountyReps)
		peak = append(peak, big[i].peakMB)
	}
	memory := long.peakMB / median(peak)
	return fmt.Sprintf("The default county scaled by %d, one replication on one worker: %.1f s of CPU for 10 reported years (%.2f times the county's CPU a child, the median of %d pairs run in turn, %.2f-%.2f, %s; the county: %.1f ms a replication), %.0f MB peak; for 50 reported years %.1f s and %.0f MB (%.2f times the memory of 10, %s); %d replications of 10 reported years on %d workers %.1f s wall (%s), %.1f s of CPU.\n",
		factor, median(cpu), median(ratios), len(ratios), slices.Min(ratios), slices.Max(ratios), atMost(median(ratios), scaleCPUAim, "%.1f", 1),
		1000*median(perRep), median(peak), long.cpu.Seconds(), long.peakMB, memory, atMost(memory, scaleMemoryAim, "%.1f", 1),
		tenReps, workers, ten.wall.Seconds(), atMost(ten.wall.Seconds(), tenRepsAim, "%.0f s", 1), ten.cpu.Seconds())
}

// engine runs sim.Run on one worker: engine SCENARIO REPS [SET ...].
func engine(args []string) error {
	if len(args) < 2 {
		return errors.New("usage: bench engine SCENARIO REPS [PATH=VALUE ...]")
	}
	reps, err := strconv.Atoi(args[1])
	if err != nil {
		return err
	}
	s, err := scenarios.Load(args[0], args[2:])
	if err != nil {
		return err
	}
	_, err = sim.Run(s, sim.Options{Reps: reps, Seed: 1, Workers: 1})
	return err
}

// scaled runs the default county scaled by a factor: scaled FACTOR YEARS REPS WORKERS.
func scaled(args []string) error {
	if len(args) != 4 {
		return errors.New("usage: bench scaled FACTOR YEARS REPS WORKERS")
	}
	var n [4]int
	for i, a := range args {
		v, err := strconv.Atoi(a)
		if err != nil || v < 1 {
			return fmt.Errorf("%q: want a whole number of at least 1", a)
		}
		n[i] = v
	}
	s, err := scenarios.Load("default", []string{"years=" + args[1]})
	if err != nil {
		return err
	}
	model.Scale(s, float64(n[0]))
	_, err = sim.Run(s, sim.Options{Reps: n[2], Seed: 1, Workers: n[3], KPIsOnly: true})
	return err
}

// usage is what the operating system accounted to one finished process.
type usage struct {
	cpu, wall time.Duration
	peakMB    float64
}

// measure runs a command to its end, its output thrown away, and returns its usage.
func measure(name string, args ...string) (usage, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, fmt.Errorf("%s %s: %v: %s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	u := usage{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.peakMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return u, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func bench(w io.Writer, pairs, countyReps int, readme string) error {
	if pairs < 1 {
		return errors.New("-pairs must be at least 1")
	}
	dir, err := os.MkdirTemp("", "placesim-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bare, placesim := filepath.Join(dir, "bareloop"), filepath.Join(dir, "placesim")
	for _, b := range [][2]string{{bare, "./bench/bareloop"}, {placesim, "./cmd/placesim"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v: %s", b[1], err, out)
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}

	var table strings.Builder
	fmt.Fprintf(&table, "| workload | placesim engine | placesim command | bare Go loop |\n|---|---|---|---|\n")
	for _, wl := range workloads {
		bareArgs := []string{"-c", strconv.Itoa(wl.c), "-per-year", fmt.Sprint(wl.perYear), "-stay-days", fmt.Sprint(wl.stayDays),
			"-years", "10", "-warmup-years", "2", "-reps", strconv.Itoa(wl.reps)}
		engArgs := append([]string{"engine", erlangFile, strconv.Itoa(wl.reps)}, wl.sets()...)
		cmdArgs := []string{"run", erlangFile, "--reps", strconv.Itoa(wl.reps), "--workers", "1", "--charts=false", "-q",
			"--out", filepath.Join(dir, "out")}
		for _, s := range wl.sets() {
			cmdArgs = append(cmdArgs, "--set", s)
		}
		var bareRate, engRate, cmdRate, engRatio, cmdRatio []float64
		for range pairs {
			b, err := measure(bare, bareArgs...)
			if err != nil {
				return err
			}
			e, err := measure(self, engArgs...)
			if err != nil {
				return err
			}
			c, err := measure(placesim, cmdArgs...)
			if err != nil {
				return err
			}
			bareRate = append(bareRate, wl.arrivals()/b.cpu.Seconds())
			engRate = append(engRate, wl.arrivals()/e.cpu.Seconds())
			cmdRate = append(cmdRate, wl.arrivals()/c.cpu.Seconds())
			engRatio = append(engRatio, b.cpu.Seconds()/e.cpu.Seconds())
			cmdRatio = append(cmdRatio, b.cpu.Seconds()/c.cpu.Seconds())
		}
		table.WriteString(speedRow(wl.name, bareRate, engRate, cmdRate, engRatio, cmdRatio))
	}

	if countyReps == 0 {
		fmt.Fprint(w, table.String())
		if readme != "" {
			return errors.New("-readme needs the default county's run: -county-reps must not be 0")
		}
		return nil
	}
	var wall, cpu, peak []float64
	for range pairs {
		u, err := measure(placesim, "run", "default", "--reps", strconv.Itoa(countyReps), "-q", "--out", filepath.Join(dir, "county"))
		if err != nil {
			return err
		}
		wall, cpu, peak = append(wall, u.wall.Seconds()), append(cpu, u.cpu.Seconds()), append(peak, u.peakMB)
	}
	table.WriteString(countyText(countyReps, wall, cpu, peak))

	fmt.Fprint(w, table.String())
	if readme != "" {
		return writeRegion(readme, "bench:speed", table.String())
	}
	return nil
}

// speedRow is the bench:speed table's row of one queueing workload, from its pairs: the
// arrivals a CPU-second of the bare loop, the engine and the command, and the engine's and
// the command's CPU time over the bare loop's, pair by pair; each median beside its aim.
func speedRow(name string, bareRate, engRate, cmdRate, engRatio, cmdRatio []float64) string {
	return fmt.Sprintf("| %s | %.2f M arrivals a CPU-second (%.0f%% of the bare loop; %s) | %.2f M (%.0f%%; %s) | %.2f M |\n",
		name, median(engRate)/1e6, 100*median(engRatio), atLeast(median(engRatio), engineAim, "%.0f%%", 100),
		median(cmdRate)/1e6, 100*median(cmdRatio), atLeast(median(cmdRatio), commandAim, "%.0f%%", 100), median(bareRate)/1e6)
}

// countyText is the bench:speed region's line of the default county's run of reps
// replications, from its runs' wall and CPU times in seconds and peak memory in MB.
func countyText(reps int, wall, cpu, peak []float64) string {
	return fmt.Sprintf("\nThe default county, `placesim run --reps %d` with its charts, report and workbook: %.1f s wall (%s), %.1f s CPU, %.0f MB peak (%s; medians of %d runs).\n",
		reps, median(wall), atMost(median(wall), countyWallAim, "%.1f s", 1), median(cpu), median(peak), atMost(median(peak), countyPeakAim, "%.0f MB", 1), len(wall))
}

// The speed placesim aims for: each figure of make bench and make bench-scale is written
// beside its aim, and whether it is met.
const (
	// engineAim and commandAim are the least share of the bare loop's arrivals a CPU-second
	// that the engine and the command are to make on each queueing workload.
	engineAim, commandAim = 0.50, 0.35
	// countyWallAim is the most wall time in seconds of the default county's 1,000
	// replications, charts, report and workbook included, on two cores, and countyPeakAim
	// their most peak memory in MB.
	countyWallAim, countyPeakAim = 1.5, 200
	// scaleCPUAim is the most CPU a child of a replication at 100 times the county's size, as
	// a multiple of the county's; scaleMemoryAim the most memory of its 50 reported years as
	// a multiple of its 10's; tenRepsAim the most wall time in seconds of ten replications
	// of 10 reported years at that size.
	scaleCPUAim, scaleMemoryAim, tenRepsAim = 1.3, 1.2, 10
)

// atLeast says whether got meets an aim of at least aim, both written with format after
// scaling by scale: "aim 50%: met" or "aim 50%: not met".
func atLeast(got, aim float64, format string, scale float64) string {
	return aimText(got >= aim, aim, format, scale, "")
}

// atMost says whether got meets an aim of at most aim, as atLeast does: "aim at most 1.5 s:
// not met".
func atMost(got, aim float64, format string, scale float64) string {
	return aimText(got <= aim, aim, format, scale, "at most ")
}

func aimText(met bool, aim float64, format string, scale float64, how string) string {
	verdict := "met"
	if !met {
		verdict = "not met"
	}
	return "aim " + how + fmt.Sprintf(format, aim*scale) + ": " + verdict
}

// writeRegion replaces what lies between <!-- NAME --> and <!-- /NAME --> in file with text,
// on lines of its own.
func writeRegion(file, name, text string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	out, err := readme.Named(name).OnLines().Replace(string(data), text)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return os.WriteFile(file, []byte(out), 0o644)
}
