#!/bin/sh
# cli-run.sh - lockbench run, list and topo end to end: the CSV's shape,
# every lock at 1 and 2 threads on both workloads, the pin policies, the
# default output path, --force.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1

HEADER='schema,run_id,case,rep,status,error,platform,host,cpu_model,packages,cores,pus,kernel,compiler,lockbench_version,lock,lock_opts,waitgroup,workload,workload_opts,threads,pin,cpus,duration_s,ops,ops_per_sec,reads,writes,thread_ops_min,thread_ops_max,jain,lat_metric,lat_samples,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,spins,sleeps,wakeups,handoffs,starve_enter,starve_exit,verified,wake_p50_ns,wake_p99_ns,wake_max_ns,owner_changes,xfer_ns,xfer_ns_max,ceiling_ops_per_sec,preempted_pct,steal_pct,worst_wait_max_ns,worst_wait_p50_ns,slowest_wait_pct'
FAST="--duration 40ms --warmup 10ms"
# The sweep whose rows must all show progress: a window long enough that a
# thread gets on a CPU in it on a busy machine (CPU-bound processes beside
# the tests, a sanitizer's slower code), where one can wait tens of
# milliseconds for its turn.
SWEEP="--duration 150ms --warmup 10ms"

# --- help, version, list, topo ---------------------------------------------
check "--version names the version and hwloc" sh -c '"$LOCKBENCH" --version | grep -q "^lockbench [0-9]" && "$LOCKBENCH" --version | grep -q hwloc'
for c in run list topo; do
	check "$c --help exits 0 with a usage line" sh -c "\"\$LOCKBENCH\" $c --help | grep -q '^usage: lockbench $c'"
done
check "--help exits 0" sh -c '"$LOCKBENCH" --help | grep -q "^usage: lockbench COMMAND"'
"$LOCKBENCH" list >list.txt
for l in pthread-mutex pthread-rwlock pthread-spin gomutex gorwmutex tas ttas ticket mcs none getset hits; do
	check "list shows $l" grep -q "^  $l " list.txt
done
check "list shows option defaults" grep -q "type=normal" list.txt
"$LOCKBENCH" topo --synthetic "pack:2 core:4 pu:2" >topo.txt
check "topo: synthetic summary" grep -q "2 packages.*8 cores.*16 PUs" topo.txt
check "topo: scatter row for 3 threads" grep -Eq "^ +3 +0,1,2 +0,8,2$" topo.txt
check "topo on this machine" sh -c '"$LOCKBENCH" topo | grep -q "PU"'

# --- a small sweep over every lock ------------------------------------------
"$LOCKBENCH" run --locks all,none --allow-unsafe --workload getset,hits --read-ratio 0.5,1 \
	--threads 1,2 --reps 2 $SWEEP --out all.csv >run.txt 2>err.txt
rc=$?
check "run exits 0 (got $rc: $(tail -1 err.txt))" [ $rc -eq 0 ]
# The schema's columns, then one per PAPI event (the default set where
# PAPI is built in: see cli-papi.sh).
check "header is schema v1 exactly" [ "$(head -1 all.csv | cut -d, -f1-57)" = "$HEADER" ]
head -1 all.csv | cut -d, -f58- | tr ',' '\n' | grep -v '^$' | grep -qv '^papi_[A-Za-z0-9_]*$' &&
	fail "after the schema's columns only papi_ columns: $(head -1 all.csv | cut -d, -f58-)" || ok
# 10 locks x (getset x 2 ratios + hits) x 2 thread counts x 2 reps
check "one row per case repetition" [ "$(($(wc -l <all.csv) - 1))" -eq 120 ]
if [ "${LB_TSAN:-no}" = yes ]; then
	# Under ThreadSanitizer `none` at 2 threads races where it writes, TSan
	# reports it and the run fails: say so, then check the other rows.
	csv_col all.csv lock >l.txt
	csv_col all.csv threads >t.txt
	csv_col all.csv error | paste -d' ' l.txt t.txt - |
		awk '$1 == "none" && $2 == 2 && /ThreadSanitizer/ { n++ } END { exit !(n > 0) }' &&
		ok || fail "ThreadSanitizer did not report none at 2 threads"
	paste -d' ' l.txt t.txt | awk '{ print ($1 == "none" && $2 == 2) }' >drop.txt
	awk 'NR == FNR { drop[FNR + 1] = $1; next } !drop[FNR]' drop.txt all.csv >kept.csv &&
		mv kept.csv all.csv
