package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWrapComment checks that a comment's lines hold at most commentWidth characters, counted
// as characters, not bytes: a line of "£" prices is as long as one of "$" prices.
func TestWrapComment(t *testing.T) {
	for _, word := range []string{"$12", "£12"} {
		text := strings.TrimSpace(strings.Repeat(word+" ", 50))
		lines := strings.Split(wrapComment(text), "\n")
		for i, l := range lines {
			n := utf8.RuneCountInString(l)
			if n > commentWidth {
				t.Errorf("%s: line %d has %d characters, more than %d", word, i+1, n, commentWidth)
			}
			if i+1 < len(lines) && n+1+utf8.RuneCountInString(strings.Fields(lines[i+1])[0]) <= commentWidth {
				t.Errorf("%s: line %d (%d characters) broke before a word that fits", word, i+1, n)
			}
		}
	}
}
