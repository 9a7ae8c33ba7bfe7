package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestProblemAtTheCause checks that a problem between two fields is told where the file that
// set the later of them set it: a file that caps care leavers' places over the default's
// stock is told at its cap, with where the stock came from and what to set, not sent to a
// line of the built-in file it never wrote.
func TestProblemAtTheCause(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"cap2.yaml":  "name: cl-cap\nextends: default\ncare_leavers:\n  places: 60\n",
		"both.yaml":  "name: both\nextends: default\ncare_leavers:\n  places: 60\n  stock: 70\n",
		"off.yaml":   "name: off\nextends: default\ncare_leavers:\n  share: 0\n",
		"stock.yaml": "name: stock\nextends: cap2.yaml\ncare_leavers:\n  stock: 70\n",
	})
	for _, tc := range []struct {
		name, file string
		sets       []string
		want       string
	}{
		{"a cap over the parent's stock", "cap2.yaml", nil,
			"cap2.yaml:4:11: care_leavers.places: 60 places, fewer than the 96 young people at the start that care_leavers.stock (from default.yaml:284:10) gives: set care_leavers.stock too, to 60 or fewer (or raise places)"},
		{"a cap and a stock in one file", "both.yaml", nil,
			"both.yaml:5:10: care_leavers.stock: 70 young people at the start, more than the 60 care_leavers.places"},
		{"a stock over the parent's cap", "stock.yaml", nil,
			"stock.yaml:4:10: care_leavers.stock: 70 young people at the start, more than the 60 care_leavers.places"},
		{"a cap by --set", "default", []string{"care_leavers.places=60"},
			"--set care_leavers.places=60: care_leavers.places: 60 places, fewer than the 96 young people at the start that care_leavers.stock (from default.yaml:284:10) gives: set care_leavers.stock too, to 60 or fewer (or raise places)"},
		{"the accommodation turned off over the parent's stock", "off.yaml", nil,
			"off.yaml:4:10: care_leavers.share: 0 turns the accommodation off, but care_leavers.stock (from default.yaml:284:10) has 96 young people there at the start: set care_leavers.stock to 0 too"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ref := tc.file
			if ref != "default" {
				ref = filepath.Join(dir, ref)
			}
			_, err := Load(ref, tc.sets)
			got := strings.ReplaceAll(problemsOf(err), dir+string(filepath.Separator), "")
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
