//go:build !linux

package main

import (
	"errors"
	"io/fs"
)

// errNoExchange says that the system or file system cannot swap two folders in one step.
var errNoExchange = errors.New("cannot exchange folders atomically")

// exchange reports that this system has no call that swaps two folders in one step: writeDir
// swaps them with two renames.
func exchange(a, b string) error { return errNoExchange }

// deviceOf returns 0: on this system a mount point is found when renaming it fails.
func deviceOf(fs.FileInfo) uint64 { return 0 }
