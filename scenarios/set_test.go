package scenarios

import (
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

func TestSet(t *testing.T) {
	def := load(t, "default")
	kind := func(s *model.Scenario, name string) *model.Kind {
		t.Helper()
		for i := range s.Kinds {
			if s.Kinds[i].Name == name {
				return &s.Kinds[i]
			}
		}
		t.Fatalf("no kind %s", name)
		return nil
	}
	id := func(name string) model.KindID {
		for i, k := range def.Kinds {
			if k.Name == name {
				return model.KindID(i)
			}
		}
		return -1
	}
	tests := []struct {
		set   string
		check func(s *model.Scenario) bool
	}{
		{"entries.per_year=360", func(s *model.Scenario) bool { return s.Entries.PerYear == 360 }},
		{"years=15", func(s *model.Scenario) bool { return s.Years == 15 }},
		{"kinds.ifa.weekly_gbp.standard=950", func(s *model.Scenario) bool {
			k := kind(s, "ifa")
			return k.WeeklyCostGBP[model.NeedStandard] == 950 && k.WeeklyCostGBP[model.NeedComplex] == kind(def, "ifa").WeeklyCostGBP[model.NeedComplex]
		}},
		// A single number for every need becomes a mapping when one need is set.
		{"kinds.kinship.weekly_gbp.complex=500", func(s *model.Scenario) bool {
			return kind(s, "kinship").WeeklyCostGBP == [3]float64{450, 500, 450}
		}},
		{"kinds[1].carers.households=200", func(s *model.Scenario) bool { return s.Kinds[1].Carers.Households == 200 }},
		{"ladders[0].try=[kinship,ifa]", func(s *model.Scenario) bool {
			return slices.Equal(s.Ladders[0].Try, []model.KindID{id("kinship"), id("ifa")})
		}},
		{"entries.siblings={share: 0.2, mean_group_size: 3}", func(s *model.Scenario) bool {
			return s.Entries.SiblingShare == 0.2 && s.Entries.MeanGroupSize == 3
		}},
		{"kinds.inhouse_home.homes.Oak House.beds=5", func(s *model.Scenario) bool { return kind(s, "inhouse_home").Homes[0].Beds == 5 }},
		{"care_leavers.stay.mean_days=2 years", func(s *model.Scenario) bool { return s.CareLeavers.Stay.MeanDays == 730.5 }},
		{"interventions=[{action: entry_rate, from: 2027-04-01, factor: 0.9}]", func(s *model.Scenario) bool {
			return len(s.Interventions) == 1 && s.Interventions[0].Factor == 0.9
		}},
		{"entries.seasonality=[1,1,1,1,1,1,1,1,1,1,1.5,0.5]", func(s *model.Scenario) bool { return s.Entries.Seasonality[10] == 1.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			if s := load(t, "default", tt.set); !tt.check(s) {
				t.Errorf("--set %s did not take effect", tt.set)
			}
		})
	}
	// A key written with a leading zero names the key the files' merge reads it as: 01 is the
	// 1 of default.yaml's places_mix, which had been refused as given twice.
	t.Run("keys as numbers", func(t *testing.T) {
		s := load(t, "default", "kinds.inhouse_foster.carers.places_mix.01=0.25", "kinds.inhouse_foster.carers.places_mix.004=0.07")
		if got, want := kind(s, "inhouse_foster").Carers.PlacesMix, []model.PlacesShare{{Places: 1, Share: 0.25}, {Places: 2, Share: 0.33}, {Places: 3, Share: 0.35}, {Places: 4, Share: 0.07}}; !slices.Equal(got, want) {
			t.Errorf("places_mix = %v, want %v", got, want)
		}
	})
	// A --set of a part of a field given before it changes that part of its value.
	t.Run("a part after the whole", func(t *testing.T) {
		s := load(t, "default", "kinds.ifa.weekly_gbp=900", "kinds[3].weekly_gbp.standard=800")
		if got := kind(s, "ifa").WeeklyCostGBP; got[model.NeedStandard] != 800 || got[model.NeedComplex] != 900 {
			t.Errorf("ifa's weekly_gbp = %v, want 800 for standard needs, 900 for complex", got)
		}
	})
}

// TestSetTwice checks that a field given by two --set overrides is refused however each
// names it, and so is a field that holds one given before it, which would replace it whole:
// either had kept the last value without a word.
func TestSetTwice(t *testing.T) {
	for _, tt := range []struct {
		sets []string
		want string
	}{
		{[]string{"years=3", "years=4"}, "--set years=4: sets years, which --set years=3 sets too: give it once"},
		{[]string{"kinds[3].weekly_gbp=900", "kinds.ifa.weekly_gbp=800"}, "--set kinds.ifa.weekly_gbp=800: sets kinds.ifa.weekly_gbp, which --set kinds[3].weekly_gbp=900 sets too: give it once"},
		{[]string{"kinds.ifa.weekly_gbp.standard=800", "kinds.ifa.weekly_gbp=900"},
			"--set kinds.ifa.weekly_gbp=900: sets kinds.ifa.weekly_gbp, which holds kinds.ifa.weekly_gbp.standard, which --set kinds.ifa.weekly_gbp.standard=800 sets before it: this value would replace that one whole; give this --set first, so that the other changes its part, or both in one value"},
		{[]string{"ladders[0].try=[ifa]", "ladders[0]={who: {ages: 0-17}, try: [kinship]}"}, "--set ladders[0]={who: {ages: 0-17}, try: [kinship]}: sets ladders[0], which holds ladders[0].try"},
		{[]string{"kinds.inhouse_home.homes.Oak House.beds=5", "kinds.inhouse_home.homes[0].beds=6"}, "sets kinds.inhouse_home.homes[0].beds, which --set kinds.inhouse_home.homes.Oak House.beds=5 sets too"},
	} {
		t.Run(strings.Join(tt.sets, " "), func(t *testing.T) {
			_, err := Load("default", tt.sets)
			wantErr(t, err, tt.want)
		})
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		set  string
		want string
	}{
		{"entries.per_year=abc", "--set entries.per_year=abc: entries.per_year: must be a number"},
		{"entries.per_yaer=360", `--set entries.per_yaer=360: entries.per_yaer: unknown key "per_yaer" (did you mean per_year?)`},
		{"nonesuch=1", `--set nonesuch=1: nonesuch: unknown key "nonesuch" (allowed: `},
		{"kinds.ifaa.weekly_gbp=1", `--set kinds.ifaa.weekly_gbp=1: kinds has no item named "ifaa" (did you mean ifa?)`},
		{"ladders[99].try=[ifa]", "--set ladders[99].try=[ifa]: ladders has 7 items, so it has no [99]"},
		{"ladders[0].try=[kinship,ifaa]", `--set ladders[0].try=[kinship,ifaa]: ladders[0].try[1]: unknown provision kind "ifaa" (did you mean ifa?)`},
		{"years.x=1", "--set years.x=1: years is a single value, not a mapping"},
		{"years", "--set years: want PATH=VALUE"},
		// Nothing after the = had set the field to 0.
		{"entries.per_year=", "--set entries.per_year=: entries.per_year: no value after the =: write the value it is to take, entries.per_year=VALUE"},
		{"kinds.ifa.weekly_gbp= ", "--set kinds.ifa.weekly_gbp= : kinds.ifa.weekly_gbp: no value after the ="},
		{"inflation_per_year=", "--set inflation_per_year=: inflation_per_year: no value after the ="},
		{"years=[1", "--set years=[1: value is not valid YAML"},
		{"name=caf\xe9", "--set name=caf\xe9: value is not in UTF-8: byte 0xE9 (\"é\" in Windows-1252), character 4 of the value, is not UTF-8 text; type it in a terminal set to UTF-8, or save the script that gives it as UTF-8"},
		{"a..b=1", `--set a..b=1: path "a..b" has an empty step`},
		{"ladders[x]=1", "want [N] with N a whole number"},
		{"extends=erlang", "--set extends=erlang: extends cannot be set"},
		{"entries=5", "--set entries=5: entries: must be a mapping of per_year, trend_per_year, seasonality, siblings and ages, not a single value"},
		{"start=2026-13-01", `--set start=2026-13-01: start: must be a date such as 2027-04-01, not "2026-13-01"`},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			_, err := Load("default", []string{tt.set})
			wantErr(t, err, tt.want)
		})
	}
}

