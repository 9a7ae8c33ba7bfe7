package ssda903

import (
	"fmt"
	"math"
	"strings"

	"github.com/placesim/placesim/model"
)

// growthMinMonths is the fewest months of a window over which the change of the children in
// the council's own foster care is estimated and carried: over less than two years a
// season or a single busy year would pass for a trend.
const growthMinMonths = 24

// emptyCarerPlaces is the places a child can take alone that the council's own carers keep
// empty on average, whatever their number, when the council fills them first: a place that
// opens waits for the next child of the ages its household takes, and both the places that
// open and the children who seek one come in proportion to the council, so that the places
// empty at once hardly grow with it. It is measured as the vacancies_inhouse_foster metric of
// the calibrated scenarios of ten returns of each of the coverage study's councils through
// their first year. Sized as the base's households hold its children in its steady state,
// every such place filled, those scenarios kept 2.75 of them empty with 60 entries a year
// (1.8-3.5 return by return), 3.7 with 350 (2.0-5.9), 2.5 with 120 and short stays and 4.6
// with long stays, and their carers held 13-16% fewer children than the return shows with 60
// entries a year and 11% with 120 and short stays, where two or three places are a tenth of the
// pool, and 3-5% with 350: the constant was set to 2.7, the small councils' figure. With the
// carers sized less the children living with a household winding down (windingDown) and 2.7
// places more, they kept 3.44 empty with 60 entries a year (1.8-5.2), 3.95 with 350 (2.2-7.7),
// 3.47 with 120 and short stays (1.3-5.1) and 3.49 with long stays (1.2-7.1), 3.14-3.56 over
// 200 returns of each, and the calibrated scenarios' foster care came 1.5%, 4.0% and 4.9% too
// few in the three years of the council of 60 and 1.2%, 3.2% and 4.0% with 120 and short
// stays (the coverage study's pooled bands 2.1-3.2% and 0.7-1.5%). Sized with 3.4 places more,
// the small councils' figure again, the pools kept 3.56, 4.09, 3.61 and 3.65 empty over the
// ten returns (3.25-3.69 over 200), about what they were sized for, and the calibrated
// scenarios' foster care came 0.1% too many, 2.3% and 3.2% too few in the council of 60 and
// 0.1% too many, 1.9% and 2.7% too few with short stays, over 200 returns; 0.4-0.8 points more
// than with 2.7 in the larger councils (0.7-0.9% too many with 350, 1.1-2.0% with long stays).
const emptyCarerPlaces = 3.4

// emptyHomeBeds is the beds of the council's own homes that stand empty on average, whatever
// their number, when the council fills them first: a bed that opens waits for the next child
// who needs one, and both come in proportion to the council. The calibrated scenarios of the
// coverage study's councils, their homes sized in proportion to the base's, which its steady
// state fills (8 children in 8 beds), kept 0.33-0.35 beds empty on average through their first
// year with 60, 120 (short stays) and 350 entries a year, 0.51 with long stays (the
// vacancies_inhouse_home metric), and held 0.06-0.54 children fewer than their usual month:
// 23% fewer than the return shows in the first year of a council of 60.
const emptyHomeBeds = 0.35

// maxGrowth bounds the yearly change of the council's own carers a calibrated scenario
// carries: a pool of carers grows or shrinks by a few per cent a year, rarely by more than ten.
const maxGrowth = 0.1

// monthly returns the number of children placed in kind k on the first day of each month of
// the window (months of them) and then on its last day, with each day's time in years from
// the window's end.
func (c *Calibration) monthly(k kind) (years []float64, n []int, months int) {
	return c.monthlyOf(func(p *period, d day) bool { return c.placementOn(p, d) == k })
}

