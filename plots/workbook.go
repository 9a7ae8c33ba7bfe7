package plots

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// WriteWorkbook writes results.xlsx, the workbook of a run for finance colleagues, to w: the
// summary of every KPI, the KPIs by financial year side by side with the confidence interval of
// each mean, every replication's KPIs, the monthly time series and the scenario as run, one
// sheet each, with money in pounds, shares in per cent (each KPI's unit from sim's catalogue),
// other figures as counts with thousands separators, months as dates and NA as an empty cell.
// Every sheet but the scenario is an Excel table, with filters. Beside each KPI's code are its
// label and unit from sim's catalogue (sim.CatalogueOf the run's scenario: each kind by its
// label, as the charts and report name it), and what its value over the whole run ("all") is: an
// average, a total, a ratio of totals or the value at the end (also a note on the KPI's cell in
// KPIs by year). Replications holds each replication's KPIs over the whole run; they are split
// over several sheets ("Replications 1", ...) when they would pass Excel's limit of 1,048,576
// rows a sheet.
// summary and series are the text of the run's summary.csv and timeseries.csv (as
// sim.Results.WriteSummary and WriteTimeseries write them), which the Summary and Time series
// sheets show row for row; res gives the KPIs, periods and replications; scenarioYAML is the
// run's scenario.yaml; sets are the changes --set made to its assumptions (Source.Sets). It
// returns an error if summary or series is not such a file.
func WriteWorkbook(w io.Writer, res *sim.Results, summary, series, scenarioYAML []byte, sets []string) error {
	return writeWorkbook(w, res, summary, series, scenarioYAML, sets, excelMaxRows, false)
}

// WriteCouncilWorkbook is WriteWorkbook for a council of a region, whose set: in the region
// file made councilSets (model.Council.Sets) of its scenario's changes: its How to read sheet
// says what they changed that it would otherwise say was set to match a published figure.
func WriteCouncilWorkbook(w io.Writer, res *sim.Results, summary, series, scenarioYAML []byte, sets, councilSets []string) error {
	return writeWorkbookSets(w, res, summary, series, scenarioYAML, sets, councilSets, excelMaxRows, false)
}

// excelMaxRows is the most rows an Excel sheet holds, its header included.
const excelMaxRows = 1_048_576

// WorkbookLevel is the confidence level of the intervals beside the means in the KPIs by year
// sheet.
const WorkbookLevel = 0.9

// AllIs says in words how a KPI's value over the whole run ("all") is formed, from sim's
// catalogue: "average over the run", "total over the run", "ratio of the run's totals" or
// "value at the end of the run"; "" for a name the catalogue does not know.
func AllIs(kpi string) string {
	info, ok := sim.KPIInfo(kpi)
	if !ok {
		return ""
	}
	switch info.Aggregate {
	case sim.Average:
		return "average over the run"
	case sim.Total:
		return "total over the run"
	case sim.RatioOfTotals:
		return "ratio of the run's totals"
	case sim.AtEnd:
		return "value at the end of the run"
	}
	return info.Aggregate.String()
}

// kpiLabel returns the label and unit of kpi from catalogue c (each kind named by its label),
// or the code and "" for a name it does not know.
func kpiLabel(c sim.Catalogue, kpi string) (label, unit string) {
	info, ok := c.KPIInfo(kpi)
	if !ok {
		return kpi, ""
	}
	return info.Label, info.Unit.String()
}

// summaryInterval returns the mean of a KPI that is not a share and the half-width of its
// confidence interval at WorkbookLevel, from its row of summary.csv (scenario, period, kpi,
// mean, sd, percentiles, n): the numbers there read back bit for bit, and are those
// sim.Results.MeanInterval works out from the replications. ok is false when the row does not
// give them (a value NA, fewer than 2 replications): the replications are read then.
func summaryInterval(row []string) (mean, half float64, ok bool) {
	if len(row) < 6 {
		return 0, 0, false
	}
	mean, err1 := strconv.ParseFloat(row[3], 64)
	sd, err2 := strconv.ParseFloat(row[4], 64)
	n, err3 := strconv.Atoi(row[len(row)-1])
	if err1 != nil || err2 != nil || err3 != nil || n < 2 || math.IsNaN(mean) || math.IsInf(mean, 0) || math.IsNaN(sd) || math.IsInf(sd, 0) {
		return 0, 0, false
	}
	return mean, sim.HalfWidth(sd, n, WorkbookLevel), true
}

