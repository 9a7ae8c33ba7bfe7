package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// GreenBookDiscountRate is HM Treasury's social time preference rate for the first 30 years of
// an appraisal, 3.5% a year, applied to costs and savings in real terms (The Green Book, 2022,
// section A6 and table 8). NetPosition uses it unless told otherwise.
const GreenBookDiscountRate = 0.035

// CaseFigure is one figure of a business case worked out from paired replications: its mean over
// the pairs, the confidence interval of that mean ("how sure we are of the average effect"),
// the spread of the figure over single pairs ("what could happen in one future") and the
// share of pairs in which it is above 0.
type CaseFigure struct {
	// Mean is the mean over the pairs, in pounds.
	Mean float64
	// Lo and Hi bound the confidence interval of Mean (Student's t at the level asked); NaN
	// with fewer than two pairs, which give no interval.
	Lo, Hi float64
	// RunLo and RunHi bound the central share of single pairs at the same level (their
	// percentiles 50(1 - level) and 50(1 + level), interpolated at (n-1)p as runSpread does,
	// so that negating the figure negates the range).
	RunLo, RunHi float64
	// PPositive is the share of pairs in which the figure is above 0.
	PPositive float64
	// N is the number of pairs.
	N int
}

// caseFigure works out a CaseFigure from one value a pair.
func caseFigure(xs []float64, level float64) CaseFigure {
	p := CaseFigure{N: len(xs)}
	p.Mean, p.Lo, p.Hi = math.NaN(), math.NaN(), math.NaN()
	p.RunLo, p.RunHi, p.PPositive = math.NaN(), math.NaN(), math.NaN()
	if len(xs) == 0 {
		return p
	}
	mean, half, n := MeanInterval(xs, level)
	p.Mean = mean
	if n >= 2 { // one pair gives no interval: Lo and Hi stay NaN
		p.Lo, p.Hi = mean-half, mean+half
	}
	p.RunLo, p.RunHi, _, _ = runSpread(xs, level)
	var above int
	for _, x := range xs {
		if x > 0 {
			above++
		}
	}
	p.PPositive = float64(above) / float64(len(xs))
	return p
}

// NetYear is one financial year of a business case. Every figure is a saving in pounds of
// that year's prices: positive when the alternative comes out better for the council.
type NetYear struct {
	// Period is the financial year, such as "2027/28".
	Period string
	// Gross is the saving on everything but programme costs: the baseline's spending less the
	// alternative's, leaving out cost_programme in both, to whole pence.
	Gross CaseFigure
	// Programme is what the alternative's programmes cost beyond the baseline's (positive
	// when the alternative pays more).
	Programme CaseFigure
	// Net is Gross less Programme: the baseline's total spending less the alternative's.
	Net CaseFigure
	// Cumulative is the net saving from the first financial year to the end of this one.
	Cumulative CaseFigure
	// PPaidBack is the share of pairs whose cumulative net saving is above 0 at the end of
	// this year and every later one: the chance that the strategy has paid back by then.
	PPaidBack float64
}

// NetCase is the business case of an alternative against its baseline, from runs of both on
// the same seed: gross saving, programme cost, net saving and cumulative net position by
// financial year, the payback year and the net present value.
type NetCase struct {
	// Scenario and Baseline name the alternative and the baseline.
	Scenario, Baseline string
	// Level is the confidence level of the intervals and the share of single pairs their
	// spread covers.
	Level float64
	// DiscountRate is the real discount rate a year of the net present value.
	DiscountRate float64
	// Inflation is the rise in prices each April by which later years' figures are brought
	// back to the first year's prices before discounting: the baseline's inflation_per_year.
	Inflation float64
	// Years holds the financial years in order. When Start is not 1 April, the first and the
	// last are part years.
	Years []NetYear
	// Start is the run's start date and RunYears the years it simulates (as the baseline's
	// scenario says): fewer than len(Years) when the run does not start on 1 April.
	Start    time.Time
	RunYears int
	// NPV is the net present value of the net savings: each year's net saving brought back
	// to the first year's prices and discounted by (1 + DiscountRate)^t in year t (the first
	// year is year 0), then added up.
	NPV CaseFigure
	// Payback is the first financial year from which the mean cumulative net saving is above
	// 0 to the end of the run, or "" if there is none. PPayback is the chance that a single
	// future has paid back by the end of that year (its NetYear's PPaidBack), or, with no
	// payback year, NaN.
	Payback  string
	PPayback float64
	// PPaysBack is the share of pairs that pay back at all within the run: whose cumulative
	// net saving is above 0 at its end.
	PPaysBack float64
	// CareLeaversUnmet is the paired change over the whole run, alternative less baseline, in
	// young people leaving care whom the council had no accommodation for (the KPI
	// care_leavers_unmet), and BaseCareLeaversUnmet and AltCareLeaversUnmet are each run's
	// mean of it. placesim prices no accommodation for them, so a strategy that leaves more
	// of them without a place costs less: read a saving with CareLeaversUnmetMoves and
	// SavingLeavesCareLeavers.
	CareLeaversUnmet                          CaseFigure
	BaseCareLeaversUnmet, AltCareLeaversUnmet float64
}

