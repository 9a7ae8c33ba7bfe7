package ssda903

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestOwnCarersFollowTheReturn checks that the council's own carers grow as the children they
// held did over the window. The synthetic councils place a fixed share of their entrants with
// the council's carers and have no carers of their own to run short of: a council whose
// entries rise 5% a year shows its carers' children rising about as fast, and a steady one
// shows them level. Over five years of three councils each, the mean of the fitted growth
// must lie within 2.5 points of the truth's (the fit of a count of 100-200 children varies by
// about a point a return, and the count follows the entries with a lag).
func TestOwnCarersFollowTheReturn(t *testing.T) {
	base := baseScenario(t)
	steady := steadyTruth(300, 1, 8)
	rising := typical()
	rising.fromYear, rising.toYear = 2016, 2024
	for _, tc := range []struct {
		name  string
		truth truth
		want  float64
	}{
		{"entries rising 5% a year", rising, 0.05},
		{"steady", steady, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sum float64
			const n = 3
			for seed := range uint64(n) {
				_, cal := calibrated(t, base, tc.truth, uint64(11+seed), backtestStart(tc.truth))
				g, _, months := cal.growth(inhouseFoster)
				if months < growthMinMonths {
					t.Fatalf("the growth was fitted over %d months, want %d or more", months, growthMinMonths)
				}
				sum += g
				s, notes := cal.Scenario(ScenarioOptions{Name: "growth"})
				own := s.Kinds[cal.kinds[inhouseFoster]].Carers
				bk := base.Kinds[cal.kinds[inhouseFoster]].Carers
				// The approvals are those of the households a usual month needs, where the pool
				// holds the stock with more (holdingHouseholds).
				h := own.Households
				if _, after, ok := strings.Cut(notes.Comments[fmt.Sprintf("kinds[%d].carers.households", cal.kinds[inhouseFoster])], "a usual month needs "); ok {
					if _, err := fmt.Sscanf(after, "%d", &h); err != nil {
						t.Fatal(err)
					}
				}
				prop := math.Round(bk.ApprovalsPerYear*float64(h)/float64(bk.Households)*10) / 10
				want := math.Round(max(0, prop+g*float64(h))*10) / 10
				if math.Abs(own.ApprovalsPerYear-want) > 0.11 {
					t.Errorf("seed %d: %.1f approvals a year, want %.1f: the base's %.1f in proportion and %.1f%% of %d households", seed, own.ApprovalsPerYear, want, prop, 100*g, own.Households)
				}
				if note := notes.Comments[fmt.Sprintf("kinds[%d].carers.approvals_per_year", cal.kinds[inhouseFoster])]; g != 0 && !strings.Contains(note, "a log-linear fit") {
					t.Errorf("seed %d: the note on approvals does not say the pool follows the return: %q", seed, note)
				}
			}
			mean := sum / n
			t.Logf("growth %.1f%% a year on average, the truth's %.1f%%", 100*mean, 100*tc.want)
			if math.Abs(mean-tc.want) > 0.025 {
				t.Errorf("the children of the council's own carers grew %.1f%% a year on average, the truth's %.1f%%", 100*mean, 100*tc.want)
			}
		})
	}
}

