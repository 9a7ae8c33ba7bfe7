package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// unmetWords are what a verdict of saving says when the saving comes with young people
// leaving care with no accommodation (plots.UnmetNeedCaveat).
const unmetWords = "more young people leave care with no accommodation: this is not a saving of the sufficiency duty"

// TestCompareSavingFromUnmetNeed checks that a strategy that spends less by capping care
// leavers' accommodation does not print, or put in the board pack, its saving as a verdict
// alone: the payback line, the pack's summary and the difference chart's subtitle each say
// in the same sentence that the saving comes with young people leaving care with no
// accommodation; and that a recruitment programme, which leaves no more of them, says nothing
// of it.
func TestCompareSavingFromUnmetNeed(t *testing.T) {
	dir := t.TempDir()
	cap := filepath.Join(dir, "leaver-cap.yaml")
	if err := os.WriteFile(cap, []byte("name: leaver-cap\nextends: default\ncare_leavers:\n  places: 10\n  stock: 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--reps", "2", "--years", "3", "--set", "warmup_years=1", "--formats", "svg", "-q"}
	out := filepath.Join(dir, "cap")
	o := mustRun(t, append([]string{"compare", "default", cap, "--out", out}, flags...)...)
	payback := regexp.MustCompile(`(?m)^Payback: .*, but \+?\d+ ` + regexp.QuoteMeta(unmetWords) + `\.$`)
	if !payback.MatchString(o.stdout) {
		t.Errorf("the payback line does not say the saving comes with young people leaving care with no accommodation:\n%s", o.stdout)
	}
	npv := regexp.MustCompile(`(?m)^Net present value .*, but \+?\d+ ` + regexp.QuoteMeta(unmetWords) + `\.$`)
	if !npv.MatchString(o.stdout) {
		t.Errorf("the net present value does not say the saving comes with young people leaving care with no accommodation:\n%s", o.stdout)
	}
	pack := html.UnescapeString(readFile(t, out, "report.html"))
	for _, want := range []string{
		"Net over",         // the In short summary's verdict
		"pays back in",     // the business case payback
		"spending less in", // the difference chart's subtitle
	} {
		found := false
		for _, line := range strings.Split(pack, ". ") {
			if strings.Contains(line, want) && strings.Contains(line, unmetWords) {
				found = true
			}
		}
		if !found {
			t.Errorf("the board pack has no sentence with %q that says %q", want, unmetWords)
		}
	}

	out = filepath.Join(dir, "recruit")
	o = mustRun(t, "compare", "default", "recruit-12-net-carers", "--out", out, "--reps", "2", "--formats", "svg", "-q")
	if strings.Contains(o.stdout, unmetWords) || strings.Contains(readFile(t, out, "report.html"), unmetWords) {
		t.Errorf("a recruitment programme, which leaves no more young people without accommodation, is said to:\n%s", o.stdout)
	}
}
