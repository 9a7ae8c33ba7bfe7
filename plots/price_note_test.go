package plots

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// TestPriceNotes checks that the business case says when a strategy's prices rise otherwise
// than its baseline's (its own inflation), and says nothing when they rise alike.
func TestPriceNotes(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	inflation := func(from time.Time, r float64) model.Intervention {
		return model.Intervention{Action: model.Inflation, Label: "Price shock", From: from, Rate: r}
	}
	tests := []struct {
		name      string
		base, alt []model.Intervention
		altRate   float64 // 0: the baseline's
		want      string
	}{
		{"the same prices", nil, nil, 0, ""},
		{"the same inflation change in both", []model.Intervention{inflation(april(2028), 0.08)}, []model.Intervention{inflation(april(2028), 0.08)}, 0, ""},
		{"a change of rate to the same rate", nil, []model.Intervention{inflation(april(2028), 0.03)}, 0, ""},
		{"a change after the run", nil, []model.Intervention{inflation(april(2040), 0.08)}, 0, ""},
		{"the strategy's own inflation", nil, []model.Intervention{inflation(april(2028), 0.08)}, 0,
			"Prices differ from the baseline's: the strategy's inflation is 3% a year, then 8% a year from April 2028; the baseline's is 3% a year. So part of each difference in spending"},
		{"an inflation change the strategy leaves out", []model.Intervention{inflation(april(2027), 0.05)}, nil, 0,
			"the strategy's inflation is 3% a year; the baseline's is 5% a year."},
		{"another inflation_per_year", nil, nil, 0.04, "the strategy's inflation is 4% a year; the baseline's is 3% a year."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base, alt := testScenario(), testScenario()
			base.Interventions, alt.Interventions = tc.base, tc.alt
			if tc.altRate != 0 {
				alt.InflationPerYear = tc.altRate
			}
			got := strings.Join(PriceNotes(base, alt), "\n")
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("PriceNotes = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPriceNoteInPackAndWorkbook checks that the board pack and the workbook say, under the
// business case, that a strategy's prices differ from its baseline's.
func TestPriceNoteInPackAndWorkbook(t *testing.T) {
	base, alt := testScenario(), testScenario()
	base.Interventions = nil
	alt.Name = "strat-infl"
	alt.Interventions = []model.Intervention{{Action: model.Inflation, Label: "Price shock", From: time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC), Rate: 0.08}}
	nc := testCase()
	nc.Scenario = alt.Name
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Cases: []*sim.NetCase{nc}, Level: 0.9, Reps: 200, Seed: 1, Source: "test"}
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	want := "Prices differ from the baseline&#39;s: the strategy&#39;s inflation is 3% a year, then 8% a year from April 2028"
	if !strings.Contains(page.String(), want) {
		t.Errorf("the board pack does not say the strategy's prices differ (%q)", want)
	}
	var book bytes.Buffer
	if err := r.WriteCompareWorkbook(&book); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Business case")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		found = found || (len(row) > 0 && strings.HasPrefix(row[0], "strat-infl: Prices differ from the baseline's: the strategy's inflation is 3% a year, then 8% a year from April 2028"))
	}
	if !found {
		t.Error("the workbook's business case does not say the strategy's prices differ")
	}
}
