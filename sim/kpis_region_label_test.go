package sim_test

import (
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestRegionTotalLabel checks the label of the region's row of carer_households_end, every
// council's carer households together, and that other labels are left as they are.
func TestRegionTotalLabel(t *testing.T) {
	for _, c := range []struct{ kpi, label, want string }{
		{sim.CarerHouseholdsEnd, "The council's own foster carer households (in-house foster care) at the year's end",
			"The councils' own foster carer households (in-house foster care), all councils together, at the year's end"},
		{sim.CarerHouseholdsEnd, "The council's own foster carer households, of in-house foster care (the pool), at the year's end",
			"The councils' own foster carer households, of in-house foster care (the pool), all councils together, at the year's end"},
		{sim.CarerHouseholdsEnd, "The council's own foster carer households at the year's end",
			"The councils' own foster carer households, all councils together, at the year's end"},
		{sim.ChildrenInCare, "Children in care", "Children in care"},
	} {
		if got := sim.RegionTotalLabel(c.kpi, c.label); got != c.want {
			t.Errorf("RegionTotalLabel(%s, %q) = %q, want %q", c.kpi, c.label, got, c.want)
		}
	}
}
