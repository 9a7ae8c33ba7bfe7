package plots

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// FuturesWords says in plain words the range of a saving in one future: lo and hi bound the
// middle level of the paired runs' savings (positive when the strategy spends less), as
// sim.CaseFigure's RunLo and RunHi do. "in 90% of futures between a saving of £13.1m and a
// loss of £328k"; "" when one pair gives no range. It is what a reader quotes as the range of
// outcomes, where the confidence interval of the mean is only the precision of the average.
func FuturesWords(lo, hi, level float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return ""
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	return fmt.Sprintf("in %s of futures between %s and %s", Percent(level), savingWords(hi), savingWords(lo))
}

// savingWords says a saving v (negative: a loss) as "a saving of £13.1m", "a loss of £328k" or
// "no change" when it rounds to £0.
func savingWords(v float64) string {
	m := formatMoney(math.Abs(v))
	switch {
	case m == "£0":
		return "no change"
	case v < 0:
		return "a loss of " + m
	}
	return "a saving of " + m
}

// CaseSummary says in a few plain sentences, for the top of a board pack, what a strategy's
// business case nc comes to over the whole run: what it does (what, the strategy's own
// description, or its name where it has none), what it costs and what it saves to pay for it,
// the net over the run and in which share of futures it has paid back by the run's end, the
// range of the one future that happens, and the average's precision apart.
func CaseSummary(what string, nc *sim.NetCase) []string {
	if nc == nil || len(nc.Years) == 0 {
		return nil
	}
	t := nc.Total
	if len(nc.Years) == 1 {
		t = nc.Years[0]
	}
	over := overYears(runYears(nc))
	one := t.Net.N < 2
	figures, onAverage := "each the average of the paired runs", " on average"
	if one {
		figures, onAverage = "in the one paired run", " in the one paired run"
	}
	var out []string
	if what = strings.TrimSpace(what); what != "" {
		out = append(out, "The strategy: "+what)
	}
	// What it costs, and what that buys: each part said the way it goes, never as a signed figure.
	var costs []string
	if p := t.Running.Mean + t.OneOff.Mean; formatMoney(math.Abs(p)) != "£0" {
		if p > 0 {
			costs = append(costs, formatMoney(p)+" on its programmes")
		} else {
			costs = append(costs, formatMoney(-p)+" less on programmes than the baseline")
		}
	}
	if o := t.OwnProvision.Mean; formatMoney(math.Abs(o)) != "£0" {
		if o > 0 {
			costs = append(costs, formatMoney(o)+" more on own carers and homes")
		} else {
			costs = append(costs, formatMoney(-o)+" less on own carers and homes")
		}
	}
	bought := ""
	switch pl := t.Placements.Mean; {
	case formatMoney(math.Abs(pl)) == "£0":
		bought = "with no change in the places it buys"
	case pl > 0:
		bought = "to spend " + formatMoney(pl) + " less on places bought from the market"
	default:
		bought = "and spends " + formatMoney(-pl) + " more on places bought from the market"
	}
	if len(costs) > 0 {
		out = append(out, fmt.Sprintf("What it costs: over %s it spends %s, %s (cash, %s).", over, joinAnd(costs), bought, figures))
	} else {
		// Nothing bought with a cost: a change in places bought is said as one of its own.
		if pl := t.Placements.Mean; formatMoney(math.Abs(pl)) != "£0" && pl > 0 {
			bought = "and spends " + formatMoney(pl) + " less on places bought from the market"
		}
		out = append(out, fmt.Sprintf("What it costs: over %s it spends nothing more on programmes or on its own carers and homes, %s (cash, %s).", over, bought, figures))
	}
	net := t.Net
	verdict := ""
	switch m := formatMoney(math.Abs(net.Mean)); {
	case m == "£0":
		verdict = "spending is the same as the baseline's"
	case net.Mean > 0:
		verdict = "it saves " + m + onAverage
	default:
		verdict = "it costs " + m + " more" + onAverage
	}
	line := fmt.Sprintf("Net over %s: %s", over, verdict)
	if net.N >= 2 && !math.IsNaN(nc.PPaysBack) {
		line += fmt.Sprintf("; it has paid back by the end of the run in %s of futures", Chance(nc.PPaysBack))
	}
	out = append(out, withUnmetNeed(line+".", nc))
	if fw := FuturesWords(net.RunLo, net.RunHi, nc.Level); fw != "" && !one {
		out = append(out, fmt.Sprintf("The range to quote: the net %s over %s (the middle %s of the paired runs), what the one future that will happen could be.",
			fw, over, Percent(nc.Level)))
		if ci := CaseInterval(net); ci != "" {
			out = append(out, fmt.Sprintf("Precision of the average: its %s confidence interval of the mean is %s, which narrows as more runs are made; it is not a range of outcomes.",
				Percent(nc.Level), ci))
		}
	} else {
		out = append(out, "One paired run gives no range of futures: each figure is that run's.")
	}
	return out
}

// HomeRunningNote says, under a business case, where the running cost of each home strategy s
// opens is counted: in "Spends more on own carers and homes" (the homes' fixed yearly costs,
// sim.NetYear.OwnProvision), not in "Programmes: running cost", which would otherwise read £0
// as the answer to what the home costs to run. "" when s opens no home.
func HomeRunningNote(s *model.Scenario) string {
	var homes []string
	for _, iv := range s.Interventions {
		if iv.Action != model.OpenHome {
			continue
		}
		name := iv.Label
		if name == "" {
			name = iv.Name
		}
		if name == "" {
			name = "the new home"
		}
		if iv.FixedCostPerYearGBP > 0 {
			name += fmt.Sprintf(", %s a year to run at the start's prices,", formatPounds(iv.FixedCostPerYearGBP))
		}
		homes = append(homes, name)
	}
	if len(homes) == 0 {
		return ""
	}
	return fmt.Sprintf("Running a home it opens: the running cost of %s is in the column %q, with the council's other homes, "+
		"not in %q, which counts only the programmes' other running costs.", joinAnd(homes), CaseFigures[1].Heading, CaseFigures[2].Heading)
}

