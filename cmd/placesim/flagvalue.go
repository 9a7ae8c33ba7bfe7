package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// badFlagValue matches the errors of Go's flag package, as urfave/cli passes them on, for a
// value a flag cannot hold: `invalid value "1.5" for flag -reps: parse error` and `invalid
// boolean value "maybe" for -charts: parse error`.
var badFlagValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-{1,2}([^:\s]+): (.*)$`)

// flagWants says, for the flags whose values have bounds, what a value must be: the same
// bounds as the commands' own checks of the value give. A key is a flag's name, or a command's
// and a flag's ("serve reps") where that command's flag has bounds of its own.
var flagWants = map[string]string{
	"reps":                    "a whole number of at least 1",
	"serve reps":              "a whole number of at least 2",
	"serve quick-reps":        "a whole number of at least 2",
	"serve region-reps":       "a whole number of at least 2",
	"serve region-quick-reps": "a whole number of at least 2",
	"max-runs":                "a whole number from 1 to 1000",
	"shards":                  "a whole number of at least 1",
	"max-reps":                "a whole number of at least 2",
	"seed":                    "a whole number of at least 0",
	"population":              "a whole number of children from 1 to 20,000,000",
	"serve seed":              "a whole number from 1 to 18446744073709551615",
	"workers":                 "a whole number, 0 (one per CPU) or more",
	"resamples":               "a whole number, 0 (the calibrated scenario alone) or more",
	"years":                   "a whole number of years from 1 to 50",
	"max-memory":              "a whole number of MiB from 64 to 16777216 (16 TiB)",
	"interval":                "a number between 0 and 1 (0.9 for 90%)",
	"range":                   "a share between 0 and 1 (0.2 for ±20%)",
	"probability":             "a share between 0 and 1",
	"precision":               "a share greater than 0 (0.05 for 5%)",
	"discount-rate":           "a rate a year between -1 and 1 (0.035 for 3.5%)",
	"max-run-time":            "a length of time of at least 1s, such as 90s or 10m",
}

// flagValueError returns err, an error of parsing command cmd's flags ("" for placesim's
// own), in words a user reads: a value that its flag cannot hold, such as --reps 1.5, becomes
// "--reps must be a whole number of at least 1, not 1.5". Any other error is returned as it is.
func flagValueError(app *cli.App, cmd string, err error) error {
	m := badFlagValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	value, name, reason := m[1], m[2], m[3]
	flags := app.Flags
	if cmd != "" {
		if c := app.Command(cmd); c != nil {
			flags = c.Flags
		}
	}
	want, ok := flagWants[cmd+" "+name]
	if !ok {
		want, ok = flagWants[name]
	}
	if !ok {
		want = "a value of the flag's kind"
		i := slices.IndexFunc(flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
		if i >= 0 {
			switch flags[i].(type) {
			case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Uint64Flag:
				want = "a whole number"
			case *cli.Float64Flag:
				want = "a number"
			case *cli.DurationFlag:
				want = "a length of time, such as 90s or 10m"
			case *cli.BoolFlag:
				want = "true or false"
			}
		}
	}
	if value == "" {
		value = `""`
	}
	dash := "--"
	if len(name) == 1 {
		dash = "-"
	}
	if strings.Contains(reason, "out of range") {
		return fmt.Errorf("%s%s must be %s, not %s, which is out of range", dash, name, want, value)
	}
	return fmt.Errorf("%s%s must be %s, not %s", dash, name, want, value)
}
