package sim

import "testing"

// TestCarerHouseholdsLabelBrackets checks that carer_households_end's label names the kinds it counts
// without brackets inside brackets where a kind's words hold brackets of their own.
func TestCarerHouseholdsLabelBrackets(t *testing.T) {
	for _, c := range []struct {
		kinds []string
		want  string
	}{
		{nil, "The council's own foster carer households at the year's end"},
		{[]string{"in-house foster care"}, "The council's own foster carer households (in-house foster care) at the year's end"},
		{[]string{"in-house foster care (the pool)"}, "The council's own foster carer households, of in-house foster care (the pool), at the year's end"},
	} {
		if got := carerHouseholdsLabel(c.kinds); got != c.want {
			t.Errorf("carerHouseholdsLabel(%q) = %q, want %q", c.kinds, got, c.want)
		}
	}
}
