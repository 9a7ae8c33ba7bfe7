package scenarios_test

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/placesim/placesim/scenarios"
)

// countingFS counts the files opened in it, by name (not the files it tells the size of).
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// chainFS is a folder of n files f1.yaml to fn.yaml of a name and an extends each, f1 extending
// f2 and so on, fn extending last.
func chainFS(n int, last string) *countingFS {
	m := fstest.MapFS{}
	for i := 1; i <= n; i++ {
		ext := fmt.Sprintf("f%d.yaml", i+1)
		if i == n {
			ext = last
		}
		m[fmt.Sprintf("f%d.yaml", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "name: f%d\nextends: %s\n", i, ext)}
	}
	return &countingFS{FS: m, opened: map[string]int{}}
}

// TestExtendsChainReadOnce checks that a long chain of extends is read in time linear in its
// length: each file of it is read once, however long the chain, where the
// check that the file an extends names is not a region's walked the rest of the chain at each
// file (a chain of 32 files opened its last file over 500 times, and took a second and a half
// to validate at 40). What the chain reads as is unchanged: a scenario at 32 files, and at 33
// the chain is too long, at the file that goes past the limit.
func TestExtendsChainReadOnce(t *testing.T) {
	for _, tt := range []struct {
		files  int
		last   string
		region bool
		want   string
	}{
		{32, "default", false, ""},
		{40, "default", false, "f33.yaml:2:10: extends: chain of extends is longer than 32 files"},
		{40, "defualt", false, "f33.yaml:2:10: extends: chain of extends is longer than 32 files"},
		{32, "south-east", false, "f1.yaml (line 2 extends f2.yaml, a region) is a region file, not a scenario"},
		{32, "south-east", true, ""},
		{40, "south-east", true, "f33.yaml:2:10: extends: chain of extends is longer than 32 files"},
		{32, "default", true, "f1.yaml:2:10: extends: f2.yaml is a scenario file, not a region file"},
	} {
		what := "scenario"
		if tt.region {
			what = "region"
		}
		t.Run(fmt.Sprintf("%s of %d files to %s", what, tt.files, tt.last), func(t *testing.T) {
			fsys := chainFS(tt.files, tt.last)
			top, _ := fs.ReadFile(fsys.FS, "f1.yaml")
			start := time.Now()
			var err error
			if tt.region {
				_, err = scenarios.ParseRegionFS(strings.NewReader(string(top)), fsys, "f1.yaml", nil)
			} else {
				_, err = scenarios.ParseFS(strings.NewReader(string(top)), fsys, "f1.yaml", nil)
			}
			took := time.Since(start)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
				t.Errorf("got %q, want it to begin %q", got, tt.want)
			}
			most := 0
			for name, n := range fsys.opened {
				if n > most {
					most = n
				}
				if n > 1 {
					t.Errorf("%s opened %d times", name, n)
				}
			}
			t.Logf("%d files, each opened %d times at most, in %v", tt.files, most, took)
		})
	}
}

// BenchmarkExtendsChain reads a chain of 32 files of a name and an extends each.
func BenchmarkExtendsChain(b *testing.B) {
	fsys := chainFS(32, "default")
	top, _ := fs.ReadFile(fsys.FS, "f1.yaml")
	for b.Loop() {
		if _, err := scenarios.ParseFS(strings.NewReader(string(top)), fsys, "f1.yaml", nil); err != nil {
			b.Fatal(err)
		}
	}
}
