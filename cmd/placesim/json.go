package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/urfave/cli/v2"
)

// The JSON that --json prints. Each command prints one JSON value on stdout, indented by two
// spaces and ended by a newline; README.md ("Machine-readable output") documents each shape.
// Field names are snake_case, as in the CSVs.

// jsonFlag returns the --json flag of a command that prints what.
func jsonFlag(what string) cli.Flag {
	return &cli.BoolFlag{Name: "json", Usage: "print " + what + " as JSON on stdout"}
}

// writeJSON writes v on w as indented JSON and a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// validateJSON is what validate --json prints.
type validateJSON struct {
	// OK is true when no file has a problem.
	OK bool `json:"ok"`
	// Files are the files checked, in the order given.
	Files []validatedFile `json:"files"`
}

// validatedFile is one file validate checked.
type validatedFile struct {
	// File is the file or built-in name as given.
	File string `json:"file"`
	// OK is true when the file has no problem.
	OK bool `json:"ok"`
	// Problems are its problems, in the order validate prints them; empty when OK.
	Problems []jsonProblem `json:"problems"`
	// Warnings are what the file allows but is most likely a mistake (a region's shared market
	// of no places), in the order validate prints them; a file with warnings is OK. Left out
	// when there are none.
	Warnings []jsonProblem `json:"warnings,omitempty"`
}

// jsonProblem is one problem of a scenario, as scenarios.Error holds it.
type jsonProblem struct {
	// File is the file the problem is in (a file of the extends chain, or "--set PATH=VALUE").
	File string `json:"file"`
	// Line and Column are 1-based; 0 when not known.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Field is the field's path ("kinds[2].carers.households"), or "" for the whole file.
	Field string `json:"field"`
	// Message says what is wrong.
	Message string `json:"message"`
	// Text is the problem as validate prints it without --json.
	Text string `json:"text"`
}

// problemOf returns err as a jsonProblem: the fields of a *scenarios.Error, or the message
// alone.
func problemOf(err error) jsonProblem {
	var se *scenarios.Error
	if errors.As(err, &se) {
		return jsonProblem{File: se.File, Line: se.Line, Column: se.Column, Field: se.Field, Message: se.Message, Text: err.Error()}
	}
	return jsonProblem{Message: err.Error(), Text: err.Error()}
}

// scenarioJSON is one built-in scenario in what scenarios --json prints, an array of them.
type scenarioJSON struct {
	Name        string `json:"name"`
	File        string `json:"file"`
	Description string `json:"description"`
}

// listScenariosJSON prints the built-in scenarios as a JSON array.
func listScenariosJSON(w io.Writer) error {
	out := []scenarioJSON{}
	for _, b := range scenarios.Builtins() {
		out = append(out, scenarioJSON{Name: b.Name, File: b.File, Description: b.Description})
	}
	return writeJSON(w, out)
}

// versionJSON is what version --json prints.
type versionJSON struct {
	// Name is "placesim".
	Name string `json:"name"`
	// Version is the version placesim reports and writes into scenario.yaml.
	Version string `json:"version"`
	// Go, OS and Arch are the Go release and platform of the build.
	Go   string `json:"go"`
	OS   string `json:"os"`
	Arch string `json:"arch"`
}

// printVersion prints placesim's version: "placesim VERSION", the one format of both version and
// --version, or a versionJSON.
func printVersion(w io.Writer, asJSON bool) error {
	if asJSON {
		return writeJSON(w, versionJSON{Name: "placesim", Version: placesimVersion(), Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH})
	}
	_, err := fmt.Fprintf(w, "placesim %s\n", placesimVersion())
	return err
}

// compareJSON is what compare --json prints: the headline KPIs of each alternative against the
// baseline, every financial year and the whole run ("all").
type compareJSON struct {
	Baseline string `json:"baseline"`
	Reps     int    `json:"reps"`
	// jsonSeed is the seed: seed_text always, seed too where every reader reads it exactly.
	jsonSeed
	Level float64 `json:"level"`
	// MoneyTerms says how the money reads, as under the printed table (plots.MoneyTerms of
	// the baseline): in cash, and at which financial year's prices when the baseline's amounts
	// are another year's than its start's.
	MoneyTerms string `json:"money_terms"`
	// Comparisons are the alternatives, in the order given.
	Comparisons []comparedJSON `json:"comparisons"`
}

