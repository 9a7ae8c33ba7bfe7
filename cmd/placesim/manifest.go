package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/placesim/placesim/sim/shard"
)

// manifestName is the name of the manifest every result folder holds.
const manifestName = "manifest.json"

// manifestFormat is the version of manifest.json's layout. A reader refuses any other.
const manifestFormat = 1

// manifest is a result folder's manifest.json: what was run (the command, the placesim
// version, the scenarios and the checksums of their text, the seed, the replications, the
// years, the percentiles) and every file the command wrote into the folder, with its size and
// checksum. It holds nothing that depends on the clock or the number of workers, so the same
// seed and inputs give the same bytes. plot and merge read it instead of the comments of
// scenario.yaml, and a later run into the same folder removes the files it lists that the later
// run does not write.
type manifest struct {
	// Format is manifestFormat.
	Format int `json:"format"`
	// Command is the placesim command whose results these are: run (a merge of shards writes
	// what one run writes, so its manifest says run too), compare, sweep, backtest or
	// sensitivity.
	Command string `json:"command"`
	// Region is the region run, for a run of a region: Scenarios then hold the region first
	// (the checksum of its region.json) and each council after it (the checksum of the
	// council's scenario.yaml); "" for a scenario's run and other commands.
	Region string `json:"region,omitempty"`
	// Placesim is the version of placesim that simulated.
	Placesim string `json:"placesim"`
	// Scenarios are the scenarios run, in order: one for run, sweep and backtest, the baseline
	// first and then each alternative for compare, the scenario as it is and then each input at
	// its low and its high value for sensitivity.
	Scenarios []manifestScenario `json:"scenarios"`
	// Seed is the master seed of every random stream. The manifest holds it as jsonSeed
	// writes it (seed_text always, seed as a number where every reader reads it exactly),
	// which encode sets from Seed and parseManifest reads into it.
	Seed uint64 `json:"-"`
	jsonSeed
	// Reps is the number of replications of the whole run (of each scenario for compare, of
	// each value for sweep and sensitivity).
	Reps int `json:"replications"`
	// Shard says which share of the replications a shard directory holds; nil for a whole run.
	Shard *manifestShard `json:"shard,omitempty"`
	// Precision is the target of a run to a precision (run --precision) and whether it was
	// met; nil for a run of a number of replications and for other commands.
	Precision *manifestPrecision `json:"precision,omitempty"`
	// Years is the number of years simulated and reported.
	Years int `json:"years"`
	// Sets are the changes a command made with --set to the scenarios or region it ran, in
	// the order given, --years as years=N after them ("path=value" as given): with the seed,
	// the replications and the percentiles, what the command line added to the files it ran,
	// which the printed lines, reports and charts name (plots.SetsAndYears). Empty (left out)
	// when there were none.
	Sets []string `json:"sets,omitempty"`
	// Percentiles are the percentiles (0 to 100) the summaries show; empty where no summary
	// shows percentiles.
	Percentiles []float64 `json:"percentiles,omitempty"`
	// Interval is the level (between 0 and 1, such as 0.9) of the intervals compare, sweep and
	// sensitivity report, and of budget.csv's p_exceed_lo and p_exceed_hi for a run or merge
	// with --budget; 0 where none is reported.
	Interval float64 `json:"interval,omitempty"`
	// DiscountRate is the real discount rate a year of a comparison's net present value
	// (business_case.csv's npv rows): compare --discount-rate for every year, or by default
	// HM Treasury's Green Book rate for years 0 to 30, 0.035; nil for other commands.
	DiscountRate *float64 `json:"discount_rate,omitempty"`
	// DiscountRateFrom31 is the rate a year from year 31 (the first financial year being year
	// 0) of a comparison's net present value, where the run has a year 31 and discounts it at
	// another rate than DiscountRate: the Green Book's 0.03 when --discount-rate is not given;
	// nil otherwise.
	DiscountRateFrom31 *float64 `json:"discount_rate_from_year_31,omitempty"`
	// AllKPIs says that a region's run or merge wrote every KPI of every council into its
	// kpis.csv and each council's own (--all-kpis); false (left out) for the headline KPIs.
	AllKPIs bool `json:"all_kpis,omitempty"`
	// Sweep is the lever a sweep varied and its values; nil for other commands.
	Sweep *manifestSweep `json:"sweep,omitempty"`
	// Sensitivity is what a sensitivity analysis ranked its inputs by; nil for other commands.
	Sensitivity *manifestSensitivity `json:"sensitivity,omitempty"`
	// Backtest is where a backtest's calibration ended, and what it was calibrated from; nil
	// for other commands.
	Backtest *manifestBacktest `json:"backtest,omitempty"`
	// Files are the files written, in order of their paths, manifest.json aside.
	Files []manifestFile `json:"files"`
	// settle, when set, settles Files before the manifest is written: plot checks the files
	// it keeps while it draws the others.
	settle func()
}

