package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// k8sObject is the part of a Kubernetes manifest the tests read.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name         string `yaml:"name"`
		GenerateName string `yaml:"generateName"`
	} `yaml:"metadata"`
	Spec struct {
		TTL         *int   `yaml:"ttlSecondsAfterFinished"`
		Completions int    `yaml:"completions"`
		Mode        string `yaml:"completionMode"`
		Template    struct {
			Spec k8sPodSpec `yaml:"spec"`
		} `yaml:"template"`
		k8sPodSpec `yaml:",inline"`
	} `yaml:"spec"`
}

type k8sPodSpec struct {
	SecurityContext struct {
		RunAsNonRoot bool `yaml:"runAsNonRoot"`
		RunAsUser    *int `yaml:"runAsUser"`
		RunAsGroup   *int `yaml:"runAsGroup"`
		FSGroup      *int `yaml:"fsGroup"`
	} `yaml:"securityContext"`
	Containers []struct {
		Image        string   `yaml:"image"`
		Command      []string `yaml:"command"`
		Args         []string `yaml:"args"`
		VolumeMounts []struct {
			Name      string `yaml:"name"`
			MountPath string `yaml:"mountPath"`
			ReadOnly  bool   `yaml:"readOnly"`
		} `yaml:"volumeMounts"`
	} `yaml:"containers"`
	Volumes []struct {
		Name string `yaml:"name"`
		PVC  struct {
			ClaimName string `yaml:"claimName"`
		} `yaml:"persistentVolumeClaim"`
	} `yaml:"volumes"`
}

// manifests reads every object of the Kubernetes manifests in deploy/kubernetes, by name.
func manifests(t *testing.T) map[string]k8sObject {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "deploy", "kubernetes", "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("manifests %v (%v)", files, err)
	}
	out := map[string]k8sObject{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var o k8sObject
			if err := dec.Decode(&o); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out[o.Kind+"/"+o.Metadata.Name] = o
		}
	}
	return out
}

