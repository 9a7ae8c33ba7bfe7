package ssda903

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
)

// WriteOptions says how to write a calibrated scenario.
type WriteOptions struct {
	// Name is the scenario's name.
	Name string
	// Extends is what the file extends: the base scenario's built-in name or path
	// ("default").
	Extends string
	// Sources describes the files read, for the file's heading ("3 episodes files, 3 header
	// files and 3 UASC files").
	Sources string
}

// WriteScenario writes the calibrated scenario: a file that extends the base scenario and
// sets what the return can say, every number commented with the children behind it and its
// 90% interval. No count below MinChildren is written.
func (c *Calibration) WriteScenario(w io.Writer, opt WriteOptions) error {
	sw := &scenarioWriter{c: c, e: &c.Estimates, b: bufio.NewWriter(w)}
	sw.write(opt)
	return sw.b.Flush()
}

type scenarioWriter struct {
	c *Calibration
	e *Estimates
	b *bufio.Writer
	// closeHomes are the base's homes the council does not need, closed on the start date.
	closeHomes []model.Home
}

// line writes one line; a comment, when given, follows two spaces and a #.
func (sw *scenarioWriter) line(indent int, text, comment string) {
	s := strings.Repeat("  ", indent) + text
	if comment != "" {
		s += "  # " + comment
	}
	sw.b.WriteString(s + "\n")
}

