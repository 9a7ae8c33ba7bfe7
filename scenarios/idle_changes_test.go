package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIdleChanges checks that a field a file changes from its base, or a --set changes, that
// acts on nothing the scenario has is warned of at the file's line (model.IdleChanges): the
// National Transfer Scheme threshold where no UASC arrive, and the price of a kind no child can
// be placed in (the default's block_residential has no beds); and that the same field is not
// warned of where it acts, or where only the base gives it.
func TestIdleChanges(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	write("none.yaml", "name: none\nextends: default\nuasc:\n  per_year: 0\n")
	// alone is the default county with no UASC arriving, a file that extends nothing.
	def, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	alone := strings.Replace(strings.Replace(string(def), "name: default", "name: t", 1), "uasc:\n  per_year: 55", "uasc:\n  per_year: 0", 1)
	for _, tt := range []struct {
		name, text string
		sets       []string
		want       []string
	}{
		{"a threshold where none arrive", "name: t\nextends: none.yaml\nuasc:\n  transfer_threshold_share: 0.0007\n", nil,
			[]string{"t.yaml:4:29: uasc.transfer_threshold_share: is the threshold beyond which arriving UASC are transferred, and none arrive (uasc.per_year is 0 and no uasc_surge adds any), so it changes nothing: set uasc.per_year"}},
		{"a threshold set where none arrive", "name: t\nextends: none.yaml\n", []string{"uasc.transfer_threshold_share=0.0007"},
			[]string{"--set uasc.transfer_threshold_share=0.0007: uasc.transfer_threshold_share: is the threshold"}},
		{"a threshold where a surge adds arrivals", "name: t\nextends: none.yaml\nuasc:\n  transfer_threshold_share: 0.0007\ninterventions:\n  - {action: uasc_surge, from: 2026-04-01, factor: 1, per_year: 30}\n", nil, nil},
		{"a threshold where UASC arrive", "name: t\nextends: default\nuasc:\n  transfer_threshold_share: 0.0007\n", nil, nil},
		{"the base's threshold where none arrive", "name: t\nextends: none.yaml\nyears: 3\n", nil, nil},
		// A file that writes its base's own value, as a calibrated file writes the default's
		// threshold, changes nothing; nor does a --set to the value the files give.
		{"the base's threshold written again where none arrive", "name: t\nextends: none.yaml\nuasc:\n  transfer_threshold_share: 0.0010\n", nil, nil},
		{"the base's threshold set again where none arrive", "name: t\nextends: none.yaml\n", []string{"uasc.transfer_threshold_share=0.001"}, nil},
		{"the file's own threshold set again where none arrive", alone, []string{"uasc.transfer_threshold_share=0.001"}, nil},
		{"a threshold set over the file's own where none arrive, in a file that extends nothing", alone, []string{"uasc.transfer_threshold_share=0.0007"},
			[]string{"--set uasc.transfer_threshold_share=0.0007: uasc.transfer_threshold_share: is the threshold"}},
		{"a threshold set over the file's own where none arrive", "name: t\nextends: none.yaml\nuasc:\n  transfer_threshold_share: 0.0007\n", []string{"uasc.transfer_threshold_share=0.001"}, nil},
		{"the base's price of block beds written again", "name: t\nextends: default\nkinds:\n  - name: block_residential\n    weekly_gbp: 0\n", nil, nil},
		{"the price of block beds none are contracted", "name: t\nextends: default\nkinds:\n  - name: block_residential\n    weekly_gbp: 300\n", nil,
			[]string{"t.yaml:5:17: kinds[0].weekly_gbp: is the price of block_residential, and no child can be placed there (none of the stock is there and it has no places: it has no block_beds and no block_beds intervention contracts any), so it changes nothing: give block_residential block_beds, or add a block_beds intervention"}},
		{"the price of block beds contracted", "name: t\nextends: default\nkinds:\n  - name: block_residential\n    weekly_gbp: 300\ninterventions:\n  - {action: block_beds, from: 2026-04-01, kind: block_residential, count: 2, fixed_cost_per_year_gbp: 300k}\n", nil, nil},
		{"the price of in-house homes", "name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    weekly_gbp: 300\n", nil, nil},
		{"a price action on block beds", "name: t\nextends: default\ninterventions:\n  - {action: price, from: 2026-04-01, kind: block_residential, factor: 2}\n", nil,
			[]string{"t.yaml:4:72: interventions[0].factor: multiplies the price of block_residential, and no child can be placed there"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := write("t.yaml", tt.text)
			res, err := Resolve(path, tt.sets)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range res.Warnings {
				got = append(got, strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)))
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
