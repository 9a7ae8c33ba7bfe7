package scenarios

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/placesim/placesim/model"
)

// council is a base with ladders of its own, as placesim calibrate writes them: solo children
// try the council's own homes before agencies', and the young ones have first-choice shares.
const council = `name: council
extends: default
ladders:
  - who: {ages: 0-9, needs: [standard]}
    try: [other_settings, inhouse_foster, ifa, external_residential]
    shares: [0.6, 0.3, 0.1, 0]
  - who: {needs: [solo]}
    try: [inhouse_home, external_residential]
  - who: {ages: 0-17}
    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]
`

// TestSoloHomeKeepsTheBaseLadders runs the library's solo-placement-home over a base with
// ladders of its own: the home goes first for solo children and every ladder of the base is
// kept, not replaced by the default's.
func TestSoloHomeKeepsTheBaseLadders(t *testing.T) {
	lib, err := fs.ReadFile(library, "solo-placement-home.yaml")
	if err != nil {
		t.Fatal(err)
	}
	what := strings.Replace(string(lib), "\nextends: default\n", "\nextends: council.yaml\n", 1)
	folder := fstest.MapFS{"council.yaml": {Data: []byte(council)}}
	s, err := ParseFS(strings.NewReader(what), folder, "solo.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseFS(strings.NewReader(council), folder, "council.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	id := func(name string) model.KindID {
		return model.KindID(slices.IndexFunc(s.Kinds, func(k model.Kind) bool { return k.Name == name }))
	}
	want := []model.Ladder{{
		Who: model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(model.NeedSolo)},
		Try: []model.KindID{id("solo_home"), id("inhouse_home"), id("external_residential")},
	}, b.Ladders[0], b.Ladders[2]}
	if len(s.Ladders) != len(want) {
		t.Fatalf("got %d ladders %+v, want %d: %+v", len(s.Ladders), s.Ladders, len(want), want)
	}
	for i := range want {
		if !slices.Equal(s.Ladders[i].Try, want[i].Try) || s.Ladders[i].Who != want[i].Who || !slices.Equal(s.Ladders[i].Shares, want[i].Shares) {
			t.Errorf("ladders[%d] = %+v, want %+v", i, s.Ladders[i], want[i])
		}
	}
}

// TestSoloHomeOnDefault checks that try_first gives the default county the ladders the
// library's file used to list in full, so its figures stay as they were.
func TestSoloHomeOnDefault(t *testing.T) {
	s, err := LoadBuiltin("solo-placement-home")
	if err != nil {
		t.Fatal(err)
	}
	d, err := LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Ladders) != len(d.Ladders) {
		t.Fatalf("%d ladders, want the default's %d", len(s.Ladders), len(d.Ladders))
	}
	for i := 1; i < len(d.Ladders); i++ {
		if s.Ladders[i].Who != d.Ladders[i].Who || !slices.Equal(s.Ladders[i].Try, d.Ladders[i].Try) {
			t.Errorf("ladders[%d] = %+v, want the default's %+v", i, s.Ladders[i], d.Ladders[i])
		}
	}
	home := model.KindID(len(d.Kinds))
	if got := s.Ladders[0].Try; !slices.Equal(got, append([]model.KindID{home}, d.Ladders[0].Try...)) {
		t.Errorf("solo children try %v, want solo_home then the default's %v", got, d.Ladders[0].Try)
	}
}