// TestOwnHomesBeds checks how the council's own homes are sized: as many beds as hold the
// children of a usual month when filled first, as the base's beds hold its children
// (lossSize), in homes of the base's size with the last one smaller; the base's homes beyond
// need close on the start date. The table's beds are the loss formula's for the base's 7
// children in 8 beds: 0.85, 2.39, 4.19 and 10.65 beds, rounded.
func TestOwnHomesBeds(t *testing.T) {
	base := baseScenario(t)
	// The table is written for 7 children in the base's homes: the base's stock, the
	// county's steady state, is brought to that many.
	hid := slices.IndexFunc(base.Kinds, func(k model.Kind) bool { return k.Name == "inhouse_home" })
	held := 0
	for i := range base.Stock {
		if g := &base.Stock[i]; int(g.Kind) == hid {
			g.Count = max(0, min(g.Count, 7-held))
			held += g.Count
		}
	}
	_, cal := calibrated(t, base, typical(), 3, time.Time{})
	cal.homesFirst = true // the synthetic council's homes pass children on (TestHomesPassOn)
	id := cal.kinds[inhouseHome]
	size := base.Kinds[id].Homes[0].Beds
	var baseBeds, baseHeld int
	for _, h := range base.Kinds[id].Homes {
		baseBeds += h.Beds
	}
	for _, g := range base.Stock {
		if g.Kind == id {
			baseHeld += g.Count
		}
	}
	if size != 4 || len(base.Kinds[id].Homes) != 2 {
		t.Fatalf("the base has %d homes of %d beds: not the case the table below is written for", len(base.Kinds[id].Homes), size)
	}
	stock := slices.DeleteFunc(slices.Clone(cal.Estimates.Stock), func(c StockCell) bool { return c.Kind == "inhouse_home" })
	cal.Estimates.Stock = stock
	cal.Estimates.HomesLevel = 0 // the usual month of the 12 before the start alone
	for _, tc := range []struct {
		typical float64
		beds    []int // the open homes' beds
	}{
		{0.3, []int{1}},
		{1.6, []int{2}},
		{3.3, []int{4}},
		{9.6, []int{4, 4, 3}},
	} {
		cal.Estimates.HomesAtStart = tc.typical
		s, _ := cal.Scenario(ScenarioOptions{Name: "homes"})
		closed := map[string]bool{}
		for _, iv := range s.Interventions {
			if iv.Action == model.CloseHome && iv.Kind == id && iv.From.Equal(s.Start) {
				closed[iv.Name] = true
			}
		}
		var got []int
		for _, h := range s.Kinds[id].Homes {
			if !closed[h.Name] {
				got = append(got, h.Beds)
			}
		}
		if !slices.Equal(got, tc.beds) {
			t.Errorf("%.1f children in a usual month (%.2f beds filled first): open homes of %v beds, want %v", tc.typical, lossSize(tc.typical, baseHeld, baseBeds), got, tc.beds)
		}
		if err := s.Validate().Err(); err != nil {
			t.Errorf("%.1f children in a usual month: the scenario does not validate: %v", tc.typical, err)
		}
	}
	// A resample's beds are rounded down or up at random (bedsDither): over the draws, as
	// many beds on average as the count needs (2.39), where rounding to the nearest gives 2 beds
	// for 1.6 children every time. The dither's 200 evenly spaced values make the mean exact
	// to within 1/200 of a bed.
	cal.Estimates.HomesAtStart = 1.6
	var sum float64
	const draws = 200
	for i := range draws {
		cal.bedsDither = (float64(i) + 0.5) / draws
		s, _ := cal.Scenario(ScenarioOptions{Name: "homes"})
		closed := map[string]bool{}
		for _, iv := range s.Interventions {
			if iv.Action == model.CloseHome && iv.Kind == id {
				closed[iv.Name] = true
			}
		}
		for _, h := range s.Kinds[id].Homes {
			if !closed[h.Name] {
				sum += float64(h.Beds)
			}
		}
	}
	cal.bedsDither = 0
	if got, want := sum/draws, lossSize(1.6, baseHeld, baseBeds); math.Abs(got-want) > 1.0/draws {
		t.Errorf("resamples' homes hold %.3f beds on average for 1.6 children in a usual month, want %.3f", got, want)
	}
}

// TestLossSize checks the places a pool filled first needs: Erlang's loss formula as its
// first terms give it, the base's own places for the base's children, more places for each
// child in a small pool than in a large one, and the proportion of the base's places in a
// pool far larger than the base's, whose places are full as the base's are. The tolerances
// are those of the bisection and of floating point, far below a hundredth of a place.
func TestLossSize(t *testing.T) {
	for _, a := range []float64{0.5, 2, 7} {
		if got, want := erlangCarried(1, a), a/(1+a); math.Abs(got-want) > 1e-12 {
			t.Errorf("one server offered %g: carries %g, want %g", a, got, want)
		}
		if got, want := erlangCarried(2, a), a*(1-a*a/2/(1+a+a*a/2)); math.Abs(got-want) > 1e-12 {
			t.Errorf("two servers offered %g: carry %g, want %g", a, got, want)
		}
	}
	if got := lossSize(7, 7, 8); math.Abs(got-8) > 1e-6 {
		t.Errorf("the base's 7 children need %g places, want its 8", got)
	}
	prev := math.Inf(1)
	for _, held := range []float64{0.5, 1, 2, 5, 10, 50, 200} {
		per := lossSize(held, 7, 8) / held
		if per >= prev {
			t.Errorf("%g children need %.3f places each, no fewer than a smaller pool's %.3f", held, per, prev)
		}
		prev = per
	}
	if got := lossSize(700, 7, 8); got < 700 || got > 800 {
		t.Errorf("700 children need %g places, want between them and the base's proportion, 800", got)
	}
	for _, tc := range []struct{ held, baseHeld, baseServers, want float64 }{
		{3, 8, 8, 3}, {3, 0, 8, 3}, {0, 7, 8, 0},
	} {
		if got := lossSize(tc.held, int(tc.baseHeld), int(tc.baseServers)); got != tc.want {
			t.Errorf("lossSize(%g, %g, %g) = %g, want %g: in proportion when the base is full, a place a child when it has none", tc.held, tc.baseHeld, tc.baseServers, got, tc.want)
		}
	}
}

