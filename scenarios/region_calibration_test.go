package scenarios_test

import (
	"flag"
	"math"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

var calibrationReps = flag.Int("calibration-reps", 10, "replications of the built-in region in TestSouthEastCalibration")

// TestSouthEastCalibration checks that the built-in region, south-east.yaml, reproduces the
// published figures its markets are calibrated to, in its first reported year (2026/27):
// each figure's band is stated beside it with its source, and why it is that wide. A few
// replications (10, seed 1; -calibration-reps for more) keep it short, a second of CPU: the
// homes' occupancy and out-of-area shares vary most, by about 3 points from one replication
// to the next, so the mean of 10 lies within about 2 points of the mean of many, and each
// band leaves that room around the published figure.
func TestSouthEastCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built-in region for a year (-short skips it)")
	}
	reg, err := scenarios.LoadRegion("south-east", []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.RunRegion(reg, sim.Options{Reps: *calibrationReps, Seed: 1, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	const year = "2026/27"
	// kpi is KPI name of res in the first year, one value for each replication.
	kpi := func(res *sim.Results, name string) []float64 {
		t.Helper()
		xs := res.KPIValues(year, name)
		if len(xs) == 0 {
			t.Fatalf("%s has no KPI %s in %s", res.Scenario.Name, name, year)
		}
		return xs
	}
	// per is a over b, replication by replication.
	per := func(a, b []float64) []float64 {
		out := make([]float64, len(a))
		for i := range a {
			out[i] = a[i] / b[i]
		}
		return out
	}
	tot := rr.Total
	const homes = "external_residential"

	inCare := kpi(tot, sim.ChildrenInCare)
	// One council's own figure, shown and not tested (a council is too small for a band of a
	// few points): the Isle of Wight placed 39% of its children off the Island in March 2024
	// (the council, as reported by OnTheWight).
	for _, c := range rr.Councils {
		if c.Scenario.Name == "isle-of-wight" {
			m, half := meanAndHalfWidth(kpi(c, sim.OutOfAreaShare))
			t.Logf("%-55s %5.1f%% ± %.1f  (the council: 39%%, of all placements)", "Isle of Wight's children placed off the Island", 100*m, 100*half)
		}
	}

	for _, kind := range []string{"ifa", homes} {
		o, _ := meanAndHalfWidth(kpi(tot, sim.MarketOutOfAreaShare(kind)))
		f, _ := meanAndHalfWidth(kpi(tot, sim.MarketOver20MilesShare(kind)))
		t.Logf("%-55s %5.1f%% outside their council, %5.1f%% over 20 miles", "children in the shared market "+kind, 100*o, 100*f)
	}

	for _, f := range []struct {
		name     string
		got      []float64
		low, hig float64
		why      string
	}{
		// ICHA State of the Sector 2020: 80-85% average occupancy of its members' homes; no
		// official figure. Band: ICHA's range, widened by 2 points each way for the
		// replications' spread and a first year's drift.
		{"children's homes occupancy", kpi(tot, sim.MarketOccupancy(homes)), 0.78, 0.87, "ICHA 2020: 80-85%"},
		// Ofsted Fostering in England 2024: 62% of agencies' approved places filled, 16%
		// vacant, the rest not available: 62/(62+16) = 79.5% of usable places filled.
		// Band: ±4 points (the share not available moves a few points a year).
		{"agency foster places in use", kpi(tot, sim.MarketOccupancy("ifa")), 0.755, 0.835, "Ofsted 2024: 79.5% of usable places"},
		// NAO, Managing children's residential care (Sept 2025): in March 2024, 67% of
		// children in homes were outside their council's boundary and 49% more than 20 miles
		// from home. Every council is its own zone, so outside the zone is outside the
		// boundary. Bands: ±10 points, as the NAO's figure is England's, and the South East's
		// councils are larger than England's average (a county places more inside its own
		// boundary than a London borough does).
		{"children in homes outside their council", kpi(tot, sim.MarketOutOfAreaShare(homes)), 0.57, 0.77, "NAO 2024: 67%"},
		{"children in homes over 20 miles", kpi(tot, sim.MarketOver20MilesShare(homes)), 0.39, 0.59, "NAO 2024: 49%"},
		// DfE 2024, national table at 31 March 2024 by placement provider, type and locality:
		// 14,470 of the 22,530 children with agency foster carers (private and voluntary
		// providers) placed outside their council's boundary, 64%. Band 50-75%: England's
		// figure, wider below for the region's counties, as below.
		{"children with agency foster carers outside their council", kpi(tot, sim.MarketOutOfAreaShare("ifa")), 0.50, 0.75, "DfE 2024: 64%"},
		// DfE, Children looked after in England including adoptions 2024, national table at 31
		// March 2024 by placement distance and locality: 18,040 of England's 83,630 children
		// looked after placed more than 20 miles from home (22%; 24% of the 75,800 whose
		// distance is known). Every placement counts: the shared markets' by their zones'
		// miles, the councils' own by their scenarios' local shares. Band 17-28%: England's
		// figure, ±5 points for a region whose councils are counties and unitaries next to
		// them, where London's boroughs place further (the DfE gives no region's figure), and
		// the zones' one distance between two councils.
		{"children placed over 20 miles", kpi(tot, sim.PlacedDistantShare), 0.17, 0.28, "DfE 2024: 22% (24% of known)"},
		// DfE 2024, national table at 31 March 2024 by placement provider, type and locality:
		// 36,010 of England's children looked after placed outside their council's boundary,
		// 43% of all and 45% of the 79,840 whose place is known. Every placement counts: the
		// shared markets' outside the council's zone, the councils' own with the DfE's shares
		// by kind and distance (own_placements in south-east.yaml). Band 35-50%: England's
		// figure, wider below, as a county (most of the region's councils) holds more of its
		// children's places inside its larger boundary than a London borough (the DfE gives no
		// region's figure; the Isle of Wight's own 39% is logged above).
		{"children placed outside their council", kpi(tot, sim.OutOfAreaShare), 0.35, 0.50, "DfE 2024: 43% (45% of known)"},
		// Ofsted, Unregistered children's homes (Nov 2024): 982 children placed in unregistered
		// homes in 2023-24, of England's ~83,600 in care: 1.2% a year. Band 0.8-1.8%: the
		// model's emergency placements are every placement made for want of a registered
		// place, which Ofsted's count of unregistered homes found may undercount.
		{"emergency placements a year per child in care", per(kpi(tot, sim.EmergencyPlacements), inCare), 0.008, 0.018, "Ofsted 2023-24: 1.2%"},
		// LGA, High-cost children's social care placements survey (Nov 2023): about 1,510
		// placements of £10,000 a week or more in 2022-23, 1.6% of about 92,800. The survey
		// does not say whether it counts placements made or held; here, spot placements made
		// in the year over children in care. Band 0.8-2.4% (±50%).
		{"placements made over £10,000 a week, per child in care", per(kpi(tot, sim.PlacementsOver10k), inCare), 0.008, 0.024, "LGA 2022-23: 1.6%"},
	} {
		m, half := meanAndHalfWidth(f.got)
		t.Logf("%-55s %5.1f%% ± %.1f  band %.1f-%.1f%%  (%s)", f.name, 100*m, 100*half, 100*f.low, 100*f.hig, f.why)
		if m < f.low || m > f.hig {
			t.Errorf("%s: %.1f%%, outside the band %.1f-%.1f%% (%s)", f.name, 100*m, 100*f.low, 100*f.hig, f.why)
		}
	}
}

// meanAndHalfWidth returns the mean of xs and the half-width of its 95% interval (normal
// approximation; 0 for one value).
func meanAndHalfWidth(xs []float64) (mean, half float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, 1.96 * math.Sqrt(ss/float64(len(xs)-1)/float64(len(xs)))
}

var englandWithin = flag.Bool("england-within-region", false, "run TestEnglandWithinRegion (England for a year: about 4 s of CPU)")

// TestEnglandWithinRegion reports, from the England preset (each region a zone), the share of
// England's children in care placed within their own region, beside the DfE's figure: 71,920
// of 83,630 children looked after at 31 March 2024, 86% (DfE, released on request to the South
// East Regional Care Co-operative: SESLIP, Briefing #002, Cross-regional placements; the South
// East's own is 80%, 8,990 of 11,180). The shared markets' children placed outside their
// council's zone are those placed outside their region; the councils' own placements are taken
// to lie within it (A: in-house and kinship carers outside a council's boundary live mostly in
// the next council). The preset does not reproduce the DfE's figure, and the test holds it to
// no band: its markets are one provider of each kind in each region, searched nearest first,
// so a child leaves their region only when their region's market is full (about 99% are
// placed within it). It checks only that the figure is a share and logs it, with
// -england-within-region (England for a year, two replications, about 4 s of CPU).
func TestEnglandWithinRegion(t *testing.T) {
	if !*englandWithin {
		t.Skip("runs England for a year (-england-within-region runs it)")
	}
	reg, err := scenarios.LoadRegion("england", []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.RunRegion(reg, sim.Options{Reps: 2, Seed: 1, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	const year = "2026/27"
	cla := rr.Total.KPIValues(year, sim.ChildrenInCare)
	var within []float64
	for i := range cla {
		out := 0.0
		for _, m := range reg.Markets {
			out += rr.Total.KPIValues(year, sim.MarketOutOfArea(m.Kind))[i]
		}
		within = append(within, 1-out/cla[i])
	}
	m, half := meanAndHalfWidth(within)
	t.Logf("%-55s %5.1f%% ± %.1f  (DfE 2024: 86%%; not reproduced)", "England's children placed within their own region", 100*m, 100*half)
	if !(m > 0 && m <= 1) {
		t.Errorf("children placed within their own region: %v, not a share", m)
	}
}