// writeWorkbook is WriteWorkbook with at most maxRows rows (the header included) on a sheet of
// replications; with perCell, the long sheets' rows go through excelize's StreamWriter.SetRow
// (the same bytes as through a sheetRows, which tests check).
func writeWorkbook(w io.Writer, res *sim.Results, summary, series, scenarioYAML []byte, sets []string, maxRows int, perCell bool) error {
	return writeWorkbookSets(w, res, summary, series, scenarioYAML, sets, nil, maxRows, perCell)
}

// writeWorkbookSets is writeWorkbook of a region's council whose set: made councilSets.
func writeWorkbookSets(w io.Writer, res *sim.Results, summary, series, scenarioYAML []byte, sets, councilSets []string, maxRows int, perCell bool) error {
	sumRows, err := csv.NewReader(bytes.NewReader(summary)).ReadAll()
	if err != nil {
		return fmt.Errorf("summary.csv: %w", err)
	}
	if len(sumRows) == 0 || len(sumRows[0]) < 4 {
		return errors.New("summary.csv: want a header of scenario, period, kpi, mean and more")
	}

	f := excelize.NewFile()
	defer f.Close()
	// The rows of the long sheets, written by sheetRows: the zip writer puts them in place.
	var splices []*splice
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		z := newSortedZip(w).(*sortedZip)
		z.splices = splices
		return z
	})
	st, err := newBookStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	// Summary: summary.csv as it is, numbers formatted by the KPI they measure, with each KPI's
	// label and unit beside its code.
	// A part year's period says where it begins or ends ("2026/27 (from 15 April)"), as the
	// report's tables say it, in a wider column.
	cat := sim.CatalogueOf(res.Scenario)
	yearLabel, periodWidth := func(p string) string { return p }, 10.0
	if sc := res.Scenario; sc != nil && partYears(sc.Start, sc.Years) != "" {
		yearLabel, periodWidth = func(p string) string { return YearLabel(sc.Start, sc.Years, p) }, 24
	}
	// One run has no mean, spread or percentiles of runs: its figure alone, headed as the run's,
	// as a region's workbook heads it.
	oneRun := len(res.Reps) == 1
	labelled := make([][]string, len(sumRows))
	for i, r := range sumRows {
		label, unit := "label", "unit"
		if i > 0 {
			label, unit = kpiLabel(cat, r[2])
		}
		figures := r[3:]
		if oneRun {
			figures = []string{"the run's figure"}
			if i > 0 {
				figures = r[3:4]
			}
		}
		labelled[i] = slices.Concat(r[:3], []string{label, unit}, figures)
		if i > 0 {
			labelled[i][1] = yearLabel(r[1])
		}
	}
	plainCol := len(labelled[0]) - 1 // n, a count of runs
	if oneRun {
		plainCol = -1
	}
	if err := writeSheet(f, "Summary", labelled, st, 2, plainCol, []float64{10, periodWidth, 30, 44, 10, 14, 14, 14, 14, 14, 8}); err != nil {
		return err
	}
	if err := addTable(f, "Summary", "Summary", len(labelled[0]), len(labelled)); err != nil {
		return err
	}

	// KPIs by year: one row per KPI, its label, unit and what "all" is, then for each period the
	// mean and the confidence interval of the mean.
	if _, err := f.NewSheet("KPIs by year"); err != nil {
		return err
	}
	periods := res.Periods
	pct := Percent(WorkbookLevel)
	head := []string{"kpi", "label", "unit", "all is"}
	for _, p := range periods {
		// Named for what they are: a finance reader would take a bare "90% low" for the
		// range of outcomes, which Summary's p05 and p95 give.
		// A part year says where it begins or ends ("2028/29 (to 14 April)").
		p = yearLabel(p)
		if oneRun { // one run gives no interval: the run's figure alone
			head = append(head, p)
			continue
		}
		head = append(head, p, p+" low ("+pct+" interval of the mean)", p+" high ("+pct+" interval of the mean)")
	}
	wide := [][]string{head}
	// Each KPI's summary row by period: its mean, and the mean, sd and n that give the interval.
	means := map[string]map[string][]string{}
	for _, r := range sumRows[1:] {
		if means[r[2]] == nil {
			means[r[2]] = map[string][]string{}
		}
		means[r[2]][r[1]] = r
	}
	num := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "NA"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	for k, kpi := range res.KPIs {
		label, unit := kpiLabel(cat, kpi)
		row := []string{kpi, label, unit, AllIs(kpi)}
		_, share := res.RatioOf(k)
		for p, period := range periods {
			sum := means[kpi][period]
			lo, hi := "NA", "NA"
			if len(res.Reps) > 1 {
				mean, half, ok := summaryInterval(sum)
				if share || !ok {
					mean, half, _ = res.MeanInterval(p, k, WorkbookLevel)
				}
				lo, hi = num(mean-half), num(mean+half)
			}
			m := ""
			if len(sum) > 3 {
				m = sum[3]
			}
			if oneRun {
				row = append(row, m)
				continue
			}
			row = append(row, m, lo, hi)
		}
		wide = append(wide, row)
	}
	widths := []float64{30, 44, 10, 24}
	for range periods {
		widths = append(widths, 14)
		if !oneRun {
			widths = append(widths, 20, 20)
		}
	}
	if err := writeSheet(f, "KPIs by year", wide, st, 0, -1, widths); err != nil {
		return err
	}
	if err := addTable(f, "KPIs by year", "KPIsByYear", len(head), len(wide)); err != nil {
		return err
	}
	for i, kpi := range res.KPIs {
		all := AllIs(kpi)
		if all == "" {
			continue
		}
		label, unit := kpiLabel(cat, kpi)
		text := fmt.Sprintf("%s (%s). Over the whole run (all), the %s.", label, unit, all)
		if err := f.AddComment("KPIs by year", excelize.Comment{Cell: "A" + strconv.Itoa(i+2), Author: "placesim", Text: text}); err != nil {
			return err
		}
	}

	// One run's time series is its figures alone: the columns of percentiles of runs, each
	// the same figure, are left out, and its column is headed as the run's.
	if oneRun {
		if series, err = oneRunSeries(series); err != nil {
			return err
		}
	}

	// Replications: every replication's KPIs over the whole run, a row each.
	if err := writeReplications(f, res, st, maxRows, perCell, &splices); err != nil {
		return err
	}

	// Time series: timeseries.csv, streamed (it is long), dates as dates.
	if _, err := f.NewSheet("Time series"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Time series")
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 2, 12); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 3, 34); err != nil {
		return err
	}
	// The rows are read one at a time, as they are written: held all at once, they would take
	// twice the memory of their text.
	rows, cols := 0, 0
	fast := false
	if !perCell {
		var head []string
		var tsRows *sheetRows
		if head, tsRows, rows, err = seriesRows(series, st); err != nil {
			return err
		}
		if tsRows != nil {
			fast, cols = true, len(head)
			cells := make([]any, len(head))
			for j, v := range head {
				cells[j] = excelize.Cell{StyleID: st.head, Value: v}
			}
			if err := sw.SetRow("A1", cells); err != nil {
				return err
			}
			if rows > 1 {
				mark := rowsMark("TimeSeries")
				if err := sw.SetRow("A2", []any{mark}); err != nil {
					return err
				}
				splices = append(splices, &splice{mark: []byte(mark), rows: tsRows.b})
			}
		}
	}
	if !fast {
		if rows, cols, err = seriesCells(sw, series, st); err != nil {
			return err
		}
	}
	if rows > 0 && cols > 0 {
		last, err := excelize.CoordinatesToCellName(cols, max(rows, 2))
		if err != nil {
			return err
		}
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "TimeSeries", StyleName: tableStyle, ShowRowStripes: &stripes}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}

	// Scenario: scenario.yaml, a line a row.
	if _, err := f.NewSheet("Scenario"); err != nil {
		return err
	}
	if err := f.SetColWidth("Scenario", "A", "A", 120); err != nil {
		return err
	}
	// The yaml-language-server line is for editors; the sheet starts with the run's own header.
	if first, rest, ok := bytes.Cut(scenarioYAML, []byte("\n")); ok && bytes.HasPrefix(first, []byte("# yaml-language-server:")) {
		scenarioYAML = rest
	}
	for i, line := range strings.Split(strings.TrimRight(string(scenarioYAML), "\n"), "\n") {
		if err := f.SetCellStr("Scenario", "A"+strconv.Itoa(i+1), line); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle("Scenario", "A1", "A"+strconv.Itoa(strings.Count(string(scenarioYAML), "\n")+1), st.mono); err != nil {
		return err
	}
	// How to read: what the columns are, as a comparison's workbook says.
	if _, err := f.NewSheet("How to read"); err != nil {
		return err
	}
	about := [][]string{
		{"What", "How to read it"},
		{"Replications", fmt.Sprintf("%s of the scenario on seed %d, each a future that could happen. The Replications sheet numbers them from 0; placesim's messages count them from 1 (replication 0 is run 1)", plural(len(res.Reps), "run"), res.Seed)},
		{"Summary: mean, sd", "The mean of a KPI over the runs, and its standard deviation from run to run. For a share (a KPI whose unit is share) the mean is the ratio of the totals over every run, all the runs' numerators over all their denominators, not the mean of the runs' own shares; its sd, percentiles and n are of the runs' own shares (n counts the runs that have one)"},
		{"Summary: p05, p50, p95", "The 5th, 50th and 95th percentiles of single runs: 9 runs in 10 fall between p05 and p95. This is the range of what could happen in one future"},
		{"KPIs by year: a period's column", "The mean over the runs of the KPI in that financial year, for a share the ratio of the totals over every run, as in Summary (all: over the whole run, as \"all is\" says)"},
		{"KPIs by year: low and high", fmt.Sprintf("The %s confidence interval of the mean: Student's t with n - 1 degrees of freedom, mean ± t × sd / √n over the n runs; for a share, the same about the ratio of totals by the delta method, with the sd of each run's (numerator - ratio × denominator) / mean denominator. It says how sure we are of the average, and narrows with more runs. It is not the range of outcomes: see Summary's p05 and p95 for that", pct)},
		{"Money", "Pounds in cash terms: prices rise with the scenario's inflation each April"},
	}
	if oneRun {
		// One run: its figures, with no mean, spread, percentiles or interval of runs.
		about = [][]string{
			{"What", "How to read it"},
			{"Replication", fmt.Sprintf("One run of the scenario on seed %d, a future that could happen. The Replications sheet numbers it 0; placesim's messages call it run 1", res.Seed)},
			{"Summary: the run's figure", "A KPI's figure in the one run, for a share the ratio of its totals. One run gives no mean, spread or range of what could happen: run at least 20 (--reps 20) for them"},
			{"KPIs by year: a period's column", "The run's figure of the KPI in that financial year, as in Summary (all: over the whole run, as \"all is\" says)"},
			about[len(about)-1],
		}
	}
	if res.Scenario != nil {
		if note := PricesNote(res.Scenario); note != "" {
			about[len(about)-1][1] += ". " + note
		}
		for _, r := range HowToRead(res.Scenario) {
			about = append(about, []string{r[0], r[1]})
		}
		for _, r := range siblingOnlyRows(res.Scenario, filledFromResults(res, strconv.Quote(res.Scenario.Name)), sets, councilSets) {
			about = append(about, []string{r[0], r[1]})
		}
	}
	about = append(about,
		[]string{"Children in care at 31 March with 3 or more placements in the year (three_plus_moves_share)", ThreePlusMovesNote},
		[]string{"Counts at the year's end (carer_households_end)", "A count on the year's last day, not a flow: its \"all\" is the run's last day, the last year's figure, not a figure a year"})
	if len(sets) > 0 {
		about = append(about, []string{"Changed by --set", "This run changed the scenario with --set " + strings.Join(sets, ", --set ") +
			": it is not the scenario file's baseline. The Scenario sheet marks each changed value with a comment \"# --set\""})
	}
	if err := writeSheet(f, "How to read", about, st, 0, -1, []float64{32, 120}); err != nil {
		return err
	}
	if err := addTable(f, "How to read", "HowToRead", len(about[0]), len(about)); err != nil {
		return err
	}
	// Summary, the first sheet, is the active one from the start: SetActiveSheet would read
	// every sheet back, the streamed ones included, to mark it.
	_, err = f.WriteTo(w)
	return err
}

