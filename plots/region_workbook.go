package plots

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// WriteRegionWorkbook writes the results.xlsx of a region's run to w: the councils' headline
// figures side by side with the region's (Councils), the region's summary.csv with each KPI's
// label and unit (Summary), each replication's headline figures over the whole run for each
// council and the region, as kpis.csv holds them (totals such as spending over the whole run;
// Replications), the monthly headline metrics of each council and every
// metric of the region from timeseries.csv (Time series), and the region's councils, zones and
// providers (Region). Every sheet is an Excel table, with filters, whose first column is the
// council ("region" for the region as a whole); numbers are formatted as WriteWorkbook formats
// them. Each council's own workbook, in its folder, holds the rest of its figures. A sheet that
// would pass Excel's limit of rows goes on over more sheets ("Summary 2", ...). summary and
// series are the text of the region's summary.csv and timeseries.csv (as
// sim.RegionResults.WriteSummary and WriteTimeseries write them).
func WriteRegionWorkbook(w io.Writer, rr *sim.RegionResults, summary, series []byte) error {
	return writeRegionWorkbook(w, rr, bytes.NewReader(summary), bytes.NewReader(series), excelMaxRows)
}

// WriteRegionWorkbookFrom is WriteRegionWorkbook reading the region's summary.csv and
// timeseries.csv from readers, so that a region of many councils need not hold its
// timeseries.csv in memory whole: the workbook keeps only the rows it shows.
func WriteRegionWorkbookFrom(w io.Writer, rr *sim.RegionResults, summary, series io.Reader) error {
	return writeRegionWorkbook(w, rr, summary, series, excelMaxRows)
}

