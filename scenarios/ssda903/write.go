package ssda903

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
)

// ScenarioOptions says how to make a calibrated scenario.
type ScenarioOptions struct {
	// Name is the scenario's name.
	Name string
	// Extends is what the file extends: the base scenario's built-in name or path
	// ("default"), as the notes name it.
	Extends string
	// Sources describes the files read, for the file's heading ("3 episodes files, 3 header
	// files and 3 UASC files").
	Sources string
	// ChildPopulation is the number of children under 18 living in the council's area, which
	// the return does not say; 0 keeps the base's, and the file says so.
	ChildPopulation int
	// exactStock starts the scenario from the stock as the return holds it, kinds and ages
	// of 1 to 4 children unmerged: for the resamples a backtest simulates and never writes.
	exactStock bool
}

// Notes say where the numbers of a calibrated scenario come from, for the file that holds it:
// written as comments beside the numbers, they make it a file a reader can check.
type Notes struct {
	// Header is the file's heading, one comment line a line of text.
	Header string
	// Comments say, by field path ("entries.per_year", "stays[2].exits",
	// "kinds[3].carers.households", a kind numbered as in the scenario's Kinds), what each
	// number estimated from the return rests on: the children behind it, its 90% interval
	// and the return's fields it comes from, or that it is the base's because too few
	// children are. They are the comments scenarios.EncodeOptions takes.
	Comments map[string]string
	// Sections are paragraphs that explain a part of the file, by the path of the field they
	// stand above ("stays"), one comment line a line of text.
	Sections map[string]string
}

// Scenario returns the calibrated scenario, the base with what the return can say set from
// it, and the notes on its numbers. Its numbers are rounded as the file shows them, so that
// the file read back gives it; no count below MinChildren is in it or its notes. Written as a
// file that extends the base (scenarios.Encode with its Base), only what the return sets
// differs from the base.
func (c *Calibration) Scenario(opt ScenarioOptions) (*model.Scenario, Notes) {
	s := *c.base
	b := &builder{c: c, e: &c.Estimates, s: &s, opt: opt, notes: Notes{Comments: map[string]string{}, Sections: map[string]string{}}}
	b.build(opt)
	return &s, b.notes
}

// builder makes a calibrated scenario from a copy of the base: every slice it changes is its
// own, so the base is left as it was.
type builder struct {
	c     *Calibration
	e     *Estimates
	s     *model.Scenario
	notes Notes
	opt   ScenarioOptions
	// openBeds are the beds of the council's homes opened as the run goes on, one a home,
	// as the children in its homes grew over the window.
	openBeds []model.Intervention
	// homesGroup is the stock group written with a homes_share (stockHomes), or -1.
	homesGroup int
	// capped lists, for the data-quality report (Quality.Capped), each figure written at a
	// bound it was held to, with what the estimate gave.
	capped []string
}

// cap records, for the data-quality report, that the figure at path was written at a bound:
// what says the figure the estimate gave and the bound, as the comment beside it does.
func (b *builder) cap(path, what string) {
	b.capped = append(b.capped, fmt.Sprintf("`%s`: %s", path, what))
}

// note records the comment beside the field at path.
func (b *builder) note(path, text string) { b.notes.Comments[path] = text }

// section records the paragraph above the field at path, wrapped to fit beside its indent.
func (b *builder) section(path, text string, indent int) {
	b.notes.Sections[path] = strings.Join(wrapText(text, 96-2*indent), "\n")
}

// round rounds v to at most decimals decimals, as the file writes it.
func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	v = math.Round(v*p) / p
	if v == 0 {
		return 0
	}
	return v
}

// num writes v with at most decimals decimals, trailing zeros dropped.
func num(v float64, decimals int) string {
	return strconv.FormatFloat(round(v, decimals), 'f', -1, 64)
}

