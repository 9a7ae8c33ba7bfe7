package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestWholeNumberFlagsReadDecimal walks every flag of placesim and of each of its commands,
// finds those that take a whole number (12, but not 1.5), and checks that each reads its
// value in decimal, as a user means it: "010" is 10, not octal 8, and "0x10" is refused, not
// read as hex 16. A whole-number flag added to a command is covered without a change here.
func TestWholeNumberFlagsReadDecimal(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	type named struct {
		cmd  string
		flag cli.Flag
	}
	var flags []named
	var walk func(prefix string, cmds []*cli.Command)
	walk = func(prefix string, cmds []*cli.Command) {
		for _, c := range cmds {
			for _, f := range c.Flags {
				flags = append(flags, named{prefix + c.Name, f})
			}
			walk(prefix+c.Name+" ", c.Subcommands)
		}
	}
	for _, f := range app.Flags {
		flags = append(flags, named{"placesim", f})
	}
	walk("", app.Commands)

	// set returns the value of f once set to each of values in turn, or the first error.
	set := func(f cli.Flag, values ...string) (string, error) {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		if err := f.Apply(fs); err != nil {
			return "", err
		}
		name := f.Names()[0]
		for _, v := range values {
			if err := fs.Set(name, v); err != nil {
				return "", err
			}
		}
		return fs.Lookup(name).Value.String(), nil
	}
	whole, fractional := 0, 0
	for _, n := range flags {
		name := n.cmd + " --" + n.flag.Names()[0]
		if _, err := set(n.flag, "12"); err != nil {
			continue // not a number: a duration, a date, true or false
		}
		if _, err := set(n.flag, "1.5"); err == nil {
			if _, err := set(n.flag, "ten"); err == nil {
				continue // text
			}
			fractional++
			t.Run(name, func(t *testing.T) {
				for _, c := range []struct{ typed, want string }{
					{"0.5", "0.5"}, {"00.25", "0.25"}, {".5", "0.5"}, {"-0.035", "-0.035"}, {"5e-1", "0.5"}, {"010", "10"},
				} {
					if got, err := set(n.flag, c.typed); err != nil || got != c.want {
						t.Errorf("%s %s: read as %q (%v), want %s", name, c.typed, got, err, c.want)
					}
				}
				for _, bad := range []string{"0x1p-1", "0X1P-1", "0x10", "1_0", "0_2", "inf", "NaN", "ten", "", "+0.5"} {
					if got, err := set(n.flag, bad); err == nil {
						t.Errorf("%s %s: read as %s, want it refused", name, bad, got)
					}
				}
			})
			continue
		}
		whole++
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct{ typed, want string }{
				{"10", "10"}, {"010", "10"}, {"062000", "62000"}, {"0", "0"}, {"00", "0"}, {"08", "8"},
			} {
				if got, err := set(n.flag, c.typed); err != nil || got != c.want {
					t.Errorf("%s %s: read as %q (%v), want %s", name, c.typed, got, err, c.want)
				}
			}
			for _, bad := range []string{"0x10", "0X10", "0o10", "0b10", "1_000", "1e3", "ten", "", "+10"} {
				if got, err := set(n.flag, bad); err == nil {
					t.Errorf("%s %s: read as %s, want it refused", name, bad, got)
				}
			}
		})
	}
	// run's, serve's and calibrate's, at least: a walk that finds none checks nothing.
	if whole < 15 {
		t.Errorf("found %d whole-number flags, want at least 15", whole)
	}
	// --interval, --precision, --range, --probability and --discount-rate, at least.
	if fractional < 5 {
		t.Errorf("found %d flags of numbers with a fraction, want at least 5", fractional)
	}
}