func writeRegionWorkbook(w io.Writer, rr *sim.RegionResults, summary, series io.Reader, maxRows int) error {
	sumRows, err := csv.NewReader(summary).ReadAll()
	if err != nil {
		return fmt.Errorf("summary.csv: %w", err)
	}
	if len(sumRows) == 0 || len(sumRows[0]) < 5 || sumRows[0][0] != "council" {
		return errors.New("summary.csv: want a header of council, scenario, period, kpi, mean and more")
	}
	monthly, err := workbookSeries(series)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	st, err := newBookStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Councils"); err != nil {
		return err
	}

	// Councils: the report's table, a row for each council and measure.
	fig := NewRegionFigures(rr)
	// Each council's KPIs are labelled by its own kinds' labels; the region's by the union's.
	cats := map[string]sim.Catalogue{}
	names := rr.CouncilNames()
	for i, res := range rr.Each() {
		if i < len(names) {
			cats[names[i]] = sim.CatalogueOf(res.Scenario)
		}
	}
	every := sim.CatalogueOf(rr.Total.Scenario)
	catOf := func(council string) sim.Catalogue {
		if c, ok := cats[council]; ok {
			return c
		}
		return every
	}
	// Its figure is the mean of the runs (a share's the ratio of totals), as the report's table
	// and summary.csv give it, with the range of 9 runs in 10.
	// One run gives no range: its figure alone, headed as the run's.
	oneRun := len(rr.Total.Reps) == 1
	rows := [][]string{{"council", "kpi", "label", "unit", "mean", "p05", "p95"}}
	widths := []float64{16, 28, 30, 10, 14, 14, 14}
	if oneRun {
		rows, widths = [][]string{{"council", "kpi", "label", "unit", "the run's figure"}}, widths[:5]
	}
	for i, c := range fig.Councils {
		for j, kpi := range fig.KPIs {
			_, unit := kpiLabel(every, kpi)
			s := fig.Stats[i][j]
			row := []string{c, kpi, fig.Labels[j], unit, num(s.Mean), num(s.Percentiles[0]), num(s.Percentiles[2])}
			if oneRun {
				row = row[:5]
			}
			rows = append(rows, row)
		}
	}
	if err := writeSheet(f, "Councils", rows, st, 1, -1, widths); err != nil {
		return err
	}
	if err := addTable(f, "Councils", "Councils", len(rows[0]), len(rows)); err != nil {
		return err
	}

	// Summary: summary.csv with each KPI's label and unit beside its code; a part year's period
	// says where it begins or ends ("2026/27 (from 15 April)"), as the report's tables say it,
	// in a wider column.
	periodWidth := 10.0
	part := rr.Region != nil && partYears(rr.Region.Start, rr.Region.Years) != ""
	if part {
		periodWidth = 24
	}
	labelled := make([][]string, len(sumRows))
	for i, r := range sumRows {
		label, unit := "label", "unit"
		if i > 0 {
			label, unit = kpiLabel(catOf(r[0]), r[3])
			if r[0] == sim.RegionTotal {
				label = sim.RegionTotalLabel(r[3], label)
			}
		}
		figures := r[4:]
		if oneRun { // one run: its figure alone, as Councils heads it
			figures = []string{"the run's figure"}
			if i > 0 {
				figures = r[4:5]
			}
		}
		labelled[i] = slices.Concat(r[:4], []string{label, unit}, figures)
		if i > 0 && part {
			labelled[i][2] = YearLabel(rr.Region.Start, rr.Region.Years, r[2])
		}
	}
	plainCol := len(labelled[0]) - 1 // n, a count of runs
	if oneRun {
		plainCol = -1
	}
	if err := streamSheets(f, "Summary", labelled, st, 3, plainCol, -1, nil, []float64{16, 12, periodWidth, 30, 44, 10}, maxRows); err != nil {
		return err
	}

	// Replications: each council's (and the region's) headline figures over the whole run, a
	// row for each replication: as kpis.csv and the scenario workbook's Replications hold them,
	// totals such as spending over the whole run, not a year's worth as in Councils.
	head := []string{"council", ReplicationColumn}
	head = append(head, fig.KPIs...)
	reps := [][]string{head}
	for i, res := range rr.Each() {
		all := len(res.Periods) - 1
		kpis := make([]float64, len(res.KPIs))
		for pos, rep := range res.Reps {
			if err := res.KPIRows(pos, all, all+1, kpis); err != nil {
				return err
			}
			row := []string{fig.Councils[i], strconv.Itoa(rep.Index)}
			for _, kpi := range fig.KPIs {
				v := math.NaN()
				if k := slices.Index(res.KPIs, kpi); k >= 0 {
					v = kpis[k]
				}
				row = append(row, num(v))
			}
			reps = append(reps, row)
		}
	}
	if err := streamSheets(f, "Replications", reps, st, -1, 1, -1, nil, []float64{16, 12, 16, 16, 16, 16, 16, 16}, maxRows); err != nil {
		return err
	}

	// Time series: the headline metrics of each council, every metric of the region; of one
	// run, its figure alone, without the percentiles of runs.
	if oneRun {
		for i, r := range monthly {
			if len(r) > 5 {
				monthly[i] = r[:5]
			}
		}
		if len(monthly) > 0 && len(monthly[0]) == 5 {
			monthly[0][4] = "the run's figure"
		}
	}
	if err := streamSheets(f, "Time series", monthly, st, 3, -1, 2, nil, []float64{16, 12, 12, 34}, maxRows); err != nil {
		return err
	}

	// Region: the councils and the providers of the shared markets.
	reg := rr.Region
	zone := func(z int) string {
		if z >= 0 && z < len(reg.Zones) {
			return reg.Zones[z].Name
		}
		return strconv.Itoa(z)
	}
	def := [][]string{{"council", "zone", "scenario", "market", "provider", "places at the start", "growth a year"}}
	for _, c := range reg.Councils {
		name := c.ScenarioName // the scenario it runs; its Scenario takes its own name
		if name == "" && c.Scenario != nil {
			name = c.Scenario.Name
		}
		def = append(def, []string{c.Name, zone(c.Zone), name, "", "", "", ""})
	}
	for _, m := range reg.Markets {
		for _, p := range m.Providers {
			def = append(def, []string{"", zone(p.Zone), "", m.Kind, p.Name, strconv.Itoa(p.Places), num(p.GrowthPerYear)})
		}
	}
	if err := streamSheets(f, "Region", def, st, -1, -1, -1, nil, []float64{16, 20, 24, 24, 24, 12, 12}, maxRows); err != nil {
		return err
	}

	// How to read: how the money reads, each council's prices where they are another year's.
	if _, err := f.NewSheet("How to read"); err != nil {
		return err
	}
	about := [][]string{{"What", "How to read it"}, {"Money", RegionMoneyTerms(reg)},
		{"Councils: mean, p05, p95", "Each council's headline figures and the region's over the whole run, as the region's report gives them: spending and emergency placements a year's worth, the others an average day. mean is the mean of the runs (for a share, the ratio of the totals over every run, as Summary gives it); 9 runs in 10 fall between p05 and p95"}}
	if oneRun {
		about[2] = []string{"Councils: the run's figure", "Each council's headline figures and the region's over the whole run, as the region's report gives them: spending and emergency placements a year's worth, the others an average day. One run gives no range"}
	}
	if err := writeSheet(f, "How to read", about, st, 0, -1, []float64{32, 120}); err != nil {
		return err
	}
	if err := addTable(f, "How to read", "HowToRead", len(about[0]), len(about)); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// workbookSeries returns the rows of a region's timeseries.csv text that its workbook shows:
// the header, the headline metrics of each council (regionSeries) and every metric of the
// region. It reads the rows one at a time, keeping those alone: the file of a region of many
// councils is hundreds of MB.
func workbookSeries(series io.Reader) ([][]string, error) {
	r := csv.NewReader(series)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil || len(head) < 5 || head[0] != "council" {
		return nil, errors.New("timeseries.csv: want a header of council, scenario, date, metric, mean and more")
	}
	head = slices.Clone(head) // the reader writes its next record over this one (ReuseRecord)
	r.FieldsPerRecord = len(head)
	rows := [][]string{head}
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("timeseries.csv: %w", err)
		}
		if row[0] == sim.RegionTotal || slices.Contains(regionSeries, row[3]) {
			rows = append(rows, slices.Clone(row))
		}
	}
}

// regionSeries are the monthly metrics of each council that a region's workbook shows.
var regionSeries = []string{sim.ChildrenInCare, sim.EmergencyPlacements, sim.ChildrenOutOfArea, sim.ChildrenPlacedDistant, sim.CostTotal}

// num writes v for a sheet: in full, or NA.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "NA"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// streamSheets streams rows (the first a header) into sheet, or, when they pass maxRows, into
// "sheet 1", "sheet 2"... each with the header, as Excel tables named after the sheet. Numbers
// are formatted as bookCell says (by the name in nameCol, or plain in plainCol), column
// dateCol's as dates; with no nameCol, the number in a column headed by a KPI's name is
// formatted as that KPI, any other plain. A column in fixed takes the style given there,
// whatever the row's KPI (0: a plain number).
func streamSheets(f *excelize.File, sheet string, rows [][]string, st bookStyles, nameCol, plainCol, dateCol int, fixed map[int]int, widths []float64, maxRows int) error {
	per := maxRows - 1
	body := rows[1:]
	n := max((len(body)+per-1)/per, 1)
	for s := range n {
		name := sheet
		if n > 1 {
			name = fmt.Sprintf("%s %d", sheet, s+1)
		}
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		for j, wd := range widths {
			if err := sw.SetColWidth(j+1, j+1, wd); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		head := make([]any, len(rows[0]))
		for j, v := range rows[0] {
			head[j] = excelize.Cell{StyleID: st.head, Value: v}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		part := body[min(s*per, len(body)):min((s+1)*per, len(body))]
		for i, rec := range part {
			cells := make([]any, len(rec))
			for j, v := range rec {
				style, isFixed := fixed[j]
				switch {
				case isFixed:
					if x, err := strconv.ParseFloat(v, 64); err == nil && mayBeNumber(v) {
						cells[j] = excelize.Cell{StyleID: style, Value: x}
					} else if v != "NA" {
						cells[j] = v
					}
				case j == dateCol:
					if t, err := time.Parse("2006-01-02", v); err == nil {
						cells[j] = excelize.Cell{StyleID: st.date, Value: t}
						continue
					}
					cells[j] = v
				case nameCol < 0 && j != plainCol:
					x, err := strconv.ParseFloat(v, 64)
					_, known := sim.KPIInfo(rows[0][j])
					switch {
					case err == nil && known:
						cells[j] = excelize.Cell{StyleID: styleOf(rows[0][j], st), Value: x}
					case err == nil && j > 1:
						cells[j] = x
					case v != "NA":
						cells[j] = v
					}
				default:
					cells[j] = bookCell(v, j, rec, max(nameCol, 0), plainCol, st)
				}
			}
			if err := sw.SetRow("A"+strconv.Itoa(i+2), cells); err != nil {
				return err
			}
		}
		last, err := excelize.CoordinatesToCellName(len(rows[0]), max(len(part)+1, 2))
		if err != nil {
			return err
		}
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: tableName(name), StyleName: tableStyle, ShowRowStripes: &stripes}); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// styleOf returns the number style of a column that holds the values of kpi.
func styleOf(kpi string, st bookStyles) int {
	switch UnitOf(kpi) {
	case Money:
		return st.money
	case Share:
		return st.share
	}
	return st.count
}

// tableName returns a sheet's name as an Excel table may be named: letters and digits only.
func tableName(sheet string) string {
	var b []rune
	for _, r := range sheet {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b = append(b, r)
		}
	}
	return string(b)
}
