package plots

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// bookCellOf is one cell of a comparison workbook's table: a value and its style (0 for none).
type bookCellOf struct {
	v     any
	style int
}

// WriteCompareWorkbook writes the workbook of a comparison, results.xlsx, for finance colleagues:
// the headline figures of each strategy against the baseline with both kinds of range and the
// chance it is better; the business case by financial year; every KPI of the comparison; and a
// sheet that says how to read them. Each table is an Excel table with filters on, with money in
// pounds, shares in per cent and chances in per cent; NaN is an empty cell.
func (r *CompareReport) WriteCompareWorkbook(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newBookStyles(f)
	if err != nil {
		return err
	}
	chance := 0
	pct := "0%"
	if chance, err = f.NewStyle(&excelize.Style{CustomNumFmt: &pct}); err != nil {
		return err
	}
	// A change in a share is in percentage points, as the printed table and the pack write it
	// ("+5.8 pts"): its cell holds the points (5.8), not the fraction (0.058) a per cent format
	// would show as "5.8%".
	points := 0
	ptsFmt := `+0.0" pts";-0.0" pts";0.0" pts"`
	if points, err = f.NewStyle(&excelize.Style{CustomNumFmt: &ptsFmt}); err != nil {
		return err
	}
	styleOf := func(u Unit) int {
		switch u {
		case Money:
			return st.money
		case Share:
			return st.share
		}
		return st.count
	}
	num := func(v float64, style int) bookCellOf {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return bookCellOf{nil, 0}
		}
		return bookCellOf{v, style}
	}
	change := func(v float64, u Unit) bookCellOf {
		if u == Share {
			return num(100*v, points)
		}
		return num(v, styleOf(u))
	}
	text := func(s string) bookCellOf { return bookCellOf{s, 0} }

	// How to read it.
	level := Percent(r.Level)
	extra := append([][2]string{{"Shares", "A share (of placements made in the child's first choice) is in per cent, its change in percentage points (pts): from 40% to 45% is +5 pts"}}, pricesRow(r.Baseline)...)
	if r.Reps > 1 { // one pair gives no chance
		extra = append(extra, [2]string{"Chance paid back", ChancePaidBackKey})
	}
	// What in a strategy acts on nothing it has, as the pack says it (IdleNotes).
	for i, s := range r.Scenarios {
		for _, note := range IdleNotes(s, r.ownIdle(i)) {
			extra = append(extra, [2]string{"Acts on nothing, " + s.Name, note})
		}
	}
	about := howToRead(fmt.Sprintf("%s against %s, %s each on seed %d", plural(len(r.Scenarios), "strategy"), r.Baseline.Name, plural(r.Reps, "paired replication"), r.Seed),
		level, r.Source, true, r.Reps == 1, extra)
	if err := f.SetSheetName("Sheet1", "Headlines"); err != nil {
		return err
	}

	// Headlines: each strategy's headline KPIs in every period.
	head := [][]bookCellOf{{text("Scenario"), text("Measure"), text("Period"), text("Baseline"), text("Scenario value"),
		text("Change"), text("Change, CI low"), text("Change, CI high"), text("One future, low"), text("One future, high"), text("Chance better")}}
	byKey := map[[3]string]CompareRow{}
	for _, row := range r.Rows {
		byKey[[3]string{row.Scenario, row.Period, row.KPI}] = row
	}
	var periods []string
	for _, row := range r.Rows {
		if len(r.Scenarios) > 0 && row.Scenario == r.Scenarios[0].Name && row.KPI == sim.CostTotal {
			periods = append(periods, row.Period)
		}
	}
	// A strategy whose ladders differ from the baseline's says so beside its first-choice row,
	// and under the table in the words of the printed table and the board pack (LaddersNote).
	var headNotes []string
	for _, s := range r.Scenarios {
		unmetMoves := false
		for _, row := range r.Rows {
			unmetMoves = unmetMoves || (row.Scenario == s.Name && row.KPI == sim.CareLeaversUnmet && moved(row.DiffMean, row.PLower, row.PHigher))
		}
		heads, note := ComparedHeadlines(HeadlinesOf(r.Baseline, unmetMoves), r.Baseline, s, NoneInRows(r.Rows, s.Name))
		if note != "" {
			headNotes = append(headNotes, note)
		}
		for _, h := range heads {
			for _, p := range periods {
				d, ok := byKey[[3]string{s.Name, p, h.KPI}]
				if !ok {
					continue
				}
				u := styleOf(h.Unit)
				runLo, runHi, better := d.RunLo, d.RunHi, h.ChanceBetter(d.PLower, d.PHigher)
				if d.N == 1 { // one pair gives no range of futures and no chance, as the printed table says
					runLo, runHi, better = math.NaN(), math.NaN(), math.NaN()
				}
				head = append(head, []bookCellOf{text(s.Name), text(h.Label), text(bookPeriod(s, p)), num(d.BaseMean, u), num(d.AltMean, u),
					change(d.DiffMean, h.Unit), change(d.DiffLo, h.Unit), change(d.DiffHi, h.Unit), change(runLo, h.Unit), change(runHi, h.Unit),
					num(better, chance)})
			}
		}
	}
	// A part year's period ("2036/37 (to 30 September)") needs a wider column than a year's.
	periodWidth, yearWidth := 11.0, 14.0
	if partYears(r.Baseline.Start, r.Baseline.Years) != "" {
		periodWidth, yearWidth = 24, 24
	}
	headWidths := []float64{24, 44, periodWidth, 14, 14, 14, 14, 14, 14, 14, 12}
	if r.Reps == 1 { // one pair gives no interval, range or chance: their columns are left out
		head, headWidths = dropColumns(head, headWidths, 6, 7, 8, 9, 10)
	}
	if err := bookTable(f, "Headlines", "Headlines", head, headWidths, st); err != nil {
		return err
	}
	for i, line := range headNotes {
		if err := f.SetCellValue("Headlines", fmt.Sprintf("A%d", len(head)+2+i), line); err != nil {
			return err
		}
	}

	// Business case.
	cases := [][]bookCellOf{{text("Scenario"), text("Financial year"), text("Figure"), text("Mean"), text("CI low"), text("CI high"),
		text("One future, low"), text("One future, high"), text("Chance above 0"), text("Chance paid back")}}
	var notes []string
	for i, nc := range r.Cases {
		if i < len(r.Scenarios) {
			for _, line := range PriceNotes(r.Baseline, r.Scenarios[i]) {
				notes = append(notes, nc.Scenario+": "+line)
			}
			// What the pack gives beside its business case: what the strategy changes with
			// each change's cost terms, and what a programme paid by the unit charges for.
			changes := StrategyChanges(r.Baseline, r.Scenarios[i])
			if i < len(r.Changes) {
				changes = r.Changes[i]
			}
			for _, line := range changes {
				notes = append(notes, "What "+nc.Scenario+" changes: "+line)
			}
			if note := TermsPricesNote(r.Scenarios[i], changes); note != "" {
				notes = append(notes, nc.Scenario+": "+note)
			}
			for _, line := range UnitCostNotes(r.Baseline, r.Scenarios[i]) {
				notes = append(notes, nc.Scenario+": "+line)
			}
			if note := StepDownCostNote(r.Baseline, r.Scenarios[i], r.Rows); note != "" {
				notes = append(notes, nc.Scenario+": "+note)
			}
		}
		add := func(period, figure string, p sim.CaseFigure, paid float64) {
			cases = append(cases, []bookCellOf{text(nc.Scenario), text(period), text(figure), num(p.Mean, st.money), num(p.Lo, st.money), num(p.Hi, st.money),
				num(p.RunLo, st.money), num(p.RunHi, st.money), num(p.PPositive, chance), num(paid, chance)})
		}
		for _, y := range nc.Years {
			period := caseYear(nc, y.Period)
			for _, c := range CaseFigures {
				paid := math.NaN()
				if c.CSV == "cumulative_net_saving" {
					paid = y.PPaidBack
				}
				add(period, c.Heading, c.Of(y), paid)
			}
		}
		if len(nc.Years) > 1 {
			for _, c := range CaseFigures {
				if c.CSV != "cumulative_net_saving" { // the total's is its net saving
					add(TotalLabel, c.Heading, c.Of(nc.Total), math.NaN())
				}
			}
		}
		add(plural(runYears(nc), "year"), NPVLabel(nc), nc.NPV, math.NaN())
		notes = append(notes, fmt.Sprintf("Payback of %s: %s", nc.Scenario, PaybackText(nc)))
		// Young people leaving care with no accommodation, a count, when the strategy moves
		// them; the lines the pack and the command print go under the table.
		// The Home Office's UASC grants, memo rows the net saving leaves out: the strategy's
		// grant less the baseline's, by financial year and over the run.
		for _, d := range r.Rows {
			if d.Scenario != nc.Scenario || (d.KPI != sim.UASCGrantNotCounted && d.KPI != sim.UASCLeavingCareGrantNotCounted) {
				continue
			}
			figure := grantMemoLabels[d.KPI]
			period := caseYear(nc, d.Period)
			if d.Period == sim.WholeRun {
				period = plural(runYears(nc), "year")
			}
			cases = append(cases, []bookCellOf{text(nc.Scenario), text(period), text(figure), num(d.DiffMean, st.money), num(d.DiffLo, st.money), num(d.DiffHi, st.money),
				num(d.RunLo, st.money), num(d.RunHi, st.money), num(d.PHigher, chance), num(math.NaN(), 0)})
		}
		if lines := CareLeaverLines(nc); len(lines) > 0 {
			c := nc.CareLeaversUnmet
			cases = append(cases, []bookCellOf{text(nc.Scenario), text(plural(runYears(nc), "year")), text("Young people leaving care with no accommodation"),
				num(c.Mean, st.count), num(c.Lo, st.count), num(c.Hi, st.count), num(c.RunLo, st.count), num(c.RunHi, st.count), num(math.NaN(), 0), num(math.NaN(), 0)})
			notes = append(notes, lines...)
		}
	}
	notes = append(notes, CaseKey)
	if _, err := f.NewSheet("Business case"); err != nil {
		return err
	}
	caseWidths := []float64{24, yearWidth, 30, 14, 14, 14, 14, 14, 12, 12}
	if r.Reps == 1 {
		cases[0][3] = text("The run's figure")
		cases, caseWidths = dropColumns(cases, caseWidths, 4, 5, 6, 7, 8, 9)
	}
	if err := bookTable(f, "Business case", "BusinessCase", cases, caseWidths, st); err != nil {
		return err
	}
	for i, line := range notes {
		if err := f.SetCellValue("Business case", fmt.Sprintf("A%d", len(cases)+2+i), line); err != nil {
			return err
		}
	}

	// Every KPI of the comparison.
	all := [][]bookCellOf{{text("Scenario"), text("Baseline"), text("Period"), text("KPI"), text("KPI code"), text("Baseline mean"), text("Scenario mean"),
		text("Change"), text("Change, CI low"), text("Change, CI high"), text("One future, low"), text("One future, high"), text("Chance lower"), text("Chance higher"), text("Pairs")}}
	// A part year says where it begins or ends ("2026/27 (from 1 July)"), and the whole run
	// how long it is ("10 years"), as in Headlines; a headline KPI has its name there ("Total
	// cost", which the catalogue calls "Spending"), the others the catalogue's, each kind by its
	// label in the scenario (or else the baseline).
	runOf := map[string]*model.Scenario{}
	for _, s := range r.Scenarios {
		runOf[s.Name] = s
	}
	labelOf := map[string]string{}
	for _, h := range HeadlinesOf(r.Baseline, true) {
		labelOf[h.KPI] = h.Label
	}
	for _, d := range r.Rows {
		un := UnitOf(d.KPI)
		u := styleOf(un)
		s := r.Baseline
		if alt, ok := runOf[d.Scenario]; ok {
			s = alt
		}
		label, ok := labelOf[d.KPI]
		if !ok {
			label = kpiLabelIn(sim.CatalogueOf(s, r.Baseline), d.KPI)
		}
		all = append(all, []bookCellOf{text(d.Scenario), text(d.Baseline), text(bookPeriod(s, d.Period)), text(label), text(d.KPI),
			num(d.BaseMean, u), num(d.AltMean, u), change(d.DiffMean, un), change(d.DiffLo, un), change(d.DiffHi, un), change(d.RunLo, un), change(d.RunHi, un),
			num(d.PLower, chance), num(d.PHigher, chance), num(float64(d.N), 0)})
	}
	if _, err := f.NewSheet("All KPIs"); err != nil {
		return err
	}
	allPeriodWidth := 10.0
	if partYears(r.Baseline.Start, r.Baseline.Years) != "" {
		allPeriodWidth = periodWidth
	}
	allWidths := []float64{24, 14, allPeriodWidth, 44, 30, 14, 14, 14, 14, 14, 14, 14, 12, 12, 8}
	if r.Reps == 1 {
		all[0][5], all[0][6] = text("Baseline"), text("Scenario value")
		all, allWidths = dropColumns(all, allWidths, 8, 9, 10, 11, 12, 13)
	}
	if err := bookTable(f, "All KPIs", "AllKPIs", all, allWidths, st); err != nil {
		return err
	}
	if _, err := f.NewSheet("How to read"); err != nil {
		return err
	}
	if err := bookTable(f, "How to read", "HowToRead", about, []float64{28, 120}, st); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// dropColumns returns rows and their column widths without the columns at cols (0-based),
