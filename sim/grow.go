package sim

import "unsafe"

// grown returns s with room for n more elements. Where it must move them, it takes memory
// with make and copies s there, rather than through slices.Grow or append, which clear the
// whole new room as they grow: memory the Go runtime takes afresh from the system is zero
// already and is not cleared again, so its pages are first written only as the run fills
// them, and a margin the run never reaches is never written at all. The new memory is also
// offered huge pages (adviseHuge), before anything is written to it. At 100 times the county,
// whose arrays take tens of megabytes read at random, each small page first written is a page
// fault, and each read of a page the processor's translation buffer no longer holds walks the
// page tables; the county's arrays, under a huge page each, are left as they were.
func grown[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	t := make([]T, len(s), len(s)+n)
	var zero T
	adviseHuge(unsafe.Pointer(unsafe.SliceData(t)), uintptr(cap(t))*unsafe.Sizeof(zero))
	copy(t, s)
	return t
}
