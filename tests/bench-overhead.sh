#!/bin/sh
# bench-overhead.sh - `make bench`: does the harness hide the locks?
#
# For each lock and thread count, runs `lockbench run --workload hits` and
# the bare loop (tests/bare-loop: lock; counter++; unlock with the same
# lock code and nothing else, on the PUs the harness's row names) side by
# side, alternating, ROUNDS times, and prints the median ops/s of each,
# their ratio, and the CV of the harness's runs.  Beside them, the harness
# rows' median xfer_ns and owner_changes: the cache-line transfer latency
# between the PUs, and the share of hand-overs that moved the line, the
# two that set a contended lock's rate.  Then, from a third run each
# round, the bare loop with the hits workload's critical section in place
# of counter++ (bare-loop's `hits`: a load, the owner compare, a store):
# its rate over the plain loop's (cs_shape) and the harness's over its
# (beyond), paired, and its owner changes per operation (bare_chg): what
# the critical section's shape costs, told apart from what the harness
# adds around it.  On a virtual machine the first
# changes as the hypervisor places the vCPUs, and moves a ratio as much as
# the harness does (xfer_ns is NA at one thread).  Then the `none` lock at
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
printf '%-14s %7s %14s %14s %8s %8s %11s %8s %9s %9s %8s %9s\n' lock threads bare_ops/s \
	harness_ops/s ratio paired harness_cv xfer_ns changes cs_shape beyond bare_chg
for lock in $LOCKS; do
	for t in $THREADS; do
		: >"$scratch/bare"
		: >"$scratch/harn"
		: >"$scratch/xfer"
		: >"$scratch/chg"
		: >"$scratch/bhits"
		i=0
		while [ $i -lt "$ROUNDS" ]; do
			harness "$lock" "$t"
			csv_col "$scratch/h.csv" ops_per_sec >>"$scratch/harn"
			csv_col "$scratch/h.csv" xfer_ns | grep -v '^NA$' >>"$scratch/xfer" || :
			csv_col "$scratch/h.csv" owner_changes | grep -v '^NA$' >>"$scratch/chg" || :
			"$BARE" "$lock" "$t" "$DURATION" "$(csv_col "$scratch/h.csv" cpus)" >>"$scratch/bare"
			"$BARE" "$lock" "$t" "$DURATION" "$(csv_col "$scratch/h.csv" cpus)" hits \
				>>"$scratch/bhits"
			i=$((i + 1))
		done
		paired=$(paste -d' ' "$scratch/harn" "$scratch/bare" | awk '{ print 100 * $1 / $2 }' |
			median_cv 1)
		shape=$(paste -d' ' "$scratch/bhits" "$scratch/bare" | awk '{ print 100 * $1 / $3 }' |
			median_cv 1)
		beyond=$(paste -d' ' "$scratch/harn" "$scratch/bhits" | awk '{ print 100 * $1 / $2 }' |
			median_cv 1)
		bchg=$(cut -d' ' -f2 "$scratch/bhits" | median_cv 3 | cut -d' ' -f1)
		set -- $(median_cv <"$scratch/bare")
		b=$1
		xfer=NA chg=NA
		[ ! -s "$scratch/xfer" ] || xfer=$(median_cv 1 <"$scratch/xfer" | cut -d' ' -f1)
		[ ! -s "$scratch/chg" ] || chg=$(median_cv 3 <"$scratch/chg" | cut -d' ' -f1)
		set -- $(median_cv <"$scratch/harn")
		printf '%-14s %7s %14s %14s %7.1f%% %7s%% %10s%% %8s %9s %8s%% %7s%% %9s\n' "$lock" \
			"$t" "$b" "$1" "$(echo "$1 $b" | awk '{ print 100 * $1 / $2 }')" "${paired% *}" \
			"$2" "$xfer" "$chg" "${shape% *}" "${beyond% *}" "$bchg"
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
