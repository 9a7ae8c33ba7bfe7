package plots

import (
	"math"
	"testing"
)

// TestLevelAndSigned checks how figures and differences read in the command line's and the
// workspace's tables.
func TestLevelAndSigned(t *testing.T) {
	tests := []struct {
		v            float64
		u            Unit
		level, signd string
	}{
		{62_712_000, Money, "£62.7m", "+£62.7m"},
		{950_400, Money, "£950k", "+£950k"},
		{640, Money, "£640", "+£640"},
		{0.6312, Share, "63%", "+63.1 pts"},
		{-0.004, Share, "0%", "-0.4 pts"},
		{3.44, Count, "3", "+3.4"},
		{-112.4, Count, "-112", "-112"},
		// A count of 1,000 or more has its thousands separated, as the region's report writes
		// them: a comparison's "7,650 → 7,653", not "7650 → 7653".
		{7650.2, Count, "7,650", "+7,650"},
		{-11_132, Count, "-11,132", "-11,132"},
		{1_234_567, Count, "1,234,567", "+1,234,567"},
		{999.4, Count, "999", "+999"},
		// A figure that rounds to zero has no sign, nor has its interval's end: not "-0.0" for a
		// tiny negative difference, nor "+0.0" for a tiny positive one.
		{math.Copysign(0, -1), Count, "0", "0.0"},
		{-0.04, Count, "0", "0.0"},
		{0.049, Count, "0", "0.0"},
		{-0.05, Count, "0", "-0.1"},
		{0.3, Count, "0", "+0.3"},
		{-0.4, Count, "0", "-0.4"},
		{-0.0004, Share, "0%", "0.0 pts"},
		{0.0004, Share, "0%", "0.0 pts"},
		{-0.0006, Share, "0%", "-0.1 pts"},
		{math.NaN(), Money, "–", "–"},
	}
	// An amount that rounds to £0 (a residue of rounding, such as a saving on places bought of a
	// year with none) is £0, with no sign, in every form.
	for _, v := range []float64{-2.7e-10, 3.7e-10, math.Copysign(0, -1), 0.4, -0.49} {
		if got := Signed(v, Money); got != "£0" {
			t.Errorf("Signed(%v, Money) = %q, want £0", v, got)
		}
		if got := formatMoney(v); got != "£0" {
			t.Errorf("formatMoney(%v) = %q, want £0", v, got)
		}
		if got := formatSigned(v, true); got != "£0" {
			t.Errorf("formatSigned(%v, true) = %q, want £0", v, got)
		}
	}
	if got := Signed(-950_400, Money); got != "-£950k" {
		t.Errorf("Signed(-950400, Money) = %q, want -£950k", got)
	}
	for _, tt := range tests {
		if got := Level(tt.v, tt.u); got != tt.level {
			t.Errorf("Level(%v, %d) = %q, want %q", tt.v, tt.u, got, tt.level)
		}
		if got := Signed(tt.v, tt.u); got != tt.signd {
			t.Errorf("Signed(%v, %d) = %q, want %q", tt.v, tt.u, got, tt.signd)
		}
	}
}

// TestGBPThousands checks that a billion or more keeps its millions with a thousands comma, as a
// region's total is read: £1,122.1m, not £1122.1m, and a difference in it likewise.
func TestGBPThousands(t *testing.T) {
	for _, tt := range []struct {
		v          float64
		gbp, signd string
	}{
		{1_122_100_000, "£1,122.1m", "+£1,122.1m"}, {999_949_999, "£999.9m", "+£999.9m"}, {999_950_000, "£1,000.0m", "+£1,000.0m"},
		{12_345_678_900_000, "£12,345,678.9m", "+£12,345,678.9m"}, {195_700_000, "£195.7m", "+£195.7m"},
	} {
		if got := GBP(tt.v); got != tt.gbp {
			t.Errorf("GBP(%v) = %q, want %q", tt.v, got, tt.gbp)
		}
		if got := Signed(tt.v, Money); got != tt.signd {
			t.Errorf("Signed(%v, Money) = %q, want %q", tt.v, got, tt.signd)
		}
	}
}

// TestMoneyRoundsUpToTheNextUnit checks that the tables' GBP and the charts' formatMoney write
// an amount that rounds up to the next unit in that unit, and the same way: £999,600 is £1.0m,
// not £1000k, and £999.60 is £1k, not £1000.
func TestMoneyRoundsUpToTheNextUnit(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{999_499, "£999k"}, {999_500, "£1.0m"}, {999_600, "£1.0m"}, {1_000_000, "£1.0m"},
		{999.4, "£999"}, {999.5, "£1k"}, {999.6, "£1k"}, {1_000, "£1k"},
	} {
		if got := GBP(tt.v); got != tt.want {
			t.Errorf("GBP(%v) = %q, want %q", tt.v, got, tt.want)
		}
		if got := formatMoney(tt.v); got != tt.want {
			t.Errorf("formatMoney(%v) = %q, want %q", tt.v, got, tt.want)
		}
		if got, want := Signed(-tt.v, Money), "-"+tt.want; got != want {
			t.Errorf("Signed(%v, Money) = %q, want %q", -tt.v, got, want)
		}
	}
}

// TestLevels checks that two means shown beside their difference read so that the difference
// adds up: "Emergency placements made 7.4 → 6.0, -1.4", not "7 → 6".
func TestLevels(t *testing.T) {
	for _, tt := range []struct {
		base, alt float64
		u         Unit
		want      string
	}{
		{7.4, 6.0, Count, "7.4 → 6.0"},
		{109.2, 103.3, Count, "109.2 → 103.3"},
		{7650.2, 7653.1, Count, "7,650.2 → 7,653.1"},
		{120, 95, Count, "120 → 95"},
		{0.31, 0.29, Share, "31% → 29%"},
		{62_712_000, 61_000_000, Money, "£62.7m → £61.0m"},
	} {
		b, a := Levels(tt.base, tt.alt, tt.u)
		if got := b + " → " + a; got != tt.want {
			t.Errorf("Levels(%v, %v, %d) = %q, want %q", tt.base, tt.alt, tt.u, got, tt.want)
		}
	}
}
