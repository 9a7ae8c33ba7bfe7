package plots

import (
	"bytes"
	"encoding/binary"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/plot/vg/vgimg"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testSource is the source line of the golden charts.
var testSource = Source{Version: "v0.0.0-test", Scenario: "default", Reps: 40, Seed: 1}

// readTestData reads testdata/chart-data.csv: the chart data of the default scenario, 5 years,
// 40 replications, seed 1, kept fixed so that the goldens do not move with the simulator.
func readTestData(t testing.TB) *Data {
	t.Helper()
	return readDataFile(t, "chart-data.csv")
}

// readDataFile reads the chart data of testdata/name.
func readDataFile(t testing.TB, name string) *Data {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadData(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func readRows[T any](t *testing.T, name string, read func(*os.File) ([]T, error)) []T {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := read(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// svgOf renders c as SVG.
func svgOf(t *testing.T, c *Chart) []byte {
	t.Helper()
	wt, err := c.WriterTo("svg")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (%d bytes, want %d); look at the chart and run go test -update if the change is meant", name, len(got), len(want))
	}
}

// TestGoldenCharts draws every chart type from fixed data and compares the SVG byte for byte.
func TestGoldenCharts(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ChildrenByKind, SufficiencyGap, SufficiencyGapByAge, PlacementMix, CostByYear, CarerHouseholds, EmergencyResidential}
	if len(charts) != len(want) {
		t.Fatalf("%d charts, want %d", len(charts), len(want))
	}
	cmp, err := ComparisonCharts(readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) }), 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	sweepRows := readRows(t, "sweep.csv", func(f *os.File) ([]SweepRow, error) { return ReadSweepRows(f) })
	sweep, err := SweepChart(sweepRows, "cost_total", "2030/31", 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	charts = append(append(charts, cmp...), sweep)
	for i, c := range charts {
		if i < len(want) && c.Name != want[i] {
			t.Errorf("chart %d is %s, want %s", i, c.Name, want[i])
		}
		t.Run(c.Name, func(t *testing.T) {
			if c.Title == "" || c.Subtitle == "" || c.Source == "" {
				t.Errorf("title %q, subtitle %q, source %q: each must be set", c.Title, c.Subtitle, c.Source)
			}
			golden(t, c.Name+"_golden.svg", svgOf(t, c))
		})
	}
}

// TestSubtitlesStateTheFinding checks the findings worked out from the fixed data.
func TestSubtitlesStateTheFinding(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		CostByYear:      "Spending rises from £62.1m in 2026/27 to £77.0m in 2030/31 (means of runs; 9 in 10 runs: £69.5m to £84.6m).",
		ChildrenByKind:  "The largest change is in ",
		CarerHouseholds: "Carer households ",
		SufficiencyGapByAge: "In 2030/31, 118 children aged 10 to 15 whose first choice is in-house foster care are placed elsewhere; " +
			"of its 128 empty places, 1 could take them, 122 are kept for brothers and sisters (an assumption's outcome: see the note) and 5 are approved for other ages.",
	}
	for _, c := range charts {
		if w, ok := want[c.Name]; ok && !strings.HasPrefix(c.Subtitle, w) {
			t.Errorf("%s: subtitle %q, want it to start %q", c.Name, c.Subtitle, w)
		}

		if strings.Contains(c.Subtitle, "NaN") || strings.Contains(c.Subtitle, "n/a") {
			t.Errorf("%s: subtitle %q has a missing number", c.Name, c.Subtitle)
		}
	}
}

// TestEmergencySubtitleSaysMedian gives the test run a mean of 9 emergency placements a year
// and a median of 4 (9 in 10 runs: 1 to 36): the chart's subtitle quotes the median, the figure
// its bar draws, and says so, so that words and bar agree.
func TestEmergencySubtitleSaysMedian(t *testing.T) {
	d := readTestData(t)
	for i, r := range d.Rows {
		if r.Chart == EmergencyResidential && r.Series == "emergency_placements" {
			d.Rows[i].Mean, d.Rows[i].P = 9, [5]float64{1, 2, 4, 10, 36}
		}
	}
	c, err := EmergencyResidentialChart(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	if want := "; 4 emergency placements made in 2030/31 (median of runs; 9 in 10 runs: 1 to 36)."; !strings.Contains(c.Subtitle, want) {
		t.Errorf("subtitle %q, want it to say %q", c.Subtitle, want)
	}
}

// TestPNGResolution checks that a PNG says it has 300 dots per inch (the pHYs chunk), has the
// pixels for it, and decodes.
func TestPNGResolution(t *testing.T) {
	c, err := CostByYearChart(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := c.WriterTo("png")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	img, err := png.Decode(bytes.NewReader(b)) // checks every chunk's CRC
	if err != nil {
		t.Fatal(err)
	}
	// 16 cm at 300 dpi is 1889.76 pixels; vgimg rounds up.
	if w := img.Bounds().Dx(); w < 1889 || w > 1891 {
		t.Errorf("width %d pixels, want 1890 (16 cm at 300 dpi)", w)
	}
	found := false
	for p := 8; p+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[p:]))
		typ := string(b[p+4 : p+8])
		if typ == "IDAT" && !found {
			t.Fatal("no pHYs chunk before the image data")
		}
		if typ == "pHYs" {
			found = true
			x, y, unit := binary.BigEndian.Uint32(b[p+8:]), binary.BigEndian.Uint32(b[p+12:]), b[p+16]
			dpi := float64(x) * 0.0254
			if unit != 1 || x != y || math.Abs(dpi-300) > 0.01 {
				t.Errorf("pHYs: %d x %d per unit %d (%.2f dpi), want 11811 per metre (300 dpi)", x, y, unit, dpi)
			}
		}
		p += 12 + n
	}
	if !found {
		t.Error("no pHYs chunk")
	}
}

