package plots_test

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// TestAtEndInPartYear checks that a count at the year's end in a run that ends in a part year,
// which the key figures' yearly columns leave out, is given at the run's end in the whole
// run's cell, and the note says so, rather than pointing at a last column that is not the
// run's end; a run ending on 31 March still points at its last year.
func TestAtEndInPartYear(t *testing.T) {
	const households = "<th scope=\"row\" class=\"row\">The council's own foster carer households (in-house foster care and specialist foster care for complex teenagers) at the year's end</th>"
	_, page := sufficiencyRun(t, plots.Source{Version: "test", Scenario: "default", Reps: 4, Seed: 1}, "start=2026-07-01")
	row := page[strings.Index(page, households):]
	row = row[:strings.Index(row, "</tr>")]
	if strings.Contains(row, "see the last year") || strings.Count(row, `<td class="num">`) != 2 {
		t.Errorf("the households' row points at a column that is not the run's end:\n%s", row)
	}
	if want := "its whole run's cell gives it on the run's last day, 30 June 2028, in the part year the yearly columns leave out"; !strings.Contains(page, want) {
		t.Errorf("the page does not say %q", want)
	}
	if strings.Contains(page, "the last year's figure gives it at the run's end") {
		t.Error("the page says the last year's column gives the run's end")
	}
}
