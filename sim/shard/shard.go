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
	"hash"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

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

// ParseSpec reads "I/N" with 0 <= I < N, in decimal digits. It refuses spaces, as placesim's
// other flags refuse them in a number (--seed " 7").
func ParseSpec(s string) (Spec, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	// strconv.Atoi takes a + sign ("+1"), which no other number placesim reads does.
	signed := strings.HasPrefix(a, "+") || strings.HasPrefix(b, "+")
	if !ok || signed || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		why := ""
		if strings.ContainsFunc(s, unicode.IsSpace) {
			why = ", without spaces"
		}
		return Spec{}, fmt.Errorf("%q: want I/N with 0 <= I < N, such as 0/4%s", s, why)
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
// Format 2 added replications_sha256; format 3 packs each replication's monthly record in
// replications.bin (see WriteReplications) and records the file's length,
// replications_bytes.
const Format = 3

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
	// ReplicationsBytes is the length of replications.bin in bytes.
	ReplicationsBytes int64 `json:"replications_bytes"`
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
	if info.ReplicationsBytes < 0 {
		bad("replications_bytes", "must be at least 0, not %d", info.ReplicationsBytes)
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

// CheckLayout checks that the shard of the directory dir records what res, the empty results
// of its scenario, records: as many months, metrics, periods and KPIs.
func (info Info) CheckLayout(dir string, res *sim.Results) error {
	if info.Months != len(res.Months) || info.Metrics != len(res.Metrics) || info.KPIs != len(res.KPIs) || info.Periods != len(res.Periods) {
		return fmt.Errorf("%s records a different layout from this placesim's for its scenario", dir)
	}
	return nil
}

// CheckSize checks that size is the length in bytes of the shard's replications.bin, read
// from path: the length shard.json records.
func (info Info) CheckSize(path string, size int64) error {
	if want := info.ReplicationsBytes; size != want {
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
		case !slices.Equal(b.Info.Percentiles, a.Info.Percentiles):
			// Before the scenarios: the line of scenario.yaml that says how to run it again
			// gives the percentiles, so the two texts differ in their comments too.
			return nil, fmt.Errorf("%s asks for percentiles %v and %s for %v: merge shards of one run", b.Dir, b.Info.Percentiles, a.Dir, a.Info.Percentiles)
		case b.Info.ScenarioSHA != a.Info.ScenarioSHA:
			kind := "scenario"
			if a.Region {
				kind = "region"
			}
			if b.Info.Scenario == a.Info.Scenario {
				same := ", run with the same --years and --set"
				if a.Region {
					same = ""
				}
				return nil, fmt.Errorf("%s and %s are of %s %q run otherwise: %s: merge shards of one %s%s",
					b.Dir, a.Dir, kind, b.Info.Scenario, Difference(b.Dir, b.Scenario, a.Dir, a.Scenario), kind, same)
			}
			return nil, fmt.Errorf("%s is of %s %q and %s of %s %q: merge shards of one %s", b.Dir, kind, b.Info.Scenario, a.Dir, kind, a.Info.Scenario, kind)
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

// Difference says where the scenario texts x, of the shard folder xDir, and y, of yDir, first
// differ, outside their comments: the field (its path of keys, as in "entries.per_year") and
// the value in each, as "years is 5 in sh1 and 10 in sh0"; or, where no field can be named,
// the line of each.
func Difference(xDir string, x []byte, yDir string, y []byte) string {
	xs, ys := fieldLines(x), fieldLines(y)
	for i := range max(len(xs), len(ys)) {
		var xl, yl fieldLine
		if i < len(xs) {
			xl = xs[i]
		}
		if i < len(ys) {
			yl = ys[i]
		}
		if xl.path == yl.path && xl.value == yl.value {
			continue
		}
		if xl.path == yl.path && xl.path != "" {
			return fmt.Sprintf("%s is %s in %s and %s in %s", xl.path, xl.value, xDir, yl.value, yDir)
		}
		describe := func(l fieldLine) string {
			if l.path == "" {
				return "nothing"
			}
			return fmt.Sprintf("%s %s", l.path, l.value)
		}
		return fmt.Sprintf("%s has %s where %s has %s", xDir, describe(xl), yDir, describe(yl))
	}
	return fmt.Sprintf("their scenario files differ only in comments (%s and %s)", xDir, yDir)
}

// fieldLine is a line of a scenario's YAML that gives a value: the field's path of keys and
// the value as written.
type fieldLine struct{ path, value string }

// fieldLines returns the lines of the YAML text b that are not blank or comments, each with
// the path of keys that leads to it: each key's parents are the keys of the lines before it
// that are indented less. A list's item is its list's key and its number in brackets.
func fieldLines(b []byte) []fieldLine {
	if t := bytes.TrimSpace(b); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		if out, err := jsonFieldLines(b); err == nil {
			return out
		}
	}
	type level struct {
		indent int
		key    string
		items  int
	}
	var stack []level
	var out []fieldLine
	// block is the path of a key whose value is a block of text (description: >-), and
	// blockIndent its key's indent: the lines indented more are its text, read as text (a
	// colon in them is no key's), each a line of the field's value.
	block, blockIndent := "", 0
	for _, line := range strings.Split(string(b), "\n") {
		text := strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimLeft(text, " ")
		indent := len(text) - len(trimmed)
		if block != "" {
			if trimmed == "" {
				continue
			}
			if indent > blockIndent {
				out = append(out, fieldLine{block, strconv.Quote(trimmed)})
				continue
			}
			block = ""
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].indent > indent {
			stack = stack[:len(stack)-1]
		}
		var path []string
		if item, ok := strings.CutPrefix(trimmed, "- "); ok || trimmed == "-" {
			// A list's item: numbered within the list whose key is at this indent or above.
			if len(stack) > 0 && stack[len(stack)-1].indent == indent && stack[len(stack)-1].key == "" {
				stack[len(stack)-1].items++
			} else {
				stack = append(stack, level{indent: indent, items: 1})
			}
			trimmed, indent = item, indent+2
		} else if len(stack) > 0 && stack[len(stack)-1].indent == indent {
			stack = stack[:len(stack)-1]
		}
		for _, l := range stack {
			switch {
			case l.key != "":
				path = append(path, l.key)
			case len(path) > 0:
				path[len(path)-1] += fmt.Sprintf("[%d]", l.items-1)
			}
		}
		uncomment := func(v string) string {
			if i := strings.Index(v, " #"); i >= 0 {
				v = v[:i]
			}
			return strings.TrimSpace(v)
		}
		key, value, ok := strings.Cut(trimmed, ":")
		if !ok || strings.ContainsAny(key, "{[\"'") {
			// A value of its own, such as a list's item written {ages: 0, share: 0.2}.
			out = append(out, fieldLine{strings.Join(path, "."), uncomment(trimmed)})
			continue
		}
		v := uncomment(value)
		out = append(out, fieldLine{strings.Join(append(path, key), "."), v})
		if v != "" && (v[0] == '|' || v[0] == '>') && strings.Trim(v, "|>-+0123456789") == "" {
			block, blockIndent = strings.Join(append(path, key), "."), indent
		}
		stack = append(stack, level{indent: indent, key: key})
	}
	return out
}

// jsonFieldLines returns the values of the JSON text b in the order written, each with its
// path of keys as fieldLines gives a YAML file's (an array's item is its key and its number
// in brackets) and the value as JSON writes it.
func jsonFieldLines(b []byte) ([]fieldLine, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type level struct {
		array bool
		key   string // the object's key whose value comes next
		keyed bool   // key has been read and its value not yet (a key may be "")
		item  int    // the array's item that comes next
	}
	var stack []level
	var out []fieldLine
	path := func() string {
		var p []string
		for _, l := range stack {
			switch {
			case l.array && len(p) > 0:
				p[len(p)-1] += fmt.Sprintf("[%d]", l.item)
			case l.array:
				p = append(p, fmt.Sprintf("[%d]", l.item))
			default:
				p = append(p, l.key)
			}
		}
		return strings.Join(p, ".")
	}
	// done moves on past a value: to the next item of an array, or to an object's next key.
	done := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].item++
			} else {
				stack[n-1].key, stack[n-1].keyed = "", false
			}
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, level{array: d == '['})
			default:
				stack = stack[:len(stack)-1]
				done()
			}
			continue
		}
		if n := len(stack); n > 0 && !stack[n-1].array && !stack[n-1].keyed {
			stack[n-1].key, stack[n-1].keyed = tok.(string), true
			continue
		}
		v, _ := json.Marshal(tok)
		out = append(out, fieldLine{path(), string(v)})
		done()
	}
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