// TestOwnHomesGrow checks that the council's own homes open beds through the run as the children in
// care grew over the window (HomesGrowth): a council whose entries rise 5% a year opens one-bed
// homes, all within the run and in order, about as many as the children held in a usual month grown
// at the fitted rate for its years add; a backtest's shorter run (SetYears) keeps only those before
// its end and validates.
func TestOwnHomesGrow(t *testing.T) {
	base := baseScenario(t)
	rising := typical()
	rising.fromYear, rising.toYear = 2016, 2024
	_, cal := calibrated(t, base, rising, 5, backtestStart(rising))
	cal.homesFirst = true
	g := cal.Estimates.HomesGrowth
	if g <= 0 {
		t.Fatalf("the children in care grew %.1f%% a year over the window: not the case this test is written for", 100*g)
	}
	s, notes := cal.Scenario(ScenarioOptions{Name: "grow"})
	id := cal.kinds[inhouseHome]
	var beds int
	for _, h := range s.Kinds[id].Homes {
		beds += h.Beds
	}
	for _, iv := range s.Interventions {
		if iv.Action == model.CloseHome && iv.Kind == id {
			for _, h := range s.Kinds[id].Homes {
				if h.Name == iv.Name {
					beds -= h.Beds
				}
			}
		}
	}
	var opened []model.Intervention
	for _, iv := range s.Interventions {
		if iv.Action == model.OpenHome && iv.Kind == id {
			opened = append(opened, iv)
			if !iv.Baseline {
				t.Errorf("%s is not marked as part of the baseline: the report would list it as the strategy tested", iv.Label)
			}
		}
	}
	end := s.Start.AddDate(s.Years, 0, 0)
	held := cal.Estimates.HomesAtStart
	want := held * (math.Pow(1+g, float64(s.Years)) - 1)
	t.Logf("%d beds at the start for %.1f children, growth %.1f%% a year: %d opened over %d years, about %.1f expected", beds, held, 100*g, len(opened), s.Years, want)
	if math.Abs(float64(len(opened))-want) > 1 {
		t.Errorf("%d beds opened over %d years, want about %.1f: %.1f children grown %.1f%% a year", len(opened), s.Years, want, held, 100*g)
	}
	for i, iv := range opened {
		if iv.Count != 1 || iv.From.Before(s.Start) || !iv.From.Before(end) || i > 0 && iv.From.Before(opened[i-1].From) {
			t.Errorf("opening %d: %d beds on %s, want one bed within the run (%s to %s), in order", i+1, iv.Count, iv.From.Format(time.DateOnly), s.Start.Format(time.DateOnly), end.Format(time.DateOnly))
		}
	}
	if !strings.Contains(notes.Sections["interventions"], "grew by") {
		t.Errorf("the scenario's interventions do not say why beds open: %q", notes.Sections["interventions"])
	}
	if err := s.Validate().Err(); err != nil {
		t.Fatalf("the scenario does not validate: %v", err)
	}
	SetYears(s, 3)
	end = s.Start.AddDate(3, 0, 0)
	kept := 0
	for _, iv := range s.Interventions {
		if !iv.From.Before(end) {
			t.Errorf("%s on %s is kept after the run's end (%s)", iv.Label, iv.From.Format(time.DateOnly), end.Format(time.DateOnly))
		}
		if iv.Action == model.OpenHome {
			kept++
		}
	}
	if kept == 0 || kept >= len(opened) {
		t.Errorf("%d of %d openings kept over three years of ten, want some and not all", kept, len(opened))
	}
	if err := s.Validate().Err(); err != nil {
		t.Errorf("the scenario of three years does not validate: %v", err)
	}
}

