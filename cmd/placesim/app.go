package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/placesim/placesim/scenarios"
	"github.com/urfave/cli/v2"
)

// newApp returns the placesim command line, writing its output to stdout and its messages to
// stderr. Its Run returns plain errors, never cli.ExitCoder ones: main turns them into exit
// statuses with report.
func newApp(stdout, stderr io.Writer) *cli.App {
	onUsage := func(cmd string) cli.OnUsageErrorFunc {
		return func(c *cli.Context, err error, _ bool) error {
			if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
				flags := c.App.Flags
				if cc := c.App.Command(cmd); cmd != "" && cc != nil {
					flags = cc.Flags
				}
				return unknownFlag(cmd, flags, typedFlag(c, name))
			}
			// Go's flag package names the flag with one dash ("-out"): it is said as typed.
			if name, ok := strings.CutPrefix(err.Error(), "flag needs an argument: -"); ok {
				return usagef(cmd, "flag needs an argument: %s", typedFlag(c, name))
			}
			return &usageError{cmd: cmd, err: flagValueError(c.App, cmd, err)}
		}
	}
	app := &cli.App{
		Name:  "placesim",
		Usage: "simulate the children in a council's care and the places it can put them in",
		Description: "placesim runs a scenario (a council's children in care, its carers, homes and markets,\n" +
			"and a strategy) as many times as asked, with different random draws, and writes what\n" +
			"happens year by year: children, places, moves, emergency placements and spend, with\n" +
			"their uncertainty. Start with 'placesim run', which simulates the built-in default\n" +
			"scenario.",
		Version:              placesimVersion(),
		HideVersion:          true, // --version is the flag below, printed as version prints
		EnableBashCompletion: true,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print placesim's version, as 'placesim version' does"},
		},
		Writer:                    stdout,
		ErrWriter:                 stderr,
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {},
		OnUsageError:              onUsage(""),
		// urfave/cli's help command, of placesim and of each command, has no OnUsageError of
		// its own: "placesim help --x" would print urfave's words and a page of help.
		Before: func(c *cli.Context) error {
			if h := c.App.Command("help"); h != nil && h.OnUsageError == nil {
				h.OnUsageError = helpUsageError
				// "placesim help comapre" suggests the command, as "placesim comapre" does.
				if show := h.Action; show != nil {
					h.Action = func(c *cli.Context) error {
						// A hidden command (__complete, which the completion scripts call) has
						// no help of its own to give: it is no help topic.
						if got := c.Args().First(); got != "" && (c.App.Command(got) == nil || c.App.Command(got).Hidden) {
							if near := nearest(got, c.App.VisibleCommands()); near != "" {
								return usagef("help", "no help topic for %q (did you mean %s?)", got, near)
							}
							return usagef("help", "no help topic for %q: the commands are %s", got, strings.Join(visibleNames(c.App), ", "))
						}
						return show(c)
					}
				}
			}
			return nil
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				return printVersion(stdout, false)
			}
			if c.Args().Present() {
				got := c.Args().First()
				if near := nearest(got, c.App.VisibleCommands()); near != "" {
					return usagef("", "unknown command %q (did you mean %s?)", got, near)
				}
				return usagef("", "unknown command %q", got)
			}
			return cli.ShowAppHelp(c)
		},
		Commands: []*cli.Command{
			runCommand(stderr, onUsage("run")),
			mergeCommand(stderr, onUsage("merge")),
			compareCommand(stdout, stderr, onUsage("compare")),
			sweepCommand(stdout, stderr, onUsage("sweep")),
			sensitivityCommand(stdout, stderr, onUsage("sensitivity")),
			serveCommand(stderr, onUsage("serve")),
			plotCommand(stderr, onUsage("plot")),
			calibrateCommand(stderr, onUsage("calibrate")),
			backtestCommand(stdout, stderr, onUsage("backtest")),
			schemaCommand(stdout, onUsage("schema")),
			completionCommand(stdout, onUsage("completion")),
			completeCommand(stdout),
			{
				Name:      "validate",
				Usage:     "check scenario and region files and report every problem",
				ArgsUsage: "FILE...",
				Description: "validate reads each scenario or region file (or built-in name) as run would and reports\n" +
					"every problem in it, each as file:line:col: field: message. It prints 'ok FILE' for\n" +
					"each file without a problem, and exits with status 1 if any file has one. With --json\n" +
					"it prints one JSON object on stdout instead (see README.md, \"Machine-readable output\"):\n" +
					"{\"ok\": bool, \"files\": [{\"file\", \"ok\", \"problems\": [{\"file\", \"line\", \"column\",\n" +
					"\"field\", \"message\", \"text\"}]}]}, \"text\" being the problem as printed without --json.",
				Flags:        []cli.Flag{jsonFlag("the files and their problems")},
				OnUsageError: onUsage("validate"),
				Action: func(c *cli.Context) error {
					return validate(c, stdout, stderr)
				},
			},
			{
				Name:         "scenarios",
				Usage:        "list the scenarios built into placesim",
				Description:  "scenarios lists the built-in scenarios, a name and a sentence each; with --json, an array\nof {\"name\", \"file\", \"description\"} objects, the whole description each.",
				Flags:        []cli.Flag{jsonFlag("the scenarios")},
				OnUsageError: onUsage("scenarios"),
				Action: func(c *cli.Context) error {
					if err := noArguments(c); err != nil {
						return err
					}
					if c.Bool("json") {
						return listScenariosJSON(stdout)
					}
					return listScenarios(stdout)
				},
			},
			regionsCommand(stdout, onUsage("regions")),
			{
				Name:         "version",
				Usage:        "print placesim's version",
				Description:  "version prints 'placesim VERSION', as --version does; with --json, {\"name\", \"version\",\n\"go\", \"os\", \"arch\"}.",
				Flags:        []cli.Flag{jsonFlag("the version")},
				OnUsageError: onUsage("version"),
				Action: func(c *cli.Context) error {
					if err := noArguments(c); err != nil {
						return err
					}
					return printVersion(stdout, c.Bool("json"))
				},
			},
		},
	}
	// Go's flag package reads "010" as 8 and "0x10" as 16: every whole number is read in
	// decimal instead (flagvalue.go).
	decimalFlags(app.Flags)
	decimalCommands(app.Commands)
	// Every command but serve, which stops its workspace itself, answers an interrupt or a
	// request to terminate itself for as long as it runs, the simulation included: it removes
	// its temporary folders and exits with 130 or 143, as the first process of a container too
	// (see signals in output.go).
	for _, c := range app.Commands {
		if action := c.Action; action != nil && c.Name != "serve" {
			c.Action = func(c *cli.Context) error {
				defer watchSignals()()
				return action(c)
			}
		}
	}
	return app
}

