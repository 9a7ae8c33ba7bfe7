package plots

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// WriteNetCaseText writes a business case as a finance business partner reads one: by financial
// year, the gross saving, the programme's cost, the net saving and the cumulative net position,
// each as its mean with the confidence interval of the mean; the chance of having paid back by
// each year's end; then the payback year, the net present value and what one future could
// bring. Savings are positive.
func WriteNetCaseText(w io.Writer, nc *sim.NetCase) error {
	pct := Percent(nc.Level)
	var b strings.Builder
	what := "means with the " + pct + " confidence interval of the mean"
	if onePair(nc) {
		what = "the one paired run's figures"
	}
	fmt.Fprintf(&b, "Business case of %s against %s (savings to the council are positive; %s):\n\n", nc.Scenario, nc.Baseline, what)
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "\tgross saving\tprogramme cost\tnet saving\tcumulative net saving\tfutures paid back")
	for _, y := range nc.Years {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", caseYear(nc, y.Period), meanWithCI(y.Gross), meanWithCI(y.Programme), meanWithCI(y.Net), meanWithCI(y.Cumulative), futuresChance(nc, y.PPaidBack))
	}
	tw.Flush()
	b.WriteString("\n")
	if nc.NPV.N < 2 {
		b.WriteString("One paired run gives no confidence interval: each figure is that run's.\n")
	}
	if note := partYears(nc.Start, nc.RunYears); note != "" {
		b.WriteString(note + "\n")
	}
	switch {
	case onePair(nc) && nc.Payback != "":
		fmt.Fprintf(&b, "Payback: the cumulative net saving turns positive in %s and stays so.\n", caseYear(nc, nc.Payback))
	case onePair(nc):
		fmt.Fprintf(&b, "Payback: the cumulative net saving is not positive by the end of %s.\n", caseYear(nc, nc.Years[len(nc.Years)-1].Period))
	case nc.Payback != "":
		fmt.Fprintf(&b, "Payback: the average cumulative net saving turns positive in %s and stays so; %s of futures have paid back by the end of that year, and %s by the end of %s.\n",
			caseYear(nc, nc.Payback), Chance(nc.PPayback), Chance(nc.PPaysBack), caseYear(nc, nc.Years[len(nc.Years)-1].Period))
	default:
		fmt.Fprintf(&b, "Payback: the average cumulative net saving is not positive by the end of %s; %s of futures have paid back by then.\n",
			caseYear(nc, nc.Years[len(nc.Years)-1].Period), Chance(nc.PPaysBack))
	}
	npv := nc.NPV
	// At another rate than the Green Book's, "(HM Treasury Green Book rate 0%)" would read as if
	// 0% were the Green Book's rate.
	book := "HM Treasury Green Book rate " + rate(sim.GreenBookDiscountRate)
	if nc.DiscountRate != sim.GreenBookDiscountRate {
		book = "the HM Treasury Green Book rate is " + rate(sim.GreenBookDiscountRate)
	}
	fmt.Fprintf(&b, "Net present value over %s, in %s prices discounted at %s a year (%s): %s (%s).\n",
		runYearsText(nc), nc.Years[0].Period, rate(nc.DiscountRate), book, Signed(npv.Mean, Money), npvInterval(npv, pct))
	if npv.N < 2 {
		fmt.Fprintf(&b, "One paired run gives no range of what the net present value could be in one future.\n")
	} else {
		fmt.Fprintf(&b, "In one future the net present value could be anything from %s to %s (the middle %s of paired runs); it is positive in %s of them.\n",
			Signed(npv.RunLo, Money), Signed(npv.RunHi, Money), pct, Chance(npv.PPositive))
	}
	for _, line := range CareLeaverLines(nc) {
		fmt.Fprintln(&b, line)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// onePair reports whether business case nc rests on one pair of runs, which gives no
// confidence interval, no range of futures and no share of futures: the figures are that
// pair's, and a share of futures is "–" (null in JSON), as the chance better is.
func onePair(nc *sim.NetCase) bool { return nc.NPV.N < 2 }

// futuresChance returns share p of nc's futures as Chance writes it, or "–" from one pair.
func futuresChance(nc *sim.NetCase, p float64) string {
	if onePair(nc) {
		return "–"
	}
	return Chance(p)
}

// CareLeaverLines returns what a business case says of young people leaving care with no
// accommodation: nothing when no pair of runs differs in them; otherwise the change over the
// run, and, when the strategy saves money while leaving more of them without a place, a
// warning that the saving is not a saving of the council's duty (placesim prices no
// accommodation for them, so each of them lowers the cost).
func CareLeaverLines(nc *sim.NetCase) []string {
	if !nc.CareLeaversUnmetMoves() {
		return nil
	}
	c, u := nc.CareLeaversUnmet, UnitOf(sim.CareLeaversUnmet)
	over := fmt.Sprintf("the %d years", runYears(nc))
	if runYears(nc) == 1 {
		over = "the year"
	}
	line := fmt.Sprintf("Young people leaving care with no accommodation over %s: %s", over, Signed(c.Mean, u))
	if c.N >= 2 && !math.IsNaN(c.Lo) {
		line += fmt.Sprintf(" (%s confidence interval of the mean %s to %s)", Percent(nc.Level), Signed(c.Lo, u), Signed(c.Hi, u))
	}
	line += fmt.Sprintf(": %s in %s, %s in %s.", Level(nc.BaseCareLeaversUnmet, u), nc.Baseline, Level(nc.AltCareLeaversUnmet, u), nc.Scenario)
	out := []string{line}
	if nc.SavingLeavesCareLeavers() {
		out = append(out, "Warning: this saving comes with more young people leaving care with no accommodation; placesim prices no accommodation for them: the saving is not a saving of the duty.")
	}
	return out
}

// runYears returns the years a business case's run simulates: its RunYears, or, for a case
// that does not say, its financial years.
func runYears(nc *sim.NetCase) int {
	if nc.RunYears > 0 {
		return nc.RunYears
	}
	return len(nc.Years)
}

// runYearsText says how long a business case's run is, after "over": "5 years", or "the
// year" for one.
func runYearsText(nc *sim.NetCase) string {
	if n := runYears(nc); n != 1 {
		return fmt.Sprintf("%d years", n)
	}
	return "the year"
}

// caseYear names financial year period of a business case's run as a scenario's report does:
// a part year says where it begins or ends ("2036/37 (to 30 September)"; see YearLabel).
func caseYear(nc *sim.NetCase, period string) string {
	return YearLabel(nc.Start, nc.RunYears, period)
}

// partYears says which financial years of a run of years from start are part years, for a
// reader who would take "2026/27" for a whole year, or "" when the run starts on 1 April.
func partYears(start time.Time, years int) string {
	if start.IsZero() || years < 1 || (start.Month() == time.April && start.Day() == 1) {
		return ""
	}
	end := start.AddDate(years, 0, -1)
	return fmt.Sprintf("%s and %s are part years: the run starts on %s and ends on %s.",
		model.FinancialYear(start), model.FinancialYear(end), start.Format("2 January 2006"), end.Format("2 January 2006"))
}

// npvInterval says a net present value's confidence interval of the mean at pct, or that one
// paired run gives none.
func npvInterval(npv sim.CaseFigure, pct string) string {
	if npv.N < 2 || math.IsNaN(npv.Lo) {
		return "one paired run gives no confidence interval"
	}
	return fmt.Sprintf("%s confidence interval of the mean %s to %s", pct, Signed(npv.Lo, Money), Signed(npv.Hi, Money))
}

// meanWithCI writes a paired figure's mean with the confidence interval of the mean, or the
// mean alone when there is none (one paired run).
func meanWithCI(p sim.CaseFigure) string {
	if math.IsNaN(p.Mean) {
		return "–"
	}
	if math.IsNaN(p.Lo) || p.Lo == p.Hi {
		return Signed(p.Mean, Money)
	}
	return fmt.Sprintf("%s (%s to %s)", Signed(p.Mean, Money), Signed(p.Lo, Money), Signed(p.Hi, Money))
}

// Percent writes a level such as 0.9 as "90%", to a tenth of a per cent, or more finely where
// a level between 0 and 1 would otherwise read 100% or 0%: 0.999999 is "99.9999%".
func Percent(level float64) string {
	for digits := 1; ; digits++ {
		s := strings.TrimSuffix(fmt.Sprintf("%.*f", digits, 100*level), "."+strings.Repeat("0", digits))
		if !(level > 0 && level < 1) || digits >= 15 || (s != "100" && s != "0") {
			if strings.Contains(s, ".") && digits > 1 {
				s = strings.TrimRight(s, "0")
			}
			return s + "%"
		}
	}
}

// Chance writes a chance such as 0.934 as "93%", one below 1% (but above 0) as "0.5%", and
// NaN (or an infinity) as "–". A half rounds up, as a workbook's per cent format rounds it: 37 runs in 40
// (0.925) are "93%", 1 in 400 is "0.3%".
func Chance(p float64) string {
	switch {
	case math.IsNaN(p) || math.IsInf(p, 0):
		return "–"
	case p > 0 && p < 0.01:
		return strconv.FormatFloat(roundHalfUp(1000*p)/10, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(roundHalfUp(100*p), 'f', 0, 64) + "%"
}

// roundHalfUp rounds v, a chance in per cent (or tenths of one), to a whole number, a half away
// from zero. A chance is k runs in n: 100k/n is a half exactly or at least 1/(2n) from one,
// while the float v may sit up to about 1e-13 below it (0.285 is 28.499999999999996 per cent);
// so a v within 1e-9 of a half is that half, which is exact for every n up to 500 million runs.
func roundHalfUp(v float64) float64 {
	whole, frac := math.Modf(math.Abs(v))
	if frac >= 0.5-1e-9 {
		whole++
	}
	return math.Copysign(whole, v)
}

// rate writes a yearly rate such as 0.035 as "3.5%".
func rate(r float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", 100*r), "0"), ".") + "%"
}
