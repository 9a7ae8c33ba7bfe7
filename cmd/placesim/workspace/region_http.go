package workspace

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// regionChoice is a region the regions page offers.
type regionChoice struct {
	Ref, Label, Description string
}

// regionsPage is what the regions template shows.
type regionsPage struct {
	Builtin, Saved []regionChoice
	Version        string
	// Unlisted says which files of the folder are not listed, and why (folder.unlisted).
	Unlisted string
	// Error says why a region asked for could not be opened, and Warnings are its warnings, as
	// placesim validate says them: what a list dropped is often why it fails.
	Error    string
	Warnings []string
}

// regions serves the page that lists the regions: the built-in ones (the South East and its
// strategies) and the region files of the folder. England's councils are beyond what the
// workspace runs, and are left out.
func (s *Server) regions(w http.ResponseWriter, r *http.Request) {
	s.render(w, "regions.html", s.regionsList(""))
}

// regionsList is the regions page, with why a region could not be opened.
func (s *Server) regionsList(problem string) regionsPage {
	page := regionsPage{Version: s.cfg.Version, Error: problem, Unlisted: s.folder.unlisted()}
	for _, b := range scenarios.BuiltinRegions() {
		if b.Name == "england" {
			continue
		}
		page.Builtin = append(page.Builtin, regionChoice{Ref: b.Name, Label: b.Name, Description: b.Description})
	}
	saved, _ := s.folder.regions()
	for _, n := range saved {
		page.Saved = append(page.Saved, regionChoice{Ref: n + ".yaml", Label: n + ".yaml"})
	}
	return page
}

// regionPageView is what the region template shows.
type regionPageView struct {
	St                 regionState
	Title, Description string
	BaseRef            string
	Strategy           bool
	Councils           int
	Groups             []regionGroup
	Problems           []string
	// Warnings are the region's warnings (regionResolved.warnings).
	Warnings []string
	// Note says why the region opened is its own baseline (regionResolved.note).
	Note      string
	QuickReps int
	FullReps  int
	// Paired says that a run is a strategy's, paired with its baseline: the run buttons say
	// "paired runs", as the scenario page's Full run does.
	Paired  bool
	Version string
	Query   string
	// NameError says why the strategy cannot be saved under its name (a built-in's), and
	// BuiltinNames are the names the page says so of as they are typed (builtinNames).
	NameError    string
	BuiltinNames map[string]string
}

// regionPage serves a region's page: its levers, and the results the page asks for.
func (s *Server) regionPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	st := regionState{Ref: q.Get("r"), Name: q.Get("name"), Description: q.Get("about"), Values: map[string]string{}}
	for k, v := range q {
		if strings.HasPrefix(k, "p.") || strings.HasPrefix(k, "pool") || strings.HasPrefix(k, "r.") || strings.HasPrefix(k, "exit") || strings.HasPrefix(k, "open.") || (strings.HasPrefix(k, "b") && strings.Contains(k, ".")) {
			st.Values[k] = v[0]
		}
	}
	rv, err := s.resolveRegion(st)
	if err != nil {
		page := s.regionsList(err.Error())
		_, _, page.Warnings, _ = s.loadRegionWarnings(st.Ref)
		w.WriteHeader(http.StatusNotFound)
		s.render(w, "regions.html", page)
		return
	}
	v := regionPageView{St: rv.st, Title: rv.opened.Name, Description: rv.opened.Description, BaseRef: rv.baseRef,
		Strategy: rv.baseRef != rv.openedRef, Councils: len(rv.opened.Councils), Groups: rv.groups, Problems: rv.problems, Warnings: rv.warnings, Note: rv.note,
		QuickReps: s.cfg.RegionQuickReps, FullReps: s.cfg.RegionFullReps, Paired: rv.paired(), Version: s.cfg.Version, Query: rv.query(),
		BuiltinNames: builtinNames()}
	if err := typedNameError(rv.st.Name); err != nil && rv.st.Name != "" {
		v.NameError = err.Error()
	}
	s.render(w, "region.html", v)
}

