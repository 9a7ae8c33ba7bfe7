package workspace

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// asBaseline is what the compare page's lever table says of a scenario that has what the
// baseline has.
const asBaseline = "as the baseline"

// maxCompared is the most scenarios the compare page sets beside the baseline.
const maxCompared = 3

// comparePage is what the compare template shows.
type comparePage struct {
	Saved []string
	// Unlisted says which files of the folder are not listed, and why (folder.unlisted).
	Unlisted string
	Chosen   map[string]bool
	Base     string
	Bases    []baseChoice
	Error    string
	Names    []string
	Seed     uint64
	Reps     int
	Full     bool
	Levers   []compareLever
	Outcomes []compareOutcome
	Year1    string
	Horizon  string
	Version  string
	Charts   []compareChart
	// Unchanged counts the levers every scenario leaves as the baseline has them: the
	// table shows only those that differ.
	Unchanged int
	// Packs are the board packs of the comparisons, one for each scenario.
	Packs []comparePack
	// Caution says when the runs are too few for the ranges of 90% of runs the table gives
	// (plots.FewRunsNote), as the board packs do, or is "".
	Caution string
	// Idle says, for each scenario, which of its changes act on nothing it has
	// (plots.IdleNotes), each note headed by the scenario's name.
	Idle []string
	// Councils warns, for each scenario that is a different council from the baseline rather
	// than a strategy for it, that the comparison measures the councils' difference, in
	// placesim compare's words (model.DifferentCouncilWarning).
	Councils []string
	// CostYears are the rows of the table of total cost by financial year: each year's, then
	// the whole run's, as placesim compare's comparison.csv gives them (cost_total).
	CostYears []costYear
	// PartYears says which of the years are part years, or that every one is whole.
	PartYears string
	// CostPrices says at which year's prices the money the levers' rows name is, as the board
	// pack says it under its list (plots.TermsPricesNote), or is "" when they name none. It
	// is a row of the table under the levers' rows, as it is true of them alone.
	CostPrices string
	// OutcomesCash says that the outcomes' money is in cash terms, as placesim compare and the
	// board pack say it, under the outcomes' rows; "" when no outcome is money.
	OutcomesCash string
	// Cols is the number of the table's columns, which a note row spans.
	Cols int
}

// costYear is one row of the Compare page's table of total cost by year: the baseline's cost
// in a financial year (or over the whole run), and each scenario's with its difference from
// the baseline, the paired mean and its confidence interval of the mean.
type costYear struct {
	// Period names the year as the run's report does ("2026/27", "2026/27 (from 15 April)"),
	// or the whole run ("over the 10 years").
	Period string
	// Part says that the year is not a whole financial year, April to March; Total, that the
	// row is the whole run's.
	Part, Total bool
	Base        figure
	Figs        []figure
}

// comparePack is the board pack of one scenario against the baseline.
type comparePack struct{ Name, ID string }

// compareChart is the difference of one scenario from the baseline, drawn by plots, with its
// title, caption and table of figures as the scenario page has them.
type compareChart struct {
	ID, SVG string
	*paneChart
}

// compareLever is one lever's value in the baseline and in each scenario.
type compareLever struct {
	Label    string
	Baseline string
	Values   []string
	Changed  []bool
	// Items, if set, are each scenario's entries of a list in place of its value, and
	// BaseItems the baseline's.
	Items     [][]string
	BaseItems []string
}

// compareOutcome is one headline figure in the baseline and in each scenario.
type compareOutcome struct {
	Label, Period string
	Base          figure
	Figs          []figure
	Better        int
}

