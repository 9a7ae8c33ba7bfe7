package plots

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// WriteWorkbook writes results.xlsx, the workbook of a run for finance colleagues, to w: the
// summary of every KPI, the KPIs by financial year side by side, the monthly time series and
// the scenario as run, one sheet each, with money in pounds, shares in per cent (each KPI's
// unit from sim's catalogue), other figures as counts with thousands separators, months as
// dates and NA as an empty cell. summary and series are the text of the run's summary.csv and
// timeseries.csv (as sim.Results.WriteSummary and WriteTimeseries write them), which the
// Summary and Time series sheets show row for row; res gives the KPIs and periods of the KPIs
// by year sheet, in order; scenarioYAML is the run's scenario.yaml. It returns an error if
// summary or series is not such a file.
func WriteWorkbook(w io.Writer, res *sim.Results, summary, series, scenarioYAML []byte) error {
	sumRows, err := csv.NewReader(bytes.NewReader(summary)).ReadAll()
	if err != nil {
		return fmt.Errorf("summary.csv: %w", err)
	}
	if len(sumRows) == 0 || len(sumRows[0]) < 4 {
		return errors.New("summary.csv: want a header of scenario, period, kpi, mean and more")
	}
	seriesRows, err := csv.NewReader(bytes.NewReader(series)).ReadAll()
	if err != nil {
		return fmt.Errorf("timeseries.csv: %w", err)
	}

	f := excelize.NewFile()
	defer f.Close()
	st, err := newBookStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	// Summary: summary.csv as it is, numbers formatted by the KPI they measure.
	if err := writeSheet(f, "Summary", sumRows, st, 2, len(sumRows[0])-1, []float64{10, 10, 30, 14, 14, 14, 14, 14, 8}); err != nil {
		return err
	}

	// KPIs by financial year: one row per KPI, one column per period, the mean.
	if _, err := f.NewSheet("KPIs by year"); err != nil {
		return err
	}
	periods := res.Periods
	head := append([]string{"kpi"}, periods...)
	wide := [][]string{head}
	means := map[string]map[string]string{}
	for _, r := range sumRows[1:] {
		if means[r[2]] == nil {
			means[r[2]] = map[string]string{}
		}
		means[r[2]][r[1]] = r[3]
	}
	for _, k := range res.KPIs {
		row := []string{k}
		for _, p := range periods {
			row = append(row, means[k][p])
		}
		wide = append(wide, row)
	}
	widths := []float64{30}
	for range periods {
		widths = append(widths, 14)
	}
	if err := writeSheet(f, "KPIs by year", wide, st, 0, -1, widths); err != nil {
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
	for i, rec := range seriesRows {
		cells := make([]any, len(rec))
		for j, v := range rec {
			if i == 0 {
				cells[j] = excelize.Cell{StyleID: st.head, Value: v}
				continue
			}
			cells[j] = bookCell(v, j, rec, 2, -1, st)
			if j == 1 {
				if t, err := time.Parse("2006-01-02", v); err == nil {
					cells[j] = excelize.Cell{StyleID: st.date, Value: t}
				}
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+1), cells); err != nil {
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
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// bookStyles are the cell styles of the workbook.
type bookStyles struct{ head, money, share, count, date, mono int }

// newBookStyles adds the workbook's cell styles to f.
func newBookStyles(f *excelize.File) (bookStyles, error) {
	var st bookStyles
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
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || j <= nameCol {
		return v
	}
	if j == plainCol {
		return x
	}
	style := st.count
	switch UnitOf(rec[nameCol]) {
	case Money:
		style = st.money
	case Share:
		style = st.share
	}
	return excelize.Cell{StyleID: style, Value: x}
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
