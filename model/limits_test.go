package model

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the table of ranges in ../README.md from Limits")

const (
	limitsBegin = "<!-- ranges: generated from model.Limits by go test ./model -update -->\n"
	limitsEnd   = "<!-- end of ranges -->\n"
)

// limitsTable returns the README's table of ranges: the start date, then every Limit.
func limitsTable() string {
	var b strings.Builder
	b.WriteString("| field | from | to | unit |\n|---|---:|---:|---|\n")
	b.WriteString("| `start` | " + EarliestStart.Format(time.DateOnly) + " | " + LatestStart.Format(time.DateOnly) + " | date |\n")
	for _, l := range Limits() {
		field := "`" + l.Field + "`"
		if strings.HasPrefix(l.Field, "(") {
			field = strings.Trim(l.Field, "()")
		} else if name, note, ok := strings.Cut(l.Field, " ("); ok {
			field = "`" + name + "` (" + note
		}
		unit := strings.Trim(l.Unit, "()")
		lo, hi := FormatNumber(l.Min), FormatNumber(l.Max)
		if strings.HasPrefix(unit, "£") {
			lo, hi, unit = "£"+lo, "£"+hi, strings.TrimSpace(strings.TrimPrefix(unit, "£"))
		}
		b.WriteString("| " + field + " | " + lo + " | " + hi + " | " + unit + " |\n")
	}
	return b.String()
}

// TestReadmeLimits checks that the README's table of ranges is the one Limits gives; with
// -update it rewrites the table.
func TestReadmeLimits(t *testing.T) {
	const name = "../README.md"
	text, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(text), limitsBegin)
	table, after, ok2 := strings.Cut(rest, limitsEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no table of ranges between %q and %q", name, limitsBegin, limitsEnd)
	}
	want := limitsTable()
	if table == want {
		return
	}
	if *update {
		if err := os.WriteFile(name, []byte(before+limitsBegin+want+limitsEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the table of ranges in %s is not the one model.Limits gives (go test ./model -update rewrites it); want:\n%s", name, want)
}
