package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yaml.v3 reports a syntax error in its parser's words, by a line that is sometimes one too
// early (its parser counts lines from 0, its scanner from 1) and left out on the first line,
// and with no column. syntaxProblem says what is wrong in plain words and finds the place in
// the text where a scan of it can: a tab in an indentation, a bracket or quote never closed,
// a second ': ' on a line. Where yaml.v3 names the line a block list or mapping begins on,
// it names the line that breaks it, found by a halving search of the text cut after a line.
// Elsewhere it keeps yaml.v3's line, made 1-based.

var yamlErrRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the problems yaml.v3's parser (not its scanner) reports: their line is
// counted from 0.
var parserProblems = []string{
	"did not find expected key",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected <document start>",
}

// syntaxProblem returns the line, column (0 when unknown) and plain words of the YAML syntax
// error msg, an error of yaml.v3 decoding data.
func syntaxProblem(data []byte, msg string) (line, col int, words string) {
	msg = strings.TrimSpace(strings.SplitN(msg, "\n", 2)[0])
	m := yamlErrRE.FindStringSubmatch(msg)
	if m == nil {
		return 0, 0, strings.TrimPrefix(msg, "yaml: ")
	}
	problem := m[2]
	line = 1 // yaml.v3 leaves the line out when it is the first
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
		for _, p := range parserProblems {
			if problem == p {
				line++
			}
		}
	}
	lines := strings.Split(string(data), "\n")
	if line >= 1 && line <= len(lines) {
		if c, ok := tabCol(lines[line-1]); ok {
			return line, c, "tabs cannot indent YAML: use spaces"
		}
	}
	if strings.Contains(problem, "tab character") {
		for i, l := range lines {
			if c, ok := tabCol(l); ok {
				return i + 1, c, "tabs cannot indent YAML: use spaces"
			}
		}
	}
	switch problem {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'", "found unexpected end of stream",
		"did not find expected key", "did not find expected node content", "did not find expected comment or line break":
		if l, c, w, ok := unclosed(lines); ok {
			return l, c, w
		}
	}
	at := func(i int) string { // the text of line i (1-based), or ""
		if i >= 1 && i <= len(lines) {
			return strings.TrimRight(lines[i-1], "\r")
		}
		return ""
	}
	switch problem {
	case "mapping values are not allowed in this context":
		if c, ok := secondColon(at(line)); ok {
			key, val, _ := strings.Cut(strings.TrimSpace(at(line)), ": ")
			key = strings.TrimPrefix(key, "- ")
			val, _, _ = strings.Cut(val, " #")
			val = strings.TrimSpace(val)
			if strings.Contains(val, `"`) {
				return line, c, "a second ': ' on one line: quote the value"
			}
			return line, c, fmt.Sprintf("a second ': ' on one line: quote the value (%s: %q)", key, val)
		}
		return line, indentCol(at(line)), "a key where none can be: is it indented under a value, or further than the keys beside it?"
	case "found character that cannot start any token":
		return line, 0, "a value cannot begin with @ or `: quote it"
	case "did not find expected ',' or '}'":
		return line, 0, "a { } mapping lacks a ',' between two entries, or its closing }"
	case "did not find expected ',' or ']'":
		return line, 0, "a [ ] list lacks a ',' between two items, or its closing ]"
	case "did not find expected key":
		// yaml.v3 gives the line where the mapping begins: name the line that breaks it.
		col := 0
		if l, ok := breakingLine(lines, line, msg); ok {
			line, col = l, indentCol(at(l))
		}
		return line, col, "this line does not fit the mapping around it: check its indentation, and for a ] or } too many"
	case "did not find expected '-' indicator":
		// yaml.v3 gives the line where the list begins: name the line that breaks it.
		col := 0
		if l, ok := breakingLine(lines, line, msg); ok {
			line, col = l, indentCol(at(l))
		}
		return line, col, "this line does not fit the list around it: check its indentation (each item begins with '- ')"
	case "did not find expected node content":
		return line, 0, "a value is missing, or begins with a character that cannot begin one: quote it"
	case "did not find expected comment or line break":
		return line, 0, "text after a quoted value: put it inside the quotes, or begin a comment with ' #'"
	case "could not find expected ':'":
		return line, 0, "a key without its ':'"
	case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
		return line, 0, "tabs cannot indent YAML: use spaces"
	}
	if strings.HasPrefix(problem, "unknown anchor '") {
		name := strings.TrimSuffix(strings.TrimPrefix(problem, "unknown anchor '"), "' referenced")
		for i, l := range lines {
			if j := strings.Index(l, "*"+name); j >= 0 {
				return i + 1, runeCol(l, j), "*" + name + " names no &" + name + " anchor before it"
			}
		}
	}
	return line, 0, problem
}

