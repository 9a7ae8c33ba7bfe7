package plots_test

import (
	"fmt"
	"image"
	"image/color"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendRegionYAML is a region of two small councils sharing markets of agency foster places
// and of external children's homes, each market with places in both zones, so that its
// occupancy chart draws a line for the market and one for each zone.
const legendRegionYAML = `name: legend-region
start: 2026-04-01
years: 2
warmup_years: 0
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: erlang, set: [entries.per_year=30, kinds.inhouse_foster.carers.households=6]}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=45, kinds.inhouse_foster.carers.households=6]}
markets:
  - kind: ifa
    pricing: {threshold: 0.8, premium_at_full: 0.3}
    providers:
      - {name: north-agencies, zone: north, places: 10}
      - {name: south-agencies, zone: south, places: 10}
`

// stroke is the style of a line drawn: its colour, width and dashes.
type stroke struct {
	color  color.NRGBA
	width  vg.Length
	dashes string
}

func (s stroke) String() string {
	return fmt.Sprintf("colour %v, width %v, dashes %s", s.color, s.width, s.dashes)
}

// recorder is a vg.Canvas that draws nothing and keeps the style of each line stroked and the
// colour of each area filled.
type recorder struct {
	cur     stroke
	stack   []stroke
	strokes map[stroke]bool
	fills   map[color.NRGBA]bool
}

func newRecorder() *recorder {
	return &recorder{cur: stroke{color: color.NRGBA{A: 255}, width: 1, dashes: "[]"}, strokes: map[stroke]bool{}, fills: map[color.NRGBA]bool{}}
}

func nrgba(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{A: 255}
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

func dashesOf(d []vg.Length) string {
	if len(d) == 0 {
		return "[]"
	}
	return fmt.Sprint(d)
}

func (r *recorder) SetLineWidth(w vg.Length)               { r.cur.width = w }
func (r *recorder) SetLineDash(d []vg.Length, _ vg.Length) { r.cur.dashes = dashesOf(d) }
func (r *recorder) SetColor(c color.Color)                 { r.cur.color = nrgba(c) }
func (r *recorder) Rotate(float64)                         {}
func (r *recorder) Translate(vg.Point)                     {}
func (r *recorder) Scale(float64, float64)                 {}
func (r *recorder) Push()                                  { r.stack = append(r.stack, r.cur) }
func (r *recorder) Pop() {
	r.cur = r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
}
func (r *recorder) Stroke(vg.Path) {
	if r.cur.width > 0 {
		r.strokes[r.cur] = true
	}
}
func (r *recorder) Fill(vg.Path)                           { r.fills[r.cur.color] = true }
func (r *recorder) FillString(font.Face, vg.Point, string) {}
func (r *recorder) DrawImage(vg.Rectangle, image.Image)    {}

// drawnStyles draws chart c without its legend and returns what its marks drew: the styles of
// the lines and the colours of the areas.
func drawnStyles(c *plots.Chart) *recorder {
	legend := c.Legend
	c.Legend = nil
	defer func() { c.Legend = legend }()
	r := newRecorder()
	c.Draw(draw.Canvas{Canvas: r, Rectangle: vg.Rectangle{Max: vg.Point{X: c.Width, Y: c.Height}}})
	return r
}

// TestRegionChartKeysMatchTheirLines checks every chart of a region's own (RegionCharts: the
// councils side by side, each shared market's occupancy, the spot premium), drawn from many
// runs and from one: each line in a chart's key is drawn in the chart in the colour, width and dashes the key shows, and each area
// the key shows filled is filled in its colour. The market occupancy and spot premium charts
// once keyed their medians with a black line when every line drawn was coloured.
func TestRegionChartKeysMatchTheirLines(t *testing.T) {
	reg, err := scenarios.ParseRegion(strings.NewReader(legendRegionYAML), "legend-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, reps := range []int{3, 1} {
		rr, err := sim.RunRegion(reg, sim.Options{Reps: reps, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		src := plots.Source{Version: "test", Scenario: reg.Name, Region: true, Reps: reps, Seed: 1}
		charts, err := plots.RegionCharts(rr, src)
		if err != nil {
			t.Fatal(err)
		}
		names := []string{}
		for _, c := range charts {
			names = append(names, c.Name)
		}
		for _, want := range []string{plots.RegionMarketChart("ifa"), plots.RegionSpotPremium, plots.RegionCouncils} {
			if !slices.Contains(names, want) {
				t.Fatalf("%d runs: the region draws %q, not %s", reps, names, want)
			}
		}
		for _, c := range charts {
			drawn := drawnStyles(c)
			for _, it := range c.Legend {
				if it.Line.Color != nil {
					key := stroke{color: nrgba(it.Line.Color), width: it.Line.Width, dashes: dashesOf(it.Line.Dashes)}
					if !drawn.strokes[key] {
						t.Errorf("%d runs: %s: the key's %q shows a line of %s, which the chart draws nowhere", reps, c.Name, it.Label, key)
					}
				}
				if it.Fill != nil && !drawn.fills[nrgba(it.Fill)] {
					t.Errorf("%d runs: %s: the key's %q shows an area of colour %v, which the chart fills nowhere", reps, c.Name, it.Label, nrgba(it.Fill))
				}
			}
		}
	}
}
