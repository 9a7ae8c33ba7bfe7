package workspace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// A region in the workspace: its page (GET /region?r=REF) shows a region's councils side by
// side, its shared market and the spot price premium; its levers change what a regional
// commissioning lead changes (a provider's places, a pooled block, a council's recruitment, a
// provider leaving or a new one opening);
// a quick or full run (POST /api/region/run) compares the region so changed, or a regional
// strategy as shipped, with its baseline council by council, with the region's business case
// and the board pack placesim compare writes for regions, and the run's own report and
// workbook as placesim run writes them; save as (POST /api/region/save)
// writes a region file that extends the one opened. Region files live in the workspace's
// folder beside scenario files, read through it as scenario files are.

// DefaultRegionQuickReps and DefaultRegionFullReps are the replications of a region's quick and
// full runs: a replication of the South East's 14 councils takes about a fifth of a second of
// CPU, so a quick run, with its baseline, answers within a few seconds.
const (
	DefaultRegionQuickReps = 10
	DefaultRegionFullReps  = 100
)

// regionState is the region page's state as the page sends it.
type regionState struct {
	Tab string `json:"tab"`
	// Ref is the region opened: a built-in region's name or a region file of the folder
	// ("plan.yaml").
	Ref         string            `json:"ref"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Values      map[string]string `json:"values"`
	Full        bool              `json:"full"`
}

// regionLever is one box of the region page.
type regionLever struct {
	ID, Label, Help string
	// Baseline says the opened region's value, as the box reads it.
	Baseline string
	Value    string
	Error    string
	Format   valueFormat
	// Options, when set, make the box a choice; OptionWords, when it has one, says an option
	// in plain words on the page (a market's kind, external_residential, as its label,
	// "External children's homes"), the option's value staying the file's.
	Options     []string
	OptionWords map[string]string
	// Min and Max bound a number or money box; MinExcluded says Min itself is refused.
	Min, Max    float64
	MinExcluded bool
	// Whole says that the box takes whole numbers only (places).
	Whole bool
	// Default is the box's value when the page opens.
	Default string
	// Changed says the value differs from the opened region's.
	Changed bool
	// Echo says what a change typed into the box made of the value it is from: "+10% of
	// 100% gives 110%".
	Echo string
}

// regionGroup is a heading of levers.
type regionGroup struct {
	ID, Title, Help string
	Levers          []*regionLever
	// More, when set, are the boxes the group's button (labelled MoreLabel) adds, their
	// number exitPlaceholder, up to MaxSlots of them in all.
	More      []*regionLever
	MoreLabel string
	MaxSlots  int
	// MoreDone says the group holds MaxSlots already.
	MoreDone bool
}

// regionResolved is a region page's state worked out: the region opened, its baseline, the
// levers, and the region they make.
type regionResolved struct {
	st regionState
	// opened is the region opened; base the baseline its results are compared with: the
	// region a strategy extends, or the region itself.
	opened, base       *model.Region
	openedRef, baseRef string
	groups             []regionGroup
	// text is the region file the levers make ("" when no lever changes the region opened);
	// reg is the region to run.
	text     string
	reg      *model.Region
	problems []string
	// warnings are the warnings of the region opened, or of the strategy the levers make, as
	// placesim validate says them: a council's scenario whose list replaces its base's.
	warnings []string
	bad      bool
	// note says why the region opened is its own baseline rather than a strategy against the
	// region it extends: it covers other years.
	note string
}

// regionSpan is the financial years region r covers: "2026/27 to 2027/28".
func regionSpan(r *model.Region) string {
	first := model.FinancialYear(r.Start)
	if r.Years == 1 {
		return first
	}
	return first + " to " + model.FinancialYear(r.Start.AddDate(r.Years, 0, -1))
}

// regionText returns the text of the region ref names: a built-in region, or a region file of
// the folder ("plan.yaml").
func (s *Server) regionText(ref string) (string, error) {
	if strings.HasSuffix(ref, ".yaml") {
		if strings.ContainsAny(ref, `/\`) || strings.HasPrefix(ref, ".") {
			return "", fmt.Errorf("the region %q is outside the workspace's folder", ref)
		}
		text, err := s.folder.read(ref)
		if err != nil {
			return "", err
		}
		if !scenarios.IsRegionFS(s.folder.root.FS(), ref) {
			return "", fmt.Errorf("%s is a scenario file, not a region: open it in the workspace", ref)
		}
		return text, nil
	}
	b, err := scenarios.RegionSource(ref)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// loadRegion reads the region ref names.
func (s *Server) loadRegion(ref string) (*model.Region, string, error) {
	reg, text, _, err := s.loadRegionWarnings(ref)
	return reg, text, err
}

// loadRegionWarnings is loadRegion that also returns the region's warnings, as placesim
// validate says them (scenarios.LoadRegionWarnings).
func (s *Server) loadRegionWarnings(ref string) (*model.Region, string, []string, error) {
	text, err := s.regionText(ref)
	if err != nil {
		return nil, "", nil, err
	}
	var reg *model.Region
	var ws []error
	if strings.HasSuffix(ref, ".yaml") {
		reg, ws, err = scenarios.ParseRegionFSWarnings(strings.NewReader(text), s.folder.root.FS(), ref, nil)
	} else {
		reg, ws, err = scenarios.LoadRegionWarnings(ref, nil)
	}
	var warnings []string
	for _, w := range ws {
		warnings = append(warnings, w.Error())
	}
	return reg, text, warnings, err
}

// extendsOf returns what a region file's text extends, or "".
func extendsOf(text string) string {
	d, err := scenarios.ParseDocument(text)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(d.String("extends"))
}

// regionLeverRanges bound the region's boxes as placesim validate bounds the fields they write
// (model.Limits, model.RegionLimits): a provider's places and a pooled block's as a region
// file's (0-100,000), its price as a region file's (£0-£2,000,000 a place a year), a council's
// extra approvals a year as an extra_approvals' per_year (0-10,000), a new provider's growth a year as a provider's
// growth_per_year (more than -100%, at most +100%: its box's MinExcluded), its price as a region file's
// price_factor (10% to 1,000% of the councils' own), and a new pooled block's running and
// one-off costs as a region intervention's cost's.
var regionLeverRanges = map[string][2]float64{"places": {0, 100_000}, "price": {0, 2e6}, "approvals": {0, 10_000},
	"growth": {-1, 1}, "price_factor": {0.1, 10}, "per_year": {0, 1e9}, "one_off": {0, 1e9}}

// ownBlock is one of the pooled blocks a region file gives itself: its position among the
// file's interventions, and its fields as written.
type ownBlock struct {
	i                       int
	name, places, price, on string
}

// ownBlocks returns the pooled blocks region file d gives itself.
func ownBlocks(d *scenarios.Document) []ownBlock {
	var out []ownBlock
	for i := range d.Interventions() {
		if a, _, _ := d.InterventionField(i, "action"); a != "pooled_block" {
			continue
		}
		b := ownBlock{i: i}
		b.name, _, _ = d.InterventionField(i, "name")
		b.places, _, _ = d.InterventionField(i, "places")
		b.price, _, _ = d.InterventionField(i, "cost_per_place_per_year_gbp")
		b.on, _, _ = d.InterventionField(i, "on")
		if b.name == "" {
			b.name = fmt.Sprintf("pooled block %d", len(out)+1)
		}
		out = append(out, b)
	}
	return out
}

// regionGroups builds the levers of region reg, whose file's own pooled blocks are blocks,
// with the values st gives: the region's own pooled blocks, a new pooled block, councils'
// recruitment, and each provider's places.
func regionGroups(reg *model.Region, blocks []ownBlock, values map[string]string) []regionGroup {
	var out []regionGroup
	box := func(l *regionLever) *regionLever {
		l.Default = l.Value
		if v, ok := values[l.ID]; ok {
			l.Value = v
		}
		return l
	}
	pl, pr := regionLeverRanges["places"], regionLeverRanges["price"]
	for _, b := range blocks {
		id := fmt.Sprintf("b%d", b.i)
		price := b.price
		if v, err := scenarios.ParseGBP(b.price); err == nil {
			price = pounds(v)
		}
		places := b.places
		if fv, _, err := parseValue(b.places, fmtNumber, "", ""); err == nil {
			// The file's "+5" shows as 5: a box's "+5" is a change of 5, read on the first run.
			places = fv
		}
		out = append(out, regionGroup{ID: id, Title: "Pooled block: " + b.name,
			Help: "One of this region's own pooled blocks: its places, its price a place a year and the date it starts.",
			Levers: []*regionLever{
				box(&regionLever{ID: id + ".places", Label: "Places in the block", Format: fmtNumber, Whole: true, Baseline: places + " places", Value: places, Min: pl[0], Max: pl[1]}),
				box(&regionLever{ID: id + ".price", Label: "Price a place a year", Format: fmtGBP, Baseline: price, Value: price, Min: pr[0], Max: pr[1]}),
				box(&regionLever{ID: id + ".on", Label: "From", Format: fmtDate, Baseline: showDate(b.on), Value: showDate(b.on)}),
			}})
	}
	if len(reg.Markets) > 0 {
		var kinds, zones []string
		for _, m := range reg.Markets {
			kinds = append(kinds, m.Kind)
		}
		for _, z := range reg.Zones {
			zones = append(zones, z.Name)
		}
		// Homes first: a pooled block is most often children's-home places.
		slices.SortStableFunc(kinds, func(a, b string) int {
			return boolInt(!strings.Contains(a, "residential")) - boolInt(!strings.Contains(b, "residential"))
		})
		on := showDate(reg.Start.AddDate(1, 0, 0).Format(time.DateOnly))
		words := marketWords(reg)
		pool := regionGroup{ID: "pool", Title: "A new pooled block for every council together",
			Help:      "Places contracted for the whole region, paid whether used or not, shared among the councils by their use; searched before any provider's.",
			More:      poolLevers(exitPlaceholder, kinds, zones, words, on),
			MoreLabel: "Add another pooled block", MaxSlots: maxPoolSlots}
		n := poolCount(values)
		for i := 1; i <= n; i++ {
			for _, l := range poolLevers(strconv.Itoa(i), kinds, zones, words, on) {
				pool.Levers = append(pool.Levers, box(l))
			}
		}
		pool.MoreDone = n >= maxPoolSlots
		out = append(out, pool)
	}
	out = append(out, providerChangeGroups(reg, values, box)...)
	g := regionGroup{ID: "recruit", Title: "Councils' recruitment of foster carers",
		Help: "Extra approvals of the council's own foster carers a year, on top of its scenario's, each at the cost below."}
	ap := regionLeverRanges["approvals"]
	for _, c := range reg.Councils {
		if c.Scenario == nil {
			continue
		}
		if _, ok := sim.HeadlineGapKind(c.Scenario); !ok {
			continue
		}
		g.Levers = append(g.Levers, box(&regionLever{ID: "r." + c.Name, Label: c.Name, Format: fmtNumber, Baseline: "0 extra a year", Value: "0", Min: ap[0], Max: ap[1]}))
	}
	if len(g.Levers) > 0 {
		// The cost of an approval takes what the scenario page's Recruitment cost box takes
		// (£0 to £1,000,000, an extra_approvals' recruitment_cost_gbp), though the region
		// writes it as the cost's per_unit_gbp, which takes more: the same quantity, one range.
		ac := leverRanges[approvalCostInput.ID]
		g.Levers = append(g.Levers,
			box(&regionLever{ID: "r.on", Label: "Extra approvals from", Format: fmtDate, Value: showDate(reg.Start.AddDate(1, 0, 0).Format(time.DateOnly))}),
			box(&regionLever{ID: "r.cost", Label: "Cost of an extra approval", Format: fmtGBP, Value: "£12,000", Min: ac[0], Max: ac[1],
				Help: "Usually " + approvalCostInput.usual() + "."}))
		out = append(out, g)
	}
	// Providers' places last: a region has many providers.
	for _, m := range reg.Markets {
		g := regionGroup{ID: "market-" + m.Kind, Title: "Providers' places: " + strings.ToLower(marketName(reg, m.Kind)),
			Help: "Each provider's places at the start; a change such as +20 or -10% is against the region opened."}
		for _, p := range m.Providers {
			zone := ""
			if p.Zone >= 0 && p.Zone < len(reg.Zones) {
				zone = " (" + reg.Zones[p.Zone].Name + ")"
			}
			lim := regionLeverRanges["places"]
			g.Levers = append(g.Levers, box(&regionLever{ID: "p." + m.Kind + "." + p.Name, Label: p.Name + zone, Format: fmtNumber, Whole: true,
				Baseline: commas(float64(p.Places)) + " places", Value: strconv.Itoa(p.Places), Min: lim[0], Max: lim[1]}))
		}
		out = append(out, g)
	}
	return out
}

// poolOpening is what a new pooled block's money boxes show when the page opens (poolLevers),
// by the end of their IDs: a box that differs is changed. The price is the library's
// regional-care-cooperative's for a block of children's-home places, in the default's 2026/27
// prices (a test holds the two together).
var poolOpening = map[string]float64{".price": 317000, ".per_year": 0, ".one_off": 0}

// maxPoolSlots is the most new pooled blocks the region page offers.
const maxPoolSlots = 20

// poolPrefix is the prefix of the boxes of new pooled block i: "pool" for the first, "pool2"
// for the second, and so on.
func poolPrefix(i string) string {
	if i == "1" {
		return "pool"
	}
	return "pool" + i
}

// poolCount is how many new pooled blocks the region page shows with values: one, or as many
// as the highest values name ("pool3.places"), up to maxPoolSlots.
func poolCount(values map[string]string) int {
	n := 1
	for k := range values {
		var i int
		if _, err := fmt.Sscanf(k, "pool%d.", &i); err == nil && i > n {
			n = i
		}
	}
	return min(n, maxPoolSlots)
}

// poolLevers are the boxes of new pooled block i (a number, or the placeholder the page's
// button replaces with the next): the first's labels are plain, the others' name their block.
func poolLevers(i string, kinds, zones []string, words map[string]string, on string) []*regionLever {
	id, lead := poolPrefix(i), ""
	if i != "1" {
		lead = "Block " + i + ": "
	}
	pl, pr := regionLeverRanges["places"], regionLeverRanges["price"]
	rc, oc := regionLeverRanges["per_year"], regionLeverRanges["one_off"]
	label := func(s string) string {
		if lead == "" {
			return s
		}
		return lead + strings.ToLower(s[:1]) + s[1:]
	}
	return []*regionLever{
		{ID: id + ".places", Label: label("Places in the block"), Format: fmtNumber, Baseline: "none", Value: "0", Min: pl[0], Max: pl[1]},
		{ID: id + ".market", Label: label("Market"), Options: kinds, OptionWords: words, Value: kinds[0]},
		{ID: id + ".zone", Label: label("Zone its places are in"), Options: zones, Value: zones[0]},
		{ID: id + ".price", Label: label("Price a place a year"), Format: fmtGBP, Value: pounds(poolOpening[".price"]), Min: pr[0], Max: pr[1],
			Help: pounds(poolOpening[".price"]) + " is the National Audit Office's £318,400 a place a year (2023-24) in 2026/27's prices (×1.03³, £347,924) less about 9% for a block, as the library's regional-care-cooperative pays"},
		{ID: id + ".on", Label: label("From"), Format: fmtDate, Value: on},
		{ID: id + ".per_year", Label: label("Running cost a year"), Format: fmtGBP, Value: "£0", Min: rc[0], Max: rc[1],
			Help: "what running the block costs the region beyond its places (a cooperative's team), shared by the councils' children in care"},
		{ID: id + ".one_off", Label: label("One-off cost"), Format: fmtGBP, Value: "£0", Min: oc[0], Max: oc[1],
			Help: "paid when the block starts (capital for shared homes, say)"},
	}
}

// OptionText says option o of a choice box on the page: in its plain words where it has them.
func (l *regionLever) OptionText(o string) string {
	if w := l.OptionWords[o]; w != "" {
		return w
	}
	return o
}

// marketWords are the plain words of each shared market of reg, and of each provider's choice
// in an exit box, as the region's charts name the market: "External children's homes" for
// external_residential, "large-group-kent (external children's homes)".
func marketWords(reg *model.Region) map[string]string {
	out := map[string]string{}
	for _, m := range reg.Markets {
		label := plots.MarketLabel(reg, m.Kind)
		out[m.Kind] = label
		for _, p := range m.Providers {
			out[providerChoice(m.Kind, p.Name)] = p.Name + " (" + sim.LowerFirst(label) + ")"
		}
	}
	return out
}

// exitSlots is how many providers' exits the region page offers when it opens: enough for a
// group leaving two zones at once, as the built-in provider-exit strategy has. Its button adds
// more, one at a time, up to one for each provider.
const exitSlots = 2

// exitCount is how many exits the region page shows with values: exitSlots, or as many as the
// highest exit values name ("exit5.provider"), up to one for each of providers.
func exitCount(values map[string]string, providers int) int {
	n := exitSlots
	for k := range values {
		var i int
		if _, err := fmt.Sscanf(k, "exit%d.", &i); err == nil && i > n {
			n = i
		}
	}
	return min(n, max(providers, exitSlots))
}

// exitLevers are the boxes of exit i (a number, or the placeholder the page's button replaces
// with the next).
func exitLevers(i string, choices []string, words map[string]string, on string) []*regionLever {
	id := "exit" + i
	return []*regionLever{
		{ID: id + ".provider", Label: "Provider " + i + " that leaves", Options: choices, OptionWords: words, Value: noProvider},
		{ID: id + ".on", Label: "Provider " + i + " leaves on", Format: fmtDate, Value: on},
	}
}

// exitPlaceholder stands for the number of the exit the region page's button adds.
const exitPlaceholder = "__N__"

// noProvider is the exit box's choice of no provider.
const noProvider = "none"

// providerChoice is how an exit box names a provider of a market: "large-group-kent
// (external_residential)".
func providerChoice(kind, name string) string { return name + " (" + kind + ")" }

// newProviderName is the name a provider opened by the region page's lever takes.
const newProviderName = "new-provider"

// providerChangeGroups are the levers of the region's providers' changes over time: providers
// leaving the market on a date, and a new provider opening places in a zone on a date, as
// region files' provider_exit and provider_open interventions.
func providerChangeGroups(reg *model.Region, values map[string]string, box func(*regionLever) *regionLever) []regionGroup {
	if len(reg.Markets) == 0 {
		return nil
	}
	on := showDate(reg.Start.AddDate(1, 0, 0).Format(time.DateOnly))
	choices := []string{noProvider}
	var kinds, zones []string
	for _, m := range reg.Markets {
		kinds = append(kinds, m.Kind)
		for _, p := range m.Providers {
			choices = append(choices, providerChoice(m.Kind, p.Name))
		}
	}
	for _, z := range reg.Zones {
		zones = append(zones, z.Name)
	}
	words := marketWords(reg)
	exit := regionGroup{ID: "exit", Title: "Providers leaving the market",
		Help: "A provider that leaves takes no new child from the date; children placed there stay until their placement ends.",
		More: exitLevers(exitPlaceholder, choices, words, on), MoreLabel: "Add another provider that leaves", MaxSlots: len(choices) - 1}
	n := exitCount(values, len(choices)-1)
	for i := 1; i <= n; i++ {
		for _, l := range exitLevers(strconv.Itoa(i), choices, words, on) {
			exit.Levers = append(exit.Levers, box(l))
		}
	}
	exit.MoreDone = n >= exit.MaxSlots
	pl, gr := regionLeverRanges["places"], regionLeverRanges["growth"]
	pf := regionLeverRanges["price_factor"]
	open := regionGroup{ID: "open", Title: "A new provider opening places",
		Help: "A provider that opens places in a zone on a date, taking every child the councils' kind takes, at its price against the councils' own, times the market's scarcity premium."}
	open.Levers = []*regionLever{
		box(&regionLever{ID: "open.places", Label: "Places it opens", Format: fmtNumber, Whole: true, Baseline: "none", Value: "0", Min: pl[0], Max: pl[1],
			Help: "0 opens none"}),
		box(&regionLever{ID: "open.price", Label: "Its price, % of the councils' own", Format: fmtPercent, Value: "100", Min: pf[0], Max: pf[1],
			Help: "100 is the councils' own price for the kind; 85 is 15% less; a sign is a change from 100: +10 and +10% are 110, -15 is 85"}),
		box(&regionLever{ID: "open.market", Label: "Market of its places", Options: kinds, OptionWords: words, Value: kinds[0]}),
		box(&regionLever{ID: "open.zone", Label: "Zone its places are in", Options: zones, Value: zones[0]}),
		box(&regionLever{ID: "open.on", Label: "Opens on", Format: fmtDate, Value: on}),
		box(&regionLever{ID: "open.growth", Label: "Growth in its places a year", Format: fmtPercent, Value: "0", Min: gr[0], Max: gr[1], MinExcluded: true,
			Help: "5 is 5% more places each year; -5 is 5% fewer (a sign is a change from the 0 shown)"}),
	}
	return []regionGroup{exit, open}
}

// providerChanges writes the provider_exit and provider_open interventions the levers of
// providerChangeGroups make to ivs, marking the boxes changed or in error.
func providerChanges(reg *model.Region, get func(string) *regionLever, read func(*regionLever, float64) (string, float64, bool), ivs *strings.Builder) (bad bool) {
	if get("open.places") == nil {
		return false
	}
	type exitOf struct{ kind, name string }
	byChoice := map[string]exitOf{}
	for _, m := range reg.Markets {
		for _, p := range m.Providers {
			byChoice[providerChoice(m.Kind, p.Name)] = exitOf{m.Kind, p.Name}
		}
	}
	chosen := map[string]bool{}
	for i := 1; get(fmt.Sprintf("exit%d.provider", i)) != nil; i++ {
		id := fmt.Sprintf("exit%d", i)
		sel := get(id + ".provider")
		if sel.Value == noProvider || strings.TrimSpace(sel.Value) == "" {
			continue
		}
		p, ok := byChoice[sel.Value]
		switch {
		case !ok:
			sel.Error, bad = "choose one of the list", true
			continue
		case chosen[sel.Value]:
			sel.Error, bad = "this provider already leaves above: choose another", true
			continue
		}
		chosen[sel.Value], sel.Changed = true, true
		date, _, okD := read(get(id+".on"), 0)
		if !okD {
			bad = true
			continue
		}
		fmt.Fprintf(ivs, "  - {action: provider_exit, name: %s, on: %s, market: %s, provider: %s}\n",
			yamlString(p.name+" leaves"), date, yamlString(p.kind), yamlString(p.name))
	}
	l := get("open.places")
	fv, v, ok := read(l, 0)
	if !ok || v == 0 {
		return bad
	}
	l.Changed = true
	if v != math.Trunc(v) {
		l.Error, bad = "want a whole number of places", true
	}
	mk, zone := get("open.market"), get("open.zone")
	for _, sel := range []*regionLever{mk, zone} {
		if !slices.Contains(sel.Options, sel.Value) {
			sel.Error, bad = "choose one of the list", true
		}
	}
	date, _, okD := read(get("open.on"), 0)
	growth, _, okG := read(get("open.growth"), 0)
	price, pv, okP := read(get("open.price"), 0)
	if l := get("open.price"); !okP && strings.TrimSpace(l.Value) == "" {
		l.Error = "want its price, such as 100 for the councils' own"
	}
	if !okD || !okG || !okP || bad {
		return true
	}
	fmt.Fprintf(ivs, "  - action: provider_open\n    name: %s\n    on: %s\n    market: %s\n    provider: %s\n    zone: %s\n    places: %s\n",
		yamlString("New provider, "+zone.Value), date, yamlString(mk.Value), yamlString(newProviderName), yamlString(zone.Value), fv)
	if growth != "" && growth != "0" {
		fmt.Fprintf(ivs, "    growth_per_year: %s\n", growth)
	}
	if pv != 1 {
		get("open.price").Changed = true
		fmt.Fprintf(ivs, "    price_factor: %s\n", price)
	}
	return false
}

// boolInt is 1 for true, 0 for false.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// marketName is the label the councils give a shared market's kind.
func marketName(reg *model.Region, kind string) string {
	for _, c := range reg.Councils {
		if c.Scenario == nil {
			continue
		}
		for _, k := range c.Scenario.Kinds {
			if k.Name == kind && k.Label != "" {
				return k.Label
			}
		}
	}
	return kind
}

// yamlString quotes s for a YAML file: a double-quoted scalar, whose escapes JSON's are.
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// resolveRegion works out a region page's state.
func (s *Server) resolveRegion(st regionState) (*regionResolved, error) {
	if st.Ref == "" {
		st.Ref = firstRegion
	}
	if st.Name == "" {
		st.Name = "untitled-region"
	}
	rv := &regionResolved{st: st, openedRef: st.Ref}
	opened, text, warnings, err := s.loadRegionWarnings(st.Ref)
	if err != nil {
		return nil, err
	}
	rv.opened, rv.base, rv.baseRef, rv.warnings = opened, opened, st.Ref, warnings
	// A strategy is compared with the region it extends; a region that extends none, or one
	// the workspace cannot open, with itself.
	if ext := extendsOf(text); ext != "" {
		if b, _, err := s.loadRegion(ext); err == nil {
			if b.Years == opened.Years && b.Start.Equal(opened.Start) {
				rv.base, rv.baseRef = b, ext
			} else {
				// A region of other years than the one it extends cannot be set against it: it
				// is the baseline of its own strategies, as the scenario page opens such a file.
				rv.note = fmt.Sprintf("%s covers %s and the region it extends, %s, covers %s: a strategy is set against its region over the same years, so %s is opened as the baseline. Change a lever to see what it does to %s; Save keeps it as a file that extends %s.",
					st.Ref, regionSpan(opened), ext, regionSpan(b), st.Ref, opened.Name, st.Ref)
			}
		}
	}
	doc, err := scenarios.ParseDocument(text)
	if err != nil {
		return nil, err
	}
	blocks := ownBlocks(doc)
	rv.groups = regionGroups(opened, blocks, st.Values)
	var market, council, ivs strings.Builder
	get := func(id string) *regionLever {
		for _, g := range rv.groups {
			for _, l := range g.Levers {
				if l.ID == id {
					return l
				}
			}
		}
		return nil
	}
	// read parses a box: its value in the file's units, or an error beside it. A box left
	// empty is refused, as a scenario's is: every box the page reads it fills. A change
	// ("+10%", "+£10,000") is from the value the box shows when the page opens (bv where it
	// has none).
	read := func(l *regionLever, bv float64) (string, float64, bool) {
		raw := strings.TrimSpace(l.Value)
		if raw == "" {
			l.Error, rv.bad = "give a value", true
			return "", bv, false
		}
		if _, d, err := parseValue(l.Default, l.Format, scenarios.PeriodOf(l.Label), l.Label); err == nil && l.Default != "" {
			bv = d
		}
		// outside says why v is outside the box's range, or "": in the box's own units, as a
		// scenario's box says it: "-50% and 50%", "0 and 100,000".
		outside := func(v float64) string {
			if l.Format == fmtDate || !(v < l.Min || v > l.Max || l.MinExcluded && v == l.Min) {
				return ""
			}
			if l.MinExcluded {
				// Growth of -100% a year would close every place at once: validate wants more.
				return "must be more than " + regionShow(l.Min, l.Format) + " and at most " + regionShow(l.Max, l.Format)
			}
			return "must be between " + regionShow(l.Min, l.Format) + " and " + regionShow(l.Max, l.Format)
		}
		fv, v, err := parseLeverValue(raw, l.Format, scenarios.PeriodOf(l.Label), l.Label, bv, l.Whole)
		if err != nil {
			l.Error = err.Error()
			// An amount with _ past the range is told so, as on the main page, rather than
			// offered without its _.
			if msg, ok := underscoreRangeError(raw, l.Format, l.Label, outside); ok {
				l.Error = msg
			}
			rv.bad = true
			return "", 0, false
		}
		l.Echo = changeEcho(raw, l.Format, bv, v)
		if problem := outside(v); problem != "" {
			l.Error = problem
			rv.bad = true
			return "", 0, false
		}
		return fv, v, true
	}
	// given refuses a box left empty that the page fills (a provider's places, a council's
	// approvals and their date and cost), as a scenario's box does: empty is not the baseline.
	given := func(l *regionLever) bool {
		if l != nil && strings.TrimSpace(l.Value) == "" {
			l.Error, rv.bad = "give a value", true
			return false
		}
		return true
	}
	for _, m := range opened.Markets {
		var provs strings.Builder
		for _, p := range m.Providers {
			l := get("p." + m.Kind + "." + p.Name)
			if !given(l) {
				continue
			}
			fv, v, ok := read(l, float64(p.Places))
			if !ok || v == float64(p.Places) {
				continue
			}
			if v != math.Trunc(v) {
				l.Error, rv.bad = "want a whole number of places", true
				continue
			}
			l.Changed = true
			fmt.Fprintf(&provs, "      - {name: %s, places: %s}\n", yamlString(p.Name), fv)
		}
		if provs.Len() > 0 {
			fmt.Fprintf(&market, "  - kind: %s\n    providers:\n%s", yamlString(m.Kind), provs.String())
		}
	}
	for i := 1; get(poolPrefix(strconv.Itoa(i))+".places") != nil; i++ {
		id := poolPrefix(strconv.Itoa(i))
		l := get(id + ".places")
		fv, v, ok := read(l, 0)
		if ok && v <= 0 {
			// A price, or a cost, typed for a block of no places waits for them, as a
			// scenario's box says.
			for _, c := range []*regionLever{get(id + ".price"), get(id + ".per_year"), get(id + ".one_off")} {
				if c == nil || strings.TrimSpace(c.Value) == "" {
					continue
				}
				if _, cv, okC := read(c, poolOpening[strings.TrimPrefix(c.ID, id)]); okC && cv != poolOpening[strings.TrimPrefix(c.ID, id)] {
					c.Echo = fmt.Sprintf("%s %s applies once there are places", strings.TrimSuffix(c.Label, " a place a year"), strings.Join(strings.Fields(c.Value), ""))
				}
			}
		}
		if !ok || v <= 0 {
			continue
		}
		l.Changed = true
		if v != math.Trunc(v) {
			l.Error, rv.bad = "want a whole number of places", true
		}
		mk, zone := get(id+".market"), get(id+".zone")
		for _, sel := range []*regionLever{mk, zone} {
			if !slices.Contains(sel.Options, sel.Value) {
				sel.Error, rv.bad = "choose one of the list", true
			}
		}
		price, pv, okP := read(get(id+".price"), 0)
		if okP && pv != poolOpening[".price"] {
			get(id + ".price").Changed = true
		}
		on, _, okD := read(get(id+".on"), 0)
		perYear, py, okY := read(get(id+".per_year"), 0)
		oneOff, oo, okO := read(get(id+".one_off"), 0)
		if !okP || !okD || !okY || !okO || rv.bad {
			continue
		}
		name := fmt.Sprintf("Pooled block, %s", zone.Value)
		if i > 1 {
			name = fmt.Sprintf("Pooled block %d, %s", i, zone.Value)
		}
		fmt.Fprintf(&ivs, "  - action: pooled_block\n    name: %s\n    on: %s\n    market: %s\n    zone: %s\n    places: %s\n    cost_per_place_per_year_gbp: %s\n",
			yamlString(name), on, yamlString(mk.Value), yamlString(zone.Value), fv, price)
		var cost []string
		if py > 0 {
			cost = append(cost, "per_year_gbp: "+perYear)
			get(id + ".per_year").Changed = true
		}
		if oo > 0 {
			cost = append(cost, "one_off_gbp: "+oneOff)
			get(id + ".one_off").Changed = true
		}
		if len(cost) > 0 {
			fmt.Fprintf(&ivs, "    cost: {%s}\n", strings.Join(cost, ", "))
		}
	}
	if providerChanges(opened, get, read, &ivs) {
		rv.bad = true
	}
	if on := get("r.on"); on != nil {
		given(on)
		given(get("r.cost"))
		date, _, okD := read(on, 0)
		cost, cv, okC := read(get("r.cost"), 0)
		if w := approvalCostInput.unusual(cv); okC && w != "" {
			// A cost beyond the usual is run, and said, as the scenario page's Recruitment
			// cost box says it.
			l := get("r.cost")
			l.Echo = strings.TrimPrefix(l.Echo+"; ", "; ") + regionShow(cv, fmtGBP) + " is " + w
		}
		for _, c := range opened.Councils {
			l := get("r." + c.Name)
			if l == nil || !given(l) {
				continue
			}
			fv, v, ok := read(l, 0)
			if !ok || v == 0 || !okD || !okC {
				continue
			}
			l.Changed = true
			k, _ := sim.HeadlineGapKind(c.Scenario)
			fmt.Fprintf(&council, "  - name: %s\n    interventions:\n      - {action: extra_approvals, label: %s, from: %s, kind: %s, per_year: %s, cost: {per_unit_gbp: %s}}\n",
				yamlString(c.Name), yamlString("Extra approvals"), date, yamlString(c.Scenario.Kinds[k].Name), fv, cost)
		}
	}
	// The region's own pooled blocks are changed in a copy of its file.
	ownChanged := false
	for _, blk := range blocks {
		id := fmt.Sprintf("b%d", blk.i)
		bp, _ := strconv.ParseFloat(blk.places, 64)
		if fv, v, ok := read(get(id+".places"), bp); ok && v != bp {
			if v != math.Trunc(v) || v < 1 {
				l := get(id + ".places")
				l.Error, rv.bad = "want a whole number of places, at least 1", true
				continue
			}
			doc.SetInterventionField(blk.i, "places", fv)
			get(id+".places").Changed, ownChanged = true, true
		}
		bv, _ := scenarios.ParseGBP(blk.price)
		if fv, v, ok := read(get(id+".price"), bv); ok && v != bv {
			doc.SetInterventionField(blk.i, "cost_per_place_per_year_gbp", fv)
			get(id+".price").Changed, ownChanged = true, true
		}
		if fv, _, ok := read(get(id+".on"), 0); ok && fv != blk.on {
			doc.SetInterventionField(blk.i, "on", fv)
			get(id+".on").Changed, ownChanged = true, true
		}
	}
	if _, err := checkName(st.Name); err != nil {
		rv.problems = append(rv.problems, err.Error())
	}
	if rv.bad || len(rv.problems) > 0 {
		return rv, nil
	}
	if !ownChanged && market.Len()+council.Len()+ivs.Len() == 0 {
		rv.reg = opened
		return rv, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "name: %s\n", yamlString(st.Name))
	if d := strings.TrimSpace(st.Description); d != "" {
		fmt.Fprintf(&b, "description: %s\n", yamlString(d))
	}
	if !ownChanged {
		fmt.Fprintf(&b, "extends: %s\n", yamlString(st.Ref))
	}
	if market.Len() > 0 {
		b.WriteString("\nmarkets:\n" + market.String())
	}
	if council.Len() > 0 {
		b.WriteString("\ncouncils:\n" + council.String())
	}
	if ivs.Len() > 0 {
		b.WriteString("\ninterventions:\n" + ivs.String())
	}
	rv.text = fmt.Sprintf("# A regional strategy made in placesim's workspace: what it changes against %s.\n", st.Ref) + b.String()
	if ownChanged {
		// A file that extended the region could not change what the region's file gives: the
		// strategy is the region's file, changed, with the other levers' changes merged in.
		if !strings.Contains(b.String(), "description:") {
			b.WriteString("description: \"\"\n")
		}
		merged, err := scenarios.MergeRegionText(doc.Text(), b.String())
		if err != nil {
			return nil, err
		}
		rv.text = fmt.Sprintf("# A regional strategy made in placesim's workspace from %s, its own pooled blocks changed.\n", st.Ref) + merged
	}
	file, _ := checkName(st.Name)
	if file == st.Ref {
		rv.problems = append(rv.problems, fmt.Sprintf("%s is the region opened: give the strategy another name", file))
		return rv, nil
	}
	reg, ws, err := scenarios.ParseRegionFSWarnings(strings.NewReader(rv.text), s.folder.root.FS(), file, nil)
	rv.warnings = nil
	for _, w := range ws {
		rv.warnings = append(rv.warnings, w.Error())
	}
	if err != nil {
		for _, e := range flatten(err) {
			rv.problems = append(rv.problems, e.Error())
		}
		return rv, nil
	}
	rv.reg = reg
	return rv, nil
}

// paired reports whether a run of the state is a strategy's, paired with its baseline: the
// region opened extends another, or a lever changes it.
func (rv *regionResolved) paired() bool {
	if rv.base != rv.opened {
		return true
	}
	for _, g := range rv.groups {
		for _, l := range g.Levers {
			if l.Changed {
				return true
			}
		}
	}
	return false
}

// ok reports whether the state makes a region that can be run.
func (rv *regionResolved) ok() bool { return rv.reg != nil && !rv.bad && len(rv.problems) == 0 }

// query is the state as the page's URL holds it.
func (rv *regionResolved) query() string {
	q := url.Values{}
	q.Set("r", rv.openedRef)
	if rv.st.Name != "" && rv.st.Name != "untitled-region" {
		q.Set("name", rv.st.Name)
	}
	if d := strings.TrimSpace(rv.st.Description); d != "" {
		q.Set("about", d)
	}
	for _, g := range rv.groups {
		for _, l := range g.Levers {
			if v, ok := rv.st.Values[l.ID]; ok && strings.TrimSpace(v) != strings.TrimSpace(l.Default) {
				q.Set(l.ID, v)
			}
		}
	}
	return q.Encode()
}

// regionOut is one region run.
type regionOut struct {
	reg  *model.Region
	rr   *sim.RegionResults
	reps int
	seed uint64
	took time.Duration
}

// discardStore drops a council's monthly records: the region's pages read each council's
// KPIs and the region's own monthly record only.
type discardStore struct{}

func (discardStore) Put(int, []float64) error { return nil }
func (discardStore) Get(int, int, int, []float64) error {
	return errors.New("the workspace keeps no council's monthly record")
}

// regionWork is the children and places one replication of reg simulates, every council's.
func regionWork(reg *model.Region) float64 {
	w := 0.0
	for _, c := range reg.Councils {
		if c.Scenario != nil {
			w += workEstimate(c.Scenario)
		}
	}
	for _, m := range reg.Markets {
		for _, p := range m.Providers {
			w += float64(p.Places)
		}
	}
	return w
}

// checkRegionWork refuses a region whose replications are beyond the workspace's limits.
func (g *runGate) checkRegionWork(reg *model.Region) error {
	if w := regionWork(reg); !(w <= g.lim.MaxEntities) {
		return fmt.Errorf("%s would simulate about %s children and places in each replication, more than the %s the workspace allows: run it with placesim run",
			reg.Name, commas(math.Round(min(w, 1e15))), commas(g.lim.MaxEntities))
	}
	return nil
}

// regionRepsFlags names the flag that sets a region run of reps replications: --region-reps
// for a full run's, --region-quick-reps for a quick run's, both when they are the same.
func (s *Server) regionRepsFlags(reps int) string {
	return repsFlags(reps, s.cfg.RegionQuickReps, s.cfg.RegionFullReps, "--region-quick-reps", "--region-reps")
}

// regionRunMemory estimates the memory, in bytes, of a run of reps replications of reg on
// workers workers, whose results are res: every council's KPIs are kept as well as the
// region's; the region's monthly record is kept in memory, unless (files) it goes to a file
// with the councils'.
func regionRunMemory(reg *model.Region, res *sim.RegionResults, reps, workers int, files bool) int64 {
	mem := runMemory(reps, workers, len(res.Total.Months), len(res.Total.Metrics), regionWork(reg))
	if files {
		mem = runMemory(reps, workers, 0, 0, regionWork(reg)) + regionFilesMemory(res, reps)
	}
	for _, r := range res.Each() {
		mem += int64(reps) * int64(len(r.Periods)) * int64(len(r.KPIs)) * 8
	}
	return mem
}

// runRegion runs reps replications of reg on seed once the gate lets it, keeping the region's
// monthly record (for its market's charts) and every council's KPIs. With files set it keeps
// every council's monthly record too, and the region's, in temporary files rather than in
// memory, and calls files with the run, still within the gate's turn, before it removes them:
// the run's report and workbook read them, as placesim run's do.
//
// flags are the flags that set reps (regionRepsFlags), which a refusal for its memory names.
func (g *runGate) runRegion(ctx context.Context, reg *model.Region, seed uint64, reps, workers int, flags string, files func(*regionOut) error) (out *regionOut, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, g.panicked("region "+reg.Name, v)
		}
	}()
	began := time.Now()
	if err := g.checkRegionWork(reg); err != nil {
		return nil, err
	}
	gr := g.start(ctx)
	gr.flags = flags
	rn, err := sim.NewRegionRunner(reg, sim.Options{Seed: seed, Workers: workers, Progress: gr.progress, Stop: gr.stop})
	if err != nil {
		return nil, err
	}
	res := rn.Results()
	stores := make([]sim.MonthlyStore, len(res.Councils)+1)
	for i := range res.Councils {
		stores[i] = discardStore{}
	}
	if files != nil {
		var remove func()
		if stores, remove, err = newDiskStores(res.Each(), g.tempFile); err != nil {
			return nil, err
		}
		defer remove()
	}
	if err := rn.SetStores(stores); err != nil {
		return nil, err
	}
	memory := func(reps int) int64 { return regionRunMemory(reg, res, reps, workers, files != nil) }
	add := rn.Add
	if files != nil {
		add = func(n int) error {
			if err := rn.Add(n); err != nil {
				return err
			}
			return files(&regionOut{reg: reg, rr: res, reps: reps, seed: seed, took: time.Since(began)})
		}
	}
	if err := gr.add(reg.Name, memory, add, reps); err != nil {
		return nil, err
	}
	return &regionOut{reg: reg, rr: res, reps: reps, seed: seed, took: time.Since(began)}, nil
}

// regionHash identifies a region as run: the region without its councils' scenarios, and each
// scenario resolved.
func regionHash(reg *model.Region) (string, error) {
	bare := *reg
	bare.Councils = slices.Clone(reg.Councils)
	h := sha256.New()
	for i := range bare.Councils {
		sh, err := scenarioHash(bare.Councils[i].Scenario)
		if err != nil {
			return "", err
		}
		io.WriteString(h, sh)
		bare.Councils[i].Scenario = nil
	}
	if err := json.NewEncoder(h).Encode(&bare); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:8]), nil
}

// regionEntry is a region's run kept, or under way, for every request that asks for it.
type regionEntry struct {
	sharedRun[*regionOut]
	work int // councils' replications: the run's replications times its councils
}

// regionRunKept runs reg, or takes its run from the last few kept (at most 4, and 3,000
// councils' replications in all): a baseline is run once for every strategy compared with it.
// Requests for the same run at once share one run, which goes on while one of them waits for
// it and stops when the last goes away. It returns ctx's error when ctx ends first.
func (s *Server) regionRunKept(ctx context.Context, reg *model.Region, seed uint64, reps int) (*regionOut, error) {
	if err := s.gate.checkRegionWork(reg); err != nil {
		return nil, err
	}
	h, err := regionHash(reg)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%s/%d/%d", h, seed, reps)
	s.mu.Lock()
	e, ok := s.regionRuns.get(key)
	if !ok {
		rctx, cancel := context.WithCancel(s.ctx)
		e = &regionEntry{sharedRun: sharedRun[*regionOut]{done: make(chan struct{}), cancel: cancel, count: new(atomic.Int64)}, work: reps * len(reg.Councils)}
		rctx = withCounter(rctx, e.count)
		// A run forgotten while under way still answers those waiting for it.
		s.regionRuns.put(key, e)
		go func() {
			defer cancel()
			e.out, e.err = s.gate.runRegion(rctx, reg, seed, reps, s.cfg.Workers, s.regionRepsFlags(reps), nil)
			if e.err == nil {
				e.count.Store(int64(reps))
			} else {
				s.mu.Lock()
				s.dropRegionRun(key, e)
				s.mu.Unlock()
			}
			close(e.done)
		}()
	}
	return e.wait(ctx, &s.mu, func() { s.dropRegionRun(key, e) })
}

// dropRegionRun forgets entry e of key, if it is still the one kept; s.mu is held.
func (s *Server) dropRegionRun(key string, e *regionEntry) { s.regionRuns.drop(key, e) }

// regionComparison is a region (a strategy) against its baseline, council by council; or,
// with Base and RC nil, a region's run kept for its report and workbook (Alt).
type regionComparison struct {
	ID        string
	Base, Alt *regionOut
	RC        *plots.RegionComparison
	Seed      uint64
	Reps      int
	Version   string
	// Files closes the board pack's source line: where its figures and the strategy are, for a
	// pack downloaded from the workspace (no CSV file is beside it).
	Files string
}

// compareRegionRuns pairs alt's councils with base's by name, replication by replication, and
// the region as a whole, as placesim compare does for regions.
func compareRegionRuns(base, alt *regionOut) (*plots.RegionComparison, error) {
	rc := &plots.RegionComparison{Scenario: alt.reg.Name, Baseline: base.reg.Name, Years: base.reg.Years}
	type pair struct {
		name      string
		base, alt *sim.Results
	}
	// lacking returns the councils of from that of lacks.
	lacking := func(of, from *model.Region) []string {
		var out []string
		for _, c := range from.Councils {
			if !slices.ContainsFunc(of.Councils, func(o model.Council) bool { return o.Name == c.Name }) {
				out = append(out, c.Name)
			}
		}
		return out
	}
	word := func(m []string) string {
		if len(m) > 1 {
			return "councils"
		}
		return "council"
	}
	var why []string
	fewer, more := lacking(alt.reg, base.reg), lacking(base.reg, alt.reg)
	if len(fewer) > 0 {
		why = append(why, fmt.Sprintf("%s lacks %s %s, which %s has", alt.reg.Name, word(fewer), strings.Join(fewer, ", "), base.reg.Name))
	}
	if len(more) > 0 {
		why = append(why, fmt.Sprintf("%s has %s %s, which the baseline %s lacks", alt.reg.Name, word(more), strings.Join(more, ", "), base.reg.Name))
	}
	if len(why) > 0 {
		rule := "a strategy needs its baseline's councils"
		switch {
		case len(fewer) > 0 && len(more) > 0:
			rule = "a strategy needs its baseline's councils and no others"
		case len(more) > 0:
			rule = "a strategy can have only its baseline's councils"
		}
		return nil, fmt.Errorf("%s: %s (compare a region with its own strategies)", strings.Join(why, "; "), rule)
	}
	var pairs []pair
	for i, bc := range base.reg.Councils {
		j := slices.IndexFunc(alt.reg.Councils, func(c model.Council) bool { return c.Name == bc.Name })
		pairs = append(pairs, pair{bc.Name, base.rr.Councils[i], alt.rr.Councils[j]})
	}
	if base.reg.Years != alt.reg.Years || !base.reg.Start.Equal(alt.reg.Start) {
		return nil, fmt.Errorf("%s and %s cover different years: a comparison needs the same", alt.reg.Name, base.reg.Name)
	}
	pairs = append(pairs, pair{sim.RegionTotal, base.rr.Total, alt.rr.Total})
	// Each council's business case and the region's, in the order of pairs.
	ncs, err := sim.RegionNetPositions(base.rr, alt.rr, interval, sim.GreenBookDiscount)
	if err != nil {
		return nil, err
	}
	// The Home Office's UASC grants in the order of pairs, whose paired rows give the grants'
	// ranges.
	grants, err := sim.RegionUASCGrants(base.rr, alt.rr, interval)
	if err != nil {
		return nil, err
	}
	for k, p := range pairs {
		diffs, err := sim.Compare(p.base, p.alt, interval)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
		nc := ncs[k]
		nc.Scenario, nc.Baseline = alt.reg.Name, base.reg.Name
		rc.Councils, rc.Diffs, rc.Cases = append(rc.Councils, p.name), append(rc.Diffs, diffs), append(rc.Cases, nc)
		rc.Grants = append(rc.Grants, grants[k])
	}
	// The region's business case split between the councils the strategy changes and the
	// others, as placesim compare splits it: nil unless both have a council.
	if rc.Split, err = plots.NewRegionSplit(base.reg, alt.reg, base.rr, alt.rr, interval, sim.GreenBookDiscount); err != nil {
		return nil, err
	}
	rc.SetParts(base.reg, alt.reg)
	return rc, nil
}

// keepRegion stores a region comparison for its board pack and workbook, or a region's run for
// its report and workbook, forgetting the oldest beyond 8 (the last 4 runs, each compared).
func (s *Server) keepRegion(c *regionComparison) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	c.ID = "r" + strconv.Itoa(s.next)
	s.regionComps.put(c.ID, c)
}

// regionFilesText closes the source line of the board pack of the strategy rv makes, region
// name, as the workspace offers it for download: its figures are in the workbook the page
// offers beside it (NAME-comparison-results.xlsx, the name it downloads as), and the strategy
// in the file that holds it, or in none.
func regionFilesText(rv *regionResolved, name, dir string) string {
	figures := fmt.Sprintf(`Every figure is in the workbook the workspace offers beside this board pack (%s-comparison-results.xlsx, a council column: each council, then "region" for the whole).`, name)
	switch {
	case rv.text != "":
		return figures + " The strategy is not saved: no file holds the levers that made it. Save it in the workspace (Save as) to keep them."
	case strings.HasSuffix(rv.openedRef, ".yaml"):
		return figures + fmt.Sprintf(" The strategy is the region file %s of the workspace (%s).", rv.openedRef, dir)
	}
	return figures + fmt.Sprintf(" The strategy is placesim's built-in region %s.", rv.openedRef)
}

// source is the source line of a region comparison's charts and board pack.
func (c *regionComparison) source() string {
	return fmt.Sprintf("Source: placesim %s workspace, %s against %s, %s on seed %d, every council's paired. "+plots.CashTerms, c.Version,
		c.Alt.reg.Name, c.Base.reg.Name, plural(c.Reps, "paired replication"), c.Seed)
}

// report is the board pack of a region comparison, as placesim compare writes it for regions.
func (c *regionComparison) report() (*plots.RegionCompareReport, error) {
	src := c.source()
	var rows []plots.CompareRow
	last := len(c.RC.Councils) - 1
	for _, d := range c.RC.Diffs[last] {
		rows = append(rows, plots.CompareRow{Scenario: c.Alt.reg.Name, Baseline: c.Base.reg.Name, Period: d.Period, KPI: d.KPI,
			BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: d.N,
			RunLo: d.RunLo, RunHi: d.RunHi, PLower: d.PLower, PHigher: d.PHigher})
	}
	// A part year says where it begins or ends, as a single council's comparison does.
	charts, err := plots.ComparisonChartsFrom(rows, c.Base.reg.Start, c.Base.reg.Years, interval, src)
	if err != nil {
		return nil, err
	}
	cum, err := plots.CumulativeNetChart(c.RC.Cases[last], src)
	if err != nil {
		return nil, err
	}
	return &plots.RegionCompareReport{Baseline: c.Base.reg, Scenarios: []*model.Region{c.Alt.reg}, Comparisons: []*plots.RegionComparison{c.RC},
		Level: interval, Reps: c.Reps, Seed: c.Seed, Source: src, Charts: append(charts, cum), Files: c.Files}, nil
}

// csvFiles returns the comparison's comparison.csv, business_case.csv and spending_parts.csv,
// each with a council column, as placesim compare writes them for regions.
func (c *regionComparison) csvFiles() (comparison, cases, parts []byte, err error) {
	var cb, bb, pb bytes.Buffer
	for i, name := range c.RC.Councils {
		if err := withCouncilColumn(&cb, name, i == 0, func(w io.Writer) error {
			return sim.WriteComparison(w, c.Alt.reg.Name, c.Base.reg.Name, c.RC.Diffs[i], true)
		}); err != nil {
			return nil, nil, nil, err
		}
		if err := withCouncilColumn(&bb, name, i == 0, func(w io.Writer) error {
			return plots.WriteRegionCase(w, name, c.RC.Cases[i], c.RC.Split)
		}); err != nil {
			return nil, nil, nil, err
		}
	}
	if err := c.RC.WriteSpendingParts(&pb, c.Base.reg, true); err != nil {
		return nil, nil, nil, err
	}
	return cb.Bytes(), bb.Bytes(), pb.Bytes(), nil
}

// withCouncilColumn writes the CSV text write makes to w with a leading council column, its
// header only when header is set. The rows sim writes hold no line breaks inside a field.
func withCouncilColumn(w io.Writer, council string, header bool, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	lead := council
	if strings.ContainsAny(lead, ",\"\n") {
		lead = `"` + strings.ReplaceAll(lead, `"`, `""`) + `"`
	}
	for i, line := range lines {
		if i == 0 {
			if !header {
				continue
			}
			fmt.Fprintf(w, "council,%s\n", line)
			continue
		}
		fmt.Fprintf(w, "%s,%s\n", lead, line)
	}
	return nil
}

// regionShow writes a bound of a region's box in its own units, thousands separated: "100,000",
// "-50%", "1,000%", "£2,000,000".
func regionShow(v float64, f valueFormat) string {
	switch f {
	case fmtPercent:
		return commas(roundTo(100*v, 8)) + "%"
	case fmtGBP:
		return pounds(v)
	}
	return commas(v)
}

// RegionWorkingMemory estimates the memory, in bytes, that workers replications of reg in
// progress at once hold for their children and places (at most reps of them), as a workspace
// run's estimate counts it: placesim run adds to it what it keeps of every replication.
func RegionWorkingMemory(reg *model.Region, reps, workers int) int64 {
	return runMemory(reps, workers, 0, 0, regionWork(reg))
}
