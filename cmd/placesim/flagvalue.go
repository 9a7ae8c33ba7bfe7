package main

import (
	"errors"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/placesim/placesim/scenarios"
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
	"seed":                    "a whole number from 1 to 18446744073709551615",
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

// listFlags are the flags of one comma-separated list, which are given once with every value
// in it, each with an example for the error of one given twice.
var listFlags = map[string]string{
	"percentiles": "5,25,50,75,95",
	"formats":     "png,svg",
}

// flagValueError returns err, an error of parsing command cmd's flags ("" for placesim's
// own), in words a user reads: a value that its flag cannot hold, such as --reps 1.5, becomes
// `--reps must be a whole number of at least 1, not "1.5"`. The value is quoted, as the errors
// of --budget and --vary quote theirs, so that a space or an empty value can be seen (" 5",
// ""); a control character or bytes that are not UTF-8 are escaped (`"1\t"`). Any other error
// is returned as it is.
func flagValueError(app *cli.App, cmd string, err error) error {
	m := badFlagValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	// m[1] is the value as Go's flag package quotes it (with %q), less its quotes.
	value, name, reason := `"`+m[1]+`"`, m[2], m[3]
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
			case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Uint64Flag, intFlag, uint64Flag:
				want = "a whole number"
			case *cli.Float64Flag, float64Flag:
				want = "a number"
			case *cli.DurationFlag:
				want = "a length of time, such as 90s or 10m"
			case *cli.BoolFlag:
				want = "true or false"
			}
		}
	}
	dash := "--"
	if len(name) == 1 {
		dash = "-"
	}
	if first, ok := strings.CutPrefix(reason, errFlagTwice.Error()+" after "); ok {
		// The last would have replaced the first without a word.
		if example, ok := listFlags[name]; ok {
			return fmt.Errorf("%s%s is given twice (%s, then %s): give it once, with every value in one comma-separated list, such as %s%s %s", dash, name, first, value, dash, name, example)
		}
		return fmt.Errorf("%s%s is given twice (%s, then %s): give it once", dash, name, first, value)
	}
	if typed, err := strconv.Unquote(value); err == nil {
		if plus := scenarios.PlusSign(typed); plus != nil && reason == plus.Error() {
			// In --set's words: "--years "+3": a + sign reads as a change in the workspace …".
			return fmt.Errorf("%s%s %s", dash, name, reason)
		}
	}
	if strings.Contains(reason, "out of range") {
		return fmt.Errorf("%s%s must be %s, not %s, which is out of range", dash, name, want, value)
	}
	return fmt.Errorf("%s%s must be %s, not %s", dash, name, want, value)
}

// errFlagParse and errFlagRange are the errors of a whole-number flag's value that is not one,
// or that its flag cannot hold, in the words of Go's flag package, which flagValueError reads.
var (
	errFlagParse = errors.New("parse error")
	errFlagRange = errors.New("value out of range")
	// errFlagTwice is the error of a single-value flag given a second time, which Go's
	// flag package would otherwise let replace the first without a word.
	errFlagTwice = errors.New("given twice")
)

// decimalInt is the value of a whole-number flag read in decimal only. Go's flag package,
// with which urfave/cli reads an IntFlag or a Uint64Flag, reads "062000" as octal (25,600)
// and "0x10" as hex (16), which no user who types a population or a number of replications
// means: here a leading zero is decimal ("010" is 10), and "0x", "0o" and "0b" are refused,
// as are "_" separators. typed is the value as the user typed it, for messages.
type decimalInt struct {
	n     int
	typed string
	set   bool
}

// Set reads s as a whole number in decimal.
func (v *decimalInt) Set(s string) error {
	if v.set {
		return fmt.Errorf("%w after %q", errFlagTwice, v.typed)
	}
	if err := scenarios.PlusSign(s); err != nil {
		return err // as --set refuses "+3": a + sign reads as a change in the workspace
	}
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil {
		return numError(err)
	}
	v.n, v.typed, v.set = int(n), s, true
	return nil
}

