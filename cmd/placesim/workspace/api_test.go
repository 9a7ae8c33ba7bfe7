package workspace

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewRefusesBadConfig checks that New names every problem with its settings at once, each
// setting as the serve flag that sets it and as its field of Config.
func TestNewRefusesBadConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := Config{Dir: dir, QuickReps: 4, FullReps: 6}
	tests := []struct {
		name  string
		edit  func(*Config)
		want  []string // "" for none
		exact bool     // want is the whole error, a line each
	}{
		{"good", func(*Config) {}, nil, false},
		{"no folder", func(c *Config) { c.Dir = "" }, []string{"workspace: --dir (Dir): name the folder of scenario files"}, true},
		{"a folder that is not there", func(c *Config) { c.Dir = filepath.Join(dir, "missing") }, []string{"missing"}, false},
		{"a file, not a folder", func(c *Config) { c.Dir = file }, []string{"a-file"}, false},
		{"one replication", func(c *Config) { c.QuickReps = 1 }, []string{"workspace: --quick-reps (QuickReps): must be at least 2, not 1"}, true},
		{"one region replication", func(c *Config) { c.RegionFullReps = 1 },
			[]string{"workspace: --region-reps (RegionFullReps): must be at least 2 (or 0 for the default, 100), not 1"}, true},
		{"negative workers", func(c *Config) { c.Workers = -1 }, []string{"workspace: --workers (Workers): must be 0 (one per CPU) or more, not -1"}, true},
		{"negative limits", func(c *Config) {
			c.Limits.MaxRuns, c.Limits.MemoryBytes, c.Limits.MaxRunTime, c.Limits.Wait = -1, -5, -time.Second, -time.Second
		},
			[]string{
				"workspace: --max-runs (Limits.MaxRuns): must not be negative, not -1",
				"workspace: Limits.Wait: must not be negative, not -1s",
				"workspace: --max-memory (Limits.MemoryBytes, in bytes): must not be negative, not -5",
				"workspace: --max-run-time (Limits.MaxRunTime): must not be negative, not -1s",
			}, true},
		{"a bad public address", func(c *Config) { c.PublicURLs = []string{"https://ok.example", "ok.example"} },
			[]string{`workspace: --public-url ok.example (PublicURLs[1]): give http:// or https:// and the host users reach the workspace by, with its port if it has one, such as https://placesim.council.example or http://localhost:9000`}, true},
		{"every problem at once", func(c *Config) { c.Dir, c.FullReps, c.Workers = "", 0, -2 },
			[]string{
				"workspace: --dir (Dir): name the folder of scenario files",
				"workspace: --reps (FullReps): must be at least 2, not 0",
				"workspace: --workers (Workers): must be 0 (one per CPU) or more, not -2",
			}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.edit(&cfg)
			s, err := New(cfg)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
				return
			}
			if err == nil {
				s.Close()
				t.Fatalf("New(%+v) accepted it", cfg)
			}
			if tt.exact {
				if got, want := err.Error(), strings.Join(tt.want, "\n"); got != want {
					t.Errorf("New: got\n%s\nwant\n%s", got, want)
				}
				return
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("New: %v, want %q in it", err, w)
				}
			}
		})
	}
}

// TestClosedServerRefuses checks that after Close the workspace answers 503 rather than
// using its closed folder, and that it still served before.
func TestClosedServerRefuses(t *testing.T) {
	base, srv, _ := testServer(t)
	if resp, _ := get(t, base+"/static/style.css"); resp.StatusCode != http.StatusOK {
		t.Fatalf("before Close: %d", resp.StatusCode)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, path := range []string{"/", "/static/style.css", "/files/plan"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, base+path, nil)
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusServiceUnavailable {
			t.Errorf("GET %s after Close: %d, want 503", path, rec.Code)
		}
	}
}
