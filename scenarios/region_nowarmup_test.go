package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionNoWarmupWarning checks that a region run with no warm-up, by its file or a --set,
// whose councils include one on the default county without stock_stays is warned once, at the
// region's warmup_years, naming the councils that settle; and that a region with a warm-up, or
// whose councils are all calibrated (stock_stays), is not.
func TestRegionNoWarmupWarning(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	write("calibrated.yaml", "name: c\nextends: default\nstock_stays:\n  - who: {ages: 0-17}\n    stay: {distribution: exponential, mean_days: 700}\n    exits: {return_home: 1}\n")
	region := func(warmup string, councils ...string) string {
		s := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: " + warmup + "\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n"
		for _, c := range councils {
			s += "  - " + c + "\n"
		}
		return s
	}
	def, cal := "{name: a, zone: north, scenario: default}", "{name: b, zone: north, scenario: calibrated.yaml}"
	for _, tt := range []struct {
		name, text string
		sets       []string
		want       string // the warning's beginning, or "" for none
		warmup     string // the warm-up it recommends
	}{
		{"file", region("0", def, cal), nil, "reg.yaml:4:15: warmup_years: no warm-up, and council a is on the default county with no stock_stays, so the region's first months", "give the region a warm-up (england's is 9 years, south-east's is 3 years)"},
		{"set", region("2", def, strings.Replace(def, "a,", "c,", 1)), []string{"warmup_years=0"}, "--set warmup_years=0: warmup_years: no warm-up, and every council is on the default county", "give the region a warm-up (its file's is 2 years)"},
		{"warm-up", region("2", def, cal), nil, "", ""},
		{"calibrated", region("0", cal), nil, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := LoadRegionWarnings(write("reg.yaml", tt.text), tt.sets)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range warns {
				if strings.Contains(w.Error(), "settling into places sized for a usual month") {
					got = append(got, strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)))
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warned %q, want no warning", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("warned %q, want one warning beginning %q", got, tt.want)
			case tt.want != "" && !strings.Contains(got[0], tt.warmup):
				t.Errorf("warned %q, want it to say %q", got, tt.warmup)
			}
		})
	}
}
