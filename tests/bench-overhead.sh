#!/bin/sh
# bench-overhead.sh - `make bench`: does the harness hide the locks?
#
# For each lock and thread count, runs the bare loop (tests/bare-loop: lock;
# counter++; unlock with the same lock code and nothing else) and
# `lockbench run --workload hits` side by side, alternating, ROUNDS times,
# and prints the median ops/s of each and their ratio.  Then the harness's
# floor (the `none` lock at one thread) and the run-to-run CV of the hits
# runs.  A benchmark, not a test: it asserts nothing, the numbers are for
# reading.  Set LOCKS, THREADS, ROUNDS, DURATION to change the matrix.
set -eu
: "${LOCKBENCH:?path to lockbench}" "${BARE:?path to tests/bare-loop}"
LOCKS=${LOCKS:-pthread-mutex ticket mcs}
THREADS=${THREADS:-1 2}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-0.5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

harness() { # lock threads -> ops/s of one run
	"$LOCKBENCH" run --locks "$1" --workload hits --threads "$2" --reps 1 \
		--duration "${DURATION}s" --warmup 100ms --pin compact \
		--out "$tmp/h.csv" --force ${3:+"$3"} >/dev/null 2>&1
	# ops_per_sec counted from the end: no field after it holds a comma.
	awk -F, 'NR == 2 { print $(NF - 19) }' "$tmp/h.csv"
}

stats() { # numbers on stdin -> "median cv%"
	sort -g | awk '{ v[NR] = $1; s += $1; q += $1 * $1 }
	END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	      mean = s / NR; sd = NR > 1 ? sqrt((q - NR * mean * mean) / (NR - 1)) : 0
	      printf "%.0f %.1f", m, 100 * sd / mean }'
}

printf 'lockbench harness vs bare loop, hits workload, %s rounds of %ss, medians\n' "$ROUNDS" "$DURATION"
printf 'cpu: %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
printf '%-14s %7s %14s %14s %8s %9s\n' lock threads bare_ops/s harness_ops/s ratio harness_cv
for lock in $LOCKS; do
	for t in $THREADS; do
		: >"$tmp/bare"; : >"$tmp/harn"
		i=0
		while [ $i -lt "$ROUNDS" ]; do
			"$BARE" "$lock" "$t" "$DURATION" >>"$tmp/bare"
			harness "$lock" "$t" >>"$tmp/harn"
			i=$((i + 1))
		done
		set -- $(stats <"$tmp/bare"); b=$1
		set -- $(stats <"$tmp/harn"); h=$1; cv=$2
		printf '%-14s %7s %14s %14s %7.1f%% %8s%%\n' "$lock" "$t" "$b" "$h" \
			"$(echo "$h $b" | awk '{ print 100 * $1 / $2 }')" "$cv"
	done
done
: >"$tmp/none"
i=0
while [ $i -lt "$ROUNDS" ]; do
	harness none 1 >>"$tmp/none"
	i=$((i + 1))
done
set -- $(stats <"$tmp/none")
printf 'none at 1 thread (the harness floor): %s ops/s median, %.2f ns/op, CV %s%%\n' \
	"$1" "$(echo "$1" | awk '{ print 1e9 / $1 }')" "$2"
