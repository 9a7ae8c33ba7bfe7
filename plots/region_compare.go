package plots

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// RegionComparison is a region's strategy against its baseline, council by council: each
// council's runs in the two paired replication by replication (common random numbers per
// council), and the region's as a whole.
type RegionComparison struct {
	// Scenario and Baseline name the strategy's region and the baseline's.
	Scenario, Baseline string
	// Councils names the councils compared, in order, then sim.RegionTotal for the region.
	Councils []string
	// Diffs holds, for each of Councils, sim.Compare's rows of the strategy against the
	// baseline.
	Diffs [][]sim.Difference
	// Grants holds, for each of Councils, the paired rows of the Home Office's UASC grants
	// (sim.RegionUASCGrants), which give the grants' ranges; optional.
	Grants [][]sim.Difference
	// Cases holds, for each of Councils, the business case (sim.NetPosition).
	Cases []*sim.NetCase
	// Years is the number of financial years run.
	Years int
	// Parts holds, for each of Councils, the parts of its change in spending over the whole
	// run (sim.SpendingParts of period "all"); OwnChanges says of each council whether the
	// strategy changes anything of its own (RegionCouncilsChanged). Both are optional: without
	// them the pack says nothing of where each council's change comes from.
	Parts      [][]sim.SpendingPart
	OwnChanges map[string]bool
	// RegionCosts says that the strategy adds or leaves out a change of the region's own that
	// costs money (RegionChangesCost), whose costs every council shares: a council's change
	// then comes through its share of them too, not only through the shared market. SetParts
	// sets it.
	RegionCosts bool
	// Split, when the strategy changes some of the councils and not others, splits the
	// region's business case between them (sim.RegionNetSplit); optional.
	Split *RegionSplit
}

// regionChanges are the measures of a region comparison's table: what changes for each
// council and the region in places, distance, emergencies and spend.
var regionChanges = []regionMeasure{
	{sim.OccupiedCategoryKPI(model.Foster), "In foster care", "foster"},
	{sim.OccupiedCategoryKPI(model.Residential), "In residential care", "residential"},
	{sim.OutOfAreaShare, "Placed out of their own area", "out of area"},
	{sim.PlacedDistantShare, "Placed over 20 miles away", "over 20 miles"},
	{sim.EmergencyPlacements, "Emergency placements a year", "emergencies"},
	// Beside the emergency placements begun, the children in one on an average day: a
	// strategy can begin a few more while fewer wait in one, for less time and at less cost.
	{sim.OccupiedKPI(sim.EmergencyKind), "In an emergency placement (average day)", "in emergency"},
	{sim.CostTotal, "Spending a year", "spending"},
}

// careLeaversChange is the measure a region comparison's table adds after the emergency
// placements (begun, and the children in one on an average day) when young people leaving care with no accommodation move (see CareLeaversMove):
// placesim prices no accommodation for them, so without it a strategy that leaves more of them
// without a place would read as a saving alone.
var careLeaversChange = regionMeasure{sim.CareLeaversUnmet, "Young people leaving care with no accommodation a year", "no accommodation"}

// measures returns the measures of the table: regionChanges, with careLeaversChange after the
// emergency placements (begun, and the children in one on an average day) when some council's young people leaving care with no accommodation
// move.
func (rc *RegionComparison) measures() []regionMeasure {
	if !rc.CareLeaversMove() {
		return regionChanges
	}
	out := slices.Clone(regionChanges)
	at := slices.IndexFunc(out, func(m regionMeasure) bool { return m.kpi == sim.OccupiedKPI(sim.EmergencyKind) }) + 1
	return slices.Insert(out, at, careLeaversChange)
}

// CareLeaversMove reports whether the young people leaving care with no accommodation differ
// in some pair of runs of some council (see CareLeaversMove).
func (rc *RegionComparison) CareLeaversMove() bool {
	return slices.ContainsFunc(rc.Diffs, CareLeaversMove)
}

// CareLeaverLines returns what the business cases say of young people leaving care with no
// accommodation (CareLeaverLines): the region's lines, then each council's that moves, led by
// its name.
func (rc *RegionComparison) CareLeaverLines() []string {
	n := len(rc.Cases)
	if n == 0 {
		return nil
	}
	out := CareLeaverLines(rc.Cases[n-1])
	for i, nc := range rc.Cases[:n-1] {
		for _, line := range CareLeaverLines(nc) {
			out = append(out, rc.Councils[i]+": "+line)
		}
	}
	return out
}