// monthlyOf is monthly for the children in care on each day for whom in holds: all children
// in care when it always does.
func (c *Calibration) monthlyOf(in func(p *period, d day) bool) (years []float64, n []int, months int) {
	from, to := dayOf(c.Estimates.From), dayOf(c.Estimates.To)
	count := func(d day) {
		m := 0
		for i := range c.ret.periods {
			p := &c.ret.periods[i]
			if p.inCareOn(d) && in(p, d) {
				m++
			}
		}
		years = append(years, float64(d-to)/365.25)
		n = append(n, m)
	}
	for d := from.monthStart(); d <= to; d = d.addMonths(1) {
		if d >= from {
			count(d)
		}
	}
	months = len(n)
	count(to)
	return years, n, months
}

// logLine returns the intercept and slope of the least-squares line through the logarithm of
// the counts n (plus a half, for days with none) against years; the slope is 0 when the years
// do not differ.
func logLine(years []float64, n []int) (a, b float64) {
	var mx, my float64
	for i := range years {
		mx += years[i]
		my += math.Log(float64(n[i]) + 0.5)
	}
	mx /= float64(len(years))
	my /= float64(len(years))
	var sxy, sxx float64
	for i := range years {
		sxy += (years[i] - mx) * (math.Log(float64(n[i])+0.5) - my)
		sxx += (years[i] - mx) * (years[i] - mx)
	}
	if sxx == 0 {
		return my, 0
	}
	return my - sxy/sxx*mx, sxy / sxx
}

// growth returns the yearly relative change of the children placed in kind k over the window: the
// slope of a least-squares line through the logarithm of their number (plus a half, for months with
// none) on the first day of each month of the window and on its last day, bounded to ±maxGrowth,
// the slope as fitted, and the number of months it counted. It is 0 over a window of fewer than
// growthMinMonths months.
func (c *Calibration) growth(k kind) (g, fitted float64, months int) {
	years, n, months := c.monthly(k)
	if months < growthMinMonths {
		return 0, 0, months
	}
	_, b := logLine(years, n)
	return max(-maxGrowth, min(maxGrowth, math.Expm1(b))), math.Expm1(b), months
}

// growthWords writes a yearly change g that growth or homesGrowth bounded from fitted: "-4% a
// year" as fitted, "held to the limit of -10% a year (the fit gave -33%)" when bounded, as the
// entries' trend's note says a trend held to its limit.
func growthWords(g, fitted float64) string {
	s := when(g > 0, "+") + pct(g) + " a year"
	if g != fitted {
		s = fmt.Sprintf("held to the limit of %s (the fit gave %s)", s, when(fitted > 0, "+")+pct(fitted))
	}
	return s
}

// homesGrowth returns the yearly relative change the council's own homes are carried at from
// the window (homesAtStart) and through the run (builder.growHomes): that of all children in
// care over the window, a slope through the logarithm of their number as growth fits one kind's,
// bounded to ±maxGrowth, and 0 over fewer than growthMinMonths months. The homes' own count of a
// few children, whose months move together over stays of a year or more, cannot show its own
// change over five years: fitted to it, the slope of the coverage study's council of 350 entries
// a year came out ±15% a year return by return, and bounded to ±10% it averaged 3.3% a year over
// 30 returns where their homes grew 5-7% (all children in care, 4.7%), which left the homes'
// simulated mean 9-11% below the months'.
func (c *Calibration) homesGrowth() (g, fitted float64) {
	years, n, months := c.monthlyOf(func(*period, day) bool { return true })
	if months < growthMinMonths {
		return 0, 0
	}
	_, b := logLine(years, n)
	return max(-maxGrowth, min(maxGrowth, math.Expm1(b))), math.Expm1(b)
}

// changedBy writes "changed by -4% a year over the window" (over the words of where), or,
// where the change was held to ±maxGrowth, "changed over the window: held to the limit of -10%
// a year (the fit gave -33%)".
func changedBy(g, fitted float64, where string) string {
	if g != fitted {
		return "changed " + where + ": " + growthWords(g, fitted)
	}
	return "changed by " + growthWords(g, fitted) + " " + where
}

