package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestRunHelpInterval checks that run's help says what --interval sets: the level of
// --precision's and --budget's intervals, not the report's or the workbook's, which keep 90%.
func TestRunHelpInterval(t *testing.T) {
	o := mustRun(t, "run", "--help")
	want := regexp.MustCompile(`--interval LEVEL +the confidence LEVEL of --precision's and --budget's intervals, such as 0\.9 for 90%, and refused without one of them \(the report, charts and workbook keep 90%\) \(default: 0\.9\)\n`)
	if !want.MatchString(o.stdout) {
		t.Errorf("run --help does not say what --interval sets:\n%s", o.stdout)
	}
}

// TestRunHelpReplicationNumbers checks that run's help says, at kpis.csv, that the files
// number replications from 0 where every message counts them from 1.
func TestRunHelpReplicationNumbers(t *testing.T) {
	o := mustRun(t, "run", "--help")
	want := regexp.MustCompile(`kpis\.csv +each KPI of each replication, numbered from 0 \(messages count from 1:\n +replication 0 is run 1\)\n`)
	if !want.MatchString(o.stdout) {
		t.Errorf("run --help does not say how kpis.csv numbers the replications:\n%s", o.stdout)
	}
}

// TestHelpListsNoSubcommands checks that no command's help, however asked for, has a COMMANDS
// section: no command has subcommands, and urfave/cli's help command is not one to list.
func TestHelpListsNoSubcommands(t *testing.T) {
	for _, args := range [][]string{
		{"calibrate", "--help"}, {"backtest", "--help"}, {"backtest", "-h"},
		{"run", "--help"}, {"run", "default", "--help"}, {"help", "calibrate"},
	} {
		if o := mustRun(t, args...); strings.Contains(o.stdout, "COMMANDS:") || !strings.Contains(o.stdout, "OPTIONS:") {
			t.Errorf("placesim %v lists commands, or no options:\n%s", args, o.stdout)
		}
	}
}

// TestRunHelpNoRefusedDefault checks that run's help gives no default for --precision and
// --shards, whose value when not given, 0, is refused when typed.
func TestRunHelpNoRefusedDefault(t *testing.T) {
	o := mustRun(t, "run", "--help")
	for line := range strings.SplitSeq(o.stdout, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && (f[0] == "--precision" || f[0] == "--shards") && (strings.Contains(line, "(default:") || strings.ContainsRune(line, 0) || strings.HasSuffix(line, " ")) {
			t.Errorf("run --help gives %s a default: %q", f[0], line)
		}
	}
	for _, args := range [][]string{{"--precision", "0"}, {"--shard-from-env", "--shards", "0"}} {
		if o := placesim(t, append([]string{"run", "--reps", "2", "--years", "1", "--charts=false", "--out", t.TempDir()}, args...)...); o.code != exitUsage {
			t.Errorf("run %v: exit %d, want %d (refused)", args, o.code, exitUsage)
		}
	}
}
