package sim_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestCatalogueLabels writes out every label the catalogue gives the KPIs and monthly metrics
// of the built-in county, the library's scenarios and the built-in regions but england (each
// council's and the region's whole), as their workbooks, reports and charts name them, and
// compares them with testdata/labels.golden.txt (refresh with -update), so that a change to
// any shows in the file's difference; and checks that none puts a kind's label where it does
// not read as English. TestCatalogueLabelsEngland does the same for england (1.5 s, in make
// test-long).
func TestCatalogueLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range scenarios.Builtins() {
		s, err := scenarios.Load(b.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Prepare(s, 1)
		if err != nil {
			t.Fatal(err)
		}
		addLabels(seen, res, sim.CatalogueOf(s))
	}
	for _, b := range scenarios.BuiltinRegions() {
		if b.Name != "england" {
			addRegionLabels(t, seen, b.Name)
		}
	}
	checkLabels(t, seen, "labels.golden.txt")
}

// TestCatalogueLabelsEngland is TestCatalogueLabels for the england region.
func TestCatalogueLabelsEngland(t *testing.T) {
	if testing.Short() {
		t.Skip("prepares the england region: 1.5 s")
	}
	seen := map[string]bool{}
	addRegionLabels(t, seen, "england")
	checkLabels(t, seen, "labels-england.golden.txt")
}

func addLabels(seen map[string]bool, res *sim.Results, c sim.Catalogue) {
	for _, k := range res.KPIs {
		i, _ := c.KPIInfo(k)
		seen["KPI "+k+"\t"+i.Label] = true
	}
	for _, k := range res.Metrics {
		i, _ := c.MetricInfo(k)
		seen["metric "+k+"\t"+i.Label] = true
	}
}

func addRegionLabels(t *testing.T, seen map[string]bool, name string) {
	t.Helper()
	reg, err := scenarios.LoadRegion(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.PrepareRegion(reg, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range rr.Councils {
		addLabels(seen, c, sim.CatalogueOf(reg.Councils[i].Scenario))
	}
	addLabels(seen, rr.Total, sim.CatalogueOf(rr.Total.Scenario))
}

// checkLabels checks the labels seen ("KPI name\tlabel") for words that do not read as
// English, and against the golden file testdata/golden.
func checkLabels(t *testing.T, seen map[string]bool, golden string) {
	t.Helper()
	lines := make([]string, 0, len(seen))
	for l := range seen {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	var buf bytes.Buffer
	for _, l := range lines {
		buf.WriteString(l + "\n")
		name, label, _ := strings.Cut(l, "\t")
		for _, bad := range []string{
			"placed in placed",                          // a kind's label that begins with a verb
			"independent fostering agency\n",            // an agency is not a place: "Places in independent fostering agency"
			"independent fostering agency (",            // the same, with words in brackets after it
			" emergency\n",                              // "Spending on emergency"
			"placed in emergency placements",            // twice "placed"
			"households that are leaving",               // "Places in in-house foster care households"
			"in in-house home",                          // one home without "the"
			"on in-house home",                          // the same
			"alone held by a child who must live alone", // said twice
		} {
			if strings.Contains(label+"\n", bad) {
				t.Errorf("%s: %q does not read as English", name, label)
			}
		}
	}
	path := filepath.Join("testdata", golden)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("labels differ from %s (go test ./sim -run TestCatalogueLabels -update rewrites it: read the difference)", path)
	}
}
