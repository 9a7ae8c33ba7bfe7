package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
)

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
	return false, fmt.Errorf("%s=%q: want 1, true or yes to take the shard from the scheduler, or 0, false, no or nothing not to (in any case)", shardEnvVar, getenv(shardEnvVar))
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
// for, so finding neither variable is an error, and so is finding both: either could be a
// leftover of the environment the task was started from.
func shardFromEnv(getenv func(string) string, shards int) (sp shard.Spec, source string, err error) {
	if slurm, k8s := getenv("SLURM_ARRAY_TASK_ID"), getenv("JOB_COMPLETION_INDEX"); slurm != "" && k8s != "" {
		return shard.Spec{}, "", fmt.Errorf("both SLURM_ARRAY_TASK_ID=%s (a Slurm job array) and JOB_COMPLETION_INDEX=%s (a Kubernetes Indexed Job) are set, and placesim cannot tell which gives this task's shard: unset the one that does not, or give the shard with --shard I/N", slurm, k8s)
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		if err := scenarios.PlusSign(id); err != nil {
			return shard.Spec{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID %v", err)
		}
		sp, err := slurmShard(getenv, id, shards)
		if err != nil {
			return sp, "", err
		}
		return sp, "SLURM_ARRAY_TASK_ID", nil
	}
	if id := getenv("JOB_COMPLETION_INDEX"); id != "" {
		if err := scenarios.PlusSign(id); err != nil {
			return shard.Spec{}, "", fmt.Errorf("JOB_COMPLETION_INDEX %v", err)
		}
		if shards < 1 {
			return shard.Spec{}, "", fmt.Errorf("JOB_COMPLETION_INDEX=%s is set: give the number of shards with --shards (the Job's completions)", id)
		}
		sp, err := shard.ParseSpec(id + "/" + strconv.Itoa(shards))
		if err != nil {
			return sp, "", fmt.Errorf("JOB_COMPLETION_INDEX=%s with --shards %d: %v", id, shards, err)
		}
		return sp, "JOB_COMPLETION_INDEX", nil
	}
	return shard.Spec{}, "", errors.New("the shard is to come from the environment, but neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set")
}

// slurmShard finds the shard of task id of a Slurm job array: task I of an array numbered 0 to
// N-1 (SLURM_ARRAY_TASK_MIN to SLURM_ARRAY_TASK_MAX, SLURM_ARRAY_TASK_COUNT tasks) runs shard
// I/N. shards is --shards, 0 when not given: it stands for SLURM_ARRAY_TASK_COUNT where Slurm
// does not set it, and must agree with it where it does. An array numbered otherwise is refused,
// saying what to submit: an array from 1 or with a step leaves shards missing, and an array of
// one task (--array=2, as when a failed task is submitted again) cannot say of how many shards
// its task is one.
func slurmShard(getenv func(string) string, id string, shards int) (shard.Spec, error) {
	count, first, last := getenv("SLURM_ARRAY_TASK_COUNT"), getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_MAX")
	switch {
	case count == "" && shards > 0:
		count = strconv.Itoa(shards)
	case count == "":
		return shard.Spec{}, fmt.Errorf("SLURM_ARRAY_TASK_ID=%s is set, but SLURM_ARRAY_TASK_COUNT is not: submit the job as an array of N tasks numbered from 0 (sbatch --array=0-<N-1>), or give the number of shards with --shards N", id)
	case shards > 0 && count != strconv.Itoa(shards):
		return shard.Spec{}, fmt.Errorf("--shards %d, but the array has SLURM_ARRAY_TASK_COUNT=%s tasks: leave --shards out, as the array says how many shards there are", shards, count)
	}
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 {
		return shard.Spec{}, fmt.Errorf("SLURM_ARRAY_TASK_COUNT=%s: want the number of the array's tasks, 1 or more", count)
	}
	if n == 1 && first != "" && first != "0" && first == last {
		return shard.Spec{}, fmt.Errorf("SLURM_ARRAY_TASK_ID=%s is the only task of its array (--array=%s, as when a failed task is submitted again): its shard is task %s's of the run's array, but this array cannot say of how many shards. "+
			"Run that task again with scontrol requeue <array job id>_%s, or run its shard with the array's arguments: placesim run ... --shard %s/N --out RUN_DIR/shard-%s, N being the number of the run's tasks",
			id, first, first, first, first, first)
	}
	if (first != "" && first != "0") || (last != "" && last != strconv.Itoa(n-1)) {
		return shard.Spec{}, fmt.Errorf("the array is tasks %s to %s, SLURM_ARRAY_TASK_COUNT=%s of them: shard I of N is task I of tasks 0 to N-1, so submit it as --array=0-%d", orUnknown(first), orUnknown(last), count, n-1)
	}
	sp, err := shard.ParseSpec(id + "/" + count)
	if err != nil {
		return sp, fmt.Errorf("SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_COUNT=%s: %v (submit the array as --array=0-%d)", id, count, err, n-1)
	}
	return sp, nil
}

// orUnknown returns s, or "?" when it is empty (a variable Slurm did not set).
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// shardFiles returns the files of a shard directory: shard.json, scenario.yaml (the same bytes
// as the whole run's) and replications.bin (see package shard). It fills in info's checksum of
// replications.bin and its length, which takes one pass over the replications.
func shardFiles(info shard.Info, scenarioYAML []byte, res *sim.Results) ([]outputFile, error) {
	h := sha256.New()
	n, err := shard.WriteReplications(h, res)
	if err != nil {
		return nil, err
	}
	info.ReplicationsSHA, info.ReplicationsBytes = hex.EncodeToString(h.Sum(nil)), n
	return []outputFile{
		{"shard.json", info.Encode},
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(scenarioYAML); return err }},
		{"replications.bin", func(w io.Writer) error { _, err := shard.WriteReplications(w, res); return err }},
	}, nil
}

