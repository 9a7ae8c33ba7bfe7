package shard

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/placesim/placesim/sim"
)

// Spec says which share of a run's replications one process runs: shard I of N (0-based),
// replications [I·reps/N, (I+1)·reps/N).
type Spec struct{ I, N int }

// Span returns the first replication and the number of replications of the shard in a run of
// reps replications.
func (sp Spec) Span(reps int) (first, count int) {
	first = sp.I * reps / sp.N
	return first, (sp.I+1)*reps/sp.N - first
}

// String returns "I/N".
func (sp Spec) String() string { return fmt.Sprintf("%d/%d", sp.I, sp.N) }

// ParseSpec reads "I/N" with 0 <= I < N.
func ParseSpec(s string) (Spec, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Spec{}, fmt.Errorf("%q: want I/N with 0 <= I < N, such as 0/4", s)
	}
	return Spec{i, n}, nil
}

// RepRange formats count replications from first, an index from 0, as messages number
// replications, from 1: "251-500" for 250 from 250, "251" for one, or "none" for none (a shard
// of a run with fewer replications than shards).
func RepRange(first, count int) string {
	switch {
	case count <= 0:
		return "none"
	case count == 1:
		return strconv.Itoa(first + 1)
	}
	return fmt.Sprintf("%d-%d", first+1, first+count)
}

// Replications says which of a run's reps replications a shard of count replications from
// first (an index, from 0) runs, numbering them from 1: "replications 251-500 of 1000",
// "replication 5 of 8" for a shard of one, or "no replications of 8" for a shard that has none,
// as a shard of a run with fewer replications than shards may.
func Replications(first, count, reps int) string {
	switch {
	case count <= 0:
		return fmt.Sprintf("no replications of %d", reps)
	case count == 1:
		return fmt.Sprintf("replication %d of %d", first+1, reps)
	}
	return fmt.Sprintf("replications %s of %d", RepRange(first, count), reps)
}

// Format is the version of the shard directory's layout that this placesim writes and reads.
// Format 2 added replications_sha256.
const Format = 2

// Info is a shard directory's shard.json: what was run, so that merge can refuse shards that
// do not belong together, and the checksums of the shard's other files, so that merge can
// refuse a damaged one.
type Info struct {
	// Format is the layout's version, Format.
	Format int `json:"format"`
	// Placesim is the version of placesim that ran the shard.
	Placesim string `json:"placesim"`
	// Scenario is the scenario's name.
	Scenario string `json:"scenario"`
	// ScenarioSHA is the SHA-256 of the shard's scenario.yaml, in hexadecimal: the same bytes
	// as the whole run's.
	ScenarioSHA string `json:"scenario_sha256"`
	// ReplicationsSHA is the SHA-256 of replications.bin, in hexadecimal.
	ReplicationsSHA string `json:"replications_sha256"`
	// Seed is the run's master seed. shard.json holds it as SeedText always, its decimal
	// digits, which every JSON reader keeps whatever the seed, and as SeedNumber, a number,
	// only up to MaxExactSeed, so that no reader (jq and JavaScript hold a number as a
	// double) is given a wrong seed: Encode sets the two from Seed, and Parse reads Seed from
	// them (from seed alone in a shard.json written before seed_text) and leaves them empty.
	Seed       uint64  `json:"-"`
	SeedNumber *uint64 `json:"seed,omitempty"`
	SeedText   string  `json:"seed_text,omitempty"`
	// Reps is the number of replications of the whole run.
	Reps int `json:"reps"`
	// Shard and Shards say that this is shard Shard of Shards (0-based).
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
	// First and Count are the first replication the shard holds and how many.
	First int `json:"first_replication"`
	Count int `json:"replications"`
	// Percentiles are the percentiles the run's summaries show.
	Percentiles []float64 `json:"percentiles"`
	// Months, Metrics, Periods and KPIs are the numbers of each that a replication records.
	Months  int `json:"months"`
	Metrics int `json:"metrics"`
	Periods int `json:"periods"`
	KPIs    int `json:"kpis"`
}

// MaxExactSeed is the largest seed that every JSON reader reads back exactly from a JSON
// number: jq, JavaScript and R hold one as a double, whose 53-bit significand holds every
// whole number up to 2^53 and rounds some above it (9007199254740993 reads back as
// 9007199254740992).
const MaxExactSeed = 1 << 53