// RegionChange is one cell of a region comparison's table: a measure over the whole run (a
// year's worth for totals) in the baseline and the strategy, and their mean paired difference
// with its confidence interval. A measure a council does not record has NaN figures.
type RegionChange struct {
	// Council names the council, or sim.RegionTotal; KPI the measure; Label says it in plain
	// English and Short in a word or two, for a table of text.
	Council, KPI, Label, Short string
	// Base and Alt are the measure in the baseline and the strategy (means over the runs);
	// Diff is their mean paired difference, DiffLo and DiffHi its confidence interval.
	Base, Alt, Diff, DiffLo, DiffHi float64
}

// Changes returns the table of what changes for each council and the region: a row for each
// of Councils and a cell for each measure that some council records.
func (rc *RegionComparison) Changes() [][]RegionChange {
	var out [][]RegionChange
	measures := rc.measures()
	for i, c := range rc.Councils {
		var row []RegionChange
		byKPI := map[string]sim.Difference{}
		for _, d := range rc.Diffs[i] {
			if d.Period == sim.WholeRun {
				byKPI[d.KPI] = d
			}
		}
		for _, m := range measures {
			ch := RegionChange{Council: c, KPI: m.kpi, Label: m.label, Short: m.short, Base: math.NaN(), Alt: math.NaN(), Diff: math.NaN(), DiffLo: math.NaN(), DiffHi: math.NaN()}
			if d, ok := byKPI[m.kpi]; ok {
				scale := 1.0
				if isTotal(m.kpi) && rc.Years > 0 {
					scale = 1 / float64(rc.Years)
				}
				ch.Base, ch.Alt, ch.Diff, ch.DiffLo, ch.DiffHi = scale*d.BaseMean, scale*d.AltMean, scale*d.DiffMean, scale*d.DiffLo, scale*d.DiffHi
			}
			row = append(row, ch)
		}
		out = append(out, row)
	}
	// Measures no council records are left out.
	keep := make([]bool, len(measures))
	for _, row := range out {
		for j, ch := range row {
			keep[j] = keep[j] || !math.IsNaN(ch.Base)
		}
	}
	for i, row := range out {
		var kept []RegionChange
		for j, ch := range row {
			if keep[j] {
				kept = append(kept, ch)
			}
		}
		out[i] = kept
	}
	return out
}

// RegionCompareReport is the board pack of a comparison of regions: for each strategy, what it
// changes against the baseline (every input of the region file that moves the result, with the
// baseline's figure and the change), what changes for each council and the region (places, distance, emergencies, spend) with the
// confidence interval of each change, each council's business case and the region's, and
// the charts of the region's differences.
type RegionCompareReport struct {
	// Baseline is the baseline region; Scenarios are the strategies, in order.
	Baseline  *model.Region
	Scenarios []*model.Region
	// Comparisons are the strategies against the baseline, in order.
	Comparisons []*RegionComparison
	// Level is the confidence level of the intervals, such as 0.9.
	Level float64
	// Reps and Seed say how the runs were made; Source names them.
	Reps   int
	Seed   uint64
	Source string
	// Charts are drawn under the strategy whose name ends theirs ("difference-NAME",
	// "business-case-NAME"), as SVG.
	Charts []*Chart
	// Files, when set, replaces the closing sentence that says which files beside the pack
	// hold its figures (a pack downloaded on its own has none beside it), as CompareReport's.
	Files string
}

type regionComparePage struct {
	CSS                 template.CSS
	Title, Lede, Source string
	Files               string
	Level, BaselineName string
	Strategies          []regionStrategy
	OnePair             bool // one pair of runs: no interval and no chance
}

type regionStrategy struct {
	Name, Description string
	Changes           []string
	ChangesPrices     string // at which year's prices the money of Changes is (termsPricesNote)
	Columns           []string
	Rows              []regionChangeRow
	Cases             []regionCaseRow
	// ChangesTotal and CasesTotal say, under the table of changes and of business cases, that
	// the region's row is the total of the councils' (RegionChangesTotalKey,
	// RegionCaseTotalKey).
	ChangesTotal, CasesTotal string
	// CaseTerms says on what terms the business case's money reads: the net present value's
	// years, prices and discount rate (NPVBasis); how the shared markets price a place is in the
	// money terms (RegionPricesNote).
	CaseTerms []string
	Charts    []reportChart
	// Measured says which totals the table's cells give a year: "emergency placements and
	// spending", with the young people leaving care with no accommodation when they move.
	Measured string
	// CareLeavers is what the business cases say of young people leaving care with no
	// accommodation (RegionComparison.CareLeaverLines).
	CareLeavers []string
	// UASCGrant is what the spending leaves out when UASC in care differ
	// (RegionComparison.UASCGrantLines).
	UASCGrant []string
	// Prices says which councils' prices differ from the baseline's (RegionPriceNotes).
	Prices []string
	// MarketPrices says how the strategy's shared markets price a place where that differs
	// from the baseline's (StrategyMarketPricesNote); "" when they price alike.
	MarketPrices string
	// Idle says what in each council's scenario acts on nothing it has (RegionIdleNotes).
	Idle []string
	// Gains are the rows of where each council's change in spending comes from, and WhoGains
	// the sentences that say it (RegionComparison.WhoGainsLines); empty without parts.
	Gains    []regionGainRow
	WhoGains []string
	// Split says that the business case's rows split the region's between the councils the
	// strategy changes and the others (RegionComparison.Split).
	Split bool
	// SplitRegionCosts says that the other councils' row moves through their share of the
	// region's own changes too (RegionSplit.RegionCosts).
	SplitRegionCosts bool
	// RegionCosts says that every council's change comes through its share of the region's own
	// changes too (RegionComparison.RegionCosts).
	RegionCosts bool
	// Summary is what the first page says of the strategy for the whole region (CaseSummary).
	Summary []string
}