fi
csv_fields all.csv | sort -u >fields.txt
check "every line has the header's fields" [ "$(cat fields.txt)" = "$(head -1 all.csv | tr ',' '\n' | wc -l)" ]
csv_col all.csv status | all_equal ok || fail "statuses: $(csv_col all.csv status | sort | uniq -c)"
csv_col all.csv schema | all_equal 1 && ok || fail "schema column"
csv_col all.csv lat_metric | all_equal acquire && ok || fail "lat_metric"
for c in waitgroup wake_p50_ns wake_p99_ns wake_max_ns; do
	csv_col all.csv $c | all_equal NA && ok || fail "$c should be NA"
done
# Lock-internal counters: whole numbers for the locks that keep them (Go's),
# NA for the others.
csv_col all.csv lock >l.txt
for c in spins sleeps wakeups handoffs starve_enter starve_exit; do
	csv_col all.csv $c | paste -d' ' l.txt - |
		awk '$1 ~ /^go/ && $2 !~ /^[0-9]+$/ { bad = 1 } $1 !~ /^go/ && $2 != "NA" { bad = 1 }
		     END { exit bad }' && ok || fail "$c: a number for gomutex and gorwmutex, NA for the rest"
done
# every safe lock verified; none at 1 thread verified (no contention)
paste -d' ' "$(csv_col all.csv lock >l.txt; echo l.txt)" \
	"$(csv_col all.csv threads >t.txt; echo t.txt)" \
	"$(csv_col all.csv verified >v.txt; echo v.txt)" >ltv.txt
awk '$1 != "none" && $3 != "yes"' ltv.txt >bad.txt
check "every safe lock verified=yes ($(head -3 bad.txt | tr '\n' ';'))" [ ! -s bad.txt ]
awk '$1 == "none" && $2 == 1 && $3 != "yes"' ltv.txt >bad.txt
check "none at 1 thread verified=yes" [ ! -s bad.txt ]
# A thread alone always gets on.  Two can both stall for a whole window on
# a busy virtual machine (a spinlock's holder descheduled by the
# hypervisor), so of those only most runs are required to show progress.
paste -d' ' "$(csv_col all.csv threads >a; echo a)" "$(csv_col all.csv ops_per_sec >b; echo b)" \
	"$(csv_col all.csv lat_samples >c; echo c)" >progress.txt
awk '$1 == 1 && !($2 > 0 && $3 > 0) { bad = 1 } END { exit bad }' progress.txt && ok ||
	fail "one thread: ops_per_sec > 0 and lat_samples > 0"
awk '$2 > 0 && $3 > 0 { good++ } END { exit !(good >= 0.9 * NR) }' progress.txt && ok ||
	fail "ops_per_sec > 0 and lat_samples > 0 in 90% of runs"
paste -d' ' "$(csv_col all.csv lat_p50_ns >a; echo a)" "$(csv_col all.csv lat_p99_ns >b; echo b)" \
	"$(csv_col all.csv lat_max_ns >c; echo c)" |
	awk '$1 == "NA" { next } !($1 + 0 > 0 && $1 + 0 <= $2 + 0 && $2 + 0 <= $3 + 0) { bad = 1 }
	     END { exit bad }' && ok || fail "0 < p50 <= p99 <= max"
paste -d' ' "$(csv_col all.csv ops >a; echo a)" "$(csv_col all.csv reads >b; echo b)" \
	"$(csv_col all.csv writes >c; echo c)" |
	awk '$1 != $2 + $3 { bad = 1 } END { exit bad }' && ok || fail "ops = reads + writes"
paste -d' ' "$(csv_col all.csv workload >a; echo a)" "$(csv_col all.csv workload_opts >b; echo b)" \
	"$(csv_col all.csv reads >c; echo c)" "$(csv_col all.csv writes >d; echo d)" |
	awk '$1 == "hits" && $3 != 0 { bad = 1 }
	     $2 ~ /read_ratio=1,/ && $4 != 0 { bad = 1 }
	     END { exit bad }' && ok || fail "hits has no reads; read ratio 1 has no writes"
