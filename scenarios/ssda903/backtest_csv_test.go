package ssda903

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"testing"
	"time"
)

// TestBacktestCSV writes both backtest files for a group whose name holds a comma and a quote
// and reads them back with encoding/csv: every row has the header's columns, the name is
// whole, and the numbers read back exactly.
func TestBacktestCSV(t *testing.T) {
	const group = `kinship, "family"`
	c := &Comparison{
		Rows: []ComparisonRow{{Group: group, Month: time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC), Horizon: 1, Actual: 30,
			Band: Band{Mean: 1.0 / 3, P05: 0.1, P25: 0.2 + 0.1, P50: 31, P75: 40, P95: 62505601.09312345}}},
		Summary: []SummaryRow{{Group: group, Horizon: "all", Months: 1, MAPEMonths: 1, MAPE: 100.0 / 30, Coverage50: 1, Coverage90: math.NaN()}},
	}
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
		nums  map[int]float64 // column: value that must read back exactly
	}{
		{"backtest.csv", func(b *bytes.Buffer) error { return c.WriteCSV(b) },
			map[int]float64{4: 1.0 / 3, 6: 0.2 + 0.1, 9: 62505601.09312345, 10: 100.0 / 30}},
		{"backtest_summary.csv", func(b *bytes.Buffer) error { return c.WriteSummaryCSV(b) },
			map[int]float64{4: 100.0 / 30, 5: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[1][0] != group {
				t.Fatalf("rows %q, want a header and one row for %q", rows, group)
			}
			for col, want := range tt.nums {
				if got, err := strconv.ParseFloat(rows[1][col], 64); err != nil || got != want {
					t.Errorf("%s: %q, want %v exactly", rows[0][col], rows[1][col], want)
				}
			}
		})
	}
}
