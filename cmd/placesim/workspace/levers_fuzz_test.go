package workspace

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// FuzzLevers types any text into every box of the default scenario's levers, against its
// baseline and against a baseline bv of any size (a region's provider places, a council's own
// scenario), and into the box that names a scenario to save: what a user types in the browser
// workspace. Nothing may panic; a refused value has a message to show beside the box; an
// accepted one is a finite number (or a date) that the file's own reader reads back as the same
// value, and, within the box's range, the box shows it as text that reads back as the same value
// again; an accepted name is a file of the folder itself.
func FuzzLevers(f *testing.F) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		f.Fatal(err)
	}
	levers := leversFor(base)
	// The examples of the page and the README, and edge cases, against no baseline, the
	// default's entries and the largest. The inputs that once got through are in
	// testdata/fuzz/FuzzLevers.
	for _, s := range []string{
		"24", "13.5", "11", "11%", "£950", "£1.1m", "1.1m", "£12,000", "£40k", "£2bn", "+12", "-5", "+10%", "-10%",
		"+£50", "-5%", "−5", "=-5", "=12", "= -£50", "=+5", "==5", "=", "1/4/2028", "01/04/2028", "1 April 2028", "1 Apr 2028", "2028-04-01", "1-4-2028", "1.4.2028",
		"", " ", "+", "-", "%", "£", "0", "-0", "+0", "1e400", "-1e400", "1e308", "+1e308%", "NaN", "Inf", "-Inf", "+Inf",
		"1,000", "1,5", "1,2,3", ",", "12abc", "12 12", "12%%", "+-5", "--5", "£-5", "1e3", "0x1p10", "١٢", "1_000",
		"29/2/2027", "31/4/2028", "1/1/0001", "1/1/9999", "1/13/2028", "£1mm", "£1.1mk", "1e-320",
		"12-15", "15-12", "16", "complex", "complex, solo", "complx", "inhouse_foster", "12-15}, factor: 9", "a: b", "[x", "#", "- x", "'", "\"",
		"my-council", "my council", "../x", "a/b", ".hidden", "x.yaml", "x.yml.yaml", "a..b", "C:x", "é",
	} {
		f.Add(s, 0.0)
		f.Add(s, 243.0)
		f.Add(s, 1.7e308)
	}
	f.Fuzz(func(t *testing.T, raw string, bv float64) {
		if name, err := checkName(raw); err != nil {
			if err.Error() == "" {
				t.Fatalf("name %q refused with no message", raw)
			}
		} else if !filepath.IsLocal(name) || filepath.Base(name) != name || strings.HasPrefix(name, ".") ||
			strings.ContainsAny(name, `/\:`) || !strings.HasSuffix(name, ".yaml") {
			t.Fatalf("name %q taken as the file %q", raw, name)
		}
		if math.IsNaN(bv) || math.IsInf(bv, 0) {
			return // a baseline's value comes from a scenario that validates
		}
		for _, l := range levers {
			if l.Sets {
				for _, in := range l.Inputs[1:] {
					checkSettingBox(t, l, in, raw, base)
				}
			}
			for _, in := range l.Inputs {
				if in.Format == fmtAges || in.Format == fmtNeeds || in.Format == fmtChoice {
					continue // written as typed, for the file's parser to judge: checkSettingBox
				}
				checkBox(t, in, "", raw, 0, false)
				if !l.isIntervention() {
					checkBox(t, in, l.ID+" against the default's baseline", raw, l.get(base), true)
					checkBox(t, in, l.ID+" against another baseline", raw, bv, true)
				}
			}
		}
	})
}

// checkSettingBox fails t unless raw, typed into box in of a lever that sets a rate or a
// number, is refused with a message or written into the file so that the file reads back as
// YAML with the value as typed: the ages and the needs as the box splits them, and nothing
// else of the file changed by what was typed. base is the default scenario, which applySetting
// only reads: loaded once by FuzzLevers, not for each box.
func checkSettingBox(t *testing.T, l *lever, in leverInput, raw string, base *model.Scenario) {
	t.Helper()
	f, err := scenarios.ParseDocument("name: typed\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	on := "50"
	if l.Inputs[0].Format == fmtNumber {
		on = "15"
	}
	if l.OnTop && !l.Ratio {
		on = formatNumber(l.Off + 15) // the box shows the total, the baseline's and the change's
	}
	if l.Lowers {
		on = showValue(l.Off/2, l.Inputs[0].Format) // a programme that only lowers the rate
	}
	bad := map[string]string{}
	applySetting(f, l, base, leverState{Values: map[string]string{l.Inputs[0].ID: on, in.ID: raw}}, bad)
	if msg, refused := bad[in.ID]; refused {
		if msg == "" {
			t.Fatalf("%s: %q refused with no message", in.ID, raw)
		}
		return
	}
	g, err := scenarios.ParseDocument(f.Text())
	if err != nil {
		t.Fatalf("%s: %q makes a file that does not read: %v\n%s", in.ID, raw, err, f.Text())
	}
	if g.String("name") != "typed" || g.String("extends") != "default" || g.Interventions() != 1 {
		t.Fatalf("%s: %q changes the rest of the file:\n%s", in.ID, raw, f.Text())
	}
	i := l.find(g)
	ages, needs, _ := g.InterventionWho(i)
	switch in.Format {
	case fmtAges:
		if want := strings.Join(strings.Fields(typedText(raw)), " "); ages != want {
			t.Fatalf("%s: %q written as ages %q, want %q", in.ID, raw, ages, want)
		}
	case fmtNeeds:
		want := strings.FieldsFunc(typedText(raw), needSeparator)
		if strings.Join(needs, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("%s: %q written as needs %q, want %q", in.ID, raw, needs, want)
		}
	case fmtChoice:
		if v, _, _ := g.InterventionField(i, in.Key); v != strings.TrimSpace(raw) {
			t.Fatalf("%s: %q written as %q", in.ID, raw, v)
		}
	}
}

// thousands is a number written with commas between its thousands.
var thousands = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)