// String returns the value in decimal, which urfave/cli's Context.Int reads back.
func (v *decimalInt) String() string { return strconv.Itoa(v.n) }

// Get returns the value, as an int.
func (v *decimalInt) Get() any { return v.n }

// decimalUint64 is decimalInt for a flag of a whole number of at least 0.
type decimalUint64 struct {
	n     uint64
	typed string
	set   bool
}

// Set reads s as a whole number of at least 0 in decimal.
func (v *decimalUint64) Set(s string) error {
	if v.set {
		return fmt.Errorf("%w after %q", errFlagTwice, v.typed)
	}
	if err := scenarios.PlusSign(s); err != nil {
		return err // as --set refuses "+3": a + sign reads as a change in the workspace
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return numError(err)
	}
	v.n, v.typed, v.set = n, s, true
	return nil
}

// String returns the value in decimal, which urfave/cli's Context.Uint64 reads back.
func (v *decimalUint64) String() string { return strconv.FormatUint(v.n, 10) }

// Get returns the value, as a uint64.
func (v *decimalUint64) Get() any { return v.n }

// decimalRE matches a number written in decimal digits: a sign at most, digits with a fraction
// or not, and an exponent or not (2, +2, 010, 0.5, .5, 1e3), as scenario files write numbers.
var decimalRE = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)

// parseDecimal reads s as a number written in decimal digits (see decimalRE). Go's
// strconv.ParseFloat, with which urfave/cli reads a Float64Flag, also reads "1_0" as 10, "0x1p4"
// as 16 and "inf" as infinity, which no user means: those are refused here.
func parseDecimal(s string) (float64, error) {
	if !decimalRE.MatchString(s) {
		return 0, errFlagParse
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, numError(err)
	}
	return v, nil
}

// decimalFloat64 is the value of a flag of a number read in decimal digits only (see
// parseDecimal).
type decimalFloat64 struct {
	v     float64
	typed string
	set   bool
}

// Set reads s as a number in decimal digits.
func (v *decimalFloat64) Set(s string) error {
	if v.set {
		return fmt.Errorf("%w after %q", errFlagTwice, v.typed)
	}
	if err := scenarios.PlusSign(s); err != nil {
		return err // as --set refuses "+3": a + sign reads as a change in the workspace
	}
	f, err := parseDecimal(s)
	if err != nil {
		return err
	}
	v.v, v.typed, v.set = f, s, true
	return nil
}

// String returns the value in the fewest digits that read back as it, which urfave/cli's
// Context.Float64 reads back.
func (v *decimalFloat64) String() string { return strconv.FormatFloat(v.v, 'g', -1, 64) }

// Get returns the value, as a float64.
func (v *decimalFloat64) Get() any { return v.v }

// numError returns errFlagRange for a number too large for its flag, errFlagParse otherwise.
func numError(err error) error {
	if errors.Is(err, strconv.ErrRange) {
		return errFlagRange
	}
	return errFlagParse
}

// intFlag is a cli.IntFlag whose value is read in decimal only (see decimalInt). It is the
// IntFlag in all else: its help, its default and Context.Int.
type intFlag struct{ *cli.IntFlag }

// Apply defines the flag, under each of its names, in set.
func (f intFlag) Apply(set *flag.FlagSet) error {
	for _, name := range f.Names() {
		set.Var(&decimalInt{n: f.Value}, name, f.Usage)
	}
	return nil
}

// String is the flag's line in help, without "(default: ...)" when its DefaultText is
// noDefault.
func (f intFlag) String() string { return withoutDefault(f.IntFlag.String(), f.DefaultText) }

// uint64Flag is a cli.Uint64Flag whose value is read in decimal only (see decimalInt).
type uint64Flag struct{ *cli.Uint64Flag }

// Apply defines the flag, under each of its names, in set.
func (f uint64Flag) Apply(set *flag.FlagSet) error {
	for _, name := range f.Names() {
		set.Var(&decimalUint64{n: f.Value}, name, f.Usage)
	}
	return nil
}

