package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDoubleDashEndsFlags checks that "--" ends the flags wherever it stands, so that a
// scenario file whose name begins with a dash can be named: before the first argument (which
// urfave/cli drops from the arguments) as well as after one.
func TestDoubleDashEndsFlags(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "-x.yaml"), []byte("extends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"first", []string{"validate", "--", "-x.yaml"}, exitOK, "ok -x.yaml\n", ""},
		{"after a flag", []string{"validate", "--json=false", "--", "-x.yaml"}, exitOK, "ok -x.yaml\n", ""},
		{"after an argument", []string{"validate", "./-x.yaml", "--", "-x.yaml"}, exitOK, "ok ./-x.yaml\nok -x.yaml\n", ""},
		{"flag after it is an argument", []string{"validate", "--", "--json"}, exitFailure, "", ""},
		{"no --", []string{"validate", "-x.yaml"}, exitUsage, "", "placesim validate: flag provided but not defined: -x.yaml\nRun 'placesim validate --help' for usage.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := placesim(t, tc.args...)
			if o.code != tc.code || (tc.stdout != "" && o.stdout != tc.stdout) || (tc.stderr != "" && o.stderr != tc.stderr) {
				t.Errorf("placesim %q: exit %d, stdout %q, stderr %q; want exit %d, stdout %q, stderr %q",
					tc.args, o.code, o.stdout, o.stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}

// TestDoubleDashRun checks that run reads the scenario named after "--" and "--reps" before it.
func TestDoubleDashRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "-x.yaml"), []byte("extends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	mustRun(t, append(runArgs(out, "-q"), "--", "-x.yaml")...)
	if got := readFile(t, out, "scenario.yaml"); len(got) == 0 {
		t.Errorf("scenario.yaml is empty")
	}
}

// TestEmptyOut checks that an --out given as nothing (a script's unset variable) is refused,
// rather than taken as no --out at all.
func TestEmptyOut(t *testing.T) {
	t.Chdir(t.TempDir()) // where the runs would write out/<name> if they did not refuse
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--out", ""}, "placesim run: --out is empty: name the folder to write into, or leave --out out to write into out/<scenario name>\n"},
		{[]string{"run", "default", "--out="}, "placesim run: --out is empty: name the folder to write into, or leave --out out to write into out/<scenario name>\n"},
		{[]string{"compare", "--out", "", "default", "early-help"}, "placesim compare: --out is empty: name the folder to write into, or leave --out out to write into out/compare-<BASE>\n"},
		{[]string{"sweep", "--out", ""}, "placesim sweep: --out is empty: name the folder to write into, or leave --out out to write into out/sweep-<scenario name>\n"},
		{[]string{"backtest", "--out", ""}, "placesim backtest: --out is empty: name the folder to write into, or leave --out out to write into out/backtest\n"},
		{[]string{"calibrate", "--out", ""}, "placesim calibrate: name the scenario file to write with --out, such as --out my-council.yaml\n"},
		{[]string{"run", "--out", " "}, "placesim run: --out \" \" is blank: name the folder to write into, or leave --out out to write into out/<scenario name>\n"},
		{[]string{"compare", "--out=\t", "default", "early-help"}, "placesim compare: --out \"\\t\" is blank: name the folder to write into, or leave --out out to write into out/compare-<BASE>\n"},
		{[]string{"sweep", "--out", "  "}, "placesim sweep: --out \"  \" is blank: name the folder to write into, or leave --out out to write into out/sweep-<scenario name>\n"},
		{[]string{"backtest", "--out", " "}, "placesim backtest: --out \" \" is blank: name the folder to write into, or leave --out out to write into out/backtest\n"},
		{[]string{"sensitivity", "--out", " "}, "placesim sensitivity: --out \" \" is blank: name the folder to write into, or leave --out out to write into out/sensitivity-<scenario name>\n"},
		{[]string{"merge", "--out", " ", "a", "b"}, "placesim merge: --out \" \" is blank: name the folder to write into, or leave --out out to write into out/<scenario name>\n"},
		{[]string{"calibrate", "--out", "  "}, "placesim calibrate: --out \"  \" is blank: name the scenario file to write, such as --out my-council.yaml\n"},
		// A file name that is all extension leaves the scenario no name to take from it.
		{[]string{"calibrate", "--out", ".yaml"}, "placesim calibrate: --out .yaml: the file's name gives the scenario no name: name the file, such as --out my-council.yaml, or give --name\n"},
		{[]string{"calibrate", "--out", "d/ .yaml"}, "placesim calibrate: --out d/ .yaml: the file's name gives the scenario no name: name the file, such as --out my-council.yaml, or give --name\n"},
		// A blank --name would give the scenario none.
		{[]string{"calibrate", "--out", "c.yaml", "--name", "  "}, "placesim calibrate: --name \"  \" is blank: give the scenario a name, or leave --name out to name it after the file\n"},
		{[]string{"calibrate", "--out", "c.yaml", "--name="}, "placesim calibrate: --name \"\" is blank: give the scenario a name, or leave --name out to name it after the file\n"},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			o := placesim(t, tc.args...)
			want := tc.want + "Run 'placesim " + tc.args[0] + " --help' for usage.\n"
			if written, _ := os.ReadDir("."); len(written) > 0 {
				t.Errorf("placesim %q wrote %s", tc.args, written[0].Name())
			}
			if o.code != exitUsage || o.stderr != want {
				t.Errorf("placesim %q: exit %d, stderr %q; want exit %d, stderr %q", tc.args, o.code, o.stderr, exitUsage, want)
			}
		})
	}
}