// comparedJSON is one alternative against the baseline.
type comparedJSON struct {
	Scenario string `json:"scenario"`
	// WhatItChanges says what the scenario changes against the baseline, a line each, as the
	// board pack lists it: each field it changes, then each dated change.
	WhatItChanges []string `json:"what_it_changes"`
	// PriceNotes say, a line each, how its prices rise otherwise than the baseline's
	// (plots.PriceNotes), as under its business case; empty when the two are priced alike.
	PriceNotes []string `json:"price_notes"`
	// Rows are its headline KPIs, KPI by KPI in the table's order and period by period.
	Rows []compareRowJSON `json:"rows"`
	// UASCGrant, when its UASC in care differ from the baseline's, is the Home Office's grant
	// for them, which the costs leave out.
	UASCGrant *uascGrantJSON `json:"uasc_grant,omitempty"`
	// BusinessCase is its business case against the baseline, in the shape a region's council
	// has it (regionCaseJSON): the net saving over the run, the net present value, the
	// payback year and the chance it pays back within the run.
	BusinessCase *regionCaseJSON `json:"business_case"`
}

// compareRowJSON is one headline KPI in one period. Figures are in the KPI's unit (pounds, a
// share between 0 and 1, or a number of children, places or households); the intervals are
// null where there are fewer than two pairs.
type compareRowJSON struct {
	KPI   string `json:"kpi"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
	// All says how the value over the whole run is formed: "average", "total", "ratio of
	// totals" or "at end".
	All      string   `json:"all"`
	Period   string   `json:"period"`
	BaseMean float64  `json:"base_mean"`
	AltMean  float64  `json:"alt_mean"`
	DiffMean float64  `json:"diff_mean"`
	DiffLo   *float64 `json:"diff_lo"`
	DiffHi   *float64 `json:"diff_hi"`
	RunLo    *float64 `json:"run_lo"`
	RunHi    *float64 `json:"run_hi"`
	// ChanceBetter is the share of paired runs in which the alternative does better; null for a
	// KPI where neither more nor less is better.
	ChanceBetter *float64 `json:"chance_better"`
	// ChanceSame is the share of paired runs in which the two scenarios tie (neither lower nor
	// higher), so that chance_better is not read as the chance that anything changes; null
	// with fewer than two pairs.
	ChanceSame *float64 `json:"chance_same"`
	N          int      `json:"n"`
}

// comparedOf returns the headline rows of alt against base: the rows the printed table gives,
// the step-downs to a family and the gaps to a waiting target among them.
func comparedOf(base, alt *model.Scenario, diffs []sim.Difference) comparedJSON {
	out := comparedJSON{Scenario: alt.Name, WhatItChanges: []string{}, PriceNotes: append([]string{}, plots.PriceNotes(base, alt)...), Rows: []compareRowJSON{}}
	finite := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	heads, _ := plots.ComparedHeadlines(plots.HeadlinesOf(base, plots.CareLeaversMove(diffs)), base, alt, noneInDiffs(diffs))
	for _, h := range heads {
		info, _ := sim.KPIInfo(h.KPI)
		for _, d := range diffs {
			if d.KPI != h.KPI {
				continue
			}
			r := compareRowJSON{KPI: d.KPI, Label: h.Label, Unit: info.Unit.String(), All: info.Aggregate.String(), Period: d.Period,
				BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, N: d.N}
			if d.N >= 2 {
				r.DiffLo, r.DiffHi, r.RunLo, r.RunHi = finite(d.DiffLo), finite(d.DiffHi), finite(d.RunLo), finite(d.RunHi)
			}
			if d.N >= 2 && !math.IsNaN(d.PLower) && !math.IsNaN(d.PHigher) {
				r.ChanceSame = finite(math.Max(0, 1-d.PLower-d.PHigher))
			}
			if h.Better != 0 && d.N >= 2 { // as the printed table: one pair gives no chance
				r.ChanceBetter = finite(h.ChanceBetter(d.PLower, d.PHigher))
			}
			out.Rows = append(out.Rows, r)
		}
	}
	out.UASCGrant = uascGrantJSONOf(uascGrantOf(base, alt, diffs))
	return out
}
