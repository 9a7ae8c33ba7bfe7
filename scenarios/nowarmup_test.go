package scenarios

import (
	"bytes"
	"strings"
	"testing"
)

// TestNoWarmupWarning checks that a scenario built on the default county run with no warm-up,
// by its file or a --set, is warned that its first months show the stock settling into places
// sized for a usual month, at the place that says so; that the built-in scenarios, with their
// warm-ups, are not, nor a file of its own that extends none (whose warmup_years is 0 unless it
// says otherwise); and that a calibrated council's file, whose stock is its real position on
// the start day (stock_stays), is not.
func TestNoWarmupWarning(t *testing.T) {
	warned := func(t *testing.T, r *Resolved) string {
		t.Helper()
		for _, w := range r.Warnings {
			if strings.Contains(w.Error(), "settling into places sized for a usual month") {
				return w.Error()
			}
		}
		return ""
	}
	for _, tc := range []struct {
		name, file string
		sets       []string
		want       string // the warning's place, or "" for none
	}{
		{"file", "name: nw\nextends: default\nwarmup_years: 0\n", nil, "nw.yaml:3:15: warmup_years: no warm-up"},
		{"set", "name: nw\nextends: default\n", []string{"warmup_years=0"}, "--set warmup_years=0: warmup_years: no warm-up"},
		{"warm-up", "name: nw\nextends: default\n", nil, ""},
		{"not on default", "name: own\nstart: 2026-04-01\nstock:\n  - {kind: fost, ages: 12, count: 1}\nstays:\n  - stay: {distribution: fixed, mean_days: 2000}\n    exits: {return_home: 1}\nkinds:\n  - {name: fost, category: foster, supply: market, weekly_gbp: 1000}\nladders:\n  - try: [fost]\n", nil, ""},
		{"default itself", "", []string{"warmup_years=0"}, "--set warmup_years=0: warmup_years: no warm-up"},
		{"calibrated", "name: c\nextends: default\nwarmup_years: 0\nstock_stays:\n  - who: {ages: 0-17}\n    stay: {distribution: exponential, mean_days: 700}\n    exits: {return_home: 1}\n", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r *Resolved
			var err error
			if tc.file == "" {
				r, err = Resolve("default", tc.sets)
			} else {
				r, err = ParseResolved(bytes.NewReader([]byte(tc.file)), "nw.yaml", tc.sets)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := warned(t, r)
			if tc.want == "" && got != "" || tc.want != "" && !strings.HasPrefix(got, tc.want) {
				t.Errorf("warning %q, want one beginning %q", got, tc.want)
			}
		})
	}
	for _, name := range builtinNames() {
		r, err := Resolve(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if w := warned(t, r); w != "" {
			t.Errorf("built-in %s: %s", name, w)
		}
	}
}
