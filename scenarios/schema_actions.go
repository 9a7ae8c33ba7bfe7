package scenarios

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/placesim/placesim/model"
)

// The parts of the schemas that say, action by action, which fields an intervention reads, and
// the descriptions an editor shows where the reference points to a table further on.

// actionRule is one action and the fields it reads besides those every intervention has; a
// star marks a field it requires.
type actionRule struct {
	name   string
	fields []string
}

// scenarioActionRules are the actions of a scenario's interventions, from ivFields.
func scenarioActionRules() []actionRule {
	var out []actionRule
	for a := model.Action(0); a < model.NumActions; a++ {
		out = append(out, actionRule{a.String(), ivFields[a]})
	}
	return out
}

// regionActionRules are the actions of a region's interventions, from regionIvFields.
func regionActionRules() []actionRule {
	var out []actionRule
	for a := model.ProviderExit; a <= model.PooledBlock; a++ {
		out = append(out, actionRule{a.String(), regionIvFields[a]})
	}
	return out
}

// byAction adds to the schema s of an intervention at path p (of struct type typ, whose fields
// besides always are those actions read) what each action requires: action and the date
// (date: from, or on) are given; under each action, the fields it requires are given and not
// empty, those it does not read are left out or empty, and a field with a range of its own
// for the action (count of open_home: 1-100 beds) has that range. It is draft 7's if/then,
// one for each action.
func (g *schemaGen) byAction(s jobj, typ reflect.Type, p, date string, rules []actionRule, always []string) {
	s["required"] = []string{"action", date}
	for _, key := range []string{"action", date} {
		notNull(s["properties"].(jobj)[key].(jobj))
	}
	var all []string
	for _, key := range fieldsOf(typ).keys {
		if key != "action" && key != date && !contains(always, key) {
			all = append(all, key)
		}
	}
	var allOf []any
	for _, r := range rules {
		var reads, need []string
		for _, f := range r.fields {
			key, required := strings.CutSuffix(f, "*")
			reads = append(reads, key)
			if required {
				need = append(need, key)
			}
		}
		props := jobj{}
		for _, key := range all {
			switch {
			case contains(need, key):
				props[key] = jobj{"not": jobj{"type": "null"}, "errorMessage": fmt.Sprintf("%s must be given for %s", key, r.name)}
			case !contains(reads, key):
				props[key] = jobj{"type": "null",
					"errorMessage": fmt.Sprintf("%s is not used by %s (it reads %s)", key, r.name, strings.Join(reads, ", "))}
			}
			if l, ok := g.actionLimit(p+"."+key, r.name); ok && contains(reads, key) {
				kind := "number"
				if fieldsOf(typ).types[key] == reflect.TypeFor[count]() {
					kind = "integer"
				}
				one := jobj{"type": kind, "description": fmt.Sprintf("%s of %s. Range: %s", key, r.name, l.Range())}
				bound(one, l)
				if contains(need, key) {
					props[key] = one
				} else {
					props[key] = jobj{"anyOf": []any{one, jobj{"type": "null"}}}
				}
			}
		}
		if c := costByAction(r.name); c != nil {
			props["cost"] = c
		}
		then := jobj{"properties": props}
		if len(need) > 0 {
			then["required"] = need
		}
		given := func(key string) jobj {
			return jobj{"required": []string{key}, "properties": jobj{key: jobj{"not": jobj{"type": "null"}}}}
		}
		switch r.name {
		case model.AllowanceUplift.String():
			then["anyOf"] = []any{given("weekly_gbp"), given("retention_factor")}
		case model.UASCSurge.String():
			then["anyOf"] = []any{given("factor"), given("per_year")}
		case model.ExtraApprovals.String():
			// A unit's cost replaces the pool's recruitment cost: not both.
			then["not"] = jobj{"required": []string{"recruitment_cost_gbp", "cost"}, "properties": jobj{
				"recruitment_cost_gbp": nonZeroGBP(),
				"cost":                 jobj{"required": []string{"per_unit_gbp"}, "properties": jobj{"per_unit_gbp": nonZeroGBP()}},
			}}
		case model.Capacity.String():
			// capacity of care_leavers (when no kind has that name) is care_leaver_places,
			// which reads to.
			delete(props, "to")
			then["if"] = jobj{"not": jobj{"properties": jobj{"kind": jobj{"const": "care_leavers"}}, "required": []string{"kind"}}}
			then["then"] = jobj{"properties": jobj{"to": jobj{"type": "null",
				"errorMessage": "to is not used by capacity (it reads kind, count), but by capacity of care_leavers"}}}
		}
		allOf = append(allOf, jobj{
			"if":   jobj{"type": "object", "properties": jobj{"action": jobj{"const": r.name}}, "required": []string{"action"}},
			"then": then,
		})
	}
	s["allOf"] = allOf
}

// zeroGBP is a sum of money of nothing, or none given: 0, "£0", ~.
func zeroGBP() jobj {
	return jobj{"anyOf": []any{jobj{"enum": []any{0, nil}}, jobj{"type": "string", "pattern": `^\s*[+-]?\s*£?\s*0+(\.0+)?\s*([kK]|[mM]|[bB][nN])?\s*$`}}}
}

