package scenarios

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestSensitivityInputsDefault checks the default's inputs: the fields a council's answer rests
// on, each with a range around the scenario's value and a source, and each low and high value
// a scenario that loads with the field at that value.
func TestSensitivityInputsDefault(t *testing.T) {
	s, err := LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	ins := SensitivityInputs(s, 0.2)
	var paths []string
	for _, in := range ins {
		paths = append(paths, in.Path)
	}
	want := []string{
		"entries.per_year", "uasc.per_year", StaysPath,
		"kinds.kinship.weekly_gbp", "kinds.ifa.weekly_gbp.standard", "kinds.ifa.weekly_gbp.complex",
		"kinds.external_residential.weekly_gbp.standard", "kinds.external_residential.weekly_gbp.complex", "kinds.external_residential.weekly_gbp.solo",
		"kinds.supported_accommodation.weekly_gbp.standard", "kinds.supported_accommodation.weekly_gbp.complex",
		"kinds.other_settings.weekly_gbp", "emergency.weekly_gbp",
		"kinds.ifa.capacity_places", "kinds.external_residential.capacity_places", "kinds.supported_accommodation.capacity_places",
		"kinds.inhouse_foster.carers.approvals_per_year", "kinds.inhouse_foster.carers.deregistration_per_year",
		"kinds.specialist_foster.carers.approvals_per_year", "kinds.specialist_foster.carers.deregistration_per_year",
		"step_down.ready_share.standard", "step_down.ready_share.complex", "escalation_share", "inflation_per_year",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("inputs of the default:\n got %q\nwant %q", paths, want)
	}
	for _, in := range ins {
		t.Run(in.Path, func(t *testing.T) {
			if !(in.Low < in.Value && in.Value < in.High) && !(in.Low <= in.Value && in.Value <= in.High && !strings.HasPrefix(in.Source, "A:")) {
				t.Errorf("range %v to %v does not hold the scenario's %v", in.Low, in.High, in.Value)
			}
			if in.Label == "" || in.Source == "" {
				t.Errorf("label %q, source %q: both must be set", in.Label, in.Source)
			}
			for _, v := range []float64{in.Low, in.High} {
				got, err := Load("default", in.Sets(v))
				if err != nil {
					t.Fatalf("at %v: %v", v, err)
				}
				// The loaded scenario's own list gives the value set (a factor of 1 for the
				// stays, which are checked apart).
				if in.Path == StaysPath {
					continue
				}
				i := slices.IndexFunc(SensitivityInputs(got, 0.2), func(o Input) bool { return o.Path == in.Path })
				if i < 0 {
					t.Fatalf("at %v: the scenario no longer has the input", v)
				}
				if o := SensitivityInputs(got, 0.2)[i]; math.Abs(o.Value-v) > 1e-9*v {
					t.Errorf("set to %v, the scenario reads %v", v, o.Value)
				}
			}
		})
	}
}

// TestSensitivityStays checks that the stays input scales every band and mean of every stay
// rule, the stock's too, and keeps a band within the days a scenario allows.
func TestSensitivityStays(t *testing.T) {
	s, err := LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	in := SensitivityInputs(s, 0.2)[2]
	if in.Path != StaysPath || in.Value != 1 || in.Low != 0.8 || in.High != 1.2 {
		t.Fatalf("third input %+v, want the stays at 0.8 to 1.2", in)
	}
	longer, err := Load("default", in.Sets(1.5))
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2][]model.StayRule{{s.Stays, longer.Stays}, {s.StockStays, longer.StockStays}} {
		for i, r := range pair[0] {
			for j, b := range r.Stay.Table {
				want := math.Min(1.5*b.UpToDays, maxStayDays)
				if got := pair[1][i].Stay.Table[j].UpToDays; math.Abs(got-want) > 1e-6 {
					t.Errorf("rule %d band %d: %v days, want %v", i, j, got, want)
				}
			}
		}
	}
	// The default's longest band, 6,574 days, is 9,861 at 1.5 and at most 10,000 at 2.
	if !slices.Contains(in.Sets(2), "stays[3].stay.table[5].up_to_days=10000") {
		t.Errorf("at 2 the sets are %q, want the 6,574-day band kept at 10,000", in.Sets(2))
	}
	lognormal := &model.Scenario{Stays: []model.StayRule{{Stay: model.Distribution{Kind: model.Lognormal, MeanDays: 400, Sigma: 0.5}}}}
	if got := SensitivityInputs(lognormal, 0.2)[0].Sets(0.8); !slices.Equal(got, []string{"stays[0].stay.mean_days=320"}) {
		t.Errorf("a lognormal stay at 0.8: %q", got)
	}
}

