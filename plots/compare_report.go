package plots

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// CompareReport is the board pack of a comparison: for each strategy against the baseline, the
// question it asks, what it changes and what that costs, the headline figures of the baseline,
// the strategy and the change with both kinds of interval, the business case, the charts, and
// the baseline's assumptions.
type CompareReport struct {
	// Baseline is the baseline scenario; Scenarios are the strategies, in order.
	Baseline  *model.Scenario
	Scenarios []*model.Scenario
	// Rows are the comparison's rows (comparison.csv) of every strategy.
	Rows []CompareRow
	// Cases are the business cases, one for each strategy, in order.
	Cases []*sim.NetCase
	// Level is the confidence level of the intervals, such as 0.9.
	Level float64
	// Reps and Seed say how the runs were made; Source names them.
	Reps   int
	Seed   uint64
	Source string
	// Sets are the changes --set made to the assumptions of every scenario compared
	// ("kinds.x.carers.sibling_only_share=0.3", the years simulated left out, as
	// SetsAndYears gives them): the title says so, as a run's report does, and the
	// assumptions say which they set.
	Sets []string
	// Charts are drawn under the strategy whose name ends theirs ("difference-NAME",
	// "business-case-NAME"), as SVG.
	Charts []*Chart
	// Changes, when set, say in words what each strategy changes against the baseline, in
	// the order of Scenarios (every field and intervention it changes, with the baseline's
	// value), in place of the list of its interventions.
	Changes [][]string
	// Idle, when set, is what in each strategy acts on nothing it has, in the order of
	// Scenarios, as it was read (scenarios.Resolved.Idle): its interventions, and the fields
	// its file changed over the one it extends. A strategy it has no entry for is judged on
	// its interventions alone (model.Scenario.Idle). The pack says each that is the
	// strategy's own, not the baseline's (ownIdle).
	Idle []model.Problems
	// AsItIs, when set, names for each strategy, in the order of Scenarios, its changes
	// that change the council as it is rather than being a strategy (a baseline's own rate
	// of entries, its prices): its payback and net present value say that the figures
	// include them (AsItIsVerdict).
	AsItIs [][]string
	// Files, when set, replaces the closing sentence that says which files beside the pack
	// hold its figures (a pack downloaded on its own has none beside it).
	Files string
}

type comparePage struct {
	CSS                       template.CSS
	Title, Simulated, Source  string
	Level, OneFuture          string
	Strategies                []strategySection
	Assumptions               [][2]string
	Kinds                     []kindRow
	BaselineName, DiscountTxt string
	Files                     string
	OnePair                   bool     // one pair of runs: no interval, no range, no share of futures
	CaseHeadings              []string // the business case's columns (CaseFigures)
	CaseKey                   string
	Summary                   []caseSummary // the first page's answer, one for each strategy
	HowToRead                 [][2]string   // the words of the pack defined (CompareHowToRead)
	CaseSigns                 string        // which way each column of the business case counts (CaseSigns)
	Technical                 string        // the scenario file's fields behind the assumptions (WithoutFieldPaths)
}

// caseSummary is what the first page says of one strategy (CaseSummary).
type caseSummary struct {
	Name  string
	Lines []string
}

type strategySection struct {
	Name, Question         string
	Changes                []string
	ChangesPrices          string // at which year's prices the money of Changes is (TermsPricesNote)
	Tables                 []headlineTable
	LaddersNote            string // when the strategy's ladders differ from the baseline's (LaddersNote)
	Case                   []caseRow
	Payback, NPV, NPVRange string
	HomeRunning            string   // where the running cost of a home the strategy opens is (HomeRunningNote)
	CareLeavers            []string // what the business case says of care leavers with no accommodation
	Uncounted              []string // what the business case leaves out (uncountedLines)
	Idle                   []string // the strategy's changes that act on nothing (IdleNotes)
	Charts                 []reportChart
}

type headlineTable struct {
	Caption, BaseCol, AltCol string
	Rows                     []headlineRow
}

