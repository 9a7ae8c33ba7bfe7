package scenarios

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestLibraryIsBuiltIn checks that every scenario file at the top of this folder and in
// validation/ is built into the binary under its base name, so that a new file needs no code.
func TestLibraryIsBuiltIn(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*.yaml", "validation/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	byName := map[string]Info{}
	for _, info := range Builtins() {
		byName[info.Name] = info
	}
	if len(byName) != len(files) {
		t.Errorf("%d built-in scenarios, %d files: %v", len(byName), len(files), files)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		info, ok := byName[name]
		if !ok {
			t.Errorf("%s is not built in as %q", f, name)
			continue
		}
		if info.File != filepath.ToSlash(f) {
			t.Errorf("%s: built in from %q", f, info.File)
		}
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Source(name); err != nil || !bytes.Equal(got, want) {
			t.Errorf("Source(%q) differs from %s (%v)", name, f, err)
		}
	}
}

// TestWhatIfFiles checks the shape every file of the what-if library keeps: it extends the
// default county, opens with comments that state the question it answers ("# What if ...")
// and where its numbers come from, has a description that asks the same question, and names
// itself after its file.
func TestWhatIfFiles(t *testing.T) {
	n := 0
	for _, info := range Builtins() {
		if info.Name == "default" || strings.Contains(info.File, "/") {
			continue
		}
		n++
		t.Run(info.Name, func(t *testing.T) {
			src, err := Source(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			if !strings.HasPrefix(text, "# What if ") {
				t.Errorf("does not open with a comment stating its question (# What if ...)")
			}
			header, _, _ := strings.Cut(text, "\nname:")
			if !strings.Contains(header, "Where the numbers come from") {
				t.Errorf("opening comments do not say where the numbers come from")
			}
			if !strings.Contains(header, "docs/sources.md") {
				t.Errorf("opening comments do not cite docs/sources.md")
			}
			if line, ok := staleMeasured(header); ok {
				t.Errorf("opening comments quote a measured figure that make figures does not regenerate (%q): "+
					"say what to look for and leave the figures to the \"Measured against default\" lines", line)
			}
			if !strings.Contains(text, "\nextends: default\n") {
				t.Errorf("does not extend default")
			}
			s := load(t, info.Name)
			if s.Name != info.Name {
				t.Errorf("named %q, want its file's name %q", s.Name, info.Name)
			}
			if !strings.HasPrefix(s.Description, "What if ") {
				t.Errorf("description %q does not ask a what-if question", s.Description)
			}
		})
	}
	if n < 13 {
		t.Errorf("%d what-if scenarios built in, want the 13 of the library at least", n)
	}
}

// TestRetentionLossArithmetic checks that a library file which says how far its retention
// factor cuts the yearly loss of carers ("falls from about 13% of households to about 5%")
// says what its factor does to that loss: the first figure times the factor, to the
// nearest whole percent.
func TestRetentionLossArithmetic(t *testing.T) {
	says := regexp.MustCompile(`falls\s+from\s+about\s+(\d+)%\s+of\s+households\s+to\s+about\s+(\d+)%`)
	n := 0
	for _, info := range Builtins() {
		src, err := Source(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		m := says.FindSubmatch(bytes.ReplaceAll(src, []byte("\n#"), nil))
		if m == nil {
			continue
		}
		n++
		s := load(t, info.Name)
		factor := 0.0
		for _, iv := range s.Interventions {
			if iv.Action == model.Retention {
				factor = iv.Factor
			}
		}
		from, _ := strconv.Atoi(string(m[1]))
		to, _ := strconv.Atoi(string(m[2]))
		if want := int(math.Round(float64(from) * factor)); to != want {
			t.Errorf("%s: the loss falls from about %d%% to about %d%%, but %d%% times its retention factor %g is about %d%%",
				info.Name, from, to, from, factor, want)
		}
	}
	if n < 2 {
		t.Errorf("%d library files say how far retention cuts the loss of carers, want retain-12-net-carers and recruit-and-retain-12-net-carers", n)
	}
}

// staleMeasured returns the first comment line of a scenario file's header that reports a run
// of the model (it names a seed and replications) outside the "Measured against default"
// block, the one block make figures regenerates.
func staleMeasured(header string) (string, bool) {
	inBlock := false
	for _, line := range strings.Split(header, "\n") {
		switch {
		case strings.HasPrefix(line, "# Measured against default"):
			inBlock = true
			continue
		case inBlock && (strings.HasPrefix(line, "#   ") || strings.HasPrefix(line, "# regenerates")):
			continue
		}
		inBlock = false
		if strings.Contains(line, "seed") && strings.Contains(line, "replications") {
			return line, true
		}
	}
	return "", false
}

// TestSoloPlacementHomeLadders checks that solo-placement-home changes only what it says: its
// ladders are the default's with the new solo home first for children who must live alone,
// so that a change to the default's ladders cannot leave it behind unnoticed.
func TestSoloPlacementHomeLadders(t *testing.T) {
	def, solo := load(t, "default"), load(t, "solo-placement-home")
	kind := slices.IndexFunc(solo.Kinds, func(k model.Kind) bool { return k.Name == "solo_home" })
	if kind < 0 {
		t.Fatal("no solo_home kind")
	}
	if len(solo.Kinds) != len(def.Kinds)+1 || kind != len(def.Kinds) {
		t.Fatalf("solo_home is kind %d of %d, want the default's %d kinds and it last", kind, len(solo.Kinds), len(def.Kinds))
	}
	want := make([]model.Ladder, len(def.Ladders))
	for i, l := range def.Ladders {
		want[i] = model.Ladder{Who: l.Who, Try: slices.Clone(l.Try), Shares: slices.Clone(l.Shares)}
		if l.Who.Needs == model.NeedsOf(model.NeedSolo) {
			want[i].Try = append([]model.KindID{model.KindID(kind)}, l.Try...)
		}
	}
	if !reflect.DeepEqual(solo.Ladders, want) {
		t.Errorf("ladders are not the default's with solo_home first for solo children:\n got  %+v\n want %+v", solo.Ladders, want)
	}
}

// TestSourcesCited checks that every § the shipped scenario and region files and the READMEs
// cite is a section of docs/sources.md, which ships with them, and that they cite no source
// that does not ship.
func TestSourcesCited(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "docs", "sources.md"))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## (\d+)\. `).FindAllStringSubmatch(string(src), -1) {
		sections[m[1]] = true
	}
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("regions", "*.yaml"))
	valid, _ := filepath.Glob(filepath.Join("validation", "*.yaml"))
	files = slices.Concat(files, more, valid, []string{"README.md", filepath.Join("..", "README.md")})
	cite := regexp.MustCompile(`§(\d+)(?:-§?(\d+))?`)
	gone := regexp.MustCompile(`public-figures\.md|markets-and-programmes\.md|queueing-checks\.md|shared/reference`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if m := gone.FindString(text); m != "" {
			t.Errorf("%s cites %s, which does not ship: cite docs/sources.md", f, m)
		}
		found := cite.FindAllStringSubmatch(text, -1)
		if len(found) > 0 && !strings.Contains(text, "docs/sources.md") {
			t.Errorf("%s cites %s but never names docs/sources.md", f, found[0][0])
		}
		for _, m := range found {
			n++
			for _, sec := range m[1:] {
				if sec != "" && !sections[sec] {
					t.Errorf("%s cites %s: docs/sources.md has no section %s", f, m[0], sec)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("found %d citations, want the library's 20 or more", n)
	}
}

// TestCarerAgeWords checks the words that quote the default's in-house carers' ages, a list
// TestDefaultCarerPools holds to the steady state of its rules: default.yaml's "N% over 50
// and M% over 60" are the shares of that list, and carer-retirement-wave's "a fifth" of the
// main carers 60 or more, in its description and its header, is the share over 60 to the
// nearest 5%.
func TestCarerAgeWords(t *testing.T) {
	s := load(t, "default")
	i := slices.IndexFunc(s.Kinds, func(k model.Kind) bool { return k.Name == "inhouse_foster" })
	if i < 0 || s.Kinds[i].Carers == nil {
		t.Fatal("the default has no in-house foster carers")
	}
	over := func(age int) float64 {
		sum := 0.0
		for _, b := range s.Kinds[i].Carers.AgeMix {
			if b.FromYears >= age {
				sum += b.Share
			} else if b.ToYears >= age {
				t.Fatalf("the default's carer age band %d-%d straddles %d", b.FromYears, b.ToYears, age)
			}
		}
		return sum
	}
	src, err := Source("default")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(\d+)% over 50 and (\d+)% over 60`).FindSubmatch(src)
	if m == nil {
		t.Fatal("default.yaml does not say what share of its carers are over 50 and over 60")
	}
	for k, age := range []int{50, 60} {
		if got := strconv.FormatFloat(math.Round(100*over(age)), 'f', 0, 64); got != string(m[k+1]) {
			t.Errorf("default.yaml says %s%% of its carers are over %d; its ages give %s%%", m[k+1], age, got)
		}
	}
	wave, err := Source("carer-retirement-wave")
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(bytes.ReplaceAll(wave, []byte("\n#    "), nil), []byte("a fifth")); n < 2 {
		t.Errorf("carer-retirement-wave.yaml says \"a fifth\" %d times, want it in its description and its header", n)
	}
	if v := over(60); math.Round(v/0.05)*0.05 != 0.2 {
		t.Errorf("carer-retirement-wave.yaml says a fifth of the default's main carers are 60 or more; its ages give %.1f%%", 100*v)
	}
}