// oneRunSeries returns the text of the timeseries.csv of one run (scenario, date, metric,
// mean and percentiles) with its first four columns alone, the mean headed "the run's figure".
func oneRunSeries(series []byte) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(series))
	r.ReuseRecord = true
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("timeseries.csv: %w", err)
		}
		if len(rec) < 4 {
			return nil, errors.New("timeseries.csv: want a header of scenario, date, metric, mean and more")
		}
		if i == 0 {
			rec[3] = "the run's figure"
		}
		if err := w.Write(rec[:4]); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// ReplicationColumn heads the column of replication numbers on a workbook's Replications
// sheets: from 0, as kpis.csv numbers them, where placesim's messages count from 1.
const ReplicationColumn = "replication (from 0)"

// bookStyles are the cell styles of the workbook, with the style of each KPI's or metric's
// numbers as bookCell found it (a workbook's cells name the same few hundred many times over).
type bookStyles struct {
	head, money, share, count, date, mono int
	byName                                map[string]int
}

// numberStyle returns the style of the numbers of the KPI or metric name.
func (st bookStyles) numberStyle(name string) int {
	if style, ok := st.byName[name]; ok {
		return style
	}
	style := st.count
	switch UnitOf(name) {
	case Money:
		style = st.money
	case Share:
		style = st.share
	}
	if st.byName != nil {
		st.byName[name] = style
	}
	return style
}

