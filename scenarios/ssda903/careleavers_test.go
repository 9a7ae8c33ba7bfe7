package ssda903

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestCareLeaversAtStartEstimate checks the young people a calibrated scenario puts in care
// leavers' accommodation on its start day (care_leavers.stock) against the generated return's
// own records: every child who left care at their 18th birthday, or in the fortnight before
// it, not staying put (E17) and not from a short break, in the three years before the start, each counted with the base's share times
// the chance that its stay outlasts the time since they left; and that the scenario writes it,
// rounded, with a note of the young people behind it.
func TestCareLeaversAtStartEstimate(t *testing.T) {
	g, ret, base, cal := calibrateTypical(t)
	e := cal.Estimates
	to := dayOf(e.Start)
	from := to.addYears(-3)
	var n int
	var want float64
	for _, d := range g.leftAt18 {
		if d >= from && d < to {
			n++
			want += base.CareLeavers.Share * stayBeyond(base.CareLeavers.Stay, float64(to-d))
		}
	}
	if n < 20 {
		t.Fatalf("the generated return has %d young people leaving care at 18 in the three years: too few to test", n)
	}
	if e.CareLeaversN != n || math.Abs(e.CareLeavers-want) > 1e-9*want {
		t.Errorf("estimated %.3f young people there at the start from %d who left at 18; the return's records give %.3f from %d",
			e.CareLeavers, e.CareLeaversN, want, n)
	}
	if math.Abs(e.CareLeaversYears-3) > 0.01 {
		t.Errorf("the estimate reaches %v years back, want 3", e.CareLeaversYears)
	}
	s, notes := cal.Scenario(ScenarioOptions{Name: "c", Extends: "default"})
	if got := s.CareLeavers.Stock; got != int(math.Round(want)) {
		t.Errorf("care_leavers.stock %d, want %.3f rounded", got, want)
	}
	if notes.Comments["care_leavers.stock"] == "" {
		t.Error("care_leavers.stock is written without a note of the young people behind it")
	}

	// A base with no care leavers' accommodation puts no one there.
	off := *base
	off.CareLeavers.Share = 0
	cal, err := Calibrate(ret, Options{Base: &off})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := cal.Scenario(ScenarioOptions{Name: "c", Extends: "default"}); s.CareLeavers.Stock != 0 {
		t.Errorf("care_leavers.stock %d with the base's accommodation off, want 0", s.CareLeavers.Stock)
	}
	// A window shorter than three years counts those who left within it, and says so.
	cal, err = Calibrate(ret, Options{Base: base, From: e.Start.AddDate(-1, 0, 0), To: e.To})
	if err != nil {
		t.Fatal(err)
	}
	if y := cal.Estimates.CareLeaversYears; math.Abs(y-1) > 0.01 {
		t.Errorf("a window of a year reaches %v years back, want 1", y)
	}
}

// TestStayBeyond checks the chance that a stay outlasts a time against each family's mean:
// the integral of the chance over all times is the mean stay, whatever the family.
func TestStayBeyond(t *testing.T) {
	for _, d := range []model.Distribution{
		{Kind: model.Exponential, MeanDays: 730},
		{Kind: model.Fixed, MeanDays: 400},
		{Kind: model.Gamma, MeanDays: 500, Shape: 2.5},
		{Kind: model.Lognormal, MeanDays: 730, Sigma: 0.6},
		{Kind: model.Empirical, Table: []model.Bin{{UpToDays: 100, Share: 0.3}, {UpToDays: 400, Share: 0.5}, {UpToDays: 1000, Share: 0.2}}},
	} {
		const step = 0.25
		var integral float64
		for x := step / 2; x < 40*d.Mean(); x += step {
			integral += step * stayBeyond(d, x)
		}
		if math.Abs(integral-d.Mean()) > 0.001*d.Mean() {
			t.Errorf("%v: the chance of outlasting each time adds up to %.2f days, not the mean %.2f", d.Kind, integral, d.Mean())
		}
		if s := stayBeyond(d, 0); s != 1 {
			t.Errorf("%v: a stay outlasts no time with chance %v, want 1", d.Kind, s)
		}
	}
}

// TestStayingPutAtStartEstimate checks the young people a calibrated scenario has staying put
// on its start day (staying_put.stock) against the generated return's own records: every child
// whose period ended at their 18th birthday, or in the fortnight before it, staying put (E17),
// in the three years before the start, each counted with the chance that the base's staying-put
// stay outlasts the time since they left; that the scenario writes it, rounded, with a note of
// the young people behind it; and that the council's own carers are sized with room for those
// of them the simulator places there.
func TestStayingPutAtStartEstimate(t *testing.T) {
	g, _, base, cal := calibrateTypical(t)
	e := cal.Estimates
	to := dayOf(e.Start)
	from := to.addYears(-3)
	var n int
	var want float64
	for _, d := range g.stayedPutAt18 {
		if d >= from && d < to {
			n++
			want += stayBeyond(base.StayingPut.Stay, float64(to-d))
		}
	}
	if n < 10 {
		t.Fatalf("the generated return has %d young people staying put at 18 in the three years: too few to test", n)
	}
	if e.StayingPutStockN != n || math.Abs(e.StayingPutStock-want) > 1e-9*want {
		t.Errorf("estimated %.3f young people staying put at the start from %d who stayed put at 18; the return's records give %.3f from %d",
			e.StayingPutStock, e.StayingPutStockN, want, n)
	}
	if math.Abs(e.StayingPutStockYears-3) > 0.01 {
		t.Errorf("the estimate reaches %v years back, want 3", e.StayingPutStockYears)
	}
	s, notes := cal.Scenario(ScenarioOptions{Name: "c", Extends: "default"})
	if got := s.StayingPut.Stock; got != int(math.Round(want)) {
		t.Errorf("staying_put.stock %d, want %.3f rounded", got, want)
	}
	if notes.Comments["staying_put.stock"] == "" {
		t.Error("staying_put.stock is written without a note of the young people behind it")
	}
	// The council's own carers hold the young people staying put with them: without them
	// in the stock, the pool is sized as before, that many fewer places' worth of households.
	inhouse := -1
	for k, kd := range s.Kinds {
		if kd.Name == "inhouse_foster" {
			inhouse = k
		}
	}
	b := &builder{s: s}
	put := b.stayingPutWith(model.KindID(inhouse))
	t.Logf("%d young people stayed put at 18 in the three years: %.2f staying put at the start, %.2f of them with the council's own carers", n, want, put)
	if put <= 0 || put >= float64(s.StayingPut.Stock) {
		t.Fatalf("%.2f of the %d young people staying put at the start expected with the council's own carers", put, s.StayingPut.Stock)
	}
	if v := s.Validate(); len(v) > 0 {
		t.Errorf("the calibrated scenario does not validate: %v", v)
	}
	if !strings.Contains(notes.Comments["kinds["+strconv.Itoa(inhouse)+"].carers.households"], "staying put with them") {
		t.Error("the council's carers are sized without a note of the young people staying put with them")
	}
}

// calibrateTypical generates a return of the typical council (seed 3) and calibrates it on the
// base scenario, returning what was generated, the return read from it, the base and the
// calibration.
func calibrateTypical(t *testing.T) (*generated, *Return, *model.Scenario, *Calibration) {
	t.Helper()
	g := generate(typical(), 3)
	ret, err := Read(g.files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	base := baseScenario(t)
	cal, err := Calibrate(ret, Options{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	return g, ret, base, cal
}
