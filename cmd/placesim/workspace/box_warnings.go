package workspace

import (
	"errors"
	"fmt"
	"math"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// schemeThresholdPercent is the National Transfer Scheme's threshold since August 2022, as a
// percentage of the area's children (the threshold box's unit).
const schemeThresholdPercent = 0.1

// boxWarnings returns the scenario's warnings as the page says them: those of its own file
// (fileLabel) about a value a box shows in other units than the file's, said in the box's
// units (the National Transfer Scheme threshold in % of children, the step-down programme in
// % of reviews, where the file has a share and a factor); a threshold box's value that looks
// like a share typed as a percentage; and the rest as placesim validate says them. s is the
// scenario the file makes (nil when it has problems: the warnings are then as validate says
// them) and base its baseline.
func boxWarnings(warnings []error, fileLabel string, base, s *model.Scenario, levers []*lever) []string {
	var out []string
	label := func(id string) string {
		for _, l := range levers {
			if l.ID == id {
				return l.Label
			}
		}
		return ""
	}
	for _, w := range warnings {
		var se *scenarios.Error
		if s != nil && errors.As(w, &se) && se.File == fileLabel {
			field := se.ScenarioField()
			if field == "uasc.transfer_threshold_share" && label("nts") != "" {
				if text := thresholdBoxWarning(s); text != "" {
					out = append(out, label("nts")+": "+text)
				}
				continue
			}
			if i := interventionIndex(field); i >= len(base.Interventions) && field == fmt.Sprintf("interventions[%d].factor", i) && label("stepdown") != "" {
				if text, ok := stepdownBoxWarning(base, s, i); ok {
					out = append(out, label("stepdown")+": "+text)
					continue
				}
			}
		}
		out = append(out, w.Error())
	}
	// A share typed in the inflation box, which takes a percentage: 0.03 for 3%, where the
	// baseline's is at least 0.5%.
	if s != nil && label("inflation") != "" {
		if in := s.InflationPerYear; in != base.InflationPerYear && in > 0 && 100*in < 0.5 && 100*base.InflationPerYear >= 0.5 {
			out = append(out, fmt.Sprintf("%s: %s%% a year; the box takes a percentage: %s is %s%%",
				label("inflation"), showValue(in, fmtPercent), formatNumber(roundTo(100*base.InflationPerYear, 8)), formatNumber(roundTo(100*base.InflationPerYear, 8))))
		}
	}
	// A share typed in the threshold box, which takes a percentage: 0.0007 for 0.07%.
	if s == nil || label("nts") == "" {
		return out
	}
	if th := s.UASC.TransferThresholdShare; th != base.UASC.TransferThresholdShare && th > 0 && 100*th <= schemeThresholdPercent/100 {
		out = append(out, fmt.Sprintf("%s: %s%% of children is %s; the scheme's threshold is %s%%, or 0.07%% before August 2022: the box takes a percentage, not a share",
			label("nts"), showValue(th, fmtPercent), children(th*float64(s.ChildPopulation)), formatNumber(schemeThresholdPercent)))
	}
	return out
}

// thresholdBoxWarning says, in the threshold box's units, that s's National Transfer Scheme
// threshold is never reached: "7% of children is 10,500 children, more than the 724 UASC who
// could ever be in care; ..."; "" when it can be.
func thresholdBoxWarning(s *model.Scenario) string {
	th := s.UASC.TransferThresholdShare
	stock, arrive := s.UASCEverInCare()
	n := th * float64(s.ChildPopulation)
	if th*100 <= schemeThresholdPercent || n <= stock+arrive {
		return ""
	}
	return fmt.Sprintf("%s%% of children is %s, more than the %s UASC who could ever be in care (%s at the start and %s expected to arrive, were none to leave), so it is never reached; the scheme's threshold is %s%%, or 0.07%% before August 2022",
		showValue(th, fmtPercent), children(n), commas(math.Round(stock+arrive)), commas(math.Round(stock)), commas(math.Round(arrive)), formatNumber(schemeThresholdPercent))
}

// stepdownBoxWarning says, in the step-down box's units, that the programme of s's
// intervention i lifts a chance of being ready to step down above 1, and the largest share
// the box takes that keeps every chance at most 1; false when it does not, or the box does
// not show it (no baseline share to scale).
func stepdownBoxWarning(base, s *model.Scenario, i int) (string, bool) {
	off := base.StepDown.ReadyShare[model.NeedStandard]
	c, ok := s.StepDownCeiling(i)
	if !ok || off <= 0 || s.Interventions[i].Action != model.StepDownRate {
		return "", false
	}
	most := math.Floor(c.MostFactor*off*100*10) / 10
	return fmt.Sprintf("%s%% of reviews lifts %s to %s, more than 1: a chance stops at 1, so every review then finds every such child ready to step down, whatever the share above %s%%: give at most %s%% of reviews to keep it a chance",
		showValue(s.Interventions[i].Factor*off, fmtPercent), c.Where, formatNumber(math.Round(c.Lifted*1e4)/1e4), formatNumber(most), formatNumber(most)), true
}

// children is "1 child" or "10,500 children", n rounded.
func children(n float64) string {
	n = math.Round(n)
	if n == 1 {
		return "1 child"
	}
	return commas(n) + " children"
}