type headlineRow struct {
	Label, Base, Alt, Change, ChangeCI, OneFuture, Chance string
}

type caseRow struct {
	Period, Paid string
	Cells        []caseCell // one for each of CaseFigures
}

type caseCell struct{ Mean, CI, Futures string }

// WriteHTML writes the board pack as one self-contained HTML file that prints on A4 and makes
// no request of any kind, as Report does.
func (r *CompareReport) WriteHTML(w io.Writer) error {
	pct := Percent(r.Level)
	b := r.Baseline
	page := comparePage{
		CSS:          reportCSS,
		Source:       r.Source,
		Level:        pct,
		BaselineName: b.Name,
		Assumptions:  assumptions(b, filledFromRows(r.Rows, b, r.Scenarios), r.Sets, nil),
		Kinds:        kindRows(b, nil),
		Files:        r.Files,
		CaseKey:      CaseKey,
		CaseSigns:    CaseSigns(),
		HowToRead:    CompareHowToRead(b, r.Seed, r.Reps, r.Level),
	}
	page.Assumptions, page.Technical = WithoutFieldPaths(page.Assumptions)
	for _, c := range CaseFigures {
		page.CaseHeadings = append(page.CaseHeadings, c.Heading)
	}
	if page.Files == "" {
		page.Files = "Every figure is in comparison.csv and business_case.csv beside this report, and in results.xlsx."
	}
	page.Title = "Business case: strategies against " + b.Name
	if len(r.Scenarios) == 1 {
		page.Title = fmt.Sprintf("Business case: %s against %s", r.Scenarios[0].Name, b.Name)
	}
	if len(r.Sets) > 0 {
		page.Title += ", each changed by --set"
	}
	end := b.Start.AddDate(b.Years, 0, -1)
	times, sameTimes := "once", "once"
	if r.Reps != 1 {
		times = formatCount(float64(r.Reps)) + " times"
		sameTimes = "the same " + times
	}
	ranges := fmt.Sprintf("Two kinds of range are shown apart. The confidence interval of the mean (%s) says how sure "+
		"we are of the average effect; it narrows as more runs are made. The range of one future (the middle %s of paired runs) says what the "+
		"difference could be in the one future that will happen; it does not narrow with more runs. ", pct, pct)
	if r.Reps == 1 { // one pair gives neither range: the note below says so once
		ranges = ""
	}
	page.Simulated = fmt.Sprintf("placesim followed every child in care, every foster carer household and every bed day by day from %s to %s (%s), "+
		"%s for the baseline %q and %s for each strategy, with the same children arriving in run i of each: so the difference "+
		"between two runs is the strategy's, not chance's. %s%s",
		b.Start.Format("2 January 2006"), end.Format("2 January 2006"), plural(b.Years, "year"), times, b.Name, sameTimes, ranges, MoneyTerms(b))
	if note := FewRunsNote(r.Reps, r.Level, ""); note != "" {
		page.Simulated += " " + note
	}
	if page.OnePair = r.Reps == 1; page.OnePair { // as the printed table and the region's pack say
		page.Simulated += " One paired run gives no interval: each figure is that run's."
	}
	for i, s := range r.Scenarios {
		sec := strategySection{Name: s.Name, Question: s.Description}
		if i < len(r.Changes) {
			sec.Changes = r.Changes[i]
		} else {
			sec.Changes = StrategyChanges(b, s)
		}
		sec.ChangesPrices = TermsPricesNote(s, sec.Changes)
		if note := ApprovalsNote(s, b.Name, r.Rows); note != "" && len(sec.Changes) > 0 {
			sec.ChangesPrices = strings.TrimSpace(sec.ChangesPrices + " " + note)
		}
		if note := NewPlacesNoteOf(s); note != "" && len(sec.Changes) > 0 {
			sec.ChangesPrices = strings.TrimSpace(sec.ChangesPrices + " " + note)
		}
		sec.Tables = r.headlineTables(s)
		sec.Idle = IdleNotes(s, r.ownIdle(i))
		_, sec.LaddersNote = LaddersNote(nil, r.Baseline, s)
		if i < len(r.Cases) && r.Cases[i] != nil {
			r.fillCase(&sec, r.Cases[i])
			sec.HomeRunning = HomeRunningNote(s)
			summary := CaseSummary(s.Description, r.Cases[i])
			if i < len(r.AsItIs) {
				if v := AsItIsVerdict(r.AsItIs[i]); v != "" {
					sec.Payback, sec.NPV = v+" "+sec.Payback, v+" "+sec.NPV
					summary = append([]string{v}, summary...)
				}
			}
			page.Summary = append(page.Summary, caseSummary{Name: s.Name + " against " + b.Name, Lines: summary})
			sec.Uncounted = append(append(PriceNotes(b, s), UnitCostNotes(b, s)...), r.uncountedLines(s)...)
			if note := StepDownCostNote(b, s, r.Rows); note != "" {
				sec.Uncounted = append(sec.Uncounted, note)
			}
		}
		for _, c := range r.Charts {
			if c.Name != "difference-"+s.Name && c.Name != "business-case-"+s.Name {
				continue
			}
			rc, err := reportChartOf(c, nil)
			if err != nil {
				return err
			}
			sec.Charts = append(sec.Charts, rc)
		}
		page.Strategies = append(page.Strategies, sec)
	}
	return compareTemplate.Execute(w, page)
}

