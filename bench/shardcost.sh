#!/bin/sh
# shardcost.sh measures what sharding costs: the CPU time (user plus system) of the default
# county's 1,000 replications (seed 3) run as 8 shards and merged, against one process running
# them all, PAIRS pairs in turn (3 by default), without charts and with them, and the bytes a
# replication the shards' replications.bin take. It checks that the merged files are those of
# the one process. README.md's "Shards and merging" quotes it. From the repository's root:
#
#	sh bench/shardcost.sh [PAIRS]
set -eu
pairs=${1:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/placesim" ./cmd/placesim
cd "$dir"
cpu() { awk '{t += $1 + $2} END {printf "%.2f", t}' "$1"; }
for pair in $(seq 1 "$pairs"); do
	for charts in false true; do
		rm -rf c8 one merged one.t shards.t && mkdir c8
		/usr/bin/time -f "%U %S" -o one.t ./placesim run --reps 1000 --seed 3 --out one -q --charts=$charts
		for i in 0 1 2 3 4 5 6 7; do
			/usr/bin/time -f "%U %S" -a -o shards.t ./placesim run --reps 1000 --seed 3 --shard $i/8 --out c8/s$i -q
		done
		/usr/bin/time -f "%U %S" -a -o shards.t ./placesim merge -q --charts=$charts --out merged c8
		diff -r one merged >/dev/null || { echo "the merged files differ from one process's" >&2; exit 1; }
		bytes=$(cat c8/s*/replications.bin | wc -c)
		echo "pair $pair, charts=$charts: one process $(cpu one.t)s, 8 shards and merge $(cpu shards.t)s ($(awk -v a="$(cpu shards.t)" -v b="$(cpu one.t)" 'BEGIN {printf "%+.1f%%", (a/b-1)*100}')); $((bytes / 1000)) bytes a replication"
	done
done
