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

// CaseFigures are a business case's figures of a year, in the order every output gives them:
// what the strategy spends less on (places bought), what it spends more on (the council's own
// carers and homes, the programmes' running and one-off costs), then the net and cumulative
// net saving. Heading is the pack's and the workbook's name of each; the printed table's is
// the same in lower case. CSV is the figure's name in business_case.csv.
var CaseFigures = []struct {
	Heading, CSV string
	Of           func(sim.NetYear) sim.CaseFigure
}{
	{"Spends less on places bought", "placements_saving", func(y sim.NetYear) sim.CaseFigure { return y.Placements }},
	{"Spends more on own carers and homes", "own_provision_cost", func(y sim.NetYear) sim.CaseFigure { return y.OwnProvision }},
	{"Programmes: running cost", "programme_running_cost", func(y sim.NetYear) sim.CaseFigure { return y.Running }},
	{"Programmes: one-off cost", "programme_one_off_cost", func(y sim.NetYear) sim.CaseFigure { return y.OneOff }},
	{"Net saving", "net_saving", func(y sim.NetYear) sim.CaseFigure { return y.Net }},
	{"Cumulative net saving", "cumulative_net_saving", func(y sim.NetYear) sim.CaseFigure { return y.Cumulative }},
}

// CaseKey says what a business case's figures hold, under its table in the printed table, the
// pack and the workbook.
const CaseKey = "Places bought are every kind the council buys from a market (agency foster care, kinship care, supported accommodation, other settings and external residential homes, as the default county has them), emergency placements, staying put with agency carers and care leavers' accommodation: " +
	"the baseline's spending on them less the strategy's. " +
	"Own carers and homes are the council's foster carers (fees, allowances, support and recruitment) and its own homes and block-contracted beds, a region's pooled blocks among them (their fee paid whether the places are used or not), their running costs and empty beds included: " +
	"the strategy's spending on them less the baseline's. " +
	"Programmes are what the strategy's programmes cost beyond the baseline's, their running costs year by year apart from their one-off costs (capital and set-up). " +
	"The net saving is the first less the other three: the baseline's total spending less the strategy's. " +
	"The total adds each figure up over the run's years in cash, undiscounted, in each paired run: its range is worked out from those totals, not added up from the years' ranges. " +
	PaidBackKey + " " +
	CaseLeavesOut

// PaidBackKey says what the share of futures paid back by a year's end is (the printed table's
// and the pack's "futures paid back", the workbook's "Chance paid back", business_case.csv's
// p_paid_back: sim.NetYear's PPaidBack), with CaseKey; the chart's subtitle says it shorter.
const PaidBackKey = "Futures paid back by a year's end are the share of paired runs whose cumulative net saving is above zero at the end of that year: " +
	"a run whose saving falls to zero or below after an early rise has not paid back while it is there, and has again once it rises above zero. " +
	"The years after it do not change the share, so a longer run gives the same share for the same year."

// ChancePaidBackKey says, in a comparison workbook's How to read, what its Chance paid back
// (business_case.csv's p_paid_back) is: on the cumulative net saving's rows the same as their
// Chance above 0 (p_positive), by definition, kept as a column of its own.
const ChancePaidBackKey = "On the cumulative net saving's rows, the share of paired runs that have paid back by the end of the year: by definition the same as Chance above 0 on those rows " +
	"(a run has paid back by a year's end when its cumulative net saving is above zero then), kept as a column of its own as business_case.csv keeps p_paid_back beside p_positive; empty on the other rows"

// TotalLabel names the business case's row of the whole run in the printed table, the pack and
// the workbook: each figure added up over the years in cash (sim.NetCase.Total), its interval
// the paired one of the totals.
const TotalLabel = "Total, whole run (cash)"

// CaseLeavesOut says what a business case does not count, under its table with CaseKey.
const CaseLeavesOut = "What these figures leave out: staff time beyond the programmes' own costs (social workers', managers' and commissioners' time the strategy takes), overheads, " +
	"capital financing (a capital one-off cost is counted as cash in the year it falls, with no borrowing costs or minimum revenue provision), " +
	"and grants that could offset costs (such as the DfE's capital match funding for children's homes; the Home Office's UASC grants are shown apart, where a rate is given)."

