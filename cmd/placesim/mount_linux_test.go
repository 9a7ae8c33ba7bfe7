package main

import "syscall"

// mountTmpfs mounts a small tmpfs on dir, where the process may.
func mountTmpfs(dir string) error { return syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=16m") }

// unmount unmounts dir.
func unmount(dir string) { syscall.Unmount(dir, syscall.MNT_DETACH) }

// mountReadOnly mounts a small read-only tmpfs on dir, where the process may.
func mountReadOnly(dir string) error {
	return syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_RDONLY, "size=1m")
}

// remountReadOnly makes the file system mounted on dir read-only.
func remountReadOnly(dir string) error {
	return syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, "")
}
