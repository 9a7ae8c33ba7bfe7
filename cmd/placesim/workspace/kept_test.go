package workspace

import (
	"slices"
	"testing"
)

// TestKept checks the bounds of what the workspace keeps: at most max values, at most maxWeight
// of their weights added up, oldest forgotten first, but always the newest however heavy; and
// that drop forgets a key only while it still holds the value dropped.
func TestKept(t *testing.T) {
	type run struct{ reps int }
	keys := func(k *kept[*run]) []string { return slices.Clone(k.order) }

	// By count alone: the last 4 (the baselines' runs).
	k := newKept[*run](4, nil, 0)
	for _, key := range []string{"a", "b", "c", "d", "e"} {
		k.put(key, &run{1000})
	}
	if got := keys(k); !slices.Equal(got, []string{"b", "c", "d", "e"}) {
		t.Errorf("by count: kept %v, want b c d e", got)
	}
	if _, ok := k.get("a"); ok {
		t.Error("by count: a still kept")
	}

	// By count and weight: at most 8, and 3,000 replications (the comparisons).
	k = newKept(8, func(r *run) int { return r.reps }, 3000)
	for _, key := range []string{"a", "b", "c"} {
		k.put(key, &run{1000})
	}
	if got := keys(k); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("3,000 replications: kept %v, want a b c", got)
	}
	k.put("d", &run{1})
	if got := keys(k); !slices.Equal(got, []string{"b", "c", "d"}) {
		t.Errorf("3,001 replications: kept %v, want b c d", got)
	}
	k.put("big", &run{5000})
	if got := keys(k); !slices.Equal(got, []string{"big"}) {
		t.Errorf("the newest alone over the bound: kept %v, want big", got)
	}
	for i := range 10 {
		k.put(string(rune('0'+i)), &run{1})
	}
	if got := keys(k); !slices.Equal(got, []string{"2", "3", "4", "5", "6", "7", "8", "9"}) {
		t.Errorf("by count with weights: kept %v, want the last 8", got)
	}
	if last, ok := k.newest(); !ok || last != k.m["9"] || k.len() != 8 {
		t.Errorf("newest %v %v, len %d", last, ok, k.len())
	}

	// drop forgets a key only while it holds the value dropped: a run stopped after a newer
	// one of the same key took its place leaves the newer.
	k = newKept[*run](4, nil, 0)
	old, renewed := &run{1}, &run{2}
	k.put("x", old)
	k.put("y", &run{3})
	k.drop("x", old)
	k.put("x", renewed)
	k.drop("x", old)
	if v, ok := k.get("x"); !ok || v != renewed {
		t.Errorf("x: %v %v, want the newer run kept", v, ok)
	}
	if got := keys(k); !slices.Equal(got, []string{"y", "x"}) {
		t.Errorf("after drops: kept %v, want y x", got)
	}
	k.drop("x", renewed)
	if got := keys(k); !slices.Equal(got, []string{"y"}) {
		t.Errorf("after dropping x: kept %v, want y", got)
	}
	if _, ok := newKept[*run](1, nil, 0).newest(); ok {
		t.Error("an empty kept has a newest")
	}
}
