package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestChangesBeforeStart checks that a change dated before the run's first day, in the
// warm-up, where nothing it changes or costs is counted, is warned of at its line, naming the
// change, its date, the start and where the start was given, and what goes uncounted: a
// strategy whose start a file or a --set moves past its date, a first-year factor that lies
// wholly in the warm-up, and a home opening before the start. A home decided before the start
// that opens within it, with its one-off cost on the start, counts everything and is not
// warned of.
func TestChangesBeforeStart(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	for _, tt := range []struct {
		name, text string
		sets       []string
		want       []string
	}{
		{"a strategy whose file moves the start", "name: eh27\nextends: early-help\nstart: 2027-04-01\n", nil,
			[]string{"early-help.yaml:40:11: interventions[0].from: Early help (entry_rate) takes effect on 2026-04-01, before the run's first day (start, 2027-04-01, given by t.yaml:3:8): it acts in the warm-up from then, so the run starts with what it changed before 2027-04-01 already in place, and neither that change nor what it cost before then would be counted"}},
		{"a strategy whose start a --set moves", "name: t\nextends: early-help\n", []string{"start=2027-04-01"},
			[]string{"early-help.yaml:40:11: interventions[0].from: Early help (entry_rate) takes effect on 2026-04-01, before the run's first day (start, 2027-04-01, given by --set start=2027-04-01)"}},
		{"a first-year factor wholly in the warm-up", "name: t\nextends: step-down-programme\n", []string{"start=2027-04-01"},
			[]string{"step-down-programme.yaml:65:11: interventions[0].from: Intensive support, first year (stepdown_rate) runs from 2026-04-01 to 2027-04-01, wholly before the run's first day (start, 2027-04-01, given by --set start=2027-04-01): it acts only in the warm-up"}},
		{"a home decided before the start, opening in the run", "name: t\nextends: open-childrens-home\n", []string{"start=2027-04-01"}, nil},
		{"a home opening before the start", "name: t\nextends: open-childrens-home\n", []string{"start=2028-04-02", "warmup_years=3", "interventions[0].cost.one_off_on=2028-04-02"},
			[]string{"open-childrens-home.yaml:51:11: interventions[0].from: Open Birch House (3 beds) (open_home), decided on 2026-04-01, opens its home on 2028-04-01, before the run's first day (start, 2028-04-02, given by --set start=2028-04-02): it holds children in the warm-up"}},
		{"the strategy as written", "name: t\nextends: early-help\n", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := write("t.yaml", tt.text)
			res, err := Resolve(path, tt.sets)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range res.Warnings {
				got = append(got, strings.ReplaceAll(w.Error(), dir+string(filepath.Separator), ""))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("warnings %q, want %d: %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("warning %s\nwant it to begin %s", got[i], tt.want[i])
				}
			}
		})
	}
}
