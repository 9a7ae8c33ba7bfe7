package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
	"github.com/urfave/cli/v2"
)

// mergeCommand returns the merge command, which combines the shard directories of one run.
func mergeCommand(stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "combine the shard directories of a run into its results",
		ArgsUsage: "SHARD_DIR... | PARENT_DIR",
		Description: "merge reads the shard directories that 'placesim run --shard I/N' wrote (on one machine\n" +
			"or across a cluster) and writes into --out the files of the whole run (the CSVs, the\n" +
			"charts, the report and the workbook), byte for byte what one process running every\n" +
			"replication writes. It refuses shards of different\n" +
			"scenarios, seeds, replications, percentiles or placesim versions, shards another version\n" +
			"of placesim ran than this one, the same shard twice, an --out that is, is inside or holds\n" +
			"a shard folder it merges, shards whose replications together would not fit in the\n" +
			"machine's memory (it keeps every replication's KPIs, as the single run does),\n" +
			"and a run with shards missing, naming the replications it lacks. It trusts no shard\n" +
			"file: every field of shard.json is checked, and replications.bin must match the\n" +
			"checksum shard.json records and hold only values placesim writes, so a damaged or\n" +
			"edited shard is refused, naming the file and, in shard.json, the line and field.\n" +
			"Each shard's manifest.json must describe the run shard.json describes and record its\n" +
			"files as they are; a shard without one (removed, or from an older placesim) is refused:\n" +
			"run it again. The merged folder's manifest.json is the one the single run would write.\n" +
			"Given one folder that is not a shard but holds shard folders (the RUN_DIR of a Slurm array,\n" +
			"the volume of a Kubernetes Indexed Job), merge takes every folder in it with a shard.json.\n" +
			"A region's shards merge into a region's files: --all-kpis and --council-charts ask for\n" +
			"what they ask of 'placesim run'. --budget (and --interval) ask of a scenario's merge what\n" +
			"they ask of 'placesim run', whose shards do not take them: budget.csv, and a line on stderr.",
		OnUsageError: onUsage,
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write the merged files into `DIR`", Required: false, DefaultText: "out/<scenario name>"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing on success, but for a note that needs reading (such as an output folder written in place)"},
			&cli.StringSliceFlag{Name: "budget", Usage: "a financial year's budget, as `YEAR=AMOUNT` such as 2027/28=64m (money as in a scenario file: £1,200, 900k, .5m, 0.07bn; repeat it, or separate with commas): merge reports the chance that spending passes it, in budget.csv and (but for -q) on stderr, as run does"},
			&cli.Float64Flag{Name: "interval", Value: 0.9, Usage: "the confidence `LEVEL` of --budget's intervals, such as 0.9 for 90%, and refused without it"},
		}, chartFlags(true), regionOutputFlags()),
		Action: func(c *cli.Context) error { return merge(c, stderr) },
	}
}

