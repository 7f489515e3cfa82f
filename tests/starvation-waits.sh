#!/bin/sh
# starvation-waits.sh - the wait weighted by threads shows the starvation
# that the p99 over operations hides (README: a thread's worst wait).  In
# the starvation preset's setting at 8 threads on 2 PUs with 100 us holds,
# gomutex in mode=normal lets the running threads barge back in while the
# woken ones lose, so some threads wait for much of the window (and some
# are still waiting when it closes: censored at the close), while in its
# default adaptive mode a waiter that has waited 1 ms turns on starvation
# mode and the lock goes round in FIFO order.  So normal mode's median
# thread's worst wait (worst_wait_p50_ns, median over the runs) must be
# more than 10x adaptive mode's, in the CSV and in the starvation chart's
# data, which must hold the CSV's medians.  The report's findings say
# that mode=normal starved a thread (one wait over 10% of the window), and
# for how long: checked at 300 us holds, where the starvation is whole.
# And a hold longer than the window, in which no operation completes: the
# finding counts those runs in words.
#
# Sized for a busy machine.  At 100 us a starved thread's wait grows with
# the window and adaptive mode's, which a rotation of 8 holds bounds (a
# few ms, some tens where other work takes the PUs), does not, though
# not in proportion: under ThreadSanitizer (medians over 3 to 5 runs,
# quiet or beside two `yes`) normal mode's measure was 347 ms in a 3 s
# window, 481 to 785 ms in 8 s and 892 ms to 1.69 s in 10 s, and
# adaptive's 11 to 76 ms; a 3 s window beside two `yes` read 534 ms
# against 76 ms, under 10x, and a 10 s one 892 ms against 72 ms.  In
# 20 s: 604 ms against 31 ms on a quiet machine, 1.15 to 1.22 s against
# 30 to 62 ms beside two `yes`.  At 100 us normal mode's starvation is
# partial: under ThreadSanitizer its slowest thread's longest wait was
# 0.15 and 0.12 of the window (medians of 5 runs at 3 s and at 8 s; runs
# from 0.11 to 0.38), too near the finding's 10% to check the finding
# there.  At 300 us it is whole: in each of 5 runs of 3 s, plain and under
# ThreadSanitizer, quiet and beside two `yes` with the other build's sweep
# at once, some thread waited 0.99 of the window or more.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

cd "$scratch" || exit 1
[ "$(nproc_online)" -ge 2 ] || skip "one PU: 8 threads on 2 PUs need 2"
stub_gnuplot "$scratch/bin"

"$LOCKBENCH" run --preset starvation --locks gomutex,gomutex:mode=normal --threads 8 \
	--cs-ns 100us --pin 0,1 --reps 3 --duration 20s --warmup 100ms --out s.csv \
	>/dev/null 2>err.txt || fail "the sweep failed: $(cat err.txt)"

# median MODE: the median over MODE's ok runs of worst_wait_p50_ns.
csv_col s.csv lock_opts | sed 's/,.*//' >col.mode
csv_col s.csv status >col.status
csv_col s.csv worst_wait_p50_ns >col.worst
median() {
	paste -d' ' col.mode col.status col.worst |
		awk -v m="mode=$1" '$1 == m && $2 == "ok" && $3 != "NA" { print $3 }' | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) printf "%.1f\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
normal=$(median normal)
adaptive=$(median adaptive)
[ -n "$normal" ] && [ -n "$adaptive" ] && ok ||
	fail "no worst_wait_p50_ns for both modes: '$normal' '$adaptive'"
echo "worst_wait_p50_ns medians: normal $normal, adaptive $adaptive"
awk -v n="$normal" -v a="$adaptive" 'BEGIN { exit !(a > 0 && n > 10 * a) }' && ok ||
	fail "CSV: normal mode's median thread's worst wait ${normal} ns is not above 10x adaptive's ${adaptive} ns"

# The starvation chart's data: the worst_wait_p50_ns.median column of
# each lock's block, at 8 threads.
PATH="$scratch/bin:$PATH" "$LOCKBENCH" plot s.csv --out p >/dev/null 2>err.txt ||
	fail "plot failed: $(cat err.txt)"