// TestKubernetesManifests runs what the Kubernetes manifests run, on this machine: each pod of
// the Indexed Job with its index (fewer replications and years, to be quick), then the merge
// Job on the folder they wrote; and checks that the Jobs free their names when done and that the
// fetch pod mounts the volume where the merge writes, in an image kubectl cp can copy from.
func TestKubernetesManifests(t *testing.T) {
	objs := manifests(t)
	shards, merge, fetch := objs["Job/placesim-shards"], objs["Job/placesim-merge"], objs["Pod/placesim-fetch"]
	for name, job := range map[string]k8sObject{"placesim-shards": shards, "placesim-merge": merge} {
		if job.Kind != "Job" {
			t.Fatalf("no Job %s", name)
		}
		if (job.Spec.TTL == nil || *job.Spec.TTL <= 0) && job.Metadata.GenerateName == "" {
			t.Errorf("Job %s has a fixed name and no ttlSecondsAfterFinished: applying it again fails", name)
		}
	}
	if shards.Spec.Mode != "Indexed" || shards.Spec.Completions < 2 {
		t.Fatalf("placesim-shards: completionMode %q, completions %d", shards.Spec.Mode, shards.Spec.Completions)
	}
	root := t.TempDir()
	volume := func(args []string) []string {
		var out []string
		for _, a := range args {
			out = append(out, strings.ReplaceAll(a, "/results", root))
		}
		return out
	}
	shardArgs := shards.Spec.Template.Spec.Containers[0].Args
	if !strings.Contains(strings.Join(shardArgs, " "), "--shards="+strconv.Itoa(shards.Spec.Completions)) {
		t.Errorf("the pods' --shards is not the Job's completions, %d: %q", shards.Spec.Completions, shardArgs)
	}
	reps := regexp.MustCompile(`^--reps=\d+$`)
	for i := range shards.Spec.Completions {
		t.Setenv("JOB_COMPLETION_INDEX", strconv.Itoa(i))
		var args []string
		for _, a := range volume(shardArgs) {
			a = strings.ReplaceAll(a, "$(JOB_COMPLETION_INDEX)", strconv.Itoa(i))
			if reps.MatchString(a) {
				a = "--reps=12"
			}
			args = append(args, a)
		}
		mustRun(t, append(args, "--years=2", "-q")...)
	}
	mergeArgs := volume(merge.Spec.Template.Spec.Containers[0].Args)
	o := mustRun(t, append(mergeArgs, "--charts=false")...)
	if want := "merged " + strconv.Itoa(shards.Spec.Completions) + " shards of default, 2 years, 12 replications"; !strings.Contains(o.stderr, want) {
		t.Errorf("the merge Job said %q, want %q", o.stderr, want)
	}
	var out string
	for _, a := range merge.Spec.Template.Spec.Containers[0].Args {
		if v, ok := strings.CutPrefix(a, "--out="); ok {
			out = v
		}
	}
	if _, err := os.Stat(filepath.Join(strings.ReplaceAll(out, "/results", root), "summary.csv")); err != nil {
		t.Errorf("the merge Job wrote no summary.csv in %s: %v", out, err)
	}
	// README.md quotes the merge as the Job runs it: typed as quoted, it writes where the Job
	// does.
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	job := "`placesim " + strings.Join(merge.Spec.Template.Spec.Containers[0].Args, " ") + "`"
	if text := strings.Join(strings.Fields(string(readme)), " "); !strings.Contains(text, job) {
		t.Errorf("README.md does not quote the merge Job's command, %s", job)
	}
	// The fetch pod: the same claim, mounted where the merge writes, read-only, in an image with
	// tar (not placesim's distroless one), kept running.
	if fetch.Kind != "Pod" || len(fetch.Spec.Containers) != 1 || len(fetch.Spec.Volumes) != 1 {
		t.Fatalf("fetch pod %+v", fetch)
	}
	c := fetch.Spec.Containers[0]
	if fetch.Spec.Volumes[0].PVC.ClaimName != "placesim-results" || len(c.VolumeMounts) != 1 ||
		!strings.HasPrefix(out, c.VolumeMounts[0].MountPath+"/") || !c.VolumeMounts[0].ReadOnly {
		t.Errorf("the fetch pod does not mount placesim-results read-only above %s: %+v %+v", out, fetch.Spec.Volumes, c.VolumeMounts)
	}
	if !strings.HasPrefix(c.Image, "busybox:") || len(c.Command) == 0 || c.Command[0] != "sleep" {
		t.Errorf("the fetch pod runs %s %v: want busybox (it has tar, which kubectl cp needs) sleeping", c.Image, c.Command)
	}
}

// TestImageUserWrites checks that what runs the image can write where it is told to: every
// pod of the Kubernetes manifests runs as the user and group the Dockerfile's image runs as,
// with that group as its fsGroup (so that Kubernetes lets it write to the volume), and
// deploy/README.md says how to give a folder mounted into the container (serve's --dir) to
// that user, whose saves otherwise all fail.
func TestImageUserWrites(t *testing.T) {
	dockerfile, err := os.ReadFile(filepath.Join("..", "..", "deploy", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	users := regexp.MustCompile(`(?m)^USER (\d+):(\d+)$`).FindAllStringSubmatch(string(dockerfile), -1)
	if len(users) == 0 {
		t.Fatal("deploy/Dockerfile has no USER UID:GID line")
	}
	uid, _ := strconv.Atoi(users[len(users)-1][1])
	gid, _ := strconv.Atoi(users[len(users)-1][2])
	is := func(p *int, want int) bool { return p != nil && *p == want }
	pods := 0
	for name, o := range manifests(t) {
		spec := o.Spec.Template.Spec
		if o.Kind == "Pod" {
			spec = o.Spec.k8sPodSpec
		} else if o.Kind != "Job" {
			continue
		}
		pods++
		sc := spec.SecurityContext
		if !sc.RunAsNonRoot || !is(sc.RunAsUser, uid) || !is(sc.RunAsGroup, gid) || !is(sc.FSGroup, gid) {
			t.Errorf("%s: securityContext %+v, want runAsNonRoot, runAsUser %d, runAsGroup %d and fsGroup %d, as the image runs", name, sc, uid, gid, gid)
		}
	}
	if pods < 3 {
		t.Errorf("%d pods in the manifests, want the shards', the merge's and the fetch pod's", pods)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "deploy", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("chown -R %d:%d /srv/placesim", uid, gid), // the folder of serve's docker run example
		fmt.Sprintf("fsGroup: %d", gid),
	} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("deploy/README.md does not say %q", want)
		}
	}
}

