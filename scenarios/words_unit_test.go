package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// TestAmountPeriodOfDocumentedUnit checks that an amount typed with a period into a field of
// money whose name says no period is told what the field takes from the unit its range
// documents (paid once, an approval), not only what a field's name might say.
func TestAmountPeriodOfDocumentedUnit(t *testing.T) {
	const file = "extends: default\ninterventions:\n" +
		"  - {action: extra_approvals, kind: inhouse_foster, per_year: 6, from: 2027-04-01, to: 2029-03-31, recruitment_cost_gbp: \"%s\", cost: {one_off_gbp: \"%s\"}}\n"
	for _, tt := range []struct{ recruit, oneOff, want string }{
		{"12000", "£500,000 a year", `interventions[0].cost.one_off_gbp: "£500,000 a year": that is a yearly amount and this field is £ paid once: give the amount paid once`},
		{"£12,000 a week", "0", `interventions[0].recruitment_cost_gbp: "£12,000 a week": that is a weekly amount and this field is £ an approval: give the amount for one approval`},
		{"£12,000 an approval", "0", `interventions[0].recruitment_cost_gbp: "£12,000 an approval": write £12,000, the amount alone: this field is £ an approval`},
	} {
		_, err := Parse(strings.NewReader(fmt.Sprintf(file, tt.recruit, tt.oneOff)), "s.yaml", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("recruitment %s, one-off %s: %v, want %q", tt.recruit, tt.oneOff, err, tt.want)
		}
	}
}

// TestUnderscoreAmountOutOfRange checks that an amount written with _ between its digits that
// the field refuses without them is told both what the _ is and the field's range, in a file
// and in --set alike, not only to write it without _.
func TestUnderscoreAmountOutOfRange(t *testing.T) {
	want := `"£1_000_000" is £1000000 written with _ between its digits, which this field does not take: it must be between £0 and £100,000 a week`
	_, err := Load("default", []string{"emergency.weekly_gbp=£1_000_000"})
	if err == nil || !strings.Contains(err.Error(), "emergency.weekly_gbp: "+want) {
		t.Errorf("--set emergency.weekly_gbp=£1_000_000: %v\nwant %s", err, want)
	}
	_, err = Parse(strings.NewReader("extends: default\nemergency: {weekly_gbp: \"£1_000_000\"}\n"), "s.yaml", nil)
	if err == nil || !strings.Contains(err.Error(), "emergency.weekly_gbp: "+want) {
		t.Errorf("a file's weekly_gbp: \"£1_000_000\": %v\nwant %s", err, want)
	}
	// Within the range, the amount without _ is offered, as before.
	if _, err := Load("default", []string{"emergency.weekly_gbp=£1_000"}); err == nil || !strings.Contains(err.Error(), `"£1_000": write £1000, without _`) {
		t.Errorf("--set emergency.weekly_gbp=£1_000: %v", err)
	}
	if got, want := MoneyHintForPath(underscoreError{typed: "£1_000_000", offer: "£1000000"}, "emergency.weekly_gbp"), " ("+want+")"; got != want {
		t.Errorf("MoneyHintForPath of £1_000_000: %q, want %q", got, want)
	}
}

// TestUnderscoreNumberOutOfRange checks that a plain number written with _ between its digits
// that the field refuses without them is told both what the _ is and the field's range, as an
// amount of money is, in --set, a file and NumberHintFor (--vary) alike, a count and a number
// alike; and that within the range it is offered without its _, as before.
func TestUnderscoreNumberOutOfRange(t *testing.T) {
	for _, tt := range []struct{ set, want string }{
		{"kinds.inhouse_foster.carers.households=1_000_000", `kinds.inhouse_foster.carers.households: "1_000_000" is 1000000 written with _ between its digits, which this field does not take: it must be between 0 and 100,000 households`},
		{"entries.per_year=1_000_000", `entries.per_year: "1_000_000" is 1000000 written with _ between its digits, which this field does not take: it must be between 0 and 100,000 children a year`},
		{"kinds.inhouse_foster.carers.households=1_0", "kinds.inhouse_foster.carers.households: must be a whole number: write 10, without _"},
		{"entries.per_year=1_000", "entries.per_year: must be a number: write 1000, without _"},
	} {
		_, err := Load("default", []string{tt.set})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--set %s: %v\nwant %s", tt.set, err, tt.want)
		}
	}
	_, err := Parse(strings.NewReader("extends: default\nwarmup_years: 1_000\n"), "s.yaml", nil)
	if want := `s.yaml:2:15: warmup_years: "1_000" is 1000 written with _ between its digits, which this field does not take: it must be between 0 and 50 years`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a file's warmup_years: 1_000: %v\nwant %s", err, want)
	}
	if got, want := NumberHintFor("entries.per_year", "1_000_000"), ` ("1_000_000" is 1000000 written with _ between its digits, which this field does not take: it must be between 0 and 100,000 children a year)`; got != want {
		t.Errorf("NumberHintFor of 1_000_000: %q, want %q", got, want)
	}
	if got, want := NumberHintFor("entries.per_year", "1_000"), ": write 1000, without _"; got != want {
		t.Errorf("NumberHintFor of 1_000: %q, want %q", got, want)
	}
}

// TestPercentInDocumentedShare checks that a percentage typed into a field whose range is
// documented as a share is offered as a fraction, though its name does not say "share" or
// "rate" (a region's pricing threshold and its councils' own placements outside their area),
// not told that the field is not a share.
func TestPercentInDocumentedShare(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"extends: south-east\nown_placements:\n  - {kind: kinship, outside_within_20_miles: 22%, outside_over_20_miles: 0.76}\n",
			"own_placements[0].outside_within_20_miles: must be a number: write 0.22 for 22%"},
		{"extends: south-east\nmarkets:\n  - kind: ifa\n    pricing: {threshold: 85%}\n",
			"markets[0].pricing.threshold: must be a number: write 0.85 for 85%"},
	} {
		_, err := ParseRegion(strings.NewReader(tt.file), "r.yaml", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant %s", tt.file, err, tt.want)
		}
	}
	for path, want := range map[string]bool{"markets[0].pricing.threshold": true, "own_placements[2].outside_over_20_miles": true,
		"kinds.ifa.unavailable_share.complex": true, "kinds.ifa.carers.places_mix.2": true, "entries.per_year": false, "markets[0].pricing.urgent_premium": true} {
		if got := IsFractionPath(path); got != want {
			t.Errorf("IsFractionPath(%q) = %v, want %v", path, got, want)
		}
	}
}