// regionGainRow is one council's change in spending over the run, split as spending_parts.csv's
// total row splits it.
type regionGainRow struct {
	Name                                string
	Total                               bool
	Own                                 string
	Change, Range, Volume, Price, Other string
}

type regionChangeRow struct {
	Name  string
	Total bool
	Cells []regionChangeCell
}

type regionChangeCell struct{ Diff, Range, Levels string }

type regionCaseRow struct {
	Name string
	// Total marks the region's row, and Part the rows that split it: the councils the
	// strategy changes and the others.
	Total, Part                  bool
	Net, NetRange, NPV, NPVRange string
	Payback, Chance              string
}

// WriteHTML writes the board pack as one self-contained HTML file, as CompareReport.WriteHTML
// does.
func (r *RegionCompareReport) WriteHTML(w io.Writer) error {
	base := r.Baseline
	page := regionComparePage{
		CSS:          reportCSS,
		Title:        "Regional strategies: " + base.Name,
		Source:       r.Source,
		Files:        r.Files,
		Level:        Percent(r.Level),
		BaselineName: base.Name,
	}
	page.Lede = fmt.Sprintf("Each strategy against the region as it is (%s): %s sharing one market of places, "+
		"%s on seed %d. Replication i of each council sees the same children arrive in the baseline and in the "+
		"strategy, so the differences are the strategy's, not chance's.",
		base.Name, plural(len(base.Councils), "council"), plural(r.Reps, "paired run"), r.Seed)
	one := r.Reps == 1 // one pair gives no interval: its cells show the pair's difference alone
	page.OnePair = one
	if one {
		page.Lede += " One paired run gives no interval: each figure is that run's."
	}
	for i, rc := range r.Comparisons {
		st := regionStrategy{Name: rc.Scenario, Measured: "emergency placements and spending", CareLeavers: rc.CareLeaverLines(), Split: rc.Split != nil, SplitRegionCosts: rc.Split != nil && rc.Split.RegionCosts, RegionCosts: rc.RegionCosts,
			ChangesTotal: RegionChangesTotalKey(one), CasesTotal: RegionCaseTotalKey(one)}
		if rc.CareLeaversMove() {
			st.Measured = "emergency placements, young people leaving care with no accommodation and spending"
		}
		if i < len(r.Scenarios) {
			reg := r.Scenarios[i]
			st.Description = reg.Description
			st.Changes = RegionStrategyChanges(base, reg)
			st.ChangesPrices = regionTermsPricesNote(reg, st.Changes)
			st.UASCGrant = rc.UASCGrantLines(base, reg, r.Level)
			st.Prices = RegionPriceNotes(base, reg)
			st.MarketPrices = StrategyMarketPricesNote(base, reg)
			st.Idle = RegionIdleNotes(base, reg)
		}
		changes := rc.Changes()
		if len(changes) > 0 {
			for _, ch := range changes[0] {
				st.Columns = append(st.Columns, ch.Label)
			}
		}
		for j, row := range changes {
			cr := regionChangeRow{Name: rc.Councils[j], Total: rc.Councils[j] == sim.RegionTotal && j == len(changes)-1}
			if cr.Total {
				cr.Name = "Region"
			}
			for _, ch := range row {
				u := UnitOf(ch.KPI)
				cell := regionChangeCell{
					Diff:   Signed(ch.Diff, u),
					Range:  rangeText(ch.DiffLo, ch.DiffHi, u),
					Levels: Level(ch.Base, u) + " → " + Level(ch.Alt, u),
				}
				if one {
					cell.Range = ""
				}
				cr.Cells = append(cr.Cells, cell)
			}
			st.Rows = append(st.Rows, cr)
		}
		if n := len(rc.Cases); n > 0 {
			if basis := NPVBasis(rc.Cases[n-1]); basis != "" {
				st.CaseTerms = append(st.CaseTerms, basis+".")
			}
		}
		if n := len(rc.Cases); n > 0 {
			st.Summary = CaseSummary(st.Description, rc.Cases[n-1])
		}
		for j, nc := range rc.Cases {
			row := regionCaseRow{Name: rc.Councils[j], Total: j == len(rc.Cases)-1, Chance: futuresChance(nc, nc.PPaysBack)}
			if row.Total {
				row.Name = "Region"
			}
			if n := len(nc.Years); n > 0 {
				cum := nc.Years[n-1].Cumulative
				row.Net, row.NetRange = signedGBP(cum.Mean), CaseInterval(cum)
			}
			row.NPV, row.NPVRange = signedGBP(nc.NPV.Mean), CaseInterval(nc.NPV)
			if one {
				row.NetRange, row.NPVRange = "", ""
			}
			row.Payback = rc.PaybackCellOf(j)
			st.Cases = append(st.Cases, row)
		}
		if sp := rc.Split; sp != nil {
			// The region's business case split between the councils the strategy changes
			// and the others, after the region's row.
			for _, g := range sp.Cases() {
				row := regionCaseRow{Name: g.Name, Part: true, Payback: PaybackCell(g.Case), Chance: futuresChance(g.Case, g.Case.PPaysBack)}
				if n := len(g.Case.Years); n > 0 {
					cum := g.Case.Years[n-1].Cumulative
					row.Net, row.NetRange = signedGBP(cum.Mean), CaseInterval(cum)
				}
				row.NPV, row.NPVRange = signedGBP(g.Case.NPV.Mean), CaseInterval(g.Case.NPV)
				if one {
					row.NetRange, row.NPVRange = "", ""
				}
				st.Cases = append(st.Cases, row)
			}
		}
		st.WhoGains = rc.WhoGainsLines(r.Level)
		for j, parts := range rc.Parts {
			if len(parts) == 0 || j >= len(rc.Councils) {
				continue
			}
			t := parts[len(parts)-1]
			g := regionGainRow{Name: rc.Councils[j], Total: rc.Councils[j] == sim.RegionTotal, Own: "no",
				Change: Signed(t.CostChange, Money), Range: rangeText(t.CostLo, t.CostHi, Money),
				Volume: Signed(t.VolumeEffect, Money), Price: Signed(t.PriceEffect, Money), Other: Signed(t.Other, Money)}
			if rc.OwnChangesOf(rc.Councils[j]) {
				g.Own = "yes"
			}
			if g.Total {
				g.Name = "Region"
			}
			if one {
				g.Range = ""
			}
			st.Gains = append(st.Gains, g)
		}
		for _, c := range r.Charts {
			if c.Name == "difference-"+rc.Scenario || c.Name == "business-case-"+rc.Scenario {
				rch, err := reportChartOf(c, nil)
				if err != nil {
					return err
				}
				st.Charts = append(st.Charts, rch)
			}
		}
		page.Strategies = append(page.Strategies, st)
	}
	return regionCompareTemplate.Execute(w, page)
}

