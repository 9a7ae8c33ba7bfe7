package ssda903

import "math"

// growthMinMonths is the fewest months of a window over which the change of the children in
// the council's own foster care is estimated and carried: over less than two years a
// season or a single busy year would pass for a trend.
const growthMinMonths = 24

// maxGrowth bounds the yearly change of the council's own carers a calibrated scenario
// carries: a pool of carers grows or shrinks by a few per cent a year, rarely by more than ten.
const maxGrowth = 0.1

// growth returns the yearly relative change of the children placed in kind k over the
// window: the slope of a least-squares line through the logarithm of their number (plus a
// half, for months with none) on the first day of each month of the window and on its last
// day, bounded to ±maxGrowth, and the number of months it counted. It is 0 over a window of fewer than
// growthMinMonths months.
func (c *Calibration) growth(k kind) (g float64, months int) {
	from, to := dayOf(c.Estimates.From), dayOf(c.Estimates.To)
	var xs, ys []float64
	count := func(d day) {
		n := 0
		for i := range c.ret.periods {
			p := &c.ret.periods[i]
			if p.inCareOn(d) && c.placementOn(p, d) == k {
				n++
			}
		}
		xs = append(xs, float64(d-to)/365.25)
		ys = append(ys, math.Log(float64(n)+0.5))
	}
	for d := from.monthStart(); d <= to; d = d.addMonths(1) {
		if d >= from {
			count(d)
		}
	}
	months = len(xs)
	if months < growthMinMonths {
		return 0, months
	}
	count(to)
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= float64(len(xs))
	my /= float64(len(xs))
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	if sxx == 0 {
		return 0, months
	}
	return max(-maxGrowth, min(maxGrowth, math.Expm1(sxy/sxx))), months
}
