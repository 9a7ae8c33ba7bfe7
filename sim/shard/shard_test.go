package shard_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
)

func TestParseSpec(t *testing.T) {
	for _, tt := range []struct {
		in        string
		ok        bool
		first, nr int
	}{
		{"0/4", true, 0, 25}, {"3/4", true, 75, 25}, {"1/3", true, 33, 33}, {"2/3", true, 66, 34},
		{"4/4", false, 0, 0}, {"-1/4", false, 0, 0}, {"1", false, 0, 0}, {"a/b", false, 0, 0}, {"0/0", false, 0, 0},
		// Spaces are refused, as in every number placesim reads from a flag (--seed " 7").
		{" 1/3", false, 0, 0}, {"1/3 ", false, 0, 0}, {"1 / 3", false, 0, 0},
		// So are + signs, which strconv.Atoi takes.
		{"+1/3", false, 0, 0}, {"1/+3", false, 0, 0},
	} {
		sp, err := shard.ParseSpec(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseSpec(%q): error %v", tt.in, err)
			continue
		}
		if tt.ok {
			if first, n := sp.Span(100); first != tt.first || n != tt.nr {
				t.Errorf("shard %s of 100: %d from %d, want %d from %d", tt.in, n, first, tt.nr, tt.first)
			}
			if sp.String() != strings.TrimSpace(tt.in) {
				t.Errorf("shard %q prints as %q", tt.in, sp)
			}
		} else if want := fmt.Sprintf("%q: want I/N with 0 <= I < N, such as 0/4", tt.in); strings.Contains(tt.in, " ") {
			if want += ", without spaces"; err.Error() != want {
				t.Errorf("ParseSpec(%q): error %q, want %q", tt.in, err, want)
			}
		} else if err.Error() != want {
			t.Errorf("ParseSpec(%q): error %q, want %q", tt.in, err, want)
		}
	}
}

func TestRepRange(t *testing.T) {
	for _, tt := range []struct {
		first, count int
		want         string
	}{{250, 250, "251-500"}, {7, 1, "8"}, {0, 2, "1-2"}, {0, 0, "none"}, {4, 0, "none"}} {
		if got := shard.RepRange(tt.first, tt.count); got != tt.want {
			t.Errorf("RepRange(%d, %d) = %q, want %q", tt.first, tt.count, got, tt.want)
		}
	}
}

// TestReplications checks what a shard says it ran, for every shard of a run of 8 replications
// in 10 shards, numbered from 1 as every message numbers them (shard 6/10 runs the fifth,
// which had been "replication 4 of 8"): the shards with none say so.
func TestReplications(t *testing.T) {
	want := []string{
		"no replications of 8", "replication 1 of 8", "replication 2 of 8", "replication 3 of 8", "replication 4 of 8",
		"no replications of 8", "replication 5 of 8", "replication 6 of 8", "replication 7 of 8", "replication 8 of 8",
	}
	for i, w := range want {
		first, count := shard.Spec{I: i, N: 10}.Span(8)
		if got := shard.Replications(first, count, 8); got != w {
			t.Errorf("shard %d/10 of 8 replications: %q, want %q", i, got, w)
		}
	}
	if got := shard.Replications(250, 250, 1000); got != "replications 251-500 of 1000" {
		t.Errorf("shard 1/4 of 1000 replications: %q", got)
	}
}

// results is a hand-made run of reps replications from first: two KPIs (one a share) in two
// periods, two metrics over two months.
func results(first, reps int) *sim.Results {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	res := &sim.Results{
		Months:  []time.Time{start, start.AddDate(0, 1, 0)},
		Metrics: []string{"children_in_care", "vacancies"},
		KPIs:    []string{"cost_total", "first_choice_share"},
		Periods: []string{"2026/27", "all"},
	}
	for i := first; i < first+reps; i++ {
		f := float64(i)
		res.Reps = append(res.Reps, sim.Replication{
			Index:   i,
			KPIs:    []float64{1000 + f, 0.5, 2000 + f, math.NaN()}, // a share of nothing in all
			Monthly: []float64{10 + f, 1.5, 11 + f, 2},              // children whole, vacancies not
		})
	}
	return res
}

// info returns the shard.json of shard sp of a run of reps replications of results, with
// the checksums of scenario and bin.
func info(sp shard.Spec, reps int, scenario, bin []byte) shard.Info {
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	first, count := sp.Span(reps)
	return shard.Info{
		Format: shard.Format, Placesim: "dev", Scenario: "tiny", ScenarioSHA: sum(scenario), ReplicationsSHA: sum(bin),
		Seed: 1, Reps: reps, Shard: sp.I, Shards: sp.N, First: first, Count: count,
		Percentiles: []float64{5, 50, 95}, Months: 2, Metrics: 2, Periods: 2, KPIs: 2,
		ReplicationsBytes: int64(len(bin)),
	}
}