// regionRunResponse is the answer of POST /api/region/run.
type regionRunResponse struct {
	Results  string   `json:"results,omitempty"`
	Stamp    string   `json:"stamp,omitempty"`
	Problems []string `json:"problems,omitempty"`
	// Warnings are the region's warnings (regionResolved.warnings): it runs all the same.
	Warnings []string `json:"warnings"`
	// Note says why the region opened is its own baseline (regionResolved.note).
	Note    string            `json:"note,omitempty"`
	Errors  map[string]string `json:"errors"`
	Changed map[string]bool   `json:"changed"`
	// Echoes say, by box, what a change typed into it made of the value it is from.
	Echoes map[string]string `json:"echoes"`
	Text   string            `json:"text"`
	Query  string            `json:"query"`
	// Paired says that a run of the levers as they are is a strategy's, paired with its
	// baseline (see regionPageView.Paired); nil when the region cannot be opened.
	Paired *bool `json:"paired,omitempty"`
	// KeyFigs are the few figures the page keeps in view: the region's change in spending,
	// emergencies and net saving for a strategy, its spending and emergencies otherwise.
	KeyFigs   []keyFig `json:"keyfigs,omitempty"`
	Cancelled bool     `json:"cancelled,omitempty"`
	Millis    int64    `json:"millis"`
	Error     string   `json:"error,omitempty"`
}

// apiRegionRun runs the region the page's levers make, quick or full, and, when it is a
// strategy (changed by the levers, or opened as one), compares it with its baseline council by
// council.
func (s *Server) apiRegionRun(w http.ResponseWriter, r *http.Request) {
	began := time.Now()
	var st regionState
	if !readJSON(w, r, &st) {
		return
	}
	if st.Tab == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "tab: missing"})
		return
	}
	ctx, release := s.startTab(r.Context(), st.Tab)
	defer release()
	ctx, stop := s.startMeter(ctx, st.Tab)
	defer stop()
	rv, err := s.resolveRegion(st)
	if err != nil {
		writeJSON(w, http.StatusOK, regionRunResponse{Problems: []string{err.Error()}})
		return
	}
	resp := regionRunResponse{Text: rv.text, Query: rv.query(), Paired: new(rv.paired()), Problems: rv.problems, Warnings: rv.warnings, Note: rv.note, Errors: map[string]string{}, Changed: map[string]bool{}, Echoes: map[string]string{}}
	for _, g := range rv.groups {
		for _, l := range g.Levers {
			resp.Errors[l.ID], resp.Changed[l.ID], resp.Echoes[l.ID] = l.Error, l.Changed, l.Echo
		}
	}
	if !rv.ok() {
		resp.Millis = time.Since(began).Milliseconds()
		writeJSON(w, http.StatusOK, resp)
		return
	}
	reps := s.cfg.RegionQuickReps
	if st.Full {
		reps = s.cfg.RegionFullReps
	}
	compared := rv.reg != rv.base
	meterOf(ctx).expect(reps)
	if compared {
		meterOf(ctx).expect(reps)
	}
	fail := func(err error) {
		if s.stopping(ctx) {
			// The workspace is stopping: nobody will finish the run, and the page says so.
			resp.Error = stoppedMessage
			resp.Millis = time.Since(began).Milliseconds()
			writeJSON(w, http.StatusServiceUnavailable, resp)
			return
		}
		if ctx.Err() != nil {
			resp.Cancelled = true
			writeJSON(w, http.StatusOK, resp)
			return
		}
		resp.Problems = append(resp.Problems, err.Error())
		status := runStatus(err)
		if status != http.StatusOK {
			resp.Error = err.Error()
		}
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
		resp.Millis = time.Since(began).Milliseconds()
		writeJSON(w, status, resp)
	}
	seed := s.cfg.Seed
	var base, alt *regionOut
	if compared {
		if base, err = s.regionRunKept(ctx, rv.base, seed, reps); err != nil {
			fail(err)
			return
		}
	}
	if alt, err = s.regionRunKept(ctx, rv.reg, seed, reps); err != nil {
		fail(err)
		return
	}
	// The run is kept for its report and workbook, which run it again keeping every council's
	// monthly record.
	var runID string
	if s.cfg.RegionFiles != nil {
		kept := &regionComparison{Alt: alt, Seed: seed, Reps: reps, Version: s.cfg.Version}
		s.keepRegion(kept)
		runID = kept.ID
	}
	var c *regionComparison
	if compared {
		rc, err := compareRegionRuns(base, alt)
		if err != nil {
			fail(err)
			return
		}
		c = &regionComparison{Base: base, Alt: alt, RC: rc, Seed: seed, Reps: reps, Version: s.cfg.Version, Files: regionFilesText(rv, alt.reg.Name, s.cfg.Dir)}
		s.keepRegion(c)
	}
	html, err := s.regionResultsHTML(alt, c, runID)
	if err != nil {
		fail(err)
		return
	}
	resp.Results = html
	resp.KeyFigs = keyFigures(alt, c)
	kind := "quick"
	if st.Full {
		kind = "full"
	}
	resp.Stamp = fmt.Sprintf("Up to date: %s run of %s (seed %d), %s", kind, plural(reps, "replication"), seed, time.Now().Format("15:04:05"))
	if compared {
		resp.Stamp = fmt.Sprintf("Up to date: %s run of %s paired council by council with %s (seed %d), %s", kind, plural(reps, "replication"), base.reg.Name, seed, time.Now().Format("15:04:05"))
	}
	resp.Millis = time.Since(began).Milliseconds()
	writeJSON(w, http.StatusOK, resp)
}

