package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestValueWarnings checks that a value a file allows but most likely does not mean is warned
// of at its line (model.Scenario.Warnings), and that a step-down programme no child can ever
// step down under is warned of as acting on nothing (model.Scenario.Idle): a National Transfer
// Scheme threshold written as a percentage (0.07 for 0.07%, as the library's
// nts-threshold-0.07 is named), a stepdown_rate that lifts the default's 0.15 for children of
// complex need to 3, and step-down-programme with specialist foster care, which has no carers
// and approves none, the only kind children step down to. The scheme's thresholds and the
// library's programme are not warned of.
func TestValueWarnings(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"a threshold written as a percentage", "name: t\nextends: uasc-surge\nuasc:\n  transfer_threshold_share: 0.07\n",
			[]string{"t.yaml:4:29: uasc.transfer_threshold_share: 0.07 is 7% of the child population (10,500 children), more than the 834 UASC the run could ever have in care, whom alone the threshold counts (the 64 UASC in care at its start and the 770 expected to arrive over its 2-year warm-up and 10 years, were none to leave), so it is never reached: the National Transfer Scheme's threshold is 0.1% (0.001), or 0.07% (0.0007) before August 2022; write the share, not the percentage"}},
		{"the scheme's old threshold", "name: t\nextends: uasc-surge\nuasc:\n  transfer_threshold_share: 0.0007\n", nil},
		// 900 UASC, where at most 724 could ever be in care: the scheme counts UASC only.
		{"a threshold beyond the UASC", "name: t\nextends: default\nuasc:\n  transfer_threshold_share: 0.006\n",
			[]string{"t.yaml:4:29: uasc.transfer_threshold_share: 0.006 is 0.6% of the child population (900 children), more than the 724 UASC the run could ever have in care"}},
		{"a ready share lifted above 1", "name: t\nextends: default\ninterventions:\n  - action: stepdown_rate\n    from: 2026-04-01\n    factor: 20\n",
			[]string{"t.yaml:6:13: interventions[0].factor: multiplies step_down.ready_share.complex 0.15 by 20 to 3, more than 1: a chance stops at 1, so every review then finds every such child ready to step down, whatever the factor above 6.66: give a factor of at most 6.66 to keep it a chance"}},
		{"the library's step-down programme", "name: t\nextends: step-down-programme\n", nil},
		{"a step-down programme to carers there are none of", "name: t\nextends: step-down-programme\nstep_down:\n  try: [specialist_foster]\nkinds:\n  - name: specialist_foster\n    carers: {households: 0, approvals_per_year: 0}\n",
			[]string{
				"step-down-programme.yaml:67:13: interventions[0].factor: multiplies the chance that a child in residential care is ready to step down, and no kind step_down.try names can ever take a child who steps down (specialist_foster: carers.households and carers.approvals_per_year are 0 and no intervention approves any), so it changes nothing: set carers.households of specialist_foster, or add an extra_approvals or add_households intervention",
				"step-down-programme.yaml:73:13: interventions[1].factor: multiplies the chance",
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := write("t.yaml", tt.text)
			res, err := Resolve(path, nil)
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