// CareLeaversUnmetMoves reports whether the young people leaving care with no accommodation
// differ between the runs in any pair.
func (nc *NetCase) CareLeaversUnmetMoves() bool {
	c := nc.CareLeaversUnmet
	return c.N > 0 && (c.Mean != 0 || c.RunLo != 0 || c.RunHi != 0)
}

// SavingLeavesCareLeavers reports whether the strategy saves money on average over the run
// (a cumulative net saving above 0 at its end) while leaving more young people leaving care
// with no accommodation: a saving placesim does not price, not a saving of the council's duty
// to accommodate them.
func (nc *NetCase) SavingLeavesCareLeavers() bool {
	return len(nc.Years) > 0 && nc.Years[len(nc.Years)-1].Cumulative.Mean > 0 && nc.CareLeaversUnmet.Mean > 0
}

// NetPosition works out the business case of alt against base. Both must be runs of the same
// seed, replications and years (as for Compare). level is the confidence level, such as
// 0.9; discount the real discount rate a year, such as GreenBookDiscountRate. A run without
// programme costs (no cost_programme KPI) has none.
func NetPosition(base, alt *Results, level, discount float64) (*NetCase, error) {
	if err := checkPaired(base, alt); err != nil {
		return nil, err
	}
	if !(level > 0 && level < 1) {
		return nil, fmt.Errorf("confidence level %v: must be between 0 and 1", level)
	}
	if !(discount > -1) || math.IsInf(discount, 0) {
		return nil, fmt.Errorf("discount rate %v: must be a share a year above -1, such as 0.035", discount)
	}
	bTotal, aTotal := slices.Index(base.KPIs, CostTotal), slices.Index(alt.KPIs, CostTotal)
	if bTotal < 0 || aTotal < 0 {
		return nil, fmt.Errorf("a business case needs %s in both runs", CostTotal)
	}
	bProg, aProg := slices.Index(base.KPIs, CostProgramme), slices.Index(alt.KPIs, CostProgramme)
	col := func(res *Results, p, k int) []float64 {
		if k < 0 {
			return make([]float64, len(res.Reps))
		}
		return res.KPI(p, k)
	}
	nc := &NetCase{Scenario: alt.Scenario.Name, Baseline: base.Scenario.Name, Level: level,
		DiscountRate: discount, Inflation: base.Scenario.InflationPerYear, PPayback: math.NaN(),
		Start: base.Scenario.Start, RunYears: base.Scenario.Years}
	n := len(base.Reps)
	years := len(base.Periods) - 1 // the last period is "all"
	cum := make([]float64, n)
	npv := make([]float64, n)
	cums := make([][]float64, years)
	for p := range years {
		bt, at := col(base, p, bTotal), col(alt, p, aTotal)
		bp, ap := col(base, p, bProg), col(alt, p, aProg)
		gross, prog, net := make([]float64, n), make([]float64, n), make([]float64, n)
		factor := 1 / math.Pow((1+nc.Inflation)*(1+discount), float64(p))
		for i := range n {
			// The totals less programme costs differ from what was added up by rounding:
			// to whole pence (and +0, not -0), so that a year with no gross saving has
			// exactly none.
			gross[i] = math.Round(((bt[i]-bp[i])-(at[i]-ap[i]))*100)/100 + 0
			prog[i] = ap[i] - bp[i]
			net[i] = bt[i] - at[i]
			cum[i] += net[i]
			npv[i] += net[i] * factor
		}
		cums[p] = slices.Clone(cum)
		nc.Years = append(nc.Years, NetYear{Period: base.Periods[p],
			Gross: caseFigure(gross, level), Programme: caseFigure(prog, level), Net: caseFigure(net, level),
			Cumulative: caseFigure(cums[p], level)})
	}
	nc.NPV = caseFigure(npv, level)
	if bu, au := slices.Index(base.KPIs, CareLeaversUnmet), slices.Index(alt.KPIs, CareLeaversUnmet); bu >= 0 || au >= 0 {
		b, a := col(base, years, bu), col(alt, years, au)
		diff := make([]float64, n)
		for i := range n {
			diff[i] = a[i] - b[i]
			nc.BaseCareLeaversUnmet += b[i] / float64(n)
			nc.AltCareLeaversUnmet += a[i] / float64(n)
		}
		nc.CareLeaversUnmet = caseFigure(diff, level)
	}
	// A pair has paid back by year p when its cumulative saving is above 0 in p and every
	// later year: count, for each pair, the first year of its last positive stretch.
	paidBy := make([]int, years)
	for i := range n {
		first := years
		for p := years - 1; p >= 0 && cums[p][i] > 0; p-- {
			first = p
		}
		for p := first; p < years; p++ {
			paidBy[p]++
		}
	}
	for p := range years {
		nc.Years[p].PPaidBack = float64(paidBy[p]) / float64(n)
	}
	if years > 0 {
		nc.PPaysBack = nc.Years[years-1].PPaidBack
	}
	for p := years - 1; p >= 0 && nc.Years[p].Cumulative.Mean > 0; p-- {
		nc.Payback, nc.PPayback = nc.Years[p].Period, nc.Years[p].PPaidBack
	}
	return nc, nil
}

