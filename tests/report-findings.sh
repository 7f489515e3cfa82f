#!/bin/sh
# report-findings.sh - the findings of lockbench report on tests/data/
# findings.csv, made so that each finding has one right reading:
#  - the fastest lock is named only beyond the noise (Mann-Whitney U):
#    ttas against tas at 1 thread, 5 runs each, every ttas run above
#    every tas run (p = 2/252 = 0.0079); tas against ticket at 2 threads
#    overlap (not significant); 3 against 3 runs can never reach p < 0.05;
#    "At a glance" marks the lead within the noise, and only it;
#  - none is the floor, never ranked: at 2 threads it has the highest
#    median; at 1 thread ttas beats it beyond the noise (suspicious) and
#    tas only within it;
#  - gomutex adaptive against normal at cs=1us, 2 threads, runs in
#    rounds: per round 1.086, 0.941, 1.034 (median 1.034, above 1 in 2 of
#    3) while the ratio of the medians is 1.176/1.25 = 0.941;
#  - adaptive at 8 threads hands over every operation with starve_enter 0
#    in two runs (starving through the window), and in the third half of
#    them after 2 entries; at 4 threads (on 2 PUs) its slowest
#    thread does 125 operations and it enters starvation mode 125 times in
#    0.5 s: one per 4 ms, the tick at kernel_hz=250 from the sidecar;
#  - a second run of the same platform (one ticket case, 3 runs) is kept
#    apart unless --pool says otherwise.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

D=$TESTS_SRCDIR/data
stub_gnuplot "$scratch/bin"
PATH="$scratch/bin:$PATH"
export PATH
cp "$D/findings.csv" "$D/findings.csv.meta" "$scratch/"
cd "$scratch" || exit 1

page=r/index.html
has() { # DESCRIPTION TEXT: the page holds TEXT on one line
	grep -qF -- "$2" "$page" && ok || fail "$page: $1: no '$2'"
}
lacks() { # DESCRIPTION PATTERN: the page is there and no line matches PATTERN
	if [ ! -s "$page" ]; then
		fail "$page: $1: no page to read"
	elif grep -q -- "$2" "$page"; then
		fail "$page: $1: '$2' is there"
	else
		ok
	fi
}
R1=20250102T090000-box-f-200
R2=20250103T090000-box-f-300

"$LOCKBENCH" report findings.csv --out r >out.txt 2>err.txt && ok || fail "report: $(cat err.txt)"
# Runs kept apart: each is a side of its own, the header's count is true.
has "repetitions per case" "<td>up to 5 per case; each run (<code>run_id</code>) kept apart"
has "the first run's ticket at 1 thread" "<tr><td>$R1</td><td><code>ticket</code></td><td class=\"n\">1</td><td class=\"n\">5 / 5</td><td class=\"n\">300M</td>"
has "the second run's ticket at 1 thread" "<tr><td>$R2</td><td><code>ticket</code></td><td class=\"n\">1</td><td class=\"n\">3 / 3</td><td class=\"n\">250M</td>"
# The fastest lock, beyond the noise only.
# The method, said once: the test, the usual count of runs, the rounds.
has "the method, once" "<em>p</em> is the two-sided Mann&ndash;Whitney U test of their runs, 5 runs each unless a line says otherwise, and a difference counts only where p &lt; 0.05. The ratio is the median over the rounds of the two cases' ops/s paired by repetition"
check "the method only once" [ "$(grep -c 'Mann&ndash;Whitney' "$page")" -eq 1 ]
has "a winner beyond the noise" "<li>1 thread: <code>ttas</code> leads at 401M ops/s, 1.19x <code>tas</code> (336M, p = 0.00794).</li>"
has "at a glance: a clear leader plain, one within the noise marked" \
	"1&nbsp;thread <code>ttas</code> 401M&nbsp;ops/s; 2&nbsp;threads <code>tas</code> 101M&nbsp;ops/s (not clearly ahead of <code>ticket</code>)."
has "no winner within the noise, the rounds split" "<li>2 threads: no clear leader: <code>tas</code> 101M, <code>ticket</code> 100M ops/s (1.02x, p = 0.889; 3 of 5 rounds above 1, 2 below).</li>"
has "3 against 3 runs cannot decide, said in the line" "(0.97x, p = 1, 3 runs each; 1 of 3 rounds above 1, 2 below; too few runs to tell).</li>"
has "3 against 3 runs cannot decide, why" "<li>Too few runs to tell: with 3 against 3 runs no difference can reach p &lt; 0.05 (the least p is 0.1); run 5 repetitions or more"
lacks "3 against 3 runs name no winner" "threads: <code>gomutex\(:mode=[a-z]*\)\{0,1\}</code> leads"
# none: the floor, apart.
lacks "none is never the winner" "<code>none</code> leads"
lacks "none is never the runner-up" "x <code>none</code> ("
lacks "none is never among the contenders" "leader: <code>none</code>\|, <code>none</code> [0-9]"
has "the floor at 2 threads" "<li>2 threads: <code>none</code>, the floor, 500M ops/s.</li>"
has "beating the floor beyond the noise is suspicious" "<span class=\"warn\"><code>ttas</code> beats it at 401M (1.20x, p = 0.00794), beyond the noise: suspicious"
has "beating the floor within the noise" "<span><code>tas</code> beats it at 336M (1.01x, p = 0.881; 3 of 5 rounds above 1, 2 below), within the noise</span>"
# Ratios from rounds.
has "adaptive against normal, paired by round" "Against <code>gomutex:mode=normal</code>: 1.18M vs 1.25M ops/s (1.03x, not significant, p = 1, 3 runs each; 2 of 3 rounds above 1, 1 below)"
lacks "not the ratio of the medians" "(0.94x"
# Settings in words: a parameter at its default is said only where
# another setting of the workload differs in it (cs_ns), else left out
# (think_ns, the pinning).
has "cs_ns 0 said beside 1us" "<a href=\"#panel-1\">hits, no critical section</a>"
has "cs_ns 1us" "<a href=\"#panel-2\">hits, 1us critical section</a>"
lacks "defaults everywhere are left out" "\">hits,[^<]*\(think\|pin \)"
lacks "no option string in a finding" "threads*, <a href=\"#panel-[0-9]*\">[^<]*("
# Noisy cases: one line per setting and side, each lock's CV by threads.
has "noisy cases by setting" "<li><a href=\"#panel-2\">hits, 1us critical section</a> on $R1: <code>gomutex:mode=normal</code> 13.6% at 2 threads (3 runs); <code>gomutex</code> 10.9% at 2 threads (3 runs).</li>"
# Starvation mode: the share of operations, not only the entries.
has "starving through the window in some runs, entering it in another" "<code>gomutex</code> at 8 threads, <a href=\"#panel-2\">hits, 1us critical section</a>: 100.0% handed over; entered starvation mode in 1 of 3 runs, 13.8 times per million operations (median of those); <span class=\"warn\">stayed in starvation mode for the whole window</span> in 2 of 3 runs"
has "entries and share" "at 4 threads, <a href=\"#panel-2\">hits, 1us critical section</a>: 50.0% handed over; entered starvation mode in 3 of 3 runs"
# The tick.
has "at the tick" "at 4 threads, <a href=\"#panel-2\">hits, 1us critical section</a>, a tick of 4ms (kernel_hz=250): the slowest thread did one operation per 4ms; one entry into starvation mode per 4ms.</li>"
check "only that case is at the tick" [ "$(grep -c '(kernel_hz=' "$page")" -eq 1 ]

