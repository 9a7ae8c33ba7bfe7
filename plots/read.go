package plots

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// CompareRow is one row of comparison.csv: a KPI of an alternative scenario set against the
// baseline in one period (a financial year, or "all"), paired by replication.
type CompareRow struct {
	// Scenario and Baseline name the alternative and the baseline scenario.
	Scenario, Baseline string
	// Period is the financial year ("2027/28") or "all"; KPI names the KPI, in its own unit
	// (pounds for cost_*, a share between 0 and 1 for *_share, otherwise children, places or
	// households).
	Period, KPI string
	// BaseMean and AltMean are the KPI's means in the baseline and the alternative (for a
	// share, ratios of totals over the replications).
	BaseMean, AltMean float64
	// DiffMean is the mean of the paired differences (alternative less baseline; for a share,
	// the difference of the ratios of totals); DiffLo and DiffHi bound the confidence interval
	// of that mean.
	DiffMean, DiffLo, DiffHi float64
	// RunLo and RunHi bound the central share of one replication's difference: what could
	// happen in one future. PLower and PHigher are the shares of pairs in which the
	// alternative is lower or higher. All four are NaN when a file does not have them.
	RunLo, RunHi, PLower, PHigher float64
	// N is the number of pairs.
	N int
}

// SweepRow is one row of a sweep's table: a KPI in one period when the lever takes Value.
type SweepRow struct {
	// Scenario names the swept scenario; Lever is the field path the sweep sets
	// ("entries.per_year").
	Scenario, Lever string
	// Value is the lever's value, in the field's own unit.
	Value float64
	// Period is the financial year ("2027/28") or "all"; KPI names the KPI, in its own unit
	// (pounds for cost_*, a share between 0 and 1 for *_share, otherwise children, places or
	// households).
	Period, KPI string
	// Mean is the KPI's mean over replications (for a share, the ratio of totals); Lo and Hi
	// bound its interval.
	Mean, Lo, Hi float64
	// N is the number of replications.
	N int
}

// csvTable reads a CSV file with a header, and gives each row's fields by column name.
type csvTable struct {
	name string
	cols map[string]int
	errs []error
	line int
	rec  []string
}

func readTable(r io.Reader, name string, want []string) ([][]string, *csvTable, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return tableOf(recs, name, want)
}

// tableOf checks that the header of recs has the columns want and returns the records below it.
func tableOf(recs [][]string, name string, want []string) ([][]string, *csvTable, error) {
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("%s: empty, want the columns %s", name, strings.Join(want, ","))
	}
	t := &csvTable{name: name, cols: map[string]int{}}
	for i, c := range recs[0] {
		t.cols[strings.TrimSpace(c)] = i
	}
	var missing []string
	for _, c := range want {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("%s: line 1: no column %s", name, strings.Join(missing, ", "))
	}
	return recs[1:], t, nil
}

func (t *csvTable) str(col string) string { return t.rec[t.cols[col]] }

func (t *csvTable) num(col string) float64 {
	v, err := parseNum(t.str(col))
	if err != nil {
		t.errs = append(t.errs, fmt.Errorf("%s: line %d: %s: %w", t.name, t.line, col, err))
	}
	return v
}

func (t *csvTable) int(col string) int {
	v, err := strconv.Atoi(t.str(col))
	if err != nil {
		t.errs = append(t.errs, fmt.Errorf("%s: line %d: %s: %q is not a whole number", t.name, t.line, col, t.str(col)))
	}
	return v
}

// ReadCompareRows reads comparison.csv: the columns
// scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_mean_lo,diff_mean_hi,n in any
// order, and diff_run_lo,diff_run_hi,p_lower,p_higher when the file has them (other columns
// are ignored). A file written before the two kinds of interval were named apart, with
// diff_lo and diff_hi for the interval of the mean, reads as well. Errors name the line and
// column.
func ReadCompareRows(r io.Reader) ([]CompareRow, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("comparison: %w", err)
	}
	if len(recs) > 0 {
		if !slices.Contains(recs[0], "diff_mean_lo") && !slices.Contains(recs[0], "diff_mean_hi") {
			for i, c := range recs[0] {
				switch strings.TrimSpace(c) {
				case "diff_lo":
					recs[0][i] = "diff_mean_lo"
				case "diff_hi":
					recs[0][i] = "diff_mean_hi"
				}
			}
		}
	}
	recs, t, err := tableOf(recs, "comparison", []string{"scenario", "baseline", "period", "kpi", "base_mean", "alt_mean", "diff_mean", "diff_mean_lo", "diff_mean_hi", "n"})
	if err != nil {
		return nil, err
	}
	optional := func(col string) float64 {
		if _, ok := t.cols[col]; !ok {
			return math.NaN()
		}
		return t.num(col)
	}
	out := make([]CompareRow, len(recs))
	for i, rec := range recs {
		t.rec, t.line = rec, i+2
		out[i] = CompareRow{
			Scenario: t.str("scenario"), Baseline: t.str("baseline"), Period: t.str("period"), KPI: t.str("kpi"),
			BaseMean: t.num("base_mean"), AltMean: t.num("alt_mean"),
			DiffMean: t.num("diff_mean"), DiffLo: t.num("diff_mean_lo"), DiffHi: t.num("diff_mean_hi"), N: t.int("n"),
			RunLo: optional("diff_run_lo"), RunHi: optional("diff_run_hi"), PLower: optional("p_lower"), PHigher: optional("p_higher"),
		}
	}
	return out, errors.Join(t.errs...)
}

// ReadSweepRows reads a sweep's table: the columns scenario,lever,value,period,kpi,mean,lo,hi,n
// in any order (other columns are ignored). Errors name the line and column.
func ReadSweepRows(r io.Reader) ([]SweepRow, error) {
	recs, t, err := readTable(r, "sweep", []string{"scenario", "lever", "value", "period", "kpi", "mean", "lo", "hi", "n"})
	if err != nil {
		return nil, err
	}
	out := make([]SweepRow, len(recs))
	for i, rec := range recs {
		t.rec, t.line = rec, i+2
		out[i] = SweepRow{
			Scenario: t.str("scenario"), Lever: t.str("lever"), Value: t.num("value"), Period: t.str("period"), KPI: t.str("kpi"),
			Mean: t.num("mean"), Lo: t.num("lo"), Hi: t.num("hi"), N: t.int("n"),
		}
	}
	return out, errors.Join(t.errs...)
}
