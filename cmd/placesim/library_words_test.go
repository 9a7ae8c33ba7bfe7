package main

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/gonum/stat"
)

// libraryRuns are the runs of libraryEffects by scenario name, the default's among them:
// figureReps replications each, seed figureSeed.
type libraryRuns map[string]*sim.Results

// libraryWord is a figure the model produces that the words of a library file quote, in its
// description or its header comments, where the "Measured against default" block cannot hold
// it: make figures rewrites it from the runs of libraryEffects, and make figures-check fails
// when it is stale.
type libraryWord struct {
	// files are the scenario files, in scenarios/, whose words hold the figures.
	files []string
	// phrase is the words, {} standing for each figure ({word} for one written in words);
	// a space in it matches any run of
	// spaces, line breaks and comment marks, so that the words may wrap.
	phrase string
	// times is how many times each file says it (0 for once).
	times int
	// what says what the figures are, for a failure.
	what string
	// figures returns each {}'s figure as the words round it, and the values it rounds.
	figures func(t *testing.T, r libraryRuns) (figs []string, from string)
}

// netCarerFiles are the three files of 12 net carers a year.
var netCarerFiles = []string{"recruit-12-net-carers.yaml", "recruit-and-retain-12-net-carers.yaml", "retain-12-net-carers.yaml"}