// compare serves the page that sets up to three saved scenarios beside their baseline.
func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	saved, _ := s.folder.list()
	page := comparePage{Saved: saved, Unlisted: s.folder.unlisted(), Chosen: map[string]bool{}, Version: s.cfg.Version, Full: q.Get("full") == "1", Reps: s.cfg.QuickReps}
	if page.Full {
		page.Reps = s.cfg.FullReps
	}
	page.Caution = plots.FewRunsNote(page.Reps, 0.9, "")
	names := q["s"]
	var kept []string
	for _, n := range names {
		// "plan.yaml" and "plan" are the same file: one column, named as the folder lists it.
		if file, err := checkName(n); err == nil {
			n = strings.TrimSuffix(file, ".yaml")
		}
		if n != "" && !page.Chosen[n] {
			page.Chosen[n] = true
			kept = append(kept, n)
		}
	}
	names = kept
	page.Base = s.baseRef(q.Get("base"))
	fail := func(status int, format string, args ...any) {
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", fmt.Sprint(retryAfter))
		}
		page.Error = fmt.Sprintf(format, args...)
		page.Bases = s.baseChoices(page.Base, saved)
		w.WriteHeader(status)
		s.render(w, "compare.html", page)
	}
	if len(names) == 0 {
		if q.Has("job") || q.Has("base") {
			// Compare pressed with nothing ticked: the form always sends its job and baseline.
			if len(saved) == 0 {
				fail(http.StatusBadRequest, "no scenario was chosen, and none is saved yet: save one in the workspace first, then tick it here")
			} else {
				fail(http.StatusBadRequest, "no scenario was chosen: tick at least one saved scenario (at most %d) to set beside the baseline, then press Compare", maxCompared)
			}
			return
		}
		page.Bases = s.baseChoices(page.Base, saved)
		s.render(w, "compare.html", page)
		return
	}
	if len(names) > maxCompared {
		fail(http.StatusBadRequest, "choose at most %d scenarios to set beside the baseline (%d were chosen)", maxCompared, len(names))
		return
	}
	if !s.sites.sameOrigin(r) {
		// A link on another site must not make the server simulate: the user presses
		// Compare here to run it.
		fail(http.StatusForbidden, "this comparison was asked for by a page on another site, so it was not run: press Compare to run it")
		return
	}
	var alts []loaded
	for _, n := range names {
		text, err := s.folder.read(n)
		if err != nil {
			fail(http.StatusNotFound, "%v", err)
			return
		}
		f, err := scenarios.ParseDocument(text)
		if err != nil {
			fail(http.StatusUnprocessableEntity, "%s: %v", n, err)
			return
		}
		file, _ := checkName(n)
		res, err := scenarios.ParseResolvedFS(strings.NewReader(text), s.folder.root.FS(), file, nil)
		if err != nil {
			fail(http.StatusUnprocessableEntity, "%s cannot be run:\n%v", file, err)
			return
		}
		sc := res.Scenario
		seed, ok, err := s.folder.savedSeed(n)
		if err != nil {
			fail(http.StatusInternalServerError, "%v", err)
			return
		}
		if !ok {
			seed = s.cfg.Seed
		}
		alts = append(alts, loaded{name: n, file: f, s: sc, seed: seed, idle: res.Idle})
	}
	// Each scenario is compared with the baseline it extends: scenarios on different baselines
	// cannot share one, whichever is picked first.
	extends := func(a loaded) string {
		if e := a.file.String("extends"); e != "" {
			// The file it names, however it is written: cal.yaml and ./cal.yaml are one.
			return "extends " + canonBase(e)
		}
		return "extends no baseline"
	}
	for _, a := range alts[1:] {
		if e, e0 := extends(a), extends(alts[0]); e != e0 {
			fail(http.StatusUnprocessableEntity, "%s %s but %s %s: scenarios set side by side must extend the same baseline, so compare them on separate pages%s", alts[0].name, e0, a.name, e, s.madeOnHint(alts))
			return
		}
	}
	if page.Base == "" {
		page.Base = canonBase(alts[0].file.String("extends"))
	}
	if page.Base == "" {
		page.Base = "default"
	}
	page.Bases = s.baseChoices(page.Base, saved)
	baseS, err := s.loadBase(page.Base)
	if err != nil {
		fail(http.StatusUnprocessableEntity, "the baseline %s: %v", page.Base, err)
		return
	}
	for _, a := range alts {
		if w := model.DifferentCouncilWarning(baseS, a.s, page.Base); w != "" {
			page.Councils = append(page.Councils, "Warning: "+w+".")
		}
	}
	for _, a := range alts {
		// What the baseline already has that acts on nothing is the baseline's, not the
		// scenario's.
		for _, note := range plots.IdleNotes(a.s, plots.StrategyIdle(baseS, a.s, a.idle)) {
			page.Idle = append(page.Idle, a.name+": "+note)
		}
	}
	page.Seed = alts[0].seed
	for _, a := range alts {
		if a.s.Years != baseS.Years || !a.s.Start.Equal(baseS.Start) {
			own := ""
			if canonBase(a.file.String("extends")) == page.Base {
				// Its own years, not its baseline's: a council's calibrated file, as the
				// workspace opens it.
				own = fmt.Sprintf(" (%s is a baseline of its own: choose %s.yaml as the baseline to set the scenarios made on it beside it)", a.name, a.name)
			}
			fail(http.StatusUnprocessableEntity, "%s covers %s but the baseline %s covers %s: scenarios compared side by side must cover the same years%s", a.name, span(a.s), page.Base, span(baseS), own)
			return
		}
		if a.seed != page.Seed {
			fail(http.StatusUnprocessableEntity, "%s was saved with seed %d but %s with seed %d: a paired comparison needs the same random numbers, so open one of them, set its seed to match and save it again", alts[0].name, page.Seed, a.name, a.seed)
			return
		}
	}
	ctx, stop := s.startMeter(r.Context(), q.Get("job"))
	defer stop()
	meterOf(ctx).expect(page.Reps * (1 + len(alts)))
	base, err := s.base.get(ctx, baseS, page.Seed, page.Reps)
	if err != nil && s.stopping(ctx) {
		// The workspace is stopping: nobody will finish the comparison, and the page says so.
		fail(http.StatusServiceUnavailable, "%s", stoppedMessage)
		return
	}
	if err != nil {
		fail(compareStatus(err), "running the baseline: %v", err)
		return
	}
	var comps []*comparison
	for _, a := range alts {
		out, err := s.gate.run(ctx, a.s, page.Seed, page.Reps, s.cfg.Workers)
		if err != nil && s.stopping(ctx) {
			fail(http.StatusServiceUnavailable, "%s", stoppedMessage)
			return
		}
		if err != nil {
			fail(compareStatus(err), "running %s: %v", a.name, err)
			return
		}
		c, err := compareRuns(base, out, page.Seed, page.Full)
		if err != nil {
			fail(http.StatusUnprocessableEntity, "%s: %v", a.name, err)
			return
		}
		// Each scenario compared here is a saved file, run as it is.
		c.Version, c.Saved, c.Dir = s.cfg.Version, a.name+".yaml", s.cfg.Dir
		c.Own, c.Idle = a.own(), a.idle
		// Its charts name the scenario and the baseline as the table does.
		c.AltName, c.BaseName = a.name, page.Base
		s.keep(c)
		comps = append(comps, c)
		page.Names = append(page.Names, a.name)
		page.Packs = append(page.Packs, comparePack{Name: a.name, ID: c.ID})
		diff, err := plots.ComparisonChartsFrom(compareRows(c), c.Base.s.Start, c.Base.s.Years, interval, comparisonSource(c))
		if err != nil {
			fail(http.StatusInternalServerError, "drawing %s: %v", a.name, err)
			return
		}
		plots.MarkAsItIs(diff, asItIsLabels(c.Base.s, c.Alt.s))
		for _, ch := range diff {
			pc := diffPane(c, ch)
			svg, err := pc.svg()
			if err != nil {
				fail(http.StatusInternalServerError, "drawing %s: %v", a.name, err)
				return
			}
			page.Charts = append(page.Charts, compareChart{ID: c.ID, SVG: svg, paneChart: pc})
		}
	}
	for _, l := range leversFor(baseS) {
		cl := compareLever{Label: l.Label}
		switch {
		case l.Sets:
			// As the board pack says it: the first of the file's interventions with the
			// lever's action, and what it costs (plots.CostTerms).
			cl.Baseline = l.Baseline
			for _, a := range alts {
				text, changed := asBaseline, false
				added, at := ownChangesAt(baseS, a.s)
				if i := l.managed(added, at, a.own(), a.s); i >= 0 {
					text, changed = withUnusual(withCosts(l.said(added[i], a.s), a.s, added[i]), l.unusualIn(a.s, &added[i])), true
				} else if l.OnTop && l.get(a.s) != l.get(baseS) {
					// The file's own rate, with no programme on top.
					text, changed = withUnusual(l.rateText(l.get(a.s)), l.unusualIn(a.s, nil)), true
				}
				cl.Values, cl.Changed = append(cl.Values, text), append(cl.Changed, changed)
			}
		case l.isIntervention():
			// Each scenario's column says what it has, as the baseline's does: its own homes
			// or beds (as the baseline's, or its file's own), and the lever's on top.
			cl.Baseline = l.Baseline
			for _, a := range alts {
				own := l.Baseline
				if h := l.has(a.s); h != "" {
					own = h
				}
				text, changed := own, own != l.Baseline
				if !changed {
					text = asBaseline
				}
				if i := a.file.Intervention(l.Action, l.Kind); i >= 0 {
					// The lever's change as the scenario reads it, for what its boxes do not
					// show: the day a block contract ends, after its From, and beds over 20
					// miles away (as bedTerms says them), then what it costs.
					added, at := ownChangesAt(baseS, a.s)
					j := l.managed(added, at, a.own(), a.s)
					var parts []string
					for _, in := range l.Inputs {
						if in.Key == oneOffGBPKey || in.Key == "to" || in.Key == "local" {
							// Said with its day among the costs, below; a block contract's
							// end after its From and where its beds are, as bedTerms says
							// them.
							continue
						}
						if v, ok := in.fileValue(a.file, i); ok {
							// A price is a yearly one ("£901,500 a year", "£260,000 a bed a
							// year"), as its box says; a count's unit is the box's hint; a
							// date is said in words, as the other rows say theirs ("from 1
							// April 2026").
							shown := showScalar(v, in.Format)
							if in.Format == fmtGBP {
								shown = withUnit(shown, in.Unit)
							}
							if d, err := time.Parse(time.DateOnly, v); err == nil && in.Format == fmtDate {
								shown = ukDate(d)
							}
							label := in.Label
							if len(parts) > 0 {
								label = strings.ToLower(label)
							}
							parts = append(parts, strings.TrimSpace(label+" "+shown))
						}
						if in.Key == "from" && !in.Opens && j >= 0 && !added[j].To.IsZero() {
							parts = append(parts, "to "+ukDate(added[j].To))
						}
					}
					if j >= 0 && !added[j].Local {
						parts = append(parts, "over 20 miles away")
					}
					text, changed = own+", and on top: "+strings.Join(parts, ", "), true
					// What else the lever's change costs (a home's one-off cost, capital and
					// set-up, a programme's cost) in the board pack's words: its running cost
					// is its box's, said above.
					if j >= 0 {
						iv := added[j]
						iv.FixedCostPerYearGBP = 0
						text = withUnusual(withCosts(text, a.s, iv), l.unusualIn(a.s, &added[j]))
					}
				}
				cl.Values, cl.Changed = append(cl.Values, text), append(cl.Changed, changed)
			}
		default:
			in := l.Inputs[0]
			bv := l.get(baseS)
			cl.Baseline = withUnit(showValue(bv, in.Format), in.Unit)
			for _, a := range alts {
				// As the other rows say it: "as the baseline" for the baseline's value.
				text, v := asBaseline, l.get(a.s)
				if v != bv {
					text = withUnit(showValue(v, in.Format), in.Unit)
					if l.AsItIs {
						text += "; " + asItIsWords
					}
					text = withUnusual(text, l.unusualIn(a.s, nil))
				}
				cl.Values, cl.Changed = append(cl.Values, text), append(cl.Changed, v != bv)
			}
		}
		if slices.Contains(cl.Changed, true) {
			page.Levers = append(page.Levers, cl)
		} else {
			page.Unchanged++
		}
	}
	// The money the rows name is at the baseline's prices (prices_at), as the board pack says.
	var said []string
	for _, l := range page.Levers {
		said = append(said, l.Baseline)
		said = append(said, l.Values...)
	}
	page.CostPrices = leverPricesNote(plots.TermsPricesNote(baseS, said))
	// The dated changes no lever sets (a saved file's own programmes, or those of the baseline
	// it extends when another is chosen), then the baseline's own that the file leaves out
	// ("Not in the strategy: ..."), as each board pack and placesim compare's list them; the
	// baseline's are all its own, which no lever's baseline says.
	ls := leversFor(baseS)
	dated := compareLever{Label: "Dated changes no lever sets", Baseline: "none", BaseItems: plots.InterventionChanges(baseS, baseS.Interventions)}
	if len(dated.BaseItems) > 0 {
		dated.Baseline = strings.Join(dated.BaseItems, "; ")
	}
	for _, a := range alts {
		items := plots.InterventionChanges(a.s, unlevered(ls, baseS, a.s, a.own()))
		items = append(items, plots.LeftOutChanges(baseS, a.s)...)
		text := "none"
		if len(items) > 0 {
			text = strings.Join(items, "; ")
		}
		dated.Values, dated.Changed, dated.Items = append(dated.Values, text), append(dated.Changed, len(items) > 0), append(dated.Items, items)
	}
	if slices.Contains(dated.Changed, true) {
		page.Levers = append(page.Levers, dated)
	}
	// The first whole year, not a part year at the run's start (351 days of a run from 15
	// April), as placesim compare's table and the run's report lead with it.
	hs := make([]wsHeadlines, len(comps))
	for i, c := range comps {
		years := c.Alt.res.Years()
		hs[i] = headlineFiguresFrom(c, plots.FirstWholeYear(c.Alt.s.Start, c.Alt.s.Years, years))
	}
	page.Year1, page.Horizon = hs[0].Year1, hs[0].Horizon
	// The whole run's total cost first, as each board pack leads with it ("Over the 10
	// years"), then the horizon's figures and the first year's.
	if over := wholeRunCost(comps); over.Period != "" {
		page.Outcomes = append(page.Outcomes, over)
	}
	if over := wholeRunStepDowns(comps); over.Period != "" {
		page.Outcomes = append(page.Outcomes, over)
	}
	page.CostYears, page.PartYears = costByYear(comps)
	// The rows of every comparison, the first's in its order, then those only another has
	// (the children stepped down, where only that scenario changes step-down).
	var rows []headlineRow
	for _, h := range hs {
		for _, r := range h.Rows {
			if !slices.ContainsFunc(rows, func(o headlineRow) bool { return o.Key == r.Key }) {
				rows = append(rows, r)
			}
		}
	}
	for _, period := range []string{"horizon", "year1"} {
		for _, row := range rows {
			co := compareOutcome{Label: row.Label, Better: row.Better, Period: page.Horizon}
			pick := func(r headlineRow) figure { return r.Horizon }
			if period == "year1" {
				co.Period = page.Year1
				pick = func(r headlineRow) figure { return r.Year1 }
			}
			f := pick(row)
			co.Base = figure{Mean: f.BaseMean, Unit: f.Unit, Valid: f.Valid}
			for i := range hs {
				if j := slices.IndexFunc(hs[i].Rows, func(r headlineRow) bool { return r.Key == row.Key }); j >= 0 {
					co.Figs = append(co.Figs, pick(hs[i].Rows[j]))
				} else {
					co.Figs = append(co.Figs, figure{})
				}
			}
			page.Outcomes = append(page.Outcomes, co)
		}
	}
	page.OutcomesCash, page.Cols = outcomesCashNote(page.Outcomes), 2+len(page.Names)
	s.render(w, "compare.html", page)
}

