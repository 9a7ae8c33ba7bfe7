package scenarios_test

import (
	"os"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestStayRuleGap checks that default.yaml with its stay rule for children of 5-9 taken out,
// or given as a second 10-15, is refused, naming the file, line and field: a child of 5-9 who
// is not UASC was once given the rule of UASC of 0-15, and a file that said so was read
// without a word. A rule that overlaps an earlier one is read.
func TestStayRuleGap(t *testing.T) {
	text, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const rule = "  - who: {ages: 5-9}\n"
	for _, tt := range []struct{ name, new, want string }{
		{"gap", "", "default.yaml:216:3: stays: children aged 5-9 who are not UASC have no stay rule"},
		{"repeat", "  - who: {ages: 10-15}\n",
			"default.yaml:216:3: stays: children aged 5-9 who are not UASC have no stay rule\n" + // reported with the repeat, which does not hide it
				"default.yaml:259:10: stays[5].who: repeats the who of stays[4] (on line 248), which is matched first, so no child ever reaches this rule: change one of the two, or leave one out"},
		{"overlap", "  - who: {ages: 5-12}\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := string(text)
			if tt.name == "gap" {
				// Take out the whole rule: its who and every line up to the next rule's.
				i := strings.Index(src, rule)
				j := strings.Index(src[i+len(rule):], "  - who:")
				if i < 0 || j < 0 {
					t.Fatal("default.yaml has no stay rule for 5-9 followed by another")
				}
				src = src[:i] + src[i+len(rule)+j:]
			} else {
				src = strings.Replace(src, rule, tt.new, 1)
			}
			if src == string(text) {
				t.Fatalf("default.yaml has no line %q", rule)
			}
			_, err := scenarios.Parse(strings.NewReader(src), "default.yaml", nil)
			var got []string
			for _, e := range scenarios.Problems(err) {
				if e != nil {
					got = append(got, e.Error())
				}
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestRepeatedWhoSaysWhere checks that a stay rule or ladder that repeats an earlier one's who
// names the earlier one's line, in its own file, another or a --set, and not its index alone.
func TestRepeatedWhoSaysWhere(t *testing.T) {
	const file = `extends: default
stays:
  - who: {ages: 0-17}
    stay: {distribution: exponential, mean_days: 700}
    exits: {return_home: 1}
  - who: {ages: 0-17}
    stay: {distribution: exponential, mean_days: 900}
    exits: {return_home: 1}
`
	for _, tt := range []struct {
		name string
		sets []string
		want string
	}{
		{"file", nil, "mine.yaml:6:10: stays[1].who: repeats the who of stays[0] (on line 3), which is matched first"},
		{"set", []string{"stays[0].who={ages: 0-17, uasc: not}", "stays[1].who={ages: 0-17, uasc: not}"},
			"--set stays[1].who={ages: 0-17, uasc: not}: stays[1].who: repeats the who of stays[0] (in --set stays[0].who={ages: 0-17, uasc: not}), which is matched first"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse(strings.NewReader(file), "mine.yaml", tt.sets)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n%v\nwant it to hold\n%s", err, tt.want)
			}
		})
	}
}

// TestStockStaysEveryProblemAtOnce checks that a stock_stays rule that repeats another's who
// does not hide the stock groups no rule selects, and that the gap names every group left
// out (the first few, and how many more): stock_stays of {uasc: not} twice over default's
// stock was told of the repeat alone, and {uasc: not} once of stock[30] alone.
func TestStockStaysEveryProblemAtOnce(t *testing.T) {
	const rule = `  - who: {uasc: not}
    stay: {distribution: exponential, mean_days: 400}
    exits: {other: 1}
`
	const gap = "mine.yaml:3:3: stock_stays: children aged 11 who are UASC, placed in inhouse_foster (stock[30]), have no stock_stays rule; nor have children of 18 more stock groups: stock[32], stock[34], stock[36], stock[38], stock[40] and 13 more"
	for _, tt := range []struct {
		name string
		file string
		want []string
	}{
		{"gap", "extends: default\nstock_stays:\n" + rule, []string{gap}},
		{"gap and repeat", "extends: default\nstock_stays:\n" + rule + rule, []string{gap,
			"mine.yaml:6:10: stock_stays[1].who: repeats the who of stock_stays[0] (on line 3), which is matched first, so no child ever reaches this rule: change one of the two, or leave one out"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse(strings.NewReader(tt.file), "mine.yaml", nil)
			var got []string
			for _, e := range scenarios.Problems(err) {
				if e != nil {
					got = append(got, e.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
