package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestChanges checks that Changes says every field a scenario changes from its baseline, by
// the path --set names it, with provision kinds by name, and nothing for the name, the
// description or the dated changes.
func TestChanges(t *testing.T) {
	// The default's ladders, in groups.
	const (
		solo     = "{who: {needs: [solo]}, try: [external_residential]}"
		uascOnly = "{who: {ages: 16-17, uasc: only}, try: [other_settings, supported_accommodation, inhouse_foster, ifa, external_residential], shares: [0.86, 0, 0.14, 0, 0]}"
		teen     = "{who: {ages: 11-17, needs: [complex]}, try: [specialist_foster, inhouse_home, block_residential, external_residential]}"
		young    = "{who: {ages: 0-10, needs: [complex]}, try: [ifa, external_residential]}"
		rest     = "{who: {ages: 16-17}, try: [kinship, supported_accommodation, inhouse_foster, ifa, external_residential]}, " +
			"{who: {ages: 0-11}, try: [other_settings, kinship, inhouse_foster, ifa, external_residential]}, " +
			"{who: {ages: 12-15}, try: [kinship, inhouse_foster, ifa, external_residential]}"
	)
	for _, tc := range []struct {
		name string
		sets []string
		want []string
	}{
		{"nothing", []string{"name=other", "description=Other"}, nil},
		{"a field", []string{"uasc.transfer_threshold_share=0.0007"}, []string{"uasc.transfer_threshold_share: 0.0007 (baseline 0.001)"}},
		{"a kind's field by name", []string{"kinds.ifa.capacity_places=unlimited"}, []string{"kinds.ifa.capacity_places: unlimited (baseline 293)"}},
		{"a field the baseline leaves out", []string{"uasc.grant_per_night_gbp=143"}, []string{"uasc.grant_per_night_gbp: 143 (not in the baseline)"}},
		{"a list item", []string{"ladders[0].try=[ifa]"}, []string{"ladders[0].try: [ifa] (baseline [external_residential])"}},
		{"a name added at a long list's head", []string{"ladders[4].try=[other_settings, kinship, supported_accommodation, inhouse_foster, ifa, external_residential]"},
			[]string{"ladders[4].try: adds other_settings first"}},
		{"names left out and moved in a long list", []string{"ladders[4].try=[inhouse_foster, supported_accommodation, ifa, external_residential]"},
			[]string{"ladders[4].try: leaves out kinship; moves inhouse_foster first"}},
		{"a long list of records replaced", []string{"kinds.inhouse_foster.carers.ages=[{ages: 25-39, share: 0.3}, {ages: 40-54, share: 0.4}, {ages: 55-69, share: 0.3}]"},
			[]string{"kinds.inhouse_foster.carers.ages: adds {ages: 25-39, share: 0.3}, {ages: 40-54, share: 0.4}, {ages: 55-69, share: 0.3}; leaves out all 12 items"}},
		{"one price for the bands by need", []string{"kinds.ifa.weekly_gbp=1500"}, []string{"kinds.ifa.weekly_gbp.standard: 1500 (baseline 979)",
			"kinds.ifa.weekly_gbp.complex: 1500 (baseline 1288)"}}, // not solo: an IFA takes standard and complex needs
		{"one price for a kind that accepts every need", []string{"kinds.external_residential.weekly_gbp=6000"}, []string{"kinds.external_residential.weekly_gbp.standard: 6000 (baseline 6673)",
			"kinds.external_residential.weekly_gbp.complex: 6000 (baseline 7649)", "kinds.external_residential.weekly_gbp.solo: 6000 (baseline 10815)"}},
		{"the same by need in one value or bands", []string{"step_down.ready_share={standard: 0.08, complex: 0.15}"}, nil},
		// Not solo: no kind of step_down.try takes a child who must live alone, so the share
		// of them found ready moves none.
		{"one share for the bands by need", []string{"step_down.ready_share=0.15"}, []string{"step_down.ready_share.standard: 0.15 (baseline 0.08)"}},
		// With ease_share, a child who must live alone steps down with complex needs, which a
		// kind of try takes: their share applies, and the baseline's, left out as 0, is 0.
		{"one share for the bands by need, needs eased", []string{"step_down.ready_share=0.15", "step_down.ease_share=0.5"}, []string{
			"step_down.ready_share.standard: 0.15 (baseline 0.08)", "step_down.ready_share.solo: 0.15 (baseline 0)", "step_down.ease_share: 0.5 (not in the baseline)"}},
		{"a share by need set to 0", []string{"step_down.ready_share.complex=0"}, []string{"step_down.ready_share.complex: 0 (baseline 0.15)"}},
		// Ladders are matched by who: one moved and changed is that one change, at its new
		// index, and a move that no child finds another ladder by is none.
		{"a ladder moved and changed", []string{"ladders=[" + solo + ", " + uascOnly + ", " + young + ", {who: {ages: 11-17, needs: [complex]}, try: [inhouse_home, block_residential, external_residential]}, " + rest + "]"},
			[]string{"ladders[3].try: leaves out specialist_foster"}},
		{"ladders moved where no child finds another", []string{"ladders=[" + solo + ", " + uascOnly + ", " + young + ", " + teen + ", " + rest + "]"}, nil},
		// Moved last, the solo ladder is found by no child: the older teenagers' and young
		// children's ladders, which select every need, come first.
		{"a ladder moved where children find another", []string{"ladders=[" + uascOnly + ", " + teen + ", " + young + ", " + rest + ", " + solo + "]"},
			[]string{"ladders: moves {ages: 0-17, needs: [solo]} last"}},
		// A ladder only one of them has is a change only where some child who finds it first
		// finds another first in the other: not one in the order those children had, nor one
		// behind a ladder that selects all its children.
		{"a ladder added in the order its children had", []string{"ladders=[{who: {ages: 0-9, needs: [complex], uasc: only}, try: [ifa, external_residential]}, " + solo + ", " + uascOnly + ", " + teen + ", " + young + ", " + rest + "]"}, nil},
		{"a ladder added that no child finds first", []string{"ladders=[" + solo + ", " + uascOnly + ", " + teen + ", " + young + ", {who: {ages: 12-15, needs: [complex]}, try: [ifa]}, " + rest + "]"}, nil},
		{"a ladder added that children find first", []string{"ladders=[{who: {ages: 0-9, needs: [complex], uasc: only}, try: [external_residential]}, " + solo + ", " + uascOnly + ", " + teen + ", " + young + ", " + rest + "]"},
			[]string{"ladders[0]: added (not in the baseline)"}},
		// The young children's ladder left out for one of 0-15 with its rungs: the children
		// 12-15, whose ladder is left out too, find other rungs; those 0-11 find the same.
		{"ladders merged", []string{"ladders=[" + solo + ", " + uascOnly + ", " + teen + ", " + young + ", {who: {ages: 16-17}, try: [kinship, supported_accommodation, inhouse_foster, ifa, external_residential]}, {who: {ages: 0-15}, try: [other_settings, kinship, inhouse_foster, ifa, external_residential]}]"},
			[]string{"ladders[5]: added (not in the baseline)", "ladders[6]: left out"}},
		{"a dated change is not a field", []string{"interventions=[{action: extra_approvals, from: 2026-04-01, kind: inhouse_foster, per_year: 2}]"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, alt := load(t, "default"), load(t, "default", tc.sets...)
			cs, err := Changes(base, alt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
	// try_first over a base whose solo ladder is not first moves it first, which no child
	// finds another ladder by: the one change is its rungs.
	soloFile, err := os.ReadFile("solo-placement-home.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{
		"base.yaml": "extends: default\nladders: [" + teen + ", " + young + ", " + solo + ", " + uascOnly + ", " + rest + "]\n",
		"solo.yaml": strings.Replace(string(soloFile), "extends: default", "extends: base.yaml", 1),
	})
	cs, err := Changes(load(t, filepath.Join(dir, "base.yaml")), load(t, filepath.Join(dir, "solo.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.String())
	}
	if want := []string{"kinds.solo_home: added (not in the baseline)", "ladders[0].try: [solo_home, external_residential] (baseline [external_residential])"}; !slices.Equal(got, want) {
		t.Errorf("solo-placement-home over a base with its solo ladder third: got\n%q\nwant\n%q", got, want)
	}
	// Dated changes the baseline has and the strategy leaves out are not fields either.
	if cs, err := Changes(load(t, "early-help"), load(t, "default")); err != nil || len(cs) != 0 {
		t.Errorf("default against early-help: %v, %v; want no change of a field", cs, err)
	}
	// A kind the strategy adds is one change, said as added.
	cs, err = Changes(load(t, "default"), load(t, "solo-placement-home"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 || cs[0].String() != "kinds.solo_home: added (not in the baseline)" {
		t.Errorf("solo-placement-home: %v, want kinds.solo_home added first", cs)
	}
	// A kind the strategy leaves out is said as left out, by its name.
	cs, err = Changes(load(t, "solo-placement-home"), load(t, "default"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 || cs[0].String() != "kinds.solo_home: left out" {
		t.Errorf("default against solo-placement-home: %v, want kinds.solo_home left out first", cs)
	}
}
