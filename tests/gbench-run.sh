#!/bin/sh
# gbench-run.sh - lockbench-gbench end to end: every safe lock registered
# under every shape and thread count; a filtered run's JSON read with jq
# (every safe lock at more than one thread count, ops_per_sec and
# wait_p99_ns set, every shape's counters); CSV output to a file;
# repetitions with their aggregates; --pin and unknown flags refused.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
[ -n "${GBENCH:-}" ] || skip "lockbench-gbench is not built (no Google Benchmark found, or configure --with-gbench=no)"
command -v jq >/dev/null 2>&1 || skip "jq is not installed (apt-get install jq)"
cd "$scratch" || exit 1
FAST=--benchmark_min_time=0.01
jqe() { jq -e "$@" >/dev/null; } # jqe FILTER FILE: the filter gives true

# The safe locks, from `lockbench list`: the lock lines of its Locks
# section whose capabilities do not include unsafe.
"$LOCKBENCH" list | awk '/^Locks/ { on = 1; next } /^$/ { on = 0 }
	on && /^  [^ ]/ && !/\[[^]]*unsafe[^]]*\]$/ { print $1 }' >safe.txt
check "lockbench list shows safe locks" [ "$(wc -l <safe.txt)" -ge 2 ]
"$LOCKBENCH" list | awk '/^Locks/ { on = 1; next } /^$/ { on = 0 }
	on && /^  [^ ]/ && /\[[^]]*unsafe[^]]*\]$/ { print $1 }' >unsafe.txt

# --- help, version, and every benchmark registered ------------------------------
check "lockbench --version lists gbench as built" sh -c '"$LOCKBENCH" --version | grep -q "^built with: .*gbench"'
"$GBENCH" --help >help.txt 2>&1
check "--help exits 0" [ $? -eq 0 ]
check "--help shows the usage and --pin" grep -q "^usage: lockbench-gbench.*--pin" help.txt
check "--help shows Google Benchmark's flags" grep -q "benchmark_filter" help.txt

"$GBENCH" --benchmark_list_tests=true >list.txt 2>/dev/null
check "--benchmark_list_tests exits 0" [ $? -eq 0 ]
pus=$(nproc_online)
top=$((2 * pus))
while read -r l; do
	for shape in Uncontended/$l Contended/$l Work/$l GetSet/$l/read_ratio:0.5 GetSet/$l/read_ratio:0.9; do
		for t in 1 $top; do
			grep -qxF "$shape/real_time/threads:$t" list.txt && ok ||
				fail "not registered: $shape/real_time/threads:$t"
		done
	done
done <safe.txt
while read -r l; do
	grep -q "/$l/" list.txt && fail "unsafe lock $l is registered" || ok
done <unsafe.txt

# --- a filtered run, as JSON ----------------------------------------------------
# Every safe lock Contended, and every shape of ticket, at 1 and 2 threads:
# never more threads than PUs, where a FIFO spinlock's hand-overs wait for
# preempted threads (a convoy, milliseconds each).  On a busy machine the
# two threads are preempted all the same: ticket and mcs then run up to a
# hundred thousand times slower than in the pass Google Benchmark sized
# the next one from (a millisecond or two an operation, each waiting for
# the other thread's turn on its CPU).  So passes are sized for 10 us and
# the watchdog is a minute: 1.4 s at that slowdown (passes sized for 10 ms,
# and for 0.1 ms with the machine busier, took longer than 10 s).
BRIEF="--benchmark_min_time=0.00001 --timeout 60s"
"$GBENCH" --pin compact $BRIEF --benchmark_format=json \
	--benchmark_filter='^(Contended/[^/]*|[^/]*/ticket(/read_ratio:0\.[59])?)/real_time/threads:[12]$' \
	>run.json 2>run.err
rc=$?
check "filtered run exits 0 (got $rc: $(tail -2 run.err))" [ $rc -eq 0 ]
check "the output is JSON with benchmarks" jqe '.benchmarks | length > 0' run.json
check "no run reported an error ($(jq -r '.benchmarks[] | select(.error_occurred) | .name + ": " + .error_message' run.json 2>/dev/null | head -3))" \
	jqe '[.benchmarks[] | select(.error_occurred)] | length == 0' run.json
while read -r l; do
	n=$(jq --arg p "Contended/$l/" '[.benchmarks[] | select(.run_name | startswith($p)) | .threads] | unique | length' run.json)
	[ "${n:-0}" -gt 1 ] && ok || fail "Contended/$l at $n thread counts, not more than one"
	jqe --arg p "Contended/$l/" '[.benchmarks[] | select(.run_name | startswith($p))] |
		length > 0 and all(.ops_per_sec > 0 and (.wait_p99_ns | type) == "number" and .wait_p99_ns > 0)' \
		run.json && ok || fail "Contended/$l: ops_per_sec > 0 and wait_p99_ns set"
done <safe.txt
# The lock-internal counters: per operation, only for the locks that keep
# them, 0 at one thread (nobody to hand the lock to), at most 1 (one
# hand-over per release) at two.
for l in gomutex gorwmutex; do
	jqe --arg p "Contended/$l/" '[.benchmarks[] | select(.run_name | startswith($p))] |
		length > 1 and all((.handoffs_per_op | type) == "number" and .handoffs_per_op >= 0 and
			.handoffs_per_op <= 1 and (.starve_enter_per_op | type) == "number" and
			.starve_enter_per_op >= 0 and .starve_enter_per_op <= 1)' run.json &&
		ok || fail "Contended/$l: handoffs_per_op and starve_enter_per_op in [0, 1]"
	jqe --arg n "Contended/$l/real_time/threads:1" '[.benchmarks[] | select(.run_name == $n)][0] |
		.handoffs_per_op == 0 and .starve_enter_per_op == 0' run.json &&
		ok || fail "Contended/$l at one thread: no hand-overs, no starvation"
