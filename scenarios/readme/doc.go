// Package readme rewrites the generated blocks of a Markdown file such as README.md: the text
// between an opening marker, an HTML comment such as <!-- figures:NAME -->, and its closing
// marker <!-- /figures:NAME -->, which a test or a command writes from what the code computes
// so that no figure is copied by hand.
//
// A block's body is placed in one of two ways. Inline, the body sits between the markers as
// it is, in the middle of a sentence if need be. On lines of its own, the opening marker ends
// its line, the body follows, and the closing marker starts a line: a body that starts with a
// table row ("|") or a code fence ("```") is always placed so, since Markdown reads a table
// or a code block only from the start of a line, and Block.Lines places every body so.
//
// Replace checks the markers as it goes: the opening marker must appear once, and the first
// closing marker after it (a comment starting "<!-- /") must be the block's own, so that a
// block closed by another's marker is an error, not a silent rewrite of the text between them.
// The package works on text only: reading and writing the file is the caller's.
package readme
