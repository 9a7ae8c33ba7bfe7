package plots

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

var (
	tableRE   = regexp.MustCompile(`(?s)<table[^>]*>.*?</table>`)
	captionRE = regexp.MustCompile(`(?s)^<table[^>]*aria-label="[^"]+"|<caption[^>]*>[^<]+`)
	tbodyRE   = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
	rowRE     = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	numCellRE = regexp.MustCompile(`(?s)<td class="([^"]*\bnum\b[^"]*)">(.*?)</td>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	rangeRE   = regexp.MustCompile(`(?s)<td class="num[^"]*">[^<]*<span>(.*?)</span></td>`)
)

// longestNum is the longest text a cell of figures, set on one line, may hold between
// breaks: "£1.2m" and "−£1.2m to +£0.3m" fit; a sentence does not, and set on one line it
// widens the table beyond the A4 page, so that Chromium prints every page smaller.
const longestNum = 40

// CheckNumCellsWrap fails t for each cell of figures in page (td.num) set on one line
// (white-space: nowrap) whose text between line breaks is longer than longestNum characters,
// unless the cell is marked to wrap (td.wrap), which the style sheet lets wrap.
func CheckNumCellsWrap(t *testing.T, what, page string) {
	t.Helper()
	if !strings.Contains(page, "td.wrap { white-space: normal; }") {
		t.Errorf("%s: the style sheet lets no cell of figures wrap", what)
	}
	for _, m := range numCellRE.FindAllStringSubmatch(page, -1) {
		if strings.Contains(" "+m[1]+" ", " wrap ") {
			continue
		}
		// A line break, or a range set as a block below the figure, ends a line.
		for _, line := range regexp.MustCompile(`<br>|<span[^>]*>|</span>`).Split(m[2], -1) {
			if text := tagRE.ReplaceAllString(line, ""); len([]rune(text)) > longestNum {
				t.Errorf("%s: a cell of figures set on one line holds %q (%d characters)", what, text, len([]rune(text)))
			}
		}
	}
}

// CheckTablesRead fails t for each table of figures in page that a screen reader cannot read
// cell by cell: each table named by a caption or an aria-label, each row of its body headed
// by a row header (th scope="row"), and each range below a figure introduced by words that
// the screen reader reads and the page hides (", 90% of runs ").
func CheckTablesRead(t *testing.T, what, page string) {
	t.Helper()
	tables := tableRE.FindAllString(page, -1)
	if len(tables) == 0 {
		t.Fatalf("%s has no table", what)
	}
	for _, table := range tables {
		head := table[:min(len(table), 200)]
		if !captionRE.MatchString(table) {
			t.Errorf("%s: a table has no caption nor aria-label: %.200s", what, head)
		}
		if !strings.Contains(table, `<td class="num`) {
			continue // a table of words, such as the assumptions
		}
		for _, body := range tbodyRE.FindAllStringSubmatch(table, -1) {
			for _, row := range rowRE.FindAllStringSubmatch(body[1], -1) {
				if !strings.HasPrefix(row[1], `<th scope="row"`) {
					t.Errorf("%s: a row begins with no row header: %.120s", what, row[1])
				}
			}
		}
		for _, m := range rangeRE.FindAllStringSubmatch(table, -1) {
			if m[1] != "" && !strings.HasPrefix(m[1], `<span class="vh">`) {
				t.Errorf("%s: a range is read straight after its figure: %.120s", what, m[0])
			}
		}
	}
	if !strings.Contains(page, ".vh {") {
		t.Errorf("%s: the style sheet does not hide the words for screen readers", what)
	}
}

// homesWithFixedCost returns the test scenario with children's homes whose running costs the
// assumptions give in a sentence under their price.
func homesWithFixedCost() *model.Scenario {
	s := testScenario()
	s.Kinds[2].WeeklyCostGBP[model.NeedStandard] = 250
	s.Kinds[2].Homes = []model.Home{{Name: "Oak House", Beds: 4, FixedCostPerYearGBP: 1.2e6}}
	return s
}

// TestReportFitsThePage checks that no cell of figures in a run's report or a comparison's
// board pack is wider than the page: the running costs of children's homes wrap.
func TestReportFitsThePage(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	r := Report{Data: d, Scenario: homesWithFixedCost(), Source: testSource, Charts: charts}
	_, page := writePage(t, t.TempDir(), r.WriteHTML)
	if !strings.Contains(string(page), "a bed a week") {
		t.Fatal("the report gives no running cost of its homes")
	}
	CheckNumCellsWrap(t, "run report", string(page))
	_, pack := writeTestCompareReport(t, t.TempDir())
	CheckNumCellsWrap(t, "board pack", string(pack))
}

// TestReportTablesRead checks that a screen reader reads the tables of figures of a run's
// report and a comparison's board pack with their row headers and the words of their ranges.
func TestReportTablesRead(t *testing.T) {
	_, page := writeTestReport(t, t.TempDir())
	CheckTablesRead(t, "run report", string(page))
	_, pack := writeTestCompareReport(t, t.TempDir())
	CheckTablesRead(t, "board pack", string(pack))
}

// TestReportChartFigures checks that the charts of a run's report drawn from its chart data
// each have their figures in a table folded under them, a row for each series the chart
// draws, and that the report links the file of every chart's figures.
func TestReportChartFigures(t *testing.T) {
	d := readTestData(t)
	_, b := writeTestReport(t, t.TempDir())
	page := string(b)
	if !strings.Contains(page, `<a href="charts/chart-data.csv">`) {
		t.Error("the report does not link chart-data.csv")
	}
	for _, name := range []string{PlacementMix, CostByYear, ChildrenByKind} {
		fig := regexp.MustCompile(`(?s)<figure id="` + name + `">.*?</figure>`).FindString(page)
		if fig == "" {
			t.Fatalf("the report has no chart %s", name)
		}
		if !strings.Contains(fig, `<details class="figs"><summary>Figures in this chart`) {
			t.Errorf("%s has no table of its figures", name)
			continue
		}
		for _, series := range d.SeriesNames(name) {
			label := html.EscapeString(d.Series(name, series)[0].Label)
			if !strings.Contains(fig, `<th scope="row" class="row">`+label+`</th>`) {
				t.Errorf("%s's table has no row %q", name, label)
			}
		}
	}
	CheckTablesRead(t, "run report", page)
}

// TestCarerKeySaysWhere checks that the key of the carer households' chart says which bars
// are the households approved and which deregistered by where they stand, as the two print
// in like greys.
func TestCarerKeySaysWhere(t *testing.T) {
	c, err := CarerHouseholdsChart(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, it := range c.Legend {
		labels = append(labels, it.Label)
	}
	keys := strings.Join(labels, "; ")
	for _, want := range []string{"Above zero: approved", "Below zero: deregistered"} {
		if !strings.Contains(keys, want) {
			t.Errorf("the key %q does not say %q", keys, want)
		}
	}
}