// in new storage.
func dropColumns(rows [][]bookCellOf, widths []float64, cols ...int) ([][]bookCellOf, []float64) {
	out := make([][]bookCellOf, len(rows))
	for i, rec := range rows {
		for j, c := range rec {
			if !slices.Contains(cols, j) {
				out[i] = append(out[i], c)
			}
		}
	}
	var w []float64
	for j, x := range widths {
		if !slices.Contains(cols, j) {
			w = append(w, x)
		}
	}
	return out, w
}

// bookPeriod names period of scenario s's run in a comparison workbook: a part year says where
// it begins or ends ("2026/27 (from 1 July)"), the whole run how long it is ("10 years").
func bookPeriod(s *model.Scenario, period string) string {
	if period == sim.WholeRun {
		return plural(s.Years, "year")
	}
	return YearLabel(s.Start, s.Years, period)
}

// howToRead returns the rows of a comparison workbook's How to read sheet: what was compared,
// the kinds of change and range, the chance better where a sheet has that column
// (chanceBetter), money, extra rows, and the source line. One paired run (oneRun) has no
// range, and the rows say so in place of the ranges'.
func howToRead(compared, level, source string, chanceBetter, oneRun bool, extra [][2]string) [][]bookCellOf {
	text := func(s string) bookCellOf { return bookCellOf{s, 0} }
	rows := [][2]string{
		{"Comparison", compared},
		{"Change", "The strategy's figure less the baseline's, the mean over paired runs: run i of each saw the same children arrive"},
		{"Change, confidence interval", fmt.Sprintf("The %s confidence interval of the mean change: how sure we are of the average effect. It narrows with more runs", level)},
		{"One future", fmt.Sprintf("The middle %s of the paired runs' changes: what the change could be in the one future that happens. It does not narrow with more runs", level)},
		{"Savings", "In the business case, savings to the council are positive, and what the strategy spends more on is positive. " + CaseKey},
		{"Money", "Pounds in cash terms (prices rise with the scenario's inflation each April); the net present value is in the first year's prices, discounted at the stated rate"},
	}
	if oneRun {
		rows = slices.Replace(rows, 1, 4, [2]string{"Change", "The strategy's figure less the baseline's in the one paired run: each saw the same children arrive"},
			[2]string{"Range", "One run gives no range: run at least 20 (--reps 20) for how sure the change is and what it could be in the one future that happens"})
		chanceBetter = false
	}
	if chanceBetter {
		rows = slices.Insert(rows, 4, [2]string{"Chance better", "The share of paired runs in which the strategy does better: lower spending, fewer children in residential care or emergency placements, more carers or first choices"})
	}
	rows = append(append(rows, extra...), [2]string{"Source", source})
	out := [][]bookCellOf{{text("What"), text("How to read it")}}
	for _, r := range rows {
		out = append(out, []bookCellOf{text(r[0]), text(r[1])})
	}
	return out
}