// keyFig is one figure of the status bar.
type keyFig struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// keyFigures are the figures the status bar keeps in view, each named with its period and
// statistic, as the councils' table under it says them: "Region: spending a year, mean of the
// 10 years (cash)", the mean of the runs of a year's worth over the whole run, not a year's
// own figure (a region's spending a year grows from the first year to the last).
func keyFigures(out *regionOut, c *regionComparison) []keyFig {
	var figs []keyFig
	years := 0
	if out != nil && out.reg != nil {
		years = out.reg.Years
	}
	if c != nil {
		changes := c.RC.Changes()
		for _, ch := range changes[len(changes)-1] {
			if ch.KPI == sim.CostTotal || ch.KPI == sim.EmergencyPlacements {
				u := plots.UnitOf(ch.KPI)
				figs = append(figs, keyFig{keyFigLabel("change in "+strings.ToLower(ch.Label[:1])+ch.Label[1:], ch.KPI, years), signed(ch.Diff, u) + " (" + signed(ch.DiffLo, u) + " to " + signed(ch.DiffHi, u) + ")"})
			}
		}
		nc := c.RC.Cases[len(c.RC.Cases)-1]
		if n := len(nc.Years); n > 0 {
			cum := nc.Years[n-1].Cumulative
			figs = append(figs, keyFig{"Region: net saving over the run", signed(cum.Mean, plots.Money)})
		}
		return figs
	}
	f := plots.NewRegionFigures(out.rr)
	last := len(f.Councils) - 1
	for j, kpi := range f.KPIs {
		if kpi == sim.CostTotal || kpi == sim.EmergencyPlacements {
			figs = append(figs, keyFig{keyFigLabel(strings.ToLower(f.Labels[j][:1])+f.Labels[j][1:], kpi, years), statCell(f.Stats[last][j], plots.UnitOf(kpi)).Value})
		}
	}
	return figs
}

// keyFigLabel names a figure of the region's status bar, a year's worth of KPI kpi over a run
// of years years: "Region: spending a year, mean of the 10 years (cash)".
func keyFigLabel(label, kpi string, years int) string {
	period := fmt.Sprintf(", mean of the %d years", years)
	if years == 1 {
		period = ", the run's year"
	} else if years <= 0 {
		period = ", mean of the run's years"
	}
	if plots.UnitOf(kpi) == plots.Money {
		period += " (cash)"
	}
	return "Region: " + label + period
}