func merge(c *cli.Context, stderr io.Writer) error {
	dirs, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(dirs) == 0 {
		return usagef("merge", "give the shard directories to merge")
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
			return &inputError{fmt.Errorf("%s: no such folder: name the shard folders of a run (placesim run --shard I/N --out DIR writes one), or the folder that holds them", d)}
		} else if err == nil && !st.IsDir() {
			return &inputError{fmt.Errorf("%s is a file, not a shard folder: name the shard folders of a run (placesim run --shard I/N --out DIR writes one), or the folder that holds them", d)}
		}
		if m := unfinishedWrite.FindStringSubmatch(filepath.Base(filepath.Clean(d))); m != nil {
			merge := "the shard folder its run writes"
			if m[1] != "" {
				merge = filepath.Join(filepath.Dir(filepath.Clean(d)), m[1])
			}
			return &inputError{fmt.Errorf("%s: not a shard: %s; merge %s", d, unfinishedWhy, merge)}
		}
	}
	if len(dirs) == 1 {
		if dirs, err = shardsIn(dirs[0], stderr); err != nil {
			return &inputError{err}
		}
	}
	if out := c.String("out"); out != "" {
		if err := checkOutOfShards(out, dirs); err != nil {
			return err
		}
	}
	formats, err := chartFormats(c, "merge")
	if err != nil {
		return err
	}
	budgets, err := parseBudgets(c.StringSlice("budget"))
	if err != nil {
		return usagef("merge", "--budget %v", err)
	}
	level := c.Float64("interval")
	switch {
	case c.IsSet("interval") && len(budgets) == 0:
		return usagef("merge", "--interval is the level of --budget's intervals: give --budget too, or leave --interval out (the report, charts and workbook keep 90%%)")
	case !(level > 0 && level < 1):
		return usagef("merge", "--interval must be between 0 and 1 (0.9 for 90%%), not \"%v\"", level)
	}
	if isRegionShard(dirs[0]) {
		if len(budgets) > 0 {
			return usagef("merge", "--budget is for a scenario's shards: a region's councils have budgets of their own")
		}
		return mergeRegion(c, dirs, stderr)
	}
	for _, f := range []string{"all-kpis", "council-charts"} {
		if c.IsSet(f) {
			return usagef("merge", "--%s is for a region's shards: a scenario's merge writes every KPI, and its own charts", f)
		}
	}
	began := time.Now()
	var shards []shard.Part
	for _, d := range dirs {
		// Every shard's kind, not only the first's: a region's shard among a scenario's has no
		// scenario.yaml to read.
		if isRegionShard(d) {
			why := fmt.Sprintf("it holds %s, and %s does not", regionJSON, dirs[0])
			if _, err := os.Stat(filepath.Join(d, regionJSON)); err != nil {
				why = fmt.Sprintf("its %s lists %s, and that of %s does not", manifestName, regionJSON, dirs[0])
			}
			return &inputError{fmt.Errorf("%s: a region's shard, not a scenario's (%s): merge the shards of one run", d, why)}
		}
		sh, err := readShard(d)
		if err != nil {
			return &inputError{err}
		}
		shards = append(shards, sh)
	}
	shards, missing, err := checkShards(shards)
	if err != nil {
		return err
	}
	if err := checkBuild(shards[0]); err != nil {
		return &inputError{err}
	}
	info := shards[0].Info
	s, err := scenarios.Load(filepath.Join(shards[0].Dir, "scenario.yaml"), nil)
	if err != nil {
		return &inputError{err}
	}
	res, err := sim.Prepare(s, info.Seed)
	if err != nil {
		return &inputError{err}
	}
	// Refused before any replication is read: merge keeps every replication's KPIs in
	// memory, though each shard was checked only for its own.
	if err := checkMergeMemory(res, shards); err != nil {
		return err
	}
	store, err := loadShards(res, shards, false)
	if err != nil {
		return &inputError{err}
	}
	defer store.close()
	if missing != nil {
		return missing
	}
	out := c.String("out")
	if out == "" {
		if out, err = defaultOut("merge", "", s.Name); err != nil {
			return err
		}
	}
	if err := checkOut("merge", out); err != nil {
		return err
	}
	if err := checkOutOfShards(out, dirs); err != nil {
		return err
	}
	var checks []sim.BudgetCheck
	var partDays []int // of each check: the days of its part year, or 0 for a whole year
	for _, b := range budgets {
		if !slices.Contains(res.Periods[:len(res.Periods)-1], b.period) {
			return usagef("merge", "--budget %s: %s runs the financial years %s to %s", b.text, s.Name, res.Periods[0], res.Periods[len(res.Periods)-2])
		}
		bc, err := res.ExceedsBudget(b.period, b.amount, level)
		if err != nil {
			return &inputError{err}
		}
		if tiny := tinyAmount(poundsText(b.amount), "mean spending", b.amount, bc.Mean); tiny != "" {
			return usagef("merge", "--budget %s: %s", b.text, tiny)
		}
		bc.Period = plots.YearLabel(s.Start, s.Years, b.period) // as run names a part year
		checks = append(checks, bc)
		partDays = append(partDays, partYearDays(s.Start, s.Years, b.period))
	}
	// The shards wrote their scenario.yaml before any budget or chart was asked of the run: the
	// merged run's "Run it again with:" line carries the budgets, interval, --charts=false and
	// --formats it was given, as a whole run's does, so that following it writes the same files.
	scenarioYAML := withRunAgainFlags(shards[0].Scenario, budgetFlags(budgets, level)+chartsAgainFlags(c.Bool("charts"), formats))
	summary := summaryText(res, info.Percentiles)
	// The --set values the shards' run applied, as its manifest.json records them: the
	// merged run names them as the whole run does.
	sets := shardSets(shards[0].Dir)
	files := runFiles(res, scenarioYAML, info.Percentiles, summary)
	if len(checks) > 0 {
		files = append(files, outputFile{"budget.csv", func(w io.Writer) error { return sim.WriteBudgets(w, checks) }})
	}
	if c.Bool("charts") {
		src := plots.Source{Version: info.Placesim, Scenario: s.Name, Reps: info.Reps, Seed: info.Seed, Prices: plots.PricesNote(s), Sets: setsOnly(sets)}
		if files, err = withReports(files, res, scenarioYAML, src, formats, info.Percentiles, summary); err != nil {
			return err
		}
	}
	m := runManifest(s, info.Placesim, scenarioYAML, info.Seed, info.Reps, info.Percentiles)
	m.Sets = sets
	if len(checks) > 0 {
		m.Interval = level // the level of budget.csv's p_exceed_lo and p_exceed_hi, as run records it
	}
	if err := writeResults(out, files, m, stderr); err != nil {
		return fmt.Errorf("writing the merged results into %s: %w", out, err)
	}
	if !c.Bool("quiet") {
		printBudgets(stderr, checks, level, partDays)
		printPartYearNote(stderr, s, res.Periods) // as the unsharded run
		// The caution the unsharded run prints, before the line of what was written.
		if caution := rangesCaution(info.Reps, info.Percentiles, c.Bool("charts")); caution != "" {
			fmt.Fprintln(stderr, caution)
		}
		fmt.Fprintf(stderr, "placesim: merged %s of %s, %s (seed %d) in %.1fs; wrote %s\n",
			plural(len(shards), "shard"), setsName(s.Name, sets, s.Years), plural(info.Reps, "replication"), info.Seed, time.Since(began).Seconds(),
			wroteList(out, files))
	}
	return nil
}

