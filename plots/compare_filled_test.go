package plots_test

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestComparePackPlacesFilled checks that a comparison's board pack gives, beside Ofsted's
// figures on the places kept for brothers and sisters, the baseline's and the strategy's own
// share of in-house foster places filled on an average day, each as its run's results give
// it (occupied_inhouse_foster over places_inhouse_foster, the ratio of their totals over the
// runs), as a run's report does.
func TestComparePackPlacesFilled(t *testing.T) {
	run := func(name string, sets ...string) *sim.Results {
		s, err := scenarios.Load("default", append([]string{"years=2"}, sets...))
		if err != nil {
			t.Fatal(err)
		}
		s.Name = name
		res, err := sim.Run(s, sim.Options{Reps: 4, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	base, alt := run("default"), run("fewer-kept", "kinds.inhouse_foster.carers.sibling_only_share=0.3")
	diffs, err := sim.Compare(base, alt, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	var rows []plots.CompareRow
	for _, d := range diffs {
		rows = append(rows, plots.CompareRow{Scenario: alt.Scenario.Name, Baseline: base.Scenario.Name, Period: d.Period, KPI: d.KPI,
			BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: 4})
	}
	r := plots.CompareReport{Baseline: base.Scenario, Scenarios: []*model.Scenario{alt.Scenario}, Rows: rows, Level: 0.9, Reps: 4, Seed: 1, Source: "test"}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(b.String())
	share := func(res *sim.Results) float64 {
		all := len(res.Periods) - 1
		sum := func(kpi string) float64 {
			var v float64
			for _, x := range res.KPI(all, slices.Index(res.KPIs, kpi)) {
				v += x
			}
			return v
		}
		return sum(sim.OccupiedKPI("inhouse_foster")) / sum(sim.PlacesOf("inhouse_foster"))
	}
	bs, as := share(base), share(alt)
	if fmt.Sprintf("%.0f", 100*bs) == fmt.Sprintf("%.0f", 100*as) {
		t.Fatalf("the baseline and the strategy both fill %.0f%% of their places: the test cannot tell them apart", 100*bs)
	}
	want := fmt.Sprintf(`mainstream places); in these runs, the baseline "default" has %.0f%% of its places in in-house foster care filled on an average day `+
		`and the strategy "fewer-kept" %.0f%% (the children placed there over its places, over the whole run). Ofsted's 17.6%%`, 100*bs, 100*as)
	if !strings.Contains(page, want) {
		t.Errorf("the board pack does not say %q", want)
	}
}