// regionCell is a figure of a region's table: the mean of runs (the market's the median, as
// its table says) and the range of 9 in 10.
type regionCell struct{ Value, Range string }

// regionCouncilRow is one row of the table of councils.
type regionCouncilRow struct {
	Name  string
	Total bool
	Cells []regionCell
}

// councilDetail is one council's headline figures, for the council picker.
type councilDetail struct {
	Name, ID string
	Rows     []councilDetailRow
}

type councilDetailRow struct {
	Label           string
	Year1, Horizon  regionCell
	Change, ChangeR string
}

// regionChangeView is one council's row of what a strategy changes.
type regionChangeView struct {
	Name  string
	Total bool
	Cells []struct{ Diff, Range, Levels string }
}

// regionCaseView is one council's row of the business case.
type regionCaseView struct {
	Name string
	// Total marks the region's row; Part the rows under it that split it between the
	// councils the strategy changes and the others.
	Total, Part                                   bool
	Net, NetRange, NPV, NPVRange, Payback, Chance string
}

// regionMarketView is one market's figures in one zone.
type regionMarketView struct {
	Market, Zone                string
	Places, Occupied, Occupancy regionCell
}

// regionResultsView is what the region results template shows.
type regionResultsView struct {
	Name, BaseName string
	ID             string
	Level          string
	Reps           int
	Year1, Horizon string
	Columns        []string
	Rows           []regionCouncilRow
	Details        []councilDetail
	ChangeColumns  []string
	Changes        []regionChangeView
	Cases          []regionCaseView
	Market         []regionMarketView
	Premium        []struct {
		Year string
		Cell regionCell
	}
	Charts []chartView
	// UASCGrant is what the comparison's spending leaves out when UASC in care differ
	// (plots.RegionComparison.UASCGrantLines), as the board pack says it.
	UASCGrant []string
	// Split says how the region's net saving splits between the councils the strategy
	// changes and the others (plots.RegionComparison.SplitLine), or is "".
	Split string
	// ChangesTotal and CasesTotal say, under the tables of changes and of business cases,
	// that the region's row is the total of its councils' (plots.RegionChangesTotalKey,
	// plots.RegionCaseTotalKey), as the board pack says it.
	ChangesTotal, CasesTotal string
	Compared                 bool
	OutOfAreaHeader          string
	// RunID names the run kept for its report and workbook (/region-export/RunID/report.html),
	// or "" when they are not offered.
	RunID string
	// Caution says when the runs are too few for the ranges of 9 runs in 10 the tables give
	// (plots.FewRunsNote), or is "".
	Caution string
}

// medianOf is the median and 90% range of values xs in unit u.
func medianOf(xs []float64, u unit) regionCell {
	xs = slices.DeleteFunc(slices.Clone(xs), math.IsNaN)
	if len(xs) == 0 {
		return regionCell{Value: "–"}
	}
	return medianCell(sim.Summarise(xs, []float64{5, 50, 95}), u)
}

// kpiCell is KPI kpi of res in period as a council's report gives it: the mean of the runs (a
// share's the ratio of totals, as summary.csv gives it) and the 90% range, in unit u.
func kpiCell(res *sim.Results, period, kpi string, u unit) regionCell {
	p, k := slices.Index(res.Periods, period), slices.Index(res.KPIs, kpi)
	if p < 0 || k < 0 {
		return regionCell{Value: "–"}
	}
	return statCell(res.Summary(p, k, []float64{5, 50, 95}), u)
}

// statCell is a Stat's mean and 90% range in unit u, as the region's report gives them.
func statCell(st sim.Stat, u unit) regionCell {
	if len(st.Percentiles) < 3 || math.IsNaN(st.Mean) || math.IsNaN(st.Percentiles[1]) {
		return regionCell{Value: "–"}
	}
	return regionCell{Value: level(st.Mean, u), Range: level(st.Percentiles[0], u) + " to " + level(st.Percentiles[2], u)}
}

