package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestCompareGreenBookSchedule checks what a user sees of a comparison over 33 years, which
// has a year 31: without --discount-rate its net present value follows HM Treasury's Green
// Book schedule (3.5% a year to year 30, 3.0% from year 31), which the printed table and the
// manifest say; with --discount-rate 0.035 the one rate is used for every year, said too, and
// the net present value is not the same. Over 31 years, with no year 31, the two are the same
// to the byte.
func TestCompareGreenBookSchedule(t *testing.T) {
	if testing.Short() {
		t.Skip("four comparisons of 31 and 33 years")
	}
	dir := t.TempDir()
	run := func(name, years string, extra ...string) (stdout, npv string) {
		t.Helper()
		out := filepath.Join(dir, name)
		args := append([]string{"compare", "default", "early-help", "--reps", "2", "--years", years, "--set", "warmup_years=0", "--charts=false", "--out", out}, extra...)
		o := mustRun(t, args...)
		b, err := os.ReadFile(filepath.Join(out, "business_case.csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, ",all,npv,") {
				npv = line
			}
		}
		return o.stdout, npv
	}
	book, bookNPV := run("book", "33")
	if want := "in 2026/27 prices discounted at 3.5% a year for years 0 to 30 and 3% a year from year 31, the first year being year 0 (HM Treasury's Green Book rates): "; !strings.Contains(book, want) {
		t.Errorf("by default over 33 years, the printed business case does not say %q:\n%s", want, book)
	}
	if m := loadManifest(t, filepath.Join(dir, "book")); m.DiscountRate == nil || *m.DiscountRate != 0.035 || m.DiscountRateFrom31 == nil || *m.DiscountRateFrom31 != 0.03 {
		t.Errorf("by default over 33 years, the manifest's discount rates are %v and %v, want 0.035 and 0.03", m.DiscountRate, m.DiscountRateFrom31)
	}
	flat, flatNPV := run("flat", "33", "--discount-rate", "0.035")
	if want := "in 2026/27 prices discounted at 3.5% a year, the one rate given, for every year (HM Treasury's Green Book rates are 3.5% for years 0 to 30 and 3% from year 31): "; !strings.Contains(flat, want) {
		t.Errorf("--discount-rate 0.035 over 33 years: the printed business case does not say %q:\n%s", want, flat)
	}
	if m := loadManifest(t, filepath.Join(dir, "flat")); m.DiscountRateFrom31 != nil {
		t.Errorf("--discount-rate 0.035 over 33 years: the manifest gives a rate from year 31, %v, want none", *m.DiscountRateFrom31)
	}
	if bookNPV == "" || bookNPV == flatNPV {
		t.Errorf("over 33 years the Green Book's schedule and a flat 3.5%% give the same npv row, want them to differ:\n%s\n%s", bookNPV, flatNPV)
	}
	_, short := run("book31", "31")
	_, shortFlat := run("flat31", "31", "--discount-rate", "0.035")
	if short == "" || short != shortFlat {
		t.Errorf("over 31 years the Green Book's schedule and a flat 3.5%% differ, want the same npv row:\n%s\n%s", short, shortFlat)
	}
	if m := loadManifest(t, filepath.Join(dir, "book31")); m.DiscountRateFrom31 != nil {
		t.Errorf("by default over 31 years, the manifest gives a rate from year 31, %v, want none (the run has no year 31)", *m.DiscountRateFrom31)
	}
}

// TestDiscountFrom31 checks when manifest.json and --json give a rate from year 31: only for a
// run with a year 31 (32 financial years or more, the first being year 0) discounted at the
// Green Book's second rate, never at one rate given for every year.
func TestDiscountFrom31(t *testing.T) {
	for _, tt := range []struct {
		d     sim.Discount
		years int
		want  string
	}{
		{sim.GreenBookDiscount, 31, "<nil>"},
		{sim.GreenBookDiscount, 32, "0.03"},
		{sim.FlatDiscount(0.035), 40, "<nil>"},
	} {
		got := "<nil>"
		if r := discountFrom31(tt.d, tt.years); r != nil {
			got = strconv.FormatFloat(*r, 'f', -1, 64)
		}
		if got != tt.want {
			t.Errorf("%v over %d years: %s, want %s", tt.d, tt.years, got, tt.want)
		}
	}
}
