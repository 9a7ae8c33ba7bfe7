package ssda903

import (
	"bytes"
	"strings"
	"testing"
)

// TestHomesMixSaid checks that where the council's own homes' few children are counted in
// another group of the stock, whose homes_share starts them in the homes, the scenario's comment
// beside the homes and the data-quality report say that they keep the group's needs mix and ages,
// and why; and where the group is not of residential care (Southwark's, agencies' foster care aged
// 10-15, written with standard needs), that they start in the homes with standard needs where
// residential care stands for complex ones, and how to start them otherwise. The la-sample's
// group, of external residential care, has the residential needs of the base: no such warning.
func TestHomesMixSaid(t *testing.T) {
	const keep = "those it starts in the homes keep the group's needs mix and ages (10-"
	const standard = "is written with standard needs, where the homes' children, in residential care, are of the complex needs it stands for: they start in the homes as children of standard needs; to start them with complex needs, give them a stock group of their own of kind inhouse_home in place of the homes_share"
	for _, tc := range []struct {
		sample   sample
		standard bool
	}{
		{samples[0], false},
		{samples[1], true},
	} {
		t.Run(tc.sample.name, func(t *testing.T) {
			ret := readSample(t, tc.sample)
			cal, err := Calibrate(ret, Options{Base: baseScenario(t)})
			if err != nil {
				t.Fatal(err)
			}
			var y, rep bytes.Buffer
			if err := writeScenario(&y, cal, ScenarioOptions{Name: "homes", Extends: "default", Sources: "the sample files"}); err != nil {
				t.Fatal(err)
			}
			if err := ret.Quality.WriteReport(&rep); err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(strings.ReplaceAll(y.String(), "\n#", "")), " ")
			for what, text := range map[string]string{"scenario": flat, "report": rep.String()} {
				if !strings.Contains(text, keep) {
					t.Errorf("the %s does not say that the homes' children keep the group's needs mix and ages", what)
				}
				if got := strings.Contains(text, standard); got != tc.standard {
					t.Errorf("the %s says that the homes' children start with standard needs: %v, want %v", what, got, tc.standard)
				}
			}
		})
	}
}
