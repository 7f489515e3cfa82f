#!/bin/sh
# row-invariants.sh - every row of a real sweep agrees with itself at the
# window's edges (README: the window's edges):
#   ops = reads + writes; the slowest and fastest thread bracket ops/threads;
#   timed acquisitions are at most ops; a lock hands over at most once per
#   operation (handoffs <= ops, the lock workloads); the percentiles rise to
#   the maximum; Jain's index lies in (0, 1]; the window lasts at least
#   --duration; the threads' worst waits (median <= longest) lie within the
#   window, and the slowest thread's share of it spent waiting in [0, 100].
# And FIFO locks in a convoy (ticket, mcs at 4 threads on 2 PUs) count every
# thread's turns: each thread's ops > 0 and Jain >= 0.99, in 5 runs.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

cd "$scratch" || exit 1
[ "$LB_TSAN" = yes ] && D=200ms || D=100ms

"$LOCKBENCH" run --locks pthread-mutex,tas,ticket,mcs,gomutex,gomutex:mode=starvation,gorwmutex \
	--workload hits,getset --threads 1,2,4 --cs-ns 0,2us --reps 1 --duration $D --warmup 20ms \
	--out sweep.csv >/dev/null 2>err.txt || fail "the sweep failed: $(cat err.txt)"
"$LOCKBENCH" run --locks gomutex --preset starvation --threads 4 --cs-ns 100us --reps 1 \
	--duration $D --warmup 20ms --out starve.csv >/dev/null 2>>err.txt ||
	fail "the starvation sweep failed: $(cat err.txt)"

# rows FILE: the columns the checks read, one row a line, space separated.
rows() {
	for c in status workload threads duration_s ops reads writes thread_ops_min thread_ops_max \
		jain lat_samples lat_p50_ns lat_p90_ns lat_p99_ns lat_p999_ns lat_max_ns handoffs \
		worst_wait_max_ns worst_wait_p50_ns slowest_wait_pct; do
		csv_col "$1" $c >"col.$c"
	done
	paste -d' ' col.status col.workload col.threads col.duration_s col.ops col.reads col.writes \
		col.thread_ops_min col.thread_ops_max col.jain col.lat_samples col.lat_p50_ns \
		col.lat_p90_ns col.lat_p99_ns col.lat_p999_ns col.lat_max_ns col.handoffs \
		col.worst_wait_max_ns col.worst_wait_p50_ns col.slowest_wait_pct
}

for f in sweep.csv starve.csv; do
	n=$(rows $f | wc -l)
	[ "$n" -gt 0 ] && ok || fail "$f: no rows"
	bad=$(rows $f | awk -v dur=$D '
	function na(x) { return x == "NA" }
	{
		what = "line " NR + 1 " (" $2 ", " $3 " threads)"
		if ($1 != "ok") { print what ": status " $1; next }
		want = dur + 0; if (dur ~ /ms$/) want = substr(dur, 1, length(dur) - 2) / 1000
		if ($4 < want) print what ": duration_s " $4 " < " want
		if ($5 != $6 + $7) print what ": ops " $5 " != reads " $6 " + writes " $7
		if ($8 > $9) print what ": thread_ops_min " $8 " > max " $9
		if ($8 * $3 > $5 || $9 * $3 < $5) print what ": ops " $5 " outside threads x [min, max]"
		if (!($10 > 0 && $10 <= 1.000001)) print what ": jain " $10
		if ($11 > $5) print what ": lat_samples " $11 " > ops " $5
		if (!($12 <= $13 && $13 <= $14 && $14 <= $15 && $15 <= $16))
			print what ": percentiles not rising: " $12, $13, $14, $15, $16
		if (!na($17) && $17 > $5) print what ": handoffs " $17 " > ops " $5
		# The worst waits are cut to the window (its ticks and duration_s
		# are taken a few us apart).
		if (!($19 > 0 && $19 <= $18 && $18 <= $4 * 1e9 * 1.001 + 1e5))
			print what ": worst waits p50 " $19 ", max " $18 " outside (0, " $4 " s]"
		if (!($20 >= 0 && $20 <= 100.1)) print what ": slowest_wait_pct " $20
	}')
	[ -z "$bad" ] && ok || fail "$f: $bad"
done
# The checks above read handoffs: some row must have had them.
[ "$(csv_col starve.csv handoffs | awk '$1 != "NA" && $1 > 0' | wc -l)" -gt 0 ] && ok ||
	fail "starve.csv: no row with handoffs, so handoffs <= ops was never put to the test"

# FIFO locks in a convoy: 4 threads on the 2 PUs 0 and 1 (or on 1, where
# there is only one), 5 runs each.
pus=$(nproc_online)
[ "$pus" -ge 2 ] && cpus=0,1 || cpus=0
"$LOCKBENCH" run --locks ticket,mcs --workload hits --threads 4 --pin $cpus --reps 5 \
	--duration 1s --warmup 50ms --out convoy.csv >/dev/null 2>err.txt ||
	fail "the convoy sweep failed: $(cat err.txt)"
paste -d' ' "$(csv_col convoy.csv lock >c.lock; echo c.lock)" \
	"$(csv_col convoy.csv thread_ops_min >c.min; echo c.min)" \
	"$(csv_col convoy.csv jain >c.jain; echo c.jain)" >convoy.txt
[ "$(wc -l <convoy.txt)" -eq 10 ] && ok || fail "convoy: $(wc -l <convoy.txt) rows, not 10"
bad=$(awk '$2 == 0 || $3 < 0.99 { print $1 ": thread_ops_min " $2 ", jain " $3 }' convoy.txt)
[ -z "$bad" ] && ok || fail "FIFO locks in a convoy undercounted: $bad"
finish