// Encode writes info as shard.json: indented JSON and a newline, the seed as seed_text and,
// up to MaxExactSeed, as seed.
func (info Info) Encode(w io.Writer) error {
	info.SeedText, info.SeedNumber = strconv.FormatUint(info.Seed, 10), nil
	if seed := info.Seed; seed <= MaxExactSeed {
		info.SeedNumber = &seed
	}
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Parse reads the shard.json text b, read from path (a name for errors), and checks every
// field: it refuses unknown fields, another format and anything no run of placesim writes,
// each problem as path:line:col: field: message, all at once.
func Parse(path string, b []byte) (Info, error) {
	var info Info
	if err := DecodeJSON(path, b, &info); err != nil {
		return info, err
	}
	if info.Format != Format {
		return info, fmt.Errorf("%s:%s: format: shard format %d, this placesim reads format %d (run the shards again with this placesim)", path, FieldPos(b, "format"), info.Format, Format)
	}
	if err := info.check(path, b); err != nil {
		return info, err
	}
	info.SeedNumber, info.SeedText = nil, ""
	return info, nil
}

// seed returns the seed info's seed_text gives, checked against its seed where both are
// given, or its seed alone, as a shard.json written before seed_text holds it (exact, whatever
// its size, to Go's reader); field names the field of a problem.
func (info Info) seed() (seed uint64, field string, err error) {
	return SeedOf(info.SeedText, info.SeedNumber)
}

// SeedOf returns the master seed a JSON file of placesim's gives as text, its seed_text (the
// seed's decimal digits), and number, its seed (nil where left out): the text's, checked
// against the number where both are given, or the number alone, as a file written before
// seed_text holds it. field names the field a problem is in: "seed" or "seed_text".
func SeedOf(text string, number *uint64) (seed uint64, field string, err error) {
	if text == "" {
		if number == nil {
			return 0, "seed", errors.New("must give the seed (seed_text, or seed)")
		}
		return *number, "", nil
	}
	v, err := strconv.ParseUint(text, 10, 64)
	if err != nil || strconv.FormatUint(v, 10) != text {
		return 0, "seed_text", fmt.Errorf("must be the seed in decimal digits (at most 18446744073709551615), not %q", text)
	}
	if number != nil && *number != v {
		return 0, "seed", fmt.Errorf("must be the seed seed_text gives (%s), not %d", text, *number)
	}
	return v, "", nil
}

// check reports every field of a shard.json (read from path, whose text is b) that no run of
// placesim writes: each problem as path:line:col: field: message. It sets info's Seed.
func (info *Info) check(path string, b []byte) error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%s: %s: %s", path, FieldPos(b, field), field, fmt.Sprintf(format, args...)))
	}
	if seed, field, err := info.seed(); err != nil {
		bad(field, "%v", err)
	} else {
		info.Seed = seed
	}
	if info.Placesim == "" {
		bad("placesim", "must name the placesim version that ran the shard")
	}
	if info.Scenario == "" {
		bad("scenario", "must name the scenario")
	}
	for _, f := range [...]struct{ field, sum string }{{"scenario_sha256", info.ScenarioSHA}, {"replications_sha256", info.ReplicationsSHA}} {
		if _, err := hex.DecodeString(f.sum); err != nil || len(f.sum) != 2*sha256.Size {
			bad(f.field, "must be a SHA-256 checksum (64 hexadecimal digits), not %q", f.sum)
		}
	}
	if info.Reps < 1 {
		bad("reps", "must be at least 1, not %d", info.Reps)
	}
	if info.Shards < 1 {
		bad("shards", "must be at least 1, not %d", info.Shards)
	}
	if info.Shard < 0 || (info.Shards >= 1 && info.Shard >= info.Shards) {
		bad("shard", "must be from 0 to shards-1 (%d), not %d", info.Shards-1, info.Shard)
	}
	if info.First < 0 {
		bad("first_replication", "must be at least 0, not %d", info.First)
	}
	if info.Count < 0 {
		bad("replications", "must be at least 0, not %d", info.Count)
	}
	if info.First >= 0 && info.Count >= 0 && info.Reps >= 1 && info.First+info.Count > info.Reps {
		bad("replications", "replications %s go past the run's %d", RepRange(info.First, info.Count), info.Reps)
	}
	if info.Reps >= 1 && info.Shards >= 1 && info.Shard >= 0 && info.Shard < info.Shards && info.First >= 0 && info.Count >= 0 {
		if first, count := (Spec{info.Shard, info.Shards}).Span(info.Reps); first != info.First || count != info.Count {
			// The replications numbered from 1, as messages say them, and the field's own
			// values, which count from 0.
			bad("first_replication", "shard %d/%d of %d replications runs %s (first_replication %d, replications %d), not %s (%d, %d)",
				info.Shard, info.Shards, info.Reps, RepRange(first, count), first, count, RepRange(info.First, info.Count), info.First, info.Count)
		}
	}
	if len(info.Percentiles) == 0 {
		bad("percentiles", "must list at least one percentile")
	}
	for i, p := range info.Percentiles {
		if !(p >= 0 && p <= 100) {
			bad("percentiles", "must be between 0 and 100, not %v", p)
		} else if slices.Contains(info.Percentiles[:i], p) {
			bad("percentiles", "%v is given twice", p)
		}
	}
	for _, f := range []struct {
		field string
		n     int
	}{{"months", info.Months}, {"metrics", info.Metrics}, {"periods", info.Periods}, {"kpis", info.KPIs}} {
		if f.n < 1 {
			bad(f.field, "must be at least 1, not %d", f.n)
		}
	}
	return errors.Join(errs...)
}

