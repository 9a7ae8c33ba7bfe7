package ssda903

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/scenarios"
)

// TestStockAcceptsWidened checks that a calibrated council whose return has children younger
// than the base's homes take in its own children's homes on the start day (la-sample: aged
// 5-15 on 1 April 2019, beside homes for 10-17) has homes that take them, saying why beside
// the kind's accepts, and that the scenario loads: a stock group in a kind that cannot take
// its children is refused.
func TestStockAcceptsWidened(t *testing.T) {
	cal, err := Calibrate(readSample(t, samples[0]), Options{Base: baseScenario(t), To: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var y bytes.Buffer
	if err := writeScenario(&y, cal, ScenarioOptions{Name: "sample", Extends: "default", Sources: "the sample files"}); err != nil {
		t.Fatal(err)
	}
	if want := "accepts: {ages: 5-17} # widened from the base's to take the children the return has in inhouse_home on the start day (stock["; !strings.Contains(y.String(), want) {
		t.Errorf("the calibrated scenario does not say %q", want)
	}
	if _, err := scenarios.Parse(bytes.NewReader(y.Bytes()), "sample.yaml", nil); err != nil {
		t.Errorf("the calibrated scenario does not load: %v", err)
	}
}
