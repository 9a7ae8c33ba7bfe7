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

// TestRegionShortWarmupWarning checks that a warm-up --set makes shorter than the one the
// region's file gives is warned of, at warmup_years, with the figure of the file's warm-up
// study for it (south-east's finds 43 of 468 counts off after 1 year); that the file's own
// warm-up, or a shorter one the study gives no figure for, or one a file without a study
// shortens, is not; and that no warm-up at all is warned of once, as before.
func TestRegionShortWarmupWarning(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	plain := write("plain.yaml", "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 3 # no study here\n"+
		"zones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n  - {name: a, zone: north, scenario: erlang}\n")
	for _, tt := range []struct {
		name, ref string
		sets      []string
		want      string // the warning, or "" for none
	}{
		{"one year", "south-east", []string{"warmup_years=1"}, "--set warmup_years=1: warmup_years: a warm-up of 1 year is shorter than the 3 years the region's file gives: " +
			"its warm-up study finds 43 of 468 counts more than 3% from a 30-year warm-up's after 1 year (0 after 3 years), so the first years reported are not yet settled ones; give 3 years to report from a settled start"},
		{"two years", "south-east", []string{"warmup_years=2"}, "--set warmup_years=2: warmup_years: a warm-up of 2 years is shorter than the 3 years the region's file gives: its warm-up study finds 11 of 468 counts"},
		{"its own", "south-east", nil, ""},
		{"longer", "south-east", []string{"warmup_years=4"}, ""},
		{"no study", plain, []string{"warmup_years=1"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := LoadRegionWarnings(tt.ref, tt.sets)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range warns {
				if strings.Contains(w.Error(), "warmup_years:") {
					got = append(got, w.Error())
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warned %q, want no warning", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("warned %q, want one warning beginning %q", got, tt.want)
			}
		})
	}
}
