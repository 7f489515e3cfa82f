#!/bin/sh
# cli-papi.sh - PAPI events through the CLI: `list --papi`, the default
# set's columns, --papi none, an unknown event (usage error), an event this
# machine cannot count (NA, one warning per sweep), and software events
# counted for real.  A build without PAPI must say so when asked for
# events.  Where PAPI's perf_event component is off (libpfm4 does not know
# the CPU: `list --papi` says so at its top), PAPI names neither the CPU's
# events nor the kernel's software events: they must be refused with that
# reason, and the sweeps run with the lock counters (SDEs) in their place.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1
FAST="--duration 40ms --warmup 10ms"
R="run --locks tas --workload hits --threads 1 --reps 1 $FAST"

# usage TEXT -- ARGS: exit 2, one line on stderr holding TEXT, no file made.
usage() {
	want=$1
	shift 2
	before=$(ls -A | sort | tr '\n' ' ')
	"$LOCKBENCH" "$@" >out.txt 2>err.txt </dev/null
	rc=$?
	[ $rc -eq 2 ] && ok || fail "lockbench $*: exit $rc, not 2"
	[ "$(wc -l <err.txt)" -eq 1 ] && ok || fail "lockbench $*: stderr not one line: $(cat err.txt)"
	grep -qF -- "$want" err.txt && ok || fail "lockbench $*: stderr lacks '$want': $(cat err.txt)"
	rm -f out.txt err.txt
	[ "$(ls -A | sort | tr '\n' ' ')" = "$before" ] && ok || fail "lockbench $*: files changed"
}

papi_columns() { head -1 "$1" | tr ',' '\n' | grep '^papi_' | tr '\n' ' '; }

# column FILE NAME: the values of column NAME, one per line.
column() { csv_col "$1" "$2"; }

if ! "$LOCKBENCH" --version | grep -q '^built with:.*papi'; then
	# --- built without PAPI ------------------------------------------------
	"$LOCKBENCH" --version | grep -q '^not built in:.*papi' && ok ||
		fail "--version lists papi as not built in: $("$LOCKBENCH" --version)"
	usage "PAPI support was not compiled in" -- $R --papi perf::PAGE-FAULTS --out x.csv
	usage "PAPI support was not compiled in" -- $R --papi default --out x.csv
	usage "PAPI support was not compiled in" -- list --papi
	"$LOCKBENCH" $R --papi none --out none.csv 2>/dev/null
	check "--papi none runs" [ "$(column none.csv status)" = ok ]
	"$LOCKBENCH" $R --out plain.csv 2>/dev/null
	check "no PAPI columns without PAPI" [ -z "$(papi_columns plain.csv)" ]
	finish
	exit
fi

# --- list --papi ---------------------------------------------------------------
"$LOCKBENCH" list --papi >list.txt 2>list.err
check "list --papi exits 0" [ $? -eq 0 ]
for e in PAPI_L1_DCM PAPI_L2_TCM PAPI_L3_TCM PAPI_CA_SHR PAPI_CA_ITV PAPI_CA_INV PAPI_CA_SNP \
	perf::CONTEXT-SWITCHES perf::CPU-MIGRATIONS perf::PAGE-FAULTS sde:::lockbench::handoffs; do
	grep -Eq "^  $e +(yes|no: .+)$" list.txt && ok || fail "list --papi: a line for $e"
done
if grep -q "^PAPI [0-9.]*: its perf_event component is off here (.*)" list.txt; then
	perf=off
	echo "PAPI's perf_event component is off here: $(head -1 list.txt)"
	grep -Eq "^  perf::PAGE-FAULTS +no: PAPI's perf_event component is off here$" list.txt &&
		ok || fail "list --papi: page faults not counted, for the component"
	good=sde:::lockbench::handoffs
else
	perf=on
	grep -Eq "^  perf::PAGE-FAULTS +yes$" list.txt && ok || fail "list --papi: page faults count here"
	good=perf::PAGE-FAULTS