// TestMergeParentFolder checks that merge given the folder of a run's shards merges every shard
// in it, and that a folder with no shard in it is refused.
func TestMergeParentFolder(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	for i := range 3 {
		mustRun(t, "run", "--reps", "6", "--years", "1", "--shard", strconv.Itoa(i)+"/3", "-q",
			"--out", filepath.Join(run, "shard-"+strconv.Itoa(i)))
	}
	if err := os.MkdirAll(filepath.Join(run, "lost+found"), 0o755); err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(dir, "one")
	mustRun(t, "run", "--reps", "6", "--years", "1", "--charts=false", "-q", "--out", one)
	merged := filepath.Join(run, "merged")
	o := mustRun(t, "merge", run, "--charts=false", "--out", merged)
	if !strings.Contains(o.stderr, "merged 3 shards of default, 1 year, 6 replications") {
		t.Errorf("merge said %q", o.stderr)
	}
	for _, f := range outputFiles {
		if readFile(t, merged, f) != readFile(t, one, f) {
			t.Errorf("%s of the merged folder differs from one process's", f)
		}
	}
	// Merging again, with merged/ now in the folder: it is not a shard and is left out.
	if o := mustRun(t, "merge", run, "--charts=false", "--out", filepath.Join(dir, "again")); !strings.Contains(o.stderr, "merged 3 shards") {
		t.Errorf("merge again said %q", o.stderr)
	}
	if o := placesim(t, "merge", filepath.Join(run, "lost+found")); o.code != exitUsage || !strings.Contains(o.stderr, "no folder in it is one") {
		t.Errorf("an empty folder: exit %d, stderr %q", o.code, o.stderr)
	}
}

