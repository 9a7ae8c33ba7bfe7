package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/placesim/placesim/scenarios"
	"github.com/urfave/cli/v2"
)

// arguments returns the arguments of c's command, applying the flags written among or after
// them. urfave/cli v2 stops reading flags at the first argument, and a user who types
// "placesim run my.yaml --reps 100" means the flag. "--" ends the flags: everything after it
// is an argument. helped reports that a -h or --help among the arguments has shown the
// command's help, and the command has nothing more to do.
func arguments(c *cli.Context) (args []string, helped bool, err error) {
	defer func() {
		if err == nil && !helped {
			err = checkEmptyOut(c)
		}
	}()
	in := c.Args().Slice()
	if flagsEnded(c) {
		return in, false, nil
	}
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
			return nil, false, unknownFlag(c.Command.Name, c.Command.Flags, a)
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
			return nil, true, showCommandHelp(c)
		}
		if err := c.Set(name, value); err != nil {
			return nil, false, &usageError{cmd: c.Command.Name, err: flagValueError(c.App, c.Command.Name, fmt.Errorf("invalid value %q for flag -%s: %v", value, name, err))}
		}
	}
	return args, false, nil
}

// showCommandHelp prints the help of c's command as --help before its arguments does: no
// command has subcommands, and urfave/cli's page for one that has would list its own help
// command under COMMANDS.
func showCommandHelp(c *cli.Context) error {
	templ := c.Command.CustomHelpTemplate
	if templ == "" {
		templ = cli.CommandHelpTemplate
	}
	cli.HelpPrinter(c.App.Writer, templ, c.Command)
	return nil
}

// checkEmptyOut refuses an --out given as nothing (--out "" in a script whose variable is
// unset), which would otherwise write where no --out writes, and one of blanks only, which
// would write a folder or file named by spaces no listing shows.
func checkEmptyOut(c *cli.Context) error {
	f, ok := asStringFlag(lookupFlag(c.Command.Flags, "out"))
	if !ok || !c.IsSet("out") {
		return nil
	}
	out := c.String("out")
	if out != "" && strings.TrimSpace(out) != "" {
		return nil
	}
	def := f.DefaultText
	if def == "" {
		def = f.Value
	}
	switch {
	case out != "" && def == "":
		return usagef(c.Command.Name, "--out %q is blank: name the scenario file to write, such as --out my-council.yaml", out)
	case out != "":
		return usagef(c.Command.Name, "--out %q is blank: name the folder to write into, or leave --out out to write into %s", out, def)
	case def == "":
		return nil // calibrate's --out, which has no default, says so itself
	}
	return usagef(c.Command.Name, "--out is empty: name the folder to write into, or leave --out out to write into %s", def)
}

// flagsEnded reports whether a "--" ended the flags of c's command before its first argument
// (placesim run --reps 5 -- -x.yaml). urfave/cli v2 reads those flags with Go's flag package,
// which drops that "--" from c.Args() but keeps one written after an argument, so the command
// line as c's parent context holds it is read again as the flag package read it.
func flagsEnded(c *cli.Context) bool {
	lineage := c.Lineage()
	if len(lineage) < 2 || lineage[1] == nil {
		return false
	}
	raw := lineage[1].Args().Slice()
	if len(raw) == 0 {
		return false
	}
	// raw[0] is the command's name; what follows is read as flag.FlagSet.Parse reads it.
	for i := 1; i < len(raw); i++ {
		a := raw[i]
		if a == "--" {
			return true
		}
		if len(a) < 2 || a[0] != '-' {
			return false
		}
		name, _, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if f := lookupFlag(c.Command.Flags, name); f != nil && !hasValue {
			if _, isBool := f.(*cli.BoolFlag); !isBool {
				i++ // the flag's value
			}
		}
	}
	return false
}

// unknownFlag is the error of the flag typed ("--rep", "-rep=5": its value is left out) that
// command cmd, whose flags are flags, does not have, with the nearest of them where one is
// close and begins as the flag typed does: --shell is not a mistyped --help.
func unknownFlag(cmd string, flags []cli.Flag, typed string) error {
	typed, _, _ = strings.Cut(typed, "=")
	name := strings.TrimLeft(typed, "-")
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	if near := scenarios.Nearest(name, names); near != "" && name != "" && strings.EqualFold(near[:1], name[:1]) {
		dashes := "--"
		if len(near) == 1 {
			dashes = "-"
		}
		return usagef(cmd, "flag provided but not defined: %s (did you mean %s%s?)", typed, dashes, near)
	}
	if others, arg := commandsWithFlag(cmd, name); len(others) > 0 {
		has := "placesim " + strings.Join(others, " and placesim ") + " " + map[bool]string{true: "has", false: "have"}[len(others) == 1]
		return usagef(cmd, "flag provided but not defined: %s (%s it: placesim %s%s %s ... gives it)", typed, has, others[0], arg, typed)
	}
	return usagef(cmd, "flag provided but not defined: %s", typed)
}

// commandsWithFlag returns the commands other than cmd that have a flag named name, in the
// order placesim's help lists them (compare --budget is run's flag, not compare's), and the
// first one's first argument as its help writes it (" SCENARIO"), or "".
func commandsWithFlag(cmd, name string) (names []string, arg string) {
	if name == "" {
		return nil, ""
	}
	for _, c := range newApp(io.Discard, io.Discard).Commands {
		if c.Name == cmd || c.Hidden || lookupFlag(c.Flags, name) == nil {
			continue
		}
		if len(names) == 0 {
			if f := strings.Fields(strings.Trim(c.ArgsUsage, "[]")); len(f) > 0 {
				arg = " " + strings.Trim(f[0], "[]")
			}
		}
		names = append(names, c.Name)
	}
	return names, arg
}

// typedFlag returns the flag named name as it was typed on c's command line ("--rep" for the
// name "rep"), or as it is usually written when that cannot be found. placesim's own flags,
// which no command's context holds, are looked for on the command line it was started with.
func typedFlag(c *cli.Context, name string) string {
	var line []string
	if lineage := c.Lineage(); len(lineage) > 1 && lineage[1] != nil && lineage[1].Args().Present() {
		line = lineage[1].Args().Slice()
	} else if len(os.Args) > 1 {
		line = os.Args[1:]
	}
	for _, a := range line {
		if a == "--" {
			break
		}
		if n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); n == name && strings.HasPrefix(a, "-") {
			typed, _, _ := strings.Cut(a, "=")
			return typed
		}
	}
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
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