// TestTryFirstProblems names the field of the file at fault: an unknown kind in try_first, and
// a base ladder's problem at its own line though try_first puts ladders before it.
func TestTryFirstProblems(t *testing.T) {
	for _, tt := range []struct{ name, file, want string }{
		{"unknown kind", "extends: default\ntry_first:\n  - who: {needs: [solo]}\n    try: [solo_hom]\n",
			`f.yaml:4:11: try_first[0].try[0]: unknown provision kind "solo_hom"`},
		{"no try", "extends: default\ntry_first:\n  - who: {needs: [solo]}\n",
			"f.yaml:3:5: try_first[0].try: must name at least one provision kind"},
		{"a ladder's shares", "extends: default\nladders:\n  - who: {needs: [solo]}\n    try: [external_residential]\n  - who: {ages: 0-17}\n    try: [kinship, ifa]\n    shares: [0.5, 0.4]\n" +
			"try_first:\n  - who: {needs: [solo]}\n    try: [inhouse_home]\n",
			"f.yaml:7:13: ladders[1].shares: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.file), "f.yaml", nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestTryFirstAddsToTheParents: a file extending one with try_first adds its own after it.
func TestTryFirstAddsToTheParents(t *testing.T) {
	folder := fstest.MapFS{"a.yaml": {Data: []byte("extends: default\ntry_first:\n  - who: {needs: [solo]}\n    try: [inhouse_home]\n")}}
	s, err := ParseFS(strings.NewReader("extends: a.yaml\ntry_first:\n  - who: {ages: 16-17, needs: [solo]}\n    try: [supported_accommodation]\n"), folder, "b.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Ladders[0].Try; len(got) < 3 || s.Kinds[got[0]].Name != "supported_accommodation" || s.Kinds[got[1]].Name != "inhouse_home" {
		t.Errorf("16-17 year olds of solo needs try %v first, want supported_accommodation then inhouse_home", got)
	}
}

// TestReplacedListWarns: a file whose list replaces one its base wrote itself is warned of,
// with the file, line and field and how many of the base's items it drops, and which (by
// their who); a list the base
// inherited from default, and the library's file with try_first, are not.
func TestReplacedListWarns(t *testing.T) {
	lib, err := fs.ReadFile(library, "solo-placement-home.yaml")
	if err != nil {
		t.Fatal(err)
	}
	folder := fstest.MapFS{
		"council.yaml": {Data: []byte(council)},
		"plain.yaml":   {Data: []byte("name: plain\nextends: default\nyears: 5\n")},
	}
	full := "extends: council.yaml\nladders:\n  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n"
	for _, tt := range []struct{ name, file, want string }{
		{"ladders over a council's", full,
			"f.yaml:3:3: ladders: replaces the 3 items council.yaml gives (line 4) with this file's 1, and 3 of council.yaml's are not among them " +
				"(who: {ages: 0-9, needs: [standard]}; who: {needs: [solo]}; who: {ages: 0-17}): " +
				"a list in a file that extends another replaces the other's whole, so they are dropped; to add kinds to the ladders rather than replace them, give try_first"},
		{"ladders over default's", strings.Replace(full, "council.yaml", "plain.yaml", 1), ""},
		{"the library's solo home over a council", strings.Replace(string(lib), "\nextends: default\n", "\nextends: council.yaml\n", 1), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseResolvedFS(strings.NewReader(tt.file), folder, "f.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range r.Warnings {
				got = append(got, w.Error())
			}
			if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
				t.Errorf("got warnings %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReplacedListBreaks: a file whose ladders replace its base's and leave a kind of the base
// unnamed is refused at its own ladders, saying they replaced the base's, not at the base's
// kind (a built-in's, which the user cannot open, or the council's file, which is sound); and
// the warning of the replacement comes with the problems.
func TestReplacedListBreaks(t *testing.T) {
	folder := fstest.MapFS{"council.yaml": {Data: []byte(council)}}
	short := "extends: %s\nladders:\n  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, external_residential, inhouse_home]\n"
	for _, tt := range []struct{ name, base, want, warn string }{
		{"over a council's", "council.yaml",
			"f.yaml:3:3: ladders: replaces the 3 items council.yaml gives (line 4); with them gone, kinds[5]: block_residential: no ladder or step_down.try names it",
			"f.yaml:3:3: ladders: replaces the 3 items council.yaml gives (line 4) with this file's 1, and 3 of council.yaml's are not among them (who: {ages: 0-9, needs: [standard]}; "},
		{"over default's", "default",
			"f.yaml:3:3: ladders: replaces the 7 items default.yaml gives (line 454), dropping who: {needs: [solo]}; who: {ages: 16-17, uasc: only}; ", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseResolvedFS(strings.NewReader(fmt.Sprintf(short, tt.base)), folder, "f.yaml", nil)
			if err == nil {
				t.Fatal("no error")
			}
			ps := Problems(err)
			if len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), tt.want) {
				t.Errorf("got problems %q, want one starting %q", ps, tt.want)
			}
			ws := ErrorWarnings(err)
			if tt.warn == "" && len(ws) > 0 || tt.warn != "" && (len(ws) != 1 || !strings.HasPrefix(ws[0].Error(), tt.warn)) {
				t.Errorf("got warnings %q, want one starting %q", ws, tt.warn)
			}
		})
	}
}