# Without kernel_hz in the sidecar, or without a sidecar: no word of the tick.
grep -v '^kernel_hz=' "$D/findings.csv.meta" >findings.csv.meta
"$LOCKBENCH" report findings.csv --out r --force >out.txt 2>err.txt && ok || fail "report without kernel_hz: $(cat err.txt)"
lacks "no kernel_hz, no tick" "scheduler tick\|(kernel_hz="
has "the rest is there" "stayed in starvation mode for the whole window"
rm findings.csv.meta
"$LOCKBENCH" report findings.csv --out r --force >out.txt 2>err.txt && ok || fail "report without a sidecar: $(cat err.txt)"
lacks "no sidecar, no tick" "scheduler tick\|(kernel_hz="

# --pool: the runs of a platform as repetitions of one case, said so.
"$LOCKBENCH" report findings.csv --pool --out p >out.txt 2>err.txt && ok || fail "report --pool: $(cat err.txt)"
page=p/index.html
has "pooled, and said" "<td>up to 8 per case, <span class=\"warn\">pooled</span>: the rows of every run of a platform are taken for repetitions of one case (<code>--pool</code>)</td>"
has "ticket at 1 thread, 8 runs" "<tr><td><code>ticket</code></td><td class=\"n\">1</td><td class=\"n\">8 / 8</td>"
# compare keeps the runs of one platform apart too, each a side named by
# its run id; with --pool they are one side, and one side of one file
# has nothing to compare.
"$LOCKBENCH" compare findings.csv --out c >out.txt 2>err.txt && ok ||
	fail "compare of two runs of one platform: $(cat err.txt)"
page=c/index.html
for id in $(cut -d, -f2 findings.csv | sed 1d | sort -u); do
	has "compare: run $id a side of its own" "<th>$id</th>"
done
"$LOCKBENCH" compare findings.csv --pool --out cp >out.txt 2>err.txt
[ $? -eq 1 ] && grep -q "nothing to compare" err.txt && ok ||
	fail "compare --pool of one platform's runs: $(cat err.txt)"

# A run that entered starvation mode and completed no operation in the
# window (line 44: gomutex at 4 threads, ops 0, starve_enter 125) counts
# among the runs that entered it, but has no rate per operation: the
# median is over the other two (625 and 641 per million).
mkdir zero && cp "$D/findings.csv.meta" zero/ &&
	sed -e '44s/,205000,410000\.0,0,205000,125,204625,0\.990000,/,0,0.0,0,0,0,0,1.000000,/' \
		-e '44s/,102500,125,0,yes/,0,125,0,yes/' findings.csv >zero/findings.csv
"$LOCKBENCH" report zero/findings.csv --out zero/r >out.txt 2>err.txt && ok || fail "report, no operation: $(cat err.txt)"
page=zero/r/index.html
has "entries per operation over the runs that did operations" \
	"at 4 threads, <a href=\"#panel-2\">hits, 1us critical section</a>: 50.0% handed over; entered starvation mode in 3 of 3 runs, 633 times per million operations (median of those)"

# At the tick, a run whose slowest thread did no operation has no period
# per operation to count: it is not left out.  gomutex at 4 threads with
# thread_ops_min 0 in two runs of three (lines 44, 45): its slowest thread
# is not said to do one operation per tick; its entries still are.
mkdir idle && cp "$D/findings.csv.meta" idle/ &&
	sed -e '44s/,205000,125,204625,/,205000,0,204625,/' -e '45s/,195000,125,194625,/,195000,0,194625,/' \
		findings.csv >idle/findings.csv
"$LOCKBENCH" report idle/findings.csv --out idle/r >out.txt 2>err.txt && ok || fail "report, idle threads: $(cat err.txt)"
page=idle/r/index.html
has "at the tick: the entries only" \
	"at 4 threads, <a href=\"#panel-2\">hits, 1us critical section</a>, a tick of 4ms (kernel_hz=250): one entry into starvation mode per 4ms.</li>"
finish
