package sim

import (
	"fmt"
	"math"
	"testing"
)

// longCase returns the business case of a strategy that saves £1m a year, in every one of two
// replications, over years financial years with no inflation, discounted as d says.
func longCase(t *testing.T, years int, d Discount) *NetCase {
	t.Helper()
	periods := make([]string, years)
	for i := range periods {
		periods[i] = fmt.Sprintf("%d/%02d", 2026+i, (27+i)%100)
	}
	row := func(v float64) []float64 {
		xs := make([]float64, years)
		for i := range xs {
			xs[i] = v
		}
		return xs
	}
	none := [][]float64{row(0), row(0)}
	base := builtResults("base", 0, periods, [][]float64{row(5e6), row(5e6)}, none)
	alt := builtResults("alt", 0, periods, [][]float64{row(4e6), row(4e6)}, none)
	nc, err := NetPosition(base, alt, 0.9, d)
	if err != nil {
		t.Fatal(err)
	}
	return nc
}

// TestNPVGreenBookSchedule checks the net present value of a 35-year run against a hand
// computation, to the penny: under the Green Book's schedule years 0 to 30 are discounted at
// 3.5% a year and years 31 to 34 at 3.0% a year on year 30's factor,
//
//	sum over t = 0..30 of £1m/1.035^t + sum over t = 31..34 of £1m/(1.035^30 × 1.03^(t-30))
//	= £20,716,367.32,
//
// and a flat 3.5% gives sum over t = 0..34 of £1m/1.035^t = £20,700,684.23 (both worked out
// to 50 digits with Python's decimal module). A run of 31 years or fewer has no year 31, so
// the schedule and the flat rate give the same figure, bit for bit.
func TestNPVGreenBookSchedule(t *testing.T) {
	pence := func(x float64) float64 { return math.Round(x*100) / 100 }
	for _, tc := range []struct {
		name string
		d    Discount
		want float64
	}{
		{"Green Book", GreenBookDiscount, 20716367.32},
		{"flat 3.5%", FlatDiscount(0.035), 20700684.23},
	} {
		nc := longCase(t, 35, tc.d)
		if got := pence(nc.NPV.Mean); got != tc.want {
			t.Errorf("%s: net present value £%.2f, want £%.2f", tc.name, got, tc.want)
		}
		if nc.Discount != tc.d {
			t.Errorf("%s: the business case says it discounts at %+v, want %+v", tc.name, nc.Discount, tc.d)
		}
	}
	for _, years := range []int{10, 30, 31} {
		book, flat := longCase(t, years, GreenBookDiscount), longCase(t, years, FlatDiscount(GreenBookDiscountRate))
		if book.NPV.Mean != flat.NPV.Mean {
			t.Errorf("%d years: the Green Book's schedule gives %v and a flat 3.5%% %v, want the same", years, book.NPV.Mean, flat.NPV.Mean)
		}
	}
}

// TestDiscountFactor checks the factors of years either side of year 30: the rate from year
// 31 compounds on year 30's factor rather than starting again.
func TestDiscountFactor(t *testing.T) {
	d := GreenBookDiscount
	if got, want := d.Factor(30)/d.Factor(31), 1.03; math.Abs(got-want) > 1e-12 {
		t.Errorf("year 30's factor over year 31's: %v, want %v", got, want)
	}
	if got, want := d.Factor(29)/d.Factor(30), 1.035; math.Abs(got-want) > 1e-12 {
		t.Errorf("year 29's factor over year 30's: %v, want %v", got, want)
	}
	if got := d.Factor(0); got != 1 {
		t.Errorf("year 0's factor: %v, want 1", got)
	}
	if _, err := NetPosition(builtResults("b", 0, []string{"2026/27"}, [][]float64{{1}}, [][]float64{{0}}),
		builtResults("a", 0, []string{"2026/27"}, [][]float64{{1}}, [][]float64{{0}}), 0.9, Discount{Rate: 0.035, From31: -1}); err == nil {
		t.Error("a rate from year 31 of -1 is accepted, want an error")
	}
}
