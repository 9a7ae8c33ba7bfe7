package scenarios

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestThresholdFiguresInREADMEs checks that the UASC the default county could ever have in
// care, which both READMEs quote from the National Transfer Scheme threshold's warning, are
// the default's own (model.Scenario.UASCEverInCare): the UASC in care at its start and those
// expected to arrive over its warm-up and years, were none to leave.
func TestThresholdFiguresInREADMEs(t *testing.T) {
	s, err := Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	stock, arrive := s.UASCEverInCare()
	all := int(math.Round(stock + arrive))
	years := s.Years + s.WarmupYears
	for file, wants := range map[string][]string{
		"../README.md": {fmt.Sprintf("the %d UASC the run could ever have in care", all), fmt.Sprintf("more than the %d UASC who could ever be in care", all)},
		"README.md":    {fmt.Sprintf("%.0f + %s × %d = %d in the default county", stock, strconv.FormatFloat(s.UASC.PerYear, 'f', -1, 64), years, all)},
	} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(b)), " ")
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q: the default's UASC who could ever be in care are %.0f at the start and %.0f to arrive", file, want, stock, arrive)
			}
		}
	}
}
