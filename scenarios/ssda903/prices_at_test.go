package ssda903

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestCalibratedKeepsBasePrices checks that a calibrated scenario, which starts where the
// return's window ends, keeps the base's prices in their own year's terms: it writes the base's
// prices_at (the default county's 2026-04-01), saying why beside it, whatever its start.
func TestCalibratedKeepsBasePrices(t *testing.T) {
	ret, err := Read(generate(typical(), 11).files(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Calibrate(ret, Options{Base: baseScenario(t)})
	if err != nil {
		t.Fatal(err)
	}
	opt := ScenarioOptions{Name: "generated", Extends: "default", Sources: "5 files"}
	s, _ := cal.Scenario(opt)
	if want := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC); !s.PricesAt.Equal(want) || s.Start.Equal(want) {
		t.Errorf("start %s, prices_at %s: want the base's 2026-04-01 from another start", s.Start.Format(time.DateOnly), s.PricesAt.Format(time.DateOnly))
	}
	var buf bytes.Buffer
	if err := writeScenario(&buf, cal, opt); err != nil {
		t.Fatal(err)
	}
	if want := "\nprices_at: 2026-04-01 # the base's (default): its prices, which this file keeps, are 2026/27's"; !strings.Contains(buf.String(), want) {
		t.Errorf("the file does not say %q:\n%s", want, buf.String())
	}
}
