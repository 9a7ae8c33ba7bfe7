package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// samples holds the published sample returns, beside the project (../shared/data/ssda903).
const samples = "../../../shared/data/ssda903"

// sampleArgs returns the file flags of a sample return, as a shell expands
// "--episodes dir/*-episodes.csv": the flag, then every file. It skips the test when the
// samples are not beside the project.
func sampleArgs(t *testing.T, dir, prefix string) []string {
	t.Helper()
	if _, err := os.Stat(samples); err != nil {
		t.Skipf("the sample returns are not at %s: %v", samples, err)
	}
	var args []string
	for _, table := range []string{"episodes", "header", "uasc"} {
		names, err := filepath.Glob(filepath.Join(samples, dir, prefix+table+".csv"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no %s files in %s", table, dir)
		}
		args = append(append(args, "--"+table), names...)
	}
	return args
}

func TestCalibrateSamples(t *testing.T) {
	for _, c := range []struct {
		name, dir, prefix string
		extra             []string
		council           string
	}{
		{"la-sample", "la-sample", "*-", nil, "the council"},
		{"regional-sample", "regional-sample", "", []string{"--la", "Southwark"}, "Southwark"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "my council.yaml")
			args := slices.Concat([]string{"calibrate"}, sampleArgs(t, c.dir, c.prefix), c.extra, []string{"--out", out})
			o := mustRun(t, args...)
			if !strings.Contains(o.stderr, "placesim: calibrated "+c.council+" from 2017-04-01 to 2022-04-01") {
				t.Errorf("stderr: %s", o.stderr)
			}
			s, err := scenarios.Load(out, nil)
			if err != nil {
				t.Fatalf("the calibrated scenario does not load: %v", err)
			}
			if s.Name != "my council" || s.Start.Format("2006-01-02") != "2022-04-01" {
				t.Errorf("name %q, start %v", s.Name, s.Start)
			}
			mustRun(t, "validate", out)
			report := readFile(t, filepath.Dir(out), "my council.quality.md")
			if !strings.HasPrefix(report, "# Data quality of the SSDA903 return") {
				t.Errorf("report:\n%s", report)
			}
			// Calibrating again gives the same files.
			first := readFile(t, filepath.Dir(out), "my council.yaml")
			mustRun(t, append(args, "--quiet")...)
			if readFile(t, filepath.Dir(out), "my council.yaml") != first {
				t.Error("a second calibration wrote another scenario")
			}
		})
	}
}

// TestCalibrateOptions checks --from, --to, --name, --no-trend and --base.
func TestCalibrateOptions(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sub", "c.yaml")
	base := filepath.Join(dir, "county.yaml")
	if err := os.WriteFile(base, []byte("extends: default\nname: county\ninflation_per_year: 0.05\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := slices.Concat([]string{"calibrate"}, sampleArgs(t, "la-sample", "*-"),
		[]string{"--from", "2018-04-01", "--to", "2021-04-01", "--name", "Test council", "--no-trend", "--base", base, "--out", out, "-q"})
	if o := mustRun(t, args...); o.stderr != "" {
		t.Errorf("--quiet printed %q", o.stderr)
	}
	text := readFile(t, filepath.Dir(out), "c.yaml")
	for _, want := range []string{"name: Test council", "extends: ../county.yaml", "start: 2021-04-01", "over 2018-04-01 to 2021-04-01", "no trend fitted (calibrate --no-trend)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the scenario does not hold %q:\n%s", want, text)
		}
	}
	s, err := scenarios.Load(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.InflationPerYear != 0.05 {
		t.Errorf("inflation %v: the scenario does not extend its base", s.InflationPerYear)
	}
}

func TestCalibrateBadUsage(t *testing.T) {
	dir := t.TempDir()
	episodes := filepath.Join(dir, "episodes.csv")
	header := filepath.Join(dir, "header.csv")
	writeFiles(t, dir, map[string]string{
		"episodes.csv": "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\nA,01/05/2017,S,C2,U4,PR1,,\nB,2017-13-01,S,C2,U4,PR1,,\n",
		"header.csv":   "CHILD,SEX,DOB\nA,1,01/01/2010\nB,2,01/01/2009\n",
		"bad.csv":      "CHILD,DECOM,RNE\nA,01/05/2017,S\n",
	})
	out := filepath.Join(dir, "out.yaml")
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no out", []string{"--episodes", episodes, "--header", header}, exitUsage, "name the scenario file to write with --out"},
		{"no episodes", []string{"--header", header, "--out", out}, exitUsage, "name the episodes files of the return with --episodes"},
		{"no header", []string{"--episodes", episodes, "--out", out}, exitUsage, "name the header files"},
		{"argument", []string{"stray.csv", "--episodes", episodes, "--header", header, "--out", out}, exitUsage, `takes no arguments, got "stray.csv"`},
		{"unknown flag", []string{"--episodes", episodes, "--header", header, "--out", out, "--reps", "3"}, exitUsage, "flag provided but not defined: --reps"},
		{"bad date flag", []string{"--episodes", episodes, "--header", header, "--out", out, "--to", "1/4/2020"}, exitUsage, `--to "1/4/2020": want a date such as 2024-04-01`},
		{"unreadable date", []string{"--episodes", episodes, "--header", header, "--out", out}, exitUsage, episodes + ":3: DECOM: cannot read the date: the month is not 1 to 12"},
		{"missing column", []string{"--episodes", filepath.Join(dir, "bad.csv"), "--header", header, "--out", out}, exitUsage, filepath.Join(dir, "bad.csv") + ":1: missing columns LS, PLACE, PLACE_PROVIDER, DEC, REC"},
		{"no such file", []string{"--episodes", filepath.Join(dir, "none.csv"), "--header", header, "--out", out}, exitUsage, "none.csv: no such file"},
		{"out is a directory", []string{"--episodes", episodes, "--header", header, "--out", dir}, exitUsage, "is a directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := placesim(t, append([]string{"calibrate"}, c.args...)...)
			if o.code != c.code || !strings.Contains(o.stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", o.code, o.stderr, c.code, c.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed calibration wrote %s", out)
			}
		})
	}
	if o := placesim(t, "calibrate", "--help"); o.code != exitOK || !strings.Contains(o.stdout, "--episodes FILE") {
		t.Errorf("help: exit %d\n%s", o.code, o.stdout)
	}
}