func (sw *scenarioWriter) comment(indent int, text string) {
	for _, l := range wrapText(text, 96-2*indent) {
		sw.b.WriteString(strings.Repeat("  ", indent) + "# " + l + "\n")
	}
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

// num writes v with at most decimals decimals, trailing zeros dropped.
func num(v float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	v = math.Round(v*p) / p
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
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
	if n > 0 && n < MinChildren {
		return "fewer than 5 " + plural(2, word)
	}
	return strconv.Itoa(n) + " " + plural(n, word)
}

// interval writes a 90% interval.
func interval(lo, hi float64, decimals int) string {
	return "90%: " + num(lo, decimals) + "-" + num(hi, decimals)
}

// years writes a number of days as years.
func years(days float64) string { return num(days/model.DaysPerYear, 1) + " years" }

func (sw *scenarioWriter) write(opt WriteOptions) {
	c, e := sw.c, sw.e
	q := c.ret.Quality
	la := q.LA
	if la == "" {
		la = "the council"
	}
	to := e.To.Format("2006-01-02")
	sw.comment(0, fmt.Sprintf("Calibrated by placesim calibrate from the SSDA903 return of %s (%s), over %s to %s (%s years).",
		la, opt.Sources, e.From.Format("2006-01-02"), to, num(float64(dayOf(e.To)-dayOf(e.From))/model.DaysPerYear, 1)))
	sw.comment(0, "Every estimate says how many children it rests on and its 90% interval. What the return "+
		"cannot say (needs, carers, homes and their costs, prices, ladders) comes from the base scenario \""+
		opt.Extends+"\", as do the values marked \"base\", used where fewer than 5 children are behind an "+
		"estimate. No count below 5 is written: smaller groups are merged with their neighbours. The "+
		"data-quality report beside this file says what was read, dropped and changed.")
	sw.line(0, "name: "+yamlString(opt.Name), "")
	sw.line(0, "description: >-", "")
	for _, l := range wrapText(fmt.Sprintf("%s's children in care as its SSDA903 return shows them on %s: entries, "+
		"ages, time in care, exit routes, placements and moves estimated from the return over %s to %s; "+
		"everything else as in %s.", upperFirst(la), to, e.From.Format("2006-01-02"), to, opt.Extends), 92) {
		sw.line(1, l, "")
	}
	sw.line(0, "extends: "+yamlString(opt.Extends), "")
	sw.line(0, "start: "+to, "the end of the window: the stock below is the children in care on this day")
	sw.line(0, "warmup_years: 0", "the stock is the council's own position on the start day, not one a warm-up reaches")
	sw.b.WriteString("\n")
	sw.entries()
	sw.uasc()
	sw.stock()
	sw.stays("stays", e.Stays, c.base.Stays, "at entry")
	stock := c.base.StockStays
	if len(stock) == 0 {
		stock = c.base.Stays
	}
	sw.stays("stock_stays", e.StockStays, stock, "now")
	sw.stayingPut()
	sw.kinds()
	sw.stepDown()
}

// yamlString quotes s when YAML would not read it back as the same string.
func yamlString(s string) string {
	plain := s != "" && !strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`\n") && strings.TrimSpace(s) == s
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		plain = false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		plain = false
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}

func (sw *scenarioWriter) entries() {
	e := &sw.e.Entries
	sw.comment(0, "Children coming into care (not UASC): periods of care that began in the window.")
	sw.line(0, "entries:", "")
	if e.Count < MinChildren {
		sw.line(1, "per_year: 0", "fewer than 5 children entered in the window")
		sw.b.WriteString("\n")
		return
	}
	rate := e.PerYear
	how := fmt.Sprintf("%s entered in %s years", count(e.Count, "child"), num(e.Years, 1))
	switch {
	case e.TrendFixed:
		how = "the rate over the last 12 months of the window, assumed to stay there"
	case e.TrendUsed:
		how += "; the fitted rate on the start date"
	}
	sw.line(1, "per_year: "+num(rate.Value, 1), how+" ("+interval(rate.Low, rate.High, 1)+")")
	if e.TrendFixed {
		sw.line(1, "trend_per_year: 0", "no trend fitted (calibrate --no-trend)")
	} else if e.TrendUsed {
		sw.line(1, "trend_per_year: "+num(e.Trend.Value, 4),
			fmt.Sprintf("%s a year (%s to %s): a log-linear Poisson fit of the monthly counts", pct(e.Trend.Value), pct(e.Trend.Low), pct(e.Trend.High)))
	} else if e.Years >= 1 && e.Count >= MinChildren {
		sw.line(1, "trend_per_year: 0", fmt.Sprintf("estimated %s a year (90%%: %s to %s): no clear trend, none assumed", pct(e.Trend.Value), pct(e.Trend.Low), pct(e.Trend.High)))
	} else {
		sw.line(1, "trend_per_year: 0", "the window is too short to see a trend")
	}
	if e.SeasonalityUsed {
		var ms []string
		for _, v := range e.Seasonality {
			ms = append(ms, num(v, 3))
		}
		// Rounding to three decimals can move the mean off 1 by a little more than the
		// format allows: put the difference on the largest month.
		sw.line(1, "seasonality: ["+strings.Join(fixMean(ms), ", ")+"]", "January first: the months differ more than chance would make them (likelihood-ratio test, 10% level)")
	} else if e.Years >= 2 {
		sw.line(1, "seasonality: ~", "the months differ no more than chance would make them: none assumed")
	}
	sw.line(1, "ages:", "age at entry; needs: the complex (and solo) share is set so the ladders send as many to residential care on entry as the return shows")
	sw.ages(e.Ages, 2)
	sw.b.WriteString("\n")
}

// fixMean adjusts twelve rounded multipliers so that they average 1 exactly.
func fixMean(ms []string) []string {
	var sum float64
	big := 0
	vals := make([]float64, len(ms))
	for i, m := range ms {
		vals[i], _ = strconv.ParseFloat(m, 64)
		sum += vals[i]
		if vals[i] > vals[big] {
			big = i
		}
	}
	vals[big] += 12 - sum
	out := make([]string, len(ms))
	for i, v := range vals {
		out[i] = num(v, 3)
	}
	return out
}

// ages writes an age mix.
func (sw *scenarioWriter) ages(mix []AgeShare, indent int) {
	shares := make([]float64, len(mix))
	for i, a := range mix {
		shares[i] = a.Share.Value
	}
	shares = roundTo(shares, 3)
	for i, a := range mix {
		needs := needsText(a.Needs)
		text := fmt.Sprintf("- {ages: %s, share: %s, needs: %s, male_share: %s}", a.Ages, num(shares[i], 3), needs, num(a.MaleShare.Value, 2))
		cm := fmt.Sprintf("%s (%s)", count(a.Children, "child"), interval(a.Share.Low, a.Share.High, 2))
		switch res := int(math.Round(a.Residential.Value * float64(a.Residential.N))); {
		case res >= MinChildren:
			cm += fmt.Sprintf("; %s first placed in residential care", pct(a.Residential.Value))
		case res > 0:
			cm += "; fewer than 5 first placed in residential care"
		}
		sw.line(indent, text, cm)
	}
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

// needsText writes a need mix as a flow mapping, needs of share 0 left out.
func needsText(n [model.NumNeeds]float64) string {
	var parts []string
	for i, v := range n {
		if v > 0 {
			parts = append(parts, model.Need(i).String()+": "+num(v, 3))
		}
	}
	if len(parts) == 0 {
		return "{standard: 1}"
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (sw *scenarioWriter) uasc() {
	u := &sw.e.UASC
	sw.comment(0, "Unaccompanied asylum-seeking children: periods of care that began before the child's UASC status ended (DUC in the UASC files).")
	sw.line(0, "uasc:", "")
	if u.Count < MinChildren {
		sw.line(1, "per_year: 0", "fewer than 5 UASC arrived in the window: too few to estimate or to show; set it by hand")
		sw.b.WriteString("\n")
		return
	}
	sw.line(1, "per_year: "+num(u.PerYear.Value, 1), fmt.Sprintf("%s in %s years (%s)", count(u.Count, "arrival"), num(sw.e.Entries.Years, 1), interval(u.PerYear.Low, u.PerYear.High, 1)))
	sw.line(1, "ages:", "age at arrival; needs as in the base scenario")
	sw.ages(u.Ages, 2)
	sw.b.WriteString("\n")
}

func (sw *scenarioWriter) stock() {
	c, e := sw.c, sw.e
	var total int
	for _, cl := range e.Stock {
		total += cl.Count
	}
	sw.comment(0, fmt.Sprintf("The children in care on %s: %s, by placement on that day (the mapping of PLACE and PLACE_PROVIDER in scenarios/ssda903/README.md) and age. Needs as in the base scenario's stock of the same kind and age.",
		e.To.Format("2006-01-02"), count(total, "child")))
	sw.line(0, "stock:", "")
	if len(e.Stock) == 0 {
		sw.b.WriteString("  []\n\n")
		return
	}
	for k := range numKinds {
		for _, uasc := range []bool{false, true} {
			for _, cl := range e.Stock {
				if cl.Kind != k.String() || cl.UASC != uasc {
					continue
				}
				needs := c.stockNeeds(k, cl.Ages, uasc)
				text := fmt.Sprintf("- {kind: %s, ages: %s, count: %d, needs: %s, male_share: %s", cl.Kind, cl.Ages, cl.Count, needsText(needs), num(float64(cl.Male)/float64(cl.Count), 2))
				if uasc {
					text += ", uasc: true"
				}
				text += "}"
				cm := ""
				if cl.Merged {
					cm = "merged from smaller groups so that no count is below 5"
				}
				sw.line(1, text, cm)
			}
		}
	}
	sw.b.WriteString("\n")
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

// stays writes stay rules: UASC first, then the others by age.
func (sw *scenarioWriter) stays(field string, ests []StayEstimate, base []model.StayRule, when string) {
	if field == "stays" {
		sw.comment(0, "Time in care and the way out, by age at entry: Kaplan-Meier estimates from the periods of care that began in the window, a period still open at its end, lost from view or ending at 18 counted as censored. A table's last band spreads what is left after the longest time the window shows up to the 18th birthday of the youngest in the band. Exits: the routes of the children who left before 18 (REC codes as in scenarios/ssda903/README.md).")
	} else {
		sw.comment(0, "The remaining time in care of the children in care, by current age: the children in care at the start of each quarter of the window, followed to its end (each child counted once in all). The table is the distribution of whole stays whose remaining part, as placesim draws it for a starting stock, matches the remaining times observed.")
	}
	sw.line(0, field+":", "")
	for _, est := range ests {
		who := "{ages: " + est.Ages.String() + "}"
		group := "children aged " + est.Ages.String() + " " + when
		if est.UASC {
			who = "{ages: " + est.Ages.String() + ", uasc: only}"
			group = "UASC aged " + est.Ages.String() + " " + when
		}
		mid := float64(est.Ages.FromYears+est.Ages.ToYears+1) / 2
		rule := baseRule(base, mid, est.UASC)
		if est.Fallback {
			sw.line(1, "- who: "+who, group+": fewer than 5 children, so the base's rule")
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
			sw.line(1, "- who: "+who, fmt.Sprintf("%s: %s, %s who left before 18; %s", group, count(est.Children, "child"), count(est.Events, "child"), med))
		}
		sw.line(2, "stay:", "")
		if est.Fallback {
			if rule != nil {
				sw.dist(3, rule.Stay)
			}
		} else {
			sw.line(3, "distribution: empirical", "")
			sw.line(3, "table:", "")
			for i, b := range est.Table {
				cm := ""
				if i < len(est.Survival) {
					s := est.Survival[i]
					cm = fmt.Sprintf("%s still in care after %s days (%s)", pct(s.Share), num(s.Days, 0), interval(s.Low, s.High, 2))
				}
				if field == "stock_stays" {
					cm = ""
					if i < len(est.Survival) {
						s := est.Survival[i]
						cm = fmt.Sprintf("remaining time: %s still in care %s days on (%s)", pct(s.Share), num(s.Days, 0), interval(s.Low, s.High, 2))
					}
				}
				sw.line(4, fmt.Sprintf("- {up_to_days: %s, share: %s}", num(b.UpToDays, 0), num(b.Share, 4)), cm)
			}
		}
		exits := shownExits(est.ExitCounts)
		cm := fmt.Sprintf("%s before 18", count(est.Events, "exit"))
		if est.ExitsFallback {
			if rule != nil {
				exits = rule.ExitShares
			} else {
				exits = [model.NumEarlyExitRoutes]float64{0, 0, 0, 0, 1}
			}
			cm = "base: fewer than 5 children left before 18"
		}
		var parts []string
		for r, v := range exits {
			if v > 0 {
				parts = append(parts, model.ExitRoute(r).String()+": "+num(v, 3))
			}
		}
		if len(parts) == 0 {
			parts = []string{"other: 1"}
		}
		sw.line(2, "exits: {"+strings.Join(parts, ", ")+"}", cm)
	}
	sw.b.WriteString("\n")
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

// dist writes a distribution as the scenario format has it.
func (sw *scenarioWriter) dist(indent int, d model.Distribution) {
	sw.line(indent, "distribution: "+d.Kind.String(), "")
	switch d.Kind {
	case model.Empirical:
		sw.line(indent, "table:", "")
		for _, b := range d.Table {
			sw.line(indent+1, fmt.Sprintf("- {up_to_days: %s, share: %s}", num(b.UpToDays, 2), num(b.Share, 4)), "")
		}
	case model.Gamma:
		sw.line(indent, "mean_days: "+num(d.MeanDays, 2), "")
		sw.line(indent, "shape: "+num(d.Shape, 4), "")
	case model.Lognormal:
		sw.line(indent, "mean_days: "+num(d.MeanDays, 2), "")
		sw.line(indent, "sigma: "+num(d.Sigma, 4), "")
	default:
		sw.line(indent, "mean_days: "+num(d.MeanDays, 2), "")
	}
}

func (sw *scenarioWriter) stayingPut() {
	sp := sw.e.StayingPut
	if sp.N < MinChildren {
		sw.comment(0, "staying_put: the base's share (fewer than 5 young people left foster care at 18 in the window).")
		sw.b.WriteString("\n")
		return
	}
	sw.line(0, "staying_put:", "")
	sw.line(1, "share: "+num(sp.Value, 3), fmt.Sprintf("REC E17 among %s leaving foster care at 18 (%s)", count(sp.N, "young person"), interval(sp.Low, sp.High, 2)))
	sw.b.WriteString("\n")
}

// kinds writes what the return says of each provision kind: moves, availability and the
// council's own capacity.
func (sw *scenarioWriter) kinds() {
	c, e := sw.c, sw.e
	sw.comment(0, "Provision kinds: what the return says of each, merged by name into the base's kinds. Breakdowns: placement moves to a new carer (RNE P or T) out of the kind, per child-year in it (step-downs from residential care to a family apart); the base's rates for each need are scaled to it. The council's own carers, homes and commissioned places are sized to the most children placed there on the first day of any of the 12 months before the start, filled as the base fills its own.")
	sw.firstPlacements()
	sw.line(0, "kinds:", "")
	moves := map[string]MoveRate{}
	for _, m := range e.Moves {
		moves[m.Kind] = m
	}
	for k := range numKinds {
		id := c.kinds[k]
		kd := &c.base.Kinds[id]
		var lines []func()
		add := func(f func()) { lines = append(lines, f) }
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
				add(func() {
					how := fmt.Sprintf("%s in %s child-years (%s children; %s)", count(m.Rate.N, "move"), num(m.Years, 1), strconv.Itoa(m.Children), interval(m.Rate.Low, m.Rate.High, 3))
					if k == blockResidential {
						how = "as external residential care: the return does not tell block-booked beds apart"
					}
					sw.breakdown(kd, m.Rate.Value, how)
				})
			}
		}
		switch k {
		case kinship:
			if !math.IsNaN(e.KinshipUnavailable) {
				add(func() {
					sw.line(2, "unavailable_share: "+num(e.KinshipUnavailable, 2), "fitted so the ladders place entrants with family and friends as often as the return shows")
				})
			}
		case otherSettings:
			if !math.IsNaN(e.OtherUnavailable) {
				add(func() {
					sw.line(2, "unavailable_share: "+num(e.OtherUnavailable, 2), "fitted so the ladders place young entrants with parents or for adoption as often as the return shows")
				})
			}
		case inhouseFoster:
			if kd.Carers != nil {
				if f := sw.capacityFactor(k); f > 0 {
					add(func() {
						peak := e.Peaks[k.String()]
						h := max(1, int(math.Round(float64(peak)*f)))
						sw.line(2, "carers:", "")
						sw.line(3, fmt.Sprintf("households: %d", h), fmt.Sprintf("for %s at the peak, as the base has %d households for %d children", count(peak, "child"), kd.Carers.Households, sw.baseStock(k)))
						sw.line(3, "approvals_per_year: "+num(kd.Carers.ApprovalsPerYear*float64(h)/float64(kd.Carers.Households), 1), "the base's approvals, in proportion")
					})
				}
			}
		case supportedAccommodation:
			peak := e.Peaks[k.String()]
			switch {
			case peak == 0:
				add(func() {
					sw.line(2, "unavailable_share: 1", "no child was placed in supported accommodation in the 12 months before the start")
				})
			case kd.CapacityPlaces > 0 && sw.baseStock(k) > 0:
				add(func() {
					places := int(math.Ceil(float64(peak) * float64(kd.CapacityPlaces) / float64(sw.baseStock(k))))
					sw.line(2, fmt.Sprintf("capacity_places: %d", places), fmt.Sprintf("for %s at the peak, as the base commissions %d places for %d children", count(peak, "child"), kd.CapacityPlaces, sw.baseStock(k)))
				})
			}
		case inhouseHome:
			if len(kd.Homes) > 0 {
				add(func() { sw.homes(kd) })
			}
		}
		if len(lines) == 0 {
			continue
		}
		sw.line(1, "- name: "+kd.Name, "")
		for _, f := range lines {
			f()
		}
	}
	sw.b.WriteString("\n")
}

// firstPlacements writes, as comments, the kinds of entrants' first placements by age at
// entry, from which the unavailable shares below are fitted.
func (sw *scenarioWriter) firstPlacements() {
	sw.b.WriteString("# First placements of the children who entered in the window, by age at entry:\n")
	for _, m := range sw.e.FirstPlacement {
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
			sw.b.WriteString("#   " + who + ": fewer than 5 children\n")
			continue
		}
		var parts []string
		for k, v := range m.Counts {
			switch {
			case v >= MinChildren:
				parts = append(parts, fmt.Sprintf("%s %s", KindNames[k], pct(float64(v)/float64(n))))
			case v > 0:
				parts = append(parts, KindNames[k]+" fewer than 5")
			}
		}
		sw.b.WriteString(fmt.Sprintf("#   %s, %s: %s\n", who, count(n, "child"), strings.Join(parts, ", ")))
	}
}

// breakdown writes a kind's breakdown rate: the base's rates by need scaled so that their
// mean over the base's stock of the kind is the rate observed.
func (sw *scenarioWriter) breakdown(kd *model.Kind, observed float64, how string) {
	mean := sw.c.baseMean(kd)
	if mean <= 0 {
		sw.line(2, "breakdown_per_year: "+num(observed, 3), how)
		return
	}
	f := observed / mean
	b := kd.BreakdownPerYear
	if b[0] == b[1] && b[1] == b[2] {
		sw.line(2, "breakdown_per_year: "+num(observed, 3), how)
		return
	}
	var parts []string
	for n := range model.NumNeeds {
		parts = append(parts, n.String()+": "+num(b[n]*f, 3))
	}
	sw.line(2, "breakdown_per_year: {"+strings.Join(parts, ", ")+"}", how)
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
func (sw *scenarioWriter) baseStock(k kind) int {
	var n int
	for _, g := range sw.c.base.Stock {
		if g.Kind == sw.c.kinds[k] {
			n += g.Count
		}
	}
	return n
}

// capacityFactor returns the base's carer households per child in its stock of kind k, or 0.
func (sw *scenarioWriter) capacityFactor(k kind) float64 {
	kd := &sw.c.base.Kinds[sw.c.kinds[k]]
	if kd.Carers == nil || sw.baseStock(k) == 0 || kd.Carers.Households == 0 {
		return 0
	}
	return float64(kd.Carers.Households) / float64(sw.baseStock(k))
}

// homes sizes the council's own children's homes: as many homes of the base's first home's
// size as the peak needs at the base's occupancy; homes of the base beyond that are closed on
// the start date, and more are added like its first.
func (sw *scenarioWriter) homes(kd *model.Kind) {
	peak := sw.e.Peaks[inhouseHome.String()]
	var beds int
	for _, h := range kd.Homes {
		beds += h.Beds
	}
	occ := 1.0
	if s := sw.baseStock(inhouseHome); s > 0 && beds > 0 {
		occ = float64(s) / float64(beds)
	}
	size := kd.Homes[0].Beds
	need := int(math.Ceil(float64(peak) / (float64(size) * occ)))
	if peak == 0 {
		need = 0
	}
	cm := fmt.Sprintf("%s at the peak: %d %s of %d beds, filled as the base fills its own (%s)", count(peak, "child"), need, plural(need, "home"), size, pct(occ))
	if need <= len(kd.Homes) {
		sw.closeHomes = kd.Homes[need:]
		if len(sw.closeHomes) > 0 {
			sw.line(2, "# "+cm+"; the base's homes beyond that close on the start date (interventions below)", "")
		}
		return
	}
	sw.line(2, "homes:", cm)
	first := kd.Homes[0]
	for i := len(kd.Homes); i < need; i++ {
		name := fmt.Sprintf("Home %d", i+1)
		sw.line(3, fmt.Sprintf("- {name: %s, beds: %d, local: %t, fixed_cost_per_year_gbp: %s}", yamlString(name), first.Beds, first.Local, num(first.FixedCostPerYearGBP, 0)), "")
	}
}

func (sw *scenarioWriter) stepDown() {
	c, e := sw.c, sw.e
	sd := e.StepDown
	if sd.N >= MinChildren && !math.IsNaN(sd.Value) {
		review := c.base.StepDown.ReviewDays
		if review <= 0 {
			review = 91
		}
		share := 1 - math.Exp(-sd.Value*review/model.DaysPerYear)
		sw.line(0, "step_down:", "")
		sw.line(1, "ready_share: "+num(share, 3), fmt.Sprintf("step-downs from residential care to a family: %s a child-year (%s), a review every %s days", num(sd.Value, 3), interval(sd.Low, sd.High, 3), num(review, 0)))
		sw.b.WriteString("\n")
	}
	if es := e.Escalation; es.N >= MinChildren {
		sw.line(0, "escalation_share: "+num(es.Value, 3), fmt.Sprintf("share of %s of children aged 10 or more out of a family or other setting that went to residential care (%s)", count(es.N, "move"), interval(es.Low, es.High, 2)))
		sw.b.WriteString("\n")
	}
	if len(sw.closeHomes) > 0 {
		sw.line(0, "interventions:", "")
		for _, h := range sw.closeHomes {
			sw.line(1, "- action: close_home", "")
			sw.line(2, "label: "+yamlString("Close "+h.Name+": the return shows fewer children in the council's own homes"), "")
			sw.line(2, "from: "+e.To.Format("2006-01-02"), "")
			sw.line(2, "kind: "+KindNames[inhouseHome], "")
			sw.line(2, "name: "+yamlString(h.Name), "")
		}
	}
}

// shownExits returns the exit shares a calibrated scenario may show: a route taken by fewer
// than 5 children is folded into "other", and an "other" of fewer than 5 into the largest
// route, so that no share times the number of leavers gives a count below 5.
func shownExits(counts [model.NumEarlyExitRoutes]int) [model.NumEarlyExitRoutes]float64 {
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
	return roundShares(c[:])
}