// sha returns the SHA-256 of b in hexadecimal, as manifest.json and shard.json record it.
func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// fileStore is a sim.MonthlyStore in a file: record pos at offset base + pos·stride (or, for a
// part with offsets, base + its offset), its rows of metrics as little-endian float64s. A run
// of many replications keeps its records there instead of in memory; a merge reads the shards'
// KPIs where they lie.
type fileStore struct {
	parts []storePart
	rows  int // values in a month's row
}

// storePart is one file holding the records of positions [first, first+count).
type storePart struct {
	f            *os.File
	first, count int
	base, stride int64
	offs         []int64 // where each record starts, if not at multiples of stride
}

// at returns where the record of position pos, one of p's, starts.
func (p *storePart) at(pos int) int64 {
	if p.offs != nil {
		return p.base + p.offs[pos-p.first]
	}
	return p.base + int64(pos-p.first)*p.stride
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
	bp := storeBuffer(8 * len(monthly))
	defer storeBuffers.Put(bp)
	b := *bp
	for i, v := range monthly {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	_, err = p.f.WriteAt(b, p.at(pos))
	return inTempFolder(err)
}

// storeBuffers holds the byte buffers a fileStore's reads and writes go through, so that
// reading 1,000 replications' records back for every file does not make as many again of
// garbage.
var storeBuffers sync.Pool

// storeBuffer returns a buffer of n bytes from storeBuffers; the caller puts it back.
func storeBuffer(n int) *[]byte {
	bp, _ := storeBuffers.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	if cap(*bp) < n {
		*bp = make([]byte, n)
	}
	*bp = (*bp)[:n]
	return bp
}

// Get reads rows [from, to) of the record of position pos.
func (s *fileStore) Get(pos, from, to int, dst []float64) error {
	p, err := s.part(pos)
	if err != nil {
		return err
	}
	bp := storeBuffer(8 * len(dst))
	defer storeBuffers.Put(bp)
	b := *bp
	off := p.at(pos) + int64(8*from*s.rows)
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

// memoryBudget is how many bytes of monthly records a run keeps in memory, packed
// (sim.Options.MemoryBytes); a larger run keeps the rest in a temporary file, packed too, so
// memory stays bounded however many replications are asked for. The queueing check's 2,000
// replications (220 MB of records, 15 MB packed) stay in memory and never touch the file; the
// default county's 1,000 (190 MB, 45 MB packed) go to the file: reading them back costs less
// than collecting the garbage of so large a heap, and the peak is 30% lower.
var memoryBudget int64 = 32 << 20

// tempStore returns a store in a new temporary file for reps records of months rows of metrics
// values each, kept packed (sim.PackedStore), or nil when they fit in memoryBudget as they are.
// The caller removes the file with cleanup.
func tempStore(reps, months, metrics int) (store *sim.PackedStore, cleanup func(), err error) {
	if int64(reps)*int64(months*metrics)*8 <= memoryBudget {
		return nil, func() {}, nil
	}
	return packedStoreFor(months, metrics)
}

// packedStoreFor returns a store in a new temporary file for records of months rows of metrics
// values each, kept packed (sim.PackedStore). The caller removes the file with cleanup.
func packedStoreFor(months, metrics int) (store *sim.PackedStore, cleanup func(), err error) {
	f, release, err := tempFile("placesim-monthly-*.bin")
	if err != nil {
		return nil, nil, err
	}
	return sim.NewPackedStore(tempRecordFile{f}, months, metrics), release, nil
}

// fileStoreFor returns a store in a new temporary file for reps records of months rows of
// metrics values each. The caller removes the file with cleanup.
func fileStoreFor(reps, months, metrics int) (store *fileStore, cleanup func(), err error) {
	f, release, err := tempFile("placesim-monthly-*.bin")
	if err != nil {
		return nil, nil, err
	}
	s := &fileStore{rows: metrics, parts: []storePart{{f: f, count: reps, stride: int64(8 * months * metrics)}}}
	return s, release, nil
}

// readShard reads the shard.json, scenario.yaml and manifest.json of dir, checks every field
// of shard.json (see shard.Parse) and that the manifest agrees with it (see
// checkShardManifest).
func readShard(dir string) (shard.Part, error) {
	sh, b, err := readShardInfo(dir)
	if err != nil {
		return sh, err
	}
	if err := checkShardManifest(dir, sh.Info, b); err != nil {
		return sh, err
	}
	return sh, nil
}

// readShardInfo reads the shard.json and scenario.yaml of dir and checks every field of
// shard.json (see shard.Parse). It returns shard.json's text too.
func readShardInfo(dir string) (shard.Part, []byte, error) {
	sh := shard.Part{Dir: dir}
	path := filepath.Join(dir, "shard.json")
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return sh, nil, fmt.Errorf("%s: not a shard directory (no shard.json; make one with placesim run --shard I/N)", dir)
		}
		return sh, nil, err
	}
	if sh.Info, err = shard.Parse(path, b); err != nil {
		return sh, nil, err
	}
	if sh.Scenario, err = os.ReadFile(filepath.Join(dir, "scenario.yaml")); errors.Is(err, fs.ErrNotExist) {
		return sh, nil, missingShardFile(dir, "scenario.yaml", sh.Info)
	} else if err != nil {
		return sh, nil, err
	}
	if err := sh.Info.CheckScenario(dir, sh.Scenario); err != nil {
		return sh, nil, err
	}
	return sh, b, nil
}

