package workspace

import (
	"context"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
)

// TestRegionResultsGiveMeans checks that a region's page gives the councils' figures as the
// region's report and summary.csv do, the means of the runs (a share's the ratio of totals),
// in the table of councils, the status bar and each council's table by year, and says so.
func TestRegionResultsGiveMeans(t *testing.T) {
	_, srv, dir := regionServer(t)
	reg, err := scenarios.LoadRegion(filepath.Join(dir, "two-counties.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := srv.gate.runRegion(context.Background(), reg, 1, 6, 1, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	page, err := srv.regionResultsHTML(out, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "region results", page, "Each cell: the mean of the runs over the whole run, as the region's report and summary.csv give it")
	f := plots.NewRegionFigures(out.rr)
	differ := 0
	for i, name := range f.Councils {
		label := name
		if i == len(f.Councils)-1 {
			label = "Region"
		}
		row := regexp.MustCompile(`(?s)<th scope="row">` + regexp.QuoteMeta(html.EscapeString(label)) + `</th><td class="num">.*?</tr>`).FindString(page)
		if row == "" {
			t.Fatalf("no row of %s in the table of councils", label)
		}
		for j, kpi := range f.KPIs {
			st, u := f.Stats[i][j], plots.UnitOf(kpi)
			mean, median := level(st.Mean, u), level(st.Percentiles[1], u)
			if mean != median {
				differ++
			}
			if !strings.Contains(row, `<td class="num">`+html.EscapeString(mean)+"<span>") {
				t.Errorf("%s's %s: the table of councils lacks the mean %s (median %s): %s", label, kpi, mean, median, row)
			}
		}
	}
	// The status bar's figures are the region's row's.
	last := len(f.Councils) - 1
	for _, k := range keyFigures(out, nil) {
		j := slices.IndexFunc(f.Labels, func(l string) bool { return strings.Contains(k.Label, l[1:]+", mean of the") })
		if j < 0 {
			t.Fatalf("the status bar's %q is none of the table's", k.Label)
		}
		if want := level(f.Stats[last][j].Mean, plots.UnitOf(f.KPIs[j])); k.Value != want {
			t.Errorf("the status bar's %s is %s, the region's mean %s", k.Label, k.Value, want)
		}
	}
	// A council's table by year: its headline figures at the horizon, summary.csv's mean.
	res := out.rr.Councils[0]
	years := res.Years()
	hz := plots.LastWholeYear(reg.Start, reg.Years, years)
	p := slices.Index(res.Periods, hz)
	detail := page[strings.Index(page, `id="council-0"`):]
	detail = detail[:strings.Index(detail, "</table>")]
	for _, h := range plots.Headlines(res.Scenario) {
		k := slices.Index(res.KPIs, h.KPI)
		if k < 0 {
			continue
		}
		st := res.Summary(p, k, []float64{50})
		mean, median := level(st.Mean, h.Unit), level(st.Percentiles[0], h.Unit)
		if mean != median {
			differ++
		}
		row := regexp.MustCompile(`(?s)<th scope="row">` + regexp.QuoteMeta(html.EscapeString(h.Label)) + `</th>.*?</tr>`).FindString(detail)
		cells := regexp.MustCompile(`<td class="num">([^<]*)<span>`).FindAllStringSubmatch(row, -1)
		if len(cells) < 2 || cells[1][1] != html.EscapeString(mean) {
			t.Errorf("%s's %s in %s: %q, want summary.csv's mean %s (median %s)", reg.Councils[0].Name, h.KPI, hz, cells, mean, median)
		}
	}
	if differ == 0 {
		t.Error("no figure's mean reads differently from its median: the test shows nothing")
	}
}
