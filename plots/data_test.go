package plots_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestFromResultsCounted requires the chart data of a run whose months and the monthly sums the
// charts draw (MonthlySums) were counted (sim.Results.CountMonths), its records in memory or in
// a store, to be that of a run that counted nothing, byte for byte: the default county, whose charts
// add up several residential kinds and carers kinds and take places from first choices.
func TestFromResultsCounted(t *testing.T) {
	resolved, err := scenarios.Resolve("default", []string{"years=2"})
	if err != nil {
		t.Fatal(err)
	}
	s := resolved.Scenario
	const reps = 24
	csvOf := func(res *sim.Results) string { _, text := chartData(t, res); return text }
	plain, err := sim.Run(s, sim.Options{Reps: reps, Seed: 4, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := csvOf(plain)
	prep, err := sim.Prepare(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	sums := plots.MonthlySums(prep)
	several := 0
	for _, sum := range sums {
		if len(sum) > 1 {
			several++
		}
	}
	if several < 3 {
		t.Errorf("%d of the charts' sums add up several metrics, want at least 3 (residential kinds, carers kinds, a shortfall)", several)
	}
	for _, stored := range []bool{false, true} {
		opt := sim.Options{Seed: 4, Workers: 2, CountMonths: !stored}
		if stored {
			f, err := os.Create(filepath.Join(t.TempDir(), "records.bin"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			opt.Store = sim.NewPackedStore(f, len(prep.Months), len(prep.Metrics))
		}
		rn, err := sim.NewRunner(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := rn.Add(reps); err != nil {
			t.Fatal(err)
		}
		res := rn.Results()
		if err := res.CountMonths(sums); err != nil {
			t.Fatal(err)
		}
		if got := csvOf(res); got != want {
			t.Errorf("records in a store %v: the chart data of a counted run differs from a plain run's", stored)
		}
	}
}

// TestCarerHouseholdsCountFosterCarers gives the default county a kind of supported lodgings
// whose 40 hosts are carers: the chart of the council's own foster carers counts the foster
// carers' households only, so its last month is the KPI carer_households_end (foster carers
// at the year's end) exactly, and its approvals and deregistrations, which the simulation
// counts over every kind of carers, say so.
func TestCarerHouseholdsCountFosterCarers(t *testing.T) {
	const lodgings = `extends: default
kinds:
  - name: supported_lodgings
    category: supported
    supply: carers
    accepts: {ages: 16-17, needs: [standard]}
    weekly_gbp: 300
    carers:
      households: 40
      places_mix: {1: 1}
      approvals: [{ages: 16-17, share: 1}]
      ages: [{ages: 40-59, share: 1}]
      new_carer_ages: [{ages: 40-59, share: 1}]
      approvals_per_year: 5
      assessment_days: 180
      deregistration_per_year: 0.12
ladders:
  - who: {needs: [solo]}
    try: [external_residential]
  - who: {ages: 16-17, uasc: only}
    try: [supported_accommodation, inhouse_foster, ifa, other_settings, external_residential]
  - who: {ages: 11-17, needs: [complex]}
    try: [specialist_foster, inhouse_home, block_residential, external_residential]
  - who: {ages: 0-10, needs: [complex]}
    try: [ifa, external_residential]
  - who: {ages: 16-17}
    try: [kinship, supported_lodgings, supported_accommodation, inhouse_foster, ifa, external_residential]
  - who: {ages: 0-11}
    try: [other_settings, kinship, inhouse_foster, ifa, external_residential]
  - who: {ages: 12-15}
    try: [kinship, inhouse_foster, ifa, external_residential]
`
	path := filepath.Join(t.TempDir(), "lodgings.yaml")
	if err := os.WriteFile(path, []byte(lodgings), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load(path, []string{"years=2"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 8, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	var lastMonth, kpi string
	labels := map[string]string{}
	d, text := chartData(t, res)
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range records {
		switch {
		case f[1] == plots.CarerHouseholds && f[2] == "carer_households":
			lastMonth = f[5]
		case f[1] == plots.CarerHouseholds:
			labels[f[2]] = f[3]
		case f[1] == plots.KeyFigures && f[2] == sim.CarerHouseholdsEnd && f[4] == "all":
			kpi = f[5]
		}
	}
	if lastMonth == "" || lastMonth != kpi {
		t.Errorf("foster carer households in the last month %q, want the KPI carer_households_end's %q", lastMonth, kpi)
	}
	for _, series := range []string{sim.Approvals, sim.Deregistrations, "net_change"} {
		if !strings.Contains(labels[series], "every kind of carers, not foster carers only") {
			t.Errorf("%s is labelled %q, which does not say it counts the hosts of supported lodgings too", series, labels[series])
		}
	}
	// The chart says so too, in its key and its subtitle.
	c, err := plots.CarerHouseholdsChart(d, plots.Source{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, l := range c.Legend {
		keys = append(keys, l.Label)
	}
	if !slices.Contains(keys, "Above zero: "+strings.ToLower(labels[sim.Approvals][:1])+labels[sim.Approvals][1:]) ||
		!slices.Contains(keys, "Below zero: "+strings.ToLower(labels[sim.Deregistrations][:1])+labels[sim.Deregistrations][1:]) {
		t.Errorf("the chart's key %q does not say its approvals and deregistrations count every kind of carers", keys)
	}
	if !strings.Contains(c.Subtitle, "of every kind of carers") {
		t.Errorf("the chart's subtitle %q does not say its approvals and deregistrations count every kind of carers", c.Subtitle)
	}
}

// chartData is the chart data of res (plots.FromResults), and its text as chart_data.csv
// writes it.
func chartData(t *testing.T, res *sim.Results) (*plots.Data, string) {
	t.Helper()
	d, err := plots.FromResults(res)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	return d, b.String()
}
