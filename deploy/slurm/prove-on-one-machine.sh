#!/usr/bin/env bash
# Proves placesim's Slurm batch on one machine: installs Debian's slurm-wlm and munge, starts a
# single-node cluster on this host (munged, slurmctld, slurmd, all state in a temporary
# directory), builds placesim, submits placesim-array.sbatch as a 4-task job array of the
# default scenario, with extra arguments for placesim run (--set, --percentiles) that the array
# passes on, and merge.sbatch as a job that depends on it (afterok), waits for both, and checks
# that every merged file (the CSVs, scenario.yaml, manifest.json, the charts, the report and the
# workbook) is byte-identical to the same run done in one process. It checks that an array
# numbered from 1 fails in every task before placesim runs, and that its merge is cancelled
# rather than left pending; that a task requeued with scontrol requeue writes its shard again, and
# that one task submitted again on its own (--array=2) is refused, saying how to run it again.
# It also runs a plain placesim run in a 2-task array and checks that each task ran every
# replication (sharding is asked for with --shard-from-env, as placesim-array.sbatch does).
#
# Run it as root on a Debian (or Ubuntu) machine with Go, from anywhere in the repository:
#
#   sudo deploy/slurm/prove-on-one-machine.sh          # or: make slurm-proof
#
# It needs no systemd: the daemons are started directly and stopped on exit, whatever happens.
# It leaves the packages installed and touches nothing else outside its temporary directory.
# Environment: REPS (default 40), SEED (1), SCENARIO (default), SHARDS (4), TIMEOUT seconds to
# wait for the jobs (300), SLURM_PORT (first of two free TCP ports, 16817), KEEP=1 to keep the
# temporary directory. The daemons' logs are printed if anything fails.
set -euo pipefail

