#!/bin/sh
# plot-golden.sh - the data each chart script inlines, against the expected
# data in tests/golden/, for the fixtures in tests/data/: report.csv (a lock
# without lock counters and gomutex in three modes, hand-overs and
# starvation entries, two critical-section lengths, two repetitions, a
# papi_ column, a run that did not verify and one that timed out),
# waitgroup.csv (WaitGroup rounds with the wake-up columns) and
# compare-a.csv, compare-b.csv (two platforms, cases only one of them ran).
#
# gnuplot is a stand-in here (tests/plot-draw.sh draws with the real one).
# After a deliberate change, check the new data by hand, then copy
# $scratch/NAME.data over tests/golden/NAME.data.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

D=$TESTS_SRCDIR/data
G=$TESTS_SRCDIR/golden
stub_gnuplot "$scratch/bin"

# data_sections DIR: each chart script's data section, chart by chart.
data_sections() {
	for f in "$1"/*.gp; do
		echo "== $(basename "$f")"
		sed -n '/^# ---- data ----$/,/^# ---- chart: /{/^# ---- /d;p;}' "$f"
	done
}

# golden NAME ARGS...: lockbench ARGS --out DIR, then DIR's data against
# tests/golden/NAME.data.
golden() {
	name=$1
	shift
	if PATH="$scratch/bin:$PATH" "$LOCKBENCH" "$@" --out "$scratch/$name" \
		>"$scratch/$name.out" 2>"$scratch/$name.err"; then
		ok
	else
		fail "lockbench $*: exit status $?: $(cat "$scratch/$name.err")"
	fi
	data_sections "$scratch/$name" >"$scratch/$name.data"
	if diff -u "$G/$name.data" "$scratch/$name.data" >"$scratch/$name.diff"; then
		ok
	else
		fail "$name: the charts' data differ from tests/golden/$name.data:"
		cat "$scratch/$name.diff" >&2
	fi
}

golden report plot "$D/report.csv"
golden waitgroup plot "$D/waitgroup.csv"
golden compare compare "$D/compare-a.csv" "$D/compare-b.csv"

# The charts each fixture gives: every kind where the data has it.
charts() { (cd "$scratch/$1" && ls *.gp | tr '\n' ' '); }
want="01-hits-counters.gp 01-hits-fairness.gp 01-hits-starvation-cs-2t.gp \
01-hits-starvation-cs-4t.gp 01-hits-starvation.gp 01-hits-throughput.gp 01-hits-wait.gp \
02-hits-counters.gp 02-hits-fairness.gp 02-hits-starvation.gp 02-hits-throughput.gp \
02-hits-wait.gp "
check "report.csv charts: $(charts report)" [ "$(charts report)" = "$want" ]
want="01-rounds-fairness.gp 01-rounds-throughput.gp 01-rounds-waitgroup.gp "
check "waitgroup.csv charts: $(charts waitgroup)" [ "$(charts waitgroup)" = "$want" ]
want="01-hits-compare-throughput.gp 01-hits-compare-wait.gp "
check "compare charts: $(charts compare)" [ "$(charts compare)" = "$want" ]

# Spelled out, beyond the golden files: gomutex mode=normal at 2 threads,
# cs_ns=0 has two verified runs (12M and 10.8M ops/s) and a third that did
# not verify (6M); the median is over the two.
check "the unverified run feeds no data" \
	grep -qx '2 11400000 10800000 12000000 2' "$scratch/report/01-hits-throughput.gp"
# ticket never counts hand-overs: not in the starvation charts.
check "locks without counters stay out of the starvation chart" \
	sh -c "! sed -n '/^\\\$data/,/^EOD/p' '$scratch/report/01-hits-starvation.gp' | grep -q ticket"
# errgroup's rows (lat_metric=cancel) time a cancellation, not a round
# nor a lock's wait: their chart and page say so.
sed 's/,rounds,tasks=8,/,errgroup,tasks=8,/; s/,round,/,cancel,/' "$D/waitgroup.csv" >"$scratch/cancel.csv"
"$LOCKBENCH" report "$scratch/cancel.csv" --out "$scratch/cancel" >/dev/null 2>"$scratch/err.txt" ||
	fail "report of cancel.csv: $(cat "$scratch/err.txt")"
check "the cancel chart: its caption and axis" sh -c "grep -q \"^lb_what = 'cancel'\$\" \
	'$scratch/cancel/01-errgroup-waitgroup.gp' && grep -q 'errgroup cancellation' '$scratch/cancel/index.html'"
check "the cancel page: no acquisition wait, its columns named" sh -c "! grep -qi 'acqui' \
	'$scratch/cancel/index.html' && grep -q '<th>WaitGroup</th><th>threads</th>.*<th>p99 cancel</th>' \
	'$scratch/cancel/index.html'"
# Each chart script holds the style and its template: it draws on its own.
for f in "$scratch"/report/*.gp; do
	grep -q '^# ---- style: plots/style.gp ----$' "$f" && grep -q '^lb_term(f) =' "$f" &&
		grep -q '^do for \[f in lb_formats\]' "$f" && ok || fail "$f: not standalone"
done
finish
