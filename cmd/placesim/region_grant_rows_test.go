package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareRegionsUASCGrantRows compares the test region with a strategy in which one council
// takes UASC and gives the Home Office's grant rates: as a single council's comparison does,
// comparison.csv has rows of the grants (uasc_grant_not_counted,
// uasc_leaving_care_grant_not_counted) and business_case.csv memo rows of them, for that
// council and for the region (its councils' grants added up: here that council's alone), and
// the workbook's business case says them as a single council's does; the net saving leaves
// them out.
func TestCompareRegionsUASCGrantRows(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": `name: test-uasc
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6, uasc.per_year=10, "uasc.ages=[{ages: 16-17, share: 1, needs: {standard: 1}, male_share: 0.9}]", uasc.grant_per_night_gbp=143, uasc.leaving_care_grant_per_week_gbp=270]}
`})
	out := filepath.Join(dir, "cmp")
	mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "3", "--formats", "svg", "-q", "--out", out)
	rows := func(file string) map[string][]string {
		recs, err := csv.NewReader(strings.NewReader(readFile(t, out, file))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][]string{}
		for _, r := range recs[1:] {
			m[r[0]+" "+r[3]+" "+r[4]] = r // council, period, KPI or figure
		}
		return m
	}
	cmp, cases := rows("comparison.csv"), rows("business_case.csv")
	for _, grant := range []string{"uasc_grant_not_counted", "uasc_leaving_care_grant_not_counted"} {
		for _, period := range []string{"2026/27", "2027/28", "all"} {
			c, r := cmp["north-shire "+period+" "+grant], cmp["region "+period+" "+grant]
			m, rm := cases["north-shire "+period+" memo_"+grant], cases["region "+period+" memo_"+grant]
			if c == nil || r == nil || m == nil || rm == nil {
				t.Errorf("%s %s: rows of north-shire and the region in comparison.csv %v %v, memo rows in business_case.csv %v %v", period, grant, c != nil, r != nil, m != nil, rm != nil)
				continue
			}
			// Only north-shire gives a rate: the region's grant is north-shire's, the change
			// (column 8 of comparison.csv, the mean of business_case.csv) the same.
			// The test region's UASC arrive at 16 or 17 and few leave care within its 2 years:
			// only the grant for those in care must be more than none.
			more := grant != "uasc_grant_not_counted" || (!strings.HasPrefix(c[7], "-") && c[7] != "0")
			if c[7] != r[7] || m[5] != c[7] || rm[5] != c[7] || !more {
				t.Errorf("%s %s: north-shire's grant %s more, the region's %s; memo rows %s and %s", period, grant, c[7], r[7], m[5], rm[5])
			}
		}
		if cmp["south-shire all "+grant] != nil || cases["south-shire all memo_"+grant] != nil {
			t.Errorf("%s: a council with no grant rate has grant rows", grant)
		}
	}
	book := sheetRows(t, filepath.Join(out, "results.xlsx"), "Business case")
	said := 0
	for _, r := range book {
		if strings.Contains(strings.Join(r, "|"), "Not counted (memo): UASC grant, more than the baseline's") {
			said++
		}
	}
	if said != 2*3 { // north-shire and the region, in 2026/27, 2027/28 and over the run
		t.Errorf("the workbook's business case has %d memo rows of the UASC grant, want 6", said)
	}
}

// TestCompareHelpRegionGrantRows checks that compare's help and the README's section on
// comparing strategies say what rows a comparison of regions has: a council column, each
// council's rows then the region's, and the grant rows and memo rows of TestCompareRegionsUASCGrantRows
// for each council that gives a rate and for the region.
func TestCompareHelpRegionGrantRows(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(text)
	from, to := strings.Index(readme, "\n## Comparing strategies\n"), strings.Index(readme, "\n### The business case\n")
	if from < 0 || to < from {
		t.Fatal("README.md has no section Comparing strategies before The business case")
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for what, says := range map[string]string{"compare --help": mustRun(t, "compare", "--help").stdout, "README.md's Comparing strategies": readme[from:to]} {
		says = strings.ReplaceAll(flat(says), "`", "")
		for _, want := range []string{"council column", "then the region's",
			"uasc_grant_not_counted, uasc_leaving_care_grant_not_counted",
			"memo_uasc_grant_not_counted, memo_uasc_leaving_care_grant_not_counted",
			"the region has them too, those councils' grants added up pair by pair"} {
			if !strings.Contains(says, want) {
				t.Errorf("%s does not say %q of a comparison of regions", what, want)
			}
		}
	}
}