// TestChartNamed checks that a chart drawn alone is the same drawing as the one Charts makes,
// and that a chart the data does not hold is an error naming it.
func TestChartNamed(t *testing.T) {
	d := readTestData(t)
	charts, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		alone, err := ChartNamed(d, testSource, c.Name)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if !bytes.Equal(svgOf(t, alone), svgOf(t, c)) {
			t.Errorf("%s drawn alone differs from the one Charts draws", c.Name)
		}
	}
	if _, err := ChartNamed(d, testSource, "no-such-chart"); err == nil || !strings.Contains(err.Error(), "no-such-chart") {
		t.Errorf("an unknown chart: error %v, want one naming it", err)
	}
}

// TestPNGSamePixels checks that every chart's PNG decodes to exactly the pixels it was drawn
// with, and that an image with transparent pixels, which the fast encoder leaves to image/png,
// keeps them.
func TestPNGSamePixels(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		t.Run(c.Name, func(t *testing.T) {
			wt, err := c.WriterTo("png")
			if err != nil {
				t.Fatal(err)
			}
			drawn := image.NewRGBA(wt.(*pngWriter).img.Rect)
			copy(drawn.Pix, wt.(*pngWriter).img.Pix) // the image goes back to the pool once written
			var buf bytes.Buffer
			if _, err := wt.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			samePixels(t, got, drawn)
		})
	}
	t.Run("transparent", func(t *testing.T) {
		cv := vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, 40, 30))))
		img := cv.Image().(*image.RGBA) // the canvas's own copy, filled with its background
		for i := range img.Pix {
			img.Pix[i] = byte(i * 7)
			if i%4 == 3 {
				img.Pix[i] = 0xff
			}
		}
		copy(img.Pix[4*45:], []byte{0, 0, 0, 0}) // one pixel transparent
		var buf bytes.Buffer
		if _, err := (&pngWriter{img: img}).WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		samePixels(t, got, img)
	})
}

// TestPNGOfPart checks that a part of a larger image, whose pixels do not start at the top left
// of its memory, is written as that part.
func TestPNGOfPart(t *testing.T) {
	whole := image.NewRGBA(image.Rect(0, 0, 30, 20))
	for i := range whole.Pix {
		whole.Pix[i] = byte(i * 13)
		if i%4 == 3 {
			whole.Pix[i] = 0xff
		}
	}
	part := whole.SubImage(image.Rect(5, 3, 25, 17)).(*image.RGBA)
	var buf bytes.Buffer
	if _, err := encodePNG(&buf, part); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := image.NewRGBA(image.Rect(0, 0, 20, 14))
	for y := range 14 {
		for x := range 20 {
			want.Set(x, y, part.At(5+x, 3+y))
		}
	}
	samePixels(t, got, want)
}