// newBookStyles adds the workbook's cell styles to f.
func newBookStyles(f *excelize.File) (bookStyles, error) {
	st := bookStyles{byName: map[string]int{}}
	pounds, share, count, date := `"£"#,##0`, "0.0%", "#,##0.0", "yyyy-mm-dd"
	for _, s := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "bottom", Color: "666666", Style: 1}}}},
		{&st.money, &excelize.Style{CustomNumFmt: &pounds}},
		{&st.share, &excelize.Style{CustomNumFmt: &share}},
		{&st.count, &excelize.Style{CustomNumFmt: &count}},
		{&st.date, &excelize.Style{CustomNumFmt: &date}},
		{&st.mono, &excelize.Style{Font: &excelize.Font{Family: "Consolas"}}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// bookCell returns the cell for value v in column j of rec, a row whose name (a KPI or metric)
// is in column nameCol: text up to the name, then a number formatted as what the name
// measures (or as a plain count in column plainCol, when it is not -1), or a blank for NA.
func bookCell(v string, j int, rec []string, nameCol, plainCol int, st bookStyles) any {
	if v == "NA" {
		return nil
	}
	if j <= nameCol || !mayBeNumber(v) {
		return v
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	if j == plainCol {
		return x
	}
	return excelize.Cell{StyleID: st.numberStyle(rec[nameCol]), Value: x}
}

// mayBeNumber reports whether strconv.ParseFloat may take v: false for text that cannot be a
// number (a label, a unit, an empty cell), whose failed parse would cost an error value each.
// ParseFloat takes only text that begins with a digit, a sign or a point, or is an infinity
// or NaN (inf, infinity, nan in any case).
func mayBeNumber(v string) bool {
	if v == "" {
		return false
	}
	switch c := v[0]; {
	case c >= '0' && c <= '9', c == '+', c == '-', c == '.', c == 'i', c == 'I', c == 'n', c == 'N':
		return true
	}
	return false
}

// writeSheet writes rows (the first a header) into sheet, numbers formatted as bookCell says, with
// a frozen header row and the given column widths.
func writeSheet(f *excelize.File, sheet string, rows [][]string, st bookStyles, nameCol, plainCol int, widths []float64) error {
	for i, rec := range rows {
		for j, v := range rec {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			var value any = v
			style := st.head
			if i > 0 {
				value, style = bookCell(v, j, rec, nameCol, plainCol, st), 0
				if c, ok := value.(excelize.Cell); ok {
					value, style = c.Value, c.StyleID
				}
			}
			if err := f.SetCellValue(sheet, cell, value); err != nil {
				return err
			}
			if style != 0 {
				if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
					return err
				}
			}
		}
	}
	return widthsAndHeader(f, sheet, widths)
}

// widthsAndHeader gives sheet's columns the widths given, from the first, and freezes its
// header row.
func widthsAndHeader(f *excelize.File, sheet string, widths []float64) error {
	for j, w := range widths {
		col, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// tableStyle is the style of the workbooks' Excel tables, the same in a run's and a
// comparison's.
const tableStyle = "TableStyleLight9"

var stripes = true

// addTable makes the cols columns and rows rows (the header included) at the top left of sheet
// an Excel table called name, with filters on its header.
func addTable(f *excelize.File, sheet, name string, cols, rows int) error {
	last, err := excelize.CoordinatesToCellName(cols, max(rows, 2))
	if err != nil {
		return err
	}
	return f.AddTable(sheet, &excelize.Table{Range: "A1:" + last, Name: name, StyleName: tableStyle, ShowRowStripes: &stripes})
}

// writeReplications writes each replication's KPIs over the whole run, a row for each
// replication and a column for each KPI, on sheets of at most maxRows rows each (the header
// included): one sheet "Replications" when they fit, otherwise "Replications 1", "Replications
// 2" and so on, each an Excel table. The financial years' values of each replication are left to
// kpis.csv: with them the sheet would be eleven times as long for a 10-year run, and the
// workbook twelve times as large and slow to write.
//
// Unless perCell, the rows are written by a sheetRows, to be put in place by the zip writer
// (added to splices).
func writeReplications(f *excelize.File, res *sim.Results, st bookStyles, maxRows int, perCell bool, splices *[]*splice) error {
	periods := []int{}
	if len(res.Periods) > 0 {
		periods = append(periods, len(res.Periods)-1) // the whole run, the last period
	}
	repsPerSheet := (maxRows - 1) / max(len(periods), 1)
	if repsPerSheet < 1 {
		return fmt.Errorf("plots: a sheet of %d rows cannot hold a replication", maxRows)
	}
	sheets := max((len(res.Reps)+repsPerSheet-1)/repsPerSheet, 1)
	styles := make([]int, len(res.KPIs))
	for k, kpi := range res.KPIs {
		styles[k] = st.count
		switch UnitOf(kpi) {
		case Money:
			styles[k] = st.money
		case Share:
			styles[k] = st.share
		}
	}
	for s := range sheets {
		name, table := "Replications", "Replications"
		if sheets > 1 {
			name, table = fmt.Sprintf("Replications %d", s+1), fmt.Sprintf("Replications%d", s+1)
		}
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		if err := sw.SetColWidth(1, 2, 12); err != nil {
			return err
		}
		if len(res.KPIs) > 0 {
			if err := sw.SetColWidth(3, 2+len(res.KPIs), 16); err != nil {
				return err
			}
		}
		// Each KPI's number format is its column's, so that a cell is its value alone: the
		// sheet is long, and a style on each cell would make it slower to write and larger.
		for k, style := range styles {
			if err := sw.SetColStyle(3+k, 3+k, style); err != nil {
				return err
			}
		}
		head := []any{excelize.Cell{StyleID: st.head, Value: ReplicationColumn}, excelize.Cell{StyleID: st.head, Value: "period"}}
		for _, kpi := range res.KPIs {
			head = append(head, excelize.Cell{StyleID: st.head, Value: kpi})
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		row := 2
		kpis := make([]float64, len(res.Periods)*len(res.KPIs))
		first, end := min(s*repsPerSheet, len(res.Reps)), min((s+1)*repsPerSheet, len(res.Reps))
		if !perCell && end > first && len(periods) > 0 {
			rows, err := replicationRows(res, periods, styles, first, end, kpis)
			if err != nil {
				return err
			}
			if rows != nil {
				mark := rowsMark(table)
				if err := sw.SetRow("A2", []any{mark}); err != nil {
					return err
				}
				*splices = append(*splices, &splice{mark: []byte(mark), rows: rows.b})
				row += (end - first) * len(periods)
				first = end // the rows are written
			}
		}
		for pos := first; pos < end; pos++ {
			rep := &res.Reps[pos]
			if err := res.KPIRows(pos, 0, len(res.Periods), kpis); err != nil {
				return err
			}
			for _, p := range periods {
				cells := make([]any, 2+len(res.KPIs))
				cells[0], cells[1] = rep.Index, res.Periods[p]
				for k := range res.KPIs {
					if v := kpis[p*len(res.KPIs)+k]; !math.IsNaN(v) {
						cells[2+k] = v
					}
				}
				if err := sw.SetRow("A"+strconv.Itoa(row), cells); err != nil {
					return err
				}
				row++
			}
		}
		last, err := excelize.CoordinatesToCellName(2+len(res.KPIs), max(row-1, 2))
		if err != nil {
			return err
		}
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: table, StyleName: tableStyle, ShowRowStripes: &stripes}); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// sortedZip is a zip writer that writes its files in order of their names when it is closed.
// excelize writes streamed sheets in the order of a map, which varies from run to run; in name
// order the same workbook is the same bytes. Each file is compressed as it is written, and
// only its compressed bytes are held until Close: a sheet's XML is five to seven times its
// compressed size (the default county's 1,000 replications hold 15 MB of XML, 2.5 MB
// compressed). Close writes each file as archive/zip's Create would have, the same bytes.
type sortedZip struct {
	zw    *zip.Writer
	files map[string]*zipEntry
	open  *zipEntry // the file being written; excelize writes one file whole, then the next
	// splices are the rows of the sheets written by a sheetRows, each to take the place of
	// its placeholder row in a worksheet's XML.
	splices []*splice
}

// zipEntry is a file of a sortedZip, compressed as it is written.
type zipEntry struct {
	packed bytes.Buffer
	fw     *flate.Writer
	crc    hash.Hash32
	size   uint64
	err    error
	// splices are the sortedZip's, for a worksheet.
	splices []*splice
}

// zipLevel is the workbook's compression level: the sheets' XML is repetitive, and at level 2
// the default county's workbook is 15% larger than at the default level and takes a third of
// the time to compress (90 ms of 250).
const zipLevel = 2

// zipFlates holds compressors for the next workbook's files: each holds about 1 MB of
// tables.
var zipFlates sync.Pool

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{zw: zip.NewWriter(w), files: map[string]*zipEntry{}}
}

// Create returns the writer of the file name's content.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, ok := z.files[name]; ok {
		return nil, fmt.Errorf("plots: workbook: %s written twice", name)
	}
	if z.open != nil {
		// Its compressor is done with, and serves the next file.
		if err := z.open.close(); err != nil {
			return nil, err
		}
	}
	e := &zipEntry{crc: crc32.NewIEEE()}
	if strings.HasPrefix(name, "xl/worksheets/") {
		e.splices = z.splices
	}
	if fw, ok := zipFlates.Get().(*flate.Writer); ok {
		fw.Reset(&e.packed)
		e.fw = fw
	} else if e.fw, e.err = flate.NewWriter(&e.packed, zipLevel); e.err != nil {
		return nil, e.err
	}
	z.files[name] = e
	z.open = e
	return e, nil
}

func (e *zipEntry) Write(b []byte) (int, error) {
	for _, sp := range e.splices {
		if sp.done {
			continue
		}
		// excelize writes a streamed sheet's XML in one piece: the placeholder row is whole.
		if before, after, ok := sp.cut(b); ok {
			sp.done = true
			if _, err := e.Write(before); err != nil {
				return 0, err
			}
			if _, err := e.write(sp.rows); err != nil {
				return 0, err
			}
			if _, err := e.Write(after); err != nil {
				return 0, err
			}
			return len(b), nil
		}
	}
	return e.write(b)
}

// write compresses b.
func (e *zipEntry) write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	if e.fw == nil {
		return 0, errors.New("plots: workbook: a file written after the next was begun")
	}
	e.crc.Write(b)
	e.size += uint64(len(b))
	n, err := e.fw.Write(b)
	e.err = err
	return n, err
}

