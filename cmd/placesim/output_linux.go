package main

import (
	"errors"
	"io/fs"
	"os"
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

// linkedIn reports whether the file fi has other names (hard links): it was linked into a
// folder rather than written there.
func linkedIn(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}

// createBulk creates the file path for a bulkFile whose whole blocks go around the page cache
// (O_DIRECT), where the file system allows it, otherwise through it.
func createBulk(path string) (*bulkFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_DIRECT, 0o666)
	if err == nil {
		return newBulkFile(f, true), nil
	}
	if !directRefused(err) {
		return nil, err
	}
	if f, err = os.Create(path); err != nil {
		return nil, err
	}
	return newBulkFile(f, false), nil
}

// directRefused reports whether err is a file system's refusal of a write or an open around
// the page cache (its alignment, or no such writes at all), rather than a failure of the disk.
func directRefused(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EOPNOTSUPP)
}

// endDirect makes the rest of f's writes go through the page cache.
func endDirect(f *os.File) error {
	flags, err := unix.FcntlInt(f.Fd(), unix.F_GETFL, 0)
	if err != nil {
		return err
	}
	_, err = unix.FcntlInt(f.Fd(), unix.F_SETFL, flags&^unix.O_DIRECT)
	return err
}