// missingShardFile is the error for the file name of the shard folder dir (of the shard info
// describes) that is not there: the manifest that lists it is dir's, or for a council's folder
// inside a region's shard the region shard's; shard.json records it where neither does.
func missingShardFile(dir, name string, info shard.Info) error {
	parent, council := filepath.Dir(filepath.Clean(dir)), filepath.Base(filepath.Clean(dir))
	if m, err := readManifest(dir); err == nil {
		if _, ok := m.file(name); ok {
			return missingListed(dir, name, info.Shard, info.Shards)
		}
	} else if m, err := readManifest(parent); err == nil && m.Region != "" {
		if _, ok := m.file(council + "/" + name); ok {
			return missingListed(parent, council+"/"+name, info.Shard, info.Shards)
		}
	}
	return fmt.Errorf("%s: missing, though shard.json records it: run shard %d/%d again", filepath.Join(dir, name), info.Shard, info.Shards)
}

// councilFolder says, when dir is a council's folder inside a region's shard (which holds the
// council's shard.json, but no manifest of its own), what it is and what to merge instead; ""
// otherwise.
func councilFolder(dir string) string {
	parent, council := filepath.Dir(filepath.Clean(dir)), filepath.Base(filepath.Clean(dir))
	m, err := readManifest(parent)
	if err != nil || m.Region == "" || m.Shard == nil {
		return ""
	}
	if _, ok := m.file(council + "/shard.json"); !ok {
		return ""
	}
	return fmt.Sprintf("%s is council %s's folder inside %s, shard %d/%d of region %q: merge the region's shard folders (%s and the others of its run), not a council's folder inside one",
		dir, council, parent, m.Shard.Shard, m.Shard.Shards, m.Region, parent)
}