// manifestScenario is a scenario a command ran.
type manifestScenario struct {
	// Name is the scenario's name.
	Name string `json:"name"`
	// SHA256 is the SHA-256 checksum, in hexadecimal, of the scenario's text as run: the
	// scenario.yaml written beside the results for run and backtest, the scenario with every
	// field resolved (as 'placesim run' writes it, without the header comment) for compare and
	// sweep.
	SHA256 string `json:"sha256"`
}

// manifestShard is the share of a run's replications a shard directory holds.
type manifestShard struct {
	// Shard is the shard's number, from 0 to Shards-1.
	Shard int `json:"shard"`
	// Shards is the number of shards of the run.
	Shards int `json:"shards"`
	// First is the first replication the shard ran.
	First int `json:"first_replication"`
	// Count is the number of replications the shard ran.
	Count int `json:"replications"`
}

// manifestPrecision is the target of a run to a precision and how the run ended.
type manifestPrecision struct {
	// KPI and Period are the estimate the target is about (--kpi, --period).
	KPI    string `json:"kpi"`
	Period string `json:"period"`
	// Interval is the confidence level of its interval (--interval), between 0 and 1.
	Interval float64 `json:"interval"`
	// Share is the precision asked for (--precision): the interval's half-width as a share of
	// the mean.
	Share float64 `json:"share"`
	// FirstReps is the first batch's replications; MaxReps the most the run could have
	// (--max-reps).
	FirstReps int `json:"first_replications"`
	MaxReps   int `json:"max_replications"`
	// Reached is the precision after the last batch, as Share gives it; nil (null) when the
	// KPI had no value in any replication, or its mean was 0 with an interval of some width.
	Reached *float64 `json:"reached"`
	// Met says whether Reached is within Share.
	Met bool `json:"met"`
}

// manifestSweep is the lever a sweep varied.
type manifestSweep struct {
	// Lever is the scenario field varied, such as carers.recruit_per_year.
	Lever string `json:"lever"`
	// Values are the values it took, in the lever's own units.
	Values []float64 `json:"values"`
	// KPI and Period are what the chart draws against the lever (--kpi over the whole run, or
	// --target's KPI and period); sweep.csv holds every KPI in every period.
	KPI    string `json:"kpi,omitempty"`
	Period string `json:"period,omitempty"`
}

// manifestSensitivity is what a sensitivity analysis ranked, and how it chose its inputs.
type manifestSensitivity struct {
	// KPI and Period are what the inputs are ranked by (--kpi, --period): sensitivity.csv
	// holds KPI in every period, the chart Period's ranking.
	KPI    string `json:"kpi"`
	Period string `json:"period"`
	// Defaults says whether the scenario's usual inputs were varied as well as --vary's
	// (--defaults), and Range the share of its value each of them was varied by either way
	// where no published range holds it (--range).
	Defaults bool    `json:"defaults"`
	Range    float64 `json:"range"`
	// Vary are the --vary values in order, as PATH=LOW:HIGH with each value as the scenario
	// takes it (120k given is written 120000).
	Vary []string `json:"vary,omitempty"`
}