// TestResampledSpareBeds checks that each resample's homes are sized for a month of the
// return, not its usual month: the beds a month above or below the usual adds or takes away
// (its deviation scaled to the count's swings over the run, homesSwings) open or close one at
// a time through the run, so that the council's homes, filled first, hold as many children in
// one resample or another as the council's homes swing by, while the calibrated scenario, which
// is written, keeps the usual month's.
func TestResampledSpareBeds(t *testing.T) {
	tr := studyTruths(true)[2].truth // short stays: the homes' count varies most
	_, cal := calibrated(t, baseScenario(t), tr, 103, backtestStart(tr))
	cal.homesFirst = true // and so every resample's
	devs := cal.homesSwings()
	var dm, dsd float64
	for _, d := range devs {
		dm += d
		dsd += d * d
	}
	dsd = math.Sqrt(dsd / float64(len(devs)))
	if math.Abs(dm) > 1e-9 || dsd < 0.5 {
		t.Fatalf("the homes' monthly deviations sum to %.2f with a spread of %.2f children: want 0 and a spread of a child or more for this test", dm, dsd)
	}
	// A month below the usual by more than the homes' usual children closes no more beds than
	// they have: the return's homes must hold as many as its lowest month takes away, or the
	// resamples open beds on average by design.
	if typical, low := cal.Estimates.HomesAtStart, slices.Min(devs); typical+low < 0 {
		t.Fatalf("the homes hold %.2f children in a usual month and the lowest month %.2f fewer: not the case this checks", typical, -low)
	}
	spare := func(s *model.Scenario) (net int, ivs []model.Intervention) {
		for _, iv := range s.Interventions {
			if iv.Kind != cal.kinds[inhouseHome] || !strings.HasPrefix(iv.Name, "Spare bed") {
				continue
			}
			ivs = append(ivs, iv)
			if iv.Action == model.OpenHome {
				net++
			} else {
				net--
			}
		}
		return net, ivs
	}
	orig, _ := cal.Scenario(ScenarioOptions{Name: "spare"})
	if _, ivs := spare(orig); len(ivs) > 0 {
		t.Errorf("the calibrated scenario opens or closes %d spare beds, want none: it is sized for the usual month", len(ivs))
	}
	const n = 50
	scs, err := cal.Resamples(n, 11, 2, ScenarioOptions{Name: "spare"})
	if err != nil {
		t.Fatal(err)
	}
	var sum, sum2 float64
	moved := 0
	for i, s := range scs {
		net, ivs := spare(s)
		sum += float64(net)
		sum2 += float64(net * net)
		if len(ivs) > 0 {
			moved++
		}
		end := s.Start.AddDate(s.Years, 0, 0)
		for _, iv := range ivs {
			if !iv.Baseline {
				t.Errorf("resample %d: %s is not marked as part of the baseline", i, iv.Label)
			}
			if !iv.From.After(s.Start) || !iv.From.Before(end) || iv.Action == model.OpenHome && iv.Count != 1 {
				t.Errorf("resample %d: %s on %s, want one bed after the start (%s) and before the end", i, iv.Label, iv.From.Format(time.DateOnly), s.Start.Format(time.DateOnly))
			}
			if iv.Action == model.CloseHome && !slices.ContainsFunc(s.Kinds[cal.kinds[inhouseHome]].Homes, func(h model.Home) bool { return h.Name == iv.Name && h.Beds == 1 }) {
				t.Errorf("resample %d closes %q, not a home of one bed at the start", i, iv.Name)
			}
		}
	}
	// The beds a month's deviation adds or takes away are the deviation's children, a tenth or
	// so more for the beds that stand empty between them (lossSize), rounded at random, which
	// adds a variance of at most a quarter of a bed: over 50 resamples their mean lies within
	// 3.29 standard errors of none, and their spread, whose relative standard error is
	// 1/sqrt(2*49), about 10%, between two thirds and one and a half times the deviations' (3.3
	// and 4 standard errors away), the rounding's variance added.
	mean := sum / n
	sd := math.Sqrt((sum2 - n*mean*mean) / (n - 1))
	t.Logf("%d of %d resamples open or close spare beds: %+.2f beds on average, spread %.2f; the return's months deviate from the usual by %.2f children, scaled to the count's swings", moved, n, mean, sd, dsd)
	if math.Abs(mean) > 3.29*sd/math.Sqrt(n) {
		t.Errorf("the resamples open %+.2f spare beds on average, want about none", mean)
	}
	if sd < dsd*2/3 || sd > math.Sqrt(math.Pow(dsd*3/2, 2)+0.25) {
		t.Errorf("the resamples' spare beds spread by %.2f, the return's months by %.2f children", sd, dsd)
	}
}