// grewBy is changedBy for a growth: "grew by 5% a year over the window".
func grewBy(g, fitted float64, where string) string {
	if g != fitted {
		return where + ": " + growthWords(g, fitted)
	}
	return "by " + pct(g) + " a year " + where
}

// allChange writes the yearly change of all children in care the council's homes are carried
// at: "the +4% yearly change of all children in care", or, held to ±maxGrowth, "the yearly
// change of all children in care, held to the limit of -10% a year (the fit gave -34%)".
func allChange(g, fitted float64) string {
	if g != fitted {
		return "the yearly change of all children in care, " + growthWords(g, fitted)
	}
	return "the " + when(g > 0, "+") + pct(g) + " yearly change of all children in care"
}

// growthReport says, for the quality report, which yearly changes the scenario carries were
// held to ±maxGrowth, with the fits that gave more: the council's carers' and its homes' (that of
// all children in care). It is empty when none was.
func (c *Calibration) growthReport() string {
	var held []string
	if g, fitted, months := c.growth(inhouseFoster); months >= growthMinMonths && g != fitted {
		held = append(held, fmt.Sprintf("the children the council's own foster carers held (the carers' approvals follow them): %s", growthWords(g, fitted)))
	}
	if g, fitted := c.Estimates.HomesGrowth, c.Estimates.HomesGrowthFitted; g != fitted {
		held = append(held, fmt.Sprintf("all children in care (the council's own homes are carried at it, and open beds as it grows): %s", growthWords(g, fitted)))
	}
	if len(held) == 0 {
		return ""
	}
	return fmt.Sprintf("The scenario carries the yearly change of the children in some placements over the window, a log-linear fit of their number on the first day of each month, held to ±%s a year: a pool of carers or of beds grows or shrinks by a few per cent a year, rarely by more. These were held to that limit:\n\n- %s\n", pct(maxGrowth), strings.Join(held, ";\n- "))
}

// homesAtStart returns the children the council's own homes hold in a usual month at the
// scenario's start: the count on the same days as Estimates.Typical (the first day of each of
// the 12 months before To, and the day after To, the start), each carried to the start at the
// yearly change g. The 13
// days lie half a year before the start on average, and their plain mean, Typical, lags a
// growing count by half a year's growth.
func (c *Calibration) homesAtStart(g float64) float64 {
	to := dayOf(c.Estimates.To) + 1
	var sum float64
	days, counts := c.homesOnTypicalDays()
	for i, d := range days {
		sum += float64(counts[i]) * math.Pow(1+g, float64(to-d)/model.DaysPerYear)
	}
	return sum / float64(max(len(days), 1))
}

// homesOnTypicalDays returns the days Estimates.Typical counts on (the day after To, the start,
// then the first day of each of the 12 months before it, latest first, none before From) and
// the children the council's own homes held on each.
func (c *Calibration) homesOnTypicalDays() ([]day, []int) {
	to := dayOf(c.Estimates.To) + 1
	from := dayOf(c.Estimates.From)
	var days []day
	var counts []int
	for m := 0; m <= 12; m++ {
		d := to.addMonths(-m)
		if d < from {
			break
		}
		n := 0
		for i := range c.ret.periods {
			p := &c.ret.periods[i]
			if p.inCareOn(d) && c.placementOn(p, d) == inhouseHome {
				n++
			}
		}
		days = append(days, d)
		counts = append(counts, n)
	}
	return days, counts
}

// homesRecentPeak returns the most children the council's own homes held on the first day of
// each of the 12 months before the start, or on the start, as homesAtStart counts them and not
// carried: the homes as the latest year of the return has them. Sized from the window's busiest
// month carried to the start, the homes of a council whose children in care had fallen (the
// la-sample's: 7 at the most in 2017-18, 5 in the latest year, a mean of 2.7) had 12 beds the
// run left two-thirds or more empty, at the fixed cost of each.
func (c *Calibration) homesRecentPeak() float64 {
	_, counts := c.homesOnTypicalDays()
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	return float64(most)
}

