package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// The completion scripts of urfave/cli/v2 (its autocomplete/bash_autocomplete and
// autocomplete/zsh_autocomplete), with the program's name filled in; the bash script reads the
// words from COMP_WORDS and COMP_CWORD where the bash-completion package, whose functions
// urfave/cli's script calls, is not installed. Each asks placesim itself
// for the words that may come next, with the hidden --generate-bash-completion flag that
// App.EnableBashCompletion adds, so the commands and flags they offer are always this build's.
const (
	bashCompletion = `_cli_init_completion() {
  COMPREPLY=()
  if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref "$@" cur prev words cword
    return
  fi
  # Without the bash-completion package: the words as bash split them.
  words=("${COMP_WORDS[@]}")
  cword=$COMP_CWORD
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
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
    words=("${words[@]:0:$cword}")
    if [[ "$cur" == "-"* ]]; then
      requestComp="${words[*]} ${cur} --generate-bash-completion"
    else
      requestComp="${words[*]} --generate-bash-completion"
    fi
    opts=$(eval "${requestComp}" 2>/dev/null)
    COMPREPLY=($(compgen -W "${opts}" -- ${cur}))
    return 0
  fi
}

complete -o bashdefault -o default -o nospace -F _placesim_bash_autocomplete placesim
`
	zshCompletion = `#compdef placesim

_placesim_zsh_autocomplete() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
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
			"The bash and zsh scripts ask placesim for the words that may come next, so they follow\n" +
			"the placesim on the PATH; the fish script lists this build's commands and flags.",
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
		return strings.ReplaceAll(script, "`", ""), nil
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
// their ancestors.
func withoutCycles(cmds []*cli.Command, ancestors []*cli.Command) []*cli.Command {
	var out []*cli.Command
	for _, c := range cmds {
		if slices.Contains(ancestors, c) {
			continue
		}
		copied := *c
		copied.Subcommands = withoutCycles(c.Subcommands, append(ancestors, c))
		out = append(out, &copied)
	}
	return out
}
