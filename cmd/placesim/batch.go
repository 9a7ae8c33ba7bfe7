package main

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
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/placesim/placesim/sim"
)

// shardSpec says which share of a run's replications one process runs: shard I of N (0-based)
// runs replications [I·reps/N, (I+1)·reps/N), so the shards of a run cover it exactly once.
type shardSpec struct{ i, n int }

// span returns the first replication and the number of replications of the shard.
func (sp shardSpec) span(reps int) (first, count int) {
	first = sp.i * reps / sp.n
	return first, (sp.i+1)*reps/sp.n - first
}

func (sp shardSpec) String() string { return fmt.Sprintf("%d/%d", sp.i, sp.n) }

// parseShard reads "I/N" with 0 <= I < N.
func parseShard(s string) (shardSpec, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return shardSpec{}, fmt.Errorf("%q: want I/N with 0 <= I < N, such as 0/4", s)
	}
	return shardSpec{i, n}, nil
}

// shardEnvVar is the environment variable that, set to 1, asks placesim run to take its shard
// from the cluster scheduler as --shard-from-env does.
const shardEnvVar = "PLACESIM_SHARD_FROM_ENV"

// schedulerVars are the variables a cluster scheduler sets that say which task of an array or
// index of a Job a process is.
var schedulerVars = []string{"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"}

// shardFromEnvAsked reports whether --shard-from-env (flag) or PLACESIM_SHARD_FROM_ENV asks for
// the shard to be taken from the scheduler. The variable reads 1, true or yes for on, 0, false,
// no or empty for off; anything else is an error.
func shardFromEnvAsked(flag bool, getenv func(string) string) (bool, error) {
	v := strings.ToLower(strings.TrimSpace(getenv(shardEnvVar)))
	switch v {
	case "1", "true", "yes":
		return true, nil
	case "", "0", "false", "no":
		return flag, nil
	}
	return false, fmt.Errorf("%s=%s: want 1 to take the shard from the scheduler, or 0", shardEnvVar, getenv(shardEnvVar))
}

// schedulerNote returns a one-line note for a run that was not asked to be a shard while the
// environment names a task of a Slurm job array or an index of a Kubernetes Indexed Job, or ""
// when neither variable is set. Such a run runs every replication: one scenario per array task
// is a common pattern, and sharding must be asked for. reps is the run's replications, or 0
// when it adds them until it is precise enough.
func schedulerNote(getenv func(string) string, reps int) string {
	all := "every replication"
	if reps > 0 {
		all = "all " + plural(reps, "replication")
	}
	for _, v := range schedulerVars {
		if id := getenv(v); id != "" {
			return fmt.Sprintf("placesim: note: %s=%s is set, but this run is not a shard: it runs %s (add --shard-from-env or %s=1 to run this task's share)",
				v, id, all, shardEnvVar)
		}
	}
	return ""
}

// shardFromEnv finds the shard a cluster scheduler gave this process: a Slurm job array's
// SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (task ids 0 to N-1, as --array=0-3 gives),
// or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX with the number of shards from --shards
// (shards, 0 when not given). It is called only when sharding from the environment was asked
// for, so finding neither variable is an error.
func shardFromEnv(getenv func(string) string, shards int) (sp shardSpec, source string, err error) {
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		count := getenv("SLURM_ARRAY_TASK_COUNT")
		if shards > 0 && count == "" {
			count = strconv.Itoa(shards)
		}
		sp, err := parseShard(id + "/" + count)
		if err != nil {
			return sp, "", fmt.Errorf("SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_COUNT=%s: %v (submit the array as --array=0-%s)", id, count, err, "N-1")
		}
		return sp, "SLURM_ARRAY_TASK_ID", nil
	}
	if id := getenv("JOB_COMPLETION_INDEX"); id != "" {
		if shards < 1 {
			return shardSpec{}, "", fmt.Errorf("JOB_COMPLETION_INDEX=%s is set: give the number of shards with --shards (the Job's completions)", id)
		}
		sp, err := parseShard(id + "/" + strconv.Itoa(shards))
		if err != nil {
			return sp, "", fmt.Errorf("JOB_COMPLETION_INDEX=%s with --shards %d: %v", id, shards, err)
		}
		return sp, "JOB_COMPLETION_INDEX", nil
	}
	return shardSpec{}, "", errors.New("the shard is to come from the environment, but neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set")
}

