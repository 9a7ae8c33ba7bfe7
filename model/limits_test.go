package model

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/scenarios/readme"
)

var update = flag.Bool("update", false, "rewrite the table of ranges in ../README.md from Limits")

// limitsBlock is the README's table of ranges.
var limitsBlock = readme.Block{
	Open:  "<!-- ranges: generated from model.Limits by go test ./model -update -->",
	Close: "<!-- end of ranges -->",
	Lines: true,
}

// limitsTable returns the README's table of ranges: the start date and prices_at, then every Limit.
func limitsTable() string {
	var b strings.Builder
	b.WriteString("| field | from | to | unit |\n|---|---:|---:|---|\n")
	b.WriteString("| `start` | " + EarliestStart.Format(time.DateOnly) + " | " + LatestStart.Format(time.DateOnly) + " | date |\n")
	b.WriteString("| `prices_at` | start less " + strconv.Itoa(MaxPricesAtYears) + " years | start plus " + strconv.Itoa(MaxPricesAtYears) + " years | 1 April |\n")
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
	want := limitsTable()
	got, err := limitsBlock.Replace(string(text), want)
	if err != nil {
		t.Fatalf("%s: the table of ranges: %v", name, err)
	}
	if got == string(text) {
		return
	}
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the table of ranges in %s is not the one model.Limits gives (go test ./model -update rewrites it); want:\n%s", name, want)
}