// TestInfoRoundTrip checks that a shard.json Encode writes is one Parse reads back the same,
// with the layout's sizes and the checks of the other files against it.
func TestInfoRoundTrip(t *testing.T) {
	scenario := []byte("name: tiny\n")
	in := info(shard.Spec{I: 1, N: 4}, 8, scenario, nil)
	var b bytes.Buffer
	if err := in.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "{\n  \"format\": 3,\n  \"placesim\": \"dev\",") || !strings.HasSuffix(b.String(), "}\n") {
		t.Errorf("shard.json is\n%s", b.String())
	}
	out, err := shard.Parse("s1/shard.json", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(out) != fmt.Sprint(in) {
		t.Errorf("read back %+v, wrote %+v", out, in)
	}
	if err := out.CheckScenario("s1", scenario); err != nil {
		t.Error(err)
	}
	if err := out.CheckScenario("s1", []byte("name: other\n")); err == nil || err.Error() != "s1: scenario.yaml has changed since the shard was run (its checksum no longer matches shard.json)" {
		t.Errorf("another scenario.yaml: %v", err)
	}
	out.ReplicationsBytes = 160
	if err := out.CheckSize("s1/replications.bin", 160); err != nil {
		t.Error(err)
	}
	if err := out.CheckSize("s1/replications.bin", 80); err == nil || err.Error() != "s1/replications.bin: holds 80 bytes, want 160 for 2 replications: the shard is incomplete or damaged" {
		t.Errorf("a cut replications.bin: %v", err)
	}
	if err := out.CheckLayout("s1", results(0, 0)); err != nil {
		t.Error(err)
	}
	other := results(0, 0)
	other.Metrics = other.Metrics[:1]
	if err := out.CheckLayout("s1", other); err == nil || err.Error() != "s1 records a different layout from this placesim's for its scenario" {
		t.Errorf("another layout: %v", err)
	}
}

// TestParseRefuses checks that Parse names the file, line, column and field of each problem,
// every one at once.
func TestParseRefuses(t *testing.T) {
	var good bytes.Buffer
	if err := info(shard.Spec{I: 1, N: 4}, 8, nil, nil).Encode(&good); err != nil {
		t.Fatal(err)
	}
	// set gives field (a number or a string) the JSON value v.
	set := func(field, v string) string {
		return regexp.MustCompile(`("`+field+`": )[^,\n]*`).ReplaceAllLiteralString(good.String(), `"`+field+`": `+v)
	}
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"negative first replication", set("first_replication", "-3"), []string{"s1/shard.json:12:3: first_replication: must be at least 0, not -3"}},
		{"past the run", set("replications", "30"), []string{"s1/shard.json:13:3: replications: replications 3-32 go past the run's 8"}},
		{"not the shard's", set("first_replication", "3"), []string{"s1/shard.json:12:3: first_replication: shard 1/4 of 8 replications runs 3-4 (first_replication 2, replications 2), not 4-5 (3, 2)"}},
		{"shard out of range", set("shard", "5"), []string{"s1/shard.json:10:3: shard: must be from 0 to shards-1 (3), not 5"}},
		{"not a checksum", set("replications_sha256", `"abc"`), []string{`s1/shard.json:6:3: replications_sha256: must be a SHA-256 checksum (64 hexadecimal digits), not "abc"`}},
		{"wrong type", set("reps", `"eight"`), []string{"s1/shard.json:9:3: reps: want a whole number, not a string"}},
		{"a fraction", set("reps", `8.5`), []string{"s1/shard.json:9:3: reps: want a whole number, not 8.5"}},
		{"a negative seed", set("seed", `-1`), []string{"s1/shard.json:7:3: seed: want a whole number, 0 or more, not -1"}},
		{"wrong type in a list", strings.Replace(good.String(), "95\n", "\"95\"\n", 1), []string{"s1/shard.json:17:5: percentiles[2]: want a number, not a string"}},
		{"a list, not an object", "[]", []string{"s1/shard.json:1:1: want an object, not a list"}},
		{"a string, not an object", `"shard"`, []string{"s1/shard.json:1:7: want an object, not a string"}},
		{"empty", "", []string{"s1/shard.json:1:1: the file is empty, where a JSON object belongs"}},
		{"only white space", "\n\n", []string{"s1/shard.json:1:1: the file is empty"}},
		{"older format", set("format", "1"), []string{"s1/shard.json:2:3: format: shard format 1, this placesim reads format 3 (run the shards again with this placesim)"}},
		{"unknown field", strings.Replace(good.String(), "{", `{"extra": 1,`, 1), []string{`s1/shard.json:1:2: extra: unknown field "extra": placesim writes no such field`}},
		{"unknown field, after one of its name in another case", strings.Replace(good.String(), "\n}", `, "Reps": 8, "Reps2": 1}`, 1), []string{`s1/shard.json:23:39: Reps2: unknown field "Reps2"`}},
		{"not JSON", "{\n  \"format\": 2,\n  oops\n}", []string{"s1/shard.json:3:3: a field's name belongs here, in double quotes, not oops"}},
		{"cut short", good.String()[:40], []string{"s1/shard.json:4:3: the file ends before its JSON does: it was cut short"}},
		{"two objects", good.String() + "{}", []string{"s1/shard.json:25:1: more than one JSON object"}},
		{"a closing brace too many", good.String() + "}", []string{"s1/shard.json:25:1: text after the JSON object"}},
		{"every problem at once", strings.NewReplacer(`"reps": 8`, `"reps": 0`, `"months": 2`, `"months": 0`, `"placesim": "dev"`, `"placesim": ""`).Replace(good.String()),
			[]string{"placesim: must name the placesim version", "reps: must be at least 1, not 0", "months: must be at least 1, not 0"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := shard.Parse("s1/shard.json", []byte(tt.text))
			if err == nil {
				t.Fatalf("accepted\n%s", tt.text)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say %q", err, w)
				}
			}
		})
	}
}