// bookTable writes rows (the first a header) into sheet as an Excel table named name, with
// filters on, a frozen header row and the given column widths.
func bookTable(f *excelize.File, sheet, name string, rows [][]bookCellOf, widths []float64, st bookStyles) error {
	for i, rec := range rows {
		for j, c := range rec {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if c.v != nil {
				if err := f.SetCellValue(sheet, cell, c.v); err != nil {
					return err
				}
			}
			style := c.style
			if i == 0 {
				style = st.head
			}
			if style != 0 {
				if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
					return err
				}
			}
		}
	}
	if err := addTable(f, sheet, name, len(rows[0]), len(rows)); err != nil {
		return err
	}
	return widthsAndHeader(f, sheet, widths)
}

// pricesRow is the How to read row that says which year's prices the baseline's amounts are
// written in (PricesNote), or none when they are its start's.
func pricesRow(s *model.Scenario) [][2]string {
	if note := PricesNote(s); note != "" {
		return [][2]string{{"Prices", note}}
	}
	return nil
}

// grantMemoLabels name the business case's memo rows of the Home Office's UASC grants, by the
// grant's KPI, as the workbooks say them.
var grantMemoLabels = map[string]string{
	sim.UASCGrantNotCounted:            "Not counted (memo): UASC grant, more than the baseline's",
	sim.UASCLeavingCareGrantNotCounted: "Not counted (memo): UASC leaving-care grant, more than the baseline's",
}