// nonZeroGBP is a sum of money given and not nothing.
func nonZeroGBP() jobj { return jobj{"not": zeroGBP()} }

// costByAction returns what the cost of an intervention of the action may hold, beyond what
// every cost may, or nil: an action that serves no unit has no per_unit_gbp; only entry_rate
// has units_per_year, and it requires them with per_unit_gbp.
func costByAction(action string) jobj {
	props := jobj{}
	a, err := model.ParseAction(action)
	if err != nil { // a region action: only provider_exit serves no unit
		if action != model.ProviderExit.String() {
			return nil
		}
		props["per_unit_gbp"] = withMessage(zeroGBP(), "provider_exit serves no unit (give one_off_gbp or per_year_gbp)")
		return jobj{"properties": props}
	}
	if _, ok := a.CostUnit(); !ok {
		props["per_unit_gbp"] = withMessage(zeroGBP(), action+" serves no unit a programme pays for (give one_off_gbp or per_year_gbp)")
	}
	if a != model.EntryRate {
		props["units_per_year"] = jobj{"enum": []any{0, nil}, "errorMessage": "units_per_year is only for entry_rate"}
		return jobj{"properties": props}
	}
	return jobj{"properties": props,
		"if": jobj{"required": []string{"per_unit_gbp"}, "properties": jobj{"per_unit_gbp": nonZeroGBP()}},
		"then": jobj{"required": []string{"units_per_year"}, "properties": jobj{"units_per_year": jobj{"not": jobj{"enum": []any{0, nil}},
			"errorMessage": "units_per_year must be given with per_unit_gbp for entry_rate"}}},
	}
}

// withMessage returns s with the message an editor shows when a value does not match it.
func withMessage(s jobj, msg string) jobj {
	s["errorMessage"] = msg
	return s
}

// actionLimit returns the range field p has for the action, when it has one of its own.
func (g *schemaGen) actionLimit(p, action string) (model.Limit, bool) {
	q := p
	if sp, in := g.scenarioPath(p); in {
		return g.scenario.actionLimit(sp, action)
	}
	if q == "interventions[].places" && action == model.ProviderOpen.String() {
		l, ok := g.limits["markets[].providers[].places"]
		return l, ok
	}
	l, ok := g.actionLimits[q][action]
	return l, ok
}

// hover returns the reference's row d of the field at path p as an editor shows it, which
// cannot show a table the row points to: what the table says, in its place.
func (g *schemaGen) hover(p string, d fieldDoc) fieldDoc {
	region := g.scenario != nil
	if sp, in := g.scenarioPath(p); in && !strings.HasPrefix(p, "interventions[].cost") {
		p, region = sp, false
	}
	actions := func(rules []actionRule) string {
		var b []string
		for _, r := range rules {
			b = append(b, fmt.Sprintf("%s (%s)", r.name, strings.ReplaceAll(strings.Join(r.fields, ", "), "*", "★")))
		}
		return strings.Join(b, "; ")
	}
	switch {
	case !region && p == "emergency":
		d.meaning = "the placement of last resort, when no place of a child's ladder is free: weekly_gbp, its price, and retry_days, how often a proper placement is sought again"
		d.def = fmt.Sprintf("weekly_gbp %s, retry_days %s", g.docs["emergency.weekly_gbp"].def, g.docs["emergency.retry_days"].def)
	case !region && p == "interventions[].action":
		d.meaning = "what it does, and so the fields it reads besides label, baseline, from and cost (★ must be given; any other is an error): " + actions(scenarioActionRules())
	case region && p == "interventions[].action":
		d.meaning = "what it does, and so the fields it reads besides name, on and cost (★ must be given; any other is an error): " + actions(regionActionRules())
	case !region && p == "interventions[].cost.per_unit_gbp":
		var units []string
		for a := model.Action(0); a < model.NumActions; a++ {
			if u, ok := a.CostUnit(); ok {
				units = append(units, a.String()+": "+u)
			}
		}
		d.meaning = "paid for each unit the intervention serves (£0-£10,000,000), a unit being, by action, " + strings.Join(units, "; ") +
			"; the other actions serve no unit, and per_unit_gbp is an error for them"
	case region && p == "interventions[].cost.per_unit_gbp":
		d.meaning = "paid for each place opened, resized or contracted, on the intervention's on date (£0-£10,000,000); provider_exit serves no unit"
	case region && p == "extends":
		d.meaning = "a built-in region or a region file to start from (a path relative to this file): mappings merge key by key; zones, councils and each market's providers item by item by name, and markets by kind; interventions are added after the parent's; other lists are replaced; name and description are never inherited"
	case region && p == "markets[].pricing":
		d.meaning = "how the price responds to scarcity: threshold, premium_at_full, urgent_premium and real_growth_per_year"
	case region && p == "markets[].providers":
		d.meaning = "the providers' places by zone: each with its name, zone and places, and growth_per_year, accepts, max_miles, price_factor and over_20_miles_share"
	}
	return d
}