// helpUsageError is the OnUsageError of the help command: a flag it does not have is said as
// of the command whose help was asked for ("placesim run help --x" as of run).
func helpUsageError(c *cli.Context, err error, _ bool) error {
	cmd := ""
	if lineage := c.Lineage(); len(lineage) > 1 && lineage[1] != nil && lineage[1].Command != nil && lineage[1].Command.Name != c.App.Name {
		cmd = lineage[1].Command.Name
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		return unknownFlag(cmd, c.Command.Flags, typedFlag(c, name))
	}
	return &usageError{cmd: cmd, err: err}
}

// noArguments fails when a command that takes no arguments is given some.
func noArguments(c *cli.Context) error {
	if c.Args().Present() {
		return usagef(c.Command.Name, "takes no arguments, got %q", c.Args().Slice())
	}
	return nil
}

// validate checks every file named on the command line, prints "ok FILE" on stdout for each
// good one and every problem of the others on stderr (or, with --json, one validateJSON object
// on stdout), and returns a problemsError when there is any problem.
func validate(c *cli.Context, stdout, stderr io.Writer) error {
	files, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(files) == 0 {
		return usagef("validate", "name one or more scenario files")
	}
	asJSON := c.Bool("json")
	e := &problemsError{checked: len(files)}
	report := validateJSON{OK: true, Files: []validatedFile{}}
	for _, f := range files {
		vf := validatedFile{File: f, OK: true, Problems: []jsonProblem{}}
		warnings, err := loadAny(f)
		for _, w := range warnings {
			vf.Warnings = append(vf.Warnings, problemOf(w))
		}
		if !asJSON {
			printWarnings(stderr, warnings)
		}
		if msg, ok := regionRecordRefusal(f); ok && err != nil {
			// In its run's folder, the command that runs the region again, as run says.
			err = &scenarios.Error{File: f, Message: msg}
		}
		if err != nil {
			e.files++
			vf.OK, report.OK = false, false
			for _, p := range scenarios.Problems(err) {
				e.problems++
				jp := problemOf(p)
				if jp.File == "" {
					// A file that cannot be read at all ("no such file"): the problem is the
					// file named.
					jp.File, jp.Message = f, strings.TrimPrefix(jp.Message, f+": ")
				}
				vf.Problems = append(vf.Problems, jp)
				if !asJSON {
					fmt.Fprintln(stderr, p)
				}
			}
		} else if !asJSON {
			if _, err := fmt.Fprintf(stdout, "ok %s\n", f); err != nil {
				return err
			}
		}
		report.Files = append(report.Files, vf)
	}
	if asJSON {
		if err := writeJSON(stdout, report); err != nil {
			return err
		}
	}
	if e.problems > 0 {
		return e
	}
	return nil
}

// listScenarios prints the built-in scenarios, a name and the first sentence of the
// description each.
func listScenarios(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, b := range scenarios.Builtins() {
		fmt.Fprintf(tw, "%s\t%s\n", b.Name, firstSentence(b.Description))
	}
	return tw.Flush()
}

// firstSentence returns the text up to the first full stop followed by a space and a capital
// letter, on one line.
func firstSentence(text string) string {
	words := strings.Fields(text)
	for i, w := range words[:max(len(words)-1, 0)] {
		if next := words[i+1]; strings.HasSuffix(w, ".") && unicode.IsUpper([]rune(next)[0]) {
			return strings.Join(words[:i+1], " ")
		}
	}
	return strings.Join(words, " ")
}

// isTerminal reports whether w is a terminal, where a progress line can be redrawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// nearest returns the name of the command closest to got, if one is close enough to suggest;
// otherwise "".
func nearest(got string, cmds []*cli.Command) string {
	var names []string
	owner := map[string]string{}
	for _, c := range cmds {
		for _, name := range c.Names() {
			names = append(names, name)
			owner[name] = c.Name
		}
	}
	return owner[scenarios.Nearest(got, names)]
}
