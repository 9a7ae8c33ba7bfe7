package readme

import (
	"fmt"
	"slices"
	"testing"
)

// TestReplace checks the placing of a body, inline or on lines of its own, and that text
// whose block already holds the body comes back unchanged.
func TestReplace(t *testing.T) {
	for _, c := range []struct {
		name       string
		block      Block
		text, body string
		want       string
	}{
		{"inline", Figures("a"), "x <!-- figures:a -->1<!-- /figures:a --> y", "2",
			"x <!-- figures:a -->2<!-- /figures:a --> y"},
		{"table on lines of its own", Figures("t"), "<!-- figures:t -->\n| y |\n<!-- /figures:t -->", "| x |",
			"<!-- figures:t -->\n| x |\n<!-- /figures:t -->"},
		{"code block on lines of its own", Figures("c"), "<!-- figures:c -->old<!-- /figures:c -->", "```\n$ run\n```",
			"<!-- figures:c -->\n```\n$ run\n```\n<!-- /figures:c -->"},
		{"every body on lines of its own", Named("bench:scale").OnLines(), "<!-- bench:scale -->\nold\n<!-- /bench:scale -->\n", "new text\n",
			"<!-- bench:scale -->\nnew text\n<!-- /bench:scale -->\n"},
		{"a body without its last newline", Named("bench:scale").OnLines(), "<!-- bench:scale -->\nold\n<!-- /bench:scale -->\n", "new text",
			"<!-- bench:scale -->\nnew text\n<!-- /bench:scale -->\n"},
		{"markers of any text", Block{Open: "<!-- ranges -->", Close: "<!-- end of ranges -->", Lines: true}, "<!-- ranges -->\n| a |\n<!-- end of ranges -->\n", "| b |\n",
			"<!-- ranges -->\n| b |\n<!-- end of ranges -->\n"},
		{"nested in another block", Figures("a"), "<!-- prose -->x <!-- figures:a -->1<!-- /figures:a --> y<!-- /prose -->", "2",
			"<!-- prose -->x <!-- figures:a -->2<!-- /figures:a --> y<!-- /prose -->"},
		{"same body", Figures("t"), "a\n<!-- figures:t -->\n| x |\n<!-- /figures:t -->\nb", "| x |",
			"a\n<!-- figures:t -->\n| x |\n<!-- /figures:t -->\nb"},
		{"same body inline", Figures("a"), "x <!-- figures:a -->1<!-- /figures:a --> y", "1",
			"x <!-- figures:a -->1<!-- /figures:a --> y"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.block.Replace(c.text, c.body)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
			again, err := c.block.Replace(got, c.body)
			if err != nil || again != got {
				t.Errorf("the same body again changed the text: %q, %v", again, err)
			}
		})
	}
}

// TestReplaceErrors checks that a missing marker, a block closed by another's marker or not
// at all, and a block given twice are errors naming the markers, and leave the text as it was.
func TestReplaceErrors(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       string
	}{
		{"no opening marker", "no markers here\n", "no <!-- figures:a --> marker"},
		{"no closing marker", "<!-- figures:a -->1", "<!-- figures:a --> is not closed by <!-- /figures:a -->"},
		{"closed by another", "<!-- figures:a -->1<!-- /figures:b --> <!-- /figures:a -->",
			"<!-- figures:a --> is closed by <!-- /figures:b -->, not <!-- /figures:a -->"},
		{"closing marker first", "<!-- /figures:a --><!-- figures:a -->1", "<!-- figures:a --> is not closed by <!-- /figures:a -->"},
		{"twice", "<!-- figures:a -->1<!-- /figures:a --> <!-- figures:a -->2<!-- /figures:a -->", "<!-- figures:a --> appears twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Figures("a").Replace(c.text, "2")
			if err == nil || err.Error() != c.want {
				t.Errorf("error %v, want %q", err, c.want)
			}
			if got != c.text {
				t.Errorf("the text became %q", got)
			}
			if _, err := Figures("a").Body(c.text); err == nil || err.Error() != c.want {
				t.Errorf("Body: error %v, want %q", err, c.want)
			}
		})
	}
}

// TestNames checks that Names lists the blocks of a prefix in order and no others.
func TestNames(t *testing.T) {
	text := "<!-- figures:coverage-a -->1<!-- /figures:coverage-a --> <!-- figures:default -->x<!-- /figures:default -->\n" +
		"<!-- figures:coverage-b -->\n| t |\n<!-- /figures:coverage-b -->"
	if got, want := Names(text, "figures:coverage-"), []string{"figures:coverage-a", "figures:coverage-b"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Names(text, "bench:"); len(got) != 0 {
		t.Errorf("got %q, want none", got)
	}
}

func ExampleBlock_Replace() {
	text := "Spending next year: <!-- figures:spend -->£1.0m<!-- /figures:spend -->.\n\n" +
		"<!-- figures:table -->\n| old |\n<!-- /figures:table -->\n"
	text, err := Figures("spend").Replace(text, "£1.1m")
	if err != nil {
		fmt.Println(err)
	}
	text, err = Figures("table").Replace(text, "| kind | children |\n|---|---:|\n| ifa | 12 |")
	if err != nil {
		fmt.Println(err)
	}
	fmt.Print(text)
	_, err = Figures("missing").Replace(text, "x")
	fmt.Println(err)
	// Output:
	// Spending next year: <!-- figures:spend -->£1.1m<!-- /figures:spend -->.
	//
	// <!-- figures:table -->
	// | kind | children |
	// |---|---:|
	// | ifa | 12 |
	// <!-- /figures:table -->
	// no <!-- figures:missing --> marker
}
