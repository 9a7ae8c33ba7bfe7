package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"
)

// version is placesim's version. Builds set it with -ldflags "-X main.version=v1.2.0"; when it
// is empty the module version recorded in the binary is used, or "dev".
var version string

// placesimVersion returns the version placesim reports and writes into scenario.yaml.
func placesimVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Exit statuses.
const (
	exitOK      = 0 // success
	exitFailure = 1 // a run failed, or validate found a problem
	exitUsage   = 2 // bad usage or bad input
)

// softMemoryLimit is the heap size the garbage collector aims to stay under unless
// GOMEMLIMIT says otherwise: a run of the default scenario's 1,000 replications holds about
// 150 MB live, and without a limit the collector lets the heap grow to twice that before it
// runs. It is a soft limit: a run that needs more gets more.
const softMemoryLimit = 250 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	// A reader that stops early (placesim schema | head -1) breaks the pipe of standard output.
	// Go would end placesim with SIGPIPE (exit status 141) at the next write; ignored, the
	// write fails with EPIPE instead, and report treats that as success.
	signal.Ignore(syscall.SIGPIPE)
	stdout := &stdoutWriter{w: os.Stdout}
	err := newApp(stdout, os.Stderr).Run(os.Args)
	if err == nil {
		err = stdout.failed()
	}
	os.Exit(report(os.Stderr, err))
}

// usageError is a command line that placesim cannot make sense of: an unknown command or
// flag, a missing or extra argument, an impossible flag value.
type usageError struct {
	// cmd is the command whose usage was wrong ("run"), or "" for placesim itself.
	cmd string
	err error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usageError of command cmd.
func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, err: fmt.Errorf(format, args...)}
}

// inputError is a scenario that cannot be read or run: every problem found, each on a line of
// its own that names the file, position and field.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// problemsError says that validate found problems, which it has already printed.
type problemsError struct{ problems, files, checked int }

func (e *problemsError) Error() string {
	return fmt.Sprintf("%s in %d of %d %s", plural(e.problems, "problem"), e.files, e.checked, pluralWord(e.checked, "file"))
}

// report prints err on w, if there is one, and returns the exit status it calls for.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var (
		usage    *usageError
		input    *inputError
		problems *problemsError
		exit     cli.ExitCoder
		tempDir  *tempFolderError
		out      *stdoutError
	)
	switch {
	case errors.As(err, &out) && out.brokenPipe():
		// The reader of the output has all it wanted (placesim scenarios | head -1).
		return exitOK
	case errors.As(err, &out):
		fmt.Fprintf(w, "placesim: %v\n", out)
		return exitFailure
	case errors.As(err, &tempDir):
		// It says all there is to say: the steps of the run it stopped mean nothing to the user.
		fmt.Fprintf(w, "placesim: %v\n", tempDir)
		return exitFailure
	case errors.As(err, &usage):
		cmd := "placesim"
		if usage.cmd != "" {
			cmd += " " + usage.cmd
		}
		fmt.Fprintf(w, "%s: %v\nRun '%s --help' for usage.\n", cmd, usage.err, cmd)
		return exitUsage
	case errors.As(err, &input):
		// Each problem already names its file, position and field. What wraps the problems
		// ("--vary escalation_share at 1.5: ") says which of several scenarios has them.
		msg, context := input.Error(), ""
		if all := err.Error(); all != msg && strings.HasSuffix(all, msg) {
			context = strings.TrimSuffix(all, msg)
		}
		for line := range strings.SplitSeq(msg, "\n") {
			fmt.Fprintln(w, context+line)
		}
		return exitUsage
	case errors.As(err, &problems):
		fmt.Fprintf(w, "placesim: %v\n", problems)
		return exitFailure
	case errors.As(err, &exit):
		// urfave/cli's own errors, such as help on an unknown command.
		fmt.Fprintf(w, "placesim: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(w, "placesim: %v\n", err)
		return exitFailure
	}
}

// plural returns "1 problem" or "3 problems".
func plural(n int, word string) string { return fmt.Sprintf("%d %s", n, pluralWord(n, word)) }

// pluralWord returns word, with an s unless n is 1.
func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
