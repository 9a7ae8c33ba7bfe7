package workspace

import (
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestPriceLeverMovesEveryNeed checks that a market's price lever moves the market's price,
// every need's by the same share, and says so: "+10%" on the external home price moved the
// standard price alone (£7,340.30), the complex £7,649 and solo £10,815 unchanged, while the
// board pack said "External children's home price: ... (+10%)".
func TestPriceLeverMovesEveryNeed(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	f, err := scenarios.ParseDocument("name: plan\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	ls := leversFor(base)
	if bad := applyLevers(f, ls, base, leverState{Values: map[string]string{"home_price": "+10%", "ifa_price": "1100"}}); len(bad) > 0 {
		t.Fatalf("refused: %v", bad)
	}
	alt, err := scenarios.ParseFS(strings.NewReader(f.Text()), nil, "plan.yaml", nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, f.Text())
	}
	kind := func(s *model.Scenario, name string) *model.Kind {
		for i := range s.Kinds {
			if s.Kinds[i].Name == name {
				return &s.Kinds[i]
			}
		}
		t.Fatalf("no kind %s", name)
		return nil
	}
	if got, want := kind(alt, "external_residential").WeeklyCostGBP, [model.NumNeeds]float64{7340.3, 8413.9, 11896.5}; got != want {
		t.Errorf("external home prices %v, want %v:\n%s", got, want, f.Text())
	}
	if got := kind(alt, "ifa").WeeklyCostGBP; got[model.NeedStandard] != 1100 || got[model.NeedComplex] != 1447.19 {
		t.Errorf("IFA prices %v, want standard 1100, complex 1447.19 (1288 × 1100/979):\n%s", got, f.Text())
	}
	want := []string{
		"Agency foster care (IFA) price: £1,100 a week (baseline £979 a week; +£121 (+12%)), every need's price by the same share (complex £1,447.19 a week)",
		"External children's home price: £7,340.30 a week (baseline £6,673 a week; +£667.30 (+10%)), every need's price by the same share (complex £8,413.90 a week, solo £11,896.50 a week)",
	}
	got, err := FieldChanges(base, alt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sorted(got), want) {
		t.Errorf("placesim compare's pack lists\n%q\nwant\n%q", got, want)
	}
	// The workspace's pack says too that both levers change the council as it is.
	for i := range want {
		want[i] += "; " + asItIsWords
	}
	if ws := leverChanges(ls, base, alt, 0); !slices.Equal(sorted(ws), want) {
		t.Errorf("the workspace's pack lists\n%q\nwant\n%q", ws, want)
	}
	// The help says so.
	for _, l := range ls {
		if l.ID == "home_price" && !strings.Contains(l.Help, "All needs' prices move by the same share") {
			t.Errorf("home_price's help: %s", l.Help)
		}
	}
	// A slip of a digit that would put another need's price beyond what a price may be is
	// refused in the box, naming the need, not by a field the page has no box for.
	g, _ := scenarios.ParseDocument("name: plan\nextends: default\n")
	bad := applyLevers(g, ls, base, leverState{Values: map[string]string{"home_price": "66730"}})
	if want := "£66,730 a week moves the solo price by the same share, to £108,150 a week, and a price must be between £0 and £100,000"; bad["home_price"] != want {
		t.Errorf("£66,730: %q\nwant %q", bad["home_price"], want)
	}
	// Back to the baseline's price, no price is left in the file.
	if bad := applyLevers(f, ls, base, leverState{Values: map[string]string{"home_price": "6673", "ifa_price": "979"}}); len(bad) > 0 {
		t.Fatalf("refused: %v", bad)
	}
	if strings.Contains(f.Text(), "weekly_gbp") {
		t.Errorf("the baseline's prices left in the file:\n%s", f.Text())
	}
}
