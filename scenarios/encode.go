package scenarios

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"gopkg.in/yaml.v3"
)

// EncodeOptions says what Encode writes besides the scenario.
type EncodeOptions struct {
	// Header is written first as comment lines, such as the placesim version and seed that
	// produced a run; each line gets a "# ".
	Header string
	// Comments are line comments to write beside fields, by field path ("entries.per_year"),
	// as Resolved.Comments holds them.
	Comments map[string]string
	// Sections are comment paragraphs to write above fields, by field path ("stays"), one
	// comment line a line of text.
	Sections map[string]string
	// Base, when set, makes the file one that extends Base, named by Extends ("default", or a
	// path relative to the file): it writes only what differs from Base, and every field with
	// a comment, so that parsing it with Base where Extends names it gives s; ladders that
	// try_first over Base's makes are written as try_first. Base must have
	// s's provision kinds, in s's order, and s's interventions must begin with Base's.
	Base    *model.Scenario
	Extends string
	// BaseTryFirst, when set with Base, is what Base's try_first does (Resolved.TryFirst),
	// whose items the file inherits and applies over the ladders it writes. Ladders of s that
	// are the file's own followed by Base's are written, as Base's file writes them, as the
	// file's own followed by the ladders Base's items apply to, with a comment above ladders
	// that names the items: loading the file gives the same ladders.
	BaseTryFirst *TryFirst
}

// Encode writes s as a scenario file in the format Parse reads, beginning with SchemaComment
// (so that editors check and complete it against the schema of scenario files), with every field resolved
// (no extends) and written out, so that parsing the output gives a scenario deep-equal to s.
// Distributions write the parameters their family reads, and interventions the fields their
// action reads; Encode fails on a scenario that names a provision kind it does not have.
func Encode(w io.Writer, s *model.Scenario, opt EncodeOptions) error {
	e := &encoder{s: s, comments: opt.Comments, sections: opt.Sections}
	if opt.Base != nil && opt.BaseTryFirst != nil {
		e.inheritTryFirst(opt.Base, opt.BaseTryFirst, opt.Extends)
	}
	root := e.scenario()
	if e.err != nil {
		return e.err
	}
	if opt.Base != nil {
		b := &encoder{s: opt.Base}
		baseRoot := b.scenario()
		if b.err != nil {
			return fmt.Errorf("scenarios: encode: the base: %w", b.err)
		}
		var err error
		if root, err = e.overlay(root, baseRoot, opt.Extends); err != nil {
			return err
		}
		e.keepTryFirst(root, opt.Base)
	}
	if _, err := io.WriteString(w, SchemaComment+"\n"); err != nil {
		return err
	}
	if opt.Header != "" {
		for _, line := range strings.Split(strings.TrimRight(opt.Header, "\n"), "\n") {
			if _, err := io.WriteString(w, strings.TrimRight("# "+line, " ")+"\n"); err != nil {
				return err
			}
		}
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return err
	}
	return enc.Close()
}

type encoder struct {
	s        *model.Scenario
	comments map[string]string
	sections map[string]string
	err      error
}

// obj builds a mapping node at a field path.
type obj struct {
	e    *encoder
	n    *yaml.Node
	path string
}

func (e *encoder) obj(path string, flow bool) *obj {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return &obj{e, n, path}
}

// add sets key to v, with the comment recorded for its path: after the value, or after the
// key when the value is a block mapping or list; none inside a flow mapping, which has no room.
func (o *obj) add(key string, v *yaml.Node) *obj {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	k.HeadComment = commentLines(o.e.sections[join(o.path, key)])
	c := o.e.comments[join(o.path, key)]
	if v.Style == yaml.FlowStyle {
		c = o.e.withSetsWithin(join(o.path, key), c)
	}
	if c != "" && o.n.Style != yaml.FlowStyle {
		if v.Kind == yaml.ScalarNode || v.Style == yaml.FlowStyle {
			v.LineComment = "# " + c
		} else {
			k.LineComment = "# " + c
		}
	}
	o.n.Content = append(o.n.Content, k, v)
	return o
}