// breakingLine returns the line (1-based) that breaks the block list or mapping that begins
// at line start, where reading the whole text gave yaml.v3's error reported: the first line
// from start on that, read with the lines before it and nothing after, gives the same error.
// The text up to any line before it reads well or fails otherwise (a bracket still open),
// and the text up to any line after it fails as the whole does, so a halving search finds
// it. ok is false when the whole text does not give that error.
func breakingLine(lines []string, start int, reported string) (line int, ok bool) {
	same := func(k int) bool { // whether lines[:k] fail as the whole text does, in any document
		dec := yaml.NewDecoder(strings.NewReader(strings.Join(lines[:k], "\n")))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				return strings.TrimSpace(strings.SplitN(err.Error(), "\n", 2)[0]) == reported
			}
		}
	}
	lo, hi := max(start, 1), len(lines)
	if lo > hi || !same(hi) {
		return 0, false
	}
	for lo < hi {
		if mid := (lo + hi) / 2; same(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, true
}

// runeCol is the 1-based column, in characters, of byte i of line.
func runeCol(line string, i int) int { return utf8.RuneCountInString(line[:i]) + 1 }

// indentCol is the column of the first character of line that is not a space.
func indentCol(line string) int {
	return runeCol(line, len(line)-len(strings.TrimLeft(line, " ")))
}

// tabCol returns the column of a tab in the indentation of line, which is not blank or a
// comment.
func tabCol(line string) (int, bool) {
	if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
		return 0, false
	}
	for j := 0; j < len(line) && (line[j] == ' ' || line[j] == '\t'); j++ {
		if line[j] == '\t' {
			return j + 1, true
		}
	}
	return 0, false
}

// secondColon returns the column of a second ': ' in a line's plain (unquoted) value.
func secondColon(line string) (int, bool) {
	first := -1
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '#' && (i == 0 || line[i-1] == ' '):
			return 0, false
		case (c == '"' || c == '\'') && (i == 0 || line[i-1] == ' '):
			return 0, false // a quoted key or value: not the case
		case c == ':' && (i+1 == len(line) || line[i+1] == ' '):
			if first >= 0 {
				return runeCol(line, i), true
			}
			first = i
		}
	}
	return 0, false
}

// unclosed finds the first bracket or quote in lines that is never closed, or a closing
// bracket with none open, and says so. It reads block YAML the way a person writes it: a
// bracket or quote opens only where a value or a list item begins, and inside brackets.
func unclosed(lines []string) (line, col int, words string, ok bool) {
	type open struct {
		c         byte
		line, col int
	}
	var stack []open
	blockIndent := -1 // the indentation of a block scalar's key, while inside the scalar
	closed := false   // the last brackets closed, back in block context
	for li, raw := range lines {
		l := strings.TrimRight(raw, "\r")
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if blockIndent >= 0 {
			if strings.TrimSpace(l) == "" || ind > blockIndent {
				continue
			}
			blockIndent = -1
		}
		valueStart := len(stack) == 0 // at the start of a line in block context
		closed = false
		for i := 0; i < len(l); i++ {
			c := l[i]
			if c == ' ' || c == '\t' {
				continue
			}
			if c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t') {
				break
			}
			if len(stack) == 0 && !valueStart {
				if closed && (c == '}' || c == ']') {
					return li + 1, runeCol(l, i), "a " + string(c) + " closes nothing", true
				}
				closed = false
				// Inside a plain value or key: a ': ' begins another value.
				if c == ':' && (i+1 == len(l) || l[i+1] == ' ') {
					valueStart = true
				}
				continue
			}
			switch c {
			case '"', '\'':
				end, endLine, found := closeQuote(lines, li, i+1, c)
				if !found {
					return li + 1, runeCol(l, i), "a " + string(c) + " is never closed", true
				}
				if endLine != li {
					// The scan goes on after the quote on its last line: a rare layout
					// that the rest of the scan need not follow.
					return 0, 0, "", false
				}
				i = end
				valueStart = false
			case '{', '[':
				stack = append(stack, open{c, li + 1, runeCol(l, i)})
				valueStart = true
			case '}', ']':
				want := byte('{')
				if c == ']' {
					want = '['
				}
				if len(stack) == 0 {
					return li + 1, runeCol(l, i), "a " + string(c) + " closes nothing", true
				}
				if top := stack[len(stack)-1]; top.c != want {
					return top.line, top.col, "a " + string(top.c) + " is never closed", true
				}
				stack = stack[:len(stack)-1]
				valueStart, closed = len(stack) > 0, len(stack) == 0
			case ',':
				valueStart = len(stack) > 0
			case '-':
				valueStart = len(stack) == 0 && (i+1 == len(l) || l[i+1] == ' ')
			case '|', '>':
				if len(stack) == 0 {
					blockIndent = ind
					i = len(l)
				}
			default:
				if len(stack) > 0 {
					// A plain scalar or key inside brackets: up to a flow indicator.
					for i+1 < len(l) && !strings.ContainsRune(",[]{}", rune(l[i+1])) && !(l[i+1] == '#' && l[i] == ' ') {
						i++
					}
					valueStart = false
				} else {
					valueStart = false
					i-- // read the character again as part of a plain value
				}
			}
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return top.line, top.col, "a " + string(top.c) + " is never closed", true
	}
	return 0, 0, "", false
}

// closeQuote finds the quote q that closes a quoted scalar begun before byte i of line li,
// and returns its byte and line.
func closeQuote(lines []string, li, i int, q byte) (end, endLine int, ok bool) {
	for ; li < len(lines); li, i = li+1, 0 {
		l := lines[li]
		for ; i < len(l); i++ {
			switch {
			case q == '"' && l[i] == '\\':
				i++
			case q == '\'' && l[i] == '\'' && i+1 < len(l) && l[i+1] == '\'':
				i++
			case l[i] == q:
				return i, li, true
			}
		}
	}
	return 0, 0, false
}