// manifestBacktest is where a backtest's calibration ends.
type manifestBacktest struct {
	// At is the date (YYYY-MM-DD) the calibration ends and the simulation starts.
	At string `json:"at"`
	// Months is the number of months compared with the return.
	Months int `json:"months"`
	// Resamples is the number of scenarios calibrated on bootstrap resamples of the return
	// that the replications were shared among; 0 when the calibrated scenario ran alone.
	Resamples int `json:"resamples"`
	// From is the day the calibration window starts (--from, or the start of the return's
	// first collection year), YYYY-MM-DD.
	From string `json:"from,omitempty"`
	// Base is the scenario the calibrated one extends (--base), LA the council whose rows
	// were read (--la, "" for files of one council), Population the council's children under
	// 18 (--population; 0 for the base's), and NoTrend and HomesFilledFirst the calibration's
	// switches (--no-trend, --homes-filled-first).
	Base             string `json:"base,omitempty"`
	LA               string `json:"la,omitempty"`
	Population       int    `json:"population,omitempty"`
	NoTrend          bool   `json:"no_trend,omitempty"`
	HomesFilledFirst bool   `json:"homes_filled_first,omitempty"`
	// Inputs are the return's files read, in the order given (episodes, then header, then
	// UASC files): each by its base name and the SHA-256 of its contents, as quality.md names
	// them, so that the same files read from another folder give the same manifest.
	Inputs []manifestInput `json:"inputs,omitempty"`
}

// manifestInput is a file a command read.
type manifestInput struct {
	// Name is the file's base name, without the folder it was read from.
	Name string `json:"name"`
	// SHA256 is the SHA-256 checksum of its contents, in hexadecimal.
	SHA256 string `json:"sha256"`
}

// manifestFile is a file a command wrote.
type manifestFile struct {
	// Path is the file's path inside the folder, with forward slashes (charts/cost-by-year.svg).
	Path string `json:"path"`
	// Bytes is the file's size in bytes.
	Bytes int64 `json:"bytes"`
	// SHA256 is the SHA-256 checksum of the file's contents, in hexadecimal.
	SHA256 string `json:"sha256"`
}

// manifestCommands are the commands that write a manifest.
var manifestCommands = []string{"run", "compare", "sweep", "backtest", "sensitivity"}

// encode writes m as indented JSON with a final newline.
func (m *manifest) encode(w io.Writer) error {
	m.jsonSeed = newJSONSeed(m.Seed)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// file returns the entry of the file at p (slash-separated), if m lists it.
func (m *manifest) file(p string) (manifestFile, bool) {
	for _, f := range m.Files {
		if f.Path == p {
			return f, true
		}
	}
	return manifestFile{}, false
}

// errNoManifest says that a folder has no manifest.json.
var errNoManifest = errors.New("no " + manifestName)

// readManifest reads and checks dir/manifest.json. A folder without one gives an error that
// wraps errNoManifest and says to run the command again (folders written by placesim before
// manifests were written have none).
func readManifest(dir string) (*manifest, error) {
	p := filepath.Join(dir, manifestName)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w: it was written by a placesim older than manifests, or the manifest was removed; run the command again to write it", dir, errNoManifest)
	}
	if err != nil {
		return nil, err
	}
	return parseManifest(p, b)
}

// parseManifest decodes the manifest text b, read from path, strictly (unknown fields are
// refused) and checks every field: each problem is reported as path:line:col: field: message.
func parseManifest(path string, b []byte) (*manifest, error) {
	var m manifest
	if err := shard.DecodeJSON(path, b, &m); err != nil {
		return nil, err
	}
	if m.Format != manifestFormat {
		return nil, fmt.Errorf("%s:%s: format: manifest format %d, this placesim reads format %d (run the command again with this placesim)", path, shard.FieldPos(b, "format"), m.Format, manifestFormat)
	}
	if err := m.check(path, b); err != nil {
		return nil, err
	}
	return &m, nil
}

