package workspace

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/xuri/excelize/v2"
)

// twoCounties is a small region for the tests: two councils of about a hundred children,
// two years after a year's warm-up, sharing agency foster places and children's homes.
const twoCounties = `name: two-counties
description: Two small counties sharing one market of places.
start: 2026-04-01
years: 2
warmup_years: 1
zones:
  - {name: north, miles: {north: 12, south: 40}}
  - {name: south, miles: {south: 15}}
councils:
  - {name: northshire, zone: north, scenario: default, size: {children_in_care: 120}}
  - {name: southshire, zone: south, scenario: default, size: {children_in_care: 100}}
markets:
  - kind: ifa
    pricing: {threshold: 0.85, premium_at_full: 0.15, urgent_premium: 0.05}
    providers:
      - {name: agencies-north, zone: north, places: 30}
      - {name: agencies-south, zone: south, places: 30}
  - kind: external_residential
    pricing: {threshold: 0.8, premium_at_full: 0.5, urgent_premium: 0.25, real_growth_per_year: 0.05}
    providers:
      - {name: homes-north, zone: north, places: 8}
      - {name: homes-south, zone: south, places: 8}
`

// regionServer starts the workspace with two-counties.yaml in its folder and a few
// replications a region's run.
func regionServer(t *testing.T) (string, *Server, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "two-counties.yaml"), []byte(twoCounties), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	srv, err := New(Config{Dir: dir, QuickReps: 4, FullReps: 6, RegionQuickReps: 3, RegionFullReps: 6, Seed: 1, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return ts.URL, srv, dir
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: no %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s: %q, unwanted", what, w)
		}
	}
}

func TestRegionsPage(t *testing.T) {
	base, _, _ := regionServer(t)
	resp, body := get(t, base+"/regions")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /regions: %s", resp.Status)
	}
	mustContain(t, "regions page", body, `href="/region?r=south-east"`, `href="/region?r=regional-care-cooperative"`,
		`href="/region?r=provider-exit"`, `href="/region?r=two-counties.yaml"`, "placesim run england")
	mustNotContain(t, "regions page", body, `r=england"`)
	// The scenario workspace lists the folder's scenario files, not its region files.
	_, ws := get(t, base+"/")
	mustNotContain(t, "workspace page", ws, "two-counties")
	_, cmp := get(t, base+"/compare")
	mustNotContain(t, "compare page", cmp, "two-counties")
}

func TestRegionPage(t *testing.T) {
	base, _, dir := regionServer(t)
	resp, body := get(t, base+"/region?r=two-counties.yaml")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /region: %s", resp.Status)
	}
	mustContain(t, "region page", body, "two-counties <span>a region of 2 councils</span>",
		`for="in-p.ifa.agencies-north">agencies-north (north)</label>`, "baseline: 8 places",
		`id="in-pool.places"`, `<option value="external_residential" selected>`, `id="in-r.northshire"`, `id="in-r.cost" data-input="r.cost" value="£12,000"`,
		`id="in-r.on" data-input="r.on" value="01/04/2027"`, `id="quickrun"`, `id="fullrun"`, `id="cancel"`, `id="saveas"`)
	// A lever in the link is in its box.
	_, body = get(t, base+"/region?r=two-counties.yaml&p.ifa.agencies-north=%2B5&name=plan")
	mustContain(t, "region page from a link", body, `id="in-p.ifa.agencies-north" data-input="p.ifa.agencies-north" value="&#43;5"`, `value="plan"`)
	// A strategy says its baseline.
	_, body = get(t, base+"/region?r=regional-care-cooperative")
	mustContain(t, "built-in strategy", body, "regional-care-cooperative <span>against south-east</span>", `id="in-r.kent"`)
	resp, body = get(t, base+"/region?r=no-such-region")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "no-such-region") {
		t.Errorf("an unknown region: %s\n%s", resp.Status, body)
	}
	resp, body = get(t, base+"/region?r=../two-counties.yaml")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "outside the workspace&#39;s folder") {
		t.Errorf("a region outside the folder: %s\n%s", resp.Status, body)
	}
	os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte("name: plan\nextends: default\n"), 0o644)
	resp, body = get(t, base+"/region?r=plan.yaml")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "plan.yaml is a scenario file, not a region") {
		t.Errorf("a scenario file opened as a region: %s\n%s", resp.Status, body)
	}
	// A region file that reaches outside the folder is refused before anything is read.
	os.WriteFile(filepath.Join(dir, "escape.yaml"), []byte("name: escape\nextends: ../two-counties.yaml\ncouncils: []\n"), 0o644)
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "escape.yaml"})
	if a.Results != "" || !strings.Contains(strings.Join(a.Problems, "\n"), "outside the region's folder") {
		t.Errorf("a region extending a file outside the folder: %v", a.Problems)
	}
}

