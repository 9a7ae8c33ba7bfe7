package workspace

import "slices"

// kept holds the last few values the workspace keeps (comparisons for their exports, runs
// that later requests reuse) by key, oldest first: at most max of them, and, with a weight, at
// most maxWeight of their weights added up; but always the newest, however heavy. It is not
// safe for use at once by several goroutines: its owner holds a lock.
type kept[V comparable] struct {
	max, maxWeight int
	weight         func(V) int // nil: no bound on the weights
	m              map[string]V
	order          []string
}

// newKept returns an empty kept of at most max values; weight and maxWeight, when weight is not
// nil, bound their weights added up too.
func newKept[V comparable](max int, weight func(V) int, maxWeight int) *kept[V] {
	return &kept[V]{max: max, maxWeight: maxWeight, weight: weight, m: map[string]V{}}
}

// get returns the value of key, and whether there is one.
func (k *kept[V]) get(key string) (V, bool) {
	v, ok := k.m[key]
	return v, ok
}

// put keeps v as key's value, the newest, and forgets the oldest beyond the bounds.
func (k *kept[V]) put(key string, v V) {
	if _, ok := k.m[key]; ok {
		k.order = slices.DeleteFunc(k.order, func(o string) bool { return o == key })
	}
	k.m[key] = v
	k.order = append(k.order, key)
	total := 0
	if k.weight != nil {
		for _, o := range k.order {
			total += k.weight(k.m[o])
		}
	}
	for len(k.order) > 1 && (len(k.order) > k.max || k.weight != nil && total > k.maxWeight) {
		if k.weight != nil {
			total -= k.weight(k.m[k.order[0]])
		}
		delete(k.m, k.order[0])
		k.order = k.order[1:]
	}
}

// drop forgets key if v is still its value: a run that failed or was stopped, which a newer one
// of the same key may have replaced since.
func (k *kept[V]) drop(key string, v V) {
	if cur, ok := k.m[key]; !ok || cur != v {
		return
	}
	delete(k.m, key)
	if i := slices.Index(k.order, key); i >= 0 {
		k.order = slices.Delete(k.order, i, i+1)
	}
}

// newest returns the value kept last, and whether there is one.
func (k *kept[V]) newest() (V, bool) {
	if len(k.order) == 0 {
		var zero V
		return zero, false
	}
	return k.m[k.order[len(k.order)-1]], true
}

// len returns how many values are kept.
func (k *kept[V]) len() int { return len(k.order) }
