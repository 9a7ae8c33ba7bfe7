package ssda903

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// TestStepsTableHidesSums checks that the report's table of episode rows read, dropped and
// used gives no drop of 1 to 4 rows away: the rows read less the drops shown and those used
// are the drops hidden, which must be more than one and add up to 2*MinChildren-1 or more (so
// that each could be any of 1 to 4), unless the rows used are hidden too.
func TestStepsTableHidesSums(t *testing.T) {
	read := func(n int) Step { return Step{What: "episode rows read", Rows: n, Kind: "read"} }
	drop := func(n int) Step { return Step{What: "why " + strconv.Itoa(n), Rows: n, Kind: "drop"} }
	used := func(n int) Step { return Step{What: "episodes used", Rows: n, Kind: "read"} }
	change := Step{What: "cut short", Rows: 28, Kind: "change"}
	tests := []struct {
		name   string
		steps  []Step
		hidden int // rows written "fewer than 5" or "not shown"
	}{
		{"none small", []Step{read(3737), drop(574), drop(767), change, used(2396)}, 0},
		{"one small", []Step{read(3738), drop(574), drop(767), drop(1), change, used(2396)}, 2},
		{"one small, a small cover", []Step{read(3744), drop(574), drop(6), drop(767), drop(1), used(2396)}, 3},
		{"two small", []Step{read(3744), drop(574), drop(4), drop(767), drop(3), used(2396)}, 3},
		{"one small, no other drop", []Step{read(2399), drop(3), used(2396)}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := (&Quality{Steps: tt.steps}).WriteReport(&b); err != nil {
				t.Fatal(err)
			}
			text := b.String()
			known := map[string]int{}
			hidden := 0
			in := false
			for _, line := range strings.Split(text, "\n") {
				if strings.HasPrefix(line, "| episode rows |") {
					in = true
					continue
				}
				if !in || strings.HasPrefix(line, "|---") {
					continue
				}
				if !strings.HasPrefix(line, "| ") {
					in = false
					continue
				}
				cells := strings.Split(line, " | ")
				cell, what := strings.TrimPrefix(cells[0], "| "), strings.TrimSuffix(cells[2], " |")
				if cell == "fewer than 5" || cell == "not shown" {
					hidden++
					continue
				}
				if n, err := strconv.Atoi(strings.ReplaceAll(cell, ",", "")); err == nil {
					known[what] = n
				}
			}
			if hidden != tt.hidden {
				t.Errorf("%d rows hidden, want %d:\n%s", hidden, tt.hidden, text)
			}
			r, ok1 := known["episode rows read"]
			u, ok2 := known["episodes used"]
			if hidden == 0 || !ok1 || !ok2 {
				return
			}
			sum := r - u
			for what, n := range known {
				if strings.HasPrefix(what, "dropped: ") {
					sum -= n
				}
			}
			if hidden < 2 || sum < 2*MinChildren-1 {
				t.Errorf("the rows read less those shown leave %d in %d rows hidden, giving a drop of 1 to 4 away:\n%s", sum, hidden, text)
			}
		})
	}
}