// TestKeptVariance checks keptVariance against counts that swing as it assumes: months of an
// autoregressive series whose months t years apart are correlated as exp(-t/stay), 60 of them
// (a five-year window) or 18, their deviations from the least-squares line through them (or
// their mean, for 18) squared and averaged over the months, over 4000 windows, must come to
// the share of the series' variance keptVariance gives, within 4 standard errors of their mean
// (about 1% of it). Stays of a month keep nearly all of it (1-2/n), of ten years little.
func TestKeptVariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	for _, tc := range []struct {
		months int
		stay   float64
	}{{60, 0.05}, {60, 0.5}, {60, 1}, {60, 1.5}, {18, 1}, {60, 10}} {
		years := make([]float64, tc.months)
		for i := range years {
			years[i] = float64(i-tc.months) / 12
		}
		want := keptVariance(years, tc.stay)
		phi := math.Exp(-1.0 / 12 / tc.stay)
		const windows = 4000
		var sum, sum2 float64
		x := make([]float64, tc.months)
		for range windows {
			x[0] = rng.NormFloat64()
			for i := 1; i < tc.months; i++ {
				x[i] = phi*x[i-1] + math.Sqrt(1-phi*phi)*rng.NormFloat64()
			}
			var mx, my float64
			for i := range x {
				mx += years[i]
				my += x[i]
			}
			mx /= float64(tc.months)
			my /= float64(tc.months)
			var sxy, sxx float64
			for i := range x {
				sxy += (years[i] - mx) * (x[i] - my)
				sxx += (years[i] - mx) * (years[i] - mx)
			}
			b := sxy / sxx
			if tc.months < growthMinMonths {
				b = 0
			}
			var ss float64
			for i := range x {
				d := x[i] - my - b*(years[i]-mx)
				ss += d * d
			}
			ss /= float64(tc.months)
			sum += ss
			sum2 += ss * ss
		}
		mean := sum / windows
		se := math.Sqrt((sum2/windows - mean*mean) / (windows - 1))
		t.Logf("%d months, stays of %.2f years: deviations keep %.3f±%.3f of the variance, keptVariance %.3f", tc.months, tc.stay, mean, se, want)
		if math.Abs(mean-want) > 4*se {
			t.Errorf("%d months, stays of %.2f years: deviations keep %.3f±%.3f of the variance, keptVariance says %.3f", tc.months, tc.stay, mean, se, want)
		}
	}
	if k := keptVariance([]float64{0}, 1); k != 1 {
		t.Errorf("a window of one month keeps %.3f, want 1", k)
	}
}

// TestLadderSmallKind checks the share a ladder gives a kind that 1 to 4 of a band's entrants
// were first placed in: 2.5 of them (what "fewer than 5" means on average), taken from the
// band's commonest kind, whose note counts them with its own; no count of 1 to 4 is written.
func TestLadderSmallKind(t *testing.T) {
	base := baseScenario(t)
	_, cal := calibrated(t, base, typical(), 3, time.Time{})
	var band *KindMix
	for i := range cal.Estimates.FirstPlacement {
		if m := &cal.Estimates.FirstPlacement[i]; m.Ages.FromYears == 1 && !m.UASC {
			band = m
		}
	}
	if band == nil {
		t.Fatal("no band of entrants aged 1-4")
	}
	band.Counts = [numKinds]int{kinship: 20, inhouseFoster: 30, ifa: 26, otherSettings: 3}
	const n = 79
	s, notes := cal.Scenario(ScenarioOptions{Name: "ladders", Extends: "default"})
	var l *model.Ladder
	for i := range s.Ladders {
		if w := s.Ladders[i].Who; w.Ages.FromYears == 1 && w.Needs == model.NeedsOf(model.NeedStandard) && w.UASC == model.UASCNot {
			l = &s.Ladders[i]
			break
		}
	}
	if l == nil {
		t.Fatal("no ladder for entrants aged 1-4")
	}
	share := map[string]float64{}
	for i, k := range l.Try {
		share[s.Kinds[k].Name] = l.Shares[i]
		if s.Kinds[k].Name == "other_settings" {
			path := fmt.Sprintf("ladders[%d].shares[%d]", slices.IndexFunc(s.Ladders, func(x model.Ladder) bool { return x.Who == l.Who }), i)
			if note := notes.Comments[path]; !strings.Contains(note, "fewer than 5") {
				t.Errorf("the note on other settings' share does not say it rests on fewer than 5 children: %q", note)
			}
		}
	}
	for name, want := range map[string]float64{"other_settings": 2.5 / n, "inhouse_foster": (56 + 3 - 2.5) / n, "kinship": 20.0 / n} {
		if math.Abs(share[name]-want) > 0.0005 {
			t.Errorf("%s: share %.3f, want %.3f", name, share[name], want)
		}
	}
	var y bytes.Buffer
	if err := writeScenario(&y, cal, ScenarioOptions{Name: "ladders", Extends: "default"}); err != nil {
		t.Fatal(err)
	}
	noSmallCounts(t, "scenario", y.String())
}