REPS=${REPS:-40}
SEED=${SEED:-1}
SCENARIO=${SCENARIO:-default}
SHARDS=${SHARDS:-4}
TIMEOUT=${TIMEOUT:-300}
SLURM_PORT=${SLURM_PORT:-16817}

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/deploy/slurm"
start=$SECONDS
say() { printf '[%3ds] %s\n' "$((SECONDS - start))" "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: it installs packages and starts the Slurm daemons"

# 1. Packages.
# When they cannot be installed (no apt-get, no network): under CI=true it fails, since CI runs
# the proof to prove something; elsewhere it exits with status 77 (skipped). apt-get waits up to
# 5 minutes for a package lock another apt holds (an unattended upgrade) rather than giving up.
cannot() {
	if [ "${CI:-}" = true ]; then
		die "$1 (CI=true: the proof must run)"
	fi
	say "SKIPPED: $1"
	exit 77
}
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
	command -v apt-get >/dev/null || cannot "no apt-get to install slurm-wlm and munge with"
	say "installing slurm-wlm and munge"
	aptlog=$(mktemp)
	apt=(apt-get -o DPkg::Lock::Timeout=300 -q)
	if ! { DEBIAN_FRONTEND=noninteractive "${apt[@]}" update && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y slurm-wlm munge; } >"$aptlog" 2>&1; then
		tail -n 20 "$aptlog" >&2
		rm -f "$aptlog"
		cannot "cannot install slurm-wlm and munge"
	fi
	rm -f "$aptlog"
fi
say "$(slurmctld -V), munge $(munged --version | awk '{print $1}')"

# 2. A scratch directory for keys, sockets, state, logs, the binary and the results.
work=$(mktemp -d /tmp/placesim-slurm.XXXXXX)
chmod 700 "$work"
mkdir -p "$work"/{munge,state,spool,log,run,bin,results}
pids=()
cleanup() {
	status=$?
	trap - EXIT INT TERM
	if [ "$status" != 0 ]; then
		for f in "$work"/log/*.log "$work"/results/*.out; do
			[ -f "$f" ] && { echo "---- $f"; tail -n 30 "$f"; }
		done
	fi
	# Stop the daemons this script started, newest first, by their process ids.
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill "${pids[i]}" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	done
	if [ "${KEEP:-}" = 1 ] || [ "$status" != 0 ]; then
		say "kept $work"
	else
		rm -rf "$work"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# started NAME PIDFILE: records the daemon's process id for cleanup, once its pid file appears.
started() {
	for _ in $(seq 100); do
		if [ -s "$2" ] && kill -0 "$(cat "$2")" 2>/dev/null; then
			pids+=("$(cat "$2")")
			return
		fi
		sleep 0.1
	done
	die "$1 did not start"
}

# 3. munged, with its own key and socket.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
	--pid-file="$work/run/munged.pid" --log-file="$work/log/munged.log" \
	--seed-file="$work/munge/munged.seed"
started munged "$work/run/munged.pid"

# 4. A minimal slurm.conf for this one node: no accounting, no cgroups.
node=$(slurmd -C | head -n 1)
name=$(sed -E 's/^NodeName=([^ ]+).*/\1/' <<<"$node")
cat >"$work/slurm.conf" <<CONF
ClusterName=placesim-proof
SlurmctldHost=$name(127.0.0.1)
SlurmctldPort=$SLURM_PORT
SlurmdPort=$((SLURM_PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=proof Nodes=$name Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

# 5. The Slurm daemons.
slurmctld -f "$SLURM_CONF" -i
started slurmctld "$work/run/slurmctld.pid"
slurmd -f "$SLURM_CONF"
started slurmd "$work/run/slurmd.pid"
for _ in $(seq 100); do
	state=$(sinfo -h -n "$name" -o %t 2>/dev/null || true)
	case "$state" in idle*) break ;; esac
	sleep 0.2
done
[[ "$state" == idle* ]] || die "node $name is ${state:-unknown}, not idle"
say "cluster up: node $name idle"

# wait_jobs IDS...: waits until no job of IDS is pending or running, then fails unless every one
# of them (each task of an array) completed. Without accounting, scontrol remembers finished
# jobs for MinJobAge seconds, which is long enough.
wait_jobs() {
	local ids=$1 deadline=$((SECONDS + TIMEOUT))
	while [ -n "$(squeue -h -j "$ids" -o %i 2>/dev/null)" ]; do
		# A job whose dependency failed stays pending for ever.
		if squeue -h -j "$ids" -o %r 2>/dev/null | grep -q DependencyNeverSatisfied; then
			squeue -j "$ids" >&2
			die "a job's dependency failed"
		fi
		[ $SECONDS -lt $deadline ] || { squeue -j "$ids" >&2; die "jobs $ids still queued after ${TIMEOUT}s"; }
		sleep 0.5
	done
	local bad
	bad=$(scontrol -o show job "${ids//,/ }" 2>/dev/null | grep -v 'JobState=COMPLETED' || true)
	if [ -z "$(scontrol -o show job "${ids%%,*}" 2>/dev/null)" ]; then
		die "scontrol has no record of job ${ids%%,*}"
	fi
	[ -z "$bad" ] || die "jobs did not complete: $(grep -o 'JobId=[0-9]* .*JobState=[A-Z_]*' <<<"$bad" | sed -E 's/ .*JobState=/ /' | tr '\n' ' ')"
}

# 6. A trivial job first, so that a broken cluster is told apart from a broken placesim.
cd "$work/results"
trivial=$(sbatch --parsable --output="$work/results/hostname-%j.out" --wrap hostname)
wait_jobs "$trivial"
say "trivial job $trivial ran on $(cat "$work/results/hostname-$trivial.out")"

# 7. placesim, built from this checkout.
command -v go >/dev/null || die "go is not on PATH (under sudo, try: sudo env PATH=\"$PATH\" $0)"
(cd "$repo" && go build -o "$work/bin/placesim" ./cmd/placesim) || die "cannot build placesim"
export PLACESIM="$work/bin/placesim"
say "built $("$PLACESIM" version)"

# 8. The job array, with extra arguments for placesim run, and the merge that depends on it.
run="$work/results/run"
extra=(--set entries.per_year=330 --percentiles 10,50,90)
array=$(sbatch --parsable --array=0-$((SHARDS - 1)) --output="$work/results/placesim-%A_%a.out" \
	"$here/placesim-array.sbatch" "$SCENARIO" "$REPS" "$SEED" "$run" "${extra[@]}")
merge=$(sbatch --parsable --dependency=afterok:"$array" --output="$work/results/placesim-merge-%j.out" \
	"$here/merge.sbatch" "$run")
say "submitted array job $array ($SHARDS tasks of $SCENARIO, $REPS replications, seed $SEED) and merge job $merge (afterok:$array)"
wait_jobs "$array,$merge"
for ((i = 0; i < SHARDS; i++)); do
	grep -q "shard $i/$SHARDS (from SLURM_ARRAY_TASK_ID)" "$work/results/placesim-${array}_$i.out" ||
		die "task $i did not take shard $i/$SHARDS from SLURM_ARRAY_TASK_ID: $(cat "$work/results/placesim-${array}_$i.out")"
done
say "array and merge completed: $(tr '\n' ' ' <"$work/results/placesim-merge-$merge.out")"
grep -q "entries.per_year=330" "$run/merged/scenario.yaml" || die "the array did not pass --set on to placesim run"
head -n 1 "$run/merged/summary.csv" | grep -q ',p10,p50,p90,' || die "the array did not pass --percentiles on to placesim run"

# 8a. A failed task run again: requeued, task 2 of the array runs shard 2 of the array again and
# writes the same shard. Submitted on its own (--array=2), it is an array of one task that cannot
# know its shard: the task refuses it before placesim runs, saying how to run the task again.
cp "$run/shard-2/replications.bin" "$work/results/shard-2.bin"
scontrol requeue "${array}_2" || die "scontrol requeue ${array}_2 failed"
# Slurm holds a requeued job back for a while (its begin time); a user waits, the proof need not.
say "requeued task 2: $(scontrol -o show job "${array}_2" | grep -o 'JobState=[A-Z_]* Reason=[A-Za-z_]*' || true)"
scontrol update JobId="${array}_2" StartTime=now || true
wait_jobs "$array"
grep -q "shard 2/$SHARDS (from SLURM_ARRAY_TASK_ID)" "$work/results/placesim-${array}_2.out" ||
	die "the requeued task 2 did not run shard 2/$SHARDS: $(cat "$work/results/placesim-${array}_2.out")"
cmp "$run/shard-2/replications.bin" "$work/results/shard-2.bin" || die "the requeued task 2 wrote a different shard"
again=$(sbatch --parsable --array=2 --output="$work/results/again-%A_%a.out" \
	"$here/placesim-array.sbatch" "$SCENARIO" "$REPS" "$SEED" "$work/results/again")
deadline=$((SECONDS + TIMEOUT))
while [ -n "$(squeue -h -j "$again" -o %i 2>/dev/null)" ]; do
	[ $SECONDS -lt $deadline ] || { squeue -j "$again" >&2; die "the array of task 2 alone is still queued after ${TIMEOUT}s"; }
	sleep 0.5
done
grep -q "scontrol requeue <array job id>_2" "$work/results/again-${again}_2.out" ||
	die "an array of task 2 alone was not refused with how to run the task again: $(cat "$work/results/again-${again}_2.out")"
[ ! -e "$work/results/again" ] || [ -z "$(ls -A "$work/results/again")" ] || die "an array of task 2 alone wrote a shard"
say "task 2, requeued, wrote the same shard again; an array of task 2 alone was refused, saying how to run it again"

# 8b. An array numbered from 1: every task fails before running placesim, and the merge that
# waits on it is cancelled, not left pending for ever.
bad=$(sbatch --parsable --array=1-$SHARDS --output="$work/results/bad-%A_%a.out" \
	"$here/placesim-array.sbatch" "$SCENARIO" "$REPS" "$SEED" "$work/results/bad")
badmerge=$(sbatch --parsable --dependency=afterok:"$bad" --output="$work/results/bad-merge-%j.out" \
	"$here/merge.sbatch" "$work/results/bad")
deadline=$((SECONDS + TIMEOUT))
while [ -n "$(squeue -h -j "$bad,$badmerge" -o %i 2>/dev/null)" ]; do
	[ $SECONDS -lt $deadline ] || { squeue -j "$bad,$badmerge" >&2; die "the array from 1 or its merge is still queued after ${TIMEOUT}s"; }
	sleep 0.5
done
for ((i = 1; i <= SHARDS; i++)); do
	grep -q "submit it as --array=0-$((SHARDS - 1))" "$work/results/bad-${bad}_$i.out" ||
		die "task $i of an array from 1 did not refuse it: $(cat "$work/results/bad-${bad}_$i.out")"
done
[ ! -e "$work/results/bad" ] || [ -z "$(ls -A "$work/results/bad")" ] || die "an array from 1 wrote shards"
scontrol -o show job "$badmerge" | grep -Eq 'JobState=(CANCELLED|FAILED)' ||
	die "the merge of an array from 1 was not cancelled: $(scontrol -o show job "$badmerge" | grep -o 'JobState=[A-Z_]*')"
say "an array from 1 failed in each of its $SHARDS tasks before placesim ran, and its merge was cancelled"

# 8c. One scenario per array task: a plain placesim run in an array task is not a shard. Each
# task runs every replication and says on stderr that it could have taken a shard.
cat >"$work/bin/whole.sh" <<'WHOLE'
#!/bin/bash
exec "$PLACESIM" run "$1" --reps 4 --seed "$2" --charts=false --out "$3/whole-$SLURM_ARRAY_TASK_ID"
WHOLE
chmod +x "$work/bin/whole.sh"
whole=$(sbatch --parsable --array=0-1 --output="$work/results/whole-%A_%a.out" \
	"$work/bin/whole.sh" "$SCENARIO" "$SEED" "$work/results")
wait_jobs "$whole"
for i in 0 1; do
	out="$work/results/whole-${whole}_$i.out"
	grep -q "note: SLURM_ARRAY_TASK_ID=$i is set, but this run is not a shard: it runs all 4 replications" "$out" ||
		die "array task $i of a plain run gave no note: $(cat "$out")"
	[ ! -e "$work/results/whole-$i/shard.json" ] || die "array task $i of a plain run wrote a shard"
	[ "$(grep -c ",[0-3],all,cost_total," "$work/results/whole-$i/kpis.csv")" = 4 ] ||
		die "array task $i of a plain run did not run all 4 replications"
done
say "a plain run in each of 2 array tasks ran all its replications, with a note"

# 9. The same run in one process, and the comparison of every file either wrote.
"$PLACESIM" run "$SCENARIO" --reps "$REPS" --seed "$SEED" "${extra[@]}" --out "$work/results/one" --quiet
files=$(cd "$work/results/one" && find . -type f | sort)
[ "$files" = "$(cd "$run/merged" && find . -type f | sort)" ] ||
	die "the merge and the one-process run wrote different files: $(diff <(echo "$files") <(cd "$run/merged" && find . -type f | sort) | tr '\n' ' ')"
n=0
while read -r f; do
	cmp "$run/merged/$f" "$work/results/one/$f" || die "merged $f differs from the one-process run"
	n=$((n + 1))
done <<<"$files"
[ "$n" -ge 20 ] || die "only $n files to compare"
say "PASS: $SHARDS Slurm array tasks merged are byte-identical to one process in all $n files ($(wc -l <"$run/merged/kpis.csv") lines of kpis.csv)"
