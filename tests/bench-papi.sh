#!/bin/sh
# bench-papi.sh - `make bench`: what counting PAPI events costs a run.
#
# For each lock, runs `lockbench run --workload hits` at one thread with
# PAPI off (--papi none) and on (PAPI, the default set, or the events in
# EVENTS), alternating, ROUNDS times each, and prints the median ops/s of
# both, their ratio, the median of the ratios of each round's pair (which
# a machine's slow drift of speed biases less) and each side's CV.  The
# counters are read at the window's edges only, so the ratios should be
# within noise of 100%.  A benchmark, not a test: it asserts nothing.  LOCKS, ROUNDS, DURATION
# (seconds) and EVENTS (a --papi list; default: the default set) change it.
set -eu
. "$(dirname "$0")/lib.sh"
LOCKS=${LOCKS:-pthread-mutex tas ticket none}
ROUNDS=${ROUNDS:-7}
DURATION=${DURATION:-0.5}
EVENTS=${EVENTS:-default}

if ! "$LOCKBENCH" --version | grep -q '^built with:.*papi'; then
	echo "bench-papi: lockbench was built without PAPI; nothing to compare"
	exit 0
fi

one() { # lock papi-list: one run's ops/s
	"$LOCKBENCH" run --locks "$1" --workload hits --threads 1 --reps 1 \
		--duration "${DURATION}s" --warmup 100ms --pin compact --papi "$2" \
		--out "$scratch/p.csv" --force >/dev/null 2>&1
	csv_col "$scratch/p.csv" ops_per_sec
}

"$LOCKBENCH" run --locks none --workload hits --threads 1 --reps 1 --duration 10ms \
	--warmup 0 --papi "$EVENTS" --out "$scratch/cols.csv" --force >/dev/null 2>&1
printf 'PAPI on (--papi %s: %s) vs off (--papi none), hits at 1 thread, %s rounds of %ss, medians\n' \
	"$EVENTS" "$(head -1 "$scratch/cols.csv" | tr ',' '\n' | grep '^papi_' | tr '\n' ' ')" \
	"$ROUNDS" "$DURATION"
printf 'cpu: %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
printf '%-14s %14s %14s %8s %8s %8s %8s\n' lock off_ops/s on_ops/s on/off paired off_cv on_cv
for lock in $LOCKS; do
	: >"$scratch/off"
	: >"$scratch/on"
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		one "$lock" none >>"$scratch/off"
		one "$lock" "$EVENTS" >>"$scratch/on"
		i=$((i + 1))
	done
	paired=$(paste -d' ' "$scratch/on" "$scratch/off" | awk '{ print 100 * $1 / $2 }' | median_cv 1)
	set -- $(median_cv <"$scratch/off")
	off=$1 offcv=$2
	set -- $(median_cv <"$scratch/on")
	printf '%-14s %14s %14s %7.1f%% %7s%% %7s%% %7s%%\n' "$lock" "$off" "$1" \
		"$(echo "$1 $off" | awk '{ print 100 * $1 / $2 }')" "${paired% *}" "$offcv" "$2"
done