// medianCell is a Stat's median and 90% range in unit u: the market's figures, as the region's
// report and its charts give them.
func medianCell(st sim.Stat, u unit) regionCell {
	if len(st.Percentiles) < 3 || math.IsNaN(st.Percentiles[1]) {
		return regionCell{Value: "–"}
	}
	return regionCell{Value: level(st.Percentiles[1], u), Range: level(st.Percentiles[0], u) + " to " + level(st.Percentiles[2], u)}
}

// regionResultsHTML renders the results of a region's run, and of its comparison with its
// baseline when c is not nil; runID names the run's report and workbook, when they are offered.
func (s *Server) regionResultsHTML(out *regionOut, c *regionComparison, runID string) (string, error) {
	rr := out.rr
	years := rr.Total.Years()
	// The council picker's first and last financial years, headed as a scenario's report heads
	// them: a part year says so. The last is the last whole year where there is one.
	year1, horizon := years[0], plots.LastWholeYear(out.reg.Start, out.reg.Years, years)
	v := regionResultsView{Name: out.reg.Name, Level: plots.Percent(interval), Reps: out.reps, RunID: runID,
		Year1: plots.YearLabel(out.reg.Start, out.reg.Years, year1), Horizon: plots.YearLabel(out.reg.Start, out.reg.Years, horizon),
		Caution: plots.FewRunsNote(out.reps, 0.9, "")}
	f := plots.NewRegionFigures(rr)
	v.Columns = f.Labels
	for i, name := range f.Councils {
		row := regionCouncilRow{Name: name, Total: i == len(f.Councils)-1}
		if row.Total {
			row.Name = "Region"
		}
		for j, kpi := range f.KPIs {
			row.Cells = append(row.Cells, statCell(f.Stats[i][j], plots.UnitOf(kpi)))
		}
		v.Rows = append(v.Rows, row)
	}
	var byCouncil map[string][]sim.Difference
	if c != nil {
		v.Compared, v.BaseName, v.ID = true, c.Base.reg.Name, c.ID
		v.UASCGrant = c.RC.UASCGrantLines(c.Base.reg, c.Alt.reg, interval)
		v.ChangesTotal, v.CasesTotal = plots.RegionChangesTotalKey(v.Reps == 1), plots.RegionCaseTotalKey(v.Reps == 1)
		byCouncil = map[string][]sim.Difference{}
		for i, n := range c.RC.Councils {
			byCouncil[n] = c.RC.Diffs[i]
		}
		changes := c.RC.Changes()
		if len(changes) > 0 {
			for _, ch := range changes[0] {
				v.ChangeColumns = append(v.ChangeColumns, ch.Label)
			}
		}
		for j, row := range changes {
			cv := regionChangeView{Name: c.RC.Councils[j], Total: j == len(changes)-1}
			if cv.Total {
				cv.Name = "Region"
			}
			for _, ch := range row {
				u := plots.UnitOf(ch.KPI)
				cv.Cells = append(cv.Cells, struct{ Diff, Range, Levels string }{signed(ch.Diff, u),
					signed(ch.DiffLo, u) + " to " + signed(ch.DiffHi, u), level(ch.Base, u) + " → " + level(ch.Alt, u)})
			}
			v.Changes = append(v.Changes, cv)
		}
		for j, nc := range c.RC.Cases {
			row := regionCaseView{Name: c.RC.Councils[j], Total: j == len(c.RC.Cases)-1, Chance: plots.Chance(nc.PPaysBack)}
			if row.Total {
				row.Name = "Region"
			}
			if n := len(nc.Years); n > 0 {
				cum := nc.Years[n-1].Cumulative
				row.Net, row.NetRange = signed(cum.Mean, plots.Money), plots.CaseInterval(cum)
			}
			row.NPV, row.NPVRange = signed(nc.NPV.Mean, plots.Money), plots.CaseInterval(nc.NPV)
			row.Payback = c.RC.PaybackCellOf(j)
			v.Cases = append(v.Cases, row)
		}
		if sp := c.RC.Split; sp != nil {
			// The region's net saving split between the councils the strategy changes and
			// the others, in two rows under the region's and a line below the table, as the
			// board pack and placesim compare give it.
			for _, g := range sp.Cases() {
				row := regionCaseView{Name: "of which: " + g.Name, Part: true, Payback: plots.PaybackCell(g.Case), Chance: plots.Chance(g.Case.PPaysBack)}
				if n := len(g.Case.Years); n > 0 {
					cum := g.Case.Years[n-1].Cumulative
					row.Net, row.NetRange = signed(cum.Mean, plots.Money), plots.CaseInterval(cum)
				}
				row.NPV, row.NPVRange = signed(g.Case.NPV.Mean, plots.Money), plots.CaseInterval(g.Case.NPV)
				v.Cases = append(v.Cases, row)
			}
			v.Split = c.RC.SplitLine()
		}
	}
	for i, res := range rr.Councils {
		name := out.reg.Councils[i].Name
		d := councilDetail{Name: name, ID: fmt.Sprintf("council-%d", i)}
		hs := plots.Headlines(res.Scenario)
		if c != nil {
			// Compared, as placesim compare heads a comparison: with the children in an
			// emergency placement on an average day beside the emergency placements begun.
			hs = plots.HeadlinesOf(res.Scenario, false)
		}
		for _, h := range hs {
			row := councilDetailRow{Label: h.Label, Year1: kpiCell(res, year1, h.KPI, h.Unit), Horizon: kpiCell(res, horizon, h.KPI, h.Unit)}
			for _, diff := range byCouncil[name] {
				if diff.Period == horizon && diff.KPI == h.KPI {
					row.Change = signed(diff.DiffMean, h.Unit)
					row.ChangeR = signed(diff.DiffLo, h.Unit) + " to " + signed(diff.DiffHi, h.Unit)
				}
			}
			d.Rows = append(d.Rows, row)
		}
		v.Details = append(v.Details, d)
	}
	if m := plots.RegionMarket(rr); m != nil {
		for _, row := range m.Rows {
			zone := row.Zone
			if zone == "" {
				zone = "all zones"
			}
			v.Market = append(v.Market, regionMarketView{Market: row.Market, Zone: zone,
				Places: medianCell(row.Places, plots.Count), Occupied: medianCell(row.Occupied, plots.Count), Occupancy: medianCell(row.Occupancy, plots.Share)})
		}
	}
	if k := slices.Index(rr.Total.KPIs, sim.SpotPriceMultiplier); k >= 0 {
		for p, period := range rr.Total.Periods[:len(rr.Total.Periods)-1] {
			xs := rr.Total.KPI(p, k)
			for i := range xs {
				xs[i]--
			}
			v.Premium = append(v.Premium, struct {
				Year string
				Cell regionCell
			}{plots.YearLabel(out.reg.Start, out.reg.Years, period), medianOf(xs, plots.Share)})
		}
	}
	figs, err := plots.NewRegionChartFigures(rr, plots.Source{Version: s.cfg.Version, Scenario: out.reg.Name, Region: true, Reps: out.reps, Seed: out.seed})
	if err != nil {
		return "", err
	}
	charts, err := figs.Charts()
	if err != nil {
		return "", err
	}
	for _, ch := range charts {
		ch.Subtitle = workspaceCaption(ch.Subtitle, out.reg.Name, s.cfg.RegionFiles != nil)
	}
	v.Charts = make([]chartView, len(charts))
	errs := make([]error, len(charts))
	var wg sync.WaitGroup
	for i, ch := range charts {
		wg.Go(func() {
			wt, err := ch.WriterTo("svg")
			if err != nil {
				errs[i] = err
				return
			}
			var b bytes.Buffer
			if _, err := wt.WriteTo(&b); err != nil {
				errs[i] = err
				return
			}
			// Each chart with the table of its figures, as the scenario page's charts have.
			head, rows, err := figs.Table(ch.Name)
			if err != nil {
				errs[i] = err
				return
			}
			v.Charts[i] = chartView{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, SVG: plots.LabelSVG(plots.InlineSVG(b.String()), ch.Title+": "+ch.Subtitle),
				What: "median and 9 runs in 10", Head: head, Rows: rows}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return "", err
		}
	}
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, "region-results", v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// csvZones is what a region's chart of its market's occupancy says holds the zones it does not
// draw: a file placesim run writes, which the workspace does not offer.
const csvZones = "; timeseries.csv holds every zone's."

// workspaceCaption is a region chart's caption sub as the workspace shows it: naming what the
// workspace offers where plots names placesim run's files: the run's workbook, when the page
// offers it, in place of timeseries.csv, by the name it downloads as (NAME-results.xlsx).
func workspaceCaption(sub, name string, workbook bool) string {
	if !strings.HasSuffix(sub, csvZones) {
		return sub
	}
	sub = strings.TrimSuffix(sub, csvZones)
	if workbook {
		return sub + `; the workbook of the run (` + name + `-results.xlsx, its "Time series" sheet) holds every zone's.`
	}
	return sub + "."
}

// regionSaveRequest asks to save the region the page's levers make.
type regionSaveRequest struct {
	Name      string      `json:"name"`
	State     regionState `json:"state"`
	Overwrite bool        `json:"overwrite"`
}

// apiRegionSave saves the region the levers make as NAME.yaml in the folder: a region file
// that extends the region opened with what the levers change, read back strictly before it is
// kept.
func (s *Server) apiRegionSave(w http.ResponseWriter, r *http.Request) {
	var req regionSaveRequest
	if !readJSON(w, r, &req) {
		return
	}
	file, name, ok := s.fileNamed(w, req.Name)
	if !ok {
		return
	}
	if req.State.Ref == file {
		writeJSON(w, http.StatusOK, saveResponse{Error: fmt.Sprintf("%s is the region opened: save under another name", file)})
		return
	}
	if s.refuseOverwrite(w, file, name, req.Overwrite) {
		return
	}
	st := req.State
	st.Name = name
	rv, err := s.resolveRegion(st)
	if err != nil {
		writeJSON(w, http.StatusOK, saveResponse{Error: err.Error()})
		return
	}
	if !rv.ok() {
		msg := "the region has problems: put them right before saving"
		if len(rv.problems) > 0 {
			msg = strings.Join(rv.problems, "\n")
		}
		writeJSON(w, http.StatusOK, saveResponse{Error: msg})
		return
	}
	if rv.text == "" {
		writeJSON(w, http.StatusOK, saveResponse{Error: "no lever changes the region opened: change one before saving"})
		return
	}
	text := "# yaml-language-server: $schema=https://raw.githubusercontent.com/placesim/placesim/main/scenarios/region.schema.json\n" + rv.text
	// The file is checked as the command line reads it before it is kept.
	if _, err := scenarios.ParseRegionFS(strings.NewReader(text), s.folder.root.FS(), file, nil); err != nil {
		writeJSON(w, http.StatusOK, saveResponse{Error: err.Error()})
		return
	}
	// The seed and replications of the run the page shows, as the region's runs take them.
	run := savedRun{Seed: s.cfg.Seed, Replications: s.cfg.RegionQuickReps, Placesim: s.cfg.Version}
	if st.Full {
		run.Replications = s.cfg.RegionFullReps
	}
	if err := s.folder.save(name, text, run, req.Overwrite, ""); err != nil {
		s.saveFailed(w, file, err)
		return
	}
	writeJSON(w, http.StatusOK, saveResponse{Saved: file, URL: "/region?r=" + url.QueryEscape(file),
		Message: savedMessage(file, s.cfg.Dir, rv.baseRef, run)})
}

// regionExport sends a region comparison's board pack (board-pack.html) or workbook
// (results.xlsx), as placesim compare writes them for regions; or a region run's report
// (report.html) or workbook (results.xlsx), as placesim run writes them for a region. Each
// downloads as the strategy's name and what it is: NAME-board-pack.html,
// NAME-comparison-results.xlsx, NAME-report.html and NAME-results.xlsx.
func (s *Server) regionExport(w http.ResponseWriter, r *http.Request) {
	if !s.sites.sameOrigin(r) {
		http.Error(w, "refused: exports are for the workspace's own pages; open them from its results", http.StatusForbidden)
		return
	}
	s.mu.Lock()
	c, _ := s.regionComps.get(r.PathValue("id"))
	s.mu.Unlock()
	if c == nil {
		http.Error(w, "these results are no longer kept: press Quick run or Full run, then export again", http.StatusNotFound)
		return
	}
	if c.RC == nil {
		s.regionRunExport(w, r, c)
		return
	}
	rep, err := c.report()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	switch r.PathValue("file") {
	case "board-pack.html":
		if err := rep.WriteHTML(&b); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Security-Policy", packPolicy)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Query().Get("download") != "" {
			attach(w, c.Alt.reg.Name+"-board-pack.html", "text/html; charset=utf-8")
		}
	case "results.xlsx":
		comparison, cases, parts, err := c.csvFiles()
		if err == nil {
			err = rep.WriteWorkbook(&b, comparison, cases, parts)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		// The run's own workbook is NAME-results.xlsx: this one, of the comparison, is named
		// apart, as the board pack of the comparison is.
		attach(w, c.Alt.reg.Name+"-comparison-results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	default:
		http.Error(w, "want board-pack.html or results.xlsx", http.StatusNotFound)
		return
	}
	w.Write(b.Bytes())
}

// regionRunExport sends the report (report.html) or workbook (results.xlsx) of region run c, as
// placesim run writes them for the region with the same seed and replications and
// --council-charts=false. The run is made again through the gate, keeping every council's
// monthly record, which the workspace's own runs leave out.
func (s *Server) regionRunExport(w http.ResponseWriter, r *http.Request, c *regionComparison) {
	file := r.PathValue("file")
	var kind string
	switch file {
	case "report.html":
		kind = "text/html; charset=utf-8"
	case "results.xlsx":
		kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	default:
		http.Error(w, "want report.html or results.xlsx", http.StatusNotFound)
		return
	}
	// The file is written to a temporary file within the run's turn, and sent from it: its
	// monthly records stay on disk, and so does the file, however many replications.
	tmp, err := createTemp(s.cfg.TempFile, "placesim-workspace-export-*")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	_, err = s.gate.runRegion(r.Context(), c.Alt.reg, c.Seed, c.Reps, s.cfg.Workers, s.regionRepsFlags(c.Reps), func(out *regionOut) error {
		bw := bufio.NewWriterSize(tmp, 1<<16)
		if err := s.cfg.RegionFiles(bw, file, out.reg, out.rr, c.Seed, c.Reps); err != nil {
			return err
		}
		return bw.Flush()
	})
	var size int64
	if err == nil {
		size, err = tmp.Seek(0, io.SeekCurrent)
	}
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		status := runStatus(err)
		if status == http.StatusOK {
			status = http.StatusInternalServerError
		}
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
		http.Error(w, err.Error(), status)
		return
	}
	if file == "report.html" {
		w.Header().Set("Content-Security-Policy", packPolicy)
		w.Header().Set("Content-Type", kind)
		if r.URL.Query().Get("download") != "" {
			attach(w, c.Alt.reg.Name+"-report.html", kind)
		}
	} else {
		attach(w, c.Alt.reg.Name+"-results.xlsx", kind)
	}
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	io.Copy(w, tmp)
}
