package plots

import "testing"

// TestSiblingOnlySet checks which --set changes count as changing a kind's share of households
// that keep their places for brothers and sisters: the field itself, or one that holds it,
// naming the kind or its place in the list; not another field or another kind's.
func TestSiblingOnlySet(t *testing.T) {
	for _, c := range []struct {
		set   string
		index int
		want  bool
	}{
		{"kinds.inhouse_foster.carers.sibling_only_share=0.3", 0, true},
		{" kinds.inhouse_foster.carers.sibling_only_share = 0.3", 0, true},
		{"kinds[0].carers.sibling_only_share=0.3", 0, true},
		{"kinds[0].carers.sibling_only_share=0.3", -1, true},
		{"kinds[2].carers.sibling_only_share=0.3", 0, false},
		{"kinds.inhouse_foster.carers={households: 100, sibling_only_share: 0.5}", 0, true},
		{"kinds.inhouse_foster={name: inhouse_foster}", 0, true},
		{"kinds.inhouse_foster.carers.households=180", 0, false},
		{"kinds.specialist_foster_complex.carers.sibling_only_share=0.3", 0, false},
		{"entries.per_year=300", 0, false},
	} {
		if got := siblingOnlySet([]string{c.set}, "inhouse_foster", c.index); got != c.want {
			t.Errorf("siblingOnlySet(%q, inhouse_foster, %d) = %v, want %v", c.set, c.index, got, c.want)
		}
	}
	if siblingOnlySet(nil, "inhouse_foster", 0) {
		t.Error("siblingOnlySet of no changes is true")
	}
}
