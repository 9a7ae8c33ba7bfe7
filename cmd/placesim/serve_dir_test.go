package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeDirNotWritable starts placesim serve with a --dir it may read but not write in: it
// refuses to start (exit 2), saying that scenarios could not be saved there and what to do,
// before it listens, rather than failing at every save.
func TestServeDirNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in any folder")
	}
	locked := filepath.Join(t.TempDir(), "locked")
	if err := os.Mkdir(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	// A serve that starts is stopped after a while, as Ctrl-C would.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := newApp(&out, &errb).RunContext(ctx, []string{"placesim", "serve", "--dir", locked, "--addr", "127.0.0.1:0"})
	want := "--dir " + locked + ": scenarios could not be saved there: the folder does not let the workspace write in it (permission denied): check its permissions, or give serve another --dir"
	if report(io.Discard, err) != exitUsage || err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("serve: %v\nwant a usage error with %s", err, want)
	}
	if strings.Contains(out.String(), "the scenario workspace is at") {
		t.Errorf("serve said it serves: %q", out.String())
	}
	if entries, _ := os.ReadDir(locked); len(entries) != 0 {
		t.Errorf("the folder holds %d files after the check", len(entries))
	}
}
