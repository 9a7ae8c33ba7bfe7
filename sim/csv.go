package sim

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// WriteSummary writes summary.csv: for each period and KPI, the mean, standard deviation and
// percentiles over replications, and the number of replications with a value. A share's mean
// is the ratio of totals (see Summary).
func (res *Results) WriteSummary(w io.Writer, percentiles []float64) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("scenario,period,kpi,mean,sd")
	for _, p := range percentiles {
		bw.WriteString("," + csvField(PercentileColumn(p)))
	}
	bw.WriteString(",n\n")
	name := csvField(res.Scenario.Name)
	kpis := csvFields(res.KPIs)
	var b []byte
	stats := res.summaries(percentiles)
	for p, period := range csvFields(res.Periods) {
		for k, kpi := range kpis {
			st := stats[p*len(res.KPIs)+k]
			b = append(b[:0], name...)
			b = append(b, ',')
			b = append(b, period...)
			b = append(b, ',')
			b = append(b, kpi...)
			b = AppendNum(append(b, ','), st.Mean)
			b = AppendNum(append(b, ','), st.SD)
			for _, q := range st.Percentiles {
				b = AppendNum(append(b, ','), q)
			}
			b = strconv.AppendInt(append(b, ','), int64(st.N), 10)
			bw.Write(append(b, '\n'))
		}
	}
	return bw.Flush()
}

// WriteKPIs writes kpis.csv: every KPI of every replication and period, one value a row.
func (res *Results) WriteKPIs(w io.Writer) error {
	kw := res.NewKPIWriter(w)
	if err := kw.WriteReps(len(res.Reps)); err != nil {
		return err
	}
	return kw.Flush()
}

// KPIWriter writes kpis.csv a few replications at a time, in order, so that a run can write
// the file as its replications finish rather than after the last: the file is the same bytes
// as WriteKPIs writes. Rows are made in a large buffer, written out whole when it fills.
type KPIWriter struct {
	res *Results
	w   io.Writer
	// mids is the text between a replication's number and its value, for each period and KPI,
	// made once.
	mids []midText
	name string
	row  []float64
	b    []byte
	// flushAt is how many bytes of rows it makes before writing them out, that many at once.
	flushAt int
	next    int // the position in Results.Reps of the next replication to write
	err     error
	// nums is the text of values written lately that are not whole numbers, by their bits:
	// a scenario's averages of whole monthly counts over a year (a count of twelfths) recur
	// in many replications, and a KPI often holds another's value, so most are found here
	// rather than worked out again, the same bytes.
	nums *[numCacheSize]numText
}

// numCacheSize is how many values a KPIWriter keeps the text of.
const (
	numCacheBits = 11
	numCacheSize = 1 << numCacheBits
)

// numTextBytes is the longest text of a value a KPIWriter keeps.
const numTextBytes = 23

// numText is a value's bits and its text as AppendNum writes it, of n bytes (0: no value yet);
// texts longer than the array are not kept.
type numText struct {
	bits uint64
	a    [numTextBytes]byte
	n    uint8
}

// appendNum appends v to b as AppendNum does, from kw.nums when v is there.
func (kw *KPIWriter) appendNum(b []byte, v float64) []byte {
	if v == 0 || v != v || (v > -1e15 && v < 1e15 && v == math.Trunc(v)) {
		return AppendNum(b, v) // little work: zero, whole numbers and NaN
	}
	bits := math.Float64bits(v)
	e := &kw.nums[(bits*0x9e3779b97f4a7c15)>>(64-numCacheBits)]
	if e.n > 0 && e.bits == bits {
		n := len(b)
		b = slices.Grow(b, len(e.a))[:n+len(e.a)]
		*(*[numTextBytes]byte)(b[n:]) = e.a // a few moves rather than a call to copy
		return b[:n+int(e.n)]
	}
	n := len(b)
	b = AppendNum(b, v)
	if t := b[n:]; len(t) <= len(e.a) {
		e.bits, e.n = bits, uint8(copy(e.a[:], t))
	}
	return b
}

// kpiFlushAt is how many bytes of rows a KPIWriter makes before writing them out.
const kpiFlushAt = 1 << 20

// NewKPIWriter returns a writer of res's kpis.csv to w, its header made but not yet written.
// It writes the rows a megabyte at a time.
func (res *Results) NewKPIWriter(w io.Writer) *KPIWriter {
	return res.NewKPIWriterSize(w, kpiFlushAt)
}

// NewKPIWriterSize is NewKPIWriter writing the rows flushAt bytes at a time (at least 4,096;
// a multiple of the file system's block, for a writer around the page cache), each write from
// the start of one buffer. Fewer, larger writes cost a program that runs on meanwhile less
// of the system's time: the runtime hands the processor of a goroutine blocked in a write to
// another thread, and watches for it more often after each.
func (res *Results) NewKPIWriterSize(w io.Writer, flushAt int) *KPIWriter {
	flushAt = max(flushAt, 4096)
	nK := len(res.KPIs)
	mids := make([]midText, len(res.Periods)*nK)
	kpis := csvFields(res.KPIs)
	for p, period := range csvFields(res.Periods) {
		for k, kpi := range kpis {
			mids[p*nK+k] = newMidText("," + period + "," + kpi + ",")
		}
	}
	b := make([]byte, 0, flushAt+4096)
	b = append(b, "scenario,replication,period,kpi,value\n"...)
	return &KPIWriter{res: res, w: w, mids: mids, name: csvField(res.Scenario.Name), row: make([]float64, len(mids)), b: b, flushAt: flushAt, nums: new([numCacheSize]numText)}
}