// TestCheck checks the rules by which shards make one run together, with the messages merge
// gives.
func TestCheck(t *testing.T) {
	// part is a shard of scenario "tiny" run for 10 years, or for years, the line given.
	part := func(dir string, sp shard.Spec, reps int, edit func(*shard.Info), years ...string) shard.Part {
		scenario := "name: tiny\nyears: 10\n"
		if len(years) > 0 {
			scenario = "name: tiny\n" + years[0]
		}
		in := info(sp, reps, []byte(scenario), nil)
		if edit != nil {
			edit(&in)
		}
		return shard.Part{Dir: dir, Info: in, Scenario: []byte(scenario)}
	}
	region := func(p shard.Part) shard.Part { p.Region = true; return p }
	s0, s1, s2 := part("s0", shard.Spec{I: 0, N: 3}, 9, nil), part("s1", shard.Spec{I: 1, N: 3}, 9, nil), part("s2", shard.Spec{I: 2, N: 3}, 9, nil)
	for _, tt := range []struct {
		name  string
		parts []shard.Part
		want  string // the error, or "" and the directories in order
	}{
		{"in any order", []shard.Part{s2, s0, s1}, ""},
		{"none", nil, "no shard directories given"},
		{"missing", []shard.Part{s0, s2}, "missing replications 4-6 of 9: merge every shard of the run (2 shards were given, of 3)"},
		{"missing several", []shard.Part{s1}, "missing replications 1-3, 7-9 of 9: merge every shard of the run (1 shard was given, of 3)"},
		{"twice", []shard.Part{s0, s1, s1, s2}, "s1 and s1 are both shard 1/3: give each shard once"},
		{"version", []shard.Part{s0, part("v", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Placesim = "v2" }), s2},
			"v was run by placesim v2 and s0 by placesim dev: merge shards of one version"},
		{"seed", []shard.Part{s0, part("seed", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Seed = 9 }), s2},
			"seed was run with seed 9 and s0 with seed 1: merge shards of one seed"},
		{"replications", []shard.Part{s0, part("r", shard.Spec{I: 1, N: 3}, 12, nil), s2},
			"r is shard 1/3 of 12 replications and s0 shard 0/3 of 9: merge shards of one run"},
		{"scenario version", []shard.Part{s0, part("o", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.ScenarioSHA = strings.Repeat("0", 64) }, "years: 5\n"), s2},
			`o and s0 are of scenario "tiny" run otherwise: years is 5 in o and 10 in s0: merge shards of one scenario, run with the same --years and --set`},
		{"scenario", []shard.Part{s0, part("o", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Scenario, in.ScenarioSHA = "big", strings.Repeat("0", 64) }), s2},
			`o is of scenario "big" and s0 of scenario "tiny": merge shards of one scenario`},
		{"region version", []shard.Part{region(s0), region(part("o", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.ScenarioSHA = strings.Repeat("0", 64) }, "years: 5\n")), region(s2)},
			`o and s0 are of region "tiny" run otherwise: years is 5 in o and 10 in s0: merge shards of one region`},
		{"region", []shard.Part{region(s0), region(part("o", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Scenario, in.ScenarioSHA = "big", strings.Repeat("0", 64) })), region(s2)},
			`o is of region "big" and s0 of region "tiny": merge shards of one region`},
		{"percentiles", []shard.Part{s0, part("p", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Percentiles = []float64{10, 50, 90} }), s2},
			"p asks for percentiles [10 50 90] and s0 for [5 50 95]: merge shards of one run"},
		{"layout", []shard.Part{s0, part("l", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Months = 3 }), s2},
			"l and s0 record different metrics: merge shards of one run"},
		{"overlap", []shard.Part{s0, part("x", shard.Spec{I: 1, N: 3}, 9, func(in *shard.Info) { in.Shard, in.First = 2, 2 }), s2},
			"x (replications 3-5) overlaps s0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shard.Check(tt.parts)
			if tt.want != "" {
				if err == nil || err.Error() != tt.want {
					t.Errorf("error %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var dirs []string
			for _, p := range got {
				dirs = append(dirs, p.Dir)
			}
			if strings.Join(dirs, ",") != "s0,s1,s2" {
				t.Errorf("shards in order %v", dirs)
			}
		})
	}
}

