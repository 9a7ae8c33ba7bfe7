package plots_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// tinyYAML is a small county of its own: 40 children a year entering care, 20 in-house
// foster households of one place each, an agency, and external children's homes for
// teenagers with complex needs.
const tinyYAML = `
name: tiny
start: 2026-04-01
years: 3
warmup_years: 2
entries:
  per_year: 40
  ages:
    - {ages: 0-11, share: 0.6}
    - {ages: 12-17, share: 0.4, needs: {standard: 0.7, complex: 0.3}}
stays:
  - stay: {distribution: exponential, mean_days: 1 year}
    exits: {return_home: 1}
kinds:
  - name: inhouse_foster
    label: In-house foster care
    category: foster
    supply: carers
    weekly_gbp: 450
    carers: {households: 20, places_mix: {1: 1}}
  - {name: ifa, label: Agency foster care, category: foster, supply: market, weekly_gbp: 950}
  - {name: external_residential, label: External children's homes, category: residential, supply: market, weekly_gbp: "£5,500"}
ladders:
  - who: {needs: complex}
    try: [external_residential]
  - try: [inhouse_foster, ifa]
`

// run reads tinyYAML with the --set overrides sets and runs it for 20 replications with
// seed 1.
func run(sets ...string) *sim.Results {
	s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", sets)
	if err != nil {
		panic(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 20, Seed: 1})
	if err != nil {
		panic(err)
	}
	return res
}