// InterventionChanges says in words what each of ivs, dated changes of scenario s, does and
// when, and what it costs (costTerms), as a comparison's board pack lists what a strategy
// changes: "Extra approvals for 12 net households a year (2026-28), from April 2026 to April
// 2028; costs: £12,000 for each household it approves, in place of the usual recruitment
// cost".
func InterventionChanges(s *model.Scenario, ivs []model.Intervention) []string {
	var out []string
	for _, iv := range ivs {
		// Each is an item of a list, begun with a capital as the list's other items are:
		// "Open Home B (a home of 2 beds ...)", not "open home (...)".
		out = append(out, upperFirst(withCostTerms(s, iv)))
	}
	return out
}

// StrategyChanges says in words the dated changes of strategy s against those of the
// baseline base, as the board pack lists what a strategy changes: each of s's that base does
// not hold, as InterventionChanges says it; each of base's that s holds in another form
// (the same action on the same kind and home), "Changed: ... (baseline: ...)"; and each of
// base's that s leaves out, "Not in the strategy: ...". A strategy that extends its baseline
// holds the baseline's own and lists only what it adds.
func StrategyChanges(base, s *model.Scenario) []string {
	out, left := strategyChanges(base, s)
	return append(out, left...)
}

// LeftOutChanges says in words each of the baseline base's dated changes that strategy s
// leaves out, neither holding it nor another form of it, as StrategyChanges lists them:
// "Not in the strategy: ...".
func LeftOutChanges(base, s *model.Scenario) []string {
	_, left := strategyChanges(base, s)
	return left
}

// strategyChanges returns StrategyChanges' lines in two parts: those of s's own dated
// changes, and those of base's that s leaves out.
func strategyChanges(base, s *model.Scenario) (out, left []string) {
	used := make([]bool, len(base.Interventions))
	kept := make([]bool, len(s.Interventions))
	for i, iv := range s.Interventions {
		for j, b := range base.Interventions {
			if !used[j] && sameIntervention(s, iv, base, b) {
				used[j], kept[i] = true, true
				break
			}
		}
	}
	for i, iv := range s.Interventions {
		if kept[i] {
			continue
		}
		j := -1
		for k, b := range base.Interventions {
			if !used[k] && sameTarget(s, iv, base, b) {
				j = k
				break
			}
		}
		if j < 0 {
			out = append(out, upperFirst(withCostTerms(s, iv)))
			continue
		}
		used[j] = true
		now, was := interventionFigures(s, iv), interventionFigures(base, base.Interventions[j])
		if now == was {
			out = append(out, "Changed: "+now+" (in a figure this list does not show: see the two scenario files)")
			continue
		}
		out = append(out, "Changed: "+now+" (baseline: "+was+")")
	}
	for j, b := range base.Interventions {
		if !used[j] {
			left = append(left, "Not in the strategy: "+interventionFigures(base, b))
		}
	}
	return out, left
}