// freeBedSpan is the days before a day over which the most children the council's own homes
// held stands for their beds on that day (homesFree): the return shows the children, not the
// beds, and half a year follows beds that open or close in the window while holding the busiest
// weeks of a full home.
const freeBedSpan = 182

// homesFree returns, for each band of homeBands, the placements in residential care of children
// who are not UASC that began in window w (a first placement or a move to a new carer) on a day
// the council's own homes had a bed free, and those of them in the homes. The children in the
// homes before a day's comers, that day's leavers gone, stand for the beds taken; a bed was free
// when they were fewer than the most they were on any day of the freeBedSpan days before. A
// council that fills its homes first places a child elsewhere only when they are full, or when
// two children come on the day of its last bed, and shows few placements elsewhere on such a day;
// one whose homes take only some of the children who need residential care, for their needs or
// the home's mix, shows how many they pass on. Both counts go no later than the day, so that
// where its comers go does not decide whether it is counted: a span reaching after it would
// count more of the days on which a child went to the homes, whose count then rises (homes
// taking a child with chance 0.3 would pass on 0.68 of them, not 0.7).
func (c *Calibration) homesFree(w window) [2]FreeBedPlacements {
	var out [2]FreeBedPlacements
	for i, a := range homeBands {
		out[i].Ages = a
	}
	days := int(w.to - w.from)
	if days <= 0 {
		return out
	}
	// before[i] is the children in the homes on day w.from+i less those whose placement
	// there began that day.
	before := make([]int, days+1)
	for i := range c.ret.periods {
		for _, pl := range c.ret.placements(&c.ret.periods[i]) {
			if pl.kind != inhouseHome {
				continue
			}
			end := pl.end
			if end == noDay || end > w.to {
				end = w.to
			}
			lo := max(pl.start, w.from)
			if end <= lo {
				continue
			}
			// Counted from the day after it began, or from the window's first day.
			from := lo
			if pl.start >= w.from {
				from++
			}
			if from < end {
				before[from-w.from]++
				before[end-w.from]--
			}
		}
	}
	for i := 1; i <= days; i++ {
		before[i] += before[i-1]
	}
	before = before[:days]
	// most[i] is the most over day i and the freeBedSpan days before it, by a sliding
	// window's maximum (a queue of the days whose counts fall).
	most := make([]int, days)
	var q []int
	for i := range days {
		for len(q) > 0 && before[q[len(q)-1]] <= before[i] {
			q = q[:len(q)-1]
		}
		q = append(q, i)
		if q[0] < i-freeBedSpan {
			q = q[1:]
		}
		most[i] = before[q[0]]
	}
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.uasc {
			continue
		}
		for j, pl := range c.ret.placements(p) {
			if !(pl.move || j == 0 && p.knownStart) || pl.start < w.from || pl.start >= w.to || pl.kind.category() != model.Residential {
				continue
			}
			b := homeBand(ageYears(p.dob, pl.start))
			if d := int(pl.start - w.from); b < 0 || before[d] >= most[d] {
				continue
			}
			out[b].Placements++
			if pl.kind == inhouseHome {
				out[b].Homes++
			}
		}
	}
	return out
}

// deviations returns how far the children placed in kind k on the first day of each month of
// the window lay from the window's line through them (the log-linear line of growth, or
// their mean over fewer than growthMinMonths months), in children, less the deviations' mean:
// how much a month's count varies about the usual, as children come and go and places stand
// empty between them. It returns nil for a window of no month.
func (c *Calibration) deviations(k kind) []float64 {
	years, n, months := c.monthly(k)
	years, n = years[:months], n[:months]
	if months == 0 {
		return nil
	}
	var a, b float64
	if months >= growthMinMonths {
		a, b = logLine(years, n)
	} else {
		a, _ = logLine(make([]float64, months), n)
	}
	dev := make([]float64, months)
	var mean float64
	for i := range dev {
		dev[i] = float64(n[i]) - (math.Exp(a+b*years[i]) - 0.5)
		mean += dev[i]
	}
	mean /= float64(months)
	for i := range dev {
		dev[i] -= mean
	}
	return dev
}

