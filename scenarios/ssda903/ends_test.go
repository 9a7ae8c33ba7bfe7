package ssda903

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// endingAt is the rate the in-house foster carers' households comment writes their
// placements ending at.
var endingAt = regexp.MustCompile(`ending at ([0-9.]+) a child-year`)

// TestEndsBesideMoves checks that the rate the in-house foster carers' comment writes their
// placements ending at, times the child-years, less the moves written beside the kind's
// breakdown rate, does not give away 1 to 4 placements that ended otherwise than by a move:
// Bromley's return with its moves out of in-house foster care made 3 fewer than the placements
// that ended there is written as though those 3 were 2.5.
func TestEndsBesideMoves(t *testing.T) {
	ret := readSample(t, samples[2])
	cal, err := Calibrate(ret, Options{Base: baseScenario(t)})
	if err != nil {
		t.Fatal(err)
	}
	ends, years := cal.placementEndCount(inhouseFoster)
	for _, other := range []int{3, 40} {
		moves := ends - other
		for i := range cal.Estimates.Moves {
			if cal.Estimates.Moves[i].Kind == "inhouse_foster" {
				cal.Estimates.Moves[i].Rate.N = moves
			}
		}
		var y bytes.Buffer
		if err := writeScenario(&y, cal, ScenarioOptions{Name: "ends", Extends: "default"}); err != nil {
			t.Fatal(err)
		}
		var line string
		for _, l := range strings.Split(y.String(), "\n") {
			if endingAt.MatchString(l) {
				line = l
			}
		}
		m := endingAt.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("no rate of placements ending in\n%s", y.String())
		}
		rate, _ := strconv.ParseFloat(m[1], 64)
		// The rate is written to 2 decimals: the ends it gives are within 0.005 a child-year.
		lo, hi := int(math.Ceil((rate-0.005)*years))-moves, int(math.Floor((rate+0.005)*years))-moves
		few := strings.Contains(line, "as though 2.5")
		switch {
		case other < MinChildren && !few:
			t.Errorf("%d moves and %.1f child-years: the rate gives away %d to %d placements ending otherwise: %s", moves, years, lo, hi, line)
		case other < MinChildren && (lo > 3 || hi < 2):
			t.Errorf("%d moves: the rate is not that of 2.5 ending otherwise (%d to %d): %s", moves, lo, hi, line)
		case other >= MinChildren && (few || lo > other || hi < other):
			t.Errorf("%d moves: the rate is not the return's (%d ending otherwise, written %d to %d): %s", moves, other, lo, hi, line)
		}
	}
}

// TestEndsShown checks the count of placement ends a rate is written from.
func TestEndsShown(t *testing.T) {
	for _, tt := range []struct {
		ends, moves int
		want        float64
		few         bool
	}{
		{0, 0, 0, false},
		{3, 0, 2.5, true},
		{3, 2, 2.5, true},
		{90, 87, 89.5, true},
		{142, 87, 142, false},
		{91, 87, 89.5, true},
		{92, 87, 92, false},
		{87, 87, 87, false},
	} {
		if got, few := endsShown(tt.ends, tt.moves); got != tt.want || few != tt.few {
			t.Errorf("endsShown(%d, %d) = %v, %v, want %v, %v", tt.ends, tt.moves, got, few, tt.want, tt.few)
		}
	}
}

// TestFamilyMovesUnderTen checks, on each sample return with its moves of children aged 10 or
// more out of family and other settings made 3 fewer than all such moves the kinds' comments
// write, that the files do not give the 3 under 10 away (ratesBesideExposures): the count of
// those at 10 or more is then not written, and the share and its interval are those of the
// moves less 2.5, with the return's share and with 3 of them to residential care.
func TestFamilyMovesUnderTen(t *testing.T) {
	base := baseScenario(t)
	hit := false
	for _, s := range samples {
		cal, err := Calibrate(readSample(t, s), Options{Base: base})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, k := range []kind{kinship, inhouseFoster, ifa, supportedAccommodation, otherSettings} {
			for _, m := range cal.Estimates.Moves {
				if m.Kind == k.String() {
					sum += m.Rate.N
				}
			}
		}
		if cal.Estimates.Escalation.N < MinChildren || sum-3 < MinChildren {
			continue
		}
		// The return's share of the moves, and 3 of them to residential care, which is
		// written as though 2.5 too.
		share := cal.Estimates.Escalation.Value
		for _, went := range []float64{math.Round(share * float64(sum-3)), 3} {
			cal.Estimates.Escalation = wilson(went, float64(sum-3))
			var y bytes.Buffer
			if err := writeScenario(&y, cal, ScenarioOptions{Name: "under10", Extends: "default"}); err != nil {
				t.Fatal(err)
			}
			hidden := strings.Contains(y.String(), "give away the fewer than 5 under 10")
			hit = hit || hidden
			if hidden && went == 3 && !strings.Contains(y.String(), "as though 2.5 were under 10, the middle of 1 to 4, and one share for every age from 10; fewer than 5 went there") {
				t.Errorf("%s: 3 of the moves at 10 or more to residential care are not said to be written as though 2.5:\n%s", s.name, y.String())
			}
			t.Run(fmt.Sprintf("%s, %v to residential care", s.name, went), func(t *testing.T) { ratesBesideExposures(t, cal, y.String()) })
		}
	}
	if !hit {
		t.Error("no sample's moves were written without their count at 10 or more")
	}
}