// bin returns replications.bin of res.
func bin(t *testing.T, res *sim.Results) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := shard.WriteReplications(&b, res)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(b.Len()) {
		t.Errorf("WriteReplications says it wrote %d bytes, and wrote %d", n, b.Len())
	}
	return b.Bytes()
}

// stride is the length of a record of results' replications in replications.bin: its number
// (8 bytes), 2 KPIs in 2 periods (32), how its 2 metrics are packed (12, then 4 for each
// metric that moved) and its 2 months, each vacancies in full (8) and children as a whole
// number (2).
const stride = 8 + 32 + 12 + 8 + 2*(8+2)

// TestReplicationsRoundTrip writes replications 3 to 5 and reads them back: their numbers and
// KPIs, a share of nothing (NaN) kept, and where each lies with its monthly record packed.
func TestReplicationsRoundTrip(t *testing.T) {
	want := results(3, 3)
	b := bin(t, want)
	in := info(shard.Spec{I: 1, N: 3}, 9, nil, b)
	if len(b) != stride*3 {
		t.Fatalf("replications.bin holds %d bytes, want %d", len(b), stride*3)
	}
	if got := int64(binary.LittleEndian.Uint64(b[stride:])); got != 4 {
		t.Errorf("the second record is of replication %d, want 4", got)
	}
	got := results(0, 0)
	recs, err := shard.ReadReplications(bytes.NewReader(b), "s1/replications.bin", in, got)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Reps[1].Index, got.Reps[1].KPIs) != fmt.Sprint(want.Reps[1].Index, want.Reps[1].KPIs) || len(got.Reps) != 3 {
		t.Errorf("read %v, wrote %v", got.Reps, want.Reps)
	}
	if got.Reps[0].Monthly != nil {
		t.Error("the monthly records were kept in memory")
	}
	if len(recs) != 3 || recs[1].At != stride || recs[1].RowsAt != stride+60 ||
		fmt.Sprint(recs[1].Cols) != "{[] [0] [1]}" || len(recs[1].Consts) != 0 {
		t.Fatalf("records %+v", recs)
	}
	// The months of replication 4 where the record says they lie: vacancies in full, then
	// children as a whole number.
	if v, c := math.Float64frombits(binary.LittleEndian.Uint64(b[recs[1].RowsAt:])), int16(binary.LittleEndian.Uint16(b[recs[1].RowsAt+8:])); v != 1.5 || c != 14 {
		t.Errorf("replication 4's first month: vacancies %v, children %d; want 1.5 and 14", v, c)
	}
	// A PackedStore reads the months back from where they lie, bit for bit.
	ps := sim.NewPackedStore(readerAt{bytes.NewReader(b)}, 2, 2)
	for i, r := range recs {
		if err := ps.Adopt(i, r.RowsAt, r.Cols, r.Consts); err != nil {
			t.Fatal(err)
		}
		month := make([]float64, 4)
		if err := ps.Get(i, 0, 2, month); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(month) != fmt.Sprint(want.Reps[i].Monthly) {
			t.Errorf("replication %d's months read back %v, wrote %v", i+4, month, want.Reps[i].Monthly)
		}
	}
	// CheckReplications reads the same replications and leaves their KPIs in the file.
	checked := results(0, 0)
	if _, err := shard.CheckReplications(bytes.NewReader(b), "s1/replications.bin", in, checked); err != nil {
		t.Fatal(err)
	}
	if len(checked.Reps) != 3 || checked.Reps[1].Index != 4 || checked.Reps[1].KPIs != nil {
		t.Errorf("checked %v, want replications 3 to 5 without their KPIs", checked.Reps)
	}
	if got := math.Float64frombits(binary.LittleEndian.Uint64(b[recs[1].At+shard.KPIsOffset:])); got != want.Reps[1].KPIs[0] {
		t.Errorf("the second record's first KPI, at KPIsOffset, is %v, want %v", got, want.Reps[1].KPIs[0])
	}
}

