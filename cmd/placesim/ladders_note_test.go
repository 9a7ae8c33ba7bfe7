package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCompareSaysLaddersDiffer checks that a comparison of scenarios whose ladders differ says
// so beside the first-choice row, in the table and the board pack, and explains it in a note,
// while one of scenarios with the same ladders reads as before.
func TestCompareSaysLaddersDiffer(t *testing.T) {
	dir := t.TempDir()
	flags := []string{"--reps", "3", "--years", "3", "--set", "warmup_years=1"} // 3 years: the homes open in April 2028, within the run
	o := mustRun(t, slices.Concat([]string{"compare", "default", "solo-placement-home"}, flags, []string{"--out", filepath.Join(dir, "solo")})...)
	note := "Note: placements made in the child's first choice are counted against each scenario's own ladders (the kinds of placement each kind of child tries, in order), " +
		"and solo-placement-home's ladders are not default's: for children with solo needs, solo-placement-home's first choice is the in-house solo placement home, " +
		"default's external children's homes. So that row's change compares placements against two different first choices, not only where children were placed; " +
		"a child whose first choice has no place yet (a home not yet open) counts as not placed in it."
	if n := strings.Count(o.stdout, "\nShare of placements made in the child's first choice (ladders differ: see the note) "); n != 2 {
		t.Errorf("%d first-choice rows say the ladders differ, want 2 (both tables):\n%s", n, o.stdout)
	}
	if !strings.Contains(o.stdout, "\n"+note+"\n") {
		t.Errorf("the table has no note of the ladders:\n%s", o.stdout)
	}
	pack := readFile(t, filepath.Join(dir, "solo"), "report.html")
	if !strings.Contains(pack, `<th scope="row" class="row label">Share of placements made in the child&#39;s first choice (ladders differ: see the note)</th>`) ||
		!strings.Contains(pack, "<p>"+strings.ReplaceAll(note, "'", "&#39;")+"</p>") {
		t.Errorf("the board pack does not say the ladders differ")
	}
	// The workbook's Headlines sheet says so beside its first-choice rows, and the note under
	// its table, as the Business case sheet gives its notes.
	rows := sheetRows(t, filepath.Join(dir, "solo", "results.xlsx"), "Headlines")
	table, marked := 0, 0
	for i, row := range rows {
		if len(row) > 1 && row[1] == "Share of placements made in the child's first choice (ladders differ: see the note)" {
			marked++
		}
		if len(row) > 0 && row[0] == "solo-placement-home" {
			table = i + 1
		}
	}
	if marked == 0 {
		t.Errorf("no first-choice row of the workbook's Headlines says the ladders differ")
	}
	if len(rows) != table+2 || len(rows[table+1]) != 1 || rows[table+1][0] != note {
		t.Errorf("the workbook's Headlines sheet, after its table of %d rows, holds %q, want a blank row and the note", table, rows[table:])
	}
	o = mustRun(t, slices.Concat([]string{"compare", "default", "open-childrens-home"}, flags, []string{"--charts=false", "--out", filepath.Join(dir, "home")})...)
	if strings.Contains(o.stdout, "ladders") {
		t.Errorf("a comparison of the same ladders speaks of them:\n%s", o.stdout)
	}
}
