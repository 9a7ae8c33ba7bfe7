package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/urfave/cli/v2"
)

// The completion scripts of bash and zsh, after urfave/cli/v2's (its autocomplete/bash_autocomplete
// and autocomplete/zsh_autocomplete), with the program's name filled in; the bash script reads
// the words from COMP_WORDS and COMP_CWORD where the bash-completion package, whose functions it
// calls, is not installed. Each asks placesim itself for the words that may come next, with the
// hidden command __complete (completeCommand), so the commands, flags and names they offer are
// always this build's. urfave/cli's own way, a --generate-bash-completion flag after the words,
// cannot complete a flag being typed: the "--" typed so far ends the flags, and the hidden flag is
// read as an argument.
const (
	bashCompletion = `_cli_init_completion() {
  COMPREPLY=()
  if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref "$@" cur prev words cword
    return
  fi
  # Without the bash-completion package: the words as bash split them, but for a flag's value
  # typed after = (--formats=p), which bash splits into three words and the package keeps as
  # one, as -n "=:" asks.
  words=("${COMP_WORDS[@]}")
  cword=$COMP_CWORD
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ $cur == "=" && ${COMP_WORDS[cword-1]} == -* ]]; then
    cur="${COMP_WORDS[cword-1]}="
    cword=$((cword-1))
  elif ((cword >= 2)) && [[ ${COMP_WORDS[cword-1]} == "=" && ${COMP_WORDS[cword-2]} == -* ]]; then
    cur="${COMP_WORDS[cword-2]}=$cur"
    cword=$((cword-2))
  fi
  words=("${words[@]:0:cword}" "$cur")
  prev="${words[cword-1]}"
}

_placesim_bash_autocomplete() {
  if [[ "${COMP_WORDS[0]}" != "source" ]]; then
    local cur prev opts base words cword
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    if declare -F _init_completion >/dev/null 2>&1; then
      _init_completion -n "=:" || return
    else
      _cli_init_completion -n "=:" || return
    fi
    # placesim names the words that may come at the cursor, given the words before it; a line
    # ":files" among them asks for the files and folders that match too.
    opts=$("${words[0]}" __complete "${words[@]:1:$((cword-1))}" "$cur" 2>/dev/null)
    local files=
    if [[ $'\n'"$opts"$'\n' == *$'\n:files\n'* ]]; then
      files=1
      opts=$(printf '%s\n' "$opts" | grep -vx ':files')
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
    if [[ $cur == -*=* && $COMP_WORDBREAKS == *=* ]]; then
      # A flag's value after = (--formats=p): bash replaces only the part after the =.
      COMPREPLY=("${COMPREPLY[@]#"${cur%%=*}="}")
    fi
    if [[ -n $files ]]; then
      compopt -o filenames 2>/dev/null
      COMPREPLY+=($(compgen -f -- "${cur}"))
    fi
    return 0
  fi
}

complete -o bashdefault -o default -F _placesim_bash_autocomplete placesim
`
	zshCompletion = `#compdef placesim

_placesim_zsh_autocomplete() {
  local -a opts
  local cur files
  cur=${words[CURRENT]}
  opts=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT-1]}" "$cur" 2>/dev/null)}")
  if (( ${opts[(Ie):files]} )); then
    files=1
    opts=("${(@)opts:#:files}")
  fi
  if [[ -n $files ]]; then
    _describe 'values' opts
    _files
    return
  fi

  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}

compdef _placesim_zsh_autocomplete placesim
`
)

// completionShells are the shells completion writes a script for.
var completionShells = []string{"bash", "zsh", "fish"}

// completionCommand returns the completion command, which writes a shell's completion script.
func completionCommand(stdout io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "write the shell completion script of bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "completion writes a script that makes the shell complete placesim's commands and flags\n" +
			"as they are typed. Load it for the session, or install it where the shell looks:\n\n" +
			"   bash: source <(placesim completion bash)\n" +
			"         placesim completion bash > ~/.local/share/bash-completion/completions/placesim\n" +
			"   zsh:  placesim completion zsh > \"${fpath[1]}/_placesim\"   (then: autoload -U compinit && compinit)\n" +
			"   fish: placesim completion fish > ~/.config/fish/completions/placesim.fish\n\n" +
			"They complete commands, flags, built-in scenario and region names (and files) where a\n" +
			"command takes a scenario, shells, --formats' formats and --kpi's KPIs (after a space\n" +
			"or an =: --formats=p gives png and pdf). The bash and zsh scripts ask placesim for the\n" +
			"words that may come next, so they follow the placesim on the PATH; the fish script\n" +
			"lists this build's, KPIs aside.",
		OnUsageError: onUsage,
		Action: func(c *cli.Context) error {
			args, helped, err := arguments(c)
			if err != nil || helped {
				return err
			}
			if len(args) != 1 {
				return usagef("completion", "name one shell: %s", strings.Join(completionShells, ", "))
			}
			script, err := completionScript(c.App, args[0])
			if err != nil {
				return err
			}
			_, err = io.WriteString(stdout, script)
			return err
		},
	}
}