// checkShardManifest reads the manifest.json of the shard directory dir and checks that it is
// a shard's, that it says what shard.json (info, read from the text b) says of the run, and
// that shard.json and scenario.yaml are as it records them. replications.bin's size and
// checksum must be those it records too; loadShards checks the file itself against them as it
// reads it.
func checkShardManifest(dir string, info shard.Info, b []byte) error {
	m, err := readManifest(dir)
	if errors.Is(err, errNoManifest) {
		// A write in place puts manifest.json in last, after the others: until then its
		// temporary folder is inside.
		if inside, _ := filepath.Glob(filepath.Join(dir, insideTmpPrefix+"*")); len(inside) > 0 {
			return fmt.Errorf("%s: no %s yet, and %s holds a write that did not finish: a run is still writing this shard, or was killed while it did; wait for it, or run the shard again", dir, manifestName, filepath.Base(inside[0]))
		}
		if why := councilFolder(dir); why != "" {
			return errors.New(why)
		}
		return fmt.Errorf("%s: no %s: it was removed, or the shard was written by an older placesim; run the shard again with this one", dir, manifestName)
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
	if f, ok := m.file("replications.bin"); !ok || f.SHA256 != info.ReplicationsSHA || f.Bytes != info.ReplicationsBytes {
		return fmt.Errorf("%s: replications.bin is not the one shard.json records: the shard was changed since it was run; run it again", mpath)
	}
	return nil
}

// loadShards opens the replications of the sorted shards into res: KPIs in memory (or, with
// kpisOnDisk, left in the shards' files for kpiStoreOf), monthly records read packed from the
// shards' files where they lie, through a sim.PackedStore. Every byte of each replications.bin
// is read once and checked (see shard.ReadReplications). The store returned holds the files,
// which its close closes.
func loadShards(res *sim.Results, shards []shard.Part, kpisOnDisk bool) (*fileStore, error) {
	store := &fileStore{rows: len(res.Metrics)}
	fail := func(err error) (*fileStore, error) {
		store.close()
		return nil, err
	}
	files := &shardFilesAt{}
	packed := sim.NewPackedStore(files, len(res.Months), len(res.Metrics))
	for _, sh := range shards {
		if err := sh.Info.CheckLayout(sh.Dir, res); err != nil {
			return fail(err)
		}
		path := filepath.Join(sh.Dir, "replications.bin")
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			return fail(missingShardFile(sh.Dir, "replications.bin", sh.Info))
		} else if err != nil {
			return fail(err)
		}
		store.parts = append(store.parts, storePart{f: f, first: len(res.Reps), count: sh.Info.Count})
		st, err := f.Stat()
		if err != nil {
			return fail(err)
		}
		if err := sh.Info.CheckSize(path, st.Size()); err != nil {
			return fail(err)
		}
		read := shard.ReadReplications
		if kpisOnDisk {
			read = shard.CheckReplications
		}
		first := len(res.Reps)
		recs, err := read(f, path, sh.Info, res)
		if err != nil {
			return fail(err)
		}
		part := &store.parts[len(store.parts)-1]
		part.offs = make([]int64, len(recs))
		for j, r := range recs {
			part.offs[j] = r.At
			if err := packed.Adopt(first+j, files.offset(len(files.fs), r.RowsAt), r.Cols, r.Consts); err != nil {
				return fail(fmt.Errorf("%s: replication %d: %v", path, sh.Info.First+j+1, err))
			}
		}
		files.fs = append(files.fs, f)
	}
	res.Store = packed
	return store, nil
}

// shardFilesAt reads the shards' replications.bin files as one sim.RecordFile: offset
// i<<shardFileBits + off is byte off of the i-th. A merge only reads them.
type shardFilesAt struct{ fs []*os.File }

// shardFileBits is the bits of an offset in shardFilesAt that are an offset within one file:
// a file of up to 1 TB.
const shardFileBits = 40

func (s *shardFilesAt) offset(i int, off int64) int64 { return int64(i)<<shardFileBits | off }

// ReadAt reads from the file and place off says.
func (s *shardFilesAt) ReadAt(b []byte, off int64) (int, error) {
	i := int(off >> shardFileBits)
	if i < 0 || i >= len(s.fs) {
		return 0, fmt.Errorf("no shard file %d", i)
	}
	return s.fs[i].ReadAt(b, off&(1<<shardFileBits-1))
}

// WriteAt refuses: a merge never writes into a shard.
func (s *shardFilesAt) WriteAt(b []byte, off int64) (int, error) {
	return 0, errors.New("a shard's replications.bin is read only")
}
