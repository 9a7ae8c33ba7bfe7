package workspace

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestSaveGivesCommand checks that saving a scenario, or a region strategy, says the commands
// that run it as the workspace ran it, with its seed and replications: the command line does
// not read the workspace's record of them, so that a scenario saved at seed 42 gave the
// workspace's figures only with --seed 42, which the message ("placesim run plan.yaml and
// placesim compare default plan.yaml read it") did not say.
func TestSaveGivesCommand(t *testing.T) {
	base, srv, dir := testServer(t)
	full := srv.cfg.FullReps
	var sv saveResponse
	post(t, base, "/api/save", json.RawMessage(`{"name":"plan","state":{"tab":"b","seed":"42","full":true,"values":{"approvals":"30"}}}`), &sv)
	want := fmt.Sprintf("Saved as plan.yaml in %s. To run it on the command line as the workspace ran it, in that folder: placesim run plan.yaml --seed 42 --reps %d, and placesim compare default plan.yaml --seed 42 --reps %d", dir, full, full)
	if sv.Error != "" || sv.Message != want {
		t.Errorf("saving a scenario run in full at seed 42 says\n%q (error %q), want\n%q", sv.Message, sv.Error, want)
	}

	rbase, rsrv, rdir := regionServer(t)
	sv = saveResponse{}
	post(t, rbase, "/api/region/save", regionSaveRequest{Name: "mine", State: regionState{Tab: "r", Ref: "two-counties.yaml", Full: true, Values: map[string]string{"r.southshire": "5"}}}, &sv)
	want = "Saved as mine.yaml in " + rdir + ". To run it on the command line as the workspace ran it, in that folder: placesim run mine.yaml --seed 1 --reps 6, and placesim compare two-counties.yaml mine.yaml --seed 1 --reps 6"
	if sv.Error != "" || sv.Message != want {
		t.Errorf("saving a region's strategy run in full says\n%q (error %q), want\n%q", sv.Message, sv.Error, want)
	}
	runs, err := rsrv.folder.readRuns()
	if err != nil || runs.Files["mine.yaml"].Replications != 6 {
		t.Errorf("the region's strategy run in full is recorded with %+v (%v), want 6 replications", runs.Files["mine.yaml"], err)
	}
}
