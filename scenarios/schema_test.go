package scenarios

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// The schema is checked with santhosh-tekuri/jsonschema, a validator that passes the whole
// JSON-Schema-Test-Suite for draft-07 and later, is kept up to date, and depends on nothing
// beyond golang.org/x/text: an independent reading of the schema, not placesim's own.

// compiledSchema compiles the schema WriteSchema writes.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSchema(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlToJSON returns the YAML document text as the JSON value an editor's YAML server checks:
// mapping keys as strings, aliases resolved, dates as strings.
func yamlToJSON(t *testing.T, text []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(text, &n); err != nil {
		t.Fatal(err)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			return conv(n.Content[0])
		case yaml.AliasNode:
			return conv(n.Alias)
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			l := []any{}
			for _, c := range n.Content {
				l = append(l, conv(c))
			}
			return l
		}
		if n.ShortTag() == "!!timestamp" {
			return n.Value
		}
		var v any
		if err := n.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	b, err := json.Marshal(conv(&n))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaFile checks that scenario.schema.json, the file SchemaURL serves, is the schema
// WriteSchema writes; go test -update rewrites it.
func TestSchemaFile(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSchema(&buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("scenario.schema.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("scenario.schema.json is not the schema WriteSchema writes: go test ./scenarios -run TestSchemaFile -update rewrites it")
	}
}

// TestSchemaAcceptsLibrary checks every built-in scenario file, the library included, and
// every file Encode writes of them, against the schema.
func TestSchemaAcceptsLibrary(t *testing.T) {
	s := compiledSchema(t)
	files, err := fs.Glob(library, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := fs.Glob(library, "validation/*.yaml")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("only %d built-in files", len(files))
	}
	for _, f := range append(files, "testdata/every_action.yaml") {
		t.Run(f, func(t *testing.T) {
			var text []byte
			if strings.HasPrefix(f, "testdata/") {
				text, err = os.ReadFile(f)
			} else {
				text, err = fs.ReadFile(library, f)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(yamlToJSON(t, text)); err != nil {
				t.Errorf("%s does not follow the schema:\n%v", f, err)
			}
		})
	}
	for _, b := range Builtins() {
		t.Run("encoded "+b.Name, func(t *testing.T) {
			r, err := Resolve(b.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Encode(&buf, r.Scenario, EncodeOptions{Header: "a header"}); err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(buf.String(), "\n"); first != SchemaComment {
				t.Errorf("Encode's first line is %q, want %q", first, SchemaComment)
			}
			if err := s.Validate(yamlToJSON(t, buf.Bytes())); err != nil {
				t.Errorf("Encode of %s does not follow the schema:\n%v", b.Name, err)
			}
		})
	}
}

// TestSchemaRejects checks that files Parse refuses for a key or a value out of its range fail
// the schema too, and a good one passes.
func TestSchemaRejects(t *testing.T) {
	s := compiledSchema(t)
	const base = "extends: default\n"
	for _, tt := range []struct {
		name, text string
		ok         bool
	}{
		{"good", base + "years: 5\nentries: {per_year: 300}\nemergency: {weekly_gbp: \"£12,000\", retry_days: 2 weeks}\n", true},
		{"unknown key at the top", base + "yeers: 5\n", false},
		{"unknown nested key", base + "entries: {per_yaer: 300}\n", false},
		{"unknown key in a list", base + "kinds: [{name: ifa, wekly_gbp: 900}]\n", false},
		{"years above its range", base + "years: 51\n", false},
		{"share above 1", base + "escalation_share: 1.5\n", false},
		{"negative price", base + "emergency: {weekly_gbp: -1}\n", false},
		{"need share out of range", base + "entries: {ages: [{ages: 0-17, share: 1, needs: {standard: 2}}]}\n", false},
		{"unknown need", base + "entries: {ages: [{ages: 0-17, share: 1, needs: {normal: 1}}]}\n", false},
		{"unknown action", base + "interventions: [{action: recruit, from: 2027-04-01}]\n", false},
		{"bad money", base + "emergency: {weekly_gbp: twelve}\n", false},
		{"bad duration", base + "emergency: {retry_days: 2 fortnights}\n", false},
		{"years not whole", base + "years: 2.5\n", false},
		{"a market of one place", base + "kinds: [{name: ifa, capacity_places: 1}]\n", true},
		{"a market of no places", base + "kinds: [{name: ifa, capacity_places: 0}]\n", false},
		{"an unlimited market", base + "kinds: [{name: ifa, capacity_places: unlimited}]\n", true},
		{"a kind's price as money", base + "kinds: [{name: ifa, weekly_gbp: £450}]\n", true},
		{"a kind's price by need as money", base + "kinds: [{name: ifa, weekly_gbp: {standard: £950, complex: \"£1,250\"}}]\n", true},
		{"a kind's price by need as a number", base + "kinds: [{name: ifa, weekly_gbp: {standard: 950, complex: 1250}}]\n", true},
		{"the UASC grant as money", base + "uasc: {grant_per_night_gbp: £143}\n", true},
		{"a kind's price as bad money", base + "kinds: [{name: ifa, weekly_gbp: {standard: lots}}]\n", false},
		{"a kind's price above its range", base + "kinds: [{name: ifa, weekly_gbp: {standard: 200000}}]\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, perr := Parse(strings.NewReader(tt.text), "t.yaml", nil)
			if (perr == nil) != tt.ok {
				t.Fatalf("Parse gives %v, want ok=%v: the case does not test what it says", perr, tt.ok)
			}
			err := s.Validate(yamlToJSON(t, []byte(tt.text)))
			if tt.ok && err != nil {
				t.Errorf("the schema refuses a good file:\n%v", err)
			}
			if !tt.ok && err == nil {
				t.Errorf("the schema accepts:\n%s", tt.text)
			}
		})
	}
}

// TestSchemaDescribesEveryField checks that every field of the schema has a description that
// says something, and that fields with a range say it.
func TestSchemaDescribesEveryField(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSchema(&buf); err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	fields := 0
	var walk func(p string, s map[string]any)
	walk = func(p string, s map[string]any) {
		if props, ok := s["properties"].(map[string]any); ok {
			for k, v := range props {
				f := v.(map[string]any)
				kp := join(p, k)
				fields++
				d, _ := f["description"].(string)
				if len(d) < 10 {
					t.Errorf("%s: description %q", kp, d)
				}
				if _, ranged := f["maximum"]; ranged && !strings.Contains(d, "Range: ") {
					t.Errorf("%s: has a range but its description does not say it: %q", kp, d)
				}
				walk(kp, f)
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(p+"[]", items)
		}
	}
	walk("", root)
	if fields < 150 {
		t.Errorf("only %d fields described", fields)
	}
	for _, want := range []string{"Unit: £ a week", "Range: between 1 and 50 years", "Read by: extra_approvals (required)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the schema never says %q", want)
		}
	}
}

func TestWithSchemaLine(t *testing.T) {
	own := "# yaml-language-server: $schema=./scenario.schema.json\nname: x\n"
	for _, tt := range []struct{ text, want string }{
		{"name: x\n", SchemaComment + "\nname: x\n"},
		{"# my plan\nname: x\n", SchemaComment + "\n# my plan\nname: x\n"},
		{own, own},
		{"# my plan\n" + own, "# my plan\n" + own},
		{SchemaComment + "\nname: x\n", SchemaComment + "\nname: x\n"},
	} {
		if got := WithSchemaLine(tt.text); got != tt.want {
			t.Errorf("WithSchemaLine(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
