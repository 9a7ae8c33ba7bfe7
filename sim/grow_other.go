//go:build !linux

package sim

import "unsafe"

// adviseHuge does nothing on this system: see the Linux version.
func adviseHuge(unsafe.Pointer, uintptr) {}
