#!/bin/sh
# cli-waitgroups.sh - WaitGroups as the sweep's second primitive kind, end
# to end: `list`, --waitgroups, the seed, waitgroup and errgroup workloads
# with every safe WaitGroup (oversubscribed: up to 3 threads), a hang that
# becomes a timeout row naming the flaw, the unsafe WaitGroup, --spawn,
# --work-ns, and --preset starvation.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1
FAST="--duration 100ms --warmup 10ms --reps 1"
# Where every run must show rounds: a round needs all its threads on a CPU
# in turn, and on a busy machine (CPU-bound processes beside the tests, a
# sanitizer's slower code) each wake-up in it waits for the woken thread's
# turn, so that a round at 3 threads took more than 300 ms there.  And a
# watchdog far above what a run that does not hang takes to start, run
# and report there.
SWEEP="--duration 1s --warmup 10ms --reps 1 --timeout 10s"

# --- list ---------------------------------------------------------------------
"$LOCKBENCH" list >list.txt
check "list has a WaitGroups section" grep -q "^WaitGroups (--waitgroups NAME" list.txt
for g in wg-go wg-seed wg-seed-rw wg-seed-racy wg-seed-fixed wg-cond; do
	check "list shows $g" grep -q "^  $g " list.txt
done
for w in seed waitgroup errgroup; do
	check "list shows workload $w" grep -q "^  $w " list.txt
done
grep -q "^  wg-seed-racy .*\[.*unsafe" list.txt && ok || fail "list: wg-seed-racy is unsafe"
grep -q "^  wg-seed .*\[.*oneshot" list.txt && ok || fail "list: wg-seed is one-shot"
check "list: seed uses a lock and a WaitGroup" grep -q "uses: a lock and a WaitGroup; latency: round" list.txt
check "list: errgroup's latency is cancel" grep -q "uses: a WaitGroup; latency: cancel" list.txt

# The WaitGroups as list shows them: NAME safe|unsafe, and NAME hangs for
# one with a note on how it blocks forever.
awk '/^WaitGroups/ { on = 1; next }
     on && /^$/ { exit }
     on && /^  [^ ]/ { name = $1; print name, (/\[[^]]*unsafe/ ? "unsafe" : "safe") }
     on && /^      hangs:/ { print name, "hangs" }' list.txt >wgs.txt
safe=$(awk '$2 == "safe" { print $1 }' wgs.txt)
hanging=$(awk '$2 == "hangs" { print $1 }' wgs.txt | tr '\n' ' ')
check "list marks wg-seed as one that hangs" sh -c "echo '$hanging' | grep -qw wg-seed"
nsafe=$(echo "$safe" | wc -l)

# --- every workload with every safe WaitGroup ------------------------------------
"$LOCKBENCH" run --waitgroups all --locks mcs --threads 1,2,3 $SWEEP \
	--out all.csv >run.txt 2>err.txt
rc=$?
check "run --waitgroups all exits 0 (got $rc: $(tail -1 err.txt))" [ $rc -eq 0 ]
check "3 workloads x $nsafe safe WaitGroups x 3 thread counts" \
	[ "$(($(wc -l <all.csv) - 1))" -eq $((3 * nsafe * 3)) ]
csv_col all.csv waitgroup | grep -q "^wg-seed-racy" && fail "all includes the unsafe WaitGroup" || ok
for c in workload waitgroup threads status verified lat_metric lat_samples lat_p50_ns \
	lat_max_ns wake_p50_ns wake_p99_ns wake_max_ns lock lock_opts reads writes jain \
	thread_ops_min ops ops_per_sec error; do
	csv_col all.csv $c | sed 's/ /_/g' >c.$c
done
paste -d' ' c.workload c.waitgroup c.threads c.status c.verified c.lat_metric c.lat_samples \
	c.lat_p50_ns c.lat_max_ns c.wake_p50_ns c.wake_p99_ns c.wake_max_ns c.lock c.lock_opts \
	c.reads c.writes c.jain c.thread_ops_min c.ops c.ops_per_sec c.error >rows.txt
# A WaitGroup without a hang note: every run ok and verified, with the
# round (or cancel) and wake-up columns filled and ordered.
awk -v hanging=" $hanging " '
	function num(x) { return x ~ /^[0-9]+(\.[0-9]+)?$/ }
	{ name = $2; sub(/:.*/, "", name) }
	index(hanging, " " name " ") { next }
	$4 != "ok" || $5 != "yes" { print "not ok+verified:", $0; bad = 1; next }
	$6 != ($1 == "errgroup" ? "cancel" : "round") { print "lat_metric:", $0; bad = 1 }
	!($7 > 0 && num($8) && num($9) && $8 <= $9) { print "latency columns:", $0; bad = 1 }
	!(num($10) && num($11) && num($12) && $10 <= $11 && $11 <= $12) { print "wake columns:", $0; bad = 1 }
	!($19 > 0 && $20 > 0) { print "no rounds:", $0; bad = 1 }
	END { exit bad }' rows.txt >bad.txt && ok || fail "sound WaitGroups: $(head -3 bad.txt)"