// float64Flag is a cli.Float64Flag whose value is read in decimal digits only (see
// decimalFloat64).
type float64Flag struct{ *cli.Float64Flag }

// Apply defines the flag, under each of its names, in set.
func (f float64Flag) Apply(set *flag.FlagSet) error {
	for _, name := range f.Names() {
		set.Var(&decimalFloat64{v: f.Value}, name, f.Usage)
	}
	return nil
}

// String is the flag's line in help, without "(default: ...)" when its DefaultText is
// noDefault.
func (f float64Flag) String() string { return withoutDefault(f.Float64Flag.String(), f.DefaultText) }

// noDefault is the DefaultText of a flag whose value when not given (0) is one it refuses when
// typed (--precision 0, --shards 0): help shows no default for it, as for a flag of text.
// urfave/cli shows the value itself for an empty DefaultText.
const noDefault = "\x00"

// withoutDefault returns a flag's help line without its "(default: ...)" when defaultText is
// noDefault.
func withoutDefault(line, defaultText string) string {
	if defaultText != noDefault {
		return line
	}
	return strings.TrimRight(strings.Replace(line, " (default: "+noDefault+")", "", 1), " ")
}

// onceString is the value of a flag of one word or one list (--kpi, --period, --out,
// --percentiles, --formats), which Go's flag package would let a second value replace
// without a word: a second is refused, naming the first.
type onceString struct {
	s   string
	set bool
}

// Set takes s, unless a value was given before.
func (v *onceString) Set(s string) error {
	if v.set {
		return fmt.Errorf("%w after %q", errFlagTwice, v.s)
	}
	v.s, v.set = s, true
	return nil
}

// String returns the value, which urfave/cli's Context.String reads back.
func (v *onceString) String() string { return v.s }

// Get returns the value, as a string.
func (v *onceString) Get() any { return v.s }

// stringFlag is a cli.StringFlag given at most once (see onceString). It is the StringFlag in
// all else: its help, its default and Context.String. Its names share one value, so that a
// flag given under two of them is refused too.
type stringFlag struct{ *cli.StringFlag }

// Apply defines the flag, under each of its names, in set.
func (f stringFlag) Apply(set *flag.FlagSet) error {
	v := &onceString{s: f.Value}
	for _, name := range f.Names() {
		set.Var(v, name, f.Usage)
	}
	return nil
}

// asStringFlag returns the cli.StringFlag of f, a flag of a word, and false for a flag of
// another kind.
func asStringFlag(f cli.Flag) (*cli.StringFlag, bool) {
	switch f := f.(type) {
	case *cli.StringFlag:
		return f, true
	case stringFlag:
		return f.StringFlag, true
	}
	return nil, false
}

// decimalFlags makes every IntFlag, Uint64Flag and Float64Flag of flags read its value in
// decimal digits only, and every StringFlag refuse a second value. The flags that take
// several values (cli.StringSliceFlag, such as --set and --budget) take each value given.
func decimalFlags(flags []cli.Flag) {
	for i, f := range flags {
		switch f := f.(type) {
		case *cli.StringFlag:
			flags[i] = stringFlag{f}
		case *cli.Float64Flag:
			flags[i] = float64Flag{f}
		case *cli.IntFlag:
			flags[i] = intFlag{f}
		case *cli.Uint64Flag:
			flags[i] = uint64Flag{f}
		}
	}
}

// decimalCommands applies decimalFlags to the flags of cmds and of their subcommands, so that
// a flag added to a command is read as the others are.
func decimalCommands(cmds []*cli.Command) {
	for _, c := range cmds {
		decimalFlags(c.Flags)
		decimalCommands(c.Subcommands)
	}
}

// typedValue returns the value of c's whole-number flag name as the user typed it ("062000"
// for 62000), and false if the flag was not given or is of another kind.
func typedValue(c *cli.Context, name string) (string, bool) {
	var typed string
	switch v := c.Generic(name).(type) {
	case *decimalInt:
		typed = v.typed
	case *decimalUint64:
		typed = v.typed
	}
	return typed, typed != ""
}
