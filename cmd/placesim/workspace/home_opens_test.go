package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/scenarios"
)

// homeDecidedEarly writes scenarios/open-childrens-home.yaml, a home decided on 1 April 2026
// that opens 731 days later, on 1 April 2028, into dir as och.yaml, and a file that changes
// nothing as plain.yaml; it returns och.yaml's text.
func homeDecidedEarly(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "scenarios", "open-childrens-home.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"och.yaml": string(b), "plain.yaml": "extends: default\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return string(b)
}

// TestHomeLeverShowsOpening checks that the lever "Open a children's home" shows the day a
// file's home opens, its from plus its lead time, not the day it is decided; and that the
// Compare page lists the home once, under the lever, not again among the dated changes no
// lever sets.
func TestHomeLeverShowsOpening(t *testing.T) {
	base, _, dir := testServer(t)
	homeDecidedEarly(t, dir)

	_, page := get(t, base+"/compare?s=och&s=plain")
	if !strings.Contains(page, "Beds 3, opens on 1 April 2028, running cost £901,500") {
		t.Errorf("the Compare page's lever row does not say the home opens on 1 April 2028:\n%s", page)
	}
	if n := strings.Count(page, "Birch House"); n != 0 || strings.Contains(page, "Dated changes no lever sets") {
		t.Errorf("the Compare page lists the lever's home again among the dated changes no lever sets (%d times)", n)
	}

	_, page = get(t, base+"/?file=och")
	if !strings.Contains(page, "a home named Birch House, 3 beds from 01/04/2028") {
		t.Errorf("the workspace page does not say the home opens on 01/04/2028")
	}
	if !strings.Contains(page, `value="01/04/2028"`) || strings.Contains(page, "3 beds from 01/04/2026") {
		t.Errorf("the Opens on box does not show 01/04/2028")
	}
}

// TestHomeLeverWritesOpening checks that a date typed into "Opens on" for a file's home
// decided with a lead time is the day the saved file's home opens, the lead time kept as the
// file has it; and that saving the saved file again, as loaded, changes nothing.
func TestHomeLeverWritesOpening(t *testing.T) {
	base, _, dir := testServer(t)
	text := homeDecidedEarly(t, dir)
	values := map[string]string{"home_beds": "3", "home_opens": "1/10/2028", "home_cost": "£825,000"}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "och", Open: "och", Opened: openedHash(t, base, "och"), State: wsState{Tab: "ho", File: "och", Name: "open-childrens-home", Text: text, Values: values}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %+v", sv)
	}
	path := filepath.Join(dir, "och.yaml")
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), "from: 2026-10-01\n") || !strings.Contains(string(first), "lead_time_days: 731 days") {
		t.Errorf("the saved file does not decide the home 731 days before 1 October 2028:\n%s", first)
	}
	s, err := scenarios.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	iv := s.Interventions[len(s.Interventions)-1]
	if got, want := iv.From.AddDate(0, 0, int(iv.LeadTimeDays)), time.Date(2028, 10, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("the saved home opens on %s, want %s", got.Format(time.DateOnly), want.Format(time.DateOnly))
	}

	_, page := get(t, base+"/?file=och")
	if !strings.Contains(page, `value="01/10/2028"`) {
		t.Errorf("the saved file's Opens on box does not show 01/10/2028")
	}
	values["home_opens"] = "01/10/2028"
	post(t, base, "/api/save", saveRequest{Name: "och", Open: "och", Opened: fileSHA256(string(first)), State: wsState{Tab: "ho", File: "och", Name: "open-childrens-home", Text: string(first), Values: values}}, &sv)
	if sv.Error != "" {
		t.Fatalf("second save: %+v", sv)
	}
	if second, _ := os.ReadFile(path); string(second) != string(first) {
		t.Errorf("saving the loaded file again changed it:\n%s\nwas\n%s", second, first)
	}
}