# One that can hang: ok and verified, or a timeout that names the flaw.
awk -v hanging=" $hanging " '
	{ name = $2; sub(/:.*/, "", name) }
	!index(hanging, " " name " ") { next }
	$4 == "ok" && $5 == "yes" { next }
	$4 == "timeout" && $0 ~ /can_block_forever/ { next }
	{ print; bad = 1 }
	END { exit bad }' rows.txt >bad.txt && ok || fail "hanging WaitGroups: $(head -3 bad.txt)"
# The kinds a workload does not use are NA; rounds have no reads, writes or shares.
awk '$1 != "seed" && ($13 != "NA" || $14 != "NA") { bad = 1 }
     $1 == "seed" && $13 != "mcs" { bad = 1 }
     $15 != "NA" || $16 != "NA" || $17 != "NA" || $18 != "NA" { bad = 1 }
     END { exit bad }' rows.txt && ok || fail "lock NA without a lock; reads, writes, jain NA for rounds"
csv_col all.csv workload_opts | grep -q "^work_ns=0,seed=1$" && ok || fail "errgroup's options"
csv_col all.csv workload_opts | grep -q "^keys=1024,cs_ns=0,spawn=pool$" && ok || fail "seed's options"
grep -q "rounds\|ops/s" run.txt && ok || fail "summary table"
# A case's row, not only the header and footer that name ops/s.
check "summary table: a row for wg-go on waitgroup at 3 threads" \
	grep -Eq '^wg-go +waitgroup\(work_ns=0\) +3 +[0-9.]+[kMG]? .* yes$' run.txt

# --- the lazy-quit hang: a timeout row that names the flaw; the sweep goes on ----
# With one thread main() runs both tasks before it calls Wait: the count is
# zero when Wait makes its channel, and nobody will close it.  The thread
# must get to its first round before the window ends (else it sees the stop
# first and the run ends ok, without a round): half a second, for a busy
# machine; and the next case must finish inside the watchdog.
flaw=$(awk '/^  wg-seed / { on = 1; next } on && /^      hangs:/ { sub(/^      hangs: /, ""); print; exit }
            on && /^  [^ ]/ { exit }' list.txt)
check "wg-seed says how it hangs" [ -n "$flaw" ]
for w in seed waitgroup; do
	lock=""; [ $w = seed ] && lock="--locks tas"
	"$LOCKBENCH" run --workload $w $lock --waitgroups wg-seed,wg-go --threads 1 --reps 1 \
		--duration 500ms --warmup 0 --timeout 3s --out hang-$w.csv 2>/dev/null
	check "$w: a hang does not fail the sweep" [ $? -eq 0 ]
	check "$w: the hang times out, the next case runs" \
		[ "$(csv_col hang-$w.csv status | tr '\n' ' ')" = "timeout ok " ]
	err=$(csv_col hang-$w.csv error | head -1)
	case $err in
	*"no result within 3s"*"waitgroup 'wg-seed' can block forever: $flaw"*) ok ;;
	*) fail "$w: timeout error does not name the flaw: $err" ;;
	esac
	check "$w: the timeout row has no measurements" [ "$(csv_col hang-$w.csv ops | head -1)" = NA ]
done

# --- the racy WaitGroup ---------------------------------------------------------
"$LOCKBENCH" run --workload waitgroup --waitgroups wg-seed-racy --threads 1,2 --dry-run \
	>racy.out 2>racy.err
check "wg-seed-racy above 1 thread needs --allow-unsafe (exit 2)" [ $? -eq 2 ]
check "the refusal says so" grep -q -- "--waitgroups 'wg-seed-racy'.*--allow-unsafe" racy.err
"$LOCKBENCH" run --workload waitgroup --waitgroups wg-seed-racy --threads 1 --dry-run >racy1.out
check "wg-seed-racy at 1 thread needs no flag" grep -q "^case 1: wg-seed-racy waitgroup" racy1.out
"$LOCKBENCH" run --workload waitgroup --waitgroups wg-seed-racy --allow-unsafe --threads 2 \
	$FAST --timeout 800ms --out racy.csv 2>/dev/null
check "with --allow-unsafe it runs, whatever happens" [ $? -eq 0 ]
check "with --allow-unsafe: one row" [ "$(($(wc -l <racy.csv) - 1))" -eq 1 ]