done
jqe '[.benchmarks[] | select(.run_name | startswith("Contended/ticket/"))] |
	length > 0 and all(has("handoffs_per_op") | not)' run.json &&
	ok || fail "ticket keeps no counters: no handoffs_per_op"
for shape in Uncontended/ticket Contended/ticket Work/ticket GetSet/ticket/read_ratio:0.5 GetSet/ticket/read_ratio:0.9; do
	jqe --arg p "$shape/" '[.benchmarks[] | select(.run_name | startswith($p))] |
		length > 1 and all(.ops_per_sec > 0 and .wait_p99_ns > 0 and .real_time > 0)' \
		run.json && ok || fail "$shape: a run per thread count, with its counters"
done
jqe '[.benchmarks[] | select(.run_name | test("/real_time/threads:[0-9]+$") | not)] | length == 0' run.json &&
	ok || fail "every run is timed by real time"
# One thread alone: the ops per second and the time per operation agree.
jqe '[.benchmarks[] | select(.run_name == "Contended/ticket/real_time/threads:1")][0] |
	(.ops_per_sec * .real_time / 1e9) as $x | $x > 0.98 and $x < 1.02' run.json &&
	ok || fail "one thread: ops_per_sec = 1e9 / real_time (ns)"

# --- CSV to a file, the console on stdout -----------------------------------------
"$GBENCH" $FAST --benchmark_filter='^Contended/tas/real_time/threads:1$' \
	--benchmark_out=out.csv --benchmark_out_format=csv >console.txt 2>csv.err
check "CSV run exits 0 ($(tail -1 csv.err))" [ $? -eq 0 ]
check "CSV header (after the machine's description)" \
	grep -q '^name,iterations,real_time,cpu_time,time_unit,.*"ops_per_sec","wait_p99_ns"$' out.csv
check "CSV row" grep -q '^"Contended/tas/real_time/threads:1",[0-9]' out.csv
check "console table on stdout" grep -q "^Contended/tas/real_time/threads:1 .*ops_per_sec=" console.txt

# --- repetitions: mean, median and stddev rows ------------------------------------
"$GBENCH" $FAST --benchmark_repetitions=2 --benchmark_filter='^Uncontended/tas/real_time/threads:1$' \
	--benchmark_format=json >reps.json 2>reps.err
check "repetitions run exits 0 ($(tail -1 reps.err))" [ $? -eq 0 ]
check "two iteration rows" jqe '[.benchmarks[] | select(.run_type == "iteration")] | length == 2' reps.json
for a in mean median stddev; do
	jqe --arg a "$a" '[.benchmarks[] | select(.run_type == "aggregate" and .aggregate_name == $a)] |
		length == 1 and (.[0].ops_per_sec | type) == "number"' reps.json &&
		ok || fail "aggregate row $a with ops_per_sec"
done

# --- pinning and bad usage -----------------------------------------------------------
"$GBENCH" --pin none $FAST --benchmark_filter='^Contended/pthread-mutex/real_time/threads:2$' --benchmark_format=json >none.json 2>/dev/null
check "--pin none runs" jqe '.benchmarks[0].ops_per_sec > 0' none.json
"$GBENCH" --pin=0 $FAST --benchmark_filter='^Contended/pthread-mutex/real_time/threads:2$' --benchmark_format=json >zero.json 2>/dev/null
check "--pin=0 runs" jqe '.benchmarks[0].ops_per_sec > 0' zero.json

# --- a pass past --timeout: an error row, and the program goes on ------------------
"$GBENCH" --timeout 1us $FAST --benchmark_filter='^Contended/tas/real_time/threads:1$' \
	--benchmark_format=json >timeout.json 2>/dev/null
check "a timed-out run still exits 0" [ $? -eq 0 ]
check "a timed-out run is an error row that says timeout" \
	jqe '.benchmarks[0].error_occurred and (.benchmarks[0].error_message | startswith("timeout:"))' timeout.json

# usage WANT ARGS...: exit 2, one line on stderr holding WANT, nothing on stdout.
usage() {
	want=$1; shift
	"$GBENCH" "$@" >out.txt 2>err.txt </dev/null
	rc=$?
	[ $rc -eq 2 ] && ok || fail "lockbench-gbench $*: exit $rc, not 2"
	[ "$(wc -l <err.txt)" -eq 1 ] && ok || fail "lockbench-gbench $*: stderr is not one line: $(cat err.txt)"
	grep -qF -- "$want" err.txt && ok || fail "lockbench-gbench $*: stderr lacks '$want': $(cat err.txt)"
	[ ! -s out.txt ] && ok || fail "lockbench-gbench $*: wrote to stdout: $(head -3 out.txt)"
}
usage "--pin '0-'" --pin 0- $FAST
usage "--pin 'sideways'" --pin sideways
usage "--pin needs a value" --benchmark_filter=x --pin
usage "--timeout 'soon'" --timeout soon
usage "--timeout '2d'" --timeout=2d
usage "unrecognized command-line flag: --no-such-flag" --no-such-flag

finish
