package scenarios

import (
	"strings"
	"testing"
)

// TestValuesWithWords checks that an amount or a number typed with words after it, in a
// scenario file or --set, is told what to write, as 1,200 and 12% are: a scale in words with
// k, m or bn ("£64 million" is £64m), an amount or a number with what it is for as itself
// ("£900 a week" is £900, "300 a year" is 300), and an amount offered only where its field
// takes it (£900m is no week's price).
func TestValuesWithWords(t *testing.T) {
	for _, tt := range []struct{ set, want string }{
		{"kinds.ifa.weekly_gbp=£1.2 thousand", `kinds.ifa.weekly_gbp: "£1.2 thousand": write £1.2k, with k, m or bn after the number`},
		{"kinds.ifa.weekly_gbp=£900 a week", `kinds.ifa.weekly_gbp: "£900 a week": write £900, the amount alone: this field is £ a week`},
		{"kinds.ifa.weekly_gbp=900pw", `"900pw": write 900, the amount alone`},
		{"kinds.ifa.weekly_gbp=£900 million", `kinds.ifa.weekly_gbp: "£900 million": write the amount with k, m or bn after the number`},
		{"entries.per_year=300 a year", "entries.per_year: must be a number: write 300, the number alone"},
		{"kinds.inhouse_foster.carers.households=20 households", "kinds.inhouse_foster.carers.households: must be a whole number: write 20, the number alone"},
	} {
		_, err := Load("default", []string{tt.set})
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("--set %s: %v, want one problem saying %q", tt.set, err, tt.want)
		}
	}
	for _, tt := range []struct{ in, hint string }{
		{"£64 million", " (write £64m)"},
		{"64mn", " (write 64m)"},
		{"£1,200 a year", " (give the amount alone, for what the field's name says (weekly_gbp a week, per_year_gbp a year, one_off_gbp once))"},
		{"1e6", " (in digits: 1m, not 1e6)"},
		{"£64 zillion", ""},
	} {
		_, err := ParseGBP(tt.in)
		if got := MoneyHintFor(err, "", nil); err == nil || got != tt.hint {
			t.Errorf("ParseGBP(%q): %v, hint %q, want %q", tt.in, err, got, tt.hint)
		}
	}
	// An amount with a period is offered alone only in a field of that period: £50,000 a
	// year is no week's price, and £143 a week no night's.
	for _, tt := range []struct{ in, period, hint string }{
		{"£1,200 a year", "year", " (write £1,200, the amount alone)"},
		{"£1 million a year", "year", " (write £1m, the amount alone)"},
		{"£900 a week", "year", " (that is a weekly amount and this field is £ a year: give the yearly amount)"},
		{"£50,000 a year", "week", " (that is a yearly amount and this field is £ a week: give the weekly amount)"},
		{"£7k a week", "week", " (write £7k, the amount alone)"},
		{"£900 per child", "week", " (this field is £ a week: give the weekly amount alone)"},
	} {
		_, err := ParseGBP(tt.in)
		if got := MoneyHintFor(err, tt.period, nil); err == nil || got != tt.hint {
			t.Errorf("ParseGBP(%q) in a field of £ a %s: %v, hint %q, want %q", tt.in, tt.period, err, got, tt.hint)
		}
	}
	_, err := ParseGBP("-£64 million")
	if got := MoneyHintFor(err, "", func(v float64) bool { return v > 0 }); got != "" {
		t.Errorf("-£64 million, where only an amount above nothing is taken: hint %q, want none", got)
	}
	for _, tt := range []struct {
		in    string
		whole bool
		hint  string
	}{
		{"1,000", true, ": write 1000"},
		{"5%", false, ": write 0.05 for 5%"},
		{"5%", true, ""},
		{"300 a year", false, ": write 300, the number alone"},
	} {
		if got := NumberHint(tt.in, tt.whole); got != tt.hint {
			t.Errorf("NumberHint(%q, %v) = %q, want %q", tt.in, tt.whole, got, tt.hint)
		}
	}
	if !IsCountPath("kinds.inhouse_foster.carers.households") || IsCountPath("entries.per_year") || !IsCountPath("years") {
		t.Errorf("IsCountPath: households %v, entries.per_year %v, years %v", IsCountPath("kinds.inhouse_foster.carers.households"), IsCountPath("entries.per_year"), IsCountPath("years"))
	}
}

