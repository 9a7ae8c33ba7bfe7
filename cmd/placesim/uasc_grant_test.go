package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCompareUASCGrant checks that a comparison whose scenarios look after different numbers of
// UASC says that the Home Office's grant for them is not counted and what it would come to at
// the file's rate, in its table, its board pack and its JSON; that the rate changes no spending
// figure; and that a comparison whose UASC do not differ says nothing of it.
func TestCompareUASCGrant(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"more-uasc.yaml":   "name: more-uasc\nextends: default\nuasc:\n  per_year: 110\n  grant_per_night_gbp: 143\n",
		"more-norate.yaml": "name: more-uasc\nextends: default\nuasc:\n  per_year: 110\n",
	})
	flags := []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1"}
	cmp := func(alt, out string, extra ...string) outcome {
		return mustRun(t, slices.Concat([]string{"compare", "default", alt}, flags, []string{"--out", filepath.Join(dir, out)}, extra)...)
	}
	sentence := regexp.MustCompile(`Not counted: the Home Office's grant for unaccompanied asylum-seeking children \(UASC\), income for each one the council looks after\. ` +
		`more-uasc has [0-9]+ more UASC child-years in care than default over the 2 years \(the 90% confidence interval of the mean: \+[0-9]+ to \+[0-9]+\); ` +
		`at more-uasc's £143 a night \(its uasc\.grant_per_night_gbp, not uprated for inflation\) that would bring about £[0-9.]+[mk] of grant \(\+£[0-9.]+[mk] to \+£[0-9.]+[mk]\), ` +
		`which the spending figures leave out\.`)
	o := cmp(filepath.Join(dir, "more-uasc.yaml"), "rate")
	if !sentence.MatchString(o.stdout) {
		t.Errorf("the table does not say what grant it leaves out:\n%s", o.stdout)
	}
	if pack := readFile(t, filepath.Join(dir, "rate"), "report.html"); !strings.Contains(pack, "<p>Not counted: the Home Office&#39;s grant") {
		t.Errorf("the board pack's business case does not say the UASC grant is not counted")
	}

	o = cmp(filepath.Join(dir, "more-uasc.yaml"), "rate-json", "--json", "--charts=false")
	g := firstUASCGrant(t, o.stdout)
	years, _ := g["child_years"].(float64)
	if g["counted"] != false || years <= 0 || g["child_years_lo"] == nil {
		t.Fatalf("--json's uasc_grant is %v, want the child-years more-uasc adds, not counted", g)
	}
	// 1 April 2026 to 1 April 2028 is 731 nights, 365.5 a year of the 2 years.
	want := years * 365.5 * 143
	if got, ok := g["gbp"].(float64); !ok || math.Abs(got-want) > 1e-6*want {
		t.Errorf("--json's uasc_grant.gbp is %v, want %.2f (child-years × 365.5 nights × £143)", g["gbp"], want)
	}

	// The rate is said, never counted: the spending is the same without it.
	cmp(filepath.Join(dir, "more-norate.yaml"), "norate", "--charts=false")
	// The rate adds the grant's own rows (uasc_grant_not_counted) and changes no other.
	if a, b := withoutGrantRows(readFile(t, filepath.Join(dir, "rate"), "comparison.csv")), readFile(t, filepath.Join(dir, "norate"), "comparison.csv"); a != b {
		t.Errorf("a grant rate changes comparison.csv beyond the grant's rows")
	}
	o = cmp(filepath.Join(dir, "more-norate.yaml"), "norate2", "--charts=false")
	if !strings.Contains(o.stdout, "; neither scenario gives a grant rate (uasc.grant_per_night_gbp), so what it would come to is not worked out, and the spending figures leave it out.") {
		t.Errorf("a comparison with no grant rate does not say the grant is left out:\n%s", o.stdout)
	}

	// UASC that do not differ: nothing said.
	o = cmp("early-help", "same", "--charts=false")
	if strings.Contains(o.stdout, "Not counted") {
		t.Errorf("a comparison whose UASC do not differ speaks of their grant:\n%s", o.stdout)
	}
	o = cmp("early-help", "same-json", "--charts=false", "--json")
	if strings.Contains(o.stdout, "uasc_grant") {
		t.Errorf("--json of a comparison whose UASC do not differ has a uasc_grant")
	}
}

// withoutGrantRows is a comparison.csv or business_case.csv with the rows of the UASC grants
// taken out.
func withoutGrantRows(csv string) string {
	var keep []string
	for _, line := range strings.SplitAfter(csv, "\n") {
		if !strings.Contains(line, "grant_not_counted,") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "")
}

