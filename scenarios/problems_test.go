package scenarios_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestProblems checks that Problems gives each problem of a file that does not read a line of
// its own, in the order of the file, and an error that joins none alone.
func TestProblems(t *testing.T) {
	const bad = "extends: default\nyears: 0\nentries:\n  per_yaer: 300\n"
	_, parseErr := scenarios.Parse(strings.NewReader(bad), "bad.yaml", nil)
	if parseErr == nil {
		t.Fatal("bad.yaml read without error")
	}
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	for _, tt := range []struct {
		name string
		err  error
		want []string
	}{
		{"a file's problems", parseErr, []string{
			"bad.yaml:2:8: years: must be between 1 and 50 years",
			`bad.yaml:4:3: entries.per_yaer: unknown key "per_yaer" (did you mean per_year?)`,
		}},
		{"one error", a, []string{"a"}},
		{"joins within joins", errors.Join(errors.Join(a, b), c), []string{"a", "b", "c"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range scenarios.Problems(tt.err) {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Problems gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	for _, e := range scenarios.Problems(parseErr) {
		if se := (*scenarios.Error)(nil); !errors.As(e, &se) {
			t.Errorf("%v is not a *scenarios.Error", e)
		}
	}
}