// TestOwnCarersEmptyPlaces checks that the council's own carers are sized for the children of
// a usual month, less those living with a household winding down (windingDown), and the places
// a pool filled first keeps empty whatever its size (emptyCarerPlaces), and the young people
// staying put with them at the start (stayingPutWith), as the base's households hold its
// children: a council of 60 entries a year, whose carers hold some 35 children, has three
// households more than the usual month alone asks (the 3.4 empty places are 2.6 households at
// the base's 0.76 a child; with 2.7 it had two), and the note on the households says why.
func TestOwnCarersEmptyPlaces(t *testing.T) {
	base := baseScenario(t)
	st := studyTruths(true)[0]
	_, cal := calibrated(t, base, st.truth, 101, backtestStart(st.truth))
	s, notes := cal.Scenario(ScenarioOptions{Name: "carers"})
	id := cal.kinds[inhouseFoster]
	bk := base.Kinds[id].Carers
	var held int
	for _, g := range base.Stock {
		if g.Kind == id {
			held += g.Count
		}
	}
	typical := cal.Estimates.Typical[inhouseFoster.String()]
	f := float64(bk.Households) / float64(held)
	got := s.Kinds[id].Carers.Households
	put := (&builder{s: s}).stayingPutWith(id)
	down := windingDown(bk, cal.placementEnds(inhouseFoster))
	want := int(math.Round((typical*(1-down) + emptyCarerPlaces + put) * f))
	// Or as many as hold the stock placed with them, where that is more (holdingHouseholds).
	with := (&builder{s: s}).stockIn(id)
	if hold := holdingHouseholds(s.Kinds[id].Carers.PlacesMix, with+int(math.Ceil(put)), holdChance); hold > want {
		t.Logf("%d households hold the %d children of the stock with them, where a usual month needs %d", hold, with, want)
		want = hold
	}
	if got != want {
		t.Errorf("%d households for %.1f children in a usual month, want %d: %.1f children less %.1f%% with households winding down, %.1f empty places and %.1f young people staying put at the base's %d households for %d children", got, typical, want, typical, 100*down, emptyCarerPlaces, put, bk.Households, held)
	}
	if alone := int(math.Round(typical * f)); got-alone < 2 {
		t.Errorf("%d households, %d more than the usual month's %.1f children alone ask: want 2 or more", got, got-alone, typical)
	}
	if note := notes.Comments[fmt.Sprintf("kinds[%d].carers.households", id)]; !strings.Contains(note, "keeps empty whatever its size") {
		t.Errorf("the note on the households does not give the empty places: %q", note)
	}
}

