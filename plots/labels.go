package plots

import (
	"strconv"
	"strings"

	"github.com/placesim/placesim/sim"
)

// CashTerms says how a run's or a comparison's money reads, in its report, charts' source
// lines, workbook and printed tables alike.
const CashTerms = "Money in cash terms: prices rise with inflation each April."

// KPILabel returns a KPI's name in plain English, as sim's catalogue gives it: "cost_total" is
// "Spending". A name the catalogue does not know is written with spaces for underscores.
func KPILabel(kpi string) string {
	if info, ok := sim.KPIInfo(kpi); ok {
		return info.Label
	}
	return strings.ReplaceAll(kpi, "_", " ")
}

// kpiLabelIn returns a KPI's name in plain English as catalogue c gives it, each kind by its
// label; a name the catalogue does not know is written with spaces for underscores.
func kpiLabelIn(c sim.Catalogue, kpi string) string {
	if info, ok := c.KPIInfo(kpi); ok {
		return info.Label
	}
	return strings.ReplaceAll(kpi, "_", " ")
}

// UnitOf returns how a KPI, monthly metric or chart series reads to a board, from its unit in
// sim's catalogue: pounds as Money, shares as Share, anything else as a Count. A name the
// catalogue does not know is a Count.
func UnitOf(name string) Unit {
	info, ok := sim.KPIInfo(name)
	if !ok {
		info, ok = sim.MetricInfo(name)
	}
	if !ok {
		return Count
	}
	switch info.Unit {
	case sim.Pounds:
		return Money
	case sim.Share:
		return Share
	}
	return Count
}

// isTotal reports whether a KPI's value over a period is a total over it (rather than an
// average, a share or a value at its end), as sim's catalogue says.
func isTotal(kpi string) bool {
	info, ok := sim.KPIInfo(kpi)
	return ok && info.Aggregate == sim.Total
}

// atEnd reports whether kpi counts on the period's last day (carer households at the year's
// end), so that the whole run's figure is the last year's, not a figure a year.
func atEnd(kpi string) bool {
	info, ok := sim.KPIInfo(kpi)
	return ok && info.Aggregate == sim.AtEnd
}

// formatKPI writes a value of kpi as a board paper would.
func formatKPI(kpi string, v float64) string {
	switch UnitOf(kpi) {
	case Money:
		return formatMoney(v)
	case Share:
		return formatShare(v)
	}
	return formatCount(v)
}

// intervalText writes an interval level for a legend: 0.9 is "90% interval".
func intervalText(level float64) string {
	if level <= 0 || level >= 1 {
		return "interval"
	}
	return strconv.FormatFloat(100*level, 'f', -1, 64) + "% interval"
}

// meanIntervalText names the confidence interval of a mean at level, for a chart's legend and
// subtitle: 0.9 is "90% confidence interval of the mean", apart from the wider range of one
// future (the middle 90% of runs).
func meanIntervalText(level float64) string {
	if level <= 0 || level >= 1 {
		return "confidence interval of the mean"
	}
	return Percent(level) + " confidence interval of the mean"
}
