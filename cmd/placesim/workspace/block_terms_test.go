package workspace

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// blockOutOfArea is a scenario whose block booking ends before the run and whose beds are over
// 20 miles away (local: false).
const blockOutOfArea = "name: blk\nextends: default\ninterventions:\n" +
	"  - {action: block_beds, from: 2027-04-01, to: 2029-03-31, kind: block_residential, count: 2, fixed_cost_per_year_gbp: 300k, local: false}\n"

// TestBlockBookingTerms checks that a block booking's lever, its row of the Compare page and
// the workspace's board pack say the day its contract ends and that its beds are over 20 miles
// away, as placesim compare's pack does, not only its beds, start and price.
func TestBlockBookingTerms(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Parse(strings.NewReader(blockOutOfArea), "blk.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	pack := strings.Join(leverChanges(leversFor(base), base, alt, 0), "\n")
	if want := "Block-book residential beds: 2 beds from 1 April 2027 to 31 March 2029, over 20 miles away (baseline 0 beds booked); costs: each bed costs £300,000 a year"; !strings.Contains(pack, want) {
		t.Errorf("the board pack says\n%s\nwant\n%s", pack, want)
	}

	srv, _, dir := testServer(t)
	for name, text := range map[string]string{"blk.yaml": blockOutOfArea, "plain.yaml": "extends: default\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, srv+"/?file=blk")
	if want := "scenario: 2 beds booked from 01/04/2027 to 31/03/2029, over 20 miles away, at £300,000 a bed a year"; !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("the lever does not say %q", want)
	}
	_, page = get(t, srv+"/compare?s=blk&s=plain")
	if want := "Beds 2, from 1 April 2027, to 31 March 2029, price £300,000 a bed a year, over 20 miles away"; !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("the Compare page's lever row does not say %q", want)
	}
}

// TestCompareCostPrices checks that the Compare page says at which year's prices the costs in
// its levers' rows are, as the board pack does: on a base that starts in 2024 with the
// default's 2026/27 prices, a block booking's £300,000 a bed a year is a 2026/27 price, not the
// start's.
func TestCompareCostPrices(t *testing.T) {
	srv, _, dir := testServer(t)
	for name, text := range map[string]string{
		"early.yaml": "name: early\nextends: default\nstart: 2024-04-01\nyears: 6\n",
		"blk.yaml":   strings.Replace(blockOutOfArea, "extends: default", "extends: early.yaml", 1),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, srv+"/compare?base=early&s=blk")
	page = html.UnescapeString(page)
	if !strings.Contains(page, "price £300,000 a bed a year") {
		t.Fatalf("the Compare page has no block booking's price:\n%s", page)
	}
	if want := "The levers' money above is at 2026/27 prices, the year the scenario's amounts are written in (prices_at)"; !strings.Contains(page, want) {
		t.Errorf("the Compare page does not say %q", want)
	}
	checkCompareMoneyNotes(t, page)
}

// checkCompareMoneyNotes checks that a Compare page says of each part of its table in which
// terms its money is, where it applies: the note of prices under the levers' rows, in their
// tbody, and under the outcomes' rows that its lever amounts' prices are not theirs: the total
// cost is cash, as placesim compare and the board pack say ("Money in cash terms"). The
// page once had one note under the whole table, "Money in this list is at 2026/27 prices",
// which the outcomes' cash figures were read by.
func checkCompareMoneyNotes(t *testing.T, page string) {
	t.Helper()
	table := page[strings.Index(page, `id="compare-table"`):]
	table = table[:strings.Index(table, "</table>")]
	prices, head, cash := strings.Index(table, `id="cost-prices"`), strings.Index(table, `<tr class="head">`), strings.Index(table, `id="outcomes-cash"`)
	if prices < 0 || head < 0 || cash < 0 || !(prices < head && head < cash) {
		t.Fatalf("the Compare table does not say the levers' prices under the levers (at %d) and the outcomes' cash terms under the outcomes (at %d; outcomes' head at %d):\n%s", prices, cash, head, table)
	}
	if strings.Contains(page, "Money in this list") {
		t.Error("the Compare page says \"Money in this list\" of a table whose outcomes are cash")
	}
	// In the words of placesim compare and the board pack (plots.CashTerms).
	if want := "The outcomes' money (total cost and the other costs) is in cash terms: prices rise with inflation each April."; !strings.Contains(table[cash:], want) {
		t.Errorf("the note under the outcomes does not say %q:\n%s", want, table[cash:])
	}
	if strings.Count(table, `id="cost-prices"`)+strings.Count(table, `id="outcomes-cash"`) != 2 {
		t.Error("the Compare table says its money notes more than once")
	}
}