// withRunAgainFlags returns scenario.yaml's bytes with flags added to the end of its
// "Run it again with:" line (the same bytes when flags is "" or there is no such line).
func withRunAgainFlags(scenarioYAML []byte, flags string) []byte {
	if flags == "" {
		return scenarioYAML
	}
	const again = "\n# Run it again with: "
	i := bytes.Index(scenarioYAML, []byte(again))
	if i < 0 {
		return scenarioYAML
	}
	end := i + len(again) + bytes.IndexByte(scenarioYAML[i+len(again):], '\n')
	if end < i+len(again) {
		end = len(scenarioYAML)
	}
	out := append([]byte{}, scenarioYAML[:end]...)
	out = append(out, flags...)
	return append(out, scenarioYAML[end:]...)
}

// shardSets returns the --set changes the shard in dir records in its manifest.json (the same
// for every shard of one run), for the merged run's manifest to record them as the run's.
func shardSets(dir string) []string {
	if m, err := readManifest(dir); err == nil {
		return m.Sets
	}
	return nil
}

// isRegionShard reports whether the shard folder dir is a region's: whether its manifest.json
// lists region.json, so that a region's shard whose region.json was removed is told as such.
// Where the manifest cannot be read, it is whether region.json is there: reading the shard
// then says what is wrong with its manifest.
func isRegionShard(dir string) bool {
	if m, err := readManifest(dir); err == nil {
		_, ok := m.file(regionJSON)
		return ok
	}
	_, err := os.Stat(filepath.Join(dir, regionJSON))
	return err == nil
}

