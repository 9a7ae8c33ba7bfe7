//go:build !amd64

package sim

import "unsafe"

// prefetch does nothing on this architecture (see the amd64 version).
func prefetch(unsafe.Pointer) {}
