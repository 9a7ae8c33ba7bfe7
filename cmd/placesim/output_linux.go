package main

import (
	"errors"
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// errNoExchange says that the system or file system cannot swap two folders in one step.
var errNoExchange = errors.New("cannot exchange folders atomically")

// exchange swaps the folders a and b in one step (renameat2 with RENAME_EXCHANGE): whoever
// opens b sees the old folder or the new, never neither. It returns errNoExchange where the
// kernel or the file system does not offer it.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return errNoExchange
	}
	return err
}

// deviceOf returns the device a file is on, as its Stat_t says.
func deviceOf(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev)
	}
	return 0
}
