package plots_test

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// reportOf runs the library scenario name for a short run and returns its report's key
// figures and its page as text.
func reportOf(t *testing.T, name string, sets ...string) ([]string, string) {
	t.Helper()
	s, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := plots.FromResults(res)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := (&plots.Report{Data: d, Scenario: s}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	return d.SeriesNames(plots.KeyFigures), html.UnescapeString(b.String())
}

// TestReportStepDownAndUASC checks what a run's report says of step-down and unaccompanied
// children: a step-down programme's key figures count the step-downs, the reviews that found
// a child ready with no place and the step-downs that broke down within a year; a scenario
// whose National Transfer Scheme threshold transfers children has UASC in care and the
// transfers among its key figures; and the assumptions give the threshold as a share and in
// children, the UASC in care at the start, the grant rate and where children step down to.
// The default, which has no step-down programme, keeps its key figures without them.
func TestReportStepDownAndUASC(t *testing.T) {
	stepKPIs := []string{sim.Stepdowns, sim.StepdownsNoPlace, sim.StepdownBreakdowns12m}
	names, page := reportOf(t, "step-down-programme", "years=2")
	for _, k := range stepKPIs {
		if !slices.Contains(names, k) {
			t.Errorf("step-down-programme: no key figure %s among %v", k, names)
		}
	}
	for _, want := range []string{"Step-down reviews that found the child ready but no place", "Step-down placements that broke down within 12 months",
		"Step-down to", "the first of Specialist foster care for complex teenagers, then In-house foster care, then Independent fostering agency with a place for the child (step_down.try)"} {
		if !strings.Contains(page, want) {
			t.Errorf("step-down-programme report: no %q", want)
		}
	}
	names, page = reportOf(t, "nts-threshold-0.07", "years=2")
	for _, k := range []string{sim.UASCInCare, sim.UASCTransferred} {
		if !slices.Contains(names, k) {
			t.Errorf("nts-threshold-0.07: no key figure %s among %v", k, names)
		}
	}
	if slices.Contains(names, sim.StepdownsNoPlace) {
		t.Errorf("nts-threshold-0.07, no step-down programme: key figures %v", names)
	}
	for _, want := range []string{
		"National Transfer Scheme threshold", "0.07% of the 150,000 children living in the area: 105 unaccompanied children",
		"Unaccompanied asylum-seeking children in care at the start", "Home Office grant for unaccompanied children", "£143 a child a night",
		"for former unaccompanied children it supports after care, £270 a young person a week (uasc.leaving_care_grant_per_week_gbp)",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("nts-threshold-0.07 report: no %q", want)
		}
	}
	// Unaccompanied children arrive in the default county, so its report counts them, those
	// transferred and those supported after care, as a sufficiency paper does, with no
	// transfers among them too.
	names, _ = reportOf(t, "default", "years=2", "uasc.transfer_threshold_share=0")
	if slices.Contains(names, sim.StepdownsNoPlace) {
		t.Errorf("default with no transfers: key figures %v", names)
	}
	for _, k := range []string{sim.UASCInCare, sim.UASCTransferred, sim.UASCCareLeavers} {
		if !slices.Contains(names, k) {
			t.Errorf("default with no transfers: no key figure %s among %v", k, names)
		}
	}
}
