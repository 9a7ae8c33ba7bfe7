package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDays(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  string
	}{
		{"273", 273, ""},
		{"273 days", 273, ""},
		{"1 day", 1, ""},
		{"39 weeks", 273, ""},
		{"8 months", 8 * 365.25 / 12, ""},
		{"2 years", 730.5, ""},
		{"1.5 years", 547.875, ""},
		{"  3 Weeks ", 21, ""},
		{"8 fortnights", 0, `unknown unit "fortnights"`},
		{"two years", 0, "must be a number of days or a duration"},
		{"", 0, "must be a number of days or a duration"},
		{"NaN", 0, "must be a number of days or a duration"},
		{"1_0", 0, `"1_0" is neither`},
		{"0x1p4", 0, `"0x1p4" is neither`},
		{"0x1p4 days", 0, `"0x1p4 days" is neither`},
		{"Inf", 0, "must be a number of days or a duration"},
		{"1e3", 0, `"1e3" has an exponent, which a duration written as text may not: write 1000, or 1e3 without the quotes`},
		{"2.5E-1", 0, `write 0.25, or 2.5E-1 without the quotes`},
		{"+5", 0, `"+5": a + sign reads as a change in the workspace (5 more than the baseline's value); here give the value itself, such as 5`},
		{"+2 years", 0, `"+2 years": a + sign reads as a change`},
		{"+-5", 0, `"+-5" has both a + and a - sign: it is neither a value nor a change of one; give the value itself`},
		{"-5", -5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDays(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseDays(%q) error %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseDays(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseGBP(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  string
	}{
		{"650", 650, ""},
		{"£650", 650, ""},
		{"£12,000", 12000, ""},
		{"£1,100,000.50", 1100000.5, ""},
		{"£1.1m", 1100000, ""},
		{"1.1m", 1100000, ""},
		{"£40k", 40000, ""},
		{"£2bn", 2e9, ""},
		{"-£5", -5, ""},
		{"£ 300", 300, ""},
		{"£12,00", 0, "must be an amount in pounds"},
		{"€900", 0, "must be an amount in pounds"},
		{"£5 quid", 0, `unknown unit "quid"`},
		{"£5x", 0, `unknown unit "x"`},
		{"", 0, "must be an amount in pounds"},
		// The forms --budget and --target took before they read money as scenario files do.
		{".5m", 500000, ""},
		{"£.5k", 500, ""},
		{"5.k", 5000, ""},
		{"1.20M", 1200000, ""},
		{"£64.60K", 64600, ""},
		{"2BN", 2e9, ""},
		{"£-5", -5, ""},
		{"0.001", 0.001, ""},
		{"1e6", 0, "has an exponent"},
		{"1.5e3k", 0, "has an exponent"},
		{"-£-5", 0, "must be an amount in pounds"},
		// A + sign makes an amount a change in the workspace (+£50 is £50 more): read as the
		// amount itself here, it would quietly set £50.
		{"+£50", 0, `"+£50": a + sign reads as a change in the workspace (£50 more than the baseline's value); here give the value itself, such as £50`},
		{"£+50", 0, `such as £50`},
		{"+ 50k", 0, `such as 50k`},
		{"+", 0, `"+": a + sign alone is no value; give the value itself`},
		{"£+", 0, `"£+": a + sign alone is no value; give the value itself`},
		{"-£+5", 0, "has both a + and a - sign: it is neither a value nor a change of one; give the value itself, such as -£5"},
		{"£.", 0, "must be an amount in pounds"},
		{".", 0, "must be an amount in pounds"},
		{"6_4m", 0, `"6_4m": write 64m, without _`}, // refused, with what to write, as 1_0 is
		{"1" + strings.Repeat("0", 400), 0, "must be an amount in pounds"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseGBP(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseGBP(%q) error %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseGBP(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestUnitsInFiles checks that duration and money fields take units, and that a number where a
// unit is wrong is reported at its position.
func TestUnitsInFiles(t *testing.T) {
	s := load(t, "default",
		"kinds.inhouse_foster.carers.assessment_days=8 months",
		"kinds.inhouse_home.homes[0].fixed_cost_per_year_gbp=£1.25m",
		"emergency.weekly_gbp=£12,500",
		"step_down.review_days=13 weeks")
	pool := s.Kinds[1].Carers
	if pool.AssessmentDays != 243.5 {
		t.Errorf("assessment_days = %v, want 243.5", pool.AssessmentDays)
	}
	if got := s.Kinds[4].Homes[0].FixedCostPerYearGBP; got != 1250000 {
		t.Errorf("fixed_cost_per_year_gbp = %v, want 1250000", got)
	}
	if s.Emergency.WeeklyCostGBP != 12500 || s.StepDown.ReviewDays != 91 {
		t.Errorf("emergency %v, review %v; want 12500 and 91", s.Emergency.WeeklyCostGBP, s.StepDown.ReviewDays)
	}
	_, err := Load("default", []string{"emergency.retry_days=2 fortnights"})
	wantErr(t, err, `--set emergency.retry_days=2 fortnights: emergency.retry_days: unknown unit "fortnights"`)
}

// TestMoneyExponentEverywhere checks that an amount in pounds with an exponent is refused in
// every form, with one message and its place: a number YAML reads as one (weekly_gbp: 1e2,
// or --set ...=1e2) had been taken as 100, while "1e2" in quotes and 1e400 were refused.
func TestMoneyExponentEverywhere(t *testing.T) {
	const msg = "has an exponent, which an amount in pounds may not: write it in digits, with k, m or bn (1m, not 1e6)"
	for _, tt := range []struct{ file, want string }{
		{"staying_put:\n  weekly_gbp: 1e2\n", `x.yaml:3:15: staying_put.weekly_gbp: "1e2" ` + msg},
		{"staying_put:\n  weekly_gbp: \"1e2\"\n", `x.yaml:3:15: staying_put.weekly_gbp: "1e2" ` + msg},
		{"emergency:\n  weekly_gbp: 1.05E+4\n", `x.yaml:3:15: emergency.weekly_gbp: "1.05E+4" ` + msg},
		{"kinds:\n  - name: ifa\n    weekly_gbp: {standard: 9.5e2}\n", `x.yaml:4:28: kinds[0].weekly_gbp.standard: "9.5e2" ` + msg},
	} {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Load(filepath.Join(writeFiles(t, map[string]string{"x.yaml": "extends: default\n" + tt.file}), "x.yaml"), nil)
			wantErr(t, err, tt.want)
		})
	}
	for _, set := range []string{"staying_put.weekly_gbp=1e2", "staying_put.weekly_gbp=1e400", "kinds.ifa.weekly_gbp.standard=9.5e2"} {
		t.Run(set, func(t *testing.T) {
			_, err := Load("default", []string{set})
			wantErr(t, err, "--set "+set+": ", msg)
		})
	}
}

// TestIsMoneyPath checks that the fields a --set reads as money, and only those, are known as
// money by path.
func TestIsMoneyPath(t *testing.T) {
	for path, want := range map[string]bool{
		"emergency.weekly_gbp":                                true,
		"kinds.ifa.weekly_gbp":                                true,
		"kinds.ifa.weekly_gbp.standard":                       true,
		"kinds.inhouse_home.homes[0].fixed_cost_per_year_gbp": true,
		"interventions[0].weekly_gbp":                         true,
		"entries.per_year":                                    false,
		"kinds.inhouse_foster.carers.approvals_per_year":      false,
		"emergency":           false,
		"nonsense.weekly_gbp": false,
		"":                    false,
	} {
		if got := IsMoneyPath(path); got != want {
			t.Errorf("IsMoneyPath(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestSetMoneyForms checks that --set takes every form of money the command line's flags
// take: a leading point (.5k) and a scale in capitals.
func TestSetMoneyForms(t *testing.T) {
	for in, want := range map[string]float64{".5k": 500, "£9.5K": 9500, "£9,500": 9500, "0.0095M": 9500} {
		s := load(t, "default", "emergency.weekly_gbp="+in)
		if got := s.Emergency.WeeklyCostGBP; got != want {
			t.Errorf("--set emergency.weekly_gbp=%s: %v, want %v", in, got, want)
		}
	}
}
