package scenarios

import (
	"slices"
	"testing"
)

// TestDocumentInterventionWho checks that the who of an intervention is read as the file
// writes it, and written as a person writes it (on one line when the file had none), keeping
// its other fields and the intervention's notes; that a who left empty goes; and that
// FirstIntervention finds an intervention by its action whatever its kind, and
// DeleteInterventionField removes one field.
func TestDocumentInterventionWho(t *testing.T) {
	const text = `interventions:
  - action: breakdown_rate
    kind: inhouse_foster
    factor: 0.5
  - action: entry_rate
    factor: 1.2 # more teenagers
`
	d, err := ParseDocument(text)
	if err != nil {
		t.Fatal(err)
	}
	if i, j := d.FirstIntervention("breakdown_rate"), d.FirstIntervention("entry_rate"); i != 0 || j != 1 {
		t.Errorf("FirstIntervention: breakdown_rate %d, entry_rate %d; want 0 and 1", i, j)
	}
	if i := d.FirstIntervention("escalation_rate"); i != -1 {
		t.Errorf("FirstIntervention(escalation_rate) = %d, want -1", i)
	}
	if _, _, ok := d.InterventionWho(1); ok {
		t.Errorf("InterventionWho finds a who the file does not have")
	}
	d.DeleteInterventionField(0, "kind")
	d.SetInterventionWho(1, "12-15", []string{"complex", "solo"})
	want := `interventions:
  - action: breakdown_rate
    factor: 0.5
  - action: entry_rate
    factor: 1.2 # more teenagers
    who: {ages: 12-15, needs: [complex, solo]}
`
	if got := d.Text(); got != want {
		t.Errorf("after DeleteInterventionField and SetInterventionWho:\n%s\nwant\n%s", got, want)
	}
	d.SetInterventionWho(1, "", nil)
	if got, want := d.Text(), "interventions:\n  - action: breakdown_rate\n    factor: 0.5\n  - action: entry_rate\n    factor: 1.2 # more teenagers\n"; got != want {
		t.Errorf("an empty who is kept:\n%s", got)
	}

	// A who of the file's own, written over several lines, keeps its form and its other fields.
	d, err = ParseDocument("interventions:\n  - action: entry_rate\n    who:\n      needs: complex\n      uasc: any\n")
	if err != nil {
		t.Fatal(err)
	}
	ages, needs, ok := d.InterventionWho(0)
	if !ok || ages != "" || !slices.Equal(needs, []string{"complex"}) {
		t.Errorf("InterventionWho = %q %q %v, want no ages and [complex]", ages, needs, ok)
	}
	d.SetInterventionWho(0, "16", nil)
	if got, want := d.Text(), "interventions:\n  - action: entry_rate\n    who:\n      uasc: any\n      ages: 16\n"; got != want {
		t.Errorf("a who of several lines:\n%s\nwant\n%s", got, want)
	}
}

// TestDocumentInterventionNestedField checks that a key with dots names a field of a mapping
// of an intervention (cost.per_unit_gbp): it reads, is set (the mapping added where the
// intervention has none, its other fields kept) and is deleted, the mapping going when left
// empty.
func TestDocumentInterventionNestedField(t *testing.T) {
	const text = `interventions:
  - action: stepdown_rate
    factor: 1.5
  - action: retention
    kind: inhouse_foster
    factor: 0.8
    cost:
      per_year_gbp: 1000 # the scheme
`
	d, err := ParseDocument(text)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := d.InterventionField(0, "cost.per_unit_gbp"); ok {
		t.Errorf("InterventionField finds a cost.per_unit_gbp the file does not have")
	}
	d.SetInterventionField(0, "cost.per_unit_gbp", "2500")
	d.SetInterventionField(1, "cost.per_unit_gbp", "40")
	if v, _, ok := d.InterventionField(1, "cost.per_year_gbp"); !ok || v != "1000" {
		t.Errorf("InterventionField(1, cost.per_year_gbp) = %q, %v; want 1000", v, ok)
	}
	want := `interventions:
  - action: stepdown_rate
    factor: 1.5
    cost:
      per_unit_gbp: 2500
  - action: retention
    kind: inhouse_foster
    factor: 0.8
    cost:
      per_year_gbp: 1000 # the scheme
      per_unit_gbp: 40
`
	if got := d.Text(); got != want {
		t.Errorf("set:\n%s\nwant:\n%s", got, want)
	}
	d.DeleteInterventionField(0, "cost.per_unit_gbp")
	d.DeleteInterventionField(1, "cost.per_unit_gbp")
	d.DeleteInterventionField(1, "cost.one_off_gbp")
	d.DeleteInterventionField(0, "cost.per_unit_gbp")
	want = `interventions:
  - action: stepdown_rate
    factor: 1.5
  - action: retention
    kind: inhouse_foster
    factor: 0.8
    cost:
      per_year_gbp: 1000 # the scheme
`
	if got := d.Text(); got != want {
		t.Errorf("deleted:\n%s\nwant:\n%s", got, want)
	}
}