// samePixels fails unless got and want have the same bounds and every pixel the same colour.
func samePixels(t *testing.T, got, want image.Image) {
	t.Helper()
	if got.Bounds() != want.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	b := want.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := got.At(x, y).RGBA()
			wr, wg, wb, wa := want.At(x, y).RGBA()
			if r != wr || g != wg || bl != wb || a != wa {
				t.Fatalf("pixel (%d, %d) is %v, want %v", x, y, got.At(x, y), want.At(x, y))
			}
		}
	}
}

// TestSameBytes checks that every format gives the same bytes when drawn twice: PDF dates and
// the order of its fonts must not depend on the time or on map order.
func TestSameBytes(t *testing.T) {
	d := readTestData(t)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var out [2][]byte
			for i := range out {
				c, err := PlacementMixChart(d, testSource)
				if err != nil {
					t.Fatal(err)
				}
				wt, err := c.WriterTo(format)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if _, err := wt.WriteTo(&buf); err != nil {
					t.Fatal(err)
				}
				out[i] = buf.Bytes()
			}
			if !bytes.Equal(out[0], out[1]) {
				t.Error("two drawings differ")
			}
			if format == "pdf" && !bytes.HasPrefix(out[0], []byte("%PDF-")) {
				t.Errorf("not a PDF: %.10q", out[0])
			}
		})
	}
	if _, err := (&Chart{}).WriterTo("gif"); err == nil {
		t.Error("gif: no error")
	}
}

// TestDataRoundTrip checks that chart data read back from its CSV writes the same bytes.
func TestDataRoundTrip(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "chart-data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ReadData(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), raw) {
		t.Error("chart data written again differs from what was read")
	}
}

// TestDataFullPrecision checks that chart data keeps every number exactly and a scenario name
// with a comma and quotes whole, through its CSV and back.
func TestDataFullPrecision(t *testing.T) {
	d := &Data{Scenario: `a "quoted", name`, Rows: []Row{
		{Chart: KeyFigures, Series: "first_choice_share", Label: "Children, placed", X: "all",
			Mean: 1.0 / 3, P: [5]float64{0.00001234, 0.1, 0.2 + 0.1, 62505601.09312345, math.NaN()}},
	}}
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadData(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got, want := back.Rows[0], d.Rows[0]
	if back.Scenario != d.Scenario || got.Label != want.Label || got.Mean != want.Mean || got.P[3] != want.P[3] ||
		got.P[0] != want.P[0] || got.P[2] != want.P[2] || !math.IsNaN(got.P[4]) {
		t.Errorf("read back %q %+v, want %q %+v", back.Scenario, got, d.Scenario, want)
	}
}

func TestReadDataErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"wrong header", "a,b\n", "line 1: columns a,b"},
		{"bad number", strings.Join(csvHeader, ",") + "\ns,c,x,l,2026/27,1,2,x,4,5,6\n", "line 2: p25: \"x\" is not a number"},
		{"short row", strings.Join(csvHeader, ",") + "\ns,c\n", "line 2: 2 fields, want 11"},
		{"one field", strings.Join(csvHeader, ",") + "\ns\n", "line 2: 1 field, want 11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadData(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadRowsErrors(t *testing.T) {
	_, err := ReadCompareRows(strings.NewReader("scenario,baseline,period\n"))
	if err == nil || !strings.Contains(err.Error(), "no column kpi, base_mean") {
		t.Errorf("comparison without columns: %v", err)
	}
	_, err = ReadSweepRows(strings.NewReader("scenario,lever,value,period,kpi,mean,lo,hi,n\ns,l,x,all,cost_total,1,0,2,3\n"))
	if err == nil || !strings.Contains(err.Error(), "sweep: line 2: value") {
		t.Errorf("sweep with a bad value: %v", err)
	}
}

