package plots

import (
	"fmt"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
)

// PriceNotes says, under a business case, when strategy s's prices rise otherwise than its
// baseline base's: when the inflation each April of the run (inflation_per_year, and from
// each inflation intervention's date its rate) differs, part of every difference in spending
// is that assumption about prices, not what the strategy does with children and places. It
// returns nothing when the two inflate alike.
func PriceNotes(base, s *model.Scenario) []string {
	br, sr := aprilRates(base), aprilRates(s)
	n := min(len(br), len(sr))
	same := true
	for i := range n {
		same = same && br[i].rate == sr[i].rate
	}
	if same {
		return nil
	}
	return []string{fmt.Sprintf("Prices differ from the baseline's: the strategy's inflation is %s; the baseline's is %s. "+
		"So part of each difference in spending, and of the net saving, is this assumption about prices, not what the strategy does; "+
		"the net present value brings every year back to the first year's prices by the baseline's inflation.",
		inflationPath(sr[:n]), inflationPath(br[:n]))}
}

// aprilRate is the inflation rate a run applies on one April.
type aprilRate struct {
	on   time.Time
	rate float64
}

// aprilRates returns the inflation rate in force on each 1 April after s's start within its
// run, as the simulation raises prices (the last inflation intervention dated on or before
// the April, or else inflation_per_year).
func aprilRates(s *model.Scenario) []aprilRate {
	if s.Start.IsZero() {
		return nil
	}
	end := s.Start.AddDate(s.Years, 0, 0)
	d := time.Date(s.Start.Year(), time.April, 1, 0, 0, 0, 0, s.Start.Location())
	if !d.After(s.Start) {
		d = d.AddDate(1, 0, 0)
	}
	var out []aprilRate
	for ; d.Before(end); d = d.AddDate(1, 0, 0) {
		r := s.InflationPerYear
		for _, iv := range s.Interventions {
			if iv.Action == model.Inflation && !iv.From.After(d) {
				r = iv.Rate
			}
		}
		out = append(out, aprilRate{d, r})
	}
	return out
}

// inflationPath says a run's inflation April by April: "3% a year, then 8% a year from April
// 2028".
func inflationPath(rs []aprilRate) string {
	var parts []string
	for i, r := range rs {
		switch {
		case i == 0:
			parts = append(parts, rate(r.rate)+" a year")
		case r.rate != rs[i-1].rate:
			parts = append(parts, fmt.Sprintf("then %s a year from %s", rate(r.rate), r.on.Format("January 2006")))
		}
	}
	return strings.Join(parts, ", ")
}