// checkBox fails t unless what box in makes of raw, against the baseline bv when relative
// changes apply (a field lever's box), is what FuzzLevers promises.
func checkBox(t *testing.T, in leverInput, what, raw string, bv float64, relative bool) {
	t.Helper()
	if what == "" {
		what = in.ID
	}
	var text string
	var v float64
	var err error
	if relative {
		text, v, err = parseLeverValue(raw, in.Format, "", "", bv, in.Whole)
	} else {
		text, v, err = parseValue(raw, in.Format, "", "")
	}
	if err != nil {
		if err.Error() == "" {
			t.Fatalf("%s: %q refused with no message", what, raw)
		}
		return
	}
	if in.Format == fmtDate {
		d, err := time.Parse(time.DateOnly, text)
		if err != nil {
			t.Fatalf("%s: %q written as %q, which is not a date", what, raw, text)
		}
		if back, ok := parseDate(showDate(text)); !ok || !back.Equal(d) {
			t.Fatalf("%s: %q written as %q, shown as %q, which reads back as %v", what, raw, text, showDate(text), back)
		}
		return
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		t.Fatalf("%s: %q taken as %v", what, raw, v)
	}
	if rest, ok := strings.CutPrefix(strings.TrimSpace(raw), "="); ok && relative && takesChange(in.Format) {
		// "=" says the value itself follows, not a change: "=-5" is -5.
		raw, relative = rest, false
	}
	// A number is written plainly, in decimal, with one sign at most, and the sign says which
	// way it goes: "--5" is not +5, "+-5" not -5, "1_0" not 10, "0x1p4" not 16.
	allowed := "0123456789.,+-−%"
	if in.Format == fmtGBP {
		allowed += "£kKmMbBnN"
	}
	if strings.ContainsFunc(strings.TrimSpace(raw), func(r rune) bool { return !strings.ContainsRune(allowed, r) && !unicode.IsSpace(r) }) {
		t.Fatalf("%s: %q taken as %v: not a plain decimal number", what, raw, v)
	}
	if n := strings.Count(raw, "+") + strings.Count(raw, "-") + strings.Count(raw, "−"); n > 1 {
		t.Fatalf("%s: %q, with %d signs, taken as %v", what, raw, n, v)
	}
	trimmed := strings.TrimSpace(raw)
	up, down := strings.HasPrefix(trimmed, "+"), strings.HasPrefix(trimmed, "-") || strings.HasPrefix(trimmed, "−")
	if relative && takesChange(in.Format) {
		// A change from bv, rounded as the box's value is (a count, a price or a share is never below 0).
		lo := math.Min(bv, math.Min(roundTo(bv, 2), math.Round(bv)))
		hi := math.Max(bv, math.Max(roundTo(bv, 2), math.Round(bv)))
		if bv >= 0 && ((up && v < lo) || (down && v > hi)) {
			t.Fatalf("%s: %q on a baseline of %v taken as %v", what, raw, bv, v)
		}
	} else if (up && v < 0) || (down && v > 0) {
		t.Fatalf("%s: %q taken as %v", what, raw, v)
	}
	// A comma in a number separates thousands: "1,5" is not fifteen.
	if in.Format == fmtNumber && strings.Contains(raw, ",") {
		num := strings.TrimLeft(strings.TrimSpace(raw), "+-−")
		if !thousands.MatchString(strings.TrimSpace(num)) {
			t.Fatalf("%s: %q taken as %v", what, raw, v)
		}
	}
	var back float64
	if in.Format == fmtGBP {
		back, err = scenarios.ParseGBP(text)
	} else {
		back, err = strconv.ParseFloat(text, 64)
	}
	if err != nil || back != v {
		t.Fatalf("%s: %q taken as %v and written as %q, which reads back as %v (%v)", what, raw, v, text, back, err)
	}
	if in.checkRange(v) != "" {
		return // refused beside the box
	}
	if relative && takesChange(in.Format) && v == bv {
		// A change of nothing ("+0") leaves the baseline's value as it is, to its last digit,
		// which the box shows as it shows that value when nothing is typed.
		return
	}
	shown := showValue(v, in.Format)
	if _, again, err := parseValue(shown, in.Format, "", ""); err != nil || again != v {
		t.Fatalf("%s: %q taken as %v and shown as %q, which reads back as %v (%v)", what, raw, v, shown, again, err)
	}
}