// CheckScenario checks that scenarioYAML, the scenario.yaml of the shard directory dir, is
// the one info records.
func (info Info) CheckScenario(dir string, scenarioYAML []byte) error {
	sum := sha256.Sum256(scenarioYAML)
	if hex.EncodeToString(sum[:]) != info.ScenarioSHA {
		return fmt.Errorf("%s: scenario.yaml has changed since the shard was run (its checksum no longer matches shard.json)", dir)
	}
	return nil
}

// RecordBytes is the length in bytes of one replication in replications.bin: its number, its
// KPIs in every period and its monthly record.
func (info Info) RecordBytes() int64 {
	return int64(8 * (1 + info.Periods*info.KPIs + info.Months*info.Metrics))
}

// MonthlyOffset is where a replication's monthly record starts, in bytes from the start of
// its record in replications.bin.
func (info Info) MonthlyOffset() int64 { return int64(8 * (1 + info.Periods*info.KPIs)) }

// CheckLayout checks that the shard of the directory dir records what res, the empty results
// of its scenario, records: as many months, metrics, periods and KPIs.
func (info Info) CheckLayout(dir string, res *sim.Results) error {
	if info.Months != len(res.Months) || info.Metrics != len(res.Metrics) || info.KPIs != len(res.KPIs) || info.Periods != len(res.Periods) {
		return fmt.Errorf("%s records a different layout from this placesim's for its scenario", dir)
	}
	return nil
}

// CheckSize checks that size is the length in bytes of the shard's replications.bin, read
// from path: a record for each of its replications.
func (info Info) CheckSize(path string, size int64) error {
	if want := info.RecordBytes() * int64(info.Count); size != want {
		return fmt.Errorf("%s: holds %d bytes, want %d for %d replications: the shard is incomplete or damaged", path, size, want, info.Count)
	}
	return nil
}

// Part is one shard of a run as merge is given it: its directory, its shard.json and its
// scenario.yaml.
type Part struct {
	// Dir is the shard directory, as errors name it.
	Dir string
	// Info is its shard.json.
	Info Info
	// Scenario is its scenario.yaml (a region's shard: its region.json).
	Scenario []byte
	// Region marks a region's shard: Check's problems say region where they say scenario.
	Region bool
}

