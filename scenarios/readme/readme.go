package readme

import (
	"fmt"
	"strings"
)

// Block is one generated block of a Markdown text: its opening and closing markers.
type Block struct {
	// Open and Close are the block's markers, each an HTML comment, for example
	// "<!-- figures:NAME -->" and "<!-- /figures:NAME -->".
	Open, Close string
	// Lines places every body on lines of its own; otherwise only a table or a code block
	// goes on lines of its own and any other body sits inline between the markers.
	Lines bool
}

// Named returns the block between <!-- NAME --> and <!-- /NAME -->, its body inline unless it
// is a table or a code block.
func Named(name string) Block {
	return Block{Open: "<!-- " + name + " -->", Close: "<!-- /" + name + " -->"}
}

// Figures returns the block of figures between <!-- figures:NAME --> and
// <!-- /figures:NAME -->.
func Figures(name string) Block {
	return Named("figures:" + name)
}

// OnLines returns b with every body placed on lines of its own.
func (b Block) OnLines() Block {
	b.Lines = true
	return b
}

// closing starts every closing marker of the form <!-- /NAME -->.
const closing = "<!-- /"

// span returns where b's body lies in text: from i, just after the opening marker, to j, the
// start of the closing marker.
func (b Block) span(text string) (i, j int, err error) {
	i = strings.Index(text, b.Open)
	if i < 0 {
		return 0, 0, fmt.Errorf("no %s marker", b.Open)
	}
	i += len(b.Open)
	if strings.Contains(text[i:], b.Open) {
		return 0, 0, fmt.Errorf("%s appears twice", b.Open)
	}
	j = strings.Index(text[i:], b.Close)
	if k := strings.Index(text[i:], closing); k >= 0 && (j < 0 || k < j) && strings.HasPrefix(b.Close, closing) {
		other := text[i+k:]
		if e := strings.Index(other, "-->"); e >= 0 {
			other = other[:e+len("-->")]
		}
		return 0, 0, fmt.Errorf("%s is closed by %s, not %s", b.Open, other, b.Close)
	}
	if j < 0 {
		return 0, 0, fmt.Errorf("%s is not closed by %s", b.Open, b.Close)
	}
	return i, i + j, nil
}

// Body returns the text between b's markers in text, as it stands.
func (b Block) Body(text string) (string, error) {
	i, j, err := b.span(text)
	if err != nil {
		return "", err
	}
	return text[i:j], nil
}

// Replace returns text with body between b's markers, placed inline or on lines of its own
// (see the package's comment), or an error naming the markers when they are missing or
// closed by another block's. Text whose block already holds body comes back unchanged.
func (b Block) Replace(text, body string) (string, error) {
	i, j, err := b.span(text)
	if err != nil {
		return text, err
	}
	return text[:i] + b.place(body) + text[j:], nil
}

// place returns body as the block holds it.
func (b Block) place(body string) string {
	if !b.Lines && !strings.HasPrefix(body, "|") && !strings.HasPrefix(body, "```") {
		return body
	}
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return "\n" + body
}

// Names returns the names of the blocks in text whose opening marker <!-- NAME --> has a name
// starting with prefix, in the order they appear: Names(text, "figures:coverage-") lists
// every block of the coverage figures.
func Names(text, prefix string) []string {
	var names []string
	open := "<!-- " + prefix
	for {
		i := strings.Index(text, open)
		if i < 0 {
			return names
		}
		text = text[i+len("<!-- "):]
		name, _, ok := strings.Cut(text, " -->")
		if !ok {
			return names
		}
		names = append(names, name)
	}
}