// wholeRunCost is the Compare page's row of the total cost over the whole run of each
// comparison ("Total cost, over the 10 years"), or a row with no Period when the runs have no
// whole-run figure.
func wholeRunCost(comps []*comparison) compareOutcome {
	return wholeRunOf(comps, "Total cost", sim.CostTotal, -1)
}

// wholeRunOf is the Compare page's row labelled label of the KPI kpi over the whole run of
// each comparison, better as the headlines judge it, or a row with no Period when the runs
// have no whole-run figure.
func wholeRunOf(comps []*comparison, label, kpi string, better int) compareOutcome {
	if len(comps) == 0 {
		return compareOutcome{}
	}
	n := comps[0].Alt.s.Years
	co := compareOutcome{Label: label, Better: better, Period: fmt.Sprintf("over the %d years", n)}
	if n == 1 {
		co.Period = "over the year"
	}
	u := plots.UnitOf(kpi)
	valid := false
	for i, c := range comps {
		f := pairOf(kpiValues(c.Alt, sim.WholeRun, kpi), kpiValues(c.Base, sim.WholeRun, kpi), u)
		if i == 0 {
			co.Base = figure{Mean: f.BaseMean, Unit: f.Unit, Valid: f.Valid}
		}
		valid = valid || f.Valid
		co.Figs = append(co.Figs, f)
	}
	if !valid {
		return compareOutcome{}
	}
	return co
}

