package scenarios_test

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestPublishedAmountsCarried checks that the library's amounts derived from a published
// figure are what their comments' arithmetic gives: the published total divided as the comment
// says, unrounded, carried to 2026/27 at 3% a year from the financial year it is for (the
// default's prices_at rule, docs/sources.md §6), and rounded to the pound; and that a Home
// Office grant rate is left as the Home Office set it.
func TestPublishedAmountsCarried(t *testing.T) {
	carried := func(amount float64, from int) float64 { return math.Round(amount * math.Pow(1.03, float64(2026-from))) }
	tests := []struct {
		name, scenario string
		got            func(t *testing.T, name string) []float64
		want           float64
	}{
		// Essex's multisystemic therapy bond, £3.1m for 380 young people, 2013/14.
		{"early help a young person", "early-help", perUnit, carried(3.1e6/380, 2013)},
		// Birmingham's Step Down bond, £1.3m for 33 step-downs, 2014/15.
		{"step-down support a child", "step-down-programme", perUnit, carried(1.3e6/33, 2014)},
		// What a care leaver's accommodation costs, the Home Office's £270 a week of 2023/24
		// as its proxy: a cost, carried as every other.
		{"care leavers' accommodation a week", "default", func(t *testing.T, name string) []float64 {
			return []float64{load(t, name).CareLeavers.WeeklyCostGBP}
		}, carried(270, 2023)},
		// The Home Office's leaving-care grant: income at the rate it set, not uprated.
		{"the UASC leaving-care grant a week", "uasc-surge", func(t *testing.T, name string) []float64 {
			return []float64{load(t, name).UASC.LeavingCareGrantPerWeekGBP}
		}, 270},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.got(t, tt.scenario)
			if len(got) == 0 {
				t.Fatalf("%s has no such amount", tt.scenario)
			}
			for _, v := range got {
				if v != tt.want {
					t.Errorf("%s: £%v, want £%v", tt.scenario, v, tt.want)
				}
			}
		})
	}
}

func load(t *testing.T, name string) *model.Scenario {
	t.Helper()
	s, err := scenarios.LoadBuiltin(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// perUnit returns the cost a unit of each of the scenario's costed interventions.
func perUnit(t *testing.T, name string) []float64 {
	var out []float64
	for _, iv := range load(t, name).Interventions {
		if iv.Cost.PerUnitGBP != 0 {
			out = append(out, iv.Cost.PerUnitGBP)
		}
	}
	return out
}

// TestDefaultSizeInWords checks that what the default's description, its file's comments, the
// README and the library's table say of the children it has in care ("about 820 in care", "55
// per 10,000") is what its starting stock adds up to, to the nearest ten children and the
// nearest one per 10,000.
func TestDefaultSizeInWords(t *testing.T) {
	s := load(t, "default")
	n := 0
	for _, g := range s.Stock {
		n += g.Count
	}
	about := int(math.Round(float64(n)/10)) * 10
	rate := int(math.Round(float64(n) / float64(s.ChildPopulation) * 1e4))
	texts := map[string]string{"description": s.Description}
	for _, f := range []string{"default.yaml", "README.md", "../README.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
	}
	inCare := regexp.MustCompile(`about (\d+) in care`)
	perTenK := regexp.MustCompile(`about \d+ in care \((\d+) per\s+(?:#\s+)?10,000`)
	for name, text := range texts {
		found := false
		for _, m := range inCare.FindAllStringSubmatch(text, -1) {
			found = true
			if m[1] != strconv.Itoa(about) {
				t.Errorf("%s: %q; the default starts with %d children in care, about %d", name, m[0], n, about)
			}
		}
		for _, m := range perTenK.FindAllStringSubmatch(text, -1) {
			if m[1] != strconv.Itoa(rate) {
				t.Errorf("%s: %q; the default starts with %d per 10,000 children", name, m[0], rate)
			}
		}
		if !found {
			t.Errorf("%s says nothing of the default's children in care: the check checks nothing", name)
		}
	}
}

// TestDefaultUASCInWords checks that what the default's file and docs/sources.md say of the
// UASC among the children it has in care at the start ("64 of them UASC (7.8%; ...") is what
// its starting stock holds, the steady state its rules reach (TestDefaultStock writes it), not
// the published share it was aimed at, and that docs/sources.md says its children in care to
// the child.
func TestDefaultUASCInWords(t *testing.T) {
	s := load(t, "default")
	n, uasc := 0, 0
	for _, g := range s.Stock {
		n += g.Count
		if g.UASC {
			uasc += g.Count
		}
	}
	share := fmt.Sprintf("%.1f", 100*float64(uasc)/float64(n))
	for _, f := range []string{"default.yaml", "../docs/sources.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		said := regexp.MustCompile(`(\d+) of them UASC \((\d+\.\d)%`).FindAllStringSubmatch(string(b), -1)
		if len(said) == 0 {
			t.Errorf("%s says nothing of the UASC in the default's starting stock: the check checks nothing", f)
		}
		for _, m := range said {
			if m[1] != strconv.Itoa(uasc) || m[2] != share {
				t.Errorf("%s: %q; the default starts with %d UASC of %d children in care, %s%%", f, m[0], uasc, n, share)
			}
		}
	}
	// docs/sources.md says the children the default starts with, to the child.
	b, err := os.ReadFile("../docs/sources.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`the default starts with (\d+) \((\d+) per 10,000\)`).FindStringSubmatch(string(b))
	if rate := int(math.Round(float64(n) / float64(s.ChildPopulation) * 1e4)); m == nil || m[1] != strconv.Itoa(n) || m[2] != strconv.Itoa(rate) {
		t.Errorf("docs/sources.md: %q; the default starts with %d children in care, %d per 10,000", m, n, rate)
	}
}
