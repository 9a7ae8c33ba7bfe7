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

// The workbook's two long sheets (Replications and Time series: 300,000 and 200,000 cells for
// the default county's 1,000 replications) are written as excelize's StreamWriter.SetRow writes
// them, byte for byte, but without its machinery for each cell (a cell name made as a string,
// the value's type found by a type switch through an interface, the style looked up among the
// columns'): a sheetRows appends each row's XML to one buffer. excelize still writes the rest of
// the sheet (its columns, panes, header row and table); the stream is given one placeholder row
// in the rows' place, and the workbook's zip writer (sortedZip) puts the rows there as it
// compresses the sheet. A value sheetRows does not write as SetRow would (text that XML or
// excelize would escape or change, an infinity) sets its failed flag, and the sheet is then
// written through SetRow as before.

// sheetRows is the XML of a sheet's rows after the header, as StreamWriter.SetRow writes them.
type sheetRows struct {
	b []byte
	// colStyle is the style of each column's cells that have none of their own (a column's
	// SetColStyle), by column from 1; cols are the columns' names, from 1.
	colStyle []int
	cols     []string
	row      []byte // the row's number, as text
	col      int    // the next cell's column, from 1
	failed   bool
}

// newSheetRows returns a sheetRows of up to ncols columns, with the given column styles (by
// column from 1; nil or short for none).
func newSheetRows(ncols int, colStyle []int) (*sheetRows, error) {
	r := &sheetRows{colStyle: make([]int, ncols+1), cols: make([]string, ncols+1)}
	copy(r.colStyle, colStyle)
	for j := 1; j <= ncols; j++ {
		name, err := excelize.ColumnNumberToName(j)
		if err != nil {
			return nil, err
		}
		r.cols[j] = name
	}
	return r, nil
}

// begin starts row n.
func (r *sheetRows) begin(n int) {
	r.row = strconv.AppendInt(r.row[:0], int64(n), 10)
	r.b = append(r.b, `<row r="`...)
	r.b = append(r.b, r.row...)
	r.b = append(r.b, `">`...)
	r.col = 1
}

// end ends the row.
func (r *sheetRows) end() { r.b = append(r.b, `</row>`...) }

// skip leaves the next cell empty (a nil value, which SetRow skips).
func (r *sheetRows) skip() { r.col++ }

// open writes the start of the next cell, with its style (the column's when style is 0) and
// its type t ("" for none).
func (r *sheetRows) open(style int, t string) {
	if r.col >= len(r.cols) {
		r.failed = true
		r.col = len(r.cols) - 1
	}
	if style == 0 {
		style = r.colStyle[r.col]
	}
	r.b = append(r.b, `<c r="`...)
	r.b = append(r.b, r.cols[r.col]...)
	r.b = append(r.b, r.row...)
	r.b = append(r.b, '"')
	if style != 0 {
		r.b = append(r.b, ` s="`...)
		r.b = strconv.AppendInt(r.b, int64(style), 10)
		r.b = append(r.b, '"')
	}
	if t != "" {
		r.b = append(r.b, ` t="`...)
		r.b = append(r.b, t...)
		r.b = append(r.b, '"')
	}
	r.b = append(r.b, '>')
	r.col++
}

// integer writes n.
func (r *sheetRows) integer(n int, style int) {
	r.open(style, "")
	r.b = append(r.b, `<v>`...)
	r.b = strconv.AppendInt(r.b, int64(n), 10)
	r.b = append(r.b, `</v></c>`...)
}

// number writes x as SetRow writes a float64: at most 15 significant digits.
func (r *sheetRows) number(x float64, style int) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		r.failed = true // SetRow writes them as text
	}
	r.open(style, "")
	r.b = append(r.b, `<v>`...)
	r.b = appendCellFloat(r.b, x)
	r.b = append(r.b, `</v></c>`...)
}

// numeric writes v, the text of a number (a date's serial number), as it is.
func (r *sheetRows) numeric(v string, style int) {
	r.open(style, "")
	r.b = append(r.b, `<v>`...)
	r.b = append(r.b, v...)
	r.b = append(r.b, `</v></c>`...)
}

// text writes s as an inline string.
func (r *sheetRows) text(s string, style int) {
	if !plainText(s) {
		r.failed = true
	}
	r.open(style, "inlineStr")
	r.b = append(r.b, `<is><t>`...)
	r.b = append(r.b, s...)
	r.b = append(r.b, `</t></is></c>`...)
}

// plainText reports whether excelize writes s in a cell as it is: printable ASCII without the
// characters XML escapes, no space at either end (which would be marked to be kept), and no
// "_x" (which could start an escaped character, _xHHHH_, that excelize escapes again). It is
// conservative: other text goes through excelize.
func plainText(s string) bool {
	if len(s) > excelize.TotalCellChars {
		return false
	}
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e, c == '&', c == '<', c == '>', c == '"', c == '\'':
			return false
		case c == '_' && i+1 < len(s) && s[i+1] == 'x':
			return false
		}
	}
	return true
}

// appendCellFloat appends x as excelize writes a float64 in a cell (its formatCellFloat with
// automatic precision): the shortest decimal that reads back as x, without an exponent, cut to
// Excel's 15 significant digits.
func appendCellFloat(b []byte, x float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', -1, 64)
	if math.Abs(x) == math.MaxFloat64 {
		return b
	}
	const maxPrec = 15
	str := b[start:]
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := 0; idx < len(str); idx++ {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			cut := str[:idx]
			if len(cut) > 0 && cut[len(cut)-1] == '.' {
				cut = cut[:len(cut)-1]
			}
			return b[:start+len(cut)]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := str[:decimal]
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return b[:start+decimal]
	}
	return b
}

