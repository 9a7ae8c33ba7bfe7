package plots

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookRowsAsExcelize checks that the long sheets' rows written by a sheetRows make the
// same workbook, byte for byte, as excelize's StreamWriter.SetRow a cell at a time: numbers of
// every size and precision (Excel's 15 significant digits), NA, text that excelize escapes or
// marks (which goes through SetRow), an infinity, and replications split over several sheets.
func TestWorkbookRowsAsExcelize(t *testing.T) {
	numbers := []float64{0, -0.5, 1, 12.5, 1.0 / 3, 2.0 / 3 * 1e6, 123456789.123456789, 1234567890123456789, 1e15 + 0.5,
		9007199254740993, 1e20, 1.5e-7, 5e-324, -1e-300, math.MaxFloat64, -math.MaxFloat64, 61217683.24514959, 0.1 + 0.2}
	cases := []struct {
		name   string
		kpis   []float64 // over the whole run, replication by replication, KPI by KPI
		series []string  // rows added to timeseries.csv
		rows   int       // the most rows a sheet of replications holds
		// perCell is "replications" or "series" when that sheet's rows go through SetRow.
		perCell string
	}{
		{name: "tiny"},
		{name: "split", rows: 3},
		{name: "numbers", kpis: numbers},
		{name: "NaN", kpis: []float64{math.NaN(), 1, math.NaN()}},
		{name: "infinity", kpis: []float64{1, math.Inf(1), 2}, perCell: "replications"},
		{name: "series numbers", series: []string{
			"tiny,2026-05-01,cost_total,1e20,1e-7,123456789.123456789,1234567890123456789",
			"tiny,2026-05-01,children_emergency,NA,,0.30000000000000004,-0",
			"tiny,2026-06-01,places_inhouse_foster,1,2,3,4",
		}},
		{name: "series text", perCell: "series", series: []string{"tiny,2026-05-01,x,a&b,<c>,\"d\"\"e\",'f'"}},
		{name: "series spaces", perCell: "series", series: []string{"tiny,2026-05-01,x, a,b ,c,d"}},
		{name: "series escapes", perCell: "series", series: []string{"tiny,2026-05-01,x,_x0041_,_x005F_,a_xb,ok"}},
		{name: "series pound", perCell: "series", series: []string{"tiny,2026-05-01,x,£1,é,NaN,Inf"}},
		{name: "series not a date", series: []string{"tiny,May 2026,x,1,2,3,4", "tiny,NA,x,1,2,3,4", "tiny,,x,1,2,3,4"}},
		{name: "series header only"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			res := tinyResults()
			for i, v := range tt.kpis {
				res.Reps[i%3].KPIs[len(res.KPIs)+i/3%len(res.KPIs)] = v
			}
			summary, series := csvOf(t, res)
			if len(tt.series) > 0 {
				series += strings.Join(tt.series, "\n") + "\n"
			}
			if tt.name == "series header only" {
				series = series[:strings.IndexByte(series, '\n')+1]
			}
			maxRows := tt.rows
			if maxRows == 0 {
				maxRows = excelMaxRows
			}
			f := excelize.NewFile()
			defer f.Close()
			st, err := newBookStyles(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, rows, _, err := seriesRows([]byte(series), st); err != nil || (rows == nil) != (tt.perCell == "series") {
				t.Errorf("the series' rows %v (%v), want them written a cell at a time: %v", rows != nil, err, tt.perCell == "series")
			}
			styles := make([]int, len(res.KPIs))
			kpis := make([]float64, len(res.Periods)*len(res.KPIs))
			if rows, err := replicationRows(res, []int{len(res.Periods) - 1}, styles, 0, len(res.Reps), kpis); err != nil || (rows == nil) != (tt.perCell == "replications") {
				t.Errorf("the replications' rows %v (%v), want them written a cell at a time: %v", rows != nil, err, tt.perCell == "replications")
			}
			var fast, slow bytes.Buffer
			if err := writeWorkbook(&fast, res, []byte(summary), []byte(series), []byte("name: tiny\n"), nil, maxRows, false); err != nil {
				t.Fatal(err)
			}
			if err := writeWorkbook(&slow, res, []byte(summary), []byte(series), []byte("name: tiny\n"), nil, maxRows, true); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
				t.Errorf("the workbook differs from excelize's a cell at a time (%d bytes, %d)", fast.Len(), slow.Len())
			}
		})
	}
}

// TestAppendCellFloat checks Excel's 15 significant digits on numbers whose shortest decimal
// has more.
func TestAppendCellFloat(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {-0.5, "-0.5"}, {1.0 / 3, "0.333333333333333"}, {123456789.123456789, "123456789.123456"},
		{1234567890123456789, "1234567890123450000"}, {0.1 + 0.2, "0.3"}, {1e20, "100000000000000000000"},
	} {
		if got := string(appendCellFloat([]byte("x"), tt.x)); got != "x"+tt.want {
			t.Errorf("%v: %q, want %q", tt.x, got, "x"+tt.want)
		}
	}
}