// isSHA256 reports whether s is a SHA-256 checksum in lowercase hexadecimal.
func isSHA256(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && len(s) == 2*sha256.Size && strings.ToLower(s) == s
}

// check reports every field of m (read from path, whose text is b) that no placesim writes.
func (m *manifest) check(path string, b []byte) error {
	var errs []error
	bad := func(pos, field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%s: %s: %s", path, pos, field, fmt.Sprintf(format, args...)))
	}
	at := func(field string) string { return shard.FieldPos(b, field) }
	if !slices.Contains(manifestCommands, m.Command) {
		bad(at("command"), "command", "must be one of %s, not %q", strings.Join(manifestCommands, ", "), m.Command)
	}
	if m.Placesim == "" {
		bad(at("placesim"), "placesim", "must name the placesim version that ran")
	}
	if seed, field, err := m.jsonSeed.value(); err != nil {
		bad(at(field), field, "%v", err)
	} else {
		m.Seed = seed
	}
	if len(m.Scenarios) == 0 {
		bad(at("scenarios"), "scenarios", "must name at least one scenario")
	}
	for i, s := range m.Scenarios {
		if s.Name == "" {
			bad(nthPos(b, "scenarios", "name", i), fmt.Sprintf("scenarios[%d].name", i), "must name the scenario")
		}
		if !isSHA256(s.SHA256) {
			bad(nthPos(b, "scenarios", "sha256", i), fmt.Sprintf("scenarios[%d].sha256", i), "must be a SHA-256 checksum (64 lowercase hexadecimal digits), not %q", s.SHA256)
		}
	}
	if m.Reps < 1 {
		bad(at("replications"), "replications", "must be at least 1, not %d", m.Reps)
	}
	if sh := m.Shard; sh != nil {
		pos := at("shard")
		switch {
		case sh.Shards < 1:
			bad(pos, "shard.shards", "must be at least 1, not %d", sh.Shards)
		case sh.Shard < 0 || sh.Shard >= sh.Shards:
			bad(pos, "shard.shard", "must be from 0 to shards-1 (%d), not %d", sh.Shards-1, sh.Shard)
		case m.Reps >= 1:
			if first, count := (shard.Spec{I: sh.Shard, N: sh.Shards}).Span(m.Reps); first != sh.First || count != sh.Count {
				// As shard.json's check says it: the replications from 1, and the fields'
				// values, which count from 0.
				bad(pos, "shard.first_replication", "shard %d/%d of %s runs %s (first_replication %d, replications %d), not %s (%d, %d)",
					sh.Shard, sh.Shards, plural(m.Reps, "replication"), shard.RepRange(first, count), first, count, shard.RepRange(sh.First, sh.Count), sh.First, sh.Count)
			}
		}
		if m.Command != "run" {
			bad(pos, "shard", "only run writes shards, not %s", m.Command)
		}
	}
	if pr := m.Precision; pr != nil {
		pos := at("precision")
		if m.Command != "run" || m.Shard != nil || m.Region != "" {
			bad(pos, "precision", "only a run of one scenario, not a shard, runs to a precision")
		}
		if pr.KPI == "" || pr.Period == "" {
			bad(pos, "precision", "must name the kpi and the period")
		}
		if !(pr.Interval > 0 && pr.Interval < 1) {
			bad(pos, "precision.interval", "must be between 0 and 1, not %v", pr.Interval)
		}
		if !(pr.Share > 0) {
			bad(pos, "precision.share", "must be greater than 0, not %v", pr.Share)
		}
		if pr.FirstReps < 2 || pr.FirstReps > pr.MaxReps || m.Reps < pr.FirstReps || m.Reps > pr.MaxReps {
			bad(pos, "precision.first_replications", "the run's %s must be from first_replications (%d, at least 2) to max_replications (%d)", plural(m.Reps, "replication"), pr.FirstReps, pr.MaxReps)
		}
		if r := pr.Reached; r != nil && !(*r >= 0) {
			bad(pos, "precision.reached", "must be at least 0, not %v", *r)
		}
		if met := pr.Reached != nil && *pr.Reached <= pr.Share; pr.Met != met {
			bad(pos, "precision.met", "must say whether reached is within share: %v, not %v", met, pr.Met)
		}
	}
	if m.Years < 1 {
		bad(at("years"), "years", "must be at least 1, not %d", m.Years)
	}
	for i, p := range m.Percentiles {
		if !(p >= 0 && p <= 100) {
			bad(at("percentiles"), "percentiles", "must be between 0 and 100, not %v", p)
		} else if slices.Contains(m.Percentiles[:i], p) {
			bad(at("percentiles"), "percentiles", "%v is given twice", p)
		}
	}
	if !(m.Interval == 0 || (m.Interval > 0 && m.Interval < 1)) {
		bad(at("interval"), "interval", "must be between 0 and 1, not %v", m.Interval)
	}
	if m.Sweep != nil && (m.Sweep.Lever == "" || len(m.Sweep.Values) == 0) {
		bad(at("sweep"), "sweep", "must name the lever and its values")
	}
	if m.Backtest != nil && (m.Backtest.At == "" || m.Backtest.Months < 1) {
		bad(at("backtest"), "backtest", "must give the date and at least one month")
	}
	if m.Backtest != nil {
		for i, in := range m.Backtest.Inputs {
			if in.Name == "" || !isSHA256(in.SHA256) {
				bad(nthPos(b, "inputs", "name", i), fmt.Sprintf("backtest.inputs[%d]", i), "must give the file's name and its SHA-256 checksum")
			}
		}
	}
	if r := m.DiscountRate; r != nil && !(*r > -1 && *r < 1) {
		bad(at("discount_rate"), "discount_rate", "must be between -1 and 1, not %v", *r)
	}
	if r := m.DiscountRateFrom31; r != nil && !(*r > -1 && *r < 1) {
		bad(at("discount_rate_from_year_31"), "discount_rate_from_year_31", "must be between -1 and 1, not %v", *r)
	}
	if m.Files == nil {
		bad(at("files"), "files", "must list the files written")
	}
	for i, f := range m.Files {
		field := fmt.Sprintf("files[%d]", i)
		pos := nthPos(b, "files", "path", i)
		switch {
		case !fileInFolder(f.Path):
			bad(pos, field+".path", "%q is not a file inside the folder (a relative path with forward slashes)", f.Path)
		case f.Path == manifestName:
			bad(pos, field+".path", "the manifest does not list itself")
		case i > 0 && f.Path <= m.Files[i-1].Path:
			bad(pos, field+".path", "%q must come after %q: the files are listed once each, in order", f.Path, m.Files[i-1].Path)
		}
		if f.Bytes < 0 {
			bad(nthPos(b, "files", "bytes", i), field+".bytes", "must be at least 0, not %d", f.Bytes)
		}
		if !isSHA256(f.SHA256) {
			bad(nthPos(b, "files", "sha256", i), field+".sha256", "must be a SHA-256 checksum (64 lowercase hexadecimal digits), not %q", f.SHA256)
		}
	}
	return errors.Join(errs...)
}