// runRegionState posts a region's state to /api/region/run.
func runRegionState(t *testing.T, base string, st regionState) regionRunResponse {
	t.Helper()
	var a regionRunResponse
	if resp := post(t, base, "/api/region/run", st, &a); resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/region/run: %s %v", resp.Status, a.Problems)
	}
	return a
}

func TestRegionRun(t *testing.T) {
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml"})
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	mustContain(t, "the region as it is", a.Results, "The councils", "<th scope=\"row\">northshire</th>", "<th scope=\"row\">Region</th>",
		"Children in care", "Spending a year", "The shared market", "all zones", "north", "spot placements pay above",
		`id="council-pick"`, "northshire's headline figures", `role="img" aria-label="`, " to ",
		// The council's table by year says its figures are means, as the councils' table does.
		"One council's headline figures by year, the mean of the runs", "northshire (mean of the runs)", "Each cell: the mean of the runs in that year,",
		// The table's caption says, as the report's does, that its emergency placement column
		// counts children on an average day.
		"emergency placements and spending are a year's worth, the children in an emergency placement those on an average day.")
	mustNotContain(t, "the region as it is", a.Results, "What changes for each council", "board-pack")
	// Every chart has the table of its figures under it, as the scenario page's charts have.
	if c, tb := strings.Count(a.Results, `<figure class="chart-box"`), strings.Count(a.Results, "Figures in this chart (median and 9 runs in 10)"); c < 2 || tb != c {
		t.Errorf("%d charts, %d tables of their figures", c, tb)
	}
	mustContain(t, "the region's charts' tables", a.Results, "<th>council</th>", "<td>northshire</td>", "<th>All zones (two-counties)</th>",
		`aria-label="Figures in How full the shared market is`)
	mustContain(t, "stamp", a.Stamp, "quick run of 3 replications")
	if a.Text != "" {
		t.Errorf("no lever changed, but a file: %s", a.Text)
	}
	if len(a.KeyFigs) != 2 || !strings.Contains(a.KeyFigs[0].Label, "Region: ") || !strings.HasPrefix(a.KeyFigs[1].Value, "£") {
		t.Errorf("the status bar's figures of the region as it is: %+v", a.KeyFigs)
	}
	// Only the workspace's own pages make it simulate.
	cross, _ := json.Marshal(regionState{Tab: "x", Ref: "two-counties.yaml"})
	creq, _ := http.NewRequest(http.MethodPost, base+"/api/region/run", bytes.NewReader(cross))
	creq.Header.Set("Content-Type", "application/json")
	creq.Header.Set("Origin", "http://elsewhere.example")
	creq.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := http.DefaultClient.Do(creq); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a region's run asked for by another site: %v %v", resp, err)
	}

	// Levers: a provider's places, a pooled block and a council's recruitment.
	st := regionState{Tab: "t", Ref: "two-counties.yaml", Name: "plan", Description: "What if we pool homes?", Values: map[string]string{
		"p.external_residential.homes-north": "+4", "pool.places": "5", "pool.zone": "south", "pool.price": "£300,000",
		"pool.on": "1/10/2026", "r.northshire": "3"}}
	a = runRegionState(t, base, st)
	if a.Results == "" {
		t.Fatalf("no results: %v %v", a.Problems, a.Errors)
	}
	mustContain(t, "file", a.Text, "extends: \"two-counties.yaml\"", "{name: \"homes-north\", places: 12}", "action: pooled_block",
		"on: 2026-10-01", "zone: \"south\"", "places: 5", "cost_per_place_per_year_gbp: 300000", "action: extra_approvals", "per_year: 3",
		"description: \"What if we pool homes?\"")
	mustContain(t, "comparison", a.Results, "What changes for each council and the region: plan against two-counties", "The business case",
		"Net present value", "/region-export/", "board-pack.html", "results.xlsx", "Change in 2027/28")
	// The strategy changes northshire and not southshire: the region's business case splits
	// between them, southshire's share of the pooled block's cost with it, as placesim compare
	// splits it.
	mustContain(t, "the business case's split", html.UnescapeString(a.Results), "<th scope=\"row\">of which: Changed by the strategy: northshire</th>",
		"<th scope=\"row\">of which: The other council, through the shared market and their share of the region's own changes</th>",
		"Of the region's net saving over the run, northshire, which the strategy changes, ",
		", and the other council, through the shared market and their share of the region's own changes, ")
	// The region's rows are its councils' totals, which the words under both tables say.
	mustContain(t, "the region's row as the councils' total", html.UnescapeString(a.Results),
		"Shares change in percentage points. "+plots.RegionChangesTotalKey(false), "confidence interval of the mean. "+plots.RegionCaseTotalKey(false))
	mustContain(t, "stamp", a.Stamp, "paired council by council with two-counties")
	for _, id := range []string{"p.external_residential.homes-north", "pool.places", "r.northshire"} {
		if !a.Changed[id] {
			t.Errorf("%s not marked changed", id)
		}
	}
	mustContain(t, "query", a.Query, "p.external_residential.homes-north=%2B4", "pool.places=5", "r.northshire=3", "name=plan")

	// The board pack and the workbook of the comparison.
	i := strings.Index(a.Results, "/region-export/")
	link := a.Results[i : i+strings.Index(a.Results[i:], "/board-pack.html")]
	req, _ := http.NewRequest(http.MethodGet, base+link+"/board-pack.html", nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("board pack: %s %s", resp.Status, b.String())
	}
	mustContain(t, "board pack", b.String(), "Regional strategies: two-counties", "What changes for each council and the region",
		"The business case", "northshire", "Pooled block, south", "<svg", "of which: Changed by the strategy: northshire")
	// Downloaded from the workspace, no CSV file is beside it: its source line says where its
	// figures and its strategy are.
	mustContain(t, "board pack's source line", b.String(), `Every figure is in the workbook the workspace offers beside this board pack (plan-comparison-results.xlsx`,
		"The strategy is not saved: no file holds the levers that made it.")
	mustNotContain(t, "board pack's source line", b.String(), "beside this report")
	req, _ = http.NewRequest(http.MethodGet, base+link+"/results.xlsx", nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	b.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(b.Bytes(), []byte("PK")) {
		t.Errorf("workbook: %s, %d bytes", resp.Status, b.Len())
	}
	// The board pack names the workbook as it downloads.
	mustContain(t, "workbook's download", resp.Header.Get("Content-Disposition"), `filename="plan-comparison-results.xlsx"`)
	// Its source line is placesim compare's, naming the workspace as where it was made.
	book, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("workbook: %v", err)
	}
	cases, err := book.GetRows("Business case")
	if err != nil {
		t.Fatalf("workbook: %v", err)
	}
	split := 0
	for _, r := range cases {
		if len(r) > 4 && (r[4] == "Net saving: councils the strategy changes" || r[4] == "Net saving: the other councils") {
			split++
		}
	}
	if split != 2*2 { // two groups, two years
		t.Errorf("the workbook's business case has %d rows of the region's split net saving, want 4", split)
	}
	rows, err := book.GetRows("How to read")
	if err != nil {
		t.Fatalf("workbook: %v", err)
	}
	source := ""
	for _, r := range rows {
		if len(r) == 2 && r[0] == "Source" {
			source = r[1]
		}
	}
	if want := "Source: placesim dev workspace, plan against two-counties, 3 paired replications on seed 1, every council's paired. " + plots.CashTerms; source != want {
		t.Errorf("the workbook's source line:\n%q, want\n%q", source, want)
	}
	req, _ = http.NewRequest(http.MethodGet, base+link+"/board-pack.html", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a board pack asked for by another site: %v %v", resp.Status, err)
	}
}

