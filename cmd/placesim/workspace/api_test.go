package workspace

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewRefusesBadConfig checks that New names every problem with its settings at once.
func TestNewRefusesBadConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := Config{Dir: dir, QuickReps: 4, FullReps: 6}
	tests := []struct {
		name string
		edit func(*Config)
		want []string // "" for none
	}{
		{"good", func(*Config) {}, nil},
		{"no folder", func(c *Config) { c.Dir = "" }, []string{"Dir: name the folder"}},
		{"a folder that is not there", func(c *Config) { c.Dir = filepath.Join(dir, "missing") }, []string{"missing"}},
		{"a file, not a folder", func(c *Config) { c.Dir = file }, []string{"a-file"}},
		{"one replication", func(c *Config) { c.QuickReps = 1 }, []string{"QuickReps 1, FullReps 6: must be at least 2"}},
		{"negative workers", func(c *Config) { c.Workers = -1 }, []string{"Workers -1: must be >= 0"}},
		{"negative limit", func(c *Config) { c.Limits.MaxRunTime = -1 }, []string{"Limits", "must not be negative"}},
		{"every problem at once", func(c *Config) { c.Dir, c.FullReps, c.Workers = "", 0, -2 },
			[]string{"Dir: name the folder", "FullReps 0", "Workers -2"}},
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
