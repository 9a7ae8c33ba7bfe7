package workspace

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// The workspace's band charts: bandCharts works out from a comparison what plots.BandChart
// draws, and bandPanes makes them charts of the results pane, drawn and written by plots.

// bandPanes draws the band charts of a comparison for the results pane: each inline as SVG,
// exported in PNG, SVG, PDF and CSV, with a table of its figures.
func bandPanes(c *comparison) ([]*paneChart, error) {
	var out []*paneChart
	for _, b := range bandCharts(c) {
		ch, err := plots.BandChart(b)
		if err != nil {
			return nil, err
		}
		head, rows, err := b.Table()
		if err != nil {
			return nil, err
		}
		draw := plotsWriter(ch)
		out = append(out, &paneChart{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, Marks: markerText(b.Markers), What: "median and 90% of runs",
			Head: head, Rows: rows, Formats: []string{"png", "svg", "pdf", "csv"},
			write: func(w io.Writer, format string) error {
				if format == "csv" {
					return b.WriteCSV(w)
				}
				return draw(w, format)
			}})
	}
	return out, nil
}

// bandCharts returns the charts that set the scenario's bands over the baseline's medians by
// month, with a marker at each of the scenario's own interventions: the need for the council's
// own foster care against its places, and children in agency foster care and residential
// care. (plots draws one run, or the differences of a comparison; these draw both runs.)
func bandCharts(c *comparison) []*plots.Bands {
	src := comparisonSource(c)
	var out []*plots.Bands
	months := c.Alt.res.Months
	markers := interventionMarkers(c.Alt.s, c.Base.s)
	// monthly summarises the sum of metrics over the runs of r, month by month.
	monthly := func(r *runOut, metrics ...string) []plots.Row {
		n := len(r.res.Reps)
		var cols [][]float64 // by replication, then metric
		for pos := range n {
			for _, m := range metrics {
				if j := r.metricIndex(m); j >= 0 {
					cols = append(cols, r.series(pos, j))
				} else {
					cols = append(cols, make([]float64, len(months)))
				}
			}
		}
		rows := make([]plots.Row, len(months))
		vals := make([]float64, n)
		for i, m := range months {
			for pos := range n {
				vals[pos] = 0
				for j := range metrics {
					vals[pos] += cols[pos*len(metrics)+j][i]
				}
			}
			st := sim.Summarise(vals, plots.Percentiles)
			rows[i] = plots.Row{X: m.Format("2006-01-02"), Mean: st.Mean, P: [5]float64(st.Percentiles)}
		}
		return rows
	}
	bands := func(name, title, sub string, ms ...plots.Measure) *plots.Bands {
		return &plots.Bands{Name: name, Title: title, Subtitle: sub, Source: src, Scenario: c.Alt.s.Name, Baseline: c.Base.s.Name,
			YLabel: "Children or places", Unit: count, Measures: ms, Markers: markers}
	}
	// The captions quote the headline's figures: averages over the last financial year,
	// means of runs, as the headline table, the table of places and the run's report give them.
	h := headlineFigures(c)
	when := h.Horizon + " on average (means of runs)"
	placesOf := func(kind string) (placesRow, bool) {
		for _, p := range h.Places[1] {
			if p.Kind == kind {
				return p, true
			}
		}
		return placesRow{}, false
	}
	headline := func(key string) (figure, bool) {
		for _, r := range h.Rows {
			if r.Key == key {
				return r.Horizon, r.Horizon.Valid
			}
		}
		return figure{}, false
	}
	if i, ok := sim.HeadlineGapKind(c.Alt.s); ok {
		k := c.Alt.s.Kinds[i]
		need, have, empty := sim.FirstChoiceOf(k.Name), sim.PlacesOf(k.Name), sim.GapEmpty(k.Name)
		waiting := []string{sim.GapWaitingOther(k.Name)}
		for _, b := range gapBands {
			for n := range model.NumNeeds {
				waiting = append(waiting, sim.GapWaitingCell(k.Name, b.name, n))
			}
		}
		ms := []plots.Measure{
			{Series: need, Label: "Children whose first choice it is", Scenario: monthly(c.Alt, need), Baseline: monthly(c.Base, need), Band: true},
			{Series: have, Label: "Approved places", Scenario: monthly(c.Alt, have), Baseline: monthly(c.Base, have), Band: true},
		}
		p, _ := placesOf(k.Name)
		nm, pm := p.Needed.Mean, p.Available.Mean
		bnm, bpm := p.Needed.BaseMean, p.Available.BaseMean
		sub := fmt.Sprintf("%s: %.0f children whose first choice it is and %.0f places (baseline: %.0f and %.0f)", when, nm, pm, bnm, bpm)
		if c.Alt.metricIndex(empty) >= 0 {
			// The same definitions and words as the sufficiency by age and the run's report:
			// children placed elsewhere whose first choice it is (not waiting for a place, as
			// placesim makes no planned moves), and places with no child in them.
			ms = append(ms,
				plots.Measure{Series: sim.GapWaiting(k.Name), Label: "Children placed elsewhere whose first choice it is", Scenario: monthly(c.Alt, waiting...)},
				plots.Measure{Series: empty, Label: "Empty places", Scenario: monthly(c.Alt, empty)})
			sub = fmt.Sprintf("%s: %.0f children whose first choice it is, %.0f places (baseline %.0f, %.0f); %.0f of them placed elsewhere, %.0f places empty",
				when, nm, pm, bnm, bpm, p.Waiting.Mean, p.Empty.Mean)
		}
		out = append(out, bands("sufficiency-gap", plots.SufficiencyGapTitle(k.Label), sub, ms...))
	}
	var resi []string
	for _, k := range c.Alt.s.Kinds {
		if k.Category == model.Residential {
			resi = append(resi, sim.ChildrenOf(k.Name))
		}
	}
	var ms []plots.Measure
	if ifa := sim.ChildrenOf("ifa"); c.Alt.metricIndex(ifa) >= 0 {
		ms = append(ms, plots.Measure{Series: ifa, Label: "Agency foster care",
			Scenario: monthly(c.Alt, ifa), Baseline: monthly(c.Base, ifa), Band: true})
	}
	if len(resi) > 0 {
		ms = append(ms, plots.Measure{Series: "children_residential", Label: "Residential care",
			Scenario: monthly(c.Alt, resi...), Baseline: monthly(c.Base, resi...), Band: true})
	}
	if len(ms) > 0 {
		sub := make([]string, 0, len(ms))
		for _, m := range ms {
			key := sim.OccupiedCategoryKPI(model.Residential)
			if m.Series != "children_residential" {
				key = sim.OccupiedKPI("ifa")
			}
			if f, ok := headline(key); ok {
				sub = append(sub, fmt.Sprintf("%s %s (baseline %s)", strings.ToLower(m.Label), level(f.Mean, f.Unit), level(f.BaseMean, f.Unit)))
			}
		}
		b := bands("ifa-residential", "Children in agency foster care and residential care",
			fmt.Sprintf("%s: %s", when, strings.Join(sub, ", ")), ms...)
		b.YLabel = "Children"
		out = append(out, b)
	}
	return out
}

