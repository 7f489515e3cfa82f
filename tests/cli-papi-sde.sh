#!/bin/sh
# cli-papi-sde.sh - the lock-internal counters read through PAPI as
# software-defined events (--papi sde:::lockbench::NAME) agree with
# lockbench's own columns (spins .. starve_exit) in the same runs, for every
# lock that keeps counters ([stats] in `lockbench list`).
#
# Both are read at the window's edges, one right after the other, so they
# may differ by what the threads counted in between: a few counts, or 2%.
# On a busy machine the reader can be switched out between the two reads
# for milliseconds while the threads go on counting, so the window is a
# second long: 2% of it is 20 ms of counting.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1

"$LOCKBENCH" --version | grep -q '^built with:.*sde' ||
	skip "lockbench was built without PAPI's libsde: no SDEs to read"
locks=$("$LOCKBENCH" list | awk '/^Locks/ { l = 1; next } /^$/ { l = 0 } l && /^  [^ ]/ && /\[.*stats.*\]/ { print $1 }')
[ -n "$locks" ] || skip "no lock in this build keeps lock-internal counters ([stats] in lockbench list)"

STATS="spins sleeps wakeups handoffs starve_enter starve_exit"
events=$(for s in $STATS; do printf 'sde:::lockbench::%s,' "$s"; done | sed 's/,$//')
over=$((2 * $(nproc_online)))
for lock in $locks; do
	"$LOCKBENCH" run --locks "$lock" --workload hits --threads "$over" --cs-ns 500 --reps 2 \
		--duration 1s --warmup 20ms --papi "$events" --out "$lock.csv" 2>"$lock.err"
	# The runs that ended ok are compared (a lock's crash is its own
	# tests' finding); there must be some.
	csv_col "$lock.csv" status >status.txt
	check "$lock: some runs ok ($(tail -1 "$lock.err"))" grep -qx ok status.txt
	grep -vx ok status.txt >/dev/null &&
		echo "note: $lock: runs not ok: $(csv_col "$lock.csv" error | grep -v '^NA$' | sort -u | tr '\n' ';')"
	kept=0
	for s in $STATS; do
		csv_col "$lock.csv" ops >ops.txt
		csv_col "$lock.csv" "$s" >own.txt
		csv_col "$lock.csv" "papi_sde___lockbench__$s" >sde.txt
		paste -d' ' status.txt ops.txt own.txt sde.txt | awk '$1 == "ok" { print $2, $3, $4 }' >"$s.txt"
		# NA in both where the lock does not keep the counter; else
		# SDE per op x ops = lockbench's count.
		awk '$2 == "NA" { if ($3 != "NA") bad = 1; next }
		     { d = $3 * $1 - $2; if (d < 0) d = -d; if (d > 4 + 0.02 * $2) bad = 1 }
		     END { exit bad }' "$s.txt" && ok ||
			fail "$lock: sde:::lockbench::$s per op x ops = $s: $(tr '\n' ';' <"$s.txt")"
		grep -qv ' NA ' "$s.txt" && kept=$((kept + 1))
	done
	check "$lock keeps some counter" [ "$kept" -gt 0 ]
	awk '$2 != "NA" && $2 > 0 { found = 1 } END { exit !found }' handoffs.txt sleeps.txt spins.txt &&
		ok || fail "$lock: some counter moved in an oversubscribed run"
done
finish
