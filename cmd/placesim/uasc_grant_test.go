package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"regexp"
	"slices"
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
	var cj struct {
		Comparisons []struct {
			UASCGrant map[string]any `json:"uasc_grant"`
		}
	}
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil {
		t.Fatal(err)
	}
	g := cj.Comparisons[0].UASCGrant
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
	if a, b := readFile(t, filepath.Join(dir, "rate"), "comparison.csv"), readFile(t, filepath.Join(dir, "norate"), "comparison.csv"); a != b {
		t.Errorf("a grant rate changes comparison.csv")
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
