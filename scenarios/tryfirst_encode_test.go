package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestEncodeKeepsTryFirst checks that a scenario whose file gives try_first
// (solo-placement-home), written as a file extending its base, keeps try_first rather than
// writing the ladders it makes in full: over the default county and over a base with
// ladders of its own (as a council's calibrated file has), the file written reads back as
// the same scenario, its ladders those try_first makes over that base.
func TestEncodeKeepsTryFirst(t *testing.T) {
	dir := t.TempDir()
	solo, err := os.ReadFile(filepath.Join("solo-placement-home.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cal := "name: cal\nextends: default\nladders:\n" +
		"  - who: {needs: [solo]}\n    try: [external_residential, inhouse_home]\n" +
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n"
	for name, text := range map[string]string{
		"cal.yaml":      cal,
		"solo.yaml":     strings.Replace(string(solo), "name: solo-placement-home", "name: solo", 1),
		"solo-cal.yaml": strings.Replace(strings.Replace(string(solo), "name: solo-placement-home", "name: solo-cal", 1), "extends: default", "extends: cal.yaml", 1),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ file, base, extends string }{
		{"solo.yaml", "default", "default"},
		{"solo-cal.yaml", filepath.Join(dir, "cal.yaml"), "cal.yaml"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := Load(filepath.Join(dir, tc.file), nil)
			if err != nil {
				t.Fatal(err)
			}
			base, err := Load(tc.base, nil)
			if err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(s.Ladders, base.Ladders) {
				t.Fatal("try_first changes nothing of the base's ladders")
			}
			var b bytes.Buffer
			if err := Encode(&b, s, EncodeOptions{Base: base, Extends: tc.extends}); err != nil {
				t.Fatal(err)
			}
			text := b.String()
			if !strings.Contains(text, "\ntry_first:\n") || strings.Contains(text, "\nladders:") {
				t.Errorf("the file written gives the ladders in full, not try_first:\n%s", text)
			}
			saved := filepath.Join(dir, "saved-"+tc.file)
			if err := os.WriteFile(saved, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Load(saved, nil)
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			if !reflect.DeepEqual(got.Ladders, s.Ladders) {
				t.Errorf("the file written reads back with ladders\n%+v\nwant\n%+v", got.Ladders, s.Ladders)
			}
			got.Name = s.Name
			if !reflect.DeepEqual(got, s) {
				t.Errorf("the file written reads back as another scenario:\n%s", text)
			}
		})
	}
}

// severalTryFirst gives try_first three items over the default county, each with a who of its
// own, one of which (complex children aged 11-17) meets two of the default's ladders.
const severalTryFirst = `name: several
extends: default
try_first:
  - who: {ages: 16-17}
    try: [supported_accommodation]
  - who: {ages: 11-17, needs: [complex, solo]}
    try: [inhouse_home, specialist_foster]
  - who: {ages: 0-4}
    try: [kinship, inhouse_foster]
`

// TestEncodeKeepsSeveralTryFirst checks that a file whose try_first has several items, each
// with a who, written as a file extending its base (the default county, or a base with ladders
// of its own), writes try_first, not the ladders in full, and reads back as the same scenario.
func TestEncodeKeepsSeveralTryFirst(t *testing.T) {
	dir := t.TempDir()
	cal := "name: cal\nextends: default\nladders:\n" +
		"  - who: {needs: [solo]}\n    try: [external_residential, inhouse_home]\n" +
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n"
	for name, text := range map[string]string{
		"cal.yaml":         cal,
		"several.yaml":     severalTryFirst,
		"several-cal.yaml": strings.Replace(severalTryFirst, "extends: default", "extends: cal.yaml", 1),
		"two.yaml": "name: two\nextends: default\ntry_first:\n" +
			"  - who: {needs: [solo]}\n    try: [inhouse_home]\n" +
			"  - who: {ages: 12-17, uasc: only}\n    try: [inhouse_foster, supported_accommodation]\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ file, base, extends string }{
		{"several.yaml", "default", "default"},
		{"several-cal.yaml", filepath.Join(dir, "cal.yaml"), "cal.yaml"},
		{"two.yaml", "default", "default"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := Load(filepath.Join(dir, tc.file), nil)
			if err != nil {
				t.Fatal(err)
			}
			base, err := Load(tc.base, nil)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := Encode(&b, s, EncodeOptions{Base: base, Extends: tc.extends}); err != nil {
				t.Fatal(err)
			}
			text := b.String()
			if !strings.Contains(text, "\ntry_first:\n") || strings.Contains(text, "\nladders:") {
				t.Errorf("the file written gives the ladders in full, not try_first:\n%s", text)
			}
			saved := filepath.Join(dir, "saved-"+tc.file)
			if err := os.WriteFile(saved, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Load(saved, nil)
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			got.Name = s.Name
			if !reflect.DeepEqual(got, s) {
				t.Errorf("the file written reads back as another scenario: ladders\n%+v\nwant\n%+v\n%s", got.Ladders, s.Ladders, text)
			}
		})
	}
}

// TestTryFirstOfGivesUp checks that ladders no rules of try_first make over the base's are
// written in full: tryFirstOf finds none.
func TestTryFirstOfGivesUp(t *testing.T) {
	def, err := Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	ladders := slices.Clone(def.Ladders)
	slices.Reverse(ladders)
	if rules, ok := tryFirstOf(def.Ladders, ladders); ok {
		t.Errorf("rules %+v make the default's ladders reversed", rules)
	}
}

// TestTryFirstOfSharesNotMade checks that ladders with shares of their own before the base's,
// as calibrate writes a council's, are written in full at once: no rule of try_first makes a
// ladder with shares, so tryFirstOf makes no tries (it made thousands, the same for each).
func TestTryFirstOfSharesNotMade(t *testing.T) {
	def, err := Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	var own []model.Ladder
	for i := range 12 {
		own = append(own, model.Ladder{Who: model.Selector{Ages: model.AgeRange{FromYears: i, ToYears: i}, Needs: model.NeedsOf(model.NeedStandard)},
			Try: slices.Clone(def.Ladders[len(def.Ladders)-1].Try), Shares: []float64{0.5, 0.3, 0.2, 0}})
	}
	if rules, ok, tries := tryFirstSearch(def.Ladders, append(own, def.Ladders...)); ok || tries != 0 {
		t.Errorf("rules %+v (%v) after %d tries, want none at once", rules, ok, tries)
	}
}