// readerAt is a sim.RecordFile that only reads.
type readerAt struct{ *bytes.Reader }

func (readerAt) WriteAt([]byte, int64) (int, error) { return 0, fmt.Errorf("read only") }

// TestWriteReplicationsPacks requires replications.bin to hold each month only of the metrics
// that moved: a metric 0 throughout takes no room, one constant throughout takes one value, a
// whole number two bytes a month, and only the others eight: 12 months of 4 metrics take 98
// bytes of monthly record, not 384.
func TestWriteReplicationsPacks(t *testing.T) {
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	res := &sim.Results{
		Metrics: []string{"children_in_care", "vacancies", "occupancy", "cost_weekly"},
		KPIs:    []string{"cost_total"},
		Periods: []string{"all"},
	}
	var monthly []float64
	for i := range 12 {
		res.Months = append(res.Months, start.AddDate(0, i, 0))
		monthly = append(monthly, float64(100+i), 0, 0.75, 1200.5+float64(i))
	}
	res.Reps = []sim.Replication{{Index: 0, KPIs: []float64{1}, Monthly: monthly}}
	b := bin(t, res)
	// Number, KPI, the three counts, three metrics' positions, one constant, 12 months of a
	// whole number and a value in full.
	if want := 8 + 8 + 12 + 3*4 + 8 + 12*(2+8); len(b) != want {
		t.Errorf("a replication takes %d bytes, want %d", len(b), want)
	}
}

