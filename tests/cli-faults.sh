#!/bin/sh
# cli-faults.sh - a run that crashes becomes status=crashed, one that hangs
# becomes status=timeout, and the sweep goes on; SIGINT stops after the run
# in flight, keeps every row, and exits 130; SIGTERM and SIGHUP stop at
# once (exit 143, 129), and sent to the case's process alone end nothing.
# The faults are real: the test sends SIGSEGV or SIGSTOP to the child
# process that runs the case.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1
# In a sanitizer build a SIGSEGV must still kill, as it does without one.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}handle_segv=0"
export ASAN_OPTIONS TSAN_OPTIONS

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
# The child must still be in its run when the signal lands: on a busy
# machine finding it can take longer than a 300 ms run (the case then ends
# ok before it is stopped), so the run lasts 2 s, as the crash's does.
with_fault STOP hang.csv --duration 2s --timeout 4s
check "sweep with a hang exits 0" [ $? -eq 0 ]
check "hang: timeout then ok" [ "$(csv_col hang.csv status | tr '\n' ' ')" = "timeout ok " ]
csv_col hang.csv error | head -1 | grep -q "no result within 4s" && ok || fail "timeout error: $(csv_col hang.csv error | head -1)"

# --- SIGINT -----------------------------------------------------------------
# rows_of FILE: data rows so far
rows_of() {
	if [ -f "$1" ]; then echo $(($(wc -l <"$1") - 1)); else echo 0; fi
}
# wait_rows FILE N: until FILE has N data rows (up to 10 s)
wait_rows() {
	i=0
	while [ "$(rows_of "$1")" -lt "$2" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# Four cases x two reps, in rounds; Ctrl-C during the second run.
"$LOCKBENCH" run --locks tas,ticket,mcs,ttas --workload hits --threads 1 --reps 2 \
	--duration 400ms --warmup 0 --out int.csv >int.out 2>int.err &
pid=$!
wait_rows int.csv 1
kill -INT $pid
wait $pid
rc=$?
check "SIGINT: exit 130 (got $rc)" [ $rc -eq 130 ]
rows=$(rows_of int.csv)
check "SIGINT: the run in flight finishes and is kept ($rows rows)" [ "$rows" -ge 2 ]
check "SIGINT: no run starts after it ($rows rows)" [ "$rows" -le 3 ]
csv_col int.csv status | all_equal ok && ok || fail "SIGINT: rows kept are whole runs"
check "SIGINT: every line whole" [ "$(csv_fields int.csv | sort -u | wc -l)" = 1 ]
grep -q "interrupted after $rows of 8 runs" int.err && ok || fail "SIGINT: says so on stderr: $(tail -1 int.err)"
# The summary lists the runs that ran, and no case that never ran.
check "SIGINT: summary lists tas" grep -q "^tas " int.out
check "SIGINT: summary leaves out ttas, which never ran" sh -c '! grep -q "^ttas" int.out'

# A second Ctrl-C kills the run in flight at once.
"$LOCKBENCH" run --locks tas,ticket --workload hits --threads 1 --reps 1 \
	--duration 5s --warmup 0 --out int2.csv >/dev/null 2>int2.err &
pid=$!
c=$(child_of $pid)
kill -INT $pid
sleep 0.2
kill -INT $pid
t0=$(date +%s)
wait $pid
rc=$?
check "second SIGINT: exit 130 (got $rc)" [ $rc -eq 130 ]
check "second SIGINT: does not wait for the 5s run" [ $(($(date +%s) - t0)) -lt 3 ]
check "second SIGINT: the killed run is not a row" [ "$(rows_of int2.csv)" -eq 0 ]
check "second SIGINT: the child is gone" sh -c "! kill -0 $c 2>/dev/null"

# --- SIGTERM, SIGHUP ----------------------------------------------------------
# signal_run SIG TARGET: kill -SIG TARGET (a pid, or -PGID), then wait for
# the run $pid; rc is its exit status.
signal_run() {
	kill -"$1" "$2"
	wait $pid
	rc=$?
}
# SIGTERM to the case's process alone ends nothing (the sweep decides what
# stops a run): that run is an ok row, not a crash.  SIGTERM to lockbench
# run (a scheduler's cancel) stops it at once, as a second Ctrl-C does:
# the run in flight is killed and is no row; exit 128 + 15.
"$LOCKBENCH" run --locks tas,ticket --workload hits --threads 1 --reps 1 \
	--duration 1s --warmup 0 --out term.csv >/dev/null 2>term.err &
pid=$!
c=$(child_of $pid)
kill -TERM $c
wait_rows term.csv 1
c=$(pgrep -P $pid | head -1)
signal_run TERM $pid
check "SIGTERM: exit 143 (got $rc)" [ $rc -eq 143 ]
[ "$(csv_col term.csv status | tr '\n' ' ')" = "ok " ] && ok ||
	fail "SIGTERM to the case's process alone: the run is not one ok row: $(not_ok_rows term.csv)"
grep -q "interrupted after 1 of 2 runs" term.err && ok || fail "SIGTERM: not said: $(tail -1 term.err)"
check "SIGTERM: the child is gone" sh -c "[ -z '$c' ] || ! kill -0 $c 2>/dev/null"
# SIGHUP to the process group (the terminal gone; Slurm signals every
# process of a job too): stopped at once, the run in flight no row.  With
# SIGHUP at its default, whatever this test inherited (nohup).
env --default-signal=HUP setsid "$LOCKBENCH" run --locks tas,ticket --workload hits --threads 1 --reps 1 \
	--duration 5s --warmup 0 --out hup.csv >/dev/null 2>hup.err &
pid=$!
c=$(child_of $pid)
t0=$(date +%s)
signal_run HUP -$pid
check "SIGHUP to the group: exit 129 (got $rc)" [ $rc -eq 129 ]
check "SIGHUP to the group: does not wait for the 5s run" [ $(($(date +%s) - t0)) -lt 3 ]
check "SIGHUP to the group: the killed run is not a row" [ "$(rows_of hup.csv)" -eq 0 ]
grep -q "interrupted after 0 of 2 runs" hup.err && ok || fail "SIGHUP: not said: $(tail -1 hup.err)"
check "SIGHUP to the group: the child is gone" sh -c "! kill -0 $c 2>/dev/null"
# Under nohup, SIGHUP stays ignored: the sweep runs to its end.  (nohup
# sets it ignored whatever it was; the runs above had it at its default.)
nohup "$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 \
	--duration 300ms --warmup 0 --out nohup.csv >/dev/null 2>nohup.err &
pid=$!
child_of $pid >/dev/null # its first case runs: the sweep's handlers are in place
signal_run HUP $pid
check "SIGHUP under nohup: exit 0 (got $rc)" [ $rc -eq 0 ]
[ "$(csv_col nohup.csv status | tr '\n' ' ')" = "ok " ] && ok ||
	fail "SIGHUP under nohup: the run is not one ok row: $(cat nohup.err)"

# --- a run that fails -----------------------------------------------------
# Under a 256 MiB address-space limit the child cannot allocate getset's
# 16M-key map: that row says failed, with the reason, and hits still runs.
# (AddressSanitizer reserves terabytes of address space: not under it.)
if [ -n "${LB_SANITIZE:-}" ]; then
	echo "a failed run: not checked in a sanitizer build ($LB_SANITIZE)"
	finish
	exit
fi
(ulimit -v 262144 && exec "$LOCKBENCH" run --locks tas --workload getset,hits --read-ratio 0.5 \
	--keys 16777216 --threads 1 --reps 1 --duration 50ms --warmup 0 --out fail.csv \
	>/dev/null 2>fail.err) 2>/dev/null
check "a sweep with a failed run exits 0" [ $? -eq 0 ]
check "failed, then ok" [ "$(csv_col fail.csv status | tr '\n' ' ')" = "failed ok " ]
csv_col fail.csv error | head -1 | grep -q "out of memory for 16777216 keys" && ok ||
	fail "failed run's error: $(csv_col fail.csv error | head -1)"

finish