// completionScript returns the completion script of shell for app.
func completionScript(app *cli.App, shell string) (string, error) {
	names := strings.Join(visibleNames(app), " ")
	switch shell {
	case "bash":
		return "# bash completion for placesim (commands: " + names + ")\n" + bashCompletion, nil
	case "zsh":
		return zshCompletion + "# zsh completion for placesim (commands: " + names + ")\n", nil
	case "fish":
		// urfave/cli/v2 gives its shared help command itself as a subcommand once help has run
		// in the process, and ToFishCompletion would follow that loop for ever: it is given the
		// command tree without cycles.
		saved := app.Commands
		app.Commands = withoutCycles(app.Commands, nil)
		script, err := app.ToFishCompletion()
		app.Commands = saved
		if err != nil {
			return "", fmt.Errorf("completion: fish: %w", err)
		}
		// A flag's usage marks its placeholder with backticks ("run `N` replications"), which
		// help shows as the flag's argument (--reps N) and urfave/cli gives fish as they are.
		// urfave/cli adds placesim's --help once more than it is: each line is kept once.
		var lines []string
		for line := range strings.SplitSeq(strings.ReplaceAll(script, "`", ""), "\n") {
			if strings.HasPrefix(line, "complete ") && slices.Contains(lines, line) {
				continue
			}
			lines = append(lines, line)
		}
		// The names each command takes as arguments, where it takes names: fish adds the files.
		var names []string
		for _, c := range app.VisibleCommands() {
			args := slices.DeleteFunc(argumentNames(app, c.Name), func(w string) bool { return w == completeFiles })
			if len(args) > 0 {
				names = append(names, fmt.Sprintf("complete -c placesim -n '__fish_seen_subcommand_from %s' -a '%s'", c.Name, strings.Join(args, " ")))
			}
		}
		// The formats --formats takes, as the bash and zsh scripts offer them (flagValues).
		names = append(names, fmt.Sprintf("complete -c placesim -l formats -a '%s'",
			strings.Join(flagValues(&cli.StringFlag{Name: "formats"}, nil), " ")))
		return strings.TrimSuffix(strings.Join(lines, "\n"), "\n") + "\n" + strings.Join(names, "\n") + "\n", nil
	}
	return "", usagef("completion", "unknown shell %q: want one of %s", shell, strings.Join(completionShells, ", "))
}

// visibleNames returns the names of app's commands that help shows.
func visibleNames(app *cli.App) []string {
	var out []string
	for _, c := range app.VisibleCommands() {
		out = append(out, c.Name)
	}
	return out
}

// withoutCycles returns copies of cmds whose subcommands leave out any command already among
// their ancestors, each command once (urfave/cli adds its help command to a command's
// subcommands each time it sets the command up), and no hidden one.
func withoutCycles(cmds []*cli.Command, ancestors []*cli.Command) []*cli.Command {
	var out []*cli.Command
	seen := map[string]bool{}
	for _, c := range cmds {
		// No command has subcommands of its own: the help command urfave/cli gives each is left
		// out, and fish offers "help" only where a command goes.
		if slices.Contains(ancestors, c) || seen[c.Name] || c.Hidden || (len(ancestors) > 0 && c.Name == "help") {
			continue
		}
		seen[c.Name] = true
		copied := *c
		copied.Subcommands = withoutCycles(c.Subcommands, append(ancestors, c))
		out = append(out, &copied)
	}
	return out
}