fi
grep -Eq " no: *$" list.txt && fail "list --papi: a 'no' without a reason" || ok
# The default events that count here, in order.
awk '/^Default events/ { d = 1; next } /^$/ { d = 0 } d && $2 == "yes" { print $1 }' list.txt >yes.txt
counts() { grep -qx -- "$1" yes.txt; }

# --- the default set, and none ------------------------------------------------
"$LOCKBENCH" $R --out def.csv 2>def.err
want=$(sed 's/[^A-Za-z0-9_]/_/g; s/^/papi_/' yes.txt | tr '\n' ' ')
check "no --papi: the default events that count here ($want), got $(papi_columns def.csv)" \
	[ "$(papi_columns def.csv)" = "$want" ]
check "default run ok" [ "$(column def.csv status)" = ok ]
grep -q "warning: PAPI cannot count" def.err && fail "the default set warns of nothing: $(cat def.err)" || ok
"$LOCKBENCH" $R --papi none --out none.csv 2>/dev/null
check "--papi none: no PAPI columns" [ -z "$(papi_columns none.csv)" ]
# (an event outside the default set: the task clock, or a lock counter)
extra=perf::TASK-CLOCK
[ $perf = on ] || extra=sde:::lockbench::handoffs
"$LOCKBENCH" $R --papi "default,$extra" --out plus.csv 2>/dev/null
check "--papi default,EVENT: the default set, then the event" \
	[ "$(papi_columns plus.csv)" = "${want}$(echo "$extra" | sed 's/[^A-Za-z0-9_]/_/g; s/^/papi_/') " ]

# --- bad names: usage errors ------------------------------------------------------
usage "'bogus::nothing'" -- $R --papi "$good,bogus::nothing" --out x.csv
[ $perf = on ] ||
	usage "unknown event 'perf::PAGE-FAULTS' (PAPI: Event does not exist; its perf_event component, which names the CPU's and the kernel's events, is off here: " \
		-- $R --papi perf::PAGE-FAULTS --out x.csv
usage "'sde:::lockbench::nope'" -- $R --papi sde:::lockbench::nope --out x.csv
usage "an empty event name" -- $R --papi "" --out x.csv
usage "'bogus::nothing'" -- $R --papi bogus::nothing --dry-run

# --- an event PAPI knows but cannot count here: NA, one warning per sweep -------
"$LOCKBENCH" run --locks tas,ticket --workload hits --threads 1,2 --reps 2 $FAST \
	--papi "PAPI_L1_DCM,$good" --out hw.csv 2>hw.err
check "a sweep with an event it cannot count still runs" [ "$(column hw.csv status | sort -u)" = ok ]
check "8 rows" [ "$(column hw.csv papi_PAPI_L1_DCM | wc -l)" -eq 8 ]
warned=$(grep -c "warning: PAPI cannot count PAPI_L1_DCM" hw.err)
if counts PAPI_L1_DCM || grep -Eq "^  PAPI_L1_DCM +yes$" list.txt; then
	paste -d' ' "$(column hw.csv ops >a; echo a)" "$(column hw.csv papi_PAPI_L1_DCM >b; echo b)" |
		awk '$1 > 0 && $2 !~ /^[0-9.e+-]+$/ { bad = 1 } END { exit bad }' && ok ||
		fail "PAPI_L1_DCM counts here: numbers: $(column hw.csv papi_PAPI_L1_DCM | tr '\n' ' ')"
	check "no warning for an event that counts" [ "$warned" -eq 0 ]
else
	column hw.csv papi_PAPI_L1_DCM | all_equal NA && ok || fail "PAPI_L1_DCM is NA here"
	check "one warning for the whole sweep, not one per run (got $warned)" [ "$warned" -eq 1 ]
	check "the warning in the sidecar too" grep -q '^warning=PAPI cannot count PAPI_L1_DCM here: ' \
		hw.csv.meta
	[ $perf = on ] || check "the warning names the component that is off" \
		grep -q "^warning=PAPI cannot count PAPI_L1_DCM here: PAPI's perf_event component is off here: " \
		hw.csv.meta