// TestCompareUASCGrantByYear checks that a comparison with UASC grant rates puts the grants in
// its files, by financial year and over the run: comparison.csv has uasc_grant_not_counted
// (the UASC in care's child-nights at the night rate) and uasc_leaving_care_grant_not_counted
// (former UASC supported after care, at the weekly rate) after the KPIs, business_case.csv
// memo rows of the change, which leave the net saving as it was, and the workbook both; the
// note says what the leaving-care grant would come to at its rate.
func TestCompareUASCGrantByYear(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"more-uasc.yaml":   "name: more-uasc\nextends: default\nuasc:\n  per_year: 110\n  grant_per_night_gbp: 143\n  leaving_care_grant_per_week_gbp: 270\n",
		"more-norate.yaml": "name: more-uasc\nextends: default\nuasc:\n  per_year: 110\n",
	})
	flags := []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1"}
	cmp := func(alt, out string, extra ...string) outcome {
		return mustRun(t, slices.Concat([]string{"compare", "default", filepath.Join(dir, alt)}, flags, []string{"--out", filepath.Join(dir, out)}, extra)...)
	}
	o := cmp("more-uasc.yaml", "rate")
	cmp("more-norate.yaml", "norate", "--charts=false")
	rows := map[[2]string][]string{}
	for _, line := range strings.Split(readFile(t, filepath.Join(dir, "rate"), "comparison.csv"), "\n")[1:] {
		if f := strings.Split(line, ","); len(f) == 14 {
			rows[[2]string{f[2], f[3]}] = f
		}
	}
	num := func(f []string, i int) float64 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		return v
	}
	// 2026/27 has 365 days, 2027/28 366 (29 February 2028), the run 731.
	for _, c := range []struct {
		period string
		days   float64
	}{{"2026/27", 365}, {"2027/28", 366}, {"all", 731}} {
		for _, g := range []struct {
			grant, of string
			perDay    float64
		}{
			{"uasc_grant_not_counted", "uasc_in_care", 143},
			{"uasc_leaving_care_grant_not_counted", "uasc_care_leavers", 270.0 / 7},
		} {
			gr, of := rows[[2]string{c.period, g.grant}], rows[[2]string{c.period, g.of}]
			if gr == nil || of == nil {
				t.Fatalf("%s: no row %s or %s in comparison.csv", c.period, g.grant, g.of)
			}
			for i := 4; i <= 10; i++ { // base_mean to diff_run_hi
				if want := num(of, i) * c.days * g.perDay; math.Abs(num(gr, i)-want) > 1e-6*math.Abs(want)+1e-6 {
					t.Errorf("%s %s column %d: %v, want %v (%s × %v days × £%.2f)", c.period, g.grant, i, num(gr, i), want, g.of, c.days, g.perDay)
				}
			}
			if c.period == "all" && num(gr, 6) <= 0 {
				t.Errorf("%s over the run: %v, want more grant with more UASC", g.grant, num(gr, 6))
			}
		}
	}
	cases := readFile(t, filepath.Join(dir, "rate"), "business_case.csv")
	for _, figure := range []string{",2026/27,memo_uasc_grant_not_counted,", ",all,memo_uasc_grant_not_counted,", ",2027/28,memo_uasc_leaving_care_grant_not_counted,"} {
		if !strings.Contains(cases, figure) {
			t.Errorf("business_case.csv has no row %q", figure)
		}
	}
	if a, b := withoutGrantRows(cases), readFile(t, filepath.Join(dir, "norate"), "business_case.csv"); a != b {
		t.Errorf("the grant's memo rows change business_case.csv's other rows")
	}
	if !strings.Contains(o.stdout, "at £270 a week (uasc.leaving_care_grant_per_week_gbp; the Home Office's 2023-24 rate is £270, docs/sources.md §12) that would bring about £") {
		t.Errorf("the note does not say what the leaving-care grant would come to:\n%s", o.stdout)
	}
	o = cmp("more-uasc.yaml", "rate-json", "--json", "--charts=false")
	g := firstUASCGrant(t, o.stdout)
	leavers, _ := g["leaver_years"].(float64)
	// 731 days over 2 years: 365.5 a year, at £270 a week.
	if got, ok := g["leaving_care_gbp"].(float64); leavers <= 0 || !ok || math.Abs(got-leavers*365.5*270/7) > 1e-6*got || g["per_week_gbp"] != 270.0 {
		t.Errorf("--json's uasc_grant %v: want leaver_years above 0 and leaving_care_gbp = leaver_years × 365.5 days × £270/7", g)
	}
	// As the note says: the ranges of both and the two grants together.
	for _, k := range []string{"leaver_years_lo", "leaver_years_hi", "leaving_care_gbp_lo", "leaving_care_gbp_hi", "gbp", "total_gbp"} {
		if _, ok := g[k].(float64); !ok {
			t.Fatalf("--json's uasc_grant has no %s: %v", k, g)
		}
	}
	if lo, hi := g["leaver_years_lo"].(float64), g["leaver_years_hi"].(float64); !(lo <= leavers && leavers <= hi) {
		t.Errorf("--json's leaver_years %v is outside its interval %v to %v", leavers, lo, hi)
	}
	if lo, hi, v := g["leaving_care_gbp_lo"].(float64), g["leaving_care_gbp_hi"].(float64), g["leaving_care_gbp"].(float64); !(lo <= v && v <= hi) {
		t.Errorf("--json's leaving_care_gbp %v is outside its interval %v to %v", v, lo, hi)
	}
	if got, want := g["total_gbp"].(float64), g["gbp"].(float64)+g["leaving_care_gbp"].(float64); math.Abs(got-want) > 1e-9*math.Abs(want) {
		t.Errorf("--json's total_gbp is %v, want gbp + leaving_care_gbp = %v", got, want)
	}
	book := readFile(t, filepath.Join(dir, "rate"), "results.xlsx")
	zr, err := zip.NewReader(strings.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, f := range zr.File {
		if f.Name == "xl/sharedStrings.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(&text, rc)
			rc.Close()
		}
	}
	for _, want := range []string{"Not counted (memo): UASC grant", "Not counted (memo): UASC leaving-care grant", "uasc_grant_not_counted", "uasc_leaving_care_grant_not_counted"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("results.xlsx has no %q", want)
		}
	}
}