// TestOwnCarersWindingDown checks that the council's own carers, filled first, hold the
// children of the usual month through the first year of the calibrated scenario, not more. A
// household that deregisters leaves the pool's places at once but keeps its children for up to
// the base's 90 days of wind-down, so that a pool whose places were sized for the usual month
// held 2-3% more children than it: the first returns of the coverage study's council of 350
// entries a year held 4.3% more on average through the first year (1.4-6.1% return by return,
// 20 replications each), and the council's foster care came 3.0%, 3.4% and 3.7% above the
// return's months in the study's three years. Sized for the usual month less the children with a
// household winding down (the base's carers leave at 13.2% a year over their ages, and keep their
// children for about 80 of the 90 days), they held 1.6% more (-0.5% to 2.6%) with the 2.7 empty
// places of emptyCarerPlaces's first measure, and hold 2.3% more (-0.6% to 4.7%) with its 3.4.
// The share is the leaving rate times the years a child stays on, and none without a wind-down.
//
// The pool's size follows the base's households per child in its own foster care
// (capacityFactor), and the base's stock, its rules' steady state, moves by a child or so there
// whenever its rules change: with the default's UASC placed as England's are it holds 211
// children with the council's carers, not 212, which gives two of the four returns a household
// more (133 and 139 become 134 and 140) and the four 2.6% more (0.6% to 4.6%). A household is
// about 0.75% of the pool's 130-140, so the limit is the 2.3% measured and one household more,
// 3%: a pool sized with its wind-down still well below the 4.3% of one sized without it.
func TestOwnCarersWindingDown(t *testing.T) {
	base := baseScenario(t)
	st := studyTruths(true)[1]
	id := model.KindID(0)
	var sum float64
	var first *Calibration // the first return's, for the share's own checks below
	const n = 4
	for i := range uint64(n) {
		_, cal := calibrated(t, base, st.truth, coverageSeedDefault+st.seeds+i, backtestStart(st.truth))
		if first == nil {
			first = cal
		}
		id = cal.kinds[inhouseFoster]
		s, notes := cal.Scenario(ScenarioOptions{Name: "winding"})
		if note := notes.Comments[fmt.Sprintf("kinds[%d].carers.households", id)]; !strings.Contains(note, "winding down") {
			t.Errorf("return %d: the note on the households does not give the children with households winding down: %q", i, note)
		}
		// Carers raised to hold the stock placed with them (holdingHouseholds) hold more than a
		// usual month through the first year, as the stock does: the pool is run as the usual
		// month sizes it, which this test is about.
		if _, after, ok := strings.Cut(notes.Comments[fmt.Sprintf("kinds[%d].carers.households", id)], "a usual month needs "); ok {
			var usual int
			if _, err := fmt.Sscanf(after, "%d", &usual); err == nil {
				s.Kinds[id].Carers.Households = usual
			}
		}
		SetYears(s, 1)
		res, err := sim.Run(s, sim.Options{Reps: 20, Seed: 1, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		var held float64
		for _, m := range []string{"children_inhouse_foster", "children_specialist_foster"} {
			j := slices.Index(res.Metrics, m)
			if j < 0 {
				t.Fatalf("the simulation records no %s", m)
			}
			for pos := range res.Reps {
				rec, err := res.MonthlyRecord(pos)
				if err != nil {
					t.Fatal(err)
				}
				for mo := range 12 {
					held += rec[mo*len(res.Metrics)+j] / 12 / float64(len(res.Reps))
				}
			}
		}
		typical := cal.Estimates.Typical[inhouseFoster.String()]
		t.Logf("return %d: %.1f children a month through the first year, %.1f in the usual month", i, held, typical)
		sum += held/typical - 1
	}
	if mean := sum / n; math.Abs(mean) > 0.03 {
		t.Errorf("the council's own foster care held %+.1f%% more children than the usual month through the first year, on average over %d returns: want within 3%%", 100*mean, n)
	}
	bk := base.Kinds[id].Carers
	if l := leavingPerYear(bk); math.Abs(l-0.132) > 0.001 {
		t.Errorf("the base's carers leave at %.4f a year over their ages, want 0.132 (deregistration 0.11 and retirement)", l)
	}
	none := *bk
	none.WindDownDays = 0
	if w := windingDown(&none, first.placementEnds(inhouseFoster)); w != 0 {
		t.Errorf("without a wind-down, %.3f of the children live with a household winding down, want none", w)
	}
	if w, most := windingDown(bk, first.placementEnds(inhouseFoster)), leavingPerYear(bk)*bk.WindDownDays/model.DaysPerYear; w <= 0 || w >= most {
		t.Errorf("%.4f of the children live with a household winding down, want above 0 and below %.4f, the leaving rate times the whole wind-down", w, most)
	}
}

// TestHomeBeds checks the beds of the council's homes for the children of a usual month: with
// the base's 8 beds full (its steady state's 8 children), Erlang's loss formula gives only the
// base's proportion, and the beds are the children and the beds homes filled first keep empty
// (emptyHomeBeds); with 7 children in the 8 beds, the formula's, which are more; none for none.
func TestHomeBeds(t *testing.T) {
	for _, tc := range []struct {
		held              float64
		baseHeld, baseBed int
		want              float64
	}{
		{1.2, 8, 8, 1.2 + emptyHomeBeds},
		{7.7, 8, 8, 7.7 + emptyHomeBeds},
		{1.6, 7, 8, lossSize(1.6, 7, 8)},
		{0, 8, 8, 0},
	} {
		if got := homeBeds(tc.held, tc.baseHeld, tc.baseBed); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("homeBeds(%g, %d, %d) = %g, want %g", tc.held, tc.baseHeld, tc.baseBed, got, tc.want)
		}
	}
	if lossSize(1.6, 7, 8) <= 1.6+emptyHomeBeds {
		t.Errorf("the loss formula gives %.2f beds for 1.6 children in the base's 7 in 8: not more than the empty beds' %.2f, the case above is not the formula's", lossSize(1.6, 7, 8), 1.6+emptyHomeBeds)
	}
}

// TestOwnHomesUsualMonth checks the beds the council's homes open through the run where the 12
// months before the start held fewer children than a usual month of the window, by chance:
// as many beds as the window's usual month needs beyond the 12 months', one at a time, the
// first within a stay of the start and every one before the run's end, the homes at the start
// as the 12 months size them; none where the 12 months held as many or more, and none where
// they fell below the window's by more than chance gives (a home closed within the window).
func TestOwnHomesUsualMonth(t *testing.T) {
	base := baseScenario(t)
	_, cal := calibrated(t, base, typical(), 3, time.Time{})
	cal.homesFirst = true
	id := cal.kinds[inhouseHome]
	held, beds := 0, 0
	for _, g := range base.Stock {
		if g.Kind == id {
			held += g.Count
		}
	}
	for _, h := range base.Kinds[id].Homes {
		beds += h.Beds
	}
	usual := func(s *model.Scenario) (opened []model.Intervention) {
		for _, iv := range s.Interventions {
			if iv.Kind == id && iv.Action == model.OpenHome && strings.HasPrefix(iv.Name, "Usual bed") {
				opened = append(opened, iv)
			}
		}
		return opened
	}
	for _, tc := range []struct {
		typical, level float64
		open           bool
	}{
		{0.45, 1.4, true},  // a quiet year of a small council's homes
		{0, 1.4, true},     // no child in the 12 months, one or two in the window
		{0.6, 7, false},    // 6.4 below 7, beyond 2·sqrt(7) = 5.3: a home closed
		{1.4, 0.45, false}, // a busy year: the homes as the 12 months size them
		{2, 4, false},      // a usual month of a child or more: the 12 months size the homes
	} {
		cal.Estimates.HomesAtStart, cal.Estimates.HomesLevel = tc.typical, tc.level
		s, _ := cal.Scenario(ScenarioOptions{Name: "homes"})
		cal.Estimates.HomesLevel = 0
		alone, _ := cal.Scenario(ScenarioOptions{Name: "homes"})
		if got, want := openBeds(s, id), openBeds(alone, id); got != want {
			t.Errorf("%.2f children in the 12 months, %.2f in the window's usual month: %d beds at the start, want the 12 months' %d", tc.typical, tc.level, got, want)
		}
		opened := usual(s)
		want := 0
		if tc.open {
			want = int(math.Round(homeBeds(tc.level, held, beds))) - int(math.Round(homeBeds(tc.typical, held, beds)))
		}
		if len(opened) != want {
			t.Errorf("%.2f children in the 12 months, %.2f in the window's usual month: %d beds open through the run, want %d", tc.typical, tc.level, len(opened), want)
		}
		end := s.Start.AddDate(s.Years, 0, 0)
		for i, iv := range opened {
			if !iv.From.After(s.Start) || !iv.From.Before(end) || iv.Count != 1 || i > 0 && iv.From.Before(opened[i-1].From) {
				t.Errorf("%s on %s: want one bed each, after the start (%s), before the end and in order", iv.Name, iv.From.Format(time.DateOnly), s.Start.Format(time.DateOnly))
			}
		}
		if err := s.Validate().Err(); err != nil {
			t.Errorf("%.2f children in the 12 months: the scenario does not validate: %v", tc.typical, err)
		}
	}
	for _, tc := range []struct{ typical, level, want float64 }{
		{0.45, 1.4, 1.4}, {1.4, 0.45, 1.4}, {0.6, 7, 0.6}, {0.9, 5, 5}, {2, 4, 2}, {0, 0, 0},
	} {
		if got := usualHomes(tc.typical, tc.level); got != tc.want {
			t.Errorf("usualHomes(%g, %g) = %g, want %g", tc.typical, tc.level, got, tc.want)
		}
	}
}

// TestHomesAtStart checks the council's own homes' usual month at the start against a count of
// known expectation: children come to the homes as a Poisson stream growing 7% a year and stay
// exponential times of half a year, so that the count's expectation is λ(t)·s/(1+b·s), growing
// as the stream does. Over many windows of five years, homesAtStart at homesGrowth's change
// (all children in care, here the homes' own) comes within four standard errors of the
// expectation on the start day, where the plain mean of the 13 days (Typical) lags it by half a
// year's growth, about 3.5%: more than four standard errors below it, so that the test fails
// should homesAtStart stop carrying the months to the start.
func TestHomesAtStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 903))
	const (
		windows = 400
		atStart = 50.0 // the expected count on the start day
		b       = 0.07 // the stream's yearly log-growth, within maxGrowth
		stay    = 0.5  // years
	)
	start := dayOf(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
	from := start.addYears(-5)
	lambda0 := atStart * (1 + b*stay) / stay // arrivals a year on the start day
	var sum, sum2, sumTypical, sumG float64
	for range windows {
		r := &Return{Quality: &Quality{}}
		// Arrivals by thinning from 12 years before the start to the start, at the
		// stream's rate on the start day, the highest.
		for x := -12.0; ; {
			x += rng.ExpFloat64() / lambda0
			if x >= 0 {
				break
			}
			if rng.Float64() >= math.Exp(b*x) {
				continue
			}
			in := start + day(math.Floor(x*model.DaysPerYear))
			out := in + 1 + day(math.Floor(rng.ExpFloat64()*stay*model.DaysPerYear))
			r.periods = append(r.periods, period{start: in, end: out, first: int32(len(r.places)), n: 1})
			r.places = append(r.places, placement{start: in, end: out, kind: inhouseHome})
		}
		c := &Calibration{ret: r}
		c.Estimates.From, c.Estimates.To = from.time(), (start - 1).time()
		g, _ := c.homesGrowth()
		v := c.homesAtStart(g)
		sum += v
		sum2 += v * v
		sumTypical += c.homesAtStart(0)
		sumG += g
	}
	mean := sum / windows
	se := math.Sqrt((sum2/windows - mean*mean) / (windows - 1))
	typ := sumTypical / windows
	t.Logf("expected %.2f on the start day: homesAtStart %.2f±%.2f (growth %.1f%% a year, %.1f%% fitted), the 13 days' plain mean %.2f", atStart, mean, se, 100*math.Expm1(b), 100*sumG/windows, typ)
	if math.Abs(mean-atStart) > 4*se {
		t.Errorf("homesAtStart is %.2f±%.2f on average, want the expected count on the start day, %.2f", mean, se, atStart)
	}
	if atStart-typ < 4*se {
		t.Errorf("the 13 days' plain mean is %.2f, within four standard errors (%.2f) of the count on the start day: the test cannot tell a lag", typ, se)
	}
}
