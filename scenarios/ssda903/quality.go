package ssda903

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Quality is what reading, cleaning and calibrating found in a return: the files and rows
// read, the rows dropped or changed and why, codes the code lists do not know, and the
// estimates that rest on few children. It holds counts only: WriteReport turns it into the
// data-quality report, where no count below 5 appears.
type Quality struct {
	// LA is the council whose rows were read ("" when the files name none).
	LA string
	// Councils are the councils the files' LA columns name, of the values that look like a
	// council's name or code; UnnamedCouncils counts the other values, which are not shown.
	Councils        []string
	UnnamedCouncils int
	// Files summarises each file read. Order says, when the episodes files were not given
	// oldest first, which file came after a newer one, and that the latest return's row of
	// an episode is kept whatever the order; for one file of several years' returns joined
	// without a YEAR column, how its rows are read as the returns' (joinedNote).
	Files []FileSummary
	Order string
	// Steps are the cleaning steps in the order they ran.
	Steps []Step
	// Codes are the codes found that the code lists do not know, or that are used outside
	// the collection years they are valid in.
	Codes []CodeFinding
	// Notes are other findings of the reading.
	Notes []Step
	// NoUASCFile says no UASC file was given: UASC cannot be told apart from the other
	// children, and are counted with them.
	NoUASCFile bool
	// Periods is the number of periods of care built; UnderWay of them were already under
	// way when the data begin (their start is not known), Open are still open at the end of
	// the data, Lost ended without a reason (censored where they end), and Gaps is the number
	// of gaps between a child's episodes that ended a period that way.
	Periods, UnderWay, Open, Lost, Gaps int
	// Unopened is the number of periods that began after such a gap with an episode that
	// does not open a period (its RNE not S), counted as entries into care all the same;
	// UnopenedDropped of them began at a gap where an episode ending before it starts was
	// dropped, and UnopenedInWindow of them (once a calibration has run) are entries of the
	// calibration window.
	Unopened, UnopenedDropped, UnopenedInWindow int
	// Thin lists the estimates that rest on fewer than ThinChildren children.
	Thin []Thin
	// Tails lists the tails fitted to the stay estimates, once a calibration has run: how
	// time in care is drawn beyond the longest time the window shows.
	Tails []Tail
	// Window is the calibration window, once a calibration has run.
	Window string
	// Trend says, once a calibration has run, whether a trend of the entries is carried
	// forward and why.
	Trend string
	// Stock says, once a calibration has run, how the children in care at the start are
	// grouped in the scenario: by kind, UASC status and age, and the groups merged so that no
	// count below 5 is written (Markdown: a paragraph, a list and a paragraph).
	Stock string
	// Homes says, once a calibration has run, how the council's own homes take the children
	// who need residential care, and why (Markdown: a paragraph).
	Homes string
	// Growth says, once a calibration has run, which yearly changes of the children in a
	// placement the scenario carries were held to the limit it accepts, and what the fits
	// gave (Markdown: a paragraph and a list); empty when none was.
	Growth string
	// Capped lists, once a scenario has been written from a calibration, each figure written
	// at a bound it was held to (a limit a scenario accepts, the places or beds there are,
	// none below zero), each with its field, what the estimate gave and the bound; empty when
	// none was. The yearly changes held to their limit are in Growth.
	Capped []string
}

// FileSummary describes one file read.
type FileSummary struct {
	// Name is the file's name as given.
	Name string
	// SHA256 is the SHA-256 checksum of the file's contents, in hexadecimal: with the file's
	// base name it names the file in the report, so that two runs on the same files from
	// different folders write the same report.
	SHA256 string
	// Kind is "episodes", "header" or "UASC".
	Kind string
	// Rows is the number of data rows in the file.
	Rows int
	// OtherCouncils is the number of those rows left out because they belong to another
	// council than the one chosen.
	OtherCouncils int
}

// Step is one count in the report: rows read, dropped or changed at a step of the cleaning.
type Step struct {
	// What the count is of, in plain English.
	What string
	// Rows is how many episode rows (or other records, as What says).
	Rows int
	// Children is how many children, when the step counts them (0 otherwise).
	Children int
	// Kind is "read", "drop", "change" or "note".
	Kind string
	// First names the first row dropped, by file (its base name) and line ("" when the step
	// names none).
	First string
}

// CodeFinding is a code in a column that the code lists do not know, or a code used outside
// the years it is valid in.
type CodeFinding struct {
	// Column is the column (PLACE, PLACE_PROVIDER, REC, LS, RNE).
	Column string
	// Code is the code as found ("" for an empty value where one is needed, or when
	// Hidden). Only codes of the SSDA903 code lists are kept: any other value of the column
	// is counted, not shown, as a file whose columns have shifted would put a child's
	// identifier or postcode there.
	Code string
	// Hidden says the finding counts values that are in none of the code lists; they are
	// not shown.
	Hidden bool
	// Rows is the number of episode rows with it.
	Rows int
	// Finding says what is wrong and how the code is read.
	Finding string
}

