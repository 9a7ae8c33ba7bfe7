package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// machineMemory is the machine's memory, in bytes: the smaller of MemTotal in /proc/meminfo
// and the limits of the control group placesim runs in and of every group above it
// (machineMemoryAt), or defaultMachineMemory when none can be read.
func machineMemory() int64 { return machineMemoryAt("/") }

// cgroupNoLimit is where a cgroup v1 memory.limit_in_bytes stops being a limit: v1 writes
// "no limit" as the largest multiple of the page size below 2^63, 9223372036854771712.
const cgroupNoLimit = 1 << 62

// machineMemoryAt is machineMemory read under root (a fake root in tests): the smallest of
// MemTotal in proc/meminfo, the memory.max (cgroup v2) or memory.limit_in_bytes (v1, of the
// memory controller) of placesim's own group, named in proc/self/cgroup, and of every group
// above it up to sys/fs/cgroup, and the top level's own file, for a container that sees its
// group as the top. "max" and v1's huge values mean no limit; a file missing is no limit.
func machineMemoryAt(root string) int64 {
	var total int64
	take := func(n int64) {
		if n > 0 && n < cgroupNoLimit && (total == 0 || n < total) {
			total = n
		}
	}
	if f, err := os.Open(filepath.Join(root, "proc/meminfo")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err == nil && kb > 0 {
					take(kb << 10)
				}
				break
			}
		}
		f.Close()
	}
	readLimit := func(p string) {
		b, err := os.ReadFile(p)
		if err != nil {
			return
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64) // "max" does not parse: no limit
		if err == nil {
			take(n)
		}
	}
	// walk reads file in the group dir and every group above it up to top.
	walk := func(top, group, file string) {
		group = filepath.Clean("/" + group)
		for {
			readLimit(filepath.Join(top, group, file))
			if group == "/" {
				return
			}
			group = filepath.Dir(group)
		}
	}
	cgroupRoot := filepath.Join(root, "sys/fs/cgroup")
	if b, err := os.ReadFile(filepath.Join(root, "proc/self/cgroup")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			// hierarchy-ID:controllers:path; v2's is "0::/path".
			id, rest, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			controllers, group, ok := strings.Cut(rest, ":")
			if !ok {
				continue
			}
			if id == "0" && controllers == "" {
				walk(cgroupRoot, group, "memory.max")
				continue
			}
			for _, c := range strings.Split(controllers, ",") {
				if c == "memory" {
					walk(filepath.Join(cgroupRoot, "memory"), group, "memory.limit_in_bytes")
				}
			}
		}
	}
	// The top level's own files: a container that sees its group as "/" reads its limit here.
	readLimit(filepath.Join(cgroupRoot, "memory.max"))
	readLimit(filepath.Join(cgroupRoot, "memory", "memory.limit_in_bytes"))
	if total <= 0 {
		return defaultMachineMemory
	}
	return total
}