// WriteReps writes the rows of the replications at positions of Results.Reps from the first
// not yet written to to-1. The caller makes sure those replications are done and that no
// replication is added to the results (which may move Reps) while it writes. After an error,
// every later call returns it.
func (kw *KPIWriter) WriteReps(to int) error {
	if kw.err != nil {
		return kw.err
	}
	res, b, mids, flushAt := kw.res, kw.b, kw.mids, kw.flushAt
	for ; kw.next < to; kw.next++ {
		if err := res.KPIRows(kw.next, 0, len(res.Periods), kw.row); err != nil {
			kw.err = err
			return err
		}
		head := newHeadText(kw.name + "," + strconv.Itoa(res.Reps[kw.next].Index))
		for i, v := range kw.row {
			if mid := &mids[i]; head.n >= 0 && mid.n >= 0 {
				// Copies of the arrays, a few moves each, in room made for them.
				n := len(b)
				b = slices.Grow(b, headBytes+midBytes)[:n+headBytes+midBytes]
				*(*[headBytes]byte)(b[n:]) = head.a
				n += head.n
				*(*[midBytes]byte)(b[n:]) = mid.a
				b = b[:n+mid.n]
			} else {
				b = append(append(b, head.s...), mid.s...)
			}
			if v == 0 {
				b = append(b, '0', '\n') // as AppendNum writes +0 and -0: most KPIs of most scenarios
			} else {
				b = append(kw.appendNum(b, v), '\n')
			}
			if len(b) >= flushAt {
				// flushAt bytes exactly, from the start of the buffer: a writer that writes
				// whole blocks of the file (around the page cache) can take them as they
				// are, without a copy.
				if _, err := kw.w.Write(b[:flushAt]); err != nil {
					kw.err = err
					return err
				}
				b = b[:copy(b, b[flushAt:])]
			}
		}
	}
	kw.b = b
	return nil
}

// Flush writes out the rows made and not yet written.
func (kw *KPIWriter) Flush() error {
	if kw.err != nil {
		return kw.err
	}
	if _, err := kw.w.Write(kw.b); err != nil {
		kw.err = err
		return err
	}
	kw.b = kw.b[:0]
	return nil
}

// The most bytes of the text before a row's replication number and after it, to its value,
// that WriteKPIs copies as arrays of a fixed size: most rows put together so take a few moves
// of the processor's, rather than two calls to copy a few bytes each.
const (
	headBytes = 32
	midBytes  = 64
)

// headText and midText are texts that begin many rows of kpis.csv, also in an array when they
// fit it (n, their length, is then not negative).
type (
	headText struct {
		s string
		n int
		a [headBytes]byte
	}
	midText struct {
		s string
		n int
		a [midBytes]byte
	}
)

func newHeadText(s string) headText {
	t := headText{s: s, n: -1}
	if len(s) <= headBytes {
		t.n = copy(t.a[:], s)
	}
	return t
}

func newMidText(s string) midText {
	t := midText{s: s, n: -1}
	if len(s) <= midBytes {
		t.n = copy(t.a[:], s)
	}
	return t
}

// WriteTimeseries writes timeseries.csv: for each reported month (dated by its first day) and
// metric, the mean and percentiles over replications.
func (res *Results) WriteTimeseries(w io.Writer, percentiles []float64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("scenario,date,metric,mean")
	for _, p := range percentiles {
		bw.WriteString("," + csvField(PercentileColumn(p)))
	}
	bw.WriteString("\n")
	stats, err := res.summariseMonths(percentiles)
	if err != nil {
		return err
	}
	name := csvField(res.Scenario.Name)
	metrics := csvFields(res.Metrics)
	var b []byte
	for i, month := range res.Months {
		date := month.Format("2006-01-02")
		for m, metric := range metrics {
			st := stats[i*len(res.Metrics)+m]
			b = append(b[:0], name...)
			b = append(b, ',')
			b = append(b, date...)
			b = append(b, ',')
			b = append(b, metric...)
			b = AppendNum(append(b, ','), st.Mean)
			for _, q := range st.Percentiles {
				b = AppendNum(append(b, ','), q)
			}
			bw.Write(append(b, '\n'))
		}
	}
	return bw.Flush()
}

// AppendNum appends v to b as every CSV file of placesim writes a number: in full, the shortest
// decimal that reads back as exactly v (strconv's 'f' format with precision -1, so never an
// exponent), with "-0" written 0, and NA for NaN or an infinity. R, pandas and spreadsheets
// read it as it is.
func AppendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "NA"...)
	}
	if v == 0 {
		return append(b, '0')
	}
	// A whole number below 10^15 (counts of children, places and households): its digits, as
	// the shortest decimal writes them, for less work.
	if v > -1e15 && v < 1e15 && v == math.Trunc(v) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// FormatNum returns v as AppendNum writes it.
func FormatNum(v float64) string { return string(AppendNum(nil, v)) }

// csvField returns s as encoding/csv writes a field: quoted when it holds a comma, a quote, a
// line break or leading space, with its quotes doubled. It asks encoding/csv itself, so the
// files that write rows by hand for speed quote exactly as it does.
func csvField(s string) string {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Write([]string{s})
	cw.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// csvFields returns each of ss as csvField does.
func csvFields(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = csvField(s)
	}
	return out
}