// RegionIdleNotes says, a sentence each, what in the scenario of each council of reg acts on
// nothing it has (model.Council.Idle), as IdleNotes says it of a scenario, naming the council:
// "Acts on nothing in council kent: Agency price up 10% (interventions[9].factor) multiplies
// the price of ifa, and no child can be placed there ...". What the council of the same name
// in the baseline base already has (the same field, with the same value there:
// model.Scenario.OwnIdle) is the baseline's, not the strategy's, and is left out; base nil
// leaves out nothing.
func RegionIdleNotes(base, reg *model.Region) []string {
	var out []string
	for _, c := range reg.Councils {
		if c.Scenario == nil {
			continue
		}
		idle := c.Idle
		if base != nil && base != reg {
			for _, b := range base.Councils {
				if b.Name == c.Name && b.Scenario != nil {
					idle = c.Scenario.OwnIdle(idle, b.Scenario, b.Idle)
				}
			}
		}
		out = append(out, idleNotes(c.Scenario, idle, "Acts on nothing in council "+c.Name+": ")...)
	}
	return out
}

// rangeText writes an interval of differences, its unit said once where it is a word, to keep
// a table's cells narrow: "+1.1 to +1.4 pts", "-£7.3m to -£5.7m", "-1.6 to -0.5".
func rangeText(lo, hi float64, u Unit) string {
	from := Signed(lo, u)
	if u == Share {
		from = strings.TrimSuffix(from, " pts")
	}
	return from + " to " + Signed(hi, u)
}