// WriteReplications writes the replications of res as replications.bin, each in order as:
// its number (a little-endian uint64); its KPIs, period by period (little-endian float64s);
// then its monthly record packed as a run keeps it (sim.RecordPacker): the numbers of metrics
// held constant, as whole numbers and in full (three little-endian uint32s), their positions
// in res.Metrics (uint32s, each list increasing), the value of each constant (float64s), and
// the months' rows (for each month, its values in full as float64s, then its whole numbers as
// int16s). A metric in none of the lists is 0 in every month. It returns the bytes written.
// The monthly records are read from res.Store when the replications do not hold them.
func WriteReplications(w io.Writer, res *sim.Results) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	nM := len(res.Metrics)
	monthly := make([]float64, len(res.Months)*nM)
	kpis := make([]float64, len(res.Periods)*len(res.KPIs))
	var pk sim.RecordPacker
	var buf []byte
	var n int64
	for pos, rep := range res.Reps {
		if err := res.KPIRows(pos, 0, len(res.Periods), kpis); err != nil {
			return n, err
		}
		if err := res.MonthlyRows(pos, 0, len(res.Months), monthly); err != nil {
			return n, err
		}
		cols, consts, rows := pk.Pack(monthly, nM)
		buf = binary.LittleEndian.AppendUint64(buf[:0], uint64(rep.Index))
		for _, v := range kpis {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		for _, l := range [][]int32{cols.Consts, cols.Ints, cols.Full} {
			buf = binary.LittleEndian.AppendUint32(buf, uint32(len(l)))
		}
		for _, l := range [][]int32{cols.Consts, cols.Ints, cols.Full} {
			for _, m := range l {
				buf = binary.LittleEndian.AppendUint32(buf, uint32(m))
			}
		}
		for _, v := range consts {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		bw.Write(buf)
		bw.Write(rows)
		n += int64(len(buf) + len(rows))
	}
	return n, bw.Flush()
}

// KPIsOffset is the offset of the KPIs in each record of replications.bin, after its number.
const KPIsOffset = 8

// Record says where one replication lies in replications.bin and how its monthly record is
// packed: a merge reads its KPIs and months where they lie.
type Record struct {
	// At is where the record starts: its KPIs are at At+KPIsOffset.
	At int64
	// RowsAt is where its months' rows start.
	RowsAt int64
	// Cols and Consts are how its monthly record is packed, and the value of each metric
	// it holds constant.
	Cols   sim.PackedColumns
	Consts []float64
}

// ReadReplications reads the info.Count replications of a shard's replications.bin from r
// (read from path, a name for errors) and appends them to res.Reps with their KPIs; their
// monthly records are checked but not kept: it returns where each replication lies, for a
// merge to read them there. It checks the bytes read against info's checksum, and every
// value against what placesim writes: each replication's number in turn from info.First, its
// packing, no infinity anywhere, and NaN only in the KPIs that are shares or ratios and the
// monthly metrics that are shares (a share of nothing, such as the occupancy of no places).
// The checksum is checked first: a file whose bytes are not those the checksum was taken of
// is said to be damaged, wherever a bit flipped, and a value placesim never writes is named
// only in a file that matches its checksum (one edited, and its checksum with it). res must
// be the results of the shard's scenario (see CheckLayout).
func ReadReplications(r io.Reader, path string, info Info, res *sim.Results) ([]Record, error) {
	return readReplications(r, path, info, res, true)
}

// CheckReplications reads and checks a shard's replications.bin as ReadReplications does, and
// appends its replications to res.Reps without their KPIs: a merge too large to hold them reads
// them where they lie, at KPIsOffset from the start of each record.
func CheckReplications(r io.Reader, path string, info Info, res *sim.Results) ([]Record, error) {
	return readReplications(r, path, info, res, false)
}

// recordReader reads replications.bin's records, keeping the checksum of every byte read and
// where it is.
type recordReader struct {
	br  *bufio.Reader
	h   hash.Hash
	at  int64
	buf []byte
}

// next returns the next n bytes, valid until the next call.
func (rr *recordReader) next(n int) ([]byte, error) {
	if cap(rr.buf) < n {
		rr.buf = make([]byte, n)
	}
	b := rr.buf[:n]
	k, err := io.ReadFull(rr.br, b)
	rr.h.Write(b[:k])
	rr.at += int64(k)
	return b, err
}

func readReplications(r io.Reader, path string, info Info, res *sim.Results, keepKPIs bool) ([]Record, error) {
	nK, nM, months := len(res.Periods)*len(res.KPIs), len(res.Metrics), len(res.Months)
	mayBeNaN := make([]bool, len(res.KPIs))
	for k, name := range res.KPIs {
		info, _ := sim.KPIInfo(name)
		mayBeNaN[k] = info.Unit == sim.Share || info.Aggregate == sim.RatioOfTotals
	}
	metricNaN := make([]bool, nM)
	for m, name := range res.Metrics {
		info, _ := sim.MetricInfo(name)
		metricNaN[m] = info.Unit == sim.Share
	}
	rr := &recordReader{br: bufio.NewReaderSize(r, 1<<16), h: sha256.New()}
	start := len(res.Reps)
	kpis := make([]float64, nK) // the KPIs checked and not kept
	recs := make([]Record, 0, info.Count)
	damaged := func() error {
		if got := hex.EncodeToString(rr.h.Sum(nil)); got != info.ReplicationsSHA {
			return fmt.Errorf("%s: its checksum does not match replications_sha256 in shard.json: the shard is damaged or was changed since it was run; run it again", path)
		}
		return nil
	}
	// The first problem found: said only once the checksum matches, as a flipped bit is named
	// as damage, whichever value it lands in. The records after one are not read as records,
	// as where they start can no longer be trusted.
	var bad error
	for j := range info.Count {
		rec, err := readRecord(rr, path, info.First+j, res, nK, nM, months, mayBeNaN, metricNaN, kpis, keepKPIs)
		if err != nil {
			bad = err
			break
		}
		recs = append(recs, rec)
	}
	if bad == nil {
		// Nothing after the last replication.
		if _, err := rr.br.Peek(1); err == nil {
			bad = fmt.Errorf("%s: byte %d: more bytes after the last replication: the shard is damaged", path, rr.at)
		}
	}
	if bad != nil {
		res.Reps = res.Reps[:start]
		if _, err := io.Copy(rr.h, rr.br); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
	}
	if err := damaged(); err != nil {
		res.Reps = res.Reps[:start]
		return nil, err
	}
	if bad != nil {
		return nil, bad
	}
	return recs, nil
}

// readRecord reads and checks one record of replications.bin from rr, which must be
// replication want's, and appends it to res.Reps (its KPIs too if keepKPIs; kpis is room for
// those checked and not kept).
func readRecord(rr *recordReader, path string, want int, res *sim.Results, nK, nM, months int, mayBeNaN, metricNaN []bool, kpis []float64, keepKPIs bool) (Record, error) {
	rec := Record{At: rr.at}
	eof := func(err error) error { return fmt.Errorf("%s: %v", path, err) }
	b, err := rr.next(8 + 8*nK + 12)
	if err != nil {
		return rec, eof(err)
	}
	rep := sim.Replication{Index: int(binary.LittleEndian.Uint64(b)), KPIs: kpis}
	if keepKPIs {
		rep.KPIs = make([]float64, nK)
	}
	if rep.Index != want {
		return rec, fmt.Errorf("%s: byte %d: holds replication %d where %d belongs", path, rec.At, rep.Index+1, want+1)
	}
	for k := range rep.KPIs {
		v := math.Float64frombits(binary.LittleEndian.Uint64(b[KPIsOffset+8*k:]))
		if math.IsInf(v, 0) || (math.IsNaN(v) && !mayBeNaN[k%len(res.KPIs)]) {
			return rec, fmt.Errorf("%s: byte %d: replication %d: %s in %s is %v, which placesim never writes there: the shard is damaged",
				path, rec.At+int64(8*(1+k)), rep.Index+1, res.KPIs[k%len(res.KPIs)], res.Periods[k/len(res.KPIs)], v)
		}
		rep.KPIs[k] = v
	}
	if !keepKPIs {
		rep.KPIs = nil
	}
	counts := b[8+8*nK:]
	var n [3]int
	for i := range n {
		n[i] = int(binary.LittleEndian.Uint32(counts[4*i:]))
	}
	if n[0] > nM || n[1] > nM || n[2] > nM || n[0]+n[1]+n[2] > nM {
		return rec, fmt.Errorf("%s: byte %d: replication %d: packs %d metrics of %d: the shard is damaged", path, rr.at-12, rep.Index+1, n[0]+n[1]+n[2], nM)
	}
	colsAt := rr.at
	if b, err = rr.next(4*(n[0]+n[1]+n[2]) + 8*n[0]); err != nil {
		return rec, eof(err)
	}
	all := make([]int32, n[0]+n[1]+n[2])
	for i := range all {
		all[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	rec.Cols = sim.PackedColumns{Consts: all[:n[0]:n[0]], Ints: all[n[0] : n[0]+n[1] : n[0]+n[1]], Full: all[n[0]+n[1]:]}
	if err := rec.Cols.Check(nM); err != nil {
		return rec, fmt.Errorf("%s: byte %d: replication %d: %v: the shard is damaged", path, colsAt, rep.Index+1, err)
	}
	month := func(i int) string { return res.Months[i].Format("2006-01") }
	check := func(at int64, m int32, when string, v float64) error {
		if math.IsInf(v, 0) || (math.IsNaN(v) && !metricNaN[m]) {
			return fmt.Errorf("%s: byte %d: replication %d: %s in %s is %v, which placesim never writes: the shard is damaged",
				path, at, rep.Index+1, res.Metrics[m], when, v)
		}
		return nil
	}
	constsAt := colsAt + int64(4*len(all))
	rec.Consts = make([]float64, n[0])
	for j, m := range rec.Cols.Consts {
		off := 4*len(all) + 8*j
		v := math.Float64frombits(binary.LittleEndian.Uint64(b[off:]))
		if err := check(colsAt+int64(off), m, "every month", v); err != nil {
			return rec, err
		}
		rec.Consts[j] = v
	}
	rec.RowsAt = constsAt + int64(8*n[0])
	rowBytes := rec.Cols.RowBytes()
	for i := range months {
		at := rr.at
		if b, err = rr.next(rowBytes); err != nil {
			return rec, eof(err)
		}
		for j, m := range rec.Cols.Full {
			if err := check(at+int64(8*j), m, month(i), math.Float64frombits(binary.LittleEndian.Uint64(b[8*j:]))); err != nil {
				return rec, err
			}
		}
	}
	res.Reps = append(res.Reps, rep)
	return rec, nil
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
