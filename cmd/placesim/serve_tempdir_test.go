package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/cmd/placesim/workspace"
	"github.com/urfave/cli/v2"
)

// serveTempWant is what placesim serve says of a temporary folder ($TMPDIR) that is not a
// folder.
func serveTempWant(dir string) string {
	return "the temporary folder " + dir + " ($TMPDIR) is not a folder: placesim serve keeps a region run's monthly records and the report or workbook it sends there while it writes them; give placesim another with TMPDIR=DIR placesim serve …"
}

// TestServeTempFolderAtStart starts placesim serve with $TMPDIR naming a file, a folder that
// does not exist and a folder it may not write in: it refuses to start, saying what is wrong
// with the temporary folder and how to give another, before it listens.
func TestServeTempFolderAtStart(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o500); err != nil {
		t.Fatal(err)
	}
	tail := ": placesim serve keeps a region run's monthly records and the report or workbook it sends there while it writes them; give placesim another with TMPDIR=DIR placesim serve …"
	tests := []struct{ name, tmp, want string }{
		{"a file", file, serveTempWant(file)},
		{"missing", filepath.Join(dir, "missing"), "the temporary folder " + filepath.Join(dir, "missing") + " ($TMPDIR) does not exist" + tail},
		{"not writable", locked, "placesim may not write in the temporary folder " + locked + " ($TMPDIR) (permission denied)" + tail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "not writable" && os.Geteuid() == 0 {
				t.Skip("root writes in any folder")
			}
			t.Setenv("TMPDIR", tt.tmp)
			var out, errb bytes.Buffer
			// A serve that starts is stopped after a while, as Ctrl-C would.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := newApp(&out, &errb).RunContext(ctx, []string{"placesim", "serve", "--dir", dir, "--addr", "127.0.0.1:0"})
			if err == nil || err.Error() != tt.want {
				t.Errorf("serve: %v\nwant %s", err, tt.want)
			}
			if strings.Contains(out.String(), "the scenario workspace is at") {
				t.Errorf("serve said it serves: %q", out.String())
			}
		})
	}
}

// TestServeTempFolderDownload has the workspace of placesim serve, set up as serve sets it up,
// make a region's workbook for download once $TMPDIR names a file: the page is told what is
// wrong with the temporary folder, in plain words, not the system's raw error.
func TestServeTempFolderDownload(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "test-region.yaml"), []byte(testRegionYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}

	// The workspace's settings as serve reads them from its flags.
	var cfg workspace.Config
	cmd := serveCommand(io.Discard, nil)
	cmd.Action = func(c *cli.Context) (err error) {
		cfg, err = serveConfig(c, io.Discard)
		return err
	}
	app := &cli.App{Commands: []*cli.Command{cmd}, Writer: io.Discard, ErrWriter: io.Discard}
	if err := app.Run([]string{"placesim", "serve", "--dir", dir, "--quick-reps", "2", "--reps", "2", "--region-quick-reps", "2", "--region-reps", "2"}); err != nil {
		t.Fatal(err)
	}
	cfg.Log = io.Discard
	ts := httptest.NewUnstartedServer(nil)
	cfg.Addr = ts.Listener.Addr().String()
	srv, err := workspace.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })

	export := "/region-export/" + regionRunExport(t, ts.URL) + "/"

	t.Setenv("TMPDIR", file)
	for _, name := range []string{"results.xlsx", "report.html"} {
		resp, err := http.Get(ts.URL + export + name + "?download=1")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := serveTempWant(file) + "\n"; resp.StatusCode != http.StatusInternalServerError || string(got) != want {
			t.Errorf("%s: status %d, %q\nwant status 500, %q", name, resp.StatusCode, got, want)
		}
	}
}