// signedGBP writes a saving with its sign: +£1.2m, -£300k.
func signedGBP(v float64) string { return Signed(v, Money) }

// regionInterventionText describes one dated change of a region's markets.
func regionInterventionText(reg *model.Region, iv model.RegionIntervention) string {
	what := iv.Name
	if what == "" {
		what = iv.Action.String()
	}
	// The market in the words the region's charts give it ("external children's homes"), not
	// its kind's name (external_residential).
	market := marketWords(reg, iv.Market)
	var detail string
	switch iv.Action {
	case model.ProviderExit:
		detail = fmt.Sprintf("%s leaves the %s market", iv.Provider.Name, market)
	case model.ProviderOpen:
		detail = fmt.Sprintf("%s opens %s in the %s market", iv.Provider.Name, plural(iv.Provider.Places, "place"), market)
	case model.ProviderResize:
		detail = fmt.Sprintf("%s changes its places in the %s market by %+d", iv.Provider.Name, market, iv.Places)
	case model.PooledBlock:
		zone := ""
		if iv.Zone >= 0 && iv.Zone < len(reg.Zones) {
			zone = " in " + reg.Zones[iv.Zone].Name
		}
		detail = fmt.Sprintf("%s in the %s market contracted for every council together%s at %s a place a year",
			plural(iv.Places, "place"), market, zone, formatMoney(iv.CostPerPlaceYearGBP))
	}
	// What it costs to run beyond its places, shared among the councils.
	if c := iv.Cost; c.OneOffGBP > 0 {
		detail += ", " + formatMoney(c.OneOffGBP) + " once"
	}
	if c := iv.Cost; c.PerYearGBP > 0 {
		detail += ", " + formatMoney(c.PerYearGBP) + " a year to run"
	}
	if c := iv.Cost; c.PerUnitGBP > 0 && iv.Action != model.ProviderExit {
		detail += ", " + formatPounds(c.PerUnitGBP) + " a place"
	}
	return fmt.Sprintf("%s: %s, from %s", what, detail, iv.On.Format("January 2006"))
}

// caseFigureLabel names a figure of business_case.csv as the workbook's Business case names
// it, as a single council's workbook does: "Net saving" for net_saving, "Net present value at
// 3.5% a year" for npv, and the region's split rows by the figure and the group ("Net saving:
// councils the strategy changes", "Net present value at 3.5% a year: the other councils").
// false for a figure it does not know.
func caseFigureLabel(code string, nc *sim.NetCase) (string, bool) {
	group := ""
	for suffix, name := range map[string]string{"_acting_councils": "councils the strategy changes", "_other_councils": "the other councils"} {
		if c, ok := strings.CutSuffix(code, suffix); ok {
			code, group = c, ": "+name
		}
	}
	if code == "npv" {
		return NPVLabel(nc) + group, true
	}
	for _, c := range CaseFigures {
		if c.CSV == code {
			return c.Heading + group, true
		}
	}
	return "", false
}