// fileInFolder reports whether p is a path that stays inside a folder, written with forward
// slashes and nothing to clean: "charts/cost.svg", not "../x", "/x", "a//b" or "a\b".
func fileInFolder(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && path.Clean(p) == p && filepath.IsLocal(filepath.FromSlash(p)) && !strings.HasPrefix(p, "./")
}

// nthPos returns the line and column of the n-th (from 0) key field after the key anchor in
// the JSON text b, or of the anchor when there are not so many.
func nthPos(b []byte, anchor, field string, n int) string {
	start := bytes.Index(b, []byte(`"`+anchor+`"`))
	if start < 0 {
		return "1:1"
	}
	off := start
	for range n + 1 {
		i := bytes.Index(b[off+1:], []byte(`"`+field+`"`))
		if i < 0 {
			return shard.OffsetPos(b, int64(start)+1)
		}
		off += 1 + i
	}
	return shard.OffsetPos(b, int64(off)+1)
}

// checkFiles reports each file the manifest m of dir lists that is not there with its recorded
// size and checksum, among those of names (all of them when names is empty). A shard's file
// that is missing is told as missingListed tells it, saying which shard to run again.
func (m *manifest) checkFiles(dir string, names ...string) error {
	var errs []error
	for _, f := range m.Files {
		if len(names) > 0 && !slices.Contains(names, f.Path) {
			continue
		}
		err := f.matches(dir)
		if errors.Is(err, errMissing) && m.Shard != nil {
			err = missingListed(dir, f.Path, m.Shard.Shard, m.Shard.Shards)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, n := range names {
		if _, ok := m.file(n); !ok {
			errs = append(errs, fmt.Errorf("%s: %s does not list %s", filepath.Join(dir, manifestName), manifestName, n))
		}
	}
	return errors.Join(errs...)
}

// errMissing is wrapped by matches's error for a file that is not there.
var errMissing = errors.New("missing")

// missingListed is the error for the file name (slash-separated) that the manifest of the
// folder dir of shard I/N lists and that is not there. The manifest is named by its path where
// name is in a folder of dir's (a council's, in a region's shard), where no manifest lies beside
// it.
func missingListed(dir, name string, i, n int) error {
	listed := manifestName
	if strings.Contains(name, "/") {
		listed = filepath.Join(dir, manifestName)
	}
	return fmt.Errorf("%s: missing, though %s lists it: run shard %d/%d again", filepath.Join(dir, filepath.FromSlash(name)), listed, i, n)
}

// matches reports whether the file f.Path in dir has f's size and checksum: nil when it does,
// otherwise an error saying how it differs.
func (f manifestFile) matches(dir string) error {
	p := filepath.Join(dir, filepath.FromSlash(f.Path))
	fh, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w, though %s lists it", p, errMissing, manifestName)
	}
	if err != nil {
		return err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a file, though %s lists it as one", p, manifestName)
	}
	if st.Size() != f.Bytes {
		return fmt.Errorf("%s: holds %d bytes, %s says %d: it has changed since it was written", p, st.Size(), manifestName, f.Bytes)
	}
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return fmt.Errorf("%s: its checksum does not match %s: it has changed since it was written", p, manifestName)
	}
	return nil
}

