package model

import (
	"strings"
	"testing"
	"time"
)

// TestHomeNames checks what validation says of the homes open_home and close_home name: a
// name open_home gives is new to its kind, and a close_home names a home that is open on its
// date and not closed already, since otherwise it would close nothing.
func TestHomeNames(t *testing.T) {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	open := func(name string, from time.Time, leadDays float64) Intervention {
		return Intervention{Action: OpenHome, Kind: 1, Count: 3, From: from, LeadTimeDays: leadDays, Name: name}
	}
	closing := func(name string, from time.Time) Intervention {
		return Intervention{Action: CloseHome, Kind: 1, From: from, Name: name}
	}
	tests := []struct {
		name string
		ivs  []Intervention
		want []string // the problems, in full and in order
	}{
		{"a home at the start closed", []Intervention{closing("Oak House", date(2027, 4, 1))}, nil},
		{"a new home closed after it opens", []Intervention{
			open("Elm", date(2026, 4, 1), 365), closing("Elm", date(2027, 4, 2)),
		}, nil},
		{"a new home closed before it opens", []Intervention{
			open("Elm", date(2026, 4, 1), 3*DaysPerYear), closing("Elm", date(2027, 4, 1)),
		}, []string{"interventions[1].from: 2027-04-01 is not after 2029-03-31, the day interventions[0] opens Elm " +
			"(its from, 2026-04-01, plus its lead_time_days, 1,095.75 days): a home closes only once open, " +
			"so date the close_home after 2029-03-31 (or, to build no home, leave out both)"}},
		{"a new home closed on the day it opens", []Intervention{
			open("Elm", date(2026, 4, 1), 365), closing("Elm", date(2027, 4, 1)),
		}, []string{"interventions[1].from: 2027-04-01 is not after 2027-04-01, the day interventions[0] opens Elm " +
			"(its from, 2026-04-01, plus its lead_time_days, 365 days): a home closes only once open, " +
			"so date the close_home after 2027-04-01 (or, to build no home, leave out both)"}},
		{"a new home closed on the day it opens, part way through", []Intervention{
			open("Elm", date(2026, 4, 1), 365.5), closing("Elm", date(2027, 4, 1)),
		}, []string{"interventions[1].from: 2027-04-01 is not after 2027-04-01, the day interventions[0] opens Elm " +
			"(its from, 2026-04-01, plus its lead_time_days, 365.5 days): a home closes only once open, " +
			"so date the close_home after 2027-04-01 (or, to build no home, leave out both)"}},
		{"a new home closed the day after it opens, part way through", []Intervention{
			open("Elm", date(2026, 4, 1), 365.5), closing("Elm", date(2027, 4, 2)),
		}, nil},
		{"a home closed before the open_home that opens it in the list", []Intervention{
			closing("Elm", date(2028, 4, 1)), open("Elm", date(2026, 4, 1), 0),
		}, nil},
		// A home that opens after the run houses no child and costs nothing in it.
		{"a new home that opens after the run", []Intervention{open("Elm", date(2026, 4, 15), 3640)},
			[]string{"interventions[0].lead_time_days: 3,640 days after its from, 2026-04-15, the home opens on 2036-04-02, " +
				"after the run's last day, 2031-03-31: it would hold no child and cost nothing in the run; " +
				"to see the home open, run 11 years or more (years: 11, or --years 11), or give a lead time of at most 1,811 days"}},
		{"a new home that opens as the run ends", []Intervention{open("Elm", date(2026, 4, 1), 1826)},
			[]string{"interventions[0].lead_time_days: 1,826 days after its from, 2026-04-01, the home opens on 2031-04-01, " +
				"after the run's last day, 2031-03-31: it would hold no child and cost nothing in the run; " +
				"to see the home open, run 6 years or more (years: 6, or --years 6), or give a lead time of at most 1,825 days"}},
		{"a new home that opens on the run's last day", []Intervention{open("Elm", date(2026, 4, 1), 1825)}, nil},
		{"a home the kind has at the start opened again", []Intervention{open("Oak House", date(2026, 4, 1), 0)},
			[]string{`interventions[0].name: "Oak House" is already the name of one of inhouse_home's homes at the start: give the new home a name of its own`}},
		{"two open_homes of one name", []Intervention{
			open("Elm", date(2026, 4, 1), 0), open("Elm", date(2027, 4, 1), 0), closing("Elm", date(2028, 4, 1)),
		}, []string{`interventions[1].name: "Elm" is already the name of the home interventions[0] opens: give each open_home's home a name of its own`}},
		{"two open_homes without a name", []Intervention{open("", date(2026, 4, 1), 0), open("", date(2027, 4, 1), 0)}, nil},
		{"a name of another kind's home", []Intervention{open("Pine House", date(2026, 4, 1), 0)}, nil},
		{"a home closed twice", []Intervention{
			closing("Oak House", date(2028, 4, 1)), closing("Oak House", date(2027, 4, 1)), closing("Oak House", date(2027, 4, 1)),
		}, []string{
			`interventions[0].name: "Oak House" is closed already, by interventions[1] on 2027-04-01: a home closes once, so leave out one of the two`,
			`interventions[2].name: "Oak House" is closed already, by interventions[1] on 2027-04-01: a home closes once, so leave out one of the two`,
		}},
		{"a home no open_home opens", []Intervention{closing("Elm", date(2027, 4, 1))},
			[]string{"interventions[0].name: names no home of inhouse_home (its homes and the homes opened by interventions)"}},
		{"a home of another kind", []Intervention{closing("Pine House", date(2027, 4, 1))},
			[]string{"interventions[0].name: names no home of inhouse_home (its homes and the homes opened by interventions)"}},
		{"no name", []Intervention{closing("", date(2027, 4, 1))},
			[]string{"interventions[0].name: names no home of inhouse_home (its homes and the homes opened by interventions)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			s.Years = 5
			s.Kinds = append(s.Kinds,
				Kind{Name: "inhouse_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "Oak House", Beds: 4}}},
				Kind{Name: "other_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "Pine House", Beds: 4}}})
			s.Interventions = tt.ivs
			var got []string
			for _, p := range s.Validate() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestHomesNamedAlike checks that a kind's homes at the start have names of their own, since
// a close_home closes a home by its name; homes without a name, and homes of two kinds named
// alike, are allowed.
func TestHomesNamedAlike(t *testing.T) {
	tests := []struct {
		name  string
		homes [2][]Home
		want  []string
	}{
		{"names of their own", [2][]Home{{{Name: "Oak House", Beds: 4}, {Name: "Elm", Beds: 2}}, {{Name: "Pine House", Beds: 4}}}, nil},
		{"two named alike", [2][]Home{{{Name: "Elm", Beds: 4}, {Name: "Oak House", Beds: 2}, {Name: "Elm", Beds: 3}}, nil},
			[]string{`kinds[1].homes[2].name: "Elm" is the name of kinds[1].homes[0] too: give each home a name of its own`}},
		{"two without a name", [2][]Home{{{Beds: 4}, {Beds: 2}}, nil}, nil},
		{"one name in two kinds", [2][]Home{{{Name: "Elm", Beds: 4}}, {{Name: "Elm", Beds: 2}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			s.Kinds = append(s.Kinds,
				Kind{Name: "inhouse_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: tt.homes[0]},
				Kind{Name: "other_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: tt.homes[1]})
			var got []string
			for _, p := range s.Validate() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestStockHomesShareWithoutHomes checks that a stock group's homes_share is refused where the
// scenario has no homes of its own with beds to start its children in.
func TestStockHomesShareWithoutHomes(t *testing.T) {
	s := minimal()
	s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{FromYears: 10, ToYears: 17}, Count: 5, NeedShares: [NumNeeds]float64{1}, MaleShare: 0.5, HomesShare: 0.2}}
	var got []string
	for _, p := range s.Validate() {
		got = append(got, p.Error())
	}
	want := "stock[0].homes_share: must be 0: the scenario has no homes of its own (a kind of supply homes with beds) to start the group's children in"
	if strings.Join(got, "\n") != want {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestStockHomesShareRunningTotal checks that the children the homes_share of earlier groups
// places in the council's own homes count against the beds: two groups each filling the 4 free
// beds are refused together, at the second, and scaling lowers the second's share to 0.
func TestStockHomesShareRunningTotal(t *testing.T) {
	two := func() *Scenario {
		s := minimal()
		s.Kinds = append(s.Kinds, Kind{Name: "inhouse_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "Oak House", Beds: 4}}})
		g := StockGroup{Kind: 0, Ages: AgeRange{FromYears: 10, ToYears: 17}, Count: 8, NeedShares: [NumNeeds]float64{1}, MaleShare: 0.5, HomesShare: 0.5}
		s.Stock = []StockGroup{g, g}
		return s
	}
	var got []string
	for _, p := range two().Validate() {
		got = append(got, p.Error())
	}
	want := "stock[1].homes_share: 0.5 of 8 children is 4 in the council's own homes (inhouse_home), more than the 0 beds left by the 4 children the homes_share of the groups before it places there"
	if strings.Join(got, "\n") != want {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	s := two()
	FitHomesShares(s)
	if a, b := s.Stock[0].HomesShare, s.Stock[1].HomesShare; a != 0.5 || b != 0 {
		t.Errorf("fitted homes_share %v and %v, want 0.5 and 0 (the first fills the 4 beds)", a, b)
	}
	if ps := s.Validate(); len(ps) > 0 {
		t.Errorf("fitted: %v", ps)
	}
}

// TestOpensAfterLongestRun checks that a home whose lead time opens it after a run of the
// most years there can be is advised only a shorter lead time, not a run longer than allowed.
func TestOpensAfterLongestRun(t *testing.T) {
	s := minimal()
	s.Years = 45
	s.Kinds = append(s.Kinds, Kind{Name: "inhouse_home", Category: Residential, Supply: Homes, Accepts: Everyone, Homes: []Home{{Name: "Oak House", Beds: 4}}})
	s.Interventions = []Intervention{{Action: OpenHome, Kind: 1, Count: 3, From: s.Start.AddDate(44, 0, 0), LeadTimeDays: 3650, Name: "Elm"}}
	var got []string
	for _, p := range s.Validate() {
		got = append(got, p.Error())
	}
	want := "interventions[0].lead_time_days: 3,650 days after its from, 2070-04-01, the home opens on 2080-03-29, after the run's last day, 2071-03-31: " +
		"it would hold no child and cost nothing in the run; to see the home open, give a lead time of at most 364 days"
	if strings.Join(got, "\n") != want {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