// WriteWorkbook writes the comparison's results.xlsx: the table of changes for each council
// and the region (Changes), comparison.csv (Comparison), business_case.csv (Business case) and
// spending_parts.csv (Spending parts, left out when parts is empty), each an Excel table whose
// first column is the council. comparison, cases and parts are the text of those files, as the
// compare command writes them for regions.
func (r *RegionCompareReport) WriteWorkbook(w io.Writer, comparison, cases, parts []byte) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	st, err := newBookStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Changes"); err != nil {
		return err
	}
	// One pair gives no mean of runs and no interval: its figures alone, headed as the run's.
	oneRun := r.Reps == 1
	rows := [][]string{{"Council", "Scenario", "Baseline", "KPI code", "Measure", "Baseline mean", "Scenario mean", "Change", "Change, CI low", "Change, CI high"}}
	if oneRun {
		rows = [][]string{{"Council", "Scenario", "Baseline", "KPI code", "Measure", "Baseline figure", "Scenario figure", "Change"}}
	}
	for _, rc := range r.Comparisons {
		for _, row := range rc.Changes() {
			for _, ch := range row {
				rec := []string{ch.Council, rc.Scenario, rc.Baseline, ch.KPI, ch.Label, num(ch.Base), num(ch.Alt), num(ch.Diff), num(ch.DiffLo), num(ch.DiffHi)}
				rows = append(rows, rec[:len(rows[0])])
			}
		}
	}
	if err := writeSheet(f, "Changes", rows, st, 3, -1, []float64{16, 20, 20, 28, 30, 14, 14, 14, 14, 14}); err != nil {
		return err
	}
	if err := addTable(f, "Changes", "Changes", len(rows[0]), len(rows)); err != nil {
		return err
	}
	// A part year's period ("2029/30 (to 30 June)") needs a wider column than a year's.
	periodWidth, partNote := 0.0, ""
	if partYears(r.Baseline.Start, r.Baseline.Years) != "" {
		periodWidth, partNote = 24, " and a part year's period saying where it begins or ends"
	}
	for _, sheet := range []struct {
		name    string
		text    []byte
		nameCol int
	}{{"Comparison", comparison, 4}, {"Business case", cases, -1}} {
		recs, err := csv.NewReader(bytes.NewReader(sheet.text)).ReadAll()
		if err != nil {
			return fmt.Errorf("%s: %w", sheet.name, err)
		}
		if len(recs) == 0 {
			continue
		}
		// A part year says where it begins or ends ("2026/27 (from 1 July)"), as the workbook of
		// a single council's comparison says it.
		if j := slices.Index(recs[0], "period"); j >= 0 {
			for _, rec := range recs[1:] {
				if j < len(rec) {
					rec[j] = YearLabel(r.Baseline.Start, r.Baseline.Years, rec[j])
				}
			}
		}
		// The chances are shares of the pairs, and the pairs a count, whatever the row's KPI.
		fixed := map[int]int{}
		for j, h := range recs[0] {
			switch h {
			case "p_lower", "p_higher", "p_positive", "p_paid_back":
				fixed[j] = st.share
			case "n":
				fixed[j] = 0
			case "mean", "mean_lo", "mean_hi", "run_lo", "run_hi":
				if sheet.nameCol < 0 { // every figure of the business case is money
					fixed[j] = st.money
				}
			}
			if plain, ok := compareHeaders[h]; ok {
				recs[0][j] = plain
			}
		}
		if sheet.nameCol < 0 {
			// The net present value's row is named as a single council's workbook names it,
			// with its discount rate, and so are the memo rows of the UASC grants.
			if j := slices.Index(recs[0], "Figure"); j >= 0 {
				for _, rec := range recs[1:] {
					if j < len(rec) {
						if label, ok := caseFigureLabel(rec[j], r.firstCase()); ok {
							rec[j] = label
						}
					}
					// The UASC grants' memo rows, which the net saving leaves out.
					if j < len(rec) && strings.HasPrefix(rec[j], "memo_") {
						if label, ok := grantMemoLabels[strings.TrimPrefix(rec[j], "memo_")]; ok {
							rec[j] = label
						}
					}
				}
			}
			// The business case is money, but for its chances.
			if err := streamSheets(f, sheet.name, recs, st, -1, -1, -1, fixed, []float64{16, 20, 20, max(12, periodWidth), 20}, excelMaxRows); err != nil {
				return err
			}
			continue
		}
		if err := streamSheets(f, sheet.name, recs, st, sheet.nameCol, -1, -1, fixed, []float64{16, 20, 20, max(10, periodWidth), 28}, excelMaxRows); err != nil {
			return err
		}
	}
	if err := writePartsSheet(f, parts, st, r.Baseline, periodWidth); err != nil {
		return err
	}
	var names []string
	measured := "emergency placements and spending"
	for _, rc := range r.Comparisons {
		names = append(names, rc.Scenario)
		if rc.CareLeaversMove() {
			measured = "emergency placements, young people leaving care with no accommodation and spending"
		}
	}
	compared := fmt.Sprintf("%s against %s, council by council, %s of each council on seed %d",
		strings.Join(names, ", "), r.Baseline.Name, plural(r.Reps, "paired replication"), r.Seed)
	terms := [][2]string{
		{"Council", "Each council of the region, then \"" + sim.RegionTotal + "\" for the region as a whole: the total of its councils, each paired run's figures added up, " +
			"so that a figure's Mean for the region in Business case (and Changes' Baseline mean, Scenario mean and Change, but for the shares) is the sum of the councils' in the same period, to within a few pence of rounding; " +
			"its intervals and ranges are worked out from the totals, not added up from theirs, and its shares are of all the region's children"},
		{"Changes", "The change over the whole run for each council and the region: " + measured + " a year (the run's total over its years), the others the run's average; shares in per cent"},
		{"Comparison, Business case", "comparison.csv and business_case.csv as they are, by financial year, with plain headers" + partNote + ", the business case's figures named in words (net_saving as Net saving, the region's net_saving_acting_councils as Net saving: councils the strategy changes, and so on)" + ": Chance lower and Chance higher are the shares of paired runs in which the strategy's figure is lower or higher"},
	}
	if oneRun {
		terms[1][1] = "The change over the whole run in the one paired run for each council and the region: " + measured + " a year (the run's total over its years), the others the run's average; shares in per cent"
		terms[2][1] = "comparison.csv and business_case.csv as they are, by financial year, with plain headers" + partNote + ": the one paired run's figures; its columns of intervals, ranges and chances are empty, as one run gives none"
	}
	if !oneRun { // one pair gives no chance
		terms = append(terms, [2]string{"Chance paid back", ChancePaidBackKey})
	}
	if len(parts) > 0 {
		note := SpendingPartsNote
		if oneRun { // one pair: no intervals, and the effects are the pair's, not of means
			note = strings.Replace(note, " The intervals are of the change in children and in spending (comparison.csv's); the price and volume effects are figures of the means and have none",
				" The figures are the one paired run's, which gives no interval", 1)
		}
		terms = append(terms, [2]string{"Spending parts", note})
	}
	for _, rc := range r.Comparisons {
		for _, line := range rc.WhoGainsLines(r.Level) {
			terms = append(terms, [2]string{"Who gains, " + rc.Scenario, line})
		}
	}
	// The net present value's terms and the shared markets' prices, as the pack says them.
	for _, rc := range r.Comparisons {
		if n := len(rc.Cases); n > 0 {
			if basis := NPVBasis(rc.Cases[n-1]); basis != "" {
				terms = append(terms, [2]string{"Net present value", basis + ", for each council and the region"})
				break
			}
		}
	}
	// A council whose own prices differ between the baseline and a strategy, as the pack says.
	for i, reg := range r.Scenarios {
		if i < len(r.Comparisons) {
			for _, line := range RegionPriceNotes(r.Baseline, reg) {
				terms = append(terms, [2]string{"Prices, " + r.Comparisons[i].Scenario, line})
			}
		}
	}
	// How a strategy's shared markets price a place where that differs from the baseline's,
	// as the pack says it (StrategyMarketPricesNote).
	for i, reg := range r.Scenarios {
		if i < len(r.Comparisons) {
			if note := StrategyMarketPricesNote(r.Baseline, reg); note != "" {
				terms = append(terms, [2]string{"Market prices, " + r.Comparisons[i].Scenario, note})
			}
		}
	}
	// What in a council's scenario acts on nothing it has, as the pack says it (RegionIdleNotes).
	for i, reg := range r.Scenarios {
		if i < len(r.Comparisons) {
			for _, line := range RegionIdleNotes(r.Baseline, reg) {
				terms = append(terms, [2]string{"Acts on nothing, " + r.Comparisons[i].Scenario, line})
			}
		}
	}
	about := howToRead(compared, Percent(r.Level), r.Source, false, oneRun, terms)
	if _, err := f.NewSheet("How to read"); err != nil {
		return err
	}
	if err := bookTable(f, "How to read", "HowToRead", about, []float64{28, 120}, st); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// firstCase returns the first business case of the comparisons, whose discount rates and
