package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCalibrateUnknownCouncil checks that a --la naming a council the files do not hold is
// told as the command's usage error: the flag, the episodes file, the councils it holds and
// the nearest of them, where the message named neither flag nor file.
func TestCalibrateUnknownCouncil(t *testing.T) {
	out := filepath.Join(t.TempDir(), "q.yaml")
	ret := sampleArgs(t, "regional-sample", "")
	episodes := ret[slices.Index(ret, "--episodes")+1]
	for _, c := range []struct{ la, want string }{
		{"Bromly", "placesim calibrate: --la \"Bromly\": no episode rows of that council in the episodes file " + episodes + ", which holds Bromley, Hillingdon, Southwark; did you mean --la Bromley?\n"},
		{"hilingdon", "; did you mean --la Hillingdon?\n"},
		{"Camden", ", which holds Bromley, Hillingdon, Southwark: give one of them\n"},
	} {
		o := placesim(t, slices.Concat([]string{"calibrate"}, ret, []string{"--la", c.la, "--out", out})...)
		if first, _, _ := strings.Cut(o.stderr, "Run "); o.code != exitUsage || !strings.HasSuffix(first, c.want) || !strings.HasPrefix(first, "placesim calibrate: --la ") {
			t.Errorf("--la %s: exit %d, stderr:\n%s\nwant exit %d and a line ending\n%s", c.la, o.code, o.stderr, exitUsage, c.want)
		}
	}
}