// libraryWords are the figures the library's words quote that the model produces (inputs with
// a named source are not among them). Each comes from the runs of libraryEffects, figureReps
// (200) replications with figureSeed (1), or, where the words name 100 replications, the
// first 100 of them, and is rounded as its words round it: "about 110" to the nearest 10,
// "fewer than 120" to the next 10 above, "more than 20" to the 10 below, "about 12 a year" and
// a percentage to a whole number, "four to six" to whole numbers in words.
var libraryWords = []libraryWord{
	// What the three ways to 12 net carers a year reach, in each of their headers.
	{files: netCarerFiles, phrase: "recruit-and-retain-12-net-carers keeps the pace, about {} more households by March 2036",
		what: "recruit-and-retain-12-net-carers's carer households over the default's in March 2036", figures: gained("recruit-and-retain-12-net-carers", "2035/36", about10)},
	{files: netCarerFiles, phrase: "recruit-12-net-carers falls short of 10 × 12, about {},",
		what: "recruit-12-net-carers's carer households over the default's in March 2036", figures: gained("recruit-12-net-carers", "2035/36", about10)},
	{files: netCarerFiles, phrase: "retain-12-net-carers slows after five years, about {}.",
		what: "retain-12-net-carers's carer households over the default's in March 2036", figures: gained("retain-12-net-carers", "2035/36", about10)},
	{files: []string{"recruit-12-net-carers.yaml"}, phrase: "ten years add fewer than {} (about {} by March 2036)",
		what: "recruit-12-net-carers's carer households over the default's in March 2036", figures: gained("recruit-12-net-carers", "2035/36", below10, about10)},
	{files: []string{"recruit-and-retain-12-net-carers.yaml"}, phrase: "keeps the pace from the first year (about {} more households by March 2036)",
		what: "recruit-and-retain-12-net-carers's carer households over the default's in March 2036", figures: gained("recruit-and-retain-12-net-carers", "2035/36", about10)},
	{files: []string{"recruit-and-retain-12-net-carers.yaml"}, phrase: "loss falls from about {}% of households to about {}%, which gives the first year's {} before",
		what: "the per cent of its carer households the default loses in 2026/27, that times recruit-and-retain-12-net-carers's retention factor, and its households over the default's in March 2027",
		figures: func(t *testing.T, r libraryRuns) ([]string, string) {
			figs, from := retentionLoss("recruit-and-retain-12-net-carers")(t, r)
			first := pairedMean(t, r, "recruit-and-retain-12-net-carers", "2026/27")
			return append(figs, whole(first)), fmt.Sprintf("%s, %+.1f households", from, first)
		}},
	{files: []string{"retain-12-net-carers.yaml"}, phrase: "about {} more households a year, net, over the first five years and fewer after (about {} more households by March 2036)",
		what: "retain-12-net-carers's carer households over the default's a year to March 2031, and in March 2036", figures: retainPace("2035/36")},
	{files: []string{"retain-12-net-carers.yaml"}, phrase: "the gap over the baseline is about {} households a year over the first five years (about {} by March 2031)",
		what: "retain-12-net-carers's carer households over the default's a year to March 2031, and in March 2031", figures: retainPace("2030/31")},
	{files: []string{"retain-12-net-carers.yaml"}, phrase: "yearly loss falls from about {}% of households to about {}% ({}% × 0.35)",
		what: "the per cent of its carer households the default loses in 2026/27, and that times retain-12-net-carers's retention factor", figures: func(t *testing.T, r libraryRuns) ([]string, string) {
			figs, from := retentionLoss("retain-12-net-carers")(t, r)
			return append(figs, figs[0]), from
		}},
	// The specialist scheme's households, in the header and the description.
	{files: []string{"level-6-specialist-carers.yaml"}, phrase: "more than {} households by March 2031 and about {} by March 2036", times: 2,
		what: "level-6-specialist-carers's specialist carer households in March 2031 and March 2036", figures: specialistHouseholds},
	// What the step-down programme does, and how long its step-downs last.
	{files: []string{"step-down-programme.yaml"}, phrase: "{word} to {word} more step-downs a year from about {} children in homes ({}-{}% of them)",
		what: "step-down-programme's step-downs over the default's, least and most of its years, from the default's children in homes, and their per cent of them", figures: stepdownsMore},
	{files: []string{"step-down-programme.yaml"}, phrase: "the default's own ~{} a year among them",
		what: "the default's step-downs a year", figures: func(t *testing.T, r libraryRuns) ([]string, string) {
			v := stat.Mean(sumKPIs(t, r["default"], sim.WholeRun, []string{sim.Stepdowns}), nil) / float64(len(r["default"].Years()))
			return []string{whole(v)}, fmt.Sprintf("%.2f, the mean a year over the run", v)
		}},
	{files: []string{"step-down-programme.yaml"}, phrase: "comes to {}% over the strategy's step-downs, 100 replications",
		what: "step-down-programme's step-downs stable at a year, in per cent", figures: func(t *testing.T, r libraryRuns) ([]string, string) {
			broke, made := stepdownsStable(t, r["step-down-programme"])
			return []string{pct1(1 - broke/made)}, fmt.Sprintf("1 − %.2f/%.2f over the first %d replications", broke, made, stableReps)
		}},
	{files: []string{"step-down-programme.yaml"}, phrase: "= 1 − {}/{} = {}% (compare default step-down-programme --reps 100)",
		what: "step-down-programme's step-downs that broke down within a year, its step-downs, and those stable at a year in per cent", figures: func(t *testing.T, r libraryRuns) ([]string, string) {
			broke, made := stepdownsStable(t, r["step-down-programme"])
			return []string{fmt.Sprintf("%.2f", broke), fmt.Sprintf("%.2f", made), pct1(1 - broke/made)}, fmt.Sprintf("1 − %.4f/%.4f over the first %d replications", broke, made, stableReps)
		}},
	{files: []string{"step-down-programme.yaml"}, phrase: "without it the model's step-downs were {}% stable",
		what: "step-down-programme's step-downs stable at a year without its first-year breakdown rate, in per cent", figures: func(t *testing.T, r libraryRuns) ([]string, string) {
			s, err := scenarios.Load("step-down-programme", []string{"interventions[0].first_year_breakdown_per_year=null", "interventions[1].first_year_breakdown_per_year=null"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(s, sim.Options{Reps: stableReps, Seed: figureSeed, KPIsOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			broke, made := stepdownsStable(t, res)
			return []string{whole(100 * (1 - broke/made))}, fmt.Sprintf("1 − %.2f/%.2f, a run of its own of %d replications", broke, made, stableReps)
		}},
}

// checkLibraryProse checks, from the runs of libraryEffects, what the library's words conclude
// from their figures, where a figure moving could make the words untrue rather than only
// stale: the test fails, rather than rewrite them, when the runs no longer bear them out.
func checkLibraryProse(t *testing.T, r libraryRuns) {
	t.Helper()
	// "recruit-12-net-carers falls short of 10 × 12".
	if v := pairedMean(t, r, "recruit-12-net-carers", "2035/36"); v >= 120 {
		t.Errorf("recruit-12-net-carers's files say it falls short of 10 × 12 households by March 2036, but it adds %.1f: rewrite their words", v)
	}
	// "the default looks after well under 105 UASC", nts-threshold-0.07's threshold: under
	// four fifths of it in every year.
	for _, year := range r["default"].Years() {
		if v := stat.Mean(sumKPIs(t, r["default"], year, []string{sim.UASCInCare}), nil); v >= 0.8*105 {
			t.Errorf("nts-threshold-0.07.yaml says the default looks after well under 105 UASC, but it has %.1f in %s: rewrite its words", v, year)
		}
	}
	// first_year_breakdown_per_year 0.57 gives Birmingham's 64% of step-downs stable at a
	// year: within 1.5 points (the share's standard error over 100 replications' 15,000 or so
	// step-downs is under half a point).
	if broke, made := stepdownsStable(t, r["step-down-programme"]); math.Abs(100*(1-broke/made)-64) > 1.5 {
		t.Errorf("step-down-programme.yaml sets first_year_breakdown_per_year 0.57 to give Birmingham's 64%% of step-downs stable at a year, but it gives %.1f%%: set it again", 100*(1-broke/made))
	}
}

// stableReps are the replications of the step-down programme's stable share that its file
// quotes, compare default step-down-programme --reps 100: the first 100 of libraryEffects's
// runs, which are those of a run of 100 with the same seed (each replication's streams are
// seeded from the seed and the replication's number).
const stableReps = 100

// stepdownsStable returns the means over the first stableReps replications of res of its
// step-downs over the whole run and of those that broke down within 12 months: one less
// their ratio is the share stable at a year.
func stepdownsStable(t *testing.T, res *sim.Results) (broke, made float64) {
	t.Helper()
	b, m := sumKPIs(t, res, sim.WholeRun, []string{sim.StepdownBreakdowns12m}), sumKPIs(t, res, sim.WholeRun, []string{sim.Stepdowns})
	if len(m) < stableReps {
		t.Fatalf("%d replications of %s, fewer than %d", len(m), res.Scenario.Name, stableReps)
	}
	return stat.Mean(b[:stableReps], nil), stat.Mean(m[:stableReps], nil)
}

// stepdownsMore returns the figures of step-down-programme's step-downs over the default's:
// the least and most of its years' paired means, in words; the default's children in homes,
// the mean over the run to the nearest 5; and the least and most of the years' paired means
// over the default's children in homes that year, in whole per cent.
func stepdownsMore(t *testing.T, r libraryRuns) ([]string, string) {
	t.Helper()
	base, alt := r["default"], r["step-down-programme"]
	homes := residentialKPIs(base.Scenario)
	var more, shares []float64
	for _, year := range base.Years() {
		x, y := sumKPIs(t, alt, year, []string{sim.Stepdowns}), sumKPIs(t, base, year, []string{sim.Stepdowns})
		d := 0.0
		for i := range x {
			d += x[i] - y[i]
		}
		d /= float64(len(x))
		more = append(more, d)
		shares = append(shares, d/stat.Mean(sumKPIs(t, base, year, homes), nil))
	}
	inHomes := stat.Mean(sumKPIs(t, base, sim.WholeRun, homes), nil)
	figs := []string{numberWord(slices.Min(more)), numberWord(slices.Max(more)), strconv.FormatFloat(5*math.Round(inHomes/5), 'f', 0, 64),
		whole(100 * slices.Min(shares)), whole(100 * slices.Max(shares))}
	return figs, fmt.Sprintf("%+.2f to %+.2f a year, %.1f in homes, %.1f%% to %.1f%%", slices.Min(more), slices.Max(more), inHomes, 100*slices.Min(shares), 100*slices.Max(shares))
}

// numberWord writes v to the nearest whole number, in words from zero to ten.
func numberWord(v float64) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n := int(math.Round(v)); n >= 0 && n < len(words) {
		return words[n]
	}
	return whole(v)
}

// pct1 writes a share in per cent to one decimal.
func pct1(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) }

// monthlyWords are the scenarios whose monthly records a word reads: libraryEffects keeps
// them for these alone.
var monthlyWords = map[string]bool{"default": true, "level-6-specialist-carers": true}

// about10 writes "about N" of v: the nearest 10.
func about10(v float64) string { return strconv.FormatFloat(10*math.Round(v/10), 'f', 0, 64) }

// below10 writes "fewer than N" of v: the least multiple of 10 above it.
func below10(v float64) string { return strconv.FormatFloat(10*math.Floor(v/10)+10, 'f', 0, 64) }

// above10 writes "more than N" of v: the greatest multiple of 10 below it.
func above10(v float64) string { return strconv.FormatFloat(10*math.Ceil(v/10)-10, 'f', 0, 64) }

// whole writes v to the nearest whole number.
func whole(v float64) string { return strconv.FormatFloat(math.Round(v), 'f', 0, 64) }

// pairedMean is the mean over the replications of alt's carer households at the end of period
// less the default's, replication by replication.
func pairedMean(t *testing.T, r libraryRuns, alt, period string) float64 {
	t.Helper()
	x, y := sumKPIs(t, r[alt], period, []string{sim.CarerHouseholdsEnd}), sumKPIs(t, r["default"], period, []string{sim.CarerHouseholdsEnd})
	d := make([]float64, len(x))
	for i := range d {
		d[i] = x[i] - y[i]
	}
	return stat.Mean(d, nil)
}

// gained returns the figures of alt's carer households over the default's at the end of
// period, the paired mean, each rounded by one of rounds.
func gained(alt, period string, rounds ...func(float64) string) func(*testing.T, libraryRuns) ([]string, string) {
	return func(t *testing.T, r libraryRuns) ([]string, string) {
		t.Helper()
		v := pairedMean(t, r, alt, period)
		var figs []string
		for _, round := range rounds {
			figs = append(figs, round(v))
		}
		return figs, fmt.Sprintf("%+.1f, the paired mean", v)
	}
}

// retainPace returns the figures of retain-12-net-carers's pace: its carer households over
// the default's a year over the first five years (to March 2031), to a whole household, and
// those at the end of period to the nearest 10.
func retainPace(period string) func(*testing.T, libraryRuns) ([]string, string) {
	return func(t *testing.T, r libraryRuns) ([]string, string) {
		t.Helper()
		five, v := pairedMean(t, r, "retain-12-net-carers", "2030/31"), pairedMean(t, r, "retain-12-net-carers", period)
		return []string{whole(five / 5), about10(v)}, fmt.Sprintf("%+.1f in five years, %+.1f in %s, paired means", five, v, period)
	}
}

// retentionLoss returns the figures of how far alt's retention lever cuts the yearly loss of
// carer households: the default's loss in 2026/27 in whole per cent (the households
// deregistered, retirements among them, over the mean of its carer households at each
// month's end, a ratio of totals over the replications), and that figure times alt's
// retention factor, as the words work it out (scenarios' TestRetentionLossArithmetic).
func retentionLoss(alt string) func(*testing.T, libraryRuns) ([]string, string) {
	return func(t *testing.T, r libraryRuns) ([]string, string) {
		t.Helper()
		res := r["default"]
		var left, held float64
		for _, v := range sumKPIs(t, res, "2026/27", []string{sim.Deregistrations}) {
			left += v
		}
		for _, kind := range []string{"inhouse_foster", "specialist_foster"} {
			mean, err := res.YearMean("2026/27", sim.CarerHouseholdsOf(kind))
			if err != nil || mean == nil {
				t.Fatalf("default: no monthly %s in 2026/27 (%v)", sim.CarerHouseholdsOf(kind), err)
			}
			for _, v := range mean {
				held += v
			}
		}
		factor := 0.0
		for _, iv := range r[alt].Scenario.Interventions {
			if iv.Action == model.Retention {
				factor = iv.Factor
			}
		}
		if factor == 0 {
			t.Fatalf("%s has no retention lever", alt)
		}
		from := math.Round(100 * left / held)
		return []string{whole(from), whole(from * factor)}, fmt.Sprintf("the default's %.2f%%, %s's factor %g", 100*left/held, alt, factor)
	}
}

// specialistHouseholds returns the figures of level-6-specialist-carers's specialist carer
// households at the end of March 2031, the 10 below ("more than"), and of March 2036, the
// nearest 10 ("about"): the means over the replications.
func specialistHouseholds(t *testing.T, r libraryRuns) ([]string, string) {
	t.Helper()
	res := r["level-6-specialist-carers"]
	m := slices.Index(res.Metrics, sim.CarerHouseholdsOf("specialist_foster"))
	if m < 0 {
		t.Fatalf("level-6-specialist-carers has no metric %s", sim.CarerHouseholdsOf("specialist_foster"))
	}
	at := func(year int) float64 {
		i := slices.IndexFunc(res.Months, func(d time.Time) bool { return d.Year() == year && d.Month() == time.March })
		if i < 0 {
			t.Fatalf("level-6-specialist-carers reports no March %d", year)
		}
		v, err := res.Metric(i, m)
		if err != nil {
			t.Fatal(err)
		}
		return stat.Mean(v, nil)
	}
	y2031, y2036 := at(2031), at(2036)
	return []string{above10(y2031), about10(y2036)}, fmt.Sprintf("%.1f and %.1f, means", y2031, y2036)
}

// wordsOf returns the library's words that file holds.
func wordsOf(file string) []libraryWord {
	var out []libraryWord
	for _, w := range libraryWords {
		if slices.Contains(w.files, file) {
			out = append(out, w)
		}
	}
	return out
}

// phraseRE returns the pattern of a phrase: its words as written, any run of spaces, line
// breaks and comment marks for each space, and a group for each figure: {} a number, {word} a
// number in words ("four"), each matching either.
func phraseRE(phrase string) *regexp.Regexp {
	var b strings.Builder
	for i, part := range strings.Split(strings.ReplaceAll(phrase, "{word}", "{}"), "{}") {
		if i > 0 {
			b.WriteString(`([0-9][0-9,.]*?|[a-z]+)`)
		}
		for j, word := range strings.Split(part, " ") {
			if j > 0 {
				b.WriteString(`[\s#]+`)
			}
			b.WriteString(regexp.QuoteMeta(word))
		}
	}
	return regexp.MustCompile(b.String())
}

// wordChange is a figure of the words that the runs give otherwise.
type wordChange struct {
	line          int
	what          string
	old, new, via string
}

// rewriteWords returns text with each word's figures replaced by figs (one list a word, one
// figure a {}), and the figures it changed, each at its line in text; an error when a word's
// phrase is not in text as many times as it says.
func rewriteWords(text string, words []libraryWord, figs [][]string, froms []string) (string, []wordChange, error) {
	type span struct {
		from, to int
		fig      string
		what     string
		via      string
	}
	var spans []span
	for k, w := range words {
		re := phraseRE(w.phrase)
		found := re.FindAllStringSubmatchIndex(text, -1)
		if times := max(w.times, 1); len(found) != times {
			return text, nil, fmt.Errorf("the words %q are there %d times, not %d: the figures in them come from make figures (cmd/placesim's libraryWords)", w.phrase, len(found), times)
		}
		if re.NumSubexp() != len(figs[k]) {
			return text, nil, fmt.Errorf("the words %q hold %d figures, the runs give %d", w.phrase, re.NumSubexp(), len(figs[k]))
		}
		for _, f := range found {
			for g := range re.NumSubexp() {
				spans = append(spans, span{f[2+2*g], f[3+2*g], figs[k][g], w.what, froms[k]})
			}
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return b.from - a.from })
	var changes []wordChange
	out := text
	for _, s := range spans {
		if old := text[s.from:s.to]; old != s.fig {
			changes = append(changes, wordChange{line: 1 + strings.Count(text[:s.from], "\n"), what: s.what, old: old, new: s.fig, via: s.via})
			out = out[:s.from] + s.fig + out[s.to:]
		}
	}
	slices.Reverse(changes)
	return out, changes, nil
}

// TestLibraryWordsAreThere checks, without running anything, that every figure libraryWords
// holds is in its files' words as many times as it says, so that a file reworded without
// them fails make test rather than make figures-check alone, and that every file it names
// is one of the library's.
func TestLibraryWordsAreThere(t *testing.T) {
	var files []string
	for _, info := range scenarios.Builtins() {
		files = append(files, info.File)
	}
	for _, w := range libraryWords {
		for _, file := range w.files {
			if !slices.Contains(files, file) {
				t.Errorf("libraryWords names %s, not a file of the library", file)
				continue
			}
			src, err := scenarios.Source(strings.TrimSuffix(file, ".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			n := strings.Count(w.phrase, "{}") + strings.Count(w.phrase, "{word}")
			figs := slices.Repeat([]string{"0"}, n)
			if _, _, err := rewriteWords(string(src), []libraryWord{w}, [][]string{figs}, []string{""}); err != nil {
				t.Errorf("%s: %v", file, err)
			}
		}
	}
}

// TestRewriteWords checks what make figures does to a file's words when the model moves: it
// rewrites each figure, wrapped over lines or not, rounded as its words round it, and leaves
// the rest; make figures-check names the line and the figure before and after.
func TestRewriteWords(t *testing.T) {
	text := "# what three files reach: recruit-12-net-carers falls short of 10 × 12, about 110, since\n" +
		"description: >-\n  ten years add fewer than 120 (about 110 by March\n  2036).\n"
	words := []libraryWord{
		{phrase: "recruit-12-net-carers falls short of 10 × 12, about {},", what: "gain"},
		{phrase: "ten years add fewer than {} (about {} by March 2036)", what: "gain"},
	}
	v := 121.3
	figs := [][]string{{about10(v)}, {below10(v), about10(v)}}
	got, changes, err := rewriteWords(text, words, figs, []string{"+121.3", "+121.3"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# what three files reach: recruit-12-net-carers falls short of 10 × 12, about 120, since\n" +
		"description: >-\n  ten years add fewer than 130 (about 120 by March\n  2036).\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	wantChanges := []wordChange{
		{line: 1, what: "gain", old: "110", new: "120", via: "+121.3"},
		{line: 3, what: "gain", old: "120", new: "130", via: "+121.3"},
		{line: 3, what: "gain", old: "110", new: "120", via: "+121.3"},
	}
	if !slices.Equal(changes, wantChanges) {
		t.Errorf("changes %+v, want %+v", changes, wantChanges)
	}
	if again, changes, _ := rewriteWords(got, words, figs, []string{"", ""}); again != got || len(changes) != 0 {
		t.Errorf("rewriting its own figures changes %v", changes)
	}
	if _, _, err := rewriteWords("description: about 110\n", words[:1], figs[:1], []string{""}); err == nil {
		t.Error("words that are not there: no error")
	}
	for _, c := range []struct {
		v     float64
		round func(float64) string
		want  string
	}{
		{114.9, about10, "110"}, {115, about10, "120"}, {112, below10, "120"}, {120, below10, "130"},
		{22.1, above10, "20"}, {30, above10, "20"}, {30.2, above10, "30"}, {11.8, whole, "12"},
	} {
		if got := c.round(c.v); got != c.want {
			t.Errorf("%v: %q, want %q", c.v, got, c.want)
		}
	}
}