// TestAmountPeriodOfField checks that an amount typed with a period is offered alone only in
// a field of that period, in --set and in a scenario file: £50,000 a year in a weekly field
// is not £50,000 a week, nor £143 a week £143 a night.
func TestAmountPeriodOfField(t *testing.T) {
	for _, tt := range []struct{ set, want string }{
		{"kinds.ifa.weekly_gbp=£50,000 a year", `kinds.ifa.weekly_gbp: "£50,000 a year": that is a yearly amount and this field is £ a week: give the weekly amount`},
		{"kinds.ifa.weekly_gbp=£900 a night", `"£900 a night": that is a nightly amount and this field is £ a week: give the weekly amount`},
		{"kinds.ifa.weekly_gbp=£64m a year", `"£64m a year": that is a yearly amount and this field is £ a week`},
		{"kinds.ifa.weekly_gbp=£7k a week", `"£7k a week": write £7k, the amount alone: this field is £ a week`},
		{"uasc.grant_per_night_gbp=£143 a week", `uasc.grant_per_night_gbp: "£143 a week": that is a weekly amount and this field is £ a night: give the nightly amount`},
		{"uasc.grant_per_night_gbp=£143 a night", `"£143 a night": write £143, the amount alone: this field is £ a night`},
	} {
		_, err := Load("default", []string{tt.set})
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("--set %s: %v, want one problem saying %q", tt.set, err, tt.want)
		}
	}
	for _, tt := range []struct{ name, period string }{
		{"kinds.ifa.weekly_gbp.standard", "week"}, {"uasc.grant_per_night_gbp", "night"},
		{"leaving_care_grant_per_week_gbp", "week"}, {"fixed_cost_per_year_gbp", "year"},
		{"one_off_gbp", "once"}, {"recruitment_cost_gbp", "approval"}, {"per_unit_gbp", "unit"}, {"a week", "week"}, {"a bed a year", "year"}, {"a household", ""},
	} {
		if got := PeriodOf(tt.name); got != tt.period {
			t.Errorf("PeriodOf(%q) = %q, want %q", tt.name, got, tt.period)
		}
	}
}

// TestNumberOfferedOnlyWhereTaken checks that a number typed as text is offered only where the
// field takes it: not 1000 of 1,000 for a share or for warmup_years (0 to 50), not a
// percentage as a fraction where the field is no share, and never 0006 for a decimal comma.
func TestNumberOfferedOnlyWhereTaken(t *testing.T) {
	for _, tt := range []struct{ set, want, not string }{
		{"step_down.ready_share.standard=1,000", "step_down.ready_share.standard: must be a number (1,000 is 1000, which this field does not take)", "write 1000"},
		{"warmup_years=1,000", "warmup_years: must be a whole number (1,000 is 1000, which this field does not take)", "write 1000"},
		{"uasc.transfer_threshold_share=0,006", "uasc.transfer_threshold_share: must be a number: a comma is not a decimal point here: for 0.006 write 0.006", "0006"},
		{"uasc.transfer_threshold_share=0,500", "a comma is not a decimal point here: for 0.500 write 0.500", "0500"},
		{"step_down.ready_share.standard=150%", "must be a number (150% is 1.5, which this field does not take)", "write 1.5"},
		{"entries.per_year=5%", "entries.per_year: must be a number: this field is not a share, so takes no %: give the number itself", "0.05"},
		{"step_down.ready_share.standard=50%", "must be a number: write 0.5 for 50%", "does not take"},
		{"entries.per_year=1,000", "entries.per_year: must be a number: write 1000", "does not take"},
		// A + sign before a number that is not one: the number's own problem, not "1,5 more".
		{"step_down.ready_share.standard=+1,5", "step_down.ready_share.standard: must be a number: a comma is not a decimal point here", "more than"},
		{"entries.per_year=+1,5", "entries.per_year: must be a number: a comma is not a decimal point here: for 1.5 write 1.5", "more than"},
	} {
		_, err := Load("default", []string{tt.set})
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.not) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("--set %s: %v, want one problem saying %q, and not %q", tt.set, err, tt.want, tt.not)
		}
	}
	for _, tt := range []struct{ path, text, hint string }{
		{"step_down.ready_share", "1,000", " (1,000 is 1000, which this field does not take)"},
		{"entries.per_year", "1,000", ": write 1000"},
		{"uasc.transfer_threshold_share", "0,006", ": a comma is not a decimal point here: for 0.006 write 0.006"},
		{"entries.per_year", "5%", ": this field is not a share, so takes no %: give the number itself"},
	} {
		if got := NumberHintFor(tt.path, tt.text); got != tt.hint {
			t.Errorf("NumberHintFor(%q, %q) = %q, want %q", tt.path, tt.text, got, tt.hint)
		}
	}
}