// TestMergeSkipsUnfinishedWrites leaves in a run's folder what a task killed while it wrote its
// shard leaves (kill -9, out of memory, a lost node): the temporary folder beside the shard
// folder, before its manifest.json was written and after, and one inside a shard folder written
// in place. merge of the run's folder leaves them out, naming each; merge given one by name
// refuses it in the same words; and a shard folder still being written in place is not taken
// for an older placesim's.
func TestMergeSkipsUnfinishedWrites(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	base := []string{"run", "--reps", "6", "--years", "1", "-q"}
	for i := range 3 {
		mustRun(t, slices.Concat(base, []string{"--shard", strconv.Itoa(i) + "/3", "--out", filepath.Join(run, "shard-"+strconv.Itoa(i))})...)
	}
	one := filepath.Join(dir, "one")
	mustRun(t, slices.Concat(base, []string{"--charts=false", "--out", one})...)
	// Killed before its manifest was written, and after: a copy of the shard as it then was.
	early, late := filepath.Join(run, ".shard-1.tmp-402616781"), filepath.Join(run, ".shard-2.tmp-17")
	for src, dst := range map[string]string{"shard-1": early, "shard-2": late} {
		if err := os.CopyFS(dst, os.DirFS(filepath.Join(run, src))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(early, manifestName)); err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(dir, "merged")
	o := mustRun(t, "merge", run, "--charts=false", "--out", merged)
	for _, d := range []string{early, late} {
		if want := "placesim: note: skipped " + d + ": placesim's temporary folder of a write that did not finish (its run was killed, or is still writing); safe to delete once no run is writing it\n"; !strings.Contains(o.stderr, want) {
			t.Errorf("merge did not say %q:\n%s", want, o.stderr)
		}
	}
	if !strings.Contains(o.stderr, "merged 3 shards of default, 1 year, 6 replications") {
		t.Errorf("merge said %q", o.stderr)
	}
	for _, f := range outputFiles {
		if readFile(t, merged, f) != readFile(t, one, f) {
			t.Errorf("%s of the merged folder differs from one process's", f)
		}
	}
	// Given by name, each is refused, naming the folder its run writes.
	for d, final := range map[string]string{early: "shard-1", late: "shard-2"} {
		o := placesim(t, "merge", filepath.Join(run, "shard-0"), d, "--charts=false", "--out", filepath.Join(dir, "refused"))
		want := d + ": not a shard: placesim's temporary folder of a write that did not finish (its run was killed, or is still writing); safe to delete once no run is writing it; merge " + filepath.Join(run, final)
		if o.code != exitUsage || !strings.Contains(o.stderr, want) {
			t.Errorf("merge of %s: exit %d, stderr %q; want %q", d, o.code, o.stderr, want)
		}
	}
	// A shard folder written in place (a mount point) gets its manifest.json last: until then, the
	// write's temporary folder is inside it.
	inPlace := filepath.Join(dir, "in-place")
	if err := os.CopyFS(inPlace, os.DirFS(filepath.Join(run, "shard-1"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(inPlace, manifestName)); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(inPlace, insideTmpPrefix+"123"), 0o755); err != nil {
		t.Fatal(err)
	}
	o = placesim(t, "merge", filepath.Join(run, "shard-0"), inPlace, filepath.Join(run, "shard-2"), "--charts=false", "--out", filepath.Join(dir, "refused"))
	if want := inPlace + ": no manifest.json yet, and " + insideTmpPrefix + "123 holds a write that did not finish: a run is still writing this shard, or was killed while it did; wait for it, or run the shard again"; o.code != exitUsage || !strings.Contains(o.stderr, want) || strings.Contains(o.stderr, "older placesim") {
		t.Errorf("a shard being written in place: exit %d, stderr %q; want %q", o.code, o.stderr, want)
	}
}

// slurmTask is the environment Slurm gives task id of an array of tasks first to last, count
// of them: the variables placesim-array.sbatch and placesim read.
func slurmTask(id, first, last, count int) map[string]string {
	return map[string]string{
		"SLURM_ARRAY_JOB_ID": "41", "SLURM_ARRAY_TASK_ID": strconv.Itoa(id), "SLURM_ARRAY_TASK_MIN": strconv.Itoa(first),
		"SLURM_ARRAY_TASK_MAX": strconv.Itoa(last), "SLURM_ARRAY_TASK_COUNT": strconv.Itoa(count),
	}
}

// slurmScripts returns a function that runs a script of deploy/slurm with bash, in the folder
// dir, as a Slurm task with the variables env would: placesim is this test binary, acting as
// placesim, named by PLACESIM as the scripts allow. It skips the test without bash.
func slurmScripts(t *testing.T, dir string) func(script string, env map[string]string, args ...string) outcome {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to run the scripts")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	wrapper := filepath.Join(t.TempDir(), "placesim")
	if err := os.WriteFile(wrapper, []byte("#!/bin/sh\nPLACESIM_TEST_AS_PLACESIM=1 exec '"+self+"' \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	scripts, err := filepath.Abs(filepath.Join("..", "..", "deploy", "slurm"))
	if err != nil {
		t.Fatal(err)
	}
	return func(script string, env map[string]string, args ...string) outcome {
		t.Helper()
		cmd := exec.Command(bash, append([]string{filepath.Join(scripts, script)}, args...)...)
		cmd.Dir = dir
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "SLURM_") && !strings.HasPrefix(kv, shardEnvVar+"=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "PLACESIM="+wrapper)
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("%s: %v", script, err)
		}
		return outcome{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
	}
}

// TestSlurmArrayAndMerge runs placesim-array.sbatch as the three tasks of an array would, with
// an argument passed on to placesim run, then merge.sbatch with --formats svg passed on to
// placesim merge, and requires the same folder as one run with --formats svg: the same files,
// byte for byte.
func TestSlurmArrayAndMerge(t *testing.T) {
	dir := t.TempDir()
	script := slurmScripts(t, dir)
	for i := range 3 {
		if o := script("placesim-array.sbatch", slurmTask(i, 0, 2, 3), "default", "6", "3", "run", "--years", "1"); o.code != 0 {
			t.Fatalf("task %d: exit %d\n%s", i, o.code, o.stderr)
		}
	}
	if o := script("merge.sbatch", nil, "run", "--formats", "svg", "-q"); o.code != 0 {
		t.Fatalf("merge.sbatch: exit %d\n%s", o.code, o.stderr)
	}
	one := filepath.Join(dir, "one")
	mustRun(t, "run", "--reps", "6", "--seed", "3", "--years", "1", "--formats", "svg", "--out", one, "-q")
	want, got := readTree(t, one), readTree(t, filepath.Join(dir, "run", "merged"))
	if !slices.Equal(slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got))) {
		t.Fatalf("one run wrote %v, the array and merge %v", slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got)))
	}
	if _, ok := got[filepath.Join("charts", "cost-by-year.svg")]; !ok || len(got) < 15 {
		t.Errorf("no SVG chart among %v", slices.Sorted(maps.Keys(got)))
	}
	for name, content := range want {
		if got[name] != content {
			t.Errorf("%s differs between one run and the array's merge", name)
		}
	}
	// A second folder as OUT_DIR, with a flag after it.
	if o := script("merge.sbatch", nil, "run", "elsewhere", "--charts=false", "-q"); o.code != 0 {
		t.Fatalf("merge.sbatch RUN_DIR OUT_DIR: exit %d\n%s", o.code, o.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "elsewhere", "report.html")); err == nil || readFile(t, filepath.Join(dir, "elsewhere"), "kpis.csv") != want["kpis.csv"] {
		t.Errorf("merge.sbatch run elsewhere --charts=false: a report, or a different kpis.csv (%v)", err)
	}
}