paste -d' ' "$(csv_col all.csv jain >a; echo a)" "$(csv_col all.csv thread_ops_min >b; echo b)" \
	"$(csv_col all.csv thread_ops_max >c; echo c)" |
	awk '!(($1 > 0 && $1 <= 1.000001 || $1 == "NA" && $3 == 0) && $2 <= $3) { bad = 1 }
	     END { exit bad }' && ok || fail "jain in (0,1] (NA where no thread did anything), min <= max"
paste -d' ' "$(csv_col all.csv threads >a; echo a)" "$(csv_col all.csv cpus >b; echo b)" |
	awk '{ if (NF - 1 != $1) bad = 1 } END { exit bad }' && ok || fail "cpus lists one PU per thread"
csv_col all.csv lock_opts | grep -q "^type=normal$" && ok || fail "lock_opts canonical with defaults"
paste -d' ' "$(csv_col all.csv lock >a; echo a)" "$(csv_col all.csv lock_opts >b; echo b)" \
	"$(csv_col all.csv error >c; echo c)" |
	awk '$1 == "tas" && $2 != "NA" { bad = 1 } $1 != "none" && $3 != "NA" { bad = 1 } END { exit bad }' \
	&& ok || fail "NA for the options of a lock without any, and for the error of a good run"
csv_col all.csv workload_opts | grep -q "^read_ratio=0.5,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1$" && ok || fail "workload_opts"
grep -q "^results: all.csv$" run.txt && ok || fail "run prints where the CSV went"
grep -q "ops/s" run.txt && ok || fail "run prints a summary table"
# A case's row, not only the header and footer that name ops/s.
check "the summary table has a row per case: ticket on hits at 2 threads" \
	grep -Eq '^ticket +hits\(cs_ns=0,think_ns=0\) +2 +[0-9.]+[kMG]? ' run.txt

# --- the sidecar: the clock's resolution and the kernel's tick ---------------
res=$(sed -n 's/^clock_resolution_ns=//p' all.csv.meta)
step=$(sed -n 's/^clock_min_step_ns=//p' all.csv.meta)
awk -v r="$res" -v s="$step" 'BEGIN { exit !(r ~ /^[0-9.e+-]+$/ && r > 0 && s > 0 && s <= r) }' &&
	ok || fail "sidecar: 0 < clock_min_step_ns ($step) <= clock_resolution_ns ($res)"
# A timed wait is two clock reads and more, so even the `none` lock's
# shortest wait is no shorter than the clock's resolution (a resolution in
# the wrong unit, ticks or us, fails here).
paste -d' ' l.txt t.txt "$(csv_col all.csv lat_p50_ns >a; echo a)" |
	awk -v r="$res" '$1 == "none" && $2 == 1 { n++; if ($3 + 0 < r) bad = 1 } END { exit bad || !n }' &&
	ok || fail "none's p50 wait at 1 thread is at least clock_resolution_ns ($res)"
hz=$(sed -n 's/^kernel_hz=//p' all.csv.meta)
src=$(sed -n 's/^kernel_hz_source=//p' all.csv.meta)
case $src in
config | coarse-clock) ok ;;
*) fail "sidecar: kernel_hz_source is '$src', not config or coarse-clock" ;;
esac
# The kernel's own configuration, where this machine has it, says the same.
want=$({ gzip -dc /proc/config.gz 2>/dev/null || cat "/boot/config-$(uname -r)" 2>/dev/null; } |
	sed -n 's/^CONFIG_HZ=//p')
if [ -n "$want" ]; then
	check "sidecar: kernel_hz ($hz, from $src) is the kernel's CONFIG_HZ ($want)" [ "$hz" = "$want" ]
else
	echo "kernel_hz: no kernel configuration here to hold it against"
	check "sidecar: kernel_hz ($hz) is a tick rate" awk -v h="$hz" 'BEGIN { exit !(h ~ /^[0-9]+$/ && h >= 10 && h <= 10000) }'
fi

