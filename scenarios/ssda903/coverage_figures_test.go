package ssda903

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios/readme"
)

// coverageWrite makes a run of the full coverage study (-coverage-study, with or without
// -coverage-guard) save what it found in testdata/coverage (coverageResultsPath) and rewrite the
// README's coverage figures from it (the <!-- figures:coverage-... --> regions): make
// backtest-coverage passes it, so that the README's figures of the study are those of its last
// run, and TestCoverageFigures, in make test, holds the README to the saved results.
var coverageWrite = flag.Bool("coverage-write", false, "with -coverage-study: save the run's cells in testdata/coverage and rewrite README.md's coverage figures from them")

// coverageRun is what one run of the coverage study found: its settings and each cell's
// measures, as -coverage-write saves them (testdata/coverage/guard.json for a run with
// -coverage-guard, study.json for the full study).
type coverageRun struct {
	// Run is "guard" or "study".
	Run string `json:"run"`
	// Returns is the returns backtested of each council; Seed the first return's seed of the
	// council of 350 entries a year (coverageSeed); Resamples and Reps the resamples and
	// replications of each return's backtest.
	Returns   int    `json:"returns"`
	Seed      uint64 `json:"seed"`
	Resamples int    `json:"resamples"`
	Reps      int    `json:"reps"`
	// FixedShares reports -coverage-fixed-shares.
	FixedShares bool `json:"fixed_shares,omitempty"`
	// Councils names the councils in the study's order.
	Councils []string `json:"councils"`
	// Cells holds each council, kind and year of horizon of the backtests with resamples;
	// Alone those of the calibrated scenario's bands alone (the full study's comparison).
	Cells []coverageCell `json:"cells"`
	Alone []coverageCell `json:"alone,omitempty"`
	// Seconds is the time the returns' backtests took, each on one core, summed over them.
	Seconds float64 `json:"seconds"`
}

