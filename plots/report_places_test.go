package plots

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestReportHomesAtStart reads the run report's places of the council's own homes at the start
// when a close_home closes one of them: a home that closes on the first day, or in the
// warm-up before it, is not among the places the council starts with, and the row says why.
// A kind of one home, or of one bed, says so in the singular ("1 home, 4 beds").
func TestReportHomesAtStart(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	closes := func(name string, on time.Time) model.Intervention {
		return model.Intervention{Action: model.CloseHome, Kind: 2, Name: name, From: on}
	}
	for _, tc := range []struct {
		name  string
		homes []model.Home // the kind's homes; nil: Oak House (4 beds) and Elm Lodge (1 bed)
		ivs   []model.Intervention
		want  string
	}{
		{"no home closes", nil, nil, "2 homes, 5 beds"},
		{"one home", []model.Home{{Name: "Oak House", Beds: 4}}, nil, "1 home, 4 beds"},
		{"one home of one bed", []model.Home{{Name: "Elm Lodge", Beds: 1}}, nil, "1 home, 1 bed"},
		{"a home closes on the first day", nil, []model.Intervention{closes("Oak House", day(2026, 4, 1))},
			"1 home, 1 bed, after Oak House (4 beds) closes on the first day (1 April 2026)"},
		{"a home closes on the second day", nil, []model.Intervention{closes("Oak House", day(2026, 4, 2))}, "2 homes, 5 beds"},
		{"a home closes in the warm-up", nil, []model.Intervention{closes("Elm Lodge", day(2025, 6, 1))},
			"1 home, 4 beds, after Elm Lodge (1 bed) closed on 1 June 2025, in the warm-up"},
		{"both close", nil, []model.Intervention{closes("Elm Lodge", day(2026, 4, 1)), closes("Oak House", day(2026, 4, 1))},
			"0 homes, 0 beds, after Oak House (4 beds) closes on the first day (1 April 2026) and Elm Lodge (1 bed) closes on the first day (1 April 2026)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testScenario()
			s.WarmupYears = 2
			s.Kinds[2].Homes = append(s.Kinds[2].Homes, model.Home{Name: "Elm Lodge", Beds: 1})
			if tc.homes != nil {
				s.Kinds[2].Homes = tc.homes
			}
			s.Interventions = tc.ivs
			var b bytes.Buffer
			if err := (&Report{Scenario: s, Source: testSource}).WriteHTML(&b); err != nil {
				t.Fatal(err)
			}
			_, row, _ := strings.Cut(b.String(), `<tr><th scope="row" class="row">In-house children&#39;s homes</th>`)
			row, _, _ = strings.Cut(row, "</tr>")
			_, got, _ := strings.Cut(row, "</td><td>")
			if got = html.UnescapeString(strings.TrimSuffix(got, "</td>")); got != tc.want {
				t.Errorf("places at the start: %q, want %q", got, tc.want)
			}
		})
	}
}
