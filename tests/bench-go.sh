#!/bin/sh
# bench-go.sh - `make bench-go`: gomutex against Go's own sync.Mutex, by Go's
# own benchmarks.
#
# Go ships two benchmarks of its mutex in package sync (mutex_test.go):
# BenchmarkMutexUncontended, where each goroutine locks and unlocks a
# padded mutex of its own, and BenchmarkMutex, where all lock and unlock
# one mutex with an empty critical section; b.RunParallel runs one
# goroutine per P, GOMAXPROCS set by -test.cpu.  Their lockbench
# counterparts are lockbench-gbench's Uncontended/gomutex and
# Contended/gomutex (the same loops in C, threads pinned compact), and for
# the shared mutex also `lockbench run --workload hits --locks gomutex`
# (the same loop with a counter bumped inside).  Every figure is
# nanoseconds per operation of all threads together: wall time divided
# by the operations of all threads, as both Go and Google Benchmark count.
#
# Go's test binary is built once from the installed toolchain's sources
# (GOROOT/src/sync; nothing is downloaded), then each round runs Go, the
# Google Benchmark program and the harness one after the other, ROUNDS
# times; a ratio Go ns/op / lockbench ns/op is taken inside each round,
# and the median of those ratios printed with their range: above 1,
# lockbench's gomutex is the faster.  A benchmark, not a test: it asserts
# nothing.  Without `go` (Debian: golang-go) it says so and ends with 0.
#
# ROUNDS (7), THREADS (1 2 4 ... up to the PUs; each must be one that
# lockbench-gbench runs: 1, 2, 4 ... up to twice the PUs) and BENCHTIME
# (the seconds of each measurement, 1) change it.
set -eu
GBENCH=${GBENCH:-} # lockbench-gbench; empty when it is not built
. "$(dirname "$0")/lib.sh"

if ! command -v go >/dev/null 2>&1; then
	echo "bench-go: skipped: no Go toolchain (go) on PATH; on Debian: apt-get install golang-go"
	exit 0
fi
pus=$(nproc_online)
if [ -z "${THREADS:-}" ]; then
	THREADS=1
	t=2
	while [ "$t" -le "$pus" ]; do
		THREADS="$THREADS $t"
		t=$((t * 2))
	done
fi
ROUNDS=${ROUNDS:-7}
BENCHTIME=${BENCHTIME:-1}

# Go's build cache: the user's, or one in the scratch directory where that
# cannot be written.
gocache=$(go env GOCACHE 2>/dev/null || true)
if [ -z "$gocache" ] || ! mkdir -p "$gocache" 2>/dev/null || [ ! -w "$gocache" ]; then
	gocache=$scratch/gocache
fi
(cd "$scratch" && GOCACHE=$gocache GOFLAGS= go test -c -o "$scratch/sync.test" sync) ||
	{ echo "bench-go: cannot build Go's sync benchmarks with $(go version)" >&2; exit 1; }

cpus=$(echo $THREADS | tr ' ' ',')
alt=$(echo $THREADS | tr ' ' '|')