// TestSlurmArrayDefaultRunDir runs placesim-array.sbatch with RUN_DIR left out and flags for
// placesim run after SEED, as merge.sbatch takes flags after RUN_DIR: the flags go to placesim
// run and the shard to results/placesim-<array job id>.
func TestSlurmArrayDefaultRunDir(t *testing.T) {
	dir := t.TempDir()
	script := slurmScripts(t, dir)
	if o := script("placesim-array.sbatch", slurmTask(0, 0, 0, 1), "default", "2", "3", "--years", "1", "-q"); o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "results", "placesim-41", "shard-0"), "scenario.yaml"); !strings.Contains(got, "\nyears: 1") {
		t.Errorf("the shard's scenario is not of 1 year:\n%s", got)
	}
}

// TestSlurmScriptsRefuse runs the Slurm scripts as arrays and arguments they cannot take would,
// and checks that each fails at once, before placesim writes anything, saying what to do.
func TestSlurmScriptsRefuse(t *testing.T) {
	dir := t.TempDir()
	script := slurmScripts(t, dir)
	array := []string{"default", "6", "3", "run"}
	repeated := func(flag string) string {
		return "placesim-array.sbatch: " + flag + ": the array gives placesim run its " + strings.Split(flag, "=")[0] +
			" itself: give SCENARIO REPS SEED RUN_DIR as the first four arguments (each task's shard comes from the array), and no --out, --reps, --seed or --shard after them\n"
	}
	for _, tt := range []struct {
		name, script string
		env          map[string]string
		args         []string
		want         []string // in stderr, in order
	}{
		{"one task submitted again", "placesim-array.sbatch", slurmTask(2, 2, 2, 1), append(array, "--years", "1", "--set", "entries.per_year=330"), []string{
			"placesim-array.sbatch: this array is the one task 2 (--array=2, as when a failed task is submitted again), so its task cannot tell of how many shards it is one. To run task 2 of the run's array again, requeue it:\n",
			"  scontrol requeue <array job id>_2\n",
			"or run its shard with the array's arguments, N being the number of the run's tasks:\n",
			" run default --reps 6 --seed 3 --shard 2/N --out run/shard-2 --years 1 --set entries.per_year=330\n"}},
		{"one task submitted again, RUN_DIR left out", "placesim-array.sbatch", slurmTask(2, 2, 2, 1), []string{"default", "6", "3", "--years", "1"}, []string{
			"or run its shard with the array's arguments, N being the number of the run's tasks, and RUN_DIR the run's folder (results/placesim-<array job id> of the run's array when it was left out, not this job's results/placesim-41):\n",
			" run default --reps 6 --seed 3 --shard 2/N --out results/placesim-<array job id>/shard-2 --years 1\n"}},
		{"from 1", "placesim-array.sbatch", slurmTask(1, 1, 4, 4), array,
			[]string{"placesim-array.sbatch: the array is tasks 1-4 (4 tasks); submit it as --array=0-3 so that task I runs shard I of 4\n"}},
		{"no task count", "placesim-array.sbatch", map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_JOB_ID": "41"}, array,
			[]string{"SLURM_ARRAY_TASK_ID=1 is set, but SLURM_ARRAY_TASK_COUNT is not: submit the job as an array of N tasks numbered from 0 (sbatch --array=0-<N-1>)"}},
		{"--out again", "placesim-array.sbatch", slurmTask(1, 0, 3, 4), append(array, "--out", "elsewhere"), []string{repeated("--out")}},
		{"--reps= again", "placesim-array.sbatch", slurmTask(1, 0, 3, 4), append(array, "--years", "1", "--reps=5"), []string{repeated("--reps=5")}},
		{"-seed again", "placesim-array.sbatch", slurmTask(1, 0, 3, 4), append(array, "-seed", "2"), []string{repeated("-seed")}},
		{"--shard", "placesim-array.sbatch", slurmTask(1, 0, 3, 4), append(array, "--shard", "1/4"), []string{repeated("--shard")}},
		{"--shards", "placesim-array.sbatch", slurmTask(1, 0, 3, 4), append(array, "--shards=4"), []string{repeated("--shards=4")}},
		{"a chart flag", "placesim-array.sbatch", slurmTask(1, 0, 3, 4), append(array, "--formats", "svg"),
			[]string{"placesim run: --formats shapes the charts, report and files of the whole run, which a shard does not write: give it to placesim merge, which writes them\n"}},
		{"merge with --out", "merge.sbatch", nil, []string{"run", "--out=elsewhere"},
			[]string{"merge.sbatch: --out=elsewhere: give the output folder as OUT_DIR, the argument after RUN_DIR, not as --out\n"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := script(tt.script, tt.env, tt.args...)
			if o.code != exitUsage {
				t.Errorf("exit %d, want %d", o.code, exitUsage)
			}
			rest := o.stderr
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stderr does not say %q (in this order):\n%s", w, o.stderr)
				}
				rest = rest[i+len(w):]
			}
			for _, d := range []string{"run", "elsewhere"} {
				if entries, _ := os.ReadDir(filepath.Join(dir, d)); len(entries) > 0 {
					t.Errorf("wrote into %s: %v", d, entries)
				}
			}
		})
	}
}
