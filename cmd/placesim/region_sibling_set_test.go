package main

import (
	"html"
	"path/filepath"
	"strings"
	"testing"
)

// siblingSetRegionYAML is a region of two small councils of the default scenario, the first
// of which changes by its set: the share of its carers who keep their places for brothers and
// sisters.
const siblingSetRegionYAML = `name: sib-region
start: 2026-04-01
years: 1
warmup_years: 0
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: default, size: {children_in_care: 150}, set: [kinds.inhouse_foster.carers.sibling_only_share=0.3]}
  - {name: south-shire, zone: south, scenario: default, size: {children_in_care: 150}}
markets:
  - kind: ifa
    providers:
      - {name: north-agencies, zone: north, places: 60}
`

// TestRegionCouncilSiblingShareSet checks that a council whose set: in the region file changes
// its carers' sibling_only_share is said to have it changed, not set to match Ofsted, in the
// region's report (the council's table of assumptions and the region's sufficiency gap
// chart) and in the council's own report and workbook, as a council's own run says of --set; that a
// council whose share is its scenario's own is still said to match Ofsted; and that
// region.json, which merge reads back, keeps the council's set.
func TestRegionCouncilSiblingShareSet(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"sib.yaml": siblingSetRegionYAML})
	out := filepath.Join(dir, "out")
	mustRun(t, "run", filepath.Join(dir, "sib.yaml"), "--reps", "2", "--formats", "svg", "--out", out)

	const changed = "changed by the council's set: in the region file from the scenario file's own value, so not set to match Ofsted"
	const matched = "set so that about 60% of foster places are filled, as Ofsted counted"
	report := html.UnescapeString(readFile(t, out, "report.html"))
	north, south, ok := strings.Cut(report, `aria-label="Assumptions of south-shire"`)
	if !ok {
		t.Fatal("the region's report has no table of south-shire's assumptions")
	}
	if _, north, ok = strings.Cut(north, `aria-label="Assumptions of north-shire"`); !ok {
		t.Fatal("the region's report has no table of north-shire's assumptions")
	}
	if !strings.Contains(north, changed) || strings.Contains(north, matched) {
		t.Errorf("the region's report says of north-shire's sibling_only_share, which its set: changed, not %q:\n%s", changed, north)
	}
	if !strings.Contains(south, matched) || strings.Contains(south, "changed by") {
		t.Errorf("the region's report does not say south-shire's own sibling_only_share is %q", matched)
	}
	if gap := readFile(t, out, "charts/sufficiency-gap-by-age.svg"); strings.Contains(gap, "set so that about 60%") {
		t.Errorf("the region's sufficiency gap chart says the share of places kept for siblings, which north-shire's set: changed, was set to match Ofsted")
	}
	own := html.UnescapeString(readFile(t, filepath.Join(out, "north-shire"), "report.html"))
	if !strings.Contains(own, changed) || strings.Contains(own, matched) {
		t.Errorf("north-shire's own report does not say %q", changed)
	}
	if own := html.UnescapeString(readFile(t, filepath.Join(out, "south-shire"), "report.html")); !strings.Contains(own, matched) {
		t.Errorf("south-shire's own report does not say %q", matched)
	}
	for council, want := range map[string]string{"north-shire": changed, "south-shire": matched} {
		var rows []string
		for _, r := range sheetRows(t, filepath.Join(out, council, "results.xlsx"), "How to read") {
			rows = append(rows, strings.Join(r, "\t"))
		}
		if book := strings.Join(rows, "\n"); !strings.Contains(book, want) {
			t.Errorf("%s's workbook's How to read does not say %q:\n%s", council, want, book)
		}
	}
	if rec := readFile(t, out, "region.json"); !strings.Contains(rec, `"set": [`+"\n"+`          "kinds.inhouse_foster.carers.sibling_only_share=0.3"`) {
		t.Errorf("region.json does not keep north-shire's set:\n%s", rec)
	}
}