// firstUASCGrant returns the uasc_grant of the first comparison of compare --json's output.
func firstUASCGrant(t *testing.T, stdout string) map[string]any {
	t.Helper()
	var cj struct {
		Comparisons []struct {
			UASCGrant map[string]any `json:"uasc_grant"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &cj); err != nil {
		t.Fatal(err)
	}
	if len(cj.Comparisons) == 0 {
		t.Fatalf("compare --json gives no comparison:\n%s", stdout)
	}
	return cj.Comparisons[0].UASCGrant
}

// TestCompareUASCGrantOwnRates checks that when the two scenarios' grant rates differ, each
// scenario's UASC are priced at its own rate, in comparison.csv's grant rows of every period,
// the business case's memo, the note and --json; and that two scenarios with the same UASC at
// different rates still say what the grant would come to.
func TestCompareUASCGrantOwnRates(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"nts200.yaml": "name: nts200\nextends: nts-threshold-0.07\nuasc:\n  grant_per_night_gbp: 200\n",
		"g200.yaml":   "name: g200\nextends: uasc-surge\nuasc:\n  grant_per_night_gbp: 200\n",
	})
	flags := []string{"--reps", "4", "--years", "2", "--set", "warmup_years=1", "--charts=false"}
	cmp := func(alt, out string, extra ...string) outcome {
		return mustRun(t, slices.Concat([]string{"compare", "uasc-surge", filepath.Join(dir, alt)}, flags, []string{"--out", filepath.Join(dir, out)}, extra)...)
	}
	num := func(f []string, i int) float64 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		return v
	}
	for _, c := range []struct{ file, name, says string }{
		{"nts200.yaml", "nts200", "at uasc-surge's £143 a night and nts200's £200 (their uasc.grant_per_night_gbp, each scenario's UASC at its own rate, not uprated for inflation) nts200's grant would be about £"},
		{"g200.yaml", "g200", "g200 has the same UASC child-years in care as uasc-surge over the 2 years; at uasc-surge's £143 a night and g200's £200"},
	} {
		o := cmp(c.file, c.name)
		if !strings.Contains(o.stdout, c.says) {
			t.Errorf("%s: the note does not say %q:\n%s", c.name, c.says, o.stdout)
		}
		rows := map[[2]string][]string{}
		for _, line := range strings.Split(readFile(t, filepath.Join(dir, c.name), "comparison.csv"), "\n")[1:] {
			if f := strings.Split(line, ","); len(f) == 14 {
				rows[[2]string{f[2], f[3]}] = f
			}
		}
		// 2026/27 has 365 days, 2027/28 366 (29 February 2028), the run 731.
		for _, p := range []struct {
			period string
			days   float64
		}{{"2026/27", 365}, {"2027/28", 366}, {"all", 731}} {
			gr, of := rows[[2]string{p.period, "uasc_grant_not_counted"}], rows[[2]string{p.period, "uasc_in_care"}]
			if gr == nil || of == nil {
				t.Fatalf("%s %s: no grant or UASC row in comparison.csv", c.name, p.period)
			}
			base, alt := num(of, 4)*p.days*143, num(of, 5)*p.days*200
			if math.Abs(num(gr, 4)-base) > 1e-6*base || math.Abs(num(gr, 5)-alt) > 1e-6*alt || math.Abs(num(gr, 6)-(alt-base)) > 1e-6*alt {
				t.Errorf("%s %s: grant %v, %v, change %v; want uasc-surge's at £143 (%v), %s's at £200 (%v), change %v",
					c.name, p.period, gr[4], gr[5], gr[6], base, c.name, alt, alt-base)
			}
		}
		all := rows[[2]string{"all", "uasc_grant_not_counted"}]
		if cases := readFile(t, filepath.Join(dir, c.name), "business_case.csv"); !strings.Contains(cases, ",all,memo_uasc_grant_not_counted,"+all[6]+",") {
			t.Errorf("%s: business_case.csv's memo is not the change %s", c.name, all[6])
		}
		g := firstUASCGrant(t, cmp(c.file, c.name+"-json", "--json").stdout)
		if got, ok := g["gbp"].(float64); !ok || math.Abs(got-num(all, 6)) > 1e-6*math.Abs(got) || g["per_night_gbp"] != 200.0 || g["baseline_per_night_gbp"] != 143.0 {
			t.Errorf("%s: --json's uasc_grant is %v, want gbp %v at 200 and a baseline's 143", c.name, g, all[6])
		}
	}
}
