package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMessagesSayAsOthers checks messages that say a thing as another command's do: a bad
// --vary of sensitivity as sweep's, a flag without its value as typed, a mistyped command
// after help with the nearest command, and the flags that would be left unread (sweep's --kpi
// with --target, --formats with --charts=false) refused as run refuses --kpi without
// --precision.
func TestMessagesSayAsOthers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	short := []string{"--reps", "2", "--years", "1", "--out", out}
	lever := "kinds.inhouse_foster.carers.approvals_per_year"
	for _, tt := range []struct {
		name   string
		args   []string
		begins string // stderr's beginning
	}{
		{"sensitivity --vary of no field", append([]string{"sensitivity", "default", "--defaults=false", "--vary", "foo=1:2"}, short...),
			"--vary foo at 1: foo: unknown key \"foo\""},
		{"sweep --vary of no field", append([]string{"sweep", "default", "--vary", "foo=1:2:1"}, short...),
			"--vary foo at 1: foo: unknown key \"foo\""},
		{"a flag without its value", []string{"run", "--out"}, "placesim run: flag needs an argument: --out\n"},
		{"a flag without its value after an argument", []string{"run", "default", "--out"}, "placesim run: flag needs an argument: --out\n"},
		{"help of a mistyped command", []string{"help", "comapre"}, "placesim help: no help topic for \"comapre\" (did you mean compare?)\n"},
		{"help of a hidden command", []string{"help", "__complete"}, "placesim help: no help topic for \"__complete\": the commands are run, "},
		{"help of no command", []string{"help", "zzzz"}, "placesim help: no help topic for \"zzzz\": the commands are run, "},
		{"sweep --kpi with --target", append([]string{"sweep", "default", "--vary", lever + "=19:25:6", "--kpi", "cost_total", "--target", "ifa_share<=0.3"}, short...),
			"placesim sweep: --kpi cost_total and --target \"ifa_share<=0.3\" name different KPIs, and the table shows --target's (ifa_share): give one of them\n"},
		{"run --formats with --charts=false", append([]string{"run", "--charts=false", "--formats", "png"}, short...),
			"placesim run: --formats png and --charts=false: --charts=false draws no chart, in any format; give one of them\n"},
		{"compare --formats with --charts=false", append([]string{"compare", "default", "erlang", "--charts=false", "--formats", "svg"}, short...),
			"placesim compare: --formats svg and --charts=false: --charts=false draws no chart, in any format; give one of them\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := placesim(t, tt.args...)
			if o.code != exitUsage || !strings.HasPrefix(o.stderr, tt.begins) {
				t.Errorf("placesim %s: exit %d, said\n%s\nwant exit %d and a beginning\n%s", strings.Join(tt.args, " "), o.code, o.stderr, exitUsage, tt.begins)
			}
		})
	}
}
