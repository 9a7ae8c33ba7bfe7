package scenarios

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
)

// SchemaURL is where the JSON Schema of scenario files is published: the file
// scenarios/scenario.schema.json of placesim's main branch, which Schema writes and a test keeps
// up to date. Editors that read the yaml-language-server comment (VS Code with Red Hat's YAML
// extension, Neovim and Helix with yaml-language-server, JetBrains IDEs) fetch it from there.
const SchemaURL = "https://raw.githubusercontent.com/placesim/placesim/main/scenarios/scenario.schema.json"

// SchemaComment is the first line Encode writes: it tells yaml-language-server, and so the
// editors built on it, which schema the file follows, for completion and checking as one types.
const SchemaComment = "# yaml-language-server: $schema=" + SchemaURL

// readme is the scenario-file reference, whose tables give the schema its descriptions, units
// and defaults.
//
//go:embed README.md
var readme string

// WriteSchema writes the JSON Schema (draft-07) of scenario files on w, generated from the file
// structs: every key with its type, its range from model.Limits and, from the reference
// (scenarios/README.md), its unit, default and meaning. It is strict as Parse is: a key that is
// not a field is an error. It checks a file's shape and each value's range; what depends on
// several fields (shares summing to 1, a kind named in a ladder existing) is for placesim
// validate.
func WriteSchema(w io.Writer) error {
	s, err := schema()
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// obj is a JSON object whose keys encoding/json writes sorted, so the schema is the same bytes
// every time.
type jobj = map[string]any

// fieldDoc is one row of a field table of the reference.
type fieldDoc struct{ unit, def, meaning string }

// schemaGen holds what the generator reads: the reference's rows by field path, the actions
// that read each intervention field, and the ranges by field path.
type schemaGen struct {
	docs    map[string]fieldDoc
	actions map[string][]string
	limits  map[string]model.Limit
	// actionLimits is, by field path, the range of the field for each action that has one of
	// its own (interventions[].count of open_home: 1-100 beds).
	actionLimits map[string]map[string]model.Limit
	missing      []string
	// parts is the headings of the reference the generator reads (referenceParts, or
	// regionParts).
	parts map[string][]string
	// scenario, for the region generator, is the scenario generator: a council's
	// interventions, and the costs of the region's, read as the scenario reference has them.
	scenario *schemaGen
}

func schema() (jobj, error) {
	g := newSchemaGen(referenceParts, model.Limits())
	root := g.object(reflect.TypeFor[fileScenario](), "")
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = SchemaURL
	root["title"] = "placesim scenario"
	root["description"] = "A placesim scenario: one council and one strategy. Reference: " +
		"https://github.com/placesim/placesim/blob/main/scenarios/README.md; check a file with placesim validate."
	root["type"] = "object"
	// start, kinds and ladders may not be left empty, even over the file extended: validate
	// refuses a null there (no start, no kinds, no ladders), and an empty list of ladders.
	notNullFields(root, "start", "kinds", "ladders")
	root["properties"].(jobj)["ladders"].(jobj)["minItems"] = 1
	// A file of its own, extending none, gives its start, kinds and ladders.
	root["if"] = extendsNone
	root["then"] = jobj{
		"required": []string{"start", "kinds", "ladders"},
		"properties": jobj{
			"start":   jobj{"type": "string", "errorMessage": "start must be given in a file that extends none"},
			"kinds":   jobj{"type": "array", "minItems": 1, "errorMessage": "a file that extends none lists at least one provision kind"},
			"ladders": jobj{"type": "array", "minItems": 1, "errorMessage": "a file that extends none lists at least one ladder"},
		},
	}
	if len(g.missing) > 0 {
		return nil, fmt.Errorf("scenarios: schema: no description in README.md for %s", strings.Join(g.missing, ", "))
	}
	return root, nil
}

// extendsNone holds of a file that extends none: one without extends, or with extends left
// empty (extends: ~), which validate reads as no extends, as it reads any field left empty.
var extendsNone = jobj{"not": jobj{"required": []string{"extends"}, "properties": jobj{"extends": jobj{"not": jobj{"type": "null"}}}}}

// newSchemaGen returns a generator that reads the reference's tables under the headings of
// parts, with the ranges of limits.
func newSchemaGen(parts map[string][]string, limits []model.Limit) *schemaGen {
	g := &schemaGen{docs: map[string]fieldDoc{}, actions: map[string][]string{}, limits: map[string]model.Limit{},
		actionLimits: map[string]map[string]model.Limit{}, parts: parts}
	g.readReference()
	for _, l := range limits {
		field, action, perAction := strings.Cut(l.Field, " (")
		if perAction {
			if g.actionLimits[field] == nil {
				g.actionLimits[field] = map[string]model.Limit{}
			}
			g.actionLimits[field][strings.TrimSuffix(action, ")")] = l
		}
		if old, ok := g.limits[field]; ok { // per_year and count: the widest range of any action
			if old.Min < l.Min || old.Min == l.Min && !old.MinExcluded {
				l.Min, l.MinExcluded = old.Min, old.MinExcluded
			}
			if old.Max > l.Max || old.Max == l.Max && !old.MaxExcluded {
				l.Max, l.MaxExcluded = old.Max, old.MaxExcluded
			}
			if old.Unit != l.Unit {
				l.Unit = ""
			}
		}
		g.limits[field] = l
	}
	for _, l := range shareLimits {
		if _, ok := g.limits[l.Field]; !ok {
			g.limits[l.Field] = l
		}
	}
	return g
}

// shareLimits are the shares validate holds between 0 and 1 that model.Limits does not list.
var shareLimits = []model.Limit{
	{Field: "step_down.ease_share", Min: 0, Max: 1, Unit: "share"},
	{Field: "ladders[].shares[]", Min: 0, Max: 1, Unit: "share"},
}

// The headings of the reference whose field tables describe a part of the file, and the path of
// that part for each of its tables in order ("[]" an item of a list).
var referenceParts = map[string][]string{
	"Top level":             {""},
	"entries":               {"entries", "entries.ages[]"},
	"uasc":                  {"uasc"},
	"stock":                 {"stock[]"},
	"stays and stock_stays": {"stays[]"},
	"staying_put":           {"staying_put"},
	"care_leavers":          {"care_leavers"},
	"kinds":                 {"kinds[]"},
	"carers":                {"kinds[].carers"},
	"homes and block_beds":  {"kinds[].homes[]", "kinds[].block_beds[]"},
	"ladders":               {"ladders[]"},
	"try_first":             {"try_first[]"},
	"emergency":             {"emergency"},
	"step_down":             {"step_down"},
	"escalation_by_age":     {"escalation_by_age[]"},
	"interventions":         {"interventions[]"},
	"cost":                  {"interventions[].cost"},
}

var (
	headingRE = regexp.MustCompile(`^#{3,4} (.+)$`)
	codeRE    = regexp.MustCompile("`([a-z_]+)`(★?)")
)

// readReference reads the field tables and the table of actions of the reference.
func (g *schemaGen) readReference() {
	var heading string
	tables := 0
	inTable, actionTable := false, false
	for line := range strings.SplitSeq(readme, "\n") {
		if m := headingRE.FindStringSubmatch(line); m != nil {
			heading, tables = m[1], 0
			continue
		}
		if !strings.HasPrefix(line, "|") {
			inTable, actionTable = false, false
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case line == "| field | unit | default | meaning |":
			inTable = true
			tables++
			continue
		case line == "| `action` | fields | meaning |":
			actionTable = g.parts[heading] != nil
			continue
		case strings.HasPrefix(line, "|---"):
			continue
		}
		if actionTable && len(cells) == 3 {
			action := strings.Trim(cells[0], "`")
			for _, m := range codeRE.FindAllStringSubmatch(cells[1], -1) {
				a := action
				if m[2] != "" {
					a += " (required)"
				}
				g.actions[m[1]] = append(g.actions[m[1]], a)
			}
		}
		parts := g.parts[heading]
		if !inTable || len(cells) != 4 || tables > len(parts) {
			continue
		}
		field := strings.Trim(cells[0], "`")
		g.docs[join(parts[tables-1], field)] = fieldDoc{unit: cells[1], def: cells[2], meaning: cells[3]}
	}
}

// Descriptions of the fields of parts the reference describes in prose rather than in a field
// table, by the file struct and key.
var prose = map[string]fieldDoc{
	"fileEntries.siblings":      {meaning: "children who arrive with brothers or sisters: share and mean_group_size"},
	"fileCarers.retirement":     {meaning: "deregistration that rises with the main carer's age: from_age, per_year and increase_per_year_of_age"},
	"fileSelector.ages":         {unit: "age band", def: "0-17", meaning: "the children's ages, 12-17 or 16"},
	"fileSelector.needs":        {unit: "need or list of needs", def: "every need", meaning: "standard, complex or solo, or a list of them"},
	"fileSelector.uasc":         {def: "any", meaning: "only selects unaccompanied asylum-seeking children, not the others, any both"},
	"fileDist.distribution":     {def: "exponential", meaning: "the family of durations: exponential, gamma, lognormal, empirical or fixed"},
	"fileDist.mean_days":        {unit: "days", meaning: "the mean duration (exponential, gamma, lognormal, fixed)"},
	"fileDist.shape":            {unit: "gamma shape", meaning: "gamma only: the shape (1 is exponential)"},
	"fileDist.sigma":            {unit: "log-scale standard deviation", meaning: "lognormal only: the standard deviation of the log of durations"},
	"fileDist.table":            {unit: "list of {up_to_days, share}", meaning: "empirical only: a share of durations in each band, uniform within it, bands increasing from 0"},
	"fileBin.up_to_days":        {unit: "days", meaning: "the band's upper end"},
	"fileBin.share":             {unit: "share", meaning: "share of durations in the band; the shares sum to 1"},
	"fileApproval.ages":         {unit: "age band", meaning: "the children's ages the households are approved for"},
	"fileApproval.share":        {unit: "share", meaning: "share of households approved for those ages"},
	"fileCarerAge.ages":         {unit: "age band", meaning: "main carers' ages, within 18-100"},
	"fileCarerAge.share":        {unit: "share", meaning: "share of households whose main carer is of those ages"},
	"fileIntervention.kind":     {unit: "kind name", meaning: "the provision kind the intervention acts on (breakdown_rate: every kind when left out)"},
	"fileIntervention.per_year": {unit: "a year", meaning: "approvals a year (extra_approvals) or arrivals a year (uasc_surge) added"},
	"fileIntervention.count":    {unit: "households, beds or places", meaning: "households added, beds opened or contracted, the market's cap or care leavers' places (0 lifts it)"},
	"fileIntervention.factor":   {unit: "times", meaning: "the multiplier of the rate or price the action changes"},
	"fileIntervention.retention_factor": {unit: "times", def: "1",
		meaning: "allowance_uplift: multiplies the pool's deregistration rates"},
	"fileIntervention.weekly_gbp": {unit: "£ a week", def: "0", meaning: "allowance_uplift: added to the weekly price of a child placed in the kind"},
	"fileIntervention.fixed_cost_per_year_gbp": {unit: "£ a year", def: "0",
		meaning: "open_home: the home's yearly running cost; block_beds: the cost of a bed a year"},
	"fileIntervention.recruitment_cost_gbp": {unit: "£ an approval", def: "the pool's", meaning: "extra_approvals: recruiting and assessing one household"},
	"fileIntervention.lead_time_days":       {unit: "days", def: "0", meaning: "open_home: time from the decision to the home opening"},
	"fileIntervention.local":                {unit: "true/false", def: "true", meaning: "open_home, block_beds: whether the beds are within 20 miles"},
	"fileIntervention.name":                 {meaning: "open_home: the new home's name, new to its kind; close_home: the home to close, after it opens"},
	"fileIntervention.rate":                 {unit: "share a year", meaning: "inflation: the new inflation_per_year"},
	"fileIntervention.first_year_breakdown_per_year": {unit: "a year", def: "step_down's",
		meaning: "stepdown_rate: the breakdown rate, for its first year, of a placement a child steps down into while the intervention is in force"},
	"fileIntervention.who": {unit: "selector", def: "every child",
		meaning: "entry_rate: the children whose entry rate it changes, by ages at entry and needs (never UASC)"},
	"fileSize.children_in_care": {unit: "children", meaning: "the council's children in care at the start, to which its scenario is scaled"},
}

// Aliases of parts that read as another part of the reference.
var referenceAliases = []struct{ from, to string }{
	{"uasc.ages[]", "entries.ages[]"},
	{"stock_stays[]", "stays[]"},
	{"kinds[].carers.new_carer_ages[]", "kinds[].carers.ages[]"},
	{"staying_put.stay", "stays[].stay"},
	{"care_leavers.stay", "stays[].stay"},
	// A region's provider_open: the new provider's fields, beside the action, have the ranges
	// of a market's providers.
	{"interventions[].growth_per_year", "markets[].providers[].growth_per_year"},
	{"interventions[].max_miles", "markets[].providers[].max_miles"},
	{"interventions[].price_factor", "markets[].providers[].price_factor"},
	{"interventions[].over_20_miles_share", "markets[].providers[].over_20_miles_share"},
}

// alias returns p with the first alias prefix that matches replaced, or p.
func alias(p string) string {
	for _, a := range referenceAliases {
		if p == a.from || strings.HasPrefix(p, a.from+".") {
			return a.to + strings.TrimPrefix(p, a.from)
		}
	}
	return p
}

// object returns the schema of the mapping of struct type typ at path p.
func (g *schemaGen) object(typ reflect.Type, p string) jobj {
	props := jobj{}
	fi := fieldsOf(typ)
	for _, key := range fi.keys {
		kp := join(p, key)
		s := g.field(fi.types[key], kp, key)
		doc, ok := g.docs[kp]
		if !ok {
			doc, ok = g.docs[alias(kp)]
		}
		if !ok {
			doc, ok = prose[typ.Name()+"."+key]
		}
		if sp, in := g.scenarioPath(kp); !ok && in {
			doc, ok = g.scenario.docs[sp]
			if !ok {
				doc, ok = g.scenario.docs[alias(sp)]
			}
		}
		if !ok {
			g.missing = append(g.missing, kp)
		}
		if m, ok := strings.CutSuffix(linkRE.ReplaceAllString(doc.meaning, "$1"), ", below"); ok {
			// The reference's table of the part, further on, which an editor does not show:
			// its keys, in its place.
			doc.meaning = m + ": " + strings.Join(structKeys(fi.types[key]), ", ")
		}
		s["description"] = g.describe(kp, g.hover(kp, doc))
		props[key] = s
	}
	return jobj{"type": []string{"object", "null"}, "properties": props, "additionalProperties": false}
}

// structKeys returns the keys of the mapping of type typ, or of each item of a list of them.
func structKeys(typ reflect.Type) []string {
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct {
		return nil
	}
	return fieldsOf(typ).keys
}

// describe writes a field's description: its meaning, unit, default, range and, for an
// intervention's field, the actions that read it.
func (g *schemaGen) describe(p string, d fieldDoc) string {
	var b strings.Builder
	b.WriteString(d.meaning)
	if d.unit != "" {
		fmt.Fprintf(&b, ". Unit: %s", d.unit)
	}
	if d.def != "" {
		fmt.Fprintf(&b, ". Default: %s", d.def)
	}
	if l, ok := g.limit(p); ok {
		fmt.Fprintf(&b, ". Range: %s", l.Range())
	}
	actions, q := g.actions, p
	if sp, in := g.scenarioPath(p); in {
		actions, q = g.scenario.actions, sp
	}
	if strings.HasPrefix(q, "interventions[].") && strings.Count(q, ".") == 1 {
		if as := actions[strings.TrimPrefix(q, "interventions[].")]; len(as) > 0 {
			fmt.Fprintf(&b, ". Read by: %s", strings.Join(as, ", "))
		}
	}
	return linkRE.ReplaceAllString(strings.ReplaceAll(b.String(), "`", ""), "$1")
}

// linkRE is a link of the reference to one of its sections, which a description shows as text.
var linkRE = regexp.MustCompile(`\[([^\]]+)\]\(#[^)]*\)`)

// limit returns the range of the field at path p, or of a field p reads as.
func (g *schemaGen) limit(p string) (model.Limit, bool) {
	if l, ok := g.limits[p]; ok {
		return l, true
	}
	if l, ok := g.limits[alias(p)]; ok {
		return l, true
	}
	if sp, in := g.scenarioPath(p); in {
		return g.scenario.limit(sp)
	}
	return model.Limit{}, false
}

// scenarioPath returns, for the region generator, the path in a scenario file of a field of
// a region file that the scenario reference describes: a council's interventions
// ("councils[].interventions[].kind" is "interventions[].kind") and the costs of the region's
// interventions.
func (g *schemaGen) scenarioPath(p string) (string, bool) {
	if g.scenario == nil {
		return "", false
	}
	if rest, ok := strings.CutPrefix(p, "councils[]."); ok && (rest == "interventions" || strings.HasPrefix(rest, "interventions[]")) {
		return rest, true
	}
	if p == "interventions[].cost" || strings.HasPrefix(p, "interventions[].cost.") {
		return p, true
	}
	return "", false
}

// field returns the schema of a field of type typ at path p, whose key is key.
func (g *schemaGen) field(typ reflect.Type, p, key string) jobj {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch typ {
	case reflect.TypeFor[number]():
		return g.ranged(jobj{"type": []string{"number", "null"}}, p)
	case reflect.TypeFor[count]():
		s := g.ranged(jobj{"type": []string{"integer", "null"}}, p)
		if key == "capacity_places" {
			return jobj{"anyOf": []any{s, jobj{"const": "unlimited"}}}
		}
		return s
	case reflect.TypeFor[text]():
		s := jobj{"type": []string{"string", "null"}}
		if g.scenario != nil && p == "interventions[].action" {
			s["enum"] = append(anys(regionActionNames), nil)
		} else if e := textEnum(key); e != nil && !strings.HasSuffix(p, "].name") {
			s["enum"] = append(e, nil)
		} else {
			// Free text: validate reads a number or true or false written there (name: 2030)
			// as its text.
			s["type"] = []string{"string", "number", "boolean", "null"}
		}
		return s
	case reflect.TypeFor[date]():
		switch p {
		case "start":
			return jobj{"type": []string{"string", "null"}, "pattern": startPattern}
		case "prices_at":
			return jobj{"type": []string{"string", "null"}, "pattern": aprilPattern}
		}
		return jobj{"type": []string{"string", "null"}, "pattern": datePattern}
	case reflect.TypeFor[days]():
		return g.withUnits(p, daysPattern)
	case reflect.TypeFor[gbp]():
		return g.withUnits(p, moneyPattern)
	case reflect.TypeFor[boolean]():
		return jobj{"type": []string{"boolean", "null"}}
	case reflect.TypeFor[band]():
		lo, hi := 0, 17 // children's ages
		if strings.Contains(p, ".carers.ages[]") || strings.Contains(p, ".carers.new_carer_ages[]") {
			lo, hi = 18, 100 // main carers' ages
		}
		return jobj{"anyOf": []any{
			jobj{"type": "integer", "minimum": lo, "maximum": hi},
			jobj{"type": "string", "pattern": bandPattern(lo, hi)},
			jobj{"type": "null"},
		}}
	case reflect.TypeFor[names]():
		one := jobj{"type": []string{"string", "number"}} // a kind named 2030 is text, as validate reads it
		switch key {
		case "needs":
			one = jobj{"type": "string", "enum": needNames}
		case "set": // PATH=VALUE
			one = jobj{"type": "string"}
		}
		return jobj{"anyOf": []any{one, jobj{"type": "array", "items": one}, jobj{"type": "null"}}}
	case reflect.TypeFor[shares]():
		return g.shares(p, key)
	case reflect.TypeFor[perNeed]():
		byNeed := g.keyed(p, needNames, "<need>")
		one := g.ranged(jobj{"type": "number"}, p+".<need>")
		if _, ok := g.limit(p + ".<need>"); !ok {
			one = g.ranged(one, p)
		}
		if !strings.HasSuffix(key, "_gbp") {
			return jobj{"anyOf": []any{one, byNeed, jobj{"type": "null"}}}
		}
		// A need left empty is a need left out.
		// A price, as one sum or by need, is a number or money text, as every *_gbp field.
		money := jobj{"type": "string", "pattern": moneyPattern}
		props := byNeed["properties"].(jobj)
		for n, v := range props {
			num := v.(jobj)
			d := num["description"]
			delete(num, "description")
			num["type"] = "number"
			props[n] = jobj{"anyOf": []any{num, money, jobj{"type": "null"}}, "description": d}
		}
		return jobj{"anyOf": []any{one, money, byNeed, jobj{"type": "null"}}}
	}
	switch typ.Kind() {
	case reflect.Struct:
		return g.object(typ, p)
	case reflect.Slice:
		// An empty list item is refused ("list item is empty"), unlike an empty field.
		items := notNull(g.field(typ.Elem(), p+"[]", key))
		switch typ.Elem() {
		case reflect.TypeFor[fileIntervention]():
			g.byAction(items, typ.Elem(), p+"[]", "from", scenarioActionRules(), []string{"label", "baseline", "cost"})
		case reflect.TypeFor[fileRegionIntervention]():
			g.byAction(items, typ.Elem(), p+"[]", "on", regionActionRules(), []string{"name", "cost"})
		}
		s := jobj{"type": []string{"array", "null"}, "items": items}
		if l, ok := g.limit(p); ok && l.Unit != "share" {
			s["maxItems"] = int(l.Max)
		}
		if key == "seasonality" {
			s["minItems"], s["maxItems"] = 12, 12
		}
		return s
	}
	panic(fmt.Sprintf("scenarios: schema: field %s of type %s has no schema", p, typ))
}

// notNullFields takes null from the types of the fields keys of object schema root.
func notNullFields(root jobj, keys ...string) {
	props := root["properties"].(jobj)
	for _, k := range keys {
		props[k] = notNull(props[k].(jobj))
	}
}

// notNull returns schema s without null among its types: a list item, which may not be empty.
func notNull(s jobj) jobj {
	if ts, ok := s["type"].([]string); ok && len(ts) == 2 && ts[1] == "null" {
		s["type"] = ts[0]
	} else if ts, ok := s["type"].([]string); ok && len(ts) > 2 && ts[len(ts)-1] == "null" {
		s["type"] = ts[:len(ts)-1]
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var kept []any
		for _, a := range alts {
			if a, ok := a.(jobj); !ok || a["type"] != "null" {
				kept = append(kept, a)
			}
		}
		s["anyOf"] = kept
	}
	if e, ok := s["enum"].([]any); ok && len(e) > 0 && e[len(e)-1] == nil {
		s["enum"] = e[:len(e)-1]
	}
	return s
}

// daysPattern is a duration written as text: "273", "39 weeks", "8 Months", "2 YEARS", read
// as ParseDays reads it, its unit in any case.
const daysPattern = `^\s*(-?[0-9]+(\.[0-9]*)?|-?\.[0-9]+)\s*([Dd][Aa][Yy][Ss]?|[Ww][Ee][Ee][Kk][Ss]?|[Mm][Oo][Nn][Tt][Hh][Ss]?|[Yy][Ee][Aa][Rr][Ss]?)?\s*$`

// monthDay is the month and day of a date that exists in every year (February 29 apart).
const monthDay = `((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))`

// datePattern is a date that exists, 2027-04-01, as time.Parse reads it: February 29 only in
// a leap year.
const datePattern = `^\s*([0-9]{4}-` + monthDay + `|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29)\s*$`

// startPattern is a date between model.EarliestStart and model.LatestStart, 2000-01-01 and
// 2100-12-31, that exists.
const startPattern = `^\s*((20[0-9]{2}|2100)-` + monthDay + `|20(0[048]|[2468][048]|[13579][26])-02-29)\s*$`

// aprilPattern is 1 April of a year, as prices_at takes (validate also holds it within
// model.MaxPricesAtYears of the start).
const aprilPattern = `^\s*[0-9]{4}-04-01\s*$`

// bandPattern is an age band "FROM-TO" or "AGE" of whole years within lo-hi with FROM <= TO,
// as validate reads it (spaces around the numbers and the dash, leading zeros): for each FROM,
// the TOs from it to hi.
func bandPattern(lo, hi int) string {
	var alts []string
	for from := lo; from <= hi; from++ {
		alts = append(alts, fmt.Sprintf(`0*%d(\s*-\s*0*(%s))?`, from, rangeRE(from, hi)))
	}
	return `^\s*(` + strings.Join(alts, "|") + `)\s*$`
}

// rangeRE is a regular expression of the whole numbers from lo to hi, written without leading
// zeros.
func rangeRE(lo, hi int) string {
	var alts []string
	for lo <= hi {
		// The numbers of lo's number of digits.
		top := 9
		for top < lo {
			top = top*10 + 9
		}
		alts = append(alts, sameLength(strconv.Itoa(lo), strconv.Itoa(min(hi, top)))...)
		lo = top + 1
	}
	return strings.Join(alts, "|")
}

// sameLength is the alternatives of a regular expression of the numbers from a to b, written
// with the same number of digits.
func sameLength(a, b string) []string {
	if a == b {
		return []string{a}
	}
	if len(a) == 1 {
		return []string{"[" + a + "-" + b + "]"}
	}
	if a[0] == b[0] {
		inner := sameLength(a[1:], b[1:])
		if len(inner) == 1 {
			return []string{a[:1] + inner[0]}
		}
		return []string{a[:1] + "(" + strings.Join(inner, "|") + ")"}
	}
	n := len(a) - 1
	zeros, nines := strings.Repeat("0", n), strings.Repeat("9", n)
	var out []string
	lo, hi := a[0], b[0]
	if a[1:] != zeros {
		out = append(out, sameLength(a, a[:1]+nines)...)
		lo++
	}
	last := []string(nil)
	if b[1:] != nines {
		last = sameLength(b[:1]+zeros, b)
		hi--
	}
	if lo <= hi {
		d := string(lo)
		if lo < hi {
			d = "[" + string(lo) + "-" + string(hi) + "]"
		}
		out = append(out, d+strings.Repeat("[0-9]", n))
	}
	return append(out, last...)
}

// moneyPattern is a sum of money written as text: "£951", "£1,250", "12k", "£1.2m".
// It is ParseGBP's rule: "-£5" or "£-5", ".5m", "1.20M"; no + sign.
const moneyPattern = `^\s*(-?\s*£?|£\s*-?)\s*(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]*)?|\.[0-9]+)\s*([kK]|[mM]|[bB][nN])?\s*$`

// textEnum returns the values of a text field that takes one of a fixed set of words, by key,
// or nil.
func textEnum(key string) []any {
	switch key {
	case "distribution":
		return anys(distNames)
	case "action":
		return anys(actionNames)
	case "category":
		return anys(categoryNames)
	case "supply":
		return anys(supplyNames)
	case "uasc":
		return []any{"any", "only", "not"}
	}
	return nil
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// ranged adds the range of the field at path p to s, when it has one.
func (g *schemaGen) ranged(s jobj, p string) jobj {
	if l, ok := g.limit(p); ok {
		bound(s, l)
	}
	return s
}

// bound adds the ends of range l to s: minimum and maximum, or exclusiveMinimum and
// exclusiveMaximum (a number, as draft 7 has it) for an end the range leaves out.
func bound(s jobj, l model.Limit) {
	if l.MinExcluded {
		s["exclusiveMinimum"] = l.Min
	} else {
		s["minimum"] = l.Min
	}
	if l.MaxExcluded {
		s["exclusiveMaximum"] = l.Max
	} else {
		s["maximum"] = l.Max
	}
}

// withUnits is a number in the field's unit, within its range, or a string with a unit that
// pattern matches.
func (g *schemaGen) withUnits(p, pattern string) jobj {
	return jobj{"anyOf": []any{g.ranged(jobj{"type": "number"}, p), jobj{"type": "string", "pattern": pattern}, jobj{"type": "null"}}}
}

// shares is a mapping of names to shares: needs, exit routes or numbers of places.
func (g *schemaGen) shares(p, key string) jobj {
	switch key {
	case "needs":
		return g.keyed(p, needNames, "<need>")
	case "exits":
		return g.keyed(p, exitNames, "<route>")
	case "miles":
		// A region's distances, by the name of the zone they lead to.
		item := g.ranged(jobj{"type": []string{"number", "null"}, "description": "the miles to a place in that zone"}, p+".<zone>")
		return jobj{"type": []string{"object", "null"}, "additionalProperties": item}
	}
	// places_mix: numbers of places from 1 to the most a household may have.
	item := g.ranged(jobj{"type": []string{"number", "null"}, "description": "share of households approved for this number of places"}, p+".<n>")
	return jobj{"type": []string{"object", "null"}, "patternProperties": jobj{`^([1-9]|10)$`: item}, "additionalProperties": false}
}

// keyed is a mapping of the given names to numbers in the range of the path p.placeholder.
func (g *schemaGen) keyed(p string, names []string, placeholder string) jobj {
	props := jobj{}
	l, ok := g.limit(p + "." + placeholder)
	if !ok {
		l, ok = g.limit(p) // step_down.ready_share: one range for the number and each need
	}
	for _, n := range names {
		s := jobj{"type": []string{"number", "null"}, "description": "the value for " + n}
		if ok {
			bound(s, l)
			s["description"] = fmt.Sprintf("the value for %s. Range: %s", n, l.Range())
		}
		props[n] = s
	}
	return jobj{"type": []string{"object", "null"}, "properties": props, "additionalProperties": false}
}
