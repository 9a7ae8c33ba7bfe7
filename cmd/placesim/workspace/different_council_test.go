package workspace

import (
	"html"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestComparePageDifferentCouncil checks that the Compare page warns, in placesim compare's
// words, when a scenario set beside the baseline is a different council: an uploaded file
// that scales the default to 300 children in care (size:) against the library's
// recruit-12-net-carers measures the councils' difference, not a strategy's. A strategy for
// the baseline gets no warning.
func TestComparePageDifferentCouncil(t *testing.T) {
	url, srv, _ := testServer(t)
	srv.cfg.QuickReps = 2
	var sv saveResponse
	post(t, url, "/api/upload", uploadRequest{Name: "small", Text: "name: small\nextends: default\nsize: {children_in_care: 300}\n"}, &sv)
	if sv.Saved == "" {
		t.Fatalf("the file with size: was not uploaded: %+v", sv)
	}
	base, err := scenarios.LoadBuiltin("recruit-12-net-carers")
	if err != nil {
		t.Fatal(err)
	}
	_, text := get(t, url+"/files/small")
	small, err := scenarios.ParseResolvedFS(strings.NewReader(text), srv.folder.root.FS(), "small.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := model.DifferentCouncilWarning(base, small.Scenario, "recruit-12-net-carers")
	if want == "" || !strings.Contains(want, "starts with 300 children in care") {
		t.Fatalf("the scaled file is not a different council: %q", want)
	}
	_, page := get(t, url+"/compare?s=small&base=recruit-12-net-carers")
	if page = html.UnescapeString(page); !strings.Contains(page, "Warning: "+want+".") {
		t.Errorf("the Compare page does not warn %q:\n%.3000s", want, page)
	}
	// A strategy for the baseline is the same council: no warning.
	post(t, url, "/api/upload", uploadRequest{Name: "plan", Text: "name: plan\nextends: recruit-12-net-carers\ninflation_per_year: 0.03\n"}, &sv)
	if sv.Saved == "" {
		t.Fatalf("plan was not uploaded: %+v", sv)
	}
	if _, page := get(t, url+"/compare?s=plan&base=recruit-12-net-carers"); strings.Contains(page, "different-council") {
		t.Errorf("the Compare page warns of a different council for a strategy for the baseline")
	}
}
