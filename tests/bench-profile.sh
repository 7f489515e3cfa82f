#!/bin/sh
# bench-profile.sh - `make bench`: what lockbench profile costs a real
# program.  Compresses a 64 MB file (hex text of random bytes: it
# compresses about 2.3x) with `pigz -p 2` and `xz -T2`, ROUNDS times
# each, alternating plain and profiled runs, and prints the median wall
# time of each, their ratio (the target: profiled at most 1.3x plain),
# the CV of the runs, and, with AS set (e.g. AS=mcs), a third column of
# runs under --as.  PROGRAMS (default "pigz xz") picks the programs.  A
# benchmark, not a test: it asserts nothing.  A program that is not
# installed is skipped with a line.
set -eu
. "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-5}
SIZE_MB=${SIZE_MB:-64}
AS=${AS:-}
PROGRAMS=${PROGRAMS:-pigz xz}

head -c $((SIZE_MB * 524288)) /dev/urandom | od -An -tx1 -v | head -c $((SIZE_MB * 1048576)) \
	>"$scratch/input"
# wall CMD...: seconds of one run, output discarded
wall() {
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>"$scratch/err" || { cat "$scratch/err" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }'
}

printf 'lockbench profile overhead: %s MB, %s rounds, interleaved, median wall seconds\n' \
	"$SIZE_MB" "$ROUNDS"
printf 'cpu: %s; %s CPUs online\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
	"$(nproc_online)"
printf '%-8s %10s %10s %8s %9s %9s%s\n' program plain profiled ratio plain_cv prof_cv \
	"${AS:+   as_$AS  ratio}"
for p in $PROGRAMS; do
	if ! command -v "$p" >/dev/null 2>&1; then
		printf '%-8s skipped: not installed (apt-get install %s)\n' "$p" \
			"$([ $p = xz ] && echo xz-utils || echo pigz)"
		continue
	fi
	case $p in
	pigz) set -- pigz -p 2 -c "$scratch/input" ;;
	xz) set -- xz -T2 -c "$scratch/input" ;;
	esac
	: >"$scratch/plain"
	: >"$scratch/prof"
	: >"$scratch/as"
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		wall "$@" >>"$scratch/plain"
		wall "$LOCKBENCH" profile -- "$@" >>"$scratch/prof"
		[ -z "$AS" ] || wall "$LOCKBENCH" profile --as "$AS" -- "$@" >>"$scratch/as"
		i=$((i + 1))
	done
	set -- $(median_cv 3 <"$scratch/plain")
	pm=$1 pcv=$2
	set -- $(median_cv 3 <"$scratch/prof")
	extra=""
	if [ -n "$AS" ]; then
		a=$(median_cv 3 <"$scratch/as" | cut -d' ' -f1)
		extra=$(printf ' %9s %6.3f' "$a" "$(echo "$a $pm" | awk '{ print $1 / $2 }')")
	fi
	printf '%-8s %10s %10s %8.3f %8s%% %8s%%%s\n' "$p" "$pm" "$1" \
		"$(echo "$1 $pm" | awk '{ print $1 / $2 }')" "$pcv" "$2" "$extra"
done