// SpendingLabel names the comparison's row of cost_total in a table captioned caption ("Over
// the 10 years", "In 2035/36"), as a run's report names the measure, and says which way its
// change goes: "Spending over the 10 years (change below zero: the strategy spends less)".
func SpendingLabel(caption string) string {
	return "Spending " + lowerFirst(caption) + " (change below zero: the strategy spends less)"
}

// CaseSigns says which way each column of a business case counts, before its table: a saving
// is above zero in some, a cost in the others.
func CaseSigns() string {
	var saving, cost []string
	for _, c := range CaseFigures {
		if strings.Contains(c.CSV, "saving") {
			saving = append(saving, fmt.Sprintf("%q", c.Heading))
		} else {
			cost = append(cost, fmt.Sprintf("%q", c.Heading))
		}
	}
	return fmt.Sprintf("Above zero is a saving to the council in %s; above zero is a cost in %s.", joinAnd(saving), joinAnd(cost))
}

// fieldPath matches a scenario file's field written in brackets in a sentence, such as
// " (uasc.grant_per_night_gbp)" or " (kinds.inhouse_foster.carers.sibling_only_share)".
var fieldPath = regexp.MustCompile(` ?\(([a-z_]+(?:\[[0-9]+\])?(?:\.[a-z_0-9]+(?:\[[0-9]+\])?)+)\)`)

// WithoutFieldPaths returns rows, each a label and its text, with every scenario file field
// written in brackets taken out of the text, and a technical note that lists them by row
// ("Home Office grant for unaccompanied children: uasc.grant_per_night_gbp"), for a board
// pack whose readers edit no file; a file's name (timeseries.csv) stays. The note is "" when
// no row names a field.
func WithoutFieldPaths(rows [][2]string) (out [][2]string, note string) {
	var fields []string
	for _, r := range rows {
		var paths []string
		text := fieldPath.ReplaceAllStringFunc(r[1], func(m string) string {
			p := fieldPath.FindStringSubmatch(m)[1]
			if strings.HasSuffix(p, ".csv") || strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".xlsx") {
				return m
			}
			paths = append(paths, p)
			return ""
		})
		if len(paths) > 0 {
			fields = append(fields, r[0]+": "+strings.Join(paths, ", "))
		}
		out = append(out, [2]string{r[0], text})
	}
	if len(fields) > 0 {
		note = "Technical note, for the analyst who edits the scenario file: the fields behind these assumptions are " + strings.Join(fields, "; ") + "."
	}
	return out, note
}

// CompareHowToRead defines the words of a comparison's board pack that a reader with no
// training in statistics could read more ways than one: the comparison's terms (first choice,
// ladder, futures, the two kinds of range, saving and spending, pts, cash terms, warm-up), then
// the run's report's own (HowToRead of the baseline base, one source for both). Runs of reps
// pairs on seed give ranges at level; one pair gives none, and its words speak of none.
func CompareHowToRead(base *model.Scenario, seed uint64, reps int, level float64) [][2]string {
	pct := Percent(level)
	out := [][2]string{
		{"First choice", "The first step on the council's list of placement types for a child (the child's ladder) that takes them. It is the council's order of preference, not the child's wish."},
		{"Ladder", "For each kind of child, the placement types the council tries in order (for example its own foster carers, then an agency, then an external children's home): the child goes to the first with a suitable free place, or to an emergency placement when none has one."},
	}
	if reps == 1 {
		out = append(out, [2]string{"Paired run", fmt.Sprintf("The run is one possible future: the same children arrive in the baseline's run and the strategy's, so the two differ only by the strategy. Its random draws start from seed %d: the same seed gives the same figures.", seed)})
	} else {
		out = append(out,
			[2]string{"Future, paired runs", fmt.Sprintf("Each run is one possible future: the same children arrive in run i of the baseline and of the strategy, so the two runs of a pair differ only by the strategy. \"In %s of futures\" means in the middle %s of those pairs. The runs' random draws start from seed %d: the same seed gives the same figures.", pct, pct, seed)},
			[2]string{"Range of futures and confidence interval of the mean", "The range of futures is what could happen in the one future that will: quote it as the range of outcomes. The confidence interval of the mean says only how precisely the runs have found the average; it narrows as more runs are made and is not a range of outcomes."})
	}
	out = append(out,
		[2]string{"Saving and spending", "Spending is all the council spends on children in care and the strategy's programmes. A saving is the baseline's spending less the strategy's: above zero when the strategy spends less. Each column of the business case says which way it counts."},
		[2]string{"pts", "Percentage points: a share that goes from 64% to 74% changes by +10 pts."},
		[2]string{"Cash terms", "Money as it will be paid each year, prices rising with inflation each April, not adjusted back to today's prices (the net present value is)."},
		[2]string{"Warm-up", "Years simulated before the start and left out, so that the council's children and carers at the start have settled into the scenario's own rules; a figure \"at the start of the warm-up\" is the one the scenario gives, before those years."})
	return append(out, HowToRead(base)...)
}

// SpendingPanelTitle heads the difference chart's panel of spending, which is the strategy's
// less the baseline's: below zero when the strategy spends less, where the business case's
// chart draws a saving above zero.
const SpendingPanelTitle = "Spending, the strategy's less the baseline's (below zero: the strategy spends less)"