// TestReadReplicationsRefuses damages replications.bin in each way and checks the message
// names the file, the byte and what is wrong.
func TestReadReplicationsRefuses(t *testing.T) {
	const path = "s1/replications.bin"
	good := bin(t, results(3, 3))
	put := func(b []byte, at int, v float64) { binary.LittleEndian.PutUint64(b[at:], math.Float64bits(v)) }
	put32 := func(b []byte, at int, v uint32) { binary.LittleEndian.PutUint32(b[at:], v) }
	damaged := path + ": its checksum does not match replications_sha256 in shard.json: the shard is damaged or was changed since it was run; run it again"
	for _, tt := range []struct {
		name  string
		edit  func([]byte) []byte
		resum bool // the checksum in shard.json is the damaged file's
		want  string
	}{
		{"flipped bit", func(b []byte) []byte { b[len(b)-20] ^= 0x10; return b }, false, damaged},
		// A flipped bit is damage wherever it lands: the checksum is checked before the values,
		// and before the packing it throws off.
		{"flipped bit in a replication's number", func(b []byte) []byte { b[stride] ^= 1; return b }, false, damaged},
		{"flipped bit making a NaN", func(b []byte) []byte { put(b, 8, math.NaN()); return b }, false, damaged},
		{"flipped bit in how a record is packed", func(b []byte) []byte { b[stride+44] ^= 0x40; return b }, false, damaged},
		{"zeroed", func(b []byte) []byte { clear(b[stride : 2*stride]); return b }, false, damaged},
		{"cut short, unchecked", func(b []byte) []byte { return b[:len(b)-1] }, false, damaged},
		{"another replication", func(b []byte) []byte { b[stride] ^= 1; return b }, true,
			fmt.Sprintf("%s: byte %d: holds replication 6 where 5 belongs", path, stride)},
		{"NaN in a KPI", func(b []byte) []byte { put(b, 8, math.NaN()); return b }, true,
			path + ": byte 8: replication 4: cost_total in 2026/27 is NaN, which placesim never writes there: the shard is damaged"},
		{"infinity in a share", func(b []byte) []byte { put(b, 8*4, math.Inf(-1)); return b }, true,
			path + ": byte 32: replication 4: first_choice_share in all is -Inf, which placesim never writes there: the shard is damaged"},
		{"infinity in a month", func(b []byte) []byte { put(b, stride-10, math.Inf(1)); return b }, true,
			fmt.Sprintf("%s: byte %d: replication 4: vacancies in 2026-05 is +Inf, which placesim never writes: the shard is damaged", path, stride-10)},
		{"too many metrics packed", func(b []byte) []byte { put32(b, 40, 3); return b }, true,
			path + ": byte 40: replication 4: packs 5 metrics of 2: the shard is damaged"},
		{"a metric packed twice", func(b []byte) []byte { put32(b, 56, 0); return b }, true,
			path + ": byte 52: replication 4: metric 0 packed twice: the shard is damaged"},
		{"a metric out of range", func(b []byte) []byte { put32(b, 56, 7); return b }, true,
			path + ": byte 52: replication 4: full metric 7 of 2 metrics: the shard is damaged"},
		{"bytes after the last replication", func(b []byte) []byte { return append(b, 0) }, true,
			fmt.Sprintf("%s: byte %d: more bytes after the last replication: the shard is damaged", path, 3*stride)},
		{"cut short", func(b []byte) []byte { return b[:len(b)-1] }, true, path + ": unexpected EOF"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.edit(bytes.Clone(good))
			in := info(shard.Spec{I: 1, N: 3}, 9, nil, good)
			if tt.resum {
				in = info(shard.Spec{I: 1, N: 3}, 9, nil, b)
			}
			res := results(0, 0)
			_, err := shard.ReadReplications(bytes.NewReader(b), path, in, res)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
			if len(res.Reps) != 0 {
				t.Errorf("kept %d replications of a damaged file", len(res.Reps))
			}
			_, err = shard.CheckReplications(bytes.NewReader(b), path, in, results(0, 0))
			if err == nil || err.Error() != tt.want {
				t.Errorf("CheckReplications: error %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestParseRefusesOldFormat requires a shard.json of an older placesim, whose replications.bin
// is not packed, to be refused with what to do.
func TestParseRefusesOldFormat(t *testing.T) {
	var b bytes.Buffer
	if err := info(shard.Spec{I: 1, N: 4}, 8, nil, nil).Encode(&b); err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(b.String(), `"format": 3`, `"format": 2`, 1)
	_, err := shard.Parse("s1/shard.json", []byte(old))
	if want := "s1/shard.json:2:3: format: shard format 2, this placesim reads format 3 (run the shards again with this placesim)"; err == nil || err.Error() != want {
		t.Errorf("%v, want %s", err, want)
	}
}

// FuzzParse feeds Parse and Check any shard.json: they must never panic, and a shard.json
// Parse accepts must describe a share of a run that merge can index.
func FuzzParse(f *testing.F) {
	good := `{"format": 3, "placesim": "dev", "scenario": "default", "scenario_sha256": "%s",
"replications_sha256": "%s", "seed": 1, "reps": 8, "shard": 1, "shards": 4,
"first_replication": 2, "replications": 2, "percentiles": [5, 50, 95],
"months": 12, "metrics": 3, "periods": 2, "kpis": 4}`
	h := sha256.Sum256([]byte("name: default\n"))
	sum := hex.EncodeToString(h[:])
	f.Add(fmt.Sprintf(good, sum, sum))
	f.Add(strings.Replace(fmt.Sprintf(good, sum, sum), `"first_replication": 2`, `"first_replication": -3`, 1))
	f.Add(strings.Replace(fmt.Sprintf(good, sum, sum), `[5, 50, 95]`, `[150, -1, 5, 5]`, 1))
	f.Add(strings.Replace(fmt.Sprintf(good, sum, sum), `"shards": 4`, `"shards": 0`, 1))
	f.Add(`{"format": 3}`)
	f.Add(`[`)
	f.Add(fmt.Sprintf(good, sum, sum) + "}") // once read past its last brace
	f.Fuzz(func(t *testing.T, text string) {
		in, err := shard.Parse("shard.json", []byte(text))
		if err != nil {
			return
		}
		if !json.Valid([]byte(text)) {
			t.Fatalf("accepted text that is not one JSON value: %q", text)
		}
		if in.First < 0 || in.Count < 0 || in.First+in.Count > in.Reps || in.Shard < 0 || in.Shard >= in.Shards {
			t.Fatalf("accepted a shard that is no share of its run: %+v", in)
		}
		if first, count := (shard.Spec{I: in.Shard, N: in.Shards}).Span(in.Reps); first != in.First || count != in.Count {
			t.Fatalf("accepted replications %d+%d for shard %d/%d of %d", in.First, in.Count, in.Shard, in.Shards, in.Reps)
		}
		sh := shard.Part{Dir: "s", Info: in}
		shard.Check([]shard.Part{sh, sh})
		shard.Check([]shard.Part{sh})
	})
}

// TestDecodeJSONSyntax gives DecodeJSON text that is not JSON, as a hand edit leaves it, and
// requires the place and plain words for each: not encoding/json's words for the states of its
// parser ("invalid character ',' looking for beginning of object key string").
func TestDecodeJSONSyntax(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"{\n  \"format\": 2,\n  oops\n}", "3:3: a field's name belongs here, in double quotes, not oops"},
		{`{"a": 1,,"b": 2}`, "1:9: a comma with no field after it"},
		{"{\n  \"a\": 1,\n}", "3:1: a comma with no field after it"},
		{`{,"a": 1}`, "1:2: a comma with no field before it"},
		{`{"a" 1}`, "1:6: a colon belongs after the field's name, not 1"},
		{`{"a": 1 "b": 2}`, `1:9: a comma missing before this field: "b"`},
		{`{"a": 1 b}`, "1:9: a comma or the object's closing brace belongs here, not b"},
		{`{"a": [1 2]}`, "1:10: a comma missing before this element of the list: 2"},
		{`{"a": [1,]}`, "1:10: a comma with no element after it"},
		{`{"a": [,1]}`, "1:8: a comma with no element before it"},
		{`{"a": [1}`, "1:9: a comma or the list's closing bracket belongs here, not }"},
		{`{"a": tru}`, "1:10: text that is not JSON here: tru (true, false and null are written in full, in lowercase)"},
		{`{"a": True}`, "1:7: text that is not JSON here: True"},
		{`{"a": NaN}`, "1:7: text that is not JSON here: NaN"},
		{`{"a": "x\qy"}`, `1:10: a backslash that starts no escape JSON knows (\" \\ \/ \b \f \n \r \t \uXXXX): \q`},
		{`{"a": "x\u12g4"}`, `1:13: \u not followed by four hexadecimal digits: \u12g4`},
		{"{\"a\": \"x\ny\"}", "1:9: a line break or other control character inside a string, which JSON writes as \\n, \\t or \\u0000"},
		{`{"a": 01}`, "1:8: a number not written as JSON writes one: 01"},
		{`{"a": 1.x}`, "1:9: a number not written as JSON writes one: 1.x"},
		{`{"a": }`, "1:7: a field with no value after its colon"},
		{`{'a': 1}`, "1:2: a single quote, where JSON writes its strings and field names in double quotes: 'a'"},
	} {
		var v map[string]any
		err := shard.DecodeJSON("s1/shard.json", []byte(tt.text), &v)
		if want := "s1/shard.json:" + tt.want; err == nil || err.Error() != want {
			t.Errorf("%q: %v, want\n%s", tt.text, err, want)
		}
	}
}

// TestInfoSeed checks that shard.json holds the seed as seed_text always and as the number seed
// only up to 2^53, which every JSON reader reads back exactly (jq read 9007199254740993 as
// 9007199254740992), that Parse reads it back whatever its size, reads a shard.json written
// before seed_text from seed alone, and refuses a seed_text that is no seed or that seed
// contradicts, naming the field.
func TestInfoSeed(t *testing.T) {
	for _, seed := range []uint64{1, shard.MaxExactSeed, shard.MaxExactSeed + 1, math.MaxUint64} {
		in := info(shard.Spec{I: 1, N: 4}, 8, nil, nil)
		in.Seed = seed
		var b bytes.Buffer
		if err := in.Encode(&b); err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		if raw["seed_text"] != strconv.FormatUint(seed, 10) {
			t.Errorf("seed %d: seed_text %v", seed, raw["seed_text"])
		}
		if n, ok := raw["seed"]; ok != (seed <= shard.MaxExactSeed) || ok && n != float64(seed) {
			t.Errorf("seed %d: seed written %v (%v), want it up to 2^53 only", seed, n, ok)
		}
		out, err := shard.Parse("s1/shard.json", b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(out) != fmt.Sprint(in) {
			t.Errorf("seed %d: read back %+v, wrote %+v", seed, out, in)
		}
		// A shard.json of a placesim before seed_text: the seed as a number alone, exact to Go.
		old := regexp.MustCompile(`\n  "seed_text": "[0-9]+",`).ReplaceAllString(b.String(), "")
		if seed > shard.MaxExactSeed {
			old = strings.Replace(old, `"replications_sha256"`, fmt.Sprintf(`"seed": %d,`+"\n  "+`"replications_sha256"`, seed), 1)
		}
		if out, err := shard.Parse("s1/shard.json", []byte(old)); err != nil || out.Seed != seed {
			t.Errorf("seed %d without seed_text: read %d, %v\n%s", seed, out.Seed, err, old)
		}
	}
	var good bytes.Buffer
	if err := info(shard.Spec{I: 1, N: 4}, 8, nil, nil).Encode(&good); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, text, want string }{
		{"seed_text not a seed", strings.Replace(good.String(), `"seed_text": "1"`, `"seed_text": "1e3"`, 1),
			`s1/shard.json:8:3: seed_text: must be the seed in decimal digits (at most 18446744073709551615), not "1e3"`},
		{"seed against seed_text", strings.Replace(good.String(), `"seed": 1,`, `"seed": 2,`, 1),
			"s1/shard.json:7:3: seed: must be the seed seed_text gives (1), not 2"},
		{"no seed", strings.Replace(strings.Replace(good.String(), `"seed": 1,`, "", 1), `"seed_text": "1",`, "", 1),
			"seed: must give the seed (seed_text, or seed)"},
	} {
		if _, err := shard.Parse("s1/shard.json", []byte(tt.text)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestDifference requires the field two shards' scenarios differ in to be named with its path
// and both values: a top-level field, a nested one, and an item of a list.
func TestDifference(t *testing.T) {
	base := "# a header\nname: default\nyears: 10 # a comment\nentries:\n  per_year: 260\n  ages: # V\n    - {ages: 0, share: 0.2} # A\n    - {ages: 1-4, share: 0.8}\nstock:\n  - kind: kinship\n    count: 4\n  - kind: agency\n    count: 5\n"
	for _, tt := range []struct{ from, to, want string }{
		{"years: 10", "years: 5", "years is 5 in sh1 and 10 in sh0"},
		{"per_year: 260", "per_year: 130", "entries.per_year is 130 in sh1 and 260 in sh0"},
		{"share: 0.8}", "share: 0.7}", "entries.ages[1] is {ages: 1-4, share: 0.7} in sh1 and {ages: 1-4, share: 0.8} in sh0"},
		{"count: 5", "count: 6", "stock[1].count is 6 in sh1 and 5 in sh0"},
		{"# a header", "# another header", "their scenario files differ only in comments (sh1 and sh0)"},
	} {
		got := shard.Difference("sh1", []byte(strings.Replace(base, tt.from, tt.to, 1)), "sh0", []byte(base))
		if got != tt.want {
			t.Errorf("%s → %s: %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestDifferenceRegionAndText requires the field to be named in a region's region.json (JSON,
// with quoted keys) and in a council's scenario whose description is a block of text with
// colons in it, which is the value of description and no key.
func TestDifferenceRegionAndText(t *testing.T) {
	region := "{\n  \"format\": 2,\n  \"region\": {\n    \"name\": \"four\",\n    \"years\": 2,\n    \"markets\": [\n      {\"kind\": \"ifa\", \"providers\": [{\"name\": \"a\", \"places\": 40}]}\n    ]\n  }\n}\n"
	council := "# a header\nname: bigshire\ndescription: >-\n  Council bigshire of region four: the built-in scenario default, scaled to 1,500 children in care at the start.\n  Its places: from the market.\nyears: 2\n"
	for _, tt := range []struct{ name, base, from, to, want string }{
		{"region years", region, `"years": 2`, `"years": 3`, "region.years is 3 in sh1 and 2 in sh0"},
		{"region places", region, `"places": 40`, `"places": 30`, "region.markets[0].providers[0].places is 30 in sh1 and 40 in sh0"},
		{"description", council, "1,500", "1,600", `description is "Council bigshire of region four: the built-in scenario default, scaled to 1,600 children in care at the start." in sh1 and "Council bigshire of region four: the built-in scenario default, scaled to 1,500 children in care at the start." in sh0`},
		{"after the description", council, "years: 2", "years: 3", "years is 3 in sh1 and 2 in sh0"},
		{"empty key", "{\"\": 1, \"years\": 2}\n", `"years": 2`, `"years": 3`, "years is 3 in sh1 and 2 in sh0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := shard.Difference("sh1", []byte(strings.Replace(tt.base, tt.from, tt.to, 1)), "sh0", []byte(tt.base))
			if got != tt.want {
				t.Errorf("%q, want %q", got, tt.want)
			}
		})
	}
}
