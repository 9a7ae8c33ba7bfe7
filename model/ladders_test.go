package model

import (
	"reflect"
	"testing"
)

func TestTryFirst(t *testing.T) {
	solo := Selector{Ages: AllAges, Needs: NeedsOf(NeedSolo)}
	const home, ext, fos, sa KindID = 9, 1, 2, 3
	tests := []struct {
		name    string
		ladders []Ladder
		want    []Ladder
		kept    []int
	}{
		{"a solo ladder gains the kind first and the copy it stood for goes", []Ladder{
			{Who: solo, Try: []KindID{ext}},
			{Who: Selector{Ages: AgeRange{16, 17}, UASC: UASCOnly}, Try: []KindID{sa, ext}},
			{Who: Selector{Ages: AllAges}, Try: []KindID{fos, ext}},
		}, []Ladder{
			{Who: solo, Try: []KindID{home, ext}},
			{Who: Selector{Ages: AgeRange{16, 17}, UASC: UASCOnly}, Try: []KindID{sa, ext}},
			{Who: Selector{Ages: AllAges}, Try: []KindID{fos, ext}},
		}, []int{1, 2}},
		{"ladders by age each give their solo children the kind first, shares left out", []Ladder{
			{Who: Selector{Ages: AgeRange{0, 9}, Needs: NeedsOf(NeedStandard)}, Try: []KindID{fos}},
			{Who: Selector{Ages: AgeRange{0, 11}}, Try: []KindID{fos, ext}, Shares: []float64{0.5, 0.5}},
			{Who: Selector{Ages: AgeRange{12, 17}}, Try: []KindID{home, ext}},
		}, []Ladder{
			{Who: Selector{Ages: AgeRange{0, 11}, Needs: NeedsOf(NeedSolo)}, Try: []KindID{home, fos, ext}},
			{Who: Selector{Ages: AgeRange{12, 17}, Needs: NeedsOf(NeedSolo)}, Try: []KindID{home, ext}},
			{Who: Selector{Ages: AgeRange{0, 9}, Needs: NeedsOf(NeedStandard)}, Try: []KindID{fos}},
			{Who: Selector{Ages: AgeRange{0, 11}}, Try: []KindID{fos, ext}, Shares: []float64{0.5, 0.5}},
			{Who: Selector{Ages: AgeRange{12, 17}}, Try: []KindID{home, ext}},
		}, []int{0, 1, 2}},
		{"no ladder selects the children: nothing changes", []Ladder{
			{Who: Selector{Ages: AllAges, Needs: NeedsOf(NeedStandard)}, Try: []KindID{fos}},
		}, []Ladder{
			{Who: Selector{Ages: AllAges, Needs: NeedsOf(NeedStandard)}, Try: []KindID{fos}},
		}, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, kept, _ := TryFirst(tt.ladders, solo, []KindID{home})
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(kept, tt.kept) {
				t.Errorf("got %+v kept %v\nwant %+v kept %v", got, kept, tt.want, tt.kept)
			}
		})
	}
}

func TestSelectorIntersect(t *testing.T) {
	if _, ok := (Selector{Ages: AllAges, UASC: UASCOnly}).Intersect(Selector{Ages: AllAges, UASC: UASCNot}); ok {
		t.Error("UASC only and not UASC share no child")
	}
	if _, ok := (Selector{Ages: AgeRange{0, 9}}).Intersect(Selector{Ages: AgeRange{10, 17}}); ok {
		t.Error("0-9 and 10-17 share no child")
	}
	got, ok := (Selector{Ages: AgeRange{5, 12}, Needs: NeedsOf(NeedComplex, NeedSolo)}).Intersect(Selector{Ages: AgeRange{10, 17}, Needs: NeedsOf(NeedSolo), UASC: UASCNot})
	if want := (Selector{Ages: AgeRange{10, 12}, Needs: NeedsOf(NeedSolo), UASC: UASCNot}); !ok || got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