// TestWholeNumberFlagsAsTyped checks, through the commands a user types, that a leading zero
// is read as decimal and that a refused value is quoted as it was typed, in double quotes.
func TestWholeNumberFlagsAsTyped(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	mustRun(t, "run", "--reps", "01", "--years", "1", "--set", "warmup_years=0", "--charts=false", "--seed", "010", "--out", out, "-q")
	var m struct {
		Seed uint64 `json:"seed"`
		Reps int    `json:"replications"`
	}
	if err := json.Unmarshal([]byte(readFile(t, out, manifestName)), &m); err != nil {
		t.Fatal(err)
	}
	if m.Seed != 10 || m.Reps != 1 {
		t.Errorf("run --reps 01 --seed 010: manifest says seed %d, %d replications; want seed 10, 1 replication", m.Seed, m.Reps)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		// Each is refused whether or not its odd value is read (--reps 0): a test that fails
		// never runs a simulation or a server.
		{[]string{"run", "--reps", "0x0"}, "placesim run: --reps must be a whole number of at least 1, not \"0x0\"\n"},
		{[]string{"run", "default", "--reps", "0x0"}, "placesim run: --reps must be a whole number of at least 1, not \"0x0\"\n"},
		{[]string{"run", "--seed", "0x1", "--reps", "0"}, "placesim run: --seed must be a whole number from 1 to 18446744073709551615, not \"0x1\"\n"},
		{[]string{"run", "--years", "1_0", "--reps", "0"}, "placesim run: --years must be a whole number of years from 1 to 50, not \"1_0\"\n"},
		{[]string{"serve", "--max-runs", "0x10000"}, "placesim serve: --max-runs must be a whole number from 1 to 1000, not \"0x10000\"\n"},
		{[]string{"calibrate", "--population", "0x10"}, "placesim calibrate: --population must be a whole number of children from 1 to 20,000,000, not \"0x10\"\n"},
		{[]string{"run", "--reps", `""`}, "placesim run: --reps must be a whole number of at least 1, not \"\\\"\\\"\"\n"},
		{[]string{"run", "--reps", ""}, "placesim run: --reps must be a whole number of at least 1, not \"\"\n"},
		{[]string{"run", "--reps", `a"b\c`}, "placesim run: --reps must be a whole number of at least 1, not \"a\\\"b\\\\c\"\n"},
		{[]string{"run", "--reps", "é"}, "placesim run: --reps must be a whole number of at least 1, not \"é\"\n"},
		// A space, invisible unquoted, is seen inside the quotes, as --budget's and --vary's
		// values are.
		{[]string{"run", "--reps", " 5"}, "placesim run: --reps must be a whole number of at least 1, not \" 5\"\n"},
		// A control character stays escaped: printed raw, a tab cannot be seen.
		{[]string{"run", "--reps", "1\t"}, "placesim run: --reps must be a whole number of at least 1, not \"1\\t\"\n"},
		{[]string{"run", "--interval", "0x1p-1", "--reps", "0"}, "placesim run: --interval must be a number between 0 and 1 (0.9 for 90%), not \"0x1p-1\"\n"},
		{[]string{"run", "--precision", "1_0", "--reps", "0"}, "placesim run: --precision must be a share greater than 0 (0.05 for 5%), not \"1_0\"\n"},
		{[]string{"sensitivity", "--range", "0_2"}, "placesim sensitivity: --range must be a share between 0 and 1 (0.2 for ±20%), not \"0_2\"\n"},
		{[]string{"compare", "--discount-rate", "0x1p-5"}, "placesim compare: --discount-rate must be a rate a year between -1 and 1 (0.035 for 3.5%), not \"0x1p-5\"\n"},
		{[]string{"run", "default", "--percentiles", "5,5_0,0x1p6", "--reps", "1", "--years", "1", "--out", out + "-refused"}, "placesim run: --percentiles \"5,5_0,0x1p6\": want numbers between 0 and 100 separated by commas, such as 5,50,95\n"},
		{[]string{"run", "default", "--budget", "2026/27=6_4m", "--reps", "1", "--years", "1", "--out", out + "-refused"}, "placesim run: --budget \"2026/27=6_4m\": \"6_4m\" is not an amount of pounds above nothing, such as 64m, £900k or £1,200 (write 64m, without _)\n"},
		{[]string{"sweep", "default", "--vary", "entries.per_year=1_00:2_00:5_0", "--target", "ifa_share<=0.3", "--years", "1", "--out", out + "-refused"}, "placesim sweep: --vary \"entries.per_year=1_00:2_00:5_0\": \"1_00\" is not a number: write 100, without _\n"},
		{[]string{"sweep", "default", "--vary", "entries.per_year=100:200:50", "--target", "ifa_share<=0x1p-2", "--years", "1", "--out", out + "-refused"}, "placesim sweep: --target \"ifa_share<=0x1p-2\": \"0x1p-2\" is not a number written in decimal digits, not 0x1p-2\n"},
		{[]string{"sensitivity", "default", "--vary", "entries.per_year=0x1p6:100", "--years", "1", "--out", out + "-refused"}, "placesim sensitivity: --vary \"entries.per_year=0x1p6:100\": \"0x1p6\" is not a number written in decimal digits, not 0x1p6\n"},
		{[]string{"backtest", "--at", "2020-04-01", "--population", "00"}, "placesim backtest: --population \"00\": want the council's children under 18, from 1 to 20,000,000, such as --population 62000\n"},
	} {
		o := placesim(t, c.args...)
		if o.code != exitUsage || !strings.HasPrefix(o.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and\n%s", c.args, o.code, o.stderr, exitUsage, c.want)
		}
	}
}