# --- latency sampling: in count, in time, all -----------------------------------
# The thread's CPU time in the window (perf::TASK-CLOCK, ns per operation),
# where PAPI counts it: NA otherwise.
cpu=""
"$LOCKBENCH" --version | grep -q '^built with:.*papi' && cpu="--papi perf::TASK-CLOCK"
for se in 1 64 5us; do
	"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --duration 200ms \
		--warmup 20ms --sample-every $se $cpu --out se$se.csv 2>/dev/null ||
		"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --duration 200ms \
			--warmup 20ms --sample-every $se --out se$se.csv 2>/dev/null
	tc=$(csv_col se$se.csv papi_perf__TASK_CLOCK 2>/dev/null) || tc=NA
	printf '%s %s %s %s\n' "$(csv_col se$se.csv ops)" "$(csv_col se$se.csv lat_samples)" \
		"$(csv_col se$se.csv duration_s)" "$tc" >se$se.txt
done
awk '{ exit !($2 >= 0.99 * $1 && $2 <= $1 + 1024) }' se1.txt && ok ||
	fail "--sample-every 1 times every acquisition: $(cat se1.txt)"
awk '{ exit !($2 >= 0.95 * $1 / 64 && $2 <= 1.05 * $1 / 64 + 2) }' se64.txt && ok ||
	fail "--sample-every 64 times one in 64: $(cat se64.txt)"
# One every 5 to 10 us of the thread's time.  Preemption takes the thread's
# time out of the window's, so the lower bound counts in its CPU time
# (ops x TASK-CLOCK per op): on a busy machine the thread may have a
# fifth of the window or less.  Under ThreadSanitizer the loop runs some 20
# times slower and the sampling falls behind its rate, so only the upper
# bound holds there; so too where PAPI cannot count the thread's time.
if [ "${LB_TSAN:-no}" = yes ] || [ "$(cut -d' ' -f4 se5us.txt)" = NA ]; then
	echo "--sample-every 5us: at most one per 5 us checked; the lower bound is not (ThreadSanitizer, or no perf::TASK-CLOCK)"
	awk '{ exit !($2 <= 1.05 * $3 / 5e-6) }' se5us.txt && ok ||
		fail "--sample-every 5us times more than one acquisition per 5 us: $(cat se5us.txt)"
else
	awk '{ exit !($2 >= 0.5 * $1 * $4 * 1e-9 / 10e-6 && $2 <= 1.05 * $3 / 5e-6) }' se5us.txt && ok ||
		fail "--sample-every 5us times one acquisition per 5 to 10 us of the thread's CPU time: $(cat se5us.txt)"
fi

# --- pinning ----------------------------------------------------------------
"$LOCKBENCH" run --locks tas --workload hits --threads 2 --reps 1 $FAST --pin 0 --out pin0.csv 2>/dev/null
check "--pin 0 puts both threads on PU 0" [ "$(csv_col pin0.csv cpus)" = "0 0" ]
check "--pin list shows in pin column" [ "$(csv_col pin0.csv pin)" = "0" ]
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 $FAST --pin none --out pinn.csv 2>/dev/null
check "--pin none is recorded" [ "$(csv_col pinn.csv pin)" = "none" ]
csv_col pinn.csv cpus | grep -Eq '^[0-9]+$' && ok || fail "--pin none records where the thread ran"
# Where the threads ran, not a constant: confined to PU 1 by taskset, two
# unpinned threads can have run nowhere else.
if [ "$(nproc_online)" -ge 2 ] && command -v taskset >/dev/null 2>&1 && taskset -c 1 true 2>/dev/null; then
	taskset -c 1 "$LOCKBENCH" run --locks tas --workload hits --threads 2 --reps 1 $FAST \
		--pin none --out pin1.csv 2>/dev/null
	check "--pin none under taskset -c 1 records PU 1 for both threads ($(csv_col pin1.csv cpus | tr '\n' ' '))" \
		[ "$(csv_col pin1.csv cpus)" = "1 1" ]
else
	echo "--pin none under taskset -c 1: no PU 1 to confine the threads to, not checked"
fi
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 $FAST --pin scatter --out pins.csv 2>/dev/null
check "--pin scatter" [ "$(csv_col pins.csv pin)" = "scatter" ]

# --- workload parameters ------------------------------------------------------
"$LOCKBENCH" run --locks pthread-rwlock:prefer=writer --workload getset --dist zipf --skew 1.2 \
	--keys 64 --cs-ns 100,1us --think-ns 50 --threads 2 --reps 1 $FAST --out zipf.csv 2>/dev/null