// Check refuses shards that do not make one run together: different placesim versions,
// scenarios, seeds, replications, percentiles, layouts or numbers of shards; the same shard
// twice or overlapping shards; and replications that no shard holds. It returns the shards in
// order of their replications; with a *MissingError too, so that a caller can check each shard
// given (its files) before it says that the run lacks others, and a damaged shard is named
// first.
func Check(parts []Part) ([]Part, error) {
	if len(parts) == 0 {
		return nil, errors.New("no shard directories given")
	}
	a := parts[0]
	for _, b := range parts[1:] {
		switch {
		case b.Info.Placesim != a.Info.Placesim:
			return nil, fmt.Errorf("%s was run by placesim %s and %s by placesim %s: merge shards of one version", b.Dir, b.Info.Placesim, a.Dir, a.Info.Placesim)
		case b.Info.Seed != a.Info.Seed:
			return nil, fmt.Errorf("%s was run with seed %d and %s with seed %d: merge shards of one seed", b.Dir, b.Info.Seed, a.Dir, a.Info.Seed)
		case b.Info.Reps != a.Info.Reps || b.Info.Shards != a.Info.Shards:
			return nil, fmt.Errorf("%s is shard %d/%d of %d replications and %s shard %d/%d of %d: merge shards of one run", b.Dir, b.Info.Shard, b.Info.Shards, b.Info.Reps, a.Dir, a.Info.Shard, a.Info.Shards, a.Info.Reps)
		case b.Info.ScenarioSHA != a.Info.ScenarioSHA:
			kind := "scenario"
			if a.Region {
				kind = "region"
			}
			what := fmt.Sprintf("%s %q and %s of %s %q", kind, b.Info.Scenario, a.Dir, kind, a.Info.Scenario)
			if b.Info.Scenario == a.Info.Scenario {
				what = fmt.Sprintf("a different version of %s %q from %s", kind, b.Info.Scenario, a.Dir)
			}
			return nil, fmt.Errorf("%s is of %s: merge shards of one %s", b.Dir, what, kind)
		case !slices.Equal(b.Info.Percentiles, a.Info.Percentiles):
			return nil, fmt.Errorf("%s asks for percentiles %v and %s for %v: merge shards of one run", b.Dir, b.Info.Percentiles, a.Dir, a.Info.Percentiles)
		case b.Info.Months != a.Info.Months || b.Info.Metrics != a.Info.Metrics || b.Info.KPIs != a.Info.KPIs || b.Info.Periods != a.Info.Periods:
			return nil, fmt.Errorf("%s and %s record different metrics: merge shards of one run", b.Dir, a.Dir)
		}
	}
	sorted := slices.Clone(parts)
	slices.SortStableFunc(sorted, func(x, y Part) int { return x.Info.First - y.Info.First })
	var problems []string
	next := 0
	for i, sh := range sorted {
		if i > 0 && sh.Info.Shard == sorted[i-1].Info.Shard {
			return nil, fmt.Errorf("%s and %s are both shard %d/%d: give each shard once", sorted[i-1].Dir, sh.Dir, sh.Info.Shard, sh.Info.Shards)
		}
		if sh.Info.First < next {
			return nil, fmt.Errorf("%s (replications %s) overlaps %s", sh.Dir, RepRange(sh.Info.First, sh.Info.Count), sorted[i-1].Dir)
		}
		if sh.Info.First > next {
			problems = append(problems, RepRange(next, sh.Info.First-next))
		}
		next = sh.Info.First + sh.Info.Count
	}
	if next < a.Info.Reps {
		problems = append(problems, RepRange(next, a.Info.Reps-next))
	}
	if len(problems) > 0 {
		return sorted, &MissingError{Ranges: problems, Reps: a.Info.Reps, Given: len(parts), Shards: a.Info.Shards}
	}
	return sorted, nil
}

// MissingError is Check's error for shards that leave replications of their run out: it names
// no shard, as the shards missing were not given.
type MissingError struct {
	Ranges []string // the replications missing, as RepRange writes them
	Reps   int      // the run's replications
	Given  int      // the shards given
	Shards int      // the run's shards
}

func (e *MissingError) Error() string {
	were := "shards were"
	if e.Given == 1 {
		were = "shard was"
	}
	return fmt.Sprintf("missing replications %s of %d: merge every shard of the run (%d %s given, of %d)", strings.Join(e.Ranges, ", "), e.Reps, e.Given, were, e.Shards)
}