// interventionMarkers returns the days the scenario's own interventions (those its baseline
// has not) take effect, each with its label or, without one, its action.
func interventionMarkers(s, base *model.Scenario) []plots.Marker {
	var out []plots.Marker
	ls := leversFor(base)
	for _, iv := range ownChanges(base, s) {
		at := iv.From
		if iv.Action == model.OpenHome {
			at = at.Add(time.Duration(iv.LeadTimeDays * 24 * float64(time.Hour)))
		}
		label := iv.Label
		if label == "" {
			label = markerWords(ls, s, iv)
		}
		out = append(out, plots.Marker{At: at, Label: label})
	}
	return out
}

// markerWords names a dated change with no label of its own as the workspace says it: by
// the lever that sets it ("Carers recruited a year"), or else as the board pack lists it
// ("More arrivals"), never by its action's name in the file (extra_approvals).
func markerWords(ls []*lever, s *model.Scenario, iv model.Intervention) string {
	for _, l := range ls {
		if l.isIntervention() && l.Action == iv.Action.String() && (l.Kind == "" || kindName(s, iv.Kind) == l.Kind) {
			return l.Label
		}
	}
	if said := plots.InterventionChanges(s, []model.Intervention{iv}); len(said) > 0 {
		if w, _, ok := strings.Cut(said[0], " ("); ok {
			return w
		}
		return said[0]
	}
	return iv.Action.String()
}

// markerText says the markers of a chart in words, for its text alternative: "Dotted lines
// mark when changes take effect: Carers recruited a year, October 2027." or "".
func markerText(ms []plots.Marker) string {
	if len(ms) == 0 {
		return ""
	}
	var said []string
	for _, m := range ms {
		said = append(said, m.Label+", "+m.At.Format("January 2006"))
	}
	what := "Dotted lines mark when changes take effect: "
	if len(ms) == 1 {
		what = "A dotted line marks when a change takes effect: "
	}
	return what + strings.Join(said, "; ") + "."
}