// years every one of them shares, or nil.
func (r *RegionCompareReport) firstCase() *sim.NetCase {
	for _, rc := range r.Comparisons {
		for _, nc := range rc.Cases {
			return nc
		}
	}
	return nil
}

// compareHeaders are the plain headers, in a workbook, of the columns of comparison.csv and
// business_case.csv.
var compareHeaders = map[string]string{
	"council": "Council", "scenario": "Scenario", "baseline": "Baseline", "period": "Period", "kpi": "KPI code",
	"base_mean": "Baseline mean", "alt_mean": "Scenario mean", "diff_mean": "Change", "diff_mean_lo": "Change, CI low",
	"diff_mean_hi": "Change, CI high", "diff_run_lo": "One future, low", "diff_run_hi": "One future, high",
	"p_lower": "Chance lower", "p_higher": "Chance higher", "n": "Pairs",
	"figure": "Figure", "mean": "Mean", "mean_lo": "CI low", "mean_hi": "CI high", "run_lo": "One future, low",
	"run_hi": "One future, high", "p_positive": "Chance above 0", "p_paid_back": "Chance paid back",
}

var regionCompareTemplate = template.Must(template.New("region-compare").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}tr.total td { font-weight: bold; border-top: 1.5px solid #666; }
td.num span.levels { color: #555; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="lede">{{.Lede}}</p>
</header>
<main>
<section class="summary">
<h2>In short</h2>
{{range .Strategies}}{{if .Summary}}<h3>{{.Name}} against {{$.BaselineName}}, the whole region</h3>
<ul>
{{range .Summary}}<li>{{.}}</li>
{{end}}</ul>
{{end}}{{end}}</section>
{{range .Strategies}}
<section class="strategy">
<h2>{{.Name}}</h2>
{{with .Description}}<p>{{.}}</p>{{end}}
{{if .Changes}}<p>What it changes against {{$.BaselineName}}:</p>
<ul>
{{range .Changes}}<li>{{.}}</li>
{{end}}</ul>{{with .ChangesPrices}}
<p>{{.}}</p>{{end}}{{end}}
{{range .Idle}}<p><strong>{{.}}</strong></p>
{{end}}<h3>What changes for each council and the region</h3>
<table class="councils">
<thead><tr><th>Council</th>{{range .Columns}}<th class="num wrap">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Total}} class="total"{{end}}><td>{{.Name}}</td>{{range .Cells}}<td class="num">{{.Diff}}<span>{{.Range}}</span><span class="levels">{{.Levels}}</span></td>{{end}}</tr>
{{end}}</tbody>
</table>
<p class="source">Each cell: the average change over the whole run (the strategy minus {{$.BaselineName}}; {{.Measured}} a year), below it its {{$.Level}} confidence interval of the mean, and the baseline's and the strategy's levels. Shares change in percentage points. {{.ChangesTotal}}</p>
<h3>The business case</h3>
<table class="councils">
<thead><tr><th>Council</th><th class="num wrap">Net saving over the run</th><th class="num wrap">Net present value</th><th class="wrap">Pays back</th><th class="num wrap">Chance it pays back</th></tr></thead>
<tbody>
{{range .Cases}}<tr{{if .Total}} class="total"{{end}}><td>{{if .Part}}of which: {{end}}{{.Name}}</td><td class="num">{{.Net}}<span>{{.NetRange}}</span></td><td class="num">{{.NPV}}<span>{{.NPVRange}}</span></td><td>{{.Payback}}</td><td class="num">{{.Chance}}</td></tr>
{{end}}</tbody>
</table>
<p class="source">Savings are the baseline's spending less the strategy's, programme costs included: positive when the strategy costs less.{{if not $.OnePair}} Below each, its {{$.Level}} confidence interval of the mean.{{end}} {{.CasesTotal}}{{if .Split}} The two rows under the region's split it between the councils the strategy changes (their whole net saving: what the strategy saves them, and what the shared market's prices and places did to them, as to any council) and the others, whose figures move {{if .SplitRegionCosts}}through the shared market and their share of the costs of the region's own changes{{else}}only through the shared market{{end}}: each adds up its councils run by run, with its own interval, and the two add up to the region's.{{end}}</p>
{{range .CaseTerms}}<p>{{.}}</p>
{{end}}{{with .MarketPrices}}<p>{{.}}</p>
{{end}}{{range .Prices}}<p>{{.}}</p>
{{end}}{{range .CareLeavers}}<p>{{.}}</p>
{{end}}{{range .UASCGrant}}<p>{{.}}</p>
{{end}}{{if .Gains}}<h3>Who gains, and why</h3>
{{range .WhoGains}}<p>{{.}}</p>
{{end}}<table class="councils">
<thead><tr><th>Council</th><th class="wrap">Changes of its own</th><th class="num wrap">Change in spending over the run</th><th class="num wrap">Children placed in each kind (volume)</th><th class="num wrap">Weekly price of each kind (price)</th><th class="num wrap">Costs not tied to a child placed</th></tr></thead>
<tbody>
{{range .Gains}}<tr{{if .Total}} class="total"{{end}}><td>{{.Name}}</td><td>{{.Own}}</td><td class="num">{{.Change}}<span>{{.Range}}</span></td><td class="num">{{.Volume}}</td><td class="num">{{.Price}}</td><td class="num">{{.Other}}</td></tr>
{{end}}</tbody>
</table>
<p class="source">Spending is the strategy's less the baseline's: negative when the strategy costs less. A kind's weekly price is its spending divided by its children on an average day and the weeks of the run; volume is the change in its children at the strategy's price, price the change in its price for the children the baseline placed there, and the two add up to the kind's change; where a council makes no change of its own, all of its change comes through the shared market{{if .RegionCosts}} and its share of the region's own changes{{end}}. The region's row is its councils' added up, so that children moved between councils that pay different prices are not counted as a change in price. spending_parts.csv (the workbook's Spending parts) holds every kind, year by year, to work each figure out again from comparison.csv.</p>
{{end}}{{range .Charts}}<figure id="{{.Name}}">
{{.SVG}}
</figure>
{{end}}</section>
{{end}}
</main>
<footer><p class="source">{{.Source}} {{with .Files}}{{.}}{{else}}Every figure is in comparison.csv, business_case.csv and spending_parts.csv beside this report (a council column: each council, then "region" for the whole), and in results.xlsx.{{end}}</p></footer>
</body>
</html>
`))
