package scenarios

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestStockStaysKinds checks that a stock_stays rule's kinds read as the kinds they name, in
// the order given, and that the scenario encoded reads back with the same rules; a rule
// without kinds is for every kind.
func TestStockStaysKinds(t *testing.T) {
	text := `extends: default
stock_stays:
  - who: {ages: 16-17}
    kinds: [supported_accommodation, ifa]
    stay: {mean_days: 200}
    exits: {other: 1}
  - who: {ages: 0-17}
    stay: {mean_days: 900}
    exits: {return_home: 1}
`
	s, err := Parse(strings.NewReader(text), "stock.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []model.KindID
	for _, name := range []string{"supported_accommodation", "ifa"} {
		for i, k := range s.Kinds {
			if k.Name == name {
				want = append(want, model.KindID(i))
			}
		}
	}
	if len(s.StockStays) != 2 || !reflect.DeepEqual(s.StockStays[0].Kinds, want) || s.StockStays[1].Kinds != nil {
		t.Fatalf("stock_stays read as %+v, want the first rule's kinds %v and none in the second", s.StockStays, want)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "kinds: [supported_accommodation, ifa]") {
		t.Errorf("the encoded scenario does not name the rule's kinds:\n%s", buf.String())
	}
	back, err := Parse(&buf, "encoded.yaml", nil)
	if err != nil {
		t.Fatalf("the encoded scenario does not read: %v", err)
	}
	if !reflect.DeepEqual(back.StockStays, s.StockStays) {
		t.Errorf("encoded and read back: %+v, want %+v", back.StockStays, s.StockStays)
	}
}