func TestRegionLeverProblems(t *testing.T) {
	base, _, _ := regionServer(t)
	for _, tc := range []struct {
		id, value, want string
	}{
		{"p.ifa.agencies-north", "lots", "want a number"},
		{"p.ifa.agencies-north", "200000", "must be between 0 and 100,000"},
		{"p.ifa.agencies-north", "-200%", "must be between 0 and 100,000"},
		{"p.ifa.agencies-north", "30.5", "whole number"},
		// A change that gives no whole number of places is refused, saying what it gives,
		// not rounded in silence.
		{"p.ifa.agencies-north", "+0.5", "want a whole number: +0.5 from "},
		// One sign says which way a change goes: "--20" is not +20.
		{"p.ifa.agencies-north", "--20", "--20 has two signs: a change has one, such as +12, -5 or +10%"},
		{"p.ifa.agencies-north", "1_0", "want a number such as 24"},
		// A box left empty is refused, as a scenario's is, not read as the region opened.
		{"p.ifa.agencies-north", " ", "give a value"},
		{"r.southshire", "", "give a value"},
		{"r.cost", "", "give a value"},
		{"r.on", "", "give a value"},
		{"r.southshire", "-1", "must be between 0 and 10,000"},
		{"r.on", "31/02/2027", "want a date"},
		{"pool.price", "£3m", "must be between £0 and £2,000,000"},
		// An amount with _ past the range is told the range, as on the main page, not offered
		// without its _ only to be refused again.
		{"pool.price", "£9_000_000", `"£9_000_000" is £9000000 written with _ between its digits, which "`},
		{"pool.price", "£9_000_000", "does not take: it must be between £0 and £2,000,000"},
		// Every box of a new pooled block, a new provider and a provider that leaves, left
		// empty, is refused beside it: not read as none.
		{"pool.places", "", "give a value"},
		{"pool.price", "", "give a value"},
		{"pool.on", "", "give a value"},
		{"pool.per_year", "", "give a value"},
		{"pool.one_off", "", "give a value"},
		{"open.places", "", "give a value"},
		{"open.on", "", "give a value"},
		{"open.price", " ", "want its price, such as 100 for the councils' own"},
		{"open.growth", "", "give a value"},
		{"exit1.on", "", "give a value"},
	} {
		vals := map[string]string{tc.id: tc.value}
		if strings.HasPrefix(tc.id, "r.") && tc.id != "r.southshire" {
			vals["r.southshire"] = "2"
		}
		if strings.HasPrefix(tc.id, "pool.") && tc.id != "pool.places" {
			vals["pool.places"] = "3"
		}
		if strings.HasPrefix(tc.id, "open.") && tc.id != "open.places" {
			vals["open.places"] = "30"
		}
		if tc.id == "exit1.on" {
			vals["exit1.provider"] = "agencies-north (ifa)"
		}
		a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: vals})
		if a.Results != "" || !strings.Contains(a.Errors[tc.id], tc.want) {
			t.Errorf("%s = %q: error %q, want %q (results: %v)", tc.id, tc.value, a.Errors[tc.id], tc.want, a.Results != "")
		}
	}
	// A pooled block in a zone the region does not have.
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "3", "pool.zone": "east"}})
	if a.Results != "" || a.Errors["pool.zone"] == "" {
		t.Errorf("a pooled block in no zone of the region: %+v", a.Errors)
	}
	// A date outside the run is the region file's problem, said as validation says it.
	a = runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "3", "pool.on": "1/1/2040"}})
	if a.Results != "" || len(a.Problems) == 0 || !strings.Contains(strings.Join(a.Problems, "\n"), "interventions[0].on") {
		t.Errorf("a pooled block after the run: %v", a.Problems)
	}
}

