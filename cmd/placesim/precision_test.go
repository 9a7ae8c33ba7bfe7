package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// noMatchesScenario has two children in care from the start and none entering: no child is
// ever matched, so first_choice_share has no value, and none is placed in an emergency.
const noMatchesScenario = `name: gap
start: 2026-04-01
years: 1
stock:
  - {kind: home, ages: 12, count: 1, needs: {solo: 1}}
  - {kind: fost, ages: 12, count: 1}
stays:
  - stay: {distribution: fixed, mean_days: 2000}
    exits: {return_home: 1}
kinds:
  - name: fost
    category: foster
    supply: carers
    carers:
      households: 10
      places_mix: {2: 1}
      approvals: [{ages: 11-17, share: 1}]
  - name: home
    category: residential
    supply: homes
    homes: [{name: a, beds: 3}]
  - {name: ifa, category: foster, supply: market, weekly_gbp: 1000}
ladders:
  - who: {needs: [solo]}
    try: [home]
  - try: [fost, ifa]
`

// TestPrecisionNotMet requires a run to a precision that cannot be, or was not, reached to say
// so in a warning of its own, with -q too, and to record the target and whether it was met in
// manifest.json; a KPI with no value stops after the first batch, naming why, never "NaN%".
func TestPrecisionNotMet(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"gap.yaml": noMatchesScenario})
	gap := filepath.Join(dir, "gap.yaml")
	for _, tt := range []struct {
		name     string
		args     []string
		stderr   string // a regular expression of the whole of stderr
		manifest string // the manifest's precision, as it writes it
	}{
		{"no value", []string{gap, "--precision", "0.01", "--kpi", "first_choice_share", "--reps", "5", "--max-reps", "300", "-q"},
			`^placesim: warning: gap: --precision cannot be met: first_choice_share in all has no value in any of the first 5 replications, as it is a share of matches and there were none; stopped there \(choose another --kpi or --period\)\n$`,
			`"precision": {
    "kpi": "first_choice_share",
    "period": "all",
    "interval": 0.9,
    "share": 0.01,
    "first_replications": 5,
    "max_replications": 300,
    "reached": null,
    "met": false
  },`},
		{"0 in every replication", []string{gap, "--precision", "0.01", "--kpi", "emergency_placements", "--reps", "5", "--max-reps", "300"},
			`^placesim: caution: 5 runs are too few [^\n]*\nplacesim: gap, 5 replications \(seed 1\) in [0-9.]+s \(emergency_placements in all was 0 in every replication, so its 90% interval has no width, after 5 replications\); wrote .*\n$`,
			`"reached": 0,
    "met": true`},
		{"short at --max-reps, quiet", []string{"--years", "1", "--precision", "0.0001", "--reps", "3", "--max-reps", "4", "-q"},
			`^placesim: warning: default: stopped at --max-reps, 4 replications, short of --precision: the 90% interval of cost_total in all is within [0-9.]+% of its mean, not 0.01% \(raise --max-reps, or ask for less\)\n$`,
			`"first_replications": 3,
    "max_replications": 4,`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			o := mustRun(t, append([]string{"run", "--charts=false", "--out", out}, tt.args...)...)
			if !regexp.MustCompile(tt.stderr).MatchString(o.stderr) {
				t.Errorf("stderr:\n%s\nwant it to match\n%s", o.stderr, tt.stderr)
			}
			if m := readFile(t, out, manifestName); !strings.Contains(m, tt.manifest) {
				t.Errorf("manifest.json:\n%s\nwant it to hold\n%s", m, tt.manifest)
			}
		})
	}
}

// TestPrecisionFirstBatchNote checks that a first batch other than --reps asked for is said on
// stderr, even with -q: it had been changed without a word (--reps 1 ran 2; --reps 200 with
// --max-reps 50 ran 50).
func TestPrecisionFirstBatchNote(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--reps", "1"}, "placesim: note: --precision's first batch is 2 replications, not the 1 of --reps: an interval takes at least 2\n"},
		{[]string{"--reps", "20", "--max-reps", "5"}, "placesim: note: --precision's first batch is 5 replications, not the 20 of --reps: --max-reps 5 is the most the run may make\n"},
		{[]string{"--reps", "3"}, ""},
	} {
		args := append([]string{"run", "--precision", "0.5", "--years", "2", "--set", "warmup_years=1", "--charts=false", "-q", "--out", filepath.Join(t.TempDir(), "p")}, tt.args...)
		if o := mustRun(t, args...); !strings.HasPrefix(o.stderr, tt.want) || (tt.want == "" && strings.Contains(o.stderr, "first batch")) {
			t.Errorf("%v: stderr %q, want it to begin %q", tt.args, o.stderr, tt.want)
		}
	}
}