// sameIntervention reports whether iv of scenario s and b of scenario base are the same
// dated change, reading the kind each acts on by its name.
func sameIntervention(s *model.Scenario, iv model.Intervention, base *model.Scenario, b model.Intervention) bool {
	if interventionKind(s, iv) != interventionKind(base, b) {
		return false
	}
	iv.Kind, b.Kind = 0, 0
	iv.Baseline, b.Baseline = false, false // where a change is listed, not what it does
	return reflect.DeepEqual(iv, b)
}

// sameTarget reports whether iv of scenario s and b of scenario base do the same thing to the
// same kind and home, whatever their figures and dates.
func sameTarget(s *model.Scenario, iv model.Intervention, base *model.Scenario, b model.Intervention) bool {
	return iv.Action == b.Action && iv.Name == b.Name && interventionKind(s, iv) == interventionKind(base, b)
}

// interventionKind names the kind iv of scenario s acts on, or gives its number when s has no
// such kind.
func interventionKind(s *model.Scenario, iv model.Intervention) string {
	if int(iv.Kind) >= 0 && int(iv.Kind) < len(s.Kinds) {
		return s.Kinds[iv.Kind].Name
	}
	return strconv.Itoa(int(iv.Kind))
}

// headlineTables lays out the headline KPIs of strategy s against the baseline in the last
// whole financial year (see LastWholeYear) and over the whole run.
func (r *CompareReport) headlineTables(s *model.Scenario) []headlineTable {
	byKey := map[[2]string]CompareRow{}
	var periods []string
	for _, row := range r.Rows {
		if row.Scenario != s.Name {
			continue
		}
		byKey[[2]string{row.Period, row.KPI}] = row
		if len(periods) == 0 || periods[len(periods)-1] != row.Period {
			periods = append(periods, row.Period)
		}
	}
	if len(periods) < 2 {
		return nil
	}
	unmetMoves := false
	for _, row := range byKey {
		unmetMoves = unmetMoves || (row.KPI == sim.CareLeaversUnmet && moved(row.DiffMean, row.PLower, row.PHigher))
	}
	// The last whole year, as the printed table shows: a run that does not start on 1 April
	// ends in a part year (14 days of a run from 15 April), no board's "last year".
	last := LastWholeYear(r.Baseline.Start, r.Baseline.Years, periods)
	var out []headlineTable
	figures := " (mean)"
	if r.Reps == 1 {
		figures = " (the run's)"
	}
	// The whole run first: a strategy that saves in its last year may cost more over the run.
	for _, p := range []string{sim.WholeRun, last} {
		t := headlineTable{Caption: "In " + YearLabel(r.Baseline.Start, r.Baseline.Years, last), BaseCol: r.Baseline.Name + figures, AltCol: s.Name + figures}
		if p == sim.WholeRun {
			t.Caption = "Over " + overYears(s.Years)
		}
		heads, _ := ComparedHeadlines(HeadlinesOf(r.Baseline, unmetMoves), r.Baseline, s, NoneInRows(r.Rows, s.Name))
		for _, h := range heads {
			d, ok := byKey[[2]string{p, h.KPI}]
			if !ok {
				continue
			}
			label := h.Label
			if p == sim.WholeRun {
				label = wholeRunLabel(h, s.Years)
			}
			if h.KPI == sim.CostTotal {
				// What the run's report calls it, and which way the change goes: the
				// strategy's column is what it spends, not what it costs.
				label = SpendingLabel(t.Caption)
			}
			base, alt := Levels(d.BaseMean, d.AltMean, h.Unit)
			row := headlineRow{Label: label, Base: base, Alt: alt, Change: Signed(d.DiffMean, h.Unit)}
			if d.N >= 2 && !math.IsNaN(d.DiffLo) {
				row.ChangeCI = fmt.Sprintf("%s to %s", Signed(d.DiffLo, h.Unit), Signed(d.DiffHi, h.Unit))
			}
			if !math.IsNaN(d.RunLo) {
				row.OneFuture = fmt.Sprintf("%s to %s", Signed(d.RunLo, h.Unit), Signed(d.RunHi, h.Unit))
			}
			row.Chance = h.Odds(d.PLower, d.PHigher)
			if d.N == 1 { // one pair gives no range of futures, and no chance, as the printed table says
				row.OneFuture, row.Chance = "–", "–"
			}
			t.Rows = append(t.Rows, row)
		}
		out = append(out, t)
	}
	return out
}

