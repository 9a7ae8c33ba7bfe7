package scenarios_test

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestLibraryWordsMatchTheRun checks the words of the what-if library against what the model
// does with each file, so that a board pack, which quotes a file's description, promises
// nothing the run does not give:
//   - a description of a file that approves extra carers says that approvals follow the
//     assessment (the first ones arrive months after the programme starts);
//   - a description of a file whose extra approvals have no end says nothing of a few years
//     alone ("over five years");
//   - the three files of 12 net carers a year each say in their header what all three reach,
//     so that they read as comparable;
//   - the header of a file that opens a home or contracts block beds says that no ramp-up or
//     registration inspection after the lead time is modelled.
func TestLibraryWordsMatchTheRun(t *testing.T) {
	for _, info := range scenarios.Builtins() {
		if info.Name == "default" || strings.Contains(info.File, "/") {
			continue
		}
		s := load(t, info.Name)
		src, err := scenarios.Source(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(string(src), "\nname:")
		header = strings.ReplaceAll(header, "\n#    ", "")
		var approves, openEnded, opens bool
		for _, iv := range s.Interventions {
			switch iv.Action {
			case model.ExtraApprovals:
				approves = true
				openEnded = openEnded || iv.To.IsZero()
			case model.OpenHome, model.BlockBeds:
				opens = true
			}
		}
		if approves && !strings.Contains(s.Description, "assessment") {
			t.Errorf("%s: description %q does not say that its approvals follow the assessment", info.Name, s.Description)
		}
		if openEnded && strings.Contains(s.Description, "over five years") {
			t.Errorf("%s: description %q speaks of five years, but its extra approvals have no end", info.Name, s.Description)
		}
		if strings.HasSuffix(info.Name, "12-net-carers") {
			for _, other := range []string{"recruit-12-net-carers", "recruit-and-retain-12-net-carers", "retain-12-net-carers"} {
				if !strings.Contains(header, other+" keeps") && !strings.Contains(header, other+" falls") && !strings.Contains(header, other+" slows") {
					t.Errorf("%s: header does not say what %s reaches", info.Name, other)
				}
			}
		}
		if opens && !strings.Contains(header, "no ramp-up, registration inspection") {
			t.Errorf("%s: header does not say that no ramp-up or registration inspection after the lead time is modelled", info.Name)
		}
	}
}
