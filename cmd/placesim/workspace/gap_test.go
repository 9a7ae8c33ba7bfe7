package workspace

import (
	"html"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestSufficiencyByAgeAddsUp works out the workspace's sufficiency figures for the default
// scenario against itself with 12 more approvals a year, and checks that they add up the way
// the page says: for every age, the empty places that could take a child of that age, those
// approved for other ages and those kept for brothers and sisters are all the empty places;
// waiting is part of need; and the places table's need and empty are the same figures. Means
// over runs add up exactly, so the tolerance is rounding (1e-9).
func TestSufficiencyByAgeAddsUp(t *testing.T) {
	reps := 8
	if testing.Short() {
		reps = 3
	}
	run := func(set ...string) *runOut {
		t.Helper()
		s, err := scenarios.Load("default", set)
		if err != nil {
			t.Fatal(err)
		}
		s.Years = 3
		res, err := sim.Run(s, sim.Options{Reps: reps, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return &runOut{s: s, res: res, reps: reps}
	}
	base := run()
	alt := run("kinds.inhouse_foster.carers.approvals_per_year=40")
	c, err := compareRuns(base, alt, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	h := headlineFigures(c)
	keys := map[string]headlineRow{}
	for _, r := range h.Rows {
		keys[r.Key] = r
	}
	for _, k := range []string{"gap_waiting_inhouse_foster", "gap_empty_inhouse_foster"} {
		if !keys[k].Horizon.Valid {
			t.Errorf("no headline figure %s", k)
		}
	}
	var tables []string
	for _, a := range h.Ages {
		tables = append(tables, a.Kind)
	}
	// The default scenario contracts no block beds and no ladder reaches them first.
	if got := strings.Join(tables, ","); got != "inhouse_foster,specialist_foster,inhouse_home" {
		t.Errorf("sufficiency by age of %s", got)
	}
	const tol = 1e-9
	for _, a := range h.Ages {
		if a.Kind == "inhouse_foster" && (len(a.Rows) != 5 || !a.HasSiblings) {
			t.Errorf("in-house foster care: %d age bands (want 5), siblings %v", len(a.Rows), a.HasSiblings)
		}
		for _, r := range a.Rows {
			for _, base := range []bool{false, true} {
				v := func(f figure) float64 {
					if base {
						return f.BaseMean
					}
					return f.Mean
				}
				sum := v(r.Usable) + v(r.OtherAges)
				// A reason left out of the table holds no place in any run.
				if a.Siblings.Valid {
					sum += v(a.Siblings)
				}
				if a.Solo.Valid {
					sum += v(a.Solo)
				}
				if math.Abs(sum-v(a.Empty)) > tol*math.Max(1, v(a.Empty)) {
					t.Errorf("%s aged %s (baseline %v): empty places by reason add to %v, all empty %v", a.Kind, r.Label, base, sum, v(a.Empty))
				}
				if v(r.Waiting) > v(r.Need)+tol {
					t.Errorf("%s aged %s: %v waiting of %v", a.Kind, r.Label, v(r.Waiting), v(r.Need))
				}
			}
		}
	}
	for _, p := range h.Places[1] {
		if p.Kind != "inhouse_foster" {
			continue
		}
		if !p.Waiting.Valid || !p.Empty.Valid {
			t.Fatal("in-house foster care has no waiting or empty figures")
		}
		if p.Waiting.Mean > p.Needed.Mean || p.Empty.Mean > p.Available.Mean {
			t.Errorf("waiting %v of %v needing it, empty %v of %v places", p.Waiting.Mean, p.Needed.Mean, p.Empty.Mean, p.Available.Mean)
		}
		// More carers: more places, and no more children waiting.
		if p.Available.Diff <= 0 || p.Waiting.Diff > 0 {
			t.Errorf("with more approvals: places change %v, waiting change %v", p.Available.Diff, p.Waiting.Diff)
		}
	}
}

// TestSufficiencyByAgeShown checks that the results pane shows the sufficiency by age and the
// headline figures with the gap's definitions.
func TestSufficiencyByAgeShown(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "g", Values: map[string]string{"approvals": "40"}}, &a)
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	for _, want := range []string{
		`data-figure="gap_waiting_inhouse_foster"`, `data-figure="gap_empty_inhouse_foster"`,
		`data-sufficiency="inhouse_foster"`, `data-age="10 to 15"`, `data-empty="inhouse_foster"`,
		"are kept for the brothers and sisters of a child already there", "<th>placed elsewhere</th>",
		"Children placed elsewhere whose first choice is in-house foster care", "they are not waiting for a place: placesim makes no planned moves",
		// The catalogue's label, naming the kinds of the scenario it counts.
		html.EscapeString("The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end"),
	} {
		if !strings.Contains(a.Results, want) {
			t.Errorf("the results pane has no %s", want)
		}
	}
	for _, not := range []string{"<th>waiting</th>", "Sufficiency gap: children waiting"} {
		if strings.Contains(a.Results, not) {
			t.Errorf("the results pane says %s", not)
		}
	}
	if strings.Contains(a.Results, `data-sufficiency="inhouse_foster"`) {
		table := a.Results[strings.Index(a.Results, `data-sufficiency="inhouse_foster"`):]
		table = table[:strings.Index(table, "</table>")]
		if n := strings.Count(table, "data-age="); n != 5 {
			t.Errorf("%d age bands for in-house foster care, want 5", n)
		}
	}
}

// TestSoloHeldBlockBedsShown checks that the age table of a block-contracted kind says that the
// empty beds of a contract held by a child who must live alone are in a block contract, not only
// "a home or household".
func TestSoloHeldBlockBedsShown(t *testing.T) {
	t.Parallel()
	base, _, dir := testServer(t)
	if err := os.WriteFile(filepath.Join(dir, "solo-block.yaml"), []byte(`name: solo-block
extends: default
entries:
  ages:
    - {ages: 0, share: 0.203, needs: {standard: 1}, male_share: 0.51}
    - {ages: 1-4, share: 0.175, needs: {standard: 1}, male_share: 0.52}
    - {ages: 5-9, share: 0.194, needs: {standard: 0.97, complex: 0.03}, male_share: 0.53}
    - {ages: 10-15, share: 0.312, needs: {standard: 0.5, complex: 0.25, solo: 0.25}, male_share: 0.53}
    - {ages: 16-17, share: 0.116, needs: {standard: 0.5, complex: 0.25, solo: 0.25}, male_share: 0.55}
kinds:
  - name: block_residential
    block_beds:
      - {beds: 3, cost_per_bed_per_year_gbp: 260000}
      - {beds: 2, cost_per_bed_per_year_gbp: 260000}
ladders:
  - who: {needs: [solo]}
    try: [block_residential, external_residential]
  - who: {ages: 16-17, uasc: only}
    try: [supported_accommodation, inhouse_foster, ifa, other_settings, external_residential]
  - who: {ages: 11-17, needs: [complex]}
    try: [specialist_foster, inhouse_home, block_residential, external_residential]
  - who: {ages: 0-10, needs: [complex]}
    try: [ifa, external_residential]
  - who: {ages: 16-17}
    try: [kinship, supported_accommodation, inhouse_foster, ifa, external_residential]
  - who: {ages: 0-11}
    try: [other_settings, kinship, inhouse_foster, ifa, external_residential]
  - who: {ages: 12-15}
    try: [kinship, inhouse_foster, ifa, external_residential]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "b", Base: "solo-block.yaml", Values: map[string]string{}}, &a)
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	i := strings.Index(a.Results, `data-empty="block_residential"`)
	if i < 0 {
		t.Fatalf("the results pane has no empty places of block_residential")
	}
	hint := a.Results[i:]
	hint = hint[:strings.Index(hint, "</p>")]
	if want := "are in a home, household or block contract held by a child who must live alone"; !strings.Contains(hint, want) {
		t.Errorf("block_residential's empty places say\n%s\nwant them to say %q", hint, want)
	}
}

// TestCareLeaversHeadline checks that the results pane shows the young people leaving care
// with no accommodation when a strategy moves them, as the compare command does: capping care
// leavers' accommodation saves money only by leaving more of them with none, which placesim
// prices at nothing. A strategy that leaves them as they are does not show the row.
func TestCareLeaversHeadline(t *testing.T) {
	run := func(set ...string) *runOut {
		t.Helper()
		s, err := scenarios.Load("default", append([]string{"years=2"}, set...))
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(s, sim.Options{Reps: 3, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return &runOut{s: s, res: res, reps: 3}
	}
	base := run()
	for _, tt := range []struct {
		name string
		set  []string
		want bool
	}{
		{"capped", []string{"care_leavers.places=60", "care_leavers.stock=60"}, true},
		{"more approvals", []string{"kinds.inhouse_foster.carers.approvals_per_year=40"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := compareRuns(base, run(tt.set...), 1, false)
			if err != nil {
				t.Fatal(err)
			}
			var row *headlineRow
			rows := headlineFigures(c).Rows
			for i, r := range rows {
				if r.Key == sim.CareLeaversUnmet {
					row = &rows[i]
				}
			}
			if (row != nil) != tt.want {
				t.Fatalf("a row of young people leaving care with no accommodation: %t, want %t", row != nil, tt.want)
			}
			if row != nil && !(row.Horizon.Valid && row.Horizon.Mean > row.Horizon.BaseMean) {
				t.Errorf("capped accommodation: %+v, want more young people with none than the baseline", row.Horizon)
			}
		})
	}
}
