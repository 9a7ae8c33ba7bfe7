package scenarios

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestTryFirstMovesLadderComments writes a scenario whose try_first puts ladders before its
// base's: each comment of the base's ladders stays with the ladder it describes, wherever
// try_first moves it, and a ladder try_first made says so, not what the base's ladder in its
// place said, but keeps the comment of a ladder it leaves out, from which it was made.
func TestTryFirstMovesLadderComments(t *testing.T) {
	base := `name: council
extends: default
ladders:
  - who: {ages: 0-9, needs: [standard]} # young children with standard needs
    try: [other_settings, inhouse_foster, ifa, external_residential]
    shares:
      - 0.6 # other settings: 12 children
      - 0.3 # foster care: 6 children
      - 0.1
      - 0
  - who: {needs: [solo]} # solo children: agencies' homes
    try: [external_residential]
  - who: {ages: 0-17} # everyone else
    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]
`
	what := `name: what-if
extends: council.yaml
try_first:
  - who: {needs: [solo]} # children who must live alone
    try: [inhouse_home]
  - who: {ages: 12-15, uasc: only}
    try: [supported_accommodation]
`
	folder := fstest.MapFS{"council.yaml": {Data: []byte(base)}}
	r, err := ParseResolvedFS(strings.NewReader(what), folder, "what.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Encode(&b, r.Scenario, EncodeOptions{Comments: r.Comments}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i := strings.Index(out, "\nladders:\n")
	j := strings.Index(out, "\nemergency:")
	if i < 0 || j < i {
		t.Fatalf("no ladders in\n%s", out)
	}
	got := out[i+1 : j+1]
	want := `ladders:
  - who: {ages: 12-15, needs: [solo], uasc: only} # made by try_first; over the ladder it replaces: solo children: agencies' homes
    try: [supported_accommodation, inhouse_home, external_residential]
  - who: {ages: 12-15, uasc: only} # made by try_first
    try: [supported_accommodation, kinship, inhouse_foster, ifa, specialist_foster, block_residential, external_residential]
  - who: {ages: 0-17, needs: [solo]} # made by try_first: children who must live alone; over the ladder it replaces: solo children: agencies' homes
    try: [inhouse_home, external_residential]
  - who: {ages: 0-9, needs: [standard]} # young children with standard needs
    try: [other_settings, inhouse_foster, ifa, external_residential]
    shares:
      - 0.6 # other settings: 12 children
      - 0.3 # foster care: 6 children
      - 0.1
      - 0
  - who: {ages: 0-17} # everyone else
    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestTryFirstKeepsReplacedComment writes solo-placement-home in full: the ladder its try_first
// makes for solo children keeps the source the default's ladder for them gives, which
// try_first leaves out.
func TestTryFirstKeepsReplacedComment(t *testing.T) {
	r, err := ParseResolved(strings.NewReader("name: x\nextends: solo-placement-home\n"), "x.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Encode(&b, r.Scenario, EncodeOptions{Comments: r.Comments}); err != nil {
		t.Fatal(err)
	}
	want := "  - who: {ages: 0-17, needs: [solo]} # made by try_first; over the ladder it replaces: can only live without other children: a private home of their own."
	if !strings.Contains(b.String(), want) {
		t.Errorf("no line\n%s\nin\n%s", want, b.String())
	}
}