# --- --spawn, --work-ns ------------------------------------------------------------
"$LOCKBENCH" run --workload seed --locks ticket,pthread-rwlock --waitgroups wg-go \
	--spawn pool,thread --threads 2,3 $FAST --out spawn.csv 2>/dev/null
check "spawn: 8 runs" [ "$(($(wc -l <spawn.csv) - 1))" -eq 8 ]
csv_col spawn.csv status | all_equal ok && ok || fail "spawn: statuses $(csv_col spawn.csv status | tr '\n' ' ')"
csv_col spawn.csv verified | all_equal yes && ok || fail "spawn: verified"
check "spawn=thread in the options" [ "$(csv_col spawn.csv workload_opts | grep -c 'spawn=thread$')" -eq 4 ]
paste -d' ' "$(csv_col spawn.csv threads >a; echo a)" "$(csv_col spawn.csv cpus >b; echo b)" |
	awk '{ if (NF - 1 != $1) bad = 1 } END { exit bad }' && ok || fail "cpus lists one PU per thread"
"$LOCKBENCH" run --workload waitgroup --waitgroups wg-go --work-ns 0,2us --threads 2 $FAST \
	--out work.csv 2>/dev/null
check "--work-ns: one case per value" [ "$(csv_col work.csv workload_opts | tr '\n' ' ')" = "work_ns=0 work_ns=2000 " ]
csv_col work.csv verified | all_equal yes && ok || fail "--work-ns runs verified"

# --- which workloads and kinds a sweep crosses --------------------------------------
"$LOCKBENCH" run --waitgroups wg-go --locks tas --threads 1 --dry-run >default.out
check "--waitgroups alone: the three WaitGroup workloads" \
	[ "$(sed -n 's/^case [0-9]*: .* \([a-z]*\)(.*/\1/p' default.out | tr '\n' ' ')" = "seed waitgroup errgroup " ]
"$LOCKBENCH" run --workload hits,waitgroup --locks tas,mcs --waitgroups wg-go,wg-cond \
	--threads 2 --dry-run >cross.out
check "hits x locks, waitgroup x WaitGroups" [ "$(grep -c '^case' cross.out)" -eq 4 ]
check "a waitgroup case names no lock" grep -q "^case 3: wg-go[^ ]* waitgroup(work_ns=0) threads=2$" cross.out

# --- --preset starvation ---------------------------------------------------------------
pus=$(nproc_online)
top=$((4 * pus)); [ $top -lt 16 ] && top=16
nt=0; t=1
while [ $t -lt $top ]; do nt=$((nt + 1)); t=$((t * 2)); done
nt=$((nt + 1))
"$LOCKBENCH" run --preset starvation --dry-run >preset.out 2>preset.err
check "preset dry run exits 0 ($(cat preset.err))" [ $? -eq 0 ]
check "preset: 4 locks x 5 hold times x $nt thread counts" [ "$(grep -c '^case' preset.out)" -eq $((4 * 5 * nt)) ]
for m in adaptive normal starvation; do
	check "preset: gomutex:mode=$m" grep -q "^case [0-9]*: gomutex:mode=$m.* hits(cs_ns=0,think_ns=0) threads=1$" preset.out
done
check "preset: pthread-mutex for reference" grep -q "^case [0-9]*: pthread-mutex.* hits(cs_ns=1000000,think_ns=0) threads=$top$" preset.out
for cs in 0 1000 10000 100000 1000000; do
	check "preset: cs_ns=$cs" grep -q "hits(cs_ns=$cs,think_ns=0)" preset.out
done
"$LOCKBENCH" run --preset starvation --threads 2 --cs-ns 100us --dry-run >p2.out
check "flags override the preset" [ "$(grep -c '^case' p2.out)" -eq 4 ]
"$LOCKBENCH" run --preset starvation --locks pthread-mutex --threads 1,2 --dry-run >p3.out
check "--locks overrides the preset's locks" [ "$(grep -c '^case' p3.out)" -eq 10 ]
"$LOCKBENCH" run --preset starvation --threads 3 --cs-ns 0,10us --duration 40ms --warmup 0 \
	--reps 1 --out preset.csv 2>/dev/null
check "a small preset run exits 0" [ $? -eq 0 ]
check "a small preset run: 8 rows" [ "$(($(wc -l <preset.csv) - 1))" -eq 8 ]
csv_col preset.csv status | all_equal ok && ok || fail "preset statuses: $(csv_col preset.csv status | tr '\n' ' ')"
csv_col preset.csv verified | all_equal yes && ok || fail "preset: verified"
check "preset: gomutex's modes in lock_opts" [ "$(csv_col preset.csv lock_opts | grep -c '^mode=')" -eq 6 ]

finish
