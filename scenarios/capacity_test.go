package scenarios

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestCapacityRange checks that a market's capacity_places takes what its documented range
// (model.Limits, the schema and the README's table of ranges) says, and unlimited, and refuses
// a value beyond it with a message that says what to write.
func TestCapacityRange(t *testing.T) {
	var lim model.Limit
	for _, l := range model.Limits() {
		if l.Field == "kinds[].capacity_places" {
			lim = l
		}
	}
	for _, v := range []string{model.FormatNumber(lim.Min), model.FormatNumber(lim.Max), "unlimited"} {
		v = strings.ReplaceAll(v, ",", "")
		if _, err := Load("default", []string{"kinds.ifa.capacity_places=" + v}); err != nil {
			t.Errorf("capacity_places %s, in its range: %v", v, err)
		}
	}
	for _, tt := range []struct{ v, want string }{
		{"0", "kinds.ifa.capacity_places: must be at least 1 place (write unlimited for a market with no cap)"},
		{"-1", "kinds.ifa.capacity_places: must be between 1 and 1,000,000 places"},
		{"1000001", "kinds.ifa.capacity_places: must be between 1 and 1,000,000 places"},
	} {
		if _, err := Load("default", []string{"kinds.ifa.capacity_places=" + tt.v}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("capacity_places %s: %v, want %q", tt.v, err, tt.want)
		}
	}
}

// TestCapacityNotWhole checks that a capacity that is not a whole number gets that one message,
// not also the one for a capacity of 0 places (which it never said).
func TestCapacityNotWhole(t *testing.T) {
	for _, tt := range []struct{ v, want string }{
		{"2.5", "--set kinds.ifa.capacity_places=2.5: kinds.ifa.capacity_places: must be a whole number"},
		{"1e20", "--set kinds.ifa.capacity_places=1e20: kinds.ifa.capacity_places: must be a whole number"},
		{"ten", "--set kinds.ifa.capacity_places=ten: kinds.ifa.capacity_places: must be a whole number of places or unlimited"},
	} {
		if _, err := Load("default", []string{"kinds.ifa.capacity_places=" + tt.v}); err == nil || err.Error() != tt.want {
			t.Errorf("capacity_places %s: %v, want %q", tt.v, err, tt.want)
		}
	}
}

// TestCapacityWrittenAsText checks that a capacity written with a thousands comma or quoted,
// as a strategy lead may, is refused with what to write, as households is.
func TestCapacityWrittenAsText(t *testing.T) {
	for _, tt := range []struct{ v, want string }{
		{"1,000", "f.yaml:5:22: kinds[0].capacity_places: must be a whole number of places or unlimited: write 1000"},
		{`"100"`, "f.yaml:5:22: kinds[0].capacity_places: must be a whole number of places or unlimited: write 100, without quotes"},
		{"lots", "f.yaml:5:22: kinds[0].capacity_places: must be a whole number of places or unlimited"},
	} {
		src := "name: t\nextends: default\nkinds:\n  - name: ifa\n    capacity_places: " + tt.v + "\n"
		if _, err := Parse(strings.NewReader(src), "f.yaml", nil); problemsOf(err) != tt.want {
			t.Errorf("capacity_places %s: got\n%s\nwant\n%s", tt.v, problemsOf(err), tt.want)
		}
	}
}