// FromResults works out the chart data of a run, and Charts draws every chart the data
// holds, each with a title and a subtitle that states its finding.
func ExampleCharts() {
	d, err := plots.FromResults(run())
	if err != nil {
		fmt.Println(err)
		return
	}
	charts, err := plots.Charts(d, plots.Source{Version: "v1.0.0", Scenario: d.Scenario, Reps: 20, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range charts {
		fmt.Printf("%s: %s\n", c.Name, c.Title)
	}
	// Output:
	// children-by-kind: Children in care by type of placement
	// sufficiency-gap: Children whose first choice is in-house foster care, and its places
	// sufficiency-gap-by-age: Children whose first choice is in-house foster care, by age, and its empty places
	// placement-mix: Where children in care live
	// cost-by-year: Spending on children in care by financial year
	// carer-households: The council's own foster carers
	// emergency-residential: Residential care and emergency placements
}

// A chart renders to any io.Writer, in PNG, SVG or PDF, with the same bytes every time.
func ExampleChart_WriterTo() {
	d, err := plots.FromResults(run())
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := plots.CostByYearChart(d, plots.Source{Version: "v1.0.0", Scenario: d.Scenario, Reps: 20, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	wt, err := c.WriterTo("svg")
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		fmt.Println(err)
		return
	}
	svg := buf.String()
	fmt.Println(c.Name)
	fmt.Println(c.Title)
	// The document opens with an XML declaration and a comment, then the <svg> element,
	// 16 cm by 10 cm (453.54 by 283.46 points).
	svgElement, _, _ := strings.Cut(svg[strings.Index(svg, "<svg"):], "\n")
	fmt.Println(svgElement)
	// Output:
	// cost-by-year
	// Spending on children in care by financial year
	// <svg width="453.54pt" height="340.16pt" viewBox="0 0 453.54 340.16"
}

// A Report is one self-contained HTML page: what was simulated, the key figures with their
// ranges, the charts as inline SVG, and the scenario's assumptions.
func ExampleReport_WriteHTML() {
	res := run()
	d, err := plots.FromResults(res)
	if err != nil {
		fmt.Println(err)
		return
	}
	src := plots.Source{Version: "v1.0.0", Scenario: d.Scenario, Reps: len(res.Reps), Seed: res.Seed}
	charts, err := plots.Charts(d, src)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	r := &plots.Report{Data: d, Scenario: res.Scenario, Source: src, Charts: charts}
	if err := r.WriteHTML(&buf); err != nil {
		fmt.Println(err)
		return
	}
	html := buf.String()
	fmt.Println("an HTML page:", strings.HasPrefix(html, "<!DOCTYPE html>"))
	fmt.Println("inline SVG charts:", strings.Count(html, "<svg"), "of", len(charts))
	fmt.Println("scripts:", strings.Count(html, "<script"))
	// Output:
	// an HTML page: true
	// inline SVG charts: 7 of 7
	// scripts: 0
}

// A comparison is written to comparison.csv by sim.WriteComparison; ReadCompareRows reads it
// back and ComparisonCharts draws each alternative's difference from the baseline.
func ExampleComparisonCharts() {
	base, alt := run(), run("kinds.inhouse_foster.carers.households=30")
	diffs, err := sim.Compare(base, alt, 0.9)
	if err != nil {
		fmt.Println(err)
		return
	}
	var csv bytes.Buffer
	if err := sim.WriteComparison(&csv, "30-households", "tiny", diffs, true); err != nil {
		fmt.Println(err)
		return
	}
	rows, err := plots.ReadCompareRows(&csv)
	if err != nil {
		fmt.Println(err)
		return
	}
	charts, err := plots.ComparisonCharts(rows, 0.9, "Source: placesim v1.0.0 simulation.")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range charts {
		fmt.Printf("%s: %s\n", c.Name, c.Title)
	}
	// KPILabel names a KPI in plain English, as the charts' panels do.
	fmt.Println(plots.KPILabel("occupied_ifa"))
	// Output:
	// difference-30-households: How "30-households" differs from "tiny"
	// Children with agency foster carers
}

// SweepChart draws a KPI against the lever of a sweep, from rows as ReadSweepRows reads them
// from the sweep's table; the subtitle states the figures at both ends.
func ExampleSweepChart() {
	const table = `scenario,lever,value,period,kpi,mean,lo,hi,n
default,entries.per_year,300,all,cost_total,61200000,60100000,62300000,100
default,entries.per_year,330,all,cost_total,66900000,65700000,68100000,100
default,entries.per_year,360,all,cost_total,72800000,71500000,74100000,100
`
	rows, err := plots.ReadSweepRows(strings.NewReader(table))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := plots.SweepChart(rows, "cost_total", "all", 0.9, "Source: placesim v1.0.0 simulation.")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Name)
	fmt.Println(c.Title)
	fmt.Println(c.Subtitle)

	// A table with a value that is not a number is refused, naming the line and column.
	_, err = plots.ReadSweepRows(strings.NewReader(strings.Replace(table, "66900000", "lots", 1)))
	fmt.Println(err)
	// Output:
	// sweep-entries-per-year-cost-total
	// Spending over the whole run as entries.per_year changes
	// From £61.2m when entries.per_year is 300 to £72.8m when it is 360 (9 in 10 runs at 360: £71.5m to £74.1m).
	// sweep: line 3: mean: "lots" is not a number
}

// The chart data is kept as chart-data.csv, so that charts can be drawn again without
// simulating: ReadData reads back exactly what WriteCSV wrote, every number in full.
func ExampleData_WriteCSV() {
	d, err := plots.FromResults(run())
	if err != nil {
		fmt.Println(err)
		return
	}
	var csv bytes.Buffer
	if err := d.WriteCSV(&csv); err != nil {
		fmt.Println(err)
		return
	}
	written := csv.String()
	fmt.Print(strings.SplitAfter(written, "\n")[0])
	back, err := plots.ReadData(&csv)
	if err != nil {
		fmt.Println(err)
		return
	}
	var again bytes.Buffer
	if err := back.WriteCSV(&again); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rows:", len(back.Rows) == len(d.Rows), "written again, the same bytes:", again.String() == written)
	// Output:
	// scenario,chart,series,label,x,mean,p05,p25,p50,p75,p95
	// rows: true written again, the same bytes: true
}

// BandChart draws a scenario's figures over its baseline's, with its interventions marked;
// Table gives the figures for a table under the chart, one row a year.
func ExampleBandChart() {
	years := []string{"2026/27", "2027/28", "2028/29"}
	row := func(x string, median, lo, hi float64) plots.Row {
		return plots.Row{X: x, Mean: median, P: [5]float64{lo, (lo + median) / 2, median, (median + hi) / 2, hi}}
	}
	b := &plots.Bands{
		Name: "ifa", Title: "Children in agency foster care", Scenario: "recruit-12", Baseline: "default", Unit: plots.Count,
		Measures: []plots.Measure{{
			Series: "occupied_ifa", Label: "Agency foster care", Band: true,
			Scenario: []plots.Row{row(years[0], 120, 110, 131), row(years[1], 112, 100, 125), row(years[2], 104, 90, 118)},
			Baseline: []plots.Row{row(years[0], 121, 110, 132), row(years[1], 124, 112, 137), row(years[2], 127, 113, 141)},
		}},
		Markers: []plots.Marker{{At: time.Date(2027, time.October, 1, 0, 0, 0, 0, time.UTC), Label: "Recruitment campaign"}},
	}
	c, err := plots.BandChart(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range c.Legend {
		fmt.Println("legend:", it.Label)
	}
	head, rows, err := b.Table()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(head, " | "))
	for _, r := range rows {
		fmt.Println(strings.Join(r, " | "))
	}
	// Output:
	// legend: Agency foster care
	// legend: "recruit-12": median of runs; bands hold 9 in 10 runs
	// legend: "default" (baseline): median
	// legend: Intervention takes effect
	// financial year | Agency foster care (recruit-12) | Agency foster care (default)
	// 2026/27 | 120 (110 to 131) | 121
	// 2027/28 | 112 (100 to 125) | 124
	// 2028/29 | 104 (90 to 118) | 127
}
