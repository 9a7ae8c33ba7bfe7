package workspace

import (
	"strings"
	"testing"
)

// TestNameDots checks that a name is refused for two dots together wherever they fall in the
// file's name, a dot at the end of the name ("a." is a..yaml) as much as within it, and that
// the refusal says so.
func TestNameDots(t *testing.T) {
	for _, name := range []string{"a.", "r..", "a..b", "plan..yaml", "x.yml.", "a.b."} {
		file, err := checkName(name)
		if err == nil {
			t.Errorf("checkName(%q) took it as %s", name, file)
			continue
		}
		if !strings.Contains(err.Error(), "no two dots together and no dot at the end") {
			t.Errorf("checkName(%q): %v, want it to say no two dots together and no dot at the end", name, err)
		}
	}
	for name, want := range map[string]string{"a.b": "a.b.yaml", "v1.2-plan": "v1.2-plan.yaml", "a.yaml": "a.yaml"} {
		if file, err := checkName(name); err != nil || file != want {
			t.Errorf("checkName(%q) = %q, %v, want %s", name, file, err, want)
		}
	}
}