// WriteNetCaseText writes a business case as a finance business partner reads one: by financial
// year, what the strategy spends less on and more on (CaseFigures), the net saving and the
// cumulative net position, each as its mean with the confidence interval of the mean; the
// chance of having paid back by each year's end; then the payback year, the net present value
// and what one future could bring. Savings are positive.
func WriteNetCaseText(w io.Writer, nc *sim.NetCase) error {
	pct := Percent(nc.Level)
	var b strings.Builder
	what := "means with the " + pct + " confidence interval of the mean"
	if onePair(nc) {
		what = "the one paired run's figures"
	}
	fmt.Fprintf(&b, "Business case of %s against %s (savings to the council are positive; %s):\n\n", nc.Scenario, nc.Baseline, what)
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	for _, c := range CaseFigures {
		fmt.Fprint(tw, "\t"+strings.ToLower(c.Heading))
	}
	fmt.Fprintln(tw, "\tfutures paid back")
	for _, y := range nc.Years {
		fmt.Fprint(tw, caseYear(nc, y.Period))
		for _, c := range CaseFigures {
			fmt.Fprint(tw, "\t"+meanWithCI(c.Of(y)))
		}
		fmt.Fprintf(tw, "\t%s\n", futuresChance(nc, y.PPaidBack))
	}
	if len(nc.Years) > 1 {
		fmt.Fprint(tw, TotalLabel)
		for _, c := range CaseFigures {
			if c.CSV != "cumulative_net_saving" { // the last column: the total's is its net saving
				fmt.Fprint(tw, "\t"+meanWithCI(c.Of(nc.Total)))
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	b.WriteString("\n" + CaseKey + "\n")
	if nc.NPV.N < 2 {
		b.WriteString("One paired run gives no interval: each figure is that run's.\n")
	}
	if note := partYears(nc.Start, nc.RunYears); note != "" {
		b.WriteString(note + "\n")
	}
	b.WriteString("Payback: " + PaybackText(nc) + "\n")
	for _, line := range NPVLines(nc, "") {
		fmt.Fprintln(&b, line)
	}
	for _, line := range CareLeaverLines(nc) {
		fmt.Fprintln(&b, line)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// NPVLines says business case nc's net present value as the printed business case does: its
// terms (years, prices, discount rates and the Green Book's) with its mean and confidence
// interval, then what it could be in one future. of, when not "", says whose it is after
// "net present value" (" of the region").
func NPVLines(nc *sim.NetCase, of string) []string {
	pct := Percent(nc.Level)
	npv := nc.NPV
	// At another rate than the Green Book's, "(HM Treasury Green Book rate 0%)" would read as if
	// 0% were the Green Book's rate.
	out := []string{fmt.Sprintf("Net present value%s over %s, in %s prices discounted at %s: %s%s.",
		of, runYearsText(nc), nc.Years[0].Period, discountTerms(nc, "HM Treasury Green Book rate ", "the HM Treasury Green Book rate is "), Signed(npv.Mean, Money), parens(npvInterval(npv, pct, " ")))}
	out[0] = withUnmetNeed(out[0], nc)
	if npv.N < 2 {
		return append(out, fmt.Sprintf("One paired run gives no range of what the net present value%s could be in one future.", of))
	}
	return append(out, fmt.Sprintf("In one future the net present value%s could be %s (the middle %s of paired runs); it is positive in %s of them.",
		of, npvFutures(npv), pct, Chance(npv.PPositive)))
}

// hasYear31 reports whether business case nc has a year 31 (the first financial year being
// year 0), from which HM Treasury's Green Book discounts at its lower rate.
func hasYear31(nc *sim.NetCase) bool { return len(nc.Years) > sim.GreenBookYears+1 }

// discountTerms says at what rates business case nc's net present value is discounted and, in
// brackets, how they stand to HM Treasury's Green Book rates: "3.5% a year (HM Treasury Green
// Book rate 3.5%)", led by same where the rate is the Green Book's and by other where it is not.
// The Green Book's rate is 3.5% for years 0 to 30 of an appraisal (sim.GreenBookDiscountRate)
// and 3.0% from year 31 (sim.GreenBookDiscountRateAfter30). A case with a year 31 says both of
// its rates under the Green Book's schedule ("3.5% a year for years 0 to 30 and 3% a year from
// year 31"), and, at one rate given for every year, that it is used for every year.
func discountTerms(nc *sim.NetCase, same, other string) string {
	d := nc.Discount
	if !hasYear31(nc) {
		book := same + rate(sim.GreenBookDiscountRate)
		if d.Rate != sim.GreenBookDiscountRate {
			book = other + rate(sim.GreenBookDiscountRate)
		}
		return rate(d.Rate) + " a year (" + book + ")"
	}
	book := "HM Treasury's Green Book rates are " + rate(sim.GreenBookDiscountRate) + " for years 0 to 30 and " + rate(sim.GreenBookDiscountRateAfter30) + " from year 31"
	switch {
	case d == sim.GreenBookDiscount:
		return fmt.Sprintf("%s a year for years 0 to 30 and %s a year from year 31, the first year being year 0 (HM Treasury's Green Book rates)",
			rate(d.Rate), rate(d.From31))
	case d.Flat():
		return fmt.Sprintf("%s a year, the one rate given, for every year (%s)", rate(d.Rate), book)
	}
	return fmt.Sprintf("%s a year for years 0 to 30 and %s a year from year 31, the first year being year 0 (%s)", rate(d.Rate), rate(d.From31), book)
}

// paybackTurns says, in brackets, what the payback year means: the mean cumulative net saving
// turns positive then and stays so; and, where the confidence interval of that mean in that
// year still includes zero, that the saving is no clear one then, as the difference chart says
// "no clear difference".
func paybackTurns(nc *sim.NetCase) string {
	const turns = "the mean cumulative net saving turns positive then and stays so"
	if cum := doubtsOf(nc).AtYear; cum != nil {
		return fmt.Sprintf("(%s, but its %s confidence interval that year, %s, includes zero: no clear saving yet)", turns, Percent(nc.Level), CaseInterval(*cum))
	}
	return "(" + turns + ")"
}

// paybackAtEnd says, after PaybackText's words on a payback year, when the net saving over the
// run is no clear saving (paybackDoubts.AtEnd): " The net saving over the run, +£276k, has a
// 90% confidence interval of -£421k to +£973k, which includes zero: the strategy may not pay
// back at all."; "" otherwise.
func paybackAtEnd(nc *sim.NetCase) string {
	end := doubtsOf(nc).AtEnd
	if end == nil {
		return ""
	}
	return fmt.Sprintf(" The net saving over the run, %s, has a %s confidence interval of %s, which includes zero: the strategy may not pay back at all.",
		Signed(end.Mean, Money), Percent(nc.Level), CaseInterval(*end))
}

// paybackDoubts is what keeps business case nc's payback year from standing as a flat year,
// the same for a council's business case and a region's (and each part of its split), in a
// table's cell (PaybackCell) and in words (PaybackText) alike.
type paybackDoubts struct {
	// AtYear is the mean cumulative net saving in the payback year, when its confidence
	// interval includes zero (no clear saving yet), or nil.
	AtYear *sim.CaseFigure
	// AtEnd is the net saving over the run (the cumulative net saving of its last year), when
	// its confidence interval includes zero and the payback year is not the last (whose
	// doubt AtYear says), or nil: the strategy may not pay back at all.
	AtEnd *sim.CaseFigure
	// FewByThen is whether under half the futures have paid back by the end of the payback
	// year.
	FewByThen bool
	// NotAll is the share of futures that have not paid back by the end of the run, where
	// some have not (and FewByThen does not already say it, the payback year being the last),
	// or 0.
	NotAll float64
}

// doubtsOf returns the doubts of business case nc's payback year; none from one pair of runs,
// which gives no interval and no share of futures, nor without a payback year.
func doubtsOf(nc *sim.NetCase) paybackDoubts {
	var d paybackDoubts
	if nc.Payback == "" || onePair(nc) || len(nc.Years) == 0 {
		return d
	}
	unclear := func(f sim.CaseFigure) bool { return f.N >= 2 && f.Lo <= 0 && f.Hi >= 0 }
	last := len(nc.Years) - 1
	for i := range nc.Years {
		if y := &nc.Years[i]; y.Period == nc.Payback && unclear(y.Cumulative) {
			d.AtYear = &y.Cumulative
		}
	}
	if end := &nc.Years[last].Cumulative; nc.Years[last].Period != nc.Payback && unclear(*end) {
		d.AtEnd = end
	}
	d.FewByThen = nc.PPayback < 0.5
	if nc.PPaysBack < 1 && !(d.FewByThen && nc.Years[last].Period == nc.Payback) {
		d.NotAll = 1 - nc.PPaysBack
	}
	return d
}

// PaybackCell says, in a table's cell of business cases side by side (a region's councils,
// the region and its split), when business case nc pays back, qualified as PaybackText
// qualifies it (paybackDoubts): the year alone where the saving is clear then and by the end
// of the run, most futures have paid back by the year's end and every future by the run's;
// otherwise the year "on average, but" each doubt: no clear saving yet (the confidence
// interval of the mean cumulative net saving that year includes zero), the share of futures
// paid back by then where it is under a half, no clear saving by the end of the run (the net
// saving's interval includes zero) and the share of futures not paid back by the end of the
// run, so that a table does not state a flat payback year the runs do not support.
func PaybackCell(nc *sim.NetCase) string {
	if nc.Payback == "" {
		return "not within the run"
	}
	year := caseYear(nc, nc.Payback)
	d := doubtsOf(nc)
	var but []string
	if d.AtYear != nil {
		but = append(but, fmt.Sprintf("no clear saving yet: its %s confidence interval that year includes zero", Percent(nc.Level)))
	}
	if d.FewByThen {
		but = append(but, fmt.Sprintf("only %s of futures have paid back by then", Chance(nc.PPayback)))
	}
	last := caseYear(nc, nc.Years[len(nc.Years)-1].Period)
	if d.AtEnd != nil {
		but = append(but, fmt.Sprintf("no clear saving by the end of %s: the %s confidence interval of the net saving over the run includes zero", last, Percent(nc.Level)))
	}
	if d.NotAll > 0 {
		but = append(but, fmt.Sprintf("%s of futures have not paid back by the end of %s", Chance(d.NotAll), last))
	}
	if len(but) == 0 {
		return year
	}
	return year + " on average, but " + strings.Join(but, "; ")
}

// PaybackText says when a business case pays back, in the same words in the printed table, the
// pack, the chart and the workbook: the year from which the mean cumulative net saving stays
// positive always with the chance that a single future has paid back by its end, and, when
// that is under a half, the first year by whose end most futures have; then the chance by
// the end of the run; and, when the net saving over the run is no clear saving (its
// confidence interval includes zero), that the strategy may not pay back at all. It doubts a
// payback year where PaybackCell does (paybackDoubts), for a council and a region alike.
// From one pair it says when that pair pays back.
func PaybackText(nc *sim.NetCase) string {
	return withUnmetNeed(paybackYearText(nc)+paybackAtEnd(nc), nc)
}

// UnmetNeedCaveat returns what a verdict of saving says, in the same sentence, when the
// saving comes with unmet need: saving is what the strategy saves against the baseline
// (positive when it spends less) and leftUnmet how many more young people it leaves to leave
// care with no accommodation. It returns ", but 464 more young people leave care with no
// accommodation: this is not a saving of the sufficiency duty" when both are above zero,
// and "" otherwise: placesim prices no accommodation for them, so each of them lowers the
// cost. Every verdict of saving, printed, in the board pack and in the workspace, asks it.
func UnmetNeedCaveat(saving, leftUnmet float64) string {
	u := UnitOf(sim.CareLeaversUnmet)
	if !(saving > 0) || !(leftUnmet > 0) || Level(leftUnmet, u) == Level(0, u) {
		return ""
	}
	return fmt.Sprintf(", but %s more young people leave care with no accommodation: this is not a saving of the sufficiency duty", Level(leftUnmet, u))
}

// caseUnmetNeed is UnmetNeedCaveat of business case nc: its mean cumulative net saving at
// the end of the run and its mean change in young people leaving care with no accommodation.
func caseUnmetNeed(nc *sim.NetCase) string {
	if nc == nil || len(nc.Years) == 0 {
		return ""
	}
	return UnmetNeedCaveat(nc.Years[len(nc.Years)-1].Cumulative.Mean, nc.CareLeaversUnmet.Mean)
}

// withUnmetNeed puts UnmetNeedCaveat into sentence s before its closing full stop.
func withUnmetNeed(s string, nc *sim.NetCase) string {
	c := caseUnmetNeed(nc)
	if c == "" {
		return s
	}
	return strings.TrimSuffix(s, ".") + c + "."
}

// paybackYearText is PaybackText before its doubt of the net saving over the run.
func paybackYearText(nc *sim.NetCase) string {
	last := caseYear(nc, nc.Years[len(nc.Years)-1].Period)
	switch {
	case onePair(nc) && nc.Payback != "":
		return fmt.Sprintf("in the one paired run the cumulative net saving turns positive in %s and stays so.", caseYear(nc, nc.Payback))
	case onePair(nc):
		return fmt.Sprintf("in the one paired run the cumulative net saving is not positive by the end of %s: the strategy does not pay back within the run.", last)
	case nc.Payback == "":
		return fmt.Sprintf("on average the strategy does not pay back within the run (the mean cumulative net saving is not positive by the end of %s); %s of futures have paid back by then.", last, Chance(nc.PPaysBack))
	}
	turns := paybackTurns(nc)
	out := fmt.Sprintf("on average the strategy pays back in %s %s, but in only %s of futures has it paid back by the end of that year", caseYear(nc, nc.Payback), turns, Chance(nc.PPayback))
	lastPeriod := nc.Years[len(nc.Years)-1].Period
	if nc.PPayback >= 0.5 && nc.Payback == lastPeriod {
		// The chance by the end of the run is the chance by the end of that year: said once.
		return fmt.Sprintf("on average the strategy pays back in %s %s; in %s of futures it has paid back by the end of that year, the last of the run.",
			caseYear(nc, nc.Payback), turns, Chance(nc.PPayback))
	}
	if nc.PPayback >= 0.5 {
		return fmt.Sprintf("on average the strategy pays back in %s %s; in %s of futures it has paid back by the end of that year, and in %s by the end of %s.",
			caseYear(nc, nc.Payback), turns, Chance(nc.PPayback), Chance(nc.PPaysBack), last)
	}
	for _, y := range nc.Years {
		if y.Period > nc.Payback && y.PPaidBack > 0.5 && y.Period == lastPeriod {
			return out + fmt.Sprintf("; most futures (%s) have by the end of %s, the last year of the run.", Chance(y.PPaidBack), caseYear(nc, y.Period))
		}
		if y.Period > nc.Payback && y.PPaidBack > 0.5 {
			return out + fmt.Sprintf("; most futures (%s) have by the end of %s, and %s by the end of %s.", Chance(y.PPaidBack), caseYear(nc, y.Period), Chance(nc.PPaysBack), last)
		}
	}
	return out + fmt.Sprintf(", and %s by the end of %s: most futures do not pay back within the run.", Chance(nc.PPaysBack), last)
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

// npvInterval says a net present value's confidence interval of the mean at pct, its ends
// after sep ("90% confidence interval of the mean -£992k to -£639k"), or that one paired run
// gives none; or "" when both its ends read as the mean does (CaseInterval).
func npvInterval(npv sim.CaseFigure, pct, sep string) string {
	if npv.N < 2 || math.IsNaN(npv.Lo) {
		return "one paired run gives no interval"
	}
	if ci := CaseInterval(npv); ci != "" {
		return pct + " confidence interval of the mean" + sep + ci
	}
	return ""
}

// npvFutures says what a net present value could be in one future: "anything from -£3.2m to
// +£1.6m", or, when both ends read as the same amount, "no other than" that amount.
func npvFutures(npv sim.CaseFigure) string {
	lo, hi := Signed(npv.RunLo, Money), Signed(npv.RunHi, Money)
	if lo == hi {
		return "no other than " + lo
	}
	return "anything from " + lo + " to " + hi
}

// parens writes s in brackets after a space, or nothing for "".
func parens(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// meanWithCI writes a paired figure's mean with the confidence interval of the mean, or the
// mean alone when it has none to show (CaseInterval).
func meanWithCI(p sim.CaseFigure) string {
	if math.IsNaN(p.Mean) {
		return "–"
	}
	if ci := CaseInterval(p); ci != "" {
		return fmt.Sprintf("%s (%s)", Signed(p.Mean, Money), ci)
	}
	return Signed(p.Mean, Money)
}

// CaseInterval writes a paired figure's confidence interval of the mean, "-£8k to +£46k", or ""
// when there is none (one paired run) or both its ends read as the mean does (a figure the
// same in every pair, such as a one-off cost, whose ends may differ from it by float noise):
// an interval is shown only when it says more than the mean.
func CaseInterval(p sim.CaseFigure) string {
	if p.N < 2 || math.IsNaN(p.Lo) || math.IsNaN(p.Hi) || math.IsInf(p.Lo, 0) || math.IsInf(p.Hi, 0) {
		return ""
	}
	m, lo, hi := Signed(p.Mean, Money), Signed(p.Lo, Money), Signed(p.Hi, Money)
	if lo == m && hi == m {
		return ""
	}
	return lo + " to " + hi
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

// upperFirst starts sentence s with a capital letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