// tinyResults is a hand-made result: two kinds (an in-house carers kind with places and a
// residential market), three replications, two months, one financial year.
func tinyResults() *sim.Results {
	s := &model.Scenario{
		Name:  "tiny",
		Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Years: 1,
		Kinds: []model.Kind{
			{Name: "inhouse_foster", Label: "In-house foster care", Category: model.Foster, Supply: model.Carers},
			{Name: "external_residential", Label: "External children's homes", Category: model.Residential, Supply: model.Market},
		},
	}
	metrics := []string{"children_inhouse_foster", "children_external_residential", "children_emergency",
		"first_choice_inhouse_foster", "places_inhouse_foster", "vacancies_inhouse_foster", "carer_households_inhouse_foster"}
	kpis := []string{"cost_total", "cost_inhouse_foster", "cost_external_residential", "cost_emergency", "approvals", "deregistrations", "emergency_placements", "children_in_care",
		"first_choice_share", "first_choice_matches", "matches"}
	res := &sim.Results{
		Scenario: s, Seed: 1,
		Months:  []time.Time{s.Start, s.Start.AddDate(0, 1, 0)},
		Metrics: metrics, KPIs: kpis, Periods: []string{"2026/27", "all"},
		Ratios: []sim.Ratio{{KPI: 8, Num: 9, Den: 10}},
	}
	// Replications r = 0, 1, 2 make 2, 10 and 20 matches, of which 2, 5 and 5 first choices.
	matches, first := []float64{2, 10, 20}, []float64{2, 5, 5}
	for r := range 3 {
		f := float64(r)
		month := func(i float64) []float64 {
			return []float64{10 + f + i, 2 + f, 0, 12 + 2*f + i, 11, 1, 6}
		}
		kpi := []float64{100 + 10*f, 40, 60 + 10*f, 0, 3, 1 + f, 0, 12 + f, first[r] / matches[r], first[r], matches[r]}
		res.Reps = append(res.Reps, sim.Replication{
			Index:   r,
			Monthly: append(month(0), month(1)...),
			KPIs:    append(kpi, kpi...),
		})
	}
	return res
}