// wholeRunLabel names headline h over a run of years as its value there is formed (sim's
// catalogue): a total over the run says so ("Total cost (10-year total)"), a count at the end
// says it is the run's end; an average says so in its label already, and a share is of the
// whole run.
func wholeRunLabel(h Headline, years int) string {
	info, ok := sim.KPIInfo(h.KPI)
	if !ok || info.Unit == sim.Share {
		return h.Label
	}
	switch info.Aggregate {
	case sim.Total:
		return fmt.Sprintf("%s (%d-year total)", h.Label, years)
	case sim.AtEnd:
		if l, ok := strings.CutSuffix(h.Label, " at the year's end"); ok {
			return l + " at the run's end"
		}
		return h.Label + " (at the run's end)"
	}
	return h.Label
}

// fillCase writes the business case of one strategy into its section.
func (r *CompareReport) fillCase(sec *strategySection, nc *sim.NetCase) {
	for _, y := range nc.Years {
		row := caseRow{Period: caseYear(nc, y.Period), Paid: futuresChance(nc, y.PPaidBack)}
		for _, c := range CaseFigures {
			f := c.Of(y)
			row.Cells = append(row.Cells, caseCell{Mean: Signed(f.Mean, Money), CI: CaseInterval(f)})
		}
		sec.Case = append(sec.Case, row)
	}
	if len(nc.Years) > 1 {
		row := caseRow{Period: TotalLabel}
		for _, c := range CaseFigures {
			cell := caseCell{}
			if c.CSV != "cumulative_net_saving" { // the total's is its net saving
				f := c.Of(nc.Total)
				cell = caseCell{Mean: Signed(f.Mean, Money), CI: CaseInterval(f)}
				if c.CSV == "net_saving" && f.N >= 2 {
					// The headline saving in words: the range of one future, which is what
					// a reader quotes, beside the mean's interval labelled as its precision.
					cell.Futures = upperFirst(FuturesWords(f.RunLo, f.RunHi, nc.Level))
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		sec.Case = append(sec.Case, row)
	}
	sec.Payback = upperFirst(PaybackText(nc))
	if note := partYears(nc.Start, nc.RunYears); note != "" {
		sec.Payback = note + " " + sec.Payback
	}
	sec.NPV = fmt.Sprintf("Net present value over %s, in %s prices, discounted at %s: %s%s.",
		runYearsText(nc), nc.Years[0].Period, discountTerms(nc, "HM Treasury's Green Book rate is ", "HM Treasury's Green Book rate is "), Signed(nc.NPV.Mean, Money), parens(npvInterval(nc.NPV, Percent(nc.Level), ": ")))
	sec.NPVRange = fmt.Sprintf("In one future it could be %s (the middle %s of paired runs); it is positive in %s of them.",
		npvFutures(nc.NPV), Percent(nc.Level), Chance(nc.NPV.PPositive))
	if nc.NPV.N < 2 {
		sec.NPVRange = "One paired run gives no range of what it could be in one future."
	}
	sec.CareLeavers = CareLeaverLines(nc)
}

var compareTemplate = template.Must(template.Must(template.New("compare").Parse(assumptionsTemplate)).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}.label { width: 30%; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
</header>
<main>
{{with .Summary}}<section class="summary">
<h2>In short</h2>
{{range .}}<h3>{{.Name}}</h3>
<ul>
{{range .Lines}}<li>{{.}}</li>
{{end}}</ul>
{{end}}</section>
{{end}}<section>
<h2>What was compared</h2>
<p>{{.Simulated}}</p>
</section>
{{with .HowToRead}}<section>
<h2>How to read</h2>
<table aria-label="How to read">
<tbody>
{{range .}}<tr><th scope="row">{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}{{range .Strategies}}<section>
<h2>{{.Name}}</h2>
{{if .Question}}<p class="lede">{{.Question}}</p>{{end}}
{{if .Changes}}<p>What it changes against {{$.BaselineName}}:</p>
<ul>
{{range .Changes}}<li>{{.}}</li>
{{end}}</ul>{{with .ChangesPrices}}
<p>{{.}}</p>{{end}}{{end}}
{{range .Idle}}<p><strong>{{.}}</strong></p>
{{end}}{{range .Tables}}<table>
<caption>{{.Caption}}</caption>
<thead><tr><th>Measure</th><th class="num wrap">{{.BaseCol}}</th><th class="num wrap">{{.AltCol}}</th>{{if $.OnePair}}<th class="num wrap">Change in the run</th>{{else}}<th class="num wrap">Change: mean, and the {{$.Level}} confidence interval of the mean</th><th class="num wrap">One future: the middle {{$.Level}} of paired runs</th><th class="num wrap">In how many futures: better, the same, worse</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row" class="row label">{{.Label}}</th><td class="num">{{.Base}}</td><td class="num">{{.Alt}}</td><td class="num">{{.Change}}<span>{{with .ChangeCI}}<span class="vh">, {{$.Level}} confidence interval of the mean </span>{{.}}{{end}}</span></td>{{if not $.OnePair}}<td class="num">{{.OneFuture}}</td><td class="num">{{.Chance}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{with .LaddersNote}}<p>{{.}}</p>
{{end}}
{{if .Case}}<h3>Business case</h3>
<table class="case">
<caption>{{$.CaseSigns}} {{if $.OnePair}}Each cell is the one paired run's figure.{{else}}Each cell is the mean of the paired runs with, below it, the {{$.Level}} confidence interval of the mean, left out where it reads as the mean does (a cost the same in every run).{{end}}</caption>
<thead><tr><th class="wrap">Financial year</th>{{range $.CaseHeadings}}<th class="num wrap">{{.}}</th>{{end}}<th class="num wrap">Futures paid back</th></tr></thead>
<tbody>
{{range .Case}}<tr><th scope="row" class="row">{{.Period}}</th>{{range .Cells}}<td class="num">{{.Mean}}<span>{{with .CI}}<span class="vh">, {{$.Level}} confidence interval of the mean </span>{{.}}{{end}}</span>{{with .Futures}}<span>{{.}}</span>{{end}}</td>{{end}}<td class="num">{{.Paid}}</td></tr>
{{end}}</tbody>
</table>
{{with .HomeRunning}}<p><strong>{{.}}</strong></p>
{{end}}<p class="source">{{$.CaseKey}}</p>
<p>{{.Payback}}</p>
<p>{{.NPV}} {{.NPVRange}}</p>
{{range .CareLeavers}}<p>{{.}}</p>
{{end}}{{range .Uncounted}}<p>{{.}}</p>
{{end}}{{end}}
{{range .Charts}}{{template "chart" .}}{{end}}</section>
{{end}}<section>
<h2>Assumptions of the baseline, {{.BaselineName}}</h2>
{{template "assumptions" .}}{{with .Technical}}<p class="source">{{.}}</p>
{{end}}</section>
</main>
<footer><p class="source">{{.Source}} {{.Files}}</p></footer>
</body>
</html>
`))

// ownIdle returns what in the strategy Scenarios[i] acts on nothing it has (Idle) and is its
// own: what acts on nothing in the baseline too, with the same value there, is the
// baseline's and is left out (StrategyIdle).
func (r *CompareReport) ownIdle(i int) model.Problems {
	s := r.Scenarios[i]
	idle := s.Idle()
	if i < len(r.Idle) {
		idle = r.Idle[i]
	}
	return StrategyIdle(r.Baseline, s, idle)
}

// StrategyIdle returns idle, what in strategy s acts on nothing it has, less what is its
// baseline base's (model.Scenario.OwnIdle): what acts on nothing in base too, with the same
// value in both, whether or not base's own file changed it. base nil leaves out nothing.
func StrategyIdle(base, s *model.Scenario, idle model.Problems) model.Problems {
	if base == nil {
		return idle
	}
	return s.OwnIdle(idle, base, base.ActsOnNothing(func(string) bool { return true }))
}

// IdleNotes says, a sentence each, what in scenario s acts on nothing it has: idle, as
// model.Scenario.ActsOnNothing gives it (scenarios.Resolved.Idle), an intervention by its
// label ("Acts on nothing: UASC arrivals double (interventions[0].factor) multiplies the UASC
// arriving, and none arrive ..."), a field by its path, a kind's by the kind's name ("Acts on
// nothing: uasc.transfer_threshold_share is the threshold beyond which ...",
// "kinds.block_residential.weekly_gbp is the price of ..."). A what-if written for the
// default county and run on a council without what it acts on shows £0 everywhere, and the
// pack says why.
func IdleNotes(s *model.Scenario, idle model.Problems) []string {
	return idleNotes(s, idle, "Acts on nothing: ")
}

// kindByName writes field of s, a kind's by its place in s.Kinds (kinds[5].weekly_gbp), by
// the kind's name, as a file, --set and the list of changes name it
// (kinds.block_residential.weekly_gbp); any other field as it is.
func kindByName(s *model.Scenario, field string) string {
	var i int
	if n, _ := fmt.Sscanf(field, "kinds[%d]", &i); n != 1 || i < 0 || i >= len(s.Kinds) {
		return field
	}
	rest, ok := strings.CutPrefix(field, fmt.Sprintf("kinds[%d]", i))
	if !ok {
		return field
	}
	return "kinds." + s.Kinds[i].Name + rest
}

// idleNotes is IdleNotes with each note begun by head.
func idleNotes(s *model.Scenario, idle model.Problems, head string) []string {
	var out []string
	for _, p := range idle {
		var i int
		if _, err := fmt.Sscanf(p.Field, "interventions[%d]", &i); err != nil {
			out = append(out, fmt.Sprintf("%s%s %s.", head, kindByName(s, p.Field), p.Message))
			continue
		}
		label := ""
		if i >= 0 && i < len(s.Interventions) {
			label = s.Interventions[i].Label
		}
		if label == "" {
			label = "An intervention"
		}
		out = append(out, fmt.Sprintf("%s%s (%s) %s.", head, label, p.Field, p.Message))
	}
	return out
}

// AsItIsVerdict says, of figures whose strategy changes the council as it is (labels, the
// changes that do: a baseline's own rate of entries, its prices), that they include that
// change and so are not a strategy's cost or saving, in the words the chart subtitles, the
// payback and net present value lines, and the workspace say it where the saving is stated.
// It is "" for no labels.
func AsItIsVerdict(labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	return fmt.Sprintf("These figures include a change to the council as it is (%s), not the cost or saving of a strategy.", joinAnd(labels))
}

// MarkAsItIs starts the subtitle of each chart, which states the saving, with AsItIsVerdict
// of labels; with no labels it leaves them as they are.
func MarkAsItIs(charts []*Chart, labels []string) {
	v := AsItIsVerdict(labels)
	if v == "" {
		return
	}
	for _, ch := range charts {
		if ch != nil && ch.Subtitle != "" {
			ch.Subtitle = v + " " + ch.Subtitle
		}
	}
}