// close ends the file's compressed stream and gives its compressor back.
func (e *zipEntry) close() error {
	if e.fw == nil {
		return e.err
	}
	if err := e.fw.Close(); err != nil && e.err == nil {
		e.err = err
	}
	zipFlates.Put(e.fw)
	e.fw = nil
	return e.err
}

// AddFS adds the files of fsys as they are, before those created.
func (z *sortedZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

// Close writes the files in order of their names and closes the archive.
func (z *sortedZip) Close() error {
	for _, e := range z.files {
		if err := e.close(); err != nil {
			return err
		}
	}
	for _, sp := range z.splices {
		if !sp.done {
			return errSpliceMissing
		}
	}
	for _, name := range slices.Sorted(maps.Keys(z.files)) {
		e := z.files[name]
		// The header archive/zip's Create makes, with the file's checksum and sizes: the
		// local header then leaves them to the data descriptor after the data, as Create's
		// does.
		fh := &zip.FileHeader{
			Name: name, Method: zip.Deflate, Flags: 0x8,
			CreatorVersion: 20, ReaderVersion: 20,
			CRC32: e.crc.Sum32(), CompressedSize64: uint64(e.packed.Len()), UncompressedSize64: e.size,
		}
		w, err := z.zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := w.Write(e.packed.Bytes()); err != nil {
			return err
		}
		e.packed = bytes.Buffer{}
	}
	return z.zw.Close()
}

// seriesCells writes timeseries.csv's text series into the Time series sheet through sw, a
// cell at a time, dates as dates, and returns its rows (the header included) and columns.
func seriesCells(sw *excelize.StreamWriter, series []byte, st bookStyles) (rows, cols int, err error) {
	// A month's date is parsed once for all its rows.
	var date string
	var dateCell any
	seriesCSV := csv.NewReader(bytes.NewReader(series))
	seriesCSV.ReuseRecord = true
	for i := 0; ; i++ {
		rec, err := seriesCSV.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, fmt.Errorf("timeseries.csv: %w", err)
		}
		if i == 0 {
			cols = len(rec)
		}
		rows++
		cells := make([]any, len(rec))
		for j, v := range rec {
			if i == 0 {
				cells[j] = excelize.Cell{StyleID: st.head, Value: v}
				continue
			}
			if j == 1 {
				if v != date || dateCell == nil {
					date, dateCell = v, bookCell(v, j, rec, 2, -1, st)
					if t, err := time.Parse("2006-01-02", v); err == nil {
						dateCell = excelize.Cell{StyleID: st.date, Value: t}
					}
				}
				cells[j] = dateCell
				continue
			}
			cells[j] = bookCell(v, j, rec, 2, -1, st)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+1), cells); err != nil {
			return 0, 0, err
		}
	}
	return rows, cols, nil
}