func (o *obj) num(key string, f float64) *obj     { return o.add(key, num(f)) }
func (o *obj) int(key string, i int) *obj         { return o.add(key, plain(strconv.Itoa(i))) }
func (o *obj) str(key, s string) *obj             { return o.add(key, str(s)) }
func (o *obj) flag(key string, b bool) *obj       { return o.add(key, plain(strconv.FormatBool(b))) }
func (o *obj) sub(key string, sub *obj) *obj      { return o.add(key, sub.n) }
func (o *obj) list(key string, l *yaml.Node) *obj { return o.add(key, l) }

// commentLines writes text as comment lines, each starting "# " ("" for none).
func commentLines(text string) string {
	if text == "" {
		return ""
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("# "+l, " ")
	}
	return strings.Join(lines, "\n")
}

func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// num writes a number so that it reads back exactly.
func num(f float64) *yaml.Node {
	switch {
	case math.IsNaN(f):
		return plain(".nan")
	case math.IsInf(f, 1):
		return plain(".inf")
	case math.IsInf(f, -1):
		return plain("-.inf")
	}
	return plain(strconv.FormatFloat(f, 'f', -1, 64))
}

func seq(flow bool, items ...*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func (e *encoder) kindName(k model.KindID) *yaml.Node {
	if k < 0 || int(k) >= len(e.s.Kinds) {
		if e.err == nil {
			e.err = fmt.Errorf("scenarios: encode: provision kind %d does not exist", k)
		}
		return str("")
	}
	return str(e.s.Kinds[k].Name)
}

func (e *encoder) kindList(ks []model.KindID) *yaml.Node {
	l := seq(true)
	for _, k := range ks {
		l.Content = append(l.Content, e.kindName(k))
	}
	return l
}

func (e *encoder) scenario() *yaml.Node {
	s := e.s
	o := e.obj("", false)
	o.str("name", s.Name)
	if s.Description != "" {
		d := str(s.Description)
		if strings.Contains(s.Description, "\n") {
			d.Style = yaml.LiteralStyle
		} else if len(s.Description) > 60 {
			d.Style = yaml.FoldedStyle
		}
		o.add("description", d)
	}
	o.add("start", plain(s.Start.Format("2006-01-02")))
	o.int("years", s.Years).int("warmup_years", s.WarmupYears).int("child_population", s.ChildPopulation)

	en := e.obj("entries", false)
	en.num("per_year", s.Entries.PerYear).num("trend_per_year", s.Entries.TrendPerYear)
	if s.Entries.Seasonality != ([12]float64{}) {
		l := seq(true)
		for _, v := range s.Entries.Seasonality {
			l.Content = append(l.Content, num(v))
		}
		en.list("seasonality", l)
	} else if e.comments["entries.seasonality"] != "" {
		// None, said beside the field.
		en.add("seasonality", plain("~"))
	}
	en.sub("siblings", e.obj("entries.siblings", false).num("share", s.Entries.SiblingShare).num("mean_group_size", s.Entries.MeanGroupSize))
	if len(s.Entries.Ages) > 0 {
		en.list("ages", e.ageMix("entries.ages", s.Entries.Ages))
	}
	o.sub("entries", en)

	u := e.obj("uasc", false)
	u.num("per_year", s.UASC.PerYear).num("transfer_threshold_share", s.UASC.TransferThresholdShare)
	if s.UASC.GrantPerNightGBP != 0 {
		// Written only when given, so that a scenario without it encodes as before.
		u.num("grant_per_night_gbp", s.UASC.GrantPerNightGBP)
	}
	if s.UASC.LeavingCareGrantPerWeekGBP != 0 {
		u.num("leaving_care_grant_per_week_gbp", s.UASC.LeavingCareGrantPerWeekGBP)
	}
	if len(s.UASC.Ages) > 0 {
		u.list("ages", e.ageMix("uasc.ages", s.UASC.Ages))
	}
	o.sub("uasc", u)

	if len(s.Stock) > 0 {
		l := seq(false)
		for i, g := range s.Stock {
			p := fmt.Sprintf("stock[%d]", i)
			it := e.obj(p, true)
			it.add("kind", e.kindName(g.Kind)).add("ages", plain(g.Ages.String())).int("count", g.Count)
			it.sub("needs", e.shares(p+".needs", g.NeedShares[:], needNames)).num("male_share", g.MaleShare)
			if g.UASC {
				it.flag("uasc", true)
			}
			if g.HomesShare > 0 {
				it.num("homes_share", g.HomesShare)
			}
			l.Content = append(l.Content, e.item(p, it))
		}
		o.list("stock", l)
	}
	if len(s.Stays) > 0 {
		o.list("stays", e.stays("stays", s.Stays))
	}
	if len(s.StockStays) > 0 {
		o.list("stock_stays", e.stays("stock_stays", s.StockStays))
	}

	sp := e.obj("staying_put", false).num("share", s.StayingPut.Share)
	if s.StayingPut.Stock != 0 {
		// Written only when given: a scenario without it reads as it did before the key.
		sp.int("stock", s.StayingPut.Stock)
	}
	e.dist(sp, "staying_put.stay", s.StayingPut.Stay)
	o.sub("staying_put", sp.num("weekly_gbp", s.StayingPut.WeeklyCostGBP))
	cl := e.obj("care_leavers", false).num("share", s.CareLeavers.Share).int("places", s.CareLeavers.Places).int("stock", s.CareLeavers.Stock)
	e.dist(cl, "care_leavers.stay", s.CareLeavers.Stay)
	o.sub("care_leavers", cl.num("weekly_gbp", s.CareLeavers.WeeklyCostGBP))

	kinds := seq(false)
	for i, k := range s.Kinds {
		kinds.Content = append(kinds.Content, e.kind(fmt.Sprintf("kinds[%d]", i), k))
	}
	o.list("kinds", kinds)

	ladders := seq(false)
	for i, l := range s.Ladders {
		p := fmt.Sprintf("ladders[%d]", i)
		it := e.obj(p, false).sub("who", e.selector(p+".who", l.Who)).list("try", e.kindList(l.Try))
		if len(l.Shares) > 0 {
			// A block list, so that each share has its comment beside it.
			sh := seq(false)
			for j, v := range l.Shares {
				n := num(v)
				if c := e.comments[fmt.Sprintf("%s.shares[%d]", p, j)]; c != "" {
					n.LineComment = "# " + c
				}
				sh.Content = append(sh.Content, n)
			}
			it.list("shares", sh)
		}
		ladders.Content = append(ladders.Content, e.item(p, it))
	}
	o.list("ladders", ladders)

	o.sub("emergency", e.obj("emergency", false).num("weekly_gbp", s.Emergency.WeeklyCostGBP).num("retry_days", s.Emergency.RetryDays))
	sd := e.obj("step_down", false).num("review_days", s.StepDown.ReviewDays)
	e.perNeed(sd, "ready_share", s.StepDown.ReadyShare)
	if len(s.StepDown.Try) > 0 {
		sd.list("try", e.kindList(s.StepDown.Try))
	}
	if s.StepDown.EaseShare != 0 {
		sd.num("ease_share", s.StepDown.EaseShare)
	}
	if s.StepDown.FirstYearBreakdownPerYear != 0 {
		sd.num("first_year_breakdown_per_year", s.StepDown.FirstYearBreakdownPerYear)
	}
	o.sub("step_down", sd)
	o.num("escalation_share", s.EscalationShare)
	if len(s.EscalationByAge) > 0 {
		l := seq(false)
		for i, b := range s.EscalationByAge {
			p := fmt.Sprintf("escalation_by_age[%d]", i)
			l.Content = append(l.Content, e.item(p, e.obj(p, true).add("ages", plain(b.Ages.String())).num("share", b.Share)))
		}
		o.list("escalation_by_age", l)
	}
	if !s.PricesAt.IsZero() {
		o.add("prices_at", plain(s.PricesAt.Format("2006-01-02")))
	}
	o.num("inflation_per_year", s.InflationPerYear)

	if len(s.Interventions) > 0 {
		l := seq(false)
		for i, iv := range s.Interventions {
			l.Content = append(l.Content, e.intervention(fmt.Sprintf("interventions[%d]", i), iv))
		}
		o.list("interventions", l)
	}
	return o.n
}

// item returns a list item's node with the comment recorded for its path.
func (e *encoder) item(path string, o *obj) *yaml.Node {
	c := e.comments[path]
	if o.n.Style == yaml.FlowStyle {
		c = e.withSetsWithin(path, c)
	}
	if c != "" {
		o.n.LineComment = "# " + c
	}
	return o.n
}

// withSetsWithin returns c, the comment of a field written in flow style ({standard: 950},
// [kinship, ifa]) at path, led by the "--set PATH=VALUE" comments of the fields inside it,
// which a flow mapping or list has no room to write beside them: so that scenario.yaml marks
// every value --set changed, stock[0].count and a home's beds as well as a whole field.
func (e *encoder) withSetsWithin(path, c string) string {
	var sets []string
	for p, within := range e.comments {
		if strings.HasPrefix(within, setPrefix) && (strings.HasPrefix(p, path+".") || strings.HasPrefix(p, path+"[")) && !slices.Contains(sets, within) {
			sets = append(sets, within)
		}
	}
	if len(sets) == 0 {
		return c
	}
	slices.Sort(sets)
	if c != "" && !slices.Contains(sets, c) {
		sets = append(sets, c)
	}
	return strings.Join(sets, "; ")
}

func (e *encoder) ageMix(path string, mix []model.AgeShare) *yaml.Node {
	l := seq(false)
	for i, a := range mix {
		p := fmt.Sprintf("%s[%d]", path, i)
		it := e.obj(p, true).add("ages", plain(a.Ages.String())).num("share", a.Share)
		it.sub("needs", e.shares(p+".needs", a.NeedShares[:], needNames)).num("male_share", a.MaleShare)
		l.Content = append(l.Content, e.item(p, it))
	}
	return l
}

// shares writes the non-zero values of a share array as a mapping by name.
func (e *encoder) shares(path string, v []float64, names []string) *obj {
	o := e.obj(path, true)
	for i, x := range v {
		if x != 0 {
			o.num(names[i], x)
		}
	}
	return o
}

// perNeed writes one number when every need has the same value, and a mapping otherwise.
func (e *encoder) perNeed(o *obj, key string, v [model.NumNeeds]float64) {
	if v[0] == v[1] && v[1] == v[2] {
		o.num(key, v[0])
		return
	}
	o.sub(key, e.shares(join(o.path, key), v[:], needNames))
}

func (e *encoder) selector(path string, s model.Selector) *obj {
	o := e.obj(path, true).add("ages", plain(s.Ages.String()))
	if s.Needs != 0 {
		l := seq(true)
		for n := model.Need(0); n < model.NumNeeds; n++ {
			if s.Needs&model.NeedsOf(n) != 0 {
				l.Content = append(l.Content, str(n.String()))
			}
		}
		o.list("needs", l)
	}
	switch s.UASC {
	case model.UASCOnly:
		o.str("uasc", "only")
	case model.UASCNot:
		o.str("uasc", "not")
	}
	return o
}

// dist adds key stay to o, unless d is the zero Distribution (which is what leaving it out
// gives).
func (e *encoder) dist(o *obj, path string, d model.Distribution) {
	if reflect.DeepEqual(d, model.Distribution{}) {
		return
	}
	st := e.obj(path, true).str("distribution", d.Kind.String())
	switch d.Kind {
	case model.Empirical:
		l := seq(false)
		for i, b := range d.Table {
			bp := fmt.Sprintf("%s.table[%d]", path, i)
			l.Content = append(l.Content, e.item(bp, e.obj(bp, true).num("up_to_days", b.UpToDays).num("share", b.Share)))
		}
		st.n.Style = 0
		st.list("table", l)
	case model.Gamma:
		st.num("mean_days", d.MeanDays).num("shape", d.Shape)
	case model.Lognormal:
		st.num("mean_days", d.MeanDays).num("sigma", d.Sigma)
	default:
		st.num("mean_days", d.MeanDays)
	}
	o.sub("stay", st)
}

func (e *encoder) stays(path string, rules []model.StayRule) *yaml.Node {
	l := seq(false)
	for i, r := range rules {
		p := fmt.Sprintf("%s[%d]", path, i)
		it := e.obj(p, false).sub("who", e.selector(p+".who", r.Who))
		if len(r.Kinds) > 0 {
			it.list("kinds", e.kindList(r.Kinds))
		}
		e.dist(it, p+".stay", r.Stay)
		it.sub("exits", e.shares(p+".exits", r.ExitShares[:], exitNames))
		l.Content = append(l.Content, e.item(p, it))
	}
	return l
}

func (e *encoder) kind(p string, k model.Kind) *yaml.Node {
	o := e.obj(p, false)
	o.str("name", k.Name).str("label", k.Label).str("category", k.Category.String()).str("supply", k.Supply.String())
	o.sub("accepts", e.selector(p+".accepts", k.Accepts))
	e.perNeed(o, "weekly_gbp", k.WeeklyCostGBP)
	e.perNeed(o, "breakdown_per_year", k.BreakdownPerYear)
	if k.UnavailableShare != ([model.NumNeeds]float64{}) {
		e.perNeed(o, "unavailable_share", k.UnavailableShare)
	}
	if k.StepDownReadyShare != nil {
		e.perNeed(o, "step_down_ready_share", *k.StepDownReadyShare)
	}
	if k.Supply == model.Market {
		if k.CapacityPlaces > 0 {
			o.int("capacity_places", k.CapacityPlaces)
		} else {
			o.add("capacity_places", plain("unlimited"))
		}
	}
	if k.Supply == model.Market || k.Supply == model.Carers {
		o.num("local_share", k.LocalShare)
	}
	if c := k.Carers; c != nil {
		cp := p + ".carers"
		co := e.obj(cp, false).int("households", c.Households)
		mix := e.obj(cp+".places_mix", true)
		for _, ps := range c.PlacesMix {
			mix.n.Content = append(mix.n.Content, plain(strconv.Itoa(ps.Places)), num(ps.Share))
		}
		co.sub("places_mix", mix)
		if len(c.ApprovalMix) > 0 {
			l := seq(false)
			for j, a := range c.ApprovalMix {
				ap := fmt.Sprintf("%s.approvals[%d]", cp, j)
				l.Content = append(l.Content, e.item(ap, e.obj(ap, true).add("ages", plain(a.Ages.String())).num("share", a.Share)))
			}
			co.list("approvals", l)
		}
		co.num("sibling_only_share", c.SiblingOnlyShare)
		co.list("ages", e.carerAges(cp+".ages", c.AgeMix))
		co.list("new_carer_ages", e.carerAges(cp+".new_carer_ages", c.NewCarerAgeMix))
		co.num("approvals_per_year", c.ApprovalsPerYear).num("assessment_days", c.AssessmentDays)
		co.num("deregistration_per_year", c.DeregistrationPerYear)
		co.sub("retirement", e.obj(cp+".retirement", true).num("from_age", c.RetirementFromAge).
			num("per_year", c.RetirementPerYear).num("increase_per_year_of_age", c.RetirementIncreasePerYearOfAge))
		co.num("wind_down_days", c.WindDownDays)
		co.num("support_cost_per_household_per_year_gbp", c.SupportCostPerHouseholdPerYearGBP)
		co.num("recruitment_cost_per_approval_gbp", c.RecruitmentCostPerApprovalGBP)
		o.sub("carers", co)
	}
	if len(k.Homes) > 0 {
		l := seq(false)
		for j, h := range k.Homes {
			hp := fmt.Sprintf("%s.homes[%d]", p, j)
			it := e.obj(hp, true)
			if h.Name != "" {
				it.str("name", h.Name)
			}
			it.int("beds", h.Beds).flag("local", h.Local).num("fixed_cost_per_year_gbp", h.FixedCostPerYearGBP)
			l.Content = append(l.Content, e.item(hp, it))
		}
		o.list("homes", l)
	}
	if len(k.BlockBeds) > 0 {
		l := seq(false)
		for j, b := range k.BlockBeds {
			bp := fmt.Sprintf("%s.block_beds[%d]", p, j)
			it := e.obj(bp, true).int("beds", b.Beds).flag("local", b.Local).num("cost_per_bed_per_year_gbp", b.CostPerBedPerYearGBP)
			l.Content = append(l.Content, e.item(bp, it))
		}
		o.list("block_beds", l)
	}
	return e.item(p, o)
}

func (e *encoder) carerAges(path string, mix []model.CarerAgeShare) *yaml.Node {
	l := seq(false)
	for i, a := range mix {
		p := fmt.Sprintf("%s[%d]", path, i)
		band := model.AgeRange{FromYears: a.FromYears, ToYears: a.ToYears}
		l.Content = append(l.Content, e.item(p, e.obj(p, true).add("ages", plain(band.String())).num("share", a.Share)))
	}
	return l
}

func (e *encoder) intervention(p string, iv model.Intervention) *yaml.Node {
	if iv.Action >= model.NumActions {
		if e.err == nil {
			e.err = fmt.Errorf("scenarios: encode: %s: unknown action %d", p, iv.Action)
		}
		return plain("~")
	}
	o := e.obj(p, false).str("action", iv.Action.String())
	if iv.Label != "" {
		o.str("label", iv.Label)
	}
	if iv.Baseline {
		o.flag("baseline", true)
	}
	o.add("from", plain(iv.From.Format("2006-01-02")))
	for _, r := range ivFields[iv.Action] {
		switch key := strings.TrimSuffix(r, "*"); key {
		case "to":
			if !iv.To.IsZero() {
				o.add("to", plain(iv.To.Format("2006-01-02")))
			}
		case "kind":
			if iv.Kind != model.AnyKind || !iv.Action.KindOptional() {
				o.add("kind", e.kindName(iv.Kind))
			}
		case "per_year":
			o.num(key, iv.PerYear)
		case "count":
			o.int(key, iv.Count)
		case "factor", "retention_factor":
			o.num(key, iv.Factor)
		case "weekly_gbp":
			o.num(key, iv.WeeklyGBP)
		case "fixed_cost_per_year_gbp":
			o.num(key, iv.FixedCostPerYearGBP)
		case "recruitment_cost_gbp":
			o.num(key, iv.RecruitmentCostGBP)
		case "lead_time_days":
			o.num(key, iv.LeadTimeDays)
		case "local":
			o.flag(key, iv.Local)
		case "name":
			if iv.Name != "" {
				o.str(key, iv.Name)
			}
		case "rate":
			o.num(key, iv.Rate)
		case "first_year_breakdown_per_year":
			if iv.StepDownBreakdownPerYear != 0 {
				o.num(key, iv.StepDownBreakdownPerYear)
			}
		case "who":
			if iv.Who != nil {
				o.sub("who", e.selector(p+".who", *iv.Who))
			}
		}
	}
	if pc := iv.Cost; pc != (model.ProgrammeCost{}) {
		cp := p + ".cost"
		co := e.obj(cp, false)
		date := func(key string, d time.Time) {
			if !d.IsZero() {
				co.add(key, plain(d.Format(time.DateOnly)))
			}
		}
		amount := func(key string, v float64) {
			if v != 0 {
				co.num(key, v)
			}
		}
		amount("one_off_gbp", pc.OneOffGBP)
		date("one_off_on", pc.OneOffOn)
		amount("per_year_gbp", pc.PerYearGBP)
		date("per_year_from", pc.PerYearFrom)
		date("per_year_to", pc.PerYearTo)
		amount("per_unit_gbp", pc.PerUnitGBP)
		amount("units_per_year", pc.UnitsPerYear)
		if pc.OwnInflation {
			co.num("inflation_per_year", pc.InflationPerYear)
		}
		o.sub("cost", co)
	}
	return e.item(p, o)
}

// WithSchemaLine returns a scenario file's text beginning with SchemaComment, as Encode writes
// files, unless its heading comment names a schema already (its own, or another).
func WithSchemaLine(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if strings.HasPrefix(line, "# yaml-language-server:") {
			return text
		}
	}
	return SchemaComment + "\n" + text
}