// saveRegion saves st as name.yaml in dir through the workspace at base, and reads the file
// back strictly, as the command line does.
func saveRegion(t *testing.T, base, dir, name string, st regionState) (*model.Region, []byte) {
	t.Helper()
	var a saveResponse
	post(t, base, "/api/region/save", regionSaveRequest{Name: name, State: st}, &a)
	if a.Error != "" || a.Saved != name+".yaml" || a.URL != "/region?r="+name+".yaml" {
		t.Fatalf("save: %+v", a)
	}
	text, err := os.ReadFile(filepath.Join(dir, name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	reg, err := scenarios.ParseRegionFS(bytes.NewReader(text), root.FS(), name+".yaml", nil)
	if err != nil {
		t.Fatalf("the saved file does not read: %v\n%s", err, text)
	}
	return reg, text
}

func TestRegionSave(t *testing.T) {
	base, _, dir := regionServer(t)
	st := regionState{Ref: "two-counties.yaml", Values: map[string]string{"p.ifa.agencies-south": "-10", "pool.places": "4", "r.southshire": "2"}}
	reg, text := saveRegion(t, base, dir, "my-strategy", st)
	if reg.Name != "my-strategy" || len(reg.Councils) != 2 || len(reg.Interventions) != 1 || reg.Markets[0].Providers[1].Places != 20 {
		t.Errorf("the saved region: %s, %d councils, %d interventions, agencies-south %d places", reg.Name, len(reg.Councils), len(reg.Interventions), reg.Markets[0].Providers[1].Places)
	}
	if n := len(reg.Councils[1].Scenario.Interventions); n == 0 || reg.Councils[1].Scenario.Interventions[n-1].PerYear != 2 {
		t.Errorf("southshire's recruitment is not in the saved region")
	}
	mustContain(t, "saved file", string(text), "# yaml-language-server: $schema=", "region.schema.json")
	if reg, err := scenarios.LoadRegion(filepath.Join(dir, "my-strategy.yaml"), nil); err != nil || reg.Name != "my-strategy" {
		t.Errorf("placesim run my-strategy.yaml: %v", err)
	}

	// Listed, and opened against the region it extends.
	_, body := get(t, base+"/regions")
	mustContain(t, "regions page", body, `href="/region?r=my-strategy.yaml"`)
	_, body = get(t, base+"/region?r=my-strategy.yaml")
	mustContain(t, "saved strategy's page", body, "my-strategy <span>against two-counties.yaml</span>", "baseline: 20 places")
	r := runRegionState(t, base, regionState{Tab: "t", Ref: "my-strategy.yaml"})
	mustContain(t, "saved strategy's run", r.Results, "What changes for each council and the region: my-strategy against two-counties")
	// A name ending in a dot is saved as dot..yaml, and opens as any saved region does.
	saveRegion(t, base, dir, "dot.", st)
	_, body = get(t, base+"/region?r=dot..yaml")
	mustContain(t, "the page of dot..yaml", body, "dot. <span>against two-counties.yaml</span>")

	for _, tc := range []struct {
		name string
		req  regionSaveRequest
		want string
	}{
		{"exists", regionSaveRequest{Name: "my-strategy", State: st}, "already exists"},
		{"over the region opened", regionSaveRequest{Name: "two-counties", State: st}, "the region opened"},
		{"nothing changed", regionSaveRequest{Name: "same", State: regionState{Ref: "two-counties.yaml"}}, "no lever changes"},
		{"bad name", regionSaveRequest{Name: "../x", State: st}, "a name is letters"},
		{"bad lever", regionSaveRequest{Name: "bad", State: regionState{Ref: "two-counties.yaml", Values: map[string]string{"pool.places": "many"}}}, "put them right"},
	} {
		var a saveResponse
		post(t, base, "/api/region/save", tc.req, &a)
		if !strings.Contains(a.Error, tc.want) {
			t.Errorf("%s: %+v, want %q", tc.name, a, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "same.yaml")); err == nil {
		t.Errorf("a region that changes nothing was saved")
	}
	var ok saveResponse
	post(t, base, "/api/region/save", regionSaveRequest{Name: "my-strategy", State: st, Overwrite: true}, &ok)
	if ok.Error != "" {
		t.Errorf("overwrite asked for: %+v", ok)
	}
}

func TestRegionBuiltinStrategy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the South East's 14 councils")
	}
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, _ := regionServer(t)
	srv.cfg.RegionQuickReps = 2
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "provider-exit"})
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	mustContain(t, "provider-exit", a.Results, "What changes for each council and the region: provider-exit against south-east",
		"<th scope=\"row\">kent</th>", "<th scope=\"row\">milton-keynes</th>", "all zones", "The business case")
	if len(a.KeyFigs) != 3 || !strings.Contains(a.KeyFigs[2].Label, "net saving") {
		t.Errorf("the status bar's figures: %+v", a.KeyFigs)
	}
	// England's councils are beyond what the workspace runs: it says so.
	a = runRegionState(t, base, regionState{Tab: "t", Ref: "england"})
	if a.Results != "" || !strings.Contains(strings.Join(a.Problems, "\n"), "run it with placesim run") {
		t.Errorf("England in the workspace: %v", a.Problems)
	}
}

