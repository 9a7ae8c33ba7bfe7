package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that what Parse accepts validates, and that
// Encode of it parses back deep-equal. The seed corpus is the built-in and test scenarios; run
// it longer with go test ./scenarios -fuzz FuzzParse -fuzztime 30s.
func FuzzParse(f *testing.F) {
	for _, b := range Builtins() {
		src, err := Source(b.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	files = append(files, "testdata/every_action.yaml")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("a: &x [*x, *x]\n"))
	f.Add([]byte("extends: erlang\nkinds: [{name: ifa, weekly_gbp: {standard: 1e400}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(bytes.NewReader(data), "fuzz.yaml", nil)
		if err != nil {
			return
		}
		if ps := s.Validate(); ps != nil {
			t.Fatalf("Parse accepted a scenario that does not validate: %v", ps.Err())
		}
		var buf bytes.Buffer
		if err := Encode(&buf, s, EncodeOptions{}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		back, err := Parse(&buf, "fuzz.yaml", nil)
		if err != nil {
			t.Fatalf("Parse(Encode(s)): %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(back, s) {
			t.Fatalf("Parse(Encode(s)) differs from s\n%s", buf.String())
		}
	})
}

// FuzzSet checks that no --set override makes loading panic.
func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"entries.per_year=360", "kinds.ifa.weekly_gbp.standard=950", "ladders[0].try=[inhouse_foster,ifa]",
		"a..b=1", "kinds[9].x=1", "years=[", "entries.ages[0]={ages: 0, share: 1}", "=", "x[0][1]=2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, set string) {
		_, _ = Load("erlang", []string{set})
	})
}