# Each measurement appends "KIND THREADS NS_PER_OP" lines to $scratch/ROUND.
go_round() { # Go: BenchmarkMutexUncontended-N and BenchmarkMutex-N (no -N at 1)
	"$scratch/sync.test" -test.run XXX -test.bench 'BenchmarkMutex(Uncontended)?$' \
		-test.cpu "$cpus" -test.count 1 -test.benchtime "${BENCHTIME}s" |
		awk '$1 ~ /^BenchmarkMutex/ && $4 == "ns/op" {
			n = split($1, p, "-"); t = n > 1 ? p[n] : 1
			k = p[1] == "BenchmarkMutexUncontended" ? "uncontended" : "contended"
			print "go", k, t, $3 }'
}
gbench_round() { # lockbench-gbench, CSV on stdout: name,iterations,real_time,...
	[ -n "$GBENCH" ] || return 0
	"$GBENCH" --benchmark_filter="^(Uncontended|Contended)/gomutex/real_time/threads:($alt)\$" \
		--benchmark_min_time="$BENCHTIME" --benchmark_format=csv 2>/dev/null |
		awk -F, '$1 ~ /gomutex\/real_time\/threads:/ && $5 == "ns" {
			gsub(/"/, "", $1); split($1, p, "/"); sub(/threads:/, "", p[4])
			print "gbench", tolower(p[1]), p[4], $3 }'
}
run_round() { # lockbench run, hits: 1e9 / ops_per_sec of all threads
	"$LOCKBENCH" run --locks gomutex --workload hits --threads "$cpus" --reps 1 \
		--duration "${BENCHTIME}s" --warmup 100ms --pin compact \
		--out "$scratch/run.csv" --force >/dev/null 2>&1
	csv_col "$scratch/run.csv" threads >"$scratch/t"
	csv_col "$scratch/run.csv" ops_per_sec | paste -d' ' "$scratch/t" - |
		awk '$2 > 0 { print "run", "contended", $1, 1e9 / $2 }'
}

printf "Go's sync.Mutex benchmarks against lockbench's gomutex: %s rounds of %ss each, interleaved\n" \
	"$ROUNDS" "$BENCHTIME"
printf 'cpu: %s, %s PUs; %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
	"$pus" "$(go version)"
[ -n "$GBENCH" ] || echo "lockbench-gbench is not built (configure found no Google Benchmark): its rows are NA"
i=1
while [ "$i" -le "$ROUNDS" ]; do
	{ go_round; gbench_round; run_round; } >"$scratch/round$i"
	printf 'round %d of %d done\n' "$i" "$ROUNDS" >&2
	i=$((i + 1))
done

# ratio KIND SIDE THREADS: "median_go median_side median_ratio min_ratio max_ratio",
# the ratio Go / SIDE taken round by round; "NA" where a side has no figure.
ratio() {
	: >"$scratch/g"
	: >"$scratch/s"
	: >"$scratch/r"
	i=1
	while [ "$i" -le "$ROUNDS" ]; do
		g=$(awk -v k="$1" -v t="$3" '$1 == "go" && $2 == k && $3 == t { print $4 }' "$scratch/round$i")
		s=$(awk -v w="$2" -v k="$1" -v t="$3" '$1 == w && $2 == k && $3 == t { print $4 }' "$scratch/round$i")
		if [ -n "$g" ] && [ -n "$s" ]; then
			echo "$g" >>"$scratch/g"
			echo "$s" >>"$scratch/s"
			echo "$g $s" | awk '{ print $1 / $2 }' >>"$scratch/r"
		fi
		i=$((i + 1))
	done
	if [ ! -s "$scratch/r" ]; then
		echo "NA NA NA NA NA"
		return
	fi
	set -- "$(median_cv 2 <"$scratch/g" | cut -d' ' -f1)" "$(median_cv 2 <"$scratch/s" | cut -d' ' -f1)" \
		"$(median_cv 3 <"$scratch/r" | cut -d' ' -f1)"
	echo "$1 $2 $3 $(sort -g "$scratch/r" | head -1) $(sort -g "$scratch/r" | tail -1)"
}

printf '%-26s %-30s %7s %9s %9s %8s %15s\n' Go lockbench threads go_ns/op lb_ns/op go/lb "range"
for t in $THREADS; do
	for row in "uncontended gbench BenchmarkMutexUncontended Uncontended/gomutex" \
		"contended gbench BenchmarkMutex Contended/gomutex" \
		"contended run BenchmarkMutex run:hits/gomutex"; do
		set -- $row
		kind=$1 side=$2 goname=$3 lbname=$4
		set -- $(ratio "$kind" "$side" "$t")
		printf '%-26s %-30s %7s %9s %9s %8s %15s\n' "$goname" "$lbname" "$t" "$1" "$2" "$3" \
			"$(printf '%.3g-%.3g' "$4" "$5" 2>/dev/null || echo NA)"
	done
done
echo "go/lb above 1: lockbench's gomutex does an operation in less time than Go's sync.Mutex"