// checkPaired returns an error unless base and alt are runs of the same seed, replications
// and periods, paired replication by replication. Runs of the same name (a council in two
// regions) are named once, and then as the baseline and the alternative.
func checkPaired(base, alt *Results) error {
	lead, b, a := "", base.Scenario.Name, alt.Scenario.Name
	if b == a {
		lead, b, a = b+": ", "the baseline", "the alternative"
	}
	if base.Seed != alt.Seed {
		return fmt.Errorf("%s%s was run with seed %d and %s with seed %d: a comparison needs the same seed", lead, b, base.Seed, a, alt.Seed)
	}
	if len(base.Reps) != len(alt.Reps) {
		return fmt.Errorf("%s%s has %d replications and %s %d: a comparison needs the same number", lead, b, len(base.Reps), a, len(alt.Reps))
	}
	if !slices.Equal(base.Periods, alt.Periods) {
		return fmt.Errorf("%s%s reports %s to %s and %s reports %s to %s: a comparison needs the same start and years",
			lead, b, base.Periods[0], base.Periods[len(base.Periods)-2], a, alt.Periods[0], alt.Periods[len(alt.Periods)-2])
	}
	for i := range base.Reps {
		if base.Reps[i].Index != alt.Reps[i].Index {
			return fmt.Errorf("%sreplication %d of %s is paired with replication %d of %s", lead, base.Reps[i].Index, b, alt.Reps[i].Index, a)
		}
	}
	return nil
}

// BudgetCheck is the chance that a run's spending passes a budget in one financial year.
type BudgetCheck struct {
	// Period is the financial year.
	Period string
	// Budget is the budget, in pounds.
	Budget float64
	// Mean is the mean spending (cost_total) over the replications.
	Mean float64
	// PExceed is the share of replications whose spending is above Budget; Lo and Hi bound
	// its confidence interval (Wilson's score interval at the level asked).
	PExceed, Lo, Hi float64
	// N is the number of replications.
	N int
}

