package workspace

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestSaveKeepsTryFirst checks that a scenario file that gives try_first
// (solo-placement-home), opened and saved as the page saves it (its text and every box's
// value), keeps try_first as written, not the ladders it makes: over the default county and
// over a base with ladders of its own (a council's calibrated file), its ladders read back as
// the file's did. So does a file whose try_first has several items, each with a who.
func TestSaveKeepsTryFirst(t *testing.T) {
	base, _, dir := testServer(t)
	solo, err := os.ReadFile(filepath.Join("..", "..", "..", "scenarios", "solo-placement-home.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cal := "name: cal\nextends: default\nladders:\n" +
		"  - who: {needs: [solo]}\n    try: [external_residential, inhouse_home]\n" +
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n"
	files := map[string]string{
		"cal.yaml":      cal,
		"solo.yaml":     strings.Replace(string(solo), "name: solo-placement-home", "name: solo", 1),
		"solo-cal.yaml": strings.Replace(strings.Replace(string(solo), "name: solo-placement-home", "name: solo-cal", 1), "extends: default", "extends: cal.yaml", 1),
		"several.yaml": "name: several\nextends: default\ntry_first:\n" +
			"  - who: {ages: 16-17}\n    try: [supported_accommodation]\n" +
			"  - who: {ages: 11-17, needs: [complex, solo]}\n    try: [inhouse_home, specialist_foster]\n" +
			"  - who: {ages: 0-4}\n    try: [kinship, inhouse_foster]\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"solo", "solo-cal", "several"} {
		path := filepath.Join(dir, name+".yaml")
		want, err := scenarios.Load(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, page := get(t, base+"/?file="+name)
		_, after, _ := strings.Cut(page, `<script type="application/json" id="initial">`)
		js, _, _ := strings.Cut(after, "</script>")
		var initial struct {
			Opened string `json:"opened"`
		}
		if err := json.Unmarshal([]byte(js), &initial); err != nil || initial.Opened == "" {
			t.Fatalf("%s: the page keeps no hash of the file opened: %.200q", name, js)
		}
		values := map[string]string{}
		for _, m := range regexp.MustCompile(`data-input="([^"]+)"[^>]*value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			values[m[1]] = html.UnescapeString(m[2])
		}
		for _, m := range regexp.MustCompile(`value="([^"]*)"[^>]*data-input="([^"]+)"`).FindAllStringSubmatch(page, -1) {
			values[m[2]] = html.UnescapeString(m[1])
		}
		text := regexp.MustCompile(`(?s)<textarea[^>]*id="text"[^>]*>(.*?)</textarea>`).FindStringSubmatch(page)
		if text == nil || len(values) == 0 {
			t.Fatalf("%s: the page has no text or no boxes", name)
		}
		ext := "default"
		if name == "solo-cal" {
			ext = "cal.yaml"
		}
		st := wsState{Tab: "t", Base: ext, File: name, Name: name, Text: html.UnescapeString(text[1]), Values: values}
		var sv saveResponse
		post(t, base, "/api/save", saveRequest{Name: name, Open: name, Opened: initial.Opened, State: st}, &sv)
		if sv.Error != "" || sv.Saved == "" {
			t.Fatalf("%s: save: %+v", name, sv)
		}
		saved, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(saved), "\ntry_first:\n") || strings.Contains(string(saved), "\nladders:") {
			t.Errorf("%s: the file saved does not keep try_first as written:\n%s", name, saved)
		}
		got, err := scenarios.Load(path, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.Ladders, want.Ladders) {
			t.Errorf("%s: the file saved reads back with ladders\n%+v\nwant\n%+v", name, got.Ladders, want.Ladders)
		}
	}
}
