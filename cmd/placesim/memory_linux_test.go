package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMachineMemoryReadsOwnCgroup checks that the memory limit is the smallest over
// placesim's own control group and every group above it, on cgroup v2 and v1, under a fake
// root.
func TestMachineMemoryReadsOwnCgroup(t *testing.T) {
	const gib = 1 << 30
	meminfo := "MemTotal:       65536000 kB\nMemFree: 1 kB\n" // 62.5 GiB
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  int64
	}{
		{"v2 limit two levels up", map[string]string{
			"proc/self/cgroup":                                            "0::/system.slice/job.slice/run-1.scope\n",
			"sys/fs/cgroup/memory.max":                                    "max\n",
			"sys/fs/cgroup/system.slice/memory.max":                       "max\n",
			"sys/fs/cgroup/system.slice/job.slice/memory.max":             "4294967296\n",
			"sys/fs/cgroup/system.slice/job.slice/run-1.scope/memory.max": "max\n",
		}, 4 * gib},
		{"v2 own group's limit below its parent's", map[string]string{
			"proc/self/cgroup":             "0::/a/b\n",
			"sys/fs/cgroup/a/memory.max":   "8589934592\n",
			"sys/fs/cgroup/a/b/memory.max": "2147483648\n",
		}, 2 * gib},
		{"v2 no limit anywhere", map[string]string{
			"proc/self/cgroup":             "0::/a/b\n",
			"sys/fs/cgroup/a/memory.max":   "max\n",
			"sys/fs/cgroup/a/b/memory.max": "max\n",
		}, 65536000 << 10},
		{"v2 group files missing, container sees its group as the top", map[string]string{
			"proc/self/cgroup":         "0::/\n",
			"sys/fs/cgroup/memory.max": "3221225472\n",
		}, 3 * gib},
		{"v1 memory controller", map[string]string{
			"proc/self/cgroup":                                             "5:cpu,cpuacct:/slurm/uid_1/job_7\n4:memory:/slurm/uid_1/job_7/step_0\n0::/\n",
			"sys/fs/cgroup/memory/memory.limit_in_bytes":                   "9223372036854771712\n",
			"sys/fs/cgroup/memory/slurm/memory.limit_in_bytes":             "9223372036854771712\n",
			"sys/fs/cgroup/memory/slurm/uid_1/job_7/memory.limit_in_bytes": "6442450944\n",
		}, 6 * gib},
		{"v1 huge values only", map[string]string{
			"proc/self/cgroup": "4:memory:/x\n",
			"sys/fs/cgroup/memory/x/memory.limit_in_bytes": "9223372036854771712\n",
		}, 65536000 << 10},
		{"nothing but meminfo", map[string]string{}, 65536000 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			tc.files["proc/meminfo"] = meminfo
			for p, s := range tc.files {
				full := filepath.Join(root, p)
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := machineMemoryAt(root); got != tc.want {
				t.Errorf("machineMemoryAt = %d, want %d", got, tc.want)
			}
		})
	}
	if got := machineMemoryAt(t.TempDir()); got != defaultMachineMemory {
		t.Errorf("with nothing to read: %d, want the default %d", got, int64(defaultMachineMemory))
	}
}