// minSwingChildren is the fewest children the council's own homes hold in a usual month of the
// window for homesSwings to scale their months' deviations: the bands of a count of a child or
// two are a few whole beds wide, and hold more than 90% of the months that follow them (97-98%
// in the coverage study's councils of 60 entries a year and of 120 with short stays, whose homes
// held 1.3-1.9 children), more than the swings a window leaves out. Scaled there too, the homes
// of the council of 60 held 96-97% of the second and third years' months in the 90% band (95%
// unscaled, 94% before the spare beds opened as the variance grows), too many.
const minSwingChildren = 4

// homesSwings returns the children by which a month of the council's own homes may lie above or
// below the usual, for a resample's homes to be sized for (Resamples): the return's months'
// deviations from the window's line through them (deviations), each scaled by the square root
// of the share of the count's variance such deviations keep (keptVariance, the children staying
// in the homes as long as the return's did, homesStay). A window of five years is a few stays
// in the homes: its months move together, and the line through them takes up their slow swings,
// so that the months deviate from it by less than the count swings about its expectation over
// the run. Unscaled, the deviations of the coverage study's council of 350 entries a year held
// 3.1 children² of variance where its homes' count held its mean, 8-9, and its homes' 90% bands
// were 10.0 and 11.3 children wide in the second and third years where the months needed 13.2
// and 14.0, and held 79% and 82% of them; scaled, with the spare beds opening as the variance
// grows, 12.0 and 13.1 wide, holding 83% and 84% (76% and 80% before, 83% and 86% after, on
// other returns of the same council, -coverage-seed 301), and those of the council of 120
// entries a year with long stays 86% and 85% (79% and 84%). The rest of the shortfall was the
// homes' mean, 9-11% below the months' in either set of returns; sized for their usual month
// carried to the start and grown as all children in care did (homesAtStart, homesGrowth), 4-6%
// below on the guard's 100 returns from seed 101, whose cells held 94.8%, 90.1% and 89.1%.
// Where the homes held fewer than minSwingChildren children in a usual month of the window, the
// deviations are returned as they are. It returns nil for a window of no month.
func (c *Calibration) homesSwings() []float64 {
	devs := c.deviations(inhouseHome)
	if len(devs) == 0 {
		return nil
	}
	years, n, months := c.monthly(inhouseHome)
	var mean float64
	for _, x := range n[:months] {
		mean += float64(x)
	}
	if mean/float64(months) < minSwingChildren {
		return devs
	}
	f := 1 / math.Sqrt(keptVariance(years[:months], c.homesStay()))
	for i := range devs {
		devs[i] *= f
	}
	return devs
}

// homesStay returns the mean time a child stays in the council's own homes, in years: the
// years the return's children spent in them in the window over the children who did (a year
// when fewer than MinChildren did), which the window's edges cut short, taken back to the
// stays' own. Of a steady count of mean m whose children stay s years, a window of T years
// sees m·T child-years and m·(1+T/s) children, the m there at its start with those who came:
// their ratio r is s·T/(s+T), and s is r·T/(T-r). The coverage study's councils of 350 entries
// a year showed 1.0 years (1.3 taken back), and of 120 with long stays 1.3-1.5 (1.8-2.1).
func (c *Calibration) homesStay() float64 {
	t := float64(dayOf(c.Estimates.To)-dayOf(c.Estimates.From)) / model.DaysPerYear
	for _, m := range c.Estimates.Moves {
		if m.Kind == inhouseHome.String() && m.Children >= MinChildren && m.Years > 0 {
			r := m.Years / float64(m.Children)
			if r >= t/2 {
				return r // stays as long as the window, or longer: not taken back
			}
			return r * t / (t - r)
		}
	}
	return 1
}

