package scenarios

import (
	"strings"
	"testing"
)

// TestStockKindCannotTake checks that a stock group placed in a kind that does not accept its
// children is refused, at the group's kind, with the file and line, which of its children the
// kind cannot take and what the kind takes; a group the kind takes in full passes.
func TestStockKindCannotTake(t *testing.T) {
	tests := []struct {
		name, stock string
		want        []string // each a problem's whole text; none for a scenario that passes
	}{
		{"too young for the homes", "  - {kind: inhouse_home, ages: 8, count: 20, needs: {complex: 1}}\n",
			[]string{"stock.yaml:3:12: stock[0].kind: inhouse_home takes children aged 10-17, not the group's 20 children aged 8 of complex need: place them in a kind that takes them, or widen inhouse_home's accepts"}},
		{"too young for supported accommodation", "  - {kind: supported_accommodation, ages: 12, count: 3}\n",
			[]string{"stock.yaml:3:12: stock[0].kind: supported_accommodation takes children aged 16-17 of standard or complex need, not the group's 3 children aged 12 of standard need: place them in a kind that takes them, or widen supported_accommodation's accepts"}},
		{"some of the ages", "  - {kind: supported_accommodation, ages: 14-17, count: 30, needs: {standard: 0.8, complex: 0.2}}\n",
			[]string{"stock.yaml:3:12: stock[0].kind: supported_accommodation takes children aged 16-17 of standard or complex need, not the group's children aged 14-15 (of its 30 children aged 14-17 of standard or complex need): place them in a kind that takes them, or widen supported_accommodation's accepts"}},
		{"a need", "  - {kind: ifa, ages: 16-17, count: 5, needs: {solo: 1}, uasc: true}\n",
			[]string{"stock.yaml:3:12: stock[0].kind: ifa takes children aged 0-17 of standard or complex need, not the group's 5 children aged 16-17 of solo need who are UASC: place them in a kind that takes them, or widen ifa's accepts"}},
		{"taken", "  - {kind: supported_accommodation, ages: 16-17, count: 30}\n  - {kind: inhouse_home, ages: 10-17, count: 4, needs: {complex: 1}}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader("extends: default\nstock:\n"+tt.stock), "stock.yaml", nil)
			var got []string
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					if strings.Contains(line, ".kind:") {
						got = append(got, line)
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s\n(all: %v)", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), err)
			}
		})
	}
}

// TestStockKindOneChild checks that a group of one child is said in the singular.
func TestStockKindOneChild(t *testing.T) {
	_, err := Parse(strings.NewReader("extends: default\nstock:\n  - {kind: kinship, ages: 13, count: 1, uasc: true}\n"), "one.yaml", nil)
	want := "one.yaml:3:12: stock[0].kind: kinship takes children aged 0-17 of standard need who are not UASC, not the group's 1 child aged 13 of standard need who are UASC: place them in a kind that takes them, or widen kinship's accepts"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}
