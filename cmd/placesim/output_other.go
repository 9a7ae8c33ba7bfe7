//go:build !linux

package main

import (
	"errors"
	"io/fs"
	"os"
)

// errNoExchange says that the system or file system cannot swap two folders in one step.
var errNoExchange = errors.New("cannot exchange folders atomically")

// exchange reports that this system has no call that swaps two folders in one step: writeDir
// swaps them with two renames.
func exchange(a, b string) error { return errNoExchange }

// deviceOf returns 0: on this system a mount point is found when renaming it fails.
func deviceOf(fs.FileInfo) uint64 { return 0 }

// linkedIn reports whether the file fi has other names (hard links); here it is not known,
// and no file is taken to have.
func linkedIn(fs.FileInfo) bool { return false }

// createBulk creates the file path for a bulkFile, whose writes all go through the page cache
// on this system.
func createBulk(path string) (*bulkFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return newBulkFile(f, false), nil
}

// directRefused reports false: no write goes around the page cache on this system.
func directRefused(error) bool { return false }

// endDirect does nothing: no write goes around the page cache on this system.
func endDirect(*os.File) error { return nil }