// keptVariance returns the share of a count's variance that its months' deviations from the
// window's line through them (deviations) keep on average, for a count whose children stay
// stay years: months apart by t years are correlated as exp(-t/stay) (a count of children who
// come as chance has it and stay exponential times), and the line, fitted to months that move
// together, takes up the slow part of their swings. It is 1 - tr(H R)/n, H the hat matrix of
// the line's fit to the n months (or of their mean over fewer than growthMinMonths months) and
// R their correlations. A five-year window of a count whose children stay a year keeps about a
// third of it: its months swing about the line a third as much as the count about its mean.
func keptVariance(years []float64, stay float64) float64 {
	n := len(years)
	if n < 2 || stay <= 0 {
		return 1
	}
	// The line's columns, 1 and the months' years from their mean, are orthogonal: H is
	// 11'/n + tt'/t't, and tr(H R) is 1'R1/n + t'Rt/t't.
	var mt float64
	for _, y := range years {
		mt += y
	}
	mt /= float64(n)
	var tt, oRo, tRt float64
	for _, yi := range years {
		ti := yi - mt
		tt += ti * ti
		for _, yj := range years {
			r := math.Exp(-math.Abs(yi-yj) / stay)
			oRo += r
			tRt += ti * r * (yj - mt)
		}
	}
	tr := oRo / float64(n)
	if n >= growthMinMonths && tt > 0 {
		tr += tRt / tt
	}
	return max(1-tr/float64(n), 1/float64(n))
}

// level returns the children placed in kind k in a usual month of the whole window, carried
// to its end: the mean over the window's months of each month's count grown at the window's
// yearly change (growth) from that month to the end.
func (c *Calibration) level(k kind) float64 {
	years, n, months := c.monthly(k)
	if months == 0 {
		return 0
	}
	g, _, _ := c.growth(k)
	var sum float64
	for i := range months {
		sum += float64(n[i]) * math.Pow(1+g, -years[i])
	}
	return sum / float64(months)
}

// usualHomes returns the children of a usual month the council's own homes come to through a
// run (usualBeds): the usual month of the 12 before the start, typical, or, where that is less
// than a child, that of the whole window carried to its end (level) where that is more and the
// 12 months lie within two of its Poisson standard deviations below it. Children stay a year or
// two in the homes, so that a usual month of less than a child is the stay of one child or
// none, and the homes, filled first, hold no more children than their beds: sized for a year
// that happened to be quiet, they held too few children for the years after. In 15 of the 40
// returns of the coverage study's council of 60 entries a year, the 12 months held fewer than
// one child on average (0.45); those homes held 0.65 children a month over the three years
// after where the returns held 1.41, nearly all of the council's homes' shortfall of 11-19% in
// every year. Taking the window's usual month wherever it was more, however many children,
// took the homes of a council of 350 entries a year from 0% to 5% too many in the third year:
// a busy year's homes are not sized down. A fall beyond two standard deviations is a home
// closed within the window: the 12 months say what the council has now.
func usualHomes(typical, level float64) float64 {
	if typical < 1 && level > typical && level-typical <= 2*math.Sqrt(level) {
		return level
	}
	return typical
}

