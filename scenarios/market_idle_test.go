package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMarketIdle checks that a council's cap on a kind the region's shared market supplies
// (kinds[].capacity_places, kinds[].local_share), which the market's providers replace, is
// warned of as acting on nothing, naming the council, at the line that changes it: the
// council's scenario file, or the region's set; and that the default's own values, given again
// or merely inherited, no cap (unlimited, as calibrate writes it), and the same fields where no
// shared market supplies the kind, are not.
func TestMarketIdle(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	write("capped.yaml", "name: capped\nextends: default\nkinds:\n  - name: ifa\n    capacity_places: 10\n")
	// No cap, as calibrate writes it for every kind a market supplies: not a cap.
	write("unlimited.yaml", "name: unlimited\nextends: default\nkinds:\n  - name: ifa\n    capacity_places: unlimited\n")
	write("same.yaml", "name: same\nextends: default\nkinds:\n  - name: ifa\n    capacity_places: 293\n    local_share: 0.6\n")
	head := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 1\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n" +
		"  - {name: a, zone: north, scenario: capped.yaml}\n" +
		"  - {name: b, zone: north, scenario: default, set: [kinds.ifa.local_share=0.1]}\n" +
		"  - {name: c, zone: north, scenario: same.yaml, set: [kinds.ifa.capacity_places=293]}\n" +
		"  - {name: d, zone: north, scenario: default}\n" +
		"  - {name: e, zone: north, scenario: unlimited.yaml, set: [kinds.external_residential.capacity_places=unlimited]}\n"
	market := "markets:\n  - kind: ifa\n    providers:\n      - {name: agencies, zone: north, places: 200}\n" +
		"  - kind: external_residential\n    providers:\n      - {name: homes, zone: north, places: 40}\n"
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"a shared market of ifa", head + market, []string{
			"capped.yaml:5:22: kinds[0].capacity_places: in council a, caps the places of ifa, and the region's shared market of ifa gives the council its places in place of the cap, so it changes nothing",
			"reg.yaml:9:53: councils.b.set[0]: kinds.ifa.local_share: in council b, is the share of the places of ifa that are local, and the region's shared market of ifa gives the council its places in place of it",
		}},
		{"no shared market", head, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := LoadRegionWarnings(write("reg.yaml", tt.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range warns {
				got = append(got, strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("warnings %q, want %d: %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("warning %s\nwant it to begin %s", got[i], tt.want[i])
				}
			}
		})
	}
}

// fileWriter returns a function that writes text to the file name in dir and returns its
// path, failing t if it cannot.
func fileWriter(t *testing.T, dir string) func(name, text string) string {
	return func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}