// TestFromResults checks the sums and percentiles of the chart data against hand-worked values.
func TestFromResults(t *testing.T) {
	d, err := FromResults(tinyResults())
	if err != nil {
		t.Fatal(err)
	}
	check := func(chart, series, x string, values ...float64) {
		t.Helper()
		st := sim.Summarise(values, []float64{50})
		mean, p50 := st.Mean, st.Percentiles[0]
		for _, r := range d.Series(chart, series) {
			if r.X == x {
				if math.Abs(r.Mean-mean) > 1e-9 || math.Abs(r.Median()-p50) > 1e-9 {
					t.Errorf("%s %s %s: mean %v, median %v; want %v, %v", chart, series, x, r.Mean, r.Median(), mean, p50)
				}
				return
			}
		}
		t.Errorf("%s %s %s: no row", chart, series, x)
	}
	// Replications r = 0, 1, 2 have 10+r+i children in in-house foster care in month i.
	check(ChildrenByKind, "children_inhouse_foster", "2026-05-01", 11, 12, 13)
	check(PlacementMix, "children_inhouse_foster", "2026-04-01", 10, 11, 12)
	// Shortfall: (12+2r+i) - 11 is 1, 3, 5 in the first month; net change 3 - (1+r).
	check(SufficiencyGap, "shortfall_inhouse_foster", "2026-04-01", 1, 3, 5)
	check(CarerHouseholds, "net_change", "2026/27", 2, 1, 0)
	check(EmergencyResidential, "children_residential", "2026-04-01", 2, 3, 4)
	check(KeyFigures, "cost_total", "all", 100, 110, 120)
	// A share's mean is the ratio of totals, 12 / 32, not the mean of 1, 0.5 and 0.25 (0.583);
	// its percentiles are the replications' own.
	own := sim.Summarise([]float64{1, 0.5, 0.25}, Percentiles)
	for _, r := range d.Series(KeyFigures, "first_choice_share") {
		if r.Mean != 12.0/32 || r.P != [5]float64(own.Percentiles) {
			t.Errorf("first_choice_share %s: mean %v, percentiles %v; want 0.375, %v", r.X, r.Mean, r.P, own.Percentiles)
		}
	}
	if len(d.Series(KeyFigures, "first_choice_share")) != 2 {
		t.Errorf("first_choice_share: %d key-figure rows, want 2", len(d.Series(KeyFigures, "first_choice_share")))
	}
	// The emergency kind holds no child: it has no fan.
	if len(d.Series(ChildrenByKind, "children_emergency")) != 0 {
		t.Error("emergency has a fan chart, though no child is ever in one")
	}
	// The emergency cost (zero) is under 2% of spending: it goes into "Other placements".
	if got := d.SeriesNames(CostByYear); strings.Join(got, ",") != "cost_inhouse_foster,cost_external_residential,cost_other,cost_total" {
		t.Errorf("cost series %v", got)
	}
	if _, err := Charts(d, testSource); err != nil {
		t.Errorf("charts of the tiny results: %v", err)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{formatMoney(1.234e6), "£1.2m"},
		{formatMoney(62.69e6), "£62.7m"},
		{formatMoney(125.4e6), "£125m"},
		{formatMoney(950e3), "£950k"},
		{formatMoney(-1.9e6), "-£1.9m"},
		{formatMoney(85), "£85"},
		{formatPounds(1200), "£1,200"},
		{formatPounds(10500), "£10,500"},
		{formatPounds(1234.5), "£1,234.50"},
		{formatPounds(0.07), "£0.07"},
		{formatPounds(999.999), "£1,000"},
		{formatPounds(-60), "-£60"},
		{formatCount(1234.4), "1,234"},
		{formatCount(-3.6), "-4"},
		{formatShare(0.634), "63%"},
		{formatSigned(2, false), "+2"},
		{formatSigned(1.2e6, true), "+£1.2m"},
		{model.FinancialYearFrom(2027), "2027/28"},
		{model.FinancialYearFrom(2099), "2099/00"},
		{trimMoney(20e6), "£20m"},
		{trimMoney(2.5e6), "£2.5m"},
		{shortLabel("Kinship (family and friends) foster care"), "Kinship foster care"},
		{lowerFirst("In-house foster care"), "in-house foster care"},
		{lowerFirst("IFA"), "IFA"},
		{lowerFirst("Children's homes: weekly price"), "children's homes: weekly price"},
		{lowerFirst("Step-down: time to the first review"), "step-down: time to the first review"},
		{lowerFirst("Dorset in-house foster carers"), "Dorset in-house foster carers"},
		{lowerFirst("Oak House homes"), "Oak House homes"},
		{lowerFirst("UASC arrivals"), "UASC arrivals"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestCostSubtitlePartYears checks that the spending chart of a run that does not start on 1
// April compares whole years only, says which are part years and where each begins or ends,
// marks them so on its axis of years, and does not call a part year's spending "a year".
func TestCostSubtitlePartYears(t *testing.T) {
	data := func(months []string, years []string, totals []float64) *Data {
		d := &Data{Scenario: "s"}
		for _, m := range months {
			d.Rows = append(d.Rows, Row{Chart: ChildrenByKind, Series: "children_kinship", Label: "Kinship", X: m, Mean: 10})
		}
		for _, series := range []string{"cost_kinship", "cost_total"} {
			for i, y := range years {
				v := totals[i]
				d.Rows = append(d.Rows, Row{Chart: CostByYear, Series: series, Label: series, X: y, Mean: v, P: [5]float64{v - 1e6, v, v, v, v + 1e6}})
			}
		}
		return d
	}
	for _, tc := range []struct {
		name          string
		months, years []string
		totals        []float64
		want          string
	}{
		{"from October, two years", []string{"2026-10-01", "2027-04-01", "2028-09-01"}, []string{"2026/27", "2027/28", "2028/29"}, []float64{32e6, 67e6, 34e6},
			"Spending in 2027/28: £67.0m (mean of runs; 9 in 10 runs: £66.0m to £68.0m). 2026/27 (from 1 October) and 2028/29 (to 30 September) are part years."},
		{"from October, three years", []string{"2026-10-01", "2029-09-01"}, []string{"2026/27", "2027/28", "2028/29", "2029/30"}, []float64{32e6, 67e6, 68e6, 35e6},
			"Spending rises from £67.0m in 2027/28 to £68.0m in 2028/29 (means of runs; 9 in 10 runs: £67.0m to £69.0m). 2026/27 (from 1 October) and 2029/30 (to 30 September) are part years."},
		{"from April", []string{"2026-04-01", "2028-03-01"}, []string{"2026/27", "2027/28"}, []float64{64e6, 67e6},
			"Spending rises from £64.0m in 2026/27 to £67.0m in 2027/28 (means of runs; 9 in 10 runs: £66.0m to £68.0m)."},
		{"from 15 April, two years", []string{"2026-04-15", "2026-05-01", "2028-04-01"}, []string{"2026/27", "2027/28", "2028/29"}, []float64{61e6, 67e6, 3e6},
			"Spending in 2027/28: £67.0m (mean of runs; 9 in 10 runs: £66.0m to £68.0m). 2026/27 (from 15 April) and 2028/29 (to 14 April) are part years."},
		{"from 15 March, two years", []string{"2026-03-15", "2026-04-01", "2028-03-01"}, []string{"2025/26", "2026/27", "2027/28"}, []float64{3e6, 64e6, 61e6},
			"Spending in 2026/27: £64.0m (mean of runs; 9 in 10 runs: £63.0m to £65.0m). 2025/26 (from 15 March) and 2027/28 (to 14 March) are part years."},
		{"from 15 April, one year", []string{"2026-04-15", "2026-05-01", "2027-04-01"}, []string{"2026/27", "2027/28"}, []float64{64e6, 2.6e6},
			"Spending over the run, from 15 April 2026 to 14 April 2027: £66.6m (mean of runs). 2026/27 (from 15 April) and 2027/28 (to 14 April) are part years."},
		{"from April, ending in September", []string{"2026-04-01", "2027-09-01"}, []string{"2026/27", "2027/28"}, []float64{64e6, 34e6},
			"Spending in 2026/27: £64.0m (mean of runs; 9 in 10 runs: £63.0m to £65.0m). 2027/28 is a part year."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := CostByYearChart(data(tc.months, tc.years, tc.totals), testSource)
			if err != nil {
				t.Fatal(err)
			}
			if c.Subtitle != tc.want {
				t.Errorf("subtitle\n%s\nwant\n%s", c.Subtitle, tc.want)
			}
			axis := c.panels[0].p.Y.Label.Text
			if want := "Spending a year (average of runs)"; strings.Contains(tc.want, " (from ") {
				if axis == want {
					t.Errorf("axis %q with part years", axis)
				}
			} else if axis != want {
				t.Errorf("axis %q, want %q", axis, want)
			}
			// The axis of years marks each part year the subtitle names, under its year.
			x := c.panels[0].p.X
			var marked []string
			for _, tk := range x.Tick.Marker.Ticks(x.Min, x.Max) {
				if y, where, ok := strings.Cut(tk.Label, "\n"); ok {
					marked = append(marked, y+" "+where)
				}
			}
			if strings.Contains(tc.want, " (from ") {
				if len(marked) != 2 || !strings.Contains(tc.want, marked[0]+" and "+marked[1]+" are part years.") {
					t.Errorf("the axis marks %q as part years, want those of %q", marked, tc.want)
				}
			} else if len(marked) > 0 && !strings.Contains(tc.want, "part year") {
				t.Errorf("the axis marks %q as part years in a run of whole years", marked)
			}
		})
	}
}

// TestPlural checks the one helper every count before a noun goes through.
func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n          int
		noun, want string
	}{
		{1, "year", "1 year"}, {2, "year", "2 years"}, {0, "run", "0 runs"}, {1000, "run", "1,000 runs"},
		{1, "strategy", "1 strategy"}, {3, "strategy", "3 strategies"}, {2, "day", "2 days"},
	} {
		if got := plural(tc.n, tc.noun); got != tc.want {
			t.Errorf("plural(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
	for _, tc := range []struct {
		n    int
		want string
	}{{1, "1 paired run (replication)"}, {20, "20 paired runs (replications)"}} {
		if got := runsOf(tc.n, "paired run"); got != tc.want {
			t.Errorf("runsOf(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := (Source{Version: "v1", Scenario: "s", Reps: 1, Seed: 1}).String(); !strings.Contains(got, `scenario "s", 1 run (replication), seed 1.`) {
		t.Errorf("a source line of one run: %q", got)
	}
}