// summingWriter counts and hashes what goes through it to w.
type summingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newSummingWriter(w io.Writer) *summingWriter {
	return &summingWriter{w: w, h: sha256.New()}
}

func (s *summingWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.h.Write(p[:n])
	s.n += int64(n)
	return n, err
}

// entry returns the manifest entry of the file written through s at path p.
func (s *summingWriter) entry(p string) manifestFile {
	return manifestFile{Path: p, Bytes: s.n, SHA256: hex.EncodeToString(s.h.Sum(nil))}
}

// oldFiles reads the manifest of the existing folder dir and returns the paths of the files it
// lists that are still there as written (same size and checksum), but for those of keep (the
// files the new command writes or keeps, which need no checking): those a new run into dir
// removes. A file changed since is the user's now and is kept. When dir has no manifest,
// nothing is removed; when its manifest cannot be read, nothing is removed and a note on stderr
// says why.
func oldFiles(dir string, keep map[string]bool, stderr io.Writer) map[string]bool {
	m, err := readManifest(dir)
	if errors.Is(err, errNoManifest) {
		return nil
	}
	if err != nil {
		fmt.Fprintf(stderr, "placesim: note: the files of the last run in %s are kept, as its %s cannot be read: %v\n", dir, manifestName, err)
		return nil
	}
	drop := map[string]bool{}
	for _, f := range m.Files {
		if !keep[f.Path] && f.matches(dir) == nil {
			drop[f.Path] = true
		}
	}
	return drop
}