// Thin is an estimate resting on few children.
type Thin struct {
	// What is the estimate.
	What string
	// Children is the number of children behind it.
	Children int
	// Written says what the scenario holds in its place: the estimate, or, when fewer than
	// MinChildren children are behind it, the base scenario's value (or none).
	Written string
	// About says the scenario writes the counts of the estimate's group "about" the nearest
	// 5: the report writes Children so.
	About bool
}

// Tail is the tail fitted to one stay estimate.
type Tail struct {
	// What is the estimate ("time in care of children aged 1-4 at entry").
	What string
	// Fit is the tail.
	Fit TailFit
	// About says the scenario writes the counts of the estimate's group "about" the nearest
	// 5: the report writes the tail's children at risk and leavers so.
	About bool
}

func (q *Quality) step(what string, rows int) {
	q.Steps = append(q.Steps, Step{What: what, Rows: rows, Kind: "read"})
}

func (q *Quality) drop(what string, rows int) {
	if rows > 0 {
		q.Steps = append(q.Steps, Step{What: what, Rows: rows, Kind: "drop"})
	}
}

// dropAt records a drop of rows, the first of them at first (file:line).
func (q *Quality) dropAt(what, first string, rows, children int) {
	if rows > 0 {
		q.Steps = append(q.Steps, Step{What: what, Rows: rows, Children: children, Kind: "drop", First: first})
	}
}

func (q *Quality) change(what string, rows int) {
	if rows > 0 {
		q.Steps = append(q.Steps, Step{What: what, Rows: rows, Kind: "change"})
	}
}

func (q *Quality) note(what string, n int) {
	if n > 0 {
		q.Notes = append(q.Notes, Step{What: what, Rows: n, Kind: "note"})
	}
}

// tallyCodes records the codes of the episodes that the code lists do not know, and those
// used on episodes starting outside the years they are valid in. A value in none of the code
// lists is counted without being kept.
func (r *reader) tallyCodes(eps []rawEpisode) {
	type key struct {
		col, code, finding string
		hidden             bool
	}
	counts := map[key]int{}
	unknown := func(col, value, finding string) {
		if value == "" || isCode(value) {
			counts[key{col, value, finding, false}]++
			return
		}
		counts[key{col, "", finding, true}]++
	}
	for i := range eps {
		e := &eps[i]
		pc := lookupPlace(e.place)
		switch {
		case pc == nil:
			unknown("PLACE", e.place, "unknown placement type: read as "+unknownPlace.String())
		case pc.own != pc.bought && e.provider == "":
			counts[key{"PLACE_PROVIDER", "", "empty where the placement type needs it: read as not the council's own (" + pc.bought.String() + ")", false}]++
		default:
			fy := e.decom.yearStart().time().Year()
			if pc.fromYear > 0 && fy < pc.fromYear {
				counts[key{"PLACE", e.place, fmt.Sprintf("valid from %d/%02d, on episodes starting earlier: read as %s", pc.fromYear, (pc.fromYear+1)%100, pc.own), false}]++
			}
			if pc.untilYear > 0 && fy > pc.untilYear {
				counts[key{"PLACE", e.place, fmt.Sprintf("valid until %d/%02d, on episodes starting later: read as %s", pc.untilYear, (pc.untilYear+1)%100, pc.own), false}]++
			}
		}
		if e.provider != "" && !slices.Contains(providers, e.provider) {
			unknown("PLACE_PROVIDER", e.provider, "unknown placement provider: read as not the council's own")
		}
		if e.rec != "" && e.rec != recContinues && lookupREC(e.rec) == nil {
			unknown("REC", e.rec, "unknown reason episode ceased: read as leaving care by another route (other)")
		}
		if !slices.Contains(legalStatuses, e.ls) {
			unknown("LS", e.ls, "unknown legal status: kept")
		}
		if !slices.Contains(newEpisodeReasons, e.rne) {
			unknown("RNE", e.rne, "unknown reason for new episode: not a move, not a start")
		}
	}
	for k, n := range counts {
		r.q.Codes = append(r.q.Codes, CodeFinding{Column: k.col, Code: k.code, Hidden: k.hidden, Rows: n, Finding: k.finding})
	}
	slices.SortFunc(r.q.Codes, func(a, b CodeFinding) int {
		return cmp.Or(cmp.Compare(a.Column, b.Column), cmp.Compare(a.Code, b.Code), cmpBool(a.Hidden, b.Hidden), cmp.Compare(a.Finding, b.Finding))
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// councilList writes the councils the LA columns name, and how many other values they hold.
func (q *Quality) councilList() string {
	s := strings.Join(q.Councils, ", ")
	if q.UnnamedCouncils > 0 {
		if s != "" {
			s += ", and "
		}
		s += fmt.Sprintf("%d %s that %s not look like a council's name or code, not shown: are the columns shifted?",
			q.UnnamedCouncils, plural(q.UnnamedCouncils, "value"), map[bool]string{true: "does", false: "do"}[q.UnnamedCouncils == 1])
	}
	return s
}
