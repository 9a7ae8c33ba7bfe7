package scenarios

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// kindNamed returns the kind of s named name.
func kindNamed(t *testing.T, s *model.Scenario, name string) model.Kind {
	t.Helper()
	for _, k := range s.Kinds {
		if k.Name == name {
			return k
		}
	}
	t.Fatalf("no kind %s", name)
	return model.Kind{}
}

// ownShares is the default with two residential kinds at step-down shares of their own: agencies'
// homes by need, and block contracts one share for every need.
const ownShares = `extends: default
kinds:
  - name: external_residential
    step_down_ready_share: {standard: 0.16, complex: 0.28}
  - name: block_residential
    step_down_ready_share: 0.05
`

// parseOwnShares reads ownShares as a file named agencies.yaml.
func parseOwnShares(t *testing.T) *model.Scenario {
	t.Helper()
	s, err := Parse(strings.NewReader(ownShares), "agencies.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestKindStepDownReadyShare checks that a kind's step_down_ready_share reads in both forms
// (a number for every need, a mapping by need) on kinds merged through extends, that a kind
// without it keeps the scenario-wide share, and that the scenario encoded reads back equal.
func TestKindStepDownReadyShare(t *testing.T) {
	s := parseOwnShares(t)
	if got, want := kindNamed(t, s, "external_residential").StepDownReadyShare, (&[model.NumNeeds]float64{0.16, 0.28, 0}); got == nil || *got != *want {
		t.Errorf("external_residential's own share = %v, want %v", got, *want)
	}
	if got, want := kindNamed(t, s, "block_residential").StepDownReadyShare, (&[model.NumNeeds]float64{0.05, 0.05, 0.05}); got == nil || *got != *want {
		t.Errorf("block_residential's own share = %v, want %v", got, *want)
	}
	if got := kindNamed(t, s, "inhouse_home").StepDownReadyShare; got != nil {
		t.Errorf("inhouse_home's own share = %v, want none (the scenario-wide share)", *got)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "step_down_ready_share:"); n != 2 {
		t.Errorf("the encoded scenario has step_down_ready_share %d times, want 2:\n%s", n, buf.String())
	}
	back, err := Parse(&buf, "encoded.yaml", nil)
	if err != nil {
		t.Fatalf("the encoded scenario does not read: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("encoded and read back, the scenario differs:\nback %+v\nwant %+v", back.Kinds, s.Kinds)
	}

	// A scenario whose kinds set no share of their own encodes without the key.
	def, err := Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := Encode(&buf, def, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "step_down_ready_share") {
		t.Error("the default scenario, whose kinds set no share of their own, encodes with step_down_ready_share")
	}
}

// TestKindStepDownReadyShareErrors checks that a share out of range, or set on a kind that is
// not residential, is refused with the file, the line and the field.
func TestKindStepDownReadyShareErrors(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"a foster kind", `extends: default
kinds:
  - name: ifa
    step_down_ready_share: 0.1
`, "bad.yaml:4:28: kinds[0].step_down_ready_share: is only for a kind of the residential category (this one is foster)"},
		{"a share of 1.5", `extends: default
kinds:
  - name: external_residential
    step_down_ready_share:
      standard: 0.1
      complex: 1.5
`, "bad.yaml:6:16: kinds[0].step_down_ready_share.complex: must be a share between 0 and 1"},
		{"not a number", `extends: default
kinds:
  - name: external_residential
    step_down_ready_share: often
`, "bad.yaml:4:28: kinds[0].step_down_ready_share: must be a number"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.text), "bad.yaml", nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse: %v, want %q", err, tt.want)
			}
		})
	}
}

// TestSensitivityKindReadyShare checks that the sensitivity analysis lists a residential
// kind's own step-down shares beside the scenario-wide ones (one input for a share of every
// need, one a need otherwise) and that each input's low and high values reach the scenario.
func TestSensitivityKindReadyShare(t *testing.T) {
	s := parseOwnShares(t)
	var paths []string
	var ins []Input
	for _, in := range SensitivityInputs(s, 0.2) {
		if strings.Contains(in.Path, "ready_share") {
			paths, ins = append(paths, in.Path), append(ins, in)
		}
	}
	want := []string{"step_down.ready_share.standard", "step_down.ready_share.complex",
		"kinds.block_residential.step_down_ready_share",
		"kinds.external_residential.step_down_ready_share.standard", "kinds.external_residential.step_down_ready_share.complex"}
	if !slices.Equal(paths, want) {
		t.Fatalf("step-down inputs:\n got %q\nwant %q", paths, want)
	}
	for _, in := range ins {
		for _, v := range []float64{in.Low, in.High} {
			got, err := Parse(strings.NewReader(ownShares), "agencies.yaml", in.Sets(v))
			if err != nil {
				t.Fatalf("%s at %v: %v", in.Path, v, err)
			}
			i := slices.IndexFunc(SensitivityInputs(got, 0.2), func(o Input) bool { return o.Path == in.Path })
			if i < 0 {
				t.Fatalf("%s at %v: the scenario no longer has the input", in.Path, v)
			}
			if o := SensitivityInputs(got, 0.2)[i]; math.Abs(o.Value-v) > 1e-9*v {
				t.Errorf("%s set to %v, the scenario reads %v", in.Path, v, o.Value)
			}
		}
	}
}