// TestUnknownFlag checks that a flag placesim does not have is given as it was typed, with the
// nearest flag where one is close, or the commands that have it, wherever it stands on the
// command line.
func TestUnknownFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--rep", "5"}, "placesim run: flag provided but not defined: --rep (did you mean --reps?)"},
		{[]string{"run", "default", "--rep", "5"}, "placesim run: flag provided but not defined: --rep (did you mean --reps?)"},
		{[]string{"run", "-rep=5"}, "placesim run: flag provided but not defined: -rep (did you mean --reps?)"},
		{[]string{"compare", "--formts", "svg"}, "placesim compare: flag provided but not defined: --formts (did you mean --formats?)"},
		{[]string{"run", "--zzzz"}, "placesim run: flag provided but not defined: --zzzz"},
		{[]string{"--verson"}, "placesim: flag provided but not defined: --verson (did you mean --version?)"},
		{[]string{"-verson"}, "placesim: flag provided but not defined: -verson (did you mean --version?)"},
		// The flag as typed, without the value given it.
		{[]string{"backtest", "-rep=5"}, "placesim backtest: flag provided but not defined: -rep (did you mean --reps?)"},
		{[]string{"calibrate", "--outt=x"}, "placesim calibrate: flag provided but not defined: --outt (did you mean --out?)"},
		{[]string{"run", "default", "--rep=5"}, "placesim run: flag provided but not defined: --rep (did you mean --reps?)"},
		// help's flags are said as placesim's, or as the command's whose help was asked for.
		{[]string{"help", "--x"}, "placesim: flag provided but not defined: --x"},
		{[]string{"run", "help", "-x=1"}, "placesim run: flag provided but not defined: -x"},
		// Another command's flag: the command that has it is named.
		{[]string{"compare", "default", "open-childrens-home", "--budget", "2027/28=70m"},
			"placesim compare: flag provided but not defined: --budget (placesim run and placesim merge have it: placesim run SCENARIO --budget ... gives it)"},
		{[]string{"run", "--discount-rate=0.03"}, "placesim run: flag provided but not defined: --discount-rate (placesim compare has it: placesim compare BASE --discount-rate ... gives it)"},
		// --shell is no mistyped --help: nothing is suggested.
		{[]string{"completion", "--shell=bash"}, "placesim completion: flag provided but not defined: --shell"},
	} {
		t.Run(tc.args[len(tc.args)-1], func(t *testing.T) {
			// placesim's own flags are looked for on the command line it was started with.
			defer func(args []string) { os.Args = args }(os.Args)
			os.Args = append([]string{"placesim"}, tc.args...)
			o := placesim(t, tc.args...)
			cmd := "placesim"
			if len(tc.args) > 1 && tc.args[0] != "help" {
				cmd += " " + tc.args[0]
			}
			want := tc.want + "\nRun '" + cmd + " --help' for usage.\n"
			if o.code != exitUsage || o.stderr != want {
				t.Errorf("placesim %q: exit %d, stderr %q; want exit %d, stderr %q", tc.args, o.code, o.stderr, exitUsage, want)
			}
		})
	}
}
