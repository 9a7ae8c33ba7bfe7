package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionWarningNamesCouncil checks that a warning at a council's field names the council
// by its name, as an error at the same place does ("councils.kent.set[0]"): the warning said
// "councils[0].set[0]" where the error said "councils.kent.set[0]".
func TestRegionWarningNamesCouncil(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	const head = "name: sep\nextends: south-east\ncouncils:\n  - name: kent\n    set: [uasc.transfer_threshold_share="
	_, err := LoadRegion(write("sep3.yaml", head+"7]\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "sep3.yaml:5:11: councils.kent.set[0]: uasc.transfer_threshold_share:") {
		t.Fatalf("the error: %v, want it at councils.kent.set[0]", err)
	}
	_, warns, err := LoadRegionWarnings(write("sep4.yaml", head+"0.07]\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		if strings.Contains(w.Error(), "uasc.transfer_threshold_share") {
			got = append(got, strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)))
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "sep4.yaml:5:11: councils.kent.set[0]: uasc.transfer_threshold_share: in council kent") {
		t.Errorf("warned %q, want one warning at sep4.yaml:5:11: councils.kent.set[0]", got)
	}
}
