package scenarios_test

import (
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/scenarios/readme"
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
		// boundary. Bands: ±7 points, as the NAO's figure is England's, and the South East's
		// councils are larger than England's average (a county places more inside its own
		// boundary than a London borough does); the calibration reaches 66% and 46-47%.
		{"children in homes outside their council", kpi(tot, sim.MarketOutOfAreaShare(homes)), 0.60, 0.74, "NAO 2024: 67%"},
		{"children in homes over 20 miles", kpi(tot, sim.MarketOver20MilesShare(homes)), 0.42, 0.56, "NAO 2024: 49%"},
		// DfE 2024, national table at 31 March 2024 by placement provider, type and locality:
		// 14,470 of the 22,530 children with agency foster carers (private and voluntary
		// providers) placed outside their council's boundary, 64%. Band 57-71%: England's
		// figure, ±7 points as the homes' above; the calibration reaches 64-65%.
		{"children with agency foster carers outside their council", kpi(tot, sim.MarketOutOfAreaShare("ifa")), 0.57, 0.71, "DfE 2024: 64%"},
		// DfE, Children looked after in England including adoptions 2024, national table at 31
		// March 2024 by placement distance and locality: 18,040 of England's 83,630 children
		// looked after placed more than 20 miles from home (22%; 24% of the 75,800 whose
		// distance is known). Every placement counts: the shared markets' by their zones'
		// miles, the councils' own by their scenarios' local shares. Band 17-26%: England's
		// figure, 5 points below and 4 above, for a region whose councils are counties and
		// unitaries next to them, where London's boroughs place further (the DfE gives no
		// region's figure), and the zones' one distance between two councils; the calibration
		// reaches 19%, most of the difference the councils' own placements, whose distance is
		// the built-in county's.
		{"children placed over 20 miles", kpi(tot, sim.PlacedDistantShare), 0.17, 0.26, "DfE 2024: 22% (24% of known)"},
		// DfE 2024, national table at 31 March 2024 by placement provider, type and locality:
		// 36,010 of England's children looked after placed outside their council's boundary,
		// 43% of all and 45% of the 79,840 whose place is known. Every placement counts: the
		// shared markets' outside the council's zone, the councils' own with the DfE's shares
		// by kind and distance (own_placements in south-east.yaml). Band 37-49%: England's
		// figure, 6 points each way, as a county (most of the region's councils) holds more of
		// its children's places inside its larger boundary than a London borough (the DfE gives
		// no region's figure; the Isle of Wight's own 39% is logged above); the calibration
		// reaches 40-41%.
		{"children placed outside their council", kpi(tot, sim.OutOfAreaShare), 0.37, 0.49, "DfE 2024: 43% (45% of known)"},
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

// ownFarOutsideRegion is the share of the councils' own placements more than 20 miles from
// home that lie outside the council's region (D/A): of England's children looked after at 31
// March 2024, 11,710 were placed outside their region (83,630 less the 71,920 within it: see
// withinRegion2024) and 18,040 more than 20 miles from home (DfE 2024, national table by
// placement distance and locality), 65%; taken for the councils' own placements as for all
// (A: the DfE gives neither figure by placement type), and none of those within 20 miles (A:
// a place within 20 miles of home lies in the home's region but for the few near a region's
// edge).
const ownFarOutsideRegion = 11_710.0 / 18_040

// withinRegion2024 is, for each region, the share of its children looked after at 31 March
// 2024 placed within it, as the DfE released it under the Freedom of Information Act to the
// South East Regional Care Co-operative and Data to Insight (SESLIP, Briefing #002:
// Cross-regional placements, https://www.seslip.co.uk/briefing-002-cross-regional-placements):
// England 71,920 of 83,630 (86%); London 7,430 of 9,640 (77%), the lowest; the North West
// 14,140 of 15,090 (94%), the highest.
var withinRegion2024 = map[string]float64{
	"north-east":               5_570.0 / 6_110,
	"north-west":               14_140.0 / 15_090,
	"yorkshire-and-the-humber": 8_130.0 / 9_270,
	"east-midlands":            5_440.0 / 6_570,
	"west-midlands":            10_700.0 / 11_920,
	"east-of-england":          5_710.0 / 6_870,
	"london":                   7_430.0 / 9_640,
	"south-east":               8_990.0 / 11_180,
	"south-west":               5_810.0 / 6_980,
}

// marketChildren2024 is, for each shared market of England, the children the DfE counts in
// such places at 31 March 2024 (DfE 2024, national tables at 31 March by placement provider and
// type), logged beside the model's and not tested: the markets' children follow from the
// councils' scenarios as much as from the places.
var marketChildren2024 = map[string]string{
	"ifa":                  "22,530 with agency foster carers",
	"external_residential": "8,540 in all children's homes, about 11% of them councils' own",
}

// marketFar2024 is, for each shared market of England, the published share of its children
// over 20 miles from home at 31 March 2024, which TestEnglandWithinRegion holds the market's
// to (its band is there).
var marketFar2024 = map[string]struct{ name, share, source string }{
	"external_residential": {"children in providers' children's homes", "49%", "NAO, of all homes"},
	"ifa":                  {"children with agency foster carers", "about 32%", "derived from the DfE"},
}

// placementMix2024 is England's children looked after at 31 March 2024 with agency foster
// carers and in children's homes (DfE, Children looked after in England including adoptions
// 2024, national tables at 31 March by placement provider and type): 22,530 with private and
// voluntary fostering providers (17,900 and 4,630), and 8,540 in children's homes of every
// sector (private 81%, councils' own 11%). TestEnglandWithinRegion holds England's children in
// the shared agencies' places, and in homes of every kind (the shared market's, the councils'
// block-contracted beds and their own homes), to 10% of each: a finance director reads the
// residential and agency spending from them.
var placementMix2024 = []struct {
	name  string
	kinds []string
	dfe   float64
}{
	{"children with agency foster carers", []string{"ifa"}, 22_530},
	{"children in children's homes", []string{"external_residential", "block_residential", "inhouse_home"}, 8_540},
}

// commas is x rounded to a whole number, its thousands separated by commas: 22,530.
func commas(x float64) string {
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// regionTitles are England's regions as scenarios/README.md names them.
var regionTitles = map[string]string{
	"north-east": "North East", "north-west": "North West", "yorkshire-and-the-humber": "Yorkshire and the Humber",
	"east-midlands": "East Midlands", "west-midlands": "West Midlands", "east-of-england": "East of England",
	"london": "London", "south-east": "South East", "south-west": "South West",
}

// figuresCheck makes a stale figure in README.md a failure: make figures-check passes it, as
// it passes cmd/placesim's TestFigures -figures.
var figuresCheck = flag.Bool("figures", false, "fail when a figure this package's tests quote in README.md is stale (with -update, rewrite it)")

// readmeFigure checks the text between README.md's markers <!-- figures:name --> and
// <!-- /figures:name --> against body, the figures a test has just made: with -update (the
// package's flag, golden_test.go) it rewrites them; with -figures (make figures-check) a stale
// figure fails the test; otherwise it is logged (in make test a change elsewhere in the model
// moves them, which is not this test's failure).
func readmeFigure(t *testing.T, name, body string) {
	t.Helper()
	const path = "README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	regenerated, err := readme.Figures(name).OnLines().Replace(text, body)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	switch {
	case regenerated == text:
	case flag.Lookup("update") != nil && flag.Lookup("update").Value.String() == "true":
		if err := os.WriteFile(path, []byte(regenerated), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s's figures:%s", path, name)
	case *figuresCheck:
		t.Errorf("%s's figures:%s are stale: make figures (or go test ./scenarios -run %s -update) rewrites them", path, name, t.Name())
	default:
		t.Logf("%s's figures:%s are stale: make figures (or go test ./scenarios -run %s -update) rewrites them", path, name, t.Name())
	}
}

var englandReps = flag.Int("england-reps", 2, "replications of England in TestEnglandWithinRegion")

// TestEnglandWithinRegion checks that the England preset (30 zones, each naming its region) places
// England's children in care within their own region as the DfE finds (withinRegion2024: 86% in
// all, from London's 77% to the North West's 94%), England's and each region's, and over 20 miles
// from home (22%), in its first reported year. A shared market's child placed in a zone of another
// region is placed outside their region, counted exactly (the zones name their regions, so a
// council's children out of area are those); the councils' own placements more than 20 miles from
// home lie outside it with the share ownFarOutsideRegion (the model does not place them in a
// region), an estimate. To count the markets' children alone among each council's children out of
// area, the test runs the region without its own_placements, which changes nothing else
// (sim/region_area.go: their draws have a stream of their own). It logs each market's children
// beside the DfE's count, those outside their region and its occupancy (homes 80-85% in ICHA's
// survey, agencies' usable places 79.5% in Ofsted's) and places by region, and each region's share
// beside the DfE's. It holds each market's children over 20 miles from home to a band around the
// published figure (marketFar2024: the NAO's 49% in homes, about a third with agencies), and
// England's children with agency foster carers and in children's homes of every kind to 10% of
// the DfE's counts (placementMix2024), and writes them under the table.
// England runs for a year, two replications (seed 1; -england-reps for more), about 3 s of CPU;
// -short skips it.
func TestEnglandWithinRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs England for a year (-short skips it)")
	}
	reg, err := scenarios.LoadRegion("england", []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	reg.OwnPlacements = nil
	rr, err := sim.RunRegion(reg, sim.Options{Reps: *englandReps, Seed: 1, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	const year = "2026/27"
	kpi := func(res *sim.Results, name string) []float64 {
		t.Helper()
		xs := res.KPIValues(year, name)
		if len(xs) == 0 {
			t.Fatalf("%s has no KPI %s in %s", res.Scenario.Name, name, year)
		}
		return xs
	}
	// The markets' occupancy, in the bands TestSouthEastCalibration holds the South East's
	// to and for the same reasons: children's homes 78-87% (ICHA 2020: 80-85%), agencies'
	// usable places 75.5-83.5% (Ofsted 2024: 79.5%).
	bands := map[string][2]float64{"external_residential": {0.78, 0.87}, "ifa": {0.755, 0.835}}
	// Each market's children over 20 miles from home, against the published figure.
	// Children's homes: the NAO's 49% of England's children in homes (Managing children's
	// residential care, Sept 2025, March 2024), in the band TestSouthEastCalibration holds the
	// South East's to, 42-56%; the homes' over_20_miles_share (england.yaml) brings the shared
	// market's to 48.6%. Agencies: about a third (D: about 7,300 of the DfE's 10,650 foster
	// placements over 20 miles at 31 March 2024 are with agencies, 32% of their 22,530; see
	// marketFar2024), band 26-42%, 6 points below and 10 above: the derivation takes the
	// councils' own carers to be as far as all foster carers (A), and in the model the agencies'
	// children over 20 miles and the regions' children placed outside them move together (places
	// moved into a region keep its agencies' children nearer and within it), so the calibration
	// settles at 41.1% with every region within 3 points of its share within.
	farBands := map[string][2]float64{"external_residential": {0.42, 0.56}, "ifa": {0.26, 0.42}}
	var distance strings.Builder
	// England's placement mix: each count within mixBand of the DfE's, the mean of the
	// replications' time-averages over the first year (to 31 March 2027) against the DfE's
	// count at 31 March 2024. Band ±10%: the councils are the built-in county scaled, whose
	// own placements (kinship, in-house carers, their own homes) follow the national mix and
	// not each council's, and a year's average lies within a few percent of its end; two
	// replications of England vary by about 1% in each count. The calibration reaches 22,707
	// (1% above) and 8,783 (3% above).
	const mixBand = 0.10
	var mix strings.Builder
	for _, pm := range placementMix2024 {
		got := make([]float64, len(kpi(rr.Total, sim.ChildrenInCare)))
		for _, kind := range pm.kinds {
			for i, x := range kpi(rr.Total, sim.OccupiedKPI(kind)) {
				got[i] += x
			}
		}
		m, half := meanAndHalfWidth(got)
		t.Logf("%-36s %6.0f ± %.0f  band %.0f-%.0f, DfE 31 March 2024: %.0f", pm.name, m, half, (1-mixBand)*pm.dfe, (1+mixBand)*pm.dfe, pm.dfe)
		fmt.Fprintf(&mix, "| %s | %s | %s |\n", pm.name, commas(m), commas(pm.dfe))
		if m < (1-mixBand)*pm.dfe || m > (1+mixBand)*pm.dfe {
			t.Errorf("England's %s: %.0f, more than %.0f%% from the DfE's %.0f (31 March 2024)", pm.name, m, 100*mixBand, pm.dfe)
		}
	}

	// The regions, in the order their zones first name them, and each zone's.
	var regions []string
	regionOf := make([]int, len(reg.Zones))
	for z, zone := range reg.Zones {
		at := slices.Index(regions, zone.Region)
		if at < 0 {
			at = len(regions)
			regions = append(regions, zone.Region)
		}
		regionOf[z] = at
	}
	for _, m := range reg.Markets {
		o, oh := meanAndHalfWidth(kpi(rr.Total, sim.MarketOutOfAreaShare(m.Kind)))
		f, fh := meanAndHalfWidth(kpi(rr.Total, sim.MarketOccupancy(m.Kind)))
		c, _ := meanAndHalfWidth(kpi(rr.Total, sim.MarketChildren(m.Kind)))
		far, _ := meanAndHalfWidth(kpi(rr.Total, sim.MarketOver20MilesShare(m.Kind)))
		t.Logf("%-22s %6.0f children (DfE 2024: %s), %5.1f%% ± %.1f outside their region, %5.1f%% over 20 miles from home, %5.1f%% ± %.1f of places in use", m.Kind, c, marketChildren2024[m.Kind], 100*o, 100*oh, 100*far, 100*f, 100*fh)
		places, used := make([]float64, len(regions)), make([]float64, len(regions))
		for z, zone := range reg.Zones {
			p, _ := meanAndHalfWidth(kpi(rr.Total, sim.MarketPlacesIn(m.Kind, zone.Name)))
			u, _ := meanAndHalfWidth(kpi(rr.Total, sim.MarketOccupiedIn(m.Kind, zone.Name)))
			places[regionOf[z]] += p
			used[regionOf[z]] += u
			if testing.Verbose() {
				t.Logf("      %-36s %6.0f places, %5.1f%% in use", zone.Name, p, 100*u/p)
			}
		}
		for ri, name := range regions {
			t.Logf("    %-26s %6.0f places, %5.1f%% in use", name, places[ri], 100*used[ri]/places[ri])
		}
		if b, ok := bands[m.Kind]; ok && (f < b[0] || f > b[1]) {
			t.Errorf("%s: %.1f%% of places in use, outside the band %.1f-%.1f%%", m.Kind, 100*f, 100*b[0], 100*b[1])
		}
		if b, ok := farBands[m.Kind]; ok {
			pub := marketFar2024[m.Kind]
			t.Logf("%-22s %5.1f%% over 20 miles from home  band %.0f-%.0f%%, %s: %s", m.Kind, 100*far, 100*b[0], 100*b[1], pub.source, pub.share)
			fmt.Fprintf(&distance, "| %s | %.1f%% | %s (%s) |\n", pub.name, 100*far, pub.share, pub.source)
			if far < b[0] || far > b[1] {
				t.Errorf("England's %s over 20 miles from home: %.1f%%, outside the band %.0f-%.0f%% (%s: %s)", pub.name, 100*far, 100*b[0], 100*b[1], pub.source, pub.share)
			}
		}
	}

	// Each region's children in care, placed outside it by a market, and placed by the
	// councils themselves more than 20 miles away, replication by replication.
	n := len(kpi(rr.Total, sim.ChildrenInCare))
	type sums struct{ cla, market, ownFar []float64 }
	by := make([]sums, len(regions))
	for z := range by {
		by[z] = sums{make([]float64, n), make([]float64, n), make([]float64, n)}
	}
	for c, res := range rr.Councils {
		s := by[regionOf[reg.Councils[c].Zone]]
		cla, out := kpi(res, sim.ChildrenInCare), kpi(res, sim.ChildrenOutOfArea)
		distant, marketFar := kpi(res, sim.ChildrenPlacedDistant), kpi(res, sim.ChildrenOver20Miles)
		for i := range n {
			s.cla[i] += cla[i]
			s.market[i] += out[i]
			s.ownFar[i] += distant[i] - marketFar[i]
		}
	}
	// within is the share within their region of the children of the regions zs.
	within := func(zs ...int) (all, markets []float64) {
		for i := range n {
			var cla, market, ownFar float64
			for _, z := range zs {
				cla += by[z].cla[i]
				market += by[z].market[i]
				ownFar += by[z].ownFar[i]
			}
			all = append(all, 1-(market+ownFarOutsideRegion*ownFar)/cla)
			markets = append(markets, 1-market/cla)
		}
		return all, markets
	}
	// Each region's share within it, in a band of regionBand each way around the DfE's: the
	// calibration brings every region within 3 points of its figure (two replications of
	// England; a region's share varies by up to 2 points between replications), and the band
	// leaves a point more for that.
	const regionBand = 0.035
	regional := map[string]float64{}
	var table strings.Builder
	table.WriteString("| region | within, the model | within, the DfE (2024) |\n|---|--:|--:|\n")
	for ri, name := range regions {
		all, markets := within(ri)
		m, half := meanAndHalfWidth(all)
		mm, _ := meanAndHalfWidth(markets)
		regional[name] = m
		t.Logf("%-26s %5.1f%% ± %.1f within (%5.1f%% by the markets alone)  DfE 2024: %.0f%%", name, 100*m, 100*half, 100*mm, 100*withinRegion2024[name])
		fmt.Fprintf(&table, "| %s | %.1f%% | %.0f%% |\n", regionTitles[name], 100*m, 100*withinRegion2024[name])
		if d := m - withinRegion2024[name]; math.Abs(d) > regionBand {
			t.Errorf("%s's children placed within their region: %.1f%%, more than %.1f points from the DfE's %.0f%% (2024)", regionTitles[name], 100*m, 100*regionBand, 100*withinRegion2024[name])
		}
	}
	every := make([]int, len(regions))
	for z := range every {
		every[z] = z
	}
	all, markets := within(every...)
	mm, _ := meanAndHalfWidth(markets)
	m, half := meanAndHalfWidth(all)
	// Band 84-89%: the DfE's 86%, 2 points below and 3 above; the calibration reaches 87.9%.
	// Two replications of England vary by less than half a point. Below, for the estimate of
	// the councils' own placements outside their region, England's share of all kinds of
	// placement (about 4 points of the total). Above, for what 30 zones of whole councils leave
	// out: a child whose home is near a region's edge in a zone whose centre is not, and the one
	// place far away that matches a child, which a search nearest first by zone does not reach
	// while nearer places have room (the North West, with agencies' places to spare, keeps
	// every market child within it, where the DfE finds 6% of all its children outside). With
	// the regions as nine zones the share was 92%, the markets keeping the northern, midland
	// and south-western regions' children within them.
	const low, high = 0.84, 0.89
	t.Logf("%-26s %5.1f%% ± %.1f within (%5.1f%% by the markets alone)  band %.0f-%.0f%%, DfE 2024: 86%%", "England", 100*m, 100*half, 100*mm, 100*low, 100*high)
	// The DfE's 22% of England's children looked after more than 20 miles from home (18,040
	// of 83,630 at 31 March 2024). Band 18-26%: 4 points each way, as the zones' one distance
	// between two zones and their typical distance within leave out the children placed just
	// over 20 miles from home in their own zone but for the homes' (over_20_miles_share); the
	// calibration reaches 21.4%.
	const farLow, farHigh = 0.18, 0.26
	far, farHalf := meanAndHalfWidth(kpi(rr.Total, sim.PlacedDistantShare))
	t.Logf("%-26s %5.1f%% ± %.1f placed over 20 miles from home  band %.0f-%.0f%%, DfE 2024: 22%%", "England", 100*far, 100*farHalf, 100*farLow, 100*farHigh)
	if far < farLow || far > farHigh {
		t.Errorf("England's children placed over 20 miles from home: %.1f%%, outside the band %.0f-%.0f%% (DfE 2024: 22%%)", 100*far, 100*farLow, 100*farHigh)
	}
	fmt.Fprintf(&table, "| **England** | **%.1f%%** | **86%%** |\n\n| England, over 20 miles from home | the model | published (March 2024) |\n|---|--:|--:|\n| all children looked after | %.1f%% | 22%% (DfE) |\n%s\n| England | the model | the DfE (31 March 2024) |\n|---|--:|--:|\n%s", 100*m, 100*far, distance.String(), strings.TrimSuffix(mix.String(), "\n"))
	readmeFigure(t, "england-within-region", table.String())
	if m < low || m > high {
		t.Errorf("England's children placed within their own region: %.1f%%, outside the band %.0f-%.0f%% (DfE 2024: 86%%)", 100*m, 100*low, 100*high)
	}
	// The DfE's regions run from London's 77% to the North West's 94%: London, short of
	// places of both kinds, places more of its children outside it than the North West, which
	// has a fifth of England's children's homes places.
	if regional["london"] >= regional["north-west"] {
		t.Errorf("London's children within their region %.1f%%, not below the North West's %.1f%% (DfE 2024: 77%% and 94%%)", 100*regional["london"], 100*regional["north-west"])
	}
}