// wholeRunStepDowns is the Compare page's row of the children stepped down to a family over
// the whole run ("Children stepped down to a family, over the 10 years"), the baseline's and
// each scenario's, where some scenario changes step-down (plots.ChangesStepDown): the counts a
// step-down programme's cost is paid on, as the board pack gives them. It is a row with no
// Period otherwise.
func wholeRunStepDowns(comps []*comparison) compareOutcome {
	if !slices.ContainsFunc(comps, func(c *comparison) bool { return plots.ChangesStepDown(c.Base.s, c.Alt.s) }) {
		return compareOutcome{}
	}
	return wholeRunOf(comps, plots.StepDownsLabel, sim.Stepdowns, 0)
}

// costByYear returns the rows of the Compare page's table of total cost by financial year for
// the comparisons, from their differences as placesim compare writes them to comparison.csv
// (cost_total, one row a year, then "all"), and a sentence saying which years are part years:
// a run that does not start on 1 April begins and ends with one, named as the run's report
// names it ("2026/27 (from 15 April)").
func costByYear(comps []*comparison) ([]costYear, string) {
	if len(comps) == 0 {
		return nil, ""
	}
	s := comps[0].Alt.s
	u := plots.UnitOf(sim.CostTotal)
	of := func(c *comparison, period string) (figure, bool) {
		for _, d := range c.Diffs {
			if d.Period == period && d.KPI == sim.CostTotal {
				valid := d.N > 0 && !math.IsNaN(d.DiffMean)
				return figure{Mean: d.AltMean, BaseMean: d.BaseMean, Diff: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi,
					N: d.N, Unit: u, Valid: valid}, true
			}
		}
		return figure{}, false
	}
	var rows []costYear
	var part []string
	periods := append(slices.DeleteFunc(slices.Clone(comps[0].Alt.res.Years()), func(p string) bool { return p == sim.WholeRun }), sim.WholeRun)
	for _, p := range periods {
		row := costYear{Period: plots.YearLabel(s.Start, s.Years, p), Total: p == sim.WholeRun}
		if row.Total {
			row.Period = fmt.Sprintf("over the %d years", s.Years)
			if s.Years == 1 {
				row.Period = "over the year"
			}
		} else if row.Period != p {
			row.Part = true
			part = append(part, row.Period)
		}
		any := false
		for i, c := range comps {
			f, ok := of(c, p)
			if i == 0 {
				row.Base = figure{Mean: f.BaseMean, Unit: u, Valid: ok && f.Valid}
			}
			any = any || (ok && f.Valid)
			row.Figs = append(row.Figs, f)
		}
		if any {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return nil, ""
	}
	note := "Every year is a whole financial year, April to March."
	switch len(part) {
	case 0:
	case 1:
		note = part[0] + " is a part year, not a whole financial year: its cost is that of the days the run holds; the other years are whole, April to March."
	default:
		note = strings.Join(part[:len(part)-1], ", ") + " and " + part[len(part)-1] +
			" are part years, not whole financial years: their costs are those of the days the run holds; the other years are whole, April to March."
	}
	return rows, note
}

// loaded is a saved file the Compare page sets beside the baseline: its name, its text as a
// document, the scenario it is with what it extends, and the seed it was saved with.
type loaded struct {
	name string
	file *scenarios.Document
	s    *model.Scenario
	seed uint64
	// idle is what in s acts on nothing it has, as its file was read (scenarios.Resolved.Idle).
	idle model.Problems
}

// own returns where the file's own dated changes begin in its scenario's, after those of the
// files it extends: a lever reads the file's own (managed).
func (a loaded) own() int {
	return max(0, len(a.s.Interventions)-a.file.Interventions())
}

// compareStatus is the HTTP status of the compare page when a run failed with err: as for
// the workspace's runs, but a scenario beyond the limits is unprocessable.
func compareStatus(err error) int {
	if st := runStatus(err); st != http.StatusOK {
		return st
	}
	return http.StatusUnprocessableEntity
}

// madeOnHint says, for a Compare page refused because its scenarios extend different
// baselines, which of them is the baseline another is made on, and to choose it as the
// baseline, with the scenarios made on it ticked alone: " (cal is a baseline of its own:
// choose cal.yaml as the baseline to set the scenarios made on it beside it, and tick calplan
// alone)" for a file of other years than the baseline it extends, as the page says of it set
// against that baseline, and else " (plan2 is made on plan: choose plan.yaml as the baseline
// to set plan2 beside it, and tick plan2 alone)". It is "" when none is.
func (s *Server) madeOnHint(alts []loaded) string {
	for _, a := range alts {
		var on []string
		for _, b := range alts {
			if canonBase(b.file.String("extends")) == a.name+".yaml" {
				on = append(on, b.name)
			}
		}
		if len(on) == 0 {
			continue
		}
		names := strings.Join(on, " and ")
		if ab, err := s.loadBase(canonBase(a.file.String("extends"))); err == nil && (ab.Years != a.s.Years || !ab.Start.Equal(a.s.Start)) {
			return fmt.Sprintf(" (%s is a baseline of its own: choose %s.yaml as the baseline to set the scenarios made on it beside it, and tick %s alone)", a.name, a.name, names)
		}
		is := "is"
		if len(on) > 1 {
			is = "are"
		}
		return fmt.Sprintf(" (%s %s made on %s: choose %s.yaml as the baseline to set %s beside it, and tick %s alone)", names, is, a.name, a.name, names, names)
	}
	return ""
}

// baseChoices lists the baselines a page offers: the built-in councils and the saved files.
func (s *Server) baseChoices(selected string, saved []string) []baseChoice {
	var out []baseChoice
	for _, b := range scenarios.Builtins() {
		if b.Name != "erlang" {
			out = append(out, baseChoice{Ref: b.Name, Label: b.Name + " (built in)", Selected: b.Name == selected})
		}
	}
	for _, n := range saved {
		out = append(out, baseChoice{Ref: n + ".yaml", Label: n + ".yaml", Selected: n+".yaml" == selected})
	}
	return withSelected(out, selected)
}

// withSelected returns the choices with the baseline selected among them: a file the folder
// does not list (one in a folder within it, sub/plan.yaml) is added, so that the choice shown is
// the baseline in use, never the first of the list in its place.
func withSelected(choices []baseChoice, selected string) []baseChoice {
	if selected == "" || slices.ContainsFunc(choices, func(c baseChoice) bool { return c.Selected }) {
		return choices
	}
	return append(choices, baseChoice{Ref: selected, Label: selected, Selected: true})
}

// leverPricesNote is note (plots.TermsPricesNote, written under a board pack's list of
// changes) said of the Compare page's lever rows, which share a table with the outcomes, whose
// money is in cash terms: "Money in this list is at 2026/27 prices" reads "The levers' money
// above is at 2026/27 prices".
func leverPricesNote(note string) string {
	if rest, ok := strings.CutPrefix(note, plots.TermsPricesPrefix); ok {
		return "The levers' money above is " + rest
	}
	return note
}

// outcomesCashNote says that the money of outcomes is in cash terms, as placesim compare and
// the board pack say it (plots.CashTerms), or is "" when none of them is money.
func outcomesCashNote(outcomes []compareOutcome) string {
	if !slices.ContainsFunc(outcomes, func(o compareOutcome) bool { return o.Base.Unit == plots.Money }) {
		return ""
	}
	return "The outcomes' money (total cost and the other costs) is " + strings.TrimPrefix(plots.CashTerms, "Money ")
}
