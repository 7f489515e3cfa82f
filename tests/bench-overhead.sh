#!/bin/sh
# bench-overhead.sh - `make bench`: does the harness hide the locks?
#
# For each lock and thread count, runs `lockbench run --workload hits` and
# the bare loop (tests/bare-loop: lock; counter++; unlock with the same
# lock code and nothing else, on the PUs the harness's row names) side by
# side, alternating, ROUNDS times, and prints the median ops/s of each,
# their ratio, and the CV of the harness's runs.  Then the `none` lock at
# one thread: the harness's own floor.  A benchmark, not a test: it asserts
# nothing; the numbers are for reading.  LOCKS, THREADS, ROUNDS and
# DURATION (seconds) change the matrix.
set -eu
: "${BARE:?path to tests/bare-loop}"
. "$(dirname "$0")/lib.sh"
LOCKS=${LOCKS:-pthread-mutex ticket mcs}
THREADS=${THREADS:-1 2}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-0.5}

harness() { # lock threads: one run into $scratch/h.csv
	"$LOCKBENCH" run --locks "$1" --workload hits --threads "$2" --reps 1 \
		--duration "${DURATION}s" --warmup 100ms --pin compact \
		--out "$scratch/h.csv" --force >/dev/null 2>&1
}

printf 'lockbench harness vs bare loop, hits workload, %s rounds of %ss, medians\n' "$ROUNDS" "$DURATION"
printf 'cpu: %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
printf '%-14s %7s %14s %14s %8s %8s %11s\n' lock threads bare_ops/s harness_ops/s ratio paired harness_cv
for lock in $LOCKS; do
	for t in $THREADS; do
		: >"$scratch/bare"
		: >"$scratch/harn"
		i=0
		while [ $i -lt "$ROUNDS" ]; do
			harness "$lock" "$t"
			csv_col "$scratch/h.csv" ops_per_sec >>"$scratch/harn"
			"$BARE" "$lock" "$t" "$DURATION" "$(csv_col "$scratch/h.csv" cpus)" >>"$scratch/bare"
			i=$((i + 1))
		done
		paired=$(paste -d' ' "$scratch/harn" "$scratch/bare" | awk '{ print 100 * $1 / $2 }' |
			median_cv 1)
		set -- $(median_cv <"$scratch/bare")
		b=$1
		set -- $(median_cv <"$scratch/harn")
		printf '%-14s %7s %14s %14s %7.1f%% %7s%% %10s%%\n' "$lock" "$t" "$b" "$1" \
			"$(echo "$1 $b" | awk '{ print 100 * $1 / $2 }')" "${paired% *}" "$2"
	done
done
: >"$scratch/none"
i=0
while [ $i -lt "$ROUNDS" ]; do
	harness none 1
	csv_col "$scratch/h.csv" ops_per_sec >>"$scratch/none"
	i=$((i + 1))
done
set -- $(median_cv <"$scratch/none")
printf 'none at 1 thread (the harness floor): %s ops/s median, %.2f ns/op, CV %s%%\n' \
	"$1" "$(echo "$1" | awk '{ print 1e9 / $1 }')" "$2"
