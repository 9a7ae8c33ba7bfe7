package ssda903

import (
	"bytes"
	"strings"
	"testing"
)

// TestCappedSaid checks that every figure the scenario writes at a bound is said, with what the
// estimate gave and the bound, both in the data-quality report's list of figures held to a bound
// and in the comment beside the figure: the la-sample's care leavers' stock (11.0 by the estimate)
// held to a base's 5 places of care leavers' accommodation, its carers' approvals (the base's 0.05
// a year, in proportion, less 2.7 households a year as their children fell) held to none, and
// Bromley's homes_share (the homes' children counted as 2.5 of its group of 7, 0.36) held to the
// one bed of its homes.
func TestCappedSaid(t *testing.T) {
	for _, tc := range []struct {
		sample sample
		// base changes the default scenario the sample is calibrated against.
		base func(*testing.T, *Calibration)
		// said are the report's lines and, by field, what the comment beside it says.
		said     []string
		comments map[string]string
	}{
		{
			sample: samples[0],
			said: []string{
				"- `care_leavers.stock`: the estimate gave 11 young people, held to the 5 places of care_leavers.places.",
				"- `kinds[1].carers.approvals_per_year`: the approvals came to -2.6 a year, held to 0, as approvals are none or more.",
			},
			comments: map[string]string{
				"care_leavers.stock":                 "; 11 by the estimate, held to the accommodation's 5 places (care_leavers.places)",
				"kinds[1].carers.approvals_per_year": "; -2.6 a year by that, held to 0, as approvals are none or more",
			},
		},
		{
			sample: samples[2],
			said: []string{
				"- `stock[2].homes_share`: the homes' children in the group came to a share of 0.36, held to 0.28, as many of the group's 7 children as the homes' fewer than 5 beds hold.",
			},
			comments: map[string]string{
				"stock[2]": ", 0.36 by that, held to 0.28, as many of the group's 7 children as the homes' fewer than 5 beds hold",
			},
		},
	} {
		t.Run(tc.sample.name, func(t *testing.T) {
			base := baseScenario(t)
			if tc.sample.name == "la-sample" {
				base.CareLeavers.Places = 5
				for i := range base.Kinds {
					if base.Kinds[i].Name == "inhouse_foster" {
						base.Kinds[i].Carers.ApprovalsPerYear = 0.05 * float64(base.Kinds[i].Carers.Households) / 27
					}
				}
			}
			ret := readSample(t, tc.sample)
			cal, err := Calibrate(ret, Options{Base: base})
			if err != nil {
				t.Fatal(err)
			}
			_, notes := cal.Scenario(ScenarioOptions{Name: "capped", Extends: "default", Sources: "the sample files"})
			var rep bytes.Buffer
			if err := ret.Quality.WriteReport(&rep); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rep.String(), "\n## Figures held to a bound\n") {
				t.Errorf("the report has no list of figures held to a bound")
			}
			for _, want := range tc.said {
				if !strings.Contains(rep.String(), want) {
					t.Errorf("the report does not say\n%s", want)
				}
			}
			for field, want := range tc.comments {
				if got := notes.Comments[field]; !strings.Contains(got, want) {
					t.Errorf("%s's comment says\n%s\nnot %q", field, got, want)
				}
			}
		})
	}
}