// windingDown returns the share of the children the council's own carers (their rules carers) hold
// on an average day who live with a household that has deregistered and is winding down, as
// placesim runs the pool: such a household takes no new child and its places leave the pool's count
// at once, but the children it has stay for up to carers.WindDownDays, until their placement ends
// or the wind-down does. It is the households' leaving rate over the carers' ages at the start
// (leavingPerYear) times the years a child then stays on: the mean of the time left of their
// placement, cut at the wind-down, that time taken as exponential at ends, the rate a year the
// return's placements with them ended over the window (placementEnds); about 3% of the children
// with the base's carers. Households sized for the usual month's children in their places held this
// share more: in the coverage study the council's own foster care came 3.0%, 3.4% and 3.7% above
// the return's months in the three years of the council of 350 entries a year and 3.0%, 4.7% and
// 5.2% with long stays, and 0.6-0.8% and 0.8-2.4% with the share taken off and emptyCarerPlaces'
// 2.7 places more (1.0-1.3% and 1.4-3.1% with its 3.4, which the small councils' pools keep empty
// once sized so). Run with no wind-down, the calibrated scenarios of 60 returns of each of the
// study's councils held 2.4-2.6% fewer children with the council's carers through their first year
// than with it.
func windingDown(carers *model.CarerPool, ends float64) float64 {
	d := carers.WindDownDays / model.DaysPerYear
	l := leavingPerYear(carers)
	if d <= 0 || l <= 0 {
		return 0
	}
	stay := d
	if ends > 0 {
		stay = -math.Expm1(-ends*d) / ends
	}
	return min(1, l*stay)
}

// leavingPerYear returns the share of carers' households that deregister a year, over the ages
// of their carers at the start (AgeMix, each band's ages even): the base deregistration and the
// retirement from RetirementFromAge, rising with age, as placesim draws them.
func leavingPerYear(carers *model.CarerPool) float64 {
	rate := carers.DeregistrationPerYear
	p, q, from := carers.RetirementPerYear, carers.RetirementIncreasePerYearOfAge, carers.RetirementFromAge
	if p+q <= 0 {
		return rate
	}
	var sum float64
	for _, a := range carers.AgeMix {
		sum += a.Share
	}
	for _, a := range carers.AgeMix {
		lo, hi := float64(a.FromYears), float64(a.ToYears+1)
		over := max(hi, from) - max(lo, from)
		if over <= 0 || sum <= 0 || hi <= lo {
			continue
		}
		mid := (max(hi, from)+max(lo, from))/2 - from
		rate += a.Share / sum * over / (hi - lo) * (p + q*mid)
	}
	return rate
}

// placementEnds returns the rate a year at which the return's placements in kind k ended over
// the window, per child-year in it: each stretch with the kind's carers ends with a move to a new
// carer or another kind, or with the child leaving care. It is 0 when the window holds no
// child-year in the kind.
func (c *Calibration) placementEnds(k kind) float64 {
	ends, years := c.placementEndCount(k)
	if years <= 0 {
		return 0
	}
	return float64(ends) / years
}

// placementEndCount returns the placements in kind k that ended over the window and the
// child-years in it, as placementEnds counts them.
func (c *Calibration) placementEndCount(k kind) (ends int, years float64) {
	from, to := dayOf(c.Estimates.From), dayOf(c.Estimates.To)
	var days float64
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		pls := c.ret.placements(p)
		for j, pl := range pls {
			if pl.kind != k {
				continue
			}
			end := pl.end
			if end == noDay || end > to {
				end = to
			}
			if s := max(pl.start, from); end > s {
				days += float64(end - s)
			}
			if pl.end == noDay || pl.end <= from || pl.end > to {
				continue
			}
			if j+1 < len(pls) {
				if next := pls[j+1]; next.kind == k && !next.move {
					continue // the same carer: a change of legal status, or a temporary placement
				}
			} else if p.end == noDay {
				continue
			}
			ends++
		}
	}
	return ends, days / model.DaysPerYear
}

// endsShown returns the placements that ended, of which moves were moves to a new carer (the
// kind's breakdowns, written beside their count), as a rate of them is written: where the ends
// or the ends less the moves (those that ended another way, mostly by leaving care) are 1 to
// 4, as though those were 2.5 (fewCount), since the rate times the child-years, less the
// moves written, would give them away; few says so.
func endsShown(ends, moves int) (shown float64, few bool) {
	switch other := ends - moves; {
	case ends > 0 && ends < MinChildren:
		return 2.5, true
	case moves > 0 && other > 0 && other < MinChildren:
		return float64(moves) + 2.5, true
	}
	return float64(ends), false
}
