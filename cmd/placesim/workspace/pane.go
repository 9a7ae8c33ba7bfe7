package workspace

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// paneChart is one chart of the results pane: drawn inline as SVG, with a table of its
// figures under it, and exported in each of its formats.
type paneChart struct {
	Name, Title, Subtitle string
	// What says what the table's figures are.
	What string
	Head []string
	Rows [][]string
	// Formats are the formats it exports in ("png", "svg", "pdf", "csv").
	Formats []string
	write   func(w io.Writer, format string) error
}

// comparisonSource is the source line of a comparison's charts.
func comparisonSource(c *comparison) string {
	return fmt.Sprintf("Source: placesim %s simulation of %q against %q, %s each (seed %d).",
		c.Version, c.Alt.s.Name, c.Base.s.Name, plural(c.Reps, "paired run"), c.Seed)
}

// runSource names the scenario's run for the charts plots draws of it.
func runSource(c *comparison) plots.Source {
	return plots.Source{Version: c.Version, Scenario: c.Alt.s.Name, Reps: c.Reps, Seed: c.Seed}
}

// compareRows turns a comparison's differences into the rows plots draws.
func compareRows(c *comparison) []plots.CompareRow {
	var rows []plots.CompareRow
	for _, d := range c.Diffs {
		rows = append(rows, plots.CompareRow{Scenario: c.Alt.s.Name, Baseline: c.Base.s.Name, Period: d.Period, KPI: d.KPI,
			BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: d.N})
	}
	return rows
}

// paneCharts draws the charts of a comparison: the difference from the baseline by financial
// year (plots), the scenario's bands over the baseline by month with its interventions marked,
// and the scenario's cost by financial year (plots).
func paneCharts(c *comparison) ([]*paneChart, error) {
	var out []*paneChart
	diff, err := plots.ComparisonCharts(compareRows(c), interval, comparisonSource(c))
	if err != nil {
		return nil, err
	}
	for _, ch := range diff {
		out = append(out, diffPane(c, ch))
	}
	bands, err := bandPanes(c)
	if err != nil {
		return nil, err
	}
	out = append(out, bands...)
	d, err := c.Alt.chartData()
	if err != nil {
		return nil, err
	}
	cost, err := plots.CostByYearChart(d, runSource(c))
	if err != nil {
		return nil, err
	}
	out = append(out, dataPane(d, cost, plots.CostByYear, money))
	return out, nil
}

// plotsWriter writes a chart plots drew, in png, svg or pdf.
func plotsWriter(ch *plots.Chart) func(io.Writer, string) error {
	return func(w io.Writer, format string) error {
		wt, err := ch.WriterTo(format)
		if err != nil {
			return err
		}
		_, err = wt.WriteTo(w)
		return err
	}
}

// diffPane is the chart of the differences from the baseline, with a table of them by year
// and comparison.csv as its data.
func diffPane(c *comparison, ch *plots.Chart) *paneChart {
	kpis := []string{sim.CostTotal, sim.OccupiedKPI("ifa"), sim.OccupiedCategoryKPI(model.Residential)}
	pc := &paneChart{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, What: "paired mean difference and its 90% interval",
		Formats: []string{"png", "svg", "pdf", "csv"}}
	pc.Head = []string{"period"}
	for _, k := range kpis {
		pc.Head = append(pc.Head, plots.KPILabel(k))
	}
	byKey := map[[2]string]sim.Difference{}
	var periods []string
	for _, d := range c.Diffs {
		byKey[[2]string{d.Period, d.KPI}] = d
		if !slices.Contains(periods, d.Period) {
			periods = append(periods, d.Period)
		}
	}
	for _, p := range periods {
		row := []string{p}
		if p == sim.WholeRun {
			row[0] = "all years"
		}
		for _, k := range kpis {
			d, ok := byKey[[2]string{p, k}]
			if !ok {
				row = append(row, "–")
				continue
			}
			u := plots.UnitOf(k)
			row = append(row, fmt.Sprintf("%s (%s to %s)", signed(d.DiffMean, u), signed(d.DiffLo, u), signed(d.DiffHi, u)))
		}
		pc.Rows = append(pc.Rows, row)
	}
	draw := plotsWriter(ch)
	pc.write = func(w io.Writer, format string) error {
		if format == "csv" {
			return sim.WriteComparison(w, c.Alt.s.Name, c.Base.s.Name, c.Diffs, true)
		}
		return draw(w, format)
	}
	return pc
}

// dataPane is a chart plots drew from the scenario's chart data, with a table of its series
// (medians and 90% of runs) and the chart's rows of chart-data.csv as its data.
func dataPane(d *plots.Data, ch *plots.Chart, name string, u unit) *paneChart {
	pc := &paneChart{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, What: "median and 90% of runs",
		Formats: []string{"png", "svg", "pdf", "csv"}}
	pc.Head = []string{"period"}
	var xs []string
	cells := map[[2]string]string{}
	for _, series := range d.SeriesNames(name) {
		rows := d.Series(name, series)
		if len(rows) == 0 {
			continue
		}
		pc.Head = append(pc.Head, rows[0].Label)
		for _, r := range rows {
			if !slices.Contains(xs, r.X) {
				xs = append(xs, r.X)
			}
			cells[[2]string{r.X, series}] = fmt.Sprintf("%s (%s–%s)", level(r.Median(), u), level(r.P[0], u), level(r.P[4], u))
		}
	}
	for _, x := range xs {
		row := []string{x}
		for _, series := range d.SeriesNames(name) {
			if v, ok := cells[[2]string{x, series}]; ok {
				row = append(row, v)
			} else if len(d.Series(name, series)) > 0 {
				row = append(row, "–")
			}
		}
		pc.Rows = append(pc.Rows, row)
	}
	draw := plotsWriter(ch)
	pc.write = func(w io.Writer, format string) error {
		if format == "csv" {
			sub := &plots.Data{Scenario: d.Scenario}
			for _, r := range d.Rows {
				if r.Chart == name {
					sub.Rows = append(sub.Rows, r)
				}
			}
			return sub.WriteCSV(w)
		}
		return draw(w, format)
	}
	return pc
}

// svg returns the chart as inline SVG for the page.
func (pc *paneChart) svg() (string, error) {
	var b bytes.Buffer
	if err := pc.write(&b, "svg"); err != nil {
		return "", err
	}
	return plots.InlineSVG(b.String()), nil
}

// boardPack writes the printable board pack of a comparison: plots' HTML report of the
// scenario's run, with the difference from the baseline among its charts.
func boardPack(w io.Writer, c *comparison) error {
	d, err := c.Alt.chartData()
	if err != nil {
		return err
	}
	src := runSource(c)
	charts, err := plots.Charts(d, src)
	if err != nil {
		return err
	}
	diff, err := plots.ComparisonCharts(compareRows(c), interval, comparisonSource(c))
	if err != nil {
		return err
	}
	r := &plots.Report{Data: d, Scenario: c.Alt.s, Source: src, Charts: append(diff, charts...)}
	return r.WriteHTML(w)
}

// packPolicy is the Content-Security-Policy of the board pack: plots writes it as one
// self-contained page with its style sheet and charts inline, so it may use inline styles,
// and still makes no request of any kind.
const packPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// chartFormats names the export formats for a reader.
func chartFormats(formats []string) string {
	return strings.ToUpper(strings.Join(formats, ", "))
}
