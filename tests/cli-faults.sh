#!/bin/sh
# cli-faults.sh - a run that crashes becomes status=crashed, one that hangs
# becomes status=timeout, and the sweep goes on; SIGINT stops after the run
# in flight, keeps every row, and exits 130.  The faults are real: the test
# sends SIGSEGV or SIGSTOP to the child process that runs the case.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1

# child_of PID: the first child process of PID, waiting up to 5 s for it.
child_of() {
	i=0
	while [ $i -lt 100 ]; do
		c=$(pgrep -P "$1" | head -1)
		[ -n "$c" ] && { echo "$c"; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# with_fault SIGNAL CSV ARGS...: a sweep of two runs (ticket, then tas)
# whose first child gets SIGNAL; the sweep's exit status.
with_fault() {
	sig=$1 out=$2
	shift 2
	"$LOCKBENCH" run --locks ticket,tas --workload hits --threads 1 --reps 1 \
		--warmup 0 --out "$out" "$@" 2>/dev/null &
	pid=$!
	c=$(child_of $pid) && kill -"$sig" "$c"
	wait $pid
}

# --- a crash --------------------------------------------------------------
with_fault SEGV crash.csv --duration 2s
check "sweep with a crash exits 0" [ $? -eq 0 ]
check "crash: two rows" [ "$(csv_col crash.csv status | tr '\n' ' ')" = "crashed ok " ]
csv_col crash.csv error | head -1 | grep -q "signal 11" && ok || fail "crash error: $(csv_col crash.csv error | head -1)"
check "crash: measurement columns NA" [ "$(csv_col crash.csv ops | head -1)" = NA ]
check "crash: next case verified" [ "$(csv_col crash.csv verified | tail -1)" = yes ]

# --- a hang ---------------------------------------------------------------
with_fault STOP hang.csv --duration 300ms --timeout 1500ms
check "sweep with a hang exits 0" [ $? -eq 0 ]
check "hang: timeout then ok" [ "$(csv_col hang.csv status | tr '\n' ' ')" = "timeout ok " ]
csv_col hang.csv error | head -1 | grep -q "no result within 1500ms" && ok || fail "timeout error: $(csv_col hang.csv error | head -1)"

# --- SIGINT ---------------------------------------------------------------
"$LOCKBENCH" run --locks tas,ticket,mcs,ttas --workload hits --threads 1 --reps 1 \
	--duration 400ms --warmup 0 --out int.csv >int.out 2>int.err &
pid=$!
i=0
while [ "$(wc -l <int.csv 2>/dev/null || echo 0)" -lt 2 ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
check "SIGINT: exit 130 (got $rc)" [ $rc -eq 130 ]
rows=$(($(wc -l <int.csv) - 1))
check "SIGINT: the runs done are kept, the rest not run ($rows rows)" [ "$rows" -ge 1 ] && [ "$rows" -lt 4 ]
csv_col int.csv status | all_equal ok && ok || fail "SIGINT: the run in flight finished ok"
check "SIGINT: every line whole" [ "$(csv_fields int.csv | sort -u)" = 45 ]
grep -q "interrupted after" int.err && ok || fail "SIGINT: says so on stderr"

finish
