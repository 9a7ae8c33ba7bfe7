package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Error is one problem with a scenario, at the place in a file (or in a --set override) that
// caused it.
type Error struct {
	// File is the file the offending YAML node came from, as it was named to Load or Parse or
	// as extends resolved it ("default.yaml", "my/recruit.yaml"), or "--set PATH=VALUE" for a
	// node given by an override.
	File string
	// Line and Column are the 1-based position of the node in File; both are 0 for a --set.
	Line, Column int
	// Field is the dotted path of the field at fault, in the vocabulary of scenario files
	// ("kinds[2].carers.households"), as File wrote it: a file that extends another numbers
	// the items of its own lists from 0, though extends merges them after its parent's. In a
	// region file a council is named by its name, as --set names it ("councils.kent.zone"),
	// unless its name is the problem.
	Field string
	// Message says what is wrong, in lower case with no trailing punctuation.
	Message string
	// scenarioField is Field in the scenario the chain of extends makes, "" when the same.
	scenarioField string
}

// ScenarioField returns the path of the field at fault in the scenario the chain of extends
// makes, whose lists hold the parent's items first: "kinds[9].supply" for the Field
// "kinds[0].supply" of the first kind that a file extending default adds. It is Field for a
// file that extends nothing.
func (e *Error) ScenarioField() string {
	if e.scenarioField != "" {
		return e.scenarioField
	}
	return e.Field
}

// Error returns "file:line:col: field: message", or "--set path=value: field: message"; the
// column is left out when it is not known, and the field for a problem with a whole file.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// joinErrors sorts errs by file and position, drops exact duplicates and joins them into one
// error (nil when there are none).
func joinErrors(errs []*Error) error {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if c := cmp.Compare(a.File, b.File); c != 0 {
			return c < 0
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	var out []error
	seen := map[Error]bool{}
	for _, e := range errs {
		if seen[*e] {
			continue
		}
		seen[*e] = true
		out = append(out, e)
	}
	return errors.Join(out...)
}

// warnedError is the problems of a scenario that cannot be read (errs, joined as joinErrors
// joins them) together with the warnings found before them (a list of the file that replaces
// its parent's whole), which a file that reads would have had: what a file dropped is often
// why it fails.
type warnedError struct {
	err   error
	warns []error
}

func (e *warnedError) Error() string { return e.err.Error() }

// Unwrap returns the problems, as errors.Join's error does, so that Problems finds them.
func (e *warnedError) Unwrap() []error {
	if j, ok := e.err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{e.err}
}

// withWarnings returns err, the problems of a scenario, with warnings ws, or err alone when
// there are none.
func withWarnings(err error, ws []*Error) error {
	if err == nil || len(ws) == 0 {
		return err
	}
	return &warnedError{err: err, warns: warnings(ws)}
}

// ErrorWarnings returns the warnings found in a scenario before the problems that make err, an
// error of Load or Resolve (a list of the file that replaces the whole of one of the file it
// extends), as Resolved.Warnings gives those of a scenario that reads; nil when there are none.
func ErrorWarnings(err error) []error {
	var w *warnedError
	if errors.As(err, &w) {
		return w.warns
	}
	return nil
}

// Problems returns each problem in err, an error of Load, Parse or Resolve: the errors joined
// in it (by errors.Join, at any depth), in order, or err alone when it joins none. Each is
// usually an *Error; a command line prints them a line each, and the workspace shows those of
// its levers' fields beside the lever.
func Problems(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, Problems(e)...)
	}
	return out
}

// Nearest returns the one of choices closest to got (ignoring case in got), if it is within
// two edits and closer than half its length; otherwise "". It is what "did you mean" offers,
// here and in the command line.
func Nearest(got string, choices []string) string {
	best, bestD := "", 3
	for _, c := range choices {
		if d := editDistance(strings.ToLower(got), c); d < bestD && d*2 < max(len(got), len(c)) {
			best, bestD = c, d
		}
	}
	return best
}

// suggest returns " (did you mean X?)" when one of choices is close to got, and otherwise
// " (want one of a, b, c)".
func suggest(got string, choices []string) string {
	if best := Nearest(got, choices); best != "" {
		return " (did you mean " + best + "?)"
	}
	if len(choices) == 0 {
		return ""
	}
	return " (want one of " + strings.Join(choices, ", ") + ")"
}

// editDistance is the optimal string alignment (restricted Damerau-Levenshtein) distance
// between a and b, counted in bytes: an insertion, a deletion, a substitution or a swap of two
// bytes side by side each count 1, so that "bsae" is 1 from "base" and 2 from "bad".
func editDistance(a, b string) int {
	// Three rows: the one two back holds what a swap adds to.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// within reports whether field is path itself or lies inside it ("a.b[2].c" is within "a.b"
// and "a.b[2]").
func within(field, path string) bool {
	if !strings.HasPrefix(field, path) {
		return false
	}
	rest := field[len(path):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// related reports whether one of two fields lies within the other.
func related(a, b string) bool { return within(a, b) || within(b, a) }

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// RegionError is a region given where one scenario is wanted: Load, Resolve, LoadBuiltin,
// Parse and ParseFS return it when ref names a built-in region or a region file, rather than
// the problems of reading a region as a scenario (councils and zones unknown keys, kinds
// missing). A command adds what it would have instead with Say.
type RegionError struct {
	// Ref is the region as it was given: a built-in region's name, or the file's path.
	Ref string
	// File says Ref is a region file, rather than the name of a built-in region.
	File bool
	// Extends is, for a file that is a region only through what it extends, that region as the
	// file names it, and Line the line of its extends; "" and 0 otherwise.
	Extends string
	Line    int
}

// Error returns "REF is a region file, not a scenario: name a scenario file or a built-in
// scenario (built-ins: …)", with "REF (line 2 extends south-east, a region)" for a file that is
// a region only through its extends.
func (e *RegionError) Error() string { return e.Say("") }

// Say is Error with hint, the command's own words on what to give instead, after "name a
// scenario file or a built-in scenario" and before the list of built-ins (" for the council's
// scenario to extend").
func (e *RegionError) Say(hint string) string {
	ref := e.Ref
	if e.Extends != "" {
		ref = fmt.Sprintf("%s (line %d extends %s, a region)", e.Ref, e.Line, e.Extends)
	}
	return regionGiven(ref, e.File, hint)
}

// regionGiven is the words of every refusal of a region where a scenario is wanted: ref, a
// region file when file is true and otherwise a built-in region, followed by hint.
func regionGiven(ref string, file bool, hint string) string {
	what := "a built-in region"
	if file {
		what = "a region file"
	}
	return fmt.Sprintf("%s is %s, not a scenario: name a scenario file or a built-in scenario%s (built-ins: %s)", ref, what, hint, strings.Join(builtinNames(), ", "))
}
