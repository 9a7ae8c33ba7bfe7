package sim

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on Linux's x86-64 and arm64 kernels.
const hugePage = 2 << 20

// adviseHuge asks the kernel to back with huge pages the whole huge pages within the bytes
// from p (madvise(MADV_HUGEPAGE)), as they are first written: a page already written keeps
// its small pages. It changes nothing a run computes. Where the kernel keeps transparent huge
// pages off, or has none to give, the memory stays in small pages, as it is without it.
func adviseHuge(p unsafe.Pointer, bytes uintptr) {
	off := (hugePage - uintptr(p)%hugePage) % hugePage
	if bytes < off+hugePage {
		return
	}
	n := (bytes - off) &^ (hugePage - 1)
	// An error (a kernel without transparent huge pages) leaves the memory as it was.
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, off)), n), syscall.MADV_HUGEPAGE)
}
