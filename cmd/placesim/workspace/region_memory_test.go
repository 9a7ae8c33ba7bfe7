package workspace

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRegionRunMemoryNamesItsFlag: a region's run refused for its memory names the flag that
// set its replications (--region-quick-reps for a quick run, --region-reps for a full one),
// not the scenario runs' --reps and --quick-reps.
func TestRegionRunMemoryNamesItsFlag(t *testing.T) {
	base, srv, _ := regionServer(t)
	srv.gate.lim.MemoryBytes = 1 << 10
	for _, c := range []struct {
		full bool
		want string
	}{{false, "not even 2 replications of this region fit (--region-quick-reps)"}, {true, "not even 2 replications of this region fit (--region-reps)"}} {
		resp, body := postStatus(t, base, "/api/region/run", regionState{Tab: "m", Ref: "two-counties.yaml", Full: c.full})
		var a regionRunResponse
		json.Unmarshal([]byte(body), &a)
		got := a.Error + strings.Join(a.Problems, "\n")
		if !strings.Contains(got, c.want) || strings.Contains(got, "--reps") {
			t.Errorf("full %v: status %d, %q: want the run refused saying %q", c.full, resp, got, c.want)
		}
	}
}
