package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// arguments returns the arguments of c's command, applying the flags written among or after
// them. urfave/cli v2 stops reading flags at the first argument, and a user who types
// "placesim run my.yaml --reps 100" means the flag. "--" ends the flags: everything after it
// is an argument. helped reports that a -h or --help among the arguments has shown the
// command's help, and the command has nothing more to do.
func arguments(c *cli.Context) (args []string, helped bool, err error) {
	in := c.Args().Slice()
	for i := 0; i < len(in); i++ {
		a := in[i]
		if a == "--" {
			return append(args, in[i+1:]...), false, nil
		}
		if len(a) < 2 || a[0] != '-' {
			args = append(args, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		f := lookupFlag(c.Command.Flags, name)
		if f == nil {
			return nil, false, usagef(c.Command.Name, "flag provided but not defined: %s", a)
		}
		if _, isBool := f.(*cli.BoolFlag); isBool {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 == len(in) {
				return nil, false, usagef(c.Command.Name, "flag needs an argument: %s", a)
			}
			i++
			value = in[i]
		}
		if slices.Contains(cli.HelpFlag.Names(), name) {
			return nil, true, cli.ShowSubcommandHelp(c)
		}
		if err := c.Set(name, value); err != nil {
			return nil, false, &usageError{cmd: c.Command.Name, err: flagValueError(c.App, c.Command.Name, fmt.Errorf("invalid value %q for flag -%s: %v", value, name, err))}
		}
	}
	return args, false, nil
}

// lookupFlag returns the flag of flags that answers to name, or nil.
func lookupFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}
