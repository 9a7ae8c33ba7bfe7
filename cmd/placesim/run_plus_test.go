package main

import (
	"strings"
	"testing"
)

// TestNumberFlagsRefusePlusAndSpaces checks that --percentiles, --shard and the array task's
// id refuse a + sign in the words every number flag refuses it in, and --percentiles a space.
func TestNumberFlagsRefusePlusAndSpaces(t *testing.T) {
	const plus = `: a + sign reads as a change in the workspace`
	for _, tt := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"--percentiles", "+5,50,95"}, "", `--percentiles "+5,50,95": "+5"` + plus},
		{[]string{"--percentiles", "5,+50,95"}, "", `--percentiles "5,+50,95": "+50"` + plus},
		{[]string{"--percentiles", " 5,50,95"}, "", `--percentiles " 5,50,95": want numbers between 0 and 100 separated by commas, such as 5,50,95, without spaces`},
		{[]string{"--shard", "+1/3"}, "", `--shard "+1"` + plus},
		{[]string{"--shard-from-env"}, "+1", `SLURM_ARRAY_TASK_ID "+1"` + plus},
	} {
		t.Run(strings.Join(tt.args, " ")+tt.env, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("SLURM_ARRAY_TASK_ID", tt.env)
				t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
			}
			args := append([]string{"run", "--reps", "3", "--years", "1", "-q", "--out", t.TempDir()}, tt.args...)
			o := placesim(t, args...)
			if o.code == exitOK || !strings.Contains(o.stderr, tt.want) {
				t.Errorf("exit %d, stderr %s\nwant one saying %s", o.code, o.stderr, tt.want)
			}
		})
	}
}