// TestSensitivityInputsOnlyWhatTheScenarioHas checks that an input the scenario does not have
// (no UASC, no step-down, no cap) is left out, and that a published range is used only when
// it holds the scenario's value.
func TestSensitivityInputsOnlyWhatTheScenarioHas(t *testing.T) {
	s, err := Load("default", []string{"uasc.per_year=0", "step_down.ready_share=0", "kinds.ifa.capacity_places=unlimited",
		"kinds.external_residential.weekly_gbp.standard=4000", "inflation_per_year=0.1"})
	if err != nil {
		t.Fatal(err)
	}
	ins := SensitivityInputs(s, 0.1)
	// A cap of 2 places at ±10% is 1 to 3 places, not 2 to 2.
	small, err := Load("default", []string{"kinds.supported_accommodation.capacity_places=2"})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range SensitivityInputs(small, 0.1) {
		if in.Path == "kinds.supported_accommodation.capacity_places" && (in.Low != 1 || in.High != 3) {
			t.Errorf("a cap of 2 places: %v to %v, want 1 to 3", in.Low, in.High)
		}
	}
	for _, in := range ins {
		if in.Path == "uasc.per_year" || strings.HasPrefix(in.Path, "step_down.") || in.Path == "kinds.ifa.capacity_places" {
			t.Errorf("input %s listed, but the scenario has none", in.Path)
		}
		switch in.Path {
		case "kinds.external_residential.weekly_gbp.standard":
			if in.Low != 3600 || in.High != 4400 || !strings.HasPrefix(in.Source, "A:") {
				t.Errorf("a residential price of £4,000 outside the published range: %v to %v (%s), want ±10%%", in.Low, in.High, in.Source)
			}
		case "inflation_per_year":
			if math.Abs(in.Low-0.09) > 1e-12 || math.Abs(in.High-0.11) > 1e-12 {
				t.Errorf("inflation of 10%%: %v to %v, want ±10%%", in.Low, in.High)
			}
		}
	}
}

// TestInputFormat checks how values read in each unit.
func TestInputFormat(t *testing.T) {
	for _, tt := range []struct {
		in   Input
		want string
	}{
		{Input{Unit: WeeklyGBP, Low: 4880, High: 7320}, "£4,880 to £7,320 a week"},
		{Input{Unit: PerYear, Low: 16.8, High: 25.2}, "16.8 to 25.2 a year"},
		{Input{Unit: RatePerYear, Low: 0.088, High: 0.132}, "8.8% to 13.2% a year"},
		{Input{Unit: Share, Low: 0.064, High: 0.096}, "6.4% to 9.6%"},
		{Input{Unit: Places, Low: 68, High: 102}, "68 to 102 places"},
		{Input{Unit: Factor, Low: 0.8, High: 1.2}, "80% to 120% of the scenario's"},
		{Input{Unit: PerYear, Low: 1234567, High: 0.0012345}, "1,234,567 to 0.00123 a year"},
	} {
		if got := tt.in.Range(); got != tt.want {
			t.Errorf("Range() = %q, want %q", got, tt.want)
		}
	}
	if got := (Input{Unit: WeeklyGBP}).Format(10500); got != "£10,500 a week" {
		t.Errorf("Format(10500) = %q", got)
	}
}

// Every range's source begins with the prefix the README documents for it: A: for an assumed
// range, D: for one from published figures.
func TestSensitivitySourcePrefixes(t *testing.T) {
	s, err := Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	var published int
	for _, in := range SensitivityInputs(s, 0.2) {
		switch {
		case strings.HasPrefix(in.Source, "A: "):
		case strings.HasPrefix(in.Source, "D: "):
			published++
		default:
			t.Errorf("%s: range_source %q begins with neither A: nor D:", in.Path, in.Source)
		}
	}
	if published == 0 {
		t.Error("no range of the default's inputs is from published figures")
	}
}

// TestSensitivityInputsInPlay checks that a field the scenario sets but never uses is not an
// input, which would rank with a swing of £0, and that SensitivityLeftOut says why: the
// scenario-wide step-down shares when every residential kind that can hold a child has its own
// (block_residential has no beds and nothing contracts any), escalation_share when the age bands
// cover 10 to 17. A block contract, or a band left out, puts them back.
func TestSensitivityInputsInPlay(t *testing.T) {
	own := []string{"kinds.inhouse_home.step_down_ready_share=0.064", "kinds.external_residential.step_down_ready_share=0.065",
		"escalation_by_age=[{ages: 10-15, share: 0.125}, {ages: 16-17, share: 0.043}]"}
	paths := func(sets ...string) ([]string, []string) {
		t.Helper()
		s, err := Load("default", sets)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, in := range SensitivityInputs(s, 0.2) {
			out = append(out, in.Path)
		}
		return out, SensitivityLeftOut(s)
	}
	wide := func(ps []string) bool {
		return slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(p, "step_down.ready_share.") })
	}
	ps, left := paths(own...)
	if wide(ps) || slices.Contains(ps, "escalation_share") {
		t.Errorf("inputs the scenario never uses are varied: %q", ps)
	}
	for _, want := range []string{"kinds.inhouse_home.step_down_ready_share", "kinds.external_residential.step_down_ready_share", "escalation_by_age[0].share", "escalation_by_age[1].share"} {
		if !slices.Contains(ps, want) {
			t.Errorf("%s, which is in play, is not varied: %q", want, ps)
		}
	}
	if len(left) != 2 || !strings.HasPrefix(left[0], "step_down.ready_share: ") || !strings.HasPrefix(left[1], "escalation_share: ") {
		t.Errorf("left out: %q, want a line for step_down.ready_share and one for escalation_share", left)
	}
	ps, left = paths(append(slices.Clone(own[:2]), "escalation_by_age=[{ages: 10-15, share: 0.125}]",
		`interventions=[{action: block_beds, label: Beds, from: 2027-04-01, kind: block_residential, count: 2, fixed_cost_per_year_gbp: 260000}]`)...)
	if !wide(ps) || !slices.Contains(ps, "escalation_share") || len(left) != 0 {
		t.Errorf("with block beds contracted and ages 16-17 in no band, inputs %q, left out %q", ps, left)
	}
	if _, left := paths(); len(left) != 0 {
		t.Errorf("the default leaves out %q", left)
	}
}
