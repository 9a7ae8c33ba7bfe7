package sim

import "unsafe"

// prefetch asks the processor to bring the cache line at p from memory, without waiting for
// it: a hint, which changes nothing the program computes.
//
//go:noescape
func prefetch(p unsafe.Pointer)