// TestBlockLeverListedOnce checks that the Compare page lists a file's block contract, which
// the lever "Block-book residential beds" reads whatever its label, under the lever only.
func TestBlockLeverListedOnce(t *testing.T) {
	base, _, dir := testServer(t)
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "scenarios", "block-contract-3-beds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "block.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, base+"/compare?s=block")
	if !strings.Contains(page, "Beds 3, from 1 April 2026, price £260,000") {
		t.Errorf("the Compare page's lever row does not show the block contract:\n%s", page)
	}
	if strings.Contains(page, "Dated changes no lever sets") {
		t.Errorf("the Compare page lists the lever's block contract again among the dated changes no lever sets")
	}
}

// TestHomeLeverOpeningRefused checks that a date typed into "Opens on" that puts a file's
// home, decided with a lead time, outside the run is refused beside the box, saying that the
// problem is the day it is decided, which is not the date typed, in the box's day-first dates.
func TestHomeLeverOpeningRefused(t *testing.T) {
	base, _, dir := testServer(t)
	text := homeDecidedEarly(t, dir)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "ho", File: "och", Name: "och", Text: text, Check: true,
		Values: map[string]string{"home_beds": "3", "home_opens": "1/4/2026"}}, &a)
	want := "the home is decided 731 days (the file's lead_time_days) before it opens, and 31/03/2024 is before the run's first day, 01/04/2026"
	if got := a.Inputs["home_opens"].Error; got != want {
		t.Errorf("the Opens on box says %q, want %q", got, want)
	}
}

// TestHomeLeverOpeningTooLate checks that a date typed into "Opens on" after the run's last
// day, for a file's home decided with a lead time, is refused beside the box, about the date
// typed, not listed as a problem of the file's lead_time_days.
func TestHomeLeverOpeningTooLate(t *testing.T) {
	base, _, dir := testServer(t)
	text := homeDecidedEarly(t, dir)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "ho", File: "och", Name: "och", Text: text, Check: true,
		Values: map[string]string{"home_beds": "3", "home_cost": "£825,000", "home_opens": "01/04/2036"}}, &a)
	want := "01/04/2036 is after the run's last day, 31/03/2036: the home would hold no child in the run, though its one-off cost of £1,213,000 on 01/04/2035 falls in it; choose a date up to 31/03/2036"
	if got := a.Inputs["home_opens"].Error; got != want {
		t.Errorf("the Opens on box says %q, want %q", got, want)
	}
	if len(a.Problems) > 0 {
		t.Errorf("problems besides the box's: %q", a.Problems)
	}
}

// TestHomeOpeningAfterRunSaidAsValidate checks that a file whose home, decided with a lead
// time, opens after the run is refused beside the Opens on box in placesim validate's words
// of what the home costs in the run (model.HomeCostInRun), in the box's day-first dates: its
// one-off cost falls in the run, where the box once said the home would cost nothing.
func TestHomeOpeningAfterRunSaidAsValidate(t *testing.T) {
	base, _, dir := testServer(t)
	text := strings.NewReplacer("from: 2026-04-01", "from: 2034-04-01", "one_off_on: 2027-04-01", "one_off_on: 2035-04-01").Replace(homeDecidedEarly(t, dir))
	_, err := scenarios.Parse(strings.NewReader(text), "och.yaml", nil)
	if err == nil {
		t.Fatal("validation takes a home that opens after the run")
	}
	said := "it would hold no child in the run, though its one-off cost of £1,213,000 on 2035-04-01 falls in it"
	if !strings.Contains(err.Error(), said) {
		t.Fatalf("validation says %q, want it to say %q", err, said)
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "adv", File: "och", Name: "och", Check: true, UseText: true, Text: text}, &a)
	want := "01/04/2036 is after the run's last day, 31/03/2036: the home would hold no child in the run, though its one-off cost of £1,213,000 on 01/04/2035 falls in it; choose a date up to 31/03/2036"
	if got := a.Inputs["home_opens"].Error; !strings.Contains(got, want) {
		t.Errorf("the Opens on box says %q, want %q", got, want)
	}
	if got := a.Inputs["home_opens"].Error; strings.Contains(got, "cost nothing") {
		t.Errorf("the Opens on box says %q: the home's one-off cost falls in the run", got)
	}
}