func TestRegionProgressAndCancel(t *testing.T) {
	base, srv, _ := regionServer(t)
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hook := func(done int) {
		if done >= 2 {
			once.Do(func() { close(reached); <-release })
		}
	}
	srv.gate.onRep.Store(&hook)
	ctx, cancel := context.WithCancel(context.Background())
	answered := make(chan error)
	go func() {
		b, _ := json.Marshal(regionState{Tab: "pr", Ref: "two-counties.yaml", Full: true, Values: map[string]string{"pool.places": "2"}})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/region/run", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	<-reached
	var p progressReport
	_, body := get(t, base+"/api/progress?job=pr")
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("progress: %v: %s", err, body)
	}
	full := srv.cfg.RegionFullReps
	// Two runs, the baseline's and the strategy's: the page then says the total is of paired
	// runs, as the scenario page does.
	if !p.Running || p.Total != int64(2*full) || p.Runs != 2 || p.Done < 2 || p.Done > p.Total {
		t.Errorf("progress during a full run of %d replications of a strategy and its baseline: %+v", full, p)
	}
	// Cancelling is closing the request: the run stops.
	cancel()
	close(release)
	if err := <-answered; err == nil {
		t.Errorf("the cancelled request was answered")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		running, _, _ := srv.gate.stats()
		if running == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d runs still going after the request was cancelled", running)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pooledStrategy is a strategy of two-counties with a pooled block and a council's
// recruitment of its own.
const pooledStrategy = "# Pool homes in the south.\nname: pooled\ndescription: What if the two counties pool homes?\nextends: two-counties.yaml\n" +
	"councils:\n  - name: southshire\n    interventions:\n      - {action: extra_approvals, from: 2026-10-01, kind: inhouse_foster, per_year: 4}\n" +
	"interventions:\n  - action: pooled_block\n    name: Pooled homes\n    on: 2026-10-01\n    market: external_residential\n    zone: south\n" +
	"    places: 4   # four beds of one home\n    cost_per_place_per_year_gbp: £280,000\n"

// TestRegionOwnPooledBlocks checks the levers of a strategy's own pooled blocks: changed, they
// make a copy of the strategy's file with the blocks changed and the other levers merged in.
func TestRegionOwnPooledBlocks(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, dir := regionServer(t)
	if err := os.WriteFile(filepath.Join(dir, "pooled.yaml"), []byte(pooledStrategy), 0o644); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, base+"/region?r=pooled.yaml")
	mustContain(t, "strategy's page", body, "Pooled block: Pooled homes", `id="in-b0.places" data-input="b0.places" value="4"`,
		"baseline: 4 places", `value="£280,000"`, `id="in-b0.on" data-input="b0.on" value="01/10/2026"`, "A new pooled block")
	st := regionState{Tab: "t", Ref: "pooled.yaml", Name: "more-pooled", Values: map[string]string{"b0.places": "+2", "b0.price": "£300,000", "r.northshire": "2"}}
	a := runRegionState(t, base, st)
	if a.Results == "" {
		t.Fatalf("no results: %v %v\n%s", a.Problems, a.Errors, a.Text)
	}
	mustContain(t, "file", a.Text, "from pooled.yaml, its own pooled blocks changed", "extends: two-counties.yaml", `name: "more-pooled"`,
		"places: 6", "four beds of one home", "cost_per_place_per_year_gbp: 300000", "per_year: 4", "per_year: 2")
	mustContain(t, "comparison", a.Results, "more-pooled against two-counties")
	var sv saveResponse
	post(t, base, "/api/region/save", regionSaveRequest{Name: "more-pooled", State: st}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %+v", sv)
	}
	reg, err := scenarios.LoadRegion(filepath.Join(dir, "more-pooled.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Interventions) != 1 || reg.Interventions[0].Places != 6 || reg.Interventions[0].CostPerPlaceYearGBP != 300000 {
		t.Errorf("the saved strategy's pooled blocks: %+v", reg.Interventions)
	}
	if n := len(reg.Councils[1].Scenario.Interventions); n == 0 || reg.Councils[1].Scenario.Interventions[n-1].PerYear != 4 {
		t.Errorf("southshire's own recruitment was lost")
	}
	if n := len(reg.Councils[0].Scenario.Interventions); n == 0 || reg.Councils[0].Scenario.Interventions[n-1].PerYear != 2 {
		t.Errorf("northshire's recruitment is not in the saved strategy")
	}

	// The Regional Care Cooperative's own blocks, worked out without running its 14 councils.
	rv, err := srv.resolveRegion(regionState{Ref: "regional-care-cooperative", Name: "bigger-blocks", Values: map[string]string{"b0.places": "40", "b1.on": "1/4/2028"}})
	if err != nil || !rv.ok() {
		t.Fatalf("%v %v", err, rv.problems)
	}
	if ivs := rv.reg.Interventions; len(ivs) != 3 || ivs[0].Places != 40 || ivs[1].On.Year() != 2028 || ivs[2].Places != 16 {
		t.Errorf("the cooperative's blocks changed: %+v", ivs)
	}
	mustContain(t, "the cooperative, changed", rv.text, "extends: south-east", `name: "bigger-blocks"`, "Regional recruitment hub")
	if rv.reg.Name != "bigger-blocks" {
		t.Errorf("named %s", rv.reg.Name)
	}
	// Its blocks' boxes left empty are refused beside them, not read as the region's.
	rv, _ = srv.resolveRegion(regionState{Ref: "regional-care-cooperative", Values: map[string]string{"b0.places": "", "b1.price": " ", "b2.on": ""}})
	if rv.ok() {
		t.Error("the cooperative's blocks with empty boxes resolve")
	}
	for _, id := range []string{"b0.places", "b1.price", "b2.on"} {
		for _, g := range rv.groups {
			for _, l := range g.Levers {
				if l.ID == id && l.Error != "give a value" {
					t.Errorf("%s left empty: error %q, want %q", id, l.Error, "give a value")
				}
			}
		}
	}
	// A block of no places is refused beside its box.
	rv, _ = srv.resolveRegion(regionState{Ref: "regional-care-cooperative", Values: map[string]string{"b0.places": "0"}})
	for _, g := range rv.groups {
		for _, l := range g.Levers {
			if l.ID == "b0.places" && !strings.Contains(l.Error, "at least 1") {
				t.Errorf("a pooled block of 0 places: %q", l.Error)
			}
		}
	}
}

// TestRegionBaselineKept checks that a region's baseline is run once for every strategy
// compared with it.
func TestRegionBaselineKept(t *testing.T) {
	base, srv, _ := regionServer(t)
	var mu sync.Mutex
	reps := 0
	hook := func(int) { mu.Lock(); reps++; mu.Unlock() }
	srv.gate.onRep.Store(&hook)
	count := func(values map[string]string) int {
		mu.Lock()
		reps = 0
		mu.Unlock()
		if a := runRegionState(t, base, regionState{Tab: "k", Ref: "two-counties.yaml", Values: values}); a.Results == "" {
			t.Fatalf("no results: %v", a.Problems)
		}
		mu.Lock()
		defer mu.Unlock()
		return reps
	}
	q := srv.cfg.RegionQuickReps
	if n := count(map[string]string{"pool.places": "2"}); n != 2*q {
		t.Errorf("the first strategy ran %d replications, want %d: its own and its baseline's", n, 2*q)
	}
	if n := count(map[string]string{"pool.places": "3"}); n != q {
		t.Errorf("the second strategy ran %d replications, want %d: its baseline's are kept", n, q)
	}
	if n := count(nil); n != 0 {
		t.Errorf("the region as it is ran %d replications again, want 0", n)
	}
}

// TestRegionPartYears checks that the council picker of a region whose run does not start on
// 1 April says that its first financial year is a part year, as a scenario's report heads
// it, and that its last column is the last whole year, not the part year at the run's end.
func TestRegionPartYears(t *testing.T) {
	base, _, dir := regionServer(t)
	july := strings.Replace(twoCounties, "start: 2026-04-01", "start: 2026-07-01", 1)
	if err := os.WriteFile(filepath.Join(dir, "july.yaml"), []byte(july), 0o644); err != nil {
		t.Fatal(err)
	}
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "july.yaml"})
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	mustContain(t, "the council picker", a.Results, `<th scope="col" class="num">2026/27 (from 1 July)</th>`, `<th scope="col" class="num">2027/28</th>`)
	if strings.Contains(a.Results, `<th scope="col" class="num">2028/29 (to 30 June)</th>`) {
		t.Errorf("the council picker's last year is the part year at the run's end")
	}
	a = runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml"})
	mustContain(t, "the council picker from 1 April", a.Results, `<th scope="col" class="num">2026/27</th>`, `<th scope="col" class="num">2027/28</th>`)
}