chart=$(ls p/*-starvation.gp 2>/dev/null | head -1)
[ -n "$chart" ] && ok || fail "no starvation chart: $(ls p)"
chart_value() { # LABEL: the value at 8 threads in LABEL's block
	sed -n '/^\$data << EOD$/,/^EOD$/p' "$chart" | awk -v want="# $1" '
		$0 == want { inblock = 1; next }
		inblock && /^# threads / { for (i = 2; i <= NF; i++) if ($i == "worst_wait_p50_ns.median") k = i - 1; next }
		inblock && /^#/ { inblock = 0 }
		inblock && k && $1 == 8 { print $k; exit }'
}
c_normal=$(chart_value gomutex:mode=normal)
c_adaptive=$(chart_value gomutex)
awk -v n="$c_normal" -v a="$c_adaptive" -v cn="$normal" -v ca="$adaptive" '
	function near(x, y) { return x - y <= 1e-6 * y + 0.1 && y - x <= 1e-6 * y + 0.1 }
	BEGIN { exit !(n != "" && a != "" && near(n, cn) && near(a, ca)) }' && ok ||
	fail "chart data: normal '$c_normal', adaptive '$c_adaptive'; the CSV's medians: $normal, $adaptive"
awk -v n="$c_normal" -v a="$c_adaptive" 'BEGIN { exit !(a > 0 && n > 10 * a) }' && ok ||
	fail "chart data: normal mode's median thread's worst wait ${c_normal} ns is not above 10x adaptive's ${c_adaptive} ns"

PATH="$scratch/bin:$PATH" "$LOCKBENCH" report s.csv --out r >/dev/null 2>err.txt ||
	fail "report failed: $(cat err.txt)"
# At a glance: 8 threads on 2 PUs, where adaptive mode's waiters spin
# before they sleep, wait for a PU much of the window, so those runs are
# disturbed (preempted_pct over 5%), and the top says so.  (Normal mode's
# waiters sleep, and a sleeping thread is not waiting for a PU: its runs
# may or may not be.)
grep -q '<li class="warn">Disturbed: [0-9]* of [0-9]* runs were preempted.*<code>gomutex</code> [1-9]' r/index.html &&
	ok || fail "at a glance names no disturbed run: $(grep -A8 'id="glance"' r/index.html)"

# The findings say it in words: mode=normal starved a thread, and for how
# long.  At 300 us holds some thread waits the whole window.
"$LOCKBENCH" run --preset starvation --locks gomutex:mode=normal --threads 8 --cs-ns 300us \
	--pin 0,1 --reps 3 --duration 3s --warmup 100ms --out w.csv >/dev/null 2>err.txt ||
	fail "the 300 us sweep failed: $(cat err.txt)"
PATH="$scratch/bin:$PATH" "$LOCKBENCH" report w.csv --out rw >/dev/null 2>err.txt ||
	fail "report failed: $(cat err.txt)"
grep -A20 'Threads starved' rw/index.html | grep -q '<li><code>gomutex:mode=normal</code> at 8 threads, .*: a thread waited [0-9.]*[mun]*s of the [0-9.]*[mun]*s window' &&
	ok || fail "the findings do not say that mode=normal starved a thread: $(grep -A3 'Threads starved' rw/index.html)"

# A hold longer than the window: no operation completes in it, so the
# runs have no slowest thread's share to take a median of.  The finding
# says so, in words, rather than leave them out unsaid.  The first hold
# starts as the threads do, before the warm-up, and ends 1 s later: the
# window of 100 ms would have to open and close some 900 ms late for it
# to end inside (a 400 ms hold left 290 ms; the check failed once at a
# load of about 12 on 2 PUs, the cause not kept).  Each run waits out two
# holds: 4 s in all.
"$LOCKBENCH" run --locks pthread-mutex --workload hits --threads 2 --cs-ns 1s \
	--duration 100ms --warmup 10ms --reps 2 --papi none --out idle.csv >/dev/null 2>err.txt ||
	fail "the idle sweep failed: $(cat err.txt)"
PATH="$scratch/bin:$PATH" "$LOCKBENCH" report idle.csv --out ri >/dev/null 2>err.txt ||
	fail "report failed: $(cat err.txt)"
csv_col idle.csv status >c.status
csv_col idle.csv ops >c.ops
csv_col idle.csv duration_s >c.window
grep -A3 'Threads starved' ri/index.html | grep -q '<li><code>pthread-mutex</code> at 2 threads, .*: a thread waited [0-9.]*ms of the [0-9.]*ms window; .*; in 2 of 2 runs no thread completed an operation in the window\.</li>' &&
	ok || fail "the findings do not count the runs without an operation: $(grep -A3 'Threads starved' ri/index.html); the runs' status, ops and window: $(paste -d' ' c.status c.ops c.window | tr '\n' ';')"
finish