// pctHeld writes a trend held to the model's limit as a percentage with one decimal, so that
// it reads apart from the limit itself (-90.2%, not -90%).
func pctHeld(v float64) string {
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

// pct writes a share as a percentage with one decimal, or none from 10%.
func pct(v float64) string {
	if math.Abs(v) >= 0.1 {
		return strconv.FormatFloat(100*v, 'f', 0, 64) + "%"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

// count writes a number of children (or other things), or "fewer than 5" for 1 to 4, so
// that no small count is written.
func count(n int, word string) string {
	if hidden(n) {
		return "fewer than 5 " + plural(2, word)
	}
	return strconv.Itoa(n) + " " + plural(n, word)
}

// interval writes a 90% interval.
func interval(lo, hi float64, decimals int) string {
	return "90%: " + num(lo, decimals) + "-" + num(hi, decimals)
}

// years writes a number of days as years.
func years(days float64) string { return yearCount(days / model.DaysPerYear) }

// yearCount writes a number of years with at most one decimal: "1 year", "4.5 years".
func yearCount(v float64) string {
	if n := num(v, 1); n != "1" {
		return n + " years"
	}
	return "1 year"
}

// perNeed returns v for every need.
func perNeed(v float64) [model.NumNeeds]float64 {
	var out [model.NumNeeds]float64
	for i := range out {
		out[i] = v
	}
	return out
}

func (b *builder) build(opt ScenarioOptions) {
	c, e, s := b.c, b.e, b.s
	q := c.ret.Quality
	la := q.LA
	if la == "" {
		la = "the council"
	}
	to := e.Start.Format("2006-01-02")
	head := wrapText(fmt.Sprintf("Calibrated by placesim calibrate from the SSDA903 return of %s (%s), over %s up to %s (%s).",
		la, opt.Sources, e.From.Format("2006-01-02"), to, yearCount(float64(dayOf(e.Start)-dayOf(e.From))/model.DaysPerYear)), 96)
	head = append(head, wrapText("Every estimate says how many children it rests on and its 90% interval. What the return "+
		"cannot say (needs, carers, homes and their costs, prices, ladders) comes from the base scenario \""+
		opt.Extends+"\", as do the values marked \"base\", used where fewer than 5 children are behind an "+
		"estimate. No count below 5 is written: smaller groups are merged with their neighbours. The "+
		"data-quality report beside this file says what was read, dropped and changed. That holds for "+
		"this file and the report alone: beside a calibration of the same return over another window "+
		"(a backtest's), the counts and rates of the two differ by the children of the months between "+
		"them, which can be 1 to 4. Share one window's files.", 96)...)
	b.notes.Header = strings.Join(head, "\n")
	s.Name = opt.Name
	s.Description = fmt.Sprintf("%s's children in care as its SSDA903 return shows them on %s: entries, "+
		"ages, time in care, exit routes, placements and moves estimated from the return over %s up to %s; "+
		"everything else as in %s.", upperFirst(la), to, e.From.Format("2006-01-02"), to, opt.Extends)
	s.Start = e.Start
	b.note("start", "the day after the window: the stock below is the children in care at the end of its last day")
	s.PricesAt = aprilOf(c.base.PricesFrom())
	b.note("prices_at", fmt.Sprintf("the base's (%s): its prices, which this file keeps, are %s's, whatever the start; "+
		"inflation_per_year carries them to each year of the run", opt.Extends, model.FinancialYear(s.PricesAt)))
	s.WarmupYears = 0
	b.note("warmup_years", "the stock is the council's own position on the start day, not one a warm-up reaches")
	b.population()
	b.entries()
	b.uasc()
	b.stock()
	b.stays("stays", e.Stays, c.base.Stays, "at entry")
	stock := c.base.StockStays
	if len(stock) == 0 {
		stock = c.base.Stays
	}
	b.stays("stock_stays", stockRules(e.StockStays, e.StockStaysByKind), stock, "now")
	b.stayingPut()
	b.stayingPutStock()
	b.careLeavers()
	b.kinds()
	b.stockAccepts()
	b.stockHomes()
	b.ladders()
	b.stepDown()
	c.ret.Quality.Capped = b.capped
}

// aprilOf returns 1 April of the financial year holding d.
func aprilOf(d time.Time) time.Time {
	y := d.Year()
	if d.Month() < time.April {
		y--
	}
	return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
}

// population sets the council's child population where calibrate was given it, and
// otherwise says in the file that it is the base's: the return does not hold it, and with it
// the National Transfer Scheme's threshold (a share of it) and every rate per child are the
// base's council's.
func (b *builder) population() {
	s, base := b.s, b.c.base
	if n := b.opt.ChildPopulation; n > 0 {
		s.ChildPopulation = n
		b.note("child_population", "the council's children under 18, given to calibrate (--population)")
	} else {
		b.note("child_population", fmt.Sprintf("the base's (%s), not the council's: the return does not hold it; "+
			"set the council's children under 18 here (ONS mid-year estimates) or calibrate with --population", b.opt.Extends))
	}
	if base.UASC.TransferThresholdShare > 0 {
		b.note("uasc.transfer_threshold_share", fmt.Sprintf("the base's National Transfer Scheme threshold: a share of child_population, %s children here",
			strconv.Itoa(int(math.Round(base.UASC.TransferThresholdShare*float64(s.ChildPopulation))))))
	}
}

func (b *builder) entries() {
	e, s := &b.e.Entries, b.s
	b.section("entries", "Children coming into care (not UASC): periods of care that began in the window.", 0)
	warn := ""
	if w := e.Warning(); w != "" {
		warn = "; warning: " + w
	}
	if e.Count < MinChildren {
		s.Entries.PerYear = 0
		b.note("entries.per_year", "fewer than 5 children entered in the window"+warn)
		return
	}
	rate := e.PerYear
	how := fmt.Sprintf("%s entered in %s", count(e.Count, "child"), yearCount(e.Years))
	few := ""
	switch {
	case e.Averaged:
		how += ", the window's average, not the rate of its last 12 months, in which no child entered"
	case e.TrendFixed || e.offTrend():
		how = "the rate over the last 12 months of the window, assumed to stay there"
		if e.offTrend() {
			how += ", as the months do not follow the trend fitted to them"
		}
		// Entrants of 1 to 4 in those months, or before them, are written as though 2.5
		// (fewRate): the window's count, which the age mix gives, less theirs would give
		// the others'.
		if n := rate.N; n > 0 && n < e.Count {
			exposure, k := float64(n)/rate.Value, fewCount(n)
			switch {
			case n < MinChildren:
				few = "; fewer than 5 children entered in them: the rate and its interval are written as though 2.5 had, the middle of 1 to 4"
			case e.Count-n < MinChildren:
				k = float64(e.Count) - 2.5
				few = "; fewer than 5 children entered before them: the rate and its interval are written as though 2.5 had, the middle of 1 to 4, and the window's others in them"
			}
			rate = poissonRateOf(k, exposure)
		}
	case e.TrendUsed:
		how += "; the fitted rate on the start date"
	}
	s.Entries.PerYear = round(rate.Value, 1)
	b.note("entries.per_year", how+" ("+interval(rate.Low, rate.High, 1)+")"+few+warn)
	s.Entries.TrendPerYear = 0
	switch {
	case e.TrendFixed:
		b.note("entries.trend_per_year", "no trend fitted (calibrate --no-trend)")
	case e.TrendUsed:
		s.Entries.TrendPerYear = round(e.TrendCarried, 4)
		note := fmt.Sprintf("fitted %s a year (90%%: %s to %s), %s standard errors from none: a log-linear Poisson fit of the monthly counts; carried forward shrunk towards none", pct(e.Trend.Value), pct(e.Trend.Low), pct(e.Trend.High), num(math.Abs(e.TrendZ), 1))
		if e.TrendCapped != 0 {
			note += fmt.Sprintf(", to %s, held to %s, the limit a scenario accepts", pctHeld(e.TrendCapped), pct(e.TrendCarried))
			b.cap("entries.trend_per_year", fmt.Sprintf("the trend carried forward came to %s a year, held to %s, the limit a scenario accepts", pctHeld(e.TrendCapped), pct(e.TrendCarried)))
		}
		b.note("entries.trend_per_year", note)
	case e.TrendRunsOff:
		b.note("entries.trend_per_year", "a fitted trend would run to "+pct(e.Trend.Value)+" a year, not carried: "+trendOff(e))
	case e.offTrend():
		b.note("entries.trend_per_year", fmt.Sprintf("fitted %s a year (90%%: %s to %s), %s standard errors from none, but not carried: %s", pct(e.Trend.Value), pct(e.Trend.Low), pct(e.Trend.High), num(math.Abs(e.TrendZ), 1), trendOff(e)))
	case e.Months >= 12 && e.Count >= MinChildren:
		b.note("entries.trend_per_year", fmt.Sprintf("estimated %s a year (90%%: %s to %s), %s standard errors from none: not clear at the 1%% level, none assumed", pct(e.Trend.Value), pct(e.Trend.Low), pct(e.Trend.High), num(math.Abs(e.TrendZ), 1)))
	default:
		b.note("entries.trend_per_year", "the window is too short to see a trend")
	}
	if e.SeasonalityUsed {
		var ms []float64
		for _, v := range e.Seasonality {
			ms = append(ms, round(v, 3))
		}
		// Rounding to three decimals can move the mean off 1 by a little more than the
		// format allows: put the difference on the largest month.
		copy(s.Entries.Seasonality[:], fixMean(ms))
		b.note("entries.seasonality", "January first: the months differ more than chance would make them (likelihood-ratio test, 10% level)")
	} else if e.seasonTested {
		s.Entries.Seasonality = [12]float64{}
		b.note("entries.seasonality", "the months differ no more than chance would make them: none assumed")
	} else if e.Months >= 24 {
		s.Entries.Seasonality = [12]float64{}
		b.note("entries.seasonality", seasonUntested(e.Months))
	}
	s.Entries.Ages = b.ages("entries.ages", e.Ages, false)
	b.note("entries.ages", "age at entry; needs: the complex (and solo) share is set so the ladders send as many to residential care on entry as the return shows")
	if s.Entries.SiblingShare > 0 {
		// The ladders' shares are the return's first placements by each child's own age,
		// brothers and sisters placed together among them: a group matched on its eldest's
		// ladder would take its youngest from where the return shows children of their age go
		// (babies from parents and family, into foster care), and draw the mix by kind away
		// from the return's.
		s.Entries.SiblingShare = 0
		b.note("entries.siblings.share", "none: the ladders hold the return's first placements by each child's own age, brothers and sisters placed together among them; set a share to study sibling groups")
	}
}

// seasonUntested says why seasonality was not looked for in a window of months months.
func seasonUntested(months int) string {
	if months < minSeasonMonths {
		return fmt.Sprintf("none assumed: over fewer than %d months each month of the year is seen too few times to tell seasons from a trend or a step in the rate", minSeasonMonths)
	}
	return fmt.Sprintf("none assumed: a month of the year holds fewer than %d entries over the window, too few to give it a factor", MinChildren)
}

// fixMean adjusts twelve rounded multipliers so that they average 1 exactly.
func fixMean(ms []float64) []float64 {
	var sum float64
	big := 0
	vals := slices.Clone(ms)
	for i, v := range vals {
		sum += v
		if v > vals[big] {
			big = i
		}
	}
	vals[big] += 12 - sum
	for i, v := range vals {
		vals[i] = round(v, 3)
	}
	return vals
}

// ages returns an age mix, with a note on each band.
func (b *builder) ages(path string, mix []AgeShare, uasc bool) []model.AgeShare {
	shares := make([]float64, len(mix))
	for i, a := range mix {
		shares[i] = a.Share.Value
	}
	shares = roundTo(shares, 3)
	out := make([]model.AgeShare, len(mix))
	for i, a := range mix {
		out[i] = model.AgeShare{Ages: a.Ages, Share: shares[i], NeedShares: needsOf(a.Needs), MaleShare: round(a.MaleShare.Value, 2)}
		cm := fmt.Sprintf("%s (%s)", count(a.Children, "child"), interval(a.Share.Low, a.Share.High, 2))
		// The complex (and solo) share of the needs is the band's share first placed in
		// residential care: where they, or the others, are 1 to 4, it is written as though
		// they were smallShown, the middle of what "fewer than 5" can mean, so that the
		// share times the band's count does not give them away.
		switch n, res := a.Residential.N, int(math.Round(a.Residential.Value*float64(a.Residential.N))); {
		case res >= MinChildren && n-res > 0 && n-res < MinChildren:
			if !uasc {
				out[i].NeedShares = needsOf(b.c.needs(a.Ages, uasc, (float64(n)-smallShown)/float64(n)))
			}
			cm += fmt.Sprintf("; all but fewer than 5 first placed in residential care%s", when(!uasc, ", the complex share written as though "+num(smallShown, 1)+" were not"))
		case res >= MinChildren:
			cm += fmt.Sprintf("; %s first placed in residential care", pct(a.Residential.Value))
		case res > 0:
			if !uasc {
				out[i].NeedShares = needsOf(b.c.needs(a.Ages, uasc, smallShown/float64(n)))
			}
			cm += fmt.Sprintf("; fewer than 5 first placed in residential care%s", when(!uasc, ", the complex share written as though "+num(smallShown, 1)+" were"))
		}
		if boys := int(math.Round(a.MaleShare.Value * float64(a.MaleShare.N))); fewBoysOrGirls(boys, a.MaleShare.N) {
			out[i].MaleShare = round(b.c.baseMale(a.Ages, uasc), 2)
			cm += "; " + baseMaleNote
		}
		b.note(fmt.Sprintf("%s[%d]", path, i), cm)
	}
	return out
}

// needsOf returns a need mix as the file writes it: each share to three decimals, and
// standard need for a mix of nothing.
func needsOf(n [model.NumNeeds]float64) [model.NumNeeds]float64 {
	var out [model.NumNeeds]float64
	some := false
	for i, v := range n {
		if v > 0 {
			out[i], some = round(v, 3), true
		}
	}
	if !some {
		out[model.NeedStandard] = 1
	}
	return out
}

func (b *builder) uasc() {
	u, s := &b.e.UASC, b.s
	b.section("uasc", "Unaccompanied asylum-seeking children: periods of care that began before the child's UASC status ended (DUC in the UASC files).", 0)
	if b.c.ret.Quality.NoUASCFile {
		s.UASC.PerYear = 0
		b.note("uasc.per_year", "no UASC file was given: UASC cannot be told apart from the other children, and are counted with them; set it by hand, or calibrate with the UASC files")
		return
	}
	if u.Count < MinChildren {
		s.UASC.PerYear = 0
		b.note("uasc.per_year", "fewer than 5 UASC arrived in the window: too few to estimate or to show; set it by hand")
		return
	}
	s.UASC.PerYear = round(u.PerYear.Value, 1)
	b.note("uasc.per_year", fmt.Sprintf("%s in %s (%s)", count(u.Count, "arrival"), yearCount(b.e.Entries.Years), interval(u.PerYear.Low, u.PerYear.High, 1)))
	s.UASC.Ages = b.ages("uasc.ages", u.Ages, true)
	b.note("uasc.ages", "age at arrival; needs as in the base scenario")
}

func (b *builder) stock() {
	c, e := b.c, b.e
	var total int
	for _, cl := range e.Stock {
		total += cl.Count
	}
	b.section("stock", fmt.Sprintf("The children in care at the end of the window, on %s: %s, by placement on its last day (the mapping of PLACE and PLACE_PROVIDER in scenarios/ssda903/README.md) and age, 16 and 17 apart: placesim draws a child's age evenly within their group, and the 18th birthday ends care. Groups of fewer than 5 are merged (the data-quality report lists them). Needs as in the base scenario's stock of the same kind and age.%s",
		e.Start.Format("2006-01-02"), count(total, "child"), c.stale.note()), 0)
	b.s.Stock = nil
	b.homesGroup = -1
	hc := c.homesCell()
	cells := e.Stock
	if b.opt.exactStock && c.exactStock != nil {
		cells, hc = c.exactStock, nil // the homes' children in a group of their own
	}
	for k := range numKinds {
		for _, uasc := range []bool{false, true} {
			for _, cl := range cells {
				if cl.Kind != k.String() || cl.UASC != uasc {
					continue
				}
				var cm string
				switch {
				case cl.padded > 0:
					cm = fmt.Sprintf("fewer than 5 aged %d, with as many aged %d as make 5, so that no count is below 5: the 18th birthdays of each of the first two years within 1.5 of the return's", cl.padded, otherAge(cl.padded))
				case cl.padRest:
					cm = fmt.Sprintf("the others aged %d, some being in the group of 16-17 beside it", cl.Ages.FromYears)
				case cl.Merged:
					cm = "merged from smaller groups so that no count is below 5"
				}
				male := round(float64(cl.Male)/float64(cl.Count), 2)
				if fewBoysOrGirls(cl.Male, cl.Count) {
					male = round(c.stockMaleShare(k, cl.Ages, uasc), 2)
					cm = joinNotes(cm, baseMaleNote)
				}
				if cm != "" {
					b.note(fmt.Sprintf("stock[%d]", len(b.s.Stock)), cm)
				}
				if hc != nil && cl.Kind == hc.Kind && cl.Ages == hc.Ages && cl.UASC == hc.UASC {
					b.homesGroup = len(b.s.Stock)
				}
				needs := c.stockNeeds(k, cl.Ages, uasc)
				if !uasc && k.category() != model.Residential {
					// Complex needs stand for residential care (ladders).
					needs = [model.NumNeeds]float64{model.NeedStandard: 1}
				}
				b.s.Stock = append(b.s.Stock, model.StockGroup{Kind: c.kinds[k], Ages: cl.Ages, Count: cl.Count,
					NeedShares: needsOf(needs), MaleShare: male, UASC: uasc})
			}
		}
	}
}

// stockAccepts widens what a kind accepts to the children the return has placed in it on the
// start day: a council's own children's homes that hold a child of 9 take children of 9, and
// kinship carers who look after an unaccompanied child take UASC, whatever the base's kind
// takes. A scenario's stock group must be of ages, needs and a UASC status its kind accepts (a
// kind that cannot take the children placed in it is refused), and the children would otherwise
// be moved on the first day to a kind that takes them, which the return does not show. The note
// on the kind's accepts says which groups widened it.
func (b *builder) stockAccepts() {
	widened := map[model.KindID][]string{}
	for i, g := range b.s.Stock {
		a := &b.s.Kinds[g.Kind].Accepts
		if g.Count == 0 {
			continue
		}
		var what []string
		if a.Ages.FromYears > g.Ages.FromYears || g.Ages.ToYears > a.Ages.ToYears {
			a.Ages.FromYears, a.Ages.ToYears = min(a.Ages.FromYears, g.Ages.FromYears), max(a.Ages.ToYears, g.Ages.ToYears)
			what = append(what, "aged "+g.Ages.String())
		}
		if g.UASC && a.UASC == model.UASCNot || !g.UASC && a.UASC == model.UASCOnly {
			a.UASC = model.UASCAny
			what = append(what, map[bool]string{true: "UASC", false: "not UASC"}[g.UASC])
		}
		for n := model.Need(0); n < model.NumNeeds; n++ {
			if g.NeedShares[n] > 0 && !a.Needs.Has(n) {
				a.Needs |= model.NeedsOf(n)
				what = append(what, "of "+n.String()+" need")
			}
		}
		if len(what) > 0 {
			widened[g.Kind] = append(widened[g.Kind], fmt.Sprintf("stock[%d], %s", i, strings.Join(what, ", ")))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(widened)) {
		kd := b.s.Kinds[id]
		b.note(fmt.Sprintf("kinds[%d].accepts", id), fmt.Sprintf("widened from the base's to take the children the return has in %s on the start day (%s)",
			kd.Name, strings.Join(widened[id], "; ")))
	}
}

// baseMaleNote says why a group's share of boys is the base's: its own, beside its count,
// would give away how many boys or girls it holds.
const baseMaleNote = "male_share: the base's, as the return's would show fewer than 5 boys or girls"

// fewBoysOrGirls says whether a group of n children, boys of them, has 1 to 4 boys or 1 to 4
// girls: its share of boys, written beside its count, would give that small count away.
func fewBoysOrGirls(boys, n int) bool {
	return boys > 0 && boys < MinChildren || n-boys > 0 && n-boys < MinChildren
}

// joinNotes joins two comments on the same field with "; ", either of them perhaps empty.
func joinNotes(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "; " + b
}

// stockMaleShare returns the base's share of boys in its stock of kind k, of the same UASC
// status, at the ages given (weighted by count), or of the kind, or of all its stock, or a half.
func (c *Calibration) stockMaleShare(k kind, ages model.AgeRange, uasc bool) float64 {
	id := c.kinds[k]
	for pass := range 3 {
		var boys, n float64
		for _, g := range c.base.Stock {
			if g.UASC != uasc || g.Count == 0 || pass < 2 && g.Kind != id ||
				pass == 0 && (g.Ages.ToYears < ages.FromYears || g.Ages.FromYears > ages.ToYears) {
				continue
			}
			boys += g.MaleShare * float64(g.Count)
			n += float64(g.Count)
		}
		if n > 0 {
			return boys / n
		}
	}
	return 0.5
}

// otherAge returns 17 for 16 and 16 for 17: the other age of a cell of 16-17 padded to 5.
func otherAge(age int) int {
	if age == 16 {
		return 17
	}
	return 16
}

// stockNeeds returns the need mix of a stock cell: the base's stock group of the same kind
// and UASC status covering its ages, or of the same kind, or the first need the kind accepts.
func (c *Calibration) stockNeeds(k kind, ages model.AgeRange, uasc bool) [model.NumNeeds]float64 {
	id := c.kinds[k]
	var best *model.StockGroup
	for pass := 0; pass < 3 && best == nil; pass++ {
		for i := range c.base.Stock {
			g := &c.base.Stock[i]
			if g.Kind != id || g.Count == 0 {
				continue
			}
			ok := false
			switch pass {
			case 0:
				ok = g.UASC == uasc && g.Ages.FromYears <= ages.FromYears && ages.FromYears <= g.Ages.ToYears
			case 1:
				ok = g.UASC == uasc && g.Ages.FromYears <= ages.ToYears && ages.FromYears <= g.Ages.ToYears
			case 2:
				ok = g.UASC == uasc
			}
			if ok {
				best = g
				break
			}
		}
	}
	if best != nil {
		return best.NeedShares
	}
	var n [model.NumNeeds]float64
	n[c.base.Kinds[id].Accepts.Needs.Needs()[0]] = 1
	return n
}

// stays sets stay rules: UASC first, then the others by age.
func (b *builder) stays(field string, ests []StayEstimate, base []model.StayRule, when string) {
	if field == "stays" {
		b.section(field, "Time in care and the way out, by age at entry: Kaplan-Meier estimates from the periods of care that began in the window, a period still open at its end, lost from view or ending at 18 counted as censored. Beyond the last point of the curve a table follows a tail fitted to its late part by maximum likelihood (exponential unless a Weibull fits better at the 5% level; the data-quality report gives each fit), to the 18th birthday of the youngest in the band; its last band holds those still in care then, who leave at 18. Exits: the routes of the children who left before 18 (REC codes as in scenarios/ssda903/README.md).", 0)
	} else {
		b.section(field, "The remaining time in care of the children in care, by current age: the children in care at the start of each quarter of the window, followed to its end (each child counted once in all); the children who are not UASC also by the kind they are placed in, where a kind holds "+strconv.Itoa(MinKindStock)+" or more of an age band, whose rules come before the band's. The table is the distribution of whole stays whose remaining part, as placesim draws it for a starting stock, matches the remaining times observed and, beyond the longest the window shows, the fitted tail.", 0)
	}
	rules := make([]model.StayRule, 0, len(ests))
	for i, est := range ests {
		p := fmt.Sprintf("%s[%d]", field, i)
		r := model.StayRule{Who: model.Selector{Ages: est.Ages}}
		group := "children aged " + est.Ages.String() + " " + when
		if est.UASC {
			r.Who.UASC = model.UASCOnly
			group = "UASC aged " + est.Ages.String() + " " + when
		}
		if est.Kind != "" {
			k := kind(slices.Index(KindNames[:], est.Kind))
			r.Kinds = []model.KindID{b.c.kinds[k]}
			group = "children aged " + est.Ages.String() + " " + when + " in " + est.Kind
		}
		mid := float64(est.Ages.FromYears+est.Ages.ToYears+1) / 2
		rule := baseRule(base, mid, est.UASC)
		cn := stayCounter(est)
		if field == "stays" && b.e.mergedEntryBand(est) {
			cn.coarse = true
		}
		if est.Fallback && est.UASC && b.c.ret.Quality.NoUASCFile {
			b.note(p+".who", group+": no UASC file was given, so UASC could not be told apart from the other children: the base's rule")
			if rule != nil {
				r.Stay = rule.Stay
			}
		} else if est.Fallback {
			b.note(p+".who", group+": fewer than 5 children, so the base's rule")
			if rule != nil {
				r.Stay = rule.Stay
			}
		} else {
			med := "the median is beyond the window"
			if !math.IsNaN(est.Median.Value) {
				med = "median " + years(est.Median.Value)
				if !math.IsNaN(est.Median.Low) {
					hi := "beyond the window"
					if !math.IsNaN(est.Median.High) {
						hi = years(est.Median.High)
					}
					med += " (90%: " + years(est.Median.Low) + " to " + hi + ")"
				}
			}
			who := cn.count(est.Children, "child")
			if est.UnderWay > 0 {
				who += " (" + cn.small(est.UnderWay) + " of them in care when the window began, followed from then on)"
			}
			if est.Imputed > 0 {
				who += " (" + cn.small(est.Imputed) + " of them in care when the window began with their start imputed, the return not showing it)"
			}
			b.note(p+".who", fmt.Sprintf("%s: %s, %s who left before 18; %s", group, who, cn.count(est.Events, "child"), med))
			r.Stay = model.Distribution{Kind: model.Empirical}
			for j, bin := range est.Table {
				r.Stay.Table = append(r.Stay.Table, model.Bin{UpToDays: round(bin.UpToDays, 0), Share: round(bin.Share, 4)})
				if j < est.Followed {
					sv := est.Survival[j]
					cm := fmt.Sprintf("%s still in care after %s days (%s)", pct(sv.Share), num(sv.Days, 0), interval(sv.Low, sv.High, 2))
					if field == "stock_stays" {
						cm = fmt.Sprintf("remaining time: %s still in care %s days on (%s)", pct(sv.Share), num(sv.Days, 0), interval(sv.Low, sv.High, 2))
					}
					b.note(fmt.Sprintf("%s.stay.table[%d]", p, j), cm)
				} else if j == est.Followed {
					b.note(fmt.Sprintf("%s.stay.table[%d]", p, j), tailNote(est.Tail, cn))
				}
			}
			if field == "stays" && len(est.Table) > est.Followed+1 && est.Tail.AtEighteen > 0 {
				b.note(fmt.Sprintf("%s.stay.table[%d]", p, len(est.Table)-1), "still in care at the 18th birthday of the youngest in the band: they leave at 18")
			}
		}
		exits := shownExits(est.ExitCounts)
		cm := fmt.Sprintf("%s before 18", cn.count(est.Events, "exit"))
		// Shares of exits written "about": rounded so that they fit every count the "about"
		// stands for, or the base's.
		if cn.coarse && !est.ExitsFallback {
			if s, ok := aboutShares(foldedExits(est.ExitCounts), cn.round5(est.Events)); ok {
				exits = s
			} else {
				est.ExitsFallback = true
				cm += "; routes: the base's, as shares of so few, any of them rounded, would give their count away"
			}
		}
		if est.ExitsFallback {
			if rule != nil {
				exits = rule.ExitShares
			} else {
				exits = [model.NumEarlyExitRoutes]float64{0, 0, 0, 0, 1}
			}
			if !cn.coarse || est.Events < MinChildren {
				cm = "base: fewer than 5 children left before 18"
			}
		}
		some := false
		for i, v := range exits {
			exits[i] = 0
			if v > 0 {
				exits[i], some = round(v, 3), true
			}
		}
		if !some {
			exits[model.OtherExit] = 1
		}
		r.ExitShares = exits
		b.note(p+".exits", cm)
		rules = append(rules, r)
	}
	if field == "stays" {
		b.s.Stays = rules
	} else {
		b.s.StockStays = rules
	}
}

// stockRules returns the estimates of stock_stays in the order of their rules: UASC first,
// then the kinds' own, then the others by age.
func stockRules(byAge, byKind []StayEstimate) []StayEstimate {
	out := make([]StayEstimate, 0, len(byAge)+len(byKind))
	for _, est := range byAge {
		if est.UASC {
			out = append(out, est)
		}
	}
	out = append(out, byKind...)
	for _, est := range byAge {
		if !est.UASC {
			out = append(out, est)
		}
	}
	return out
}

// baseRule returns the first of rules that takes a standard-need child of the given age and
// UASC status.
func baseRule(rules []model.StayRule, age float64, uasc bool) *model.StayRule {
	for i := range rules {
		if rules[i].Who.Matches(age, model.NeedStandard, uasc) {
			return &rules[i]
		}
	}
	return nil
}

func (b *builder) stayingPut() {
	sp := b.e.StayingPut
	if sp.N < MinChildren {
		b.note("staying_put.share", "base: fewer than 5 young people left foster care at 18 in the window")
		return
	}
	sp, few := fewAsMiddle(sp)
	b.s.StayingPut.Share = round(sp.Value, 3)
	text := fmt.Sprintf("REC E17 among %s leaving foster care at 18 (%s)", count(sp.N, "young person"), interval(sp.Low, sp.High, 2))
	if few != "" {
		text += "; fewer than 5 " + map[string]string{"in": "stayed put", "out": "did not stay put"}[few] + ", the share and its interval written as though 2.5, the middle of 1 to 4"
	}
	b.note("staying_put.share", text)
}

// shareCount returns the count of a share of whole counts, iv.Value of iv.N.
func shareCount(iv Interval) float64 { return math.Round(iv.Value * float64(iv.N)) }

// fewAsMiddle returns a share of iv.N counts (children, young people or moves) as written beside
// iv.N: where it is 1 to 4 of them, or all but 1 to 4, the share times iv.N would give that
// count away, so the share and its interval are those of 2.5 (or iv.N less 2.5), the middle of
// 1 to 4, as a ladder writes a kind with 1 to 4 entrants; few is then "in" or "out" (those
// not in the share are 1 to 4), and empty otherwise.
func fewAsMiddle(iv Interval) (out Interval, few string) {
	k, n := shareCount(iv), float64(iv.N)
	switch {
	case k > 0 && k < MinChildren:
		k, few = 2.5, "in"
	case n-k > 0 && n-k < MinChildren:
		k, few = n-2.5, "out"
	default:
		return iv, ""
	}
	out = wilson(k, n)
	out.N = iv.N
	return out, few
}

// stayingPutStock sets the young people staying put on the start day from those whose period
// ended at 18 staying put before it (Estimates.StayingPutStock): an expected number, not a
// count of young people, and none when fewer than 5 stayed put.
func (b *builder) stayingPutStock() {
	sp, e := &b.s.StayingPut, b.e
	if sp.Share == 0 {
		sp.Stock = 0
		b.note("staying_put.stock", "none: nobody stays put in the scenario")
		return
	}
	if e.StayingPutStockN < MinChildren {
		sp.Stock = 0
		b.note("staying_put.stock", "none: fewer than 5 young people stayed put at 18 in the three years before the start")
		return
	}
	sp.Stock = int(math.Round(e.StayingPutStock))
	text := fmt.Sprintf("%s left foster care at 18 staying put (REC E17) in the %s before the start; each is "+
		"counted with the chance that the base's staying-put stay lasts from their leaving to the start: %.1f in all",
		upperFirst(count(e.StayingPutStockN, "young person")), yearsText(e.StayingPutStockYears), e.StayingPutStock)
	if e.StayingPutStockYears < 3-1e-9 {
		text += "; the return does not reach the three years before the start: those who left earlier are not counted"
	}
	b.note("staying_put.stock", text)
}

// stayingPutWith returns the young people staying put at the start expected in kind id, as the
// simulator places them (sim's setupStayingPut): in proportion to the stock's children aged 17
// in each foster kind (a group's count over the years of its ages, when they hold 17), or,
// with none, to all its children in foster kinds.
func (b *builder) stayingPutWith(id model.KindID) float64 {
	s := b.s
	if s.StayingPut.Stock == 0 {
		return 0
	}
	var seventeen, all [2]float64 // in kind id, in every foster kind
	for _, g := range s.Stock {
		if int(g.Kind) >= len(s.Kinds) || s.Kinds[g.Kind].Category != model.Foster {
			continue
		}
		at := 0.0
		if g.Ages.FromYears <= 17 && 17 <= g.Ages.ToYears {
			at = float64(g.Count) / float64(g.Ages.ToYears-g.Ages.FromYears+1)
		}
		seventeen[1] += at
		all[1] += float64(g.Count)
		if g.Kind == id {
			seventeen[0] += at
			all[0] += float64(g.Count)
		}
	}
	switch {
	case seventeen[1] > 0:
		return float64(s.StayingPut.Stock) * seventeen[0] / seventeen[1]
	case all[1] > 0:
		return float64(s.StayingPut.Stock) * all[0] / all[1]
	}
	return 0
}

// careLeavers sets the young people in care leavers' accommodation on the start day from
// those who left care at 18 before it (Estimates.CareLeavers), within the base's places: an
// expected number, not a count of young people, and none when fewer than 5 left.
func (b *builder) careLeavers() {
	cl, e := &b.s.CareLeavers, b.e
	if cl.Share == 0 {
		cl.Stock = 0
		b.note("care_leavers.stock", "none: the base has no care leavers' accommodation")
		return
	}
	if e.CareLeaversN < MinChildren {
		cl.Stock = 0
		b.note("care_leavers.stock", "none: fewer than 5 young people left care at 18, not staying put, in the three years before the start")
		return
	}
	cl.Stock = int(math.Round(e.CareLeavers))
	held := ""
	if cl.Places > 0 && cl.Stock > cl.Places {
		held = fmt.Sprintf("; %d by the estimate, held to the accommodation's %s (care_leavers.places)", cl.Stock, count(cl.Places, "place"))
		b.cap("care_leavers.stock", fmt.Sprintf("the estimate gave %s young people, held to the %s of care_leavers.places", num(e.CareLeavers, 1), count(cl.Places, "place")))
		cl.Stock = cl.Places
	}
	text := fmt.Sprintf("%s left care at 18, not staying put, in the %s before the start; each is "+
		"counted with the base's care_leavers share (%s) times the chance that the base's stay lasts "+
		"from their leaving to the start: %.1f in all", upperFirst(count(e.CareLeaversN, "young person")),
		yearsText(e.CareLeaversYears), strconv.FormatFloat(cl.Share, 'f', -1, 64), e.CareLeavers)
	if e.CareLeaversYears < 3-1e-9 {
		text += "; the return does not reach the three years before the start: those who left earlier are not counted"
	}
	b.note("care_leavers.stock", text+held)
}

// yearsText writes a span of years as "3 years" or "2.4 years".
func yearsText(y float64) string {
	if math.Abs(y-math.Round(y)) < 0.05 {
		n := int(math.Round(y))
		return strconv.Itoa(n) + " " + plural(n, "year")
	}
	return strconv.FormatFloat(y, 'f', 1, 64) + " years"
}

// kinds sets what the return says of each provision kind: moves, availability and the
// council's own capacity.
func (b *builder) kinds() {
	c, e := b.c, b.e
	b.section("kinds", "Provision kinds: what the return says of each, merged by name into the base's kinds. Breakdowns: placement moves to a new carer (RNE P or T) out of the kind, per child-year in it (step-downs from residential care apart); the base's rates for each need are scaled to it. The council fills its own carers and homes first: they are sized to the mean number of children placed there on the first day of each of the 12 months before the start, the carers as the base's hold its children with a few places more (those a pool filled first keeps empty whatever its size), the homes in as many beds as hold them when filled first, as the base's beds hold its children (Erlang's loss formula, and no fewer than the children and the beds homes filled first keep empty whatever their number; the last home smaller), and the carers grow or shrink as the children they held did over the window, the homes, their usual month carried to the start at the yearly change of all children in care, opening beds as those children grew. External residential care is sized to the most children placed there on any of those days, with the base's margin; agencies' foster care and supported accommodation are unlimited.", 0)
	b.notes.Sections["kinds"] += "\n" + b.firstPlacements()
	b.s.Kinds = slices.Clone(c.base.Kinds)
	moves := map[string]MoveRate{}
	for _, m := range e.Moves {
		moves[m.Kind] = m
	}
	for k := range numKinds {
		id := c.kinds[k]
		kd := &b.s.Kinds[id]
		p := fmt.Sprintf("kinds[%d]", id)
		rate := func(name string) (MoveRate, bool) {
			m, ok := moves[name]
			return m, ok && m.Children >= MinChildren && m.Years > 0
		}
		src := k
		if k == blockResidential {
			src = externalResidential
		}
		if k != specialistFoster {
			if m, ok := rate(src.String()); ok {
				// The moves the rate counts: 1 to 4 are written as though 2.5 (fewRate).
				r, few := fewRate(m.Rate.N-m.Redrawn, m.ExposedYears)
				how := fmt.Sprintf("%s in %s child-years (%s children; %s)", count(m.Rate.N, "move"), num(m.Years, 1), strconv.Itoa(m.Children), interval(r.Low, r.High, 3))
				if m.Redrawn > 0 || m.ExposedYears != m.Years {
					how = fmt.Sprintf("%s to another kind in %s child-years (%s children; %s): the %s back to the kind left out, and the years the ladders would draw it again at a breakdown, so that young people leave it by moves as often as the return shows", count(m.Rate.N-m.Redrawn, "move"), num(m.ExposedYears, 1), strconv.Itoa(m.Children), interval(r.Low, r.High, 3), count(m.Redrawn, "move"))
				}
				if few {
					how += "; the rate and its interval written as though they were 2.5, the middle of 1 to 4"
				}
				if k == blockResidential {
					how = "as external residential care: the return does not tell block-booked beds apart"
				}
				kd.BreakdownPerYear = b.breakdown(&c.base.Kinds[id], r.Value)
				b.note(p+".breakdown_per_year", how)
			}
		}
		switch k {
		case kinship:
			if !math.IsNaN(e.KinshipUnavailable) {
				kd.UnavailableShare = perNeed(round(e.KinshipUnavailable, 2))
				b.note(p+".unavailable_share", "fitted so the ladders place entrants with family and friends as often as the return shows")
			}
		case otherSettings:
			if !math.IsNaN(e.OtherUnavailable) {
				kd.UnavailableShare = perNeed(round(e.OtherUnavailable, 2))
				b.note(p+".unavailable_share", "fitted so the ladders place young entrants with parents or for adoption as often as the return shows")
			}
		case inhouseFoster:
			if kd.Carers != nil {
				if f := b.capacityFactor(k); f > 0 {
					typical := e.Typical[k.String()]
					// The households hold the usual month's children but those who live
					// with a household winding down (windingDown), the places a pool filled
					// first keeps empty whatever its size (emptyCarerPlaces), and the young
					// people staying put with them at the start.
					put := b.stayingPutWith(id)
					// The ends a rate of which is written: 1 to 4 that ended otherwise than by
					// a move, beside the moves written, as though 2.5 (endsShown).
					n, years := c.placementEndCount(k)
					mv := 0
					if m, ok := rate(k.String()); ok {
						mv = m.Rate.N
					}
					shown, few := endsShown(n, mv)
					ends := 0.0
					if years > 0 {
						ends = shown / years
					}
					down := windingDown(kd.Carers, ends)
					sized := (typical*(1-down) + emptyCarerPlaces + put) * f
					h := max(1, int(math.Round(sized)))
					carers := *kd.Carers
					carers.Households = h
					carers.ApprovalsPerYear = round(kd.Carers.ApprovalsPerYear*float64(h)/float64(kd.Carers.Households), 1)
					b.note(p+".carers.households", fmt.Sprintf("for %s in a usual month (the mean of the 12 before the start) less the %s of them who live with a household winding down (the carers leave at %s a year over their ages and keep the children they have for up to %s days, or until their placements end, which the return shows ending at %s a child-year%s), the %s places a pool filled first keeps empty whatever its size and room for %s staying put with them at the start (staying_put.stock, as the stock's 17-year-olds are placed), as the base has %d households for %d children: the council's carers are filled first, agencies take the rest", count(int(math.Round(typical)), "child"), pct(down), pct(leavingPerYear(kd.Carers)), num(kd.Carers.WindDownDays, 0), num(ends, 2), when(few, ", those that ended otherwise than by a move, fewer than 5, counted as though 2.5 were, as the rate times the child-years less the moves would give them away"), num(emptyCarerPlaces, 1), count(int(math.Round(put)), "young person"), kd.Carers.Households, b.baseStock(k)))
					if int(math.Round(sized)) < 1 {
						b.note(p+".carers.households", joinNotes(b.notes.Comments[p+".carers.households"], fmt.Sprintf("%s households by that, held to 1, the fewest a pool of carers has", num(sized, 2))))
						b.cap(p+".carers.households", fmt.Sprintf("the sizing gave %s households, held to 1, the fewest a pool of carers has", num(sized, 2)))
					}
					b.note(p+".carers.approvals_per_year", "the base's approvals, in proportion")
					if g, fitted, months := c.growth(k); months >= growthMinMonths && g != 0 {
						// The return shows the children the council's carers held growing
						// or shrinking: the pool follows, by as many approvals more or
						// fewer a year as keep its households in step.
						approvals := carers.ApprovalsPerYear + g*float64(h)
						carers.ApprovalsPerYear = round(max(0, approvals), 1)
						note := fmt.Sprintf("the base's approvals, in proportion, %s %s households a year: the children the council's carers held %s, and the pool follows", when(g > 0, "and")+when(g < 0, "less"), num(math.Abs(g*float64(h)), 1), changedBy(g, fitted, fmt.Sprintf("over the window's %d months (a log-linear fit)", months)))
						if approvals < 0 {
							note += fmt.Sprintf("; %s a year by that, held to 0, as approvals are none or more", num(approvals, 2))
							b.cap(p+".carers.approvals_per_year", fmt.Sprintf("the approvals came to %s a year, held to 0, as approvals are none or more", num(approvals, 2)))
						}
						b.note(p+".carers.approvals_per_year", note)
					}
					if sh := carers.SiblingOnlyShare; sh > 0 {
						carers.PlacesMix = usablePlaces(carers.PlacesMix, sh)
						carers.SiblingOnlyShare = 0
						b.note(p+".carers.places_mix", fmt.Sprintf("the places a child can take without a brother or sister in care: the base's mix, the places beyond the first of the %s of households that keep them for brothers and sisters counted out, as the scenario brings no sibling groups; the starting stock then leaves as many places free as the council's carers keep", pct(sh)))
						b.note(p+".carers.sibling_only_share", "none: the places kept for brothers and sisters are counted out of places_mix")
					}
					// The stock's children placed with the council's carers live with
					// households that exist on the start day: a pool sized for a usual month
					// below them would send the rest to agencies on the first day.
					if with := b.stockIn(id); with > 0 {
						need := with + int(math.Ceil(put))
						if hs := holdingHouseholds(carers.PlacesMix, need, holdChance); hs > h {
							carers.Households = hs
							b.note(p+".carers.households", fmt.Sprintf("holds the %s with them on %s, the window's last day%s, their places, as places_mix draws them, holding %s or more in half the pools (a child beyond them starts with the next carers on their ladder); a usual month needs %d: %s", count(with, "child"), b.e.To.Format("2 January 2006"), when(put >= 0.5, fmt.Sprintf(", and %s staying put", count(int(math.Ceil(put)), "young person"))), count(need, "child"), h, b.notes.Comments[p+".carers.households"]))
							b.note(p+".carers.approvals_per_year", fmt.Sprintf("for the %d households a usual month needs, not the %d more that hold the stock, who leave as carers do and are not replaced: %s", h, hs-h, b.notes.Comments[p+".carers.approvals_per_year"]))
						}
					}
					kd.Carers = &carers
				}
			}
		case supportedAccommodation:
			peak := e.Peaks[k.String()]
			switch {
			case peak == 0:
				kd.UnavailableShare = perNeed(1)
				b.note(p+".unavailable_share", "no child was placed in supported accommodation in the 12 months before the start")
			case kd.CapacityPlaces > 0:
				// As for agencies' foster care: a cap at the peak, a few places for a small
				// council, would turn away the young people a usual year brings beyond it.
				kd.CapacityPlaces = 0
				b.note(p+".capacity_places", fmt.Sprintf("the return shows the places the council used (%s at the peak), not how many providers could offer; set a cap to study a shortage", count(peak, "child")))
			}
		case ifa:
			// Agencies take whoever the council's own carers have no room for: a cap below
			// that would send children to residential care, which the return does not show.
			if kd.CapacityPlaces > 0 {
				kd.CapacityPlaces = 0
				b.note(p+".capacity_places", "the return shows the agency places the council used, not how many agencies could offer; set a cap to study a shortage")
			}
		case externalResidential:
			// As for agencies' foster care: the return shows the places the council used,
			// not how many the market offered. Capped at the busiest day of the last 12
			// months (in proportion to the base's market), the homes of the coverage
			// study's councils of 350 entries a year and of 120 with long stays had no place
			// for 97 and 51 of the first placements at 10-15 in three years that the return
			// put there, and an emergency placement held them.
			if kd.CapacityPlaces > 0 {
				kd.CapacityPlaces = 0
				b.note(p+".capacity_places", fmt.Sprintf("the return shows the places the council used (%s at the peak), not how many providers could offer; set a cap to study a shortage", count(e.Peaks[k.String()], "child")))
			}
		case inhouseHome:
			if len(kd.Homes) > 0 {
				b.homes(kd, p)
			}
		case specialistFoster:
			// The return has no code for a specialist scheme: its carers' children are
			// among the council's own foster carers', and its households are the base's.
			if kd.Carers != nil && kd.Carers.Households > 0 {
				b.note(p+".carers.households", fmt.Sprintf("the base's (%s): the return does not tell a specialist scheme's carers from the council's other foster carers (PLACE U4-U6), so these are the base's county's, not the council's; set the council's own (0 where it has none)", b.opt.Extends))
				b.note(p+".carers.approvals_per_year", fmt.Sprintf("the base's (%s), which keep its households steady: set the council's own with its households", b.opt.Extends))
			}
		}
	}
}

// usablePlaces returns the mix of places of households approved as mix whose places beyond
// the first are kept for brothers and sisters in a share sibOnly of them: a child without a
// brother or sister placed with them can take only one place of those, so those households
// count as households of one place.
func usablePlaces(mix []model.PlacesShare, sibOnly float64) []model.PlacesShare {
	places := []int{1}
	shares := []float64{sibOnly}
	for _, ps := range mix {
		if ps.Places == 1 {
			shares[0] += (1 - sibOnly) * ps.Share
			continue
		}
		places = append(places, ps.Places)
		shares = append(shares, (1-sibOnly)*ps.Share)
	}
	out := make([]model.PlacesShare, len(places))
	for i, sh := range roundTo(shares, 3) {
		out[i] = model.PlacesShare{Places: places[i], Share: sh}
	}
	return out
}

// smallShown is the count a kind with 1 to 4 entrants of an age band is written as in the
// band's ladder: the middle of what "fewer than 5" can mean.
const smallShown = 2.5

// when returns s when cond holds, else "".
func when(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// ladderOrder is the order of the rungs of a calibrated ladder: the settings a child goes to
// because of who they are (family and friends, parents, supported accommodation at 16-17),
// then the council's own carers, then agencies, and residential care last, for when nothing
// before it has room.
var ladderOrder = []kind{kinship, otherSettings, supportedAccommodation, inhouseFoster, ifa, externalResidential}

// ladders writes, for each age band of entrants who are not UASC, a ladder for those with
// standard needs whose shares are the kinds of their first placements in the return; a
// placement that breaks down is a new choice drawn from the same shares. Residential first
// placements are left out: they come with complex needs (entries.ages), and ladders for complex
// needs, which stand for residential care, send those children there, the council's homes
// first. A kind with fewer than MinChildren entrants of the band is counted with the band's
// commonest, so that no share gives away a small count. The base's ladders follow, for
// everyone else.
func (b *builder) ladders() {
	c, e, s := b.c, b.e, b.s
	var out []model.Ladder
	for _, m := range e.FirstPlacement {
		// The rungs: the kinds that take a standard-need child of the whole band.
		takes := func(k kind) bool {
			a := c.base.Kinds[c.kinds[k]].Accepts
			return a.Matches(float64(m.Ages.FromYears), model.NeedStandard, m.UASC) && a.Matches(float64(m.Ages.ToYears)+0.99, model.NeedStandard, m.UASC)
		}
		var counts [numKinds]int
		var n int
		for _, k := range ladderOrder[:len(ladderOrder)-1] {
			if takes(k) {
				counts[k] = m.Counts[k]
				n += m.Counts[k]
			}
		}
		if n < MinChildren {
			continue
		}
		// Foster care with unrelated carers is one choice: the council's own carers first,
		// agencies when they have no room, so that the council's carers are filled as it
		// fills them and recruiting more of them moves children from agencies.
		fostered := counts[inhouseFoster] + counts[ifa]
		if takes(inhouseFoster) {
			counts[inhouseFoster], counts[ifa] = fostered, 0
		}
		big := ladderOrder[0]
		for _, k := range ladderOrder {
			if counts[k] > counts[big] {
				big = k
			}
		}
		// A kind with 1 to 4 entrants of the band is written as smallShown of them, the
		// middle of what "fewer than 5" can mean, taken from the band's commonest, which is
		// written with theirs: the count stays unwritten, and the kind keeps a share near
		// the return's, where counting it all with the commonest left it none (other
		// settings, a tenth of the entrants aged 1-4, fell a quarter short in a council of
		// 60 entries a year).
		var shown [numKinds]float64
		for _, k := range ladderOrder {
			shown[k] = float64(counts[k])
		}
		var small []kind
		for _, k := range ladderOrder {
			if k != big && counts[k] > 0 && counts[k] < MinChildren {
				small = append(small, k)
				counts[big] += counts[k]
				counts[k] = 0
			}
		}
		if len(small) > 0 {
			each := min(smallShown, float64(counts[big])/float64(len(small)+1))
			shown[big] = float64(counts[big]) - each*float64(len(small))
			for _, k := range small {
				shown[k] = each
			}
		}
		// The band's entrants placed elsewhere (residential care) are written in entries.ages,
		// and the band's count there: where they are 1 to 4, the band's count less the
		// ladder's would give them away, and so would shares over the ladder's count (a kind
		// written as smallShown of n has a share of smallShown/n). They are then counted
		// with the commonest kind, and the shares are over the band's count: the ladder's
		// count and its commonest's are not written.
		// Where the band lies within a wider band of the entries' (or UASC's) age mix, merged
		// there, the wider band's count less the ladder's would give away the other part's
		// entrants with them (Bromley's entrants aged 10-17 are 46, the first placements of
		// those aged 10-15 42, 4 of them aged 16-17; less those placed in residential care,
		// 38, and 8 is 4 and 4 of fewer than 5 each): the ladder is written as one whose
		// count is hidden, over the wider band's count.
		mixAges, total := b.mixBand(m)
		merged := mixAges != m.Ages
		denom := float64(n)
		hide := merged || total-n > 0 && total-n < MinChildren
		if hide {
			denom = float64(total)
			shown[big] += float64(total - n)
		}
		l := model.Ladder{Who: model.Selector{Ages: m.Ages, Needs: model.NeedsOf(model.NeedStandard), UASC: model.UASCNot}}
		who := "entrants aged " + m.Ages.String()
		if m.UASC {
			l.Who.UASC = model.UASCOnly
			who = "UASC arriving aged " + m.Ages.String()
		}
		var raw []float64
		var rungs []kind
		for _, k := range ladderOrder {
			if !takes(k) || shown[k] == 0 && k != ifa && k != externalResidential {
				continue
			}
			rungs = append(rungs, k)
			l.Try = append(l.Try, c.kinds[k])
			raw = append(raw, shown[k]/denom)
		}
		l.Shares = roundTo(raw, 3)
		p := fmt.Sprintf("ladders[%d]", len(out))
		switch {
		case hide && merged:
			b.note(p+".who", fmt.Sprintf("%s with standard needs: the first placements of the %s aged %s, the band of the age mix this one lies in, those placed in residential care or of its other ages counted with %s (this ladder's count is not written, as the wider band's less it would give them away)", who, count(total, "child"), mixAges, big))
		case hide:
			b.note(p+".who", fmt.Sprintf("%s with standard needs: the first placements of the band's %s, the fewer than 5 placed in residential care counted with %s (this ladder's count is not written, as the band's less it would give them away)", who, count(total, "child"), big))
		default:
			b.note(p+".who", fmt.Sprintf("%s with standard needs: the first placements of %s (residential ones apart)", who, count(n, "child")))
		}
		with := ""
		if len(small) > 0 {
			names := make([]string, len(small))
			for i, k := range small {
				names[i] = k.String()
			}
			with = fmt.Sprintf(", with those of %s, less %s for each", strings.Join(names, " and "), num(shown[small[0]], 1))
		}
		for j, k := range rungs {
			name := k.String()
			if k == inhouseFoster {
				name = "foster care with unrelated carers, the council's own or agencies'"
			}
			if counts[k] == 0 && shown[k] > 0 {
				b.note(fmt.Sprintf("%s.shares[%d]", p, j), fmt.Sprintf("%s: fewer than 5 children, written as %s, the middle of 1 to 4, taken from %s", name, num(shown[k], 1), big))
				continue
			}
			if k == big && hide {
				b.note(fmt.Sprintf("%s.shares[%d]", p, j), fmt.Sprintf("%s: the rest, with %s%s (the count not written, as with the others it would give the ladder's)", name, when(!merged, "the fewer than 5 placed in residential care")+when(merged, "those placed in residential care or of the wider band's other ages"), with))
				continue
			}
			if k == inhouseFoster || counts[k] > 0 {
				// The interval is of the share written: the commonest's own children,
				// less what it gives the small kinds.
				w := wilson(shown[k], denom)
				b.note(fmt.Sprintf("%s.shares[%d]", p, j), fmt.Sprintf("%s: %s (%s)%s", name, count(counts[k], "child"), interval(w.Low, w.High, 3), when(k == big, with)))
				continue
			}
			if k == ifa && counts[k] == 0 && takes(inhouseFoster) {
				b.note(fmt.Sprintf("%s.shares[%d]", p, j), "agencies: whoever the council's own carers have no room for")
				continue
			}
			if counts[k] == 0 {
				b.note(fmt.Sprintf("%s.shares[%d]", p, j), k.String()+": none first placed there; a rung for when those before it have no room")
				continue
			}
		}
		out = append(out, l)
	}
	banded := len(out) > 0
	// Complex needs stand for residential care (the entrants' needs are set so): every complex
	// child who is not UASC is placed there, in the council's homes first, which pass on the
	// share of them the return shows placed elsewhere while they had a bed (homesPassOn).
	residential := []model.AgeRange{{FromYears: 0, ToYears: 9}, {FromYears: 10, ToYears: 17}}
	pass := b.c.homesPassOn()
	if pass.ok && !pass.older {
		residential = []model.AgeRange{residential[0], homeBands[0], homeBands[1]}
	}
	for _, ages := range residential {
		l := model.Ladder{Who: model.Selector{Ages: ages, Needs: model.NeedsOf(model.NeedComplex), UASC: model.UASCNot}}
		for _, k := range []kind{inhouseHome, blockResidential, externalResidential} {
			if k == inhouseHome && ages == homeBands[1] { // split off above to leave the homes out
				b.note(fmt.Sprintf("ladders[%d].try", len(out)), fmt.Sprintf("not the council's own homes: none of the %s in residential care that began at %s on a day they had a bed free was there", count(b.e.HomesFree[1].Placements, "placement"), ages))
				continue
			}
			if c.base.Kinds[c.kinds[k]].Accepts.Matches(float64(ages.FromYears), model.NeedComplex, false) {
				l.Try = append(l.Try, c.kinds[k])
			}
		}
		b.note(fmt.Sprintf("ladders[%d].who", len(out)), "complex needs stand for the children the return shows in residential care")
		out = append(out, l)
	}
	if pass.ok {
		id := c.kinds[inhouseHome]
		s.Kinds[id].UnavailableShare[model.NeedComplex] = round(pass.share, 3)
		young := b.e.HomesFree[0]
		w := wilson(float64(young.Placements-young.Homes), float64(young.Placements))
		b.note(fmt.Sprintf("kinds[%d].unavailable_share", id), fmt.Sprintf("complex needs: the homes pass on %s of the children they have a bed for: of the %s in residential care at %s that began on a day the homes had a bed free, %s were elsewhere (%s)", pct(pass.share), count(young.Placements, "placement"), young.Ages, count(young.Placements-young.Homes, "placement"), interval(w.Low, w.High, 2)))
	}
	if banded {
		for _, k := range []kind{kinship, otherSettings} {
			id := c.kinds[k]
			s.Kinds[id].UnavailableShare = perNeed(0) // the ladders' shares say how many go there
			delete(b.notes.Comments, fmt.Sprintf("kinds[%d].unavailable_share", id))
		}
	}
	b.section("ladders", "Ladders: for each age band of entrants with standard needs (and of UASC), the kinds of their first placements in the return, as shares of a first choice drawn afresh at every match (a placement that breaks down is a new choice); a child whose choice has no room tries the rungs after it. Residential first placements come with complex needs (entries.ages). The base's ladders follow, for children with other needs and bands with too few entrants.", 0)
	s.Ladders = append(out, c.base.Ladders...)
}

// firstPlacements returns, as lines of text, the kinds of entrants' first placements by age at
// entry, from which the unavailable shares are fitted.
// mixBand returns the band of the entries' (or UASC's) age mix that holds m's band, and its
// entrants: m's own where the mix holds it apart (or holds no band of it).
func (b *builder) mixBand(m KindMix) (model.AgeRange, int) {
	mix := b.e.Entries.Ages
	if m.UASC {
		mix = b.e.UASC.Ages
	}
	ages := m.Ages
	for _, a := range mix {
		if a.Ages.FromYears <= m.Ages.FromYears && m.Ages.ToYears <= a.Ages.ToYears {
			ages = a.Ages
		}
	}
	n := 0
	for _, o := range b.e.FirstPlacement {
		if o.UASC == m.UASC && ages.FromYears <= o.Ages.FromYears && o.Ages.ToYears <= ages.ToYears {
			for _, v := range o.Counts {
				n += v
			}
		}
	}
	return ages, n
}

// firstPlacements writes the kinds of the entrants' first placements by band of the entries'
// (and UASC's) age mix: a band merged there with a neighbour is written merged, as the
// counts of its parts would give away the smaller's (Bromley's entrants aged 10-17 are 46, of
// whom 42 aged 10-15).
func (b *builder) firstPlacements() string {
	lines := []string{"First placements of the children who entered in the window, by age at entry:"}
	var mixes []KindMix
	for _, m := range b.e.FirstPlacement {
		ages, _ := b.mixBand(m)
		if i := len(mixes) - 1; i >= 0 && mixes[i].UASC == m.UASC && mixes[i].Ages.FromYears <= ages.FromYears && ages.ToYears <= mixes[i].Ages.ToYears {
			for k, v := range m.Counts {
				mixes[i].Counts[k] += v
			}
			continue
		}
		mixes = append(mixes, KindMix{Ages: ages, UASC: m.UASC, Counts: m.Counts})
	}
	for _, m := range mixes {
		var n int
		for _, v := range m.Counts {
			n += v
		}
		if n == 0 {
			continue
		}
		who := "aged " + m.Ages.String()
		if m.UASC {
			who = "UASC " + who
		}
		if n < MinChildren {
			lines = append(lines, "  "+who+": fewer than 5 children")
			continue
		}
		lines = append(lines, fmt.Sprintf("  %s, %s: %s", who, count(n, "child"), strings.Join(placementParts(m.Counts, n), ", ")))
	}
	return strings.Join(lines, "\n")
}

// placementParts returns the parts of a line of firstPlacements: each kind's share of the n
// entrants of a band. A kind with 1 to 4 of them is "fewer than 5", and the others are not
// written apart either where with the band's count, its share first placed in residential
// care (entries.ages) and its ladder's counts they would give it away (Southwark's entrants
// aged 10-17: 9.5% first placed in residential care less agencies' homes' share gave 3 in
// supported accommodation): the kinds of residential care, whose sum entries.ages writes, and
// the others, whose sum is the ladder's count, are written each as one share where one of
// their kinds has 1 to 4 entrants, and where one of the two has 1 to 4 (or all but 1 to 4)
// the band's kinds are not written apart at all.
func placementParts(counts [numKinds]int, n int) []string {
	small := func(v int) bool { return v > 0 && v < MinChildren }
	var groups [2][]kind // residential care, the others
	var sums [2]int
	var hides [2]bool
	for k, v := range counts {
		if v == 0 {
			continue
		}
		g := 1
		if kind(k).category() == model.Residential {
			g = 0
		}
		groups[g] = append(groups[g], kind(k))
		sums[g] += v
		hides[g] = hides[g] || small(v)
	}
	if !hides[0] && !hides[1] {
		var parts []string
		for k, v := range counts {
			if v > 0 {
				parts = append(parts, fmt.Sprintf("%s %s", KindNames[k], pct(float64(v)/float64(n))))
			}
		}
		return parts
	}
	names := func(ks []kind) string {
		s := make([]string, len(ks))
		for i, k := range ks {
			s[i] = k.String()
		}
		return strings.Join(s, ", ")
	}
	if small(sums[0]) || small(sums[1]) {
		return []string{fmt.Sprintf("fewer than 5 %s, the kinds (%s) not written apart, as beside the band's count and its ladder's they would give away a kind's fewer than 5", when(small(sums[0]), "first placed in residential care")+when(!small(sums[0]), "first placed outside residential care"), names(append(groups[1], groups[0]...)))}
	}
	var parts []string
	for g, what := range []string{"residential care", "outside residential care"} {
		switch {
		case sums[g] == 0:
		case hides[g]:
			parts = append(parts, fmt.Sprintf("%s %s (%s not written apart, as fewer than 5 are in one and the sum is written)", what, pct(float64(sums[g])/float64(n)), names(groups[g])))
		default:
			for _, k := range groups[g] {
				parts = append(parts, fmt.Sprintf("%s %s", k, pct(float64(counts[k])/float64(n))))
			}
		}
	}
	return parts
}

// breakdown returns a kind's breakdown rates: the base's rates by need scaled so that their
// mean over the base's stock of the kind is the rate observed.
func (b *builder) breakdown(kd *model.Kind, observed float64) [model.NumNeeds]float64 {
	mean := b.c.baseMean(kd)
	r := kd.BreakdownPerYear
	if mean <= 0 || r[0] == r[1] && r[1] == r[2] {
		return perNeed(round(observed, 3))
	}
	f := observed / mean
	var out [model.NumNeeds]float64
	for n := range model.NumNeeds {
		out[n] = round(r[n]*f, 3)
	}
	return out
}

// baseMean returns the kind's breakdown rate averaged over the needs of the base's stock in
// it (standard when the base has none there).
func (c *Calibration) baseMean(kd *model.Kind) float64 {
	var w [model.NumNeeds]float64
	var total float64
	for _, g := range c.base.Stock {
		if c.base.Kinds[g.Kind].Name != kd.Name {
			continue
		}
		for n := range model.NumNeeds {
			w[n] += float64(g.Count) * g.NeedShares[n]
			total += float64(g.Count) * g.NeedShares[n]
		}
	}
	if total == 0 {
		return kd.BreakdownPerYear[model.NeedStandard]
	}
	var m float64
	for n := range model.NumNeeds {
		m += w[n] / total * kd.BreakdownPerYear[n]
	}
	return m
}

// baseStock returns the base's stock in kind k.
func (b *builder) baseStock(k kind) int {
	var n int
	for _, g := range b.c.base.Stock {
		if g.Kind == b.c.kinds[k] {
			n += g.Count
		}
	}
	return n
}

// stockIn returns the children of the scenario's starting stock placed in kind id.
func (b *builder) stockIn(id model.KindID) int {
	var n int
	for _, g := range b.s.Stock {
		if g.Kind == id {
			n += g.Count
		}
	}
	return n
}

// holdChance is the chance that the council's carers, sized for the children of the stock
// placed with them (holdingHouseholds), have the places for them all: one pool in two, as the
// carers sized for a usual month hold its children on average. Sized to hold them in 19 pools
// of 20, the pools of the coverage study's council of 60 entries a year, filled first, held the
// places they had beyond the stock through the run, and the council's own foster care came
// 7.6%, 6.5% and 3.0% above the return's months in its three years where it had come 1.1% above,
// 0.5% and 3.1% below (the guard's 100 returns from seed 101), agencies' as far below.
const holdChance = 0.5

// holdingHouseholds returns the fewest households whose places, drawn from mix as placesim
// draws each household's, number need or more with at least chance: the exact distribution of
// their sum, one household at a time.
func holdingHouseholds(mix []model.PlacesShare, need int, chance float64) int {
	var total float64
	for _, ps := range mix {
		total += ps.Share
	}
	if need <= 0 || total <= 0 {
		return 0
	}
	dist := []float64{1} // the chance of each sum of places of the households so far
	for h := 1; ; h++ {
		next := make([]float64, len(dist)+maxMixPlaces(mix))
		for n, p := range dist {
			for _, ps := range mix {
				if ps.Places > 0 {
					next[n+ps.Places] += p * ps.Share / total
				}
			}
		}
		dist = next
		var enough float64
		for n := need; n < len(dist); n++ {
			enough += dist[n]
		}
		if enough >= chance || h >= need {
			return h
		}
	}
}

// maxMixPlaces returns the most places a household of mix has.
func maxMixPlaces(mix []model.PlacesShare) int {
	most := 0
	for _, ps := range mix {
		most = max(most, ps.Places)
	}
	return most
}

// capacityFactor returns the base's carer households per child in its stock of kind k, or 0.
func (b *builder) capacityFactor(k kind) float64 {
	kd := &b.c.base.Kinds[b.c.kinds[k]]
	if kd.Carers == nil || b.baseStock(k) == 0 || kd.Carers.Households == 0 {
		return 0
	}
	return float64(kd.Carers.Households) / float64(b.baseStock(k))
}

// minEscalationMoves is the fewest moves at 10-15, and at 16-17, out of a family or other setting
// from which the calibration writes the share that go to residential care at each age
// (escalation_by_age); with fewer, one share for every age from 10. The 90% interval of a share
// of 20 moves is at most 0.36 wide. The coverage study's councils move young people of 10-15
// into residential care twice as often as those of 16-17: with one share for both, the largest
// council placed 28% too few of 10-15 from a family into the council's homes, and 42% too many
// of 16-17 into agencies' homes.
const minEscalationMoves = 20

// homesPass is how the calibrated scenario's council's own homes take the children who need
// residential care (Calibration.homesPassOn).
type homesPass struct {
	// ok says the homes pass children on; where not, they are filled first.
	ok bool
	// share is the share of the children they have a bed for that they pass on: their
	// unavailable share for complex needs.
	share float64
	// older says the homes take young people of 16 and 17 as they do younger ones; where not,
	// those young people's ladder leaves the homes out.
	older bool
}

// homesPassOn returns how the council's own homes take the children who need residential care.
// Where the return shows at least MinChildren placements in residential care at 10-15 that began
// elsewhere on a day the homes had a bed free (Estimates.HomesFree), and MinChildren in the
// homes, the homes pass on that share of the children they have a bed for (their unavailable
// share for complex needs), and their beds are a ceiling (homes); where it shows none of 16 or
// 17 placed in the homes on such a day, of MinChildren placements or more, their ladder leaves
// the homes out. Otherwise, or with Options.HomesFilledFirst, the homes are filled first: a
// council that fills its homes first places a child elsewhere only when they are full.
//
// The coverage study's councils place a child in their own homes by a share whatever the beds.
// Filled first, their calibrated homes left agencies' homes all of residential care's swings:
// external residential care's bands of long stays held 96% of the months of their second year.
// Drawn by a share of each residential first choice in the ladders, drawn afresh at every match,
// the homes held 13-18% too few children in the second and third years. Passed on, a child the
// homes do not suit is one they never take, as a council decides. Passing children on, with the
// escalation shares by age, each kind's own step-down rate and agencies' homes uncapped,
// external residential care held 91-95% of the months in every council and year of the full
// study.
func (c *Calibration) homesPassOn() homesPass {
	young, old := c.Estimates.HomesFree[0], c.Estimates.HomesFree[1]
	elsewhere := young.Placements - young.Homes
	if c.homesFirst || young.Homes < MinChildren || elsewhere < MinChildren {
		return homesPass{older: true}
	}
	return homesPass{ok: true, share: float64(elsewhere) / float64(young.Placements),
		older: old.Homes > 0 || old.Placements < MinChildren}
}

// homesMerged returns the children the council's own homes held at the end of the window
// (the day before the start) whom the stock counts in another kind, the homes' group of fewer
// than MinChildren merged into another so that no count is below 5, or 0 where the stock has a
// group of the homes or they held none.
func (c *Calibration) homesMerged() int {
	for _, cl := range c.Estimates.Stock {
		if cl.Kind == inhouseHome.String() {
			return 0
		}
	}
	end := dayOf(c.Estimates.To)
	n := 0
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.start <= end && p.inCareOn(end) && bandOf(ageYears(p.dob, end), stockBands) >= 0 && c.placementOn(p, end) == inhouseHome {
			n++
		}
	}
	return n
}

// homesCell returns the stock's cell, of another kind, that holds the most of the children
// homesMerged counts (the first of the most), or nil where it counts none.
func (c *Calibration) homesCell() *StockCell {
	if c.homesMerged() == 0 {
		return nil
	}
	var best *StockCell
	for i := range c.Estimates.Stock {
		cl := &c.Estimates.Stock[i]
		if cl.Kind != inhouseHome.String() && cl.homes > 0 && (best == nil || cl.homes > best.homes) {
			best = cl
		}
	}
	return best
}

// homesHidden is the children the homes are taken to hold in the group homesCell names: fewer
// than MinChildren are counted as though 2.5 were, the middle of 1 to 4, as the exact share
// beside the group's count would give the count away.
const homesHidden = 2.5

// homesMergedNote says what homesMerged finds, or "" where it is 0.
func (c *Calibration) homesMergedNote() string {
	return homesNote(c.homesMerged(), c.homesCell())
}

// homesNote says that the n children the council's own homes held at the end of the window
// are counted in the stock's merged groups of other kinds, the group cl (homesCell) holding the
// most of them, or "" where n is 0. Where cl holds fewer than the n, it says how many it holds:
// its homes_share (stockHomes) starts those in the homes, and the 2.5 of a count below 5 is
// decided on them.
func homesNote(n int, cl *StockCell) string {
	if n == 0 {
		return ""
	}
	if cl == nil {
		return fmt.Sprintf("the %s the homes held at the end of the window are in the stock's merged group of another kind, so that no count is below 5: the homes start empty, their beds paid for all the same, and fill as children come", countText(n, "children"))
	}
	group := fmt.Sprintf("%s aged %s", cl.Kind, cl.Ages)
	if cl.UASC {
		group = "UASC in " + group
	}
	m := cl.homes
	hidden := ""
	if hiddenCount(m) {
		hidden = fmt.Sprintf(", counted as though %s were: the share of the group's exact count, rounded, times the count would give away their number", num(homesHidden, 1))
	}
	if m < n {
		return fmt.Sprintf("the %s the homes held at the end of the window are counted in the stock's merged groups of other kinds, so that no count is below 5, %s of them in the group of %s (%d children); that group's homes_share starts each of its children in the homes with the chance that they are the homes'%s, and the others start where their groups are; %s",
			countText(n, "children"), small(m), group, cl.Count, hidden, homesMix(cl))
	}
	return fmt.Sprintf("the %s the homes held at the end of the window are counted in the stock's group of %s (%d children), so that no count is below 5; the group's homes_share starts each of its children in the homes with the chance that they are the homes'%s; %s", countText(n, "children"), group, cl.Count, hidden, homesMix(cl))
}

// homesMix says that the children a group's homes_share starts in the council's homes keep the
// group's needs and ages: the return holds no needs (a group's are the base's stock's of its kind
// and ages), and the homes' children's own ages, or a group of their own, would give away a count
// below 5. Where the group is not of residential care and not UASC, its needs are written
// standard, where the homes' children, in residential care, are of the needs residential care
// stands for (complex, as the ladders take them): it says so, and how to start them otherwise.
func homesMix(cl *StockCell) string {
	s := fmt.Sprintf("those it starts in the homes keep the group's needs mix and ages (%s): the return holds no needs (each group's are the base's stock's of its kind and ages), and the homes' children's own ages would give away a count below 5", cl.Ages)
	residential := false
	for _, k := range []kind{inhouseHome, blockResidential, externalResidential} {
		residential = residential || cl.Kind == k.String()
	}
	if !residential && !cl.UASC {
		s += fmt.Sprintf(". The group, of %s, is written with standard needs, where the homes' children, in residential care, are of the complex needs it stands for: they start in the homes as children of standard needs; to start them with complex needs, give them a stock group of their own of kind inhouse_home in place of the homes_share", cl.Kind)
	}
	return s
}

// stockHomes writes the homes_share of the stock group that holds the children of the
// council's own homes (homesCell): the children the homes held in it over its count, as
// homesMergedNote says, and no more than the homes' beds hold.
func (b *builder) stockHomes() {
	if b.homesGroup < 0 {
		return
	}
	n := b.c.homesCell().homes
	held := float64(n)
	if hiddenCount(n) {
		held = homesHidden
	}
	g := &b.s.Stock[b.homesGroup]
	hk := b.s.HomesKind()
	if hk < 0 {
		return
	}
	beds := 0
	for _, h := range b.s.Kinds[hk].Homes {
		beds += h.Beds
	}
	share := round(held/float64(g.Count), 2)
	cm := "homes_share: the children the council's own homes held at the end of the window counted in this group, so that no count is below 5, over its count"
	if hiddenCount(n) {
		cm = fmt.Sprintf("homes_share: the council's own homes held fewer than 5 of this group's children at the end of the window, counted as though %s were (the exact share times the count would give their number away)", num(homesHidden, 1))
	}
	if fit := math.Floor(float64(beds)/float64(g.Count)*100) / 100; share > fit {
		cm += fmt.Sprintf(", %s by that, held to %s, as many of the group's %d children as the homes' %s hold", num(share, 2), num(fit, 2), g.Count, count(beds, "bed"))
		b.cap(fmt.Sprintf("stock[%d].homes_share", b.homesGroup), fmt.Sprintf("the homes' children in the group came to a share of %s, held to %s, as many of the group's %d children as the homes' %s hold", num(share, 2), num(fit, 2), g.Count, count(beds, "bed")))
		share = fit
	}
	if share <= 0 {
		return
	}
	g.HomesShare = share
	key := fmt.Sprintf("stock[%d]", b.homesGroup)
	b.note(key, joinNotes(b.notes.Comments[key], cm))
}

// homesReport says, for the data-quality report, how the council's own homes take the children
// who need residential care and what in the return says so (Markdown: a paragraph).
func (c *Calibration) homesReport() string {
	young, old := c.Estimates.HomesFree[0], c.Estimates.HomesFree[1]
	elsewhere := young.Placements - young.Homes
	// The total only where neither part is 1 to 4, which it would give away.
	small := func(n int) bool { return n > 0 && n < MinChildren }
	total := ""
	if !small(young.Homes) && !small(elsewhere) {
		total = strconv.Itoa(young.Placements) + " "
	}
	seen := fmt.Sprintf("Of the %splacements in residential care of children aged %s who are not UASC that began in the window (a first placement or a move to a new carer) on a day the council's own homes had a bed free (fewer children in them before the day's comers than the most of the half-year before), %s went to the homes and %s elsewhere.", total, young.Ages, count(young.Homes, "placement"), count(elsewhere, "placement"))
	pass := c.homesPassOn()
	switch {
	case c.homesFirst:
		return seen + " The homes are filled first, as `--homes-filled-first` asks: a child is placed elsewhere only when they are full."
	case !pass.ok:
		return seen + fmt.Sprintf(" With fewer than %d in the homes or fewer than %d elsewhere, too few to say that the homes pass children on, they are filled first: a child is placed elsewhere only when they are full.", MinChildren, MinChildren)
	}
	w := wilson(float64(elsewhere), float64(young.Placements))
	text := seen + fmt.Sprintf(" The homes pass on %s of the children they have a bed for (%s), their unavailable share for complex needs, and their beds are a ceiling: the busiest month of the 12 before the start, or the usual month of them with a margin. `--homes-filled-first` fills them first instead.", pct(pass.share), interval(w.Low, w.High, 2))
	if !pass.older {
		text += fmt.Sprintf(" None of the %s at %s on such days went to the homes: the ladder of complex needs at those ages leaves them out.", count(old.Placements, "placement"), old.Ages)
	}
	return text
}

// peakMargin is the Poisson standard deviations of the homes' usual month (homesAtStart), times
// the share of children the homes pass on, that the beds of homes which pass children on add
// above it: the return shows the most children such homes held, not the most they could, and
// homes sized at that month alone were full in the later years of the coverage study's runs as
// the children in care grew, sending the council's own choices to agencies' homes. Homes that
// pass on few children are full at their busiest month, and get few beds more.
const peakMargin = 2.0

// homes sizes the council's own children's homes: as many beds as hold the children in them
// in a usual month when the council fills them first, as the base's beds hold its children
// (lossSize), in homes of the base's first home's size, the last with the beds left over (its
// fixed cost in proportion); homes of the base beyond that are closed on the start date, and
// more are added like its first. Whole homes of the base's size put a small council's one or
// two children in a home of four, which the council fills first: its homes held a third more
// children than the return shows, and agencies' homes fewer. Beds at the base's occupancy
// alone (7 children in 8 beds) held 14-18% fewer children than the return shows in a council
// of 60 entries a year, and 3-8% more in one of 350: one or two beds stand empty longer
// between their children than many.
func (b *builder) homes(kd *model.Kind, p string) {
	g, typical := b.e.HomesGrowth, b.e.HomesAtStart
	var beds int
	for _, h := range kd.Homes {
		beds += h.Beds
	}
	held := b.baseStock(inhouseHome)
	size := kd.Homes[0].Beds
	roundBeds := func(x float64) int {
		if d := b.c.bedsDither; d > 0 {
			// A resample's beds are its estimate rounded down or up at random, up as often
			// as the estimate's fraction says: rounded to the nearest, the few beds of a
			// small council's homes would be one bed too many, or none, in every resample
			// alike.
			return int(math.Floor(x + d))
		}
		return int(math.Round(x))
	}
	x := homeBeds(typical, held, beds)
	total := roundBeds(x)
	pass := b.c.homesPassOn()
	if pass.ok {
		// Homes that pass children on hold as many as they take, and their beds are a
		// ceiling: the most children they held on a month's first day of the 12 before the
		// start, or on the start (homesRecentPeak), or the usual month of them with a margin
		// (peakMargin), whichever is more. The window's busiest month, years back, would buy
		// beds for a past the latest year no longer has, and a margin above the busiest day
		// beds that day did not need.
		usual := typical
		typical = b.c.homesRecentPeak()
		x = math.Ceil(max(typical, usual+peakMargin*pass.share*math.Sqrt(usual)))
		total = int(x)
	}
	// A resample's month above or below the usual (homesShift): the beds it adds open, and
	// those it takes away close, at random times through the run (spareBeds).
	spare := 0
	if sh := b.c.homesShift; sh != 0 && b.c.homesRand != nil && !pass.ok {
		spare = roundBeds(homeBeds(max(0, typical+sh), held, beds)) - total
	}
	sized := total + min(spare, 0)
	need := (sized + size - 1) / size
	last := sized - (need-1)*size
	how := fmt.Sprintf("%d %s of %d beds", need, plural(need, "home"), size)
	if need > 0 && last < size {
		how = fmt.Sprintf("%d %s in %d %s, of %d beds and the last of %d", sized, plural(sized, "bed"), need, plural(need, "home"), size, last)
		if need == 1 {
			how = fmt.Sprintf("1 home of %d %s", last, plural(last, "bed"))
		}
	}
	cm := fmt.Sprintf("%s in a usual month (the mean of the 12 before the start, each carried to the start at %s): %s, as many as hold them when filled first, as the base's %d beds hold its %d children (Erlang's loss formula: a few beds stand empty longer between their children than many), and no fewer than the children and the %s beds homes filled first keep empty whatever their number; the council's homes are filled first", count(int(math.Round(typical)), "child"), allChange(g, b.e.HomesGrowthFitted), how, beds, held, num(emptyHomeBeds, 2))
	if pass.ok {
		cm = fmt.Sprintf("%s at the most on the first day of a month of the 12 before the start or on the start, or %s in a usual month of those days (each carried to the start at %s) with %s Poisson standard deviations more, whichever is more, as the homes pass on %s of the children they have a bed for: %s, a ceiling", count(int(math.Round(typical)), "child"), num(b.e.HomesAtStart, 1), allChange(g, b.e.HomesGrowthFitted), num(peakMargin*pass.share, 2), pct(pass.share), how)
	}
	// The council's own homes, as many as it needs, named as its own: the base's, a home
	// for each of the first, give their beds, costs and places, and the first's the rest.
	first := kd.Homes[0]
	homes := make([]model.Home, need)
	for i := range homes {
		h := first
		if i < len(kd.Homes) {
			h = kd.Homes[i]
		}
		homes[i] = model.Home{Name: fmt.Sprintf("In-house home %d", i+1), Beds: h.Beds, Local: h.Local, FixedCostPerYearGBP: round(h.FixedCostPerYearGBP, 0)}
	}
	if need > 0 && last < homes[need-1].Beds {
		h := &homes[need-1]
		h.FixedCostPerYearGBP = round(h.FixedCostPerYearGBP*float64(last)/float64(h.Beds), 0)
		h.Beds = last
	}
	// A resample's stock is unmerged (exactStock): its homes' children are in the homes.
	if m := b.c.homesMergedNote(); m != "" && !b.opt.exactStock {
		cm += "; " + m
	}
	b.note(p+".homes", cm+"; their beds' costs and places are the base's ("+b.opt.Extends+"): set the council's own")
	kd.Homes = homes
	b.growHomes(x, typical, total, g, first)
	b.spareBeds(kd, spare, first)
	if u := usualHomes(typical, b.e.HomesLevel); u > typical && !pass.ok {
		b.usualBeds(roundBeds(homeBeds(u, held, beds))-total, first)
	}
}

// usualBeds opens n beds in the council's own homes through the run, one at a time, each a
// home of one bed like first in cost and place: the beds by which the homes sized for the
// window's usual month (usualHomes) exceed those sized for the 12 months before
// the start, where those 12 months lay below the window's by chance. The homes start as the
// return has them and come back to the window's usual month as their children are replaced:
// bed j of n opens at the (j+1/2)/n quantile of an exponential distribution whose mean is the
// time a child of the return spent in the homes in the window (a year when fewer than 5
// children did). Sized for the window's usual month from the start, the homes of a council of
// 60 entries a year held 96% of the first year's months in the 90% band, too many.
func (b *builder) usualBeds(n int, first model.Home) {
	if n <= 0 {
		return
	}
	stay, start, end, cost := b.bedsThroughRun(first)
	opened := 0
	for j := range n {
		at := start + day(math.Ceil(-math.Log(1-(float64(j)+0.5)/float64(n))*stay*model.DaysPerYear))
		if at >= end || len(b.openBeds) >= maxOpenBeds {
			continue
		}
		b.openBeds = append(b.openBeds, model.Intervention{Action: model.OpenHome,
			Label: "Open a bed: the council's own homes held more children in a usual month of the window than in the 12 months before the start",
			From:  at.time(), Kind: b.c.kinds[inhouseHome], Count: 1, Local: first.Local,
			Name: fmt.Sprintf("Usual bed %d", j+1), FixedCostPerYearGBP: cost})
		opened++
	}
	if opened > 0 {
		text := fmt.Sprintf("The council's own homes held less than a child in a usual month of the 12 before the start, fewer than in a usual month of the window (each month carried to its end at the window's yearly change) by no more than two Poisson standard deviations: a usual month of less than a child is the stay of one child or none, and lies that far below the window's by chance. %s of one bed each open through the run, as a child stays in the homes, up to the beds the window's usual month needs.", upperFirst(count(opened, "home")))
		if prev := b.notes.Sections["interventions"]; prev != "" {
			text = strings.ReplaceAll(prev, "\n", " ") + " " + text
		}
		b.section("interventions", text, 0)
	}
}

// bedsThroughRun returns what opening or closing beds of the council's own homes through the
// run (usualBeds, spareBeds) needs: the years a child of the return spent in the homes in the
// window on average (a year when fewer than MinChildren children did), the run's first and last
// day, and a bed's cost a year, first's divided by its beds.
func (b *builder) bedsThroughRun(first model.Home) (stay float64, start, end day, cost float64) {
	stay = 1.0
	for _, m := range b.e.Moves {
		if m.Kind == inhouseHome.String() && m.Children >= MinChildren && m.Years > 0 {
			stay = m.Years / float64(m.Children)
		}
	}
	start = dayOf(b.s.Start)
	end = dayOf(b.s.Start.AddDate(b.s.Years, 0, 0))
	cost = round(first.FixedCostPerYearGBP/float64(first.Beds), 0)
	return stay, start, end, cost
}

// spareBeds opens n beds in the council's own homes through the run, or closes -n of them
// when n is below 0, one at a time, each a home of one bed like first in cost and place (those
// to close among the homes at the start): the beds a resample's month above or below the
// usual adds or takes away (Calibration.homesShift), so that its homes, filled first, hold
// as many children as the return's homes did in that month. Each opens or closes at a time t
// drawn as sqrt(1-exp(-2t/s)) says, s the time a child stays in the homes (homesStay): a
// count whose children stay exponential times moves away from its start, as they are
// replaced, with a variance that grows as 1-exp(-2t/s) of its swings', and beds opened one by
// one at times of that distribution move the homes so (their number's variance, at time t,
// the square of its share opened by then). Opened after exponential times of mean s, whose
// share by then is 1-exp(-t/s), the beds moved the homes' variance as (1-exp(-t/s))²: less than
// half as much as the count's a stay into the run. Sized for that month from the start, the
// homes of the synthetic councils, filled first in the run's first weeks, held 96-98% of the
// first year's months in the 90% band.
func (b *builder) spareBeds(kd *model.Kind, n int, first model.Home) {
	if n == 0 {
		return
	}
	_, start, end, cost := b.bedsThroughRun(first)
	stay := b.c.homesStay()
	if n < 0 {
		kd.Homes = slices.Clone(kd.Homes)
	}
	for j := range max(n, -n) {
		u := b.c.homesRand.Float64()
		at := start + day(math.Ceil(-stay/2*math.Log1p(-u*u)*model.DaysPerYear))
		name := fmt.Sprintf("Spare bed %d", j+1)
		if n < 0 {
			kd.Homes = append(kd.Homes, model.Home{Name: name, Beds: 1, Local: first.Local, FixedCostPerYearGBP: cost})
		}
		if at >= end || len(b.openBeds) >= maxOpenBeds {
			continue
		}
		iv := model.Intervention{Action: model.OpenHome, Label: "Open a spare bed: a month of the return above the usual in the council's own homes",
			From: at.time(), Kind: b.c.kinds[inhouseHome], Count: 1, Local: first.Local, Name: name, FixedCostPerYearGBP: cost}
		if n < 0 {
			iv = model.Intervention{Action: model.CloseHome, Label: "Close a spare bed: a month of the return below the usual in the council's own homes",
				From: at.time(), Kind: b.c.kinds[inhouseHome], Name: name}
		}
		b.openBeds = append(b.openBeds, iv)
	}
}

// growHomes opens beds in the council's homes through the run as the children in care grew
// over the window (g, homesGrowth), as its carers follow theirs: sized at the start alone,
// the beds of a council whose children in care grow by a few per cent a year held a sixth to
// a third too few children three years on, which the homes, filled first, passed to other
// kinds. The beds grow with the children held, not with the beds, so that the spare beds of
// the start stay as many: of x beds at the start for held children, bed total+j opens when
// x+held·((1+g)^t-1), rounded as the start's beds were, first reaches total+j, each a home
// of one bed like first in cost and place; none opens after the run's last day, nor when the
// count fell (the homes are not closed under their children).
func (b *builder) growHomes(x, held float64, total int, g float64, first model.Home) {
	if g <= 0 || x <= 0 || total == 0 {
		return
	}
	d := 0.5
	if b.c.bedsDither > 0 {
		d = b.c.bedsDither
	}
	end := dayOf(b.s.Start.AddDate(b.s.Years, 0, 0))
	start := dayOf(b.s.Start)
	for j := 1; ; j++ {
		t := math.Log1p((float64(total+j)-d-x)/held) / math.Log1p(g)
		at := start + day(math.Ceil(max(t, 0)*model.DaysPerYear))
		if at >= end || len(b.openBeds) >= maxOpenBeds {
			break
		}
		b.openBeds = append(b.openBeds, model.Intervention{Action: model.OpenHome,
			Label: fmt.Sprintf("Open bed %d: the children in care grew %s, and the council's own homes with them", total+j, grewBy(g, b.e.HomesGrowthFitted, "over the window")),
			From:  at.time(), Kind: b.c.kinds[inhouseHome], Count: 1, Local: first.Local,
			Name:                fmt.Sprintf("Bed %d", total+j),
			FixedCostPerYearGBP: round(first.FixedCostPerYearGBP/float64(first.Beds), 0)})
	}
	if n := len(b.openBeds); n > 0 {
		text := fmt.Sprintf("The children in care grew %s, and the council's own homes grow with them: %s of one bed each open as that growth carried on from the start's beds would need them, the first on %s.", grewBy(g, b.e.HomesGrowthFitted, "over the window (a log-linear fit)"), count(n, "home"), b.openBeds[0].From.Format(time.DateOnly))
		if prev := b.notes.Sections["interventions"]; prev != "" {
			text = strings.ReplaceAll(prev, "\n", " ") + " " + text
		}
		b.section("interventions", text, 0)
	}
}

// SetYears sets the years a calibrated scenario s runs, as a backtest runs it over the months
// it compares, and drops the interventions that would then fall after its last day: the beds
// its council's homes open as they grow.
func SetYears(s *model.Scenario, years int) {
	s.Years = years
	end := s.Start.AddDate(years, 0, 0)
	// A new slice: a scenario's interventions may be its base's, which other scenarios share.
	var kept []model.Intervention
	for _, iv := range s.Interventions {
		if iv.From.Before(end) {
			kept = append(kept, iv)
		}
	}
	s.Interventions = kept
}

// maxOpenBeds bounds the beds growHomes opens, well within the interventions a scenario holds.
const maxOpenBeds = 200

// stepDownReviewDays is the time between the step-down reviews of a calibrated scenario.
const stepDownReviewDays = 30.0

func (b *builder) stepDown() {
	c, e, s := b.c, b.e, b.s
	sd := e.StepDown
	if sd.N >= MinChildren && !math.IsNaN(sd.Value) {
		// Reviews a month apart: the return shows children stepping down at any time from
		// their first weeks in residential care, which reviews a quarter apart would hold
		// back until the first.
		review := stepDownReviewDays
		s.StepDown.ReviewDays = review
		b.note("step_down.review_days", "a month: the return shows step-downs at any time, from the first weeks in residential care, not held until a quarterly review")
		// Step-downs of 1 to 4 are written as though 2.5 (fewRate), out of each kind and in
		// all, and all counts each kind's so, written or not: all's count less a kind's would
		// give the other's away.
		n, yrs := e.StepDowns, e.StepDownYears
		all := fewCount(n[0]-n[1]-n[2]) + fewCount(n[1]) + fewCount(n[2])
		counted := all != float64(n[0]) || fewCount(n[1]) != float64(n[1]) || fewCount(n[2]) != float64(n[2])
		if all > 0 && all < MinChildren {
			all = 2.5
		}
		sd = poissonRateOf(all, yrs[0])
		share := 1 - math.Exp(-sd.Value*review/model.DaysPerYear)
		s.StepDown.ReadyShare = perNeed(round(share, 3))
		text := fmt.Sprintf("step-downs from residential care to any other setting: %s a child-year (%s), a review every %s days", num(sd.Value, 3), interval(sd.Low, sd.High, 3), num(review, 0))
		switch {
		case all == 2.5:
			text += "; fewer than 5 step-downs, the rate and its interval written as though 2.5, the middle of 1 to 4"
		case counted:
			text += "; those out of a kind with fewer than 5 counted as 2.5, the middle of 1 to 4, as below"
		}
		b.note("step_down.ready_share", text)
		// Each kind's own rate where MinChildren children or more lived there.
		for i, kr := range []struct {
			k    kind
			what string
			rate Interval
		}{{inhouseHome, "the council's own homes", e.StepDownHomes}, {externalResidential, "agencies' homes", e.StepDownAgencies}} {
			if kr.rate.N < MinChildren || math.IsNaN(kr.rate.Value) {
				continue
			}
			r, few := fewRate(n[i+1], yrs[i+1])
			id := c.kinds[kr.k]
			ks := perNeed(round(1-math.Exp(-r.Value*review/model.DaysPerYear), 3))
			s.Kinds[id].StepDownReadyShare = &ks
			text := fmt.Sprintf("step-downs out of %s to any other setting: %s a child-year (%s) of %s, a review every %s days", kr.what, num(r.Value, 3), interval(r.Low, r.High, 3), count(kr.rate.N, "child"), num(review, 0))
			if few {
				text += "; fewer than 5 step-downs, the rate and its interval written as though 2.5, the middle of 1 to 4"
			}
			b.note(fmt.Sprintf("kinds[%d].step_down_ready_share", id), text)
		}
		s.StepDown.EaseShare = 1
		b.note("step_down.ease_share", "complex needs stand for the children the return shows in residential care: a child who steps down is placed as at a move, and matched as any other from then on")
		s.StepDown.Try = slices.Clone(c.base.StepDown.Try)
		for _, k := range ladderOrder {
			if id := c.kinds[k]; k.category() != model.Residential && !slices.Contains(s.StepDown.Try, id) {
				s.StepDown.Try = append(s.StepDown.Try, id)
			}
		}
		b.note("step_down.try", "every setting that is not residential care: a child steps down to the kind the ladders draw for them")
	}
	// The return's share replaces the base's, and the base's shares by age with it.
	// A share of 1 to 4 moves that went to residential care, or all but 1 to 4, is written as
	// though 2.5 (fewAsMiddle), and the share of all moves, beside the bands', counts them so:
	// its count less the other band's would give them away.
	if es := e.Escalation; es.N >= MinChildren {
		// The moves out of family and other settings, written beside their kinds'
		// breakdown rates, less those at 10 or more would give away 1 to 4 under 10: the
		// count of those at 10 or more is not written then, and the share and its interval
		// are those of the moves written beside the kinds less 2.5 (a Wilson interval's
		// width, or the share to 3 decimals, would give the count away, as fewRate says of a
		// rate), with one share for every age from 10 (the bands' counts add up to it).
		family, hide := b.familyMovesUnder10(es.N)
		by := e.EscalationByAge
		byAge := !hide && by[0].N >= minEscalationMoves && by[1].N >= minEscalationMoves
		var few [2]string
		var fewAll string
		if hide {
			k, n, moves := shareCount(es), float64(family)-2.5, float64(es.N)
			switch {
			case k > 0 && k < MinChildren:
				k, fewAll = 2.5, "in"
			case moves-k > 0 && moves-k < MinChildren:
				k, fewAll = n-2.5, "out"
			default:
				fewAll = "under 10"
			}
			n0 := es.N
			es = wilson(k, n)
			es.N = n0
		}
		if byAge {
			k := 0.0
			for i := range by {
				by[i], few[i] = fewAsMiddle(by[i])
				k += by[i].Value * float64(by[i].N)
			}
			if few[0] != "" || few[1] != "" {
				es = wilson(k, float64(es.N))
				fewAll = "bands"
			}
		}
		if fewAll == "" {
			es, fewAll = fewAsMiddle(es)
		}
		s.EscalationShare, s.EscalationByAge = round(es.Value, 3), nil
		moves := count(es.N, "move")
		if hide {
			moves = "the moves"
		}
		text := fmt.Sprintf("share of %s of children aged 10 or more out of a family or other setting that went to residential care (%s)", moves, interval(es.Low, es.High, 2))
		if hide {
			text += "; the count not written, as the moves out of family and other settings written beside their kinds less it would give away the fewer than 5 under 10: the share and its interval written as though 2.5 were under 10, the middle of 1 to 4, and one share for every age from 10"
		}
		switch fewAll {
		case "bands":
			for i, f := range few {
				if f != "" {
					text += "; those at " + homeBands[i].String() + " that " + map[string]string{"in": "went there", "out": "did not"}[f] + " counted as 2.5, as below"
				}
			}
		case "in", "out":
			text += "; " + map[string]string{"in": "fewer than 5 went there", "out": "fewer than 5 did not go there"}[fewAll] + ", the share and its interval written as though 2.5, the middle of 1 to 4"
		}
		b.note("escalation_share", text)
		if byAge {
			for i, band := range by {
				s.EscalationByAge = append(s.EscalationByAge, model.EscalationBand{Ages: homeBands[i], Share: round(band.Value, 3)})
				moves := count(band.N, "move")
				if hide {
					moves = "the moves"
				}
				text := fmt.Sprintf("share of %s at %s out of a family or other setting that went to residential care (%s)", moves, homeBands[i], interval(band.Low, band.High, 2))
				if few[i] != "" {
					text += "; " + map[string]string{"in": "fewer than 5 went there", "out": "fewer than 5 did not go there"}[few[i]] + ", the share and its interval written as though 2.5, the middle of 1 to 4"
				}
				b.note(fmt.Sprintf("escalation_by_age[%d]", i), text)
			}
		}
	}
	if len(b.openBeds) > 0 {
		// The beds the return's homes open and close are the council's course, not a
		// strategy: reports list them as planned in the baseline.
		for i := range b.openBeds {
			b.openBeds[i].Baseline = true
		}
		s.Interventions = append(slices.Clone(c.base.Interventions), b.openBeds...)
	}
}

// familyMovesUnder10 reports whether the moves out of family and other settings, as the kinds'
// breakdown comments write them (kinds), less atTen of them at 10 or more, are 1 to 4: a
// count of moves under 10 that the files would give away.
func (b *builder) familyMovesUnder10(atTen int) (all int, few bool) {
	sum := 0
	for _, k := range []kind{kinship, inhouseFoster, ifa, supportedAccommodation, otherSettings} {
		i := slices.IndexFunc(b.e.Moves, func(m MoveRate) bool { return m.Kind == k.String() })
		if i < 0 {
			return 0, false
		}
		m := b.e.Moves[i]
		// Written as a count beside the kind's rate: of 5 or more children, in the
		// child-years the rate counts, and 5 or more moves.
		if m.Children < MinChildren || m.Years <= 0 || m.Redrawn > 0 || m.ExposedYears != m.Years || m.Rate.N < MinChildren {
			return 0, false
		}
		sum += m.Rate.N
	}
	under := sum - atTen
	return sum, under > 0 && under < MinChildren
}

// wrapText breaks text into lines of at most width characters.
func wrapText(text string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		if cur != "" && len(cur)+1+len(w) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// roundTo rounds shares to the given decimals so that they still sum to 1 (the largest
// takes the difference).
func roundTo(v []float64, decimals int) []float64 {
	p := math.Pow(10, float64(decimals))
	out := make([]float64, len(v))
	var sum float64
	big := 0
	for i, x := range v {
		out[i] = math.Round(x*p) / p
		sum += out[i]
		if out[i] > out[big] {
			big = i
		}
	}
	if len(out) > 0 {
		out[big] = math.Round((out[big]+1-sum)*p) / p
	}
	return out
}

// shownExits returns the exit shares a calibrated scenario may show: a route taken by fewer
// than 5 children is folded into "other", and an "other" of fewer than 5 into the largest
// route, so that no share times the number of leavers gives a count below 5.
func shownExits(counts [model.NumEarlyExitRoutes]int) [model.NumEarlyExitRoutes]float64 {
	c := foldedExits(counts)
	return roundShares(c[:])
}

// foldedExits returns the counts of exits by route as shownExits shows them: a route of fewer
// than 5 folded into "other", an "other" of fewer than 5 into the largest route.
func foldedExits(counts [model.NumEarlyExitRoutes]int) [model.NumEarlyExitRoutes]int {
	const other = int(model.OtherExit)
	c := counts
	for r := range c {
		if r != other && c[r] > 0 && c[r] < MinChildren {
			c[other] += c[r]
			c[r] = 0
		}
	}
	if c[other] > 0 && c[other] < MinChildren {
		largest := -1
		for r := range c {
			if r != other && c[r] > 0 && (largest < 0 || c[r] > c[largest]) {
				largest = r
			}
		}
		if largest >= 0 {
			c[largest] += c[other]
			c[other] = 0
		}
	}
	return c
}

// aboutShares returns exit shares for counts whose total is written "about" the nearest
// multiple of 5 (about, standing for about-2 to about+2, and 5 or more): rounded, to 3 decimals
// or fewer, so that for each total the "about" stands for some counts of 5 or more by route,
// adding to it, round to them. Shares of the counts to 3 decimals would fit one total alone
// (5/52, 9/52 and 33/52, written 0.096, 0.173 and 0.635, fit 52 and no other of 48 to 52) and
// give it away. Of the shares that fit, those nearest the counts' (least squares) at the most
// decimals; false when none do, as where two routes of 5 or more cannot make about-2 of them.
func aboutShares(counts [model.NumEarlyExitRoutes]int, about int) ([model.NumEarlyExitRoutes]float64, bool) {
	var out [model.NumEarlyExitRoutes]float64
	total := 0
	var routes []int
	for r, n := range counts {
		total += n
		if n > 0 {
			routes = append(routes, r)
		}
	}
	if total == 0 {
		return out, false
	}
	lo, hi := max(MinChildren, about-2), about+2
	for _, p := range []int{1000, 100, 10} {
		// Each route's share in units of 1/p: within one unit either way of its own.
		cands := make([][]int, len(routes))
		for i, r := range routes {
			x := float64(counts[r]) * float64(p) / float64(total)
			for a := int(math.Floor(x)) - 1; a <= int(math.Ceil(x))+1; a++ {
				if a > 0 && a <= p {
					cands[i] = append(cands[i], a)
				}
			}
		}
		// fits says whether shares a (in units of 1/p) fit a total of n: each route's count k
		// within half a unit, (2a-1)n <= 2pk <= (2a+1)n, and 5 or more.
		fits := func(a []int, n int) bool {
			sumLo, sumHi := 0, 0
			for _, ai := range a {
				kLo := max(MinChildren, ((2*ai-1)*n+2*p-1)/(2*p))
				kHi := (2*ai + 1) * n / (2 * p)
				if kLo > kHi {
					return false
				}
				sumLo, sumHi = sumLo+kLo, sumHi+kHi
			}
			return sumLo <= n && n <= sumHi
		}
		var best []int
		bestErr := math.Inf(1)
		a := make([]int, len(routes))
		var walk func(i, sum int)
		walk = func(i, sum int) {
			if i == len(routes) {
				if sum != p {
					return
				}
				for n := lo; n <= hi; n++ {
					if !fits(a, n) {
						return
					}
				}
				var e float64
				for j, r := range routes {
					d := float64(a[j])/float64(p) - float64(counts[r])/float64(total)
					e += d * d
				}
				if e < bestErr-1e-15 {
					bestErr, best = e, slices.Clone(a)
				}
				return
			}
			for _, v := range cands[i] {
				if sum+v <= p {
					a[i] = v
					walk(i+1, sum+v)
				}
			}
		}
		walk(0, 0)
		if best != nil {
			for j, r := range routes {
				out[r] = float64(best[j]) / float64(p)
			}
			return out, true
		}
	}
	return out, false
}

// tailNote says what the bands of a stay table beyond the Kaplan-Meier curve follow.
// gapNote says how far the fit lies from the Kaplan-Meier curve over the times it was
// checked against, or that it starts on the curve where there are none.
func (f TailFit) gapNote() string {
	if f.GapDays <= f.FromDays {
		return fmt.Sprintf("it starts on the Kaplan-Meier curve at %s days", num(f.FromDays, 0))
	}
	return fmt.Sprintf("within %s of the Kaplan-Meier curve from %s to %s days", num(f.Gap, 3), num(f.FromDays, 0), num(f.GapDays, 0))
}

func tailNote(f TailFit, cn counter) string {
	if f.Family == "none" {
		return fmt.Sprintf("from here the fitted tail: no child left before 18 after %s days, so those still in care stay until 18", num(f.FromDays, 0))
	}
	return fmt.Sprintf("from here the fitted tail: %s, fitted from %s days on to %s at risk and %s before 18; %s",
		f.describe(), num(f.FromDays, 0), cn.count(f.Children, "child"), cn.count(f.Events, "exit"), f.gapNote())
}

// mergedEntryBand says whether est's band at entry lies within a wider band of the entries'
// (or UASC's) age mix, merged there as one of its parts held fewer than 5 entrants: the band's
// children less those in care when the window began are its entrants, and the merged band's
// count less them would give away the other part's (Bromley's entrants aged 10-17, 46, less the
// 42 entrants aged 10-15 the stays comment gave: 4 aged 16-17).
func (e *Estimates) mergedEntryBand(est StayEstimate) bool {
	mix := e.Entries.Ages
	if est.UASC {
		mix = e.UASC.Ages
	}
	for _, a := range mix {
		if a.Ages.FromYears <= est.Ages.FromYears && est.Ages.ToYears <= a.Ages.ToYears {
			return a.Ages != est.Ages
		}
	}
	return false
}

// counter writes the counts of one group of children: as count and small write them, or,
// where two of the group's counts written in its comments differ by 1 to 4 (75 children and 71
// at risk a year on, 52 who left and 48 exits in the tail), all of them rounded to the nearest
// 5 and said to be "about" that, so that no count of fewer than 5 children follows from the
// difference of two (any two multiples of 5 differ by 0 or 5 or more).
type counter struct{ coarse bool }

// stayCounter returns the counter of the counts written about est's group: its children, those
// in care when the window began (followed, and imputed), those who left before 18, and the
// children at risk and exits of its fitted tail.
func stayCounter(est StayEstimate) counter {
	ns := []int{est.Children, est.Events}
	if est.UnderWay > 0 {
		ns = append(ns, est.UnderWay)
	}
	if est.Imputed > 0 {
		ns = append(ns, est.Imputed)
	}
	if !est.Fallback && est.Tail.Family != "none" && len(est.Table) > est.Followed {
		ns = append(ns, est.Tail.Children, est.Tail.Events)
	}
	for i, a := range ns {
		for _, b := range ns[i+1:] {
			// A count of 1 to 4 is written "fewer than 5", so gives no difference.
			if (a > 0 && a < MinChildren) || (b > 0 && b < MinChildren) {
				continue
			}
			if d := a - b; d != 0 && d > -MinChildren && d < MinChildren {
				return counter{coarse: true}
			}
		}
	}
	return counter{}
}

// round5 returns n rounded to the nearest multiple of 5, half up; 5 or more for n from 5.
func (c counter) round5(n int) int { return (n + 2) / 5 * 5 }

// count writes n of word as count does, or about n to the nearest 5.
func (c counter) count(n int, word string) string {
	if !c.coarse || n < MinChildren {
		return count(n, word)
	}
	return "about " + strconv.Itoa(c.round5(n)) + " " + plural(2, word)
}

// small writes n as small does, or about n to the nearest 5.
func (c counter) small(n int) string {
	if !c.coarse || n < MinChildren {
		return small(n)
	}
	return "about " + small(c.round5(n))
}

// homeBeds returns, as a real number of beds, the beds of the council's homes that hold held
// children on average when the council fills them first: as many as the base's beds, baseBeds
// of them holding baseHeld children, give by Erlang's loss formula (lossSize), and no fewer than
// held and the beds homes filled first keep empty whatever their number (emptyHomeBeds), where
// the base's beds are full and the formula gives only the base's proportion.
func homeBeds(held float64, baseHeld, baseBeds int) float64 {
	x := lossSize(held, baseHeld, baseBeds)
	if held > 0 {
		x = max(x, held+emptyHomeBeds)
	}
	return x
}

// erlangCarried returns the mean number of servers busy in a loss system of c servers offered
// a load of offered (arrivals times mean holding time): offered·(1-B), B Erlang's loss formula
// by its recurrence.
func erlangCarried(c int, offered float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = offered * b / (float64(k) + offered*b)
	}
	return offered * (1 - b)
}

// lossSize returns, as a real number of places, the places that hold held children on
// average when the council fills them first: a loss system (a child who finds no place goes
// elsewhere and does not wait) offered a load in proportion to held as the base's places,
// baseServers of them holding baseHeld children, are offered theirs. A small pool of places
// stands empty longer between its children than a large one, so that it holds fewer children
// for its places: in proportion to the base's, one or two beds held a sixth fewer children
// than the return shows. It returns held times baseServers over baseHeld when the base's
// places are full, and held when the base has no children or places there.
func lossSize(held float64, baseHeld, baseServers int) float64 {
	if held <= 0 || baseHeld <= 0 || baseServers <= 0 {
		return max(held, 0)
	}
	prop := held * float64(baseServers) / float64(baseHeld)
	if baseHeld >= baseServers {
		return prop
	}
	// The base's offered load, by bisection: the carried load rises with it.
	lo, hi := float64(baseHeld), float64(baseHeld)
	for erlangCarried(baseServers, hi) < float64(baseHeld) {
		lo, hi = hi, 2*hi
	}
	for range 60 {
		m := (lo + hi) / 2
		if erlangCarried(baseServers, m) < float64(baseHeld) {
			lo = m
		} else {
			hi = m
		}
	}
	offered := hi * held / float64(baseHeld)
	prev, b := 0.0, 1.0
	for c := 1; c <= 100000; c++ {
		b = offered * b / (float64(c) + offered*b) // erlangCarried's recurrence, a server at a time
		cur := offered * (1 - b)
		if cur >= held {
			return float64(c-1) + (held-prev)/(cur-prev)
		}
		prev = cur
	}
	return prop
}
