package sim

import (
	"bufio"
	"io"
	"slices"
	"strconv"
)

// RegionTotal is what the council column of a region's files holds on the rows of the region
// as a whole (RegionResults.Total).
const RegionTotal = "region"

// WriteSummary writes a region's summary.csv: each council's summary.csv (as Results.WriteSummary
// writes it), then the region's as a whole, each row led by a council column naming the council
// or RegionTotal.
func (rr *RegionResults) WriteSummary(w io.Writer, percentiles []float64) error {
	return rr.writeEach(w, func(res *Results, w io.Writer) error { return res.WriteSummary(w, percentiles) })
}

// WriteKPIs writes a region's kpis.csv: each council's kpis.csv (as Results.WriteKPIs writes
// it), then the region's as a whole, each row led by a council column naming the council or
// RegionTotal.
func (rr *RegionResults) WriteKPIs(w io.Writer) error {
	return rr.writeEach(w, func(res *Results, w io.Writer) error { return res.WriteKPIs(w) })
}

// WriteKPIsOf writes the rows of a region's kpis.csv (as WriteKPIs writes them) of the KPIs
// keep names, in the same order: a council's results lacking a KPI of keep have no rows of it.
// With every KPI of the councils and the region in keep, it writes what WriteKPIs writes.
func (rr *RegionResults) WriteKPIsOf(w io.Writer, keep []string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("council,scenario,replication,period,kpi,value\n")
	names, scenarios := rr.CouncilNames(), rr.ScenarioNames()
	var b []byte
	for i, res := range rr.Each() {
		var kept []int
		for k, kpi := range res.KPIs {
			if slices.Contains(keep, kpi) {
				kept = append(kept, k)
			}
		}
		lead := csvField(names[i]) + "," + csvField(scenarios[i]) + ","
		periods, kpis := csvFields(res.Periods), csvFields(res.KPIs)
		row := make([]float64, len(periods)*len(kpis))
		for pos, rep := range res.Reps {
			if err := res.KPIRows(pos, 0, len(periods), row); err != nil {
				return err
			}
			for p, period := range periods {
				for _, k := range kept {
					b = strconv.AppendInt(append(b[:0], lead...), int64(rep.Index), 10)
					b = append(append(b, ','), period...)
					b = append(append(b, ','), kpis[k]...)
					b = AppendNum(append(b, ','), row[p*len(res.KPIs)+k])
					if _, err := bw.Write(append(b, '\n')); err != nil {
						return err
					}
				}
			}
		}
	}
	return bw.Flush()
}

// WriteTimeseries writes a region's timeseries.csv: each council's timeseries.csv (as
// Results.WriteTimeseries writes it), then the region's as a whole, each row led by a council
// column naming the council or RegionTotal.
func (rr *RegionResults) WriteTimeseries(w io.Writer, percentiles []float64) error {
	return rr.writeEach(w, func(res *Results, w io.Writer) error { return res.WriteTimeseries(w, percentiles) })
}

// CouncilNames returns the names the council column of a region's files holds, in order: each
// council's, then RegionTotal.
func (rr *RegionResults) CouncilNames() []string {
	names := make([]string, 0, len(rr.Councils)+1)
	for _, c := range rr.Region.Councils {
		names = append(names, c.Name)
	}
	return append(names, RegionTotal)
}

// ScenarioNames returns the scenario each council runs, in the order of CouncilNames (its
// Results' scenario takes the council's name: "default" for council kent), then the region's
// name for the region as a whole: the scenario column of the region's CSV files.
func (rr *RegionResults) ScenarioNames() []string {
	each := rr.Each()
	names := make([]string, 0, len(each))
	for i, res := range each {
		name := res.Scenario.Name
		if i < len(rr.Region.Councils) && rr.Region.Councils[i].ScenarioName != "" {
			name = rr.Region.Councils[i].ScenarioName
		}
		names = append(names, name)
	}
	return names
}

// Each returns each council's results, then the region's as a whole, in the order of
// CouncilNames.
func (rr *RegionResults) Each() []*Results {
	return append(append(make([]*Results, 0, len(rr.Councils)+1), rr.Councils...), rr.Total)
}

// writeEach writes, through write, the file of each council and then of the total, with one
// header (the first file's, led by "council") and every row led by its council's name.
func (rr *RegionResults) writeEach(w io.Writer, write func(*Results, io.Writer) error) error {
	each := rr.Each()
	return rr.WriteJoined(w, func(i int, w io.Writer) error { return write(each[i], w) })
}

// WriteJoined writes a region's CSV file from the same file of each council and then of the region
// as a whole (in the order of Each), which write(i, w) writes: one header (the first file's, led by
// "council") and every row led by its council's name, as WriteSummary and WriteTimeseries write
// theirs, its scenario column (the first of the council's file, which names the council) naming the
// scenario the council runs (ScenarioNames). A caller that keeps each council's own file (its
// folder's summary.csv, timeseries.csv) writes the region's from them, without working them out
// again.
func (rr *RegionResults) WriteJoined(w io.Writer, write func(i int, w io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	names, scenarios := rr.CouncilNames(), rr.ScenarioNames()
	for i := range names {
		pw := &prefixWriter{w: bw, prefix: []byte(csvField(names[i]) + "," + csvField(scenarios[i]) + ","), skip: true, header: headerDrop}
		if i == 0 {
			pw.header = headerKeep
			bw.WriteString("council,")
		}
		if err := write(i, pw); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// What a prefixWriter does with the header, its first record.
const (
	headerDrop = iota + 1 // leave it out
	headerKeep            // copy it as it is
)

// prefixWriter copies CSV text to w with prefix written before every record but the first
// (the header), which it drops or copies as header says; with skip, in place of each record's
// first field, which the prefix then ends with. A line break ends a record only outside a
// quoted field.
type prefixWriter struct {
	w        *bufio.Writer
	prefix   []byte
	skip     bool
	header   int  // headerDrop or headerKeep while in the header, 0 after it
	inRow    bool // within a record after the header, its prefix written
	skipping bool // within the first field of a record, left out
	quoted   bool // within a quoted field
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		if p.header == 0 && !p.inRow {
			p.w.Write(p.prefix)
			p.inRow, p.skipping = true, p.skip
		}
		if p.skipping {
			// The first field, up to and with the comma that ends it.
			i := 0
			for ; i < len(b); i++ {
				if b[i] == '"' {
					p.quoted = !p.quoted
				} else if !p.quoted && b[i] == ',' {
					i++
					p.skipping = false
					break
				} else if !p.quoted && b[i] == '\n' {
					p.skipping = false // a record of one field: none left to copy but its end
					break
				}
			}
			b = b[i:]
			continue
		}
		// The record's text up to its end, or all of b.
		end, ended := len(b), false
		for i, c := range b {
			if c == '"' {
				p.quoted = !p.quoted
			} else if c == '\n' && !p.quoted {
				end, ended = i+1, true
				break
			}
		}
		if p.header != headerDrop {
			if _, err := p.w.Write(b[:end]); err != nil {
				return 0, err
			}
		}
		if ended {
			p.header, p.inRow = 0, false
		}
		b = b[end:]
	}
	return n, nil
}
