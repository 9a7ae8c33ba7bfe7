package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/placesim/placesim/scenarios"
	"github.com/urfave/cli/v2"
)

// regionsCommand returns the regions command, which lists the built-in regions.
func regionsCommand(stdout io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:  "regions",
		Usage: "list the regions built into placesim",
		Description: "regions lists the built-in regions (councils sharing one market of places), a name and a\n" +
			"sentence each; with --json, an array of {\"name\", \"file\", \"description\"} objects, the whole\n" +
			"description each. 'placesim run NAME' runs one.",
		Flags:        []cli.Flag{jsonFlag("the regions")},
		OnUsageError: onUsage,
		Action: func(c *cli.Context) error {
			if err := noArguments(c); err != nil {
				return err
			}
			if c.Bool("json") {
				out := []scenarioJSON{}
				for _, b := range scenarios.BuiltinRegions() {
					out = append(out, scenarioJSON{Name: b.Name, File: b.File, Description: b.Description})
				}
				return writeJSON(stdout, out)
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			for _, b := range scenarios.BuiltinRegions() {
				fmt.Fprintf(tw, "%s\t%s\n", b.Name, firstSentence(b.Description))
			}
			return tw.Flush()
		},
	}
}

// loadAny reads the scenario or region file (or built-in name) ref as run would, and returns
// its warnings (a region's: scenarios.LoadRegionWarnings; a scenario's: Resolved.Warnings) and
// every problem in it.
func loadAny(ref string) ([]error, error) {
	if scenarios.IsRegion(ref) {
		_, warnings, err := scenarios.LoadRegionWarnings(ref, nil)
		return warnings, err
	}
	r, err := scenarios.Resolve(ref, nil)
	if err != nil {
		return scenarios.ErrorWarnings(err), err
	}
	return r.Warnings, nil
}

// printWarnings prints each of a region's or a scenario's warnings (scenarios.LoadRegionWarnings,
// scenarios.Resolved.Warnings) on stderr,
// a line each: "placesim: warning: file:line:col: field: message".
func printWarnings(stderr io.Writer, warnings []error) {
	printNewWarnings(stderr, warnings, nil)
}

// printNewWarnings prints, as printWarnings does, each of warnings not in seen, and adds it to
// seen (when not nil): files that extend the same file, or a region's councils that start
// from the same scenario, say its warnings once.
func printNewWarnings(stderr io.Writer, warnings []error, seen map[string]bool) {
	for _, w := range warnings {
		if seen != nil {
			if seen[w.Error()] {
				continue
			}
			seen[w.Error()] = true
		}
		fmt.Fprintf(stderr, "placesim: warning: %s\n", w)
	}
}