// coverageCell is one council, kind and year of horizon of a run, its shares rounded to a
// tenth of a point and its widths to a tenth of a child, as the README quotes them.
type coverageCell struct {
	Council string `json:"council"`
	Kind    string `json:"kind"`
	Horizon string `json:"horizon"`
	// In90 and In50 are the shares of months inside the 90% and 50% bands, in per cent; SE its
	// standard error over the returns (tally.shareSE) and Lo and Hi its 95% interval
	// (tally.cellInterval), in points; SERight the standard error bands right in the cell would
	// have (se90).
	In90    float64 `json:"in90"`
	In50    float64 `json:"in50"`
	SE      float64 `json:"se"`
	SERight float64 `json:"se_right"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
	// Bias is the simulated mean over the actual counts, less 1, in per cent, and BiasSE its
	// standard error.
	Bias   float64 `json:"bias"`
	BiasSE float64 `json:"bias_se"`
	// Width is the 90% band's mean width in children, Needed the width a normal band needs to
	// hold 90% of the months (tally.needed) and Between the share of the band's variance between
	// the resamples (the between component over the two components' sum, varianceParts), in per
	// cent.
	Width   float64 `json:"width"`
	Needed  float64 `json:"needed"`
	Between float64 `json:"between"`
}

// coverageResultsPath returns where -coverage-write saves run ("guard" or "study").
func coverageResultsPath(run string) string {
	return filepath.Join("testdata", "coverage", run+".json")
}

// round1 rounds x to one decimal, and NaN to 0 (a cell of no actual child has no bias).
func round1(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(10*x) / 10
}

// newCoverageCell returns the measures of one cell's tally, rounded as the README quotes them.
func newCoverageCell(council, kind, horizon string, c *tally) coverageCell {
	lo, hi := c.cellInterval(1)
	return coverageCell{
		Council: council, Kind: kind, Horizon: horizon,
		In90: round1(100 * c.share90()), In50: round1(100 * c.share50()),
		SE: round1(100 * c.shareSE(1)), SERight: round1(100 * se90(*c)),
		Lo: round1(100 * lo), Hi: round1(100 * hi),
		Bias: round1(100 * c.bias()), BiasSE: round1(100 * c.biasSE()),
		Width: round1(c.width / float64(c.months)), Needed: round1(c.needed()),
		Between: round1(100 * c.betweenShare()),
	}
}

// saveCoverageRun writes r to its results file and rewrites README.md's coverage figures from
// the saved runs.
func saveCoverageRun(r *coverageRun) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	path := coverageResultsPath(r.Run)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return err
	}
	readme := filepath.Join("..", "..", "README.md")
	text, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	figs, err := coverageFigures()
	if err != nil {
		return err
	}
	got, err := replaceCoverageFigures(string(text), figs)
	if err != nil {
		return fmt.Errorf("%s: %w", readme, err)
	}
	return os.WriteFile(readme, []byte(got), 0o644)
}

// loadCoverageRun reads the saved results of run, or nil when the run has not been saved.
func loadCoverageRun(run string) (*coverageRun, error) {
	b, err := os.ReadFile(coverageResultsPath(run))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r coverageRun
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", coverageResultsPath(run), err)
	}
	return &r, nil
}

// coverageFigures returns the text of every README region of the coverage figures by name:
// the bars and floors the study holds cells to, its councils and sizes, from the code, and
// each saved run's summary and table.
func coverageFigures() (map[string]string, error) {
	figs := map[string]string{
		"coverage-bar90":          "85-95%",
		"coverage-bar50":          "40-60%",
		"coverage-study-returns":  fmt.Sprint(studyReturns),
		"coverage-guard-returns":  fmt.Sprint(guardReturns),
		"coverage-short-returns":  fmt.Sprint(studyTruths(false)[0].returns),
		"coverage-councils":       councilsText(),
		"coverage-floors":         floorsText(),
		"coverage-cells":          fmt.Sprint(len(studyTruths(true)) * len(ComparedKinds) * 3),
		"coverage-default-seed":   fmt.Sprint(coverageSeedDefault),
		"coverage-resamples-reps": fmt.Sprintf("%d resamples and %d replications", coverageResamples, coverageReps),
	}
	for _, run := range []string{"guard", "study"} {
		r, err := loadCoverageRun(run)
		if err != nil {
			return nil, err
		}
		figs["coverage-"+run+"-summary"] = r.summary(run)
		figs["coverage-"+run+"-table"] = r.table(run)
	}
	return figs, nil
}

// councilsText describes the full study's councils: their entries a year and stays.
func councilsText() string {
	var names []string
	for _, st := range studyTruths(true) {
		stays := "the typical county's stays"
		switch r := st.truth.meanStay[0] / typical().meanStay[0]; r {
		case 1:
		case 0.5:
			stays = "stays half as long"
		case 2:
			stays = "stays twice as long"
		default:
			stays = fmt.Sprintf("stays %g times as long", r)
		}
		names = append(names, fmt.Sprintf("%g entries a year with %s", st.truth.perYear, stays))
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// floorsText lists the guard's floors (coverageFloor) by kind.
func floorsText() string {
	var parts []string
	for _, ck := range ComparedKinds {
		lo, _ := coverageFloor(ck.Name)
		parts = append(parts, fmt.Sprintf("%s %.0f%%", ck.Name, 100*lo))
	}
	return strings.Join(parts, ", ")
}

// notRun is the text of a run's regions before it has been saved.
func notRun(run string) string {
	target := map[string]string{"guard": "make backtest-coverage-guard COVERAGE_WRITE=-coverage-write", "study": "make backtest-coverage"}[run]
	return fmt.Sprintf("Not measured on this version of the calibration: `%s` writes the figures here.", target)
}

// summary returns the run's figures in sentences: its size, the cells inside the bar as
// measured and by their intervals, how precisely they are measured, the cells outside the bar
// as measured, the comparison without resamples (the full study) and the time it took.
func (r *coverageRun) summary(run string) string {
	if r == nil {
		return notRun(run)
	}
	var b strings.Builder
	fixed := ""
	if r.FixedShares {
		fixed = ", councils placing a fixed share with agencies (-coverage-fixed-shares)"
	}
	fmt.Fprintf(&b, "%d returns of each council from seed %d%s, %d resamples and %d replications a return: ", r.Returns, r.Seed, fixed, r.Resamples, r.Reps)
	var inRaw int
	verdicts := map[string]int{}
	var below, above []string
	ses := make([]float64, len(r.Cells))
	var chance float64
	for i, c := range r.Cells {
		ses[i] = c.SE
		if c.In90 >= 85 && c.In90 <= 95 {
			inRaw++
		}
		verdicts[verdict(c.Lo/100, c.Hi/100, 0.85, 0.95)]++
		desc := fmt.Sprintf("%s in months %s of %s, %.1f%% (%.1f-%.1f%%)", c.Kind, c.Horizon, c.Council, c.In90, c.Lo, c.Hi)
		switch {
		case c.In90 < 85:
			below = append(below, desc[:len(desc)-1]+fmt.Sprintf("; a band %.1f children wide where the months need %.1f)", c.Width, c.Needed))
		case c.In90 > 95:
			above = append(above, desc)
		}
		chance += outsideChance(0.90, c.SERight/100, 0.85, 0.95)
	}
	fmt.Fprintf(&b, "%d of the %d cells hold 85-95%% of their months inside the 90%% band as measured; their 95%% intervals place %d inside the bar, %d missing it and %d undecided.",
		inRaw, len(r.Cells), verdicts["inside"], verdicts["misses"], verdicts["undecided"])
	sorted := slices.Clone(ses)
	slices.Sort(sorted)
	if n := len(sorted); n > 0 {
		worst := r.Cells[slices.Index(ses, sorted[n-1])]
		fmt.Fprintf(&b, " A cell's standard error over the returns is %.1f points at the median (%.1f-%.1f between the quartiles) and %.1f at the largest (%s in months %s of %s); bands right in every cell would leave %.1f cells outside the bar by chance.",
			sorted[n/2], sorted[n/4], sorted[3*n/4], sorted[n-1], worst.Kind, worst.Horizon, worst.Council, chance)
	}
	list := func(head string, cells []string) {
		if len(cells) == 0 {
			fmt.Fprintf(&b, " %s: none.", head)
			return
		}
		fmt.Fprintf(&b, " %s: %s.", head, strings.Join(cells, "; "))
	}
	list("Below the bar as measured", below)
	list("Above it", above)
	if len(r.Alone) > 0 {
		var in int
		for _, c := range r.Alone {
			if c.In90 >= 85 && c.In90 <= 95 {
				in++
			}
		}
		fmt.Fprintf(&b, " The calibrated scenario's bands alone, without the resamples, hold 85-95%% of the months in %d of the %d cells.", in, len(r.Alone))
	}
	fmt.Fprintf(&b, " The backtests took %.1f minutes, each return on one core (%.1f s a return, on the machine as busy as it was).", r.Seconds/60, r.Seconds/float64(r.Returns*len(r.Councils)))
	return b.String()
}

// table returns the run's cells as a table: for each council and kind, by year of horizon, the
// share of months inside the 90% band with its 95% interval, and the band's mean width beside
// the width the months need.
func (r *coverageRun) table(run string) string {
	if r == nil {
		return notRun(run)
	}
	var b strings.Builder
	b.WriteString("| council | kind | months 1-12 | 13-24 | 25-36 |\n|---|---|---|---|---|\n")
	for _, council := range r.Councils {
		for _, ck := range ComparedKinds {
			fmt.Fprintf(&b, "| %s | %s |", council, ck.Name)
			for _, h := range studyHorizons[:3] {
				i := slices.IndexFunc(r.Cells, func(c coverageCell) bool {
					return c.Council == council && c.Kind == ck.Name && c.Horizon == h
				})
				if i < 0 {
					b.WriteString(" |")
					continue
				}
				c := r.Cells[i]
				fmt.Fprintf(&b, " %.1f%% (%.1f-%.1f), %.1f/%.1f |", c.In90, c.Lo, c.Hi, c.Width, c.Needed)
			}
			b.WriteString("\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// coverageRegion matches a region of the coverage figures, markers and text, which the prose
// check leaves out.
var coverageRegion = regexp.MustCompile(`(?s)<!-- figures:coverage-[a-z0-9-]+ -->.*?<!-- /figures:[a-z0-9-]+ -->`)

// replaceCoverageFigures rewrites every coverage region of text from figs, and fails on a
// region figs does not name or one whose closing marker names another.
func replaceCoverageFigures(text string, figs map[string]string) (string, error) {
	var errs []error
	for _, block := range readme.Names(text, "figures:coverage-") {
		name := strings.TrimPrefix(block, "figures:")
		body, ok := figs[name]
		if !ok {
			errs = append(errs, fmt.Errorf("no coverage figure is named %s", name))
			continue
		}
		var err error
		if text, err = readme.Named(block).Replace(text, body); err != nil {
			errs = append(errs, err)
		}
	}
	return text, errors.Join(errs...)
}

// proseDigits matches what may not stand in the coverage prose outside the figures' regions: a
// number, other than the names of the 50%, 90% and 95% bands and intervals.
var proseDigits = regexp.MustCompile(`\d`)

// coverageProse returns the README's coverage prose: the text between <!-- coverage-prose -->
// and <!-- /coverage-prose -->, each pair in turn.
func coverageProse(text string) ([]string, error) {
	const open, end = "<!-- coverage-prose -->", "<!-- /coverage-prose -->"
	var out []string
	for {
		i := strings.Index(text, open)
		if i < 0 {
			break
		}
		j := strings.Index(text[i:], end)
		if j < 0 {
			return nil, fmt.Errorf("README.md: %s is not closed", open)
		}
		out = append(out, text[i+len(open):i+j])
		text = text[i+j+len(end):]
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("README.md has no %s region", open)
	}
	return out, nil
}

// strayFigures returns the lines of prose that quote a number outside the figures' regions: a
// number not written by the study nor taken from the code goes stale. Code spans (commands and
// flags) and the names of the 50%, 90% and 95% bands and intervals are allowed.
func strayFigures(prose string) []string {
	bare := coverageRegion.ReplaceAllString(prose, "")
	bare = regexp.MustCompile("`[^`]*`").ReplaceAllString(bare, "")
	bare = regexp.MustCompile(`\b(50|90|95)%(\s+and\s+(50|90|95)%)?\s+(bands?|intervals?)`).ReplaceAllString(bare, "")
	var stray []string
	for l := range strings.SplitSeq(bare, "\n") {
		if proseDigits.MatchString(l) {
			stray = append(stray, strings.TrimSpace(l))
		}
	}
	return stray
}

// TestCoverageFigures holds the README's coverage figures to the coverage study's saved results
// (testdata/coverage, written by -coverage-write; -update rewrites the README from them): every
// region <!-- figures:coverage-... --> must read as the results and the code make it, and the coverage prose around them
// (<!-- coverage-prose --> regions) may quote no number of its own, so that no figure of the
// study is copied by hand and left behind by the next run.
func TestCoverageFigures(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	figs, err := coverageFigures()
	if err != nil {
		t.Fatal(err)
	}
	got, err := replaceCoverageFigures(text, figs)
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	if got != text && *update {
		if err := os.WriteFile(filepath.Join("..", "..", "README.md"), []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("rewrote README.md's coverage figures")
		text = got
	}
	if got != text {
		ol, nl := strings.Split(text, "\n"), strings.Split(got, "\n")
		for i := range min(len(ol), len(nl)) {
			if ol[i] != nl[i] {
				t.Errorf("README.md's coverage figures disagree with testdata/coverage from line %d:\n have %s\n want %s\n(the study with -coverage-write rewrites them)", i+1, ol[i], nl[i])
				break
			}
		}
	}
	prose, err := coverageProse(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range prose {
		for _, l := range strayFigures(p) {
			t.Errorf("README.md's coverage prose quotes a number outside a figures:coverage region: %q", l)
		}
	}
}

// TestCoverageFiguresCatch checks that TestCoverageFigures' checks can fail: a region whose
// text is not the results', one of no name, and a number in the prose.
func TestCoverageFiguresCatch(t *testing.T) {
	figs := map[string]string{"coverage-a": "87", "coverage-t": "| x |"}
	text := "<!-- coverage-prose -->a <!-- figures:coverage-a -->86<!-- /figures:coverage-a --> b `-coverage-seed 301` in the 90% band\n" +
		"<!-- figures:coverage-t -->\n| y |\n<!-- /figures:coverage-t --><!-- /coverage-prose -->"
	got, err := replaceCoverageFigures(text, figs)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.NewReplacer(">86<", ">87<", "| y |", "| x |").Replace(text); got != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
	}
	if _, err := replaceCoverageFigures(text+"<!-- figures:coverage-b -->1<!-- /figures:coverage-b -->", figs); err == nil {
		t.Error("a region of no figure's name passed")
	}
	if _, err := replaceCoverageFigures("<!-- figures:coverage-a -->1<!-- /figures:coverage-t -->", figs); err == nil {
		t.Error("a region closed by another's marker passed")
	}
	prose, err := coverageProse(got)
	if err != nil {
		t.Fatal(err)
	}
	if s := strayFigures(prose[0]); len(s) != 0 {
		t.Errorf("prose of regions, code and band names alone: stray %q", s)
	}
	if s := strayFigures("the cells hold 83.5% of months\n"); len(s) != 1 {
		t.Errorf("a number in the prose: stray %q, want it", s)
	}
}
