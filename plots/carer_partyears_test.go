package plots

import "testing"

// TestCarerSubtitlePartYears checks that the carer households chart of a run that does not
// start on 1 April says which of its years are part years, averages the households approved
// and deregistered a year over whole years only, and does not call a part year's bars "a year",
// as the spending chart does.
func TestCarerSubtitlePartYears(t *testing.T) {
	data := func(months, years []string, approved []float64) *Data {
		d := &Data{Scenario: "s"}
		for _, m := range months {
			d.Rows = append(d.Rows, Row{Chart: CarerHouseholds, Series: "carer_households", Label: "Carer households", X: m, Mean: 100, P: [5]float64{90, 95, 100, 105, 110}})
		}
		for i, y := range years {
			a := approved[i]
			for _, r := range []Row{
				{Series: "approvals", Label: "Approved", Mean: a},
				{Series: "deregistrations", Label: "Deregistered", Mean: a / 2},
				{Series: "net_change", Label: "Net change", Mean: a / 2, P: [5]float64{0, 0, a / 2, a, a}},
			} {
				r.Chart, r.X = CarerHouseholds, y
				d.Rows = append(d.Rows, r)
			}
		}
		return d
	}
	for _, tc := range []struct {
		name          string
		months, years []string
		approved      []float64
		want, axis    string
	}{
		{"from October, two years", []string{"2026-10-01", "2027-04-01", "2028-09-01"}, []string{"2026/27", "2027/28", "2028/29"}, []float64{10, 20, 10},
			"Carer households stay at about 100 (mean of runs): on average 20 approved and 10 deregistered a year. 2026/27 (from 1 October) and 2028/29 (to 30 September) are part years.",
			"Households (average)"},
		{"from 15 April, one year", []string{"2026-04-15", "2026-05-01", "2027-04-01"}, []string{"2026/27", "2027/28"}, []float64{20, 2},
			"Carer households stay at about 100 (mean of runs): on average 22 approved and 11 deregistered in the run's year, from 15 April 2026 to 14 April 2027. 2026/27 (from 15 April) and 2027/28 (to 14 April) are part years.",
			"Households (average)"},
		{"from April", []string{"2026-04-01", "2028-03-01"}, []string{"2026/27", "2027/28"}, []float64{20, 30},
			"Carer households stay at about 100 (mean of runs): on average 25 approved and 13 deregistered a year.",
			"Households a year (average)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := CarerHouseholdsChart(data(tc.months, tc.years, tc.approved), testSource)
			if err != nil {
				t.Fatal(err)
			}
			if c.Subtitle != tc.want {
				t.Errorf("subtitle\n%s\nwant\n%s", c.Subtitle, tc.want)
			}
			if axis := c.panels[1].p.Y.Label.Text; axis != tc.axis {
				t.Errorf("axis %q, want %q", axis, tc.axis)
			}
		})
	}
}