// TestSetUnknownKeyFirst checks that a --set path with a mistyped key is refused for that key,
// with the key meant, and for nothing else: a step the key made impossible had been reported
// first ("interventionz is not a list"), and the keys added on the way had made problems of
// their own.
func TestSetUnknownKeyFirst(t *testing.T) {
	for _, tt := range []struct {
		region bool
		set    string
		want   string
	}{
		{false, "interventionz[0].action=x", `--set interventionz[0].action=x: interventionz: unknown key "interventionz" (did you mean interventions?)`},
		{false, "interventions.0.actionn=x", `--set interventions.0.actionn=x: interventions[0].actionn: unknown key "actionn" (did you mean action?)`},
		{false, "interventions[0].actionn=x", `--set interventions[0].actionn=x: interventions[0].actionn: unknown key "actionn" (did you mean action?)`},
		{false, "interventions.0.who.agez=x", `--set interventions.0.who.agez=x: interventions[0].who.agez: unknown key "agez" (did you mean ages?)`},
		{false, "interventions[0].ages=[16-17]", `--set interventions[0].ages=[16-17]: interventions[0].ages: unknown key "ages" (children are selected under who: who: {ages: ...})`},
		{false, "entriez.per_year.x=1", `--set entriez.per_year.x=1: entriez: unknown key "entriez" (did you mean entries?)`},
		{true, "councils.kent.interventionz[0].action=x", `--set councils.kent.interventionz[0].action=x: councils.kent.interventionz: unknown key "interventionz" (did you mean interventions?)`},
		{true, "councils.kent.interventionz.0.action=x", `--set councils.kent.interventionz.0.action=x: councils.kent.interventionz: unknown key "interventionz" (did you mean interventions?)`},
		{true, "councils.kent.interventions[0].actionn=x", `--set councils.kent.interventions[0].actionn=x: councils.kent.interventions[0].actionn: unknown key "actionn" (did you mean action?)`},
	} {
		t.Run(tt.set, func(t *testing.T) {
			var err error
			if tt.region {
				_, err = LoadRegion("south-east", []string{tt.set})
			} else {
				_, err = Load("recruit-12-net-carers", []string{tt.set})
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}
