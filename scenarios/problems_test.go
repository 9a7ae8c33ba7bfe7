package scenarios_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestProblems checks that Problems gives each problem of a file that does not read a line of
// its own, in the order of the file, and an error that joins none alone.
func TestProblems(t *testing.T) {
	const bad = "extends: default\nyears: 0\nentries:\n  per_yaer: 300\n"
	_, parseErr := scenarios.Parse(strings.NewReader(bad), "bad.yaml", nil)
	if parseErr == nil {
		t.Fatal("bad.yaml read without error")
	}
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	for _, tt := range []struct {
		name string
		err  error
		want []string
	}{
		{"a file's problems", parseErr, []string{
			"bad.yaml:2:8: years: must be between 1 and 50 years",
			`bad.yaml:4:3: entries.per_yaer: unknown key "per_yaer" (did you mean per_year?)`,
		}},
		{"one error", a, []string{"a"}},
		{"joins within joins", errors.Join(errors.Join(a, b), c), []string{"a", "b", "c"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range scenarios.Problems(tt.err) {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Problems gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	for _, e := range scenarios.Problems(parseErr) {
		if se := (*scenarios.Error)(nil); !errors.As(e, &se) {
			t.Errorf("%v is not a *scenarios.Error", e)
		}
	}
}

// TestListWrittenAsMapping checks that a file that writes a list (kinds, zones, a kind's homes,
// interventions, a region's councils) as a mapping or a single value is told that once, not
// also of everything the files it extends say of what the list held (the kinds its stock and
// ladders name, the zones its councils are in).
func TestListWrittenAsMapping(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
		region           bool
	}{
		{"kinds as a mapping", "extends: default\nkinds: {ifa: {capacity_places: 10}}\n",
			"plan.yaml:2:8: kinds: must be a list, not a mapping", false},
		{"kinds as a single value", "extends: default\nkinds: ifa\n",
			"plan.yaml:2:8: kinds: must be a list, not a single value", false},
		{"interventions as a mapping", "extends: default\ninterventions: {more: {action: capacity, kind: ifa, count: 10}}\n",
			"plan.yaml:2:16: interventions: must be a list, not a mapping", false},
		{"zones as a mapping", "extends: south-east\nzones: {kent: {x_miles: 0, y_miles: 0}}\n",
			"plan.yaml:2:8: zones: must be a list, not a mapping", true},
		{"councils as a mapping", "extends: south-east\ncouncils: {kent: {zone: kent}}\n",
			"plan.yaml:2:11: councils: must be a list, not a mapping", true},
		{"markets as a mapping", "extends: south-east\nmarkets: {ifa: {}}\n",
			"plan.yaml:2:10: markets: must be a list, not a mapping", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.region {
				_, err = scenarios.ParseRegion(strings.NewReader(tt.text), "plan.yaml", nil)
			} else {
				_, err = scenarios.Parse(strings.NewReader(tt.text), "plan.yaml", nil)
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestHomeOpeningAfterTheRun checks that an open_home whose lead time opens its home after the
// run's last day is refused at its lead_time_days, naming the opening and the run's last day,
// as placesim validate shows it: the home would hold no child and cost nothing in the run.
func TestHomeOpeningAfterTheRun(t *testing.T) {
	const text = "extends: default\ninterventions:\n" +
		"  - {action: open_home, label: Oak home, from: 2026-04-15, kind: inhouse_home, count: 3, lead_time_days: 3640, fixed_cost_per_year_gbp: 825000, name: Oak}\n"
	_, err := scenarios.Parse(strings.NewReader(text), "plan.yaml", nil)
	want := "plan.yaml:3:106: interventions[0].lead_time_days: 3,640 days after its from, 2026-04-15, the home opens on 2036-04-02, " +
		"after the run's last day, 2036-03-31: it would hold no child and cost nothing in the run; " +
		"to see the home open, run 11 years or more (years: 11, or --years 11), or give a lead time of at most 3,638 days"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// A home whose one-off cost falls in the run is said to cost something in it, and the
	// message says how many years would see it open: open-childrens-home run for two years.
	short, err := scenarios.Load("open-childrens-home", nil)
	if err != nil {
		t.Fatal(err)
	}
	short.Years = 2
	want = "interventions[0].lead_time_days: 731 days after its from, 2026-04-01, the home opens on 2028-04-01, " +
		"after the run's last day, 2028-03-31: it would hold no child in the run, though its one-off cost of £1,213,000 on 2027-04-01 falls in it; " +
		"to see the home open, run 3 years or more (years: 3, or --years 3), or give a lead time of at most 730 days"
	if got := fmt.Sprint(short.Validate()); !strings.Contains(got, want) {
		t.Errorf("open-childrens-home over 2 years: got %s\nwant %s", got, want)
	}
	// The longest lead time that opens the home on the run's last day is taken.
	ok := strings.Replace(text, "3640", "3638", 1)
	if _, err := scenarios.Parse(strings.NewReader(ok), "plan.yaml", nil); err != nil {
		t.Errorf("a home opening on the run's last day: %v", err)
	}
}