// ExceedsBudget returns the chance that spending (cost_total) in financial year period is above
// budget, with its confidence interval at level.
func (res *Results) ExceedsBudget(period string, budget, level float64) (BudgetCheck, error) {
	b := BudgetCheck{Period: period, Budget: budget}
	p := slices.Index(res.Periods, period)
	if p < 0 || period == WholeRun {
		return b, fmt.Errorf("budget for %s: the run covers the financial years %s to %s", period, res.Periods[0], res.Periods[len(res.Periods)-2])
	}
	if !(level > 0 && level < 1) {
		return b, fmt.Errorf("confidence level %v: must be between 0 and 1", level)
	}
	k := slices.Index(res.KPIs, CostTotal)
	if k < 0 {
		return b, fmt.Errorf("budget for %s: the run has no %s", period, CostTotal)
	}
	xs := res.KPI(p, k)
	var over int
	for _, x := range xs {
		if x > budget {
			over++
		}
	}
	b.N = len(xs)
	if b.N == 0 {
		nan := math.NaN()
		b.Mean, b.PExceed, b.Lo, b.Hi = nan, nan, nan, nan
		return b, nil
	}
	// The mean as summary.csv's cost_total finds it (stat.Mean), to the last digit.
	b.Mean = stat.Mean(xs, nil)
	b.PExceed = float64(over) / float64(b.N)
	b.Lo, b.Hi = wilson(over, b.N, level)
	return b, nil
}

// wilson returns Wilson's score interval at level for k successes in n trials.
func wilson(k, n int, level float64) (lo, hi float64) {
	z := distuv.UnitNormal.Quantile((1 + level) / 2)
	nf := float64(n)
	p := float64(k) / nf
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return math.Max(0, mid-half), math.Min(1, mid+half)
}

// NetCaseHeader is the header line of business_case.csv: one row for each financial year and
// figure (gross_saving, programme_cost, net_saving, cumulative_net_saving) and one for the
// whole run's npv (period "all"). mean is the mean over paired replications, in pounds;
// mean_lo and mean_hi bound its confidence interval; run_lo and run_hi bound the central share
// of single replications; p_positive is the share of replications in which the figure is above
// 0; p_paid_back, on cumulative_net_saving rows only, the share that have paid back by the
// year's end and stay paid back.
const NetCaseHeader = "scenario,baseline,period,figure,mean,mean_lo,mean_hi,run_lo,run_hi,p_positive,p_paid_back,n"

// WriteNetCase writes business_case.csv rows (see NetCaseHeader) for nc, quoted as
// encoding/csv quotes and with numbers in full (AppendNum). With header set it writes the
// header line first.
func WriteNetCase(w io.Writer, nc *NetCase, header bool) error {
	bw := bufio.NewWriter(w)
	if header {
		bw.WriteString(NetCaseHeader + "\n")
	}
	prefix := csvField(nc.Scenario) + "," + csvField(nc.Baseline) + ","
	var b []byte
	row := func(period, figure string, p CaseFigure, paidBack float64, hasPaid bool) {
		b = append(b[:0], prefix...)
		b = append(b, csvField(period)...)
		b = append(append(b, ','), figure...)
		for _, v := range []float64{p.Mean, p.Lo, p.Hi, p.RunLo, p.RunHi, p.PPositive} {
			b = AppendNum(append(b, ','), v)
		}
		b = append(b, ',')
		if hasPaid {
			b = AppendNum(b, paidBack)
		}
		b = strconv.AppendInt(append(b, ','), int64(p.N), 10)
		bw.Write(append(b, '\n'))
	}
	for _, y := range nc.Years {
		row(y.Period, "gross_saving", y.Gross, 0, false)
		row(y.Period, "programme_cost", y.Programme, 0, false)
		row(y.Period, "net_saving", y.Net, 0, false)
		row(y.Period, "cumulative_net_saving", y.Cumulative, y.PPaidBack, true)
	}
	row(WholeRun, "npv", nc.NPV, 0, false)
	return bw.Flush()
}

// BudgetHeader is the header line of budget.csv (see BudgetCheck).
const BudgetHeader = "period,budget,mean_spend,p_exceed,p_exceed_lo,p_exceed_hi,n"

// WriteBudgets writes budget.csv: a header (BudgetHeader) and one row for each check, with
// numbers in full (AppendNum).
func WriteBudgets(w io.Writer, checks []BudgetCheck) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(BudgetHeader + "\n")
	var b []byte
	for _, c := range checks {
		b = append(b[:0], csvField(c.Period)...)
		for _, v := range []float64{c.Budget, c.Mean, c.PExceed, c.Lo, c.Hi} {
			b = AppendNum(append(b, ','), v)
		}
		b = strconv.AppendInt(append(b, ','), int64(c.N), 10)
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}
