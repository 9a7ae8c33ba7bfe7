package main

import (
	"encoding/json"
	"flag"
	"io"
	"path/filepath"
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
	whole := 0
	for _, n := range flags {
		name := n.cmd + " --" + n.flag.Names()[0]
		if _, err := set(n.flag, "12"); err != nil {
			continue // not a number: a duration, a date, true or false
		}
		if _, err := set(n.flag, "1.5"); err == nil {
			continue // a number with a fraction, or text
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
			for _, bad := range []string{"0x10", "0X10", "0o10", "0b10", "1_000", "1e3", "ten", ""} {
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
}

// TestWholeNumberFlagsAsTyped checks, through the commands a user types, that a leading zero
// is read as decimal and that a refused value is quoted as it was typed.
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
		{[]string{"run", "--reps", "0x0"}, "placesim run: --reps must be a whole number of at least 1, not 0x0\n"},
		{[]string{"run", "default", "--reps", "0x0"}, "placesim run: --reps must be a whole number of at least 1, not 0x0\n"},
		{[]string{"run", "--seed", "0x1", "--reps", "0"}, "placesim run: --seed must be a whole number of at least 0, not 0x1\n"},
		{[]string{"run", "--years", "1_0", "--reps", "0"}, "placesim run: --years must be a whole number of years from 1 to 50, not 1_0\n"},
		{[]string{"serve", "--max-runs", "0x10000"}, "placesim serve: --max-runs must be a whole number from 1 to 1000, not 0x10000\n"},
		{[]string{"calibrate", "--population", "0x10"}, "placesim calibrate: --population must be a whole number of children from 1 to 20,000,000, not 0x10\n"},
		{[]string{"backtest", "--at", "2020-04-01", "--population", "00"}, "placesim backtest: --population 00: want the council's children under 18, from 1 to 20,000,000, such as --population 62000\n"},
	} {
		o := placesim(t, c.args...)
		if o.code != exitUsage || !strings.HasPrefix(o.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and\n%s", c.args, o.code, o.stderr, exitUsage, c.want)
		}
	}
}