// WriteReplications writes the replications of res as replications.bin: each replication's
// number, KPIs and monthly record (from res.Store when the replication does not hold it) as
// little-endian int64 and float64s, in order.
func WriteReplications(w io.Writer, res *sim.Results) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	rows := len(res.Months) * len(res.Metrics)
	monthly := make([]float64, rows)
	kpis := make([]float64, len(res.Periods)*len(res.KPIs))
	buf := make([]byte, 8)
	for pos, rep := range res.Reps {
		binary.LittleEndian.PutUint64(buf, uint64(rep.Index))
		bw.Write(buf)
		if err := res.KPIRows(pos, 0, len(res.Periods), kpis); err != nil {
			return err
		}
		for _, v := range kpis {
			binary.LittleEndian.PutUint64(buf, math.Float64bits(v))
			bw.Write(buf)
		}
		if err := res.MonthlyRows(pos, 0, len(res.Months), monthly); err != nil {
			return err
		}
		for _, v := range monthly {
			binary.LittleEndian.PutUint64(buf, math.Float64bits(v))
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// ReadReplications reads the info.Count replications of a shard's replications.bin from r
// (read from path, a name for errors) and appends them to res.Reps with their KPIs; their
// monthly records are checked but not kept (a merge reads them where they lie, at
// MonthlyOffset in each record). It checks the bytes read against info's checksum, and every
// value against what placesim writes: each replication's number in turn from info.First, no
// infinity anywhere, and NaN only in the KPIs that are shares or ratios and the monthly
// metrics that are shares (a share of nothing, such as the occupancy of no places). The
// checksum is checked first: a file whose bytes are not those the checksum was taken of is
// said to be damaged, wherever a bit flipped, and a value placesim never writes is named only
// in a file that matches its checksum (one edited, and its checksum with it). res must be the
// results of the shard's scenario (see CheckLayout).
func ReadReplications(r io.Reader, path string, info Info, res *sim.Results) error {
	return readReplications(r, path, info, res, true)
}

// CheckReplications reads and checks a shard's replications.bin as ReadReplications does, and
// appends its replications to res.Reps without their KPIs: a merge too large to hold them reads
// them where they lie, at KPIsOffset in each record (sim.RegionResults.SetKPIStores).
func CheckReplications(r io.Reader, path string, info Info, res *sim.Results) error {
	return readReplications(r, path, info, res, false)
}

// KPIsOffset is the offset of the KPIs in each record of replications.bin, after its number.
const KPIsOffset = 8

func readReplications(r io.Reader, path string, info Info, res *sim.Results, keepKPIs bool) error {
	rows := len(res.Months) * len(res.Metrics)
	nK := len(res.Periods) * len(res.KPIs)
	stride := int64(8 * (1 + nK + rows))
	mayBeNaN := make([]bool, len(res.KPIs))
	for k, name := range res.KPIs {
		info, _ := sim.KPIInfo(name)
		mayBeNaN[k] = info.Unit == sim.Share || info.Aggregate == sim.RatioOfTotals
	}
	metricNaN := make([]bool, len(res.Metrics))
	for m, name := range res.Metrics {
		info, _ := sim.MetricInfo(name)
		metricNaN[m] = info.Unit == sim.Share
	}
	h := sha256.New()
	br := bufio.NewReaderSize(r, 1<<16)
	start := len(res.Reps)
	buf := make([]byte, stride)
	kpis := make([]float64, nK) // the KPIs checked and not kept
	// The first value placesim never writes, said only once the checksum matches: a flipped
	// bit is named as damage, whichever value it lands in.
	var bad error
	for j := range info.Count {
		if _, err := io.ReadFull(br, buf); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		h.Write(buf)
		if bad != nil {
			continue
		}
		if bad = checkRecord(buf, path, int64(j)*stride, info.First+j, res, nK, rows, mayBeNaN, metricNaN, kpis, keepKPIs); bad != nil {
			res.Reps = res.Reps[:start]
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != info.ReplicationsSHA {
		return fmt.Errorf("%s: its checksum does not match replications_sha256 in shard.json: the shard is damaged or was changed since it was run; run it again", path)
	}
	return bad
}

// checkRecord checks one record of replications.bin, buf, at byte at of path, which must be
// replication want's, and appends it to res.Reps (its KPIs too if keepKPIs; kpis is room for
// those checked and not kept).
func checkRecord(buf []byte, path string, at int64, want int, res *sim.Results, nK, rows int, mayBeNaN, metricNaN []bool, kpis []float64, keepKPIs bool) error {
	rep := sim.Replication{Index: int(binary.LittleEndian.Uint64(buf)), KPIs: kpis}
	if keepKPIs {
		rep.KPIs = make([]float64, nK)
	}
	if rep.Index != want {
		return fmt.Errorf("%s: byte %d: holds replication %d where %d belongs", path, at, rep.Index+1, want+1)
	}
	for k := range rep.KPIs {
		v := math.Float64frombits(binary.LittleEndian.Uint64(buf[KPIsOffset+8*k:]))
		if math.IsInf(v, 0) || (math.IsNaN(v) && !mayBeNaN[k%len(res.KPIs)]) {
			return fmt.Errorf("%s: byte %d: replication %d: %s in %s is %v, which placesim never writes there: the shard is damaged",
				path, at+int64(8*(1+k)), rep.Index+1, res.KPIs[k%len(res.KPIs)], res.Periods[k/len(res.KPIs)], v)
		}
		rep.KPIs[k] = v
	}
	if !keepKPIs {
		rep.KPIs = nil
	}
	for i := range rows {
		off := 8 * (1 + nK + i)
		if v := math.Float64frombits(binary.LittleEndian.Uint64(buf[off:])); math.IsInf(v, 0) || (math.IsNaN(v) && !metricNaN[i%len(res.Metrics)]) {
			return fmt.Errorf("%s: byte %d: replication %d: %s in %s is %v, which placesim never writes: the shard is damaged",
				path, at+int64(off), rep.Index+1, res.Metrics[i%len(res.Metrics)], res.Months[i/len(res.Metrics)].Format("2006-01"), v)
		}
	}
	res.Reps = append(res.Reps, rep)
	return nil
}

// DecodeJSON decodes the JSON text b, read from path (a name for errors), into v strictly: it
// refuses unknown fields, and anything but white space after the one JSON value; an error
// reads path:line:col: field: message, in plain words.
func DecodeJSON(path string, b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(path, b, reflect.TypeOf(v), err)
	}
	after := dec.InputOffset()
	for after < int64(len(b)) && strings.IndexByte(" \t\r\n", b[after]) >= 0 {
		after++
	}
	if dec.More() {
		return fmt.Errorf("%s:%s: more than one JSON object: the file holds one", path, OffsetPos(b, after+1))
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%s:%s: text after the JSON object: the file ends with its closing brace", path, OffsetPos(b, after+1))
	}
	return nil
}

// JSONError turns an error of encoding/json decoding b, read from path, into one that says
// where and what, in plain words: path:line:col: field: message. The readers of shard.json
// and of a run's manifest.json give their errors so (through DecodeJSON, which knows the type
// read into and so which field is unknown).
func JSONError(path string, b []byte, err error) error {
	return jsonError(path, b, nil, err)
}

// jsonError is JSONError for a value of type t (nil when not known) read from b.
func jsonError(path string, b []byte, t reflect.Type, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(b)) == 0:
		return fmt.Errorf("%s:1:1: the file is empty, where a JSON object belongs", path)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s:%s: the file ends before its JSON does: it was cut short", path, OffsetPos(b, int64(len(b))+1))
	case errors.As(err, &syntax):
		return fmt.Errorf("%s:%s: %s", path, OffsetPos(b, syntax.Offset), syntaxWords(b, syntax))
	case errors.As(err, &typ):
		want := jsonKind(typ.Type)
		if typ.Field == "" {
			return fmt.Errorf("%s:%s: want %s, not %s", path, OffsetPos(b, typ.Offset), want, jsonValue(typ.Value))
		}
		field, pos := typ.Field, OffsetPos(b, typ.Offset)
		// The field's place: the last field or element (the deepest) whose value holds the
		// offset where decoding stopped.
		for _, n := range slices.Backward(jsonNodes(b, t)) {
			if n.start < typ.Offset && typ.Offset <= n.end {
				field, pos = n.path, OffsetPos(b, n.start+1)
				break
			}
		}
		return fmt.Errorf("%s:%s: %s: want %s, not %s", path, pos, field, want, jsonValue(typ.Value))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		for _, n := range jsonNodes(b, t) {
			if n.unknown && n.name == name || t == nil && n.name == name {
				return fmt.Errorf("%s:%s: %s: unknown field %q: placesim writes no such field", path, OffsetPos(b, n.start+1), n.path, name)
			}
		}
		return fmt.Errorf("%s:1:1: %s: unknown field %q: placesim writes no such field", path, name, name)
	}
	return fmt.Errorf("%s:1:1: %s", path, strings.TrimPrefix(err.Error(), "json: "))
}

// FieldPos returns the line and column ("12:3") of the key field in the JSON text b, or of the
// text's start when the key is not there.
func FieldPos(b []byte, field string) string {
	i := bytes.Index(b, []byte(`"`+field+`"`))
	if i < 0 {
		return "1:1"
	}
	return OffsetPos(b, int64(i)+1)
}

// OffsetPos returns the line and column ("12:3") of the byte just before offset in b
// (encoding/json reports offsets just past the byte it stopped at).
func OffsetPos(b []byte, offset int64) string {
	i := min(max(int(offset)-1, 0), len(b))
	line := 1 + bytes.Count(b[:i], []byte("\n"))
	col := i - bytes.LastIndexByte(b[:i], '\n')
	return fmt.Sprintf("%d:%d", line, col)
}