fi
if [ $perf = on ]; then
	# (a run that made no operation has no count per operation: NA)
	paste -d' ' "$(column hw.csv ops >a; echo a)" "$(column hw.csv papi_perf__PAGE_FAULTS >b; echo b)" >pf.txt
	awk '$1 > 0 && $2 !~ /^[0-9.e+-]+$/ { bad = 1 } $1 == 0 && $2 != "NA" { bad = 1 } END { exit bad }' pf.txt &&
		ok || fail "page faults are numbers beside an NA column: $(tr '\n' ';' <pf.txt) $(grep warning hw.err)"
else
	# tas and ticket keep no hand-over count: NA beside NA, and the rows ok
	column hw.csv papi_sde___lockbench__handoffs | all_equal NA && ok ||
		fail "handoffs of locks that keep none: $(column hw.csv papi_sde___lockbench__handoffs | tr '\n' ' ')"
fi
if [ $perf = off ]; then
	echo "the software events and the task clock are not counted here: perf_event is off"
	usage "'perf::CONTEXT-SWITCHES'" -- run --locks pthread-mutex --workload hits --threads 2 \
		$FAST --papi perf::CONTEXT-SWITCHES --out sw.csv
	finish
	exit
fi

# --- software events, counted for real ------------------------------------------
# More threads than CPUs on a sleeping lock with a critical section: the
# waiters park and the holders are preempted, so every run switches
# contexts.  Page faults: the workload touches no new memory once warmed
# up, so far fewer than one per operation (a sanitizer's shadow memory
# makes a few per hundred).
over=$((4 * $(nproc_online)))
"$LOCKBENCH" run --locks pthread-mutex --workload hits --threads $over --cs-ns 1us --reps 2 \
	--duration 100ms --warmup 20ms --papi perf::CONTEXT-SWITCHES,perf::PAGE-FAULTS \
	--out sw.csv 2>sw.err
check "oversubscribed pthread-mutex runs" [ "$(column sw.csv status | sort -u)" = ok ]
if grep -q "kernel-mode counting allowed" list.txt; then
	column sw.csv papi_perf__CONTEXT_SWITCHES | awk '!($1 > 0) { bad = 1 } END { exit bad || NR != 2 }' &&
		ok || fail "context switches per op > 0: $(column sw.csv papi_perf__CONTEXT_SWITCHES | tr '\n' ' ')"
else
	column sw.csv papi_perf__CONTEXT_SWITCHES | all_equal NA && ok ||
		fail "context switches NA where kernel events may not be counted"
	grep -q "warning: PAPI cannot count perf::CONTEXT-SWITCHES here: it happens in the kernel" sw.err &&
		ok || fail "and the warning says why: $(cat sw.err)"
fi
column sw.csv papi_perf__PAGE_FAULTS | awk '!($1 >= 0 && $1 < 0.2) { bad = 1 } END { exit bad || NR != 2 }' &&
	ok || fail "page faults per op in [0, 0.2): $(column sw.csv papi_perf__PAGE_FAULTS | tr '\n' ' ')"

# One thread that never waits runs the whole window: its task clock (ns of
# CPU) per op times the ops is the window's length, less what the machine
# takes from it (other processes), and never more.  Counting the warm-up
# too, as long as the window, would come out near 2 on an idle machine.
"$LOCKBENCH" run --locks tas --workload hits --threads 1 --reps 1 --duration 200ms --warmup 200ms \
	--papi perf::TASK-CLOCK --out tc.csv 2>/dev/null
paste -d' ' "$(column tc.csv papi_perf__TASK_CLOCK >a; echo a)" "$(column tc.csv ops >b; echo b)" \
	"$(column tc.csv duration_s >c; echo c)" >tc.txt
awk '{ f = $1 * $2 / ($3 * 1e9); exit !(f > 0 && f < 1.1) }' tc.txt && ok ||
	fail "task clock x ops = the window's CPU time at most: $(cat tc.txt)"

finish
