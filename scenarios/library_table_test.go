package scenarios

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	mdblocks "github.com/placesim/placesim/scenarios/readme"
	"gopkg.in/yaml.v3"
)

// TestLibraryTable checks README.md's table of the what-if library (figures:library-table)
// against the files themselves: each scenario's description as its question, and what its
// file changes, read from the file. It fails when the table is stale; with -update (make
// figures) it rewrites it.
func TestLibraryTable(t *testing.T) {
	const path = "README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("| name | the question (its `description`) | what its file changes |\n|---|---|---|")
	for _, info := range Builtins() {
		if info.Name == "default" || strings.Contains(info.File, "/") {
			continue
		}
		src, err := os.ReadFile(info.File)
		if err != nil {
			t.Fatal(err)
		}
		changes, err := libraryChanges(src)
		if err != nil {
			t.Fatalf("%s: %v", info.File, err)
		}
		fmt.Fprintf(&b, "\n| `%s` | %s | %s |", info.Name, strings.TrimSpace(info.Description), changes)
	}
	text := string(data)
	regenerated, err := mdblocks.Figures("library-table").Replace(text, b.String())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	switch {
	case regenerated == text:
	case *update:
		if err := os.WriteFile(path, []byte(regenerated), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s's figures:library-table", path)
	default:
		t.Errorf("%s's figures:library-table is stale: make figures (or go test ./scenarios -run TestLibraryTable -update) rewrites it", path)
	}
}

// TestLibraryChanges checks the words the library table gives a file's changes.
func TestLibraryChanges(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"one intervention, all run", "interventions:\n  - {action: entry_rate, label: x, from: 2026-04-01, factor: 0.9, cost: {per_unit_gbp: 1}}\n",
			"`entry_rate` `factor` 0.9 from April 2026"},
		{"a series over the years", "interventions:\n" +
			"  - {action: retention, label: a, from: 2026-04-01, to: 2027-04-01, kind: inhouse_foster, factor: 1.22}\n" +
			"  - {action: retention, label: b, from: 2027-04-01, to: 2029-04-01, kind: inhouse_foster, factor: 1.1}\n",
			"`retention` of `inhouse_foster` `factor` 1.22 in 2026/27, 1.1 from April 2027 to April 2029"},
		{"two fields, and a field of its own", "uasc:\n  transfer_threshold_share: 0.0007\ninterventions:\n" +
			"  - {action: block_beds, label: a, from: 2026-04-01, kind: b, count: 3, fixed_cost_per_year_gbp: 260000}\n",
			"`uasc.transfer_threshold_share` 0.0007; `block_beds` of `b` `count` 3, `fixed_cost_per_year_gbp` 260000 from April 2026"},
		{"a kind of its own", "kinds:\n  - name: solo_home\n    label: x\nladders:\n  - who: {needs: [solo]}\n",
			"`kinds`: `solo_home`; its own `ladders`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := libraryChanges([]byte("name: x\ndescription: y\nextends: default\n" + c.src))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// libraryChanges says what a library file changes in the scenario it extends: each field it
// sets, and each intervention's action with the figures it gives, in the order of the file;
// consecutive interventions of the same action, kind and fields read as one series over time.
func libraryChanges(src []byte) (string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return "", err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return "", fmt.Errorf("not a mapping")
	}
	root := doc.Content[0]
	var parts []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i].Value, root.Content[i+1]
		switch key {
		case "name", "description", "extends":
		case "interventions":
			parts = append(parts, interventionChanges(val)...)
		default:
			parts = append(parts, fieldChanges(key, val)...)
		}
	}
	return strings.Join(parts, "; "), nil
}

// fieldChanges says what a top-level field sets: each scalar by its path, a list of named
// items by their names, and any other list as the file's own.
func fieldChanges(path string, n *yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{fmt.Sprintf("`%s` %s", path, n.Value)}
	case yaml.MappingNode:
		var out []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = append(out, fieldChanges(path+"."+n.Content[i].Value, n.Content[i+1])...)
		}
		return out
	}
	var names []string
	for _, item := range n.Content {
		if name := mappingValue(item, "name"); name != "" {
			names = append(names, "`"+name+"`")
		}
	}
	if len(names) == len(n.Content) && len(names) > 0 {
		return []string{fmt.Sprintf("`%s`: %s", path, strings.Join(names, ", "))}
	}
	return []string{fmt.Sprintf("its own `%s`", path)}
}

// interventionChanges says what a list of interventions does, a series at a time.
func interventionChanges(list *yaml.Node) []string {
	// Fields that say when, where and what it is called, or what it costs to run (the
	// README's own section), rather than what it changes.
	skip := map[string]bool{"action": true, "label": true, "from": true, "to": true, "kind": true, "cost": true, "name": true, "local": true}
	type item struct {
		head   string // the action and kind
		fields []string
		values []string
		period string
	}
	var items []item
	for _, n := range list.Content {
		it := item{head: "`" + mappingValue(n, "action") + "`", period: period(mappingValue(n, "from"), mappingValue(n, "to"))}
		if kind := mappingValue(n, "kind"); kind != "" {
			it.head += " of `" + kind + "`"
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i].Value; !skip[k] {
				it.fields = append(it.fields, k)
				it.values = append(it.values, n.Content[i+1].Value)
			}
		}
		items = append(items, it)
	}
	var out []string
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && items[j].head == items[i].head && strings.Join(items[j].fields, ",") == strings.Join(items[i].fields, ",") {
			j++
		}
		var steps []string
		for k, it := range items[i:j] {
			var vals []string
			for f, v := range it.values {
				if k == 0 {
					vals = append(vals, "`"+it.fields[f]+"` "+v)
				} else {
					vals = append(vals, v)
				}
			}
			steps = append(steps, strings.TrimSpace(strings.Join(vals, ", ")+" "+it.period))
		}
		out = append(out, items[i].head+" "+strings.Join(steps, ", "))
		i = j
	}
	return out
}

// period says when an intervention runs: a financial year, or from one month to another.
func period(from, to string) string {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return ""
	}
	if to == "" {
		return "from " + f.Format("January 2006")
	}
	e, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return "from " + f.Format("January 2006")
	}
	if f.Month() == time.April && f.Day() == 1 && e.Equal(f.AddDate(1, 0, 0)) {
		return fmt.Sprintf("in %d/%02d", f.Year(), (f.Year()+1)%100)
	}
	return "from " + f.Format("January 2006") + " to " + e.Format("January 2006")
}

// mappingValue returns the scalar value of key in a mapping node, or "".
func mappingValue(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Value
		}
	}
	return ""
}