// shardInfo is a shard directory's shard.json: what was run, so that merge can refuse shards
// that do not belong together, and the checksums of the shard's other files, so that merge
// can refuse a damaged one.
type shardInfo struct {
	Format          int       `json:"format"`
	Placesim        string    `json:"placesim"`
	Scenario        string    `json:"scenario"`
	ScenarioSHA     string    `json:"scenario_sha256"`
	ReplicationsSHA string    `json:"replications_sha256"`
	Seed            uint64    `json:"seed"`
	Reps            int       `json:"reps"`
	Shard           int       `json:"shard"`
	Shards          int       `json:"shards"`
	First           int       `json:"first_replication"`
	Count           int       `json:"replications"`
	Percentiles     []float64 `json:"percentiles"`
	Months          int       `json:"months"`
	Metrics         int       `json:"metrics"`
	Periods         int       `json:"periods"`
	KPIs            int       `json:"kpis"`
}

// shardFormat is the version of the shard directory's layout. Format 2 added
// replications_sha256.
const shardFormat = 2

// shardFiles returns the files of a shard directory: shard.json, scenario.yaml (the same bytes
// as the whole run's) and replications.bin (each replication's number, KPIs and monthly record
// as little-endian int64 and float64s, in order). It fills in info's checksum of
// replications.bin, which takes one pass over the replications.
func shardFiles(info shardInfo, scenarioYAML []byte, res *sim.Results) ([]outputFile, error) {
	h := sha256.New()
	if err := writeReplications(h, res); err != nil {
		return nil, err
	}
	info.ReplicationsSHA = hex.EncodeToString(h.Sum(nil))
	return []outputFile{
		{"shard.json", func(w io.Writer) error {
			b, err := json.MarshalIndent(info, "", "  ")
			if err != nil {
				return err
			}
			_, err = w.Write(append(b, '\n'))
			return err
		}},
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(scenarioYAML); return err }},
		{"replications.bin", func(w io.Writer) error { return writeReplications(w, res) }},
	}, nil
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func writeReplications(w io.Writer, res *sim.Results) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	rows := len(res.Months) * len(res.Metrics)
	monthly := make([]float64, rows)
	buf := make([]byte, 8)
	for pos, rep := range res.Reps {
		binary.LittleEndian.PutUint64(buf, uint64(rep.Index))
		bw.Write(buf)
		for _, v := range rep.KPIs {
			binary.LittleEndian.PutUint64(buf, math.Float64bits(v))
			bw.Write(buf)
		}
		if rep.Monthly != nil {
			copy(monthly, rep.Monthly)
		} else if err := res.Store.Get(pos, 0, len(res.Months), monthly); err != nil {
			return err
		}
		for _, v := range monthly {
			binary.LittleEndian.PutUint64(buf, math.Float64bits(v))
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// fileStore is a sim.MonthlyStore in a file: record pos at offset base + pos·stride, its rows
// of metrics as little-endian float64s. A run of many replications keeps its records there
// instead of in memory; a merge reads the shards' records where they lie.
type fileStore struct {
	parts []storePart
	rows  int // values in a month's row
}

// storePart is one file holding the records of positions [first, first+count).
type storePart struct {
	f            *os.File
	first, count int
	base, stride int64
}

func (s *fileStore) part(pos int) (*storePart, error) {
	for i := range s.parts {
		if p := &s.parts[i]; pos >= p.first && pos < p.first+p.count {
			return p, nil
		}
	}
	return nil, fmt.Errorf("no stored record for replication position %d", pos)
}

// Put writes the record of position pos.
func (s *fileStore) Put(pos int, monthly []float64) error {
	p, err := s.part(pos)
	if err != nil {
		return err
	}
	b := make([]byte, 8*len(monthly))
	for i, v := range monthly {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	_, err = p.f.WriteAt(b, p.base+int64(pos-p.first)*p.stride)
	return err
}

// Get reads rows [from, to) of the record of position pos.
func (s *fileStore) Get(pos, from, to int, dst []float64) error {
	p, err := s.part(pos)
	if err != nil {
		return err
	}
	b := make([]byte, 8*len(dst))
	off := p.base + int64(pos-p.first)*p.stride + int64(8*from*s.rows)
	if _, err := p.f.ReadAt(b, off); err != nil {
		return fmt.Errorf("reading the monthly record of replication position %d from %s: %w", pos, p.f.Name(), err)
	}
	for i := range dst {
		dst[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return nil
}

// close closes the store's files.
func (s *fileStore) close() {
	for _, p := range s.parts {
		p.f.Close()
	}
}

// memoryBudget is how many bytes of monthly records a run keeps in memory; a larger run keeps
// them in a temporary file, so memory stays bounded however many replications are asked for.
var memoryBudget int64 = 256 << 20

// tempStore returns a store in a new temporary file for reps records of rows values each, or
// nil when they fit in memoryBudget. The caller removes the file with cleanup.
func tempStore(reps, rows int) (store *fileStore, cleanup func(), err error) {
	if int64(reps)*int64(rows)*8 <= memoryBudget {
		return nil, func() {}, nil
	}
	f, err := os.CreateTemp("", "placesim-monthly-*.bin")
	if err != nil {
		return nil, nil, err
	}
	s := &fileStore{parts: []storePart{{f: f, count: reps, stride: int64(8 * rows)}}}
	return s, func() { f.Close(); os.Remove(f.Name()) }, nil
}

// shard is a shard directory read for merging.
type shard struct {
	dir      string
	info     shardInfo
	scenario []byte
}

// readShard reads the shard.json, scenario.yaml and manifest.json of dir, checks every field
// of shard.json (see shardInfo.check) and that the manifest agrees with it (see
// checkShardManifest).
func readShard(dir string) (shard, error) {
	sh, b, err := readShardInfo(dir)
	if err != nil {
		return sh, err
	}
	if err := checkShardManifest(dir, sh.info, b); err != nil {
		return sh, err
	}
	return sh, nil
}

// readShardInfo reads the shard.json and scenario.yaml of dir and checks every field of
// shard.json (see shardInfo.check). It returns shard.json's text too.
func readShardInfo(dir string) (shard, []byte, error) {
	sh := shard{dir: dir}
	path := filepath.Join(dir, "shard.json")
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return sh, nil, fmt.Errorf("%s: not a shard directory (no shard.json; make one with placesim run --shard I/N)", dir)
		}
		return sh, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sh.info); err != nil {
		return sh, nil, jsonError(path, b, err)
	}
	if dec.More() {
		return sh, nil, fmt.Errorf("%s: more than one JSON object", path)
	}
	if sh.info.Format != shardFormat {
		return sh, nil, fmt.Errorf("%s:%s: format: shard format %d, this placesim reads format %d (run the shards again with this placesim)", path, fieldPos(b, "format"), sh.info.Format, shardFormat)
	}
	if err := sh.info.check(path, b); err != nil {
		return sh, nil, err
	}
	if sh.scenario, err = os.ReadFile(filepath.Join(dir, "scenario.yaml")); err != nil {
		return sh, nil, err
	}
	if got := sha(sh.scenario); got != sh.info.ScenarioSHA {
		return sh, nil, fmt.Errorf("%s: scenario.yaml has changed since the shard was run (its checksum no longer matches shard.json)", dir)
	}
	return sh, b, nil
}

// checkShardManifest reads the manifest.json of the shard directory dir and checks that it is
// a shard's, that it says what shard.json (info, read from the text b) says of the run, and
// that shard.json and scenario.yaml are as it records them. replications.bin's size and
// checksum must be those it records too; loadShards checks the file itself against them as it
// reads it.
func checkShardManifest(dir string, info shardInfo, b []byte) error {
	m, err := readManifest(dir)
	if errors.Is(err, errNoManifest) {
		return fmt.Errorf("%s: no %s: the shard was written by an older placesim; run it again with this one", dir, manifestName)
	}
	if err != nil {
		return err
	}
	mpath := filepath.Join(dir, manifestName)
	sh := m.Shard
	switch {
	case m.Command != "run" || sh == nil:
		return fmt.Errorf("%s: shard: the manifest is not a shard's", mpath)
	case m.Placesim != info.Placesim || len(m.Scenarios) != 1 || m.Scenarios[0].Name != info.Scenario || m.Scenarios[0].SHA256 != info.ScenarioSHA ||
		m.Seed != info.Seed || m.Reps != info.Reps || sh.Shard != info.Shard || sh.Shards != info.Shards || sh.First != info.First || sh.Count != info.Count ||
		!slices.Equal(m.Percentiles, info.Percentiles):
		return fmt.Errorf("%s: does not describe the run shard.json describes: the shard was changed since it was run; run it again", mpath)
	}
	if f, ok := m.file("shard.json"); !ok || f.SHA256 != sha(b) || f.Bytes != int64(len(b)) {
		return fmt.Errorf("%s: shard.json has changed since the shard was run (it no longer matches %s); run the shard again", dir, manifestName)
	}
	if err := m.checkFiles(dir, "scenario.yaml"); err != nil {
		return err
	}
	stride := int64(8 * (1 + info.Periods*info.KPIs + info.Months*info.Metrics))
	if f, ok := m.file("replications.bin"); !ok || f.SHA256 != info.ReplicationsSHA || f.Bytes != stride*int64(info.Count) {
		return fmt.Errorf("%s: replications.bin is not the one shard.json records: the shard was changed since it was run; run it again", mpath)
	}
	return nil
}

// check reports every field of a shard.json (read from path, whose text is b) that no run of
// placesim writes: each problem as path:line:col: field: message.
func (info shardInfo) check(path string, b []byte) error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%s: %s: %s", path, fieldPos(b, field), field, fmt.Sprintf(format, args...)))
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
		bad("replications", "replications %s go past the run's %d", repRange(info.First, info.Count), info.Reps)
	}
	if info.Reps >= 1 && info.Shards >= 1 && info.Shard >= 0 && info.Shard < info.Shards && info.First >= 0 && info.Count >= 0 {
		if first, count := (shardSpec{info.Shard, info.Shards}).span(info.Reps); first != info.First || count != info.Count {
			bad("first_replication", "shard %d/%d of %d replications runs %s, not %s", info.Shard, info.Shards, info.Reps, repRange(first, count), repRange(info.First, info.Count))
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

// jsonError turns an error of encoding/json decoding b, read from path, into one that says
// where: path:line:col: field: message.
func jsonError(path string, b []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s:%s: the file ends before its JSON does: it was cut short", path, offsetPos(b, int64(len(b))+1))
	case errors.As(err, &syntax):
		return fmt.Errorf("%s:%s: %v", path, offsetPos(b, syntax.Offset), err)
	case errors.As(err, &typ):
		pos := offsetPos(b, typ.Offset)
		if !strings.Contains(typ.Field, ".") && bytes.Contains(b, []byte(`"`+typ.Field+`"`)) {
			pos = fieldPos(b, typ.Field)
		}
		return fmt.Errorf("%s:%s: %s: want %s, not %s", path, pos, typ.Field, typ.Type, typ.Value)
	}
	return fmt.Errorf("%s: %v", path, err)
}

// fieldPos returns the line and column ("12:3") of the key field in the JSON text b, or of the
// text's start when the key is not there.
func fieldPos(b []byte, field string) string {
	i := bytes.Index(b, []byte(`"`+field+`"`))
	if i < 0 {
		return "1:1"
	}
	return offsetPos(b, int64(i)+1)
}

// offsetPos returns the line and column ("12:3") of the byte just before offset in b (encoding/
// json reports offsets just past the byte it stopped at).
func offsetPos(b []byte, offset int64) string {
	i := min(max(int(offset)-1, 0), len(b))
	line := 1 + bytes.Count(b[:i], []byte("\n"))
	col := i - bytes.LastIndexByte(b[:i], '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

// checkShards refuses shards that do not make one run together: different placesim versions,
// scenarios, seeds, replications or numbers of shards; the same shard twice or overlapping
// shards; and replications that no shard holds. It returns the shards in order of their
// replications.
func checkShards(shards []shard) ([]shard, error) {
	if len(shards) == 0 {
		return nil, errors.New("no shard directories given")
	}
	a := shards[0]
	for _, b := range shards[1:] {
		switch {
		case b.info.Placesim != a.info.Placesim:
			return nil, fmt.Errorf("%s was run by placesim %s and %s by placesim %s: merge shards of one version", b.dir, b.info.Placesim, a.dir, a.info.Placesim)
		case b.info.Seed != a.info.Seed:
			return nil, fmt.Errorf("%s was run with seed %d and %s with seed %d: merge shards of one seed", b.dir, b.info.Seed, a.dir, a.info.Seed)
		case b.info.Reps != a.info.Reps || b.info.Shards != a.info.Shards:
			return nil, fmt.Errorf("%s is shard %d/%d of %d replications and %s shard %d/%d of %d: merge shards of one run", b.dir, b.info.Shard, b.info.Shards, b.info.Reps, a.dir, a.info.Shard, a.info.Shards, a.info.Reps)
		case b.info.ScenarioSHA != a.info.ScenarioSHA:
			what := fmt.Sprintf("scenario %q and %s of scenario %q", b.info.Scenario, a.dir, a.info.Scenario)
			if b.info.Scenario == a.info.Scenario {
				what = fmt.Sprintf("a different version of scenario %q from %s", b.info.Scenario, a.dir)
			}
			return nil, fmt.Errorf("%s is of %s: merge shards of one scenario", b.dir, what)
		case !slices.Equal(b.info.Percentiles, a.info.Percentiles):
			return nil, fmt.Errorf("%s asks for percentiles %v and %s for %v: merge shards of one run", b.dir, b.info.Percentiles, a.dir, a.info.Percentiles)
		case b.info.Months != a.info.Months || b.info.Metrics != a.info.Metrics || b.info.KPIs != a.info.KPIs || b.info.Periods != a.info.Periods:
			return nil, fmt.Errorf("%s and %s record different metrics: merge shards of one run", b.dir, a.dir)
		}
	}
	sorted := slices.Clone(shards)
	slices.SortStableFunc(sorted, func(x, y shard) int { return x.info.First - y.info.First })
	var problems []string
	next := 0
	for i, sh := range sorted {
		if i > 0 && sh.info.Shard == sorted[i-1].info.Shard {
			return nil, fmt.Errorf("%s and %s are both shard %d/%d: give each shard once", sorted[i-1].dir, sh.dir, sh.info.Shard, sh.info.Shards)
		}
		if sh.info.First < next {
			return nil, fmt.Errorf("%s (replications %s) overlaps %s", sh.dir, repRange(sh.info.First, sh.info.Count), sorted[i-1].dir)
		}
		if sh.info.First > next {
			problems = append(problems, repRange(next, sh.info.First-next))
		}
		next = sh.info.First + sh.info.Count
	}
	if next < a.info.Reps {
		problems = append(problems, repRange(next, a.info.Reps-next))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("missing replications %s of %d: merge every shard of the run (%d shards were given, of %d)", strings.Join(problems, ", "), a.info.Reps, len(shards), a.info.Shards)
	}
	return sorted, nil
}

// repRange formats count replications from first, as "250-499".
func repRange(first, count int) string {
	if count == 1 {
		return strconv.Itoa(first)
	}
	return fmt.Sprintf("%d-%d", first, first+count-1)
}

// loadShards opens the replications of the sorted shards into res: KPIs in memory, monthly
// records read from the shards' files through a store. Every byte of each replications.bin is
// read once and checked against the checksum in shard.json, and every value against what
// placesim writes: no infinity anywhere, and NaN only in the KPIs that are shares (a share of
// nothing).
func loadShards(res *sim.Results, shards []shard) (*fileStore, error) {
	rows := len(res.Months) * len(res.Metrics)
	nK := len(res.Periods) * len(res.KPIs)
	stride := int64(8 * (1 + nK + rows))
	mayBeNaN := make([]bool, len(res.KPIs))
	for k, name := range res.KPIs {
		info, _ := sim.KPIInfo(name)
		mayBeNaN[k] = info.Unit == sim.Share
	}
	store := &fileStore{rows: len(res.Metrics)}
	fail := func(err error) (*fileStore, error) {
		store.close()
		return nil, err
	}
	for _, sh := range shards {
		if sh.info.Months != len(res.Months) || sh.info.Metrics != len(res.Metrics) || sh.info.KPIs != len(res.KPIs) || sh.info.Periods != len(res.Periods) {
			return fail(fmt.Errorf("%s records a different layout from this placesim's for its scenario", sh.dir))
		}
		path := filepath.Join(sh.dir, "replications.bin")
		f, err := os.Open(path)
		if err != nil {
			return fail(err)
		}
		store.parts = append(store.parts, storePart{f: f, first: len(res.Reps), count: sh.info.Count, base: int64(8 * (1 + nK)), stride: stride})
		st, err := f.Stat()
		if err != nil {
			return fail(err)
		}
		if want := stride * int64(sh.info.Count); st.Size() != want {
			return fail(fmt.Errorf("%s: holds %d bytes, want %d for %d replications: the shard is incomplete or damaged", path, st.Size(), want, sh.info.Count))
		}
		h := sha256.New()
		r := bufio.NewReaderSize(io.TeeReader(f, h), 1<<16)
		buf := make([]byte, stride)
		for j := range sh.info.Count {
			if _, err := io.ReadFull(r, buf); err != nil {
				return fail(fmt.Errorf("%s: %v", path, err))
			}
			at := int64(j) * stride
			rep := sim.Replication{Index: int(binary.LittleEndian.Uint64(buf)), KPIs: make([]float64, nK)}
			if rep.Index != sh.info.First+j {
				return fail(fmt.Errorf("%s: byte %d: holds replication %d where %d belongs", path, at, rep.Index, sh.info.First+j))
			}
			for k := range rep.KPIs {
				v := math.Float64frombits(binary.LittleEndian.Uint64(buf[8*(1+k):]))
				if math.IsInf(v, 0) || (math.IsNaN(v) && !mayBeNaN[k%len(res.KPIs)]) {
					return fail(fmt.Errorf("%s: byte %d: replication %d: %s in %s is %v, which placesim never writes there: the shard is damaged",
						path, at+int64(8*(1+k)), rep.Index, res.KPIs[k%len(res.KPIs)], res.Periods[k/len(res.KPIs)], v))
				}
				rep.KPIs[k] = v
			}
			for i := range rows {
				off := 8 * (1 + nK + i)
				if v := math.Float64frombits(binary.LittleEndian.Uint64(buf[off:])); math.IsInf(v, 0) || math.IsNaN(v) {
					return fail(fmt.Errorf("%s: byte %d: replication %d: %s in %s is %v, which placesim never writes: the shard is damaged",
						path, at+int64(off), rep.Index, res.Metrics[i%len(res.Metrics)], res.Months[i/len(res.Metrics)].Format("2006-01"), v))
				}
			}
			res.Reps = append(res.Reps, rep)
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != sh.info.ReplicationsSHA {
			return fail(fmt.Errorf("%s: its checksum does not match replications_sha256 in shard.json: the shard is damaged or was changed since it was run; run it again", path))
		}
	}
	res.Store = store
	return store, nil
}