// completeCommand returns the hidden command the bash and zsh scripts run at a tab:
// "placesim __complete WORD... CURRENT" prints, a line each, the words that may stand where
// CURRENT (the word being typed, perhaps "") is, after the words before it; the shell keeps
// those that begin with CURRENT. A line ":files" asks the shell for the files and folders too.
func completeCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:            "__complete",
		Hidden:          true,
		SkipFlagParsing: true,
		HideHelp:        true,
		Action: func(c *cli.Context) error {
			words := c.Args().Slice()
			if len(words) == 0 {
				words = []string{""}
			}
			for _, w := range completions(c.App, words[:len(words)-1], words[len(words)-1]) {
				if _, err := fmt.Fprintln(stdout, w); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// completeFiles is the line of completions that asks the shell for files and folders too.
const completeFiles = ":files"

// completions returns the words that may stand where cur is typed after the words before
// (placesim's own name left out): commands, then a command's flags, its flags' values and the
// names it takes as arguments (built-in scenarios and regions, shells, commands).
func completions(app *cli.App, before []string, cur string) []string {
	// The command: the first word that is not placesim's own flag.
	var cmd *cli.Command
	rest := before
	for len(rest) > 0 && cmd == nil {
		w := rest[0]
		rest = rest[1:]
		if !strings.HasPrefix(w, "-") {
			cmd = app.Command(w)
			if cmd == nil || cmd.Hidden {
				return nil // an unknown command: nothing to offer
			}
		}
	}
	if cmd == nil {
		if strings.HasPrefix(cur, "-") {
			return flagNames(app.Flags, cur)
		}
		return commandNames(app)
	}
	// Where the words after the command stand: after a flag that takes a value, after "--".
	ended := false
	var pending cli.Flag
	var args []string // the arguments typed before cur
	for _, w := range rest {
		switch {
		case pending != nil:
			pending = nil
		case ended:
			args = append(args, w)
		case w == "--":
			ended = true
		case strings.HasPrefix(w, "-") && len(w) > 1:
			name, _, hasValue := strings.Cut(strings.TrimLeft(w, "-"), "=")
			if f := lookupFlag(cmd.Flags, name); f != nil && !hasValue && takesValue(f) {
				pending = f
			}
		default:
			args = append(args, w)
		}
	}
	if pending != nil {
		return flagValues(pending, args)
	}
	if name, value, hasValue := strings.Cut(strings.TrimLeft(cur, "-"), "="); !ended && strings.HasPrefix(cur, "-") && hasValue {
		// A flag's value in the same word (--formats=p): its values, each after the flag as
		// typed, for the shell to keep those that begin with cur.
		f := lookupFlag(cmd.Flags, name)
		if f == nil || !takesValue(f) {
			return nil
		}
		flag := strings.TrimSuffix(cur, value)
		var out []string
		for _, v := range flagValues(f, args) {
			out = append(out, flag+v)
		}
		return out
	}
	if !ended && strings.HasPrefix(cur, "-") {
		flags := cmd.Flags
		if !cmd.HideHelp && lookupFlag(flags, "help") == nil {
			flags = append(slices.Clone(flags), cli.HelpFlag)
		}
		return flagNames(flags, cur)
	}
	return argumentNames(app, cmd.Name)
}

// takesValue reports whether flag f is given a value (--reps 100), unlike a switch (--quiet).
func takesValue(f cli.Flag) bool {
	_, isBool := f.(*cli.BoolFlag)
	return !isBool
}

// flagNames returns the names of flags as typed: --reps, and -r only when cur is not "--...".
func flagNames(flags []cli.Flag, cur string) []string {
	var out []string
	for _, f := range flags {
		if vf, ok := f.(cli.VisibleFlag); ok && !vf.IsVisible() {
			continue
		}
		for _, name := range f.Names() {
			switch {
			case len(name) > 1:
				out = append(out, "--"+name)
			case !strings.HasPrefix(cur, "--"):
				out = append(out, "-"+name)
			}
		}
	}
	return out
}

// flagValues returns the values flag f may take where they are few and known; otherwise
// nothing, and the shell completes files. args are the command's arguments typed so far: a
// --kpi is offered the KPIs of the scenario named first among them, or the default scenario's
// when none is named or the first names a region.
func flagValues(f cli.Flag, args []string) []string {
	switch f.Names()[0] {
	case "formats":
		// One format or a list: each format, and all of them.
		return append(slices.Clone(plots.Formats), strings.Join(plots.Formats, ","))
	case "kpi":
		ref := "default"
		if len(args) > 0 && !scenarios.IsRegion(args[0]) {
			ref = args[0]
		}
		s, err := scenarios.Load(ref, nil)
		if err != nil {
			return nil
		}
		res, err := sim.Prepare(s, 1)
		if err != nil {
			return nil
		}
		return slices.Clone(res.KPIs)
	}
	return nil
}

// commandNames returns the names of app's commands that help shows.
func commandNames(app *cli.App) []string {
	names := visibleNames(app)
	if !slices.Contains(names, "help") {
		names = append(names, "help")
	}
	return names
}

// argumentNames returns the names command cmd takes as arguments, with completeFiles where it
// takes files or folders too.
func argumentNames(app *cli.App, cmd string) []string {
	var scenarioNames, regionNames []string
	for _, b := range scenarios.Builtins() {
		scenarioNames = append(scenarioNames, b.Name)
	}
	for _, b := range scenarios.BuiltinRegions() {
		regionNames = append(regionNames, b.Name)
	}
	switch cmd {
	case "run", "compare", "validate":
		return slices.Concat(scenarioNames, regionNames, []string{completeFiles})
	case "sweep", "sensitivity":
		return append(scenarioNames, completeFiles)
	case "completion":
		return slices.Clone(completionShells)
	case "help":
		return commandNames(app)
	case "merge", "plot", "calibrate", "backtest":
		return []string{completeFiles}
	}
	// A command that takes no arguments: placesim offers no names. The shells still offer
	// files, as on any empty reply (bash's -o default, zsh's _files): the flags' values that
	// placesim does not list are files and folders, and they need that.
	return nil
}
