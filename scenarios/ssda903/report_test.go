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

// TestFilesTableHidesSums checks that the report's table of files gives no count of 1 to 4
// away beside the episode rows read it writes below: the episodes files' rows less their rows
// of other councils are those rows read, so that each count of 1 to 4 must be able to take any
// of 1 to 4 with the counts "not shown" 5 or more, and more than their file's rows of other
// councils.
func TestFilesTableHidesSums(t *testing.T) {
	ep := func(name string, rows, other int) FileSummary {
		return FileSummary{Name: name, Kind: "episodes", Rows: rows, OtherCouncils: other}
	}
	header := FileSummary{Name: "header.csv", Kind: "header", Rows: 3, OtherCouncils: 0}
	tests := []struct {
		name   string
		files  []FileSummary
		hidden int // counts written "fewer than 5" or "not shown" in the episodes files' rows
	}{
		{"none small", []FileSummary{ep("a.csv", 2000, 0), ep("b.csv", 1800, 40), header}, 0},
		{"a file of 3 rows", []FileSummary{ep("a.csv", 2000, 0), ep("b.csv", 3, 0), header}, 2},
		{"3 rows of another council", []FileSummary{ep("a.csv", 2000, 3), header}, 2},
		{"3 rows of another council beside another file", []FileSummary{ep("a.csv", 2000, 3), ep("b.csv", 1800, 0)}, 2},
		{"small covers", []FileSummary{ep("a.csv", 2000, 3), ep("b.csv", 4, 0), ep("c.csv", 7, 0), ep("d.csv", 9, 0)}, 4},
		{"every file small", []FileSummary{ep("a.csv", 4, 1), ep("b.csv", 3, 0)}, 4},
		{"3 rows of this council in a file", []FileSummary{ep("a.csv", 2000, 0), ep("b.csv", 24, 21), header}, 2},
		{"3 rows of this council in a file beside small covers", []FileSummary{ep("a.csv", 24, 21), ep("b.csv", 7, 0), ep("c.csv", 9, 0)}, 3},
		{"3 UASC rows of this council", []FileSummary{ep("a.csv", 2000, 0), header, {Name: "uasc.csv", Kind: "UASC", Rows: 24, OtherCouncils: 21}}, 0},
		{"3 header rows of this council", []FileSummary{ep("a.csv", 2000, 0), {Name: "h.csv", Kind: "header", Rows: 1304, OtherCouncils: 1301}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := 0
			for _, f := range tt.files {
				if f.Kind == "episodes" {
					read += f.Rows - f.OtherCouncils
				}
			}
			var b bytes.Buffer
			q := &Quality{Files: tt.files, Steps: []Step{{What: "episode rows read", Rows: read, Kind: "read"}}}
			if err := q.WriteReport(&b); err != nil {
				t.Fatal(err)
			}
			text := b.String()
			// The cells of the episodes files: +rows, -rows of other councils.
			type cell struct {
				sign  int
				text  string
				other int // a hidden rows cell's file's rows of other councils, when shown
				base  int // a hidden count of 1 to 4 is base more than its value
			}
			byName := map[string]FileSummary{}
			for _, f := range tt.files {
				byName[f.Name] = f
			}
			var cells []cell
			in := false
			for _, line := range strings.Split(text, "\n") {
				if strings.HasPrefix(line, "| file |") {
					in = true
					continue
				}
				if !in || strings.HasPrefix(line, "|---") {
					continue
				}
				if !strings.HasPrefix(line, "| ") {
					break
				}
				c := strings.Split(strings.TrimSuffix(line, " |"), " | ")
				f := byName[c[0]]
				rows, errRows := strconv.Atoi(strings.ReplaceAll(c[2], ",", ""))
				other, errOther := strconv.Atoi(strings.ReplaceAll(c[3], ",", ""))
				if own := rows - other; errRows == nil && errOther == nil && own > 0 && own < MinChildren {
					t.Errorf("%s's rows less its rows of other councils, %d, are shown:\n%s", c[0], own, text)
				}
				if c[1] != "episodes" {
					if f.Rows > 0 && f.Rows < MinChildren && c[2] != "fewer than 5" {
						t.Errorf("a %s file of %d rows written %q", c[1], f.Rows, c[2])
					}
					continue
				}
				if own := f.Rows - f.OtherCouncils; c[2] == "not shown" && errOther == nil && own > 0 && own < MinChildren {
					// Its council's rows, 1 to 4, hidden: a count of 1 to 4 over its rows of
					// other councils.
					cells = append(cells, cell{1, "fewer than 5", 0, other}, cell{-1, c[3], 0, 0})
					continue
				}
				cells = append(cells, cell{1, c[2], other, 0}, cell{-1, c[3], 0, 0})
			}
			// The hidden cells' sum, signed, is the rows read less the shown ones'.
			rest := read
			var smalls, covers []cell
			for _, c := range cells {
				switch c.text {
				case "fewer than 5":
					smalls = append(smalls, c)
				case "not shown":
					covers = append(covers, c)
				default:
					n, err := strconv.Atoi(strings.ReplaceAll(c.text, ",", ""))
					if err != nil {
						t.Fatalf("cell %q", c.text)
					}
					rest -= c.sign * n
				}
			}
			if got := len(smalls) + len(covers); got != tt.hidden {
				t.Errorf("%d counts hidden, want %d:\n%s", got, tt.hidden, text)
			}
			// Whether the hidden cells can add up to rest with the given smalls' values: the
			// covers of rows take 5 or more each, and more than their file's rows of other
			// councils.
			fits := func(vals []int) bool {
				sum := rest
				for i, c := range smalls {
					sum -= c.sign * (c.base + vals[i])
				}
				least := 0
				for _, c := range covers {
					if c.sign < 0 { // rows of other councils hidden: any sum of more fits
						return true
					}
					least += max(MinChildren, c.other+1)
				}
				if len(covers) == 0 {
					return sum == 0
				}
				return sum >= least
			}
			for i := range smalls {
				for v := 1; v < MinChildren; v++ {
					ok := false
					vals := make([]int, len(smalls))
					var try func(j int)
					try = func(j int) {
						if ok {
							return
						}
						if j == len(smalls) {
							ok = fits(vals)
							return
						}
						if j == i {
							vals[j] = v
							try(j + 1)
							return
						}
						for w := 1; w < MinChildren; w++ {
							vals[j] = w
							try(j + 1)
						}
					}
					try(0)
					if !ok {
						t.Errorf("beside the %d episode rows read, a count written \"fewer than 5\" cannot be %d: the table gives it away:\n%s", read, v, text)
					}
				}
			}
		})
	}
}
