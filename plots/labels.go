package plots

import (
	"strconv"
	"strings"
)

// kpiLabels names the KPIs a comparison or a sweep is usually about.
var kpiLabels = map[string]string{
	"cost_total":                    "Spending",
	"children_in_care":              "Children in care",
	"occupied_ifa":                  "Children with agency foster carers",
	"occupied_inhouse_foster":       "Children with in-house foster carers",
	"occupied_inhouse_home":         "In-house children's homes",
	"occupied_block_residential":    "Block-contracted beds",
	"occupied_external_residential": "External children's homes",
	"emergency_placements":          "Emergency placements",
	"first_choice_share":            "Children placed in their first choice",
	"carer_households_end":          "In-house carer households",
	"placed_distant_share":          "Children placed more than 20 miles away",
	"approvals":                     "Carer households approved",
	"deregistrations":               "Carer households deregistered",
	"gap_need_inhouse_foster":       "Children who need in-house foster care",
	"gap_waiting_inhouse_foster":    "Children waiting for in-house foster care",
	"gap_empty_inhouse_foster":      "Empty in-house foster places",
}

// KPILabel returns a KPI's name in plain English: "cost_total" is "Spending".
func KPILabel(kpi string) string {
	if l, ok := kpiLabels[kpi]; ok {
		return l
	}
	return strings.ReplaceAll(kpi, "_", " ")
}

// isMoney reports whether a KPI is in pounds.
func isMoney(kpi string) bool { return strings.HasPrefix(kpi, "cost_") }

// isShare reports whether a KPI is a share (0-1).
func isShare(kpi string) bool { return strings.HasSuffix(kpi, "_share") }

// formatKPI writes a value of kpi as a board paper would.
func formatKPI(kpi string, v float64) string {
	switch {
	case isMoney(kpi):
		return formatMoney(v)
	case isShare(kpi):
		return formatShare(v)
	}
	return formatCount(v)
}

// intervalText writes an interval level for a legend: 0.9 is "90% interval".
func intervalText(level float64) string {
	if level <= 0 || level >= 1 {
		return "interval"
	}
	return strconv.FormatFloat(100*level, 'f', -1, 64) + "% interval"
}