// checkShards is shard.Check for the merge command: shards that do not make one run together
// (of two seeds, the same shard twice, replications left out) are told as the command's
// problem, as its other problems that name no one file are ("placesim merge: missing
// replications 3-4 of 4: ..."). Replications left out come back as missing, beside the shards
// sorted, for the caller to return once it has checked each shard's files: a damaged shard
// given is named before the shards not given.
func checkShards(parts []shard.Part) (sorted []shard.Part, missing, err error) {
	sorted, err = shard.Check(parts)
	if m := (*shard.MissingError)(nil); errors.As(err, &m) {
		return sorted, mergeProblem(err), nil
	}
	if err != nil {
		return nil, nil, mergeProblem(err)
	}
	return sorted, nil, nil
}

// mergeProblem is a problem of the shards given to merge together, which names no one file:
// it reads "placesim merge: ...", as the command's other such problems.
func mergeProblem(err error) error {
	return &inputError{fmt.Errorf("placesim merge: %w", err)}
}

// checkBuild refuses to merge shards (of one version, as shard.Check makes sure; sh is one of
// them) that another build of placesim ran: the merged files would be labelled with the shards'
// version, not the one that wrote them, and need not be the files the shards' build writes.
func checkBuild(sh shard.Part) error {
	if v := placesimVersion(); sh.Info.Placesim != v {
		return fmt.Errorf("%s: run by placesim %s, and this is placesim %s: merge the shards with the placesim that ran them, or run them again with this one", sh.Dir, sh.Info.Placesim, v)
	}
	return nil
}

// unfinishedWhy says what a folder unfinishedWrite matches is.
const unfinishedWhy = "placesim's temporary folder of a write that did not finish (its run was killed, or is still writing); safe to delete once no run is writing it"

// shardsIn returns dir alone when it is a shard directory (or cannot be read: readShard says
// why), and otherwise the folders in it that hold a shard.json, sorted by name: the parent
// folder of a run's shards stands for them. The temporary folders of writes that did not
// finish (a task killed while it wrote its shard) are left out, each with a note on stderr.
func shardsIn(dir string, stderr io.Writer) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "shard.json")); err == nil {
		return []string{dir}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []string{dir}, nil
	}
	var out []string
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if e.IsDir() && unfinishedWrite.MatchString(e.Name()) {
			fmt.Fprintf(stderr, "placesim: note: skipped %s: %s\n", sub, unfinishedWhy)
			continue
		}
		if st, err := os.Stat(filepath.Join(sub, "shard.json")); e.IsDir() && err == nil && st.Mode().IsRegular() {
			out = append(out, sub)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: not a shard directory, and no folder in it is one (no shard.json; make shards with placesim run --shard I/N)", dir)
	}
	return out, nil
}

// checkOutOfShards refuses the output folder out of a merge of the shard folders dirs (those
// of them that hold a shard.json) when it is one of them, is inside one, or holds one: the
// merged folder takes out's place, and would remove the shard's files (those its manifest
// lists) or the shard folder itself before a later merge could read it. Paths are compared absolute and clean, with links resolved, so
// that a link to a shard folder, or a path to it written otherwise, is refused as well.
func checkOutOfShards(out string, dirs []string) error {
	o, err := resolvedPath(out)
	if err != nil {
		return nil // checkOut and the write say what is wrong with out
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "shard.json")); err != nil {
			continue // not a shard: reading it says so
		}
		r, err := resolvedPath(d)
		if err != nil {
			continue
		}
		elsewhere := filepath.Join(filepath.Dir(filepath.Clean(d)), "merged")
		switch {
		case o == r:
			return usagef("merge", "--out %s is the shard folder %s, which this merge reads: the merged files would take the place of the shard's; write them elsewhere, such as --out %s", out, d, elsewhere)
		case isWithin(o, r):
			return usagef("merge", "--out %s is inside the shard folder %s, which this merge reads: write the merged files outside every shard folder, such as --out %s", out, d, elsewhere)
		case isWithin(r, o):
			return usagef("merge", "--out %s holds the shard folder %s, which this merge reads, and the merged folder would take its place: write the merged files into a folder of their own, such as --out %s", out, d, filepath.Join(out, "merged"))
		}
	}
	return nil
}

// isWithin reports whether the clean absolute path p is inside the folder dir (not dir itself).
func isWithin(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// resolvedPath returns p as an absolute, clean path with every link resolved: of the part of
// p that exists, followed by the rest as it is written.
func resolvedPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}