check "zipf run: 4 cases, verified" [ "$(csv_col zipf.csv verified | tr '\n' ' ')" = "yes yes yes yes " ]
csv_col zipf.csv workload_opts | grep -q "keys=64,dist=zipf,skew=1.2,cs_ns=1000,think_ns=50,seed=1" && ok || fail "zipf opts: $(csv_col zipf.csv workload_opts)"
check "lock options reach the row" [ "$(csv_col zipf.csv lock_opts | sort -u)" = "prefer=writer" ]

# --- output files -------------------------------------------------------------
mkdir def && cd def || exit 1
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 $FAST --platform box-1 >o1.txt 2>&1
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 $FAST --platform box-1 >o2.txt 2>&1
check "default output under results/ named by platform" [ "$(ls results | grep -c '^box-1-[0-9]\{8\}-[0-9]\{6\}.*\.csv$')" -eq 2 ]
for f in results/*.csv; do
	[ "$(wc -l <"$f")" -eq 2 ] && ok || fail "$f has one row"
done
csv_col "$(ls results/*.csv | head -1)" platform | all_equal box-1 && ok || fail "platform column"
cd .. || exit 1
echo old >forced.csv
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 $FAST --out forced.csv --force 2>/dev/null
check "--force replaces the file" [ "$(head -1 forced.csv | cut -d, -f1-57)" = "$HEADER" ]

# --- more threads than PUs: allowed, with a warning ----------------------------
over=$(($(nproc_online) + 1))
"$LOCKBENCH" run --locks ttas --workload hits --threads $over --reps 1 $FAST --out over.csv 2>over.err
check "oversubscribed run exits 0" [ $? -eq 0 ]
grep -q "warning: $over threads on $(nproc_online) PUs: oversubscribed" over.err && ok || fail "oversubscription warning: $(cat over.err)"
check "oversubscribed run verified" [ "$(csv_col over.csv verified)" = yes ]

# --- --dry-run lists the cases and writes nothing -------------------------------
mkdir dry && (cd dry && "$LOCKBENCH" run --locks tas,mcs --workload getset,hits --read-ratio 0.5 \
	--threads 1,2 --reps 3 --dry-run >plan.txt 2>err.txt)
check "dry run: one line per case" [ "$(grep -c '^case [0-9]*: ' dry/plan.txt)" -eq 8 ]
check "dry run: the run count" grep -q "^8 cases x 3 reps = 24 runs, about" dry/plan.txt
check "dry run: first case" grep -q "^case 1: tas getset(read_ratio=0.5,.*) threads=1$" dry/plan.txt
check "dry run: no results written" [ ! -e dry/results ]
(cd dry && "$LOCKBENCH" run --locks tas,mcs --workload getset,hits --read-ratio 0.5 \
	--threads 1,2 --reps 3 --shard 1/2 --dry-run >shard.txt 2>&1)
check "dry run of a shard: its cases listed" [ "$(grep -c '^case [0-9]*: ' dry/shard.txt)" -eq 4 ]
check "dry run of a shard: its runs counted, not the sweep's" grep -q "^4 cases x 3 reps = 12 runs" dry/shard.txt
(cd dry && "$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --dry-run >one.txt 2>&1)
check "dry run of one run: counted in the singular" grep -q "^1 case x 1 rep = 1 run, about" dry/one.txt
# 8 runs of 1.1s each and 0.03s besides; the 4 of wg-seed at most 5.03s each.
(cd dry && "$LOCKBENCH" run --workload waitgroup --waitgroups wg-seed,wg-go --threads 1,2 \
	--reps 2 --warmup 100ms --duration 1s --timeout 5s --dry-run >hang.txt 2>&1)
check "dry run: runs that can block forever are counted at --timeout for the most" \
	grep -q "^4 cases x 2 reps = 8 runs, about 10s, up to 25s if the 4 runs of WaitGroups that can block forever" dry/hang.txt

# --- none at 1 thread needs no --allow-unsafe ----------------------------------
"$LOCKBENCH" run --locks none --workload hits --threads 1 --reps 1 $FAST --out none1.csv 2>/dev/null
check "none at 1 thread runs without --allow-unsafe" [ "$(csv_col none1.csv verified)" = yes ]

finish