// TestFlagPlusSignAsSet checks that a number flag given with a + sign is refused as --set
// refuses it, in the same words: --years is short for --set years=N, and took "+3" where
// --set years=+3 was refused; --seed refused "+5" without saying why.
func TestFlagPlusSignAsSet(t *testing.T) {
	plus := func(flag, typed, bare string) string {
		return fmt.Sprintf("%s %q: a + sign reads as a change in the workspace (%s more than the baseline's value); here give the value itself, such as %s\n", flag, typed, bare, bare)
	}
	set := placesim(t, "run", "--set", "years=+3", "--out", filepath.Join(t.TempDir(), "o"), "-q")
	if want := `--set years=+3: years: "+3": a + sign reads as a change in the workspace (3 more than the baseline's value); here give the value itself, such as 3`; !strings.Contains(set.stderr, want) {
		t.Fatalf("--set years=+3: stderr %q, want it to hold %q", set.stderr, want)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--years", "+3", "--reps", "0"}, "placesim run: " + plus("--years", "+3", "3")},
		{[]string{"run", "--seed", "+5", "--reps", "0"}, "placesim run: " + plus("--seed", "+5", "5")},
		{[]string{"run", "--reps", "+2"}, "placesim run: " + plus("--reps", "+2", "2")},
		{[]string{"compare", "--discount-rate", "+0.035"}, "placesim compare: " + plus("--discount-rate", "+0.035", "0.035")},
		{[]string{"sweep", "default", "--vary", "entries.per_year=200:300:+50", "--target", "ifa_share<=0.3", "--years", "1", "--out", filepath.Join(t.TempDir(), "s")},
			"placesim sweep: --vary \"entries.per_year=200:300:+50\": STEP \"+50\" needs no sign: it is how far apart the values are, such as 50\n"},
		// Nor does a minus sign: the values run up from FROM to TO.
		{[]string{"sweep", "default", "--vary", "entries.per_year=250:270:-10", "--target", "ifa_share<=0.3", "--years", "1", "--out", filepath.Join(t.TempDir(), "s")},
			"placesim sweep: --vary \"entries.per_year=250:270:-10\": STEP \"-10\" needs no sign: it is how far apart the values are, such as 10\n"},
		{[]string{"sweep", "default", "--vary", "kinds.ifa.weekly_gbp=900:1000:-£50", "--target", "ifa_share<=0.3", "--years", "1", "--out", filepath.Join(t.TempDir(), "s")},
			"placesim sweep: --vary \"kinds.ifa.weekly_gbp=900:1000:-£50\": STEP \"-£50\" needs no sign: it is how far apart the values are, such as £50\n"},
	} {
		o := placesim(t, c.args...)
		if o.code != exitUsage || !strings.HasPrefix(o.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and\n%s", c.args, o.code, o.stderr, exitUsage, c.want)
		}
	}
	// A - sign is a negative value, where the flag takes one.
	if o := placesim(t, "run", "--years", "-3"); strings.Contains(o.stderr, "+ sign") {
		t.Errorf("--years -3: %s", o.stderr)
	}
}

// TestWordFlagGivenTwice walks every command's flags of one word or one list (--kpi,
// --period, --out, --percentiles, --formats, sweep's --target, ...) and checks that each,
// given twice, is refused, naming the flag and both values, before or after the scenario: the
// last had replaced the first without a word (--kpi a --kpi b took b). A flag added to a
// command is covered without a change here.
func TestWordFlagGivenTwice(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	n := 0
	for _, c := range app.Commands {
		for _, f := range c.Flags {
			if _, ok := asStringFlag(f); !ok {
				continue
			}
			n++
			name := f.Names()[0]
			want := "placesim " + c.Name + ": --" + name + ` is given twice ("a", then "b"): give it once`
			// What the command takes in place of a scenario, if anything.
			var arg []string
			switch c.Name {
			case "run", "compare", "sweep", "sensitivity", "validate":
				arg = []string{"default"}
			case "merge", "plot":
				arg = []string{t.TempDir()}
			}
			for _, args := range [][]string{
				slices.Concat([]string{c.Name, "--" + name, "a", "--" + name + "=b"}, arg),
				slices.Concat([]string{c.Name}, arg, []string{"--" + name, "a", "--" + name, "b"}),
			} {
				o := placesim(t, args...)
				if o.code != exitUsage || !strings.HasPrefix(o.stderr, want) {
					t.Errorf("%v: exit %d, stderr %q, want %q", args, o.code, o.stderr, want)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("found %d flags of a word, want the 20 or more of run, compare, sweep, sensitivity, calibrate, backtest, merge, plot and serve", n)
	}
	// A list is given once, whole.
	o := placesim(t, "run", "--percentiles", "5,50", "--percentiles", "95")
	if want := `placesim run: --percentiles is given twice ("5,50", then "95"): give it once, with every value in one comma-separated list, such as --percentiles 5,25,50,75,95`; o.code != exitUsage || !strings.HasPrefix(o.stderr, want) {
		t.Errorf("--percentiles twice: exit %d, stderr %q, want %q", o.code, o.stderr, want)
	}
}