// excelDates gives the text excelize writes for a date's cell (its serial number), each date
// worked out once, by excelize itself.
type excelDates struct {
	f    *excelize.File
	seen map[time.Time]string
}

func (d *excelDates) serial(t time.Time) (string, error) {
	if v, ok := d.seen[t]; ok {
		return v, nil
	}
	if d.f == nil {
		d.f, d.seen = excelize.NewFile(), map[time.Time]string{}
	}
	if err := d.f.SetCellValue("Sheet1", "A1", t); err != nil {
		return "", err
	}
	v, err := d.f.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
	if err != nil {
		return "", err
	}
	if _, err := strconv.ParseFloat(v, 64); err != nil {
		return "", fmt.Errorf("plots: workbook: the date %s is not a number in a cell (%q)", t.Format(time.DateOnly), v)
	}
	d.seen[t] = v
	return v, nil
}

func (d *excelDates) close() {
	if d.f != nil {
		d.f.Close()
	}
}

// rowsMark returns the text of the placeholder row of a sheet whose rows a sheetRows writes:
// sortedZip finds it in the sheet's XML and puts the rows in its place.
func rowsMark(table string) string { return "placesim:rows-of:" + table + ":5f0c1d" }

// splice is the rows of one sheet, for sortedZip to put in the place of the placeholder row
// that holds mark.
type splice struct {
	mark []byte
	rows []byte
	done bool
}

// spliceRows returns b with the row that holds s's mark (the first) replaced by s's rows, in
// three pieces; ok is false when b holds no such row.
func (s *splice) cut(b []byte) (before, after []byte, ok bool) {
	at := bytes.Index(b, s.mark)
	if at < 0 {
		return nil, nil, false
	}
	start := bytes.LastIndex(b[:at], []byte(`<row r="`))
	end := bytes.Index(b[at:], []byte(`</row>`))
	if start < 0 || end < 0 {
		return nil, nil, false
	}
	return b[:start], b[at+end+len(`</row>`):], true
}

// errSpliceMissing is the error of a workbook whose placeholder row was not found.
var errSpliceMissing = errors.New("plots: workbook: a sheet's rows found no place in its XML")

// seriesRows returns the header of timeseries.csv's text series and the XML of the rows after
// it as seriesCells writes them, and how many rows there are (the header included); rows is
// nil when a value is not one a sheetRows writes.
func seriesRows(series []byte, st bookStyles) (head []string, rows *sheetRows, n int, err error) {
	var dates excelDates
	defer dates.close()
	in := csv.NewReader(bytes.NewReader(series))
	in.ReuseRecord = true
	var date, serial string
	first := true
	for i := 0; ; i++ {
		rec, err := in.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, 0, fmt.Errorf("timeseries.csv: %w", err)
		}
		n++
		if i == 0 {
			head = slices.Clone(rec)
			if rows, err = newSheetRows(len(rec), nil); err != nil {
				return nil, nil, 0, err
			}
			// About 40 bytes of XML for each byte of a row's text.
			rows.b = make([]byte, 0, 5*len(series)+4096)
			continue
		}
		rows.begin(i + 1)
		style := -1 // the style of the row's numbers, found at its first
		for j, v := range rec {
			if j == 1 {
				if first || v != date {
					date, serial, first = v, "", false
					if t, err := time.Parse("2006-01-02", v); err == nil {
						if serial, err = dates.serial(t); err != nil {
							return nil, nil, 0, err
						}
					}
				}
				if serial != "" {
					rows.numeric(serial, st.date)
					continue
				}
			}
			switch {
			case v == "NA":
				rows.skip()
				continue
			case j <= 2 || !mayBeNumber(v):
				rows.text(v, 0)
				continue
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				rows.text(v, 0)
				continue
			}
			if style < 0 {
				style = st.numberStyle(rec[2])
			}
			rows.number(x, style)
		}
		rows.end()
		if rows.failed {
			return head, nil, n, nil
		}
	}
	if rows == nil {
		return head, nil, n, nil
	}
	return head, rows, n, nil
}

// replicationRows returns the XML of the rows of the replications at positions first to end-1
// of res on a Replications sheet, from its second row, as writeReplications writes them a cell
// at a time: for each replication a row for each of periods (indices of res.Periods), its KPIs
// in columns styled by styles. It is nil when a value is not one a sheetRows writes. kpis is
// working memory of len(res.Periods)*len(res.KPIs).
func replicationRows(res *sim.Results, periods, styles []int, first, end int, kpis []float64) (*sheetRows, error) {
	colStyle := make([]int, 3+len(styles))
	copy(colStyle[3:], styles)
	rows, err := newSheetRows(2+len(res.KPIs), colStyle)
	if err != nil {
		return nil, err
	}
	// About 14 bytes of XML a cell.
	rows.b = make([]byte, 0, (end-first)*len(periods)*(14*len(res.KPIs)+64))
	row := 2
	for pos := first; pos < end; pos++ {
		if err := res.KPIRows(pos, 0, len(res.Periods), kpis); err != nil {
			return nil, err
		}
		for _, p := range periods {
			rows.begin(row)
			rows.integer(res.Reps[pos].Index, 0)
			rows.text(res.Periods[p], 0)
			for k := range res.KPIs {
				if v := kpis[p*len(res.KPIs)+k]; math.IsNaN(v) {
					rows.skip()
				} else {
					rows.number(v, 0)
				}
			}
			rows.end()
			row++
		}
		if rows.failed {
			return nil, nil
		}
	}
	return rows, nil
}
