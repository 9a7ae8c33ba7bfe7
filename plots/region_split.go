package plots

import (
	"fmt"
	"io"
	"math"
	"reflect"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// RegionSplit is a region's business case split between the councils a strategy changes and
// the others (sim.RegionNetSplit): what the councils that act save of their own, and what the
// rest save or lose through what the councils share (the markets, a region intervention's
// costs), each added up pair by pair, with its own paired intervals.
type RegionSplit struct {
	// Acting names the councils the strategy changes, in the region's order.
	Acting []string
	// Others is the number of the region's other councils.
	Others int
	// Act and Rest are the two groups' business cases.
	Act, Rest *sim.NetCase
	// RegionCosts says that the strategy adds or leaves out a change of the region's own that
	// costs money (a pooled block, a region intervention with a cost), whose costs every
	// council shares: the other councils' figures then move through it too, not only through
	// the shared market (RegionChangesCost).
	RegionCosts bool
}

// NewRegionSplit splits the business case of the region strategy alt against its baseline
// base, whose runs are ar and br, between the councils the strategy changes
// (RegionCouncilsChanged) and the others (sim.RegionNetSplit), at confidence level level and
// discounting discount; scenario and baseline names are the regions'. nil, with no error,
// unless both groups have a council.
func NewRegionSplit(base, alt *model.Region, br, ar *sim.RegionResults, level float64, discount sim.Discount) (*RegionSplit, error) {
	acting := RegionCouncilsChanged(base, alt)
	act, rest, err := sim.RegionNetSplit(br, ar, acting, level, discount)
	if err != nil || act == nil || rest == nil {
		return nil, err
	}
	for _, nc := range []*sim.NetCase{act, rest} {
		nc.Scenario, nc.Baseline = alt.Name, base.Name
	}
	var names []string
	for _, c := range base.Councils {
		if acting[c.Name] {
			names = append(names, c.Name)
		}
	}
	return &RegionSplit{Acting: names, Others: len(base.Councils) - len(names), Act: act, Rest: rest, RegionCosts: RegionChangesCost(base, alt)}, nil
}

// RegionChangesCost says whether the strategy alt adds or leaves out, against the baseline
// base, a dated change of the region's own that costs the councils money: a pooled block, or
// an intervention with a programme cost. Its costs are shared among every council, so the
// councils the strategy does not change carry their share of them.
func RegionChangesCost(base, alt *model.Region) bool {
	if base == nil || alt == nil {
		return false
	}
	added, dropped := unmatched(alt.Interventions, base.Interventions, func(a, b model.RegionIntervention) bool { return reflect.DeepEqual(a, b) })
	for _, iv := range append(added, dropped...) {
		if iv.Action == model.PooledBlock && iv.Places != 0 && iv.CostPerPlaceYearGBP != 0 || iv.Cost != (model.ProgrammeCost{}) {
			return true
		}
	}
	return false
}

// othersHow says how the other councils' figures move: "through the shared market", and
// their share of the region's own changes when the strategy changes one that costs money.
func (s *RegionSplit) othersHow() string {
	if s.RegionCosts {
		return "through the shared market and their share of the region's own changes"
	}
	return "through the shared market"
}

// SplitCase is one row of a region's business case split (RegionSplit.Cases): its name and
// its business case.
type SplitCase struct {
	Name string
	Case *sim.NetCase
}

// Cases are the rows the split adds under the region's business case, as the board pack, the
// compare command and the workspace's region page give them: the councils that act, then the
// others. Each row's payback is PaybackCell's, as a council's row gives it.
func (s *RegionSplit) Cases() []SplitCase {
	return []SplitCase{{s.ActingLabel(), s.Act}, {s.OthersLabel(), s.Rest}}
}

// ActingLabel names the councils that act, as the board pack's business case names their
// row: "Changed by the strategy: west-sussex".
func (s *RegionSplit) ActingLabel() string {
	return "Changed by the strategy: " + joinAnd(s.Acting)
}

// OthersLabel names the other councils, as the board pack's business case names their row:
// "The 13 other councils, through the shared market" ("... and their share of the region's own
// changes" when RegionCosts).
func (s *RegionSplit) OthersLabel() string {
	if s.Others == 1 {
		return "The other council, " + s.othersHow()
	}
	return fmt.Sprintf("The %d other councils, %s", s.Others, s.othersHow())
}

// SplitLine says how the region's net saving over the run and its net present value split
// between the councils the strategy changes and the others, each with its confidence interval
// of the mean (none from one pair): "Of the region's net saving over the run, west-sussex, which
// the strategy changes, saves +£6.8m (+£2.5m to +£11.0m; net present value +£4.5m, +£1.7m to
// +£7.3m), and the 13 other councils, through the shared market, +£39.0m (...)", the others
// also through their share of the region's own changes when RegionCosts. "" without a split.
func (rc *RegionComparison) SplitLine() string {
	s := rc.Split
	if s == nil || len(s.Act.Years) == 0 || len(s.Rest.Years) == 0 {
		return ""
	}
	// say words one group's figures after its verb: a saving signed, as the interval is, a
	// loss as the amount lost, its interval then named as one of net saving.
	say := func(nc *sim.NetCase) string {
		cum := nc.Years[len(nc.Years)-1].Cumulative
		text, of := Signed(cum.Mean, Money), ""
		if losing(cum.Mean) {
			text, of = GBP(math.Abs(cum.Mean)), "net saving "
		}
		npv := "net present value " + Signed(nc.NPV.Mean, Money)
		if r := CaseInterval(nc.NPV); r != "" {
			npv += ", " + r
		}
		if r := CaseInterval(cum); r != "" {
			return text + " (" + of + r + "; " + npv + ")"
		}
		return text + " (" + npv + ")"
	}
	act, rest := s.Act.Years[len(s.Act.Years)-1].Cumulative.Mean, s.Rest.Years[len(s.Rest.Years)-1].Cumulative.Mean
	who := joinAnd(s.Acting) + ", which the strategy changes,"
	verb := SavingVerb(act, len(s.Acting) > 1)
	others := fmt.Sprintf("the %d other councils", s.Others)
	if s.Others == 1 {
		others = "the other council"
	}
	// The others share the acting councils' verb unless their figure goes the other way.
	restVerb := ""
	if losing(rest) != losing(act) {
		restVerb = SavingVerb(rest, s.Others > 1) + " "
	}
	return fmt.Sprintf("Of the region's net saving over the run, %s %s %s, and %s, %s, %s%s.", who, verb, say(s.Act), others, s.othersHow(), restVerb, say(s.Rest))
}

// SavingVerb words a net saving of v pounds: "saves" when it is a saving (or none), "loses"
// when it is negative, in the plural ("save", "lose") for more than one council. The amount
// that follows a loss is written without its sign: "loses £38.9m", not "saves -£38.9m".
func SavingVerb(v float64, plural bool) string {
	switch {
	case losing(v) && plural:
		return "lose"
	case losing(v):
		return "loses"
	case plural:
		return "save"
	}
	return "saves"
}

// losing reports whether a net saving of v pounds is a loss that shows when written in
// pounds: one that rounds to £0 is none.
func losing(v float64) bool { return v <= -0.5 }

// WriteRegionCase writes the business case nc of name, a council of the region or
// sim.RegionTotal, as business_case.csv gives it (sim.WriteNetCase with a header), and after
// the region's own the split between the councils that act and the others when there is one.
func WriteRegionCase(w io.Writer, name string, nc *sim.NetCase, split *RegionSplit) error {
	if err := sim.WriteNetCase(w, nc, true); err != nil {
		return err
	}
	if name == sim.RegionTotal && split != nil {
		return sim.WriteNetSplit(w, split.Act, split.Rest)
	}
	return nil
}
