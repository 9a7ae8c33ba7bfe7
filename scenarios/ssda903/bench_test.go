package ssda903

import (
	"bytes"
	"io"
	"runtime"
	"testing"
)

// BenchmarkCalibrate200kEpisodes is the yardstick: reading, cleaning and calibrating
// a return of about 200,000 episode rows (five years of a council fifty times the typical
// county's size), and writing the scenario and the report. The rows are generated once,
// before the timing. It reports the peak of the heap in MB besides time and allocations.
func BenchmarkCalibrate200kEpisodes(b *testing.B) {
	t := typical()
	t.perYear, t.uascPerYear, t.shortBreaks = 13000, 800, 600
	g := generate(t, 7)
	if g.rows < 190_000 || g.rows > 230_000 {
		b.Fatalf("generated %d episode rows, want about 200,000", g.rows)
	}
	base := baseScenario(b)
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		files := g.files()
		ret, err := Read(files, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		cal, err := Calibrate(ret, Options{Base: base})
		if err != nil {
			b.Fatal(err)
		}
		if err := writeScenario(io.Discard, cal, ScenarioOptions{Name: "big", Extends: "default", Sources: "5 files"}); err != nil {
			b.Fatal(err)
		}
		var rep bytes.Buffer
		if err := ret.Quality.WriteReport(&rep); err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	b.ReportMetric(float64(g.rows), "rows")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}
