// Package plots draws the charts and the HTML report of placesim's results for board papers,
// with gonum/plot.
//
// The charts of one run are drawn from its chart data (Data): the series each chart draws,
// summarised over replications (median, 50% and 90% bands, mean), worked out from
// sim.Results by FromResults and kept as chart-data.csv, so that they can be drawn again
// without simulating. Charts turns the data into charts; ComparisonCharts and SweepChart draw
// the rows of a comparison or a sweep; BandChart draws a scenario's bands over its baseline's
// medians by month or financial year, with its interventions marked. Every chart has a
// plain-English title, a subtitle that states what it shows (worked out from the figures),
// money as £1.2m, financial years as 2027/28, the Okabe-Ito palette with line dashes and
// lightness that survive printing in grey, text sized for a 16 cm column of A4, and a source
// line.
//
// Nothing here touches files: a Chart renders to any io.Writer through WriterTo, in PNG
// (300 dpi), SVG or PDF, and the same chart gives the same bytes every time; a Report writes one
// self-contained HTML page; WriteWorkbook writes a run's results.xlsx, with excelize, for
// finance colleagues. A comparison has its own board pack and workbook (CompareReport), its
// business case as text (WriteNetCaseText) and chart (CumulativeNetChart), and a sensitivity
// analysis its tornado chart (TornadoChart).
//
// A region (councils sharing one market of places, sim.RegionResults) has a report of its own
// (RegionReport: the councils' headline figures, NewRegionFigures, beside the region's, the
// shared markets' occupancy by zone, RegionMarket, and a section a council), charts of its own
// (RegionCharts: the councils side by side, each market's occupancy over time, the spot price
// premium) and a workbook with a council column (WriteRegionWorkbook); a comparison of regions,
// council by council, has its board pack and workbook (RegionCompareReport).
package plots
